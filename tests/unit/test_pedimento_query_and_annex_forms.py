"""A single window's query page (name/value rows, headings over two lines with no gap between two of them, cells
that wrap) and a desktop system's annex form (three header rows, a values row opening with a small figure, a
labelled brand/model/product-code line), each on a short hand-written text layer."""

from __future__ import annotations

from extractors.entities import find_entities
from extractors.pedimento import extract_pedimento
from extractors.result import ResultBuilder
from extractors.review_agreement import agreement_checks
from extractors.text import DocumentText, PageText, Word
from tests.unit.pedimento_rows import LANDSCAPE, Row, document, page
from tests.unit.pedimento_rows import cell as _cell
from tests.unit.pedimento_rows import read_lines as _lines


def _page(rows: list[Row]) -> PageText:
    return page(1, rows, size=LANDSCAPE)


def _doc(rows: list[Row]) -> DocumentText:
    return document(rows, size=LANDSCAPE)


# The query page's header: a value's label at the left, its value at 200; the importer's name wraps onto the
# next line in its cell, its legal form cut after ``S.A.``.
QUERY_HEADER: list[Row] = [
    _cell(20, "Número", "de", "pedimento") + _cell(200, "24", "24", "2785", "4032427"),
    _cell(20, "Aduana-sección", "de", "entrada/salida") + _cell(200, "240"),
    _cell(20, "RFC") + _cell(200, "IJC8512021D5"),
    _cell(20, "Nombre", "o", "razón", "social")
    + _cell(200, "ARNESES", "DEL", "BAJIO", "S.A.")
    + _cell(400, "Domicilio")
    + _cell(460, "Av.", "Uno"),
    _cell(200, "DE", "C.V.") + _cell(460, "Qro."),
]
# The partidas: ``P. O/D`` and ``Valor`` a narrow space apart on the headings' first line, ``aduana`` under
# ``Valor``; a unit's name wrapped under its code (``3 - METRO`` over ``LINEAL``); the broker's line closes them.
QUERY_TABLE: list[Row] = [
    [(20, "Sec."), (40, "Fracción"), (85, "NICO"), (108, "Descripción"), (200, "UMC"), (260, "P."), (270.4, "O/D")]
    + [(286, "Valor"), (330, "Precio"), (370, "Precio"), (410, "Valor")],
    [(286, "aduana"), (330, "pagado"), (370, "unitario"), (410, "agregado")],
    [(20, "1"), (40, "85423999"), (85, "99"), *_cell(108, "CIRCUITO"), *_cell(200, "6", "-", "PIEZA"), (270, "JPN")]
    + [(296, "435,182"), (330, "424,568"), (370, "13.17716"), (410, "0")],
    _cell(108, "INTEGRADO"),
    [(20, "2"), (40, "85444999"), (85, "99"), *_cell(108, "CABLE"), *_cell(200, "3", "-", "METRO"), (270, "USA")]
    + [(296, "62,587"), (330, "62,587"), (370, "26.87681"), (410, "0")],
    _cell(108, "AISLADO", "DE") + _cell(216, "LINEAL"),
    _cell(108, "COBRE"),
    _cell(20, "Agente", "aduanal:", "JUAN", "PEREZ", "RFC:", "GVK990416492"),
]


def test_a_query_pages_header_reads_its_office_and_a_wrapped_name() -> None:
    fields = extract_pedimento(_doc(QUERY_HEADER + [[]] + QUERY_TABLE)).fields
    assert fields["customs_office"]["value"] == "240"
    assert fields["importer_exporter_name"]["value"] == "ARNESES DEL BAJIO S.A. DE C.V."


def test_headings_a_narrow_space_apart_over_two_lines_are_two_columns() -> None:
    lines = _lines(extract_pedimento(_doc(QUERY_HEADER + [[]] + QUERY_TABLE)))
    assert [line.get("customs_value_mxn") for line in lines] == [435182, 62587]
    assert [line.get("paid_price_mxn") for line in lines] == [424568, 62587]
    assert [line.get("unit_price") for line in lines] == [13.17716, 26.87681]
    assert [line.get("value_added") for line in lines] == [0, 0]
    # the unit's wrapped name and the broker's line are no part of any description
    assert [line.get("description") for line in lines] == ["CIRCUITO INTEGRADO", "CABLE AISLADO DE COBRE"]


