"""Who is asking: the signed-in user of the portal (session cookie) or the owner of an API bearer token,
always for one company. Blueprints (this project's and others') use:

- ``current_identity()`` → ``Identity | None`` (user, company, role) for the request;
- ``login_required`` / ``roles_required("admin", "clerk")`` on portal views (another role gets 403);
- ``api_auth(write=False)`` on API views (``Authorization: Bearer <token>``; 401 JSON without a valid token,
  403 JSON when ``write=True`` and the role is read-only);
- ``company_id()`` → the company every query must be scoped to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, g, redirect, request, session, url_for
from sqlalchemy import select

from web.accounts.models import User
from web.accounts.service import Identity, identity_for_token, membership_of

F = TypeVar("F", bound=Callable[..., Any])
WRITE_ROLES = ("admin", "clerk")


def password_version(password_hash: str) -> str:
    """A fingerprint of the password hash kept in the session: a password reset signs out old sessions."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def sign_in(user: User, company_id: int | None) -> None:
    """Start a fresh session for ``user`` (the old session's content, CSRF token included, is dropped)."""
    locale = session.get("locale")
    session.clear()
    session["uid"] = user.id
    session["pwv"] = password_version(user.password_hash)
    if company_id is not None:
        session["cid"] = company_id
    if locale:
        session["locale"] = locale
    session.permanent = True


def sign_out() -> None:
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def load_session_identity() -> Identity | None:
    """The identity of the session cookie, checked against the database on every request (a removed membership
    or a reset password takes effect at once)."""
    from flask import current_app

    from web import services_of

    uid = session.get("uid")
    if not uid:
        return None
    services = services_of(current_app)
    with services.db.session() as db:
        user = db.get(User, uid)
        if user is None or not user.active or session.get("pwv") != password_version(user.password_hash):
            session.clear()
            return None
        cid = session.get("cid")
        membership = membership_of(db, user.id, cid) if cid else None
        if membership is None:
            from web.accounts.models import Membership

            membership = db.scalar(
                select(Membership).where(Membership.user_id == user.id).order_by(Membership.company_id).limit(1)
            )
            if membership is None:
                return None
            session["cid"] = membership.company_id
        return Identity(user.id, user.email, user.name, membership.company_id, membership.role, user.locale)


def current_identity() -> Identity | None:
    if "identity" not in g:
        g.identity = load_session_identity()
    return cast("Identity | None", g.identity)


def company_id() -> int:
    ident = current_identity()
    if ident is None:
        abort(401)
    return ident.company_id


def login_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_identity() is None:
            return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
        return view(*args, **kwargs)

    return cast(F, wrapped)


def roles_required(*roles: str) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            ident = current_identity()
            if ident is None:
                return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
            if ident.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorator


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def api_auth(write: bool = False) -> Callable[[F], F]:
    """For ``/api/v1`` views: a valid bearer token is required (401); ``write=True`` also needs admin or clerk
    (403). The identity is put in ``g.identity`` so ``current_identity()`` and ``company_id()`` work as in the
    portal."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            from flask import current_app

            from web import services_of

            token = bearer_token()
            ident = identity_for_token(services_of(current_app), token) if token else None
            if ident is None:
                abort(401)
            if write and ident.role not in WRITE_ROLES:
                abort(403)
            g.identity = ident
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorator
