"""The signup walked in random orders by a Hypothesis state machine, in two browsers:
forward, back, a replayed form or answer (a reload, or a second tab's stale page),
wrong data, wrong tiles, the CGU box left empty, both browsers signing up the same
person.

The machine keeps its own model of where each browser should be and checks the
server against it after every step: never a 5xx; the server's step is the
model's; an account exists exactly for the people who did the five steps in
order with valid data; a refused form stores nothing.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)
from mock_site import create_app, db
from werkzeug.test import TestResponse

from cpf import rules
from harness.identities import Identity, new_identity, wrong_key

from .portal_client import (
    ACTIVATED_URL,
    CAPTCHA_URL,
    CGU_URL,
    FORM_URL,
    LOGIN_URL,
    flow_row,
    form_data,
    query,
    wrong_tile,
)

MAX_CAPTCHA_FAILURES = 3  # the app's default CAPTCHA_MAX_FAILURES
BROWSERS = st.sampled_from([0, 1])
PEOPLE = st.sampled_from([0, 1, 2])


@dataclass
class UserAgent:
    """One browser (its own cookies) and where the model says it is."""

    client: FlaskClient
    connexion_seen: bool = False
    step: int | None = None
    person: int | None = None  # whose valid data the flow holds
    captcha_failures: int = 0
    shown_challenges: list[str] = field(default_factory=list)
    last_action: Callable[[], None] | None = None


class SignupMachine(RuleBasedStateMachine):
    folder: Path  # set by the test: where this run's databases live

    def __init__(self) -> None:
        super().__init__()
        self.app: Flask = create_app(
            {
                "TESTING": True,
                "DATABASE": str(self.folder / f"{secrets.token_hex(6)}.sqlite3"),
                "TEST_MODE": True,
                "WTF_CSRF_ENABLED": False,
                "SECRET_KEY": "tests",
            }
        )
        db.init_db(self.app.config["DATABASE"])
        self.user_agents = [UserAgent(self.app.test_client()) for _ in range(2)]
        self.people: list[Identity] = [new_identity() for _ in range(3)]
        self.accounts: set[str] = set()  # compact NIRs the model expects

    # --- talking to the portal ---------------------------------------------------

    def send(self, browser: UserAgent, method: str, url: str, **kwargs: Any) -> TestResponse:
        response = browser.client.open(url, method=method, **kwargs)
        assert response.status_code < 500, f"{method} {url}: {response.status_code}"
        return response

    def stored_flow(self, browser: UserAgent) -> tuple[int | None, dict[str, Any]]:
        row = flow_row(self.app, browser.client)
        if row is None:
            return None, {}
        return int(row["step"]), json.loads(row["data"])

    def taken(self, person: Identity) -> bool:
        compact = rules.compact_nir(person.nir)
        emails = {r["email"] for r in query(self.app, "SELECT email FROM account")}
        return compact in self.accounts or person.email.lower() in emails

    def remember(self, browser: UserAgent, action: Callable[[], None]) -> None:
        browser.last_action = action
        action()

    # --- rules -------------------------------------------------------------------

    @rule(b=BROWSERS)
    def open_connexion(self, b: int) -> None:
        browser = self.user_agents[b]
        self.send(browser, "GET", LOGIN_URL)
        browser.connexion_seen = True

    @rule(b=BROWSERS)
    def click_sign_up(self, b: int) -> None:
        browser = self.user_agents[b]
        self.send(browser, "GET", "/inscription/")
        if browser.connexion_seen and browser.step is None:
            browser.step = 3

    @rule(b=BROWSERS)
    def go_back_to_the_form(self, b: int) -> None:
        self.send(self.user_agents[b], "GET", FORM_URL)

    @rule(b=BROWSERS, who=PEOPLE, valid=st.booleans())
    def submit_the_form(self, b: int, who: int, valid: bool) -> None:
        browser = self.user_agents[b]
        person = self.people[who]

        def submit() -> None:
            data = form_data(person) if valid else form_data(person, nir=wrong_key(person.nir))
            _, before = self.stored_flow(browser)
            taken_before = self.taken(person)
            response = self.send(browser, "POST", FORM_URL, data=data)
            if browser.step is None:
                return
            if valid and not taken_before:
                assert response.location == CAPTCHA_URL
                browser.step, browser.person, browser.captcha_failures = 4, who, 0
            else:
                assert response.status_code == 200
                assert self.stored_flow(browser)[1] == before, "a refused form stored data"

        self.remember(browser, submit)

    @rule(b=BROWSERS, answer=st.sampled_from(["right", "wrong", "stale"]))
    def answer_the_captcha(self, b: int, answer: str) -> None:
        browser = self.user_agents[b]

        def choose() -> None:
            self.send(browser, "GET", CAPTCHA_URL)  # the page as shown: a challenge
            if browser.step != 4:
                self.send(browser, "POST", CAPTCHA_URL, data={"challenge": "x", "tile": "0"})
                return
            info = browser.client.get("/__test__/captcha").get_json()
            browser.shown_challenges.append(info["challenge"])
            stale = [c for c in browser.shown_challenges if c != info["challenge"]]
            if answer == "stale" and stale:
                # A tab left open on an earlier challenge: always refused, never counted.
                self.send(browser, "POST", CAPTCHA_URL, data={"challenge": stale[0], "tile": "0"})
                return
            tile = info["index"] if answer == "right" else wrong_tile(browser.client)
            self.send(
                browser, "POST", CAPTCHA_URL, data={"challenge": info["challenge"], "tile": tile}
            )
            if answer == "right":
                browser.step, browser.captcha_failures = 5, 0
                return
            browser.captcha_failures += 1
            if browser.captcha_failures >= MAX_CAPTCHA_FAILURES:
                browser.step, browser.captcha_failures = 3, 0

        self.remember(browser, choose)

    @rule(b=BROWSERS, accept=st.booleans())
    def close_the_signup(self, b: int, accept: bool) -> None:
        browser = self.user_agents[b]

        def close() -> None:
            person = self.people[browser.person] if browser.person is not None else None
            taken_before = person is not None and self.taken(person)
            response = self.send(browser, "POST", CGU_URL, data={"accept": "y"} if accept else {})
            if browser.step != 5 or not accept:
                return
            assert person is not None
            if taken_before:  # the other browser activated the same person first
                browser.step = 3
                return
            assert response.location == ACTIVATED_URL
            self.accounts.add(rules.compact_nir(person.nir))
            # Activation signs in with a fresh session: the signup starts over from Connexion.
            browser.step, browser.person, browser.connexion_seen = None, None, False

        self.remember(browser, close)

    @rule(b=BROWSERS, who=PEOPLE)
    def take_the_next_step(self, b: int, who: int) -> None:
        """What a user who knows the way does next: it keeps walks going forward."""
        browser = self.user_agents[b]
        if browser.step is None:
            self.open_connexion(b)
            self.click_sign_up(b)
        elif browser.step == 3:
            self.submit_the_form(b, who, valid=True)
        elif browser.step == 4:
            self.answer_the_captcha(b, "right")
        else:
            self.close_the_signup(b, accept=True)

    @rule(b=BROWSERS)
    def replay_the_last_post(self, b: int) -> None:
        """A reload after a POST, or the same form sent from a second tab."""
        browser = self.user_agents[b]
        if browser.last_action is not None:
            browser.last_action()

    def teardown(self) -> None:
        # Shown by --hypothesis-show-statistics: how far the random walks got.
        event(f"accounts activated: {len(self.accounts)}")

    # --- what must always hold ---------------------------------------------------

    @invariant()
    def the_server_is_where_the_model_is(self) -> None:
        for browser in self.user_agents:
            assert self.stored_flow(browser)[0] == browser.step

    @invariant()
    def an_account_exists_exactly_for_the_completed_signups(self) -> None:
        stored = {row["nir"] for row in query(self.app, "SELECT nir FROM account")}
        assert stored == self.accounts


def test_signup_in_random_orders_in_two_browsers(memory_backed_folder: Path) -> None:
    machine = type("Machine", (SignupMachine,), {"folder": memory_backed_folder})
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=60,
            stateful_step_count=40,
            deadline=None,  # a whole run is one example; each request has its own bound
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
