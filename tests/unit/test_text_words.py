"""Word boxes of text-layer pages, read from pdfium's characters, agree with pdfplumber's ``extract_words``.

The readers downstream were built on pdfplumber's words; pdfium gives the same words ~15 times faster. These
tests hold the two side by side on the corpus printouts and invoices and on rotated text and pages.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from extractors.text import TextOptions, Word, read_text
from extractors.textlayer import read_words

PDF = "application/pdf"
Box = tuple[str, float, float, float, float]

GOLDEN = [
    "cfdi-nodecfdi-cfdi-to-pdf/cfdi33_valid.pdf",
    "cfdi-nodecfdi-cfdi-to-pdf/cfdi_specimen.pdf",
    "cfdi-nodecfdi-cfdi-to-pdf/retenciones_specimen.pdf",
    "invoice2data/compare/QualityHosting.pdf",
    "invoice2data/compare/AmazonWebServices.pdf",
    "invoice2data/compare/AzureInterior.pdf",
    "invoice2data/compare/SammyMaystoneLinesTest.pdf",
    "invoice2data/files/camelot-example.pdf",
    "invoice2data/compare/FlipkartInvoice.pdf",
]


def _plumber_words(path: Path) -> list[list[Box]]:
    with pdfplumber.open(path) as pdf:
        return [
            [
                (w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
                for w in page.extract_words(use_text_flow=True)
                if "(cid:" not in w["text"]  # glyphs without a Unicode mapping; pdfium drops them
            ]
            for page in pdf.pages
        ]


def _ours(words: list[Word]) -> list[Box]:
    return [(w.text, w.x0, w.top, w.x1, w.bottom) for w in words]


def _agreement(ours: list[Box], theirs: list[Box], tolerance: float) -> float:
    """Share of our words that pdfplumber also found, with every edge of the box within ``tolerance`` points."""
    by_text: dict[str, list[Box]] = {}
    for word in theirs:
        by_text.setdefault(word[0], []).append(word)
    matched = 0
    for word in ours:
        candidates = by_text.get(word[0], [])
        if any(max(abs(a - b) for a, b in zip(word[1:], other[1:], strict=True)) <= tolerance for other in candidates):
            matched += 1
    return matched / max(len(ours), len(theirs), 1)


@pytest.mark.parametrize("name", GOLDEN)
def test_words_and_boxes_agree_with_pdfplumber(corpus: Path, name: str) -> None:
    path = corpus / name
    doc = read_text(path, PDF, TextOptions(ocr_pictures=False))
    theirs = _plumber_words(path)
    assert len(doc.pages) == len(theirs)
    for page, expected in zip(doc.pages, theirs, strict=True):
        ours = _ours(page.words)
        assert page.source == "text_layer" and page.error is None
        # the same words, nearly all in the same boxes (a gap of exactly 3 points may split one way or the other)
        assert _agreement(ours, expected, tolerance=1.0) >= 0.95, name
        assert _agreement(ours, expected, tolerance=8.0) >= 0.98, name
        same = sum((Counter(w[0] for w in ours) & Counter(w[0] for w in expected)).values())
        assert same >= 0.98 * len(expected)


def _rotated_text_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=(600, 800))
    c.setFont("Helvetica", 12)
    c.drawString(100, 700, "Pedimento 24 47 3445 4001234")
    c.saveState()
    c.translate(50, 100)
    c.rotate(90)
    c.drawString(0, 0, "Going up the page")
    c.restoreState()
    c.saveState()
    c.translate(550, 700)
    c.rotate(-90)
    c.drawString(0, 0, "Going down the page")
    c.restoreState()
    c.showPage()
    c.save()
    return path


def test_vertical_text_is_grouped_along_its_own_direction(tmp_path: Path) -> None:
    [page] = read_text(_rotated_text_pdf(tmp_path / "vertical.pdf"), PDF, TextOptions(ocr_pictures=False)).pages
    texts = [w.text for w in page.words]
    assert texts == ["Pedimento", "24", "47", "3445", "4001234", "Going", "up", "the", "page", "Going", "down"] + [
        "the",
        "page",
    ]
    up = page.words[5:9]
    down = page.words[9:]
    for word in up + down:  # tall, narrow boxes: about one font size wide
        assert word.bottom - word.top > word.x1 - word.x0
        assert 10 <= word.x1 - word.x0 <= 14
    assert all(w.x0 == pytest.approx(41, abs=1) for w in up)  # the baseline at x=50, the glyphs' tops to its left
    assert [w.top for w in up] == sorted((w.top for w in up), reverse=True)  # read upwards
    assert all(w.x1 == pytest.approx(559, abs=1) for w in down)  # the baseline at x=550, the tops to its right
    assert [w.top for w in down] == sorted(w.top for w in down)
    assert up[0].bottom == pytest.approx(800 - 100, abs=1)  # starts at y=100 from the bottom


def _turned(box: Box, rotation: int, width: float, height: float) -> Box:
    """A box on the upright width x height page, as it lies on the page turned ``rotation`` degrees clockwise."""
    text, x0, top, x1, bottom = box
    if rotation == 90:
        return text, height - bottom, x0, height - top, x1
    if rotation == 180:
        return text, width - x1, height - bottom, width - x0, height - top
    return text, top, width - x1, bottom, width - x0


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_give_boxes_on_the_page_as_displayed(tmp_path: Path, rotation: int) -> None:
    source = _rotated_text_pdf(tmp_path / "upright.pdf")
    pdf = pdfium.PdfDocument(str(source))
    pdf[0].set_rotation(rotation)
    turned = tmp_path / f"turned{rotation}.pdf"
    pdf.save(str(turned))
    pdf.close()
    [upright] = read_text(source, PDF, TextOptions(ocr_pictures=False)).pages
    [page] = read_text(turned, PDF, TextOptions(ocr_pictures=False)).pages
    assert (page.width, page.height) == ((800, 600) if rotation in (90, 270) else (600, 800))
    assert [w.text for w in page.words] == [w.text for w in upright.words]
    for word, before in zip(_ours(page.words), _ours(upright.words), strict=True):
        assert word == pytest.approx(_turned(before, rotation, 600, 800), abs=0.01)
        assert 0 <= word[1] < word[3] <= page.width and 0 <= word[2] < word[4] <= page.height


def test_read_words_on_an_empty_page(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path))
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(str(path))
    textpage = pdf[0].get_textpage()
    try:
        assert read_words(textpage, 612, 792, 0) == []
    finally:
        textpage.close()
        pdf.close()
