"""Round-15 shapes: the goods under a carrier's reservation that ends a longer line (``SHIPPER'S LOAD, STOW AND
COUNT - SAID TO CONTAIN:``), and a pre-printed road bill filled out of register (the handling units' count and
kind in one cell, the totals under their captions, the freight option's mark typed beside its box)."""

from __future__ import annotations

from extractors.bill_of_lading import _counted_units, _goods_cut_from_their_line, _mark_nearest_option
from extractors.bl_hits import labels_on
from extractors.bl_labels import LABELS
from extractors.layout import find_labels, layouts
from extractors.result import ResultBuilder
from extractors.text import PageText, Word
from tests.unit.test_bl_shapes import page_from, read

FREIGHTED: list[tuple[float, str]] = [
    (20, "ACME OCEAN LINES BILL OF LADING"),
    (20, "~B/L No. ACMO123456789"),
    (20, "~Shipper"),
    (20, "SOME EXPORTER GMBH"),
    (20, "~Consignee"),
    (20, "SOME IMPORTER SA DE CV"),
    (20, "SHIPPER'S LOAD, STOW AND COUNT - SAID TO CONTAIN:"),
    (20, "CAJA DE CARTON CORRUGADO PARA EMPAQUE"),
    (20, "FREIGHT PREPAID"),
]


def test_goods_under_a_reservation_ending_a_longer_line_are_read_from_the_line_start() -> None:
    result = read(FREIGHTED)
    assert result["fields"]["goods_description"] == "CAJA DE CARTON CORRUGADO PARA EMPAQUE"
    assert "low_layout_agreement" not in result["warnings"]


def _goods_at(words: slice) -> tuple[ResultBuilder, list, list]:
    pages = layouts([page_from(FREIGHTED)])
    hits = [hit for lay in pages for hit in find_labels(lay, LABELS)]
    line = next(ln for ln in pages[0].lines if ln.text.startswith("CAJA"))
    chosen = line.words[words]
    result = ResultBuilder()
    bbox = (chosen[0].x0, min(w.top for w in chosen), chosen[-1].x1, max(w.bottom for w in chosen))
    result.set("goods_description", " ".join(w.text for w in chosen), 0.95, page=1, bbox=bbox)
    return result, pages, hits


def test_goods_read_from_part_of_their_line_go_to_review() -> None:
    # the tail of the line only (what a label's column under "SAID TO CONTAIN:" held)
    result, pages, hits = _goods_at(slice(4, None))
    _goods_cut_from_their_line(pages, hits, result)
    assert [w["code"] for w in result.warnings] == ["low_layout_agreement"]
    # the whole line: nothing to say
    result, pages, hits = _goods_at(slice(0, None))
    _goods_cut_from_their_line(pages, hits, result)
    assert result.warnings == []


def test_handling_units_with_their_kind_in_one_cell_start_a_line() -> None:
    assert _counted_units("16 PLT")
    assert _counted_units("4 PALLETS")
    assert _counted_units("12")
    assert not _counted_units("TOTAL PIECES")
    assert not _counted_units("16 PLT 22")


RECEIPT: list[tuple[float, str]] = [
    (20, "STRAIGHT BILL OF LADING - SHORT FORM"),
    (20, "~B/L No.                         Date"),
    (20, "ACMX1234567                 06/26/2024"),
    (20, "~Carrier (name and SCAC)"),
    (20, "TRANSPORTES ACME SA DE CV SCAC ACMX"),
    (20, "~SHIPPER (FROM)"),
    (20, "SOME EXPORTER LLC"),
    (20, "~CONSIGNEE (TO)"),
    (20, "SOME IMPORTER SA DE CV"),
    (20, "Handling units   Pkgs     Description of articles                          Weight (KG)"),
    (20, "16 PLT           16       CIRCUITO INTEGRADO MONOLITICO                        5,348.5"),
    (20, "5 PLT            22       TORNILLO DE ACERO CON CABEZA                         8,667.0"),
    (20, "~TOTAL PIECES                                   TOTAL WEIGHT (KG)"),
    (20, "38                                  14,015.5"),
]


def test_a_pre_printed_bill_counts_the_packages_its_totals_row_adds_up() -> None:
    result = read(RECEIPT)
    assert [line["package_count"] for line in result["lines"]] == [16, 22]
    assert [line["description"] for line in result["lines"]] == [
        "CIRCUITO INTEGRADO MONOLITICO",
        "TORNILLO DE ACERO CON CABEZA",
    ]
    assert [line["gross_weight_kg"] for line in result["lines"]] == [5348.5, 8667.0]


def _options_row(mark_x: float) -> list:
    words = [
        Word("Prepaid", 133.0, 313.8, 155.4, 320.3, 1.0),
        Word("Collect", 243.0, 313.8, 262.9, 320.3, 1.0),
        Word("3rd", 353.0, 313.8, 362.4, 320.3, 1.0),
        Word("Party", 364.2, 313.8, 379.4, 320.3, 1.0),
        Word("X", mark_x, 316.9, mark_x + 4.8, 324.9, 1.0),
    ]
    return layouts([PageText(1, "Prepaid Collect 3rd Party X", words, "text_layer", None, 612, 792, 0)])


def test_a_typed_mark_plainly_beside_one_option_chooses_it_on_a_text_layer() -> None:
    # the X typed a few points before "Prepaid" (its box), far from "Collect"
    assert _mark_nearest_option(_options_row(124.1)) == "prepaid"
    assert _mark_nearest_option(_options_row(234.1)) == "collect"
    # a mark half way between says nothing on a text layer
    assert _mark_nearest_option(_options_row(196.0)) is None


def test_a_label_matched_into_its_parenthetical_note_takes_the_whole_note_on_a_scan() -> None:
    page = page_from(
        [
            (20, "~B/L No.          Carrier (name and SCAC)"),
            (20, "ACMX1234567       TRANSPORTES ACME SA DE CV"),
        ]
    )
    page = PageText(1, page.text, page.words, "ocr", None, 612, 792, 0)
    lay = layouts([page])[0]
    hit = next(hit for hit in labels_on(lay, set()) if hit.key == "carrier_name")
    assert lay.lines[hit.line].words[hit.end].text == "SCAC)"
    # a label opening the parenthesis that holds its value keeps the value out
    lay = layouts([page_from([(20, "ACME LINES S.A. (SCAC ACMO) BILL OF LADING")])])[0]
    hit = next(hit for hit in labels_on(lay, set()) if hit.key == "carrier_scac")
    assert lay.lines[hit.line].words[hit.end].text == "(SCAC"
