"""Invoices of two more kinds: an express courier's online commercial invoice (boxes side by side, ``Tax
ID/VAT/EIN No.`` for the shipper's id, ``Harmonized Code`` and ``Country of Manufacture`` columns, US dates
whoever the shipper is) and a UK maker's export invoice (``Invoice To``, the VAT number beside the EORI number,
``Goods Total``, a ten-digit ``Commodity Code`` column, ``continued overleaf``, the origin declaration with each
line's origin). Each rule is tested on its own small page so that a failure names the rule."""

from __future__ import annotations

from extractors.invoice_lines import _page_notice
from extractors.layout import Line
from extractors.result import ResultBuilder
from extractors.review import review_checks
from extractors.text import Word
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of

COURIER_ROWS: list[tuple[float, str]] = [
    (300, "COMMERCIAL INVOICE"),
    (20, "Date of Export              Air Waybill No.        Invoice No."),
    (20, " 06/02/2024                  6776322325             C1273-83"),
    (20, "Shipper/Exporter (complete name and address)       Consignee (complete name and address)"),
    (20, " TOKAI SEIMITSU KOGYO KK                            DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V."),
    (20, " 3-1 Minato-machi, Nagoya, Aichi                    Calz. Hector Teran 1850, Mexicali, B.C."),
    (20, " Tax ID/VAT/EIN No.: 67-2062803                     RFC: FZK890701EE1"),
    (20, "Country of Export           Country of Ultimate Destination"),
    (20, " JAPAN                       MEXICO"),
    (20, ""),
    (
        20,
        "Pkgs  Qty    UOM  Description of Goods       Part No.    Harmonized Code  Country of Manufacture  "
        "Unit Value  Total Value",
    ),
    (
        20,
        "  7   659    PCS  Cinta adhesiva en rollos   A-61309     3919.90          KOREA, SOUTH            "
        "0.8365      551.25",
    ),
    (
        20,
        "  1   1,130  PCS  Partes para transformador  A-447766    8504.90          UNITED STATES           "
        "1.3468      1,521.88",
    ),
    (20, ""),
    (20, "                                                                         Subtotal:         2,073.13"),
    (20, "                                                                         Total Invoice Value: 2,073.13"),
]


def test_a_courier_forms_id_box_names_every_kind_of_id() -> None:
    """``Tax ID/VAT/EIN No.:`` labels the shipper's id whichever it is (an EIN here), not a tax charge."""
    values = values_of(run(COURIER_ROWS))
    assert values["seller_tax_id"] == "67-2062803"
    assert values["buyer_tax_id"] == "FZK890701EE1"


def test_a_courier_forms_harmonized_code_and_country_of_manufacture_columns() -> None:
    """The HS heading and the country of manufacture have columns of their own: the part number keeps its code
    alone, each line its origin (spelled out, ``KOREA, SOUTH``), and no six-digit heading is a fracción."""
    lines = line_values(run(COURIER_ROWS))
    assert [line["part_number"] for line in lines] == ["A-61309", "A-447766"]
    assert [line["origin_country"] for line in lines] == ["KOR", "USA"]
    assert all("tariff_code" not in line for line in lines)


def test_a_us_made_form_dates_month_first_whoever_fills_it() -> None:
    """A form asking for an EIN and the country of ultimate destination is made in the United States: its
    ``06/02/2024`` is June 2, though the shipper is in Japan and no date tells the order by itself."""
    assert values_of(run(COURIER_ROWS))["invoice_date"] == "2024-06-02"
    plain = [row for row in COURIER_ROWS if "EIN" not in row[1] and "Ultimate" not in row[1]]
    assert values_of(run(plain))["invoice_date"] == "2024-02-06"  # without them, day first as before


