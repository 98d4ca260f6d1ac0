"""Partidas printed transposed, as a report writer prints a record wider than the page: the field names down the
left, one column per partida, a band of a few partidas at a time (``extractors.layout.transposed``); each on a
short hand-written text layer."""

from __future__ import annotations

from dataclasses import replace

from extractors.layout import layouts, read_transposed
from extractors.pedimento import PARTIDA_SPEC, extract_pedimento
from extractors.text import PageText
from tests.unit.pedimento_rows import Row, cell, document, page, read_lines

# one column per partida: the captions at x 20, the partidas' values from x 130, 100 points apart
COLUMNS = (130.0, 230.0, 330.0)


def _row(caption: list[str], *values: list[str]) -> Row:
    row = cell(20, *caption)
    for x, words in zip(COLUMNS, values, strict=False):
        row += cell(x, *words)
    return row


FIRST_BAND: list[Row] = [
    _row(["SEC"], ["1"], ["2"]),
    _row(["FRACCION"], ["85044099"], ["73181599"]),
    _row(["NICO"], ["99"], ["00"]),
    _row(["DESCRIPCION"], ["FUENTE", "DE", "PODER"], ["TORNILLO", "DE", "ACERO"]),
    cell(130, "CONMUTADA") + cell(230, "CON", "CABEZA"),
    # a field the reader does not take, wrapped too: neither its values nor their second line are a description's
    _row(["LOTE"], ["L-0001", "Y"], ["L-0002"]),
    cell(130, "L-0003"),
    _row(["NUM.", "PARTE"], ["PN-4410"], ["A-77"]),
    _row(["UMC"], ["6", "PIEZA"], ["1", "KILO"]),
    _row(["CANTIDAD", "UMC"], ["120.000"], ["35.500"]),
    _row(["UMT"], ["6", "PIEZA"], ["1", "KILO"]),
    _row(["CANTIDAD", "UMT"], ["120.000"], ["35.500"]),
    _row(["PAIS", "V/C"], ["USA"], ["CHN"]),
    _row(["PAIS", "O/D"], ["USA"], ["TWN"]),
    _row(["VALOR", "ADUANA"], ["24,000"], ["710"]),
    _row(["PRECIO", "PAGADO"], ["24,000"], ["710"]),
    _row(["PRECIO", "UNITARIO"], ["200.00000"], ["20.00000"]),
    _row(["VALOR", "AGREGADO"], ["0"], ["0"]),
]
SECOND_BAND: list[Row] = [
    _row(["SEC"], ["3"]),
    _row(["FRACCION"], ["39269099"]),
    _row(["NICO"], ["99"]),
    _row(["DESCRIPCION"], ["PIEZA", "DE", "PLASTICO"]),
    _row(["NUM.", "PARTE"], ["MX-12"]),
    _row(["UMC"], ["6", "PIEZA"]),
    _row(["CANTIDAD", "UMC"], ["10.000"]),
    _row(["UMT"], ["1", "KILO"]),
    _row(["CANTIDAD", "UMT"], ["0.500"]),
    _row(["PAIS", "V/C"], ["KOR"]),
    _row(["PAIS", "O/D"], ["KOR"]),
    _row(["VALOR", "ADUANA"], ["50"]),
    _row(["PRECIO", "PAGADO"], ["50"]),
    _row(["PRECIO", "UNITARIO"], ["5.00000"]),
    _row(["VALOR", "AGREGADO"], ["0"]),
]
TOTAL: Row = cell(20, "TOTAL", "DE", "PARTIDAS:", "3")


def test_a_transposed_grid_reads_each_column_as_a_partida_across_pages() -> None:
    title: Row = cell(20, "PARTIDAS")
    lines = read_lines(extract_pedimento(document([title, *FIRST_BAND], [title, *SECOND_BAND, [], TOTAL])))
    assert [line["sequence"] for line in lines] == [1, 2, 3]
    assert lines[0] == {
        "sequence": 1,
        "tariff_code": "85044099",
        "nico": "99",
        "umc": "6",
        "umc_quantity": 120.0,
        "umt": "6",
        "umt_quantity": 120.0,
        "seller_buyer_country": "USA",
        "origin_destination_country": "USA",
        "description": "FUENTE DE PODER CONMUTADA",
        "customs_value_mxn": 24000.0,
        "paid_price_mxn": 24000.0,
        "unit_price": 200.0,
        "value_added": 0.0,
        "part_number": "PN-4410",
    }
    assert lines[1]["description"] == "TORNILLO DE ACERO CON CABEZA"
    assert (lines[1]["nico"], lines[1]["umt"], lines[1]["origin_destination_country"]) == ("00", "1", "TWN")
    assert (lines[2]["description"], lines[2]["part_number"], lines[2]["umt_quantity"]) == (
        "PIEZA DE PLASTICO",
        "MX-12",
        0.5,
    )


