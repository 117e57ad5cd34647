"""One-off FranceConnect identities: someone only this test signs in as.

The mock's fixed identities (mocks/franceconnect_mock/identities.json) are shared by
every test of a worker (and its database): a test that activates an account
with one of them would change what the next test sees. Tests that create
accounts add their own identity through the test API instead.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cpf import rules
from cpf.franceconnect import IDENTITY_PROVIDERS

from .identities import fresh_nir, unique_email

PASSWORD = "123"  # what every test identity of the mock uses
CORSICAN_BIRTHPLACES = {"2A": ("2A004", "Ajaccio"), "2B": ("2B033", "Bastia")}


@cache
def provider_names() -> dict[str, str]:
    """Provider id -> the name on its button (cpf/franceconnect.py, which the mock serves)."""
    return {provider.id: provider.name for provider in IDENTITY_PROVIDERS}


@dataclass(frozen=True)
class FranceConnectIdentity:
    provider_id: str
    identifier: str  # what is typed in `Identifiant` at the provider
    password: str
    nir: str  # compact, 15 characters
    given_name: str
    family_name: str
    birthdate: str  # YYYY-MM-DD, as FranceConnect sends it
    gender: str
    birthplace: str
    birthplace_name: str
    email: str | None
    id: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex}")

    @property
    def provider_name(self) -> str:
        return provider_names()[self.provider_id]

    @property
    def formatted_nir(self) -> str:
        return rules.parse_nir(self.nir).formatted()

    @property
    def french_birthdate(self) -> str:
        """DD/MM/YYYY, as the consent and completion pages show it."""
        year, month, day = self.birthdate.split("-")
        return f"{day}/{month}/{year}"

    def as_payload(self) -> dict[str, Any]:
        """The body of POST /__test__/franceconnect/identities."""
        return {
            "id": self.id,
            "provider": self.provider_id,
            "login": self.identifier,
            "password": self.password,
            "nir": self.nir,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "birthdate": self.birthdate,
            "gender": self.gender,
            "birthplace": self.birthplace,
            "birthplace_name": self.birthplace_name,
            "birthcountry": "99100",
            "email": self.email,
        }


def _identifier(provider_id: str, nir: str, email: str | None) -> str:
    """A login of the provider's own kind, unique to this identity."""
    if provider_id in ("ameli", "msa"):
        return nir  # the NIR itself
    if provider_id == "laposte":
        return email or unique_email("laposte")
    if provider_id == "mobileconnect":
        return "06" + "".join(secrets.choice("0123456789") for _ in range(8))
    return "3" + "".join(secrets.choice("0123456789") for _ in range(12))  # numéro fiscal


def new_franceconnect_identity(
    provider_id: str = "ameli",
    *,
    given_name: str = "Camille",
    family_name: str = "Martin",
    department: str | None = None,
    with_email: bool = True,
) -> FranceConnectIdentity:
    """A fresh person at ``provider_id``: a NIR nobody else has, a birth date that
    agrees with it, a unique e-mail (or none, as some providers give none).

    ``department`` "2A" or "2B" makes someone born in Corsica.
    """
    if provider_id not in provider_names():
        raise ValueError(f"unknown provider {provider_id!r}; one of {sorted(provider_names())}")
    nir = rules.compact_nir(fresh_nir(department=department))
    # NIR: sex, YY, MM, department (2 characters), commune (3 digits), order, key.
    year, month = f"19{nir[1:3]}", nir[3:5]
    day = f"{1 + secrets.randbelow(28):02d}"
    if department in CORSICAN_BIRTHPLACES:
        birthplace, birthplace_name = CORSICAN_BIRTHPLACES[department]
    else:
        birthplace, birthplace_name = nir[5:10], "Commune de test"
    email = unique_email("fc") if with_email else None
    return FranceConnectIdentity(
        provider_id=provider_id,
        identifier=_identifier(provider_id, nir, email),
        password=PASSWORD,
        nir=nir,
        given_name=given_name,
        family_name=family_name,
        birthdate=f"{year}-{month}-{day}",
        gender="male" if nir[0] == "1" else "female",
        birthplace=birthplace,
        birthplace_name=birthplace_name,
        email=email,
    )
