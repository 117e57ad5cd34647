"""The signup journey as bare HTTP requests: the floor no browser can go under.

The same requests a browser makes for the pages (not their CSS, scripts and
pictures), with the forms' hidden fields read from the HTML. It also reads
each answer's ``Server-Timing`` header (sent in test mode), which tells how
long the portal itself worked on each route.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests

from cpf.messages import ACCOUNT_ACTIVATED
from harness.identities import Identity

TITLE_SUFFIX = " - Mon Compte Formation"


class _FormReader(HTMLParser):
    """The hidden inputs of the form posting to ``action``, and the page's title."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self._action = action
        self._in_form = False
        self._in_title = False
        self.hidden: dict[str, str] = {}
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._in_form = urlsplit(values.get("action", "")).path == self._action
        elif tag == "input" and self._in_form and values.get("type") == "hidden":
            self.hidden[values["name"]] = values.get("value", "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def read_form(html: str, action: str) -> _FormReader:
    reader = _FormReader(action)
    reader.feed(html)
    return reader


def server_time_ms(response: requests.Response) -> float | None:
    """The portal's own time from ``Server-Timing: app;dur=12.3`` (test mode)."""
    for metric in response.headers.get("Server-Timing", "").split(","):
        name, _, params = metric.strip().partition(";")
        if name == "app" and params.startswith("dur="):
            return float(params[len("dur=") :])
    return None


@dataclass
class RouteTimes:
    """Per route (method and path): the client's round trips and the server's share."""

    round_trip_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    server_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def record(self, response: requests.Response) -> None:
        for hop in [*response.history, response]:
            route = f"{hop.request.method} {_route(urlsplit(hop.url).path)}"
            self.round_trip_ms[route].append(hop.elapsed.total_seconds() * 1000)
            served = server_time_ms(hop)
            if served is not None:
                self.server_ms[route].append(served)


def _route(path: str) -> str:
    """Paths with their variable part folded (each captcha picture has its own token)."""
    if path.startswith("/inscription/controle-securite/images/"):
        return "/inscription/controle-securite/images/<token>"
    return path


class HttpSignup:
    """One signup over HTTP, in its own cookie jar (a fresh "browser")."""

    def __init__(self, portal_url: str, routes: RouteTimes | None = None) -> None:
        self.portal_url = portal_url.rstrip("/")
        self.session = requests.Session()
        self.routes = routes

    def _send(self, method: str, path: str, **kwargs: object) -> requests.Response:
        response = self.session.request(method, urljoin(self.portal_url, path), **kwargs)  # type: ignore[arg-type]
        response.raise_for_status()
        if self.routes is not None:
            self.routes.record(response)
        return response

    def sign_up(self, identity: Identity) -> None:
        self._send("GET", "/")
        self._send("GET", "/connexion")
        form_page = self._send("GET", "/inscription/")  # `S'inscrire`, redirected to the form
        form = read_form(form_page.text, "/inscription/formulaire")
        captcha_page = self._send(
            "POST",
            "/inscription/formulaire",
            data={
                **form.hidden,
                **identity.as_form_data(),
                "password_confirmation": identity.password,
            },
        )
        captcha = read_form(captcha_page.text, "/inscription/controle-securite")
        index = self._send("GET", "/__test__/captcha").json()["index"]
        cgu_page = self._send(
            "POST", "/inscription/controle-securite", data={**captcha.hidden, "tile": index}
        )
        cgu = read_form(cgu_page.text, "/inscription/cloture")
        activated = self._send("POST", "/inscription/cloture", data={**cgu.hidden, "accept": "y"})
        title = read_form(activated.text, "").title
        if not title.startswith(ACCOUNT_ACTIVATED):
            raise RuntimeError(f"HTTP signup ended on {title!r} ({activated.url})")


def http_journey(portal_url: str, identity: Identity, routes: RouteTimes | None = None) -> float:
    """Seconds for one signup over HTTP, a new cookie jar included."""
    started = time.perf_counter()
    signup = HttpSignup(portal_url, routes)
    try:
        signup.sign_up(identity)
    finally:
        signup.session.close()
    return time.perf_counter() - started
