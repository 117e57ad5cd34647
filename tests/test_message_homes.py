"""The French wording has one home each: the portal's messages in ``cpf/messages.py``,
FranceConnect's pages' wording in ``cpf/franceconnect.py``.

Two guards, read from the source (no app is built): each entry of a home is used by the
mocks, so the mocks render from it and a test comparing with it compares with what users
see; and no source file holds a copy of an entry's words as a string literal, where a
wording change would leave it behind. Docstrings and comments may quote the wording; the
French scenarios and the stored ARIA snapshots are what users read, not code, and are
not searched. Short entries (field labels, buttons of a word or two, which the portal's
own pages share) are left out of the second guard: only runs of four words or more count.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from cpf import franceconnect, messages

ROOT = Path(__file__).resolve().parents[1]
HOMES = (messages, franceconnect)
# Where the copies were, and could come back: every package of the project but cpf/.
SEARCHED = (
    *("mocks", "harness", "page_objects", "e2e", "tests", "harness_tests", "benchmarks"),
    *("examples", "scripts"),
)
MIN_WORDS = 4
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _wording(value: object) -> Iterator[str]:
    """The French strings an entry holds (a message, an error page's title and message,
    a table of labels)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, messages.ErrorPage):
        yield from (value.title, value.message)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _wording(item)


def _entries(home: ModuleType) -> dict[str, object]:
    return {
        f"{home.__name__}.{name}": value
        for name, value in vars(home).items()
        if name.isupper() and list(_wording(value))
    }


ENTRIES = {entry: value for home in HOMES for entry, value in _entries(home).items()}


def _source_files(*suffixes: str) -> list[Path]:
    return sorted(
        path
        for folder in SEARCHED
        for path in (ROOT / folder).rglob("*")
        if path.suffix in suffixes and path != Path(__file__).resolve()
    )


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _literals(text: str, *, python: bool) -> Iterator[str]:
    """The string literals of Python source (f-strings' fixed parts included), docstrings
    left out; a template's whole text."""
    if not python:
        yield text
        return
    tree = ast.parse(text)
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


def _runs(words: str) -> list[str]:
    """The fixed parts of a message (between its {placeholders}) long enough to be a copy."""
    return [part.strip() for part in PLACEHOLDER.split(words) if len(part.split()) >= MIN_WORDS]


def _copies(literals: Iterator[str], runs: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(run, entry) for each run of an entry's words found in a literal (a template
    escapes apostrophes)."""
    for literal in literals:
        for run, entry in runs.items():
            if run in literal or run.replace("'", "&#39;") in literal:
                yield run, entry


# Labels name fields that other forms and pages name too (Connexion's NIR, the consent's
# claims): they are found by, not copied words of a message.
LABELS = {"cpf.franceconnect.CLAIM_LABELS", "cpf.messages.SIGNUP_FIELD_LABELS"}
RUNS = {
    run: entry
    for entry, value in ENTRIES.items()
    if entry not in LABELS
    for text in _wording(value)
    for run in _runs(text)
}


# What the mocks' source says: Python and Jinja templates.
MOCK_SOURCE = "\n".join(
    path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "mocks").rglob("*"))
    if path.suffix in (".py", ".html")
)


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_the_mocks_render_each_entry_from_its_home(entry: str) -> None:
    name = entry.rpartition(".")[2]
    assert re.search(rf"\b{name}\b", MOCK_SOURCE), (
        f"{entry} is used nowhere in mocks/: the mocks say something else (or nothing), "
        "and a test comparing with it compares with words no user sees"
    )


def test_no_source_file_copies_an_entrys_words() -> None:
    copies = [
        f"{path.relative_to(ROOT)}: {run!r} (from {entry})"
        for path in _source_files(".py", ".html")
        for run, entry in _copies(
            _literals(path.read_text(encoding="utf-8"), python=path.suffix == ".py"), RUNS
        )
    ]
    assert copies == [], "import the entry instead of copying its words:\n" + "\n".join(copies)


def test_the_guard_finds_a_copy_in_code_not_in_a_docstring_nor_a_short_label() -> None:
    source = (
        f'"""{messages.BAD_CREDENTIALS}"""\n'
        f"LABEL = {franceconnect.IDENTIFIER_LABEL!r}\n"
        f"EXPECTED = f'Refus : {messages.BAD_CREDENTIALS} {{reason}}'\n"
    )
    found = list(_copies(_literals(source, python=True), RUNS))
    assert found == [(messages.BAD_CREDENTIALS, "cpf.messages.BAD_CREDENTIALS")]
    template = f"<p>{franceconnect.PROVIDER_CHOICE_HEADING}</p>"
    assert list(_copies(_literals(template, python=False), RUNS)) == [
        (franceconnect.PROVIDER_CHOICE_HEADING, "cpf.franceconnect.PROVIDER_CHOICE_HEADING")
    ]


def test_a_message_pattern_finds_it_filled_in_and_nothing_else() -> None:
    closed = messages.pattern(messages.DIF_CLOSED)
    assert closed.fullmatch(
        messages.DIF_CLOSED.format(deadline="30/06/2021", original_deadline="31/12/2020")
    )
    assert not closed.search(messages.DIF_CLOSED_REFUSED)
