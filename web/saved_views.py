"""Saved views of the document list: a name and the list's filter and sort query string, kept on the server per
user and company (so they follow the user to another browser and never leak into another company's list).
Every save and delete is audited."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from evidence import audit
from evidence.db import Base
from evidence.models import utcnow
from immex.errors import ImmexError, NotFound
from immex.messages import N_

NAME_MAX = 80
QUERY_MAX = 1000
VIEWS_MAX = 50  # per user and company: a shelf, not an archive


class SavedView(Base):
    __tablename__ = "saved_views"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    query: Mapped[str] = mapped_column(String(QUERY_MAX))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ViewRefused(ImmexError):
    code = "view_invalid"
    http_status = 422


def clean_query(query: str, keys: tuple[str, ...]) -> str:
    """Only the list's own filter and sort parameters, non-empty, in a stable order (no page number)."""
    pairs = dict(parse_qsl(query.lstrip("?"), keep_blank_values=False))
    return urlencode([(k, pairs[k].strip()) for k in keys if pairs.get(k, "").strip()])


def views_of(db: Session, user_id: int, company_id: int) -> list[dict[str, Any]]:
    rows = db.scalars(
        select(SavedView)
        .where(SavedView.user_id == user_id, SavedView.company_id == company_id)
        .order_by(SavedView.name, SavedView.id)
    )
    return [{"id": v.id, "name": v.name, "query": v.query} for v in rows]


def save_view(db: Session, ident: Any, name: str, query: str, keys: tuple[str, ...]) -> SavedView:
    """Save the list's current ``query`` under ``name`` for this user in this company (audited)."""
    name = " ".join(name.split())
    if not name:
        raise ViewRefused(N_("Give the view a name."))
    if len(name) > NAME_MAX:
        raise ViewRefused(N_("A view's name has at most 80 characters."))
    cleaned = clean_query(query, keys)
    if len(cleaned) > QUERY_MAX:
        raise ViewRefused(N_("These filters are too long to save as a view."))
    if len(views_of(db, ident.user_id, ident.company_id)) >= VIEWS_MAX:
        raise ViewRefused(N_("You have 50 saved views already; delete one first."))
    row = SavedView(user_id=ident.user_id, company_id=ident.company_id, name=name, query=cleaned)
    db.add(row)
    db.flush()
    audit.record(
        db,
        actor=ident.email,
        action="view.saved",
        object_type="saved_view",
        object_id=row.id,
        company_id=ident.company_id,
        details={"name": name, "query": cleaned},
    )
    return row


def delete_view(db: Session, ident: Any, view_id: int) -> None:
    """Delete one of the user's own views in this company; any other view is simply not found (audited)."""
    row = db.get(SavedView, view_id) if 0 < view_id <= 2**31 - 1 else None
    if row is None or row.user_id != ident.user_id or row.company_id != ident.company_id:
        raise NotFound(N_("There is no such saved view."))
    audit.record(
        db,
        actor=ident.email,
        action="view.deleted",
        object_type="saved_view",
        object_id=row.id,
        company_id=ident.company_id,
        details={"name": row.name, "query": row.query},
    )
    db.delete(row)
