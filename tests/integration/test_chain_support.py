"""Helpers for the chain tests: contract-shaped extraction results (immex.extraction/v1) stored as docs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy.orm import Session

from evidence.chain.linking import link_document
from evidence.db import Database
from evidence.models import Company, Document, Extraction
from immex.settings import Settings
from migrations.runner import upgrade_database
from workers.jobs import review_state


def f(value: Any) -> dict[str, Any]:
    return {"value": value, "confidence": 0.98, "page": 1, "bbox": None, "raw": None}


def fields(**values: Any) -> dict[str, Any]:
    return {k: f(v) for k, v in values.items() if v is not None}


def result(
    doc_type: str,
    name: str,
    header: dict[str, Any],
    lines: list[dict[str, Any]],
    references: list[tuple[str, str]],
) -> dict[str, Any]:
    body = json.dumps([doc_type, name, header, lines, references], sort_keys=True, default=str).encode()
    return {
        "schema": "immex.extraction/v1",
        "source": {
            "filename": name,
            "sha256": hashlib.sha256(body).hexdigest(),
            "media_type": "application/pdf",
            "pages": 1,
        },
        "doc_type": doc_type,
        "doc_type_confidence": 0.99,
        "text_source": "text_layer",
        "fields": fields(**header),
        "lines": [fields(**line) for line in lines],
        "references": [{"kind": k, "value": v} for k, v in references],
        "warnings": [],
    }


def pedimento(
    name: str,
    number: str,
    op: str,
    clave: str,
    day: str,
    partidas: list[dict[str, Any]],
    refs: list[tuple[str, str]] = (),
    **header: Any,
) -> dict[str, Any]:  # type: ignore[assignment]
    lines = []
    for i, p in enumerate(partidas, start=1):
        lines.append(
            {
                "sequence": i,
                "umc": "6",
                "umt": "6",
                "umt_quantity": p["qty"],
                "umc_quantity": p["qty"],
                "tariff_code": p.get("tariff", "85423999"),
                "description": p.get("desc", "PARTE"),
                "part_number": p.get("part"),
            }
        )
    return result(
        "pedimento",
        name,
        {"pedimento_number": number, "operation_type": op, "clave": clave, "entry_date": day, **header},
        lines,
        list(refs),
    )


def invoice(name: str, number: str, lines: list[dict[str, Any]], **header: Any) -> dict[str, Any]:
    return result(
        "commercial_invoice",
        name,
        {"invoice_number": number, **header},
        [
            {
                "part_number": x["part"],
                "quantity": x["qty"],
                "tariff_code": x.get("tariff", "85423999"),
                "description": x.get("desc", "PARTE"),
                "unit": "PCS",
            }
            for x in lines
        ],
        [],
    )


def cfdi(name: str, uuid: str, pedimentos: list[str], lines: list[dict[str, Any]]) -> dict[str, Any]:
    return result(
        "cfdi",
        name,
        {"uuid": uuid, "cfdi_type": "I", "export_code": "02"},
        [
            {
                "part_number": x["part"],
                "quantity": x["qty"],
                "customs_quantity": x["qty"],
                "tariff_code": x.get("tariff", "85423999"),
                "description": x.get("desc", "PRODUCTO"),
            }
            for x in lines
        ],
        [("pedimento", p) for p in pedimentos],
    )


def bill_of_lading(name: str, number: str, containers: list[str], **header: Any) -> dict[str, Any]:
    return result(
        "bill_of_lading",
        name,
        {"bl_number": number, "bl_kind": "ocean", **header},
        [{"container_number": c} for c in containers],
        [("container", c) for c in containers],
    )


SCHEMA_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "contracts" / "extraction-v1.schema.json"


def check_contract(extraction: dict[str, Any]) -> None:
    """Every synthetic result must be a valid ``immex.extraction/v1`` object (when the contract is at hand)."""
    if SCHEMA_PATH.exists():
        jsonschema.validate(extraction, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def add_document(session: Session, company_id: int, extraction: dict[str, Any], *, link: bool = True) -> int:
    """Store a document with its extraction row and review state, then run the linking the processing job
    runs."""
    check_contract(extraction)
    source = extraction["source"]
    doc = Document(
        company_id=company_id,
        sha256=source["sha256"],
        filename=source["filename"],
        media_type=source["media_type"],
        size=1000,
        pages=1,
        source="cli",
        status="processed",
        doc_type=extraction["doc_type"],
        needs_review=review_state(extraction, Settings().review_threshold)[0],
    )
    session.add(doc)
    session.flush()
    session.add(
        Extraction(document_id=doc.id, extractor_version="test-1", doc_type=extraction["doc_type"], result=extraction)
    )
    session.flush()
    if link:
        link_document(session, doc.id)
    return doc.id


# --- databases ---------------------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def chain_db(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Database]:
    """A migrated database on each backend: the embedded SQLite file and a fresh PostgreSQL database."""
    url = f"sqlite:///{tmp_path / 'chain.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    upgrade_database(url)
    db = Database(url)
    yield db
    db.dispose()


def make_company(db: Database, rfc: str = "MDN200101AB1") -> int:
    with db.session() as session:
        company = Company(rfc=rfc, name=f"Maquiladora {rfc}", immex_program="IMMEX-1234-2020")
        session.add(company)
        session.flush()
        return company.id
