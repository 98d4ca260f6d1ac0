"""Captions printed in two scripts: a Chinese (or Japanese, Korean) caption set before its English wording,
``托运人 Shipper``, ``目的地 / Place of Delivery``, ``船名 航次 Ocean Vessel Voy. No.``. The two are one label, so
the ideographs are caption, never a value: a word of ideographs set right before a Latin word on the same line
(a word's space or a slash between them, or glued to it, ``收货人Consignee``) is taken off the page before the
labels are looked for, and the English caption is what the readers see. Ideographs that stand alone (a
company's name in its own script, a stamp) stay."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

# the CJK ideographs, kana, hangul and full-width punctuation a caption is set in
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uff0f\uff1a-\uff20"
_CJK_WORD = re.compile(f"[{_CJK}]+")
_GLUED = re.compile(f"^([{_CJK}]+)\\s*/?\\s*([A-Za-z].*)$")
_LATIN = re.compile(r"[A-Za-z]")

# the widest gap (in type heights) between the ideographs and the English wording of one caption
CAPTION_GAP = 1.5


def _is_cjk(text: str) -> bool:
    return bool(_CJK_WORD.fullmatch(text))


def latin_captions(words: list[Any]) -> list[Any]:
    """The page's words less the ideographs of bilingual captions; a word glued from both (``提单号B/L``) keeps its
    Latin part. The Latin word's box starts where the caption starts, so that it stays over the box's values."""
    out: list[Any] = []
    ordered = sorted(range(len(words)), key=lambda i: (round(words[i].top), words[i].x0))
    drop: set[int] = set()
    starts: dict[int, float] = {}  # the Latin word's box begins where its caption's ideographs begin
    for pos, i in enumerate(ordered):
        word = words[i]
        if not _is_cjk(word.text) or i in drop:
            continue
        height = max(1.0, word.bottom - word.top)
        # the words after it on the line: more ideographs or a slash, then a Latin word close by
        right, chain = word.x1, [i]
        for j in ordered[pos + 1 :]:
            nxt = words[j]
            if abs(nxt.top - word.top) > 0.5 * height or nxt.x0 - right > CAPTION_GAP * height:
                break
            if _is_cjk(nxt.text) or nxt.text == "/":
                right = nxt.x1
                chain.append(j)
                continue
            if _LATIN.match(nxt.text) or _GLUED.match(nxt.text):
                drop.update(chain)
                starts[j] = min(starts.get(j, word.x0), word.x0)
            break
    for i, word in enumerate(words):
        if i in drop:
            continue
        glued = _GLUED.match(word.text)
        text = glued.group(2) if glued and _is_cjk(glued.group(1)) else word.text
        x0 = starts.get(i, word.x0)
        out.append(dataclasses.replace(word, text=text, x0=x0) if (text, x0) != (word.text, word.x0) else word)
    return out


def without_cjk_captions(pages: list[Any]) -> list[Any]:
    """Every page with ``latin_captions`` applied (pages without ideographs as they are)."""
    out = []
    for page in pages:
        if any(_CJK_WORD.search(w.text) for w in page.words):
            page = dataclasses.replace(page, words=latin_captions(list(page.words)))
        out.append(page)
    return out
