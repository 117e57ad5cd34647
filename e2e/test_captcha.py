"""Step 4, `Passez le contrôle de sécurité`: the picture captcha, as the user sees it.

Each test starts at step 4 through the test API (the form is not replayed).
The test API's answer index is the oracle that tells the right tile from the
wrong ones; the page itself must never tell. The server's decisions (a spent,
expired, replaced or foreign challenge, the count of failures, what the markup
and the pictures give away) are in tests/test_signup_captcha.py; a wrong pick is
the scenario « Une image qui ne correspond pas au mot demandé est refusée ».
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from cpf.messages import CAPTCHA_REFRESHED, CAPTCHA_TOO_MANY_FAILURES
from e2e.expectations import expect_typed_data_kept_but_not_passwords
from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects.captcha import QUESTION, CaptchaPage, another_tile_than
from page_objects.cgu import CguPage
from page_objects.signup_form import SignupFormPage

pytestmark = pytest.mark.needs("signup_at_step")

MIN_TILES = 6  # the spec's "grid of at least 6 image tiles"
MAX_FAILURES = 3  # the portal's "repeated failures" (CAPTCHA_MAX_FAILURES)


@pytest.fixture
def captcha(page: Page, test_api: PortalTestApi, identity: Identity) -> CaptchaPage:
    """Step 4 open for a fresh identity, steps 1 to 3 done through the test API."""
    test_api.start_signup_at(4, identity)
    return CaptchaPage(page).open()


def test_captcha_asks_for_a_word_over_at_least_six_tiles_named_image_1_to_n(
    captcha: CaptchaPage,
) -> None:
    expect(captcha.question).to_have_text(re.compile(f"^{re.escape(QUESTION)} \\S"))
    tiles = captcha.tiles.all()
    assert len(tiles) >= MIN_TILES
    for number, tile in enumerate(tiles, start=1):
        expect(tile).to_have_accessible_name(f"Image {number}")
        expect(tile.locator("img")).to_be_visible()


@pytest.mark.smoke
@pytest.mark.needs("captcha_answer")
def test_right_tile_opens_the_cgu_step(captcha: CaptchaPage, test_api: PortalTestApi) -> None:
    cgu = captcha.pass_with(test_api.right_captcha_tile())
    expect(cgu.heading).to_have_text(CguPage.TITLE)
    expect(cgu.page).to_have_title(re.compile("^" + re.escape(CguPage.TITLE)))


@pytest.mark.needs("captcha_answer")
def test_three_wrong_picks_send_back_to_the_form_which_keeps_all_but_the_passwords(
    captcha: CaptchaPage, test_api: PortalTestApi, identity: Identity
) -> None:
    for _ in range(MAX_FAILURES - 1):
        captcha = captcha.fail_with_another_tile_than(test_api.right_captcha_tile())
    wrong = another_tile_than(test_api.right_captcha_tile(), captcha.tiles.count())
    form = captcha.fail_last_attempt_with(wrong)

    expect(form.heading).to_have_text(SignupFormPage.TITLE)
    expect(form.page_errors).to_have_text(CAPTCHA_TOO_MANY_FAILURES)
    expect_typed_data_kept_but_not_passwords(form, identity)
    # The passwords typed again are all it takes for a fresh check.
    again = form.fill_password(identity.password).continue_to_captcha()
    expect(again.tiles.first).to_be_visible()


def test_asking_for_other_images_gives_a_new_challenge(captcha: CaptchaPage) -> None:
    before = captcha.tile_image_sources()
    refreshed = captcha.ask_for_other_images()
    expect(refreshed.notices).to_have_text(CAPTCHA_REFRESHED)
    expect(refreshed.tiles.first).to_be_visible()
    assert not set(refreshed.tile_image_sources()) & set(before)
