"""axe-core checks (axe-playwright-python): the violations that block a user.

Serious and critical findings (missing names, contrast, broken ARIA...) fail
a test; minor and moderate ones are left to review.
"""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

BLOCKING_IMPACTS = ("serious", "critical")

_axe = Axe()


def blocking_violations(page: Page) -> list[dict[str, Any]]:
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict[str, Any]]) -> str:
    """One block per rule, with the elements it found: readable in a failure report."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.append(f"      {node.get('failureSummary', '')}".replace("\n", " "))
    return "\n".join(lines)


def assert_no_blocking_violation(page: Page) -> None:
    violations = blocking_violations(page)
    assert not violations, f"axe on {page.url}:\n{describe(violations)}"
