"""The hash that chains audit events, apart from the database so that offline checks (``immex verify``) need
neither SQLAlchemy nor the models."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

__all__ = ["_canonical_time", "event_hash"]


def _canonical_time(at: datetime) -> str:
    if at.tzinfo is None:  # SQLite hands back naive datetimes; they were written as UTC
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(
    *,
    prev_hash: str,
    id: int,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | None,
    company_id: int | None,
    details: dict[str, Any],
) -> str:
    payload = {
        "prev": prev_hash,
        "id": id,
        "at": _canonical_time(at),
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "company_id": company_id,
        "details": details,
    }
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
