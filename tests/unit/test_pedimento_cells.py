"""What OCR does to a scanned partida's row, put right before its cells are parsed (extractors/pedimento/cells.py)
and contribution lines as a scan prints them kept out of the partida (extractors/pedimento/partidas.py)."""

from __future__ import annotations

import pytest

from extractors.layout import Cell, Record
from extractors.pedimento.cells import join_split_figures, place_countries, value_added_from_part
from extractors.pedimento.partidas import _is_contribution, _ocr_description
from extractors.text import Word


def _w(text: str, x0: float, top: float = 100.0) -> Word:
    return Word(text, x0, top, x0 + 4.2 * len(text), top + 7, 0.9)


def _record(**cells: list[Word]) -> Record:
    return Record(cells={key: Cell(words=words, page=1) for key, words in cells.items()})


def test_a_figure_broken_at_its_decimal_point_is_one_figure() -> None:
    record = _record(
        customs_value_mxn=[_w("70889", 40), _w(".83", 64)], umc_quantity=[_w("5725", 200), _w(".000", 220)]
    )
    join_split_figures(record)
    assert record.cells["customs_value_mxn"].text == "70889.83"
    assert record.cells["umc_quantity"].text == "5725.000"


def test_two_figures_or_a_thousands_group_are_not_joined() -> None:
    record = _record(customs_value_mxn=[_w("70889", 40), _w(",830", 64)], paid_price_mxn=[_w("12", 40), _w(".5", 120)])
    join_split_figures(record)
    assert record.cells["customs_value_mxn"].text == "70889 ,830"  # a thousands group, not decimals
    assert record.cells["paid_price_mxn"].text == "12 .5"  # too far apart to be one figure


def test_two_countries_in_one_column_are_vendor_then_origin() -> None:
    record = _record(origin_destination_country=[_w("DEU", 300), _w("CHN", 320)])
    place_countries(record)
    assert record.cells["seller_buyer_country"].text == "DEU"
    assert record.cells["origin_destination_country"].text == "CHN"


def test_a_country_beside_the_quantity_fills_the_empty_country_column() -> None:
    record = _record(umt_quantity=[_w("35,443.000", 200), _w("USA", 250)], origin_destination_country=[_w("CHN", 300)])
    place_countries(record)
    assert record.cells["umt_quantity"].text == "35,443.000"
    assert record.cells["seller_buyer_country"].text == "USA"
    assert record.cells["origin_destination_country"].text == "CHN"


def test_countries_one_per_column_are_left_as_read() -> None:
    record = _record(
        seller_buyer_country=[_w("CHN", 300)],
        origin_destination_country=[_w("USA", 260)],
        umt_quantity=[_w("NOM", 200)],
    )
    place_countries(record)
    assert record.cells["seller_buyer_country"].text == "CHN"
    assert record.cells["origin_destination_country"].text == "USA"


@pytest.mark.parametrize(
    "line",
    [
        "IGr..0:0000 1.0 0",
        "IGT. 0.0000 (10270",
        'IGI = 0.0000. 1.2.0" 0',
        "IGI 00000. 1° .0--0",
        "1G10.0000000000 1 0 0",
        "TGr -0.0000 “1-050",
        "EGI 000005",
        "PGi 0000-1 7.70 0",
    ],
)
def test_contribution_lines_as_a_scan_prints_them(line: str) -> None:
    assert _is_contribution(line.split())


@pytest.mark.parametrize("line", ["70889.83 1223417 74.83588 0", "EC 1", "MODULO DE 0.0000 1 1", "IVA", "TL USA"])
def test_values_identifiers_and_description_are_not_contributions(line: str) -> None:
    assert not _is_contribution(line.split())


def test_a_value_added_ocr_set_in_the_part_numbers_cell_is_the_value_added() -> None:
    record = _record(part_number=[_w("0", 400), _w("MX76303-89", 406)])
    value_added_from_part(record)
    assert record.cells["value_added"].text == "0" and record.cells["part_number"].text == "MX76303-89"
    kept = _record(part_number=[_w("0", 400), _w("MX76303-89", 406)], value_added=[_w("0", 380)])
    value_added_from_part(kept)
    assert kept.cells["part_number"].text == "0 MX76303-89"  # the value added was read: nothing to move


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("MODULO DE ILUMINACION. LED PARA INTERIOR", "MODULO DE ILUMINACION LED PARA INTERIOR"),
        ("MODULO DE ILUMINACION LED..PARA INTERIOR", "MODULO DE ILUMINACION LED PARA INTERIOR"),
        ("PIEZA DE PLASTICO MOLDEADA PARA “CARCASA", "PIEZA DE PLASTICO MOLDEADA PARA CARCASA"),
        ("TORNILLO APROX. 5 MM", "TORNILLO APROX. 5 MM"),  # an abbreviation keeps its point
        ("CABLE DE COBRE AISLADO.", "CABLE DE COBRE AISLADO."),  # and so does the end of the text
    ],
)
def test_points_and_quote_marks_ocr_put_between_a_descriptions_words(read: str, meant: str) -> None:
    assert _ocr_description(read) == meant


def test_a_lower_case_speck_before_a_scanned_part_number_in_capitals_is_dropped() -> None:
    from extractors.pedimento.partidas import _ocr_part

    def scanned(text: str, confidence: float = 0.4) -> Word:
        return Word(text, 10, 10, 60, 17, confidence)

    assert _ocr_part("SMAT-001", "sMAT-001", [scanned("S/M_sMAT-001")]) == "MAT-001"
    assert _ocr_part("XA90444-61", "xA90444-61", [scanned("xA90444-61")]) == "A90444-61"
    # a text layer prints what the code is; a code in mixed case, or all lower case, keeps its first letter
    assert _ocr_part("SMAT-001", "sMAT-001", [Word("sMAT-001", 10, 10, 60, 17, 1.0)]) == "SMAT-001"
    assert _ocr_part("MPCIE-01", "mPCIe-01", [scanned("mPCIe-01")]) == "MPCIE-01"
    assert _ocr_part("AB-12", "ab-12", [scanned("ab-12")]) == "AB-12"
    assert _ocr_part("MAT-001", "MAT-001", [scanned("MAT-001")]) == "MAT-001"
