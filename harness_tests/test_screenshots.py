"""The screenshot assertion's own logic, without a browser (harness/screenshots.py):
naming, the comparison, what a mismatch or a missing baseline leaves behind, the
report's side-by-side row. The browser half is e2e/test_visual.py."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from pixelmatch.contrib.PIL import pixelmatch

from harness import screenshots
from harness.screenshots import (
    ExpectScreenshot,
    Mismatch,
    ScreenshotMismatch,
    compare,
    side_by_side_html,
    snapshot_folder,
    snapshot_suffix,
)


def page_picture(size: tuple[int, int] = (320, 240), button: str = "#000091") -> Image.Image:
    """A page-like picture: text lines, and a button in ``button``'s colour."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for top in range(10, size[1] - 60, 18):
        draw.text((10, top), "Clôturez votre inscription, étape 5 sur 5", fill="#161616")
    draw.rectangle((20, size[1] - 50, 140, size[1] - 20), fill=button)
    draw.text((40, size[1] - 42), "S'inscrire", fill="white")
    return image


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_baselines_are_named_for_browser_device_and_platform() -> None:
    assert snapshot_suffix("chromium", None, "linux") == "chromium-linux"
    assert snapshot_suffix("chromium", "Pixel 7", "linux") == "chromium-pixel-7-linux"
    assert snapshot_suffix("webkit", "iPhone 13", "darwin") == "webkit-iphone-13-darwin"
    assert snapshot_folder(Path("e2e/test_visual.py")) == Path("e2e/test_visual.py-snapshots")


def test_identical_pictures_do_not_differ() -> None:
    comparison = compare(page_picture(), page_picture())
    assert (comparison.diff_pixels, comparison.box) == (0, None)


def test_a_transparent_button_differs_where_the_button_was() -> None:
    comparison = compare(page_picture(), page_picture(button="white"))
    assert comparison.diff_pixels > 1000
    assert comparison.box is not None
    left, top, right, bottom = comparison.box
    assert (left, top, right, bottom) == (20, 190, 141, 221)
    # The diff is the whole picture, with the differing pixels in pixelmatch's red.
    assert comparison.diff.size == (320, 240)
    assert comparison.diff.getpixel((60, 200)) == (255, 0, 0, 255)
    # Framed a few pixels out, to be seen at a glance on a whole page.
    assert comparison.diff.getpixel((14, 184)) == (255, 0, 0, 255)
    assert compare(page_picture(), page_picture()).diff.getpixel((14, 184)) != (255, 0, 0, 255)


def test_counting_over_the_differing_box_counts_as_over_the_whole_picture() -> None:
    expected, actual = page_picture(), page_picture(button="#1212ff")
    ImageDraw.Draw(actual).text((10, 28), "Cloturez", fill="#161616")  # anti-aliased text too
    whole = pixelmatch(expected, actual, threshold=0.2)
    assert whole > 0
    assert compare(expected, actual, threshold=0.2).diff_pixels == whole


def test_the_threshold_lets_a_slight_colour_change_pass() -> None:
    slight = compare(page_picture(), page_picture(button="#00008f"), threshold=0.2)
    assert slight.diff_pixels == 0
    strict = compare(page_picture(), page_picture(button="#00008f"), threshold=0.0)
    assert strict.diff_pixels > 0


def test_pictures_of_different_sizes_are_compared_over_both() -> None:
    comparison = compare(page_picture((320, 240)), page_picture((320, 260)))
    assert not comparison.same_size
    assert comparison.diff.size == (320, 260)


@pytest.fixture
def assertion(tmp_path: Path) -> tuple[ExpectScreenshot, list[Mismatch]]:
    mismatches: list[Mismatch] = []
    expect = ExpectScreenshot(
        folder=tmp_path / "test_x.py-snapshots",
        suffix="chromium-linux",
        output_dir=tmp_path / "test-results" / "test-x",
        on_mismatch=mismatches.append,
    )
    return expect, mismatches


def shows(monkeypatch: pytest.MonkeyPatch, picture: Image.Image) -> None:
    """The page "shows" ``picture``: what the settled screenshot returns."""
    monkeypatch.setattr(screenshots, "settled_screenshot", lambda *_, **__: png(picture))


PAGE: Any = object()  # stands for a Page: the screenshot itself is replaced


def test_a_missing_baseline_fails_and_leaves_the_screenshot(
    assertion: tuple[ExpectScreenshot, list[Mismatch]], monkeypatch: pytest.MonkeyPatch
) -> None:
    expect, mismatches = assertion
    shows(monkeypatch, page_picture())
    with pytest.raises(ScreenshotMismatch, match="no baseline .*cgu-chromium-linux.png"):
        expect(PAGE, "cgu")
    assert not expect.baseline("cgu").exists()
    assert [m.actual.name for m in mismatches] == ["cgu-actual.png"]


