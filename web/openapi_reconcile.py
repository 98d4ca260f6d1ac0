"""The reconciliation endpoint's part of the OpenAPI document (kept apart from ``web.openapi``)."""

from __future__ import annotations

from typing import Any

SOURCE = {
    "type": "object",
    "required": ["document_id", "kind", "filename", "agrees", "reference"],
    "properties": {
        "document_id": {"type": "integer"},
        "kind": {"enum": ["structured", "printout", "invoice", "cfdi"]},
        "filename": {"type": "string"},
        "agrees": {"type": "boolean"},
        "reference": {"type": "boolean"},
    },
}
RECONCILE_FINDING = {
    "type": "object",
    "required": ["code", "pedimento_number", "documents", "message"],
    "properties": {
        "code": {"enum": ["missing_printout", "missing_structured", "field_mismatch", "unmatched_partida"]},
        "pedimento_number": {"type": "string"},
        "sequence": {"type": ["integer", "null"]},
        "field": {"type": "string"},
        "structured_value": {},
        "other_value": {},
        "documents": {"type": "array", "items": {"type": "object"}},
        "message": {"type": "string"},
    },
}


def register(schemas: dict[str, Any], paths: dict[str, Any], ref: Any, json_: Any, errors: dict[str, Any]) -> None:
    schemas["ReconcileSource"] = SOURCE
    schemas["ReconcileFinding"] = RECONCILE_FINDING
    schemas["Reconciliation"] = {
        "type": "object",
        "required": ["pedimentos", "findings", "counts"],
        "properties": {
            "pedimentos": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["pedimento_number", "sources", "findings"],
                    "properties": {
                        "pedimento_number": {"type": "string"},
                        "reference": {"enum": ["structured", "printout", None]},
                        "sources": {"type": "array", "items": ref("ReconcileSource")},
                        "findings": {"type": "array", "items": ref("ReconcileFinding")},
                    },
                },
            },
            "findings": {"type": "array", "items": ref("ReconcileFinding")},
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
        },
    }
    paths["/reconciliation"] = {
        "get": {
            "operationId": "getReconciliation",
            "parameters": [
                {"name": "pedimento", "in": "query", "required": False, "schema": {"type": "string"}},
            ],
            "responses": {
                "200": json_(ref("Reconciliation"), "Each pedimento's sources and whether they agree"),
                **errors,
            },
        }
    }
