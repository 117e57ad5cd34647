"""The French scenarios (e2e/features/*.feature), one ``scenarios(...)`` per feature.

Their steps are e2e/steps.py's vocabulary (``make steps`` prints it); each scenario
carries the ``needs`` of its steps (``harness.scenarios``), and its report lists its
steps as they ran.
"""

from __future__ import annotations

import pytest
from pytest_bdd import scenarios

# pytest-bdd finds step definitions among the test module's fixtures.
from e2e.steps import *  # noqa: F403

# The steps ask for the page as they run; asked up front, it makes each scenario a browser
# test like the others: run in each --browser, and checked for CSP violations.
pytestmark = pytest.mark.usefixtures("page")

scenarios("features/activer_son_compte.feature")
