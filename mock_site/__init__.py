"""The mock Mon Compte Formation portal.

``create_app(config)`` is the one way to build it: tests pass their own config
(a temporary database, test mode) rather than patching globals.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from . import db, form_input, security_headers
from .extensions import csrf


def env_flag(name: str) -> bool:
    """An environment variable read as a yes/no switch (1, true, yes, on)."""
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def default_config(instance_path: str) -> dict[str, Any]:
    return {
        "SECRET_KEY": os.environ.get("MOCK_SITE_SECRET_KEY") or secrets.token_hex(32),
        "DATABASE": os.environ.get("MOCK_SITE_DB")
        or str(Path(instance_path) / "portal.sqlite3"),
        "TEST_MODE": env_flag("MOCK_SITE_TEST_MODE"),
        # Portal and FranceConnect share a host (ports differ, cookies don't):
        # each app needs its own cookie name or they overwrite each other.
        "SESSION_COOKIE_NAME": "cpf_session",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        # The stylesheet and scripts are fetched once per visit, not revalidated on
        # every page (the mock's static files change only with a new version).
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
        # The FranceConnect federation this portal is a client of.
        "FRANCECONNECT_ISSUER": os.environ.get("MOCK_SITE_FRANCECONNECT_ISSUER"),
        "FRANCECONNECT_CLIENT_ID": "moncompteformation",
        "FRANCECONNECT_CLIENT_SECRET": "secret-du-portail-cpf",
        # werkzeug.security's method; unset, it follows the mode (see _password_hash_method).
        "PASSWORD_HASH_METHOD": os.environ.get("MOCK_SITE_PASSWORD_HASH_METHOD"),
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


def _password_hash_method(config: Mapping[str, Any]) -> str:
    if config.get("PASSWORD_HASH_METHOD"):
        return str(config["PASSWORD_HASH_METHOD"])
    return TEST_MODE_PASSWORD_HASH if config["TEST_MODE"] else REALISTIC_PASSWORD_HASH


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(default_config(app.instance_path))
    if config:
        app.config.from_mapping(config)
    app.config["PASSWORD_HASH_METHOD"] = _password_hash_method(app.config)

    db.init_app(app)
    db.ensure_db(app.config["DATABASE"])
    form_input.init_app(app)
    csrf.init_app(app)
    security_headers.init_app(
        app, security_headers.content_security_policy(_form_targets(app.config))
    )

    from . import account, errors, franceconnect_login, public, signup

    app.register_blueprint(public.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(signup.bp)
    franceconnect_login.init_app(app)
    errors.init_app(app)

    # The test API exists only in test mode; elsewhere /__test__/ is a plain 404.
    if app.config["TEST_MODE"]:
        from . import testing

        testing.init_app(app)

    @app.context_processor
    def inject_test_mode() -> dict[str, Any]:
        return {"test_mode": app.config["TEST_MODE"]}

    return app


def _form_targets(config: Mapping[str, Any]) -> list[str]:
    """FranceConnect's origin: the sign-in and logout forms end in redirects there."""
    issuer = config.get("FRANCECONNECT_ISSUER")
    if not issuer:
        return []
    parts = urlsplit(str(issuer))
    return [f"{parts.scheme}://{parts.netloc}"]
