"""Ending a child process the harness started: ask first, then insist."""

from __future__ import annotations

import subprocess


def stop_process(process: subprocess.Popen[str] | None, *, timeout_s: float) -> None:
    """SIGTERM, wait up to ``timeout_s`` for it to close cleanly, then SIGKILL."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
