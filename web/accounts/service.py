"""What the admin pages, the CLI and the demo call: create users, give them a role in a company, reset
passwords, issue and check API tokens, sign people in with rate limiting and lockout. Every change is an audit
event."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence import audit
from evidence.models import Company
from immex.errors import ImmexError, NotFound
from immex.messages import N_
from immex.services import Services
from web.accounts import sessions
from web.accounts.models import ROLES, ApiToken, LoginAttempt, Membership, User
from web.accounts.passwords import generate_password, hash_password, password_problem, verify_password

TOKEN_PREFIX = "imx_"  # noqa: S105 - a prefix, not a secret
# Lockout: this many failed sign-ins for one account (since its last success or reset) within the window lock
# it for the rest of the window; an address that fails this often across accounts is refused the same way.
ACCOUNT_MAX_FAILURES = 5
IP_MAX_FAILURES = 20
WINDOW = timedelta(minutes=15)

BAD_CURRENT_PASSWORD = N_("The current password is not right.")  # noqa: S105 - a message, not a secret

DEMO_PASSWORDS = {
    "admin": "demo-admin-2026",
    "clerk": "demo-clerk-2026",
    "auditor": "demo-auditor-2026",
}


class AccountError(ImmexError):
    code = "account"


class LoginRefused(ImmexError):
    """Sign-in refused: wrong e-mail or password, or too many attempts (``code`` says which)."""

    code = "bad_credentials"
    http_status = 401


@dataclass
class Identity:
    """Who is asking, for which company, with which role."""

    user_id: int
    email: str
    name: str
    company_id: int
    role: str
    locale: str | None = None
    token_id: int | None = None

    @property
    def can_write(self) -> bool:
        return self.role in ("admin", "clerk")

    @property
    def actor(self) -> str:
        return self.email


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 320 or email.startswith("@") or email.endswith("@"):
        raise AccountError(f"{email!r} is not an e-mail address.", code="bad_email")
    return email


def _check_role(role: str) -> str:
    role = (role or "").strip().lower()
    if role not in ROLES:
        raise AccountError(f"The role must be one of {', '.join(ROLES)}, not {role!r}.", code="bad_role")
    return role


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(
    session: Session,
    *,
    email: str,
    company_id: int,
    role: str,
    password: str | None = None,
    name: str = "",
    actor: str = "system",
    locale: str | None = None,
) -> tuple[User, str | None]:
    """Create a user with a role in ``company_id`` (or give an existing user that role there). Returns the
    user and the generated password when none was given (None when one was given or the user already
    existed)."""
    email = normalise_email(email)
    role = _check_role(role)
    if session.get(Company, company_id) is None:
        raise NotFound(f"Company {company_id} does not exist.")
    generated: str | None = None
    user = user_by_email(session, email)
    if user is None:
        if password is None:
            password = generated = generate_password()
        problem = password_problem(password)
        if problem:
            raise AccountError(problem, code="weak_password")
        user = User(email=email, name=name or email.split("@")[0], password_hash=hash_password(password))
        user.locale = locale if locale in ("es", "en") else None
        session.add(user)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="user.created",
            object_type="user",
            object_id=user.id,
            company_id=company_id,
            details={"email": email},
        )
    set_membership(session, user=user, company_id=company_id, role=role, actor=actor)
    return user, generated


def set_membership(session: Session, *, user: User, company_id: int, role: str, actor: str) -> Membership:
    role = _check_role(role)
    membership = session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.company_id == company_id)
    )
    if membership is not None and membership.role == role:
        return membership
    old = membership.role if membership is not None else None
    if membership is None:
        membership = Membership(user_id=user.id, company_id=company_id, role=role)
        session.add(membership)
    else:
        membership.role = role
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="user.role_set",
        object_type="user",
        object_id=user.id,
        company_id=company_id,
        details={"email": user.email, "role": role, "previous_role": old},
    )
    return membership


def reset_password(
    session: Session,
    *,
    email: str,
    password: str | None = None,
    actor: str = "system",
    company_id: int | None = None,
) -> str:
    """Set a new password (generated when none is given), clear the account's lockout, end all the user's
    portal sessions and revoke all their API tokens (in every company); returns the password. Callers that act
    for one company check first that the user is theirs alone (``web.accounts.company_admin``)."""
    user = user_by_email(session, normalise_email(email))
    if user is None:
        raise NotFound(f"No user with e-mail {email}.")
    if company_id is not None and membership_of(session, user.id, company_id) is None:
        raise NotFound(f"No user with e-mail {email}.")
    if password is None:
        password = generate_password()
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, code="weak_password")
    user.password_hash = hash_password(password)
    user.password_changed_at = datetime.now(UTC)
    session.add(LoginAttempt(email=user.email, ip="-", success=True, kind="reset"))
    ended = sessions.end_all(session, user_id=user.id, reason="password_reset")
    revoked = revoke_user_tokens(session, user_id=user.id, actor=actor)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="user.password_reset",
        object_type="user",
        object_id=user.id,
        company_id=company_id,
        details={"email": user.email, "sessions_ended": ended, "tokens_revoked": revoked},
    )
    return password


def change_own_password(
    session: Session, *, user_id: int, current: str, new: str, keep_sid: str | None = None
) -> tuple[int, str]:
    """The user changes their own password: the current one must be right. Their other portal sessions end
    (the one ``keep_sid`` names goes on); API tokens stay. Returns (sessions ended, the new hash)."""
    user = session.get(User, user_id)
    if user is None or not verify_password(user.password_hash, current or ""):
        raise AccountError(BAD_CURRENT_PASSWORD, code="bad_password")
    problem = password_problem(new or "")
    if problem:
        raise AccountError(problem, code="weak_password")
    user.password_hash = hash_password(new)
    user.password_changed_at = datetime.now(UTC)
    ended = sessions.end_all(session, user_id=user.id, reason="password_changed", keep_sid=keep_sid)
    audit.record(
        session,
        actor=user.email,
        action="user.password_changed",
        object_type="user",
        object_id=user.id,
        details={"email": user.email, "sessions_ended": ended},
    )
    return ended, user.password_hash


def membership_of(session: Session, user_id: int, company_id: int) -> Membership | None:
    return session.scalar(select(Membership).where(Membership.user_id == user_id, Membership.company_id == company_id))


def companies_of(session: Session, user_id: int) -> list[dict[str, Any]]:
    """The companies a user belongs to, with the role in each (for the company switcher)."""
    rows = session.execute(
        select(Company.id, Company.rfc, Company.name, Membership.role)
        .join(Membership, Membership.company_id == Company.id)
        .where(Membership.user_id == user_id)
        .order_by(Company.name)
    ).all()
    return [{"id": r.id, "rfc": r.rfc, "name": r.name, "role": r.role} for r in rows]


def users_of_company(session: Session, company_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.company_id == company_id)
        .order_by(User.email)
    ).all()
    return [
        {
            "id": u.id,
            "email": u.email,
            "name": u.name,
            "role": role,
            "active": u.active,
            "created_at": u.created_at,
        }
        for u, role in rows
    ]


# -- sign-in -------------------------------------------------------------------------------------------------


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _failures_since(session: Session, *, email: str | None = None, ip: str | None = None) -> int:
    since = datetime.now(UTC) - WINDOW
    q = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.success.is_(False), LoginAttempt.at >= since)
    if email is not None:
        last_ok = session.scalar(
            select(func.max(LoginAttempt.at)).where(LoginAttempt.email == email, LoginAttempt.success.is_(True))
        )
        if last_ok is not None and _aware(last_ok) > since:
            q = q.where(LoginAttempt.at > last_ok)
        q = q.where(LoginAttempt.email == email)
    if ip is not None:
        q = q.where(LoginAttempt.ip == ip)
    return int(session.scalar(q) or 0)


def authenticate(services: Services, *, email: str, password: str, ip: str) -> User:
    """The user whose e-mail and password these are; raises ``LoginRefused`` (code ``bad_credentials``,
    ``account_locked`` or ``ip_locked``). Every attempt is counted and audited."""
    email = (email or "").strip().lower()[:320]
    ip = (ip or "-")[:64]
    refusal: LoginRefused | None = None
    with services.db.session() as session:
        if _failures_since(session, ip=ip) >= IP_MAX_FAILURES:
            _record_attempt(session, email, ip, success=False, why="ip_locked")
            refusal = LoginRefused(
                "Too many failed sign-ins from this network. Wait 15 minutes and try again.", code="ip_locked"
            )
        elif _failures_since(session, email=email) >= ACCOUNT_MAX_FAILURES:
            _record_attempt(session, email, ip, success=False, why="account_locked")
            refusal = LoginRefused(
                "This account is locked after too many failed sign-ins. Wait 15 minutes or ask an admin to "
                "reset the password.",
                code="account_locked",
            )
        else:
            user = user_by_email(session, email)
            ok = verify_password(user.password_hash if user else None, password or "")
            if user is None or not ok or not user.active:
                _record_attempt(session, email, ip, success=False, why="bad_credentials")
            else:
                _record_attempt(session, email, ip, success=True, why=None, user_id=user.id)
                session.flush()
                session.expunge(user)
                return user
    # raised after the commit, so that the refused attempt is counted and audited
    if refusal is not None:
        raise refusal
    raise LoginRefused("The e-mail or the password is not right.", code="bad_credentials")


def _record_attempt(
    session: Session, email: str, ip: str, *, success: bool, why: str | None, user_id: int | None = None
) -> None:
    session.add(LoginAttempt(email=email, ip=ip, success=success, kind="password"))
    audit.record(
        session,
        actor=email or "anonymous",
        action="login.succeeded" if success else "login.failed",
        object_type="user",
        object_id=user_id,
        details={"ip": ip, **({"reason": why} if why else {})},
    )


# -- API tokens ----------------------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, *, email: str, company_id: int, label: str = "", actor: str = "system") -> str:
    """A new bearer token for the user in that company. The token is returned once; only its hash is kept."""
    user = user_by_email(session, normalise_email(email))
    if user is None or membership_of(session, user.id, company_id) is None:
        raise NotFound(f"{email} is not a user of company {company_id}.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user.id,
        company_id=company_id,
        token_hash=token_hash(token),
        prefix=token[:10],
        label=label[:100],
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="token.created",
        object_type="api_token",
        object_id=row.id,
        company_id=company_id,
        details={"email": user.email, "prefix": row.prefix, "label": row.label},
    )
    return token


def revoke_token(session: Session, *, token_id: int, company_id: int, actor: str) -> None:
    row = session.get(ApiToken, token_id)
    if row is None or row.company_id != company_id:
        raise NotFound(f"No API token {token_id}.")
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
        audit.record(
            session,
            actor=actor,
            action="token.revoked",
            object_type="api_token",
            object_id=row.id,
            company_id=company_id,
            details={"prefix": row.prefix},
        )


def revoke_user_tokens(session: Session, *, user_id: int, actor: str, company_id: int | None = None) -> int:
    """Revoke a user's standing API tokens (all, or those of one company); each is an audit event."""
    q = select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
    if company_id is not None:
        q = q.where(ApiToken.company_id == company_id)
    rows = session.scalars(q).all()
    for row in rows:
        revoke_token(session, token_id=row.id, company_id=row.company_id, actor=actor)
    return len(rows)


