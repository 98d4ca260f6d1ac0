"""The discharge (descargo) engine: FIFO consumption of import lots by export lines, per discharge.md.

Pure functions over plain dataclasses: nothing here touches a database. ``discharge()`` takes the lots, the
export lines and the BOM versions and returns the consumption lines, the uncovered quantities and a
``DischargeState`` (what each lot has given so far and the last export processed). Given that state and only
export lines that sort after it, ``discharge()`` continues where it stopped, with exactly the result a full
run over all the export lines would give; ``runs.py`` uses that for incremental runs.

Cost: sorting (n log n) plus one pass; each lot is passed over at most once after it is exhausted or expired,
because export lines are processed in date order and expiry is permanent.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

ALGORITHM_VERSION = "fifo-1.0"
ZERO = Decimal(0)
HUNDRED = Decimal(100)
QUANTUM = Decimal("1E-8")
_HASH_MOD = 1 << 256
_Date = date  # ExportLine has a field named ``date``


@dataclass(slots=True)
class Lot:
    """One import lot: (import pedimento, partida, part number)."""

    id: int
    pedimento_number: str
    sequence: int
    part_number: str
    clave: str
    start_date: date
    due_date: date | None
    quantity: Decimal
    unit: str
    tariff_code: str = ""

    def fifo_key(self) -> tuple[date, str, int, int]:
        return (self.start_date, self.pedimento_number, self.sequence, self.id)


@dataclass(slots=True)
class ExportLine:
    """One export partida (RT, V1/V5, A1 packaging return) or change of regime (F4/F5)."""

    id: int
    pedimento_number: str
    sequence: int
    date: _Date
    part_number: str
    quantity: Decimal
    unit: str
    clave: str

    def order_key(self) -> tuple[_Date, str, int, int]:
        return (self.date, self.pedimento_number, self.sequence, self.id)


@dataclass(frozen=True, slots=True)
class BomComponent:
    component: str
    quantity_per_unit: Decimal
    scrap_pct: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class BomVersion:
    """A product's bill of materials in force from ``valid_from`` to ``valid_to`` (inclusive, None = open)."""

    id: int
    product: str
    valid_from: date
    valid_to: date | None
    components: tuple[BomComponent, ...]


@dataclass(frozen=True, slots=True)
class Uncovered:
    export_id: int
    export_pedimento: str
    export_sequence: int
    export_date: date
    part_number: str
    required_quantity: Decimal
    covered_quantity: Decimal
    uncovered_quantity: Decimal
    unit: str
    reason: str  # no_stock | no_bom_in_force


# (export_id, component part number, lot_id, quantity, bom_version_id or None)
Consumption = tuple[int, str, int, Decimal, int | None]


@dataclass
class DischargeState:
    """Where a run stopped: what each lot has given so far, and the last export line processed."""

    consumed: dict[int, Decimal] = field(default_factory=dict)
    cursor: tuple[date, str, int, int] | None = None

    def copy(self) -> DischargeState:
        return DischargeState(dict(self.consumed), self.cursor)


@dataclass
class DischargeResult:
    consumptions: list[Consumption]
    uncovered: list[Uncovered]
    state: DischargeState
    export_count: int

    def balance(self, lot: Lot) -> Decimal:
        return lot.quantity - self.state.consumed.get(lot.id, ZERO)


class DischargeOrderError(ValueError):
    """Raised when a continued run is given an export line that sorts before the state's cursor."""


def required_quantity(export_quantity: Decimal, component: BomComponent) -> Decimal:
    """Q × quantity_per_unit × (1 + scrap_pct / 100), rounded half up to ``QUANTUM`` (8 decimal places, the
    precision quantities are stored with), so that stored consumption lines add up exactly."""
    return (export_quantity * component.quantity_per_unit * (1 + component.scrap_pct / HUNDRED)).quantize(
        QUANTUM, ROUND_HALF_UP
    )


class BomIndex:
    """The BOM version in force on a date, per product, in O(log n)."""

    def __init__(self, versions: Iterable[BomVersion]) -> None:
        by_product: dict[str, list[BomVersion]] = {}
        for version in versions:
            by_product.setdefault(version.product, []).append(version)
        self._versions: dict[str, list[BomVersion]] = {}
        self._starts: dict[str, list[date]] = {}
        for product, items in by_product.items():
            items.sort(key=lambda v: (v.valid_from, v.id))
            self._versions[product] = items
            self._starts[product] = [v.valid_from for v in items]

    def is_product(self, part_number: str) -> bool:
        return part_number in self._versions

    def in_force(self, product: str, on: date) -> BomVersion | None:
        """The latest-starting version with valid_from ≤ on ≤ valid_to (a later import wins a tie)."""
        items = self._versions.get(product)
        if not items:
            return None
        index = bisect_right(self._starts[product], on)
        while index > 0:
            index -= 1
            version = items[index]
            if version.valid_to is None or version.valid_to >= on:
                return version
        return None


