"""A clerk's correction of a line's prices as the screen shows them: the price as quoted (``quoted_price``), the
pieces it is for (``price_basis``: ``M``, ``/M``, ``per 1000``, ``1 000``) and the unit price, which is the one
divided by the other. Figures too large or too fine for the chain, and currencies other than the document's, are
refused with a message that has a Spanish text."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from evidence.chain import build
from evidence.chain.typed_values import FIELD_TYPES, ValueRefused, parse_correction
from immex import i18n


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1000", 1000),
        ("1,000", 1000),
        ("1.000", 1000),  # a count of pieces has no decimals: the point groups thousands
        ("1 000", 1000),
        ("1\u00a0000", 1000),
        ("M", 1000),
        ("m", 1000),
        ("/M", 1000),
        ("/ M", 1000),
        ("per 1000", 1000),
        ("por millar", 1000),
        ("mil", 1000),
        ("Thousand", 1000),
        ("1000 pcs", 1000),
        ("/1000 PZAS", 1000),
        ("C", 100),
        ("ciento", 100),
        ("per 100", 100),
        ("1", 1),
        ("1,000,000", 1_000_000),
        (1000, 1000),
        (100.0, 100),
    ],
)
def test_the_pieces_a_price_is_for_as_people_write_them(typed: object, expected: int) -> None:
    value = parse_correction("price_basis", typed, locale="es", machine=None)
    assert value == expected and isinstance(value, int)


@pytest.mark.parametrize(
    "typed",
    ["0", "-1000", "-M", "1.5", "12,5", "2,000,000", "1e3", "NaN", "Infinity", "1e309", "MM", "EA", "$ 12.40",
     "12.40 USD", "per", "/", "9" * 400, 0, -5, 0.5, 10**30],
)  # fmt: skip
def test_pieces_that_are_not_a_count_are_refused(typed: object) -> None:
    with pytest.raises(ValueRefused) as refused:
        parse_correction("price_basis", typed, locale="es", machine=1000)
    assert "whole number from 1 to 1,000,000" in refused.value.message


def test_the_pieces_are_typed_even_without_a_machine_value() -> None:
    """Before, a line the reader gave no basis took what was typed as free text (``M``, ``NaN``, ``-5``)."""
    assert FIELD_TYPES["price_basis"] == "pieces" and FIELD_TYPES["quoted_price"] == "decimal"
    assert parse_correction("quoted_price", "1.234,50", machine=None) == 1234.5
    with pytest.raises(ValueRefused):
        parse_correction("quoted_price", "NaN", machine=None)
    with pytest.raises(ValueRefused):
        parse_correction("price_basis", "-5", machine=None)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,234.50", 1234.5),
        ("1.234,50", 1234.5),
        ("$ 12.40", 12.4),
        ("12.40 USD", 12.4),
        ("usd 12.40", 12.4),
        ("12,40", 12.4),
        ("0", 0),
        ("-12.40", -12.4),  # a credit line's price, as unit prices take it
        ("0.0000125", 0.0000125),
        ("99999999999999.5", 99999999999999.5),
    ],
)
def test_a_quoted_price_as_the_screen_shows_it(typed: str, expected: float) -> None:
    assert parse_correction("quoted_price", typed, locale="es", currency="USD") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("typed", "currency", "words"),
    [
        ("12.40 EUR", "USD", "this document is in USD"),
        ("EUR 12.40", "USD", "this document is in USD"),
        ("12.40 USD", None, "currency is not known"),
        ("USD 12.40 USD", "USD", "is not a number"),
        ("per 1000", "USD", "is not a number"),
        ("12.50/M", "USD", "is not a number"),
        ("M", "USD", "is not a number"),
        ("NaN", "USD", "is not a number"),
        ("Infinity", "USD", "is not a number"),
        ("1e309", "USD", "is not a number"),
        ("100000000000000", "USD", "too large"),
        ("9" * 400, "USD", "too large"),
        ("0." + "0" * 12 + "1", "USD", "too many decimals"),
    ],
)
def test_a_quoted_price_that_is_no_figure_here_is_refused(typed: str, currency: str | None, words: str) -> None:
    with pytest.raises(ValueRefused) as refused:
        parse_correction("quoted_price", typed, locale="es", currency=currency)
    assert words in refused.value.message


def test_a_number_from_json_is_kept_to_the_chains_size() -> None:
    """An API client's float is rounded to the decimals kept; one that would be infinity is refused."""
    assert parse_correction("unit_price", 0.1 + 0.2) == pytest.approx(0.3)
    with pytest.raises(ValueRefused, match="too large"):
        parse_correction("unit_price", 1e308)
    with pytest.raises(ValueRefused, match="too large"):
        parse_correction("quantity", 10**400)


