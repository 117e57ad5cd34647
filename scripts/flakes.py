"""Hunt flaky tests: run the browser suite again and again, each time in a new random order.

    python scripts/flakes.py --runs 10                 # what `make flakes RUNS=10` runs
    python scripts/flakes.py --runs 5 -- -m smoke      # pytest options after --

Each run uses 2 workers and a new pytest-randomly seed. Nothing is rerun and
nothing is hidden: at the end, every test that failed in any run is listed
with the runs, the seeds that replay them and the first line of each error.
The exit status is 1 when any test failed at least once.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from harness.junit_reports import failed_tests

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports" / "flakes"


@dataclass(frozen=True)
class Failure:
    run: int
    seed: int
    message: str


def run_suite(run: int, seed: int, workers: int, pytest_args: list[str]) -> dict[str, str]:
    report = REPORTS / f"run-{run}-seed-{seed}.xml"
    command = [
        sys.executable,
        "-m",
        "pytest",
        "e2e",
        "-q",
        "-p",
        "randomly",
        f"--randomly-seed={seed}",
        "-n",
        str(workers),
        f"--junitxml={report}",
        "--tracing=retain-on-failure",
        f"--output=test-results/flakes/run-{run}",
        *pytest_args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(f"run {run}: seed {seed}: {summary}", flush=True)
    failures = failed_tests(report, ROOT)
    if result.returncode not in (0, 1) and not failures:
        # Not test failures: a usage error, an interrupted or empty run. Say so, loudly.
        failures[f"(pytest exit {result.returncode})"] = summary
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("pytest_args", nargs="*", help="more pytest options (after --)")
    args = parser.parse_args(argv)
    REPORTS.mkdir(parents=True, exist_ok=True)
    seeds = random.SystemRandom()
    seen: dict[str, list[Failure]] = defaultdict(list)
    for run in range(1, args.runs + 1):
        seed = seeds.randrange(1, 2**32)
        for test, message in run_suite(run, seed, args.workers, args.pytest_args).items():
            seen[test].append(Failure(run, seed, message))
    if not seen:
        print(f"No test failed in {args.runs} runs.")
        return 0
    print(f"\n{len(seen)} test(s) failed at least once in {args.runs} runs:")
    for test, failures in sorted(seen.items()):
        print(f"  {test}: failed in {len(failures)}/{args.runs} runs")
        for failure in failures:
            print(f"    run {failure.run}, seed {failure.seed}: {failure.message}")
        replay = f"pytest e2e -n {args.workers} -p randomly --randomly-seed={failures[0].seed}"
        print(f"    replay: {replay}   (alone: pytest '{test}')")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
