"""Screenshot comparison for pytest, as Playwright Test's ``toHaveScreenshot`` does it.

``expect_screenshot(page, "cgu")`` (the fixture of the same name) holds a page, or
``expect_screenshot(locator, "...")`` one element, against a baseline PNG kept beside
the test: ``e2e/test_visual.py-snapshots/cgu-chromium-linux.png``, or
``cgu-chromium-pixel-7-linux.png`` on an emulated device. One set per browser,
device and platform, because each draws text its own way.

How a screenshot is taken, so that it is the same from run to run:

- animations stopped (``animations="disabled"``), the caret hidden, one pixel per
  CSS pixel whatever the device's scale factor (``scale="css"``);
- the page loaded first (its pictures and scripts in: the page objects never wait
  for that), and the pointer parked in its top-left corner: a click leaves it over
  whatever the next page draws there, and Chromium applies ``:hover`` to it a
  frame or so later, not at a fixed moment;
- what differs on every run (``mask=[locators]``) covered by a box of one colour
  (``MASK_COLOR``): Playwright draws it over each element's box;
- screenshots are taken until two in a row are identical, one pair of animation
  frames apart (the browser's own clock, no sleep), within ``timeout_ms``; only
  that settled picture is compared.

The comparison is pixelmatch's (the Python port of mapbox/pixelmatch that Playwright
Test's own comparator comes from): a pixel differs when its colour distance passes
``threshold`` (0 to 1, anti-aliasing aside), and the assertion fails when more than
``max_diff_pixels`` differ, or when the sizes differ. Both are per call.

A missing baseline fails, unless the run was started with ``--update-snapshots``
(``make visual-update``), which writes the missing ones and rewrites those that no
longer match; nothing is ever written silently. On a mismatch, ``<name>-expected.png``,
``<name>-actual.png`` and ``<name>-diff.png`` go to the test's output folder
(pytest-playwright's ``--output``, ``test-results/`` by default) and, with
pytest-html, the report shows the three side by side.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw
from pixelmatch.contrib.PIL import pixelmatch
from playwright.sync_api import Locator, Page

DEFAULT_THRESHOLD = 0.2  # Playwright Test's default: a little anti-aliasing noise passes
DEFAULT_MAX_DIFF_PIXELS = 0
DEFAULT_TIMEOUT_MS = 10_000  # the suites' expect budget (page_objects.page.PAGE_WAIT_TIMEOUT_MS)
MASK_COLOR = "#FF00FF"  # Playwright's own: no page of the portal uses it, a mask is seen as one
# pixelmatch's anti-aliasing check reads a pixel's neighbours and theirs: compared
# with this margin around the differing pixels, a crop counts exactly as the whole.
CROP_MARGIN = 3
FRAME_GAP = 6  # between the differences and the frame drawn around them in the diff
DIFF_RED = (255, 0, 0, 255)  # pixelmatch's colour for a differing pixel
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Stashed on the test item: the mismatches its report shows.
MISMATCHES = pytest.StashKey[list["Mismatch"]]()


class ScreenshotMismatch(AssertionError):
    """The page does not look like its baseline (or has none, or never settled)."""


class PageNotSettled(ScreenshotMismatch):
    """Screenshots kept changing: the last two are kept to show what moved."""

    def __init__(self, message: str, previous: bytes, last: bytes) -> None:
        super().__init__(message)
        self.previous = previous
        self.last = last


@dataclass(frozen=True)
class Mismatch:
    """What a failed comparison left in the output folder."""

    name: str
    expected: Path | None
    actual: Path
    diff: Path | None
    expected_caption: str = "Expected (baseline)"


def slug(text: str) -> str:
    """``Pixel 7`` -> ``pixel-7``: a device name as it goes into a file name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def snapshot_suffix(browser_name: str, device: str | None, platform: str = sys.platform) -> str:
    """``chromium-linux``, ``chromium-pixel-7-linux``: what a baseline was drawn by."""
    parts = [browser_name, *([slug(device)] if device else []), platform]
    return "-".join(parts)


def snapshot_folder(test_file: Path) -> Path:
    """Beside the test file, named after it, as Playwright Test does."""
    return test_file.parent / f"{test_file.name}-snapshots"


# --- taking a settled screenshot ------------------------------------------------------

_TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# Playwright's own ``style`` option adds a <style> element, which a strict CSP refuses
# (and the suites fail on any CSP violation): a constructed stylesheet is not inline
# style, so the policy lets the page adopt it, and it is dropped after the screenshots.
_ADOPT_STYLE = """css => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return sheet;
}"""
_DROP_STYLE = """sheet => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter(s => s !== sheet);
}"""


