"""Partidas printed as self-labelled records in two newspaper columns (the left half of the page first, then the
right half), and a record's description wrapped onto a line of its own; on short hand-written text layers and
scans of them (a record's number OCR glued to its label or lost, a part number cut, a point read as a digit, a
speck in the pedimento number)."""

from __future__ import annotations

from dataclasses import replace

from extractors.layout import layouts, read_cards
from extractors.pedimento import PARSERS, PARTIDA_SPEC, extract_pedimento
from extractors.pedimento.newspaper import unfolded
from extractors.pedimento.repair import misread
from extractors.text import DocumentText, Word
from tests.unit.pedimento_rows import LANDSCAPE, Row, document
from tests.unit.pedimento_rows import cell as _cell
from tests.unit.pedimento_rows import read_lines as _lines

RIGHT = 420.0


def _record(x: float, number: int, fraccion: str, words: list[str], value: str, part: str) -> list[Row]:
    """One partida as its lines, from ``x``; a description of more than four words wraps after the fourth."""
    first, rest = words[:4], words[4:]
    rows = [
        _cell(x, "SEC.", str(number))
        + _cell(x + 40, "FRACCION", fraccion)
        + _cell(x + 130, "NICO", "01")
        + _cell(x + 185, "VINC.", "0"),
        _cell(x, "UMC", "6") + _cell(x + 40, "CANT.", "UMC", "250.000") + _cell(x + 150, "P.O/D", "TWN"),
        _cell(x, "DESCRIPCION:", *first),
    ]
    if rest:
        rows.append(_cell(x, *rest))
    rows += [
        _cell(x, "VALOR", "ADUANA", value) + _cell(x + 130, "PRECIO", "PAGADO", value),
        _cell(x, "NUM.", "PARTE:", part),
        [],
    ]
    return rows


def _side_by_side(left: list[Row], right: list[Row]) -> list[Row]:
    rows = []
    for k in range(max(len(left), len(right))):
        rows.append((left[k] if k < len(left) else []) + (right[k] if k < len(right) else []))
    return rows


LEFT_COLUMN = _record(20, 1, "39269099", ["SOPORTE", "PLASTICO", "PARA", "ENSAMBLE", "DE", "PUERTA"], "4410", "BR-22")
LEFT_COLUMN += _record(20, 2, "73181599", ["TORNILLO", "DE", "ACERO"], "812", "TX-9")
RIGHT_COLUMN = _record(RIGHT, 3, "40169399", ["EMPAQUE", "DE", "HULE"], "97", "GK-310")
RIGHT_COLUMN += [_cell(RIGHT, "***", "FIN", "DE", "PEDIMENTO", "***", "TOTAL", "DE", "PARTIDAS:", "3")]
BANNER: Row = _cell(300, "P", "A", "R", "T", "I", "D", "A", "S")


def test_partidas_in_two_newspaper_columns_read_column_after_column() -> None:
    rows = [BANNER, *_side_by_side(LEFT_COLUMN, RIGHT_COLUMN)]
    lines = _lines(extract_pedimento(document(rows, size=LANDSCAPE)))
    assert [line["sequence"] for line in lines] == [1, 2, 3]
    assert [line["tariff_code"] for line in lines] == ["39269099", "73181599", "40169399"]
    assert [line["description"] for line in lines] == [
        "SOPORTE PLASTICO PARA ENSAMBLE DE PUERTA",
        "TORNILLO DE ACERO",
        "EMPAQUE DE HULE",
    ]
    assert [line["paid_price_mxn"] for line in lines] == [4410.0, 812.0, 97.0]
    assert [line["part_number"] for line in lines] == ["BR-22", "TX-9", "GK-310"]
    assert [line["origin_destination_country"] for line in lines] == ["TWN"] * 3


def test_a_line_across_the_gutter_ends_the_columns() -> None:
    footer = _cell(20, "OBSERVACIONES:", "MERCANCIA", "AMPARADA", "POR", "EL", "PROGRAMA", "IMMEX")
    footer += _cell(380, "DEL", "EXPORTADOR")
    rows = [BANNER, *_side_by_side(LEFT_COLUMN, RIGHT_COLUMN), footer]
    page = unfolded(layouts(document(rows, size=LANDSCAPE).pages), PARTIDA_SPEC)[0]
    texts = [line.text for line in page.lines]
    assert texts[0].startswith("P A R T")
    assert texts[1].startswith("SEC. 1 ") and texts[1].endswith("VINC. 0")
    assert texts.index("SEC. 3 FRACCION 40169399 NICO 01 VINC. 0") > texts.index("NUM. PARTE: TX-9")
    assert texts[-1].startswith("OBSERVACIONES:") and texts[-1].endswith("DEL EXPORTADOR")


