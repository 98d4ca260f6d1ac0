"""A partida's part number weighed from hand-written partidas and invoice lines (``evidence.chain.matching``)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from evidence.chain.matching import (
    Ambiguous,
    Choice,
    Line,
    agreement,
    clean_part_number,
    common_rate,
    decide_partida,
    match_partidas,
    printed_in_text,
)


@dataclass
class P:
    sequence: int
    tariff_code: str | None
    umc_quantity: Decimal | None
    description: str | None = "TORNILLO DE ACERO"
    paid_price_mxn: Decimal | None = None
    printed_part_number: str | None = None


def p(seq: int, tariff: str | None, qty: str | None, paid: str | None = None, desc: str = "TORNILLO DE ACERO") -> P:
    return P(seq, tariff, Decimal(qty) if qty else None, desc, Decimal(paid) if paid else None)


_ids = itertools.count(1)


def ln(
    part: str,
    tariff: str | None,
    qty: str | None,
    amount: str | None = None,
    pos: int | None = None,
    count: int | None = None,
    desc: str = "Tornillo de acero",
) -> Line:
    return Line(
        part,
        tariff,
        Decimal(qty) if qty else None,
        desc,
        f"invoice_line:{next(_ids)}",
        Decimal(amount) if amount else None,
        pos,
        1 if count else None,
        count,
    )


def test_a_part_number_printed_in_the_description_is_taken_first() -> None:
    partida = p(1, "73181599", "100", desc="TORNILLO DE ACERO N.P. 4471-A LOTE 7")
    chosen = decide_partida(partida, [ln("OTHER", "73181599", "100")], set())
    assert isinstance(chosen, Choice)
    assert (chosen.part_number, chosen.rule) == ("4471-A", "printed_in_description")
    assert printed_in_text("CONECTOR NUM. PARTE: CN-2231 MARCA X") == "CN-2231"
    assert printed_in_text("CODIGO PRODUCTO 88120") == "88120"
    # a label followed by a word is no part number; two different ones decide nothing
    assert printed_in_text("NP DE ACERO") is None
    assert printed_in_text("N.P. A-1 N.P. B-2") is None


def test_the_line_number_column_read_into_the_part_number_is_left_out() -> None:
    assert clean_part_number("3 MAT-003", 2) == ("MAT-003", True)
    assert clean_part_number("3 MAT-003", 0) == ("3 MAT-003", False)  # not its place: left as read
    assert clean_part_number("MAT-003", 2) == ("MAT-003", False)
    assert clean_part_number("1 ABC DEF", 0) == ("1 ABC DEF", False)  # more than one word after it


def test_fraccion_and_quantity_with_a_confidence_and_the_evidence() -> None:
    chosen = decide_partida(
        p(1, "73181599", "100"), [ln("T-1", "7318159900", "100"), ln("T-2", "73181599", "7")], set()
    )
    assert isinstance(chosen, Choice)
    assert (chosen.part_number, chosen.rule, chosen.confidence) == ("T-1", "tariff_and_quantity", 0.95)
    assert chosen.evidence == ("tariff", "quantity")


def test_a_partida_grouping_invoice_lines_of_one_part() -> None:
    lines = [ln("T-1", "73181599", "100"), ln("T-1", "73181599", "200"), ln("C-1", "85322499", "300")]
    chosen = decide_partida(p(1, "73181599", "300"), lines, set())
    assert isinstance(chosen, Choice) and (chosen.part_number, chosen.rule) == ("T-1", "grouped_lines")
    # lines of two parts adding up to one partida: the lot cannot hold both, a clerk decides
    mixed = [ln("T-1", "73181599", "100"), ln("T-2", "73181599", "200")]
    outcome = decide_partida(p(1, "73181599", "300"), mixed, set())
    assert isinstance(outcome, Ambiguous) and "several part numbers" in outcome.reason


def test_two_equally_good_candidates_are_not_guessed() -> None:
    lines = [ln("T-1", "73181599", "100"), ln("T-2", "73181599", "100")]
    outcome = decide_partida(p(1, "73181599", "100"), lines, set())
    assert isinstance(outcome, Ambiguous)
    assert {part for part, _source in outcome.candidates} == {"T-1", "T-2"}
    assert "T-1" in outcome.describe() and "T-2" in outcome.describe()
    # nor when the pedimento holds two such partidas: each waits
    outcomes = match_partidas([p(1, "73181599", "100"), p(2, "73181599", "100")], lines)
    assert all(isinstance(o, Ambiguous) for o in outcomes.values())


def test_the_value_at_the_pedimentos_own_rate_separates_two_candidates() -> None:
    """Two lines print no fracción and the same quantity; the partida's price paid is one of them at the rate
    (MXN per invoice dollar) the other partidas show."""
    partidas = [
        p(1, "39199099", "515", paid="9184"),
        p(2, "85369099", "22298", paid="215881"),
        p(3, "73181599", "40", paid="404"),
    ]
    lines = [
        ln("M-1", "39199099", "515", "454.95"),
        ln("M-2", "85369099", "22298", "10694.12"),
        ln("M-3", None, "40", "20.00"),
        ln("M-4", None, "40", "90.00"),
    ]
    assert common_rate([(Decimal("9184"), Decimal("454.95")), (Decimal("215881"), Decimal("10694.12"))])
    outcome = match_partidas(partidas, lines)[3]
    assert isinstance(outcome, Choice) and (outcome.part_number, outcome.rule) == ("M-3", "quantity_and_value")
    # without the other partidas there is no rate to weigh: the two lines stay a tie
    assert isinstance(match_partidas(partidas[2:], lines)[3], Ambiguous)


def test_a_partial_invoice_gives_what_it_read_and_the_confirmed_order_gives_the_rest() -> None:
    """The third line's fracción and quantity were not read: the first two lines sit at their partidas'
    places, so the third line is the third partida's."""
    partidas = [p(1, "39199099", "515"), p(2, "85369099", "22298"), p(3, "40169399", "42569")]
    lines = [
        ln("M-1", "39199099", "515", pos=0, count=3),
        ln("M-2", "85369099", "22298", pos=1, count=3),
        ln("M-3", None, None, pos=2, count=3),
    ]
    outcomes = match_partidas(partidas, lines)
    assert [o.part_number for o in outcomes.values() if isinstance(o, Choice)] == ["M-1", "M-2", "M-3"]
    third = outcomes[3]
    assert isinstance(third, Choice) and third.rule == "line_order" and third.confidence < 0.95
    # a line that was not read at all: the counts differ, the order proves nothing, the partida waits
    outcomes = match_partidas(partidas, [replace_count(x, 2) for x in lines[:2]])
    assert outcomes[3] is None
    # an order the strong matches contradict is not used either
    swapped = [
        ln("M-2", "85369099", "22298", pos=0, count=3),
        ln("M-1", "39199099", "515", pos=1, count=3),
        ln("M-3", None, None, pos=2, count=3),
    ]
    assert match_partidas(partidas, swapped)[3] is None


