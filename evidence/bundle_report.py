"""What a bundle holds about the evidence chain, and its readable report (``chain.html``, ``chain.pdf``).

``collect`` turns a scope into the lots and documents it covers and, for each lot, the import pedimento with
its invoices and B/Ls, the BOM versions applied, every export that consumed it, its balance, due date, status
and findings, as of the newest discharge run (whose id, input hash, algorithm version, actor and time the
report shows). It only reads: the chain is built and discharged elsewhere (``evidence.chain``).
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from evidence.chain.models import (
    BillOfLading,
    BomImport,
    BomVersionRow,
    Cfdi,
    ConsumptionRow,
    DischargeRun,
    ExportLineRow,
    Invoice,
    Link,
    LotRow,
    Pedimento,
)
from evidence.models import Company, Document
from immex.errors import ImmexError, NotFound

EXPIRING_DAYS = 60


class ScopeError(ImmexError):
    code = "bad_scope"


@dataclass(frozen=True)
class Scope:
    """What a bundle covers: a pedimento, a lot ``N:SEQ`` or a period ``FROM..TO`` (days, inclusive, UTC)."""

    kind: str
    value: str
    pedimento: str | None = None
    sequence: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def describe(self) -> str:
        if self.kind == "pedimento":
            return f"pedimento {self.pedimento}"
        if self.kind == "lot":
            return f"lot {self.pedimento}:{self.sequence}"
        return f"period {self.date_from} to {self.date_to} (documents received and lots started, UTC days)"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "description": self.describe()}


def _pedimento_number(text: str) -> str:
    digits = "".join(ch for ch in text if not ch.isspace() and ch != "-")
    if len(digits) != 15 or not digits.isdigit():
        raise ScopeError(f"{text!r} is not a pedimento number: it has 15 digits, e.g. 24 47 3807 4001234.")
    return digits


def parse_scope(*, pedimento: str | None = None, lot: str | None = None, period: str | None = None) -> Scope:
    """Exactly one of the three; a clear error for a clerk otherwise."""
    given = [(k, v) for k, v in (("pedimento", pedimento), ("lot", lot), ("period", period)) if v]
    if len(given) != 1:
        raise ScopeError(
            "Say what the bundle covers, one of: a pedimento N, a lot N:SEQ or a period FROM..TO."
        )
    kind, raw = given[0]
    raw = raw.strip()
    if kind == "pedimento":
        number = _pedimento_number(raw)
        return Scope("pedimento", number, pedimento=number)
    if kind == "lot":
        number, sep, seq = raw.rpartition(":")
        if not sep or not seq.strip().isdigit():
            raise ScopeError(
                f"{raw!r} is not a lot: write the pedimento number and the partida, e.g. 244738074001234:3."
            )
        ped = _pedimento_number(number)
        return Scope("lot", f"{ped}:{int(seq)}", pedimento=ped, sequence=int(seq))
    start, sep, end = raw.partition("..")
    try:
        d_from, d_to = date.fromisoformat(start.strip()), date.fromisoformat(end.strip())
    except ValueError:
        raise ScopeError(
            f"{raw!r} is not a period: write two dates as FROM..TO, e.g. 2024-01-01..2024-03-31."
        ) from None
    if not sep or d_to < d_from:
        raise ScopeError(f"The period {raw!r} ends before it starts.")
    return Scope("period", f"{d_from}..{d_to}", date_from=d_from, date_to=d_to)


# -- what the report shows --------------------------------------------------------------------------------


@dataclass
class DocRef:
    document_id: int
    sha256: str
    filename: str
    doc_type: str | None
    label: str  # e.g. the invoice or B/L number


@dataclass
class ExportUse:
    pedimento_number: str
    sequence: int
    export_date: date
    clave: str
    part_number: str | None  # the product (or the part exported as itself)
    export_quantity: Decimal
    export_unit: str
    component: str
    consumed: Decimal
    bom_version_id: int | None
    documents: list[DocRef] = field(default_factory=list)


@dataclass
class BomApplied:
    version_id: int
    product: str
    valid_from: date
    valid_to: date | None
    content_hash: str
    import_filename: str | None
    import_sha256: str | None


@dataclass
class LotSection:
    lot_id: int
    pedimento_number: str
    sequence: int
    part_number: str | None
    tariff_code: str | None
    description: str | None
    clave: str
    start_date: date
    due_date: date | None
    unit: str
    quantity: Decimal
    discharged: Decimal
    balance: Decimal
    status: str
    pedimento_doc: DocRef | None
    invoices: list[DocRef] = field(default_factory=list)
    bls: list[DocRef] = field(default_factory=list)
    other_docs: list[DocRef] = field(default_factory=list)
    boms: list[BomApplied] = field(default_factory=list)
    exports: list[ExportUse] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)


@dataclass
class RunInfo:
    id: int
    created_at: datetime
    actor: str
    algorithm_version: str
    input_hash: str
    as_of: date
    mode: str


@dataclass
class ChainReport:
    company: dict[str, Any]
    scope: Scope
    generated_at: datetime
    run: RunInfo | None
    as_of: date
    lots: list[LotSection]
    document_ids: list[int]
    link_ids: list[int] = field(default_factory=list)
    bom_import_ids: list[int] = field(default_factory=list)
    run_ids: list[int] = field(default_factory=list)
    extra_pedimento_docs: list[DocRef] = field(default_factory=list)

    def audit_keys(self) -> set[tuple[str, str]]:
        """(object_type, object_id) of every record in the bundle, to pick its audit events."""
        keys: set[tuple[str, str]] = {("company", str(self.company["id"]))}
        keys |= {("document", str(i)) for i in self.document_ids}
        keys |= {("lot", str(lot.lot_id)) for lot in self.lots}
        keys |= {(t, str(i)) for i in self.link_ids for t in ("link", "chain_link")}
        keys |= {(t, str(i)) for i in self.bom_import_ids for t in ("bom_import", "bom")}
        keys |= {(t, str(i)) for i in self.run_ids for t in ("discharge_run", "run")}
        return keys


# -- collecting ------------------------------------------------------------------------------------------


def _run_lineage(session: Session, run: DischargeRun) -> list[int]:
    """A continued run's consumption lines are its own plus its ancestors'."""
    ids = [run.id]
    parent = run.parent_run_id
    while parent is not None and parent not in ids:
        ids.append(parent)
        parent = session.scalar(select(DischargeRun.parent_run_id).where(DischargeRun.id == parent))
    return ids


def _status(balance: Decimal, due: date | None, as_of: date) -> str:
    if balance <= 0:
        return "discharged"
    if due is not None and due < as_of:
        return "expired"
    if due is not None and due <= as_of + timedelta(days=EXPIRING_DAYS):
        return "expiring"
    return "open"


class _Docs:
    """Document references, loaded once each."""

    def __init__(self, session: Session, company_id: int) -> None:
        self.session = session
        self.company_id = company_id
        self._refs: dict[int, DocRef | None] = {}
        self.link_ids: set[int] = set()

    def ref(self, document_id: int | None) -> DocRef | None:
        if document_id is None:
            return None
        if document_id not in self._refs:
            doc = self.session.get(Document, document_id)
            if doc is None or doc.company_id != self.company_id:
                self._refs[document_id] = None
            else:
                self._refs[document_id] = DocRef(
                    doc.id, doc.sha256, doc.filename, doc.doc_type, self._label(doc)
                )
        return self._refs[document_id]

    def _label(self, doc: Document) -> str:
        for model, attr in (
            (Invoice, "invoice_number"),
            (BillOfLading, "bl_number"),
            (Cfdi, "uuid"),
            (Pedimento, "pedimento_number"),
        ):
            value = self.session.scalar(select(getattr(model, attr)).where(model.document_id == doc.id))
            if value:
                return str(value)
        return doc.filename

    def linked(self, document_id: int) -> list[DocRef]:
        """Documents linked to ``document_id`` by an active link, either direction."""
        rows = self.session.scalars(
            select(Link)
            .where(
                Link.company_id == self.company_id,
                Link.undone_at.is_(None),
                or_(Link.from_document_id == document_id, Link.to_document_id == document_id),
            )
            .order_by(Link.id)
        ).all()
        out: list[DocRef] = []
        for link in rows:
            self.link_ids.add(link.id)
            other = link.to_document_id if link.from_document_id == document_id else link.from_document_id
            ref = self.ref(other)
            if ref is not None and ref.document_id != document_id and ref not in out:
                out.append(ref)
        return out

    def known(self) -> list[int]:
        return [i for i, r in self._refs.items() if r is not None]


def _lots_in_scope(session: Session, company_id: int, scope: Scope) -> tuple[list[LotRow], list[Pedimento]]:
    base = select(LotRow).where(LotRow.company_id == company_id, LotRow.active.is_(True))
    if scope.kind == "lot":
        lots = session.scalars(
            base.where(LotRow.pedimento_number == scope.pedimento, LotRow.sequence == scope.sequence)
        ).all()
        if not lots:
            raise NotFound(f"There is no lot {scope.pedimento}:{scope.sequence} for this company.")
        return list(lots), []
    if scope.kind == "pedimento":
        peds = session.scalars(
            select(Pedimento).where(
                Pedimento.company_id == company_id, Pedimento.pedimento_number == scope.pedimento
            )
        ).all()
        lots = list(session.scalars(base.where(LotRow.pedimento_number == scope.pedimento)).all())
        if not peds and not lots:
            raise NotFound(f"There is no pedimento {scope.pedimento} for this company.")
        return lots, list(peds)
    assert scope.date_from is not None and scope.date_to is not None
    lots = session.scalars(
        base.where(LotRow.start_date >= scope.date_from, LotRow.start_date <= scope.date_to)
    ).all()
    return list(lots), []


def received_between(session: Session, company_id: int, date_from: date, date_to: date) -> list[int]:
    start = datetime.combine(date_from, time.min, tzinfo=UTC)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=UTC)
    return list(
        session.scalars(
            select(Document.id).where(
                Document.company_id == company_id, Document.received_at >= start, Document.received_at < end
            )
        ).all()
    )


def collect(session: Session, company: Company, scope: Scope, *, today: date | None = None) -> ChainReport:
    """The lots and documents of ``scope`` and everything the chain report shows about them."""
    docs = _Docs(session, company.id)
    lots, peds = _lots_in_scope(session, company.id, scope)
    run = session.scalar(
        select(DischargeRun)
        .where(DischargeRun.company_id == company.id)
        .order_by(DischargeRun.id.desc())
        .limit(1)
    )
    run_ids = _run_lineage(session, run) if run is not None else []
    as_of = run.as_of if run is not None else (today or datetime.now(UTC).date())
    consumption: dict[int, list[ConsumptionRow]] = defaultdict(list)
    if run_ids and lots:
        lot_ids = [lot.id for lot in lots]
        for i in range(0, len(lot_ids), 500):
            for row in session.scalars(
                select(ConsumptionRow)
                .where(ConsumptionRow.run_id.in_(run_ids), ConsumptionRow.lot_id.in_(lot_ids[i : i + 500]))
                .order_by(ConsumptionRow.id)
            ):
                consumption[row.lot_id].append(row)
    bom_import_ids: set[int] = set()
    sections = [_lot_section(session, docs, lot, consumption[lot.id], as_of, bom_import_ids) for lot in lots]
    sections.sort(key=lambda s: (s.start_date, s.pedimento_number, s.sequence))
    extra: list[DocRef] = []
    for (
        ped
    ) in peds:  # a pedimento in scope that has no lots of its own (an export): its documents still count
        ref = docs.ref(ped.document_id)
        if ref is not None:
            extra.append(ref)
            extra.extend(docs.linked(ped.document_id))
    document_ids = set(docs.known())
    if scope.kind == "period":
        assert scope.date_from is not None and scope.date_to is not None
        document_ids |= set(received_between(session, company.id, scope.date_from, scope.date_to))
    return ChainReport(
        company={
            "id": company.id,
            "rfc": company.rfc,
            "name": company.name,
            "immex_program": company.immex_program,
        },
        scope=scope,
        generated_at=datetime.now(UTC),
        run=RunInfo(
            run.id, run.created_at, run.actor, run.algorithm_version, run.input_hash, run.as_of, run.mode
        )
        if run is not None
        else None,
        as_of=as_of,
        lots=sections,
        document_ids=sorted(document_ids),
        link_ids=sorted(docs.link_ids),
        bom_import_ids=sorted(bom_import_ids),
        run_ids=sorted(run_ids),
        extra_pedimento_docs=extra,
    )


def _lot_section(
    session: Session,
    docs: _Docs,
    lot: LotRow,
    rows: list[ConsumptionRow],
    as_of: date,
    bom_import_ids: set[int],
) -> LotSection:
    ped_doc_id = session.scalar(select(Pedimento.document_id).where(Pedimento.id == lot.pedimento_id))
    ped_ref = docs.ref(ped_doc_id)
    linked = docs.linked(ped_doc_id) if ped_doc_id is not None else []
    discharged = sum((Decimal(r.quantity) for r in rows), Decimal(0))
    balance = Decimal(lot.quantity) - discharged
    section = LotSection(
        lot_id=lot.id,
        pedimento_number=lot.pedimento_number,
        sequence=lot.sequence,
        part_number=lot.part_number,
        tariff_code=lot.tariff_code,
        description=lot.description,
        clave=lot.clave,
        start_date=lot.start_date,
        due_date=lot.due_date,
        unit=lot.unit,
        quantity=Decimal(lot.quantity),
        discharged=discharged,
        balance=balance,
        status=_status(balance, lot.due_date, as_of),
        pedimento_doc=ped_ref,
        invoices=[d for d in linked if d.doc_type and "invoice" in d.doc_type],
        bls=[d for d in linked if d.doc_type and ("lading" in d.doc_type or d.doc_type in ("bl", "awb"))],
    )
    section.other_docs = [d for d in linked if d not in section.invoices and d not in section.bls]
    if lot.part_number is None:
        section.findings.append("No part number yet: the lot waits for a clerk and cannot be discharged.")
    if section.status == "expired":
        section.findings.append(
            f"Expired: {balance.normalize():f} {lot.unit} still in the country after the due date "
            f"{lot.due_date}."
        )
    boms: dict[int, BomApplied] = {}
    for row in rows:
        exp = session.get(ExportLineRow, row.export_line_id)
        if exp is None:
            continue
        exp_doc = session.scalar(select(Pedimento.document_id).where(Pedimento.id == exp.pedimento_id))
        exp_docs = [d for d in [docs.ref(exp_doc)] if d is not None]
        if exp_doc is not None:
            exp_docs += docs.linked(exp_doc)
        section.exports.append(
            ExportUse(
                exp.pedimento_number,
                exp.sequence,
                exp.export_date,
                exp.clave,
                exp.part_number,
                Decimal(exp.quantity),
                exp.unit,
                row.component,
                Decimal(row.quantity),
                row.bom_version_id,
                exp_docs,
            )
        )
        if row.bom_version_id is not None and row.bom_version_id not in boms:
            version = session.get(BomVersionRow, row.bom_version_id)
            if version is not None:
                imp = session.get(BomImport, version.import_id)
                bom_import_ids.add(version.import_id)
                boms[version.id] = BomApplied(
                    version.id,
                    version.product,
                    version.valid_from,
                    version.valid_to,
                    version.content_hash,
                    imp.filename if imp else None,
                    imp.sha256 if imp else None,
                )
    section.boms = sorted(boms.values(), key=lambda b: (b.product, b.valid_from))
    return section


# -- rendering ------------------------------------------------------------------------------------------


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value.normalize():f}"


def _docs_text(refs: list[DocRef]) -> str:
    return "; ".join(f"{d.label} ({d.filename}, sha256 {d.sha256[:12]}…)" for d in refs) or "none"


def _lot_rows(lot: LotSection) -> list[tuple[str, str]]:
    ped = lot.pedimento_doc
    return [
        (
            "Import pedimento",
            f"{lot.pedimento_number} partida {lot.sequence}, clave {lot.clave}"
            + (f" — {ped.filename} (sha256 {ped.sha256[:12]}…)" if ped else ""),
        ),
        ("Part number", f"{lot.part_number or 'not assigned'}  fracción {lot.tariff_code or '-'}"),
        ("Description", lot.description or "-"),
        ("Imported", f"{_qty(lot.quantity)} {lot.unit} on {lot.start_date}"),
        ("Discharged", f"{_qty(lot.discharged)} {lot.unit}"),
        ("Balance", f"{_qty(lot.balance)} {lot.unit}"),
        ("Due date", str(lot.due_date) if lot.due_date else "none (fixed asset, life of the program)"),
        ("Status", lot.status),
        ("Invoices", _docs_text(lot.invoices)),
        ("Bills of lading", _docs_text(lot.bls)),
    ] + ([("Other documents", _docs_text(lot.other_docs))] if lot.other_docs else [])


def _run_text(report: ChainReport) -> str:
    run = report.run
    if run is None:
        return f"No discharge run yet: balances are the imported quantities, status as of {report.as_of}."
    return (
        f"Discharge run {run.id} ({run.mode}) made by {run.actor} at {run.created_at.isoformat()}, algorithm "
        f"{run.algorithm_version}, input hash {run.input_hash}, as of {run.as_of}."
    )


def _export_cells(e: ExportUse) -> list[str]:
    return [
        f"{e.pedimento_number}:{e.sequence}",
        str(e.export_date),
        e.clave,
        e.part_number or "-",
        f"{_qty(e.export_quantity)} {e.export_unit}",
        e.component,
        _qty(e.consumed),
        str(e.bom_version_id or "-"),
        _docs_text(e.documents),
    ]


EXPORT_HEAD = [
    "Export",
    "Date",
    "Clave",
    "Product / part",
    "Exported",
    "Component",
    "Consumed",
    "BOM",
    "Documents",
]


def render_html(report: ChainReport) -> bytes:
    """A self-contained page (no scripts, no external files) an auditor can open anywhere."""
    e = html.escape
    c = report.company
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Evidence chain — {e(c['rfc'])} — {e(report.scope.describe())}</title>",
        "<style>body{font-family:sans-serif;margin:2em;font-size:14px}"
        "table{border-collapse:collapse;margin:.5em 0}"
        "td,th{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eee}"
        "h2{margin-top:2em;border-bottom:2px solid #333}.finding{color:#a00}</style></head><body>",
        f"<h1>Evidence chain: {e(c['name'])} ({e(c['rfc'])})</h1>",
        f"<p>IMMEX program {e(c.get('immex_program') or '-')}. Scope: {e(report.scope.describe())}. "
        f"Made {e(report.generated_at.isoformat())}.</p>",
        f"<p>{e(_run_text(report))}</p>",
        f"<p>{len(report.lots)} lot(s), {len(report.document_ids)} document(s) in this bundle.</p>",
    ]
    if report.extra_pedimento_docs:
        out.append(f"<p>Pedimento documents: {e(_docs_text(report.extra_pedimento_docs))}</p>")
    for lot in report.lots:
        out.append(
            f"<h2>Lot {e(lot.pedimento_number)}:{lot.sequence} — "
            f"{e(lot.part_number or 'no part number')}</h2>"
        )
        out.append("<table>" + "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _lot_rows(lot)))
        out.append("</table>")
        if lot.boms:
            out.append(
                "<h3>BOM versions applied</h3><table><tr><th>Version</th><th>Product</th><th>Valid</th>"
                "<th>Content hash</th><th>Imported from</th></tr>"
            )
            for b in lot.boms:
                out.append(
                    f"<tr><td>{b.version_id}</td><td>{e(b.product)}</td><td>{b.valid_from} – "
                    f"{b.valid_to or 'open'}</td><td>{e(b.content_hash[:16])}…</td>"
                    f"<td>{e(b.import_filename or '-')}</td></tr>"
                )
            out.append("</table>")
        out.append("<h3>Exports that consumed it</h3>")
        if lot.exports:
            out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in EXPORT_HEAD) + "</tr>")
            for x in lot.exports:
                out.append("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in _export_cells(x)) + "</tr>")
            out.append("</table>")
        else:
            out.append("<p>None.</p>")
        out.append("<h3>Findings</h3>")
        out.append("".join(f"<p class='finding'>{e(f)}</p>" for f in lot.findings) or "<p>None.</p>")
    out.append("</body></html>\n")
    return "\n".join(out).encode("utf-8")


def render_pdf(report: ChainReport, path: Path) -> None:
    """The same report as a PDF (reportlab), written to ``path``."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7.5, leading=9)
    e = html.escape
    c = report.company

    def para(text: str, style: Any = small) -> Paragraph:
        return Paragraph(e(text), style)

    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
        ]
    )
    head = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ]
    )
    story: list[Any] = [
        para(f"Evidence chain: {c['name']} ({c['rfc']})", styles["Title"]),
        para(
            f"IMMEX program {c.get('immex_program') or '-'}. Scope: {report.scope.describe()}. "
            f"Made {report.generated_at.isoformat()}.",
            styles["BodyText"],
        ),
        para(_run_text(report), styles["BodyText"]),
        para(
            f"{len(report.lots)} lot(s), {len(report.document_ids)} document(s) in this bundle.",
            styles["BodyText"],
        ),
    ]
    if report.extra_pedimento_docs:
        story.append(
            para(f"Pedimento documents: {_docs_text(report.extra_pedimento_docs)}", styles["BodyText"])
        )
    for lot in report.lots:
        story += [
            Spacer(1, 0.4 * cm),
            para(
                f"Lot {lot.pedimento_number}:{lot.sequence} — {lot.part_number or 'no part number'}",
                styles["Heading2"],
            ),
        ]
        t = Table([[para(k), para(v)] for k, v in _lot_rows(lot)], colWidths=[4 * cm, 19 * cm])
        t.setStyle(grid)
        story.append(t)
        if lot.boms:
            story.append(para("BOM versions applied", styles["Heading4"]))
            rows = [[para(h) for h in ("Version", "Product", "Valid", "Content hash", "Imported from")]]
            rows += [
                [
                    para(str(b.version_id)),
                    para(b.product),
                    para(f"{b.valid_from} – {b.valid_to or 'open'}"),
                    para(b.content_hash[:16] + "…"),
                    para(b.import_filename or "-"),
                ]
                for b in lot.boms
            ]
            t = Table(rows, repeatRows=1)
            t.setStyle(head)
            story.append(t)
        story.append(para("Exports that consumed it", styles["Heading4"]))
        if lot.exports:
            rows = [[para(h) for h in EXPORT_HEAD]] + [
                [para(x) for x in _export_cells(u)] for u in lot.exports
            ]
            widths = [3.2, 1.8, 1.1, 2.4, 2.2, 2.4, 1.8, 1.1, 7.0]
            t = Table(rows, repeatRows=1, colWidths=[w * cm for w in widths])
            t.setStyle(head)
            story.append(t)
        else:
            story.append(para("None."))
        story.append(para("Findings", styles["Heading4"]))
        story += [para(f) for f in lot.findings] or [para("None.")]
    doc = SimpleDocTemplate(
        str(path),
        pagesize=landscape(letter),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=f"Evidence chain {c['rfc']} {report.scope.value}",
        author="immex-evidence",
    )
    doc.build(story)
