"""Step 3, `Remplissez le formulaire`: the NIR, names and e-mail rules, errors next
to their fields and in the summary, values kept, duplicates, and the way on."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from cpf import rules
from cpf.messages import EMAIL_TAKEN, NIR_TAKEN
from e2e.expectations import expect_typed_data_kept_but_not_passwords
from harness.identities import Identity, fresh_nir, unique_email, wrong_key
from page_objects.connexion import ConnexionPage
from page_objects.input_modes import KEYBOARD
from page_objects.signup_form import SignupFormPage

CAPTCHA_TITLE = re.compile(r"^Passez le contrôle de sécurité \(étape 4 sur 5\)")


def refused(form: SignupFormPage, identity: Identity) -> SignupFormPage:
    form.fill_identity(identity)
    return form.submit_with_errors()


def nir_from_groups(
    sex: str, year: str, month: str, department: str, commune: str, order: str
) -> str:
    """A NIR typed with spaces, whose key matches its 13 characters (whatever they are)."""
    number = f"{sex}{year}{month}{department}{commune}{order}"
    return " ".join((sex, year, month, department, commune, order, rules.nir_key(number)))


def spec_key(number: str) -> str:
    """The key as the spec defines it, computed here on its own so that a defect in
    the portal's rule cannot hide behind the same defect in the data: 2A -> 19,
    2B -> 18, then 97 - (number mod 97)."""
    digits = number[:5] + {"2A": "19", "2B": "18"}.get(number[5:7], number[5:7]) + number[7:]
    return f"{97 - int(digits) % 97:02d}"


def corsican_nir(department: str, *, keyed_as: str | None = None) -> str:
    """A fresh NIR of someone born in ``department`` (2A or 2B), its key computed
    by ``spec_key`` as if born in ``keyed_as`` (default: the same department)."""
    groups = fresh_nir(department=department).split()
    number = "".join(groups[:6])
    keyed = number[:5] + (keyed_as or department) + number[7:]
    return " ".join([*groups[:6], spec_key(keyed)])


# --- the NIR ---------------------------------------------------------------------


def test_nir_with_wrong_key_is_refused(signup_form: SignupFormPage, identity: Identity) -> None:
    refused(signup_form, identity.with_(nir=wrong_key(identity.nir)))
    expect(signup_form.field_error(signup_form.nir_field)).to_have_text(rules.NIR_BAD_KEY)


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(lambda nir: nir[:-1], id="14-characters"),
        pytest.param(lambda nir: nir + "7", id="16-characters"),
    ],
)
def test_nir_of_wrong_length_is_refused(
    signup_form: SignupFormPage, identity: Identity, cut: Callable[[str], str]
) -> None:
    nir = cut(identity.nir)
    refused(signup_form, identity.with_(nir=nir))
    expect(signup_form.field_error(signup_form.nir_field)).to_have_text(rules.NIR_BAD_LENGTH)


@pytest.mark.parametrize("department", ["2A", "2B"])
def test_nir_born_in_corsica_is_accepted(
    page: Page, signup_form: SignupFormPage, identity: Identity, department: str
) -> None:
    signup_form.fill_identity(identity.with_(nir=corsican_nir(department)))
    signup_form.continue_to_captcha()
    expect(page).to_have_title(CAPTCHA_TITLE)


@pytest.mark.parametrize(("department", "keyed_as"), [("2A", "2B"), ("2B", "2A")])
def test_nir_born_in_corsica_keyed_as_the_other_department_is_refused(
    signup_form: SignupFormPage, identity: Identity, department: str, keyed_as: str
) -> None:
    # 2A stands for 19 in the key and 2B for 18: a key computed with the other does not match.
    refused(signup_form, identity.with_(nir=corsican_nir(department, keyed_as=keyed_as)))
    expect(signup_form.field_error(signup_form.nir_field)).to_have_text(rules.NIR_BAD_KEY)


@pytest.mark.parametrize(
    ("number", "key"),
    [
        # The real-world example of the key's definition: 2 69 05 49 588 157, key 80.
        pytest.param("2 69 05 49 588 157", "80", id="known-example-80"),
        pytest.param("1 85 03 75 112 042", "09", id="key-below-10-zero-padded"),
        pytest.param("1 85 03 75 112 050", "01", id="key-01"),
        pytest.param("1 85 03 75 112 051", "97", id="number-multiple-of-97-key-97"),
        pytest.param("1 91 12 2A 004 001", "93", id="corsica-2A-as-19"),
        pytest.param("2 92 07 2B 123 001", "57", id="corsica-2B-as-18"),
    ],
)
def test_nir_key_is_97_minus_the_number_mod_97(
    page: Page, signup_form: SignupFormPage, identity: Identity, number: str, key: str
) -> None:
    # The keys above are written out, and checked against this file's own formula, so
    # that neither the portal's rule nor the data factory decides what a right key is.
    assert spec_key(number.replace(" ", "")) == key
    one_less = f"{int(key) - 1:02d}"  # 80 -> 79: a near miss, still two digits
    refused(signup_form, identity.with_(nir=f"{number} {one_less}"))
    expect(signup_form.field_error(signup_form.nir_field)).to_have_text(rules.NIR_BAD_KEY)

    signup_form.fill_identity(identity.with_(nir=f"{number} {key}"))
    signup_form.submit()
    expect(page).to_have_title(CAPTCHA_TITLE)  # a refusal shows here as the form's title


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        pytest.param(("3", "85", "05", "75", "112", "042"), rules.NIR_BAD_SEX, id="sex-3"),
        pytest.param(("1", "85", "00", "75", "112", "042"), rules.NIR_BAD_MONTH, id="month-00"),
        pytest.param(("1", "85", "13", "75", "112", "042"), rules.NIR_BAD_MONTH, id="month-13"),
        pytest.param(("2", "85", "14", "75", "112", "042"), rules.NIR_BAD_MONTH, id="month-14"),
        pytest.param(
            ("2", "85", "05", "00", "112", "042"), rules.NIR_BAD_DEPARTMENT, id="department-00"
        ),
        pytest.param(
            ("1", "85", "05", "75", "000", "042"), rules.NIR_BAD_COMMUNE, id="commune-000"
        ),
        pytest.param(("2", "85", "05", "75", "112", "000"), rules.NIR_BAD_ORDER, id="order-000"),
    ],
)
def test_nir_with_malformed_group_is_refused_with_its_message(
    signup_form: SignupFormPage,
    identity: Identity,
    groups: tuple[str, str, str, str, str, str],
    message: str,
) -> None:
    refused(signup_form, identity.with_(nir=nir_from_groups(*groups)))
    expect(signup_form.field_error(signup_form.nir_field)).to_have_text(message)


def test_nir_with_letters_is_refused(signup_form: SignupFormPage, identity: Identity) -> None:
    refused(signup_form, identity.with_(nir=identity.nir.replace(" ", "X", 1)))
    expect(signup_form.field_error(signup_form.nir_field)).to_have_text(rules.NIR_BAD_CHARACTERS)


def test_nir_typed_with_spaces_is_accepted(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    assert " " in identity.nir  # as printed on a carte Vitale: 1 85 05 75 112 042 xx
    signup_form.fill_identity(identity)
    signup_form.continue_to_captcha()
    expect(page).to_have_title(CAPTCHA_TITLE)


def test_nir_typed_without_spaces_is_accepted(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    signup_form.fill_identity(identity.with_(nir=identity.compact_nir))
    signup_form.continue_to_captcha()
    expect(page).to_have_title(CAPTCHA_TITLE)


# --- e-mail and names -----------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["prenom.nom.exemple.fr", "prenom.nom@exemple", "prenom nom@exemple.fr", "@exemple.fr"]
)
def test_invalid_email_is_refused(
    signup_form: SignupFormPage, identity: Identity, email: str
) -> None:
    refused(signup_form, identity.with_(email=email))
    expect(signup_form.field_error(signup_form.email_field)).to_have_text(rules.EMAIL_INVALID)


def test_birth_name_with_digits_is_refused(signup_form: SignupFormPage, identity: Identity) -> None:
    refused(signup_form, identity.with_(birth_name="Martin2"))
    expect(signup_form.field_error(signup_form.birth_name_field)).to_have_text(rules.NAME_INVALID)


def test_name_with_accents_hyphen_and_apostrophe_is_accepted(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    signup_form.fill_identity(identity.with_(birth_name="D'Alembert-Lefèvre", first_name="Zoé"))
    signup_form.continue_to_captcha()
    expect(page).to_have_title(CAPTCHA_TITLE)


# --- empty fields ----------------------------------------------------------------------

EMPTY_MESSAGES = {
    "nir": rules.NIR_EMPTY,
    "birth_name": rules.NAME_EMPTY["birth_name"],
    "first_name": rules.NAME_EMPTY["first_name"],
    "email": rules.EMAIL_EMPTY,
    "password": rules.PASSWORD_EMPTY,
    "password_confirmation": rules.PASSWORD_CONFIRMATION_EMPTY,
}


@pytest.mark.parametrize("field_name", list(EMPTY_MESSAGES))
def test_empty_required_field_gets_its_french_message(
    signup_form: SignupFormPage, identity: Identity, field_name: str
) -> None:
    signup_form.fill_identity(identity)
    signup_form.fields[field_name].fill("")
    signup_form.submit_with_errors()
    message = EMPTY_MESSAGES[field_name]
    expect(signup_form.field_error(signup_form.fields[field_name])).to_have_text(message)
    expect(signup_form.error_summary.items.filter(has_text=message)).to_have_count(1)


def test_empty_form_lists_six_errors_in_the_summary(signup_form: SignupFormPage) -> None:
    signup_form.submit_with_errors()
    labels = [
        "Numéro de sécurité sociale",
        "Nom de naissance",
        "Prénom",
        "Adresse électronique",
        "Mot de passe",
        "Confirmation du mot de passe",
    ]
    expect(signup_form.error_summary.items).to_have_text(
        [
            f"{label} : {message}"
            for label, message in zip(labels, EMPTY_MESSAGES.values(), strict=True)
        ]
    )


# --- errors, for everyone -----------------------------------------------------------------


@pytest.mark.smoke
def test_error_is_next_to_its_field_and_tied_to_it(
    signup_form: SignupFormPage, identity: Identity
) -> None:
    refused(signup_form, identity.with_(nir=wrong_key(identity.nir)))
    nir = signup_form.nir_field
    expect(nir).to_have_attribute("aria-invalid", "true")
    expect(nir).to_have_attribute("aria-describedby", re.compile(r"(^|\s)nir-error(\s|$)"))
    error = signup_form.field_error(nir)
    expect(error).to_have_text(rules.NIR_BAD_KEY)
    expect(error).to_have_id("nir-error")
    expect(nir).to_have_accessible_description(re.compile(re.escape(rules.NIR_BAD_KEY)))
    # Next to it: the element right after the input.
    expect(nir.locator("xpath=following-sibling::*[1]")).to_have_id("nir-error")


def test_valid_fields_are_not_marked_invalid(
    signup_form: SignupFormPage, identity: Identity
) -> None:
    refused(signup_form, identity.with_(email="pas-une-adresse"))
    for name in ("nir", "birth_name", "first_name", "password", "password_confirmation"):
        expect(signup_form.fields[name]).not_to_have_attribute("aria-invalid", "true")
        expect(signup_form.field_error(signup_form.fields[name])).to_have_count(0)


def test_page_title_starts_with_erreur_when_the_form_is_refused(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    expect(page).to_have_title(re.compile(r"^Remplissez le formulaire \(étape 3 sur 5\)"))
    refused(signup_form, identity.with_(email="pas-une-adresse"))
    expect(page).to_have_title(re.compile(r"^Erreur : Remplissez le formulaire \(étape 3 sur 5\)"))


def test_error_summary_lists_each_error_linked_to_its_field(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    refused(signup_form, identity.with_(nir=wrong_key(identity.nir), email="pas-une-adresse"))
    summary = signup_form.error_summary
    expect(summary.root.get_by_role("heading")).to_have_text("Le formulaire contient des erreurs")
    expect(summary.items).to_have_text(
        [
            f"Numéro de sécurité sociale : {rules.NIR_BAD_KEY}",
            f"Adresse électronique : {rules.EMAIL_INVALID}",
        ]
    )
    summary.items.get_by_role("link", name=re.compile("^Adresse électronique")).click()
    expect(page).to_have_url(re.compile("#email$"))
    expect(signup_form.email_field).to_be_in_viewport()


def test_error_summary_is_at_the_top_of_the_form(
    signup_form: SignupFormPage, identity: Identity
) -> None:
    refused(signup_form, identity.with_(email="pas-une-adresse"))
    summary_box = signup_form.error_summary.root.bounding_box()
    nir_box = signup_form.nir_field.bounding_box()
    assert summary_box is not None
    assert nir_box is not None
    assert summary_box["y"] < nir_box["y"]


# --- values kept ----------------------------------------------------------------------------


def test_values_are_kept_after_an_error_but_passwords_are_emptied(
    signup_form: SignupFormPage, identity: Identity
) -> None:
    typed = identity.with_(email="pas-une-adresse")
    refused(signup_form, typed)
    expect_typed_data_kept_but_not_passwords(signup_form, typed)


def test_wrong_nir_is_kept_as_typed_for_correction(
    signup_form: SignupFormPage, identity: Identity
) -> None:
    typed = wrong_key(identity.nir)
    refused(signup_form, identity.with_(nir=typed))
    expect(signup_form.nir_field).to_have_value(typed)


def test_going_back_from_the_captcha_keeps_the_form_but_not_passwords(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    signup_form.fill_identity(identity)
    signup_form.continue_to_captcha()
    page.go_back()
    form = SignupFormPage(page).wait_until_loaded()
    expect_typed_data_kept_but_not_passwords(form, identity)


def test_reopening_the_form_from_the_captcha_step_shows_what_was_typed(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    typed = identity.with_(nir=identity.compact_nir, email=identity.email.upper())
    signup_form.fill_identity(typed)
    signup_form.continue_to_captcha()
    form = SignupFormPage(page).open()  # a fresh GET: what the server kept, not the browser
    expect(form.nir_field).to_have_value(identity.nir)  # shown in groups
    expect(form.birth_name_field).to_have_value(identity.birth_name)
    expect(form.first_name_field).to_have_value(identity.first_name)
    expect(form.email_field).to_have_value(identity.email)  # as kept: lower case
    expect(form.password_field).to_have_value("")


# --- duplicates -------------------------------------------------------------------------------


def test_nir_that_already_has_an_account_is_refused_with_a_connexion_link(
    page: Page, signup_form: SignupFormPage, signed_up_account: Identity
) -> None:
    newcomer = signed_up_account.with_(email=unique_email())
    refused(signup_form, newcomer)
    error = signup_form.field_error(signup_form.nir_field)
    expect(error).to_contain_text(NIR_TAKEN)
    connexion = signup_form.go_to_connexion_from_error(signup_form.nir_field)
    expect(connexion.heading).to_have_text("Connexion")
    expect(page).to_have_url(re.compile(f"{ConnexionPage.PATH}$"))


def test_nir_already_used_typed_without_spaces_is_refused(
    signup_form: SignupFormPage, signed_up_account: Identity
) -> None:
    newcomer = signed_up_account.with_(nir=signed_up_account.compact_nir, email=unique_email())
    refused(signup_form, newcomer)
    expect(signup_form.field_error(signup_form.nir_field)).to_contain_text(NIR_TAKEN)
    expect(signup_form.connexion_link_in_error(signup_form.nir_field)).to_be_visible()


def test_email_already_used_is_refused_with_a_connexion_link(
    page: Page, signup_form: SignupFormPage, signed_up_account: Identity
) -> None:
    newcomer = signed_up_account.with_(nir=fresh_nir())
    refused(signup_form, newcomer)
    expect(signup_form.field_error(signup_form.email_field)).to_contain_text(EMAIL_TAKEN)
    expect(signup_form.field_error(signup_form.nir_field)).to_have_count(0)
    connexion = signup_form.go_to_connexion_from_error(signup_form.email_field)
    expect(connexion.heading).to_have_text("Connexion")


def test_email_already_used_in_other_case_is_refused(
    signup_form: SignupFormPage, signed_up_account: Identity
) -> None:
    newcomer = signed_up_account.with_(nir=fresh_nir(), email=signed_up_account.email.upper())
    refused(signup_form, newcomer)
    expect(signup_form.field_error(signup_form.email_field)).to_contain_text(EMAIL_TAKEN)


def test_other_errors_get_no_connexion_link(
    signup_form: SignupFormPage, identity: Identity
) -> None:
    refused(signup_form, identity.with_(nir=wrong_key(identity.nir)))
    expect(signup_form.field_error(signup_form.nir_field)).to_have_text(rules.NIR_BAD_KEY)
    expect(signup_form.connexion_link_in_error(signup_form.nir_field)).to_have_count(0)


# --- the way on ---------------------------------------------------------------------------------


@pytest.mark.smoke
def test_valid_form_leads_to_the_captcha_step(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    expect(signup_form.heading).to_have_text("Remplissez le formulaire")
    signup_form.fill_identity(identity)
    captcha = signup_form.continue_to_captcha()
    expect(page).to_have_title(CAPTCHA_TITLE)
    expect(captcha.question).to_contain_text("Cliquez sur l'image correspondant au mot")


def test_form_can_be_filled_and_submitted_with_the_keyboard(
    page: Page, signup_form: SignupFormPage, identity: Identity
) -> None:
    typed_by_keyboard = SignupFormPage(page, input_mode=KEYBOARD)
    typed_by_keyboard.fill_identity(identity).continue_to_captcha()
    expect(page).to_have_title(CAPTCHA_TITLE)


def test_tutoriel_video_link_opens_the_tutorial(signup_form: SignupFormPage) -> None:
    tutorial = signup_form.open_tutorial()
    expect(tutorial.heading).to_contain_text("Tutoriel vidéo")


def test_bon_a_savoir_states_the_password_rule(signup_form: SignupFormPage) -> None:
    expect(signup_form.password_rule_note).to_contain_text(
        "8 caractères dont au moins une majuscule, une minuscule et un chiffre"
    )
