"""Report du DIF: open until 30/06/2021 inclusive, 0 to 120 hours at 15 € an hour.

"Today" is set per test through the test API's clock, so each test stands on
its own side of the deadline.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import APIResponse, Page, expect

from cpf.messages import (
    DIF_CLOSED_REFUSED,
    DIF_EMPTY,
    DIF_NOT_A_WHOLE_NUMBER,
    DIF_OUT_OF_RANGE,
    DIF_PUBLIC_REFUSED,
)
from harness.identities import Identity
from harness.journeys import log_in_with_a_new_account
from harness.portal_test_api import PortalTestApi
from page_objects.account import DifPage

pytestmark = pytest.mark.needs("clock", "seed_accounts")

DEADLINE = "2021-06-30"  # the extended deadline, still open that day
DAY_AFTER_DEADLINE = "2021-07-01"
BEFORE_DEADLINE = "2021-03-15"
EUROS_PER_DIF_HOUR = 15


OpenDif = Callable[..., DifPage]


def saved_message(hours: int) -> str:
    euros = f"{hours * EUROS_PER_DIF_HOUR:,}".replace(",", " ")
    noun = "heure" if hours < 2 else "heures"  # French: the singular below 2 ("0 heure")
    return (
        f"Vos heures de DIF sont enregistrées : {hours} {noun}, soit {euros} € "
        "ajoutés à vos droits formation."
    )


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


def post_dif_form(page: Page, base_url: str, hours: str) -> APIResponse:
    """The DIF form posted straight from this session, as a crafted request would be,
    with the CSRF token scraped from the page (the header's logout form has one)."""
    token = page.locator("input[name='csrf_token']").first.input_value()
    return page.request.post(
        base_url + DifPage.PATH, form={"csrf_token": token, "hours": hours}, max_redirects=0
    )


def test_dif_form_is_open_before_the_deadline(open_dif: OpenDif) -> None:
    dif = open_dif(BEFORE_DEADLINE)
    expect(dif.hours_field).to_be_editable()
    expect(dif.report_button).to_be_enabled()
    expect(dif.closed_notice).to_have_count(0)


def test_dif_form_is_still_open_on_the_deadline_day(open_dif: OpenDif) -> None:
    dif = open_dif(DEADLINE)
    expect(dif.hours_field).to_be_editable()
    expect(dif.report_button).to_be_enabled()


@pytest.mark.smoke
def test_valid_report_shows_confirmation_with_hours_and_euros(open_dif: OpenDif) -> None:
    dif = open_dif(BEFORE_DEADLINE).report_hours("40")
    expect(dif.notices).to_have_text(saved_message(40))  # 40 heures, soit 600 €


@pytest.mark.needs("account_admin")
def test_report_on_the_deadline_day_is_recorded(
    open_dif: OpenDif, test_api: PortalTestApi, identity: Identity
) -> None:
    dif = open_dif(DEADLINE).report_hours("40")
    expect(dif.notices).to_have_text(saved_message(40))
    assert stored_dif_hours(test_api, identity) == 40


def test_report_of_120_hours_is_accepted(open_dif: OpenDif) -> None:
    dif = open_dif(BEFORE_DEADLINE).report_hours("120")
    expect(dif.notices).to_have_text(saved_message(120))  # 1 800 €


@pytest.mark.needs("account_admin")
def test_report_of_0_hours_is_accepted(
    open_dif: OpenDif, test_api: PortalTestApi, identity: Identity
) -> None:
    # 0 is in the documented range: it must not be taken for "nothing typed".
    dif = open_dif(BEFORE_DEADLINE).report_hours("0")
    expect(dif.notices).to_have_text(saved_message(0))  # 0 heure, soit 0 €
    assert stored_dif_hours(test_api, identity) == 0


def test_reported_hours_are_shown_as_already_reported(open_dif: OpenDif) -> None:
    dif = open_dif(BEFORE_DEADLINE).report_hours("40")
    expect(dif.already_reported).to_contain_text("40 heures, soit 600 €")
    expect(dif.hours_field).to_have_value("40")


def test_reported_hours_add_their_euros_to_the_droits(open_dif: OpenDif) -> None:
    # A career-free account: its droits are the DIF alone.
    dif = open_dif(BEFORE_DEADLINE, career=[]).report_hours("40")
    droits = dif.header.go_to_account().go_to_droits()
    expect(droits.balance).to_have_text(f"{40 * EUROS_PER_DIF_HOUR} €")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("121", DIF_OUT_OF_RANGE, id="above-120"),
        pytest.param("-1", DIF_OUT_OF_RANGE, id="negative"),
        pytest.param("abc", DIF_NOT_A_WHOLE_NUMBER, id="letters"),
        pytest.param("12,5", DIF_NOT_A_WHOLE_NUMBER, id="decimal"),
        pytest.param("", DIF_EMPTY, id="empty"),
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
    expect(dif.refused).to_contain_text("la date limite de report du DIF est dépassée")
    expect(dif.notices).to_have_count(0)
    assert stored_dif_hours(test_api, identity) is None


def test_public_agent_sees_the_automatic_2018_report_and_no_form(open_dif: OpenDif) -> None:
    dif = open_dif(BEFORE_DEADLINE, sector="public", dif_hours=30, dif_reported_on="2018-01-01")
    expect(dif.public_agent_notice).to_contain_text("reportées automatiquement en 2018")
    expect(dif.already_reported).to_contain_text("30 heures")
    expect(dif.already_reported).not_to_contain_text("€")
    expect(dif.hours_field).to_have_count(0)
    expect(dif.report_button).to_have_count(0)


@pytest.mark.needs("account_admin")
def test_public_agent_dif_post_is_refused_by_the_server(
    open_dif: OpenDif, page: Page, base_url: str, test_api: PortalTestApi, identity: Identity
) -> None:
    # The page shows no form to a public agent; the server must refuse a crafted POST too.
    open_dif(BEFORE_DEADLINE, sector="public", dif_hours=30, dif_reported_on="2018-01-01")
    response = post_dif_form(page, base_url, "120")
    assert response.status == 403
    assert DIF_PUBLIC_REFUSED in html.unescape(response.text())
    assert stored_dif_hours(test_api, identity) == 30


@pytest.mark.needs("account_admin")
def test_dif_post_after_the_deadline_is_refused_by_the_server(
    open_dif: OpenDif, page: Page, base_url: str, test_api: PortalTestApi, identity: Identity
) -> None:
    # After the deadline the page shows no form; the server must refuse a crafted POST too.
    open_dif(DAY_AFTER_DEADLINE)
    response = post_dif_form(page, base_url, "40")
    assert response.status == 403
    assert DIF_CLOSED_REFUSED in html.unescape(response.text())
    assert stored_dif_hours(test_api, identity) is None
