"""Report du DIF: open until 30/06/2021 inclusive, 0 to 120 hours at 15 € an hour.

What the user sees of each rule, once: the confirmation, a refused figure next to its
field, the closed form, a public agent's page. Each figure (hours to euros, the range's
limits, each spelling refused, the deadline day) and each crafted POST the server
refuses is a fast test in tests/test_account_dif.py.

"Today" is set per test through the test API's clock, so each test stands on
its own side of the deadline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from cpf.messages import (
    DIF_CLOSED_REFUSED,
    DIF_NOT_A_WHOLE_NUMBER,
    DIF_OUT_OF_RANGE,
    DIF_SAVED,
)
from harness.identities import Identity
from harness.journeys import log_in_with_a_new_account
from harness.portal_test_api import PortalTestApi
from page_objects.account import DifPage

pytestmark = pytest.mark.needs("clock", "seed_accounts")

DEADLINE = "2021-06-30"  # the extended deadline, still open that day
DAY_AFTER_DEADLINE = "2021-07-01"
BEFORE_DEADLINE = "2021-03-15"

OpenDif = Callable[..., DifPage]


@pytest.fixture
def open_dif(page: Page, test_api: PortalTestApi, identity: Identity) -> OpenDif:
    """Seed an account (private sector unless told), set today, log in, open Report du DIF."""

    def seed_sign_in_and_open(today: str, **profile: Any) -> DifPage:
        profile = {"sector": "prive", **profile}
        return log_in_with_a_new_account(page, test_api, identity, today, **profile).go_to_dif()

    return seed_sign_in_and_open


def stored_dif_hours(test_api: PortalTestApi, identity: Identity) -> int | None:
    account = test_api.account(identity.nir)
    assert account is not None, "the seeded account has disappeared"
    return account["dif_hours"]


@pytest.mark.smoke
def test_valid_report_shows_confirmation_with_hours_and_euros(open_dif: OpenDif) -> None:
    dif = open_dif(BEFORE_DEADLINE).report_hours("40")
    # 15 € an hour, written out here: a wrong rate in the portal fails this.
    expect(dif.notices).to_have_text(DIF_SAVED.format(hours="40 heures", euros="600 €"))
    expect(dif.already_reported).to_contain_text("40 heures, soit 600 €")
    expect(dif.hours_field).to_have_value("40")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("121", DIF_OUT_OF_RANGE, id="above-120"),
        pytest.param("12,5", DIF_NOT_A_WHOLE_NUMBER, id="decimal"),
    ],
)
@pytest.mark.needs("account_admin")
def test_invalid_hours_are_refused_next_to_the_field_and_kept(
    open_dif: OpenDif, test_api: PortalTestApi, identity: Identity, typed: str, message: str
) -> None:
    dif = open_dif(BEFORE_DEADLINE).report_hours(typed)
    expect(dif.hours_error).to_have_text(message)
    expect(dif.hours_field).to_have_attribute("aria-invalid", "true")
    expect(dif.hours_field).to_have_accessible_description(re.compile(re.escape(message)))
    expect(dif.hours_field).to_have_value(typed)
    expect(dif.error_summary.items).to_contain_text([message])
    expect(dif.notices).to_have_count(0)
    assert stored_dif_hours(test_api, identity) is None


@pytest.mark.smoke
def test_dif_form_is_gone_the_day_after_the_deadline(open_dif: OpenDif) -> None:
    dif = open_dif(DAY_AFTER_DEADLINE)
    expect(dif.closed_notice).to_contain_text("fermé depuis le 30/06/2021")
    expect(dif.hours_field).to_have_count(0)
    expect(dif.report_button).to_have_count(0)


@pytest.mark.needs("account_admin")
def test_form_opened_before_the_deadline_is_refused_after_it(
    open_dif: OpenDif, test_api: PortalTestApi, identity: Identity
) -> None:
    dif = open_dif(DEADLINE)
    test_api.set_today(DAY_AFTER_DEADLINE)  # midnight passes while the form is open
    dif.report_hours("40")
    expect(dif.page_errors).to_have_text(DIF_CLOSED_REFUSED)
    expect(dif.notices).to_have_count(0)
    assert stored_dif_hours(test_api, identity) is None


def test_public_agent_sees_the_automatic_2018_report_and_no_form(open_dif: OpenDif) -> None:
    dif = open_dif(BEFORE_DEADLINE, sector="public", dif_hours=30, dif_reported_on="2018-01-01")
    expect(dif.public_agent_notice).to_contain_text("reportées automatiquement en 2018")
    expect(dif.already_reported).to_contain_text("30 heures")
    expect(dif.already_reported).not_to_contain_text("€")
    expect(dif.hours_field).to_have_count(0)
    expect(dif.report_button).to_have_count(0)
