"""Invoices from two more kinds of issuer: a Japanese trading company's export invoice (a grid of boxes, a
"Parts No." column, ``@US$`` prices, six-digit H.S. headings under descriptions, a page-break notice, a footer
row that sums quantities and amounts) and a US distributor's (boxes of labels over their values, ``Qty Ord``
beside ``Qty Ship``, ``Ext. Price``, the maker's part number under each description, month-first dates).
Each rule is tested on its own small page so that a failure names the rule."""

from __future__ import annotations

from extractors import layout
from extractors.invoice_lines import _page_notice
from extractors.invoice_values import parse_country
from extractors.line_rules import maker_part_lines
from extractors.text import Word
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of

TRADER_ROWS = [
    (260, "INVOICE"),
    (36, "Shipper/Exporter                              No. & date of invoice"),
    (36, "KANSAI DENKI BUHIN CO., LTD.                  9469497    Nov. 10, 2024"),
    (36, "3-5-12 Minamisemba, Chuo-ku, Osaka"),
    (36, "Corporate No.: 5479645130425"),
    (36, "For account & risk of Messrs.                 Remarks"),
    (36, "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V.  Price term: FOB OSAKA"),
    (36, "RFC: GKN120424JN8"),
    (36, "Notify party                                  Country of origin"),
    (36, "SAME AS CONSIGNEE                             JAPAN"),
    (36, "Marks & Numbers  Parts No.     Description of Goods        Quantity     Unit Price        Amount"),
    (36, "K.D.M.           PN-798387     CAPACITOR CERAMICO          1,000PCS    @US$0.0600     US$60.00"),
    (36, "                               H.S. CODE: 8532.24"),
    (36, "                                                                      Continued on next page"),
    (36, "                 SKU-302454    LAMINA DE ALUMINIO            200PCS    @US$2.5000    US$500.00"),
    (36, "                               H.S. CODE: 7606.12"),
    (36, "                               TOTAL:                      1,200PCS                 US$560.00"),
    (36, "                               FREIGHT CHARGE:                                       US$40.00"),
    (36, "                               GRAND TOTAL:                                         US$600.00"),
]

DISTRIBUTOR_ROWS = [
    (36, "SOUTHWEST FASTENER & MRO SUPPLY CO.                                       INVOICE"),
    (36, "2250 E Valencia Rd, Tucson, AZ 85706"),
    (36, "Phone (915) 861-9930"),
    (36, "Bill To:"),
    (36, "MAQUILADORA DEL NORTE S.A. DE C.V."),
    (36, "RFC JKL1612036T4"),
    (36, "Invoice #     Invoice Date    Customer PO     Terms     Ship Via      FOB"),
    (36, "F451683       07/01/2024      PO-50118101     Net 30    Best Way      CIF El Paso"),
    (36, "Ln  SKU        Description            Fracc. MX  COO  Qty Ord  Qty Ship  UOM   Unit Price  Ext. Price"),
    (36, "1   PN-289681  Partes para            85049099   JP       310       298  EA       $1.8000    $536.40"),
    (36, "               transformadores"),
    (36, "               Mfr P/N MOLEX-97922"),
    (36, "2   A-590108   Empaque de hule        40169399   CN        13        13  EA       $0.5000      $6.50"),
    (36, "               Mfr P/N TE-81725"),
    (36, "                                                             Subtotal                      $542.90"),
    (36, "                                                             Total Due (USD)               $542.90"),
    (36, "Federal Tax ID: 14-5726738"),
]


def test_trading_company_boxes() -> None:
    """The box "No. & date of invoice" gives both; "For account & risk of Messrs." is the buyer; the corporate number
    is the seller's tax id."""
    values = values_of(run(TRADER_ROWS))
    assert values["invoice_number"] == "9469497"
    assert values["invoice_date"] == "2024-11-10"
    assert values["buyer_name"] == "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V."
    assert values["seller_tax_id"] == "5479645130425"


def test_parts_no_column_at_prices_and_headings() -> None:
    """Part numbers under "Parts No.", ``@US$`` prices; a six-digit heading is no fracción and a page-break
    notice is no description."""
    lines = line_values(run(TRADER_ROWS))
    assert [line["part_number"] for line in lines] == ["PN-798387", "SKU-302454"]
    assert [line["description"] for line in lines] == ["CAPACITOR CERAMICO", "LAMINA DE ALUMINIO"]
    assert [(line["quantity"], line["unit_price"], line["amount"]) for line in lines] == [
        (1000.0, 0.06, 60.0),
        (200.0, 2.5, 500.0),
    ]
    assert all("tariff_code" not in line for line in lines)