STERLING_ROWS: list[tuple[float, str]] = [
    (20, "MIDLAND PRECISION COMPONENTS LTD                                            INVOICE"),
    (20, "Unit 7, Tyburn Road Industrial Estate, Birmingham B24 8HJ, United Kingdom"),
    (20, "VAT Reg. No. GB965226604 EORI No. GB965226604000"),
    (20, ""),
    (20, "Invoice To                                               Invoice No.     9911388"),
    (20, "MAQUILADORA DEL NORTE S.A. DE C.V.                       Invoice Date    2 January 2025"),
    (20, "Av. Industrial 1200, Cd. Juarez, Chih.                   Currency        GBP - Pound Sterling"),
    (20, "RFC: BHA870825V40"),
    (20, ""),
    (
        20,
        "Item  Part No.    Description                        Commodity Code  Origin          Qty  Unit  "
        "Unit Price   Net Value",
    ),
    (
        20,
        "1     PN-976658   Lamina de aleacion de aluminio,    7606120300      United Kingdom  708  PCS   "
        "3.4793       2,463.34",
    ),
    (20, "                  espesor superior a 0.2 mm"),
    (20, ""),
    (20, "                                                                       Goods Total       £2,463.34"),
    (20, "                                                                       Carriage              £0.00"),
    (20, "                                                                       Invoice Total GBP £2,463.34"),
    (20, "The exporter of the products covered by this document (customs authorisation No. GB965226604000)"),
    (20, "declares that, except where otherwise clearly indicated, these products are of UK preferential origin."),
]


