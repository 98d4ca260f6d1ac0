"""Discharge runs: load the inputs, call the engine, persist an immutable run; continue runs; compare runs.

A run continues its company's latest run (``mode = incremental``) when nothing that run read has changed and
everything new sorts after its cursor: new lots start after the last export it processed, new export lines
come after it, new BOM versions take effect after it. Then only the new export lines are replayed against the
balances the parent run left (its ``state``), and the new run stores only its own consumption lines; its full
set is its lineage's. The result is the one a full run gives (tests check it); otherwise a full run is made.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from evidence import audit
from evidence.chain import state as state_codec
from evidence.chain.bom import load_bom_versions
from evidence.chain.discharge import (
    ALGORITHM_VERSION,
    BomVersion,
    DischargeResult,
    DischargeState,
    ExportLine,
    InputDigest,
    Lot,
    Uncovered,
    bom_digest,
    discharge,
)
from evidence.chain.linking import lock_company
from evidence.chain.lots import to_engine_export, to_engine_lot
from evidence.chain.models import (
    BomVersionRow,
    ConsumptionRow,
    DischargeRun,
    ExportLineRow,
    LotRow,
    UncoveredRow,
)
from evidence.chain.revision import current_rev
from evidence.chain.saved import latest_run, lineage, lineage_uncovered
from evidence.chain.state import Continuation
from immex.errors import NotFound

LOT_COLUMNS = (
    LotRow.id,
    LotRow.pedimento_number,
    LotRow.sequence,
    LotRow.part_number,
    LotRow.clave,
    LotRow.start_date,
    LotRow.due_date,
    LotRow.quantity,
    LotRow.unit,
    LotRow.tariff_code,
    LotRow.digest,
)
EXPORT_COLUMNS = (
    ExportLineRow.id,
    ExportLineRow.pedimento_number,
    ExportLineRow.sequence,
    ExportLineRow.export_date,
    ExportLineRow.part_number,
    ExportLineRow.quantity,
    ExportLineRow.unit,
    ExportLineRow.clave,
    ExportLineRow.digest,
)


@dataclass
class RunReport:
    """What ``immex discharge run --json`` prints (discharge.md), plus how the run was made."""

    id: int | None
    created_at: datetime
    actor: str
    algorithm_version: str
    input_hash: str
    as_of: date
    lot_count: int
    export_line_count: int
    consumption_count: int
    mode: str
    parent_run_id: int | None
    dry_run: bool
    uncovered: list[dict[str, Any]]
    timings: dict[str, float] = field(default_factory=dict)
    result: DischargeResult | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": self.created_at.isoformat(),
            "actor": self.actor,
            "algorithm_version": self.algorithm_version,
            "input_hash": self.input_hash,
            "as_of": self.as_of.isoformat(),
            "lot_count": self.lot_count,
            "export_line_count": self.export_line_count,
            "consumption_count": self.consumption_count,
            "mode": self.mode,
            "parent_run_id": self.parent_run_id,
            "dry_run": self.dry_run,
            "uncovered": self.uncovered,
        }


# --- inputs -------------------------------------------------------------------------------------------------


def load_lots(session: Session, company_id: int, as_of: date, *extra: Any) -> tuple[list[Lot], list[str]]:
    """The lots a run reads, with the digest stored beside each (computed from the same canonical form when the
    row was written; the input hash is built from them)."""
    query = select(*LOT_COLUMNS).where(
        LotRow.company_id == company_id,
        LotRow.active.is_(True),
        LotRow.part_number.is_not(None),
        LotRow.start_date <= as_of,
        *extra,
    )
    lots: list[Lot] = []
    digests: list[str] = []
    for row in session.execute(query):
        lots.append(to_engine_lot(row))
        digests.append(row.digest)
    return lots, digests


def load_exports(session: Session, company_id: int, as_of: date, *extra: Any) -> tuple[list[ExportLine], list[str]]:
    query = select(*EXPORT_COLUMNS).where(
        ExportLineRow.company_id == company_id,
        ExportLineRow.active.is_(True),
        ExportLineRow.part_number.is_not(None),
        ExportLineRow.export_date <= as_of,
        *extra,
    )
    exports: list[ExportLine] = []
    digests: list[str] = []
    for row in session.execute(query):
        exports.append(to_engine_export(row))
        digests.append(row.digest)
    return exports, digests


def _cursor_dict(state: DischargeState, lineage: list[int]) -> dict[str, Any]:
    c = state.cursor
    return {
        "date": c[0].isoformat() if c else None,
        "pedimento": c[1] if c else None,
        "sequence": c[2] if c else None,
        "id": c[3] if c else None,
        "lineage": lineage,
    }


def _cursor_key(cursor: dict[str, Any] | None) -> tuple[date, str, int, int] | None:
    if not cursor or not cursor.get("date"):
        return None
    return (
        date.fromisoformat(cursor["date"]),
        cursor["pedimento"],
        int(cursor["sequence"]),
        int(cursor["id"]),
    )


# --- making a run -------------------------------------------------------------------------------------------


@dataclass
class _Plan:
    mode: str
    lots: list[Lot]
    exports: list[ExportLine]
    boms: list[BomVersion]
    digest: InputDigest
    state: DischargeState | None
    parent: DischargeRun | None
    lineage: list[int]
    continuation: Continuation | None = None


def _full_plan(session: Session, company_id: int, as_of: date) -> _Plan:
    lots, lot_digests = load_lots(session, company_id, as_of)
    exports, export_digests = load_exports(session, company_id, as_of)
    boms = load_bom_versions(session, company_id)
    digest = InputDigest()
    digest.add_lots(lot_digests)
    digest.add_exports(export_digests)
    digest.add_boms(bom_digest(version) for version in boms)
    return _Plan("full", lots, exports, boms, digest, None, None, [])


def _incremental_plan(session: Session, company_id: int, as_of: date, parent: DischargeRun) -> _Plan | None:
    """The plan that continues ``parent``, or None when a full run is needed."""
    if parent.algorithm_version != ALGORITHM_VERSION or parent.as_of > as_of:
        return None
    cursor = _cursor_key(parent.cursor)
    cursor_day = cursor[0] if cursor else date.min
    rev = parent.input_rev
    # anything changed since the parent's revision
    for created, start, active, part in session.execute(
        select(LotRow.created_rev, LotRow.start_date, LotRow.active, LotRow.part_number).where(
            LotRow.company_id == company_id, LotRow.rev > rev
        )
    ):
        if created <= rev:
            return None  # an existing lot changed
        if active and part is not None and start <= as_of and start <= cursor_day:
            return None  # a new lot the parent's exports could have consumed
    for created, row_id, day, ped, seq, active, part in session.execute(
        select(
            ExportLineRow.created_rev,
            ExportLineRow.id,
            ExportLineRow.export_date,
            ExportLineRow.pedimento_number,
            ExportLineRow.sequence,
            ExportLineRow.active,
            ExportLineRow.part_number,
        ).where(ExportLineRow.company_id == company_id, ExportLineRow.rev > rev)
    ):
        if created <= rev:
            return None
        if active and part is not None and day <= as_of and cursor is not None and (day, ped, seq, row_id) <= cursor:
            return None  # a late export line that sorts before the parent's last one
    new_bom_starts = session.scalars(
        select(BomVersionRow.valid_from).where(BomVersionRow.company_id == company_id, BomVersionRow.rev > rev)
    ).all()
    if any(start <= cursor_day for start in new_bom_starts):
        return None
    new_lots, new_lot_digests = load_lots(
        session, company_id, as_of, or_(LotRow.rev > rev, LotRow.start_date > parent.as_of)
    )
    loaded, loaded_digests = load_exports(
        session, company_id, as_of, or_(ExportLineRow.rev > rev, ExportLineRow.export_date > parent.as_of)
    )
    pairs = [(e, d) for e, d in zip(loaded, loaded_digests, strict=True) if cursor is None or e.order_key() > cursor]
    new_exports = [e for e, _d in pairs]
    digest = InputDigest.from_dict(parent.input_digest)
    digest.add_lots(new_lot_digests)
    digest.add_exports(d for _e, d in pairs)
    new_boms = (
        session.execute(
            select(BomVersionRow.digest).where(BomVersionRow.company_id == company_id, BomVersionRow.rev > rev)
        )
        .scalars()
        .all()
    )
    digest.add_boms(new_boms)
    parent_parts = state_codec.decode(parent.state)
    if parent_parts is None:
        return None
    continuation = Continuation(parent_parts, new_lots)
    boms = load_bom_versions(session, company_id, products={e.part_number for e in new_exports})
    return _Plan(
        "incremental",
        [],
        new_exports,
        boms,
        digest,
        DischargeState({}, cursor),
        parent,
        lineage(parent),
        continuation,
    )


def execute_run(
    session: Session,
    company_id: int,
    *,
    actor: str,
    as_of: date,
    dry_run: bool = False,
    incremental: bool = True,
) -> RunReport:
    """Compute a discharge run as of ``as_of``; save it unless ``dry_run`` (then nothing is written)."""
    t0 = time.perf_counter()
    lock_company(session, company_id)  # one run at a time per company, and no linking underneath it
    input_rev = current_rev(session, company_id)
    parent = latest_run(session, company_id) if incremental else None
    plan = _incremental_plan(session, company_id, as_of, parent) if parent is not None else None
    if plan is None:
        plan = _full_plan(session, company_id, as_of)
    t1 = time.perf_counter()
    streams = plan.continuation.lot_streams() if plan.continuation else None
    result = discharge(plan.lots, plan.exports, plan.boms, state=plan.state, lot_streams=streams)
    if plan.state is not None and not plan.exports:
        result.state.cursor = plan.state.cursor
    t2 = time.perf_counter()
    exports_by_id = {e.id: e for e in plan.exports}
    uncovered_now = [_uncovered_dict(u) for u in result.uncovered]
    report = RunReport(
        id=None,
        created_at=datetime.now(UTC),
        actor=actor,
        algorithm_version=ALGORITHM_VERSION,
        input_hash=plan.digest.hexdigest(),
        as_of=as_of,
        lot_count=plan.digest.lot_count,
        export_line_count=plan.digest.export_count,
        consumption_count=len(result.consumptions),
        mode=plan.mode,
        parent_run_id=plan.parent.id if plan.parent else None,
        dry_run=dry_run,
        uncovered=uncovered_now,
        result=result,
    )
    if plan.parent is not None:
        report.consumption_count += int(plan.parent.consumption_count)
        report.uncovered = lineage_uncovered(session, plan.lineage) + uncovered_now
    del exports_by_id
    if not dry_run:
        run = DischargeRun(
            company_id=company_id,
            parent_run_id=report.parent_run_id,
            mode=plan.mode,
            actor=actor,
            created_at=report.created_at,
            algorithm_version=ALGORITHM_VERSION,
            input_hash=report.input_hash,
            input_digest=plan.digest.to_dict(),
            input_rev=input_rev,
            as_of=as_of,
            lot_count=report.lot_count,
            export_line_count=report.export_line_count,
            consumption_count=report.consumption_count,
            uncovered_count=len(report.uncovered),
            cursor=_cursor_dict(result.state, plan.lineage),
            state=state_codec.encode(_next_state(plan, result)),
        )
        session.add(run)
        session.flush()
        report.id = run.id
        _write_consumptions(session, run.id, result)
        if result.uncovered:
            session.execute(
                insert(UncoveredRow),
                [
                    {
                        "run_id": run.id,
                        "export_line_id": u.export_id,
                        "part_number": u.part_number,
                        "required_quantity": u.required_quantity,
                        "covered_quantity": u.covered_quantity,
                        "uncovered_quantity": u.uncovered_quantity,
                        "unit": u.unit,
                        "reason": u.reason,
                    }
                    for u in result.uncovered
                ],
            )
        audit.record(
            session,
            actor=actor,
            action="discharge.run",
            object_type="discharge_run",
            object_id=run.id,
            company_id=company_id,
            details={
                "mode": plan.mode,
                "input_hash": report.input_hash,
                "as_of": as_of.isoformat(),
                "parent_run_id": run.parent_run_id,
                "lots": report.lot_count,
                "export_lines": report.export_line_count,
                "uncovered": len(report.uncovered),
            },
        )
        session.flush()
    t3 = time.perf_counter()
    report.timings = {"load": t1 - t0, "engine": t2 - t1, "save": t3 - t2, "total": t3 - t0}
    return report


def _next_state(plan: _Plan, result: DischargeResult) -> dict[str, str]:
    floor = result.state.cursor[0] if result.state.cursor else None
    if plan.continuation is not None:
        return plan.continuation.next_state(result.state.consumed, floor)
    return state_codec.full_state(plan.lots, result.state.consumed, floor)


def _uncovered_dict(u: Uncovered) -> dict[str, Any]:
    return {
        "export_pedimento": u.export_pedimento,
        "export_sequence": u.export_sequence,
        "export_date": u.export_date.isoformat(),
        "part_number": u.part_number,
        "required_quantity": float(u.required_quantity),
        "covered_quantity": float(u.covered_quantity),
        "uncovered_quantity": float(u.uncovered_quantity),
        "unit": u.unit,
        "reason": u.reason,
    }


def _write_consumptions(session: Session, run_id: int, result: DischargeResult) -> None:
    rows = result.consumptions
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        raw: Any = connection.connection.driver_connection
        names: dict[str, str] = {}
        prefix = f"{run_id}\t"
        with (
            raw.cursor() as cur,
            cur.copy(
                "COPY chain_consumptions (run_id, export_line_id, lot_id, component, bom_version_id, "
                "quantity) FROM STDIN"
            ) as copy,
        ):
            for start in range(0, len(rows), 20000):
                chunk = []
                for export_id, component, lot_id, qty, version_id in rows[start : start + 20000]:
                    name = names.get(component)
                    if name is None:
                        name = names[component] = _copy_text(component)
                    version = "\\N" if version_id is None else version_id
                    chunk.append(f"{prefix}{export_id}\t{lot_id}\t{name}\t{version}\t{qty}\n")
                copy.write("".join(chunk))
        return
    for start in range(0, len(rows), 5000):
        session.execute(
            insert(ConsumptionRow),
            [
                {
                    "run_id": run_id,
                    "export_line_id": e,
                    "lot_id": lot,
                    "component": c,
                    "bom_version_id": v,
                    "quantity": q,
                }
                for e, c, lot, q, v in rows[start : start + 5000]
            ],
        )


def _copy_text(value: str) -> str:
    """A value escaped for COPY's text format."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# --- reading runs -------------------------------------------------------------------------------------------


