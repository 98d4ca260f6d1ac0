"""accept() end to end on both backends: the original is kept unmodified, bad input is quarantined with a reason
a clerk understands, duplicates are recognised, and processing produces pages and an extraction."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from evidence.audit import verify_chain
from evidence.models import AuditEvent, Document, Extraction, Page, QuarantineEntry
from evidence.objectstore import original_key
from immex.services import Services
from intake.accept import IncomingDocument, accept
from tests.conftest import drain
from tests.factories import png_bytes, text_pdf, write

pytestmark = pytest.mark.integration


def _accept(services: Services, company_id: int, path: Path, name: str | None = None):
    return accept(
        services, IncomingDocument(company_id=company_id, source="cli", filename=name or path.name, path=path)
    )


def _stored_bytes(services: Services, sha: str) -> bytes:
    with services.store.open(original_key(sha)) as fh:
        return fh.read()


def test_text_pdf_is_stored_unmodified_and_processed(services: Services, company_id: int, tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "invoice.pdf", ["COMMERCIAL INVOICE", "Invoice No. INV-7781", "Total USD 1,250.00"])
    raw = pdf.read_bytes()
    res = _accept(services, company_id, pdf)
    assert res.status == "accepted" and res.document_id
    assert res.sha256 == hashlib.sha256(raw).hexdigest()
    assert _stored_bytes(services, res.sha256) == raw
    drain(services)
    with services.db.session() as s:
        doc = s.get(Document, res.document_id)
        assert doc is not None
        assert doc.status == "processed", doc.status_reason
        assert doc.media_type == "application/pdf" and doc.pages == 1 and doc.text_source == "text_layer"
        pages = s.scalars(select(Page).where(Page.document_id == doc.id)).all()
        assert "INV-7781" in pages[0].text
        ext = s.scalars(select(Extraction).where(Extraction.document_id == doc.id)).all()
        assert len(ext) == 1 and ext[0].result["source"]["sha256"] == res.sha256
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert actions[:1] == ["document.received"] and "document.extracted" in actions
        assert "document.processed" in actions
        assert verify_chain(s)[1] == []


def test_duplicate_returns_the_existing_document(services: Services, company_id: int, tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "a.pdf")
    first = _accept(services, company_id, pdf)
    copy = tmp_path / "renamed copy.pdf"
    shutil.copy(pdf, copy)
    second = _accept(services, company_id, copy)
    assert second.status == "duplicate" and second.document_id == first.document_id
    with services.db.session() as s:
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "document.duplicate")) is not None
        assert len(s.scalars(select(Document)).all()) == 1


def test_png_renamed_pdf_is_sniffed_as_png(services: Services, company_id: int, tmp_path: Path) -> None:
    p = write(tmp_path / "scan.pdf", png_bytes(800, 400))
    res = _accept(services, company_id, p)
    assert res.status == "accepted"
    with services.db.session() as s:
        doc = s.get(Document, res.document_id)
        assert doc is not None and doc.media_type == "image/png" and doc.filename == "scan.pdf"


@pytest.mark.parametrize(
    ("name", "make", "code", "words"),
    [
        ("empty.pdf", lambda p: write(p, b""), "empty", "empty"),
        (
            "corrupt.pdf",
            lambda p: write(p, b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage"),
            "corrupt",
            "damaged",
        ),
        ("locked.pdf", lambda p: text_pdf(p, user_password="s3cret"), "encrypted", "password"),
        ("program.exe", lambda p: write(p, b"MZ\x90\x00" + b"\x00" * 200), "unsupported_type", "only PDF"),
        ("notes.txt", lambda p: write(p, b"just some text"), "unsupported_type", "only PDF"),
    ],
)
def test_bad_input_is_quarantined_with_a_reason_and_kept(
    services: Services, company_id: int, tmp_path: Path, name: str, make, code: str, words: str
) -> None:
    path = make(tmp_path / name)
    raw = path.read_bytes()
    res = _accept(services, company_id, path)
    assert res.status == "rejected" and res.code == code
    assert words in (res.reason or "") and name in (res.reason or "")
    assert _stored_bytes(services, res.sha256) == raw  # the original is kept
    with services.db.session() as s:
        q = s.scalar(select(QuarantineEntry).where(QuarantineEntry.sha256 == res.sha256))
        assert q is not None and q.code == code
        doc = s.get(Document, res.document_id)
        assert doc is not None and doc.status == "quarantined" and doc.status_reason == res.reason


def test_encrypted_pdf_with_empty_user_password_is_processed(
    services: Services, company_id: int, tmp_path: Path
) -> None:
    pdf = text_pdf(tmp_path / "owner-locked.pdf", ["PEDIMENTO", "owner password only"], owner_password="own")
    res = _accept(services, company_id, pdf)
    assert res.status == "accepted", res.reason
    drain(services)
    with services.db.session() as s:
        doc = s.get(Document, res.document_id)
        assert doc is not None and doc.status == "processed", doc.status_reason


def test_file_over_the_size_limit_is_quarantined(embedded_services: Services, tmp_path: Path) -> None:
    from dataclasses import replace

    from evidence.models import Company

    services = embedded_services
    services.settings = replace(services.settings, max_upload_mb=1)
    with services.db.session() as s:
        c = Company(rfc="BBB010101BBB", name="B")
        s.add(c)
        s.flush()
        cid = c.id
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    res = _accept(services, cid, big)
    assert res.status == "rejected" and res.code == "too_large" and "limit is 1 MB" in (res.reason or "")
    assert _stored_bytes(services, res.sha256) == big.read_bytes()


def test_too_many_pages_is_refused_with_the_limit(embedded_services: Services, tmp_path: Path) -> None:
    from dataclasses import replace

    from evidence.models import Company

    services = embedded_services
    services.settings = replace(services.settings, max_pages=3)
    with services.db.session() as s:
        c = Company(rfc="CCC010101CCC", name="C")
        s.add(c)
        s.flush()
        cid = c.id
    res = _accept(services, cid, text_pdf(tmp_path / "long.pdf", pages=5))
    assert res.status == "rejected" and res.code == "too_many_pages"
    assert "5 pages" in (res.reason or "") and "limit is 3" in (res.reason or "")


def test_stream_input_is_spooled_and_hashed(services: Services, company_id: int, tmp_path: Path) -> None:
    import io

    data = text_pdf(tmp_path / "s.pdf").read_bytes()
    res = accept(
        services,
        IncomingDocument(company_id=company_id, source="upload", filename="../../etc/s.pdf", stream=io.BytesIO(data)),
    )
    assert res.status == "accepted" and res.filename == "s.pdf"
    assert _stored_bytes(services, res.sha256) == data
    assert not list(services.scratch_dir.glob("intake-*"))  # the spool file is gone
