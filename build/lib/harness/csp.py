"""Content-Security-Policy violations seen by a browser page, for the suites to assert on.

Chromium reports a violation twice: a console error ("Refused to ... because it
violates the following Content Security Policy directive") and a
``securitypolicyviolation`` event in the page. Both are collected: the event is
relayed to the console by an init script, which the DevTools protocol runs
outside the page's policy.
"""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page

EVENT_PREFIX = "[securitypolicyviolation]"

RELAY_VIOLATION_EVENTS = f"""
document.addEventListener('securitypolicyviolation', (event) => {{
  console.error('{EVENT_PREFIX} ' + event.effectiveDirective + ' blocked '
    + (event.blockedURI || 'inline') + ' on ' + event.documentURI);
}});
"""


def csp_directives(header: str) -> dict[str, str]:
    """A Content-Security-Policy header's directives: name -> sources ("" for none)."""
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {name: (rest[0] if rest else "") for name, *rest in parts}


def is_violation(text: str) -> bool:
    return text.startswith(EVENT_PREFIX) or "Content Security Policy" in text


class CspViolations:
    """Every violation reported in one page (its frames and navigations included)."""

    def __init__(self, page: Page) -> None:
        self.reported: list[str] = []
        page.add_init_script(RELAY_VIOLATION_EVENTS)
        page.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        if is_violation(message.text):
            self.reported.append(f"{message.page.url if message.page else '?'}: {message.text}")
