from typing import Any

from flask import Blueprint, request

bp = Blueprint("testing", __name__, url_prefix="/__test__")


def json_payload() -> dict[str, Any]:
    """The call's JSON object; any other body (a list, a string, not JSON) reads as
    ``{}``, which each call then refuses with its own JSON 400."""
    data = request.get_json(force=True, silent=True)
    return data if isinstance(data, dict) else {}
