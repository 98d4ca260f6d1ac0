"""How well text was read: character and word error rates against a reference transcript.

Used by the OCR tests and benchmarks. Both texts are normalised first (Unicode NFKC, so ligatures such as "ﬁ"
count as their letters; runs of whitespace become one space) because layout is not what is being measured.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def normalize(text: str) -> str:
    """NFKC and single spaces: the form both texts are compared in."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def edit_distance(a: Sequence[T], b: Sequence[T]) -> int:
    """Levenshtein distance (insertions, deletions, substitutions each cost 1).

    Myers' bit-parallel algorithm (Hyyrö's formulation) with Python integers as bit vectors: one pass over
    ``b`` with a few big-integer operations per item, fast enough for whole pages.
    """
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    # The pattern (bits) is b, the shorter sequence; a is scanned.
    match: dict[T, int] = {}
    for i, item in enumerate(b):
        match[item] = match.get(item, 0) | (1 << i)
    m = len(b)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    plus, minus, score = mask, 0, m
    for item in a:
        eq = match.get(item, 0)
        xv = eq | minus
        xh = (((eq & plus) + plus) ^ plus) | eq
        hp = (minus | ~(xh | plus)) & mask
        hm = plus & xh
        if hp & high:
            score += 1
        elif hm & high:
            score -= 1
        hp = ((hp << 1) | 1) & mask
        hm = (hm << 1) & mask
        plus = (hm | ~(xv | hp)) & mask
        minus = hp & xv
    return score


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate: edits to turn the hypothesis into the reference, per reference character."""
    hyp, ref = normalize(hypothesis), normalize(reference)
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(hyp, ref) / len(ref)


def wer(hypothesis: str, reference: str) -> float:
    """Word error rate: word-level edits per reference word."""
    hyp, ref = normalize(hypothesis).split(), normalize(reference).split()
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(hyp, ref) / len(ref)
