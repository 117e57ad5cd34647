"""Hypothesis strategies for request bodies of every kind, and the one rule they must
all meet: no 5xx, and a refusal a person can read.

A body is drawn as a ``Body`` (what ``FlaskClient.post`` takes): the form's own
fields with values of any JSON type or any text, plus strangers, sent
urlencoded, as JSON, as multipart with files, as raw bytes under any content
type, or too large.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from mock_site.form_input import MAX_BODY_BYTES
from werkzeug.test import TestResponse

from cpf import rules
from harness.identities import TEST_PASSWORD, password_breaking

NIR_LIKE = r"[12] ?[0-9]{2} ?[0-9]{2} ?[0-9AB]{2} ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}"
# The passwords come from the rules (a good one, and each one a rule away from good).
EDGES = [
    *("", " ", "0", "-1", "120", "121", "true", "on", "y", "null", "2A", "é"),
    TEST_PASSWORD,
    *(password_breaking(rule) for rule in rules.PASSWORD_RULES),
]


def field_texts(known: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    """What a field could hold in a browser's form: any text, edge values, look-alikes
    of good values, and ``known`` good ones."""
    return st.one_of(
        st.text(max_size=40),
        st.text(alphabet=st.characters(codec="ascii"), max_size=20),
        st.sampled_from([*EDGES, *known]),
        st.from_regex(NIR_LIKE, fullmatch=True),
    )


def json_values(texts: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Any JSON value; its strings may hold lone surrogates, which no browser's UTF-8 can."""
    surrogates = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts, surrogates
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=6,
    )


CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/json",
    "multipart/form-data",
    "multipart/form-data; boundary=x",
    "text/plain",
    "application/xml",
    "application/x-www-form-urlencoded; charset=latin-1",
]


@dataclass
class Body:
    """Keyword arguments for ``FlaskClient.post``, and what kind of body it is."""

    kind: str
    kwargs: dict[str, Any] = field(default_factory=dict)


def _fields(names: list[str], values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    known = st.fixed_dictionaries({}, optional={name: values for name in names})
    strangers = st.dictionaries(st.text(min_size=1, max_size=8), values, max_size=2)
    return st.builds(lambda a, b: {**b, **a}, known, strangers)


@st.composite
def bodies(draw: st.DrawFn, names: list[str], known: tuple[str, ...] = ()) -> Body:
    """Any body for a form with these field names; ``known`` values (the session's
    right answer, an account's NIR...) are mixed in, so bodies sometimes succeed."""
    texts = field_texts(known)
    kind = draw(st.sampled_from(["form", "json", "multipart", "raw", "huge"]))
    if kind == "form":
        fields = draw(_fields(names, texts | st.lists(texts, min_size=2, max_size=3)))
        return Body(kind, {"data": fields})
    if kind == "json":
        document = draw(_fields(names, json_values(texts)) | json_values(texts))
        raw = json.dumps(document)  # ensure_ascii: lone surrogates travel as \\ud800
        return Body(kind, {"data": raw, "content_type": "application/json"})
    if kind == "multipart":
        fields = draw(_fields(names, texts))
        files = draw(st.lists(st.sampled_from(names or ["fichier"]), max_size=2, unique=True))
        data: dict[str, Any] = dict(fields)
        for name in files:
            data[name] = (io.BytesIO(draw(st.binary(max_size=64))), "piece.bin")
        return Body(kind, {"data": data, "content_type": "multipart/form-data"})
    if kind == "raw":
        raw_bytes = draw(st.binary(max_size=200))
        return Body(kind, {"data": raw_bytes, "content_type": draw(st.sampled_from(CONTENT_TYPES))})
    size = draw(st.integers(MAX_BODY_BYTES + 1, 2 * MAX_BODY_BYTES))
    name = draw(st.sampled_from(names or ["champ"]))
    return Body(kind, {"data": {name: "A" * size}})


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response: TestResponse) -> str:
    found = _TITLE.search(response.get_data(as_text=True))
    return found.group(1).strip() if found else ""


def assert_answered_like_a_public_service(response: TestResponse, body: Body) -> None:
    """Accepted (a redirect), refused on the page with an error, or a French 400/413."""
    status = response.status_code
    assert status < 500, f"{status} for a {body.kind} body: {title_of(response)}"
    if status in (302, 303):
        return
    if status == 200:
        title = title_of(response)
        assert title.startswith("Erreur : "), f"re-shown without an error: {title!r}"
        return
    assert status in (400, 413), f"{status} for a {body.kind} body"
    title = title_of(response)
    assert title.startswith(("Requête invalide", "Requête trop volumineuse", "Erreur")), title
    if body.kind == "huge":
        assert status == 413
