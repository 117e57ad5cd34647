"""Who is signed in: signing in and out, ``login_required``, safe redirects.

Below the areas that sign people in: the account area (password login, logout),
the signup (the new account, signed in at once) and the FranceConnect sign-in
(``sign_in(account_id)`` after its callback, then it stores its ID token).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import current_app, flash, g, redirect, request, session, url_for

from cpf.messages import LOGIN_REQUIRED as LOGIN_REQUIRED_MESSAGE

from . import accounts, session_keys
from .accounts import Account


def _reset_session() -> None:
    """Empty the session (a fresh cookie, against session fixation)."""
    kept: dict[str, Any] = {}
    if current_app.config.get("TEST_MODE"):
        prefix = session_keys.TEST_SETTING_PREFIX
        kept = {key: value for key, value in session.items() if key.startswith(prefix)}
    session.clear()
    session.update(kept)
    g.pop("current_account", None)


def sign_in(account_id: int) -> None:
    """Start a fresh session for this account, recorded on the server."""
    _reset_session()
    session[session_keys.ACCOUNT] = account_id
    session[session_keys.ACCOUNT_SESSION] = accounts.open_session(account_id)


def sign_out() -> None:
    """End the portal session (not FranceConnect's: its own logout does that).

    The server forgets the session too: a copy of the cookie no longer signs in.
    """
    token = session.get(session_keys.ACCOUNT_SESSION)
    if token:
        accounts.close_session(token)
    _reset_session()


def current_account() -> Account | None:
    """The signed-in account, or None (also once its session was closed)."""
    if "current_account" not in g:
        account_id = session.get(session_keys.ACCOUNT)
        token = session.get(session_keys.ACCOUNT_SESSION)
        signed_in = token is not None and accounts.session_account_id(token) == account_id
        g.current_account = accounts.by_id(account_id) if signed_in and account_id else None
    return cast(Account | None, g.current_account)


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


ViewT = TypeVar("ViewT", bound=Callable[..., Any])


def login_required(view: ViewT) -> ViewT:
    """Send visitors who are not signed in to Connexion, then back here."""

    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if current_account() is None:
            # A session closed on the server, or a deleted account.
            session.pop(session_keys.ACCOUNT, None)
            flash(LOGIN_REQUIRED_MESSAGE, "info")
            target = request.full_path if request.query_string else request.path
            return redirect(url_for("account.connexion", next=target))
        return view(*args, **kwargs)

    return cast(ViewT, guarded)
