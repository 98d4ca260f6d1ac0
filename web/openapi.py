"""The OpenAPI 3.1 description of ``/api/v1`` (served at ``/api/v1/openapi.json``; the API tests validate
every response against these schemas)."""

from __future__ import annotations

from typing import Any

from web import openapi_reconcile as _reconcile

# the document list's sort keys (``web.blueprints._util.SORTS``)
DOCUMENT_SORTS = ("received", "id", "file", "type", "status", "pages", "sender", "number", "issuer", "date", "amount")

NULL_STR = {"type": ["string", "null"]}
NULL_NUM = {"type": ["number", "null"]}
NULL_INT = {"type": ["integer", "null"]}
ANY_VALUE = {"type": ["string", "number", "integer", "boolean", "null"]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _json(_ref("Error"), "The request is malformed; the message says what to send."),
    "401": _json(_ref("Error"), "No valid bearer token (code `unauthorized`)."),
    "404": _json(_ref("Error"), "Not found, or it belongs to another company (code `not_found`)."),
}
WRITE_ERRORS = {**ERRORS, "403": _json(_ref("Error"), "The token's role may only read (code `forbidden`).")}

DOCUMENT = {
    "type": "object",
    "required": [
        "id",
        "sha256",
        "filename",
        "media_type",
        "size",
        "source",
        "status",
        "received_at",
        "provenance",
    ],
    "properties": {
        "id": {"type": "integer"},
        "company_id": {"type": "integer"},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "filename": {"type": "string"},
        "media_type": {"type": "string"},
        "size": {"type": "integer"},
        "pages": NULL_INT,
        "source": {"type": "string"},
        "sender": NULL_STR,
        "provenance": {
            "type": "object",
            "description": "Where it came from; mail has message_id, subject, mail_date, from.",
            "properties": {
                "message_id": {"type": "string"},
                "subject": {"type": "string"},
                "mail_date": {"type": "string"},
                "from": {"type": "string"},
            },
        },
        "received_at": NULL_STR,
        "processed_at": NULL_STR,
        "status": {"enum": ["received", "processing", "processed", "failed", "quarantined"]},
        "needs_review": {"type": "boolean"},
        "code": NULL_STR,
        "reason": NULL_STR,
        "doc_type": NULL_STR,
        "doc_type_confidence": NULL_NUM,
        "text_source": NULL_STR,
        "links": {"type": "array", "items": _ref("Link")},
    },
}

CORRECTION = {
    "type": "object",
    "required": ["id", "field", "line_index", "machine_value", "corrected_value", "actor", "created_at"],
    "properties": {
        "id": {"type": "integer"},
        "field": {"type": "string"},
        "line_index": NULL_INT,
        "machine_value": ANY_VALUE,
        "corrected_value": ANY_VALUE,
        "actor": {"type": "string"},
        "reason": NULL_STR,
        "derived": {
            "type": "boolean",
            "description": "A unit price recorded because a correction of the line's quoted_price or price_basis "
            "changed the price of one piece (unit_price = quoted_price / price_basis).",
        },
        "extraction_id": NULL_INT,
        "created_at": NULL_STR,
        "reextraction_id": {
            **NULL_INT,
            "description": "After a doc_type correction: the new extraction revision read as that type.",
        },
        "layout_id": {**NULL_INT, "description": "The learned layout this correction taught, if any."},
        "derived_corrections": {
            "type": "array",
            "items": {"type": "object"},
            "description": "After a correction of a line's quoted_price or price_basis: the unit_price correction "
            "it brought along, when the line's unit price no longer agreed (each with derived true).",
        },
    },
}

LINK = {
    "type": "object",
    "required": ["id", "kind", "rule", "actor", "active"],
    "properties": {
        "id": {"type": "integer"},
        "kind": {"type": "string"},
        "from_document_id": NULL_INT,
        "to_document_id": NULL_INT,
        "partida_id": NULL_INT,
        "part_number": NULL_STR,
        "key_kind": NULL_STR,
        "key_value": NULL_STR,
        "rule": {"type": "string"},
        "confidence": NULL_NUM,
        "evidence": {"type": ["array", "null"], "items": {"type": "string"}},
        "actor": {"type": "string"},
        "created_at": NULL_STR,
        "active": {"type": "boolean"},
        "undone_at": NULL_STR,
        "undone_by": NULL_STR,
        "undo_reason": NULL_STR,
    },
}

