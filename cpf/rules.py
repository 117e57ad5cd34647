"""The portal's validation rules, as plain functions.

This module is the one home of each rule: the signup form, the live password
checklist (through ``PASSWORD_RULES``), the unit tests and the browser tests'
data factory all call it, so a rule cannot drift between them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# --- NIR (numéro de sécurité sociale) ---------------------------------------

NIR_LENGTH = 15  # 13 characters + a 2-digit key

# Corsica's departments are letters in the NIR, replaced by numbers for the key.
CORSICA_KEY_SUBSTITUTES = {"2A": "19", "2B": "18"}

NIR_EMPTY = "Saisissez votre numéro de sécurité sociale."
NIR_BAD_CHARACTERS = (
    "Le numéro de sécurité sociale ne peut contenir que des chiffres, "
    "les lettres 2A ou 2B pour la Corse, et des espaces."
)
NIR_BAD_LENGTH = (
    "Le numéro de sécurité sociale doit comporter 15 caractères : "
    "13 pour le numéro et 2 pour la clé."
)
NIR_BAD_SEX = "Le premier chiffre du numéro de sécurité sociale doit être 1 (homme) ou 2 (femme)."
NIR_BAD_MONTH = "Le mois de naissance (4e et 5e chiffres) n'est pas valide."
NIR_BAD_DEPARTMENT = "Le département de naissance (6e et 7e caractères) n'est pas valide."
NIR_BAD_COMMUNE = "Le code de la commune de naissance n'est pas valide."
NIR_BAD_ORDER = "Le numéro d'ordre de naissance (000) n'est pas valide."
NIR_BAD_KEY = (
    "La clé du numéro de sécurité sociale (2 derniers chiffres) ne correspond pas au numéro."
)


@dataclass(frozen=True)
class Nir:
    """A structurally valid NIR, split into its groups."""

    sex: str
    year: str
    month: str
    department: str
    commune: str
    order: str
    key: str

    @property
    def number(self) -> str:
        """The 13 characters before the key."""
        return f"{self.sex}{self.year}{self.month}{self.department}{self.commune}{self.order}"

    @property
    def compact(self) -> str:
        """The 15 characters, without spaces: how the portal stores a NIR."""
        return self.number + self.key

    @property
    def born_in_corsica(self) -> bool:
        return self.department in CORSICA_KEY_SUBSTITUTES

    def formatted(self) -> str:
        """The groups separated by spaces, as printed on a carte Vitale."""
        return " ".join(
            (self.sex, self.year, self.month, self.department, self.commune, self.order, self.key)
        )


class NirError(ValueError):
    """Raised with the French message to show next to the field."""


def nir_key(number: str) -> str:
    """The 2-digit key of a 13-character NIR: 97 - (number mod 97)."""
    number = number.upper()
    for letters, digits in CORSICA_KEY_SUBSTITUTES.items():
        if number[5:7] == letters:
            number = number[:5] + digits + number[7:]
    if len(number) != 13 or not number.isdigit():
        raise ValueError(f"not a 13-character NIR: {number!r}")
    return f"{97 - int(number) % 97:02d}"


def compact_nir(raw: str) -> str:
    """The NIR as typed, without the spaces allowed between groups, upper-cased."""
    return re.sub(r"\s+", "", raw).upper()


def _month_is_valid(month: str) -> bool:
    # INSEE uses 20 and 30-42, 50-99 for births whose month is unknown.
    value = int(month)
    return 1 <= value <= 12 or value == 20 or 30 <= value <= 42 or 50 <= value <= 99


def _split_place(rest: str) -> tuple[str, str] | None:
    """Split the 5 place characters into (department, commune), or None."""
    department = rest[:2]
    if department in CORSICA_KEY_SUBSTITUTES:
        return department, rest[2:]
    if not rest.isdigit():
        return None
    if department in ("97", "98"):  # overseas: 3-digit department, 2-digit commune
        return rest[:3], rest[3:]
    return department, rest[2:]


def _department_is_valid(department: str) -> bool:
    if department in CORSICA_KEY_SUBSTITUTES:
        return True
    value = int(department)
    if len(department) == 3:
        return 971 <= value <= 976 or 984 <= value <= 989
    # 20 is Corsica before 1976; 99 is "born abroad".
    return 1 <= value <= 95 or value == 99


def parse_nir(raw: str) -> Nir:
    """Check a NIR as typed and return its groups, or raise ``NirError``."""
    if not raw or not raw.strip():
        raise NirError(NIR_EMPTY)
    value = compact_nir(raw)
    if not re.fullmatch(r"[0-9AB]+", value) or re.search(r"[AB]", value[:5] + value[7:]):
        raise NirError(NIR_BAD_CHARACTERS)
    if len(value) != NIR_LENGTH:
        raise NirError(NIR_BAD_LENGTH)
    sex, year, month, place, order, key = (
        value[0],
        value[1:3],
        value[3:5],
        value[5:10],
        value[10:13],
        value[13:15],
    )
    if sex not in ("1", "2"):
        raise NirError(NIR_BAD_SEX)
    if not _month_is_valid(month):
        raise NirError(NIR_BAD_MONTH)
    split = _split_place(place)
    if split is None or not _department_is_valid(split[0]):
        raise NirError(NIR_BAD_DEPARTMENT)
    department, commune = split
    if int(commune) == 0:
        raise NirError(NIR_BAD_COMMUNE)
    if order == "000":
        raise NirError(NIR_BAD_ORDER)
    nir = Nir(sex, year, month, department, commune, order, key)
    if nir_key(nir.number) != key:
        raise NirError(NIR_BAD_KEY)
    return nir


def is_valid_nir(raw: str) -> bool:
    try:
        parse_nir(raw)
    except NirError:
        return False
    return True


# --- Password ----------------------------------------------------------------

PASSWORD_MIN_LENGTH = 8


def _has_category(password: str, category: str) -> bool:
    return any(unicodedata.category(char) == category for char in password)


@dataclass(frozen=True)
class PasswordRule:
    """One password rule, and everything that is read from it: the server's check, one
    item of the live checklist, its words in the "Bon à savoir" sentence and in the
    server's refusal ("Il manque : ..."), and the test passwords (``harness.identities``).

    ``pattern`` is the same check for the live checklist in the browser, as data: the
    source of a JavaScript regular expression run with the ``u`` flag (so it counts code
    points and knows Unicode categories, like ``check``). The page's
    Content-Security-Policy forbids turning text into code, so the browser gets a
    pattern, never a function.
    """

    id: str  # the checklist item's data-rule, and the tests' name for the rule
    label: str  # the checklist item; lower-cased, its name in the server's refusal
    summary: str  # its words in the "Bon à savoir" sentence
    check: Callable[[str], bool]  # the server's verdict: True when the password meets it
    pattern: str
    # The fewest characters that meet this rule and no other: test passwords are built
    # from the rules' examples. None for the length, which repeating the others meets.
    example: str | None


# Adding a rule is one entry here (the length stays first: the sentence reads "comporter
# <the length> dont au moins <the others>"); the form, the checklist, "Bon à savoir" and
# the test passwords follow.
PASSWORD_RULES: tuple[PasswordRule, ...] = (
    PasswordRule(
        id="length",
        label=f"{PASSWORD_MIN_LENGTH} caractères minimum",
        summary=f"{PASSWORD_MIN_LENGTH} caractères",
        check=lambda password: len(password) >= PASSWORD_MIN_LENGTH,
        pattern=rf"^[\s\S]{{{PASSWORD_MIN_LENGTH},}}$",
        example=None,
    ),
    PasswordRule(
        id="uppercase",
        label="Une lettre majuscule",
        summary="une majuscule",
        check=lambda password: _has_category(password, "Lu"),
        pattern=r"\p{Lu}",
        example="F",
    ),
    PasswordRule(
        id="lowercase",
        label="Une lettre minuscule",
        summary="une minuscule",
        check=lambda password: _has_category(password, "Ll"),
        pattern=r"\p{Ll}",
        example="a",
    ),
    PasswordRule(
        id="digit",
        label="Un chiffre",
        summary="un chiffre",
        check=lambda password: _has_category(password, "Nd"),
        pattern=r"\p{Nd}",
        example="7",
    ),
)


def _french_list(parts: Sequence[str]) -> str:
    """The parts joined the French way: "a, b et c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"


