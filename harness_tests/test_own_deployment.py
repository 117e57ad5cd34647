"""The harness as a QA team uses it: installed as a plugin, pointed at a deployment.

Each test writes a project of its own outside this repository (a target in
``pyproject.toml``, a test file using only the documented fixtures and page
objects), then runs pytest there. The portal is the mock served as in
production (no test API); accounts are seeded through its database by the
example adapter ``examples/sqlite_seeder.py``, as a team with database access
would.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from mock_site.process import MockSite, MockSiteProcess

from harness.identities import new_identity

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# A team's environment has no mocks: their plugin stays out of the runs against a target.
WITHOUT_MOCKS = ("-p", "no:cpf_mock_portal")

LOGIN_TEST = """
import pytest
from playwright.sync_api import Page, expect

from cpf.messages import GREETING
from harness.identities import Identity
from page_objects.connexion import ConnexionPage


def test_an_existing_account_logs_in(page: Page, existing_account: Identity) -> None:
    home = ConnexionPage(page).open().log_in(existing_account.nir, existing_account.password)
    expect(home.heading).to_have_text(
        GREETING.format(
            first_name=existing_account.first_name, birth_name=existing_account.birth_name
        )
    )


@pytest.mark.needs("clock")
def test_needing_the_clock(page: Page) -> None:
    raise AssertionError("skipped: this portal has no clock to set")
"""


@pytest.fixture(scope="module")
def production_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[MockSite, Path]]:
    folder = tmp_path_factory.mktemp("staging")
    database = folder / "portal.sqlite3"
    process = MockSiteProcess(database, folder / "mock_site.log", test_mode=False)
    site = process.start()
    try:
        yield site, database
    finally:
        process.stop()


def run_pytest(project: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "-rs",
            *args,
        ],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(EXAMPLES), **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def project_with(folder: Path, target: str, test: str = LOGIN_TEST) -> Path:
    (folder / "pyproject.toml").write_text(textwrap.dedent(target), encoding="utf-8")
    (folder / "test_staging.py").write_text(test, encoding="utf-8")
    return folder


def summary(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout.strip().splitlines()[-1]


def test_own_seeder_logs_in_and_what_the_portal_lacks_is_skipped_with_its_reason(
    production_portal: tuple[MockSite, Path], tmp_path: Path
) -> None:
    site, database = production_portal
    project = project_with(
        tmp_path,
        f"""
        [tool.cpf-harness.targets.recette]
        portal_url = "{site.portal_url}"
        franceconnect_url = "{site.franceconnect_url}"
        seeder = "sqlite_seeder:SqliteSeeder"
        """,
    )
    result = run_pytest(
        project, "--target", "recette", *WITHOUT_MOCKS, env={"CPF_PORTAL_DB": str(database)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b1 passed, 1 skipped\b", summary(result)), result.stdout
    assert "needs clock (set today's date" in result.stdout
    assert "not offered by recette (it has no test API)" in result.stdout


def test_read_only_profile_logs_in_with_the_provisioned_account_only(
    production_portal: tuple[MockSite, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, database = production_portal
    account = new_identity()
    monkeypatch.setenv("CPF_PORTAL_DB", str(database))
    monkeypatch.syspath_prepend(str(EXAMPLES))
    from sqlite_seeder import SqliteSeeder  # type: ignore[import-not-found]

    # Provisioned once, as an admin would; the seeder uses no browser for it.
    SqliteSeeder(context=None).create_account(account)
    project = project_with(
        tmp_path,
        f"""
        [tool.cpf-harness.targets.production]
        portal_url = "{site.portal_url}"
        profile = "read-only"
        seeder = "sqlite_seeder:SqliteSeeder"

        [tool.cpf-harness.targets.production.account]
        nir_env = "PROD_NIR"
        password_env = "PROD_PASSWORD"
        first_name = "{account.first_name}"
        birth_name = "{account.birth_name}"
        """,
    )
    secrets = {"PROD_NIR": account.nir, "PROD_PASSWORD": account.password}
    result = run_pytest(project, "--target", "production", *WITHOUT_MOCKS, env=secrets)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b1 passed, 1 skipped\b", summary(result)), result.stdout

    without_secrets = run_pytest(project, "--target", "production", *WITHOUT_MOCKS, env={})
    assert re.search(r"\b2 skipped\b", summary(without_secrets)), without_secrets.stdout
    assert "set the environment variables PROD_NIR, PROD_PASSWORD" in without_secrets.stdout


def test_a_test_api_call_the_test_did_not_declare_fails_and_names_the_marker(
    tmp_path: Path,
) -> None:
    """Against the embedded mock, with its test API: the undeclared call fails the test,
    so it can never error against a portal without it."""
    project = project_with(
        tmp_path,
        "",
        test="""
from harness.portal_test_api import PortalTestApi


def test_sets_the_clock_without_saying_so(test_api: PortalTestApi) -> None:
    test_api.set_today("2024-05-01")
""",
    )
    result = run_pytest(project, env={})
    assert result.returncode == 1, result.stdout + result.stderr
    assert '@pytest.mark.needs("clock")' in result.stdout


def test_an_unknown_capability_in_a_marker_stops_the_run(tmp_path: Path) -> None:
    project = project_with(
        tmp_path,
        "",
        test="""
import pytest


@pytest.mark.needs("clokc")
def test_typo() -> None:
    pass
""",
    )
    result = run_pytest(project, env={})
    assert result.returncode == 4, result.stdout + result.stderr  # a usage error
    assert "unknown capability 'clokc'" in result.stderr


def test_a_target_not_configured_stops_the_run_naming_the_configured_ones(tmp_path: Path) -> None:
    project = project_with(
        tmp_path,
        """
        [tool.cpf-harness.targets.recette]
        portal_url = "http://127.0.0.1:9"
        """,
    )
    result = run_pytest(project, "--target", "staging", *WITHOUT_MOCKS, env={})
    assert result.returncode == 4, result.stdout + result.stderr  # before any test runs
    assert "no target 'staging'" in result.stderr
    assert "configured: recette" in result.stderr
