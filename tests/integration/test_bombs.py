"""Small files that would cost gigabytes: refused at intake with a reason, failed for good (never
``internal_error``, never left ``processing``, never retried for ever) when they reach a job, and drawn in the
portal within a pixel budget by a bounded pool of memory-limited processes."""

from __future__ import annotations

import io
import resource
import stat
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from evidence.models import AuditEvent, Company, Document, DocumentStatus
from immex.services import Services, build_services
from intake.accept import IncomingDocument, accept
from tests.bombs import flate_bomb_pdf, huge_page_pdf, png_bomb, tiff_bomb
from tests.conftest import embedded_settings
from tests.e2e.portal_support import PASSWORD, add_document, login, seed_companies
from tests.integration.test_intake_channels import RecordingQueue
from tests.integration.worker_process import stop_worker, worker_env
from web import create_app
from workers import reader
from workers.jobs import claim, run_process
from workers.reader import ReadExhausted

pytestmark = pytest.mark.integration


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[Services]:
    services = build_services(embedded_settings(tmp_path, max_expanded_mb=64), queue=RecordingQueue())
    yield services
    services.close()


def company(services: Services) -> int:
    with services.db.session() as db:
        row = Company(rfc="AAA010101AAA", name="Demo")
        db.add(row)
        db.flush()
        return row.id


def document(services: Services, doc_id: int) -> Document:
    with services.db.session() as db:
        row = db.get(Document, doc_id)
        assert row is not None
        db.expunge(row)
        return row


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda d: flate_bomb_pdf(d / "factura.pdf", 1024), "expands_too_much"),
        (lambda d: flate_bomb_pdf(d / "factura.pdf", 300, twice=True), "expands_too_much"),
        (lambda d: png_bomb(d / "scan.png", 30000, 30000), "too_many_pixels"),
        (lambda d: tiff_bomb(d / "scan.tif", 40000, 40000), "too_many_pixels"),
    ],
)
def test_bombs_are_quarantined_at_intake_with_a_reason(svc: Services, tmp_path: Path, make: Any, code: str) -> None:
    path = make(tmp_path)
    result = accept(svc, IncomingDocument(company_id=company(svc), source="cli", filename=path.name, path=path))
    assert (result.status, result.code) == ("rejected", code)
    assert "it was kept but cannot be read" in (result.reason or "")
    assert svc.queue.enqueued == []  # type: ignore[attr-defined]
    assert svc.store.exists(f"originals/{result.sha256[:2]}/{result.sha256[2:4]}/{result.sha256}")


def _received(services: Services, path: Path) -> int:
    """A document already received (before these limits existed, or under higher ones): it reaches a job."""
    generous = build_services(
        embedded_settings(Path(services.settings.data_dir).parent, max_expanded_mb=4096, max_megapixels=10_000),
        queue=RecordingQueue(),
    )
    try:
        cid = company(generous)
        result = accept(generous, IncomingDocument(company_id=cid, source="cli", filename=path.name, path=path))
        assert result.status == "accepted", result.reason
        assert result.document_id is not None
        return result.document_id
    finally:
        generous.close()


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda d: png_bomb(d / "scan.png", 15000, 15000), "too_many_pixels"),
        (lambda d: flate_bomb_pdf(d / "factura.pdf", 300), "expands_too_much"),
    ],
)
def test_a_bomb_that_reaches_a_job_fails_for_good_with_a_reason(
    svc: Services, tmp_path: Path, make: Any, code: str
) -> None:
    doc_id = _received(svc, make(tmp_path))
    assert run_process(svc, doc_id) == DocumentStatus.FAILED
    doc = document(svc, doc_id)
    assert (doc.status, doc.status_code) == (DocumentStatus.FAILED, code)
    assert "kept but cannot be read" in (doc.status_reason or "") and "internal error" not in (doc.status_reason or "")


def test_a_document_that_exhausts_its_reader_fails_for_good_after_the_limit(tmp_path: Path) -> None:
    """A 7000 x 7000 scan is within the pixel limit but not within 40 MB of memory: the reading process ends,
    the server does not; the second time the document fails for good with the clerk's reason."""
    settings = embedded_settings(tmp_path, job_memory_mb=40, job_failure_limit=2)
    services = build_services(settings, queue=RecordingQueue())
    try:
        doc_id = _received(services, png_bomb(tmp_path / "scan.png", 7000, 7000, bits=8))
        with pytest.raises(ReadExhausted):
            run_process(services, doc_id)
        first = document(services, doc_id)
        assert (first.status, first.status_code) == (DocumentStatus.RECEIVED, "too_large_to_read")
        assert run_process(services, doc_id) == DocumentStatus.FAILED
        doc = document(services, doc_id)
        assert (doc.status, doc.status_code) == (DocumentStatus.FAILED, "too_large_to_read")
        assert "expands to more than 40 MB when it is read" in (doc.status_reason or "")
        assert "it was kept but cannot be read" in (doc.status_reason or "")
        assert doc.lease_until is None
        with services.db.session() as db:
            failures = db.scalar(
                select(func.count()).where(
                    AuditEvent.action == "document.read_failed", AuditEvent.object_id == str(doc_id)
                )
            )
        assert failures == 2
    finally:
        services.close()


