"""Generic rules of the pedimento reader, each on a short text layer of its own: a partidas header printed without
a SEC label or broken mid-word over lines, a five-decimal unit price that is not a contribution, a unit price
run into the precio pagado, values centred under ruled cells, and a label run into its figure.
"""

from __future__ import annotations

from extractors.layout import Cell, Record, find_labels, find_value, layouts, parse_date
from extractors.pedimento import extract_pedimento
from extractors.pedimento.partidas import _is_contribution
from extractors.pedimento.run_together import split_prices
from extractors.text import Word
from tests.unit.pedimento_rows import Row
from tests.unit.pedimento_rows import document as _doc
from tests.unit.pedimento_rows import page as _page
from tests.unit.pedimento_rows import read_lines as _lines

FIN: Row = [(24, "****"), (64, "FIN"), (80, "DE"), (94, "PEDIMENTO"), (140, "****"), (160, "NUM.")]
FIN += [(182, "TOTAL"), (208, "DE"), (220, "PARTIDAS:"), (262, "1"), (280, "****")]

# A bordered partidas header whose first (SEC) cell has no label, values row VAL. ADU | PRECIO UNIT. | IMP. PRECIO
# PAG. | VAL. AGREG.
CELLS_HEADER: list[Row] = [
    [(43, "FRACCION"), (90, "SUBD."), (119, "VINC."), (144, "MET."), (162, "VAL"), (185, "UMC"), (207, "CANTIDAD")]
    + [(242, "UMC"), (273, "UMT"), (294, "CANTIDAD"), (330, "UMT"), (360, "P."), (370, "V/C"), (391, "P.")]
    + [(401, "O/D")],
    [(43, "DESCRIPCION")],
    [(43, "VAL."), (62, "ADU/USD"), (131, "PRECIO"), (158, "UNIT."), (189, "IMP."), (207, "PRECIO"), (234, "PAG.")]
    + [(286, "VAL."), (303, "AGREG.")],
]


def _cells_partida(values: Row) -> list[Row]:
    return [
        [(30, "1"), (43, "85322499"), (90, "00"), (119, "0"), (144, "1"), (185, "6"), (232, "114.000"), (273, "6")]
        + [(319, "114.000"), (360, "JPN"), (391, "USA")],
        [(43, "CAPACITOR"), (86, "CERAMICO")],
        [(185, "IVA"), (199, "16.00000"), (236, "1"), (242, "0"), (248, "7")],
        values,
    ]


def test_a_partidas_header_without_a_sec_label_still_heads_the_partidas() -> None:
    doc = _doc(CELLS_HEADER + _cells_partida([(43, "46"), (131, "0.39474"), (189, "45"), (286, "0")]) + [FIN])
    lines = _lines(extract_pedimento(doc))
    assert lines == [
        {
            "sequence": 1,
            "tariff_code": "85322499",
            "nico": "00",
            "umc": "6",
            "umc_quantity": 114.0,
            "umt": "6",
            "umt_quantity": 114.0,
            "seller_buyer_country": "JPN",
            "origin_destination_country": "USA",
            "description": "CAPACITOR CERAMICO",
            "customs_value_mxn": 46.0,
            "unit_price": 0.39474,
            "paid_price_mxn": 45.0,
            "value_added": 0.0,
        }
    ]


def test_a_values_row_with_a_five_decimal_unit_price_is_not_a_contribution() -> None:
    assert not _is_contribution(["46", "0.39474", "45", "0"])
    assert _is_contribution(["IVA", "16.00000", "1", "0", "7"])
    assert _is_contribution(["IG!", "0.0000", "1", "0:0"])  # an OCR'd code is still a code
    assert _is_contribution(["IG!", "0.00000", "100"])  # T.T., F.P. and importe run together after a code
    assert not _is_contribution(["46", "0.39474", "45"])


def test_a_values_row_opening_with_a_contribution_code_figure_is_still_values() -> None:
    """202 is a contribution's code, and also a valor aduana: followed by no rate, it is the value."""
    doc = _doc(CELLS_HEADER + _cells_partida([(43, "202"), (131, "1.72807"), (189, "197"), (286, "0")]) + [FIN])
    line = _lines(extract_pedimento(doc))[0]
    assert (line["customs_value_mxn"], line["unit_price"], line["paid_price_mxn"]) == (202.0, 1.72807, 197.0)


