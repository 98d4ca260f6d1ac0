"""A switch B/L's particulars (a long description running up to the weight's column, the clause "said to contain"
across the columns) and a forwarder's house air waybill (its own number beside the master's, the totals row under
the rate lines, the broker to notify beside the references), on hand-written pages."""

from __future__ import annotations

from extractors.bill_of_lading import (
    _goods,
    _goods_past_border,
    _goods_without_weights,
    _house_number,
    _party,
    _without_figures_apart,
    _without_totals_row,
)
from extractors.bl_checks import bl_checks, references, references_only
from extractors.layout import Cell, Record
from extractors.layout.labels import Found
from extractors.result import ResultBuilder
from extractors.text import Word
from tests.unit.test_bl_export_and_air import at, read_pages


def word(text: str, x0: float, top: float = 100.0) -> Word:
    return Word(text, x0, top, x0 + 5.0 * len(text), top + 7.0, 1.0)


def test_figures_alone_are_no_goods() -> None:
    assert _goods("16,548.700 34.989") is None
    assert _goods("CABLE DE COBRE") is not None


def test_figures_past_a_gutter_are_cut_from_the_goods() -> None:
    words = [word("LAMINA", 200), word("DE", 235), word("ACERO", 250), word("1,250.500", 330), word("12.400", 400)]
    found = Found("LAMINA DE ACERO 1,250.500 12.400", 1, words, "LAMINA DE ACERO 1,250.500 12.400", 0.9)
    assert _without_figures_apart(found, _goods).value == "LAMINA DE ACERO"
    # words past the gutter are another box's text, not figures: left alone here
    words = [word("LAMINA", 200), word("ROLLO", 330)]
    found = Found("LAMINA ROLLO", 1, words, "LAMINA ROLLO", 0.9)
    assert _without_figures_apart(found, _goods).value == "LAMINA ROLLO"


def test_goods_that_ran_into_the_weight_column_come_back() -> None:
    goods = Cell([word("TUBO", 200), word("DE", 225), word("COBRE", 240), word("SEAL:", 30, 110)], 1)
    weight = Cell([word("SIN", 272), word("COSTURA", 292), word("2,480.000", 330)], 1)
    record = Record({"description": goods, "gross_weight_kg": weight}, 1)
    _goods_past_border(record)
    assert record.text("gross_weight_kg") == "2,480.000"
    assert record.text("description") == "TUBO DE COBRE SIN COSTURA SEAL:"
    # a word across a gutter from the goods is the column's own (a unit printed before the figure)
    goods = Cell([word("TUBO", 200)], 1)
    weight = Cell([word("KGS", 300), word("2,480.000", 330)], 1)
    record = Record({"description": goods, "gross_weight_kg": weight}, 1)
    _goods_past_border(record)
    assert record.text("gross_weight_kg") == "KGS 2,480.000"


def test_trailing_weight_is_cut_from_the_goods() -> None:
    result = ResultBuilder()
    result.set("goods_description", "MALLA DE ALAMBRE GALVANIZADO 3,120.400", 0.9)
    result.add_line({"gross_weight_kg": {"value": 3120.4, "confidence": 0.9}})
    _goods_without_weights(result)
    assert result.fields["goods_description"]["value"] == "MALLA DE ALAMBRE GALVANIZADO"
    # a figure that is no line's weight is the goods' own (a size)
    result.set("goods_description", "LAMINA CALIBRE 0.9", 0.9)
    _goods_without_weights(result)
    assert result.fields["goods_description"]["value"] == "LAMINA CALIBRE 0.9"


def test_references_are_no_party() -> None:
    assert references_only("INV A5512-08 PO PO-11223344 OC-55667788")
    assert _party("INV A5512-08 PO PO-11223344") is None
    assert not references_only("INVERSIONES DEL NORTE 2000 S.A.")
    assert _party("OCEAN FREIGHT 2000 LLC") is not None


