"""Named deployments of the portal to test, from the project's configuration.

A target is a table under ``[tool.cpf-harness.targets.NAME]`` in the project's
``pyproject.toml``, or under ``[targets.NAME]`` in a ``cpf-harness.toml`` of its
own beside it; ``--target NAME`` (or ``CPF_HARNESS_TARGET``) chooses one::

    [tool.cpf-harness.targets.recette]
    portal_url = "https://recette.moncompteformation.example"
    franceconnect_url = "https://fcp.integ01.dev-franceconnect.fr"
    profile = "read-only"                        # creates no account, locks none
    capabilities = ["franceconnect", "provisioned_account"]   # narrows what is found
    seeder = "recette_seeding:AdminApiSeeder"    # your own seeding (harness.seeding)

    [tool.cpf-harness.targets.recette.account]   # a pre-provisioned account
    nir_env = "RECETTE_NIR"                      # names of environment variables,
    password_env = "RECETTE_PASSWORD"            # never the secrets themselves
    first_name = "Camille"
    birth_name = "Martin"

Secrets never sit in a file: the account's NIR, e-mail and password are read from
the environment variables the table names.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .capabilities import READ_ONLY_PROFILE, check_names
from .identities import Identity

TARGET_ENV = "CPF_HARNESS_TARGET"
TARGET = pytest.StashKey["Target"]()  # the --target chosen, loaded at configure time
OWN_FILE = "cpf-harness.toml"
PROFILES = (READ_ONLY_PROFILE,)
KEYS = {"portal_url", "franceconnect_url", "profile", "capabilities", "seeder", "account"}
ACCOUNT_KEYS = {"nir_env", "email_env", "password_env", "first_name", "birth_name"}


class TargetError(ValueError):
    """The configuration names a target wrongly: the message says what to write."""


@dataclass(frozen=True)
class ProvisionedAccount:
    """Where a pre-provisioned account's secrets are: names of environment variables."""

    nir_env: str
    email_env: str | None
    password_env: str
    first_name: str
    birth_name: str

    def missing_variables(self) -> list[str]:
        names = [self.nir_env, self.email_env, self.password_env]
        return [name for name in names if name and not os.environ.get(name)]

    def identity(self) -> Identity:
        """The account, its secrets read from the environment now."""
        return Identity(
            nir=os.environ[self.nir_env],
            birth_name=self.birth_name,
            first_name=self.first_name,
            email=os.environ.get(self.email_env, "") if self.email_env else "",
            password=os.environ[self.password_env],
        )


@dataclass(frozen=True)
class Target:
    name: str
    portal_url: str | None = None  # None: the embedded mock, started for the run
    franceconnect_url: str | None = None
    profile: str | None = None
    capabilities: frozenset[str] | None = None  # None: whatever the portal offers
    seeder: str | None = None  # "module:factory", see harness.seeding
    account: ProvisionedAccount | None = None

    @property
    def read_only(self) -> bool:
        return self.profile == READ_ONLY_PROFILE


EMBEDDED = Target("the embedded mock")


def configured_targets(rootpath: Path) -> dict[str, dict[str, Any]]:
    """Every target the project's configuration names, by name."""
    found: dict[str, dict[str, Any]] = {}
    pyproject = rootpath / "pyproject.toml"
    if pyproject.exists():
        tables = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        found.update(tables.get("tool", {}).get("cpf-harness", {}).get("targets", {}))
    own = rootpath / OWN_FILE
    if own.exists():
        found.update(tomllib.loads(own.read_text(encoding="utf-8")).get("targets", {}))
    return found


def load_target(name: str, rootpath: Path) -> Target:
    targets = configured_targets(rootpath)
    if name not in targets:
        known = ", ".join(sorted(targets)) or "none"
        raise TargetError(
            f"no target {name!r} in {rootpath / 'pyproject.toml'} "
            f"([tool.cpf-harness.targets.{name}]) or {rootpath / OWN_FILE} "
            f"([targets.{name}]); configured: {known}"
        )
    return parse_target(name, targets[name])


def parse_target(name: str, table: dict[str, Any]) -> Target:
    where = f"target {name!r}"
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise TargetError(f"{where}: unknown keys {unknown}; known: {sorted(KEYS)}")
    if "portal_url" not in table:
        raise TargetError(f"{where}: portal_url is required")
    profile = table.get("profile")
    if profile is not None and profile not in PROFILES:
        raise TargetError(f"{where}: profile {profile!r}; known: {', '.join(PROFILES)}")
    capabilities = table.get("capabilities")
    account = table.get("account")
    return Target(
        name=name,
        portal_url=str(table["portal_url"]).rstrip("/"),
        franceconnect_url=(str(table["franceconnect_url"]).rstrip("/"))
        if table.get("franceconnect_url")
        else None,
        profile=profile,
        capabilities=None if capabilities is None else check_names(capabilities, where),
        seeder=table.get("seeder"),
        account=None if account is None else _account(where, account),
    )


def _account(where: str, table: dict[str, Any]) -> ProvisionedAccount:
    unknown = sorted(set(table) - ACCOUNT_KEYS)
    if unknown:
        raise TargetError(f"{where}.account: unknown keys {unknown}; known: {sorted(ACCOUNT_KEYS)}")
    missing = sorted({"nir_env", "password_env", "first_name", "birth_name"} - table.keys())
    if missing:
        # Connexion logs in by NIR; the account page greets its owner by name.
        raise TargetError(
            f"{where}.account: {', '.join(missing)} required (nir_env and password_env name "
            "the environment variables that hold them; the names are not secret)"
        )
    return ProvisionedAccount(
        nir_env=table["nir_env"],
        email_env=table.get("email_env"),
        password_env=table["password_env"],
        first_name=table["first_name"],
        birth_name=table["birth_name"],
    )
