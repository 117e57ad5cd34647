"""Step 3's password rules as the user sees them: the live checklist while typing, for
eyes and for screen readers, and that it agrees with the server's verdict.

The rules are one table, ``cpf.rules.PASSWORD_RULES``. What the server alone decides
(each password that breaks a rule, the empty password, the confirmation, with or
without JavaScript) is tested through Flask's client in ``tests/test_password_rules.py``
and ``tests/test_rules.py``; the refusal shown by the field is the French scenario
"Un mot de passe qui ne suit pas la règle est refusé" (``e2e/features/``).
"""

from __future__ import annotations

import re
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from cpf import rules
from cpf.messages import PASSWORD_CHECKLIST_TITLE
from harness.identities import password_breaking
from page_objects.signup_form import SignupFormPage

LENGTH = rules.password_rule("length")


def expect_checklist(form: SignupFormPage, *, unmet: set[str]) -> None:
    """Each checklist item met unless in ``unmet``, for eyes (``data-met``) and for
    screen readers (its text)."""
    for rule in rules.PASSWORD_RULES:
        item = form.password_rule(rule.id)
        met = rule.id not in unmet
        expect(item).to_have_attribute("data-met", "true" if met else "false")
        expect(item).to_have_text(rules.checklist_item_text(rule, met=met))


def test_checklist_follows_each_key_up_to_the_length_rule(signup_form: SignupFormPage) -> None:
    expect(signup_form.password_checklist_items).to_have_count(len(rules.PASSWORD_RULES))
    expect_checklist(signup_form, unmet={rule.id for rule in rules.PASSWORD_RULES})
    short = password_breaking(LENGTH)  # every rule met but the length
    signup_form.type_password(short + "x" * (rules.PASSWORD_MIN_LENGTH - len(short) - 1))
    expect_checklist(signup_form, unmet={"length"})
    signup_form.password_field.press("x")  # the minimum length, reached on this key
    expect_checklist(signup_form, unmet=set())


def test_checklist_is_tied_to_the_field_and_its_changes_are_announced_politely(
    signup_form: SignupFormPage,
) -> None:
    # The list is labelled, so its label is what the field's description reads.
    expect(signup_form.password_field).to_have_accessible_description(
        re.compile("^" + re.escape(PASSWORD_CHECKLIST_TITLE))
    )
    announcement = signup_form.password_announcement
    expect(announcement).to_have_attribute("aria-live", "polite")
    expect(announcement).to_have_text("")
    # Each key speaks only what it changed.
    uppercase, digit = rules.password_rule("uppercase"), rules.password_rule("digit")
    assert uppercase.example is not None
    assert digit.example is not None
    signup_form.type_password(uppercase.example)
    expect(announcement).to_have_text(rules.checklist_item_text(uppercase, met=True) + ".")
    signup_form.password_field.press(digit.example)
    expect(announcement).to_have_text(rules.checklist_item_text(digit, met=True) + ".")
    signup_form.password_field.press("Backspace")
    expect(announcement).to_have_text(rules.checklist_item_text(digit, met=False) + ".")


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
