"""Sign in and out, switch company, choose the language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from flask import Blueprint, Flask, abort, redirect, render_template, request, session, url_for

from evidence import audit
from immex import i18n
from immex.services import Services
from web.accounts.auth import current_identity, login_required, sign_in, sign_out
from web.accounts.company_admin import pending_for_user
from web.accounts.models import User
from web.accounts.service import LoginRefused, authenticate, companies_of, membership_of
from web.blueprints._base import _


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site (no scheme, no host, no ``//``) may be a redirect target after sign-in."""
    if not target:
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def home_for(role: str) -> str:
    return url_for("auditor.dashboard") if role == "auditor" else url_for("documents.index")


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("auth", __name__)

    @bp.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        error = None
        status = 200
        email = ""
        if request.method == "POST":
            email = request.form.get("email", "").strip()
            try:
                user = authenticate(
                    services,
                    email=email,
                    password=request.form.get("password", ""),
                    ip=request.remote_addr or "-",
                )
            except LoginRefused as exc:
                error, status = _(exc.message), (429 if exc.code != "bad_credentials" else 401)
            else:
                with services.db.session() as db:
                    companies = companies_of(db, user.id)
                    invited = bool(pending_for_user(db, user.id))
                if not companies and invited:
                    sign_in(user, None)  # to answer the invitations waiting for them
                    return redirect(url_for("account.invitations"))
                if not companies:
                    error, status = _("Your account has no company yet. Ask an admin to add you to one."), 403
                else:
                    sign_in(user, companies[0]["id"])
                    target = _safe_next(request.form.get("next")) or home_for(companies[0]["role"])
                    return redirect(target)
        return (
            render_template("login.html", error=error, email=email, next=_safe_next(request.values.get("next")) or ""),
            status,
        )

    @bp.post("/logout")
    def logout() -> Any:
        ident = current_identity()
        if ident is not None:
            with services.db.session() as db:
                audit.record(db, actor=ident.email, action="logout", object_type="user", object_id=ident.user_id)
        sign_out()
        return redirect(url_for("auth.login"))

    @bp.post("/company")
    @login_required
    def switch_company() -> Any:
        ident = current_identity()
        assert ident is not None
        try:
            wanted = int(request.form.get("company_id", ""))
        except ValueError:
            abort(404)
        with services.db.session() as db:
            membership = membership_of(db, ident.user_id, wanted)
            if membership is None:
                abort(404)
            role = membership.role
            audit.record(
                db,
                actor=ident.email,
                action="user.switch_company",
                object_type="user",
                object_id=ident.user_id,
                company_id=wanted,
                details={"from_company_id": ident.company_id, "role": role},
            )
        session["cid"] = wanted
        return redirect(home_for(role))

    @bp.post("/language")
    def set_language() -> Any:
        locale = i18n.normalise(request.form.get("locale"))
        if locale is None:
            abort(400)
        session["locale"] = locale
        ident = current_identity()
        if ident is not None:
            with services.db.session() as db:
                user = db.get(User, ident.user_id)
                if user is not None:
                    user.locale = locale
        back = _safe_next(request.form.get("next"))
        return redirect(back or url_for("auth.index"))

    @bp.get("/")
    def index() -> Any:
        ident = current_identity()
        if ident is None:
            return redirect(url_for("auth.login"))
        return redirect(home_for(ident.role))

    app.register_blueprint(bp)
