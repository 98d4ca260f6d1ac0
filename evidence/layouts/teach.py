"""What a person's correction teaches, beyond the value itself: a new type reads the document again as that
type; a correction of a value the layout memory read counts against that layout (and flags it); and the
document's layout is learned (or refined) from its values as corrected. ``check`` refuses what cannot be taught
before anything is recorded."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from evidence.chain.build import DOC_TYPE_FIELD, LINE_REMOVED_FIELD
from evidence.layouts.memory import LayoutError, learn_from_document, note_correction
from evidence.layouts.reread import DOC_TYPES, reextract
from evidence.models import Document
from immex.services import Services


def check(field: str, value: Any, line_index: int | None) -> None:
    """Refuse a type that does not exist, a type given for a line, and a line removal that is not yes/no."""
    if field == DOC_TYPE_FIELD:
        if line_index is not None:
            raise LayoutError("The document type belongs to the whole document: send it without 'line_index'.")
        if value not in DOC_TYPES:
            raise LayoutError(f"{value!r} is not a document type; use one of {', '.join(DOC_TYPES)}.")
    if field == LINE_REMOVED_FIELD:
        if line_index is None:
            raise LayoutError("Say which line to remove with 'line_index' (0 is the first line).")
        if not isinstance(value, bool):
            raise LayoutError("'line_removed' takes true (take the line out) or false (put it back).")


def form_value(field: str, value: Any) -> Any:
    """A portal form's text for ``line_removed`` as yes/no (other fields are typed by the portal)."""
    if field == LINE_REMOVED_FIELD and isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "si", "sí", "on")
    return value


def after_correction(
    services: Services,
    session: Session,
    document_id: int,
    *,
    field: str,
    line_index: int | None,
    value: Any,
    actor: str,
) -> dict[str, Any]:
    """Follow a recorded correction through: miss, re-read for a new type, learn. Returns what happened."""
    note_correction(session, document_id, field=field, line_index=line_index, actor=actor)
    out: dict[str, Any] = {"extraction_id": None, "layout_id": None}
    if field == DOC_TYPE_FIELD and line_index is None:
        document = session.get(Document, document_id)
        assert document is not None
        row = reextract(services, session, document, actor=actor, reason=f"type corrected to {value}", doc_type=value)
        out["extraction_id"] = row.id
    layout = learn_from_document(session, document_id, actor=actor, trigger="correction")
    out["layout_id"] = layout.id if layout is not None else None
    return out


def after_confirmation(session: Session, document_id: int, *, actor: str) -> int | None:
    """A confirmed document teaches its layout as it stands (values as corrected)."""
    layout = learn_from_document(session, document_id, actor=actor, trigger="confirmation")
    return layout.id if layout is not None else None
