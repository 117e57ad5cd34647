"""The portal as a relying party of FranceConnect: sign-in, first sign-in, errors, logout."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from flask import Flask
from franceconnect_mock.identities import Identity
from mock_site import accounts, create_app
from mock_site.franceconnect_login import views
from werkzeug.test import TestResponse

from cpf import rules
from cpf.franceconnect import IDENTITY_PROVIDERS
from cpf.messages import FRANCECONNECT_ACTIVATED, FRANCECONNECT_CANCELLED, GREETING
from harness.franceconnect_identities import FranceConnectIdentity, new_franceconnect_identity

from .franceconnect_federation import (
    IDENTITIES,
    PORTAL_CLIENT,
    PORTAL_LOGOUT_CALLBACK,
    UserAgent,
    identity,
    local,
    query,
)
from .html_page import ParsedPage
from .html_page import page as parsed
from .portal_client import ACCOUNT_URL, DIF_URL, DROITS_URL, LOGIN_URL

ACCOUNT_HOME = ACCOUNT_URL


def _account(portal: Flask, nir: str) -> accounts.Account | None:
    with portal.app_context():
        return accounts.by_nir(nir)


def _flashes(user_agent: UserAgent) -> list[str]:
    with user_agent.portal.session_transaction() as session:
        return [message for _category, message in session.get("_flashes", [])]


def _shows_on_connexion(user_agent: UserAgent, response: TestResponse, message: str) -> None:
    assert response.status_code == 302
    assert response.headers["Location"] == LOGIN_URL
    assert message in _flashes(user_agent)


def _complete(user_agent: UserAgent, **form: str) -> TestResponse:
    return user_agent.portal.post("/franceconnect/activation", data=form)


def _added(user_agent: UserAgent, person: FranceConnectIdentity) -> Identity:
    """A one-off person made known to FranceConnect through the portal's test API, as the
    browser suites make them; returned as FranceConnect's mock knows them."""
    made = user_agent.portal.post("/__test__/franceconnect/identities", json=person.as_payload())
    assert made.status_code == 201, made.get_json()
    return Identity.from_dict(person.as_payload())


def _described(shown: ParsedPage, label: str) -> str:
    """In a description list: the text of the <dd> right after the <dt> ``label``."""
    for index, element in enumerate(shown.elements):
        if element.tag == "dt" and " ".join(element.text.split()) == label:
            following = [e for e in shown.elements[index + 1 :] if e.tag == "dd"]
            return " ".join(following[0].text.split())
    raise AssertionError(f"no {label!r} on the page")


def _completion(user_agent: UserAgent) -> ParsedPage:
    return parsed(user_agent.portal.get("/franceconnect/activation"))


# --- first sign-in ------------------------------------------------------------


def test_first_sign_in_shows_the_identity_read_only(user_agent: UserAgent) -> None:
    response = user_agent.sign_in(identity("helene-lefevre-noel"))
    assert response.headers["Location"] == "/franceconnect/activation"
    page = user_agent.portal.get("/franceconnect/activation").get_data(as_text=True)
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
    user_agent: UserAgent, portal: Flask
) -> None:
    sophie = identity("sophie-durand")
    user_agent.sign_in(sophie)
    response = _complete(user_agent, accept="y")
    assert response.status_code == 302
    assert response.headers["Location"] == ACCOUNT_HOME
    account = _account(portal, sophie.nir)
    assert account is not None
    assert account.password_hash is None
    assert account.email == "sophie.durand@exemple.fr"
    assert (account.birth_name, account.first_name) == ("Durand", "Sophie")
    assert account.franceconnect_sub == sophie.sub_for(PORTAL_CLIENT["client_id"])
    with user_agent.portal.session_transaction() as session:
        assert session["account_id"] == account.id
        assert session["franceconnect_id_token"]
    assert views.ACTIVATED in _flashes(user_agent)


