from __future__ import annotations

from typing import Any

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from cpf import rules
from cpf.messages import (
    ACCOUNT_ACTIVATED,
    CAPTCHA_ALREADY_PASSED,
    CAPTCHA_EXPIRED,
    CAPTCHA_NO_ANSWER,
    CAPTCHA_REFRESHED,
    CAPTCHA_TOO_MANY_FAILURES,
    CAPTCHA_USED,
    CAPTCHA_WRONG,
)

from .. import accounts, auth, clock, rights, session_keys
from ..db import transaction
from . import bp
from . import captcha as signup_captcha
from . import flow as signup_flow
from .flow import Flow, Step, requires_step
from .forms import CaptchaForm, CguForm, RefreshCaptchaForm, SignupForm


def _step_page(template: str, step: Step, **context: Any) -> str:
    form = context.get("form")
    return render_template(
        template,
        step=int(step),
        step_title=signup_flow.STEP_TITLES[step],
        has_errors=bool(form is not None and form.errors),
        **context,
    )


@bp.get("/")
def start() -> Response:
    """The `S'inscrire` link: opens step 3 for a session that has seen Connexion."""
    if not session_keys.connexion_seen():
        flash(signup_flow.START_FROM_CONNEXION, "info")
        return redirect(url_for("account.connexion"))
    current = signup_flow.current_flow()
    if current is None:
        signup_flow.start_flow(signup_flow.Step.FORMULAIRE)
    return redirect(url_for("signup.form"))


@bp.get("/tutoriel-video")
def tutorial() -> str:
    return render_template("signup/tutorial.html")


# --- Step 3: the form ----------------------------------------------------------


@bp.route("/formulaire", methods=["GET", "POST"])
@requires_step(Step.FORMULAIRE)
def form(flow: Flow) -> Response | str:
    signup_form = SignupForm()
    if signup_form.validate_on_submit():
        flow.data = signup_form.flow_data()
        # Whatever step was reached, new details mean a new security check.
        flow.step = Step.CONTROLE
        flow.captcha_failures = 0
        with transaction() as db:
            signup_captcha.spend_all(db, flow.id)
            signup_flow.save_flow(flow, db)
        return redirect(url_for("signup.captcha"))
    if not signup_form.is_submitted():
        _prefill(signup_form, flow)
    return _step_page(
        "signup/form.html",
        Step.FORMULAIRE,
        form=signup_form,
        password_rules=rules.PASSWORD_RULES,
        password_rule_summary=rules.PASSWORD_RULE_SUMMARY,
        checklist_met=rules.CHECKLIST_MET,
        checklist_not_met=rules.CHECKLIST_NOT_MET,
    )


def _prefill(signup_form: SignupForm, flow: Flow) -> None:
    """Going back keeps what was typed (never the passwords)."""
    data = flow.data
    if nir := data.get("nir"):
        try:
            signup_form.nir.data = rules.parse_nir(nir).formatted()
        except rules.NirError:
            signup_form.nir.data = nir
    for name in ("birth_name", "first_name", "email"):
        if name in data:
            getattr(signup_form, name).data = data[name]
    if duplicate := session.pop(session_keys.SIGNUP_DUPLICATE, None):
        signup_form.mark_taken(duplicate)


# --- Step 4: the security check -------------------------------------------------


@bp.route("/controle-securite", methods=["GET", "POST"])
@requires_step(Step.CONTROLE)
def captcha(flow: Flow) -> Response | str:
    if flow.step > Step.CONTROLE:
        flash(CAPTCHA_ALREADY_PASSED, "info")
        return redirect(url_for("signup.cgu"))
    if request.method == "POST":
        return _answer_captcha(flow)
    challenge = signup_captcha.current_challenge(flow.id)
    if challenge is None or challenge.used or challenge.expired:
        with transaction() as db:
            challenge = signup_captcha.new_challenge(db, flow.id)
    return _step_page(
        "signup/captcha.html",
        Step.CONTROLE,
        challenge=challenge,
        form=CaptchaForm(challenge=challenge.id),
        refresh_form=RefreshCaptchaForm(),
    )


