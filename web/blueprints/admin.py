"""Admin pages of a company: its users and their roles, new users, password resets, API tokens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, render_template, request
from sqlalchemy import select

from immex.errors import ImmexError
from immex.services import Services
from web.accounts.auth import current_identity, login_required, roles_required
from web.accounts.models import ROLES, ApiToken
from web.accounts.service import (
    create_token,
    create_user,
    reset_password,
    revoke_token,
    users_of_company,
)
from web.blueprints._base import _
from web.blueprints._util import is_id


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("admin", __name__)

    def _page(status: int = 200, **extra: Any) -> Any:
        ident = current_identity()
        assert ident is not None
        with services.db.session() as db:
            users = users_of_company(db, ident.company_id)
        return render_template("admin_users.html", users=users, roles=ROLES, **extra), status

    @bp.get("/admin/users")
    @roles_required("admin")
    def users() -> Any:
        return _page()

    @bp.post("/admin/users")
    @roles_required("admin")
    def create() -> Any:
        ident = current_identity()
        assert ident is not None
        password = request.form.get("password") or None
        try:
            with services.db.session() as db:
                user, generated = create_user(
                    db,
                    email=request.form.get("email", ""),
                    company_id=ident.company_id,
                    role=request.form.get("role", ""),
                    password=password,
                    name=request.form.get("name", ""),
                    actor=ident.email,
                )
                email = user.email
        except ImmexError as exc:
            return _page(422, error=_(exc.message))
        return _page(201, created=email, password=generated)

    @bp.post("/admin/users/reset")
    @roles_required("admin")
    def reset() -> Any:
        ident = current_identity()
        assert ident is not None
        try:
            with services.db.session() as db:
                password = reset_password(
                    db, email=request.form.get("email", ""), actor=ident.email, company_id=ident.company_id
                )
        except ImmexError as exc:
            return _page(exc.http_status if exc.http_status == 404 else 422, error=_(exc.message))
        return _page(reset=request.form.get("email", ""), password=password)

    # -- API tokens of the signed-in user (any role: an auditor's token is read-only) -----------------------
    def _tokens_page(status: int = 200, **extra: Any) -> Any:
        ident = current_identity()
        assert ident is not None
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
        ident = current_identity()
        assert ident is not None
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
        ident = current_identity()
        assert ident is not None
        with services.db.session() as db:
            row = db.get(ApiToken, token_id) if is_id(token_id) else None
            if row is None or row.user_id != ident.user_id:
                abort(404)
            revoke_token(db, token_id=token_id, company_id=ident.company_id, actor=ident.email)
        return _tokens_page()

    app.register_blueprint(bp)
