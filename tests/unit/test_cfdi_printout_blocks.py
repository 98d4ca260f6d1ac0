"""CFDI printouts whose conceptos are blocks of labelled values and whose mercancías are labelled lines, the
series printed inside the folio, and the total in words that is no total."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from extractors.cfdi_pdf import _series_in_folio
from extractors.cfdi_pdf_blocks import _is_code, block_wordings, labelled_segments
from extractors.cfdi_pdf_lines import BLOCK_MERCANCIA_COLUMNS, CONCEPTO_COLUMNS
from extractors.pipeline import extract
from extractors.result import ResultBuilder
from tests.synth.draw import BOLD, Sheet


@dataclass
class Word:
    text: str


def _segments(line: str) -> dict[str, str]:
    wordings = block_wordings({**CONCEPTO_COLUMNS, **BLOCK_MERCANCIA_COLUMNS})
    found = labelled_segments([Word(text) for text in line.split()], wordings)
    return {key: " ".join(word.text for word in words) for key, words in found.items()}


def test_a_line_of_labelled_values_splits_at_each_known_label() -> None:
    segments = _segments(
        "Clave SAT: 26121600 Unidad: H87 Pieza Cantidad: 120.000 P. Unitario: 1.25 USD Importe: 150.00"
    )
    assert segments == {
        "product_key": "26121600",
        "unit": "H87 Pieza",  # "Pieza Cantidad" is no label: "Cantidad" alone is
        "quantity": "120.000",
        "unit_price": "1.25 USD",
        "amount": "150.00",
    }


def test_an_unknown_label_ends_the_value_before_it() -> None:
    segments = _segments("Cantidad: 4 Lote: 77A Importe: 8.00")
    assert segments == {"quantity": "4", "amount": "8.00"}


def test_the_concepto_wording_wins_over_a_customs_one_that_normalises_alike() -> None:
    # "UNID AD" (unidad aduana) and "UNIDAD" read the same once spaces go: the concepto's unit keeps it
    assert _segments("Unidad: KGM Cantidad: 2")["unit"] == "KGM"


@pytest.mark.parametrize("text", ["FG1234-5", "-EX76408-9", "¥FG23477-1", "4471"])
def test_a_part_number_with_ocr_specks_at_its_ends_is_still_a_code(text: str) -> None:
    assert _is_code(text)


@pytest.mark.parametrize("text", ["3.", "-", "TABLERO", "$1.25"])
def test_a_position_a_word_or_a_price_is_no_code(text: str) -> None:
    assert not _is_code(text)


@pytest.mark.parametrize(
    ("folio", "series", "number"),
    [("E-94260", "E", "94260"), ("EXP-69345", "EXP", "69345"), ("FE/15131", "FE", "15131")],
)
def test_series_and_folio_printed_together_under_folio(folio: str, series: str, number: str) -> None:
    out = ResultBuilder()
    out.set("folio", folio, 0.9, page=1)
    _series_in_folio(out)
    assert out.fields["series"]["value"] == series
    assert out.fields["folio"]["value"] == number


@pytest.mark.parametrize("folio", ["94260", "A12B-7", "2024-0001"])
def test_a_folio_of_another_shape_stays_whole(folio: str) -> None:
    out = ResultBuilder()
    out.set("folio", folio, 0.9, page=1)
    _series_in_folio(out)
    assert "series" not in out.fields and out.fields["folio"]["value"] == folio


def test_a_series_printed_apart_keeps_the_folio_whole() -> None:
    out = ResultBuilder()
    out.set("series", "B", 0.9, page=1)
    out.set("folio", "A-12", 0.9, page=1)
    _series_in_folio(out)
    assert out.fields["series"]["value"] == "B" and out.fields["folio"]["value"] == "A-12"


def _header(s: Sheet) -> None:
    s.text(30, 40, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 52, "RFC: MNO900101AB1", size=8)
    s.text(330, 52, "Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=7)
    s.text(330, 62, "Versión CFDI: 4.0", size=8)
    s.text(30, 74, "Moneda: USD   Tipo de cambio: 18.0632", size=8)


def test_conceptos_as_blocks_and_mercancias_as_labelled_lines(tmp_path: Path) -> None:
    """Blocks in other wordings than any one issuer's: no position number, a description over two lines, a
    continuation heading on the second page that is no concepto's first line."""
    path = tmp_path / "blocks.pdf"
    s = Sheet(path, title="CFDI")
    _header(s)
    s.text(30, 100, "CONCEPTOS", font=BOLD, size=8)
    s.text(30, 114, "PN-4471  CABLE COAXIAL BLINDADO", font=BOLD, size=8)
    s.text(96, 125, "CON CONECTORES", size=8)
    s.text(40, 136, "ClaveProdServ: 26121600   Clave unidad: KGM   Cantidad: 12.50   Valor unitario: 2.00", size=7.5)
    s.text(330, 136, "Importe: 25.00", size=7.5)
    s.new_page()
    s.text(30, 40, "A-77   CONCEPTOS (CONTINUACION)", font=BOLD, size=8)
    s.text(30, 62, "7  PN-9  ARNES ELECTRICO", font=BOLD, size=8)
    s.text(
        40,
        73,
        "Clave SAT: 25174200   Unidad: H87 Pieza   Cantidad: 3   P. Unitario: $10.00   Importe: $30.00",
        size=7.5,
    )
    s.text(30, 100, "Subtotal: 55.00   Total: 55.00", size=8)
    s.text(
        30,
        120,
        "No. Ident.: PN-9   Fracción: 8544.30.02   Cantidad aduana: 3   U. aduana: 06   Valor USD: 30.00",
        size=7,
    )
    s.text(
        30,
        131,
        "No. Ident.: PN-4471   Fracción: 8544.20.01   Cant. aduana: 12.5   U. aduana: 01   Valor dólares: 25.00",
        size=7,
    )
    s.save()
    lines = [{k: c["value"] for k, c in line.items()} for line in extract(path, media_type="application/pdf")["lines"]]
    assert len(lines) == 2
    first, second = lines
    assert first["part_number"] == "PN-4471"
    assert first["description"] == "CABLE COAXIAL BLINDADO CON CONECTORES"
    assert (first["product_key"], first["unit"], first["quantity"], first["unit_price"], first["amount"]) == (
        "26121600",
        "KGM",
        12.5,
        2.0,
        25.0,
    )
    assert (first["tariff_code"], first["customs_unit"], first["usd_value"]) == ("85442001", "01", 25.0)
    assert second["part_number"] == "PN-9" and second["description"] == "ARNES ELECTRICO"
    assert (second["unit"], second["tariff_code"], second["customs_quantity"]) == ("H87", "85443002", 3.0)


def test_the_total_in_words_is_no_total(tmp_path: Path) -> None:
    path = tmp_path / "words.pdf"
    s = Sheet(path, title="CFDI")
    _header(s)
    s.text(30, 120, "Total con letra:", font=BOLD, size=8)
    s.text(400, 120, "Subtotal:", font=BOLD, size=8)
    s.right(560, 120, "$1,338,895.54", size=8)
    s.text(30, 130, "(UN MILLÓN TRESCIENTOS TREINTA Y OCHO MIL OCHOCIENTOS NOVENTA Y CINCO DÓLARES 54/100 USD)", size=7)
    s.text(400, 141, "Total:", font=BOLD, size=8)
    s.right(560, 141, "$1,338,895.54", size=8)
    s.save()
    fields = extract(path, media_type="application/pdf")["fields"]
    assert fields["total"]["value"] == pytest.approx(1338895.54)
