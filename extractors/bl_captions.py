"""A B/L printed as a list of captions and values: each row a field's name in words at the left and its value in
a column of its own at the right, rows grouped under section titles (the human-readable copy an eBL platform
prints from the data of an electronic B/L: ``Transport document reference   MAEU123456789``, ``Consignee -
party name   ...``, a section per piece of equipment).

In such a list the caption is the whole of the words left of the value column, never a value; a value is the
words in the value column (with the lines under it in that column, where it wraps). A caption names its field
by the label it ends with (``Carrier export voyage number`` is the voyage, ``Freight payment term code`` the
freight terms): what precedes the label narrows it, and a few words may follow it that say which of the field's
forms is printed (a code, a number, a name). A caption ``Party - attribute`` names the party's attribute: the
party's name where the attribute is a name, something else (an address, a tax reference) otherwise. A section
whose rows print a container is that container's cargo line."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractors.bl_blocks import one_extra, read_container
from extractors.layout import Found, LabelHit, PageLayout, apply_parser, find_labels, norm

# how many type heights apart two words stand across the gutter between a caption and its value
GUTTER = 2.5
# how far (points) a row's first word may stand from its column's edge
ALIGN = 3.0
# how much taller than the captions a section's title is set (a line of caption type alone is a blank row)
TITLE_TYPE = 1.1
# the fewest rows captioned by a label that make a page a list of captions and values (a page that goes on with a
# list needs none)
MIN_ROWS = 5
# the words after a caption's label that say which of the field's forms is printed
QUALIFIERS = {"CODE", "CODES", "NUMBER", "NO", "REFERENCE", "REF", "NAME", "ID", "IDENTIFIER", "PARTY"}
# the attribute words that make ``Party - attribute`` the party's name
NAME_ATTRIBUTES = {"NAME", "PARTYNAME", "COMPANYNAME", "LEGALNAME", "FULLNAME"}
# a running head that carries a section on to the next page ("... (continued)") is no section title
_CONTINUED = re.compile(r"\(?\b(?:CONTINUED|CONT'?D|CONTINUACI[OÓ]N|SUITE)\b\)?", re.IGNORECASE)
_DASHES = {"-", "–", "—"}  # noqa: RUF001 (the dashes a caption may print)


@dataclass
class Row:
    """One caption and its value (with the lines the value wraps onto)."""

    page: int
    line: int
    caption: list[Any]
    value: list[Any]
    section: int
    more: list[int] = field(default_factory=list)
    wrapped: list[list[Any]] = field(default_factory=list)

    @property
    def words(self) -> list[Any]:
        return [*self.value, *(w for part in self.wrapped for w in part)]

    @property
    def lines(self) -> list[int]:
        return [self.line, *self.more]


@dataclass
class CaptionList:
    """The rows of a list of captions and values, and the section titles between them."""

    rows: list[Row]
    titles: list[tuple[int, int, list[Any]]]  # (page, line, words)
    cards: set[int] = field(default_factory=set)  # the sections that are a container's cargo line

    def lines(self) -> set[tuple[int, int]]:
        """(page, line) of every line the list prints: captions, wrapped values and section titles."""
        out = {(row.page, li) for row in self.rows for li in (row.line, *row.more)}
        return out | {(page, li) for page, li, _words in self.titles}


def _runs(words: Sequence[Any]) -> list[list[Any]]:
    """A line's words in runs a gutter sets apart."""
    runs: list[list[Any]] = []
    for k, w in enumerate(words):
        if not norm(w.text) and not runs:
            continue
        # (the taller of the two words: OCR boxes a dash by its stroke alone)
        height = max(1.0, w.bottom - w.top, words[k - 1].bottom - words[k - 1].top if k else 0.0)
        if runs and w.x0 - words[k - 1].x1 <= GUTTER * height:
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def _column(
    lay: PageLayout, known: tuple[float, float] | None, labels: Mapping[str, Sequence[str]]
) -> tuple[float, float] | None:
    """The page's caption and value columns' left edges: where many lines' captions and their values start, each
    caption a label and its value none (a form of boxes side by side prints a line of two labels over a line of
    two values instead); a page that goes on with the last page's list keeps its columns."""
    pairs = []
    for li, line in enumerate(lay.lines):
        runs = _runs(line.words)
        if len(runs) < 2 or not re.search(r"[A-Za-z]{2}", " ".join(w.text for w in runs[0])):
            continue
        caption, value = runs[0], runs[1]
        if not re.search(r"[A-Za-z]", caption[0].text):
            continue  # a row of figures opening with a count ("18 PKGS  OC-20074439  13,466.100"): no caption
        if known is not None and _near(caption[0].x0, known[0]) and _near(value[0].x0, known[1]):
            return known
        starts = {h.start for h in find_labels(lay, labels, line_range=(li, li + 1))}
        first = line.words.index(value[0])
        if any(line.words.index(w) in starts for w in caption) and first not in starts:
            pairs.append((float(caption[0].x0), float(value[0].x0)))
    # (OCR places a column's first letters a point or two apart from line to line)
    best = max(pairs, key=lambda p: sum(_near(c, p[0]) and _near(v, p[1]) for c, v in pairs), default=None)
    if best is None or best[0] >= best[1]:
        return None
    near = [(c, v) for c, v in pairs if _near(c, best[0]) and _near(v, best[1])]
    if len(near) < MIN_ROWS:
        return None
    return best


def _type(words: Sequence[Any]) -> float:
    """The height of a run's type (its tallest word)."""
    return float(max((w.bottom - w.top for w in words), default=0.0))


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= ALIGN


