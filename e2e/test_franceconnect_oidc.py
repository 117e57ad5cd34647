"""FranceConnect as an OpenID provider, against the running servers.

Two sides of the protocol, each as far as a browser sees it:

- a standard relying party that is not the portal (Authlib's requests client,
  set up from the discovery document only) logs in through FranceConnect's pages,
  and an unregistered redirect URI stops at FranceConnect's own page;
- the portal as a relying party refuses its callback opened in another browser,
  and a representative few of FranceConnect's broken answers (the table is
  harness/franceconnect_faults.py).

The checks that need no page are fast tests, against the same servers in-process:
at authorize (no state, no nonce) and at the token endpoint (a replayed code, another
redirect URI) in tests/test_franceconnect_provider.py, with the ID token signed
outside the JWKS; at the portal's callback (a forged state, a replay) in
tests/test_franceconnect_portal.py; every broken answer in
tests/test_franceconnect_checks.py.

The user's part (provider choice, provider login, consent) goes through the
browser. The other relying party's redirect URI is on a loopback port nobody
serves: the browser answers it itself (``page.route``), so the code and the
state are read from the URL FranceConnect sent the browser to.
"""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.jwk import KeySet
from playwright.sync_api import BrowserContext, Page, Route, expect

from cpf.franceconnect import INVALID_REQUEST, SERVICE_NAME
from cpf.messages import FRANCECONNECT_EXPIRED
from harness.franceconnect_faults import BROKEN_ANSWERS, BrokenAnswer
from harness.franceconnect_identities import FranceConnectIdentity
from harness.portal_test_api import PortalTestApi
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import (
    ConsentPage,
    InvalidRequestPage,
    ProviderChoicePage,
)

pytestmark = [pytest.mark.needs("franceconnect"), pytest.mark.franceconnect]

TIMEOUT_SECONDS = 10
SCOPE = "openid profile email"  # what an ordinary service asks (no `cpf`: no NIR)
API = "/api/v2"  # FranceConnect v2: discovery, JWKS and endpoints
ACR = "eidas1"  # mandatory at v2's authorize


# --- a relying party that is not the portal -----------------------------------------


@dataclass(frozen=True)
class RelyingParty:
    """A service registered at FranceConnect for one test, and what discovery told it."""

    client_id: str
    client_secret: str
    name: str
    redirect_uri: str
    metadata: dict[str, Any]

    @property
    def issuer(self) -> str:
        return str(self.metadata["issuer"])

    @property
    def franceconnect_url(self) -> str:
        """FranceConnect's base URL (its user pages are outside /api/v2)."""
        return self.issuer.removesuffix(API)

    def oauth_session(self) -> OAuth2Session:
        return OAuth2Session(
            self.client_id,
            self.client_secret,
            scope=SCOPE,
            redirect_uri=self.redirect_uri,
            token_endpoint_auth_method="client_secret_basic",
            leeway=5,  # access tokens live 60 s; Authlib's default leeway is 60 s
        )

    def jwks(self) -> KeySet:
        answer = requests.get(self.metadata["jwks_uri"], timeout=TIMEOUT_SECONDS)
        answer.raise_for_status()
        return KeySet.import_key_set(answer.json())


def unserved_loopback_url(path: str) -> str:
    """An address on a loopback port that was free a moment ago: nothing answers there
    but the browser's own route."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


@pytest.fixture
def relying_party(test_api: PortalTestApi, franceconnect_url: str) -> RelyingParty:
    """A new service registered through the portal's test API, set up from discovery."""
    suffix = secrets.token_hex(6)
    client_id = f"service-essai-{suffix}"
    name = f"Service d'essai {suffix}"
    redirect_uri = unserved_loopback_url(f"/oidc/{suffix}/callback")
    client_secret = secrets.token_urlsafe(24)
    test_api.register_franceconnect_client(
        client_id, client_secret, [redirect_uri], client_name=name
    )
    discovery = requests.get(
        f"{franceconnect_url}{API}/.well-known/openid-configuration", timeout=TIMEOUT_SECONDS
    )
    discovery.raise_for_status()
    return RelyingParty(client_id, client_secret, name, redirect_uri, discovery.json())


