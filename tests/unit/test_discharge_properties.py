"""Property tests of the FIFO discharge engine on random lots, BOMs and export lines."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.chain.discharge import (
    BomComponent,
    BomIndex,
    BomVersion,
    DischargeState,
    ExportLine,
    Lot,
    discharge,
    export_digest,
    input_digest,
    lot_digest,
    required_quantity,
)

PARTS = ["P1", "P2", "P3", "P4"]
PRODUCTS = ["FG1", "FG2"]
BASE = date(2024, 1, 1)

quantities = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("500"), places=2)


@st.composite
def lots_strategy(draw: st.DrawFn) -> list[Lot]:
    count = draw(st.integers(min_value=0, max_value=25))
    lots = []
    for i in range(count):
        start = BASE + timedelta(days=draw(st.integers(0, 400)))
        clave = draw(st.sampled_from(["IN", "IN", "AF", "V1"]))
        due = None if clave == "AF" else start + timedelta(days=draw(st.sampled_from([60, 200, 548, 730])))
        lots.append(
            Lot(
                id=i + 1,
                pedimento_number=f"24{draw(st.integers(0, 9)):013d}",
                sequence=draw(st.integers(1, 5)),
                part_number=draw(st.sampled_from(PARTS)),
                clave=clave,
                start_date=start,
                due_date=due,
                quantity=draw(quantities),
                unit="6",
            )
        )
    return lots


@st.composite
def boms_strategy(draw: st.DrawFn) -> list[BomVersion]:
    versions = []
    next_id = 1
    for product in PRODUCTS:
        for _ in range(draw(st.integers(0, 2))):
            start = BASE + timedelta(days=draw(st.integers(0, 300)))
            end = draw(st.one_of(st.none(), st.just(start + timedelta(days=200))))
            parts = draw(st.lists(st.sampled_from(PARTS), min_size=1, max_size=3, unique=True))
            components = tuple(
                BomComponent(
                    p,
                    draw(
                        st.decimals(
                            min_value=Decimal("0.1"), max_value=Decimal("5"), places=draw(st.sampled_from([2, 8]))
                        )
                    ),
                    draw(st.sampled_from([Decimal(0), Decimal("2.5"), Decimal(10)])),
                    "6",
                )
                for p in parts
            )
            versions.append(BomVersion(next_id, product, start, end, components))
            next_id += 1
    return versions


@st.composite
def exports_strategy(draw: st.DrawFn) -> list[ExportLine]:
    count = draw(st.integers(min_value=0, max_value=25))
    return [
        ExportLine(
            id=1000 + i,
            pedimento_number=f"25{draw(st.integers(0, 9)):013d}",
            sequence=draw(st.integers(1, 3)),
            date=BASE + timedelta(days=draw(st.integers(0, 800))),
            part_number=draw(st.sampled_from(PARTS + PRODUCTS)),
            quantity=draw(st.decimals(min_value=Decimal("0.5"), max_value=Decimal("100"), places=2)),
            unit="6",
            clave=draw(st.sampled_from(["RT", "V1", "F4", "A1"])),
        )
        for i in range(count)
    ]


def naive_discharge(lots: list[Lot], exports: list[ExportLine], boms: list[BomVersion]):
    """The contract's rules written as plainly as possible (quadratic), to compare the engine against."""
    index = BomIndex(boms)
    balance = {lot.id: lot.quantity for lot in lots}
    taken: list[tuple[int, str, int, Decimal]] = []
    short: list[tuple[int, str, Decimal]] = []
    for line in sorted(exports, key=lambda e: (e.date, e.pedimento_number, e.sequence, e.id)):
        version = index.in_force(line.part_number, line.date) if index.is_product(line.part_number) else None
        if version is not None:
            needs = [(c.component, required_quantity(line.quantity, c)) for c in version.components]
        elif index.is_product(line.part_number) and not any(lot.part_number == line.part_number for lot in lots):
            short.append((line.id, line.part_number, line.quantity))
            continue
        else:
            needs = [(line.part_number, line.quantity)]
        for part, need in needs:
            candidates = sorted(
                (
                    lot
                    for lot in lots
                    if lot.part_number == part
                    and lot.start_date <= line.date
                    and (lot.due_date is None or lot.due_date >= line.date)
                ),
                key=lambda lot: (lot.start_date, lot.pedimento_number, lot.sequence, lot.id),
            )
            left = need
            for lot in candidates:
                if left <= 0:
                    break
                take = min(balance[lot.id], left)
                if take > 0:
                    balance[lot.id] -= take
                    left -= take
                    taken.append((line.id, part, lot.id, take))
            if left > 0:
                short.append((line.id, part, left))
    return taken, short, balance


@settings(max_examples=120, deadline=None)
@given(lots_strategy(), boms_strategy(), exports_strategy())
def test_engine_matches_the_plain_rules(lots, boms, exports):
    result = discharge(lots, exports, boms)
    taken, short, balance = naive_discharge(lots, exports, boms)
    assert [(c[0], c[1], c[2], c[3]) for c in result.consumptions] == taken
    assert [(u.export_id, u.part_number, u.uncovered_quantity) for u in result.uncovered] == short
    for lot in lots:
        assert result.balance(lot) == balance[lot.id]


