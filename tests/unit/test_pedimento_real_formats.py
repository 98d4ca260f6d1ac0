"""Pedimento text layers laid out as real broker systems print them: short texts of my own, built on format facts
read in public repositories' fixtures and parsers of real printouts (each test names its source). No file is
copied; the figures are invented and consistent (precio unitario × cantidad = precio pagado, partidas add up).
"""

from __future__ import annotations

from typing import Any

from extractors.pedimento import extract_pedimento
from extractors.result import ResultBuilder, needs_review
from extractors.text import DocumentText, PageText, Word

Row = list[tuple[float, str]]


def _doc(rows: list[Row], step: float = 11.0) -> DocumentText:
    """A one-page text layer: each row a list of (x, text) at 7 pt, 4.2 pt per character."""
    words = []
    for i, row in enumerate(rows):
        y = 40 + i * step
        for x, text in row:
            words.append(Word(text, x, y, x + 4.2 * len(text), y + 7, 1.0))
    text = "\n".join(" ".join(t for _x, t in row) for row in rows)
    return DocumentText("application/pdf", [PageText(1, text, words, "text_layer", None, 612, 792, 0)])


def _fields(b: ResultBuilder) -> dict[str, Any]:
    return {k: v["value"] for k, v in b.fields.items()}


def _lines(b: ResultBuilder) -> list[dict[str, Any]]:
    return [{k: v["value"] for k, v in line.items()} for line in b.lines]


def _review(b: ResultBuilder) -> bool:
    return needs_review({"doc_type_confidence": 0.95, "fields": b.fields, "lines": b.lines, "warnings": b.warnings})


def _fin(total: str | None) -> Row:
    row: Row = [(24, "********"), (64, "FIN"), (80, "DE"), (94, "PEDIMENTO"), (140, "*******"), (180, "NUM.")]
    row += [(204, "TOTAL"), (232, "DE"), (246, "PARTIDAS:")]
    if total is not None:
        row.append((290, total))
    return row + [(310, "*****"), (340, "CLAVE"), (366, "PREVALIDADOR:"), (426, "010")]


# --------------------------------------------------------------------------------------------------------
# Source: nexlify2026-byte/GLOSA-IA-AVANZA, parse_pedimento.py (a parser of real printouts' pdfplumber text).
# Facts: T.OPER, CVE. PEDIMENTO and REGIMEN on the number's line; "Clave en el RFC:" with the RFC and then
# "NOMBRE, DENOMINACION O RAZON SOCIAL" on the same line, the name on the next after "CURP:"; the partidas'
# column header as "FRACCION SUBD. / NICO ...", "IDENTIFICAC-" over "IÓN COMERCIAL" with "SEC" on that second
# line, "DESCRIPCION", "VAL. ADU / USD ..."; a partida's first line "SEC FRACCION NICO VINC MET UMC CANT UMT CANT
# P.V/C P.O/D" with a contribution (code, rate, T.T., F.P., importe) at its right, the description's line with
# another, then the line of values (valor aduana, precio pagado, precio unitario); two-letter identifiers (EO,
# TL, PO …) until OBSERVACIONES; the block ends with asterisks and FIN DE PEDIMENTO.

