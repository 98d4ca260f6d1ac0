"""Rules for how more broker systems print a pedimento, each on a short text layer of its own: a line printer's
partidas with the contributions' heading on a header line of its own, the bank's stamp in the CERTIFICACIONES box
between a header label and its value, a bare ``NOMBRE`` label, and an invoices column headed ``FACTURA/CFDI``.
"""

from __future__ import annotations

from typing import Any

from extractors.pedimento import extract_pedimento
from extractors.pedimento.partidas import _is_contribution
from extractors.result import ResultBuilder
from extractors.text import DocumentText, PageText, Word

Row = list[tuple[float, str]]


def _page(rows: list[tuple[float, Row]]) -> PageText:
    """One text-layer page: each row (y, [(x, text)]) at 7 pt, 4.2 pt per character."""
    words = [Word(text, x, y, x + 4.2 * len(text), y + 7, 1.0) for y, row in rows for x, text in row]
    text = "\n".join(" ".join(t for _x, t in row) for _y, row in rows)
    return PageText(1, text, words, "text_layer", None, 612, 792, 0)


def _doc(rows: list[Row], step: float = 9.5) -> DocumentText:
    """Rows one under the other; an empty row leaves a blank line."""
    placed = [(40 + k * step, row) for k, row in enumerate(rows) if row]
    return DocumentText("application/pdf", [_page(placed)])


def _typed(text: str, x: float = 22.0) -> Row:
    """A line printer's line: fixed-width characters, each word where its characters fall."""
    row: Row = []
    k = 0
    for part in text.split(" "):
        if part:
            row.append((x + 4.2 * k, part))
        k += len(part) + 1
    return row


def _fields(b: ResultBuilder) -> dict[str, Any]:
    return {k: v["value"] for k, v in b.fields.items()}


def _lines(b: ResultBuilder) -> list[dict[str, Any]]:
    return [{k: v["value"] for k, v in line.items()} for line in b.lines]


LINE_PRINTER_HEADER = [
    "SEC FRACCION NICO VIN MET UMC CANT. UMC UMT CANT. UMT P.V/C P.O/D",
    "    DESCRIPCION",
    "       VAL. ADUANA IMP. PRECIO PAG. PRECIO UNIT. VAL. AGREG.",
    "    CONTRIB. TASA T.T. F.P. IMPORTE",
    "------------------------------------------------------------------",
]


def _right_aligned(values: list[str], ends: tuple[int, ...] = (17, 34, 47, 59)) -> str:
    """Values each ending where its header label ends (a line printer's right-aligned figures)."""
    line = ""
    for value, end in zip(values, ends, strict=True):
        line = line.ljust(end + 1 - len(value)) + value
    return line


def _printed_partida(seq: str, fraccion: str, description: str, values: list[str], identifier: str = "") -> list[str]:
    lines = [
        f" {seq} {fraccion} 99 0 1 6 16441.000 1 164.410 USA CHN",
        f"    {description}",
        _right_aligned(values),
        "    IGI   0.00000 1 0      0",
        "    IVA   16.00000 1 0   7781",
    ]
    return [*lines, *([f"    IDENTIF. {identifier}"] if identifier else []), ""]


def test_a_line_printers_partidas_under_a_four_line_header_with_the_contributions_heading_alone() -> None:
    """The contributions' heading (CONTRIB. TASA T.T. F.P. IMPORTE) on a header line of its own is a row of the
    partida, not a column beside it: the description and values lines under the header are the partida's, and
    the blank line between two partidas does not end the table."""
    rows = [
        *LINE_PRINTER_HEADER,
        *_printed_partida("1", "40169399", "EMPAQUE DE HULE VULCANIZADO", ["48634", "48634", "2.95809", "0"], "TL USA"),
        *_printed_partida("2", "85423999", "CIRCUITO INTEGRADO MONOLITICO", ["262037", "262037", "21.78558", "0"]),
        "======== FIN DE PEDIMENTO ======== NUM. TOTAL DE PARTIDAS: 2 ========",
    ]
    lines = _lines(extract_pedimento(_doc([_typed(r) for r in rows])))
    assert [line["sequence"] for line in lines] == [1, 2]
    assert [line["description"] for line in lines] == ["EMPAQUE DE HULE VULCANIZADO", "CIRCUITO INTEGRADO MONOLITICO"]
    assert [(line["customs_value_mxn"], line["paid_price_mxn"]) for line in lines] == [(48634, 48634), (262037, 262037)]
    assert [line["unit_price"] for line in lines] == [2.95809, 21.78558]
    assert [line["value_added"] for line in lines] == [0, 0]


