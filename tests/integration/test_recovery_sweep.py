"""Embedded mode: a document left ``processing`` by a killed ``immex serve`` that was restarted within the lease is
taken up by the periodic sweep once the lease has ended (recovery at start alone left it processing for ever)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from evidence.models import Company, Document, DocumentStatus
from immex.services import build_services
from intake.accept import IncomingDocument, accept
from tests.conftest import embedded_settings
from tests.factories import text_pdf
from tests.integration.test_intake_channels import RecordingQueue
from workers.runner import start_recovery

pytestmark = pytest.mark.integration


def test_a_document_interrupted_within_the_lease_is_taken_up_by_the_periodic_sweep(tmp_path: Path) -> None:
    settings = embedded_settings(tmp_path, job_lease=2)
    before = build_services(settings, queue=RecordingQueue())  # the serve process that is about to be killed
    with before.db.session() as db:
        company = Company(rfc="AAA010101AAA", name="Demo")
        db.add(company)
        db.flush()
        company_id = company.id
    pdf = text_pdf(tmp_path / "factura.pdf", ["COMMERCIAL INVOICE", "Invoice No. INV-2026-0042"])
    incoming = IncomingDocument(company_id=company_id, source="cli", filename=pdf.name, path=pdf)
    doc_id = accept(before, incoming).document_id
    with before.db.session() as db:  # it was being read when the process was killed; its lease is still running
        row = db.get(Document, doc_id)
        assert row is not None
        row.status = DocumentStatus.PROCESSING
        row.attempts = 1
        row.lease_until = datetime.now(UTC) + timedelta(seconds=2)
    before.close()

    services = build_services(settings)  # `immex serve` started again, within the lease
    stop = start_recovery(services)
    try:
        deadline = time.monotonic() + 120  # only stops a hung test
        status = DocumentStatus.PROCESSING
        while time.monotonic() < deadline and status not in DocumentStatus.DONE:
            time.sleep(0.2)
            with services.db.session() as db:
                status = db.get(Document, doc_id).status  # type: ignore[union-attr]
        assert status in DocumentStatus.DONE and status != DocumentStatus.FAILED
    finally:
        stop.set()
        services.close()
