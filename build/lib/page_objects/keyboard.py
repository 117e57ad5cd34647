"""Reaching a control with the keyboard alone, as a keyboard user does: Tab, Tab, Tab...

Used by the keyboard input mode (``input_modes.KEYBOARD``) and by tests that check
the focus order itself. The loop is bounded: a control Tab never reaches is a
keyboard trap or a missing focus stop, and the error says which control it was.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

MAX_TAB_PRESSES = 80  # far more focus stops than any portal page has


class NotReachableByKeyboard(Exception):
    """Tab went all around the page without focusing the wanted control."""


def is_focused(target: Locator) -> bool:
    # One query, no element handle: a locator's evaluate would wait for the element,
    # evaluate, then release it (three round trips per Tab press).
    return target.and_(target.page.locator(":focus")).count() > 0


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab when ``backwards``) until ``target`` has the focus."""
    target.wait_for()
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TAB_PRESSES):
        if is_focused(target):
            return
        page.keyboard.press(key)
    if not is_focused(target):
        raise NotReachableByKeyboard(f"{key} x{MAX_TAB_PRESSES} never focused {target}")


def type_into(page: Page, field: Locator, text: str) -> None:
    """Tab to ``field`` and type ``text`` key by key."""
    tab_to(page, field)
    page.keyboard.type(text)