def test_the_banks_stamp_in_the_certifications_box_is_no_header_value() -> None:
    """The CERTIFICACIONES box at the header's right holds the bank's stamp: its lines fall between a label and
    the value under it (the date and time), and right of a label on its line (``OP. 2278577413`` beside VALOR
    DOLARES). The values are the ones under the labels."""
    rows: list[Row] = [
        [(26, "NUM."), (45, "PEDIMENTO"), (211, "T."), (222, "OPER"), (421, "CERTIFICACIONES")],
        [
            (28, "24"),
            (40, "07"),
            (52, "1476"),
            (72, "4361603"),
            (213, "IMP"),
            (423, "***PAGO"),
            (458, "ELECTRONICO***"),
        ],
        [(26.0, "TIPO"), (46, "CAMBIO"), (234, "PESO"), (256, "BRUTO"), (349, "ADUANA"), (377, "E/S")]
        + [(423, "BANCO"), (449, "NACIONAL"), (486, "DE"), (498, "MEXICO")],
        [(423, "14/10/2024"), (467, "11:59:00")],
        [(28, "18.81320"), (236, "49,236.306"), (351, "070")],
        [(26, "ARRIBO"), (172, "SALIDA"), (304, "VALOR"), (330, "DOLARES"), (423, "OP."), (438, "2278577413")],
        [(28, "98"), (174, "98"), (306, "530,788.70")],
        [(423, "SELECCION"), (465, "AUTOMATIZADA:")],
        [(26, "VALOR"), (52, "ADUANA"), (198, "PRECIO"), (226, "PAGADO/VALOR"), (281, "COMERCIAL")],
        [(423, "DESADUANAMIENTO"), (491, "LIBRE")],
        [(28, "9,985,834"), (200, "9,946,049")],
    ]
    fields = _fields(extract_pedimento(_doc(rows)))
    assert fields["customs_office"] == "070"
    assert fields["usd_value"] == 530788.7
    assert fields["customs_value_mxn"] == 9985834
    assert fields["commercial_value_mxn"] == 9946049
    assert fields["exchange_rate"] == 18.8132


def test_a_label_and_its_value_standing_where_the_certifications_label_points_are_kept() -> None:
    """Under a CERTIFICACIONES label with no box beneath, a field's label and value printed in its column are
    read: the box ends where a label stands in it."""
    rows: list[Row] = [
        [(26.0, "NUM."), (45, "PEDIMENTO:"), (92, "24"), (104, "07"), (116, "1476"), (136, "4361603")]
        + [(421, "CERTIFICACIONES")],
        [(26.0, "DESTINO:"), (66, "9"), (330, "ADUANA"), (358, "E/S:"), (380, "070"), (430, "T."), (440, "OPER:")]
        + [(466, "IMP")],
    ]
    fields = _fields(extract_pedimento(_doc(rows)))
    assert fields["customs_office"] == "070"
    assert fields["operation_type"] == "IMP"


