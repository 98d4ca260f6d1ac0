"""The signed-in user's own account: invitations from other companies (accept or decline), their password and
their sessions. Every page shows how many invitations are waiting."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, redirect, render_template, request, url_for

from immex.errors import ImmexError
from immex.services import Services
from web.accounts import company_admin, sessions
from web.accounts.auth import (
    current_sid,
    login_required,
    renew_password_version,
    session_user,
    signed_in_required,
)
from web.accounts.company_admin import AdminRefused
from web.accounts.service import change_own_password
from web.blueprints._base import _, is_api
from web.blueprints._util import is_id
from web.blueprints.admin import refusal_text


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("account", __name__)

    def _uid() -> int:
        found = session_user()
        assert found is not None
        return found[0]

    @app.context_processor
    def _pending_invitations() -> dict[str, Any]:
        if is_api() or not request.cookies:
            return {"pending_invitations": 0}
        found = session_user()
        if found is None:
            return {"pending_invitations": 0}
        with services.db.session() as db:
            return {"pending_invitations": len(company_admin.pending_for_user(db, found[0]))}

    def _invitations_page(status: int = 200, **extra: Any) -> Any:
        with services.db.session() as db:
            rows = company_admin.pending_for_user(db, _uid())
        return render_template("invitations.html", invitations=rows, **extra), status

    @bp.get("/invitations")
    @signed_in_required
    def invitations() -> Any:
        return _invitations_page()

    @bp.post("/invitations/<int:invitation_id>/<any(accept, decline):answer>")
    @signed_in_required
    def answer(invitation_id: int, answer: str) -> Any:
        try:
            with services.db.session() as db:
                if not is_id(invitation_id):
                    raise AdminRefused("no_invitation")
                company_admin.answer_invitation(
                    db, user_id=_uid(), invitation_id=invitation_id, accept=answer == "accept"
                )
        except AdminRefused as exc:
            return _invitations_page(exc.http_status, error=refusal_text(exc))
        return redirect(url_for("account.invitations", done=answer))

    def _account_page(status: int = 200, **extra: Any) -> Any:
        with services.db.session() as db:
            rows = sessions.standing(db, _uid())
        return render_template("account.html", sessions=rows, **extra), status

    @bp.get("/account")
    @login_required
    def account() -> Any:
        return _account_page()

    @bp.post("/account/password")
    @login_required
    def change_password() -> Any:
        if request.form.get("new_password", "") != request.form.get("confirm_password", ""):
            return _account_page(422, error=_("The two new passwords are not the same."))
        try:
            with services.db.session() as db:
                ended, new_hash = change_own_password(
                    db,
                    user_id=_uid(),
                    current=request.form.get("current_password", ""),
                    new=request.form.get("new_password", ""),
                    keep_sid=current_sid(),
                )
        except ImmexError as exc:
            return _account_page(422, error=refusal_text(exc))
        renew_password_version(new_hash)
        return _account_page(changed=True, ended=ended)

    app.register_blueprint(bp)
