"""Start the mock portal and its FranceConnect mock for a test run, and stop them."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from harness.processes import stop_process

STARTUP_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class MockSite:
    portal_url: str
    franceconnect_url: str


class MockSiteProcess:
    """``python -m mock_site --test-mode`` on free loopback ports, in its own process.

    ``test_mode=False`` serves it as in production (no /__test__/ API), to check
    that the test API is really absent there.
    """

    def __init__(self, database: Path, log_path: Path, *, test_mode: bool = True) -> None:
        self.database = database
        self.log_path = log_path
        self.test_mode = test_mode
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> MockSite:
        command = [
            sys.executable,
            "-m",
            "mock_site",
            *(["--test-mode"] if self.test_mode else []),
            "--port",
            "0",
            "--franceconnect-port",
            "0",
            "--db",
            str(self.database),
        ]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        # The environment variable would turn test mode back on.
        env.pop("MOCK_SITE_TEST_MODE", None)
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, args=(lines,), daemon=True).start()
        try:
            site = self._read_addresses(lines)
            wait_until_answering(site.portal_url)
            # FranceConnect v2's discovery document, under /api/v2
            wait_until_answering(
                f"{site.franceconnect_url}/api/v2/.well-known/openid-configuration"
            )
        except BaseException:
            self.stop()  # never leave a half-started server behind
            raise
        return site

    def _pump(self, lines: queue.Queue[str | None]) -> None:
        """Copy the server's output to a log file (kept for failure reports)."""
        assert self._process is not None
        assert self._process.stdout is not None
        with self.log_path.open("w", encoding="utf-8") as log:
            for line in self._process.stdout:
                log.write(line)
                log.flush()
                lines.put(line)
        lines.put(None)

    def _read_addresses(self, lines: queue.Queue[str | None]) -> MockSite:
        # The lines the server prints, in the one module that prints them.
        from .__main__ import FRANCECONNECT_LINE, PORTAL_LINE

        portal = franceconnect = None
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while portal is None or franceconnect is None:
            remaining = deadline - time.monotonic()
            try:
                line = lines.get(timeout=max(remaining, 0.01))
            except queue.Empty:
                line = ""
            if line is None or remaining <= 0:
                self.stop()
                raise RuntimeError(f"mock_site did not print its addresses; see {self.log_path}")
            if line.startswith(PORTAL_LINE):
                portal = line[len(PORTAL_LINE) :].strip()
            elif line.startswith(FRANCECONNECT_LINE):
                franceconnect = line[len(FRANCECONNECT_LINE) :].strip()
        return MockSite(portal, franceconnect)

    def stop(self) -> None:
        stop_process(self._process, timeout_s=10)


def wait_until_answering(url: str, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
    """One request to ``url``, any HTTP status accepted.

    The servers print their addresses only once their sockets listen, so a
    connection made after that waits in the backlog: no polling is needed.
    """
    try:
        with urllib.request.urlopen(url, timeout=timeout_s):
            return
    except urllib.error.HTTPError:
        return  # it answered
    except (urllib.error.URLError, OSError) as error:
        raise RuntimeError(f"{url} did not answer: {error}") from error
