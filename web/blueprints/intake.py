"""Uploads (many files, each its own request so the browser can show its progress) and BOM imports."""

from __future__ import annotations

from typing import Any, BinaryIO, cast

from flask import Blueprint, Flask, jsonify, render_template, request

from evidence.chain.bom import BomFileError
from immex.errors import ImmexError
from immex.messages import N_
from immex.services import Services
from intake.accept import AcceptResult, IncomingDocument
from intake.archives import accept_files
from web.accounts.auth import current_identity, roles_required
from web.blueprints import _chain
from web.blueprints._base import _
from web.blueprints.boms import bom_page

# The clerk reads these (translated); the English reason from accept() is the fallback for other codes.
REASONS = {
    "empty": N_("The file is empty: there is nothing to read. Ask the sender for the file again."),
    "too_large": N_("The file is larger than the limit of {mb} MB. Split it or ask an admin."),
    "unsupported_type": N_("This is not a document we can read: only PDF, PNG, JPEG, TIFF and XML files."),
    "too_many_pages": N_("The file has more pages than the limit of {pages}. Split it into smaller files."),
    "encrypted": N_("The PDF is protected with a password. Ask the sender for a copy without protection."),
    "corrupt": N_("The file is damaged and cannot be opened. Ask the sender for the file again."),
    "duplicate": N_("This file was already received as document {id}."),
    "expands_too_much": N_(
        "The file expands to more than {expanded} MB when it is read; it was kept but cannot be read."
    ),
    "too_many_pixels": N_("The image has more pixels than a page may have; it was kept but cannot be read."),
}


def explain(result: AcceptResult, services: Services) -> str | None:
    if result.code is None:
        return None
    template = REASONS.get(result.code)
    if template is None:
        return _(result.reason) if result.reason else result.reason
    return _(
        template,
        mb=services.settings.max_upload_mb,
        pages=services.settings.max_pages,
        id=result.document_id or "",
        expanded=services.settings.max_expanded_mb,
    )


def wants_json() -> bool:
    return (
        request.headers.get("X-Requested-With") == "XMLHttpRequest"
        or request.accept_mimetypes.best == "application/json"
    )


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("intake", __name__)

    @bp.get("/upload")
    @roles_required("admin", "clerk")
    def upload_form() -> Any:
        return render_template("upload.html", results=None)

    @bp.post("/upload")
    @roles_required("admin", "clerk")
    def upload() -> Any:
        ident = current_identity()
        assert ident is not None
        files = [f for f in request.files.getlist("files") if f and f.filename]
        if not files:
            message = _("Choose at least one file.")
            if wants_json():
                return jsonify(error={"code": "no_file", "message": message}), 400
            return render_template("upload.html", results=None, error=message), 400
        results = []
        for f in files:
            incoming = IncomingDocument(
                company_id=ident.company_id,
                source="upload",
                filename=f.filename or "unnamed",
                stream=cast(BinaryIO, f.stream),
                actor=ident.email,
            )
            for result in accept_files(services, incoming):  # an archive: one result per file inside
                results.append({**result.to_dict(), "message": explain(result, services)})
        if wants_json():
            status = 422 if all(r["status"] == "rejected" for r in results) else 200
            return jsonify(results=results), status
        return render_template("upload.html", results=results)

    @bp.route("/bom", methods=["GET", "POST"])
    @roles_required("admin", "clerk")
    def bom() -> Any:
        if request.method == "GET":
            return bom_page(services, result=None, problems=None)
        ident = current_identity()
        assert ident is not None
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            return bom_page(services, result=None, problems=None, error=_("Choose a file.")), 400
        data = upload.stream.read()
        try:
            with services.db.session() as db:
                result = _chain.import_bom(
                    db,
                    ident.company_id,
                    data,
                    upload.filename,
                    actor=ident.email,
                    scratch=services.scratch_dir,
                )
        except BomFileError as exc:
            return bom_page(services, result=None, problems=_chain.bom_problems(exc), filename=upload.filename), 422
        except ImmexError as exc:
            return bom_page(services, result=None, problems=None, error=_(exc.message)), 422
        return bom_page(services, result=result, problems=None, filename=upload.filename)

    app.register_blueprint(bp)
