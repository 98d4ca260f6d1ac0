"""The portal's and the API's door to the evidence chain (``evidence.chain``): corrections, links, BOM import,
lots, a lot's chain and findings. Writes go through the chain package's own functions; this module only adapts
arguments and turns rows into plain dicts for templates and JSON."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from evidence.chain.build import DERIVED_REASON
from evidence.chain.models import Correction, Link
from immex.errors import ImmexError


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def corrections_of(db: Session, document_id: int) -> list[dict[str, Any]]:
    rows = db.scalars(select(Correction).where(Correction.document_id == document_id).order_by(Correction.id))
    return [
        {
            "id": c.id,
            "field": c.field,
            "line_index": c.line_index,
            "machine_value": c.machine_value,
            "corrected_value": c.corrected_value,
            "actor": c.actor,
            "reason": c.reason,
            # a unit price that followed a correction of the line's quoted price (its reason is a message)
            "derived": c.reason == DERIVED_REASON,
            "extraction_id": c.extraction_id,
            "created_at": c.created_at.isoformat() if c.created_at else None,
        }
        for c in rows
    ]


def correct(
    db: Session,
    document_id: int,
    *,
    field: str,
    value: Any,
    actor: str,
    line_index: int | None,
    reason: str | None,
) -> dict[str, Any]:
    """Record a correction beside the machine value (the chain package audits it) and re-link the document.
    ``value`` is what the person typed: it is read by the field's type in their locale; a value that cannot be
    read is refused (400, in their language) and nothing is saved."""
    from evidence.chain import build, linking
    from evidence.chain.typed_values import ValueRefused
    from web.blueprints._base import _, get_locale

    try:
        row = build.correct(
            db,
            document_id,
            field=field,
            value=value,
            actor=actor,
            line_index=line_index,
            reason=reason,
            locale=get_locale(),
        )
    except ValueRefused as exc:
        raise ImmexError(_("{field}: {problem}", field=field, problem=exc.translated(_)), code=exc.code) from None
    linking.link_document(db, document_id)
    return next(c for c in corrections_of(db, document_id) if c["id"] == row.id)


def link_to_dict(link: Link) -> dict[str, Any]:
    return {
        "id": link.id,
        "kind": link.kind,
        "from_document_id": link.from_document_id,
        "to_document_id": link.to_document_id,
        "partida_id": link.partida_id,
        "part_number": link.part_number,
        "key_kind": link.key_kind,
        "key_value": link.key_value,
        "rule": link.rule,
        "confidence": link.confidence,
        "evidence": link.evidence,
        "actor": link.actor,
        "created_at": link.created_at.isoformat() if link.created_at else None,
        "active": link.undone_at is None,
        "undone_at": link.undone_at.isoformat() if link.undone_at else None,
        "undone_by": link.undone_by,
        "undo_reason": link.undo_reason,
    }


def links_of(
    db: Session, company_id: int, document_id: int | None = None, active_only: bool = False
) -> list[dict[str, Any]]:
    q = select(Link).where(Link.company_id == company_id)
    if document_id is not None:
        q = q.where(or_(Link.from_document_id == document_id, Link.to_document_id == document_id))
    if active_only:
        q = q.where(Link.undone_at.is_(None))
    return [link_to_dict(link) for link in db.scalars(q.order_by(Link.id))]


def link_documents(
    db: Session, company_id: int, from_id: int, to_id: int, *, actor: str, reason: str | None
) -> dict[str, Any]:
    from evidence.chain import linking

    return link_to_dict(linking.link_documents(db, company_id, from_id, to_id, actor=actor, reason=reason))


def link_part(
    db: Session,
    company_id: int,
    pedimento: str,
    sequence: int,
    part_number: str,
    *,
    actor: str,
    reason: str | None,
) -> dict[str, Any]:
    from evidence.chain import linking

    return link_to_dict(linking.link_part(db, company_id, pedimento, sequence, part_number, actor=actor, reason=reason))


def unlink(db: Session, company_id: int, link_id: int, *, actor: str, reason: str) -> dict[str, Any]:
    from evidence.chain import linking

    return link_to_dict(linking.unlink(db, company_id, link_id, actor=actor, reason=reason))


def import_bom(
    db: Session, company_id: int, data: bytes, filename: str, *, actor: str, scratch: Path
) -> dict[str, Any]:
    """Import a BOM file (CSV or XLSX). Row-level problems raise the chain package's ``BomFileError`` whose
    ``problems`` name the row and column; nothing is saved then."""
    from evidence.chain import bom

    suffix = Path(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImmexError(f"{filename} is not a CSV or XLSX file.", code="bom_invalid")
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        path = Path(tmp) / f"bom{suffix}"
        path.write_bytes(data)
        # the chain package names the import after the file it reads; keep the clerk's file name
        named = Path(tmp) / Path(filename).name
        path.rename(named)
        result = bom.import_bom(db, company_id, named, actor=actor, today=datetime.now(UTC).date())
    return _plain(result.to_dict())  # type: ignore[no-any-return]


def bom_problems(exc: Exception) -> list[dict[str, Any]]:
    problems = getattr(exc, "problems", None) or []
    return [{"row": p.row, "column": p.column, "message": p.message} for p in problems]


# -- lots, chain, findings (read) ----------------------------------------------------------------------------


def today() -> date:
    return datetime.now(UTC).date()


def lots(db: Session, company_id: int, as_of: date | None = None) -> list[dict[str, Any]]:
    """Every lot with balance, due date and status (``evidence.chain.queries.lots_report``)."""
    from evidence.chain import queries

    return _plain(queries.lots_report(db, company_id, as_of or today()))  # type: ignore[no-any-return]


def lot_chain(
    db: Session, company_id: int, pedimento: str, sequence: int | None, as_of: date | None = None
) -> dict[str, Any]:
    """One lot's chain: import documents, BOM versions, exports that consumed it (``queries.chain_report``).
    Another company's pedimento is not found."""
    from evidence.chain import queries

    return _plain(queries.chain_report(db, company_id, pedimento, sequence, as_of or today()))  # type: ignore[no-any-return]


def findings(db: Session, company_id: int, as_of: date | None = None) -> list[dict[str, Any]]:
    from evidence.chain import findings as chain_findings

    return _plain(chain_findings.findings(db, company_id, as_of or today()))  # type: ignore[no-any-return]


def document_ids_by_sha(db: Session, company_id: int, shas: set[str]) -> dict[str, int]:
    from evidence.models import Document

    if not shas:
        return {}
    rows = db.execute(
        select(Document.sha256, Document.id).where(Document.company_id == company_id, Document.sha256.in_(shas))
    )
    return {sha: doc_id for sha, doc_id in rows}


def findings_by_document(db: Session, company_id: int) -> dict[int, list[dict[str, Any]]]:
    """Open findings keyed by each document behind them."""
    items = findings(db, company_id)
    ids = document_ids_by_sha(db, company_id, {s for f in items for s in f.get("documents", [])})
    out: dict[int, list[dict[str, Any]]] = {}
    for f in items:
        for sha in f.get("documents", []):
            if sha in ids:
                out.setdefault(ids[sha], []).append(f)
    return out
