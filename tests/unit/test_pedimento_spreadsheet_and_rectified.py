"""Two more ways a pedimento reaches paper, each rule on a short hand-written text layer: a broker's spreadsheet
printed as ruled cells (captions in lower case, values centred in their cells, a wrapped description centred on
its row, the page count under the last row), and the reprint of a rectified pedimento (Ley Aduanera art. 89), whose
superseded values (``DICE``) are printed beside those that stand (``DEBE DECIR``).
"""

from __future__ import annotations

from extractors.pedimento import PARSERS, extract_pedimento
from extractors.text import DocumentText, PageText, Word
from tests.unit.pedimento_rows import LANDSCAPE, Row, cell
from tests.unit.pedimento_rows import document as _doc
from tests.unit.pedimento_rows import read_lines as _lines


def test_a_spreadsheets_captions_read_their_own_cells_and_an_empty_cell_reads_nothing() -> None:
    """``num. partidas`` names the printed total; the name, centred far right of ``nombre``, is not the address
    printed beside ``domicilio`` on the line under; the empty ``programa immex`` cell takes no foreign tax id from
    the cell under it."""
    rows = [
        cell(31, "num.", "pedimento") + cell(125, "25", "07", "2799", "5189387") + cell(260, "t.", "oper"),
        cell(31, "rfc")
        + cell(118, "VNK9803071S3")
        + cell(191, "nombre")
        + cell(380, "MAQUILADORA", "DEL", "NORTE")
        + cell(476, "S.A.", "DE", "C.V."),
        cell(31, "domicilio")
        + cell(169, "Av.", "Industrial", "1200,", "Cd.", "Juarez,", "Chih.")
        + cell(560, "programa", "immex"),
        cell(31, "proveedor/comprador")
        + cell(181, "PACIFIC", "COMPONENTS", "INC")
        + cell(470, "id.", "fiscal")
        + cell(565, "57-4709158")
        + cell(640, "num.", "partidas")
        + cell(720, "5"),
    ]
    fields = extract_pedimento(_doc(rows, size=LANDSCAPE)).fields
    assert fields["partida_count"]["value"] == 5
    assert fields["importer_exporter_name"]["value"] == "MAQUILADORA DEL NORTE S.A. DE C.V."
    assert "immex_program" not in fields


def test_an_immex_program_is_its_folio_and_year() -> None:
    parse = PARSERS["immex_program"]
    assert parse("8903-2017")[0] == "8903-2017"
    assert parse("No. 5531-2004")[0] == "5531-2004"
    assert parse("57-4709158") is None  # a foreign tax id ends in no year


def _word(x: float, top: float, text: str) -> Word:
    return Word(text, x, top, x + 3.6 * len(text), top + 6.6, 1.0)


def _line(top: float, *cells: tuple[float, str]) -> list[Word]:
    words = []
    for x, text in cells:
        for part in text.split():
            words.append(_word(x, top, part))
            x += 3.6 * len(part) + 2
    return words


_SHEET_HEADER = (
    (24.0, "sec"),
    (46.0, "fracción"),
    (90.0, "nico"),
    (150.0, "descripción"),
    (290.0, "umc"),
    (320.0, "cant. umc"),
    (380.0, "p.v/c"),
    (410.0, "p.o/d"),
    (450.0, "val. aduana"),
    (520.0, "no. parte"),
)


