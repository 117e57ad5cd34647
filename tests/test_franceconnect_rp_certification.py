"""The portal as a relying party under the OpenID Foundation's basic RP certification plan.

One case per module of ``oidcc-client-basic-certification-test-plan`` (the
conformance suite's OIDCCClientBasicTestPlan), its id the module's name. A module
that hands the client a wrong answer is mapped to the FranceConnect fault that gives
it (harness/franceconnect_faults.py, whose every case test_franceconnect_checks.py
runs too): the portal must refuse it with its French message and sign nobody in. A
module whose answer must be accepted (RS256, no ``kid``) runs the whole sign-in. Where
the portal meets FranceConnect v2 rather than the plan (the bearer token in the body,
the scopes asked), the case asserts what FranceConnect takes and its id says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask, request

from harness.franceconnect_faults import BROKEN_ANSWERS

from .franceconnect_federation import (
    PORTAL_CLIENT,
    FranceConnect,
    UserAgent,
    back_at_callback,
    break_franceconnect,
    flashes,
    identity,
    query,
    signed_in_nobody,
)
from .portal_client import LOGIN_URL

FIRST_SIGN_IN = "/franceconnect/activation"  # where a verified identity goes
CASES = {case.id: case for case in BROKEN_ANSWERS}


def refused(case_id: str, *also: tuple[str, dict[str, Any]]) -> Callable[[UserAgent, Flask], None]:
    """The module's wrong answer, as the FranceConnect fault ``case_id`` gives it (with the
    faults ``also``, where the module bends two things)."""
    case = CASES[case_id]

    def check(user_agent: UserAgent, portal: Flask) -> None:
        sophie = identity("sophie-durand")
        for fault, payload in ((case.fault, case.payload), *also):
            made = break_franceconnect(user_agent, fault, payload)
            assert made.status_code == 200, made.get_json()
        response = back_at_callback(user_agent, case, sophie)
        assert response.headers["Location"] == LOGIN_URL
        assert flashes(user_agent) == [case.message]
        signed_in_nobody(user_agent, portal, sophie)

    return check


def accepted(*faults: tuple[str, dict[str, Any]]) -> Callable[[UserAgent, Flask], None]:
    """FranceConnect bent as the module bends it, and the sign-in still goes through."""

    def check(user_agent: UserAgent, portal: Flask) -> None:
        for fault, payload in faults:
            made = break_franceconnect(user_agent, fault, payload)
            assert made.status_code == 200, made.get_json()
        response = user_agent.sign_in(identity("sophie-durand"))
        assert response.headers["Location"] == FIRST_SIGN_IN, flashes(user_agent)

    return check


def client_test(user_agent: UserAgent, portal: Flask) -> None:
    """rp-response_type-code: the authorization request the plan expects, then the
    whole sign-in (token, userinfo)."""
    sent = query(user_agent.start())
    assert sent["response_type"] == "code"
    assert "openid" in sent["scope"].split()
    assert sent["state"]
    assert sent["nonce"]
    assert sent["redirect_uri"] == PORTAL_CLIENT["redirect_uris"][0]
    accepted()(user_agent, portal)


def userinfo_bearer_header(user_agent: UserAgent, portal: Flask) -> None:
    """The token in the Authorization header (RFC 6750 2.1), seen at FranceConnect."""
    seen = _requests_seen(user_agent.franceconnect, "/api/v2/userinfo")
    accepted()(user_agent, portal)
    assert len(seen) == 1
    assert seen[0]["authorization"].startswith("Bearer ")
    assert "access_token" not in seen[0]["form"]


def userinfo_bearer_body(user_agent: UserAgent, portal: Flask) -> None:
    """The plan lets the client put the token in the body (2.2); FranceConnect reads the
    header only, so the portal uses the header (as in the case above) and the body
    form gets the bare challenge."""
    userinfo_bearer_header(user_agent, portal)
    answer = requests.post(
        user_agent.franceconnect.api + "/userinfo", data={"access_token": "x"}, timeout=10
    )
    assert (answer.status_code, answer.headers["WWW-Authenticate"]) == (401, "Bearer")


def scope_userinfo_claims(user_agent: UserAgent, portal: Flask) -> None:
    """The plan wants claims asked by scope (profile, email, phone, address): the portal asks
    email and FranceConnect v2's identite_pivot (its profile; no phone or address in v2)."""
    scopes = query(user_agent.start())["scope"].split()
    assert {"openid", "identite_pivot", "email"} <= set(scopes)
    assert not {"phone", "address"} & set(scopes)
    accepted()(user_agent, portal)


