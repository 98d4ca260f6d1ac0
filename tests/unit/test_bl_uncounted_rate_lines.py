"""An air waybill's rate line whose count OCR could not read, and a caption's rest read as a value."""

from __future__ import annotations

from extractors.bill_of_lading import UNVOUCHED, _uncounted_rate_lines, _without_totals_row
from extractors.bl_checks import bl_checks, caption_rest
from extractors.layout import Cell, Record
from extractors.result import ResultBuilder
from extractors.text import Word


def word(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, top, x0 + 5.0 * len(text), top + 7.0, 1.0)


def cell(value: object, confidence: float = 0.9) -> dict:
    return {"value": value, "confidence": confidence}


def test_a_row_with_its_own_weight_and_unit_is_a_line_of_its_own() -> None:
    record = Record(
        {
            "package_count": Cell([word("21", 30, 100)], 1),
            "gross_weight_kg": Cell([word("828.4", 90, 100), word("K", 130, 100)], 1),
            "description": Cell([word("CIRCUITO", 300, 100), word("IMPRESO", 350, 100), word("VALVULA", 300, 124)], 1),
            # the next row's count misread as letters, its weight and unit past the weight's column
            "charge_total": Cell([word("LS", 30, 124), word("314.8", 200, 124), word("K", 240, 124)], 1),
        },
        1,
    )
    line = {
        "package_count": cell(21),
        "gross_weight_kg": cell(828.4),
        "description": cell("CIRCUITO IMPRESO VALVULA"),
    }
    lines = _uncounted_rate_lines([(record, line)])
    assert len(lines) == 2
    assert lines[0]["description"]["value"] == "CIRCUITO IMPRESO"
    assert lines[1]["gross_weight_kg"]["value"] == 314.8
    assert lines[1]["gross_weight_kg"]["confidence"] == UNVOUCHED
    assert lines[1]["description"]["value"] == "VALVULA"
    assert "package_count" not in lines[1]


def test_a_line_in_pounds_and_a_line_without_such_a_row() -> None:
    record = Record(
        {
            "package_count": Cell([word("4", 30, 100)], 1),
            "description": Cell([word("BOMBA", 300, 100)], 1),
            "rate": Cell([word("100.0", 200, 124), word("L", 240, 124)], 1),
        },
        1,
    )
    lines = _uncounted_rate_lines([(record, {"package_count": cell(4), "description": cell("BOMBA")})])
    assert lines[1]["gross_weight_kg"]["value"] == 45.4
    # a figure with no unit's letter beside it (a rate, a chargeable weight) is no line
    record = Record({"package_count": Cell([word("4", 30, 100)], 1), "rate": Cell([word("100.0", 200, 124)], 1)}, 1)
    assert len(_uncounted_rate_lines([(record, {"package_count": cell(4)})])) == 1


def test_the_totals_row_gives_the_one_unread_count() -> None:
    lines = [
        {"package_count": cell(20), "gross_weight_kg": cell(168.5), "description": cell("NUCLEO")},
        {"gross_weight_kg": cell(314.8, UNVOUCHED), "description": cell("RESISTENCIA")},
        {"package_count": cell(14), "gross_weight_kg": cell(256.9), "description": cell("RESISTENCIA")},
        {"package_count": cell(47), "gross_weight_kg": cell(740.2), "description": cell("CONSOLIDATION")},
    ]
    kept = _without_totals_row(lines)
    assert len(kept) == 3
    assert kept[1]["package_count"]["value"] == 13
    assert kept[1]["gross_weight_kg"]["confidence"] > 0.7
    # the weights must add up, and the total leave a count
    lines[3]["gross_weight_kg"] = cell(740.0)
    del kept[1]["package_count"]
    assert len(_without_totals_row(lines)) == 4
    lines[3] = {"package_count": cell(34), "gross_weight_kg": cell(740.2), "description": cell("CONSOLIDATION")}
    assert len(_without_totals_row(lines)) == 4


def test_a_caption_rest_is_no_value() -> None:
    assert caption_rest("and Requested Routing")
    assert caption_rest("of loading")
    assert not caption_rest("LOS ANGELES INTL, CA")
    assert not caption_rest("Port of Loading")
    assert not caption_rest("and Company")
    result = ResultBuilder()
    result.set("port_of_loading", "and Requested Routing", 0.9)
    bl_checks(result)
    assert [w["code"] for w in result.warnings] == ["value_shape"]