def test_update_writes_a_missing_baseline_and_rewrites_a_changed_one(
    assertion: tuple[ExpectScreenshot, list[Mismatch]], monkeypatch: pytest.MonkeyPatch
) -> None:
    expect, _ = assertion
    expect.update = True
    shows(monkeypatch, page_picture())
    with pytest.warns(UserWarning, match="wrote the missing baseline"):
        expect(PAGE, "cgu")
    assert expect.baseline("cgu").read_bytes() == png(page_picture())
    shows(monkeypatch, page_picture(button="white"))
    expect._names.clear()
    with pytest.warns(UserWarning, match="rewrote the baseline"):
        expect(PAGE, "cgu")
    assert expect.baseline("cgu").read_bytes() == png(page_picture(button="white"))


def test_a_mismatch_leaves_expected_actual_and_diff_and_says_where(
    assertion: tuple[ExpectScreenshot, list[Mismatch]], monkeypatch: pytest.MonkeyPatch
) -> None:
    expect, mismatches = assertion
    expect.baseline("cgu").parent.mkdir(parents=True)
    expect.baseline("cgu").write_bytes(png(page_picture()))
    shows(monkeypatch, page_picture(button="white"))
    with pytest.raises(
        ScreenshotMismatch, match=r"pixels differ \(allowed: 0.*x 20-141, y 190-221"
    ):
        expect(PAGE, "cgu")
    [mismatch] = mismatches
    assert mismatch.expected is not None
    assert mismatch.diff is not None
    assert [p.name for p in (mismatch.expected, mismatch.actual, mismatch.diff)] == [
        "cgu-expected.png",
        "cgu-actual.png",
        "cgu-diff.png",
    ]
    assert all(p.parent.name == "test-x" for p in (mismatch.expected, mismatch.diff))
    assert expect.baseline("cgu").read_bytes() == png(page_picture())  # never rewritten


def test_allowed_differing_pixels_are_per_call(
    assertion: tuple[ExpectScreenshot, list[Mismatch]], monkeypatch: pytest.MonkeyPatch
) -> None:
    expect, mismatches = assertion
    expect.baseline("cgu").parent.mkdir(parents=True)
    expect.baseline("cgu").write_bytes(png(page_picture()))
    shows(monkeypatch, page_picture(button="white"))
    expect(PAGE, "cgu", max_diff_pixels=10_000)
    assert mismatches == []


def test_a_name_is_a_file_name_and_used_once_per_test(
    assertion: tuple[ExpectScreenshot, list[Mismatch]], monkeypatch: pytest.MonkeyPatch
) -> None:
    expect, _ = assertion
    with pytest.raises(ValueError, match="lower case"):
        expect(PAGE, "../cgu")
    expect.update = True
    shows(monkeypatch, page_picture())
    with pytest.warns(UserWarning, match="wrote"):
        expect(PAGE, "cgu")
    with pytest.raises(ValueError, match="twice"):
        expect(PAGE, "cgu")


def test_the_report_row_shows_the_three_pictures_in_order(tmp_path: Path) -> None:
    paths = []
    for kind in ("expected", "actual", "diff"):
        path = tmp_path / "test-results" / f"cgu-{kind}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png(page_picture()))
        paths.append(path)
    mismatch = Mismatch("cgu", paths[0], paths[1], paths[2])
    embedded = side_by_side_html(mismatch, html_dir=None)
    assert embedded.count("data:image/png;base64,") == 3
    assert "display:flex" in embedded
    captions = ["Expected (baseline)", "Actual (this run)", "Diff (red: differing pixels)"]
    positions = [embedded.index(caption) for caption in captions]
    assert positions == sorted(positions)
    linked = side_by_side_html(mismatch, html_dir=tmp_path / "reports")
    assert 'src="../test-results/cgu-diff.png"' in linked


class FakePage:
    """What settling asks of a page: its load, the pointer, a pair of animation frames."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.mouse = self

    def wait_for_load_state(self, state: str, timeout: float) -> None:
        self.calls.append(state)

    def move(self, x: float, y: float) -> None:
        self.calls.append(f"pointer {x},{y}")

    def evaluate(self, script: str, *args: Any) -> None:
        self.calls.append("frames")


class FakeLocator:
    def __init__(self) -> None:
        self.page = FakePage()


def screens(monkeypatch: pytest.MonkeyPatch, *shots: bytes) -> list[bytes]:
    """The successive screenshots the page gives; returns what is left untaken."""
    left = list(shots)
    monkeypatch.setattr(screenshots, "_shoot", lambda *_: left.pop(0))
    return left


def test_screenshots_are_taken_until_two_in_a_row_are_identical(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target: Any = FakeLocator()
    left = screens(monkeypatch, b"loading", b"drawn", b"drawn", b"never taken")
    assert screenshots.settled_screenshot(target) == b"drawn"
    assert left == [b"never taken"]
    assert target.page.calls == ["load", "pointer 0,0", "frames", "frames"]


def test_a_page_that_never_settles_fails_with_its_last_two_screenshots(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counter = itertools.count()
    monkeypatch.setattr(screenshots, "_shoot", lambda *_: str(next(counter)).encode())
    with pytest.raises(screenshots.PageNotSettled, match="did not settle") as failure:
        screenshots.settled_screenshot(FakeLocator(), timeout_ms=50)  # type: ignore[arg-type]
    assert int(failure.value.last) == int(failure.value.previous) + 1
