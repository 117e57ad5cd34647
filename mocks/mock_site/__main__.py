"""python -m mock_site: serve the portal and the FranceConnect mock on loopback.

Both listen before either app is built, so each app can be told the other's
real address even when the ports are chosen by the system (``--port 0``).
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable, Iterable
from types import FrameType
from typing import Any

from franceconnect_mock import create_app as create_franceconnect_app
from werkzeug.serving import BaseWSGIServer, make_server

from cpf.franceconnect import SERVICE_NAME

from . import create_app, db

PORTAL_LINE = "Mon Compte Formation portal: "
FRANCECONNECT_LINE = "FranceConnect mock: "


class _LateApp:
    """A WSGI app filled in once the addresses are known."""

    app: Callable[..., Iterable[bytes]]

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        return self.app(environ, start_response)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m mock_site",
        description="Serve the mock Mon Compte Formation portal and its FranceConnect mock.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=5000, help="the portal's port (0: any free port)"
    )
    parser.add_argument(
        "--franceconnect-port",
        type=int,
        default=None,
        help="FranceConnect's port (default: the portal's port + 1, or any free port)",
    )
    parser.add_argument(
        "--test-mode",
        action="store_true",
        default=None,
        help="mount the test API under /__test__/ (also: MOCK_SITE_TEST_MODE=1)",
    )
    parser.add_argument(
        "--db",
        default=None,
        help="SQLite file, its schema created if missing (default: instance/portal.sqlite3)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    fc_port = args.franceconnect_port
    if fc_port is None:
        fc_port = args.port + 1 if args.port else 0

    portal_app, fc_app = _LateApp(), _LateApp()
    portal_server: BaseWSGIServer = make_server(args.host, args.port, portal_app, threaded=True)
    fc_server: BaseWSGIServer = make_server(args.host, fc_port, fc_app, threaded=True)
    portal_url = f"http://{args.host}:{portal_server.server_port}"
    fc_url = f"http://{args.host}:{fc_server.server_port}"

    # Options given on the command line win over the configuration's other sources.
    portal_config: dict[str, Any] = {"FRANCECONNECT_ISSUER": fc_url}
    if args.test_mode:
        portal_config["TEST_MODE"] = True
    if args.db:
        portal_config["DATABASE"] = args.db
    portal_app.app = create_app(portal_config)
    test_mode = bool(portal_app.app.config["TEST_MODE"])
    db.ensure_db(portal_app.app.config["DATABASE"])
    # The portal builds its callback URLs from the Host it is reached by: register
    # both loopback spellings so http://localhost:<port> works as well.
    portal_origins = [portal_url]
    if args.host in ("127.0.0.1", "localhost"):
        port = portal_server.server_port
        portal_origins = [f"http://{name}:{port}" for name in ("127.0.0.1", "localhost")]
    fc_app.app = create_franceconnect_app(
        {
            "TEST_MODE": test_mode,
            "ISSUER": fc_url,
            "PORTAL_CLIENT": {
                "client_id": portal_app.app.config["FRANCECONNECT_CLIENT_ID"],
                "client_secret": portal_app.app.config["FRANCECONNECT_CLIENT_SECRET"],
                "client_name": SERVICE_NAME,
                "redirect_uris": [f"{origin}/franceconnect/retour" for origin in portal_origins],
                "post_logout_redirect_uris": [
                    f"{origin}/franceconnect/deconnexion/retour" for origin in portal_origins
                ],
            },
        }
    )

    # serve_forever looks for a shutdown request every poll interval: 0.1 s instead of
    # 0.5 s makes each test run's servers stop at once rather than a second later.
    threads = [
        threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True, name=name)
        for name, server in (("portal", portal_server), ("franceconnect", fc_server))
    ]
    for thread in threads:
        thread.start()
    print(PORTAL_LINE + portal_url, flush=True)
    print(FRANCECONNECT_LINE + fc_url, flush=True)
    if test_mode:
        print("Test mode: the /__test__/ API is on", flush=True)

    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    stop.wait()
    for server in (portal_server, fc_server):
        server.shutdown()


if __name__ == "__main__":
    main()