def test_a_unit_price_run_into_the_precio_pagado_is_split_where_the_arithmetic_agrees() -> None:
    doc = _doc(CELLS_HEADER + _cells_partida([(43, "46"), (160, "0.39474045"), (286, "0")]) + [FIN])
    line = _lines(extract_pedimento(doc))[0]
    assert (line["unit_price"], line["paid_price_mxn"]) == (0.39474, 45.0)


def _record(text: str, key: str, qty: str) -> Record:
    word = Word(text, 150, 40, 150 + 4.2 * len(text), 47, 1.0)
    return Record(
        cells={key: Cell([word], 1), "umc_quantity": Cell([Word(qty, 60, 40, 90, 47, 1.0)], 1)},
        page=1,
    )


def test_run_together_prices_with_thousands_are_split_and_others_are_left_alone() -> None:
    record = _record("43.43413705,544", "paid_price_mxn", "16,244.000")
    split_prices(record)
    assert (record.text("unit_price"), record.text("paid_price_mxn")) == ("43.43413", "705,544")
    # a system that prints the precio pagado first: "538" run into "0.76420"
    record = _record("5380.76420", "paid_price_mxn", "704.000")
    split_prices(record)
    assert (record.text("unit_price"), record.text("paid_price_mxn")) == ("0.76420", "538")
    # the precio pagado is pesos or pesos and cents: "1" and "7.33333208" is no reading of "17.33333208"
    record = _record("17.33333208", "unit_price", "12.000")
    split_prices(record)
    assert (record.text("unit_price"), record.text("paid_price_mxn")) == ("17.33333", "208")
    # a figure with many decimals that no cut makes agree with the quantity stays whole
    record = _record("12.3456789", "unit_price", "10.000")
    split_prices(record)
    assert (record.text("unit_price"), record.text("paid_price_mxn")) == ("12.3456789", "")


# A partidas header broken mid-word over two lines ("SUBD. / N" over "ICO", "IDENTIFICAC-" over "IÓN COMERCIAL",
# "MET." over "VAL."), then the DESCRIPCION and the values rows.
BROKEN_HEADER: list[Row] = [
    [(24, "SEC"), (46, "FRACCION"), (94, "SUBD."), (117, "/"), (122, "N"), (137, "VINC."), (163, "MET.")]
    + [(189, "UMC"), (212, "CANTIDAD"), (251, "UMC"), (278, "UMT"), (300, "CANTIDAD"), (340, "UMT"), (366, "P.")]
    + [(376, "V/C"), (399, "P."), (409, "O/D"), (431, "NUM."), (451, "IDENTIFICAC-")],
    [(94, "ICO"), (163, "VAL."), (431, "IÓN"), (446, "COMERCIAL")],
    [(46, "DESCRIPCION")],
    [(46, "VAL."), (64, "ADU"), (81, "/"), (85, "USD"), (135, "IMP."), (152, "PRECIO"), (181, "PAG."), (221, "PRECIO")]
    + [(250, "UNIT."), (302, "VAL."), (320, "AGREG.")],
]


def test_a_header_broken_mid_word_over_lines_keeps_its_lower_rows() -> None:
    partida: list[Row] = [
        [(24, "1"), (46, "85322499"), (94, "00"), (137, "0"), (163, "1"), (189, "6"), (244, "704.000"), (278, "6")]
        + [(332, "704.000"), (366, "CHN"), (399, "CHN")],
        [(46, "CAPACITOR"), (91, "CERAMICO")],
        [(189, "IVA"), (204, "16.00000"), (238, "1"), (244, "0"), (250, "86")],
        [(46, "540"), (135, "538"), (221, "0.76420"), (302, "0")],
        [(48, "IDENTIF."), (104, "COMPLEMENTO"), (167, "1")],
        [(48, "MA")],
    ]
    line = _lines(extract_pedimento(_doc(BROKEN_HEADER + partida + [FIN])))[0]
    assert line["description"] == "CAPACITOR CERAMICO"
    assert (line["customs_value_mxn"], line["paid_price_mxn"], line["unit_price"]) == (540.0, 538.0, 0.7642)
    assert (line["nico"], line["umc_quantity"], line["origin_destination_country"]) == ("00", 704.0, "CHN")


