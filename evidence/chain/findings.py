"""Findings an auditor would raise, each with the documents behind it (``immex findings --json``).

- ``quantity_mismatch`` / ``value_mismatch`` / ``weight_mismatch``: invoice, pedimento and B/L disagree beyond
  a   tolerance;
- ``import_without_invoice``: an import pedimento with no linked invoice or CFDI;
- ``export_uncovered``: an export line the latest discharge run could not fully cover;
- ``lot_expiring`` / ``lot_expired``: a lot with a balance (no export evidence for it) due within 60 days /
  overdue;
- ``anexo1_excluded``: a temporary import of goods the IMMEX decree's Anexo I excludes on its date (the rule
  table is data: ``data/anexo1_rules.json``);
- ``part_number_missing``: an import or export partida whose part number waits for a clerk (``candidates``:
  the part numbers the evidence could not choose between, when that is why);
- ``counterpart_ambiguous``: an invoice or CFDI no key ties to a pedimento whose lines agree equally well with
  several pedimentos (a clerk links it);
- ``unit_mismatch``: a BOM gives a component in one unit while its lots are in another (quantities are never
  converted, so the discharge of that component cannot be trusted);
- ``value_unusable``: a value the chain needs (a pedimento's dates, a partida's quantity...) is there but cannot
  be read, so no lot or export line is made from it until it is corrected (no other value is used instead).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.chain.content_links import ContentAmbiguous, best_pedimento, unlinked_counterparts
from evidence.chain.discharge import lot_status
from evidence.chain.linking import waiting_ties
from evidence.chain.lots import pedimento_role
from evidence.chain.matching import Ambiguous, clean_part_number
from evidence.chain.models import (
    DOC_LINK_KINDS,
    BillOfLading,
    BomLine,
    BomVersionRow,
    ExportLineRow,
    Invoice,
    InvoiceLine,
    Link,
    LotRow,
    Partida,
    Pedimento,
)
from evidence.chain.queries import _linked_documents, _sha_map, current_discharge, num
from evidence.chain.sources import governing_map
from evidence.units import unit_name

QUANTITY_TOLERANCE = Decimal("0.005")  # 0.5 %
VALUE_TOLERANCE = Decimal("0.02")  # 2 %
WEIGHT_TOLERANCE = Decimal("0.05")  # 5 %


@dataclass(frozen=True)
class AnexoRule:
    id: str
    prefixes: tuple[str, ...]
    exceptions: tuple[str, ...]
    effective_from: date
    effective_to: date | None
    source: str

    def applies(self, tariff_code: str | None, on: date) -> bool:
        if not tariff_code or on < self.effective_from or (self.effective_to and on >= self.effective_to):
            return False
        code = tariff_code.replace(".", "")
        return any(code.startswith(p) for p in self.prefixes) and not any(code.startswith(e) for e in self.exceptions)


@lru_cache(maxsize=1)
def anexo1_rules() -> tuple[AnexoRule, ...]:
    text = resources.files("evidence.chain").joinpath("data/anexo1_rules.json").read_text(encoding="utf-8")
    return tuple(
        AnexoRule(
            r["id"],
            tuple(r["prefixes"]),
            tuple(r.get("except", [])),
            date.fromisoformat(r["effective_from"]),
            date.fromisoformat(r["effective_to"]) if r.get("effective_to") else None,
            r.get("source", ""),
        )
        for r in json.loads(text)["rules"]
    )


def _off(a: Decimal | None, b: Decimal | None, tolerance: Decimal) -> bool:
    if a is None or b is None:
        return False
    a, b = Decimal(a), Decimal(b)
    base = max(abs(a), abs(b))
    return base > 0 and abs(a - b) / base > tolerance


def findings(session: Session, company_id: int, as_of: date) -> list[dict[str, Any]]:
    chosen = governing_map(session, company_id)  # one pedimento number, one reading: the one that governs
    peds = [
        p
        for p in session.scalars(select(Pedimento).where(Pedimento.company_id == company_id))
        if chosen.get(p.document_id) == p.document_id
    ]
    linked = _linked_documents(session, {p.document_id for p in peds})
    sha = _sha_map(session, {d for ds in linked.values() for d in ds})
    by_doc = {p.document_id: p for p in peds}

    def docs_of(ped_doc: int) -> list[str]:
        return [sha[d] for d in linked.get(ped_doc, [ped_doc]) if d in sha]

    out: list[dict[str, Any]] = []

    def add(
        code: str, severity: str, message: str, ped: Pedimento | None, documents: list[str], **details: Any
    ) -> None:
        out.append(
            {
                "code": code,
                "severity": severity,
                "message": message,
                "pedimento_number": ped.pedimento_number if ped else None,
                "documents": documents,
                "details": details,
            }
        )

    links = session.execute(
        select(Link.to_document_id, Link.from_document_id, Link.kind).where(
            Link.company_id == company_id, Link.undone_at.is_(None), Link.kind.in_(DOC_LINK_KINDS)
        )
    ).all()
    invoices_of: dict[int, list[int]] = defaultdict(list)
    bls_of: dict[int, list[int]] = defaultdict(list)
    for to_doc, from_doc, kind in links:
        if to_doc is None or from_doc is None:
            continue
        to_doc = chosen.get(to_doc, to_doc)  # a link to another reading of the pedimento counts for it
        (bls_of if kind == "bl_pedimento" else invoices_of)[to_doc].append(from_doc)
    invoice_rows = {i.document_id: i for i in session.scalars(select(Invoice).where(Invoice.company_id == company_id))}
    bl_rows = {
        b.document_id: b for b in session.scalars(select(BillOfLading).where(BillOfLading.company_id == company_id))
    }
    for ped in peds:
        _unusable_values(ped, add, docs_of(ped.document_id))
        role = pedimento_role(ped)
        if role == "import" and not invoices_of.get(ped.document_id):
            add(
                "import_without_invoice",
                "high",
                f"Import pedimento {ped.pedimento_number} has no invoice or CFDI linked to it.",
                ped,
                docs_of(ped.document_id),
            )
        invs = [invoice_rows[d] for d in invoices_of.get(ped.document_id, []) if d in invoice_rows]
        if invs:
            _compare_quantities(session, ped, invs, add, docs_of(ped.document_id))
            usd = [i.total_amount for i in invs if (i.currency or "").upper() == "USD" and i.total_amount]
            if (
                ped.usd_value
                and usd
                and len(usd) == len(invs)
                and _off(ped.usd_value, sum(usd, Decimal(0)), VALUE_TOLERANCE)
            ):
                add(
                    "value_mismatch",
                    "medium",
                    f"Pedimento {ped.pedimento_number} declares USD {ped.usd_value} "
                    f"but its invoices total USD {sum(usd, Decimal(0))}.",
                    ped,
                    docs_of(ped.document_id),
                    pedimento_usd=num(Decimal(ped.usd_value)),
                    invoices_usd=num(sum(usd, Decimal(0))),
                )
        bls = [bl_rows[d] for d in bls_of.get(ped.document_id, []) if d in bl_rows]
        weights = [b.gross_weight_kg for b in bls if b.gross_weight_kg]
        if (
            ped.gross_weight_kg
            and weights
            and len(weights) == len(bls)
            and _off(ped.gross_weight_kg, sum(weights, Decimal(0)), WEIGHT_TOLERANCE)
        ):
            add(
                "weight_mismatch",
                "medium",
                f"Pedimento {ped.pedimento_number} declares "
                f"{ped.gross_weight_kg} kg gross but its B/Ls say {sum(weights, Decimal(0))} kg.",
                ped,
                docs_of(ped.document_id),
                pedimento_kg=num(Decimal(ped.gross_weight_kg)),
                bl_kg=num(sum(weights, Decimal(0))),
            )
    current = current_discharge(session, company_id, as_of)
    export_docs = {p.pedimento_number: p.document_id for p in peds}
    if current.uncovered:
        for u in current.uncovered:
            export_ped = by_doc.get(export_docs.get(u["export_pedimento"], -1))
            add(
                "export_uncovered",
                "high",
                f"Export {u['export_pedimento']} partida {u['export_sequence']} needs "
                f"{u['required_quantity']} of {u['part_number']} but only {u['covered_quantity']} could be "
                f"discharged from import lots ({u['reason']}).",
                export_ped,
                docs_of(export_ped.document_id) if export_ped else [],
                run_id=current.run_id,
                **u,
            )
    consumed = current.totals
    lots = session.scalars(
        select(LotRow)
        .where(LotRow.company_id == company_id, LotRow.active.is_(True))
        .order_by(LotRow.start_date, LotRow.pedimento_number, LotRow.sequence)
    ).all()
    ped_by_id = {p.id: p for p in peds}
    ties: dict[int, dict[int, Ambiguous]] = {}
    for lot in lots:
        lot_ped = ped_by_id.get(lot.pedimento_id or -1)
        documents = docs_of(lot_ped.document_id) if lot_ped else []
        balance = Decimal(lot.quantity) - consumed.get(lot.id, Decimal(0))
        status = lot_status(balance, lot.due_date, as_of)
        where = f"Lot {lot.pedimento_number}/{lot.sequence} ({lot.part_number or 'no part number'})"
        if status == "expired":
            add(
                "lot_expired",
                "high",
                f"{where}: {num(balance)} {unit_name(lot.unit)} not exported by its due date {lot.due_date}.",
                lot_ped,
                documents,
                sequence=lot.sequence,
                balance=num(balance),
                due_date=str(lot.due_date),
            )
        elif status == "expiring":
            add(
                "lot_expiring",
                "medium",
                f"{where}: {num(balance)} {unit_name(lot.unit)} without export evidence, due {lot.due_date}.",
                lot_ped,
                documents,
                sequence=lot.sequence,
                balance=num(balance),
                due_date=str(lot.due_date),
            )
        if lot.clave in ("IN", "V1", "V5"):
            for rule in anexo1_rules():
                if rule.applies(lot.tariff_code, lot.start_date):
                    add(
                        "anexo1_excluded",
                        "high",
                        f"{where}: tariff code {lot.tariff_code} may not be imported "
                        f"temporarily since {rule.effective_from} ({rule.source}).",
                        lot_ped,
                        documents,
                        sequence=lot.sequence,
                        tariff_code=lot.tariff_code,
                        rule=rule.id,
                    )
        if lot.part_number is None and lot.start_date <= as_of:
            tie = _tie(session, lot_ped, lot.sequence, ties)
            if tie is None:
                add(
                    "part_number_missing",
                    "medium",
                    f"{where}: no part number could be found; a clerk must assign it before the lot can be discharged.",
                    lot_ped,
                    documents,
                    sequence=lot.sequence,
                )
            else:
                candidates = ", ".join(sorted({part for part, _source in tie.candidates}))
                add(
                    "part_number_missing",
                    "medium",
                    f"{where}: the evidence fits several part numbers equally ({candidates}); a clerk must choose "
                    "one before the lot can be discharged.",
                    lot_ped,
                    documents,
                    sequence=lot.sequence,
                    candidates=[{"part_number": part, "source": source} for part, source in tie.candidates],
                )
    for line in session.scalars(
        select(ExportLineRow)
        .where(
            ExportLineRow.company_id == company_id,
            ExportLineRow.active.is_(True),
            ExportLineRow.part_number.is_(None),
            ExportLineRow.export_date <= as_of,
        )
        .order_by(ExportLineRow.export_date, ExportLineRow.pedimento_number, ExportLineRow.sequence)
    ):
        export_ped = ped_by_id.get(line.pedimento_id or -1)
        add(
            "part_number_missing",
            "high",
            f"Export {line.pedimento_number} partida {line.sequence}: no part number could be found, so it "
            "discharges nothing until a clerk assigns it.",
            export_ped,
            docs_of(export_ped.document_id) if export_ped else [],
            sequence=line.sequence,
        )
    _unit_mismatches(session, company_id, add)
    _ambiguous_counterparts(session, company_id, add)
    return out


def _tie(session: Session, ped: Pedimento | None, sequence: int, ties: dict[int, dict[int, Ambiguous]]) -> Any:
    """The tie that keeps partida ``sequence`` of ``ped`` waiting, if that is why (weighed once per pedimento)."""
    if ped is None:
        return None
    if ped.id not in ties:
        ties[ped.id] = waiting_ties(session, ped)
    return ties[ped.id].get(sequence)


def _ambiguous_counterparts(session: Session, company_id: int, add: Any) -> None:
    """Invoices and CFDI no key ties whose lines fit several pedimentos equally well."""
    for doc_id, doc_type in unlinked_counterparts(session, company_id):
        match = best_pedimento(session, company_id, doc_type, doc_id)
        if not isinstance(match, ContentAmbiguous):
            continue
        numbers = [
            p.pedimento_number
            for p in session.scalars(
                select(Pedimento).where(Pedimento.document_id.in_(match.pedimento_document_ids)).order_by(Pedimento.id)
            )
        ]
        docs = _sha_map(session, {doc_id, *match.pedimento_document_ids})
        count, pedimentos = len(numbers), ", ".join(n or "?" for n in numbers)
        add(
            "counterpart_ambiguous",
            "medium",
            f"Document {doc_id}: no key ties it to a pedimento and its lines fit {count} pedimentos equally "
            f"({pedimentos}); a clerk must link it.",
            None,
            [docs[d] for d in (doc_id, *match.pedimento_document_ids) if d in docs],
            document_id=doc_id,
            pedimento_numbers=numbers,
        )


UNUSABLE_EFFECT = {
    "date": "its lots and export lines are not dated until it is corrected (no other date is used instead)",
    "number": "no lot or export line is made from this partida until it is corrected",
    "pedimento": "no lot or export line is made from it until it is corrected",
    "code": "the chain cannot use it until it is corrected",
    "duplicate": "only the first line with this number is used until it is corrected",
}


def _unusable_values(ped: Pedimento, add: Any, documents: list[str]) -> None:
    """A finding for each value of the pedimento the chain needs but cannot read (``Pedimento.unusable``); a
    missing one only where the pedimento makes lots or export lines."""
    for item in ped.unusable or []:
        if item.get("value") is None and pedimento_role(ped) is None:
            continue
        where = f"Pedimento {ped.pedimento_number or '(number unreadable)'}"
        if item.get("sequence") is not None:
            where += f" partida {item['sequence']}"
        kind = str(item.get("type") or "code")
        value = item.get("value")
        if value is None:
            problem = "is missing"
        elif kind == "duplicate":
            problem = f"{value} appears on more than one line"
        else:
            problem = f"'{value}' cannot be read as a {kind}"
        add(
            "value_unusable",
            "high",
            f"{where}: {item.get('field')} {problem}; {UNUSABLE_EFFECT.get(kind, UNUSABLE_EFFECT['code'])}.",
            ped,
            documents,
            field=item.get("field"),
            line_index=item.get("line_index"),
            sequence=item.get("sequence"),
            value=item.get("value"),
            document_id=ped.document_id,
        )


# Anexo 22 Apéndice 7 codes and the names invoices and BOMs use for the same unit
UNIT_GROUPS = {
    "piece": {"6", "PZA", "PZ", "PZAS", "PCS", "PC", "PIEZA", "PIEZAS", "H87", "EA", "EACH", "UN", "UNIDAD"},
    "kilogram": {"1", "KG", "KGS", "KGM", "KILO", "KILOS", "KILOGRAMO"},
    "gram": {"2", "G", "GR", "GRM", "GRAMO"},
    "metre": {"3", "M", "MTR", "MT", "METRO", "METROS"},
    "square_metre": {"4", "M2", "MTK"},
    "cubic_metre": {"5", "M3", "MTQ"},
    "litre": {"8", "L", "LT", "LTR", "LITRO", "LITROS"},
    "pair": {"9", "PR", "PAR", "PARES"},
    "set": {"12", "JGO", "JUEGO", "SET"},
    "thousand": {"11", "MIL", "MILLAR"},
}
_UNIT_OF = {name: group for group, names in UNIT_GROUPS.items() for name in names}


def same_unit(a: str | None, b: str | None) -> bool | None:
    """True or False when both units are known; None when either is not (then nothing is said)."""
    ga, gb = _UNIT_OF.get((a or "").strip().upper()), _UNIT_OF.get((b or "").strip().upper())
    if ga is None or gb is None:
        return None
    return ga == gb


def _unit_mismatches(session: Session, company_id: int, add: Any) -> None:
    lot_units: dict[str, set[str]] = defaultdict(set)
    for part, unit in session.execute(
        select(LotRow.part_number, LotRow.unit)
        .where(LotRow.company_id == company_id, LotRow.active.is_(True), LotRow.part_number.is_not(None))
        .distinct()
    ):
        if part:
            lot_units[part].add(unit)
    seen: set[tuple[str, str, str]] = set()
    for product, component, unit in session.execute(
        select(BomVersionRow.product, BomLine.component, BomLine.unit)
        .join(BomVersionRow, BomVersionRow.id == BomLine.version_id)
        .where(BomVersionRow.company_id == company_id)
        .distinct()
        .order_by(BomVersionRow.product, BomLine.component)
    ):
        for lot_unit in sorted(lot_units.get(component, ())):
            if same_unit(unit, lot_unit) is False and (product, component, lot_unit) not in seen:
                seen.add((product, component, lot_unit))
                add(
                    "unit_mismatch",
                    "medium",
                    f"The BOM of {product} gives {component} in {unit_name(unit)}, but its lots are in "
                    f"{unit_name(lot_unit)}: quantities "
                    "are not converted, so its discharge cannot be trusted until one of them is corrected.",
                    None,
                    [],
                    product=product,
                    component=component,
                    bom_unit=unit,
                    lot_unit=lot_unit,
                )


def _compare_quantities(
    session: Session, ped: Pedimento, invoices: list[Invoice], add: Any, documents: list[str]
) -> None:
    """Per part number: the pedimento's partida quantities against the linked invoices' line quantities."""
    partidas = {
        p.id: p
        for p in session.scalars(select(Partida).where(Partida.pedimento_id == ped.id, Partida.present.is_(True)))
    }
    parts = session.execute(
        select(Link.partida_id, Link.part_number).where(
            Link.kind == "partida_part", Link.undone_at.is_(None), Link.partida_id.in_(list(partidas) or [-1])
        )
    ).all()
    ped_qty: dict[str, Decimal] = defaultdict(Decimal)
    for partida_id, part in parts:
        quantity = partidas[partida_id].umc_quantity if partida_id is not None else None
        if part and quantity is not None:
            ped_qty[part] += Decimal(quantity)
    inv_qty: dict[str, Decimal] = defaultdict(Decimal)
    for line in session.scalars(
        select(InvoiceLine).where(InvoiceLine.invoice_id.in_([i.id for i in invoices]), InvoiceLine.present.is_(True))
    ):
        part, _stripped = clean_part_number(line.part_number, line.line_index)  # as the part links read it
        if part and line.quantity is not None:
            inv_qty[part] += Decimal(line.quantity)
    for part in sorted(set(ped_qty) & set(inv_qty)):
        if _off(ped_qty[part], inv_qty[part], QUANTITY_TOLERANCE):
            add(
                "quantity_mismatch",
                "medium",
                f"Pedimento {ped.pedimento_number} declares {num(ped_qty[part])} "
                f"of {part} but its invoices say {num(inv_qty[part])}.",
                ped,
                documents,
                part_number=part,
                pedimento_quantity=num(ped_qty[part]),
                invoice_quantity=num(inv_qty[part]),
            )
