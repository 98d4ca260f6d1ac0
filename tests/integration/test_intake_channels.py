"""A ZIP whose entries are stored uncompressed, and an HTML page named ``.pdf``, through every channel: the CLI,
the API and mail. Each file of an archive becomes a document or a reported rejection; the web page is kept in
quarantine with a reason, never processed as XML."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from evidence.models import AuditEvent, Document, DocumentStatus, QuarantineEntry
from immex.cli import main
from immex.services import Services, build_services
from intake.mailroute import receive_message, set_company_mail
from tests.conftest import embedded_settings
from tests.e2e.portal_support import seed_companies
from tests.factories import text_pdf
from tests.integration.test_api import check
from web import create_app
from web.accounts.service import create_token

pytestmark = pytest.mark.integration

HTML = b"<!DOCTYPE html><html><head><title>Factura</title></head><body><p>Pedimento 1</p></body></html>"


def stored_zip(tmp_path: Path) -> bytes:
    """Three PDFs stored uncompressed: the first one's ``%PDF-`` shows within the archive's first kilobyte."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for n in (1, 2, 3):
            pdf = text_pdf(tmp_path / f"f{n}.pdf", [f"COMMERCIAL INVOICE INV-{n}", f"Invoice No. INV-{n}"])
            zf.write(pdf, f"embarque/factura-{n}.pdf")
    data = buf.getvalue()
    assert b"%PDF-" in data[:1024]
    return data


class RecordingQueue:
    """Unit of this test is intake: the queue remembers what was enqueued (processing is tested elsewhere)."""

    def __init__(self) -> None:
        self.enqueued: list[int] = []

    def enqueue_process(self, document_id: int) -> None:
        self.enqueued.append(document_id)

    def close(self) -> None:
        pass

    def describe(self) -> str:
        return "recording"


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[Services]:
    services = build_services(embedded_settings(tmp_path), queue=RecordingQueue())
    yield services
    services.close()


def documents(services: Services) -> list[Document]:
    with services.db.session() as db:
        rows = list(db.scalars(select(Document).order_by(Document.id)))
        db.expunge_all()
        return rows


def assert_three_invoices(services: Services, source: str) -> None:
    rows = documents(services)
    assert [(d.filename, d.media_type, d.status, d.source) for d in rows] == [
        (f"factura-{n}.pdf", "application/pdf", DocumentStatus.RECEIVED, source) for n in (1, 2, 3)
    ]
    assert services.queue.enqueued == [d.id for d in rows]  # type: ignore[attr-defined]
    assert all(d.provenance.get("attachment_path", "").endswith(f"factura-{n}.pdf") for n, d in enumerate(rows, 1))


def assert_html_quarantined(services: Services) -> None:
    rows = documents(services)
    assert [(d.filename, d.status, d.status_code) for d in rows] == [
        ("pedimento.pdf", DocumentStatus.QUARANTINED, "unsupported_type")
    ]
    assert "HTML web page" in (rows[0].status_reason or "")
    assert services.queue.enqueued == []  # type: ignore[attr-defined]
    with services.db.session() as db:
        assert db.scalar(select(QuarantineEntry.code)) == "unsupported_type"


# -- CLI -------------------------------------------------------------------------------------------------------