FIN: Row = [(200, "*****"), (230, "FIN"), (246, "DE"), (258, "PEDIMENTO"), (300, "*****"), (330, "NUM.")]
FIN += [(352, "TOTAL"), (378, "DE"), (390, "PARTIDAS:"), (432, "2")]
# The annex form: codes, then the description, then the values, each under a header row of its own.
ANNEX_TABLE: list[Row] = [
    [(20, "SEC"), (40, "FRACCION"), (85, "SUBD."), (110, "UMC"), *_cell(135, "CANTIDAD", "UMC"), (220, "P.O/D")],
    _cell(20, "DESCRIPCION"),
    _cell(20, "VAL", "ADU/USD")
    + _cell(90, "IMP.", "PRECIO", "PAG.")
    + _cell(170, "PRECIO", "UNIT.")
    + _cell(230, "VAL.", "AGREG."),
    [(20, "1"), (40, "73181599"), (85, "99"), (110, "6"), (135, "464.000"), (220, "CHN")],
    _cell(20, "TORNILLO", "DE", "ACERO"),
    [(20, "496"), (90, "484"), (170, "1.04310"), (230, "0")],
    _cell(20, "MARCA:", "SIN", "MARCA", "MODELO:", "SIN", "MODELO", "CODIGO", "PRODUCTO:", "A79599-01"),
    [(20, "2"), (40, "76061299"), (85, "99"), (110, "1"), (135, "411.490"), (220, "CHN")],
    _cell(20, "LAMINA", "DE", "ALUMINIO"),
    [(20, "42528"), (90, "41491"), (170, "100.83113"), (230, "0")],
    _cell(20, "MARCA:", "SIN", "MARCA", "MODELO:", "SIN", "MODELO", "CODIGO", "PRODUCTO:", "PN66545-57"),
    FIN,
]


def test_a_values_row_opening_with_a_small_figure_is_the_partidas_not_a_new_one() -> None:
    lines = _lines(extract_pedimento(_doc(ANNEX_TABLE)))
    assert [line["sequence"] for line in lines] == [1, 2]
    assert [line.get("customs_value_mxn") for line in lines] == [496, 42528]
    assert [line.get("paid_price_mxn") for line in lines] == [484, 41491]
    assert [line.get("unit_price") for line in lines] == [1.0431, 100.83113]


def test_a_labelled_product_code_line_gives_the_part_number_not_description() -> None:
    lines = _lines(extract_pedimento(_doc(ANNEX_TABLE)))
    assert [line.get("part_number") for line in lines] == ["A79599-01", "PN66545-57"]
    assert [line.get("description") for line in lines] == ["TORNILLO DE ACERO", "LAMINA DE ALUMINIO"]


def test_a_cited_invoices_date_beside_it_is_no_unread_date() -> None:
    text = "NUM. PEDIMENTO 24 47 3807 4003581\nNUM. CFDI O DOC. EQUIVALENTE: D4447-99   FECHA: 06/06/2025"
    builder = ResultBuilder()
    builder.set("pedimento_number", "244738074003581", 0.95)
    agreement_checks("pedimento", builder, {1: find_entities(text)}, {1: text})
    assert [w for w in builder.warnings if w["code"] == "unread_value"]
    builder = ResultBuilder()
    builder.set("pedimento_number", "244738074003581", 0.95)
    builder.add_reference("invoice", "D4447-99")
    agreement_checks("pedimento", builder, {1: find_entities(text)}, {1: text})
    assert not [w for w in builder.warnings if w["code"] == "unread_value"]


# A narrow value cell: a value added pushed out of its cell onto a line of its own.
NARROW_TABLE: list[Row] = [
    QUERY_TABLE[0],
    QUERY_TABLE[1],
    [(20, "1"), (40, "85371099"), (85, "99"), *_cell(108, "TABLERO"), *_cell(200, "6", "-", "PIEZA"), (270, "USA")]
    + [(296, "45,083"), (330, "831,731"), (370, "1434.01897"), (410, "234,629")],
    _cell(108, "DE", "CONTROL"),
    [(20, "2"), (40, "85371099"), (85, "99"), *_cell(108, "TABLERO"), *_cell(200, "6", "-", "PIEZA"), (270, "USA")]
    + [(296, "606,055"), (330, "11,180,808"), (370, "343.02218")],
    [(412, "3,283,052")],
    _cell(108, "DE", "CONTROL"),
    _cell(20, "Agente", "aduanal:", "JUAN", "PEREZ", "RFC:", "GVK990416492"),
]


def test_a_unit_price_run_into_the_value_added_is_cut_where_the_arithmetic_agrees() -> None:
    from extractors.layout import Cell, Record
    from extractors.pedimento.run_together import split_unit_and_value_added

    def word(text: str, x: float) -> Word:
        return Word(text, x, 40, x + 4.2 * len(text), 47, 1.0)

    record = Record(page=1)
    record.cells["umc_quantity"] = Cell(words=[word("580.000", 10)], page=1)
    record.cells["paid_price_mxn"] = Cell(words=[word("831,731", 60)], page=1)
    record.cells["unit_price"] = Cell(words=[word("1434.01897234,629", 100)], page=1)
    split_unit_and_value_added(record)
    assert record.text("unit_price") == "1434.01897"
    assert record.text("value_added") == "234,629"


