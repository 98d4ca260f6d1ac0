"""Tables of the email drop: which addresses belong to which company, who may send to it, every message
received
(with what became of each attachment) and how far each polled IMAP mailbox has been read.

A message row is written when the message arrives and completed when its attachments have gone through
``accept()``; the raw ``.eml`` is in the object store under ``messages/<sha256>`` from the first moment.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from evidence import audit
from evidence.db import Base, JSONType
from evidence.models import utcnow

if TYPE_CHECKING:
    from immex.services import Services
    from intake.mail import MailHeaders


class MailStatus:
    """What became of a message as a whole."""

    RECEIVED = "received"  # stored; its attachments are being handled (a crash leaves it here: redelivery resumes)
    DELIVERED = "delivered"  # every attachment was accepted (or was already known)
    PROBLEMS = "problems"  # some attachments were refused or skipped; each outcome says why
    NO_ATTACHMENTS = "no_attachments"  # nothing to process (the message itself is kept)
    QUARANTINED = "quarantined"  # not processed at all: sender not allowed, too large
    DONE = frozenset({DELIVERED, PROBLEMS, NO_ATTACHMENTS, QUARANTINED})


INTERRUPTED = "interrupted"  # status_code of a received message whose handling failed part way
STALE_AFTER = timedelta(minutes=15)  # a received message untouched this long was left behind by a crash


class MailDropAddress(Base):
    """An address of the drop (``facturas@drop.example.mx``): mail sent to it belongs to one company."""

    __tablename__ = "mail_drop_addresses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    address: Mapped[str] = mapped_column(String(320), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MailAllowedSender(Base):
    """A sender a company accepts documents from: a whole address, or ``@domain`` for everyone at a domain."""

    __tablename__ = "mail_allowed_senders"
    __table_args__ = (UniqueConstraint("company_id", "pattern", name="uq_mail_allowed_senders_company_pattern"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    pattern: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MailMessage(Base):
    """One message received for one company (a message to two companies' addresses is two rows)."""

    __tablename__ = "mail_messages"
    __table_args__ = (UniqueConstraint("company_id", "sha256", name="uq_mail_messages_company_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # email | imap
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    object_key: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(BigInteger)
    sender: Mapped[str | None] = mapped_column(String(320))  # the From address
    envelope_sender: Mapped[str | None] = mapped_column(String(320))
    recipients: Mapped[list[str]] = mapped_column(JSONType, default=list)
    subject: Mapped[str | None] = mapped_column(Text)
    mail_date: Mapped[str | None] = mapped_column(String(64))  # ISO 8601 from the Date header, as the sender said
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(20), default=MailStatus.RECEIVED, index=True)
    status_code: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    documents: Mapped[list[int]] = mapped_column(JSONType, default=list)
    outcomes: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    defects: Mapped[list[str]] = mapped_column(JSONType, default=list)
    quarantine_id: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "company_id": self.company_id,
            "source": self.source,
            "message_id": self.message_id,
            "sha256": self.sha256,
            "object_key": self.object_key,
            "size": self.size,
            "sender": self.sender,
            "envelope_sender": self.envelope_sender,
            "recipients": list(self.recipients or []),
            "subject": self.subject,
            "mail_date": self.mail_date,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "status": self.status,
            "code": self.status_code,
            "reason": self.reason,
            "documents": list(self.documents or []),
            "outcomes": list(self.outcomes or []),
            "defects": list(self.defects or []),
            "quarantine_id": self.quarantine_id,
        }


class MailMessageDocument(Base):
    """The documents a message produced (or named again, as a duplicate) and where in the message each was."""

    __tablename__ = "mail_message_documents"
    __table_args__ = (UniqueConstraint("message_pk", "attachment_path", name="uq_mail_message_documents_message_path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("mail_messages.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    attachment_path: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(20))  # accepted | duplicate | rejected (as accept() said)


class ImapState(Base):
    """How far a mailbox has been read: the last UID handled under the mailbox's current UIDVALIDITY."""

    __tablename__ = "mail_imap_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(500), unique=True)  # user@host:port/MAILBOX
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


# -- a message's record, opened on arrival and closed when its attachments are handled ----------------------


def find_previous(session: Session, company_id: int, sha: str, message_id: str | None) -> MailMessage | None:
    """The first record of the same message (same bytes or same Message-ID) for the company."""
    cond = MailMessage.sha256 == sha
    if message_id:
        cond = or_(cond, MailMessage.message_id == message_id)
    return session.scalars(
        select(MailMessage).where(MailMessage.company_id == company_id, cond).order_by(MailMessage.id).limit(1)
    ).first()


def open_record(
    services: Services,
    *,
    company_id: int,
    source: str,
    sha: str,
    key: str,
    size: int,
    headers: MailHeaders,
    envelope_sender: str | None,
    recipients: list[str],
    received_at: datetime,
    actor: str,
    trace: dict[str, Any] | None = None,
    resume: bool = False,
) -> tuple[MailMessage, MailMessage | None]:
    """(record, previous): the message's row, created now (audited as ``mail.received``) or left unfinished by
    an earlier attempt; ``previous`` is set when the message was already handled, or is being handled right
    now by another delivery (it is not processed again, and this delivery is audited as ``mail.duplicate``).

    An unfinished row is taken over when ``resume`` is set (a restart finishing what a crash left), when its
    handling failed (``interrupted``), or when it has not moved for ``STALE_AFTER``."""
    with services.db.session() as session:
        previous = find_previous(session, company_id, sha, headers.message_id)
        if previous is not None and (previous.status in MailStatus.DONE or not _resumable(previous, resume)):
            audit.record(
                session,
                actor=actor,
                action="mail.duplicate",
                object_type="mail_message",
                object_id=previous.id,
                company_id=company_id,
                details={
                    "message_id": headers.message_id,
                    "sha256": sha,
                    "object_key": key,
                    "same_bytes": previous.sha256 == sha,
                    "source": source,
                    **({"in_progress": True} if previous.status == MailStatus.RECEIVED else {}),
                },
            )
            return previous, previous
        if previous is not None:
            return previous, None
        row = MailMessage(
            company_id=company_id,
            source=source,
            message_id=headers.message_id,
            sha256=sha,
            object_key=key,
            size=size,
            sender=headers.from_address,
            envelope_sender=envelope_sender,
            recipients=recipients,
            subject=headers.subject,
            mail_date=headers.date,
            received_at=received_at,
            status=MailStatus.RECEIVED,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="mail.received",
            object_type="mail_message",
            object_id=row.id,
            company_id=company_id,
            details={
                "message_id": headers.message_id,
                "sha256": sha,
                "object_key": key,
                "size": size,
                "from": headers.from_header,
                "envelope_sender": envelope_sender,
                "recipients": recipients,
                "subject": headers.subject,
                "mail_date": headers.date,
                "source": source,
                **({"trace": trace} if trace else {}),
            },
        )
        return row, None


def _resumable(row: MailMessage, resume: bool) -> bool:
    if resume or row.status_code == INTERRUPTED:
        return True
    updated = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=UTC)
    return datetime.now(UTC) - updated > STALE_AFTER


def mark_interrupted(services: Services, record: MailMessage) -> None:
    """Best effort, after handling a message failed: the next delivery of it takes the record over."""
    try:
        with services.db.session() as session:
            row = session.get(MailMessage, record.id)
            if row is not None and row.status == MailStatus.RECEIVED:
                row.status_code = INTERRUPTED
    except Exception:  # noqa: BLE001 - the database itself may be what failed; STALE_AFTER covers that
        return


def close_record(
    services: Services, record: MailMessage, status: str, code: str | None, reason: str | None, **values: Any
) -> None:
    """Record what became of the message (and link the documents it produced), audited as ``mail.delivered`` or
    ``mail.quarantined``; ``record`` is updated to match."""
    with services.db.session() as session:
        row = session.get(MailMessage, record.id)
        assert row is not None
        row.status, row.status_code, row.reason = status, code, reason
        for name, value in values.items():
            setattr(row, name, value)
        for o in row.outcomes or []:
            path = o["path"][:1000]
            if o.get("document_id") is not None and _link_missing(session, row.id, path):
                session.add(
                    MailMessageDocument(
                        message_pk=row.id,
                        document_id=o["document_id"],
                        attachment_path=path,
                        status=o["status"],
                    )
                )
        audit.record(
            session,
            actor="mail",
            action="mail.quarantined" if status == MailStatus.QUARANTINED else "mail.delivered",
            object_type="mail_message",
            object_id=row.id,
            company_id=row.company_id,
            details={
                "status": status,
                "code": code,
                "reason": reason,
                "documents": list(row.documents or []),
                "outcomes": {
                    s: sum(1 for o in row.outcomes or [] if o["status"] == s)
                    for s in sorted({o["status"] for o in row.outcomes or []})
                },
            },
        )
        for name in ("status", "status_code", "reason", *values):
            setattr(record, name, getattr(row, name))


def _link_missing(session: Session, message_pk: int, path: str) -> bool:
    return (
        session.scalar(
            select(MailMessageDocument.id).where(
                MailMessageDocument.message_pk == message_pk, MailMessageDocument.attachment_path == path
            )
        )
        is None
    )
