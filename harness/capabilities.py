"""What the portal under test offers, and what a test needs of it.

A browser test declares what it needs beyond a browser and the portal's public
pages with ``@pytest.mark.needs("clock", "seed_accounts")``; against a portal
that lacks one of them, the test is skipped with a reason that names it, never
an error. The portal's test API says what it offers (``GET /__test__/config``);
a target's configuration can only narrow that, and so can ``--capabilities``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Offered by a test API (the mock's /__test__/, or a team's own seeder).
TEST_API = {
    "seed_accounts": "create an activated account directly, without the UI",
    "signup_at_step": "put a browser session at signup step 3, 4 or 5, the earlier steps done",
    "captcha_answer": "tell which picture of the current captcha is the right one",
    "captcha_state": "tell whether this session has a current captcha, make it expire",
    "clock": "set today's date for one browser session",
    "step_faults": "make one step of the portal fail or answer slowly, for one session",
    "account_admin": "read an account and the e-mails sent to it, lock and unlock it directly",
    "franceconnect_faults": (
        "FranceConnect's test API: broken answers, an unavailable provider, one-off "
        "identities, other relying parties"
    ),
}
# What the tests are allowed to do to the portal's data (the read-only profile drops them).
PERMISSIONS = {
    "create_accounts": (
        "the tests may create accounts (sign up, first FranceConnect sign-in, seeding), "
        "which sends a confirmation e-mail"
    ),
    "lock_accounts": "the tests may fail logins on an account, up to locking it",
}
# What the target itself provides.
TARGET = {
    "franceconnect": "a FranceConnect to sign in with (its URL) whose test identities are known",
    "provisioned_account": (
        "an account that already exists, to log in with (the target's environment variables, "
        "or one seeded per test)"
    ),
    "mock_data": (
        "the mock's own data (FranceConnect's fixed identities, seeded careers, captcha "
        "words): listed by the mock's test API, wherever it is served"
    ),
}
CAPABILITIES = {**TEST_API, **PERMISSIONS, **TARGET}

READ_ONLY_PROFILE = "read-only"
# The read-only profile: creates no account, locks none, and so sends no e-mail.
READ_ONLY_DROPS = frozenset({"create_accounts", "lock_accounts", "seed_accounts"})


class UnknownCapability(ValueError):
    pass


def split_names(text: str) -> list[str]:
    """``"a, b,c"`` -> ``["a", "b", "c"]`` (``--capabilities``, ``$CPF_HARNESS_CAPABILITIES``)."""
    return [name.strip() for name in text.split(",") if name.strip()]


def check_names(names: Iterable[str], where: str) -> frozenset[str]:
    """The names, each one a known capability; else an error that lists the known ones."""
    chosen = frozenset(names)
    unknown = sorted(chosen - CAPABILITIES.keys())
    if unknown:
        raise UnknownCapability(
            f"{where}: unknown capabilit{'y' if len(unknown) == 1 else 'ies'} "
            f"{', '.join(map(repr, unknown))}; known: {', '.join(sorted(CAPABILITIES))}"
        )
    return chosen


@dataclass(frozen=True)
class Capabilities:
    """What this run may rely on, and where each missing one was lost (for skip reasons)."""

    offered: frozenset[str]
    target_name: str
    why_missing: tuple[tuple[str, str], ...] = ()

    def __contains__(self, name: object) -> bool:
        return name in self.offered

    def narrowed(self, to: Iterable[str] | None, *, why: str) -> Capabilities:
        if to is None:
            return self
        keep = frozenset(to)
        lost = sorted(self.offered - keep)
        return Capabilities(
            self.offered & keep,
            self.target_name,
            self.why_missing + tuple((name, why) for name in lost),
        )

    def without(self, names: Iterable[str], *, why: str) -> Capabilities:
        return self.narrowed(self.offered - frozenset(names), why=why)

    def missing(self, needed: Iterable[str]) -> list[str]:
        return sorted(set(needed) - self.offered)

    def skip_reason(self, needed: Iterable[str]) -> str | None:
        """None when everything needed is offered; else which need is missing, and why."""
        missing = self.missing(needed)
        if not missing:
            return None
        causes = dict(self.why_missing)
        parts = [
            f"{name} ({CAPABILITIES[name]}): "
            f"{causes.get(name, 'not offered by ' + self.target_name)}"
            for name in missing
        ]
        return "needs " + "; ".join(parts)
