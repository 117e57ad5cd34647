"""Connexion: password login, lock-out after repeated failures, safe sessions."""

from __future__ import annotations

import html
import threading
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from mock_site import accounts
from mock_site.account import login

from cpf import rules
from cpf.messages import LOCKED, LOCKED_RETRY, LOGIN_PASSWORD_EMPTY
from harness.identities import TEST_PASSWORD, fresh_nir, unique_email

from .portal_client import (
    ACCOUNT_URL,
    DROITS_URL,
    LOGIN_URL,
    account_state,
    log_in,
    seed_account,
)

MAX_FAILURES = 5  # the spec's "repeated failures": the portal locks at the fifth


def locked_message(minutes: int) -> str:
    wait = LOCKED_RETRY.format(wait=f"{minutes} minutes")
    return f"{LOCKED.format(failures=MAX_FAILURES)} {wait}"


def fail(client: FlaskClient, nir: str, times: int) -> None:
    for _ in range(times):
        log_in(client, nir, "Mauvais1234")


def test_connexion_page_has_the_login_fields_and_button(client: FlaskClient) -> None:
    page = client.get(LOGIN_URL).text
    assert "Numéro de sécurité sociale" in page
    assert "Mot de passe" in page
    assert ">Se connecter</button>" in page


def test_right_password_signs_in_and_opens_the_account(client: FlaskClient) -> None:
    account = seed_account(client)
    response = log_in(client, account["compact_nir"], TEST_PASSWORD)
    assert response.status_code == 302
    assert response.location == ACCOUNT_URL
    with client.session_transaction() as session:
        assert session["account_id"] > 0


def test_nir_typed_with_spaces_signs_in(client: FlaskClient) -> None:
    account = seed_account(client)
    spaced = rules.parse_nir(account["nir"]).formatted()
    assert " " in spaced
    assert log_in(client, spaced, TEST_PASSWORD).location == ACCOUNT_URL


def test_wrong_password_is_refused_without_saying_which_field(client: FlaskClient) -> None:
    account = seed_account(client)
    response = log_in(client, account["nir"], "Mauvais1234")
    assert response.status_code == 200
    assert login.BAD_CREDENTIALS in response.text
    with client.session_transaction() as session:
        assert "account_id" not in session


def test_unknown_nir_gets_the_same_message_as_a_wrong_password(client: FlaskClient) -> None:
    response = log_in(client, fresh_nir(), TEST_PASSWORD)
    assert login.BAD_CREDENTIALS in response.text


def test_refused_login_keeps_the_nir_typed_but_not_the_password(client: FlaskClient) -> None:
    account = seed_account(client)
    response = log_in(client, account["nir"], "Mauvais1234")
    assert f'value="{account["nir"]}"' in response.text
    assert "Mauvais1234" not in response.text


def test_empty_login_fields_each_get_their_message(client: FlaskClient) -> None:
    response = log_in(client, "", "")
    assert rules.NIR_EMPTY in response.text
    assert LOGIN_PASSWORD_EMPTY in response.text
    assert 'aria-invalid="true"' in response.text


def test_five_wrong_passwords_lock_the_account(client: FlaskClient) -> None:
    account = seed_account(client)
    fail(client, account["nir"], MAX_FAILURES - 1)
    response = log_in(client, account["nir"], "Mauvais1234")
    assert locked_message(15) in html.unescape(response.text)
    assert account_state(client, account["nir"])["locked"]


def test_four_wrong_passwords_do_not_lock_the_account(client: FlaskClient) -> None:
    account = seed_account(client)
    fail(client, account["nir"], 4)
    assert not account_state(client, account["nir"])["locked"]
    assert log_in(client, account["nir"], TEST_PASSWORD).location == ACCOUNT_URL


def test_right_password_is_refused_while_locked(client: FlaskClient) -> None:
    account = seed_account(client)
    fail(client, account["nir"], MAX_FAILURES)
    response = log_in(client, account["nir"], TEST_PASSWORD)
    assert response.status_code == 200
    assert locked_message(15) in html.unescape(response.text)
    with client.session_transaction() as session:
        assert "account_id" not in session


def test_right_password_is_refused_under_a_lock_set_by_the_test_api(client: FlaskClient) -> None:
    account = seed_account(client)
    client.put(f"/__test__/accounts/{account['compact_nir']}/lock", json={"minutes": 15})
    response = log_in(client, account["nir"], TEST_PASSWORD)
    assert locked_message(15) in html.unescape(response.text)
    with client.session_transaction() as session:
        assert "account_id" not in session


