"""What "today" is for the portal.

In test mode a test can set today's date for its own browser session (through
``/__test__/clock``), so parallel tests never see each other's dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import current_app, session

from . import session_keys


def now() -> datetime:
    """The current instant, UTC; used for lock-outs and expiries."""
    return datetime.now(UTC)


def today() -> date:
    if current_app.config.get("TEST_MODE") and session_keys.TEST_TODAY in session:
        return date.fromisoformat(session[session_keys.TEST_TODAY])
    return date.today()
