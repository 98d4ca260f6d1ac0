"""Commercial invoices read by layout: a bilingual invoice drawn as words with boxes (no vendor template)."""

from __future__ import annotations

from extractors.entities import find_entities
from extractors.invoice import extract_invoice
from extractors.invoice_values import parse_last_money, parse_money, parse_reference
from extractors.result import ExtractionContext
from extractors.text import DocumentText, PageText, Word

CHAR = 5.0  # points per character
LINE = 14.0


def page_from(rows: list[tuple[float, str]], number: int = 1, confidence: float = 1.0) -> PageText:
    """Words placed as printed: each row is (x of its first character, text); spaces keep their width."""
    words: list[Word] = []
    lines: list[str] = []
    for index, (x, text) in enumerate(rows):
        top = 40.0 + index * LINE
        position = 0
        for token in text.split(" "):
            if token:
                x0 = x + position * CHAR
                words.append(Word(token, x0, top, x0 + len(token) * CHAR, top + 10.0, confidence))
            position += len(token) + 1
        lines.append(text)
    source = "text_layer" if confidence == 1.0 else "ocr"
    return PageText(number, "\n".join(lines), words, source, None if confidence == 1.0 else confidence, 612, 792, 0)


INVOICE_ROWS = [
    (40, "ACME WIRE PRODUCTS LLC"),
    (40, "COMMERCIAL INVOICE / FACTURA COMERCIAL"),
    (40, "Invoice No. / No. de factura:  INV-2024-0915"),
    (40, "Invoice date / Fecha:  Sep 26, 2024"),
    (40, "Sold to / Comprador:"),
    (40, "Maquiladora del Norte SA de CV"),
    (40, "RFC: CPP110627SM4"),
    (40, "Incoterm: FCA Laredo TX          Currency / Moneda: USD"),
    (40, "Country of origin: United States"),
    (40, "Part No      Description              Qty     Unit Price     Amount      HS Code        Origin"),
    (40, "HAR-100      Wire harness 12 pin      100     10.00          1,000.00    8544.42.99     USA"),
    (40, "HAR-200      Wire harness 4 pin       50      5.50           275.00      8544.42.99     MEX"),
    (40, "CLP-7        Clip, nylon              1,000   0.10           100.00      3926.90.99     CHN"),
    (40, "Subtotal                                                     1,375.00"),
    (40, "Total USD                                                    1,375.00"),
]


def run(rows: list[tuple[float, str]], confidence: float = 1.0):
    page = page_from(rows, confidence=confidence)
    doc = DocumentText("application/pdf", [page])
    context = ExtractionContext(entities={1: find_entities(page.text)})
    return extract_invoice(doc, context)


def test_header_fields_from_labels() -> None:
    out = run(INVOICE_ROWS)
    values = {name: field["value"] for name, field in out.fields.items()}
    assert values["invoice_number"] == "INV-2024-0915"
    assert values["invoice_date"] == "2024-09-26"
    assert values["buyer_name"] == "Maquiladora del Norte SA de CV"
    assert values["buyer_tax_id"] == "CPP110627SM4"
    assert values["incoterm"] == "FCA"
    assert values["currency"] == "USD"
    assert values["origin_country"] == "USA"
    assert values["subtotal_amount"] == 1375.0
    assert values["total_amount"] == 1375.0
    assert values["seller_name"] == "ACME WIRE PRODUCTS LLC"
    number = out.fields["invoice_number"]
    assert number["page"] == 1 and number["raw"] == "INV-2024-0915"
    assert number["bbox"][0] > 40 and number["bbox"][1] == 40 + 2 * LINE


def test_line_items_by_column_alignment() -> None:
    out = run(INVOICE_ROWS)
    lines = [{name: cell["value"] for name, cell in line.items()} for line in out.lines]
    assert [line["part_number"] for line in lines] == ["HAR-100", "HAR-200", "CLP-7"]
    assert [line["quantity"] for line in lines] == [100.0, 50.0, 1000.0]
    assert [line["unit_price"] for line in lines] == [10.0, 5.5, 0.1]
    assert [line["amount"] for line in lines] == [1000.0, 275.0, 100.0]
    assert [line["tariff_code"] for line in lines] == ["85444299", "85444299", "39269099"]
    assert [line["origin_country"] for line in lines] == ["USA", "MEX", "CHN"]
    assert lines[0]["description"] == "Wire harness 12 pin"
    assert out.warnings == []


