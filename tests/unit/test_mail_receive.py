"""Taking in a message for a company (embedded SQLite and folder store; jobs recorded by a fake queue, not run):
the raw message is always kept, each attachment goes through accept() with its provenance, and every kind of
bad input ends with a recorded outcome and a reason a clerk understands."""

from __future__ import annotations

import hashlib
import io
import random
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from evidence.audit import verify_chain
from evidence.models import AuditEvent, Company, Document, QuarantineEntry
from evidence.objectstore import original_key
from immex.services import Services, build_services
from intake.mail_models import MailMessage, MailMessageDocument, MailStatus
from intake.mailroute import message_for_document, receive_message, resume_unfinished, set_company_mail
from tests.conftest import CORPUS, embedded_settings
from tests.factories import text_pdf
from tests.unit.test_zipfiles import mark_encrypted, zip_bytes

CFDI = CORPUS / "cfdi-cfdiutils" / "cfdi40-real.xml"


class RecordingQueue:
    """Stands in for the job queue: remembers which documents were enqueued."""

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


@pytest.fixture
def cid(svc: Services) -> int:
    with svc.db.session() as session:
        c = Company(rfc="AAA010101AAA", name="Maquiladora Demo")
        session.add(c)
        session.flush()
        set_company_mail(session, c.id, ["facturas@drop.example.mx"], ["@proveedor.mx", "agente@aduanas.mx"])
        return c.id


def message(
    attachments: list[tuple[str, bytes, str]] = (),  # type: ignore[assignment]
    *,
    sender: str = "Ana <ana@proveedor.mx>",
    subject: str = "Documentos del embarque",
    message_id: str | None = "<m1@proveedor.mx>",
) -> EmailMessage:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "facturas@drop.example.mx"
    m["Subject"] = subject
    if message_id:
        m["Message-ID"] = message_id
    m["Date"] = "Tue, 24 Nov 2026 10:15:00 -0600"
    m.set_content("Buen día, adjunto los documentos.\n")
    for name, data, ctype in attachments:
        maintype, subtype = ctype.split("/")
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return m


def pdf_bytes(tmp_path: Path, text: str) -> bytes:
    return text_pdf(tmp_path / f"{hashlib.md5(text.encode()).hexdigest()}.pdf", [text]).read_bytes()


def docs(svc: Services) -> list[Document]:
    with svc.db.session() as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


def test_attachments_become_documents_with_the_message_as_provenance(svc: Services, cid: int, tmp_path: Path) -> None:
    pdf = pdf_bytes(tmp_path, "COMMERCIAL INVOICE INV-1")
    m = message([("factura.xml", CFDI.read_bytes(), "application/xml"), ("invoice.pdf", pdf, "application/pdf")])
    raw = m.as_bytes()
    d = receive_message(svc, raw, company_id=cid, envelope_sender="ana@proveedor.mx")
    assert d.status == MailStatus.DELIVERED
    assert [o["status"] for o in d.outcomes] == ["accepted", "accepted"]
    rows = docs(svc)
    assert [r.filename for r in rows] == ["factura.xml", "invoice.pdf"]
    assert svc.queue.enqueued == [r.id for r in rows]  # type: ignore[attr-defined]
    sha = hashlib.sha256(raw).hexdigest()
    for r in rows:
        assert r.source == "email"
        assert r.sender == "ana@proveedor.mx"
        assert r.provenance == {
            "message_id": "<m1@proveedor.mx>",
            "subject": "Documentos del embarque",
            "mail_date": "2026-11-24T10:15:00-06:00",
            "from": "Ana <ana@proveedor.mx>",
            "to": "facturas@drop.example.mx",
            "mail_sha256": sha,
            "attachment_path": r.filename,
        }
    with svc.store.open(original_key(sha, prefix="messages")) as fh:
        assert fh.read() == raw  # the message is kept whole, byte for byte
    with svc.db.session() as session:
        record = message_for_document(session, rows[1].id)
        assert record is not None and record.sha256 == sha and record.documents == [r.id for r in rows]
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert "mail.received" in actions and actions[-1] == "mail.delivered"
        assert verify_chain(session)[1] == []


