"""The harness stands alone: ``page_objects`` and ``harness`` import without the mock.

Someone who drives a portal served elsewhere installs the harness without the
mock's web stack (Flask, Authlib, the database). Each check runs in a fresh
interpreter, as such a user's would start: modules already imported by this
test session would hide an import.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# The mock's web stack and the mock itself: none of them may load with the harness.
MOCK_STACK = {"flask", "flask_wtf", "authlib", "werkzeug", "mock_site", "franceconnect_mock"}

# Imports every module of the given packages, then prints which of MOCK_STACK got loaded.
PROBE = """
import importlib, json, pkgutil, sys
for name in sys.argv[1:]:
    package = importlib.import_module(name)
    for module in pkgutil.iter_modules(getattr(package, "__path__", []), name + "."):
        importlib.import_module(module.name)
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & set(%r))))
"""


def mock_stack_loaded_by_importing(*packages: str) -> list[str]:
    probe = PROBE % sorted(MOCK_STACK)
    result = subprocess.run(
        [sys.executable, "-c", probe, *packages],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded: list[str] = json.loads(result.stdout)
    return loaded


def test_page_objects_and_harness_import_without_the_mock_web_stack() -> None:
    assert mock_stack_loaded_by_importing("page_objects", "harness", "cpf") == []


def test_the_probe_sees_the_web_stack_when_the_mock_is_imported() -> None:
    # Proves the check above can fail: importing the mock loads Flask and Authlib.
    loaded = mock_stack_loaded_by_importing("mock_site", "franceconnect_mock")
    assert {"flask", "authlib", "mock_site"} <= set(loaded)


def test_the_harness_distribution_requires_and_ships_nothing_of_the_mocks() -> None:
    """What ``pip install .`` brings: the plugin, its packages, no web stack."""
    import tomllib

    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    required = " ".join(project["project"]["dependencies"]).lower()
    for web in ("flask", "wtforms", "authlib", "talisman", "joserfc", "werkzeug"):
        assert web not in required
    shipped = project["tool"]["setuptools"]["packages"]["find"]["include"]
    assert not any(name.startswith(("mock_site", "franceconnect_mock")) for name in shipped)
    entry = project["project"]["entry-points"]["pytest11"]
    assert entry == {"cpf_harness": "harness.plugin"}
