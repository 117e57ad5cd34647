"""The fast tests' own client (tests/portal_client.py): a stale test password fails its
set-up naming the rule, and a FranceConnect-only account is seeded without one."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from cpf import rules
from harness.identities import TestPasswordError, new_identity, password_breaking

from .portal_client import account_count, put_flow, seed_account

DIGIT = rules.password_rule("digit")


def test_fast_tests_seeding_an_account_with_a_stale_password_fail_naming_the_rule(
    app: Flask, client: FlaskClient
) -> None:
    with pytest.raises(TestPasswordError, match="'digit'"):
        seed_account(client, password=password_breaking(DIGIT))
    assert account_count(app) == 0


def test_fast_tests_starting_a_signup_with_a_stale_password_fail_naming_the_rule(
    client: FlaskClient,
) -> None:
    identity = new_identity(password=password_breaking(DIGIT))
    with pytest.raises(TestPasswordError, match="'digit'"):
        put_flow(client, 4, identity)


def test_franceconnect_only_account_needs_no_password(client: FlaskClient) -> None:
    assert seed_account(client, password=None)["password"] is None