def test_totals_that_do_not_add_up_are_flagged() -> None:
    rows = [
        row if not row[1].startswith("Subtotal") else (40, "Subtotal" + " " * 53 + "1,475.00") for row in INVOICE_ROWS
    ]
    out = run(rows)
    assert "totals_mismatch" in [warning["code"] for warning in out.warnings]


def test_ocr_confidence_flows_into_field_confidence() -> None:
    clean = run(INVOICE_ROWS).fields["invoice_number"]["confidence"]
    scanned = run(INVOICE_ROWS, confidence=0.6).fields["invoice_number"]["confidence"]
    assert scanned < clean
    assert abs(scanned - 0.6 * clean) < 0.05


def test_spanish_only_invoice_with_european_amounts() -> None:
    rows = [
        (40, "FACTURA"),
        (40, "Número de factura: A-7781"),
        (40, "Fecha: 26 de septiembre de 2024"),
        (40, "Cliente: Industrias Fronterizas SA de CV"),
        (40, "Moneda: EUR"),
        (40, "Código       Descripción          Cantidad    Precio unitario    Importe"),
        (40, "MX-01        Tornillo M6          2.000       0,15               300,00"),
        (40, "MX-02        Tuerca M6            1.000       0,08               80,00"),
        (40, "Total                                                            380,00"),
    ]
    out = run(rows)
    values = {name: field["value"] for name, field in out.fields.items()}
    assert values["invoice_number"] == "A-7781"
    assert values["invoice_date"] == "2024-09-26"
    assert values["currency"] == "EUR"
    assert values["total_amount"] == 380.0
    lines = [{name: cell["value"] for name, cell in line.items()} for line in out.lines]
    assert [line["quantity"] for line in lines] == [2000.0, 1000.0]
    assert [line["amount"] for line in lines] == [300.0, 80.0]


def test_value_parsers() -> None:
    assert parse_reference("n°562044387 du 02 Juillet 2015") == ("562044387", (2, 11))
    assert parse_reference("# BLR_WFLD20151000982590")[0] == "BLR_WFLD20151000982590"
    assert parse_reference("28/11/2022") is None
    assert parse_money("August 3 , 2014 $4.11")[0] == 4.11
    assert parse_last_money("1 278.61 40.39 319.00")[0] == 319.0
    assert parse_money("Rs 1939")[0] == 1939.0
    assert parse_money("15.00% $ 42.00")[0] == 42.0


CATALOG_ROWS = [
    (40, "TOKAI SEIMITSU KOGYO KK                  FACTURA COMERCIAL"),
    (40, "INVOICE NO: B543-93"),
    (40, "Fecha de factura 29/04/2025"),
    (40, "Moneda: USD"),
    (40, "Goods Description                       Cat. No.     Qty        Price      Extended"),
    (40, "Lamina de aleacion de aluminio          PN-386478    224 PCS    5.5114     1,234.55"),
    (40, "Capacitor ceramico multicapa            A-133488     10 PCS     2.0000     20.00"),
    (40, "TOTAL USD:                                                                 1,254.55"),
]


def test_a_catalogue_number_column_is_the_part_number() -> None:
    lines = [{name: cell["value"] for name, cell in line.items()} for line in run(CATALOG_ROWS).lines]
    assert [line["part_number"] for line in lines] == ["PN-386478", "A-133488"]
    assert [line["quantity"] for line in lines] == [224.0, 10.0]


def test_a_code_in_an_unlabelled_column_is_the_part_number() -> None:
    rows = [
        row if "Cat. No." not in row[1] else (40, row[1].replace("Cat. No.", "        "))  # the heading left blank
        for row in CATALOG_ROWS
    ]
    lines = [{name: cell["value"] for name, cell in line.items()} for line in run(rows).lines]
    assert [line.get("part_number") for line in lines] == ["PN-386478", "A-133488"]
    assert [line["description"] for line in lines] == ["Lamina de aleacion de aluminio", "Capacitor ceramico multicapa"]


def test_code_shapes() -> None:
    from extractors.line_rules import is_code

    assert all(is_code(code) for code in ("PN-386478", "A-133488", "HAR-100", "X7R-0603"))
    assert not any(is_code(text) for text in ("8305", "1,234.55", "PCS", "Cable"))


def test_a_part_number_read_on_some_lines_only_sends_the_invoice_to_review() -> None:
    from extractors.review import review_checks

    rows = [
        row if not row[1].startswith("Capacitor") else (40, row[1].replace("A-133488", "        "))
        for row in CATALOG_ROWS
    ]
    out = run(rows)
    review_checks("commercial_invoice", out)
    assert "line_incomplete" in [warning["code"] for warning in out.warnings]
