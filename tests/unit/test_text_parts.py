"""The text step's parts on their own: tesseract's TSV, rotations and boxes, image preparation, options."""

from __future__ import annotations

import io
import math
import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors import images, ocr
from extractors.ocr import OcrResult, OcrWord, estimate_skew, is_sideways, level, looks_upright, parse_tsv
from extractors.text import TextOptions, read_text, render_dpi, unrotate_box
from extractors.textlayer import is_readable, read_layer
from immex.settings import Settings

TSV = "\n".join(
    [
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t",
        "2\t1\t1\t0\t0\t0\t100\t100\t900\t120\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t100\t300\t40\t96.5\tPedimento",
        "5\t1\t1\t1\t1\t2\t420\t100\t200\t40\t91\t24",
        "5\t1\t1\t1\t2\t1\t100\t160\t250\t40\t88\tAduana",
        "5\t1\t1\t1\t2\t2\t360\t160\t50\t40\t95\t ",
        "5\t1\t2\t1\t1\t1\t100\t400\t260\t40\t50\tFactura",
    ]
)


def test_parse_tsv_builds_lines_paragraphs_and_confidences() -> None:
    result = parse_tsv(TSV)
    assert result.text == "Pedimento 24\nAduana\n\nFactura"
    assert [w.text for w in result.words] == ["Pedimento", "24", "Aduana", "Factura"]
    first = result.words[0]
    assert (first.left, first.top, first.right, first.bottom) == (100, 100, 400, 140)
    assert first.confidence == pytest.approx(0.965)
    assert result.confidence == pytest.approx((0.965 + 0.91 + 0.88 + 0.50) / 4)
    assert parse_tsv(TSV.splitlines()[0]).confidence is None


def _dark_box(image: Image.Image) -> tuple[int, int, int, int]:
    box = Image.eval(image.convert("L"), lambda v: 255 - v).getbbox()
    assert box is not None
    return box


@pytest.mark.parametrize("angle", [0, 90, 180, 270])
def test_unrotate_box_brings_a_box_back_to_the_unturned_image(angle: int) -> None:
    original = Image.new("L", (300, 200), 255)
    original.paste(0, (40, 30, 90, 50))
    turned = ocr.rotate(original, angle)
    if angle in (90, 270):
        assert turned.size == (200, 300)
    left, top, right, bottom = _dark_box(turned)
    word = OcrWord("x", left, top, right, bottom, 1.0)
    assert unrotate_box(word, angle, 300, 200) == (40, 30, 90, 50)


def test_rotate_is_clockwise() -> None:
    original = Image.new("L", (300, 200), 255)
    original.paste(0, (0, 0, 10, 10))  # top-left corner
    assert _dark_box(ocr.rotate(original, 90)) == (190, 0, 200, 10)  # now top-right


def _words(boxes: list[tuple[int, int]], confidence: float = 0.9) -> OcrResult:
    words = [OcrWord("word", 0, 0, w, h, confidence) for w, h in boxes]
    return OcrResult(text="", words=words, confidence=confidence)


def test_sideways_and_upright_checks() -> None:
    horizontal = _words([(120, 30)] * 10)
    vertical = _words([(30, 120)] * 10)
    assert not is_sideways(horizontal) and looks_upright(horizontal)
    assert is_sideways(vertical) and not looks_upright(vertical)
    assert not looks_upright(_words([(120, 30)] * 10, confidence=0.4))


@pytest.mark.parametrize("degrees", [-3.0, 0.0, 2.0])
def test_skew_is_estimated_from_the_lines_of_words(degrees: float) -> None:
    slope = math.tan(math.radians(degrees))
    words = []
    for line in range(6):
        for i in range(8):
            x = 100 + i * 250
            bottom = round(300 + line * 120 + slope * x)
            words.append(OcrWord("palabra", x, bottom - 30, x + 200, bottom, 0.9, (1, 1, line)))
    estimate = estimate_skew(OcrResult(text="", words=words, width=2550, height=3300))
    assert estimate == pytest.approx(degrees, abs=0.1)
    assert estimate_skew(OcrResult(text="", words=words[:2], width=2550)) is None  # too little to tell


