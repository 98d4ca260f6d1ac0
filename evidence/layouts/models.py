"""Layout memory tables: a company's learned layouts (one per issuer and layout), every version of their rules,
and the readings made with them. Rules are data (``extractors.learned``), never code; a new lesson adds a
version row, a deleted layout is marked deleted and kept."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from evidence.db import Base, JSONType
from evidence.models import iso, utcnow


class LearnedLayout(Base):
    """How one issuer's documents of one layout are read in one company."""

    __tablename__ = "learned_layouts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(30))
    issuer_key: Mapped[str] = mapped_column(String(255), index=True)
    issuer_name: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    rules: Mapped[dict[str, Any]] = mapped_column(JSONType)
    source_documents: Mapped[list[int]] = mapped_column(JSONType, default=list)
    stats: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_by: Mapped[str | None] = mapped_column(String(320))

    def hit_rate(self) -> float | None:
        reads = sum(int(v[0]) for v in (self.stats or {}).values())
        misses = sum(int(v[1]) for v in (self.stats or {}).values())
        return None if not reads else round(max(0.0, 1 - misses / reads), 4)

    def fields(self) -> list[str]:
        rules = self.rules or {}
        names = [n for n, r in (rules.get("fields") or {}).items() if r.get("kind") != "absent"]
        table = rules.get("table") or {}
        return sorted(names) + [f"lines.{n}" for n in sorted(table.get("columns") or {})]

    def to_dict(self) -> dict[str, Any]:
        stats = self.stats or {}
        return {
            "id": self.id,
            "company_id": self.company_id,
            "name": self.name,
            "doc_type": self.doc_type,
            "issuer": self.issuer_name,
            "issuer_key": self.issuer_key,
            "version": self.version,
            "fields": self.fields(),
            "source_documents": list(self.source_documents or []),
            "reads": sum(int(v[0]) for v in stats.values()),
            "misses": sum(int(v[1]) for v in stats.values()),
            "hit_rate": self.hit_rate(),
            "flagged": bool(self.flagged),
            "flag_reason": self.flag_reason,
            "created_by": self.created_by,
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
            "deleted": self.deleted_at is not None,
        }


class LearnedLayoutVersion(Base):
    """One version of a layout's rules, with the document and person it was learned from. Never updated."""

    __tablename__ = "learned_layout_versions"
    __table_args__ = (UniqueConstraint("layout_id", "version", name="uq_learned_layout_versions_layout_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    layout_id: Mapped[int] = mapped_column(ForeignKey("learned_layouts.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    rules: Mapped[dict[str, Any]] = mapped_column(JSONType)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    actor: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LearnedReading(Base):
    """A document read with a learned layout: which extraction, and which fields came from the layout."""

    __tablename__ = "learned_readings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    layout_id: Mapped[int] = mapped_column(ForeignKey("learned_layouts.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id"))
    fields: Mapped[list[str]] = mapped_column(JSONType, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