@pytest.mark.parametrize("provider", [p.id for p in IDENTITY_PROVIDERS])
def test_first_sign_in_through_each_provider_activates_the_account(
    user_agent: UserAgent, portal: Flask, provider: str
) -> None:
    person = new_franceconnect_identity(provider, given_name="Inès", family_name="Roux")
    response = user_agent.sign_in(_added(user_agent, person))
    assert response.headers["Location"] == "/franceconnect/activation"
    completion = _completion(user_agent)
    assert _described(completion, "Nom de naissance") == "Roux"
    assert _described(completion, "Prénom(s)") == "Inès"
    assert _described(completion, "Date de naissance") == person.french_birthdate
    assert not completion.find_all("input", name="email")  # read-only: the e-mail came too

    assert _complete(user_agent, accept="y").headers["Location"] == ACCOUNT_HOME
    home = parsed(user_agent.portal.get(ACCOUNT_HOME))
    assert home.h1 == [GREETING.format(first_name="Inès", birth_name="Roux")]
    assert FRANCECONNECT_ACTIVATED in home.text_of("div")
    account = _account(portal, person.nir)
    assert account is not None
    assert account.email == person.email
    assert account.franceconnect_sub
    assert account.password_hash is None  # no password on the FranceConnect path


@pytest.mark.parametrize("department", ["2A", "2B"])
def test_person_born_in_corsica_signs_in(
    user_agent: UserAgent, portal: Flask, department: str
) -> None:
    person = new_franceconnect_identity(
        "impots", given_name="Paul-Marie", family_name="Santoni", department=department
    )
    user_agent.sign_in(_added(user_agent, person))
    shown_nir = _described(_completion(user_agent), "Numéro de sécurité sociale")
    assert shown_nir == person.formatted_nir
    assert f" {department} " in shown_nir
    assert _complete(user_agent, accept="y").headers["Location"] == ACCOUNT_HOME
    account = _account(portal, person.nir)
    assert account is not None
    assert account.nir == person.nir


@dataclasses.dataclass(frozen=True)
class DocumentedIdentity:
    """A test identity as the FranceConnect mock's README documents it."""

    provider: str
    identifier: str
    given_name: str
    family_name: str
    nir: str
    has_email: bool = True
    public_agent: bool = False


DOCUMENTED_PASSWORD = "123"  # every documented test identity's password


@pytest.mark.parametrize(
    "documented",
    [
        pytest.param(
            DocumentedIdentity(
                "impots", "3075110015021", "Nadia", "Benali", "275117511502321", public_agent=True
            ),
            id="nadia-benali-public-agent",
        ),
        pytest.param(
            DocumentedIdentity(
                "impots", "3084072004012", "Paul-Marie", "Santoni", "184072A00401254"
            ),
            id="paul-marie-santoni-corsica-2a",
        ),
        pytest.param(
            DocumentedIdentity(
                "laposte",
                "helene.lefevre-noel@exemple.fr",
                "Hélène",
                "Lefèvre-Noël",
                "279036912304582",
            ),
            id="helene-lefevre-noel-accents-hyphen",
        ),
        pytest.param(
            DocumentedIdentity(
                "msa", "158025935010178", "Marcel", "Petit", "158025935010178", has_email=False
            ),
            id="marcel-petit-no-email",
        ),
    ],
)
def test_documented_identity_signs_in(
    user_agent: UserAgent, portal: Flask, documented: DocumentedIdentity
) -> None:
    known = [person for person in IDENTITIES.values() if person.nir == documented.nir]
    assert len(known) == 1, f"{documented.nir} is not one of FranceConnect's test identities"
    # Signed in with what the README gives: the identifier and the password typed.
    typed = dataclasses.replace(known[0], login=documented.identifier, password=DOCUMENTED_PASSWORD)
    assert known[0].provider == documented.provider
    user_agent.sign_in(typed)
    completion = _completion(user_agent)
    assert _described(completion, "Nom de naissance") == documented.family_name
    assert _described(completion, "Prénom(s)") == documented.given_name
    assert _described(completion, "Numéro de sécurité sociale") == (
        rules.parse_nir(documented.nir).formatted()
    )
    email_fields = completion.find_all("input", name="email")
    if documented.has_email:
        assert not email_fields
        finished = _complete(user_agent, accept="y")
    else:
        assert [field.attrs.get("value", "") for field in email_fields] == [""]
        finished = _complete(user_agent, accept="y", email="marcel.petit@exemple.fr")
    assert finished.headers["Location"] == ACCOUNT_HOME
    home = parsed(user_agent.portal.get(ACCOUNT_HOME))
    assert home.h1 == [
        GREETING.format(first_name=documented.given_name, birth_name=documented.family_name)
    ]
    account = _account(portal, documented.nir)
    assert account is not None
    assert account.nir == documented.nir
    if documented.public_agent:
        droits = parsed(user_agent.portal.get(DROITS_URL))
        assert " ".join(droits.by_id("montant-droits").text.split()).endswith("heures")
        assert "€" not in droits.find_all("main")[0].text
        dif = parsed(user_agent.portal.get(DIF_URL))
        assert any("Vous êtes agent public" in text for text in dif.text_of("div"))
        assert not dif.find_all("input", name="hours")


