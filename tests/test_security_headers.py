"""Every response of both servers carries the security headers: pages, redirects,
error pages, JSON, static files, refused bodies. The browser suite
(e2e/test_security_headers.py) checks the browser obeys them."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from franceconnect_mock import create_app as create_franceconnect
from mock_site import create_app
from mock_site.security_headers import REFERRER_POLICY
from werkzeug.test import TestResponse

from harness.csp import csp_directives

from .portal_client import ACCOUNT_URL, FORM_URL, LOGIN_URL


def directives(response: TestResponse) -> dict[str, str]:
    return csp_directives(response.headers.get("Content-Security-Policy", ""))


def assert_protected(response: TestResponse) -> None:
    policy = directives(response)
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == REFERRER_POLICY
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP on loopback


PORTAL_REQUESTS = [
    ("GET", "/"),
    ("GET", LOGIN_URL),
    ("GET", FORM_URL),
    ("GET", ACCOUNT_URL),
    ("GET", "/page-qui-n-existe-pas"),
    ("GET", "/static/password-checklist.js"),
    ("POST", "/"),
    ("GET", "/__test__/config"),
]


@pytest.mark.parametrize(("method", "url"), PORTAL_REQUESTS)
def test_every_portal_response_carries_the_headers(app: Flask, method: str, url: str) -> None:
    assert_protected(app.test_client().open(url, method=method))


def test_a_refused_body_carries_the_headers_too(app: Flask) -> None:
    response = app.test_client().post(LOGIN_URL, data={"nir": "1" * 100_000})
    assert response.status_code == 413
    assert_protected(response)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/.well-known/openid-configuration",
        "/api/v2/jwks",
        "/api/v2/authorize",
        "/authorize",  # v1's path: refused, with the headers too
        "/choix?tx=x",
        "/nulle-part",
    ],
)
def test_every_franceconnect_response_carries_the_headers(url: str) -> None:
    franceconnect = create_franceconnect({"TESTING": True})
    assert_protected(franceconnect.test_client().get(url))


def test_portal_forms_may_end_at_franceconnect_and_nowhere_else(tmp_path: Path) -> None:
    portal = create_app(
        {
            "TESTING": True,
            "DATABASE": f"{tmp_path}/portal.sqlite3",
            "FRANCECONNECT_ISSUER": "http://127.0.0.1:5001/",
        }
    )
    policy = directives(portal.test_client().get("/"))
    assert policy["form-action"] == "'self' http://127.0.0.1:5001"


@pytest.mark.parametrize("server", ["portal", "franceconnect"])
def test_each_server_serves_the_font_its_stylesheet_names_from_its_own_origin(
    app: Flask, server: str
) -> None:
    """The pages' web font (static/fonts/, with its licence) is what makes screenshots
    the same on every machine: the stylesheet loads it, the policy allows it."""
    site, stylesheet = (
        (app, "portal.css")
        if server == "portal"
        else (create_franceconnect({"TESTING": True}), "franceconnect.css")
    )
    client = site.test_client()
    css = client.get(f"/static/{stylesheet}").get_data(as_text=True)
    assert 'src: url("fonts/inter-latin-wght-normal.woff2")' in css
    assert 'font-family: "Inter", sans-serif;' in css
    font = client.get("/static/fonts/inter-latin-wght-normal.woff2")
    assert font.status_code == 200
    assert font.data[:4] == b"wOF2"
    assert_protected(font)
    assert directives(client.get("/"))["font-src"] == "'self'"
    assert "SIL OPEN FONT LICENSE" in client.get("/static/fonts/LICENSE.txt").get_data(as_text=True)
