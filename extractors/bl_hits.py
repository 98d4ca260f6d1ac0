"""Label hits on a B/L page, less the words that look like labels but are not: a label word inside a
parenthetical note or a sentence, and the note or small print a form prints after a label (so that it is not read
as the value)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from extractors.bl_labels import LABELS
from extractors.layout import PageLayout, find_labels

LABELS_APART = {key: labels for key, labels in LABELS.items() if key != "vessel_voyage"}


def labels_on(lay: PageLayout, consumed: set[tuple[int, int]]) -> list[Any]:
    """The labels of a page; "Vessel / Voyage" is one label only where a slash joins the two words or they are
    set as one caption ("Ocean Vessel Voy. No.", a word's space between them): two boxes side by side, VESSEL
    and VOYAGE NO., are two labels."""
    hits = find_labels(lay, LABELS, skip=consumed)
    for hit in hits:
        if hit.key == "vessel_voyage":
            words = lay.lines[hit.line].words[hit.start : hit.end + 1]
            if not any("/" in w.text or w.text.upper() == "AND" for w in words) and not _one_caption(
                words, lay.lines[hit.line].height
            ):
                hits = find_labels(lay, LABELS_APART, skip=consumed)
                break
    hits = [
        hit
        for hit in hits
        if not _in_parentheses(lay, hit)
        and not _in_running_text(lay, hit)
        and not (hit.key != "_other" and _possessive(lay, hit))
    ]
    hits = _bilingual(lay, hits)
    taken = {(hit.line, k) for hit in hits for k in range(hit.start, hit.end + 1)}
    return [_with_note(lay, hit, taken) for hit in hits]


def _one_caption(words: list[Any], line_height: float) -> bool:
    """Words set as one phrase: no space between two of them wider than one and a half times the type's height
    (a gutter between two boxes' captions is wider; a scan's boxes follow the glyphs, lower than the line)."""
    height = max(1.0, line_height, max(w.bottom - w.top for w in words))
    return all(b.x0 - a.x1 <= CAPTION_SPACE * height for a, b in zip(words, words[1:], strict=False))


CAPTION_SPACE = 1.5


# how many words the other language's wording of a label may take after the slash ("Ship From:", "B/L No.:")
_TRANSLATION_WORDS = 4


def _bilingual(lay: PageLayout, hits: list[Any]) -> list[Any]:
    """A label printed in two languages joined by a slash ("Transportista / Carrier:", "Remitente / Ship From:"):
    the wording after the slash, up to the colon that ends it, is the same label, not its value (and not a
    label of its own)."""
    joined: list[Any] = []
    covered: set[tuple[int, int]] = set()
    for hit in sorted(hits, key=lambda h: (h.line, h.start)):
        if (hit.line, hit.start) in covered:
            continue
        words = lay.lines[hit.line].words
        end = hit.end
        if end + 2 < len(words) and words[end + 1].text == "/" and not words[end].text.endswith(":"):
            # the translation is a label of the same field ("Remitente / Shipper", no colon): it ends there
            same = next((h for h in hits if h.line == hit.line and h.start == end + 2 and h.key == hit.key), None)
            for k in range(end + 2, min(len(words), end + 2 + _TRANSLATION_WORDS)):
                if same is not None:
                    end = same.end
                    break
                if words[k].text.endswith(":"):
                    end = k
                    break
        if end != hit.end:
            covered.update((hit.line, k) for k in range(hit.end + 1, end + 1))
            hit = dataclasses.replace(hit, end=end, x1=words[end].x1)
        joined.append(hit)
    return [h for h in joined if (h.line, h.start) not in covered]


def _with_note(lay: PageLayout, hit: Any, taken: set[tuple[int, int]]) -> Any:
    """The label with the note printed after it taken in, so that the note is not read as the value: a
    parenthetical ("Vessel (see clause 1 + 19)"), or the small print of a form whose labels are set smaller than
    the values under them ("Place of Delivery. Applicable only when document used as Multimodal Transport B/L")."""
    words = lay.lines[hit.line].words
    end = hit.end
    own = "".join(w.text for w in words[hit.start : hit.end + 1])
    # a label matched into its own parenthetical ("Carrier (name and SCAC)" read as CARRIER NAME): the note's
    # rest up to its closing parenthesis is the label's too (not so a label opening a parenthesis that holds its
    # value, "(SCAC MSCU)")
    opened = "(" not in words[hit.start].text and own.count("(") > own.count(")")
    if end + 1 < len(words) and (opened or words[end + 1].text.startswith("(")) and (hit.line, end + 1) not in taken:
        for k in range(end + 1, len(words)):
            if (hit.line, k) in taken:
                break
            if ")" in words[k].text:
                end = k
                break
    if words[hit.end].text.endswith(".") and _prose(words[end + 1 :], taken, hit.line, end + 1):
        # "Place of Delivery. Applicable only when document used as …": a sentence after the label
        end = _prose_end(words, taken, hit.line, end + 1)
    label_height = max(w.bottom - w.top for w in words[hit.start : hit.end + 1])
    below = next(
        (
            [w for w in lay.lines[li].words if hit.x0 - 2 <= w.x0 < hit.x0 + 0.3 * lay.width]
            for li in range(hit.line + 1, min(len(lay.lines), hit.line + 3))
            if any(hit.x0 - 2 <= w.x0 < hit.x0 + 0.3 * lay.width for w in lay.lines[li].words)
        ),
        [],
    )
    value_height = max((w.bottom - w.top for w in below), default=0.0)
    # type sizes from a text layer only: OCR's boxes follow the glyphs (capitals, descenders), not the type
    # (a colon ends the label: what follows it is its value, however small it is set: "SCAC CODE: MAEU")
    colon = words[end].text.endswith(":")
    if value_height and label_height < SMALL_PRINT * value_height and not lay.ocr and not colon:
        for k in range(end + 1, len(words)):
            w = words[k]
            if (hit.line, k) in taken or w.x0 - words[k - 1].x1 > 2 * label_height:
                break
            if abs((w.bottom - w.top) - label_height) > 0.12 * label_height:
                break
            end = k
    if end == hit.end:
        return hit
    return dataclasses.replace(hit, end=end, x1=words[end].x1)


def _prose_end(words: list[Any], taken: set[tuple[int, int]], line: int, start: int) -> int:
    """The last word of the run that starts at ``start`` (up to another label or a wide gap)."""
    end = start - 1
    for k in range(start, len(words)):
        height = max(1.0, words[k].bottom - words[k].top)
        if (line, k) in taken or (k > start and words[k].x0 - words[k - 1].x1 > 3 * height):
            break
        end = k
    return end


def _prose(words: list[Any], taken: set[tuple[int, int]], line: int, start: int) -> bool:
    """A sentence: three words or more, at least half of them lower case (values are names, codes, figures)."""
    run = words[: _prose_end(words, taken, line, start) - start + 1]
    lower = sum(1 for w in run if w.text[:1].islower())
    return len(run) >= 3 and lower >= 0.5 * len(run)


# labels set below this share of their values' height are a form's small print
SMALL_PRINT = 0.85


def _in_running_text(lay: PageLayout, hit: Any) -> bool:
    """A label word inside a sentence ("NOT NEGOTIABLE UNLESS CONSIGNED TO ORDER", "declared by Shipper") is
    no label: a word stands right before it, no further than the line's spaces between words, and the label ends
    without a colon."""
    words = lay.lines[hit.line].words
    if hit.start == 0 or words[hit.end].text.endswith(":"):
        return False
    before, first = words[hit.start - 1], words[hit.start]
    # a word of letters, or a one-letter word in lower case ("peso y descripción de la mercancía")
    if not re.search(r"[A-Za-z]{2}", before.text) and not re.fullmatch(r"[a-z]", before.text):
        return False
    if re.search(r"\d", before.text):
        return False  # a code before it (the tax ID a carrier's code follows: "RFC ABA040705FZ1 CAAT CLDN"): no prose
    gaps = sorted(b.x0 - a.x1 for a, b in zip(words, words[1:], strict=False) if b.x0 > a.x1)
    space = gaps[len(gaps) // 4] if gaps else 0.0  # the spaces inside phrases, not the gutters between boxes
    # the line's height, not the word's: OCR boxes a lower-case word by its glyphs ("the Vessel")
    height = max(1.0, first.bottom - first.top, lay.lines[hit.line].height)
    # (a line of two boxes' labels has no space inside a phrase to measure: its one gap is a gutter, and a gutter
    # wider than a few letters' height never stands inside a sentence)
    gap = first.x0 - before.x1
    return gap <= max(1.5 * space, 0.5 * height) and gap <= GUTTER * height


# how many type heights apart two words stand across a gutter between boxes, not a space in a phrase
GUTTER = 3.0


def _possessive(lay: PageLayout, hit: Any) -> bool:
    """A label word in the possessive ("SHIPPER'S LOAD, STOW AND COUNT", "Carrier's Reference") names something
    of the party's, not the party; but for its name or address ("Shipper's Name and Address")."""
    words = lay.lines[hit.line].words
    if not re.search(r"[A-Z]['’`]S\b", words[hit.end].text.upper()):
        return False
    following = words[hit.end + 1].text.upper().strip(":") if hit.end + 1 < len(words) else ""
    return following not in ("NAME", "ADDRESS", "NAME,", "FULL")


def _in_parentheses(lay: PageLayout, hit: Any) -> bool:
    """A label word inside a label's parenthetical note ("Consignee (complete name and address)") is no label."""
    before = " ".join(w.text for w in lay.lines[hit.line].words[: hit.start])
    return before.count("(") > before.count(")")
