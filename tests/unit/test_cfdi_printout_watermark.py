"""A CFDI printout whose cancellation shows only as a watermark across the page ("CANCELADO" at a slant, "SIN
VALIDEZ" glyph by glyph, a huge pale word laid flat): the text drawn across the page is told from the form's lines
by its slant or its size, in the text layer and in OCR'd words, and the printout goes to review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from extractors.cfdi_pdf_status import CANCELLED, marked_cancelled, page_marks, warn_if_cancelled
from extractors.pipeline import extract
from extractors.result import ResultBuilder
from extractors.text import PageText, Word
from extractors.textlayer import read_layer
from tests.synth.draw import BOLD, Sheet


def _form(s: Sheet) -> None:
    s.text(30, 30, "INDUSTRIAS DEL BAJIO S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 42, "RFC: IBA010203AB4", size=8)
    s.text(30, 80, "Receptor: NORTHWIND TRADING LLC", size=8)
    s.text(330, 80, "Folio fiscal: 9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D", size=8)
    s.text(30, 90, "RFC receptor: XEXX010101000", size=8)
    s.text(330, 90, "Fecha y hora de emisión: 02/03/2025 09:30:00", size=8)
    s.text(30, 100, "Moneda: USD   Tipo de cambio: 18.0632", size=8)
    s.text(330, 100, "Serie y folio: B 4410", size=8)
    s.text(30, 120, "Sustituye a la factura B-4402, cancelada con motivo 01", size=7)
    s.text(330, 150, "Subtotal: 1,250.00", size=8)
    s.text(330, 180, "Total: 1,250.00", size=8)


def _sheet(path: Path, mark: str, how: str) -> Path:
    s = Sheet(path, title="CFDI")
    _form(s)
    c = s.canvas
    c.saveState()
    c.setFillGray(0.85)
    if how == "string":  # one rotated string
        c.translate(s.width / 2, s.height / 2)
        c.rotate(35)
        c.setFont(BOLD, 70)
        c.drawCentredString(0, 0, mark)
    elif how == "glyphs":  # each glyph placed and turned on its own
        c.setFont(BOLD, 60)
        for k, glyph in enumerate(mark):
            c.saveState()
            c.translate(80 + 38 * k, 150 + 38 * k)
            c.rotate(45)
            c.drawString(0, 0, glyph)
            c.restoreState()
    elif how == "upward":  # a whole turn short of upright: reads bottom to top, slanted the other way
        c.translate(s.width / 2, s.height / 2)
        c.rotate(-50)
        c.setFont(BOLD, 60)
        c.drawCentredString(0, 0, mark)
    else:  # laid flat, huge
        c.setFont(BOLD, 64)
        c.drawString(40, 300, mark)
    c.restoreState()
    s.save()
    return path


def _marks(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return read_layer(pdf[0], words=True).marks
    finally:
        pdf.close()


@pytest.mark.parametrize("how", ["string", "glyphs", "upward", "flat"])
@pytest.mark.parametrize("mark", ["CANCELADO", "CANCELADA", "SIN VALIDEZ"])
def test_a_watermark_is_read_apart_from_the_form(tmp_path: Path, mark: str, how: str) -> None:
    marks = _marks(_sheet(tmp_path / "mark.pdf", mark, how))
    assert "".join(marks.split()) == mark.replace(" ", "")
    assert marked_cancelled(marks)


def test_a_form_without_watermark_has_no_marks(tmp_path: Path) -> None:
    s = Sheet(tmp_path / "plain.pdf", title="CFDI")
    _form(s)
    s.save()
    assert _marks(tmp_path / "plain.pdf") == ""


def test_a_large_heading_is_no_cancellation(tmp_path: Path) -> None:
    s = Sheet(tmp_path / "heading.pdf", title="CFDI")
    _form(s)
    s.text(30, 250, "FACTURA", font=BOLD, size=40)
    s.save()
    marks = _marks(tmp_path / "heading.pdf")
    assert marks == "FACTURA"
    assert not marked_cancelled(marks)


def _warnings(path: Path) -> list[str]:
    result: dict[str, Any] = extract(path, media_type="application/pdf")
    return [w["code"] for w in result["warnings"]]


@pytest.mark.parametrize("how", ["string", "glyphs", "flat"])
def test_a_printout_under_a_cancelled_watermark_goes_to_review(tmp_path: Path, how: str) -> None:
    path = _sheet(tmp_path / "cfdi.pdf", "CANCELADO", how)
    assert CANCELLED in _warnings(path)


def test_a_printout_naming_a_cancelled_predecessor_does_not(tmp_path: Path) -> None:
    s = Sheet(tmp_path / "cfdi.pdf", title="CFDI")
    _form(s)
    s.save()
    assert CANCELLED not in _warnings(tmp_path / "cfdi.pdf")


def _ocr_page(words: list[tuple[str, float]]) -> PageText:
    placed = [Word(text, 40.0, 20.0 * k, 40.0 + 6 * len(text), 20.0 * k + h, 0.9) for k, (text, h) in enumerate(words)]
    return PageText(1, "\n".join(t for t, _ in words), placed, "ocr", 0.9, 612.0, 792.0, 0)


def test_ocr_reads_a_flat_watermark_from_its_height() -> None:
    page = _ocr_page([("Folio", 7.0), ("fiscal:", 7.0), ("Total:", 7.0), ("1,250.00", 8.0), ("CANCELAD", 75.0)])
    assert page_marks(page) == "CANCELAD"
    out = ResultBuilder()
    warn_if_cancelled(out, page.text, [page])
    assert [w["code"] for w in out.warnings] == [CANCELLED]


def test_ocr_word_cancelado_on_a_line_of_the_form_is_no_watermark() -> None:
    page = _ocr_page([("Folio", 7.0), ("Relacionado", 7.0), ("CANCELADO", 8.0), ("Total:", 7.0)])
    assert page_marks(page) == ""
    out = ResultBuilder()
    warn_if_cancelled(out, page.text, [page])
    assert out.warnings == []
