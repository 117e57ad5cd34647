"""The signup state machine: no step is reached, nor posted to, before its turn."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harness.identities import Identity

from .html_page import page
from .portal_client import (
    ACTIVATED_URL,
    CAPTCHA_REFRESH_URL,
    CAPTCHA_URL,
    CGU_URL,
    FORM_URL,
    LOGIN_URL,
    account_count,
    captcha_info,
    flow_row,
    form_data,
    pass_captcha,
    put_flow,
    query,
)


def nothing_written(app: Flask) -> bool:
    return (
        account_count(app) == 0
        and query(app, "SELECT COUNT(*) FROM captcha_challenge")[0][0] == 0
        and query(app, "SELECT COUNT(*) FROM outbox")[0][0] == 0
    )


def later_step_requests(identity: Identity) -> list[tuple[str, str, dict[str, str]]]:
    return [
        ("GET", FORM_URL, {}),
        ("POST", FORM_URL, form_data(identity)),
        ("GET", CAPTCHA_URL, {}),
        ("POST", CAPTCHA_URL, {"challenge": "x", "tile": "0"}),
        ("POST", CAPTCHA_REFRESH_URL, {}),
        ("GET", CGU_URL, {}),
        ("POST", CGU_URL, {"accept": "y"}),
    ]


@pytest.mark.parametrize("request_index", range(7))
def test_signup_step_without_a_signup_in_progress_redirects_to_connexion(
    app: Flask, client: FlaskClient, identity: Identity, request_index: int
) -> None:
    method, url, data = later_step_requests(identity)[request_index]
    response = client.open(url, method=method, data=data)
    assert response.status_code == 302
    assert response.location == LOGIN_URL
    assert nothing_written(app)
    assert query(app, "SELECT COUNT(*) FROM signup_flow")[0][0] == 0


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("GET", CAPTCHA_URL, {}),
        ("POST", CAPTCHA_URL, {"challenge": "x", "tile": "0"}),
        ("POST", CAPTCHA_REFRESH_URL, {}),
        ("GET", CGU_URL, {}),
        ("POST", CGU_URL, {"accept": "y"}),
    ],
)
def test_steps_after_the_form_redirect_to_the_form_while_it_is_not_done(
    app: Flask, client: FlaskClient, method: str, url: str, data: dict[str, str]
) -> None:
    put_flow(client, 3)
    response = client.open(url, method=method, data=data)
    assert response.location == FORM_URL
    assert nothing_written(app)
    row = flow_row(app, client)
    assert row is not None
    assert row["step"] == 3


@pytest.mark.parametrize(("method", "data"), [("GET", {}), ("POST", {"accept": "y"})])
def test_cgu_step_redirects_to_the_security_check_while_it_is_not_passed(
    app: Flask, client: FlaskClient, identity: Identity, method: str, data: dict[str, str]
) -> None:
    put_flow(client, 4, identity)
    response = client.open(CGU_URL, method=method, data=data)
    assert response.location == CAPTCHA_URL
    assert account_count(app) == 0
    row = flow_row(app, client)
    assert row is not None
    assert row["step"] == 4


def test_redirected_user_is_told_which_step_to_finish(client: FlaskClient) -> None:
    put_flow(client, 3)
    shown = page(client.get(CGU_URL, follow_redirects=True))
    assert any("Remplissez le formulaire" in text for text in shown.text_of("div"))


def test_captcha_picture_without_a_signup_is_not_found(client: FlaskClient) -> None:
    assert client.get(CAPTCHA_URL + "/images/abcdefghijklmnopqrstuv").status_code == 404


def test_signup_starts_only_after_the_connexion_page(app: Flask, client: FlaskClient) -> None:
    assert client.get("/inscription/").location == LOGIN_URL
    assert query(app, "SELECT COUNT(*) FROM signup_flow")[0][0] == 0
    client.get(LOGIN_URL)
    assert client.get("/inscription/").location == FORM_URL
    row = flow_row(app, client)
    assert row is not None
    assert row["step"] == 3


def test_security_check_already_passed_sends_on_to_the_cgu(
    app: Flask, client: FlaskClient, identity: Identity
) -> None:
    put_flow(client, 5, identity)
    assert client.get(CAPTCHA_URL).location == CGU_URL
    assert client.post(CAPTCHA_URL, data={"challenge": "x", "tile": "0"}).location == CGU_URL
    row = flow_row(app, client)
    assert row is not None
    assert row["step"] == 5


def test_going_back_from_the_cgu_keeps_the_data(client: FlaskClient, identity: Identity) -> None:
    put_flow(client, 5, identity)
    shown = page(client.get(FORM_URL))
    assert shown.by_id("nir").attrs.get("value") == identity.nir
    assert shown.by_id("email").attrs.get("value") == identity.email
    assert client.get(CGU_URL).status_code == 200  # still open: nothing was reposted


def test_replaying_the_captcha_post_after_activation_fails(
    app: Flask, client: FlaskClient, identity: Identity
) -> None:
    put_flow(client, 4, identity)
    client.get(CAPTCHA_URL)
    info = captcha_info(client)
    winning = {"challenge": info["challenge"], "tile": str(info["index"])}
    assert client.post(CAPTCHA_URL, data=winning).location == CGU_URL
    client.post(CGU_URL, data={"accept": "y"})
    response = client.post(CAPTCHA_URL, data=winning)
    assert response.location == LOGIN_URL
    assert query(app, "SELECT COUNT(*) FROM signup_flow")[0][0] == 0


def test_replaying_the_cgu_post_after_activation_creates_nothing(
    app: Flask, client: FlaskClient, identity: Identity
) -> None:
    put_flow(client, 5, identity)
    assert client.post(CGU_URL, data={"accept": "y"}).location == ACTIVATED_URL
    response = client.post(CGU_URL, data={"accept": "y"})
    assert response.location == LOGIN_URL
    assert account_count(app) == 1
    assert query(app, "SELECT COUNT(*) FROM outbox")[0][0] == 1


def test_whole_signup_through_the_steps(
    app: Flask, client: FlaskClient, identity: Identity
) -> None:
    client.get(LOGIN_URL)
    client.get("/inscription/")
    assert client.post(FORM_URL, data=form_data(identity)).location == CAPTCHA_URL
    pass_captcha(client)
    assert client.post(CGU_URL, data={"accept": "y"}).location == ACTIVATED_URL
    assert page(client.get(ACTIVATED_URL)).h1 == ["Votre compte est activé"]
    assert account_count(app) == 1
