"""Invoices from two more kinds of issuer: an Asian maker's export invoice (a serial "No." column, the maker's
"Model No." before the "P/N", ``U/Price``, the footer row summing quantities and amounts a wide gap apart, the
tax id as China's or Taiwan's registers name it, the country only in the letterhead's phone) and a US border
supplier's Spanish "Factura comercial" ("Part." before "No. de parte", the number under the title, countries
named in Spanish). Each rule is tested on its own small page so that a failure names the rule."""

from __future__ import annotations

from typing import Any

from extractors import layout
from extractors.invoice import parse_numbered
from extractors.invoice_issuer import issuer_country
from extractors.invoice_lines import _page_notice, serials_before_codes
from extractors.invoice_totals import words_value
from extractors.invoice_values import _amounts, parse_country
from extractors.text import Word
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of

MAKER_ROWS: list[tuple[float, str]] = [
    (150, "SHENZHEN GUANGMING ELECTRONICS CO., LTD."),
    (170, "ADD: SHENZHEN BAOAN DISTRICT"),
    (170, "TEL: +86-755-40730142"),
    (200, "COMMERCIAL INVOICE"),
    (36, "Buyer:                               Invoice No.:  B3662-87"),
    (36, "ARNESES DEL BAJIO S.A. DE C.V.       Date:         2024.11.03"),
    (36, "RFC: OAN870226542                    USCC:         91440300CLFU2WE8H4"),
    (36, "No.  Model No.  P/N          Description          Q'ty    Unit  U/Price    Amount"),
    (36, "1    KD-262B    SKU-109806   CAJA DE CARTON        272    PCS   1.4958     406.86"),
    (36, "2    KD-198     A-223835     RESISTENCIA VARIABLE  1,000  PCS   0.7504     750.40"),
    (36, "                             TOTAL:              1,272                 1,157.26"),
    (36, "                             OCEAN FREIGHT (PREPAID BY SELLER):           20.00"),
    (36, "                             TOTAL AMOUNT:                             1,177.26"),
    (36, "TOTAL AMOUNT IN WORDS: U.S. DOLLARS ONE THOUSAND ONE HUNDRED AND SEVENTY-SEVEN AND TWENTY-SIX CENTS ONLY"),
    (36, "BENEFICIARY: SHENZHEN GUANGMING ELECTRONICS CO., LTD."),
]

FACTURA_ROWS: list[tuple[float, str]] = [
    (36, "LAREDO INDUSTRIAL COMPONENTS, INC.                       FACTURA COMERCIAL"),
    (36, "5210 Bob Bullock Loop, Laredo, TX 78041                       No. H6638-77"),
    (36, "Tax ID (EIN): 72-5119573                          Fecha: 25 de enero de 2025"),
    (36, "Vendedor / Exportador"),
    (36, "  LAREDO INDUSTRIAL COMPONENTS, INC."),
    (36, "Comprador / Importador"),
    (36, "  ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."),
    (36, "  R.F.C.: OJD860410SG9"),
    (36, "Part. No. de parte  Descripcion       Fraccion   Pais de origen  Cantidad Unidad  Importe"),
    (36, "1     A-993825      Capacitor         85322499   TAIWÁN               675 PZA       80.46"),
    (36, "2     SKU-884330    Caja de carton    48191001   JAPÓN                342 PZA      164.23"),
    (36, "                                                                Subtotal:  $244.69 USD"),
    (36, "                                                                Total USD: $244.69 USD"),
]


def test_figures_keep_one_thousands_separator() -> None:
    """A quantity and an amount a space apart are two figures when their grouping differs."""
    assert [value for value, _span, _money in _amounts("127,372 154,225.96")] == [127372.0, 154225.96]
    assert [value for value, _span, _money in _amounts("1 234 567,89")] == [1234567.89]
    assert [value for value, _span, _money in _amounts("1.234.567,89")] == [1234567.89]


