"""Accounts: creation and look-ups. Views and the test API go through here."""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from cpf.messages import CONFIRMATION_SUBJECT

from . import outbox
from .db import get_db, transaction


class DuplicateAccount(Exception):
    """The database refused the account: its NIR or e-mail is already taken."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field  # "nir" or "email"


@dataclass(frozen=True)
class Account:
    id: int
    nir: str
    email: str
    birth_name: str
    first_name: str
    password_hash: str | None
    sector: str
    career: list[dict[str, int]]
    dif_hours: int | None
    dif_reported_on: str | None
    franceconnect_sub: str | None
    failed_logins: int
    locked_until: datetime | None

    @property
    def is_public_agent(self) -> bool:
        return self.sector == "public"

    def check_password(self, password: str) -> bool:
        return self.password_hash is not None and check_password_hash(self.password_hash, password)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Account:
        locked = row["locked_until"]
        return cls(
            id=row["id"],
            nir=row["nir"],
            email=row["email"],
            birth_name=row["birth_name"],
            first_name=row["first_name"],
            password_hash=row["password_hash"],
            sector=row["sector"],
            career=json.loads(row["career"]),
            dif_hours=row["dif_hours"],
            dif_reported_on=row["dif_reported_on"],
            franceconnect_sub=row["franceconnect_sub"],
            failed_logins=row["failed_logins"],
            locked_until=datetime.fromisoformat(locked) if locked else None,
        )


def hash_password(password: str) -> str:
    """Hashed with the app's ``PASSWORD_HASH_METHOD`` (cheap in test mode, see create_app)."""
    return generate_password_hash(password, current_app.config["PASSWORD_HASH_METHOD"])


def _find(column: str, value: Any) -> Account | None:
    row = get_db().execute(f"SELECT * FROM account WHERE {column} = ?", (value,)).fetchone()
    return Account.from_row(row) if row else None


def by_id(account_id: int) -> Account | None:
    return _find("id", account_id)


def by_nir(nir: str) -> Account | None:
    return _find("nir", nir)


def by_email(email: str) -> Account | None:
    return _find("email", email)


def by_franceconnect_sub(sub: str) -> Account | None:
    return _find("franceconnect_sub", sub)


def nir_taken(nir: str) -> bool:
    return by_nir(nir) is not None


def email_taken(email: str) -> bool:
    return by_email(email) is not None


def create_account(
    *,
    nir: str,
    email: str,
    birth_name: str,
    first_name: str,
    password_hash: str | None,
    sector: str = "prive",
    career: list[dict[str, int]] | None = None,
    dif_hours: int | None = None,
    dif_reported_on: str | None = None,
    franceconnect_sub: str | None = None,
    send_confirmation: bool = True,
) -> Account:
    """Insert the account and its confirmation e-mail in one transaction.

    Raises ``DuplicateAccount`` when the NIR or the e-mail already has an
    account; nothing is written then.
    """
    try:
        with transaction() as db:
            db.execute(
                "INSERT INTO account (nir, email, birth_name, first_name, password_hash, sector,"
                " career, dif_hours, dif_reported_on, franceconnect_sub)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    nir,
                    email,
                    birth_name,
                    first_name,
                    password_hash,
                    sector,
                    json.dumps(career or []),
                    dif_hours,
                    dif_reported_on,
                    franceconnect_sub,
                ),
            )
            if send_confirmation:
                outbox.record(
                    db,
                    recipient=email,
                    subject=CONFIRMATION_SUBJECT,
                    body=(
                        f"Bonjour {first_name} {birth_name},\n\n"
                        "Votre compte personnel de formation est activé. Vous pouvez à tout "
                        "moment vous connecter avec votre mot de passe pour connaître vos droits "
                        "et bénéficier des services proposés sur moncompteformation.gouv.fr.\n"
                    ),
                )
    except sqlite3.IntegrityError as error:
        message = str(error)
        if "account.nir" in message:
            raise DuplicateAccount("nir") from error
        if "account.email" in message:
            raise DuplicateAccount("email") from error
        if "account.franceconnect_sub" in message:
            raise DuplicateAccount("franceconnect_sub") from error
        raise
    account = by_nir(nir)
    assert account is not None  # just inserted in a committed transaction
    return account


def update(account_id: int, **columns: Any) -> None:
    """Set the given columns of one account (column names come from our code only)."""
    if not columns:
        return
    assignments = ", ".join(f"{name} = ?" for name in columns)
    with transaction() as db:
        db.execute(
            f"UPDATE account SET {assignments} WHERE id = ?", (*columns.values(), account_id)
        )


def open_session(account_id: int) -> str:
    """Record a signed-in session; its token goes in the session cookie."""
    token = secrets.token_urlsafe(32)
    with transaction() as db:
        db.execute(
            "INSERT INTO account_session (token, account_id) VALUES (?, ?)", (token, account_id)
        )
    return token


def session_account_id(token: str) -> int | None:
    row = (
        get_db()
        .execute("SELECT account_id FROM account_session WHERE token = ?", (token,))
        .fetchone()
    )
    return int(row["account_id"]) if row else None


def close_session(token: str) -> None:
    with transaction() as db:
        db.execute("DELETE FROM account_session WHERE token = ?", (token,))
