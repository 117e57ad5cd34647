"""Step 2, Connexion: the two situations of the seed, and where each leads."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from page_objects.accueil import AccueilPage
from page_objects.connexion import ConnexionPage


@pytest.mark.smoke
def test_accueil_connexion_link_leads_to_connexion(page: Page) -> None:
    connexion = AccueilPage(page).open().header.go_to_connexion()
    expect(connexion.heading).to_have_text(ConnexionPage.TITLE)


def test_accueil_tells_to_have_nir_and_email_ready(page: Page) -> None:
    accueil = AccueilPage(page).open()
    expect(accueil.before_you_start).to_contain_text("numéro de Sécurité sociale")
    expect(accueil.before_you_start).to_contain_text("adresse électronique valide")


def test_accueil_explains_report_du_dif(page: Page) -> None:
    expect(AccueilPage(page).open().report_du_dif_section).to_contain_text("31/12/2020")


@pytest.mark.smoke
def test_connexion_shows_both_situations(page: Page) -> None:
    connexion = ConnexionPage(page).open()
    expect(connexion.franceconnect_button).to_be_visible()
    expect(connexion.no_account_text).to_be_visible()
    expect(connexion.sign_up_link).to_be_visible()


def test_connexion_explains_franceconnect_with_ameli_impots_la_poste(page: Page) -> None:
    connexion = ConnexionPage(page).open()
    expect(connexion.main).to_contain_text(
        "Vous avez déjà un compte auprès d'Ameli, des impôts, de la Poste"
    )


def test_what_is_franceconnect_link_opens_its_explanation(page: Page) -> None:
    connexion = ConnexionPage(page).open()
    connexion.what_is_franceconnect_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Qu'est-ce que FranceConnect ?")


def test_connexion_has_login_fields_for_account_holders(page: Page) -> None:
    connexion = ConnexionPage(page).open()
    expect(connexion.nir_field).to_be_editable()
    expect(connexion.password_field).to_have_attribute("type", "password")
    expect(connexion.login_button).to_be_enabled()


def test_connexion_controls_have_their_exact_accessible_names(page: Page) -> None:
    # What a screen reader announces: the exact names, not just a text that contains them.
    connexion = ConnexionPage(page).open()
    expect(connexion.franceconnect_button).to_have_accessible_name(
        "S'identifier avec FranceConnect"
    )
    expect(connexion.what_is_franceconnect_link).to_have_accessible_name(
        "Qu'est-ce que FranceConnect ?"
    )
    expect(connexion.sign_up_link).to_have_accessible_name("S'inscrire")
    expect(connexion.login_button).to_have_accessible_name("Se connecter")
    expect(connexion.nir_field).to_have_accessible_name("Numéro de sécurité sociale")
    expect(connexion.password_field).to_have_accessible_name("Mot de passe")
