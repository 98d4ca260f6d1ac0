"""Small print: a page whose words come out only a few pixels tall is enlarged and read again.

tesseract reads words best when they are 20 to 30 pixels tall; below about 12 its accuracy falls fast (letters
run together, ``FUENTEDEPODER``; a decimal point is lost, ``485000`` for ``485.000``; a short code in a box is
missed). The page's own resolution does not tell: a screenshot of a web page or a reduced printout put into a PDF
has a scanner-like resolution (150 to 200 pixels per inch of the PDF page) but text two or three times smaller
than a form's. The first reading's word heights tell, so a page whose median word is below :data:`SMALL_WORD_PX`
is enlarged (Lanczos, which keeps the strokes' edges) until that word is about :data:`TARGET_WORD_PX` tall, and
read again; the reading with the better confidence is kept. The enlarged reading's boxes are given back in the
pixels of the page as it came (:func:`shrink`), so nothing downstream knows of the enlargement.
"""

from __future__ import annotations

import statistics
from dataclasses import replace
from typing import TYPE_CHECKING

from PIL import Image

if TYPE_CHECKING:
    from extractors.ocr import OcrResult

# A page whose median word (of three characters or more) is less tall than this, in pixels, is enlarged...
SMALL_WORD_PX = 12.0
# ... so that that word becomes about this tall ...
TARGET_WORD_PX = 24.0
# ... by at most this factor, and never into an image of more than this many pixels.
MAX_FACTOR = 3.0
MAX_PIXELS = 60_000_000
# Words a page needs before its word height is trusted (a nearly empty page is left as it is).
MIN_WORDS = 8


def word_height(result: OcrResult) -> float | None:
    """The median height in pixels of the words of three characters or more, or None with too few of them."""
    heights = [w.bottom - w.top for w in result.words if len(w.text) >= 3]
    if len(heights) < MIN_WORDS:
        return None
    return float(statistics.median(heights))


def enlargement(result: OcrResult, size: tuple[int, int]) -> float:
    """How much to enlarge a page of ``size`` pixels whose reading is ``result`` (1.0: leave it as it is)."""
    height = word_height(result)
    if height is None or height <= 0 or height >= SMALL_WORD_PX:
        return 1.0
    factor = min(TARGET_WORD_PX / height, MAX_FACTOR, (MAX_PIXELS / max(size[0] * size[1], 1)) ** 0.5)
    return factor if factor >= 1.25 else 1.0


def enlarge(image: Image.Image, factor: float) -> Image.Image:
    """The image enlarged ``factor`` times (Lanczos)."""
    size = (round(image.width * factor), round(image.height * factor))
    return image.resize(size, Image.Resampling.LANCZOS)


def shrink(result: OcrResult, factor: float, size: tuple[int, int]) -> OcrResult:
    """A reading of an image enlarged ``factor`` times, with its boxes in the pixels of the image before (of
    ``size``)."""
    if factor == 1.0:
        return result

    def back(value: int) -> int:
        return round(value / factor)

    words = [
        replace(
            w,
            left=back(w.left),
            top=back(w.top),
            right=max(back(w.right), back(w.left) + 1),
            bottom=max(back(w.bottom), back(w.top) + 1),
        )
        for w in result.words
    ]
    return replace(result, words=words, width=size[0], height=size[1])