LOT = {
    "type": "object",
    "required": [
        "pedimento_number",
        "sequence",
        "clave",
        "start_date",
        "unit",
        "imported_quantity",
        "discharged_quantity",
        "balance",
        "status",
        "documents",
    ],
    "properties": {
        "pedimento_number": {"type": "string"},
        "sequence": {"type": "integer"},
        "part_number": NULL_STR,
        "tariff_code": NULL_STR,
        "clave": {"type": "string"},
        "start_date": {"type": "string", "format": "date"},
        "due_date": NULL_STR,
        "unit": {"type": "string"},
        "imported_quantity": {"type": "number"},
        "discharged_quantity": {"type": "number"},
        "balance": {"type": "number"},
        "status": {"enum": ["open", "expiring", "expired", "discharged"]},
        "documents": {"type": "array", "items": {"type": "string"}},
    },
}

DOC_REF = {
    "type": "object",
    "required": ["document_id", "sha256", "filename"],
    "properties": {
        "document_id": {"type": "integer"},
        "sha256": {"type": "string"},
        "filename": {"type": "string"},
        "doc_type": NULL_STR,
    },
}

CHAIN = {
    "type": "object",
    "required": ["pedimento_number", "import_documents", "lots"],
    "properties": {
        "pedimento_number": {"type": "string"},
        "import_documents": {"type": "array", "items": _ref("DocumentRef")},
        "lots": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["sequence", "imported_quantity", "balance", "status", "exports", "bom_versions"],
                "properties": {
                    "sequence": {"type": "integer"},
                    "part_number": NULL_STR,
                    "tariff_code": NULL_STR,
                    "description": NULL_STR,
                    "clave": {"type": "string"},
                    "start_date": {"type": "string"},
                    "due_date": NULL_STR,
                    "unit": {"type": "string"},
                    "imported_quantity": {"type": "number"},
                    "discharged_quantity": NULL_NUM,
                    "balance": {"type": "number"},
                    "status": {"type": "string"},
                    "bom_versions": {"type": "array", "items": {"type": "object"}},
                    "part_link": {
                        "type": ["object", "null"],
                        "properties": {
                            "link_id": {"type": "integer"},
                            "rule": {"type": "string"},
                            "key_value": NULL_STR,
                            "evidence": {"type": "array", "items": {"type": "string"}},
                            "confidence": NULL_NUM,
                            "actor": {"type": "string"},
                        },
                    },
                    "exports": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["export_pedimento", "export_sequence", "quantity", "documents"],
                            "properties": {
                                "export_pedimento": {"type": "string"},
                                "export_sequence": {"type": "integer"},
                                "export_date": {"type": "string"},
                                "component": {"type": "string"},
                                "quantity": {"type": "number"},
                                "documents": {"type": "array", "items": _ref("DocumentRef")},
                            },
                        },
                    },
                },
            },
        },
    },
}

FINDING = {
    "type": "object",
    "required": ["code", "severity", "message", "documents"],
    "properties": {
        "code": {"type": "string"},
        "severity": {"enum": ["high", "medium", "low"]},
        "message": {"type": "string"},
        "pedimento_number": NULL_STR,
        "documents": {"type": "array", "items": {"type": "string"}},
        "document_ids": {"type": "array", "items": {"type": "integer"}},
        "details": {"type": "object"},
    },
}

ACCEPT_RESULT = {
    "type": "object",
    "required": ["status", "document_id", "sha256", "filename", "code", "reason"],
    "properties": {
        "status": {"enum": ["accepted", "duplicate", "rejected"]},
        "document_id": NULL_INT,
        "sha256": {"type": "string"},
        "filename": {"type": "string"},
        "code": NULL_STR,
        "reason": NULL_STR,
    },
}

