"""The generic rules CFDI printouts are read with: OCR-tolerant figures, figures rebuilt from the CFDI's own
arithmetic, cells from the SAT catalogues' shapes and labelled notes, header values OCR slipped on, and parties
in panels set side by side."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractors.cfdi_pdf import LABELS, _invoice_number, _uuid
from extractors.cfdi_pdf_cells import key_leading_description, labelled_in_note
from extractors.cfdi_pdf_figures import (
    REPAIRED,
    customs_unit_from_unit,
    parse_money,
    reconcile_customs_quantity,
    repair_figures,
)
from extractors.cfdi_pdf_lines import MERCANCIA_PARSERS, _unit
from extractors.cfdi_pdf_parties import party_name, rfc_value
from extractors.pipeline import extract
from tests.synth.draw import BOLD, REGULAR, Sheet


def cell(value: Any, confidence: float = 0.9) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "page": 1, "bbox": None, "raw": str(value)}


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("$96,504. 28", 96504.28),  # the cents OCR cut off into a word of their own
        ("12,525:20:", 12525.20),  # a decimal point OCR read as a colon
        ("USD 2,287.50", 2287.50),
        ("$1,234.56", 1234.56),
        ("1.234,56", 1234.56),
        ("3,494.00 H87", 3494.0),
    ],
)
def test_money_as_printed_and_as_ocr_reads_it(printed: str, value: float) -> None:
    parsed = parse_money(printed)
    assert parsed is not None and parsed[0] == pytest.approx(value)


def test_two_figures_on_a_line_are_not_joined() -> None:
    parsed = parse_money("1,234.50 600.00")
    assert parsed is not None and parsed[0] == pytest.approx(1234.50)


def test_an_amount_misread_is_rebuilt_where_quantity_price_and_valor_dolares_agree() -> None:
    line = {"quantity": cell(3830.0), "unit_price": cell(30.61), "amount": cell(5117.0), "usd_value": cell(117236.3)}
    repair_figures(line, usd=True)
    assert line["amount"]["value"] == pytest.approx(117236.3)
    assert line["amount"]["confidence"] == REPAIRED  # still sent to review


def test_figures_that_agree_are_left_alone() -> None:
    line = {"quantity": cell(10.0), "unit_price": cell(2.5), "amount": cell(25.0), "usd_value": cell(25.0)}
    repair_figures(line, usd=True)
    assert all(c["confidence"] == 0.9 for c in line.values())


def test_a_unit_price_misread_is_rebuilt_from_amount_and_quantity() -> None:
    line = {"quantity": cell(3494.0), "unit_price": cell(2.0), "amount": cell(96504.28), "usd_value": cell(96504.28)}
    repair_figures(line, usd=True)
    assert line["unit_price"]["value"] == pytest.approx(27.62)


def test_nothing_is_rebuilt_when_the_figures_have_no_independent_witness() -> None:
    line = {"quantity": cell(10.0), "unit_price": cell(2.5), "amount": cell(30.0), "usd_value": cell(40.0)}
    repair_figures(line, usd=True)
    assert (line["unit_price"]["value"], line["amount"]["value"]) == (2.5, 30.0)


def test_a_customs_quantity_read_1000_times_too_large_is_the_conceptos() -> None:
    line = {
        "quantity": cell(2071.0),
        "unit": cell("H87"),
        "customs_quantity": cell(2071000.0),
        "customs_unit": cell("06"),
    }
    reconcile_customs_quantity(line)
    assert line["customs_quantity"]["value"] == 2071.0
    other = {
        "quantity": cell(2071.0),
        "unit": cell("KGM"),
        "customs_quantity": cell(2071000.0),
        "customs_unit": cell("06"),
    }
    reconcile_customs_quantity(other)  # kilograms and pieces count different things
    assert other["customs_quantity"]["value"] == 2071000.0


def test_a_lost_customs_unit_follows_the_conceptos_unit() -> None:
    line = {"quantity": cell(50.0), "unit": cell("H87"), "customs_quantity": cell(50.0)}
    customs_unit_from_unit(line)
    assert line["customs_unit"]["value"] == "06" and line["customs_unit"]["confidence"] == REPAIRED
    apart = {"quantity": cell(50.0), "unit": cell("H87"), "customs_quantity": cell(12.5)}
    customs_unit_from_unit(apart)
    assert "customs_unit" not in apart


def test_a_product_key_leading_the_description() -> None:
    line = {"description": cell("26121600 - TABLERO ELECTRONICO")}
    key_leading_description(line)
    assert line["product_key"]["value"] == "26121600"
    assert line["description"]["value"] == "TABLERO ELECTRONICO"


def test_labelled_values_in_a_conceptos_note() -> None:
    note = (
        "Clave SAT: 32101600 Clave unidad: H87 "
        "Fracción: 8544.30.02 Cant. aduana: 1,122.00 U. aduana: 06 Valor USD: 2,287.50"
    )
    line = {"description": cell("ARNES"), "unit": cell("H87"), "_note": cell(note)}
    labelled_in_note(line)
    values = {key: c["value"] for key, c in line.items()}
    assert "_note" not in values
    assert values["product_key"] == "32101600"
    assert values["tariff_code"] == "85443002"
    assert values["customs_quantity"] == pytest.approx(1122.0)
    assert values["customs_unit"] == "06"
    assert values["usd_value"] == pytest.approx(2287.5)


@pytest.mark.parametrize(
    ("printed", "key"), [("H87 - Pieza", "H87"), ("PIEZA", "H87"), ("Kilogramo", "KGM"), ("KGM", "KGM"), ("E48", "E48")]
)
def test_units_by_key_or_by_name(printed: str, key: str) -> None:
    parsed = _unit(printed)
    assert parsed is not None and parsed[0] == key


def test_a_uuid_with_ocr_slips() -> None:
    split = _uuid("DF628CC8-C61 1-49BE-BB7D-3872C0D4E283")
    assert split is not None and split[0] == "DF628CC8-C611-49BE-BB7D-3872C0D4E283"
    letter = _uuid("68D364BC-AFEA-4399-84FA-695ACB38CAAO")
    assert letter is not None and letter[0] == "68D364BC-AFEA-4399-84FA-695ACB38CAA0"


def test_an_rfc_whose_check_digit_ocr_read_as_a_letter_o() -> None:
    parsed = rfc_value("DMR900108FFO")
    assert parsed is not None and parsed[0] == "DMR900108FF0"


def test_labels_also_without_their_joining_words() -> None:
    assert "FECHA EMISION" in LABELS["issue_date"]


def test_an_invoice_number_has_a_digit() -> None:
    assert _invoice_number(": EXP-1234") is not None
    assert _invoice_number(" electrónica") is None


def test_an_ampersand_ocr_read_as_eight() -> None:
    parsed = party_name("GREAT LAKES WIRE 8 CABLE LLC")
    assert parsed is not None and parsed[0] == "GREAT LAKES WIRE & CABLE LLC"


def test_parties_in_panels_side_by_side(tmp_path: Path) -> None:
    """Emisor and Receptor panels side by side, each with "Razón social" and "RFC" labels above the values:
    each party's name and RFC come from its own panel."""
    path = tmp_path / "panels.pdf"
    s = Sheet(path, title="CFDI")
    s.text(36, 36, "FACTURA CFDI 4.0", font=BOLD, size=12)
    for x, title, name, rfc in (
        (40, "Emisor", "MAQUILADORA DEL NORTE S.A. DE C.V.", "MNO900101AB1"),
        (314, "Receptor", "ACME WIRE & CABLE LLC", "XEXX010101000"),
    ):
        s.text(x, 56, title, font=BOLD, size=8)
        s.text(x, 68, "Razón social", font=BOLD, size=6)
        s.text(x, 78, name, size=8)
        s.text(x, 90, "RFC", font=BOLD, size=6)
        s.text(x, 100, rfc, size=8)
    s.text(36, 124, "Folio fiscal", font=BOLD, size=6)
    s.text(36, 134, "D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=8)
    s.text(36, 150, "Subtotal: 10.00   Total: 10.00   Moneda: USD", size=8)
    s.save()
    fields = {key: c["value"] for key, c in extract(path, media_type="application/pdf")["fields"].items()}
    assert fields["issuer_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."
    assert fields["receiver_name"] == "ACME WIRE & CABLE LLC"
    assert fields["issuer_rfc"] == "MNO900101AB1"
    assert fields["receiver_rfc"] == "XEXX010101000"


@pytest.mark.parametrize(("printed", "code"), [("06", "06"), ("06 PIEZA", "06"), ("O6", "06"), ("36.73", None)])
def test_a_customs_unit_is_a_code_standing_alone(printed: str, code: str | None) -> None:
    """A two-digit c_UnidadAduana code, as printed alone or with its name; the whole part of a price (36.73)
    read from the column beside is none."""
    parsed = MERCANCIA_PARSERS["customs_unit"](printed)
    assert (parsed[0] if parsed else None) == code


def test_one_wide_row_per_concepto_and_its_mercancia(tmp_path: Path) -> None:
    """A concepto and its mercancía on one wide row, headed "… Cant. | Unidad | P. unitario | Importe | Fracción |
    Cant. adu. | U. adu. | Valor USD": "Unidad" is the concepto's unit, "U. adu." the customs unit."""
    path = tmp_path / "wide.pdf"
    s = Sheet(path, wide=True, title="CFDI")
    s.text(30, 36, "FACTURA DE EXPORTACIÓN   Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", font=BOLD, size=9)
    s.text(30, 48, "Moneda: EUR   Tipo de cambio: 21.1732", size=7)
    heads = [
        ("No. parte", 30, "l"),
        ("Descripción", 90, "l"),
        ("Clave SAT", 250, "l"),
        ("Cant.", 330, "r"),
        ("Unidad", 340, "l"),
        ("P. unitario", 440, "r"),
        ("Importe", 500, "r"),
        ("Fracción", 510, "l"),
        ("Cant. adu.", 600, "r"),
        ("U. adu.", 610, "l"),
        ("Valor USD", 700, "r"),
    ]
    rows = [
        ["EX8692-5", "ARNES ELECTRICO", "39121000", "441.000", "H87 Pieza", "36.73", "16,197.93", "85443002",
         "441.000", "06", "17,135.33"],
        ["M49069-4", "TABLERO DE CONTROL", "39121000", "4,141.000", "H87 Pieza", "28.89", "119,633.49", "85371099",
         "4,141.000", "06", "126,556.91"],
    ]  # fmt: skip
    for y, cells in ((70, [head for head, _x, _a in heads]), (82, rows[0]), (94, rows[1])):
        for (_head, x, align), text in zip(heads, cells, strict=True):
            (s.right if align == "r" else s.text)(x, y, text, font=BOLD if y == 70 else REGULAR, size=7)
    s.text(560, 120, "Subtotal EUR 135,831.42", size=7)
    s.text(560, 130, "Total EUR 135,831.42", size=7)
    s.save()
    lines = extract(path, media_type="application/pdf")["lines"]
    assert [line["unit"]["value"] for line in lines] == ["H87", "H87"]
    assert [line["customs_unit"]["value"] for line in lines] == ["06", "06"]
    assert [line["customs_quantity"]["value"] for line in lines] == [441.0, 4141.0]
    assert all(line["customs_unit"]["confidence"] >= 0.7 for line in lines)  # read, not inferred from the unit
