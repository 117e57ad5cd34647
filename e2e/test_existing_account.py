"""What any existing account shows once logged in: Mon compte, Mes droits formation,
Report du DIF, and the way out.

These tests need nothing but an account to log in with: the target's pre-provisioned
one (its secrets from the environment), else one seeded for the test. So they check
the pages, not figures, which depend on the account's career (tests/test_account_droits.py
and tests/test_account_dif.py check those, on careers they seed; e2e/test_droits.py and
e2e/test_dif.py a representative few in the browser).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from harness.identities import Identity
from page_objects.account import AccountHomePage, DifPage, DroitsPage
from page_objects.connexion import ConnexionPage

AMOUNT = re.compile(r"^\d[\d\s]*\s(€|heures?)\s*$")  # "3 500 €", "75 heures"


def logged_in(page: Page, account: Identity) -> AccountHomePage:
    return ConnexionPage(page).open().log_in(account.nir, account.password)


def test_droits_show_a_balance_in_euros_or_hours(page: Page, existing_account: Identity) -> None:
    droits = logged_in(page, existing_account).go_to_droits()
    expect(droits.heading).to_have_text(DroitsPage.TITLE)
    expect(droits.balance).to_have_text(AMOUNT)


def test_dif_page_opens_from_the_account(page: Page, existing_account: Identity) -> None:
    dif = logged_in(page, existing_account).go_to_dif()
    expect(dif.heading).to_have_text(DifPage.TITLE)
    expect(page).to_have_title(re.compile(f"^{dif.TITLE}"))
