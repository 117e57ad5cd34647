"""Connexion (password login), Mon compte, Mes droits formation, Report du DIF, logout."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from cpf.messages import DIF_CLOSED_REFUSED, DIF_PUBLIC_REFUSED, DIF_SAVED, LOGGED_OUT

from .. import accounts, clock, rights, session_keys
from ..auth import (
    current_account,
    login_required,
    safe_next,
    sign_in,
    sign_out,
)
from . import bp
from .forms import DifForm, LoginForm, parse_dif_hours
from .login import Outcome, attempt_login

# Distinct from the page's standing notices, so each text appears once on the page.


@bp.route("/connexion", methods=["GET", "POST"])
def connexion() -> str | Response:
    session_keys.mark_connexion_seen()
    form = LoginForm()
    next_url = safe_next(request.args.get("next"))
    login_error = None
    if form.validate_on_submit():
        result = attempt_login(form.nir.data or "", form.password.data or "")
        if result.outcome is Outcome.SUCCESS:
            assert result.account_id is not None
            sign_in(result.account_id)
            return redirect(next_url or url_for("account.home"))
        login_error = result.message(clock.now())
    return render_template(
        "account/connexion.html", form=form, login_error=login_error, next_url=next_url
    )


@bp.get("/mon-compte")
@login_required
def home() -> str:
    return render_template("account/home.html", account=current_account())


@bp.get("/mon-compte/droits")
@login_required
def droits() -> str:
    account = current_account()
    assert account is not None
    today = clock.today()
    acquired = rights.compute_rights(account.sector, account.career, account.dif_hours, today)
    return render_template("account/droits.html", account=account, rights=acquired, today=today)


@bp.route("/mon-compte/report-dif", methods=["GET", "POST"])
@login_required
def dif() -> str | Response | tuple[str, int]:
    account = current_account()
    assert account is not None
    today = clock.today()
    is_open = rights.dif_report_open(today)
    form = DifForm()
    if request.method == "POST":
        # Refused server-side whatever the page showed: a replayed or crafted POST too.
        if account.is_public_agent:
            return _dif_page(account, form, is_open, refused=DIF_PUBLIC_REFUSED), 403
        if not is_open:
            return _dif_page(account, form, is_open, refused=DIF_CLOSED_REFUSED), 403
        if form.validate_on_submit():
            hours = parse_dif_hours(form.hours.data)
            accounts.update(account.id, dif_hours=hours, dif_reported_on=today.isoformat())
            flash(
                DIF_SAVED.format(
                    hours=rights.format_hours(hours),
                    euros=rights.format_euros(rights.dif_euros(hours)),
                ),
                "success",
            )
            return redirect(url_for("account.dif"))
    elif account.dif_hours is not None:
        form.hours.data = str(account.dif_hours)
    return _dif_page(account, form, is_open)


def _dif_page(
    account: accounts.Account, form: DifForm, is_open: bool, refused: str | None = None
) -> str:
    return render_template(
        "account/dif.html",
        account=account,
        form=form,
        is_open=is_open,
        refused=refused,
        rights=rights,
        reported_on=_reported_on(account),
    )


def _reported_on(account: accounts.Account) -> str | None:
    if not account.dif_reported_on:
        return None
    try:
        return rights.format_date(date.fromisoformat(account.dif_reported_on))
    except ValueError:
        return account.dif_reported_on


@bp.post("/deconnexion")
def logout() -> Response:
    id_token = session.get(session_keys.FRANCECONNECT_ID_TOKEN)
    sign_out()
    if id_token:
        # Signed in through FranceConnect: its end-session ends the other session.
        session[session_keys.FRANCECONNECT_LOGOUT_HINT] = id_token
        return redirect(url_for("franceconnect_login.logout"), code=303)
    flash(LOGGED_OUT, "success")
    return redirect(url_for("public.accueil"), code=303)
