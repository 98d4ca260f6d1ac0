"""What the document list shows and sorts by, picked from a reading's fields by document type."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from evidence.summary import EMPTY, summary_values


def test_each_type_gives_its_business_number_issuer_date_and_amount() -> None:
    pedimento = summary_values(
        "pedimento",
        {
            "pedimento_number": {"value": "264335856243715", "confidence": 0.9},
            "importer_exporter_name": {"value": "ARNESES  DEL\nBAJIO"},
            "payment_date": "2026-04-15",
            "usd_value": 8674.79,
            "customs_value_mxn": 166798,
            "currency": "MXN",
        },
    )
    assert pedimento == {
        "number": "264335856243715",
        "issuer": "ARNESES DEL BAJIO",
        "issuer_key": "arneses del bajio",
        "doc_date": date(2026, 4, 15),
        "amount": Decimal("8674.7900"),
        "currency": "USD",  # the USD value, whatever currency the document names
    }
    cfdi = summary_values("cfdi", {"uuid": "", "folio": "A-17", "issuer_name": "Proveedor", "total": "1,234.5"})
    assert (cfdi["number"], cfdi["issuer"], cfdi["amount"]) == ("A-17", "Proveedor", Decimal("1234.5000"))


def test_values_that_cannot_be_sorted_are_left_out() -> None:
    odd = summary_values(
        "commercial_invoice",
        {"invoice_number": "X" * 300, "invoice_date": "sometime", "total_amount": "1e30", "seller_name": "   "},
    )
    assert odd["number"] == "X" * 100
    assert (odd["doc_date"], odd["amount"], odd["currency"], odd["issuer"]) == (None, None, None, None)
    assert summary_values("other", {"bl_number": "B1"})["number"] is None
    assert summary_values(None, {}) == EMPTY
