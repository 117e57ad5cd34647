"""The details typed at step 3: what is wrong with them, and what the flow keeps.

One path for both ways in: the signup form (``forms.SignupForm``) and the test
API's ``PUT /__test__/flow``, so that a test's set-up can never hold details the
form would have refused, nor keep them in another shape. Every rule itself is in
``cpf.rules``; this module says which rule applies to which field.
"""

from __future__ import annotations

from collections.abc import Mapping

from cpf import rules
from cpf.messages import EMAIL_TAKEN, NIR_TAKEN

from .. import accounts

FIELDS = ("nir", "birth_name", "first_name", "email", "password", "password_confirmation")

# A field refused because an account already has it: the form adds a Connexion link.
TAKEN = {"nir": NIR_TAKEN, "email": EMAIL_TAKEN}


def problems(details: Mapping[str, str]) -> dict[str, str]:
    """The French message of each refused field, as the form shows it next to the
    field; empty when every field passes. A missing field reads as empty."""
    found: dict[str, str] = {}
    try:
        nir = rules.parse_nir(details.get("nir", ""))
    except rules.NirError as error:
        found["nir"] = str(error)
    else:
        if accounts.nir_taken(nir.compact):
            found["nir"] = NIR_TAKEN
    for name in ("birth_name", "first_name"):
        if message := rules.name_error(name, details.get(name, "")):
            found[name] = message
    email = details.get("email", "")
    if message := rules.email_error(email):
        found["email"] = message
    elif accounts.email_taken(rules.normalize_email(email)):
        found["email"] = EMAIL_TAKEN
    password = details.get("password", "")
    if message := rules.password_error(password):
        found["password"] = message
    confirmation = details.get("password_confirmation", "")
    if not confirmation:
        found["password_confirmation"] = rules.PASSWORD_CONFIRMATION_EMPTY
    elif confirmation != password:
        found["password_confirmation"] = rules.PASSWORD_CONFIRMATION_MISMATCH
    return found


def kept(details: Mapping[str, str]) -> dict[str, str]:
    """What the flow keeps of details without problems: the NIR compact, the names
    trimmed, the e-mail normalized, the password hashed (never the password itself)."""
    return {
        "nir": rules.parse_nir(details["nir"]).compact,
        "birth_name": details["birth_name"].strip(),
        "first_name": details["first_name"].strip(),
        "email": rules.normalize_email(details["email"]),
        "password_hash": accounts.hash_password(details["password"]),
    }
