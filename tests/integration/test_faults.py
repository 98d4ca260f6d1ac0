"""Faults with real components: the object store or the database going away and coming back, and a worker killed
in the middle of a job. Each ends in a clear state and nothing is lost."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from evidence.models import Company, Document
from immex.errors import TransientError
from immex.services import build_services
from intake.accept import IncomingDocument, accept
from tests.conftest import CORPUS, S3Server, run_rq_burst, service_settings
from tests.factories import text_pdf
from tests.proxy import TcpProxy

pytestmark = pytest.mark.integration


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (RQ's work-horse runs in a session of its own, so a process group kill
    would miss it)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _company(services) -> int:  # type: ignore[no-untyped-def]
    with services.db.session() as s:
        c = Company(rfc="FAU010101AAA", name="Faults")
        s.add(c)
        s.flush()
        return c.id


def test_object_store_down_then_back(tmp_path: Path, pg_url: str, redis_url: str, s3_server: S3Server) -> None:
    proxy = TcpProxy("127.0.0.1", s3_server.port)
    proxy.start()
    settings = service_settings(tmp_path, pg_url, redis_url, s3_server)
    from dataclasses import replace

    settings = replace(settings, s3_endpoint=proxy.address)
    services = build_services(settings)
    try:
        cid = _company(services)
        pdf = text_pdf(tmp_path / "inv.pdf", ["COMMERCIAL INVOICE", "Invoice No. 99"])

        # Down at intake: accept() fails loudly and writes no document row.
        proxy.stop()
        with pytest.raises(TransientError) as exc:
            accept(services, IncomingDocument(company_id=cid, source="cli", filename="inv.pdf", path=pdf))
        assert "object store" in exc.value.message
        with services.db.session() as s:
            assert s.scalars(select(Document)).all() == []

        # Back: the same file is accepted; then down while the job runs: it waits to retry.
        proxy.start()
        res = accept(services, IncomingDocument(company_id=cid, source="cli", filename="inv.pdf", path=pdf))
        assert res.status == "accepted"
        proxy.stop()
        run_rq_burst(services)
        with services.db.session() as s:
            doc = s.get(Document, res.document_id)
            assert doc is not None and doc.status == "received"
            assert doc.status_code == "unavailable" and "Waiting to retry" in (doc.status_reason or "")

        # Back again: the retry (run now instead of after its back-off) processes it.
        proxy.start()
        services.queue.enqueue_process(res.document_id)  # type: ignore[arg-type]
        run_rq_burst(services)
        with services.db.session() as s:
            doc = s.get(Document, res.document_id)
            assert doc is not None and doc.status == "processed", doc.status_reason
    finally:
        proxy.stop()
        services.close()


def test_database_down_at_intake(tmp_path: Path, pg_url: str, redis_url: str, s3_server: S3Server) -> None:
    from dataclasses import replace

    host_port = pg_url.split("@", 1)[1].split("/", 1)[0]
    proxy = TcpProxy("127.0.0.1", int(host_port.split(":")[1]))
    proxy.start()
    settings = replace(
        service_settings(tmp_path, pg_url, redis_url, s3_server),
        database_url=pg_url.replace(host_port, proxy.address),
    )
    services = build_services(settings)
    try:
        cid = _company(services)
        pdf = text_pdf(tmp_path / "p.pdf", ["PEDIMENTO"])
        proxy.stop()
        with pytest.raises(TransientError) as exc:
            accept(services, IncomingDocument(company_id=cid, source="cli", filename="p.pdf", path=pdf))
        assert "database" in exc.value.message
        proxy.start()
        res = accept(services, IncomingDocument(company_id=cid, source="cli", filename="p.pdf", path=pdf))
        assert res.status == "accepted"
        with services.db.session() as s:
            assert len(s.scalars(select(Document)).all()) == 1
    finally:
        proxy.stop()
        services.close()


@pytest.mark.ocr
def test_worker_killed_mid_job_does_not_lose_the_document(
    tmp_path: Path, pg_url: str, redis_url: str, s3_server: S3Server
) -> None:
    from dataclasses import replace

    settings = replace(service_settings(tmp_path, pg_url, redis_url, s3_server), job_lease=4)
    services = build_services(settings)
    env = dict(os.environ)
    env.update(
        IMMEX_DATA_DIR=str(settings.data_dir),
        IMMEX_DATABASE_URL=settings.database_url,
        IMMEX_REDIS_URL=settings.redis_url,
        IMMEX_S3_ENDPOINT=settings.s3_endpoint,
        IMMEX_S3_ACCESS_KEY="testing",
        IMMEX_S3_SECRET_KEY="testing",
        IMMEX_S3_BUCKET=settings.s3_bucket,
        IMMEX_JOB_LEASE="4",
    )
    immex = [sys.executable, "-m", "immex"]
    try:
        cid = _company(services)
        res = accept(
            services,
            IncomingDocument(
                company_id=cid,
                source="cli",
                filename="cardinal.pdf",
                path=CORPUS / "ocr-ocrmypdf" / "cardinal.pdf",
            ),
        )
        worker = subprocess.Popen([*immex, "worker"], env=env, start_new_session=True)
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline:
            with services.db.session() as s:
                status = s.get(Document, res.document_id).status  # type: ignore[union-attr]
            if status == "processing":
                break
            time.sleep(0.2)
        assert status == "processing"
        for pid in [worker.pid, *_descendants(worker.pid)]:  # the worker and its work-horse die mid-OCR
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        worker.wait()
        with services.db.session() as s:
            assert s.get(Document, res.document_id).status == "processing"  # type: ignore[union-attr]

        time.sleep(5)  # let the lease expire
        second = subprocess.run([*immex, "worker", "--burst"], env=env, timeout=600, capture_output=True, text=True)
        assert second.returncode == 0, second.stderr
        with services.db.session() as s:
            doc = s.get(Document, res.document_id)
            assert doc is not None and doc.status == "processed", doc.status_reason
            assert doc.pages == 4 and doc.attempts == 2
    finally:
        services.close()
