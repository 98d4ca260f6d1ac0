"""What a bundle holds about the evidence chain, and its readable report (``chain.html``, ``chain.pdf``).

``collect`` turns a scope into the lots and documents it covers and, for each lot, the import pedimento with
its invoices and B/Ls, the BOM versions applied, every export that consumed it, its balance, due date, status
and findings, as of the newest discharge run (whose id, input hash, algorithm version, actor and time the
report shows). It only reads: the chain is built and discharged elsewhere (``evidence.chain``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from evidence.chain import findings as chain_findings
from evidence.chain import queries
from evidence.chain.models import (
    DOC_LINK_KINDS,
    BomVersionRow,
    DischargeRun,
    ExportLineRow,
    Link,
    LotRow,
    Pedimento,
)
from evidence.chain.saved import lineage
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


# -- rendering (evidence/bundle_render.py) ------------------------------------------------------------------


def render_html(report: ChainReport, language: str = "es") -> bytes:
    """``chain.html`` in ``language`` (``es`` or ``en``); see ``evidence.bundle_render``."""
    from evidence import bundle_render

    return bundle_render.render_html(report, language)


def render_pdf(report: ChainReport, path: Path, language: str = "es") -> None:
    """``chain.pdf`` in ``language``, written to ``path``; see ``evidence.bundle_render``."""
    from evidence import bundle_render

    bundle_render.render_pdf(report, path, language)
