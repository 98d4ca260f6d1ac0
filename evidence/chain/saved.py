"""Reading the saved discharge: a company's latest run, its lineage, and whether it still says everything.

Readers (``immex lots``, the portal's lots and dashboard, bundles) want the discharge as it stands. When nothing
the latest run read has changed and no export dated after it has come in, a dry run on top of it would add
nothing: the saved lines are the answer and the discharge engine (``runs``) need not even be imported. This
module holds only those reads, on the chain's tables, so that a read-only command stays light.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.chain.discharge import ALGORITHM_VERSION
from evidence.chain.models import DischargeRun, ExportLineRow, UncoveredRow
from evidence.chain.revision import current_rev


def latest_run(session: Session, company_id: int) -> DischargeRun | None:
    return session.scalars(
        select(DischargeRun).where(DischargeRun.company_id == company_id).order_by(DischargeRun.id.desc()).limit(1)
    ).first()


def lineage(run: DischargeRun) -> list[int]:
    """The ids whose consumption lines make up ``run``'s full set (its ancestors and itself)."""
    return [*((run.cursor or {}).get("lineage") or []), run.id]


def says_everything(session: Session, run: DischargeRun, company_id: int, as_of: date) -> bool:
    """Whether a dry run continuing ``run`` up to ``max(as_of, run.as_of)`` would consume nothing new: the same
    algorithm, no lot, export line or BOM changed since (the company's revision counter stands where the run
    read it) and no export line dated after the run's day up to ``as_of``. New lots alone consume nothing."""
    if run.algorithm_version != ALGORITHM_VERSION or current_rev(session, company_id) != run.input_rev:
        return False
    if as_of <= run.as_of:
        return True
    later = session.scalar(
        select(ExportLineRow.id)
        .where(
            ExportLineRow.company_id == company_id,
            ExportLineRow.active.is_(True),
            ExportLineRow.part_number.is_not(None),
            ExportLineRow.export_date > run.as_of,
            ExportLineRow.export_date <= as_of,
        )
        .limit(1)
    )
    return later is None


def lineage_uncovered(session: Session, run_ids: list[int]) -> list[dict[str, Any]]:
    """The uncovered quantities the runs ``run_ids`` saved, oldest first (discharge.md's ``uncovered``)."""
    if not run_ids:
        return []
    rows = session.execute(
        select(UncoveredRow, ExportLineRow.pedimento_number, ExportLineRow.sequence, ExportLineRow.export_date)
        .join(ExportLineRow, ExportLineRow.id == UncoveredRow.export_line_id)
        .where(UncoveredRow.run_id.in_(run_ids))
        .order_by(UncoveredRow.id)
    ).all()
    return [
        {
            "export_pedimento": ped,
            "export_sequence": seq,
            "export_date": day.isoformat(),
            "part_number": u.part_number,
            "required_quantity": float(u.required_quantity),
            "covered_quantity": float(u.covered_quantity),
            "uncovered_quantity": float(u.uncovered_quantity),
            "unit": u.unit,
            "reason": u.reason,
        }
        for u, ped, seq, day in rows
    ]
