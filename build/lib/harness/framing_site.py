"""A site of another origin whose one page frames a URL: to check that no one can.

It is a real loopback server, not a Playwright route: Chromium treats a routed
page as a public site, and its Private Network Access rules would then block
the frame before the framed site's own policy is even read.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class _FramingPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        target = parse_qs(urlsplit(self.path).query).get("cadre", [""])[0]
        body = (
            "<!doctype html><title>Encadrement</title>"
            f'<iframe title="cadre" src="{html.escape(target)}"></iframe>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet: the suites' output is the mock's log


@contextmanager
def framing_site() -> Iterator[str]:
    """The framing site's address while the block runs: ``<it>/?cadre=<url>`` frames url."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FramingPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="framing-site")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
