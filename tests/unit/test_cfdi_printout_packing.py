"""CFDI printouts that carry a packing list beside the invoice (pallets and weights in the conceptos' table and
beside the totals, the fracción in a column of the conceptos, the SAT key and the complement's figures on a
bare-labelled line under each item), and printouts that set the Comercio Exterior on an annex page whose
table headings stand under a label that names the receptor: captions are never a party's name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extractors import layout
from extractors.cfdi_pdf import LABELS, _folio
from extractors.cfdi_pdf_cells import labelled_in_note
from extractors.cfdi_pdf_figures import REPAIRED, parse_money, repair_figures
from extractors.cfdi_pdf_lines import CONCEPTO_COLUMNS, _bare_mercancia, _heads_conceptos, reading_order
from extractors.cfdi_pdf_parties import party_name
from extractors.pipeline import extract
from extractors.text import Word as PageWord
from tests.synth.draw import BOLD, Sheet

UUID = "5A0C2E7B-91D4-4F3A-8B6E-0C7D2E1F9A34"


@dataclass
class Word:
    text: str


def _words(text: str) -> list[Word]:
    return [Word(part) for part in text.split()]


def _values(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    result = extract(path, media_type="application/pdf")
    fields = {key: c["value"] for key, c in result["fields"].items()}
    lines = [{key: c["value"] for key, c in line.items() if isinstance(c, dict)} for line in result["lines"]]
    return fields, lines, result


@pytest.mark.parametrize(
    "printed",
    ["Valor unitario aduana Valor dólares", "Cantidad aduana Unidad aduana", "Descripción Importe", "P. unit. USD"],
)
def test_a_run_of_column_captions_is_no_name(printed: str) -> None:
    assert party_name(printed) is None


@pytest.mark.parametrize(
    "printed",
    ["VALUE LINE INC", "UNIDAD MEDICA DEL NORTE S.A. DE C.V.", "TOTAL PARTS SUPPLY", "MATERIAL HANDLING 4 LLC"],
)
def test_a_name_with_a_caption_word_in_it_is_still_a_name(printed: str) -> None:
    parsed = party_name(printed)
    assert parsed is not None and parsed[0] == printed


def _hits(text: str, columns: dict[str, Any]) -> list[layout.LabelHit]:
    words = [
        PageWord(text=part, x0=40.0 * k, top=10.0, x1=40.0 * k + 30.0, bottom=18.0, confidence=1.0)
        for k, part in enumerate(text.split())
    ]
    line = layout.Line(words=words, top=10.0, bottom=18.0, tokens=[layout.norm(w.text) for w in words])
    return layout.find_labels(layout.PageLayout(1, 600.0, 800.0, [line], False), columns)


def test_the_receptors_foreign_tax_id_label_is_no_receptor_heading() -> None:
    keys = [hit.key for hit in _hits("NumRegIdTrib del receptor: 75-5656144", LABELS)]
    assert "receiver_name" not in keys


def test_a_header_of_customs_columns_heads_the_mercancias_not_the_conceptos() -> None:
    line = "Fracción NoIdentificacion CantidadAduana UnidadAduana ValorDolares"
    hits = _hits(line, CONCEPTO_COLUMNS)
    assert {hit.key for hit in hits} >= {"tariff_code", "part_number", "_customs"}
    assert not _heads_conceptos(None, hits)
    packing = "Parte Descripcion Fraccion Cantidad U. Tarimas Importe"
    assert _heads_conceptos(None, _hits(packing, CONCEPTO_COLUMNS))


@pytest.mark.parametrize(
    "printed",
    [
        "Clave SAT 43201800 · Cant. aduana 1,068.000 · U. aduana 06 · Valor USD 48,946.44",
        "Fracción 85044099 Cant. aduana 188.000 U.M. aduana 06 Valor dólares 2,334.96",
    ],
)
def test_a_line_of_bare_labelled_customs_figures_is_the_items_note(printed: str) -> None:
    assert _bare_mercancia(_words(printed))


@pytest.mark.parametrize(
    "printed",
    [
        "Clave SAT 43201800 · Valor USD 48,946.44",  # two labelled figures: too few to tell
        "Clave SAT 43201800 · Clave unidad H87 · No. de parte FG1-2",  # no customs figure
        "CABLE VALOR USD 12 PIEZAS",  # a description that holds the words
    ],
)
def test_other_lines_are_not_that_note(printed: str) -> None:
    assert not _bare_mercancia(_words(printed))


def _packing_printout(path: Path) -> None:
    """A plant's CFDI that travels with the load: panels across the top, a conceptos table with pallets and
    weights between the quantity and the price, the fracción in its own column, the SAT key and the mercancía's
    figures in small type under each item; packing totals left of the invoice's totals."""
    s = Sheet(path, title="CFDI")
    s.text(40, 30, "EMISOR", font=BOLD, size=8)
    s.text(40, 41, "ENSAMBLES DEL BAJIO S.A. DE C.V.", size=7)
    s.text(40, 50, "RFC: EBA080715AA5", size=7)
    s.text(230, 30, "RECEPTOR", font=BOLD, size=8)
    s.text(230, 41, "NORTHERN TOOLING CORP", size=7)
    s.text(230, 50, "RFC: XEXX010101000", size=7)
    s.text(420, 30, "COMPROBANTE", font=BOLD, size=8)
    s.text(420, 41, "Serie: B   Folio: 4410", size=7)
    s.text(420, 50, "UUID:", size=7)
    s.text(420, 59, UUID, size=6)
    s.text(420, 68, "Fecha de emisión: 03/06/2025 09:12:44", size=7)
    s.text(420, 77, "Efecto: Ingreso   Versión: 4.0", size=7)
    s.text(420, 86, "Moneda: USD   T.C.: 18.2210", size=7)
    y = 120.0
    heads = (
        ("Part.", 40, "l"),
        ("No. parte", 62, "l"),
        ("Descripción", 118, "l"),
        ("Fracción", 236, "l"),
        ("Cantidad", 318, "r"),
        ("U.", 324, "l"),
        ("Tarimas", 372, "r"),
        ("P. neto kg", 418, "r"),
        ("P. bruto kg", 466, "r"),
        ("P. unit. USD", 516, "r"),
        ("Importe USD", 572, "r"),
    )
    for head, x, align in heads:
        (s.right if align == "r" else s.text)(x, y, head, font=BOLD, size=6.5)
    items = (
        (
            "1",
            "TB-2201",
            ["SENSOR DE TEMPERATURA", "PARA HORNO"],
            "90251999",
            "640.000",
            "3",
            "96.10",
            "104.88",
            "12.50",
            "8,000.00",
            "41111900",
        ),
        (
            "2",
            "TB-3307",
            ["CABLE DE CONTROL BLINDADO"],
            "85444999",
            "1,200.000",
            "2",
            "410.00",
            "441.30",
            "3.75",
            "4,500.00",
            "26121600",
        ),
    )
    for pos, part, desc, tariff, qty, pallets, net, gross, price, amount, key in items:
        y += 12
        for text, x, align in (
            (pos, 40, "l"),
            (part, 62, "l"),
            (desc[0], 118, "l"),
            (tariff, 236, "l"),
            (qty, 318, "r"),
            ("H87", 324, "l"),
            (pallets, 372, "r"),
            (net, 418, "r"),
            (gross, 466, "r"),
            (price, 516, "r"),
            (amount, 572, "r"),
        ):
            (s.right if align == "r" else s.text)(x, y, text, size=6.5)
        for more in desc[1:]:
            y += 8
            s.text(118, y, more, size=6.5)
        y += 8
        s.text(118, y, f"Clave SAT {key} · Cant. aduana {qty} · U. aduana 06 · Valor USD {amount}", size=5)
    y += 24
    for k, (label, value) in enumerate((("Total tarimas:", "5"), ("Peso neto total kg:", "506.10"))):
        s.text(40, y + 10 * k, f"{label} {value}", size=7)
    for k, (label, value) in enumerate((("Subtotal", "12,500.00"), ("IVA 0%", "0.00"), ("Total", "12,500.00"))):
        s.text(430, y + 10 * k, label, font=BOLD, size=7)
        s.right(572, y + 10 * k, value, size=7)
    s.text(40, y + 50, "Fecha y hora de certificación: 2025-06-03T09:14:02", size=6)
    s.text(40, y + 60, "Sello digital del CFDI:", size=6)
    s.text(40, y + 68, "kP3n" * 36, size=6)
    s.text(40, y + 80, "Este documento es una representación impresa de un CFDI", size=6)
    s.save()


