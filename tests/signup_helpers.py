"""Shared set-up and page reading for the signup tests (Flask test client, no browser)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from harness.identities import Identity
from mock_site.session_keys import SIGNUP_FLOW as FLOW_SESSION_KEY

FORM_URL = "/inscription/formulaire"
CAPTCHA_URL = "/inscription/controle-securite"
CAPTCHA_REFRESH_URL = "/inscription/controle-securite/autres-images"
CGU_URL = "/inscription/cloture"
ACTIVATED_URL = "/inscription/compte-active"

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class Page(HTMLParser):
    """A parsed page: every element in document order, with its text content."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        for parent in self._open:
            parent.children.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def by_id(self, element_id: str) -> Element:
        found = [e for e in self.elements if e.attrs.get("id") == element_id]
        assert found, f"no element with id={element_id!r}"
        return found[0]

    def has_id(self, element_id: str) -> bool:
        return any(e.attrs.get("id") == element_id for e in self.elements)

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def text_of(self, tag: str) -> list[str]:
        return [" ".join(e.text.split()) for e in self.elements if e.tag == tag]

    @property
    def title(self) -> str:
        return self.text_of("title")[0]

    @property
    def h1(self) -> list[str]:
        return self.text_of("h1")

    def field_error(self, field_id: str) -> str | None:
        """The error shown next to a field, if any."""
        if not self.has_id(f"{field_id}-error"):
            return None
        return " ".join(self.by_id(f"{field_id}-error").text.split())

    def links(self) -> dict[str, str]:
        """Accessible text of each link -> its href (last one wins)."""
        return {" ".join(e.text.split()): str(e.attrs.get("href")) for e in self.find_all("a")}


def page(response: Any) -> Page:
    return Page(response.get_data(as_text=True))


def form_data(identity: Identity, **changes: str) -> dict[str, str]:
    """Step 3 as a user fills it in, confirmation included."""
    data = {**identity.as_form_data(), "password_confirmation": identity.password}
    data.update(changes)
    return data


def put_flow(client: FlaskClient, step: int, identity: Identity | None = None) -> None:
    data = identity.as_form_data() if identity else {}
    response = client.put("/__test__/flow", json={"step": step, "data": data})
    assert response.status_code == 200, response.get_json()


def captcha_info(client: FlaskClient) -> dict[str, Any]:
    """The current challenge (shown by a GET of step 4 first)."""
    response = client.get("/__test__/captcha")
    assert response.status_code == 200, response.get_json()
    return dict(response.get_json())


def pass_captcha(client: FlaskClient) -> None:
    client.get(CAPTCHA_URL)
    info = captcha_info(client)
    answer = {"challenge": info["challenge"], "tile": info["index"]}
    response = client.post(CAPTCHA_URL, data=answer)
    assert response.location == CGU_URL


def wrong_tile(index: int) -> int:
    return (index + 1) % 9


def query(app: Flask, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    connection = sqlite3.connect(app.config["DATABASE"])
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def flow_row(app: Flask, client: FlaskClient) -> sqlite3.Row | None:
    """The session's signup flow as stored on the server, or None."""
    with client.session_transaction() as session:
        flow_id = session.get(FLOW_SESSION_KEY)
    if flow_id is None:
        return None
    rows = query(app, "SELECT * FROM signup_flow WHERE id = ?", (flow_id,))
    return rows[0] if rows else None


def account_count(app: Flask) -> int:
    return int(query(app, "SELECT COUNT(*) FROM account")[0][0])


def seed_account(client: FlaskClient, identity: Identity) -> None:
    response = client.post("/__test__/accounts", json=identity.as_form_data())
    assert response.status_code == 201, response.get_json()