def test_level_turns_a_tilted_line_flat() -> None:
    image = Image.new("L", (800, 400), 255)
    line = Image.new("L", (600, 6), 0)
    image.paste(line.rotate(-2.0, expand=True, fillcolor=255), (100, 180))  # runs down to the right
    levelled = Image.eval(level(image, 2.0), lambda v: 255 - v)
    left, top, right, bottom = levelled.point(lambda v: 255 if v > 128 else 0).getbbox() or (0, 0, 0, 0)
    assert bottom - top <= 9  # flat again: as tall as the line itself


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_picture_boxes_on_rotated_pages_match_what_is_displayed(tmp_path: Path, rotation: int) -> None:
    """A picture's box (top-left origin, displayed page) is where its pixels show when the page is drawn."""
    picture = Image.new("L", (60, 40), 0)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    path = tmp_path / "page.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 800))
    c.setFillGray(0.6)  # the text stays out of the black-pixel search below
    c.drawString(72, 760, "Texto de la factura")
    c.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 100, 500, width=180, height=120)
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    page.set_rotation(rotation)
    layer = read_layer(page)
    [found] = layer.pictures
    displayed = page.render(scale=1).to_pil().convert("L")
    black = Image.eval(displayed, lambda v: 255 if v < 10 else 0).getbbox()
    assert black is not None
    left, top, right, bottom = black
    assert (found.x0, found.top, found.x1, found.bottom) == pytest.approx((left, top, right, bottom), abs=2)
    page.close()
    pdf.close()


def test_prepare_trusts_a_plausible_dpi_and_enlarges_low_resolution() -> None:
    scan = Image.new("L", (2550, 3300), 255)
    scan.info["dpi"] = (300, 300)
    ready = images.prepare(scan)
    assert (ready.dpi, ready.image.size) == (300, (2550, 3300))
    assert (ready.width_pt, ready.height_pt) == pytest.approx((612, 792))

    snippet = Image.new("RGB", (500, 150), "white")
    snippet.info["dpi"] = (72, 72)
    ready = images.prepare(snippet)
    assert ready.image.size == (1500, 450) and ready.dpi == 216  # enlarged at most 3x
    assert (ready.width_pt, ready.height_pt) == pytest.approx((500, 150))  # the page is still 500 x 150 pt


def test_prepare_ignores_a_camera_dpi_and_assumes_300() -> None:
    photo = Image.new("RGB", (4000, 3000), "white")
    photo.info["dpi"] = (72, 72)  # would be a 55-inch page
    ready = images.prepare(photo)
    assert ready.dpi == 300 and ready.image.size == (4000, 3000)
    assert ready.width_pt == pytest.approx(4000 / 300 * 72)


def test_prepare_makes_transparent_areas_white() -> None:
    transparent = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    ready = images.prepare(transparent)
    assert ready.image.mode == "L"
    assert ready.image.getextrema() == (255, 255)


def test_a_text_layer_of_unmapped_glyphs_is_not_used() -> None:
    assert is_readable("Pedimento 24  47  3445  4001234\nFracción arancelaria")
    assert not is_readable("  \n\t ")
    assert not is_readable("\ue001\ue002\ue003 \ue004\ue005 \ufffd\ufffd 24")  # a font with no Unicode map
    assert is_readable("Total: 1,234.00 \ufffd")  # one odd glyph in real text is fine


def test_huge_pages_are_rendered_at_a_lower_dpi() -> None:
    assert render_dpi(612, 792, 300) == 300  # a letter page
    lowered = render_dpi(72 * 48, 72 * 36, 300)  # a 4 x 3 ft plan
    assert lowered < 300
    assert 48 * 36 * lowered * lowered <= images.MAX_PIXELS


def test_options_from_settings() -> None:
    options = TextOptions.from_settings(Settings(max_pages=7, ocr_workers=0, ocr_languages="spa"), words=False)
    assert (options.max_pages, options.dpi, options.languages, options.words) == (7, 300, "spa", False)
    assert options.ocr_workers == (os.cpu_count() or 1)


def test_tesseract_env_is_single_threaded() -> None:
    assert ocr.tesseract_env()["OMP_THREAD_LIMIT"] == "1"


def test_a_missing_tesseract_fails_the_page_not_the_document(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "TESSERACT", "/nonexistent/tesseract")
    doc = read_text(corpus / "ocr-paperless-ngx" / "tesseract" / "multi-page-mixed.pdf", "application/pdf")
    assert [p.source for p in doc.pages] == ["none"] * 3 + ["text_layer"] * 3
    for page in doc.pages[:3]:
        assert page.error is not None and "not installed" in page.error
        assert page.width > 0 and page.height > 0
    assert "Page 4" in doc.pages[3].text


def test_a_tesseract_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hanging = tmp_path / "tesseract"
    hanging.write_text("#!/bin/sh\nexec sleep 30\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(ocr, "TESSERACT", str(hanging))
    with pytest.raises(ocr.OcrFailure, match="took longer than"):
        ocr.recognize(Image.new("L", (100, 100), 255), 300, "spa+eng", timeout=0.5)
