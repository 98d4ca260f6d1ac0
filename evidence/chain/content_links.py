"""An invoice (or CFDI) whose keys were not read, tied to its pedimento by what its lines say.

The keys (invoice number, COVE, folio fiscal) tie most documents; a partial reading loses them. A customs analyst
then lays the invoice beside the company's pedimentos: the one whose partidas hold every line the invoice read
(the fracción and UMC quantity, or lines of one fracción adding up to a partida), dated on or after the invoice,
and better still one that cites an invoice no document of the company carries, is its pedimento. Candidates are
ranked by lines agreeing, lines agreeing by fracción too, the open citation, and partidas explained. It takes two
lines agreeing by fracción, or three by quantity, or one (two by quantity) on a pedimento with an open citation;
an undated invoice (a standing order repeats its quantities every month) needs the open citation. Two pedimentos
ranked alike are never guessed: the document stays unlinked and the findings name both
(``counterpart_ambiguous``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from evidence.chain.matching import Agreement, Line, agreement, same_qty
from evidence.chain.models import (
    DOC_LINK_KINDS,
    Cfdi,
    CfdiConcepto,
    DocumentKey,
    Invoice,
    InvoiceLine,
    Link,
    Partida,
    Pedimento,
)
from evidence.chain.sources import governs
from evidence.models import Document

RULE = "line_agreement"
KINDS = {"commercial_invoice": "invoice_pedimento", "cfdi": "cfdi_pedimento"}
CITED_KEYS = {"commercial_invoice": ("invoice", "cove"), "cfdi": ("cfdi_uuid",)}
NATIONAL_SALE = "01"  # c_Exportacion 01: no export, so no pedimento
DAYS_BEFORE = 7  # an invoice dated a little after the pedimento (corrected, re-issued) still fits
DAYS_AFTER = 366  # the goods cross within a year of their invoice


@dataclass(frozen=True)
class Candidate:
    pedimento_document_id: int
    agreement: Agreement
    covered: int  # partidas the lines explain
    cited: str | None  # an invoice key the pedimento cites that no document carries

    def rank(self) -> tuple[int, int, int, int]:
        return (*self.agreement.score(), int(self.cited is not None), self.covered)


@dataclass(frozen=True)
class ContentMatch:
    pedimento_document_id: int
    link_kind: str
    key_value: str
    confidence: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class ContentAmbiguous:
    pedimento_document_ids: tuple[int, ...]
    reason: str


def own_lines(session: Session, doc_type: str, document_id: int) -> tuple[list[Line], date | None]:
    """The document's own lines (with or without part numbers) and its date."""
    if doc_type == "commercial_invoice":
        inv = session.scalar(select(Invoice).where(Invoice.document_id == document_id))
        if inv is None:
            return [], None
        rows = session.scalars(
            select(InvoiceLine)
            .where(InvoiceLine.invoice_id == inv.id, InvoiceLine.present.is_(True))
            .order_by(InvoiceLine.line_index)
        ).all()
        return [
            Line(r.part_number or "", r.tariff_code, r.quantity, r.description, f"invoice_line:{r.id}", r.amount)
            for r in rows
        ], inv.invoice_date
    cfdi = session.scalar(select(Cfdi).where(Cfdi.document_id == document_id))
    if cfdi is None or cfdi.export_code == NATIONAL_SALE:  # a national sale goes with no pedimento
        return [], None
    conceptos = session.scalars(
        select(CfdiConcepto)
        .where(CfdiConcepto.cfdi_id == cfdi.id, CfdiConcepto.present.is_(True))
        .order_by(CfdiConcepto.line_index)
    ).all()
    return [
        Line(
            c.part_number or "", c.tariff_code, c.customs_quantity or c.quantity, c.description, f"cfdi_concepto:{c.id}"
        )
        for c in conceptos
    ], cfdi.issue_date


def _dated_fits(doc_day: date | None, ped: Pedimento) -> bool:
    days = [d for d in (ped.entry_date, ped.payment_date, ped.presentation_date) if d is not None]
    if doc_day is None or not days:
        return True
    day = min(days)
    return doc_day - timedelta(days=DAYS_BEFORE) <= day <= doc_day + timedelta(days=DAYS_AFTER)


def _cited_keys(
    session: Session, company_id: int, doc_type: str, ped_docs: list[int]
) -> dict[int, list[tuple[str, str]]]:
    """Pedimento document (of ``ped_docs``) → the (kind, value) of every invoice key it cites (one query)."""
    cited: dict[int, list[tuple[str, str]]] = {}
    for doc_id, kind, value in session.execute(
        select(DocumentKey.document_id, DocumentKey.kind, DocumentKey.value).where(
            DocumentKey.company_id == company_id,
            DocumentKey.document_id.in_(ped_docs or [-1]),
            DocumentKey.role == "ref",
            DocumentKey.kind.in_(CITED_KEYS[doc_type]),
        )
    ):
        if value:
            cited.setdefault(doc_id, []).append((kind, value))
    return cited


