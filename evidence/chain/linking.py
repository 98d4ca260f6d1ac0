"""Links between documents and from partidas to part numbers, made by rules or by people.

``link_document(session, document_id)`` is called by the processing job after every extraction (and after a
correction). Documents arrive in any order, so each rule is tried from both sides: a pedimento looks for the
invoices, CFDI and B/Ls it cites, and a later invoice looks for the pedimentos that cite it. Each link records
the key and rule that made it (or the person); a link a person undid is never made again by a rule.

An invoice or CFDI whose keys were not read is tied by what its lines say (``content_links``: every line found
on one pedimento's partidas, dated to fit), never when two pedimentos fit equally well.

Part numbers of partidas are weighed in the order of evidence ``matching`` documents (printed on the partida,
fracción and quantity, lines grouped into the partida, quantity and value, description, order of lines); each
link records its rule, the evidence it weighed and a confidence. A partida two candidates fit equally well, or
that nothing fits, waits for a clerk (``link_part``). Links are never edited: a changed result undoes the old
link (who, when, why) and adds a new one, and every change is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session, aliased

from evidence import audit
from evidence.chain import content_links
from evidence.chain.build import build_document, norm_key
from evidence.chain.lots import refresh_pedimento
from evidence.chain.matching import (
    Ambiguous,
    Choice,
    Line,
    clean_part_number,
    decide_partida,
    match_partidas,
)
from evidence.chain.matching import similarity as similarity  # the rule's tests read it here
from evidence.chain.models import (
    DOC_LINK_KINDS,
    BillOfLading,
    Cfdi,
    CfdiConcepto,
    DocumentKey,
    Invoice,
    InvoiceLine,
    Link,
    Partida,
    Pedimento,
)
from evidence.chain.sources import governing, governs, readings, related_numbers
from evidence.models import Document
from immex.errors import ImmexError, NotFound

RULE_ACTOR = "rule"
SYSTEM_ACTOR = "system"
CONTAINER_WINDOW_DAYS = 120
_LOCK_SPACE = 7_240_004  # advisory-lock namespace of the chain


@dataclass(frozen=True)
class Rule:
    link_kind: str
    other_type: str
    pedimento_key: tuple[str | None, str]  # (role or None for any, kind) on the pedimento's side
    other_key: tuple[str | None, str]
    name: str


RULES = (
    Rule("invoice_pedimento", "commercial_invoice", ("ref", "invoice"), ("self", "invoice"), "invoice_number"),
    Rule("invoice_pedimento", "commercial_invoice", ("ref", "cove"), (None, "cove"), "cove"),
    Rule(
        "invoice_pedimento",
        "commercial_invoice",
        ("self", "pedimento"),
        ("ref", "pedimento"),
        "pedimento_number",
    ),
    Rule("cfdi_pedimento", "cfdi", ("ref", "cfdi_uuid"), ("self", "cfdi_uuid"), "cfdi_uuid"),
    Rule("cfdi_pedimento", "cfdi", ("self", "pedimento"), ("ref", "pedimento"), "pedimento_in_cfdi"),
    Rule("bl_pedimento", "bill_of_lading", ("ref", "bl"), ("self", "bl"), "bl_number"),
    Rule("bl_pedimento", "bill_of_lading", ("ref", "awb"), ("self", "bl"), "guia_number"),
    Rule("bl_pedimento", "bill_of_lading", ("ref", "container"), ("self", "container"), "container"),
)


class LinkError(ImmexError):
    code = "link_invalid"


@dataclass
class LinkSummary:
    document_id: int
    doc_type: str | None
    links_made: list[int] = field(default_factory=list)
    pedimentos_refreshed: list[int] = field(default_factory=list)
    partidas_waiting: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "doc_type": self.doc_type,
            "links_made": self.links_made,
            "pedimentos_refreshed": self.pedimentos_refreshed,
            "partidas_waiting": self.partidas_waiting,
        }


def _key_match(query: Any, alias: Any, role: str | None, kind: str) -> Any:
    query = query.where(alias.kind == kind)
    return query.where(alias.role == role) if role else query


def _candidates(session: Session, document: Document, doc_type: str) -> list[tuple[Rule, int, int, str]]:
    """(rule, other document id, pedimento document id, key value) for every key match of ``document``."""
    mine = aliased(DocumentKey)
    theirs = aliased(DocumentKey)
    found: list[tuple[Rule, int, int, str]] = []
    for rule in RULES:
        if doc_type == "pedimento":
            my_key, their_key, their_type = rule.pedimento_key, rule.other_key, rule.other_type
        elif doc_type == rule.other_type:
            my_key, their_key, their_type = rule.other_key, rule.pedimento_key, "pedimento"
        else:
            continue
        query = select(theirs.document_id, mine.value).join(
            theirs,
            (theirs.company_id == mine.company_id)
            & (theirs.value == mine.value)
            & (theirs.document_id != mine.document_id),
        )
        query = query.where(mine.document_id == document.id, theirs.doc_type == their_type)
        query = _key_match(query, mine, my_key[0], my_key[1])
        query = _key_match(query, theirs, their_key[0], their_key[1])
        for other_id, value in session.execute(query.order_by(theirs.document_id, mine.value)).all():
            if doc_type == "pedimento":
                found.append((rule, other_id, document.id, value))
            else:
                found.append((rule, document.id, other_id, value))
    return found


def _container_plausible(session: Session, bl_doc: int, ped_doc: int) -> bool:
    """Containers are reused: a container match counts only if the B/L is dated near the pedimento."""
    bl = session.scalar(select(BillOfLading).where(BillOfLading.document_id == bl_doc))
    ped = session.scalar(select(Pedimento).where(Pedimento.document_id == ped_doc))
    if bl is None or ped is None or bl.issue_date is None:
        return True
    day = ped.entry_date or ped.payment_date
    if day is None:
        return True
    return bl.issue_date - timedelta(days=7) <= day <= bl.issue_date + timedelta(days=CONTAINER_WINDOW_DAYS)


def link_document(session: Session, document_id: int) -> LinkSummary:
    """Rebuild ``document_id``'s structured rows, link it, and refresh the pedimentos it touches."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"There is no document {document_id}.")
    lock_company(session, document.company_id)
    doc_type = build_document(session, document)
    summary = LinkSummary(document_id, doc_type)
    if doc_type != "pedimento":
        _retire_pedimento(session, document_id)
    if doc_type is None:
        return summary
    existing = {
        (link.kind, link.from_document_id, link.to_document_id)
        for link in session.scalars(
            select(Link).where(
                Link.company_id == document.company_id,
                Link.kind.in_(DOC_LINK_KINDS),
                (Link.from_document_id == document_id) | (Link.to_document_id == document_id),
            )
        )
    }
    for rule, from_doc, to_doc, value in _candidates(session, document, doc_type):
        key = (rule.link_kind, from_doc, to_doc)
        if key in existing:
            continue
        if rule.name == "container" and not _container_plausible(session, from_doc, to_doc):
            continue
        link = Link(
            company_id=document.company_id,
            kind=rule.link_kind,
            from_document_id=from_doc,
            to_document_id=to_doc,
            key_kind=rule.pedimento_key[1],
            key_value=value,
            rule=rule.name,
            actor=RULE_ACTOR,
        )
        session.add(link)
        session.flush()
        existing.add(key)
        summary.links_made.append(link.id)
        audit.record(
            session,
            actor=RULE_ACTOR,
            action="chain.link",
            object_type="link",
            object_id=link.id,
            company_id=document.company_id,
            details=_link_details(link),
        )
    _link_by_content(session, document, doc_type, summary)
    if doc_type == "pedimento":
        ped = session.scalar(select(Pedimento).where(Pedimento.document_id == document_id))
        pedimento_docs = _readings_of(session, ped) if ped is not None else [document_id]
    else:
        pedimento_docs = sorted(
            set(
                session.scalars(
                    select(Link.to_document_id).where(
                        Link.from_document_id == document_id,
                        Link.undone_at.is_(None),
                        Link.kind.in_(DOC_LINK_KINDS),
                    )
                )
            )
        )
    for ped_doc in pedimento_docs:
        ped = session.scalar(select(Pedimento).where(Pedimento.document_id == ped_doc))
        if ped is not None:
            summary.partidas_waiting += refresh_parts(session, ped)
            summary.pedimentos_refreshed.append(ped.id)
    return summary


