"""Invoices of two more kinds: a US parent's no-charge consignment invoice to its maquiladora (the US ten-digit
HTS code in a column of its own beside the Mexican fracción, the title "Consignment Invoice") and a Korean
maker's export invoice on the standard numbered form (captions in Korean and English, the number and date of
the invoice in one box, dates written ``2025. 08. 27.``, the Korean HSK code under each description, a long
description running under the quantity's heading). Each rule is tested on its own small page so that a failure
names it."""

from __future__ import annotations

from extractors.classify import classify_text
from extractors.entities import recognisers
from extractors.invoice_lines import _page_notice
from extractors.layout import Line, group_lines
from extractors.text import Word
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of


def consignment_row(ln: str, part: str, desc: str, us: str, mx: str, coo: str, qty: str, value: str) -> str:
    return f"{ln:<4}{part:<12}{desc:<26}{us:<15}{mx:<12}{coo:<5}{qty:>8}{value:>12}{'N/C':>8}"


def test_a_us_hts_column_beside_the_mexican_fraccion_is_not_the_fraccion() -> None:
    """``US HTS`` names the United States' own ten-digit code: the fracción is the ``MX Fracc.`` column's, and
    the country column after it keeps its countries."""
    rows = [
        (40, "NORTHLAND INDUSTRIAL CONTROLS INC"),
        (40, "CONSIGNMENT INVOICE"),
        (40, "Invoice No.: A4695-17"),
        (40, consignment_row("Ln", "Part No.", "Description", "US HTS", "MX Fracc.", "COO", "Qty", "Ext. Value")),
        (40, consignment_row("1", "SKU-426601", "Conector", "8536.90.7960", "8536.90.99", "KR", "4,163", "1,271.80")),
        (40, consignment_row("2", "PN-920263", "Resistencia", "8533.40.3892", "8533.40.99", "JP", "596", "75.39")),
    ]
    lines = line_values(run(rows))
    assert [line["tariff_code"] for line in lines] == ["85369099", "85334099"]
    assert [line["origin_country"] for line in lines] == ["KOR", "JPN"]


def test_a_consignment_invoice_is_titled_an_invoice() -> None:
    text = "NORTHLAND INDUSTRIAL CONTROLS INC\nCONSIGNMENT INVOICE\nNO COMMERCIAL VALUE\nShipper\nConsignee\n"
    assert classify_text(text).doc_type == "commercial_invoice"
    assert "title CONSIGNMENT INVOICE" in classify_text(text).evidence["commercial_invoice"]


def test_a_korean_date() -> None:
    """Korean documents write a date year first, each part closed by a point and a space after it."""
    assert [hit.value for hit in recognisers.dates("2025. 08. 27.")] == ["2025-08-27"]
    assert [hit.value for hit in recognisers.dates("INV-2024-41772  2024. 8. 1.")] == ["2024-08-01"]


KOREAN_ROWS = [
    (40, "COMMERCIAL INVOICE"),
    # the Korean captions before the English ones are blank on a scan: the English alone must do
    (40, "      Shipper/Exporter                              No. & date of invoice"),
    (40, "HANSUNG PRECISION CO., LTD.          INV-2024-41772  2024. 08. 11."),
    (40, "          For account & risk of Messrs."),
    (40, "ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."),
    (40, "RFC: ELG891012H85"),
]


def test_a_number_and_date_box_wider_than_its_caption() -> None:
    """The number stands left of the "No. & date of invoice" caption's words, the date under them: the value
    runs left from under the caption to its start, and the year is no invoice number."""
    values = values_of(run(KOREAN_ROWS))
    assert values["invoice_number"] == "INV-2024-41772"
    assert values["invoice_date"] == "2024-08-11"


def test_a_name_starting_left_of_its_caption() -> None:
    """The buyer's name starts at its box's left, left of the caption's English words."""
    assert values_of(run(KOREAN_ROWS))["buyer_name"] == "ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."


def test_a_bare_hs_code_line_under_the_description() -> None:
    """``HS 8533.40-5300`` on a line of its own under the goods (no colon after the label) is the item's code
    note, none of its description; grouped six and four (Korea's ten-digit HSK), it is no fracción."""
    rows = [
        (40, "COMMERCIAL INVOICE"),
        (40, "Marks        Description of goods                    Quantity    Unit price      Amount"),
        (40, "MEXICO       RESISTENCIA VARIABLE (POTENCIOMETRO)   1,200 PCS     US$0.4500   US$540.00"),
        (40, "             P/N: A-660599"),
        (40, "             HS 8533.40-5300"),
        (40, "             CAJA DE CARTON CORRUGADO                 100 PCS     US$1.0000   US$100.00"),
        (40, "             P/N: PN-693968"),
        (40, "             HS 4819.10-5590"),
    ]
    lines = line_values(run(rows))
    descriptions = [line["description"] for line in lines]
    assert descriptions == ["RESISTENCIA VARIABLE (POTENCIOMETRO)", "CAJA DE CARTON CORRUGADO"]
    assert [line["part_number"] for line in lines] == ["A-660599", "PN-693968"]
    assert all("tariff_code" not in line for line in lines)


def test_a_description_running_under_the_quantitys_heading() -> None:
    """A description longer than its column runs up to a point from the right-aligned quantity: its last words
    are the description's, the figure and its unit the quantity's."""
    rows = [
        (40, "COMMERCIAL INVOICE"),
        (40, "Description of goods                                  Quantity    Unit price      Amount"),
        (40, "CAJA DE CARTON                                        100 PCS     US$1.0000   US$100.00"),
        (40, "LAMINA DE ALEACION DE ALUMINIO, ESPESOR SUPERIOR A 0.2 MM 41 KG     US$1.0000    US$41.00"),
        (40, "TORNILLO DE ACERO                                     200 PCS     US$1.0000   US$200.00"),
    ]
    lines = line_values(run(rows))
    assert lines[1]["description"] == "LAMINA DE ALEACION DE ALUMINIO, ESPESOR SUPERIOR A 0.2 MM"
    assert (lines[1]["quantity"], lines[1]["unit"]) == (41.0, "KG")
    assert lines[0]["description"] == "CAJA DE CARTON"


def test_words_printed_over_each_other_on_one_baseline_are_one_line() -> None:
    """A description too long for its column printed across the start of the quantity beside it: both share the
    baseline, so they are one printed line, not two lines in either order."""
    words = [
        Word("MONTAJE", 282, 100, 318, 107.2, 1.0),
        Word("SUPERFICIAL", 320, 100, 368, 107.2, 1.0),
        Word("18,394", 363, 100, 385, 107.2, 1.0),
        Word("PCS", 387, 100, 402, 107.2, 1.0),
        Word("P/N:", 282, 109, 296, 116.2, 1.0),  # the next printed line, close under
    ]
    lines = group_lines(words)
    assert [[w.text for w in line.words] for line in lines] == [["MONTAJE", "SUPERFICIAL", "18,394", "PCS"], ["P/N:"]]


def test_a_page_break_notice_in_two_scripts() -> None:
    def line(*texts: str) -> Line:
        words = [Word(text, 40 + 40 * k, 100, 75 + 40 * k, 108, 1.0) for k, text in enumerate(texts)]
        return Line(words=words, top=100, bottom=108)

    assert _page_notice(line("계속", "/", "Continued"))
    assert _page_notice(line("/", "Continued"))  # a scan without the other script's font
    assert not _page_notice(line("계속"))
    assert not _page_notice(line("LAMINA", "/", "Continued"))