def _open_citations(
    session: Session, company_id: int, doc_type: str, refs_by_doc: dict[int, list[tuple[str, str]]]
) -> dict[int, list[str]]:
    """Pedimento document → the invoice keys it cites (``_cited_keys``) that no document of the company
    carries as its own (the invoice number before the COVE)."""
    kinds = CITED_KEYS[doc_type]
    cited = {doc: [(kinds.index(kind), value) for kind, value in refs] for doc, refs in refs_by_doc.items()}
    values = sorted({value for refs in cited.values() for _k, value in refs})
    carried = set(
        session.scalars(
            select(DocumentKey.value).where(
                DocumentKey.company_id == company_id,
                DocumentKey.value.in_(values or ["-"]),
                DocumentKey.doc_type != "pedimento",
                ((DocumentKey.role == "self") & DocumentKey.kind.in_(kinds)) | (DocumentKey.kind == "cove"),
            )
        )
    )
    return {doc: [v for _k, v in sorted(refs) if v not in carried] for doc, refs in cited.items()}


def _accounted_for(
    session: Session,
    company_id: int,
    doc_type: str,
    refs_by_doc: dict[int, list[tuple[str, str]]],
    document_id: int,
) -> set[int]:
    """The pedimento documents (keys of ``refs_by_doc``, with the keys they cite) already linked to as many
    documents of ``doc_type``'s kind (``document_id`` aside) as the invoices they cite, counted by invoice
    number, else by COVE or folio fiscal: a key they cite that no document carries is then another name of an
    invoice they have (its COVE), and a further document whose lines agree is a copy or a second billing of the
    same goods for a clerk to see, not a link."""
    kinds = CITED_KEYS[doc_type]
    ped_docs = list(refs_by_doc)
    cited: dict[int, dict[str, set[str]]] = {}
    for doc_id, refs in refs_by_doc.items():
        for kind, value in refs:
            cited.setdefault(doc_id, {}).setdefault(kind, set()).add(value)
    linked: dict[int, set[int]] = {}
    for to_doc, from_doc in session.execute(
        select(Link.to_document_id, Link.from_document_id).where(
            Link.company_id == company_id,
            Link.kind == KINDS[doc_type],
            Link.to_document_id.in_(ped_docs or [-1]),
            Link.undone_at.is_(None),
        )
    ):
        if to_doc is not None and from_doc is not None and from_doc != document_id:
            linked.setdefault(to_doc, set()).add(from_doc)
    accounted = set()
    for doc_id, by_kind in cited.items():
        invoices = next((len(by_kind[k]) for k in kinds if by_kind.get(k)), 0)
        if invoices and len(linked.get(doc_id, ())) >= invoices:
            accounted.add(doc_id)
    return accounted


def _covered(partidas: list[Partida], lines: list[Line]) -> int:
    return sum(1 for p in partidas if any(same_qty(x.quantity, p.umc_quantity) for x in lines))


def _citing_the_unknown(company_id: int, doc_type: str) -> Any:
    """The pedimento documents that cite an invoice key (of ``doc_type``'s kinds) no document carries."""
    kinds = CITED_KEYS[doc_type]
    carrier = aliased(DocumentKey)
    carried = (
        select(carrier.id)
        .where(
            carrier.company_id == company_id,
            carrier.value == DocumentKey.value,
            carrier.doc_type != "pedimento",
            ((carrier.role == "self") & carrier.kind.in_(kinds)) | (carrier.kind == "cove"),
        )
        .exists()
    )
    return select(DocumentKey.document_id).where(
        DocumentKey.company_id == company_id,
        DocumentKey.doc_type == "pedimento",
        DocumentKey.role == "ref",
        DocumentKey.kind.in_(kinds),
        ~carried,
    )


def _own_key(session: Session, document_id: int) -> bool:
    return (
        session.scalar(
            select(DocumentKey.id).where(DocumentKey.document_id == document_id, DocumentKey.role == "self").limit(1)
        )
        is not None
    )