def test_a_uk_invoice_header() -> None:
    """``Invoice To`` names the buyer; the VAT number ends where ``EORI No.`` starts; ``Goods Total`` is the
    subtotal before carriage."""
    values = values_of(run(STERLING_ROWS))
    assert values["buyer_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."
    assert values["seller_tax_id"] == "GB965226604"
    assert values["subtotal_amount"] == 2463.34
    assert values["total_amount"] == 2463.34


def test_a_uk_commodity_code_column_is_no_fraccion_nor_description() -> None:
    """The ten-digit UK commodity code has a column of its own, another tariff's: the description keeps its
    words (the wrapped half too, not the "Item" serial) and no fracción is read from it."""
    (line,) = line_values(run(STERLING_ROWS))
    assert line["part_number"] == "PN-976658"
    assert line["description"] == "Lamina de aleacion de aluminio, espesor superior a 0.2 mm"
    assert line["origin_country"] == "GBR"
    assert "tariff_code" not in line


def test_the_origin_declaration_leaves_the_origin_to_each_line() -> None:
    """The lines state their origin and the declaration says the products are of preferential origin "except
    where otherwise clearly indicated": the invoice states none of its own, though its issuer is British."""
    assert "origin_country" not in values_of(run(STERLING_ROWS))
    without = [row for row in STERLING_ROWS if "except where" not in row[1]]
    assert values_of(run(without))["origin_country"] == "GBR"  # the issuer's country, as before


def test_continued_overleaf_is_a_page_break_notice() -> None:
    for text in ("continued overleaf", "Continued overleaf...", "P.T.O.", "Please turn over"):
        words = [Word(token, 100.0 + 40 * k, 700, 130.0 + 40 * k, 708, 1.0) for k, token in enumerate(text.split())]
        assert _page_notice(Line(words=words, top=700, bottom=708, tokens=[w.text.upper() for w in words])), text


def _builder(lines: list[tuple[float, float, float]]) -> ResultBuilder:
    out = ResultBuilder()
    for quantity, price, amount in lines:
        out.add_line(
            {
                "quantity": {"value": quantity, "confidence": 0.9},
                "unit_price": {"value": price, "confidence": 0.9},
                "amount": {"value": amount, "confidence": 0.9},
            }
        )
    out.set("subtotal_amount", sum(amount for _q, _p, amount in lines), 0.95)
    return out


def test_a_row_the_text_gives_as_two_lines_counts_once() -> None:
    """A wrapped description sets the row's first words higher than its figures: the text gives the quantity
    and weight on one line, the price and amount on the next (a wrapped word between). One row, no review."""
    page = [
        "2 6,083 EA 26.14 Lamina de aleacion de aluminio, espesor superior a 0.2",
        "mm",
        "SKU-357531 7606.12 JAPAN 5.1541 31,352.39",
        "4 751 EA 47.38 Conector electrico PN-405866 8536.90 JAPAN 1.4709 1,104.65",
    ]
    out = _builder([(6083, 5.1541, 31352.39), (751, 1.4709, 1104.65)])
    review_checks("commercial_invoice", out, page)
    assert "low_layout_agreement" not in {w["code"] for w in out.warnings}


def test_a_missed_row_sharing_a_quantity_still_counts() -> None:
    """The row under a read line with the same quantity, its price and amount read nowhere, is a line missed."""
    page = [
        "1 100 EA 2.00 Tornillo PN-1 7318.15 JAPAN 0.2500 25.00",
        "2 100 EA 3.00 Conector PN-2 8536.90 JAPAN 1.5000 150.00",
    ]
    out = _builder([(100, 0.25, 25.0)])
    review_checks("commercial_invoice", out, page)
    assert "low_layout_agreement" in {w["code"] for w in out.warnings}


def test_a_consignee_named_in_another_partys_caption_captions_nothing() -> None:
    """A scan lost the consignee's own caption: "consignee" in ``Importer - if other than consignee`` and in
    ``SAME AS CONSIGNEE`` points at that party and captions no box, so the buyer is still the company over the
    RFC, not a country from the box under those words."""
    rows = [
        (row[0], row[1].replace("Consignee (complete name and address)", "Consi name and"))
        for row in COURIER_ROWS
        if not row[1].startswith(("Country of", " JAPAN"))
    ]
    at = next(k for k, row in enumerate(rows) if "Tax ID" in row[1]) + 1
    rows[at:at] = [
        (20, "Importer - if other than consignee    Country of Export     Country of Ultimate Destination"),
        (20, "SAME AS CONSIGNEE                     JAPAN                 MEXICO"),
    ]
    assert values_of(run(rows))["buyer_name"] == "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V."


def test_a_lost_serial_does_not_make_the_other_rows_its_text() -> None:
    """A scan lost one row's serial in the "Item" column: that row alone starts with its part number, and the
    part numbers' reading runs the rows under it into its description, prices and amounts and all. That reading
    is not taken for the table: the serials' reading finds every row."""
    head = STERLING_ROWS[:9]
    rows = [
        *head,
        (20, "Item  Part No.    Description             Commodity Code  Origin          Qty  Unit  Price    Amount"),
        (20, "1     PN-976658   Lamina de aleacion      7606120300      United Kingdom  708  PCS   3.4793   2,463.34"),
        (20, "      SKU-298507  Resistencia variable    8533401200      China           203  PCS   0.5915     120.07"),
        (20, "3     A-224856    Caja de carton          4819107010      United Kingdom  136  PCS   0.7039      95.73"),
        (20, "4     SKU-205418  Resistencia variable    8533406800      United Kingdom  378  EA    0.7839     296.31"),
        (20, ""),
        (20, "                                                                  Goods Total       £2,975.45"),
    ]
    lines = line_values(run(rows))
    assert [line["part_number"] for line in lines] == ["PN-976658", "SKU-298507", "A-224856", "SKU-205418"]
    assert [line["amount"] for line in lines] == [2463.34, 120.07, 95.73, 296.31]


def test_the_buyer_under_a_caption_a_scan_misread() -> None:
    """The consignee's caption read as ``Consig! name and add )``: no label names the buyer, and the block that
    prints the RFC starts at that caption (it stands where the names stand); its first company's name, the line
    under it, is the buyer."""
    rows = [
        (row[0], row[1].replace("Consignee (complete name and address)", " Consig! name and add )"))
        for row in COURIER_ROWS
        if not row[1].startswith(("Country of", " JAPAN"))
    ]
    assert values_of(run(rows))["buyer_name"] == "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V."


def test_a_scanned_total_that_lost_its_decimal_point() -> None:
    """A scan read ``£2,583.41`` as ``£2,583,41`` (a hundred times the sum): its digits are exactly the lines'
    sum's, so the subtotal is that sum. On a text layer nothing is changed."""
    rows = [
        *STERLING_ROWS[:9],
        (20, "Item  Part No.    Description             Commodity Code  Origin          Qty  Unit  Price    Amount"),
        (20, "1     PN-976658   Lamina de aleacion      7606120300      United Kingdom  708  PCS   3.4793   2,463.34"),
        (20, "2     SKU-298507  Resistencia variable    8533401200      China           203  PCS   0.5915     120.07"),
        (20, ""),
        (20, "                                                                  Goods Total       £2,583,41"),
        (20, "                                                                  Carriage              £0.00"),
    ]
    assert values_of(run(rows, confidence=0.9))["subtotal_amount"] == 2583.41
    assert values_of(run(rows))["subtotal_amount"] == 258341.0


def test_invoice_to_inside_the_declaration_labels_nobody() -> None:
    """ "… contained in this invoice to be true and correct" holds the words "invoice to": no "Invoice To" label.
    The importer's box points at the consignee, whose caption a scan kept: the buyer is read there, not from the
    signature line under the declaration."""
    rows = [row for row in COURIER_ROWS if not row[1].startswith(("Country of", " JAPAN"))]
    at = next(k for k, row in enumerate(rows) if "Tax ID" in row[1]) + 1
    rows[at:at] = [
        (20, "Importer - if other than consignee    Country of Export"),
        (20, "SAME AS CONSIGNEE                     JAPAN"),
    ]
    rows += [
        (20, "I declare all the information contained in this invoice to be true and correct."),
        (20, "Signature of Shipper/Exporter:                  De Bes te          Date: 06/02/2024"),
    ]
    assert values_of(run(rows, confidence=0.9))["buyer_name"] == "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V."


def test_side_by_side_party_boxes_on_a_scans_line_are_no_slip() -> None:
    """A scan reads the shipper's and the consignee's boxes as one line each: ``TOKAI SEIMITSU KOGYO KK
    MANUFACTURAS … DE C.V.`` over ``Tax ID …  RFC: …``. The seller's name ends in its legal form (KK), so it was
    not cut; and with the buyer's name on the seller's own line, the RFC below is the buyer's block's."""
    out = _builder([(100, 0.25, 25.0)])
    out.set("seller_name", "TOKAI SEIMITSU KOGYO KK", 0.9)
    out.set("buyer_name", "MANUFACTURAS PLASTICAS DE TIJUANA S. DE R.L. DE C.V.", 0.9)
    out.set("seller_tax_id", "67-2062803", 0.9)
    out.set("buyer_tax_id", "CMV951022U71", 0.9)
    page = [
        "Shipper/Exporter (complete name and address) Consignee (complete name and address)",
        "TOKAI SEIMITSU KOGYO KK MANUFACTURAS PLASTICAS DE TIJUANA S. DE R.L. DE C.V.",
        "3-1 Minato-machi, Nagoya, Aichi Calle Alfa 300, Ciudad Industrial, Tijuana, B.C.",
        "Tax ID/VAT/EIN No.: 67-2062803 RFC: CMV951022U71",
        "1 100 PCS 2.00 Tornillo PN-1 7318.15 JAPAN 0.2500 25.00",
    ]
    review_checks("commercial_invoice", out, page)
    assert not {"name_cut", "value_mismatch"} & {w["code"] for w in out.warnings}
    out = _builder([(100, 0.25, 25.0)])
    out.set("seller_name", "TOKAI SEIMITSU KOGYO KK", 0.9)
    out.set("buyer_name", "MANUFACTURAS PLASTICAS DE TIJUANA S. DE R.L. DE C.V.", 0.9)
    out.set("buyer_tax_id", "CMV951022U71", 0.9)
    alone = ["TOKAI SEIMITSU KOGYO KK", "Calle Alfa 300, Tijuana, B.C.", "RFC: CMV951022U71", *page[4:]]
    review_checks("commercial_invoice", out, alone)
    assert "value_mismatch" in {w["code"] for w in out.warnings}  # its own block prints the buyer's RFC
