"""The catalogue of named defects that the suites must catch (``make defects``).

Each defect is a small, realistic bug written as exact text substitutions in the
mock's source. ``scripts/defects.py`` applies one defect to a *copy* of the tree
and runs the suites named for it against that copy: the portal's own code never
holds a defect switch, and a substitution whose text is no longer in the code
fails loudly (the defect must then be rewritten, not skipped).

To add one: append a ``Defect`` with a name, what it breaks (one line), its
edits (``Edit(file, text as it is, text with the bug)``; the text must occur
exactly once in the file) and the browser suites expected to catch it; then run
``python scripts/defects.py --only <name>``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    path: str  # relative to the project's folder
    find: str  # must occur exactly once
    replace: str


@dataclass(frozen=True)
class Defect:
    name: str
    breaks: str
    edits: tuple[Edit, ...]
    # The tests expected to catch it (pytest ids): browser tests where the user sees the
    # defect, fast tests where only the server decides (each case in its cheapest layer).
    # Their files are run whole with --whole-files; the default keeps `make defects` to
    # minutes on a shared 2-core machine.
    suites: tuple[str, ...]


CATALOGUE: tuple[Defect, ...] = (
    Defect(
        "password_digit_not_required",
        "the server accepts a password without a digit",
        (
            Edit(
                "cpf/rules.py",
                'check=lambda password: _has_category(password, "Nd"),',
                "check=lambda password: True,",
            ),
        ),
        (
            "e2e/test_scenarios.py::test_un_mot_de_passe_qui_ne_suit_pas_la_règle_est_refusé",
            "e2e/test_password_rules.py::test_checklist_verdict_matches_the_server_rules",
        ),
    ),
    Defect(
        "password_seven_characters_enough",
        "the server's length rule is one short (7 characters pass)",
        (
            Edit(
                "cpf/rules.py",
                "check=lambda password: len(password) >= PASSWORD_MIN_LENGTH,",
                "check=lambda password: len(password) >= PASSWORD_MIN_LENGTH - 1,",
            ),
        ),
        (
            "e2e/test_scenarios.py::test_un_mot_de_passe_qui_ne_suit_pas_la_règle_est_refusé",
            "e2e/test_password_rules.py::test_checklist_verdict_matches_the_server_rules",
        ),
    ),
    Defect(
        "nir_key_not_checked",
        "a NIR with a wrong key is accepted",
        (
            Edit(
                "cpf/rules.py",
                "    if nir_key(nir.number) != key:\n",
                "    if False and nir_key(nir.number) != key:\n",
            ),
        ),
        (
            "e2e/test_signup_form.py::test_error_is_next_to_its_field_and_tied_to_it",
            "tests/test_signup_form.py::test_nir_key_is_97_minus_the_number_mod_97",
        ),
    ),
    Defect(
        "nir_corsica_keyed_the_other_way",
        "Corsica's 2A/2B replaced by 18/19 instead of 19/18 for the key",
        (
            Edit(
                "cpf/rules.py",
                'CORSICA_KEY_SUBSTITUTES = {"2A": "19", "2B": "18"}',
                'CORSICA_KEY_SUBSTITUTES = {"2A": "18", "2B": "19"}',
            ),
        ),
        # Fast tests: which key matches a Corsican NIR is the server's to decide.
        (
            "tests/test_signup_form.py::test_nir_born_in_corsica_keyed_as_the_other_department_is_refused",
            "tests/test_signup_form.py::test_nir_key_is_97_minus_the_number_mod_97",
        ),
    ),
    Defect(
        "captcha_any_tile_accepted",
        "every tile is the right one",
        (
            Edit(
                "mocks/mock_site/signup/captcha.py",
                "return Outcome.RIGHT if tile == current.answer_index else Outcome.WRONG",
                "return Outcome.RIGHT",
            ),
        ),
        (
            "e2e/test_scenarios.py::test_une_image_qui_ne_correspond_pas_au_mot_demandé_est_refusée",
            "tests/test_signup_captcha.py::test_wrong_tile_is_refused_with_a_message_and_a_new_challenge",
        ),
    ),
    Defect(
        "captcha_challenge_reusable",
        "a spent challenge can be answered again",
        (
            Edit(
                "mocks/mock_site/signup/captcha.py",
                "    if current.used:\n        return Outcome.USED\n",
                "",
            ),
            Edit(
                "mocks/mock_site/signup/captcha.py",
                "    if current is None or current.id != challenge_id:\n"
                "        return Outcome.UNKNOWN if _owner(db, challenge_id) != flow_id"
                " else Outcome.USED\n",
                "    if current is None or current.id != challenge_id:\n"
                "        old = db.execute('SELECT * FROM captcha_challenge WHERE id = ?',"
                " (challenge_id,)).fetchone()\n"
                "        if old is None or old['flow_id'] != flow_id:\n"
                "            return Outcome.UNKNOWN\n"
                "        current = Challenge.from_row(old)\n",
            ),
        ),
        # Fast tests: a challenge's single use and its expiry are the server's to decide.
        ("tests/test_signup_captcha.py::test_challenge_is_single_use_even_with_the_right_tile",),
    ),
    Defect(
        "captcha_never_expires",
        "an expired challenge is still answered",
        (
            Edit(
                "mocks/mock_site/signup/captcha.py",
                "        return clock.now() >= self.expires_at",
                "        return False",
            ),
        ),
        (
            "tests/test_signup_captcha.py::test_expired_challenge_is_refused_even_with_the_right_tile",
        ),
    ),
    Defect(
        "cgu_box_not_enforced",
        "the CGU step activates the account with the box left unticked",
        (
            Edit(
                "mocks/mock_site/signup/forms.py",
                "        validators=[DataRequired(CGU_REQUIRED)],\n    )\n",
                "        validators=[],\n    )\n",
            ),
        ),
        (
            "e2e/test_cgu.py::test_unticked_cgu_is_refused_with_a_message_next_to_the_checkbox",
            "e2e/test_scenarios.py::test_sans_la_case_cochée_linscription_est_refusée_puis_acceptée_une_fois_cochée",
            "tests/test_signup_cgu.py::test_signing_up_without_accepting_the_cgu_is_refused",
        ),
    ),
    Defect(
        "step_guard_lets_later_steps_open",
        "a later step's URL opens before the earlier step is done",
        (
            Edit(
                "mocks/mock_site/signup/flow.py",
                "            if flow.step < step:\n",
                "            if flow.step < step - 1:\n",
            ),
        ),
        (
            "e2e/test_step_guards.py::test_url_typed_ahead_of_the_step_reached_lands_on_the_step_to_do",
            "tests/test_signup_guards.py::test_url_typed_ahead_of_the_step_reached_lands_on_the_step_to_do",
            "tests/test_signup_guards.py::test_form_posted_ahead_of_the_step_reached_moves_nothing",
        ),
    ),
    Defect(
        "duplicate_account_created",
        "a NIR or e-mail already used is not refused, and the database lets it in twice",
        (
            Edit(
                "mocks/mock_site/accounts.py",
                "def nir_taken(nir: str) -> bool:\n    return by_nir(nir) is not None",
                "def nir_taken(nir: str) -> bool:\n    return False",
            ),
            Edit(
                "mocks/mock_site/accounts.py",
                "def email_taken(email: str) -> bool:\n    return by_email(email) is not None",
                "def email_taken(email: str) -> bool:\n    return False",
            ),
            Edit("mocks/mock_site/schema.sql", "nir TEXT NOT NULL UNIQUE,", "nir TEXT NOT NULL,"),
            Edit(
                "mocks/mock_site/schema.sql",
                "email TEXT NOT NULL UNIQUE COLLATE NOCASE,",
                "email TEXT NOT NULL COLLATE NOCASE,",
            ),
        ),
        (
            "e2e/test_signup_form.py::test_nir_that_already_has_an_account_is_refused_with_a_connexion_link",
            "e2e/test_cgu.py::test_same_nir_finishing_in_two_browsers_creates_one_account",
            "tests/test_signup_guards.py::test_after_activation_the_same_nir_cannot_sign_up_again",
        ),
    ),
    Defect(
        "lockout_never_locks",
        "wrong passwords never lock the account",
        (
            Edit(
                "mocks/mock_site/account/login.py",
                '"max": config["LOGIN_MAX_FAILURES"],',
                '"max": 10**9,',
            ),
        ),
        (
            "e2e/test_scenarios.py::test_le_compte_est_bloqué_à_la_cinquième_erreur_même_pour_le_bon_mot_de_passe",
            "e2e/test_login.py::test_failures_from_several_browsers_lock_the_account",
        ),
    ),
    Defect(
        "logout_keeps_the_server_session",
        "Se déconnecter clears the cookie but the server still honours a copy of it",
        (
            Edit(
                "mocks/mock_site/auth.py",
                "    if token:\n        accounts.close_session(token)\n",
                "",
            ),
        ),
        ("e2e/test_login.py::test_session_cookie_from_before_logout_no_longer_signs_in",),
    ),
    Defect(
        "dif_hour_worth_10_euros",
        "DIF hours are credited at 10 € instead of 15 €",
        (Edit("mocks/mock_site/rights.py", "DIF_EUROS_PER_HOUR = 15", "DIF_EUROS_PER_HOUR = 10"),),
        (
            "e2e/test_dif.py::test_valid_report_shows_confirmation_with_hours_and_euros",
            "tests/test_account_dif.py::test_reported_hours_are_converted",
        ),
    ),
    Defect(
        "dif_121_hours_accepted",
        "the DIF form's upper bound is off by one",
        (
            Edit(
                "mocks/mock_site/account/forms.py",
                "    if not rights.DIF_MIN_HOURS <= hours <= rights.DIF_MAX_HOURS:",
                "    if not rights.DIF_MIN_HOURS <= hours <= rights.DIF_MAX_HOURS + 1:",
            ),
            Edit(
                "mocks/mock_site/rights.py",
                "    if not DIF_MIN_HOURS <= dif <= DIF_MAX_HOURS:",
                "    if not DIF_MIN_HOURS <= dif <= DIF_MAX_HOURS + 1:",
            ),
        ),
        ("e2e/test_dif.py::test_invalid_hours_are_refused_next_to_the_field_and_kept",),
    ),
    Defect(
        "franceconnect_state_not_required",
        "FranceConnect's authorize accepts a request without state",
        (
            Edit(
                "mocks/franceconnect_mock/server.py",
                "        if not grant.request.payload.state:\n",
                "        if False:\n",
            ),
        ),
        # Fast test: FranceConnect's answer at authorize needs no page.
        ("tests/test_franceconnect_provider.py::test_authorize_without_state_is_refused",),
    ),
    Defect(
        "franceconnect_nonce_not_required",
        "FranceConnect's authorize accepts a request without nonce",
        (
            Edit(
                "mocks/franceconnect_mock/server.py",
                "FranceConnectOpenIDCode(require_nonce=True)",
                "FranceConnectOpenIDCode(require_nonce=False)",
            ),
        ),
        ("tests/test_franceconnect_provider.py::test_authorize_without_nonce_is_refused",),
    ),
    Defect(
        "franceconnect_any_redirect_uri",
        "FranceConnect sends codes to any redirect URI, registered or not",
        (
            Edit(
                "mocks/franceconnect_mock/models.py",
                "        return redirect_uri in self.redirect_uris  # exact match, nothing looser",
                "        return True",
            ),
        ),
        ("e2e/test_franceconnect_oidc.py::test_wrong_redirect_uri_is_refused_at_authorize",),
    ),
    Defect(
        "franceconnect_userinfo_signature_not_checked",
        "the portal reads FranceConnect's userinfo JWT without checking its signature",
        (
            Edit(
                "mocks/mock_site/franceconnect_login/checks.py",
                "    token = jwt.decode(body, keys, algorithms=list(ID_TOKEN_ALGORITHMS))\n",
                "    import base64, json\n"
                "    payload = base64.urlsafe_b64decode(body.split('.')[1] + '==')\n"
                "    token = jwt.Token({}, json.loads(payload))\n",
            ),
        ),
        (
            "e2e/test_franceconnect_oidc.py::test_broken_franceconnect_answer_is_refused_by_the_portal[chromium-userinfo-foreign-key]",
        ),
    ),
    Defect(
        "franceconnect_token_lifetime_in_ms",
        "FranceConnect reads the access token's lifetime in milliseconds: a token 61 s old works",
        (
            Edit(
                "mocks/franceconnect_mock/models.py",
                ">= self.issued_at + self.expires_in\n",
                ">= self.issued_at + self.expires_in * 1000\n",
            ),
        ),
        # Fast tests (no browser): FranceConnect's clock is moved, never waited for.
        (
            "tests/test_franceconnect_lifetimes.py::test_access_token[default-one-second-after]",
            "tests/test_franceconnect_lifetimes.py::test_access_token[configured-one-second-after]",
        ),
    ),
    Defect(
        "captcha_wrong_pick_message_gone",
        "a wrong tile gets a new challenge but no message",
        (
            Edit(
                "mocks/mock_site/signup/views.py",
                "            signup_captcha.Outcome.WRONG: CAPTCHA_WRONG,\n",
                '            signup_captcha.Outcome.WRONG: "",\n',
            ),
        ),
        ("e2e/test_scenarios.py::test_une_image_qui_ne_correspond_pas_au_mot_demandé_est_refusée",),
    ),
    # Stylesheet-only defects: every functional test still passes (Playwright ticks an
    # invisible checkbox and reads an invisible text); only the screenshots see them.
    Defect(
        "cgu_checkbox_invisible",
        "the CGU checkbox is transparent: nothing to tick on the screen",
        (
            Edit(
                "mocks/mock_site/static/portal.css",
                ".checkbox input { width: 1.25rem;",
                ".checkbox input { opacity: 0; width: 1.25rem;",
            ),
        ),
        (
            "e2e/test_visual.py::test_cgu[desktop-chromium]",
            "e2e/test_visual.py::test_cgu[pixel-7-chromium]",
        ),
    ),
    Defect(
        "primary_button_text_invisible",
        "the primary buttons' text is drawn in their background's colour",
        (
            Edit(
                "mocks/mock_site/static/portal.css",
                ".btn--primary { background: var(--bleu-france); color: #fff; }",
                ".btn--primary { background: var(--bleu-france); color: var(--bleu-france); }",
            ),
        ),
        (
            "e2e/test_visual.py::test_formulaire[desktop-chromium]",
            "e2e/test_visual.py::test_formulaire[pixel-7-chromium]",
        ),
    ),
)