@contextmanager
def redirects_stopped(page: Page, franceconnect_url: str, target: str) -> Iterator[list[str]]:
    """FranceConnect's redirects to ``target`` are recorded and answered by the browser
    itself with a blank page: whatever server is there (or none) never sees them.

    Playwright does not route the hops of a redirect, so FranceConnect's own
    answers are fetched here without following them, and passed on unless they
    point at ``target``.
    """
    seen: list[str] = []

    def at_franceconnect(url: str) -> bool:
        return url.startswith(franceconnect_url + "/") and "/static/" not in url

    def stop_at_target(route: Route) -> None:
        answer = route.fetch(max_redirects=0)
        location = answer.headers.get("location", "")
        if not location.startswith(target):
            route.fulfill(response=answer)
            return
        seen.append(location)
        route.fulfill(content_type="text/html", body="<title>Redirection interceptée</title>")

    page.route(at_franceconnect, stop_at_target)
    try:
        yield seen
    finally:
        page.unroute(at_franceconnect, stop_at_target)


def query(url: str) -> dict[str, str]:
    """The query of ``url``, each parameter once (a repeated one fails the test)."""
    params = parse_qs(urlsplit(url).query)
    assert all(len(values) == 1 for values in params.values()), url
    return {name: values[0] for name, values in params.items()}


def consent_for(page: Page, authorization_url: str, person: FranceConnectIdentity) -> ConsentPage:
    """Open a relying party's authorization URL and sign in at the person's provider."""
    page.goto(authorization_url)
    return ProviderChoicePage(page).wait_until_loaded().sign_in_as(person)


def log_in_through_the_browser(
    page: Page, service: RelyingParty, authorization_url: str, person: FranceConnectIdentity
) -> str:
    """The user's part, up to the redirect back: the URL FranceConnect sent the browser to."""
    consent = consent_for(page, authorization_url, person)
    with redirects_stopped(page, service.franceconnect_url, service.redirect_uri) as redirects:
        consent.continue_to_service(service.name)
    assert len(redirects) == 1, redirects
    return redirects[0]


# --- a standard relying party -------------------------------------------------------


@pytest.mark.needs("franceconnect_faults")
def test_standard_oidc_client_logs_in_from_the_discovery_document(
    page: Page, test_api: PortalTestApi, relying_party: RelyingParty, franceconnect_url: str
) -> None:
    person = test_api.add_franceconnect_identity(
        "laposte", given_name="Noémie", family_name="Garnier-Lacroix"
    )
    metadata = relying_party.metadata
    assert metadata["issuer"] == franceconnect_url + API
    nonce = secrets.token_urlsafe(16)

    with relying_party.oauth_session() as oidc:
        url, state = oidc.create_authorization_url(
            metadata["authorization_endpoint"], nonce=nonce, acr_values=ACR
        )
        back = log_in_through_the_browser(page, relying_party, url, person)
        assert back.startswith(relying_party.redirect_uri + "?")
        assert query(back)["state"] == state
        assert query(back)["code"]

        token = oidc.fetch_token(
            metadata["token_endpoint"], authorization_response=back, state=state
        )
        id_token = jwt.decode(
            token["id_token"],
            relying_party.jwks(),
            algorithms=metadata["id_token_signing_alg_values_supported"],
        )
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": franceconnect_url + API},
            aud={"essential": True, "value": relying_party.client_id},
            nonce={"essential": True, "value": nonce},
            exp={"essential": True},
            sub={"essential": True},
        ).validate(id_token.claims)  # exp in the past or iat in the future fail here too

        userinfo = oidc.get(metadata["userinfo_endpoint"], timeout=TIMEOUT_SECONDS)
    assert userinfo.status_code == 200
    assert userinfo.headers["Content-Type"] == "application/jwt"  # v2: signed userinfo
    claims = jwt.decode(userinfo.text, relying_party.jwks(), algorithms=["ES256"]).claims
    assert (claims["iss"], claims["aud"]) == (franceconnect_url + API, relying_party.client_id)
    assert claims["sub"] == id_token.claims["sub"]
    assert claims["given_name"] == "Noémie"
    assert claims["family_name"] == "Garnier-Lacroix"
    assert claims["email"] == person.email
    assert "nir" not in claims  # only released with the portal's `cpf` scope


