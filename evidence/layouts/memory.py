"""A company's layout memory in the database: learning from a document a person corrected or confirmed, the
memory handed to the reader, readings and misses (the hit rate), rename and delete. Every change is an audit
event; rules are never edited in place (a new lesson adds a version row)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence import audit
from evidence.chain.build import LINE_REMOVED_FIELD, effective_result, newest_extraction
from evidence.chain.models import Correction
from evidence.layouts.models import LearnedLayout, LearnedLayoutVersion, LearnedReading
from evidence.models import Document, Page
from extractors.learned import issuer_key, learn_layout
from extractors.learned.geometry import has_digit
from extractors.learned.learn import merge_rules
from immex.errors import ImmexError, NotFound

# An existing layout of the same issuer is the same layout when the new document shows this share of its labels.
SAME_LAYOUT = 0.8
LINES_KEY = "lines"


class LayoutError(ImmexError):
    code = "layout_invalid"


def stored_doc_text(session: Session, document: Document) -> Any | None:
    """The document's pages as the reader saw them (text and word boxes), or None for XML / unread pages."""
    from extractors.text import DocumentText, PageText, Word

    rows = session.scalars(select(Page).where(Page.document_id == document.id).order_by(Page.number)).all()
    if not rows:
        return None
    pages = [
        PageText(
            number=r.number,
            text=r.text,
            words=[Word(w[0], w[1], w[2], w[3], w[4], w[5]) for w in (r.words or [])],
            source=r.source,
            confidence=r.confidence,
            width=r.width or 0.0,
            height=r.height or 0.0,
            rotation=r.rotation,
            error=r.error,
        )
        for r in rows
    ]
    return DocumentText(media_type=document.media_type, pages=pages)


def _similarity(old: dict[str, Any], new: dict[str, Any]) -> float:
    """How much of a learned layout's labels a newly learned document shows (0 when the page size differs):
    the labels stay when the values, descriptions and line counts change."""
    if [round(x) for x in old.get("page_size") or []] != [round(x) for x in new.get("page_size") or []]:
        return 0.0
    anchors = old.get("anchors") or []
    words = set(new.get("fingerprint") or [])
    if not anchors:
        return 0.0
    return sum(1 for a in anchors if all(w in words for w in a.split(" ") if len(w) > 1 and not has_digit(w))) / len(
        anchors
    )


def active_layouts(session: Session, company_id: int) -> list[LearnedLayout]:
    return list(
        session.scalars(
            select(LearnedLayout)
            .where(LearnedLayout.company_id == company_id, LearnedLayout.deleted_at.is_(None))
            .order_by(LearnedLayout.id)
        )
    )


def memory_for(session: Session, company_id: int) -> list[dict[str, Any]]:
    """What the reader needs of the company's active layouts (and nothing of any other company's)."""
    return [
        {"id": layout.id, "version": layout.version, "rules": layout.rules, "stats": layout.stats or {}}
        for layout in active_layouts(session, company_id)
    ]


def get_layout(session: Session, company_id: int, layout_id: int) -> LearnedLayout:
    layout = session.get(LearnedLayout, layout_id) if 0 < layout_id < 2**31 else None
    if layout is None or layout.company_id != company_id or layout.deleted_at is not None:
        raise NotFound(f"There is no learned layout {layout_id}.")
    return layout