def get_run(session: Session, run_id: int, company_id: int | None = None) -> DischargeRun:
    run = session.get(DischargeRun, run_id)
    if run is None or (company_id is not None and run.company_id != company_id):
        raise NotFound(f"There is no discharge run {run_id}.")
    return run


def consumption_totals(session: Session, run: DischargeRun) -> dict[tuple[int, str, int], Decimal]:
    """(export line, component, lot) → quantity over the run's whole lineage."""
    rows = session.execute(
        select(
            ConsumptionRow.export_line_id,
            ConsumptionRow.component,
            ConsumptionRow.lot_id,
            func.sum(ConsumptionRow.quantity),
        )
        .where(ConsumptionRow.run_id.in_(lineage(run)))
        .group_by(ConsumptionRow.export_line_id, ConsumptionRow.component, ConsumptionRow.lot_id)
    )
    return {(e, c, lot): Decimal(q) for e, c, lot, q in rows}


def diff_runs(session: Session, run_a: int, run_b: int) -> dict[str, Any]:
    """Compare two runs line by line: consumption lines only in A, only in B, or with another quantity."""
    a, b = get_run(session, run_a), get_run(session, run_b)
    if a.company_id != b.company_id:
        raise NotFound("The two runs belong to different companies.")
    lines_a, lines_b = consumption_totals(session, a), consumption_totals(session, b)
    keys = set(lines_a) | set(lines_b)
    labels = _labels(session, {k[0] for k in keys}, {k[2] for k in keys})
    out: dict[str, list[dict[str, Any]]] = {"only_in_a": [], "only_in_b": [], "changed": []}
    for key in sorted(keys):
        qa, qb = lines_a.get(key), lines_b.get(key)
        if qa == qb:
            continue
        export_label, lot_label = labels[0].get(key[0], {}), labels[1].get(key[2], {})
        entry = {
            "export_pedimento": export_label.get("pedimento"),
            "export_sequence": export_label.get("sequence"),
            "component": key[1],
            "lot_pedimento": lot_label.get("pedimento"),
            "lot_sequence": lot_label.get("sequence"),
            "quantity_a": float(qa) if qa is not None else None,
            "quantity_b": float(qb) if qb is not None else None,
        }
        out["only_in_a" if qb is None else "only_in_b" if qa is None else "changed"].append(entry)
    return {
        "run_a": _run_summary(a),
        "run_b": _run_summary(b),
        "same_inputs": a.input_hash == b.input_hash,
        "identical": not any(out.values()),
        **out,
    }