def test_totals_row_is_no_line() -> None:
    def line(count: int, kilos: float, goods: str) -> dict:
        return {
            "package_count": {"value": count},
            "gross_weight_kg": {"value": kilos},
            "description": {"value": goods},
        }

    lines = [line(3, 120.5, "VALVULA"), line(2, 80.0, "EMPAQUE"), line(5, 200.5, "CONSOLIDATED CARGO")]
    assert len(_without_totals_row(lines)) == 2
    lines = [line(3, 120.5, "VALVULA"), line(3, 120.5, "SEE MANIFEST")]
    assert len(_without_totals_row(lines)) == 1
    # two like lines are not a line and its total
    lines = [line(3, 120.5, "VALVULA"), line(3, 120.5, "VALVULA")]
    assert len(_without_totals_row(lines)) == 2
    lines = [line(3, 120.5, "VALVULA"), line(2, 80.0, "EMPAQUE"), line(4, 200.5, "TORNILLO")]
    assert len(_without_totals_row(lines)) == 3


def test_house_number() -> None:
    assert _house_number("MAWB 176-12345675   HAWB NO. MEX-7731204\nHAWB MEX-7731204") == "MEX-7731204"
    assert _house_number("HOUSE AIR WAYBILL\nISSUED BY SOME FORWARDER") is None
    assert _house_number("House AWB: 88120456") == "88120456"


def test_orders_listed_with_spaces() -> None:
    result = ResultBuilder()
    references([], "INV 77120 PO OC-1200345 PO-3345120\nCONSIGNEE", result)
    found = {(r["kind"], r["value"]) for r in result.references}
    assert {("po", "OC-1200345"), ("po", "PO-3345120")} <= found


HOUSE = [
    (20, at((0, "MAWB No.  176-12345675"), (80, "HAWB No.  MEX-7731204"))),
    (20, at((0, "Shipper's Name and Address"), (60, "HOUSE AIR WAYBILL"))),
    (20, at((0, "SONORA VALVE WORKS INC"), (60, "Issued by ANDES AIR FREIGHT LLC"))),
    (20, at((0, "Consignee's Name and Address"))),
    (20, at((0, "ENSAMBLES DEL BAJIO S.A. DE C.V."))),
    (20, at((0, "Airport of Departure"), (60, "Airport of Destination"))),
    (20, at((0, "HOUSTON INTL, TX"), (60, "QUERETARO INTL (QRO)"))),
    (20, at((0, "Handling Information"))),
    (20, at((0, "ALSO NOTIFY: DESPACHOS DEL CENTRO, S.C."))),
    (20, at((0, "INV 77120 PO OC-1200345 PO-3345120"))),
    (20, at((0, "No. of Pieces"), (16, "Gross Weight"), (32, "kg lb"), (40, "Nature and Quantity of Goods"))),
    (20, at((0, "3"), (16, "120.5"), (32, "K"), (40, "VALVULA DE BOLA"))),
    (20, at((0, "2"), (16, "80.0"), (32, "K"), (40, "EMPAQUE DE HULE"))),
    (20, at((0, "5"), (16, "200.5"), (32, "K"), (40, "CONSOLIDATED AS PER MANIFEST"))),
    (20, at((0, "Executed on 12-Mar-2025 at HOUSTON"))),
    (20, at((60, "HAWB MEX-7731204"))),
]


def test_house_air_waybill() -> None:
    read = read_pages(HOUSE)
    assert read["fields"]["bl_number"] == "MEX-7731204"
    assert read["fields"]["notify_party_name"] == "DESPACHOS DEL CENTRO, S.C."
    assert len(read["lines"]) == 2
    assert read["fields"].get("package_count") in (None, 5)


