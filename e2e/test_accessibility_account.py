"""axe-core on Connexion and the account pages: no serious or critical violation.

Minor and moderate findings are left to review; serious and critical ones
(missing names, contrast, broken ARIA...) block a user, so they fail the run.
One case per page state: Connexion signed out, then the account pages of a
seeded account (profile and "today" per case). A state that renders the same
template with other figures is not repeated (a public agent's droits are the
private page's template, in hours).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from harness.a11y import assert_no_blocking_violation
from harness.identities import Identity
from harness.journeys import log_in_with_a_new_account
from harness.portal_test_api import PortalTestApi
from page_objects.account import AccountHomePage
from page_objects.connexion import ConnexionPage

pytestmark = pytest.mark.a11y

OPEN_DIF_DAY = "2021-03-15"
CLOSED_DIF_DAY = "2021-07-01"
CAREER = [{"year": 2019, "quotite": 100}, {"year": 2020, "quotite": 30}]


# --- Connexion, signed out ----------------------------------------------------------

ShowConnexion = Callable[[ConnexionPage, Identity], None]


@pytest.mark.parametrize(
    "show",
    [
        pytest.param(lambda connexion, identity: None, id="connexion"),
        pytest.param(
            lambda connexion, identity: connexion.try_log_in(identity.nir, "Mauvais1"),
            id="connexion-with-a-login-error",
        ),
        pytest.param(
            lambda connexion, identity: connexion.try_log_in("", ""),
            id="connexion-with-empty-fields",
        ),
    ],
)
def test_connexion_has_no_blocking_violation(
    page: Page, identity: Identity, show: ShowConnexion
) -> None:
    show(ConnexionPage(page).open(), identity)
    assert_no_blocking_violation(page)


# --- the account pages, signed in -----------------------------------------------------

Visit = Callable[[AccountHomePage], object]


def account_case(case_id: str, visit: Visit, *, today: str = OPEN_DIF_DAY, **profile: Any) -> Any:
    """One account page: where to go from Mon compte, on which day, for which profile
    (by default a private-sector career and 40 DIF hours already reported)."""
    profile = {"career": CAREER, "dif_hours": 40, **profile}
    return pytest.param(visit, today, profile, id=case_id)


@pytest.mark.parametrize(
    ("visit", "today", "profile"),
    [
        account_case("mon-compte", lambda home: home),
        account_case("private-droits", lambda home: home.go_to_droits()),
        account_case("open-dif-form", lambda home: home.go_to_dif(), dif_hours=None),
        account_case(
            "dif-form-with-an-error",
            lambda home: home.go_to_dif().report_hours("abc"),
            dif_hours=None,
        ),
        account_case(
            "dif-confirmation", lambda home: home.go_to_dif().report_hours("40"), dif_hours=None
        ),
        account_case("closed-dif", lambda home: home.go_to_dif(), today=CLOSED_DIF_DAY),
        account_case("public-agent-dif", lambda home: home.go_to_dif(), sector="public"),
    ],
)
@pytest.mark.needs("clock", "seed_accounts")
def test_account_page_has_no_blocking_violation(
    page: Page,
    test_api: PortalTestApi,
    identity: Identity,
    visit: Visit,
    today: str,
    profile: dict[str, Any],
) -> None:
    visit(log_in_with_a_new_account(page, test_api, identity, today, **profile))
    assert_no_blocking_violation(page)
