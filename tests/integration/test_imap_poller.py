"""The IMAP poller against a real dovecot on a loopback port: messages put in with APPEND are taken in once,
moved
or flagged, never skipped; a UIDVALIDITY change re-reads the mailbox without processing anything twice; an
unreachable server is retried with a growing delay and said so in the log."""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

import intake.imap as imap_module
from evidence.models import AuditEvent, Company, Document, Extraction
from immex.errors import ConfigError, TransientError
from immex.services import Services, build_services
from intake.imap import ImapConfig, ImapPoller, backoff_delays
from intake.mail_models import ImapState, MailMessage, MailStatus
from intake.mailroute import set_company_mail
from tests.conftest import CORPUS, drain, embedded_settings
from tests.integration.dovecot import Dovecot, dovecot  # noqa: F401 - the fixture

pytestmark = pytest.mark.integration

CFDI = CORPUS / "cfdi-cfdiutils" / "cfdi40-real.xml"
INVOICE_PDF = CORPUS / "invoice2data" / "compare" / "AmazonWebServices.pdf"
RFC = "AAA010101AAA"


def raw_mail(mid: str, attachment: Path | None = CFDI, sender: str = "ana@proveedor.mx", extra: bytes = b"") -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "buzon@empresa.mx"
    m["Subject"] = f"Documentos {mid}"
    m["Message-ID"] = mid
    m["Date"] = "Wed, 25 Nov 2026 09:00:00 -0600"
    m.set_content("Adjunto.\n")
    if attachment is not None:
        sub = "xml" if attachment.suffix == ".xml" else "pdf"
        m.add_attachment(attachment.read_bytes(), maintype="application", subtype=sub, filename=attachment.name)
    if extra:
        m.add_attachment(extra, maintype="application", subtype="octet-stream", filename="extra.bin")
    return m.as_bytes(policy=m.policy.clone(linesep="\r\n"))


def make_company(services: Services) -> int:
    with services.db.session() as session:
        c = session.scalar(select(Company).where(Company.rfc == RFC))
        if c is None:
            c = Company(rfc=RFC, name="Maquiladora Demo")
            session.add(c)
            session.flush()
        set_company_mail(session, c.id, None, ["@proveedor.mx"])
        return c.id


def config_for(server: Dovecot, processed: str = "folder:Processed", mailbox: str = "INBOX") -> ImapConfig:
    return ImapConfig(
        host="127.0.0.1",
        port=server.port,
        use_ssl=False,
        user=server.user,
        password=server.password,
        mailbox=mailbox,
        processed=processed,
        interval=1,
    )


@pytest.fixture
def svc(embedded_services: Services) -> Services:
    make_company(embedded_services)
    return embedded_services


def test_messages_are_taken_in_once_moved_and_processed(services: Services, dovecot: Dovecot) -> None:  # noqa: F811
    cid = make_company(services)
    dovecot.append(raw_mail("<i1@x>", CFDI))
    dovecot.append(raw_mail("<i2@x>", INVOICE_PDF))
    poller = ImapPoller(services, config_for(dovecot), cid)
    result = poller.poll_once()
    assert [d.status for d in result.deliveries] == [MailStatus.DELIVERED, MailStatus.DELIVERED]
    assert dovecot.uids("INBOX") == []
    assert len(dovecot.uids("Processed")) == 2
    assert poller.poll_once().deliveries == []  # nothing new: nothing taken in again
    drain(services)
    with services.db.session() as session:
        docs = {d.filename: d for d in session.scalars(select(Document))}
        assert set(docs) == {CFDI.name, INVOICE_PDF.name}
        assert all(d.source == "imap" and d.sender == "ana@proveedor.mx" for d in docs.values())
        assert docs[CFDI.name].provenance["message_id"] == "<i1@x>"
        assert docs[CFDI.name].doc_type == "cfdi" and docs[CFDI.name].status == "processed"
        assert docs[INVOICE_PDF.name].status in ("processed", "needs_review")
        assert session.scalars(select(Extraction)).all()
        state = session.scalars(select(ImapState)).one()
        assert state.last_uid == 2 and state.mailbox == poller.config.key


