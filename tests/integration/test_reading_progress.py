"""A scanned document of several pages reports its reading page by page while the job runs (the child reader's
lines, written on the document row), on the embedded backend and on PostgreSQL with RQ; when the job ends
the record is cleared and the status alone speaks."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen import canvas

from evidence.models import Document, DocumentStatus
from immex.services import Services
from intake.accept import IncomingDocument
from intake.archives import accept_files
from tests.conftest import drain
from tests.synth.scan import scan_pdf
from workers import progress as progress_module
from workers.progress import FIELDS, PAGES, progress_of

pytestmark = pytest.mark.integration
PAGE_COUNT = 3


def _scanned(tmp_path: Path) -> Path:
    source = tmp_path / "typed.pdf"
    c = canvas.Canvas(str(source))
    for number in range(1, PAGE_COUNT + 1):
        c.setFont("Helvetica", 14)
        for line in range(12):
            c.drawString(72, 720 - 24 * line, f"Hoja {number}, renglon {line + 1}: factura comercial 4471-{number}")
        c.showPage()
    c.save()
    scanned = tmp_path / "scan.pdf"
    scan_pdf(source, scanned, dpi=200, rng=random.Random(5))
    return scanned


def test_a_scanned_document_reports_its_pages_as_they_are_read(
    services: Services, company_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[dict[str, Any]] = []
    original = progress_module.ProgressWriter._write

    def recording(self: progress_module.ProgressWriter, values: dict[str, Any]) -> None:
        written.append(dict(values))
        original(self, values)

    monkeypatch.setattr(progress_module.ProgressWriter, "_write", recording)
    path = _scanned(tmp_path)
    incoming = IncomingDocument(company_id=company_id, source="upload", filename=path.name, path=path, actor="t")
    [result] = accept_files(services, incoming)
    assert result.document_id is not None
    seen: list[dict[str, Any]] = []  # what the status JSON said while the job ran
    lease = services.settings.job_lease
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            with services.db.session() as session:
                doc = session.get(Document, result.document_id)
                assert doc is not None
                shown = progress_of(doc, lease)
            if shown is not None and shown not in seen:
                seen.append(shown)
            time.sleep(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    drain(services)  # RQ's worker wants the main thread (signals); the poller watches from another
    stop.set()
    poller.join()

    pages = [(w["pages_done"], w["pages_total"]) for w in written if w["progress_stage"] == PAGES]
    assert pages[0] == (0, PAGE_COUNT) and pages[-1] == (PAGE_COUNT, PAGE_COUNT)
    assert [d for d, _t in pages] == sorted({d for d, _t in pages})  # increasing, each page at most once
    assert written[-1] == {"progress_stage": FIELDS}
    # the status followed it: pages in order, then the fields
    assert seen, "the status never showed the reading's progress"
    shown_pages = [s["done"] for s in seen if s["stage"] == PAGES]
    assert shown_pages == sorted(shown_pages) and all(s["total"] == PAGE_COUNT for s in seen if s["stage"] == PAGES)
    with services.db.session() as session:
        doc = session.get(Document, result.document_id)
        assert doc is not None
        assert doc.status == DocumentStatus.PROCESSED and doc.pages == PAGE_COUNT
        assert (doc.progress_stage, doc.pages_done, doc.pages_total) == (None, None, None)
        assert progress_of(doc, lease) is None
