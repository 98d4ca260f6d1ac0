"""``immex worker``: an RQ worker (with the scheduler, so delayed retries run) plus a recovery sweep that
re-enqueues documents whose worker died or whose enqueue was lost."""

from __future__ import annotations

import logging
import threading
from typing import Any

from immex.services import Services
from workers.jobs import recover, set_worker_services

log = logging.getLogger(__name__)

RECOVERY_INTERVAL = 30.0
# How long the worker's command-channel thread blocks on one read. RQ uses 60 s; when the worker stops, it
# unsubscribes and then joins that thread, and a thread that has just seen its channel close waits a whole read for a
# subscription before it looks at the stop flag: a SIGTERM took up to a minute to end the process (longer than a
# container's stop timeout, so the worker was killed). A short read bounds the stop; idle reads cost nothing.
COMMAND_CHANNEL_READ = 1.0


def recovery_interval(services: Services) -> float:
    """Seconds between sweeps: often enough that a document is taken up soon after its lease ends."""
    return max(1.0, min(RECOVERY_INTERVAL, services.settings.job_lease / 2))


def _sweep(services: Services, stop: threading.Event) -> None:
    while not stop.wait(recovery_interval(services)):
        try:
            recover(services)
        except Exception as exc:  # noqa: BLE001 - the sweep must outlive a database outage
            log.warning("recovery sweep failed: %s", exc)


def start_recovery(services: Services) -> threading.Event:
    """Sweep once now, then periodically in a daemon thread (``immex worker``, and ``immex serve`` or gunicorn on
    the embedded default, where jobs run in the web process): a document left ``processing`` by a killed
    process is taken up again once its lease has ended. Set the returned event to stop the sweep."""
    from workers.reader import sweep_temp

    swept = sweep_temp(services.settings)  # OCR temp folders of a killed process
    if swept:
        log.info("removed %d temporary folders left by reading processes that were stopped", swept)
    try:
        recover(services)
    except Exception as exc:  # noqa: BLE001 - a database not yet up is retried by the sweep
        log.warning("recovery sweep failed: %s", exc)
    stop = threading.Event()
    threading.Thread(target=_sweep, args=(services, stop), daemon=True, name="recovery").start()
    return stop


def _prompt_stop(cls: Any) -> Any:
    """``cls`` (an RQ worker class) whose command-channel thread reads for ``COMMAND_CHANNEL_READ`` seconds at a
    time, so that stopping the worker waits for it at most that long."""

    class PromptStop(cls):  # type: ignore[misc, valid-type]
        def subscribe(self) -> None:
            self.log.info("Worker %s: subscribing to channel %s", self.name, self.pubsub_channel_name)
            self.pubsub = self.connection.pubsub()
            self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
            self.pubsub_thread = self.pubsub.run_in_thread(
                sleep_time=COMMAND_CHANNEL_READ, daemon=True, exception_handler=self._pubsub_exception_handler
            )

    PromptStop.__name__ = PromptStop.__qualname__ = cls.__name__
    return PromptStop


def run_worker(services: Services, *, burst: bool = False, simple: bool = False) -> None:
    set_worker_services(services)
    if services.settings.uses_redis:
        from workers.reader import preload

        preload()  # once, before work-horses are forked
    stop = start_recovery(services)
    try:
        if not services.settings.uses_redis:
            # Embedded default: jobs run on the in-process executor that recover() fed.
            wait_idle = services.queue.wait_idle  # type: ignore[attr-defined]
            if burst:
                wait_idle(24 * 3600)
            else:
                stop.wait()
            return
        from rq import SimpleWorker, Worker

        queue = services.queue.queue  # type: ignore[attr-defined]
        cls = _prompt_stop(SimpleWorker if simple else Worker)
        w = cls([queue], connection=queue.connection)
        w.work(burst=burst, with_scheduler=True, logging_level="INFO")
    finally:
        stop.set()
