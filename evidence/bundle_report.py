"""What a bundle holds about the evidence chain, and its readable report (``chain.html``, ``chain.pdf``).

``collect`` turns a scope into the lots and documents it covers and, for each lot, the import pedimento with
its invoices and B/Ls, the BOM versions applied, every export that consumed it, its balance, due date, status
and findings, as of the newest discharge run (whose id, input hash, algorithm version, actor and time the
report shows). It only reads: the chain is built and discharged elsewhere (``evidence.chain``).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from evidence.chain import findings as chain_findings
from evidence.chain import queries
from evidence.chain.linking import DOC_LINK_KINDS
from evidence.chain.models import BomVersionRow, DischargeRun, ExportLineRow, Link, LotRow, Pedimento
from evidence.chain.runs import lineage
from evidence.models import Company, Document
from immex.errors import ImmexError, NotFound

_UNSAFE = set('<>:"/\\|?*')


def document_entry_name(sha256: str, filename: str) -> str:
    """``documents/<sha256>-<filename>``, the name made safe to unpack on any system."""
    safe = "".join("_" if ch in _UNSAFE or ord(ch) < 32 else ch for ch in filename).strip(" .") or "unnamed"
    return f"documents/{sha256}-{safe[:180]}"


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
        raise ScopeError("Say what the bundle covers, one of: a pedimento N, a lot N:SEQ or a period FROM..TO.")
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
class LotSection:
    """One lot as ``evidence.chain.queries.chain_report`` gives it, with its pedimento's import documents and
    the findings about it."""

    pedimento_number: str
    import_documents: list[dict[str, Any]]
    lot: dict[str, Any]
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sequence(self) -> int:
        return int(self.lot["sequence"])


@dataclass
class RunInfo:
    id: int
    created_at: datetime
    actor: str
    algorithm_version: str
    input_hash: str
    as_of: date
    mode: str
    saved: bool = True  # False: later exports or lots were applied in memory on top of it (nothing saved)


@dataclass
class ChainReport:
    company: dict[str, Any]
    scope: Scope
    generated_at: datetime
    run: RunInfo | None
    as_of: date
    lots: list[LotSection]
    lot_ids: list[int]
    document_ids: list[int]
    link_ids: list[int] = field(default_factory=list)
    bom_import_ids: list[int] = field(default_factory=list)
    run_ids: list[int] = field(default_factory=list)
    pedimento_documents: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)  # every document in the bundle, oldest first

    def audit_keys(self) -> set[tuple[str, str]]:
        """(object_type, object_id) of every record in the bundle, to pick its audit events."""
        keys: set[tuple[str, str]] = {("company", str(self.company["id"]))}
        keys |= {("document", str(i)) for i in self.document_ids}
        keys |= {("lot", str(i)) for i in self.lot_ids}
        keys |= {("link", str(i)) for i in self.link_ids}
        keys |= {("bom_import", str(i)) for i in self.bom_import_ids}
        keys |= {("discharge_run", str(i)) for i in self.run_ids}
        return keys


# -- collecting ---------------------------------------------------------------------------------------------


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _lots_in_scope(
    session: Session, company_id: int, scope: Scope, as_of: date
) -> tuple[list[LotRow], list[Pedimento]]:
    """The active lots the scope covers and, for a pedimento, its own rows (an export pedimento has no lots
    of its own: the lots its export lines consumed are in scope instead)."""
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
            select(Pedimento).where(Pedimento.company_id == company_id, Pedimento.pedimento_number == scope.pedimento)
        ).all()
        lots = list(session.scalars(base.where(LotRow.pedimento_number == scope.pedimento)).all())
        if not peds and not lots:
            raise NotFound(f"There is no pedimento {scope.pedimento} for this company.")
        export_ids = set(
            session.scalars(
                select(ExportLineRow.id).where(
                    ExportLineRow.company_id == company_id, ExportLineRow.pedimento_number == scope.pedimento
                )
            ).all()
        )
        if export_ids:
            lines = queries.current_discharge(session, company_id, as_of).lines
            consumed = sorted({line[0] for line in lines if line[1] in export_ids})
            have = {lot.id for lot in lots}
            for chunk in _chunks([i for i in consumed if i not in have]):
                lots += list(session.scalars(base.where(LotRow.id.in_(chunk))).all())
        return lots, list(peds)
    assert scope.date_from is not None and scope.date_to is not None
    lots = session.scalars(base.where(LotRow.start_date >= scope.date_from, LotRow.start_date <= scope.date_to)).all()
    return list(lots), []


def received_between(session: Session, company_id: int, date_from: date, date_to: date) -> list[int]:
    """Documents received from the start of ``date_from`` to the end of ``date_to`` (UTC)."""
    start = datetime.combine(date_from, time.min, tzinfo=UTC)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=UTC)
    return list(
        session.scalars(
            select(Document.id).where(
                Document.company_id == company_id, Document.received_at >= start, Document.received_at < end
            )
        ).all()
    )


def _ids_of_shas(session: Session, company_id: int, shas: set[str]) -> set[int]:
    out: set[int] = set()
    ordered = sorted(shas)
    for i in range(0, len(ordered), 500):
        out |= set(
            session.scalars(
                select(Document.id).where(Document.company_id == company_id, Document.sha256.in_(ordered[i : i + 500]))
            ).all()
        )
    return out


def _pedimento_documents(session: Session, company_id: int, peds: list[Pedimento]) -> list[dict[str, Any]]:
    """A pedimento's own document and the invoices, CFDI and B/Ls actively linked to it."""
    ids: list[int | None] = []
    for ped in peds:
        ids.append(ped.document_id)
        ids += session.scalars(
            select(Link.from_document_id).where(
                Link.company_id == company_id,
                Link.to_document_id == ped.document_id,
                Link.undone_at.is_(None),
                Link.kind.in_(DOC_LINK_KINDS),
            )
        ).all()
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(set(ids) or {-1})))}
    out: list[dict[str, Any]] = []
    for i in dict.fromkeys(ids):
        d = docs.get(i) if i is not None else None
        if d is not None:
            out.append({"document_id": d.id, "sha256": d.sha256, "filename": d.filename, "doc_type": d.doc_type})
    return out


