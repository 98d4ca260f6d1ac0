"""A US exporter's short-form B/L (numbered boxes, the containers on a rider page) and an IATA air waybill (rate
lines, the AWB number by its check digit, the issuing airline), on hand-written pages."""

from __future__ import annotations

from extractors.bill_of_lading import _count_out_of_size, awb_check_digit, extract_bill_of_lading
from extractors.bl_blocks import clean_description, preamble
from extractors.layout import Cell, PageLayout, Record
from extractors.layout.lines import Line
from extractors.layout.values import norm
from extractors.text import DocumentText, PageText, Word
from tests.unit.test_bl_shapes import page_from, read


def at(*cells: tuple[int, str]) -> str:
    """A row with each text starting at its character position (the page helper keeps a space's width)."""
    row = ""
    for position, text in cells:
        row = row.ljust(position) + text
    return row


def read_pages(*pages: list[tuple[float, str]]) -> dict:
    texts: list[PageText] = []
    for number, rows in enumerate(pages, start=1):
        page = page_from(rows)
        texts.append(PageText(number, page.text, page.words, "text_layer", None, 612, 792, 0))
    builder = extract_bill_of_lading(DocumentText("application/pdf", texts))
    return {
        "fields": {k: v["value"] for k, v in builder.fields.items()},
        "lines": [{k: v["value"] for k, v in line.items()} for line in builder.lines],
    }


def test_export_particulars_are_no_goods() -> None:
    text = "S.T.C. CINTA ADHESIVA EN ROLLOS SCHEDULE B NO. 3919.90.5799 CONTAINERS AS PER ATTACHED RIDER"
    assert clean_description(text) == "CINTA ADHESIVA EN ROLLOS"
    assert clean_description("2 X 40' CONTAINERS S.T.C. CABLE DE COBRE SEE ATTACHED LIST") == "CABLE DE COBRE"
    assert clean_description("CABLE DE COBRE HTS 8544.49.3000") == "CABLE DE COBRE"
    # (STC inside a word, or without its periods, is left alone)
    assert clean_description("PLASTICO STC") == "PLASTICO STC"


def test_air_waybill_dimensions_are_no_goods() -> None:
    assert clean_description("CAPACITOR CERAMICO DIMS: 2 @ 108X41X67 CM") == "CAPACITOR CERAMICO"
    assert clean_description("CAJA DE CARTON DIMS 9 100X43X38 CM VOL: 0.75 M3") == "CAJA DE CARTON"
    # a size that is the goods' own, with no DIMS before it, stays
    assert clean_description("LAMINA 1200X2400 MM") == "LAMINA 1200X2400 MM"


def test_awb_check_digit() -> None:
    assert awb_check_digit("48883461")  # 4888346 mod 7 = 1
    assert awb_check_digit("12345675")
    assert not awb_check_digit("48883462")
    assert not awb_check_digit("4888346")