class _PartQueue:
    """The lots of one part number in FIFO order, with a head that skips exhausted and expired lots. ``more``
    yields further lots (in FIFO order, after ``lots``) only when the head reaches the end of the list."""

    __slots__ = ("lots", "head", "more")

    def __init__(self, lots: list[Lot], more: Iterator[Lot] | None = None) -> None:
        self.lots = lots
        self.head = 0
        self.more = more

    def extend(self) -> bool:
        """Pull the next lot from ``more``; False when there is none."""
        if self.more is None:
            return False
        lot = next(self.more, None)
        if lot is None:
            self.more = None
            return False
        self.lots.append(lot)
        return True


def _build_queues(lots: Iterable[Lot]) -> dict[str, _PartQueue]:
    by_part: dict[str, list[Lot]] = {}
    for lot in lots:
        by_part.setdefault(lot.part_number, []).append(lot)
    queues = {}
    for part, items in by_part.items():
        items.sort(key=Lot.fifo_key)
        queues[part] = _PartQueue(items)
    return queues


def discharge(
    lots: Iterable[Lot],
    exports: Iterable[ExportLine],
    boms: Iterable[BomVersion],
    *,
    state: DischargeState | None = None,
    lot_streams: Mapping[str, Iterator[Lot]] | None = None,
) -> DischargeResult:
    """Consume ``lots`` by ``exports`` first in, first out; continue from ``state`` when given.

    ``lot_streams`` gives, per part number not in ``lots``, an iterator of its lots in FIFO order that is read
    only as far as consumption reaches (a continued run decodes no more of its parent's state than it needs).
    ``state`` is not modified; the returned result carries a new one.
    """
    state = state.copy() if state is not None else DischargeState()
    queues = _build_queues(lots)
    for part, stream in (lot_streams or {}).items():
        if part in queues:
            raise ValueError(f"part {part} is given both as lots and as a stream")
        queues[part] = _PartQueue([], stream)
    bom_index = BomIndex(boms)
    ordered = sorted(exports, key=ExportLine.order_key)
    if state.cursor is not None and ordered and ordered[0].order_key() <= state.cursor:
        first = ordered[0]
        raise DischargeOrderError(
            f"export {first.pedimento_number}/{first.sequence} of {first.date} is not after the last export "
            "already discharged; run a full discharge instead"
        )
    consumed = state.consumed
    factor_cache: dict[int, list[tuple[str, Decimal, str]]] = {}
    consumptions: list[Consumption] = []
    uncovered: list[Uncovered] = []
    for line in ordered:
        day = line.date
        is_product = bom_index.is_product(line.part_number)
        version = bom_index.in_force(line.part_number, day) if is_product else None
        if version is not None:
            factors = factor_cache.get(version.id)
            if factors is None:
                factors = factor_cache[version.id] = [
                    (c.component, c.quantity_per_unit * (1 + c.scrap_pct / HUNDRED), c.unit) for c in version.components
                ]
            quantity = line.quantity
            needs = [
                (component, (quantity * factor).quantize(QUANTUM, ROUND_HALF_UP), unit)
                for component, factor, unit in factors
            ]
            version_id: int | None = version.id
        elif is_product and line.part_number not in queues:
            uncovered.append(
                Uncovered(
                    line.id,
                    line.pedimento_number,
                    line.sequence,
                    day,
                    line.part_number,
                    line.quantity,
                    ZERO,
                    line.quantity,
                    line.unit,
                    "no_bom_in_force",
                )
            )
            continue
        else:
            needs = [(line.part_number, line.quantity, line.unit)]
            version_id = None
        for component, needed, unit in needs:
            covered = _consume(
                queues.get(component), needed, day, line.id, component, version_id, consumed, consumptions
            )
            if covered < needed:
                uncovered.append(
                    Uncovered(
                        line.id,
                        line.pedimento_number,
                        line.sequence,
                        day,
                        component,
                        needed,
                        covered,
                        needed - covered,
                        unit,
                        "no_stock",
                    )
                )
    if ordered:
        state.cursor = ordered[-1].order_key()
    return DischargeResult(consumptions, uncovered, state, len(ordered))


