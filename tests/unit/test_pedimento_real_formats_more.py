"""More pedimento text layers laid out as real broker systems print them: short texts of my own, built on format
facts read in public repositories' fixtures, parsers and notes on real printouts (each test names its source). No
file is copied; the figures, names, RFCs and numbers are invented and consistent (precio unitario × cantidad =
precio pagado; RFCs carry their check character).
"""

from __future__ import annotations

from extractors.pedimento import extract_pedimento
from extractors.text import DocumentText, PageText, Word
from tests.unit.test_pedimento_real_formats import Row, _fields, _fin, _lines, _review


def _doc(pages: list[list[Row]], step: float = 11.0) -> DocumentText:
    """A text layer of several pages: each page a list of rows of (x, text) at 7 pt, 4.2 pt per character."""
    out = []
    for p, rows in enumerate(pages):
        words = []
        for i, row in enumerate(rows):
            y = 40 + i * step
            for x, text in row:
                words.append(Word(text, x, y, x + 4.2 * len(text), y + 7, 1.0))
        text = "\n".join(" ".join(t for _x, t in row) for row in rows)
        out.append(PageText(p + 1, text, words, "text_layer", None, 612, 792, 0))
    return DocumentText("application/pdf", out)


HEADER: list[Row] = [
    [(24, "NUM."), (46, "PEDIMENTO:"), (100, "25"), (112, "24"), (124, "3210"), (150, "5000321")]
    + [(210, "T."), (220, "OPER:"), (246, "IMP"), (270, "CVE."), (290, "PEDIMENTO:"), (336, "IN")]
    + [(360, "REGIMEN:"), (398, "ITE")],
    [(24, "DESTINO:"), (62, "9"), (90, "TIPO"), (110, "CAMBIO:"), (142, "18.00000"), (200, "PESO"), (220, "BRUTO:")]
    + [(250, "950.000"), (320, "ADUANA"), (350, "E/S:"), (370, "240")],
    [(24, "VALOR"), (52, "DOLARES:"), (200, "3,000.00")],
    [(24, "VALOR"), (52, "ADUANA:"), (200, "54,000")],
    [(24, "PRECIO"), (54, "PAGADO/VALOR"), (110, "COMERCIAL:"), (200, "54,000")],
    [(24, "RFC:"), (44, "IMR120315K22"), (160, "NOMBRE,"), (194, "DENOMINACION"), (250, "O"), (258, "RAZON")]
    + [(284, "SOCIAL:")],
    [(24, "CURP:"), (160, "INSUMOS"), (196, "MAQUILADORES"), (254, "DEL"), (272, "RIO"), (290, "SA"), (302, "DE")]
    + [(314, "CV")],
    [(24, "FECHAS")],
    [(24, "ENTRADA"), (60, "02/06/2025")],
    [(24, "PAGO"), (60, "03/06/2025")],
]

# the partidas' columns: SEC at the left, the per-partida contribution (CON. TASA T.T. F.P. IMPORTE) at the right
COLUMNS: list[Row] = [
    [(24, "PARTIDAS")],
    [(24, "SEC"), (44, "FRACCION"), (92, "NICO"), (120, "VINC."), (146, "MET"), (162, "VAL"), (186, "UMC")]
    + [(206, "CANTIDAD"), (244, "UMC"), (280, "UMT"), (300, "CANTIDAD"), (338, "UMT"), (372, "P.V/C"), (402, "P.O/D")]
    + [(440, "CON."), (462, "TASA"), (500, "T.T."), (520, "F.P."), (540, "IMPORTE")],
    [(44, "DESCRIPCION")],
    [(44, "VAL"), (62, "ADU/USD"), (120, "IMP."), (140, "PRECIO"), (170, "PAG."), (206, "PRECIO"), (236, "UNIT.")]
    + [(300, "VAL."), (320, "AGREG.")],
    [(44, "MARCA"), (160, "MODELO"), (300, "CODIGO"), (334, "PRODUCTO")],
]


def _first_line(seq: str, fraccion: str, nico: str, umc: str, qty: str, kilos: str, iva: str) -> Row:
    return [(24, seq), (44, fraccion), (92, nico), (120, "0"), (146, "1"), (186, umc), (206, qty), (280, "1")] + [
        (300, kilos),
        (372, "USA"),
        (402, "CHN"),
        (440, "IVA"),
        (462, "16.00000"),
        (500, "1"),
        (520, "0"),
        (540, iva),
    ]


