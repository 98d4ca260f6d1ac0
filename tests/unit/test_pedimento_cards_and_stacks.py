"""Partidas printed as one wide row under column headings broken over two lines, and partidas printed as cards
(one block of label-over-value cells each), each on a short hand-written text layer; with them the header's
bare ``Clave`` cell, an IM identifier printed beside another, and a partida's contributions summed up on a line.
"""

from __future__ import annotations

from typing import Any

from extractors.layout import Found, layouts, parse_date, read_cards
from extractors.layout.values import month_letters
from extractors.pedimento import PARTIDA_SPEC, extract_pedimento
from extractors.pedimento.names import settle_name
from extractors.pedimento.partidas import _is_contribution_summary, _parse_figure
from extractors.pedimento.repair import misread
from extractors.text import DocumentText, PageText, Word
from tests.unit.pedimento_rows import LANDSCAPE, Row, document, page
from tests.unit.pedimento_rows import cell as _cell
from tests.unit.pedimento_rows import read_lines as _lines


def _page(number: int, rows: list[Row]) -> PageText:
    return page(number, rows, size=LANDSCAPE)


def _doc(*pages: list[Row]) -> DocumentText:
    return document(*pages, size=LANDSCAPE)


FIN: Row = [(200, "*****"), (230, "FIN"), (246, "DE"), (258, "PEDIMENTO"), (300, "*****"), (330, "NUM.")]
FIN += [(352, "TOTAL"), (378, "DE"), (390, "PARTIDAS:"), (432, "2")]

# Every heading printed over two lines, each lower piece under its upper one; the contributions as the row's
# last columns, headed by their codes.
STACKED_HEADER: list[Row] = [
    [(20, "SEC"), (40, "FRACCION"), (85, "NICO"), (108, "VIN"), (125, "MET"), (145, "UMC"), (168, "CANT.")]
    + [(200, "UMT"), (222, "CANT."), (254, "P."), (275, "P.")]
    + _cell(300, "VAL.", "ADU/")
    + _cell(345, "IMP.", "PRECIO")
    + [(405, "PRECIO"), (450, "VAL."), (490, "IGI"), (515, "IVA"), (540, "F.")],
    [(125, "VAL"), (168, "UMC"), (222, "UMT"), (254, "V/C"), (275, "O/D"), (300, "USD"), (345, "PAG.")]
    + [(405, "UNIT."), (450, "AGREG."), (540, "P.")],
]
STACKED_ROWS: list[Row] = [
    [(20, "1"), (40, "94054199"), (85, "99"), (108, "0"), (125, "1"), (145, "6"), (168, "99.000"), (200, "6")]
    + [(222, "99.000"), (254, "USA"), (275, "USA"), (300, "1,370.85"), (345, "24,663"), (405, "249.12121")]
    + [(450, "4,213"), (490, "0"), (515, "0"), (540, "0")],
    _cell(40, "MODULO", "DE", "ILUMINACION", "LED"),
    [(20, "2"), (40, "85044099"), (85, "99"), (108, "1"), (125, "1"), (145, "6"), (168, "479.000"), (200, "6")]
    + [(222, "479.000"), (254, "USA"), (275, "CHN"), (300, "14,277.41"), (345, "256,865"), (405, "536.25261")]
    + [(450, "42,767"), (490, "0"), (515, "41,098"), (540, "21")],
    _cell(40, "FUENTE", "DE", "PODER", "CONMUTADA"),
]


def test_headings_broken_over_two_lines_head_one_row_per_partida() -> None:
    lines = _lines(extract_pedimento(_doc(STACKED_HEADER + STACKED_ROWS + [FIN])))
    assert lines == [
        {
            "sequence": 1,
            "tariff_code": "94054199",
            "nico": "99",
            "umc": "6",
            "umc_quantity": 99.0,
            "umt": "6",
            "umt_quantity": 99.0,
            "seller_buyer_country": "USA",
            "origin_destination_country": "USA",
            "description": "MODULO DE ILUMINACION LED",
            "customs_value_mxn": 1370.85,
            "paid_price_mxn": 24663.0,
            "unit_price": 249.12121,
            "value_added": 4213.0,
        },
        {
            "sequence": 2,
            "tariff_code": "85044099",
            "nico": "99",
            "umc": "6",
            "umc_quantity": 479.0,
            "umt": "6",
            "umt_quantity": 479.0,
            "seller_buyer_country": "USA",
            "origin_destination_country": "CHN",
            "description": "FUENTE DE PODER CONMUTADA",
            "customs_value_mxn": 14277.41,
            "paid_price_mxn": 256865.0,
            "unit_price": 536.25261,
            "value_added": 42767.0,
        },
    ]


HEADER_CARDS: list[Row] = [
    _cell(20, "Tipo", "de", "operación") + [(160, "Clave")] + [(300, "Régimen")],
    [(20, "IMP"), (160, "A1"), (300, "IMD")],
]


