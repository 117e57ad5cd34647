"""The portal under test: where it is, and what it offers, found out once per run."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from typing import Any

from .capabilities import (
    CAPABILITIES,
    PERMISSIONS,
    READ_ONLY_DROPS,
    TEST_API,
    Capabilities,
)
from .portal_test_api import CONFIG_PATH
from .seeding import capabilities_of, load_factory
from .targets import Target

ANSWER_TIMEOUT_S = 15


class PortalUnreachable(RuntimeError):
    pass


@dataclass(frozen=True)
class PortalUnderTest:
    target: Target
    portal_url: str
    franceconnect_url: str | None
    capabilities: Capabilities
    test_api: bool  # the portal answers /__test__/config


def read_test_api_config(portal_url: str) -> dict[str, Any] | None:
    """The test API's own description, or None when the portal has no test API.

    A portal that does not answer at all is an error, not a missing capability."""
    url = portal_url.rstrip("/") + CONFIG_PATH
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_TIMEOUT_S) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None  # production mode, or a portal that never had one
        # A test API that is there but broken (or refuses us) must not pass as "none".
        raise PortalUnreachable(f"{url} answers HTTP {error.code}") from error
    except (urllib.error.URLError, OSError) as error:
        raise PortalUnreachable(f"the portal at {portal_url} does not answer ({error})") from error
    try:
        config = json.loads(body)
    except ValueError:
        return None  # a page (a catch-all route, a login wall), not the test API
    return config if isinstance(config, dict) else None


def discover(
    target: Target,
    portal_url: str,
    *,
    franceconnect_url: str | None = None,
    narrow_to: frozenset[str] | None = None,
    read_only: bool = False,
) -> PortalUnderTest:
    """Ask the portal what its test API offers, add what the target provides, then
    narrow: the target's list, ``narrow_to`` (--capabilities), the read-only profile."""
    config = read_test_api_config(portal_url)
    offered: set[str] = set(PERMISSIONS)
    if config is not None:
        listed = set(config.get("capabilities", sorted(TEST_API)))
        unknown = sorted(listed - CAPABILITIES.keys())
        if unknown:  # a newer portal's: used once this harness knows them
            message = f"{portal_url}{CONFIG_PATH} lists capabilities unknown here: {unknown}"
            warnings.warn(message, stacklevel=2)
        offered |= listed & CAPABILITIES.keys()
    franceconnect_url = (
        franceconnect_url
        or target.franceconnect_url
        or (
            str(config["franceconnect_issuer"])
            if config and config.get("franceconnect_issuer")
            else None
        )
    )
    why: list[tuple[str, str]] = []
    if franceconnect_url:
        offered.add("franceconnect")
    else:
        why.append(
            ("franceconnect", "give franceconnect_url in the target, or --franceconnect-url")
        )
    if target.seeder:
        offered |= capabilities_of(load_factory(target.seeder))
    if target.account is not None:
        missing = target.account.missing_variables()
        if missing:
            why.append(
                ("provisioned_account", f"set the environment variables {', '.join(missing)}")
            )
        else:
            offered.add("provisioned_account")
    capabilities = Capabilities(
        frozenset(offered), _describe(target, config is not None), tuple(why)
    )
    capabilities = capabilities.narrowed(
        target.capabilities, why=f"target {target.name!r} narrows its capabilities"
    )
    capabilities = capabilities.narrowed(narrow_to, why="--capabilities leaves it out")
    if read_only or target.read_only:
        capabilities = capabilities.without(
            READ_ONLY_DROPS, why="the read-only profile creates no account and locks none"
        )
    if "seed_accounts" in capabilities and all(
        narrowing is None or "provisioned_account" in narrowing
        for narrowing in (target.capabilities, narrow_to)
    ):
        # Without an account given, each test seeds a fresh one to log in with.
        capabilities = Capabilities(
            capabilities.offered | {"provisioned_account"},
            capabilities.target_name,
            tuple(item for item in capabilities.why_missing if item[0] != "provisioned_account"),
        )
    return PortalUnderTest(
        target=target,
        portal_url=portal_url.rstrip("/"),
        franceconnect_url=franceconnect_url.rstrip("/") if franceconnect_url else None,
        capabilities=capabilities,
        test_api=config is not None,
    )


def _describe(target: Target, has_test_api: bool) -> str:
    return f"{target.name}" + ("" if has_test_api else " (it has no test API)")
