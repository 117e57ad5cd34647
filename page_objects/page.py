"""The root of every page object: how a page is recognised and waited for.

Page objects wrap Playwright's ``Page`` (they do not subclass it), find
elements as a user does (role, label, text), expose verbs that return the
next page object and states that tests check with ``expect``. They never
assert and never sleep.

A page is recognised by its ``<title>``. A verb that leads to another page
waits once, with Playwright's own ``expect(page).to_have_title``: the title is
in the document's head, so the page is there as soon as it is parsed. No page
waits for ``load`` (pictures are not what a test reads). A page that runs a
script the tests rely on (``RUNS_SCRIPTS``: the signup form's live password
checklist) waits for it, DOMContentLoaded, in the verbs that need it
(``_scripts_ready``), so the steps before them do not pay for its download.
A click that loads a page already waits for that document to be committed, so
an old title is never taken for the new one, even when the next page has the
same title as this one (a form shown again with its errors, a new captcha).

Verbs act through the page object's input mode (``input_modes``): a pointer by
default, the keyboard alone when the page object is built with ``KEYBOARD``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar, Self, TypeVar

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .input_modes import POINTER, InputMode

# How long a page wait gives the browser: the same budget as the suites' ``expect``
# (e2e/conftest.py sets it from here), so a wrong page fails as fast as a wrong text.
PAGE_WAIT_TIMEOUT_MS = 10_000


NextPage = TypeVar("NextPage", bound="PageObject")


class PageNotShown(AssertionError):
    """The browser is not showing the page a verb leads to: says which page was
    expected and which one the browser shows (title and URL)."""


def describe_shown_page(page: Page) -> str:
    try:
        title = page.title()
    except PlaywrightError as error:  # the page is closing or crashed
        title = f"<no title: {error.message.splitlines()[0]}>"
    return f"the browser shows {title!r} at {page.url}"


class PageObject:
    """A page the user sees. Subclasses set ``TITLE``, the start of its ``<title>``.

    ``input_mode`` is how its verbs act (``POINTER`` or ``KEYBOARD``); the page
    objects they return are in the same mode.
    """

    TITLE: ClassVar[str] = ""
    # The title may also start with one of these (the portal's "Erreur : " when refused).
    TITLE_PREFIXES: ClassVar[tuple[str, ...]] = ("",)
    # Whether tests rely on the page's own scripts: verbs that do call _scripts_ready().
    RUNS_SCRIPTS: ClassVar[bool] = False

    def __init__(self, page: Page, *, input_mode: InputMode = POINTER) -> None:
        self.page = page
        self.input = input_mode

    def _next(self, page_class: type[NextPage], *args: str) -> NextPage:
        """The page object a verb leads to, in this one's input mode (not yet waited for)."""
        return page_class(self.page, *args, input_mode=self.input)

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def main(self) -> Locator:
        return self.page.get_by_role("main")

    @property
    def page_errors(self) -> Locator:
        """What went wrong with the page as a whole, each an ARIA alert in the main region
        (how both servers render them, so a screen reader announces them on load): a
        form's error summary, a refused login, a flashed error, FranceConnect's refusal.
        A field's own error is never one: it is read with its field (``field_error``)."""
        return self.main.get_by_role("alert")

    def _title(self) -> str:
        """The title this page starts with (a subclass may add to ``TITLE``)."""
        return self.TITLE

    def wait_until_loaded(self) -> Self:
        """Wait until the browser shows this page, within ``PAGE_WAIT_TIMEOUT_MS``.

        One look at the title, in the browser (Playwright's ``expect`` retries it
        until the page comes: a later navigation may still bring it), with or
        without JavaScript in the page.
        """
        try:
            expect(self.page).to_have_title(self._title_pattern(), timeout=PAGE_WAIT_TIMEOUT_MS)
        except AssertionError:
            raise PageNotShown(
                f"Expected the page {type(self).__name__} (title starting {self._title()!r}); "
                f"after {PAGE_WAIT_TIMEOUT_MS / 1000:g} s {describe_shown_page(self.page)}"
            ) from None
        return self

    def _scripts_ready(self) -> None:
        """Before a verb that relies on the page's own scripts: they have run
        (DOMContentLoaded, from the browser's own events; at once when it is past)."""
        if self.RUNS_SCRIPTS:
            self.page.wait_for_load_state("domcontentloaded", timeout=PAGE_WAIT_TIMEOUT_MS)

    def _title_pattern(self) -> re.Pattern[str]:
        starts = "|".join(re.escape(prefix + self._title()) for prefix in self.TITLE_PREFIXES)
        return re.compile(f"^(?:{starts})")

    def _submit(self, control: Locator) -> None:
        """Activate ``control`` in this page's input mode and wait until the document it
        loads is committed: the next page may look like this one (same title)."""
        submit_and_wait_for_navigation(self.page, lambda: self.input.activate(control), control)


def submit_and_wait_for_navigation(
    page: Page, action: Callable[[], None], control: Locator
) -> None:
    """Run ``action`` on ``control`` and wait for the navigation it starts to commit."""
    acted = False
    try:
        with page.expect_navigation(wait_until="commit", timeout=PAGE_WAIT_TIMEOUT_MS):
            action()
            acted = True
    except PlaywrightTimeoutError:
        if not acted:
            raise  # the control itself was not found or not actionable: Playwright says which
        raise PageNotShown(
            f"{control} loaded no new page within {PAGE_WAIT_TIMEOUT_MS / 1000:g} s; "
            f"{describe_shown_page(page)}"
        ) from None
