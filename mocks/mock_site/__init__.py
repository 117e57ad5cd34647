"""The mock Mon Compte Formation portal.

``create_app(config)`` is the one way to build it: tests pass their own config
(a temporary database, test mode) rather than patching globals.

Configuration is read in one place, in this order, each overriding the one before:
the defaults below, then any ``MOCK_SITE_<KEY>`` environment variable (Flask's
``from_prefixed_env``: a value that parses as JSON, such as ``1``, ``true`` or
``5``, is read as that, anything else as text), then the ``config`` given.

Building the app touches no database: ``python -m mock_site`` creates the schema
when it starts, ``flask --app mock_site init-db`` re-creates it empty, and tests
create theirs explicitly.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from cpf import messages

from . import db, errors, form_input, security_headers
from .extensions import csrf

ENV_PREFIX = "MOCK_SITE"
# Environment names that predate the prefixed reading, and the key each one sets.
ENV_ALIASES = {"DB": "DATABASE"}  # MOCK_SITE_DB


def default_config(instance_path: str) -> dict[str, Any]:
    return {
        "SECRET_KEY": None,  # unset: a random one per start (see _settle)
        "DATABASE": str(Path(instance_path) / "portal.sqlite3"),
        "TEST_MODE": False,
        # Portal and FranceConnect share a host (ports differ, cookies don't):
        # each app needs its own cookie name or they overwrite each other.
        "SESSION_COOKIE_NAME": "cpf_session",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        # The stylesheet and scripts are fetched once per visit, not revalidated on
        # every page (the mock's static files change only with a new version).
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
        # The FranceConnect federation this portal is a client of.
        "FRANCECONNECT_ISSUER": None,
        "FRANCECONNECT_CLIENT_ID": "moncompteformation",
        "FRANCECONNECT_CLIENT_SECRET": "secret-du-portail-cpf",
        # werkzeug.security's method; unset, it follows the mode (see _password_hash_method).
        "PASSWORD_HASH_METHOD": None,
        # Login lock-out: this many failures in a row lock the account this long.
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_LOCK_MINUTES": 15,
        # Captcha: a challenge lives this long; this many wrong picks end the attempt.
        "CAPTCHA_TTL_SECONDS": 300,
        "CAPTCHA_MAX_FAILURES": 3,
        "CAPTCHA_TILES": 9,
    }


# A hash as costly as a real service's outside test mode; in test mode a cheap
# one, so that a signup or a login costs the suites a millisecond, not 150.
REALISTIC_PASSWORD_HASH = "scrypt:32768:8:1"
TEST_MODE_PASSWORD_HASH = "pbkdf2:sha256:1000"


def as_flag(value: Any) -> bool:
    """A yes/no setting: JSON's true or 1, or the text yes, on, true or 1 (any case)."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _password_hash_method(config: Mapping[str, Any]) -> str:
    if config.get("PASSWORD_HASH_METHOD"):
        return str(config["PASSWORD_HASH_METHOD"])
    return TEST_MODE_PASSWORD_HASH if config["TEST_MODE"] else REALISTIC_PASSWORD_HASH


def _read_config(app: Flask, config: Mapping[str, Any] | None) -> None:
    app.config.from_mapping(default_config(app.instance_path))
    app.config.from_prefixed_env(ENV_PREFIX)
    for alias, key in ENV_ALIASES.items():
        if alias in app.config:
            app.config[key] = app.config.pop(alias)
    if config:
        app.config.from_mapping(config)
    # What the readings above leave to be settled.
    app.config["TEST_MODE"] = as_flag(app.config["TEST_MODE"])
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or secrets.token_hex(32)
    app.config["PASSWORD_HASH_METHOD"] = _password_hash_method(app.config)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    _read_config(app, config)

    db.init_app(app)
    form_input.init_app(app)
    csrf.init_app(app)
    security_headers.init_app(
        app, security_headers.content_security_policy(_form_targets(app.config))
    )
    errors.init_app(app)

    # Each area adds itself, blueprint and all, through its init_app. Imported here,
    # not above: importing one of the portal's plain modules (``mock_site.accounts``,
    # ``mock_site.db``...) need not load every area's web stack.
    from . import account, franceconnect_login, public, signup

    public.init_app(app)
    account.init_app(app)
    signup.init_app(app)
    franceconnect_login.init_app(app)
    # The test API exists only in test mode; elsewhere /__test__/ is a plain 404.
    if app.config["TEST_MODE"]:
        from . import testing

        testing.init_app(app)

    @app.context_processor
    def inject_test_mode() -> dict[str, Any]:
        return {"test_mode": app.config["TEST_MODE"]}

    # The templates' messages come from cpf/messages.py, as the tests' do ("wording":
    # base.html's flashed messages are "messages"); a global, so that imported macros
    # (macros/forms.html) see it too.
    app.jinja_env.globals["wording"] = messages

    return app


def _form_targets(config: Mapping[str, Any]) -> list[str]:
    """FranceConnect's origin: the sign-in and logout forms end in redirects there."""
    issuer = config.get("FRANCECONNECT_ISSUER")
    if not issuer:
        return []
    parts = urlsplit(str(issuer))
    return [f"{parts.scheme}://{parts.netloc}"]
