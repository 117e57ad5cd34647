"""Training rights (``Mes droits formation``) and the DIF report: pure rules.

Rights are a pure function of ``(sector, career, dif_hours, today)``:
``compute_rights`` reads no clock and no database, so an account's rights on
a given date are always the same. The formula follows the real CPF rules:

Private sector (``sector == "prive"``), in euros, since the CPF moved to
euros on 1 January 2019:

* each *completed* calendar year of the career from 2019 on (``year <
  today.year``: a year is credited once it is over) earns 500 € when the
  quotité (share of full time, 0 to 100) is at least 50 %, otherwise
  500 € × quotité / 100 (pro rata, as for short part-time work);
* the sum of those yearly credits is capped at 5 000 €;
* DIF hours reported (0 to 120) add 15 € each, on top of that ceiling.

Public sector (``sector == "public"``), in hours, since the CPF opened to
public agents on 1 January 2017:

* each completed year from 2017 on earns 25 hours × quotité / 100 (quarter
  hours are possible: 80 % gives 20 h, 30 % gives 7,5 h);
* DIF hours were reported automatically in 2018: when the account stores
  some, they are part of the balance, with no form to fill;
* the whole balance is capped at 150 hours.

Career years before those start years earn nothing here; a career is a JSON
list of ``{"year": 2019, "quotite": 100}``.

``initial_profile(nir, today)`` gives a new account its sector and career, once, at
creation (signup or first FranceConnect sign-in). A NIR listed in
``data/careers.json`` gets its seed career; any other gets the default: private
sector, full time every year from the year the person turned 20 (but not
before 2019) up to the year before "today" at creation. The birth year is the
NIR's 2-digit year, read as 20yy when yy <= today's 2-digit year, else 19yy.
The career is stored as a snapshot and never extended afterwards, so the
rights shown depend only on the stored account and the date asked.

Display: amounts use French typography: digits grouped by thousands with a
narrow no-break space (U+202F), a no-break space (U+00A0) before the unit,
a decimal comma: ``format_euros(1250) == "1\\u202f250\\u00a0€"``,
``format_hours(Decimal("7.5")) == "7,5\\u00a0heures"``. Playwright's text
matching folds both spaces, so ``get_by_text("1 250 €")`` finds it.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any, Literal

from cpf import rules

PRIVATE = "prive"
PUBLIC = "public"

# Private sector, euros.
PRIVATE_START_YEAR = 2019
PRIVATE_EUROS_PER_YEAR = 500
PRIVATE_FULL_CREDIT_QUOTITE = 50  # at or above: the full 500 €
PRIVATE_CAP_EUROS = 5000

# Public sector, hours.
PUBLIC_START_YEAR = 2017
PUBLIC_HOURS_PER_YEAR = 25
PUBLIC_CAP_HOURS = 150

# DIF (droit individuel à la formation).
DIF_EARNED_UNTIL = date(2014, 12, 31)
DIF_MIN_HOURS = 0
DIF_MAX_HOURS = 120
DIF_EUROS_PER_HOUR = 15
DIF_ORIGINAL_DEADLINE = date(2020, 12, 31)
DIF_DEADLINE = date(2021, 6, 30)  # the extended deadline: open up to and including this day
DIF_PUBLIC_REPORT_YEAR = 2018

# The default career starts the year the person turns 20.
DEFAULT_CAREER_START_AGE = 20

Unit = Literal["euros", "heures"]

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


@dataclass(frozen=True)
class YearCredit:
    year: int
    quotite: int
    credit: Decimal
    pro_rata: bool  # credited below the full yearly amount because of the quotité


@dataclass(frozen=True)
class Rights:
    sector: str
    unit: Unit
    years: tuple[YearCredit, ...]
    years_total: Decimal  # before the ceiling
    cap: int
    cap_reached: bool
    dif_hours: int
    dif_credit: Decimal  # in the account's unit
    total: Decimal

    @property
    def is_public_agent(self) -> bool:
        return self.sector == PUBLIC

    def formatted(self, value: Decimal | int) -> str:
        return format_amount(value, self.unit)


def _quotite(entry: dict[str, Any]) -> int:
    quotite = int(entry["quotite"])
    if not 0 <= quotite <= 100:
        raise ValueError(f"quotité must be 0 to 100, got {quotite}")
    return quotite


def _private_year(year: int, quotite: int) -> YearCredit:
    if quotite >= PRIVATE_FULL_CREDIT_QUOTITE:
        return YearCredit(year, quotite, Decimal(PRIVATE_EUROS_PER_YEAR), pro_rata=False)
    credit = Decimal(PRIVATE_EUROS_PER_YEAR * quotite) / 100
    return YearCredit(year, quotite, credit, pro_rata=True)


def _public_year(year: int, quotite: int) -> YearCredit:
    credit = Decimal(PUBLIC_HOURS_PER_YEAR * quotite) / 100
    return YearCredit(year, quotite, credit, pro_rata=quotite < 100)


def credited_years(
    career: list[dict[str, Any]], start_year: int, today: date
) -> list[tuple[int, int]]:
    """(year, quotité) of the career's completed years from ``start_year``, in order."""
    years = [(int(entry["year"]), _quotite(entry)) for entry in career]
    return sorted((year, q) for year, q in years if start_year <= year < today.year)


