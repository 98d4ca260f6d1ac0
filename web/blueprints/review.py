"""The review queue (documents ordered by risk) and a person's links: link, unlink, a partida's part."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, redirect, render_template, request, url_for
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from evidence.chain.models import Link
from evidence.models import Document, DocumentStatus, Extraction
from immex.errors import ImmexError
from immex.services import Services
from web.accounts.auth import current_identity, login_required, roles_required
from web.blueprints import _chain
from web.blueprints._base import _, ngettext
from web.blueprints._util import is_id, parse_int

CHAIN_TYPES = ("pedimento", "commercial_invoice", "cfdi", "bill_of_lading")
QUEUE_SCAN = 2000


def review_queue(db: Session, company_id: int, threshold: float, limit: int = 200) -> list[dict[str, Any]]:
    """Documents that need a person, riskiest first. Risk adds up: failed reading, below the confidence
    threshold (more the lower), each warning (failed checks), not linked into the chain, open findings."""
    docs = db.scalars(
        select(Document)
        .where(
            Document.company_id == company_id,
            Document.status.in_((DocumentStatus.FAILED, DocumentStatus.PROCESSED)),
            or_(Document.status_code.is_(None), Document.status_code != "confirmed"),
        )
        .order_by(Document.id.desc())
        .limit(QUEUE_SCAN)
    ).all()
    if not docs:
        return []
    ids = [d.id for d in docs]
    # the newest extraction's lowest confidence and warnings (only that part of the result is read)
    newest: dict[int, tuple[float | None, list[Any]]] = {}
    rows = db.execute(
        select(Extraction.document_id, Extraction.min_confidence, Extraction.result["warnings"])
        .where(Extraction.document_id.in_(ids))
        .order_by(Extraction.id)
    )
    for document_id, min_confidence, warnings in rows:
        newest[document_id] = (min_confidence, warnings if isinstance(warnings, list) else [])
    linked: set[int] = set()
    for a, b in db.execute(
        select(Link.from_document_id, Link.to_document_id).where(
            Link.company_id == company_id,
            Link.undone_at.is_(None),
            or_(Link.from_document_id.in_(ids), Link.to_document_id.in_(ids)),
        )
    ):
        linked.update(x for x in (a, b) if x)
    findings = _chain.findings_by_document(db, company_id)
    out: list[dict[str, Any]] = []
    for doc in docs:
        min_conf, warnings = newest.get(doc.id, (None, []))
        reasons: list[str] = []
        score = 0.0
        if doc.status == DocumentStatus.FAILED:
            score += 100
            reasons.append(_("could not be read"))
        if doc.needs_review:
            score += 20
            reasons.append(_("marked for review"))
        if min_conf is not None and min_conf < threshold:
            score += (threshold - min_conf) * 100
            reasons.append(_("low confidence"))
        if warnings:
            score += 10 * len(warnings)
            reasons.append(ngettext("{n} warning", "{n} warnings", len(warnings)))
        if doc.doc_type in CHAIN_TYPES and doc.id not in linked:
            score += 15
            reasons.append(_("not linked"))
        open_findings = findings.get(doc.id, [])
        if open_findings:
            score += 25 * len(open_findings)
            reasons.append(ngettext("{n} finding", "{n} findings", len(open_findings)))
        if score <= 0:
            continue
        out.append(
            {
                "id": doc.id,
                "filename": doc.filename,
                "doc_type": doc.doc_type,
                "status": doc.status,
                "received_at": doc.received_at,
                "min_confidence": min_conf,
                "warnings": warnings,
                "findings": open_findings,
                "score": round(score, 1),
                "reasons": reasons,
            }
        )
    out.sort(key=lambda r: (-r["score"], -r["id"]))
    return out[:limit]


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("review", __name__)

    @bp.get("/review")
    @login_required
    def queue() -> Any:
        ident = current_identity()
        assert ident is not None
        with services.db.session() as db:
            rows = review_queue(db, ident.company_id, services.settings.review_threshold)
        return render_template("review.html", rows=rows)

    def _back(document_id: int | None) -> Any:
        if document_id:
            return redirect(url_for("documents.show", document_id=document_id, _anchor="links"))
        return redirect(url_for("review.queue"))

    @bp.post("/links")
    @roles_required("admin", "clerk")
    def link() -> Any:
        ident = current_identity()
        assert ident is not None
        from_id = parse_int(request.form.get("from_document_id"))
        to_id = parse_int(request.form.get("to_document_id"))
        number = (request.form.get("to_number") or "").strip()
        with services.db.session() as db:
            if not is_id(to_id) and number:  # a pedimento, invoice or B/L number, as the clerk knows it
                from web.blueprints.validation import pedimento_candidates

                found = pedimento_candidates(db, ident.company_id, number)
                if not found:
                    raise ImmexError(_("No pedimento carries the number {number}.", number=number), code="not_found")
                if len(found) > 1:
                    raise ImmexError(
                        _("Several pedimentos carry {number}; pick one from the list.", number=number),
                        code="ambiguous",
                    )
                to_id = int(found[0]["id"])
            if not is_id(from_id) or not is_id(to_id):
                raise ImmexError(_("Give the numbers of both documents."), code="bad_link")
            _chain.link_documents(
                db,
                ident.company_id,
                int(from_id or 0),
                int(to_id or 0),
                actor=ident.email,
                reason=request.form.get("reason") or None,
            )
        return _back(parse_int(request.form.get("back")))

    @bp.post("/links/<int:link_id>/undo")
    @roles_required("admin", "clerk")
    def unlink(link_id: int) -> Any:
        ident = current_identity()
        assert ident is not None
        if not is_id(link_id):
            abort(404)
        with services.db.session() as db:
            _chain.unlink(db, ident.company_id, link_id, actor=ident.email, reason=request.form.get("reason", ""))
        return _back(parse_int(request.form.get("back")))

    @bp.post("/partidas/part")
    @roles_required("admin", "clerk")
    def assign_part() -> Any:
        ident = current_identity()
        assert ident is not None
        sequence = parse_int(request.form.get("sequence"))
        if not is_id(sequence):
            abort(400)
        with services.db.session() as db:
            _chain.link_part(
                db,
                ident.company_id,
                request.form.get("pedimento", ""),
                int(sequence or 0),
                request.form.get("part_number", ""),
                actor=ident.email,
                reason=request.form.get("reason") or None,
            )
        return _back(parse_int(request.form.get("back")))

    app.register_blueprint(bp)
