"""Invoices as ERP and small-business accounting packages print them: a billing document with the customs
particulars labelled under each item (in two languages, with the Mexican fracción beside a six-digit commodity
code, the price per pricing unit), and a small distributor's form (``Category:CODE`` items under an "Activity"
column, a letterhead without a legal form, a party's name wrapped in a narrow box, no place for the origin)."""

from __future__ import annotations

from extractors import layout
from extractors.invoice_lines import by_number_convention
from extractors.line_rules import labelled_notes
from extractors.text import Word
from tests.unit.test_invoice import run


def word(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, top, x0 + 5 * len(text), top + 10, 1.0)


def words(text: str, x0: float, top: float) -> list[Word]:
    out, x = [], x0
    for token in text.split():
        out.append(word(token, x, top))
        x += 5 * len(token) + 5
    return out


def test_notes_labelled_in_two_languages_and_with_a_country() -> None:
    cell = layout.Cell(
        words=[
            *words("Cable de cobre", 100, 0),
            *words("Ursprungsland / Country of origin: Japan", 100, 14),
            *words("Commodity code: 8544.49", 100, 28),
            *words("Fracc. arancelaria (MX): 85444999", 100, 42),
        ],
        page=1,
    )
    record = layout.Record(cells={"description": cell}, page=1)
    labelled_notes(record)
    assert record.text("description") == "Cable de cobre"
    assert record.text("origin_country") == "Japan"
    # the Mexican fracción, not the six-digit heading printed above it
    assert record.text("tariff_code") == "85444999"


def test_a_mexican_tariff_label_wins_in_either_order() -> None:
    cell = layout.Cell(
        words=[
            *words("Tornillo", 100, 0),
            *words("Mexican tariff no. (fracción): 73181599", 100, 14),
            *words("HTS (US): 7318.15.2095", 100, 28),
        ],
        page=1,
    )
    record = layout.Record(cells={"description": cell}, page=1)
    labelled_notes(record)
    assert record.text("tariff_code") == "73181599"
    assert record.text("description") == "Tornillo"


def test_description_words_before_a_colon_are_no_label() -> None:
    """Every word up to the colon must be a label's or a qualifier's: prose ending in a colon stays."""
    cell = layout.Cell(words=words("Kit de origen mexicano: incluye tornillos", 100, 0), page=1)
    record = layout.Record(cells={"description": cell}, page=1)
    labelled_notes(record)
    assert record.text("description") == "Kit de origen mexicano: incluye tornillos"
    assert "origin_country" not in record.cells


def test_the_amounts_decimal_mark_reads_quantities_and_prices() -> None:
    def line(quantity: str, price: str, amount: str) -> dict[str, dict[str, object]]:
        return {
            "quantity": {"value": 0.0, "raw": quantity},
            "unit_price": {"value": 0.0, "raw": price},
            "amount": {"value": 0.0, "raw": amount},
        }

    points = [line("19,428", "5.724", "111,205.87")]
    by_number_convention(points)
    assert points[0]["quantity"]["value"] == 19428.0 and points[0]["unit_price"]["value"] == 5.724
    commas = [line("19.428", "5,724", "111.205,87")]
    by_number_convention(commas)
    assert commas[0]["quantity"]["value"] == 19428.0 and commas[0]["unit_price"]["value"] == 5.724
    mixed = [line("1,500", "2.000", "3,000.00"), line("1,500", "2.000", "3.000,00")]
    by_number_convention(mixed)  # no single convention: left as read
    assert mixed[0]["quantity"]["value"] == 0.0


ERP_ROWS: list[tuple[float, str]] = [
    (40, "WERK NORD GMBH                                          Commercial Invoice"),
    (40, "Hafenstrasse 3, 20457 Hamburg"),
    (40, "Sold-to party                             Billing document 7700123"),
    (40, "ACME DE MEXICO S.A. DE C.V.               Date         05.07.2024"),
    (40, "Ship-to party ACME DE MEXICO S.A. DE C.V."),
    (40, "Our VAT / tax id: DE123456789"),
    (40, "Item Material   Description             Quantity UoM  Price               Net value"),
    (40, "10   PN-4711    Cable de cobre          1.200    PC   1,0250 USD / 1 PC    1.230,00"),
    (40, "                Ursprungsland / Country of origin: Japan"),
    (40, "                Commodity code: 8544.49"),
    (40, "                Fracc. arancelaria (MX): 85444999"),
    (40, "20   SKU-0815   Conector electrico      50       PC   2,5000 USD / 1 PC      125,00"),
    (40, "                Ursprungsland / Country of origin: United States"),
    (40, "                Commodity code: 8536.69"),
    (40, "                Fraccion arancelaria MX: 85366999"),
    (40, "                                          Total net value        1.355,00 USD"),
    (40, "                                          Total amount           1.355,00 USD"),
    (40, "The exporter declares that these products are of the origin stated per item."),
]


