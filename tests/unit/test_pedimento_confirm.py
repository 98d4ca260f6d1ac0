"""Values a scanned pedimento confirms itself are believed despite OCR's doubt (extractors/pedimento/confirm.py);
the importer's legal form put back and a mangled name routed (extractors/pedimento/names.py)."""

from __future__ import annotations

from typing import Any

from extractors.layout import Found
from extractors.pedimento.confirm import CONFIRMED, confirm
from extractors.pedimento.names import MANGLED, legal_form, mangled, settle_name
from extractors.result import ResultBuilder
from extractors.text import Word

DOUBT = 0.5


def _cell(value: Any, raw: str | None = None) -> dict[str, Any]:
    return {"value": value, "confidence": DOUBT, "page": 1, "bbox": None, "raw": raw if raw is not None else str(value)}


LINE = {
    "sequence": 1,
    "tariff_code": "73144201",
    "nico": "00",
    "umc": "6",
    "umc_quantity": 6000.0,
    "umt": "6",
    "umt_quantity": 6000.0,
    "customs_value_mxn": 17000,
    "paid_price_mxn": 17000,
    "unit_price": 2.83333,
    "value_added": 0,
    "seller_buyer_country": "USA",
    "origin_destination_country": "USA",
}


def _builder(lines: list[dict[str, Any]], **fields: Any) -> ResultBuilder:
    b = ResultBuilder()
    base: dict[str, Any] = {
        "pedimento_number": "242435774006986",
        "patente": "3577",
        "customs_office": "240",
        "operation_type": "IMP",
        "clave": ("A1", "Al"),
        "exchange_rate": 17.0,
        "importer_exporter_rfc": "MAB9307148T4",
        "usd_value": 1000.0,
        "customs_value_mxn": 17000,
        "commercial_value_mxn": 17000,
        "partida_count": len(lines),
    }
    base.update(fields)
    for name, value in base.items():
        b.fields[name] = _cell(*value) if isinstance(value, tuple) else _cell(value)
    for line in lines:
        b.add_line({k: _cell(v) for k, v in line.items()})
    return b


def _confidences(cells: dict[str, Any]) -> dict[str, float]:
    return {k: v["confidence"] for k, v in cells.items()}


def test_a_pedimento_that_checks_out_is_believed_despite_ocr() -> None:
    b = _builder([LINE])
    confirm(b, ocr=True)
    assert {k for k, c in _confidences(b.fields).items() if c != CONFIRMED} == {"operation_type"}  # no check
    assert all(c == CONFIRMED for k, c in _confidences(b.lines[0]).items() if k not in ("tariff_code", "nico"))
    assert b.lines[0]["tariff_code"]["confidence"] == DOUBT  # read once: nothing to compare it with


def test_a_fraccion_and_country_read_alike_on_two_partidas_are_believed() -> None:
    second = {**LINE, "sequence": 2, "origin_destination_country": "CHN"}
    b = _builder([LINE, second], customs_value_mxn=34000, commercial_value_mxn=34000, usd_value=2000.0)
    confirm(b, ocr=True)
    assert b.lines[1]["tariff_code"]["confidence"] == CONFIRMED and b.lines[1]["nico"]["confidence"] == CONFIRMED
    assert b.lines[1]["seller_buyer_country"]["confidence"] == CONFIRMED
    assert b.lines[1]["origin_destination_country"]["confidence"] == DOUBT  # CHN read once


def test_values_that_disagree_keep_ocr_doubt() -> None:
    wrong = {**LINE, "unit_price": 2.9, "customs_value_mxn": 17100}
    b = _builder([wrong], usd_value=1100.0, patente="3578", importer_exporter_rfc="MAB9307148T5", partida_count=2)
    confirm(b, ocr=True)
    doubted = {k for k, c in _confidences(b.fields).items() if c == DOUBT}
    assert {"usd_value", "exchange_rate", "customs_value_mxn", "pedimento_number", "patente"} <= doubted
    assert {"importer_exporter_rfc", "partida_count"} <= doubted
    assert b.lines[0]["unit_price"]["confidence"] == b.lines[0]["sequence"]["confidence"] == DOUBT


def test_a_text_layer_is_not_touched() -> None:
    b = _builder([LINE])
    confirm(b, ocr=False)
    assert set(_confidences(b.fields).values()) == {DOUBT}


def test_a_legal_form_ocr_moved_the_dots_of_is_put_back() -> None:
    assert legal_form("ENSAMBLES DE REYNOSA S. DER.L. DE C.V.") == "ENSAMBLES DE REYNOSA S. DE R.L. DE C.V."
    assert legal_form("TECNOLOGIA QUERETANA S.A. DE.C.V.") == "TECNOLOGIA QUERETANA S.A. DE C.V."
    assert legal_form("MEDICOS DE MEXICALI.S.A. DE C.V.") == "MEDICOS DE MEXICALI S.A. DE C.V."
    assert legal_form("AUTOTRANSPORTES DEL BAJIO SA DE CV") == "AUTOTRANSPORTES DEL BAJIO SA DE CV"  # a style


def test_a_name_ocr_left_marks_in_is_mangled() -> None:
    assert mangled("ENSAMBLES ELECTRONICOS. DE REYNOSA S. DE R.L. DE C.V.")
    assert mangled("ENSAMBLES DE REYNOSA S. R.L. DE C.V.")  # DE lost: the form is not one
    assert not mangled("AGENCIA ADUANAL GARZA Y ASOCIADOS, S.C.")
    assert not mangled("JUAN CARLOS GARZA TREVIÑO")


def _found(text: str, confidences: list[float]) -> Found:
    words = [Word(t, 10.0 * k, 0, 10.0 * k + 8, 7, c) for k, (t, c) in enumerate(zip(text.split(), confidences))]
    return Found(value=text, words=words, page=1, certainty=0.9, raw=text)


def test_a_name_put_back_is_as_believed_as_its_own_words() -> None:
    value, confidence = settle_name(_found("TECNOLOGIA QUERETANA S.A. DE.C.V.", [0.95, 0.9, 0.9, 0.3]))
    assert value == "TECNOLOGIA QUERETANA S.A. DE C.V." and confidence == 0.81
    value, confidence = settle_name(_found("TECNOLOGIA. QUERETANA S.A. DE C.V.", [0.95, 0.9, 0.9, 0.9, 0.9]))
    assert confidence == MANGLED
