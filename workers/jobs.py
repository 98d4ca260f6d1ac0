"""``process_document``: original → text → extraction → evidence store → links. Idempotent: running it again
after a crash, a retry or a duplicate enqueue finishes the work without redoing what is stored.

Each step is a small function; ``run_process`` alone decides their order.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from evidence import audit, summary
from evidence.models import AuditEvent, Document, DocumentStatus, Extraction, Page
from evidence.objectstore import download_to, original_key
from immex.errors import ImmexError
from immex.services import Services
from workers.progress import CLEARED, FIELDS, ProgressWriter
from workers.reader import ReadExhausted
from workers.structured import derive_pedimentos

log = logging.getLogger(__name__)

XML = "application/xml"
STRUCTURED_TYPES = frozenset({"application/vnd.immex.m3", "application/vnd.immex.datastage+zip"})

_worker_services: Services | None = None
_worker_pid: int | None = None
_worker_main_pid: int | None = None  # the `immex worker` process; a job in another pid is in a forked work-horse
_memory_limited = False  # this process limited its own memory (a work-horse): read in place


def set_worker_services(services: Services) -> None:
    """``immex worker`` calls this once; forked job processes reuse it with a fresh connection pool."""
    global _worker_services, _worker_pid, _worker_main_pid
    _worker_services = services
    _worker_pid = _worker_main_pid = os.getpid()


def worker_services() -> Services:
    """The services of this worker process (built from the environment on first use)."""
    global _worker_pid
    global _worker_services
    if _worker_services is None:
        from immex.services import build_services
        from immex.settings import Settings

        set_worker_services(build_services(Settings.from_env(), upgrade=False))
    assert _worker_services is not None
    if _worker_pid != os.getpid():  # a forked job process must not share the parent's sockets
        _worker_services.db.engine.dispose(close=False)
        _worker_pid = os.getpid()
    return _worker_services


def process_document(document_id: int) -> str:
    """The RQ entry point: an id in, the final status out. Retryable errors propagate so RQ retries them."""
    global _memory_limited
    services = worker_services()
    if _worker_main_pid is not None and os.getpid() != _worker_main_pid and not _memory_limited:
        from workers.reader import limit_memory, preload

        preload()  # already done by `immex worker` before forking; imports under the limit could fail
        limit_memory(services.settings.job_memory_mb)  # a forked work-horse, gone after this job
        _memory_limited = True
    if not _memory_limited:
        return run_process(services, document_id)
    from workers.reader import private_temp

    with private_temp(services.settings):  # OCR temp files of this work-horse: 0700 folder, 0600 files
        return run_process(services, document_id)


# -- steps ---------------------------------------------------------------------------------------------------------


def claim(services: Services, document_id: int) -> Document | None:
    """Mark the document as being processed (with a lease a heartbeat keeps fresh). None when there is nothing
    to do: unknown, quarantined, or already done with the current extractor."""
    from extractors.pipeline import EXTRACTOR_VERSION

    with services.db.session() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            log.warning("document %s does not exist", document_id)
            return None
        if doc.status == DocumentStatus.QUARANTINED:
            return None
        if doc.status == DocumentStatus.PROCESSED:
            done = session.scalar(
                select(Extraction.id).where(
                    Extraction.document_id == doc.id, Extraction.extractor_version == EXTRACTOR_VERSION
                )
            )
            if done:
                return None
        if doc.status == DocumentStatus.PROCESSING:
            lease = _aware(doc.lease_until)
            if lease is not None and lease > datetime.now(UTC):
                log.info("document %s is being processed by another worker", document_id)
                return None  # its heartbeat is fresh: not ours to take
            # the last attempt's process died (its lease ran out): count it
            times = _note_read_failure(session, doc, "interrupted", "the process reading it ended unexpectedly")
            if times >= services.settings.job_failure_limit:
                _fail_exhausted(session, services, doc, times)
                return None
        doc.status = DocumentStatus.PROCESSING
        doc.attempts = (doc.attempts or 0) + 1
        doc.lease_until = datetime.now(UTC) + timedelta(seconds=services.settings.job_lease)
        doc.status_code = None
        doc.status_reason = None
        for name, value in CLEARED.items():  # a killed attempt's progress is not this one's
            setattr(doc, name, value)
        session.flush()
        session.expunge(doc)
        return doc


class _Heartbeat:
    """Keeps the lease of a document fresh while a long job (OCR of many pages) runs."""

    def __init__(self, services: Services, document_id: int) -> None:
        self.services = services
        self.document_id = document_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True, name=f"lease-{document_id}")

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _beat(self) -> None:
        lease = self.services.settings.job_lease
        while not self._stop.wait(max(1.0, lease / 4)):
            try:
                with self.services.db.session() as session:
                    doc = session.get(Document, self.document_id)
                    if doc is not None and doc.status == DocumentStatus.PROCESSING:
                        doc.lease_until = datetime.now(UTC) + timedelta(seconds=lease)
            except Exception as exc:  # noqa: BLE001 - a missed beat only shortens the lease
                log.warning("lease heartbeat for document %s failed: %s", self.document_id, exc)


def fetch_original(services: Services, doc: Document, workdir: Path) -> Path:
    suffix = {"application/pdf": ".pdf", XML: ".xml", "image/png": ".png", "image/jpeg": ".jpg"}.get(
        doc.media_type, ".tif" if doc.media_type == "image/tiff" else ".bin"
    )
    return download_to(services.store, original_key(doc.sha256), workdir / f"original{suffix}")


def stored_text(services: Services, doc: Document) -> Any | None:
    """The DocumentText from pages stored by an earlier attempt, so OCR is not repeated."""
    from extractors.text import DocumentText, PageText, Word

    with services.db.session() as session:
        rows = session.scalars(select(Page).where(Page.document_id == doc.id).order_by(Page.number)).all()
    if not rows or doc.pages is None or len(rows) != doc.pages:
        return None
    pages = [
        PageText(
            number=r.number,
            text=r.text,
            words=[Word(w[0], w[1], w[2], w[3], w[4], w[5]) for w in (r.words or [])],
            source=r.source,
            confidence=r.confidence,
            width=r.width or 0.0,
            height=r.height or 0.0,
            rotation=r.rotation,
            error=r.error,
        )
        for r in rows
    ]
    return DocumentText(media_type=doc.media_type, pages=pages)


def read_document_text(
    services: Services, doc: Document, path: Path, progress: Callable[[int, int], None] | None = None
) -> Any:
    """Render, OCR and read the text layer in a memory-limited child process (see ``workers.reader``);
    ``progress(done, total)`` hears each page as it is finished."""
    from extractors.text import TextOptions
    from workers.reader import read_bounded

    s = services.settings
    options = TextOptions.from_settings(s, ocr_workers=s.effective_ocr_workers)
    if _memory_limited:
        from extractors.text import read_text

        try:
            return read_text(path, doc.media_type, options, progress)
        except MemoryError:
            raise ReadExhausted("memory", f"it needed more than {s.job_memory_mb} MB") from None
    return read_bounded(s, path, doc.media_type, options, progress)


def store_text(services: Services, doc: Document, doc_text: Any) -> None:
    with services.db.session() as session:
        session.query(Page).filter(Page.document_id == doc.id).delete()
        for p in doc_text.pages:
            session.add(
                Page(
                    document_id=doc.id,
                    number=p.number,
                    text=p.text,
                    source=p.source,
                    confidence=p.confidence,
                    rotation=p.rotation,
                    width=p.width,
                    height=p.height,
                    words=[
                        [
                            w.text,
                            round(w.x0, 2),
                            round(w.top, 2),
                            round(w.x1, 2),
                            round(w.bottom, 2),
                            w.confidence,
                        ]
                        for w in p.words
                    ],
                    error=p.error,
                )
            )
        row = session.get(Document, doc.id)
        assert row is not None
        row.pages = len(doc_text.pages)
        sources = {p.source for p in doc_text.pages if p.source != "none"}
        row.text_source = "mixed" if len(sources) > 1 else (sources.pop() if sources else "none")
        audit.record(
            session,
            actor="worker",
            action="document.text",
            object_type="document",
            object_id=doc.id,
            company_id=doc.company_id,
            details={
                "pages": len(doc_text.pages),
                "sources": sorted({p.source for p in doc_text.pages}),
                "page_errors": [{"page": p.number, "error": p.error} for p in doc_text.pages if p.error],
            },
        )
    doc.pages = len(doc_text.pages)


def extract_fields(services: Services, doc: Document, path: Path, doc_text: Any) -> dict[str, Any]:
    from extractors.pipeline import extract

    return extract(
        path,
        filename=doc.filename,
        media_type=doc.media_type,
        sha256=doc.sha256,
        doc_text=doc_text,
        memory=layout_memory(services, doc),
    )


def layout_memory(services: Services, doc: Document) -> list[dict[str, Any]]:
    """The learned layouts of the document's company (never another company's)."""
    from evidence.layouts.memory import memory_for

    with services.db.session() as session:
        return memory_for(session, doc.company_id)


def store_extraction(services: Services, doc: Document, result: dict[str, Any]) -> None:
    """Add the extraction row (never replace one) and note on the document whether it needs review."""
    from extractors.pipeline import EXTRACTOR_VERSION

    review, min_conf = review_state(result, services.settings.review_threshold)
    with services.db.session() as session:
        existing = session.scalar(
            select(Extraction).where(
                Extraction.document_id == doc.id, Extraction.extractor_version == EXTRACTOR_VERSION
            )
        )
        if existing is None:
            extraction = Extraction(
                document_id=doc.id,
                extractor_version=EXTRACTOR_VERSION,
                doc_type=result["doc_type"],
                needs_review=review,
                min_confidence=min_conf,
                result=result,
            )
            session.add(extraction)
            session.flush()
            if result.get("learned_layout"):
                from evidence.layouts.memory import record_reading

                record_reading(session, doc, extraction.id, result)
            audit.record(
                session,
                actor="worker",
                action="document.extracted",
                object_type="document",
                object_id=doc.id,
                company_id=doc.company_id,
                details={
                    "extractor_version": EXTRACTOR_VERSION,
                    "doc_type": result["doc_type"],
                    "fields": len(result.get("fields", {})),
                    "lines": len(result.get("lines", [])),
                    "warnings": len(result.get("warnings", [])),
                    "needs_review": review,
                },
            )
        row = session.get(Document, doc.id)
        assert row is not None
        row.doc_type = result["doc_type"]
        row.doc_type_confidence = result.get("doc_type_confidence")
        row.text_source = result.get("text_source", row.text_source)
        row.pages = result.get("source", {}).get("pages", row.pages)
        row.needs_review = review
        summary.refresh(session, doc.id)


def review_state(result: dict[str, Any], threshold: float) -> tuple[bool, float | None]:
    """Whether a person must look at the result: a field below the confidence threshold, a warning, or the
    extractor's own verdict. Also returns the lowest field confidence."""
    confidences = [f["confidence"] for f in result.get("fields", {}).values()]
    for line in result.get("lines", []):
        confidences.extend(f["confidence"] for f in line.values())
    lowest = min(confidences) if confidences else None
    review = bool(result.get("needs_review")) or (lowest is not None and lowest < threshold)
    if result.get("doc_type") in (None, "other") or result.get("doc_type_confidence", 1.0) < threshold:
        review = True
    if result.get("pedimentos") is not None:  # a validation file / Data Stage extract: its pedimentos are read
        review = bool(result.get("needs_review"))
    return review, lowest


