"""Validation files and Data Stage extracts in the processing job: one pedimento, one document.

A file that holds several pedimentos (and every Data Stage extract) is kept whole as received; each pedimento is
written out on its own (``extractors.m3.write``, canonical bytes) and taken in through ``accept()`` as a document
of source ``structured`` whose provenance names the file it came from. ``accept()`` deduplicates by SHA-256, so
a pedimento whose records have not changed is not taken in again (loading the same period twice changes
nothing), and a changed pedimento becomes a new document: a new revision beside the old one, never an overwrite.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from evidence import audit
from evidence.models import Document
from immex.services import Services


def derive_pedimentos(services: Services, doc: Document, path: Path) -> dict[str, Any]:
    """Store each pedimento of ``doc`` as its own document; return (and audit) what the load changed."""
    from extractors.m3.parse import parse_datastage, parse_m3
    from extractors.m3.write import render_pedimento
    from intake.accept import IncomingDocument, accept
    from intake.sniff import M3

    reader = parse_m3 if doc.media_type == M3 else parse_datastage
    parsed = reader(path.read_bytes(), doc.filename)
    stem = Path(doc.filename).stem
    entries = []
    for ped in parsed.pedimentos:
        with tempfile.NamedTemporaryFile(dir=services.scratch_dir, suffix=".m3", delete=False) as handle:
            handle.write(render_pedimento(ped))
            tmp = Path(handle.name)
        try:
            result = accept(
                services,
                IncomingDocument(
                    company_id=doc.company_id,
                    source="structured",
                    filename=f"{stem}-{ped.number}.m3",
                    path=tmp,
                    actor="worker",
                    provenance={
                        "derived_from": doc.id,
                        "parent_sha256": doc.sha256,
                        "origin": parsed.kind,
                        "pedimento_number": ped.number,
                        "content_hash": ped.content_hash(),
                    },
                ),
            )
        finally:
            tmp.unlink(missing_ok=True)
        entries.append(
            {
                "pedimento_number": ped.number,
                "document_id": result.document_id,
                "status": "new" if result.status == "accepted" else "unchanged",
            }
        )
    summary = {
        "kind": parsed.kind,
        "period": parsed.period,
        "input_hash": parsed.input_hash(),
        "pedimentos": entries,
        "new": sum(1 for e in entries if e["status"] == "new"),
        "unchanged": sum(1 for e in entries if e["status"] == "unchanged"),
        "record_counts": parsed.record_counts,
    }
    with services.db.session() as session:
        audit.record(
            session,
            actor="worker",
            action="structured.loaded",
            object_type="document",
            object_id=doc.id,
            company_id=doc.company_id,
            details=summary,
        )
    return summary
