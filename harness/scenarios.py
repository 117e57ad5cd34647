"""French scenarios (pytest-bdd) on the harness: a step vocabulary, what its scenarios need
of the portal, their steps in the report, and a useful message for a step that matches none.

``harness.plugin`` registers this module when pytest-bdd is installed (the repository's dev
extra; the harness itself runs without it). A step module builds a ``Vocabulary`` and
declares its steps with it instead of pytest-bdd's bare decorators:

    steps = Vocabulary("e2e.steps")

    @steps.when("je clique sur l'image correspondant au mot demandé", needs=("captcha_answer",))
    def _(page: Page, test_api: PortalTestApi) -> None:
        ...

- ``needs``: a scenario carries ``@pytest.mark.needs(...)`` with what its steps need, added
  at collection, so a scenario written from the vocabulary alone is skipped, with the
  reason, against a portal that lacks one, and never fails for a need it did not declare.
- ``Vocabulary.describe()`` lists every phrase with its parameters, the keyword it takes
  and what it needs (``python -m e2e.steps``, ``make steps``).
- A step that matches no phrase fails with the step quoted and the closest phrases that
  exist (``pytest_bdd_step_func_lookup_error``).
- Each scenario's report (terminal and HTML) gets a "Scénario" section: its steps, each
  marked passed, failed or not run.
"""

from __future__ import annotations

import difflib
import inspect
import os
import re
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import pytest
from pytest_bdd import given, parsers, then, when
from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.parser import Feature, Scenario, Step
from pytest_bdd.reporting import scenario_reports_registry
from pytest_bdd.scenario import scenario_wrapper_template_registry
from pytest_bdd.steps import step_function_context_registry

from .needs import MARKER

StepKind = Literal["given", "when", "then"]
Func = TypeVar("Func", bound=Callable[..., Any])

# The keyword each kind of step is written with, by the feature's language.
KEYWORDS: dict[str, dict[str, str]] = {
    "fr": {"given": "Soit", "when": "Quand", "then": "Alors"},
    "en": {"given": "Given", "when": "When", "then": "Then"},
}
_DECORATORS = {"given": given, "when": when, "then": then}
# A quoted value in a step, or a {placeholder} in a phrase: compared as one token, so that
# `"Forma24"` in a scenario is as close to `"{password}"` as to itself.
_QUOTED_VALUE = re.compile(r'"[^"]*"')
SECTION = "Scénario"


@dataclass(frozen=True)
class Phrase:
    """One step of the vocabulary, as a scenario writes it."""

    kind: StepKind
    text: str  # with its {parameters}
    needs: tuple[str, ...]
    help: str  # what the step does and what its parameters take (the function's docstring)
    example: str | None  # the step as a scenario writes it, for a phrase with parameters
    parser: parsers.StepParser = field(compare=False)

    def keyword(self, language: str = "fr") -> str:
        return KEYWORDS.get(language, KEYWORDS["en"])[self.kind]

    @property
    def parameters(self) -> list[str]:
        return re.findall(r"\{(\w+)(?::[^}]*)?\}", self.text)

    @property
    def written(self) -> str:
        return written(self.text)

    def matches(self, step: Step) -> bool:
        return step.type == self.kind and self.parser.is_matching(step.name)


def written(phrase: str) -> str:
    """The phrase as a scenario writer reads it: each parameter as ``{name}``, its type
    (``{times:d}``) left out."""
    return re.sub(r"\{(\w+):[^}]*\}", r"{\1}", phrase)


_VOCABULARIES: list[Vocabulary] = []


class Vocabulary:
    """The phrases of one step module, registered with pytest-bdd as it does (the step
    fixtures land in that module) and kept here for the needs, the listing and the message.
    """

    def __init__(self, module: str) -> None:
        self.module = module
        self.phrases: list[Phrase] = []
        _VOCABULARIES.append(self)

    def given(
        self,
        text: str,
        *,
        needs: Iterable[str] = (),
        example: str | None = None,
        **options: Any,
    ) -> Callable[[Func], Func]:
        return self._step("given", text, tuple(needs), example, options)

    def when(
        self,
        text: str,
        *,
        needs: Iterable[str] = (),
        example: str | None = None,
        **options: Any,
    ) -> Callable[[Func], Func]:
        return self._step("when", text, tuple(needs), example, options)

    def then(
        self,
        text: str,
        *,
        needs: Iterable[str] = (),
        example: str | None = None,
        **options: Any,
    ) -> Callable[[Func], Func]:
        return self._step("then", text, tuple(needs), example, options)

    def _step(
        self,
        kind: StepKind,
        text: str,
        needs: tuple[str, ...],
        example: str | None,
        options: dict[str, Any],
    ) -> Callable[[Func], Func]:
        parser = parsers.parse(text)

        def register(func: Func) -> Func:
            help_text = inspect.cleandoc(func.__doc__ or "")
            self.phrases.append(Phrase(kind, text, needs, help_text, example, parser))
            # stacklevel 2: pytest-bdd puts the step's fixture in the module that called
            # register(), the step module, not here.
            _DECORATORS[kind](parser, stacklevel=2, **options)(func)
            return func  # pytest-bdd's decorator returns it unchanged

        return register

    def describe(self) -> str:
        """The vocabulary as a scenario writer reads it."""
        lines = [
            f"Step vocabulary of {self.module}: {len(self.phrases)} phrases.",
            "A feature file starts with `# language: fr`. Write each phrase after its keyword:",
            "Soit, Quand or Alors (Et and Mais repeat the keyword above them). Write a value in",
            "place of each {parameter}, between the same quotes: each example shows one.",
            "needs: what the portal must offer. A scenario declares its steps' needs by itself,",
            "and is skipped, with the reason, against a portal that lacks one.",
            "",
        ]
        for kind in ("given", "when", "then"):
            for phrase in (p for p in self.phrases if p.kind == kind):
                lines.append(f"{phrase.keyword()} {phrase.written}")
                lines.extend(f"    {line}" for line in phrase.help.splitlines())
                if phrase.example:
                    lines.append(f"    example: {phrase.keyword()} {phrase.example}")
                if phrase.needs:
                    lines.append(f"    needs: {', '.join(phrase.needs)}")
                lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def _all_phrases() -> list[Phrase]:
    return [phrase for vocabulary in _VOCABULARIES for phrase in vocabulary.phrases]


