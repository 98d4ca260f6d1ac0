"""Reading progress, page by page: ``read_text`` tells each finished page, the job writes it on the document at
most once a page, and the status believes it only while the job's lease is fresh."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from evidence.models import Company, Document, DocumentStatus
from extractors.text import TextOptions, _PageCount, read_text
from immex.services import Services, build_services
from tests.conftest import embedded_settings
from workers import progress as progress_module
from workers.progress import FIELDS, PAGES, ProgressWriter, progress_of

PDF = "application/pdf"


def _text_pdf(path: Path, pages: int) -> Path:
    c = canvas.Canvas(str(path))
    for number in range(1, pages + 1):
        c.drawString(72, 720, f"Factura comercial, hoja {number}")
        c.showPage()
    c.save()
    return path


def test_read_text_tells_every_finished_page_from_zero(tmp_path: Path) -> None:
    heard: list[tuple[int, int]] = []
    pdf = _text_pdf(tmp_path / "three.pdf", 3)
    doc = read_text(pdf, PDF, TextOptions(words=False), lambda done, total: heard.append((done, total)))
    assert len(doc.pages) == 3
    assert heard == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_a_page_is_finished_when_its_read_ends_and_all_its_ocr_is_back() -> None:
    heard: list[tuple[int, int]] = []
    count = _PageCount(2, lambda done, total: heard.append((done, total)))
    count.begin(1)
    count.queued(1)  # a picture on page 1
    count.queued(1)  # and another
    count.back(1)  # one picture comes back while the page is still being read: not finished
    count.end(1)
    assert heard == [(0, 2)]
    count.begin(2)
    count.end(2)  # page 2 has a text layer only: finished before page 1
    count.back(1)
    assert heard == [(0, 2), (1, 2), (2, 2)]


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    s = build_services(embedded_settings(tmp_path))
    yield s
    s.close()


def _document(services: Services, status: str, lease: timedelta | None) -> int:
    with services.db.session() as session:
        company = session.query(Company).first() or Company(rfc="AAA010101AAA", name="A")
        session.add(company)
        session.flush()
        doc = Document(
            company_id=company.id,
            sha256=f"{status:0>64}",
            filename="scan.pdf",
            media_type=PDF,
            size=1,
            source="upload",
            status=status,
            lease_until=datetime.now(UTC) + lease if lease is not None else None,
        )
        session.add(doc)
        session.flush()
        return doc.id


def _row(services: Services, doc_id: int) -> Document:
    with services.db.session() as session:
        doc = session.get(Document, doc_id)
        assert doc is not None
        session.expunge(doc)
        return doc


def test_the_writer_writes_at_most_once_a_page_and_always_the_first_and_last(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    lease = services.settings.job_lease
    doc_id = _document(services, DocumentStatus.PROCESSING, timedelta(seconds=lease))
    writes: list[tuple[int, int]] = []
    writer = ProgressWriter(services, doc_id)
    original = writer._write

    def counting(values: dict[str, object]) -> None:
        if values["progress_stage"] == PAGES:
            writes.append((values["pages_done"], values["pages_total"]))  # type: ignore[arg-type]
        original(values)

    monkeypatch.setattr(writer, "_write", counting)
    monkeypatch.setattr(progress_module, "MIN_INTERVAL", 3600.0)  # every middle page comes "too soon"
    for done in range(0, 6):
        writer.pages(done, 5)
    assert writes == [(0, 5), (5, 5)]  # the start and the last page are always written; the middle ones waited
    assert progress_of(_row(services, doc_id), lease) == {"stage": PAGES, "done": 5, "total": 5}
    monkeypatch.setattr(progress_module, "MIN_INTERVAL", 0.0)
    writes.clear()
    for done in range(0, 6):
        writer.pages(done, 5)
    assert writes == [(d, 5) for d in range(6)]  # never more than once a page
    writer.stage(FIELDS)
    assert progress_of(_row(services, doc_id), lease) == {"stage": FIELDS, "done": None, "total": None}


def test_progress_is_believed_only_while_the_job_lives(services: Services) -> None:
    lease = services.settings.job_lease
    live = _document(services, DocumentStatus.PROCESSING, timedelta(seconds=lease))
    ProgressWriter(services, live).pages(1, 3)
    assert progress_of(_row(services, live), lease) == {"stage": PAGES, "done": 1, "total": 3}
    # the job was killed: its lease has not been renewed for more than half a lease
    stale = _row(services, live)
    assert progress_of(stale, lease, now=datetime.now(UTC) + timedelta(seconds=lease * 0.6)) is None
    # a document that is not being processed keeps no progress, and none is written on it
    done = _document(services, DocumentStatus.PROCESSED, None)
    ProgressWriter(services, done).pages(2, 3)
    row = _row(services, done)
    assert row.progress_stage is None and progress_of(row, lease) is None