def link(services: Services, doc: Document) -> None:
    try:
        from evidence.chain.linking import link_document
    except ImportError:  # the evidence chain is optional for the text pipeline
        return
    with services.db.session() as session:
        link_document(session, doc.id)


def finish(services: Services, doc: Document, status: str, code: str | None = None, reason: str | None = None) -> None:
    with services.db.session() as session:
        row = session.get(Document, doc.id)
        assert row is not None
        row.status = status
        row.status_code = code
        row.status_reason = reason
        row.lease_until = None
        row.processed_at = datetime.now(UTC)
        for name, value in CLEARED.items():
            setattr(row, name, value)
        audit.record(
            session,
            actor="worker",
            action=f"document.{status}",
            object_type="document",
            object_id=doc.id,
            company_id=doc.company_id,
            details={"code": code, "reason": reason, "attempt": doc.attempts} if code else {"attempt": doc.attempts},
        )


# -- the order -----------------------------------------------------------------------------------------------------


def run_process(services: Services, document_id: int) -> str:
    doc = claim(services, document_id)
    if doc is None:
        with services.db.session() as session:
            row = session.get(Document, document_id)
            return row.status if row else "missing"
    try:
        with _Heartbeat(services, doc.id), tempfile.TemporaryDirectory(dir=services.scratch_dir) as tmp:
            path = fetch_original(services, doc, Path(tmp))
            doc_text = None
            structured = doc.media_type in STRUCTURED_TYPES
            progress = ProgressWriter(services, doc.id)
            if doc.media_type != XML and not structured:
                doc_text = stored_text(services, doc)
                if doc_text is None:
                    doc_text = read_document_text(services, doc, path, progress.pages)
                    store_text(services, doc, doc_text)
            progress.stage(FIELDS)
            result = extract_fields(services, doc, path, doc_text)
            if structured and (doc.provenance or {}).get("origin") == "data_stage":
                result["text_source"] = "data_stage"  # one pedimento of a Data Stage extract, written out
            if structured and result.get("pedimentos") is not None:
                result["load"] = derive_pedimentos(services, doc, path)
            store_extraction(services, doc, result)
            link(services, doc)
    except ReadExhausted as exc:
        return _exhausted(services, doc, exc)
    except ImmexError as exc:
        if exc.retryable and doc.attempts <= services.settings.job_retries:
            _note_retry(services, doc, exc)
            raise
        finish(services, doc, DocumentStatus.FAILED, exc.code, exc.message)
        return DocumentStatus.FAILED
    except MemoryError:
        return _exhausted(services, doc, ReadExhausted("memory", "this process ran out of memory"))
    except Exception as exc:
        log.exception("document %s: unexpected error", document_id)
        finish(
            services,
            doc,
            DocumentStatus.FAILED,
            "internal_error",
            f"The document could not be processed because of an internal error ({type(exc).__name__}). "
            "It is kept; an administrator can process it again.",
        )
        return DocumentStatus.FAILED
    finish(services, doc, DocumentStatus.PROCESSED)
    return DocumentStatus.PROCESSED


