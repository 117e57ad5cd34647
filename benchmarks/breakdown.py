"""Where one page-object journey's time goes (or a step test's, ``walk``).

The journey runs once with Playwright tracing on (no screenshots, no DOM
snapshots, so the trace costs little): the trace holds every call the page
objects made, with its start and end as the Playwright driver saw them. Each
call is put in one bucket (navigations, fills, clicks, page waits); what the
trace does not cover (Python, the pipe to the driver, and the test API's
requests, which Playwright leaves out of it) is "client".
The portal's own time per route comes from its ``Server-Timing`` header.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Response

from harness.identities import Identity
from harness.journeys import sign_up_through_the_ui
from harness.portal_test_api import PortalTestApi

from .http_journey import _route

BUCKETS: dict[str, str] = {
    "goto": "navigations",
    "reload": "navigations",
    "goBack": "navigations",
    "fill": "fills",
    "press": "fills",
    "type": "fills",
    "pressSequentially": "fills",
    "click": "clicks",
    "check": "clicks",
    "tap": "clicks",
    "waitForFunction": "page waits",
    "waitForURL": "page waits",
    "waitForLoadState": "page waits",
    "waitForSelector": "page waits",
    "expect": "page waits",
    "title": "page waits",
}


@dataclass
class Breakdown:
    wall_ms: float = 0.0
    context_ms: float = 0.0
    runs: int = 1  # journeys merged into these figures
    buckets_ms: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    server_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    @property
    def client_ms(self) -> float:
        return max(self.wall_ms - self.context_ms - sum(self.buckets_ms.values()), 0.0)


def _bucket(event: dict[str, object]) -> str:
    method = str(event.get("method", ""))
    if method == "__waitInfo__":  # expect_navigation: the wait around a click
        return "page waits"
    return BUCKETS.get(method, "other")


def read_trace(trace_zip: Path, into: Breakdown) -> None:
    """Add each call's own time to its bucket (a wait around a click keeps only
    the time the click did not account for)."""
    with zipfile.ZipFile(trace_zip) as archive:
        lines = archive.read("trace.trace").decode().splitlines()
    starts: dict[str, dict[str, object]] = {}
    spans: list[tuple[str, float, float]] = []
    for line in lines:
        event = json.loads(line)
        if event["type"] == "before":
            starts[event["callId"]] = event
        elif event["type"] == "after" and event["callId"] in starts:
            before = starts.pop(event["callId"])
            if before.get("class") == "BrowserContext" and before.get("method") == "newPage":
                continue  # counted with the context
            spans.append((_bucket(before), float(before["startTime"]), float(event["endTime"])))  # type: ignore[arg-type]
    for bucket, start, end in spans:
        nested = sum(
            e - s for _, s, e in spans if start < s and e <= end and (s, e) != (start, end)
        )
        into.buckets_ms[bucket] += (end - start) - nested
        into.calls[bucket] += 1


# What is traced: the page, the test API in the page's session, a new person.
Walk = Callable[[Page, PortalTestApi, Identity], object]


def traced_journey(
    browser: Browser, portal_url: str, identity: Identity, walk: Walk = sign_up_through_the_ui
) -> Breakdown:
    breakdown = Breakdown()

    served: set[tuple[str, str]] = set()

    def server_time(response: Response) -> None:
        header = response.headers.get("server-timing", "")
        # A response from the browser's cache replays its headers: the same URL with the
        # same server time is the cache, not the server, and is not counted again.
        if not header.startswith("app;dur=") or (response.url, header) in served:
            return
        served.add((response.url, header))
        route = f"{response.request.method} {_route(urlsplit(response.url).path)}"
        breakdown.server_ms[route].append(float(header[len("app;dur=") :]))

    with tempfile.TemporaryDirectory() as folder:
        trace = Path(folder) / "trace.zip"
        started = time.perf_counter()
        context = browser.new_context(base_url=portal_url)
        context.tracing.start(snapshots=False, screenshots=False)
        page = context.new_page()
        breakdown.context_ms = (time.perf_counter() - started) * 1000
        page.on("response", server_time)
        journey_started = time.perf_counter()
        walk(page, PortalTestApi(page.request, portal_url), identity)
        breakdown.wall_ms = (time.perf_counter() - journey_started) * 1000 + breakdown.context_ms
        context.tracing.stop(path=str(trace))
        closing = time.perf_counter()
        context.close()
        closed_ms = (time.perf_counter() - closing) * 1000
        breakdown.context_ms += closed_ms  # creation and close, as the journeys count them
        breakdown.wall_ms += closed_ms
        read_trace(trace, breakdown)
    return breakdown


def merge(breakdowns: list[Breakdown]) -> Breakdown:
    """Medians over several traced journeys, bucket by bucket."""
    merged = Breakdown(
        wall_ms=statistics.median(b.wall_ms for b in breakdowns),
        context_ms=statistics.median(b.context_ms for b in breakdowns),
        runs=len(breakdowns),
    )
    for bucket in {name for b in breakdowns for name in b.buckets_ms}:
        merged.buckets_ms[bucket] = statistics.median(
            b.buckets_ms.get(bucket, 0.0) for b in breakdowns
        )
        merged.calls[bucket] = max(b.calls.get(bucket, 0) for b in breakdowns)
    for b in breakdowns:
        for route, times in b.server_ms.items():
            merged.server_ms[route].extend(times)
    return merged
