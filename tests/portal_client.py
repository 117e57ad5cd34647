"""The portal driven through Flask's test client, for the fast tests: its URLs, the
test API's calls (signup flow, captcha oracle, accounts), log-in, and what the
database holds. Pages are read with ``html_page``."""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from mock_site.session_keys import SIGNUP_FLOW as FLOW_SESSION_KEY
from werkzeug.test import TestResponse

from cpf import rules
from harness.identities import TEST_PASSWORD, Identity, check_test_password, fresh_nir, unique_email
from page_objects.account import AccountHomePage, DifPage, DroitsPage
from page_objects.activated import ActivatedPage
from page_objects.captcha import CaptchaPage, another_tile_than
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.signup_form import SignupFormPage

# The pages' addresses are the page objects' own.
LOGIN_URL = ConnexionPage.PATH
FORM_URL = SignupFormPage.PATH
CAPTCHA_URL = CaptchaPage.PATH
CAPTCHA_REFRESH_URL = CaptchaPage.OTHER_IMAGES_PATH
CGU_URL = CguPage.PATH
ACTIVATED_URL = ActivatedPage.PATH
ACCOUNT_URL = AccountHomePage.PATH
DROITS_URL = DroitsPage.PATH
DIF_URL = DifPage.PATH


def form_data(identity: Identity, **changes: str) -> dict[str, str]:
    """Step 3 as a user fills it in, confirmation included."""
    data = {**identity.as_form_data(), "password_confirmation": identity.password}
    data.update(changes)
    return data


def put_flow(client: FlaskClient, step: int, identity: Identity | None = None) -> None:
    data = identity.as_form_data() if identity else {}
    if identity is not None and step > 3:
        check_test_password(identity.password)
    response = client.put("/__test__/flow", json={"step": step, "data": data})
    assert response.status_code == 200, response.get_json()


def captcha_info(client: FlaskClient) -> dict[str, Any]:
    """The current challenge (shown by a GET of step 4 first)."""
    response = client.get("/__test__/captcha")
    assert response.status_code == 200, response.get_json()
    return dict(response.get_json())


def pass_captcha(client: FlaskClient) -> None:
    client.get(CAPTCHA_URL)
    info = captcha_info(client)
    answer = {"challenge": info["challenge"], "tile": info["index"]}
    response = client.post(CAPTCHA_URL, data=answer)
    assert response.location == CGU_URL


def wrong_tile(client: FlaskClient) -> int:
    """What the form posts for a wrong tile of the current challenge: page_objects.captcha's
    formula, on the page's numbers (``Image 1`` posts 0)."""
    tile_count = int(client.application.config["CAPTCHA_TILES"])
    return another_tile_than(captcha_info(client)["index"] + 1, tile_count) - 1


def query(app: Flask, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    connection = sqlite3.connect(app.config["DATABASE"])
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def flow_row(app: Flask, client: FlaskClient) -> sqlite3.Row | None:
    """The session's signup flow as stored on the server, or None."""
    with client.session_transaction() as session:
        flow_id = session.get(FLOW_SESSION_KEY)
    if flow_id is None:
        return None
    rows = query(app, "SELECT * FROM signup_flow WHERE id = ?", (flow_id,))
    return rows[0] if rows else None


def flow_step(app: Flask, client: FlaskClient) -> int:
    """The step the session's signup flow stands at (the flow must exist)."""
    row = flow_row(app, client)
    assert row is not None, "this session has no signup flow"
    return int(row["step"])


def account_count(app: Flask) -> int:
    return int(query(app, "SELECT COUNT(*) FROM account")[0][0])


# --- accounts and log-in: the one home of the fast tests' seeding ----------------


def seed_account(
    client: FlaskClient, identity: Identity | None = None, **fields: Any
) -> dict[str, Any]:
    """An activated account, created through the test API: ``identity``'s data, or a
    fresh NIR and e-mail with ``TEST_PASSWORD``; ``fields`` add to them or replace them
    (``sector``, ``career``, ``dif_hours``, ``password=None``...). Returns what was
    sent, with the NIR's compact form under ``compact_nir``."""
    if identity is not None:
        payload: dict[str, Any] = identity.as_form_data()
    else:
        payload = {"nir": fresh_nir(), "email": unique_email(), "password": TEST_PASSWORD}
    payload.update(fields)
    if payload["password"] is not None:
        check_test_password(payload["password"])
    response = client.post("/__test__/accounts", json=payload)
    assert response.status_code == 201, response.get_json()
    return {**payload, "compact_nir": rules.compact_nir(payload["nir"])}


def log_in(client: FlaskClient, nir: str, password: str, **kwargs: Any) -> TestResponse:
    """Connexion's login form posted (``kwargs`` go to the client: ``follow_redirects``...)."""
    return client.post(LOGIN_URL, data={"nir": nir, "password": password}, **kwargs)


def signed_in(
    client: FlaskClient, identity: Identity | None = None, **fields: Any
) -> dict[str, Any]:
    """``seed_account`` then a successful log-in in ``client``'s session."""
    account = seed_account(client, identity, **fields)
    response = log_in(client, account["nir"], account["password"])
    assert response.location == AccountHomePage.PATH, response.get_data(as_text=True)
    return account


def account_state(client: FlaskClient, nir: str) -> dict[str, Any]:
    """The account as the test API shows it (failed logins, lock, DIF hours...)."""
    response = client.get(f"/__test__/accounts/{rules.compact_nir(nir)}")
    assert response.status_code == 200, f"no account for {nir}: {response.status_code}"
    return dict(response.json or {})


def set_today(client: FlaskClient, today: str) -> None:
    """``today`` (YYYY-MM-DD) for this session: the DIF deadline and the rights follow it."""
    response = client.put("/__test__/clock", json={"today": today})
    assert response.status_code == 200, response.get_json()
