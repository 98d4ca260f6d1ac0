"""Admin pages of a company: its users and their roles, invitations of people who already have an account, new
users, password resets and ending sessions (for users of this company alone), its API tokens. The rules are in
``web.accounts.company_admin``; this module only turns them into pages. The signed-in user's own API tokens are
here too (any role: an auditor's token is read-only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, abort, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from immex.errors import ImmexError
from immex.services import Services
from web.accounts import company_admin
from web.accounts.auth import current_identity, login_required, roles_required
from web.accounts.company_admin import AdminRefused
from web.accounts.models import ROLES, ApiToken
from web.accounts.service import Identity, create_token, revoke_token, users_of_company
from web.blueprints._base import _
from web.blueprints._util import is_id


def refusal_text(exc: ImmexError) -> str:
    """A refusal in the user's language."""
    if isinstance(exc, AdminRefused):
        return _(exc.template, **exc.values)
    return _(exc.message)


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("admin", __name__)

    def _ident() -> Identity:
        ident = current_identity()
        assert ident is not None
        return ident

    def _page(status: int = 200, **extra: Any) -> Any:
        ident = _ident()
        with services.db.session() as db:
            users = users_of_company(db, ident.company_id)
            invitations = company_admin.pending_for_company(db, ident.company_id)
            shared = company_admin.shared_user_ids(db, ident.company_id)
        return (
            render_template(
                "admin_users.html", users=users, invitations=invitations, shared=shared, roles=ROLES, **extra
            ),
            status,
        )

    def _act(action: Callable[[Session, Identity], dict[str, Any]], status: int = 200) -> Any:
        """Run one admin action in a transaction and show the users page with its outcome or refusal."""
        ident = _ident()
        try:
            with services.db.session() as db:
                extra = action(db, ident)
        except ImmexError as exc:
            code = exc.http_status if exc.http_status in (403, 404, 409) else 422
            return _page(code, error=refusal_text(exc))
        return _page(int(extra.pop("status", status)), **extra)

    @bp.get("/admin/users")
    @roles_required("admin")
    def users() -> Any:
        return _page()

    @bp.post("/admin/users")
    @roles_required("admin")
    def create() -> Any:
        def action(db: Session, ident: Identity) -> dict[str, Any]:
            outcome = company_admin.add_user(
                db,
                company_id=ident.company_id,
                email=request.form.get("email", ""),
                role=request.form.get("role", ""),
                password=request.form.get("password") or None,
                name=request.form.get("name", ""),
                actor=ident.email,
            )
            if outcome.kind == "created":
                return {"status": 201, "created": outcome.email, "password": outcome.password}
            if outcome.kind == "invited":
                return {"status": 202, "invited": outcome.email, "role": outcome.role}
            return {"role_set": outcome.email, "role": outcome.role}

        return _act(action)

    @bp.post("/admin/users/role")
    @roles_required("admin")
    def role() -> Any:
        def action(db: Session, ident: Identity) -> dict[str, Any]:
            outcome = company_admin.change_role(
                db,
                company_id=ident.company_id,
                email=request.form.get("email", ""),
                role=request.form.get("role", ""),
                actor=ident.email,
            )
            return {"role_set": outcome.email, "role": outcome.role}

        return _act(action)

    @bp.post("/admin/users/remove")
    @roles_required("admin")
    def remove() -> Any:
        def action(db: Session, ident: Identity) -> dict[str, Any]:
            email = company_admin.remove_member(
                db, company_id=ident.company_id, email=request.form.get("email", ""), actor=ident.email
            )
            return {"removed": email}

        return _act(action)

    @bp.post("/admin/users/reset")
    @roles_required("admin")
    def reset() -> Any:
        def action(db: Session, ident: Identity) -> dict[str, Any]:
            email, password = company_admin.admin_reset_password(
                db, company_id=ident.company_id, email=request.form.get("email", ""), actor=ident.email
            )
            return {"reset": email, "password": password}

        return _act(action)

    @bp.post("/admin/users/sessions/end")
    @roles_required("admin")
    def end_sessions() -> Any:
        def action(db: Session, ident: Identity) -> dict[str, Any]:
            email, ended = company_admin.admin_end_sessions(
                db, company_id=ident.company_id, email=request.form.get("email", ""), actor=ident.email
            )
            return {"signed_out": email, "ended": ended}

        return _act(action)

    @bp.post("/admin/invitations/<int:invitation_id>/cancel")
    @roles_required("admin")
    def cancel_invitation(invitation_id: int) -> Any:
        def action(db: Session, ident: Identity) -> dict[str, Any]:
            if not is_id(invitation_id):
                raise AdminRefused("no_invitation")
            company_admin.cancel_invitation(
                db, company_id=ident.company_id, invitation_id=invitation_id, actor=ident.email
            )
            return {"cancelled": True}

        return _act(action)

    # -- API tokens of the company -----------------------------------------------------------------------------
    def _company_tokens_page(status: int = 200, **extra: Any) -> Any:
        ident = _ident()
        with services.db.session() as db:
            tokens = company_admin.company_tokens(db, ident.company_id)
        return render_template("admin_tokens.html", tokens=tokens, **extra), status

    @bp.get("/admin/tokens")
    @roles_required("admin")
    def company_tokens() -> Any:
        return _company_tokens_page()

    @bp.post("/admin/tokens/<int:token_id>/revoke")
    @roles_required("admin")
    def revoke_company_token(token_id: int) -> Any:
        ident = _ident()
        try:
            with services.db.session() as db:
                if not is_id(token_id):
                    raise AdminRefused("no_token")
                company_admin.admin_revoke_token(db, company_id=ident.company_id, token_id=token_id, actor=ident.email)
        except AdminRefused as exc:
            return _company_tokens_page(exc.http_status, error=refusal_text(exc))
        return _company_tokens_page(revoked=True)

    # -- API tokens of the signed-in user ------------------------------------------------------------------------
    def _tokens_page(status: int = 200, **extra: Any) -> Any:
        ident = _ident()
        with services.db.session() as db:
            rows = db.scalars(
                select(ApiToken)
                .where(ApiToken.user_id == ident.user_id, ApiToken.company_id == ident.company_id)
                .order_by(ApiToken.id.desc())
            ).all()
            tokens = [
                {
                    "id": t.id,
                    "prefix": t.prefix,
                    "label": t.label,
                    "created_at": t.created_at,
                    "last_used_at": t.last_used_at,
                    "revoked_at": t.revoked_at,
                }
                for t in rows
            ]
        return render_template("tokens.html", tokens=tokens, **extra), status

    @bp.get("/tokens")
    @login_required
    def tokens() -> Any:
        return _tokens_page()

    @bp.post("/tokens")
    @login_required
    def new_token() -> Any:
        ident = _ident()
        with services.db.session() as db:
            token = create_token(
                db,
                email=ident.email,
                company_id=ident.company_id,
                label=request.form.get("label", ""),
                actor=ident.email,
            )
        return _tokens_page(201, token=token)

    @bp.post("/tokens/<int:token_id>/revoke")
    @login_required
    def revoke(token_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            row = db.get(ApiToken, token_id) if is_id(token_id) else None
            if row is None or row.user_id != ident.user_id or row.company_id != ident.company_id:
                abort(404)
            revoke_token(db, token_id=token_id, company_id=ident.company_id, actor=ident.email)
        return _tokens_page()

    app.register_blueprint(bp)
