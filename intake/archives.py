"""Intake of a file that may be an archive: the one entry point of the CLI, the API and the portal upload.

A ZIP (recognised from its bytes, even when its entries are stored uncompressed or it is named ``.pdf``) is kept
whole in the object store and opened with the same rules as a mailed archive: every file inside becomes a
document or a reported rejection, never silently nothing. Anything else goes straight to ``accept()``.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidence import audit
from evidence.objectstore import original_key, sha256_of_stream
from immex.services import Services
from intake.accept import AcceptResult, IncomingDocument, accept, copy_stream_to
from intake.sniff import ZIP, sniff_path
from intake.zipfiles import ZipBudget, ZipLimits, is_office_document

# Outcomes of a file inside an archive (see ``intake.mail.AttachmentRun``) as the statuses of ``AcceptResult``.
_STATUS = {"accepted": "accepted", "duplicate": "duplicate"}


def accept_files(services: Services, incoming: IncomingDocument) -> list[AcceptResult]:
    """Take in one incoming file: an archive gives one result per file inside it, anything else one result."""
    with tempfile.TemporaryDirectory(dir=services.scratch_dir, prefix="archive-") as tmp:
        scratch = Path(tmp)
        path = incoming.path
        if incoming.stream is not None or path is None:
            fd, name = tempfile.mkstemp(dir=scratch, prefix="upload-")
            os.close(fd)
            path = Path(name)
            assert incoming.stream is not None, "IncomingDocument needs a path or a stream"
            copy_stream_to(path, incoming.stream)
        single = IncomingDocument(**{**incoming.__dict__, "path": path, "stream": None})
        if sniff_path(path) != ZIP or is_office_document(path):
            return [accept(services, single)]
        return _unpack(services, single, path, scratch)


def _unpack(services: Services, incoming: IncomingDocument, path: Path, scratch: Path) -> list[AcceptResult]:
    from intake.mail import AttachmentRun, take_in_file

    with open(path, "rb") as fh:
        sha, size = sha256_of_stream(fh)
    key = original_key(sha, prefix="archives")
    services.store.put_file(key, path, content_type=ZIP)
    limits = ZipLimits(max_entry_bytes=services.settings.max_upload_bytes)
    run = AttachmentRun(
        services=services,
        company_id=incoming.company_id,
        source=incoming.source,
        sender=incoming.sender,
        received_at=incoming.received_at or datetime.now(UTC),
        provenance={**incoming.provenance, "archive": incoming.filename, "archive_sha256": sha},
        scratch=scratch,
        actor=incoming.actor,
        budget=ZipBudget.of(limits),
        limits=limits,
    )
    take_in_file(run, path, incoming.filename, incoming.filename)
    if not run.outcomes:
        run.record(
            incoming.filename,
            incoming.filename,
            size,
            "rejected",
            code="empty_archive",
            reason=f"{incoming.filename} is an archive with no files in it; it is kept.",
        )
    with services.db.session() as session:
        audit.record(
            session,
            actor=incoming.actor,
            action="archive.unpacked",
            object_type="archive",
            object_id=sha,
            company_id=incoming.company_id,
            details={
                "filename": incoming.filename,
                "sha256": sha,
                "size": size,
                "source": incoming.source,
                "object_key": key,
                "files": [_summary(o) for o in run.outcomes],
            },
        )
    return [_result(o) for o in run.outcomes]


def _summary(outcome: dict[str, Any]) -> dict[str, Any]:
    keys = ("path", "status", "document_id", "quarantine_id", "code")
    return {k: outcome[k] for k in keys if k in outcome}


def _result(outcome: dict[str, Any]) -> AcceptResult:
    return AcceptResult(
        status=_STATUS.get(outcome["status"], "rejected"),
        document_id=outcome.get("document_id"),
        sha256=outcome.get("sha256", ""),
        reason=outcome.get("reason"),
        code=outcome.get("code") or (None if outcome["status"] in _STATUS else outcome["status"]),
        filename=outcome["path"],
    )
