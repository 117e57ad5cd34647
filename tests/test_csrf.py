"""With CSRF protection on (as in production), a form posted without its token
is refused with a French page and writes nothing."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from cpf.messages import FORM_EXPIRED, FORM_EXPIRED_TITLE
from harness.identities import Identity

from .html_page import page
from .portal_client import (
    ACCOUNT_URL,
    CAPTCHA_REFRESH_URL,
    CAPTCHA_URL,
    CGU_URL,
    DIF_URL,
    FORM_URL,
    LOGIN_URL,
    account_count,
    account_state,
    captcha_info,
    flow_row,
    form_data,
    put_flow,
    query,
    seed_account,
    set_today,
)


def assert_refused_in_french(response: TestResponse) -> None:
    assert response.status_code == 400
    shown = page(response)
    assert shown.h1 == [FORM_EXPIRED_TITLE]
    assert FORM_EXPIRED in " ".join(shown.text_of("p"))


def test_form_post_without_token_is_refused_and_writes_nothing(
    csrf_app: Flask, csrf_client: FlaskClient, identity: Identity
) -> None:
    put_flow(csrf_client, 3)
    assert_refused_in_french(csrf_client.post(FORM_URL, data=form_data(identity)))
    row = flow_row(csrf_app, csrf_client)
    assert row is not None
    assert (row["step"], row["data"]) == (3, "{}")


def test_form_post_with_a_wrong_token_is_refused(
    csrf_client: FlaskClient, identity: Identity
) -> None:
    put_flow(csrf_client, 3)
    response = csrf_client.post(FORM_URL, data={**form_data(identity), "csrf_token": "faux"})
    assert_refused_in_french(response)


def test_form_post_with_its_token_is_accepted(csrf_client: FlaskClient, identity: Identity) -> None:
    put_flow(csrf_client, 3)
    token = page(csrf_client.get(FORM_URL)).csrf_token
    response = csrf_client.post(FORM_URL, data={**form_data(identity), "csrf_token": token})
    assert response.location == CAPTCHA_URL


def test_captcha_post_without_token_is_refused_and_spends_nothing(
    csrf_app: Flask, csrf_client: FlaskClient, identity: Identity
) -> None:
    put_flow(csrf_client, 4, identity)
    csrf_client.get(CAPTCHA_URL)
    info = captcha_info(csrf_client)
    response = csrf_client.post(
        CAPTCHA_URL, data={"challenge": info["challenge"], "tile": info["index"]}
    )
    assert_refused_in_french(response)
    assert query(csrf_app, "SELECT used FROM captcha_challenge")[0][0] == 0
    row = flow_row(csrf_app, csrf_client)
    assert row is not None
    assert row["step"] == 4


def test_captcha_post_with_its_token_is_accepted(
    csrf_client: FlaskClient, identity: Identity
) -> None:
    put_flow(csrf_client, 4, identity)
    token = page(csrf_client.get(CAPTCHA_URL)).csrf_token
    info = captcha_info(csrf_client)
    response = csrf_client.post(
        CAPTCHA_URL,
        data={"challenge": info["challenge"], "tile": info["index"], "csrf_token": token},
    )
    assert response.location == CGU_URL


def test_captcha_refresh_without_token_is_refused(
    csrf_app: Flask, csrf_client: FlaskClient, identity: Identity
) -> None:
    put_flow(csrf_client, 4, identity)
    csrf_client.get(CAPTCHA_URL)
    assert_refused_in_french(csrf_client.post(CAPTCHA_REFRESH_URL))
    assert query(csrf_app, "SELECT COUNT(*) FROM captcha_challenge")[0][0] == 1


def test_cgu_post_without_token_is_refused_and_creates_no_account(
    csrf_app: Flask, csrf_client: FlaskClient, identity: Identity
) -> None:
    put_flow(csrf_client, 5, identity)
    assert_refused_in_french(csrf_client.post(CGU_URL, data={"accept": "y"}))
    assert account_count(csrf_app) == 0
    assert query(csrf_app, "SELECT COUNT(*) FROM outbox")[0][0] == 0


def test_cgu_post_with_its_token_creates_the_account(
    csrf_app: Flask, csrf_client: FlaskClient, identity: Identity
) -> None:
    put_flow(csrf_client, 5, identity)
    token = page(csrf_client.get(CGU_URL)).csrf_token
    csrf_client.post(CGU_URL, data={"accept": "y", "csrf_token": token})
    assert account_count(csrf_app) == 1


# --- Connexion and the account -------------------------------------------------------


def signed_in_with_token(client: FlaskClient, identity: Identity, **fields: str) -> None:
    """``identity``'s account seeded, then logged in as a browser would: with the token."""
    seed_account(client, identity, **fields)
    token = page(client.get(LOGIN_URL)).csrf_token
    data = {"nir": identity.nir, "password": identity.password, "csrf_token": token}
    assert client.post(LOGIN_URL, data=data).location == ACCOUNT_URL


def test_login_without_token_is_refused_and_signs_nobody_in(
    csrf_client: FlaskClient, identity: Identity
) -> None:
    seed_account(csrf_client, identity)
    csrf_client.get(LOGIN_URL)
    response = csrf_client.post(
        LOGIN_URL, data={"nir": identity.nir, "password": identity.password}
    )
    assert_refused_in_french(response)
    assert str(csrf_client.get(ACCOUNT_URL).location).startswith(LOGIN_URL)  # signed out


def test_dif_report_without_token_is_refused_and_records_no_hours(
    csrf_client: FlaskClient, identity: Identity
) -> None:
    signed_in_with_token(csrf_client, identity, sector="prive")
    set_today(csrf_client, "2021-03-15")  # the DIF report is open
    assert csrf_client.get(DIF_URL).status_code == 200
    assert_refused_in_french(csrf_client.post(DIF_URL, data={"hours": "40"}))
    assert account_state(csrf_client, identity.nir)["dif_hours"] is None


def test_logout_without_token_is_refused_and_stays_signed_in(
    csrf_client: FlaskClient, identity: Identity
) -> None:
    signed_in_with_token(csrf_client, identity)
    assert_refused_in_french(csrf_client.post("/deconnexion"))
    assert csrf_client.get(ACCOUNT_URL).status_code == 200
