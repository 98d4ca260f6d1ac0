"""Invoices sold by the dozen or the gross with the pieces beside the unit of sale (``Qty | U/M | Pcs | Price per
U/M``), and an invoice printed with its packing list in one document (the packing list repeating the part numbers
and quantities, weighed, on its own page; the title in its own box beside the letterhead). Each rule is tested on
its own small page so that a failure names the rule."""

from __future__ import annotations

from typing import Any

from extractors.classify import document_title
from extractors.invoice import tidy_scanned_name
from extractors.invoice_issuer import issuer_country
from extractors.invoice_lines import sold_in_pieces
from extractors.review import repeats_a_line
from extractors.review_slips import _at_fixed_width
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of

DOZEN_ROWS: list[tuple[float, str]] = [
    (30, "LAHORE GLOVE WORKS (PVT) LTD.                                        COMMERCIAL INVOICE"),
    (30, "Plot 7, Sundar Industrial Estate, Lahore, Pakistan                   Invoice No.: 5531"),
    (30, "Tax ID: 44-1234567                                                   Date: 03/14/2025"),
    (30, "SOLD TO:   ENSAMBLES DEL BAJIO S.A. DE C.V.                          Terms of sale: FOB"),
    (30, "           Av. Norte 12, Celaya, Gto.                                Payment: NET 30"),
    (30, "           RFC: EBA150101AB1                                         Customer P.O.: 7781"),
    (30, "Item  Part No.   Description          Fracc. MX    Qty  U/M     Pcs  Price per U/M     Amount"),
    (30, "1     GL-100     Guante de nitrilo    40151999      22  DZ      264         0.7368      16.21"),
    (30, "2     GL-200     Guante de algodon    61169999      10  GRS   1,440        14.4000     144.00"),
    (30, "3     CT-300     Cinta adhesiva       39199099     583  PCS     583         1.2316     718.02"),
    (30, "                                                                 Subtotal              878.23"),
    (30, "                                                                 Total USD             878.23"),
    (30, "1 DZ = 12 PCS   1 GRS = 144 PCS"),
]


def test_lines_sold_by_the_dozen_count_their_pieces() -> None:
    """``22 | DZ | 264 | 0.7368``: 264 pieces, the price quoted for twelve of them (no price of one is printed);
    ``583 | PCS | 583 | 1.2316``: sold by the piece, its price is the unit price."""
    lines = line_values(run(DOZEN_ROWS))
    assert [(line["quantity"], line["unit"], line.get("unit_price")) for line in lines] == [
        (264.0, "PCS", None),
        (1440.0, "PCS", None),
        (583.0, "PCS", 1.2316),
    ]
    assert [(line.get("quoted_price"), line.get("price_basis")) for line in lines[:2]] == [(0.7368, 12), (14.4, 144)]
    assert [line["amount"] for line in lines] == [16.21, 144.0, 718.02]


def test_dozens_document_checks_out() -> None:
    """The pieces times the price of one piece give each amount: no line goes to review."""
    out = run(DOZEN_ROWS)
    assert not [w for w in out.warnings if w["code"] in ("line_mismatch", "line_incomplete", "totals_mismatch")]


def test_company_beside_its_caption_over_the_address() -> None:
    """``SOLD TO:   ENSAMBLES … S.A. DE C.V.`` with the address under the caption's column: the name beside it."""
    assert values_of(run(DOZEN_ROWS))["buyer_name"] == "ENSAMBLES DEL BAJIO S.A. DE C.V."


def test_country_named_in_a_letterhead_beside_the_forms_boxes() -> None:
    """Pakistan, named at the end of the letterhead's address, with the invoice number a gutter to its right."""
    assert values_of(run(DOZEN_ROWS))["origin_country"] == "PAK"
    assert issuer_country("ACME LTD.\nUnit 5, 21 Kwai Fung Cres., Hong Kong   No. 9908774   Date 01/19/2024") == "HKG"
    # one space between the parts: the country is no address line's end
    assert issuer_country("ACME LTD.\nUnit 5, 21 Kwai Fung Cres., Hong Kong No. 9908774 Date 01/19/2024") is None


def _cell(value: Any) -> dict[str, Any]:
    return {"value": value, "confidence": 0.9, "raw": str(value)}


