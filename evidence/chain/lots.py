"""Import lots and export lines derived from pedimento partidas (discharge.md), with their due dates.

``refresh_pedimento`` keeps a pedimento's lots (IMP with clave IN/AF/V1/V5) or export lines (EXP with
RT/V1/V5/A1, and F4/F5 changes of regime) in step with its partidas and their part numbers. Rows are never
deleted: a row that no longer applies is deactivated. Each content change takes the company's next revision
number, which is how a discharge run knows what changed since the last one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.chain.discharge import ExportLine, Lot, export_digest, lot_digest
from evidence.chain.models import BomVersionRow, ExportLineRow, LotRow, Part, Partida, Pedimento
from evidence.chain.revision import next_rev

IMPORT_CLAVES = frozenset({"IN", "AF", "V1", "V5"})
EXPORT_CLAVES = frozenset({"RT", "V1", "V5", "A1"})
REGIME_CHANGE_CLAVES = frozenset({"F4", "F5"})


@dataclass(frozen=True)
class DueRules:
    months_by_clave: dict[str, int | None]
    long_term_months: int
    long_term_prefixes: tuple[str, ...]
    long_term_patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DueRules:
        long_term = data.get("long_term", {})
        return cls(
            dict(data.get("claves", {})),
            int(long_term.get("months", 24)),
            tuple(long_term.get("tariff_prefixes", [])),
            tuple(re.compile(p) for p in long_term.get("description_patterns", [])),
        )


@lru_cache(maxsize=1)
def default_due_rules() -> DueRules:
    text = resources.files("evidence.chain").joinpath("data/due_rules.json").read_text(encoding="utf-8")
    return DueRules.from_dict(json.loads(text))


def add_months(start: date, months: int) -> date:
    """``start`` plus whole months; the 31st becomes the last day of a shorter month."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise ValueError(start)  # pragma: no cover


def is_long_term(tariff_code: str | None, description: str | None, rules: DueRules) -> bool:
    """Containers and trailer boxes (2 years): by tariff prefix or description pattern."""
    if tariff_code and any(tariff_code.startswith(p) for p in rules.long_term_prefixes):
        return True
    text = (description or "").upper()
    return any(p.search(text) for p in rules.long_term_patterns)


def due_date(
    clave: str, start: date, tariff_code: str | None, description: str | None, rules: DueRules | None = None
) -> date | None:
    rules = rules or default_due_rules()
    if clave not in rules.months_by_clave:
        return add_months(start, 18)
    months = rules.months_by_clave[clave]
    if months is None:
        return None
    if clave == "IN" and is_long_term(tariff_code, description, rules):
        months = rules.long_term_months
    return add_months(start, months)


def pedimento_date(ped: Pedimento) -> date | None:
    """The lot's start date: entry date, else payment date (presentation date last, for exports). A date that
    is there but cannot be read (``Pedimento.unusable``) stops the search: no other date is used in its place,
    and the findings name it."""
    unreadable = {u.get("field") for u in (ped.unusable or []) if u.get("line_index") is None}
    for name in ("entry_date", "payment_date", "presentation_date"):
        if name in unreadable:
            return None
        value = getattr(ped, name)
        if value is not None:
            return value  # type: ignore[no-any-return]
    return None


def pedimento_role(ped: Pedimento) -> str | None:
    """``import`` (creates lots), ``export`` (discharges them) or None."""
    clave = (ped.clave or "").upper()
    operation = (ped.operation_type or "").upper()
    if clave in REGIME_CHANGE_CLAVES:
        return "export"
    if operation == "IMP" and clave in IMPORT_CLAVES:
        return "import"
    if operation == "EXP" and clave in EXPORT_CLAVES:
        return "export"
    return None


def refresh_pedimento(session: Session, ped: Pedimento, part_numbers: dict[int, str | None]) -> dict[str, int]:
    """Bring the lots / export lines of ``ped`` in step; ``part_numbers`` maps partida id → assigned part.

    Only the reading of the pedimento number that governs (``sources``) makes lots or export lines; it takes
    over the rows another reading of the same number made, so a lot keeps its id whichever document drives it.
    """
    from evidence.chain.sources import identity

    who = identity(session, ped)
    role, start, clave = who.role, who.start, who.clave
    partidas = session.scalars(select(Partida).where(Partida.pedimento_id == ped.id)).all()
    lots = {r.partida_id: r for r in session.scalars(select(LotRow).where(LotRow.pedimento_id == ped.id))}
    exports = {
        r.partida_id: r for r in session.scalars(select(ExportLineRow).where(ExportLineRow.pedimento_id == ped.id))
    }
    if role is not None:
        _take_over(session, LotRow, ped, partidas, lots)
        _take_over(session, ExportLineRow, ped, partidas, exports)
    counts = {"lots": 0, "export_lines": 0, "changed": 0}
    rev: list[int] = []  # taken lazily: only a real change takes a revision

    def take_rev() -> int:
        if not rev:
            rev.append(next_rev(session, ped.company_id))
        return rev[0]

    for partida in partidas:
        usable = (
            partida.present
            and start is not None
            and partida.umc_quantity is not None
            and partida.umc_quantity > 0
            and bool(ped.pedimento_number)
        )
        part = part_numbers.get(partida.id)
        lot_row = lots.get(partida.id)
        exp_row = exports.get(partida.id)
        if role == "import" and usable:
            assert start is not None and ped.pedimento_number
            counts["lots"] += 1
            lot_row = _upsert_lot(session, ped, partida, part, start, clave, lot_row, take_rev, counts)
        elif lot_row is not None and lot_row.active:
            lot_row.active = False
            lot_row.rev = take_rev()
            counts["changed"] += 1
        if role == "export" and usable:
            assert start is not None and ped.pedimento_number
            counts["export_lines"] += 1
            _upsert_export(session, ped, partida, part, start, clave, exp_row, take_rev, counts)
        elif exp_row is not None and exp_row.active:
            exp_row.active = False
            exp_row.rev = take_rev()
            counts["changed"] += 1
    if role is not None:
        _catalogue(session, ped.company_id, [(p, part_numbers.get(p.id)) for p in partidas if p.present])
    session.flush()
    return counts


