"""A structured pedimento (from a validation file or a Data Stage extract) as an ``immex.extraction/v1`` result.

Values are what the SAT received, so every Field has confidence 1.0, no page or box, ``raw`` as written and
``source: "structured"`` (the contract's extension for M3 / Data Stage values). The contract's fields come first;
every other column of the records is added under its own name (the contract allows new fields), and the whole
record set is kept under the result's ``structured`` key (readers ignore keys they do not know).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from extractors.m3.layout import RECORDS
from extractors.m3.parse import ParsedFile, StructuredPedimento, _plain, full_number
from extractors.result import SCHEMA_ID, ResultBuilder, make_field, validate

COVE = re.compile(r"^COVE[0-9A-Z]{6,}$")

# 501 columns → contract header fields (the rest keep their layout names).
HEADER_NAMES = {"entry_exit_section": "customs_office"}
NOT_HEADER = {"pedimento", "customs_section", "pedimento_kind"}


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _field(value: Any) -> dict[str, Any]:
    cell = make_field(_json_value(value), 1.0, raw=str(_plain(value)))
    cell["source"] = "structured"
    return cell


def _sum(rows: list[dict[str, Any]], name: str) -> Decimal | None:
    values = [r[name] for r in rows if isinstance(r.get(name), Decimal)]
    return sum(values, Decimal(0)) if values else None


def _joined(rows: list[dict[str, Any]], names: tuple[str, ...]) -> str | None:
    parts = [" ".join(str(_plain(r[n])) for n in names if r.get(n) not in (None, "")) for r in rows]
    text = "; ".join(p for p in parts if p)
    return text or None


def pedimento_result(ped: StructuredPedimento, *, text_source: str, source: dict[str, Any]) -> dict[str, Any]:
    """The v1 result of one pedimento (validated)."""
    builder = ResultBuilder()
    header = ped.header
    builder.fields["pedimento_number"] = _field(ped.number)
    for name, value in header.items():
        if name in NOT_HEADER:
            continue
        builder.fields[HEADER_NAMES.get(name, name)] = _field(value)
    builder.fields["customs_section"] = _field(ped.customs_section)
    for name, day in ped.dates().items():
        builder.fields[name] = _field(day)
    partidas = [p["551"] for _seq, p in sorted(ped.partidas.items()) if "551" in p]
    for name, total in (
        ("usd_value", _sum(partidas, "usd_value")),
        ("customs_value_mxn", _sum(partidas, "customs_value_mxn")),
        ("commercial_value_mxn", _sum(partidas, "paid_price_mxn")),
    ):
        if total is not None:
            builder.fields.setdefault(name, _field(total))
    builder.fields["partida_count"] = _field(len(partidas))
    identifiers = ped.records.get("507", [])
    for row in identifiers:
        if row.get("identifier") == "IM" and row.get("complement_1"):
            builder.fields.setdefault("immex_program", _field(row["complement_1"]))
    summaries = {
        "invoices": ("505", ("invoice_number", "invoice_date", "incoterm", "currency", "usd_value", "supplier_name")),
        "identifiers": ("507", ("identifier", "complement_1", "complement_2", "complement_3")),
        "rates": ("509", ("contribution", "rate", "rate_type")),
        "contributions": ("510", ("contribution", "payment_form", "amount")),
        "observations": ("511", ("text",)),
        "guides": ("503", ("guide_number", "guide_type")),
        "containers": ("504", ("container_number", "container_type")),
        "discharges": ("512", ("original_pedimento", "original_clave", "original_date", "quantity")),
        "recipients": ("520", ("tax_id", "name", "country")),
        "carriers": ("502", ("carrier_rfc", "carrier_name", "transport_id")),
        "guarantees": ("508", ("issuer", "account_number", "total_guarantee")),
    }
    for name, (code, columns) in summaries.items():
        text = _joined(ped.records.get(code, []), columns)
        if text:
            builder.fields[name] = _field(text)
    if ped.rectifies:
        builder.fields["rectifies_pedimento"] = _field(ped.rectifies)
        builder.add_reference("pedimento", ped.rectifies)
    for sequence, partida in sorted(ped.partidas.items()):
        if "551" not in partida:
            continue
        row = partida["551"]
        line = {"sequence": _field(sequence)}
        for name, value in row.items():
            if name != "sequence":
                line[name] = _field(value)
        for name, code, columns in (
            ("permits", "553", ("permit", "permit_number", "usd_value", "quantity")),
            ("identifiers", "554", ("identifier", "complement_1", "complement_2", "complement_3")),
            ("rates", "556", ("contribution", "rate", "rate_type")),
            ("contributions", "557", ("contribution", "payment_form", "amount")),
            ("observations", "558", ("text",)),
            ("serial_numbers", "552", ("serial_number",)),
            ("guarantees", "555", ("issuer", "account_number", "total_guarantee")),
        ):
            text = _joined(partida.get(code, []), columns)
            if text:
                line[name] = _field(text)
        builder.add_line(line)
    for row in ped.records.get("505", []):
        number = str(row.get("invoice_number") or "")
        builder.add_reference("cove" if COVE.match(number.upper()) else "invoice", number)
    for row in ped.records.get("503", []):
        builder.add_reference("bl", str(row.get("guide_number") or ""))
    for row in ped.records.get("504", []):
        builder.add_reference("container", str(row.get("container_number") or ""))
    result: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "source": source,
        "doc_type": "pedimento",
        "doc_type_confidence": 1.0,
        "text_source": text_source,
        "fields": builder.fields,
        "lines": builder.lines,
        "references": builder.references,
        "warnings": builder.warnings,
        "structured": structured_detail(ped),
        "needs_review": False,
    }
    validate(result)
    return result


def structured_detail(ped: StructuredPedimento) -> dict[str, Any]:
    """Every record of the pedimento, by record type, with plain JSON values."""

    def plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: _plain(v) for k, v in r.items()} for r in rows]

    return {
        "patente": ped.patente,
        "pedimento": ped.pedimento,
        "customs_section": ped.customs_section,
        "content_hash": ped.content_hash(),
        "header": {k: _plain(v) for k, v in ped.header.items()},
        "records": {code: plain(rows) for code, rows in sorted(ped.records.items())},
        "partidas": [
            {
                code: ({k: _plain(v) for k, v in value.items()} if isinstance(value, dict) else plain(value))
                for code, value in sorted(p.items())
            }
            for _seq, p in sorted(ped.partidas.items())
        ],
        "unknown_records": ped.extra,
        "titles": {code: RECORDS[code].title for code in sorted(ped.records) if code in RECORDS},
    }


def file_results(parsed: ParsedFile, source: dict[str, Any]) -> list[dict[str, Any]]:
    """One v1 result per pedimento of the file, in the file's order."""
    text_source = "m3" if parsed.kind == "m3" else "data_stage"
    results = [pedimento_result(p, text_source=text_source, source=dict(source)) for p in parsed.pedimentos]
    for result in results:
        result["warnings"].extend({"code": "structured_note", "message": w} for w in parsed.warnings[:20])
    return results


__all__ = ["file_results", "full_number", "pedimento_result"]
