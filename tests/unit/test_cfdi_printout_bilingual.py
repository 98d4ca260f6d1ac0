"""CFDI printouts as wide bilingual export invoices print them: a label in two languages joined by a slash is
one label, the series and folio run together as one invoice number, and a partida's position number in a column
of its own before the part number."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extractors import layout
from extractors.cfdi_pdf import _labels_on
from extractors.cfdi_pdf_lines import description_overflow_left, drop_positions, page_foot
from extractors.pipeline import extract
from extractors.text import Word
from tests.synth.draw import BOLD, Sheet


@dataclass
class _PageStub:
    words: list[Word]
    number: int = 1
    width: float = 612.0
    height: float = 792.0
    text: str = ""


def _page(texts: list[str]) -> layout.PageLayout:
    words = []
    x = 10.0
    for text in texts:
        words.append(Word(text, x, 10.0, x + 5 * len(text), 18.0, 1.0))
        x += 5 * len(text) + 4
    return layout.layouts([_PageStub(words)])[0]


def test_a_label_in_two_languages_is_one_label() -> None:
    page = _page(["Vendido", "a", "/", "Sold", "to", "Moneda", "/", "Currency:", "USD"])
    hits = [(hit.key, hit.start, hit.end) for hit in _labels_on(page)]
    assert ("receiver_name", 0, 4) in hits
    assert ("currency", 5, 7) in hits


def test_two_labels_without_a_slash_stay_two() -> None:
    page = _page(["Receptor", "Cliente", "Moneda:"])
    keys = [(hit.key, hit.start) for hit in _labels_on(page)]
    assert ("receiver_name", 0) in keys and ("receiver_name", 1) in keys


def _fields(path: Path) -> dict[str, Any]:
    return {key: c["value"] for key, c in extract(path, media_type="application/pdf")["fields"].items()}


def _export_invoice(path: Path, number: str) -> None:
    """A landscape export invoice: bilingual labels, sold-to and ship-to boxes side by side."""
    s = Sheet(path, wide=True, title="CFDI")
    s.text(26, 36, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=12)
    s.text(26, 48, "R.F.C. MNO900101AB1   Régimen fiscal 601", size=7)
    s.text(560, 38, "No. Factura / Invoice No.:", font=BOLD, size=7)
    s.text(660, 38, number, size=7)
    s.text(560, 50, "Moneda / Currency:", font=BOLD, size=7)
    s.text(640, 50, "USD", size=7)
    s.text(29, 86, "Vendido a / Sold to", font=BOLD, size=7)
    s.text(32, 96, "GREAT LAKES WIRE & CABLE LLC", size=7)
    s.text(32, 105, "RFC XEXX010101000", size=7)
    s.text(400, 86, "Embarcado a / Ship to", font=BOLD, size=7)
    s.text(403, 96, "Mismo / Same", size=7)
    s.text(26, 130, "Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=7)
    s.text(560, 150, "Subtotal", font=BOLD, size=7)
    s.right(760, 150, "10.00", size=7)
    s.text(560, 161, "Total USD", font=BOLD, size=7)
    s.right(760, 161, "10.00", size=7)
    s.save()


def test_the_sold_to_name_is_read_whole_under_a_bilingual_heading(tmp_path: Path) -> None:
    path = tmp_path / "export.pdf"
    _export_invoice(path, "FE78094")
    fields = _fields(path)
    assert fields["receiver_name"] == "GREAT LAKES WIRE & CABLE LLC"
    assert fields["currency"] == "USD"


def test_series_and_folio_run_together_split_where_the_letters_end(tmp_path: Path) -> None:
    path = tmp_path / "export.pdf"
    _export_invoice(path, "FE78094")
    fields = _fields(path)
    assert (fields.get("series"), fields.get("folio")) == ("FE", "78094")


def test_an_invoice_number_that_mixes_letters_and_digits_stays_whole(tmp_path: Path) -> None:
    path = tmp_path / "export.pdf"
    _export_invoice(path, "A12B34")
    fields = _fields(path)
    assert fields.get("series") is None and fields.get("folio") == "A12B34"


def _records(parts: list[str]) -> list[layout.Record]:
    records = []
    for part in parts:
        words = [Word(text, 10.0, 10.0, 20.0, 18.0, 1.0) for text in part.split()]
        records.append(layout.Record(cells={"part_number": layout.Cell(words=words, page=1)}, page=1))
    return records


def test_a_position_counting_on_before_the_part_number_is_dropped() -> None:
    for parts in (["1 M79265-7", "2 FG51059-3", "3 EX45220-6"], ["10 M79265-7", "20 FG51059-3"]):
        records = _records(parts)
        drop_positions(records)
        assert [record.text("part_number") for record in records] == [part.split()[1] for part in parts]


def test_a_part_number_that_starts_with_a_number_stays_whole() -> None:
    for parts in (["4 M79265-7", "9 FG51059-3"], ["1 M79265-7", "1 FG51059-3"], ["1 M79265-7", "FG51059-3"]):
        records = _records(parts)
        drop_positions(records)
        assert [record.text("part_number") for record in records] == parts


def _row(cells: dict[str, list[tuple[str, float]]]) -> layout.Record:
    """A record whose cells hold words at the given x on one line."""
    return layout.Record(
        cells={
            key: layout.Cell(words=[Word(text, x, 10.0, x + 5 * len(text), 18.0, 1.0) for text, x in words], page=1)
            for key, words in cells.items()
        },
        page=1,
    )


def test_words_before_a_figure_in_its_cell_go_back_to_the_description() -> None:
    record = _row(
        {
            "description": [("MODULO", 100), ("DE", 140), ("ILUMINACION", 155)],
            "quantity": [("LED", 220), ("PARA", 240), ("630.000", 265)],
        }
    )
    description_overflow_left(record)
    assert record.text("description") == "MODULO DE ILUMINACION LED PARA"
    assert record.text("quantity") == "630.000"


def test_a_word_glued_to_the_figure_is_split_from_it() -> None:
    record = _row({"description": [("DISPOSITIVO", 100), ("MEDICO", 160)], "quantity": [("INFUSION,2,849.000", 200)]})
    description_overflow_left(record)
    assert record.text("description") == "DISPOSITIVO MEDICO INFUSION,"
    assert record.text("quantity") == "2,849.000"


def test_a_currency_before_the_figure_and_a_unit_after_it_stay_in_the_cell() -> None:
    record = _row({"description": [("CABLE", 100)], "unit_price": [("USD", 200), ("1,234.00", 220)]})
    description_overflow_left(record)
    assert record.text("unit_price") == "USD 1,234.00"
    record = _row({"description": [("CABLE", 100)], "quantity": [("120.000", 200), ("PZA", 240)]})
    description_overflow_left(record)
    assert record.text("quantity") == "120.000 PZA"


@pytest.mark.parametrize(
    "text",
    [
        "Hoja 1",
        "Página 2 de 3",
        "Page 1 of 2",
        "Pág. 1/2",
        "Este documento es una representación impresa de un CFDI Página 1",
        "Este documento es una representación impresa de un CFDI",
    ],
)
def test_a_page_foot_is_no_record_text(text: str) -> None:
    assert page_foot(text)


@pytest.mark.parametrize("text", ["LAMINA DE ACERO", "HOJA DE ACERO CAL 22", "2 CAJAS PAGINA 3", "EQUIPO INDUSTRIAL"])
def test_a_description_is_no_page_foot(text: str) -> None:
    assert not page_foot(text)