def _take_over(session: Session, model: Any, ped: Pedimento, partidas: Any, rows: dict[Any, Any]) -> None:
    """Rows another reading of the same pedimento number made for the same partida sequence become this
    reading's (re-pointed at its partida), so a second source of a pedimento never creates second lots."""
    if not ped.pedimento_number:
        return
    wanted = {p.sequence: p for p in partidas if p.id not in rows}
    if not wanted:
        return
    others = session.scalars(
        select(model)
        .where(
            model.company_id == ped.company_id,
            model.pedimento_number == ped.pedimento_number,
            model.sequence.in_(sorted(wanted)),
            model.pedimento_id != ped.id,
        )
        .order_by(model.active.desc(), model.id)
    ).all()
    for row in others:
        partida = wanted.pop(row.sequence, None)
        if partida is None:
            continue
        row.partida_id = partida.id
        row.pedimento_id = ped.id
        rows[partida.id] = row
    session.flush()


def _catalogue(session: Session, company_id: int, partidas: list[tuple[Partida, str | None]]) -> None:
    """Add the part numbers met on partidas to the catalogue, filling a missing unit, description or tariff code
    (a part with a BOM is a product; any other is a material)."""
    wanted = {part: partida for partida, part in partidas if part}
    if not wanted:
        return
    known = {
        p.part_number: p
        for p in session.scalars(
            select(Part).where(Part.company_id == company_id, Part.part_number.in_(sorted(wanted)))
        )
    }
    products = set(
        session.scalars(
            select(BomVersionRow.product).where(
                BomVersionRow.company_id == company_id, BomVersionRow.product.in_(sorted(wanted))
            )
        )
    )
    for part, partida in sorted(wanted.items()):
        row = known.get(part)
        if row is None:
            row = Part(company_id=company_id, part_number=part, kind="product" if part in products else "material")
            session.add(row)
        row.unit = row.unit or partida.umc
        row.description = row.description or partida.description
        row.tariff_code = row.tariff_code or partida.tariff_code


def _upsert_lot(
    session: Session,
    ped: Pedimento,
    partida: Partida,
    part: str | None,
    start: date,
    clave: str,
    row: LotRow | None,
    take_rev: Any,
    counts: dict[str, int],
) -> LotRow:
    quantity = Decimal(partida.umc_quantity or 0)
    values = {
        "pedimento_number": ped.pedimento_number,
        "sequence": partida.sequence,
        "part_number": part,
        "tariff_code": partida.tariff_code,
        "description": partida.description,
        "clave": clave,
        "start_date": start,
        "due_date": due_date(clave, start, partida.tariff_code, partida.description),
        "unit": partida.umc or "",
        "quantity": quantity,
    }
    lot: LotRow = _upsert_row(
        session, LotRow, ped, partida, row, values, lambda r: lot_digest(to_engine_lot(r)), take_rev, counts
    )
    return lot


def _upsert_export(
    session: Session,
    ped: Pedimento,
    partida: Partida,
    part: str | None,
    day: date,
    clave: str,
    row: ExportLineRow | None,
    take_rev: Any,
    counts: dict[str, int],
) -> ExportLineRow:
    values = {
        "pedimento_number": ped.pedimento_number,
        "sequence": partida.sequence,
        "clave": clave,
        "export_date": day,
        "part_number": part,
        "quantity": Decimal(partida.umc_quantity or 0),
        "unit": partida.umc or "",
    }
    line: ExportLineRow = _upsert_row(
        session,
        ExportLineRow,
        ped,
        partida,
        row,
        values,
        lambda r: export_digest(to_engine_export(r)),
        take_rev,
        counts,
    )
    return line


def _upsert_row(
    session: Session,
    model: Any,
    ped: Pedimento,
    partida: Partida,
    row: Any,
    values: dict[str, Any],
    digest_of: Any,
    take_rev: Any,
    counts: dict[str, int],
) -> Any:
    """Insert a lot or export line, or update it in place; a change of content (its digest) or a reactivation
    takes a new revision, so incremental discharge runs see it."""
    if row is None:
        rev = take_rev()
        row = model(
            company_id=ped.company_id,
            partida_id=partida.id,
            pedimento_id=ped.id,
            active=True,
            digest="",
            rev=rev,
            created_rev=rev,
            **values,
        )
        session.add(row)
        session.flush()
        row.digest = digest_of(row)
        counts["changed"] += 1
        return row
    for key, value in values.items():
        setattr(row, key, value)
    digest = digest_of(row)
    if digest != row.digest or not row.active:
        row.digest = digest
        row.active = True
        row.rev = take_rev()
        counts["changed"] += 1
    return row


def _qty(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    return Decimal(value) if value is not None else Decimal(0)


def to_engine_lot(row: Any) -> Lot:
    """A ``LotRow`` (or a row with the same columns) as the engine's ``Lot``."""
    return Lot(
        row.id,
        row.pedimento_number,
        row.sequence,
        row.part_number or "",
        row.clave,
        row.start_date,
        row.due_date,
        _qty(row.quantity),
        row.unit,
        row.tariff_code or "",
    )


def to_engine_export(row: Any) -> ExportLine:
    return ExportLine(
        row.id,
        row.pedimento_number,
        row.sequence,
        row.export_date,
        row.part_number or "",
        _qty(row.quantity),
        row.unit,
        row.clave,
    )
