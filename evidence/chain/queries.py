"""What the CLI and the portal read from the chain: lots with balances and documents, one lot's whole chain.

Balances come from the company's latest saved discharge run (its whole lineage), counting the consumption of
export lines dated on or before ``as_of``. When inputs changed after that run, or none is saved, the discharge
engine brings it up to date in memory (nothing is saved); only then is the engine imported at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.chain.discharge import lot_status
from evidence.chain.lot_list import (
    exports_by_lot,
    lot_entries,
    num,
    pedimento_documents,
    siblings_by_number,
    with_links,
)
from evidence.chain.models import (
    DOC_LINK_KINDS,
    BomImport,
    BomVersionRow,
    ConsumptionRow,
    ExportLineRow,
    Link,
    LotRow,
    Pedimento,
)
from evidence.chain.saved import latest_run, lineage, lineage_uncovered, says_everything
from evidence.models import Company, Document
from immex.errors import NotFound


def company_by_rfc(session: Session, rfc: str) -> Company:
    company = session.scalar(select(Company).where(Company.rfc == rfc.strip().upper()))
    if company is None:
        raise NotFound(f"There is no company with RFC {rfc}.")
    return company


@dataclass
class CurrentDischarge:
    """The discharge as it stands for ``as_of``: the latest saved run, brought up to date in memory when
    exports or lots came in after it (nothing is saved), restricted to exports dated on or before ``as_of``."""

    totals: dict[int, Decimal]  # lot → consumed
    lines: list[tuple[int, int, str, Decimal, int | None]]  # (lot, export line, component, quantity, BOM version)
    uncovered: list[dict[str, Any]]
    run_id: int | None  # the saved run it starts from
    saved: bool  # True when the saved run already says all of it


def current_discharge(
    session: Session, company_id: int, as_of: date, lot_ids: set[int] | None = None
) -> CurrentDischarge:
    """The discharge for ``as_of``; ``lot_ids`` limits the consumption lines read to those lots."""
    run = latest_run(session, company_id)
    totals: dict[int, Decimal] = defaultdict(Decimal)
    lines: list[tuple[int, int, str, Decimal, int | None]] = []
    base = run  # the saved run whose lineage's lines count
    added = False  # whether the dry run found consumption or uncovered quantities the saved run lacks
    if run is not None and says_everything(session, run, company_id, as_of):
        uncovered = lineage_uncovered(session, lineage(run))
    else:
        from evidence.chain.runs import execute_run  # the engine, only when the saved run is behind

        target = as_of if run is None else max(as_of, run.as_of)
        report = execute_run(
            session, company_id, actor="system", as_of=target, dry_run=True, incremental=run is not None
        )
        assert report.result is not None
        fresh = report.result.consumptions
        dates = (
            dict(
                session.execute(
                    select(ExportLineRow.id, ExportLineRow.export_date).where(ExportLineRow.company_id == company_id)
                )
                .tuples()
                .all()
            )
            if fresh
            else {}
        )
        for export_id, component, lot_id, qty, version_id in fresh:
            if lot_ids is not None and lot_id not in lot_ids:
                continue
            if dates.get(export_id, target) <= as_of:
                totals[lot_id] += qty
                lines.append((lot_id, export_id, component, qty, version_id))
        uncovered = report.uncovered
        added = bool(fresh or report.result.uncovered)
        if report.mode != "incremental":
            base = None  # a full run: the saved lines are not part of it
    if base is not None:
        query = (
            select(
                ConsumptionRow.lot_id,
                ConsumptionRow.export_line_id,
                ConsumptionRow.component,
                ConsumptionRow.quantity,
                ConsumptionRow.bom_version_id,
            )
            .join(ExportLineRow, ExportLineRow.id == ConsumptionRow.export_line_id)
            .where(ConsumptionRow.run_id.in_(lineage(base)), ExportLineRow.export_date <= as_of)
        )
        if lot_ids is not None:
            query = query.where(ConsumptionRow.lot_id.in_(sorted(lot_ids) or [-1]))
        for lot_id, export_id, component, qty, version_id in session.execute(query):
            totals[lot_id] += Decimal(qty)
            lines.append((lot_id, export_id, component, Decimal(qty), version_id))
    uncovered = [u for u in uncovered if date.fromisoformat(u["export_date"]) <= as_of]
    saved = base is not None and not added
    return CurrentDischarge(totals, lines, uncovered, run.id if run else None, saved)


def consumed_by_lot(
    session: Session, company_id: int, as_of: date
) -> tuple[dict[int, Decimal], list[tuple[int, int, str, Decimal, int | None]]]:
    """(lot → consumed, [(lot, export line, component, quantity, BOM version)]) for exports dated ≤ ``as_of``."""
    current = current_discharge(session, company_id, as_of)
    return current.totals, current.lines


def _linked_documents(session: Session, pedimento_doc_ids: set[int]) -> dict[int, list[int]]:
    """pedimento document → its own id, the other readings of the same pedimento number (printout, scan,
    validation file) and the invoices, CFDI and B/Ls actively linked to any of them."""
    siblings = _sibling_documents(session, pedimento_doc_ids)
    ids = sorted(set(pedimento_doc_ids) | {d for ds in siblings.values() for d in ds})
    links: list[tuple[int | None, int | None]] = []
    for i in range(0, len(ids), 1000):
        links.extend(
            session.execute(
                select(Link.to_document_id, Link.from_document_id)
                .where(
                    Link.to_document_id.in_(ids[i : i + 1000]),
                    Link.undone_at.is_(None),
                    Link.kind.in_(DOC_LINK_KINDS),
                )
                .order_by(Link.id)
            )
            .tuples()
            .all()
        )
    return with_links(pedimento_doc_ids, siblings, links)


def _sibling_documents(session: Session, pedimento_doc_ids: set[int]) -> dict[int, list[int]]:
    """pedimento document → every document read as the same pedimento number of the same company."""
    ids = sorted(pedimento_doc_ids)
    number_of: dict[int, tuple[int, str]] = {}
    for i in range(0, len(ids), 1000):
        for doc, company, number in session.execute(
            select(Pedimento.document_id, Pedimento.company_id, Pedimento.pedimento_number).where(
                Pedimento.document_id.in_(ids[i : i + 1000]), Pedimento.pedimento_number.is_not(None)
            )
        ):
            if number:
                number_of[doc] = (company, number)
    wanted = sorted({n for _c, n in number_of.values()})
    docs_of: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i in range(0, len(wanted), 1000):
        for doc, company, number in session.execute(
            select(Pedimento.document_id, Pedimento.company_id, Pedimento.pedimento_number)
            .join(Document, Document.id == Pedimento.document_id)
            .where(Pedimento.pedimento_number.in_(wanted[i : i + 1000]), Document.doc_type == "pedimento")
            .order_by(Pedimento.document_id)
        ):
            if number:
                docs_of[(company, number)].append(doc)
    return siblings_by_number(number_of, docs_of)


def _sha_map(session: Session, doc_ids: set[int]) -> dict[int, str]:
    result: dict[int, str] = {}
    ids = sorted(doc_ids)
    for i in range(0, len(ids), 1000):
        result.update(
            session.execute(select(Document.id, Document.sha256).where(Document.id.in_(ids[i : i + 1000])))
            .tuples()
            .all()
        )
    return result


def _awaiting_review(session: Session, doc_ids: set[int]) -> set[int]:
    """The documents among ``doc_ids`` whose reading waits for a clerk."""
    ids = sorted(doc_ids)
    return {
        doc_id
        for i in range(0, len(ids), 1000)
        for doc_id in session.scalars(
            select(Document.id).where(Document.id.in_(ids[i : i + 1000]), Document.needs_review.is_(True))
        )
    }


def lots_report(session: Session, company_id: int, as_of: date) -> list[dict[str, Any]]:
    """``immex lots --json``: one object per lot (discharge.md)."""
    lots = session.scalars(
        select(LotRow)
        .where(LotRow.company_id == company_id, LotRow.active.is_(True))
        .order_by(LotRow.start_date, LotRow.pedimento_number, LotRow.sequence)
    ).all()
    consumed, lines = consumed_by_lot(session, company_id, as_of)
    export_ped = dict(
        session.execute(
            select(ExportLineRow.id, ExportLineRow.pedimento_id).where(ExportLineRow.company_id == company_id)
        )
        .tuples()
        .all()
    )
    ped_doc = dict(
        session.execute(select(Pedimento.id, Pedimento.document_id).where(Pedimento.company_id == company_id))
        .tuples()
        .all()
    )
    exports_of_lot = exports_by_lot(lines, export_ped, ped_doc)
    linked = _linked_documents(session, pedimento_documents(lots, ped_doc, exports_of_lot))
    behind = {d for ds in linked.values() for d in ds}
    sha = _sha_map(session, behind)
    return lot_entries(lots, consumed, ped_doc, exports_of_lot, linked, sha, as_of, _awaiting_review(session, behind))


def chain_report(
    session: Session, company_id: int, pedimento_number: str, sequence: int | None, as_of: date
) -> dict[str, Any]:
    """``immex chain``: the import pedimento and its documents, then per lot the BOMs and exports that used
    it."""
    from evidence.chain.build import norm_key

    number = norm_key("pedimento", pedimento_number)
    query = select(LotRow).where(
        LotRow.company_id == company_id, LotRow.pedimento_number == number, LotRow.active.is_(True)
    )
    if sequence is not None:
        query = query.where(LotRow.sequence == sequence)
    lots = session.scalars(query.order_by(LotRow.sequence)).all()
    if not lots:
        which = f" partida {sequence}" if sequence is not None else ""
        raise NotFound(f"There is no import lot for pedimento {pedimento_number}{which}.")
    lot_ids = {lot.id for lot in lots}
    current = current_discharge(session, company_id, as_of, lot_ids)
    consumed, lines = current.totals, current.lines
    mine = [line for line in lines if line[0] in lot_ids]
    export_rows = {
        e.id: e
        for e in session.scalars(select(ExportLineRow).where(ExportLineRow.id.in_({line[1] for line in mine} or {-1})))
    }
    version_of = {(lot_id, export_id, component): v for lot_id, export_id, component, _q, v in mine}
    ped_docs = {
        p.id: p.document_id
        for p in session.scalars(
            select(Pedimento).where(
                Pedimento.id.in_({lot.pedimento_id for lot in lots} | {e.pedimento_id for e in export_rows.values()})
            )
        )
    }
    linked = _linked_documents(session, set(ped_docs.values()))
    docs = {
        d.id: d
        for d in session.scalars(
            select(Document).where(Document.id.in_({x for xs in linked.values() for x in xs} or {-1}))
        )
    }

    def describe(doc_ids: list[int]) -> list[dict[str, Any]]:
        return [
            {
                "document_id": d,
                "sha256": docs[d].sha256,
                "filename": docs[d].filename,
                "doc_type": docs[d].doc_type,
            }
            for d in doc_ids
            if d in docs
        ]

    versions = {
        v.id: v
        for v in session.scalars(
            select(BomVersionRow).where(BomVersionRow.id.in_({v for v in version_of.values() if v} or {-1}))
        )
    }
    imports = {
        i.id: i
        for i in session.scalars(
            select(BomImport).where(BomImport.id.in_({v.import_id for v in versions.values()} or {-1}))
        )
    }
    part_links = _part_links(session, {lot.partida_id for lot in lots if lot.partida_id is not None})
    first = lots[0]
    result: dict[str, Any] = {
        "pedimento_number": first.pedimento_number,
        "import_documents": describe(linked.get(ped_docs.get(first.pedimento_id or -1, -1), [])),
        "lots": [],
    }
    for lot in lots:
        balance = Decimal(lot.quantity) - consumed.get(lot.id, Decimal(0))
        exports = []
        used_versions: set[int] = set()
        for lot_id, export_id, component, qty, _v in sorted(mine, key=lambda x: (x[1], x[2])):
            if lot_id != lot.id or export_id not in export_rows:
                continue
            e = export_rows[export_id]
            version_id = version_of.get((lot_id, export_id, component))
            if version_id:
                used_versions.add(version_id)
            exports.append(
                {
                    "export_pedimento": e.pedimento_number,
                    "export_sequence": e.sequence,
                    "clave": e.clave,
                    "export_date": e.export_date.isoformat(),
                    "exported_part_number": e.part_number,
                    "exported_quantity": num(Decimal(e.quantity)),
                    "component": component,
                    "quantity": num(qty),
                    "bom_version_id": version_id,
                    "documents": describe(linked.get(ped_docs.get(e.pedimento_id or -1, -1), [])),
                }
            )
        result["lots"].append(
            {
                "sequence": lot.sequence,
                "part_number": lot.part_number,
                "tariff_code": lot.tariff_code,
                "description": lot.description,
                "clave": lot.clave,
                "start_date": lot.start_date.isoformat(),
                "due_date": lot.due_date.isoformat() if lot.due_date else None,
                "unit": lot.unit,
                "imported_quantity": num(Decimal(lot.quantity)),
                "discharged_quantity": num(consumed.get(lot.id)),
                "balance": num(balance),
                "status": lot_status(balance, lot.due_date, as_of),
                "bom_versions": [
                    {
                        "id": v.id,
                        "product": v.product,
                        "valid_from": v.valid_from.isoformat(),
                        "valid_to": v.valid_to.isoformat() if v.valid_to else None,
                        "imported_from": imports[v.import_id].filename if v.import_id in imports else None,
                    }
                    for v in (versions[i] for i in sorted(used_versions) if i in versions)
                ],
                "exports": exports,
                "part_link": part_links.get(lot.partida_id or -1) if lot.part_number else None,
            }
        )
    return result


def _part_links(session: Session, partida_ids: set[int]) -> dict[int, dict[str, Any]]:
    """Partida id → the active link that gave its part number: the rule or person, the key, the evidence it
    weighed and its confidence (what the chain page shows beside the part number)."""
    out: dict[int, dict[str, Any]] = {}
    for link in session.scalars(
        select(Link)
        .where(Link.kind == "partida_part", Link.partida_id.in_(partida_ids or {-1}), Link.undone_at.is_(None))
        .order_by(Link.id)
    ):
        if link.partida_id is not None:
            out[link.partida_id] = {
                "link_id": link.id,
                "rule": link.rule,
                "key_value": link.key_value,
                "evidence": list(link.evidence or []),
                "confidence": link.confidence,
                "actor": link.actor,
            }
    return out
