"""Rules for pedimentos printed as forms of ruled cells: a watermark set across the page, the contributions table
beside a partida's description (under a lower header row, right of the codes line's countries), and one date cell
labelled ``Entrada/Presentación``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.pdfgen import canvas

from extractors.pedimento import extract_pedimento
from extractors.text import DocumentText, PageText, TextOptions, Word, read_text

Row = list[tuple[float, str]]


def _doc(rows: list[Row]) -> DocumentText:
    """One text-layer page: each row a list of (x, text) at 7 pt, 4.2 pt per character, 11 pt apart."""
    words = [
        Word(text, x, 40 + i * 11.0, x + 4.2 * len(text), 47 + i * 11.0, 1.0)
        for i, row in enumerate(rows)
        for x, text in row
    ]
    text = "\n".join(" ".join(t for _x, t in row) for row in rows)
    return DocumentText("application/pdf", [PageText(1, text, words, "text_layer", None, 612, 792, 0)])


def test_a_slanted_watermark_gives_no_word_boxes(tmp_path: Path) -> None:
    path = tmp_path / "watermark.pdf"
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    c.setFont("Helvetica", 8)
    c.drawString(40, 700, "NUM. PEDIMENTO: 24 47 3445 4001234")
    c.saveState()
    c.setFont("Helvetica-Bold", 40)
    c.translate(306, 396)
    c.rotate(35)
    c.drawCentredString(0, 0, "DOCUMENTO NO OFICIAL")
    c.restoreState()
    c.save()
    [page] = read_text(path, "application/pdf", TextOptions(ocr_pictures=False)).pages
    assert [w.text for w in page.words] == ["NUM.", "PEDIMENTO:", "24", "47", "3445", "4001234"]


HEADER: list[Row] = [
    [(24, "SEC"), (46, "FRACCION"), (97, "SUBD."), (129, "VINC."), (155, "MET."), (175, "VAL."), (197, "UMC")]
    + [(220, "CANTIDAD"), (260, "UMC"), (288, "UMT"), (311, "CANTIDAD"), (350, "UMT"), (379, "P."), (387, "V/C")]
    + [(411, "P."), (419, "O/D")],
    [(46, "DESCRIPCION"), (357, "CON."), (383, "TASA"), (437, "T.T."), (460, "F.P."), (482, "IMPORTE")],
    [(46, "VAL"), (63, "ADU/USD"), (125, "IMP."), (142, "PRECIO"), (171, "PAG."), (206, "PRECIO"), (234, "UNIT.")]
    + [(276, "VAL."), (294, "AGREG.")],
]
PARTIDA: list[Row] = [
    [(24, "1"), (46, "39269099"), (97, "99"), (129, "0"), (155, "1"), (197, "6"), (220, "38,471.000"), (288, "1")]
    + [(311, "1,154.130"), (379, "CHN"), (411, "KOR")],
    [(46, "PIEZA"), (72, "DE"), (84, "PLASTICO"), (357, "IGI"), (383, "0.00"), (437, "1"), (460, "21"), (560, "0")],
    [(46, "222,384"), (125, "221,498"), (206, "5.75753"), (280, "2,870,693"), (357, "IVA"), (383, "16.00"), (437, "1")]
    + [(460, "0"), (560, "35581")],
]
FIN: Row = [(24, "****"), (64, "FIN"), (80, "DE"), (94, "PEDIMENTO"), (140, "****"), (160, "NUM.")]
FIN += [(182, "TOTAL"), (208, "DE"), (220, "PARTIDAS:"), (262, "1"), (280, "****")]


def _values(line: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {k: v["value"] for k, v in line.items()}


def test_contributions_beside_the_description_leave_the_codes_line_its_countries() -> None:
    """The CON. TASA ... IMPORTE columns head the description's row; the codes line under the first header row
    has its countries where those columns stand, and the values row its VAL. AGREG. figure, and both keep them."""
    [line] = extract_pedimento(_doc(HEADER + PARTIDA + [FIN])).lines
    got = _values(line)
    assert (got["seller_buyer_country"], got["origin_destination_country"]) == ("CHN", "KOR")
    assert (got["umt_quantity"], got["description"]) == (1154.13, "PIEZA DE PLASTICO")
    assert (got["customs_value_mxn"], got["paid_price_mxn"], got["unit_price"]) == (222384, 221498, 5.75753)
    assert got["value_added"] == 2870693


def _dated(operation: str) -> dict[str, Any]:
    rows: list[Row] = [
        [(24, "NUM."), (46, "PEDIMENTO"), (200, "T."), (210, "OPER"), (300, "CVE."), (320, "PEDIMENTO")],
        [(24, "24"), (36, "47"), (48, "3445"), (70, "4001234"), (200, operation), (300, "A1")],
        [(24, "Entrada/Presentación"), (223, "CONTRIB.")],
        [(24, "05/03/2024"), (223, "DTA")],
        [(24, "Pago")],
        [(24, "06/03/2024")],
    ]
    return {k: v["value"] for k, v in extract_pedimento(_doc(rows)).fields.items()}


def test_an_entrada_presentacion_date_is_the_entry_of_an_import_and_the_presentation_of_an_export() -> None:
    imported, exported = _dated("IMP"), _dated("EXP")
    assert imported["entry_date"] == "2024-03-05" and "presentation_date" not in imported
    assert exported["presentation_date"] == "2024-03-05" and "entry_date" not in exported
    assert imported["payment_date"] == exported["payment_date"] == "2024-03-06"
