"""A seeder of your own: accounts written straight into the portal's database.

What a team with database access to its staging would write (an admin API
works the same way): a class with ``capabilities`` and the operations it
offers (``harness.seeding.Seeder``), named in the target::

    [tool.cpf-harness.targets.recette]
    portal_url = "http://127.0.0.1:5077"
    seeder = "sqlite_seeder:SqliteSeeder"    # importable: on PYTHONPATH

Here the database is the mock portal's SQLite file (``CPF_PORTAL_DB``), served
without its test API; ``harness_tests/test_own_deployment.py`` runs it. Only account
creation is offered: the other operations act on a browser session, which a
database cannot reach, so the tests that need them are skipped with a reason.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import Any

from werkzeug.security import generate_password_hash

from cpf import rules
from harness.identities import Identity
from harness.seeding import SeederContext

DATABASE_ENV = "CPF_PORTAL_DB"


class SqliteSeeder:
    capabilities = frozenset({"seed_accounts"})

    def __init__(self, context: SeederContext) -> None:
        self.database = os.environ[DATABASE_ENV]

    def create_account(self, identity: Identity, **profile: Any) -> None:
        """An activated account, as the portal stores one (its password hashed; with
        ``password=None``, an account that signs in with FranceConnect only)."""
        password = profile.get("password", identity.password)
        with sqlite3.connect(self.database) as db:
            db.execute(
                "INSERT INTO account (nir, email, birth_name, first_name, password_hash,"
                " sector, career) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    rules.compact_nir(identity.nir),
                    rules.normalize_email(identity.email),
                    identity.birth_name,
                    identity.first_name,
                    generate_password_hash(password) if password else None,
                    profile.get("sector", "prive"),
                    json.dumps(profile.get("career", [])),
                ),
            )
