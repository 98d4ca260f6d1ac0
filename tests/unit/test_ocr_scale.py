"""Small print enlarged before it is read again (extractors/ocr_scale.py): hand-written readings, and one real
reading of a line of tiny text."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import OcrResult, OcrWord, ocr_upright
from extractors.ocr_scale import MAX_FACTOR, MAX_PIXELS, TARGET_WORD_PX, enlarge, enlargement, shrink, word_height


def _reading(height: int, count: int = 10) -> OcrResult:
    words = [OcrWord(f"W{k:03d}", 10 + 40 * k, 100, 40 + 40 * k, 100 + height, 0.9) for k in range(count)]
    return OcrResult(text="", words=words, confidence=0.9, width=1000, height=800)


def test_words_a_few_pixels_tall_are_enlarged_to_the_target() -> None:
    assert word_height(_reading(10)) == 10
    assert enlargement(_reading(10), (1000, 800)) == pytest.approx(TARGET_WORD_PX / 10)
    assert enlargement(_reading(4), (1000, 800)) == MAX_FACTOR  # never more than the most


def test_words_of_a_usual_size_or_too_few_words_are_left_as_they_are() -> None:
    assert enlargement(_reading(15), (1000, 800)) == 1.0  # a 200-dpi scan's form
    assert enlargement(_reading(10, count=3), (1000, 800)) == 1.0  # a nearly empty page: no measure
    assert enlargement(_reading(10), (20_000, 20_000)) == 1.0  # too big an image to enlarge
    # a tiny file may render a page of tiny print: its enlargement stops at the pixel budget, never beyond
    factor = enlargement(_reading(4), (5_000, 5_000))
    assert 1.0 < factor < MAX_FACTOR and (5_000 * factor) ** 2 <= MAX_PIXELS * 1.0001


def test_an_enlarged_reading_is_given_back_in_the_pixels_of_the_page() -> None:
    reading = _reading(20)
    back = shrink(reading, 2.0, (500, 400))
    assert (back.width, back.height) == (500, 400)
    first = back.words[0]
    assert (first.left, first.top, first.right, first.bottom) == (5, 50, 20, 60)
    assert shrink(reading, 1.0, (500, 400)) is reading


def test_enlarge_keeps_the_proportions() -> None:
    assert enlarge(Image.new("L", (100, 50), 255), 2.5).size == (250, 125)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    pytest.skip("no TrueType font on this machine")


def test_tiny_print_is_read_at_a_size_tesseract_reads() -> None:
    image = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(image)
    for k, line in enumerate(("Tipo de cambio 19.9284 Peso bruto 870.833", "Valor aduana 841,287 Fecha 2024-06-03")):
        draw.text((20, 40 + 40 * k), line, fill=0, font=_font(11))
    result = ocr_upright(image, 150, "eng", orientation="never", deskew=False)
    assert "19.9284" in result.text and "841,287" in result.text
    assert max(w.right for w in result.words) <= image.width  # boxes in the page's own pixels
