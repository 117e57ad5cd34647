"""Mon compte, Mes droits formation, login_required and logout."""

from __future__ import annotations

import html
from typing import Any

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient

from cpf import messages

from .portal_client import (
    ACCOUNT_URL,
    DIF_URL,
    DROITS_URL,
    LOGIN_URL,
    account_state,
    set_today,
    signed_in,
)


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return html.unescape(response.text)


# --- login_required --------------------------------------------------------------


@pytest.mark.parametrize("path", [ACCOUNT_URL, DROITS_URL, DIF_URL])
def test_account_pages_send_visitors_to_connexion(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.startswith(f"{LOGIN_URL}?next=")
    assert messages.LOGIN_REQUIRED in page(client, response.location)


def test_login_required_lets_a_signed_in_user_through(client: FlaskClient) -> None:
    signed_in(client)
    assert client.get(ACCOUNT_URL).status_code == 200


def test_session_of_a_deleted_account_is_treated_as_signed_out(client: FlaskClient) -> None:
    signed_in(client)
    client.post("/__test__/reset")
    assert client.get(ACCOUNT_URL).status_code == 302


# --- Mon compte ---------------------------------------------------------------------


def test_account_home_greets_by_first_name_and_birth_name(client: FlaskClient) -> None:
    signed_in(client, first_name="Hélène", birth_name="Lefèvre-Durand")
    greeting = messages.GREETING.format(first_name="Hélène", birth_name="Lefèvre-Durand")
    assert f"<h1>{greeting}</h1>" in page(client, ACCOUNT_URL)


def test_account_home_links_to_droits_and_dif(app: Flask, client: FlaskClient) -> None:
    signed_in(client)
    text = page(client, ACCOUNT_URL)
    with app.test_request_context():
        assert f'href="{url_for("account.droits")}">Mes droits formation</a>' in text
        assert f'href="{url_for("account.dif")}">Report du DIF</a>' in text


# --- Mes droits formation ----------------------------------------------------------


def test_droits_of_a_private_account_are_in_euros(client: FlaskClient) -> None:
    career = [{"year": year, "quotite": 100} for year in (2019, 2020, 2021)]
    signed_in(client, sector="prive", career=career, dif_hours=10)
    set_today(client, "2022-03-01")
    text = page(client, DROITS_URL)
    assert "<h1>Mes droits formation</h1>" in text
    assert '<p class="amount" id="montant-droits">1\u202f650\u00a0€</p>' in text


def test_droits_of_a_public_agent_are_in_hours(client: FlaskClient) -> None:
    career = [{"year": year, "quotite": 100} for year in (2017, 2018, 2019)]
    signed_in(client, sector="public", career=career)
    set_today(client, "2022-03-01")
    text = page(client, DROITS_URL)
    assert '<p class="amount" id="montant-droits">75\u00a0heures</p>' in text
    assert "€</p>" not in text


def test_droits_list_each_credited_year(client: FlaskClient) -> None:
    career = [{"year": 2019, "quotite": 100}, {"year": 2020, "quotite": 40}]
    signed_in(client, career=career)
    set_today(client, "2022-03-01")
    text = page(client, DROITS_URL)
    assert '<th scope="row">2019</th>' in text
    assert "200\u00a0€ (au prorata)" in text


def test_droits_say_when_the_ceiling_is_reached(client: FlaskClient) -> None:
    career = [{"year": year, "quotite": 100} for year in range(2019, 2031)]
    signed_in(client, career=career)
    set_today(client, "2031-01-01")
    assert "plafond de 5\u202f000\u00a0€ atteint" in page(client, DROITS_URL)


def test_droits_follow_the_test_clock(client: FlaskClient) -> None:
    career = [{"year": year, "quotite": 100} for year in range(2019, 2024)]
    signed_in(client, career=career)
    set_today(client, "2020-06-01")
    assert 'id="montant-droits">500\u00a0€<' in page(client, DROITS_URL)


# --- Logout -----------------------------------------------------------------------


def test_logout_ends_the_session_and_says_so(client: FlaskClient) -> None:
    signed_in(client)
    response = client.post("/deconnexion")
    assert response.status_code == 303
    assert response.location == "/"
    assert messages.LOGGED_OUT in page(client, "/")
    assert client.get(ACCOUNT_URL).status_code == 302


def test_logout_is_not_possible_with_a_get(client: FlaskClient) -> None:
    signed_in(client)
    assert client.get("/deconnexion").status_code == 405
    assert client.get(ACCOUNT_URL).status_code == 200


def test_logout_keeps_the_test_clock(client: FlaskClient) -> None:
    signed_in(client)
    set_today(client, "2021-06-30")
    client.post("/deconnexion")
    assert client.get("/__test__/clock").json == {"today": "2021-06-30"}


def test_franceconnect_session_logs_out_through_franceconnect(
    app: Flask, client: FlaskClient
) -> None:
    signed_in(client)
    with client.session_transaction() as session:
        session["franceconnect_id_token"] = "un.jeton.signé"
    response = client.post("/deconnexion")
    with app.test_request_context():
        assert response.location == url_for("franceconnect_login.logout")
    with client.session_transaction() as session:
        assert "account_id" not in session  # the portal session ended here already
        assert session["franceconnect_logout_hint"] == "un.jeton.signé"


def test_franceconnect_logout_link_from_elsewhere_signs_nobody_out(client: FlaskClient) -> None:
    signed_in(client)
    response = client.get("/franceconnect/deconnexion")
    assert response.location == "/"
    assert client.get(ACCOUNT_URL).status_code == 200


def test_logout_without_csrf_token_is_refused(tmp_path: Any) -> None:
    from mock_site import create_app

    app = create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "csrf.sqlite3"), "SECRET_KEY": "tests"}
    )
    client = app.test_client()
    with client.session_transaction() as session:
        session["account_id"] = 1
    assert client.post("/deconnexion").status_code == 400
    with client.session_transaction() as session:
        assert session["account_id"] == 1


def test_header_shows_the_logout_button_once_signed_in(client: FlaskClient) -> None:
    assert "Se déconnecter" not in page(client, "/")
    signed_in(client)
    assert ">Se déconnecter</button>" in page(client, ACCOUNT_URL)


def test_compact_nir_signs_in_the_seeded_account(client: FlaskClient) -> None:
    account = signed_in(client)
    state = account_state(client, account["nir"])
    assert state["failed_logins"] == 0