def test_the_same_message_twice_is_processed_once(svc: Services, cid: int) -> None:
    m = message([("factura.xml", CFDI.read_bytes(), "application/xml")])
    first = receive_message(svc, m.as_bytes(), company_id=cid)
    again = receive_message(svc, m.as_bytes(), company_id=cid)
    assert again.status == "duplicate" and again.duplicate_of == first.message_pk
    # redelivered through another path: other bytes (a trace header), same Message-ID
    relayed = b"Received: from relay.proveedor.mx\r\n" + m.as_bytes()
    third = receive_message(svc, relayed, company_id=cid, source="imap")
    assert third.status == "duplicate" and third.duplicate_of == first.message_pk
    assert len(docs(svc)) == 1
    with svc.db.session() as session:
        assert session.scalar(select(func.count()).select_from(MailMessage)) == 1
        dup_events = session.scalars(select(AuditEvent).where(AuditEvent.action == "mail.duplicate")).all()
        assert len(dup_events) == 2
        # the relayed bytes are kept too, though not processed again
        key = dup_events[1].details["object_key"]
    with svc.store.open(key) as fh:
        assert fh.read() == relayed


def test_a_sender_not_on_the_list_is_quarantined_and_kept(svc: Services, cid: int) -> None:
    m = message([("factura.xml", CFDI.read_bytes(), "application/xml")], sender="Mallory <m@evil.example>")
    raw = m.as_bytes()
    d = receive_message(svc, raw, company_id=cid)
    assert d.status == MailStatus.QUARANTINED and d.code == "sender_not_allowed"
    assert d.reason is not None
    assert "m@evil.example" in d.reason and "not on the company's list" in d.reason
    assert docs(svc) == []
    with svc.db.session() as session:
        entry = session.scalars(select(QuarantineEntry)).one()
        assert entry.company_id == cid and entry.code == "sender_not_allowed" and entry.source == "email"
        assert entry.sha256 == hashlib.sha256(raw).hexdigest()
        record = session.scalars(select(MailMessage)).one()
        assert record.status == MailStatus.QUARANTINED and record.quarantine_id == entry.id
    with svc.store.open(entry.object_key) as fh:
        assert fh.read() == raw


def test_a_subdomain_is_not_the_allowed_domain(svc: Services, cid: int) -> None:
    m = message([("a.xml", CFDI.read_bytes(), "application/xml")], sender="x@mail.proveedor.mx")
    assert receive_message(svc, m.as_bytes(), company_id=cid).code == "sender_not_allowed"


def test_a_forged_from_is_caught_by_the_envelope_unless_a_trusted_relay_sent_it(svc: Services, cid: int) -> None:
    m = message([("a.xml", CFDI.read_bytes(), "application/xml")])
    d = receive_message(svc, m.as_bytes(), company_id=cid, envelope_sender="bounce@evil.example")
    assert d.status == MailStatus.QUARANTINED and d.code == "sender_mismatch"
    assert d.reason is not None and "forged" in d.reason
    m2 = message([("a.xml", CFDI.read_bytes(), "application/xml")], message_id="<m2@proveedor.mx>")
    d2 = receive_message(svc, m2.as_bytes(), company_id=cid, envelope_sender="relay@isp.example", trusted_relay=True)
    assert d2.status == MailStatus.DELIVERED


def test_a_message_without_from_is_held(svc: Services, cid: int) -> None:
    raw = b"Subject: no sender\r\nMessage-ID: <n@x>\r\n\r\nhola\r\n"
    d = receive_message(svc, raw, company_id=cid)
    assert d.status == MailStatus.QUARANTINED and d.code == "no_sender"