def _page_of(target: Page | Locator) -> Page:
    return target if isinstance(target, Page) else target.page


def _shoot(
    target: Page | Locator, mask: Sequence[Locator], full_page: bool, timeout_ms: float
) -> bytes:
    options: dict[str, Any] = {
        "animations": "disabled",
        "caret": "hide",
        "scale": "css",
        "mask": list(mask),
        "mask_color": MASK_COLOR,
        "timeout": timeout_ms,
    }
    if isinstance(target, Page):
        return target.screenshot(full_page=full_page, **options)
    return target.screenshot(**options)


def settled_screenshot(
    target: Page | Locator,
    *,
    mask: Sequence[Locator] = (),
    style: str | None = None,
    full_page: bool = True,
    timeout_ms: float = DEFAULT_TIMEOUT_MS,
) -> bytes:
    """A PNG of ``target`` once two screenshots in a row are identical, with ``style``
    (CSS) applied to the page meanwhile.

    Raises ``PageNotSettled`` when the page is still changing after ``timeout_ms``
    (an animation that ``animations="disabled"`` cannot stop, a script still drawing).
    """
    page = _page_of(target)
    # The page objects never wait for "load" (tests read no pictures); a screenshot does,
    # so that a picture or a script still coming is not taken for a settled page.
    page.wait_for_load_state("load", timeout=timeout_ms)
    page.mouse.move(0, 0)
    if style is None:
        return _settle(page, target, mask, full_page, timeout_ms)
    sheet = page.evaluate_handle(_ADOPT_STYLE, style)
    try:
        return _settle(page, target, mask, full_page, timeout_ms)
    finally:
        page.evaluate(_DROP_STYLE, sheet)
        sheet.dispose()


def _settle(
    page: Page, target: Page | Locator, mask: Sequence[Locator], full_page: bool, timeout_ms: float
) -> bytes:
    deadline = time.monotonic() + timeout_ms / 1000
    previous = _shoot(target, mask, full_page, timeout_ms)
    count = 1
    while True:
        remaining_ms = (deadline - time.monotonic()) * 1000
        page.evaluate(_TWO_FRAMES)
        # The last shot gets at least a second: a slow screenshot is not an unsettled page.
        shot = _shoot(target, mask, full_page, max(remaining_ms, 1_000))
        count += 1
        if shot == previous:
            return shot
        if remaining_ms <= 0:
            raise PageNotSettled(
                f"the page did not settle: {count} screenshots in {timeout_ms / 1000:g} s, "
                "no two in a row identical",
                previous=previous,
                last=shot,
            )
        previous = shot


# --- comparing two pictures -----------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """How ``actual`` differs from ``expected``: differing pixels, where, the diff picture."""

    diff_pixels: int
    expected_size: tuple[int, int]
    actual_size: tuple[int, int]
    box: tuple[int, int, int, int] | None  # left, top, right, bottom of the differences
    diff: Image.Image

    @property
    def same_size(self) -> bool:
        return self.expected_size == self.actual_size


