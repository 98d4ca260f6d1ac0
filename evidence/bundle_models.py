"""Bundle jobs, for the API and the portal: the table (what was asked for, how far the build is, where the
finished zip is kept) and the job's life: ``start_job``, ``run_job`` (or ``bundle_job`` on an RQ worker),
``job_status``, ``list_jobs``, ``open_download``. The bundle itself is made by ``evidence.bundles``.

A finished bundle is stored once in the object store under ``bundles/<id>.zip`` and streamed from there on
every download, so any web process can serve it.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from evidence.db import Base
from evidence.models import Company, utcnow
from immex.errors import ImmexError, NotFound

if TYPE_CHECKING:
    from evidence.bundle_report import Scope
    from immex.services import Services

log = logging.getLogger(__name__)


class BundleStatus:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class BundleJob(Base):
    __tablename__ = "bundle_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # uuid4 hex, also the bundle's id
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    scope_kind: Mapped[str] = mapped_column(String(12))  # pedimento | lot | period
    scope_value: Mapped[str] = mapped_column(String(60))
    actor: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(12), default=BundleStatus.QUEUED, index=True)
    stage: Mapped[str | None] = mapped_column(String(40))
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    object_key: Mapped[str | None] = mapped_column(String(200))
    size: Mapped[int | None] = mapped_column(BigInteger)
    file_count: Mapped[int | None] = mapped_column(Integer)
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    language: Mapped[str | None] = mapped_column(String(5))  # of chain.html/chain.pdf; None (older jobs): es

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "company_id": self.company_id,
            "scope": {"kind": self.scope_kind, "value": self.scope_value},
            "actor": self.actor,
            "status": self.status,
            "stage": self.stage,
            "progress": {"done": self.progress_done, "total": self.progress_total},
            "size": self.size,
            "file_count": self.file_count,
            "manifest_sha256": self.manifest_sha256,
            "error": self.error,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }


# -- bundle jobs (the API and the portal) ------------------------------------------------------------------------
#
# A job row records the request and its progress. With Redis configured an ``immex worker`` builds it (RQ);
# on the embedded default a small thread pool in the process that took the request does. The zip is built in
# the scratch folder and stored once in the object store under ``bundles/<id>.zip``, from where any web process
# streams it. A job whose process died stops reporting progress and is shown as failed.

STALE_SECONDS = 600  # a running job reports progress at least this often
QUEUED_SECONDS = 86400  # a job no worker took in a day is given up
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def bundle_object_key(bundle_id: str) -> str:
    return f"bundles/{bundle_id}.zip"


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="immex-bundle")
        return _executor


def start_job(
    services: Services,
    *,
    company_id: int,
    scope: Scope,
    actor: str,
    as_of: date | None = None,
    wait: bool = False,
    language: str = "es",
) -> dict[str, Any]:
    """Record a bundle job and start building it in the background (``wait``: build it before returning); its
    report is written in ``language``."""
    job_id = uuid.uuid4().hex
    with services.db.session() as session:
        if session.get(Company, company_id) is None:
            raise NotFound(f"There is no company {company_id}.")
        session.add(
            BundleJob(
                id=job_id,
                company_id=company_id,
                scope_kind=scope.kind,
                scope_value=scope.value,
                actor=actor,
                status=BundleStatus.QUEUED,
                stage="queued",
                progress_done=0,
                progress_total=0,
                language=language,
            )
        )
    if wait or not _enqueue_rq(services, job_id, as_of):
        future = _pool().submit(run_job, services, job_id, as_of)
        if wait:
            future.result()
    return job_status(services, job_id, company_id)


def _enqueue_rq(services: Services, job_id: str, as_of: date | None) -> bool:
    """With Redis configured, the job goes to the RQ queue for ``immex worker`` processes; False when there is
    no RQ queue or it cannot be reached (the job then runs in this process)."""
    queue = getattr(services.queue, "queue", None)
    if not services.settings.uses_redis or queue is None:
        return False
    from redis.exceptions import RedisError

    try:
        queue.enqueue(
            "evidence.bundle_models.bundle_job",
            job_id,
            as_of.isoformat() if as_of else None,
            job_id=f"bundle-{job_id}",
            job_timeout=services.settings.job_timeout,
            result_ttl=86400,
            failure_ttl=7 * 86400,
            description=f"evidence bundle {job_id}",
        )
    except RedisError as exc:
        log.warning("could not queue bundle %s on RQ (%s); building it in this process", job_id, exc)
        return False
    return True


def bundle_job(job_id: str, as_of: str | None = None) -> None:
    """The RQ entry point: an id in; the worker's services are used."""
    from workers.jobs import worker_services

    run_job(worker_services(), job_id, date.fromisoformat(as_of) if as_of else None)


def _update(services: Services, job_id: str, **values: Any) -> None:
    with services.db.session() as session:
        job = session.get(BundleJob, job_id)
        if job is not None:
            for k, v in values.items():
                setattr(job, k, v)
            job.updated_at = datetime.now(UTC)


