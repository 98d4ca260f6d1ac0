"""Hand-written pedimento text layers for the unit tests: rows of (x, text) placed at 7 pt, 4.2 pt per character,
one row every ``step`` points, as a page, a document or one cell's words."""

from __future__ import annotations

from typing import Any

from extractors.result import ResultBuilder
from extractors.text import DocumentText, PageText, Word

Row = list[tuple[float, str]]
PORTRAIT = (612.0, 792.0)
LANDSCAPE = (792.0, 612.0)


def page(number: int, rows: list[Row], step: float = 11.0, size: tuple[float, float] = PORTRAIT) -> PageText:
    """One text-layer page: each row a list of (x, text); a word starting 2 pt after the previous one's end is the
    same cell's (a space)."""
    words = []
    for i, row in enumerate(rows):
        y = 40 + i * step
        for x, text in row:
            words.append(Word(text, x, y, x + 4.2 * len(text), y + 7, 1.0))
    text = "\n".join(" ".join(t for _x, t in row) for row in rows)
    return PageText(number, text, words, "text_layer", None, size[0], size[1], 0)


def document(*pages: list[Row], size: tuple[float, float] = PORTRAIT) -> DocumentText:
    return DocumentText("application/pdf", [page(k + 1, rows, size=size) for k, rows in enumerate(pages)])


def read_lines(builder: ResultBuilder) -> list[dict[str, Any]]:
    return [{k: v["value"] for k, v in line.items()} for line in builder.lines]


def cell(x: float, *words: str) -> Row:
    """The words of one cell from ``x``, a space (2 pt) between them."""
    row: Row = []
    for word in words:
        row.append((x, word))
        x += 4.2 * len(word) + 2
    return row
