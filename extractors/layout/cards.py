"""Records printed as cards: one block per record, each a grid of label-over-value cells.

Web systems and their exports print an item not as a table row but as a block of its own: a title (``Partida 3
de 24``), then lines of cell labels each over the line of their values (``Fracción  NICO  UMC`` over
``9405.41.99  99  6``), and a free text (the description) under its own label. The labels are a table's column
labels (``TableSpec.columns``), so the same wordings name the same fields; what differs is that every record
prints them again. A block is told from a table's header by that repetition: a table's header stands over many
rows that are not labels, a card's label lines alternate with single lines of values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from extractors.layout.labels import LabelHit, _compile_labels, find_labels
from extractors.layout.lines import Line, PageLayout, norm
from extractors.layout.tables import Cell, Record, TableSpec, _line_has

# how far under a label line its values may stand, in line heights (more is a blank between blocks)
VALUE_GAP = 1.5


@dataclass
class _Card:
    """A record being read, with the lines it took and whether a title opened it."""

    record: Record
    titled: bool
    pairs: int = 0
    lines: list[tuple[int, int]] = field(default_factory=list)


def read_cards(
    layouts_: Sequence[PageLayout], spec: TableSpec, *, consumed: set[tuple[int, int]] | None = None
) -> list[Record]:
    """The records printed as cards on every page, in order; a card may run over a page break.

    A card opens at a title line (the anchor's label and the record's number: ``Partida 3 de 24``, ``SEC 3``) or
    at a label line naming a field the open card already has. A card with no title counts only when it holds two
    label lines or more, each over its values: one label line over a value line is a table's header and first
    row, read by ``read_table``. ``consumed`` collects the (page, line) of every line a card took.
    """
    cards: list[_Card] = []
    current: _Card | None = None
    stop = _compile_labels({"stop": spec.stop}).pairs if spec.stop else []
    for lay in layouts_:
        grid = _grid(lay, spec)
        li = 0
        while li < len(lay.lines):
            line = lay.lines[li]
            title = _title(lay, li, spec)
            if title is not None:
                current = _Card(Record(page=lay.number), titled=True)
                current.record.cells[spec.anchor] = Cell(words=[title], page=lay.number)
                current.lines.append((lay.number, li))
                cards.append(current)
                li += 1
                continue
            opened = _beside(lay, li, spec) if li not in grid else None
            if opened and _titled_by_anchor(opened, spec):
                # a record whose first line is its number and its cells, each label then value (``SEC 1  FRACC.
                # 85423999  NICO 99  UMC 6``): the number opens the card as a title would, the cells are its own
                current = _Card(Record(page=lay.number), titled=True)
                for key, words in opened.items():
                    current.record.cells[key] = Cell(words=list(words), page=lay.number)
                current.pairs += 1
                current.lines.append((lay.number, li))
                cards.append(current)
                li += 1
                continue
            # (on a scan a line of label-value pairs whose values are words, ``P.V/C USA  P.O/D USA``, may read as
            # a line of labels too: inside a titled card, pairs that read as their fields' values are taken so)
            beside = _beside(lay, li, spec) if current is not None and current.titled else None
            if li in grid and beside and not lay.ocr:
                beside = None
            if current is not None and beside:
                # a titled card's cells printed label then value on one line (``Fracción: 9405.41.99  NICO: 99``)
                for key, words in beside.items():
                    current.record.cells.setdefault(key, Cell(page=lay.number)).words.extend(words)
                current.pairs += 1
                current.lines.append((lay.number, li))
                li += 1
                continue
            wrapped = _run_on(lay, li, current, spec, stop) if current is not None and li not in grid else None
            if current is not None and wrapped is not None:
                # the free text its line wrapped (``DESC.: LAMINA … SUPERIOR A 0.2`` over ``MM``)
                wrapped.words.extend(w for w in line.words if norm(w.text))
                current.lines.append((lay.number, li))
                li += 1
                continue
            hits = _with_siblings(grid.get(li, []), grid)
            values = _values(lay, li, hits, spec, stop) if hits else []
            if values and not _fits(hits, values, spec, lenient=current is not None and current.titled):
                values = []  # what stands under the labels is not their values (a table's header over its rows)
            if not hits or not values:
                if hits or (stop and _line_has(line, stop)):
                    current = None  # labels over nothing, or the end of the records: no card runs on past them
                li += 1
                continue
            keys = {h.key for h in hits}
            if current is None or keys & set(current.record.cells) - {spec.anchor}:
                current = _Card(Record(page=lay.number), titled=False)
                cards.append(current)
            _fill(current.record, hits, values, spec, lay.number)
            current.pairs += 1
            current.lines.extend((lay.number, k) for k in range(li, values[-1][0] + 1))
            li = values[-1][0] + 1
    kept = [card for card in cards if card.titled or card.pairs >= 2]
    if consumed is not None:
        for card in kept:
            consumed.update(card.lines)
    return [card.record for card in kept if len(card.record.cells) > 1]


def _beside(lay: PageLayout, li: int, spec: TableSpec) -> dict[str, list[Any]] | None:
    """The cells of a line that opens with a label and gives each label its value right after it, up to the next
    label (``Fracción: 9405.41.99  NICO: 99  UMC: 6``), when those values read as their fields'."""
    line = lay.lines[li]
    first = next((k for k, w in enumerate(line.words) if norm(w.text)), None)
    hits = [h for h in find_labels(lay, spec.columns, line_range=(li, li + 1)) if h.key not in spec.aside]
    if lay.ocr:
        # a word a letter off a label right after another label (``DESC.: MODULO DE …`` read with MODELO) is that
        # label's value, not a label leaving it none
        hits = [h for k, h in enumerate(hits) if not k or h.start > hits[k - 1].end + 1 or _exact(line, h, spec)]
    if first is None or not hits or hits[0].start != first:
        return None
    cells: dict[str, list[Any]] = {}
    for k, hit in enumerate(hits):
        end = hits[k + 1].start if k + 1 < len(hits) else len(line.words)
        words = [w for w in line.words[hit.end + 1 : end] if norm(w.text)]
        if hit.key in cells or not (words or (lay.ocr and (k > 0 or (hit.key == spec.anchor and len(hits) >= 4)))):
            return None
        # (on a scan a value after its label may be lost, the record's number too: the label still opens the record)
        if words or hit.key == spec.anchor:
            cells[hit.key] = words
    verdicts = [test(" ".join(w.text for w in cells[key])) for key, test in spec.row_types.items() if key in cells]
    if verdicts.count(False) > verdicts.count(True) or (not verdicts and spec.free_text not in cells):
        return None
    return cells


