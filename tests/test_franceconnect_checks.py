"""Every check the portal makes on FranceConnect's answers, proven by a FranceConnect
that breaks it (harness/franceconnect_faults.py): the portal refuses the answer with
its French message on Connexion, and signs nobody in."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from harness.franceconnect_faults import BROKEN_ANSWERS, BrokenAnswer

from .franceconnect_federation import (
    UserAgent,
    back_at_callback,
    break_franceconnect,
    flashes,
    identity,
    signed_in_nobody,
)
from .portal_client import LOGIN_URL


@pytest.mark.parametrize("case", BROKEN_ANSWERS, ids=lambda case: case.id)
def test_broken_answer_is_refused_on_connexion_and_signs_nobody_in(
    user_agent: UserAgent, portal: Flask, case: BrokenAnswer
) -> None:
    sophie = identity("sophie-durand")
    made = break_franceconnect(
        user_agent, case.fault, case.payload
    )  # before the portal reads discovery
    assert made.status_code == 200, made.get_json()

    response = back_at_callback(user_agent, case, sophie)

    assert response.status_code == 302
    assert response.headers["Location"] == LOGIN_URL
    assert flashes(user_agent) == [case.message]
    signed_in_nobody(user_agent, portal, sophie)


@pytest.mark.parametrize("case", BROKEN_ANSWERS, ids=lambda case: case.id)
def test_cleared_fault_lets_the_sign_in_through(user_agent: UserAgent, case: BrokenAnswer) -> None:
    break_franceconnect(user_agent, case.fault, case.payload)
    assert user_agent.portal.delete("/__test__/franceconnect/faults").status_code == 200

    response = user_agent.sign_in(identity("sophie-durand"))
    assert response.headers["Location"] == "/franceconnect/activation"


@pytest.mark.parametrize(
    ("fault", "payload"),
    [
        pytest.param("authorize", {"error": "Pas un code"}, id="authorize-not-a-code"),
        pytest.param("token", {"without": ["refresh_token"]}, id="token-unknown-member"),
        pytest.param("token", {}, id="token-nothing"),
        pytest.param("signing", {"alg": "HS256"}, id="signing-other-alg"),
        pytest.param("signing", {}, id="signing-nothing"),
        pytest.param("signing", {"kid": "k", "without_kid": True}, id="signing-kid-and-no-kid"),
        pytest.param("jwks", {}, id="jwks-nothing"),
        pytest.param("jwks", {"only": "HS256"}, id="jwks-only-other-alg"),
        pytest.param("jwks", {"only": "ES256", "extra_keys": True}, id="jwks-both"),
        pytest.param("id_token", {"seconds_from_now": {"nbf": 5}}, id="id-token-untimed-claim"),
        pytest.param("id_token", {"claims": "iss"}, id="id-token-claims-not-an-object"),
        pytest.param("userinfo", {"seconds_from_now": {"exp": 5}}, id="userinfo-timed"),
        pytest.param("userinfo", {}, id="userinfo-nothing"),
    ],
)
def test_malformed_fault_is_refused_with_a_json_400(
    user_agent: UserAgent, fault: str, payload: dict[str, Any]
) -> None:
    refused = break_franceconnect(user_agent, fault, payload)
    assert refused.status_code == 400
    assert refused.get_json()["error"]


def test_unknown_fault_is_refused_with_a_json_404(user_agent: UserAgent) -> None:
    refused = break_franceconnect(user_agent, "discovery", {"status": 500})
    assert refused.status_code == 404
    assert "id_token" in refused.get_json()["error"]


def test_one_fault_is_cleared_alone(user_agent: UserAgent) -> None:
    break_franceconnect(user_agent, "id_token", {"without": ["nonce"]})
    break_franceconnect(user_agent, "userinfo", {"without": ["sub"]})
    assert user_agent.portal.delete("/__test__/franceconnect/faults/id_token").status_code == 200

    response = user_agent.sign_in(identity("sophie-durand"))
    assert response.headers["Location"] == LOGIN_URL  # userinfo still broken
    assert user_agent.portal.delete("/__test__/franceconnect/faults/userinfo").status_code == 200
    again = user_agent.sign_in(identity("sophie-durand"))
    assert again.headers["Location"] == "/franceconnect/activation"
