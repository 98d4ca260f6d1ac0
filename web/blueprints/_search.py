"""The auditor's search: pedimento number, part number, fracción, RFC, date range and full text, over
documents (their structured chain rows, keys and page text) and lots. Every query is scoped to one company."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from evidence.chain.models import (
    Cfdi,
    CfdiConcepto,
    DocumentKey,
    Invoice,
    InvoiceLine,
    Link,
    LotRow,
    Partida,
    Pedimento,
)
from evidence.models import Document
from web.blueprints._util import document_query, parse_date

CRITERIA = ("pedimento", "part", "fraccion", "rfc", "date_from", "date_to", "q")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _upper_key(text: str) -> str:
    return re.sub(r"[^0-9A-ZÑ&]", "", (text or "").upper())


def _ids(db: Session, q: Any) -> set[int]:
    return {i for i in db.scalars(q) if i is not None}


def _docs_by_line(db: Session, company_id: int, header: Any, line: Any, on: Any, condition: Any) -> set[int]:
    """Documents of the company (pedimentos, invoices, CFDI) with a present line meeting ``condition``."""
    return _ids(
        db,
        select(header.document_id)
        .join(line, on)
        .where(header.company_id == company_id, line.present.is_(True), condition),
    )


def search(db: Session, company_id: int, criteria: dict[str, str], limit: int = 200) -> dict[str, Any]:
    """``{"documents": [...], "lots": [...]}`` matching every criterion given."""
    sets: list[set[int]] = []
    lot_q = select(LotRow).where(LotRow.company_id == company_id, LotRow.active.is_(True))
    lot_filtered = False

    pedimento = _digits(criteria.get("pedimento", ""))
    if pedimento:
        keys = _ids(
            db,
            select(DocumentKey.document_id).where(
                DocumentKey.company_id == company_id,
                DocumentKey.kind == "pedimento",
                DocumentKey.value.like(f"%{pedimento}%"),
            ),
        )
        own = _ids(
            db,
            select(Pedimento.document_id).where(
                Pedimento.company_id == company_id, Pedimento.pedimento_number.like(f"%{pedimento}%")
            ),
        )
        # and the invoices, CFDI and B/Ls linked to those pedimentos
        linked = _ids(
            db,
            select(Link.from_document_id).where(
                Link.company_id == company_id, Link.undone_at.is_(None), Link.to_document_id.in_(own or {-1})
            ),
        )
        sets.append(keys | own | linked)
        lot_q = lot_q.where(LotRow.pedimento_number.like(f"%{pedimento}%"))
        lot_filtered = True

    part = (criteria.get("part") or "").strip().upper()
    if part:
        inv = _docs_by_line(
            db, company_id, Invoice, InvoiceLine, InvoiceLine.invoice_id == Invoice.id, InvoiceLine.part_number == part
        )
        cfdi = _docs_by_line(
            db, company_id, Cfdi, CfdiConcepto, CfdiConcepto.cfdi_id == Cfdi.id, CfdiConcepto.part_number == part
        )
        ped = _docs_by_line(
            db,
            company_id,
            Pedimento,
            Partida,
            Partida.pedimento_id == Pedimento.id,
            Partida.printed_part_number == part,
        )
        lot_peds = _ids(
            db,
            select(Pedimento.document_id)
            .join(LotRow, LotRow.pedimento_id == Pedimento.id)
            .where(LotRow.company_id == company_id, LotRow.part_number == part),
        )
        sets.append(inv | cfdi | ped | lot_peds)
        lot_q = lot_q.where(LotRow.part_number == part)
        lot_filtered = True

    fraccion = _digits(criteria.get("fraccion", ""))
    if fraccion:
        prefix = f"{fraccion}%"
        ped = _docs_by_line(
            db, company_id, Pedimento, Partida, Partida.pedimento_id == Pedimento.id, Partida.tariff_code.like(prefix)
        )
        inv = _docs_by_line(
            db,
            company_id,
            Invoice,
            InvoiceLine,
            InvoiceLine.invoice_id == Invoice.id,
            InvoiceLine.tariff_code.like(prefix),
        )
        cfdi = _docs_by_line(
            db, company_id, Cfdi, CfdiConcepto, CfdiConcepto.cfdi_id == Cfdi.id, CfdiConcepto.tariff_code.like(prefix)
        )
        sets.append(ped | inv | cfdi)
        lot_q = lot_q.where(LotRow.tariff_code.like(prefix))
        lot_filtered = True

    rfc = _upper_key(criteria.get("rfc", ""))
    if rfc:
        ped = _ids(
            db,
            select(Pedimento.document_id).where(
                Pedimento.company_id == company_id, Pedimento.importer_exporter_rfc == rfc
            ),
        )
        cfdi = _ids(
            db,
            select(Cfdi.document_id).where(
                Cfdi.company_id == company_id, or_(Cfdi.issuer_rfc == rfc, Cfdi.receiver_rfc == rfc)
            ),
        )
        text = _ids(db, document_query(company_id, {"q": rfc}).with_only_columns(Document.id))
        sets.append(ped | cfdi | text)
        lot_peds = ped
        lot_q = lot_q.where(
            LotRow.pedimento_id.in_(
                select(Pedimento.id).where(
                    Pedimento.company_id == company_id, Pedimento.document_id.in_(lot_peds or {-1})
                )
            )
        )
        lot_filtered = True

    start, end = parse_date(criteria.get("date_from")), parse_date(criteria.get("date_to"))
    if start:
        lot_q = lot_q.where(LotRow.start_date >= start)
        lot_filtered = True
    if end:
        lot_q = lot_q.where(LotRow.start_date <= end)
        lot_filtered = True

    base = document_query(
        company_id,
        {"date_from": criteria.get("date_from"), "date_to": criteria.get("date_to"), "q": criteria.get("q")},
    )
    if sets:
        wanted = set.intersection(*sets)
        base = base.where(Document.id.in_(wanted or {-1}))
    documents = [d.to_dict() for d in db.scalars(base.limit(limit))]
    lots: list[dict[str, Any]] = []
    if lot_filtered and not (criteria.get("q") or "").strip():
        for lot in db.scalars(lot_q.order_by(LotRow.start_date, LotRow.pedimento_number, LotRow.sequence).limit(limit)):
            lots.append(
                {
                    "pedimento_number": lot.pedimento_number,
                    "sequence": lot.sequence,
                    "part_number": lot.part_number,
                    "tariff_code": lot.tariff_code,
                    "clave": lot.clave,
                    "start_date": lot.start_date.isoformat(),
                    "due_date": lot.due_date.isoformat() if lot.due_date else None,
                    "quantity": float(lot.quantity),
                    "unit": lot.unit,
                }
            )
    return {"documents": documents, "lots": lots}
