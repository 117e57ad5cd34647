"""What every portal page shares: the header, flashed notices, the error summary, a
field's error.

How pages are recognised and waited for lives in ``page.py``, the root class
the FranceConnect pages share too.
"""

from __future__ import annotations

from typing import ClassVar, Self

from playwright.sync_api import Locator, Page

from .input_modes import POINTER, InputMode
from .page import PageObject
from .regions import ErrorSummary, Header

ERROR_TITLE_PREFIX = "Erreur : "  # the portal's <title> for a form re-shown with errors


class PortalPage(PageObject):
    """A page of the portal. Subclasses set ``PATH`` and ``TITLE`` (the <title> start)."""

    PATH: ClassVar[str] = "/"
    # A form re-shown with its errors has the same title behind "Erreur : ".
    TITLE_PREFIXES = ("", ERROR_TITLE_PREFIX)

    def __init__(self, page: Page, *, input_mode: InputMode = POINTER) -> None:
        super().__init__(page, input_mode=input_mode)
        self.header = Header(page, input_mode)
        self.error_summary = ErrorSummary(self.page_errors)

    @property
    def notices(self) -> Locator:
        """Flashed messages that inform (info, success) above the content, each an ARIA
        status; a flashed error is one of the ``page_errors``."""
        return self.main.locator(".notices").get_by_role("status")

    def open(self) -> Self:
        """Navigate straight to this page (relative to --base-url)."""
        self.page.goto(self.PATH, wait_until="commit")
        return self.wait_until_loaded()

    def field_error(self, field: Locator) -> Locator:
        """The error message of ``field``: the portal's ``.field__error`` among the
        elements its ``aria-describedby`` names, the link a screen reader follows to read
        the error with the field. Matches nothing while the field describes no error;
        like any locator it is looked up again each time it is used.

        XPath's ``id()`` takes the whole space-separated list of ids (hint, checklist,
        error) from the field's own attribute."""
        return field.locator("xpath=id(@aria-describedby)").and_(self.page.locator(".field__error"))
