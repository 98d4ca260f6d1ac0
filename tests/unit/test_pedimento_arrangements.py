"""Pedimentos as broker systems print them (DOMAIN.md §1b), and the checks that send a misread one to review.

The printouts come from ``tests.synth.pedimentos`` in the arrangements the reader was developed against; the
held-out ones (``HELD_OUT``) are only measured (``benchmarks/pedimento_arrangements.py``), never tested here, so
that a rule tuned to them would show as a gap between the two figures rather than hide it.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from extractors.pedimento import extract_pedimento
from extractors.pedimento.review import check
from extractors.pipeline import extract
from extractors.result import ResultBuilder, needs_review
from extractors.text import DocumentText, PageText, TextOptions, Word, read_text
from tests.synth import data, pedimentos
from tests.synth.generate import READER_PENDING
from tests.synth.score import score_result

# development arrangements whose reader fixes have landed (``READER_PENDING`` names the others)
DEVELOPMENT = tuple(
    a for a in pedimentos.ARRANGEMENTS if a not in pedimentos.HELD_OUT and ("pedimento", a) not in READER_PENDING
)
NEW = tuple(a for a in DEVELOPMENT if a not in ("saai", "boxes", "keylist"))


def render(tmp_path: Path, arrangement: str, kind: int, partidas: int, seed: int) -> tuple[dict, Path]:
    rng = random.Random(f"arrangements/{arrangement}/{kind}/{partidas}/{seed}")
    truth = data.pedimento(rng, kind, partidas)
    path = tmp_path / f"{arrangement}-{kind}-{partidas}-{seed}.pdf"
    truth["pages"] = pedimentos.render(truth, arrangement, path, rng)
    return truth, path


def test_the_generator_names_its_arrangements_and_the_held_out_ones() -> None:
    assert {"saai", "boxes", "keylist"} < set(pedimentos.ARRANGEMENTS)
    assert len(pedimentos.ARRANGEMENTS) >= 8 and len(set(pedimentos.ARRANGEMENTS)) == len(pedimentos.ARRANGEMENTS)
    assert len(pedimentos.HELD_OUT) >= 2 and set(pedimentos.ARRANGEMENTS) > pedimentos.HELD_OUT


@pytest.mark.parametrize("arrangement", NEW)
@pytest.mark.parametrize(("kind", "partidas", "seed"), [(0, 3, 1), (3, 2, 2), (4, 1, 3), (1, 9, 4), (2, 5, 5)])
def test_every_field_and_partida_of_each_broker_arrangement(
    tmp_path: Path, arrangement: str, kind: int, partidas: int, seed: int
) -> None:
    truth, path = render(tmp_path, arrangement, kind, partidas, seed)
    result = extract(path)
    score = score_result(truth, result)
    assert score.errors == []
    assert [w["code"] for w in result["warnings"]] == [] and not result["needs_review"]


# The broker's relation of part numbers printed right under the FIN line, on the page of the last partida: that
# partida (the 55th) loses its NICO, UMT, countries and value added (a known weakness, not yet found; the document
# goes to review by its partida_values warning).
FIFTY_FIVE = [
    pytest.param(
        arrangement,
        marks=pytest.mark.xfail(strict=True, reason="the last partida before a relation of part numbers loses cells"),
    )
    if arrangement == "relacionpartes"
    else arrangement
    for arrangement in NEW
]


@pytest.mark.parametrize("arrangement", FIFTY_FIVE)
def test_fifty_five_partidas_across_pages_with_repeated_headers(tmp_path: Path, arrangement: str) -> None:
    truth, path = render(tmp_path, arrangement, 0, 55, 6)
    assert truth["pages"] >= 2  # a dense printout (an English translation, 30 rows a page) needs only two
    result = extract(path)
    assert [line["sequence"]["value"] for line in result["lines"]] == list(range(1, 56))
    assert score_result(truth, result).errors == []
    pages = {line["sequence"]["page"] for line in result["lines"]}
    assert len(pages) >= 2 and pages <= set(range(1, truth["pages"] + 1))
    assert not result["needs_review"]


# --------------------------------------------------------------------------------------------------------
# Words laid out by hand: the shapes §1b describes, one at a time


def _doc(rows: list[list[tuple[float, str]]], top: float = 60.0, step: float = 11.0) -> DocumentText:
    """A one-page text layer: each row a list of (x, text) at 7 pt, 4.2 pt per character."""
    words = []
    for i, row in enumerate(rows):
        y = top + i * step
        for x, text in row:
            words.append(Word(text, x, y, x + 4.2 * len(text), y + 7, 1.0))
    text = "\n".join(" ".join(t for _x, t in row) for row in rows)
    return DocumentText("application/pdf", [PageText(1, text, words, "text_layer", None, 612, 792, 0)])


HEADER = [
    [
        (24, "NUM."),
        (46, "PEDIMENTO:"),
        (96, "24"),
        (108, "24"),
        (120, "3577"),
        (170, "4006986"),
        (220, "T.OPER:IMP"),
        (280, "CVE.PEDIMENTO:"),
        (345, "IN"),
        (380, "REGIMEN:ITE"),
    ],
]
COLUMNS = [
    [
        (24, "SEC"),
        (44, "FRACCION"),
        (92, "SUBD."),
        (120, "VINC."),
        (146, "MET"),
        (162, "VAL"),
        (186, "UMC"),
        (206, "CANTIDAD"),
        (244, "UMC"),
        (280, "UMT"),
        (300, "CANTIDAD"),
        (338, "UMT"),
        (372, "P.V/C"),
        (402, "P.O/D"),
        (440, "CON."),
        (462, "TASA"),
        (520, "T.T."),
        (540, "F.P."),
        (560, "IMPORTE"),
    ],
    [(44, "DESCRIPCION"), (100, "(RENGLONES"), (150, "VARIABLES"), (196, "SEGUN"), (226, "SE"), (240, "REQUIERA)")],
    [
        (44, "VAL"),
        (62, "ADU/USD"),
        (120, "IMP."),
        (140, "PRECIO"),
        (170, "PAG."),
        (206, "PRECIO"),
        (236, "UNIT."),
        (300, "VAL."),
        (320, "AGREG."),
    ],
]


def _partida(
    seq: str, fraccion: list[tuple[float, str]], umc: list[tuple[float, str]]
) -> list[list[tuple[float, str]]]:
    return [
        [
            (24, seq),
            *fraccion,
            (120, "0"),
            (146, "1"),
            *umc,
            (280, "1"),
            (300, "612.000"),
            (372, "CHN"),
            (402, "CHN"),
            (440, "IVA"),
            (462, "16.0000000000"),
            (524, "1"),
            (544, "0"),
            (570, "70344"),
        ],
        [
            (44, "TORNILLO"),
            (84, "DE"),
            (96, "ACERO"),
            (440, "IGI"),
            (462, "0.0000000000"),
            (524, "1"),
            (544, "9"),
            (570, "0"),
        ],
        [(300, "DTA"), (318, "0.0080000000"), (372, "1"), (382, "0"), (392, "3517")],
        [(44, "439650"), (120, "439650"), (206, "73.27500"), (300, "0")],
        [(44, "IDENTIF."), (100, "COMPLEMENTO"), (160, "1")],
        [(44, "PO"), (100, "4500123"), (160, "PACIFIC"), (200, "COMPONENTS")],
        [(44, "TL"), (100, "USA")],
        [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")],
        [(44, "FACT"), (70, "F12345"), (110, "CANT."), (140, "6000")],
    ]


def test_code_beside_its_quantity_contributions_and_identifiers_are_not_partidas() -> None:
    rows = HEADER + [[(24, "VALOR"), (52, "ADUANA:"), (560, "439650")]] + COLUMNS
    rows += _partida("1", [(44, "7314420100")], [(236, "6"), (244, "6000.000")])
    rows += [
        [
            (24, "***********FIN"),
            (90, "DE"),
            (104, "PEDIMENTO"),
            (160, "*******"),
            (200, "NUM."),
            (224, "TOTAL"),
            (254, "DE"),
            (268, "PARTIDAS:"),
            (316, "1"),
            (330, "*****"),
        ]
    ]
    builder = extract_pedimento(_doc(rows))
    fields = {k: v["value"] for k, v in builder.fields.items()}
    assert fields["operation_type"] == "IMP" and fields["clave"] == "IN" and fields["regimen"] == "ITE"
    assert fields["customs_value_mxn"] == 439650 and fields["partida_count"] == 1
    assert len(builder.lines) == 1
    line = {k: v["value"] for k, v in builder.lines[0].items()}
    assert line["tariff_code"] == "73144201" and line["nico"] == "00"
    assert line["umc"] == "6" and line["umc_quantity"] == 6000.0  # the code is not the quantity
    assert line["description"] == "TORNILLO DE ACERO"
    assert line["customs_value_mxn"] == 439650 and line["unit_price"] == 73.275


def test_a_bank_stamps_figures_in_the_value_column_are_not_the_value() -> None:
    rows = HEADER + [[(24, "VALOR"), (52, "ADUANA:"), (300, "365330.00539674.00"), (560, "539674")]]
    builder = extract_pedimento(_doc(rows))
    assert builder.fields["customs_value_mxn"]["value"] == 539674


# --------------------------------------------------------------------------------------------------------
# Checks → review


def _builder(lines: list[dict[str, Any]], **fields: Any) -> ResultBuilder:
    b = ResultBuilder()
    base = {
        "pedimento_number": "242435774006986",
        "operation_type": "IMP",
        "clave": "IN",
        "regimen": "ITE",
        "customs_office": "240",
        "exchange_rate": 17.0,
        "importer_exporter_rfc": "AAA010101AAA",
        "payment_date": "2024-05-06",
        "entry_date": "2024-05-05",
        "usd_value": 1000.0,
        "customs_value_mxn": 17000,
        "commercial_value_mxn": 17000,
    }
    base.update(fields)
    for name, value in base.items():
        if value is not None:
            b.set(name, value, 0.97)
    for line in lines:
        b.add_line({k: {"value": v, "confidence": 0.95, "page": 1, "bbox": None, "raw": None} for k, v in line.items()})
    return b


GOOD_LINE = {
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


def _codes(b: ResultBuilder) -> list[str]:
    check(b)
    return [w["code"] for w in b.warnings if w["code"] != "check_digit"]


def _review(b: ResultBuilder) -> bool:
    result = {"doc_type_confidence": 0.95, "fields": b.fields, "lines": b.lines, "warnings": b.warnings}
    return needs_review(result)


def test_a_consistent_reading_passes_every_check() -> None:
    b = _builder([GOOD_LINE], partida_count=1)
    assert _codes(b) == []


def test_zero_partidas_read_from_a_pedimento_that_prints_nine_goes_to_review() -> None:
    b = _builder([], partida_count=9)
    assert "partida_count" in _codes(b) and _review(b)
    assert "none were read" in b.warnings[0]["message"]


def test_partidas_without_the_printed_total_go_to_review() -> None:
    b = _builder([GOOD_LINE], partida_count=None)
    assert "partida_count" in _codes(b) and _review(b)
    nothing = _builder([], partida_count=None)
    assert "partida_count" in _codes(nothing) and _review(nothing)


def test_a_gap_in_the_partida_numbers_goes_to_review() -> None:
    b = _builder(
        [GOOD_LINE, {**GOOD_LINE, "sequence": 3}],
        partida_count=2,
        customs_value_mxn=34000,
        commercial_value_mxn=34000,
        usd_value=2000.0,
    )
    assert _codes(b) == ["partida_count"] and _review(b)


def test_fields_the_clave_needs_are_required() -> None:
    b = _builder([{k: v for k, v in GOOD_LINE.items() if k != "umc_quantity"}], partida_count=1, regimen=None)
    codes = _codes(b)
    assert codes.count("missing_field") == 2 and _review(b)
    messages = " ".join(w["message"] for w in b.warnings)
    assert "RÉGIMEN" in messages and "cantidad UMC of partida 1" in messages


def test_a_nico_or_country_not_read_goes_to_review_whatever_the_clave() -> None:
    line = {k: v for k, v in GOOD_LINE.items() if k not in ("nico", "seller_buyer_country")}
    b = _builder([line], partida_count=1, clave="R1")  # a rectificación: no goods fields required
    assert _codes(b) == ["missing_field", "missing_field"] and _review(b)
    messages = " ".join(w["message"] for w in b.warnings)
    assert "NICO of partida 1" in messages and "P. V/C" in messages


def test_a_unit_code_read_as_the_quantity_shows_in_the_unit_price() -> None:
    b = _builder([{**GOOD_LINE, "umc_quantity": 6.0}], partida_count=1)
    assert _codes(b) == ["partida_values"] and _review(b)


def test_values_against_the_exchange_rate_and_the_partidas_sum() -> None:
    b = _builder([GOOD_LINE], partida_count=1, usd_value=1500.0)
    assert _codes(b) == ["value_mismatch"] and _review(b)
    b = _builder([GOOD_LINE], partida_count=1, customs_value_mxn=17100, usd_value=17100 / 17)
    assert "totals_mismatch" in _codes(b) and _review(b)


def test_a_scan_with_no_text_gives_no_pedimento_warnings(tmp_path: Path) -> None:
    doc = DocumentText("application/pdf", [PageText(1, "", [], "none", None, 612, 792, 0, "blank")])
    assert extract_pedimento(doc).warnings == []
    truth, path = render(tmp_path, "anexo22", 0, 1, 7)
    assert extract_pedimento(read_text(path, "application/pdf", TextOptions())).warnings == []