def _related_ids(
    session: Session, company_id: int, document_ids: list[int], lots: list[LotRow], sections: list[LotSection]
) -> tuple[list[int], list[int]]:
    """Links (active or undone) that touch a document or a lot of the bundle; BOM imports applied."""
    link_ids: set[int] = set()
    for chunk in _chunks(document_ids):
        link_ids |= set(
            session.scalars(
                select(Link.id).where(
                    Link.company_id == company_id,
                    or_(Link.from_document_id.in_(chunk), Link.to_document_id.in_(chunk)),
                )
            ).all()
        )
    partidas = [lot.partida_id for lot in lots if lot.partida_id is not None]
    for chunk in _chunks(partidas):
        link_ids |= set(
            session.scalars(select(Link.id).where(Link.company_id == company_id, Link.partida_id.in_(chunk))).all()
        )
    versions = {v["id"] for s in sections for v in s.lot.get("bom_versions", [])}
    imports = set(session.scalars(select(BomVersionRow.import_id).where(BomVersionRow.id.in_(versions or {-1}))).all())
    return sorted(link_ids), sorted(imports)


def _document_list(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for chunk in _chunks(ids):
        for d in session.scalars(select(Document).where(Document.id.in_(chunk))):
            at = d.received_at if d.received_at.tzinfo else d.received_at.replace(tzinfo=UTC)
            out.append(
                {
                    "document_id": d.id,
                    "sha256": d.sha256,
                    "filename": d.filename,
                    "doc_type": d.doc_type,
                    "status": d.status,
                    "received_at": at.astimezone(UTC).isoformat(timespec="seconds"),
                    "source": d.source,
                }
            )
    return sorted(out, key=lambda d: (d["received_at"], d["document_id"]))


def collect(session: Session, company: Company, scope: Scope, *, as_of: date | None = None) -> ChainReport:
    """The lots and documents of ``scope`` and everything the chain report shows about them, as of ``as_of``
    (default today), read through ``evidence.chain.queries`` and ``evidence.chain.findings``."""
    as_of = as_of or datetime.now(UTC).date()
    lots, peds = _lots_in_scope(session, company.id, scope, as_of)
    in_scope = {(lot.pedimento_number, lot.sequence) for lot in lots}
    all_findings = chain_findings.findings(session, company.id, as_of) if lots else []
    sections: list[LotSection] = []
    for number in sorted({lot.pedimento_number for lot in lots}):
        chain = queries.chain_report(session, company.id, number, None, as_of)
        for lot in chain["lots"]:
            if (number, lot["sequence"]) not in in_scope:
                continue
            about = [
                f
                for f in all_findings
                if f.get("pedimento_number") == number
                and (f.get("details") or {}).get("sequence") in (None, lot["sequence"])
            ]
            sections.append(LotSection(number, chain["import_documents"], lot, about))
    sections.sort(key=lambda s: (s.lot["start_date"], s.pedimento_number, s.sequence))
    shas = {
        sha
        for row in (queries.lots_report(session, company.id, as_of) if lots else [])
        if (row["pedimento_number"], row["sequence"]) in in_scope
        for sha in row["documents"]
    }
    document_ids = _ids_of_shas(session, company.id, shas)
    ped_docs = _pedimento_documents(session, company.id, peds)
    document_ids |= {d["document_id"] for d in ped_docs}
    if scope.kind == "period":
        assert scope.date_from is not None and scope.date_to is not None
        document_ids |= set(received_between(session, company.id, scope.date_from, scope.date_to))
    current = queries.current_discharge(session, company.id, as_of)
    run = session.get(DischargeRun, current.run_id) if current.run_id is not None else None
    doc_list = sorted(document_ids)
    link_ids, bom_imports = _related_ids(session, company.id, doc_list, lots, sections)
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
            run.id,
            run.created_at,
            run.actor,
            run.algorithm_version,
            run.input_hash,
            run.as_of,
            run.mode,
            current.saved,
        )
        if run is not None
        else None,
        as_of=as_of,
        lots=sections,
        lot_ids=sorted(lot.id for lot in lots),
        document_ids=doc_list,
        documents=_document_list(session, doc_list),
        link_ids=link_ids,
        bom_import_ids=bom_imports,
        run_ids=lineage(run) if run is not None else [],
        pedimento_documents=ped_docs,
    )