def _link_by_content(session: Session, document: Document, doc_type: str, summary: LinkSummary) -> None:
    """When no key ties an invoice or CFDI to a pedimento, its lines may (``content_links``): tried from the
    document's side when it arrives, and from a pedimento's side for every document still untied."""
    company_id = document.company_id
    if doc_type in content_links.KINDS:
        if _doc_linked(session, document.id):
            return
        pending = [(document.id, doc_type)]
    elif doc_type == "pedimento":
        ped = session.scalar(select(Pedimento).where(Pedimento.document_id == document.id))
        if ped is None or not governs(session, ped):
            return
        pending = content_links.fitting_counterparts(session, ped)
    else:
        return
    for doc_id, kind in pending:
        match = content_links.best_pedimento(session, company_id, kind, doc_id)
        if not isinstance(match, content_links.ContentMatch):
            continue
        if doc_type == "pedimento" and match.pedimento_document_id != document.id:
            continue
        made = session.scalar(
            select(Link.id).where(
                Link.kind == match.link_kind,
                Link.from_document_id == doc_id,
                Link.to_document_id == match.pedimento_document_id,
            )
        )
        if made is not None:  # made before (perhaps undone by a person): never made again by a rule
            continue
        link = Link(
            company_id=company_id,
            kind=match.link_kind,
            from_document_id=doc_id,
            to_document_id=match.pedimento_document_id,
            key_kind="lines",
            key_value=match.key_value[:200],
            rule=content_links.RULE,
            actor=RULE_ACTOR,
            confidence=match.confidence,
            evidence=list(match.evidence),
        )
        session.add(link)
        session.flush()
        summary.links_made.append(link.id)
        audit.record(
            session,
            actor=RULE_ACTOR,
            action="chain.link",
            object_type="link",
            object_id=link.id,
            company_id=company_id,
            details=_link_details(link),
        )


