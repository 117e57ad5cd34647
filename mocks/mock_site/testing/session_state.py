"""The caller's own session: today's date, and the signup step it stands at."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify, session
from werkzeug.wrappers import Response

from .. import clock, session_keys
from ..signup import details as signup_details
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
    session[session_keys.TEST_TODAY] = today.isoformat()
    return jsonify({"today": today.isoformat()}), 200


@bp.delete("/clock")
def reset_clock() -> Response:
    session.pop(session_keys.TEST_TODAY, None)
    return jsonify({"today": clock.today().isoformat()})


@bp.get("/clock")
def read_clock() -> Response:
    return jsonify({"today": clock.today().isoformat()})


@bp.put("/flow")
def put_flow() -> tuple[Response, int]:
    """Put this session at a signup step with its data already given.

    JSON: {"step": 3..5, "data": {"nir", "birth_name", "first_name", "email",
    "password", "password_confirmation"}}; the confirmation defaults to the
    password. From step 4 on, the data goes through the form's own path
    (``signup.details``): refused as the form would refuse it, with the form's
    message per field, and kept as the form keeps it (the password hashed).
    """
    payload: dict[str, Any] = json_payload()
    try:
        step = signup_flow.Step(int(payload.get("step", 0)))
    except (TypeError, ValueError):
        return jsonify({"error": "step must be 3, 4 or 5"}), 400
    Step = signup_flow.Step
    if step not in (Step.FORMULAIRE, Step.CONTROLE, Step.CLOTURE):
        return jsonify({"error": "step must be 3, 4 or 5"}), 400
    flow_data: dict[str, Any] = {}
    if step > Step.FORMULAIRE:
        typed = _typed(payload.get("data"))
        if refused := signup_details.problems(typed):
            error = "the signup form would refuse this data: " + ", ".join(refused)
            return jsonify({"error": error, "fields": refused}), 400
        flow_data = signup_details.kept(typed)
    session_keys.mark_connexion_seen()
    flow = signup_flow.start_flow(step, flow_data)
    return jsonify({"step": int(flow.step)}), 200


def _typed(data: Any) -> dict[str, str]:
    """The form's fields as a user would have typed them: text, the confirmation
    the same as the password unless given; anything else reads as empty."""
    given = data if isinstance(data, dict) else {}
    typed = {
        name: value if isinstance(value := given.get(name), str) else ""
        for name in signup_details.FIELDS
    }
    if "password_confirmation" not in given:
        typed["password_confirmation"] = typed["password"]
    return typed
