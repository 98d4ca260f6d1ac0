"""A pedimento photographed page by page and read by OCR: a partida's SEC lost at its line's start, a whole
partida's lines lost (a gap in the table), a decimal point lost from a figure, a NICO's digit lost from a codes
line whose values drifted from their headings (extractors/pedimento/lost_sequence.py, repair.py,
printed_order.py, extractors/layout/tables.py)."""

from __future__ import annotations

from typing import Any

from extractors.layout import Cell, Record
from extractors.pedimento import extract_pedimento
from extractors.pedimento.printed_order import in_printed_order
from extractors.pedimento.repair import repair
from extractors.result import ResultBuilder
from extractors.text import DocumentText, PageText, Word

Row = list[tuple[float, str]]

HEADER: list[Row] = [
    [(24, "SEC"), (44, "FRACCION"), (90, "SUBD."), (116, "VINC."), (142, "MET."), (160, "VAL."), (184, "UMC")]
    + [(204, "CANTIDAD"), (242, "UMC"), (266, "UMT"), (290, "CANT.UMT"), (340, "P.V/C"), (370, "P.O/D")],
    [(44, "DESCRIPCION")],
    [(44, "VAL."), (64, "ADU/USD"), (120, "PRECIO"), (150, "PAGADO"), (204, "PRECIO"), (234, "UNIT.")]
    + [(290, "VAL."), (310, "AGREG.")],
]


def _partida(sec: str | None, qty: str, values: tuple[str, str, str, str]) -> list[Row]:
    first: Row = [(24, sec)] if sec is not None else []
    first += [(44, "85044099"), (90, "99"), (116, "0"), (142, "1"), (184, "6"), (204, qty), (266, "6")]
    first += [(290, qty), (340, "USA"), (370, "USA")]
    value_row: Row = [(44, values[0]), (120, values[1]), (204, values[2]), (290, values[3])]
    return [first, [(44, "FUENTE"), (80, "DE"), (94, "PODER")], value_row]


def _page(rows: list[Row]) -> DocumentText:
    """One scanned page: each row a list of (x, text) at 7 pt, OCR confidence 0.9."""
    words = []
    for i, row in enumerate(rows):
        y = 40 + i * 11.0
        for x, text in row:
            words.append(Word(text, x, y, x + 4.2 * len(text), y + 7, 0.9))
    text = "\n".join(" ".join(t for _x, t in row) for row in rows)
    return DocumentText("application/pdf", [PageText(1, text, words, "ocr", 0.9, 612, 792, 0)])


P1 = ("1,000.00", "18,000", "18.00000", "0")
P2 = ("2,000.00", "36,000", "18.00000", "0")
P3 = ("3,000.00", "54,000", "18.00000", "0")


def test_a_partida_whose_sec_ocr_lost_mid_page_is_its_own_partida_numbered_by_order() -> None:
    rows = HEADER + _partida("1", "1,000.000", P1) + _partida(None, "2,000.000", P2) + _partida("3", "3,000.000", P3)
    lines = extract_pedimento(_page(rows)).lines
    assert [(line["sequence"]["value"], line["umc_quantity"]["value"]) for line in lines] == [
        (1, 1000.0),
        (2, 2000.0),
        (3, 3000.0),
    ]
    # put in by order, then confirmed by the partida after it: believed no more than that
    assert lines[1]["sequence"]["confidence"] == 0.85


def test_a_line_without_a_codes_lines_shape_gets_no_sec() -> None:
    rows = HEADER + _partida("1", "1,000.000", P1) + [[(44, "85044099"), (90, "FUENTE"), (130, "USA")]]
    lines = extract_pedimento(_page(rows)).lines
    assert [line["sequence"]["value"] for line in lines] == [1]


def test_the_partidas_go_on_past_the_gap_a_partida_ocr_lost_leaves() -> None:
    rows = HEADER + _partida("1", "1,000.000", P1) + [[]] * 6 + _partida("3", "3,000.000", P3)
    lines = extract_pedimento(_page(rows)).lines
    assert [line["sequence"]["value"] for line in lines] == [1, 3]


def test_a_footer_past_a_gap_still_ends_the_partidas() -> None:
    rows = HEADER + _partida("1", "1,000.000", P1) + [[]] * 6 + [[(24, "1"), (44, "de"), (60, "2")]]
    lines = extract_pedimento(_page(rows)).lines
    assert [line["sequence"]["value"] for line in lines] == [1]


# --- decimal points lost, put back from the column's printed format


def _cell(value: Any, raw: str) -> dict[str, Any]:
    return {"value": value, "confidence": 0.95, "page": 1, "bbox": None, "raw": raw}


