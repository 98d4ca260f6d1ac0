"""The partidas' count as a web system's grid prints it: the table's title with the count in brackets
(``Partidas (14)``) and the grid's record counter under its last row (``Mostrando 1 a 14 de 14 registros``,
``Showing 1 to 10 of 57 entries``).

A broker's portal shows the pedimento's partidas as a table of records, and a screenshot or a printout of the page
keeps both. Either is the number of partidas the system holds, so it confirms that every partida was read, as the
FIN line's ``NUM. TOTAL DE PARTIDAS`` does on the printed form. The counter also ends the table: it is no
partida's text (the last row's description would take its words).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from extractors.layout import Found, PageLayout, apply_parser

# ``Mostrando 1 a 14 de 14 registros`` / ``Mostrando registros del 1 al 14 de un total de 14 registros`` /
# ``Showing 1 to 10 of 57 entries``: the total is the figure before the records' word.
_COUNTER_RE = re.compile(
    r"(?:MOSTRANDO|SHOWING)\b.*?\b(?:DE|OF)(?: UN TOTAL DE)? (\d{1,3}(?:,\d{3})*|\d+) "
    r"(?:REGISTROS|ENTRIES|RECORDS|PARTIDAS|RESULTADOS|RESULTS|ELEMENTOS)\b"
)
# ``Partidas (14)``: the title with its count in brackets, alone on its line.
_TITLE_RE = re.compile(r"^(?:PARTIDAS|MERCANCIAS) ?\( ?(\d{1,4}) ?\)$")


def _capitals(text: str) -> str:
    """Upper case without accents, spaces squashed."""
    plain = unicodedata.normalize("NFKD", text.upper()).encode("ascii", "ignore").decode()
    return " ".join(plain.split())


def is_counter(line: Any) -> bool:
    """Whether a line is a grid's record counter (see the module's docstring)."""
    return _COUNTER_RE.search(_capitals(" ".join(w.text for w in line.words))) is not None


def _counter_total(text: str) -> tuple[int, tuple[int, int]] | None:
    match = _COUNTER_RE.search(_capitals(text))
    if match is None:
        return None
    # the capitals keep the text's length only where it had no accent: the whole text is the span
    return int(match.group(1).replace(",", "")), (0, len(text))


def _title_count(text: str) -> tuple[int, tuple[int, int]] | None:
    match = _TITLE_RE.match(_capitals(text))
    return (int(match.group(1)), (0, len(text))) if match else None


def grid_count(pages: list[PageLayout]) -> Found | None:
    """The partidas' count from a grid's record counter, else from the table's title (the first one found)."""
    for parser in (_counter_total, _title_count):
        for lay in pages:
            for line in lay.lines:
                found = apply_parser(parser, line.words, lay.number, 0.95)
                if found is not None and isinstance(found.value, int) and found.value > 0:
                    return found
    return None