def _rule_summary(password_rules: Sequence[PasswordRule]) -> str:
    length, *others = (rule.summary for rule in password_rules)
    return f"Votre mot de passe doit comporter {length} dont au moins {_french_list(others)}."


PASSWORD_EMPTY = "Saisissez un mot de passe."
PASSWORD_RULE_SUMMARY = _rule_summary(PASSWORD_RULES)
PASSWORD_CONFIRMATION_EMPTY = "Confirmez votre mot de passe."
PASSWORD_CONFIRMATION_MISMATCH = "La confirmation ne correspond pas au mot de passe saisi."

# What a checklist item adds to its label (hidden text: for screen readers) and what the
# checklist announces when an item changes.
CHECKLIST_MET = " : respecté"
CHECKLIST_NOT_MET = " : non respecté"


def checklist_item_text(rule: PasswordRule, *, met: bool) -> str:
    """A checklist item as a screen reader reads it: "Un chiffre : non respecté"."""
    return rule.label + (CHECKLIST_MET if met else CHECKLIST_NOT_MET)


def password_rule(rule_id: str) -> PasswordRule:
    """The rule of ``PASSWORD_RULES`` with this id (``KeyError`` naming the ids if none)."""
    for rule in PASSWORD_RULES:
        if rule.id == rule_id:
            return rule
    raise KeyError(f"no password rule {rule_id!r}; the rules: {[r.id for r in PASSWORD_RULES]}")


