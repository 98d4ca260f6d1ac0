"""Where jobs go: RQ on Redis, or a small in-process executor when no Redis is configured."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from immex.errors import ImmexError, TransientError
from immex.settings import Settings

if TYPE_CHECKING:
    from redis import Redis
    from rq import Queue

    from immex.services import Services

log = logging.getLogger(__name__)

RETRY_INTERVALS = [5, 15, 60, 180, 600]


class JobQueue(Protocol):
    def enqueue_process(self, document_id: int) -> None: ...

    def close(self) -> None: ...

    def describe(self) -> str: ...


def job_id_for(document_id: int) -> str:
    return f"process-document-{document_id}"


class RQQueue:
    """Jobs on an RQ queue; ``immex worker`` processes run them. The Redis client and the RQ queue are made on
    first use: a command that only reads the database (``immex documents``) never imports redis or rq."""

    def __init__(self, redis_url: str, name: str, settings: Settings) -> None:
        self.redis_url = redis_url
        self.name = name
        self.settings = settings

    @cached_property
    def redis(self) -> Redis:
        from redis import Redis

        try:
            # An unreachable Redis must fail in seconds, never hang a command or a request (no read timeout: the
            # worker blocks on reads by design).
            return Redis.from_url(self.redis_url, socket_connect_timeout=5)
        except Exception as exc:  # noqa: BLE001 - a bad URL must say what is wrong
            raise TransientError(f"Could not set up the job queue at {self.redis_url}: {exc}") from exc

    @cached_property
    def queue(self) -> Queue:
        from rq import Queue

        return Queue(self.name, connection=self.redis)

    def enqueue_process(self, document_id: int) -> None:
        from redis.exceptions import RedisError
        from rq import Retry

        retries = self.settings.job_retries
        try:
            self.queue.enqueue(
                "workers.jobs.process_document",
                document_id,
                job_id=job_id_for(document_id),
                job_timeout=self.settings.job_timeout,
                retry=Retry(max=retries, interval=RETRY_INTERVALS[:retries] or [5]) if retries else None,
                result_ttl=86400,
                failure_ttl=7 * 86400,
                description=f"process document {document_id}",
            )
        except RedisError as exc:
            # The document row is committed with status "received": the recovery sweep enqueues it again.
            log.warning("could not enqueue document %s: %s", document_id, exc)

    def check(self) -> None:
        """Raise ``TransientError`` (one clear line) when Redis cannot be reached."""
        from redis.exceptions import RedisError

        try:
            self.redis.ping()
        except RedisError as exc:
            raise TransientError(
                f"The job queue (Redis) at {self.settings.redis_url} is not reachable ({exc}). Start it, or take "
                "the files in without --wait: they are kept and processed once the queue is back."
            ) from None

    def close(self) -> None:
        if "redis" in self.__dict__:  # never connect only to close
            self.redis.close()

    def describe(self) -> str:
        return f"rq {self.name}"


class InProcessQueue:
    """The embedded default: a thread pool runs jobs; retryable failures are retried after a back-off."""

    def __init__(self, settings: Settings, workers: int = 1) -> None:
        self.settings = settings
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="immex-job")
        self._services: Services | None = None
        self._lock = threading.Lock()
        self._pending: set[Future[None]] = set()
        self._timers: set[threading.Timer] = set()
        self._queued: set[int] = set()
        self._closed = False

    def bind(self, services: Services) -> None:
        self._services = services

    def enqueue_process(self, document_id: int) -> None:
        with self._lock:
            if document_id in self._queued:  # waiting, running or waiting to retry: the sweep must not pile up
                return
            self._queued.add(document_id)
        self._submit(document_id, attempt=0)

    def _submit(self, document_id: int, attempt: int) -> None:
        if self._closed:
            return
        fut = self._pool.submit(self._run, document_id, attempt)
        with self._lock:
            self._pending.add(fut)
        fut.add_done_callback(lambda f: self._discard(f))

    def _discard(self, fut: Future[None]) -> None:
        with self._lock:
            self._pending.discard(fut)

    def _run(self, document_id: int, attempt: int) -> None:
        from workers.jobs import run_process

        assert self._services is not None, "InProcessQueue.bind(services) was not called"
        retrying = False
        try:
            run_process(self._services, document_id)
        except ImmexError as exc:
            if exc.retryable and attempt < self.settings.job_retries:
                retrying = True
                delay = RETRY_INTERVALS[min(attempt, len(RETRY_INTERVALS) - 1)]
                log.warning("document %s: %s; retrying in %ss", document_id, exc.message, delay)
                timer = threading.Timer(delay, self._submit, args=(document_id, attempt + 1))
                timer.daemon = True
                with self._lock:
                    self._timers.add(timer)
                timer.start()
            else:
                log.error("document %s failed: %s", document_id, exc.message)
        except Exception:
            log.exception("document %s: unexpected error", document_id)
        finally:
            if not retrying:
                with self._lock:
                    self._queued.discard(document_id)

    def wait_idle(self, timeout: float = 600) -> bool:
        """Block until no job is running or queued (tests and ``--wait`` use it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                busy = any(not f.done() for f in self._pending) or any(t.is_alive() for t in self._timers)
            if not busy:
                return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        self._closed = True
        for t in list(self._timers):
            t.cancel()
        self._pool.shutdown(wait=True, cancel_futures=False)

    def describe(self) -> str:
        return "in-process"


def make_queue(settings: Settings) -> JobQueue:
    if settings.uses_redis:
        return RQQueue(settings.redis_url, settings.queue_name, settings)
    return InProcessQueue(settings)