def replace_count(line: Line, count: int) -> Line:
    from dataclasses import replace

    return replace(line, lines_in_document=count)


def test_the_order_of_lines_separates_a_tie_it_confirms() -> None:
    partidas = [p(1, "39199099", "515"), p(2, "73181599", "100"), p(3, "73181599", "100")]
    lines = [
        ln("M-1", "39199099", "515", pos=0, count=3),
        ln("T-1", "73181599", "100", pos=1, count=3),
        ln("T-2", "73181599", "100", pos=2, count=3),
    ]
    outcomes = match_partidas(partidas, lines)
    second, third = outcomes[2], outcomes[3]
    assert isinstance(second, Choice) and isinstance(third, Choice)
    assert (second.part_number, third.part_number) == ("T-1", "T-2")
    assert second.rule == "tariff_and_quantity_order" and "line_order" in second.evidence


def test_lines_agree_with_a_pedimento_only_when_every_read_line_is_on_it() -> None:
    partidas = [p(1, "39199099", "515"), p(2, "73181599", "300")]
    lines = [ln("", "39199099", "515"), ln("", "73181599", "100"), ln("", "73181599", "200"), ln("", None, None)]
    found = agreement(partidas, lines)
    assert found.complete and (found.lines_read, found.lines_agreeing, found.tariff_agreeing) == (3, 3, 3)
    stray = agreement(partidas, [*lines, ln("", "85322499", "46257")])
    assert not stray.complete
    # a line whose fracción contradicts the partida of its quantity does not agree
    assert not agreement(partidas, [ln("", "85322499", "515")]).complete
