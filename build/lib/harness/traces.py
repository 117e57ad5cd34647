"""Read a Playwright trace (``trace.zip``): the actions taken and the pages seen.

    python -m harness.traces test-results/              # every trace.zip below
    python -m harness.traces test-results/<test>/trace.zip

The zip's ``trace.trace`` holds one JSON event a line: ``before`` events are
the API calls (``Frame.click`` with its selector...), ``frame-snapshot``
events the DOM after each call, with the frame's URL and its ``<title>``.
``playwright show-trace <zip>`` shows the same trace in a browser.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

TRACE_EVENTS = "trace.trace"


@dataclass(frozen=True)
class TraceAction:
    """One Playwright call: ``Frame.click``, ``Frame.fill``, ``Frame.goto``..."""

    api: str
    selector: str = ""
    url: str = ""

    def __str__(self) -> str:
        return " ".join(part for part in (self.api, self.url, self.selector) if part)


@dataclass
class TraceSummary:
    actions: list[TraceAction] = field(default_factory=list)
    page_paths: list[str] = field(default_factory=list)  # in order, repeats folded
    page_titles: list[str] = field(default_factory=list)  # in order, repeats folded
    screencast_frames: int = 0  # pictures of the page; 0 unless traced with screenshots
    dom_snapshots: int = 0  # the DOM before and after actions; 0 under --light-traces


def trace_events(trace_zip: Path) -> Iterator[dict[str, Any]]:
    with zipfile.ZipFile(trace_zip) as archive, archive.open(TRACE_EVENTS) as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def read_trace(trace_zip: Path) -> TraceSummary:
    summary = TraceSummary()
    for event in trace_events(trace_zip):
        if event["type"] == "before" and not event.get("method", "").startswith("__"):
            params = event.get("params") or {}
            summary.actions.append(
                TraceAction(
                    f"{event.get('class', '')}.{event.get('method', '')}",
                    selector=str(params.get("selector", "")),
                    url=str(params.get("url", "")),
                )
            )
        elif event["type"] == "frame-snapshot" and event["snapshot"].get("isMainFrame", True):
            summary.dom_snapshots += 1
            snapshot = event["snapshot"]
            _append_new(summary.page_paths, urlsplit(snapshot.get("frameUrl", "")).path)
            title = _title(snapshot.get("html"))
            if title:
                _append_new(summary.page_titles, title)
        elif event["type"] == "screencast-frame":
            summary.screencast_frames += 1
    return summary


def _append_new(seen: list[str], value: str) -> None:
    if value and (not seen or seen[-1] != value):
        seen.append(value)


def _title(node: Any) -> str | None:
    """The text of the <title> in a snapshot's DOM (``[name, attributes, *children]``);
    None when the snapshot refers back to an earlier one for it."""
    if not isinstance(node, list) or not node or not isinstance(node[0], str):
        return None
    if node[0] == "TITLE":
        return "".join(child for child in node[2:] if isinstance(child, str)).strip() or None
    for child in node[1:]:
        found = _title(child)
        if found:
            return found
    return None


def trace_zips(where: Path) -> list[Path]:
    return [where] if where.is_file() else sorted(where.rglob("trace.zip"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("where", type=Path, help="a trace.zip, or a folder to search")
    args = parser.parse_args(argv)
    zips = trace_zips(args.where)
    if not zips:
        print(f"no trace.zip in {args.where}", file=sys.stderr)
        return 1
    for trace_zip in zips:
        summary = read_trace(trace_zip)
        print(f"{trace_zip}: {len(summary.actions)} actions")
        if summary.dom_snapshots:
            print("  pages: " + " -> ".join(summary.page_titles))
        else:
            print("  pages: not recorded (a light trace: no DOM snapshots)")
        for action in summary.actions:
            print(f"    {action}")
        print(f"  open it: playwright show-trace {trace_zip}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
