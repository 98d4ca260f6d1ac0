"""A broker's print that writes each partida row as one string of values a few spaces apart, narrower than its
column headings (the values drift left of their columns), and a relation of part numbers after the FIN DE
PEDIMENTO line that gives each partida its part number through its SEC."""

from __future__ import annotations

from extractors.pedimento import extract_pedimento
from tests.unit.pedimento_rows import Row, document
from tests.unit.pedimento_rows import cell as _cell
from tests.unit.pedimento_rows import read_lines as _lines

HEADINGS: list[Row] = [
    [(26, "SEC"), (43, "FRACCION"), (85, "SUBD."), (109, "VINC.")]
    + _cell(132, "MET", "VAL")
    + [(167, "UMC"), *_cell(189, "CANTIDAD", "UMC"), (249, "UMT"), *_cell(271, "CANTIDAD", "UMT")]
    + [(331, "P.V/C"), (356, "P.O/D")],
    _cell(46, "DESCRIPCION"),
    _cell(35, "VAL", "ADU/USD") + _cell(88, "IMP.", "PRECIO", "PAG.") + _cell(157, "PRECIO", "UNIT."),
]
HEADINGS[2] += _cell(212, "VAL.", "AGREG.")


def _partida(
    seq: str, tariff: str, umc: str, qty: str, umt: str, tqty: str, desc: list[str], values: list[str]
) -> list[Row]:
    return [
        [(26.0, seq), (37, tariff), (71, "99"), (87, "0"), (102, "1"), (120, umc), (132, qty), (174, umt)]
        + [(186, tqty), (220, "KOR"), (240, "MEX")],
        _cell(46, *desc),
        [(46, values[0]), (82, values[1]), (118, values[2]), (159, "0")],
    ]


FIN: Row = _cell(26, "*****", "FIN", "DE", "PEDIMENTO", "*****", "NUM.", "TOTAL", "DE", "PARTIDAS:", "2")
RELATION: list[Row] = [
    _cell(26, "RELACION", "DE", "NUMEROS", "DE", "PARTE"),
    [(26, "FACTURA"), (120, "SEC."), *_cell(140, "NUM.", "PARTE"), *_cell(230, "DESCRIPCION", "COMERCIAL")]
    + [(450, "CANTIDAD"), (500, "UMC")],
    [(26, "F-3310"), (124, "2"), (140, "BK-2207-C"), *_cell(230, "Bisagra", "De", "Acero"), (450, "52.000")]
    + [(500, "6")],
    [(26, "F-3308"), (124, "1"), (140, "ZT-0415-A"), *_cell(230, "Resorte", "De", "Compresion"), (450, "800.000")]
    + [(500, "6")],
]


def _rows() -> list[Row]:
    rows: list[Row] = list(HEADINGS)
    rows += _partida(
        "1", "73202001", "6", "800.000", "1", "24.000", ["RESORTE", "DE", "COMPRESION"], ["4000", "4000", "5.00000"]
    )
    rows += _partida(
        "2", "83021001", "6", "52.000", "6", "52.000", ["BISAGRA", "DE", "ACERO"], ["1300", "1300", "25.00000"]
    )
    return rows


def test_a_row_of_values_in_the_official_order_is_read_in_that_order() -> None:
    lines = _lines(extract_pedimento(document([*_rows(), FIN])))
    assert [line["sequence"] for line in lines] == [1, 2]
    first = lines[0]
    assert first["tariff_code"] == "73202001" and first["nico"] == "99"
    assert first["umc"] == "6" and first["umc_quantity"] == 800
    assert first["umt"] == "1" and first["umt_quantity"] == 24
    assert first["seller_buyer_country"] == "KOR" and first["origin_destination_country"] == "MEX"
    assert first["customs_value_mxn"] == 4000 and first["paid_price_mxn"] == 4000
    assert first["unit_price"] == 5.0 and first["value_added"] == 0
    assert first["description"] == "RESORTE DE COMPRESION"
    assert lines[1]["unit_price"] == 25.0 and lines[1]["umt_quantity"] == 52


def test_values_whose_arithmetic_disagrees_are_not_reordered() -> None:
    rows = list(HEADINGS) + _partida(
        "1", "73202001", "6", "800.000", "1", "24.000", ["RESORTE"], ["4000", "4000", "9.10000"]
    )
    lines = _lines(extract_pedimento(document([*rows, FIN])))
    assert lines[0].get("unit_price") != 9.1 or lines[0].get("value_added") != 0


def test_the_relation_of_part_numbers_gives_each_partida_its_part_by_sec() -> None:
    lines = _lines(extract_pedimento(document([*_rows(), FIN, *RELATION])))
    assert [line.get("part_number") for line in lines] == ["ZT-0415-A", "BK-2207-C"]


def test_a_sec_listed_with_two_part_numbers_gets_neither() -> None:
    twice = [(26, "F-3310"), (124, "1"), (140, "QQ-9000-X"), *_cell(230, "Resorte"), (450, "1.000"), (500, "6")]
    lines = _lines(extract_pedimento(document([*_rows(), FIN, *RELATION, twice])))
    assert lines[0].get("part_number") is None and lines[1]["part_number"] == "BK-2207-C"


SHARED_HEADING: list[Row] = [
    HEADINGS[0],
    _cell(30, "DESCRIPCION", "/", "VAL.ADU/USD")
    + _cell(150, "IMP.PRECIO", "PAG.")
    + _cell(215, "PRECIO", "UNIT.")
    + _cell(275, "VAL.AGREG."),
]


def test_a_valor_aduana_under_the_description_heading_is_no_description_word() -> None:
    rows = list(SHARED_HEADING)
    rows += _partida(
        "1", "73202001", "6", "800.000", "1", "24.000", ["RESORTE", "DE", "COMPRESION"], ["4100", "4000", "5.00000"]
    )
    lines = _lines(extract_pedimento(document([*rows, FIN])))
    first = lines[0]
    assert first["description"] == "RESORTE DE COMPRESION"
    assert first["customs_value_mxn"] == 4100 and first["paid_price_mxn"] == 4000
    assert first["unit_price"] == 5.0 and first["value_added"] == 0


def test_a_unit_price_that_lost_its_point_still_tells_the_order() -> None:
    rows = list(SHARED_HEADING)
    rows += _partida("1", "73202001", "6", "800.000", "1", "24.000", ["RESORTE"], ["4100", "4000", "500000"])
    first = _lines(extract_pedimento(document([*rows, FIN])))[0]
    assert first["customs_value_mxn"] == 4100 and first["paid_price_mxn"] == 4000
    assert first["unit_price"] == 500000 and first["value_added"] == 0
