"""The layout memory's pure part (``extractors.learned``): learning where one issuer prints each field from one
document's values, reading the next documents with it, and refusing documents it does not apply to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractors.learned import best_reading, learn_layout, read_layout
from extractors.learned.values import describe, parse
from extractors.pipeline import extract
from extractors.result import schema_errors
from extractors.text import TextOptions, read_text
from tests.synth.house_styles import LOOKALIKES, STYLES, house_set, render_house_invoice
from tests.synth.score import Score, score_result


def _read(truth: dict[str, Any], path: Path) -> Any:
    render_house_invoice(truth, truth["extra"]["style"], path)
    return read_text(path, "application/pdf", TextOptions())


def _memory(rules: dict[str, Any], layout_id: int = 7) -> list[dict[str, Any]]:
    return [{"id": layout_id, "version": 1, "rules": rules, "stats": {}}]


@pytest.mark.parametrize("style", STYLES)
def test_one_document_teaches_the_next_five(style: str, tmp_path: Path) -> None:
    truths = house_set(style, 6, seed=21)
    first = _read(truths[0], tmp_path / "0.pdf")
    rules = learn_layout(first, "commercial_invoice", truths[0]["fields"], truths[0]["lines"])
    assert rules["issuer"]["field"] == "seller_tax_id" and rules["table"] is not None
    total = Score()
    for index, truth in enumerate(truths[1:], start=1):
        reading = best_reading(_read(truth, tmp_path / f"{index}.pdf"), _memory(rules))
        assert reading is not None and reading.layout_id == 7
        total.add(score_result(truth, {"fields": reading.fields, "lines": reading.lines or []}))
        cells = [*reading.fields.values(), *(c for line in reading.lines or [] for c in line.values())]
        assert all(c["source"] == "learned" and c["layout_id"] == 7 for c in cells)
    assert total.f1 >= 0.98, total.errors[:10]


@pytest.mark.parametrize("style", STYLES)
def test_another_issuer_with_the_same_layout_is_not_read_with_it(style: str, tmp_path: Path) -> None:
    truth = house_set(style, 1, seed=3)[0]
    rules = learn_layout(_read(truth, tmp_path / "a.pdf"), "commercial_invoice", truth["fields"], truth["lines"])
    other = house_set(style, 1, seed=4, seller=LOOKALIKES[style])[0]
    assert read_layout(_read(other, tmp_path / "b.pdf"), _memory(rules)[0]) is None


def test_a_document_of_another_layout_is_not_read_with_it(tmp_path: Path) -> None:
    truth = house_set("kessler", 1, seed=3)[0]
    rules = learn_layout(_read(truth, tmp_path / "a.pdf"), "commercial_invoice", truth["fields"], truth["lines"])
    other = house_set("ferrum", 1, seed=3)[0]
    assert best_reading(_read(other, tmp_path / "b.pdf"), _memory(rules)) is None


def test_without_an_issuer_nothing_is_read(tmp_path: Path) -> None:
    truth = house_set("nordlys", 2, seed=3)
    fields = {k: v for k, v in truth[0]["fields"].items() if not k.startswith("seller")}
    rules = learn_layout(_read(truth[0], tmp_path / "a.pdf"), "commercial_invoice", fields, truth[0]["lines"])
    assert rules["issuer"] is None
    assert best_reading(_read(truth[1], tmp_path / "b.pdf"), _memory(rules)) is None


def test_the_pipeline_reads_with_the_memory_first_and_stays_in_the_contract(tmp_path: Path) -> None:
    truths = house_set("ferrum", 2, seed=8)
    rules = learn_layout(_read(truths[0], tmp_path / "a.pdf"), "commercial_invoice", truths[0]["fields"], [])
    _read(truths[1], tmp_path / "b.pdf")
    general = extract(tmp_path / "b.pdf")
    assert general["doc_type"] == "other" and not general["fields"]
    learned = extract(tmp_path / "b.pdf", memory=_memory(rules))
    assert learned["doc_type"] == "commercial_invoice" and learned["learned_layout"]["id"] == 7
    assert learned["fields"]["total_amount"]["value"] == truths[1]["fields"]["total_amount"]
    assert schema_errors(learned) == []
    retyped = extract(tmp_path / "b.pdf", doc_type="packing_list", memory=_memory(rules))
    assert retyped["doc_type"] == "packing_list" and "learned_layout" not in retyped


def test_a_field_a_person_emptied_is_dropped_and_a_constant_is_kept(tmp_path: Path) -> None:
    truths = house_set("nordlys", 2, seed=9)  # prints no country
    fields = {**truths[0]["fields"], "incoterm": None, "origin_country": "NOR"}
    rules = learn_layout(_read(truths[0], tmp_path / "a.pdf"), "commercial_invoice", fields, [])
    assert rules["fields"]["incoterm"] == {"kind": "absent"}
    assert rules["fields"]["origin_country"] == {"kind": "const", "value": "NOR"}
    reading = best_reading(_read(truths[1], tmp_path / "b.pdf"), _memory(rules))
    assert reading is not None and "incoterm" in reading.absent
    assert reading.fields["origin_country"]["value"] == "NOR"
    # a machine value that is not on the page is left to the general reader
    rules = learn_layout(
        _read(truths[0], tmp_path / "a.pdf"), "commercial_invoice", fields, [], taught={"invoice_number"}
    )
    assert "origin_country" not in rules["fields"]


@pytest.mark.parametrize(
    ("text", "value", "kind", "shape"),
    [
        ("1.234,56", 1234.56, "number", {"kind": "number", "decimal": ",", "integer": False}),
        ("$1,234.56", 1234.56, "number", {"kind": "number", "decimal": ".", "integer": False}),
        ("1 234,5", 1234.5, "number", {"kind": "number", "decimal": ",", "integer": False}),
        ("45", 45.0, "number", {"kind": "number", "decimal": "?", "integer": False}),
        ("05.03.2024", "2024-03-05", "date", {"kind": "date", "order": "DMY"}),
        ("March 5, 2024", "2024-03-05", "date", {"kind": "date", "order": "DMY"}),
        ("03/05/2024", "2024-03-05", "date", {"kind": "date", "order": "MDY"}),
        ("8536 69 99", "85366999", "digits", {"kind": "digits"}),
        ("JAPAN", "JPN", "country", {"kind": "country"}),
        ("de", "DEU", "country", None),
        ("Acme  Corp", "ACME CORP", "text", {"kind": "text"}),
        ("Acme Corp 12", 12.0, "number", None),
    ],
)
def test_value_shapes(text: str, value: Any, kind: str, shape: dict[str, Any] | None) -> None:
    assert describe(text, value, kind) == shape


def test_parsing_with_a_learned_shape() -> None:
    assert parse("2.971", {"kind": "number", "decimal": ","}) == 2971.0
    assert parse("2.971", {"kind": "number", "decimal": "."}) == 2.971
    assert parse("12.11.24", {"kind": "date", "order": "DMY"}) == "2024-11-12"
    assert parse("INV#:A-77", {"kind": "text", "strip": "INV#:"}) == "A-77"
    assert parse("31.02.2024", {"kind": "date", "order": "DMY"}) is None


def test_learned_lines_that_do_not_add_up_are_a_warning() -> None:
    from extractors.learned.read import totals_problems

    lines = [{"amount": {"value": 10.0}}, {"amount": {"value": 5.5}}]
    assert totals_problems({"subtotal_amount": {"value": 15.5}}, lines) == []
    assert [p[0] for p in totals_problems({"subtotal_amount": {"value": 25.5}}, lines)] == ["totals_mismatch"]