def _doc_linked(session: Session, document_id: int) -> bool:
    return (
        session.scalar(
            select(Link.id).where(
                Link.from_document_id == document_id, Link.undone_at.is_(None), Link.kind.in_(DOC_LINK_KINDS)
            )
        )
        is not None
    )


def _retire_pedimento(session: Session, document_id: int) -> None:
    """A document once read as a pedimento and now read as something else no longer makes lots or exports
    (another reading of the same number, if any, takes over)."""
    ped = session.scalar(select(Pedimento).where(Pedimento.document_id == document_id))
    if ped is None:
        return
    for partida in session.scalars(select(Partida).where(Partida.pedimento_id == ped.id)):
        partida.present = False
    session.flush()
    refresh_pedimento(session, ped, {})
    for other in _readings_of(session, ped):
        sibling = session.scalar(select(Pedimento).where(Pedimento.document_id == other))
        if sibling is not None and sibling.id != ped.id:
            refresh_parts(session, sibling)


def _readings_of(session: Session, ped: Pedimento) -> list[int]:
    """The documents of every reading of ``ped``'s number (and of the pedimento it rectifies), the ones that
    do not govern first, so that the governing reading takes over their lots last."""
    ordered: list[int] = []
    for number in related_numbers(session, ped):
        found = readings(session, ped.company_id, number)
        chosen = governing(session, ped.company_id, number)
        ordered += [r.document_id for r in found if chosen is None or r.pedimento.id != chosen.id]
        ordered += [chosen.document_id] if chosen is not None else []
    if ped.document_id not in ordered:
        ordered.append(ped.document_id)
    return list(dict.fromkeys(ordered))


