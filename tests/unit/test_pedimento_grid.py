"""A web grid's partidas (extractors/pedimento/grid_count.py, cells.py, units.py): the record counter and the
title's count, a description run on under the part number's header, the site's menu beside the grid."""

from __future__ import annotations

from extractors.layout import Cell, Record, layouts
from extractors.pedimento.cells import description_from_part, without_margin_words
from extractors.pedimento.grid_count import grid_count, is_counter
from extractors.pedimento.units import parse_unit_name
from extractors.text import PageText, Word


def _w(text: str, x0: float, top: float = 100.0) -> Word:
    return Word(text, x0, top, x0 + 4.0 * len(text), top + 6, 0.9)


def _line(text: str, top: float, x0: float = 100.0) -> list[Word]:
    words, x = [], x0
    for token in text.split():
        words.append(_w(token, x, top))
        x += 4.0 * len(token) + 3.0
    return words


def _page(*lines: str) -> list:
    words = [w for k, text in enumerate(lines) for w in _line(text, 50.0 + 12 * k)]
    page = PageText(1, "\n".join(lines), words, "ocr", 0.9, 612.0, 792.0, 0)
    return layouts([page])


def test_the_grid_counter_gives_the_total_and_ends_the_table() -> None:
    pages = _page("Partidas (14)", "1 85371099 99 TABLERO", "Mostrando 1 a 14 de 14 registros")
    assert grid_count(pages).value == 14
    assert is_counter(pages[0].lines[2])
    assert not is_counter(pages[0].lines[1])
    english = _page("Showing 11 to 20 of 57 entries")
    assert grid_count(english).value == 57


def test_the_title_count_is_taken_without_a_counter() -> None:
    assert grid_count(_page("Partidas (9)", "1 85371099 99 TABLERO")).value == 9
    assert grid_count(_page("PARTIDAS", "1 85371099 99 TABLERO (2)")) is None


def _record(**cells: list[Word]) -> Record:
    return Record(cells={key: Cell(words=words, page=1) for key, words in cells.items()})


def test_letters_before_the_part_code_a_space_after_the_description_are_the_descriptions() -> None:
    record = _record(
        description=[_w("CINTA", 100), _w("ADHESIVA", 123), _w("DE", 158)],
        part_number=[_w("PLASTICO", 169), _w("PN47817-04", 230)],
    )
    description_from_part(record)
    assert record.cells["description"].text == "CINTA ADHESIVA DE PLASTICO"
    assert record.cells["part_number"].text == "PN47817-04"


def test_a_part_number_of_two_words_stays_whole() -> None:
    # the prefix stands nearer the code than the description: the part number's own
    record = _record(description=[_w("CINTA", 100)], part_number=[_w("PN", 170), _w("47817", 182)])
    description_from_part(record)
    assert record.cells["part_number"].text == "PN 47817"
    assert record.cells["description"].text == "CINTA"


def test_words_far_left_of_the_sec_are_the_pages_not_the_partidas() -> None:
    record = _record(
        sequence=[_w("12", 81)],
        description=[_w("FUENTE", 142), _w("DE", 170), _w("PODER", 182), _w("Inicio", 11, 110)],
    )
    without_margin_words(record)
    assert record.cells["description"].text == "FUENTE DE PODER"


def test_the_metres_symbol_is_unit_three() -> None:
    assert parse_unit_name("M") == ("3", (0, 1))
    assert parse_unit_name("PZA") == ("6", (0, 3))
