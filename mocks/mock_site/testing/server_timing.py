"""``Server-Timing: app;dur=<ms>`` on every answer in test mode.

How long the portal itself worked on a request, as browsers' devtools and
``make bench`` read it: the rest of a page's time is the network, the
browser and the test driving it.
"""

from __future__ import annotations

import time

from flask import Flask, g
from werkzeug.wrappers import Response


def _start_clock() -> None:
    g.server_timing_start = time.perf_counter()


def _add_header(response: Response) -> Response:
    started = g.get("server_timing_start")
    if started is not None:
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
    return response


def init_app(app: Flask) -> None:
    # First in, so the fault delays of this session count as the server's time.
    app.before_request_funcs.setdefault(None, []).insert(0, _start_clock)
    app.after_request(_add_header)
