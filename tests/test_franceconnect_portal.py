"""The portal as a relying party of FranceConnect: sign-in, first sign-in, errors, logout."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from mock_site import accounts, create_app
from mock_site.franceconnect_login import views
from werkzeug.test import TestResponse

from .franceconnect_federation import (
    PORTAL_CLIENT,
    PORTAL_LOGOUT_CALLBACK,
    Browser,
    identity,
    local,
    query,
)
from .portal_client import ACCOUNT_URL, LOGIN_URL

ACCOUNT_HOME = ACCOUNT_URL


def _account(portal: Flask, nir: str) -> accounts.Account | None:
    with portal.app_context():
        return accounts.by_nir(nir)


def _flashes(browser: Browser) -> list[str]:
    with browser.portal.session_transaction() as session:
        return [message for _category, message in session.get("_flashes", [])]


def _shows_on_connexion(browser: Browser, response: TestResponse, message: str) -> None:
    assert response.status_code == 302
    assert response.headers["Location"] == LOGIN_URL
    assert message in _flashes(browser)


def _complete(browser: Browser, **form: str) -> TestResponse:
    return browser.portal.post("/franceconnect/activation", data=form)


# --- first sign-in ------------------------------------------------------------


def test_first_sign_in_shows_the_identity_read_only(browser: Browser) -> None:
    response = browser.sign_in(identity("helene-lefevre-noel"))
    assert response.headers["Location"] == "/franceconnect/activation"
    page = browser.portal.get("/franceconnect/activation").get_data(as_text=True)
    for label, value in (
        ("Nom de naissance", "Lefèvre-Noël"),
        ("Prénom(s)", "Hélène"),
        ("Date de naissance", "21/03/1979"),
        ("Lieu de naissance", "Lyon"),
    ):
        assert f"<dt>{label}</dt>\n        <dd>{value}</dd>" in page
    assert 'name="email"' not in page  # FranceConnect gave one
    assert "J&#39;accepte les conditions générales d&#39;utilisation" in page
    assert ">conditions générales d'utilisation</a>" in page


def test_first_sign_in_activates_the_account_without_password(
    browser: Browser, portal: Flask
) -> None:
    sophie = identity("sophie-durand")
    browser.sign_in(sophie)
    response = _complete(browser, accept="y")
    assert response.status_code == 302
    assert response.headers["Location"] == ACCOUNT_HOME
    account = _account(portal, sophie.nir)
    assert account is not None
    assert account.password_hash is None
    assert account.email == "sophie.durand@exemple.fr"
    assert (account.birth_name, account.first_name) == ("Durand", "Sophie")
    assert account.franceconnect_sub == sophie.sub_for(PORTAL_CLIENT["client_id"])
    with browser.portal.session_transaction() as session:
        assert session["account_id"] == account.id
        assert session["franceconnect_id_token"]
    assert views.ACTIVATED in _flashes(browser)


def test_first_sign_in_without_cgu_is_refused(browser: Browser, portal: Flask) -> None:
    paul_marie = identity("paul-marie-santoni")
    browser.sign_in(paul_marie)
    response = _complete(browser)
    assert response.status_code == 200
    assert "Vous devez accepter les conditions générales" in response.get_data(as_text=True)
    assert _account(portal, paul_marie.nir) is None


def test_first_sign_in_without_email_from_franceconnect_asks_for_it(
    browser: Browser, portal: Flask
) -> None:
    marcel = identity("marcel-petit")
    browser.sign_in(marcel)
    page = browser.portal.get("/franceconnect/activation").get_data(as_text=True)
    assert '<label class="field__label" for="email">Adresse électronique</label>' in page
    refused = _complete(browser, accept="y", email="")
    assert "Saisissez votre adresse électronique." in refused.get_data(as_text=True)
    assert _account(portal, marcel.nir) is None
    response = _complete(browser, accept="y", email="marcel.petit@exemple.fr")
    assert response.headers["Location"] == ACCOUNT_HOME
    account = _account(portal, marcel.nir)
    assert account is not None
    assert account.email == "marcel.petit@exemple.fr"


def test_first_sign_in_with_an_email_already_used_asks_for_another(
    browser: Browser, portal: Flask
) -> None:
    maelys = identity("maelys-hoarau")
    with portal.app_context():
        accounts.create_account(
            nir="185057505612388",
            email=maelys.email or "",
            birth_name="Autre",
            first_name="Personne",
            password_hash=None,
            send_confirmation=False,
        )
    browser.sign_in(maelys)
    refused = _complete(browser, accept="y")
    page = refused.get_data(as_text=True)
    assert views.EMAIL_TAKEN in page
    assert 'value="maelys.hoarau@exemple.fr"' in page  # kept, to be changed
    response = _complete(browser, accept="y", email="maelys.h@exemple.fr")
    assert response.headers["Location"] == ACCOUNT_HOME


def test_public_agent_account_is_in_the_public_sector(browser: Browser, portal: Flask) -> None:
    nadia = identity("nadia-benali")
    browser.sign_in(nadia)
    _complete(browser, accept="y")
    account = _account(portal, nadia.nir)
    assert account is not None
    assert account.sector == "public"


def test_complete_without_a_franceconnect_sign_in_goes_back_to_connexion(
    browser: Browser,
) -> None:
    response = browser.portal.get("/franceconnect/activation")
    _shows_on_connexion(browser, response, views.EXPIRED)


# --- later sign-ins ------------------------------------------------------------------


def test_later_sign_in_goes_straight_to_the_account(browser: Browser, portal: Flask) -> None:
    sophie = identity("sophie-durand")
    browser.sign_in(sophie)
    _complete(browser, accept="y")
    again = Browser(portal, browser.franceconnect).sign_in(sophie)
    assert again.status_code == 302
    assert again.headers["Location"] == ACCOUNT_HOME


def test_account_activated_with_a_password_is_linked_on_first_franceconnect_sign_in(
    browser: Browser, portal: Flask
) -> None:
    lucas = identity("lucas-moreau")
    with portal.app_context():
        accounts.create_account(
            nir=lucas.nir,
            email="lucas@exemple.fr",
            birth_name="Moreau",
            first_name="Lucas",
            password_hash=accounts.hash_password("MotDePasse1"),
            send_confirmation=False,
        )
    response = browser.sign_in(lucas)
    assert response.headers["Location"] == ACCOUNT_HOME
    account = _account(portal, lucas.nir)
    assert account is not None
    assert account.franceconnect_sub == lucas.sub_for(PORTAL_CLIENT["client_id"])
    assert account.password_hash is not None


# --- failures, each with its French message on Connexion ---------------------------------
# (FranceConnect's broken answers, one per check: tests/test_franceconnect_checks.py)


def test_cancelled_sign_in_says_so(browser: Browser) -> None:
    authorize = browser.start()
    choice = browser.fc.get(browser.franceconnect.path(authorize)).headers["Location"]
    back = browser.fc.post(choice.replace("/choix", "/annuler")).headers["Location"]
    _shows_on_connexion(browser, browser.back_to_portal(back), views.CANCELLED)
    page = browser.portal.get(LOGIN_URL).get_data(as_text=True)
    assert "Vous avez annulé la connexion avec FranceConnect." in page


def test_unavailable_provider_says_to_try_another_or_later(browser: Browser) -> None:
    made = browser.portal.put("/__test__/franceconnect/providers/ameli", json={"available": False})
    assert made.status_code == 200
    authorize = browser.start()
    choice = browser.fc.get(browser.franceconnect.path(authorize)).headers["Location"]
    back = browser.fc.post(choice, data={"provider": "ameli"}).headers["Location"]
    _shows_on_connexion(browser, browser.back_to_portal(back), views.PROVIDER_UNAVAILABLE)


def test_failing_token_endpoint_says_franceconnect_does_not_answer(browser: Browser) -> None:
    made = browser.portal.put("/__test__/franceconnect/faults/token", json={"status": 500})
    assert made.status_code == 200
    response = browser.sign_in(identity("sophie-durand"))
    _shows_on_connexion(browser, response, views.UNREACHABLE)


def test_cleared_faults_let_the_sign_in_through(browser: Browser) -> None:
    browser.portal.put("/__test__/franceconnect/faults/token", json={"status": 503})
    assert browser.portal.delete("/__test__/franceconnect/faults").status_code == 200
    response = browser.sign_in(identity("sophie-durand"))
    assert response.headers["Location"] == "/franceconnect/activation"


def test_unreachable_franceconnect_says_so(tmp_path: Path) -> None:
    portal = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "portal.sqlite3"),
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "tests",
            "FRANCECONNECT_ISSUER": "http://127.0.0.1:9",  # discard port: nobody answers
        }
    )
    client = portal.test_client()
    response = client.post("/franceconnect/connexion")
    assert response.headers["Location"] == LOGIN_URL
    with client.session_transaction() as session:
        assert (("error", views.UNREACHABLE)) in session["_flashes"]


def test_wrong_state_is_refused(browser: Browser, portal: Flask) -> None:
    back = browser.consent_at_franceconnect(browser.start(), identity("sophie-durand"))
    forged = back.replace(f"state={query(back)['state']}", "state=etat-forge")
    _shows_on_connexion(browser, browser.back_to_portal(forged), views.EXPIRED)
    assert _account(portal, identity("sophie-durand").nir) is None


def test_callback_in_another_browser_is_refused(browser: Browser, portal: Flask) -> None:
    back = browser.consent_at_franceconnect(browser.start(), identity("sophie-durand"))
    other = Browser(portal, browser.franceconnect)
    _shows_on_connexion(other, other.back_to_portal(back), views.EXPIRED)


def test_replayed_callback_is_refused(browser: Browser) -> None:
    back = browser.consent_at_franceconnect(browser.start(), identity("sophie-durand"))
    assert browser.back_to_portal(back).headers["Location"] == "/franceconnect/activation"
    _shows_on_connexion(browser, browser.back_to_portal(back), views.EXPIRED)


def test_id_token_with_another_nonce_is_rejected(browser: Browser) -> None:
    authorize = browser.start()
    tampered = authorize.replace(f"nonce={query(authorize)['nonce']}", "nonce=autre-nonce")
    back = browser.consent_at_franceconnect(tampered, identity("sophie-durand"))
    _shows_on_connexion(browser, browser.back_to_portal(back), views.NOT_VERIFIED)


# --- logout ---------------------------------------------------------------------------------


def test_logout_ends_both_sessions(browser: Browser) -> None:
    browser.sign_in(identity("sophie-durand"))
    _complete(browser, accept="y")
    with browser.portal.session_transaction() as session:
        id_token = session["franceconnect_id_token"]

    handover = browser.portal.post("/deconnexion")
    assert handover.headers["Location"] == "/franceconnect/deconnexion"
    response = browser.portal.get("/franceconnect/deconnexion")
    end_session = response.headers["Location"]
    assert end_session.startswith(browser.franceconnect.api + "/session/end?")
    params = query(end_session)
    assert params["id_token_hint"] == id_token
    assert params["post_logout_redirect_uri"] == PORTAL_LOGOUT_CALLBACK
    with browser.portal.session_transaction() as session:
        assert "account_id" not in session
        assert "franceconnect_id_token" not in session
    with browser.fc.session_transaction() as session:
        # A provider sign-in is spent with the code it gave: nothing to reuse.
        assert "provider_login" not in session

    back = browser.fc.get(browser.franceconnect.path(end_session))
    assert back.headers["Location"] == f"{PORTAL_LOGOUT_CALLBACK}?state={params['state']}"

    done = browser.portal.get(local(back.headers["Location"]))
    assert done.headers["Location"] == "/"
    assert views.LOGGED_OUT in _flashes(browser)


def test_franceconnect_logout_without_a_portal_logout_first_changes_nothing(
    browser: Browser,
) -> None:
    response = browser.portal.get("/franceconnect/deconnexion")
    assert response.headers["Location"] == "/"
    assert views.LOGGED_OUT not in _flashes(browser)


def test_header_logout_button_also_ends_the_franceconnect_session(browser: Browser) -> None:
    browser.sign_in(identity("sophie-durand"))
    _complete(browser, accept="y")
    handed_over = browser.portal.post("/deconnexion")  # account.logout, the header's button
    response = browser.portal.get(local(handed_over.headers["Location"]))
    assert response.headers["Location"].startswith(browser.franceconnect.api + "/session/end?")


def test_provider_sign_in_is_good_for_one_request_only(browser: Browser) -> None:
    """A new authorization request cannot reach consent on an earlier request's sign-in."""
    browser.sign_in(identity("sophie-durand"))
    choice = browser.fc.get(browser.franceconnect.path(browser.start()))
    tx = query(choice.headers["Location"])["tx"]
    consent = browser.fc.get(f"/consentement?tx={tx}")
    assert consent.status_code == 302
    assert "/choix?" in consent.headers["Location"]
