"""Login lock-out controls, so tests need not fail five times nor wait 15 minutes."""

from __future__ import annotations

from datetime import timedelta

from flask import jsonify
from werkzeug.wrappers import Response

from cpf import rules

from .. import accounts, clock
from .blueprint import bp, json_payload


def _account_or_404(nir: str) -> accounts.Account | tuple[Response, int]:
    account = accounts.by_nir(rules.compact_nir(nir))
    if account is None:
        return jsonify({"error": "no such account"}), 404
    return account


@bp.put("/accounts/<nir>/lock")
def lock_account(nir: str) -> tuple[Response, int]:
    """JSON {"minutes": 15}: locked for that long from now; a negative number
    gives a lock that has already run out (to test its expiry)."""
    found = _account_or_404(nir)
    if not isinstance(found, accounts.Account):
        return found
    payload = json_payload()
    try:
        minutes = int(payload.get("minutes", 15))
    except (TypeError, ValueError):
        return jsonify({"error": "minutes must be an integer"}), 400
    until = (clock.now() + timedelta(minutes=minutes)).isoformat(timespec="seconds")
    accounts.update(found.id, locked_until=until)
    return jsonify({"nir": found.nir, "locked_until": until}), 200


@bp.delete("/accounts/<nir>/lock")
def unlock_account(nir: str) -> tuple[Response, int]:
    """Lift the lock and forget the failed logins."""
    found = _account_or_404(nir)
    if not isinstance(found, accounts.Account):
        return found
    accounts.update(found.id, locked_until=None, failed_logins=0)
    return jsonify({"nir": found.nir, "locked_until": None}), 200
