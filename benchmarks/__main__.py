"""python -m benchmarks (``make bench``): one run, one table, BENCHMARKS.md updated.

    python -m benchmarks                      # everything (about 10 minutes on 2 cores)
    python -m benchmarks --skip-suite         # journeys, breakdown and load only (about 2 minutes)
    python -m benchmarks --rounds 30 --suite-workers 2

The journeys run in interleaved rounds (each round times every variant once,
in a rotating order, after one untimed warm-up round) so that a noisy moment
of the machine hits every variant alike; figures are medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mock_site.process import MockSiteProcess
from playwright.sync_api import Browser, sync_playwright

from harness.browser import HOW_TO_GET_ONE, resolve_chromium
from harness.identities import new_identity
from harness.journeys import sign_up_through_the_ui

from . import timed_journeys
from .breakdown import Breakdown, merge, traced_journey
from .http_journey import http_journey
from .load import LoadResult, signup_load
from .report import Row, Table, as_text, ratio_row, seconds, write_benchmarks_md
from .selenium_journey import (
    quit_driver,
    selenium_journey,
    selenium_journey_in_a_new_session,
    start_driver,
)
from .suite import SuiteRun, run_suite

BENCHMARKS_MD = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


@contextmanager
def mock_portal() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        process = MockSiteProcess(Path(folder) / "portal.sqlite3", Path(folder) / "mock_site.log")
        site = process.start()
        try:
            yield site.portal_url
        finally:
            process.stop()


@contextmanager
def chromium() -> Iterator[Browser]:
    choice = resolve_chromium(headless=True)
    if choice is None:
        raise SystemExit(HOW_TO_GET_ONE)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=choice.executable_path, args=list(choice.args)
        )
        try:
            yield browser
        finally:
            browser.close()


def time_journeys(portal_url: str, browser: Browser, rounds: int) -> dict[str, float]:
    """Median seconds of each journey variant over ``rounds`` interleaved rounds."""
    driver = start_driver()
    variants: dict[str, Callable[[], float]] = {
        "page objects": lambda: timed_journeys.page_object_journey(
            browser, portal_url, new_identity()
        ),
        "plain Playwright": lambda: timed_journeys.plain_playwright_journey(
            browser, portal_url, new_identity()
        ),
        "HTTP floor": lambda: http_journey(portal_url, new_identity()),
        "step 5 via test API": lambda: timed_journeys.step5_through_test_api(
            browser, portal_url, new_identity()
        ),
    }
    if driver is not None:
        variants["Selenium"] = lambda: selenium_journey_in_a_new_session(portal_url, new_identity())
        variants["Selenium, session reused"] = lambda: selenium_journey(
            driver, portal_url, new_identity()
        )
    else:
        print("(no chromedriver: `make bench` installs Debian's chromium-driver; Selenium skipped)")
    times: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    try:
        for name in names:  # warm-up: first page renders, server caches, driver start
            variants[name]()
        for round_number in range(rounds):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(variants[name]())
            print(f"  round {round_number + 1}/{rounds}", end="\r", flush=True)
    finally:
        if driver is not None:
            quit_driver(driver)
    print()
    return {name: statistics.median(values) for name, values in times.items()}


def journey_table(medians: dict[str, float]) -> Table:
    plain = medians["plain Playwright"]
    rows = [
        Row("Signup journey, plain Playwright (reference)", seconds(plain), "1.00x"),
        ratio_row("Signup journey, page objects", medians["page objects"], plain,
                  "plain Playwright", at_most=1.0),
    ]  # fmt: skip
    if "Selenium" in medians:
        selenium = medians["Selenium"]
        rows += [
            ratio_row("Signup journey, Selenium WebDriver (new session)", selenium, plain,
                      "plain Playwright"),
            ratio_row("Signup journey, Selenium, one session reused (lower bound)",
                      medians["Selenium, session reused"], plain, "plain Playwright"),
            ratio_row("Page objects against Selenium", medians["page objects"], selenium,
                      "Selenium", at_most=0.7),
        ]  # fmt: skip
    rows += [
        ratio_row("Signup journey, HTTP floor (no browser)", medians["HTTP floor"], plain,
                  "plain Playwright"),
        ratio_row("Step-5 test set up through the test API", medians["step 5 via test API"],
                  plain, "plain Playwright"),
        Row("Step-5 test replaying steps 1-4 (the page-object journey)",
            seconds(medians["page objects"]),
            f"{medians['page objects'] / medians['step 5 via test API']:.2f}x the test-API one",
            ">= 4x", medians["page objects"] >= 4 * medians["step 5 via test API"]),
    ]  # fmt: skip
    return Table("Signup journey, fresh browser context each (medians)", rows)


def breakdown_table(breakdown: Breakdown, title: str) -> Table:
    wall = breakdown.wall_ms
    parts = {"context creation and close": breakdown.context_ms, **breakdown.buckets_ms}
    # The trace leaves out the test API's requests (page.request): they count as client time.
    parts["client (Python, the driver pipe, the test API's requests)"] = breakdown.client_ms
    rows = [Row("Whole traced run", f"{wall:.0f} ms", "100%")]
    for name, ms in sorted(parts.items(), key=lambda item: -item[1]):
        calls = breakdown.calls.get(name)
        label = f"{name} ({calls} calls)" if calls else name
        rows.append(Row(f"  {label}", f"{ms:.0f} ms", f"{ms / wall:.0%}"))
    for route, times in sorted(breakdown.server_ms.items(), key=lambda item: -sum(item[1])):
        rows.append(
            Row(f"  server: {route}", f"{statistics.median(times):.1f} ms",
                f"x{len(times) / max(breakdown.runs, 1):g} per run")
        )  # fmt: skip
    return Table(f"{title} (medians of traced runs)", rows)


def load_table(load: LoadResult) -> Table:
    return Table(
        f"The portal alone: {load.signups} signups over HTTP from {load.clients} parallel clients",
        [
            Row("Signups per second", f"{load.signups_per_s:.1f}/s"),
            Row("p95 of one whole signup", seconds(load.signup_p95_s)),
            Row("p95 of one request", f"{load.request_p95_ms:.1f} ms"),
        ],
    )


SUITE_JOURNEYS_AT_MOST = 100  # issue 21: the whole browser suite, -n 2


def suite_table(runs: list[SuiteRun], plain_journey_s: float) -> Table:
    first = runs[0]
    rows = []
    for run in runs:
        verdict = "" if run.failed == 0 else f", {run.failed} FAILED"
        rows.append(
            Row(f"Browser suite -n {run.workers}: {run.tests} tests{verdict}", seconds(run.wall_s),
                f"{run.wall_s / first.wall_s:.2f}x -n {first.workers}")
        )  # fmt: skip
    for run in runs:
        if run.workers == "2":
            # What the people who wait for the suite see: its whole length, counted in plain
            # journeys of this same run (the ratio per test is retired).
            journeys = run.wall_s / plain_journey_s
            rows.append(Row("Browser suite -n 2, in plain-Playwright journeys", seconds(run.wall_s),
                            f"{journeys:.0f} journeys", f"<= {SUITE_JOURNEYS_AT_MOST}",
                            journeys <= SUITE_JOURNEYS_AT_MOST))  # fmt: skip
            # Why the target is or is not within reach: wall time >= CPU time / cores.
            floor = run.per_test_with_every_core_busy_s * run.tests / plain_journey_s
            rows.append(Row(
                f"  floor: CPU time / {run.cores} cores (the run kept them "
                f"{run.cores_busy:.0%} busy)",
                seconds(run.per_test_with_every_core_busy_s * run.tests),
                f"{floor:.0f} journeys",
            ))  # fmt: skip
    slowest = max(runs, key=lambda run: run.slowest_s)
    rows.append(ratio_row(f"Slowest test: {slowest.slowest_test}", slowest.slowest_s,
                          plain_journey_s, "plain journey", at_most=3.0))  # fmt: skip
    for run in runs:
        rows.append(Row(f"CPU time, -n {run.workers} (the machine, all cores)",
                        seconds(run.cpu_s), f"{run.cpu_per_test_s:.2f} s per test"))  # fmt: skip
    for run in runs:
        rows.append(Row(f"Peak memory, -n {run.workers} (PSS, all processes)",
                        f"{run.peak_memory_mb:.0f} MiB"))  # fmt: skip
    return Table("The browser suite, with the regression run's options", rows)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--rounds", type=int, default=15, help="interleaved journey rounds")
    parser.add_argument("--breakdown-rounds", type=int, default=5, help="traced journeys")
    parser.add_argument("--load-signups", type=int, default=80, help="signups in the load run")
    parser.add_argument("--suite-workers", nargs="+", default=["1", "2", "auto"])
    parser.add_argument("--skip-suite", action="store_true", help="no whole-suite runs")
    parser.add_argument("--output", type=Path, default=BENCHMARKS_MD)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:])
    print("Journeys (interleaved rounds)...", flush=True)
    with mock_portal() as portal_url, chromium() as browser:
        medians = time_journeys(portal_url, browser, args.rounds)
        print("Traced journeys...", flush=True)
        breakdowns = {
            title: merge(
                [
                    traced_journey(browser, portal_url, new_identity(), walk)
                    for _ in range(args.breakdown_rounds)
                ]
            )
            for title, walk in (
                ("Where one page-object journey's time goes", sign_up_through_the_ui),
                (
                    "Where the step-5 test's time goes (set up through the test API)",
                    timed_journeys.sign_up_from_step5,
                ),
            )
        }
        print("Load...", flush=True)
        load = signup_load(portal_url, signups=args.load_signups)
    tables = [
        journey_table(medians),
        *(breakdown_table(breakdown, title) for title, breakdown in breakdowns.items()),
        load_table(load),
    ]
    if not args.skip_suite:
        runs = []
        for workers in args.suite_workers:
            print(f"Browser suite -n {workers}...", flush=True)
            runs.append(run_suite(workers))
        tables.append(suite_table(runs, medians["plain Playwright"]))
    print(as_text(tables))
    write_benchmarks_md(args.output, tables, command.strip())
    print(f"\nWritten to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
