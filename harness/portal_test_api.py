"""The portal's /__test__/ API, seen from a test.

It goes through the browser context's own request client, so what it sets
(clock, faults, signup step, captcha answer) is the session of the page under
test, and nothing leaks to tests running beside it. It is one implementation of
``harness.seeding.Seeder``, with more besides (faults, account admin,
FranceConnect); ``NEEDS`` says which capability each call needs.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import APIRequestContext, APIResponse

from .franceconnect_identities import FranceConnectIdentity, new_franceconnect_identity
from .identities import Identity, check_test_password

CONFIG_PATH = "/__test__/config"

# Each call -> the capability it needs (the test declares it: harness.needs).
NEEDS = {
    "create_account": "seed_accounts",
    "account": "account_admin",
    "lock_account": "account_admin",
    "unlock_account": "account_admin",
    "outbox": "account_admin",
    "start_signup_at": "signup_at_step",
    "captcha_answer_index": "captcha_answer",
    "right_captcha_tile": "captcha_answer",
    "expire_captcha": "captcha_state",
    "has_captcha_challenge": "captcha_state",
    "set_today": "clock",
    "fail_step": "step_faults",
    "clear_faults": "step_faults",
    "make_provider_unavailable": "franceconnect_faults",
    "fail_franceconnect_token": "franceconnect_faults",
    "reset_franceconnect_faults": "franceconnect_faults",
    "add_franceconnect_identity": "franceconnect_faults",
    "sign_id_tokens_with_foreign_key": "franceconnect_faults",
    "break_franceconnect": "franceconnect_faults",
    "register_franceconnect_client": "franceconnect_faults",
}


class TestApiError(AssertionError):
    """The test API refused a set-up call: the test's own set-up is wrong."""


