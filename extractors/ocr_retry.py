"""A closer look at the words OCR was unsure of on a page, before anything reads the page.

Read whole, a page's words are read among their neighbours, and tesseract sometimes goes wrong on a word it would
read right alone: a code cut in two at a character it doubted (``MX294 22-57`` for ``MX29422-57``), a decimal
point taken for a digit (``17260370.`` for ``17.60370``), a lone digit on a noisy patch read as letters. It knows
it: such words come back with a low confidence. So each run of unsure words on a line is cut out of the page
image, enlarged, and read again alone as one line, all the runs of a page in one pass (stacked one under
another). A run read again surely, every word of it, and not much longer or shorter than the first reading, takes
the second reading's words (with their own boxes); a run read alike surely is no longer in doubt; anything else
keeps the first reading.

The two readings disagree, so the words taken from the second keep a doubt (:data:`RETRIED_CONFIDENCE`, below
review's threshold): a value made of them is looked at once more when the document is read (see
``extractors.ocr_reread``), and believed only if that look agrees.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PIL import Image

if TYPE_CHECKING:
    from extractors.ocr import OcrResult, OcrWord

log = logging.getLogger(__name__)

# A word read with less confidence than this is read again.
UNSURE = 0.5
# How sure the second reading must be of every word of a run to replace it.
SURE = 0.8
# The confidence of words taken from a second reading that disagreed with the first (below review's threshold).
RETRIED_CONFIDENCE = 0.6
# Unsure words of one line a gap of at most this many word heights apart are read again together (one value cut
# in two); farther apart, they are different values.
JOIN_GAP = 1.0
# The most letters and digits a second reading may add to or take from a run (spaces and marks aside, which
# specks of noise make): a misread character or two, a dot read as a digit; a reading of more or less is another
# text, not this one read better.
MAX_LENGTH_CHANGE = 2
# How much the runs are enlarged for their second reading, and the white kept around each.
ENLARGE = 2
MARGIN = 4  # pixels of the page image, before enlarging
GAP = 40  # pixels between runs on the sheet read at once
# The confidence of words a second reading read alike, surely (as the document's other confirmations: above review's
# threshold, below a clean text layer's).
AGREED_CONFIDENCE = 0.9
# A page with more unsure runs than this is a poor scan as a whole: it is left as read (and goes to review).
MAX_RUNS = 60
# The largest run cut out (pixels of the page image): a line across the page, never a block of it.
MAX_RUN_HEIGHT = 200
SEGMENTATION = 6  # one block of text: one line for each run stacked


@dataclass
class _Run:
    start: int  # index of its first word in the page's words
    end: int  # one past its last word
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels of the page image, margin included


def retry_unsure(image: Image.Image, result: OcrResult, dpi: int, languages: str, timeout: float) -> OcrResult:
    """``result`` with each run of unsure words that a second, closer reading reads surely replaced by that
    reading (see the module's docstring). Never raises: a second reading that fails leaves the first."""
    try:
        runs = unsure_runs(result.words, image.size)
        if not runs or len(runs) > MAX_RUNS:
            return result
        readings = _read_runs(image, runs, dpi, languages, timeout)
    except Exception as exc:  # the first reading stands
        log.info("second reading of unsure words failed: %s", exc)
        return result
    return replace_runs(result, runs, readings)


def unsure_runs(words: list[OcrWord], size: tuple[int, int]) -> list[_Run]:
    """The runs of unsure words: consecutive words of one tesseract line, each below :data:`UNSURE`, at most
    :data:`JOIN_GAP` word heights apart."""
    runs: list[_Run] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word.confidence >= UNSURE:
            index += 1
            continue
        end = index + 1
        while end < len(words) and _continues(words[end - 1], words[end]):
            end += 1
        box = (
            max(min(w.left for w in words[index:end]) - MARGIN, 0),
            max(min(w.top for w in words[index:end]) - MARGIN, 0),
            min(max(w.right for w in words[index:end]) + MARGIN, size[0]),
            min(max(w.bottom for w in words[index:end]) + MARGIN, size[1]),
        )
        if box[2] > box[0] and 0 < box[3] - box[1] <= MAX_RUN_HEIGHT:
            runs.append(_Run(index, end, box))
        index = end
    return runs


def _continues(before: OcrWord, after: OcrWord) -> bool:
    height = max(before.bottom - before.top, after.bottom - after.top, 1)
    return (
        after.confidence < UNSURE
        and after.line == before.line
        and -0.2 * height <= after.left - before.right <= JOIN_GAP * height
    )


def _read_runs(image: Image.Image, runs: list[_Run], dpi: int, languages: str, timeout: float) -> list[list[OcrWord]]:
    """Each run's words read again (in pixels of the page image), all runs in one OCR pass."""
    from extractors.ocr import read_stacked

    crops = [
        image.crop(run.box).resize(
            ((run.box[2] - run.box[0]) * ENLARGE, (run.box[3] - run.box[1]) * ENLARGE), Image.Resampling.BICUBIC
        )
        for run in runs
    ]
    readings = read_stacked(
        crops, dpi=dpi * ENLARGE, languages=languages, segmentation=SEGMENTATION, timeout=timeout, gap=GAP
    )
    return [
        [
            replace(
                word,
                left=run.box[0] + word.left // ENLARGE,
                right=run.box[0] + word.right // ENLARGE,
                top=run.box[1] + word.top // ENLARGE,
                bottom=run.box[1] + word.bottom // ENLARGE,
            )
            for word in words
        ]
        for run, words in zip(runs, readings, strict=True)
    ]


def replace_runs(result: OcrResult, runs: list[_Run], readings: list[list[OcrWord]]) -> OcrResult:
    """``result`` with the runs whose second reading is better (see :func:`better`) replaced by it; the words
    taken keep their run's tesseract line and the confidence :data:`RETRIED_CONFIDENCE`."""
    from extractors.ocr import text_of

    words = list(result.words)
    changed = False
    for run, reading in sorted(zip(runs, readings, strict=True), key=lambda pair: -pair[0].start):
        first = words[run.start : run.end]
        if agrees(first, reading):
            # read alike twice, the second time surely: no doubt left
            words[run.start : run.end] = [replace(w, confidence=max(w.confidence, AGREED_CONFIDENCE)) for w in first]
            changed = True
            continue
        if not better(first, reading):
            continue
        line = first[0].line
        words[run.start : run.end] = [replace(w, line=line, confidence=RETRIED_CONFIDENCE) for w in reading]
        changed = True
    if not changed:
        return result
    confidence = sum(w.confidence for w in words) / len(words) if words else None
    return replace(result, text=text_of(words), words=words, confidence=confidence)


def agrees(first: list[OcrWord], second: list[OcrWord]) -> bool:
    """Whether a second reading of a run gives the same words, every one of them surely."""
    return (
        bool(second)
        and min(w.confidence for w in second) >= SURE
        and [w.text for w in first] == [w.text for w in second]
    )


def better(first: list[OcrWord], second: list[OcrWord]) -> bool:
    """Whether a second reading of a run should replace the first: every word of it sure, different words, and at
    most :data:`MAX_LENGTH_CHANGE` letters or digits more or fewer."""
    if not second or min(w.confidence for w in second) < SURE:
        return False
    if [w.text for w in first] == [w.text for w in second]:
        return False
    before = sum(1 for w in first for char in w.text if char.isalnum())
    after = sum(1 for w in second for char in w.text if char.isalnum())
    return abs(before - after) <= MAX_LENGTH_CHANGE
