"""One pedimento, many sources: which reading of a pedimento number drives its lots and discharges.

A company's pedimento number is one pedimento whatever arrives: the broker's printout, a scan of it, the
validation file (M3), one pedimento of a Data Stage extract. Each document keeps its own reading (its own
``chain_pedimentos`` row and partidas); exactly one of them *governs* — makes the lots or export lines:

1. structured data (a validation file or Data Stage pedimento, media type ``application/vnd.immex.m3``) when
   there is any: the newest one (a changed pedimento arrives as a new document, a new revision);
2. otherwise the first printout received (a later scan or copy is evidence of it, not a second pedimento).

A rectification (clave R1, record 701 naming the pedimento it rectifies) replaces the original for discharge:
the original no longer makes lots (its rows stay, as history); the R1 makes them with the original's clave,
operation and dates, since the goods, their entry and their legal term are the original's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.chain.models import DocumentKey, Pedimento
from evidence.models import Document

STRUCTURED_MEDIA_TYPES = frozenset({"application/vnd.immex.m3"})
RECTIFICATION_CLAVES = frozenset({"R1"})
RECTIFIES_KEY = "rectifies"


@dataclass(frozen=True)
class Reading:
    pedimento: Pedimento
    document_id: int
    structured: bool


def readings(session: Session, company_id: int, number: str | None) -> list[Reading]:
    """Every document's reading of pedimento ``number`` (documents still read as pedimentos), oldest first."""
    if not number:
        return []
    rows = session.execute(
        select(Pedimento, Document.media_type)
        .join(Document, Document.id == Pedimento.document_id)
        .where(
            Pedimento.company_id == company_id,
            Pedimento.pedimento_number == number,
            Document.doc_type == "pedimento",
        )
        .order_by(Pedimento.document_id)
    ).all()
    return [Reading(ped, ped.document_id, media in STRUCTURED_MEDIA_TYPES) for ped, media in rows]


def governing(session: Session, company_id: int, number: str | None) -> Pedimento | None:
    """The reading of ``number`` that drives lots: the newest structured one, else the first printout."""
    found = readings(session, company_id, number)
    structured = [r for r in found if r.structured]
    if structured:
        return structured[-1].pedimento
    return found[0].pedimento if found else None


def governing_map(session: Session, company_id: int) -> dict[int, int]:
    """document id of every reading → document id of the reading that governs its number (one query)."""
    rows = session.execute(
        select(Pedimento.document_id, Pedimento.pedimento_number, Document.media_type)
        .join(Document, Document.id == Pedimento.document_id)
        .where(Pedimento.company_id == company_id, Document.doc_type == "pedimento")
        .order_by(Pedimento.document_id)
    ).all()
    by_number: dict[str, list[tuple[int, bool]]] = {}
    out: dict[int, int] = {}
    for doc, number, media in rows:
        if not number:
            out[doc] = doc
            continue
        by_number.setdefault(number, []).append((doc, media in STRUCTURED_MEDIA_TYPES))
    for found in by_number.values():
        structured = [doc for doc, is_structured in found if is_structured]
        chosen = structured[-1] if structured else found[0][0]
        out.update({doc: chosen for doc, _s in found})
    return out


def governs(session: Session, ped: Pedimento) -> bool:
    chosen = governing(session, ped.company_id, ped.pedimento_number)
    return chosen is not None and chosen.id == ped.id


def rectified_number(session: Session, ped: Pedimento) -> str | None:
    """The pedimento ``ped`` rectifies (a key its document carries), if any."""
    return session.scalar(
        select(DocumentKey.value).where(DocumentKey.document_id == ped.document_id, DocumentKey.kind == RECTIFIES_KEY)
    )


def rectifier(session: Session, company_id: int, number: str | None) -> Pedimento | None:
    """The governing rectification of pedimento ``number``, if one has arrived."""
    if not number:
        return None
    docs = session.scalars(
        select(DocumentKey.document_id).where(
            DocumentKey.company_id == company_id, DocumentKey.kind == RECTIFIES_KEY, DocumentKey.value == number
        )
    ).all()
    for ped in session.scalars(select(Pedimento).where(Pedimento.document_id.in_(docs or [-1]))):
        if governs(session, ped):
            return ped
    return None


@dataclass(frozen=True)
class Identity:
    """How a reading takes part in discharge: ``role`` None means it makes no lots or export lines."""

    role: str | None
    clave: str
    start: date | None
    replaced_by: str | None = None  # the R1 that rectified it
    rectifies: str | None = None  # for an R1, the original


def identity(session: Session, ped: Pedimento) -> Identity:
    from evidence.chain.lots import pedimento_date, pedimento_role

    clave = (ped.clave or "").upper()
    if not governs(session, ped):
        return Identity(None, clave, pedimento_date(ped))
    r1 = rectifier(session, ped.company_id, ped.pedimento_number)
    if r1 is not None and r1.id != ped.id:
        return Identity(None, clave, pedimento_date(ped), replaced_by=r1.pedimento_number)
    if clave in RECTIFICATION_CLAVES:
        original_number = rectified_number(session, ped)
        original = governing(session, ped.company_id, original_number)
        if original is None:
            return Identity(None, clave, pedimento_date(ped), rectifies=original_number)
        return Identity(
            pedimento_role(original),
            (original.clave or "").upper(),
            pedimento_date(original),
            rectifies=original_number,
        )
    return Identity(pedimento_role(ped), clave, pedimento_date(ped))


def related_numbers(session: Session, ped: Pedimento) -> list[str]:
    """The numbers whose readings must be refreshed when ``ped`` changes: its own and the one it rectifies."""
    numbers = [ped.pedimento_number] if ped.pedimento_number else []
    original = rectified_number(session, ped)
    if original and original not in numbers:
        numbers.append(original)
    return numbers