def _run_on(lay: PageLayout, li: int, card: _Card, spec: TableSpec, stop: list[tuple[str, str]]) -> Cell | None:
    """The free text's cell when the line carries on the free text of a titled card's line before it, where that
    line ends in the free text (its label then its value): no label opening it, nothing the spec skips or stops
    at, no title, and a line's pitch below."""
    cell = card.record.cells.get(spec.free_text) if spec.free_text else None
    if cell is None or not cell.words or not card.titled or card.lines[-1:] != [(lay.number, li - 1)]:
        return None
    above, line = lay.lines[li - 1], lay.lines[li]
    if above.words[-1] is not cell.words[-1] or not 0 <= line.top - above.bottom <= VALUE_GAP * above.height:
        return None
    first = next((k for k, w in enumerate(line.words) if norm(w.text)), None)
    if first is None or any(h.start == first for h in find_labels(lay, spec.columns, line_range=(li, li + 1))):
        return None  # a line opening with a label is a cell of its own, not the text run on
    if (stop and _line_has(line, stop)) or (spec.skip_line and spec.skip_line(line) is not None):
        return None
    return cell if _title(lay, li, spec) is None else None


def _titled_by_anchor(cells: dict[str, list[Any]], spec: TableSpec) -> bool:
    """Whether a line read as label-value cells opens with the record's number (the anchor's label and one word
    that is a number, or on a scan nothing: ``_beside`` lets the number be lost) and names other cells after it."""
    first = next(iter(cells), None)
    anchor = cells.get(spec.anchor)
    if first != spec.anchor or anchor is None or len(cells) < 3:
        return False
    return not anchor or (len(anchor) == 1 and bool(spec.anchor_test(anchor[0].text)))