def _note_read_failure(session: Any, doc: Document, kind: str, detail: str) -> int:
    """Record that reading the document exhausted its process; how many times since it last failed for good."""
    audit.record(
        session,
        actor="worker",
        action="document.read_failed",
        object_type="document",
        object_id=doc.id,
        company_id=doc.company_id,
        details={"kind": kind, "detail": detail, "attempt": doc.attempts},
    )
    session.flush()
    events = select(AuditEvent.id, AuditEvent.action).where(
        AuditEvent.object_type == "document",
        AuditEvent.object_id == str(doc.id),
        AuditEvent.action.in_(["document.read_failed", "document.failed"]),
    )
    times = 0
    for _id, action in session.execute(events.order_by(AuditEvent.id.desc())):
        if action == "document.failed":
            break
        times += 1
    return times


def _fail_exhausted(session: Any, services: Services, doc: Document, times: int) -> None:
    """A permanent failure: the same document exhausted its reading process ``times`` times."""
    from workers.reader import ReadExhausted, exhausted_reason

    doc.status = DocumentStatus.FAILED
    doc.status_code = ReadExhausted.code
    doc.status_reason = exhausted_reason(services.settings, times)
    doc.lease_until = None
    doc.processed_at = datetime.now(UTC)
    audit.record(
        session,
        actor="worker",
        action="document.failed",
        object_type="document",
        object_id=doc.id,
        company_id=doc.company_id,
        details={"code": doc.status_code, "reason": doc.status_reason, "attempt": doc.attempts},
    )


