"""B/L rules for a large ocean carrier's multimodal bill (the goods described once over the container rows, a
clause before the first container, dotted dates) and a cross-border truck or rail bill (labels in two languages,
check boxes before the freight options, weights in pounds beside kilograms)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractors.bill_of_lading import extract_bill_of_lading
from extractors.layout import month_first_dates
from extractors.text import DocumentText, TextOptions, read_text
from tests.synth import bills, data
from tests.synth.score import score_result
from tests.unit.test_bl_shapes import page_from, read


def test_a_label_in_two_languages_is_one_label() -> None:
    rows = [
        (30, "UNIFORM STRAIGHT BILL OF LADING"),
        (30, "Remitente / Ship From:              Transportista / Carrier: LONE STAR FREIGHT LINES LLC"),
        (34, "PACIFIC COMPONENTS INC              SCAC: LSFL"),
    ]
    fields = read(rows)["fields"]
    assert fields["carrier_name"] == "LONE STAR FREIGHT LINES LLC"
    assert fields["shipper_name"] == "PACIFIC COMPONENTS INC"


@pytest.mark.parametrize(
    ("printed", "terms"),
    [
        ("Flete / Freight: [X] Pagado / Prepaid  [ ] Por cobrar / Collect", "prepaid"),
        ("Flete / Freight: [ ] Pagado / Prepaid  [X] Por cobrar / Collect", "collect"),
        ("Freight: PREPAID [X]  COLLECT [ ]", "prepaid"),
    ],
)
def test_a_check_box_marks_the_option_it_stands_before(printed: str, terms: str) -> None:
    rows = [(30, "STRAIGHT BILL OF LADING"), (30, "Ship From: X"), (30, printed)]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    assert builder.fields["freight_terms"]["value"] == terms


def test_kilograms_are_read_beside_pounds_and_the_class_is_no_weight() -> None:
    rows = [
        (30, "STRAIGHT BILL OF LADING   Ship From: X"),
        (30, "No. Bultos / Units   Tipo / Kind   Description of Articles      Weight (LBS)   Peso (KGS)   Class"),
        (30, "  22                 CTN           PLASTIC PARTS                       3,943      1,788.6      70"),
        (30, "  13                 CTN           COPPER WIRE                         8,377      3,799.6      55"),
        (30, "  35                               TOTAL / GRAN TOTAL             12,320 LBS  5,588.2 KGS"),
    ]
    lines = read(rows)["lines"]
    assert [(ln["package_count"], ln["gross_weight_kg"], ln["description"]) for ln in lines] == [
        (22, 1788.6, "PLASTIC PARTS"),
        (13, 3799.6, "COPPER WIRE"),
    ]


def test_dates_written_with_dots_are_day_first() -> None:
    assert month_first_dates("ISSUED 05.08.2024 ON BOARD 03.08.2024", default=True) is False
    assert month_first_dates("DATE 05/08/2024", default=True) is True


def test_a_clause_over_the_containers_does_not_end_their_table() -> None:
    rows = [
        (30, "Container Nos., Seal Nos.   Number and Kind of Packages   Gross Weight (kg)   Measurement (cbm)"),
        (30, "                            SHIPPER'S LOAD, STOW AND COUNT"),
        (30, "                            2 CONTAINER(S) SAID TO CONTAIN 26 PALLETS"),
        (30, "                            LAMINA DE ALEACION DE ALUMINIO, ESPESOR SUPERIOR A 0.2"),
        (30, "                            MM"),
        (30, "MSKU1234565                 9 PALLETS                     15583.2             41.616"),
        (30, "SEAL: EU5969960"),
        (30, "CSQU3054352                 17 PALLETS                    10807.2             23.257"),
        (30, "SEAL: ML-1358402"),
        (30, "Total Gross Weight: 26390.4 KGS"),
    ]
    result = read(rows)
    weights = [ln.get("gross_weight_kg") for ln in result["lines"]]
    assert weights == [15583.2, 10807.2]
    description = "LAMINA DE ALEACION DE ALUMINIO, ESPESOR SUPERIOR A 0.2 MM"
    assert result["fields"]["goods_description"] == description
    assert {ln["description"] for ln in result["lines"]} == {description}


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("arrangement", ["carrier", "linehaul"])
def test_carrier_and_linehaul_bills_read_whole(tmp_path: Path, arrangement: str, seed: int) -> None:
    rng = random.Random(f"unit-bl-round4/{arrangement}/{seed}")
    truth = data.bill_of_lading(rng, bills.KIND[arrangement], 1 + seed)
    path = tmp_path / f"{arrangement}.pdf"
    bills.render(truth, arrangement, path, rng)
    builder = extract_bill_of_lading(read_text(path, "application/pdf", TextOptions()))
    result = {"fields": builder.fields, "lines": builder.lines, "references": builder.references}
    errors = [e for e in score_result(truth, result).errors if not e.startswith("issue_date")]
    assert errors == []