def test_a_footer_row_keeps_quantity_and_amount_apart() -> None:
    """``TOTAL:  496        151.83``: the quantity column's figure and the amount's are a wide gap apart, so
    they are never read as one number with a space between thousands."""
    rows: list[tuple[float, str]] = [
        row for row in MAKER_ROWS if "FREIGHT" not in row[1] and "TOTAL AMOUNT" not in row[1]
    ]
    rows = [(x, text.replace("1,272", "  496").replace("1,157.26", "  151.83")) for x, text in rows]
    assert values_of(run(rows))["total_amount"] == 151.83


def test_serial_and_model_columns_beside_the_part_number() -> None:
    """ "No." heads the line's serial, "Model No." the maker's model: the part number is the P/N column's; the
    price is read under ``U/Price``."""
    lines = line_values(run(MAKER_ROWS))
    assert [line["part_number"] for line in lines] == ["SKU-109806", "A-223835"]
    assert [line["unit_price"] for line in lines] == [1.4958, 0.7504]
    assert [line["quantity"] for line in lines] == [272.0, 1000.0]


def test_a_model_column_alone_is_the_part_number() -> None:
    rows: list[tuple[float, str]] = [
        (36, "COMMERCIAL INVOICE        Invoice No.: 5531"),
        (36, "Model      Description         Qty     Unit Price    Amount"),
        (36, "KD-262B    Carton box          272     1.50          408.00"),
        (36, "TP-198     Resistor            100     0.75           75.00"),
        (36, "                               Total                 483.00"),
    ]
    assert [line["part_number"] for line in line_values(run(rows))] == ["KD-262B", "TP-198"]


def test_subtotal_and_total_of_a_makers_footer() -> None:
    values = values_of(run(MAKER_ROWS))
    assert values["subtotal_amount"] == 1157.26
    assert values["total_amount"] == 1177.26


def test_a_party_named_in_prose_labels_nothing() -> None:
    """ "(PREPAID BY SELLER)" is no seller label: the seller is the letterhead's company."""
    assert values_of(run(MAKER_ROWS))["seller_name"] == "SHENZHEN GUANGMING ELECTRONICS CO., LTD."


def test_chinese_and_taiwanese_tax_id_labels() -> None:
    assert values_of(run(MAKER_ROWS))["seller_tax_id"] == "91440300CLFU2WE8H4"
    rows: list[tuple[float, str]] = [
        (x, text.replace("USCC:", "UBN: ").replace("91440300CLFU2WE8H4", "64211620")) for x, text in MAKER_ROWS
    ]
    assert values_of(run(rows))["seller_tax_id"] == "64211620"


def test_the_country_of_a_letterhead() -> None:
    assert issuer_country("ACME CO., LTD.\nADD: SHENZHEN\nTEL: +86-755-40730142\nCOMMERCIAL INVOICE") == "CHN"
    assert issuer_country("ACME CORP.\nTEL: +886-2-27208889   FAX: +886-2-27208890") == "TWN"
    assert issuer_country("ACME GMBH\nHauptstr. 5, 70173 Stuttgart, Germany") == "DEU"
    assert issuer_country("ACME CO.\nNo. 5, Lane 3, Taipei 114, Taiwan, R.O.C.") == "TWN"
    assert issuer_country("ACME INC.\n12 Main St, Laredo, TX 78041") == "USA"
    assert issuer_country("ACME CO., LTD.\nBaoan District, Shenzhen 518000 P.R. China") == "CHN"
    assert issuer_country("ACME CO., LTD.\n+886 2 2720 8889  sales@acme.com.tw") == "TWN"
    assert issuer_country("ACME CO., LTD.\nTel: 0086-755-4073-0142") == "CHN"
    # a US state's code is no country, a figure after "00" without a phone's label may be anything, and a
    # company's name may end in a country's
    assert issuer_country("ACME INC.\n12 Main St, San Jose, CA") is None
    assert issuer_country("ACME INC.\nOrder 0086 4431 2233") is None
    assert issuer_country("ACME MEXICO\nINVOICE") is None
    # a phone below the letterhead may be the buyer's
    assert issuer_country("A\nB\nC\nD\nE\nF\nTEL: +86-755-40730142") is None