def test_an_absurdly_long_typing_is_not_repeated_in_the_message() -> None:
    with pytest.raises(ValueRefused) as refused:
        parse_correction("quoted_price", "9" * 1500)
    assert len(str(refused.value)) < 150 and "…" in str(refused.value)


def test_the_refusals_read_in_spanish() -> None:
    def spanish(field: str, typed: str, **kw: Any) -> str:
        with pytest.raises(ValueRefused) as refused:
            parse_correction(field, typed, locale="es", **kw)
        return refused.value.translated(lambda m, **v: i18n.translate(m, "es", **v))

    assert spanish("price_basis", "0") == (
        "0 no es válido: las piezas a las que corresponde un precio son un número entero de 1 a 1,000,000 "
        "(M es un millar, C un ciento)."
    )
    assert spanish("quoted_price", "12.40 EUR", currency="USD") == (
        "12.40 EUR: este documento está en USD; escriba la cifra en USD, o corrija primero la moneda."
    )
    assert spanish("amount", "1" * 20).endswith("tiene como máximo 14 dígitos antes del punto decimal.")


# -- the unit price follows the price as quoted --------------------------------------------------------------------


def test_the_price_of_one_piece_is_the_quoted_price_over_its_pieces() -> None:
    assert build.quoted_unit_price({"quoted_price": 12.5, "price_basis": 1000}) == Decimal("0.0125")
    assert build.quoted_unit_price({"quoted_price": 10, "price_basis": 3}) == Decimal("3.3333333333")
    assert build.quoted_unit_price({"quoted_price": 12.5}) is None
    assert build.quoted_unit_price({"quoted_price": 12.5, "price_basis": 0}) is None
    assert build.quoted_unit_price({"quoted_price": "M", "price_basis": 1000}) is None


def test_the_chain_divides_when_the_line_has_no_unit_price() -> None:
    assert build._unit_price({"quoted_price": 12.5, "price_basis": 1000}) == Decimal("0.0125")
    assert build._unit_price({"unit_price": 0.02, "quoted_price": 12.5, "price_basis": 1000}) == Decimal("0.02")
    assert build._unit_price({"quantity": 3}) is None


@pytest.mark.parametrize(
    ("unit_price", "agrees"),
    [("0.0125", True), ("0.01", True), ("0.013", True), ("0.012", False), ("0.02", False), ("12.5", False)],
)
def test_a_unit_price_agrees_when_it_is_the_quoted_one_rounded(unit_price: str, agrees: bool) -> None:
    assert build._agrees(Decimal(unit_price), Decimal("0.0125")) is agrees


def test_a_corrected_quoted_price_brings_a_unit_price_that_disagrees_along() -> None:
    assert build._derived_unit_price({"unit_price": 0.0125, "quoted_price": 14.0, "price_basis": 1000}) == 0.014
    assert build._derived_unit_price({"unit_price": 0.0125, "quoted_price": 12.5, "price_basis": 1000}) is None
    # a line quoted per thousand without a unit price keeps none: the chain divides
    assert build._derived_unit_price({"unit_price": None, "quoted_price": 14.0, "price_basis": 1000}) is None
    assert build._derived_unit_price({"unit_price": 0.0125, "quoted_price": 14.0, "price_basis": None}) is None


def test_a_typed_unit_price_must_agree_with_the_quoted_one() -> None:
    build._check_unit_price({"unit_price": 0.0125, "quoted_price": 12.5, "price_basis": 1000}, "es")
    build._check_unit_price({"unit_price": 5, "quoted_price": None, "price_basis": 1000}, "es")
    with pytest.raises(ValueRefused) as refused:
        build._check_unit_price({"unit_price": 12.5, "quoted_price": 12.5, "price_basis": 1000}, "es")
    text = refused.value.translated(lambda m, **v: i18n.translate(m, "es", **v))
    assert text.startswith("12.5 no concuerda con el precio de esta línea de 12.5 por 1,000 piezas (0.0125 cada una)")


def test_the_value_so_far_is_the_newest_correction_else_the_machines() -> None:
    rows = [
        SimpleNamespace(line_index=0, field="quoted_price", corrected_value=13),
        SimpleNamespace(line_index=1, field="quoted_price", corrected_value=99),
        SimpleNamespace(line_index=0, field="quoted_price", corrected_value=14),
    ]
    machine = {"quoted_price": {"value": 12.5}, "price_basis": {"value": 1000}}
    assert build._current(machine, rows, 0, "quoted_price") == 14
    assert build._current(machine, rows, 0, "price_basis") == 1000
    assert build._current(machine, rows, 2, "quoted_price") == 12.5
    assert build._current({}, rows, None, "currency") is None
