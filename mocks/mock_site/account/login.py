"""Password login with lock-out.

``LOGIN_MAX_FAILURES`` wrong passwords in a row lock the account for
``LOGIN_LOCK_MINUTES``; while locked even the right password is refused. The
lock resets the counter, so once it expires the user has a full set of tries
again; a successful login resets it too.

Failures are counted by one atomic UPDATE inside a write transaction (never
read, add one, write back), so parallel wrong guesses cannot slip past the
limit. The password hash is checked outside the transaction: it is slow and
must not hold the database's write lock.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from cpf import rules
from cpf.messages import BAD_CREDENTIALS, FRANCECONNECT_ONLY, LOCKED, LOCKED_RETRY

from .. import accounts, clock
from ..db import transaction

# Compared with julianday() so any ISO form with a UTC offset compares correctly.
_NOT_LOCKED = "(locked_until IS NULL OR julianday(locked_until) <= julianday(:now))"


class Outcome(Enum):
    SUCCESS = "success"
    BAD_CREDENTIALS = "bad_credentials"
    LOCKED = "locked"
    FRANCECONNECT_ONLY = "franceconnect_only"


@dataclass(frozen=True)
class LoginResult:
    outcome: Outcome
    account_id: int | None = None
    locked_until: datetime | None = None

    def message(self, now: datetime) -> str | None:
        if self.outcome is Outcome.BAD_CREDENTIALS:
            return BAD_CREDENTIALS
        if self.outcome is Outcome.FRANCECONNECT_ONLY:
            return FRANCECONNECT_ONLY
        if self.outcome is Outcome.LOCKED:
            assert self.locked_until is not None
            return locked_message(self.locked_until, now)
        return None


def locked_message(locked_until: datetime, now: datetime) -> str:
    minutes = max(1, math.ceil((locked_until - now).total_seconds() / 60))
    wait = f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
    locked = LOCKED.format(failures=current_app.config["LOGIN_MAX_FAILURES"])
    return f"{locked} {LOCKED_RETRY.format(wait=wait)}"


def _decoy_hash() -> str:
    # Checked when the NIR is unknown, so that case takes as long as a wrong password.
    return _decoy_hash_for(current_app.config["PASSWORD_HASH_METHOD"])


@functools.cache
def _decoy_hash_for(method: str) -> str:
    return generate_password_hash("aucun compte ne porte ce mot de passe", method)


def _as_utc(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _locked_since_we_looked(account_id: int) -> LoginResult:
    """A parallel request locked the account between our read and our write."""
    account = accounts.by_id(account_id)
    locked_until = _as_utc(account.locked_until) if account else None
    if locked_until is None:
        return LoginResult(Outcome.BAD_CREDENTIALS, account_id)
    return LoginResult(Outcome.LOCKED, account_id, locked_until)


def attempt_login(raw_nir: str, password: str) -> LoginResult:
    """Check a NIR (spaces allowed) and password, counting failures."""
    now = clock.now()
    account = accounts.by_nir(rules.compact_nir(raw_nir))
    if account is None:
        check_password_hash(_decoy_hash(), password)
        return LoginResult(Outcome.BAD_CREDENTIALS)
    if account.password_hash is None:
        return LoginResult(Outcome.FRANCECONNECT_ONLY, account.id)
    locked_until = _as_utc(account.locked_until)
    if locked_until is not None and locked_until > now:
        return LoginResult(Outcome.LOCKED, account.id, locked_until)
    if account.check_password(password):
        return _record_success(account.id, now)
    return _record_failure(account.id, now)


def _record_success(account_id: int, now: datetime) -> LoginResult:
    with transaction() as db:
        cursor = db.execute(
            f"UPDATE account SET failed_logins = 0, locked_until = NULL"
            f" WHERE id = :id AND {_NOT_LOCKED}",
            {"id": account_id, "now": _iso(now)},
        )
    if cursor.rowcount == 0:
        return _locked_since_we_looked(account_id)
    return LoginResult(Outcome.SUCCESS, account_id)


def _record_failure(account_id: int, now: datetime) -> LoginResult:
    config = current_app.config
    lock_until = now + timedelta(minutes=config["LOGIN_LOCK_MINUTES"])
    with transaction() as db:
        row = db.execute(
            "UPDATE account SET"
            " failed_logins = CASE WHEN failed_logins + 1 >= :max THEN 0"
            "   ELSE failed_logins + 1 END,"
            " locked_until = CASE WHEN failed_logins + 1 >= :max THEN :until ELSE NULL END"
            f" WHERE id = :id AND {_NOT_LOCKED}"
            " RETURNING locked_until",
            {
                "id": account_id,
                "max": config["LOGIN_MAX_FAILURES"],
                "until": _iso(lock_until),
                "now": _iso(now),
            },
        ).fetchone()
    if row is None:
        return _locked_since_we_looked(account_id)
    if row["locked_until"] is not None:  # this failure was the last one allowed
        return LoginResult(Outcome.LOCKED, account_id, lock_until)
    return LoginResult(Outcome.BAD_CREDENTIALS, account_id)
