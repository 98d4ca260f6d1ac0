"""What the document list shows of each document's newest reading: its business number (pedimento, invoice,
CFDI or B/L), issuer, document date and amount, picked from the extracted fields by document type (a table,
not code per type)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.models import Extraction
from web.field_labels import pedimento_display

# field names tried in order, per document type (``*`` for any type)
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


def _value(fields: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        cell = fields.get(name)
        value = cell.get("value") if isinstance(cell, dict) else cell
        if value not in (None, ""):
            return name, value
    return None, None


def summarise(doc_type: str | None, fields: dict[str, Any]) -> dict[str, Any]:
    """``{"number", "issuer", "date", "amount", "currency"}`` of one reading (None where not read)."""
    _, number = _value(fields, NUMBER.get(doc_type or "", ()))
    if doc_type == "pedimento" and number is not None:
        number = pedimento_display(number) or number
    _, issuer = _value(fields, ISSUER)
    _, when = _value(fields, DATE)
    amount_name, amount = _value(fields, AMOUNT)
    _, currency = _value(fields, ("currency",))
    if amount_name in CURRENCY_OF:
        currency = CURRENCY_OF[amount_name]
    return {"number": number, "issuer": issuer, "date": when, "amount": amount, "currency": currency}


def summaries(db: Session, docs: list[tuple[int, str | None]]) -> dict[int, dict[str, Any]]:
    """The summary of each ``(document id, type)`` from its newest extraction (one query for the page)."""
    ids = [d for d, _ in docs]
    newest: dict[int, dict[str, Any]] = {}
    if ids:
        rows = db.execute(
            select(Extraction.document_id, Extraction.result["fields"])
            .where(Extraction.document_id.in_(ids))
            .order_by(Extraction.created_at, Extraction.id)
        )
        for document_id, fields in rows:
            newest[document_id] = fields if isinstance(fields, dict) else {}
    return {d: summarise(t, newest.get(d, {})) for d, t in docs}
