"""The sources of each pedimento, read from the evidence store for ``reconcile`` (``immex reconcile``, the API
and the portal's pedimento view)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.chain.build import norm_key
from evidence.chain.models import CfdiConcepto, InvoiceLine, Link, Partida, Pedimento
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
    """The invoice / CFDI lines that gave the governing reading's partidas their part numbers, and the
    partidas nothing gave one to."""
    partidas = {
        p.id: p
        for p in session.scalars(select(Partida).where(Partida.pedimento_id == ped.id, Partida.present.is_(True)))
    }
    links = session.scalars(
        select(Link).where(
            Link.kind == "partida_part", Link.partida_id.in_(sorted(partidas) or [-1]), Link.undone_at.is_(None)
        )
    ).all()
    linked = {link.partida_id for link in links}
    unmatched = tuple(sorted(p.sequence for pid, p in partidas.items() if pid not in linked))
    by_doc: dict[tuple[str, int], dict[int, dict[str, Any]]] = defaultdict(dict)
    for link in links:
        match = LINE_SOURCE.search(link.key_value or "")
        partida = partidas.get(link.partida_id or -1)
        if match is None or partida is None:
            continue
        kind, line_id = match.group(1), int(match.group(2))
        if kind == "invoice_line":
            line = session.get(InvoiceLine, line_id)
            values = {"quantity": line.quantity, "tariff_code": line.tariff_code} if line else None
            doc = _document_of_line(session, "invoice", line.invoice_id) if line else None
        else:
            concepto = session.get(CfdiConcepto, line_id)
            values = (
                {"quantity": concepto.customs_quantity or concepto.quantity, "tariff_code": concepto.tariff_code}
                if concepto
                else None
            )
            doc = _document_of_line(session, "cfdi", concepto.cfdi_id) if concepto else None
        if values is not None and doc is not None:
            by_doc[("invoice" if kind == "invoice_line" else "cfdi", doc)][partida.sequence] = values
    sources = []
    for (kind, doc_id), lines in sorted(by_doc.items(), key=lambda item: item[0][1]):
        document = session.get(Document, doc_id)
        sources.append(Source(doc_id, kind, document.filename if document else str(doc_id), {}, lines))
    return tuple(sources), unmatched


def _document_of_line(session: Session, kind: str, parent_id: int) -> int | None:
    from evidence.chain.models import Cfdi, Invoice

    model = Invoice if kind == "invoice" else Cfdi
    row = session.get(model, parent_id)
    return row.document_id if row else None


def gather(session: Session, company_id: int, number: str | None = None) -> list[PedimentoSources]:
    query = (
        select(Pedimento.pedimento_number)
        .join(Document, Document.id == Pedimento.document_id)
        .where(Pedimento.company_id == company_id, Document.doc_type == "pedimento", Pedimento.pedimento_number.is_not(None))
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
