"""What the app's mode decides: the password hash's cost and the Server-Timing header."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from mock_site import (
    REALISTIC_PASSWORD_HASH,
    TEST_MODE_PASSWORD_HASH,
    accounts,
    create_app,
)


def make_app(tmp_path: Path, **config: object) -> Flask:
    return create_app({"DATABASE": str(tmp_path / "portal.sqlite3"), **config})


@pytest.mark.parametrize(
    ("config", "expected_method"),
    [
        pytest.param({"TEST_MODE": False}, REALISTIC_PASSWORD_HASH, id="production-scrypt"),
        pytest.param({"TEST_MODE": True}, TEST_MODE_PASSWORD_HASH, id="test-mode-cheap"),
        pytest.param(
            {"TEST_MODE": True, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:5000"},
            "pbkdf2:sha256:5000",
            id="explicit-wins",
        ),
    ],
)
def test_password_hash_cost_follows_the_mode_unless_set(
    tmp_path: Path, config: dict[str, object], expected_method: str
) -> None:
    app = make_app(tmp_path, **config)
    with app.app_context():
        stored = accounts.hash_password("Formation2024")
    # werkzeug writes the method and its parameters before the salt: "scrypt:32768:8:1$...".
    assert stored.split("$", 1)[0] == expected_method


def test_hash_method_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCK_SITE_PASSWORD_HASH_METHOD", "pbkdf2:sha256:2000")
    app = make_app(tmp_path, TEST_MODE=False)
    assert app.config["PASSWORD_HASH_METHOD"] == "pbkdf2:sha256:2000"


@pytest.mark.parametrize("test_mode", [True, False])
def test_server_timing_is_sent_in_test_mode_only(tmp_path: Path, test_mode: bool) -> None:
    response = make_app(tmp_path, TEST_MODE=test_mode).test_client().get("/connexion")
    assert response.status_code == 200
    timing = response.headers.get("Server-Timing")
    if test_mode:
        assert timing is not None
        name, duration = timing.split(";dur=")
        assert name == "app"
        assert float(duration) >= 0
    else:
        assert timing is None


def test_static_files_are_cached_whatever_the_session(tmp_path: Path) -> None:
    # A "Vary: Cookie" would make the browser fetch the stylesheet again on every page.
    client = make_app(tmp_path, TEST_MODE=True).test_client()
    client.get("/connexion")  # a session cookie now exists
    response = client.get("/static/portal.css")
    assert response.status_code == 200
    assert "max-age=3600" in response.headers["Cache-Control"]
    assert "Cookie" not in response.headers.get("Vary", "")