def test_a_figure_pushed_out_of_its_cell_is_the_next_value_columns() -> None:
    header: list[Row] = [_cell(20, "RFC") + _cell(200, "IJC8512021D5")]
    lines = _lines(extract_pedimento(_doc(header + [[]] + NARROW_TABLE)))
    assert [line.get("description") for line in lines] == ["TABLERO DE CONTROL", "TABLERO DE CONTROL"]
    assert [line.get("value_added") for line in lines] == [234629, 3283052]


def test_the_shortened_invoice_label_and_the_single_windows_guide_label_give_references() -> None:
    rows: list[Row] = [
        _cell(20, "NUM.", "CFDI", "O", "DOC.", "EQUIVALENTE:", "D4447-99") + _cell(220, "FECHA:", "06/06/2025"),
        _cell(20, "Guía", "/", "manifiesto", "(M)")
        + _cell(160, "020-38500523")
        + _cell(300, "Identificador", "IM")
        + _cell(430, "9607-2013"),
    ]
    references = extract_pedimento(_doc(rows + [[]] + ANNEX_TABLE)).references
    assert {"kind": "invoice", "value": "D4447-99"} in references
    assert {"kind": "awb", "value": "02038500523"} in references
    assert not [r for r in references if r["kind"] == "bl"]


def test_a_scanned_row_whose_sec_was_lost_with_named_units_still_starts_a_partida() -> None:
    from extractors.pedimento.partidas import _is_unit

    assert _is_unit("6 - PIEZA") and _is_unit("1 KILO") and _is_unit("6")
    assert not _is_unit("PIEZA") and not _is_unit("CABLE ELECTRICO")
    # OCR lost the P. V/C heading: both countries stand under P. O/D
    header: list[Row] = [
        [(20, "Sec."), (40, "Fracción"), (85, "NICO"), (108, "Descripción"), (200, "UMC"), (250, "Cant.")]
        + [(290, "UMT"), (340, "Cant."), (380, "P."), (390.4, "O/D"), (424, "Valor"), (464, "Precio")],
        [(250, "UMC"), (340, "UMT"), (424, "aduana"), (464, "pagado")],
    ]

    def row(seq: str | None, tariff: str, text: str, qty: str, value: str) -> Row:
        first = [(20.0, seq)] if seq else []
        return (
            first
            + [(40, tariff), (85, "99"), *_cell(108, text), *_cell(200, "6", "-", "PIEZA")]
            + [
                (250, qty),
                *_cell(290, "6", "PIEZA"),
                (340, qty),
                *_cell(380, "JPN", "USA"),
                (426, value),
                (466, value),
            ]
        )

    rows = header + [
        row("1", "85369099", "CONECTOR", "684.000", "9,876"),
        _cell(108, "ELECTRICO"),
        row(None, "85423999", "CIRCUITO", "163.000", "2,446"),
        _cell(108, "INTEGRADO"),
        _cell(20, "Agente", "aduanal:", "JUAN", "PEREZ"),
    ]
    doc = _doc(rows)
    for word in doc.pages[0].words:
        word.confidence = 0.9  # a scan's words
    lines = _lines(extract_pedimento(doc))
    assert [line.get("tariff_code") for line in lines] == ["85369099", "85423999"]
    assert [line.get("description") for line in lines] == ["CONECTOR ELECTRICO", "CIRCUITO INTEGRADO"]


def test_a_lower_heading_piece_under_no_upper_one_does_not_stop_the_stacked_headings() -> None:
    # a scan lost the upper piece of one heading (``P.`` over ``V/C``): its lower piece stands under nothing
    lower = sorted([*QUERY_TABLE[1], (240.0, "V/C")])
    lines = _lines(extract_pedimento(_doc(QUERY_HEADER + [[]] + [QUERY_TABLE[0], lower, *QUERY_TABLE[2:]])))
    assert [line.get("customs_value_mxn") for line in lines] == [435182, 62587]
    assert [line.get("unit_price") for line in lines] == [13.17716, 26.87681]


def test_a_scanned_pedimento_number_with_a_quote_mark_between_its_groups() -> None:
    from extractors.layout.values import parse_pedimento

    found = parse_pedimento('25 "07. 2163 5000847')
    assert found is not None and found[0] == "250721635000847"


def test_a_unit_prices_point_read_as_a_colon_is_a_point() -> None:
    from extractors.pedimento.partidas import _parse_figure

    assert _parse_figure("52:53571") == (52.53571, (0, 8))
    assert _parse_figure("1181:.57250") is not None
    found = _parse_figure("1:234")
    assert found is None or found[0] != 1.234
