"""Bulk actions on the document list: read again, confirm, set the type (each per document, through the same
services as the document page, every one audited) and download the originals as one ZIP."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from flask import Blueprint, Flask, flash, redirect, request, send_file, url_for

from evidence import audit
from evidence.layouts import teach
from evidence.layouts.reread import reextract
from immex.errors import ImmexError
from immex.services import Services
from web.accounts.auth import current_identity, roles_required
from web.blueprints import _chain, _pages
from web.blueprints._base import _, ngettext
from web.blueprints._util import get_document, parse_int

MAX_BULK = 100
ACTIONS = ("reread", "confirm", "set_type", "download")


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("bulk", __name__)

    @bp.post("/documents/bulk")
    @roles_required("admin", "clerk")
    def run() -> Any:
        from web.blueprints.documents import DOC_TYPES, confirm_document

        ident = current_identity()
        assert ident is not None
        action = request.form.get("action", "")
        ids = [i for i in (parse_int(x) for x in request.form.getlist("ids")[:MAX_BULK]) if i]
        back = url_for("documents.index") + ("?" + request.form["query"] if request.form.get("query") else "")
        if action not in ACTIONS or not ids:
            raise ImmexError(_("Tick the documents and choose what to do with them."), code="bulk_empty")
        doc_type = request.form.get("doc_type", "")
        if action == "set_type" and doc_type not in DOC_TYPES:
            raise ImmexError(_("Choose the type to set."), code="bulk_type")
        if action == "download":
            return _download(ident, ids)
        done, refused = 0, []
        for document_id in ids:
            with services.db.session() as db:
                try:
                    doc = get_document(db, ident.company_id, document_id)
                    if action == "reread":
                        reextract(services, db, doc, actor=ident.email, reason="read again on request")
                    elif action == "confirm":
                        confirm_document(db, doc, ident.email)
                    else:
                        teach.check("doc_type", doc_type, None)
                        _chain.correct(
                            db,
                            doc.id,
                            field="doc_type",
                            value=doc_type,
                            actor=ident.email,
                            line_index=None,
                            reason=None,
                        )
                        teach.after_correction(
                            services,
                            db,
                            doc.id,
                            field="doc_type",
                            line_index=None,
                            value=doc_type,
                            actor=ident.email,
                        )
                    done += 1
                except ImmexError as exc:
                    db.rollback()
                    refused.append(f"#{document_id}: {_(exc.message)}")
        flash(ngettext("{n} document done.", "{n} documents done.", done), "ok")
        for line in refused[:10]:
            flash(line, "error")
        return redirect(back)

    def _download(ident: Any, ids: list[int]) -> Any:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, services.db.session() as db:
            for document_id in ids:
                doc = get_document(db, ident.company_id, document_id)
                zf.write(_pages.local_original(services, doc.sha256), f"{doc.id}-{doc.filename}")
                audit.record(
                    db,
                    actor=ident.email,
                    action="document.downloaded",
                    object_type="document",
                    object_id=doc.id,
                    company_id=ident.company_id,
                    details={"sha256": doc.sha256, "bulk": True},
                )
        buf.seek(0)
        return send_file(buf, mimetype="application/zip", as_attachment=True, download_name="documents.zip")

    app.register_blueprint(bp)
