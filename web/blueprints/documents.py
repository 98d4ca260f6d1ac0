"""The document list (filters, live status), the document page (page images with field boxes, the field table
with confidences, corrections beside machine values, confirmation, provenance), page images and originals."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, jsonify, redirect, render_template, request, send_file, url_for
from sqlalchemy import select

from evidence import audit
from evidence.layouts import teach
from evidence.models import Document, DocumentStatus, DocumentSummary, Page
from evidence.objectstore import original_key
from immex.errors import ImmexError
from immex.messages import N_
from immex.services import Services
from intake import sniff
from web import saved_views
from web.accounts.auth import current_identity, login_required, roles_required
from web.blueprints import _chain, _pages, validation
from web.blueprints._base import _, wants_json
from web.blueprints._util import (
    field_rows,
    get_document,
    line_rows,
    list_documents,
    newest_extraction,
    parse_int,
)
from web.cfdi_view import readable_cfdi
from web.field_labels import pedimento_display
from workers.progress import progress_of

DOC_TYPES = ("pedimento", "commercial_invoice", "cfdi", "bill_of_lading", "packing_list", "bom", "other")
STATUSES = ("received", "processing", "processed", "failed", "quarantined")
FILTER_KEYS = ("doc_type", "status", "review", "date_from", "date_to", "sender", "q", "sort", "dir")
XML_PREVIEW_BYTES = 512 * 1024


def status_dict(doc: Document, lease_seconds: int) -> dict[str, Any]:
    """What the upload page and the list poll: the status, and while a job reads the document, how far it has
    got (``progress``: ``workers.progress.progress_of``; null when there is nothing to believe)."""
    return {
        "id": doc.id,
        "status": doc.status,
        "done": doc.status in DocumentStatus.DONE,
        "needs_review": bool(doc.needs_review),
        "doc_type": doc.doc_type,
        "pages": doc.pages,
        "code": doc.status_code,
        "reason": doc.status_reason,
        "progress": progress_of(doc, lease_seconds),
    }


def confirm_document(db: Any, doc: Document, email: str) -> None:
    """A person confirms a read document as reviewed (audited; the layout memory learns from it)."""
    if doc.status != DocumentStatus.PROCESSED:
        raise ImmexError(_("Only a document that has been read can be confirmed."), code="not_ready")
    previous = bool(doc.needs_review)
    doc.needs_review = False
    doc.status_code = "confirmed"
    doc.status_reason = f"Reviewed and confirmed by {email}"
    audit.record(
        db,
        actor=email,
        action="document.confirmed",
        object_type="document",
        object_id=doc.id,
        company_id=doc.company_id,
        details={"needed_review": previous},
    )
    teach.after_confirmation(db, doc.id, actor=email)


def summaries(db: Any, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The list's summary (number, issuer, date, amount, currency) of each document on the page, one query."""
    rows = db.scalars(select(DocumentSummary).where(DocumentSummary.document_id.in_(ids))) if ids else []
    return {
        r.document_id: {
            "number": r.number,
            "issuer": r.issuer,
            "date": r.doc_date,
            "amount": r.amount,
            "currency": r.currency,
        }
        for r in rows
    }


def fvalue(value: Any, name: str) -> str:
    """A value as the page shows it (a pedimento number spaced as brokers write it)."""
    from immex import i18n
    from web.blueprints._base import get_locale
    from web.field_labels import PEDIMENTO_FIELDS

    shown = pedimento_display(value) if name in PEDIMENTO_FIELDS else None
    return shown or i18n.format_value(value, get_locale())


