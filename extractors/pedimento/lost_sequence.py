"""A partida's SEC that OCR lost at the start of its first line, put back before the partidas table is read.

The partidas table opens a record at each SEC number; when OCR drops it (a photographed page's shaded margin, a
speck), the partida's first line (``76061299 99 0 1 1 553690 1 553.690 DEU KOR``) would be read as more of the
partida before. A line of that shape (a fracción, a two-digit NICO, codes and figures, countries at its end) that
follows partidas opened with their SEC on the same scan is given the number after the last one read, in the SEC
column those opened lines show; the number is marked as put in (``Inferred``), so that it is believed only as much
as the order of the partidas says.

Text layers are never touched: their characters are the printer's own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from extractors.layout import PageLayout, norm
from extractors.layout.lines import Line
from extractors.pedimento.partidas import is_country, is_fraccion, is_int
from extractors.text import Word


@dataclass
class Inferred(Word):
    """A word the reader put in where OCR lost it (not read from the page)."""


def with_lost_sequences(pages: list[PageLayout]) -> list[PageLayout]:
    """The pages with a lost SEC put back before every partida first line that lacks it (OCR pages only)."""
    previous: int | None = None
    offset: float | None = None  # how far the SEC stands left of the fracción on the lines that print it
    out = []
    for lay in pages:
        if not lay.ocr:
            out.append(lay)
            continue
        lines = []
        for line in lay.lines:
            words = line.words
            if len(words) >= 2 and is_int(words[0].text) and is_fraccion(words[1].text):
                previous = int("".join(c for c in words[0].text if c.isdigit()) or 0) or previous
                offset = words[1].x0 - words[0].x0
            elif previous is not None and offset is not None and _first_line(words):
                previous += 1
                first = words[0]
                width = max(1.0, (first.x1 - first.x0) / max(1, len(first.text))) * len(str(previous))
                put = Inferred(
                    text=str(previous),
                    x0=first.x0 - offset,
                    top=first.top,
                    x1=first.x0 - offset + width,
                    bottom=first.bottom,
                    confidence=0.6,
                )
                words = [put, *words]
                line = Line(words=words, top=line.top, bottom=line.bottom, tokens=[norm(w.text) for w in words])
            lines.append(line)
        out.append(replace(lay, lines=lines))
    return out


def _first_line(words: list[Any]) -> bool:
    """Whether the words are a partida's first line without its SEC: a fracción first, a two-digit code after it,
    at least four more codes and figures, and a country code at the end."""
    if len(words) < 7 or not is_fraccion(words[0].text) or not is_country(words[-1].text):
        return False
    if not (len(words[1].text) == 2 and words[1].text.isdigit()):
        return False
    figures = sum(1 for w in words[2:-1] if any(c.isdigit() for c in w.text))
    return figures >= 4


def inferred(cell: Any) -> bool:
    """Whether a record's cell holds only words the reader put in."""
    return cell is not None and bool(cell.words) and all(isinstance(w, Inferred) for w in cell.words)
