"""`Votre compte est activé`: the end of the signup, with the seed's "Bon à savoir"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Locator

from cpf.messages import ACCOUNT_ACTIVATED

from .portal_page import PortalPage

if TYPE_CHECKING:
    from .account import DroitsPage


class ActivatedPage(PortalPage):
    PATH = "/inscription/compte-active"
    TITLE = ACCOUNT_ACTIVATED

    @property
    def _bon_a_savoir(self) -> Locator:
        return self.main.get_by_role("note", name="Bon à savoir !")

    @property
    def bon_a_savoir_items(self) -> Locator:
        """What an activated account can do: log in, know one's droits, use the services."""
        return self._bon_a_savoir.get_by_role("listitem")

    @property
    def droits_link(self) -> Locator:
        return self.main.get_by_role("link", name="Mes droits formation", exact=True)

    def go_to_droits(self) -> DroitsPage:
        from .account import DroitsPage

        self._submit(self.droits_link)
        return self._next(DroitsPage).wait_until_loaded()