def run_job(services: Services, job_id: str, as_of: date | None = None) -> None:
    """Build the job's bundle, store it, mark it done and audit its creation; any failure is recorded on the job
    in words a clerk can act on."""
    from evidence.bundle_report import parse_scope
    from evidence.bundles import anchor_quietly, build_bundle, record_created

    with services.db.session() as session:
        job = session.get(BundleJob, job_id)
        if job is None or job.status != BundleStatus.QUEUED:
            return
        job.status, job.stage, job.updated_at = BundleStatus.RUNNING, "collecting", datetime.now(UTC)
        company_id, actor, language = job.company_id, job.actor, job.language or "es"
        scope = parse_scope(**{job.scope_kind: job.scope_value})
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or stage != "documents":
            last[0] = now
            _update(services, job_id, stage=stage, progress_done=done, progress_total=total)

    out = services.scratch_dir / f"bundle-{job_id}.zip"
    try:
        result = build_bundle(
            services,
            company_id=company_id,
            scope=scope,
            actor=actor,
            out=out,
            bundle_id=job_id,
            progress=progress,
            record_event=False,
            as_of=as_of,
            language=language,
        )
        _update(services, job_id, stage="storing")
        key = bundle_object_key(job_id)
        services.store.put_file(key, out, content_type="application/zip")
        with services.db.session() as session:
            job = session.get(BundleJob, job_id)
            assert job is not None
            job.status, job.stage, job.object_key = BundleStatus.DONE, "done", key
            job.size, job.file_count, job.manifest_sha256 = result.size, result.file_count, result.manifest_sha256
            job.finished_at = job.updated_at = datetime.now(UTC)
            record_created(session, result, company_id=company_id, scope=scope, actor=actor)
        anchor_quietly(services)
    except ImmexError as exc:
        _update(
            services,
            job_id,
            status=BundleStatus.FAILED,
            stage="failed",
            error=exc.message,
            finished_at=datetime.now(UTC),
        )
    except Exception:
        log.exception("bundle %s failed", job_id)
        _update(
            services,
            job_id,
            status=BundleStatus.FAILED,
            stage="failed",
            finished_at=datetime.now(UTC),
            error="The bundle could not be made because of an error on our side; nothing was lost. "
            "Try again, or tell an admin.",
        )
    finally:
        out.unlink(missing_ok=True)


def _aware(at: datetime | None) -> datetime | None:
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


def job_status(services: Services, job_id: str, company_id: int) -> dict[str, Any]:
    """The job as the API shows it; another company's job is not found. A running job that has not reported
    progress for ``STALE_SECONDS`` is marked failed (the process building it stopped), as is one left queued for
    ``QUEUED_SECONDS``."""
    with services.db.session() as session:
        job = session.get(BundleJob, job_id)
        if job is None or job.company_id != company_id:
            raise NotFound(f"There is no bundle {job_id}.")
        updated = _aware(job.updated_at)
        idle = (datetime.now(UTC) - updated).total_seconds() if updated is not None else 0.0
        if (job.status == BundleStatus.RUNNING and idle > STALE_SECONDS) or (
            job.status == BundleStatus.QUEUED and idle > QUEUED_SECONDS
        ):
            job.status, job.stage = BundleStatus.FAILED, "failed"
            job.error = "The process making this bundle stopped before it finished. Start the bundle again."
        return job.to_dict()


def list_jobs(services: Services, company_id: int, limit: int = 50) -> list[dict[str, Any]]:
    with services.db.session() as session:
        jobs = session.scalars(
            select(BundleJob)
            .where(BundleJob.company_id == company_id)
            .order_by(BundleJob.created_at.desc())
            .limit(limit)
        ).all()
        return [j.to_dict() for j in jobs]


@dataclass
class Download:
    stream: BinaryIO
    filename: str
    size: int | None


def open_download(services: Services, job_id: str, company_id: int, *, actor: str, via: str) -> Download:
    """The finished bundle as a stream (the caller closes it); the download is audited before it starts."""
    from evidence.bundles import record_downloaded

    status = job_status(services, job_id, company_id)
    if status["status"] != BundleStatus.DONE:
        raise BundleNotReady(
            f"Bundle {job_id} is {status['status']}"
            + (f": {status['error']}" if status.get("error") else "; wait until it is done.")
        )
    stream = services.store.open(bundle_object_key(job_id))
    try:
        with services.db.session() as session:
            record_downloaded(
                session,
                bundle_id=job_id,
                company_id=company_id,
                actor=actor,
                manifest_sha256=status["manifest_sha256"],
                via=via,
            )
    except BaseException:
        stream.close()
        raise
    scope = status["scope"]["value"].replace(":", "-").replace("..", "_")
    return Download(stream, f"evidence-{status['scope']['kind']}-{scope}-{job_id[:8]}.zip", status["size"])


class BundleNotReady(ImmexError):
    code = "bundle_not_ready"
    http_status = 409
