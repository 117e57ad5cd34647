"""The rights formula and the profile given at account creation: pure functions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mock_site import rights

from cpf import rules
from harness.identities import fresh_nir

TODAY = date(2024, 5, 15)


def career(*quotites_by_year: tuple[int, int]) -> list[dict[str, int]]:
    return [{"year": year, "quotite": quotite} for year, quotite in quotites_by_year]


def full_time(first: int, last: int) -> list[dict[str, int]]:
    return [{"year": year, "quotite": 100} for year in range(first, last + 1)]


def nir_born(two_digit_year: str) -> str:
    number = f"1{two_digit_year}0575056123"
    return number + rules.nir_key(number)


# --- Private sector, euros -------------------------------------------------------


def test_full_time_private_year_earns_500_euros() -> None:
    result = rights.compute_rights("prive", career((2020, 100)), None, TODAY)
    assert result.total == 500
    assert result.unit == "euros"


def test_half_time_private_year_earns_the_full_500_euros() -> None:
    assert rights.compute_rights("prive", career((2020, 50)), None, TODAY).total == 500


def test_private_year_below_half_time_earns_pro_rata() -> None:
    result = rights.compute_rights("prive", career((2020, 40)), None, TODAY)
    assert result.total == 200
    assert result.years[0].pro_rata


def test_private_year_with_zero_quotite_earns_nothing() -> None:
    assert rights.compute_rights("prive", career((2020, 0)), None, TODAY).total == 0


def test_private_years_are_capped_at_5000_euros() -> None:
    result = rights.compute_rights("prive", full_time(2019, 2030), None, date(2031, 1, 1))
    assert result.years_total == 6000
    assert result.total == 5000
    assert result.cap_reached


def test_private_years_just_under_the_cap_are_not_capped() -> None:
    result = rights.compute_rights("prive", full_time(2019, 2027), None, date(2031, 1, 1))
    assert result.total == 4500
    assert not result.cap_reached


def test_reported_dif_adds_15_euros_per_hour() -> None:
    result = rights.compute_rights("prive", career((2020, 100)), 40, TODAY)
    assert result.dif_credit == 600
    assert result.total == 1100


def test_reported_dif_is_added_above_the_ceiling() -> None:
    result = rights.compute_rights("prive", full_time(2019, 2030), 120, date(2031, 1, 1))
    assert result.total == 5000 + 120 * 15


def test_current_year_is_not_credited_before_it_ends() -> None:
    result = rights.compute_rights("prive", full_time(2022, 2024), None, TODAY)
    assert [line.year for line in result.years] == [2022, 2023]


def test_private_years_before_2019_earn_no_euros() -> None:
    result = rights.compute_rights("prive", full_time(2016, 2019), None, TODAY)
    assert result.total == 500


def test_years_are_listed_in_order_whatever_the_stored_order() -> None:
    result = rights.compute_rights("prive", career((2021, 100), (2019, 100)), None, TODAY)
    assert [line.year for line in result.years] == [2019, 2021]


# --- Public sector, hours --------------------------------------------------------


def test_full_time_public_year_earns_25_hours() -> None:
    result = rights.compute_rights("public", career((2020, 100)), None, TODAY)
    assert result.total == 25
    assert result.unit == "heures"


def test_part_time_public_year_earns_pro_rata_hours() -> None:
    assert rights.compute_rights("public", career((2020, 80)), None, TODAY).total == 20
    assert rights.compute_rights("public", career((2020, 30)), None, TODAY).total == Decimal("7.5")


def test_public_years_count_from_2017() -> None:
    result = rights.compute_rights("public", full_time(2016, 2018), None, TODAY)
    assert result.total == 50


def test_public_hours_are_capped_at_150() -> None:
    result = rights.compute_rights("public", full_time(2017, 2023), None, TODAY)
    assert result.years_total == 175
    assert result.total == 150
    assert result.cap_reached


def test_public_dif_reported_in_2018_counts_within_the_150_hour_cap() -> None:
    result = rights.compute_rights("public", full_time(2017, 2020), 40, TODAY)
    assert result.total == 140
    over = rights.compute_rights("public", full_time(2017, 2021), 60, TODAY)
    assert over.total == 150


def test_seed_public_agent_has_the_documented_hours() -> None:
    sector, seed_career = rights.initial_profile("2 75 11 75 115 023 21", today=TODAY)
    # 2017-2020 full time (4 x 25 h), 2021-2022 at 80 % (2 x 20 h), 2023 not in the career.
    assert rights.compute_rights(sector, seed_career, None, TODAY).total == 140


# --- Invalid data -------------------------------------------------------------------


@pytest.mark.parametrize("quotite", [-1, 101])
def test_quotite_outside_0_to_100_is_rejected(quotite: int) -> None:
    with pytest.raises(ValueError, match="quotité"):
        rights.compute_rights("prive", career((2020, quotite)), None, TODAY)


@pytest.mark.parametrize("dif_hours", [-1, 121])
def test_dif_hours_outside_0_to_120_are_rejected(dif_hours: int) -> None:
    with pytest.raises(ValueError, match="DIF"):
        rights.compute_rights("prive", [], dif_hours, TODAY)


def test_unknown_sector_is_rejected() -> None:
    with pytest.raises(ValueError, match="sector"):
        rights.compute_rights("liberal", [], None, TODAY)


# --- Properties ---------------------------------------------------------------------

careers = st.lists(
    st.fixed_dictionaries({"year": st.integers(2010, 2040), "quotite": st.integers(0, 100)}),
    max_size=25,
)
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2045, 12, 31))


@given(st.sampled_from(["prive", "public"]), careers, st.integers(0, 120), days)
def test_rights_never_exceed_the_ceiling_plus_private_dif(
    sector: str, some_career: list[dict[str, int]], dif: int, today: date
) -> None:
    result = rights.compute_rights(sector, some_career, dif, today)
    ceiling = 5000 + dif * 15 if sector == "prive" else 150
    assert 0 <= result.total <= ceiling


@given(st.sampled_from(["prive", "public"]), careers, st.integers(0, 120), days, days)
def test_rights_never_decrease_as_time_passes(
    sector: str, some_career: list[dict[str, int]], dif: int, day: date, other: date
) -> None:
    earlier, later = sorted((day, other))
    assert (
        rights.compute_rights(sector, some_career, dif, earlier).total
        <= rights.compute_rights(sector, some_career, dif, later).total
    )


# --- DIF deadline -------------------------------------------------------------------


def test_dif_report_is_open_on_the_extended_deadline_day() -> None:
    assert rights.dif_report_open(date(2021, 6, 30))


def test_dif_report_is_open_after_the_original_deadline() -> None:
    assert rights.dif_report_open(date(2021, 1, 1))


def test_dif_report_is_closed_the_day_after_the_extended_deadline() -> None:
    assert not rights.dif_report_open(date(2021, 7, 1))


# --- Formatting ---------------------------------------------------------------------


def test_euros_use_a_narrow_no_break_space_between_thousands() -> None:
    assert rights.format_euros(1250) == "1\u202f250\u00a0€"


def test_small_euro_amounts_have_no_separator() -> None:
    assert rights.format_euros(500) == "500\u00a0€"


def test_hours_are_written_in_full() -> None:
    assert rights.format_hours(150) == "150\u00a0heures"


def test_one_hour_is_singular() -> None:
    assert rights.format_hours(1) == "1\u00a0heure"


def test_fractional_hours_use_a_decimal_comma() -> None:
    assert rights.format_hours(Decimal("7.5")) == "7,5\u00a0heures"


def test_dates_are_written_day_month_year() -> None:
    assert rights.format_date(date(2021, 6, 30)) == "30/06/2021"


# --- Profile at account creation -------------------------------------------------


def test_seeded_nir_gets_its_seed_sector_and_career() -> None:
    sector, seed_career = rights.initial_profile("275117511502321", today=TODAY)
    assert sector == "public"
    assert seed_career[0] == {"year": 2017, "quotite": 100}


def test_seeded_nir_is_found_when_typed_with_spaces() -> None:
    sector, _ = rights.initial_profile("2 88 09 33 063 154 72", today=TODAY)
    assert sector == "prive"


def test_seed_career_is_a_copy_that_callers_may_change() -> None:
    _, first = rights.initial_profile("275117511502321", today=TODAY)
    first.clear()
    _, second = rights.initial_profile("275117511502321", today=TODAY)
    assert second


def test_unlisted_nir_gets_full_time_private_years_from_2019_to_last_year() -> None:
    sector, default = rights.initial_profile(nir_born("85"), today=TODAY)
    assert sector == "prive"
    assert default == full_time(2019, 2023)


def test_default_career_starts_the_year_the_person_turns_20() -> None:
    _, default = rights.initial_profile(nir_born("02"), today=TODAY)
    assert default == full_time(2022, 2023)


def test_default_career_is_empty_for_someone_not_yet_20() -> None:
    _, default = rights.initial_profile(nir_born("10"), today=TODAY)
    assert default == []


def test_two_digit_year_above_todays_is_read_as_1900s() -> None:
    assert rights.birth_year(nir_born("25"), TODAY) == 1925


def test_two_digit_year_up_to_todays_is_read_as_2000s() -> None:
    assert rights.birth_year(nir_born("24"), TODAY) == 2024


def test_default_profile_is_the_same_for_the_same_nir_and_date() -> None:
    nir = fresh_nir()
    assert rights.initial_profile(nir, today=TODAY) == rights.initial_profile(nir, today=TODAY)
