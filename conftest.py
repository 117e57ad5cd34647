"""The browser every suite launches: pytest-playwright's, resolved for this machine.

The browser is the one pytest-playwright would launch (so ``--browser``,
``--browser-channel``, ``--headed``, ``--slowmo``, ``--device``,
``--tracing``, ``--video``, ``--screenshot``, ``--output`` all work), except
that when Playwright's own Chromium is not installed a system Chromium is
used, and when there is none the run stops with a message saying how to get
one. What starts the mock portal lives in ``e2e/conftest.py``: the fast tests
in ``tests/`` never start a server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserType

from harness.browser import HOW_TO_GET_ONE, OFFLINE_CHROMIUM_ARGS, system_chromium_path
from harness.identities import Identity, new_identity


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], browser_type: BrowserType
) -> dict[str, Any]:
    """pytest-playwright's launch options, plus a system Chromium when Playwright has none."""
    options = dict(browser_type_launch_args)
    if options.get("channel") or options.get("executable_path"):
        return options  # the user chose a browser explicitly
    if browser_type.name == "chromium":
        options["args"] = [*OFFLINE_CHROMIUM_ARGS, *options.get("args", [])]
    if Path(browser_type.executable_path).exists():
        return options
    if browser_type.name != "chromium":
        pytest.fail(
            f"Playwright's {browser_type.name} is not installed: "
            f"run `python -m playwright install {browser_type.name}`.",
            pytrace=False,
        )
    system = system_chromium_path(headless=options.get("headless", True))
    if system is None:
        pytest.fail(HOW_TO_GET_ONE, pytrace=False)
    options["executable_path"] = system
    return options


@pytest.fixture
def identity() -> Identity:
    """A fresh, valid identity nobody has signed up with (for unit and browser tests)."""
    return new_identity()
