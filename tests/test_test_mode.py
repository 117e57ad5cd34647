"""The /__test__/ API exists only in test mode: a portal served without it answers 404.

Two mocks of this module's own are started: one as in production (no
``--test-mode``), and one in test mode on its own database, so that the
requests proving the check can fail (``POST /__test__/reset`` among them)
never touch the database of the tests running beside.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mock_site import create_app
from mock_site.process import MockSite, MockSiteProcess
from playwright.sync_api import APIRequestContext, APIResponse, Playwright

from cpf.messages import ERROR_PAGES

Endpoint = tuple[str, str]  # (method, path)

# Every route of the portal's test API, with its parameters filled in.
PORTAL_TEST_API: list[Endpoint] = [
    ("GET", "/__test__/captcha"),
    ("POST", "/__test__/captcha/expire"),
    ("GET", "/__test__/config"),
    ("GET", "/__test__/outbox"),
    ("GET", "/__test__/clock"),
    ("PUT", "/__test__/clock"),
    ("DELETE", "/__test__/clock"),
    ("PUT", "/__test__/flow"),
    ("POST", "/__test__/accounts"),
    ("GET", "/__test__/accounts/x"),
    ("PUT", "/__test__/accounts/x/lock"),
    ("DELETE", "/__test__/accounts/x/lock"),
    ("POST", "/__test__/reset"),
    ("PUT", "/__test__/faults/formulaire"),
    ("DELETE", "/__test__/faults"),
    ("PUT", "/__test__/franceconnect/providers/ameli"),
    ("PUT", "/__test__/franceconnect/faults/token"),
    ("DELETE", "/__test__/franceconnect/faults/token"),
    ("PUT", "/__test__/franceconnect/faults/id_token"),
    ("DELETE", "/__test__/franceconnect/faults"),
    ("POST", "/__test__/franceconnect/identities"),
    ("POST", "/__test__/franceconnect/clients"),
    ("GET", "/__test__/franceconnect/clients/moncompteformation/clock"),
    ("PUT", "/__test__/franceconnect/clients/moncompteformation/clock"),
    ("DELETE", "/__test__/franceconnect/clients/moncompteformation/clock"),
]
# And of FranceConnect's own.
FRANCECONNECT_TEST_API: list[Endpoint] = [
    ("GET", "/__test__/identities"),
    ("POST", "/__test__/identities"),
    ("PUT", "/__test__/providers/ameli"),
    ("PUT", "/__test__/faults/token"),
    ("DELETE", "/__test__/faults/token"),
    ("PUT", "/__test__/faults/signing"),
    ("PUT", "/__test__/faults/userinfo"),
    ("DELETE", "/__test__/faults"),
    ("POST", "/__test__/clients"),
    ("POST", "/__test__/codes/x/expire"),
    ("GET", "/__test__/clients/x/clock"),
    ("PUT", "/__test__/clients/x/clock"),
    ("DELETE", "/__test__/clients/x/clock"),
]


def _started(folder: Path, *, test_mode: bool) -> Iterator[MockSite]:
    process = MockSiteProcess(
        database=folder / "portal.sqlite3", log_path=folder / "mock_site.log", test_mode=test_mode
    )
    site = process.start()
    try:
        yield site
    finally:
        process.stop()


@pytest.fixture(scope="module")
def production_mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockSite]:
    """The portal and FranceConnect served without test mode, as in production."""
    yield from _started(tmp_path_factory.mktemp("production_mock"), test_mode=False)


@pytest.fixture(scope="module")
def private_test_mode_mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockSite]:
    """A test-mode mock on a database of its own: ``reset`` may wipe it."""
    yield from _started(tmp_path_factory.mktemp("private_test_mode_mock"), test_mode=True)


@pytest.fixture(scope="module")
def http(playwright: Playwright) -> Iterator[APIRequestContext]:
    """A plain HTTP client, outside any browser session."""
    context = playwright.request.new_context()
    try:
        yield context
    finally:
        context.dispose()


def send(http: APIRequestContext, base: str, endpoint: Endpoint) -> APIResponse:
    method, path = endpoint
    return http.fetch(base + path, method=method, max_redirects=0)


def answered_by_test_api(response: APIResponse) -> bool:
    """Whether a test API answered: anything but the site's own 404 page.

    The test API answers JSON, its own 404s too (``no such account``), while a
    path that does not exist gets the site's HTML `Page introuvable`.
    """
    is_json = response.headers.get("content-type", "").startswith("application/json")
    return response.status != 404 or is_json


def _id(endpoint: Endpoint) -> str:
    return " ".join(endpoint)


@pytest.mark.parametrize("endpoint", PORTAL_TEST_API, ids=_id)
def test_test_api_answers_404_outside_test_mode(
    http: APIRequestContext, production_mock: MockSite, endpoint: Endpoint
) -> None:
    response = send(http, production_mock.portal_url, endpoint)
    assert response.status == 404
    assert not answered_by_test_api(response)
    assert ERROR_PAGES[404].title in response.text()


@pytest.mark.franceconnect
@pytest.mark.parametrize("endpoint", FRANCECONNECT_TEST_API, ids=_id)
def test_franceconnect_test_api_answers_404_outside_test_mode(
    http: APIRequestContext, production_mock: MockSite, endpoint: Endpoint
) -> None:
    response = send(http, production_mock.franceconnect_url, endpoint)
    assert response.status == 404
    assert not answered_by_test_api(response)


def test_the_same_requests_reach_the_test_api_in_test_mode(
    http: APIRequestContext, private_test_mode_mock: MockSite
) -> None:
    # Proves the checks above can fail: the same requests, a portal in test mode.
    unanswered = [
        _id(endpoint)
        for base, endpoints in (
            (private_test_mode_mock.portal_url, PORTAL_TEST_API),
            (private_test_mode_mock.franceconnect_url, FRANCECONNECT_TEST_API),
        )
        for endpoint in endpoints
        if not answered_by_test_api(send(http, base, endpoint))
    ]
    assert unanswered == []


def test_every_test_api_route_is_checked(tmp_path: Path) -> None:
    # A route added to the test API later must be added to the list above too.
    app = create_app({"TEST_MODE": True, "DATABASE": str(tmp_path / "portal.sqlite3")})
    routes = {
        (method, rule.endpoint)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/__test__/")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    urls = app.url_map.bind("localhost")
    checked = {(method, urls.match(path, method=method)[0]) for method, path in PORTAL_TEST_API}
    assert routes - checked == set()
