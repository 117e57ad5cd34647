"""Step 3's password rules as the server decides them, with or without JavaScript (Flask's
client runs none): each rule of ``cpf.rules.PASSWORD_RULES`` refused by its own example,
the message by the field, the empty password, the confirmation. The live checklist is the
browser's: ``e2e/test_password_rules.py``."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from cpf import rules
from harness.identities import Identity, password_breaking

from .html_page import ParsedPage, page
from .portal_client import CAPTCHA_URL, FORM_URL, flow_step, form_data

RULE_IDS = [rule.id for rule in rules.PASSWORD_RULES]


def post_password(
    client: FlaskClient, identity: Identity, password: str, confirmation: str | None = None
) -> TestResponse:
    confirmation = password if confirmation is None else confirmation
    data = form_data(identity, password=password, password_confirmation=confirmation)
    return client.post(FORM_URL, data=data)


def summary_links(shown: ParsedPage) -> list[str | None]:
    links = shown.error_summary_links
    assert links, "no error summary"
    return [a.attrs.get("href") for a in links]


# Moved from e2e/test_password_rules.py (the refusal without JavaScript) and the
# hand-written cases of tests/test_signup_form.py: one case per rule of the table.
@pytest.mark.parametrize("broken", rules.PASSWORD_RULES, ids=RULE_IDS)
def test_password_breaking_a_rule_is_refused_by_its_field_naming_the_rule(
    app: Flask, at_form: FlaskClient, identity: Identity, broken: rules.PasswordRule
) -> None:
    shown = page(post_password(at_form, identity, password_breaking(broken)))
    assert shown.field_error("password") == rules.password_refusal([broken])
    assert shown.by_id("password").attrs.get("aria-invalid") == "true"
    assert summary_links(shown) == ["#password"]
    assert not shown.by_id("password").attrs.get("value")  # never sent back
    assert not shown.by_id("password_confirmation").attrs.get("value")
    assert flow_step(app, at_form) == 3


def test_password_breaking_several_rules_names_them_in_checklist_order(
    at_form: FlaskClient, identity: Identity
) -> None:
    lowercase = rules.password_rule("lowercase")
    assert lowercase.example is not None
    unmet = [rule for rule in rules.PASSWORD_RULES if rule is not lowercase]
    shown = page(post_password(at_form, identity, lowercase.example))
    assert shown.field_error("password") == rules.password_refusal(unmet)


# Moved from e2e/test_password_rules.py::test_password_of_exactly_8_characters_is_accepted
# (with tests/test_signup_form.py's own case).
def test_password_of_exactly_the_minimum_length_is_accepted(
    at_form: FlaskClient, identity: Identity
) -> None:
    short = password_breaking(rules.password_rule("length"))
    password = short + "x" * (rules.PASSWORD_MIN_LENGTH - len(short))
    assert post_password(at_form, identity, password).location == CAPTCHA_URL


# Moved from e2e/test_password_rules.py::test_empty_password_is_refused.
def test_empty_password_is_refused(at_form: FlaskClient, identity: Identity) -> None:
    shown = page(post_password(at_form, identity, ""))
    assert shown.field_error("password") == rules.PASSWORD_EMPTY
    assert shown.field_error("password_confirmation") == rules.PASSWORD_CONFIRMATION_EMPTY


# Moved from e2e/test_password_rules.py::test_password_confirmation_mismatch_is_refused.
def test_confirmation_mismatch_is_refused_on_the_confirmation_alone(
    at_form: FlaskClient, identity: Identity
) -> None:
    shown = page(post_password(at_form, identity, identity.password, identity.password + "x"))
    assert shown.field_error("password") is None
    assert shown.field_error("password_confirmation") == rules.PASSWORD_CONFIRMATION_MISMATCH
    assert summary_links(shown) == ["#password_confirmation"]
