"""One table of figures and ratios: printed, and written into BENCHMARKS.md.

Only the part of BENCHMARKS.md between the two markers below is rewritten,
so the history written by hand around it (before/after figures) stays.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

START = "<!-- make bench: last run (rewritten by benchmarks/report.py) -->"
END = "<!-- end of the last run -->"


@dataclass(frozen=True)
class Row:
    figure: str
    value: str
    ratio: str = ""
    target: str = ""
    met: bool | None = None  # None: a figure with no target

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: ""}[self.met]


@dataclass
class Table:
    title: str
    rows: list[Row]


def ratio_row(
    figure: str,
    value_s: float,
    reference_s: float,
    reference: str,
    *,
    at_most: float | None = None,
    at_least: float | None = None,
) -> Row:
    """A time and its ratio to a reference of the same run, with an optional target."""
    ratio = value_s / reference_s
    target, met = "", None
    if at_most is not None:
        target, met = f"<= {at_most:g}x", ratio <= at_most
    elif at_least is not None:
        target, met = f">= {at_least:g}x", ratio >= at_least
    return Row(figure, seconds(value_s), f"{ratio:.2f}x {reference}", target, met)


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def as_text(tables: list[Table]) -> str:
    lines: list[str] = []
    for table in tables:
        lines.append(f"\n{table.title}")
        widths = [
            max(len(getattr(r, name)) for r in table.rows)
            for name in ("figure", "value", "ratio", "target")
        ]
        for row in table.rows:
            cells = (row.figure, row.value, row.ratio, row.target)
            text = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
            lines.append(f"  {text}  {row.verdict}".rstrip())
    return "\n".join(lines)


def as_markdown(tables: list[Table], command: str) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = (
        f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    parts = [f"Last run: {when}, `{command}`, on {machine}.\n"]
    for table in tables:
        parts.append(
            f"\n**{table.title}**\n\n| figure | value | ratio | target | |\n|---|---|---|---|---|"
        )
        parts.extend(
            f"| {r.figure} | {r.value} | {r.ratio} | {r.target} | {r.verdict} |" for r in table.rows
        )
    return "\n".join(parts) + "\n"


def write_benchmarks_md(path: Path, tables: list[Table], command: str) -> None:
    block = f"{START}\n{as_markdown(tables, command)}{END}"
    text = (
        path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    )
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
