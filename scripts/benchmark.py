"""Speed of the suites, measured as ratios within one run (the machines are shared and noisy).

    python scripts/benchmark.py            # the smoke subset, 1 worker then 2 workers
    python scripts/benchmark.py --marker journey --workers 1 2 4

Prints the wall time of each run and its ratio to the first one, and says
whether the smoke subset stays under its one-minute goal. Nothing here is a
test: a slow machine gives a slow number, not a red build.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

SMOKE_GOAL_S = 60.0


def run_suite(marker: str, workers: int) -> float:
    command = [
        sys.executable, "-m", "pytest", "e2e", "-m", marker, "-q", "-p", "no:randomly",
        "-n", str(workers),
    ]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(f"  -n {workers}: {elapsed:6.1f} s   {summary}", flush=True)
    if result.returncode != 0:
        raise SystemExit(f"pytest failed (exit {result.returncode}): fix it before timing it")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--marker", default="smoke")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    print(f"Suite -m {args.marker}:")
    times = [run_suite(args.marker, workers) for workers in args.workers]
    base = times[0]
    for workers, elapsed in zip(args.workers, times, strict=True):
        print(f"  -n {workers}: {elapsed / base:.2f} x the time of -n {args.workers[0]}")
    if args.marker == "smoke":
        best = min(times)
        verdict = "within" if best <= SMOKE_GOAL_S else "OVER"
        print(f"Smoke goal (< {SMOKE_GOAL_S:.0f} s): best run {best:.1f} s, {verdict} the goal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
