"""Partidas whose SEC OCR lost or misread on a scan still make their own partida, numbered where the sequence
1..N says they stand (extractors/layout/tables.py, extractors/pedimento/__init__.py)."""

from __future__ import annotations

from extractors.pedimento import extract_pedimento
from extractors.text import DocumentText, PageText, Word

Row = list[tuple[float, str]]

HEADER: list[Row] = [
    [(24, "SEC"), (44, "FRACCION"), (90, "SUBD."), (116, "VINC."), (142, "MET."), (160, "VAL."), (184, "UMC")]
    + [(204, "CANTIDAD"), (242, "UMC"), (266, "UMT"), (290, "CANT.UMT"), (340, "P.V/C"), (370, "P.O/D")],
    [(44, "DESCRIPCION")],
    [(44, "VAL."), (64, "ADU/USD"), (120, "PRECIO"), (150, "PAGADO"), (204, "PRECIO"), (234, "UNIT.")]
    + [(290, "VAL."), (310, "AGREG.")],
]


def _partida(sec: str | None, qty: str, desc: str, values: tuple[str, str, str, str]) -> list[Row]:
    first: Row = [(24, sec)] if sec is not None else []
    first += [(44, "85044099"), (90, "99"), (116, "0"), (142, "1"), (184, "6"), (204, qty), (266, "6")]
    first += [(290, qty), (340, "USA"), (370, "USA")]
    value_row: Row = [(44, values[0]), (120, values[1]), (204, values[2]), (290, values[3])]
    return [first, [(44 + 24 * k, w) for k, w in enumerate(desc.split())], value_row]


def _page(number: int, rows: list[Row]) -> PageText:
    """A scanned page: each row a list of (x, text) at 7 pt, 4.2 pt per character, OCR confidence 0.9."""
    words = []
    for i, row in enumerate(rows):
        y = 40 + i * 11.0
        for x, text in row:
            words.append(Word(text, x, y, x + 4.2 * len(text), y + 7, 0.9))
    text = "\n".join(" ".join(t for _x, t in row) for row in rows)
    return PageText(number, text, words, "ocr", 0.9, 612, 792, 0)


P1 = ("1,000.00", "18,000", "18.00000", "0")
P2 = ("2,000.00", "36,000", "18.00000", "0")
P3 = ("3,000.00", "54,000", "18.00000", "0")


def _sequences(doc: DocumentText) -> list[tuple[int, int]]:
    lines = extract_pedimento(doc).lines
    return [(line["sequence"]["value"], line["umc_quantity"]["value"]) for line in lines]


def test_a_partida_at_the_top_of_a_page_whose_sec_ocr_lost_is_its_own_partida() -> None:
    first = _page(1, HEADER + _partida("1", "1,000.000", "FUENTE DE PODER", P1))
    second = _page(
        2,
        [[(24, "ANEXO"), (60, "DEL"), (80, "PEDIMENTO")]]
        + HEADER
        + _partida(None, "2,000.000", "FUENTE DE PODER", P2)
        + _partida("3", "3,000.000", "FUENTE DE PODER", P3),
    )
    doc = DocumentText("application/pdf", [first, second])
    assert _sequences(doc) == [(1, 1000.0), (2, 2000.0), (3, 3000.0)]


def test_a_sec_misread_between_two_read_in_order_is_the_number_between_them() -> None:
    rows = HEADER + _partida("1", "1,000.000", "FUENTE DE PODER", P1)
    rows += _partida("7", "2,000.000", "FUENTE DE PODER", P2) + _partida("3", "3,000.000", "FUENTE DE PODER", P3)
    lines = extract_pedimento(DocumentText("application/pdf", [_page(1, rows)])).lines
    assert [line["sequence"]["value"] for line in lines] == [1, 2, 3]
    # the number given by order is believed as one put in by order: confirmed by the partida after it
    assert lines[1]["sequence"]["confidence"] == 0.85


def test_a_sec_out_of_order_with_no_neighbour_to_confirm_it_is_left_as_read() -> None:
    rows = HEADER + _partida("1", "1,000.000", "FUENTE DE PODER", P1)
    rows += _partida("7", "2,000.000", "FUENTE DE PODER", P2) + _partida("9", "3,000.000", "FUENTE DE PODER", P3)
    lines = extract_pedimento(DocumentText("application/pdf", [_page(1, rows)])).lines
    assert [line["sequence"]["value"] for line in lines] == [1, 7, 9]


def test_fraccion_and_nico_printed_together_give_the_nico_over_a_stray_in_its_column() -> None:
    """VINC.'s label lost to OCR: its digit falls under SUBD.; the NICO is the 10-digit fracción's last two."""
    first: Row = [(24, "1"), (44, "8504409999"), (90, "0"), (142, "1"), (184, "6"), (204, "1,000.000"), (266, "6")]
    first += [(290, "1,000.000"), (340, "USA"), (370, "USA")]
    rows = HEADER + [first, [(44, "FUENTE"), (80, "DE"), (94, "PODER")], [(44, P1[0]), (120, P1[1]), (204, P1[2])]]
    line = extract_pedimento(DocumentText("application/pdf", [_page(1, rows)])).lines[0]
    assert line["tariff_code"]["value"] == "85044099" and line["nico"]["value"] == "99"