# --- needs: declared from the steps --------------------------------------------------------


def scenario_of(item: pytest.Item) -> Scenario | None:
    """The scenario a pytest-bdd test runs, its outline's example filled in (None for a
    plain test)."""
    function = getattr(item, "function", None)
    template = scenario_wrapper_template_registry.get(function) if function else None  # type: ignore[arg-type]
    if template is None:
        return None
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get("_pytest_bdd_example", {}) if callspec else {}
    return template.render(example)


def needs_of(scenario: Scenario) -> set[str]:
    phrases = _all_phrases()
    return {
        need
        for step in scenario.steps
        for phrase in phrases
        if phrase.matches(step)
        for need in phrase.needs
    }


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        scenario = scenario_of(item)
        needs = needs_of(scenario) if scenario else set()
        if needs:
            item.add_marker(getattr(pytest.mark, MARKER)(*sorted(needs)))


# --- a step that matches nothing -----------------------------------------------------------


def _comparable(text: str) -> str:
    return _QUOTED_VALUE.sub('"…"', re.sub(r"\{\w+(?::[^}]*)?\}", "…", text))


def visible_phrases(request: pytest.FixtureRequest) -> list[tuple[str, str]]:
    """(kind, phrase) of every step definition this test can use, as pytest-bdd finds them
    (whether declared through a ``Vocabulary`` or not)."""
    manager = request._fixturemanager
    found: set[tuple[str, str]] = set()
    for name in get_fixture_names(fixturemanager=manager):
        for fixturedef in getfixturedefs(manager, name, request.node) or []:
            context = step_function_context_registry.get(fixturedef.func)
            if context is not None:
                found.add((context.type or "*", context.parser.name))
    return sorted(found)


def closest_phrases(
    text: str, phrases: Iterable[tuple[str, str]], n: int = 3
) -> list[tuple[str, str]]:
    by_comparable: dict[str, list[tuple[str, str]]] = {}
    for kind, phrase in phrases:
        by_comparable.setdefault(_comparable(phrase), []).append((kind, phrase))
    close = difflib.get_close_matches(_comparable(text), list(by_comparable), n=n, cutoff=0.5)
    return [entry for key in close for entry in by_comparable[key]][:n]


def unknown_step_message(
    step: Step, scenario: Scenario, feature: Feature, phrases: list[tuple[str, str]], path: str
) -> str:
    keywords = KEYWORDS.get(feature.language, KEYWORDS["en"])
    as_written = f"{step.keyword.strip()} {step.name}"
    lines = [
        f"Unknown step, line {step.line_number} of {path} (scenario {scenario.name!r}):",
        f"    {as_written}",
    ]
    same_text = [kind for kind, phrase in phrases if kind != step.type and _matches(phrase, step)]
    if same_text:
        lines.append(
            f"This phrase exists, but as a {keywords.get(same_text[0], same_text[0])} step "
            f"(this one is a {keywords.get(step.type, step.type)} step)."
        )
    close = closest_phrases(step.name, phrases)
    if close:
        lines.append("The closest phrases that exist:")
        lines.extend(f"    {keywords.get(kind, '*')} {written(phrase)}" for kind, phrase in close)
    else:
        lines.append("No phrase of the vocabulary is close to it.")
    lines.append("Every phrase: make steps (python -m e2e.steps)")
    return "\n".join(lines)


def _matches(phrase: str, step: Step) -> bool:
    try:
        return bool(parsers.parse(phrase).is_matching(step.name))
    except ValueError:
        return phrase == step.name


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    exception: Exception,
) -> None:
    __tracebackhide__ = True
    path = os.path.relpath(feature.filename, request.config.rootpath)
    message = unknown_step_message(step, scenario, feature, visible_phrases(request), path)
    pytest.fail(message, pytrace=False)


# --- the steps in the report -------------------------------------------------------------


def steps_section(item: pytest.Item) -> str | None:
    """The scenario's steps as run: ✔ passed, ✘ failed, · not run."""
    report = scenario_reports_registry.get(item)
    if report is None:
        return None
    scenario = report.scenario
    step_reports = report.step_reports
    failed_at = next((i for i, r in enumerate(step_reports) if r.failed), None)
    if failed_at is None and len(step_reports) < len(scenario.steps):
        failed_at = len(step_reports)  # its step definition was not found
    lines = [
        f"{scenario.feature.keyword}: {scenario.feature.name}",
        f"  {scenario.keyword}: {scenario.name}",
    ]
    for index, step in enumerate(scenario.steps):
        if failed_at is None or index < failed_at:
            mark = "✔"
        elif index == failed_at:
            mark = "✘"
        else:
            mark = "·"
        lines.append(f"    {mark} {step.keyword.strip()} {step.name}")
    return "\n".join(lines) + "\n"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.when == "call":
        section = steps_section(item)
        if section:
            report.sections.append((SECTION, section))
