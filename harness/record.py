"""Record a test by using the portal: the mock in test mode plus Playwright's recorder.

    python -m harness.record                      # what `make record` runs
    python -m harness.record --output e2e/test_new.py

Starts the portal and its FranceConnect (test mode, a database of its own),
then opens ``playwright codegen --target python-pytest`` on the portal. When
Playwright's own Chromium is absent, the same recorder is opened from Python
on the system Chromium, as ``codegen`` has no option for a browser path.
Close the browser window to end; the generated test is in ``--output``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.browser import HOW_TO_GET_ONE, OFFLINE_CHROMIUM_ARGS, resolve_chromium

TARGET = "python-pytest"
DEFAULT_OUTPUT = Path("recordings/test_recorded.py")


def has_display() -> bool:
    """A recorder is a window: Linux needs an X or Wayland display (macOS, Windows have one)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def codegen_command(url: str, output: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "playwright",
        "codegen",
        "--target",
        TARGET,
        "--output",
        str(output),
        url,
    ]


def record_with_system_chromium(executable_path: str, url: str, output: Path) -> None:
    """What ``codegen`` does, on a Chromium given by path.

    ``BrowserContext._show_recorder`` is the call behind ``playwright codegen``:
    private in the Python API, stable within the pinned playwright 1.65.
    """
    from playwright.sync_api import sync_playwright

    launch = {
        "executable_path": executable_path,
        "headless": False,
        "args": list(OFFLINE_CHROMIUM_ARGS),
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch)  # type: ignore[arg-type]
        context = browser.new_context()
        context._sync(  # type: ignore[attr-defined]
            context._impl_obj._show_recorder(
                {
                    "language": TARGET,
                    "mode": "recording",
                    "launchOptions": {"executablePath": executable_path, "headless": False},
                    "contextOptions": {},
                    "outputFile": str(output.resolve()),
                    "handleSIGINT": False,
                }
            )
        )
        page = context.new_page()
        page.goto(url)
        # The person records, then closes the window: nothing to time here.
        page.wait_for_event("close", timeout=0)
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not has_display():
        print(
            "No display (DISPLAY): the recorder is a window. Run `make record` "
            "on a machine with a screen, or under `xvfb-run` with a VNC.",
            file=sys.stderr,
        )
        return 1
    choice = resolve_chromium()
    if choice is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    try:
        # The mocks' distribution: beside the harness in this repository's environment.
        from mock_site.process import MockSiteProcess
    except ImportError:
        print("The recorder starts the mock portal: pip install ./mocks first.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="record-") as folder:
        process = MockSiteProcess(Path(folder) / "portal.sqlite3", Path(folder) / "mock.log")
        site = process.start()
        try:
            print(f"Portal (test mode): {site.portal_url}")
            print(f"FranceConnect: {site.franceconnect_url}")
            print(f"Test written to: {args.output} (close the window to finish)")
            if choice.executable_path is None:
                subprocess.run(codegen_command(site.portal_url, args.output), check=False)
            else:
                record_with_system_chromium(choice.executable_path, site.portal_url, args.output)
        except KeyboardInterrupt:
            pass
        finally:
            process.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
