"""Mes droits formation as the page shows them: each sector, career and date variant.

Each expected amount is computed here from the documented formula (the constants below,
mock_site/rights.py's docstring, the spec), never read back from the portal, so a wrong
formula in the portal fails these tests. The formula's own edge cases are
tests/test_rights.py's; the browser keeps one private and one public page
(e2e/test_droits.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

import pytest
from flask.testing import FlaskClient

from cpf.messages import NO_RIGHTS_YEAR_YET, RIGHTS_AS_OF
from harness.identities import Identity

from .html_page import Element, ParsedPage
from .html_page import page as parsed
from .portal_client import CGU_URL, DROITS_URL, put_flow, set_today, signed_in

# The documented formula (mock_site/rights.py docstring, real CPF rules).
EUROS_PER_PRIVATE_YEAR = 500  # per completed year from 2019 worked at least half time
PRIVATE_CAP_EUROS = 5000
EUROS_PER_DIF_HOUR = 15
HOURS_PER_PUBLIC_YEAR = 25  # per completed year from 2017, pro rata of the quotité
PUBLIC_CAP_HOURS = 150

TODAY = "2024-05-01"  # 2019 to 2023 are completed years; 2024 is not

# Sophie Durand, private sector, one of the seed careers the README documents.
SOPHIE_DURAND_NIR = "288093306315472"
SEED_TODAY = "2024-03-01"

Career = list[dict[str, int]]


def career(*years: int, quotite: int = 100) -> Career:
    return [{"year": year, "quotite": quotite} for year in years]


def euros(amount: int) -> str:
    """French display of a whole number of euros, white space folded: "1 500 €"."""
    return f"{amount:,}".replace(",", " ") + " €"


def hours(amount: int) -> str:
    return f"{amount} heures"


def private_euros(some_career: Career, today: str) -> int:
    """The documented private-sector formula, written out here on purpose."""
    current_year = int(today[:4])
    total = 0
    for entry in some_career:
        if 2019 <= entry["year"] < current_year:  # completed years from 2019
            quotite = entry["quotite"]
            full = quotite >= 50
            total += EUROS_PER_PRIVATE_YEAR if full else EUROS_PER_PRIVATE_YEAR * quotite // 100
    return min(total, PRIVATE_CAP_EUROS)


@dataclass(frozen=True)
class Profile:
    """An account's profile, the day it is looked at, and what Mes droits formation shows."""

    sector: str
    career: Career
    balance: str
    today: str = TODAY
    dif_hours: int | None = None
    credits: dict[int, str] = field(default_factory=dict)  # year -> its `Droits acquis` cell
    dif_line: str | None = None


