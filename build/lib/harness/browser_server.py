"""A Playwright browser server for Chromium, for suites that run on another machine.

    python -m harness.browser_server --port 3000                # loopback only
    python -m harness.browser_server --host 0.0.0.0 --port 3000 --ws-path /chromium

prints the WebSocket endpoint (``ws://...``) that the suites take as
``--browser-server-url`` or ``PLAYWRIGHT_BROWSER_SERVER``, and serves until
stopped (Ctrl+C, SIGTERM).

``playwright run-server`` only serves Playwright's own browser builds (it
ignores a launch ``executablePath``), so this runs ``chromium.launchServer``
with the Node driver that the playwright wheel carries: it serves whichever
Chromium ``harness.browser`` finds, a system Chromium included, with the same
offline flags as the suites' own launches.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import TracebackType

from harness.browser import HOW_TO_GET_ONE, OFFLINE_CHROMIUM_ARGS, resolve_chromium
from harness.processes import stop_process

STARTUP_TIMEOUT_S = 60.0

# Runs in the driver's Node: prints the endpoint on its first line, closes the
# browser (not just the socket) on SIGTERM/SIGINT so no Chromium is left behind.
LAUNCH_SERVER_JS = """
const { chromium } = require(process.env.PLAYWRIGHT_CORE_PATH);
const options = JSON.parse(process.env.BROWSER_SERVER_OPTIONS);
chromium.launchServer(options).then((server) => {
  console.log(server.wsEndpoint());
  const close = () => server.close().then(() => process.exit(0));
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}, (error) => {
  console.error(error);
  process.exit(1);
});
"""


def driver_node_and_package() -> tuple[Path, Path]:
    """The Node binary and the playwright-core package that the playwright wheel ships."""
    from playwright._impl._driver import compute_driver_executable

    node, cli = compute_driver_executable()
    return Path(node), Path(cli).parent


def launch_server_options(
    *, port: int, host: str, ws_path: str | None, executable_path: str | None
) -> dict[str, object]:
    """``chromium.launchServer`` options: headless, offline flags, the chosen Chromium."""
    options: dict[str, object] = {
        "headless": True,
        "port": port,
        "host": host,
        "args": list(OFFLINE_CHROMIUM_ARGS),
    }
    if ws_path:
        options["wsPath"] = ws_path if ws_path.startswith("/") else "/" + ws_path
    if executable_path:
        options["executablePath"] = executable_path
    return options


class BrowserServer:
    """``chromium.launchServer`` in a child Node process; a context manager."""

    def __init__(
        self,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        ws_path: str | None = None,
        executable_path: str | None = None,
    ) -> None:
        self.options = launch_server_options(
            port=port, host=host, ws_path=ws_path, executable_path=executable_path
        )
        self._process: subprocess.Popen[str] | None = None
        self.ws_endpoint = ""

    def start(self) -> str:
        """Start the server; returns its ``ws://`` endpoint once it accepts connections."""
        node, package = driver_node_and_package()
        env = {
            **os.environ,
            "PLAYWRIGHT_CORE_PATH": str(package),
            "BROWSER_SERVER_OPTIONS": json.dumps(self.options),
        }
        self._process = subprocess.Popen(
            [str(node), "-e", LAUNCH_SERVER_JS], stdout=subprocess.PIPE, text=True, env=env
        )
        assert self._process.stdout is not None
        # launchServer resolves once the socket listens: its first line is the endpoint.
        first_line = self._process.stdout.readline().strip()
        if not first_line.startswith("ws://"):
            self.stop()
            raise RuntimeError(f"the browser server did not start (said {first_line!r})")
        self.ws_endpoint = first_line
        return first_line

    def wait(self) -> int:
        assert self._process is not None
        return self._process.wait()

    def stop(self) -> None:
        stop_process(self._process, timeout_s=15)

    def __enter__(self) -> BrowserServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a Chromium to the suites (Playwright).")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--host", default="127.0.0.1", help="0.0.0.0 to serve other machines")
    parser.add_argument("--ws-path", default=None, help="fixed path (default: a random one)")
    args = parser.parse_args(argv)
    choice = resolve_chromium(headless=True)  # it serves headless: the shell, where there is one
    if choice is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    server = BrowserServer(
        port=args.port,
        host=args.host,
        ws_path=args.ws_path,
        executable_path=choice.executable_path,
    )
    # SIGTERM ends this process through the same path as Ctrl+C: the server is closed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        endpoint = server.start()
        print(f"Browser server: {endpoint}", flush=True)
        print(f"  pytest e2e --browser-server-url {endpoint}", flush=True)
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
