"""Prove the browser suites: plant each catalogued defect in a copy of the tree, run the
suites named for it, and print whether they caught it (scripts/defect_catalogue.py).

    python scripts/defects.py                 # the clean portal, then every defect
    python scripts/defects.py --only nir_key_not_checked --workers 1
    python scripts/defects.py --whole-files   # each defect's whole test files, not its tests

The clean copy runs first, against every suite any defect names: it must be
green, or a "caught" would prove nothing. A defect is caught when at least one
test fails; the table names the failing tests and the time taken. The exit
status is 0 only if the clean run is green and every defect is caught. This is
a tool, not a test: it starts the mock servers many times and takes minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from defect_catalogue import CATALOGUE, Defect, Edit

PROJECT = Path(__file__).resolve().parent.parent
# What the suites run on; everything else (the venv, reports, caches) stays behind.
TREE = ("cpf", "mocks", "harness", "e2e", "page_objects", "tests", "pyproject.toml")


# The copy shadows the editable installs: its mocks/ and its root come first on the path.
def copy_env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join((str(tree / "mocks"), str(tree)))}


CLEAN = Defect("(none: clean portal)", "nothing", (), ())


@dataclass(frozen=True)
class Outcome:
    defect: Defect
    failed_tests: list[str]
    exit_code: int
    seconds: float

    @property
    def caught(self) -> bool:
        return self.exit_code != 0 and bool(self.failed_tests)


def copy_tree(into: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "instance")
    for name in TREE:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=ignore)
        else:
            shutil.copy2(source, into / name)


def apply(edit: Edit, tree: Path, defect: Defect) -> None:
    path = tree / edit.path
    text = path.read_text(encoding="utf-8")
    count = text.count(edit.find)
    if count != 1:
        raise SystemExit(
            f"defect {defect.name}: the text to replace occurs {count} times in {edit.path} "
            "(it must occur once): rewrite the defect for the code as it is now"
        )
    path.write_text(text.replace(edit.find, edit.replace), encoding="utf-8")


def check_the_copy_is_what_runs(tree: Path) -> None:
    """The project is installed in editable mode: make sure the copy shadows it."""
    probe = (
        "import cpf, mock_site, franceconnect_mock, harness; "
        "print(cpf.__file__, mock_site.__file__, franceconnect_mock.__file__, harness.__file__)"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tree,
        env=copy_env(tree),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for module_file in found:
        if not Path(module_file).is_relative_to(tree):
            raise SystemExit(
                f"the copy in {tree} is not what runs ({module_file}): cannot plant defects"
            )


def failed_tests(junit: Path) -> list[str]:
    if not junit.exists():
        return []
    failed = []
    for case in ElementTree.parse(junit).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(f"{case.get('classname', '').replace('.', '/')}.py::{case.get('name')}")
    return failed


def run(defect: Defect, suites: list[str], workers: int, stop_at_first: bool) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="defect-") as folder:
        tree = Path(folder)
        copy_tree(tree)
        for edit in defect.edits:
            apply(edit, tree, defect)
        check_the_copy_is_what_runs(tree)
        junit = tree / "junit.xml"
        command = [
            sys.executable,
            "-m",
            "pytest",
            *suites,
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "-n",
            str(workers),
            f"--junitxml={junit}",
            *(["-x"] if stop_at_first else []),
        ]
        started = time.perf_counter()
        result = subprocess.run(
            command, cwd=tree, env=copy_env(tree), capture_output=True, text=True, check=False
        )
        seconds = time.perf_counter() - started
        if result.returncode not in (0, 1):  # 1: tests failed; anything else: pytest broke
            print(result.stdout[-3000:], result.stderr[-3000:], sep="\n", file=sys.stderr)
        return Outcome(defect, failed_tests(junit), result.returncode, seconds)


def table(outcomes: list[Outcome]) -> str:
    lines = [f"{'defect':<36} {'caught':<8} {'time':>7}  by"]
    for outcome in outcomes:
        is_clean = outcome.defect is CLEAN
        verdict = (
            ("green" if outcome.exit_code == 0 else "RED")
            if is_clean
            else ("yes" if outcome.caught else "NO")
        )
        tests = ", ".join(outcome.failed_tests[:3]) or "-"
        if len(outcome.failed_tests) > 3:
            tests += f" (+{len(outcome.failed_tests) - 3})"
        name = outcome.defect.name
        lines.append(f"{name:<36} {verdict:<8} {outcome.seconds:6.0f}s  {tests}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="these defects only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-clean", action="store_true", help="no clean run first")
    parser.add_argument(
        "--whole-files", action="store_true", help="run the whole files of each defect's tests"
    )
    args = parser.parse_args(argv)
    chosen = [d for d in CATALOGUE if not args.only or d.name in args.only]
    unknown = set(args.only or ()) - {d.name for d in CATALOGUE}
    if unknown:
        raise SystemExit(f"no such defect: {', '.join(sorted(unknown))}")

    def suites(defect: Defect) -> list[str]:
        if not args.whole_files:
            return list(defect.suites)
        return sorted({suite.split("::")[0] for suite in defect.suites})

    outcomes: list[Outcome] = []
    if not args.skip_clean:
        every_suite = sorted({suite for defect in chosen for suite in suites(defect)})
        print(f"clean portal: {len(every_suite)} test selections…", flush=True)
        outcomes.append(run(CLEAN, every_suite, args.workers, stop_at_first=False))
        print(table(outcomes[-1:]).splitlines()[-1], flush=True)
    for defect in chosen:
        print(f"{defect.name}: {defect.breaks}…", flush=True)
        outcomes.append(run(defect, suites(defect), args.workers, stop_at_first=True))
        print(table(outcomes[-1:]).splitlines()[-1], flush=True)

    print()
    print(table(outcomes))
    clean_green = all(o.exit_code == 0 for o in outcomes if o.defect is CLEAN)
    missed = [o.defect.name for o in outcomes if o.defect is not CLEAN and not o.caught]
    print()
    print(
        f"{sum(o.caught for o in outcomes)} of {len(chosen)} defects caught"
        + ("" if clean_green else "; the clean portal is NOT green")
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    return 0 if clean_green and not missed else 1


if __name__ == "__main__":
    sys.exit(main())