PROFILES = [
    pytest.param(
        Profile(
            "prive",
            career(2019, 2020, 2021),
            euros(3 * EUROS_PER_PRIVATE_YEAR),
            credits={year: euros(EUROS_PER_PRIVATE_YEAR) for year in (2019, 2020, 2021)},
        ),
        id="private-three-full-years",
    ),
    pytest.param(
        Profile("prive", career(2022, 2023, 2024), euros(2 * EUROS_PER_PRIVATE_YEAR)),
        id="private-current-year-not-yet-credited",
    ),
    pytest.param(
        Profile("prive", career(2019, quotite=50), euros(EUROS_PER_PRIVATE_YEAR)),
        id="private-half-time-earns-the-full-year",
    ),
    pytest.param(
        Profile(
            "prive",
            [{"year": 2019, "quotite": 100}, {"year": 2020, "quotite": 30}],
            euros(EUROS_PER_PRIVATE_YEAR + EUROS_PER_PRIVATE_YEAR * 30 // 100),  # 650 €
            credits={2020: f"{euros(EUROS_PER_PRIVATE_YEAR * 30 // 100)} (au prorata)"},
        ),
        id="private-below-half-time-pro-rata",
    ),
    pytest.param(
        # Twelve years, 6 000 € before the ceiling.
        Profile("prive", career(*range(2019, 2031)), euros(PRIVATE_CAP_EUROS), today="2031-01-15"),
        id="private-capped-at-5000-euros",
    ),
    pytest.param(
        Profile(
            "prive",
            career(2019, 2020, 2021),
            euros(3 * EUROS_PER_PRIVATE_YEAR + 40 * EUROS_PER_DIF_HOUR),  # 2 100 €
            dif_hours=40,
            dif_line=euros(40 * EUROS_PER_DIF_HOUR),
        ),
        id="private-dif-adds-its-euros",
    ),
    pytest.param(
        Profile(
            "prive",
            career(*range(2019, 2031)),
            euros(PRIVATE_CAP_EUROS + 120 * EUROS_PER_DIF_HOUR),
            today="2031-01-15",
            dif_hours=120,
        ),
        id="private-dif-on-top-of-the-ceiling",
    ),
    pytest.param(
        Profile("public", career(2017, 2018, 2019), hours(3 * HOURS_PER_PUBLIC_YEAR)),
        id="public-in-hours",
    ),
    pytest.param(
        Profile(
            "public",
            [{"year": 2017, "quotite": 100}, {"year": 2018, "quotite": 80}],
            hours(HOURS_PER_PUBLIC_YEAR + HOURS_PER_PUBLIC_YEAR * 80 // 100),  # 45 heures
            credits={2018: f"{hours(HOURS_PER_PUBLIC_YEAR * 80 // 100)} (au prorata)"},
        ),
        id="public-part-time-pro-rata",
    ),
    pytest.param(
        Profile(
            "public", career(2017, 2018, 2019), hours(3 * HOURS_PER_PUBLIC_YEAR + 30), dif_hours=30
        ),
        id="public-dif-hours-add-to-the-hours",
    ),
    pytest.param(
        # 175 hours and 40 of DIF, capped.
        Profile("public", career(*range(2017, 2024)), hours(PUBLIC_CAP_HOURS), dif_hours=40),
        id="public-capped-at-150-hours",
    ),
]


def droits_of(client: FlaskClient, today: str, **profile: Any) -> ParsedPage:
    signed_in(client, **profile)
    set_today(client, today)
    response = client.get(DROITS_URL)
    assert response.status_code == 200
    return parsed(response)


def folded(element: Element) -> str:
    return " ".join(element.text.split())  # no-break spaces folded too


def children(element: Element, tag: str) -> list[Element]:
    return [child for child in element.children if child.tag == tag]


def year_credits(shown: ParsedPage) -> dict[int, str]:
    """Each body row of the detail table: its year -> its `Droits acquis` cell."""
    body = shown.find_all("tbody")
    rows = children(body[0], "tr") if body else []
    return {int(folded(children(row, "th")[0])): folded(children(row, "td")[-1]) for row in rows}


def main_text(shown: ParsedPage) -> str:
    return folded(shown.find_all("main")[0])


@pytest.mark.parametrize("profile", PROFILES)
def test_droits_page_shows_the_documented_balance(client: FlaskClient, profile: Profile) -> None:
    shown = droits_of(
        client,
        profile.today,
        sector=profile.sector,
        career=profile.career,
        dif_hours=profile.dif_hours,
    )
    assert folded(shown.by_id("montant-droits")) == profile.balance
    credits = year_credits(shown)
    for year, credit in profile.credits.items():
        assert credits[year] == credit
    if profile.dif_line is not None:
        dif_rows = [row for row in shown.find_all("tr") if "DIF" in row.text]
        assert [folded(children(row, "td")[-1]) for row in dif_rows] == [profile.dif_line]
    if profile.sector == "public":
        assert "€" not in main_text(shown)  # neither the balance, the years nor the DIF


def test_detail_lists_each_completed_year_once(client: FlaskClient) -> None:
    shown = droits_of(client, TODAY, sector="prive", career=career(2019, 2020, 2021, 2024))
    assert list(year_credits(shown)) == [2019, 2020, 2021]


def test_balance_says_on_which_day_it_is_given(client: FlaskClient) -> None:
    shown = droits_of(client, "2024-05-01", sector="prive", career=career(2019))
    assert folded(shown.by_id("solde")) == RIGHTS_AS_OF.format(day="01/05/2024")


def test_account_with_no_completed_year_says_so(client: FlaskClient) -> None:
    shown = droits_of(client, "2024-05-01", sector="prive", career=career(2024))
    assert NO_RIGHTS_YEAR_YET in main_text(shown)
    assert folded(shown.by_id("montant-droits")) == euros(0)
    assert not shown.find_all("tbody")


def test_documented_seed_career_gives_its_droits(client: FlaskClient) -> None:
    # No sector nor career given: the account takes the seed career of its NIR.
    seed = json.loads(files("mock_site").joinpath("data/careers.json").read_text("utf-8"))[
        SOPHIE_DURAND_NIR
    ]
    assert seed["sector"] == "prive"
    shown = droits_of(client, SEED_TODAY, nir=SOPHIE_DURAND_NIR)
    assert folded(shown.by_id("montant-droits")) == euros(private_euros(seed["career"], SEED_TODAY))
    completed = [e["year"] for e in seed["career"] if 2019 <= e["year"] < int(SEED_TODAY[:4])]
    assert sorted(year_credits(shown)) == sorted(completed)


def test_new_account_droits_show_an_amount_in_euros(
    client: FlaskClient, identity: Identity
) -> None:
    # Activated through the signup steps: the account takes the default career of its NIR.
    put_flow(client, 5, identity)
    assert client.post(CGU_URL, data={"accept": "y"}).status_code == 302
    response = client.get(DROITS_URL)
    assert response.status_code == 200
    balance = folded(parsed(response).by_id("montant-droits"))
    assert re.fullmatch(r"[1-9][0-9 ]* €", balance), balance
