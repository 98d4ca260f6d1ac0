"""How far the reading of a document has got, so that the upload page can say "reading page 2 of 3".

The job writes a small record on the document row: the stage (``pages`` while pages are read, ``fields`` while
they are classified and extracted) and, for ``pages``, pages done of pages total. Each write is one short
transaction of its own, at most one a page and at most :data:`MIN_INTERVAL` apart (the last page always), and
a failed write is logged and forgotten: progress never costs a document its reading.

A job that is killed leaves its last record behind, so the record is believed only while the job's lease is
fresh (the heartbeat renews it every quarter lease); otherwise the page shows the plain status. Claiming the
document for a new attempt and finishing it clear the record.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import update

from evidence.models import Document, DocumentStatus

if TYPE_CHECKING:
    from immex.services import Services

log = logging.getLogger(__name__)

PAGES = "pages"
FIELDS = "fields"
MIN_INTERVAL = 0.25  # seconds between two writes: a 200-page text layer is read in a second or two
CLEARED: dict[str, Any] = {"progress_stage": None, "pages_done": None, "pages_total": None}


class ProgressWriter:
    """Writes one document's progress; ``pages`` is the ``extractors.text.read_text`` progress callback. Safe to
    call from a thread other than the job's (the child reader's output is read in one)."""

    def __init__(self, services: Services, document_id: int) -> None:
        self.services = services
        self.document_id = document_id
        self._last = 0.0
        self._lock = threading.Lock()

    def pages(self, done: int, total: int) -> None:
        with self._lock:
            now = time.monotonic()
            if done < total and done > 0 and now - self._last < MIN_INTERVAL:
                return  # the next page, or the last, says it
            self._last = now
        self._write({"progress_stage": PAGES, "pages_done": done, "pages_total": total})

    def stage(self, stage: str) -> None:
        self._write({"progress_stage": stage})

    def _write(self, values: dict[str, Any]) -> None:
        try:
            with self.services.db.session() as session:
                session.execute(
                    update(Document)
                    .where(Document.id == self.document_id, Document.status == DocumentStatus.PROCESSING)
                    .values(**values)
                    .execution_options(synchronize_session=False)
                )
        except Exception as exc:  # noqa: BLE001 - progress is a courtesy, never a reason to fail
            log.warning("progress of document %s not written: %s", self.document_id, exc)


def progress_of(doc: Document, lease_seconds: int, now: datetime | None = None) -> dict[str, Any] | None:
    """``{"stage", "done", "total"}`` for the status JSON, or None when there is nothing to believe: the document
    is not being processed, no record was written, or the lease has not been renewed for half a lease (the job
    is gone; the recovery sweep takes the document up again)."""
    if doc.status != DocumentStatus.PROCESSING or not doc.progress_stage or doc.lease_until is None:
        return None
    lease = doc.lease_until if doc.lease_until.tzinfo else doc.lease_until.replace(tzinfo=UTC)
    if lease < (now or datetime.now(UTC)) + timedelta(seconds=lease_seconds / 2):
        return None
    if doc.progress_stage == PAGES:
        if not doc.pages_total:
            return None
        return {"stage": PAGES, "done": min(doc.pages_done or 0, doc.pages_total), "total": doc.pages_total}
    return {"stage": doc.progress_stage, "done": None, "total": None}
