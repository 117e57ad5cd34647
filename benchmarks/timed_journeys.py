"""The signup journey (Accueil to `Votre compte est activé`) in a fresh browser context.

Each function times one journey, from a new context to its close, and raises
if the journey did not end on the activated page, so a broken journey can
never pass for a fast one.

- ``page_object_journey``: the suites' own path (``harness/journeys.py``).
- ``plain_playwright_journey``: the same clicks written as idiomatic Playwright,
  no page objects: role and label locators, ``expect`` on the title.
- ``step5_through_test_api``: a step-5 test set up through the test API
  (``sign_up_from_step5``, also traced by the breakdown); the same test
  replaying steps 1-4 first is the page-object journey itself.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, expect

from cpf.messages import ACCOUNT_ACTIVATED
from harness.identities import Identity
from harness.journeys import sign_up_through_the_ui
from harness.portal_test_api import PortalTestApi
from page_objects.activated import ActivatedPage
from page_objects.cgu import CguPage

Journey = Callable[[Browser, str, Identity], float]


@contextmanager
def fresh_page(browser: Browser, portal_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=portal_url)
    try:
        yield context.new_page()
    finally:
        context.close()


def page_object_journey(browser: Browser, portal_url: str, identity: Identity) -> float:
    started = time.perf_counter()
    with fresh_page(browser, portal_url) as page:
        activated = sign_up_through_the_ui(page, PortalTestApi(page.request, portal_url), identity)
        expect(activated.heading).to_have_text(ACCOUNT_ACTIVATED)
    return time.perf_counter() - started


def plain_playwright_journey(browser: Browser, portal_url: str, identity: Identity) -> float:
    started = time.perf_counter()
    with fresh_page(browser, portal_url) as page:
        page.goto("/")
        page.get_by_role("banner").get_by_role("link", name="Connexion", exact=True).click()
        expect(page).to_have_title(re.compile("^Connexion"))
        page.get_by_role("link", name="S'inscrire", exact=True).click()
        expect(page).to_have_title(re.compile("^Remplissez le formulaire"))
        page.get_by_label("Numéro de sécurité sociale", exact=True).fill(identity.nir)
        page.get_by_label("Nom de naissance", exact=True).fill(identity.birth_name)
        page.get_by_label("Prénom", exact=True).fill(identity.first_name)
        page.get_by_label("Adresse électronique", exact=True).fill(identity.email)
        page.get_by_label("Mot de passe", exact=True).fill(identity.password)
        page.get_by_label("Confirmation du mot de passe", exact=True).fill(identity.password)
        page.get_by_role("button", name="Continuer", exact=True).click()
        expect(page).to_have_title(re.compile("^Passez le contrôle de sécurité"))
        index = page.request.get("/__test__/captcha").json()["index"]
        page.get_by_role("button", name=f"Image {index + 1}", exact=True).click()
        expect(page).to_have_title(re.compile("^Clôturez votre inscription"))
        page.get_by_label("J'accepte les conditions générales d'utilisation", exact=True).check()
        page.get_by_role("button", name="S'inscrire", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(ACCOUNT_ACTIVATED)
    return time.perf_counter() - started


def sign_up_from_step5(page: Page, test_api: PortalTestApi, identity: Identity) -> ActivatedPage:
    """A CGU-step test as the suites write it (``e2e/test_cgu.py``): steps 1-4 done
    through the test API, then the CGU page opened, accepted and sent."""
    test_api.start_signup_at(5, identity)
    return CguPage(page).open().accept_and_sign_up()


def step5_through_test_api(browser: Browser, portal_url: str, identity: Identity) -> float:
    started = time.perf_counter()
    with fresh_page(browser, portal_url) as page:
        activated = sign_up_from_step5(page, PortalTestApi(page.request, portal_url), identity)
        expect(activated.heading).to_have_text(ACCOUNT_ACTIVATED)
    return time.perf_counter() - started
