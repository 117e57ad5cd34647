"""Security headers on every response, set by flask-talisman (one policy for both servers).

The Content-Security-Policy allows scripts, styles, images and fonts from the page's own
origin only: no inline script, no ``eval`` (the password checklist gets its rules
as data), and no framing by anyone (``frame-ancestors 'none'``, plus the older
``X-Frame-Options: DENY`` for browsers that ignore it).
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask
from flask_talisman import DENY, Talisman

# Referrer sent to other origins: the origin only, never the path or query
# (FranceConnect's URLs carry the transaction, the portal's the signup step).
REFERRER_POLICY = "strict-origin-when-cross-origin"


def content_security_policy(form_targets: Iterable[str] | None) -> dict[str, str]:
    """The policy; ``form_targets`` are the other origins this site's forms post or
    redirect to (Chromium checks ``form-action`` along the whole redirect chain).
    ``None`` leaves ``form-action`` unset, for a site whose forms end on origins
    only known at run time."""
    policy = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self'",
        # The pages' own web font (static/fonts/): said outright, not left to default-src.
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
    }
    if form_targets is not None:
        policy["form-action"] = " ".join(["'self'", *form_targets])
    return policy


def init_app(app: Flask, policy: dict[str, str]) -> None:
    Talisman(
        app,
        content_security_policy=policy,
        frame_options=DENY,
        referrer_policy=REFERRER_POLICY,
        # The mock serves plain HTTP on loopback (tests, a developer's machine):
        # a forced HTTPS redirect or Secure-only cookies would make it unusable there.
        # HSTS is still sent whenever a request does come over HTTPS.
        force_https=False,
        session_cookie_secure=False,
        # Keep each app's own SameSite choice (Talisman would overwrite it).
        session_cookie_samesite=app.config.get("SESSION_COOKIE_SAMESITE", "Lax"),
        x_content_type_options=True,
    )
