"""Step 5, `Clôturez votre inscription`: the CGU must be accepted to create the account.

Each test starts at step 5 through the test API (steps 1 to 4 done). The box left
unticked then ticked is the scenario « Sans la case cochée, l'inscription est refusée,
puis acceptée une fois cochée »; what the server writes (the account, the e-mail, no
account without the box) is in tests/test_signup_cgu.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from cpf.messages import (
    ACCOUNT_ACTIVATED,
    CGU_REQUIRED,
    CONFIRMATION_SUBJECT,
    EMAIL_TAKEN,
    NIR_TAKEN,
)
from harness.fixtures import TestApiFor
from harness.identities import Identity, fresh_nir, unique_email
from harness.portal_test_api import PortalTestApi
from page_objects.cgu import CguPage, CguTextPage
from page_objects.portal_page import ERROR_TITLE_PREFIX

pytestmark = pytest.mark.needs("signup_at_step")


@pytest.fixture
def cgu(page: Page, test_api: PortalTestApi, identity: Identity) -> CguPage:
    """Step 5 open for a fresh identity."""
    test_api.start_signup_at(5, identity)
    return CguPage(page).open()


def test_unticked_cgu_is_refused_with_a_message_next_to_the_checkbox(cgu: CguPage) -> None:
    refused = cgu.sign_up_without_accepting()
    expect(refused.page).to_have_title(
        re.compile("^" + re.escape(ERROR_TITLE_PREFIX + CguPage.TITLE))
    )
    expect(refused.accept_error).to_have_text(CGU_REQUIRED)
    # Tied to the checkbox for assistive technology, not just printed near it.
    expect(refused.accept_checkbox).to_have_attribute("aria-invalid", "true")
    # (The description may start with the error's decorative "⚠" from the CSS.)
    expect(refused.accept_checkbox).to_have_accessible_description(
        re.compile(re.escape(CGU_REQUIRED) + "$")
    )
    expect(refused.error_summary.items).to_have_text([re.compile(re.escape(CGU_REQUIRED))])


def test_cgu_link_opens_the_cgu_page(cgu: CguPage) -> None:
    cgu_text = cgu.read_cgu()
    expect(cgu_text.heading).to_have_text(CguTextPage.TITLE)
    expect(cgu_text.main).to_contain_text("Création du compte")


@pytest.mark.parametrize(
    ("shared", "taken_message", "other"),
    [
        pytest.param("nir", NIR_TAKEN, lambda i: i.with_(email=unique_email()), id="same-nir"),
        pytest.param("email", EMAIL_TAKEN, lambda i: i.with_(nir=fresh_nir()), id="same-email"),
    ],
)
@pytest.mark.needs("account_admin", "create_accounts")
def test_same_nir_finishing_in_two_browsers_creates_one_account(
    cgu: CguPage,
    test_api: PortalTestApi,
    identity: Identity,
    new_context: Callable[..., BrowserContext],
    test_api_for: TestApiFor,
    shared: str,
    taken_message: str,
    other: Callable[[Identity], Identity],
) -> None:
    """Two browsers reach step 5 with the same NIR (or e-mail): step 3's duplicate check
    passed for both, so the one account must be decided when the CGU are accepted."""
    second_identity = other(identity)
    second_browser = new_context()
    second_page = second_browser.new_page()
    test_api_for(second_page).start_signup_at(5, second_identity)
    second_cgu = CguPage(second_page).open()

    activated = cgu.accept_and_sign_up()
    expect(activated.heading).to_have_text(ACCOUNT_ACTIVATED)
    form = second_cgu.accept_and_sign_up_after_someone_else()

    field = form.nir_field if shared == "nir" else form.email_field
    expect(form.field_error(field)).to_contain_text(taken_message)
    expect(form.connexion_link_in_error(field)).to_be_visible()
    account = test_api.account(identity.nir)
    assert account is not None
    assert account["email"] == identity.email
    if shared == "email":
        assert test_api.account(second_identity.nir) is None
    confirmations = test_api.outbox(identity.email)
    if shared == "nir":
        confirmations += test_api.outbox(second_identity.email)
    assert [message["subject"] for message in confirmations] == [CONFIRMATION_SUBJECT]