def _card(number: int, fraccion: str, nico: str, quantity: str, value: str, description: list[str]) -> list[Row]:
    return [
        _cell(20, "Partida", str(number), "de", "2"),
        [(20, "Fracción"), (130, "NICO")] + _cell(220, "Cantidad", "UMC") + [(330, "UMC")],
        [(20, fraccion), (130, nico), (220, quantity), (330, "6")],
        _cell(20, "Valor", "aduana") + _cell(130, "Precio", "pagado") + _cell(220, "Código", "de", "producto"),
        [(20, value), (130, value), (220, f"PN{number}0-1")],
        [(20, "Descripción")],
        _cell(20, *description),
        _cell(20, "IGI", "0") + [(48, "·")] + _cell(56, "IVA", "76,716") + [(104, "·")] + _cell(112, "F.P.", "0"),
        [],
    ]


def test_partidas_printed_as_cards_of_labelled_cells() -> None:
    rows = HEADER_CARDS + [[]]
    rows += _card(1, "9405.41.99", "99", "30880.000", "534279", ["MODULO", "DE", "ILUMINACION"])
    rows += _card(2, "8504.40.99", "00", "12.000", "9363", ["FUENTE", "DE", "PODER"])
    result = extract_pedimento(_doc(rows + [FIN]))
    assert result.fields["clave"]["value"] == "A1"
    assert _lines(result) == [
        {
            "sequence": 1,
            "tariff_code": "94054199",
            "nico": "99",
            "umc": "6",
            "umc_quantity": 30880.0,
            "description": "MODULO DE ILUMINACION",
            "customs_value_mxn": 534279.0,
            "paid_price_mxn": 534279.0,
            "part_number": "PN10-1",
        },
        {
            "sequence": 2,
            "tariff_code": "85044099",
            "nico": "00",
            "umc": "6",
            "umc_quantity": 12.0,
            "description": "FUENTE DE PODER",
            "customs_value_mxn": 9363.0,
            "paid_price_mxn": 9363.0,
            "part_number": "PN20-1",
        },
    ]


def test_cards_without_a_title_start_where_a_label_repeats() -> None:
    card = _card(1, "9405.41.99", "99", "30.000", "5342", ["MODULO"])[1:5]
    other = _card(2, "8504.40.99", "00", "12.000", "9363", ["FUENTE"])[1:5]
    records = read_cards(layouts(_doc(card + other).pages), PARTIDA_SPEC)
    assert [r.text("tariff_code") for r in records] == ["9405.41.99", "8504.40.99"]
    assert [r.text("paid_price_mxn") for r in records] == ["5342", "9363"]


def test_a_tables_header_over_its_rows_is_no_card() -> None:
    header: Row = [(20, "SEC"), (40, "FRACCION"), (85, "NICO"), (125, "UMC")]
    rows: list[Row] = [[(20, str(k)), (40, "94054199"), (85, "99"), (125, "6")] for k in (1, 2, 3)]
    assert read_cards(layouts(_doc([header, *rows]).pages), PARTIDA_SPEC) == []


def test_an_immex_identifier_printed_beside_another() -> None:
    rows: list[Row] = [
        _cell(20, "IDENTIFICADOR", "ED:", "05675765288739") + _cell(300, "IDENTIFICADOR", "IM:", "5531-2004"),
    ]
    result = extract_pedimento(_doc(rows))
    assert result.fields["immex_program"]["value"] == "5531-2004"


def _line(*texts: str) -> Any:
    (lay,) = layouts(_doc([_cell(20, *texts)]).pages)
    return lay.lines[0]


def test_a_partidas_contributions_summed_up_on_one_line() -> None:
    assert _is_contribution_summary(_line("IGI", "0", "·", "IVA", "76,716", "·", "F.P.", "0"))
    assert _is_contribution_summary(_line("IGI:", "0", "IVA:", "12,005"))
    assert not _is_contribution_summary(_line("CABLE", "2", "HILOS", "10"))
    assert not _is_contribution_summary(_line("F.P.", "0", "TOTAL", "5"))


def test_a_contributions_summary_as_a_scan_reads_it() -> None:
    # each code run into its amount, the zero read as a letter, the separating dots lost or read as marks
    assert _is_contribution_summary(_line("IG1O", "IVAO", "F.P.O"))
    assert _is_contribution_summary(_line("IGI0", '-"', "IVAO", "F.P.", "21"))
    assert not _is_contribution_summary(_line("IGLESIA", "O", "FP"))
    (lay,) = layouts(_scanned([_cell(20, "IGLO", "JVAO", "E-P.21"), _cell(20, "CABLE", "IVA", "2", "HILOS")]).pages)
    assert _is_contribution_summary(lay.lines[0])  # codes a letter off, one word past reading
    assert not _is_contribution_summary(lay.lines[1])


