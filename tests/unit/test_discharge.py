"""Worked examples of the discharge rules (discharge.md), computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from evidence.chain.discharge import (
    BomComponent,
    BomVersion,
    DischargeOrderError,
    ExportLine,
    Lot,
    dec_str,
    discharge,
    lot_status,
)


def lot(id_, part, start, qty, due=None, ped="240000000000001", seq=1, clave="IN"):
    return Lot(id_, ped, seq, part, clave, start, due, D(qty), "6")


def export(id_, part, day, qty, ped="250000000000001", seq=1):
    return ExportLine(id_, ped, seq, day, part, D(qty), "6", "RT")


def test_bom_explosion_with_scrap_consumes_the_oldest_lot_first():
    lots = [
        lot(2, "RES", date(2024, 3, 1), "100", date(2025, 9, 1), ped="240000000000002"),
        lot(1, "RES", date(2024, 1, 10), "30", date(2025, 7, 10)),
        lot(3, "CAP", date(2024, 2, 1), "500", date(2025, 8, 1)),
    ]
    bom = BomVersion(
        7,
        "BOARD",
        date(2024, 1, 1),
        None,
        (BomComponent("RES", D("4"), D("10"), "6"), BomComponent("CAP", D("2"), D("0"), "6")),
    )
    result = discharge(lots, [export(50, "BOARD", date(2024, 4, 1), "10")], [bom])
    # RES: 10 × 4 × 1.10 = 44 → 30 from lot 1 (oldest), 14 from lot 2; CAP: 10 × 2 = 20 from lot 3
    assert result.consumptions == [
        (50, "RES", 1, D("30"), 7),
        (50, "RES", 2, D("14"), 7),
        (50, "CAP", 3, D("20"), 7),
    ]
    assert result.uncovered == []
    assert result.balance(lots[0]) == D("86")


def test_not_yet_imported_and_expired_lots_are_skipped_and_shortfall_recorded():
    lots = [
        lot(1, "SCREW", date(2024, 1, 1), "50", date(2024, 6, 30)),  # expired on the export date
        lot(2, "SCREW", date(2024, 8, 1), "50", date(2026, 2, 1)),  # imported after the export date
        lot(3, "SCREW", date(2024, 2, 1), "5", date(2025, 8, 1)),
    ]
    result = discharge(lots, [export(9, "SCREW", date(2024, 7, 15), "12")], [])
    assert result.consumptions == [(9, "SCREW", 3, D("5"), None)]
    [short] = result.uncovered
    assert (short.required_quantity, short.covered_quantity, short.uncovered_quantity) == (D(12), D(5), D(7))
    assert short.part_number == "SCREW" and short.reason == "no_stock"


def test_bom_version_in_force_on_the_export_date_applies():
    lots = [lot(1, "A", date(2024, 1, 1), "100"), lot(2, "B", date(2024, 1, 1), "100")]
    boms = [
        BomVersion(1, "FG", date(2024, 1, 1), None, (BomComponent("A", D(1), D(0), "6"),)),
        BomVersion(2, "FG", date(2024, 6, 1), None, (BomComponent("B", D(2), D(0), "6"),)),
    ]
    result = discharge(lots, [export(1, "FG", date(2024, 5, 31), "3"), export(2, "FG", date(2024, 6, 1), "3")], boms)
    assert result.consumptions == [(1, "A", 1, D(3), 1), (2, "B", 2, D(6), 2)]


def test_product_without_bom_in_force_is_uncovered_not_dropped():
    boms = [BomVersion(1, "FG", date(2025, 1, 1), None, (BomComponent("A", D(1), D(0), "6"),))]
    result = discharge([lot(1, "A", date(2024, 1, 1), "10")], [export(1, "FG", date(2024, 5, 1), "2")], boms)
    assert result.consumptions == []
    [short] = result.uncovered
    assert short.reason == "no_bom_in_force" and short.uncovered_quantity == D(2)


def test_continuing_with_an_earlier_export_is_refused():
    first = discharge([lot(1, "A", date(2024, 1, 1), "10")], [export(1, "A", date(2024, 5, 1), "2")], [])
    with pytest.raises(DischargeOrderError):
        discharge([], [export(2, "A", date(2024, 4, 1), "1")], [], state=first.state)


@pytest.mark.parametrize(
    ("balance", "due", "status"),
    [
        (D(0), date(2024, 1, 1), "discharged"),
        (D(1), date(2024, 12, 31), "expired"),
        (D(1), date(2025, 3, 2), "expiring"),
        (D(1), date(2025, 3, 3), "open"),
        (D(1), None, "open"),
    ],
)
def test_status_as_of(balance, due, status):
    assert lot_status(balance, due, date(2025, 1, 1)) == status


def test_dec_str_is_canonical():
    assert dec_str(D("1.500")) == "1.5"
    assert dec_str(D("1E+2")) == "100"
    assert dec_str(D("0.000")) == "0"
