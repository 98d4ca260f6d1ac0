"""A lot says when a document behind its figures still waits for a clerk (``awaiting_review``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from evidence.chain.lot_list import lot_entries
from web.lot_view import as_csv


@dataclass
class Lot:
    id: int
    pedimento_id: int | None
    pedimento_number: str = "24 16 3154 4000123"
    sequence: int = 1
    part_number: str | None = "MAT-001"
    tariff_code: str | None = "85444999"
    clave: str = "IN"
    start_date: date = date(2025, 2, 3)
    due_date: date | None = date(2026, 8, 3)
    unit: str = "6"
    quantity: Decimal = Decimal(100)


def _entries(awaiting: set[int]) -> list[dict[str, object]]:
    lots = [Lot(1, pedimento_id=10), Lot(2, pedimento_id=20, sequence=1)]
    ped_doc = {10: 100, 20: 200, 30: 300}  # pedimento -> its document
    exports_of_lot = {1: {300}}  # lot 1 was consumed by the export whose pedimento document is 300
    linked = {100: [100, 101], 200: [200], 300: [300, 301]}  # each pedimento's document and its invoice or CFDI
    sha = {d: f"{d:064d}" for d in (100, 101, 200, 300, 301)}
    return lot_entries(
        lots,
        {1: Decimal(40)},
        ped_doc,
        exports_of_lot,
        linked,
        sha,
        date(2025, 6, 1),
        awaiting,  # type: ignore[arg-type]
    )


def test_no_document_waiting_no_lot_waiting() -> None:
    assert [e["awaiting_review"] for e in _entries(set())] == [False, False]


def test_the_lots_own_invoice_or_an_export_that_consumed_it_waiting_marks_that_lot_only() -> None:
    assert [e["awaiting_review"] for e in _entries({101})] == [True, False]  # lot 1's invoice
    assert [e["awaiting_review"] for e in _entries({301})] == [True, False]  # the export CFDI that consumed lot 1
    assert [e["awaiting_review"] for e in _entries({200})] == [False, True]  # lot 2's own pedimento


def test_a_document_of_no_lot_marks_none() -> None:
    assert [e["awaiting_review"] for e in _entries({999})] == [False, False]


def test_the_csv_spells_it_as_json_does() -> None:
    rows = [{**e, "days_left": None, "usd_at_risk": None} for e in _entries({200})]
    text = as_csv(rows).decode("utf-8-sig").splitlines()
    assert text[0].endswith(",status,awaiting_review")
    assert text[1].endswith(",false") and text[2].endswith(",true")