def test_right_password_works_under_a_lock_the_test_api_set_in_the_past(
    client: FlaskClient,
) -> None:
    account = seed_account(client)
    client.put(f"/__test__/accounts/{account['compact_nir']}/lock", json={"minutes": -1})
    assert log_in(client, account["nir"], TEST_PASSWORD).location == ACCOUNT_URL


def test_lock_message_counts_down_the_minutes_left(app: Flask, client: FlaskClient) -> None:
    account = seed_account(client)
    client.put(f"/__test__/accounts/{account['compact_nir']}/lock", json={"minutes": 3})
    assert locked_message(3) in html.unescape(log_in(client, account["nir"], TEST_PASSWORD).text)


def test_success_resets_the_failure_counter(client: FlaskClient) -> None:
    account = seed_account(client)
    fail(client, account["nir"], 4)
    log_in(client, account["nir"], TEST_PASSWORD)
    assert account_state(client, account["nir"])["failed_logins"] == 0
    fail(client, account["nir"], 4)
    assert not account_state(client, account["nir"])["locked"]


def test_right_password_works_once_the_lock_has_expired(app: Flask, client: FlaskClient) -> None:
    account = seed_account(client)
    fail(client, account["nir"], 5)
    with app.app_context():
        locked = accounts.by_nir(account["compact_nir"])
        assert locked is not None
        expired = datetime.now(UTC) - timedelta(seconds=1)
        accounts.update(locked.id, locked_until=expired.isoformat())
    assert log_in(client, account["nir"], TEST_PASSWORD).location == ACCOUNT_URL


def test_one_failure_after_the_lock_expired_does_not_lock_again(client: FlaskClient) -> None:
    account = seed_account(client)
    fail(client, account["nir"], 5)
    client.put(f"/__test__/accounts/{account['compact_nir']}/lock", json={"minutes": -1})
    response = log_in(client, account["nir"], "Mauvais1234")
    assert login.BAD_CREDENTIALS in response.text
    assert "bloqué" not in response.text


def test_test_api_unlocks_an_account(client: FlaskClient) -> None:
    account = seed_account(client)
    fail(client, account["nir"], 5)
    response = client.delete(f"/__test__/accounts/{account['compact_nir']}/lock")
    assert response.status_code == 200
    assert log_in(client, account["nir"], TEST_PASSWORD).location == ACCOUNT_URL


def test_parallel_wrong_passwords_all_count(app: Flask) -> None:
    account = seed_account(app.test_client())
    start = threading.Barrier(5)

    def guess() -> None:
        start.wait()
        log_in(app.test_client(), account["nir"], "Mauvais1234")

    threads = [threading.Thread(target=guess) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert account_state(app.test_client(), account["nir"])["locked"]


def test_franceconnect_only_account_is_told_to_use_franceconnect(client: FlaskClient) -> None:
    account = seed_account(client, password=None, franceconnect_sub="fc-" + unique_email())
    response = log_in(client, account["nir"], TEST_PASSWORD)
    assert login.FRANCECONNECT_ONLY in html.unescape(response.text)
    with client.session_transaction() as session:
        assert "account_id" not in session


def test_successful_login_starts_a_fresh_session(client: FlaskClient) -> None:
    account = seed_account(client)
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    log_in(client, account["nir"], TEST_PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_successful_login_keeps_the_test_clock(client: FlaskClient) -> None:
    account = seed_account(client)
    client.put("/__test__/clock", json={"today": "2021-06-30"})
    log_in(client, account["nir"], TEST_PASSWORD)
    assert client.get("/__test__/clock").json == {"today": "2021-06-30"}


def test_login_goes_back_to_the_page_asked_for(client: FlaskClient) -> None:
    account = seed_account(client)
    response = client.post(
        f"{LOGIN_URL}?next={DROITS_URL}", data={"nir": account["nir"], "password": TEST_PASSWORD}
    )
    assert response.location == DROITS_URL


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_login_ignores_a_next_page_on_another_site(client: FlaskClient, target: str) -> None:
    account = seed_account(client)
    response = client.post(
        LOGIN_URL,
        query_string={"next": target},
        data={"nir": account["nir"], "password": TEST_PASSWORD},
    )
    assert response.location == ACCOUNT_URL