# -- rendering ------------------------------------------------------------------------------------------

INVOICE_TYPES = ("commercial_invoice", "cfdi")


def _ped(number: str) -> str:
    """A pedimento number as it is printed: 24 47 3807 4001234."""
    if len(number) == 15 and number.isdigit():
        return f"{number[:2]} {number[2:4]} {number[4:8]} {number[8:]}"
    return number


def _docs_text(refs: list[dict[str, Any]]) -> str:
    return "; ".join(f"{d['filename']} (sha256 {d['sha256'][:12]}…)" for d in refs) or "none"


def _q(value: Any) -> str:
    return "-" if value is None else f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


def _lot_rows(s: LotSection) -> list[tuple[str, str]]:
    lot = s.lot
    docs = s.import_documents
    peds = [d for d in docs if d.get("doc_type") == "pedimento"] or docs[:1]
    invoices = [d for d in docs if d.get("doc_type") in INVOICE_TYPES]
    bls = [d for d in docs if d.get("doc_type") == "bill_of_lading"]
    others = [d for d in docs if d not in peds and d not in invoices and d not in bls]
    unit = lot["unit"]
    rows = [
        ("Import pedimento", f"{_ped(s.pedimento_number)} partida {lot['sequence']}, clave {lot['clave']}"),
        ("Pedimento document", _docs_text(peds)),
        ("Invoices", _docs_text(invoices)),
        ("Bills of lading", _docs_text(bls)),
        (
            "Part number",
            f"{lot.get('part_number') or 'not assigned'} — fracción {lot.get('tariff_code') or '-'}",
        ),
        ("Description", lot.get("description") or "-"),
        ("Imported", f"{_q(lot['imported_quantity'])} {unit} on {lot['start_date']}"),
        ("Discharged", f"{_q(lot.get('discharged_quantity') or 0)} {unit}"),
        ("Balance", f"{_q(lot['balance'])} {unit}"),
        ("Due date", lot.get("due_date") or "none (fixed asset: life of the IMMEX program)"),
        ("Status", lot["status"]),
    ]
    if others:
        rows.insert(4, ("Other documents", _docs_text(others)))
    return rows