def test_flag_mode_leaves_messages_in_place_and_the_uid_state_skips_them(
    svc: Services,
    dovecot: Dovecot,  # noqa: F811
) -> None:
    cid = make_company(svc)
    dovecot.append(raw_mail("<f1@x>"))
    poller = ImapPoller(svc, config_for(dovecot, processed="flag"), cid)
    assert len(poller.poll_once().deliveries) == 1
    assert dovecot.uids("INBOX") == [1]
    assert dovecot.uids("INBOX", "KEYWORD $ImmexProcessed") == [1]
    assert dovecot.uids("INBOX", "SEEN") == [1]
    dovecot.append(raw_mail("<f2@x>", INVOICE_PDF))
    again = poller.poll_once()
    assert [d.status for d in again.deliveries] == [MailStatus.DELIVERED]  # only the new one was fetched
    assert again.last_uid == 2
    with svc.db.session() as session:
        assert len(session.scalars(select(MailMessage)).all()) == 2


def test_a_uidvalidity_change_rereads_the_mailbox_without_processing_twice(
    svc: Services,
    dovecot: Dovecot,  # noqa: F811
) -> None:
    cid = make_company(svc)
    conn = dovecot.client()
    assert conn.create('"Drop"')[0] == "OK"
    conn.logout()
    first, second = raw_mail("<u1@x>"), raw_mail("<u2@x>", INVOICE_PDF)
    dovecot.append(first, "Drop")
    dovecot.append(second, "Drop")
    poller = ImapPoller(svc, config_for(dovecot, processed="flag", mailbox="Drop"), cid)
    before = poller.poll_once()
    assert len(before.deliveries) == 2
    # the server's mailbox is recreated (a restore, a migration): new UIDVALIDITY, UIDs start again
    conn = dovecot.client()
    assert conn.delete('"Drop"')[0] == "OK"
    assert conn.create('"Drop"')[0] == "OK"
    conn.logout()
    dovecot.append(second, "Drop")
    dovecot.append(first, "Drop")
    dovecot.append(raw_mail("<u3@x>"), "Drop")
    after = poller.poll_once()
    assert after.rescanned and after.uidvalidity != before.uidvalidity
    assert [d.status for d in after.deliveries] == ["duplicate", "duplicate", MailStatus.DELIVERED]
    with svc.db.session() as session:
        assert len(session.scalars(select(MailMessage)).all()) == 3
        assert len(session.scalars(select(Document)).all()) == 2  # the CFDI (twice) and the PDF
        rescan = session.scalars(select(AuditEvent).where(AuditEvent.action == "mail.imap_rescan")).one()
        assert rescan.details["old_uidvalidity"] == before.uidvalidity


