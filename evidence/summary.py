"""The document list's summary of each document: its business number (pedimento, invoice, CFDI or B/L), issuer,
document date and amount, picked by document type from the newest reading with people's corrections on top (a
table of field names, not code per type).

The list sorts and pages by these in SQL, so they are kept in ``document_summaries`` rather than computed per
page. :func:`refresh` is the one place that writes a summary; every writer of a reading or a correction calls it
(the worker's ``store_extraction``, ``reextract`` and ``chain.build.correct``), and migration 0015 fills it for
documents read before it existed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from evidence.models import Document, DocumentSummary

# field names tried in order, per document type
NUMBER = {
    "pedimento": ("pedimento_number",),
    "commercial_invoice": ("invoice_number",),
    "cfdi": ("uuid", "folio"),
    "bill_of_lading": ("bl_number",),
    "packing_list": ("invoice_number",),
}
ISSUER = ("seller_name", "issuer_name", "importer_exporter_name", "shipper_name", "carrier_name")
DATE = ("invoice_date", "issue_date", "payment_date", "entry_date", "shipped_on_board_date", "presentation_date")
AMOUNT = ("total_amount", "total", "usd_value", "customs_value_mxn")
CURRENCY_OF = {"usd_value": "USD", "customs_value_mxn": "MXN"}
AMOUNT_LIMIT = Decimal("1e16")  # Numeric(20, 4): a misread past this is not an amount worth sorting by


def _pick(fields: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        cell = fields.get(name)
        value = cell.get("value") if isinstance(cell, dict) else cell
        if value not in (None, ""):
            return name, value
    return None, None


def _text(value: Any, limit: int) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text[:limit] or None


def summary_values(doc_type: str | None, fields: dict[str, Any]) -> dict[str, Any]:
    """``number``, ``issuer``, ``doc_date``, ``amount`` and ``currency`` of one reading's header ``fields``
    (plain values or ``{"value": …}`` cells); None where the reading has none that can be used."""
    from evidence.chain.build import to_date, to_decimal

    _, number = _pick(fields, NUMBER.get(doc_type or "", ()))
    _, issuer = _pick(fields, ISSUER)
    _, when = _pick(fields, DATE)
    amount_name, amount = _pick(fields, AMOUNT)
    _, currency = _pick(fields, ("currency",))
    if amount_name in CURRENCY_OF:
        currency = CURRENCY_OF[amount_name]
    as_decimal = to_decimal(amount)
    if as_decimal is not None and (not as_decimal.is_finite() or abs(as_decimal) >= AMOUNT_LIMIT):
        as_decimal = None
    issuer_text = _text(issuer, 255)
    return {
        "number": _text(number, 100),
        "issuer": issuer_text,
        "issuer_key": issuer_text.lower() if issuer_text else None,
        "doc_date": to_date(when),
        "amount": as_decimal.quantize(Decimal("0.0001")) if as_decimal is not None else None,
        "currency": _text(currency, 3) if amount_name else None,
    }


EMPTY: dict[str, Any] = dict.fromkeys(("number", "issuer", "issuer_key", "doc_date", "amount", "currency"))


def refresh(session: Session, document_id: int) -> DocumentSummary | None:
    """Rewrite the summary of ``document_id`` from its newest reading and corrections (None: no such document)."""
    from evidence.chain.build import effective_result

    document = session.get(Document, document_id)
    if document is None:
        return None
    effective = effective_result(session, document_id)
    values = summary_values(effective.doc_type, effective.fields) if effective else EMPTY
    row = session.get(DocumentSummary, document_id)
    if row is None:
        row = DocumentSummary(document_id=document_id, company_id=document.company_id)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    return row
