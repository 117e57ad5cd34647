"""A page served to the fast tests, parsed: every element in document order with its
text, and the readings the tests make (title, headings, the page's errors, a field's
error, links, the CSRF token a replaying client would scrape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class ParsedPage(HTMLParser):
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

    @property
    def page_errors(self) -> list[Element]:
        """What went wrong with the page as a whole: its ARIA alerts (the error summary,
        a refused login, a flashed error), as page_objects' ``page_errors`` finds them.
        A field's own error is ``field_error``."""
        return [e for e in self.elements if e.attrs.get("role") == "alert"]

    @property
    def error_summary_links(self) -> list[Element]:
        """The links of the error summary: the page error that lists the fields in error."""
        for error in self.page_errors:
            links = [e for e in error.children if e.tag == "a"]
            if links:
                return links
        return []

    def field_error(self, field_id: str) -> str | None:
        """The error shown next to a field, if any."""
        if not self.has_id(f"{field_id}-error"):
            return None
        return " ".join(self.by_id(f"{field_id}-error").text.split())

    @property
    def notices(self) -> list[str]:
        """The portal's flashed messages that inform (ARIA statuses), in order, as
        page_objects' ``notices``; a flashed error is one of the ``page_errors``."""
        return [
            " ".join(e.text.split())
            for e in self.find_all("div", role="status")
            if str(e.attrs.get("class")).startswith("notice notice--")
        ]

    @property
    def csrf_token(self) -> str:
        """The session's CSRF token, from the page's forms (the header's logout form has
        one too): what a client replaying a form posts back."""
        tokens = {e.attrs.get("value") for e in self.find_all("input", name="csrf_token")}
        assert tokens, "no CSRF token in the page"
        assert len(tokens) == 1, f"the page's forms carry different CSRF tokens: {tokens}"
        return str(tokens.pop())

    def links(self) -> dict[str, str]:
        """Accessible text of each link -> its href (last one wins)."""
        return {" ".join(e.text.split()): str(e.attrs.get("href")) for e in self.find_all("a")}


def page(response: Any) -> ParsedPage:
    return ParsedPage(response.get_data(as_text=True))
