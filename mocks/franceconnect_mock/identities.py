"""Identity providers and the test identities they know (identities.json).

Test identities (every password is ``123``):

==============  ==============================  ===============  =============================
Provider        Identifiant                     NIR              Who
==============  ==============================  ===============  =============================
impots.gouv.fr  3075110015021                   275117511502321  Nadia Benali, public agent
ameli.fr        288093306315472                 288093306315472  Sophie Durand
La Poste (*)    helene.lefevre-noel@exemple.fr  279036912304582  Hélène Lefèvre-Noël
impots.gouv.fr  3084072004012                   184072A00401254  Paul-Marie Santoni, Corsica
MSA             158025935010178                 158025935010178  Marcel Petit, no e-mail
ameli.fr        295129741100775                 295129741100775  Maëlys Hoarau, La Réunion
Mobile Connect  0612345678                      190059913108884  Lucas Moreau, born in Belgium
==============  ==============================  ===============  =============================

(*) L'Identité Numérique La Poste; Mobile Connect is "Mobile Connect et moi".

The claims follow FranceConnect's pivot identity (given_name, family_name,
birthdate, gender, birthplace = INSEE code, birthcountry, email). Two mock
extensions: ``nir`` (scope ``cpf``) stands in for the portal's look-up in the
national register, which real FranceConnect does not do for it, and
``birthplace_name`` (scope ``birth``), the label of the INSEE code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cpf import rules
from cpf.franceconnect import CLAIM_LABELS, IDENTITY_PROVIDERS, IdentityProvider

# Claims each scope releases, as FranceConnect v2 offers them: identite_pivot (the
# pivot identity, without preferred_username since v2), profile, birth, email, and
# one scope per claim; v1's address and phone are gone.
SCOPE_CLAIMS: dict[str, tuple[str, ...]] = {
    "openid": (),
    "identite_pivot": (
        "given_name",
        "family_name",
        "birthdate",
        "gender",
        "birthplace",
        "birthcountry",
        "birthplace_name",
    ),
    "profile": ("given_name", "family_name", "birthdate", "gender", "preferred_username"),
    "birth": ("birthplace", "birthcountry", "birthplace_name"),
    "email": ("email",),
    "cpf": ("nir",),
    "given_name": ("given_name",),
    "family_name": ("family_name",),
    "birthdate": ("birthdate",),
    "gender": ("gender",),
    "birthplace": ("birthplace", "birthplace_name"),
    "birthcountry": ("birthcountry",),
    "preferred_username": ("preferred_username",),
}


COUNTRIES = {"99100": "France", "99131": "Belgique"}


@dataclass(frozen=True)
class Identity:
    id: str
    provider: str
    login: str
    password: str
    nir: str
    given_name: str
    family_name: str
    birthdate: str
    gender: str
    birthplace: str
    birthplace_name: str
    birthcountry: str
    email: str | None
    preferred_username: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Identity:
        known = set(cls.__dataclass_fields__)  # other keys in the file are notes for people
        values = {key: value for key, value in data.items() if key in known}
        return cls(**values)

    def matches_login(self, login: str) -> bool:
        typed = "".join(login.split()).lower()
        return typed == "".join(self.login.split()).lower()

    def sub_for(self, client_id: str) -> str:
        """Pairwise subject, as FranceConnect gives each client its own."""
        return hashlib.sha256(f"{client_id}:{self.id}".encode()).hexdigest() + "v1"

    def claims(self, client_id: str, scope: str) -> dict[str, Any]:
        """The user-info claims this scope releases to this client."""
        names: set[str] = set()
        for item in scope.split():
            names.update(SCOPE_CLAIMS.get(item, ()))
        claims: dict[str, Any] = {"sub": self.sub_for(client_id)}
        for name in sorted(names):
            value = getattr(self, name)
            if value is not None:  # no e-mail at the provider: no claim at all
                claims[name] = value
        return claims

    def consent_lines(self, scope: str) -> list[tuple[str, str]]:
        """(label, value) for each datum the consent page lists."""
        claims = self.claims("", scope)
        lines = []
        for name, label in CLAIM_LABELS.items():
            if name not in claims:
                continue
            value = str(claims[name])
            if name == "birthdate":
                year, month, day = value.split("-")
                value = f"{day}/{month}/{year}"
            elif name == "gender":
                value = {"female": "Femme", "male": "Homme"}.get(value, value)
            elif name == "birthcountry":
                value = COUNTRIES.get(value, value)
            elif name == "nir":
                value = rules.parse_nir(value).formatted()
            lines.append((label, value))
        return lines


def _load() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("identities.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# FranceConnect's providers: their one home is cpf/franceconnect.py, which the harness reads too.
Provider = IdentityProvider


def load_providers() -> list[Provider]:
    return list(IDENTITY_PROVIDERS)


def load_identities() -> list[Identity]:
    return [Identity.from_dict(item) for item in _load()["identities"]]