def _run_text(report: ChainReport) -> str:
    run = report.run
    if run is None:
        return (
            f"No discharge run has been saved yet: balances were computed on the spot (nothing saved), as of "
            f"{report.as_of}."
        )
    text = (
        f"Balances as of {report.as_of} reflect discharge run {run.id} ({run.mode}), made by {run.actor} at "
        f"{run.created_at.isoformat()}, algorithm {run.algorithm_version}, input hash {run.input_hash} "
        f"(run as of {run.as_of})."
    )
    if not run.saved:
        text += (
            " Exports or lots recorded after that run were applied on top of it for this report (computed, not "
            "saved): make a new discharge run to record them."
        )
    return text


DOC_HEAD = ["File", "Type", "Received (UTC)", "Source", "Status", "SHA-256"]


def _doc_cells(d: dict[str, Any]) -> list[str]:
    return [d["filename"], d.get("doc_type") or "-", d["received_at"], d["source"], d["status"], d["sha256"]]


EXPORT_HEAD = ["Export", "Date", "Clave", "Exported", "Component", "Consumed", "BOM", "Documents"]
BOM_HEAD = ["Version", "Product", "Valid", "Imported from"]


def _export_cells(e: dict[str, Any], unit: str) -> list[str]:
    return [
        f"{_ped(e['export_pedimento'])} partida {e['export_sequence']}",
        str(e["export_date"]),
        e["clave"],
        f"{e.get('exported_part_number') or '-'} × {_q(e['exported_quantity'])}",
        e["component"],
        f"{_q(e['quantity'])} {unit}",
        str(e.get("bom_version_id") or "-"),
        _docs_text(e.get("documents") or []),
    ]


def _bom_cells(v: dict[str, Any]) -> list[str]:
    return [
        str(v["id"]),
        v["product"],
        f"{v['valid_from']} – {v.get('valid_to') or 'open'}",
        v.get("imported_from") or "-",
    ]


def _finding_text(f: dict[str, Any]) -> str:
    return f"[{f.get('severity', '')}] {f.get('code', '')}: {f.get('message', '')}"