# --------------------------------------------------------------------------------------------------------
# Source: a public repository's step-by-step notes on reading a 53-partida pedimento (`pdftotext -layout` of a
# system-printed, not scanned, printout; the index gives no repository name). Facts: each partida is a block of
# lines: the SEC row with FRACCION, NICO, VINC, MET VAL, UMC, CANTIDAD UMC, UMT, CANTIDAD UMT, P.V/C, P.O/D and the
# contribution (CON, TASA, T.T., F.P., IMPORTE) on the same line; under it the DESCRIPCION (a short, category-like
# text); then the line of values (VAL ADU/USD, IMP. PRECIO PAG., PRECIO UNIT., VAL. AGREG.); sometimes a MARCA;
# sometimes one or more IDENTIF./COMPLEMENTO rows carrying a NOM; then "NP: <part number>" (or "NS: <serial>"
# when there is no part number), optionally "LOTE: <lot>", and the line "Factura <n> Partida <m>" (upper case
# in some blocks, "FACTURA <n> PARTIDA <m>"), whose trailing integer climbs 1, 2, 3 like SEC; every block closes
# with the bar "OBSERVACIONES A NIVEL PARTIDA", empty or not.


def _noted_block(first: Row, description: str, values: Row, tail: list[Row]) -> list[Row]:
    return [first, [(44, w) for w in [description]], values, *tail]