EXPORT_FORM = [
    (20, at((0, "(2) EXPORTER"), (50, "(5) DOCUMENT NUMBER"), (80, "(5a) B/L NUMBER"))),
    (20, at((0, "GULF COAST POLYMERS LLC"), (50, "LON-24-87007"), (80, "ONEY871982844"))),
    (20, at((0, "(3) CONSIGNED TO"), (50, "(6) EXPORT REFERENCES"))),
    (20, at((0, "ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."), (50, "INV 9478595"))),
    (20, at((0, "(4) NOTIFY PARTY/INTERMEDIATE CONSIGNEE"), (50, "(9) DOMESTIC ROUTING"))),
    (20, at((0, "AGENCIA ADUANAL GARZA Y ASOCIADOS, S.C."), (50, "CY/CY"))),
    (20, at((0, "(14) EXPORTING CARRIER"), (25, "(15) PORT OF LOADING/EXPORT"), (55, "FOR RELEASE OF CARGO APPLY TO"))),
    (20, at((3, "ONE HARMONY  V. 286E"), (28, "LONG BEACH, CA"), (55, "AGENCIA ADUANAL GARZA"))),
    (20, at((0, "(16) FOREIGN PORT OF UNLOADING"), (35, "(17) PLACE OF DELIVERY BY ON-CARRIER"))),
    (20, at((3, "LAZARO CARDENAS, MEXICO"), (38, "MONTERREY, N.L."))),
    (20, at((0, "MARKS AND NUMBERS"), (20, "NO. OF PKGS."), (34, "DESCRIPTION OF COMMODITIES"), (70, "GROSS WEIGHT"))),
    (20, at((0, "N/M"), (20, "30 PALLETS"), (34, "2 X 40' CONTAINERS S.T.C."), (70, "9,000.0 KGS"))),
    (20, at((34, "CINTA ADHESIVA DE PLASTICO EN ROLLOS"))),
    (20, at((34, "SCHEDULE B NO. 3919.90.5799"))),
    (20, at((34, "CONTAINERS AS PER ATTACHED RIDER"))),
    (20, at((0, "FREIGHT COLLECT"))),
    (20, at((50, "DATED AT LONG BEACH, CA  JUL 25 2024"))),
]
# (the packages right-aligned under their heading, nearer the container's size than the seal is: "40' HC" stands
# in the packages' reach unless its own column is read)
RIDER = [
    (20, "RIDER TO B/L NO. ONEY871982844"),
    (
        20,
        at(
            (0, "CONTAINER NO."),
            (16, "SEAL NO."),
            (33, "SIZE/TYPE"),
            (47, "PKGS"),
            (55, "DESCRIPTION"),
            (82, "GROSS WT"),
        ),
    ),
    (
        20,
        at(
            (0, "CSQU0712536"),
            (16, "SH5426548"),
            (33, "40' HC"),
            (41, "12 PALLETS"),
            (55, "CINTA ADHESIVA"),
            (82, "4,000.0"),
        ),
    ),
    (
        20,
        at(
            (0, "OOLU5300055"),
            (16, "ML-8796893"),
            (33, "20' DV"),
            (41, "18 PALLETS"),
            (55, "CINTA ADHESIVA"),
            (82, "5,000.0"),
        ),
    ),
    (20, at((0, "TOTAL: 2 CONTAINERS"), (49, "30"), (82, "9,000.0"))),
]


def test_us_short_form_export_bill_with_a_rider() -> None:
    out = read_pages(EXPORT_FORM, RIDER)
    fields = out["fields"]
    assert fields["bl_number"] == "ONEY871982844"
    # the vessel and its voyage in one box, the voyage after its abbreviation
    assert (fields["vessel"], fields["voyage"]) == ("ONE HARMONY", "286E")
    assert fields["port_of_loading"] == "LONG BEACH, CA"
    assert fields["port_of_discharge"] == "LAZARO CARDENAS, MEXICO"
    assert fields["place_of_delivery"] == "MONTERREY, N.L."
    assert fields["issue_date"] == "2024-07-25"
    assert fields["goods_description"] == "CINTA ADHESIVA DE PLASTICO EN ROLLOS"
    # the container's size and type in its own column: no package count
    assert [line["package_count"] for line in out["lines"]] == [12, 18]
    assert fields["package_count"] == 30


