"""Which company a message is for, whether its sender may send to it, and where mail-borne documents came
from.

Drop addresses are unique across companies (one address, one company). A company accepts mail only from the
senders on its list: a whole address (``ana@proveedor.mx``) or everyone at a domain (``@proveedor.mx``,
exactly that domain, not its subdomains). Mail from anyone else is kept in quarantine for the company's admin.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as SAIntegrityError
from sqlalchemy.orm import Session

from evidence import audit
from evidence.models import Company
from evidence.objectstore import original_key
from immex.errors import ImmexError, NotFound
from immex.services import Services
from intake.accept import quarantine_unassigned
from intake.mail import (
    AttachmentRun,
    MailHeaders,
    ParsedMail,
    normalise_address,
    parse_message,
    summarise,
    take_in_parts,
)
from intake.mail_models import (
    MailAllowedSender,
    MailDropAddress,
    MailMessage,
    MailMessageDocument,
    MailStatus,
    close_record,
    find_previous,
    mark_interrupted,
    open_record,
)
from intake.zipfiles import ZipBudget, ZipLimits

log = logging.getLogger(__name__)

_DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")


class MailConfigError(ImmexError):
    code = "bad_mail_setting"


def clean_drop_address(value: str) -> str:
    addr = normalise_address(value.strip())
    if addr is None:
        raise MailConfigError(f"{value!r} is not an email address (expected something like facturas@drop.example.mx)")
    return addr


def clean_sender_pattern(value: str) -> str:
    """``Ana@Proveedor.MX`` → ``ana@proveedor.mx``; ``proveedor.mx``, ``@proveedor.mx`` or ``*@proveedor.mx``
    →
    ``@proveedor.mx`` (the whole domain)."""
    raw = value.strip().lower()
    domain = raw.removeprefix("*").removeprefix("@") if "@" not in raw.lstrip("*@") else None
    if domain is not None:
        if not _DOMAIN.fullmatch(domain):
            raise MailConfigError(f"{value!r} is not a domain (expected something like @proveedor.mx)")
        return "@" + domain
    addr = normalise_address(raw)
    if addr is None:
        raise MailConfigError(f"{value!r} is not an email address or a @domain")
    return addr


def set_company_mail(
    session: Session,
    company_id: int,
    drop_addresses: Iterable[str] | None,
    allowed_senders: Iterable[str] | None,
    *,
    actor: str = "system",
) -> dict[str, list[str]]:
    """Make the company's drop addresses and allowed senders exactly the ones given. A list that is None or
    empty is left as it is. Returns both lists as they now are."""
    if session.get(Company, company_id) is None:
        raise NotFound(f"Company {company_id} does not exist")
    drops = sorted({clean_drop_address(a) for a in drop_addresses or []})
    senders = sorted({clean_sender_pattern(s) for s in allowed_senders or []})
    if drops:
        taken = session.scalars(
            select(MailDropAddress).where(MailDropAddress.address.in_(drops), MailDropAddress.company_id != company_id)
        ).all()
        if taken:
            raise MailConfigError(
                f"{taken[0].address} is already the drop address of another company; each address belongs to one.",
                code="drop_address_taken",
            )
        current = {
            d.address: d
            for d in session.scalars(select(MailDropAddress).where(MailDropAddress.company_id == company_id))
        }
        for address, row in current.items():
            if address not in drops:
                session.delete(row)
        for address in drops:
            if address not in current:
                session.add(MailDropAddress(company_id=company_id, address=address))
    if senders:
        current_s = {
            s.pattern: s
            for s in session.scalars(select(MailAllowedSender).where(MailAllowedSender.company_id == company_id))
        }
        for pattern, srow in current_s.items():
            if pattern not in senders:
                session.delete(srow)
        for pattern in senders:
            if pattern not in current_s:
                session.add(MailAllowedSender(company_id=company_id, pattern=pattern))
    session.flush()
    result = company_mail(session, company_id)
    audit.record(
        session,
        actor=actor,
        action="company.mail_settings",
        object_type="company",
        object_id=company_id,
        company_id=company_id,
        details=result,
    )
    return result


def company_mail(session: Session, company_id: int) -> dict[str, list[str]]:
    drops = session.scalars(
        select(MailDropAddress.address)
        .where(MailDropAddress.company_id == company_id)
        .order_by(MailDropAddress.address)
    ).all()
    senders = session.scalars(
        select(MailAllowedSender.pattern)
        .where(MailAllowedSender.company_id == company_id)
        .order_by(MailAllowedSender.pattern)
    ).all()
    return {"drop_addresses": list(drops), "allowed_senders": list(senders)}


def company_for_address(session: Session, address: str) -> int | None:
    """The company a drop address belongs to, or None."""
    addr = normalise_address(address)
    if addr is None:
        return None
    return session.scalar(select(MailDropAddress.company_id).where(MailDropAddress.address == addr))


def sender_allowed(session: Session, company_id: int, address: str | None) -> bool:
    addr = normalise_address(address) if address else None
    if addr is None:
        return False
    domain = "@" + addr.rsplit("@", 1)[1]
    hit = session.scalar(
        select(MailAllowedSender.id).where(
            MailAllowedSender.company_id == company_id, MailAllowedSender.pattern.in_([addr, domain])
        )
    )
    return hit is not None


def sender_problem(
    session: Session,
    company_id: int,
    from_address: str | None,
    envelope_sender: str | None = None,
    *,
    trusted_relay: bool = False,
) -> tuple[str, str] | None:
    """(code, reason) when a message must be held instead of processed, judged on its sender.

    The From address (what people see) must be allowed. Over SMTP the envelope sender must be allowed too,
    unless the session authenticated as a relay: a message that says it is from a known supplier but was sent
    by someone else is what a forged sender looks like."""
    company = session.get(Company, company_id)
    name = company.name if company else f"company {company_id}"
    if from_address is None:
        return (
            "no_sender",
            "The message has no readable From address, so its sender cannot be checked. It is kept but not processed.",
        )
    if not sender_allowed(session, company_id, from_address):
        return (
            "sender_not_allowed",
            f"Mail from {from_address} is not accepted for {name}: the sender is not on the company's list "
            "of allowed senders. The message is kept; an administrator can add the sender and release it.",
        )
    env = normalise_address(envelope_sender) if envelope_sender else None
    if env and not trusted_relay and env != from_address and not sender_allowed(session, company_id, env):
        return (
            "sender_mismatch",
            f"The message says it is from {from_address} but was sent by {env}, which is not an allowed "
            "sender (a sign of a forged sender). The message is kept but not processed.",
        )
    return None


def message_for_document(session: Session, document_id: int) -> MailMessage | None:
    """The message a document came in (the first one, when several messages carried the same file)."""
    link = session.scalars(
        select(MailMessageDocument)
        .where(MailMessageDocument.document_id == document_id)
        .order_by((MailMessageDocument.status != "accepted"), MailMessageDocument.id)
        .limit(1)
    ).first()
    if link is None:
        return None
    return session.get(MailMessage, link.message_pk)


# -- delivery: one message for one company -------------------------------------------------------------------


@dataclass
class Delivery:
    """What became of one message for one company."""

    company_id: int
    status: str  # a MailStatus, or "duplicate"
    message_pk: int | None
    sha256: str
    reason: str | None = None
    code: str | None = None
    documents: list[int] = field(default_factory=list)
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    duplicate_of: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "company_id": self.company_id,
            "status": self.status,
            "message": self.message_pk,
            "sha256": self.sha256,
            "code": self.code,
            "reason": self.reason,
            "documents": self.documents,
            "outcomes": self.outcomes,
            "duplicate_of": self.duplicate_of,
        }


def _provenance(headers: MailHeaders, sha: str) -> dict[str, Any]:
    return {
        "message_id": headers.message_id,
        "subject": headers.subject,
        "mail_date": headers.date,
        "from": headers.from_header,
        "to": headers.to,
        "mail_sha256": sha,
    }


def receive_message(
    services: Services,
    raw: bytes,
    *,
    company_id: int,
    source: str = "email",
    envelope_sender: str | None = None,
    recipients: Iterable[str] = (),
    trusted_relay: bool = False,
    trace: dict[str, Any] | None = None,
    actor: str = "mail",
    check_sender: bool = True,
    resume: bool = False,
) -> Delivery:
    """Take in one raw message for one company: keep it whole, then (if its sender is allowed and it is within
    the size limit) put every attachment through ``accept()`` and record what became of each.

    The same message delivered again (same bytes or same Message-ID) is recorded as a duplicate and not
    processed again; one left half-done by a crash is finished. ``trace`` (peer, TLS, AUTH...) goes into the
    ``mail.received`` audit event. ``check_sender=False`` is for a message an admin released; ``resume`` takes
    over a record left unfinished (see ``open_record``)."""
    sha = hashlib.sha256(raw).hexdigest()
    key = original_key(sha, prefix="messages")
    received_at = datetime.now(UTC)
    with tempfile.TemporaryDirectory(dir=services.scratch_dir, prefix="mail-") as tmp:
        scratch = Path(tmp)
        eml = scratch / "message.eml"
        eml.write_bytes(raw)
        services.store.put_file(key, eml, content_type="message/rfc822")
        parsed = parse_message(raw)
        headers = parsed.headers
        try:
            record, previous = open_record(
                services,
                company_id=company_id,
                source=source,
                sha=sha,
                key=key,
                size=len(raw),
                headers=headers,
                envelope_sender=normalise_address(envelope_sender) if envelope_sender else None,
                recipients=list(recipients),
                received_at=received_at,
                actor=actor,
                trace=trace,
                resume=resume,
            )
        except SAIntegrityError:  # the same bytes arrived twice at the same moment
            with services.db.session() as session:
                first = find_previous(session, company_id, sha, None)
            return Delivery(
                company_id,
                "duplicate",
                first.id if first else None,
                sha,
                "This message arrived twice at the same moment; this copy was not processed again.",
                "duplicate",
                duplicate_of=first.id if first else None,
            )
        if previous is not None:
            when = "is being taken in right now" if previous.status == MailStatus.RECEIVED else "was already received"
            return Delivery(
                company_id,
                "duplicate",
                previous.id,
                sha,
                f"This message {when} (message {previous.id}); this copy was not processed again.",
                "duplicate",
                documents=list(previous.documents or []),
                duplicate_of=previous.id,
            )
        try:
            return _take_in(
                services,
                record,
                parsed,
                eml=eml,
                scratch=scratch,
                company_id=company_id,
                source=source,
                sha=sha,
                envelope_sender=envelope_sender,
                trusted_relay=trusted_relay if check_sender else None,
                received_at=received_at,
                actor=actor,
            )
        except Exception:
            mark_interrupted(services, record)
            raise


def _take_in(
    services: Services,
    record: MailMessage,
    parsed: ParsedMail,
    *,
    eml: Path,
    scratch: Path,
    company_id: int,
    source: str,
    sha: str,
    envelope_sender: str | None,
    trusted_relay: bool | None,
    received_at: datetime,
    actor: str,
) -> Delivery:
    """Judge the message (sender, size), then take in its attachments; close its record either way."""
    headers = parsed.headers
    raw_size = eml.stat().st_size
    provenance = _provenance(headers, sha)
    held = _held(services, company_id, raw_size, headers, envelope_sender, trusted_relay)
    if held is not None:
        code, reason = held
        entry = quarantine_unassigned(
            services,
            path=eml,
            filename=_eml_name(headers),
            source=source,
            sender=headers.from_address,
            code=code,
            reason=reason,
            company_id=company_id,
            provenance=provenance,
            actor=actor,
        )
        close_record(
            services,
            record,
            MailStatus.QUARANTINED,
            code,
            reason,
            quarantine_id=entry.id,
            defects=parsed.defects,
        )
        log.info("message %s for company %s held: %s", record.id, company_id, code)
        return Delivery(company_id, MailStatus.QUARANTINED, record.id, sha, reason, code)
    limits = ZipLimits(max_entry_bytes=services.settings.max_upload_bytes)
    ctx = AttachmentRun(
        services=services,
        company_id=company_id,
        source=source,
        sender=headers.from_address or (normalise_address(envelope_sender) if envelope_sender else None),
        received_at=received_at,
        provenance=provenance,
        scratch=scratch,
        actor=actor,
        budget=ZipBudget.of(limits),
        limits=limits,
    )
    take_in_parts(ctx, parsed.parts, "", depth=0)
    documents = sorted({o["document_id"] for o in ctx.outcomes if o.get("document_id") is not None})
    status, summary_code, reason = summarise(ctx.outcomes, parsed.defects)
    close_record(
        services,
        record,
        status,
        summary_code,
        reason,
        outcomes=ctx.outcomes,
        documents=documents,
        defects=parsed.defects,
    )
    log.info("message %s for company %s: %s (%d documents)", record.id, company_id, status, len(documents))
    return Delivery(company_id, status, record.id, sha, reason, summary_code, documents, ctx.outcomes)


def _held(
    services: Services,
    company_id: int,
    size: int,
    headers: MailHeaders,
    envelope_sender: str | None,
    trusted_relay: bool | None,
) -> tuple[str, str] | None:
    limit = services.settings.max_message_mb
    if size > limit * 1024 * 1024:  # (SMTP refuses these with 552; a polled mailbox can hold them)
        return (
            "message_too_large",
            f"The message is {size / (1024 * 1024):.1f} MB; the limit is {limit} MB. It is kept but not "
            "processed; ask the sender to split the attachments over several messages.",
        )
    if trusted_relay is None:  # released by an admin: the sender is not judged again
        return None
    with services.db.session() as session:
        return sender_problem(session, company_id, headers.from_address, envelope_sender, trusted_relay=trusted_relay)


def _eml_name(headers: MailHeaders) -> str:
    subject = re.sub(r"[^\w .,()-]+", "_", headers.subject or "message").strip()[:80] or "message"
    return f"{subject}.eml"


def resume_unfinished(services: Services) -> list[Delivery]:
    """Finish every message left half-done (status ``received``) by a crash, from its kept raw bytes."""
    with services.db.session() as session:
        rows = session.execute(
            select(
                MailMessage.id,
                MailMessage.company_id,
                MailMessage.source,
                MailMessage.object_key,
                MailMessage.envelope_sender,
                MailMessage.recipients,
                MailMessage.status_code,
            ).where(MailMessage.status == MailStatus.RECEIVED)
        ).all()
    done = []
    for r in rows:
        with services.store.open(r.object_key) as fh:
            raw = fh.read()
        done.append(
            receive_message(
                services,
                raw,
                company_id=r.company_id,
                source=r.source,
                envelope_sender=r.envelope_sender,
                recipients=r.recipients or [],
                check_sender=r.status_code != RELEASED,
                resume=True,
            )
        )
    return done


RELEASED = "released"
RELEASABLE = frozenset({"sender_not_allowed", "sender_mismatch", "no_sender"})


def release_message(services: Services, message_pk: int, *, actor: str) -> Delivery:
    """Process a message that was held because of its sender, as an admin decided after looking at it. The
    release is audited; the message's attachments then go through ``accept()`` like any other's."""
    with services.db.session() as session:
        row = session.get(MailMessage, message_pk)
        if row is None:
            raise NotFound(f"No message {message_pk}")
        if row.status != MailStatus.QUARANTINED or row.status_code not in RELEASABLE:
            raise MailConfigError(
                f"Message {message_pk} is {row.status} ({row.status_code or 'no problem'}): only a message held "
                "because of its sender can be released.",
                code="not_releasable",
            )
        held_code = row.status_code
        row.status, row.status_code = MailStatus.RECEIVED, RELEASED
        audit.record(
            session,
            actor=actor,
            action="mail.released",
            object_type="mail_message",
            object_id=row.id,
            company_id=row.company_id,
            details={"held_as": held_code, "sender": row.sender, "message_id": row.message_id},
        )
        company_id, source, key, envelope = row.company_id, row.source, row.object_key, row.envelope_sender
        recipients = list(row.recipients or [])
    with services.store.open(key) as fh:
        raw = fh.read()
    return receive_message(
        services,
        raw,
        company_id=company_id,
        source=source,
        envelope_sender=envelope,
        recipients=recipients,
        actor=actor,
        check_sender=False,
        resume=True,
    )
