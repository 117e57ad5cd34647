"""Step 3's password rules: the live checklist while typing, and the server's verdict.

The rules are the "Bon à savoir" ones: 8 characters, at least one uppercase
letter, one lowercase letter and one digit. The checklist follows each key;
the server checks the same rules on `Continuer`, with or without JavaScript.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, BrowserContext, Page, expect

from cpf import rules
from harness.fixtures import open_signup_form
from harness.identities import Identity
from page_objects.signup_form import SignupFormPage

ALL_RULES = frozenset(rule.id for rule in rules.PASSWORD_RULES)


def expect_checklist(form: SignupFormPage, *, met: set[str]) -> None:
    """Each checklist item shows ``met`` or not, for eyes and for screen readers."""
    for rule in rules.PASSWORD_RULES:
        item = form.password_rule(rule.id)
        is_met = rule.id in met
        expect(item).to_have_attribute("data-met", "true" if is_met else "false")
        expect(item).to_have_text(f"{rule.label} : {'respecté' if is_met else 'non respecté'}")


def missing_message(*rule_ids: str) -> str:
    """The server's refusal naming the rules a password misses (labels as the checklist's)."""
    labels = [rule.label.lower() for rule in rules.PASSWORD_RULES if rule.id in rule_ids]
    return f"{rules.PASSWORD_RULE_SUMMARY} Il manque : {', '.join(labels)}."


# --- the matrix -------------------------------------------------------------------
# Each rule missed, and several at once, refused with the message naming them: the
# outline "Un mot de passe qui ne suit pas la règle est refusé" (e2e/features/).


def test_checklist_starts_with_every_rule_unmet(signup_form: SignupFormPage) -> None:
    expect(signup_form.password_checklist_items).to_have_count(len(rules.PASSWORD_RULES))
    expect_checklist(signup_form, met=set())


def test_password_of_exactly_8_characters_is_accepted(
    signup_form: SignupFormPage, identity: Identity
) -> None:
    password = "Forma24x"
    assert len(password) == rules.PASSWORD_MIN_LENGTH
    signup_form.fill_identity(identity.with_(password=password))
    signup_form.type_password(password)
    expect_checklist(signup_form, met=set(ALL_RULES))
    captcha = signup_form.continue_to_captcha()
    expect(captcha.heading).to_have_text("Passez le contrôle de sécurité")


def test_password_of_7_characters_then_8_flips_the_length_rule(
    signup_form: SignupFormPage,
) -> None:
    signup_form.type_password("Forma24")
    expect_checklist(signup_form, met={"uppercase", "lowercase", "digit"})
    signup_form.password_field.press("x")
    expect_checklist(signup_form, met=set(ALL_RULES))


def test_password_confirmation_mismatch_is_refused(
    signup_form: SignupFormPage, identity: Identity
) -> None:
    signup_form.fill_identity(identity)
    signup_form.type_password(identity.password)
    expect_checklist(signup_form, met=set(ALL_RULES))  # the password itself is fine
    signup_form.fill_password(identity.password, confirmation=identity.password + "x")
    signup_form.submit_with_errors()
    expect(signup_form.field_error(signup_form.password_field)).to_have_count(0)
    expect(signup_form.field_error(signup_form.password_confirmation_field)).to_have_text(
        rules.PASSWORD_CONFIRMATION_MISMATCH
    )


def test_empty_password_is_refused(signup_form: SignupFormPage, identity: Identity) -> None:
    signup_form.fill_identity(identity)
    signup_form.fill_password("", confirmation="")
    signup_form.submit_with_errors()
    expect(signup_form.field_error(signup_form.password_field)).to_have_text(rules.PASSWORD_EMPTY)


# --- without JavaScript: the server alone -------------------------------------------


@pytest.fixture
def page_without_javascript(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page whose browser runs no script: what the server alone does."""
    context: BrowserContext = browser.new_context(base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_password_is_refused_by_the_server_without_javascript(
    request: pytest.FixtureRequest, page_without_javascript: Page, identity: Identity
) -> None:
    form = open_signup_form(request, page_without_javascript)
    form.fill_identity(identity.with_(password="formation"))
    expect_checklist(form, met=set())  # no script: the checklist stays as served
    form.submit_with_errors()
    expect(form.field_error(form.password_field)).to_have_text(
        missing_message("uppercase", "digit")
    )
    expect(form.error_summary.items).to_have_count(1)


def test_good_password_is_accepted_by_the_server_without_javascript(
    request: pytest.FixtureRequest, page_without_javascript: Page, identity: Identity
) -> None:
    form = open_signup_form(request, page_without_javascript)
    form.fill_identity(identity)
    captcha = form.continue_to_captcha()
    expect(captcha.heading).to_have_text("Passez le contrôle de sécurité")


# --- screen readers ------------------------------------------------------------------


def test_checklist_is_tied_to_the_password_field(signup_form: SignupFormPage) -> None:
    # The list is labelled, so its label is what the field's description reads.
    expect(signup_form.password_field).to_have_accessible_description(
        re.compile("^Votre mot de passe doit contenir")
    )


def test_checklist_changes_are_announced_politely(signup_form: SignupFormPage) -> None:
    announcement = signup_form.password_announcement
    expect(announcement).to_have_attribute("aria-live", "polite")
    expect(announcement).to_have_text("")
    signup_form.type_password("F")
    expect(announcement).to_have_text("Une lettre majuscule : respecté.")
    signup_form.password_field.press("1")
    expect(announcement).to_have_text("Un chiffre : respecté.")
    signup_form.password_field.press("Backspace")
    expect(announcement).to_have_text("Un chiffre : non respecté.")


def test_checklist_status_text_goes_from_non_respecte_to_respecte(
    signup_form: SignupFormPage,
) -> None:
    item = signup_form.password_rule("lowercase")
    expect(item).to_have_text("Une lettre minuscule : non respecté")
    signup_form.type_password("a")
    expect(item).to_have_text("Une lettre minuscule : respecté")


# --- any password: the checklist agrees with the server's rules ---------------------------

PASSWORD_ALPHABET = (
    string.ascii_letters + string.digits + "éèàçùÉÈÀÇôÔßœŒ²" + string.punctuation + " "
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(password=st.text(alphabet=PASSWORD_ALPHABET, min_size=0, max_size=16))
def test_checklist_verdict_matches_the_server_rules(
    signup_form: SignupFormPage, password: str
) -> None:
    # One page for every example: only the field changes. `fill` returns once the
    # checklist's input handler has run, so one reading of the checklist is enough.
    signup_form.password_field.fill(password)
    met = signup_form.password_rules_met()
    assert met == {rule.id: rule.check(password) for rule in rules.PASSWORD_RULES}, password