class PortalTestApi:
    __test__ = False  # not a pytest test class
    capabilities = frozenset(NEEDS.values())  # as a Seeder: all of them (harness.seeding)

    def __init__(self, request: APIRequestContext, portal_url: str) -> None:
        self._request = request
        self._url = portal_url.rstrip("/") + "/__test__"

    def _check(self, response: APIResponse, what: str) -> Any:
        if not response.ok:
            raise TestApiError(f"{what}: HTTP {response.status} {response.text()}")
        return response.json()

    # --- data -----------------------------------------------------------------

    def create_account(self, identity: Identity, **extra: Any) -> dict[str, Any]:
        """An activated account, created directly (no UI), with a password (one the
        signup would take: ``check_test_password``) unless ``password=None``."""
        payload = {**identity.as_form_data(), **extra}
        if payload["password"] is not None:
            check_test_password(payload["password"])
        response = self._request.post(f"{self._url}/accounts", data=payload)
        return self._check(response, "create_account")

    def account(self, nir: str) -> dict[str, Any] | None:
        response = self._request.get(f"{self._url}/accounts/{nir.replace(' ', '')}")
        return None if response.status == 404 else self._check(response, "account")

    def lock_account(self, nir: str, *, minutes: int = 15) -> None:
        """Lock the account for ``minutes`` from now; a negative number gives a lock
        that has already run out."""
        self._check(
            self._request.put(
                f"{self._url}/accounts/{nir.replace(' ', '')}/lock", data={"minutes": minutes}
            ),
            "lock_account",
        )

    def unlock_account(self, nir: str) -> None:
        """Lift the lock and forget the failed logins."""
        self._check(
            self._request.delete(f"{self._url}/accounts/{nir.replace(' ', '')}/lock"),
            "unlock_account",
        )

    def outbox(self, recipient: str) -> list[dict[str, Any]]:
        return self._check(
            self._request.get(f"{self._url}/outbox", params={"to": recipient}), "outbox"
        )

    # --- this session ---------------------------------------------------------

    def start_signup_at(self, step: int, identity: Identity | None = None) -> None:
        """Put this browser session at signup step 3, 4 or 5, the earlier steps done."""
        data = identity.as_form_data() if identity else {}
        if identity is not None and step > 3:
            check_test_password(identity.password)
        self._check(
            self._request.put(f"{self._url}/flow", data={"step": step, "data": data}), "flow"
        )

    def captcha_answer_index(self) -> int:
        """0-based page-order position of the right tile of the current challenge."""
        return int(self._check(self._request.get(f"{self._url}/captcha"), "captcha")["index"])

    def right_captcha_tile(self) -> int:
        """The oracle as the page numbers it: `Image <n>` is the right tile."""
        return self.captcha_answer_index() + 1

    def has_captcha_challenge(self) -> bool:
        """Whether this session has a current challenge (none ever made, or the last spent)."""
        response = self._request.get(f"{self._url}/captcha")
        if response.status == 404:
            return False
        self._check(response, "captcha")
        return True

    def expire_captcha(self) -> None:
        self._check(self._request.post(f"{self._url}/captcha/expire"), "expire_captcha")

    def set_today(self, today: str) -> None:
        self._check(self._request.put(f"{self._url}/clock", data={"today": today}), "clock")

    def fail_step(
        self, step: str, *, status: int | None = None, delay_ms: int | None = None
    ) -> None:
        fault = {k: v for k, v in (("status", status), ("delay_ms", delay_ms)) if v is not None}
        self._check(self._request.put(f"{self._url}/faults/{step}", data=fault), "fault")

    def clear_faults(self) -> None:
        self._check(self._request.delete(f"{self._url}/faults"), "clear_faults")

    # --- FranceConnect (global to this worker's FranceConnect server) -----------

    def make_provider_unavailable(self, provider_id: str) -> None:
        """The provider (impots, ameli, laposte, msa, mobileconnect) answers
        `Momentanément indisponible` until ``reset_franceconnect_faults``."""
        self._check(
            self._request.put(
                f"{self._url}/franceconnect/providers/{provider_id}", data={"available": False}
            ),
            "make_provider_unavailable",
        )

    def fail_franceconnect_token(self, status: int = 500) -> None:
        """FranceConnect's token endpoint answers ``status`` until reset."""
        self._check(
            self._request.put(f"{self._url}/franceconnect/faults/token", data={"status": status}),
            "fail_franceconnect_token",
        )

    def reset_franceconnect_faults(self) -> None:
        """Every provider available, every FranceConnect answer back to normal."""
        self._check(self._request.delete(f"{self._url}/franceconnect/faults"), "reset_faults")

    def add_franceconnect_identity(
        self,
        provider_id: str = "ameli",
        *,
        given_name: str = "Camille",
        family_name: str = "Martin",
        department: str | None = None,
        with_email: bool = True,
    ) -> FranceConnectIdentity:
        """A one-off person at ``provider_id``, known to FranceConnect from now on,
        so that no other test signs in as them: its identifier, password, names,
        birth date and NIR are in the answer (see ``new_franceconnect_identity``)."""
        identity = new_franceconnect_identity(
            provider_id,
            given_name=given_name,
            family_name=family_name,
            department=department,
            with_email=with_email,
        )
        self._check(
            self._request.post(f"{self._url}/franceconnect/identities", data=identity.as_payload()),
            "add_franceconnect_identity",
        )
        return identity

    def sign_id_tokens_with_foreign_key(self) -> None:
        """FranceConnect signs ID tokens with a key that is not in its JWKS (same
        ``kid``), until ``reset_franceconnect_faults``: relying parties must refuse them."""
        self.break_franceconnect("signing", {"foreign_key": True})

    def break_franceconnect(self, fault: str, payload: dict[str, Any]) -> None:
        """One FranceConnect fault (``authorize``, ``token``, ``signing``, ``id_token``,
        ``userinfo``, ``userinfo_signing``; payloads in the README's test API table, examples in
        ``harness/franceconnect_faults.py``), until ``reset_franceconnect_faults``."""
        self._check(
            self._request.put(f"{self._url}/franceconnect/faults/{fault}", data=payload),
            f"break_franceconnect {fault}",
        )

    def register_franceconnect_client(
        self,
        client_id: str,
        client_secret: str,
        redirect_uris: list[str],
        *,
        client_name: str | None = None,
    ) -> dict[str, Any]:
        """Another relying party at FranceConnect (not the portal), known from now on.

        Redirect URIs are compared exactly at authorize and at the token endpoint."""
        payload: dict[str, Any] = {
            "client_id": client_id,
            "client_secret": client_secret,
            "redirect_uris": redirect_uris,
        }
        if client_name is not None:
            payload["client_name"] = client_name
        return self._check(
            self._request.post(f"{self._url}/franceconnect/clients", data=payload),
            "register_franceconnect_client",
        )