SWITCH = [
    (20, at((0, "Shipper"), (60, "B/L No."))),
    (20, at((0, "LOTUS TRADING (HK) LIMITED"), (60, "OOLU2231145870"))),
    (20, at((0, "Vessel / Voyage"), (30, "Port of Loading"), (60, "Port of Discharge"))),
    (20, at((0, "OOCL TOKYO / 021E"), (30, "YANTIAN, CHINA"), (60, "MANZANILLO, MEXICO"))),
    (20, at((0, "Container No."), (15, "No. of Pkgs"), (27, "Description of Goods"), (66, "Gross Weight"))),
    (20, at((27, "SHIPPER'S LOAD, STOW AND COUNT - SAID TO CONTAIN:"))),
    (20, at((0, "TGHU8812346"), (15, "12 PLTS"), (27, "CARCASA DE ALUMINIO FUNDIDO"), (70, "4,410.000"))),
    (20, at((0, "SEAL: 7712045"))),
    (20, at((0, "FREIGHT PREPAID"))),
]


def test_clause_over_the_goods_sets_no_border() -> None:
    # (the clause runs under the weight's heading: the border is fitted on the container lines alone)
    read = read_pages(SWITCH)
    assert read["lines"][0]["description"] == "CARCASA DE ALUMINIO FUNDIDO"
    assert read["lines"][0]["gross_weight_kg"] == 4410.0
    assert read["fields"]["goods_description"] == "CARCASA DE ALUMINIO FUNDIDO"


def test_notes_over_the_records_shape_no_border() -> None:
    from extractors.bill_of_lading import OCEAN_SPEC
    from extractors.layout import layouts
    from extractors.layout.tables import read_table
    from tests.unit.test_bl_shapes import page_from

    rows = [
        (20, at((0, "Container No."), (15, "No. of Pkgs"), (27, "Description of Goods"), (66, "Gross Weight"))),
        (20, at((27, "SHIPPER'S LOAD, STOW AND COUNT - SAID TO CONTAIN:"))),
        (20, at((0, "TGHU8812346"), (15, "12 PLTS"), (27, "VALVULA DE ESFERA DE ACERO INOXIDABLE"), (70, "4,410.000"))),
    ]
    records = read_table(layouts([page_from(rows, size=14.0)]), OCEAN_SPEC)
    # (the clause crosses the gutter between the goods and the weight: it sets no border there)
    assert records[0].text("description") == "VALVULA DE ESFERA DE ACERO INOXIDABLE"
    assert records[0].text("gross_weight_kg") == "4,410.000"


def test_totals_row_kept_or_references_as_party_go_to_review() -> None:
    result = ResultBuilder()
    for count, kilos in ((3, 120.5), (2, 80.0), (5, 200.5)):
        result.add_line({"package_count": {"value": count}, "gross_weight_kg": {"value": kilos}})
    bl_checks(result)
    assert "totals_mismatch" in {w["code"] for w in result.warnings}
    result = ResultBuilder()
    result.set("notify_party_name", "INV 55120 PO 4500012345 4500012346", 0.9)
    bl_checks(result)
    assert "value_shape" in {w["code"] for w in result.warnings}
    result = ResultBuilder()
    result.set("notify_party_name", "DESPACHOS DEL CENTRO, S.C.", 0.9)
    for count, kilos in ((3, 120.5), (2, 80.0), (4, 200.5)):
        result.add_line({"package_count": {"value": count}, "gross_weight_kg": {"value": kilos}})
    bl_checks(result)
    assert not result.warnings


def test_dimensions_with_the_at_sign_misread_are_no_goods() -> None:
    from extractors.bl_blocks import clean_description

    assert clean_description("VALVULA DE BOLA DIMS: 6 O 80x40x35 CM") == "VALVULA DE BOLA"
    assert clean_description("EMPAQUE DE HULE DIMS: e 45x30x20 CM") == "EMPAQUE DE HULE"
    # a word before a size is the goods' own when no DIMS caption opens it
    assert clean_description("LAMINA O 1200X2400 MM") == "LAMINA O 1200X2400 MM"
