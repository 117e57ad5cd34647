"""Expectations several suites share (tests assert; page objects never do)."""

from __future__ import annotations

from playwright.sync_api import expect

from harness.identities import Identity
from page_objects.signup_form import SignupFormPage


def expect_typed_data_kept_but_not_passwords(form: SignupFormPage, typed: Identity) -> None:
    """The form shows what was typed, and both password fields are empty."""
    expect(form.nir_field).to_have_value(typed.nir)
    expect(form.birth_name_field).to_have_value(typed.birth_name)
    expect(form.first_name_field).to_have_value(typed.first_name)
    expect(form.email_field).to_have_value(typed.email)
    expect(form.password_field).to_have_value("")
    expect(form.password_confirmation_field).to_have_value("")
