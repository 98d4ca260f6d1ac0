"""``immex worker`` ends promptly on SIGTERM. RQ stops a worker by unsubscribing from its command channel and then
joining the thread that reads the channel; a thread that has just seen the channel close waits one whole read for a
new subscription before it looks at the stop flag. With RQ's 60-second read a stop took up to a minute (a third of
the stops on a loaded machine), longer than a container's stop timeout. The worker's read is short; here the race is
forced, with the real Redis."""

from __future__ import annotations

import threading
import time

from redis import Redis
from rq import Queue, Worker

from workers.runner import COMMAND_CHANNEL_READ, _prompt_stop


def test_a_worker_whose_channel_has_closed_stops_within_one_read(redis_url: str) -> None:
    connection = Redis.from_url(redis_url)
    worker = _prompt_stop(Worker)([Queue("immex-stop", connection=connection)], connection=connection)
    worker.subscribe()
    assert worker.pubsub_thread is not None
    worker.pubsub.unsubscribe()  # the channel closes under the reading thread, as in a stop
    deadline = time.monotonic() + 30
    while worker.pubsub.subscribed and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not worker.pubsub.subscribed  # the thread has seen it: it now waits a read for a new subscription
    stopped = threading.Thread(target=worker.unsubscribe, daemon=True)
    stopped.start()
    stopped.join(timeout=30 * COMMAND_CHANNEL_READ)  # RQ's own 60-second read would still be waiting here
    assert not stopped.is_alive()
    assert not worker.pubsub_thread.is_alive()
    connection.close()


def test_the_worker_keeps_rqs_name() -> None:
    assert _prompt_stop(Worker).__name__ == "Worker"
