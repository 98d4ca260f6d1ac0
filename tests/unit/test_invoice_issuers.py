"""Invoices as issuers the development arrangements do not draw print them: a German supplier's (address
window, bilingual labels, ``1.234,50``, labelled notes under each description) and an Asian exporter's (``To:``
addressee, registration number, shipping marks, ``SAY TOTAL``, a totals block of several rows). Each rule is
tested on its own small page so that a failure names the rule."""

from __future__ import annotations

from extractors import layout
from extractors.classify import classify_text
from extractors.entities import find_entities
from extractors.invoice_totals import settle_totals, words_value
from extractors.layout.values import parse_date
from extractors.line_rules import labelled_notes
from extractors.result import ResultBuilder
from extractors.text import DocumentText, Word
from tests.unit.test_invoice import page_from, run

GERMAN_ROWS = [
    (300, "RHEIN METALLTEILE GMBH & CO. KG"),
    (56, "RHEIN METALLTEILE GMBH & CO. KG · Industriestr. 14 · 40231 Hamm      Rechnungs-Nr. / Invoice No.  R-815"),
    (56, "MAQUILADORA DEL NORTE S.A. DE C.V.                                  Datum / Date  12.03.2024"),
    (56, "Av. Industrial 1200, Cd. Juárez                                     Lieferbedingung / Incoterms  FCA Hamm"),
    (56, "MEXIKO                                                              Währung / Currency  EUR"),
    (56, "RFC: MNO010203AB4"),
    (56, "Handelsrechnung / Commercial Invoice"),
    (56, "Pos.  Art.-Nr. / Part No.   Artikel                     Menge / Qty  ME   Einzelpreis   Gesamtpreis"),
    (56, "010   PN-4711                Kabel, isoliert                   1.200  PCS       1,0250      1.230,00"),
    (56, "                             Zolltarifnr.: 8544 49 99"),
    (56, "                             Ursprungsland: Deutschland"),
    (56, "020   SKU-0815               Stecker fuer Leiterplatten           50  EA        2,5000        125,00"),
    (56, "                             Zolltarifnr.: 8536 90 99"),
    (56, "                             Ursprungsland: Deutschland"),
    (56, "                                                 Summe netto                       1.355,00"),
    (56, "                                                 MwSt. 0 % (steuerfrei)                0,00"),
    (56, "                                                 Endbetrag EUR                     1.355,00"),
    (56, "Geschäftsführer: K. Weber · HRB 4711       USt-IdNr.: DE123456789 · Steuer-Nr.: 103/5710/0815"),
]

EXPORTER_ROWS = [
    (200, "SHENZHEN BRIGHTWAY ELECTRONICS CO., LTD."),
    (200, "No. 88 Keji Road, Nanshan District, Shenzhen"),
    (160, "TEL: +86-755-82576201   USCC: 91440300123456789X"),
    (220, "COMMERCIAL INVOICE"),
    (36, "TO:      TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V.        Inv. No.:  EX-24-0091"),
    (36, "         Av. de la Luz 24, Queretaro, Qro.                   Date:      2024/03/27"),
    (36, "         RFC: TAQ850101AB1                                   Price Term:  FOB SHENZHEN"),
    (36, "From: SHENZHEN, CHINA   To: MANZANILLO, MEXICO   By: SEA"),
    (36, "Country of Origin: CHINA"),
    (36, "Marks & Nos.  Item No.    Description of Goods            Quantity    Unit Price      Amount"),
    (36, "                                                                      FOB SHENZHEN       USD"),
    (36, "N/M           A-371450    CONECTOR ELECTRICO PARA        1,200 PCS    US$0.4500     US$540.00"),
    (36, "                          CIRCUITO MODEL: 371450-01"),
    (36, "              B-20        TORNILLO DE ACERO                  500 PCS    US$0.1000      US$50.00"),
    (36, "                          MODEL: 20A"),
    (36, "                          TOTAL:                         1,700 PCS"),
    (36, "                                                    TOTAL VALUE:                   US$590.00"),
    (36, "                                                    Ocean Freight:                  US$25.00"),
    (36, "                                                    GRAND TOTAL:                   US$615.00"),
    (36, "SAY TOTAL US DOLLARS SIX HUNDRED AND FIFTEEN ONLY."),
    (36, "                                          FOR AND ON BEHALF OF SHENZHEN BRIGHTWAY ELECTRONICS CO., LTD."),
]


def values_of(out: ResultBuilder) -> dict[str, object]:
    return {name: field["value"] for name, field in out.fields.items()}


