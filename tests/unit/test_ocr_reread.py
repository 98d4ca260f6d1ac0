"""A second, closer reading of the values OCR doubted on a scan: believed when both readings agree, surely."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from extractors import ocr_reread
from extractors.ocr_reread import CONFIRMED, MAX_DOUBTS, reread_doubts
from extractors.text import DocumentText, PageText, Word
from tests.synth.scan import scan_pdf

THRESHOLD = 0.7
FONT_SIZE = 9
PAGE_HEIGHT = 792.0
# (left, baseline from the top, text) of the values printed on the test page
PRINTED = [(72.0, 200.0, "85443002"), (160.0, 200.0, "USA"), (220.0, 200.0, "A42374-09"), (72.0, 260.0, "11-Jun-2024")]


def _cell(value: Any, raw: str, confidence: float, bbox: list[float] | None = None) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "page": 1, "bbox": bbox or [0.0, 0.0, 10.0, 10.0], "raw": raw}


def _page(rotation: int = 0, confidence: float = 0.6) -> DocumentText:
    """A scanned page whose words, one over each test cell's box, OCR read with ``confidence``."""
    words = [Word("w", x, y, x + 10.0, y + 10.0, confidence) for x in range(0, 600, 10) for y in range(0, 780, 10)]
    page = PageText(1, "", words, "ocr", 0.9, 612.0, PAGE_HEIGHT, rotation)
    return DocumentText(media_type="application/pdf", pages=[page])


def _box(left: float, baseline: float, text: str) -> list[float]:
    """The box of ``text`` printed at ``left`` and ``baseline`` (points from the top) in Helvetica."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return [left, baseline - FONT_SIZE * 0.75, left + stringWidth(text, "Helvetica", FONT_SIZE), baseline + 2.0]


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test page scanned at 300 dpi, upright and upside down."""
    folder = tmp_path_factory.mktemp("reread")
    typed = folder / "typed.pdf"
    c = canvas.Canvas(str(typed), pagesize=(612.0, PAGE_HEIGHT))
    c.setFont("Helvetica", FONT_SIZE)
    for left, baseline, text in PRINTED:
        c.drawString(left, PAGE_HEIGHT - baseline, text)
    c.showPage()
    c.save()
    upright, turned = folder / "upright.pdf", folder / "turned.pdf"
    scan_pdf(typed, upright, dpi=300, rng=random.Random(3))
    scan_pdf(typed, turned, dpi=300, rng=random.Random(3), upside_down=0)
    return {"upright": upright, "turned": turned}


def _result(*cells: dict[str, Any]) -> dict[str, Any]:
    return {"fields": {}, "lines": [{f"cell{n}": cell for n, cell in enumerate(cells)}]}


@pytest.mark.parametrize(("scan", "rotation"), [("upright", 0), ("turned", 180)])
def test_values_read_alike_a_second_time_are_believed(scans: dict[str, Path], scan: str, rotation: int) -> None:
    result = _result(
        _cell("85443002", "85443002", 0.64, _box(*PRINTED[0])),
        _cell("USA", "USA", 0.47, _box(*PRINTED[1])),
        _cell("A42374-09", "A42374-09", 0.64, _box(*PRINTED[2])),
        _cell("2024-06-11", "11-Jun-2024", 0.56, _box(*PRINTED[3])),  # a date printed in words, read plainly
    )
    reread_doubts(result, scans[scan], _page(rotation), THRESHOLD, "eng")
    assert [cell["confidence"] for cell in result["lines"][0].values()] == [CONFIRMED] * 4


def test_a_misreading_the_second_look_does_not_repeat_keeps_its_doubt(scans: dict[str, Path]) -> None:
    """The page prints 85443002; OCR's first reading said 85448002: the second reading disagrees."""
    result = _result(_cell("85448002", "85448002", 0.64, _box(*PRINTED[0])))
    reread_doubts(result, scans["upright"], _page(), THRESHOLD, "eng")
    assert result["lines"][0]["cell0"]["confidence"] == 0.64


def _canned(monkeypatch: pytest.MonkeyPatch, readings: list[list[tuple[str, float]]]) -> None:
    monkeypatch.setattr(ocr_reread, "_crops", lambda path, doubts, rotations: [Image.new("L", (4, 4))] * len(doubts))
    monkeypatch.setattr(ocr_reread, "_read_stacked", lambda crops, languages: readings[: len(crops)])