def test_extensions_that_lie_are_sniffed_and_unknown_types_quarantined(svc: Services, cid: int, tmp_path: Path) -> None:
    m = message(
        [
            ("scan.pdf", CFDI.read_bytes(), "application/pdf"),  # really XML
            ("invoice.xml", pdf_bytes(tmp_path, "INV 2"), "application/xml"),  # really PDF
            ("factura.pdf", b"MZ\x90\x00 not a pdf at all" * 20, "application/pdf"),  # an executable
        ]
    )
    d = receive_message(svc, m.as_bytes(), company_id=cid)
    assert d.status == MailStatus.PROBLEMS
    by_name = {r.filename: r for r in docs(svc)}
    assert by_name["scan.pdf"].media_type == "application/xml"
    assert by_name["invoice.xml"].media_type == "application/pdf"
    bad = [o for o in d.outcomes if o["filename"] == "factura.pdf"][0]
    assert bad["status"] == "rejected" and bad["code"] == "unsupported_type"
    assert "only PDF, PNG, JPEG, TIFF and XML" in bad["reason"]
    assert by_name["factura.pdf"].status == "quarantined"


def test_zip_with_folders_and_one_level_of_nested_zip(svc: Services, cid: int, tmp_path: Path) -> None:
    innermost = zip_bytes({"deep.xml": b"<deep/>"})
    inner = zip_bytes({"inner/nota.xml": b"<nota n='1'/>", "third.zip": innermost})
    archive = zip_bytes(
        {
            "noviembre/facturas/factura.xml": CFDI.read_bytes(),
            "noviembre/guia.pdf": pdf_bytes(tmp_path, "AIR WAYBILL 123"),
            "anidado.zip": inner,
        }
    )
    d = receive_message(svc, message([("docs.zip", archive, "application/zip")]).as_bytes(), company_id=cid)
    paths = {o["path"]: o for o in d.outcomes}
    assert paths["docs.zip/noviembre/facturas/factura.xml"]["status"] == "accepted"
    assert paths["docs.zip/noviembre/guia.pdf"]["status"] == "accepted"
    assert paths["docs.zip/anidado.zip/inner/nota.xml"]["status"] == "accepted"
    third = paths["docs.zip/anidado.zip/third.zip"]
    assert third["status"] == "quarantined" and third["code"] == "nested_archive"
    by_name = {r.filename: r for r in docs(svc)}
    assert by_name["factura.xml"].provenance["attachment_path"] == "docs.zip/noviembre/facturas/factura.xml"
    assert by_name["nota.xml"].provenance["attachment_path"] == "docs.zip/anidado.zip/inner/nota.xml"
    with svc.db.session() as session:
        q = session.get(QuarantineEntry, third["quarantine_id"])
        assert q is not None and q.sha256 == hashlib.sha256(innermost).hexdigest()


def test_a_password_protected_zip_is_kept_with_a_reason(svc: Services, cid: int) -> None:
    locked = mark_encrypted(zip_bytes({"factura.xml": CFDI.read_bytes(), "guia.xml": b"<g/>"}))
    d = receive_message(svc, message([("docs.zip", locked, "application/zip")]).as_bytes(), company_id=cid)
    assert d.status == MailStatus.PROBLEMS
    assert {o["code"] for o in d.outcomes} == {"encrypted"}
    assert all("password" in o["reason"] for o in d.outcomes)
    qids = {o["quarantine_id"] for o in d.outcomes}
    assert len(qids) == 1  # the archive is quarantined once
    with svc.db.session() as session:
        q = session.get(QuarantineEntry, qids.pop())
        assert q is not None and q.sha256 == hashlib.sha256(locked).hexdigest()
        assert "2 file(s) in docs.zip could not be unpacked" in q.reason
    assert docs(svc) == []


def test_zip_bombs_are_not_inflated(svc: Services, cid: int) -> None:
    bomb = zip_bytes({"big.xml": b"<a>" + b"A" * (30 * 1024 * 1024) + b"</a>"})
    assert len(bomb) < 100 * 1024
    d = receive_message(svc, message([("bomb.zip", bomb, "application/zip")]).as_bytes(), company_id=cid)
    (o,) = d.outcomes
    assert o["status"] == "quarantined" and o["code"] == "zip_bomb" and "ZIP bomb" in o["reason"]
    many = zip_bytes({f"f{i}.xml": b"<a/>" for i in range(1001)})
    d2 = receive_message(
        svc, message([("many.zip", many, "application/zip")], message_id="<m9@x>").as_bytes(), company_id=cid
    )
    (o2,) = d2.outcomes
    assert o2["code"] == "too_many_files" and "1001 files" in o2["reason"]