def line_values(out: ResultBuilder) -> list[dict[str, object]]:
    return [{key: cell["value"] for key, cell in line.items()} for line in out.lines]


def test_german_header_labels_vat_id_and_legal_form() -> None:
    values = values_of(run(GERMAN_ROWS))
    assert values["invoice_number"] == "R-815"
    assert values["invoice_date"] == "2024-03-12"
    assert values["incoterm"] == "FCA"
    assert values["currency"] == "EUR"
    # the VAT id (USt-IdNr.), not the local tax number printed after it
    assert values["seller_tax_id"] == "DE123456789"
    # "GmbH & Co. KG" is one legal form, not "GmbH" followed by noise
    assert values["seller_name"] == "RHEIN METALLTEILE GMBH & CO. KG"
    assert values["subtotal_amount"] == 1355.0
    assert values["total_amount"] == 1355.0


def test_address_window_addressee_is_the_buyer() -> None:
    """No label names the buyer: the line under the sender's return address (``name · street · city``) does."""
    assert values_of(run(GERMAN_ROWS))["buyer_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."


def test_german_table_comma_decimals_and_labelled_notes() -> None:
    lines = line_values(run(GERMAN_ROWS))
    assert lines == [
        {
            "part_number": "PN-4711",
            "description": "Kabel, isoliert",
            "quantity": 1200.0,
            "unit": "PCS",
            "unit_price": 1.025,
            "amount": 1230.0,
            "tariff_code": "85444999",
            "origin_country": "DEU",
        },
        {
            "part_number": "SKU-0815",
            "description": "Stecker fuer Leiterplatten",
            "quantity": 50.0,
            "unit": "EA",
            "unit_price": 2.5,
            "amount": 125.0,
            "tariff_code": "85369099",
            "origin_country": "DEU",
        },
    ]


def test_exporter_header_fields() -> None:
    values = values_of(run(EXPORTER_ROWS))
    assert values["buyer_name"] == "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V."
    assert values["seller_tax_id"] == "91440300123456789X"
    assert values["invoice_number"] == "EX-24-0091"
    assert values["invoice_date"] == "2024-03-27"
    assert values["incoterm"] == "FOB"
    assert values["origin_country"] == "CHN"
    assert values["seller_name"] == "SHENZHEN BRIGHTWAY ELECTRONICS CO., LTD."


def test_totals_block_last_row_is_due_and_lines_sum_is_subtotal() -> None:
    values = values_of(run(EXPORTER_ROWS))
    assert values["total_amount"] == 615.0
    assert values["subtotal_amount"] == 590.0


def test_marks_column_and_model_lines() -> None:
    """Shipping marks (``N/M``) are no part number; the model line under a description belongs to it."""
    lines = line_values(run(EXPORTER_ROWS))
    assert [line["part_number"] for line in lines] == ["A-371450", "B-20"]
    assert lines[0]["description"] == "CONECTOR ELECTRICO PARA CIRCUITO MODEL: 371450-01"
    assert lines[1]["description"] == "TORNILLO DE ACERO MODEL: 20A"
    assert (lines[0]["quantity"], lines[0]["unit"], lines[0]["unit_price"], lines[0]["amount"]) == (
        1200.0,
        "PCS",
        0.45,
        540.0,
    )


def test_route_to_is_not_the_buyer() -> None:
    """``To:`` names the buyer only at the start of a line: in ``From … To …`` it is the destination."""
    rows = [row for row in EXPORTER_ROWS if not row[1].startswith("TO:")]
    rows.insert(4, (36, "Invoice No.:  EX-24-0091"))
    assert "MANZANILLO" not in str(values_of(run(rows)).get("buyer_name"))


def test_messrs_names_the_buyer() -> None:
    rows = [(36, row[1].replace("TO:", "Messrs.:")) if row[1].startswith("TO:") else row for row in EXPORTER_ROWS]
    assert values_of(run(rows))["buyer_name"] == "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V."


def test_totals_block_without_matching_lines_sets_no_subtotal() -> None:
    out = ResultBuilder()
    out.add_line({"amount": {"value": 100.0, "confidence": 1.0}})
    block = [
        layout.Found(120.0, 1, [word("120.00", 400, 0)], "120.00", 0.95),
        layout.Found(130.0, 1, [word("130.00", 400, 14)], "130.00", 0.95),
    ]
    settle_totals(out, block)
    assert out.fields["total_amount"]["value"] == 130.0
    assert "subtotal_amount" not in out.fields


def test_a_single_total_row_is_left_alone() -> None:
    out = ResultBuilder()
    out.set("total_amount", 99.0, 1.0)
    settle_totals(out, [layout.Found(100.0, 1, [word("100.00", 400, 0)], "100.00", 0.95)])
    assert out.fields["total_amount"]["value"] == 99.0


def word(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, top, x0 + 5 * len(text), top + 10, 1.0)


def test_labelled_notes_leave_the_description() -> None:
    cell = layout.Cell(
        words=[
            word("Cable", 100, 0),
            word("de", 130, 0),
            word("cobre", 145, 0),
            word("HS", 100, 14),
            word("Code:", 112, 14),
            word("8544.49.99", 140, 14),
            word("Origin:", 200, 14),
            word("Mexico", 240, 14),
            word("azul", 100, 28),
        ],
        page=1,
    )
    record = layout.Record(cells={"description": cell}, page=1)
    labelled_notes(record)
    assert record.text("description") == "Cable de cobre azul"
    assert record.text("tariff_code") == "8544.49.99"
    assert record.text("origin_country") == "Mexico"


def test_a_note_label_needs_its_colon() -> None:
    """``Made in`` or ``Origin`` inside the prose of a description is no note."""
    cell = layout.Cell(words=[word("Origin", 100, 0), word("series", 140, 0), word("cable", 180, 0)], page=1)
    record = layout.Record(cells={"description": cell}, page=1)
    labelled_notes(record)
    assert record.text("description") == "Origin series cable"
    assert "origin_country" not in record.cells


def test_a_column_read_keeps_its_value_over_a_note() -> None:
    cell = layout.Cell(words=[word("Cable", 100, 0), word("Origin:", 100, 14), word("China", 140, 14)], page=1)
    record = layout.Record(cells={"description": cell, "origin_country": layout.Cell([word("USA", 400, 0)], 1)})
    labelled_notes(record)
    assert record.text("description") == "Cable"
    assert record.text("origin_country") == "USA"


def test_year_first_dates() -> None:
    assert parse_date("2024/03/27") == ("2024-03-27", (0, 10))
    assert parse_date("2024.3.7") == ("2024-03-07", (0, 8))
    assert parse_date("2024/13/27") is None
    assert parse_date("2024/03-27") is None  # one separator throughout


def test_continued_header_subrow_is_no_description() -> None:
    """A table that breaks across pages repeats its header with the price term and currency under the price
    columns; on the next page that row must not end the last line's description."""
    first = EXPORTER_ROWS[:14]
    second = [
        (36, "(Continued)"),
        (36, "Marks & Nos.  Item No.    Description of Goods            Quantity    Unit Price      Amount"),
        (36, "                                                                      FOB SHENZHEN       USD"),
        (36, "              C-30        ARANDELA PLANA                     100 PCS    US$0.2000      US$20.00"),
        (36, "                                                    GRAND TOTAL:                   US$610.00"),
    ]
    pages = [page_from(first, 1), page_from(second, 2)]
    doc = DocumentText("application/pdf", pages)
    from extractors.invoice import extract_invoice
    from extractors.result import ExtractionContext

    context = ExtractionContext(entities={page.number: find_entities(page.text) for page in pages})
    lines = line_values(extract_invoice(doc, context))
    assert [line["part_number"] for line in lines] == ["A-371450", "B-20", "C-30"]
    assert lines[1]["description"] == "TORNILLO DE ACERO"
    assert lines[2]["description"] == "ARANDELA PLANA"


def test_german_and_exporter_invoices_are_invoices() -> None:
    for rows in (GERMAN_ROWS, EXPORTER_ROWS):
        text = "\n".join(text for _x, text in rows)
        result = classify_text(text, find_entities(text))
        assert result.doc_type == "commercial_invoice"
        assert result.confidence >= 0.8


def test_amount_in_words() -> None:
    assert words_value(" TOTAL US DOLLARS SIX THOUSAND THREE HUNDRED AND NINETY AND CENTS NINETY-EIGHT ") == 6390.98
    assert words_value(" US DOLLARS ONE MILLION TWO HUNDRED THOUSAND AND 05/100 ") == 1200000.05
    assert words_value(" US DOLLARS TWELVE ") == 12.0
    assert words_value(" TOTAL EUROS ") is None


def test_amount_in_words_disagreeing_with_the_total_sends_to_review() -> None:
    rows = [(x, text.replace("SIX HUNDRED AND FIFTEEN", "SIX HUNDRED AND FIFTY")) for x, text in EXPORTER_ROWS]
    assert "totals_mismatch" in [w["code"] for w in run(rows).warnings]
    assert "totals_mismatch" not in [w["code"] for w in run(EXPORTER_ROWS).warnings]