def client_secret_basic(user_agent: UserAgent, portal: Flask) -> None:
    """rp-token_endpoint-client_secret_basic: HTTP Basic, and the secret nowhere else."""
    seen = _requests_seen(user_agent.franceconnect, "/api/v2/token")
    accepted()(user_agent, portal)
    assert len(seen) == 1
    assert seen[0]["authorization"].startswith("Basic ")
    assert "client_secret" not in seen[0]["form"]


def _requests_seen(franceconnect: FranceConnect, path: str) -> list[dict[str, Any]]:
    """What reaches FranceConnect at ``path`` (recorded by the test, not by the mock)."""
    seen: list[dict[str, Any]] = []

    def record() -> None:
        if request.path == path:
            authorization = request.headers.get("Authorization", "")
            seen.append({"authorization": authorization, "form": request.form.to_dict()})

    franceconnect.app.before_request(record)
    return seen


# (module, what the portal meets instead, or ""; the check). The README's table "The
# portal under the OpenID RP certification" has one row per module, same order.
MODULES: list[tuple[str, str, Callable[[UserAgent, Flask], None]]] = [
    ("oidcc-client-test", "", client_test),
    ("oidcc-client-test-invalid-iss", "", refused("wrong-iss")),
    ("oidcc-client-test-missing-sub", "", refused("missing-sub")),
    ("oidcc-client-test-invalid-aud", "", refused("wrong-aud")),
    ("oidcc-client-test-missing-iat", "", refused("missing-iat")),
    (
        "oidcc-client-test-kid-absent-single-jwks",
        "",
        accepted(("jwks", {"only": "ES256"}), ("signing", {"without_kid": True})),
    ),
    (
        # The module takes a refusal or a key found by trying each (OIDC Core 10.1: with
        # several keys, kid is a MUST); the portal refuses.
        "oidcc-client-test-kid-absent-multiple-jwks",
        "",
        refused("kid-absent", ("jwks", {"extra_keys": True})),
    ),
    ("oidcc-client-test-idtoken-sig-rs256", "", accepted(("signing", {"alg": "RS256"}))),
    ("oidcc-client-test-idtoken-sig-none", "", refused("alg-none")),
    ("oidcc-client-test-invalid-sig-rs256", "", refused("foreign-key-rs256")),
    ("oidcc-client-test-userinfo-bearer-header", "", userinfo_bearer_header),
    (
        "oidcc-client-test-userinfo-bearer-body",
        "franceconnect-reads-the-header-only",
        userinfo_bearer_body,
    ),
    ("oidcc-client-test-userinfo-invalid-sub", "", refused("userinfo-other-person")),
    ("oidcc-client-test-nonce-invalid", "", refused("wrong-nonce")),
    (
        "oidcc-client-test-scope-userinfo-claims",
        "franceconnect-v2-scopes",
        scope_userinfo_claims,
    ),
    ("oidcc-client-test-client-secret-basic", "", client_secret_basic),
]


@pytest.mark.parametrize(
    "check",
    [
        pytest.param(check, id=f"{module}--{differs}" if differs else module)
        for module, differs, check in MODULES
    ],
)
def test_module(
    user_agent: UserAgent, portal: Flask, check: Callable[[UserAgent, Flask], None]
) -> None:
    check(user_agent, portal)


def test_the_readme_table_lists_every_module() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### The portal under the OpenID RP certification", 1)[1]
    rows = [
        line.split("`")[1]
        for line in section.split("\n#")[0].splitlines()
        if line.startswith("| `oidcc-client-")
    ]
    assert rows == [module for module, _, _ in MODULES]
