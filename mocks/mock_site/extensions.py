"""The portal's Flask extensions, made once and bound to each app by ``create_app``.

Here rather than in the app factory so that the blueprints (the test API exempts
itself from CSRF) import them without reaching up into ``mock_site/__init__``.
"""

from __future__ import annotations

from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
