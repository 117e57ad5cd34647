"""Find a browser Playwright can drive, on a laptop and on CI alike.

Order: the browser Playwright installed (``playwright install``), else a
system Chromium (Debian's ``chromium`` package, ...; for headless runs its
``chromium-headless-shell`` first, as Playwright itself does), else a clear
message saying how to get one. ``python -m harness.browser --install`` also installs
one when none is found (used by ``make setup``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

# Keep Chromium off the network: on a closed machine it otherwise retries
# Google's update and component hosts at every start.
OFFLINE_CHROMIUM_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)

SYSTEM_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# For headless runs, the old headless shell first: the browser Playwright itself runs
# headless, about half the CPU of a full Chromium in its new headless mode.
SYSTEM_HEADLESS_SHELL_NAMES = ("chromium-headless-shell", "chrome-headless-shell")
DEBIAN_PACKAGES = ("chromium", "chromium-headless-shell")
SYSTEM_CHROMIUM_ENV = "HARNESS_CHROMIUM"  # an explicit path wins over the search

HOW_TO_GET_ONE = """\
No browser found for Playwright. Install one, any of:
  - python -m playwright install chromium        (Playwright's browser, if its host answers)
  - apt-get install chromium                      (Debian/Ubuntu: the system's Chromium)
  - export HARNESS_CHROMIUM=/path/to/chromium     (a Chromium or Chrome already on this machine)
Then run the command again. `make setup` tries these installs itself."""


@dataclass(frozen=True)
class BrowserChoice:
    """How to launch: ``executable_path`` is None for Playwright's own browser."""

    source: str
    executable_path: str | None = None
    args: tuple[str, ...] = field(default=OFFLINE_CHROMIUM_ARGS)


def playwright_browser_path(browser_name: str = "chromium") -> str | None:
    """The executable Playwright installed for ``browser_name``, if it is on disk."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = getattr(playwright, browser_name).executable_path
    return path if path and Path(path).exists() else None


def system_chromium_path(*, headless: bool = False) -> str | None:
    """``HARNESS_CHROMIUM`` if set, else the first system Chromium found (a headless
    shell first when ``headless``)."""
    explicit = os.environ.get(SYSTEM_CHROMIUM_ENV)
    if explicit:
        return explicit if Path(explicit).exists() else None
    names = (
        (*SYSTEM_HEADLESS_SHELL_NAMES, *SYSTEM_CHROMIUM_NAMES)
        if headless
        else SYSTEM_CHROMIUM_NAMES
    )
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def choose_chromium(playwright_path: str | None, system_path: str | None) -> BrowserChoice | None:
    """Playwright's own Chromium first, then the system's; None when neither exists."""
    if playwright_path:
        return BrowserChoice("playwright")
    if system_path:
        return BrowserChoice("system", executable_path=system_path)
    return None


def resolve_chromium(*, headless: bool = False) -> BrowserChoice | None:
    return choose_chromium(
        playwright_browser_path("chromium"), system_chromium_path(headless=headless)
    )


def _run(command: list[str]) -> bool:
    print("+ " + " ".join(command), flush=True)
    try:
        return subprocess.run(command, check=False, timeout=900).returncode == 0
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"  failed: {error}", flush=True)
        return False


def install_chromium() -> BrowserChoice | None:
    """Install a Chromium: Debian's package when we can (root + apt), else Playwright's."""
    if _can_apt_install():
        apt_install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends"]
        if _run(["apt-get", "update", "-qq"]) and _run([*apt_install, *DEBIAN_PACKAGES]):
            choice = resolve_chromium()
            if choice:
                return choice
    if _run([sys.executable, "-m", "playwright", "install", "chromium"]):
        return resolve_chromium()
    return None


def _can_apt_install() -> bool:
    return bool(shutil.which("apt-get")) and hasattr(os, "geteuid") and os.geteuid() == 0


def add_headless_shell(choice: BrowserChoice) -> None:
    """A system Chromium without its headless shell: add the shell where apt can (the
    suites then run on it); nothing is lost where it cannot."""
    if choice.source != "system" or any(map(shutil.which, SYSTEM_HEADLESS_SHELL_NAMES)):
        return
    if _can_apt_install():
        apt_install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends"]
        if _run(["apt-get", "update", "-qq"]):
            _run([*apt_install, "chromium-headless-shell"])


def install_chromedriver() -> bool:
    """Debian's chromedriver, matching its Chromium (for ``make bench``'s Selenium journey)."""
    if shutil.which("chromedriver"):
        return True
    if _can_apt_install():
        apt_install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends"]
        if _run(["apt-get", "update", "-qq"]) and _run([*apt_install, "chromium-driver"]):
            return shutil.which("chromedriver") is not None
    print(
        "chromedriver not found: install chromium-driver (Debian) or put a chromedriver "
        "matching your Chromium's version on the PATH.",
        file=sys.stderr,
    )
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Find (or install) the browser the tests run on.")
    parser.add_argument("--install", action="store_true", help="install Chromium if none is found")
    parser.add_argument(
        "--chromedriver",
        action="store_true",
        help="also install chromedriver (for the Selenium journey of make bench)",
    )
    args = parser.parse_args(argv)
    if args.chromedriver and not install_chromedriver():
        return 1
    choice = resolve_chromium()
    if choice is None and args.install:
        choice = install_chromium()
    elif choice is not None and args.install:
        add_headless_shell(choice)
    if choice is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    where = choice.executable_path or "installed by Playwright"
    print(f"Browser: Chromium ({choice.source}): {where}")
    if choice.source == "system":
        print(f"Headless: {system_chromium_path(headless=True)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
