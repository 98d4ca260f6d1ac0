"""Signed anchors of the audit log's head, written after every commit that added audit events.

The hash chain (``evidence.audit``) shows an edited, deleted or reordered event, but a person with write access
to the database can rewrite the newest events and recompute their hashes, or cut events from the end: the
remaining chain is whole. An anchor is the newest event's id and hash, signed with the service's key and kept
outside the database:

- in the object store, one write-once object per anchor (``audit-anchors/<id>-<hash>.json``). On S3/MinIO with a
  bucket made with object lock, each anchor carries COMPLIANCE retention for ``RETAIN_DAYS``: nobody, not even the
  bucket's owner, can delete it before then. A folder store, or a bucket without object lock, only keeps files
  read-only: whoever controls that storage can delete them;
- inside every evidence bundle (the manifest's ``audit.log_head``, signed with the manifest): an auditor who holds a
  bundle can show that the log once reached that event (``immex audit verify --bundle FILE.zip``);
- on the auditor's side: ``immex audit verify`` prints the head it found; ``--head ID:HASH`` checks it later.

When: the session factory calls ``after_commit`` for every committed transaction; a transaction that recorded
events (``audit.record`` leaves the newest one in ``session.info``) is anchored right away, from the committing
process. A failed anchor write is logged and never undoes the commit; ``immex audit verify`` reports the events
after the newest anchor.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from immex.services import Services

log = logging.getLogger(__name__)

ANCHOR_PREFIX = "audit-anchors/"
RETAIN_DAYS = 5 * 366  # the Código Fiscal's five years of record keeping, and a little more


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def anchor_key(event_id: int, event_hash: str) -> str:
    return f"{ANCHOR_PREFIX}{event_id:012d}-{event_hash[:16]}.json"


def write_anchor(services: Services, event_id: int, event_hash: str) -> dict[str, Any]:
    """Sign (event id, hash, now) and keep it in the object store, under retention where the store has it."""
    from evidence.signing import signing_key  # cryptography: only for a commit that recorded events

    key = signing_key(services.settings)
    body = {"event_id": event_id, "hash": event_hash, "at": datetime.now(UTC).isoformat(), "key_id": key.key_id}
    record = {**body, "signature": base64.b64encode(key.sign(_canonical(body))).decode("ascii")}
    fd, tmp = tempfile.mkstemp(dir=services.scratch_dir, prefix="anchor-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(_canonical(record))
        put_locked = getattr(services.store, "put_locked", None)
        if put_locked is not None:
            until = datetime.now(UTC) + timedelta(days=RETAIN_DAYS)
            put_locked(anchor_key(event_id, event_hash), Path(tmp), retain_until=until, content_type="application/json")
        else:
            services.store.put_file(anchor_key(event_id, event_hash), Path(tmp), content_type="application/json")
    finally:
        os.unlink(tmp)
    return record


def anchor_head(services: Services, session: Session) -> dict[str, Any] | None:
    """Anchor the log's newest event as it stands; None for an empty log."""
    from evidence.models import AuditEvent

    head = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    return None if head is None else write_anchor(services, head.id, head.hash)


def install(services: Services) -> None:
    """Anchor after every commit that recorded audit events (on this ``Services``' session factory)."""
    factory = services.db._factory

    def _after_commit(session: Session) -> None:
        head = session.info.pop("audit_head", None)
        if head is None:
            return
        try:
            write_anchor(services, head[0], head[1])
        except Exception:  # noqa: BLE001 - the commit stands; `immex audit verify` shows the unanchored tail
            log.warning("could not anchor audit event %s", head[0], exc_info=True)

    def _after_rollback(session: Session) -> None:
        session.info.pop("audit_head", None)

    if not event.contains(factory, "after_commit", _after_commit):
        event.listen(factory, "after_commit", _after_commit)
        event.listen(factory, "after_soft_rollback", lambda s, _t: _after_rollback(s))


# -- checking ---------------------------------------------------------------------------------------------------


