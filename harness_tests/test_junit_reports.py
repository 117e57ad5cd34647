"""Reading failed tests back from JUnit XML (used by scripts/flakes.py, and by the make
targets to record failed tests again with full traces)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.junit_reports import failed_tests, main, node_id

ROOT = Path(__file__).resolve().parents[1]

REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
  <testcase classname="e2e.test_captcha" name="test_wrong_tile_is_refused[chromium]"/>
  <testcase classname="e2e.test_captcha" name="test_right_tile_passes[chromium]">
    <failure message="AssertionError: Locator expected to be visible&#10;Call log:">...</failure>
  </testcase>
  <testcase classname="tests.test_test_mode" name="test_absent[chromium-POST /__test__/reset]">
    <error message="failed on setup with &quot;TimeoutError&quot;">...</error>
  </testcase>
</testsuite></testsuites>
"""


def test_failures_and_errors_are_read_with_their_first_line(tmp_path: Path) -> None:
    report = tmp_path / "run.xml"
    report.write_text(REPORT, encoding="utf-8")
    captcha = "e2e/test_captcha.py::test_right_tile_passes[chromium]"
    reset = "tests/test_test_mode.py::test_absent[chromium-POST /__test__/reset]"
    assert failed_tests(report, ROOT) == {
        captcha: "AssertionError: Locator expected to be visible",
        reset: 'failed on setup with "TimeoutError"',
    }


def test_a_missing_report_has_no_failures(tmp_path: Path) -> None:
    assert failed_tests(tmp_path / "none.xml", ROOT) == {}


def test_a_test_class_stays_in_the_node_id() -> None:
    assert node_id("tests.test_rules.TestNir", "test_key", ROOT) == (
        "tests/test_rules.py::TestNir::test_key"
    )


def test_the_command_prints_the_failed_node_ids_for_pytest_at_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the make targets feed to `pytest @file` to record failures again."""
    report = tmp_path / "run.xml"
    report.write_text(REPORT, encoding="utf-8")
    assert main([str(report), "--rootdir", str(ROOT)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "e2e/test_captcha.py::test_right_tile_passes[chromium]",
        "tests/test_test_mode.py::test_absent[chromium-POST /__test__/reset]",
    ]
    assert main([str(report), "--rootdir", str(ROOT), "--first", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "e2e/test_captcha.py::test_right_tile_passes[chromium]"
    ]