def test_a_cfdi_printed_with_its_packing_list(tmp_path: Path) -> None:
    path = tmp_path / "packing.pdf"
    _packing_printout(path)
    fields, lines, result = _values(path)
    assert fields["total"] == pytest.approx(12500.00)  # not the pallets' count
    assert fields["receiver_name"] == "NORTHERN TOOLING CORP"
    assert [line["part_number"] for line in lines] == ["TB-2201", "TB-3307"]
    assert [line["description"] for line in lines] == ["SENSOR DE TEMPERATURA PARA HORNO", "CABLE DE CONTROL BLINDADO"]
    assert [line["tariff_code"] for line in lines] == ["90251999", "85444999"]
    assert [line["product_key"] for line in lines] == ["41111900", "26121600"]
    assert [line["quantity"] for line in lines] == pytest.approx([640.0, 1200.0])
    assert [line["unit"] for line in lines] == ["H87", "H87"]
    assert [line["unit_price"] for line in lines] == pytest.approx([12.50, 3.75])  # not a weight
    assert [line["amount"] for line in lines] == pytest.approx([8000.0, 4500.0])
    assert [line["customs_quantity"] for line in lines] == pytest.approx([640.0, 1200.0])
    assert [line["customs_unit"] for line in lines] == ["06", "06"]
    assert [line["usd_value"] for line in lines] == pytest.approx([8000.0, 4500.0])
    assert not result["needs_review"]


