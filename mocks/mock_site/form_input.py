"""What the forms read from a request body, whatever the client sent.

A browser posts a form as text fields (urlencoded or multipart). Other clients
may post JSON (Flask-WTF reads it, with the CSRF token in ``X-CSRFToken``),
files, numbers, booleans or objects where text is expected. Every form of both
servers derives from ``PortalForm``, which turns any body into the text fields a
browser would have sent, so the validators meet strings only and refuse bad
values with their own French message, tied to the field:

- urlencoded and multipart bodies: their text fields; a file part is not text
  and counts as a missing field (no form here takes a file);
- a JSON object: strings as they are, ``true``/``false`` for a checkbox, an
  integer for a number field, a list as a repeated field; a value of another
  type (``{"nir": 12345}``, ``null``, an object) counts as a missing field, so
  the field says what it expects; any other JSON body is refused with a 400;
- lone surrogates (only JSON can carry them, UTF-8 cannot) become U+FFFD, as
  a browser's encoder would make them.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, abort, request
from flask.json.provider import DefaultJSONProvider
from flask_wtf import FlaskForm
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from wtforms import BooleanField, Field, IntegerField
from wtforms.form import BaseForm

# The largest form here is a few hundred bytes; anything near this is not a browser's.
MAX_BODY_BYTES = 64 * 1024
MAX_FORM_PARTS = 100

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def as_text(value: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", value)


def _json_field_values(field: Field | None, value: Any) -> list[str]:
    """The text a browser would have sent for one JSON member, if its type fits
    the field: text for any field, a boolean for a checkbox, an integer for a
    number field; a list as a repeated field. Anything else is left out."""
    if isinstance(value, list):
        return [
            text
            for item in value
            if not isinstance(item, list)
            for text in _json_field_values(field, item)
        ]
    if isinstance(value, str):
        return [as_text(value)]
    if isinstance(field, BooleanField) and isinstance(value, bool):
        return ["y"] if value else []  # an unticked box is not sent
    if isinstance(field, IntegerField) and type(value) is int:
        return [str(value)]
    return []


def json_fields(form: BaseForm, body: Any) -> ImmutableMultiDict[str, str]:
    if not isinstance(body, dict):
        abort(400)
    fields = dict(form._fields)
    return ImmutableMultiDict(
        [
            (name, text)
            for name, value in body.items()
            for text in _json_field_values(fields.get(name), value)
        ]
    )


def submitted_fields(form: BaseForm) -> ImmutableMultiDict[str, str] | MultiDict[str, str]:
    """The body's text fields (``request.files`` is left out on purpose)."""
    if request.is_json:
        return json_fields(form, request.get_json())
    return request.form


class PortalForm(FlaskForm):
    """A Flask-WTF form that reads any body as a browser's text fields."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form: Any, formdata: Any) -> Any:
            # A view that passes its own data (a dict, a MultiDict or None) keeps it.
            if formdata is None or isinstance(formdata, dict | MultiDict):
                return formdata
            return submitted_fields(form) if form.is_submitted() else None


class _BoundedJSONProvider(DefaultJSONProvider):
    """JSON too deeply nested for the parser is a bad body (400), not a crash."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error


def init_app(app: Flask) -> None:
    # Flask's defaults are "no limit" and 1000 parts; a config may still ask for its own.
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.config["MAX_FORM_PARTS"] = min(app.config.get("MAX_FORM_PARTS") or 1000, MAX_FORM_PARTS)
    app.json = _BoundedJSONProvider(app)