def unmet_password_rules(password: str) -> list[PasswordRule]:
    """The rules that ``password`` breaks, in checklist order."""
    return [rule for rule in PASSWORD_RULES if not rule.check(password)]


def password_refusal(unmet: Sequence[PasswordRule]) -> str:
    """The server's French message for a password that breaks the ``unmet`` rules."""
    missing = ", ".join(rule.label.lower() for rule in unmet)
    return f"{PASSWORD_RULE_SUMMARY} Il manque : {missing}."


def password_error(password: str) -> str | None:
    """The French message for a password that breaks a rule, or None."""
    if not password:
        return PASSWORD_EMPTY
    unmet = unmet_password_rules(password)
    return password_refusal(unmet) if unmet else None


# --- E-mail ---------------------------------------------------------------

EMAIL_EMPTY = "Saisissez votre adresse électronique."
EMAIL_INVALID = "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."

# Deliberately simple: one @, no spaces, a dot in the domain, no empty label.
_EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def normalize_email(raw: str) -> str:
    return raw.strip().lower()


def email_error(raw: str) -> str | None:
    value = raw.strip()
    if not value:
        return EMAIL_EMPTY
    if len(value) > 254 or not _EMAIL_PATTERN.fullmatch(value):
        return EMAIL_INVALID
    return None


# --- Names -------------------------------------------------------------------

NAME_EMPTY = {
    "birth_name": "Saisissez votre nom de naissance.",
    "first_name": "Saisissez votre prénom.",
}
NAME_INVALID = "Utilisez uniquement des lettres, des espaces, des tirets et des apostrophes."

_NAME_PATTERN = re.compile(r"[^\W\d_]+([ '’-][^\W\d_]+)*")


def name_error(field: str, raw: str) -> str | None:
    value = raw.strip()
    if not value:
        return NAME_EMPTY[field]
    if len(value) > 80 or not _NAME_PATTERN.fullmatch(value):
        return NAME_INVALID
    return None
