"""Signed-in sessions live on the server: logging out ends them for every copy of the cookie."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from harness.identities import Identity

from .portal_client import ACCOUNT_URL, LOGIN_URL, log_in, signed_in


def _session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("cpf_session")
    assert cookie is not None
    return cookie.value


def test_signed_in_session_opens_the_account(client: FlaskClient, identity: Identity) -> None:
    signed_in(client, identity)
    assert client.get(ACCOUNT_URL).status_code == 200


def test_cookie_copied_before_logout_no_longer_opens_the_account(
    client: FlaskClient, identity: Identity
) -> None:
    signed_in(client, identity)
    copied = _session_cookie(client)
    client.post("/deconnexion")
    client.set_cookie("cpf_session", copied)
    response = client.get(ACCOUNT_URL)
    assert response.status_code == 302
    assert response.location.startswith(LOGIN_URL)


def test_logging_out_one_browser_leaves_another_signed_in(
    app_client_pair: tuple[FlaskClient, FlaskClient], identity: Identity
) -> None:
    first, second = app_client_pair
    signed_in(first, identity)
    log_in(second, identity.nir, identity.password)
    first.post("/deconnexion")
    assert second.get(ACCOUNT_URL).status_code == 200


def test_header_offers_logout_only_to_a_live_session(
    client: FlaskClient, identity: Identity
) -> None:
    signed_in(client, identity)
    assert "Se déconnecter" in client.get("/").get_data(as_text=True)
    copied = _session_cookie(client)
    client.post("/deconnexion")
    client.set_cookie("cpf_session", copied)
    assert "Se déconnecter" not in client.get("/").get_data(as_text=True)


@pytest.fixture
def app_client_pair(client: FlaskClient) -> tuple[FlaskClient, FlaskClient]:
    """Two browsers on the same portal."""
    return client, client.application.test_client()