def _answer_captcha(flow: Flow) -> Response:
    answer_form = CaptchaForm()
    answer_form.validate()  # field errors are outcomes below, not a re-shown form
    tile = answer_form.tile.data if not answer_form.tile.errors else None
    with transaction() as db:
        outcome = signup_captcha.answer(db, flow.id, answer_form.challenge.data or "", tile)
        if outcome is signup_captcha.Outcome.RIGHT:
            flow.step = Step.CLOTURE
            flow.captcha_failures = 0
            signup_flow.save_flow(flow, db)
            return redirect(url_for("signup.cgu"))
        if outcome is signup_captcha.Outcome.WRONG:
            flow.captcha_failures += 1
            if flow.captcha_failures >= current_app.config["CAPTCHA_MAX_FAILURES"]:
                # Back to the form: the data stays, the passwords must be typed again.
                flow.step = Step.FORMULAIRE
                flow.captcha_failures = 0
                flow.data.pop("password_hash", None)
                signup_flow.save_flow(flow, db)
                flash(CAPTCHA_TOO_MANY_FAILURES, "error")
                return redirect(url_for("signup.form"))
            signup_flow.save_flow(flow, db)
        signup_captcha.new_challenge(db, flow.id)
    flash(
        {
            signup_captcha.Outcome.WRONG: CAPTCHA_WRONG,
            signup_captcha.Outcome.EXPIRED: CAPTCHA_EXPIRED,
            signup_captcha.Outcome.NO_ANSWER: CAPTCHA_NO_ANSWER,
        }.get(outcome, CAPTCHA_USED),
        "error",
    )
    return redirect(url_for("signup.captcha"))


@bp.post("/controle-securite/autres-images")
@requires_step(Step.CONTROLE)
def captcha_refresh(flow: Flow) -> Response:
    if flow.step > Step.CONTROLE:
        flash(CAPTCHA_ALREADY_PASSED, "info")
        return redirect(url_for("signup.cgu"))
    with transaction() as db:
        signup_captcha.new_challenge(db, flow.id)
    flash(CAPTCHA_REFRESHED, "info")
    return redirect(url_for("signup.captcha"))


@bp.get("/controle-securite/images/<token>")
def captcha_image(token: str) -> Response:
    """A tile's picture, for the session whose current challenge holds the token.
    No guard redirect here: an <img> cannot follow one, and a flash would leak."""
    flow = signup_flow.current_flow()
    picture = signup_captcha.tile_picture(flow.id, token) if flow else None
    if picture is None:
        abort(404)
    response = current_app.response_class(
        signup_captcha.picture_svg(picture), mimetype="image/svg+xml"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# --- Step 5: the CGU, and the account -------------------------------------------


@bp.route("/cloture", methods=["GET", "POST"])
@requires_step(Step.CLOTURE)
def cgu(flow: Flow) -> Response | str:
    cgu_form = CguForm()
    if not cgu_form.validate_on_submit():
        return _step_page("signup/cgu.html", Step.CLOTURE, form=cgu_form)
    data = flow.data
    sector, career = rights.initial_profile(data["nir"], clock.today())
    try:
        account = accounts.create_account(
            nir=data["nir"],
            email=data["email"],
            birth_name=data["birth_name"],
            first_name=data["first_name"],
            password_hash=data["password_hash"],
            sector=sector,
            career=career,
        )
    except accounts.DuplicateAccount as error:
        # Someone took the NIR or e-mail since step 3: back to the form, said next to the field.
        flow.step = Step.FORMULAIRE
        flow.data.pop("password_hash", None)
        signup_flow.save_flow(flow)
        refused = error.field if error.field in ("nir", "email") else "nir"
        session[session_keys.SIGNUP_DUPLICATE] = refused
        return redirect(url_for("signup.form"))
    signup_flow.end_flow(flow)
    auth.sign_in(account.id)  # a fresh session: the signup's cookie is not reused
    session[session_keys.SIGNUP_ACTIVATED] = account.id
    return redirect(url_for("signup.activated"))


@bp.get("/compte-active")
def activated() -> Response | str:
    """Shown to the session that has just activated this account (reloads included)."""
    account = auth.current_account()
    if account is None:
        return redirect(url_for("account.connexion"))
    if session.get(session_keys.SIGNUP_ACTIVATED) != account.id:
        return redirect(url_for("account.home"))
    return render_template("signup/activated.html", title=ACCOUNT_ACTIVATED)