GLOSA_HEADER: list[Row] = [
    [(24, "NUM."), (46, "PEDIMENTO:"), (100, "24"), (112, "24"), (124, "3577"), (150, "4006986")]
    + [
        (210, "T.OPER:"),
        (242, "IMP"),
        (270, "CVE."),
        (290, "PEDIMENTO:"),
        (336, "IN"),
        (360, "REGIMEN:"),
        (398, "ITE"),
    ],
    [(24, "DESTINO:"), (62, "9"), (90, "TIPO"), (110, "CAMBIO:"), (142, "17.00000"), (200, "PESO"), (220, "BRUTO:")]
    + [(250, "700.000"), (320, "ADUANA"), (350, "E/S:"), (370, "240")],
    [(24, "VALOR"), (52, "DOLARES:"), (200, "2,000.00")],
    [(24, "VALOR"), (52, "ADUANA:"), (200, "34,000")],
    [(24, "PRECIO"), (54, "PAGADO/VALOR"), (110, "COMERCIAL:"), (200, "34,000")],
    [(24, "Clave"), (48, "en"), (60, "el"), (72, "RFC:"), (92, "MAB9307148T4"), (160, "NOMBRE,"), (194, "DENOMINACION")]
    + [(250, "O"), (258, "RAZON"), (284, "SOCIAL")],
    [(24, "CURP:"), (160, "TORNILLERIA"), (210, "DEL"), (226, "NORTE"), (252, "SA"), (264, "DE"), (276, "CV")],
    [(24, "FECHAS")],
    [(24, "ENTRADA"), (60, "05/05/2024")],
    [(24, "PAGO"), (60, "06/05/2024")],
    [(24, "PARTIDAS")],
    [
        (44, "FRACCION"),
        (92, "SUBD."),
        (116, "/"),
        (122, "NICO"),
        (146, "VINC."),
        (170, "MET"),
        (186, "VAL"),
        (206, "UMC"),
    ]
    + [(226, "CANTIDAD"), (262, "UMC"), (290, "UMT"), (310, "CANTIDAD"), (346, "UMT"), (376, "P."), (386, "V/C")]
    + [(410, "P."), (420, "O/D"), (450, "IDENTIFICAC-")],
    [(24, "SEC"), (450, "IÓN"), (470, "COMERCIAL")],
    [(44, "DESCRIPCION")],
    [(44, "VAL."), (62, "ADU"), (78, "/"), (84, "USD"), (120, "IMP."), (140, "PRECIO"), (170, "PAG."), (206, "PRECIO")]
    + [(236, "UNIT.")],
]


