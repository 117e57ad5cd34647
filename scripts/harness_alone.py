"""The harness installed alone, as a QA team installs it, tested against the mock.

    python scripts/harness_alone.py          # what `make harness-alone` runs

1. A new virtual environment gets the harness only (`pip install .`): its
   `pip list` must show no Flask, WTForms, Authlib, flask-talisman, Werkzeug
   nor the mocks.
2. The mock portal is served from this repository's own environment, as in
   production (no test API), on free ports.
3. A project outside the repository, with a test file that uses only the
   documented fixtures and page objects, runs in the new environment against
   it (`--base-url`, `--franceconnect-url`): what needs the test API is skipped
   with its reason, the rest passes.

Exit status 0 only if all three hold. It installs from the package registry (or
pip's cache): a minute or two, so it is a make target, not a test.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import venv
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
HARNESS_SOURCES = ("pyproject.toml", "README.md", "cpf", "harness", "page_objects")
WEB_STACK = ("flask", "flask-wtf", "wtforms", "authlib", "flask-talisman", "werkzeug")
MOCKS = ("cpf-mock-portal",)

OUTSIDE_TEST = """
import re

import pytest
from playwright.sync_api import Page, expect

from harness.identities import Identity, wrong_key
from page_objects.connexion import ConnexionPage
from page_objects.signup_form import SignupFormPage


def test_connexion_offers_franceconnect_and_sign_up(page: Page) -> None:
    connexion = ConnexionPage(page).open()
    expect(page).to_have_title(re.compile("^Connexion"))
    form = connexion.sign_up()
    expect(form.nir_field).to_be_visible()


def test_the_form_refuses_a_wrong_nir_key(signup_form: SignupFormPage, identity: Identity) -> None:
    signup_form.fill_identity(identity.with_(nir=wrong_key(identity.nir)))
    signup_form.submit_with_errors()
    expect(signup_form.field_error(signup_form.nir_field)).to_be_visible()


@pytest.mark.needs("captcha_answer")
def test_needs_the_captcha_answer(page: Page) -> None:
    raise AssertionError("a portal without test API must skip this")
"""


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, text=True, capture_output=True, check=False, **kwargs)  # type: ignore[call-overload]


def main() -> int:
    from mock_site.process import MockSiteProcess  # this repository's own environment

    with tempfile.TemporaryDirectory(prefix="harness-alone-") as folder:
        root = Path(folder)
        python = root / "venv" / "bin" / "python"
        venv.create(root / "venv", with_pip=True)
        # From a copy of what the harness's distribution is made of: building in the
        # tree would leave build/ there, and stale files in it could reach the wheel.
        source = root / "source"
        source.mkdir()
        for name in HARNESS_SOURCES:
            copy = shutil.copytree if (PROJECT / name).is_dir() else shutil.copy2
            copy(PROJECT / name, source / name)
        installed = run([str(python), "-m", "pip", "install", "--quiet", str(source)])
        if installed.returncode != 0:
            print(installed.stdout, installed.stderr, file=sys.stderr)
            return 1
        listed = run([str(python), "-m", "pip", "list", "--format=freeze"]).stdout.lower()
        names = {line.split("==")[0] for line in listed.splitlines()}
        unwanted = sorted(names & {*WEB_STACK, *MOCKS})
        print(
            f"1. the harness alone: {len(names)} packages, none of the mocks' stack: "
            f"{'yes' if not unwanted else 'NO, ' + ', '.join(unwanted)}"
        )
        if unwanted:
            return 1

        project = root / "qa-project"
        project.mkdir()
        (project / "test_outside.py").write_text(textwrap.dedent(OUTSIDE_TEST), encoding="utf-8")
        process = MockSiteProcess(root / "portal.sqlite3", root / "mock.log", test_mode=False)
        site = process.start()
        print(f"2. the mock without test API: {site.portal_url}, {site.franceconnect_url}")
        try:
            result = run(
                [
                    str(python),
                    "-m",
                    "pytest",
                    "-rs",
                    "-p",
                    "no:cacheprovider",
                    "--base-url",
                    site.portal_url,
                    "--franceconnect-url",
                    site.franceconnect_url,
                ],
                cwd=project,
            )
        finally:
            process.stop()
        print(result.stdout[-3000:], result.stderr[-2000:], sep="\n")
        summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
        ok = result.returncode == 0 and bool(re.search(r"\b2 passed, 1 skipped\b", summary))
        print(
            f"3. a project outside the repository, in that environment: {summary}: "
            f"{'yes' if ok else 'NO'}"
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
