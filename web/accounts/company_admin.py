"""What a company's admin may do to accounts, and nothing more: every action is about a membership of the
admin's own company.

- Adding an e-mail that has no account creates the account with a role here. Adding one that already has an
  account (whoever it works for) never hands that account over: it sends an invitation the user accepts or
  declines after signing in; until then this company has no power over that user.
- Role changes and removals touch only this company's membership (the last admin cannot be demoted or removed).
- Resetting a password or ending sessions reaches the whole account, so it is refused when the user also
  belongs to another company: only they (or the operator's CLI) may do it.
- API tokens: an admin lists and revokes the tokens made for this company.

Refusals are ``AdminRefused`` with a stable code and an English message (``REFUSALS``) that the portal shows
in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from evidence import audit
from evidence.models import Company
from immex.errors import ImmexError
from immex.messages import N_
from web.accounts import sessions
from web.accounts.models import ApiToken, Invitation, Membership, User
from web.accounts.service import (
    _check_role,
    create_user,
    membership_of,
    normalise_email,
    reset_password,
    revoke_token,
    revoke_user_tokens,
    set_membership,
    user_by_email,
)

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL
# code → (HTTP status, English message with {placeholders}); the catalogues have the Spanish.
REFUSALS: dict[str, tuple[int, str]] = {
    "not_member": (404, N_("{email} is not a user of this company.")),
    "other_company": (
        403,
        N_(
            "{email} also works for another company, so only they can change their password or end their "
            "sessions. You can change their role here or remove them from this company."
        ),
    ),
    "last_admin": (409, N_("The company must keep at least one admin: make someone else admin first.")),
    "no_invitation": (404, N_("This invitation does not exist or was already answered.")),
    "no_token": (404, N_("There is no such API token in this company.")),
}


class AdminRefused(ImmexError):
    """An account action an admin (or a user answering an invitation) may not take."""

    def __init__(self, code: str, **values: Any) -> None:
        status, template = REFUSALS[code]
        super().__init__(template.format(**values), code=code)
        self.http_status = status
        self.template = template
        self.values = values


@dataclass
class AddOutcome:
    """What adding an e-mail did: ``created`` (new account; ``password`` shown once when generated),
    ``invited`` (an existing account was invited), ``role_set`` or ``unchanged`` (already a member here)."""

    kind: str
    email: str
    role: str
    password: str | None = None


def _member(session: Session, company_id: int, email: str) -> tuple[User, Membership]:
    """The user with this e-mail and their membership here; refused as not found otherwise (an account that
    exists elsewhere looks the same as one that does not)."""
    try:
        email = normalise_email(email)
    except ImmexError:
        raise AdminRefused("not_member", email=(email or "").strip()[:320]) from None
    user = user_by_email(session, email)
    membership = membership_of(session, user.id, company_id) if user is not None else None
    if user is None or membership is None:
        raise AdminRefused("not_member", email=email)
    return user, membership


def _only_ours(session: Session, user: User, company_id: int) -> None:
    """Refuse when the user also belongs to another company (their account is not this company's alone)."""
    elsewhere = session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.user_id == user.id, Membership.company_id != company_id)
    )
    if elsewhere:
        raise AdminRefused("other_company", email=user.email)


def shared_user_ids(session: Session, company_id: int) -> set[int]:
    """Users of this company who also belong to another one (the pages offer them no reset or sign-out)."""
    ours = select(Membership.user_id).where(Membership.company_id == company_id)
    return set(
        session.scalars(
            select(Membership.user_id).where(Membership.user_id.in_(ours), Membership.company_id != company_id)
        ).all()
    )


def _keep_an_admin(session: Session, membership: Membership, new_role: str | None) -> None:
    if membership.role != "admin" or new_role == "admin":
        return
    admins = session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.company_id == membership.company_id, Membership.role == "admin")
    )
    if (admins or 0) <= 1:
        raise AdminRefused("last_admin")


# -- adding people -----------------------------------------------------------------------------------------------


def add_user(
    session: Session,
    *,
    company_id: int,
    email: str,
    role: str,
    actor: str,
    password: str | None = None,
    name: str = "",
) -> AddOutcome:
    """An admin adds an e-mail with a role to their company (see the module's rules)."""
    email = normalise_email(email)
    role = _check_role(role)
    user = user_by_email(session, email)
    if user is None:
        user, generated = create_user(
            session, email=email, company_id=company_id, role=role, password=password, name=name, actor=actor
        )
        return AddOutcome("created", user.email, role, generated)
    membership = membership_of(session, user.id, company_id)
    if membership is not None:
        return change_role(session, company_id=company_id, email=email, role=role, actor=actor)
    invite(session, user=user, company_id=company_id, role=role, actor=actor)
    return AddOutcome("invited", user.email, role)


def invite(session: Session, *, user: User, company_id: int, role: str, actor: str) -> Invitation:
    """A pending invitation of ``user`` to ``company_id`` (an earlier pending one with another role is
    cancelled; one with the same role is kept)."""
    role = _check_role(role)
    pending = session.scalars(
        select(Invitation).where(
            Invitation.user_id == user.id, Invitation.company_id == company_id, Invitation.status == "pending"
        )
    ).all()
    for old in pending:
        if old.role == role:
            return old
        old.status, old.decided_at = "cancelled", datetime.now(UTC)
    row = Invitation(user_id=user.id, company_id=company_id, role=role, invited_by=actor, status="pending")
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="user.invited",
        object_type="invitation",
        object_id=row.id,
        company_id=company_id,
        details={"email": user.email, "role": role},
    )
    return row