def test_goods_footer_row_is_the_subtotal() -> None:
    """The table's footer sums the lines' quantities and amounts: its figure is the subtotal, the last row the
    amount due."""
    values = values_of(run(TRADER_ROWS))
    assert values["subtotal_amount"] == 560.0
    assert values["total_amount"] == 600.0


def test_footer_row_without_the_quantity_sum_is_no_subtotal() -> None:
    rows = [(x, text.replace("1,200PCS", "        ")) for x, text in TRADER_ROWS if "FREIGHT" not in text]
    rows = [row for row in rows if "GRAND" not in row[1]]
    assert "subtotal_amount" not in values_of(run(rows))


def test_page_notices() -> None:
    def line(text: str) -> layout.Line:
        words = [Word(token, 10.0 * i, 0.0, 10.0 * i + 8, 10.0, 1.0) for i, token in enumerate(text.split())]
        return layout.Line(words=words, top=0.0, bottom=10.0)

    notices = ("Continued on next page", "Continued", "Page 1/2", "Page 1 of 2", "Página 1 de 2", "Continued Page 1")
    for text in notices:
        assert _page_notice(line(text)), text
    for text in ("Discontinued part", "Page holder 12 PCS", "CONTINUOUS FORM PAPER"):
        assert not _page_notice(line(text)), text


def test_distributor_header_boxes_and_month_first_date() -> None:
    """A US letterhead on an English form: 07/01/2024 is July 1st; the incoterm quoted with its place beats the
    box's caption; the letterhead company ends in "CO."; its lines state each item's origin (JP, CN), so the
    invoice states none of its own."""
    values = values_of(run(DISTRIBUTOR_ROWS))
    assert values["invoice_number"] == "F451683"
    assert values["invoice_date"] == "2024-07-01"
    assert values["incoterm"] == "CIF"
    assert values["seller_name"] == "SOUTHWEST FASTENER & MRO SUPPLY CO."
    assert values["seller_tax_id"] == "14-5726738"
    assert "origin_country" not in values
    assert values["buyer_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."


def test_spanish_labels_keep_day_first_dates() -> None:
    rows = [(x, text.replace("Bill To:", "Comprador:")) for x, text in DISTRIBUTOR_ROWS]
    assert values_of(run(rows))["invoice_date"] == "2024-01-07"


def test_distributor_lines_shipped_quantity_and_maker_part() -> None:
    lines = line_values(run(DISTRIBUTOR_ROWS))
    assert lines == [
        {
            "part_number": "PN-289681",
            "description": "Partes para transformadores",
            "tariff_code": "85049099",
            "origin_country": "JPN",
            "quantity": 298.0,
            "unit": "EA",
            "unit_price": 1.8,
            "amount": 536.4,
        },
        {
            "part_number": "A-590108",
            "description": "Empaque de hule",
            "tariff_code": "40169399",
            "origin_country": "CHN",
            "quantity": 13.0,
            "unit": "EA",
            "unit_price": 0.5,
            "amount": 6.5,
        },
    ]


def test_maker_part_line_needs_a_value_after_its_label() -> None:
    words = [Word("Mfr", 0, 0, 10, 10, 1.0), Word("P/N", 12, 0, 22, 10, 1.0)]
    record = layout.Record(page=1, cells={"description": layout.Cell(words=list(words), page=1)})
    maker_part_lines(record)
    assert record.text("description") == "Mfr P/N"


def test_two_letter_origin_codes_alone() -> None:
    assert parse_country("JP") == ("JPN", (0, 2))
    assert parse_country("TW")[0] == "TWN"  # type: ignore[index]
    assert parse_country("in") is None


def test_a_us_issuer_with_spanish_labels_gets_no_origin_from_its_letterhead() -> None:
    rows = [(x, text.replace("Bill To:", "Comprador:")) for x, text in DISTRIBUTOR_ROWS]
    assert "origin_country" not in values_of(run(rows))


def test_the_issuers_footer_ends_the_table() -> None:
    """A footer printed under a table that runs to the page's foot ("Federal Tax ID …, Remit to …") is none of
    the last line's description."""
    rows = [row for row in DISTRIBUTOR_ROWS if "Subtotal" not in row[1] and "Total Due" not in row[1]]
    rows.append((36, "Remit to: SOUTHWEST FASTENER & MRO SUPPLY CO., PO Box 4675, Dallas TX 75265      Page 1"))
    lines = line_values(run(rows))
    assert lines[-1]["description"] == "Empaque de hule"
