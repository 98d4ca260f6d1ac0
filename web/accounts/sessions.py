"""Portal sessions kept on the server. The signed cookie carries only a random session id; the row with its
SHA-256 says whether the session still stands. Signing out ends that row, so a copied cookie stops working at
once; a password reset or change, and an admin, end all of a user's sessions (a change keeps the one it was
made from)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from web.accounts.models import UserSession

LIFETIME = timedelta(hours=12)  # the same as the cookie's; a session never outlives it, whatever the cookie says
TOUCH_EVERY = timedelta(minutes=5)
KEEP_ENDED = timedelta(days=30)


def sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def start(session: Session, *, user_id: int, ip: str = "", user_agent: str = "") -> str:
    """A new session for the user; returns the id for the cookie (only its hash is kept)."""
    sid = secrets.token_urlsafe(32)
    # the user's sessions from long ago (all ended or past their lifetime) are no longer needed
    session.execute(
        delete(UserSession).where(
            UserSession.user_id == user_id, UserSession.created_at < datetime.now(UTC) - KEEP_ENDED
        )
    )
    session.add(UserSession(user_id=user_id, sid_hash=sid_hash(sid), ip=(ip or "")[:64], user_agent=user_agent[:200]))
    session.flush()
    return sid


def check(session: Session, *, user_id: int, sid: str | None) -> UserSession | None:
    """The standing session of this user with this id, or None (unknown, ended, past its lifetime)."""
    if not sid or len(sid) > 100:
        return None
    row = session.scalar(select(UserSession).where(UserSession.sid_hash == sid_hash(sid)))
    if row is None or row.user_id != user_id or row.ended_at is not None:
        return None
    now = datetime.now(UTC)
    if now - _aware(row.created_at) > LIFETIME:
        row.ended_at, row.end_reason = now, "expired"
        return None
    if now - _aware(row.last_seen_at) > TOUCH_EVERY:
        row.last_seen_at = now
    return row


def end(session: Session, *, sid: str | None, reason: str) -> bool:
    """End one session (sign-out). Returns whether a standing session was ended."""
    if not sid:
        return False
    row = session.scalar(select(UserSession).where(UserSession.sid_hash == sid_hash(sid)))
    if row is None or row.ended_at is not None:
        return False
    row.ended_at, row.end_reason = datetime.now(UTC), reason
    return True


def end_all(session: Session, *, user_id: int, reason: str, keep_sid: str | None = None) -> int:
    """End every standing session of a user (but the one ``keep_sid`` names); returns how many."""
    keep = sid_hash(keep_sid) if keep_sid else None
    now = datetime.now(UTC)
    count = 0
    for row in session.scalars(
        select(UserSession).where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
    ):
        if row.sid_hash != keep:
            row.ended_at, row.end_reason = now, reason
            count += 1
    session.flush()
    return count


def standing(session: Session, user_id: int) -> list[dict[str, Any]]:
    """A user's sessions that still stand, newest first (for the account page)."""
    since = datetime.now(UTC) - LIFETIME
    rows = session.scalars(
        select(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None), UserSession.created_at >= since)
        .order_by(UserSession.id.desc())
    ).all()
    return [
        {"id": r.id, "ip": r.ip, "user_agent": r.user_agent, "created_at": r.created_at, "last_seen_at": r.last_seen_at}
        for r in rows
    ]