def lock_company(session: Session, company_id: int) -> None:
    """Serialise linking per company (workers link documents in parallel): an advisory lock on PostgreSQL
    until the transaction ends; SQLite's write transactions are serialised already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": _LOCK_SPACE, "b": company_id})


def _link_details(link: Link) -> dict[str, Any]:
    return {
        "kind": link.kind,
        "from_document_id": link.from_document_id,
        "to_document_id": link.to_document_id,
        "partida_id": link.partida_id,
        "part_number": link.part_number,
        "key_kind": link.key_kind,
        "key_value": link.key_value,
        "rule": link.rule,
        "confidence": link.confidence,
        "evidence": link.evidence,
    }


# --- partida → part number ----------------------------------------------------------------------------------

_Line = Line  # the name the rule's tests know


def _counterpart_lines(session: Session, ped: Pedimento) -> list[Line]:
    """Invoice and CFDI lines linked to any reading of the pedimento (printout, scan, validation file), each
    with its place among its document's lines (the order of lines is evidence too)."""
    docs = [r.document_id for r in readings(session, ped.company_id, ped.pedimento_number)] or [ped.document_id]
    linked = select(Link.from_document_id).where(
        Link.to_document_id.in_(docs), Link.undone_at.is_(None), Link.kind.in_(DOC_LINK_KINDS)
    )
    lines: list[Line] = []
    for row, doc in session.execute(
        select(InvoiceLine, Invoice.document_id)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(Invoice.document_id.in_(linked), InvoiceLine.present.is_(True))
        .order_by(Invoice.document_id, InvoiceLine.line_index)
    ).tuples():
        lines.append(
            Line(
                row.part_number or "",
                row.tariff_code,
                row.quantity,
                row.description,
                f"invoice_line:{row.id}",
                row.amount,
                row.line_index,
                doc,
            )
        )
    for c, doc in session.execute(
        select(CfdiConcepto, Cfdi.document_id)
        .join(Cfdi, Cfdi.id == CfdiConcepto.cfdi_id)
        .where(Cfdi.document_id.in_(linked), CfdiConcepto.present.is_(True))
        .order_by(Cfdi.document_id, CfdiConcepto.line_index)
    ).tuples():
        lines.append(
            Line(
                c.part_number or "",
                c.tariff_code,
                c.customs_quantity or c.quantity,
                c.description,
                f"cfdi_concepto:{c.id}",
                c.usd_value,  # ValorDolares: the export partida's commercial value at the pedimento's rate
                c.line_index,
                doc,
            )
        )
    return _with_counts(lines)


def _with_counts(lines: list[Line]) -> list[Line]:
    """Each line with how many lines its document has, and its part number without a line-number column."""
    counts: dict[int | None, int] = {}
    for x in lines:
        counts[x.document] = counts.get(x.document, 0) + 1
    out = []
    for x in lines:
        part, _stripped = clean_part_number(x.part_number, x.position)
        out.append(replace(x, part_number=part or "", lines_in_document=counts[x.document]))
    return out


def choose_part(partida: Partida, lines: list[Line], refused: set[str], printed: str | None = None) -> Choice | None:
    """(part number, rule, key kind, key value, confidence, evidence) for one partida on its own, or None: it
    waits for a clerk (nothing fits, or two candidates are equally good). ``printed`` is the CÓDIGO PRODUCTO
    another reading of the pedimento (its printout) shows for the partida."""
    outcome = decide_partida(partida, lines, refused, printed)
    return outcome if isinstance(outcome, Choice) else None