def test_one_column_of_records_and_a_header_in_columns_stay_as_printed() -> None:
    header: list[Row] = [
        _cell(20, "T.", "OPER:", "IMP") + _cell(260, "CVE.", "PEDIMENTO:", "A1") + _cell(500, "REGIMEN:", "IMD"),
        _cell(20, "TIPO", "CAMBIO:", "18.2") + _cell(260, "PATENTE:", "3420") + _cell(500, "DESTINO:", "9"),
    ]
    one_column = [*header, *LEFT_COLUMN]
    pages = layouts(document(one_column, size=LANDSCAPE).pages)
    assert unfolded(pages, PARTIDA_SPEC) == pages
    # openings part-way along lines at different places are no second column
    ragged = _side_by_side(LEFT_COLUMN, _record(RIGHT, 3, "40169399", ["EMPAQUE"], "97", "GK-310"))
    ragged += _side_by_side(_record(20, 4, "40169399", ["EMPAQUE"], "97", "GK-3"), _record(500, 5, "1", [], "9", "Z9"))
    pages = layouts(document(ragged, size=LANDSCAPE).pages)
    assert unfolded(pages, PARTIDA_SPEC) == pages


def test_a_titled_cards_description_wrapped_onto_its_own_line() -> None:
    rows = _record(20, 1, "39269099", ["CINTA", "AISLANTE", "DE", "VINIL", "NEGRA", "19", "MM"], "300", "CT-1")
    records = read_cards(layouts(document(rows, size=LANDSCAPE).pages), PARTIDA_SPEC)
    assert [r.text("description") for r in records] == ["CINTA AISLANTE DE VINIL NEGRA 19 MM"]
    # a line opening with a label is its own cell, not more description
    assert [r.text("part_number") for r in records] == ["CT-1"]


def _scanned(rows: list[Row]) -> DocumentText:
    """A scan's words: as the rows place them, OCR's confidence below 1."""
    page = document(rows, size=LANDSCAPE).pages[0]
    words = [Word(w.text, w.x0, w.top, w.x1, w.bottom, 0.9) for w in page.words]
    return DocumentText("application/pdf", [replace(page, words=words, source="ocr")])


def test_a_scanned_records_number_glued_to_its_label_or_lost() -> None:
    left = _record(20, 1, "39269099", ["SOPORTE", "PLASTICO"], "4410", "BR-22")
    left += _record(20, 2, "73181599", ["TORNILLO", "DE", "ACERO"], "812", "TX-9")
    right = _record(RIGHT, 3, "40169399", ["EMPAQUE", "DE", "HULE"], "97", "GK-310")
    rows = [BANNER, *_side_by_side(left, right)]
    # OCR ran the first number into its label and lost the second; a word of the description reads one letter
    # off a label (MODULO / MODELO)
    rows[1] = [(20, "SEC1")] + rows[1][2:]
    at = next(k for k, row in enumerate(rows) if row and row[0] == (20, "SEC."))
    rows[at] = rows[at][:1] + rows[at][2:]
    rows[3] = _cell(20, "P.V/C", "USA") + _cell(80, "P.O/D", "TWN") + rows[3][-2:]
    rows[4] = (
        _cell(20, "DESC.:", "MODULO", "PLASTICO") + rows[4][len(_cell(20, "DESCRIPCION:", "SOPORTE", "PLASTICO")) :]
    )
    lines = _lines(extract_pedimento(_scanned(rows)))
    assert [line["tariff_code"] for line in lines] == ["39269099", "73181599", "40169399"]
    assert [line["sequence"] for line in lines] == [1, 2, 3]
    assert lines[0]["description"] == "MODULO PLASTICO"
    assert lines[0]["seller_buyer_country"] == "USA"
    assert [line["part_number"] for line in lines] == ["BR-22", "TX-9", "GK-310"]


def test_a_scanned_part_number_cut_in_two_or_ending_in_a_speck() -> None:
    rows = _record(20, 1, "39269099", ["SOPORTE"], "4410", "BR-22")
    rows[-2] = _cell(20, "NUM.", "PARTE:") + [(81, "MX294"), (81 + 4.2 * 5 + 1, "22-57.")]
    lines = _lines(extract_pedimento(_scanned(rows)))
    assert lines[0]["part_number"] == "MX29422-57"


def test_a_point_ocr_read_as_a_digit() -> None:
    assert misread(17260370.0, 17.6037, "17260370.")
    assert not misread(17260370.0, 17.6037, "17,260,370")
    assert not misread(18260370.0, 17.6037, "18260370")


def test_a_line_among_the_partidas_no_card_reads_sends_the_pedimento_to_review() -> None:
    rows = _record(20, 1, "39269099", ["SOPORTE"], "4410", "BR-22")
    rows += _record(20, 2, "73181599", ["TORNILLO"], "812", "TX-9")
    assert not [w for w in extract_pedimento(document(rows, size=LANDSCAPE)).warnings if w["code"] == "partida_unread"]
    # a part number under a label the reader does not know: no partida has it
    rows[5] = _cell(20, "CLAVE", "ARTICULO:", "BR-22")
    warnings = extract_pedimento(document(rows, size=LANDSCAPE)).warnings
    assert [w["code"] for w in warnings if "CLAVE ARTICULO: BR-22" in w["message"]] == ["partida_unread"]


def test_a_degree_sign_a_scan_set_after_a_group_of_the_pedimento_number() -> None:
    assert PARSERS["pedimento_number"]("25° 81 1599 5264674") == ("258115995264674", (0, 19))
    assert PARSERS["pedimento_number"]("NUM. PEDIMENTO: 24º 07 3432 4373160")[0] == "240734324373160"
