"""Each test declares what it needs; what it did not declare, it cannot use.

``@pytest.mark.needs(...)`` on the test, and ``require(request, ...)`` in the
fixtures that need something, both skip the test when the portal lacks it. The
test API and the seeder a test is given check each call against those
declarations: a call the test did not declare fails it at once, in test mode
too, so a test that would error against a portal without the test API fails on
the mock first, naming the marker to add.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from .capabilities import Capabilities, check_names

MARKER = "needs"
DECLARED = pytest.StashKey[set[str]]()
CAPABILITIES = pytest.StashKey[Capabilities]()


class UndeclaredNeed(AssertionError):
    """A test used a capability it did not declare: add the marker the message names."""


def declared_by_marker(item: pytest.Item) -> frozenset[str]:
    names: set[str] = set()
    for marker in item.iter_markers(MARKER):
        names.update(marker.args)
    if item.get_closest_marker("franceconnect"):
        names.add("franceconnect")  # a test that goes through FranceConnect needs its address
    return check_names(names, f"{item.nodeid}: @pytest.mark.{MARKER}")


def declared(node: pytest.Item) -> set[str]:
    """What the test declared: its markers, then what its fixtures required."""
    if DECLARED not in node.stash:
        node.stash[DECLARED] = set(declared_by_marker(node))
    return node.stash[DECLARED]


def require(request: pytest.FixtureRequest, *names: str) -> None:
    """For a fixture: skip the test unless the portal offers ``names``; declare them."""
    check_names(names, f"require() in {request.fixturename}")
    request.getfixturevalue("portal_under_test")  # what the portal offers, found once
    capabilities = request.config.stash[CAPABILITIES]
    reason = capabilities.skip_reason(names)
    if reason:
        pytest.skip(reason)
    declared(request.node).update(names)


class Gated:
    """``inner`` with each method in ``needs`` (method -> capability) checked against what
    the running test declared."""

    def __init__(self, inner: Any, needs: Mapping[str, str], node: pytest.Item) -> None:
        self._inner = inner
        self._needs = needs
        self._node = node

    def __getattr__(self, name: str) -> Any:
        needed = self._needs.get(name)
        if needed is not None and needed not in declared(self._node):
            raise UndeclaredNeed(
                f"{self._node.nodeid} calls {name}(), which needs {needed!r}: "
                f'declare it with @pytest.mark.{MARKER}("{needed}") so that the test is '
                "skipped, not broken, against a portal without it"
            )
        return getattr(self._inner, name)
