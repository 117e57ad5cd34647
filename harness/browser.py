"""Find a browser Playwright can drive, on a laptop and on CI alike.

Order: the browser Playwright installed (``playwright install``), else a
system Chromium (Debian's ``chromium`` package, ...), else a clear message
saying how to get one. ``python -m harness.browser --install`` also installs
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
SYSTEM_CHROMIUM_ENV = "HARNESS_CHROMIUM"  # an explicit path wins over the search

HOW_TO_GET_ONE = """\
Aucun navigateur utilisable par Playwright n'a été trouvé (No browser found for Playwright).
Installez-en un, au choix :
  - python -m playwright install chromium        (le navigateur de Playwright, s'il est joignable)
  - apt-get install chromium                      (Debian/Ubuntu : le Chromium du système)
  - export HARNESS_CHROMIUM=/chemin/vers/chromium (un Chromium ou Chrome déjà présent)
Puis relancez la commande. « make setup » tente ces installations lui-même."""


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


def system_chromium_path() -> str | None:
    explicit = os.environ.get(SYSTEM_CHROMIUM_ENV)
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in SYSTEM_CHROMIUM_NAMES:
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


def resolve_chromium() -> BrowserChoice | None:
    return choose_chromium(playwright_browser_path("chromium"), system_chromium_path())


def _run(command: list[str]) -> bool:
    print("+ " + " ".join(command), flush=True)
    try:
        return subprocess.run(command, check=False, timeout=900).returncode == 0
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"  échec : {error}", flush=True)
        return False


def install_chromium() -> BrowserChoice | None:
    """Install a Chromium: Debian's package when we can (root + apt), else Playwright's."""
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        apt_install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"]
        if _run(["apt-get", "update", "-qq"]) and _run(apt_install):
            choice = resolve_chromium()
            if choice:
                return choice
    if _run([sys.executable, "-m", "playwright", "install", "chromium"]):
        return resolve_chromium()
    return None


def install_chromedriver() -> bool:
    """Debian's chromedriver, matching its Chromium (for ``make bench``'s Selenium journey)."""
    if shutil.which("chromedriver"):
        return True
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        apt_install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends"]
        if _run(["apt-get", "update", "-qq"]) and _run([*apt_install, "chromium-driver"]):
            return shutil.which("chromedriver") is not None
    print(
        "chromedriver introuvable : installez chromium-driver (Debian) ou mettez un chromedriver "
        "de la version de votre Chromium dans le PATH.",
        file=sys.stderr,
    )
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Trouve (ou installe) le navigateur des tests.")
    parser.add_argument("--install", action="store_true", help="installer Chromium s'il manque")
    parser.add_argument(
        "--chromedriver",
        action="store_true",
        help="installer aussi chromedriver (le parcours Selenium de make bench)",
    )
    args = parser.parse_args(argv)
    if args.chromedriver and not install_chromedriver():
        return 1
    choice = resolve_chromium()
    if choice is None and args.install:
        choice = install_chromium()
    if choice is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    where = choice.executable_path or "installé par Playwright"
    print(f"Navigateur : Chromium ({choice.source}) : {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
