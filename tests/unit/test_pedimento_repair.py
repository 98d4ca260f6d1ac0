"""Figures OCR misread on a scanned pedimento, put back by the form's own arithmetic (extractors/pedimento/repair.py),
and left alone where the arithmetic cannot tell which figure is wrong."""

from __future__ import annotations

from typing import Any

from extractors.pedimento.repair import misread, repair
from extractors.pedimento.review import check
from extractors.result import ResultBuilder, needs_review
from extractors.review import review_checks


def _cell(value: Any, raw: str | None = None) -> dict[str, Any]:
    return {"value": value, "confidence": 0.95, "page": 1, "bbox": None, "raw": raw if raw is not None else str(value)}


def _builder(lines: list[dict[str, Any]], **fields: Any) -> ResultBuilder:
    b = ResultBuilder()
    base: dict[str, Any] = {
        "pedimento_number": "242435774006986",
        "operation_type": "IMP",
        "clave": "IN",
        "regimen": "ITE",
        "customs_office": "240",
        "exchange_rate": 17.0,
        "importer_exporter_rfc": "MAB9307148T4",
        "payment_date": "2024-05-06",
        "entry_date": "2024-05-05",
        "usd_value": 1000.0,
        "customs_value_mxn": 17000,
        "commercial_value_mxn": 17000,
        "partida_count": len(lines),
    }
    base.update(fields)
    for name, value in base.items():
        if value is not None:
            b.fields[name] = _cell(*value) if isinstance(value, tuple) else _cell(value)
    for line in lines:
        b.add_line({k: _cell(*v) if isinstance(v, tuple) else _cell(v) for k, v in line.items()})
    return b


LINE = {
    "sequence": 1,
    "tariff_code": "73144201",
    "nico": "00",
    "seller_buyer_country": "USA",
    "origin_destination_country": "CHN",
    "umc": "6",
    "umc_quantity": 6000.0,
    "umt": "1",
    "umt_quantity": 612.0,
    "customs_value_mxn": 17000,
    "paid_price_mxn": 17000,
    "unit_price": 2.83333,
    "description": "TORNILLO DE ACERO",
}


def _values(b: ResultBuilder, index: int = 0) -> dict[str, Any]:
    return {k: v["value"] for k, v in b.lines[index].items()}


def test_what_ocr_can_do_to_a_figure() -> None:
    assert misread(726.181, 726181)  # thousands comma read as a decimal point
    assert misread(22042000.0, 22042.0)  # and the other way round
    assert misread(5190, 5130)  # one digit changed
    assert misread(255.4075, 255.44075, "255.4075")  # one digit lost
    assert misread(3.0, 3.29597, "3")  # the decimals lost
    assert not misread(4.0, 3.29597, "4")
    assert not misread(5290, 5130)  # two digits changed
    assert not misread(51300, 5.13)
    assert not misread(5130, 5130)


def test_a_precio_pagado_one_digit_off_is_put_back_by_unit_price_times_quantity() -> None:
    b = _builder([{**LINE, "paid_price_mxn": 17600, "customs_value_mxn": 17000}])
    repair(b, ocr=True)
    assert _values(b)["paid_price_mxn"] == 17000
    check(b)
    assert not [w for w in b.warnings if w["code"] != "check_digit"]


def test_a_lost_digit_of_the_unit_price_and_a_separator_read_as_a_point() -> None:
    b = _builder([{**LINE, "unit_price": (2.3333, "2.3333")}, {**LINE, "sequence": 2, "umc_quantity": (6.0, "6.000")}])
    b.fields["customs_value_mxn"]["value"] = b.fields["commercial_value_mxn"]["value"] = 34000
    b.fields["usd_value"]["value"] = 2000.0
    repair(b, ocr=True)
    assert _values(b, 0)["unit_price"] == 2.83333  # not the precio pagado: the partidas add up to the header
    assert _values(b, 1)["umc_quantity"] == 6000.0


def test_a_text_layer_is_never_repaired() -> None:
    b = _builder([{**LINE, "paid_price_mxn": 17600}])
    repair(b, ocr=False)
    assert _values(b)["paid_price_mxn"] == 17600


def test_when_two_figures_could_be_wrong_nothing_changes_and_review_is_asked() -> None:
    # 20 × 100 = 2000 but 2100 is printed: the price could be 2100/100 = 21 (one digit off 20) or the amount 2000
    line = {**LINE, "unit_price": 20.0, "umc_quantity": 100.0, "paid_price_mxn": 2100, "customs_value_mxn": 2100}
    b = _builder([line], customs_value_mxn=2100, commercial_value_mxn=None, usd_value=round(2100 / 17, 2))
    repair(b, ocr=True)
    assert _values(b)["paid_price_mxn"] == 2100 and _values(b)["unit_price"] == 20.0
    check(b)
    assert needs_review({"doc_type_confidence": 0.95, "fields": b.fields, "lines": b.lines, "warnings": b.warnings})


def test_a_valor_aduana_cell_is_put_back_by_the_header_total() -> None:
    b = _builder([LINE, {**LINE, "sequence": 2, "customs_value_mxn": 17900}], customs_value_mxn=34000)
    b.fields["commercial_value_mxn"]["value"] = 34000
    b.fields["usd_value"]["value"] = 2000.0
    repair(b, ocr=True)
    assert _values(b, 1)["customs_value_mxn"] == 17000