def _partidas_near(
    session: Session, company_id: int, lines: list[Line], citing: Any = None
) -> list[tuple[Pedimento, list[Partida]]]:
    """The pedimentos with a partida of one of the lines' quantities or fracciones (and among ``citing``, when
    given), with their partidas (two queries, not one per pedimento of the company)."""
    quantities = sorted({x.quantity for x in lines if x.quantity is not None})
    tariffs = sorted({x.tariff_code for x in lines if x.tariff_code})
    near = select(Partida.pedimento_id).where(
        Partida.present.is_(True),
        Partida.umc_quantity.in_(quantities or [-1]) | Partida.tariff_code.in_(tariffs or ["-"]),
    )
    peds = session.scalars(
        select(Pedimento)
        .where(
            Pedimento.company_id == company_id,
            Pedimento.id.in_(near),
            Pedimento.document_id.in_(citing) if citing is not None else Pedimento.id.is_not(None),
        )
        .order_by(Pedimento.document_id)
    ).all()
    by_ped: dict[int, list[Partida]] = {p.id: [] for p in peds}
    for partida in session.scalars(
        select(Partida).where(Partida.pedimento_id.in_(list(by_ped) or [-1]), Partida.present.is_(True))
    ):
        by_ped[partida.pedimento_id].append(partida)
    return [(p, by_ped[p.id]) for p in peds]


def candidates(session: Session, company_id: int, doc_type: str, document_id: int) -> list[Candidate]:
    """Every governing pedimento whose partidas hold all the document's lines, dated to fit."""
    lines, day = own_lines(session, doc_type, document_id)
    if not [x for x in lines if x.quantity is not None]:
        return []
    # a document whose own number was read but ties to nothing was misread, or its pedimento has not come:
    # it is looked for only among pedimentos citing an invoice no document carries
    citing = _citing_the_unknown(company_id, doc_type) if _own_key(session, document_id) else None
    agreeing = []
    for ped, partidas in _partidas_near(session, company_id, lines, citing):
        if ped.document_id == document_id or not _dated_fits(day, ped):
            continue
        agreed = agreement(partidas, lines)
        if agreed.complete and governs(session, ped):
            agreeing.append((ped, partidas, agreed))
    ped_docs = [ped.document_id for ped, _p, _a in agreeing]
    refs_by_doc = _cited_keys(session, company_id, doc_type, ped_docs)
    cited = _open_citations(session, company_id, doc_type, refs_by_doc)
    accounted = _accounted_for(session, company_id, doc_type, refs_by_doc, document_id)
    found: list[Candidate] = []
    for ped, partidas, agreed in agreeing:
        if ped.document_id in accounted:
            continue
        open_keys = cited.get(ped.document_id, [])
        candidate = Candidate(ped.document_id, agreed, _covered(partidas, lines), open_keys[0] if open_keys else None)
        # an undated invoice could be any month's of a standing order: only a pedimento citing an invoice
        # nobody has will do
        if _enough(candidate) and (day is not None or candidate.cited is not None):
            found.append(candidate)
    return found


def _enough(c: Candidate) -> bool:
    """Enough agreement to stand for a key: two lines by fracción, or three by quantity alone, or one line by
    fracción (two by quantity) on a pedimento citing an invoice nobody has."""
    a = c.agreement
    if a.tariff_agreeing >= 2 or a.lines_agreeing >= 3:
        return True
    return c.cited is not None and (a.tariff_agreeing >= 1 or a.lines_agreeing >= 2)


def best_pedimento(
    session: Session, company_id: int, doc_type: str, document_id: int
) -> ContentMatch | ContentAmbiguous | None:
    """The one pedimento the document's lines point to, the tie that keeps it unlinked, or None."""
    if doc_type not in KINDS:
        return None
    found = sorted(candidates(session, company_id, doc_type, document_id), key=lambda c: c.rank(), reverse=True)
    if not found:
        return None
    best = found[0]
    ties = [c for c in found if c.rank() == best.rank()]
    if len(ties) > 1:
        return ContentAmbiguous(
            tuple(c.pedimento_document_id for c in ties),
            f"the lines agree equally with {len(ties)} pedimentos",
        )
    a = best.agreement
    evidence = ["lines_agree"] + (["tariff"] if a.tariff_agreeing else []) + (["cited_unmatched"] if best.cited else [])
    confidence = 0.7 + 0.1 * (a.tariff_agreeing >= 2) + 0.1 * (best.cited is not None)
    text = f"{a.lines_agreeing}/{a.lines_read} lines agree ({a.tariff_agreeing} by fracción)"
    if best.cited:
        text += f"; cites {best.cited}, which no document carries"
    return ContentMatch(best.pedimento_document_id, KINDS[doc_type], text, round(confidence, 2), tuple(evidence))


