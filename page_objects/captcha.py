"""Step 4, `Passez le contrôle de sécurité`: click the picture matching the asked word.

The page object cannot know which tile is right (only the test API's oracle
does), so the verbs say what the test expects to happen: ``pass_with`` the
right tile lands on the CGU step, ``fail_with`` a wrong one stays here with a
new challenge, ``fail_last_attempt_with`` is sent back to the form.
Tiles are numbered as the user reads them: ``Image 1`` is tile 1.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import Locator

from .portal_page import PortalPage

if TYPE_CHECKING:
    from .cgu import CguPage
    from .signup_form import SignupFormPage

QUESTION = "Cliquez sur l'image correspondant au mot"


def another_tile_than(right: int, tile_count: int) -> int:
    """A wrong tile: the one after ``right`` (the oracle's), round to the first.
    The one formula for a wrong pick, for the browser and the fast tests alike;
    numbers are the page's (``Image 1`` is 1), the form posts ``number - 1``."""
    return right % tile_count + 1


class CaptchaPage(PortalPage):
    PATH = "/inscription/controle-securite"
    TITLE = "Passez le contrôle de sécurité"
    # Where `Afficher d'autres images` posts (tests replay it outside the page).
    OTHER_IMAGES_PATH = PATH + "/autres-images"

    @property
    def _challenge_group(self) -> Locator:
        # The fieldset: its legend (the question) is the group's accessible name.
        return self.main.get_by_role("group", name=re.compile("^" + re.escape(QUESTION)))

    @property
    def question(self) -> Locator:
        """`Cliquez sur l'image correspondant au mot <word>`."""
        return self._challenge_group.locator("legend")

    @property
    def asked_word(self) -> Locator:
        """The word in the question, set apart from the sentence."""
        return self.question.locator("strong")

    @property
    def tiles(self) -> Locator:
        """Every picture button of the grid, in page order."""
        return self._challenge_group.get_by_role("button")

    def tile(self, number: int) -> Locator:
        """The button named `Image <number>` (1-based, as on the page)."""
        return self._challenge_group.get_by_role("button", name=f"Image {number}", exact=True)

    @property
    def tile_pictures(self) -> Locator:
        """The picture inside each tile (drawn in a random order for each challenge)."""
        return self.tiles.locator("img")

    def tile_image_sources(self) -> list[str]:
        """The tiles' picture URLs, in page order: they change with each new challenge."""
        sources = self.tile_pictures.evaluate_all("imgs => imgs.map(i => i.src)")
        return [src or "" for src in sources]

    def answer_form_fields(self) -> dict[str, str]:
        """The answer form's hidden fields (challenge id, CSRF token), as the browser
        would post them: for tests that replay an answer outside the page."""
        fields = self.main.locator("form:has(button[name=tile]) input[type=hidden]")
        pairs = fields.evaluate_all("inputs => inputs.map(i => [i.name, i.value])")
        return {name: value for name, value in pairs}

    @property
    def _other_images_button(self) -> Locator:
        return self.main.get_by_role("button", name="Afficher d'autres images")

    # --- verbs --------------------------------------------------------------

    def choose_tile(self, number: int) -> None:
        """Pick `Image <number>` and wait for whatever page the portal answers with."""
        self._submit(self.tile(number))

    def pass_with(self, number: int) -> CguPage:
        """Pick the right tile: the CGU step opens."""
        from .cgu import CguPage

        self.choose_tile(number)
        return self._next(CguPage).wait_until_loaded()

    def fail_with(self, number: int) -> CaptchaPage:
        """Pick a wrong tile (or answer a spent challenge): refused, a new challenge shown."""
        self.choose_tile(number)
        return self._next(CaptchaPage).wait_until_loaded()

    def fail_with_another_tile_than(self, right: int) -> CaptchaPage:
        """Pick a tile other than ``right`` (the oracle's): refused, a new challenge shown."""
        return self.fail_with(another_tile_than(right, self.tiles.count()))

    def fail_last_attempt_with(self, number: int) -> SignupFormPage:
        """The wrong pick that reaches the failure limit: back to the form."""
        from .signup_form import SignupFormPage

        self.choose_tile(number)
        return self._next(SignupFormPage).wait_until_loaded()

    def ask_for_other_images(self) -> CaptchaPage:
        self._submit(self._other_images_button)
        return self._next(CaptchaPage).wait_until_loaded()
