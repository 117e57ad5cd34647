"""How the app is built: its configuration, its mode (the password hash's cost, the
Server-Timing header), the database left alone, unexpected errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from flask import Flask
from mock_site import (
    REALISTIC_PASSWORD_HASH,
    TEST_MODE_PASSWORD_HASH,
    accounts,
    create_app,
    db,
)

from cpf.messages import ERROR_PAGES

from .portal_client import LOGIN_URL


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
    response = make_app(tmp_path, TEST_MODE=test_mode).test_client().get(LOGIN_URL)
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
    client.get(LOGIN_URL)  # a session cookie now exists
    response = client.get("/static/portal.css")
    assert response.status_code == 200
    assert "max-age=3600" in response.headers["Cache-Control"]
    assert "Cookie" not in response.headers.get("Vary", "")


# --- One reading of the configuration: defaults, MOCK_SITE_* variables, the config given.


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("yes", True), ("On", True), ("0", False), ("no", False)],
)
def test_test_mode_reads_the_environment_as_a_switch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.setenv("MOCK_SITE_TEST_MODE", value)
    assert make_app(tmp_path).config["TEST_MODE"] is expected


def test_any_setting_comes_from_its_prefixed_variable_and_the_given_config_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCK_SITE_LOGIN_MAX_FAILURES", "3")
    monkeypatch.setenv("MOCK_SITE_CAPTCHA_TILES", "6")
    app = make_app(tmp_path, CAPTCHA_TILES=9)
    assert (app.config["LOGIN_MAX_FAILURES"], app.config["CAPTCHA_TILES"]) == (3, 9)


def test_mock_site_db_still_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCK_SITE_DB", str(tmp_path / "elsewhere.sqlite3"))
    assert create_app().config["DATABASE"] == str(tmp_path / "elsewhere.sqlite3")


# --- The database is created by an explicit step, never by building the app.


def test_building_the_app_touches_no_database(tmp_path: Path) -> None:
    database = tmp_path / "portal.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE kept (value TEXT)")  # not the portal's schema
    make_app(tmp_path)
    make_app(tmp_path / "absent")
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"kept"}
    assert not (tmp_path / "absent").exists()


def test_init_db_command_creates_the_schema(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Initialized the database")
    with sqlite3.connect(app.config["DATABASE"]) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert set(db.TABLES) <= tables


# --- An unexpected error: the French page for users, the traceback for tests.


def _app_with_a_failing_page(tmp_path: Path, *, testing: bool) -> Flask:
    app = make_app(tmp_path, TESTING=testing)

    @app.get("/panne")
    def broken() -> str:
        raise RuntimeError("a bug in a view")

    return app


def test_unexpected_error_reaches_the_test_client_under_testing(tmp_path: Path) -> None:
    client = _app_with_a_failing_page(tmp_path, testing=True).test_client()
    with pytest.raises(RuntimeError, match="a bug in a view"):
        client.get("/panne")


def test_unexpected_error_shows_users_the_french_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    response = _app_with_a_failing_page(tmp_path, testing=False).test_client().get("/panne")
    assert response.status_code == 500
    assert ERROR_PAGES[500].title in response.get_data(as_text=True)
    assert "RuntimeError: a bug in a view" in caplog.text  # Flask logged the traceback
