"""Label → value by position on the page, and tables from word positions.

This is the mechanism every document family uses instead of per-broker templates: a family names its
fields by the labels that print beside them (several wordings each), and this module finds those labels on
the page, whatever the layout, and reads the value to the right of the label or in the box below it. Tables
are found the same way: a header line that carries enough column labels fixes the columns, and the lines
under it are split into records.

Words come from ``extractors.text`` (``PageText.words``, PDF points, origin top-left). Labels are matched on
normalised text (upper case, no accents, no punctuation), so ``CVE. PEDIMENTO:``, ``Cve.Pedimento`` and an
OCR'd ``CVE PEDlMENTO`` are the same label.
"""

from __future__ import annotations

import functools
import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from extractors.entities import recognisers
from extractors.entities.normalise import country_code
from extractors.result import ResultBuilder

__all__ = [
    "Cell",
    "Column",
    "FamilyResult",
    "Found",
    "LabelHit",
    "Line",
    "PageLayout",
    "Record",
    "TableSpec",
    "field_value",
    "find_labels",
    "find_value",
    "group_lines",
    "norm",
    "read_table",
]


class WordLike(Protocol):
    """What this module needs from ``extractors.text.Word``."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


class PageLike(Protocol):
    """What this module needs from ``extractors.text.PageText``."""

    number: int
    words: list[Any]
    width: float
    height: float


# The family result is part A's builder: fields, lines, references and warnings, with the helpers that
# keep them inside the contract. The name the pipeline uses for what a family returns.
FamilyResult = ResultBuilder


# ----------------------------------------------------------------------------------------------------
# Text normalisation


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Upper case, accents removed, only letters and digits kept (how labels are compared)."""
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def _close(a: str, b: str) -> bool:
    """Equal, or (for labels of 6+ characters, as OCR reads them) one edit apart."""
    if a == b:
        return True
    if len(b) < 6 or abs(len(a) - len(b)) > 1:
        return False
    # Levenshtein distance <= 1
    if len(a) == len(b):
        return sum(1 for x, y in zip(a, b, strict=True) if x != y) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# ----------------------------------------------------------------------------------------------------
# Lines


@dataclass
class Line:
    """Words that share a baseline, left to right."""

    words: list[Any]
    top: float
    bottom: float
    tokens: list[str] = field(default_factory=list)  # norm() of each word

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)


