"""Repairs of OCR words: tokens tesseract cut in two, and marks specks of noise add to words.

A printed amount is one token, but on a noisy scan tesseract sometimes cuts it at a thousands separator (the
comma's tail looks like the end of a word): ``2,651,843.38`` comes back as ``2,651`` and ``,843.38``, two words
a hair apart. The halves are put back together when the cut is right beside a separator and the gap is far
narrower than a space; two amounts printed side by side are always a space or more apart, and an amount never
starts with a separator.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.ocr import OcrWord

# The head of a cut amount: digits in groups of three after the first, maybe ending in the separator.
_HEAD_RE = re.compile(r"[-+$(]?\d{1,3}(?:[,.]\d{3})*([,.]?)")
# The tail: maybe starting with the separator, groups of three, then decimals and closing punctuation.
_TAIL_RE = re.compile(r"([,.]?)\d{3}(?:[,.]\d{3})*(?:[.,]\d{1,6})?[).,:;]?")
# The widest gap (in word heights) a cut inside one token leaves; a space is about half a height or more.
MAX_CUT_GAP = 0.4


def join_cut_amounts(words: list[OcrWord]) -> list[OcrWord]:
    """``words`` (tesseract's order) with each amount cut in two at a separator put back as one word."""
    out: list[OcrWord] = []
    for word in words:
        if out and _cut_amount(out[-1], word):
            before = out[-1]
            out[-1] = replace(
                before,
                text=before.text + word.text,
                right=max(before.right, word.right),
                top=min(before.top, word.top),
                bottom=max(before.bottom, word.bottom),
                confidence=min(before.confidence, word.confidence),
            )
        else:
            out.append(word)
    return out


def _cut_amount(before: OcrWord, after: OcrWord) -> bool:
    if before.line != after.line:
        return False
    head, tail = _HEAD_RE.fullmatch(before.text), _TAIL_RE.fullmatch(after.text)
    if head is None or tail is None or bool(head.group(1)) == bool(tail.group(1)):
        return False  # not two halves, or no separator (a space between two numbers), or two of them
    height = max(before.bottom - before.top, after.bottom - after.top, 1)
    gap = after.left - before.right
    overlap = min(before.bottom, after.bottom) - max(before.top, after.top)
    return -0.2 * height <= gap <= MAX_CUT_GAP * height and overlap >= 0.5 * height


# A speck of noise read as a mark glued to the front of a word (".ELECTRONICOS"): no printed word starts so.
_LEADING_SPECK_RE = re.compile(r"[.,'`´‘’·](?=[^\W\d_]{3})")
# A speck read as a dot between two words printed a narrow space apart ("DE.MONTAJE"): letters only on both
# sides, two or more of them each, one dot in all (abbreviations such as "S.A." have single letters).
_DOTTED_PAIR_RE = re.compile(r"([^\W\d_]{2,})\.([^\W\d_]{2,})")
# Web and mail addresses are written with a dot between letter runs: their last part is left alone.
_ADDRESS_ENDS = frozenset({"COM", "NET", "ORG", "MX", "EDU", "GOB", "GOV", "IO", "CO", "INFO", "BIZ"})


def drop_specks(words: list[OcrWord]) -> list[OcrWord]:
    """``words`` without the marks specks of noise add to words: a mark glued to the front of a word is dropped,
    and a dot between two runs of letters ("DE.MONTAJE") becomes the space it stands for (the word is split,
    its box shared out by characters)."""
    out: list[OcrWord] = []
    for word in words:
        text = _LEADING_SPECK_RE.sub("", word.text, count=1) if _LEADING_SPECK_RE.match(word.text) else word.text
        if text != word.text:
            cut = (word.right - word.left) * (len(word.text) - len(text)) // max(len(word.text), 1)
            word = replace(word, text=text, left=word.left + cut)
        pair = _DOTTED_PAIR_RE.fullmatch(word.text)
        if pair is None or pair.group(2).upper() in _ADDRESS_ENDS:
            out.append(word)
            continue
        share = (word.right - word.left) / max(len(word.text), 1)
        first_right = word.left + round(share * len(pair.group(1)))
        second_left = word.left + round(share * (len(pair.group(1)) + 1))
        out.append(replace(word, text=pair.group(1), right=first_right))
        out.append(replace(word, text=pair.group(2), left=second_left))
    return out
