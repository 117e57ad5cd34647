"""Any request body, however malformed, gets a French refusal or a 400/413, never a 5xx.

The issue's probe first: JSON with the CSRF token in ``X-CSRFToken`` and a number,
a boolean or an object where the signup form expects text. tests/test_fuzz_forms.py
drives every form with generated bodies; these are the cases worth naming.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from mock_site.form_input import MAX_BODY_BYTES

from cpf import rules
from cpf.messages import ERROR_PAGES
from harness.identities import new_identity

from .html_page import page
from .portal_client import (
    CAPTCHA_URL,
    CGU_URL,
    FORM_URL,
    account_count,
    captcha_info,
    flow_step,
    form_data,
    put_flow,
)

WRONG_TYPES: list[Any] = [12345, 0, -1.5, True, False, None, {"a": "b"}, [], [1, 2], [["x"]]]


@pytest.mark.parametrize("value", WRONG_TYPES, ids=repr)
@pytest.mark.parametrize("field", ["nir", "birth_name", "email", "password"])
def test_json_with_a_wrong_type_is_refused_next_to_its_field(
    csrf_client: FlaskClient, field: str, value: Any
) -> None:
    put_flow(csrf_client, 3)
    token = page(csrf_client.get(FORM_URL)).csrf_token
    body: dict[str, Any] = form_data(new_identity())
    body[field] = value
    response = csrf_client.post(FORM_URL, json=body, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    shown = page(response)
    assert shown.field_error(field), f"no message next to {field}"
    assert shown.by_id(field).attrs.get("aria-invalid") == "true"


def test_json_with_only_strings_is_read_like_the_form(csrf_client: FlaskClient) -> None:
    put_flow(csrf_client, 3)
    token = page(csrf_client.get(FORM_URL)).csrf_token
    response = csrf_client.post(
        FORM_URL, json=form_data(new_identity()), headers={"X-CSRFToken": token}
    )
    assert response.status_code == 302


def test_json_nir_as_a_number_is_refused_as_missing(client: FlaskClient) -> None:
    put_flow(client, 3)
    body: dict[str, Any] = {**form_data(new_identity()), "nir": 12345}
    shown = page(client.post(FORM_URL, json=body))
    assert shown.field_error("nir") == rules.NIR_EMPTY


@pytest.mark.parametrize(
    "body", ["[]", '"texte"', "12", "null", "{", '{"nir": "\\ud800"', "[" * 50_000, b"\xff\xfe"]
)
def test_json_that_is_not_an_object_of_fields_is_a_400(
    client: FlaskClient, app: Flask, body: str | bytes
) -> None:
    put_flow(client, 3)
    response = client.post(FORM_URL, data=body, content_type="application/json")
    assert response.status_code == 400
    assert ERROR_PAGES[400].title in response.get_data(as_text=True)
    assert flow_step(app, client) == 3


def test_a_lone_surrogate_is_read_as_a_replacement_character(client: FlaskClient) -> None:
    put_flow(client, 3)
    body = json.dumps({**form_data(new_identity()), "birth_name": "Dur\ud800and"})
    shown = page(client.post(FORM_URL, data=body, content_type="application/json"))
    assert shown.field_error("birth_name") == rules.NAME_INVALID


def test_a_file_where_text_is_expected_counts_as_missing(client: FlaskClient) -> None:
    put_flow(client, 3)
    data: dict[str, Any] = form_data(new_identity())
    data["nir"] = (io.BytesIO(b"2 88 09 33 063 154 72"), "nir.txt")
    shown = page(client.post(FORM_URL, data=data, content_type="multipart/form-data"))
    assert shown.field_error("nir") == rules.NIR_EMPTY


def test_broken_utf8_in_a_form_is_refused_next_to_its_field(client: FlaskClient) -> None:
    put_flow(client, 3)
    fields = {**form_data(new_identity()), "first_name": "X"}
    body = "&".join(f"{k}={v}" for k, v in fields.items() if k != "first_name")
    body += "&first_name=Ren%C3%A9%ff%fe"
    response = client.post(FORM_URL, data=body, content_type="application/x-www-form-urlencoded")
    assert page(response).field_error("first_name") == rules.NAME_INVALID


def test_a_body_larger_than_any_form_is_a_413(client: FlaskClient, app: Flask) -> None:
    put_flow(client, 3)
    huge = {**form_data(new_identity()), "birth_name": "A" * MAX_BODY_BYTES}
    response = client.post(FORM_URL, data=huge)
    assert response.status_code == 413
    assert "trop volumineuses" in response.get_data(as_text=True)
    assert account_count(app) == 0
    assert flow_step(app, client) == 3


def test_json_checkbox_and_number_fields_take_their_json_types(client: FlaskClient) -> None:
    identity = new_identity()
    put_flow(client, 4, identity)
    client.get(CAPTCHA_URL)
    info = captcha_info(client)
    answer = client.post(CAPTCHA_URL, json={"challenge": info["challenge"], "tile": info["index"]})
    assert answer.location == CGU_URL
    refused = client.post(CGU_URL, json={"accept": False})
    assert page(refused).field_error("accept")
    assert client.post(CGU_URL, json={"accept": True}).status_code == 302


@pytest.mark.parametrize("body", ["[1, 2]", '"texte"', "pas du JSON"])
@pytest.mark.parametrize("url", ["/__test__/accounts", "/__test__/clock", "/__test__/flow"])
def test_test_api_refuses_a_body_that_is_not_an_object_with_a_json_400(
    client: FlaskClient, url: str, body: str
) -> None:
    method = "POST" if url.endswith("accounts") else "PUT"
    response = client.open(url, method=method, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.get_json()