BUNDLE_JOB = {
    "type": "object",
    "required": ["id", "scope", "status", "progress", "status_url"],
    "properties": {
        "id": {"type": "string"},
        "company_id": {"type": "integer"},
        "scope": {
            "type": "object",
            "required": ["kind", "value"],
            "properties": {"kind": {"enum": ["pedimento", "lot", "period"]}, "value": {"type": "string"}},
        },
        "actor": NULL_STR,
        "status": {"enum": ["queued", "running", "done", "failed"]},
        "stage": NULL_STR,
        "progress": {
            "type": "object",
            "properties": {"done": NULL_INT, "total": NULL_INT},
        },
        "size": NULL_INT,
        "file_count": NULL_INT,
        "manifest_sha256": NULL_STR,
        "error": NULL_STR,
        "created_at": NULL_STR,
        "finished_at": NULL_STR,
        "status_url": {"type": "string"},
        "download_url": {"type": "string"},
    },
}

SCHEMAS: dict[str, Any] = {
    "BundleJob": BUNDLE_JOB,
    "BundleJobList": {
        "type": "object",
        "required": ["bundles"],
        "properties": {"bundles": {"type": "array", "items": _ref("BundleJob")}},
    },
    "BundleRequest": {
        "type": "object",
        "description": "Exactly one of pedimento, lot (N:SEQ) or period (FROM..TO); as_of optional; language of "
        "the readable report inside (es, the default, or en).",
        "properties": {
            "pedimento": {"type": "string"},
            "lot": {"type": "string"},
            "period": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
            "language": {"enum": ["es", "en"]},
        },
    },
    "SigningKey": {
        "type": "object",
        "required": ["algorithm", "key_id", "public_key_pem"],
        "properties": {
            "algorithm": {"const": "Ed25519"},
            "key_id": {"type": "string"},
            "fingerprint": {"type": "string", "description": "SHA-256 of the raw public key, 64 hex digits"},
            "public_key_pem": {"type": "string"},
        },
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "description": "A stable English identifier (`not_found`)."},
                    "message": {
                        "type": "string",
                        "description": "For people, in the caller's language: Accept-Language (es, en), else the "
                        "token's user's language, else English.",
                    },
                },
            }
        },
    },
    "Document": DOCUMENT,
    "DocumentRef": DOC_REF,
    "DocumentList": {
        "type": "object",
        "required": ["documents", "total", "limit", "offset"],
        "properties": {
            "documents": {"type": "array", "items": _ref("Document")},
            "total": {"type": "integer"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
        },
    },
    "AcceptResult": ACCEPT_RESULT,
    "UploadResponse": {
        "type": "object",
        "required": ["result"],
        "properties": {
            "result": _ref("AcceptResult"),
            "results": {"type": "array", "items": _ref("AcceptResult")},
            "document": _ref("Document"),
        },
    },
    "UploadRejected": {
        "type": "object",
        "required": ["result", "error"],
        "properties": {
            "result": _ref("AcceptResult"),
            "results": {"type": "array", "items": _ref("AcceptResult")},
            "document": _ref("Document"),
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "description": "A stable English identifier (`not_found`)."},
                    "message": {
                        "type": "string",
                        "description": "For people, in the caller's language: Accept-Language (es, en), else the "
                        "token's user's language, else English.",
                    },
                },
            },
        },
    },
    "Extraction": {
        "type": "object",
        "required": ["document_id", "extraction_id", "extractor_version", "result", "corrections"],
        "properties": {
            "document_id": {"type": "integer"},
            "extraction_id": {"type": "integer"},
            "extractor_version": {"type": "string"},
            "created_at": {"type": "string"},
            "needs_review": {"type": "boolean"},
            "min_confidence": NULL_NUM,
            "result": {
                "type": "object",
                "description": "The immex.extraction/v1 result",
                "required": ["schema", "doc_type", "fields", "lines"],
            },
            "corrections": {"type": "array", "items": _ref("Correction")},
        },
    },
    "Correction": CORRECTION,
    "CorrectionList": {
        "type": "object",
        "required": ["corrections"],
        "properties": {"corrections": {"type": "array", "items": _ref("Correction")}},
    },
    "CorrectionInput": {
        "type": "object",
        "description": "A header field (no line_index), a field of a line (line_index; the index after the last "
        "line adds a line the reader missed), the document type (field 'doc_type', value one of the types: the "
        "document is read again as that type) or a spurious line (field 'line_removed', value true; false puts "
        "it back). Machine values are never overwritten; the correction is kept beside them.",
        "required": ["field", "value"],
        "properties": {
            "field": {"type": "string"},
            "value": {
                **ANY_VALUE,
                "description": "What the person typed, read by the field's type in the caller's language (the "
                "user's setting, else Accept-Language): dates DD/MM/YYYY in Spanish, MM/DD/YYYY in English, "
                "YYYY-MM-DD always; numbers 1,234.5 or 1.234,5; codes in their printed form. Stored in the "
                "extraction contract's canonical form; a value that cannot be read is a 400 bad_value in the "
                "caller's language and nothing is saved. null clears the value.",
            },
            "line_index": NULL_INT,
            "reason": NULL_STR,
        },
    },
    "Link": LINK,
    "LinkList": {
        "type": "object",
        "required": ["links"],
        "properties": {"links": {"type": "array", "items": _ref("Link")}},
    },
    "LinkInput": {
        "type": "object",
        "description": "Either two documents (invoice/CFDI/B-L → pedimento) or a partida's part number.",
        "properties": {
            "from_document_id": {"type": "integer"},
            "to_document_id": {"type": "integer"},
            "pedimento": {"type": "string"},
            "sequence": {"type": "integer"},
            "part_number": {"type": "string"},
            "reason": NULL_STR,
        },
    },
    "UndoInput": {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}},
    "Lot": LOT,
    "LotList": {
        "type": "object",
        "required": ["lots"],
        "properties": {"lots": {"type": "array", "items": _ref("Lot")}},
    },
    "Chain": CHAIN,
    "Finding": FINDING,
    "FindingList": {
        "type": "object",
        "required": ["findings"],
        "properties": {"findings": {"type": "array", "items": _ref("Finding")}},
    },
}


