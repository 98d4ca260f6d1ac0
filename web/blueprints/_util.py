"""Helpers the portal and the API views share: company-scoped lookups, the newest extraction, corrections."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, TypeGuard

from flask import current_app
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from evidence.models import Document, DocumentSummary, Extraction, Page
from immex.errors import NotFound
from immex.services import Services
from web import services_of

PAGE_SIZE = 50
# the list's sortable columns (``sort=received``; ``dir=asc|desc``, descending unless asked); documents without
# the value (not read yet, or the reading has none) come last in both directions
SORTS: dict[str, Any] = {
    "received": Document.received_at,
    "id": Document.id,
    "file": Document.filename,
    "type": Document.doc_type,
    "status": Document.status,
    "pages": Document.pages,
    "sender": Document.sender,
    # from the newest reading, kept in ``document_summaries`` (``evidence.summary``)
    "number": DocumentSummary.number,
    "issuer": DocumentSummary.issuer_key,
    "date": DocumentSummary.doc_date,
    "amount": DocumentSummary.amount,
}
SUMMARY_SORTS = frozenset({"number", "issuer", "date", "amount"})
MAX_ID = 2**31 - 1  # ids and offsets past this are not found (and must never reach the database driver)


def is_id(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def services() -> Services:
    return services_of(current_app)


def get_document(db: Session, company_id: int, document_id: int) -> Document:
    """The company's document ``document_id``; another company's (or a guessed) id is simply not found."""
    doc = db.get(Document, document_id) if is_id(document_id) else None
    if doc is None or doc.company_id != company_id:
        raise NotFound(f"There is no document {document_id}.")
    return doc


def newest_extraction(db: Session, document_id: int) -> Extraction | None:
    return db.scalars(
        select(Extraction)
        .where(Extraction.document_id == document_id)
        .order_by(Extraction.created_at.desc(), Extraction.id.desc())
        .limit(1)
    ).first()


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def parse_int(value: Any, default: int | None = None) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def document_query(company_id: int, filters: dict[str, Any]) -> Select[Any]:
    """Documents of a company matching the list's filters: ``doc_type``, ``status``, ``date_from``/``date_to``
    (received), ``sender``, ``q`` (full text over page text and file name)."""
    q = select(Document).where(Document.company_id == company_id)
    if filters.get("doc_type"):
        q = q.where(Document.doc_type == filters["doc_type"])
    if filters.get("status"):
        q = q.where(Document.status == filters["status"])
    if filters.get("review") in ("1", "true", True):
        q = q.where(Document.needs_review.is_(True))
    start = parse_date(filters.get("date_from"))
    if start:
        q = q.where(Document.received_at >= datetime.combine(start, time.min, tzinfo=UTC))
    end = parse_date(filters.get("date_to"))
    if end:
        q = q.where(Document.received_at <= datetime.combine(end, time.max, tzinfo=UTC))
    if filters.get("sender"):
        q = q.where(func.lower(Document.sender).like(_like(filters["sender"].strip().lower()), escape="\\"))
    text = (filters.get("q") or "").strip()
    if text:
        pattern = _like(text.lower())
        in_pages = exists().where(
            and_(Page.document_id == Document.id, func.lower(Page.text).like(pattern, escape="\\"))
        )
        q = q.where(or_(in_pages, func.lower(Document.filename).like(pattern, escape="\\")))
    sort = filters.get("sort") or "received"
    column = SORTS.get(sort, Document.received_at)
    if sort in SUMMARY_SORTS:
        q = q.outerjoin(DocumentSummary, DocumentSummary.document_id == Document.id)
    ascending = filters.get("dir") == "asc"
    if sort == "amount":  # dollars and pesos do not compare: by currency first, then by amount within each
        q = q.order_by(*currency_groups())
    if ascending:
        return q.order_by(column.asc().nulls_last(), Document.id.asc())
    return q.order_by(column.desc().nulls_last(), Document.id.desc())


def currency_groups() -> list[Any]:
    """The order of the currency groups when sorting by amount, the same in both directions: amounts with a
    currency first (by its code), then amounts whose currency was not read, then documents without an amount."""
    return [
        DocumentSummary.amount.is_(None),
        DocumentSummary.currency.is_(None),
        DocumentSummary.currency.asc(),
    ]


def list_documents(db: Session, company_id: int, filters: dict[str, Any]) -> tuple[list[Document], int]:
    """One page of matching documents and the total count."""
    q = document_query(company_id, filters)
    total = int(db.scalar(select(func.count()).select_from(q.order_by(None).subquery())) or 0)
    limit = min(max(parse_int(filters.get("limit"), PAGE_SIZE) or PAGE_SIZE, 1), 500)
    offset = min(max(parse_int(filters.get("offset"), 0) or 0, 0), MAX_ID)
    return list(db.scalars(q.limit(limit).offset(offset))), total


def field_rows(result: dict[str, Any], corrections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The header fields of an extraction with the newest correction of each beside the machine value."""
    latest: dict[tuple[int | None, str], dict[str, Any]] = {}
    for c in corrections:
        latest[(c["line_index"], c["field"])] = c
    rows = []
    for name, f in (result.get("fields") or {}).items():
        f = f if isinstance(f, dict) else {"value": f}
        rows.append(
            {
                "name": name,
                "line_index": None,
                "value": f.get("value"),
                "confidence": f.get("confidence"),
                "page": f.get("page"),
                "bbox": f.get("bbox"),
                "raw": f.get("raw"),
                "correction": latest.get((None, name)),
            }
        )
    return rows


def line_rows(result: dict[str, Any], corrections: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    latest: dict[tuple[int | None, str], dict[str, Any]] = {}
    for c in corrections:
        latest[(c["line_index"], c["field"])] = c
    out = []
    for index, line in enumerate(result.get("lines") or []):
        cells = []
        for name, f in line.items():
            f = f if isinstance(f, dict) else {"value": f}
            cells.append(
                {
                    "name": name,
                    "line_index": index,
                    "value": f.get("value"),
                    "confidence": f.get("confidence"),
                    "page": f.get("page"),
                    "bbox": f.get("bbox"),
                    "raw": f.get("raw"),
                    "correction": latest.get((index, name)),
                }
            )
        out.append(cells)
    return out
