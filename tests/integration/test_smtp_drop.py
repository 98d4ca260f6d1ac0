"""The SMTP drop with real SMTP sessions (smtplib against aiosmtpd on a loopback port): routing at RCPT, SIZE
and
552, sender lists, STARTTLS with a certificate made here, AUTH for relays, and corpus documents that end up
processed with their extraction on both backends."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import signal
import smtplib
import ssl
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from evidence.models import Company, Document, Extraction, QuarantineEntry
from immex.services import Services, build_services
from intake.mail_models import MailMessage, MailStatus
from intake.mailroute import message_for_document, set_company_mail
from intake.smtp import make_controller
from tests.conftest import CORPUS, drain, embedded_settings, free_port

pytestmark = pytest.mark.integration

DROP = "facturas@drop.example.mx"
CFDI = CORPUS / "cfdi-cfdiutils" / "cfdi40-real.xml"
INVOICE_PDF = CORPUS / "invoice2data" / "compare" / "AmazonWebServices.pdf"


def mail(attachments: list[Path] = (), *, sender: str = "ana@proveedor.mx", to: str = DROP, mid: str = "<s1@x>"):  # type: ignore[assignment]
    m = EmailMessage()
    m["From"] = f"Ana <{sender}>"
    m["To"] = to
    m["Subject"] = "Facturas"
    m["Message-ID"] = mid
    m["Date"] = "Wed, 25 Nov 2026 09:00:00 -0600"
    m.set_content("Adjunto.\n")
    for path in attachments:
        sub = "xml" if path.suffix == ".xml" else "pdf"
        m.add_attachment(path.read_bytes(), maintype="application", subtype=sub, filename=path.name)
    return m


def configure(services: Services, company_id: int, drop: str = DROP) -> None:
    with services.db.session() as session:
        set_company_mail(session, company_id, [drop], ["@proveedor.mx"], actor="test")


class Drop:
    def __init__(self, services: Services) -> None:
        self.port = free_port()
        self.controller = make_controller(services, "127.0.0.1", self.port)

    def __enter__(self) -> Drop:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def client(self) -> smtplib.SMTP:
        return smtplib.SMTP("127.0.0.1", self.port, timeout=30)


@pytest.fixture
def company(embedded_services: Services) -> int:
    with embedded_services.db.session() as session:
        c = Company(rfc="AAA010101AAA", name="Maquiladora Demo")
        session.add(c)
        session.flush()
        cid = c.id
    configure(embedded_services, cid)
    return cid


def test_corpus_documents_sent_by_smtp_are_processed(services: Services, company_id: int) -> None:
    configure(services, company_id)
    with Drop(services) as drop, drop.client() as client:
        refused = client.send_message(mail([CFDI, INVOICE_PDF]), from_addr="ana@proveedor.mx", to_addrs=[DROP])
        assert refused == {}
    drain(services)
    with services.db.session() as session:
        docs = {d.filename: d for d in session.scalars(select(Document))}
        assert set(docs) == {CFDI.name, INVOICE_PDF.name}
        for d in docs.values():
            assert d.source == "email" and d.sender == "ana@proveedor.mx"
            assert d.provenance["message_id"] == "<s1@x>" and d.provenance["attachment_path"] == d.filename
            assert d.status in ("processed", "needs_review"), d.status_reason
        assert docs[CFDI.name].doc_type == "cfdi"
        extraction = session.scalars(select(Extraction).where(Extraction.document_id == docs[CFDI.name].id)).one()
        assert extraction.result["doc_type"] == "cfdi"
        assert session.scalars(select(Extraction).where(Extraction.document_id == docs[INVOICE_PDF.name].id)).one()
        record = message_for_document(session, docs[INVOICE_PDF.name].id)
        assert record is not None and record.status == MailStatus.DELIVERED
        assert record.envelope_sender == "ana@proveedor.mx" and record.recipients == [DROP]


def test_an_unknown_drop_address_is_refused_at_rcpt(embedded_services: Services, company: int) -> None:
    with Drop(embedded_services) as drop, drop.client() as client:
        client.ehlo()
        client.mail("ana@proveedor.mx")
        code, text = client.rcpt("nobody@drop.example.mx")
        assert code == 550 and b"no such drop address" in text
        assert client.rcpt(DROP.upper())[0] == 250  # addresses are compared without case
    with pytest.raises(smtplib.SMTPRecipientsRefused), Drop(embedded_services) as drop, drop.client() as client:
        client.send_message(mail([CFDI]), to_addrs=["nobody@drop.example.mx"])


def test_size_is_announced_and_enforced_on_mail_and_on_data(tmp_path: Path) -> None:
    services = build_services(embedded_settings(tmp_path, max_message_mb=1))
    try:
        with services.db.session() as session:
            c = Company(rfc="AAA010101AAA", name="Demo")
            session.add(c)
            session.flush()
            cid = c.id
        configure(services, cid)
        big = mail()
        big.add_attachment(os.urandom(1024 * 1024), maintype="application", subtype="pdf", filename="big.pdf")
        with Drop(services) as drop, drop.client() as client:
            client.ehlo()
            assert client.has_extn("size") and client.esmtp_features["size"] == str(1024 * 1024)
            with pytest.raises(smtplib.SMTPSenderRefused) as exc:  # smtplib announces SIZE= on MAIL FROM
                client.send_message(big, from_addr="ana@proveedor.mx", to_addrs=[DROP])
            assert exc.value.smtp_code == 552
        with Drop(services) as drop, drop.client() as client:  # a client that does not say SIZE=
            client.ehlo()
            assert client.mail("ana@proveedor.mx")[0] == 250
            assert client.rcpt(DROP)[0] == 250
            code, _text = client.data(big.as_bytes(policy=big.policy.clone(linesep="\r\n")))
            assert code == 552
        with services.db.session() as session:
            assert session.scalars(select(MailMessage)).all() == []
    finally:
        services.close()


def test_a_sender_not_on_the_list_is_quarantined_and_shown_to_the_admin(
    embedded_services: Services, company: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Drop(embedded_services) as drop, drop.client() as client:
        client.send_message(mail([CFDI], sender="mallory@evil.example"), to_addrs=[DROP])
        # the envelope says an allowed supplier, the From header does not: held as well
        client.send_message(
            mail([CFDI], sender="eve@evil.example", mid="<s2@x>"), from_addr="ana@proveedor.mx", to_addrs=[DROP]
        )
    with embedded_services.db.session() as session:
        assert session.scalars(select(Document)).all() == []
        held = session.scalars(select(MailMessage).order_by(MailMessage.id)).all()
        assert [m.status for m in held] == [MailStatus.QUARANTINED] * 2
        assert [m.status_code for m in held] == ["sender_not_allowed"] * 2
        assert len(session.scalars(select(QuarantineEntry)).all()) == 2

    from immex.cli import main

    monkeypatch.setenv("IMMEX_DATA_DIR", str(embedded_services.settings.data_dir))
    result = CliRunner().invoke(main, ["mail", "quarantine", "--company", "AAA010101AAA", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["sender"] for r in rows} == {"mallory@evil.example", "eve@evil.example"}
    assert all(r["code"] == "sender_not_allowed" and "allowed senders" in r["reason"] for r in rows)
    assert {r["message"]["message_id"] for r in rows} == {"<s1@x>", "<s2@x>"}

    # the admin checks the first one is genuine and releases it
    first = next(r["message"]["id"] for r in rows if r["message"]["message_id"] == "<s1@x>")
    released = CliRunner().invoke(main, ["mail", "release", str(first), "--company", "AAA010101AAA", "--json"])
    assert released.exit_code == 0, released.output
    assert json.loads(released.output)["status"] == MailStatus.DELIVERED
    with embedded_services.db.session() as session:
        (doc,) = session.scalars(select(Document)).all()
        assert doc.sender == "mallory@evil.example" and doc.provenance["message_id"] == "<s1@x>"


def _certificate(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "drop.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "drop.crt", tmp_path / "drop.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_starttls_and_auth_for_a_relay(tmp_path: Path) -> None:
    cert, key = _certificate(tmp_path)
    settings = embedded_settings(
        tmp_path, smtp_tls_cert=str(cert), smtp_tls_key=str(key), smtp_auth_users="relay:s3cret-pass"
    )
    services = build_services(settings)
    try:
        with services.db.session() as session:
            c = Company(rfc="AAA010101AAA", name="Demo")
            session.add(c)
            session.flush()
            cid = c.id
        configure(services, cid)
        context = ssl.create_default_context(cafile=str(cert))
        with Drop(services) as drop, drop.client() as client:
            client.ehlo()
            assert client.has_extn("starttls")
            assert not client.has_extn("auth")  # never offered in clear
            client.starttls(context=context)
            client.ehlo()
            assert client.has_extn("auth")
            with pytest.raises(smtplib.SMTPAuthenticationError) as exc:
                client.login("relay", "wrong")
            assert exc.value.smtp_code == 535
        with Drop(services) as drop, drop.client() as client:
            client.starttls(context=context)
            client.login("relay", "s3cret-pass")
            # a relay sends with its own envelope sender: trusted; the From header is still checked
            client.send_message(mail([CFDI]), from_addr="bounces@relay.example", to_addrs=[DROP])
        with Drop(services) as drop, drop.client() as client:  # the same without AUTH is held
            client.starttls(context=context)
            client.send_message(mail([CFDI], mid="<s3@x>"), from_addr="bounces@relay.example", to_addrs=[DROP])
        with services.db.session() as session:
            first, second = session.scalars(select(MailMessage).order_by(MailMessage.id)).all()
            assert first.status == MailStatus.DELIVERED
            assert second.status == MailStatus.QUARANTINED and second.status_code == "sender_mismatch"
            from evidence.models import AuditEvent

            received = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "mail.received").order_by(AuditEvent.id)
            ).all()
            assert received[0].details["trace"]["tls"] is True
            assert received[0].details["trace"]["auth"] == "relay"
            assert received[1].details["trace"]["auth"] is None
    finally:
        services.close()


def test_one_message_to_two_companies_is_kept_for_each(embedded_services: Services, company: int) -> None:
    with embedded_services.db.session() as session:
        other = Company(rfc="BBB010101BBB", name="Otra")
        session.add(other)
        session.flush()
        other_id = other.id
    configure(embedded_services, other_id, "docs@drop.example.mx")
    with Drop(embedded_services) as drop, drop.client() as client:
        client.send_message(mail([CFDI]), to_addrs=[DROP, "docs@drop.example.mx"])
        client.send_message(mail([CFDI]), to_addrs=[DROP])  # delivered again: recognised
    with embedded_services.db.session() as session:
        rows = session.scalars(select(MailMessage).order_by(MailMessage.id)).all()
        assert sorted(r.company_id for r in rows) == sorted([company, other_id])
        docs = session.scalars(select(Document)).all()
        assert sorted(d.company_id for d in docs) == sorted([company, other_id])


def test_immex_smtp_command_receives_and_processes(tmp_path: Path) -> None:
    env = {**os.environ, "IMMEX_DATA_DIR": str(tmp_path / "data")}
    immex = [str(Path(sys.executable).with_name("immex"))]
    subprocess.run(
        [
            *immex,
            "company",
            "create",
            "--rfc",
            "AAA010101AAA",
            "--name",
            "Demo",
            "--drop-address",
            DROP,
            "--allow-sender",
            "@proveedor.mx",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    proc = subprocess.Popen([*immex, "-v", "smtp", "--port", str(port)], env=env, stderr=subprocess.PIPE)
    try:
        client = None
        deadline = time.monotonic() + 180  # a generous bound on a busy machine; not a timing assertion
        while client is None and proc.poll() is None and time.monotonic() < deadline:
            try:
                client = smtplib.SMTP("127.0.0.1", port, timeout=30)
            except OSError:
                time.sleep(0.1)
        assert client is not None, "immex smtp did not start"
        with client:
            client.send_message(mail([CFDI]), to_addrs=[DROP])
        statuses: list[str] = []
        for _ in range(600):
            out = subprocess.run([*immex, "documents", "--json"], env=env, capture_output=True, check=True)
            statuses = [d["status"] for d in json.loads(out.stdout)]
            if statuses and all(s in ("processed", "needs_review", "failed") for s in statuses):
                break
            time.sleep(0.2)
        assert statuses == ["processed"]
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert b"SMTP drop listening" in err
