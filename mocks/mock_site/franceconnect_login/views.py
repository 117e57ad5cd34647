"""Sign-in and sign-out through FranceConnect, and the first sign-in's completion."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from flask import current_app, flash, redirect, render_template, session, url_for
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from werkzeug.wrappers import Response

from cpf import rules
from cpf.messages import EMAIL_TAKEN, LOGGED_OUT
from cpf.messages import FRANCECONNECT_ACTIVATED as ACTIVATED
from cpf.messages import FRANCECONNECT_CANCELLED as CANCELLED
from cpf.messages import FRANCECONNECT_EXPIRED as EXPIRED
from cpf.messages import FRANCECONNECT_FAILED as FAILED
from cpf.messages import FRANCECONNECT_NOT_CONFIGURED as NOT_CONFIGURED
from cpf.messages import FRANCECONNECT_NOT_VERIFIED as NOT_VERIFIED
from cpf.messages import FRANCECONNECT_PROVIDER_UNAVAILABLE as PROVIDER_UNAVAILABLE
from cpf.messages import FRANCECONNECT_UNREACHABLE as UNREACHABLE

from .. import accounts, auth, clock, rights, session_keys
from . import bp, checks, client, issuer_of
from .forms import CompleteForm

log = logging.getLogger(__name__)


PENDING_KEY = session_keys.FRANCECONNECT_PENDING
ID_TOKEN_KEY = session_keys.FRANCECONNECT_ID_TOKEN

# Errors FranceConnect sends back to the callback (RFC 6749 4.1.2.1), and what we say.
CALLBACK_ERRORS = {
    "access_denied": CANCELLED,
    "temporarily_unavailable": PROVIDER_UNAVAILABLE,
    "server_error": UNREACHABLE,
}


def _back_to_connexion(message: str) -> Response:
    flash(message, "error")
    return redirect(url_for("account.connexion"))


def _sign_in(account_id: int, id_token: str) -> None:
    auth.sign_in(account_id)
    session[ID_TOKEN_KEY] = id_token  # kept for FranceConnect's end-session at logout


@bp.post("/connexion")
def start() -> Response:
    oidc = client()
    if oidc is None:
        return _back_to_connexion(NOT_CONFIGURED)
    try:
        response: Response = oidc.authorize_redirect(url_for(".callback", _external=True))
    except (requests.RequestException, ValueError) as error:  # discovery document unreachable
        log.warning("FranceConnect discovery failed: %s", error)
        return _back_to_connexion(UNREACHABLE)
    return response


def _issuer() -> str:
    return issuer_of(str(current_app.config["FRANCECONNECT_ISSUER"]))


def _userinfo(oidc: Any, token: dict[str, Any]) -> dict[str, Any]:
    """The signed userinfo answer, verified (checks.signed_userinfo)."""
    metadata = oidc.load_server_metadata()
    answer = oidc.get(metadata["userinfo_endpoint"], token=token)
    answer.raise_for_status()
    keys = KeySet.import_key_set(oidc.fetch_jwk_set())
    return checks.signed_userinfo(
        answer.headers.get("Content-Type", ""), answer.text, keys, _issuer(), str(oidc.client_id)
    )


def _fetch_identity() -> tuple[dict[str, Any], str] | str:
    """(user info, id token) from FranceConnect, or the message to show."""
    oidc = client()
    if oidc is None:
        return NOT_CONFIGURED
    try:
        token = oidc.authorize_access_token(
            claims_options=checks.id_token_claims_options(_issuer(), str(oidc.client_id)),
            leeway=checks.CLOCK_SKEW_SECONDS,
        )
        id_claims = token.get("userinfo")
        if not id_claims:  # OIDC Core 3.1.3.3: no ID token, nobody to sign in
            return NOT_VERIFIED
        userinfo = _userinfo(oidc, token)
    except MismatchingStateError:
        return EXPIRED
    except OAuthError as error:
        log.warning("FranceConnect refused: %s %s", error.error, error.description)
        return CALLBACK_ERRORS.get(error.error or "", FAILED)
    except (JoseError, checks.UserinfoRefused) as error:
        log.warning("FranceConnect ID token or userinfo rejected: %s", error)
        return NOT_VERIFIED
    except (requests.RequestException, ValueError) as error:
        log.warning("FranceConnect unreachable: %s", error)
        return UNREACHABLE
    if not checks.same_person(id_claims, userinfo):
        return NOT_VERIFIED
    return userinfo, token["id_token"]


@bp.get("/retour")
def callback() -> Response:
    fetched = _fetch_identity()
    if isinstance(fetched, str):
        return _back_to_connexion(fetched)
    userinfo, id_token = fetched
    try:
        nir = rules.parse_nir(str(userinfo.get("nir", ""))).compact
    except rules.NirError:
        return _back_to_connexion(NOT_VERIFIED)
    sub = str(userinfo["sub"])

    account = accounts.by_franceconnect_sub(sub)
    if account is None:
        account = accounts.by_nir(nir)
        if account is not None:  # activated before with a password: link the two
            accounts.update(account.id, franceconnect_sub=sub)
    if account is not None:
        _sign_in(account.id, id_token)
        return redirect(url_for("account.home"))

    session[PENDING_KEY] = {
        "sub": sub,
        "nir": nir,
        "given_name": str(userinfo.get("given_name", "")),
        "family_name": str(userinfo.get("family_name", "")),
        "birthdate": str(userinfo.get("birthdate", "")),
        "gender": str(userinfo.get("gender", "")),
        "birthplace_name": str(userinfo.get("birthplace_name", "")),
        "email": userinfo.get("email") or None,
        "id_token": id_token,
    }
    return redirect(url_for(".complete"))


def _identity_lines(pending: dict[str, Any]) -> list[tuple[str, str]]:
    birthdate = pending["birthdate"]
    if birthdate.count("-") == 2:
        year, month, day = birthdate.split("-")
        birthdate = f"{day}/{month}/{year}"
    lines = [
        ("Nom de naissance", pending["family_name"]),
        ("Prénom(s)", pending["given_name"]),
        ("Date de naissance", birthdate),
        ("Sexe", {"female": "Femme", "male": "Homme"}.get(pending["gender"], pending["gender"])),
        ("Lieu de naissance", pending["birthplace_name"]),
        ("Numéro de sécurité sociale", rules.parse_nir(pending["nir"]).formatted()),
    ]
    if pending["email"]:
        lines.append(("Adresse électronique", pending["email"]))
    return lines


@bp.route("/activation", methods=["GET", "POST"])
def complete() -> Response | str:
    """First sign-in: the identity read-only, the e-mail if FranceConnect gave
    none (or one already used), the CGU. No password, no captcha."""
    pending: dict[str, Any] | None = session.get(PENDING_KEY)
    if not pending:
        return _back_to_connexion(EXPIRED)
    form = CompleteForm()
    ask_email = not pending["email"] or bool(pending.get("email_refused"))
    if form.is_submitted():
        form_ok = form.validate()  # the CGU box; the e-mail is checked below, either way
        email = rules.normalize_email((form.email.data if ask_email else pending["email"]) or "")
        problem = rules.email_error(email) if ask_email else None
        if problem is None and accounts.email_taken(email):
            problem = EMAIL_TAKEN
        if form_ok and problem is None:
            created = _create_account(pending, email)
            if isinstance(created, Response):
                return created
            problem = created
        if problem is not None:
            if not ask_email:  # FranceConnect's address already has an account: ask another
                pending = {**pending, "email_refused": True}
                session[PENDING_KEY] = pending
                ask_email = True
                form.email.data = email
            form.email.errors = [problem]
    return render_template(
        "franceconnect_login/complete.html",
        form=form,
        ask_email=ask_email,
        lines=_identity_lines(pending),
    )


def _create_account(pending: dict[str, Any], email: str) -> Response | str | None:
    """Activate the account and sign in (a redirect), or the e-mail problem."""
    sector, career = rights.initial_profile(pending["nir"], clock.today())
    try:
        account = accounts.create_account(
            nir=pending["nir"],
            email=email,
            birth_name=pending["family_name"],
            first_name=pending["given_name"],
            password_hash=None,
            sector=sector,
            career=career,
            franceconnect_sub=pending["sub"],
        )
    except accounts.DuplicateAccount as error:
        if error.field == "email":
            return EMAIL_TAKEN
        # Same person activated meanwhile (another tab): nothing to complete.
        session.pop(PENDING_KEY, None)
        return _back_to_connexion(FAILED)
    _sign_in(account.id, pending["id_token"])
    flash(ACTIVATED, "success")
    return redirect(url_for("account.home"))


@bp.get("/deconnexion")
def logout() -> Response:
    """After the portal's logout (a CSRF-checked POST): FranceConnect's end-session.

    Without the hint that logout leaves, this changes nothing: a link from another
    site cannot sign anybody out.
    """
    id_token = session.pop(session_keys.FRANCECONNECT_LOGOUT_HINT, None)
    if not id_token:
        return redirect(url_for("public.accueil"))
    oidc = client()
    if oidc is None:
        flash(LOGGED_OUT, "success")
        return redirect(url_for("public.accueil"))
    try:
        response: Response = oidc.logout_redirect(
            post_logout_redirect_uri=url_for(".logout_callback", _external=True),
            id_token_hint=id_token,
        )
    except (requests.RequestException, ValueError, RuntimeError) as error:
        log.warning("FranceConnect logout unavailable: %s", error)
        flash(LOGGED_OUT, "success")
        return redirect(url_for("public.accueil"))
    return response


@bp.get("/deconnexion/retour")
def logout_callback() -> Response:
    oidc = client()
    if oidc is not None:
        # A missing or unknown state changes nothing: the portal session is already over.
        with contextlib.suppress(OAuthError):
            oidc.validate_logout_response()
    flash(LOGGED_OUT, "success")
    return redirect(url_for("public.accueil"))