def _id_param(name: str = "document_id") -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def _query(name: str, schema: dict[str, Any] | None = None, description: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema or {"type": "string"},
        "description": description,
    }


PATHS: dict[str, Any] = {
    "/documents": {
        "get": {
            "operationId": "listDocuments",
            "summary": "The company's documents, newest first unless sorted, filtered",
            "parameters": [
                _query("doc_type"),
                _query("status"),
                _query("review", description="1: only those needing review"),
                _query("date_from", {"type": "string", "format": "date"}),
                _query("date_to", {"type": "string", "format": "date"}),
                _query("sender"),
                _query("q", description="words in the page text or file name"),
                _query(
                    "sort",
                    {"type": "string", "enum": list(DOCUMENT_SORTS)},
                    "received (the default), or number, issuer, date, amount of the newest reading; "
                    "documents without the value come last",
                ),
                _query("dir", {"type": "string", "enum": ["asc", "desc"]}, "desc unless asc"),
                _query("limit", {"type": "integer", "minimum": 1, "maximum": 500}),
                _query("offset", {"type": "integer", "minimum": 0}),
            ],
            "responses": {"200": _json(_ref("DocumentList"), "One page of documents"), **ERRORS},
        },
        "post": {
            "operationId": "uploadDocument",
            "summary": "Upload one document (PDF, PNG, JPEG, TIFF or XML) or a ZIP of them (one result per file)",
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {"file": {"type": "string", "format": "binary"}},
                        }
                    }
                },
            },
            "responses": {
                "201": _json(_ref("UploadResponse"), "Accepted; processing was queued"),
                "200": _json(_ref("UploadResponse"), "The same bytes were already received"),
                "413": _json(_ref("Error"), "Larger than the upload limit (code `too_large`)"),
                "422": _json(_ref("UploadRejected"), "Refused (kept in quarantine with the reason)"),
                **WRITE_ERRORS,
            },
        },
    },
    "/documents/{document_id}": {
        "get": {
            "operationId": "getDocument",
            "parameters": [_id_param()],
            "responses": {"200": _json(_ref("Document"), "The document and its links"), **ERRORS},
        }
    },
    "/documents/{document_id}/extraction": {
        "get": {
            "operationId": "getExtraction",
            "parameters": [_id_param()],
            "responses": {
                "200": _json(_ref("Extraction"), "The newest extraction and the corrections beside it"),
                **ERRORS,
            },
        }
    },
    "/documents/{document_id}/corrections": {
        "get": {
            "operationId": "listCorrections",
            "parameters": [_id_param()],
            "responses": {"200": _json(_ref("CorrectionList"), "Corrections, oldest first"), **ERRORS},
        },
        "post": {
            "operationId": "correctField",
            "parameters": [_id_param()],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("CorrectionInput")}},
            },
            "responses": {
                "201": _json(_ref("Correction"), "Recorded beside the machine value"),
                **WRITE_ERRORS,
            },
        },
    },
    "/links": {
        "get": {
            "operationId": "listLinks",
            "parameters": [_query("document_id", {"type": "integer"})],
            "responses": {"200": _json(_ref("LinkList"), "Links (active and undone)"), **ERRORS},
        },
        "post": {
            "operationId": "createLink",
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("LinkInput")}}},
            "responses": {"201": _json(_ref("Link"), "The person's link"), **WRITE_ERRORS},
        },
    },
    "/links/{link_id}/undo": {
        "post": {
            "operationId": "undoLink",
            "parameters": [_id_param("link_id")],
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("UndoInput")}}},
            "responses": {"200": _json(_ref("Link"), "The link, now undone"), **WRITE_ERRORS},
        }
    },
    "/lots": {
        "get": {
            "operationId": "listLots",
            "parameters": [_query("as_of", {"type": "string", "format": "date"}), _query("status")],
            "responses": {"200": _json(_ref("LotList"), "Lots with balances (discharge.md)"), **ERRORS},
        }
    },
    "/chain": {
        "get": {
            "operationId": "getChain",
            "parameters": [
                {"name": "pedimento", "in": "query", "required": True, "schema": {"type": "string"}},
                _query("sequence", {"type": "integer"}),
                _query("as_of", {"type": "string", "format": "date"}),
            ],
            "responses": {
                "200": _json(_ref("Chain"), "Import → BOM → exports of the pedimento's lots"),
                **ERRORS,
            },
        }
    },
    "/findings": {
        "get": {
            "operationId": "listFindings",
            "parameters": [_query("as_of", {"type": "string", "format": "date"})],
            "responses": {"200": _json(_ref("FindingList"), "Open findings with their documents"), **ERRORS},
        }
    },
}