@dataclass
class AnchorReport:
    count: int = 0
    newest_event_id: int | None = None
    newest_at: datetime | None = None
    unanchored: int = 0  # events after the newest anchor
    problems: list[str] = field(default_factory=list)

    def age(self, now: datetime | None = None) -> timedelta | None:
        return None if self.newest_at is None else (now or datetime.now(UTC)) - self.newest_at

    def to_dict(self) -> dict[str, Any]:
        age = self.age()
        return {
            "count": self.count,
            "newest_event_id": self.newest_event_id,
            "newest_at": self.newest_at.isoformat() if self.newest_at else None,
            "newest_age_seconds": round(age.total_seconds()) if age is not None else None,
            "unanchored_events": self.unanchored,
        }


def _read(services: Services, object_key: str) -> dict[str, Any] | None:
    with services.store.open(object_key) as fh:
        blob = fh.read()
    try:
        record = json.loads(blob)
        body = {k: record[k] for k in ("event_id", "hash", "at", "key_id")}
        body["signature"] = base64.b64decode(record["signature"])
        return body
    except (ValueError, KeyError, TypeError):
        return None


def _parse_key(object_key: str) -> tuple[int, str] | None:
    m = re.fullmatch(re.escape(ANCHOR_PREFIX) + r"(\d{12})-([0-9a-f]{16})\.json", object_key)
    return (int(m[1]), m[2]) if m else None


def check_anchors(services: Services, session: Session) -> AnchorReport:
    """Every anchored event must still be in the log with the same hash; count the events after the newest.

    The object keys name the event and the start of its hash, so the listing is compared with the log without
    reading every anchor; an anchor is read and its signature checked where the log disagrees with it (an anchor
    nobody signed is reported, not believed) and for the newest one, whose full hash is compared: since each hash
    covers the one before, a consistent rewrite of any anchored event shows there."""
    from evidence.models import AuditEvent
    from evidence.signing import signing_key, verify_signature

    key = signing_key(services.settings)
    report = AnchorReport()
    listed: dict[int, list[tuple[str, str]]] = {}
    for object_key in services.store.keys(ANCHOR_PREFIX):
        parsed = _parse_key(object_key)
        if parsed is None:
            report.problems.append(f"anchor {object_key} is not named as anchors are")
            continue
        listed.setdefault(parsed[0], []).append((object_key, parsed[1]))
    ids = sorted(listed)
    found: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        rows = session.execute(select(AuditEvent.id, AuditEvent.hash).where(AuditEvent.id.in_(ids[i : i + 500])))
        found.update(rows.tuples().all())

    def signed(object_key: str) -> dict[str, Any] | None:
        body = _read(services, object_key)
        if body is None:
            report.problems.append(f"anchor {object_key} is not readable")
            return None
        signature = body.pop("signature")
        if body["key_id"] != key.key_id or not verify_signature(key.public, _canonical(body), signature):
            report.problems.append(f"anchor {object_key} is not signed by this service's key")
            return None
        return body

    newest: dict[str, Any] | None = None
    for event_id in reversed(ids):
        for object_key, prefix in listed[event_id]:
            stored = found.get(event_id)
            if stored is not None and stored.startswith(prefix) and newest is not None:
                report.count += 1
                continue
            anchor = signed(object_key)
            if anchor is None:
                continue
            report.count += 1
            if stored is None:
                report.problems.append(
                    f"event {event_id}: missing, but it was in the log at {anchor['at']} (events were deleted, "
                    "possibly from the end of the log)"
                )
            elif stored != anchor["hash"]:
                report.problems.append(f"event {event_id}: not the event anchored at {anchor['at']} (rewritten)")
            if newest is None:
                newest = anchor
    if newest is not None:
        report.newest_event_id = int(newest["event_id"])
        report.newest_at = datetime.fromisoformat(newest["at"])
    after = report.newest_event_id or 0
    report.unanchored = int(session.scalar(select(func.count()).where(AuditEvent.id > after)) or 0)
    return report


def check_heads(session: Session, heads: list[tuple[str, int, str]]) -> list[str]:
    """Heads the auditor holds out of band ((where from, event id, hash)): each must still be in the log."""
    from evidence.models import AuditEvent

    problems = []
    for source, event_id, event_hash in heads:
        stored = session.scalar(select(AuditEvent.hash).where(AuditEvent.id == event_id))
        if stored is None:
            problems.append(f"event {event_id}: missing, but {source} shows the log reached it (events were deleted)")
        elif stored != event_hash:
            problems.append(f"event {event_id}: not the event {source} shows (rewritten)")
    return problems