def _same_rules(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {k: v for k, v in a.items() if k != "fingerprint"} == {k: v for k, v in b.items() if k != "fingerprint"}


def learn_from_document(session: Session, document_id: int, *, actor: str, trigger: str) -> LearnedLayout | None:
    """Learn (or refine) the layout of a document from its values as people left them: the machine's values
    with every correction applied. None when there is nothing to learn from (no text, no issuer)."""
    document = session.get(Document, document_id)
    if document is None:
        return None
    effective = effective_result(session, document_id)
    doc_text = stored_doc_text(session, document)
    if effective is None or doc_text is None or effective.doc_type == "bom":
        return None
    taught = set(
        session.scalars(
            select(Correction.field).where(Correction.document_id == document_id, Correction.line_index.is_(None))
        )
    )
    rules = learn_layout(doc_text, effective.doc_type, effective.fields, effective.lines, taught)
    if not rules.get("issuer"):
        return None
    key = rules["issuer"]["key"]
    withdraw_document(session, document, key, doc_type=effective.doc_type, actor=actor)
    candidates = [
        layout
        for layout in active_layouts(session, document.company_id)
        if layout.issuer_key == key and layout.doc_type == effective.doc_type
    ]
    layout = max(candidates, key=lambda c: _similarity(c.rules, rules), default=None)
    if layout is not None and _similarity(layout.rules, rules) < SAME_LAYOUT:
        layout = None
    now = datetime.now(UTC)
    if layout is None:
        layout = LearnedLayout(
            company_id=document.company_id,
            doc_type=effective.doc_type,
            issuer_key=key,
            issuer_name=str(rules["issuer"]["value"])[:255],
            name=f"{rules['issuer']['value']} – {effective.doc_type.replace('_', ' ')}"[:200],
            version=1,
            rules=rules,
            source_documents=[document_id],
            stats={},
            flagged=False,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        session.add(layout)
        session.flush()
        action = "layout.learned"
    else:
        sources = list(layout.source_documents or [])
        if document_id not in sources:
            sources.append(document_id)
        rules = merge_rules(layout.rules, rules)
        if _same_rules(layout.rules, rules) and sources == list(layout.source_documents or []):
            return layout
        layout.version += 1
        layout.rules = rules
        layout.source_documents = sources
        layout.updated_at = now
        action = "layout.updated"
    session.add(
        LearnedLayoutVersion(
            layout_id=layout.id, version=layout.version, rules=rules, document_id=document_id, actor=actor
        )
    )
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=action,
        object_type="learned_layout",
        object_id=layout.id,
        company_id=document.company_id,
        details={
            "version": layout.version,
            "document_id": document_id,
            "trigger": trigger,
            "issuer": layout.issuer_name,
            "fields": layout.fields(),
        },
    )
    return layout


def withdraw_document(session: Session, document: Document, key: str, *, doc_type: str, actor: str) -> None:
    """A document whose issuer or type was corrected no longer teaches the layout it taught before; a layout
    left with nothing to learn from is withdrawn (kept, marked deleted)."""
    for layout in active_layouts(session, document.company_id):
        sources = list(layout.source_documents or [])
        if document.id not in sources or (layout.issuer_key == key and layout.doc_type == doc_type):
            continue
        sources.remove(document.id)
        layout.source_documents = sources
        if not sources:
            layout.deleted_at = datetime.now(UTC)
            layout.deleted_by = actor
        audit.record(
            session,
            actor=actor,
            action="layout.withdrawn",
            object_type="learned_layout",
            object_id=layout.id,
            company_id=document.company_id,
            details={"document_id": document.id, "deleted": not sources, "issuer": layout.issuer_name},
        )


def record_reading(
    session: Session, document: Document, extraction_id: int, result: dict[str, Any], actor: str = "worker"
) -> None:
    """Note that a document was read with a learned layout (its fields count towards the hit rate)."""
    used = result.get("learned_layout")
    if not used:
        return
    layout = session.get(LearnedLayout, used["id"])
    if layout is None or layout.company_id != document.company_id:
        return
    keys = list(used.get("fields") or [])
    stats = {k: list(v) for k, v in (layout.stats or {}).items()}
    for key in keys:
        stats.setdefault(key, [0, 0])[0] += 1
    cells = sum(len(line) for line in result.get("lines") or [])
    if used.get("lines") is not None and layout.rules.get("table"):
        stats.setdefault(LINES_KEY, [0, 0])[0] += max(cells, 1)
    layout.stats = stats
    session.add(
        LearnedReading(
            layout_id=layout.id,
            version=used.get("version", layout.version),
            document_id=document.id,
            extraction_id=extraction_id,
            fields=keys + ([LINES_KEY] if layout.rules.get("table") else []),
        )
    )
    audit.record(
        session,
        actor=actor,
        action="layout.applied",
        object_type="learned_layout",
        object_id=layout.id,
        company_id=document.company_id,
        details={"document_id": document.id, "extraction_id": extraction_id, "version": used.get("version")},
    )


def note_correction(session: Session, document_id: int, *, field: str, line_index: int | None, actor: str) -> None:
    """A person corrected a value the layout memory read: a miss for that layout, which is flagged."""
    extraction = newest_extraction(session, document_id)
    used = (extraction.result or {}).get("learned_layout") if extraction else None
    if not used or extraction is None:
        return
    layout = session.get(LearnedLayout, used["id"])
    if layout is None or layout.deleted_at is not None:
        return
    if line_index is None:
        cell = (extraction.result.get("fields") or {}).get(field) or {}
        key = field if cell.get("source") == "learned" else None
    else:
        key = LINES_KEY if layout.rules.get("table") or field == LINE_REMOVED_FIELD else None
    if key is None:
        return
    stats = {k: list(v) for k, v in (layout.stats or {}).items()}
    entry = stats.setdefault(key, [0, 0])
    entry[1] += 1
    entry[0] = max(entry[0], entry[1])
    layout.stats = stats
    newly = not layout.flagged
    layout.flagged = True
    layout.flag_reason = f"A reading of document {document_id} was corrected ({field})."
    audit.record(
        session,
        actor=actor,
        action="layout.missed",
        object_type="learned_layout",
        object_id=layout.id,
        company_id=layout.company_id,
        details={"document_id": document_id, "field": field, "line_index": line_index, "flagged": newly},
    )


def rename(session: Session, company_id: int, layout_id: int, name: str, *, actor: str) -> LearnedLayout:
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise LayoutError("Give the layout a name of 1 to 200 characters.")
    layout = get_layout(session, company_id, layout_id)
    previous = layout.name
    layout.name = name
    layout.updated_at = datetime.now(UTC)
    audit.record(
        session,
        actor=actor,
        action="layout.renamed",
        object_type="learned_layout",
        object_id=layout.id,
        company_id=company_id,
        details={"from": previous, "to": name},
    )
    return layout


def delete(
    session: Session, company_id: int, layout_id: int, *, actor: str, reason: str | None = None
) -> LearnedLayout:
    """Stop using a layout (its rows are kept, marked deleted): the next documents get the general reading."""
    layout = get_layout(session, company_id, layout_id)
    layout.deleted_at = datetime.now(UTC)
    layout.deleted_by = actor
    audit.record(
        session,
        actor=actor,
        action="layout.deleted",
        object_type="learned_layout",
        object_id=layout.id,
        company_id=company_id,
        details={"name": layout.name, "version": layout.version, "reason": reason},
    )
    return layout


def unflag(session: Session, layout: LearnedLayout, *, actor: str) -> None:
    if layout.flagged:
        layout.flagged = False
        audit.record(
            session,
            actor=actor,
            action="layout.unflagged",
            object_type="learned_layout",
            object_id=layout.id,
            company_id=layout.company_id,
            details={"reason": layout.flag_reason},
        )
        layout.flag_reason = None


def layout_documents(session: Session, layout: LearnedLayout) -> list[int]:
    """The documents a layout came from or read, oldest first."""
    read = session.scalars(select(LearnedReading.document_id).where(LearnedReading.layout_id == layout.id)).all()
    return sorted(set(layout.source_documents or []) | set(read))


def versions(session: Session, layout: LearnedLayout) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(LearnedLayoutVersion)
        .where(LearnedLayoutVersion.layout_id == layout.id)
        .order_by(LearnedLayoutVersion.version)
    )
    return [
        {"version": v.version, "document_id": v.document_id, "actor": v.actor, "created_at": v.created_at.isoformat()}
        for v in rows
    ]


def issuer_matches(layout: LearnedLayout, value: str) -> bool:
    return issuer_key(value) == layout.issuer_key