def test_a_second_reading_must_give_the_same_characters_not_merely_the_same_letters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A dot doubled or a space inside a word (``S.. DE R.L.``, ``BRIGHTWA Y``) is an error the second reading must
    repeat exactly to vouch for; one that reads the name without it says the first reading was wrong."""
    _canned(monkeypatch, [[("TIJUANA", 0.95), ("S.", 0.95), ("DE", 0.95), ("R.L.", 0.95)], [("BRIGHTWAY", 0.95)]])
    result = _result(_cell("TIJUANA S.. DE R.L.", "TIJUANA S.. DE R.L.", 0.44), _cell("BRIGHTWA Y", "BRIGHTWA Y", 0.5))
    reread_doubts(result, Path("scan.pdf"), _page(), THRESHOLD, "eng")
    assert [cell["confidence"] for cell in result["lines"][0].values()] == [0.44, 0.5]
    # a speck the reader dropped from the name (raw ``Y.``): a second reading without it agrees with the value
    _canned(monkeypatch, [[("GARZA", 0.95), ("Y", 0.95), ("ASOCIADOS", 0.95)]])
    speck = _result(_cell("GARZA Y ASOCIADOS", "GARZA Y. ASOCIADOS", 0.6))
    reread_doubts(speck, Path("scan.pdf"), _page(), THRESHOLD, "eng")
    assert speck["lines"][0]["cell0"]["confidence"] == CONFIRMED
    # a date and a figure are the same whatever space OCR sees inside them
    _canned(monkeypatch, [[("2024-03-12T", 0.9), ("11:22:01", 0.95)], [("1,250", 0.9), (".00", 0.9)]])
    stamped = _result(_cell("2024-03-12", "2024-03-12T11:22:01", 0.55), _cell(1250.0, "1,250.00", 0.6))
    reread_doubts(stamped, Path("scan.pdf"), _page(), THRESHOLD, "eng")
    assert [cell["confidence"] for cell in stamped["lines"][0].values()] == [CONFIRMED, CONFIRMED]


def test_an_unsure_second_reading_leaves_the_doubt(monkeypatch: pytest.MonkeyPatch) -> None:
    _canned(monkeypatch, [[("USA", 0.5)]])
    result = _result(_cell("USA", "USA", 0.47))
    reread_doubts(result, Path("scan.pdf"), _page(), THRESHOLD, "eng")
    assert result["lines"][0]["cell0"]["confidence"] == 0.47


def test_a_value_a_reader_rebuilt_is_not_vouched_for_by_its_printed_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """A unit price the reader worked out (25.77) from a cell that printed 27: the second look sees 27 again,
    which says nothing of the price; so every doubted value keeps its doubt."""
    _canned(monkeypatch, [[("USA", 0.95)], [("27", 0.95)]])
    result = _result(_cell("USA", "USA", 0.47), _cell(25.77, "27", 0.45))
    reread_doubts(result, Path("scan.pdf"), _page(), THRESHOLD, "eng")
    assert [cell["confidence"] for cell in result["lines"][0].values()] == [0.47, 0.45]


def test_a_value_whose_words_ocr_was_sure_of_keeps_its_readers_doubt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name read surely word by word that the reader doubts (it may go on past its box): reading its box
    again would only repeat what was cut off."""
    _canned(monkeypatch, [[("ENSAMBLES", 0.95), ("S.", 0.95), ("DE", 0.95), ("R.L.", 0.95)]])
    result = _result(_cell("ENSAMBLES S. DE R.L.", "ENSAMBLES S. DE R.L.", 0.52))
    reread_doubts(result, Path("scan.pdf"), _page(confidence=0.93), THRESHOLD, "eng")
    assert result["lines"][0]["cell0"]["confidence"] == 0.52


def test_a_scan_with_many_doubts_goes_to_review_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    _canned(monkeypatch, [[("7", 0.99)]] * (MAX_DOUBTS + 1))
    result = _result(*[_cell("7", "7", 0.5) for _ in range(MAX_DOUBTS + 1)])
    reread_doubts(result, Path("scan.pdf"), _page(), THRESHOLD, "eng")
    assert {cell["confidence"] for cell in result["lines"][0].values()} == {0.5}


def test_a_text_layer_page_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    _canned(monkeypatch, [[("USA", 0.99)]])
    result = _result(_cell("USA", "USA", 0.47))
    doc = _page()
    doc.pages[0].source = "text_layer"
    reread_doubts(result, Path("scan.pdf"), doc, THRESHOLD, "eng")
    assert result["lines"][0]["cell0"]["confidence"] == 0.47