@settings(max_examples=120, deadline=None)
@given(lots_strategy(), boms_strategy(), exports_strategy())
def test_imported_equals_discharged_plus_balance(lots, boms, exports):
    result = discharge(lots, exports, boms)
    discharged: dict[int, Decimal] = defaultdict(Decimal)
    for _export, _part, lot_id, qty, _version in result.consumptions:
        assert qty > 0
        assert qty.as_tuple().exponent >= -8, "a quantity finer than the 8 decimals it is stored with"
        discharged[lot_id] += qty
    for lot in lots:
        assert result.balance(lot) >= 0
        assert lot.quantity == discharged[lot.id] + result.balance(lot)


@settings(max_examples=120, deadline=None)
@given(lots_strategy(), boms_strategy(), exports_strategy())
def test_consumption_adds_up_per_export_line(lots, boms, exports):
    result = discharge(lots, exports, boms)
    index = BomIndex(boms)
    covered: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for export_id, part, _lot, qty, _version in result.consumptions:
        covered[(export_id, part)] += qty
    short = {(u.export_id, u.part_number): u for u in result.uncovered}
    for line in exports:
        version = index.in_force(line.part_number, line.date) if index.is_product(line.part_number) else None
        if (
            version is None
            and (line.id, line.part_number) in short
            and short[(line.id, line.part_number)].reason == "no_bom_in_force"
        ):
            continue
        needs = (
            [(c.component, required_quantity(line.quantity, c)) for c in version.components]
            if version
            else [(line.part_number, line.quantity)]
        )
        for part, need in needs:
            got = covered[(line.id, part)]
            missing = short[(line.id, part)].uncovered_quantity if (line.id, part) in short else Decimal(0)
            assert got + missing == need
            if (line.id, part) in short:
                assert short[(line.id, part)].covered_quantity == got


@settings(max_examples=120, deadline=None)
@given(lots_strategy(), boms_strategy(), exports_strategy())
def test_fifo_never_violated_and_ineligible_lots_never_consumed(lots, boms, exports):
    result = discharge(lots, exports, boms)
    by_id = {lot.id: lot for lot in lots}
    by_export = {line.id: line for line in exports}
    # replay the consumptions in order and check, at each step, that no older eligible lot still had stock
    balance = {lot.id: lot.quantity for lot in lots}
    for export_id, part, lot_id, qty, _version in result.consumptions:
        lot = by_id[lot_id]
        day = by_export[export_id].date
        assert lot.part_number == part
        assert lot.start_date <= day, "a lot was consumed before it was imported"
        assert lot.due_date is None or lot.due_date >= day, "an expired lot was consumed"
        for other in lots:
            if (
                other.part_number == part
                and other.fifo_key() < lot.fifo_key()
                and other.start_date <= day
                and (other.due_date is None or other.due_date >= day)
            ):
                assert balance[other.id] == 0, "an older lot still had stock"
        balance[lot_id] -= qty


@settings(max_examples=100, deadline=None)
@given(lots_strategy(), boms_strategy(), exports_strategy())
def test_same_inputs_same_result_and_hash(lots, boms, exports):
    first = discharge(lots, exports, boms)
    second = discharge(list(reversed(lots)), list(reversed(exports)), list(reversed(boms)))
    assert first.consumptions == second.consumptions
    assert first.uncovered == second.uncovered
    assert (
        input_digest(lots, exports, boms).hexdigest()
        == input_digest(list(reversed(lots)), list(reversed(exports)), list(reversed(boms))).hexdigest()
    )


@settings(max_examples=120, deadline=None)
@given(lots_strategy(), boms_strategy(), exports_strategy(), st.integers(0, 800))
def test_continuing_from_a_state_equals_a_full_run(lots, boms, exports, cut_day):
    cut = BASE + timedelta(days=cut_day)
    before = [e for e in exports if e.date <= cut]
    after = [e for e in exports if e.date > cut]
    old_lots = [lot for lot in lots if lot.start_date <= cut]
    full = discharge(lots, exports, boms)
    first = discharge(old_lots, before, boms)
    frozen = first.state.copy()
    second = discharge(lots, after, boms, state=first.state)
    assert first.state.consumed == frozen.consumed, "the given state must not be modified"
    assert first.consumptions + second.consumptions == full.consumptions
    assert first.uncovered + second.uncovered == full.uncovered
    assert second.state.consumed == {k: v for k, v in full.state.consumed.items()}
    digest = input_digest(old_lots, before, boms)
    digest.add_lots(lot_digest(lot) for lot in lots if lot.start_date > cut)
    digest.add_exports(export_digest(e) for e in after)
    assert digest.hexdigest() == input_digest(lots, exports, boms).hexdigest()


def test_state_default_is_empty():
    assert DischargeState().consumed == {}