def test_zero_byte_attachments_are_recorded_with_a_reason(svc: Services, cid: int) -> None:
    d = receive_message(svc, message([("vacio.pdf", b"", "application/pdf")]).as_bytes(), company_id=cid)
    (o,) = d.outcomes
    assert o["status"] == "rejected" and o["code"] == "empty" and "0 bytes" in o["reason"]
    assert d.status == MailStatus.PROBLEMS


def test_two_hundred_attachments_each_get_an_outcome(svc: Services, cid: int) -> None:
    atts = [(f"doc{i:03}.xml", f"<doc n='{i}'/>".encode(), "application/xml") for i in range(200)]
    d = receive_message(svc, message(atts).as_bytes(), company_id=cid)
    assert d.status == MailStatus.DELIVERED
    assert len(d.outcomes) == 200 and len(d.documents) == 200
    assert len(svc.queue.enqueued) == 200  # type: ignore[attr-defined]
    with svc.db.session() as session:
        assert session.scalar(select(func.count()).select_from(MailMessageDocument)) == 200


def test_repeated_attachment_names_get_distinct_paths(svc: Services, cid: int) -> None:
    atts = [("scan.xml", b"<a n='1'/>", "application/xml"), ("scan.xml", b"<a n='2'/>", "application/xml")]
    d = receive_message(svc, message(atts).as_bytes(), company_id=cid)
    assert [o["path"] for o in d.outcomes] == ["scan.xml", "scan (2).xml"]


def test_non_utf8_and_encoded_word_headers_are_recorded_readably(svc: Services, cid: int) -> None:
    raw = (
        b"From: =?iso-8859-1?q?Jos=E9?= <jose@proveedor.mx>\r\n"
        b"To: facturas@drop.example.mx\r\n"
        + "Subject: Facturación año 2026\r\n".encode("cp1252")
        + b"Message-ID: <enc@proveedor.mx>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
        b'Content-Type: application/xml; name="=?utf-8?q?factura_n=C3=BAm_1.xml?="\r\n\r\n<a/>\r\n--b--\r\n'
    )
    d = receive_message(svc, raw, company_id=cid)
    assert d.status == MailStatus.DELIVERED
    (doc,) = docs(svc)
    assert doc.filename == "factura núm 1.xml"
    assert doc.provenance["subject"] == "Facturación año 2026"
    assert doc.provenance["from"] == "José <jose@proveedor.mx>"


def test_malformed_mime_is_kept_and_explained(svc: Services, cid: int) -> None:
    raw = (
        b"From: ana@proveedor.mx\r\nMessage-ID: <bad@x>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed\r\n\r\n--nothing\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
    )
    d = receive_message(svc, raw, company_id=cid)
    assert d.status == MailStatus.NO_ATTACHMENTS
    assert d.reason is not None and "no boundary" in d.reason and "kept" in d.reason
    with svc.db.session() as session:
        record = session.scalars(select(MailMessage)).one()
        assert record.defects and record.status == MailStatus.NO_ATTACHMENTS
    with svc.store.open(original_key(d.sha256, prefix="messages")) as fh:
        assert fh.read() == raw


def test_an_attached_message_is_opened_and_its_attachments_taken_in(svc: Services, cid: int) -> None:
    inner = message([("factura.xml", CFDI.read_bytes(), "application/xml")], message_id="<inner@x>")
    outer = message(message_id="<outer@x>")
    outer.add_attachment(inner, filename="reenviado.eml")
    d = receive_message(svc, outer.as_bytes(), company_id=cid)
    assert d.status == MailStatus.DELIVERED
    (doc,) = docs(svc)
    assert doc.provenance["attachment_path"] == "reenviado.eml/factura.xml"
    assert doc.provenance["message_id"] == "<outer@x>"


def test_an_eml_file_attached_as_octet_stream_is_recognised(svc: Services, cid: int) -> None:
    inner = message([("guia.xml", b"<guia/>", "application/xml")], message_id="<i2@x>")
    d = receive_message(
        svc, message([("fwd.bin", inner.as_bytes(), "application/octet-stream")]).as_bytes(), company_id=cid
    )
    assert [o["path"] for o in d.outcomes] == ["fwd.bin/guia.xml"]