AIR_WAYBILL = [
    (20, at((0, "016  ORD  4888 3461"), (80, "016-4888 3461"))),
    (20, at((0, "Shipper's Name and Address"), (50, "Air Waybill"))),
    (20, at((0, "GREAT LAKES WIRE & CABLE LLC"), (50, "Issued by  UNITED CARGO"))),
    (20, at((0, "Consignee's Name and Address"))),
    (20, at((0, "MAQUILADORA DEL NORTE S.A. DE C.V."))),
    (
        20,
        at((0, "Airport of Departure (Addr. of First Carrier) and Requested Routing"), (70, "Accounting Information")),
    ),
    (20, at((0, "CHICAGO, IL"), (70, "FREIGHT COLLECT"))),
    (20, at((0, "Airport of Destination"), (25, "Requested Flight/Date"), (50, "Handling Information"))),
    (20, at((0, "GUADALAJARA"), (25, "UA2526/21"), (50, "ALSO NOTIFY: DESPACHOS ADUANALES DEL PACIFICO, S.C."))),
    (20, at((50, "PO: 4514621364, OC-25948919"))),
    # (the figures right-aligned in narrow ruled columns: a weight nearer the unit's heading than its own, a
    # charge nearer the goods' heading)
    (
        20,
        at(
            (0, "No. of"),
            (8, "Gross Weight"),
            (30, "kg lb"),
            (37, "Rate"),
            (44, "Commodity"),
            (56, "Chargeable"),
            (68, "Rate/Charge"),
            (80, "Total"),
            (97, "Nature and Quantity of Goods"),
        ),
    ),
    (20, at((0, "Pieces"), (37, "Class"), (44, "Item No."), (56, "Weight"))),
    (
        20,
        at(
            (3, "2"),
            (23, "820.4"),
            (31, "K"),
            (37, "Q"),
            (58, "1101.2"),
            (70, "2.14"),
            (88, "2,356.57"),
            (97, "CAPACITOR CERAMICO"),
        ),
    ),
    (20, at((97, "DIMS: 2 @ 108X41X67 CM"))),
    (
        20,
        at(
            (2, "26"),
            (23, "255.1"),
            (31, "L"),
            (37, "Q"),
            (59, "255.1"),
            (70, "2.14"),
            (90, "545.91"),
            (97, "LAMINA DE ALUMINIO"),
        ),
    ),
    (20, at((97, "DIMS: 26 @ 99X108X95 CM"))),
    (20, ""),
    (20, ""),
    (20, ""),
    (20, at((2, "28"), (88, "2,902.48"))),
    (20, at((0, "Total Prepaid"), (30, "Total Collect"))),
    (20, at((30, "3,100.00"))),
    (20, at((50, "Executed on (date)  at (place)"))),
    (20, at((50, "21JAN24   CHICAGO, IL"))),
    (20, at((0, "ORIGINAL 3 (FOR SHIPPER)"), (80, "016-48883461"))),
]


def test_iata_air_waybill() -> None:
    out = read_pages(AIR_WAYBILL)
    fields = out["fields"]
    assert fields["bl_kind"] == "air"
    # the number in its groups, the airport between them: whole by the serial's check digit
    assert fields["bl_number"] == "016-48883461"
    # the airline after "Issued by", not the number printed in large type at the top
    assert fields["carrier_name"] == "UNITED CARGO"
    assert fields["freight_terms"] == "collect"
    assert fields["issue_date"] == "2024-01-21"
    assert fields["port_of_loading"] == "CHICAGO, IL"
    assert fields["port_of_discharge"] == "GUADALAJARA"
    # the broker after ALSO NOTIFY:, not the orders on the line under it
    assert fields["notify_party_name"] == "DESPACHOS ADUANALES DEL PACIFICO, S.C."
    # the goods told rate line by rate line: none for the whole waybill
    assert "goods_description" not in fields
    lines = out["lines"]
    assert [line["package_count"] for line in lines] == [2, 26]
    # the gross weight, not the chargeable; an L in the unit's column says pounds
    assert [line["gross_weight_kg"] for line in lines] == [820.4, 115.7]
    assert [line["description"] for line in lines] == ["CAPACITOR CERAMICO", "LAMINA DE ALUMINIO"]


def test_figures_in_groups_are_no_carrier_title() -> None:
    rows = [
        (20, "016  ORD  4888 3461"),
        (20, "Shipper: ACME LLC"),
        (20, "Consignee: MAQUILADORA DEL NORTE S.A. DE C.V."),
    ]
    rows += [(20, "Notify: AGENCIA ADUANAL GARZA Y ASOCIADOS, S.C."), (20, "Gross weight: 1,481.0 KG")]
    page = page_from(rows)
    big = [w.__class__(w.text, w.x0, w.top, w.x1, w.top + 16, 1.0) if w.top < 50 else w for w in page.words]
    builder = extract_bill_of_lading(
        DocumentText("application/pdf", [PageText(1, page.text, big, "text_layer", None, 612, 792, 0)])
    )
    assert "carrier_name" not in builder.fields


