"""Step 4, "Passez le contrôle de sécurité": the challenge, its answers, its pictures."""

from __future__ import annotations

import itertools
import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from mock_site import create_app
from mock_site.signup import captcha as signup_captcha
from werkzeug.test import TestResponse

from cpf.messages import (
    CAPTCHA_EXPIRED,
    CAPTCHA_NO_ANSWER,
    CAPTCHA_TOO_MANY_FAILURES,
    CAPTCHA_USED,
    CAPTCHA_WRONG,
)
from harness.identities import Identity
from page_objects.captcha import CaptchaPage

from .html_page import Element, ParsedPage, page
from .portal_client import (
    CAPTCHA_REFRESH_URL,
    CAPTCHA_URL,
    CGU_URL,
    FORM_URL,
    captcha_info,
    flow_row,
    form_data,
    put_flow,
    query,
    wrong_tile,
)

IMAGE_URL = re.compile(r"^/inscription/controle-securite/images/[A-Za-z0-9_-]{16,}$")
TILE_MARKUP = re.compile(r'<button[^>]*class="captcha-tile".*?</button>', re.DOTALL)
TILE_IMAGE_URL = re.compile(r'src="(?P<path>[^"]*/images/)(?P<token>[^"/?#]+)"')


@pytest.fixture
def at_captcha(client: FlaskClient, identity: Identity) -> FlaskClient:
    put_flow(client, 4, identity)
    return client


def show(client: FlaskClient) -> ParsedPage:
    response = client.get(CAPTCHA_URL)
    assert response.status_code == 200
    return page(response)


def answer(client: FlaskClient, tile: int | None, challenge: str | None = None) -> TestResponse:
    data: dict[str, object] = {"challenge": challenge or captcha_info(client)["challenge"]}
    if tile is not None:
        data["tile"] = tile
    return client.post(CAPTCHA_URL, data=data)


def answer_wrong(client: FlaskClient) -> TestResponse:
    show(client)
    return answer(client, wrong_tile(client))


def alerts(shown: ParsedPage) -> list[str]:
    return [" ".join(e.text.split()) for e in shown.page_errors]


def tile_buttons(shown: ParsedPage) -> list[Element]:
    return [b for b in shown.find_all("button") if "captcha-tile" in str(b.attrs.get("class"))]


def tile_images(shown: ParsedPage) -> list[str]:
    return [str(img.attrs["src"]) for b in tile_buttons(shown) for img in b.children]


