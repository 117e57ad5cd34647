"""Every form of the portal and of the FranceConnect completion, driven with generated
bodies (tests/fuzz_bodies.py): never a 5xx, a refusal on the page or a French
400/413, and nothing stored from a refused form.

Each example starts from a fresh client put at the form's step through the test
API, so examples are independent; the app (and its database) lives for one test.
Sizes: about 3 000 examples in all, each bounded by a deadline.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mock_site import accounts
from mock_site.franceconnect_login.views import PENDING_KEY

from cpf import rules
from harness.identities import TEST_PASSWORD, fresh_nir, new_identity, unique_email
from page_objects.account import DifPage
from page_objects.franceconnect_completion import FranceConnectCompletionPage

from .conftest import make_test_app
from .fuzz_bodies import Body, assert_answered_like_a_public_service, bodies
from .portal_client import (
    ACCOUNT_URL,
    CAPTCHA_URL,
    CGU_URL,
    FORM_URL,
    LOGIN_URL,
    account_count,
    captcha_info,
    flow_row,
    flow_step,
    put_flow,
    query,
    seed_account,
    set_today,
    signed_in,
)


@pytest.fixture
def app(memory_backed_folder: Path) -> Flask:
    """The tests' app (tests/conftest.py), its database in memory-backed storage:
    thousands of examples, each a few commits, must not wait on disk syncs."""
    return make_test_app(memory_backed_folder / "portal.sqlite3")


# One app per test (a function-scoped fixture) serves every example: each example
# makes its own client and its own data, so nothing leaks between examples.
FUZZ = settings(
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DIF_URL = DifPage.PATH
COMPLETE_URL = FranceConnectCompletionPage.PATH


def stored_flow_data(app: Flask, client: FlaskClient) -> dict[str, Any]:
    row = flow_row(app, client)
    assert row is not None
    return dict(json.loads(row["data"])) if row["data"] else {}


def account(app: Flask, nir: str) -> accounts.Account | None:
    with app.app_context():
        return accounts.by_nir(rules.compact_nir(nir))


@settings(FUZZ, max_examples=700)
@given(
    body=bodies(
        ["nir", "birth_name", "first_name", "email", "password", "password_confirmation"],
        known=(TEST_PASSWORD,),
    )
)
def test_signup_form_takes_any_body(app: Flask, body: Body) -> None:
    client = app.test_client()
    put_flow(client, 3)
    response = client.post(FORM_URL, **body.kwargs)
    assert_answered_like_a_public_service(response, body)
    row = flow_row(app, client)
    assert row is not None
    if response.status_code == 302:
        assert response.location == CAPTCHA_URL
        assert row["step"] == 4
        assert rules.is_valid_nir(stored_flow_data(app, client)["nir"])
    else:
        assert row["step"] == 3
        assert stored_flow_data(app, client) == {}, "a refused form left data behind"
    assert account_count(app) == 0


@pytest.fixture
def login_account(client: FlaskClient) -> str:
    return str(seed_account(client)["nir"])


@settings(FUZZ, max_examples=500)
@given(data=st.data())
def test_login_takes_any_body(app: Flask, login_account: str, data: st.DataObject) -> None:
    body = data.draw(bodies(["nir", "password"], known=(login_account, TEST_PASSWORD)))
    client = app.test_client()
    client.put(f"/__test__/accounts/{rules.compact_nir(login_account)}/lock", json={"minutes": 0})
    client.delete(f"/__test__/accounts/{rules.compact_nir(login_account)}/lock")
    response = client.post(LOGIN_URL, **body.kwargs)
    assert_answered_like_a_public_service(response, body)
    if response.status_code == 302:
        assert response.location == ACCOUNT_URL
    assert account_count(app) == 1


@settings(FUZZ, max_examples=500)
@given(data=st.data())
def test_captcha_answer_takes_any_body(app: Flask, data: st.DataObject) -> None:
    client = app.test_client()
    put_flow(client, 4, new_identity())
    client.get(CAPTCHA_URL)
    info = captcha_info(client)
    body = data.draw(
        bodies(["challenge", "tile"], known=(info["challenge"], str(info["index"]))),
        label="body",
    )
    response = client.post(CAPTCHA_URL, **body.kwargs)
    assert_answered_like_a_public_service(response, body)
    step = flow_step(app, client)
    if response.location == CGU_URL:
        assert step == 5
    else:
        assert step == 4
    assert account_count(app) == 0


@settings(FUZZ, max_examples=400)
@given(body=bodies(["accept"], known=("y",)))
def test_cgu_takes_any_body(app: Flask, body: Body) -> None:
    identity = new_identity()
    client = app.test_client()
    put_flow(client, 5, identity)
    response = client.post(CGU_URL, **body.kwargs)
    assert_answered_like_a_public_service(response, body)
    created = account(app, identity.nir) is not None
    assert created == (response.status_code == 302), "an account iff the CGU were accepted"


@pytest.fixture
def signed_in_for_dif(app: Flask) -> tuple[FlaskClient, str]:
    client = app.test_client()
    account = signed_in(client)
    set_today(client, "2021-03-15")
    return client, str(account["nir"])


@settings(FUZZ, max_examples=500)
@given(body=bodies(["hours"], known=("40", "0", "120", " 7 ", "+3")))
def test_dif_report_takes_any_body(
    app: Flask, signed_in_for_dif: tuple[FlaskClient, str], body: Body
) -> None:
    client, nir = signed_in_for_dif
    before = query(app, "SELECT dif_hours FROM account WHERE nir = ?", (rules.compact_nir(nir),))
    response = client.post(DIF_URL, **body.kwargs)
    assert_answered_like_a_public_service(response, body)
    after = query(app, "SELECT dif_hours FROM account WHERE nir = ?", (rules.compact_nir(nir),))
    if response.status_code != 302:
        assert after[0]["dif_hours"] == before[0]["dif_hours"], "a refused report was stored"
    else:
        assert 0 <= after[0]["dif_hours"] <= 120


def pending_franceconnect_identity(client: FlaskClient, *, with_email: bool) -> str:
    """The session as the FranceConnect callback leaves it before a first completion."""
    nir = rules.parse_nir(fresh_nir()).compact
    with client.session_transaction() as session:
        session[PENDING_KEY] = {
            "sub": f"sub-{nir}",
            "nir": nir,
            "given_name": "Camille",
            "family_name": "Martin",
            "birthdate": "1988-09-01",
            "gender": "female",
            "birthplace_name": "Paris",
            "email": unique_email() if with_email else None,
            "id_token": "jeton",
        }
    return nir


@settings(FUZZ, max_examples=400)
@given(with_email=st.booleans(), data=st.data())
def test_franceconnect_completion_takes_any_body(
    app: Flask, with_email: bool, data: st.DataObject
) -> None:
    client = app.test_client()
    nir = pending_franceconnect_identity(client, with_email=with_email)
    body = data.draw(bodies(["email", "accept"], known=("y", unique_email())), label="body")
    response = client.post(COMPLETE_URL, **body.kwargs)
    assert_answered_like_a_public_service(response, body)
    created = account(app, nir) is not None
    assert created == (response.status_code == 302), "an account iff the form was accepted"