def test_pieces_beside_a_measure_or_no_multiple_change_nothing() -> None:
    """A pieces column beside kilograms counts no pieces of a kilogram; pieces that are no whole multiple of the
    quantity, or a price that does not give the amount, are not a unit of sale's pieces."""
    kilos = {"quantity": _cell(10.0), "unit": _cell("KG"), "_pieces": _cell(40.0)}
    kilos |= {"unit_price": _cell(2.0), "amount": _cell(20.0)}
    sold_in_pieces(kilos)
    assert kilos["quantity"]["value"] == 10.0 and "_pieces" not in kilos and "quoted_price" not in kilos
    odd = {"quantity": _cell(10.0), "unit": _cell("BOX"), "_pieces": _cell(45.0)}
    odd |= {"unit_price": _cell(2.0), "amount": _cell(20.0)}
    sold_in_pieces(odd)
    assert odd["quantity"]["value"] == 10.0 and odd["unit_price"]["value"] == 2.0
    unpriced = {"quantity": _cell(10.0), "unit": _cell("DZ"), "_pieces": _cell(120.0)}
    unpriced |= {"unit_price": _cell(2.0), "amount": _cell(99.0)}
    sold_in_pieces(unpriced)
    assert unpriced["quantity"]["value"] == 10.0


def test_packing_list_row_repeats_a_line() -> None:
    """The packing list's row prints the line's part number and quantity with cartons and weights: the same goods;
    a row with the line's amount, or another part number, is not a repeat."""
    line = {"part_number": _cell("A-657724"), "quantity": _cell(132.0), "unit_price": _cell(1.4351)}
    line["amount"] = _cell(189.43)
    packed = "A-657724 Pieza de plastico moldeada 132 1 12.31 13.89"
    assert repeats_a_line(packed, ["12.31", "13.89"], [line])
    billed = "A-657724 Pieza de plastico moldeada 132 KG 1.4351 189.43"
    assert not repeats_a_line(billed, ["1.4351", "189.43"], [line])
    other = "B-1 Pieza de plastico moldeada 132 1 12.31 13.89"
    assert not repeats_a_line(other, ["12.31", "13.89"], [line])


def test_descriptions_cut_at_a_fixed_width() -> None:
    """Two descriptions or more at the same greatest length: the issuer's system cuts them there, so one ending in
    ``para en`` at that length is the cut; a shorter one ending so lost its last line."""
    texts = ["Pieza de plastico moldeada para en", "Cinta adhesiva de plastico en roll", "Tornillo de acero con"]
    lines = [{"description": _cell(text)} for text in texts]
    assert _at_fixed_width(texts[0], lines)
    assert not _at_fixed_width(texts[2], lines)
    assert not _at_fixed_width(texts[0], lines[:1] + lines[2:])


def test_title_in_its_own_box_beside_the_letterhead() -> None:
    """``ACME LTD.   COMMERCIAL INVOICE`` (a gutter between): the title; a word space between is one name."""
    assert document_title("NORTHSTAR COMPONENTS LTD.   COMMERCIAL INVOICE\nUnit 5") == "COMMERCIAL INVOICE"
    assert document_title("NORTHSTAR COMPONENTS LTD. COMMERCIAL INVOICE\nUnit 5") is None


def test_quantity_glued_to_its_unit_by_a_scan() -> None:
    """``33:<DZ``: a scan read the quantity and the unit as one word at the unit's column; the figure is the
    quantity (then 396 pieces of it) and the letters the unit."""
    row = "1     GL-100     Guante de nitrilo    40151999       33:<DZ    396         7.6980     254.03"
    rows = [*DOZEN_ROWS[:7], (30, row)]
    rows += [(30, "                                                                 Total USD             254.03")]
    lines = line_values(run(rows))
    assert [(line["quantity"], line["unit"], line.get("quoted_price")) for line in lines] == [(396.0, "PCS", 7.698)]


def test_scanned_ampersand_read_as_an_eight() -> None:
    """``GLOVES 8. TRIMS``: a scan's eight (its speck a stop) alone between a name's words is the ampersand; a
    figure beside a word is left alone."""
    assert tidy_scanned_name("GUANGZHOU GLOVES 8. TRIMS CO., LTD.") == "GUANGZHOU GLOVES & TRIMS CO., LTD."
    assert tidy_scanned_name("SMITH 8 SONS INC") == "SMITH & SONS INC"
    assert tidy_scanned_name("PLANT 18 INDUSTRIES INC") == "PLANT 18 INDUSTRIES INC"
