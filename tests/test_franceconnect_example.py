"""The README's example relying party (examples/franceconnect_client.py), run as a user
would run it, against a served mock: so the kit's documentation cannot rot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .franceconnect_federation import FranceConnect, consent_at_franceconnect, identity

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "franceconnect_client.py"


def _run_example(franceconnect: FranceConnect, who: str, *options: str) -> tuple[int, str]:
    """Start the script, sign in where it says, paste the callback URL back: its exit
    status and last line."""
    script = subprocess.Popen(
        [sys.executable, str(EXAMPLE), "--issuer", franceconnect.api, *options],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert script.stdin is not None
    assert script.stdout is not None
    try:
        opening = script.stdout.readline()
        assert opening.startswith("Open: "), opening
        script.stdout.readline()  # "Then paste the URL..."
        fc = franceconnect.app.test_client()
        callback = consent_at_franceconnect(
            fc, franceconnect, opening.removeprefix("Open: ").strip(), identity(who)
        )
        output, _ = script.communicate(callback + "\n", timeout=30)
    finally:
        if script.poll() is None:
            script.kill()
            script.wait()
    return script.returncode, output.strip().splitlines()[-1]


def test_the_example_client_logs_in_and_prints_the_verified_identity(
    franceconnect: FranceConnect,
) -> None:
    status, last_line = _run_example(franceconnect, "sophie-durand")
    assert status == 0, last_line
    person = json.loads(last_line)
    assert (person["given_name"], person["family_name"]) == ("Sophie", "Durand")
    assert person["iss"] == franceconnect.api
    assert person["aud"] == "client-oidc-demo"
    assert person["sub"] == identity("sophie-durand").sub_for("client-oidc-demo")


def test_the_example_client_logs_in_as_a_client_registered_for_rs256(
    franceconnect: FranceConnect,
) -> None:
    registration = {
        "client_id": "service-rs256",
        "client_secret": "secret-rs256",
        "redirect_uris": ["http://127.0.0.1:8000/rs256/callback"],
        "id_token_signed_response_alg": "RS256",
        "userinfo_signed_response_alg": "RS256",
    }
    fc = franceconnect.app.test_client()
    assert fc.post("/__test__/clients", json=registration).status_code == 201
    status, last_line = _run_example(
        franceconnect,
        "nadia-benali",
        "--client-id=service-rs256",
        "--client-secret=secret-rs256",
        "--redirect-uri=http://127.0.0.1:8000/rs256/callback",
    )
    assert status == 0, last_line
    person = json.loads(last_line)
    assert (person["family_name"], person["aud"]) == ("Benali", "service-rs256")


def test_the_example_client_refuses_a_userinfo_meant_for_another_client(
    franceconnect: FranceConnect,
) -> None:
    fc = franceconnect.app.test_client()
    assert fc.put("/__test__/faults/userinfo", json={"claims": {"aud": "autre"}}).status_code == 200
    status, last_line = _run_example(franceconnect, "sophie-durand")
    assert status == 1
    assert last_line.startswith("Login failed:")
    assert "aud" in last_line