def test_a_failure_in_the_middle_skips_nothing(
    svc: Services,
    dovecot: Dovecot,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cid = make_company(svc)
    for n in range(3):
        dovecot.append(raw_mail(f"<c{n}@x>", CFDI if n != 1 else INVOICE_PDF))
    real = imap_module.receive_message
    calls = {"n": 0}

    def fails_on_the_second(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise TransientError("the database went away")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(imap_module, "receive_message", fails_on_the_second)
    poller = ImapPoller(svc, config_for(dovecot), cid)
    with pytest.raises(TransientError):
        poller.poll_once()
    assert dovecot.uids("INBOX") == [2, 3]  # the first was moved, the others wait
    with svc.db.session() as session:
        assert session.scalars(select(ImapState)).one().last_uid == 1
    result = poller.poll_once()
    assert [d.status for d in result.deliveries] == [MailStatus.DELIVERED, MailStatus.DELIVERED]
    assert dovecot.uids("INBOX") == []
    with svc.db.session() as session:
        assert {m.message_id for m in session.scalars(select(MailMessage))} == {"<c0@x>", "<c1@x>", "<c2@x>"}


def test_a_sender_not_on_the_list_is_held_and_moved_like_the_rest(svc: Services, dovecot: Dovecot) -> None:  # noqa: F811
    cid = make_company(svc)
    dovecot.append(raw_mail("<q1@x>", sender="intruso@evil.example"))
    result = ImapPoller(svc, config_for(dovecot), cid).poll_once()
    (d,) = result.deliveries
    assert d.status == MailStatus.QUARANTINED and d.code == "sender_not_allowed"
    assert dovecot.uids("INBOX") == [] and dovecot.uids("Processed") == [1]


def test_a_message_over_the_limit_is_left_in_the_mailbox_flagged(
    tmp_path: Path,
    dovecot: Dovecot,  # noqa: F811
) -> None:
    services = build_services(embedded_settings(tmp_path, max_message_mb=1))
    try:
        cid = make_company(services)
        dovecot.append(raw_mail("<big@x>", extra=b"x" * (1024 * 1024)))
        dovecot.append(raw_mail("<small@x>"))
        poller = ImapPoller(services, config_for(dovecot), cid)
        result = poller.poll_once()
        assert result.skipped_too_large == [1]
        assert [d.status for d in result.deliveries] == [MailStatus.DELIVERED]
        assert dovecot.uids("INBOX") == [1]
        assert dovecot.uids("INBOX", "KEYWORD $ImmexTooLarge") == [1]
        assert poller.poll_once().skipped_too_large == []  # reported once
        with services.db.session() as session:
            event = session.scalars(select(AuditEvent).where(AuditEvent.action == "mail.too_large")).one()
            assert event.details["uid"] == 1
    finally:
        services.close()


def test_an_unreachable_server_is_retried_with_growing_delays_until_it_is_back(
    svc: Services,
    dovecot: Dovecot,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    cid = make_company(svc)
    dovecot.append(raw_mail("<b1@x>"))
    dovecot.stop()
    poller = ImapPoller(svc, config_for(dovecot), cid, backoff_base=0.2, backoff_cap=0.8)
    stop = threading.Event()
    caplog.set_level(logging.INFO, logger="intake.imap")
    thread = threading.Thread(target=poller.run, args=(stop,), daemon=True)
    thread.start()
    try:
        _wait_for(lambda: "trying again in 0.8 s" in caplog.text)
        assert "refused the connection" in caplog.text
        assert "trying again in 0.2 s" in caplog.text and "trying again in 0.4 s" in caplog.text
        dovecot.start()
        _wait_for(lambda: "reachable again" in caplog.text)
        _wait_for(lambda: dovecot.uids("INBOX") == [])
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive()
    with svc.db.session() as session:
        assert [m.message_id for m in session.scalars(select(MailMessage))] == ["<b1@x>"]


def _wait_for(condition, limit: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition was not met")
        time.sleep(0.05)


def test_backoff_doubles_and_is_capped() -> None:
    delays = backoff_delays(5, 600)
    assert [next(delays) for _ in range(10)] == [5, 10, 20, 40, 80, 160, 320, 600, 600, 600]


def test_immex_imap_once(
    tmp_path: Path,
    dovecot: Dovecot,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from immex.cli import main

    env = {
        "IMMEX_DATA_DIR": str(tmp_path / "data"),
        "IMMEX_IMAP_HOST": "127.0.0.1",
        "IMMEX_IMAP_PORT": str(dovecot.port),
        "IMMEX_IMAP_SSL": "false",
        "IMMEX_IMAP_USER": dovecot.user,
        "IMMEX_IMAP_PASSWORD": dovecot.password,
        "IMMEX_IMAP_COMPANY": RFC,
        "IMMEX_IMAP_PROCESSED": "folder:Archivo/Procesados",
    }
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    runner = CliRunner()
    created = runner.invoke(
        main, ["company", "create", "--rfc", RFC, "--name", "Demo", "--allow-sender", "@proveedor.mx"]
    )
    assert created.exit_code == 0, created.output
    dovecot.append(raw_mail("<cli@x>"))
    result = runner.invoke(main, ["imap", "--once", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert [m["status"] for m in summary["messages"]] == ["delivered"]
    assert dovecot.uids("Archivo.Procesados") == [1]  # "/" became this server's hierarchy delimiter
    dovecot.stop()
    down = runner.invoke(main, ["imap", "--once"])
    assert down.exit_code == 75
    assert "refused the connection" in down.output


def test_settings_are_checked_before_connecting(svc: Services) -> None:
    bad = replace(svc.settings, imap_host="imap.example.com", imap_user="u", imap_ssl=False)
    with pytest.raises(ConfigError, match="unencrypted"):
        ImapConfig.from_settings(replace(svc, settings=bad))
    bad = replace(svc.settings, imap_host="127.0.0.1", imap_user="u", imap_ssl=False, imap_processed="trash")
    with pytest.raises(ConfigError, match="folder:NAME or flag"):
        ImapConfig.from_settings(replace(svc, settings=bad))