def caption_list(pages: Sequence[PageLayout], labels: Mapping[str, Sequence[str]]) -> CaptionList | None:
    """The rows of the pages' list of captions and values, if they print one (``labels``: the captions' wordings
    that tell it)."""
    rows: list[Row] = []
    titles: list[tuple[int, int, list[Any]]] = []
    known: tuple[float, float] | None = None
    section = 0
    for lay in pages:
        columns = _column(lay, known, labels)
        if columns is None:
            continue
        known = columns
        left, value_x = columns
        captions = [_type(runs[0]) for line in lay.lines if len(runs := _runs(line.words)) >= 2]
        caption_type = sorted(captions)[len(captions) // 2] if captions else 0.0
        last: Row | None = None
        for li, line in enumerate(lay.lines):
            runs = _runs(line.words)
            if not runs:
                continue
            first = runs[0][0]
            if len(runs) >= 2 and _near(first.x0, left) and _near(runs[1][0].x0, value_x):
                last = Row(lay.number, li, runs[0], [w for run in runs[1:] for w in run], section)
                rows.append(last)
            elif len(runs) == 1 and _near(first.x0, value_x) and last is not None and li - 1 == last.lines[-1]:
                last.more.append(li)  # the value wraps onto the line under it, in its column
                last.wrapped.append(runs[0])
            elif len(runs) == 1 and first.x0 < value_x - ALIGN:
                last = None
                if _CONTINUED.search(line.text):
                    continue  # a running head: the section goes on
                if _near(first.x0, left) and _type(runs[0]) <= TITLE_TYPE * caption_type:
                    continue  # a caption whose value is left blank
                section += 1
                titles.append((lay.number, li, runs[0]))
            else:
                last = None
    if not rows:
        return None
    return CaptionList(rows, titles)


def caption_key(lay: PageLayout, row: Row, labels: Mapping[str, Sequence[str]]) -> str | None:
    """The field a row's caption names, ``_other`` for one it names besides them (an address, a code of
    something else), None for a caption naming no label."""
    words = row.caption
    count = len(words)
    hits = [h for h in find_labels(lay, labels, line_range=(row.line, row.line + 1)) if h.end < count]
    dash = next((k for k, w in enumerate(words) if w.text in _DASHES), None)
    if dash is not None:
        attribute = norm("".join(w.text for w in words[dash + 1 :]))
        party = [h for h in hits if h.end < dash]
        if not party:
            return None
        return party[-1].key if attribute in NAME_ATTRIBUTES else "_other"
    if not hits:
        return None
    head = max(hits, key=lambda h: h.end)
    after = [norm(w.text) for w in words[head.end + 1 :]]
    if any(token and token not in QUALIFIERS for token in after if not token.startswith("(")):
        return "_other"
    return head.key


def read_rows(
    pages: Sequence[PageLayout],
    listed: CaptionList,
    labels: Mapping[str, Sequence[str]],
    parsers: Mapping[str, Callable[[str], Any]],
    sections: set[int] | None = None,
) -> dict[str, Found]:
    """Each field's value from the first row whose caption names it and whose value its parser reads (rows of
    ``sections`` only, when given)."""
    by_page = {lay.number: lay for lay in pages}
    found: dict[str, Found] = {}
    for row in listed.rows:
        if sections is not None and row.section not in sections:
            continue
        key = caption_key(by_page[row.page], row, labels)
        if key is None or key not in parsers or key in found:
            continue
        value = apply_parser(parsers[key], row.words, row.page, 0.97)
        if value is not None:
            found[key] = value
    return found


def cargo_cards(
    pages: Sequence[PageLayout],
    listed: CaptionList,
    columns: Mapping[str, Sequence[str]],
    parsers: Mapping[str, Callable[[str], Any]],
) -> list[dict[str, dict]]:
    """The cargo lines of the sections that print a container (one section per piece of equipment); those
    sections are marked in ``listed.cards``."""
    order = sorted({row.section for row in listed.rows})
    lines: list[dict[str, dict]] = []
    for section in order:
        rows = [row for row in listed.rows if row.section == section]
        # the container as printed, or as its check digit repairs OCR's misreading ("00LU0380910"), or with a
        # character too many under a caption that names a container
        held = next(((row, c) for row in rows if (c := read_container(" ".join(w.text for w in row.value)))), None)
        if held is None:
            by_page = {lay.number: lay for lay in pages}
            named = [row for row in rows if caption_key(by_page[row.page], row, columns) == "container_number"]
            held = next(((row, c) for row in named if (c := one_extra("".join(w.text for w in row.value)))), None)
        if held is None:
            continue
        read = read_rows(pages, CaptionList(rows, []), columns, parsers)
        listed.cards.add(section)
        line = {key: found.as_field() for key, found in read.items()}
        row, container = held
        printed = " ".join(w.text for w in row.value)
        cell = Found(container, row.page, row.value, printed, 0.9 if "container_number" not in read else 0.97)
        line["container_number"] = cell.as_field()
        lines.append(line)
    return lines


def blocking_hits(listed: CaptionList, pages: Sequence[PageLayout]) -> list[LabelHit]:
    """The list's captions and section titles as labels of no field read elsewhere: words no other label's
    value may take."""
    by_page = {lay.number: lay for lay in pages}
    out = []
    spans = [(row.page, row.line, row.caption) for row in listed.rows] + list(listed.titles)
    for page, li, words in spans:
        line = by_page[page].lines[li]
        start, end = line.words.index(words[0]), line.words.index(words[-1])
        out.append(
            LabelHit(
                key="_other",
                page=page,
                line=li,
                start=start,
                end=end,
                x0=words[0].x0,
                x1=words[-1].x1,
                top=min(w.top for w in words),
                bottom=max(w.bottom for w in words),
            )
        )
    return out
