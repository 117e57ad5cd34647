"""Mes droits formation: euros for the private sector, hours for public agents.

Each expected amount is computed here from the documented formula (see the
constants below and the spec), never read back from the portal, so a wrong
formula in the portal fails these tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from harness.identities import Identity
from harness.journeys import log_in_with_a_new_account
from harness.portal_test_api import PortalTestApi
from page_objects.account import DroitsPage
from page_objects.connexion import ConnexionPage

pytestmark = pytest.mark.needs("clock", "seed_accounts")

# The documented formula (mock_site/rights.py docstring, real CPF rules).
EUROS_PER_PRIVATE_YEAR = 500  # per completed year from 2019 worked at least half time
PRIVATE_CAP_EUROS = 5000
EUROS_PER_DIF_HOUR = 15
HOURS_PER_PUBLIC_YEAR = 25  # per completed year from 2017, pro rata of the quotité
PUBLIC_CAP_HOURS = 150

TODAY = "2024-05-01"  # 2019 to 2023 are completed years; 2024 is not

# The seed careers the README documents, and one person in it: Sophie Durand, private
# sector. Her NIR is also a FranceConnect test identity that no e2e test signs in as.
SOPHIE_DURAND_NIR = "288093306315472"
SEED_TODAY = "2024-03-01"

Career = list[dict[str, int]]
OpenDroits = Callable[..., DroitsPage]


def career(*years: int, quotite: int = 100) -> Career:
    return [{"year": year, "quotite": quotite} for year in years]


def euros(amount: int) -> str:
    """French display of a whole number of euros: thousands grouped by a space."""
    return f"{amount:,}".replace(",", " ") + " €"


def hours(amount: int) -> str:
    return f"{amount} heures"


def private_euros(career: Career, today: str) -> int:
    """The documented private-sector formula, written out here on purpose."""
    current_year = int(today[:4])
    total = 0
    for entry in career:
        if 2019 <= entry["year"] < current_year:  # completed years from 2019
            quotite = entry["quotite"]
            full = quotite >= 50
            total += EUROS_PER_PRIVATE_YEAR if full else EUROS_PER_PRIVATE_YEAR * quotite // 100
    return min(total, PRIVATE_CAP_EUROS)


@pytest.fixture
def open_droits(page: Page, test_api: PortalTestApi, identity: Identity) -> OpenDroits:
    """Seed an account with the given profile, set today, log in, open Mes droits formation."""

    def seed_sign_in_and_open(today: str = TODAY, **profile: Any) -> DroitsPage:
        return log_in_with_a_new_account(page, test_api, identity, today, **profile).go_to_droits()

    return seed_sign_in_and_open


@pytest.mark.smoke
def test_private_sector_rights_are_shown_in_euros(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="prive", career=career(2019, 2020, 2021))
    expect(droits.balance).to_have_text(euros(3 * EUROS_PER_PRIVATE_YEAR))  # "1 500 €"


def test_private_sector_detail_shows_each_year_in_euros(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="prive", career=career(2019, 2020, 2021))
    expect(droits.year_rows).to_have_count(3)
    for year in (2019, 2020, 2021):
        expect(droits.year_credit(year)).to_have_text(euros(EUROS_PER_PRIVATE_YEAR))


def test_balance_says_on_which_day_it_is_given(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="prive", career=career(2019), today="2024-05-01")
    expect(droits.balance_heading).to_have_text("Vos droits acquis au 01/05/2024")


def test_the_current_year_is_not_credited_before_it_ends(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="prive", career=career(2022, 2023, 2024), today="2024-05-01")
    expect(droits.balance).to_have_text(euros(2 * EUROS_PER_PRIVATE_YEAR))  # 2024 not yet


def test_half_time_year_earns_the_full_yearly_amount(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="prive", career=career(2019, quotite=50))
    expect(droits.balance).to_have_text(euros(EUROS_PER_PRIVATE_YEAR))


def test_year_below_half_time_is_credited_pro_rata(open_droits: OpenDroits) -> None:
    droits = open_droits(
        sector="prive", career=[{"year": 2019, "quotite": 100}, {"year": 2020, "quotite": 30}]
    )
    pro_rata = EUROS_PER_PRIVATE_YEAR * 30 // 100  # 150 €
    expect(droits.year_credit(2020)).to_have_text(f"{euros(pro_rata)} (au prorata)")
    expect(droits.balance).to_have_text(euros(EUROS_PER_PRIVATE_YEAR + pro_rata))  # "650 €"


def test_private_rights_are_capped_at_5000_euros(open_droits: OpenDroits) -> None:
    twelve_years = career(*range(2019, 2031))  # 6 000 € before the ceiling
    droits = open_droits(sector="prive", career=twelve_years, today="2031-01-15")
    expect(droits.balance).to_have_text(euros(PRIVATE_CAP_EUROS))  # "5 000 €"


def test_reported_dif_adds_its_euros_to_private_rights(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="prive", career=career(2019, 2020, 2021), dif_hours=40)
    dif_euros = 40 * EUROS_PER_DIF_HOUR  # 600 €
    expect(droits.dif_line).to_contain_text(euros(dif_euros))
    expect(droits.balance).to_have_text(euros(3 * EUROS_PER_PRIVATE_YEAR + dif_euros))  # 2 100 €


def test_reported_dif_is_added_on_top_of_the_ceiling(open_droits: OpenDroits) -> None:
    droits = open_droits(
        sector="prive", career=career(*range(2019, 2031)), dif_hours=120, today="2031-01-15"
    )
    expect(droits.balance).to_have_text(euros(PRIVATE_CAP_EUROS + 120 * EUROS_PER_DIF_HOUR))


@pytest.mark.smoke
def test_public_agent_rights_are_shown_in_hours(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="public", career=career(2017, 2018, 2019))
    expect(droits.balance).to_have_text(hours(3 * HOURS_PER_PUBLIC_YEAR))  # "75 heures"


def test_public_agent_sees_no_euros(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="public", career=career(2017, 2018, 2019), dif_hours=20)
    expect(droits.balance).to_have_text(hours(3 * HOURS_PER_PUBLIC_YEAR + 20))
    expect(droits.main).not_to_contain_text("€")  # neither the balance, the years nor the DIF


def test_public_agent_part_time_is_credited_pro_rata(open_droits: OpenDroits) -> None:
    droits = open_droits(
        sector="public", career=[{"year": 2017, "quotite": 100}, {"year": 2018, "quotite": 80}]
    )
    part_time = HOURS_PER_PUBLIC_YEAR * 80 // 100  # 20 heures
    expect(droits.year_credit(2018)).to_have_text(f"{hours(part_time)} (au prorata)")
    expect(droits.balance).to_have_text(hours(HOURS_PER_PUBLIC_YEAR + part_time))  # 45 heures


def test_public_agent_dif_hours_add_to_the_hours(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="public", career=career(2017, 2018, 2019), dif_hours=30)
    expect(droits.balance).to_have_text(hours(3 * HOURS_PER_PUBLIC_YEAR + 30))  # 105 heures


def test_public_agent_rights_are_capped_at_150_hours(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="public", career=career(*range(2017, 2024)), dif_hours=40)
    expect(droits.balance).to_have_text(hours(PUBLIC_CAP_HOURS))  # 175 + 40 capped at 150


def test_account_with_no_completed_year_says_so(open_droits: OpenDroits) -> None:
    droits = open_droits(sector="prive", career=career(2024), today="2024-05-01")
    expect(droits.no_year_yet).to_be_visible()
    expect(droits.balance).to_have_text(euros(0))


def seed_careers() -> dict[str, Any]:
    """The mock's seed careers (mock data: read only by the tests that declare it)."""
    from importlib.resources import files

    return json.loads(files("mock_site").joinpath("data/careers.json").read_text("utf-8"))


@pytest.mark.needs("mock_data")
def test_documented_seed_career_gives_its_droits(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    # No sector nor career given: the account takes the seed career of its NIR.
    seed = seed_careers()[SOPHIE_DURAND_NIR]
    assert seed["sector"] == "prive"
    sophie = identity.with_(nir=SOPHIE_DURAND_NIR, first_name="Sophie", birth_name="Durand")
    test_api.create_account(sophie)
    test_api.set_today(SEED_TODAY)

    home = ConnexionPage(page).open().log_in(sophie.nir, sophie.password)
    droits = home.go_to_droits()
    expect(droits.balance).to_have_text(euros(private_euros(seed["career"], SEED_TODAY)))
    completed = [e for e in seed["career"] if 2019 <= e["year"] < int(SEED_TODAY[:4])]
    expect(droits.year_rows).to_have_count(len(completed))
