"""A whole signup journey's trace holds what a person opening it needs to see.

``make trace`` records the same journey with pytest-playwright's ``--tracing
on``; here the test records its own context (the plugin traces only the
contexts it makes), then opens the zip as ``harness.traces`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from cpf.messages import ACCOUNT_ACTIVATED
from harness.fixtures import TestApiFor
from harness.identities import Identity
from harness.journeys import sign_up_through_the_ui
from harness.traces import read_trace
from page_objects.accueil import AccueilPage
from page_objects.activated import ActivatedPage
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.signup_form import SignupFormPage

pytestmark = pytest.mark.journey

FIVE_STEPS = (AccueilPage, ConnexionPage, SignupFormPage, CaptchaPage, CguPage)


def first_titled(titles: list[str], title: str) -> int:
    return next((index for index, seen in enumerate(titles) if seen.startswith(title)), -1)


@pytest.mark.needs("captcha_answer", "create_accounts")
def test_signup_trace_holds_the_journeys_actions_and_the_five_steps(
    browser: Browser,
    browser_context_args: dict[str, Any],
    test_api_for: TestApiFor,
    identity: Identity,
    tmp_path: Path,
) -> None:
    context = browser.new_context(**browser_context_args)
    trace_zip = tmp_path / "trace.zip"
    try:
        context.tracing.start(snapshots=True, screenshots=False)
        page = context.new_page()
        activated = sign_up_through_the_ui(page, test_api_for(page), identity)
        expect(activated.heading).to_have_text(ACCOUNT_ACTIVATED)
        context.tracing.stop(path=trace_zip)
    finally:
        context.close()

    trace = read_trace(trace_zip)

    # Each step's page, by its title, in the order of the journey.
    order = [first_titled(trace.page_titles, step.TITLE) for step in (*FIVE_STEPS, ActivatedPage)]
    assert -1 not in order, f"a step is missing from the trace's pages: {trace.page_titles}"
    assert order == sorted(order), f"steps out of order: {trace.page_titles}"
    assert {step.PATH for step in FIVE_STEPS} <= set(trace.page_paths)
    calls = [str(action) for action in trace.actions]
    assert "Frame.goto /" in calls
    for control in (
        'label="Numéro de sécurité sociale"',
        'button[name="Continuer"',
        'button[name="Image ',
        "role=checkbox",
        'button[name="S\'inscrire"',
    ):
        assert any(control in call for call in calls), f"no action on {control}: {calls}"


def test_the_suites_traces_hold_each_action_and_the_dom_and_pictures_asked_for(
    pytestconfig: pytest.Config, context: BrowserContext, page: Page, tmp_path: Path
) -> None:
    """What ``--tracing`` keeps of this very test: the trace the harness's new_context starts,
    with the DOM unless --light-traces, with a screencast only under --trace-screencast."""
    if pytestconfig.getoption("--tracing") == "off":
        pytest.skip("the suites trace only under --tracing on / retain-on-failure")
    ConnexionPage(page).open().sign_up()
    trace_zip = tmp_path / "chunk.zip"
    context.tracing.stop_chunk(path=trace_zip)  # what was traced so far
    context.tracing.start_chunk()  # the plugin still stops this trace when the test ends

    trace = read_trace(trace_zip)

    assert [action.url for action in trace.actions if action.api == "Frame.goto"] == [
        ConnexionPage.PATH
    ]
    assert any(action.api == "Frame.click" for action in trace.actions)
    if pytestconfig.getoption("light_traces"):
        assert trace.dom_snapshots == 0
    else:
        assert trace.page_paths[-2:] == [ConnexionPage.PATH, SignupFormPage.PATH]
    assert (trace.screencast_frames > 0) == pytestconfig.getoption("trace_screencast")
