"""The caller's own session: today's date, and the signup step it stands at."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify, session
from werkzeug.wrappers import Response

from cpf import rules

from .. import accounts, clock
from ..signup import flow as signup_flow
from .blueprint import bp, json_payload


@bp.put("/clock")
def set_clock() -> tuple[Response, int]:
    """JSON {"today": "YYYY-MM-DD"}: the date the portal uses for this session."""
    payload = json_payload()
    try:
        today = date.fromisoformat(str(payload.get("today")))
    except ValueError:
        return jsonify({"error": "today must be YYYY-MM-DD"}), 400
    session[clock.SESSION_KEY] = today.isoformat()
    return jsonify({"today": today.isoformat()}), 200


@bp.delete("/clock")
def reset_clock() -> Response:
    session.pop(clock.SESSION_KEY, None)
    return jsonify({"today": clock.today().isoformat()})


@bp.get("/clock")
def read_clock() -> Response:
    return jsonify({"today": clock.today().isoformat()})


@bp.put("/flow")
def put_flow() -> tuple[Response, int]:
    """Put this session at a signup step with its data already given.

    JSON: {"step": 3..5, "data": {"nir", "birth_name", "first_name", "email",
    "password"}}. The data must pass the form's rules, as if typed; the
    password is stored hashed, as the form does.
    """
    payload: dict[str, Any] = json_payload()
    try:
        step = signup_flow.Step(int(payload.get("step", 0)))
    except ValueError:
        return jsonify({"error": "step must be 3, 4 or 5"}), 400
    Step = signup_flow.Step
    if step not in (Step.FORMULAIRE, Step.CONTROLE, Step.CLOTURE):
        return jsonify({"error": "step must be 3, 4 or 5"}), 400
    data = dict(payload.get("data") or {})
    flow_data: dict[str, Any] = {}
    if step > signup_flow.Step.FORMULAIRE:
        problems = _form_problems(data)
        if problems:
            return jsonify({"error": "invalid data", "fields": problems}), 400
        flow_data = {
            "nir": rules.parse_nir(data["nir"]).compact,
            "birth_name": data["birth_name"].strip(),
            "first_name": data["first_name"].strip(),
            "email": rules.normalize_email(data["email"]),
            "password_hash": accounts.hash_password(data["password"]),
        }
    signup_flow.mark_connexion_seen()
    flow = signup_flow.start_flow(step, flow_data)
    return jsonify({"step": int(flow.step)}), 200


def _form_problems(data: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    try:
        rules.parse_nir(str(data.get("nir", "")))
    except rules.NirError as error:
        problems["nir"] = str(error)
    for field in ("birth_name", "first_name"):
        if message := rules.name_error(field, str(data.get(field, ""))):
            problems[field] = message
    if message := rules.email_error(str(data.get("email", ""))):
        problems["email"] = message
    if message := rules.password_error(str(data.get("password", ""))):
        problems["password"] = message
    return problems
