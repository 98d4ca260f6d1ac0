"""The sources of each pedimento, read from the evidence store for ``reconcile`` (``immex reconcile``, the API
and the portal's pedimento view)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.chain.build import norm_key
from evidence.chain.models import DOC_LINK_KINDS, Cfdi, CfdiConcepto, Invoice, InvoiceLine, Link, Partida, Pedimento
from evidence.chain.reconcile import PedimentoSources, Source, agreement, reconcile
from evidence.chain.sources import Reading, governing, readings
from evidence.models import Document

LINE_SOURCE = re.compile(r"(invoice_line|cfdi_concepto):(\d+)")
HEADER = ("operation_type", "clave", "entry_date", "payment_date", "gross_weight_kg", "importer_exporter_rfc")
PARTIDA = ("tariff_code", "nico", "umc", "umc_quantity", "umt", "umt_quantity", "customs_value_mxn")


def _source(session: Session, reading: Reading) -> Source:
    ped = reading.pedimento
    document = session.get(Document, reading.document_id)
    header = {name: getattr(ped, name) for name in HEADER}
    header = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in header.items()}
    partidas = {
        p.sequence: {name: getattr(p, name) for name in PARTIDA}
        for p in session.scalars(select(Partida).where(Partida.pedimento_id == ped.id, Partida.present.is_(True)))
    }
    return Source(
        reading.document_id,
        "structured" if reading.structured else "printout",
        document.filename if document else str(reading.document_id),
        header,
        partidas,
    )


def _counterparts(session: Session, ped: Pedimento) -> tuple[tuple[Source, ...], tuple[int, ...]]:
    """The invoices and CFDI linked to any reading of the pedimento, each with the line that matches each
    partida (the line a rule took the part number from, else the line with the partida's part number), and the
    partidas nothing gave a part number to."""
    partidas = {
        p.id: p
        for p in session.scalars(select(Partida).where(Partida.pedimento_id == ped.id, Partida.present.is_(True)))
    }
    links = session.scalars(
        select(Link).where(
            Link.kind == "partida_part", Link.partida_id.in_(sorted(partidas) or [-1]), Link.undone_at.is_(None)
        )
    ).all()
    part_of = {link.partida_id: link for link in links if link.partida_id is not None}
    unmatched = tuple(sorted(p.sequence for pid, p in partidas.items() if pid not in part_of))
    docs = [r.document_id for r in readings(session, ped.company_id, ped.pedimento_number)] or [ped.document_id]
    linked = sorted(
        {
            doc
            for doc in session.scalars(
                select(Link.from_document_id).where(
                    Link.to_document_id.in_(docs), Link.undone_at.is_(None), Link.kind.in_(DOC_LINK_KINDS)
                )
            )
            if doc is not None
        }
    )
    lines: dict[int, list[tuple[str, int, str | None, Any, str | None]]] = defaultdict(list)
    for invoice_line, doc in session.execute(
        select(InvoiceLine, Invoice.document_id)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(Invoice.document_id.in_(linked or [-1]), InvoiceLine.present.is_(True))
    ).tuples():
        lines[doc].append(
            ("invoice_line", invoice_line.id, invoice_line.part_number, invoice_line.quantity, invoice_line.tariff_code)
        )
    for concepto, doc in session.execute(
        select(CfdiConcepto, Cfdi.document_id)
        .join(Cfdi, Cfdi.id == CfdiConcepto.cfdi_id)
        .where(Cfdi.document_id.in_(linked or [-1]), CfdiConcepto.present.is_(True))
    ).tuples():
        quantity = concepto.customs_quantity or concepto.quantity
        lines[doc].append(("cfdi_concepto", concepto.id, concepto.part_number, quantity, concepto.tariff_code))
    sources = []
    for doc_id in linked:
        matched: dict[int, dict[str, Any]] = {}
        for pid, partida in partidas.items():
            link = part_of.get(pid)
            if link is None:
                continue
            taken = LINE_SOURCE.search(link.key_value or "")
            candidates = [
                x
                for x in lines.get(doc_id, [])
                if (taken and (x[0], x[1]) == (taken.group(1), int(taken.group(2))))
                or (not taken and x[2] and x[2] == link.part_number)
            ]
            if candidates:
                _kind, _id, _part, quantity, tariff = candidates[0]
                matched[partida.sequence] = {"quantity": quantity, "tariff_code": tariff}
        kind = "cfdi" if any(x[0] == "cfdi_concepto" for x in lines.get(doc_id, [])) else "invoice"
        document = session.get(Document, doc_id)
        if document is not None and document.doc_type in ("commercial_invoice", "cfdi"):
            sources.append(
                Source(doc_id, "cfdi" if document.doc_type == "cfdi" else kind, document.filename, {}, matched)
            )
    return tuple(sources), unmatched


def gather(session: Session, company_id: int, number: str | None = None) -> list[PedimentoSources]:
    query = (
        select(Pedimento.pedimento_number)
        .join(Document, Document.id == Pedimento.document_id)
        .where(
            Pedimento.company_id == company_id,
            Document.doc_type == "pedimento",
            Pedimento.pedimento_number.is_not(None),
        )
        .distinct()
    )
    if number:
        query = query.where(Pedimento.pedimento_number == norm_key("pedimento", number))
    out = []
    for value in sorted(n for n in session.scalars(query) if n):
        found = readings(session, company_id, value)
        chosen = governing(session, company_id, value)
        structured = [r for r in found if r.structured]
        reference = next((r for r in structured if chosen is not None and r.pedimento.id == chosen.id), None)
        counterparts, unmatched = _counterparts(session, chosen) if chosen is not None else ((), ())
        out.append(
            PedimentoSources(
                value,
                _source(session, reference) if reference else None,
                tuple(_source(session, r) for r in found if not r.structured),
                counterparts,
                unmatched,
            )
        )
    return out


def reconciliation_report(session: Session, company_id: int, number: str | None = None) -> dict[str, Any]:
    """Per pedimento: its sources, whether each agrees with the reference, and the findings."""
    pedimentos = []
    everything: list[dict[str, Any]] = []
    for sources in gather(session, company_id, number):
        found = reconcile(sources)
        everything += found
        pedimentos.append(
            {
                "pedimento_number": sources.number,
                "reference": "structured" if sources.structured else ("printout" if sources.printouts else None),
                "sources": agreement(sources, found),
                "findings": found,
            }
        )
    return {
        "pedimentos": pedimentos,
        "findings": everything,
        "counts": dict(sorted(Counter(f["code"] for f in everything).items())),
    }
