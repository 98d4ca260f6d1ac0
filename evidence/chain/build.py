"""Structured rows from a document's newest extraction, with people's corrections layered on top.

``build_document`` (re)writes the pedimento / partidas, invoice / lines, CFDI / conceptos or B/L / containers
of one document and the keys it carries (its own identifiers and the ones it cites). Line rows keep their ids
across rebuilds (matched on position) and are marked not present rather than deleted, because lots and links
point at them. ``correct`` records a person's correction beside the machine value; it never edits the
extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from evidence import audit
from evidence.chain import typed_values
from evidence.chain.models import (
    BillOfLading,
    BlContainer,
    Cfdi,
    CfdiConcepto,
    Correction,
    DocumentKey,
    Invoice,
    InvoiceLine,
    Partida,
    Pedimento,
)
from evidence.models import Document, Extraction
from immex.errors import ImmexError, NotFound
from immex.messages import N_

CHAIN_TYPES = ("pedimento", "commercial_invoice", "cfdi", "bill_of_lading")


@dataclass
class Effective:
    """An extraction result with corrections applied: header values and line values, plain."""

    extraction_id: int
    doc_type: str
    fields: dict[str, Any]
    lines: list[dict[str, Any]]
    references: list[tuple[str, str]]


def newest_extraction(session: Session, document_id: int) -> Extraction | None:
    return session.scalars(
        select(Extraction)
        .where(Extraction.document_id == document_id)
        .order_by(Extraction.created_at.desc(), Extraction.id.desc())
        .limit(1)
    ).first()


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.get("value") if isinstance(v, dict) else v) for k, v in (fields or {}).items()}


def effective_result(session: Session, document_id: int) -> Effective | None:
    extraction = newest_extraction(session, document_id)
    if extraction is None:
        return None
    result = extraction.result or {}
    fields = _values(result.get("fields", {}))
    lines = [_values(line) for line in result.get("lines", [])]
    corrections = session.scalars(
        select(Correction).where(Correction.document_id == document_id).order_by(Correction.id)
    ).all()
    lines = taught_lines(fields, lines, corrections)
    refs = [(str(r.get("kind")), str(r.get("value"))) for r in result.get("references", []) if r.get("value")]
    return Effective(extraction.id, str(result.get("doc_type") or extraction.doc_type), fields, lines, refs)


# Corrections that are not a value of a field: the document's type (applied by reading the document again as
# that type) and a spurious line taken out (``true``) or put back (``false``).
DOC_TYPE_FIELD = "doc_type"
LINE_REMOVED_FIELD = "line_removed"


def taught_lines(fields: dict[str, Any], lines: list[dict[str, Any]], corrections: Any) -> list[dict[str, Any]]:
    """Apply corrections in order (later ones win) to header ``fields`` (in place) and to ``lines``: a
    ``line_index`` past the last line adds that line, ``line_removed`` takes a line out. Returns the lines."""
    lines = [dict(line) for line in lines]
    removed: set[int] = set()
    for c in corrections:
        if c.line_index is None:
            if c.field != DOC_TYPE_FIELD:
                fields[c.field] = c.corrected_value
            continue
        if c.line_index < 0:
            continue
        while len(lines) <= c.line_index:
            lines.append({})
        if c.field == LINE_REMOVED_FIELD:
            (removed.add if c.corrected_value else removed.discard)(c.line_index)
        else:
            lines[c.line_index][c.field] = c.corrected_value
    return [
        line for index, line in enumerate(lines) if index not in removed and any(v is not None for v in line.values())
    ]


def line_slots(session: Session, document_id: int, machine_lines: int) -> int:
    """How many line indexes a correction may name: the machine's lines and the lines people added."""
    added = session.scalar(select(func.max(Correction.line_index)).where(Correction.document_id == document_id))
    return max(machine_lines, (added + 1) if added is not None else 0)


# --- value normalisation ------------------------------------------------------------------------------------