def test_a_receptor_label_over_an_annexs_table_gives_no_name(tmp_path: Path) -> None:
    """The receptor's name is under its panel on page 1; page 2 (the complement, as an annex) prints the
    receptor's foreign tax id beside a label that says "receptor", with the mercancías' headings under it."""
    path = tmp_path / "annex.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 36, "ENSAMBLES DEL BAJIO S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 47, "RFC: EBA080715AA5", size=7.5)
    s.text(30, 70, "Folio fiscal (UUID): " + UUID, size=7.5)
    s.text(330, 70, "Fecha y hora de emisión: 03/06/2025 09:12:44", size=7.5)
    s.text(30, 80, "Moneda: USD", size=7.5)
    s.text(330, 80, "Versión: 4.0", size=7.5)
    s.text(33, 100, "RECEPTOR", font=BOLD, size=7.5)
    s.text(30, 112, "Nombre:", font=BOLD, size=7.5)
    s.text(62, 112, "NORTHERN TOOLING CORP", size=7.5)
    s.text(30, 122, "RFC: XEXX010101000", size=7.5)
    s.text(400, 160, "Subtotal", size=7.5)
    s.right(570, 160, "12,500.00", size=7.5)
    s.text(400, 170, "Total", size=7.5)
    s.right(570, 170, "12,500.00", size=7.5)
    s.new_page()
    s.text(160, 56, "ANEXO - COMPLEMENTO PARA COMERCIO EXTERIOR", font=BOLD, size=10)
    s.text(30, 78, "Incoterm: FCA", size=7.5)
    s.text(330, 78, "NumRegIdTrib del receptor: 75-5656144", size=7.5)
    for x, head in ((32, "No. identificación"), (140, "Fracción arancelaria"), (330, "Valor unitario aduana")):
        s.text(x, 100, head, font=BOLD, size=7)
    s.right(570, 100, "Valor dólares", font=BOLD, size=7)
    s.save()
    fields, _lines, _result = _values(path)
    assert fields["receiver_name"] == "NORTHERN TOOLING CORP"


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("8,574,72", 8574.72),  # the decimal point OCR read as a thousands comma
        ("1.234.567,89", 1234567.89),
        ("-1,234,56", -1234.56),
        ("1,897,000", 1897000.0),  # groups of three are thousands: left alone
        ("569,70", 569.70),  # one separator: a decimal comma, as before
    ],
)
def test_a_last_group_of_two_digits_is_the_cents(printed: str, value: float) -> None:
    parsed = parse_money(printed)
    assert parsed is not None and parsed[0] == pytest.approx(value)


