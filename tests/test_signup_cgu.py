"""Step 5, "Clôturez votre inscription", and the "compte activé" page."""

from __future__ import annotations

import json
from datetime import date

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from werkzeug.security import check_password_hash
from werkzeug.test import TestResponse

from cpf.messages import (
    ACCOUNT_ACTIVATED,
    CGU_REQUIRED,
    CONFIRMATION_SUBJECT,
    EMAIL_TAKEN,
    NIR_TAKEN,
)
from harness.identities import Identity, fresh_nir, unique_email
from page_objects.cgu import CguPage
from page_objects.portal_page import ERROR_TITLE_PREFIX

from .html_page import page
from .portal_client import (
    ACCOUNT_URL,
    ACTIVATED_URL,
    CGU_URL,
    FORM_URL,
    LOGIN_URL,
    account_count,
    flow_row,
    put_flow,
    query,
    seed_account,
    signed_in,
)

CGU_LABEL = "J'accepte les conditions générales d'utilisation"


@pytest.fixture
def at_cgu(client: FlaskClient, identity: Identity) -> FlaskClient:
    put_flow(client, 5, identity)
    return client


def accept(client: FlaskClient) -> TestResponse:
    return client.post(CGU_URL, data={"accept": "y"})


# --- The page -----------------------------------------------------------------


def test_cgu_page_has_title_h1_and_stepper(at_cgu: FlaskClient) -> None:
    shown = page(at_cgu.get(CGU_URL))
    assert shown.title.startswith(f"{CguPage.TITLE} (étape 5 sur 5)")
    assert shown.h1 == ["Clôturez votre inscription"]
    assert "Étape 5 sur 5" in shown.text_of("p")


def test_cgu_page_links_to_the_real_cgu_page(at_cgu: FlaskClient) -> None:
    shown = page(at_cgu.get(CGU_URL))
    # The footer's link starts with a capital letter; this one is in the step's sentence.
    hrefs = [
        a.attrs.get("href")
        for a in shown.find_all("a")
        if "conditions générales d'utilisation" in " ".join(a.text.split())
    ]
    assert hrefs == ["/conditions-generales-utilisation"]
    cgu = at_cgu.get("/conditions-generales-utilisation")
    assert cgu.status_code == 200
    assert page(cgu).h1 == ["Conditions générales d'utilisation"]


def test_cgu_checkbox_has_its_exact_label_and_the_button_is_s_inscrire(at_cgu: FlaskClient) -> None:
    shown = page(at_cgu.get(CGU_URL))
    assert shown.by_id("accept").attrs.get("type") == "checkbox"
    assert "checked" not in shown.by_id("accept").attrs  # left for the user to tick
    labels = [e for e in shown.find_all("label") if e.attrs.get("for") == "accept"]
    assert [" ".join(e.text.split()) for e in labels] == [CGU_LABEL]
    assert "S'inscrire" in shown.text_of("button")


# --- Refused without the box ticked -------------------------------------------


def test_signing_up_without_accepting_the_cgu_is_refused(app: Flask, at_cgu: FlaskClient) -> None:
    response = at_cgu.post(CGU_URL, data={})
    assert response.status_code == 200
    shown = page(response)
    assert shown.title.startswith(ERROR_TITLE_PREFIX + CguPage.TITLE)
    assert shown.field_error("accept") == CGU_REQUIRED
    assert shown.by_id("accept").attrs.get("aria-invalid") == "true"
    assert "#accept" in [a.attrs.get("href") for a in shown.find_all("a")]
    assert account_count(app) == 0
    assert query(app, "SELECT COUNT(*) FROM outbox")[0][0] == 0
    row = flow_row(app, at_cgu)
    assert row is not None
    assert row["step"] == 5


def test_cgu_value_other_than_ticked_is_refused(app: Flask, at_cgu: FlaskClient) -> None:
    at_cgu.post(CGU_URL, data={"accept": ""})
    assert account_count(app) == 0


# --- Activation ---------------------------------------------------------------


def test_accepting_the_cgu_creates_the_account_from_the_flow(
    app: Flask, at_cgu: FlaskClient, identity: Identity
) -> None:
    response = accept(at_cgu)
    assert response.location == ACTIVATED_URL
    rows = query(app, "SELECT * FROM account WHERE nir = ?", (identity.compact_nir,))
    assert len(rows) == 1
    account = rows[0]
    assert (account["email"], account["birth_name"], account["first_name"]) == (
        identity.email,
        identity.birth_name,
        identity.first_name,
    )
    assert check_password_hash(account["password_hash"], identity.password)