def test_blocks_with_part_number_lot_and_invoice_reference_lines_after_the_values() -> None:
    rows = HEADER + COLUMNS
    rows += _noted_block(
        _first_line("1", "85411001", "00", "6", "1,500", "3.000", "2880"),
        "DIODOS",
        [(44, "18,000"), (120, "18,000"), (206, "12.00000"), (300, "0")],
        [
            [(44, "NP:"), (62, "DIO-4148-T")],
            [(44, "Factura"), (80, "FX-2025-0117"), (140, "Partida"), (172, "1")],
            [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")],
        ],
    )
    rows += _noted_block(
        _first_line("2", "85322401", "00", "6", "4,000", "2.000", "2880"),
        "CAPACITORES",
        [(44, "18,000"), (120, "18,000"), (206, "4.50000"), (300, "0")],
        [
            [(44, "ACME")],
            [(44, "NM"), (62, "NOM-001-SCFI-2018")],
            [(44, "NS:"), (62, "BX000925072917115")],
            [(44, "LOTE:"), (70, "000925072900327")],
            [(44, "FACTURA"), (84, "FX-2025-0117"), (144, "PARTIDA"), (180, "2")],
            [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")],
        ],
    )
    rows += _noted_block(
        _first_line("3", "85423999", "99", "6", "600", "1.500", "2880"),
        "CIRCUITOS INTEGRADOS",
        [(44, "18,000"), (120, "18,000"), (206, "30.00000"), (300, "0")],
        [
            [(44, "NP:"), (62, "IC-555-SMD")],
            [(44, "LOTE:"), (70, "250601")],
            [(44, "Factura"), (80, "FX-2025-0117"), (140, "Partida"), (172, "3")],
            [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")],
        ],
    )
    rows.append(_fin("3"))
    b = extract_pedimento(_doc([rows]))
    fields = _fields(b)
    assert fields["pedimento_number"] == "252432105000321"
    assert (fields["operation_type"], fields["clave"], fields["regimen"]) == ("IMP", "IN", "ITE")
    assert fields["importer_exporter_rfc"] == "IMR120315K22"
    assert fields["partida_count"] == 3
    lines = _lines(b)
    assert [ln["sequence"] for ln in lines] == [1, 2, 3]
    assert [(ln["tariff_code"], ln["nico"]) for ln in lines] == [
        ("85411001", "00"),
        ("85322401", "00"),
        ("85423999", "99"),
    ]
    assert [ln["description"] for ln in lines] == ["DIODOS", "CAPACITORES", "CIRCUITOS INTEGRADOS"]
    assert [ln["umc_quantity"] for ln in lines] == [1500.0, 4000.0, 600.0]
    assert [ln["umt_quantity"] for ln in lines] == [3.0, 2.0, 1.5]
    assert [ln["unit_price"] for ln in lines] == [12.0, 4.5, 30.0]
    for ln in lines:
        assert (ln["umc"], ln["umt"]) == ("6", "1")
        assert (ln["customs_value_mxn"], ln["paid_price_mxn"]) == (18000, 18000)
        assert (ln["seller_buyer_country"], ln["origin_destination_country"]) == ("USA", "CHN")
    assert not _review(b)


# --------------------------------------------------------------------------------------------------------
# Source: a public repository's `parsePedimentoText.test.ts` (its third fixture, "verbatim excerpt" of a real T1
# mensajería consolidado with about 850 partidas; the index gives no repository name). Facts: every partida
# under the same fracción 99010001 (NICO 00, UMC and UMT 6); the partida's contributions beside its first lines
# with ten-decimal rates (``IVA 33.5000000000``, ``IGI 0.0000000000``); the CANTIDAD UMT with five decimals
# (``10.00000``); a description whose first line is cut at the column's edge and goes on on the next line; the
# values line of VAL ADU, IMP. PRECIO PAG. and PRECIO UNIT. (``963 963 96.30000``); then an ``IDENTIFICADORES``
# title and ``OBSERVACIONES A NIVEL PARTIDA`` with one line per guía, ``<guía> CONSIGNATARIO: <name> <RFC>``; a
# page break may fall between that title and its observation, with the footer ``DECLARO BAJO PROTESTA DE DECIR
# VERDAD ...`` and the next page's ``Página N de M`` in between.

COURIER_HEADER: list[Row] = [
    [(24, "NUM."), (46, "PEDIMENTO:"), (100, "26"), (112, "24"), (124, "3482"), (150, "6000417")]
    + [(210, "T."), (220, "OPER:"), (246, "IMP"), (270, "CVE."), (290, "PEDIMENTO:"), (336, "T1")]
    + [(360, "REGIMEN:"), (398, "IMD")],
    [(24, "DESTINO:"), (62, "9"), (90, "TIPO"), (110, "CAMBIO:"), (142, "18.00000"), (200, "PESO"), (220, "BRUTO:")]
    + [(250, "12.000"), (320, "ADUANA"), (350, "E/S:"), (370, "240")],
    [(24, "VALOR"), (52, "DOLARES:"), (200, "150.00")],
    [(24, "VALOR"), (52, "ADUANA:"), (200, "2,700")],
    [(24, "PRECIO"), (54, "PAGADO/VALOR"), (110, "COMERCIAL:"), (200, "2,700")],
    [(24, "RFC:"), (44, "COM0806194H2"), (160, "NOMBRE,"), (194, "DENOMINACION"), (250, "O"), (258, "RAZON")]
    + [(284, "SOCIAL:")],
    [(24, "CURP:"), (160, "CONSOLIDADORA"), (220, "DE"), (232, "ENVIOS"), (262, "SAPI"), (284, "DE"), (296, "CV")],
    [(24, "FECHAS")],
    [(24, "ENTRADA"), (60, "13/01/2026")],
    [(24, "PAGO"), (60, "13/01/2026")],
]
COURIER_COLUMNS: list[Row] = [
    COLUMNS[0],
    COLUMNS[1][:14] + [(440, "CON."), (462, "TASA"), (530, "T.T.")],
    *COLUMNS[2:4],
]


def _courier_partida(seq: str, qty: str, description: list[str], values: Row, iva: str) -> list[Row]:
    first: Row = [(24, seq), (44, "99010001"), (92, "00"), (120, "0"), (146, "6"), (186, "6"), (206, qty)]
    first += [(280, "6"), (300, qty + "00"), (372, "CHN"), (402, "CHN")]
    first += [(440, "IVA"), (462, "33.5000000000"), (530, "1"), (540, "0"), (556, iva)]
    rows: list[Row] = [first]
    for k, text in enumerate(description):
        row: Row = [(44, text)]
        if k == 0:
            row += [(440, "IGI"), (462, "0.0000000000"), (530, "1"), (540, "0"), (556, "0")]
        rows.append(row)
    return [*rows, values, [(44, "IDENTIFICADORES")]]


def _observations() -> Row:
    return [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")]


def test_courier_consolidado_with_ten_decimal_rates_consignee_lines_and_a_page_break_inside_a_partida() -> None:
    page1 = COURIER_HEADER + COURIER_COLUMNS
    page1 += _courier_partida(
        "001",
        "10.000",
        ["BRAZALETEPANTALONSUDADERACAMISETABLUSA DE MUJ", "BLUSA DE MUJER"],
        [(44, "1,800"), (120, "1,800"), (206, "180.00000")],
        "603",
    )
    page1 += [_observations(), [(44, "JMX300000123456"), (120, "CONSIGNATARIO:"), (190, "ANA"), (208, "LUNA")]]
    page1[-1] += [(230, "GARCIA"), (270, "LUGA800101AB1")]
    page1 += _courier_partida(
        "002", "4.000", ["CHAQUETA DE HOMBRE"], [(44, "600"), (120, "600"), (206, "150.00000")], "201"
    )
    page1 += [_observations()]
    page1 += [[(24, "DECLARO"), (64, "BAJO"), (88, "PROTESTA"), (130, "DE"), (142, "DECIR"), (168, "VERDAD,")]]
    page2: list[Row] = [
        [(24, "ANEXO"), (54, "DEL"), (72, "PEDIMENTO"), (400, "Página"), (432, "2"), (440, "de"), (452, "2")],
        [(24, "NUM."), (46, "PEDIMENTO:"), (100, "26"), (112, "24"), (124, "3482"), (150, "6000417")],
        *COURIER_COLUMNS[1:],
        [(44, "JMX300000765432"), (120, "CONSIGNATARIO:"), (190, "LUIS"), (212, "PEREZ"), (240, "SOTO")],
    ]
    page2 += _courier_partida(
        "003", "1.000", ["VESTIDO DE MUJER"], [(44, "300"), (120, "300"), (206, "300.00000")], "101"
    )
    page2 += [_observations(), [(44, "JMX300000999001"), (120, "CONSIGNATARIO:"), (190, "EVA"), (208, "RUIZ")]]
    page2.append(_fin("3"))
    b = extract_pedimento(_doc([page1, page2]))
    fields = _fields(b)
    assert fields["pedimento_number"] == "262434826000417"
    assert (fields["operation_type"], fields["clave"], fields["regimen"]) == ("IMP", "T1", "IMD")
    assert fields["importer_exporter_rfc"] == "COM0806194H2"  # not a consignee's
    assert fields["partida_count"] == 3
    lines = _lines(b)
    assert [ln["sequence"] for ln in lines] == [1, 2, 3]
    assert all((ln["tariff_code"], ln["nico"], ln["umc"], ln["umt"]) == ("99010001", "00", "6", "6") for ln in lines)
    assert [ln["umc_quantity"] for ln in lines] == [10.0, 4.0, 1.0]
    assert [ln["umt_quantity"] for ln in lines] == [10.0, 4.0, 1.0]
    assert [ln["description"] for ln in lines] == [
        "BRAZALETEPANTALONSUDADERACAMISETABLUSA DE MUJ BLUSA DE MUJER",
        "CHAQUETA DE HOMBRE",
        "VESTIDO DE MUJER",
    ]
    assert [ln["customs_value_mxn"] for ln in lines] == [1800, 600, 300]
    assert [ln["paid_price_mxn"] for ln in lines] == [1800, 600, 300]
    assert [ln["unit_price"] for ln in lines] == [180.0, 150.0, 300.0]
    assert not _review(b)


# --------------------------------------------------------------------------------------------------------
# Source: yueweiit/DeepLinkERP, overseas_costing/tests/test_import_service.py (a real printout's text in a test).
# Facts: the partida's first line opens with the fracción and the SEC, printed with three digits, run into one
# word (``39079101001 00 0 1 1 5,000.000 ...``: fracción 39079101, SEC 001, then NICO 00 in its own column); the
# contributions on lines of their own between the description and the values (``IGI 0.00000 1 0 0``); the values
# line with the unit price (five decimals) run into the precio pagado (``202871 40.57420202871``); and a FIN DE
# PEDIMENTO line whose text layer carries no figure beside NUM. TOTAL DE PARTIDAS.


def test_fraccion_and_three_digit_sec_run_into_one_word_and_the_unit_price_into_the_paid_price() -> None:
    rows = HEADER[:2] + [
        [(24, "VALOR"), (52, "DOLARES:"), (200, "2,000.00")],
        [(24, "VALOR"), (52, "ADUANA:"), (200, "36000")],
        [(24, "PRECIO"), (54, "PAGADO/VALOR"), (110, "COMERCIAL:"), (200, "36000")],
    ]
    rows += HEADER[5:] + COLUMNS[:4]
    partidas = (
        ("39079101001", "1", "2,500.000", "2,500.00000", "PLASTICO TPU EN FORMAS PRIMARIAS", "7.2000018000"),
        ("39232991002", "6", "40,000.000", "750.00000", "BOLSAS DE PLASTICO", "0.4500018000"),
    )
    for glued, umc, qty, kilos, description, prices in partidas:
        rows += [
            [(44, glued), (92, "00"), (120, "0"), (146, "1"), (186, umc), (206, qty), (280, "1"), (300, kilos)]
            + [(372, "CHN"), (402, "CHN")],
            [(44, description)],
            [(44, "IGI"), (64, "0.00000"), (110, "1"), (120, "0"), (130, "0")],
            [(44, "IVA"), (64, "16.00000"), (110, "1"), (120, "0"), (130, "2880")],
            [(44, "18000"), (120, prices)],
        ]
    rows.append(_fin(None))
    b = extract_pedimento(_doc([rows]))
    lines = _lines(b)
    assert [ln["sequence"] for ln in lines] == [1, 2]
    assert [(ln["tariff_code"], ln["nico"]) for ln in lines] == [("39079101", "00"), ("39232991", "00")]
    assert [(ln["umc"], ln["umc_quantity"]) for ln in lines] == [("1", 2500.0), ("6", 40000.0)]
    assert [(ln["umt"], ln["umt_quantity"]) for ln in lines] == [("1", 2500.0), ("1", 750.0)]
    assert [ln["description"] for ln in lines] == ["PLASTICO TPU EN FORMAS PRIMARIAS", "BOLSAS DE PLASTICO"]
    assert [ln["unit_price"] for ln in lines] == [7.2, 0.45]
    assert all((ln["customs_value_mxn"], ln["paid_price_mxn"]) == (18000, 18000) for ln in lines)
    assert all(ln["origin_destination_country"] == "CHN" for ln in lines)
    # no printed total to check the partidas against: a person looks
    assert "partida_count" not in b.fields and _review(b)


def test_fewer_partidas_read_than_the_printed_total_is_flagged() -> None:
    rows = HEADER + COLUMNS
    rows += _noted_block(
        _first_line("1", "85411001", "00", "6", "1,500", "3.000", "2880"),
        "DIODOS",
        [(44, "18,000"), (120, "18,000"), (206, "12.00000"), (300, "0")],
        [[(44, "NP:"), (62, "DIO-4148-T")], [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")]],
    )
    rows.append(_fin("3"))
    b = extract_pedimento(_doc([rows]))
    assert len(b.lines) == 1
    assert _review(b)


# --------------------------------------------------------------------------------------------------------
# Source: a public repository's pedimento-to-CSV script (pdfplumber words grouped by line; the index gives no
# repository name). Facts: the partidas' heading found as the line holding SEC, FRACCION and DESCRIPCION
# together; a partida's second line is its description followed, on the same line, by its figures (the
# pattern ``<description> <n> <n> <decimal>``: valor aduana, precio pagado, unit price); the contributions
# (``IGI 0.00000``, ``IVA 16.00000``, five decimals) come after, and may sit in the description's column, so
# they are cut off the description; the block stops at OBSERVACIONES A NIVEL PARTIDA or at FIN DE PEDIMENTO.


ONE_LINE_COLUMNS: list[Row] = [
    [(24, "PARTIDAS")],
    [(24, "SEC"), (44, "FRACCION"), (92, "SUBD."), (120, "VINC."), (146, "MET"), (162, "VAL"), (186, "UMC")]
    + [(206, "CANTIDAD"), (244, "UMC"), (280, "UMT"), (300, "CANTIDAD"), (338, "UMT"), (372, "P.V/C"), (402, "P.O/D")],
    [(44, "DESCRIPCION"), (300, "VAL"), (318, "ADU/USD"), (360, "IMP."), (380, "PRECIO"), (410, "PAG.")]
    + [(450, "PRECIO"), (480, "UNIT.")],
]


def test_description_and_values_on_one_line_with_the_contributions_under_them() -> None:
    rows = HEADER + ONE_LINE_COLUMNS
    figures = (("1", "73181504", "8,000", "400.000", "TUERCA HEXAGONAL DE ACERO", "24,000", "3.00000"),)
    figures += (("2", "73182299", "20,000", "100.000", "RONDANA PLANA", "30,000", "1.50000"),)
    for seq, fraccion, qty, kilos, description, value, unit in figures:
        rows += [
            [(24, seq), (44, fraccion), (92, "00"), (120, "0"), (146, "1"), (186, "6"), (206, qty), (280, "1")]
            + [(300, kilos), (372, "USA"), (402, "USA")],
            [(44, description), (300, value), (360, value), (450, unit)],
            [(44, "IGI"), (64, "0.00000"), (110, "1"), (120, "0"), (130, "0")],
            [(44, "IVA"), (64, "16.00000"), (110, "1"), (120, "0"), (130, "4800")],
            [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")],
        ]
    rows.append(_fin("2"))
    b = extract_pedimento(_doc([rows]))
    assert _fields(b)["partida_count"] == 2
    lines = _lines(b)
    assert [ln["sequence"] for ln in lines] == [1, 2]
    assert [ln["tariff_code"] for ln in lines] == ["73181504", "73182299"]
    assert [ln["description"] for ln in lines] == ["TUERCA HEXAGONAL DE ACERO", "RONDANA PLANA"]
    assert [(ln["customs_value_mxn"], ln["paid_price_mxn"]) for ln in lines] == [(24000, 24000), (30000, 30000)]
    assert [ln["unit_price"] for ln in lines] == [3.0, 1.5]
    assert [ln["umc_quantity"] for ln in lines] == [8000.0, 20000.0]
    assert [ln["umt_quantity"] for ln in lines] == [400.0, 100.0]
    assert not _review(b)


def test_a_description_whose_lines_run_on_under_the_values_on_its_line_keeps_them() -> None:
    rows = HEADER + ONE_LINE_COLUMNS
    rows += [
        [(24, "1"), (44, "85411001"), (92, "00"), (120, "0"), (146, "1"), (186, "6"), (206, "4,500"), (280, "1")]
        + [(300, "9.000"), (372, "USA"), (402, "CHN")],
        [(44, "DIODOS")],
        [(44, "RECTIFICADORES"), (300, "54,000"), (360, "54,000"), (450, "12.00000")],
        [(44, "DE"), (58, "SILICIO")],
        _fin("1"),
    ]
    lines = _lines(extract_pedimento(_doc([rows])))
    assert [ln["description"] for ln in lines] == ["DIODOS RECTIFICADORES DE SILICIO"]
    assert (lines[0]["customs_value_mxn"], lines[0]["unit_price"]) == (54000, 12.0)


# --------------------------------------------------------------------------------------------------------
# Source: the same `parsePedimentoText.test.ts` (its first fixture and a "wrapped" one, a real subdivided
# courier pedimento). Facts: under OBSERVACIONES A NIVEL PARTIDA, one line per guía, ``GUIA <number> VALOR
# <usd> USD NOMBRE <consignee> RFC-CURP <id>``, the text layer sometimes wrapping the ``RFC-CURP <id>`` tail onto
# a line of its own; every partida under 99010001, NICO 00, one piece (UMC and UMT 6).


def test_subdivided_courier_partidas_with_guia_observations_wrapped_over_two_lines() -> None:
    rows = HEADER[:2] + [
        [(24, "VALOR"), (52, "DOLARES:"), (200, "60.00")],
        [(24, "VALOR"), (52, "ADUANA:"), (200, "1,080")],
        [(24, "PRECIO"), (54, "PAGADO/VALOR"), (110, "COMERCIAL:"), (200, "1,080")],
    ]
    rows += HEADER[5:] + COLUMNS[:4]
    guias = (
        ("001", "TRAJE", "720", [["GUIA", "JMX101000000001", "VALOR", "40.000", "USD", "NOMBRE", "ANA", "LUNA"]]),
        (
            "002",
            "COJIN",
            "360",
            [["GUIA", "JMX101000000002", "VALOR", "20.000", "USD", "NOMBRE", "LUIS"], ["RFC-CURP"]],
        ),
    )
    for seq, description, value, observation in guias:
        rows += [
            [(24, seq), (44, "99010001"), (92, "00"), (120, "0"), (146, "1"), (186, "6"), (206, "1.000"), (280, "6")]
            + [(300, "1.00000"), (372, "CHN"), (402, "CHN")],
            [(44, description)],
            [(44, value), (120, value), (206, value + ".00000")],
            [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")],
        ]
        for k, texts in enumerate(observation):
            row: Row = []
            x = 44.0
            for text in texts:
                row.append((x, text))
                x += 4.2 * len(text) + 5
            if k == len(observation) - 1:
                row += [(x, "RFC-CURP"), (x + 45, "LUGA800101AB1")] if k == 0 else [(x + 45, "LUGA800101AB1")]
            rows.append(row)
    rows.append(_fin("2"))
    b = extract_pedimento(_doc([rows]))
    fields = _fields(b)
    assert fields["importer_exporter_rfc"] == "IMR120315K22"  # not a consignee's
    assert fields["partida_count"] == 2
    lines = _lines(b)
    assert [ln["sequence"] for ln in lines] == [1, 2]
    assert [ln["description"] for ln in lines] == ["TRAJE", "COJIN"]
    assert all((ln["tariff_code"], ln["nico"], ln["umc"], ln["umt"]) == ("99010001", "00", "6", "6") for ln in lines)
    assert [ln["customs_value_mxn"] for ln in lines] == [720, 360]
    assert [ln["unit_price"] for ln in lines] == [720.0, 360.0]
    assert not _review(b)


def test_a_blocks_tail_carried_over_to_the_next_page_is_no_description() -> None:
    # the same notes as the first test: 53 blocks over 9 pages, each page closed by the agente aduanal's footer;
    # a block's NS:, LOTE: and FACTURA lines may fall on the next page, under the repeated page header
    obs: Row = [(44, "OBSERVACIONES"), (110, "A"), (120, "NIVEL"), (150, "PARTIDA")]

    def block(seq: str, fraccion: str, description: str, tail: list[Row]) -> list[Row]:
        first = _first_line(seq, fraccion, "00", "6", "1,500", "3.000", "2880")
        return _noted_block(first, description, [(44, "18,000"), (120, "18,000"), (206, "12.00000")], tail)

    page1 = HEADER + COLUMNS
    page1 += block("1", "85411001", "DIODOS", [[(44, "NP:"), (62, "DIO-4148-T")], obs])
    page1 += block("2", "85322401", "CAPACITORES", [[(44, "ACME")]])
    page1 += [[(24, "AGENTE"), (56, "ADUANAL,"), (96, "AGENCIA"), (130, "ADUANAL")]]
    page2 = [
        [(24, "ANEXO"), (54, "DEL"), (72, "PEDIMENTO"), (400, "Página"), (432, "2"), (440, "de"), (452, "2")],
        [(24, "NUM."), (46, "PEDIMENTO:"), (100, "25"), (112, "24"), (124, "3210"), (150, "5000321")],
        *COLUMNS[1:],
        [(44, "NS:"), (62, "BX000925072917115")],
        [(44, "LOTE:"), (70, "000925072900327")],
        [(44, "FACTURA"), (84, "FX-2025-0117"), (144, "PARTIDA"), (180, "2")],
        obs,
    ]
    page2 += block("3", "85423999", "CIRCUITOS", [[(44, "NP:"), (62, "IC-555-SMD")], obs])
    page2.append(_fin("3"))
    b = extract_pedimento(_doc([page1, page2]))
    lines = _lines(b)
    assert [ln["sequence"] for ln in lines] == [1, 2, 3]
    assert [ln["description"] for ln in lines] == ["DIODOS", "CAPACITORES", "CIRCUITOS"]
    assert all((ln["customs_value_mxn"], ln["unit_price"]) == (18000, 12.0) for ln in lines)
    assert not _review(b)
