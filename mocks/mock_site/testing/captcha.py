"""The captcha's answer for the caller's own session, so browser tests can pass step 4."""

from __future__ import annotations

from flask import jsonify
from werkzeug.wrappers import Response

from ..db import transaction
from ..signup import captcha as signup_captcha
from ..signup import flow as signup_flow
from .blueprint import bp


def _current() -> signup_captcha.Challenge | None:
    flow = signup_flow.current_flow()
    if flow is None:
        return None
    challenge = signup_captcha.current_challenge(flow.id)
    return None if challenge is None or challenge.used else challenge


@bp.get("/captcha")
def read_captcha() -> tuple[Response, int]:
    """JSON {"index", "challenge", "word", "expired"}: ``index`` is the 0-based
    page-order position of the right tile (``Image {index+1}``)."""
    challenge = _current()
    if challenge is None:
        return jsonify({"error": "no current captcha challenge for this session"}), 404
    return jsonify(
        {
            "index": challenge.answer_index,
            "challenge": challenge.id,
            "word": challenge.word,
            "expired": challenge.expired,
        }
    ), 200


@bp.post("/captcha/expire")
def expire_captcha() -> tuple[Response, int]:
    """Make the session's current challenge expired (the page still shows it)."""
    challenge = _current()
    if challenge is None:
        return jsonify({"error": "no current captcha challenge for this session"}), 404
    with transaction() as db:
        signup_captcha.expire(db, challenge.id)
    return jsonify({"challenge": challenge.id, "expired": True}), 200