def test_a_speck_glued_between_a_bare_label_and_its_figure_is_a_colons_place() -> None:
    note = "Clave SAT.31161800 - Cant. aduana 2,700.000 - U. aduana 06 - Valor USD;56,997,00"
    line: dict[str, Any] = {"_note": {"value": note, "confidence": 0.9, "page": 1, "bbox": None, "raw": note}}
    labelled_in_note(line)
    values = {key: cell["value"] for key, cell in line.items()}
    assert values == {
        "product_key": "31161800",
        "customs_quantity": pytest.approx(2700.0),
        "customs_unit": "06",
        "usd_value": pytest.approx(56997.0),
    }


def _figures(**values: float) -> dict[str, Any]:
    return {
        key: {"value": value, "confidence": 0.9, "page": 1, "bbox": None, "raw": str(value)}
        for key, value in values.items()
    }


def test_a_valor_dolares_with_one_digit_misread_is_the_amount_the_arithmetic_witnesses() -> None:
    line = _figures(quantity=336.0, unit_price=25.52, amount=8574.72, usd_value=8874.72)
    repair_figures(line, usd=True)
    assert line["usd_value"]["value"] == pytest.approx(8574.72)
    assert line["usd_value"]["confidence"] == REPAIRED  # still a person's to confirm


def test_a_valor_dolares_two_digits_away_is_left_as_read() -> None:
    line = _figures(quantity=336.0, unit_price=25.52, amount=8574.72, usd_value=8871.92)
    repair_figures(line, usd=True)
    assert line["usd_value"]["value"] == pytest.approx(8871.92)


@pytest.mark.parametrize(
    "printed", ["3E43FB6C-73CF-4C5B-93A3-00077282B117", "fisc: 3E43FB6C-73CF-4C5B-93A3-OOO77282B117"]
)
def test_a_uuid_under_a_folio_label_is_no_folio(printed: str) -> None:
    assert _folio(printed) is None


def test_a_folio_is_still_read_beside_its_series() -> None:
    assert _folio("FE 47733") == ("47733", (3, 8))


@pytest.mark.parametrize(
    "printed", ["GREAT LAKES WIRE-£ CABLE LLC", "GREAT LAKES WIRE £ CABLE LLC", "GREAT LAKES WIRE 8 CABLE LLC"]
)
def test_a_pound_sign_ocr_ran_into_a_word_is_the_ampersand(printed: str) -> None:
    parsed = party_name(printed)
    assert parsed is not None and parsed[0] == "GREAT LAKES WIRE & CABLE LLC"


def test_a_figure_glued_to_a_word_of_a_name_stays() -> None:
    parsed = party_name("B8 PARTS INC")
    assert parsed is not None and parsed[0] == "B8 PARTS INC"


def test_words_a_scan_set_a_point_apart_on_one_line_keep_their_order() -> None:
    tops = {"ARNES": 216.4, "ELECTRICO": 215.6, "PARA": 216.5, "VEHICULO": 215.4, "AUTOMOTOR": 215.7, "CABLE": 225.2}
    words = [
        PageWord(
            text=text,
            x0=100.0 + 40 * k if text != "CABLE" else 100.0,
            top=top,
            x1=130.0 + 40 * k,
            bottom=top + 7.0,
            confidence=0.9,
        )
        for k, (text, top) in enumerate(tops.items())
    ]
    ordered = [word.text for word in reading_order(list(reversed(words)))]
    assert ordered == ["ARNES", "ELECTRICO", "PARA", "VEHICULO", "AUTOMOTOR", "CABLE"]
