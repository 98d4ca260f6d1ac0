"""The one ``accept()`` every channel calls.

Stream to disk while hashing, sniff the type from the bytes, apply the limits, deduplicate per company, put the
unmodified original in the object store under its SHA-256, insert the document row and its audit event in one
transaction, and only after the commit enqueue processing. Input that is refused is still kept: its bytes go to
the object store and a quarantine entry says why, in words a clerk understands.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as SAIntegrityError

from evidence import audit
from evidence.models import Company, Document, DocumentStatus, QuarantineEntry
from evidence.objectstore import CHUNK, original_key
from immex.errors import NotFound
from immex.messages import N_
from immex.services import Services
from intake import sniff as sniffing

# "structured": one pedimento of a validation file or Data Stage extract, stored on its own (workers.structured)
SOURCES = frozenset({"upload", "api", "cli", "email", "imap", "demo", "folder", "structured"})


@dataclass
class IncomingDocument:
    company_id: int
    source: str
    filename: str
    path: Path | None = None
    stream: BinaryIO | None = None
    sender: str | None = None
    received_at: datetime | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    actor: str = "system"


@dataclass
class AcceptResult:
    status: str  # accepted | duplicate | rejected
    document_id: int | None
    sha256: str
    reason: str | None = None
    code: str | None = None
    filename: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("accepted", "duplicate")

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "document_id": self.document_id,
            "sha256": self.sha256,
            "filename": self.filename,
            "code": self.code,
            "reason": self.reason,
        }


@dataclass
class _Spooled:
    path: Path
    sha256: str
    size: int
    head: bytes
    owned: bool  # a temporary copy we must delete


def _spool(services: Services, incoming: IncomingDocument) -> _Spooled:
    """Hash the input; a stream is written to a temporary file on the way (never held whole in memory)."""
    h = hashlib.sha256()
    size = 0
    head = b""
    if incoming.path is not None and incoming.stream is None:
        with open(incoming.path, "rb") as src:
            while chunk := src.read(CHUNK):
                if not head:
                    head = chunk[:4096]
                h.update(chunk)
                size += len(chunk)
        return _Spooled(incoming.path, h.hexdigest(), size, head, owned=False)
    if incoming.stream is None:
        raise ValueError("IncomingDocument needs a path or a stream")
    fd, tmp = tempfile.mkstemp(dir=services.scratch_dir, prefix="intake-")
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := incoming.stream.read(CHUNK):
                if len(head) < 4096:
                    head += chunk[: 4096 - len(head)]
                h.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except BaseException:
        os.unlink(tmp)
        raise
    return _Spooled(Path(tmp), h.hexdigest(), size, head, owned=True)


def _check(services: Services, spooled: _Spooled, media_type: str | None, filename: str) -> tuple[str, str] | None:
    """(code, reason) when the input must not be processed, else None."""
    settings = services.settings
    if spooled.size == 0:
        return (
            "empty",
            f"{filename} is empty (0 bytes): there is nothing to read. Ask the sender for the file again.",
        )
    if spooled.size > settings.max_upload_bytes:
        mb = spooled.size / (1024 * 1024)
        return (
            "too_large",
            f"{filename} is {mb:.1f} MB; the limit is {settings.max_upload_mb} MB. Split it or ask an admin.",
        )
    if media_type is None or media_type not in sniffing.DOCUMENT_TYPES:
        what = sniffing.describe(media_type) if media_type else N_("not a type we recognise")
        return (
            "unsupported_type",
            f"{filename} is {what}: only PDF, PNG, JPEG, TIFF and XML documents, validation files (M3) and "
            "Data Stage extracts can be processed.",
        )
    if media_type in (sniffing.PDF, sniffing.PNG, sniffing.JPEG, sniffing.TIFF):
        from extractors import bounds

        refusal = (
            bounds.check_pdf_streams(spooled.path, settings.max_expanded_mb)
            if media_type == sniffing.PDF
            else bounds.check_image(spooled.path, settings.max_megapixels * 1_000_000)
        )
        if refusal is not None:
            return refusal.code, f"{filename}: {refusal.reason}"
    if media_type in sniffing.STRUCTURED_TYPES:
        from extractors.m3.parse import StructuredFileError, parse_datastage, parse_m3

        reader = parse_m3 if media_type == sniffing.M3 else parse_datastage
        try:
            reader(spooled.path.read_bytes(), filename)
        except StructuredFileError as exc:
            return exc.code, exc.message
    if media_type in (sniffing.PDF, sniffing.TIFF):
        from extractors.text import TextError, count_pages

        try:
            pages = count_pages(spooled.path, media_type)
        except TextError as exc:
            return exc.code, f"{filename}: {exc.message}"
        if pages > settings.max_pages:
            return (
                "too_many_pages",
                f"{filename} has {pages} pages; the limit is {settings.max_pages}. Split it into smaller files.",
            )
    return None


def _media_type_for_storage(media_type: str | None) -> str:
    return media_type or "application/octet-stream"


def accept(services: Services, incoming: IncomingDocument) -> AcceptResult:
    """Take one incoming file for a company. Never raises for bad input: the result says what happened."""
    if incoming.source not in SOURCES:
        raise ValueError(f"unknown source {incoming.source!r}")
    filename = _clean_filename(incoming.filename)
    spooled = _spool(services, incoming)
    try:
        with services.db.session() as session:
            if session.get(Company, incoming.company_id) is None:
                raise NotFound(f"Company {incoming.company_id} does not exist")
            existing = session.scalar(
                select(Document).where(Document.company_id == incoming.company_id, Document.sha256 == spooled.sha256)
            )
            if existing is not None:
                audit.record(
                    session,
                    actor=incoming.actor,
                    action="document.duplicate",
                    object_type="document",
                    object_id=existing.id,
                    company_id=incoming.company_id,
                    details={"filename": filename, "source": incoming.source, "sender": incoming.sender},
                )
                return AcceptResult(
                    "duplicate",
                    existing.id,
                    spooled.sha256,
                    f"{filename} was already received as document {existing.id} ({existing.filename}).",
                    "duplicate",
                    filename,
                )

        media_type = sniffing.sniff(spooled.head)
        problem = _check(services, spooled, media_type, filename)
        # The original is stored first: if the row insert fails, an unreferenced blob remains (harmless, it is
        # content-addressed) but never a row without its original.
        key = original_key(spooled.sha256)
        services.store.put_file(key, spooled.path, content_type=_media_type_for_storage(media_type))
        try:
            document_id = _insert(services, incoming, filename, spooled, media_type, key, problem)
        except SAIntegrityError:  # the same bytes arrived concurrently for this company
            with services.db.session() as session:
                doc = session.scalar(
                    select(Document).where(
                        Document.company_id == incoming.company_id, Document.sha256 == spooled.sha256
                    )
                )
                assert doc is not None
                return AcceptResult("duplicate", doc.id, spooled.sha256, "already received", "duplicate", filename)
    finally:
        if spooled.owned:
            spooled.path.unlink(missing_ok=True)

    if problem is not None:
        return AcceptResult("rejected", document_id, spooled.sha256, problem[1], problem[0], filename)
    services.queue.enqueue_process(document_id)
    return AcceptResult("accepted", document_id, spooled.sha256, None, None, filename)


def _insert(
    services: Services,
    incoming: IncomingDocument,
    filename: str,
    spooled: _Spooled,
    media_type: str | None,
    key: str,
    problem: tuple[str, str] | None,
) -> int:
    received_at = incoming.received_at or datetime.now(UTC)
    with services.db.session() as session:
        doc = Document(
            company_id=incoming.company_id,
            sha256=spooled.sha256,
            filename=filename,
            media_type=_media_type_for_storage(media_type),
            size=spooled.size,
            pages=1 if media_type == sniffing.XML or media_type in sniffing.STRUCTURED_TYPES else None,
            source=incoming.source,
            sender=incoming.sender,
            provenance=dict(incoming.provenance),
            received_at=received_at,
            status=DocumentStatus.QUARANTINED if problem else DocumentStatus.RECEIVED,
            status_code=problem[0] if problem else None,
            status_reason=problem[1] if problem else None,
        )
        session.add(doc)
        session.flush()
        if problem:
            session.add(
                QuarantineEntry(
                    company_id=incoming.company_id,
                    document_id=doc.id,
                    sha256=spooled.sha256,
                    object_key=key,
                    filename=filename,
                    size=spooled.size,
                    source=incoming.source,
                    sender=incoming.sender,
                    code=problem[0],
                    reason=problem[1],
                    provenance=dict(incoming.provenance),
                )
            )
        audit.record(
            session,
            actor=incoming.actor,
            action="document.quarantined" if problem else "document.received",
            object_type="document",
            object_id=doc.id,
            company_id=incoming.company_id,
            details={
                "sha256": spooled.sha256,
                "filename": filename,
                "media_type": media_type,
                "size": spooled.size,
                "source": incoming.source,
                "sender": incoming.sender,
                **({"code": problem[0], "reason": problem[1]} if problem else {}),
                **({"provenance": incoming.provenance} if incoming.provenance else {}),
            },
        )
        return doc.id


def quarantine_unassigned(
    services: Services,
    *,
    path: Path,
    filename: str,
    source: str,
    sender: str | None,
    code: str,
    reason: str,
    company_id: int | None = None,
    provenance: dict[str, Any] | None = None,
    actor: str = "system",
) -> QuarantineEntry:
    """Keep something that is not (or not yet) a document of a company: an unknown sender's mail, a damaged
    message. The bytes go to the object store under their hash; the entry says why."""
    with open(path, "rb") as fh:
        from evidence.objectstore import sha256_of_stream

        sha, size = sha256_of_stream(fh)
    key = original_key(sha, prefix="quarantine")
    services.store.put_file(key, path)
    with services.db.session() as session:
        entry = QuarantineEntry(
            company_id=company_id,
            sha256=sha,
            object_key=key,
            filename=_clean_filename(filename),
            size=size,
            source=source,
            sender=sender,
            code=code,
            reason=reason,
            provenance=provenance or {},
        )
        session.add(entry)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="quarantine.added",
            object_type="quarantine",
            object_id=entry.id,
            company_id=company_id,
            details={"sha256": sha, "filename": filename, "code": code, "reason": reason, "sender": sender},
        )
        return entry


def _clean_filename(name: str) -> str:
    """The name as the sender gave it, minus any folder part and control characters (it is shown and used in
    bundle paths, never used to open a file)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or "unnamed"


def copy_stream_to(path: Path, stream: BinaryIO) -> None:
    with open(path, "wb") as out:
        shutil.copyfileobj(stream, out, CHUNK)