def _on_canvas(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """``image`` in RGBA, grown to ``size`` with transparent pixels (sizes may differ)."""
    rgba = image.convert("RGBA")
    if rgba.size == size:
        return rgba
    canvas = Image.new("RGBA", size, (0, 0, 0, 0))
    canvas.paste(rgba, (0, 0))
    return canvas


def _faded(image: Image.Image, alpha: float = 0.1) -> Image.Image:
    """pixelmatch's backdrop: the expected picture in grey, faded toward white."""
    grey = image.convert("L").point(lambda y: round(255 + (y - 255) * alpha))
    return grey.convert("RGBA")


def compare(
    expected: Image.Image, actual: Image.Image, *, threshold: float = DEFAULT_THRESHOLD
) -> Comparison:
    """pixelmatch over the box where the pictures differ (the rest is identical, so
    counts nothing and needs no pixel-by-pixel pass); the diff covers the whole picture:
    the expected one faded, the differing pixels in red, anti-aliasing in yellow, and a
    red frame around the differences that count."""
    size = (max(expected.width, actual.width), max(expected.height, actual.height))
    first, second = _on_canvas(expected, size), _on_canvas(actual, size)
    diff = _faded(first)
    box = ImageChops.difference(first, second).getbbox(alpha_only=False)
    if box is None:
        return Comparison(0, expected.size, actual.size, None, diff)
    left, top, right, bottom = box
    crop = (
        max(left - CROP_MARGIN, 0),
        max(top - CROP_MARGIN, 0),
        min(right + CROP_MARGIN, size[0]),
        min(bottom + CROP_MARGIN, size[1]),
    )
    out = Image.new("RGBA", (crop[2] - crop[0], crop[3] - crop[1]))
    count = pixelmatch(first.crop(crop), second.crop(crop), out, threshold=threshold)
    diff.paste(out, crop[:2])
    if count:
        _frame(diff, box)
    return Comparison(count, expected.size, actual.size, box, diff)


def _frame(diff: Image.Image, box: tuple[int, int, int, int]) -> None:
    """A red frame a few pixels around the differences: a checkbox's outline on a whole
    page is seen at a glance, not searched for."""
    left, top, right, bottom = box
    gap = FRAME_GAP
    frame = (left - gap, top - gap, right - 1 + gap, bottom - 1 + gap)
    ImageDraw.Draw(diff).rectangle(frame, outline=DIFF_RED, width=2)


# --- the assertion --------------------------------------------------------------------


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class ExpectScreenshot:
    """``expect_screenshot(page_or_locator, name, mask=[...], threshold=..., max_diff_pixels=...)``.

    One per test (the ``expect_screenshot`` fixture): it knows the test's baseline
    folder, the suffix naming browser, device and platform, the output folder, and
    whether this run updates baselines.
    """

    folder: Path
    suffix: str
    output_dir: Path
    update: bool = False
    on_mismatch: Callable[[Mismatch], None] = lambda _: None
    _names: set[str] = field(default_factory=set)

    def baseline(self, name: str) -> Path:
        return self.folder / f"{name}-{self.suffix}.png"

    def __call__(
        self,
        target: Page | Locator,
        name: str,
        *,
        mask: Sequence[Locator] = (),
        style: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        max_diff_pixels: int = DEFAULT_MAX_DIFF_PIXELS,
        full_page: bool = True,
        timeout_ms: float = DEFAULT_TIMEOUT_MS,
    ) -> None:
        """Fail unless ``target`` looks like baseline ``name``, within ``threshold``
        (per pixel) and ``max_diff_pixels``. ``mask``: locators covered by a box of
        ``MASK_COLOR``. ``style``: CSS applied while the screenshots are taken (to give a
        masked value of varying width a box of one size). ``full_page`` (pages only): the
        whole page, not only the viewport."""
        __tracebackhide__ = True  # a failure points at the test's line
        if not NAME.match(name):
            raise ValueError(f"screenshot name {name!r}: lower case letters, digits, - and _")
        if name in self._names:
            raise ValueError(f"screenshot {name!r} taken twice in one test: name each one")
        self._names.add(name)
        baseline = self.baseline(name)
        try:
            actual = settled_screenshot(
                target, mask=mask, style=style, full_page=full_page, timeout_ms=timeout_ms
            )
        except PageNotSettled as error:
            self._not_settled(name, error, threshold)
            raise ScreenshotMismatch(f"{baseline.name}: {error}") from None
        if not baseline.exists():
            self._missing(name, baseline, actual)
            return
        expected_png = baseline.read_bytes()
        if expected_png == actual:
            return
        expected = Image.open(io.BytesIO(expected_png))
        comparison = compare(expected, Image.open(io.BytesIO(actual)), threshold=threshold)
        if comparison.same_size and comparison.diff_pixels <= max_diff_pixels:
            return
        if self.update:
            baseline.write_bytes(actual)
            warnings.warn(f"rewrote the baseline {baseline}", stacklevel=2)
            return
        self._mismatch(name, baseline, actual, comparison, threshold, max_diff_pixels)

    def _output(self, name: str, kind: str) -> Path:
        self.output_dir.mkdir(parents=True, exist_ok=True)
        return self.output_dir / f"{name}-{kind}.png"

    def _not_settled(self, name: str, error: PageNotSettled, threshold: float) -> None:
        """The last two screenshots and what changed between them."""
        previous_path = self._output(name, "previous")
        previous_path.write_bytes(error.previous)
        actual_path = self._output(name, "actual")
        actual_path.write_bytes(error.last)
        comparison = compare(
            Image.open(io.BytesIO(error.previous)),
            Image.open(io.BytesIO(error.last)),
            threshold=threshold,
        )
        diff_path = self._output(name, "diff")
        diff_path.write_bytes(_png(comparison.diff))
        self.on_mismatch(
            Mismatch(name, previous_path, actual_path, diff_path, "The screenshot before")
        )

    def _missing(self, name: str, baseline: Path, actual: bytes) -> None:
        __tracebackhide__ = True
        if self.update:
            baseline.parent.mkdir(parents=True, exist_ok=True)
            baseline.write_bytes(actual)
            warnings.warn(f"wrote the missing baseline {baseline}", stacklevel=3)
            return
        actual_path = self._output(name, "actual")
        actual_path.write_bytes(actual)
        self.on_mismatch(Mismatch(name, None, actual_path, None))
        raise ScreenshotMismatch(
            f"no baseline {baseline}: this run's screenshot is {actual_path}. Write the "
            "missing baselines with `make visual-update` (pytest ... --update-snapshots), "
            "look at them, then commit them."
        )

    def _mismatch(
        self,
        name: str,
        baseline: Path,
        actual: bytes,
        comparison: Comparison,
        threshold: float,
        max_diff_pixels: int,
    ) -> None:
        __tracebackhide__ = True
        expected_path = self._output(name, "expected")
        shutil.copyfile(baseline, expected_path)
        actual_path = self._output(name, "actual")
        actual_path.write_bytes(actual)
        diff_path = self._output(name, "diff")
        diff_path.write_bytes(_png(comparison.diff))
        self.on_mismatch(Mismatch(name, expected_path, actual_path, diff_path))
        if comparison.same_size:
            what = (
                f"{comparison.diff_pixels} pixels differ (allowed: {max_diff_pixels}, "
                f"colour threshold {threshold:g})"
            )
        else:
            (ew, eh), (aw, ah) = comparison.expected_size, comparison.actual_size
            what = f"the size differs: expected {ew}×{eh}, got {aw}×{ah}"
        where = ""
        if comparison.box is not None:
            left, top, right, bottom = comparison.box
            where = f", within x {left}-{right}, y {top}-{bottom}"
        raise ScreenshotMismatch(
            f"{baseline.name}: {what}{where}.\n"
            f"  diff (red: differing pixels): {diff_path}\n"
            f"  expected: {expected_path}\n  actual:   {actual_path}\n"
            "After an intended change: `make visual-update`, look at the new baselines, "
            "commit them."
        )


# --- the HTML report ------------------------------------------------------------------


def _image_source(path: Path, html_dir: Path | None) -> str:
    """A data URI (self-contained report), else a link relative to the report."""
    if html_dir is None:
        return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()
    return Path(_relative(path, html_dir)).as_posix()


def _relative(path: Path, start: Path) -> str:
    try:
        return os.path.relpath(path, start)
    except ValueError:  # another drive on Windows
        return path.as_uri()


def side_by_side_html(mismatch: Mismatch, html_dir: Path | None) -> str:
    """Expected, actual and diff in one row, each captioned (and a link to the file
    when the report links its images rather than holding them)."""
    figures = []
    for caption, path in (
        (mismatch.expected_caption, mismatch.expected),
        ("Actual (this run)", mismatch.actual),
        ("Diff (red: differing pixels)", mismatch.diff),
    ):
        if path is None:
            continue
        source = escape(_image_source(path, html_dir), quote=True)
        image = (
            f'<img src="{source}" alt="{escape(caption)}" '
            'style="width:100%;height:auto;border:1px solid #ccc">'
        )
        if html_dir is not None:  # browsers open no data: URI from a link
            image = f'<a href="{source}" target="_blank">{image}</a>'
        figures.append(
            '<figure style="flex:1 1 0;min-width:0;margin:0">'
            f'<figcaption style="font-weight:bold">{escape(caption)}</figcaption>'
            f"{image}</figure>"
        )
    title = f"<p><strong>Screenshot {escape(mismatch.name)}</strong></p>"
    return (
        title
        + '<div style="display:flex;gap:8px;align-items:flex-start">'
        + "".join(figures)
        + "</div>"
    )


def report_extras(config: pytest.Config, mismatches: Sequence[Mismatch]) -> list[dict[str, Any]]:
    """pytest-html extras for ``mismatches`` (none without pytest-html or ``--html``)."""
    pytest_html = config.pluginmanager.getplugin("html")
    html_path = getattr(config.option, "htmlpath", None)
    if pytest_html is None or not html_path or not mismatches:
        return []
    html_dir: Path | None = None
    if not config.getoption("self_contained_html", default=False):
        html_dir = Path(config.invocation_params.dir, Path(html_path).expanduser()).parent
    return [pytest_html.extras.html(side_by_side_html(m, html_dir)) for m in mismatches]
