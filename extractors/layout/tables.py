"""Tables from word positions: header bands, column borders (gutters, ruling lines), multi-line records."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from extractors.layout.labels import Found, LabelHit, _compile_labels, apply_parser, find_labels
from extractors.layout.lines import Line, PageLayout, norm
from extractors.layout.values import Parser

# ----------------------------------------------------------------------------------------------------
# Tables


@dataclass
class Column:
    """A column fixed by a header cell: its key, its header row within the band and its horizontal span."""

    key: str
    row: int
    x0: float
    x1: float
    left: float = 0.0  # assignment zone (midpoints to the neighbours)
    right: float = 0.0


@dataclass
class Cell:
    """The words of one record that fell in one column."""

    words: list[Any] = field(default_factory=list)
    page: int = 0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Record:
    """One table row (a partida, a container line) as column key → cell; it may span several lines."""

    cells: dict[str, Cell] = field(default_factory=dict)
    page: int = 0

    def text(self, key: str) -> str:
        cell = self.cells.get(key)
        return cell.text if cell else ""


@dataclass
class TableSpec:
    """How to recognise a table.

    ``columns`` maps a column key to the header wordings; ``anchor`` is the column whose value starts a
    record (``anchor_test`` says whether a cell text starts one); ``min_header`` is how many column labels a
    line needs to be taken as the header; ``stop`` labels end the table on a page; ``free_text`` is the
    column that takes the words no other column explains (a description that wraps); ``row_types`` says
    which texts a column accepts, to tell which header row a line of a multi-line record belongs to.
    """

    columns: Mapping[str, Sequence[str]]
    anchor: str
    anchor_test: Callable[[str], bool]
    min_header: int = 3
    stop: Sequence[str] = ()
    free_text: str | None = None
    row_types: dict[str, Callable[[str], bool]] = field(default_factory=dict)
    # columns printed beside the records but not part of them (a pedimento's per-partida contributions): their
    # words are dropped from every line
    aside: Sequence[str] = ()
    # a line's verdict before it is read: "skip" (not table data: a contribution line, a noise line),
    # "close" (what follows belongs to no record until the next one starts: identifiers, observations) or
    # "note" (the current record's, outside its columns: labelled codes or a tax line under an item; its words
    # go to the record's ``_note`` cell, and the line does not shape the column borders)
    skip_line: Callable[[Line], str | None] | None = None
    # whether a line the verdict left to the table continues the note line right before it (a labelled value
    # wrapped onto the next line, ``Valor dólares:`` over ``8945.16``): then it is that note's too
    note_runs_on: Callable[[Line, Line], bool] | None = None
    # how many lines a multi-row header may take (a vertically broken header label takes several)
    header_depth: int = 4
    # a gap wider than this many line heights under the last record line ends the table on the page (the
    # page's footer is not a record's text)
    max_gap: float | None = None
    # on a scan, a line past such a gap that this test says opens a record goes on with the table (OCR lost the
    # lines between, a whole record's at times: the gap is no page footer's)
    gap_record: Callable[[Line], bool] | None = None
    # the anchor column may have no header of its own (a bordered first column left blank): a band without it
    # still heads the table when the records' first words stand left of its first column and pass the test
    unlabelled_anchor: bool = False
    # whether a record's anchor must be the first word of its line; a table whose anchor column is not its
    # first (a Carta Porte's description before its quantity) starts a record wherever its anchor passes
    anchor_first: bool = True
    # whether a border with no gutter before the right label may lie under it (see ``_fit_borders``): for
    # tables whose long texts run under a right-aligned column's heading
    gutter_under_label: bool = False
    # whether an aside column's text may run on past its border (shipping marks typed as one run, ``MADE IN
    # SOUTH KOREA`` spilling under the description's heading): the words that continue it are aside too
    aside_runs: bool = False
    # whether free text above a page's first new record is kept as that record's ``_lead`` cell (a ruled row that
    # centres a wrapped description on its values prints half of it above them)
    keep_lead: bool = False
    # whether the lines between the header and the first record are notes over the records, not table data
    # (an ocean carrier's clause and goods described once, "SHIPPER'S LOAD, STOW AND COUNT"): a stop label
    # among them does not end the table
    notes_first: bool = False
    # whether a colon printed apart from its label (French typography: ``HS code : 8504.90``) joins the word
    # before it in the records' cells, so that a labelled note under an item still reads as one
    spaced_colons: bool = False
    # whether a line that names enough columns (its label hits given) may head the table (a line of labelled
    # particulars under an item, ``Origin: CN   Tariff no.: 7318.15.99``, names columns but heads none): None
    # takes every such line
    heading_test: Callable[[Line, list[LabelHit]], bool] | None = None
    # labels of a line that holds a stop label but ends nothing: a group's own subtotal between groups of records
    # (``PO Subtotal`` under each purchase order's lines); such a line is skipped and the table goes on
    not_stop: Sequence[str] = ()


def _header_rows(layout: PageLayout, spec: TableSpec) -> list[tuple[int, list[LabelHit]]]:
    """Every line with at least one column label, and its hits."""
    rows = []
    for li in range(len(layout.lines)):
        hits = find_labels(layout, spec.columns, line_range=(li, li + 1))
        if hits:
            rows.append((li, hits))
    return rows


def _header_bands(
    layout: PageLayout, spec: TableSpec, rules: Sequence[float] = ()
) -> list[tuple[int, int, list[Column]]]:
    """(first line, last line, columns) of every header band on the page."""
    lines = layout.lines
    labelled = dict(_header_rows(layout, spec))
    bands: list[tuple[int, int, list[Column]]] = []
    li = 0
    while li < len(lines):
        hits = labelled.get(li)
        if not hits or len({h.key for h in hits}) < spec.min_header:
            li += 1
            continue
        if spec.heading_test is not None and not spec.heading_test(lines[li], hits):
            li += 1
            continue
        band = [hits]
        last = li
        pending: list[int] = []  # lines of word fragments alone, kept when a labelled header row follows
        # further header rows: right under, made of column labels (and the rest of labels broken over lines)
        # and nothing that looks like a record
        for lj in range(li + 1, min(len(lines), li + 1 + spec.header_depth)):
            if lines[lj].top - lines[lj - 1].bottom > 2.5 * lines[lj - 1].height:
                break
            more = labelled.get(lj, [])
            above = [w for k in range(li, lj) for w in lines[k].words]
            fragments = _fragments(lines[lj], more, above, spec)
            words = [w for w in lines[lj].words if norm(w.text)]
            known = [h for row in band for h in row]
            joined = _gloss_columns(more, known)
            if joined is not None:
                # a translation of the heading above: it names no column of a second row; a column it alone
                # names (its heading above lost to a scan) is the top row's
                band[0].extend(joined)
                band.extend([] for _ in pending)
                pending = []
                band.append([])
                last = lj
                continue
            new = [h for h in more if all(o.key != h.key for o in known)]
            if not new:
                # no new column: the lower pieces of a label broken over lines (under that label's column) and
                # word fragments, or not header at all ("OBSERVACIONES A NIVEL PARTIDA" under the header names
                # a column it already has, elsewhere); fragments alone are kept if a row with new columns follows
                under = [h for h in more if any(o.key == h.key and o.x0 < h.x1 and h.x0 < o.x1 for o in known)]
                if len(under) < len(more) or not words:
                    break
                if sum(h.end - h.start + 1 for h in under) + fragments < len(words):
                    break
                if not under:
                    pending.append(lj)
                    continue
            covered = sum(h.end - h.start + 1 for h in more)
            if covered < max(1, int(0.6 * len(words))) and covered + fragments < len(words):
                break
            band.extend([] for _ in pending)
            pending = []
            band.append(more)
            last = lj
        columns = _columns(band, layout.width, rules, spec.anchor)
        stacked = _stacked_header(layout, spec, li)
        if stacked is not None and len({h.key for h in stacked[1]}) > len({c.key for c in columns}):
            # each column's label printed over two or three lines: one header row, read down each column
            last = max(last, stacked[0])
            columns = _columns([stacked[1]], layout.width, rules, spec.anchor)
        if spec.unlabelled_anchor and not any(c.key == spec.anchor for c in columns):
            _implied_anchor(layout, spec, columns, last + 1)
        if any(c.key == spec.anchor for c in columns):
            bands.append((li, last, columns))
        li = last + 1
    return bands


def _gloss_columns(more: list[LabelHit], known: list[LabelHit]) -> list[LabelHit] | None:
    """A bilingual header prints each column's heading over its translation (``Mã HS`` over ``HS code``,
    ``Số lượng`` over ``Qty``): a lower row whose headings each stand under at most one heading of the rows above,
    most of them under a heading of the same column and some under another column's, is that translation. Where
    its wording names another column than the heading above it (a national tariff's code glossed ``HS code``),
    the heading above names the column. Returns the row's headings that stand under none above and name a column
    the rows above lack (to join the top row), or None when the row is no translation."""
    if len(more) < 3:
        return None
    over = [[o for o in known if o.x0 < h.x1 and h.x0 < o.x1] for h in more]
    if any(len(o) > 1 for o in over):
        return None
    same = sum(1 for h, o in zip(more, over, strict=True) if o and o[0].key == h.key)
    other = sum(1 for h, o in zip(more, over, strict=True) if o and o[0].key != h.key)
    if 2 * same <= len(more) or not other:
        return None
    keys = {o.key for o in known}
    return [h for h, o in zip(more, over, strict=True) if not o and h.key not in keys]


@dataclass
class _Stacked:
    """The words of one header cell printed over several lines, read top to bottom as one word."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = 1.0


def _phrases(line: Line) -> list[list[Any]]:
    """The line's words grouped into cells: words closer than about a space and a half are one cell's."""
    words = [w for w in line.words if norm(w.text)]
    groups: list[list[Any]] = []
    for w in words:
        if groups and w.x0 - groups[-1][-1].x1 < 0.6 * max(1.0, w.bottom - w.top):
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups


# how many lines one column heading may be printed over (``VAL. ADU/`` over ``USD``, ``MET`` over ``VAL``)
STACK_DEPTH = 3


def _stacked_header(layout: PageLayout, spec: TableSpec, li: int) -> tuple[int, list[LabelHit]] | None:
    """(last line, hits) of a header whose every column heading is printed over two or three lines
    (``CANT.`` over ``UMC``, ``IMP. PRECIO`` over ``PAG.``): each cell of a lower line stands under exactly one
    cell of the top line, holds words, and continues that cell's heading. None when no lower line stacks that
    way."""
    lines = layout.lines
    below = lines[li + 1] if li + 1 < len(lines) else None
    cells = [part for group in _phrases(lines[li]) for part in _split_at_aligned(group, below)]
    if len(cells) < spec.min_header:
        return None
    last = li
    grown: set[int] = set()  # the ids of the cells a lower line added to
    for lj in range(li + 1, min(len(lines), li + STACK_DEPTH)):
        if lines[lj].top - lines[lj - 1].bottom > 0.8 * lines[lj - 1].height:
            break
        lower = _phrases(lines[lj])
        owners = [[k for k, cell in enumerate(cells) if _overlaps(group, cell)] for group in lower]
        owned = [o[0] for o in owners if o]
        if not owned or any(len(o) > 1 for o in owners) or len(set(owned)) < len(owned):
            break
        if not all(any(any(ch.isalpha() for ch in w.text) for w in group) for group in lower):
            break  # a cell of figures alone: the first record's row, not the rest of a heading
        for group, owner in zip(lower, owners, strict=True):
            if owner:
                cells[owner[0]].extend(group)
                grown.add(id(cells[owner[0]]))
            else:
                # under no top cell: a heading whose upper piece a scan lost (a speck OCR doubted, dropped)
                cells.append(list(group))
                grown.add(id(cells[-1]))
        cells.sort(key=lambda cell: min(w.x0 for w in cell))
        last = lj
    if last == li:
        return None
    # a cell with nothing under it keeps its words (two headings in it are still two)
    stacked = [
        _Stacked(
            " ".join(w.text for w in cell),
            min(w.x0 for w in cell),
            min(w.top for w in cell),
            max(w.x1 for w in cell),
            max(w.bottom for w in cell),
        )
        if id(cell) in grown
        else w
        for cell in cells
        for w in (cell if id(cell) not in grown else cell[:1])
    ]
    line = Line(words=stacked, top=lines[li].top, bottom=lines[last].bottom, tokens=[norm(w.text) for w in stacked])
    view = PageLayout(layout.number, layout.width, layout.height, [line], layout.ocr)
    hits = [replace(h, line=li) for h in find_labels(view, spec.columns)]
    return (last, hits) if hits else None


def _split_at_aligned(group: list[Any], below: Line | None) -> list[list[Any]]:
    """A top-line cell cut where a word of the line under it starts exactly where one of its later words does:
    headings printed over two lines are aligned at their column's left edge, so ``P. O/D Valor`` over ``aduana``
    (the gap between two headings no wider than a space) is two cells, ``P. O/D`` and ``Valor``."""
    if below is None or len(group) < 2:
        return [group]
    starts = [w.x0 for w in below.words if norm(w.text)]
    parts: list[list[Any]] = [[group[0]]]
    for w in group[1:]:
        if any(abs(w.x0 - x) < 0.5 for x in starts):
            parts.append([w])
        else:
            parts[-1].append(w)
    return parts


def _overlaps(group: list[Any], cell: list[Any]) -> bool:
    return min(w.x0 for w in group) < max(w.x1 for w in cell) and min(w.x0 for w in cell) < max(w.x1 for w in group)


def _fragments(line: Line, hits: list[LabelHit], above: list[Any], spec: TableSpec) -> int:
    """How many words of a header line are pieces of a label broken over lines ("SUBD. / N" over "ICO",
    "IDENTIFICAC-" over "ION COMERCIAL", "MET." over "VAL."): words of letters only, outside the line's label
    hits, found inside some column label, standing under a word of the header's earlier lines."""
    inside = {k for h in hits for k in range(h.start, h.end + 1)}
    labels = _compile_labels(spec.columns).pairs
    count = 0
    for k, w in enumerate(line.words):
        token = norm(w.text)
        if k in inside or not token or not token.isalpha() or not any(token in label for _key, label in labels):
            continue
        if any(a.x0 < w.x1 and w.x0 < a.x1 for a in above if norm(a.text)):
            count += 1
    return count


def _implied_anchor(layout: PageLayout, spec: TableSpec, columns: list[Column], start: int) -> None:
    """Add the anchor column a band printed without its header: when a line under the band opens with a word
    that passes the anchor's test and ends before the band's first column begins, that word's span is the
    anchor's column (the first record may come after a description carried over from the previous page);
    with no such line (a page that only ends the partida carried over), the margin left of the first column."""
    row0 = sorted((c for c in columns if c.row == 0), key=lambda c: c.x0)
    if not row0:
        return
    first = row0[0]
    anchor = Column(spec.anchor, 0, max(0.0, first.x0 - 8), first.x0 - 1, 0.0, first.x0 - 0.5)
    stop = _compile_labels({"stop": spec.stop}).pairs if spec.stop else []
    for li in range(start, len(layout.lines)):
        line = layout.lines[li]
        if stop and _line_has(line, stop):
            break
        words = [w for w in line.words if norm(w.text)]
        if len(words) < 2 or words[0].x1 > first.x0 or not spec.anchor_test(words[0].text):
            continue
        anchor = Column(spec.anchor, 0, words[0].x0, words[0].x1, 0.0, (words[0].x1 + first.x0) / 2)
        break
    first.left = anchor.right
    columns.insert(0, anchor)


def _columns(
    band: list[list[LabelHit]], width: float, rules: Sequence[float] = (), anchor: str | None = None
) -> list[Column]:
    placed: list[tuple[int, LabelHit]] = []
    widened: dict[str, float] = {}
    seen: set[str] = set()
    for row, hits in enumerate(band):
        previous: LabelHit | None = None
        for h in sorted(hits, key=lambda h: h.x0):
            if h.key in seen:
                if previous is not None and previous.key == h.key and _same_heading(previous, h):
                    widened[h.key] = h.x1  # "Menge / Qty": one column named twice spans both wordings
                previous = h
                continue
            previous = h
            seen.add(h.key)
            placed.append((row, h))
    # a record starts at its anchor: an anchor label printed on a lower header line (SEC under the line of
    # FRACCION) heads a column of the record's first row, unless a first-row label stands over it
    placed = [
        (0, h)
        if h.key == anchor and row > 0 and not any(r == 0 and o.x0 < h.x1 and h.x0 < o.x1 for r, o in placed)
        else (row, h)
        for row, h in placed
    ]
    rows = {row: k for k, row in enumerate(sorted({row for row, _h in placed}))}
    columns: list[Column] = []
    for row, k in rows.items():
        row_cols = [
            Column(h.key, k, h.x0, widened.get(h.key, h.x1))
            for r, h in sorted(placed, key=lambda p: p[1].x0)
            if r == row
        ]
        for i, col in enumerate(row_cols):
            prev = row_cols[i - 1] if i else None
            nxt = row_cols[i + 1] if i + 1 < len(row_cols) else None
            col.left = _border(prev.x1, col.x0, rules) if prev else 0.0
            col.right = _border(col.x1, nxt.x0, rules) if nxt else width
        columns.extend(row_cols)
    return columns


def _same_heading(before: LabelHit, after: LabelHit) -> bool:
    """Whether two labels of one key name a single column in two languages: next to each other on the line (at
    most a separator word between) and closer than a couple of text heights."""
    height = max(1.0, before.bottom - before.top)
    return (
        before.key == after.key
        and before.line == after.line
        and after.start - before.end <= 2
        and after.x0 - before.x1 < 2.5 * height
    )


def _border(left_x1: float, right_x0: float, rules: Sequence[float]) -> float:
    """Where one column ends and the next begins: a ruling line between them, else the midpoint."""
    between = [r for r in rules if left_x1 - 1 <= r <= right_x0 + 1]
    if between:
        return between[len(between) // 2]
    return (left_x1 + right_x0) / 2


def cell_words(words: Sequence[Any], spaced_colons: bool = False) -> list[Any]:
    """A line's words that carry letters or digits. With ``spaced_colons``, a colon printed apart from its
    label, as French typography spaces it (``Code SH / HS code : 8504.90``), joins the word before it, so that a
    cell still tells a labelled note (``code:``) from the words of a description; one a scan glued onto the value
    (``code :8504.90``) is moved back to the label."""
    kept: list[Any] = []
    for word in words:
        if spaced_colons and word.text.startswith(":") and norm(word.text) and kept and _close_after(kept[-1], word):
            # a scan glues the spaced colon onto the value instead (``code :7606.12``)
            width = (word.x1 - word.x0) / max(1, len(word.text))
            kept[-1] = replace(kept[-1], text=kept[-1].text + ":")
            kept.append(replace(word, text=word.text.lstrip(":"), x0=word.x0 + width))
        elif norm(word.text):
            kept.append(word)
        elif spaced_colons and word.text.strip() == ":" and kept and _close_after(kept[-1], word):
            kept[-1] = replace(kept[-1], text=kept[-1].text + ":", x1=word.x1)
    return kept


def _close_after(before: Any, word: Any) -> bool:
    """Whether ``word`` follows ``before`` on its line within two of its heights (one space, not a column gap)."""
    return 0 <= word.x0 - before.x1 < 2 * (word.bottom - word.top)


def _assign(words: list[Any], columns: list[Column]) -> dict[str, list[Any]]:
    """Put each word in the column whose zone holds its centre."""
    out: dict[str, list[Any]] = {}
    for w in words:
        centre = (w.x0 + w.x1) / 2
        for col in columns:
            if col.left <= centre < col.right:
                out.setdefault(col.key, []).append(w)
                break
    return out


def _row_fit(
    line: Line,
    columns: list[Column],
    spec: TableSpec,
    row: int,
    min_passed: int = 1,
    ignore: str | None = None,
    lenient: bool = False,
) -> dict[str, list[Any]] | None:
    """The line's words by column of header row ``row`` when the line fits that row, else None.

    A line fits a row when its words sit in typed columns that accept them, with at most one rejection
    among at least three acceptances (a value OCR misread); untyped and free-text columns take anything.
    """
    cols = [c for c in columns if c.row == row]
    assigned = _assign(cell_words(line.words, spec.spaced_colons), cols)
    passed = failed = 0
    for key, ws in assigned.items():
        test = spec.row_types.get(key)
        if test is None or key == ignore:
            continue
        if test(" ".join(w.text for w in ws)):
            passed += 1
        else:
            failed += 1
    # lenient (a record's first row whose anchor OCR lost): one misread value in three accepted ones
    allowed = max(1, passed // 3) if lenient else 1
    if passed >= min_passed and (failed == 0 or (failed <= allowed and passed >= 3)):
        return assigned
    return None


def _later_row(line: Line, columns: list[Column], spec: TableSpec, current_row: int) -> bool:
    """Whether a line whose first figure would pass for an anchor (a partida's values row opening with a small
    valor aduana, ``496  484  1.04310  0``) is rather the open record's next row: the first row's typed columns
    reject some of its words, and a later row's take every one (two at least)."""
    rows = 1 + max(c.row for c in columns)
    if rows == 1 or _row_tests(line, columns, spec, 0)[1] == 0:
        return False
    for row in range(current_row + 1, rows):
        passed, failed = _row_tests(line, columns, spec, row)
        if passed >= 2 and failed == 0:
            return True
    return False


def _row_tests(line: Line, columns: list[Column], spec: TableSpec, row: int) -> tuple[int, int]:
    """How many of the line's cells under header row ``row``'s typed columns pass their test, and how many fail."""
    assigned = _assign([w for w in line.words if norm(w.text)], [c for c in columns if c.row == row])
    results = [
        spec.row_types[key](" ".join(w.text for w in ws)) for key, ws in assigned.items() if key in spec.row_types
    ]
    return sum(results), len(results) - sum(results)


def read_table(
    layouts_: Sequence[PageLayout],
    spec: TableSpec,
    *,
    rules: dict[int, Sequence[float]] | Callable[[int], Sequence[float]] | None = None,
    consumed: set[tuple[int, int]] | None = None,
) -> list[Record]:
    """Records of the table on every page where its header appears; a record cut by a page break continues.

    Columns split in the blank gutters the table's words leave between the header labels. ``rules`` gives the
    x of vertical ruling lines (see ``vertical_rules``) for tables drawn with borders: a dict by page number
    (used for every border), or a function of the page number, asked only for a page where two columns have
    no gutter between them. ``consumed`` collects the (page, line) of every header and record line, so that
    header-field lookups can leave them out.
    """
    records: list[Record] = []
    closed = False
    stop = _compile_labels({"stop": spec.stop}).pairs if spec.stop else []
    not_stop = _compile_labels({"not_stop": spec.not_stop}).pairs if spec.not_stop else []
    for layout in layouts_:
        layout = _headings_apart(layout, spec)
        fixed_rules = rules.get(layout.number, ()) if isinstance(rules, dict) else ()
        bands = _header_bands(layout, spec, fixed_rules)
        if not bands:
            continue
        header_lines = {li for first, last, _ in bands for li in range(first, last + 1)}
        if consumed is not None:
            consumed.update((layout.number, li) for li in header_lines)
        current: Record | None = records[-1] if records else None
        current_row = 0
        # a record's first row never continues across a page break: at the top of a page a line that reads as a
        # first row whose anchor OCR lost is a new record, not the rest of the last page's
        page_top = True
        # free text above the page's first new record (the upper half of a description a ruled row centres on
        # its values): kept as that record's ``_lead`` so a reader may give it back to it
        lead: list[Any] = []
        for bi, (_first, last, columns) in enumerate(bands):
            columns, aside = _aside_columns(columns, spec.aside)
            _clear_aside(aside, columns)
            previous_bottom = layout.lines[last].bottom
            end = bands[bi + 1][0] if bi + 1 < len(bands) else len(layout.lines)
            first = _first_record_line(layout, spec, last + 1, end) if spec.notes_first else last + 1
            end = _table_end(layout, first, end, stop, not_stop)
            if not fixed_rules:
                page_rules = _lazy_rules(rules, layout.number) if callable(rules) else None
                # (notes over the records, a clause run across the columns, shape no border: ``notes_first``)
                body_start = first if spec.notes_first else last + 1
                body = [layout.lines[li] for li in range(body_start, _gap_end(layout, spec, last, end))]
                if spec.skip_line:
                    verdicts = _verdicts(body, spec)
                    body = [line for line, verdict in zip(body, verdicts, strict=True) if verdict != "note"]
                _fit_borders(columns, body, layout.width, page_rules, spec.gutter_under_label)
            n_rows = 1 + max(c.row for c in columns)
            row0 = [c for c in columns if c.row == 0]
            last_note: Line | None = None
            for li in range(first, end):
                if li in header_lines:
                    continue
                line = layout.lines[li]
                if not_stop and _line_has(line, not_stop):
                    _consume(consumed, layout.number, li)
                    previous_bottom = line.bottom
                    continue
                if stop and _line_has(line, stop):
                    break
                gap = line.top - previous_bottom
                if spec.max_gap and gap > spec.max_gap * max(line.height, 1.0) and not _bridged(layout, line, spec):
                    break
                if li > first and line.bottom < layout.lines[li - 1].top:
                    break  # back up the page: another column of it (see ``_gap_end``)
                if aside:
                    # a record's first line keeps its own columns where a lower header row's aside column
                    # stands (the contributions beside the description, right of the codes line's countries)
                    starts = _starts_record(line, row0, spec)
                    line = _without(line, [c for c in aside if c.row == 0 or not starts], spec.aside_runs)
                    if not any(norm(w.text) for w in line.words):
                        _consume(consumed, layout.number, li)
                        previous_bottom = line.bottom
                        continue
                verdict = _verdict(line, last_note, spec)
                last_note = line if verdict == "note" else None
                if verdict == "note":
                    if current is not None and not closed:
                        _merge(current, {"_note": cell_words(line.words, spec.spaced_colons)}, layout.number)
                    _consume(consumed, layout.number, li)
                    previous_bottom = line.bottom
                    continue
                if verdict is not None:
                    _consume(consumed, layout.number, li)
                    previous_bottom = line.bottom
                    closed = closed or verdict == "close"
                    continue
                previous_bottom = line.bottom
                at_top, page_top = page_top, False
                assigned0 = _assign(cell_words(line.words, spec.spaced_colons), row0)
                anchor_words = assigned0.get(spec.anchor, [])
                anchor_text = " ".join(w.text for w in anchor_words)
                starts = not spec.anchor_first or _first_word_is(line, anchor_words[0]) if anchor_words else False
                if (
                    anchor_words
                    and spec.anchor_test(anchor_text)
                    and starts
                    and not (current is not None and _later_row(line, columns, spec, current_row))
                ):
                    current = Record(page=layout.number)
                    current_row = 0
                    closed = False
                    records.append(current)
                    _merge(current, assigned0, layout.number)
                    if lead and spec.keep_lead:
                        current.cells["_lead"] = Cell(words=lead, page=layout.number)
                        lead = []
                    if consumed is not None:
                        consumed.add((layout.number, li))
                    continue
                if current is None or n_rows == 1 or current_row > 0 or at_top:
                    # a line that reads as the first row of a record whose anchor OCR lost starts a record
                    first_row = _row_fit(line, columns, spec, 0, min_passed=3, ignore=spec.anchor, lenient=True)
                    lost = first_row is not None and (
                        spec.anchor not in first_row
                        or not spec.anchor_test(" ".join(w.text for w in first_row[spec.anchor]))
                    )
                    if first_row is not None and lost:
                        current = Record(page=layout.number)
                        current_row = 0
                        closed = False
                        records.append(current)
                        _merge(current, first_row, layout.number)
                        if consumed is not None:
                            consumed.add((layout.number, li))
                        continue
                fresh = current is None or current.page != layout.number
                if current is None:
                    if spec.free_text:
                        lead.extend(line.words)
                    continue
                if closed:
                    _consume(consumed, layout.number, li)
                    continue
                chosen: dict[str, list[Any]] | None = None
                # the record's rows come in the header's order: the next row with typed columns is the only
                # candidate (a description line must not be taken for a later row because a number in it
                # happens to sit under a typed column); rows of free text alone are skipped over
                for row in range(current_row + 1, n_rows):
                    chosen = _row_fit(line, columns, spec, row)
                    if chosen is not None:
                        current_row = row
                        break
                    if any(c.row == row and c.key in spec.row_types for c in columns):
                        break
                if chosen is None:
                    if not spec.free_text:
                        continue
                    chosen = {spec.free_text: cell_words(line.words, spec.spaced_colons)}
                    if fresh:
                        lead.extend(line.words)
                if consumed is not None:
                    consumed.add((layout.number, li))
                _merge(current, chosen, layout.number)
    return records


# two abbreviated headings a text layer ran together with no space (``UNIT.VAL.`` of ``PRECIO UNIT.`` and ``VAL.
# AGREG.``): letters, a point, letters; or two slashed ones OCR ran together (``P.V/CP.O/D`` of a pedimento's
# país vendedor/comprador and origen/destino, ``P.V/ICP.O/D`` with its C misread)
_RUN_HEADINGS = re.compile(
    r"([^\W\d_]{2,}\.)([^\W\d_]{2,}\.?)"
    r"|([^\W\d_]\.?[^\W\d_]{1,2}/[^\W\d_]{1,2})([^\W\d_]\.?[^\W\d_]{1,2}/[^\W\d_]{1,2})"
)


def _headings_apart(layout: PageLayout, spec: TableSpec) -> PageLayout:
    """The page with the words of a header line that hold two column headings run together split at the first
    heading's point, where that makes the line name more columns (a description's abbreviations stay as
    printed: no column is named by splitting them)."""
    lines = list(layout.lines)
    changed = False
    for li, line in enumerate(lines):
        if not any(_RUN_HEADINGS.fullmatch(w.text) for w in line.words):
            continue
        words: list[Any] = []
        for w in line.words:
            match = _RUN_HEADINGS.fullmatch(w.text)
            if match is None:
                words.append(w)
                continue
            head, tail = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            cut = w.x0 + (w.x1 - w.x0) * len(head) / len(w.text)
            words += [replace(w, text=head, x1=cut), replace(w, text=tail, x0=cut)]
        split = Line(words=words, top=line.top, bottom=line.bottom, tokens=[norm(w.text) for w in words])
        view = replace(layout, lines=[line, split])
        keys = [{h.key for h in find_labels(view, spec.columns, line_range=(k, k + 1))} for k in (0, 1)]
        if len(keys[1]) > len(keys[0]):
            lines[li] = split
            changed = True
    return replace(layout, lines=lines) if changed else layout


def _verdict(line: Line, last_note: Line | None, spec: TableSpec) -> str | None:
    """The line's verdict (see ``TableSpec.skip_line``); a line left to the table that runs on from the note
    line right before it is a note too."""
    verdict = spec.skip_line(line) if spec.skip_line else None
    if verdict is None and last_note is not None and spec.note_runs_on and spec.note_runs_on(last_note, line):
        return "note"
    return verdict


def _verdicts(lines: list[Line], spec: TableSpec) -> list[str | None]:
    """The verdicts of consecutive lines, each told with the one before it (see ``_verdict``)."""
    verdicts: list[str | None] = []
    last_note: Line | None = None
    for line in lines:
        verdict = _verdict(line, last_note, spec)
        last_note = line if verdict == "note" else None
        verdicts.append(verdict)
    return verdicts


def _aside_columns(columns: list[Column], keys: Sequence[str]) -> tuple[list[Column], list[Column]]:
    """The record's columns and the aside ones. An aside column whose header row holds no record column (the
    contributions' heading on a header line of its own, under the values') stands beside nothing: its zone is
    the whole line, and taking it aside would empty every line under the header. It is dropped, and its lines are
    told by ``skip_line`` like any other."""
    record = [c for c in columns if c.key not in keys]
    rows = {c.row for c in record}
    return record, [c for c in columns if c.key in keys and c.row in rows]


def _clear_aside(aside: list[Column], columns: list[Column]) -> None:
    """Keep each aside column's zone clear of the header labels of the record's lower rows: the border fitted on
    the aside column's own row (the description beside the contributions) may fall left of a label of a later row
    that ends under it (VAL. AGREG. on the values row), whose figures are the record's, not the aside's."""
    for col in aside:
        under = [c.x1 for c in columns if c.row > 0 and c.row != col.row and c.x0 < col.x0 < c.right]
        if under:
            col.left = max(col.left, min(max(under), col.x0))


def _starts_record(line: Line, row0: list[Column], spec: TableSpec) -> bool:
    """Whether the line opens a record: its first word stands in the anchor column and passes the anchor's test."""
    words = [w for w in line.words if norm(w.text)]
    if not words:
        return False
    anchor = _assign(words[:1], row0).get(spec.anchor)
    return bool(anchor) and spec.anchor_test(words[0].text)


def _without(line: Line, aside: list[Column], runs: bool = False) -> Line:
    """The line without the words that stand in an aside column; with ``runs``, also the words that carry an aside
    text on past its column's border (set a word space after it, not a gutter)."""
    dropped: set[int] = set()
    previous: Any = None
    kept: Any = None  # the last word left to the record
    for w in line.words:
        space = RUN_SPACE * max(1.0, w.bottom - w.top)
        inside = any(c.left <= (w.x0 + w.x1) / 2 < c.right for c in aside)
        # a word that starts before an aside column's heading, a word space after the record's text on its
        # left, carries that text on (a description run long over the border): it is no aside word
        if (
            inside
            and kept is not None
            and w.x0 - kept.x1 < space
            and all(w.x0 < c.x0 for c in aside if c.left <= (w.x0 + w.x1) / 2 < c.right)
        ):
            inside = False
        carried = runs and previous is not None and w.x0 - previous.x1 < space
        if inside or carried:
            dropped.add(id(w))
            previous = w
            kept = None
        else:
            previous = None
            kept = w
    if not dropped:
        return line
    words = [w for w in line.words if id(w) not in dropped]
    return Line(words=words, top=line.top, bottom=line.bottom, tokens=[norm(w.text) for w in words])


# the widest space between two words of one text, in text heights (a column's gutter is several times wider)
RUN_SPACE = 0.6


def _consume(consumed: set[tuple[int, int]] | None, page: int, li: int) -> None:
    if consumed is not None:
        consumed.add((page, li))


# how far under its header a table's first record may start after notes
NOTE_LINES = 8


def _first_record_line(layout: PageLayout, spec: TableSpec, start: int, end: int) -> int:
    """The first line at or after ``start`` whose first word passes the anchor test (``start`` when none does
    within a few lines)."""
    for li in range(start, min(end, start + NOTE_LINES)):
        words = [w for w in layout.lines[li].words if norm(w.text)]
        if words and spec.anchor_test(words[0].text):
            return li
    return start


def _table_end(
    layout: PageLayout,
    start: int,
    end: int,
    stop: list[tuple[str, str]],
    not_stop: Sequence[tuple[str, str]] = (),
) -> int:
    """The first line at or after ``start`` that holds a stop label and none of the labels that end nothing
    (or ``end``)."""
    for li in range(start, end):
        line = layout.lines[li]
        if stop and _line_has(line, stop) and not (not_stop and _line_has(line, not_stop)):
            return li
    return end


def _gap_end(layout: PageLayout, spec: TableSpec, last: int, end: int) -> int:
    """The first line after the header band (at ``last``) that stands further under the line above it than the
    spec's ``max_gap`` allows (or ``end``): the table's reading stops there, so its gutters are fitted on the
    lines above only (a page footer centred across the columns would close them). A line that stands wholly above
    the one before it starts another column of the page (a sidebar read after the main column): the table ends
    there too."""
    for li in range(last + 1, end):
        line, above = layout.lines[li], layout.lines[li - 1]
        if line.bottom < above.top:
            return li
        gap = line.top - above.bottom
        if spec.max_gap and gap > spec.max_gap * max(line.height, 1.0) and not _bridged(layout, line, spec):
            return li
    return end


def _bridged(layout: PageLayout, line: Line, spec: TableSpec) -> bool:
    """Whether a line past a gap wider than ``max_gap`` still belongs to the table (see ``gap_record``)."""
    return layout.ocr and spec.gap_record is not None and spec.gap_record(line)


def _lazy_rules(rules: Callable[[int], Sequence[float]], page: int) -> Callable[[], Sequence[float]]:
    cache: list[Sequence[float]] = []

    def get() -> Sequence[float]:
        if not cache:
            try:
                cache.append(rules(page))
            except Exception:  # a page whose drawing cannot be read has no rules to offer
                cache.append(())
        return cache[0]

    return get


def _fit_borders(
    columns: list[Column],
    lines: list[Line],
    width: float,
    rules: Callable[[], Sequence[float]] | None = None,
    under_label: bool = False,
) -> None:
    """Move each border between two columns into the blank gutter the table's words leave there.

    Header labels are narrower than their columns (a wide description under a short DESCRIPCIÓN), so the
    midpoint between two labels can fall inside the text of a column; the gutter no line crosses cannot.
    Where no gutter exists, a ruling line between the two labels (``rules``, read only then) is the border;
    failing that the midpoint stays.
    """
    if not lines:
        return
    # coverage at half-point resolution: a gutter of 3 points between columns is common on dense forms
    size = int(2 * width) + 4
    covered = bytearray(size)
    for line in lines:
        for w in line.words:
            if not norm(w.text):
                continue
            for x in range(max(0, math.floor(2 * w.x0)), min(size, math.ceil(2 * w.x1))):
                covered[x] = 1
    heights = sorted(line.height for line in lines)
    # wider than a space between words (about a quarter of the text height)
    min_gap = 2 * max(2.2, 0.38 * heights[len(heights) // 2])
    rows: dict[int, list[Column]] = {}
    for col in columns:
        rows.setdefault(col.row, []).append(col)
    for row_cols in rows.values():
        row_cols.sort(key=lambda c: c.x0)
        for left, right in zip(row_cols, row_cols[1:], strict=False):
            mid = (left.x1 + right.x0) / 2
            # the border lies past the left label and before the right label starts (a gap further right
            # would be the blank after the short values of a left-aligned column)
            end = min(size - 1, int(2 * right.x0) + 2)
            gaps = _gaps(covered, max(int(2 * left.x0) + 2, int(2 * left.x1) - 4), end, min_gap)
            if not gaps and under_label:
                # a right-aligned column's values start past its label's left edge, and a long text on the left
                # may run under that edge: the gutter lies under the label, closed by the values before the
                # label's right edge (an opening up to that edge is the blank after a left-aligned value)
                under = int(2 * right.x1)
                gaps = [g for g in _gaps(covered, end, under, min_gap) if g[1] < under - 1]
            if not gaps:
                drawn = [x for x in (rules() if rules else ()) if left.x1 - 1 <= x <= right.x0 + 1]
                if drawn:
                    border = min(drawn, key=lambda x: abs(x - mid))
                    left.right = border
                    right.left = border
                continue
            # the widest gutter (spaces between words are narrower); among equals, the one nearest the middle
            widest = max(g[1] - g[0] for g in gaps)
            wide = [g for g in gaps if g[1] - g[0] >= widest - 3]  # within 1.5 points of the widest
            a, b = min(wide, key=lambda g: abs((g[0] + g[1]) / 4 - mid))
            border = (a + b) / 4
            left.right = border
            right.left = border


def _gaps(covered: bytearray, start: int, end: int, min_gap: float) -> list[tuple[int, int]]:
    """Runs of uncovered x positions (wider than the space between words) between ``start`` and ``end``."""
    gaps: list[tuple[int, int]] = []
    x = start
    while x < end:
        if covered[x]:
            x += 1
            continue
        run = x
        while x < end and not covered[x]:
            x += 1
        if x - run >= min_gap:
            gaps.append((run, x))
    return gaps


def _first_word_is(line: Line, word: Any) -> bool:
    """True when ``word`` is the first word of the line that has text (records start at their anchor)."""
    for w in line.words:
        if norm(w.text):
            return w is word
    return False


def _merge(record: Record, assigned: dict[str, list[Any]], page: int) -> None:
    for key, words in assigned.items():
        cell = record.cells.setdefault(key, Cell(page=page))
        cell.words.extend(words)


def _line_has(line: Line, compiled: Sequence[tuple[str, str]]) -> bool:
    joined = "".join(line.tokens)
    return any(label and label in joined for _key, label in compiled)


def found_from_cell(cell: Cell | None, parser: Parser, certainty: float = 0.95) -> Found | None:
    """Parse a table cell into a Found (value, words used, raw text).

    Specks OCR read as a stray letter or two with little confidence are left out.
    """
    if cell is None or not cell.words:
        return None
    words = [
        w
        for w in cell.words
        if not (float(w.confidence) < 0.25 and len(norm(w.text)) <= 2 and not any(ch.isdigit() for ch in w.text))
    ]
    return apply_parser(parser, words or cell.words, cell.page, certainty)


def vertical_rules(pdf_path: Any, page_number: int) -> list[float]:
    """x of the vertical ruling lines on a PDF page (top-left origin, points), for tables drawn with borders:
    thin vertical paths, and the left and right sides of drawn boxes. Only for pages with a text layer: a
    scan's lines are pixels, not drawing.

    The same edges pdfplumber reports (``page.edges``), read from pdfium's path objects: ~10 ms a page where
    pdfplumber takes ~70 ms unloaded and several times that on a busy machine.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    xs: set[float] = set()
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[page_number - 1]
        try:
            for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)):
                left, bottom, right, top = obj.get_bounds()
                if top - bottom < 4:
                    continue  # a horizontal rule or a dot
                if right - left < 2:
                    xs.add(round((left + right) / 2, 1))
                else:
                    xs.update((round(left, 1), round(right, 1)))
        finally:
            page.close()
    finally:
        pdf.close()
    return sorted(xs)


def pdf_rules(doc_text: Any, context: Any) -> Callable[[int], Sequence[float]] | None:
    """A ``read_table`` rules function for the PDF the pipeline is reading (text-layer pages only), or None
    when there is no PDF at hand."""
    path = getattr(context, "path", None)
    if path is None or "pdf" not in str(getattr(doc_text, "media_type", "")):
        return None
    text_pages = {p.number for p in doc_text.pages if getattr(p, "source", "") == "text_layer"}

    def rules(page: int) -> Sequence[float]:
        return vertical_rules(path, page) if page in text_pages else ()

    return rules