def unlinked_counterparts(session: Session, company_id: int, near: Pedimento | None = None) -> list[tuple[int, str]]:
    """(document id, type) of the company's invoices and CFDI no key or person ties to a pedimento; with
    ``near``, only those with a line of one of its partidas' quantities or fracciones (a document none of
    whose lines could sit on the pedimento is not looked at). A CFDI of a national sale (Exportación 01)
    never goes with a pedimento."""
    linked = select(Link.from_document_id).where(
        Link.company_id == company_id, Link.undone_at.is_(None), Link.kind.in_(DOC_LINK_KINDS)
    )
    quantities: list[Any] = []
    tariffs: list[str] = []
    if near is not None:
        rows = session.execute(
            select(Partida.umc_quantity, Partida.tariff_code).where(
                Partida.pedimento_id == near.id, Partida.present.is_(True)
            )
        ).all()
        quantities = sorted({q for q, _t in rows if q is not None})
        tariffs = sorted({t for _q, t in rows if t})
    out: list[tuple[int, str]] = []
    sides: tuple[tuple[Any, Any, Any, tuple[Any, ...], Any, str], ...] = (
        (
            Invoice,
            InvoiceLine,
            InvoiceLine.invoice_id,
            (InvoiceLine.quantity,),
            InvoiceLine.tariff_code,
            "commercial_invoice",
        ),
        (
            Cfdi,
            CfdiConcepto,
            CfdiConcepto.cfdi_id,
            (CfdiConcepto.quantity, CfdiConcepto.customs_quantity),
            CfdiConcepto.tariff_code,
            "cfdi",
        ),
    )
    for model, line_model, parent, qty_columns, tariff, doc_type in sides:
        query = (
            select(model.document_id)
            .join(Document, Document.id == model.document_id)
            .where(
                model.company_id == company_id,
                Document.doc_type == doc_type,
                model.document_id.not_in(linked),
            )
        )
        if model is Cfdi:
            query = query.where((Cfdi.export_code.is_(None)) | (Cfdi.export_code != NATIONAL_SALE))
        if near is not None:
            fits = or_(tariff.in_(tariffs or ["-"]), *(column.in_(quantities or [-1]) for column in qty_columns))
            query = query.where(model.id.in_(select(parent).where(line_model.present.is_(True), fits)))
        out += [(doc_id, doc_type) for doc_id in session.scalars(query.order_by(model.document_id))]
    return out


def fitting_counterparts(session: Session, ped: Pedimento) -> list[tuple[int, str]]:
    """From a pedimento's side: the untied invoices and CFDI whose every read line agrees with its partidas and
    whose date fits (their lines read in bulk: a few queries however many documents wait)."""
    partidas = list(session.scalars(select(Partida).where(Partida.pedimento_id == ped.id, Partida.present.is_(True))))
    waiting = unlinked_counterparts(session, ped.company_id, near=ped)
    if not partidas or not waiting:
        return []
    # documents whose own number was read wait for the pedimento that cites it; one citing nothing known may
    # be theirs (misread), one citing only what others carry is not
    cites_unknown = {
        kind
        for kind in CITED_KEYS
        if _open_citations(
            session, ped.company_id, kind, _cited_keys(session, ped.company_id, kind, [ped.document_id])
        ).get(ped.document_id)
    }
    keyed = set(
        session.scalars(
            select(DocumentKey.document_id).where(
                DocumentKey.document_id.in_([d for d, _k in waiting]), DocumentKey.role == "self"
            )
        )
    )
    waiting = [(d, kind) for d, kind in waiting if d not in keyed or kind in cites_unknown]
    if not waiting:
        return []
    lines: dict[int, list[Line]] = {}
    days: dict[int, date | None] = {}
    invoice_docs = [d for d, kind in waiting if kind == "commercial_invoice"]
    for inv, row in session.execute(
        select(Invoice, InvoiceLine)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(Invoice.document_id.in_(invoice_docs or [-1]), InvoiceLine.present.is_(True))
    ).tuples():
        days[inv.document_id] = inv.invoice_date
        lines.setdefault(inv.document_id, []).append(
            Line(row.part_number or "", row.tariff_code, row.quantity, row.description, f"invoice_line:{row.id}")
        )
    cfdi_docs = [d for d, kind in waiting if kind == "cfdi"]
    for cfdi, c in session.execute(
        select(Cfdi, CfdiConcepto)
        .join(CfdiConcepto, CfdiConcepto.cfdi_id == Cfdi.id)
        .where(Cfdi.document_id.in_(cfdi_docs or [-1]), CfdiConcepto.present.is_(True))
    ).tuples():
        days[cfdi.document_id] = cfdi.issue_date
        lines.setdefault(cfdi.document_id, []).append(
            Line(c.part_number or "", c.tariff_code, c.customs_quantity or c.quantity, None, f"cfdi_concepto:{c.id}")
        )
    return [
        (doc_id, kind)
        for doc_id, kind in waiting
        if _dated_fits(days.get(doc_id), ped) and agreement(partidas, lines.get(doc_id, [])).complete
    ]
