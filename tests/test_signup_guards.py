"""The signup state machine: no step is reached, nor posted to, before its turn.

Two case tables, one row per (where the session stands, what it asks for): URLs
typed ahead of the step reached, and forms posted ahead of it. Each row brings
the session to its place, then says where it lands, with which message, and what
must not have moved. e2e/test_step_guards.py keeps a few rows in the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from cpf.messages import ACCOUNT_ACTIVATED, NIR_TAKEN, START_FROM_CONNEXION, STEP_NOT_OPEN
from harness.identities import Identity
from page_objects.captcha import CaptchaPage
from page_objects.signup_form import SignupFormPage

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

SIGN_UP_URL = "/inscription/"  # `S'inscrire`'s address: it redirects to the step to do
FINISH_THE_FORM_FIRST = STEP_NOT_OPEN.format(title=SignupFormPage.TITLE)
FINISH_THE_CAPTCHA_FIRST = STEP_NOT_OPEN.format(title=CaptchaPage.TITLE)


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
    assert page(client.get(ACTIVATED_URL)).h1 == [ACCOUNT_ACTIVATED]
    assert account_count(app) == 1


# --- where the session stands ----------------------------------------------------------

Arrange = Callable[[FlaskClient, Identity], None]


def _fresh(client: FlaskClient, identity: Identity) -> None:
    """A new browser: no signup started, Connexion not seen."""


def _connexion_seen(client: FlaskClient, identity: Identity) -> None:
    client.get(LOGIN_URL)


def _at_step_3(client: FlaskClient, identity: Identity) -> None:
    put_flow(client, 3)


def _at_step_4(client: FlaskClient, identity: Identity) -> None:
    put_flow(client, 4, identity)
    client.get(CAPTCHA_URL)


def _activated(client: FlaskClient, identity: Identity) -> None:
    put_flow(client, 5, identity)
    assert client.post(CGU_URL, data={"accept": "y"}).location == ACTIVATED_URL


def landed(response: TestResponse) -> str:
    """The path a browser ends up on, redirects followed."""
    return response.request.path


# --- URLs typed ahead of the step reached ----------------------------------------------


@dataclass(frozen=True)
class TypedUrl:
    id: str
    arrange: Arrange
    path: str
    lands_on: str
    notice: str | None  # None: the page shows no notice


@pytest.mark.parametrize(
    "case",
    [
        TypedUrl("fresh-sign-up", _fresh, SIGN_UP_URL, LOGIN_URL, START_FROM_CONNEXION),
        TypedUrl("fresh-form", _fresh, FORM_URL, LOGIN_URL, START_FROM_CONNEXION),
        TypedUrl("fresh-captcha", _fresh, CAPTCHA_URL, LOGIN_URL, START_FROM_CONNEXION),
        TypedUrl("fresh-cgu", _fresh, CGU_URL, LOGIN_URL, START_FROM_CONNEXION),
        TypedUrl("fresh-compte-active", _fresh, ACTIVATED_URL, LOGIN_URL, None),
        TypedUrl("step-3-captcha", _at_step_3, CAPTCHA_URL, FORM_URL, FINISH_THE_FORM_FIRST),
        TypedUrl("step-3-cgu", _at_step_3, CGU_URL, FORM_URL, FINISH_THE_FORM_FIRST),
        TypedUrl("step-4-cgu", _at_step_4, CGU_URL, CAPTCHA_URL, FINISH_THE_CAPTCHA_FIRST),
        # Earlier steps stay open, to correct them.
        TypedUrl("step-4-form", _at_step_4, FORM_URL, FORM_URL, None),
        TypedUrl("activated-sign-up", _activated, SIGN_UP_URL, LOGIN_URL, START_FROM_CONNEXION),
        TypedUrl("activated-form", _activated, FORM_URL, LOGIN_URL, START_FROM_CONNEXION),
        TypedUrl("activated-captcha", _activated, CAPTCHA_URL, LOGIN_URL, START_FROM_CONNEXION),
        TypedUrl("activated-cgu", _activated, CGU_URL, LOGIN_URL, START_FROM_CONNEXION),
    ],
    ids=lambda case: case.id,
)
def test_url_typed_ahead_of_the_step_reached_lands_on_the_step_to_do(
    client: FlaskClient, identity: Identity, case: TypedUrl
) -> None:
    case.arrange(client, identity)
    response = client.get(case.path, follow_redirects=True)
    assert response.status_code == 200
    assert landed(response) == case.lands_on
    assert page(response).notices == ([] if case.notice is None else [case.notice])


# --- forms posted ahead of the step reached (replayed or crafted) ----------------------

Unmoved = Callable[[Flask, FlaskClient, Identity], None]


def _no_challenge_and_captcha_closed(app: Flask, client: FlaskClient, identity: Identity) -> None:
    assert query(app, "SELECT COUNT(*) FROM captcha_challenge")[0][0] == 0
    assert client.get(CAPTCHA_URL).location == LOGIN_URL


def _cgu_still_closed(app: Flask, client: FlaskClient, identity: Identity) -> None:
    assert client.get(CGU_URL).location == FORM_URL


def _no_challenge_made(app: Flask, client: FlaskClient, identity: Identity) -> None:
    assert query(app, "SELECT COUNT(*) FROM captcha_challenge")[0][0] == 0


def _no_account(app: Flask, client: FlaskClient, identity: Identity) -> None:
    assert account_count(app) == 0
    assert query(app, "SELECT COUNT(*) FROM outbox")[0][0] == 0


def _one_account_only(app: Flask, client: FlaskClient, identity: Identity) -> None:
    assert account_count(app) == 1
    assert query(app, "SELECT COUNT(*) FROM outbox")[0][0] == 1  # one confirmation e-mail


@dataclass(frozen=True)
class PostedForm:
    id: str
    arrange: Arrange
    path: str
    fields: Callable[[Identity], dict[str, str]]
    lands_on: str
    notice: str | None  # None: not checked (the landing page is the proof)
    nothing_moved: Unmoved


@pytest.mark.parametrize(
    "case",
    [
        PostedForm(
            "fresh-form",
            _connexion_seen,
            FORM_URL,
            form_data,
            LOGIN_URL,
            START_FROM_CONNEXION,
            _no_challenge_and_captcha_closed,
        ),
        PostedForm(
            "step-3-captcha-answer",
            _at_step_3,
            CAPTCHA_URL,
            lambda _: {"challenge": "x", "tile": "0"},
            FORM_URL,
            FINISH_THE_FORM_FIRST,
            _cgu_still_closed,
        ),
        PostedForm(
            "step-3-other-images",
            _at_step_3,
            CAPTCHA_REFRESH_URL,
            lambda _: {},
            FORM_URL,
            FINISH_THE_FORM_FIRST,
            _no_challenge_made,
        ),
        PostedForm(
            "step-3-cgu",
            _at_step_3,
            CGU_URL,
            lambda _: {"accept": "y"},
            FORM_URL,
            None,
            _no_account,
        ),
        PostedForm(
            "step-4-cgu",
            _at_step_4,
            CGU_URL,
            lambda _: {"accept": "y"},
            CAPTCHA_URL,
            None,
            _no_account,
        ),
        PostedForm(
            "activated-cgu",
            _activated,
            CGU_URL,
            lambda _: {"accept": "y"},
            LOGIN_URL,
            START_FROM_CONNEXION,
            _one_account_only,
        ),
    ],
    ids=lambda case: case.id,
)
def test_form_posted_ahead_of_the_step_reached_moves_nothing(
    app: Flask, client: FlaskClient, identity: Identity, case: PostedForm
) -> None:
    case.arrange(client, identity)
    response = client.post(case.path, data=case.fields(identity), follow_redirects=True)
    assert landed(response) == case.lands_on
    if case.notice is not None:
        assert case.notice in page(response).notices
    case.nothing_moved(app, client, identity)


# --- what starts again after an activation ----------------------------------------------


def test_after_activation_starting_again_keeps_nothing_of_the_finished_signup(
    client: FlaskClient, identity: Identity
) -> None:
    _activated(client, identity)
    client.get(LOGIN_URL)
    response = client.get(SIGN_UP_URL, follow_redirects=True)
    assert landed(response) == FORM_URL
    shown = page(response)
    for name in ("nir", "birth_name", "first_name", "email", "password"):
        assert not shown.by_id(name).attrs.get("value"), name
    assert client.get(CGU_URL).location == FORM_URL


def test_after_activation_the_same_nir_cannot_sign_up_again(
    app: Flask, client: FlaskClient, identity: Identity
) -> None:
    _activated(client, identity)
    client.get(LOGIN_URL)
    client.get(SIGN_UP_URL)
    shown = page(client.post(FORM_URL, data=form_data(identity)))
    error = shown.field_error("nir")
    assert error is not None
    assert error.startswith(NIR_TAKEN)
    assert account_count(app) == 1