def _builder(quantities: list[str], units: list[str], paid: list[int]) -> ResultBuilder:
    b = ResultBuilder()
    b.fields["operation_type"] = _cell("IMP", "IMP")
    for k, (qty, unit, price) in enumerate(zip(quantities, units, paid, strict=True)):
        b.add_line(
            {
                "sequence": _cell(k + 1, str(k + 1)),
                "umc_quantity": _cell(float(qty.replace(",", "")), qty),
                "unit_price": _cell(float(unit), unit),
                "paid_price_mxn": _cell(price, str(price)),
            }
        )
    return b


def _quantities(b: ResultBuilder) -> list[float]:
    return [line["umc_quantity"]["value"] for line in b.lines]


def test_a_quantity_read_without_its_point_takes_the_decimals_its_column_prints() -> None:
    b = _builder(
        ["800.000", "52.000", "120.500", "769849"],
        ["5.00000", "25.00000", "2.00000", "29.50449"],
        [4000, 1300, 241, 22714],
    )
    repair(b, ocr=True)
    assert _quantities(b) == [800.0, 52.0, 120.5, 769.849]
    assert b.lines[3]["umc_quantity"]["confidence"] < 0.95


def test_a_unit_price_read_without_its_point_takes_five_decimals() -> None:
    b = _builder(
        ["287.000", "390.000", "100.000", "50.000"],
        ["1.00000", "2.22051", "3.00000", "363415"],
        [287, 866, 300, 182],
    )
    repair(b, ocr=True)
    assert b.lines[3]["unit_price"]["value"] == 3.63415


def test_a_figure_without_a_point_stays_where_the_column_prints_mixed_decimals() -> None:
    b = _builder(
        ["800.00", "52.000", "120.5", "769849"],
        ["5.00000", "25.00000", "2.00000", "7.00000"],
        [4000, 1300, 241, 22714],
    )
    repair(b, ocr=True)
    assert _quantities(b)[3] == 769849.0


def test_a_figure_without_a_point_stays_where_its_partidas_arithmetic_holds_as_read() -> None:
    b = _builder(
        ["800.000", "52.000", "120.500", "1000"],
        ["5.00000", "25.00000", "2.00000", "2.00000"],
        [4000, 1300, 241, 2000],
    )
    repair(b, ocr=True)
    assert _quantities(b)[3] == 1000.0


def test_a_text_layer_is_never_repaired() -> None:
    b = _builder(
        ["800.000", "52.000", "120.500", "769849"],
        ["5.00000", "25.00000", "2.00000", "29.50449"],
        [4000, 1300, 241, 22714],
    )
    repair(b, ocr=False)
    assert _quantities(b)[3] == 769849.0


# --- a codes line in the official order, its NICO one digit short


def _word(text: str, x: float) -> Word:
    return Word(text, x, 100.0, x + 4.0 * len(text), 107.0, 0.9)


def test_a_codes_line_whose_nico_lost_a_digit_is_still_read_in_the_official_order() -> None:
    texts = ["1", "85044099", "9", "0", "1", "6", "12.000", "6", "12.000", "USA", "KOR"]
    words = [_word(t, 20.0 + 30 * k) for k, t in enumerate(texts)]
    # the values drifted one heading to the left of theirs
    record = Record(
        cells={
            "sequence": Cell(words=[words[0]], page=1),
            "tariff_code": Cell(words=words[1:3], page=1),
            "nico": Cell(words=words[3:5], page=1),
            "vinc": Cell(words=[words[5]], page=1),
            "method": Cell(words=[words[6]], page=1),
            "umc_quantity": Cell(words=words[7:9], page=1),
            "umt": Cell(words=[words[9]], page=1),
            "umt_quantity": Cell(words=[words[10]], page=1),
        },
        page=1,
    )
    in_printed_order(record)
    assert record.text("nico") == "9"
    assert record.text("umc_quantity") == "12.000"
    assert record.text("seller_buyer_country") == "USA"
    assert record.text("origin_destination_country") == "KOR"


def test_a_umt_quantity_read_without_its_point_takes_its_columns_decimals_whatever_the_umc_arithmetic() -> None:
    b = _builder(["800.000", "52.000", "120.500", "1000.000"], ["5.00000"] * 3 + ["2.00000"], [4000, 260, 603, 2000])
    for line, umt in zip(b.lines, ["24.000", "1.500", "60.250", "302400"], strict=True):
        line["umt_quantity"] = _cell(float(umt), umt)
    repair(b, ocr=True)
    assert [line["umt_quantity"]["value"] for line in b.lines] == [24.0, 1.5, 60.25, 302.4]
