"""Fixtures for the fast tests of mock_site: Flask's test client, no browser."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from mock_site import create_app, db

from .franceconnect_federation import FranceConnect, UserAgent, build_portal, serve_franceconnect
from .portal_client import put_flow


def make_test_app(database: Path, *, csrf: bool = False) -> Flask:
    """The fast tests' portal: test mode, its own database, CSRF off unless asked
    (views are tested without tokens; the CSRF and request-body suites turn it on).
    Its database is created here: building the app touches none."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(database),
            "TEST_MODE": True,
            "WTF_CSRF_ENABLED": csrf,
            "SECRET_KEY": "tests",
        }
    )
    db.init_db(app.config["DATABASE"])
    return app


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return make_test_app(tmp_path / "portal.sqlite3")


# The same portal with CSRF on, as in production: for the CSRF and request-body suites.
@pytest.fixture
def csrf_app(tmp_path: Path) -> Flask:
    return make_test_app(tmp_path / "portal.sqlite3", csrf=True)


@pytest.fixture
def csrf_client(csrf_app: Flask) -> FlaskClient:
    return csrf_app.test_client()


@pytest.fixture
def memory_backed_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder in /dev/shm where there is one (else tmp_path): for databases that
    take thousands of commits, which would otherwise wait on disk syncs."""
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=shm, prefix="mock_site-") as folder:
        yield Path(folder)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def at_form(client: FlaskClient) -> FlaskClient:
    """A client whose signup is at step 3, the form."""
    put_flow(client, 3)
    return client


# The portal and FranceConnect served together, and a user agent between them, for the
# FranceConnect suites (tests/test_franceconnect_*.py).
StartFranceConnect = Callable[..., FranceConnect]


@pytest.fixture
def start_franceconnect() -> Iterator[StartFranceConnect]:
    """Serve FranceConnect with settings of the test's own (``start_franceconnect({
    "CODE_TTL_SECONDS": 0})``), as many as the test starts, each stopped after it."""
    with ExitStack() as servers:

        def start(config: dict[str, Any] | None = None) -> FranceConnect:
            return servers.enter_context(serve_franceconnect(config))

        yield start


@pytest.fixture
def franceconnect(start_franceconnect: StartFranceConnect) -> FranceConnect:
    """FranceConnect with its default settings, served for this test alone."""
    return start_franceconnect()


@pytest.fixture
def fc(franceconnect: FranceConnect) -> FlaskClient:
    """The user's browser at FranceConnect."""
    return franceconnect.app.test_client()


@pytest.fixture
def portal(tmp_path: Path, franceconnect: FranceConnect) -> Flask:
    app = build_portal(tmp_path / "portal.sqlite3", franceconnect)
    db.init_db(app.config["DATABASE"])
    return app


@pytest.fixture
def user_agent(portal: Flask, franceconnect: FranceConnect) -> UserAgent:
    return UserAgent(portal, franceconnect)
