"""Fault injection: a delay or an HTTP error on a chosen step, for the caller's
session; and, forwarded to the FranceConnect mock (testing/franceconnect.py),
an unavailable provider or a broken FranceConnect answer."""

from __future__ import annotations

import time
from typing import Any

from flask import abort, current_app, jsonify, request, session
from werkzeug.wrappers import Response

from ..session_keys import TEST_FAULTS
from .blueprint import bp, json_payload

# Step names a test may target, and the endpoints each covers.
STEPS: dict[str, tuple[str, ...]] = {
    "accueil": ("public.accueil",),
    "connexion": ("account.connexion",),
    "formulaire": ("signup.start", "signup.form"),
    "controle": ("signup.captcha", "signup.captcha_image", "signup.captcha_refresh"),
    "cloture": ("signup.cgu",),
    "activation": ("signup.activated",),
    "droits": ("account.droits",),
    "dif": ("account.dif",),
    "franceconnect": ("franceconnect_login.start", "franceconnect_login.callback"),
}

MAX_DELAY_MS = 30_000


# Requests no fault can target never read the session: reading it makes Flask answer
# "Vary: Cookie", and the browser would fetch the stylesheet again on every page.
_TARGETED_ENDPOINTS = frozenset(endpoint for endpoints in STEPS.values() for endpoint in endpoints)


def apply_fault() -> None:
    """before_request hook: delay or fail the request if a fault targets it."""
    if request.endpoint not in _TARGETED_ENDPOINTS:
        return
    faults: dict[str, dict[str, Any]] = session.get(TEST_FAULTS) or {}
    for step, fault in faults.items():
        if request.endpoint in STEPS.get(step, ()):
            if delay := fault.get("delay_ms"):
                # A server-side delay on purpose: it is what tests of slowness observe.
                time.sleep(delay / 1000)
            if status := fault.get("status"):
                abort(int(status))


@bp.put("/faults/<step>")
def set_step_fault(step: str) -> tuple[Response, int]:
    """JSON {"status": 503} and/or {"delay_ms": 1500} for one step of this session."""
    if step not in STEPS:
        return jsonify({"error": f"unknown step; one of {sorted(STEPS)}"}), 400
    payload = json_payload()
    try:
        fault = {key: int(payload[key]) for key in ("status", "delay_ms") if key in payload}
    except (TypeError, ValueError):
        return jsonify({"error": "status and delay_ms must be integers"}), 400
    if not fault:
        return jsonify({"error": "give status and/or delay_ms"}), 400
    if "status" in fault and not 400 <= fault["status"] <= 599:
        return jsonify({"error": "status must be an HTTP error, 400 to 599"}), 400
    if not 0 <= fault.get("delay_ms", 0) <= MAX_DELAY_MS:
        return jsonify({"error": f"delay_ms must be 0 to {MAX_DELAY_MS}"}), 400
    faults = dict(session.get(TEST_FAULTS) or {})
    faults[step] = fault
    session[TEST_FAULTS] = faults
    return jsonify(faults), 200


@bp.delete("/faults")
def clear_faults() -> Response:
    session.pop(TEST_FAULTS, None)
    return jsonify({})


# What this test API offers, by the harness's names (harness/capabilities.py), and the
# mock's own seed data (FranceConnect's fixed identities, seeded careers).
CAPABILITIES = (
    "seed_accounts",
    "signup_at_step",
    "captcha_answer",
    "captcha_state",
    "clock",
    "step_faults",
    "account_admin",
    "franceconnect_faults",
    "mock_data",
)


@bp.get("/config")
def read_config() -> Response:
    """What this test API offers, and where this portal's FranceConnect lives: the harness
    asks once per run."""
    return jsonify(
        {
            "franceconnect_issuer": current_app.config.get("FRANCECONNECT_ISSUER"),
            "capabilities": list(CAPABILITIES),
        }
    )
