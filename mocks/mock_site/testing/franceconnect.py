"""Fault injection at FranceConnect, through the portal's test API.

Each call is forwarded to the FranceConnect mock's own test API (its
/__test__/), so a test given only the portal's address can reach it. Unlike
the portal's per-session faults, these are global to that FranceConnect
server: the harness runs one portal + FranceConnect pair per test worker, so
only tests of the same worker share them; reset them when done
(DELETE /__test__/franceconnect/faults).

- PUT    /__test__/franceconnect/providers/<provider_id>  {"available": false}
- PUT    /__test__/franceconnect/faults/<fault>            (authorize, token, signing, id_token,
                                                           userinfo, userinfo_signing: payloads
                                                           in the README)
- DELETE /__test__/franceconnect/faults/<fault>            (that one back to normal)
- DELETE /__test__/franceconnect/faults                    (everything back to normal)
- POST   /__test__/franceconnect/identities                (a one-off test identity)
- POST   /__test__/franceconnect/clients                   (register another client)
- GET / PUT / DELETE /__test__/franceconnect/clients/<client_id>/clock  (FranceConnect's clock
                                                           for that client: {"now": seconds})
"""

from __future__ import annotations

import requests
from flask import current_app, jsonify, request
from werkzeug.wrappers import Response

from .blueprint import bp

TIMEOUT_SECONDS = 10


def _forward(method: str, path: str) -> tuple[Response, int]:
    issuer = current_app.config.get("FRANCECONNECT_ISSUER")
    if not issuer:
        return jsonify({"error": "FRANCECONNECT_ISSUER is not set"}), 503
    try:
        answer = requests.request(
            method,
            f"{issuer.rstrip('/')}/__test__/{path}",
            json=request.get_json(force=True, silent=True),
            timeout=TIMEOUT_SECONDS,
        )
    except requests.RequestException as error:
        return jsonify({"error": f"FranceConnect unreachable: {error}"}), 502
    try:
        body = answer.json()
    except ValueError:
        body = {"error": answer.text[:200]}
    return jsonify(body), answer.status_code


@bp.put("/franceconnect/providers/<provider_id>")
def franceconnect_provider(provider_id: str) -> tuple[Response, int]:
    return _forward("PUT", f"providers/{provider_id}")


@bp.put("/franceconnect/faults/<fault>")
def set_franceconnect_fault(fault: str) -> tuple[Response, int]:
    return _forward("PUT", f"faults/{fault}")


@bp.delete("/franceconnect/faults/<fault>")
def clear_franceconnect_fault(fault: str) -> tuple[Response, int]:
    return _forward("DELETE", f"faults/{fault}")


@bp.delete("/franceconnect/faults")
def clear_franceconnect_faults() -> tuple[Response, int]:
    return _forward("DELETE", "faults")


@bp.post("/franceconnect/identities")
def add_franceconnect_identity() -> tuple[Response, int]:
    return _forward("POST", "identities")


@bp.post("/franceconnect/clients")
def register_franceconnect_client() -> tuple[Response, int]:
    return _forward("POST", "clients")


@bp.route("/franceconnect/clients/<client_id>/clock", methods=["GET", "PUT", "DELETE"])
def franceconnect_clock(client_id: str) -> tuple[Response, int]:
    return _forward(request.method, f"clients/{client_id}/clock")