def test_a_bare_nombre_label_with_dot_leaders_names_the_importer() -> None:
    rows = [
        "RFC IMP/EXP........: OVD111109U24      CURP...............:",
        "NOMBRE.............: MAQUILADORA DEL NORTE S.A. DE C.V.",
        "DOMICILIO..........: AV. INDUSTRIAL 1200, CD. JUAREZ, CHIH.",
        "",
        "AGENTE ADUANAL.....: ROBERTO SALINAS MEDINA",
    ]
    fields = _fields(extract_pedimento(_doc([_typed(r) for r in rows])))
    assert fields["importer_exporter_rfc"] == "OVD111109U24"
    assert fields["importer_exporter_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."


def test_invoices_listed_under_a_factura_cfdi_heading_with_their_cove_between() -> None:
    rows = [
        "FACTURA/CFDI       FECHA INCOTERM MONEDA VAL.MON.FACT",
        "9639420            12/07/2025 DAP USD  339.94",
        "  COVE: COVE0PQD4781N",
        "INV-2025-54721     15/07/2025 EXW USD  339.94",
        "  COVE: COVEGL90IAI7D",
        "IDENTIFICADORES: CVE COMPLEMENTO 1",
    ]
    result = extract_pedimento(_doc([_typed(r) for r in rows]))
    references = {(r["kind"], r["value"]) for r in result.references}
    assert {("invoice", "9639420"), ("invoice", "INV-2025-54721")} <= references
    assert {("cove", "COVE0PQD4781N"), ("cove", "COVEGL90IAI7D")} <= references


def test_a_name_label_read_shorter_than_printed_leaves_no_qualifier_in_the_name() -> None:
    """``NOMBRE (IMP./EXP.).: ACME``: the label read as ``NOMBRE``; what stands before the colon is the rest of
    the label, not the importer's name."""
    rows = [
        "RFC................: OVD111109U24",
        "NOMBRE (IMP./EXP.).: TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V.",
    ]
    fields = _fields(extract_pedimento(_doc([_typed(r) for r in rows])))
    assert fields["importer_exporter_name"] == "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V."


def _scanned(rows: list[Row]) -> DocumentText:
    """Rows as OCR gives them: every word read with a confidence below 1."""
    words = [
        Word(text, x, 40 + k * 9.5, x + 4.2 * len(text), 47 + k * 9.5, 0.92)
        for k, row in enumerate(rows)
        for x, text in row
    ]
    text = "\n".join(" ".join(t for _x, t in row) for row in rows)
    return DocumentText("application/pdf", [PageText(1, text, words, "ocr", None, 612, 792, 0)])


def test_a_scanned_name_past_its_labels_dot_leader_read_as_marks() -> None:
    """A dot leader OCR read as short words (``foc ee``) or figures and a colon (``2.020 :``) is no part of the
    importer's name: the name is the company's that follows on the line."""
    for leader in (["foc", "ee"], ["2.020", ":"]):
        row: Row = [(22.0, "NOMBRE")]
        row += [(110.0 + 20 * k, mark) for k, mark in enumerate(leader)]
        row += [(170.0, "MAQUILADORA"), (220.0, "DEL"), (236.0, "NORTE"), (262.0, "S.A."), (282.0, "DE")]
        row += [(294.0, "C.V.")]
        rows: list[Row] = [[(22.0, "RFC"), (110.0, "OVD111109U24")], row]
        fields = _fields(extract_pedimento(_scanned(rows)))
        assert fields["importer_exporter_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V.", leader


def test_scanned_contribution_lines_with_a_split_rate_or_a_speck_for_a_figure() -> None:
    """``IVA 16 .00000 uf 0 14775`` (the rate split at its point, the T.T. read as letters) and ``LET 0.00000 ay
    0 0`` are contributions; a description or a values row is not."""
    assert _is_contribution(["IVA", "16", ".00000", "uf", "0", "14775"])
    assert _is_contribution(["LET", "0.00000", "ay", "0", "0"])
    assert not _is_contribution(["CAJA", "DE", "16", ".00000", "PIEZAS"])
    assert not _is_contribution(["48634", "48634", "2.95809", "0"])
    assert not _is_contribution(["LAMINA", "DE", "ALEACION", "0.2", "MM"])
