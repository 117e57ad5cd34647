"""The signup as a server-side state machine.

The browser holds only an opaque flow id in its session; the step reached and
what was typed live in the ``signup_flow`` table. A replayed URL, form or old
cookie can therefore never reach a step the server has not opened.
"""

from __future__ import annotations

import functools
import json
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, TypeVar, cast

from flask import flash, redirect, session, url_for
from werkzeug.wrappers import Response

from cpf.messages import START_FROM_CONNEXION, STEP_NOT_OPEN

from .. import session_keys
from ..db import get_db, transaction


class Step(IntEnum):
    """The seed's five steps, plus the end state."""

    ACCUEIL = 1
    CONNEXION = 2
    FORMULAIRE = 3
    CONTROLE = 4
    CLOTURE = 5
    ACTIVE = 6


STEP_TITLES = {
    Step.ACCUEIL: "Accueil",
    Step.CONNEXION: "Connexion",
    Step.FORMULAIRE: "Remplissez le formulaire",
    Step.CONTROLE: "Passez le contrôle de sécurité",
    Step.CLOTURE: "Clôturez votre inscription",
    Step.ACTIVE: "Compte activé",
}

STEP_ENDPOINTS = {
    Step.ACCUEIL: "public.accueil",
    Step.CONNEXION: "account.connexion",
    Step.FORMULAIRE: "signup.form",
    Step.CONTROLE: "signup.captcha",
    Step.CLOTURE: "signup.cgu",
    Step.ACTIVE: "signup.activated",
}


@dataclass
class Flow:
    id: str
    step: Step
    data: dict[str, Any] = field(default_factory=dict)
    captcha_failures: int = 0


def current_flow() -> Flow | None:
    flow_id = session.get(session_keys.SIGNUP_FLOW)
    if not flow_id:
        return None
    row = (
        get_db()
        .execute(
            "SELECT id, step, data, captcha_failures FROM signup_flow WHERE id = ?", (flow_id,)
        )
        .fetchone()
    )
    if row is None:
        return None
    return Flow(row["id"], Step(row["step"]), json.loads(row["data"]), row["captcha_failures"])


def start_flow(step: Step = Step.FORMULAIRE, data: dict[str, Any] | None = None) -> Flow:
    """A new flow for this session, replacing any earlier one."""
    flow = Flow(secrets.token_urlsafe(16), step, dict(data or {}))
    with transaction() as db:
        old = session.get(session_keys.SIGNUP_FLOW)
        if old:
            db.execute("DELETE FROM signup_flow WHERE id = ?", (old,))
        db.execute(
            "INSERT INTO signup_flow (id, step, data) VALUES (?, ?, ?)",
            (flow.id, int(flow.step), json.dumps(flow.data)),
        )
    session[session_keys.SIGNUP_FLOW] = flow.id
    return flow


def save_flow(flow: Flow, db: sqlite3.Connection | None = None) -> None:
    """Write the flow back; inside ``db``'s open transaction when given, so a
    step change commits together with what caused it (e.g. a captcha answer)."""
    if db is not None:
        _write_flow(db, flow)
        return
    with transaction() as connection:
        _write_flow(connection, flow)


def _write_flow(db: sqlite3.Connection, flow: Flow) -> None:
    db.execute(
        "UPDATE signup_flow SET step = ?, data = ?, captcha_failures = ? WHERE id = ?",
        (int(flow.step), json.dumps(flow.data), flow.captcha_failures, flow.id),
    )


def end_flow(flow: Flow) -> None:
    with transaction() as db:
        db.execute("DELETE FROM signup_flow WHERE id = ?", (flow.id,))
    session.pop(session_keys.SIGNUP_FLOW, None)


def redirect_to_step(flow: Flow | None) -> Response:
    """Send the user to the furthest step open to them."""
    if flow is None:
        return redirect(url_for(STEP_ENDPOINTS[Step.CONNEXION]))
    return redirect(url_for(STEP_ENDPOINTS[flow.step]))


ViewT = TypeVar("ViewT", bound=Callable[..., Any])


def requires_step(step: Step) -> Callable[[ViewT], ViewT]:
    """Guard a view (GET and POST alike) so it opens only once ``step`` is reached.

    The view receives the flow as its first argument.
    """

    def decorator(view: ViewT) -> ViewT:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            flow = current_flow()
            if flow is None:
                flash(START_FROM_CONNEXION, "info")
                return redirect(url_for(STEP_ENDPOINTS[Step.CONNEXION]))
            if flow.step < step:
                flash(STEP_NOT_OPEN.format(title=STEP_TITLES[flow.step]), "info")
                return redirect_to_step(flow)
            return view(flow, *args, **kwargs)

        return cast(ViewT, guarded)

    return decorator
