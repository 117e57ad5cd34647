"""The French scenarios' machinery (harness.scenarios), on tiny features run by pytester:
a misspelt step's message, the needs a scenario takes from its steps, the steps in the
report. No browser, no portal: the tiny steps touch neither."""

from __future__ import annotations

import pytest

from e2e.steps import steps as e2e_steps

pytest_plugins = ["pytester"]

TINY_STEPS = '''
from pytest_bdd import scenarios

from harness.scenarios import Vocabulary

steps = Vocabulary("tiny")


@steps.given("j'en suis au formulaire")
def _() -> None:
    """The form is open."""


@steps.when("je clique sur « Continuer »")
def _() -> None:
    """Send the form."""


@steps.when('je remplis le formulaire avec le mot de passe "{password}"', needs=("clock",))
def _(password: str) -> None:
    """Type {password}."""


@steps.then("le contrôle de sécurité s'affiche")
def _() -> None:
    """The check is there."""


scenarios("tiny.feature")
'''


def tiny_feature(pytester: pytest.Pytester, *steps: str) -> None:
    pytester.makefile(
        ".feature",
        tiny="\n".join(
            [
                "# language: fr",
                "Fonctionnalité: Activer son compte CPF",
                "  Scénario: Envoyer le formulaire",
                *(f"    {step}" for step in steps),
                "",
            ]
        ),
    )
    pytester.makepyfile(test_tiny=TINY_STEPS)


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    # In this process: pytest-playwright's soft assertions allow one scope per process,
    # and these steps open no browser.
    return pytester.runpytest("-p", "no:playwright", "-p", "no:randomly", *args)


def test_misspelt_step_is_quoted_with_the_closest_phrases(pytester: pytest.Pytester) -> None:
    tiny_feature(
        pytester,
        "Soit j'en suis au formulaire",
        "Quand je clique sur « Continuez »",
        "Alors le contrôle de sécurité s'affiche",
    )
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*Unknown step, line 5 of *tiny.feature (scenario 'Envoyer le formulaire'):",
            "*    Quand je clique sur « Continuez »",
            "*The closest phrases that exist:",
            "*    Quand je clique sur « Continuer »",
        ]
    )
    # pytest-bdd's own error (and its traceback) gives way to the message.
    result.stdout.no_fnmatch_line("*StepDefinitionNotFoundError*")


def test_misspelt_step_with_a_value_names_the_phrase_with_its_parameter(
    pytester: pytest.Pytester,
) -> None:
    tiny_feature(
        pytester,
        "Soit j'en suis au formulaire",
        'Quand je remplie le formulaire avec le mot de passe "Forma24"',
    )
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            '*    Quand je remplie le formulaire avec le mot de passe "Forma24"',
            "*The closest phrases that exist:",
            '*    Quand je remplis le formulaire avec le mot de passe "{password}"',
        ]
    )


def test_phrase_under_the_wrong_keyword_says_which_keyword_it_takes(
    pytester: pytest.Pytester,
) -> None:
    tiny_feature(pytester, "Soit j'en suis au formulaire", "Alors je clique sur « Continuer »")
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*This phrase exists, but as a Quand step (this one is a Alors step)."]
    )


def test_step_far_from_every_phrase_says_so(pytester: pytest.Pytester) -> None:
    tiny_feature(pytester, "Soit le ciel est bleu")
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*No phrase of the vocabulary is close to it."])


def test_scenario_needs_what_its_steps_need(pytester: pytest.Pytester) -> None:
    tiny_feature(
        pytester,
        "Soit j'en suis au formulaire",
        'Quand je remplis le formulaire avec le mot de passe "Forma24"',
    )
    result = run(pytester, "--collect-only", "-q", "-m", "needs")
    result.stdout.fnmatch_lines(["*test_envoyer_le_formulaire*", "1 test collected*"])


def test_scenario_without_needs_carries_no_marker(pytester: pytest.Pytester) -> None:
    tiny_feature(pytester, "Soit j'en suis au formulaire", "Quand je clique sur « Continuer »")
    result = run(pytester, "--collect-only", "-q", "-m", "needs")
    result.stdout.fnmatch_lines(["*no tests collected (1 deselected)*"])


def test_report_lists_the_steps_as_they_ran(pytester: pytest.Pytester) -> None:
    tiny_feature(
        pytester,
        "Soit j'en suis au formulaire",
        "Quand je clique sur « Continuer »",
        "Alors le contrôle de sécurité s'affiche",
    )
    result = run(pytester, "-rP")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        [
            "*Scénario*",
            "Fonctionnalité: Activer son compte CPF",
            "  Scénario: Envoyer le formulaire",
            "    ✔ Soit j'en suis au formulaire",
            "    ✔ Quand je clique sur « Continuer »",
            "    ✔ Alors le contrôle de sécurité s'affiche",
        ]
    )


def test_report_marks_the_failed_step_and_those_not_run(pytester: pytest.Pytester) -> None:
    tiny_feature(
        pytester,
        "Soit j'en suis au formulaire",
        "Quand je clique sur « Continuez »",
        "Alors le contrôle de sécurité s'affiche",
    )
    result = run(pytester)
    result.stdout.fnmatch_lines(
        [
            "    ✔ Soit j'en suis au formulaire",
            "    ✘ Quand je clique sur « Continuez »",
            "    · Alors le contrôle de sécurité s'affiche",
        ]
    )


def test_vocabulary_lists_every_phrase_with_its_keyword_parameters_and_needs() -> None:
    listing = e2e_steps.describe()
    for phrase in e2e_steps.phrases:
        assert f"{phrase.keyword()} {phrase.written}\n" in listing
        if phrase.parameters:
            assert phrase.example, f"{phrase.text!r} has parameters but no example"
            assert f"example: {phrase.keyword()} {phrase.example}\n" in listing
    assert "    needs: captcha_answer\n" in listing


def test_each_example_is_a_step_its_phrase_takes() -> None:
    # An example that its own phrase cannot read would teach a step that fails.
    for phrase in e2e_steps.phrases:
        if phrase.example:
            assert phrase.parser.is_matching(phrase.example), phrase.example
