"""Labels found on a page however they are printed, and the values beside or below them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractors.layout.lines import Line, PageLayout, _close, norm
from extractors.layout.values import Parser

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
                glued = _glued_figure(acc, raw, label) if not fuzzy else None
                if glued:
                    return key, j, glued
                head, _, tail = raw.partition("/")
                if tail and tail.isalpha() and len(tail) <= 3 and same(acc + norm(head), label):
                    # a header label broken at its slash, the rest printed under it ("SUBD./N" over "ICO")
                    return key, j, ""
                break
            if not label.startswith(candidate) and not (fuzzy and _close(candidate, label[: len(candidate)])):
                break
            acc = candidate
    return None


def _glued_figure(acc: str, raw: str, label: str) -> str | None:
    """The figure a printout ran into its label without a colon or a space ("PRESENTACION16/11/2024"): the
    word's rest when its letters before the first digit complete the label (labels of four or more letters)."""
    cut = next((k for k, ch in enumerate(raw) if ch.isdigit()), None)
    if not cut or len(label) < 4 or not raw[:cut].rstrip(".").isalpha() or acc + norm(raw[:cut]) != label:
        return None  # letters only before the figure: "invoice_number_1" is a value, not a label and a 1
    return raw[cut:]


# ----------------------------------------------------------------------------------------------------
# Values next to labels


@dataclass
class Found:
    """A value read from the page, with where it stood."""

    value: Any
    page: int
    words: list[Any]
    raw: str
    certainty: float
    # the value alone between its label and the row's next label (``Total      0.00``), nothing else read with it
    alone: bool = False

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


# the widest space between two words of one text, in text heights (a column's gutter is several times wider)
WORD_SPACE = 0.6


def words_below(
    layout: PageLayout, hit: LabelHit, blocked: set[tuple[int, int]], right_edge: float, depth: int
) -> list[list[Any]]:
    """Words in the lines under the label, inside its column (its x0 to the next label on its line)."""
    label_line = layout.lines[hit.line]
    out: list[list[Any]] = []
    # a label with another label left of it on its line (a row of ruled cells) owns no word that ends before
    # it begins: that word is centred under the cell to the left
    boxed = any(k < hit.start and (hit.line, k) in blocked for k in range(len(label_line.words)))
    for li in range(hit.line + 1, min(len(layout.lines), hit.line + 1 + depth)):
        line = layout.lines[li]
        if line.top - label_line.bottom > 3.2 * label_line.height * (li - hit.line):
            break
        chosen: list[Any] = []
        height = label_line.height
        foreign = _runs_in(line, hit, blocked, li, hit.x0 - 1.5 * height)
        for k, w in enumerate(line.words):
            centre = (w.x0 + w.x1) / 2
            label = (li, k) in blocked
            if id(w) in foreign:
                continue
            if not (hit.x0 - 1.5 * height <= centre < right_edge) or (boxed and w.x1 <= hit.x0):
                continue
            if label:
                if chosen:
                    break
                return out  # a label stands under this one: its value is elsewhere
            chosen.append(w)
        if chosen and _beside(layout, hit, chosen, li, depth, blocked):
            continue
        if chosen:
            out.append(chosen)
            break
        if any((li, k) in blocked for k in range(len(line.words))):
            # another label row sits between: the value is not below
            break
    return out


def _runs_in(line: Line, hit: LabelHit, blocked: set[tuple[int, int]], li: int, left: float) -> set[int]:
    """The ids of the words of a text under a label that runs in from the left of the label's column and is not
    centred under the label (an address printed beside its own label on the line under, ``domicilio  Av.
    Industrial 1200, …``): that text is the other cell's, every word of it. Only a text with a label of its own
    before it on its line is another cell's: a value run under two captions (``Ocean Vessel   Voy. No.`` over
    ``EVER GIVEN 128E``) is theirs. A text centred under the label, though
    wider than it (``USD 1,234.00`` under ``Total``), stays the label's."""
    phrases: list[list[Any]] = []
    previous: Any = None
    for k, w in enumerate(line.words):
        if (li, k) in blocked or not norm(w.text):
            previous = None
            continue
        if previous is not None and w.x0 - previous.x1 < WORD_SPACE * max(1.0, w.bottom - w.top):
            phrases[-1].append(w)
        else:
            phrases.append([w])
        previous = w
    out: set[int] = set()
    labels_x1 = [w.x1 for k, w in enumerate(line.words) if (li, k) in blocked]
    for phrase in phrases:
        start, end = phrase[0], phrase[-1]
        middle = (start.x0 + end.x1) / 2
        if not any(x1 <= start.x0 for x1 in labels_x1):
            continue  # no label of its own on its line: a value run across two captions above stays theirs
        if (start.x0 + start.x1) / 2 < left < end.x1 and not hit.x0 <= middle <= hit.x1:
            out.update(id(w) for w in phrase)
    return out


