"""Scans at 200 dpi and pages scanned upside down, read with the real tesseract.

The documents are generated (``tests.synth``) and scanned by ``tests.synth.scan`` the way a scanner would give
them back: grey, slightly turned, blurred, with sensor noise and specks, as an image-only PDF at 200 dpi. At that
resolution tesseract's orientation detection is unsure (an upside-down page often gets "0 degrees, confidence
0.01"), so the text step must still turn the page and read it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractors import ocr
from extractors.pipeline import extract
from extractors.text import TextOptions, read_text, scan_render_dpi
from tests.synth.generate import make_truth, render
from tests.synth.scan import scan_pdf

pytestmark = [pytest.mark.ocr, pytest.mark.integration, pytest.mark.slow]

PDF = "application/pdf"
OPTIONS = TextOptions(ocr_workers=2)


def _scanned(tmp_path: Path, doc_type: str, layout: str, *, upside_down: bool) -> tuple[dict, Path]:
    rng = random.Random(f"scan-test/{doc_type}/{layout}")
    truth = make_truth(doc_type, layout, 0, rng)
    source = tmp_path / f"{doc_type}.pdf"
    render(truth, layout, source, rng)
    scanned = tmp_path / f"{doc_type}.scan200.pdf"
    scan_pdf(source, scanned, dpi=200, rng=random.Random(7), upside_down=0 if upside_down else None)
    return truth, scanned


def _normal(text: str) -> str:
    return "".join(text.split()).upper()


def test_upside_down_200_dpi_pedimento_is_turned_and_read(tmp_path: Path) -> None:
    truth, scanned = _scanned(tmp_path, "pedimento", "saai", upside_down=True)
    doc = read_text(scanned, PDF, OPTIONS)
    page = doc.pages[0]
    assert page.source == "ocr" and page.error is None
    assert page.rotation == 180
    assert (page.confidence or 0.0) >= 0.75
    # the page keeps its size in points, and its words lie on it
    assert page.width == pytest.approx(612, abs=2) and page.height == pytest.approx(792, abs=2)
    assert all(0 <= w.x0 <= w.x1 <= page.width + 1 and 0 <= w.top <= w.bottom <= page.height + 1 for w in page.words)
    fields = truth["fields"]
    text = _normal(doc.text)
    assert _normal(fields["importer_exporter_rfc"]) in text
    result = extract(scanned, doc_text=doc)
    assert result["doc_type"] == "pedimento"
    assert result["fields"]["pedimento_number"]["value"] == fields["pedimento_number"]


def test_upside_down_200_dpi_bill_of_lading_is_turned_and_read(tmp_path: Path) -> None:
    truth, scanned = _scanned(tmp_path, "bill_of_lading", "ocean", upside_down=True)
    doc = read_text(scanned, PDF, OPTIONS)
    assert doc.pages[0].rotation == 180
    result = extract(scanned, doc_text=doc)
    assert result["doc_type"] == "bill_of_lading"
    assert result["fields"]["bl_number"]["value"] == truth["fields"]["bl_number"]


def test_200_dpi_scan_is_read_at_its_own_resolution(tmp_path: Path) -> None:
    truth, scanned = _scanned(tmp_path, "commercial_invoice", "english", upside_down=False)
    doc = read_text(scanned, PDF, OPTIONS)
    page = doc.pages[0]
    assert page.rotation == 0 and (page.confidence or 0.0) >= 0.8
    result = extract(scanned, doc_text=doc)
    assert result["doc_type"] == "commercial_invoice"
    for name in ("seller_tax_id", "buyer_tax_id", "total_amount", "invoice_date"):
        assert result["fields"][name]["value"] == truth["fields"][name], name


def test_unsure_orientation_detection_still_turns_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OSD answering "upright, confidence 0.01" (what it does on noisy low-resolution pages): 180 is tried."""
    _, scanned = _scanned(tmp_path, "pedimento", "saai", upside_down=True)
    monkeypatch.setattr(ocr, "detect_rotation", lambda image, dpi, timeout=60.0: (0, 0.01))
    page = read_text(scanned, PDF, OPTIONS).pages[0]
    assert page.rotation == 180 and (page.confidence or 0.0) >= 0.75


def test_scan_render_dpi() -> None:
    assert scan_render_dpi(None, 300) == 300  # no page-sized picture: the configured resolution
    assert scan_render_dpi(200.0, 300) == 200  # a 200-dpi scan is read as scanned
    assert scan_render_dpi(299.6, 300) == 300
    assert scan_render_dpi(600.0, 300) == 300  # finer scans are rendered down
    assert scan_render_dpi(100.0, 300) == 300  # too coarse for tesseract as it is: enlarged
