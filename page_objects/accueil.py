from __future__ import annotations

from playwright.sync_api import Locator

from .portal_page import PortalPage


class AccueilPage(PortalPage):
    """Step 1: the home page, with the `Connexion` entry point."""

    PATH = "/"
    TITLE = "Accueil"

    @property
    def before_you_start(self) -> Locator:
        return self.main.get_by_role("region", name="Avant de commencer")

    @property
    def report_du_dif_section(self) -> Locator:
        return self.main.get_by_role("region", name="Report du DIF")