def test_a_band_broken_by_the_page_end_carries_on_with_english_captions() -> None:
    english = [
        _row(["Line"], ["1"], ["2"]),
        _row(["MX", "tariff"], ["85044099"], ["73181599"]),
        _row(["NICO"], ["99"], ["99"]),
        _row(["Description"], ["POWER", "SUPPLY"], ["STEEL", "SCREW"]),
    ]
    rest = [
        _row(["Part", "No."], ["PN-4410"], ["A-77"]),
        _row(["UOM"], ["6"], ["1"]),
        _row(["Qty"], ["120.000"], ["35.500"]),
        _row(["Tariff", "UOM"], ["6"], ["1"]),
        _row(["Tariff", "qty"], ["120.000"], ["35.500"]),
        _row(["Seller"], ["USA"], ["CHN"]),
        _row(["Origin"], ["USA"], ["CHN"]),
        _row(["Customs", "value"], ["24,000"], ["710"]),
        _row(["Paid", "price"], ["24,000"], ["710"]),
    ]
    lines = read_lines(extract_pedimento(document(english, [cell(20, "Page", "2", "of", "2"), [], *rest])))
    assert [(line["sequence"], line["description"], line["part_number"]) for line in lines] == [
        (1, "POWER SUPPLY", "PN-4410"),
        (2, "STEEL SCREW", "A-77"),
    ]
    assert [(line["umt"], line["origin_destination_country"], line["paid_price_mxn"]) for line in lines] == [
        ("6", "USA", 24000.0),
        ("1", "CHN", 710.0),
    ]


def test_a_table_with_its_headings_across_is_no_transposed_grid() -> None:
    rows: list[Row] = [
        [(20, "SEC"), (40, "FRACCION"), (90, "NICO"), (115, "DESCRIPCION"), (200, "UMC"), (225, "CANT.")]
        + [(250, "UMC"), (290, "UMT"), (320, "P.V/C"), (350, "P.O/D"), (380, "VAL."), (400, "ADUANA")],
        [(20, "1"), (40, "85044099"), (90, "99"), (115, "FUENTE"), (200, "6"), (225, "120.000"), (290, "6")]
        + [(320, "USA"), (350, "USA"), (380, "24,000")],
        [(20, "2"), (40, "73181599"), (90, "00"), (115, "TORNILLO"), (200, "1"), (225, "35.500"), (290, "1")]
        + [(320, "CHN"), (350, "TWN"), (380, "710")],
    ]
    assert read_transposed(layouts([page(1, rows)]), PARTIDA_SPEC) == []
    # captions stacked with no values beside them (a legend of the columns) are no grid either
    legend: list[Row] = [cell(20, "SEC"), cell(20, "FRACCION"), cell(20, "NICO"), cell(20, "DESCRIPCION")]
    assert read_transposed(layouts([page(1, legend + rows[1:])]), PARTIDA_SPEC) == []


def test_a_currency_printed_before_a_partidas_value_stays_out_of_its_description() -> None:
    # an annex whose export partida prints its dollar value after the currency's code (``USD 1,360.50``), the code
    # standing left of its column's heading, beside the description's first line
    header: Row = (
        cell(20, "SEC") + cell(40, "FRACCION") + cell(85, "NICO") + cell(110, "DESCRIPCION") + cell(215, "UMC")
    )
    header += cell(240, "CANT.", "UMC") + cell(290, "UMT") + cell(315, "CANT.", "UMT") + cell(365, "P.V/C")
    header += cell(395, "P.O/D") + cell(450, "VAL.", "ADUANA") + cell(530, "PRECIO", "PAGADO")
    header += cell(610, "PRECIO", "UNIT.") + cell(680, "VAL.", "AGREG.")
    row: Row = cell(20, "1") + cell(40, "85044099") + cell(85, "99") + cell(110, "FUENTE", "DE", "PODER")
    row += cell(215, "6") + cell(245, "120.000") + cell(290, "6") + cell(320, "120.000") + cell(365, "USA")
    row += cell(395, "USA") + cell(437, "USD", "1,250.00") + cell(538, "$", "24,000") + cell(604, "$", "200.00000")
    row += cell(692, "$", "0")
    fin: Row = cell(200, "*****", "FIN", "DE", "PEDIMENTO", "*****", "NUM.", "TOTAL", "DE", "PARTIDAS:", "1")
    rows = [header, row, cell(110, "PARA", "EQUIPO"), [], fin]
    lines = read_lines(extract_pedimento(document(rows, size=(792.0, 612.0))))
    assert [(line["description"], line["customs_value_mxn"], line["paid_price_mxn"]) for line in lines] == [
        ("FUENTE DE PODER PARA EQUIPO", 1250.0, 24000.0)
    ]


