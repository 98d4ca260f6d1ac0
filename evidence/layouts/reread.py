"""Read a stored document again, as a new extraction revision beside the earlier ones: after a person retyped
it (``doc_type``), or to apply a learned layout to documents received before it was learned. Corrections stay
where they are and keep winning over every revision's machine values."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from evidence import audit, summary
from evidence.layouts.memory import (
    LayoutError,
    get_layout,
    layout_documents,
    memory_for,
    record_reading,
    stored_doc_text,
)
from evidence.models import Document, DocumentStatus, Extraction, Page
from evidence.objectstore import download_to, original_key
from immex.errors import ImmexError
from immex.services import Services

DOC_TYPES = ("pedimento", "commercial_invoice", "cfdi", "bill_of_lading", "packing_list", "bom", "other")
XML_TYPES = ("application/xml", "text/xml")


def revision_version(session: Session, document_id: int) -> str:
    """The extractor version of the next revision: ``1.0.0+r2`` for the second reading of a document."""
    from extractors.pipeline import EXTRACTOR_VERSION

    count = session.scalar(select(func.count()).select_from(Extraction).where(Extraction.document_id == document_id))
    return f"{EXTRACTOR_VERSION}+r{int(count or 0) + 1}"


def reextract(
    services: Services,
    session: Session,
    document: Document,
    *,
    actor: str,
    reason: str,
    doc_type: str | None = None,
) -> Extraction:
    """Read ``document`` again (as ``doc_type`` when given) with the company's layout memory; the result is a
    new extraction row, audited."""
    from extractors.pipeline import extract
    from workers.jobs import review_state

    if doc_type is not None and doc_type not in DOC_TYPES:
        raise LayoutError(f"{doc_type!r} is not a document type; use one of {', '.join(DOC_TYPES)}.")
    if document.status != DocumentStatus.PROCESSED:
        raise ImmexError("Only a document that has been read can be read again.", code="not_ready")
    doc_text = stored_doc_text(session, document)
    if doc_text is None or document.media_type in XML_TYPES:
        if doc_type is not None:
            raise LayoutError("An XML document is read from its own structure; its type cannot be changed.")
        raise LayoutError("This document has no stored page text to read again.")
    memory = memory_for(session, document.company_id)
    with tempfile.TemporaryDirectory(dir=services.scratch_dir) as tmp:
        path = download_to(services.store, original_key(document.sha256), Path(tmp) / "original")
        result = extract(
            path,
            filename=document.filename,
            media_type=document.media_type,
            sha256=document.sha256,
            doc_text=doc_text,
            memory=memory,
            doc_type=doc_type,
        )
    review, lowest = review_state(result, services.settings.review_threshold)
    row = Extraction(
        document_id=document.id,
        extractor_version=revision_version(session, document.id),
        doc_type=result["doc_type"],
        needs_review=review,
        min_confidence=lowest,
        result=result,
    )
    session.add(row)
    session.flush()
    document.doc_type = result["doc_type"]
    document.doc_type_confidence = result.get("doc_type_confidence")
    document.needs_review = review
    audit.record(
        session,
        actor=actor,
        action="document.reextracted",
        object_type="document",
        object_id=document.id,
        company_id=document.company_id,
        details={
            "extraction_id": row.id,
            "extractor_version": row.extractor_version,
            "doc_type": result["doc_type"],
            "reason": reason,
            "learned_layout": (result.get("learned_layout") or {}).get("id"),
        },
    )
    record_reading(session, document, row.id, result, actor)
    from evidence.chain import linking

    linking.link_document(session, document.id)
    summary.refresh(session, document.id)
    return row


def reread_candidates(session: Session, company_id: int, layout_id: int) -> list[int]:
    """Earlier documents of a layout: those it came from or read, and processed documents of the company whose
    newest reading did not use it but which it now matches."""
    from extractors.learned import read_layout

    layout = get_layout(session, company_id, layout_id)
    known = set(layout_documents(session, layout))
    item = {"id": layout.id, "version": layout.version, "rules": layout.rules, "stats": layout.stats or {}}
    printed = layout.issuer_name.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    others = session.scalars(
        select(Document)
        .where(
            Document.company_id == company_id,
            Document.status == DocumentStatus.PROCESSED,
            Document.id.not_in(known) if known else Document.id.is_not(None),
            # only documents that print the issuer as it was learned are worth laying the layout over
            exists().where(Page.document_id == Document.id, func.lower(Page.text).like(f"%{printed}%", escape="\\")),
        )
        .order_by(Document.id)
        .limit(500)
    ).all()
    for document in others:
        if document.media_type in XML_TYPES:
            continue
        doc_text = stored_doc_text(session, document)
        if doc_text is not None and read_layout(doc_text, item) is not None:
            known.add(document.id)
    return sorted(known)


def reread_layout(
    services: Services, session: Session, company_id: int, layout_id: int, *, actor: str
) -> list[dict[str, Any]]:
    """Read every earlier document of a layout again with the current memory (a new revision each)."""
    layout = get_layout(session, company_id, layout_id)
    out = []
    for document_id in reread_candidates(session, company_id, layout.id):
        document = session.get(Document, document_id)
        if document is None or document.status != DocumentStatus.PROCESSED:
            continue
        row = reextract(services, session, document, actor=actor, reason=f"re-read with learned layout {layout.id}")
        used = (row.result or {}).get("learned_layout") or {}
        out.append({"document_id": document_id, "extraction_id": row.id, "learned": used.get("id") == layout.id})
    audit.record(
        session,
        actor=actor,
        action="layout.reread",
        object_type="learned_layout",
        object_id=layout.id,
        company_id=company_id,
        details={"documents": [o["document_id"] for o in out]},
    )
    return out