PATHS.update(
    {
        "/signing-key": {
            "get": {
                "operationId": "getSigningKey",
                "security": [],
                "responses": {"200": _json(_ref("SigningKey"), "The public key that signs bundle manifests")},
            }
        },
        "/bundles": {
            "post": {
                "operationId": "createBundle",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("BundleRequest")}},
                },
                "responses": {"202": _json(_ref("BundleJob"), "The bundle job, started"), **ERRORS},
            },
            "get": {
                "operationId": "listBundles",
                "responses": {"200": _json(_ref("BundleJobList"), "The company's bundle jobs"), **ERRORS},
            },
        },
        "/bundles/{bundle_id}": {
            "get": {
                "operationId": "getBundle",
                "parameters": [{"name": "bundle_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(_ref("BundleJob"), "Status and progress of a bundle job"), **ERRORS},
            }
        },
        "/bundles/{bundle_id}/download": {
            "get": {
                "operationId": "downloadBundle",
                "parameters": [{"name": "bundle_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "The signed zip, streamed",
                        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
                    },
                    **ERRORS,
                },
            }
        },
    }
)

_reconcile.register(SCHEMAS, PATHS, _ref, _json, ERRORS)


# -- learned layouts (the layout memory) ----------------------------------------------------------------------

LAYOUT = {
    "type": "object",
    "required": ["id", "name", "doc_type", "issuer", "version", "fields", "source_documents", "flagged"],
    "properties": {
        "id": {"type": "integer"},
        "company_id": {"type": "integer"},
        "name": {"type": "string"},
        "doc_type": {"type": "string"},
        "issuer": {"type": "string", "description": "The issuer's tax id or name as printed"},
        "issuer_key": {"type": "string"},
        "version": {"type": "integer"},
        "fields": {"type": "array", "items": {"type": "string"}, "description": "lines.<name> for table columns"},
        "source_documents": {"type": "array", "items": {"type": "integer"}},
        "reads": {"type": "integer"},
        "misses": {"type": "integer"},
        "hit_rate": {**NULL_NUM, "description": "Share of learned readings not corrected since (null: unused)"},
        "flagged": {"type": "boolean", "description": "A reading made with it was corrected again"},
        "flag_reason": NULL_STR,
        "created_by": {"type": "string"},
        "created_at": NULL_STR,
        "updated_at": NULL_STR,
        "deleted": {"type": "boolean"},
        "documents": {"type": "array", "items": {"type": "integer"}},
        "versions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "version": {"type": "integer"},
                    "document_id": NULL_INT,
                    "actor": {"type": "string"},
                    "created_at": {"type": "string"},
                },
            },
        },
    },
}
SCHEMAS.update(
    {
        "Layout": LAYOUT,
        "LayoutList": {
            "type": "object",
            "required": ["layouts"],
            "properties": {"layouts": {"type": "array", "items": _ref("Layout")}},
        },
        "LayoutRename": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
        "LayoutReread": {
            "type": "object",
            "required": ["documents"],
            "properties": {
                "documents": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "document_id": {"type": "integer"},
                            "extraction_id": {"type": "integer"},
                            "learned": {"type": "boolean"},
                        },
                    },
                }
            },
        },
    }
)
LAYOUT_ID = _id_param("layout_id")
PATHS.update(
    {
        "/layouts": {
            "get": {
                "operationId": "listLayouts",
                "responses": {"200": _json(_ref("LayoutList"), "The company's learned layouts"), **ERRORS},
            }
        },
        "/layouts/{layout_id}": {
            "get": {
                "operationId": "getLayout",
                "parameters": [LAYOUT_ID],
                "responses": {"200": _json(_ref("Layout"), "One layout with its documents and versions"), **ERRORS},
            },
            "delete": {
                "operationId": "deleteLayout",
                "parameters": [LAYOUT_ID],
                "responses": {
                    "200": _json(_ref("Layout"), "Deleted (kept, marked deleted): documents get the general reading"),
                    **WRITE_ERRORS,
                },
            },
        },
        "/layouts/{layout_id}/rename": {
            "post": {
                "operationId": "renameLayout",
                "parameters": [LAYOUT_ID],
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("LayoutRename")}}},
                "responses": {"200": _json(_ref("Layout"), "Renamed"), **WRITE_ERRORS},
            }
        },
        "/layouts/{layout_id}/reread": {
            "post": {
                "operationId": "rereadLayout",
                "parameters": [LAYOUT_ID],
                "responses": {
                    "200": _json(_ref("LayoutReread"), "Earlier documents read again (a new extraction revision each)"),
                    **WRITE_ERRORS,
                },
            }
        },
    }
)


def spec() -> dict[str, Any]:
    from immex import __version__

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "immex-evidence API",
            "version": __version__,
            "description": "Documents, extractions, corrections, links, lots, chains and findings. "
            "Authenticate with 'Authorization: Bearer <token>' (immex token create). Errors are "
            '{"error": {"code", "message"}} with a stable code.',
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
