"""Step 3, "Remplissez le formulaire": the page, each rule, duplicates, what is kept."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import check_password_hash
from werkzeug.test import TestResponse

from cpf import rules
from cpf.messages import EMAIL_TAKEN, NIR_TAKEN, STEP_NOT_OPEN
from cpf.messages import SIGNUP_FIELD_LABELS as LABELS
from harness.identities import Identity, fresh_nir, unique_email, wrong_key
from page_objects.captcha import CaptchaPage
from page_objects.portal_page import ERROR_TITLE_PREFIX
from page_objects.signup_form import SignupFormPage

from .html_page import ParsedPage, page
from .portal_client import (
    CAPTCHA_URL,
    CGU_URL,
    FORM_URL,
    LOGIN_URL,
    flow_row,
    form_data,
    pass_captcha,
    put_flow,
    seed_account,
)


def post_form(client: FlaskClient, identity: Identity, **changes: str) -> TestResponse:
    return client.post(FORM_URL, data=form_data(identity, **changes))


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


# --- The page -----------------------------------------------------------------


def test_form_page_has_title_h1_and_stepper(at_form: FlaskClient) -> None:
    shown = page(at_form.get(FORM_URL))
    assert shown.title.startswith(f"{SignupFormPage.TITLE} (étape 3 sur 5)")
    assert shown.h1 == [SignupFormPage.TITLE]
    assert "Étape 3 sur 5" in shown.text_of("p")


@pytest.mark.parametrize(("field_id", "label"), LABELS.items())
def test_each_field_has_its_exact_label(at_form: FlaskClient, field_id: str, label: str) -> None:
    shown = page(at_form.get(FORM_URL))
    labels = [e for e in shown.find_all("label") if e.attrs.get("for") == field_id]
    assert [" ".join(e.text.split()) for e in labels] == [label]
    assert shown.by_id(field_id).tag == "input"


def test_form_has_continuer_button_and_tutoriel_video_link(at_form: FlaskClient) -> None:
    shown = page(at_form.get(FORM_URL))
    assert "Continuer" in shown.text_of("button")
    assert shown.links()["tutoriel vidéo"] == "/inscription/tutoriel-video"


def test_form_shows_the_seed_password_rule_in_bon_a_savoir(at_form: FlaskClient) -> None:
    html = at_form.get(FORM_URL).get_data(as_text=True)
    assert "Bon à savoir" in html
    assert rules.PASSWORD_RULE_SUMMARY in html


def test_form_is_posted_without_browser_validation(at_form: FlaskClient) -> None:
    forms = page(at_form.get(FORM_URL)).find_all("form", action=FORM_URL)
    assert len(forms) == 1
    assert "novalidate" in forms[0].attrs


def test_fields_have_autocomplete_for_a_new_account(at_form: FlaskClient) -> None:
    shown = page(at_form.get(FORM_URL))
    expected = {
        "nir": "username",
        "birth_name": "family-name",
        "first_name": "given-name",
        "email": "email",
        "password": "new-password",
        "password_confirmation": "new-password",
    }
    assert {name: shown.by_id(name).attrs.get("autocomplete") for name in expected} == expected
    assert shown.by_id("password").attrs["type"] == "password"
    assert shown.by_id("password_confirmation").attrs["type"] == "password"


def test_password_checklist_has_one_item_per_rule_with_its_test(at_form: FlaskClient) -> None:
    shown = page(at_form.get(FORM_URL))
    items = shown.find_all("li", data_met="false")
    assert [item.attrs["data-rule"] for item in items] == [r.id for r in rules.PASSWORD_RULES]
    patterns = [r.pattern for r in rules.PASSWORD_RULES]
    assert [item.attrs["data-pattern"] for item in items] == patterns
    assert [" ".join(item.text.split()) for item in items] == [
        rules.checklist_item_text(r, met=False) for r in rules.PASSWORD_RULES
    ]
    # The script's status words too are the table's (it has no French of its own).
    (checklist,) = [e for e in shown.elements if "data-password-checklist" in e.attrs]
    assert checklist.attrs["data-status-met"] == rules.CHECKLIST_MET
    assert checklist.attrs["data-status-not-met"] == rules.CHECKLIST_NOT_MET


def test_password_checklist_has_a_polite_live_region_and_its_script(at_form: FlaskClient) -> None:
    shown = page(at_form.get(FORM_URL))
    assert shown.find_all("p", aria_live="polite")
    assert shown.by_id("password").attrs.get("aria-describedby") == "password-checklist"
    assert shown.find_all("script", src="/static/password-checklist.js")


def test_password_checklist_script_is_served(client: FlaskClient) -> None:
    response = client.get("/static/password-checklist.js")
    assert response.status_code == 200
    assert "data-password-checklist" in response.get_data(as_text=True)


# --- Success ------------------------------------------------------------------


def test_valid_form_opens_the_security_check(
    app: Flask, at_form: FlaskClient, identity: Identity
) -> None:
    response = post_form(at_form, identity)
    assert response.status_code == 302
    assert response.location == CAPTCHA_URL
    row = flow_row(app, at_form)
    assert row is not None
    assert row["step"] == 4


def test_valid_form_keeps_the_nir_compact_and_the_email_normalized(
    app: Flask, at_form: FlaskClient, identity: Identity
) -> None:
    post_form(at_form, identity, email=f"  {identity.email.upper()} ")
    row = flow_row(app, at_form)
    assert row is not None
    data = json.loads(row["data"])
    assert data["nir"] == identity.compact_nir
    assert data["email"] == identity.email
    assert data["birth_name"] == identity.birth_name
    assert data["first_name"] == identity.first_name


def test_valid_form_keeps_the_password_only_as_a_hash(
    app: Flask, at_form: FlaskClient, identity: Identity
) -> None:
    post_form(at_form, identity)
    row = flow_row(app, at_form)
    assert row is not None
    assert identity.password not in row["data"]
    assert check_password_hash(json.loads(row["data"])["password_hash"], identity.password)


@pytest.mark.parametrize("department", ["2A", "2B"])
def test_nir_born_in_corsica_is_accepted(
    at_form: FlaskClient, identity: Identity, department: str
) -> None:
    response = post_form(at_form, identity, nir=corsican_nir(department))
    assert response.location == CAPTCHA_URL


@pytest.mark.parametrize(("department", "keyed_as"), [("2A", "2B"), ("2B", "2A")])
def test_nir_born_in_corsica_keyed_as_the_other_department_is_refused(
    at_form: FlaskClient, identity: Identity, department: str, keyed_as: str
) -> None:
    # 2A stands for 19 in the key and 2B for 18: a key computed with the other does not match.
    shown = page(post_form(at_form, identity, nir=corsican_nir(department, keyed_as=keyed_as)))
    assert shown.field_error("nir") == rules.NIR_BAD_KEY


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
    at_form: FlaskClient, identity: Identity, number: str, key: str
) -> None:
    # The keys above are written out, and checked against this file's own formula, so
    # that neither the portal's rule nor the data factory decides what a right key is.
    assert spec_key(number.replace(" ", "")) == key
    one_less = f"{int(key) - 1:02d}"  # 80 -> 79: a near miss, still two digits
    shown = page(post_form(at_form, identity, nir=f"{number} {one_less}"))
    assert shown.field_error("nir") == rules.NIR_BAD_KEY
    assert post_form(at_form, identity, nir=f"{number} {key}").location == CAPTCHA_URL


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda i: i.nir, id="with-spaces-as-on-the-carte-vitale"),
        pytest.param(lambda i: i.compact_nir, id="without-spaces"),
    ],
)
def test_nir_is_accepted_with_or_without_spaces(
    at_form: FlaskClient, identity: Identity, typed: Callable[[Identity], str]
) -> None:
    response = post_form(at_form, identity, nir=typed(identity))
    assert response.location == CAPTCHA_URL


@pytest.mark.parametrize(
    ("birth_name", "first_name"),
    [("D'Alembert-Lefèvre", "Zoé"), ("Le Gall", "Anne-Sophie"), ("N’Diaye", "Inès")],
)
def test_names_with_accents_spaces_hyphens_and_apostrophes_are_accepted(
    at_form: FlaskClient, identity: Identity, birth_name: str, first_name: str
) -> None:
    response = post_form(at_form, identity, birth_name=birth_name, first_name=first_name)
    assert response.location == CAPTCHA_URL


# --- Each field's error, next to it -------------------------------------------


@pytest.mark.parametrize(
    ("field_id", "value", "message"),
    [
        ("nir", "", rules.NIR_EMPTY),
        ("nir", "1 85 05 78 006 08", rules.NIR_BAD_LENGTH),
        ("nir", "1 85 05 78 0X6 084 91", rules.NIR_BAD_CHARACTERS),
        ("nir", "1X85 05 78 006 084 91", rules.NIR_BAD_CHARACTERS),
        ("birth_name", "", rules.NAME_EMPTY["birth_name"]),
        ("birth_name", "Martin2", rules.NAME_INVALID),
        ("first_name", "", rules.NAME_EMPTY["first_name"]),
        ("first_name", "Ca_mille", rules.NAME_INVALID),
        ("email", "", rules.EMAIL_EMPTY),
        ("email", "camille@exemple", rules.EMAIL_INVALID),
        ("email", "prenom.nom.exemple.fr", rules.EMAIL_INVALID),
        ("email", "prenom.nom@exemple", rules.EMAIL_INVALID),
        ("email", "prenom nom@exemple.fr", rules.EMAIL_INVALID),
        ("email", "@exemple.fr", rules.EMAIL_INVALID),
        ("password", "", rules.PASSWORD_EMPTY),
        ("password_confirmation", "", rules.PASSWORD_CONFIRMATION_EMPTY),
        ("password_confirmation", "Formation2025", rules.PASSWORD_CONFIRMATION_MISMATCH),
    ],
)
def test_invalid_field_is_refused_with_its_message_next_to_it(
    app: Flask, at_form: FlaskClient, identity: Identity, field_id: str, value: str, message: str
) -> None:
    response = post_form(at_form, identity, **{field_id: value})
    assert response.status_code == 200
    shown = page(response)
    assert shown.field_error(field_id) == message
    assert shown.title.startswith(ERROR_TITLE_PREFIX + SignupFormPage.TITLE)
    row = flow_row(app, at_form)
    assert row is not None
    assert row["step"] == 3


def test_nir_with_wrong_key_is_refused_and_kept_as_typed(
    at_form: FlaskClient, identity: Identity
) -> None:
    typed = wrong_key(identity.nir)
    shown = page(post_form(at_form, identity, nir=typed))
    assert shown.field_error("nir") == rules.NIR_BAD_KEY
    assert shown.by_id("nir").attrs.get("value") == typed
    # Only an account that exists gets a way to Connexion.
    assert not [a for a in shown.by_id("nir-error").children if a.tag == "a"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param(lambda nir: nir[:-1], rules.NIR_BAD_LENGTH, id="14-characters"),
        pytest.param(lambda nir: nir + "7", rules.NIR_BAD_LENGTH, id="16-characters"),
        pytest.param(lambda nir: nir.replace(" ", "X", 1), rules.NIR_BAD_CHARACTERS, id="a-letter"),
    ],
)
def test_nir_of_wrong_shape_is_refused_with_its_message(
    at_form: FlaskClient, identity: Identity, typed: Callable[[str], str], message: str
) -> None:
    shown = page(post_form(at_form, identity, nir=typed(identity.nir)))
    assert shown.field_error("nir") == message


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
    at_form: FlaskClient,
    identity: Identity,
    groups: tuple[str, str, str, str, str, str],
    message: str,
) -> None:
    shown = page(post_form(at_form, identity, nir=nir_from_groups(*groups)))
    assert shown.field_error("nir") == message


def test_field_in_error_is_tied_to_its_message(at_form: FlaskClient, identity: Identity) -> None:
    shown = page(post_form(at_form, identity, email="pas-une-adresse"))
    email = shown.by_id("email")
    assert email.attrs.get("aria-invalid") == "true"
    assert "email-error" in str(email.attrs.get("aria-describedby")).split()
    for valid in ("nir", "birth_name", "first_name", "password", "password_confirmation"):
        assert shown.by_id(valid).attrs.get("aria-invalid") is None, valid
        assert shown.field_error(valid) is None, valid


def test_empty_form_lists_each_field_with_its_message_in_the_summary(
    at_form: FlaskClient,
) -> None:
    shown = page(at_form.post(FORM_URL, data={}))
    empty = {
        "nir": rules.NIR_EMPTY,
        "birth_name": rules.NAME_EMPTY["birth_name"],
        "first_name": rules.NAME_EMPTY["first_name"],
        "email": rules.EMAIL_EMPTY,
        "password": rules.PASSWORD_EMPTY,
        "password_confirmation": rules.PASSWORD_CONFIRMATION_EMPTY,
    }
    assert {name: shown.field_error(name) for name in LABELS} == empty
    assert [" ".join(a.text.split()) for a in shown.error_summary_links] == [
        f"{LABELS[name]} : {message}" for name, message in empty.items()
    ]


def test_error_summary_at_the_top_links_to_each_field_in_error(
    at_form: FlaskClient, identity: Identity
) -> None:
    shown = page(post_form(at_form, identity, nir="123", first_name=""))
    summary = shown.page_errors
    assert len(summary) == 1
    hrefs = [a.attrs.get("href") for a in summary[0].children if a.tag == "a"]
    assert hrefs == ["#nir", "#first_name"]


def test_values_typed_are_kept_on_error_except_passwords(
    at_form: FlaskClient, identity: Identity
) -> None:
    shown = page(post_form(at_form, identity, password_confirmation="Autre2024x"))
    assert shown.by_id("nir").attrs.get("value") == identity.nir
    assert shown.by_id("birth_name").attrs.get("value") == identity.birth_name
    assert shown.by_id("first_name").attrs.get("value") == identity.first_name
    assert shown.by_id("email").attrs.get("value") == identity.email
    assert not shown.by_id("password").attrs.get("value")
    assert not shown.by_id("password_confirmation").attrs.get("value")


# --- Accounts that already exist ----------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda i: i.nir, id="with-spaces"),
        pytest.param(lambda i: i.compact_nir, id="without-spaces"),
    ],
)
def test_nir_that_has_an_account_is_refused_with_a_way_to_connexion(
    app: Flask, at_form: FlaskClient, identity: Identity, typed: Callable[[Identity], str]
) -> None:
    seed_account(at_form, identity)
    shown = page(post_form(at_form, identity.with_(nir=typed(identity), email=unique_email())))
    error = shown.field_error("nir")
    assert error is not None
    assert error.startswith(NIR_TAKEN)
    links = [a for a in shown.by_id("nir-error").children if a.tag == "a"]
    assert [(" ".join(a.text.split()), a.attrs["href"]) for a in links] == [
        ("Connexion", LOGIN_URL)
    ]
    row = flow_row(app, at_form)
    assert row is not None
    assert row["step"] == 3


def test_email_that_has_an_account_is_refused_whatever_its_case(
    at_form: FlaskClient, identity: Identity
) -> None:
    seed_account(at_form, identity)
    other = identity.with_(nir=fresh_nir(), email=identity.email.upper())
    shown = page(post_form(at_form, other))
    error = shown.field_error("email")
    assert error is not None
    assert error.startswith(EMAIL_TAKEN)
    assert any(a.text.strip() == "Connexion" for a in shown.by_id("email-error").children)
    assert shown.field_error("nir") is None


# --- Going back ---------------------------------------------------------------


def test_going_back_to_the_form_keeps_what_was_typed_but_no_password(
    client: FlaskClient, identity: Identity
) -> None:
    put_flow(client, 4, identity)
    shown = page(client.get(FORM_URL))
    assert shown.by_id("nir").attrs.get("value") == identity.nir
    assert shown.by_id("birth_name").attrs.get("value") == identity.birth_name
    assert shown.by_id("first_name").attrs.get("value") == identity.first_name
    assert shown.by_id("email").attrs.get("value") == identity.email
    assert not shown.by_id("password").attrs.get("value")


def test_form_opened_again_shows_what_the_server_kept(
    at_form: FlaskClient, identity: Identity
) -> None:
    post_form(at_form, identity, nir=identity.compact_nir, email=identity.email.upper())
    shown = page(at_form.get(FORM_URL))
    assert shown.by_id("nir").attrs.get("value") == identity.nir  # shown in groups
    assert shown.by_id("email").attrs.get("value") == identity.email  # as kept: lower case
    assert shown.by_id("birth_name").attrs.get("value") == identity.birth_name
    assert shown.by_id("first_name").attrs.get("value") == identity.first_name
    assert not shown.by_id("password").attrs.get("value")


def test_reposting_the_form_from_step_5_means_passing_the_security_check_again(
    app: Flask, client: FlaskClient, identity: Identity
) -> None:
    put_flow(client, 3)
    post_form(client, identity)
    pass_captcha(client)
    assert client.get(CGU_URL).status_code == 200
    response = post_form(client, identity.with_(first_name="Hugo"))
    assert response.location == CAPTCHA_URL
    row = flow_row(app, client)
    assert row is not None
    assert row["step"] == 4
    # New details mean a new security check: a passed one is not carried over.
    shown = page(client.get(CGU_URL, follow_redirects=True))
    assert shown.notices == [STEP_NOT_OPEN.format(title=CaptchaPage.TITLE)]


# --- The test API's PUT /__test__/flow takes the form's own path ---------------------

Change = Callable[[Identity], dict[str, str]]

REFUSED_CHANGES = [
    pytest.param(lambda i: {"nir": wrong_key(i.nir)}, id="nir-wrong-key"),
    pytest.param(lambda i: {"birth_name": "R2D2"}, id="name-with-digits"),
    pytest.param(lambda i: {"email": "pas-une-adresse"}, id="email-invalid"),
    pytest.param(lambda i: {"password": "court", "password_confirmation": "court"}, id="password"),
    pytest.param(lambda i: {"password_confirmation": "Autre2024"}, id="confirmation-mismatch"),
    pytest.param(lambda i: {"first_name": "", "email": ""}, id="two-fields-empty"),
]


def refused_on_the_page(shown: ParsedPage) -> dict[str, str]:
    errors = {name: shown.field_error(name) for name in LABELS}
    return {name: message for name, message in errors.items() if message is not None}


@pytest.mark.parametrize("change", REFUSED_CHANGES)
def test_test_api_refuses_what_the_form_refuses_with_the_same_messages(
    app: Flask, client: FlaskClient, identity: Identity, change: Change
) -> None:
    changes = change(identity)
    put_flow(client, 3)
    on_the_page = refused_on_the_page(page(post_form(client, identity, **changes)))
    response = app.test_client().put(
        "/__test__/flow", json={"step": 4, "data": form_data(identity, **changes)}
    )
    assert response.status_code == 400
    body = response.get_json()
    assert on_the_page
    assert body["fields"] == on_the_page
    assert all(name in body["error"] for name in on_the_page)  # the error names the fields


def test_test_api_refuses_a_nir_that_has_an_account_as_the_form_does(
    app: Flask, client: FlaskClient, identity: Identity
) -> None:
    seed_account(client, identity)
    data = form_data(identity, email=unique_email())
    response = app.test_client().put("/__test__/flow", json={"step": 5, "data": data})
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"nir": NIR_TAKEN}


def test_test_api_keeps_what_the_form_keeps(
    app: Flask, client: FlaskClient, identity: Identity
) -> None:
    typed = identity.with_(
        nir=identity.nir.replace(" ", ""),
        birth_name=f"  {identity.birth_name} ",
        email=identity.email.upper(),
    )
    put_flow(client, 3)
    post_form(client, typed)
    through_the_api = app.test_client()
    put_flow(through_the_api, 4, typed)
    kept = [flow_row(app, each) for each in (client, through_the_api)]
    by_form, by_api = (json.loads(row["data"]) for row in kept if row is not None)
    for data in (by_form, by_api):
        assert check_password_hash(data.pop("password_hash"), identity.password)
    assert by_form == by_api
    assert by_api["nir"] == rules.compact_nir(identity.nir)
    assert by_api["birth_name"] == identity.birth_name
    assert by_api["email"] == identity.email.lower()
