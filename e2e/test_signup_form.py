"""Step 3, `Remplissez le formulaire`, as the user sees it: an error next to its field
and tied to it, the summary at the top, what was typed kept, the way to Connexion for
a NIR that has an account, the keyboard, and the way on.

Each rule's cases (every NIR key, malformed group, e-mail spelling, name variant...)
are the server's to decide: they are in tests/test_signup_form.py, with no browser.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from cpf import rules
from cpf.messages import ERROR_SUMMARY_TITLE, NIR_TAKEN
from cpf.messages import SIGNUP_FIELD_LABELS as LABELS
from e2e.expectations import expect_typed_data_kept_but_not_passwords
from harness.identities import Identity, unique_email, wrong_key
from page_objects.captcha import QUESTION, CaptchaPage
from page_objects.connexion import ConnexionPage
from page_objects.input_modes import KEYBOARD
from page_objects.portal_page import ERROR_TITLE_PREFIX
from page_objects.signup_form import SignupFormPage

CAPTCHA_TITLE = re.compile("^" + re.escape(CaptchaPage.TITLE))


def refused(form: SignupFormPage, identity: Identity) -> SignupFormPage:
    form.fill_identity(identity)
    return form.submit_with_errors()


# --- errors, for everyone -----------------------------------------------------------------


@pytest.mark.smoke
def test_error_is_next_to_its_field_and_tied_to_it(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    typed = wrong_key(identity.nir)
    refused(signup_form, identity.with_(nir=typed))
    expect(page).to_have_title(
        re.compile("^" + re.escape(ERROR_TITLE_PREFIX + SignupFormPage.TITLE))
    )
    nir = signup_form.nir_field
    expect(nir).to_have_attribute("aria-invalid", "true")
    expect(nir).to_have_attribute("aria-describedby", re.compile(r"(^|\s)nir-error(\s|$)"))
    error = signup_form.field_error(nir)
    expect(error).to_have_text(rules.NIR_BAD_KEY)
    expect(error).to_have_id("nir-error")
    expect(nir).to_have_accessible_description(re.compile(re.escape(rules.NIR_BAD_KEY)))
    # Next to it: the element right after the input; and the NIR left as typed, to correct.
    expect(nir.locator("xpath=following-sibling::*[1]")).to_have_id("nir-error")
    expect(nir).to_have_value(typed)


def test_empty_form_shows_each_message_by_its_field_and_in_the_summary(
    signup_form: SignupFormPage,
) -> None:
    empty = {
        "nir": rules.NIR_EMPTY,
        "birth_name": rules.NAME_EMPTY["birth_name"],
        "first_name": rules.NAME_EMPTY["first_name"],
        "email": rules.EMAIL_EMPTY,
        "password": rules.PASSWORD_EMPTY,
        "password_confirmation": rules.PASSWORD_CONFIRMATION_EMPTY,
    }
    signup_form.submit_with_errors()
    for name, message in empty.items():
        expect(signup_form.field_error(signup_form.fields[name])).to_have_text(message)
    expect(signup_form.error_summary.items).to_have_text(
        [f"{LABELS[name]} : {message}" for name, message in empty.items()]
    )


def test_error_summary_at_the_top_links_each_error_to_its_field(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    refused(
        signup_form,
        identity.with_(nir=wrong_key(identity.nir), birth_name="Martin2", email="pas-une-adresse"),
    )
    summary = signup_form.error_summary
    expect(summary.root.get_by_role("heading")).to_have_text(ERROR_SUMMARY_TITLE)
    expect(summary.items).to_have_text(
        [
            f"{LABELS['nir']} : {rules.NIR_BAD_KEY}",
            f"{LABELS['birth_name']} : {rules.NAME_INVALID}",
            f"{LABELS['email']} : {rules.EMAIL_INVALID}",
        ]
    )
    summary_box = summary.root.bounding_box()
    nir_box = signup_form.nir_field.bounding_box()
    assert summary_box is not None
    assert nir_box is not None
    assert summary_box["y"] < nir_box["y"]  # above the first field

    summary.items.get_by_role("link", name=re.compile("^" + LABELS["email"])).click()
    expect(page).to_have_url(re.compile("#email$"))
    expect(signup_form.email_field).to_be_in_viewport()
    expect(signup_form.field_error(signup_form.email_field)).to_have_text(rules.EMAIL_INVALID)


# --- values kept ----------------------------------------------------------------------------


def test_values_are_kept_after_an_error_but_passwords_are_emptied(
    signup_form: SignupFormPage, identity: Identity
) -> None:
    typed = identity.with_(email="pas-une-adresse")
    refused(signup_form, typed)
    expect_typed_data_kept_but_not_passwords(signup_form, typed)


def test_going_back_from_the_captcha_keeps_the_form_but_not_passwords(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    signup_form.fill_identity(identity)
    signup_form.continue_to_captcha()
    page.go_back()
    form = SignupFormPage(page).wait_until_loaded()
    expect_typed_data_kept_but_not_passwords(form, identity)


# --- duplicates -------------------------------------------------------------------------------


def test_nir_that_already_has_an_account_is_refused_with_a_connexion_link(
    page: Page, signup_form: SignupFormPage, signed_up_account: Identity
) -> None:
    newcomer = signed_up_account.with_(email=unique_email())
    refused(signup_form, newcomer)
    error = signup_form.field_error(signup_form.nir_field)
    expect(error).to_contain_text(NIR_TAKEN)
    connexion = signup_form.go_to_connexion_from_error(signup_form.nir_field)
    expect(connexion.heading).to_have_text(ConnexionPage.TITLE)
    expect(page).to_have_url(re.compile(f"{ConnexionPage.PATH}$"))


# --- the way on ---------------------------------------------------------------------------------


@pytest.mark.smoke
def test_valid_form_leads_to_the_captcha_step(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    expect(signup_form.heading).to_have_text(SignupFormPage.TITLE)
    signup_form.fill_identity(identity)
    captcha = signup_form.continue_to_captcha()
    expect(page).to_have_title(CAPTCHA_TITLE)
    expect(captcha.question).to_contain_text(QUESTION)


def test_form_can_be_filled_and_submitted_with_the_keyboard(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    typed_by_keyboard = SignupFormPage(page, input_mode=KEYBOARD)
    typed_by_keyboard.fill_identity(identity).continue_to_captcha()
    expect(page).to_have_title(CAPTCHA_TITLE)


def test_tutoriel_video_link_opens_the_tutorial(signup_form: SignupFormPage) -> None:
    tutorial = signup_form.open_tutorial()
    expect(tutorial.heading).to_contain_text(tutorial.TITLE)