def refresh_parts(session: Session, ped: Pedimento) -> int:
    """Assign part numbers to the pedimento's partidas, then refresh its lots; return how many wait.

    A reading that does not govern its pedimento number (``sources``) gets no part links; its lots, if it had
    any, are handed to the governing reading."""
    if not governs(session, ped):
        refresh_pedimento(session, ped, {})
        return 0
    printed = _printed_elsewhere(session, ped)
    partidas = session.scalars(
        select(Partida).where(Partida.pedimento_id == ped.id, Partida.present.is_(True)).order_by(Partida.sequence)
    ).all()
    links = session.scalars(
        select(Link).where(Link.kind == "partida_part", Link.partida_id.in_([p.id for p in partidas])).order_by(Link.id)
    ).all()
    lines = (
        _counterpart_lines(session, ped)
        if any(not (p.printed_part_number or printed.get(p.sequence)) for p in partidas)
        else []
    )
    assigned: dict[int, str | None] = {}
    waiting = 0
    people: dict[int, str | None] = {}
    refused: dict[int, set[str]] = {}
    for partida in partidas:
        mine = [link for link in links if link.partida_id == partida.id]
        person = [link for link in mine if link.rule == "person" and link.undone_at is None]
        if person:
            people[partida.id] = person[-1].part_number
        refused[partida.sequence] = {
            link.part_number or ""
            for link in mine
            if link.undone_at is not None and link.undone_by not in (SYSTEM_ACTOR, RULE_ACTOR)
        }
    outcomes = match_partidas(partidas, lines, refused, printed)
    for partida in partidas:
        if partida.id in people:
            assigned[partida.id] = people[partida.id]
            continue
        mine = [link for link in links if link.partida_id == partida.id]
        outcome = outcomes.get(partida.sequence)
        choice = outcome if isinstance(outcome, Choice) else None
        active = [link for link in mine if link.undone_at is None]
        if choice is not None and active and (active[-1].part_number, active[-1].rule) == choice[:2]:
            assigned[partida.id] = choice[0]
            continue
        for link in active:
            _undo(session, link, SYSTEM_ACTOR, _undo_reason(choice, outcome))
        if choice is None:
            assigned[partida.id] = None
            waiting += 1
            continue
        link = Link(
            company_id=ped.company_id,
            kind="partida_part",
            partida_id=partida.id,
            to_document_id=ped.document_id,
            part_number=choice.part_number,
            key_kind=choice.key_kind,
            key_value=choice.key_value[:200],
            rule=choice.rule,
            actor=RULE_ACTOR,
            confidence=choice.confidence,
            evidence=list(choice.evidence),
        )
        session.add(link)
        session.flush()
        audit.record(
            session,
            actor=RULE_ACTOR,
            action="chain.link",
            object_type="link",
            object_id=link.id,
            company_id=ped.company_id,
            details=_link_details(link),
        )
        assigned[partida.id] = choice.part_number
    refresh_pedimento(session, ped, assigned)
    return waiting


def waiting_ties(session: Session, ped: Pedimento) -> dict[int, Ambiguous]:
    """Partida sequence → the tie that keeps it waiting for a clerk (for the findings): the same weighing
    ``refresh_parts`` does, without writing anything."""
    partidas = session.scalars(
        select(Partida).where(Partida.pedimento_id == ped.id, Partida.present.is_(True)).order_by(Partida.sequence)
    ).all()
    if not partidas:
        return {}
    refused: dict[int, set[str]] = {p.sequence: set() for p in partidas}
    for partida_id, part in session.execute(
        select(Link.partida_id, Link.part_number).where(
            Link.kind == "partida_part",
            Link.partida_id.in_([p.id for p in partidas]),
            Link.undone_at.is_not(None),
            Link.undone_by.not_in((SYSTEM_ACTOR, RULE_ACTOR)),
        )
    ):
        seq = next(p.sequence for p in partidas if p.id == partida_id)
        refused[seq].add(part or "")
    outcomes = match_partidas(partidas, _counterpart_lines(session, ped), refused, _printed_elsewhere(session, ped))
    return {seq: o for seq, o in outcomes.items() if isinstance(o, Ambiguous)}


def _undo_reason(choice: Choice | None, outcome: Choice | Ambiguous | None) -> str:
    if choice is not None:
        return "superseded by a newer rule result"
    if isinstance(outcome, Ambiguous):
        return f"the evidence no longer decides: {outcome.describe()}"[:500]
    return "its counterpart document is no longer linked"


def _printed_elsewhere(session: Session, ped: Pedimento) -> dict[int, str]:
    """Sequence → CÓDIGO PRODUCTO printed on another reading of the same pedimento number."""
    others = [
        r.pedimento.id for r in readings(session, ped.company_id, ped.pedimento_number) if r.pedimento.id != ped.id
    ]
    if not others:
        return {}
    found: dict[int, str] = {}
    for sequence, part in session.execute(
        select(Partida.sequence, Partida.printed_part_number)
        .where(Partida.pedimento_id.in_(others), Partida.present.is_(True), Partida.printed_part_number.is_not(None))
        .order_by(Partida.id)
    ):
        if part:
            found.setdefault(sequence, part)
    return found


# --- people -------------------------------------------------------------------------------------------------


def _undo(session: Session, link: Link, actor: str, reason: str) -> None:
    link.undone_at = datetime.now(UTC)
    link.undone_by = actor
    link.undo_reason = reason
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="chain.unlink",
        object_type="link",
        object_id=link.id,
        company_id=link.company_id,
        details={**_link_details(link), "reason": reason},
    )