def test_a_description_centred_on_its_ruled_row_is_its_partidas_whole() -> None:
    """A spreadsheet centres a row's cells: the row's values stand between the two lines of a wrapped description,
    half of it over them (where, read in order, it would fall to the partida before); the page count printed under
    the last row is no description's."""
    words = _line(40, *_SHEET_HEADER)
    words += _line(60, (24, "1"), (46, "39199099"), (90, "99"), (140, "cinta adhesiva"), (290, "6"))
    words += _line(60, (320, "232.000"), (380, "KOR"), (410, "USA"), (455, "10,088"), (520, "P68356-18"))
    words += _line(72.5, (110, "lamina de aleacion de aluminio, espesor"))
    words += _line(76, (24, "2"), (46, "76061299"), (90, "99"), (290, "1"), (320, "408.415"), (380, "KOR"))
    words += _line(76, (410, "USA"), (455, "32,519"), (520, "PN90355-37"))
    words += _line(80.5, (150, "0.2 mm"))
    words += _line(92.5, (110, "lamina de aleacion de aluminio, espesor"))
    words += _line(96, (24, "3"), (46, "76061299"), (90, "99"), (290, "1"), (320, "1,334.213"), (380, "KOR"))
    words += _line(96, (410, "JPN"), (455, "67,995"), (520, "MX15414-84"))
    words += _line(100.5, (150, "0.2 mm"))
    words += _line(114, (545, "hoja 1 de 12"))
    page = PageText(1, "", words, "text_layer", None, LANDSCAPE[0], LANDSCAPE[1], 0)
    lines = _lines(extract_pedimento(DocumentText("application/pdf", [page])))
    assert [line["description"] for line in lines] == [
        "cinta adhesiva",
        "lamina de aleacion de aluminio, espesor 0.2 mm",
        "lamina de aleacion de aluminio, espesor 0.2 mm",
    ]


_RECTIFIED_HEADER: Row = (
    cell(24, "SEC")
    + cell(50, "FRACCION")
    + cell(100, "NICO")
    + cell(125, "UMC")
    + cell(150, "CANT.", "UMC")
    + cell(200, "UMT")
    + cell(225, "CANT.", "UMT")
    + cell(275, "P.V/C")
    + cell(305, "P.O/D")
    + cell(340, "VAL.", "ADUANA")
    + cell(400, "IMP.", "PRECIO", "PAG.")
    + cell(480, "PRECIO", "UNIT.VAL.", "AGREG.")  # two headings the text layer ran together
)


def _rectified_row(quantity: str, value: str, paid: str, unit: str, *mark: str) -> Row:
    return (
        cell(24, "2")
        + cell(50, "85423999")
        + cell(100, "99")
        + cell(125, "6")
        + cell(150, quantity)
        + cell(200, "6")
        + cell(225, quantity)
        + cell(275, "USA")
        + cell(305, "USA")
        + cell(345, value)
        + cell(420, paid)
        + cell(497, unit)
        + cell(552, "0")
        + (cell(575, *mark) if mark else [])
    )


def test_two_headings_run_together_still_name_their_two_columns() -> None:
    rows = [_RECTIFIED_HEADER, _rectified_row("537.000", "34,021", "33,618", "62.60335"), cell(50, "CIRCUITO")]
    (line,) = _lines(extract_pedimento(_doc(rows, size=LANDSCAPE)))
    assert (line["paid_price_mxn"], line["unit_price"], line["value_added"]) == (33618, 62.60335, 0)


def test_a_rectified_partida_reads_its_debe_decir_row_never_its_dice_row() -> None:
    rows = [
        _RECTIFIED_HEADER,
        _rectified_row("591.000", "37,423", "36,980", "62.57191", "DICE"),
        _rectified_row("537.000", "34,021", "33,618", "62.60335", "DEBE", "DECIR"),
        cell(50, "CIRCUITO", "INTEGRADO", "MONOLITICO"),
        cell(50, "CODIGO", "PRODUCTO:", "PN9319-89"),
    ]
    lines = _lines(extract_pedimento(_doc(rows, size=LANDSCAPE)))
    assert [
        (ln["sequence"], ln["umc_quantity"], ln["customs_value_mxn"], ln["unit_price"], ln["value_added"])
        for ln in lines
    ] == [(2, 537.0, 34021, 62.60335, 0)]
    assert (lines[0]["description"], lines[0]["part_number"]) == ("CIRCUITO INTEGRADO MONOLITICO", "PN9319-89")


