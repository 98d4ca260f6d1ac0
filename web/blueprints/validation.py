"""The validation screen's helpers beside the document page: read a document again, add a note, its history
(who uploaded, read, corrected, linked, confirmed), the search that finds a pedimento to link by its number
(pedimento, invoice or B/L), and "confirm and next" (the next document of the review queue)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, jsonify, redirect, request, url_for
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from evidence import audit
from evidence.chain.models import DocumentKey
from evidence.layouts.reread import reextract
from evidence.models import AuditEvent, Document
from immex.errors import ImmexError
from immex.messages import N_
from immex.services import Services
from web.accounts.auth import current_identity, login_required, roles_required
from web.blueprints._base import _
from web.blueprints._util import get_document
from web.field_labels import pedimento_display

NOTE_MAX = 2000
SEARCH_LIMIT = 10

# What each audited action on a document means to a person (the history's words).
HISTORY_ACTIONS: dict[str, str] = {
    "document.received": N_("received"),
    "document.quarantined": N_("quarantined"),
    "document.duplicate": N_("sent again (duplicate)"),
    "document.text": N_("text read"),
    "document.extracted": N_("read"),
    "document.reextracted": N_("read again"),
    "document.read_failed": N_("reading failed"),
    "document.failed": N_("failed"),
    "document.downloaded": N_("original downloaded"),
    "document.confirmed": N_("confirmed"),
    "document.note": N_("note"),
    "chain.correct": N_("corrected"),
    "chain.link": N_("linked"),
    "chain.unlink": N_("link undone"),
}


def history(db: Session, company_id: int, document_id: int, links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The document's audited events and the links made to or from it, oldest first."""
    rows: list[dict[str, Any]] = []
    events = db.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.company_id == company_id,
            AuditEvent.object_type == "document",
            AuditEvent.object_id == str(document_id),
        )
        .order_by(AuditEvent.id)
    )
    for e in events:
        details = e.details or {}
        what = ""
        if e.action == "chain.correct":
            what = f"{details.get('field')}: {details.get('machine_value')} → {details.get('corrected_value')}"
        elif e.action == "document.note":
            what = str(details.get("text") or "")
        elif details.get("reason"):
            what = str(details["reason"])
        rows.append({"at": e.at, "actor": e.actor, "action": e.action, "what": what})
    for lk in links:
        rows.append({"at": lk["created_at"], "actor": lk["actor"], "action": "chain.link", "what": lk["kind"]})
        if lk["undone_at"]:
            rows.append(
                {"at": lk["undone_at"], "actor": lk["undone_by"], "action": "chain.unlink", "what": lk["undo_reason"]}
            )
    rows.sort(key=lambda r: str(r["at"] or ""))
    return rows


def pedimento_candidates(db: Session, company_id: int, text: str) -> list[dict[str, Any]]:
    """Pedimento documents whose own number, or an invoice or B/L number they name, contains ``text``
    (spaces, dots and dashes forgiven)."""
    key = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(key) < 3:
        return []
    rows = db.execute(
        select(DocumentKey.document_id, DocumentKey.kind, DocumentKey.value, Document.filename)
        .join(Document, Document.id == DocumentKey.document_id)
        .where(
            DocumentKey.company_id == company_id,
            DocumentKey.doc_type == "pedimento",
            or_(DocumentKey.value.like(f"%{key}%"), DocumentKey.value.like(f"%{text.strip().upper()}%")),
        )
        .order_by(DocumentKey.document_id.desc())
        .limit(200)
    )
    out: dict[int, dict[str, Any]] = {}
    for document_id, kind, value, filename in rows:
        hit = out.setdefault(document_id, {"id": document_id, "filename": filename, "matches": []})
        shown = pedimento_display(value) if kind == "pedimento" else value
        hit["matches"].append({"kind": kind, "value": shown or value})
        if len(out) >= SEARCH_LIMIT:
            break
    return list(out.values())


def next_in_queue(db: Session, company_id: int, threshold: float, after: int) -> int | None:
    from web.blueprints.review import review_queue

    for row in review_queue(db, company_id, threshold, limit=2):
        if row["id"] != after:
            return int(row["id"])
    return None


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("validation", __name__)

    def _ident() -> Any:
        ident = current_identity()
        assert ident is not None
        return ident

    @bp.post("/documents/<int:document_id>/reread")
    @roles_required("admin", "clerk")
    def reread(document_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            reextract(services, db, doc, actor=ident.email, reason="read again on request")
        return redirect(url_for("documents.show", document_id=document_id))

    @bp.post("/documents/<int:document_id>/notes")
    @roles_required("admin", "clerk")
    def note(document_id: int) -> Any:
        ident = _ident()
        text = (request.form.get("text") or "").strip()
        if not text:
            raise ImmexError(_("Write the note first."), code="empty_note")
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            audit.record(
                db,
                actor=ident.email,
                action="document.note",
                object_type="document",
                object_id=doc.id,
                company_id=ident.company_id,
                details={"text": text[:NOTE_MAX]},
            )
        return redirect(url_for("documents.show", document_id=document_id, _anchor="history"))

    @bp.get("/documents/pedimentos.json")
    @login_required
    def find_pedimentos() -> Any:
        ident = _ident()
        with services.db.session() as db:
            found = pedimento_candidates(db, ident.company_id, request.args.get("q", "")[:60])
        return jsonify(documents=found)

    app.register_blueprint(bp)
