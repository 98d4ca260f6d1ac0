"""A scan's invoice put right by the form's own arithmetic and the shapes of its values: one misread figure of a
line's quantity × price = amount, a cell OCR could not read, a code's hyphen read as a tilde, specks in names and
descriptions, an accent OCR put on a month. Text layers are left as printed."""

from __future__ import annotations

from typing import Any

from extractors import layout
from extractors.invoice import accent_blind, tidy_scanned_name
from extractors.invoice_repairs import repair_scanned_lines, tidy_scanned_text
from extractors.invoice_values import rfc_by_check_digit


def cell(value: Any, raw: str | None = None, page: int = 1) -> dict[str, Any]:
    return {"value": value, "confidence": 0.9, "page": page, "bbox": None, "raw": raw if raw is not None else value}


def line(quantity: Any = None, price: Any = None, amount: Any = None, **cells: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key, value in (("quantity", quantity), ("unit_price", price), ("amount", amount)):
        if value is not None:
            number, raw = value if isinstance(value, tuple) else (value, None)
            out[key] = cell(number, raw)
    out.update({key: cell(value) for key, value in cells.items()})
    return out


def repaired(*lines: dict[str, dict[str, Any]], ocr: bool = True) -> list[dict[str, Any]]:
    items = list(lines)
    tidy_scanned_text(items, {1} if ocr else set())
    repair_scanned_lines(items, {1} if ocr else set())
    return [{key: c["value"] for key, c in item.items()} for item in items]


def test_a_misread_digit_of_the_quantity() -> None:
    """``41`` for ``11``: 11 × 0.3156 makes the amount 3.47, and 41 is one digit from 11."""
    assert repaired(line((41.0, "41"), 0.3156, 3.47))[0]["quantity"] == 11.0


def test_lost_digits_of_the_quantity() -> None:
    """``155)`` for ``11,755``: two digits lost, the price and amount fix the rest."""
    assert repaired(line((155.0, "TE 155)"), 1.2168, 14303.48))[0]["quantity"] == 11755.0


def test_a_price_whose_leading_digit_was_lost() -> None:
    assert repaired(line(20106.0, (5931.0, "5931."), 32030.87))[0]["unit_price"] == 1.5931


def test_an_unread_price_is_filled_when_the_others_fix_it() -> None:
    assert repaired(line(433.0, None, 654.26))[0]["unit_price"] == 1.511
    # with few units many prices make the same amount: left unread
    assert "unit_price" not in repaired(line(3.0, None, 4.5))[0]


def test_an_unread_amount_is_the_product() -> None:
    assert repaired(line(6742.0, 0.1358, None))[0]["amount"] == 915.56


def test_a_value_far_from_every_reading_is_left_alone() -> None:
    """A discount or a clerk's slip: no value is two digits from what was read."""
    assert repaired(line(100.0, 2.5, 180.0))[0] == {"quantity": 100.0, "unit_price": 2.5, "amount": 180.0}


def test_text_layers_are_never_repaired() -> None:
    assert repaired(line((41.0, "41"), 0.3156, 3.47), ocr=False)[0]["quantity"] == 41.0


def test_code_and_description_specks() -> None:
    got = repaired(line(part_number="SKU~698531", description="TORNILLO DE.ACERO CON CABEZA"))[0]
    assert got["part_number"] == "SKU-698531"
    assert got["description"] == "TORNILLO DE ACERO CON CABEZA"
    assert repaired(line(part_number="PN-323597."))[0]["part_number"] == "PN-323597"
    got = repaired(line(description="PN-11882.Circuito integrado de 0.2mm"))[0]
    assert got["description"] == "PN-11882 Circuito integrado de 0.2mm"
    # an abbreviation's periods stand between single letters
    assert repaired(line(description="Tuerca S.A.E. grado 5"))[0]["description"] == "Tuerca S.A.E. grado 5"


def test_scanned_names() -> None:
    assert tidy_scanned_name("ENSAMBLES DE REYNOSA S. DER.L. DEC.V,") == "ENSAMBLES DE REYNOSA S. DE R.L. DE C.V."
    assert tidy_scanned_name("ARNESES DEL BAJIO S.A. DE C.Vv.") == "ARNESES DEL BAJIO S.A. DE C.V."
    assert tidy_scanned_name("LAREDO INDUSTRIAL .COMPONENTS, INC.") == "LAREDO INDUSTRIAL COMPONENTS, INC."
    assert tidy_scanned_name("SOUTHWEST FASTENER £ MRO SUPPLY CO.") == "SOUTHWEST FASTENER & MRO SUPPLY CO."
    # a colon for the period of "S.", a period for the space after "DE"
    assert tidy_scanned_name("ENSAMBLES DE REYNOSA S: DE R.L. DE C.V.") == "ENSAMBLES DE REYNOSA S. DE R.L. DE C.V."
    assert tidy_scanned_name("PLASTICOS DE TIJUANA S. DE R.L. DE.C.V.") == "PLASTICOS DE TIJUANA S. DE R.L. DE C.V."
    assert tidy_scanned_name("GRUPO DE.MEXICO S.A.") == "GRUPO DE.MEXICO S.A."


def test_a_month_with_an_accent_ocr_added() -> None:
    parse = accent_blind(layout.date_parser(False))
    assert parse("25. de énero de 2025") == ("2025-01-25", (0, 20))
    assert parse("nada") is None


def test_a_misread_unit_is_the_tables_nearest_unit() -> None:
    lines = [line(unit="PZA"), line(unit="PZA"), line(unit="PLA"), line(unit="PENA"), line(unit="KG")]
    assert [item["unit"] for item in repaired(*lines)] == ["PZA", "PZA", "PZA", "PZA", "KG"]
    # a real unit is never changed, and a misread unit far from every used one stays
    lines = [line(unit="PZA"), line(unit="PCS"), line(unit="XQWZ")]
    assert [item["unit"] for item in repaired(*lines)] == ["PZA", "PCS", "XQWZ"]


def test_a_scanned_rfc_by_its_check_digit() -> None:
    """``PUIS70910L41``: the date's 8 read as S; of the readings with digits in the date's place, the check
    digit confirms one. A reading the check digit cannot settle is no repair."""
    assert rfc_by_check_digit("PUIS70910L41") == "PUI870910L41"
    assert rfc_by_check_digit("2MB97110SBC4") == "ZMB971105BC4"
    assert rfc_by_check_digit("PUI870910L41") is None  # already valid: nothing to repair
    assert rfc_by_check_digit("XXXXXXXXXXXX") is None


def test_a_scanned_rfc_with_one_stroke_read_twice() -> None:
    """Thirteen characters that are no RFC: a company's twelve with a ``1`` read again as the ``I`` beside it.
    A thirteenth character that doubles no neighbour is no such slip."""
    assert rfc_by_check_digit("KRF1I40806PV7") == "KRF140806PV7"
    assert rfc_by_check_digit("KRF1X40806PV7") is None
