"""Reaching a control with Tab, as the keyboard mode and the keyboard journey do.

The portal's pages are walked by the journeys; here a small page of its own
shows the two outcomes of ``tab_to``: the control reached in Tab order, and a
control Tab never reaches, named in the error.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from page_objects.keyboard import MAX_TAB_PRESSES, NotReachableByKeyboard, is_focused, tab_to

CONTROLS = """<!doctype html><title>Contrôles</title>
<a href="#premier">Premier lien</a>
<button type="button" tabindex="-1">Hors de l'ordre du clavier</button>
<label>Nom <input name="nom"></label>
<button type="button">Valider</button>"""


@pytest.fixture
def controls(page: Page) -> Page:
    page.set_content(CONTROLS)
    return page


def test_tab_reaches_each_control_in_order_and_shift_tab_goes_back(controls: Page) -> None:
    field = controls.get_by_label("Nom")
    button = controls.get_by_role("button", name="Valider")

    tab_to(controls, field)
    expect(field).to_be_focused()
    assert is_focused(field)
    assert not is_focused(button)

    tab_to(controls, button)
    expect(button).to_be_focused()
    tab_to(controls, field, backwards=True)
    expect(field).to_be_focused()


def test_a_control_out_of_the_tab_order_is_named_in_the_error(controls: Page) -> None:
    hidden_from_tab = controls.get_by_role("button", name="Hors de l'ordre du clavier")
    with pytest.raises(
        NotReachableByKeyboard, match=rf"Tab x{MAX_TAB_PRESSES} never focused .*ordre du clavier"
    ):
        tab_to(controls, hidden_from_tab)
    assert not is_focused(hidden_from_tab)
