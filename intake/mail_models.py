"""Tables of the email drop: which addresses belong to which company, who may send to it, every message
received
(with what became of each attachment) and how far each polled IMAP mailbox has been read.

A message row is written when the message arrives and completed when its attachments have gone through
``accept()``; the raw ``.eml`` is in the object store under ``messages/<sha256>`` from the first moment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from evidence.db import Base, JSONType
from evidence.models import utcnow


class MailStatus:
    """What became of a message as a whole."""

    RECEIVED = "received"  # stored; its attachments are being handled (a crash leaves it here: redelivery resumes)
    DELIVERED = "delivered"  # every attachment was accepted (or was already known)
    PROBLEMS = "problems"  # some attachments were refused or skipped; each outcome says why
    NO_ATTACHMENTS = "no_attachments"  # nothing to process (the message itself is kept)
    QUARANTINED = "quarantined"  # not processed at all: sender not allowed, too large
    DONE = frozenset({DELIVERED, PROBLEMS, NO_ATTACHMENTS, QUARANTINED})


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