def test_figures_and_plain_readings_count_as_printed() -> None:
    assert ocr_reread._as_printed(_cell(27032.0, "27,032.000", 0.5))
    assert ocr_reread._as_printed(_cell("JPN", "Japan", 0.5))
    assert ocr_reread._as_printed(_cell("AGENCIA GARZA Y ASOCIADOS", "AGENCIA GARZA Y. ASOCIADOS", 0.5))
    assert ocr_reread._as_printed(_cell(607473.44, "$607,473.44", 0.5))
    assert ocr_reread._as_printed(_cell(1234.5, "1.234,50", 0.5))
    assert not ocr_reread._as_printed(_cell(25.77, "27", 0.5))
    assert not ocr_reread._as_printed(_cell(21475.0, "21,475,000", 0.5))  # the reader placed the decimal point
    assert not ocr_reread._as_printed(_cell(1.57818, "157818", 0.5))
    assert not ocr_reread._as_printed(_cell("2024-06-11", "11-Jun-2024 12:00 Veracruz", 0.5))


def test_values_split_out_of_one_printed_text_are_vouched_for_together(monkeypatch: pytest.MonkeyPatch) -> None:
    """A vessel and its voyage printed in one box: the second reading of the box vouches for both parts."""
    _canned(monkeypatch, [[("MSC", 0.95), ("ANNA", 0.95), ("/", 0.95), ("263N", 0.95)]] * 2)
    box = [10.0, 10.0, 80.0, 20.0]
    result = {
        "fields": {
            "vessel": _cell("MSC ANNA", "MSC ANNA / 263N", 0.63, box),
            "voyage": _cell("263N", "MSC ANNA / 263N", 0.63, box),
        },
        "lines": [],
    }
    reread_doubts(result, Path("scan.pdf"), _page(), THRESHOLD, "eng")
    assert [cell["confidence"] for cell in result["fields"].values()] == [CONFIRMED, CONFIRMED]
    # a part alone (the rest of the text not read into any value) is no reading as printed
    alone = {"fields": {"vessel": _cell("MSC ANNA", "MSC ANNA / 263N", 0.63, box)}, "lines": []}
    reread_doubts(alone, Path("scan.pdf"), _page(), THRESHOLD, "eng")
    assert alone["fields"]["vessel"]["confidence"] == 0.63


def test_a_huge_box_is_not_rendered_for_a_second_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crafted PDF: a page 200 inches square whose doubted value's box covers all of it. At the second
    reading's resolution that is a gigapixel image; the box is skipped (its doubt stays), nothing is rendered
    and nothing raises. A box that is no box (not finite) is skipped alike."""
    huge = tmp_path / "huge.pdf"
    c = canvas.Canvas(str(huge), pagesize=(14400.0, 14400.0))
    c.setFont("Helvetica", 9)
    c.drawString(72.0, 14000.0, "85443002")
    c.showPage()
    c.save()
    rendered: list[Any] = []
    import pypdfium2 as pdfium

    original = pdfium.PdfPage.render

    def render(self: Any, **kw: Any) -> Any:
        rendered.append(kw)
        return original(self, **kw)

    monkeypatch.setattr(pdfium.PdfPage, "render", render)
    whole = _cell("85443002", "85443002", 0.6, [0.0, 0.0, 14400.0, 14400.0])
    odd = _cell("85443002", "85443002", 0.6, [72.0, float("nan"), 120.0, 410.0])
    flat = _cell("85443002", "85443002", 0.6, [72.0, float("inf"), 120.0, 400.0])
    small = _cell("85443002", "85443002", 0.6, [72.0, 393.0, 120.0, 402.0])
    doubts = [ocr_reread._Doubt({}, "v", cell) for cell in (whole, odd, flat, small)]
    crops = ocr_reread._crops(huge, doubts, {1: 0})
    assert crops[:3] == [None, None, None]
    assert crops[3] is not None and crops[3].width * crops[3].height <= ocr_reread.MAX_CROP_PIXELS
    assert len(rendered) == 1
    # the whole second reading: the huge box keeps its doubt, and no OCR runs for a page with nothing to read
    monkeypatch.setattr(ocr_reread, "_ocr", lambda image, languages, segmentation: pytest.fail("nothing to read"))
    doc = DocumentText(
        media_type="application/pdf",
        pages=[PageText(1, "", [Word("85443002", 0.0, 0.0, 14400.0, 14400.0, 0.6)], "ocr", 0.6, 14400.0, 14400.0, 0)],
    )
    result = _result(dict(whole))
    reread_doubts(result, huge, doc, THRESHOLD, "eng")
    assert result["lines"][0]["cell0"]["confidence"] == 0.6
