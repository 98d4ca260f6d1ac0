"""CFDI printouts of a cancelled CFDI: the status box's cancellation date and substitute folio fiscal are no issue
date nor this CFDI's folio fiscal, and the printout goes to review saying the CFDI is cancelled; a tax summary's
withheld total is no total, a tax heading no description's words; a block of labelled values beside a table is no
part of its rows."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from extractors import layout
from extractors.cfdi_pdf_lines import MERCANCIA_COLUMNS, _tax_line, header_over_continued_rows
from extractors.cfdi_pdf_sidebar import split_beside_table
from extractors.cfdi_pdf_status import says_cancelled
from extractors.pipeline import extract
from extractors.text import Word
from tests.synth.draw import BOLD, Sheet


def _cancelled(path: Path) -> dict[str, Any]:
    s = Sheet(path, title="CFDI")
    s.text(30, 30, "INDUSTRIAS DEL BAJIO S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 42, "RFC: IBA010203AB4", size=8)
    s.text(330, 30, "Estatus: Cancelado", font=BOLD, size=9)
    s.text(330, 40, "Fecha de cancelación: 18/03/2025 10:12:45", size=7)
    s.text(330, 50, "Motivo: 01 - Comprobante emitido con errores con relación", size=7)
    s.text(330, 62, "Folio fiscal sustituto: 1F2E3D4C-5B6A-4789-8A9B-0C1D2E3F4A5B", size=7)
    s.text(30, 80, "Receptor: NORTHWIND TRADING LLC", size=8)
    s.text(330, 80, "Folio fiscal: 9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D", size=8)
    s.text(30, 90, "RFC receptor: XEXX010101000", size=8)
    s.text(330, 90, "Fecha y hora de emisión: 02/03/2025 09:30:00", size=8)
    s.text(30, 100, "Moneda: USD   Tipo de cambio: 18.0632", size=8)
    s.text(330, 100, "Serie y folio: B 4410", size=8)
    s.text(330, 150, "Subtotal: 1,250.00", size=8)
    s.text(330, 160, "Total impuestos trasladados: 0.00", size=8)
    s.text(330, 170, "Total impuestos retenidos: 0.00", size=8)
    s.text(330, 180, "Total: 1,250.00", size=8)
    s.save()
    return extract(path, media_type="application/pdf")


def test_a_cancelled_cfdi_reads_its_own_date_and_folio_fiscal(tmp_path: Path) -> None:
    fields = {key: c["value"] for key, c in _cancelled(tmp_path / "cancelled.pdf")["fields"].items()}
    assert fields["issue_date"] == "2025-03-02"
    assert fields["uuid"] == "9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D"
    assert fields["total"] == 1250.0


def _line(text: str) -> SimpleNamespace:
    return SimpleNamespace(words=[SimpleNamespace(text=word) for word in text.split()])


@pytest.mark.parametrize("text", ["Impuestos", "IMPUESTOS:", "Impuestos trasladados:", "Taxes"])
def test_a_tax_heading_alone_is_no_description(text: str) -> None:
    assert _tax_line(_line(text)) == "note"


@pytest.mark.parametrize("text", ["SERVICIO DE IMPUESTOS ADUANALES", "CABLE IMPUESTOS 12"])
def test_a_description_naming_taxes_stays_one(text: str) -> None:
    assert _tax_line(_line(text)) is None


def _words(line: str, top: float, x: float) -> list[Word]:
    out = []
    for part in line.split():
        out.append(Word(part, x, top, x + 5 * len(part), top + 8, 1.0))
        x += 5 * len(part) + 3
    return out


def _page(rows: list[tuple[str, str]]) -> layout.PageLayout:
    words = [
        w
        for k, (side, table) in enumerate(rows)
        for w in [*_words(side, 100.0 + 10 * k, 20.0), *_words(table, 100.0 + 10 * k, 200.0)]
    ]
    return layout.PageLayout(number=1, width=700.0, height=400.0, lines=layout.group_lines(words))


def test_labelled_values_beside_a_table_are_lines_of_their_own() -> None:
    page = _page(
        [
            ("Pedimento: A1", "No. identificación Fracción arancelaria Cantidad aduana Valor dólares"),
            ("Incoterm: FCA", "PZ-1001 85444999 120.000 1,440.00"),
            ("Total USD: 2,190.00", "PZ-1002 85371099 30.000 750.00"),
        ]
    )
    assert split_beside_table(page, MERCANCIA_COLUMNS)
    texts = [" ".join(w.text for w in line.words) for line in page.lines]
    assert texts[1:3] == ["PZ-1001 85444999 120.000 1,440.00", "PZ-1002 85371099 30.000 750.00"]
    assert texts[3:] == ["Pedimento: A1", "Incoterm: FCA", "Total USD: 2,190.00"]


def test_a_column_the_header_leaves_unnamed_stays_in_the_table() -> None:
    page = _page(
        [
            ("#", "No. identificación Fracción arancelaria Cantidad aduana Valor dólares"),
            ("1", "PZ-1001 85444999 120.000 1,440.00"),
        ]
    )
    assert not split_beside_table(page, MERCANCIA_COLUMNS)


def test_a_cancelled_cfdi_goes_to_review_saying_why(tmp_path: Path) -> None:
    result = _cancelled(tmp_path / "cancelled.pdf")
    codes = [warning["code"] for warning in result["warnings"]]
    assert "cfdi_cancelled" in codes
    assert "unread_value" not in codes  # the cancellation's date is no date of the CFDI's data
    assert result["needs_review"]


@pytest.mark.parametrize(
    "text",
    [
        "Estatus: Cancelado",
        "ESTADO DEL CFDI: CANCELADO",
        "Estado del comprobante en el SAT Cancelado",
        "Fecha de cancelación: 03/04/2025 12:00:00",
        "Fecha y hora de cancelación 2025-04-03T12:00:00",
        "Status: Cancelled",
        "CFDI CANCELADO",
    ],
)
def test_the_ways_a_printout_says_its_cfdi_is_cancelled(text: str) -> None:
    assert says_cancelled(text)


@pytest.mark.parametrize(
    "text",
    [
        "Estatus: Vigente",
        "Sustituye a la factura A-118 del 02/01/2025, cancelada con motivo 01",
        "Motivo de cancelación",
        "Tipo de relación: 04 - Sustitución de los CFDI previos",
    ],
)
def test_a_printout_of_a_valid_cfdi_says_nothing_of_a_cancellation(text: str) -> None:
    assert not says_cancelled(text)


def _lines(rows: list[str], number: int) -> layout.PageLayout:
    words = [w for k, row in enumerate(rows) for w in _words(row, 100.0 + 10 * k, 20.0)]
    return layout.PageLayout(number=number, width=700.0, height=400.0, lines=layout.group_lines(words))


MERCANCIA_HEADER = "No. identificación Fracción arancelaria Cantidad aduana Unidad aduana Valor dólares"


def test_the_mercancias_header_is_carried_over_rows_run_onto_the_next_page() -> None:
    first = _lines(["Complemento Comercio Exterior", MERCANCIA_HEADER, "PZ-1001 85444999 120.000 06 1,440.00"], 1)
    second = _lines(["Folio fiscal: 9A8B7C6D", "Fecha: 2025-03-02", "PZ-1002 85371099 30.000 06 750.00"], 2)
    header_over_continued_rows([first, second])
    texts = [" ".join(w.text for w in line.words) for line in second.lines]
    assert texts == ["Folio fiscal: 9A8B7C6D", "Fecha: 2025-03-02", MERCANCIA_HEADER, texts[3]]
    assert second.lines[2].bottom <= second.lines[3].top


def test_no_header_is_carried_over_labelled_values_or_onto_a_page_before_any() -> None:
    first = _lines(["Subtotal: 1,440.00 Total: 1,440.00", "PZ-1002 85371099 30.000 06 750.00"], 1)
    second = _lines([MERCANCIA_HEADER, "PZ-1001 85444999 120.000 06 1,440.00"], 2)
    third = _lines(["Valor dólares: 85371099 30.000 06 750.00"], 3)
    header_over_continued_rows([first, second, third])
    assert len(first.lines) == 2 and len(third.lines) == 1