def _scanned(rows: list[Row], doubted: set[str]) -> PageText:
    """A scanned page of the rows: every word read at 90%, the words in ``doubted`` at 10%."""
    scan = page(1, rows)
    words = [replace(w, confidence=0.1 if w.text in doubted else 0.9) for w in scan.words]
    return replace(scan, words=words, source="ocr")


def test_a_scanned_grid_keeps_its_columns_through_lost_numbers_unread_captions_and_specks() -> None:
    first = [
        _row(["SEC"], ["Sl"], ["2"], ["3"]),  # the 1 misread past knowing
        _row(["FRACCION"], ["85044099"], ["73181599"], ["39269099"]),
        _row(["NICO"], ["99"], ["00"], ["99"]),
        _row(["DESCRIPCION"], ["FUENTE", "DE"], ["TORNILLO"], ["PIEZA"]),
        cell(20, "Gee", "es") + cell(130, "PODER") + cell(230, "DE", "ACERO"),  # the shaded caption cell's specks
        _row(["UMC/Unit"], ["6"], ["1"], ["6"]),  # a caption run into its translation
        _row(["SUMG"], ["6"], ["1"], ["1"]),  # a caption past reading: UMT, as the next band prints it
        _row(["PAIS", "O/D"], ["USA"], ["TWN"], ["KOR"]),
        _row(["VALOR", "ADUANA"], ["24,000"], ["710"], ["50"]),
    ]
    second = [
        _row(["SEC"], ["4"]),
        _row(["FRACCION"], ["85044099"]),
        _row(["NICO"], ["99"]),
        _row(["DESCRIPCION"], ["FUENTE"]),
        _row(["UMC"], ["6"]),
        _row(["UMT"], ["6"]),
        _row(["PAIS", "O/D"], ["USA"]),
        _row(["VALOR", "ADUANA"], ["10"]),
    ]
    rows = [*first, [], [], *second]
    records = read_transposed(layouts([_scanned(rows, {"Sl", "Gee", "es"})]), PARTIDA_SPEC)
    cells = [{key: cell.text for key, cell in record.cells.items()} for record in records]
    assert [c.get("sequence") for c in cells] == [None, "2", "3", "4"]
    assert [c["description"] for c in cells] == ["FUENTE DE PODER", "TORNILLO DE ACERO", "PIEZA", "FUENTE"]
    assert [(c["umc"], c.get("umt"), c["origin_destination_country"]) for c in cells] == [
        ("6", "6", "USA"),
        ("1", "1", "TWN"),
        ("6", "1", "KOR"),
        ("6", "6", "USA"),
    ]
    # with the number gone altogether (OCR dropped the speck), the column still stands in the gutters
    gone = [[(x, t) for x, t in row if t != "Sl"] for row in rows]
    records = read_transposed(layouts([_scanned(gone, {"Gee", "es"})]), PARTIDA_SPEC)
    assert [record.text("tariff_code") for record in records] == ["85044099", "73181599", "39269099", "85044099"]


def test_a_scanned_grid_passes_over_marks_in_its_gutters_and_captions_a_little_out_of_line() -> None:
    rows = [
        [*cell(20, "SEC"), (112, "x"), *cell(130, "1"), *cell(230, "2")],  # a speck in the gutter, read as a letter
        _row(["FRACCION"], ["85044099"], ["73181599"]),
        [(20, "_"), *cell(26, "NICO"), *cell(130, "99"), *cell(230, "00")],  # a mark before the caption
        _row(["DESCRIPCION"], ["FUENTE"], ["TORNILLO"]),
        [*cell(28, "UMC"), (115, "3"), *cell(130, "6"), *cell(230, "1")],  # the caption 8 points right
        _row(["VALOR", "ADUANA"], ["24,000"], ["710"]),
    ]
    records = read_transposed(layouts([_scanned(rows, set())]), PARTIDA_SPEC)
    cells = [{key: cell.text for key, cell in record.cells.items()} for record in records]
    assert [(c.get("sequence"), c["tariff_code"], c["nico"], c["umc"], c["customs_value_mxn"]) for c in cells] == [
        ("1", "85044099", "99", "6", "24,000"),
        ("2", "73181599", "00", "1", "710"),
    ]
