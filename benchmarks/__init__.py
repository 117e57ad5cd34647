"""``make bench``: how fast the harness answers, as ratios measured within one run.

The machines are shared and noisy, so every figure is a median over
interleaved rounds and is read against another figure of the same run (the
plain-Playwright journey, mostly), never against a fixed threshold. Nothing
here is a test: a slow machine gives a slow number, not a red build.

Modules, one job each:
  timed_journeys.py    the signup journey four ways: page objects, plain Playwright,
                       Selenium WebDriver, and the HTTP floor (no browser)
  breakdown.py         where one page-object journey's time goes (trace + server timing)
  load.py              the portal alone under parallel HTTP clients
  suite.py             the whole browser suite with -n 1, 2, auto and its peak memory
  report.py            the table, and BENCHMARKS.md
"""