def to_decimal(value: Any) -> Decimal | None:
    """A stored value as a number (text read as ``typed_values.parse_decimal`` reads it); None if it is not one."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return typed_values.parse_decimal(value)
    except (typed_values.ValueRefused, InvalidOperation, ValueError):
        return None


def to_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def typed_values_plain(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """JSON-safe copies (a stored value may be any JSON; keep it short in findings)."""
    return [
        {
            **i,
            "value": i["value"] if i["value"] is None or isinstance(i["value"], int | float) else str(i["value"])[:200],
        }
        for i in items
    ]


def to_text(value: Any, limit: int | None = None) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    return text[:limit] if limit else text


def norm_key(kind: str, value: str) -> str:
    """Keys compared across documents: upper case, only letters and digits (pedimentos: digits only)."""
    text = str(value).upper()
    if kind == "pedimento":
        return re.sub(r"\D", "", text)
    if kind == "cfdi_uuid":
        return re.sub(r"[^0-9A-F-]", "", text)
    return re.sub(r"[^0-9A-Z]", "", text)


# --- builders -----------------------------------------------------------------------------------------------


def build_document(session: Session, document: Document) -> str | None:
    """Rebuild the structured rows and keys of ``document``; return its chain doc type or None."""
    eff = effective_result(session, document.id)
    session.execute(delete(DocumentKey).where(DocumentKey.document_id == document.id))
    if eff is None or eff.doc_type not in CHAIN_TYPES:
        return None
    builder = {
        "pedimento": _build_pedimento,
        "commercial_invoice": _build_invoice,
        "cfdi": _build_cfdi,
        "bill_of_lading": _build_bl,
    }[eff.doc_type]
    own_keys = builder(session, document, eff)
    keys = {("self", k, norm_key(k, v)) for k, v in own_keys if v}
    keys |= {("ref", k, norm_key(k, v)) for k, v in eff.references}
    for role, kind, value in sorted(keys):
        if value:
            session.add(
                DocumentKey(
                    company_id=document.company_id,
                    document_id=document.id,
                    doc_type=eff.doc_type,
                    role=role,
                    kind=kind,
                    value=value[:100],
                )
            )
    session.flush()
    return eff.doc_type


def _one(session: Session, model: Any, document: Document) -> Any:
    row = session.scalar(select(model).where(model.document_id == document.id))
    if row is None:
        row = model(company_id=document.company_id, document_id=document.id)
        session.add(row)
    return row


def _sync_lines(
    session: Session, model: Any, parent_col: str, parent_id: int, lines: list[dict[str, Any]], make: Any
) -> None:
    existing = {r.line_index: r for r in session.scalars(select(model).where(getattr(model, parent_col) == parent_id))}
    for index, values in enumerate(lines):
        row = existing.pop(index, None)
        if row is None:
            row = model(**{parent_col: parent_id, "line_index": index})
            session.add(row)
        row.present = True
        for key, value in make(values).items():
            setattr(row, key, value)
    for row in existing.values():
        row.present = False


# what the chain needs from a pedimento: a value here that is present but cannot be read is recorded on the
# pedimento (``Pedimento.unusable``) and becomes a finding; the chain never uses another value in its place. A
# partida without a quantity, or a pedimento without any date, is recorded too (value None: missing)
NEEDED_HEADER = {
    "pedimento_number": "pedimento",
    "operation_type": "code",
    "clave": "code",
    "entry_date": "date",
    "payment_date": "date",
    "presentation_date": "date",
}
NEEDED_LINE = {"umc_quantity": "number", "umc": "code", "tariff_code": "code"}


def _unreadable(raw: Any, read: Any) -> bool:
    return read is None and raw is not None and not (isinstance(raw, str) and not raw.strip())


def _build_pedimento(session: Session, document: Document, eff: Effective) -> list[tuple[str, str]]:
    f = eff.fields
    ped = _one(session, Pedimento, document)
    unusable: list[dict[str, Any]] = []
    ped.extraction_id = eff.extraction_id
    ped.pedimento_number = to_text(norm_key("pedimento", f.get("pedimento_number") or ""), 15)
    ped.operation_type = to_text(f.get("operation_type"), 3)
    ped.clave = to_text(f.get("clave"), 2)
    ped.regimen = to_text(f.get("regimen"), 3)
    ped.customs_office = to_text(f.get("customs_office"), 3)
    ped.importer_exporter_rfc = to_text(f.get("importer_exporter_rfc"), 13)
    ped.entry_date = to_date(f.get("entry_date"))
    ped.payment_date = to_date(f.get("payment_date"))
    ped.presentation_date = to_date(f.get("presentation_date"))
    ped.usd_value = to_decimal(f.get("usd_value"))
    ped.gross_weight_kg = to_decimal(f.get("gross_weight_kg"))
    for name, kind in NEEDED_HEADER.items():
        if _unreadable(f.get(name), getattr(ped, name)):
            unusable.append({"field": name, "line_index": None, "sequence": None, "value": f[name], "type": kind})
    if not (ped.entry_date or ped.payment_date or ped.presentation_date) and not unusable:
        unusable.append({"field": "entry_date", "line_index": None, "sequence": None, "value": None, "type": "date"})
    session.flush()
    existing = {r.sequence: r for r in session.scalars(select(Partida).where(Partida.pedimento_id == ped.id))}
    seen: set[int] = set()
    for index, line in enumerate(eff.lines):
        sequence = line.get("sequence")
        try:
            seq = int(sequence) if sequence is not None else index + 1
        except (TypeError, ValueError):
            seq = index + 1
        if seq in seen:  # the same partida number read twice: keep the first, name the second
            unusable.append(
                {"field": "sequence", "line_index": index, "sequence": seq, "value": seq, "type": "duplicate"}
            )
            continue
        seen.add(seq)
        row = existing.pop(seq, None)
        if row is None:
            row = Partida(pedimento_id=ped.id, sequence=seq)
            session.add(row)
        row.line_index = index
        row.present = True
        row.tariff_code = to_text(line.get("tariff_code"), 10)
        row.nico = to_text(line.get("nico"), 2)
        row.description = to_text(line.get("description"))
        row.umc = to_text(line.get("umc"), 10)
        row.umc_quantity = to_decimal(line.get("umc_quantity"))
        row.umt = to_text(line.get("umt"), 10)
        row.umt_quantity = to_decimal(line.get("umt_quantity"))
        row.customs_value_mxn = to_decimal(line.get("customs_value_mxn"))
        row.paid_price_mxn = to_decimal(line.get("paid_price_mxn"))
        row.printed_part_number = to_text(line.get("part_number"), 100)
        if row.umc_quantity is None and line.get("umc_quantity") in (None, ""):
            unusable.append(
                {"field": "umc_quantity", "line_index": index, "sequence": seq, "value": None, "type": "number"}
            )
        for name, kind in NEEDED_LINE.items():
            if _unreadable(line.get(name), getattr(row, name)):
                unusable.append(
                    {"field": name, "line_index": index, "sequence": seq, "value": line[name], "type": kind}
                )
    for row in existing.values():
        row.present = False
    ped.unusable = typed_values_plain(unusable) or None
    session.flush()
    keys = [("pedimento", ped.pedimento_number or "")]
    rectifies = norm_key("pedimento", str(f.get("rectifies_pedimento") or ""))
    if rectifies:
        keys.append(("rectifies", rectifies))  # a rectification (R1) names the pedimento it replaces
    return keys


def _build_invoice(session: Session, document: Document, eff: Effective) -> list[tuple[str, str]]:
    f = eff.fields
    inv = _one(session, Invoice, document)
    inv.invoice_number = to_text(f.get("invoice_number"), 60)
    inv.invoice_date = to_date(f.get("invoice_date"))
    inv.seller_name = to_text(f.get("seller_name"), 255)
    inv.buyer_name = to_text(f.get("buyer_name"), 255)
    inv.currency = to_text(f.get("currency"), 3)
    inv.total_amount = to_decimal(f.get("total_amount"))
    session.flush()
    _sync_lines(
        session,
        InvoiceLine,
        "invoice_id",
        inv.id,
        eff.lines,
        lambda v: {
            "part_number": to_text(v.get("part_number"), 100),
            "description": to_text(v.get("description")),
            "quantity": to_decimal(v.get("quantity")),
            "unit": to_text(v.get("unit"), 20),
            # a price quoted per thousand pieces has no unit price printed: the chain divides
            "unit_price": _unit_price(v),
            "amount": to_decimal(v.get("amount")),
            "tariff_code": to_text(v.get("tariff_code"), 10),
        },
    )
    keys = [("invoice", inv.invoice_number or "")]
    keys += [("cove", v) for k, v in eff.references if k == "cove"]
    return keys


def _unit_price(line: dict[str, Any]) -> Decimal | None:
    """A line's price of one piece: its unit price, else its price quoted for a number of pieces divided by
    that number."""
    price = to_decimal(line.get("unit_price"))
    return price if price is not None else quoted_unit_price(line)


def _build_cfdi(session: Session, document: Document, eff: Effective) -> list[tuple[str, str]]:
    f = eff.fields
    cfdi = _one(session, Cfdi, document)
    cfdi.uuid = to_text((f.get("uuid") or "").upper(), 36)
    cfdi.cfdi_type = to_text(f.get("cfdi_type"), 1)
    cfdi.issue_date = to_date(f.get("issue_date"))
    cfdi.issuer_rfc = to_text(f.get("issuer_rfc"), 13)
    cfdi.receiver_rfc = to_text(f.get("receiver_rfc"), 13)
    cfdi.export_code = to_text(f.get("export_code"), 2)
    cfdi.cce_pedimento_clave = to_text(f.get("cce_pedimento_clave"), 2)
    cfdi.total = to_decimal(f.get("total"))
    session.flush()
    _sync_lines(
        session,
        CfdiConcepto,
        "cfdi_id",
        cfdi.id,
        eff.lines,
        lambda v: {
            "part_number": to_text(v.get("part_number"), 100),
            "description": to_text(v.get("description")),
            "quantity": to_decimal(v.get("quantity")),
            "unit": to_text(v.get("unit"), 20),
            "tariff_code": to_text(v.get("tariff_code"), 10),
            "customs_quantity": to_decimal(v.get("customs_quantity")),
            "customs_unit": to_text(v.get("customs_unit"), 10),
            "usd_value": to_decimal(v.get("usd_value")),
        },
    )
    return [("cfdi_uuid", cfdi.uuid or "")]


def _build_bl(session: Session, document: Document, eff: Effective) -> list[tuple[str, str]]:
    f = eff.fields
    bl = _one(session, BillOfLading, document)
    bl.bl_number = to_text(f.get("bl_number"), 60)
    bl.bl_kind = to_text(f.get("bl_kind"), 10)
    bl.issue_date = to_date(f.get("issue_date") or f.get("shipped_on_board_date"))
    bl.package_count = to_decimal(f.get("package_count"))
    bl.gross_weight_kg = to_decimal(f.get("gross_weight_kg"))
    session.flush()
    _sync_lines(
        session,
        BlContainer,
        "bl_id",
        bl.id,
        eff.lines,
        lambda v: {
            "container_number": to_text(norm_key("container", v.get("container_number") or ""), 11),
            "seal_number": to_text(v.get("seal_number"), 40),
            "package_count": to_decimal(v.get("package_count")),
            "gross_weight_kg": to_decimal(v.get("gross_weight_kg")),
        },
    )
    keys = [("bl", bl.bl_number or "")]
    keys += [("container", str(v.get("container_number"))) for v in eff.lines if v.get("container_number")]
    keys += [("container", v) for k, v in eff.references if k == "container"]
    return keys


# --- corrections --------------------------------------------------------------------------------------------


class CorrectionError(ImmexError):
    code = "correction_invalid"


def correct(
    session: Session,
    document_id: int,
    *,
    field: str,
    value: Any,
    actor: str,
    line_index: int | None = None,
    reason: str | None = None,
    locale: str = "es",
) -> Correction:
    """Record a person's correction of one value (the machine value is kept beside it) and audit it.

    ``value`` is what the person typed (or sent): it is parsed by the field's type in ``locale``
    (``typed_values.parse_correction``) and saved in its canonical form; a value that cannot be read raises
    ``typed_values.ValueRefused`` and nothing is saved. The caller re-links the document afterwards
    (``linking.link_document``) so that the chain follows.
    """
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"There is no document {document_id}.")
    extraction = newest_extraction(session, document_id)
    if extraction is None:
        raise CorrectionError("This document has not been read yet; there is nothing to correct.")
    result = extraction.result or {}
    if line_index is None:
        machine = (result.get("fields", {}).get(field) or {}).get("value")
        if field == DOC_TYPE_FIELD:
            machine = result.get("doc_type") or extraction.doc_type
    else:
        lines = result.get("lines", [])
        slots = line_slots(session, document_id, len(lines))
        if not 0 <= line_index <= slots:
            raise CorrectionError(
                f"The document has {slots} lines; line {line_index + 1} does not exist "
                f"(line {slots + 1} adds a line the reader missed)."
            )
        machine = (lines[line_index].get(field) or {}).get("value") if line_index < len(lines) else None
    earlier = session.scalars(
        select(Correction).where(Correction.document_id == document_id).order_by(Correction.id)
    ).all()
    if field not in (DOC_TYPE_FIELD, LINE_REMOVED_FIELD):  # checked by the layout memory's teach.check
        currency = _current(result.get("fields", {}), earlier, None, "currency")
        value = typed_values.parse_correction(
            field,
            value,
            locale=locale,
            machine=machine,
            currency=currency if isinstance(currency, str) else None,
        )
    line: dict[str, Any] = {}  # the line's prices as they stand with this correction
    if line_index is not None and field in PRICE_CELLS:
        lines = result.get("lines", [])
        machine_line = lines[line_index] if line_index < len(lines) else {}
        line = {name: _current(machine_line, earlier, line_index, name) for name in PRICE_CELLS}
        line[field] = value
        if field == "unit_price":
            _check_unit_price(line, locale)
    row = _record(session, document, extraction.id, line_index, field, machine, value, actor, reason)
    derived = _derived_unit_price(line) if field in ("quoted_price", "price_basis") else None
    if derived is not None:  # the unit price follows, as a correction of its own that says why
        unit_machine = machine_line.get("unit_price") if isinstance(machine_line, dict) else None
        unit_machine = unit_machine.get("value") if isinstance(unit_machine, dict) else unit_machine
        _record(
            session,
            document,
            extraction.id,
            line_index,
            "unit_price",
            unit_machine,
            derived,
            actor,
            DERIVED_REASON,
            derived_from=row.id,
        )
    from evidence import summary  # the summary reads this module's effective result

    summary.refresh(session, document_id)
    return row


# A line's price of one piece and its price quoted for a number of pieces: unit_price = quoted_price ÷ price_basis
PRICE_CELLS = ("unit_price", "quoted_price", "price_basis")
DERIVED_REASON = N_("unit price = price as quoted ÷ pieces it is for")


def _current(machine: Any, corrections: Any, line_index: int | None, field: str) -> Any:
    """The value of ``field`` (of line ``line_index``, or the header) as corrected so far: the newest
    correction's, else the machine's."""
    value = machine.get(field) if isinstance(machine, dict) else None
    value = value.get("value") if isinstance(value, dict) else value
    for c in corrections:
        if c.line_index == line_index and c.field == field:
            value = c.corrected_value
    return value


def _record(
    session: Session,
    document: Document,
    extraction_id: int,
    line_index: int | None,
    field: str,
    machine: Any,
    value: Any,
    actor: str,
    reason: str | None,
    derived_from: int | None = None,
) -> Correction:
    """A new correction row and its audit event (a correction is never updated)."""
    row = Correction(
        document_id=document.id,
        line_index=line_index,
        field=field,
        machine_value=machine,
        corrected_value=value,
        extraction_id=extraction_id,
        actor=actor,
        reason=reason,
    )
    session.add(row)
    session.flush()
    details = {
        "correction_id": row.id,
        "field": field,
        "line_index": line_index,
        "machine_value": machine,
        "corrected_value": value,
        "reason": reason,
    }
    if derived_from is not None:
        details["derived_from"] = derived_from
    audit.record(
        session,
        actor=actor,
        action="chain.correct",
        object_type="document",
        object_id=document.id,
        company_id=document.company_id,
        details=details,
    )
    return row


def quoted_unit_price(line: dict[str, Any]) -> Decimal | None:
    """The price of one piece of a line whose price is quoted for a number of pieces (``quoted_price`` ÷
    ``price_basis``, to the decimals a correction keeps), or None when the line has no such price."""
    quoted, basis = to_decimal(line.get("quoted_price")), to_decimal(line.get("price_basis"))
    if quoted is None or basis is None or basis <= 0:
        return None
    return (quoted / basis).quantize(Decimal(1).scaleb(-typed_values.MAX_DECIMALS)).normalize()


def _agrees(unit_price: Decimal, derived: Decimal) -> bool:
    """A unit price agrees with the quoted one when it is that price rounded to the decimals it is written with
    (at least cents): 0.0125 and 0.01 both agree with 12.50 per thousand, 0.02 does not."""
    exponent = unit_price.normalize().as_tuple().exponent
    places = max(-exponent if isinstance(exponent, int) else 0, 2)
    step = Decimal(1).scaleb(-places)
    return unit_price.quantize(step, rounding=ROUND_HALF_UP) == derived.quantize(step, rounding=ROUND_HALF_UP)


def _derived_unit_price(line: dict[str, Any]) -> int | float | None:
    """After a correction of the quoted price or its pieces: the unit price the line must now have, when it
    has one that no longer agrees (a line without a unit price keeps none: the chain divides)."""
    derived = quoted_unit_price(line)
    current = to_decimal(line.get("unit_price"))
    if derived is None or current is None or _agrees(current, derived):
        return None
    return typed_values.json_number(derived)


def _check_unit_price(line: dict[str, Any], locale: str) -> None:
    """A unit price typed for a line whose price is quoted for a number of pieces must agree with it."""
    derived = quoted_unit_price(line)
    typed = to_decimal(line.get("unit_price"))
    if derived is None or typed is None or _agrees(typed, derived):
        return
    from immex import i18n

    raise typed_values.ValueRefused(
        "{value} does not agree with this line's price of {quoted} per {basis} pieces ({each} each): correct the "
        "price as quoted or the pieces it is for, or clear them first.",
        value=i18n.format_number(typed, locale),
        quoted=i18n.format_number(to_decimal(line.get("quoted_price")), locale),
        basis=i18n.format_number(to_decimal(line.get("price_basis")), locale),
        each=i18n.format_number(derived, locale),
    )
