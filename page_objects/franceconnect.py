"""The FranceConnect mock's pages: provider choice, provider login, consent.

They live on FranceConnect's own origin, with its own header and the
`Revenir sur Mon Compte Formation` cancel button, and none of the portal's
regions: so they have their own small base class, not the portal's PortalPage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Locator, Page

from cpf.franceconnect import (
    BACK_TO_SERVICE,
    CONSENT_TITLE,
    CONTINUE_TO_SERVICE,
    IDENTIFIER_LABEL,
    INVALID_REQUEST,
    LOG_IN_BUTTON,
    PASSWORD_LABEL,
    PROVIDER_CHOICE_HEADING,
    PROVIDER_LOGIN_TITLE,
    SERVICE_NAME,
    SIGNING_IN_TO,
)

from .input_modes import POINTER, InputMode
from .page import PageObject

if TYPE_CHECKING:
    from harness.franceconnect_identities import FranceConnectIdentity

    from .account import AccountHomePage
    from .connexion import ConnexionPage
    from .franceconnect_completion import FranceConnectCompletionPage


class UnexpectedPageError(RuntimeError):
    """A verb was called on a page the browser is not showing: fail loudly, not silently."""


class FranceConnectHeader:
    """FranceConnect's blue band, naming the service the user is signing in to."""

    def __init__(self, page: Page) -> None:
        self._banner = page.get_by_role("banner")

    @property
    def service(self) -> Locator:
        return self._banner.get_by_text(SIGNING_IN_TO.format(service=SERVICE_NAME))


class FranceConnectPage(PageObject):
    """A page of the FranceConnect mock. Subclasses set ``TITLE`` (the <title> start)."""

    def __init__(self, page: Page, *, input_mode: InputMode = POINTER) -> None:
        super().__init__(page, input_mode=input_mode)
        self.header = FranceConnectHeader(page)

    @property
    def _back_to_service_button(self) -> Locator:
        """`Revenir sur Mon Compte Formation`, on every FranceConnect page: cancels."""
        return self.page.get_by_role("button", name=BACK_TO_SERVICE.format(service=SERVICE_NAME))

    def cancel(self) -> ConnexionPage:
        """Back to the portal, which says the FranceConnect sign-in was cancelled."""
        from .connexion import ConnexionPage

        self._submit(self._back_to_service_button)
        return self._next(ConnexionPage).wait_until_loaded()


class ProviderChoicePage(FranceConnectPage):
    """`Je choisis un compte pour me connecter`: one button per identity provider."""

    TITLE = PROVIDER_CHOICE_HEADING

    @property
    def providers(self) -> Locator:
        """The provider buttons, in page order."""
        return self.main.get_by_role("list").get_by_role("button")

    def provider_button(self, name: str) -> Locator:
        return self.main.get_by_role("button", name=name, exact=True)

    def provider_status(self, name: str) -> Locator:
        """What is said under a provider's button (`Momentanément indisponible`)."""
        # ``has`` is searched inside each list item: the button is found from the page.
        button = self.page.get_by_role("button", name=name, exact=True)
        return self.main.get_by_role("listitem").filter(has=button).locator(".fc-provider__status")

    def choose_provider(self, name: str) -> ProviderLoginPage:
        self._submit(self.provider_button(name))
        return self._next(ProviderLoginPage, name).wait_until_loaded()

    def sign_in_as(self, person: FranceConnectIdentity) -> ConsentPage:
        """The person's provider, then its login with their credentials: the consent step."""
        return self.choose_provider(person.provider_name).log_in(person.identifier, person.password)

    def choose_unavailable_provider(self, name: str) -> ConnexionPage:
        """FranceConnect sends the user back to the portal, which says why."""
        from .connexion import ConnexionPage

        self._submit(self.provider_button(name))
        return self._next(ConnexionPage).wait_until_loaded()

    def go_straight_to_consent(self) -> FranceConnectPage:
        """Open this request's consent step without signing in at a provider.

        With a FranceConnect session still open it shows the consent page;
        without one FranceConnect sends the user back to the provider choice.
        Raises ``UnexpectedPageError`` when the browser is not on the provider
        choice: there is no request to take to its consent step.
        """
        url = self.page.url
        if "/choix?" not in url:
            raise UnexpectedPageError(
                f"go_straight_to_consent needs the provider choice (…/choix?tx=…); "
                f"the browser is at {url}"
            )
        self.page.goto(url.replace("/choix?", "/consentement?", 1))
        return self._next(FranceConnectPage)