def _cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("IMMEX_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    created = runner.invoke(main, ["company", "create", "--rfc", "AAA010101AAA", "--name", "Demo"])
    assert created.exit_code == 0, created.output
    return runner


def test_cli_ingest_of_a_stored_zip_gives_every_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = _cli(tmp_path, monkeypatch)
    archive = tmp_path / "embarque.zip"
    archive.write_bytes(stored_zip(tmp_path))
    # processing is not what this test is about: the in-process queue would OCR nothing here but take time
    monkeypatch.setattr("workers.queue.InProcessQueue.enqueue_process", lambda self, document_id: None)
    result = runner.invoke(main, ["ingest", "--company", "AAA010101AAA", str(archive)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3 and all(line.startswith("accepted") for line in lines)
    assert [line.split()[1] for line in lines] == [f"embarque.zip/embarque/factura-{n}.pdf" for n in (1, 2, 3)]
    services = build_services(embedded_settings(tmp_path), queue=RecordingQueue())
    try:
        rows = documents(services)
        assert [d.filename for d in rows] == [f"factura-{n}.pdf" for n in (1, 2, 3)]
        with services.db.session() as db:
            event = db.scalar(select(AuditEvent).where(AuditEvent.action == "archive.unpacked"))
            assert event is not None and len(event.details["files"]) == 3
            assert services.store.exists(event.details["object_key"])  # the archive itself is kept
    finally:
        services.close()


def test_cli_ingest_of_html_named_pdf_is_quarantined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = _cli(tmp_path, monkeypatch)
    page = tmp_path / "pedimento.pdf"
    page.write_bytes(HTML)
    result = runner.invoke(main, ["ingest", "--company", "AAA010101AAA", str(page)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("rejected  pedimento.pdf") and "HTML web page" in result.output


# -- API -------------------------------------------------------------------------------------------------------


def _api(services: Services) -> Any:
    ids = seed_companies(services)
    with services.db.session() as db:
        token = create_token(db, email="clerk@a.mx", company_id=ids["a"])
    client = create_app(services).test_client()

    def upload(name: str, data: bytes) -> Any:
        return client.post(
            "/api/v1/documents",
            data={"file": (io.BytesIO(data), name)},
            headers={"Authorization": f"Bearer {token}"},
        )

    return upload


def test_api_upload_of_a_stored_zip_gives_every_pdf(svc: Services, tmp_path: Path) -> None:
    response = _api(svc)("embarque.zip", stored_zip(tmp_path))
    assert response.status_code == 201
    body = check(response, "/documents", "POST")
    assert [(r["status"], r["filename"]) for r in body["results"]] == [
        ("accepted", f"embarque.zip/embarque/factura-{n}.pdf") for n in (1, 2, 3)
    ]
    assert_three_invoices(svc, "api")


def test_api_upload_of_html_named_pdf_is_quarantined(svc: Services) -> None:
    response = _api(svc)("pedimento.pdf", HTML)
    assert response.status_code == 422
    assert check(response, "/documents", "POST")["error"]["code"] == "unsupported_type"
    assert_html_quarantined(svc)


# -- mail ------------------------------------------------------------------------------------------------------


def _mail(svc: Services, name: str, data: bytes, ctype: str) -> Any:
    from evidence.models import Company

    with svc.db.session() as db:
        company = Company(rfc="AAA010101AAA", name="Demo")
        db.add(company)
        db.flush()
        set_company_mail(db, company.id, ["facturas@drop.example.mx"], ["@proveedor.mx"])
        company_id = company.id
    m = EmailMessage()
    m["From"] = "ana@proveedor.mx"
    m["To"] = "facturas@drop.example.mx"
    m["Subject"] = "Embarque"
    m["Message-ID"] = "<zip@proveedor.mx>"
    m.set_content("Adjunto.\n")
    maintype, subtype = ctype.split("/")
    m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return receive_message(svc, m.as_bytes(), company_id=company_id, envelope_sender="ana@proveedor.mx")


def test_mailed_stored_zip_gives_every_pdf(svc: Services, tmp_path: Path) -> None:
    delivery = _mail(svc, "embarque.zip", stored_zip(tmp_path), "application/zip")
    assert [o["status"] for o in delivery.outcomes] == ["accepted"] * 3
    assert_three_invoices(svc, "email")


def test_mailed_html_named_pdf_is_quarantined(svc: Services) -> None:
    delivery = _mail(svc, "pedimento.pdf", HTML, "application/pdf")
    assert [(o["status"], o["code"]) for o in delivery.outcomes] == [("rejected", "unsupported_type")]
    assert_html_quarantined(svc)


# -- the portal's upload ---------------------------------------------------------------------------------------


def test_portal_upload_of_a_stored_zip_gives_every_pdf(svc: Services, tmp_path: Path) -> None:
    from tests.e2e.portal_support import PASSWORD, csrf_of, login

    seed_companies(svc)
    clerk = create_app(svc).test_client()
    assert login(clerk, "clerk@a.mx", PASSWORD).status_code == 302
    token = csrf_of(clerk.get("/upload").get_data(as_text=True))
    response = clerk.post(
        "/upload",
        data={"files": (io.BytesIO(stored_zip(tmp_path)), "embarque.zip")},
        headers={"X-CSRF-Token": token, "X-Requested-With": "XMLHttpRequest", "Accept-Language": "en"},
    )
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [(r["status"], r["filename"]) for r in results] == [
        ("accepted", f"embarque.zip/embarque/factura-{n}.pdf") for n in (1, 2, 3)
    ]
    assert_three_invoices(svc, "upload")