def test_a_document_whose_worker_keeps_dying_fails_for_good(svc: Services, tmp_path: Path) -> None:
    """Each time the process reading it is killed (a work-horse aborted by pdfium) the document is left
    ``processing``; when it is claimed again that is counted, and at the limit it fails for good."""
    doc_id = _received(svc, huge_page_pdf(tmp_path / "plano.pdf"))

    def lease_runs_out() -> None:
        with svc.db.session() as db:
            row = db.get(Document, doc_id)
            assert row is not None and row.status == DocumentStatus.PROCESSING
            row.lease_until = datetime.now(UTC) - timedelta(seconds=1)

    assert claim(svc, doc_id) is not None  # the first worker claims it and is killed: left processing
    assert claim(svc, doc_id) is None  # while its lease runs, no one else takes it
    lease_runs_out()
    assert claim(svc, doc_id) is not None  # counted once; the second worker claims it and is killed too
    lease_runs_out()
    assert run_process(svc, doc_id) == DocumentStatus.FAILED  # counted twice: the limit
    doc = document(svc, doc_id)
    assert (doc.status, doc.status_code) == (DocumentStatus.FAILED, "too_large_to_read")


def test_reading_temp_files_are_private_and_swept(tmp_path: Path) -> None:
    settings = embedded_settings(tmp_path)
    with reader.private_temp(settings) as folder:
        import tempfile

        with tempfile.NamedTemporaryFile(delete=False) as handle:
            handle.write(b"page")
        assert Path(handle.name).parent == folder
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        made = folder / "tesseract-out.txt"
        made.write_text("words")
        assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert not folder.exists()
    left = reader.ocr_temp_root(settings) / "read-999999999-abc"  # a process that is gone
    left.mkdir()
    live = reader.ocr_temp_root(settings) / f"read-{__import__('os').getpid()}-abc"
    live.mkdir()
    assert reader.sweep_temp(settings) == 1
    assert not left.exists() and live.exists()
    assert stat.S_IMODE(reader.ocr_temp_root(settings).stat().st_mode) == 0o700


# -- the portal's page images ----------------------------------------------------------------------------------


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[dict[str, Any]]:
    services = build_services(embedded_settings(tmp_path, render_workers=2, job_memory_mb=1024))
    ids = seed_companies(services)
    app = create_app(services)
    client = app.test_client()
    assert login(client, "clerk@a.mx", PASSWORD).status_code == 302
    yield {"services": services, "client": client, "a": ids["a"], "tmp": tmp_path}
    services.close()


def _png(response: Any) -> Image.Image:
    assert response.mimetype == "image/png"
    return Image.open(io.BytesIO(response.get_data()))


def test_four_huge_pages_at_once_are_drawn_within_budget(portal: dict[str, Any]) -> None:
    services, client = portal["services"], portal["client"]
    ids = []
    for n in range(4):
        pdf = huge_page_pdf(portal["tmp"] / f"plano-{n}.pdf", 14400 - n)  # four different documents
        ids.append(add_document(services, portal["a"], pdf, page_text=""))
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(lambda i: client.get(f"/documents/{i}/pages/1.png"), ids))
    assert [r.status_code for r in responses] == [200] * 4
    for response in responses:
        image = _png(response)
        assert image.width * image.height <= 12_000_000
        assert image.width > 3000  # scaled down, not refused
    grew_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before_mb
    assert grew_mb < 400, f"the web process grew by {grew_mb:.0f} MB"  # loosely: the pages drew elsewhere
    again = client.get(f"/documents/{ids[0]}/pages/1.png")  # from the cache
    assert again.status_code == 200 and again.get_data() == responses[0].get_data()


def test_a_page_that_cannot_be_drawn_is_a_placeholder_not_a_500(portal: dict[str, Any]) -> None:
    services, client = portal["services"], portal["client"]
    bomb = flate_bomb_pdf(portal["tmp"] / "bomb.pdf", 1024)
    doc_id = add_document(services, portal["a"], bomb, page_text="")
    response = client.get(f"/documents/{doc_id}/pages/1.png")
    assert response.status_code == 422
    assert _png(response).width == 640
    assert client.get(f"/documents/{doc_id}/pages/1.png").status_code == 422  # the refusal is remembered
    assert client.get(f"/documents/{doc_id}/pages/9.png").status_code in (404, 422)