def _png(width: int, height: int) -> bytes:
    rng = random.Random(7)
    im = Image.frombytes("RGB", (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * 3)))
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def test_inline_logos_are_skipped_not_lost(svc: Services, cid: int) -> None:
    html = message()
    html.add_alternative("<p>Saludos <img src='cid:logo@x'></p>", subtype="html")
    body = html.get_body(("html",))
    assert body is not None
    # as mail clients send a signature logo: in multipart/related, with a Content-ID
    body.add_related(_png(60, 30), maintype="image", subtype="png", cid="<logo@x>", filename="logo.png")
    html.add_attachment(CFDI.read_bytes(), maintype="application", subtype="xml", filename="factura.xml")
    d = receive_message(svc, html.as_bytes(), company_id=cid)
    statuses = {o["filename"]: (o["status"], o.get("code")) for o in d.outcomes}
    assert statuses == {"logo.png": ("skipped", "inline_image"), "factura.xml": ("accepted", None)}
    assert d.status == MailStatus.DELIVERED
    assert [r.filename for r in docs(svc)] == ["factura.xml"]


def test_office_files_are_not_opened_as_archives(svc: Services, cid: int) -> None:
    docx = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    d = receive_message(svc, message([("carta.docx", docx, "application/octet-stream")]).as_bytes(), company_id=cid)
    (o,) = d.outcomes
    assert o["path"] == "carta.docx" and o["status"] == "rejected" and o["code"] == "unsupported_type"


def test_a_message_over_the_size_limit_is_held(tmp_path: Path) -> None:
    services = build_services(embedded_settings(tmp_path, max_message_mb=1), queue=RecordingQueue())
    try:
        with services.db.session() as session:
            c = Company(rfc="BBB010101BBB", name="B")
            session.add(c)
            session.flush()
            set_company_mail(session, c.id, ["b@drop.example.mx"], ["@proveedor.mx"])
            company = c.id
        big = message([("big.xml", b"<a>" + b"x" * (1024 * 1024) + b"</a>", "application/xml")])
        d = receive_message(services, big.as_bytes(), company_id=company)
        assert d.status == MailStatus.QUARANTINED and d.code == "message_too_large"
        assert d.reason is not None and "the limit is 1 MB" in d.reason
    finally:
        services.close()


def test_a_message_left_half_done_is_finished(svc: Services, cid: int) -> None:
    m = message([("factura.xml", CFDI.read_bytes(), "application/xml")])
    d = receive_message(svc, m.as_bytes(), company_id=cid)
    with svc.db.session() as session:  # as if the process died after the first attachment
        row = session.get(MailMessage, d.message_pk)
        assert row is not None
        row.status = MailStatus.RECEIVED
    (finished,) = resume_unfinished(svc)
    assert finished.status == MailStatus.DELIVERED and finished.message_pk == d.message_pk
    assert len(docs(svc)) == 1


def test_set_company_mail_replaces_lists_and_refuses_bad_or_taken_addresses(svc: Services, cid: int) -> None:
    from intake.mailroute import MailConfigError

    with svc.db.session() as session:
        now = set_company_mail(session, cid, ["Otra@Drop.Example.MX"], ["*@nuevo.mx", "proveedor.mx"])
        assert now == {"drop_addresses": ["otra@drop.example.mx"], "allowed_senders": ["@nuevo.mx", "@proveedor.mx"]}
        unchanged = set_company_mail(session, cid, [], None)
        assert unchanged == now
        other = Company(rfc="CCC010101CCC", name="Otra")
        session.add(other)
        session.flush()
        other_id = other.id
    with pytest.raises(MailConfigError) as exc, svc.db.session() as session:
        set_company_mail(session, other_id, ["otra@drop.example.mx"], None)
    assert exc.value.code == "drop_address_taken"
    for bad in (["not-an-address"], None):
        with pytest.raises(MailConfigError), svc.db.session() as session:
            set_company_mail(session, cid, bad, None if bad else ["@@"])


