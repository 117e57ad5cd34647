"""FranceConnect's own test API under /__test__/ (test mode only; else 404).

Its settings are global to this FranceConnect server, not per session: the
harness runs one portal + FranceConnect pair per test worker, so one worker's
tests never see another's. Tests that change them reset them when done
(DELETE /__test__/faults).

Faults (PUT /__test__/faults/<fault>, DELETE the same path to clear one):

- ``authorize`` {"error": "login_required"}: the authorization request is answered
  with that error, at the client's checked redirect URI;
- ``token`` {"status": 500} or {"without": ["id_token"]};
- ``signing`` {"foreign_key": true}, {"alg": "none"} or {"kid": "cle-inconnue"};
- ``id_token`` {"claims": {"iss": ...}, "without": ["nonce"], "seconds_from_now": {"exp": -600}};
- ``userinfo`` {"claims": {"sub": ...}, "without": ["sub"]};
- ``userinfo_signing`` as ``signing``, for the userinfo JWT;
- ``jwks`` {"only": "ES256"}: that key alone in the JWKS; {"extra_keys": true}: two
  more keys in it, signing nothing.

``signing`` and ``userinfo_signing`` also take {"without_kid": true}: the published
key, with no ``kid`` in the header.

FranceConnect's clock, per client (GET, PUT {"now": 1893456000}, DELETE
/__test__/clients/<client_id>/clock): every lifetime of that client's sign-ins
is read from it; DELETE /__test__/faults lets every clock run again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from .answer_faults import (
    TIMED_CLAIMS,
    TOKEN_MEMBERS,
    ClaimsFault,
    FaultError,
    Faults,
    JwksFault,
    SigningFault,
)
from .identities import Identity
from .models import Client, RegistrationError
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


@bp.put("/faults/<fault>")
def set_fault(fault: str) -> tuple[Response, int]:
    """One fault (see FAULTS), until it or every fault is cleared."""
    build = FAULTS.get(fault)
    if build is None:
        return _error(f"unknown fault; one of {sorted(FAULTS)}", 404)
    fed = federation()
    try:
        fed.faults = build(fed.faults, _payload())
    except FaultError as error:
        return _error(str(error))
    return jsonify({fault: _payload()}), 200


@bp.delete("/faults/<fault>")
def clear_fault(fault: str) -> tuple[Response, int]:
    if fault not in FAULTS:
        return _error(f"unknown fault; one of {sorted(FAULTS)}", 404)
    fed = federation()
    fed.faults = replace(fed.faults, **{name: getattr(Faults(), name) for name in FIELDS[fault]})
    return jsonify({}), 200


@bp.delete("/faults")
def clear_faults() -> Response:
    """Every provider available, every answer back to normal."""
    federation().reset_faults()
    return jsonify({})


def _authorize_fault(faults: Faults, data: dict[str, Any]) -> Faults:
    """{"error": "login_required"}: authorization requests answered with that error."""
    error = data.get("error")
    if not isinstance(error, str) or not ERROR_CODE.fullmatch(error):
        raise FaultError("error must be an error code such as login_required")
    return replace(faults, authorize_error=error)


def _token_fault(faults: Faults, data: dict[str, Any]) -> Faults:
    """{"status": 500}: the token endpoint fails; {"without": ["id_token"]}: its answer
    leaves those members out."""
    status, left_out = data.get("status"), data.get("without")
    if status is not None and (not isinstance(status, int) or not 400 <= status <= 599):
        raise FaultError("status must be an HTTP error code (400-599)")
    if left_out is not None and (
        not isinstance(left_out, list) or not set(left_out) <= set(TOKEN_MEMBERS)
    ):
        raise FaultError(f"without must list members among {list(TOKEN_MEMBERS)}")
    if status is None and not left_out:
        raise FaultError("give status or without")
    return replace(faults, token_status=status, token_left_out=frozenset(left_out or ()))


def _signing_fault(faults: Faults, data: dict[str, Any]) -> Faults:
    """{"foreign_key": true}, {"alg": "none"} or {"kid": "cle-inconnue"}."""
    return replace(faults, signing=SigningFault.from_payload(data))


def _id_token_fault(faults: Faults, data: dict[str, Any]) -> Faults:
    """{"claims": {...}, "without": [...], "seconds_from_now": {"exp": -600}}."""
    return replace(faults, id_token=ClaimsFault.from_payload(data, timed=TIMED_CLAIMS))


def _userinfo_fault(faults: Faults, data: dict[str, Any]) -> Faults:
    """{"claims": {...}, "without": [...]}."""
    return replace(faults, userinfo=ClaimsFault.from_payload(data))


def _userinfo_signing_fault(faults: Faults, data: dict[str, Any]) -> Faults:
    """{"foreign_key": true}, {"alg": "none"} or {"kid": "cle-inconnue"}, for userinfo."""
    return replace(faults, userinfo_signing=SigningFault.from_payload(data))


def _jwks_fault(faults: Faults, data: dict[str, Any]) -> Faults:
    """{"only": "ES256"}: a single key published; {"extra_keys": true}: two more."""
    return replace(faults, jwks=JwksFault.from_payload(data))


FAULTS: dict[str, Callable[[Faults, dict[str, Any]], Faults]] = {
    "authorize": _authorize_fault,
    "token": _token_fault,
    "signing": _signing_fault,
    "id_token": _id_token_fault,
    "userinfo": _userinfo_fault,
    "userinfo_signing": _userinfo_signing_fault,
    "jwks": _jwks_fault,
}
# The fields of Faults each one sets, for clearing it alone.
FIELDS = {
    "authorize": ("authorize_error",),
    "token": ("token_status", "token_left_out"),
    "signing": ("signing",),
    "id_token": ("id_token",),
    "userinfo": ("userinfo",),
    "userinfo_signing": ("userinfo_signing",),
    "jwks": ("jwks",),
}
ERROR_CODE = re.compile(r"[a-z_]{1,64}")


@bp.post("/clients")
def register_client() -> tuple[Response, int]:
    """JSON {client_id, client_secret, redirect_uris, post_logout_redirect_uris?, client_name?,
    id_token_signed_response_alg?, userinfo_signed_response_alg? ("ES256" or "RS256")};
    answers the registration without the secret."""
    data = _payload()
    if not data.get("client_id") or not data.get("client_secret") or not data.get("redirect_uris"):
        return _error("client_id, client_secret and redirect_uris are required")
    try:
        client = Client.from_dict(data)
    except RegistrationError as error:
        return _error(str(error))
    federation().store.register_client(client)
    return jsonify(client.as_registered()), 201


@bp.route("/clients/<client_id>/clock", methods=["GET", "PUT", "DELETE"])
def client_clock(client_id: str) -> tuple[Response, int]:
    """FranceConnect's clock for one client: PUT {"now": <seconds since the epoch>} stops
    it there (PUT again to move it), DELETE lets it run again; each answers {"now": ...}."""
    fed = federation()
    if fed.store.client(client_id) is None:
        return _error("unknown client", 404)
    if request.method == "PUT":
        instant = _payload().get("now")
        if not isinstance(instant, int | float) or isinstance(instant, bool) or instant < 0:
            return _error("now must be a number of seconds since the epoch")
        fed.clock.stop_at(client_id, float(instant))
    elif request.method == "DELETE":
        fed.clock.restart(client_id)
    return jsonify({"now": fed.clock.now(client_id)}), 200


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
