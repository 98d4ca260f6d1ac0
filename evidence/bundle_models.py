"""The table of bundle jobs: what was asked for, how far the build is, and where the finished zip is kept.

A finished bundle is stored once in the object store under ``bundles/<id>.zip`` and streamed from there on
every download, so any web process can serve it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from evidence.db import Base
from evidence.models import utcnow


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