def compute_rights(
    sector: str, career: list[dict[str, Any]], dif_hours: int | None, today: date
) -> Rights:
    """The rights acquired on ``today``; see the module docstring for the formula."""
    dif = dif_hours or 0
    if not DIF_MIN_HOURS <= dif <= DIF_MAX_HOURS:
        raise ValueError(f"DIF hours must be 0 to {DIF_MAX_HOURS}, got {dif}")
    if sector == PRIVATE:
        years = tuple(
            _private_year(y, q) for y, q in credited_years(career, PRIVATE_START_YEAR, today)
        )
        years_total = sum((y.credit for y in years), Decimal(0))
        dif_credit = Decimal(dif * DIF_EUROS_PER_HOUR)
        capped = min(years_total, Decimal(PRIVATE_CAP_EUROS))
        return Rights(
            sector=sector,
            unit="euros",
            years=years,
            years_total=years_total,
            cap=PRIVATE_CAP_EUROS,
            cap_reached=years_total >= PRIVATE_CAP_EUROS,
            dif_hours=dif,
            dif_credit=dif_credit,
            total=capped + dif_credit,
        )
    if sector == PUBLIC:
        years = tuple(
            _public_year(y, q) for y, q in credited_years(career, PUBLIC_START_YEAR, today)
        )
        years_total = sum((y.credit for y in years), Decimal(0))
        dif_credit = Decimal(dif)
        uncapped = years_total + dif_credit
        return Rights(
            sector=sector,
            unit="heures",
            years=years,
            years_total=years_total,
            cap=PUBLIC_CAP_HOURS,
            cap_reached=uncapped >= PUBLIC_CAP_HOURS,
            dif_hours=dif,
            dif_credit=dif_credit,
            total=min(uncapped, Decimal(PUBLIC_CAP_HOURS)),
        )
    raise ValueError(f"unknown sector {sector!r}")


# --- DIF report ----------------------------------------------------------------


def dif_report_open(today: date) -> bool:
    """Private-sector DIF hours can be reported up to and including the extended deadline."""
    return today <= DIF_DEADLINE


def dif_euros(hours: int) -> int:
    return hours * DIF_EUROS_PER_HOUR


# --- Formatting ------------------------------------------------------------------


def _french_number(value: Decimal | int) -> str:
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", NARROW_NBSP)
    whole, _, fraction = f"{number.normalize():f}".partition(".")
    return f"{int(whole):,}".replace(",", NARROW_NBSP) + "," + fraction


def format_euros(value: Decimal | int) -> str:
    """``1250`` -> ``"1 250 €"`` (U+202F between thousands, U+00A0 before €)."""
    number = Decimal(value)
    if number != number.to_integral_value():
        number = number.quantize(Decimal("0.01"))
        whole, _, cents = f"{number:f}".partition(".")
        return f"{_french_number(int(whole))},{cents}{NBSP}€"
    return f"{_french_number(number)}{NBSP}€"


def format_hours(value: Decimal | int) -> str:
    """``150`` -> ``"150 heures"``; French uses the singular below 2 (``"1 heure"``)."""
    noun = "heure" if Decimal(value) < 2 else "heures"
    return f"{_french_number(value)}{NBSP}{noun}"


def format_amount(value: Decimal | int, unit: Unit) -> str:
    return format_euros(value) if unit == "euros" else format_hours(value)


def format_date(day: date) -> str:
    """As the seed writes dates: 30/06/2021."""
    return day.strftime("%d/%m/%Y")


# --- Profile at account creation ---------------------------------------------------


@functools.cache
def _seed_careers() -> dict[str, dict[str, Any]]:
    text = resources.files("mock_site").joinpath("data/careers.json").read_text(encoding="utf-8")
    return {nir: profile for nir, profile in json.loads(text).items() if not nir.startswith("_")}


def birth_year(nir: str, today: date) -> int:
    """The NIR's 2-digit year in full: 20yy up to today's 2-digit year, else 19yy."""
    two_digits = int(rules.compact_nir(nir)[1:3])
    century = 2000 if two_digits <= today.year % 100 else 1900
    return century + two_digits


def default_career(nir: str, today: date) -> list[dict[str, int]]:
    """Full time from the year the person turned 20 (not before 2019) to last year."""
    start = max(PRIVATE_START_YEAR, birth_year(nir, today) + DEFAULT_CAREER_START_AGE)
    return [{"year": year, "quotite": 100} for year in range(start, today.year)]


def initial_profile(nir: str, today: date) -> tuple[str, list[dict[str, int]]]:
    """(sector, career) for a new account with this NIR, created on ``today``
    (callers pass the portal's clock: inside a request, the caller's test clock)."""
    compact = rules.compact_nir(nir)
    seeded = _seed_careers().get(compact)
    if seeded is not None:
        return str(seeded["sector"]), copy.deepcopy(seeded["career"])
    return PRIVATE, default_career(compact, today)
