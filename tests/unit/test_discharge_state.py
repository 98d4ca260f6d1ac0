"""A chain of continued runs through the stored state (lazy per-part streams) equals one full run."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.chain import state as codec
from evidence.chain.discharge import DischargeState, discharge
from tests.unit.test_discharge_properties import BASE, boms_strategy, exports_strategy, lots_strategy


@settings(max_examples=120, deadline=None)
@given(
    lots_strategy(),
    boms_strategy(),
    exports_strategy(),
    st.lists(st.integers(0, 800), min_size=1, max_size=3, unique=True),
)
def test_runs_continued_through_the_stored_state_equal_a_full_run(lots, boms, exports, cut_days):
    full = discharge(lots, exports, boms)
    cuts = [BASE + timedelta(days=d) for d in sorted(cut_days)]
    first_lots = [lot for lot in lots if lot.start_date <= cuts[0]]
    first = discharge(first_lots, [e for e in exports if e.date <= cuts[0]], boms)
    consumptions, uncovered = list(first.consumptions), list(first.uncovered)
    cursor = first.state.cursor
    blob = codec.encode(codec.full_state(first_lots, first.state.consumed, cursor[0] if cursor else None))
    bounds = [*cuts[1:], None]
    for lower, upper in zip(cuts, bounds, strict=True):
        new_lots = [lot for lot in lots if lot.start_date > lower and (upper is None or lot.start_date <= upper)]
        new_exports = [e for e in exports if e.date > lower and (upper is None or e.date <= upper)]
        parts = codec.decode(blob)
        assert parts is not None
        continuation = codec.Continuation(parts, new_lots)
        step = discharge(
            [], new_exports, boms, state=DischargeState({}, cursor), lot_streams=continuation.lot_streams()
        )
        consumptions += step.consumptions
        uncovered += step.uncovered
        cursor = step.state.cursor
        blob = codec.encode(continuation.next_state(step.state.consumed, cursor[0] if cursor else None))
    assert consumptions == full.consumptions
    assert uncovered == full.uncovered


def test_an_old_or_damaged_state_is_refused() -> None:
    assert codec.decode(b"not zlib") is None
    assert codec.decode(codec.zlib.compress(b'{"v": 1, "parts": {}}')) is None
