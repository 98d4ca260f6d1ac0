"""Who is asking: the signed-in user of the portal (a session recorded on the server, its id in the cookie) or
the owner of an API bearer token, always for one company. Blueprints (this project's and others') use:

- ``current_identity()`` → ``Identity | None`` (user, company, role) for the request;
- ``login_required`` / ``roles_required("admin", "clerk")`` on portal views (another role gets 403);
- ``signed_in_required`` for the few pages a user without a company yet may see (their invitations);
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

from web.accounts import sessions
from web.accounts.models import Membership, User
from web.accounts.service import Identity, identity_for_token, membership_of

F = TypeVar("F", bound=Callable[..., Any])
WRITE_ROLES = ("admin", "clerk")


def password_version(password_hash: str) -> str:
    """A fingerprint of the password hash kept in the session: a password reset signs out old sessions."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def sign_in(user: User, company_id: int | None) -> None:
    """Start a fresh session for ``user`` (the old session's content, CSRF token included, is dropped). The
    session is recorded on the server (``web.accounts.sessions``); the cookie carries only its random id."""
    from flask import current_app

    from web import services_of

    old_sid = session.get("sid")
    with services_of(current_app).db.session() as db:
        sessions.end(db, sid=old_sid, reason="replaced")
        sid = sessions.start(
            db, user_id=user.id, ip=request.remote_addr or "", user_agent=request.headers.get("User-Agent", "")
        )
    locale = session.get("locale")
    session.clear()
    session["uid"] = user.id
    session["sid"] = sid
    session["pwv"] = password_version(user.password_hash)
    if company_id is not None:
        session["cid"] = company_id
    if locale:
        session["locale"] = locale
    session.permanent = True
    g.pop("identity", None)
    g.pop("session_user", None)


def sign_out(reason: str = "logout") -> None:
    """End the session on the server (its cookie no longer works anywhere) and clear the cookie."""
    from flask import current_app

    from web import services_of

    sid = session.get("sid")
    if sid:
        with services_of(current_app).db.session() as db:
            sessions.end(db, sid=sid, reason=reason)
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    g.pop("identity", None)
    g.pop("session_user", None)


def renew_password_version(password_hash: str) -> None:
    """After the user changed their own password: the session they did it from stays signed in."""
    session["pwv"] = password_version(password_hash)


def current_sid() -> str | None:
    sid = session.get("sid")
    return str(sid) if sid else None


def session_user() -> tuple[int, str, str | None] | None:
    """(user id, e-mail, locale) of a standing session, whether or not the user belongs to a company yet;
    None (and the cookie is cleared) when the session was ended, the password changed or the user is off."""
    if "session_user" in g:
        return cast("tuple[int, str, str | None] | None", g.session_user)
    from flask import current_app

    from web import services_of

    found: tuple[int, str, str | None] | None = None
    uid = session.get("uid")
    if uid:
        with services_of(current_app).db.session() as db:
            user = db.get(User, uid)
            ok = (
                user is not None
                and user.active
                and session.get("pwv") == password_version(user.password_hash)
                and sessions.check(db, user_id=user.id, sid=session.get("sid")) is not None
            )
            if ok and user is not None:
                found = (user.id, user.email, user.locale)
        if found is None:
            sign_out_quietly()  # a copied or ended cookie: drop it
    g.session_user = found
    return found


def sign_out_quietly() -> None:
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def load_session_identity() -> Identity | None:
    """The identity of the session cookie, checked against the database on every request (an ended session, a
    removed membership or a changed password takes effect at once)."""
    from flask import current_app

    from web import services_of

    found = session_user()
    if found is None:
        return None
    uid = found[0]
    with services_of(current_app).db.session() as db:
        user = db.get(User, uid)
        if user is None:
            return None
        cid = session.get("cid")
        membership = membership_of(db, user.id, cid) if cid else None
        if membership is None:
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


def signed_in_required(view: F) -> F:
    """A standing session, even of a user who belongs to no company yet (to answer invitations)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if session_user() is None:
            return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
        return view(*args, **kwargs)

    return cast(F, wrapped)


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
            g.identity = ident  # before the role check: a refusal is said in the token's user's language too
            if write and ident.role not in WRITE_ROLES:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorator
