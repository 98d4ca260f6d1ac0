"""CFDI printouts of small issuers' invoicing portals and printed forms: the Comercio Exterior data typed into the
concepto's description and wrapped there, the series and folio in the title's box ("FACTURA A 49826"), and the
running sums a paper form carries from page to page ("VAN" / "VIENEN")."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extractors.cfdi_pdf import _KIND_TITLE, _invoice_number
from extractors.cfdi_pdf_lines import note_runs_on, running_sum
from extractors.pipeline import extract
from extractors.text import Word
from tests.synth.draw import BOLD, Sheet

UUID = "D564F979-E564-4EE2-96A7-EF1AB41F70A9"


@dataclass
class _Line:
    words: list[Word]


def _line(text: str) -> _Line:
    words, x = [], 10.0
    for part in text.split():
        words.append(Word(part, x, 10.0, x + 5 * len(part), 18.0, 1.0))
        x += 5 * len(part) + 4
    return _Line(words)


def test_an_invoice_number_of_series_and_folio_with_a_space() -> None:
    assert _invoice_number(" A 49826") == ("A 49826", (1, 8))
    assert _invoice_number(" EXP 80629") is not None
    assert _invoice_number(" electrónica") is None
    assert _invoice_number(" No 1234") is None  # the number's abbreviation, no series
    assert _invoice_number(" de 2025") is None  # words, no series


@pytest.mark.parametrize(
    ("title", "kind"),
    [("CFDI 3.3 de Ingreso", "Ingreso"), ("CFDI 4.0  ·  INGRESO", "INGRESO"), ("CFDI 4.0 - Egreso", "Egreso")],
)
def test_the_type_in_a_title_after_the_version(title: str, kind: str) -> None:
    found = _KIND_TITLE.search(title)
    assert found is not None and found.group(1) == kind


def test_a_version_with_other_words_after_it_gives_no_type() -> None:
    assert _KIND_TITLE.search("CFDI 4.0 Ingresos por servicios") is None
    assert _KIND_TITLE.search("CFDI 4.0\nIngreso") is None


@pytest.mark.parametrize(
    ("note", "rest"),
    [
        ("Fracción arancelaria: 9405.41.99 · Cantidad aduana: 463.000 · Unidad aduana: 06 · Valor dólares:", "8945.16"),
        ("Fracción arancelaria: 8504.40.99 · Cantidad aduana: 1115.000 · Valor", "dólares: 31721.75"),
        ("Fracción arancelaria 85044099 · Cantidad aduana 188.000 · Valor dólares", "2,334.96"),
    ],
)
def test_a_labelled_value_wrapped_onto_the_next_line_runs_on_from_the_note(note: str, rest: str) -> None:
    assert note_runs_on(_line(note), _line(rest))


@pytest.mark.parametrize(
    ("note", "line"),
    [
        # the value is whole on the note's line: the next line is the next concepto's
        ("Fracción arancelaria: 9405.41.99 · Valor dólares: 8945.16", "1115.000 H87 31161800 FUENTE DE PODER 28.45"),
        # the label's value begins a line that holds more: a concepto's cells, not the rest of the note
        ("Fracción arancelaria: 9405.41.99 · Cantidad aduana:", "463.000 H87 43201800 MODULO LED 19.32 8945.16"),
        ("No. de parte: FG29027-7", "INDUSTRIAL"),
    ],
)
def test_a_line_with_words_of_its_own_is_no_part_of_the_note(note: str, line: str) -> None:
    assert not note_runs_on(_line(note), _line(line))


@pytest.mark.parametrize(
    "text", ["VAN 645,726.39", "VAN $ 1,055,150.77", "VIENEN $1,031,816.03", "Suma y sigue 12,345.67", "PASAN 880.55"]
)
def test_a_running_sum_carried_across_pages(text: str) -> None:
    assert running_sum(text)


@pytest.mark.parametrize(
    "text", ["VAN", "VAN 12", "CAMIONETA VAN 2,500.00", "VAN DE CARGA 3,400.00", "VIENEN 3 PIEZAS"]
)
def test_a_concepto_text_is_no_running_sum(text: str) -> None:
    assert not running_sum(text)


def _portal_form(path: Path) -> None:
    """A portal's two-page printout: the title box with the series and folio, a conceptos table whose description
    holds the part number and the complement's data (its value wrapped onto a line of its own), running sums at
    the first page's foot and the second's head."""
    s = Sheet(path, title="CFDI")
    s.text(34, 38, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=11)
    s.text(34, 50, "RFC: MNO900101AB1", size=7)
    s.text(420, 39, "FACTURA EXP 4521", font=BOLD, size=9)
    s.text(380, 52, "Folio fiscal: " + UUID, size=7)
    s.text(380, 62, "Fecha: 2025-04-15T11:06:16", size=7)
    s.text(34, 80, "Nombre: ACME WIRE & CABLE LLC", size=7)
    s.text(34, 90, "RFC: XEXX010101000", size=7)
    s.text(200, 90, "Moneda: USD", size=7)
    s.text(300, 90, "Tipo de cambio: 17.4223", size=7)

    def header(y: float) -> float:
        s.right(74, y, "Cantidad", font=BOLD, size=7)
        s.text(80, y, "Unidad", font=BOLD, size=7)
        s.text(114, y, "Clave SAT", font=BOLD, size=7)
        s.text(164, y, "Descripción", font=BOLD, size=7)
        s.right(508, y, "Valor unitario", font=BOLD, size=7)
        s.right(576, y, "Importe", font=BOLD, size=7)
        return y + 13

    def item(y: float, qty: str, key: str, text: str, price: str, amount: str, part: str, tariff: str) -> float:
        s.right(74, y, qty, size=7)
        s.text(80, y, "H87", size=7)
        s.text(114, y, key, size=7)
        s.text(164, y, text, size=7)
        s.right(508, y, price, size=7)
        s.right(576, y, amount, size=7)
        s.text(164, y + 9, f"No. de parte: {part}", size=7)
        note = f"Fracción arancelaria: {tariff} · Cantidad aduana: {qty} · Unidad aduana: 06 · Valor dólares:"
        s.text(164, y + 18, note, size=6)
        s.text(164, y + 27, amount, size=6)
        return y + 40

    y = header(120)
    y = item(y, "463.000", "43201800", "MODULO DE ILUMINACION LED", "19.32", "8945.16", "FG29027-7", "9405.41.99")
    y = item(y, "1115.000", "31161800", "FUENTE DE PODER CONMUTADA", "28.45", "31721.75", "M51985-3", "8504.40.99")
    s.text(396, 740, "VAN", font=BOLD, size=7)
    s.right(576, 740, "40,666.91", font=BOLD, size=7)
    s.new_page()
    y = header(60)
    s.text(396, y, "VIENEN", font=BOLD, size=7)
    s.right(576, y, "40,666.91", font=BOLD, size=7)
    y = item(y + 12, "100.000", "39121000", "ARNES ELECTRICO", "10.00", "1000.00", "EX1885-8", "8544.30.02")
    for k, (label, value) in enumerate((("Subtotal", "41666.91"), ("Total", "41666.91"))):
        s.text(400, y + 11 * k, label, font=BOLD, size=7)
        s.right(576, y + 11 * k, value, font=BOLD, size=7)
    s.save()


def test_a_portals_printout_with_the_complement_in_the_descriptions(tmp_path: Path) -> None:
    path = tmp_path / "portal.pdf"
    _portal_form(path)
    result = extract(path, media_type="application/pdf")
    fields = {key: c["value"] for key, c in result["fields"].items()}
    lines: list[dict[str, Any]] = [{key: c["value"] for key, c in line.items()} for line in result["lines"]]
    assert (fields.get("series"), fields.get("folio")) == ("EXP", "4521")
    assert [line["description"] for line in lines] == [
        "MODULO DE ILUMINACION LED",
        "FUENTE DE PODER CONMUTADA",
        "ARNES ELECTRICO",
    ]
    assert [line["part_number"] for line in lines] == ["FG29027-7", "M51985-3", "EX1885-8"]
    assert [line["tariff_code"] for line in lines] == ["94054199", "85044099", "85443002"]
    assert [line["usd_value"] for line in lines] == pytest.approx([8945.16, 31721.75, 1000.0])