def _intro(report: ChainReport) -> list[str]:
    c = report.company
    out = [
        f"IMMEX program {c.get('immex_program') or '-'}. Scope: {report.scope.describe()}. "
        f"Made {report.generated_at.isoformat()}.",
        _run_text(report),
        f"{len(report.lots)} lot(s), {len(report.document_ids)} document(s) in this bundle.",
    ]
    if report.pedimento_documents:
        out.append(f"Pedimento documents: {_docs_text(report.pedimento_documents)}")
    if not report.lots:
        out.append("No import lot is in this scope.")
    return out


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
    ]
    out += [f"<p>{e(t)}</p>" for t in _intro(report)]
    for s in report.lots:
        lot = s.lot
        out.append(
            f"<h2>Lot {e(s.pedimento_number)}:{s.sequence} — {e(lot.get('part_number') or 'no part number')}</h2>"
        )
        out.append(
            "<table>" + "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _lot_rows(s)) + "</table>"
        )
        out.append("<h3>BOM versions applied</h3>")
        if lot.get("bom_versions"):
            out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in BOM_HEAD) + "</tr>")
            for v in lot["bom_versions"]:
                out.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in _bom_cells(v)) + "</tr>")
            out.append("</table>")
        else:
            out.append("<p>None (exported as itself, or not consumed yet).</p>")
        out.append("<h3>Exports that consumed it</h3>")
        if lot.get("exports"):
            out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in EXPORT_HEAD) + "</tr>")
            for x in lot["exports"]:
                out.append("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in _export_cells(x, lot["unit"])) + "</tr>")
            out.append("</table>")
        else:
            out.append("<p>None.</p>")
        out.append("<h3>Findings</h3>")
        out.append("".join(f"<p class='finding'>{e(_finding_text(f))}</p>" for f in s.findings) or "<p>None.</p>")
    out.append("<h2>Documents in this bundle</h2>")
    out.append(
        "<table><tr>"
        + "".join(f"<th>{e(h)}</th>" for h in DOC_HEAD)
        + "</tr>"
        + "".join(
            "<tr>"
            + f"<td><a href='{e(document_entry_name(d['sha256'], d['filename']))}'>{e(d['filename'])}</a></td>"
            + "".join(f"<td>{e(x)}</td>" for x in _doc_cells(d)[1:])
            + "</tr>"
            for d in report.documents
        )
        + "</table>"
    )
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
    c = report.company

    def para(text: str, style: Any = small) -> Paragraph:
        return Paragraph(html.escape(text), style)

    def table(rows: list[list[str]], widths: list[float] | None, header: bool) -> Table:
        t = Table(
            [[para(x) for x in r] for r in rows],
            repeatRows=1 if header else 0,
            colWidths=[w * cm for w in widths] if widths else None,
        )
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), colors.whitesmoke),
                ]
            )
        )
        return t

    story: list[Any] = [para(f"Evidence chain: {c['name']} ({c['rfc']})", styles["Title"])]
    story += [para(t, styles["BodyText"]) for t in _intro(report)]
    for s in report.lots:
        lot = s.lot
        story += [
            Spacer(1, 0.4 * cm),
            para(
                f"Lot {s.pedimento_number}:{s.sequence} — {lot.get('part_number') or 'no part number'}",
                styles["Heading2"],
            ),
            table([[k, v] for k, v in _lot_rows(s)], [4.5, 19.0], header=False),
            para("BOM versions applied", styles["Heading4"]),
        ]
        if lot.get("bom_versions"):
            story.append(table([BOM_HEAD] + [_bom_cells(v) for v in lot["bom_versions"]], None, header=True))
        else:
            story.append(para("None (exported as itself, or not consumed yet)."))
        story.append(para("Exports that consumed it", styles["Heading4"]))
        if lot.get("exports"):
            rows = [EXPORT_HEAD] + [_export_cells(x, lot["unit"]) for x in lot["exports"]]
            story.append(table(rows, [3.4, 1.9, 1.1, 3.0, 2.6, 2.4, 1.1, 8.0], header=True))
        else:
            story.append(para("None."))
        story.append(para("Findings", styles["Heading4"]))
        story += [para(_finding_text(f)) for f in s.findings] or [para("None.")]
    story += [Spacer(1, 0.4 * cm), para("Documents in this bundle", styles["Heading2"])]
    if report.documents:
        story.append(
            table([DOC_HEAD] + [_doc_cells(d) for d in report.documents], [5.5, 3.4, 3.8, 1.3, 2.0, 8.6], header=True)
        )
    else:
        story.append(para("None."))
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