def _consume(
    queue: _PartQueue | None,
    needed: Decimal,
    day: date,
    export_id: int,
    component: str,
    version_id: int | None,
    consumed: dict[int, Decimal],
    out: list[Consumption],
) -> Decimal:
    """Take ``needed`` from the queue's lots, oldest first; return how much was covered."""
    if queue is None or needed <= ZERO:
        return ZERO
    lots = queue.lots
    remaining = needed
    index = queue.head
    while remaining > ZERO:
        if index >= len(lots) and not queue.extend():
            break
        lot = lots[index]
        if lot.start_date > day:
            break  # this lot and every later one are not imported yet on this date
        used = consumed.get(lot.id, ZERO)
        balance = lot.quantity - used
        expired = lot.due_date is not None and lot.due_date < day
        if balance <= ZERO or expired:
            # dead for this and every later export line: every lot before ``index`` is dead too
            queue.head = index + 1
            index += 1
            continue
        take = balance if balance < remaining else remaining
        consumed[lot.id] = used + take
        remaining -= take
        out.append((export_id, component, lot.id, take, version_id))
        if take == balance:
            queue.head = index + 1
            index += 1
    return needed - remaining


# --- status and input hash -------------------------------------------------------------------------------


def lot_status(balance: Decimal, due_date: date | None, as_of: date, expiring_days: int = 60) -> str:
    """discharged · expired · expiring · open, per discharge.md."""
    if balance <= ZERO:
        return "discharged"
    if due_date is None:
        return "open"
    if due_date < as_of:
        return "expired"
    if (due_date - as_of).days <= expiring_days:
        return "expiring"
    return "open"


def dec_str(value: Decimal) -> str:
    """A canonical text form of a quantity: no exponent, no trailing zeros."""
    if value == ZERO:
        return "0"
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def lot_digest(lot: Lot) -> str:
    canonical = "|".join(
        [
            "L",
            str(lot.id),
            lot.pedimento_number,
            str(lot.sequence),
            lot.part_number,
            lot.clave,
            lot.start_date.isoformat(),
            lot.due_date.isoformat() if lot.due_date else "",
            dec_str(lot.quantity),
            lot.unit,
        ]
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def export_digest(line: ExportLine) -> str:
    canonical = "|".join(
        [
            "E",
            str(line.id),
            line.pedimento_number,
            str(line.sequence),
            line.date.isoformat(),
            line.part_number,
            dec_str(line.quantity),
            line.unit,
            line.clave,
        ]
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def bom_digest(version: BomVersion) -> str:
    parts = [
        "B",
        str(version.id),
        version.product,
        version.valid_from.isoformat(),
        version.valid_to.isoformat() if version.valid_to else "",
    ]
    for c in sorted(version.components, key=lambda c: c.component):
        parts.append(f"{c.component}:{dec_str(c.quantity_per_unit)}:{dec_str(c.scrap_pct)}:{c.unit}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@dataclass
class InputDigest:
    """An order-independent hash of a multiset of rows: the sum of their SHA-256 values mod 2^256, a count.

    Adding rows to an input set adds to the sum, so a continued run can extend its parent's digest without
    reading every row again, and still reach the digest a full run over the same rows computes.
    """

    lots: int = 0
    lot_count: int = 0
    exports: int = 0
    export_count: int = 0
    boms: int = 0
    bom_count: int = 0

    def add_lots(self, digests: Iterable[str]) -> None:
        for d in digests:
            self.lots = (self.lots + int(d, 16)) % _HASH_MOD
            self.lot_count += 1

    def add_exports(self, digests: Iterable[str]) -> None:
        for d in digests:
            self.exports = (self.exports + int(d, 16)) % _HASH_MOD
            self.export_count += 1

    def add_boms(self, digests: Iterable[str]) -> None:
        for d in digests:
            self.boms = (self.boms + int(d, 16)) % _HASH_MOD
            self.bom_count += 1

    def hexdigest(self) -> str:
        text = (
            f"lots:{self.lot_count}:{self.lots:064x}|exports:{self.export_count}:{self.exports:064x}|"
            f"boms:{self.bom_count}:{self.boms:064x}"
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def to_dict(self) -> dict[str, str | int]:
        return {
            "lots": f"{self.lots:064x}",
            "lot_count": self.lot_count,
            "exports": f"{self.exports:064x}",
            "export_count": self.export_count,
            "boms": f"{self.boms:064x}",
            "bom_count": self.bom_count,
        }

    @classmethod
    def from_dict(cls, data: dict[str, str | int]) -> InputDigest:
        return cls(
            int(str(data["lots"]), 16),
            int(data["lot_count"]),
            int(str(data["exports"]), 16),
            int(data["export_count"]),
            int(str(data["boms"]), 16),
            int(data["bom_count"]),
        )


def input_digest(lots: Sequence[Lot], exports: Sequence[ExportLine], boms: Sequence[BomVersion]) -> InputDigest:
    digest = InputDigest()
    digest.add_lots(lot_digest(lot) for lot in lots)
    digest.add_exports(export_digest(line) for line in exports)
    digest.add_boms(bom_digest(version) for version in boms)
    return digest
