"""Words into text lines and runs of words, the only geometry the layout memory needs."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from extractors.learned.values import folded

# Two words on one line further apart than this many times the line's height belong to different phrases.
PHRASE_GAP = 0.9


@dataclass
class Line:
    """The words of one printed line, left to right."""

    page: int
    words: list[Any]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class Run:
    """Consecutive words of one line: a value or a label."""

    page: int
    line: int  # index into the page's lines
    start: int  # index of the first word in the line
    words: list[Any]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> list[float]:
        return [
            min(w.x0 for w in self.words),
            min(w.top for w in self.words),
            max(w.x1 for w in self.words),
            max(w.bottom for w in self.words),
        ]


def lines_of(words: Sequence[Any], page: int) -> list[Line]:
    """Group words whose vertical middles are within half a line of each other."""
    ordered = sorted((w for w in words if w.text.strip()), key=lambda w: ((w.top + w.bottom) / 2, w.x0))
    lines: list[Line] = []
    for word in ordered:
        middle = (word.top + word.bottom) / 2
        if lines:
            last = lines[-1]
            last_middle = (last.top + last.bottom) / 2
            if abs(middle - last_middle) <= max(word.bottom - word.top, last.height) * 0.5:
                last.words.append(word)
                continue
        lines.append(Line(page, [word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def page_lines(doc_text: Any) -> dict[int, list[Line]]:
    return {page.number: lines_of(page.words, page.number) for page in doc_text.pages}


def is_gap(line: Line, left: Any, right: Any) -> bool:
    """Whether two neighbouring words of a line are separate phrases (a column gap, not a space)."""
    return bool(right.x0 - left.x1 > PHRASE_GAP * line.height)


def runs(lines: dict[int, list[Line]], max_words: int = 8) -> Iterator[Run]:
    """Every run of up to ``max_words`` words that does not cross a column gap."""
    for page, page_lines_ in lines.items():
        for index, line in enumerate(page_lines_):
            words = line.words
            for start in range(len(words)):
                for end in range(start + 1, min(len(words), start + max_words) + 1):
                    if end - start > 1 and is_gap(line, words[end - 2], words[end - 1]):
                        break
                    yield Run(page, index, start, words[start:end])


def phrase_at(line: Line, index: int, page: int, line_index: int, *, backwards: bool) -> Run:
    """The phrase (words without a column gap between them) that ends (or starts) at word ``index``."""
    words = line.words
    lo = hi = index
    if backwards:
        while lo > 0 and not is_gap(line, words[lo - 1], words[lo]):
            lo -= 1
    else:
        while hi + 1 < len(words) and not is_gap(line, words[hi], words[hi + 1]):
            hi += 1
    return Run(page, line_index, lo, words[lo : hi + 1])


def has_digit(text: str) -> bool:
    return bool(re.search(r"\d", text))


def label_key(text: str) -> str:
    """A label compared loosely: case and accents folded, spaces squashed."""
    return folded(text)


def find_label(
    lines: dict[int, list[Line]], label: str, near: list[float], page_size: tuple[float, float]
) -> Run | None:
    """The occurrence of a label (one or more words) nearest to where it stood on the learned page
    (``near`` = [page, x, y] with x, y as shares of the page)."""
    want = label.split(" ")
    want_keys = [label_key(w) for w in want]
    best: tuple[float, Run] | None = None
    width, height = page_size
    for page, page_lines_ in lines.items():
        for index, line in enumerate(page_lines_):
            keys = [label_key(w.text) for w in line.words]
            for start in range(len(keys) - len(want_keys) + 1):
                if keys[start : start + len(want_keys)] != want_keys:
                    continue
                run = Run(page, index, start, line.words[start : start + len(want_keys)])
                box = run.box
                distance = abs(box[0] / max(width, 1) - near[1]) + abs(box[1] / max(height, 1) - near[2])
                distance += 0 if page == near[0] else 1.0
                if best is None or distance < best[0]:
                    best = (distance, run)
    return best[1] if best else None
