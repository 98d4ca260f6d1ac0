"""How a stored row is shown to people and scripts, written once for the ORM's models and the command line's
plain DB-API reads (``evidence.plain_reads``), which must not import SQLAlchemy. Nothing here imports it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def iso(dt: datetime | None) -> str | None:
    """ISO 8601 in UTC; SQLite gives back naive datetimes, which were written as UTC."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


# the columns of ``documents`` that ``document_record`` shows, in the order of its arguments
DOCUMENT_COLUMNS = (
    "id",
    "company_id",
    "sha256",
    "filename",
    "media_type",
    "size",
    "pages",
    "source",
    "sender",
    "provenance",
    "received_at",
    "processed_at",
    "status",
    "needs_review",
    "status_code",
    "status_reason",
    "doc_type",
    "doc_type_confidence",
    "text_source",
)


def document_record(
    id: int,  # noqa: A002 - the column's name
    company_id: int,
    sha256: str,
    filename: str,
    media_type: str,
    size: int,
    pages: int | None,
    source: str,
    sender: str | None,
    provenance: dict[str, Any] | None,
    received_at: datetime | None,
    processed_at: datetime | None,
    status: str,
    needs_review: bool | None,
    status_code: str | None,
    status_reason: str | None,
    doc_type: str | None,
    doc_type_confidence: float | None,
    text_source: str | None,
) -> dict[str, Any]:
    """The document as ``immex documents --json`` and the API show it."""
    return {
        "id": id,
        "company_id": company_id,
        "sha256": sha256,
        "filename": filename,
        "media_type": media_type,
        "size": size,
        "pages": pages,
        "source": source,
        "sender": sender,
        "provenance": provenance or {},
        "received_at": iso(received_at),
        "processed_at": iso(processed_at),
        "status": status,
        "needs_review": bool(needs_review),
        "code": status_code,
        "reason": status_reason,
        "doc_type": doc_type,
        "doc_type_confidence": doc_type_confidence,
        "text_source": text_source,
    }
