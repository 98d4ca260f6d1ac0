"""Two pages printed side by side on one landscape sheet ("2 pages per sheet") are read as two pages in order, and
what is read off them points back at the sheet; a single page with a gap down its middle stays one page."""

from __future__ import annotations

from typing import Any

from extractors.pedimento import extract_pedimento
from extractors.result import ResultBuilder
from extractors.sheets import Half, place_on_sheets, split_sheets
from extractors.text import DocumentText, PageText, Word

Row = list[tuple[float, str]]

FIRST: list[Row] = [
    [(20, "PEDIMENTO"), (300, "Página 1 de 2")],
    [(20, "NUM. PEDIMENTO:"), (90, "25 40 3432 5186706"), (190, "T. OPER:"), (230, "IMP")],
    [(20, "CVE. PEDIMENTO:"), (90, "A1"), (190, "REGIMEN:"), (230, "IMD")],
    [(20, "TIPO CAMBIO:"), (90, "18.61820"), (190, "PESO BRUTO:"), (250, "2,124.016")],
    [(20, "VALOR ADUANA:"), (150, "3,582,347")],
    [(20, "PRECIO PAGADO/VALOR COMERCIAL:"), (150, "3,539,870")],
    [(20, "NOMBRE, DENOMINACION O RAZON SOCIAL:")],
    [(20, "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V.")],
    [(20, "FECHAS")],
    [(20, "ENTRADA"), (90, "31/03/2025")],
    [(20, "PAGO"), (90, "02/04/2025")],
]
SECOND: list[Row] = [
    [(20, "ANEXO DEL PEDIMENTO"), (300, "Página 2 de 2")],
    [(20, "NUM. PEDIMENTO:"), (90, "25 40 3432 5186706"), (190, "T. OPER:"), (230, "IMP")],
    [(20, "RFC:"), (60, "ISE911116RK8")],
    [(20, "SEC"), (50, "FRACCION"), (100, "UMC"), (140, "CANTIDAD UMC")],
    [(20, "1"), (50, "85444999"), (100, "3"), (140, "1,741.439")],
    [(20, "CABLE ELECTRICO AISLADO DE COBRE")],
    [(20, "2"), (50, "85334099"), (100, "6"), (140, "848.000")],
    [(20, "RESISTENCIA VARIABLE")],
    [(20, "3"), (50, "85423999"), (100, "6"), (140, "57,254.000")],
    [(20, "CIRCUITO INTEGRADO MONOLITICO")],
    [(20, "FIN DE PEDIMENTO"), (140, "NUM. TOTAL DE PARTIDAS: 3")],
]


def _words(rows: list[Row], left: float, top: float = 60.0, step: float = 12.0) -> list[Word]:
    """Each (x, text) cut into words at 6 pt type, 3.3 pt a character, one row every ``step`` points."""
    words = []
    for k, row in enumerate(rows):
        y = top + k * step
        for x, text in row:
            at = left + x
            for part in text.split(" "):
                words.append(Word(part, at, y, at + 3.3 * len(part), y + 6, 1.0))
                at += 3.3 * (len(part) + 1)
    return words


def _sheet(*sides: list[Word], number: int = 1) -> PageText:
    words = [w for side in sides for w in side]
    footer = [Word("Impreso", 30, 590, 55, 596, 1.0), Word("Hoja", 730, 590, 745, 596, 1.0)]
    return PageText(number, "", words + footer, "text_layer", None, 792.0, 612.0, 0)


def _fields(b: ResultBuilder) -> dict[str, Any]:
    return {k: v["value"] for k, v in b.fields.items()}


def test_two_pages_side_by_side_are_read_as_two_pages_in_order() -> None:
    sheet = _sheet(_words(FIRST, 10), _words(SECOND, 406))
    pages, halves = split_sheets(DocumentText("application/pdf", [sheet]))
    assert [p.number for p in pages.pages] == [1, 2]
    # words a column's gutter apart keep two spaces between them, a word space one
    assert pages.pages[0].text.startswith("PEDIMENTO  Página 1 de 2\nNUM. PEDIMENTO:")
    assert pages.pages[1].text.startswith("ANEXO DEL PEDIMENTO  Página 2 de 2")
    assert "ANEXO" not in pages.pages[0].text and "TIPO" not in pages.pages[1].text
    assert min(w.x0 for w in pages.pages[1].words) < 40  # the right page's words stand on their own page
    assert halves[1] == Half(1, 0.0) and halves[2].sheet == 1 and 370 < halves[2].left < 420

    fields = _fields(extract_pedimento(pages))
    assert fields["exchange_rate"] == 18.6182
    assert fields["gross_weight_kg"] == 2124.016
    assert fields["commercial_value_mxn"] == 3539870
    assert fields["importer_exporter_name"] == "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V."
    assert fields["entry_date"] == "2025-03-31"
    assert fields["payment_date"] == "2025-04-02"


def test_later_sheets_keep_counting_pages() -> None:
    one = _sheet(_words(FIRST, 10), _words(SECOND, 406))
    two = _sheet(_words(SECOND, 10), number=2)  # the last sheet's right half left blank
    pages, halves = split_sheets(DocumentText("application/pdf", [one, two]))
    assert [p.number for p in pages.pages] == [1, 2, 3]
    assert halves[3] == Half(2, 0.0)


def test_a_wide_table_with_a_gap_down_the_middle_is_one_page() -> None:
    """A table whose columns leave a gutter in the middle: its caption row's halves share words, but the page's
    title above it stands on one side only."""
    rows_left: list[Row] = [[(20, "Pedimento (Entry) No. 25 30 1612 5121978 - continued")], [(20, "Line Tariff")]]
    rows_left += [[(20, str(k)), (50, "85044099 FUENTE DE PODER")] for k in range(20)]
    rows_right: list[Row] = [[(0, "Qty Tariff qty Customs value")]]
    rows_right += [[(0, "37,891.000 37,891.000 2,438,422.26")] for _ in range(20)]
    sheet = _sheet(_words(rows_left, 10), _words(rows_right, 420, top=72.0))
    doc = DocumentText("application/pdf", [sheet])
    assert split_sheets(doc) == (doc, {})


def test_a_portrait_page_is_never_split() -> None:
    sheet = _sheet(_words(FIRST, 10), _words(SECOND, 406))
    sheet.width, sheet.height = 612.0, 792.0
    doc = DocumentText("application/pdf", [sheet])
    assert split_sheets(doc) == (doc, {})


def test_what_is_read_off_a_half_points_at_the_sheet() -> None:
    builder = ResultBuilder()
    builder.set("exchange_rate", 18.6, 0.95, page=1, bbox=(30, 90, 60, 96))
    builder.lines.append({"sequence": {"value": 1, "confidence": 0.9, "page": 2, "bbox": [20.0, 100.0, 24.0, 106.0]}})
    builder.lines.append({"sequence": {"value": 2, "confidence": 0.9, "page": 3, "bbox": None}})
    place_on_sheets(builder, {1: Half(1, 0.0), 2: Half(1, 396.0), 3: Half(2, 0.0)})
    assert builder.fields["exchange_rate"]["page"] == 1
    assert builder.lines[0]["sequence"]["page"] == 1
    assert builder.lines[0]["sequence"]["bbox"] == [416.0, 100.0, 420.0, 106.0]
    assert builder.lines[1]["sequence"]["page"] == 2
