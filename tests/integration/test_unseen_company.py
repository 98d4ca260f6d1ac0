"""A company whose documents all come in arrangements held out of development: its chain read from the PDFs is
compared with the chain its truth builds (``tests/unseen_world.py``; the gap is measured by
``benchmarks/unseen_company.py``).

What must already hold: the truth's chain is complete and agrees with the BOM arithmetic done here, and every
lot the chain read from the PDFs holds wrong is marked ``awaiting_review`` (a document behind it waits for a
clerk). That the chain never holds a wrong lot at all held on rounds 9 to 11's worlds and fails on round 12's (a
strict expected failure until the readers read it). Lots the readers do not build yet (or build without a part
number) are the gap the benchmark reports; when the readers build all of them, ``test_every_lot_is_built_exactly``
passes too.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from evidence.db import Database
from extractors.pipeline import extract
from tests.integration.test_chain_support import chain_db, make_company
from tests.unseen_world import World, compare, load_world, truth_result, write_world

pytestmark = pytest.mark.integration
__all__ = ["chain_db"]
OTHER_RFC = "MDN200101AB1"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, Path, list[dict[str, Any]]]:
    outdir = tmp_path_factory.mktemp("unseen-company")
    drawn = write_world(outdir)
    return drawn, outdir, [extract(outdir / doc.file) for doc in drawn.docs]


@pytest.fixture(scope="module")
def drawn_world(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, Path]:
    """The world's documents and truth only, nothing read (for what must hold whatever the readers do)."""
    outdir = tmp_path_factory.mktemp("unseen-company-truth")
    return write_world(outdir), outdir


def test_the_truths_chain_is_complete(chain_db: Database, drawn_world: tuple[World, Path]) -> None:
    """A perfect reader's chain: the world's documents are all held out, every import partida is a lot with its
    part number, and what the exports consumed (discharged plus uncovered) is what the BOM asks for."""
    from tests.synth.generate import is_held_out

    drawn, outdir = drawn_world
    assert {d.doc_type for d in drawn.docs} == {"pedimento", "commercial_invoice", "bill_of_lading", "cfdi"}
    assert all(is_held_out(d.doc_type, d.arrangement) for d in drawn.docs)
    results = [truth_result(d) for d in drawn.docs]
    expected = load_world(chain_db, make_company(chain_db, drawn.rfc), drawn, results, outdir)
    lots = expected["lots"]
    assert len(lots) == sum(len(d.truth["lines"]) for d in drawn.docs if d.truth["fields"].get("clave") == "IN")
    assert all(key[0] for key in lots.values())
    consumed: dict[str, Decimal] = {}
    for part, _imported, discharged, *_rest in lots.values():
        consumed[part] = consumed.get(part, Decimal(0)) + Decimal(str(discharged))
    for _ped, part, quantity in expected["uncovered"]:
        consumed[part] = consumed.get(part, Decimal(0)) + Decimal(quantity)
    assert {p: q for p, q in consumed.items() if q} == drawn.demand


def chains(db: Database, world: tuple[World, Path, list[dict[str, Any]]]) -> tuple[dict, dict]:
    drawn, outdir, read = world
    expected = load_world(db, make_company(db, drawn.rfc), drawn, [truth_result(d) for d in drawn.docs], outdir)
    got = load_world(db, make_company(db, OTHER_RFC), drawn, read, outdir)
    return expected, got


def test_the_world_is_in_held_out_arrangements_only(world: tuple[World, Path, list[dict[str, Any]]]) -> None:
    from tests.synth.generate import is_held_out

    drawn, _outdir, _read = world
    assert {d.doc_type for d in drawn.docs} == {"pedimento", "commercial_invoice", "bill_of_lading", "cfdi"}
    assert all(is_held_out(d.doc_type, d.arrangement) for d in drawn.docs)


def test_lots_read_from_unseen_arrangements_are_never_wrong(
    chain_db: Database, world: tuple[World, Path, list[dict[str, Any]]]
) -> None:
    drawn = world[0]
    expected, got = chains(chain_db, world)
    lots = expected["lots"]
    # the truth's chain: every import partida is a lot with its part number, and what the exports consumed
    # (discharged plus uncovered) is what the BOM asks for, part by part
    assert len(lots) == sum(len(d.truth["lines"]) for d in drawn.docs if d.truth["fields"].get("clave") == "IN")
    assert all(key[0] for key in lots.values())
    consumed: dict[str, Decimal] = {}
    for part, _imported, discharged, *_rest in lots.values():
        consumed[part] = consumed.get(part, Decimal(0)) + Decimal(str(discharged))
    for _ped, part, quantity in expected["uncovered"]:
        consumed[part] = consumed.get(part, Decimal(0)) + Decimal(quantity)
    assert {p: q for p, q in consumed.items() if q} == drawn.demand
    # the chain read from the PDFs: no lot the truth does not have, none with another quantity or due date
    for key, (part, imported, _discharged, _balance, _status, due) in got["lots"].items():
        assert key in lots, key
        want = lots[key]
        assert (imported, due) == (want[1], want[5]), key
        assert part in (None, want[0]), key


def test_a_lot_read_wrong_says_its_reading_is_not_confirmed(
    chain_db: Database, world: tuple[World, Path, list[dict[str, Any]]]
) -> None:
    """What a clerk or auditor may trust: a lot whose documents all passed without review is built exactly; one
    read wrong (another part, quantity, status or due date) is marked ``awaiting_review`` in the lot list."""
    expected, got = chains(chain_db, world)
    wrong = {key for key, values in got["lots"].items() if expected["lots"].get(key) != values}
    assert wrong <= got["awaiting_review"], sorted(wrong - got["awaiting_review"])
    assert not expected["awaiting_review"]  # the truth's readings ask for no review


@pytest.mark.xfail(
    strict=True,
    reason="round 18, measured once as held out: three lots' discharged quantity is read short (an export's "
    "consumption); the readers have not been fixed on round 18 yet",
)
def test_every_lot_is_built_exactly(chain_db: Database, world: tuple[World, Path, list[dict[str, Any]]]) -> None:
    expected, got = chains(chain_db, world)
    outcome = compare(expected, got)
    assert outcome["matched"] == outcome["expected"], outcome["differ"]
    assert outcome["uncovered_got"] == outcome["uncovered_expected"]
