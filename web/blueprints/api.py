"""``/api/v1``: documents (upload, list, one, extraction), corrections, links, lots, a lot's chain, findings.
Every call needs ``Authorization: Bearer <token>``; a token acts for one user in one company with that user's
role (auditors read only). Errors are ``{"error": {"code", "message"}}`` with a stable English code and a message
in the caller's language (Accept-Language, else the token's user's language, else English). The OpenAPI
document is ``/api/v1/openapi.json``."""

from __future__ import annotations

from typing import Any, BinaryIO, cast

from flask import Blueprint, Flask, jsonify, request

from evidence.layouts import teach
from immex.errors import ImmexError, NotFound
from immex.messages import N_
from immex.services import Services
from intake.accept import IncomingDocument
from intake.archives import accept_files
from web import openapi
from web.accounts.auth import api_auth, current_identity
from web.accounts.service import Identity
from web.blueprints import _chain
from web.blueprints._base import _
from web.blueprints._util import get_document, is_id, list_documents, newest_extraction, parse_date, parse_int

FILTERS = ("doc_type", "status", "review", "date_from", "date_to", "sender", "q", "sort", "dir", "limit", "offset")


class BadRequest(ImmexError):
    code = "bad_request"
    http_status = 400


def _ident() -> Identity:
    ident = current_identity()
    assert ident is not None
    return ident


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadRequest(N_("Send a JSON object in the request body (Content-Type: application/json)."))
    return body