def test_origin_from_the_makers_phone() -> None:
    assert values_of(run(MAKER_ROWS))["origin_country"] == "CHN"


def test_a_number_marked_under_the_title() -> None:
    assert parse_numbered("No. H6638-77") == ("H6638-77", (4, 12))
    assert parse_numbered("Nº 1024")[0] == "1024"  # type: ignore[index]
    assert parse_numbered("H6638-77") is None  # a reference without its mark is not the title's number
    assert values_of(run(FACTURA_ROWS))["invoice_number"] == "H6638-77"


def test_factura_comercial_no_on_one_line() -> None:
    rows: list[tuple[float, str]] = [
        (36, "LAREDO INDUSTRIAL COMPONENTS, INC. - Factura comercial No. H6638-77"),
        *FACTURA_ROWS[3:],
    ]
    assert values_of(run(rows))["invoice_number"] == "H6638-77"


def test_border_supplier_lines() -> None:
    """ "Part." (the partida) beside "No. de parte": the part number is the code without the serial; countries
    in Spanish with their accents."""
    lines = line_values(run(FACTURA_ROWS))
    assert [line["part_number"] for line in lines] == ["A-993825", "SKU-884330"]
    assert [line["origin_country"] for line in lines] == ["TWN", "JPN"]


def test_a_us_exporter_labelling_in_spanish_states_its_origin() -> None:
    """A US letterhead's issuer that labels itself the exporter ships goods from the United States."""
    assert values_of(run(FACTURA_ROWS))["origin_country"] == "USA"


def _line(part: str) -> dict[str, dict[str, Any]]:
    return {"part_number": {"value": part, "confidence": 0.9}}


def test_serials_before_codes() -> None:
    lines = [_line("1 A-1"), _line("2 SKU-22"), _line("3 PN 7")]
    serials_before_codes(lines)
    assert [line["part_number"]["value"] for line in lines] == ["A-1", "SKU-22", "PN 7"]
    # a scan's misread serial ("E" for "1") among three read right
    lines = [_line("E A-1"), _line("2 SKU-22"), _line("3 PN-7"), _line("4 PN-8")]
    serials_before_codes(lines)
    assert [line["part_number"]["value"] for line in lines] == ["A-1", "SKU-22", "PN-7", "PN-8"]
    # two misread of four is too many
    lines = [_line("E A-1"), _line("Z SKU-22"), _line("3 PN-7"), _line("4 PN-8")]
    serials_before_codes(lines)
    assert lines[0]["part_number"]["value"] == "E A-1"
    # out of order: codes that start with a number
    lines = [_line("10 A-1"), _line("3 SKU-22")]
    serials_before_codes(lines)
    assert [line["part_number"]["value"] for line in lines] == ["10 A-1", "3 SKU-22"]
    # one line: only "1" before one code
    for part, expected in (("1 A-993825", "A-993825"), ("12 A-993825", "12 A-993825"), ("1 BOLT M6", "1 BOLT M6")):
        lines = [_line(part)]
        serials_before_codes(lines)
        assert lines[0]["part_number"]["value"] == expected


def test_spanish_page_notice_with_an_ellipsis() -> None:
    texts = ["Continúa", "en", "la", "siguiente", "hoja", "..."]
    words = [Word(text, 400 + 30 * k, 700, 428 + 30 * k, 708, 1.0) for k, text in enumerate(texts)]
    line = layout.Line(words=words, top=700, bottom=708, tokens=[layout.norm(w.text) for w in words])
    assert _page_notice(line)


def test_countries_named_in_spanish_with_accents() -> None:
    assert parse_country("TAIWÁN")[0] == "TWN"  # type: ignore[index]
    assert parse_country("Japón")[0] == "JPN"  # type: ignore[index]
    assert parse_country("P.R. China")[0] == "CHN"  # type: ignore[index]
    assert parse_country("COREA DEL SUR")[0] == "KOR"  # type: ignore[index]


