"""CFDI printouts: totals qualified by the currency they are in ("Total M.N.:", "Total USD:"): the currency word
is the label's, and a total in another currency than the CFDI's Moneda is not its total."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractors import layout
from extractors.cfdi_pdf_qualified import OTHER_CURRENCY, qualified_totals
from extractors.pipeline import extract
from extractors.text import Word
from tests.synth.draw import BOLD, Sheet


def _head(s: Sheet, moneda: str) -> None:
    s.text(30, 40, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 52, "RFC: MNO900101AB1", size=8)
    s.text(330, 52, "Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=7)
    s.text(30, 70, "Receptor: PACIFIC COMPONENTS INC", size=8)
    s.text(30, 80, "RFC: XEXX010101000", size=8)
    s.text(30, 90, f"Moneda: {moneda}", size=8)


def _fields(path: Path) -> dict[str, Any]:
    return {key: c["value"] for key, c in extract(path, media_type="application/pdf")["fields"].items()}


def test_a_total_in_pesos_over_the_complements_total_in_dollars(tmp_path: Path) -> None:
    """An export billed in pesos: "Total M.N." set right-aligned far from its figure is the total; the Comercio
    Exterior's "Total USD" under it is the complement's."""
    path = tmp_path / "pesos.pdf"
    s = Sheet(path, title="CFDI")
    _head(s, "MXN - Peso Mexicano")
    for y, label, value in ((130, "Subtotal M.N.:", "169,390.00"), (140, "Total M.N.:", "169,390.00")):
        s.right(480, y, label, font=BOLD, size=8)
        s.right(570, y, value, size=8)
    s.text(30, 170, "Complemento de Comercio Exterior", font=BOLD, size=8)
    s.text(30, 182, "Tipo de cambio USD: 16.9390     Total USD: 10,000.00", size=8)
    s.save()
    fields = _fields(path)
    assert fields["currency"] == "MXN"
    assert fields["total"] == 169390.0
    assert fields["subtotal"] == 169390.0


def test_a_total_converted_into_pesos_is_not_a_dollar_invoices_total(tmp_path: Path) -> None:
    """A USD invoice that prints its total converted into pesos ("Total en M.N.") before its own total."""
    path = tmp_path / "usd.pdf"
    s = Sheet(path, title="CFDI")
    _head(s, "USD")
    s.text(30, 130, "Total en M.N.: 169,390.00", size=8)
    s.text(30, 150, "Subtotal: 10,000.00", size=8)
    s.text(30, 160, "Total: 10,000.00", size=8)
    s.save()
    assert _fields(path)["total"] == 10000.0


def _page(*rows: str) -> layout.PageLayout:
    """One page of rows of words, each word 40 points wide with a 4-point space."""
    lines = []
    for index, row in enumerate(rows):
        top = 20.0 * index
        words = [
            Word(text=text, x0=44.0 * k, top=top, x1=44.0 * k + 40, bottom=top + 8, confidence=1.0)
            for k, text in enumerate(row.split())
        ]
        lines.append(layout.Line(words=words, top=top, bottom=top + 8, tokens=[layout.norm(w.text) for w in words]))
    return layout.PageLayout(number=1, width=600, height=800, lines=lines)


def _hits(page: layout.PageLayout, currency: str | None) -> list[tuple[str, int, int]]:
    hits = layout.find_labels(page, {"total": ["TOTAL"], "currency": ["MONEDA"]})
    return [(hit.key, hit.line, hit.end) for hit in qualified_totals([page], hits, currency)]


def test_the_currency_word_joins_the_label() -> None:
    page = _page("Total M.N.: 1.00", "Total en USD 2.00", "Total 3.00")
    assert _hits(page, None) == [("total", 0, 1), ("total", 1, 2), ("total", 2, 0)]


def test_a_total_in_another_currency_is_a_decoy() -> None:
    page = _page("Total M.N.: 1.00", "Total USD: 2.00", "Total dólares 3.00")
    assert _hits(page, "MXN") == [("total", 0, 1), (OTHER_CURRENCY, 1, 1), (OTHER_CURRENCY, 2, 1)]


def test_a_currency_set_apart_or_taken_by_a_label_is_no_qualifier() -> None:
    """A currency far right of the label is a value's, and a word another label holds stays that label's."""
    page = _page("Total USD", "Total Moneda USD")
    near = page.lines[0].words[1]
    page.lines[0].words[1] = Word("USD", near.x0 + 100, near.top, near.x1 + 100, near.bottom, 1.0)
    assert _hits(page, "MXN") == [("total", 0, 0), ("total", 1, 0), ("currency", 1, 1)]


def test_a_column_of_totals_is_no_descriptions_wrap() -> None:
    """Totals whose labels OCR lost, under the last concepto right of its figures, are not its description's."""
    from extractors.cfdi_pdf_cells import figures_past_description

    def word(text: str, x0: float, top: float) -> Word:
        return Word(text, x0, top, x0 + 30, top + 8, 1.0)

    cells = {
        "description": layout.Cell(
            words=[word("FUENTE", 230, 0), word("INDUSTRIAL", 230, 10), word("$1,327,448.37", 545, 30)], page=1
        ),
        "unit_price": layout.Cell(words=[word("$20.75", 406, 0)], page=1),
        "amount": layout.Cell(words=[word("$90,304.00", 464, 0)], page=1),
    }
    figures_past_description(cells)
    assert [w.text for w in cells["description"].words] == ["FUENTE", "INDUSTRIAL"]
    cells["description"].words.append(word("12.50", 300, 10))  # a figure inside the description's column stays
    figures_past_description(cells)
    assert [w.text for w in cells["description"].words] == ["FUENTE", "INDUSTRIAL", "12.50"]
