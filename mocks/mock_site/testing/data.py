"""Reset, seed accounts, read the outbox."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request
from werkzeug.wrappers import Response

from cpf import rules

from .. import accounts, clock, outbox, rights
from ..db import init_db
from .blueprint import bp, json_payload


def _refused(field: str, message: str) -> tuple[Response, int]:
    """A 400 that names the field and gives the rule's own (French) message, as
    PUT /__test__/flow does."""
    return jsonify({"error": f"invalid {field}", "fields": {field: message}}), 400


@bp.post("/reset")
def reset() -> Response:
    """Empty every table. Meant for a whole run's start, not for one test."""
    init_db(current_app.config["DATABASE"])
    return jsonify({"reset": True})


@bp.post("/accounts")
def seed_account() -> tuple[Response, int]:
    """Create an account directly, already activated.

    JSON: nir, email, birth_name, first_name, password (optional: none means
    FranceConnect only), sector ("prive" or "public"), career
    ([{"year", "quotite"}]), dif_hours, dif_reported_on, franceconnect_sub.
    Sector and career default to what a signup would give (rights.initial_profile).
    """
    payload: dict[str, Any] = json_payload()
    try:
        nir = rules.parse_nir(str(payload.get("nir", ""))).compact
    except rules.NirError as error:
        return _refused("nir", str(error))
    email = str(payload.get("email", ""))
    if error_message := rules.email_error(email):
        return _refused("email", error_message)
    password = payload.get("password")
    # Like a signup: sector and career from the seed data or the documented default.
    default_sector, default_career = rights.initial_profile(nir, clock.today())
    try:
        account = accounts.create_account(
            nir=nir,
            email=rules.normalize_email(email),
            birth_name=str(payload.get("birth_name", "Martin")),
            first_name=str(payload.get("first_name", "Camille")),
            password_hash=accounts.hash_password(password) if password else None,
            sector=str(payload.get("sector", default_sector)),
            career=payload.get("career", default_career),
            dif_hours=payload.get("dif_hours"),
            dif_reported_on=payload.get("dif_reported_on"),
            franceconnect_sub=payload.get("franceconnect_sub"),
            send_confirmation=bool(payload.get("send_confirmation", False)),
        )
    except accounts.DuplicateAccount as error:
        return jsonify({"error": f"duplicate {error.field}"}), 409
    return jsonify({"id": account.id, "nir": account.nir, "email": account.email}), 201


@bp.get("/accounts/<nir>")
def read_account(nir: str) -> tuple[Response, int]:
    account = accounts.by_nir(rules.compact_nir(nir))
    if account is None:
        return jsonify({"error": "no such account"}), 404
    return jsonify(
        {
            "id": account.id,
            "nir": account.nir,
            "email": account.email,
            "birth_name": account.birth_name,
            "first_name": account.first_name,
            "sector": account.sector,
            "has_password": account.password_hash is not None,
            "dif_hours": account.dif_hours,
            "franceconnect_sub": account.franceconnect_sub,
            "failed_logins": account.failed_logins,
            "locked": account.locked_until is not None,
        }
    ), 200


@bp.get("/outbox")
def read_outbox() -> Response:
    """Messages, oldest first; ``?to=`` keeps one recipient's."""
    return jsonify(outbox.messages(request.args.get("to")))