def _ident() -> Any:
    ident = current_identity()
    assert ident is not None
    return ident


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("documents", __name__)

    @bp.get("/documents")
    @login_required
    def index() -> Any:
        ident = _ident()
        filters = {k: request.args.get(k, "").strip() for k in FILTER_KEYS}
        page = max(parse_int(request.args.get("page"), 1) or 1, 1)
        with services.db.session() as db:
            docs, total = list_documents(db, ident.company_id, {**filters, "offset": (page - 1) * 50, "limit": 50})
            rows = [d.to_dict() for d in docs]
            summary = summaries(db, [d.id for d in docs])
            views = saved_views.views_of(db, ident.user_id, ident.company_id)
        for row in rows:
            row["summary"] = summary.get(row["id"], {})
            if row["doc_type"] == "pedimento" and row["summary"].get("number"):
                row["summary"]["number"] = pedimento_display(row["summary"]["number"]) or row["summary"]["number"]
        return render_template(
            "documents.html",
            documents=rows,
            total=total,
            page=page,
            pages=max((total + 49) // 50, 1),
            filters=filters,
            doc_types=DOC_TYPES,
            statuses=STATUSES,
            views=views,
        )

    @bp.get("/documents/status.json")
    @login_required
    def status() -> Any:
        ident = _ident()
        ids = [i for i in (parse_int(x) for x in request.args.get("ids", "").split(",")[:200]) if i is not None]
        with services.db.session() as db:
            docs = db.scalars(select(Document).where(Document.company_id == ident.company_id, Document.id.in_(ids)))
            return jsonify(documents=[status_dict(d, services.settings.job_lease) for d in docs])

    @bp.get("/documents/<int:document_id>")
    @login_required
    def show(document_id: int, form_error: dict[str, Any] | None = None) -> Any:
        ident = _ident()
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            extraction = newest_extraction(db, doc.id)
            result = extraction.result if extraction else {}
            corrections = _chain.corrections_of(db, doc.id)
            pages = [
                {
                    "number": p.number,
                    "width": p.width,
                    "height": p.height,
                    "source": p.source,
                    "confidence": p.confidence,
                    "error": p.error,
                }
                for p in db.scalars(select(Page).where(Page.document_id == doc.id).order_by(Page.number))
            ]
            links = _chain.links_of(db, ident.company_id, doc.id)
            linked_ids = {lk["from_document_id"] for lk in links} | {lk["to_document_id"] for lk in links}
            names = {
                d.id: d.filename
                for d in db.scalars(select(Document).where(Document.id.in_([i for i in linked_ids if i])))
            }
            data = doc.to_dict()
            events = validation.history(db, ident.company_id, doc.id, links)
            ocr_text = [
                (p.number, p.text or "")
                for p in db.scalars(select(Page).where(Page.document_id == doc.id).order_by(Page.number))
            ]
        # XML and validation files are text, shown as such; a Data Stage ZIP has no page to draw
        as_text = data["media_type"] in (sniff.XML, sniff.M3)
        if not pages and not as_text and data["media_type"] not in sniff.STRUCTURED_TYPES and data["pages"]:
            pages = [{"number": n, "width": None, "height": None} for n in range(1, (data["pages"] or 0) + 1)]
        fields = field_rows(result, corrections)
        lines = line_rows(result, corrections)
        if form_error is not None:  # refused for a cell the screen has no row for: said at the top instead
            rows = fields + [c for line in lines for c in line]
            form_error["placed"] = any(
                r["name"] == form_error["field"] and r["line_index"] == form_error["line_index"] for r in rows
            )
        boxes: dict[int, list[dict[str, Any]]] = {}
        for row in fields + [c for line in lines for c in line]:
            if row["page"] and row["bbox"] and len(row["bbox"]) == 4:
                boxes.setdefault(int(row["page"]), []).append(row)
        xml_text, cfdi = None, None
        if as_text:
            with services.store.open(original_key(data["sha256"])) as fh:
                raw = fh.read(XML_PREVIEW_BYTES)
            xml_text = raw.decode("utf-8", errors="replace")
            cfdi = readable_cfdi(raw) if data["media_type"] == sniff.XML else None
        return render_template(
            "document.html",
            doc=data,
            extraction=extraction,
            result=result,
            fields=fields,
            lines=lines,
            pages=pages,
            boxes=boxes,
            warnings=result.get("warnings") or [],
            references=result.get("references") or [],
            corrections=corrections,
            links=links,
            link_names=names,
            xml_text=xml_text,
            cfdi=cfdi,
            history=events,
            history_actions=validation.HISTORY_ACTIONS,
            ocr_text=ocr_text,
            doc_types=DOC_TYPES,
            threshold=services.settings.review_threshold,
            form_error=form_error,
        )

    def drawn(document_id: int, number: int, thumb: bool) -> Any:
        """A page as a PNG (or the list's thumbnail of it), or a picture that says why not in the user's language
        (refused as too large to draw, or the renderers busy): never a 500."""
        ident = _ident()
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            sha, media_type = doc.sha256, doc.media_type
        if not thumb and media_type in (sniff.PNG, sniff.JPEG) and number == 1 and _pages.original_fits(services, sha):
            path = _pages.local_original(services, sha)
            return send_file(path, mimetype=media_type, max_age=3600)
        rendered = _pages.page_png(services, sha, media_type, number, thumb)
        if rendered.status == "missing":
            abort(404)
        if rendered.status != "ok":
            headline = _("This page cannot be shown.")
            return _pages.placeholder(headline, _(rendered.reason)), (422 if rendered.status == "refused" else 503)
        return send_file(_pages.png_path(services, sha, number, thumb), mimetype="image/png", max_age=3600)

    @bp.get("/documents/<int:document_id>/pages/<int:number>.png")
    @login_required
    def page_image(document_id: int, number: int) -> Any:
        return drawn(document_id, number, thumb=False)

    @bp.get("/documents/<int:document_id>/pages/<int:number>/thumb.png")
    @login_required
    def page_thumb(document_id: int, number: int) -> Any:
        return drawn(document_id, number, thumb=True)

    @bp.get("/documents/<int:document_id>/original")
    @login_required
    def original(document_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            sha, media_type, filename = doc.sha256, doc.media_type, doc.filename
            audit.record(
                db,
                actor=ident.email,
                action="document.downloaded",
                object_type="document",
                object_id=doc.id,
                company_id=ident.company_id,
                details={"sha256": sha},
            )
        response = send_file(
            _pages.local_original(services, sha),
            mimetype=media_type,
            as_attachment=True,
            download_name=filename,
        )
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response

    @bp.post("/documents/<int:document_id>/corrections")
    @roles_required("admin", "clerk")
    def correct(document_id: int) -> Any:
        ident = _ident()
        field = request.form.get("field", "").strip()
        line_text = request.form.get("line_index", "").strip()
        line_index = parse_int(line_text) if line_text else None
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            extraction = newest_extraction(db, doc.id)
            if extraction is None or not field:
                abort(400)
            typed = request.form.get("value", "")
            saved = None
            try:
                if line_text and line_index is None:  # never a header correction for a line that was garbled
                    raise ImmexError(N_("'line_index' must be a whole number (0 is the first line) or null."))
                value = teach.form_value(field, typed)  # read by the field's type in the user's locale
                teach.check(field, value, line_index)
                saved = _chain.correct(
                    db,
                    doc.id,
                    field=field,
                    value=value,
                    actor=ident.email,
                    line_index=line_index,
                    reason=request.form.get("reason") or None,
                )
            except (ValueError, ImmexError) as exc:
                # the clerk sees the problem beside the field, with what they typed still in the box
                problem = exc.message if isinstance(exc, ImmexError) else str(exc)
                form_error = {
                    "field": field,
                    "line_index": line_index,
                    "value": typed,
                    "reason": request.form.get("reason", ""),
                    "message": _(problem),
                }
                db.rollback()
                if wants_json():
                    return jsonify(error={"code": "bad_value", "message": form_error["message"]}), 422
                return show(document_id, form_error=form_error), 422
            teach.after_correction(
                services, db, doc.id, field=field, line_index=line_index, value=value, actor=ident.email
            )
            # a correction of a line's quoted price may bring its unit price along (a derived correction)
            derived = [c for c in _chain.corrections_of(db, doc.id) if saved and c["id"] > saved["id"]]
        anchor = f"l{line_index}-{field}" if line_index is not None else f"f-{field}"
        if wants_json():  # the validation screen saves in place: no reload, no jump to the top
            return jsonify(
                correction=saved,
                shown=fvalue(saved["corrected_value"] if saved else value, field),
                actor=ident.email,
                derived=derived,
                reload=field in ("doc_type", "line_removed") or line_index is not None and not saved or bool(derived),
            )
        return redirect(url_for("documents.show", document_id=document_id, _anchor=anchor))

    @bp.post("/documents/<int:document_id>/confirm")
    @roles_required("admin", "clerk")
    def confirm(document_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            confirm_document(db, doc, ident.email)
            following = None
            if request.form.get("next"):
                following = validation.next_in_queue(
                    db, ident.company_id, services.settings.review_threshold, after=document_id
                )
        if request.form.get("next"):
            if following is None:
                return redirect(url_for("review.queue"))
            return redirect(url_for("documents.show", document_id=following))
        return redirect(url_for("documents.show", document_id=document_id))

    app.register_blueprint(bp)