def _glosa_partida(seq: str, fraccion: str, qty: str, kilos: str, description: list[Row]) -> list[Row]:
    return [
        [(24, seq), (44, fraccion), (92, "00"), (146, "0"), (170, "1"), (206, "6"), (226, qty), (290, "1")]
        + [
            (310, kilos),
            (376, "CHN"),
            (410, "CHN"),
            (500, "IGI"),
            (516, "0.00000"),
            (556, "1"),
            (566, "0"),
            (576, "0"),
        ],
        *description,
        [(44, "17,000"), (120, "17,000"), (206, "2.83333")],
        [(44, "EO"), (60, "1")],
        [(44, "TL"), (60, "USA")],
        [(44, "PO"), (60, "4500123"), (100, "PACIFIC"), (140, "COMPONENTS")],
        [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")],
        [(44, "FACT"), (70, "F12345")],
    ]


def test_glosa_arrangement_labels_on_one_line_and_contributions_beside_the_partida() -> None:
    rows = list(GLOSA_HEADER)
    rows += _glosa_partida(
        "1",
        "73144201",
        "6,000.000",
        "312.000",
        [
            [
                (44, "TORNILLO"),
                (84, "DE"),
                (96, "ACERO"),
                (500, "IVA"),
                (516, "16.00000"),
                (556, "1"),
                (566, "0"),
                (576, "2720"),
            ]
        ],
    )
    rows += _glosa_partida(
        "2",
        "73181504",
        "6,000.000",
        "300.000",
        [[(44, "TUERCA"), (76, "HEXAGONAL"), (500, "IVA"), (516, "16.00000"), (556, "1"), (566, "0"), (576, "2720")]],
    )
    rows.append(_fin("2"))
    b = extract_pedimento(_doc(rows))
    fields = _fields(b)
    assert fields["pedimento_number"] == "242435774006986"
    assert (fields["operation_type"], fields["clave"], fields["regimen"]) == ("IMP", "IN", "ITE")
    assert fields["importer_exporter_rfc"] == "MAB9307148T4"
    assert fields["importer_exporter_name"] == "TORNILLERIA DEL NORTE SA DE CV"
    assert (fields["exchange_rate"], fields["gross_weight_kg"], fields["customs_office"]) == (17.0, 700.0, "240")
    assert (fields["usd_value"], fields["customs_value_mxn"], fields["commercial_value_mxn"]) == (2000.0, 34000, 34000)
    assert fields["partida_count"] == 2
    lines = _lines(b)
    assert [ln["sequence"] for ln in lines] == [1, 2]
    assert [ln["tariff_code"] for ln in lines] == ["73144201", "73181504"]
    assert [ln["description"] for ln in lines] == ["TORNILLO DE ACERO", "TUERCA HEXAGONAL"]
    for ln in lines:
        assert (ln["nico"], ln["umc"], ln["umc_quantity"], ln["umt"]) == ("00", "6", 6000.0, "1")
        assert (ln["customs_value_mxn"], ln["paid_price_mxn"], ln["unit_price"]) == (17000, 17000, 2.83333)
        assert ln["origin_destination_country"] == "CHN"
    assert [ln["umt_quantity"] for ln in lines] == [312.0, 300.0]
    assert not _review(b)


# --------------------------------------------------------------------------------------------------------
# Source: a public repository's `parsePedimentoText.test.ts` (fixtures "trimmed text captured from a real Anexo-22
# pedimento" and a consolidado; the index gives no repository name). Facts: the labels "NUM. PEDIMENTO: T. OPER
# CVE. PEDIMENTO: REGIMEN:" on one line with their values on the next; "DESTINO/ORIGEN: TIPO CAMBIO: PESO BRUTO:
# ADUANA E/S:" on one line with "9 20.45680 808.000 850" under them (tipo de cambio with five decimals); SEC
# printed with three digits (001); the agente aduanal's "NOMBRE O RAZ. SOC.:" and "RFC:" printed after the
# importer's; "CLAVE DE LA SECCION ADUANERA DE DESPACHO:" with its own code, apart from ADUANA E/S.

STACKED_HEADER: list[Row] = [
    [
        (24, "NUM."),
        (46, "PEDIMENTO:"),
        (170, "T."),
        (180, "OPER"),
        (230, "CVE."),
        (250, "PEDIMENTO:"),
        (330, "REGIMEN:"),
    ],
    [(24, "25"), (36, "85"), (48, "1653"), (72, "5001684"), (170, "IMP"), (230, "A1"), (330, "IMD")],
    [
        (24, "DESTINO/ORIGEN:"),
        (110, "TIPO"),
        (130, "CAMBIO:"),
        (200, "PESO"),
        (220, "BRUTO:"),
        (290, "ADUANA"),
        (320, "E/S:"),
    ],
    [(24, "9"), (110, "20.45680"), (200, "808.000"), (290, "460")],
    [(24, "VALOR"), (52, "DOLARES:"), (130, "1,000.00")],
    [(24, "VALOR"), (52, "ADUANA:"), (130, "20,457")],
    [(24, "PRECIO"), (54, "PAGADO/VALOR"), (110, "COMERCIAL:"), (180, "20,457")],
    [
        (24, "CLAVE"),
        (52, "DE"),
        (66, "LA"),
        (78, "SECCION"),
        (112, "ADUANERA"),
        (150, "DE"),
        (164, "DESPACHO:"),
        (210, "850"),
    ],
    [(24, "RFC:"), (44, "ADM130509UQ0")],
    [(24, "NOMBRE,"), (58, "DENOMINACION"), (114, "O"), (122, "RAZON"), (148, "SOCIAL:")],
    [(24, "ADMERCE"), (60, "SA"), (72, "DE"), (84, "CV")],
    [(24, "FECHAS")],
    [(24, "ENTRADA"), (60, "04/04/2025")],
    [(24, "PAGO"), (60, "05/04/2025")],
]
STACKED_COLUMNS: list[Row] = [
    [(24, "PARTIDAS")],
    [(24, "SEC"), (44, "FRACCION"), (92, "SUBD."), (120, "VINC."), (146, "MET"), (162, "VAL"), (186, "UMC")]
    + [(206, "CANTIDAD"), (244, "UMC"), (280, "UMT"), (300, "CANTIDAD"), (338, "UMT"), (372, "P.V/C"), (402, "P.O/D")],
    [(44, "DESCRIPCION")],
    [(44, "VAL"), (62, "ADU/USD"), (120, "IMP."), (140, "PRECIO"), (170, "PAG."), (206, "PRECIO"), (236, "UNIT.")],
]
STACKED_AGENT: list[Row] = [
    [(24, "AGENTE"), (56, "ADUANAL,"), (96, "AGENCIA"), (130, "ADUANAL")],
    [(24, "NOMBRE"), (54, "O"), (62, "RAZ."), (82, "SOC.:"), (110, "LAURA"), (136, "AMPARO"), (166, "GARCIA")],
    [(24, "RFC:"), (44, "GODE561231GR8")],
]


def _stacked_partida(seq: str, fraccion: str, nico: str, description: str) -> list[Row]:
    return [
        [(24, seq), (44, fraccion), (92, nico), (120, "0"), (146, "1"), (186, "6"), (206, "10.000"), (280, "6")]
        + [(300, "10.000"), (372, "CHN"), (402, "CHN")],
        [(44, w) for w in [description]],
        [(44, "10,229"), (120, "10,228"), (206, "1,022.80000")],
    ]


def test_labels_on_one_line_values_on_the_next_three_digit_sec_and_the_agents_rfc() -> None:
    rows = STACKED_HEADER + STACKED_COLUMNS
    rows += _stacked_partida("001", "61091001", "00", "CAMISETA")
    rows += _stacked_partida("002", "62046201", "99", "PANTALON")
    rows += [_fin("2")] + STACKED_AGENT
    b = extract_pedimento(_doc(rows))
    fields = _fields(b)
    assert fields["pedimento_number"] == "258516535001684"
    assert (fields["operation_type"], fields["clave"], fields["regimen"]) == ("IMP", "A1", "IMD")
    assert (fields["exchange_rate"], fields["gross_weight_kg"]) == (20.4568, 808.0)
    assert fields["customs_office"] == "460"  # ADUANA E/S, not the sección de despacho (850)
    assert fields["importer_exporter_rfc"] == "ADM130509UQ0"  # the importer's, not the agente's
    assert fields["partida_count"] == 2
    lines = _lines(b)
    assert [ln["sequence"] for ln in lines] == [1, 2]
    assert [(ln["tariff_code"], ln["nico"]) for ln in lines] == [("61091001", "00"), ("62046201", "99")]
    assert [ln["unit_price"] for ln in lines] == [1022.8, 1022.8]


# --------------------------------------------------------------------------------------------------------
# Source: yueweiit/DeepLinkERP, overseas_costing/tests/test_import_service.py (a real printout's text in a test).
# Facts: the contributions printed on lines of their own between the description and the values, with
# five-decimal rates ("IGI 0.00000 1 0 0", "IVA 16.00000 1 0 32719"); guía label "NO. (GUIA/ORDEN EMBARQUE)/ID:";
# containers as "NUMERO / TIPO <container> <type>"; and a FIN DE PEDIMENTO line whose text layer carries no
# figure beside "NUM. TOTAL DE PARTIDAS:" (the count ran into the prevalidador's code).


def test_contribution_lines_between_description_and_values_and_a_fin_line_without_its_count() -> None:
    rows = STACKED_HEADER[:12] + [[(24, "NO."), (40, "(GUIA/ORDEN"), (90, "EMBARQUE)/ID:"), (150, "SZCN60111600")]]
    rows += [[(24, "NUMERO"), (56, "/"), (62, "TIPO"), (90, "CSQU3054383"), (150, "3")]]
    rows += STACKED_HEADER[12:] + STACKED_COLUMNS
    for seq, fraccion in (("1", "39079101"), ("2", "39232991")):
        rows += [
            [(24, seq), (44, fraccion), (92, "00"), (120, "0"), (146, "1"), (186, "1"), (206, "10.000"), (280, "1")]
            + [(300, "10.000"), (372, "CHN"), (402, "CHN")],
            [(44, "PLASTICO"), (90, "EN"), (104, "FORMAS"), (136, "PRIMARIAS")],
            [(44, "IGI"), (64, "0.00000"), (110, "1"), (120, "0"), (130, "0")],
            [(44, "IVA"), (64, "16.00000"), (110, "1"), (120, "0"), (130, "1637")],
            [(44, "10,229"), (120, "10,228"), (206, "1,022.80000")],
        ]
    rows.append(_fin(None))
    b = extract_pedimento(_doc(rows))
    lines = _lines(b)
    assert [ln["tariff_code"] for ln in lines] == ["39079101", "39232991"]
    assert all(ln["description"] == "PLASTICO EN FORMAS PRIMARIAS" for ln in lines)
    assert all((ln["customs_value_mxn"], ln["paid_price_mxn"]) == (10229, 10228) for ln in lines)
    assert {"kind": "bl", "value": "SZCN60111600"} in b.references
    assert {"kind": "container", "value": "CSQU3054383"} in b.references
    # no printed total to check the partidas against: a person looks
    assert "partida_count" not in b.fields and _review(b)
