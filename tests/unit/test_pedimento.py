"""Pedimento extraction on generated printouts of three brokers' layouts (text layer) and on word fakes."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from extractors.layout import vertical_rules
from extractors.pedimento import extract_pedimento, parse_clave
from extractors.result import ResultBuilder
from extractors.text import DocumentText, PageText, TextOptions, Word, read_text
from tests.synth import data, pedimentos
from tests.synth.score import score_result

LAYOUTS = ("saai", "boxes", "keylist")


def render(tmp_path: Path, layout: str, kind: int, partidas: int, seed: int, edit: Any = None) -> tuple[dict, Path]:
    rng = random.Random(f"unit/{layout}/{kind}/{partidas}/{seed}")
    truth = data.pedimento(rng, kind, partidas)
    if edit is not None:
        edit(truth)
    path = tmp_path / f"{layout}-{kind}-{partidas}.pdf"
    truth["pages"] = pedimentos.render(truth, layout, path, rng)
    return truth, path


def extract(path: Path) -> ResultBuilder:
    return extract_pedimento(read_text(path, "application/pdf", TextOptions()))


def as_result(builder: ResultBuilder) -> dict[str, Any]:
    return {"fields": builder.fields, "lines": builder.lines, "references": builder.references}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("kind", "partidas"), [(0, 3), (3, 2), (4, 1)])  # IN import, RT export, V1 export
def test_every_header_field_and_partida_of_each_layout(tmp_path: Path, layout: str, kind: int, partidas: int) -> None:
    truth, path = render(tmp_path, layout, kind, partidas, 1)
    result = as_result(extract(path))
    score = score_result(truth, result)
    assert score.errors == []
    assert {f: result["fields"][f]["value"] for f in truth["fields"]} == truth["fields"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_partidas_spanning_pages_under_a_repeated_header(tmp_path: Path, layout: str) -> None:
    truth, path = render(tmp_path, layout, 0, 40, 2)
    assert truth["pages"] >= 2
    builder = extract(path)
    assert [line["sequence"]["value"] for line in builder.lines] == list(range(1, 41))
    assert score_result(truth, as_result(builder)).errors == []
    assert {line["sequence"]["page"] for line in builder.lines} == set(range(1, truth["pages"] + 1))
    assert not [w for w in builder.warnings if w["code"] in ("partida_count", "totals_mismatch")]


def test_references_invoices_cove_guides_and_containers(tmp_path: Path) -> None:
    for seed in range(40):  # a seed whose pedimento came by sea, with containers
        truth, path = render(tmp_path, "saai", 0, 2, seed)
        if any(ref["kind"] == "container" for ref in truth["references"]):
            break
    refs = extract(path).references
    for ref in truth["references"]:
        assert ref in refs


def test_values_are_traced_to_their_place_on_the_page(tmp_path: Path) -> None:
    truth, path = render(tmp_path, "boxes", 0, 2, 3)
    fields = extract(path).fields
    number = fields["pedimento_number"]
    assert number["page"] == 1 and number["confidence"] > 0.9
    assert number["raw"].replace("-", "") == truth["fields"]["pedimento_number"]
    x0, top, x1, bottom = number["bbox"]
    assert 0 < x0 < x1 < 792 and 0 < top < bottom < 200  # landscape page, near the top


def test_checks_become_warnings_for_a_reviewer(tmp_path: Path) -> None:
    def spoil(truth: dict) -> None:
        truth["fields"]["partida_count"] += 1  # the printed total disagrees with the partidas
        truth["fields"]["customs_value_mxn"] += 5000  # header total ≠ lines, ≠ USD × rate
        truth["fields"]["importer_exporter_rfc"] = truth["fields"]["importer_exporter_rfc"][:-1] + (
            "0" if truth["fields"]["importer_exporter_rfc"][-1] != "0" else "1"
        )
        truth["extra"]["containers"] = ["MSKU9070324"]  # check digit should be 3

    truth, path = render(tmp_path, "saai", 0, 3, 4, spoil)
    builder = extract(path)
    codes = {w["code"] for w in builder.warnings}
    assert {"partida_count", "totals_mismatch", "value_mismatch", "check_digit"} <= codes
    assert any("MSKU9070324" in w["message"] for w in builder.warnings)
    assert all(w["message"] and w["message"][0].isupper() for w in builder.warnings)


def test_a_clean_pedimento_has_no_warnings(tmp_path: Path) -> None:
    truth, path = render(tmp_path, "keylist", 0, 5, 5)
    assert extract(path).warnings == []


def test_the_number_is_read_however_it_is_printed() -> None:
    for printed in ("24  47  3445  4001234", "24 47 3445 4001234", "24-47-3445-4001234", "244734454001234"):
        words, x = [], 40.0
        for part in ("NUM.", "PEDIMENTO:", *printed.split(" ")):
            if part:
                words.append(Word(part, x, 100, x + 6 * len(part), 109, 1.0))
            x += 6 * len(part) + 4
        doc = DocumentText("application/pdf", [PageText(1, printed, words, "text_layer", None, 612, 792, 0)])
        assert extract_pedimento(doc).fields["pedimento_number"]["value"] == "244734454001234"


def test_ocr_look_alikes_in_a_clave_are_put_back() -> None:
    assert parse_clave("AL")[0] == "A1"  # type: ignore[index]
    assert parse_clave("IN")[0] == "IN"  # type: ignore[index]
    assert parse_clave("RT ")[0] == "RT"  # type: ignore[index]
    assert parse_clave("V|")[0] == "V1"  # type: ignore[index]


def test_an_empty_document_gives_an_empty_result() -> None:
    doc = DocumentText("application/pdf", [PageText(1, "", [], "none", None, 612, 792, 0, "blank")])
    builder = extract_pedimento(doc)
    assert builder.fields == {} and builder.lines == [] and builder.warnings == []


def test_the_ruling_lines_of_a_bordered_partidas_table_are_read(tmp_path: Path) -> None:
    _truth, path = render(tmp_path, "boxes", 0, 3, 6)
    xs = vertical_rules(path, 1)
    # the boxes layout draws its partidas columns from x=24: SEC 20 wide, FRACCIÓN 46, NICO 22, DESCRIPCIÓN 158
    for border in (24.0, 44.0, 90.0, 112.0, 270.0):
        assert any(abs(x - border) < 0.5 for x in xs), border