def as_word(name: str) -> re.Pattern[str]:
    """``name`` as a whole word, so `cle` does not match inside `circle`."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


# --- The page -----------------------------------------------------------------


def test_captcha_page_has_title_h1_and_stepper(at_captcha: FlaskClient) -> None:
    shown = show(at_captcha)
    assert shown.title.startswith(f"{CaptchaPage.TITLE} (étape 4 sur 5)")
    assert shown.h1 == [CaptchaPage.TITLE]
    assert "Étape 4 sur 5" in shown.text_of("p")


def test_captcha_asks_to_click_the_picture_of_a_word(at_captcha: FlaskClient) -> None:
    html = at_captcha.get(CAPTCHA_URL).get_data(as_text=True)
    word = captcha_info(at_captcha)["word"]
    assert word in signup_captcha.VOCABULARY
    assert f"Cliquez sur l'image correspondant au mot <strong>{word}</strong>" in html.replace(
        "&#39;", "'"
    )


def test_vocabulary_has_at_least_12_words_each_with_its_own_picture() -> None:
    assert len(signup_captcha.VOCABULARY) >= 12
    assert "T-Shirt" in signup_captcha.VOCABULARY
    pictures = {signup_captcha.picture_svg(p) for p in signup_captcha.VOCABULARY.values()}
    assert len(pictures) == len(signup_captcha.VOCABULARY)


@pytest.mark.parametrize(("word", "picture"), signup_captcha.VOCABULARY.items())
def test_picture_does_not_name_what_it_shows(word: str, picture: str) -> None:
    svg = signup_captcha.picture_svg(picture).decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    for forbidden in ("<title", "<desc", "<text", "<metadata", "<!--", "<?"):
        assert forbidden not in svg
    # Nothing but drawing: no text between tags, no attribute naming the subject.
    assert re.sub(r"<[^>]*>", "", svg).strip() == ""
    attributes = re.findall(r'\s([a-zA-Z:-]+)="([^"]*)"', svg)
    assert not {name for name, _ in attributes} & {"id", "class", "aria-label", "data-name"}
    for _, value in attributes:
        assert word.lower() not in value.lower()
        assert picture not in value


def test_grid_has_9_tile_buttons_named_image_1_to_9(at_captcha: FlaskClient) -> None:
    buttons = tile_buttons(show(at_captcha))
    assert [b.attrs.get("aria-label") for b in buttons] == [f"Image {n}" for n in range(1, 10)]
    assert all(b.attrs.get("type") == "submit" for b in buttons)


def test_tiles_are_images_with_empty_alt_from_opaque_urls(at_captcha: FlaskClient) -> None:
    shown = show(at_captcha)
    images = [img for b in tile_buttons(shown) for img in b.children if img.tag == "img"]
    assert len(images) == 9
    assert all(img.attrs.get("alt") == "" for img in images)
    assert all(IMAGE_URL.match(str(img.attrs["src"])) for img in images)
    assert len({img.attrs["src"] for img in images}) == 9


def test_answer_appears_nowhere_in_the_page_but_the_question(at_captcha: FlaskClient) -> None:
    html = at_captcha.get(CAPTCHA_URL).get_data(as_text=True)
    word = captcha_info(at_captcha)["word"]
    picture = signup_captcha.VOCABULARY[word]
    without_question = html.replace(f"<strong>{word}</strong>", "", 1)
    assert word not in without_question
    for name in signup_captcha.VOCABULARY.values():
        assert name not in re.sub(r"<title>.*?</title>", "", without_question)
    assert picture not in " ".join(tile_images(page(at_captcha.get(CAPTCHA_URL))))


def test_page_names_no_picture_but_the_asked_word_once(at_captcha: FlaskClient) -> None:
    html = at_captcha.get(CAPTCHA_URL).get_data(as_text=True)
    word = captcha_info(at_captcha)["word"]
    # The asked word is in the question, and nowhere else (not next to its tile).
    assert len(as_word(word).findall(html)) == 1
    picture = signup_captcha.VOCABULARY[word]
    if picture.lower() != word.lower():
        assert not as_word(picture).search(html)
    # The other pictures (some of them the wrong tiles) are not named at all.
    for other_word, other_picture in signup_captcha.VOCABULARY.items():
        if other_word != word:
            assert not as_word(other_word).search(html), other_word
            assert not as_word(other_picture).search(html), other_picture


def test_no_attribute_or_image_url_names_a_picture(at_captcha: FlaskClient) -> None:
    shown = show(at_captcha)
    values = [str(value) for e in shown.elements for value in e.attrs.values() if value]
    names = [*signup_captcha.VOCABULARY, *signup_captcha.VOCABULARY.values()]
    for value in values:
        for name in names:
            assert not as_word(name).search(value), f"{name!r} in {value!r}"


def test_right_tile_markup_is_identical_to_the_wrong_ones(at_captcha: FlaskClient) -> None:
    html = at_captcha.get(CAPTCHA_URL).get_data(as_text=True)
    tokens: list[str] = []
    blanked: list[str] = []
    for number, markup in enumerate(TILE_MARKUP.findall(html), start=1):
        url = TILE_IMAGE_URL.search(markup)
        assert url, markup
        tokens.append(url["token"])
        # Blank what must differ per tile: its picture token, its name, its position.
        markup = markup.replace(url["token"], "TOKEN")
        markup = markup.replace(f"Image {number}", "Image N")
        markup = re.sub(r'value="\d+"', 'value="N"', markup)
        blanked.append(markup)
    assert len(blanked) == at_captcha.application.config["CAPTCHA_TILES"]
    right = blanked[captcha_info(at_captcha)["index"]]
    assert blanked == [right] * len(blanked), "the right tile's markup stands out"

    # The picture tokens give nothing away either: unique, long, random, unordered.
    assert len(set(tokens)) == len(tokens)
    assert all(len(token) >= 16 for token in tokens), tokens
    assert len({len(token) for token in tokens}) == 1, tokens  # no odd one out
    assert len(os.path.commonprefix(tokens)) <= 2, tokens
    assert not any(token.isdigit() for token in tokens), tokens
    for one, other in itertools.combinations(tokens, 2):
        assert len(os.path.commonprefix([one, other])) < 6, (one, other)


def test_exactly_one_tile_shows_the_word_and_the_others_distinct_words(
    at_captcha: FlaskClient,
) -> None:
    srcs = tile_images(show(at_captcha))
    info = captcha_info(at_captcha)
    by_bytes = {signup_captcha.picture_svg(p): p for p in signup_captcha.VOCABULARY.values()}
    shown_pictures = [by_bytes[at_captcha.get(src).get_data()] for src in srcs]
    asked = signup_captcha.VOCABULARY[info["word"]]
    assert shown_pictures.count(asked) == 1
    assert shown_pictures.index(asked) == info["index"]
    assert len(set(shown_pictures)) == 9


def test_tile_picture_is_svg_and_never_cached(at_captcha: FlaskClient) -> None:
    response = at_captcha.get(tile_images(show(at_captcha))[0])
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Content-Disposition" not in response.headers  # no file name given either


def test_tile_picture_is_not_served_to_another_session(
    app: Flask, at_captcha: FlaskClient, identity: Identity
) -> None:
    src = tile_images(show(at_captcha))[0]
    stranger = app.test_client()
    assert stranger.get(src).status_code == 404
    put_flow(stranger, 4, identity.with_(email="autre." + identity.email))
    stranger.get(CAPTCHA_URL)
    assert stranger.get(src).status_code == 404


def test_tile_picture_of_a_replaced_challenge_is_no_longer_served(
    at_captcha: FlaskClient,
) -> None:
    src = tile_images(show(at_captcha))[0]
    at_captcha.post(CAPTCHA_REFRESH_URL)
    assert at_captcha.get(src).status_code == 404


def test_challenge_is_stored_with_its_expiry(app: Flask, at_captcha: FlaskClient) -> None:
    show(at_captcha)
    info = captcha_info(at_captcha)
    row = query(app, "SELECT * FROM captcha_challenge WHERE id = ?", (info["challenge"],))[0]
    expires = datetime.fromisoformat(row["expires_at"])
    expected = datetime.now(UTC) + timedelta(seconds=app.config["CAPTCHA_TTL_SECONDS"])
    assert abs((expires - expected).total_seconds()) < 30
    assert row["answer_index"] == info["index"]
    assert len(json.loads(row["tiles"])) == app.config["CAPTCHA_TILES"]
    assert row["used"] == 0


def test_reloading_the_page_keeps_the_same_challenge(at_captcha: FlaskClient) -> None:
    first = tile_images(show(at_captcha))
    assert tile_images(show(at_captcha)) == first


def test_challenge_id_is_posted_in_a_hidden_field(at_captcha: FlaskClient) -> None:
    shown = show(at_captcha)
    hidden = shown.find_all("input", name="challenge")
    assert [h.attrs.get("type") for h in hidden] == ["hidden"]
    assert hidden[0].attrs.get("value") == captcha_info(at_captcha)["challenge"]


# --- Answers ------------------------------------------------------------------


def test_right_tile_opens_the_cgu_step(app: Flask, at_captcha: FlaskClient) -> None:
    show(at_captcha)
    response = answer(at_captcha, captcha_info(at_captcha)["index"])
    assert response.location == CGU_URL
    row = flow_row(app, at_captcha)
    assert row is not None
    assert (row["step"], row["captcha_failures"]) == (5, 0)


def test_wrong_tile_is_refused_with_a_message_and_a_new_challenge(
    app: Flask, at_captcha: FlaskClient
) -> None:
    show(at_captcha)
    before = captcha_info(at_captcha)["challenge"]
    response = answer(at_captcha, wrong_tile(at_captcha))
    assert response.location == CAPTCHA_URL
    shown = show(at_captcha)
    assert alerts(shown) == [CAPTCHA_WRONG]
    assert captcha_info(at_captcha)["challenge"] != before
    row = flow_row(app, at_captcha)
    assert row is not None
    assert (row["step"], row["captcha_failures"]) == (4, 1)


def test_missing_tile_is_refused_without_counting_a_failure(
    app: Flask, at_captcha: FlaskClient
) -> None:
    show(at_captcha)
    assert answer(at_captcha, None).location == CAPTCHA_URL
    row = flow_row(app, at_captcha)
    assert row is not None
    assert (row["step"], row["captcha_failures"]) == (4, 0)
    assert alerts(show(at_captcha)) == [CAPTCHA_NO_ANSWER]


def test_tile_outside_the_grid_is_a_wrong_answer(app: Flask, at_captcha: FlaskClient) -> None:
    show(at_captcha)
    answer(at_captcha, 42)
    row = flow_row(app, at_captcha)
    assert row is not None
    assert (row["step"], row["captcha_failures"]) == (4, 1)


def test_two_wrong_tiles_then_the_right_one_pass(app: Flask, at_captcha: FlaskClient) -> None:
    answer_wrong(at_captcha)
    answer_wrong(at_captcha)
    show(at_captcha)
    assert answer(at_captcha, captcha_info(at_captcha)["index"]).location == CGU_URL


def test_three_wrong_tiles_send_back_to_the_form_with_a_message(
    app: Flask, at_captcha: FlaskClient, identity: Identity
) -> None:
    answer_wrong(at_captcha)
    answer_wrong(at_captcha)
    response = answer_wrong(at_captcha)
    assert response.location == FORM_URL
    row = flow_row(app, at_captcha)
    assert row is not None
    assert (row["step"], row["captcha_failures"]) == (3, 0)
    data = json.loads(row["data"])
    assert data["nir"] == identity.compact_nir
    assert "password_hash" not in data
    shown = page(at_captcha.get(FORM_URL))
    assert alerts(shown) == [CAPTCHA_TOO_MANY_FAILURES]
    assert shown.by_id("email").attrs.get("value") == identity.email
    assert at_captcha.get(CAPTCHA_URL).location == FORM_URL
    # The form sent again, passwords typed again: a fresh check opens.
    assert at_captcha.post(FORM_URL, data=form_data(identity)).location == CAPTCHA_URL
    assert tile_buttons(show(at_captcha))
    row = flow_row(app, at_captcha)
    assert row is not None
    assert (row["step"], row["captcha_failures"]) == (4, 0)


def test_challenge_is_single_use_even_with_the_right_tile(
    app: Flask, at_captcha: FlaskClient
) -> None:
    show(at_captcha)
    info = captcha_info(at_captcha)
    answer(at_captcha, wrong_tile(at_captcha), info["challenge"])
    show(at_captcha)
    response = answer(at_captcha, info["index"], info["challenge"])
    assert response.location == CAPTCHA_URL
    assert alerts(show(at_captcha)) == [CAPTCHA_USED]
    assert captcha_info(at_captcha)["challenge"] != info["challenge"]
    row = flow_row(app, at_captcha)
    assert row is not None
    assert row["step"] == 4
    assert at_captcha.get(CGU_URL).location == CAPTCHA_URL  # step 5 is still closed


def test_expired_challenge_is_refused_even_with_the_right_tile(
    app: Flask, at_captcha: FlaskClient
) -> None:
    show(at_captcha)
    info = captcha_info(at_captcha)
    assert at_captcha.post("/__test__/captcha/expire").status_code == 200
    response = answer(at_captcha, info["index"], info["challenge"])
    assert response.location == CAPTCHA_URL
    assert alerts(show(at_captcha)) == [CAPTCHA_EXPIRED]
    assert captcha_info(at_captcha)["challenge"] != info["challenge"]
    row = flow_row(app, at_captcha)
    assert row is not None
    assert (row["step"], row["captcha_failures"]) == (4, 0)


def test_expired_challenge_is_replaced_when_the_page_is_shown(at_captcha: FlaskClient) -> None:
    show(at_captcha)
    first = captcha_info(at_captcha)["challenge"]
    at_captcha.post("/__test__/captcha/expire")
    show(at_captcha)
    assert captcha_info(at_captcha)["challenge"] != first


def test_challenge_of_another_session_is_refused(
    app: Flask, at_captcha: FlaskClient, identity: Identity
) -> None:
    other = app.test_client()
    put_flow(other, 4, identity.with_(email="autre." + identity.email))
    show(other)
    foreign = captcha_info(other)
    show(at_captcha)
    response = answer(at_captcha, foreign["index"], foreign["challenge"])
    assert response.location == CAPTCHA_URL
    row = flow_row(app, at_captcha)
    assert row is not None
    assert row["step"] == 4
    assert alerts(show(at_captcha)) == [CAPTCHA_USED]


def test_replaced_challenge_is_refused(app: Flask, at_captcha: FlaskClient) -> None:
    show(at_captcha)
    old = captcha_info(at_captcha)
    at_captcha.post(CAPTCHA_REFRESH_URL)
    answer(at_captcha, old["index"], old["challenge"])
    row = flow_row(app, at_captcha)
    assert row is not None
    assert row["step"] == 4


# --- Another challenge on request ---------------------------------------------


def test_page_offers_other_pictures_on_request(at_captcha: FlaskClient) -> None:
    shown = show(at_captcha)
    forms = shown.find_all("form", action=CAPTCHA_REFRESH_URL)
    assert len(forms) == 1
    assert [b.text.strip() for b in forms[0].children if b.tag == "button"] == [
        "Afficher d'autres images"
    ]


def test_asking_for_other_pictures_gives_a_new_challenge(
    app: Flask, at_captcha: FlaskClient
) -> None:
    show(at_captcha)
    first = captcha_info(at_captcha)["challenge"]
    assert at_captcha.post(CAPTCHA_REFRESH_URL).location == CAPTCHA_URL
    show(at_captcha)
    assert captcha_info(at_captcha)["challenge"] != first
    row = flow_row(app, at_captcha)
    assert row is not None
    assert row["captcha_failures"] == 0
    assert alerts(show(at_captcha)) == []
    assert answer(at_captcha, captcha_info(at_captcha)["index"]).location == CGU_URL


def test_asked_word_varies_between_challenges(at_captcha: FlaskClient) -> None:
    assert len(signup_captcha.VOCABULARY) >= 8  # enough words for the asked one to be a guess
    show(at_captcha)
    asked = {captcha_info(at_captcha)["word"]}
    # Bounded: with 8+ words, 13 draws giving fewer than 3 words is a ~1e-7 fluke.
    for _ in range(12):
        if len(asked) >= 3:
            break
        at_captcha.post(CAPTCHA_REFRESH_URL)
        show(at_captcha)
        asked.add(captcha_info(at_captcha)["word"])
    assert asked <= set(signup_captcha.VOCABULARY)
    assert len(asked) >= 3, asked


# --- The test API -------------------------------------------------------------


def test_test_api_has_no_captcha_before_the_page_is_shown(at_captcha: FlaskClient) -> None:
    assert at_captcha.get("/__test__/captcha").status_code == 404
    assert at_captcha.post("/__test__/captcha/expire").status_code == 404


def test_test_api_has_no_captcha_once_it_is_answered(at_captcha: FlaskClient) -> None:
    show(at_captcha)
    answer(at_captcha, captcha_info(at_captcha)["index"])
    assert at_captcha.get("/__test__/captcha").status_code == 404


def test_test_api_captcha_is_absent_outside_test_mode(tmp_path: Path) -> None:
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "p.sqlite3"),
            "TEST_MODE": False,
            "SECRET_KEY": "tests",
        }
    )
    assert app.test_client().get("/__test__/captcha").status_code == 404