def test_first_sign_in_without_cgu_is_refused(user_agent: UserAgent, portal: Flask) -> None:
    paul_marie = identity("paul-marie-santoni")
    user_agent.sign_in(paul_marie)
    response = _complete(user_agent)
    assert response.status_code == 200
    assert "Vous devez accepter les conditions générales" in response.get_data(as_text=True)
    assert _account(portal, paul_marie.nir) is None


def test_first_sign_in_without_email_from_franceconnect_asks_for_it(
    user_agent: UserAgent, portal: Flask
) -> None:
    marcel = identity("marcel-petit")
    user_agent.sign_in(marcel)
    page = user_agent.portal.get("/franceconnect/activation").get_data(as_text=True)
    assert '<label class="field__label" for="email">Adresse électronique</label>' in page
    refused = _complete(user_agent, accept="y", email="")
    assert rules.EMAIL_EMPTY in refused.get_data(as_text=True)
    assert _account(portal, marcel.nir) is None
    response = _complete(user_agent, accept="y", email="marcel.petit@exemple.fr")
    assert response.headers["Location"] == ACCOUNT_HOME
    account = _account(portal, marcel.nir)
    assert account is not None
    assert account.email == "marcel.petit@exemple.fr"


def test_first_sign_in_with_an_email_already_used_asks_for_another(
    user_agent: UserAgent, portal: Flask
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
    user_agent.sign_in(maelys)
    refused = _complete(user_agent, accept="y")
    page = refused.get_data(as_text=True)
    assert views.EMAIL_TAKEN in page
    assert 'value="maelys.hoarau@exemple.fr"' in page  # kept, to be changed
    response = _complete(user_agent, accept="y", email="maelys.h@exemple.fr")
    assert response.headers["Location"] == ACCOUNT_HOME


def test_public_agent_account_is_in_the_public_sector(user_agent: UserAgent, portal: Flask) -> None:
    nadia = identity("nadia-benali")
    user_agent.sign_in(nadia)
    _complete(user_agent, accept="y")
    account = _account(portal, nadia.nir)
    assert account is not None
    assert account.sector == "public"


def test_complete_without_a_franceconnect_sign_in_goes_back_to_connexion(
    user_agent: UserAgent,
) -> None:
    response = user_agent.portal.get("/franceconnect/activation")
    _shows_on_connexion(user_agent, response, views.EXPIRED)


# --- later sign-ins ------------------------------------------------------------------


def test_later_sign_in_goes_straight_to_the_account(user_agent: UserAgent, portal: Flask) -> None:
    sophie = identity("sophie-durand")
    user_agent.sign_in(sophie)
    _complete(user_agent, accept="y")
    again = UserAgent(portal, user_agent.franceconnect).sign_in(sophie)
    assert again.status_code == 302
    assert again.headers["Location"] == ACCOUNT_HOME


def test_account_activated_with_a_password_is_linked_on_first_franceconnect_sign_in(
    user_agent: UserAgent, portal: Flask
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
    response = user_agent.sign_in(lucas)
    assert response.headers["Location"] == ACCOUNT_HOME
    account = _account(portal, lucas.nir)
    assert account is not None
    assert account.franceconnect_sub == lucas.sub_for(PORTAL_CLIENT["client_id"])
    assert account.password_hash is not None


# --- failures, each with its French message on Connexion ---------------------------------
# (FranceConnect's broken answers, one per check: tests/test_franceconnect_checks.py)


def test_cancelled_sign_in_says_so(user_agent: UserAgent) -> None:
    authorize = user_agent.start()
    choice = user_agent.fc.get(user_agent.franceconnect.path(authorize)).headers["Location"]
    back = user_agent.fc.post(choice.replace("/choix", "/annuler")).headers["Location"]
    _shows_on_connexion(user_agent, user_agent.back_to_portal(back), views.CANCELLED)
    page = user_agent.portal.get(LOGIN_URL).get_data(as_text=True)
    assert FRANCECONNECT_CANCELLED in page


def test_unavailable_provider_says_to_try_another_or_later(user_agent: UserAgent) -> None:
    made = user_agent.portal.put(
        "/__test__/franceconnect/providers/ameli", json={"available": False}
    )
    assert made.status_code == 200
    authorize = user_agent.start()
    choice = user_agent.fc.get(user_agent.franceconnect.path(authorize)).headers["Location"]
    back = user_agent.fc.post(choice, data={"provider": "ameli"}).headers["Location"]
    _shows_on_connexion(user_agent, user_agent.back_to_portal(back), views.PROVIDER_UNAVAILABLE)


def test_failing_token_endpoint_says_franceconnect_does_not_answer(user_agent: UserAgent) -> None:
    made = user_agent.portal.put("/__test__/franceconnect/faults/token", json={"status": 500})
    assert made.status_code == 200
    response = user_agent.sign_in(identity("sophie-durand"))
    _shows_on_connexion(user_agent, response, views.UNREACHABLE)


def test_cleared_faults_let_the_sign_in_through(user_agent: UserAgent) -> None:
    user_agent.portal.put("/__test__/franceconnect/faults/token", json={"status": 503})
    assert user_agent.portal.delete("/__test__/franceconnect/faults").status_code == 200
    response = user_agent.sign_in(identity("sophie-durand"))
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


def test_wrong_state_is_refused(user_agent: UserAgent, portal: Flask) -> None:
    back = user_agent.consent_at_franceconnect(user_agent.start(), identity("sophie-durand"))
    forged = back.replace(f"state={query(back)['state']}", "state=etat-forge")
    _shows_on_connexion(user_agent, user_agent.back_to_portal(forged), views.EXPIRED)
    assert _account(portal, identity("sophie-durand").nir) is None


def test_callback_in_another_browser_is_refused(user_agent: UserAgent, portal: Flask) -> None:
    back = user_agent.consent_at_franceconnect(user_agent.start(), identity("sophie-durand"))
    other = UserAgent(portal, user_agent.franceconnect)
    _shows_on_connexion(other, other.back_to_portal(back), views.EXPIRED)


def test_replayed_callback_is_refused(user_agent: UserAgent) -> None:
    back = user_agent.consent_at_franceconnect(user_agent.start(), identity("sophie-durand"))
    assert user_agent.back_to_portal(back).headers["Location"] == "/franceconnect/activation"
    _shows_on_connexion(user_agent, user_agent.back_to_portal(back), views.EXPIRED)


def test_callback_replayed_after_activation_and_logout_is_refused(
    user_agent: UserAgent, portal: Flask
) -> None:
    back = user_agent.consent_at_franceconnect(user_agent.start(), identity("sophie-durand"))
    assert user_agent.back_to_portal(back).headers["Location"] == "/franceconnect/activation"
    assert _complete(user_agent, accept="y").headers["Location"] == ACCOUNT_HOME
    user_agent.portal.post("/deconnexion")
    _shows_on_connexion(user_agent, user_agent.back_to_portal(back), views.EXPIRED)
    with user_agent.portal.session_transaction() as session:
        assert "account_id" not in session


def test_id_token_with_another_nonce_is_rejected(user_agent: UserAgent) -> None:
    authorize = user_agent.start()
    tampered = authorize.replace(f"nonce={query(authorize)['nonce']}", "nonce=autre-nonce")
    back = user_agent.consent_at_franceconnect(tampered, identity("sophie-durand"))
    _shows_on_connexion(user_agent, user_agent.back_to_portal(back), views.NOT_VERIFIED)


# --- logout ---------------------------------------------------------------------------------


def test_logout_ends_both_sessions(user_agent: UserAgent) -> None:
    user_agent.sign_in(identity("sophie-durand"))
    _complete(user_agent, accept="y")
    with user_agent.portal.session_transaction() as session:
        id_token = session["franceconnect_id_token"]

    handover = user_agent.portal.post("/deconnexion")
    assert handover.headers["Location"] == "/franceconnect/deconnexion"
    response = user_agent.portal.get("/franceconnect/deconnexion")
    end_session = response.headers["Location"]
    assert end_session.startswith(user_agent.franceconnect.api + "/session/end?")
    params = query(end_session)
    assert params["id_token_hint"] == id_token
    assert params["post_logout_redirect_uri"] == PORTAL_LOGOUT_CALLBACK
    with user_agent.portal.session_transaction() as session:
        assert "account_id" not in session
        assert "franceconnect_id_token" not in session
    with user_agent.fc.session_transaction() as session:
        # A provider sign-in is spent with the code it gave: nothing to reuse.
        assert "provider_login" not in session

    back = user_agent.fc.get(user_agent.franceconnect.path(end_session))
    assert back.headers["Location"] == f"{PORTAL_LOGOUT_CALLBACK}?state={params['state']}"

    done = user_agent.portal.get(local(back.headers["Location"]))
    assert done.headers["Location"] == "/"
    assert views.LOGGED_OUT in _flashes(user_agent)


def test_franceconnect_logout_without_a_portal_logout_first_changes_nothing(
    user_agent: UserAgent,
) -> None:
    response = user_agent.portal.get("/franceconnect/deconnexion")
    assert response.headers["Location"] == "/"
    assert views.LOGGED_OUT not in _flashes(user_agent)


def test_header_logout_button_also_ends_the_franceconnect_session(user_agent: UserAgent) -> None:
    user_agent.sign_in(identity("sophie-durand"))
    _complete(user_agent, accept="y")
    handed_over = user_agent.portal.post("/deconnexion")  # account.logout, the header's button
    response = user_agent.portal.get(local(handed_over.headers["Location"]))
    assert response.headers["Location"].startswith(user_agent.franceconnect.api + "/session/end?")


def test_provider_sign_in_is_good_for_one_request_only(user_agent: UserAgent) -> None:
    """A new authorization request cannot reach consent on an earlier request's sign-in."""
    user_agent.sign_in(identity("sophie-durand"))
    choice = user_agent.fc.get(user_agent.franceconnect.path(user_agent.start()))
    tx = query(choice.headers["Location"])["tx"]
    consent = user_agent.fc.get(f"/consentement?tx={tx}")
    assert consent.status_code == 302
    assert "/choix?" in consent.headers["Location"]