def link_documents(
    session: Session,
    company_id: int,
    from_document_id: int,
    to_document_id: int,
    *,
    actor: str,
    reason: str | None = None,
) -> Link:
    """A person links an invoice, CFDI or B/L (``from``) to a pedimento (``to``)."""
    kinds = {
        "commercial_invoice": "invoice_pedimento",
        "cfdi": "cfdi_pedimento",
        "bill_of_lading": "bl_pedimento",
    }
    source = session.get(Document, from_document_id)
    target = session.get(Document, to_document_id)
    for doc, number in ((source, from_document_id), (target, to_document_id)):
        if doc is None or doc.company_id != company_id:
            raise NotFound(f"The company has no document {number}.")
    assert source is not None and target is not None
    if target.doc_type != "pedimento":
        raise LinkError(f"Document {to_document_id} is not a pedimento; link invoices, CFDI and B/Ls to one.")
    kind = kinds.get(source.doc_type or "")
    if kind is None:
        raise LinkError(
            f"Document {from_document_id} is a {source.doc_type or 'document of unknown type'}; "
            "only invoices, CFDI and bills of lading are linked to a pedimento."
        )
    link = _person_link(
        session,
        actor,
        reason,
        company_id=company_id,
        kind=kind,
        from_document_id=from_document_id,
        to_document_id=to_document_id,
    )
    ped = session.scalar(select(Pedimento).where(Pedimento.document_id == to_document_id))
    if ped is not None:
        refresh_parts(session, ped)
    return link


def link_part(
    session: Session,
    company_id: int,
    pedimento_number: str,
    sequence: int,
    part_number: str,
    *,
    actor: str,
    reason: str | None = None,
) -> Link:
    """A person assigns the part number of a partida (it overrides any rule)."""
    lock_company(session, company_id)
    number = norm_key("pedimento", pedimento_number)
    ped = (
        governing(session, company_id, number)
        or session.scalars(
            select(Pedimento)
            .where(Pedimento.company_id == company_id, Pedimento.pedimento_number == number)
            .order_by(Pedimento.id.desc())
        ).first()
    )
    if ped is None:
        raise NotFound(f"The company has no pedimento {pedimento_number}.")
    partida = session.scalar(
        select(Partida).where(Partida.pedimento_id == ped.id, Partida.sequence == sequence, Partida.present.is_(True))
    )
    if partida is None:
        raise NotFound(f"Pedimento {pedimento_number} has no partida {sequence}.")
    if not part_number.strip():
        raise LinkError("The part number is empty.")
    for old in session.scalars(
        select(Link).where(Link.kind == "partida_part", Link.partida_id == partida.id, Link.undone_at.is_(None))
    ):
        _undo(session, old, actor, "replaced by a person's assignment")
    link = _person_link(
        session,
        actor,
        reason,
        company_id=company_id,
        kind="partida_part",
        partida_id=partida.id,
        to_document_id=ped.document_id,
        part_number=part_number.strip(),
    )
    refresh_parts(session, ped)
    return link


def _person_link(session: Session, actor: str, reason: str | None, **columns: Any) -> Link:
    """Save a link a person made (it records who and why) and its audit event."""
    link = Link(rule="person", actor=actor, key_kind="person", key_value=reason, **columns)
    session.add(link)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="chain.link",
        object_type="link",
        object_id=link.id,
        company_id=columns["company_id"],
        details={**_link_details(link), "reason": reason},
    )
    return link


def unlink(session: Session, company_id: int, link_id: int, *, actor: str, reason: str) -> Link:
    """A person undoes a link (made by a rule or a person); rules will not make it again."""
    lock_company(session, company_id)
    link = session.get(Link, link_id)
    if link is None or link.company_id != company_id:
        raise NotFound(f"The company has no link {link_id}.")
    if link.undone_at is not None:
        raise LinkError(f"Link {link_id} was already undone by {link.undone_by}.")
    if not reason.strip():
        raise LinkError("Say why the link is wrong (--reason).")
    _undo(session, link, actor, reason)
    ped_doc = link.to_document_id
    ped = session.scalar(select(Pedimento).where(Pedimento.document_id == ped_doc)) if ped_doc else None
    if ped is not None:
        refresh_parts(session, ped)
    return link