class ProviderLoginPage(FranceConnectPage):
    """`Je me connecte avec <provider>`: `Identifiant`, `Mot de passe`, `Se connecter`."""

    TITLE = PROVIDER_LOGIN_TITLE.format(provider="")  # any provider's

    def __init__(
        self, page: Page, provider_name: str = "", *, input_mode: InputMode = POINTER
    ) -> None:
        super().__init__(page, input_mode=input_mode)
        self.provider_name = provider_name

    def _title(self) -> str:
        return PROVIDER_LOGIN_TITLE.format(provider=self.provider_name)

    @property
    def identifier_field(self) -> Locator:
        return self.main.get_by_label(IDENTIFIER_LABEL, exact=True)

    @property
    def password_field(self) -> Locator:
        return self.main.get_by_label(PASSWORD_LABEL, exact=True)

    @property
    def _log_in_button(self) -> Locator:
        return self.main.get_by_role("button", name=LOG_IN_BUTTON, exact=True)

    def log_in(self, identifier: str, password: str) -> ConsentPage:
        self._fill_and_submit(identifier, password)
        return self._next(ConsentPage).wait_until_loaded()

    def try_log_in(self, identifier: str, password: str) -> ProviderLoginPage:
        """Submit credentials that should be refused: the page comes back."""
        self._fill_and_submit(identifier, password)
        return self.wait_until_loaded()

    def _fill_and_submit(self, identifier: str, password: str) -> None:
        self.input.fill(self.identifier_field, identifier)
        self.input.fill(self.password_field, password)
        self._submit(self._log_in_button)


class ConsentPage(FranceConnectPage):
    """`Vous êtes connecté(e), <prénom> <nom>`: the data passed on to the portal."""

    TITLE = CONSENT_TITLE.format(service="")  # to any service

    @property
    def data(self) -> Locator:
        """The list of what is passed on (labels and values)."""
        return self.main.locator("dl")

    def datum(self, label: str) -> Locator:
        """The value passed on under ``label`` (`Nom de naissance`, `Date de naissance`...)."""
        return described_value(self.data, label)

    @property
    def continue_button(self) -> Locator:
        return self.main.get_by_role(
            "button", name=CONTINUE_TO_SERVICE.format(service=SERVICE_NAME)
        )

    def continue_to_activation(self) -> FranceConnectCompletionPage:
        """First sign-in: the portal asks to complete the activation."""
        from .franceconnect_completion import FranceConnectCompletionPage

        self._submit(self.continue_button)
        return self._next(FranceConnectCompletionPage).wait_until_loaded()

    def continue_to_account(self) -> AccountHomePage:
        """Later sign-in (the account exists): straight to Mon compte."""
        from .account import AccountHomePage

        self._submit(self.continue_button)
        return self._next(AccountHomePage).wait_until_loaded()

    def continue_to_service(self, service_name: str = SERVICE_NAME) -> None:
        """`Continuer sur <service>`: FranceConnect redirects to the service's redirect
        URI with ``code`` and ``state``; what answers there is the test's business
        (another relying party, or the portal's callback held back by a route)."""
        name = CONTINUE_TO_SERVICE.format(service=service_name)
        button = self.main.get_by_role("button", name=name, exact=True)
        self._submit(button)

    def continue_back_to_connexion(self) -> ConnexionPage:
        """The portal could not finish the sign-in: Connexion, with its message."""
        from .connexion import ConnexionPage

        self._submit(self.continue_button)
        return self._next(ConnexionPage).wait_until_loaded()


class InvalidRequestPage(FranceConnectPage):
    """`Demande de connexion invalide`: a request FranceConnect cannot send back to
    the service (unknown client, unregistered redirect URI), so it says so itself."""

    TITLE = INVALID_REQUEST.title


def described_value(container: Locator, label: str) -> Locator:
    """In a description list inside ``container``: the <dd> right after the <dt> ``label``."""
    term = _xpath_literal(label)
    return container.locator(f"xpath=.//dt[normalize-space()={term}]/following-sibling::dd[1]")


def _xpath_literal(text: str) -> str:
    """``text`` as an XPath string literal, whatever quotes it holds (`Nom d'usage`)."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    parts = text.split("'")
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in parts) + ")"