def _title(lay: PageLayout, li: int, spec: TableSpec) -> Any | None:
    """The record number's word when the line is a card's title: the anchor's label first, then the number, then
    at most its total (``Partida 3 de 24``, ``SEC. 3``)."""
    line = lay.lines[li]
    first = next((k for k, w in enumerate(line.words) if norm(w.text)), None)
    if first is None:
        return None
    hits = find_labels(lay, {spec.anchor: spec.columns[spec.anchor]}, line_range=(li, li + 1))
    if not hits or hits[0].start != first:
        return None
    after = [w for w in line.words[hits[0].end + 1 :] if norm(w.text)]
    if not after or not spec.anchor_test(after[0].text):
        return None
    rest = [norm(w.text) for w in after[1:]]
    if rest and not (len(rest) == 2 and rest[0] in _OF and rest[1].isdigit()):
        return None
    return after[0]


def _aligned(hits: list[LabelHit], other: list[LabelHit]) -> bool:
    """Whether two label lines are the same line of the grid: they share a label, and every label they share
    stands at the same place on both."""
    shared = [(h, o) for h in hits for o in other if h.key == o.key]
    return bool(shared) and all(h.x0 < o.x1 and o.x0 < h.x1 for h, o in shared)


def _opens_with_anchor(lay: PageLayout, li: int, spec: TableSpec) -> bool:
    """Whether the line starts with the anchor's label: a card's title, even one OCR garbled (``Partida de 24
    24``); no value of the card above starts so."""
    line = lay.lines[li]
    first = next((k for k, w in enumerate(line.words) if norm(w.text)), None)
    if first is None:
        return False
    hits = find_labels(lay, {spec.anchor: spec.columns[spec.anchor]}, line_range=(li, li + 1))
    return bool(hits) and hits[0].start == first


# the word between a record's number and the total in a card's title (``3 de 24``, ``3 of 24``)
_OF = frozenset({"DE", "OF"})


def _label_line(lay: PageLayout, li: int, spec: TableSpec) -> list[LabelHit]:
    """The line's column labels when the line is made of nothing else (a card's line of cell labels). On a scan,
    where OCR cuts a label short or loses a letter (``Valor agreg;``, ``uUMC``), words left over are allowed when
    they hold no figure and the labels found cover most of the line."""
    line = lay.lines[li]
    hits = [h for h in find_labels(lay, spec.columns, line_range=(li, li + 1)) if h.key not in spec.aside]
    if not hits:
        return []
    if lay.ocr and len(hits) == 1 and not _exact(line, hits[0], spec):
        return []  # one word a letter off a label (``MODULO`` for ``MODELO``): a value, not a label line
    covered = {k for h in hits for k in range(h.start, h.end + 1)}
    rest = [w.text for k, w in enumerate(line.words) if norm(w.text) and k not in covered]
    if rest and not (lay.ocr and _label_rest(rest, hits, covered)):
        return []
    return sorted(hits, key=lambda h: h.x0)


def _exact(line: Line, hit: LabelHit, spec: TableSpec) -> bool:
    """Whether the hit's words spell one of its column's labels exactly (not one OCR edit away)."""
    text = "".join(line.tokens[hit.start : hit.end + 1])
    return any(text.startswith(norm(label)) for label in spec.columns[hit.key])


def _label_rest(rest: list[str], hits: list[LabelHit], covered: set[int]) -> bool:
    """Whether the words of a scanned line left over by its labels are what OCR left of other labels: no figure
    among them, and two labels found or more words in labels than left over."""
    return not any(ch.isdigit() for text in rest for ch in text) and (len(hits) >= 2 or len(rest) <= len(covered))


def _grid(lay: PageLayout, spec: TableSpec) -> dict[int, list[LabelHit]]:
    """The page's label lines by line index."""
    out: dict[int, list[LabelHit]] = {}
    for li in range(len(lay.lines)):
        hits = _label_line(lay, li, spec)
        if hits:
            out[li] = hits
    return out


