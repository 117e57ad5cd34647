"""cpf.rules on its own: every rule with a passing and a failing case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpf import rules
from harness.identities import TEST_PASSWORD, password_breaking


def with_key(number: str) -> str:
    """A 13-character NIR number completed with its right key."""
    return number + rules.nir_key(number)


def nir_message(raw: str) -> str:
    with pytest.raises(rules.NirError) as caught:
        rules.parse_nir(raw)
    return str(caught.value)


# --- NIR: key -----------------------------------------------------------------


def test_nir_key_is_97_minus_number_mod_97() -> None:
    assert rules.nir_key("2690549588157") == f"{97 - 2690549588157 % 97:02d}"


def test_nir_with_right_key_is_accepted() -> None:
    nir = rules.parse_nir("269054958815780")
    assert (nir.sex, nir.year, nir.month, nir.department, nir.commune, nir.order, nir.key) == (
        "2",
        "69",
        "05",
        "49",
        "588",
        "157",
        "80",
    )


def test_nir_with_wrong_key_is_refused() -> None:
    assert nir_message("269054958815781") == rules.NIR_BAD_KEY


def test_nir_key_below_10_keeps_its_leading_zero() -> None:
    number = next(
        f"1850578006{order:03d}"
        for order in range(1, 1000)
        if int(rules.nir_key(f"1850578006{order:03d}")) < 10
    )
    assert rules.nir_key(number).startswith("0")
    assert rules.is_valid_nir(with_key(number))


def test_corsica_2a_is_replaced_by_19_for_the_key() -> None:
    assert rules.nir_key("185052A123456") == f"{97 - 1850519123456 % 97:02d}"
    nir = rules.parse_nir(with_key("185052A123456"))
    assert nir.department == "2A"
    assert nir.born_in_corsica


def test_corsica_2b_is_replaced_by_18_for_the_key() -> None:
    assert rules.nir_key("185052B123456") == f"{97 - 1850518123456 % 97:02d}"
    assert rules.parse_nir(with_key("185052B123456")).department == "2B"


def test_corsica_nir_with_key_computed_without_substitution_is_refused() -> None:
    # A common bug: computing 2A's key as if the letters were zeros.
    wrong = f"{97 - 1850500123456 % 97:02d}"
    assert wrong != rules.nir_key("185052A123456")
    assert nir_message("185052A123456" + wrong) == rules.NIR_BAD_KEY


def test_corsica_letters_may_be_typed_in_lower_case() -> None:
    assert rules.parse_nir(with_key("185052A123456").lower()).department == "2A"


# --- NIR: form ----------------------------------------------------------------


def test_empty_nir_is_refused() -> None:
    assert nir_message("   ") == rules.NIR_EMPTY


def test_nir_with_spaces_between_groups_is_accepted() -> None:
    nir = rules.parse_nir("2 69 05 49 588 157 80")
    assert nir.compact == "269054958815780"
    assert nir.formatted() == "2 69 05 49 588 157 80"


def test_nir_of_14_characters_is_refused() -> None:
    assert nir_message("26905495881578") == rules.NIR_BAD_LENGTH


def test_nir_of_16_characters_is_refused() -> None:
    assert nir_message("2690549588157800") == rules.NIR_BAD_LENGTH


def test_nir_with_a_letter_is_refused() -> None:
    assert nir_message("2690549588157X0") == rules.NIR_BAD_CHARACTERS


def test_nir_with_punctuation_is_refused() -> None:
    assert nir_message("2-69-05-49-588-157-80") == rules.NIR_BAD_CHARACTERS


def test_nir_with_a_or_b_outside_the_department_is_refused() -> None:
    assert nir_message("2690549588A5780") == rules.NIR_BAD_CHARACTERS


# --- NIR: groups --------------------------------------------------------------


@pytest.mark.parametrize("sex", ["1", "2"])
def test_nir_sex_1_or_2_is_accepted(sex: str) -> None:
    assert rules.is_valid_nir(with_key(f"{sex}850578006084"))


@pytest.mark.parametrize("sex", ["0", "3", "9"])
def test_nir_with_other_sex_digit_is_refused(sex: str) -> None:
    assert nir_message(with_key(f"{sex}850578006084")) == rules.NIR_BAD_SEX


@pytest.mark.parametrize("month", ["01", "12", "20", "30", "42", "50", "99"])
def test_nir_with_valid_month_is_accepted(month: str) -> None:
    assert rules.is_valid_nir(with_key(f"185{month}78006084"))


@pytest.mark.parametrize("month", ["00", "13", "19", "21", "29", "43", "49"])
def test_nir_with_invalid_month_is_refused(month: str) -> None:
    assert nir_message(with_key(f"185{month}78006084")) == rules.NIR_BAD_MONTH


@pytest.mark.parametrize("place", ["01006", "95006", "99123", "97123", "98712"])
def test_nir_with_valid_department_is_accepted(place: str) -> None:
    assert rules.is_valid_nir(with_key(f"18505{place}084"))


@pytest.mark.parametrize("place", ["00006", "96006", "97723", "98012"])
def test_nir_with_invalid_department_is_refused(place: str) -> None:
    assert nir_message(with_key(f"18505{place}084")) == rules.NIR_BAD_DEPARTMENT


def test_nir_with_commune_000_is_refused() -> None:
    assert nir_message(with_key("1850578000084")) == rules.NIR_BAD_COMMUNE


def test_overseas_nir_with_commune_00_is_refused() -> None:
    assert nir_message(with_key("1850597100084")) == rules.NIR_BAD_COMMUNE


def test_nir_with_commune_001_is_accepted() -> None:
    assert rules.is_valid_nir(with_key("1850578001084"))


def test_nir_with_order_000_is_refused() -> None:
    assert nir_message(with_key("1850578006000")) == rules.NIR_BAD_ORDER


def test_nir_with_order_001_is_accepted() -> None:
    assert rules.is_valid_nir(with_key("1850578006001"))


_digits = st.integers


@given(
    sex=st.sampled_from("12"),
    year=_digits(0, 99),
    month=_digits(1, 12),
    department=st.one_of(_digits(1, 19), _digits(21, 95), st.sampled_from(["2A", "2B"])),
    commune=_digits(1, 999),
    order=_digits(1, 999),
)
def test_any_well_formed_nir_with_its_key_is_accepted_and_any_other_key_refused(
    sex: str, year: int, month: int, department: int | str, commune: int, order: int
) -> None:
    place = department if isinstance(department, str) else f"{department:02d}"
    number = f"{sex}{year:02d}{month:02d}{place}{commune:03d}{order:03d}"
    key = rules.nir_key(number)
    assert rules.parse_nir(number + key).compact == number + key
    other = f"{(int(key) % 97) + 1:02d}"
    assert not rules.is_valid_nir(number + other)


# --- E-mail -------------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["prenom.nom@exemple.fr", "a+cpf@sous.domaine.gouv.fr", "  Camille@Exemple.FR  "]
)
def test_valid_email_is_accepted(email: str) -> None:
    assert rules.email_error(email) is None


def test_empty_email_is_refused() -> None:
    assert rules.email_error("  ") == rules.EMAIL_EMPTY


@pytest.mark.parametrize(
    "email",
    [
        "prenom.nom",
        "prenom.nom@exemple",
        "prenom nom@exemple.fr",
        "a@@exemple.fr",
        "@exemple.fr",
        "a@.fr",
        "a@exemple..fr",
        "a@exemple.fr.",
        "a" * 250 + "@exemple.fr",
    ],
)
def test_malformed_email_is_refused(email: str) -> None:
    assert rules.email_error(email) == rules.EMAIL_INVALID


def test_email_is_normalized_trimmed_and_lower_case() -> None:
    assert rules.normalize_email("  Camille.Martin@Exemple.FR ") == "camille.martin@exemple.fr"


# --- Names --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Martin", "Jean-Pierre", "N'Diaye", "N’Diaye", "Éloïse", "De La Tour", "Lætitia"]
)
def test_names_with_letters_hyphens_apostrophes_and_spaces_are_accepted(name: str) -> None:
    assert rules.name_error("birth_name", name) is None
    assert rules.name_error("first_name", name) is None


def test_empty_birth_name_is_refused() -> None:
    assert rules.name_error("birth_name", " ") == rules.NAME_EMPTY["birth_name"]


def test_empty_first_name_is_refused() -> None:
    assert rules.name_error("first_name", "") == rules.NAME_EMPTY["first_name"]


@pytest.mark.parametrize(
    "name", ["Martin2", "Jean--Pierre", "-Martin", "Martin_", "Mar@tin", "x" * 81]
)
def test_names_with_other_characters_are_refused(name: str) -> None:
    assert rules.name_error("birth_name", name) == rules.NAME_INVALID


# --- Password -----------------------------------------------------------------
# Each rule of the table is tested through its own examples (harness.identities builds
# them), so a new rule brings its cases; the hand-written cases below pin the edges.

RULE_IDS = [rule.id for rule in rules.PASSWORD_RULES]


def test_test_password_meets_every_rule() -> None:
    # Each rule's own check, as the server runs it (the constant is built from the rules'
    # examples; this is what the server will make of it).
    assert [rule.id for rule in rules.PASSWORD_RULES if not rule.check(TEST_PASSWORD)] == []
    assert rules.password_error(TEST_PASSWORD) is None


@pytest.mark.parametrize("broken", rules.PASSWORD_RULES, ids=RULE_IDS)
def test_password_breaking_one_rule_is_refused_naming_it_alone(
    broken: rules.PasswordRule,
) -> None:
    password = password_breaking(broken)
    assert rules.unmet_password_rules(password) == [broken]
    assert rules.password_error(password) == rules.password_refusal([broken])


@pytest.mark.parametrize(
    "example_rule",
    [r for r in rules.PASSWORD_RULES if r.example is not None],
    ids=lambda r: r.id,
)
def test_each_rule_example_meets_that_rule_alone(example_rule: rules.PasswordRule) -> None:
    assert example_rule.example is not None
    assert [r for r in rules.PASSWORD_RULES if r.check(example_rule.example)] == [example_rule]


def test_password_rules_have_distinct_ids_and_each_its_words() -> None:
    assert len(set(RULE_IDS)) == len(RULE_IDS)
    assert all(r.label and r.summary and r.pattern for r in rules.PASSWORD_RULES)
    assert RULE_IDS[0] == "length"  # the "Bon à savoir" sentence starts with it


def test_bon_a_savoir_sentence_is_the_seed_s_rule() -> None:
    # The wording users see, built from the table: it changes only with a rule.
    assert rules.PASSWORD_RULE_SUMMARY == (
        "Votre mot de passe doit comporter 8 caractères dont au moins une majuscule, "
        "une minuscule et un chiffre."
    )


def test_refusal_names_the_missing_rules_after_the_sentence() -> None:
    assert rules.password_refusal(
        [rules.password_rule("length"), rules.password_rule("digit")]
    ) == (f"{rules.PASSWORD_RULE_SUMMARY} Il manque : 8 caractères minimum, un chiffre.")


def test_password_of_exactly_the_minimum_length_meets_the_length_rule() -> None:
    assert rules.password_rule("length").check("x" * rules.PASSWORD_MIN_LENGTH)
    assert not rules.password_rule("length").check("x" * (rules.PASSWORD_MIN_LENGTH - 1))


def test_password_of_7_characters_is_refused_for_its_length() -> None:
    assert rules.password_rule("length") in rules.unmet_password_rules("Forma12")


@pytest.mark.parametrize(
    ("password", "rule_id"),
    [("formation2024", "uppercase"), ("FORMATION2024", "lowercase"), ("Formation", "digit")],
)
def test_password_missing_a_kind_of_character_is_refused_for_it(
    password: str, rule_id: str
) -> None:
    message = rules.password_error(password)
    assert message is not None
    assert message.startswith(rules.PASSWORD_RULE_SUMMARY)
    assert rules.password_rule(rule_id) in rules.unmet_password_rules(password)


def test_accented_and_other_scripts_letters_count_as_letters() -> None:
    assert rules.password_rule("uppercase").check("É")
    assert rules.password_rule("lowercase").check("ß")
    assert rules.password_rule("digit").check("٣")  # an Arabic-Indic digit is a digit (Unicode Nd)
    assert not rules.password_rule("digit").check("²")  # a superscript is not


def test_empty_password_is_refused() -> None:
    assert rules.password_error("") == rules.PASSWORD_EMPTY


def test_password_length_counts_characters_not_bytes() -> None:
    # 8 characters, 9 bytes in UTF-8: "é" must count once.
    assert rules.password_rule("length").check("Éléve12a")
    assert not rules.password_rule("length").check("Élév12a")


def test_unmet_rules_are_listed_in_checklist_order() -> None:
    # The checklist's order, written out: the length first, the categories after.
    unmet = [rule.id for rule in rules.unmet_password_rules("abc")]
    assert unmet[:1] == ["length"]
    assert [r for r in unmet if r in ("uppercase", "digit")] == ["uppercase", "digit"]
    assert "lowercase" not in unmet


def test_checklist_item_reads_its_label_then_its_state() -> None:
    digit = rules.password_rule("digit")
    assert rules.checklist_item_text(digit, met=False) == "Un chiffre : non respecté"
    assert rules.checklist_item_text(digit, met=True) == "Un chiffre : respecté"


# --- Confirmation messages (checked by the form, worded here) -----------------


def test_confirmation_messages_are_distinct() -> None:
    assert rules.PASSWORD_CONFIRMATION_MISMATCH != rules.PASSWORD_CONFIRMATION_EMPTY
