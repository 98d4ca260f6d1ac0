"""A closer look at the words OCR was unsure of: hand-written words and readings, and one real second reading."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import ocr_retry
from extractors.ocr import OcrResult, OcrWord
from extractors.ocr_retry import AGREED_CONFIDENCE, RETRIED_CONFIDENCE, replace_runs, retry_unsure, unsure_runs

LINE = (1, 1, 1)


def _word(text: str, left: int, right: int, conf: float, line: tuple[int, int, int] = LINE) -> OcrWord:
    return OcrWord(text, left, 100, right, 120, conf, line)


def _result(*words: OcrWord) -> OcrResult:
    return OcrResult(text=" ".join(w.text for w in words), words=list(words), confidence=0.8)


def test_unsure_words_a_hair_apart_on_a_line_are_one_run() -> None:
    words = [
        _word("Part", 10, 50, 0.95),
        _word("AB123", 70, 120, 0.2),
        _word("45-6", 122, 160, 0.1),  # a hair after: the same value cut in two
        _word("Qty", 300, 330, 0.3),  # far along the line: another value
        _word("7", 400, 410, 0.4, (1, 1, 2)),  # another line
    ]
    runs = unsure_runs(words, (1000, 1000))
    assert [(r.start, r.end) for r in runs] == [(1, 3), (3, 4), (4, 5)]
    assert runs[0].box[0] < 70 and runs[0].box[2] > 160  # the whole run with a margin


def test_a_sure_second_reading_replaces_the_run_and_keeps_a_doubt() -> None:
    result = _result(_word("Rate", 10, 50, 0.95), _word("MX294", 70, 120, 0.0), _word("22-57", 122, 170, 0.0))
    runs = unsure_runs(result.words, (1000, 1000))
    second = [[_word("MX29422-57", 71, 169, 0.91)]]
    fixed = replace_runs(result, runs, second)
    assert [(w.text, w.confidence) for w in fixed.words] == [("Rate", 0.95), ("MX29422-57", RETRIED_CONFIDENCE)]
    assert fixed.text == "Rate MX29422-57"
    assert fixed.words[1].line == LINE


def test_a_second_reading_that_is_unsure_or_another_text_leaves_the_first() -> None:
    result = _result(_word("17260370.", 70, 140, 0.42))
    runs = unsure_runs(result.words, (1000, 1000))
    for second in (
        [_word("17.60370", 70, 140, 0.6)],  # unsure
        [_word("TOTAL", 70, 100, 0.95), _word("17.60370", 105, 140, 0.95)],  # much longer: another text
        [],  # nothing read
    ):
        assert replace_runs(result, runs, [second]).words == result.words
    better = replace_runs(result, runs, [[_word("17.60370", 70, 140, 0.93)]])
    assert [w.text for w in better.words] == ["17.60370"]
    # marks specks made are no characters of the text: a reading without them is the same length
    specked = _result(_word("(3181599:..99", 70, 160, 0.31))
    runs = unsure_runs(specked.words, (1000, 1000))
    fixed = replace_runs(specked, runs, [[_word("73181599", 70, 130, 0.95), _word("99", 140, 160, 0.93)]])
    assert [w.text for w in fixed.words] == ["73181599", "99"]


def test_a_run_read_alike_surely_is_no_longer_in_doubt() -> None:
    result = _result(_word("COMMODITY", 70, 170, 0.27), _word("55", 200, 220, 0.29, (1, 1, 2)))
    runs = unsure_runs(result.words, (1000, 1000))
    fixed = replace_runs(result, runs, [[_word("COMMODITY", 70, 170, 0.96)], [_word("55", 200, 220, 0.6)]])
    assert [w.confidence for w in fixed.words] == [AGREED_CONFIDENCE, 0.29]


def test_a_second_reading_that_fails_leaves_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("no tesseract")

    monkeypatch.setattr("extractors.ocr.run_tesseract", broken)
    result = _result(_word("MX294", 70, 120, 0.0))
    assert retry_unsure(Image.new("L", (400, 200), 255), result, 300, "eng", 10.0) is result


def test_a_page_with_too_many_unsure_runs_is_left_as_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_retry, "_read_runs", lambda *args: pytest.fail("a poor scan is not read again"))
    words = [_word("x", 10, 20, 0.1, (1, 1, n)) for n in range(ocr_retry.MAX_RUNS + 1)]
    assert retry_unsure(Image.new("L", (400, 200), 255), _result(*words), 300, "eng", 10.0).words == words


def test_a_value_read_again_from_the_page_image() -> None:
    """A real second reading: a code printed on a page image, which the first reading cut in two."""
    image = Image.new("L", (900, 200), 255)
    font = ImageFont.load_default(size=40)
    ImageDraw.Draw(image).text((100, 60), "MX29422-57", fill=0, font=font)
    left, top, right, bottom = ImageDraw.Draw(image).textbbox((100, 60), "MX29422-57", font=font)
    middle = (left + right) // 2
    result = _result(
        OcrWord("MX294", left, top, middle - 2, bottom, 0.0, LINE),
        OcrWord("22-57", middle + 2, top, right, bottom, 0.0, LINE),
    )
    fixed = retry_unsure(image, result, 300, "eng", 30.0)
    assert [w.text for w in fixed.words] == ["MX29422-57"]
    assert left - 10 <= fixed.words[0].left and fixed.words[0].right <= right + 10


def test_cut_outs_read_in_one_pass_give_each_its_own_words_in_its_own_pixels() -> None:
    """The one stacking helper both second readings use: a word goes to the cut-out it was printed on, with a box
    in that cut-out's pixels; a missing cut-out reads as no words."""
    from extractors.ocr import read_stacked

    font = ImageFont.load_default(size=40)
    crops: list[Image.Image | None] = []
    boxes = []
    for text in ("INVOICE", "73181599"):
        crop = Image.new("L", (400, 80), 255)
        ImageDraw.Draw(crop).text((30, 15), text, fill=0, font=font)
        crops.append(crop)
        boxes.append(ImageDraw.Draw(crop).textbbox((30, 15), text, font=font))
    crops.insert(1, None)
    readings = read_stacked(crops, dpi=300, languages="eng", segmentation=6, timeout=30.0, gap=40)
    assert [[w.text for w in words] for words in readings] == [["INVOICE"], [], ["73181599"]]
    for words, box in zip((readings[0], readings[2]), boxes, strict=True):
        assert abs(words[0].left - box[0]) <= 6 and abs(words[0].top - box[1]) <= 8
        assert abs(words[0].right - box[2]) <= 6 and abs(words[0].bottom - box[3]) <= 8