def _exhausted(services: Services, doc: Document, exc: ReadExhausted) -> str:
    """Count this exhaustion; fail for good at the limit, else wait for a retry. Never left ``processing``."""
    with services.db.session() as session:
        row = session.get(Document, doc.id)
        assert row is not None
        times = _note_read_failure(session, row, exc.kind, exc.message)
        if times >= services.settings.job_failure_limit:
            _fail_exhausted(session, services, row, times)
            return DocumentStatus.FAILED
        row.status = DocumentStatus.RECEIVED
        row.status_code = exc.code
        row.status_reason = f"Waiting to retry (attempt {doc.attempts}): {exc.message}"
        row.lease_until = None
    raise exc  # retried by the queue, like any retryable failure


def _note_retry(services: Services, doc: Document, exc: ImmexError) -> None:
    try:
        with services.db.session() as session:
            row = session.get(Document, doc.id)
            if row is not None:
                row.status = DocumentStatus.RECEIVED
                row.status_code = exc.code
                row.status_reason = f"Waiting to retry (attempt {doc.attempts}): {exc.message}"
                row.lease_until = None
    except ImmexError:
        pass  # the database itself is down; the lease expires and recovery picks the document up


def recover(services: Services) -> list[int]:
    """Enqueue again every document left behind: received but never picked up (the queue was down), or
    processing with an expired lease (its worker was killed)."""
    now = datetime.now(UTC)
    stale_received = now - timedelta(seconds=60)
    with services.db.session() as session:
        rows = session.execute(
            select(Document.id, Document.status, Document.lease_until, Document.updated_at).where(
                Document.status.in_([DocumentStatus.RECEIVED, DocumentStatus.PROCESSING])
            )
        ).all()
    ids = []
    for r in rows:
        lease = _aware(r.lease_until)
        updated = _aware(r.updated_at)
        if (
            r.status == DocumentStatus.PROCESSING
            and (lease is None or lease < now)
            or r.status == DocumentStatus.RECEIVED
            and (updated is None or updated < stale_received)
        ):
            ids.append(r.id)
    for doc_id in ids:
        services.queue.enqueue_process(doc_id)
    if ids:
        log.info("recovered %d documents: %s", len(ids), ids)
    return ids


def _aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def page_dicts(doc_text: Any) -> list[dict[str, Any]]:
    return [asdict(p) for p in doc_text.pages]