def init_app(app: Flask, services: Services) -> None:
    bp = Blueprint("api", __name__, url_prefix="/api/v1")

    @bp.get("/openapi.json")
    def openapi_document() -> Any:
        return jsonify(openapi.spec())

    @bp.get("/documents")
    @api_auth()
    def documents() -> Any:
        ident = _ident()
        filters = {k: request.args.get(k, "") for k in FILTERS}
        limit = min(max(parse_int(filters["limit"], 50) or 50, 1), 500)
        offset = max(parse_int(filters["offset"], 0) or 0, 0)
        with services.db.session() as db:
            docs, total = list_documents(db, ident.company_id, {**filters, "limit": limit, "offset": offset})
            return jsonify(documents=[d.to_dict() for d in docs], total=total, limit=limit, offset=offset)

    @bp.post("/documents")
    @api_auth(write=True)
    def upload() -> Any:
        ident = _ident()
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise BadRequest(N_("Send the document as multipart/form-data in a field named 'file'."))
        results = accept_files(
            services,
            IncomingDocument(
                company_id=ident.company_id,
                source="api",
                filename=upload.filename,
                stream=cast(BinaryIO, upload.stream),
                actor=ident.email,
            ),
        )
        # ``result`` is the first file's (an upload of one file has one); an archive adds one per file inside.
        result = next((r for r in results if r.ok), results[0])
        body: dict[str, Any] = {"result": result.to_dict(), "results": [r.to_dict() for r in results]}
        if result.document_id is not None:
            with services.db.session() as db:
                body["document"] = get_document(db, ident.company_id, result.document_id).to_dict()
        if not result.ok:
            body["error"] = {"code": result.code or "rejected", "message": _(result.reason or "rejected")}
            return jsonify(body), 422
        return jsonify(body), (201 if any(r.status == "accepted" for r in results) else 200)

    @bp.get("/documents/<int:document_id>")
    @api_auth()
    def document(document_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            data = doc.to_dict()
            data["links"] = _chain.links_of(db, ident.company_id, doc.id)
            return jsonify(data)

    @bp.get("/documents/<int:document_id>/extraction")
    @api_auth()
    def extraction(document_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            ex = newest_extraction(db, doc.id)
            if ex is None:
                raise NotFound("This document has not been read yet.", code="not_extracted")
            return jsonify(
                document_id=doc.id,
                extraction_id=ex.id,
                extractor_version=ex.extractor_version,
                created_at=ex.created_at.isoformat(),
                needs_review=bool(ex.needs_review),
                min_confidence=ex.min_confidence,
                result=ex.result,
                corrections=_chain.corrections_of(db, doc.id),
            )

    @bp.get("/documents/<int:document_id>/corrections")
    @api_auth()
    def corrections(document_id: int) -> Any:
        ident = _ident()
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            return jsonify(corrections=_chain.corrections_of(db, doc.id))

    @bp.post("/documents/<int:document_id>/corrections")
    @api_auth(write=True)
    def correct(document_id: int) -> Any:
        ident = _ident()
        body = _json_body()
        field = body.get("field")
        if not isinstance(field, str) or not field.strip():
            raise BadRequest(N_("'field' must name the field to correct."))
        line_index = body.get("line_index")
        if line_index is not None and (not isinstance(line_index, int) or isinstance(line_index, bool)):
            raise BadRequest(N_("'line_index' must be a whole number (0 is the first line) or null."))
        if "value" not in body:
            raise BadRequest(N_("'value' is required (null clears the value)."))
        reason = body.get("reason")
        teach.check(field.strip(), body["value"], line_index)
        with services.db.session() as db:
            doc = get_document(db, ident.company_id, document_id)
            row = _chain.correct(
                db,
                doc.id,
                field=field.strip(),
                value=body["value"],
                actor=ident.email,
                line_index=line_index,
                reason=reason if isinstance(reason, str) else None,
            )
            taught = teach.after_correction(
                services, db, doc.id, field=field.strip(), line_index=line_index, value=body["value"], actor=ident.email
            )
            # a correction of a line's quoted price may bring its unit price along
            derived = [c for c in _chain.corrections_of(db, doc.id) if c["id"] > row["id"]]
        extra = {"reextraction_id": taught["extraction_id"], "layout_id": taught["layout_id"]}
        return jsonify({**row, **extra, "derived_corrections": derived}), 201

    @bp.get("/links")
    @api_auth()
    def links() -> Any:
        ident = _ident()
        document_id = parse_int(request.args.get("document_id"))
        if request.args.get("document_id") is not None and document_id is None:
            raise BadRequest(N_("'document_id' must be a document number."))
        with services.db.session() as db:
            if document_id is not None:
                get_document(db, ident.company_id, document_id)
            return jsonify(links=_chain.links_of(db, ident.company_id, document_id))

    @bp.post("/links")
    @api_auth(write=True)
    def link() -> Any:
        ident = _ident()
        body = _json_body()
        reason = body.get("reason") if isinstance(body.get("reason"), str) else None
        with services.db.session() as db:
            if body.get("part_number") is not None:
                sequence = body.get("sequence")
                if not is_id(sequence) or not isinstance(body.get("pedimento"), str):
                    raise BadRequest(N_("To assign a part number send 'pedimento', 'sequence' and 'part_number'."))
                row = _chain.link_part(
                    db,
                    ident.company_id,
                    body["pedimento"],
                    sequence,
                    str(body["part_number"]),
                    actor=ident.email,
                    reason=reason,
                )
            else:
                a, b = body.get("from_document_id"), body.get("to_document_id")
                if not isinstance(a, int) or not isinstance(b, int):
                    raise BadRequest(
                        N_("Send 'from_document_id' (invoice, CFDI or B/L) and 'to_document_id' (pedimento).")
                    )
                row = _chain.link_documents(db, ident.company_id, a, b, actor=ident.email, reason=reason)
        return jsonify(row), 201

    @bp.post("/links/<int:link_id>/undo")
    @api_auth(write=True)
    def undo(link_id: int) -> Any:
        ident = _ident()
        body = _json_body()
        reason = body.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise BadRequest(N_("Say why the link is wrong in 'reason'."))
        if not is_id(link_id):
            raise NotFound(f"The company has no link {link_id}.")
        with services.db.session() as db:
            return jsonify(_chain.unlink(db, ident.company_id, link_id, actor=ident.email, reason=reason))

    @bp.get("/lots")
    @api_auth()
    def lots() -> Any:
        ident = _ident()
        status = request.args.get("status")
        with services.db.session() as db:
            rows = _chain.lots(db, ident.company_id, parse_date(request.args.get("as_of")))
        if status:
            rows = [r for r in rows if r["status"] == status]
        return jsonify(lots=rows)

    @bp.get("/chain")
    @api_auth()
    def chain() -> Any:
        ident = _ident()
        pedimento = request.args.get("pedimento", "").strip()
        if not pedimento:
            raise BadRequest(N_("Give the import pedimento number: ?pedimento=NNNNNNNNNNNNNNN[&sequence=N]."))
        sequence = parse_int(request.args.get("sequence"))
        if request.args.get("sequence") and not is_id(sequence):
            raise BadRequest(N_("'sequence' must be a partida number (1, 2, ...)."))
        with services.db.session() as db:
            return jsonify(
                _chain.lot_chain(db, ident.company_id, pedimento, sequence, parse_date(request.args.get("as_of")))
            )

    @bp.get("/findings")
    @api_auth()
    def findings() -> Any:
        ident = _ident()
        with services.db.session() as db:
            items = _chain.findings(db, ident.company_id, parse_date(request.args.get("as_of")))
            ids = _chain.document_ids_by_sha(db, ident.company_id, {s for f in items for s in f["documents"]})
        for f in items:
            f["document_ids"] = [ids[s] for s in f["documents"] if s in ids]
        return jsonify(findings=items)

    @bp.get("/reconciliation")
    @api_auth()
    def reconciliation() -> Any:
        from evidence.chain.reconcile_io import reconciliation_report

        ident = _ident()
        number = request.args.get("pedimento", "").strip() or None
        with services.db.session() as db:
            return jsonify(reconciliation_report(db, ident.company_id, number))

    app.register_blueprint(bp)