def test_an_erp_billing_document() -> None:
    out = run(ERP_ROWS)
    values = {name: field["value"] for name, field in out.fields.items()}
    assert values["invoice_number"] == "7700123"
    assert values["seller_name"] == "WERK NORD GMBH"
    assert values["buyer_name"] == "ACME DE MEXICO S.A. DE C.V."
    # the origin is stated per item: the invoice has none of its own (neither the first item's nor the issuer's)
    assert "origin_country" not in values
    first, second = out.lines
    assert first["description"]["value"] == "Cable de cobre"
    assert first["tariff_code"]["value"] == "85444999"
    assert first["origin_country"]["value"] == "JPN"
    assert second["tariff_code"]["value"] == "85366999"
    assert first["quantity"]["value"] == 1200.0 and first["unit_price"]["value"] == 1.025


def test_one_origin_under_every_item_is_the_invoices() -> None:
    rows: list[tuple[float, str]] = [row for row in ERP_ROWS if "stated per item" not in row[1]]
    rows = [(x, text.replace("United States", "Japan")) for x, text in rows]
    out = run(rows)
    assert out.fields["origin_country"]["value"] == "JPN"


SMALL_US_ROWS: list[tuple[float, str]] = [
    (40, "Rio Bravo Tool Supply"),
    (40, "1120 Zaragoza St"),
    (40, "Laredo, TX 78040"),
    (40, "INVOICE"),
    (40, "BILL TO                  SHIP TO                      INVOICE # 5531"),
    (40, "ACME DE                  c/o Border Yard              DATE 12/09/2024"),
    (40, "MEXICO S.A. DE C.V.      for ACME DE MEXICO S.A."),
    (40, "ACTIVITY                 DESCRIPTION           QTY      RATE      AMOUNT"),
    (40, "Fasteners:A-461293       Tornillo de acero     19,428   5.724     111,205.87"),
    (40, "Cable Assemblies:PN-77   Cable de cobre        100      1.25      125.00"),
    (40, "                                              SUBTOTAL           111,330.87"),
    (40, "                                              TOTAL              111,330.87"),
    (40, "Please make checks payable to Rio Bravo Tool Supply."),
]


def test_a_small_distributors_form() -> None:
    out = run(SMALL_US_ROWS)
    values = {name: field["value"] for name, field in out.fields.items()}
    assert values["seller_name"] == "Rio Bravo Tool Supply"
    assert values["buyer_name"] == "ACME DE MEXICO S.A. DE C.V."
    # a US letterhead, but the form has no place for the origin: none is stated
    assert "origin_country" not in values
    first, second = out.lines
    assert first["part_number"]["value"] == "A-461293"
    assert first["description"]["value"] == "Tornillo de acero"
    assert first["quantity"]["value"] == 19428.0 and first["unit_price"]["value"] == 5.724
    assert second["part_number"]["value"] == "PN-77"


def test_a_party_label_before_a_name_marks_the_customer_and_for_signs_for_the_seller() -> None:
    rows: list[tuple[float, str]] = [
        (40, "INVOICE                                  Invoice No. 8812"),
        (40, "Sold-to party BETA DE MEXICO S.A. DE C.V."),
        (40, "Ship-to party BETA DE MEXICO S.A. DE C.V."),
        (40, "Item  Part No.  Description        Qty    Unit Price   Amount"),
        (40, "1     A-100     Tornillo           10     1.50         15.00"),
        (40, "                                   TOTAL               15.00"),
        (40, "For NORTE TOOLS INC."),
        (40, "Authorized signature"),
    ]
    out = run(rows)
    assert out.fields["seller_name"]["value"] == "NORTE TOOLS INC."
