"""The e-mail outbox: the mock never sends mail, it records it for tests to read."""

from __future__ import annotations

import sqlite3
from typing import Any

from .db import get_db


def record(db: sqlite3.Connection, *, recipient: str, subject: str, body: str) -> None:
    """Record a message inside the caller's transaction, so that a failed
    write leaves no e-mail for an account that does not exist."""
    db.execute(
        "INSERT INTO outbox (recipient, subject, body) VALUES (?, ?, ?)",
        (recipient, subject, body),
    )


def messages(recipient: str | None = None) -> list[dict[str, Any]]:
    query = "SELECT id, recipient, subject, body, sent_at FROM outbox"
    params: tuple[str, ...] = ()
    if recipient:
        query += " WHERE recipient = ? COLLATE NOCASE"
        params = (recipient,)
    return [dict(row) for row in get_db().execute(query + " ORDER BY id", params)]