def _with_siblings(hits: list[LabelHit], grid: dict[int, list[LabelHit]]) -> list[LabelHit]:
    """A label line with the labels OCR lost put back from the same line of the page's other cards: every card
    prints the same grid, so a label line that shares a label with this one, at the same place, and has a label
    where this one has none (``NICO`` read on the next card, lost on this one) names the value standing there."""
    if not hits:
        return hits
    out = list(hits)
    for other in grid.values():
        if other is hits or not _aligned(hits, other):
            continue
        for h in other:
            if h.key not in {o.key for o in out} and not any(h.x0 < o.x1 and o.x0 < h.x1 for o in out):
                out.append(h)
    return sorted(out, key=lambda h: h.x0)


def _values(
    lay: PageLayout, li: int, hits: list[LabelHit], spec: TableSpec, stop: list[tuple[str, str]]
) -> list[tuple[int, Line]]:
    """The lines of values under a label line: the one right under it, and, when the labels name the free text,
    the lines after it up to the next label line, title, skipped line or blank."""
    out: list[tuple[int, Line]] = []
    free = spec.free_text is not None and any(h.key == spec.free_text for h in hits)
    above = lay.lines[li]
    for lj in range(li + 1, len(lay.lines)):
        line = lay.lines[lj]
        if line.top - above.bottom > VALUE_GAP * above.height:
            break
        if _label_line(lay, lj, spec) or _opens_with_anchor(lay, lj, spec) or (stop and _line_has(line, stop)):
            break
        if spec.skip_line and spec.skip_line(line) is not None:
            break
        out.append((lj, line))
        if not free:
            break
        above = line
    return out


def _fits(hits: list[LabelHit], values: list[tuple[int, Line]], spec: TableSpec, *, lenient: bool = False) -> bool:
    """Whether the values under the labels read as those fields' values (``TableSpec.row_types``): all of them, or
    all but one among three or more (a value OCR misread). Inside a card a title opened, where the line under the
    labels can only be their values, as many may fail as pass (a scan's ``A`` for a unit code ``1``)."""
    trial = Record()
    _fill(trial, hits, values[:1], spec, 0)
    verdicts = [test(trial.text(key)) for key, test in spec.row_types.items() if key in trial.cells]
    failed = verdicts.count(False)
    if lenient:
        return failed <= verdicts.count(True)
    return failed == 0 or (failed == 1 and len(verdicts) >= 4)


def _fill(record: Record, hits: list[LabelHit], values: list[tuple[int, Line]], spec: TableSpec, page: int) -> None:
    """Put each value under the label it stands under; the lines after the first go to the free text."""
    for k, (_lj, line) in enumerate(values):
        for group in _groups(line):
            # a value run into its neighbour's (no gap between them): each word under its own label
            spans = [group] if _spanned(group, hits) <= 1 else [[w] for w in group]
            for words in spans:
                key = spec.free_text if k > 0 and spec.free_text else _owner(words, hits)
                if key is None:
                    continue
                cell = record.cells.setdefault(key, Cell(page=page))
                cell.words.extend(words)


def _groups(line: Line) -> list[list[Any]]:
    """The line's words as the cells' values: words closer than about a space and a half are one value's."""
    groups: list[list[Any]] = []
    for w in line.words:
        if not norm(w.text):
            continue
        if groups and w.x0 - groups[-1][-1].x1 < 0.6 * max(1.0, w.bottom - w.top):
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups


def _spanned(words: list[Any], hits: list[LabelHit]) -> int:
    """How many labels the words stand under."""
    return sum(1 for h in hits if words[0].x0 < h.x1 and h.x0 < words[-1].x1)


def _owner(words: list[Any], hits: list[LabelHit]) -> str | None:
    """The label a value stands under: the one it overlaps most, else the nearest to its left (values are
    printed from their label's left edge), else the first."""
    x0, x1 = words[0].x0, words[-1].x1
    overlaps = [(min(x1, h.x1) - max(x0, h.x0), h) for h in hits]
    best = max(overlaps, key=lambda o: o[0])
    if best[0] > 0:
        return best[1].key
    left = [h for h in hits if h.x0 <= x0]
    return (left[-1] if left else hits[0]).key
