"""FranceConnect's own test API under /__test__/ (test mode only; else 404).

Its settings are global to this FranceConnect server, not per session: the
harness runs one portal + FranceConnect pair per test worker, so one worker's
tests never see another's. Tests that change them reset them when done
(DELETE /__test__/faults).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from .identities import Identity
from .models import Client
from .oidc import federation

bp = Blueprint("fc_testing", __name__, url_prefix="/__test__")


def _payload() -> dict[str, Any]:
    data = request.get_json(force=True, silent=True)
    return data if isinstance(data, dict) else {}


def _error(message: str, status: int = 400) -> tuple[Response, int]:
    return jsonify({"error": message}), status


@bp.put("/providers/<provider_id>")
def set_provider(provider_id: str) -> tuple[Response, int]:
    """JSON {"available": false} makes a provider unavailable; true brings it back."""
    fed = federation()
    if provider_id not in fed.providers:
        return _error(f"unknown provider; one of {sorted(fed.providers)}", 404)
    if _payload().get("available", True):
        fed.unavailable_providers.discard(provider_id)
    else:
        fed.unavailable_providers.add(provider_id)
    return jsonify(
        {"provider": provider_id, "available": provider_id not in fed.unavailable_providers}
    ), 200


@bp.put("/faults/token")
def set_token_fault() -> tuple[Response, int]:
    """JSON {"status": 500}: the token endpoint answers that status until cleared."""
    status = _payload().get("status")
    if not isinstance(status, int) or not 400 <= status <= 599:
        return _error("status must be an HTTP error code (400-599)")
    federation().token_fault_status = status
    return jsonify({"token": {"status": status}}), 200


@bp.delete("/faults/token")
def clear_token_fault() -> Response:
    federation().token_fault_status = None
    return jsonify({})


@bp.put("/faults/signing")
def set_signing_fault() -> tuple[Response, int]:
    """JSON {"foreign_key": true}: ID tokens signed by a key not in the JWKS."""
    federation().signing.use_foreign_key = bool(_payload().get("foreign_key", True))
    return jsonify({"signing": {"foreign_key": federation().signing.use_foreign_key}}), 200


@bp.delete("/faults")
def clear_faults() -> Response:
    """Every provider available, token endpoint and signing back to normal."""
    federation().reset_faults()
    return jsonify({})


@bp.post("/clients")
def register_client() -> tuple[Response, int]:
    """JSON {client_id, client_secret, redirect_uris, post_logout_redirect_uris?, client_name?}."""
    data = _payload()
    if not data.get("client_id") or not data.get("client_secret") or not data.get("redirect_uris"):
        return _error("client_id, client_secret and redirect_uris are required")
    client = Client.from_dict(data)
    federation().store.register_client(client)
    return jsonify({"client_id": client.client_id, "redirect_uris": client.redirect_uris}), 201


@bp.post("/identities")
def add_identity() -> tuple[Response, int]:
    """A one-off test identity (same fields as identities.json), so parallel
    tests each sign in as someone nobody else uses."""
    data = _payload()
    required = (
        "id",
        "provider",
        "login",
        "password",
        "nir",
        "given_name",
        "family_name",
        "birthdate",
        "gender",
    )
    missing = [name for name in required if not data.get(name)]
    if missing:
        return _error(f"missing: {', '.join(missing)}")
    if data["provider"] not in federation().providers:
        return _error("unknown provider")
    data.setdefault("birthplace", "")
    data.setdefault("birthplace_name", "")
    data.setdefault("birthcountry", "99100")
    data.setdefault("email", None)
    try:
        identity = Identity.from_dict(data)
    except TypeError as error:
        return _error(str(error))
    federation().store.add_identity(identity)
    return jsonify({"id": identity.id}), 201


@bp.post("/codes/<code>/expire")
def expire_code(code: str) -> tuple[Response, int]:
    """Make an issued, unused authorization code expired now."""
    if not federation().store.expire_code(code):
        return _error("no such unused code", 404)
    return jsonify({"expired": code}), 200


@bp.get("/identities")
def list_identities() -> Response:
    return jsonify(
        [
            {"id": i.id, "provider": i.provider, "login": i.login, "nir": i.nir, "email": i.email}
            for i in federation().store.identities()
        ]
    )
