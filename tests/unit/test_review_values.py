"""Checks that catch values read wrong but still adding up (``extractors.review_values``)."""

from __future__ import annotations

from typing import Any

import pytest

from extractors.result import ResultBuilder, make_field, needs_review
from extractors.review_values import value_checks


def _cfdi(**line_changes: Any) -> ResultBuilder:
    out = ResultBuilder()
    for name, value in (
        ("uuid", "8BF5F978-EADF-4FB4-B8A5-8C0D410F0EFD"),
        ("currency", "USD"),
        ("cfdi_type", "I"),
        ("exchange_rate", 18.0959),
    ):
        out.set(name, value, 0.95)
    line = {
        "product_key": "32101600",
        "unit": "H87",
        "quantity": 2895.0,
        "unit_price": 32.62,
        "amount": 94434.9,
        "tariff_code": "85044099",
        "customs_quantity": 2895.0,
        "customs_unit": "06",
        "usd_value": 94434.9,
    }
    line.update(line_changes)
    out.add_line({key: make_field(value, 0.9) for key, value in line.items() if value is not None})
    return out


def _codes(builder: ResultBuilder, doc_type: str = "cfdi") -> list[str]:
    value_checks(doc_type, builder)
    return [warning["code"] for warning in builder.warnings]


def _flagged(builder: ResultBuilder) -> bool:
    result = {"doc_type_confidence": 0.95, "fields": builder.fields, "lines": builder.lines}
    return needs_review({**result, "warnings": builder.warnings})


def test_a_consistent_cfdi_line_raises_nothing() -> None:
    builder = _cfdi()
    assert _codes(builder) == []
    assert not _flagged(builder)


def test_a_quantity_that_disagrees_with_its_mercancia_in_the_same_unit() -> None:
    builder = _cfdi(customs_quantity=2985.0)
    assert _codes(builder) == ["value_mismatch"]
    assert _flagged(builder)


def test_a_quantity_in_another_customs_unit_may_differ() -> None:
    assert _codes(_cfdi(customs_quantity=1250.5, customs_unit="01")) == []


def test_a_usd_amount_that_disagrees_with_the_value_in_dollars() -> None:
    assert _codes(_cfdi(usd_value=94434.0 + 900)) == ["value_mismatch"]


def test_cells_of_the_wrong_shape() -> None:
    assert _codes(_cfdi(product_key="3210160")) == ["value_shape"]
    assert _codes(_cfdi(customs_unit="H87")) == ["value_shape"]


@pytest.mark.parametrize("customs_unit", ["36", "00", "78", "22"])
def test_a_customs_unit_outside_the_catalogue_goes_to_review(customs_unit: str) -> None:
    # two digits, as a code is printed, but no code of c_UnidadAduana (01-21, 99): a figure read from another cell
    builder = _cfdi(customs_unit=customs_unit)
    assert _codes(builder) == ["value_shape"]
    assert builder.warnings[0]["field"] == "customs_unit"
    assert _flagged(builder)


@pytest.mark.parametrize("customs_unit", ["06", "01", "11", "12", "20", "99"])
def test_a_catalogue_customs_unit_is_no_shape_problem(customs_unit: str) -> None:
    builder = _cfdi(unit="XBX", customs_unit=customs_unit)  # boxes: a unit the agreement check does not judge
    assert _codes(builder) == []


@pytest.mark.parametrize("customs_unit", ["11", "01", "19", "03"])
def test_the_same_count_in_a_customs_unit_that_cannot_give_it(customs_unit: str) -> None:
    # 2,895 pieces and 2,895 thousands (kilos, dozens, metres): the customs unit was misread
    builder = _cfdi(customs_unit=customs_unit)
    assert _codes(builder) == ["value_mismatch"]
    assert builder.warnings[0]["field"] == "customs_unit"


@pytest.mark.parametrize(("unit", "customs_unit"), [("H87", "06"), ("H87", "12"), ("H87", "20"), ("KGM", "01")])
def test_the_same_count_in_corresponding_customs_units_is_confirmed(unit: str, customs_unit: str) -> None:
    # the customs unit that counts what the concepto's does, or pieces declared as sets or boxes one for one
    builder = _cfdi(unit=unit, customs_unit=customs_unit)
    assert _codes(builder) == []
    assert not _flagged(builder)


def test_a_unit_without_a_customs_counterpart_is_not_judged() -> None:
    # a service or a unit the check knows no customs counterpart for: nothing to compare
    assert _codes(_cfdi(unit="E48", customs_unit="01")) == []


def test_a_mandatory_concepto_cell_missing() -> None:
    assert _codes(_cfdi(unit=None)) == ["line_incomplete"]
    assert _codes(_cfdi(usd_value=None)) == ["line_incomplete"]  # a mercancía without its value in dollars


def test_an_implausible_exchange_rate() -> None:
    builder = _cfdi()
    builder.set("exchange_rate", 1.8096, 0.9)
    assert _codes(builder) == ["value_range"]


def test_a_uuid_of_the_wrong_shape() -> None:
    builder = _cfdi()
    builder.set("uuid", "8BF5F978-EADF-4FB4-B8A5-8C0D410F0EF", 0.9)
    assert _codes(builder) == ["value_shape"]


def _bill(lines: list[tuple[str, int, float]]) -> ResultBuilder:
    out = ResultBuilder()
    for container, packages, weight in lines:
        out.add_line(
            {
                "container_number": make_field(container, 0.9),
                "package_count": make_field(packages, 0.9),
                "gross_weight_kg": make_field(weight, 0.9),
            }
        )
    return out


def test_bill_of_lading_containers() -> None:
    bill = "bill_of_lading"
    assert _codes(_bill([("MSCU1234565", 10, 12000.0), ("TGHU7654321", 5, 9000.0)]), bill) == []
    twice = _bill([("MSCU1234565", 10, 12000.0), ("MSCU1234565", 10, 12000.0)])
    assert _codes(twice, bill) == ["duplicate_value"]
    assert _codes(_bill([("MSCU1234565", 10, 120000.0)]), bill) == ["value_range"]


@pytest.mark.parametrize(
    "name", ["ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L. DE", "GREAT LAKES WIRE &", "PACIFIC TRADING AND"]
)
@pytest.mark.parametrize("doc_type", ["cfdi", "commercial_invoice", "bill_of_lading"])
def test_a_name_ending_in_a_joining_word_was_cut_short(name: str, doc_type: str) -> None:
    out = ResultBuilder()
    out.set("issuer_name", name, 0.95)
    assert _codes(out, doc_type) == ["value_shape"]
    assert _flagged(out)


@pytest.mark.parametrize("name", ["MAQUILADORA DEL NORTE S.A. DE C.V.", "ACME WIRE & CABLE LLC", "CASA DE LA MODE"])
def test_a_whole_name_is_no_shape_problem(name: str) -> None:
    out = ResultBuilder()
    out.set("receiver_name", name, 0.95)
    assert _codes(out, "commercial_invoice") == []


def test_a_voyage_without_a_figure_goes_to_review() -> None:
    # the carrier's name printed beside the voyage's label, read as the voyage
    word = ResultBuilder()
    word.set("voyage", "ONE", 0.95)
    value_checks("bill_of_lading", word)
    assert [w["code"] for w in word.warnings] == ["value_shape"]
    for voyage in ("338S", "0MX3RN1MA", "FE349W"):
        numbered = ResultBuilder()
        numbered.set("voyage", voyage, 0.95)
        value_checks("bill_of_lading", numbered)
        assert numbered.warnings == []
