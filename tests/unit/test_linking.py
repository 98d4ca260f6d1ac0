"""Choosing a partida's part number from its counterpart lines (pure rule, no database)."""

from __future__ import annotations

from decimal import Decimal

from evidence.chain.build import norm_key
from evidence.chain.linking import _Line, choose_part, similarity
from evidence.chain.models import Partida


def partida(tariff: str = "85332101", qty: str = "100", desc: str = "RESISTENCIA FIJA", printed: str | None = None):
    return Partida(tariff_code=tariff, umc_quantity=Decimal(qty), description=desc, printed_part_number=printed)


def line(part: str, tariff: str = "85332101", qty: str | None = "100", desc: str = "RESISTENCIA FIJA") -> _Line:
    return _Line(part, tariff, Decimal(qty) if qty else None, desc, f"invoice_line:{part}")


def test_printed_code_wins() -> None:
    assert choose_part(partida(printed="R-1"), [line("OTHER")], set())[:2] == ("R-1", "codigo_producto")


def test_tariff_and_quantity() -> None:
    lines = [line("R-1"), line("C-1", tariff="85322499"), line("R-2", qty="50")]
    assert choose_part(partida(), lines, set())[:2] == ("R-1", "tariff_and_quantity")


def test_description_breaks_a_tie_between_equal_tariff_and_quantity() -> None:
    lines = [line("R-1", desc="TORNILLO DE ACERO"), line("R-2", desc="RESISTENCIA FIJA DE CARBON")]
    assert choose_part(partida(), lines, set())[:2] == ("R-2", "tariff_quantity_description")


def test_similar_description_when_quantities_differ() -> None:
    chosen = choose_part(partida(qty="100"), [line("R-1", qty="110", desc="RESISTENCIA FIJA.")], set())
    assert chosen is not None and chosen[:2] == ("R-1", "description_similarity")


def test_nothing_close_enough_waits_for_a_clerk() -> None:
    assert choose_part(partida(), [line("X", qty="7", desc="CAJA DE CARTON")], set()) is None
    assert choose_part(partida(), [], set()) is None


def test_a_part_a_person_refused_is_not_chosen_again() -> None:
    assert choose_part(partida(), [line("R-1")], {"R-1"}) is None


def test_similarity_ignores_case_and_punctuation() -> None:
    assert similarity("Resistencia, fija", "RESISTENCIA FIJA") == 1.0


def test_keys_are_compared_without_spaces_or_punctuation() -> None:
    assert norm_key("pedimento", "24  47  3445  4001234") == "244734454001234"
    assert norm_key("invoice", "inv-2024/001") == "INV2024001"
    assert norm_key("container", "mscu 907032-3") == "MSCU9070323"


def test_a_line_without_a_fraccion_is_chosen_by_quantity_and_the_description_it_holds() -> None:
    """Most foreign invoices print no fracción: the line of the partida's quantity whose description holds the
    partida's (running on with more words) gives the part; a description that differs does not."""
    held = "Resistencia fija Zolltarifnr.: 8533 21 01 Ursprungsland: Deutschland"
    lines = [line("R-1", tariff="", desc=held), line("C-1", tariff="", qty="7", desc="Resistencia fija")]
    assert choose_part(partida(), lines, set())[:2] == ("R-1", "quantity_description")
    assert choose_part(partida(), [line("X", tariff="", desc="CAJA DE CARTON CORRUGADO")], set()) is None
    # two parts of the same quantity holding the description: a clerk decides
    assert choose_part(partida(), [line("R-1", tariff="", desc=held), line("R-2", tariff="", desc=held)], set()) is None
    # a line with another fracción is not taken for want of one
    assert choose_part(partida(), [line("R-1", tariff="85322499", qty="100", desc="RESISTENCIA FIJA")], set()) is None