def test_valor_dolares_misread_is_put_back_when_the_partidas_confirm_valor_aduana() -> None:
    b = _builder([LINE], usd_value=1600.0)
    repair(b, ocr=True)
    assert b.fields["usd_value"]["value"] == 1000.0


def test_same_unit_same_quantity() -> None:
    line = {**LINE, "umt": "6", "umt_quantity": (6.0, "6.000")}
    b = _builder([line])
    repair(b, ocr=True)
    assert _values(b)["umt_quantity"] == 6000.0


def test_an_rfc_with_a_look_alike_in_its_homoclave() -> None:
    b = _builder([LINE], importer_exporter_rfc="MAB930714BT4")  # 8 read as B
    repair(b, ocr=True)
    assert b.fields["importer_exporter_rfc"]["value"] == "MAB9307148T4"


def test_an_rfc_with_a_look_alike_in_its_name_letters() -> None:
    b = _builder([LINE], importer_exporter_rfc="IKO980320R97")  # L read as I
    repair(b, ocr=True)
    assert b.fields["importer_exporter_rfc"]["value"] == "LKO980320R97"


def test_a_gross_weight_whose_point_was_read_as_a_comma() -> None:
    b = _builder([{**LINE, "umt": "6", "umt_quantity": 6000.0}], gross_weight_kg=(131824.0, "131,824"))
    repair(b, ocr=True)
    assert b.fields["gross_weight_kg"]["value"] == 131.824
    heavy = _builder([{**LINE, "umt_quantity": 612.0}], gross_weight_kg=(131824.0, "131,824"))
    heavy.lines[0]["umt_quantity"]["value"] = 612.0
    repair(heavy, ocr=True)  # 131.824 kg cannot hold 612 kg of goods
    assert heavy.fields["gross_weight_kg"]["value"] == 131824.0


def test_a_gross_weight_over_a_thousand_kilos_whose_point_was_read_as_a_comma() -> None:
    b = _builder([{**LINE, "umt": "6", "umt_quantity": 6000.0}], gross_weight_kg=(50341257.0, "50,341,257"))
    repair(b, ocr=True)
    assert b.fields["gross_weight_kg"]["value"] == 50341.257


def test_an_exports_customs_value_read_a_slip_off_its_commercial_value_is_that_value() -> None:
    """On an export valor aduana is the valor comercial: ``391,610,215,000`` is 391,610,215.000 with its point read
    as a comma. An import's customs value is not its commercial value, and is left alone."""
    export = {"operation_type": "EXP", "usd_value": 1000.0, "commercial_value_mxn": 17000}
    b = _builder([LINE], **export, customs_value_mxn=(17000000, "17,000,000"))
    repair(b, ocr=True)
    assert b.fields["customs_value_mxn"]["value"] == 17000
    imported = _builder([LINE], commercial_value_mxn=16950, customs_value_mxn=(17000000, "17,000,000"))
    repair(imported, ocr=True)
    assert imported.fields["customs_value_mxn"]["value"] != 16950


def test_a_printed_total_a_digit_off_the_complete_partidas_is_the_misread_one() -> None:
    b = _builder([LINE], partida_count=4)
    repair(b, ocr=True)
    assert b.fields["partida_count"]["value"] == 1
    assert b.fields["partida_count"]["confidence"] < 0.7  # still looked at by a person


# --------------------------------------------------------------------------------------------------------
# Routing: shapes the form fixes, and a number that cannot be a pedimento's


def _routed(b: ResultBuilder) -> bool:
    check(b)
    review_checks("pedimento", b)
    return needs_review({"doc_type_confidence": 0.95, "fields": b.fields, "lines": b.lines, "warnings": b.warnings})


def test_a_consistent_pedimento_is_not_routed() -> None:
    assert not _routed(_builder([LINE]))


def test_a_pedimento_number_of_the_wrong_shape_goes_to_review() -> None:
    assert _routed(_builder([LINE], pedimento_number="24243577400698"))  # 14 digits
    assert _routed(_builder([LINE], pedimento_number="249935774006986"))  # aduana 99 does not exist


def test_partida_cells_of_the_wrong_shape_go_to_review() -> None:
    assert _routed(_builder([{**LINE, "tariff_code": "7314420"}]))  # a fracción has 8 digits
    assert _routed(_builder([{**LINE, "umc": "46"}]))  # not an Apéndice 7 unit
    assert _routed(_builder([{**LINE, "origin_destination_country": "U5A"}]))


def test_header_codes_of_the_wrong_shape_go_to_review() -> None:
    assert _routed(_builder([LINE], regimen="ITF"))
    assert _routed(_builder([LINE], customs_office="24"))


def test_a_umt_code_ocr_lost_is_the_one_its_fraccion_has_on_another_partida() -> None:
    other = {**LINE, "sequence": 2, "tariff_code": "39269099", "umt": "6", "umt_quantity": 6000.0}
    lost = {k: v for k, v in LINE.items() if k != "umt"}
    b = _builder([LINE, {**lost, "sequence": 3}, other], partida_count=3)
    repair(b, ocr=True)
    assert b.lines[1]["umt"]["value"] == "1" and b.lines[1]["umt"]["confidence"] > 0.7
    mixed = _builder([LINE, {**lost, "sequence": 2}, {**LINE, "sequence": 3, "umt": "6"}], partida_count=3)
    repair(mixed, ocr=True)
    assert "umt" not in mixed.lines[1]  # the fracción's partidas disagree: nothing to go by
