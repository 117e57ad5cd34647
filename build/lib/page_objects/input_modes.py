"""How the user works a page: with a pointer (mouse, touch) or with the keyboard alone.

A page object is built in one input mode (``POINTER`` unless told) and hands it on
to the pages its verbs lead to, so a journey started with the keyboard stays on the
keyboard. The verbs never ask which mode they are in: they activate, check and fill
through ``page_object.input``.
"""

from __future__ import annotations

from typing import Protocol

from playwright.sync_api import Locator

from .keyboard import tab_to


class InputMode(Protocol):
    def activate(self, control: Locator) -> None:
        """Follow a link or press a button."""

    def check(self, checkbox: Locator) -> None:
        """Tick a checkbox."""

    def fill(self, field: Locator, text: str) -> None:
        """Replace a text field's content with ``text``."""


class Pointer:
    """Mouse or touch: click what is wanted; a field is filled at once."""

    def activate(self, control: Locator) -> None:
        control.click()

    def check(self, checkbox: Locator) -> None:
        checkbox.check()

    def fill(self, field: Locator, text: str) -> None:
        field.fill(text)


class Keyboard:
    """The keyboard alone: Tab to each control (forwards from the focus), then Enter,
    Space, or the text typed key by key. A control Tab never reaches fails the verb."""

    def activate(self, control: Locator) -> None:
        tab_to(control.page, control)
        control.page.keyboard.press("Enter")

    def check(self, checkbox: Locator) -> None:
        tab_to(checkbox.page, checkbox)
        checkbox.page.keyboard.press("Space")

    def fill(self, field: Locator, text: str) -> None:
        tab_to(field.page, field)
        keyboard = field.page.keyboard
        keyboard.press("ControlOrMeta+A")  # typing replaces what the field held, as fill does
        keyboard.type(text)


POINTER = Pointer()
KEYBOARD = Keyboard()
