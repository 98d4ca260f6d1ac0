"""Round-16 shapes: an ocean bill of cargo shipped loose (no containers: each item opens at its count and kind of
packages, the pieces' dimensions and own weights under its goods), and a master bill that lists the carrier's
underlying bills (numbers of the bill's own series, shaped like containers)."""

from __future__ import annotations

from extractors.bill_of_lading import _PIECE, _counts_against_totals_row, _piece_figures, _piece_row, loose_cargo
from extractors.checks import same_bill_series
from extractors.layout import layouts
from extractors.result import ResultBuilder
from extractors.review import review_checks
from extractors.review_agreement import unread_table_rows
from tests.unit.test_bl_shapes import page_from, read

LOOSE: list[tuple[float, str]] = [
    (20, "OCEANIC PROJECT LINES                            BILL OF LADING"),
    (20, "~Shipper                                          ~B/L No."),
    (20, "SOME EXPORTER GMBH                                OPLX20240117"),
    (20, "~Consignee"),
    (20, "SOME IMPORTER SA DE CV"),
    (20, "~Vessel                ~Voyage"),
    (20, "NORDIC STAR            021W"),
    (20, "~Marks   Number and Kind of Packages   Description of Goods               Gross Weight KGS  Measurement CBM"),
    (20, "SAID TO CONTAIN:"),
    (20, "ACME 1-2 2 SKIDS                       PRENSA HIDRAULICA INDUSTRIAL            4,400.000       18.200"),
    (20, "                                         Skid 1 - 410 x 200 x 180 cm, 2,650 kg"),
    (20, "                                         Skid 2 - 300 x 150 x 120 cm, 1,750 kg"),
    (20, "ACME 3   1 CRATE                       PRENSA HIDRAULICA INDUSTRIAL            1,100.000        3.100"),
    (20, "                                         Crate 3 - 220 x 110 x 130 cm, 1,100 kg"),
    (20, "TOTAL:   3 PACKAGES                                                            5,500.000       21.300"),
    (20, "FREIGHT PREPAID"),
]


def test_loose_cargo_is_read_item_by_item_without_the_pieces() -> None:
    result = read(LOOSE)
    assert result["lines"] == [
        {"package_count": 2, "gross_weight_kg": 4400.0, "description": "PRENSA HIDRAULICA INDUSTRIAL"},
        {"package_count": 1, "gross_weight_kg": 1100.0, "description": "PRENSA HIDRAULICA INDUSTRIAL"},
    ]
    assert result["fields"]["goods_description"] == "PRENSA HIDRAULICA INDUSTRIAL"


def test_loose_cargo_lines_need_no_container_and_its_pieces_are_no_unread_rows() -> None:
    from extractors.bill_of_lading import extract_bill_of_lading
    from extractors.text import DocumentText

    page = page_from(LOOSE)
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page]))
    assert builder.line_cells == ("package_count", "gross_weight_kg")
    review_checks("bill_of_lading", builder, page.text.splitlines())
    assert "line_incomplete" not in {w["code"] for w in builder.warnings}
    assert unread_table_rows(builder, {1: page.text}) == {}


def test_a_bill_with_a_container_anywhere_ships_no_loose_cargo() -> None:
    assert loose_cargo(layouts([page_from(LOOSE)]))
    rows = [*LOOSE[:8], (20, "MSKU 123456-5  2 SKIDS  PRENSA HIDRAULICA  4,400.000"), *LOOSE[14:]]
    assert not loose_cargo(layouts([page_from(rows)]))


def test_the_rule_keeps_containers_required_where_no_reader_says_otherwise() -> None:
    builder = ResultBuilder()
    builder.set("bl_kind", "ocean", 1.0)
    builder.add_line({"package_count": {"value": 2}, "gross_weight_kg": {"value": 10.0}})
    review_checks("bill_of_lading", builder, [])
    assert "line_incomplete" in {w["code"] for w in builder.warnings}


