"""Which tests failed, read back from a pytest JUnit XML report (``--junitxml``).

    python -m harness.junit_reports reports/regression.xml --first 10

prints the node ids of the failed tests, one a line, for ``pytest @file``: the
make targets record them again with full traces that way.
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from pathlib import Path


def failed_tests(report: Path, root: Path) -> dict[str, str]:
    """Node id -> first line of its failure or error; ``root`` is pytest's rootdir."""
    failed: dict[str, str] = {}
    if not report.exists():
        return failed
    for case in ET.parse(report).getroot().iter("testcase"):
        for problem in (*case.findall("failure"), *case.findall("error")):
            lines = (problem.get("message") or problem.text or "").strip().splitlines()
            node = node_id(case.get("classname", ""), case.get("name", ""), root)
            failed[node] = lines[0][:160] if lines else problem.tag
    return failed


def node_id(classname: str, name: str, root: Path) -> str:
    """pytest's node id back from JUnit's ``classname`` (dotted module[.Class]) and name:
    the longest dotted prefix that is a file under ``root`` is the module."""
    parts = classname.split(".")
    for cut in range(len(parts), 0, -1):
        module = Path(*parts[:cut]).with_suffix(".py")
        if (root / module).exists():
            return "::".join([module.as_posix(), *parts[cut:], name])
    return f"{classname}::{name}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the node ids of a report's failed tests.")
    parser.add_argument("report", type=Path, help="a pytest JUnit XML report")
    parser.add_argument("--first", type=int, default=None, help="at most this many")
    parser.add_argument("--rootdir", type=Path, default=Path.cwd(), help="pytest's rootdir")
    args = parser.parse_args(argv)
    for node in list(failed_tests(args.report, args.rootdir))[: args.first]:
        print(node)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
