"""Who is signed in: signing in and out, ``login_required``, safe redirects.

Shared with the FranceConnect sign-in (``franceconnect_login``): it calls
``sign_in(account_id)`` after its callback (then stores its id token), and
``sign_out()`` when FranceConnect's end-session returns.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import current_app, flash, g, redirect, request, session, url_for

from .. import accounts
from ..accounts import Account

ACCOUNT_KEY = "account_id"
SESSION_TOKEN_KEY = "account_session"
# After a logout, the FranceConnect ID token waiting for FranceConnect's end-session
# (set only by the CSRF-checked logout, so a link from elsewhere cannot use it).
FRANCECONNECT_LOGOUT_HINT = "franceconnect_logout_hint"
LOGIN_REQUIRED_MESSAGE = "Connectez-vous pour accéder à votre compte."
LOGGED_OUT_MESSAGE = "Vous êtes déconnecté."

# Per-session settings of the test API (clock, faults...) all start with this;
# they survive sign-in and sign-out so a test can set them in any order.
_TEST_SETTING_PREFIX = "test_"


def _reset_session() -> None:
    """Empty the session (a fresh cookie, against session fixation)."""
    kept: dict[str, Any] = {}
    if current_app.config.get("TEST_MODE"):
        kept = {
            key: value for key, value in session.items() if key.startswith(_TEST_SETTING_PREFIX)
        }
    session.clear()
    session.update(kept)
    g.pop("current_account", None)


def sign_in(account_id: int) -> None:
    """Start a fresh session for this account, recorded on the server."""
    _reset_session()
    session[ACCOUNT_KEY] = account_id
    session[SESSION_TOKEN_KEY] = accounts.open_session(account_id)


def sign_out() -> None:
    """End the portal session (not FranceConnect's: its own logout does that).

    The server forgets the session too: a copy of the cookie no longer signs in.
    """
    token = session.get(SESSION_TOKEN_KEY)
    if token:
        accounts.close_session(token)
    _reset_session()


def current_account() -> Account | None:
    """The signed-in account, or None (also once its session was closed)."""
    if "current_account" not in g:
        account_id = session.get(ACCOUNT_KEY)
        token = session.get(SESSION_TOKEN_KEY)
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
            session.pop(ACCOUNT_KEY, None)  # a session closed on the server, or a deleted account
            flash(LOGIN_REQUIRED_MESSAGE, "info")
            target = request.full_path if request.query_string else request.path
            return redirect(url_for("account.connexion", next=target))
        return view(*args, **kwargs)

    return cast(ViewT, guarded)
