"""The append-only audit log. Each event's hash covers the previous event's hash, its own id, time, actor, action,
object and details, so an edited, deleted or reordered event breaks the chain that ``verify_chain`` walks.

Call ``record`` inside the transaction that makes the change it describes: both commit or neither does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from evidence.audit_hash import event_hash
from evidence.models import AuditEvent

GENESIS = "0" * 64
_PG_LOCK_KEY = 7_240_001  # advisory lock that serialises appends on PostgreSQL


def _normalise(details: dict[str, Any] | None) -> dict[str, Any]:
    """What the JSON column will give back, so that the hash is computed over what is stored."""
    return json.loads(json.dumps(details or {}, default=str, sort_keys=True))


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: object | None = None,
    company_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Appends are serialised (an advisory lock on PostgreSQL; SQLite transactions are
    IMMEDIATE), so the chain has no forks."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    prev_hash = last.hash if last else GENESIS
    new_id = (last.id if last else 0) + 1
    at = datetime.now(UTC)
    norm = _normalise(details)
    oid = None if object_id is None else str(object_id)
    event = AuditEvent(
        id=new_id,
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=oid,
        company_id=company_id,
        details=norm,
        prev_hash=prev_hash,
        hash=event_hash(
            prev_hash=prev_hash,
            id=new_id,
            at=at,
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=oid,
            company_id=company_id,
            details=norm,
        ),
    )
    session.add(event)
    session.flush()
    # the newest event this transaction wrote: anchored once it commits (``evidence.audit_anchors``)
    session.info["audit_head"] = (event.id, event.hash)
    return event


@dataclass
class ChainProblem:
    event_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"event {self.event_id}" if self.event_id is not None else "log"
        return f"{where}: {self.problem}"


def _events(session: Session, batch: int = 5000) -> Iterator[AuditEvent]:
    last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id
        session.expunge_all()


def verify_chain(session: Session) -> tuple[int, list[ChainProblem]]:
    """Walk the whole log; return how many events were checked and every problem found."""
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    expected_id = 1
    count = 0
    for ev in _events(session):
        count += 1
        if ev.id != expected_id:
            problems.append(ChainProblem(ev.id, f"expected event {expected_id} here: events were deleted"))
        if ev.prev_hash != prev_hash:
            problems.append(ChainProblem(ev.id, "does not follow the event before it (deleted or reordered)"))
        recomputed = event_hash(
            prev_hash=ev.prev_hash,
            id=ev.id,
            at=ev.at,
            actor=ev.actor,
            action=ev.action,
            object_type=ev.object_type,
            object_id=ev.object_id,
            company_id=ev.company_id,
            details=ev.details or {},
        )
        if recomputed != ev.hash:
            problems.append(ChainProblem(ev.id, "its content does not match its hash (edited)"))
        prev_hash = ev.hash
        expected_id = ev.id + 1
    return count, problems