def test_an_admin_can_release_a_message_held_for_its_sender(svc: Services, cid: int) -> None:
    from intake.mailroute import MailConfigError, release_message

    m = message([("factura.xml", CFDI.read_bytes(), "application/xml")], sender="nuevo@otro-proveedor.mx")
    held = receive_message(svc, m.as_bytes(), company_id=cid)
    assert held.status == MailStatus.QUARANTINED
    assert held.message_pk is not None
    released = release_message(svc, held.message_pk, actor="admin@empresa.mx")
    assert released.status == MailStatus.DELIVERED and released.message_pk == held.message_pk
    (doc,) = docs(svc)
    assert doc.sender == "nuevo@otro-proveedor.mx"
    with svc.db.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "mail.released")).one()
        assert event.actor == "admin@empresa.mx" and event.details["held_as"] == "sender_not_allowed"
    with pytest.raises(MailConfigError) as exc:  # once delivered, there is nothing to release
        release_message(svc, held.message_pk, actor="admin@empresa.mx")
    assert exc.value.code == "not_releasable"


def test_messages_nested_too_deep_are_kept_not_opened(svc: Services, cid: int) -> None:
    inner = message([("deep.xml", b"<deep/>", "application/xml")], message_id="<d0@x>")
    for level in range(1, 5):
        wrapper = message(message_id=f"<d{level}@x>")
        wrapper.add_attachment(inner, filename=f"level{level}.eml")
        inner = wrapper
    d = receive_message(svc, inner.as_bytes(), company_id=cid)
    (o,) = d.outcomes
    assert o["path"] == "level4.eml/level3.eml/level2.eml/level1.eml"
    assert o["status"] == "quarantined" and o["code"] == "nested_too_deep" and "not opened" in o["reason"]
    assert docs(svc) == []


def test_a_copy_arriving_while_the_first_is_handled_is_not_processed_twice(svc: Services, cid: int) -> None:
    m = message([("factura.xml", CFDI.read_bytes(), "application/xml")])
    d = receive_message(svc, m.as_bytes(), company_id=cid)
    with svc.db.session() as session:  # as if the first delivery were still being handled
        row = session.get(MailMessage, d.message_pk)
        assert row is not None
        row.status = MailStatus.RECEIVED
    again = receive_message(svc, m.as_bytes(), company_id=cid)
    assert again.status == "duplicate" and again.reason is not None and "right now" in again.reason


def test_a_failure_part_way_lets_the_next_delivery_finish_the_message(
    svc: Services, cid: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import intake.mail
    from immex.errors import TransientError
    from intake.mail_models import INTERRUPTED

    real_accept = intake.mail.accept
    calls = {"n": 0}

    def store_down_on_the_second(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise TransientError("the object store is not reachable")
        return real_accept(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(intake.mail, "accept", store_down_on_the_second)
    m = message([("a.xml", b"<a/>", "application/xml"), ("b.xml", b"<b/>", "application/xml")])
    with pytest.raises(TransientError):  # the SMTP session answers 451: the sender will try again
        receive_message(svc, m.as_bytes(), company_id=cid)
    with svc.db.session() as session:
        row = session.scalars(select(MailMessage)).one()
        assert row.status == MailStatus.RECEIVED and row.status_code == INTERRUPTED
    retried = receive_message(svc, m.as_bytes(), company_id=cid)
    assert retried.status == MailStatus.DELIVERED and retried.message_pk == row.id
    assert [o["status"] for o in retried.outcomes] == ["duplicate", "accepted"]  # a.xml was kept the first time
    assert sorted(r.filename for r in docs(svc)) == ["a.xml", "b.xml"]


def test_images_attached_on_purpose_are_documents(svc: Services, cid: int) -> None:
    photo = _png(400, 400)
    m = message([("escaneo.jpg", photo, "image/jpeg")])  # a PNG that says it is a JPEG
    d = receive_message(svc, m.as_bytes(), company_id=cid)
    (o,) = d.outcomes
    assert o["status"] == "accepted"
    (doc,) = docs(svc)
    assert doc.media_type == "image/png" and doc.provenance["attachment_path"] == "escaneo.jpg"
