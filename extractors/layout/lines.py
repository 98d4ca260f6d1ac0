"""Words into lines: grouping by baseline, a scan's skew undone, OCR debris of ruling lines cleaned off."""

from __future__ import annotations

import functools
import math
import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


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


# ----------------------------------------------------------------------------------------------------
# Text normalisation


# letters that are a base letter with a stroke, which Unicode does not decompose: Vietnamese ``Đ`` is a D
_STROKED = str.maketrans({"Đ": "D"})


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Upper case, accents removed, only letters and digits kept (how labels are compared)."""
    decomposed = unicodedata.normalize("NFKD", text.upper().translate(_STROKED))
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
                if last.x1 > word.x0 + 0.5 * height and not _same_baseline(last, word):
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


def _same_baseline(last: WordLike, word: WordLike) -> bool:
    """Whether a word that starts under the end of the line's last word still runs on its line: set on the very
    same baseline at the same size (a text too long for its column printed over the start of the next column's
    figure, ``SUPERFICIAL`` over ``18,394``), and starting past the last word's start. A word of a line above or
    below, however close, stands higher or lower."""
    height = max(1.0, word.bottom - word.top)
    return (
        word.x0 > last.x0 + 0.5 * height
        and abs(word.top - last.top) <= 0.1 * height
        and abs(word.bottom - last.bottom) <= 0.1 * height
    )


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


def median_line_height(layout: PageLayout) -> float:
    """Typical text height on the page (points)."""
    heights = [ln.height for ln in layout.lines]
    return statistics.median(heights) if heights else 10.0


_SPACE_RE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Single spaces, trimmed."""
    return _SPACE_RE.sub(" ", text).strip()
