"""CFDI printouts that set the comprobante as stacked cards (a phone viewer's print): each value under a small
caption, the conceptos one card each with the complement's customs cells in a sub-card, a party's name wrapped
onto a second line of its box, the issue date as ``27 ago. 2025, 11:06:16``, and the subtotal under a caption
beside the tax's (``Subtotal  IVA 0%``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractors import layout
from extractors.cfdi_pdf import _amount, _uuid, _uuid_from_printings
from extractors.cfdi_pdf_parties import names_wrapped, party_name
from extractors.pipeline import extract
from extractors.result import ResultBuilder
from extractors.text import Word
from tests.synth.draw import BOLD, Sheet

UUID = "3F9A2C71-5B0E-4D8A-9C3B-7E21A4F60D95"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("4 mar. 2025, 09:15:02", "2025-03-04"),
        ("19 sept. 2024, 17:40:00", "2024-09-19"),
        ("1 dic 2023,08:00", "2023-12-01"),
        ("30 de abril de 2025", "2025-04-30"),
    ],
)
def test_a_day_month_year_date_run_on_into_its_time(text: str, iso: str) -> None:
    found = layout.parse_date(text)
    assert found is not None and found[0] == iso


@pytest.mark.parametrize("text", ["7 oct 25,000 piezas", "12 nov 24:30"])
def test_two_digits_after_a_month_followed_by_a_separator_are_no_year(text: str) -> None:
    found = layout.parse_date(text)
    assert found is None or not found[0].startswith("20")


def test_a_rate_is_no_amount() -> None:
    assert _amount("IVA 0%") is None
    assert _amount("Tasa 16 %") is None
    found = _amount("IVA 16% 2,480.00")
    assert found is not None and found[0] == 2480.0


def test_two_figures_under_two_captions_are_not_one_figure_spaced() -> None:
    assert _amount("98,210.40 0.00") == (98210.40, (0, 9))
    assert _amount("$1,500.00 $0.00") == (1500.0, (0, 9))
    found = _amount("57, 183.00")  # a figure OCR spaced stays one
    assert found is not None and found[0] == 57183.0


def _words(line: str, top: float, x: float = 20.0) -> list[Word]:
    out = []
    for part in line.split():
        out.append(Word(part, x, top, x + 5 * len(part), top + 8, 1.0))
        x += 5 * len(part) + 3
    return out


def _builder_with_name(name: str, rows: list[str]) -> tuple[ResultBuilder, list[layout.PageLayout]]:
    words = [w for k, row in enumerate(rows) for w in _words(row, 100.0 + 10 * k)]
    page = layout.PageLayout(number=1, width=300.0, height=400.0, lines=layout.group_lines(words))
    first = page.lines[0].words[0]
    out = ResultBuilder()
    out.set("issuer_name", name, 0.9, page=1, bbox=[first.x0, first.top, first.x1 + 50, first.bottom], raw=name)
    return out, [page]


def test_a_name_cut_at_its_box_edge_after_a_joining_word_takes_the_next_line() -> None:
    out, pages = _builder_with_name("ARNESES Y CONECTORES DE", ["ARNESES Y CONECTORES DE", "SALTILLO S.A. DE C.V."])
    names_wrapped(out, pages)
    assert out.fields["issuer_name"]["value"] == "ARNESES Y CONECTORES DE SALTILLO S.A. DE C.V."


def test_a_name_without_its_legal_form_takes_the_line_that_is_it() -> None:
    out, pages = _builder_with_name("MOLDES FINOS DEL NORTE", ["MOLDES FINOS DEL NORTE", "S. DE R.L. DE C.V."])
    names_wrapped(out, pages)
    assert out.fields["issuer_name"]["value"] == "MOLDES FINOS DEL NORTE S. DE R.L. DE C.V."


@pytest.mark.parametrize(
    ("name", "under"),
    [
        ("MOLDES FINOS DEL NORTE S.A. DE C.V.", "PARQUE INDUSTRIAL OESTE"),  # whole already: the address is not it
        ("MOLDES FINOS DEL NORTE", "AV. INDUSTRIAL 1200"),  # a figure: an address
        ("MOLDES FINOS DE", "RFC"),  # a label
    ],
)
def test_the_line_under_a_whole_name_is_left_alone(name: str, under: str) -> None:
    out, pages = _builder_with_name(name, [name, under])
    names_wrapped(out, pages)
    assert out.fields["issuer_name"]["value"] == name


def _card(s: Sheet, y: float, title: str, cells: list[tuple[str, str]], cols: int = 2) -> float:
    """A card: its title, then each row of captions over the row of their values (a value may take two lines,
    given with a newline)."""
    s.text(30, y, title, font=BOLD, size=9)
    y += 13
    width = 260 / cols
    for start in range(0, len(cells), cols):
        row = cells[start : start + cols]
        for k, (caption, _value) in enumerate(row):
            s.text(30 + k * width, y, caption, size=6)
        depth = 0
        for k, (_caption, value) in enumerate(row):
            for j, part in enumerate(value.split("\n")):
                s.text(30 + k * width, y + 10 + 10 * j, part, size=8.5)
                depth = max(depth, j + 1)
        y += 12 + 10 * depth
    return y + 8


def _phone_print(path: Path) -> None:
    s = Sheet(path, title="CFDI")
    s.text(30, 24, "Comprobante Fiscal Digital por Internet", font=BOLD, size=10)
    y = _card(
        s,
        40,
        "Datos del comprobante",
        [
            ("Folio fiscal", UUID),
            ("Serie", "FX"),
            ("Folio", "20931"),
            ("Fecha de emisión", "4 mar. 2025, 09:15:02"),
            ("Versión", "4.0"),
            ("Tipo de comprobante", "I - Ingreso"),
            ("Moneda", "USD"),
            ("Tipo de cambio", "17.0820"),
        ],
    )
    y = _card(s, y, "Emisor", [("Nombre", "ARNESES Y CONECTORES DE\nSALTILLO S.A. DE C.V."), ("RFC", "ACS910214KU9")])
    y = _card(s, y, "Receptor", [("Nombre", "NORTHERN WIRE CORP"), ("RFC", "XEXX010101000")])
    items = [
        ("CABLE DE COBRE AISLADO\nPARA ARNES AUTOMOTRIZ", "CB-2210", "26121600", "1,200", "2.50", "3,000.00"),
        ("CONECTOR HEMBRA 12 VIAS", "CN-0412", "39121400", "800", "1.25", "1,000.00"),
    ]
    for k, (text, part, key, qty, price, amount) in enumerate(items, start=1):
        y = _card(
            s,
            y,
            f"Partida {k} de 2",
            [
                ("Descripción", text),
                ("No. identificación", part),
                ("Clave prod./serv.", key),
                ("Cantidad", qty),
                ("Clave unidad", "H87"),
                ("Valor unitario", price),
                ("Importe", amount),
            ],
        )
        y = _card(
            s,
            y - 4,
            "Comercio exterior",
            [
                ("Fracción arancelaria", "85443002"),
                ("Cantidad aduana", qty),
                ("Unidad aduana", "06"),
                ("Valor dólares", amount),
            ],
            cols=4,
        )
    y = _card(s, y, "Totales", [("Subtotal", "4,000.00"), ("IVA 0%", "0.00"), ("Total", "4,000.00")])
    _card(s, y, "Timbre fiscal digital", [("No. de certificado del SAT", "30001000000500003416")])
    s.save()


def test_a_phone_viewers_cards(tmp_path: Path) -> None:
    path = tmp_path / "cards.pdf"
    _phone_print(path)
    result = extract(path, media_type="application/pdf")
    fields = {key: cell["value"] for key, cell in result["fields"].items()}
    assert fields["issue_date"] == "2025-03-04"
    assert fields["issuer_name"] == "ARNESES Y CONECTORES DE SALTILLO S.A. DE C.V."
    assert fields["subtotal"] == 4000.0
    assert fields["subtotal"] == fields["total"]
    lines: list[dict[str, Any]] = [{key: c["value"] for key, c in line.items()} for line in result["lines"]]
    assert [line["description"] for line in lines] == [
        "CABLE DE COBRE AISLADO PARA ARNES AUTOMOTRIZ",
        "CONECTOR HEMBRA 12 VIAS",
    ]
    assert [line["part_number"] for line in lines] == ["CB-2210", "CN-0412"]
    assert [line["quantity"] for line in lines] == [1200.0, 800.0]
    assert [line["amount"] for line in lines] == [3000.0, 1000.0]
    assert [line["customs_unit"] for line in lines] == ["06", "06"]
    assert [line["usd_value"] for line in lines] == [3000.0, 1000.0]
    assert not result["needs_review"]


def _with_uuid(value: str | None, confidence: float = 0.5) -> ResultBuilder:
    out = ResultBuilder()
    if value is not None:
        out.set("uuid", value, confidence, page=1)
    return out


def test_a_folio_fiscal_put_together_from_its_two_printings() -> None:
    # the card's printing took a character too many in the first group, the address lost the fourth group's 1
    text = (
        "Folio fiscal Estado\n5C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9 Vigente\n"
        "https://visor.example.mx/cfdi?id=C0D9E2A7-41B8-4F6C-9A3E | -2D7B81C4E0F9 1/1"
    )
    out = _with_uuid("C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9".replace("C0D9E2A7", "0D9E2A74"))
    _uuid_from_printings(out, text)
    assert out.fields["uuid"]["value"] == "C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9"


def test_a_folio_fiscal_no_reading_gave_from_a_spaced_printing_and_a_broken_one() -> None:
    text = "C0D9E2A77-41B8-4F6C-9A3E-2D7B81C4E0F9 Vigente\n?id=C0D9 E2A7-4 1B8-4F6C-9A3E-2D7B81C4E0F9 1/1"
    out = _with_uuid(None)
    _uuid_from_printings(out, text)
    assert out.fields["uuid"]["value"] == "C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9"


@pytest.mark.parametrize(
    "text",
    [
        # a related CFDI's UUID beside the folio fiscal: two UUIDs, not two printings of one
        "C0D9E2A77-41B8-4F6C-9A3E-2D7B81C4E0F9\nCFDI relacionado 7A1B2C3D-5E6F-4A1B-8C2D-3E4F5A6B7C8D",
        # the two printings read the fourth group two ways: no telling which
        "C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9\nC0D9E2A7-41B8-4F6C-9A8E-2D7B81C4E0F9",
    ],
)
def test_printings_that_disagree_put_nothing_together(text: str) -> None:
    out = _with_uuid(None)
    _uuid_from_printings(out, text)
    assert "uuid" not in out.fields


def test_a_sure_folio_fiscal_is_left_alone() -> None:
    out = _with_uuid("C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9", 0.95)
    _uuid_from_printings(out, "C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F8\nC0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F8")
    assert out.fields["uuid"]["value"] == "C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("NORTHERN WIRE CORP XEXX010101000", "NORTHERN WIRE CORP"),
        ("MOLDES FINOS DEL NORTE S.A. DE C.V.  MFN980512QX4", "MOLDES FINOS DEL NORTE S.A. DE C.V."),
    ],
)
def test_a_name_then_its_rfc_in_the_column_beside_is_the_name(text: str, name: str) -> None:
    found = party_name(text)
    assert found is not None and found[0] == name


@pytest.mark.parametrize("text", ["R.F.C.: MFN980512QX4", "MOLDES MFN980512QX4 NORTE"])
def test_an_rfc_inside_or_after_a_label_is_no_name(text: str) -> None:
    assert party_name(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "5C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9",  # a character put in the first group
        "C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0FS9 Vigente",  # and in the last one
    ],
)
def test_a_loose_folio_fiscal_cut_out_of_a_longer_run_is_not_read(text: str) -> None:
    assert _uuid(text) is None


def test_a_folio_fiscal_run_into_the_word_after_it_still_reads() -> None:
    found = _uuid("C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9Vigente")
    assert found is not None and found[0] == "C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9"
    spaced = _uuid("C0D9 E2A7-41B8-4F6C-9A3E-2D7B81C4EOF9 1/1")
    assert spaced is not None and spaced[0] == "C0D9E2A7-41B8-4F6C-9A3E-2D7B81C4E0F9"
