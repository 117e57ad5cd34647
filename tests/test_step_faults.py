"""The test API's step faults: what they do, and what they refuse."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from cpf.messages import ERROR_PAGES
from harness.identities import Identity

from .html_page import page
from .portal_client import CAPTCHA_URL, FORM_URL, put_flow


def test_status_fault_answers_that_status_on_its_step(client: FlaskClient) -> None:
    assert client.put("/__test__/faults/accueil", json={"status": 503}).status_code == 200
    response = client.get("/")
    assert response.status_code == 503
    assert "momentanément indisponible" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("status", "title"),
    [(500, ERROR_PAGES[500].title), (503, ERROR_PAGES[503].title)],
)
def test_failing_captcha_step_shows_a_french_error_page(
    client: FlaskClient, identity: Identity, status: int, title: str
) -> None:
    put_flow(client, 4, identity)
    client.put("/__test__/faults/controle", json={"status": status})
    response = client.get(CAPTCHA_URL)
    assert response.status_code == status
    assert page(response).h1 == [title]
    assert "Traceback" not in response.get_data(as_text=True)
    client.delete("/__test__/faults")
    assert client.get(CAPTCHA_URL).status_code == 200  # works again once cleared


def test_fault_on_the_captcha_step_leaves_the_form_alone(client: FlaskClient) -> None:
    put_flow(client, 3)
    assert client.put("/__test__/faults/controle", json={"status": 503}).status_code == 200
    assert client.get(CAPTCHA_URL).status_code == 503  # the fault is on
    assert client.get(FORM_URL).status_code == 200


def test_fault_on_one_step_leaves_the_others_alone(client: FlaskClient) -> None:
    client.put("/__test__/faults/accueil", json={"status": 500})
    assert client.get("/conditions-generales-utilisation").status_code == 200


def test_cleared_faults_no_longer_apply(client: FlaskClient) -> None:
    client.put("/__test__/faults/accueil", json={"status": 500})
    client.delete("/__test__/faults")
    assert client.get("/").status_code == 200


def test_faults_belong_to_the_session_that_set_them(client: FlaskClient) -> None:
    client.put("/__test__/faults/accueil", json={"status": 500})
    other_browser = client.application.test_client()
    assert other_browser.get("/").status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"status": "beaucoup"},
        {"status": 200},
        {"status": 302},
        {"status": 600},
        {"delay_ms": -1},
        {"delay_ms": 60_000},
    ],
    ids=["empty", "not-a-number", "200", "302", "600", "negative-delay", "delay-too-long"],
)
def test_bad_fault_is_refused_with_a_json_400(client: FlaskClient, payload: dict) -> None:
    response = client.put("/__test__/faults/accueil", json=payload)
    assert response.status_code == 400
    assert response.json is not None
    assert "error" in response.json
    assert client.get("/").status_code == 200


def test_unknown_step_is_refused(client: FlaskClient) -> None:
    response = client.put("/__test__/faults/etape-inconnue", json={"status": 500})
    assert response.status_code == 400
