"""After activation: Mon compte, Mes droits formation, Report du DIF."""

from __future__ import annotations

from playwright.sync_api import Locator

from cpf.messages import (
    DIF_CLOSED,
    DIF_PUBLIC_AGENT,
    DIF_REPORTED_IN_2018,
    NO_RIGHTS_YEAR_YET,
    RIGHTS_AS_OF,
    pattern,
)

from .portal_page import PortalPage


class AccountHomePage(PortalPage):
    """Mon compte: the greeting and the way to the droits and the DIF report."""

    PATH = "/mon-compte"
    TITLE = "Mon compte"

    @property
    def _droits_link(self) -> Locator:
        return self.main.get_by_role("link", name="Mes droits formation", exact=True)

    @property
    def _dif_link(self) -> Locator:
        return self.main.get_by_role("link", name="Report du DIF", exact=True)

    def go_to_droits(self) -> DroitsPage:
        self.input.activate(self._droits_link)
        return self._next(DroitsPage).wait_until_loaded()

    def go_to_dif(self) -> DifPage:
        self.input.activate(self._dif_link)
        return self._next(DifPage).wait_until_loaded()


class DroitsPage(PortalPage):
    """Mes droits formation: the balance (euros or hours) and its detail by year."""

    PATH = "/mon-compte/droits"
    TITLE = "Mes droits formation"

    @property
    def _balance_region(self) -> Locator:
        return self.main.get_by_role("region", name=pattern(RIGHTS_AS_OF))

    @property
    def balance_heading(self) -> Locator:
        """`Vos droits acquis au <date>`: says on which day the balance is given."""
        return self._balance_region.get_by_role("heading")

    @property
    def balance(self) -> Locator:
        """The total shown in large type, e.g. `1 500 €` or `75 heures`."""
        return self._balance_region.locator(".amount")

    @property
    def _detail_table(self) -> Locator:
        return self.main.get_by_role("table", name="Détail par année")

    @property
    def year_rows(self) -> Locator:
        """The body rows of the detail table, one per credited year."""
        return self._detail_table.locator("tbody").get_by_role("row")

    def year_credit(self, year: int) -> Locator:
        """The `Droits acquis` cell of the row for ``year``."""
        row = self._detail_table.get_by_role("row").filter(
            has=self.page.get_by_role("rowheader", name=str(year), exact=True)
        )
        return row.get_by_role("cell").last

    @property
    def dif_line(self) -> Locator:
        """The detail table's DIF row (only there when DIF hours count)."""
        return self._detail_table.get_by_role("row").filter(has_text="DIF")

    @property
    def no_year_yet(self) -> Locator:
        return self.main.get_by_text(NO_RIGHTS_YEAR_YET)


class DifPage(PortalPage):
    """Report du DIF: the form while the report is open, a notice once it is closed."""

    PATH = "/mon-compte/report-dif"
    TITLE = "Report du DIF"

    @property
    def hours_field(self) -> Locator:
        return self.main.get_by_label("Nombre d'heures de DIF")

    @property
    def report_button(self) -> Locator:
        """Absent, like the field, once the deadline has passed or for a public agent."""
        return self.main.get_by_role("button", name="Reporter mes heures")

    @property
    def hours_error(self) -> Locator:
        """The French message shown next to the hours field."""
        return self.field_error(self.hours_field)

    @property
    def closed_notice(self) -> Locator:
        return self.main.get_by_role("status").filter(has_text=pattern(DIF_CLOSED))

    @property
    def public_agent_notice(self) -> Locator:
        return self.main.get_by_role("status").filter(has_text=DIF_PUBLIC_AGENT)

    @property
    def already_reported(self) -> Locator:
        """The `Heures déjà reportées` box (private sector) or the 2018 line (public agent)."""
        return self.main.get_by_role("region", name="Heures déjà reportées").or_(
            self.main.get_by_text(pattern(DIF_REPORTED_IN_2018))
        )

    def report_hours(self, hours: str) -> DifPage:
        """Type ``hours`` as given (kept as a string: tests type bad values too) and submit.

        The portal answers with this page again: with a confirmation, or the
        form and its errors, or a refusal.
        """
        self.input.fill(self.hours_field, hours)
        self._submit(self.report_button)
        return self.wait_until_loaded()