def _run_summary(run: DischargeRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "created_at": run.created_at.isoformat(),
        "actor": run.actor,
        "mode": run.mode,
        "algorithm_version": run.algorithm_version,
        "input_hash": run.input_hash,
        "as_of": run.as_of.isoformat(),
        "lot_count": run.lot_count,
        "export_line_count": run.export_line_count,
    }


def _labels(
    session: Session, export_ids: set[int], lot_ids: set[int]
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    exports: dict[int, dict[str, Any]] = {}
    lots: dict[int, dict[str, Any]] = {}
    ids = sorted(export_ids)
    for i in range(0, len(ids), 1000):
        for row in session.execute(
            select(ExportLineRow.id, ExportLineRow.pedimento_number, ExportLineRow.sequence).where(
                ExportLineRow.id.in_(ids[i : i + 1000])
            )
        ):
            exports[row.id] = {"pedimento": row.pedimento_number, "sequence": row.sequence}
    ids = sorted(lot_ids)
    for i in range(0, len(ids), 1000):
        for row in session.execute(
            select(LotRow.id, LotRow.pedimento_number, LotRow.sequence).where(LotRow.id.in_(ids[i : i + 1000]))
        ):
            lots[row.id] = {"pedimento": row.pedimento_number, "sequence": row.sequence}
    return exports, lots
