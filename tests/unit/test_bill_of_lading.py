"""Bill of lading extraction: an ocean carrier's B/L and a truck straight bill of lading (text layer)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from extractors.bill_of_lading import bl_kind, extract_bill_of_lading
from extractors.result import ResultBuilder
from extractors.text import TextOptions, read_text
from tests.synth import bills, data
from tests.synth.score import score_references, score_result


def render(tmp_path: Path, kind: str, lines: int, seed: int, edit: Any = None) -> tuple[dict, Path]:
    rng = random.Random(f"unit-bl/{kind}/{lines}/{seed}")
    truth = data.bill_of_lading(rng, kind, lines)
    if edit is not None:
        edit(truth)
    path = tmp_path / f"{kind}-{seed}.pdf"
    bills.render(truth, kind, path, rng)
    return truth, path


def extract(path: Path) -> ResultBuilder:
    return extract_bill_of_lading(read_text(path, "application/pdf", TextOptions()))


def as_result(builder: ResultBuilder) -> dict[str, Any]:
    return {"fields": builder.fields, "lines": builder.lines, "references": builder.references}


@pytest.mark.parametrize("kind", ["ocean", "truck"])
@pytest.mark.parametrize("lines", [1, 3])
def test_fields_cargo_lines_and_references(tmp_path: Path, kind: str, lines: int) -> None:
    truth, path = render(tmp_path, kind, lines, 1)
    result = as_result(extract(path))
    assert score_result(truth, result).errors == []
    refs = score_references(truth, result)
    assert refs.fn == 0, refs.errors


def test_ocean_lines_carry_container_and_seal(tmp_path: Path) -> None:
    truth, path = render(tmp_path, "ocean", 2, 2)
    builder = extract(path)
    assert [ln["container_number"]["value"] for ln in builder.lines] == [
        ln["container_number"] for ln in truth["lines"]
    ]
    assert builder.fields["bl_kind"]["value"] == "ocean"
    assert builder.fields["freight_terms"]["value"] == truth["fields"]["freight_terms"]
    assert builder.warnings == []


def test_a_container_with_a_wrong_check_digit_is_a_warning(tmp_path: Path) -> None:
    def spoil(truth: dict) -> None:
        good = truth["lines"][0]["container_number"]
        truth["lines"][0]["container_number"] = good[:-1] + str((int(good[-1]) + 1) % 10)

    truth, path = render(tmp_path, "ocean", 1, 3, spoil)
    builder = extract(path)
    assert builder.lines[0]["container_number"]["value"] == truth["lines"][0]["container_number"]
    assert [w["code"] for w in builder.warnings] == ["check_digit"]


def test_totals_that_do_not_add_up_are_a_warning(tmp_path: Path) -> None:
    def spoil(truth: dict) -> None:
        truth["fields"]["package_count"] += 3
        truth["fields"]["gross_weight_kg"] += 250.0

    _truth, path = render(tmp_path, "ocean", 2, 4, spoil)
    warned = [w["field"] for w in extract(path).warnings if w["code"] == "totals_mismatch"]
    assert sorted(warned) == ["gross_weight_kg", "package_count"]


def test_the_kind_follows_the_form_wording() -> None:
    assert bl_kind("BILL OF LADING  VESSEL  VOYAGE NO.  PORT OF LOADING") == "ocean"
    assert bl_kind("STRAIGHT BILL OF LADING - SHORT FORM  SHIP FROM  SHIP TO  Trailer number") == "truck"
    assert bl_kind("AIR WAYBILL  Airport of departure") == "air"


def test_an_english_form_naming_mexican_companies_is_english() -> None:
    """ " DE " inside a legal form (S. DE R.L. DE C.V.) is no Spanish prose: a US straight B/L prints its dates
    month first even when its parties are Mexican."""
    from extractors.bill_of_lading import _english

    text = (
        "STRAIGHT BILL OF LADING CARRIER NAME: TRANSPORTES DEL NORTE SA DE CV SHIP TO Name: ENSAMBLES "
        "S. DE R.L. DE C.V. BILL TO Name: ENSAMBLES S. DE R.L. DE C.V. WEIGHT (KG) SHIPPER SIGNATURE"
    )
    assert _english(text)
    assert not _english("REMITENTE: ACME S.A. DE C.V. DESTINATARIO: CALLE DEL SOL PESO BRUTO FLETE")
