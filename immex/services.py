"""The wiring: settings in, the service's parts out. Built once at start (CLI, web app, worker) and passed down."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence.db import Database
from evidence.objectstore import ObjectStore, make_object_store
from immex.settings import Settings

if TYPE_CHECKING:
    from workers.queue import JobQueue


@dataclass
class Services:
    settings: Settings
    db: Database
    store: ObjectStore
    queue: JobQueue
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def scratch_dir(self) -> Path:
        path = self.settings.data_dir / "tmp"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def close(self) -> None:
        self.queue.close()
        self.db.dispose()


def build_services(settings: Settings, *, upgrade: bool = True, queue: Any = None) -> Services:
    """Create the database engine, object store and job queue for ``settings``; apply migrations if asked."""
    from workers.queue import make_queue

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.effective_database_url)
    if upgrade:
        from migrations.runner import is_current, upgrade_database

        if not is_current(db.engine):
            upgrade_database(db.url)
    store = make_object_store(settings)
    services = Services(settings=settings, db=db, store=store, queue=queue)  # type: ignore[arg-type]
    from evidence.audit_anchors import install as anchor_audit_commits

    anchor_audit_commits(services)
    if queue is None:
        services.queue = make_queue(settings)
    bind = getattr(services.queue, "bind", None)
    if bind is not None:
        bind(services)
    return services
