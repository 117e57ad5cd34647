"""Everything the portal keeps in a browser's session (Flask's signed cookie), by name.

The keys have one home so that a reader sees the whole cookie at once and no two
modules pick the same name. This module sits below every area (account, signup,
FranceConnect sign-in, test API) and imports none of them.
"""

from __future__ import annotations

from flask import session

# Who is signed in (mock_site.auth): the account, and its server-side session token.
ACCOUNT = "account_id"
ACCOUNT_SESSION = "account_session"

# The signup (mock_site.signup): the opaque id of the flow row, a field refused at
# step 5 (shown back on the form), the account just activated (for its page).
SIGNUP_FLOW = "signup_flow"
SIGNUP_DUPLICATE = "signup_duplicate"
SIGNUP_ACTIVATED = "signup_activated"

# Step 2 of the signup is done once the Connexion page has been seen.
CONNEXION_SEEN = "connexion_seen"

# FranceConnect sign-in (mock_site.franceconnect_login): a first sign-in's identity
# until it is completed; the ID token, kept for FranceConnect's end-session; after a
# logout, that token waiting for the end-session (set only by the CSRF-checked
# logout, so a link from elsewhere cannot use it).
FRANCECONNECT_PENDING = "franceconnect_pending"
FRANCECONNECT_ID_TOKEN = "franceconnect_id_token"
FRANCECONNECT_LOGOUT_HINT = "franceconnect_logout_hint"

# Test mode's per-session settings (mock_site.testing): they all start with
# TEST_SETTING_PREFIX and survive sign-in and sign-out, so a test can set them in any order.
TEST_SETTING_PREFIX = "test_"
TEST_TODAY = TEST_SETTING_PREFIX + "today"
TEST_FAULTS = TEST_SETTING_PREFIX + "faults"


def mark_connexion_seen() -> None:
    """Step 2 is done once the user has seen the Connexion page."""
    session[CONNEXION_SEEN] = True


def connexion_seen() -> bool:
    return bool(session.get(CONNEXION_SEEN))
