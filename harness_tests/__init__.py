"""Tests of the harness as a plugin, run the way a QA team runs it (outside this repository)."""