def test_a_rectified_header_value_is_the_one_that_must_be_read_not_the_one_that_was() -> None:
    rows = [
        cell(30, "NUM.", "PEDIMENTO:") + cell(110, "25", "81", "2690", "5279858"),
        cell(30, "VALOR", "ADUANA:") + cell(100, "88,761,039"),
        cell(34, "DATOS", "RECTIFICADOS"),
        cell(34, "CAMPO") + cell(290, "DICE") + cell(430, "DEBE", "DECIR"),
        cell(34, "PESO", "BRUTO") + cell(290, "128,136.333") + cell(430, "134,880.350"),
        cell(34, "VALOR", "DOLARES") + cell(290, "4,103,274.37") + cell(430, "4,509,092.71"),
    ]
    fields = extract_pedimento(_doc(rows)).fields
    assert fields["gross_weight_kg"]["value"] == 134880.35
    assert fields["usd_value"]["value"] == 4509092.71
    assert fields["customs_value_mxn"]["value"] == 88761039


def test_an_invoice_number_centred_under_a_shorter_caption_is_the_columns() -> None:
    rows = [
        cell(58, "num.", "factura") + cell(149, "fecha") + cell(199, "incoterm"),
        cell(54, "INV-2024-41336") + cell(144, "09-oct-24") + cell(206, "DAP"),
    ]
    builder = extract_pedimento(_doc(rows, size=LANDSCAPE))
    assert [ref["value"] for ref in builder.references if ref["kind"] == "invoice"] == ["INV-2024-41336"]


def test_a_value_centred_under_its_label_stays_its_own_though_it_starts_left_of_it() -> None:
    rows = [
        cell(30, "NUM.", "PEDIMENTO:") + cell(110, "25", "81", "2690", "5279858"),
        cell(200, "VALOR", "DOLARES"),
        cell(180, "USD", "1,234.00"),
    ]
    assert extract_pedimento(_doc(rows)).fields["usd_value"]["value"] == 1234.0


def test_a_figure_set_right_in_its_cell_with_a_caption_under_it_is_still_its_value() -> None:
    """A stamp's lines beside a box are not the box's value, but a figure set to the right of a cell that ends
    where the next caption of its row begins is that cell's value, whatever line starts under the caption."""
    rows = [
        cell(30, "NUM.", "PEDIMENTO:") + cell(110, "25", "81", "2690", "5279858"),
        cell(30, "VALOR", "DOLARES:") + cell(230, "VALOR", "ADUANA:"),
        cell(160, "3,118.28") + cell(330, "55,210"),
        cell(30, "DEPOSITO", "REFERENCIADO") + cell(230, "***PAGO", "ELECTRONICO***"),
    ]
    assert extract_pedimento(_doc(rows)).fields["usd_value"]["value"] == 3118.28


def _centred_first_row(page_number: int, sec: str) -> PageText:
    words = _line(40, *_SHEET_HEADER)
    words += _line(56.5, (110, "lamina de aleacion de aluminio, espesor"))
    words += _line(60, (24, sec), (46, "76061299"), (90, "99"), (290, "1"), (320, "408.415"), (380, "KOR"))
    words += _line(60, (410, "USA"), (455, "32,519"), (520, "PN90355-37"))
    words += _line(64.5, (150, "0.2 mm"))
    return PageText(page_number, "", words, "text_layer", None, LANDSCAPE[0], LANDSCAPE[1], 0)


def test_a_description_centred_on_a_pages_first_row_is_that_partidas_whole() -> None:
    """The first row of a page centres its wrapped description too: the half over its values stands between the
    column header and the row, and is neither lost (page 1) nor the end of the last page's partida (page 2)."""
    pages = [_centred_first_row(1, "1"), _centred_first_row(2, "2")]
    lines = _lines(extract_pedimento(DocumentText("application/pdf", pages)))
    assert [line["description"] for line in lines] == ["lamina de aleacion de aluminio, espesor 0.2 mm"] * 2
