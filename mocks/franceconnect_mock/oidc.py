"""The OpenID Connect endpoints, under /api/v2/ as FranceConnect v2 serves them:
discovery, JWKS, authorize, token, userinfo, end session.

The issuer is ``<base URL>/api/v2``, so the discovery document sits where OpenID
Connect Discovery puts it: ``<issuer>/.well-known/openid-configuration``. The
root paths a v1 client calls (/authorize, /token, /api/v1/...) answer 404 with a
page that names the v2 path.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from authlib.oauth2.rfc6749 import OAuth2Request
from authlib.oauth2.rfc6749.errors import InvalidRequestError, OAuth2Error
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from flask import (
    Blueprint,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from cpf.franceconnect import INVALID_REQUEST, LOGOUT_REFUSED, V1_ADDRESS

from .identities import SCOPE_CLAIMS
from .models import SIGNING_ALGORITHMS
from .server import ACR_VALUES, Federation, MissingBearerToken

API_PREFIX = "/api/v2"
bp = Blueprint("oidc", __name__, url_prefix=API_PREFIX)
# What a v1 client calls; refused with a pointer to the v2 path.
V1_PATHS = (
    "/.well-known/openid-configuration",
    "/jwks",
    "/authorize",
    "/token",
    "/userinfo",
    "/session/end",
    "/logout",
)
v1 = Blueprint("oidc_v1", __name__)

# Authorization requests kept per browser session while the user picks a
# provider, signs in and consents; the oldest go first.
MAX_PENDING_REQUESTS = 10


def federation() -> Federation:
    fed: Federation = current_app.extensions["franceconnect"]
    return fed


@bp.get("/.well-known/openid-configuration")
def discovery() -> Response:
    fed = federation()
    base = fed.base_url
    # Plain http on loopback: Authlib's metadata validator would insist on https.
    metadata = dict(
        issuer=fed.issuer,
        authorization_endpoint=base + url_for(".authorize"),
        token_endpoint=base + url_for(".token"),
        userinfo_endpoint=base + url_for(".userinfo"),
        jwks_uri=base + url_for(".jwks"),
        end_session_endpoint=base + url_for(".end_session"),
        scopes_supported=list(SCOPE_CLAIMS),
        response_types_supported=["code"],
        response_modes_supported=["query"],
        grant_types_supported=["authorization_code"],
        subject_types_supported=["pairwise"],
        id_token_signing_alg_values_supported=fed.faults.announced_algorithms(
            list(SIGNING_ALGORITHMS)
        ),
        userinfo_signing_alg_values_supported=fed.faults.announced_algorithms(
            list(SIGNING_ALGORITHMS), userinfo=True
        ),
        token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post"],
        claims_supported=sorted({"sub", *(c for cs in SCOPE_CLAIMS.values() for c in cs)}),
        claims_parameter_supported=False,
        request_parameter_supported=False,
        request_uri_parameter_supported=False,  # its default is true (Discovery 3)
        acr_values_supported=list(ACR_VALUES),
        ui_locales_supported=["fr"],
    )
    return jsonify(metadata)


@bp.get("/jwks")
def jwks() -> Response:
    fed = federation()
    return jsonify({"keys": fed.faults.published_keys(fed.signing.public_jwks()["keys"])})


@bp.route("/authorize", methods=["GET", "POST"])  # OIDC Core 3.1.2.1: GET and POST
def authorize() -> Response | tuple[str, int]:
    """Check the request now (client, exact redirect URI, state, nonce, scope,
    acr_values), then keep it while the user chooses a provider, signs in and consents."""
    server = federation().server
    try:
        grant = server.get_consent_grant(end_user=None)
    except OAuth2Error as error:
        return authorization_error(error)
    if refusal := federation().faults.authorize_error:  # test mode: an error, not a sign-in
        state = grant.request.payload.state
        return authorization_error(
            OAuth2Error(error=refusal, state=state, redirect_uri=grant.redirect_uri)
        )
    transaction = secrets.token_urlsafe(16)
    pending = dict(session.get("requests") or {})
    pending[transaction] = {
        "params": request.values.to_dict(),  # the query, or a POST's form
        "started_at": federation().clock.now(grant.request.client.client_id),
    }
    while len(pending) > MAX_PENDING_REQUESTS:
        pending.pop(next(iter(pending)))
    session["requests"] = pending
    return redirect(url_for("pages.choose_provider", tx=transaction))


def authorization_error(error: OAuth2Error) -> Response | tuple[str, int]:
    """Back to the client when its redirect URI is trusted; else a page here."""
    if error.redirect_uri:
        response: Response = federation().server.handle_error_response(None, error)
        return response
    return render_template(
        "franceconnect/error.html", error=INVALID_REQUEST, detail=_logged_error_code(error)
    ), 400


def stored_request(transaction: str) -> OAuth2Request | None:
    """The authorization request kept at /authorize, as Authlib's request object;
    None once the FranceConnect session it opened has outlived its lifetime."""
    kept: dict[str, Any] | None = (session.get("requests") or {}).get(transaction)
    if kept is None:
        return None
    fed = federation()
    params: dict[str, Any] = kept["params"]
    now = fed.clock.now(str(params.get("client_id", "")))
    if now >= kept["started_at"] + fed.lifetimes.session:
        forget_request(transaction)
        return None
    oauth_request = OAuth2Request("GET", fed.base_url + url_for("oidc.authorize"))
    oauth_request.payload = BasicOAuth2Payload(params)
    return oauth_request


def forget_request(transaction: str) -> None:
    pending = dict(session.get("requests") or {})
    pending.pop(transaction, None)
    session["requests"] = pending


@bp.post("/token")
def token() -> Response:
    fed = federation()
    if status := fed.faults.token_status:
        body = {"error": "server_error", "error_description": "Panne simulée (mode test)."}
        return make_response(jsonify(body), status)
    basic = request.authorization is not None and request.authorization.type == "basic"
    if basic and "client_secret" in request.form:
        # RFC 6749 2.3: one authentication method per request; Authlib would take the
        # first that works and never see the second.
        error = InvalidRequestError("The client authenticated with more than one method.")
        refused: Response = fed.server.handle_error_response(None, error)
        return refused
    response: Response = fed.server.create_token_response()
    return response


@bp.route("/userinfo", methods=["GET", "POST"])
def userinfo() -> Response:
    """A JWT signed for the client (v2); RFC 6750 3 answers when the token is not good."""
    fed = federation()
    try:
        token = fed.bearer_token(request)
    except MissingBearerToken:
        # 3.1: no credentials, no error code: a bare challenge.
        return Response(status=401, headers={"WWW-Authenticate": "Bearer"})
    except OAuth2Error as error:  # invalid_token (401), insufficient_scope (403)
        status, body, headers = error()
        return make_response(jsonify(body), status, dict(headers))
    answer = Response(fed.signed_userinfo(token), content_type="application/jwt")
    answer.headers["Cache-Control"] = "no-store"
    return answer


@bp.route("/session/end", methods=["GET", "POST"])
def end_session() -> Response | tuple[str, int] | str:
    server = federation().server
    try:
        end_request = server.validate_endpoint_request("end_session")
    except OAuth2Error as error:
        return render_template(
            "franceconnect/error.html", error=LOGOUT_REFUSED, detail=_logged_error_code(error)
        ), 400
    response: Response | None = server.create_endpoint_response("end_session", end_request)
    if response is not None:
        return response
    # No trusted place to go back to: say it here.
    return render_template("franceconnect/logged_out.html")


def _logged_error_code(error: OAuth2Error) -> str:
    """The protocol's error code for the page (the same in every language);
    Authlib's English description goes to the log, for developers."""
    current_app.logger.warning("FranceConnect: %s: %s", error.error, error.description)
    return str(error.error)


def v1_path(**_path: str) -> tuple[str, int]:
    """A v1 client's call: 404, and the page says where v2 serves it."""
    error = replace(V1_ADDRESS, message=V1_ADDRESS.message.format(api=API_PREFIX))
    return render_template("franceconnect/error.html", error=error, detail="not_found"), 404


for _number, _path in enumerate((*V1_PATHS, "/api/v1/<path:_rest>")):
    v1.add_url_rule(_path, f"v1_{_number}", v1_path, methods=["GET", "POST"])