def test_a_render_process_that_runs_out_of_memory_is_replaced(tmp_path: Path) -> None:
    """A page that needs more than the render process may have ends that process, not the server; the next
    page is drawn by a fresh one."""
    from web.pagerender import RenderPool

    pool = RenderPool(1, 40)
    try:
        huge = png_bomb(tmp_path / "scan.png", 7000, 7000, bits=8)
        refused = pool.render(huge, "image/png", 1, tmp_path / "out.png", 1.5, (256, 60_000_000))
        assert refused.status == "refused" and "more than 40 MB" in refused.reason
        small = png_bomb(tmp_path / "small.png", 200, 100, bits=8)
        drawn = pool.render(small, "image/png", 1, tmp_path / "small-out.png", 1.5, (256, 60_000_000))
        assert drawn.status == "ok" and Image.open(tmp_path / "small-out.png").size == (200, 100)
    finally:
        pool.close()


# -- an RQ work-horse (a process forked for one job) limits itself ---------------------------------------------


def _in_work_horse(services: Services, doc_id: int) -> int:
    """Run ``process_document`` as RQ's forking worker does: in a child forked from the worker process."""
    import os

    from workers import jobs

    jobs.set_worker_services(services)
    pid = os.fork()
    if pid == 0:  # the work-horse
        try:
            jobs.process_document(doc_id)
            os._exit(0)
        except BaseException:  # noqa: BLE001 - the exit code says it
            os._exit(1)
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_work_horse_limits_its_memory_and_fails_the_document_with_a_reason(tmp_path: Path) -> None:
    settings = embedded_settings(tmp_path, job_memory_mb=40, job_failure_limit=1)
    services = build_services(settings, queue=RecordingQueue())
    try:
        doc_id = _received(services, png_bomb(tmp_path / "scan.png", 7000, 7000, bits=8))
        assert _in_work_horse(services, doc_id) == 0
        doc = document(services, doc_id)
        assert (doc.status, doc.status_code) == (DocumentStatus.FAILED, "too_large_to_read")
        assert "expands to more than 40 MB" in (doc.status_reason or "")
        assert list(reader.ocr_temp_root(services.settings).iterdir()) == []  # its private folder is gone
    finally:
        services.close()


def test_a_work_horse_still_reads_an_ordinary_document(tmp_path: Path) -> None:
    from tests.factories import text_pdf

    services = build_services(embedded_settings(tmp_path), queue=RecordingQueue())
    try:
        doc_id = _received(services, text_pdf(tmp_path / "factura.pdf", ["COMMERCIAL INVOICE", "Invoice No. 7"]))
        assert _in_work_horse(services, doc_id) == 0
        assert document(services, doc_id).status == DocumentStatus.PROCESSED
    finally:
        services.close()


def test_on_rq_a_document_that_exhausts_the_work_horse_ends_failed(
    tmp_path: Path, pg_url: str, redis_url: str, s3_server: Any
) -> None:
    """The case that was retried 21 times at 6-8 GB each: with a real forking ``immex worker`` on PostgreSQL,
    Redis and S3, the work-horse limits itself, and the document ends ``failed`` with the clerk's reason after
    ``IMMEX_JOB_FAILURE_LIMIT`` attempts (the subprocess deadline only stops a hung test; nothing is timed)."""
    import os
    import subprocess
    import sys
    import time

    from tests.conftest import service_settings

    settings = service_settings(tmp_path, pg_url, redis_url, s3_server)
    services = build_services(settings)
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMMEX_")}
    env.update(
        IMMEX_DATA_DIR=str(settings.data_dir),
        IMMEX_DATABASE_URL=settings.database_url,
        IMMEX_REDIS_URL=settings.redis_url,
        IMMEX_S3_ENDPOINT=settings.s3_endpoint,
        IMMEX_S3_ACCESS_KEY="testing",
        IMMEX_S3_SECRET_KEY="testing",
        IMMEX_S3_BUCKET=settings.s3_bucket,
        IMMEX_JOB_MEMORY_MB="60",
        IMMEX_JOB_FAILURE_LIMIT="2",
    )
    worker = subprocess.Popen([sys.executable, "-m", "immex", "worker"], env=worker_env(env), start_new_session=True)
    try:
        cid = company(services)
        scan = png_bomb(tmp_path / "scan.png", 7000, 7000, bits=8)
        result = accept(services, IncomingDocument(company_id=cid, source="api", filename=scan.name, path=scan))
        assert result.status == "accepted" and result.document_id is not None
        deadline = time.monotonic() + 300
        doc = document(services, result.document_id)
        while time.monotonic() < deadline and doc.status not in DocumentStatus.DONE:
            time.sleep(0.5)
            doc = document(services, result.document_id)
        assert (doc.status, doc.status_code) == (DocumentStatus.FAILED, "too_large_to_read")
        assert "expands to more than 60 MB" in (doc.status_reason or "") and doc.attempts == 2
        assert worker.poll() is None  # the worker itself is still up
    finally:
        try:
            stop_worker(worker)
        finally:
            services.close()