def change_role(session: Session, *, company_id: int, email: str, role: str, actor: str) -> AddOutcome:
    role = _check_role(role)
    user, membership = _member(session, company_id, email)
    if membership.role == role:
        return AddOutcome("unchanged", user.email, role)
    _keep_an_admin(session, membership, role)
    set_membership(session, user=user, company_id=company_id, role=role, actor=actor)
    return AddOutcome("role_set", user.email, role)


def remove_member(session: Session, *, company_id: int, email: str, actor: str) -> str:
    """Take the user out of this company (their account and other memberships stay); their API tokens for
    this company are revoked. Returns the e-mail."""
    user, membership = _member(session, company_id, email)
    _keep_an_admin(session, membership, None)
    role = membership.role
    session.execute(delete(Membership).where(Membership.id == membership.id))
    revoked = revoke_user_tokens(session, user_id=user.id, company_id=company_id, actor=actor)
    audit.record(
        session,
        actor=actor,
        action="user.membership_removed",
        object_type="user",
        object_id=user.id,
        company_id=company_id,
        details={"email": user.email, "role": role, "tokens_revoked": revoked},
    )
    return user.email


# -- the whole account: only for users of this company alone -------------------------------------------------------


def admin_reset_password(session: Session, *, company_id: int, email: str, actor: str) -> tuple[str, str]:
    """A new password for a user who belongs to this company only (their sessions end, their tokens are
    revoked). Returns (e-mail, password)."""
    user, _membership = _member(session, company_id, email)
    _only_ours(session, user, company_id)
    return user.email, reset_password(session, email=user.email, actor=actor, company_id=company_id)


def admin_end_sessions(session: Session, *, company_id: int, email: str, actor: str) -> tuple[str, int]:
    """Sign a user of this company only out everywhere. Returns (e-mail, how many sessions ended)."""
    user, _membership = _member(session, company_id, email)
    _only_ours(session, user, company_id)
    ended = sessions.end_all(session, user_id=user.id, reason="admin")
    audit.record(
        session,
        actor=actor,
        action="user.sessions_ended",
        object_type="user",
        object_id=user.id,
        company_id=company_id,
        details={"email": user.email, "sessions_ended": ended},
    )
    return user.email, ended


# -- invitations, from both sides --------------------------------------------------------------------------------


def pending_for_user(session: Session, user_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Invitation, Company.name, Company.rfc)
        .join(Company, Company.id == Invitation.company_id)
        .where(Invitation.user_id == user_id, Invitation.status == "pending")
        .order_by(Invitation.id)
    ).all()
    return [
        {
            "id": inv.id,
            "company": name,
            "rfc": rfc,
            "role": inv.role,
            "invited_by": inv.invited_by,
            "created_at": inv.created_at,
        }
        for inv, name, rfc in rows
    ]


def pending_for_company(session: Session, company_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Invitation, User.email)
        .join(User, User.id == Invitation.user_id)
        .where(Invitation.company_id == company_id, Invitation.status == "pending")
        .order_by(Invitation.id)
    ).all()
    return [
        {"id": inv.id, "email": email, "role": inv.role, "invited_by": inv.invited_by, "created_at": inv.created_at}
        for inv, email in rows
    ]


def answer_invitation(session: Session, *, user_id: int, invitation_id: int, accept: bool) -> Invitation:
    """The invited user accepts (they get the role in that company) or declines. Only their own pending
    invitations can be answered."""
    row = session.get(Invitation, invitation_id) if 0 < invitation_id <= MAX_ID else None
    user = session.get(User, user_id)
    if row is None or user is None or row.user_id != user_id or row.status != "pending":
        raise AdminRefused("no_invitation")
    row.status, row.decided_at = ("accepted" if accept else "declined"), datetime.now(UTC)
    if accept:
        set_membership(session, user=user, company_id=row.company_id, role=row.role, actor=user.email)
    audit.record(
        session,
        actor=user.email,
        action="invitation.accepted" if accept else "invitation.declined",
        object_type="invitation",
        object_id=row.id,
        company_id=row.company_id,
        details={"email": user.email, "role": row.role, "invited_by": row.invited_by},
    )
    return row


def cancel_invitation(session: Session, *, company_id: int, invitation_id: int, actor: str) -> None:
    row = session.get(Invitation, invitation_id) if 0 < invitation_id <= MAX_ID else None
    if row is None or row.company_id != company_id or row.status != "pending":
        raise AdminRefused("no_invitation")
    row.status, row.decided_at = "cancelled", datetime.now(UTC)
    audit.record(
        session,
        actor=actor,
        action="invitation.cancelled",
        object_type="invitation",
        object_id=row.id,
        company_id=company_id,
        details={"role": row.role},
    )


# -- API tokens of the company -----------------------------------------------------------------------------------


def company_tokens(session: Session, company_id: int) -> list[dict[str, Any]]:
    """Every API token made for this company, whoever holds it, newest first."""
    rows = session.execute(
        select(ApiToken, User.email)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.company_id == company_id)
        .order_by(ApiToken.id.desc())
    ).all()
    return [
        {
            "id": t.id,
            "email": email,
            "prefix": t.prefix,
            "label": t.label,
            "created_at": t.created_at,
            "last_used_at": t.last_used_at,
            "revoked_at": t.revoked_at,
        }
        for t, email in rows
    ]


def admin_revoke_token(session: Session, *, company_id: int, token_id: int, actor: str) -> None:
    row = session.get(ApiToken, token_id) if 0 < token_id <= MAX_ID else None
    if row is None or row.company_id != company_id:
        raise AdminRefused("no_token")
    revoke_token(session, token_id=token_id, company_id=company_id, actor=actor)
