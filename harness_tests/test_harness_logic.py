"""The harness's own logic, no browser: which browser it picks, the test data it makes, and
the set-up check that names the rule a stale test password breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpf import rules
from harness import browser
from harness.identities import (
    TestPasswordError,
    check_test_password,
    fresh_nir,
    new_identity,
    password_breaking,
    unique_email,
    wrong_key,
)


def test_playwright_chromium_is_preferred_when_installed() -> None:
    choice = browser.choose_chromium("/pw/chrome", "/usr/bin/chromium")
    assert choice == browser.BrowserChoice("playwright")


def test_system_chromium_is_used_when_playwright_has_none() -> None:
    choice = browser.choose_chromium(None, "/usr/bin/chromium")
    assert choice is not None
    assert choice.executable_path == "/usr/bin/chromium"


def test_system_chromium_is_kept_off_the_network() -> None:
    choice = browser.choose_chromium(None, "/usr/bin/chromium")
    assert choice is not None
    assert set(choice.args) >= {
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    }


def test_no_browser_at_all_gives_none() -> None:
    assert browser.choose_chromium(None, None) is None


def test_explicit_chromium_path_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "my-chromium"
    fake.write_text("")
    monkeypatch.setenv(browser.SYSTEM_CHROMIUM_ENV, str(fake))
    assert browser.system_chromium_path() == str(fake)


def test_explicit_chromium_path_that_does_not_exist_finds_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(browser.SYSTEM_CHROMIUM_ENV, str(tmp_path / "missing"))
    assert browser.system_chromium_path() is None


@pytest.mark.parametrize(
    ("headless", "expected"),
    [(True, "/usr/bin/chromium-headless-shell"), (False, "/usr/bin/chromium")],
)
def test_headless_runs_prefer_the_headless_shell(
    monkeypatch: pytest.MonkeyPatch, headless: bool, expected: str
) -> None:
    installed = {
        "chromium": "/usr/bin/chromium",
        "chromium-headless-shell": "/usr/bin/chromium-headless-shell",
    }
    monkeypatch.delenv(browser.SYSTEM_CHROMIUM_ENV, raising=False)
    monkeypatch.setattr(browser.shutil, "which", installed.get)
    assert browser.system_chromium_path(headless=headless) == expected


def test_headless_run_without_a_shell_takes_the_full_chromium(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(browser.SYSTEM_CHROMIUM_ENV, raising=False)
    monkeypatch.setattr(
        browser.shutil, "which", lambda name: "/usr/bin/chromium" if name == "chromium" else None
    )
    assert browser.system_chromium_path(headless=True) == "/usr/bin/chromium"


def test_no_browser_message_says_how_to_get_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(browser, "resolve_chromium", lambda: None)
    assert browser.main([]) == 1
    message = capsys.readouterr().err
    assert "playwright install chromium" in message
    assert "apt-get install chromium" in message
    assert "HARNESS_CHROMIUM" in message


@pytest.mark.parametrize("department", [None, "2A", "2B"])
def test_fresh_nir_is_valid(department: str | None) -> None:
    nir = fresh_nir(department=department)
    parsed = rules.parse_nir(nir)
    if department:
        assert parsed.department == department


def test_fresh_nirs_differ() -> None:
    assert len({fresh_nir() for _ in range(50)}) == 50


def test_wrong_key_is_refused_for_its_key() -> None:
    with pytest.raises(rules.NirError, match="clé"):
        rules.parse_nir(wrong_key(fresh_nir()))


def test_unique_emails_are_valid_and_differ() -> None:
    emails = {unique_email() for _ in range(50)}
    assert len(emails) == 50
    assert all(rules.email_error(email) is None for email in emails)


def test_new_identity_passes_every_signup_rule() -> None:
    identity = new_identity(corsica=True)
    assert rules.parse_nir(identity.nir).born_in_corsica
    assert rules.password_error(identity.password) is None
    assert rules.name_error("birth_name", identity.birth_name) is None
    assert rules.name_error("first_name", identity.first_name) is None


# --- a test password the rules refuse fails the set-up, naming the rule ----------------------

DIGIT = rules.password_rule("digit")


def test_test_password_breaking_a_rule_is_named_by_the_set_up() -> None:
    stale = password_breaking(DIGIT)
    with pytest.raises(TestPasswordError) as caught:
        check_test_password(stale)
    assert str(caught.value) == f"test password {stale!r} breaks the rule 'digit' (Un chiffre)"


def test_test_password_breaking_several_rules_names_each() -> None:
    with pytest.raises(TestPasswordError, match=r"rules 'length' \(.*\), 'digit' \(Un chiffre\)"):
        check_test_password("Fa")
