"""The harness's own hooks, for plugins that provide a portal (the mocks do)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class EmbeddedPortal:
    """A portal started for this run (and stopped by its plugin's finalizer)."""

    portal_url: str
    franceconnect_url: str


@pytest.hookspec(firstresult=True)
def pytest_cpf_harness_embedded_portal(request: pytest.FixtureRequest) -> EmbeddedPortal | None:
    """Start a portal for a run that names no target and no ``--base-url``.

    Called once per session (per pytest-xdist worker); stop it with
    ``request.addfinalizer``. The mocks' distribution implements it
    (``mock_site.pytest_plugin``): without them installed, such a run stops with a
    message saying how to name a target."""