@pytest.mark.needs("franceconnect_faults")
def test_wrong_redirect_uri_is_refused_at_authorize(
    page: Page, test_api: PortalTestApi, relying_party: RelyingParty, franceconnect_url: str
) -> None:
    elsewhere = unserved_loopback_url("/ailleurs/callback")
    params = {
        "response_type": "code",
        "client_id": relying_party.client_id,
        "redirect_uri": elsewhere,
        "scope": SCOPE,
        "state": secrets.token_urlsafe(16),
        "nonce": secrets.token_urlsafe(16),
        "acr_values": ACR,
    }
    with redirects_stopped(page, franceconnect_url, elsewhere) as sent_elsewhere:
        response = page.goto(
            f"{relying_party.metadata['authorization_endpoint']}?{urlencode(params)}"
        )
    assert sent_elsewhere == []  # not even an error sent to an unregistered URI
    assert response is not None
    assert response.status == 400
    refusal = InvalidRequestPage(page).wait_until_loaded()
    expect(refusal.heading).to_have_text(InvalidRequestPage.TITLE)
    expect(refusal.page_errors).to_have_text(INVALID_REQUEST.message)
    assert page.url.startswith(franceconnect_url)


# --- the portal as a relying party --------------------------------------------------


def portal_callback(base_url: str) -> str:
    return f"{base_url}/franceconnect/retour?"


def portal_consent(page: Page, person: FranceConnectIdentity) -> ConsentPage:
    return ConnexionPage(page).open().sign_in_with_franceconnect().sign_in_as(person)


def stopped_portal_callback(
    page: Page, consent: ConsentPage, base_url: str, franceconnect_url: str
) -> str:
    """Consent, but the redirect to the portal's callback stops in the browser: its URL,
    with a good code and state, that the portal has not seen."""
    with redirects_stopped(page, franceconnect_url, portal_callback(base_url)) as redirects:
        consent.continue_to_service(SERVICE_NAME)
    assert len(redirects) == 1, redirects
    return redirects[0]


def expect_refused_at_connexion(page: Page, message: str) -> None:
    connexion = ConnexionPage(page).wait_until_loaded()
    expect(connexion.page_errors).to_have_text(message)
    expect(connexion.header.logout_button).to_have_count(0)  # not signed in


@pytest.mark.needs("account_admin", "franceconnect_faults")
def test_portal_callback_opened_in_another_browser_is_refused(
    page: Page,
    test_api: PortalTestApi,
    base_url: str,
    franceconnect_url: str,
    new_context: Callable[..., BrowserContext],
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    consent = portal_consent(page, person)
    callback = stopped_portal_callback(page, consent, base_url, franceconnect_url)

    other_page = new_context().new_page()  # someone else, given the URL with its code
    other_page.goto(callback)
    expect_refused_at_connexion(other_page, FRANCECONNECT_EXPIRED)
    assert test_api.account(person.nir) is None


@pytest.mark.parametrize(
    "case", [pytest.param(case, id=case.id) for case in BROKEN_ANSWERS if case.in_browser]
)
@pytest.mark.needs("account_admin")
def test_broken_franceconnect_answer_is_refused_by_the_portal(
    page: Page, franceconnect_faults: PortalTestApi, case: BrokenAnswer
) -> None:
    """A representative few of the checks; tests/test_franceconnect_checks.py has them all."""
    person = franceconnect_faults.add_franceconnect_identity("ameli")
    franceconnect_faults.break_franceconnect(case.fault, case.payload)

    if case.at_authorize:
        ConnexionPage(page).open().try_sign_in_with_franceconnect()
    else:
        portal_consent(page, person).continue_back_to_connexion()

    expect_refused_at_connexion(page, case.message)
    assert franceconnect_faults.account(person.nir) is None
