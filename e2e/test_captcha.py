"""Step 4, `Passez le contrôle de sécurité`: the picture captcha.

Each test starts at step 4 through the test API (the form is not replayed).
The test API's answer index is the oracle that tells the right tile from the
wrong ones; the page itself must never tell.
"""

from __future__ import annotations

import html
import itertools
import os
import re

import pytest
from playwright.sync_api import Page, expect

from cpf.messages import (
    CAPTCHA_EXPIRED,
    CAPTCHA_REFRESHED,
    CAPTCHA_TOO_MANY_FAILURES,
    CAPTCHA_USED,
    CAPTCHA_WRONG,
)
from e2e.expectations import expect_typed_data_kept_but_not_passwords
from harness.identities import Identity
from harness.needs import require
from harness.portal_test_api import PortalTestApi
from page_objects.captcha import QUESTION, CaptchaPage
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


@pytest.fixture
def vocabulary(request: pytest.FixtureRequest) -> dict[str, str]:
    """The mock's captcha words and what their pictures show: the markup must name none
    but the asked word (mock data: a real portal keeps its own list)."""
    require(request, "mock_data")
    from mock_site.signup.captcha import VOCABULARY

    return VOCABULARY


def wrong_tile(test_api: PortalTestApi) -> int:
    """A tile of the current challenge that is not the right one (always among the first 6)."""
    return test_api.right_captcha_tile() % MIN_TILES + 1


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _as_word(name: str) -> re.Pattern[str]:
    """``name`` as a whole word, so `cle` does not match inside `circle`."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


def test_captcha_asks_to_click_the_picture_of_a_word(
    captcha: CaptchaPage, vocabulary: dict[str, str]
) -> None:
    word = captcha.asked_word.inner_text()
    assert word in vocabulary
    expect(captcha.question).to_have_text(f"{QUESTION} {word}")


def test_captcha_shows_at_least_six_tiles_named_image_1_to_n_in_page_order(
    captcha: CaptchaPage,
) -> None:
    tiles = captcha.tiles.all()
    assert len(tiles) >= MIN_TILES
    for number, tile in enumerate(tiles, start=1):
        expect(tile).to_have_accessible_name(f"Image {number}")
        expect(tile.locator("img")).to_be_visible()


@pytest.mark.smoke
@pytest.mark.needs("captcha_answer")
def test_right_tile_opens_the_cgu_step(captcha: CaptchaPage, test_api: PortalTestApi) -> None:
    cgu = captcha.pass_with(test_api.right_captcha_tile())
    expect(cgu.heading).to_have_text("Clôturez votre inscription")
    expect(cgu.page).to_have_title(re.compile(r"^Clôturez votre inscription \(étape 5 sur 5\)"))


@pytest.mark.needs("captcha_answer")
def test_wrong_tile_gets_a_new_challenge(captcha: CaptchaPage, test_api: PortalTestApi) -> None:
    before = captcha.tile_image_sources()
    refused = captcha.fail_with(wrong_tile(test_api))
    expect(refused.tiles.first).to_be_visible()
    assert not set(refused.tile_image_sources()) & set(before)


@pytest.mark.needs("captcha_answer")
def test_wrong_tile_does_not_open_the_cgu_step(
    captcha: CaptchaPage, test_api: PortalTestApi
) -> None:
    captcha.fail_with(wrong_tile(test_api))
    # The step guard sends a direct visit of step 5 back to step 4.
    captcha.page.goto(CguPage.PATH)
    expect(CaptchaPage(captcha.page).wait_until_loaded().heading).to_have_text(
        "Passez le contrôle de sécurité"
    )


def current_challenge_id(page: Page, base_url: str) -> str | None:
    """The id of the session's current, unspent challenge, from the test API's oracle
    (None when there is none)."""
    response = page.request.get(f"{base_url}/__test__/captcha")
    return None if response.status == 404 else str(response.json()["challenge"])


@pytest.mark.needs("captcha_answer")
def test_spent_challenge_is_refused_even_with_the_right_tile(
    captcha: CaptchaPage, test_api: PortalTestApi, base_url: str
) -> None:
    spent_id = current_challenge_id(captcha.page, base_url)
    # What the browser would post for the RIGHT tile of this challenge, kept for later.
    replayed: dict[str, str | float | bool] = {
        **captcha.answer_form_fields(),
        "tile": str(test_api.captcha_answer_index()),
    }
    assert replayed["challenge"] == spent_id
    next_one = captcha.fail_with(wrong_tile(test_api))  # a wrong pick spends it
    expect(next_one.error).to_have_text(CAPTCHA_WRONG)

    # Same session, same CSRF token: only the challenge's single use stands in the way.
    response = captcha.page.request.post(base_url + CaptchaPage.PATH, form=replayed)

    assert path_of(response.url) == CaptchaPage.PATH
    assert CAPTCHA_USED in html.unescape(response.text())
    assert current_challenge_id(captcha.page, base_url) not in (None, spent_id)
    captcha.page.goto(CguPage.PATH)  # step 5 is still closed
    expect(CaptchaPage(captcha.page).wait_until_loaded().heading).to_have_text(
        "Passez le contrôle de sécurité"
    )


@pytest.mark.needs("captcha_answer", "captcha_state")
def test_expired_challenge_is_refused_with_a_message_and_a_new_challenge(
    captcha: CaptchaPage, test_api: PortalTestApi
) -> None:
    before = captcha.tile_image_sources()
    right = test_api.right_captcha_tile()
    test_api.expire_captcha()

    refused = captcha.fail_with(right)  # the right picture, but too late

    expect(refused.error).to_have_text(CAPTCHA_EXPIRED)
    expect(refused.tiles.first).to_be_visible()
    assert not set(refused.tile_image_sources()) & set(before)


@pytest.mark.needs("captcha_answer")
def test_two_wrong_picks_leave_the_check_open(
    captcha: CaptchaPage, test_api: PortalTestApi
) -> None:
    for _ in range(MAX_FAILURES - 1):
        captcha = captcha.fail_with(wrong_tile(test_api))
    expect(captcha.error).to_have_text(CAPTCHA_WRONG)
    cgu = captcha.pass_with(test_api.right_captcha_tile())
    expect(cgu.heading).to_have_text("Clôturez votre inscription")


def _fail_too_often(captcha: CaptchaPage, test_api: PortalTestApi) -> SignupFormPage:
    for _ in range(MAX_FAILURES - 1):
        captcha = captcha.fail_with(wrong_tile(test_api))
    return captcha.fail_last_attempt_with(wrong_tile(test_api))


@pytest.mark.needs("captcha_answer")
def test_three_wrong_picks_send_back_to_the_form_with_a_message(
    captcha: CaptchaPage, test_api: PortalTestApi
) -> None:
    form = _fail_too_often(captcha, test_api)
    expect(form.heading).to_have_text("Remplissez le formulaire")
    expect(form.notices).to_have_text(CAPTCHA_TOO_MANY_FAILURES)


@pytest.mark.needs("captcha_answer")
def test_form_keeps_the_typed_data_but_not_the_passwords_after_too_many_failures(
    captcha: CaptchaPage, test_api: PortalTestApi, identity: Identity
) -> None:
    form = _fail_too_often(captcha, test_api)
    expect_typed_data_kept_but_not_passwords(form, identity)


@pytest.mark.needs("captcha_answer")
def test_after_too_many_failures_the_check_is_closed_until_the_form_is_sent_again(
    captcha: CaptchaPage, test_api: PortalTestApi, identity: Identity
) -> None:
    form = _fail_too_often(captcha, test_api)
    form.page.goto(CaptchaPage.PATH)
    form = SignupFormPage(form.page).wait_until_loaded()
    expect(form.heading).to_have_text("Remplissez le formulaire")

    # Typing the passwords again opens a fresh check.
    again = form.fill_password(identity.password).continue_to_captcha()
    expect(again.tiles.first).to_be_visible()


def test_asking_for_other_images_gives_a_new_challenge(captcha: CaptchaPage) -> None:
    before = captcha.tile_image_sources()
    refreshed = captcha.ask_for_other_images()
    expect(refreshed.info).to_have_text(CAPTCHA_REFRESHED)
    expect(refreshed.tiles.first).to_be_visible()
    assert not set(refreshed.tile_image_sources()) & set(before)


@pytest.mark.needs("captcha_answer")
def test_asking_for_other_images_spends_the_shown_challenge(
    captcha: CaptchaPage, test_api: PortalTestApi
) -> None:
    old_sources = captcha.tile_image_sources()
    refreshed = captcha.ask_for_other_images()
    # The old tiles' URLs no longer serve a picture: they belonged to that challenge only.
    for source in old_sources:
        assert refreshed.page.request.get(source).status == 404
    cgu = refreshed.pass_with(test_api.right_captcha_tile())
    expect(cgu.heading).to_have_text("Clôturez votre inscription")


def test_page_markup_names_no_picture_but_the_asked_word_once(
    captcha: CaptchaPage, vocabulary: dict[str, str]
) -> None:
    word = captcha.asked_word.inner_text()
    html = captcha.page.content()
    # The asked word is in the question, and nowhere else (not next to its tile).
    assert len(_as_word(word).findall(html)) == 1
    if vocabulary[word].lower() != word.lower():
        assert not _as_word(vocabulary[word]).search(html)
    # The other pictures (some of them the wrong tiles) are not named at all.
    for other_word, picture in vocabulary.items():
        if other_word != word:
            assert not _as_word(other_word).search(html), other_word
            assert not _as_word(picture).search(html), picture


def test_no_attribute_or_image_url_names_a_picture(
    captcha: CaptchaPage, vocabulary: dict[str, str]
) -> None:
    attributes: list[str] = captcha.page.evaluate(
        "() => [...document.querySelectorAll('*')].flatMap("
        "element => [...element.attributes].map(attribute => attribute.value))"
    )
    attributes += captcha.tile_image_sources()  # resolved URLs, file name included
    names = [*vocabulary, *vocabulary.values()]
    for value in attributes:
        for name in names:
            assert not _as_word(name).search(value), f"{name!r} in {value!r}"


def test_tile_pictures_do_not_name_what_they_show(
    captcha: CaptchaPage, vocabulary: dict[str, str]
) -> None:
    names = [*vocabulary, *vocabulary.values()]
    for source in captcha.tile_image_sources():
        response = captcha.page.request.get(source)
        assert response.ok
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert "content-disposition" not in response.headers  # no file name given either
        svg = response.text()
        for name in names:
            assert not _as_word(name).search(svg), f"{name!r} in the picture at {source}"


def test_asked_word_varies_between_challenges(
    captcha: CaptchaPage, vocabulary: dict[str, str]
) -> None:
    assert len(vocabulary) >= 8  # enough words for the asked one to be a guess
    asked = {captcha.asked_word.inner_text()}
    # Bounded: with 8+ words, 13 draws giving fewer than 3 words is a ~1e-7 fluke.
    for _ in range(12):
        if len(asked) >= 3:
            break
        captcha = captcha.ask_for_other_images()
        asked.add(captcha.asked_word.inner_text())
    assert asked <= set(vocabulary)
    assert len(asked) >= 3, asked


TILE_IMAGE_URL = re.compile(r'src="(?P<path>[^"]*/images/)(?P<token>[^"/?#]+)"')


@pytest.mark.needs("captcha_answer")
def test_right_tile_markup_is_identical_to_the_wrong_ones(
    captcha: CaptchaPage, test_api: PortalTestApi
) -> None:
    outer_htmls: list[str] = captcha.tiles.evaluate_all("tiles => tiles.map(t => t.outerHTML)")
    tokens: list[str] = []
    blanked: list[str] = []
    for number, markup in enumerate(outer_htmls, start=1):
        url = TILE_IMAGE_URL.search(markup)
        assert url, markup
        tokens.append(url["token"])
        # Blank what must differ per tile: its picture token, its name, its position.
        markup = markup.replace(url["token"], "TOKEN")
        markup = markup.replace(f"Image {number}", "Image N")
        markup = re.sub(r'value="\d+"', 'value="N"', markup)
        blanked.append(markup)
    right = blanked[test_api.captcha_answer_index()]
    assert blanked == [right] * len(blanked), "the right tile's markup stands out"

    # The picture tokens give nothing away either: unique, long, random, unordered.
    assert len(set(tokens)) == len(tokens)
    assert all(len(token) >= 16 for token in tokens), tokens
    assert len({len(token) for token in tokens}) == 1, tokens  # no odd one out
    assert len(os.path.commonprefix(tokens)) <= 2, tokens
    assert not any(token.isdigit() for token in tokens), tokens
    for one, other in itertools.combinations(tokens, 2):
        assert len(os.path.commonprefix([one, other])) < 6, (one, other)
