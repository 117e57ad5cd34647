"""Seeding: what a test needs done on the portal's side that a browser cannot do.

The mock's test API client (``harness.portal_test_api.PortalTestApi``) is one
implementation; a team plugs in its own for its staging (an admin API, a
database) by naming a factory in its target (``seeder = "module:Factory"``).
The factory is called once per test with a ``SeederContext`` and returns an
object with ``capabilities`` (which of the four operations it offers) and
those operations; ``examples/sqlite_seeder.py`` seeds through the mock's
database, as a team with database access would.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from playwright.sync_api import Page

from .identities import Identity
from .targets import Target

# Each operation of the interface, and the capability it offers.
OPERATIONS = {
    "create_account": "seed_accounts",
    "start_signup_at": "signup_at_step",
    "captcha_answer_index": "captcha_answer",
    "set_today": "clock",
}


class Seeder(Protocol):
    """Implement the operations your ``capabilities`` name; leave the others out."""

    capabilities: frozenset[str]

    def create_account(self, identity: Identity, **profile: Any) -> object:
        """An activated account for ``identity`` (password included), as if it had
        signed up; ``profile`` may set ``password`` (None: FranceConnect only),
        ``sector``, ``career``, ``dif_hours``, ``dif_reported_on``, ``franceconnect_sub``."""

    def start_signup_at(self, step: int, identity: Identity | None = None) -> None:
        """This browser session at signup step 3, 4 or 5, the earlier steps done."""

    def captcha_answer_index(self) -> int:
        """0-based page-order position of the right picture of this session's captcha."""

    def set_today(self, today: str) -> None:
        """Today is ``today`` (YYYY-MM-DD) for this browser session."""


@dataclass(frozen=True)
class SeederContext:
    """What a seeder factory is given: the test's page (its session is the one to seed),
    the portal's address, and the target with its configuration."""

    page: Page
    portal_url: str
    target: Target


SeederFactory = Callable[[SeederContext], Seeder]


class SeederConfigError(ValueError):
    pass


def capabilities_of(factory: SeederFactory) -> frozenset[str]:
    """What a seeder factory's seeders offer (its class attribute ``capabilities``)."""
    offered: frozenset[str] = getattr(factory, "capabilities", frozenset())
    return offered


def load_factory(spec: str) -> SeederFactory:
    """``"package.module:Name"`` -> the factory it names."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise SeederConfigError(f"seeder {spec!r}: write it as 'package.module:Factory'")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise SeederConfigError(f"seeder {spec!r} cannot be loaded: {error}") from error
    offered = getattr(factory, "capabilities", None)
    if not isinstance(offered, frozenset) or not offered <= set(OPERATIONS.values()):
        raise SeederConfigError(
            f"seeder {spec!r}: its class attribute `capabilities` must be a frozenset of "
            f"{sorted(OPERATIONS.values())}"
        )
    return factory


class Routed:
    """A team's own seeder first, for the operations it offers; everything else (the rest
    of the test API) from ``fallback``."""

    def __init__(self, seeder: Seeder, fallback: Any) -> None:
        self._seeder = seeder
        self._fallback = fallback

    def __getattr__(self, name: str) -> Any:
        if OPERATIONS.get(name) in self._seeder.capabilities:
            return getattr(self._seeder, name)
        return getattr(self._fallback, name)

    def right_captcha_tile(self) -> int:
        """The right picture as the page names it: `Image <n>`."""
        return int(self.captcha_answer_index()) + 1
