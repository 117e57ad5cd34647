"""Security headers: every page of both servers carries the policy, the pages work
under it, and neither the portal nor FranceConnect can be framed.

Every browser test also fails on any CSP violation its pages report (the
``no_csp_violation`` fixture in e2e/conftest.py); these tests walk every page
once on purpose and read the headers themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Response, expect

from harness.csp import CspViolations, csp_directives
from harness.framing_site import framing_site
from harness.identities import Identity
from harness.journeys import log_in_with_a_new_account
from harness.portal_test_api import PortalTestApi
from page_objects.accueil import AccueilPage
from page_objects.connexion import ConnexionPage


def policy_of(response: Response) -> dict[str, str]:
    """The Content-Security-Policy's directives: name -> sources."""
    return csp_directives(response.headers.get("content-security-policy", ""))


def assert_protected(response: Response) -> None:
    policy = policy_of(response)
    where = response.url
    script_sources = policy.get("script-src", policy.get("default-src", ""))
    assert script_sources, f"{where}: no script-src or default-src"
    assert "'unsafe-inline'" not in script_sources, where
    assert "'unsafe-eval'" not in script_sources, where
    assert policy.get("frame-ancestors") == "'none'", where
    assert response.headers.get("x-content-type-options") == "nosniff", where
    assert response.headers.get("referrer-policy"), where


class DocumentResponses:
    """Every page (document) the browser received, redirects' targets included."""

    def __init__(self, page: Page) -> None:
        self.seen: list[Response] = []
        page.on("response", self._on_response)

    def _on_response(self, response: Response) -> None:
        if response.request.resource_type == "document":
            self.seen.append(response)

    def urls(self) -> list[str]:
        return [response.url for response in self.seen]


@pytest.mark.needs("captcha_answer", "create_accounts")
def test_every_signup_page_carries_the_policy_and_works_under_it(
    page: Page, test_api: PortalTestApi, identity: Identity, csp_violations: CspViolations
) -> None:
    documents = DocumentResponses(page)
    form = AccueilPage(page).open().header.go_to_connexion().sign_up()
    # The live checklist runs under the policy: its rules are data, not code.
    form.type_password("Ab1")
    expect(form.password_rule("uppercase")).to_have_attribute("data-met", "true")
    expect(form.password_rule("length")).to_have_attribute("data-met", "false")
    captcha = form.fill_identity(identity).continue_to_captcha()
    expect(captcha.tile(1)).to_be_visible()
    cgu = captcha.pass_with(test_api.captcha_answer_index() + 1)
    cgu.read_cgu()
    page.go_back()
    cgu.wait_until_loaded().accept_and_sign_up()

    # Accueil, Connexion, the form, the captcha, the CGU step, the CGU text, the account activated.
    assert len(documents.seen) >= 7, documents.urls()
    for response in documents.seen:
        assert_protected(response)
    assert not csp_violations.reported


@pytest.mark.needs("seed_accounts")
def test_every_account_page_carries_the_policy_and_works_under_it(
    page: Page, test_api: PortalTestApi, identity: Identity, csp_violations: CspViolations
) -> None:
    documents = DocumentResponses(page)
    account = log_in_with_a_new_account(page, test_api, identity)
    account.go_to_droits().header.go_to_account().go_to_dif()
    page.goto("/page-qui-n-existe-pas")
    AccueilPage(page).open().header.log_out()

    # Connexion, Mon compte, Mes droits, Mon compte, the DIF form, the 404 page, Accueil, Accueil
    # again after the log-out.
    assert len(documents.seen) >= 8, documents.urls()
    for response in documents.seen:
        assert_protected(response)
    assert not csp_violations.reported


@pytest.mark.franceconnect
@pytest.mark.needs("create_accounts", "franceconnect_faults")
def test_every_franceconnect_page_carries_the_policy_and_works_under_it(
    page: Page, test_api: PortalTestApi, franceconnect_url: str, csp_violations: CspViolations
) -> None:
    person = test_api.add_franceconnect_identity("ameli", with_email=False)
    documents = DocumentResponses(page)
    consent = ConnexionPage(page).open().sign_in_with_franceconnect().sign_in_as(person)
    completion = consent.continue_to_activation()
    completion.email_field.fill(f"{person.identifier}@exemple.fr")
    completion.accept_cgu_and_sign_up()
    page.goto(franceconnect_url + "/page-qui-n-existe-pas")

    franceconnect_pages = [r for r in documents.seen if r.url.startswith(franceconnect_url)]
    assert len(franceconnect_pages) >= 4, documents.urls()
    for response in documents.seen:
        assert_protected(response)
    assert not csp_violations.reported


@pytest.fixture(scope="module")
def framing_site_url() -> Iterator[str]:
    with framing_site() as url:
        yield url


@pytest.mark.csp_violation_expected
@pytest.mark.parametrize("server", ["portal", "franceconnect"])
def test_a_page_of_another_site_cannot_frame_it(
    page: Page, base_url: str, franceconnect_url: str, framing_site_url: str, server: str
) -> None:
    portal_page = base_url + ConnexionPage.PATH
    framed = {"portal": portal_page, "franceconnect": franceconnect_url + "/"}[server]
    with page.expect_console_message(lambda message: "frame-ancestors" in message.text):
        page.goto(f"{framing_site_url}/?cadre={framed}")
    # The frame is left on the browser's error page: nothing of the framed site shows.
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("link")).to_have_count(0)
    expect(frame.get_by_role("button")).to_have_count(0)
    expect(frame.get_by_role("heading")).to_have_count(0)
    assert page.frames[1].url.startswith("chrome-error://") or page.frames[1].url == "about:blank"