def _beside(
    layout: PageLayout, hit: LabelHit, chosen: list[Any], li: int, depth: int, blocked: set[tuple[int, int]]
) -> bool:
    """Words that start past the label's end, across a gutter, while the next line starts under the label: the
    text of the box beside (a stamp's lines, set a little higher than the value), not the label's value. A label
    with another label after it on its line heads a cell that ends where the next begins, and a figure set to the
    right of that cell (``VALOR DOLARES:`` over ``3,118.28``) is still its value."""
    label_line = layout.lines[hit.line]
    if any((hit.line, k) in blocked for k in range(hit.end + 1, len(label_line.words))):
        return False
    height = label_line.height
    if chosen[0].x0 <= hit.x1 + GUTTER_BELOW * height or li + 1 >= min(len(layout.lines), hit.line + 1 + depth):
        return False
    following = layout.lines[li + 1]
    if following.top - layout.lines[li].bottom > 2 * height:
        return False
    return any(abs(w.x0 - hit.x0) <= 1.5 * height for w in following.words)


# how many of the label's type heights past its end a word stands across a gutter
GUTTER_BELOW = 3.0


def column_below(
    layout: PageLayout,
    hit: LabelHit,
    edge: float,
    *,
    skip: Sequence[str] = (),
    first_only: bool = True,
    centred: bool = False,
) -> list[list[Any]]:
    """Values listed under a column header (a small table of invoices, orders or seals): for each line below
    the label, the words between the label's x0 and ``edge``, down to the first line with none or whose
    first word holds no digit. Lines starting with a ``skip`` word are passed over; ``first_only`` keeps
    just the first word of each line (the identifier). With ``centred``, a word centred under the label is the
    column's too, though wider than the label it starts left of it (a ruled grid centres every cell)."""
    out: list[list[Any]] = []
    for li in range(hit.line + 1, len(layout.lines)):
        words = [
            w
            for w in layout.lines[li].words
            if (w.x0 >= hit.x0 - 2 or centred and hit.x0 <= (w.x0 + w.x1) / 2 <= hit.x1) and (w.x0 + w.x1) / 2 < edge
        ]
        if not words:
            break
        first = norm(words[0].text)
        if any(first.startswith(norm(prefix)) for prefix in skip):
            continue
        if not any(ch.isdigit() for ch in first):
            break
        out.append(words[:1] if first_only else words)
    return out


def _glued_value(layout: PageLayout, hit: LabelHit, blocked: set[tuple[int, int]], parser: Parser) -> Found | None:
    """A value that starts glued to its label inside one word ("T.OPER:IMP", "SOCIAL:TECNOLOGIA AUTOMOTRIZ"):
    the glued rest and the words after it, as far as the parser takes them."""
    glued = layout.lines[hit.line].words[hit.end]
    after = words_right_of(layout, hit, blocked)
    text = hit.rest
    spans = []
    for w in after:
        spans.append((len(text) + 1, len(text) + 1 + len(w.text)))
        text += " " + w.text
    parsed = parser(text)
    if parsed is None or parsed[1][0] >= len(hit.rest):
        return None
    value, (s, e) = parsed
    used = [glued] + [w for w, (a, b) in zip(after, spans, strict=True) if a < e and b > s]
    return Found(value=value, page=hit.page, words=used, raw=text[s:e].strip(), certainty=0.95)


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
            found = _glued_value(layout, hit, blocked, parser)
            if found is not None:
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
