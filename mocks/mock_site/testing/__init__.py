"""The test-only API under /__test__/, registered only in test mode.

What it changes for "the caller" (clock, faults, signup step) is kept in the
caller's own session, so parallel tests sharing one portal never see each
other's settings. Data (accounts, outbox) is shared: tests make their own.
"""

from __future__ import annotations

from flask import Flask

from ..extensions import csrf
from .blueprint import bp


def init_app(app: Flask) -> None:
    # Importing the route modules attaches their views to ``bp``.
    from . import (  # noqa: F401
        accounts_admin,
        captcha,
        data,
        franceconnect,
        server_timing,
        session_state,
        step_faults,
    )

    csrf.exempt(bp)  # JSON calls from tests, not forms a user submits
    app.register_blueprint(bp)
    app.before_request(step_faults.apply_fault)
    server_timing.init_app(app)