def _references(rows: list[Row]) -> set[tuple[str, str]]:
    result = extract_pedimento(_doc(rows))
    return {(r["kind"], r["value"]) for r in result.references}


def test_a_guia_labelled_as_master_or_house() -> None:
    beside: list[Row] = [_cell(20, "GUIA/ORDEN", "EMBARQUE", "(M):", "057-44501111")]
    assert ("awb", "05744501111") in _references(beside)
    below: list[Row] = [_cell(20, "Guía", "(M)") + _cell(200, "Identificador", "ED"), [(20, "074-40263635")]]
    below[1].append((200, "04790658060516"))
    refs = _references(below)
    assert ("awb", "07440263635") in refs
    assert not any(value == "04790658060516" for _kind, value in refs)


def _scanned(rows: list[Row]) -> DocumentText:
    """One page as OCR gives it: the same words, read with less than full confidence."""
    page = _page(1, rows)
    words = [Word(w.text, w.x0, w.top, w.x1, w.bottom, 0.9) for w in page.words]
    return DocumentText("application/pdf", [PageText(1, page.text, words, "ocr", None, 792, 612, 0)])


def test_a_label_ocr_lost_on_one_card_is_read_from_the_same_line_of_another() -> None:
    first = _card(1, "9405.41.99", "99", "30.000", "5342", ["MODULO"])
    first[1] = [(20, "Fracción")] + _cell(220, "Cantidad", "UMC") + [(330, "uUMC")]  # NICO lost, UMC misread
    second = _card(2, "8504.40.99", "00", "12.000", "9363", ["FUENTE"])
    records = read_cards(layouts(_scanned(first + second).pages), PARTIDA_SPEC)
    assert [r.text("nico") for r in records] == ["99", "00"]
    assert [r.text("umc") for r in records] == ["6", "6"]
    assert [r.text("description") for r in records] == ["MODULO", "FUENTE"]


def test_a_bare_clave_heading_the_identifiers_is_no_clave_de_pedimento() -> None:
    rows: list[Row] = [
        [(20, "CLAVE")] + _cell(80, "COMPL.", "IDENTIFICADOR", "1"),
        [(20, "ED"), (80, "06631570582290")],
    ]
    assert "clave" not in extract_pedimento(_doc(rows)).fields


def test_a_unit_price_whose_point_ocr_lost_or_moved() -> None:
    assert misread(24912121.0, 249.12121, "24912121")
    assert misread(114234393.0, 1142.34393, "114234393.")
    assert not misread(24912121.0, 249.12131, "24912121")  # a digit differs too
    assert not misread(51300, 5.13, "51300")  # not every digit of 5.13000 is printed


def test_a_mark_before_a_figures_point() -> None:
    parsed = _parse_figure("1181:.57250")
    assert parsed is not None and parsed[0] == 1181.5725


def test_ocrs_doubt_on_a_legal_forms_word_says_nothing_of_the_name() -> None:
    texts = [("TECNOLOGIA", 0.96), ("AUTOMOTRIZ", 0.93), ("S.A.", 0.97), ("DE", 0.42), ("C.V.", 0.85)]
    words = [Word(text, 10.0 * k, 0, 10.0 * k + 8, 7, confidence) for k, (text, confidence) in enumerate(texts)]
    found = Found("TECNOLOGIA AUTOMOTRIZ S.A. DE C.V.", 1, words, "TECNOLOGIA AUTOMOTRIZ S.A. DE C.V.", 1.0)
    assert settle_name(found) == ("TECNOLOGIA AUTOMOTRIZ S.A. DE C.V.", 0.93)


def test_a_months_letter_ocr_read_as_a_digit() -> None:
    assert parse_date("30/D1C/2024") == ("2024-12-30", (0, 11))
    assert month_letters("27/AG0/2025 30/12/2024") == "27/AGO/2025 30/12/2024"


def test_a_titled_cards_cells_printed_label_then_value() -> None:
    rows: list[Row] = []
    for number, fraccion, nico, value in ((1, "9405.41.99", "99", "5342"), (2, "8504.40.99", "00", "9363")):
        rows += [
            _cell(20, "Partida", str(number), "de", "2"),
            _cell(20, "Fracción:", fraccion) + _cell(160, "NICO:", nico) + _cell(260, "UMC:", "6"),
            _cell(20, "Valor", "aduana:", value) + _cell(200, "Precio", "pagado:", value),
            _cell(20, "Descripción:", "MODULO", "DE", "ILUMINACION"),
            [],
        ]
    records = read_cards(layouts(_doc(rows).pages), PARTIDA_SPEC)
    assert [r.text("tariff_code") for r in records] == ["9405.41.99", "8504.40.99"]
    assert [r.text("nico") for r in records] == ["99", "00"]
    assert [r.text("paid_price_mxn") for r in records] == ["5342", "9363"]
    assert [r.text("description") for r in records] == ["MODULO DE ILUMINACION"] * 2