def group_lines(words: Iterable[WordLike]) -> list[Line]:
    """Cluster words into lines, top to bottom.

    A word joins the line whose last word (to its left) it overlaps vertically, so a line that drifts up
    or down across a slightly skewed scan stays one line.
    """
    ordered = sorted(words, key=lambda w: (w.x0, w.top))
    lines: list[Line] = []
    # lines indexed by the bottom of their last word, in buckets of 4 points
    buckets: dict[int, list[Line]] = {}
    for word in ordered:
        height = max(1.0, word.bottom - word.top)
        best: Line | None = None
        best_distance = float("inf")
        reach = int(height // 4) + 2
        for b in range(int(word.bottom // 4) - reach, int(word.bottom // 4) + reach + 1):
            for line in buckets.get(b, ()):
                last = line.words[-1]
                if last.x1 > word.x0 + 0.5 * height:
                    continue
                # tops agree unless a letter has an accent, bottoms unless one has a descender; the last
                # few words of the line, not just one, say where it runs
                recent = line.words[-3:]
                top = statistics.median(w.top for w in recent)
                bottom = statistics.median(w.bottom for w in recent)
                distance = min(abs(word.top - top), abs(word.bottom - bottom))
                if distance <= 0.45 * max(height, bottom - top) and distance < best_distance:
                    best, best_distance = line, distance
        if best is None:
            best = Line(words=[word], top=word.top, bottom=word.bottom)
            lines.append(best)
        else:
            buckets[int(best.words[-1].bottom // 4)].remove(best)
            best.words.append(word)
            best.top = min(best.top, word.top)
            best.bottom = max(best.bottom, word.bottom)
        buckets.setdefault(int(word.bottom // 4), []).append(best)
    lines.sort(key=lambda ln: statistics.median((w.top + w.bottom) / 2 for w in ln.words))
    for line in lines:
        line.tokens = [norm(w.text) for w in line.words]
    return lines


@dataclass
class _Placed:
    """A word with coordinates turned to undo the page's skew (the original word is kept for the output)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    original: Any


def skew_angle(lines: Sequence[Line], width: float) -> float:
    """The page's skew in radians, from the slope of long lines (0 when there is nothing to measure)."""
    slopes: list[float] = []
    for line in lines:
        if len(line.words) < 4:
            continue
        xs = [(w.x0 + w.x1) / 2 for w in line.words]
        if max(xs) - min(xs) < 0.3 * width:
            continue
        ys = [w.bottom for w in line.words]
        mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
        var = sum((x - mean_x) ** 2 for x in xs)
        if var <= 0:
            continue
        slopes.append(sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var)
    if len(slopes) < 3:
        return 0.0
    return math.atan(statistics.median(slopes))


_RULE_CHARS = "|[]{}"


def _cleaned(words: Sequence[Any]) -> list[Any]:
    """OCR words without the debris of ruling lines: punctuation-only specks OCR was unsure of are dropped,
    a rule read as "|" or a bracket is cut off a word, and a word a rule ran through ("16.780|USA") is split
    in two, the box shared out by characters."""
    out: list[Any] = []
    for w in words:
        text = w.text
        if not norm(text) and float(w.confidence) < 0.6:
            continue
        if not any(ch in _RULE_CHARS for ch in text):
            out.append(w)
            continue
        width = (w.x1 - w.x0) / max(1, len(text))
        for match in re.finditer(r"[^|\[\]{}]+", text):
            part = match.group(0)
            if not part.strip():
                continue
            x0 = w.x0 + width * match.start()
            # still in page coordinates: the part is its own original
            out.append(_Placed(part, x0, w.top, x0 + width * len(part), w.bottom, float(w.confidence), None))
    return out


def _deskewed(words: Sequence[Any], angle: float, width: float, height: float) -> list[_Placed]:
    cos, sin = math.cos(-angle), math.sin(-angle)
    cx, cy = width / 2, height / 2
    placed = []
    for w in words:
        mx, my = (w.x0 + w.x1) / 2 - cx, (w.top + w.bottom) / 2 - cy
        nx, ny = cx + mx * cos - my * sin, cy + mx * sin + my * cos
        half_w, half_h = (w.x1 - w.x0) / 2, (w.bottom - w.top) / 2
        placed.append(
            _Placed(
                w.text,
                nx - half_w,
                ny - half_h,
                nx + half_w,
                ny + half_h,
                float(w.confidence),
                getattr(w, "original", None) or w,
            )
        )
    return placed


@dataclass
class PageLayout:
    """One page's lines, computed once and shared by every lookup on that page."""

    number: int
    width: float
    height: float
    lines: list[Line]
    ocr: bool = False  # words read by OCR: labels are also matched one edit away

    @classmethod
    def of(cls, page: PageLike) -> PageLayout:
        """Lines of the page. On a scan, what OCR made of ruling lines is cleaned off the words and the
        page's skew (above 0.1 degree) is measured and undone first."""
        ocr = any(float(w.confidence) < 1.0 for w in page.words)
        words: Sequence[Any] = _cleaned(page.words) if ocr else page.words
        lines = group_lines(words)
        angle = skew_angle(lines, page.width)
        if abs(angle) > math.radians(0.1):
            lines = group_lines(_deskewed(words, angle, page.width, page.height))
        return cls(page.number, page.width, page.height, lines, ocr)


def layouts(pages: Sequence[PageLike]) -> list[PageLayout]:
    """The layout of every page that has words."""
    return [PageLayout.of(p) for p in pages if p.words]


# ----------------------------------------------------------------------------------------------------
# Labels


@dataclass(frozen=True)
class LabelHit:
    """A label found on a line: words ``start``..``end`` (inclusive) of ``line``."""

    key: str
    page: int
    line: int
    start: int
    end: int
    x0: float
    x1: float
    top: float
    bottom: float
    rest: str = ""  # text glued after the label inside its last word ("PESO:123" → "123")


@dataclass
class _Compiled:
    """A label set ready for matching: (key, normalised label) longest first, so that 'VALOR ADUANA' wins
    over 'VALOR'; the same grouped by first letter, and by first word for the one-edit-away pass."""

    pairs: list[tuple[str, str]]
    by_first_word: dict[str, list[tuple[str, str]]]
    by_first_char: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


_COMPILED: dict[int, tuple[Mapping[str, Sequence[str]], _Compiled]] = {}


def _compile_labels(labels: Mapping[str, Sequence[str]]) -> _Compiled:
    cached = _COMPILED.get(id(labels))
    if cached is not None and cached[0] is labels:
        return cached[1]
    pairs: list[tuple[str, str]] = []
    by_first: dict[str, list[tuple[str, str]]] = {}
    for key, variants in labels.items():
        for label in variants:
            pair = (key, norm(label))
            pairs.append(pair)
            first_word = next((norm(part) for part in label.split() if norm(part)), pair[1])
            by_first.setdefault(first_word, []).append(pair)
    pairs.sort(key=lambda kv: -len(kv[1]))
    for group in by_first.values():
        group.sort(key=lambda kv: -len(kv[1]))
    by_char: dict[str, list[tuple[str, str]]] = {}
    for pair in pairs:
        by_char.setdefault(pair[1][:1], []).append(pair)
    compiled = _Compiled(pairs, by_first, by_char)
    if len(_COMPILED) > 256:
        _COMPILED.clear()
    _COMPILED[id(labels)] = (labels, compiled)
    return compiled


def find_labels(
    layout: PageLayout,
    labels: Mapping[str, Sequence[str]],
    *,
    line_range: tuple[int, int] | None = None,
    skip: set[tuple[int, int]] | None = None,
) -> list[LabelHit]:
    """Every occurrence of every label on the page, without overlaps (longest label wins).

    ``skip`` holds (page, line) pairs to leave out, e.g. the lines of a table already read.
    """
    compiled = _compile_labels(labels)
    hits: list[LabelHit] = []
    first, last = line_range or (0, len(layout.lines))
    for li in range(first, min(last, len(layout.lines))):
        if skip and (layout.number, li) in skip:
            continue
        line = layout.lines[li]
        taken = [False] * len(line.words)
        for start in range(len(line.words)):
            if taken[start] or not line.tokens[start]:
                continue
            hit = _match_at(line, start, compiled, taken, layout.ocr)
            if hit is None:
                continue
            key, end, rest = hit
            for k in range(start, end + 1):
                taken[k] = True
            ws = line.words[start : end + 1]
            hits.append(
                LabelHit(
                    key=key,
                    page=layout.number,
                    line=li,
                    start=start,
                    end=end,
                    x0=ws[0].x0,
                    x1=ws[-1].x1,
                    top=min(w.top for w in ws),
                    bottom=max(w.bottom for w in ws),
                    rest=rest,
                )
            )
    return hits


def _match_at(
    line: Line, start: int, compiled: _Compiled, taken: list[bool], fuzzy: bool
) -> tuple[str, int, str] | None:
    """The longest label that starts at word ``start``: (key, last word index, glued rest).

    Exact matches win over matches one OCR edit away (tried only on OCR'd pages), so ``CANTIDAD UMT`` is
    never read as ``CANTIDAD UMC``.
    """
    token = line.tokens[start]
    if not token:
        return None
    exact = [
        (k, lab)
        for k, lab in compiled.by_first_char.get(token[:1], ())
        if lab.startswith(token) or token.startswith(lab)
    ]
    found = _match_pass(line, start, exact, taken, False) if exact else None
    if found is not None or not fuzzy:
        return found
    token = token.translate(_LETTERISH)
    if any(ch.isdigit() for ch in token):
        return None
    near = [
        pair for first_word, group in compiled.by_first_word.items() if _near_word(token, first_word) for pair in group
    ]
    if not near:
        return None
    near.sort(key=lambda kv: -len(kv[1]))
    return _match_pass(line, start, near, taken, True)


# What OCR prints for letters inside a label ("PES0 BRUT0"): undone before labels are compared.
_LETTERISH = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})


def _near_word(token: str, first_word: str) -> bool:
    """Whether a word could be the first word of a label as OCR read it (or the label glued together)."""
    if first_word.startswith(token) or token.startswith(first_word):
        return True
    if len(first_word) >= 4 and len(token) >= len(first_word):
        head = token[: len(first_word)]
        return sum(1 for a, b in zip(head, first_word, strict=True) if a != b) <= 1
    return _close(token, first_word)


def _match_pass(
    line: Line, start: int, compiled: list[tuple[str, str]], taken: list[bool], fuzzy: bool
) -> tuple[str, int, str] | None:
    same = _close if fuzzy else str.__eq__
    for key, label in compiled:
        acc = ""
        for j in range(start, len(line.words)):
            if taken[j]:
                break
            token = line.tokens[j].translate(_LETTERISH) if fuzzy else line.tokens[j]
            if not token:
                if j == start:
                    break
                continue
            candidate = acc + token
            if len(candidate) >= len(label):
                if same(candidate, label):
                    return key, j, ""
                # label glued to its value inside one word: "CAMBIO:17.2" → label + rest
                raw = line.words[j].text
                if ":" in raw:
                    head, _, tail = raw.partition(":")
                    if same(acc + norm(head), label) and tail.strip():
                        return key, j, tail.strip()
                break
            if not label.startswith(candidate) and not (fuzzy and _close(candidate, label[: len(candidate)])):
                break
            acc = candidate
    return None


# ----------------------------------------------------------------------------------------------------
# Values next to labels

Parser = Callable[[str], "tuple[Any, tuple[int, int]] | None"]
"""A parser gets the candidate text and returns (value, (start, end) character span used) or None."""


@dataclass
class Found:
    """A value read from the page, with where it stood."""

    value: Any
    page: int
    words: list[Any]
    raw: str
    certainty: float

    @property
    def bbox(self) -> list[float]:
        """[x0, top, x1, bottom] on the page as printed (before any deskew)."""
        ws = [getattr(w, "original", None) or w for w in self.words]
        return [
            round(min(w.x0 for w in ws), 2),
            round(min(w.top for w in ws), 2),
            round(max(w.x1 for w in ws), 2),
            round(max(w.bottom for w in ws), 2),
        ]

    @property
    def confidence(self) -> float:
        ocr = min((float(w.confidence) for w in self.words), default=1.0)
        return round(max(0.0, min(1.0, ocr * self.certainty)), 4)

    def as_field(self, value: Any = None) -> dict:
        """A contract Field."""
        return {
            "value": self.value if value is None else value,
            "confidence": self.confidence,
            "page": self.page,
            "bbox": self.bbox,
            "raw": self.raw,
        }


def field_value(value: Any, found: Found | None = None, *, confidence: float = 1.0) -> dict:
    """A Field for a value that was computed rather than read (no box unless ``found`` is given)."""
    if found is not None:
        return found.as_field(value)
    return {"value": value, "confidence": round(confidence, 4), "page": None, "bbox": None, "raw": None}


def apply_parser(parser: Parser, words: list[Any], page: int, certainty: float, prefix: str = "") -> Found | None:
    """Run ``parser`` over the words joined by spaces; keep only the words the match used."""
    if not words and not prefix:
        return None
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    if prefix:
        parts.append(prefix)
        pos = len(prefix) + 1
    for w in words:
        # a table's ruling line read by OCR sticks to the word as "|" or a bracket
        clean = w.text.strip("|[]{}") or w.text
        spans.append((pos, pos + len(clean)))
        parts.append(clean)
        pos += len(clean) + 1
    text = " ".join(parts)
    parsed = parser(text)
    if parsed is None:
        return None
    value, (s, e) = parsed
    used = [w for w, (a, b) in zip(words, spans, strict=True) if a < e and b > s]
    if not used:
        used = words[:1]
    if not used:
        return None
    return Found(value=value, page=page, words=used, raw=text[s:e].strip(), certainty=certainty)


def words_right_of(layout: PageLayout, hit: LabelHit, blocked: set[tuple[int, int]]) -> list[Any]:
    """Words after the label on its line, up to the next label or a wide gap."""
    line = layout.lines[hit.line]
    out: list[Any] = []
    prev_x1 = hit.x1
    gap_limit = max(6.0 * line.height, 0.18 * layout.width)
    for k in range(hit.end + 1, len(line.words)):
        if (hit.line, k) in blocked:
            break
        w = line.words[k]
        if not norm(w.text) and not out:
            prev_x1 = w.x1
            continue
        limit = gap_limit if not out else 2.5 * line.height
        if w.x0 - prev_x1 > limit:
            break
        out.append(w)
        prev_x1 = w.x1
    return out


def words_below(
    layout: PageLayout, hit: LabelHit, blocked: set[tuple[int, int]], right_edge: float, depth: int
) -> list[list[Any]]:
    """Words in the lines under the label, inside its column (its x0 to the next label on its line)."""
    label_line = layout.lines[hit.line]
    out: list[list[Any]] = []
    for li in range(hit.line + 1, min(len(layout.lines), hit.line + 1 + depth)):
        line = layout.lines[li]
        if line.top - label_line.bottom > 3.2 * label_line.height * (li - hit.line):
            break
        chosen: list[Any] = []
        for k, w in enumerate(line.words):
            centre = (w.x0 + w.x1) / 2
            height = label_line.height
            if not (hit.x0 - 1.5 * height <= centre < right_edge):
                continue
            if (li, k) in blocked:
                if chosen:
                    break
                return out  # a label stands under this one: its value is elsewhere
            chosen.append(w)
        if chosen:
            out.append(chosen)
            break
        if any((li, k) in blocked for k in range(len(line.words))):
            # another label row sits between: the value is not below
            break
    return out


def column_below(
    layout: PageLayout, hit: LabelHit, edge: float, *, skip: Sequence[str] = (), first_only: bool = True
) -> list[list[Any]]:
    """Values listed under a column header (a small table of invoices, orders or seals): for each line below
    the label, the words between the label's x0 and ``edge``, down to the first line with none or whose
    first word holds no digit. Lines starting with a ``skip`` word are passed over; ``first_only`` keeps
    just the first word of each line (the identifier)."""
    out: list[list[Any]] = []
    for li in range(hit.line + 1, len(layout.lines)):
        words = [w for w in layout.lines[li].words if w.x0 >= hit.x0 - 2 and (w.x0 + w.x1) / 2 < edge]
        if not words:
            break
        first = norm(words[0].text)
        if any(first.startswith(norm(prefix)) for prefix in skip):
            continue
        if not any(ch.isdigit() for ch in first):
            break
        out.append(words[:1] if first_only else words)
    return out


def find_value(
    layouts_: Sequence[PageLayout],
    hits: Sequence[LabelHit],
    key: str,
    parser: Parser,
    *,
    prefer: str = "right",
    depth: int = 2,
) -> Found | None:
    """The value of the field ``key``: the first label hit whose neighbour parses.

    ``hits`` are all label hits of the family on these pages (so that a value stops at the next label).
    ``prefer`` says whether to try the text right of the label first ("right") or the box below ("below").
    """
    by_page = {lay.number: lay for lay in layouts_}
    blocked_by_page: dict[int, set[tuple[int, int]]] = {}
    for h in hits:
        blocked_by_page.setdefault(h.page, set()).update((h.line, k) for k in range(h.start, h.end + 1))
    for hit in hits:
        if hit.key != key:
            continue
        layout = by_page[hit.page]
        blocked = blocked_by_page[hit.page]
        if hit.rest:
            found = apply_parser(parser, [], hit.page, 0.95, prefix=hit.rest)
            if found is not None:
                line = layout.lines[hit.line]
                found.words = [line.words[hit.end]]
                return found
        same_line_next = [h.x0 for h in hits if h.page == hit.page and h.line == hit.line and h.x0 > hit.x1]
        right_edge = min(same_line_next, default=layout.width)
        order = ("right", "below") if prefer == "right" else ("below", "right")
        for where in order:
            if where == "right":
                words = words_right_of(layout, hit, blocked)
                found = apply_parser(parser, words, hit.page, 0.97)
            else:
                found = None
                for words in words_below(layout, hit, blocked, right_edge, depth):
                    found = apply_parser(parser, words, hit.page, 0.95)
                    if found is not None:
                        break
            if found is not None:
                return found
    return None


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
        band = [hits]
        last = li
        # further header rows: right under, made of column labels and nothing that looks like a record
        for lj in range(li + 1, min(len(lines), li + 5)):
            more = labelled.get(lj)
            if not more:
                break
            covered = sum(h.end - h.start + 1 for h in more)
            words = [w for w in lines[lj].words if norm(w.text)]
            if covered < max(1, int(0.6 * len(words))):
                break
            if lines[lj].top - lines[last].bottom > 2.5 * lines[last].height:
                break
            band.append(more)
            last = lj
        columns = _columns(band, layout.width, rules)
        if any(c.key == spec.anchor for c in columns):
            bands.append((li, last, columns))
        li = last + 1
    return bands


def _columns(band: list[list[LabelHit]], width: float, rules: Sequence[float] = ()) -> list[Column]:
    columns: list[Column] = []
    seen: set[str] = set()
    for row, hits in enumerate(band):
        row_cols = []
        for h in sorted(hits, key=lambda h: h.x0):
            if h.key in seen:
                continue
            seen.add(h.key)
            row_cols.append(Column(h.key, row, h.x0, h.x1))
        for i, col in enumerate(row_cols):
            prev = row_cols[i - 1] if i else None
            nxt = row_cols[i + 1] if i + 1 < len(row_cols) else None
            col.left = _border(prev.x1, col.x0, rules) if prev else 0.0
            col.right = _border(col.x1, nxt.x0, rules) if nxt else width
        columns.extend(row_cols)
    return columns


def _border(left_x1: float, right_x0: float, rules: Sequence[float]) -> float:
    """Where one column ends and the next begins: a ruling line between them, else the midpoint."""
    between = [r for r in rules if left_x1 - 1 <= r <= right_x0 + 1]
    if between:
        return between[len(between) // 2]
    return (left_x1 + right_x0) / 2


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
    line: Line, columns: list[Column], spec: TableSpec, row: int, min_passed: int = 1
) -> dict[str, list[Any]] | None:
    """The line's words by column of header row ``row`` when the line fits that row, else None.

    A line fits a row when its words sit in typed columns that accept them, with at most one rejection
    among at least three acceptances (a value OCR misread); untyped and free-text columns take anything.
    """
    cols = [c for c in columns if c.row == row]
    assigned = _assign([w for w in line.words if norm(w.text)], cols)
    passed = failed = 0
    for key, ws in assigned.items():
        test = spec.row_types.get(key)
        if test is None:
            continue
        if test(" ".join(w.text for w in ws)):
            passed += 1
        else:
            failed += 1
    if passed >= min_passed and (failed == 0 or (failed == 1 and passed >= 3)):
        return assigned
    return None


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
    stop = _compile_labels({"stop": spec.stop}).pairs if spec.stop else []
    for layout in layouts_:
        fixed_rules = rules.get(layout.number, ()) if isinstance(rules, dict) else ()
        bands = _header_bands(layout, spec, fixed_rules)
        if not bands:
            continue
        header_lines = {li for first, last, _ in bands for li in range(first, last + 1)}
        if consumed is not None:
            consumed.update((layout.number, li) for li in header_lines)
        current: Record | None = records[-1] if records else None
        current_row = 0
        for bi, (_first, last, columns) in enumerate(bands):
            end = bands[bi + 1][0] if bi + 1 < len(bands) else len(layout.lines)
            end = _table_end(layout, last + 1, end, stop)
            if not fixed_rules:
                page_rules = _lazy_rules(rules, layout.number) if callable(rules) else None
                _fit_borders(columns, [layout.lines[li] for li in range(last + 1, end)], layout.width, page_rules)
            n_rows = 1 + max(c.row for c in columns)
            row0 = [c for c in columns if c.row == 0]
            for li in range(last + 1, end):
                if li in header_lines:
                    continue
                line = layout.lines[li]
                if stop and _line_has(line, stop):
                    break
                assigned0 = _assign([w for w in line.words if norm(w.text)], row0)
                anchor_words = assigned0.get(spec.anchor, [])
                anchor_text = " ".join(w.text for w in anchor_words)
                if anchor_words and spec.anchor_test(anchor_text) and _first_word_is(line, anchor_words[0]):
                    current = Record(page=layout.number)
                    current_row = 0
                    records.append(current)
                    _merge(current, assigned0, layout.number)
                    if consumed is not None:
                        consumed.add((layout.number, li))
                    continue
                if current is None:
                    continue
                if n_rows == 1 or current_row > 0:
                    # a line that reads as the first row of a record whose anchor OCR lost starts a record
                    first_row = _row_fit(line, columns, spec, 0, min_passed=3)
                    if first_row is not None and spec.anchor not in first_row:
                        current = Record(page=layout.number)
                        current_row = 0
                        records.append(current)
                        _merge(current, first_row, layout.number)
                        if consumed is not None:
                            consumed.add((layout.number, li))
                        continue
                chosen: dict[str, list[Any]] | None = None
                for row in range(current_row + 1, n_rows):
                    chosen = _row_fit(line, columns, spec, row)
                    if chosen is not None:
                        current_row = row
                        break
                if chosen is None:
                    if not spec.free_text:
                        continue
                    chosen = {spec.free_text: [w for w in line.words if norm(w.text)]}
                if consumed is not None:
                    consumed.add((layout.number, li))
                _merge(current, chosen, layout.number)
    return records


def _table_end(layout: PageLayout, start: int, end: int, stop: list[tuple[str, str]]) -> int:
    """The first line at or after ``start`` that holds a stop label (or ``end``)."""
    for li in range(start, end):
        if stop and _line_has(layout.lines[li], stop):
            return li
    return end


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
    columns: list[Column], lines: list[Line], width: float, rules: Callable[[], Sequence[float]] | None = None
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


def _line_has(line: Line, compiled: list[tuple[str, str]]) -> bool:
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


def median_line_height(layout: PageLayout) -> float:
    """Typical text height on the page (points)."""
    heights = [ln.height for ln in layout.lines]
    return statistics.median(heights) if heights else 10.0


_SPACE_RE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Single spaces, trimmed."""
    return _SPACE_RE.sub(" ", text).strip()


# ----------------------------------------------------------------------------------------------------
# Parsers of printed values. Each takes the text beside a label (or in a cell) and returns the normalised
# value with the character span it used, or None. They forgive what OCR does to digits (O for 0, l for 1).

_DIGITISH = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "l": "1",
        "I": "1",
        "S": "5",
        "B": "8",
        "Z": "2",
        "g": "9",
    }
)
_TOKEN_RE = re.compile(r"\S+")


def ocr_digits(text: str) -> str:
    """Fix letters OCR put for digits inside tokens that are mostly digits (same length as the input)."""

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        digits = sum(ch.isdigit() for ch in token)
        letters = sum(ch.isalpha() for ch in token)
        if digits and letters <= 2 and digits >= 0.5 * (digits + letters):
            return token.translate(_DIGITISH)
        return token

    return _TOKEN_RE.sub(fix, text)


_NUMBER_RE = re.compile(r"(?<![\w.])-?\$?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w])")


def parse_number(text: str) -> tuple[float, tuple[int, int]] | None:
    """The first number (``1,234,567.89``; a comma is a thousands separator, as pedimentos print them)."""
    fixed = ocr_digits(text)
    if fixed.strip() in ("o", "O"):  # a lone zero OCR read as a letter
        return 0.0, (fixed.index(fixed.strip()), fixed.index(fixed.strip()) + 1)
    match = _NUMBER_RE.search(fixed)
    if match is None:
        return None
    digits = match.group(1).replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    if fixed[match.start() : match.start() + 1] == "-":
        value = -value
    return value, match.span()


def parse_int(text: str) -> tuple[int, tuple[int, int]] | None:
    """The first whole number."""
    parsed = parse_number(text)
    if parsed is None or parsed[0] != int(parsed[0]):
        return None
    return int(parsed[0]), parsed[1]


def parse_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date, as ``YYYY-MM-DD`` (day first when ambiguous, as Mexican documents print)."""
    hits = sorted(recognisers.dates(text), key=lambda h: h.start)
    if not hits:
        hits = sorted(recognisers.dates(ocr_digits(text)), key=lambda h: h.start)
    if not hits:
        return None
    return hits[0].value, (hits[0].start, hits[0].end)


def date_parser(month_first: bool) -> Parser:
    """A date parser for documents that print month first (US forms) or day first (Mexican ones)."""

    def parse(text: str) -> tuple[str, tuple[int, int]] | None:
        for source in (text, ocr_digits(text)):
            hits = sorted(recognisers.dates(source), key=lambda h: h.start)
            if hits:
                hit = hits[0]
                value = hit.value
                if month_first and hit.details.get("ambiguous"):
                    year, month, day = value.split("-")
                    value = f"{year}-{day}-{month}"
                return value, (hit.start, hit.end)
        return None

    return parse


_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")


def month_first_dates(text: str, default: bool = False) -> bool:
    """Whether the document's numeric dates are month first: a date whose first part is over 12 says day
    first, one whose second part is over 12 says month first; without either, ``default``."""
    day_first = month_first = 0
    for match in _NUMERIC_DATE_RE.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
    if day_first == month_first:
        return default
    return month_first > day_first


_COMPANY_FIXES = [
    (re.compile(r"\bDER\.\s?L\.", re.I), "DE R.L."),
    (re.compile(r"\bDEC\.\s?V\.", re.I), "DE C.V."),
    (re.compile(r"\bS\.A\.DE\b", re.I), "S.A. DE"),
    (re.compile(r"\bS\.\s?DE\s?R\.\s?L\.", re.I), "S. DE R.L."),
]


def tidy_company(name: str) -> str:
    """A Mexican company name with the spaces OCR dropped from its legal form put back
    ("S. DER.L. DEC.V." → "S. DE R.L. DE C.V.")."""
    for pattern, replacement in _COMPANY_FIXES:
        name = pattern.sub(replacement, name)
    return name


def parse_name(text: str) -> tuple[str, tuple[int, int]] | None:
    """A person's or company's name (the text, with the legal form tidied)."""
    parsed = parse_text(text)
    if parsed is None:
        return None
    return tidy_company(parsed[0]), parsed[1]


def parse_text(text: str) -> tuple[str, tuple[int, int]] | None:
    """The whole text, spaces squashed."""
    stripped = text.strip().lstrip(":.-").rstrip(":-,;").strip()
    if not norm(stripped):
        return None
    start = text.find(stripped)
    return squash(stripped), (start, start + len(stripped))


def parse_regex(pattern: str, *, digits: bool = False, group: int = 0, compact: bool = True) -> Parser:
    """A parser that takes the first match of ``pattern`` (after OCR digit fixes when ``digits``); with
    ``compact`` the spaces, dots and dashes are dropped from the value (codes), else it is kept as printed."""
    compiled = re.compile(pattern)

    def parse(text: str) -> tuple[str, tuple[int, int]] | None:
        source = ocr_digits(text) if digits else text
        match = compiled.search(source.upper())
        if match is None:
            return None
        value = match.group(group)
        return (re.sub(r"[\s.\-]", "", value) if compact else value), match.span(group)

    return parse


def parse_choice(choices: dict[str, str]) -> Parser:
    """One of a fixed set of words (normalised word → value), e.g. {"IMP": "IMP", "IMPORTACION": "IMP"}."""

    def parse(text: str) -> tuple[str, tuple[int, int]] | None:
        for match in _TOKEN_RE.finditer(text):
            key = norm(match.group(0))
            if key in choices:
                return choices[key], match.span()
        return None

    return parse


def parse_country(text: str) -> tuple[str, tuple[int, int]] | None:
    """A country printed as a 3-letter code or a name, as ISO 3166-1 alpha-3."""
    for match in _TOKEN_RE.finditer(text):
        token = match.group(0).strip(" .,:;\"'`“”‘’")
        code = country_code(token)
        if code is None and re.fullmatch(r"[A-Z]{3}", token):
            code = token
        if code is not None:
            return code, match.span()
    whole = country_code(text)
    if whole is not None:
        return whole, (0, len(text))
    return None


def parse_pedimento(text: str) -> tuple[str, tuple[int, int]] | None:
    """A pedimento number printed with one or two spaces, dashes or nothing between its groups."""
    fixed = ocr_digits(text)
    for hit in recognisers.pedimentos(fixed):
        return hit.value, (hit.start, hit.end)
    match = re.search(r"(?<!\d)(\d{2})[\s\-]{0,3}(\d{2})[\s\-]{0,3}(\d{4})[\s\-]{0,3}(\d{7})(?!\d)", fixed)
    if match is None:
        return None
    return "".join(match.groups()), match.span()


_TO_LETTER = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"})
_TO_DIGIT = str.maketrans({"O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"})


def parse_rfc(text: str) -> tuple[str, tuple[int, int]] | None:
    """An RFC (12 or 13 characters), upper case without separators; letters and digits OCR swapped are put
    back where the RFC's layout says they go (letters first, then the six digits of the date)."""
    upper = text.upper()
    for hit in recognisers.rfcs(upper):
        return hit.value, (hit.start, hit.end)
    for match in re.finditer(r"[A-Z0-9&Ñ]{12,13}", upper):
        token = match.group(0)
        head = 3 if len(token) == 12 else 4
        fixed = token[:head].translate(_TO_LETTER) + token[head : head + 6].translate(_TO_DIGIT) + token[head + 6 :]
        for hit in recognisers.rfcs(fixed):
            return hit.value, match.span()
    return None
