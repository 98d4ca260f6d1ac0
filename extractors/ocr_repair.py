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
from typing import TYPE_CHECKING, Any

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
# A speck read as a dot between a code or figure and the word printed after it ("PN-11882.Circuito"): a code's
# or a number's parts never run on into a capitalised word after a dot.
_DIGIT_DOT_WORD_RE = re.compile(r"(\S*\d)\.([A-ZÁÉÍÓÚÑÄÖÜ][^\W\d_]{2,})")
# A one-letter word ("a", "y", "o") whose narrow space before a figure OCR lost ("a0.2 mm"): codes and versions are
# written in capitals or with more letters, and a lone lowercase vowel never starts one.
_GLUED_LETTER_RE = re.compile(r"([aoy])(\d+[.,]\d+)")
# An abbreviated word's initial and its dot run into the word printed after a narrow space ("C.unidad",
# "V.unitario"): a single capital, its dot, then a word in lowercase letters. Abbreviations that are all initials
# ("S.A.", "R.L.") have no such word after the dot.
_INITIAL_WORD_RE = re.compile(r"([A-ZÁÉÍÓÚÑ]\.)([A-ZÁÉÍÓÚÑ]?[a-záéíóúñü]{3,})")
# Web and mail addresses are written with a dot between letter runs: their last part is left alone.
# A narrow space between digit groups (the French and SI thousands separator) read as a colon: "65:634,41".
# Three digits after a colon are never a time of day.
_COLON_GROUP_RE = re.compile(r"(\d{1,3})[:;](\d{3}(?:[.,]\d{1,6})?)")
# The least confidence the two parts of a split word keep ("of" from "Port.of" read at 0.32 is no speck).
SPLIT_CONFIDENCE = 0.5
_ADDRESS_ENDS = frozenset({"COM", "NET", "ORG", "MX", "EDU", "GOB", "GOV", "IO", "CO", "INFO", "BIZ"})


def drop_specks(words: list[OcrWord]) -> list[OcrWord]:
    """``words`` without the marks specks of noise add to words: a mark glued to the front of a word is dropped,
    and a dot between two runs of letters ("DE.MONTAJE") or between a code and a capitalised word
    ("PN-11882.Circuito"), or a colon between digit groups ("65:634,41"), becomes the space it stands for (the word
    is split, its box shared out by characters); so does the space a lone "a", "o" or "y" lost before a figure
    ("a0.2"), and the space after an initial's dot before a word ("C.unidad" is "C." and "unidad")."""
    out: list[OcrWord] = []
    for word in words:
        text = _LEADING_SPECK_RE.sub("", word.text, count=1) if _LEADING_SPECK_RE.match(word.text) else word.text
        if text != word.text:
            cut = (word.right - word.left) * (len(word.text) - len(text)) // max(len(word.text), 1)
            word = replace(word, text=text, left=word.left + cut)
        pair = (
            _DOTTED_PAIR_RE.fullmatch(word.text)
            or _COLON_GROUP_RE.fullmatch(word.text)
            or _DIGIT_DOT_WORD_RE.fullmatch(word.text)
            or _GLUED_LETTER_RE.fullmatch(word.text)
            or _INITIAL_WORD_RE.fullmatch(word.text)
        )
        if pair is None or pair.group(2).upper() in _ADDRESS_ENDS:
            out.append(word)
            continue
        share = (word.right - word.left) / max(len(word.text), 1)
        first_right = word.left + round(share * len(pair.group(1)))
        second_left = word.left + round(share * (len(word.text) - len(pair.group(2))))
        # tesseract's doubt was about the mark that is gone: the parts are not specks themselves
        confidence = max(word.confidence, SPLIT_CONFIDENCE)
        out.append(replace(word, text=pair.group(1), right=first_right, confidence=confidence))
        out.append(replace(word, text=pair.group(2), left=second_left, confidence=confidence))
    return out


# Letters and marks OCR puts for a row's number: "i", "l", "|" for 1, "y" for 7 and so on. Any short token will do
# when the rows above and below say which number stands there; a first row, with no row above, needs a 1-like one.
_ONE_LIKE = frozenset({"i", "l", "I", "|", "!", "]", "[", "j", "1."})
_ROW_NUMBER_RE = re.compile(r"(\d{1,3})\.?")


def number_rows(words: list[Any]) -> list[Any]:
    """``words`` (of one page, boxes in points) with the numbers of numbered rows OCR misread put back.

    Tables and lists number their rows 1, 2, 3 down a column; when the first word of a line stands in that column
    (its box overlaps the numbers' boxes across) and is not a number, while the nearest numbered lines above and
    below in the column are n-1 and n+1, it is n ("y" between 6 and 8 is 7). A first row ("i" above a 2) is 1 when
    OCR read a 1-like mark. Words keep their boxes; only their text changes.
    """
    from extractors.layout.lines import group_lines

    lines = group_lines(words)
    firsts = [line.words[0] for line in lines]
    numbered = [(i, int(m.group(1))) for i, w in enumerate(firsts) if (m := _ROW_NUMBER_RE.fullmatch(w.text))]
    fixes: dict[int, str] = {}
    for i, word in enumerate(firsts):
        if len(word.text) > 2 or _ROW_NUMBER_RE.fullmatch(word.text):
            continue
        column = [(j, n) for j, n in numbered if _same_column(firsts[j], word)]
        above = [n for j, n in column if j < i]
        below = [n for j, n in column if j > i]
        if not below:
            continue
        if above and above[-1] + 2 == below[0] or not above and below[0] == 2 and word.text in _ONE_LIKE:
            fixes[id(word)] = str(below[0] - 1)
    if not fixes:
        return words
    return [replace(w, text=fixes[id(w)]) if id(w) in fixes else w for w in words]