def test_activation_signs_the_user_in_and_ends_the_signup(
    app: Flask, at_cgu: FlaskClient, identity: Identity
) -> None:
    accept(at_cgu)
    with at_cgu.session_transaction() as session:
        account_id = session.get("account_id")
    rows = query(app, "SELECT id FROM account WHERE nir = ?", (identity.compact_nir,))
    assert account_id == rows[0]["id"]
    assert flow_row(app, at_cgu) is None
    assert query(app, "SELECT COUNT(*) FROM signup_flow")[0][0] == 0


def test_activation_records_the_confirmation_email(at_cgu: FlaskClient, identity: Identity) -> None:
    accept(at_cgu)
    messages = at_cgu.get("/__test__/outbox", query_string={"to": identity.email}).get_json()
    assert [m["subject"] for m in messages] == [CONFIRMATION_SUBJECT]
    assert identity.first_name in messages[0]["body"]


def test_activation_gives_the_sector_and_career_of_the_rights_rules(
    app: Flask, at_cgu: FlaskClient, identity: Identity
) -> None:
    rights = pytest.importorskip("mock_site.rights")
    accept(at_cgu)
    account = query(app, "SELECT * FROM account WHERE nir = ?", (identity.compact_nir,))[0]
    sector, career = rights.initial_profile(identity.compact_nir, date.today())
    assert (account["sector"], json.loads(account["career"])) == (sector, career)


def test_nir_taken_meanwhile_sends_back_to_the_form_with_the_message(
    app: Flask, at_cgu: FlaskClient, identity: Identity
) -> None:
    seed_account(at_cgu, identity.with_(email=unique_email()))
    response = accept(at_cgu)
    assert response.location == FORM_URL
    assert account_count(app) == 1
    row = flow_row(app, at_cgu)
    assert row is not None
    assert row["step"] == 3
    shown = page(at_cgu.get(FORM_URL))
    error = shown.field_error("nir")
    assert error is not None
    assert error.startswith(NIR_TAKEN)
    assert any(a.text.strip() == "Connexion" for a in shown.by_id("nir-error").children)
    assert shown.by_id("email").attrs.get("value") == identity.email


def test_email_taken_meanwhile_sends_back_to_the_form_with_the_message(
    app: Flask, at_cgu: FlaskClient, identity: Identity
) -> None:
    seed_account(at_cgu, identity.with_(nir=fresh_nir()))
    assert accept(at_cgu).location == FORM_URL
    shown = page(at_cgu.get(FORM_URL))
    error = shown.field_error("email")
    assert error is not None
    assert error.startswith(EMAIL_TAKEN)
    assert shown.field_error("nir") is None


# --- Compte activé ------------------------------------------------------------


def test_activated_page_says_the_account_is_activated(app: Flask, at_cgu: FlaskClient) -> None:
    accept(at_cgu)
    shown = page(at_cgu.get(ACTIVATED_URL))
    assert shown.h1 == [ACCOUNT_ACTIVATED]
    assert shown.title.startswith(ACCOUNT_ACTIVATED)
    assert {
        "Vous connecter avec votre mot de passe",
        "Connaître les droits que vous avez acquis pour vous former",
        "Bénéficier des services proposés",
    } <= set(shown.text_of("li"))


def test_activated_page_links_to_mes_droits_formation(app: Flask, at_cgu: FlaskClient) -> None:
    accept(at_cgu)
    shown = page(at_cgu.get(ACTIVATED_URL))
    with app.test_request_context():
        droits = url_for("account.droits")
    assert shown.links()["Mes droits formation"] == droits


def test_activated_page_can_be_reloaded(at_cgu: FlaskClient) -> None:
    accept(at_cgu)
    assert at_cgu.get(ACTIVATED_URL).status_code == 200
    assert at_cgu.get(ACTIVATED_URL).status_code == 200


def test_activated_page_without_an_activation_redirects_to_connexion(client: FlaskClient) -> None:
    response = client.get(ACTIVATED_URL)
    assert response.status_code == 302
    assert response.location == LOGIN_URL


def test_activated_page_for_a_signed_in_account_not_just_activated_redirects_to_it(
    client: FlaskClient, identity: Identity
) -> None:
    signed_in(client, identity)
    assert client.get(ACTIVATED_URL).location == ACCOUNT_URL


def test_activated_page_with_a_forged_account_id_in_the_session_redirects_to_connexion(
    client: FlaskClient,
) -> None:
    with client.session_transaction() as session:
        session["account_id"] = 1
    assert client.get(ACTIVATED_URL).location == LOGIN_URL