def test_a_copy_number_under_the_totals_is_no_charge() -> None:
    rows = [
        (20, "Shipper: ACME LLC"),
        (20, at((0, "Total Prepaid"), (30, "Total Collect"))),
        (20, at((60, "3,100.00"))),
        (20, at((0, "ORIGINAL 3 (FOR SHIPPER)"))),
        (20, "FREIGHT COLLECT"),
    ]
    assert read(rows)["fields"]["freight_terms"] == "collect"


def test_a_count_run_into_the_size_column_is_the_packages() -> None:
    size = Cell(
        words=[Word("40'", 178, 80, 190, 87, 1.0), Word("HC", 192, 80, 200, 87, 1.0), Word("46", 210, 80, 218, 87, 1.0)]
    )
    kind = Cell(words=[Word("PALLETS", 221, 80, 250, 87, 1.0)])
    record = Record(cells={"size_type": size, "package_count": kind})
    _count_out_of_size(record)
    assert record.text("size_type") == "40' HC"
    assert record.text("package_count") == "46 PALLETS"
    # a size alone keeps its figures
    alone = Record(
        cells={"size_type": Cell(words=[Word("20", 178, 80, 186, 87, 1.0), Word("DV", 189, 80, 198, 87, 1.0)])}
    )
    _count_out_of_size(alone)
    assert alone.text("size_type") == "20 DV"


def _line(words: list[Word]) -> Line:
    return Line(
        words=words,
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        tokens=[norm(w.text) for w in words],
    )


def test_a_heading_word_set_apart_beside_the_heading_is_no_goods() -> None:
    heading = [
        Word(t, x, 255, x + 8 * len(t), 260, 1.0)
        for t, x in (("MARKS", 30), ("PKGS", 122), ("DESCRIPTION", 180), ("GROSS", 458), ("WEIGHT", 500))
    ]
    apart = [Word("MEASUREMENT", 530, 255, 590, 260.5, 1.0)]
    goods = [Word(t, x, 275, x + 6 * len(t), 282, 1.0) for t, x in (("CABLE", 182), ("DE", 220), ("COBRE", 240))]
    lay = PageLayout(1, 612, 792, [_line(heading), _line(apart), _line(goods)])
    assert preamble([lay], [(1, 0)]) == "CABLE DE COBRE"


def test_line_counts_against_the_riders_totals_row() -> None:
    from extractors.bill_of_lading import _counts_against_totals_row
    from extractors.result import ResultBuilder

    def builder(counts: list[int]) -> ResultBuilder:
        result = ResultBuilder()
        for count, kilos in zip(counts, (7117.2, 14679.7), strict=True):
            result.add_line({"package_count": {"value": count}, "gross_weight_kg": {"value": kilos}})
        return result

    row = [
        Word(t, x, 155, x + 5 * len(t), 162, 1.0)
        for t, x in (("TOTAL:", 30), ("2", 62), ("CONTAINERS", 70), ("91", 238), ("21,796.9", 487), ("48,054", 557))
    ]
    lay = PageLayout(2, 612, 792, [_line(row)])
    wrong = builder([40, 40])  # the containers' size (40') read as their packages
    _counts_against_totals_row([lay], wrong)
    assert [w["code"] for w in wrong.warnings] == ["totals_mismatch"]
    right = builder([46, 45])
    _counts_against_totals_row([lay], right)
    assert right.warnings == []


def test_french_reference_labels() -> None:
    from extractors.bl_checks import references
    from extractors.layout import layouts
    from extractors.result import ResultBuilder

    rows = [(300, "Invoice / Facture: 9071495"), (300, "P.O. / Bon de commande: PO-64619496, OC-12883710")]
    page = page_from(rows)
    result = ResultBuilder()
    references(layouts([page]), page.text, result)
    assert {"kind": "invoice", "value": "9071495"} in result.references
    assert {"kind": "po", "value": "PO-64619496"} in result.references
    assert {"kind": "po", "value": "OC-12883710"} in result.references
