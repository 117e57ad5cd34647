"""Mes droits formation: euros for the private sector, hours for public agents.

What the user sees of each sector, once: the balance, the day it is given, a row per
completed year with its credit. Each career, date and DIF variant of the formula is a
fast test of the page (tests/test_account_droits.py) and of the formula itself
(tests/test_rights.py).

Each expected amount is computed here from the documented formula (see the
constants below and the spec), never read back from the portal, so a wrong
formula in the portal fails these tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from cpf.messages import RIGHTS_AS_OF
from harness.identities import Identity
from harness.journeys import log_in_with_a_new_account
from harness.portal_test_api import PortalTestApi
from page_objects.account import DroitsPage

pytestmark = pytest.mark.needs("clock", "seed_accounts")

# The documented formula (mock_site/rights.py docstring, real CPF rules).
EUROS_PER_PRIVATE_YEAR = 500  # per completed year from 2019 worked at least half time
HOURS_PER_PUBLIC_YEAR = 25  # per completed year from 2017, pro rata of the quotité

TODAY = "2024-05-01"  # 2019 to 2023 are completed years; 2024 is not

Career = list[dict[str, int]]
OpenDroits = Callable[..., DroitsPage]


def career(*years: int, quotite: int = 100) -> Career:
    return [{"year": year, "quotite": quotite} for year in years]


def euros(amount: int) -> str:
    """French display of a whole number of euros: thousands grouped by a space."""
    return f"{amount:,}".replace(",", " ") + " €"


def hours(amount: int) -> str:
    return f"{amount} heures"


@pytest.fixture
def open_droits(page: Page, test_api: PortalTestApi, identity: Identity) -> OpenDroits:
    """Seed an account with the given profile, set today, log in, open Mes droits formation."""

    def seed_sign_in_and_open(today: str = TODAY, **profile: Any) -> DroitsPage:
        return log_in_with_a_new_account(page, test_api, identity, today, **profile).go_to_droits()

    return seed_sign_in_and_open


@pytest.mark.smoke
def test_private_sector_rights_are_shown_in_euros(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="prive", career=career(2019, 2020, 2021, 2024))
    expect(droits.balance_heading).to_have_text(RIGHTS_AS_OF.format(day="01/05/2024"))
    expect(droits.balance).to_have_text(euros(3 * EUROS_PER_PRIVATE_YEAR))  # "1 500 €"
    expect(droits.year_rows).to_have_count(3)  # 2024 is not over
    for year in (2019, 2020, 2021):
        expect(droits.year_credit(year)).to_have_text(euros(EUROS_PER_PRIVATE_YEAR))


@pytest.mark.smoke
def test_public_agent_rights_are_shown_in_hours(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="public", career=career(2017, 2018, 2019), dif_hours=20)
    expect(droits.balance).to_have_text(hours(3 * HOURS_PER_PUBLIC_YEAR + 20))  # "95 heures"
    expect(droits.main).not_to_contain_text("€")  # neither the balance, the years nor the DIF