def test_a_no_column_of_codes_is_the_part_number() -> None:
    rows: list[tuple[float, str]] = [
        (36, "COMMERCIAL INVOICE        Invoice No.: 5531"),
        (36, "No.        Description         Qty     Unit Price    Amount"),
        (36, "KD-262B    Carton box          272     1.50          408.00"),
        (36, "TP-198     Resistor            100     0.75           75.00"),
        (36, "                               Total                 483.00"),
    ]
    assert [line["part_number"] for line in line_values(run(rows))] == ["KD-262B", "TP-198"]


def test_the_amount_in_words_after_its_heading() -> None:
    """ "TOTAL AMOUNT IN WORDS: U.S. DOLLARS … AND TWENTY-SIX CENTS ONLY" is checked against the total."""
    assert words_value(" U.S. DOLLARS TWO HUNDRED AND NINE THOUSAND AND SEVENTY-SEVEN CENTS ") == 209000.77
    assert not [w for w in run(MAKER_ROWS).warnings if w["code"] == "totals_mismatch"]
    rows = [
        (x, text.replace("TOTAL AMOUNT:                             1,177.26", "TOTAL AMOUNT: 1,777.26"))
        for x, text in MAKER_ROWS
    ]
    assert [w for w in run(rows).warnings if w["code"] == "totals_mismatch"]


def test_item_and_model_columns_left_of_the_part_number() -> None:
    """ "Item" numbers the lines and "Model" names the maker's model when a "Part No." column follows; the prices
    are read under "U/P" too."""
    rows: list[tuple[float, str]] = [
        (36, "DONGGUAN KEDA CO., LTD."),
        (36, "Invoice No.: 7781"),
        (36, "Item  Model       Part No.     Description        Quantity   U/P           Amount"),
        (36, "1     KD-100A     PN-1001      Capacitor             1,000     0.0500       50.00"),
        (36, "2     KD-200B     PN-1002      Resistor              2,000     0.0100       20.00"),
        (36, "                               TOTAL:                3,000                  70.00"),
    ]
    lines = line_values(run(rows))
    assert [line["part_number"] for line in lines] == ["PN-1001", "PN-1002"]
    assert [line["unit_price"] for line in lines] == [0.05, 0.01]


def test_an_item_column_alone_is_the_part_number() -> None:
    rows: list[tuple[float, str]] = [
        (36, "ACME SUPPLY INC.                  INVOICE"),
        (36, "Invoice No.: 7781"),
        (36, "Item        Description         Qty     Rate          Amount"),
        (36, "HX-100      Hex bolt            100     0.50           50.00"),
        (36, "HN-200      Hex nut             200     0.10           20.00"),
        (36, "                                        Total          70.00"),
    ]
    assert [line["part_number"] for line in line_values(run(rows))] == ["HX-100", "HN-200"]


def test_an_item_serial_is_no_description() -> None:
    """ "Item | P/N | Description": the reading that takes the Item column's serials for the description loses
    to the one that starts rows at them."""
    rows: list[tuple[float, str]] = [
        (36, "HSINCHU POWER TECHNOLOGY CO., LTD."),
        (36, "Invoice No.: HP-118          Date: Mar. 12, 2024"),
        (36, "Item   P/N          Description          Quantity     Unit Price      Amount"),
        (36, "1      PN-4411      Power supply 12V       100 PCS     US$12.5000    US$1,250.00"),
        (36, "2      PN-4412      Power supply 24V        50 PCS     US$14.0000      US$700.00"),
        (36, "                                           Total:                    US$1,950.00"),
    ]
    lines = line_values(run(rows))
    assert [(line["part_number"], line["description"]) for line in lines] == [
        ("PN-4411", "Power supply 12V"),
        ("PN-4412", "Power supply 24V"),
    ]