def identity_for_token(services: Services, token: str) -> Identity | None:
    """The identity of a bearer token, or None (unknown, revoked, user inactive, no longer a member)."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    with services.db.session() as session:
        row = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
        if row is None or row.revoked_at is not None:
            return None
        user = session.get(User, row.user_id)
        membership = membership_of(session, row.user_id, row.company_id)
        if user is None or not user.active or membership is None:
            return None
        now = datetime.now(UTC)
        if row.last_used_at is None or now - _aware(row.last_used_at) > timedelta(minutes=5):
            row.last_used_at = now
        return Identity(user.id, user.email, user.name, row.company_id, membership.role, user.locale, row.id)


# -- demo ----------------------------------------------------------------------------------------------------


def ensure_demo_users(services: Services, company_id: int) -> list[dict[str, Any]]:
    """One user per role in ``company_id`` with known passwords (for ``make run``): created if missing, their
    passwords set back to the known ones if they exist. Returns ``[{email, password, role}]``."""
    with services.db.session() as session:
        rfc = session.scalar(select(Company.rfc).where(Company.id == company_id))
        if rfc is None:
            raise NotFound(f"Company {company_id} does not exist.")
    out = []
    for role, password in DEMO_PASSWORDS.items():
        email = f"{role}@demo.immex.test"
        with services.db.session() as session:
            user = user_by_email(session, email)
            if user is None:
                create_user(
                    session,
                    email=email,
                    company_id=company_id,
                    role=role,
                    password=password,
                    actor="demo",
                    name=f"Demo {role}",
                )
            else:
                set_membership(session, user=user, company_id=company_id, role=role, actor="demo")
                if not verify_password(user.password_hash, password):
                    reset_password(session, email=email, password=password, actor="demo", company_id=company_id)
        out.append({"email": email, "password": password, "role": role})
    return out