def test_observations_right_under_a_repeated_header_are_not_header() -> None:
    """OBSERVACIONES A NIVEL PARTIDA names a column the header has (PARTIDA) elsewhere: it closes the partida
    carried over from the page before, and its FACT line is not description."""
    first = BROKEN_HEADER + [
        [(24, "1"), (46, "85322499"), (94, "00"), (137, "0"), (163, "1"), (189, "6"), (244, "704.000"), (278, "6")]
        + [(332, "704.000"), (366, "CHN"), (399, "CHN")],
        [(46, "LAMINA"), (80, "DE"), (94, "ALUMINIO")],
        [(46, "540"), (135, "538"), (221, "0.76420"), (302, "0")],
    ]
    second = BROKEN_HEADER + [
        [(48, "OBSERVACIONES"), (115, "A"), (122, "NIVEL"), (148, "PARTIDA")],
        [(48, "FACT"), (70, "INV-2025-79148"), (127, "N.P."), (143, "S/N"), (158, "CANT."), (183, "704")],
        FIN,
    ]
    lines = _lines(extract_pedimento(_doc(first, second)))
    assert [line["description"] for line in lines] == ["LAMINA DE ALUMINIO"]


def test_a_value_centred_in_a_ruled_cell_belongs_to_its_own_label() -> None:
    """SALIDA's value, centred in its cell, ends before VALOR DOLARES begins: it is not the dollars' value."""
    doc = _doc(
        [
            [(26, "ENTRADA/SALIDA:"), (95, "ARRIBO:"), (150, "SALIDA:"), (205, "VALOR"), (228, "DOLARES:")],
            [(86, "4"), (141, "4"), (196, "4"), (296, "2.54")],
        ]
    )
    assert extract_pedimento(doc).fields["usd_value"]["value"] == 2.54


def test_a_label_run_into_its_figure_is_still_its_label() -> None:
    lay = layouts([_page(1, [[(24, "FECHAS"), (84, "PRESENTACION16/11/2024"), (224, "PAGO"), (264, "19/11/2024")]])])
    labels = {"presentation_date": ["PRESENTACION"], "payment_date": ["PAGO"]}
    hits = find_labels(lay[0], labels)
    found = find_value(lay, hits, "presentation_date", parse_date)
    assert found is not None and found.value == "2024-11-16"
    # a header label broken at its slash, the word glued ("SUBD./N" over "ICO")
    lay = layouts([_page(1, [[(94, "SUBD./N"), (137, "VINC.")]])])
    assert [h.key for h in find_labels(lay[0], {"nico": ["SUBD."], "vinc": ["VINC."]})] == ["nico", "vinc"]
    # a value that merely holds a label's letters before a digit is no label
    lay = layouts([_page(1, [[(24, "#"), (40, "invoice_number_1")]])])
    assert find_labels(lay[0], {"invoice_number": ["INVOICE NUMBER"]}) == []


def test_observations_under_a_header_without_sec_are_not_header() -> None:
    """With no SEC label, PARTIDA in OBSERVACIONES A NIVEL PARTIDA would be a new column: the line is no header
    (OBSERVACIONES and NIVEL are in no column label), and the next partida's SEC stays the anchor."""
    first = CELLS_HEADER + _cells_partida([(43, "46"), (131, "0.39474"), (189, "45"), (286, "0")])
    second = CELLS_HEADER + [
        [(48, "OBSERVACIONES"), (106, "A"), (112, "NIVEL"), (134, "PARTIDA")],
        [(48, "Fact(Item)"), (77, "F168685(1)(N.P."), (150, "P66194-84)"), (203, "114.000")],
    ]
    second += [
        [(30, "2"), *row[1:]] if k == 0 else row
        for k, row in enumerate(_cells_partida([(43, "46"), (131, "0.39474"), (189, "45"), (286, "0")]))
    ]
    lines = _lines(extract_pedimento(_doc(first, second + [FIN])))
    assert [(line["sequence"], line["description"]) for line in lines] == [
        (1, "CAPACITOR CERAMICO"),
        (2, "CAPACITOR CERAMICO"),
    ]


def test_a_partida_whose_values_cross_to_a_page_without_a_new_partida_keeps_them() -> None:
    """The SEC-less header repeats on the next page, which holds only the values of the partida carried over."""
    partida = _cells_partida([(43, "46"), (131, "0.39474"), (189, "45"), (286, "0")])
    lines = _lines(extract_pedimento(_doc(CELLS_HEADER + partida[:2], CELLS_HEADER + partida[2:] + [FIN])))
    assert [(line["sequence"], line["customs_value_mxn"], line["paid_price_mxn"]) for line in lines] == [
        (1, 46.0, 45.0)
    ]