def _same_column(a: Any, b: Any) -> bool:
    """Two words stacked in one column: their boxes overlap across, or start or end within a character."""
    char = max(b.bottom - b.top, 1.0) * 0.6
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return overlap > 0 or abs(a.x0 - b.x0) <= char or abs(a.x1 - b.x1) <= char


def untangle_boxes(words: list[OcrWord]) -> list[OcrWord]:
    """``words`` (tesseract's order) with a box that runs over the next word of its line cut back to where that
    word starts: tesseract sometimes stretches a word's box across the words after it ("Origine" spanning
    "/ Origin"), and words printed one after another never overlap."""
    out: list[OcrWord] = []
    for word in words:
        if out and out[-1].line == word.line and out[-1].left < word.left < out[-1].right and _level(out[-1], word):
            out[-1] = replace(out[-1], right=word.left - 1)
        out.append(word)
    return out


def _level(a: OcrWord, b: OcrWord) -> bool:
    """Two words on one printed line: their boxes share half the smaller height or more."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)


# Characters OCR puts for a digit in an RFC's date and check digit, and for a letter or digit in its homoclave (an
# 8 stands for a B or an S).
_RFC_LOOK_ALIKES = {
    "O": "0", "o": "0", "D": "0", "Q": "0", "0": "O",
    "I": "1", "l": "1", "|": "1", "1": "I",
    "S": "5", "5": "S", "B": "8", "8": "BS", "Z": "2", "2": "Z", "G": "6", "6": "G",
}  # fmt: skip
# A word shaped like an RFC: 3 or 4 letters, then 9 characters (date and homoclave) OCR may have misread.
_RFC_LIKE_RE = re.compile(r"([A-ZÑ&]{3,4})([0-9A-Z|l|o]{9})([.,;:]?)")


def fix_tax_ids(words: list[OcrWord]) -> list[OcrWord]:
    """``words`` with a Mexican RFC that OCR misread in one character, or cut in two, put back.

    A word shaped like an RFC whose check digit does not agree, and which exactly one swap of look-alike characters
    (O/0, I/1, S/5, B/8, S/8, Z/2, G/6) in its date or homoclave makes valid, is that valid RFC; a word and the next one
    a hair apart on its line ("IRZ9802026Y A") that make a valid RFC together, and not apart, are one word. The
    check digit is what makes this safe: a swap that only happens to give the RFC's layout is not enough, and two
    candidates leave the word as it was read."""
    from extractors.checks import rfc_is_valid

    out: list[OcrWord] = []
    for word in words:
        if out and _cut_tax_id(out[-1], word, rfc_is_valid):
            before = out[-1]
            out[-1] = replace(
                before,
                text=before.text + word.text,
                right=max(before.right, word.right),
                top=min(before.top, word.top),
                bottom=max(before.bottom, word.bottom),
                confidence=min(before.confidence, word.confidence),
            )
            continue
        match = _RFC_LIKE_RE.fullmatch(word.text)
        if match is None or rfc_is_valid(match.group(1) + match.group(2)):
            out.append(word)
            continue
        head, tail, end = match.groups()
        found = set()
        for k, char in enumerate(tail):
            for other in _RFC_LOOK_ALIKES.get(char, ""):
                if rfc_is_valid(candidate := head + tail[:k] + other + tail[k + 1 :]):
                    found.add(candidate)
        out.append(replace(word, text=found.pop() + end) if len(found) == 1 else word)
    return out


def _cut_tax_id(before: OcrWord, after: OcrWord, valid: Any) -> bool:
    """Two words of one line, at most a word height apart, that make a valid RFC together and not apart."""
    if before.line != after.line or valid(before.text) or valid(after.text) or not valid(before.text + after.text):
        return False
    return after.left - before.right <= max(before.bottom - before.top, after.bottom - after.top)


# An amount whose thousands groups and decimals OCR wrote with the same mark ("7,910,43", "1.234.56"): the
# thousands are grouped by threes, so a last group of two digits after the same mark is the decimals, and the
# decimal mark is the other one.
_SAME_MARKS_RE = re.compile(r"([-+$(]?\d{1,3}(?:([,.])\d{3})+)([,.])(\d{2}[).,:;]?)")


def fix_decimal_marks(words: list[OcrWord]) -> list[OcrWord]:
    """``words`` with an amount whose decimal mark OCR read as its thousands separator written back
    ("7,910,43" is 7,910.43; "1.234.56" is 1.234,56)."""
    out: list[OcrWord] = []
    for word in words:
        match = _SAME_MARKS_RE.fullmatch(word.text)
        if match is not None and match.group(2) == match.group(3):
            mark = "." if match.group(2) == "," else ","
            word = replace(word, text=match.group(1) + mark + match.group(4))
        out.append(word)
    return out
