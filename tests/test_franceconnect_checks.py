"""Every check the portal makes on FranceConnect's answers, proven by a FranceConnect
that breaks it (harness/franceconnect_faults.py): the portal refuses the answer with
its French message on Connexion, and signs nobody in."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from franceconnect_mock.identities import Identity
from mock_site import accounts
from werkzeug.test import TestResponse

from harness.franceconnect_faults import BROKEN_ANSWERS, BrokenAnswer

from .franceconnect_federation import (
    PORTAL_CALLBACK,
    PORTAL_CLIENT,
    Browser,
    identity,
)
from .portal_client import ACCOUNT_URL, LOGIN_URL


def _break(browser: Browser, fault: str, payload: dict[str, Any]) -> TestResponse:
    return browser.portal.put(f"/__test__/franceconnect/faults/{fault}", json=payload)


def _back_at_callback(browser: Browser, case: BrokenAnswer, who: Identity) -> TestResponse:
    """From the portal's FranceConnect button to its callback's answer."""
    authorize = browser.start()
    if case.at_authorize:
        back = browser.fc.get(browser.franceconnect.path(authorize)).headers["Location"]
        assert back.startswith(PORTAL_CALLBACK + "?"), back
    else:
        back = browser.consent_at_franceconnect(authorize, who)
    return browser.back_to_portal(back)


def _flashes(browser: Browser) -> list[str]:
    with browser.portal.session_transaction() as session:
        return [message for _category, message in session.get("_flashes", [])]


def _signed_in_nobody(browser: Browser, portal: Flask, who: Identity) -> None:
    with portal.app_context():
        assert accounts.by_nir(who.nir) is None
        assert accounts.by_franceconnect_sub(who.sub_for(PORTAL_CLIENT["client_id"])) is None
    with browser.portal.session_transaction() as session:
        assert "account_id" not in session
        assert "franceconnect_pending" not in session  # no first sign-in to complete
    assert browser.portal.get(ACCOUNT_URL).headers["Location"].startswith(LOGIN_URL)


@pytest.mark.parametrize("case", BROKEN_ANSWERS, ids=lambda case: case.id)
def test_broken_answer_is_refused_on_connexion_and_signs_nobody_in(
    browser: Browser, portal: Flask, case: BrokenAnswer
) -> None:
    sophie = identity("sophie-durand")
    made = _break(browser, case.fault, case.payload)  # before the portal reads discovery
    assert made.status_code == 200, made.get_json()

    response = _back_at_callback(browser, case, sophie)

    assert response.status_code == 302
    assert response.headers["Location"] == LOGIN_URL
    assert _flashes(browser) == [case.message]
    _signed_in_nobody(browser, portal, sophie)


@pytest.mark.parametrize("case", BROKEN_ANSWERS, ids=lambda case: case.id)
def test_cleared_fault_lets_the_sign_in_through(browser: Browser, case: BrokenAnswer) -> None:
    _break(browser, case.fault, case.payload)
    assert browser.portal.delete("/__test__/franceconnect/faults").status_code == 200

    response = browser.sign_in(identity("sophie-durand"))
    assert response.headers["Location"] == "/franceconnect/activation"


@pytest.mark.parametrize(
    ("fault", "payload"),
    [
        pytest.param("authorize", {"error": "Pas un code"}, id="authorize-not-a-code"),
        pytest.param("token", {"without": ["refresh_token"]}, id="token-unknown-member"),
        pytest.param("token", {}, id="token-nothing"),
        pytest.param("signing", {"alg": "HS256"}, id="signing-other-alg"),
        pytest.param("signing", {}, id="signing-nothing"),
        pytest.param("id_token", {"seconds_from_now": {"nbf": 5}}, id="id-token-untimed-claim"),
        pytest.param("id_token", {"claims": "iss"}, id="id-token-claims-not-an-object"),
        pytest.param("userinfo", {"seconds_from_now": {"exp": 5}}, id="userinfo-timed"),
        pytest.param("userinfo", {}, id="userinfo-nothing"),
    ],
)
def test_malformed_fault_is_refused_with_a_json_400(
    browser: Browser, fault: str, payload: dict[str, Any]
) -> None:
    refused = _break(browser, fault, payload)
    assert refused.status_code == 400
    assert refused.get_json()["error"]


def test_unknown_fault_is_refused_with_a_json_404(browser: Browser) -> None:
    refused = _break(browser, "jwks", {"status": 500})
    assert refused.status_code == 404
    assert "id_token" in refused.get_json()["error"]


def test_one_fault_is_cleared_alone(browser: Browser) -> None:
    _break(browser, "id_token", {"without": ["nonce"]})
    _break(browser, "userinfo", {"without": ["sub"]})
    assert browser.portal.delete("/__test__/franceconnect/faults/id_token").status_code == 200

    response = browser.sign_in(identity("sophie-durand"))
    assert response.headers["Location"] == LOGIN_URL  # userinfo still broken
    assert browser.portal.delete("/__test__/franceconnect/faults/userinfo").status_code == 200
    again = browser.sign_in(identity("sophie-durand"))
    assert again.headers["Location"] == "/franceconnect/activation"
