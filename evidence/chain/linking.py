"""Links between documents and from partidas to part numbers, made by rules or by people.

``link_document(session, document_id)`` is called by the processing job after every extraction (and after a
correction). Documents arrive in any order, so each rule is tried from both sides: a pedimento looks for the
invoices, CFDI and B/Ls it cites, and a later invoice looks for the pedimentos that cite it. Each link records
the key and rule that made it (or the person); a link a person undid is never made again by a rule.

Part numbers of partidas: the CÓDIGO PRODUCTO printed on the partida; else the linked invoice (or CFDI) line
with the same tariff code and quantity (description similarity breaks ties); else a line with the same tariff
code and a very similar description; else the partida waits for a clerk (``link_part``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session, aliased

from evidence import audit
from evidence.chain.build import build_document, norm_key
from evidence.chain.lots import refresh_pedimento
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
SIMILAR_ENOUGH = 0.75
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
    }


# --- partida → part number ----------------------------------------------------------------------------------


def _norm_text(text: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^0-9A-Z ]", " ", (text or "").upper())).strip()


def similarity(a: str | None, b: str | None) -> float:
    return difflib.SequenceMatcher(None, _norm_text(a), _norm_text(b)).ratio()


@dataclass(frozen=True)
class _Line:
    part_number: str
    tariff_code: str | None
    quantity: Decimal | None
    description: str | None
    source: str  # "invoice_line:ID" | "cfdi_concepto:ID"


def _counterpart_lines(session: Session, ped: Pedimento) -> list[_Line]:
    """Invoice and CFDI lines linked to any reading of the pedimento (printout, scan, validation file)."""
    docs = [r.document_id for r in readings(session, ped.company_id, ped.pedimento_number)] or [ped.document_id]
    linked = select(Link.from_document_id).where(
        Link.to_document_id.in_(docs), Link.undone_at.is_(None), Link.kind.in_(DOC_LINK_KINDS)
    )
    lines: list[_Line] = []
    for row in session.execute(
        select(InvoiceLine)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(Invoice.document_id.in_(linked), InvoiceLine.present.is_(True))
        .order_by(InvoiceLine.id)
    ).scalars():
        if row.part_number:
            lines.append(
                _Line(row.part_number, row.tariff_code, row.quantity, row.description, f"invoice_line:{row.id}")
            )
    for c in session.execute(
        select(CfdiConcepto)
        .join(Cfdi, Cfdi.id == CfdiConcepto.cfdi_id)
        .where(Cfdi.document_id.in_(linked), CfdiConcepto.present.is_(True))
        .order_by(CfdiConcepto.id)
    ).scalars():
        if c.part_number:
            lines.append(
                _Line(
                    c.part_number,
                    c.tariff_code,
                    c.customs_quantity or c.quantity,
                    c.description,
                    f"cfdi_concepto:{c.id}",
                )
            )
    return lines


def _same_qty(a: Decimal | None, b: Decimal | None) -> bool:
    return a is not None and b is not None and Decimal(a) == Decimal(b)


def choose_part(
    partida: Partida, lines: list[_Line], refused: set[str], printed: str | None = None
) -> tuple[str, str, str, str] | None:
    """(part number, rule, key kind, key value) for a partida, or None: it waits for a clerk. ``printed`` is
    the CÓDIGO PRODUCTO another reading of the pedimento (its printout) shows for the partida."""
    printed = partida.printed_part_number or printed
    if printed and printed not in refused:
        return printed, "codigo_producto", "codigo_producto", printed
    pool = [x for x in lines if x.part_number not in refused and x.tariff_code and x.tariff_code == partida.tariff_code]
    exact = [x for x in pool if _same_qty(x.quantity, partida.umc_quantity)]
    key_value = f"{partida.tariff_code}/{partida.umc_quantity}"
    if len({x.part_number for x in exact}) == 1:
        return (
            exact[0].part_number,
            "tariff_and_quantity",
            "tariff_quantity",
            f"{key_value} {exact[0].source}",
        )
    if exact:
        best = max(exact, key=lambda x: (similarity(x.description, partida.description), x.part_number))
        return (
            best.part_number,
            "tariff_quantity_description",
            "tariff_quantity",
            f"{key_value} {best.source}",
        )
    scored = [(similarity(x.description, partida.description), x.part_number, x) for x in pool]
    scored = [s for s in scored if s[0] >= SIMILAR_ENOUGH]
    if scored:
        _score, part, best = max(scored, key=lambda s: (s[0], s[1]))
        return part, "description_similarity", "description", f"{partida.tariff_code} {best.source}"
    return _untariffed(partida, lines, refused)


def _untariffed(partida: Partida, lines: list[_Line], refused: set[str]) -> tuple[str, str, str, str] | None:
    """Lines that print no fracción (most foreign suppliers' invoices do not): the one part whose lines have the
    partida's quantity and hold its description (the invoice's may run on with more words)."""
    same = [
        x
        for x in lines
        if x.part_number not in refused and not x.tariff_code and _same_qty(x.quantity, partida.umc_quantity)
    ]
    close = [x for x in same if described(partida.description, x.description) >= SIMILAR_ENOUGH]
    if len({x.part_number for x in close}) != 1:
        return None
    return (
        close[0].part_number,
        "quantity_description",
        "quantity_description",
        f"{partida.umc_quantity} {close[0].source}",
    )


def described(wanted: str | None, text: str | None) -> float:
    """How well ``text`` holds the description ``wanted``: the better of the two texts' similarity and the
    share of ``wanted``'s words found, in order, at the head of ``text``."""
    want, have = _norm_text(wanted).split(), _norm_text(text).split()
    if not want:
        return 0.0
    head = sum(1 for a, b in zip(want, have, strict=False) if a == b)
    return max(similarity(wanted, text), head / len(want))


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
    for partida in partidas:
        mine = [link for link in links if link.partida_id == partida.id]
        person = [link for link in mine if link.rule == "person" and link.undone_at is None]
        if person:
            assigned[partida.id] = person[-1].part_number
            continue
        refused = {
            link.part_number or ""
            for link in mine
            if link.undone_at is not None and link.undone_by not in (SYSTEM_ACTOR, RULE_ACTOR)
        }
        choice = choose_part(partida, lines, refused, printed.get(partida.sequence))
        active = [link for link in mine if link.undone_at is None]
        if choice is not None and active and (active[-1].part_number, active[-1].rule) == choice[:2]:
            assigned[partida.id] = choice[0]
            continue
        for link in active:
            _undo(
                session,
                link,
                SYSTEM_ACTOR,
                "superseded by a newer rule result" if choice else "its counterpart document is no longer linked",
            )
        if choice is None:
            assigned[partida.id] = None
            waiting += 1
            continue
        part, rule, key_kind, key_value = choice
        link = Link(
            company_id=ped.company_id,
            kind="partida_part",
            partida_id=partida.id,
            to_document_id=ped.document_id,
            part_number=part,
            key_kind=key_kind,
            key_value=key_value[:200],
            rule=rule,
            actor=RULE_ACTOR,
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
        assigned[partida.id] = part
    refresh_pedimento(session, ped, assigned)
    return waiting


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