def test_a_piece_line_is_its_dimensions_and_own_weight() -> None:
    for text in (
        "Skid 1 - 410 x 200 x 180 cm, 2,650 kg",
        "PIECE NO. 4: 120 X 80 X 95 CM",
        "1.20 x 0.80 x 0.95 M  450 KGS",
        "Box 7: 48 x 40 x 36 IN 820 LBS",
    ):
        assert _PIECE.fullmatch(text), text
    for text in ("PRENSA HIDRAULICA INDUSTRIAL", "2 SKIDS 4,400.000", "LAMINA DE 0.2 MM", "10 x CAJA"):
        assert not _PIECE.fullmatch(text), text
    figures = _piece_figures(layouts([page_from([(20, "MADE IN ITALY   Skid 2 - 300 x 150 x 120 cm, 1,750 kg")])]))
    assert {2.0, 300.0, 150.0, 120.0, 1750.0} <= figures


def test_bills_of_the_same_series_are_no_containers() -> None:
    assert same_bill_series("ACMX5512344", "ACMX5512001")
    assert same_bill_series("ACMX 551234-4", "ACMX5512001")
    # another serial, another length, a container of the carrier's own owner code
    assert not same_bill_series("ACMX7712344", "ACMX5512001")
    assert not same_bill_series("MAEU2515651", "MAEU251565673")
    assert not same_bill_series("ACMU1234565", "ACMX5512001")


MASTER: list[tuple[float, str]] = [
    (20, "BILL OF LADING                         Bill of Lading Number: ACMX5512001"),
    (20, "~SHIP FROM"),
    (20, "SOME EXPORTER LLC"),
    (20, "~SHIP TO"),
    (20, "SOME IMPORTER SA DE CV"),
    (20, "~UNDERLYING BILLS OF LADING"),
    (20, "~B/L NUMBER        CUSTOMER ORDER     # PKGS     WEIGHT (KG)"),
    (20, "ACMX5512344-1      OC-1001            4          800.0"),
    (20, "ACMX5512778-2      OC-1002            6          1,200.0"),
]


def test_underlying_bills_of_a_master_bill_are_no_container_references() -> None:
    from extractors.bill_of_lading import extract_bill_of_lading
    from extractors.text import DocumentText

    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(MASTER)]))
    assert builder.fields["bl_number"]["value"] == "ACMX5512001"
    assert not [ref for ref in builder.references if ref["kind"] == "container"]


def test_a_piece_line_as_a_scan_reads_it_is_still_a_piece() -> None:
    for text in (
        "CASE 2: 258 x96x 2,660 KGS",
        "Skid 4 - 520 x 154x 305KGS 264x 66x 151 330 KGS",
        "299:x 232 x 187CM_ 608 KGS",
    ):
        assert _piece_row(text), text
    for text in ("PRENSA 2 x 3 M HIDRAULICA", "TUBO DE ACERO 2 X 4 M", "4 SKIDS 12 x PRENSA"):
        assert not _piece_row(text), text


ROAD: list[tuple[float, str]] = [
    (20, "BILL OF LADING                         Bill of Lading Number: ACMX5512001"),
    (20, "~SHIP FROM"),
    (20, "SOME EXPORTER LLC"),
    (20, "~SHIP TO"),
    (20, "SOME IMPORTER SA DE CV"),
    (20, "~HU QTY  TYPE   PKG QTY  TYPE    WEIGHT (KG)   COMMODITY DESCRIPTION"),
    (20, "3        PLT    PKGQ     CTN     1,500.0       VALVULA DE BRONCE"),
    (20, "GRAND TOTAL     24               1,500.0"),
]


def test_a_road_bills_count_that_its_totals_row_denies_goes_to_review() -> None:
    rows = [(x, text.replace("PKGQ", "24")) for x, text in ROAD]
    assert "totals_mismatch" not in read(rows)["warnings"]
    # the packages' figure lost (a scan's letters for it) and the handling units taken for it: the totals row
    # denies the count
    pages = layouts([page_from([(x, text.replace("PKGQ", "HA")) for x, text in ROAD])])
    builder = ResultBuilder()
    builder.add_line({"package_count": {"value": 3}, "gross_weight_kg": {"value": 1500.0}})
    _counts_against_totals_row(pages, builder)
    assert [w["code"] for w in builder.warnings] == ["totals_mismatch"]
