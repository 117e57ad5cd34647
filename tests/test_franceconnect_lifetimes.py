"""Every FranceConnect lifetime at its real value, the clock moved and never waited for.

Each lifetime (authorization code, access token, ID token, the user's FranceConnect
session) is tried one second before it runs out, at the very second (RFC 7519 4.1.4:
"on or after" is expired) and one second after, with the default configuration and
with configured values that differ from the defaults and from each other: a lifetime
read in the wrong unit (milliseconds, minutes) or from the wrong setting fails here.
FranceConnect's clock is stopped for the client at START and moved through the test
API (PUT /__test__/clients/<client_id>/clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from joserfc import jwt
from joserfc.errors import ExpiredTokenError
from joserfc.jwk import KeySet

from cpf.franceconnect import REQUEST_EXPIRED

from .conftest import StartFranceConnect
from .franceconnect_federation import (
    PORTAL_AUTH,
    PORTAL_CALLBACK,
    PORTAL_CLIENT,
    FranceConnect,
    authorize_url,
    consent_at_franceconnect,
    identity,
    query,
)

START = 1_893_456_000  # 2030-01-01T00:00:00Z: any instant will do, the clock is stopped


@dataclass(frozen=True)
class Lifetimes:
    code: int
    access_token: int
    id_token: int
    session: int


# FranceConnect's defaults (README, franceconnect_mock.create_app), written out here
# rather than read from the app: a wrong default must fail too.
DEFAULT = Lifetimes(code=60, access_token=60, id_token=60, session=1800)
CONFIGURED = Lifetimes(code=45, access_token=75, id_token=90, session=600)
CONFIGURATION = {
    "CODE_TTL_SECONDS": CONFIGURED.code,
    "ACCESS_TOKEN_TTL_SECONDS": CONFIGURED.access_token,
    "ID_TOKEN_TTL_SECONDS": CONFIGURED.id_token,
    "SESSION_TTL_SECONDS": CONFIGURED.session,
}

# Seconds past the lifetime, and whether the thing still works then.
MOMENTS = pytest.mark.parametrize(
    ("seconds_past", "alive"),
    [(-1, True), (0, False), (1, False)],
    ids=["one-second-before", "at-the-lifetime", "one-second-after"],
)


@dataclass
class Setting:
    franceconnect: FranceConnect
    lifetimes: Lifetimes
    fc: FlaskClient  # the user's browser at FranceConnect

    def stop_clock(self, at: int) -> None:
        answer = self.fc.put(
            f"/__test__/clients/{PORTAL_CLIENT['client_id']}/clock", json={"now": at}
        )
        assert answer.status_code == 200, answer.get_data(as_text=True)
        assert answer.get_json() == {"now": at}

    def code(self) -> str:
        back = consent_at_franceconnect(
            self.fc, self.franceconnect, authorize_url(self.franceconnect), identity("marcel-petit")
        )
        return query(back)["code"]

    def exchange(self, code: str) -> requests.Response:
        return requests.post(
            self.franceconnect.api + "/token",
            auth=PORTAL_AUTH,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": PORTAL_CALLBACK,
            },
            timeout=10,
        )

    def tokens(self) -> dict[str, Any]:
        answer = self.exchange(self.code())
        assert answer.status_code == 200, answer.text
        tokens: dict[str, Any] = answer.json()
        return tokens

    def jwks(self) -> KeySet:
        jwks = requests.get(self.franceconnect.api + "/jwks", timeout=10).json()
        return KeySet.import_key_set(jwks)


@pytest.fixture(params=["default", "configured"])
def setting(request: pytest.FixtureRequest, start_franceconnect: StartFranceConnect) -> Setting:
    """FranceConnect with its default lifetimes, or with CONFIGURED ones."""
    configured = request.param == "configured"
    franceconnect = start_franceconnect(CONFIGURATION if configured else None)
    fc = franceconnect.app.test_client()
    return Setting(franceconnect, CONFIGURED if configured else DEFAULT, fc)


@MOMENTS
def test_authorization_code(setting: Setting, seconds_past: int, alive: bool) -> None:
    setting.stop_clock(START)
    code = setting.code()
    setting.stop_clock(START + setting.lifetimes.code + seconds_past)
    answer = setting.exchange(code)
    if alive:
        assert answer.status_code == 200, answer.text
    else:
        assert answer.status_code == 400
        assert answer.json()["error"] == "invalid_grant"


@MOMENTS
def test_access_token(setting: Setting, seconds_past: int, alive: bool) -> None:
    setting.stop_clock(START)
    tokens = setting.tokens()
    assert tokens["expires_in"] == setting.lifetimes.access_token
    setting.stop_clock(START + setting.lifetimes.access_token + seconds_past)
    answer = requests.get(
        setting.franceconnect.api + "/userinfo",
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=10,
    )
    if alive:
        assert answer.status_code == 200, answer.text
    else:
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')


@MOMENTS
def test_id_token(setting: Setting, seconds_past: int, alive: bool) -> None:
    """FranceConnect writes the lifetime into iat and exp; a relying party with no leeway
    takes the token until exp and not from it (OIDC Core 3.1.3.7 (9))."""
    setting.stop_clock(START)
    tokens = setting.tokens()
    claims = jwt.decode(tokens["id_token"], setting.jwks(), algorithms=["ES256"]).claims
    assert (claims["iat"], claims["exp"]) == (START, START + setting.lifetimes.id_token)
    assert claims["auth_time"] == START
    relying_party = jwt.JWTClaimsRegistry(now=START + setting.lifetimes.id_token + seconds_past)
    if alive:
        relying_party.validate(claims)
    else:
        with pytest.raises(ExpiredTokenError):
            relying_party.validate(claims)


@MOMENTS
def test_franceconnect_session(setting: Setting, seconds_past: int, alive: bool) -> None:
    """From the authorization request to the consent: past the session's lifetime the
    pages say the request has expired, and no code is issued."""
    franceconnect, fc = setting.franceconnect, setting.fc
    setting.stop_clock(START)
    choice = fc.get(franceconnect.path(authorize_url(franceconnect)))
    assert choice.status_code == 302
    setting.stop_clock(START + setting.lifetimes.session + seconds_past)
    person = identity("marcel-petit")
    login = fc.post(choice.headers["Location"], data={"provider": person.provider})
    if alive:
        assert login.status_code == 302, login.get_data(as_text=True)
        consent = fc.post(
            login.headers["Location"], data={"identifier": person.login, "password": "123"}
        )
        back = fc.post(consent.headers["Location"])
        assert query(back.headers["Location"])["code"]
    else:
        assert login.status_code == 400
        assert REQUEST_EXPIRED.title in login.get_data(as_text=True)


def test_the_clock_of_one_client_leaves_the_others_on_time(franceconnect: FranceConnect) -> None:
    fc = franceconnect.app.test_client()
    registration = {
        "client_id": "service-horloge",
        "client_secret": "secret",
        "redirect_uris": ["https://service.exemple.fr/retour"],
    }
    assert fc.post("/__test__/clients", json=registration).status_code == 201
    fc.put("/__test__/clients/service-horloge/clock", json={"now": START})
    assert fc.get("/__test__/clients/service-horloge/clock").get_json() == {"now": START}
    portal_now = fc.get(f"/__test__/clients/{PORTAL_CLIENT['client_id']}/clock").get_json()
    assert portal_now["now"] < START  # still the real time
    assert fc.delete("/__test__/faults").status_code == 200  # lets every clock run again
    assert fc.get("/__test__/clients/service-horloge/clock").get_json()["now"] < START


@pytest.mark.parametrize(
    ("client_id", "payload", "status"),
    [
        ("client-inconnu", {"now": START}, 404),
        (PORTAL_CLIENT["client_id"], {"now": "demain"}, 400),
        (PORTAL_CLIENT["client_id"], {"now": True}, 400),
        (PORTAL_CLIENT["client_id"], {}, 400),
    ],
    ids=["unknown-client", "not-a-number", "boolean", "no-now"],
)
def test_a_malformed_clock_setting_is_refused(
    franceconnect: FranceConnect, client_id: str, payload: dict[str, Any], status: int
) -> None:
    answer = franceconnect.app.test_client().put(
        f"/__test__/clients/{client_id}/clock", json=payload
    )
    assert answer.status_code == status
    assert answer.get_json()["error"]


def test_the_portal_forwards_the_clock(portal: Flask, franceconnect: FranceConnect) -> None:
    """A test given only the portal's address moves FranceConnect's clock through it."""
    path = f"/__test__/franceconnect/clients/{PORTAL_CLIENT['client_id']}/clock"
    answer = portal.test_client().put(path, json={"now": START})
    assert (answer.status_code, answer.get_json()) == (200, {"now": START})
    own_path = f"/__test__/clients/{PORTAL_CLIENT['client_id']}/clock"
    assert franceconnect.app.test_client().get(own_path).get_json() == {"now": START}
