"""What the user sees at FranceConnect: provider choice, provider login, consent, cancel.

Every page is reached with ``?tx=``, the authorization request kept at
/authorize; the request is checked again by Authlib before the code is issued.
"""

from __future__ import annotations

from typing import Any

from authlib.oauth2.rfc6749 import OAuth2Request
from authlib.oauth2.rfc6749.errors import OAuth2Error
from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from cpf.franceconnect import REQUEST_EXPIRED, WRONG_CREDENTIALS

from .forms import ConfirmForm, ProviderChoiceForm, ProviderLoginForm
from .identities import Provider
from .oidc import authorization_error, federation, forget_request, stored_request
from .server import LOGIN_KEY, TemporarilyUnavailableError

bp = Blueprint("pages", __name__)

Page = Response | str | tuple[str, int]


class _Pending:
    """The kept authorization request of ``?tx=``, with its checked grant."""

    def __init__(self, transaction: str, oauth_request: OAuth2Request, grant: Any) -> None:
        self.transaction = transaction
        self.oauth_request = oauth_request
        self.grant = grant

    @property
    def client(self) -> Any:
        return self.grant.request.client

    @property
    def scope(self) -> str:
        return str(self.grant.request.scope or "")


def _pending(end_user: Any = None) -> _Pending | Page:
    transaction = request.args.get("tx", "")
    oauth_request = stored_request(transaction)
    if oauth_request is None:
        return render_template("franceconnect/error.html", error=REQUEST_EXPIRED), 400
    try:
        grant = federation().server.get_consent_grant(oauth_request, end_user=end_user)
    except OAuth2Error as error:
        forget_request(transaction)
        return authorization_error(error)
    return _Pending(transaction, oauth_request, grant)


def _provider(provider_id: str) -> Provider:
    provider = federation().providers.get(provider_id)
    if provider is None:
        abort(404)
    return provider


def _unavailable(pending: _Pending, provider: Provider) -> Response:
    """Back to the client with temporarily_unavailable, as FranceConnect does."""
    forget_request(pending.transaction)
    error = TemporarilyUnavailableError(
        # RFC 6749: error_description is ASCII only.
        description=f"Identity provider {provider.id} is temporarily unavailable.",
        redirect_uri=pending.grant.redirect_uri,
        state=pending.oauth_request.payload.state,
    )
    response: Response = federation().server.handle_error_response(None, error)
    return response


@bp.route("/choix", methods=["GET", "POST"])
def choose_provider() -> Page:
    pending = _pending()
    if not isinstance(pending, _Pending):
        return pending
    fed = federation()
    form = ProviderChoiceForm()
    if form.validate_on_submit():
        provider = _provider(form.provider.data)
        if provider.id in fed.unavailable_providers:
            return _unavailable(pending, provider)
        return redirect(url_for(".provider_login", provider_id=provider.id, tx=pending.transaction))
    return render_template(
        "franceconnect/choice.html",
        pending=pending,
        providers=list(fed.providers.values()),
        unavailable=fed.unavailable_providers,
        form=form,
        cancel_form=ConfirmForm(),
    )


@bp.route("/fournisseur/<provider_id>", methods=["GET", "POST"])
def provider_login(provider_id: str) -> Page:
    pending = _pending()
    if not isinstance(pending, _Pending):
        return pending
    fed = federation()
    provider = _provider(provider_id)
    if provider.id in fed.unavailable_providers:
        return _unavailable(pending, provider)
    form = ProviderLoginForm()
    refused = False
    if form.validate_on_submit():
        identity = fed.store.find_identity(provider.id, form.identifier.data or "")
        if identity is not None and identity.password == form.password.data:
            # The sign-in is good for this request only: a later one signs in again.
            session[LOGIN_KEY] = {
                "tx": pending.transaction,
                "identity_id": identity.id,
                "provider_id": provider.id,
            }
            return redirect(url_for(".consent", tx=pending.transaction))
        refused = True
    return render_template(
        "franceconnect/login.html",
        pending=pending,
        provider=provider,
        form=form,
        refused_message=WRONG_CREDENTIALS if refused else None,
        cancel_form=ConfirmForm(),
    ), (401 if refused else 200)


@bp.route("/consentement", methods=["GET", "POST"])
def consent() -> Page:
    fed = federation()
    login = session.get(LOGIN_KEY) or {}
    identity = fed.store.identity(login.get("identity_id", ""))
    if identity is None or login.get("tx") != request.args.get("tx"):
        return redirect(url_for(".choose_provider", tx=request.args.get("tx", "")))
    pending = _pending(end_user=identity)
    if not isinstance(pending, _Pending):
        return pending
    form = ConfirmForm()
    if form.validate_on_submit():
        forget_request(pending.transaction)
        session.pop(LOGIN_KEY, None)
        response: Response = fed.server.create_authorization_response(
            pending.oauth_request, grant_user=identity, grant=pending.grant
        )
        return response
    return render_template(
        "franceconnect/consent.html",
        pending=pending,
        identity=identity,
        provider=fed.providers.get(login.get("provider_id", "")),
        lines=identity.consent_lines(pending.scope),
        form=form,
        cancel_form=ConfirmForm(),
    )


@bp.post("/annuler")
def cancel() -> Page:
    """Back to the client with error=access_denied and its state."""
    pending = _pending()
    if not isinstance(pending, _Pending):
        return pending
    if not ConfirmForm().validate_on_submit():
        abort(400)
    forget_request(pending.transaction)
    response: Response = federation().server.create_authorization_response(
        pending.oauth_request, grant_user=None, grant=pending.grant
    )
    return response
