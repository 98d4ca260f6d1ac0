"""Partidas printed as records of self-labelled values (no column header: ``SEC 1  FRACC. 85423999  NICO 99 …``),
and a pedimento as an inventory-control system prints it: the company's name as letterhead, a title ending in
``de entrada`` over a report's cut-off date, the number run together in a parameters line and keyed as patente and
sequence, ``N/A`` for a field it lacks, a ``P. unitario`` column, units by abbreviation and a totals row."""

from __future__ import annotations

from extractors.entities import find_entities
from extractors.pedimento import extract_pedimento
from extractors.result import ResultBuilder
from extractors.review_agreement import agreement_checks
from tests.unit.pedimento_rows import LANDSCAPE, Row, document
from tests.unit.pedimento_rows import cell as _cell
from tests.unit.pedimento_rows import read_lines as _lines

DASHES: Row = [(30 + 2.5 * k, "-") for k in range(40)]


def _record(seq: str, tariff: str, nico: str, desc: list[str], values: list[str], code: str) -> list[Row]:
    return [
        [(34, "SEC"), (51, seq), (69, "FRACC."), (97, tariff), (142, "NICO"), (162, nico), (183, "UMC"), (203, "6")]
        + _cell(223, "CANT.", "UMC")
        + [(260, "120.000"), (300, "P.V/C"), (328, "CHN"), (350, "P.O/D"), (378, "USA")],
        [(34, "DESC.:"), *_cell(70, *desc)],
        _cell(34, "VAL.", "ADU.")
        + [(71, values[0])]
        + _cell(110, "IMP.", "PRECIO", "PAG.")
        + [(175, values[1])]
        + _cell(210, "PRECIO", "UNIT.")
        + [(255, values[2])]
        + _cell(300, "VAL.", "AGREG.")
        + [(345, "0")],
        _cell(34, "CODIGO", "PRODUCTO:") + [(108, code), (160, "MARCA:"), (190, "S/M")],
        DASHES,
    ]


def test_records_of_self_labelled_values_are_the_partidas() -> None:
    rows: list[Row] = [_cell(34, "PARTIDAS")]
    rows += _record("1", "85423999", "99", ["CIRCUITO", "INTEGRADO"], ["27878", "27878", "232.31667"], "P14263-46")
    rows += _record("2", "48191001", "00", ["CAJA", "DE", "CARTON"], ["5407", "5407", "45.05833"], "P50926-26")
    rows.append(_cell(156, "***", "FIN", "DE", "PEDIMENTO", "***", "NUM.", "TOTAL", "DE", "PARTIDAS:", "2"))
    lines = _lines(extract_pedimento(document(rows)))
    assert [line["sequence"] for line in lines] == [1, 2]
    first = lines[0]
    assert first["tariff_code"] == "85423999" and first["nico"] == "99"
    assert first["description"] == "CIRCUITO INTEGRADO"
    assert first["customs_value_mxn"] == 27878 and first["paid_price_mxn"] == 27878
    assert first["unit_price"] == 232.31667 and first["value_added"] == 0
    assert first["origin_destination_country"] == "USA" and first["part_number"] == "P14263-46"
    assert lines[1]["description"] == "CAJA DE CARTON" and lines[1]["nico"] == "00"


HEADER: list[Row] = [
    _cell(24, "ENSAMBLES", "DEL", "NORTE", "S.A.", "DE", "C.V.")
    + _cell(614, "Detalle", "de", "pedimento", "de", "entrada"),
    _cell(24, "Sistema", "de", "Inventarios")
    + _cell(540, "Pedimento", "=", "254334445055902", "|", "Fecha", "de", "corte:")
    + [(735, "22/11/2025")],
    [
        *_cell(24, "Patente-Pedimento:"),
        (116, "3444-5055902"),
        *_cell(274, "Fecha", "de", "entrada:"),
        (366, "31/07/2025"),
    ],
    [*_cell(24, "Aduana-Sección:"), (116, "430"), *_cell(274, "Fecha", "de", "pago:"), (366, "31/07/2025")],
    [*_cell(24, "Tipo", "de", "operación:"), (116, "Importación"), *_cell(274, "Partidas:"), (366, "2")],
    [*_cell(24, "Programa", "IMMEX:"), (116, "N/A"), *_cell(274, "Facturas:"), (366, "B227-44")],
]
COLUMNS: Row = (
    [(20, "Sec"), *_cell(40, "No.", "Parte"), (100, "Descripción"), (200, "Fracción"), (245, "NICO")]
    + [*_cell(270, "Cant.", "UMC"), (320, "UMC"), *_cell(345, "Cant.", "UMT"), (395, "UMT")]
    + [(420, "P.V/C"), (448, "P.O/D"), *_cell(476, "Val.", "aduana"), *_cell(530, "Precio", "pagado")]
    + [*_cell(596, "P.", "unitario"), *_cell(650, "Val.", "agregado"), (712, "Estatus")]
)
ROWS: list[Row] = [
    [(20, "1"), (40, "MX93192-12"), *_cell(100, "Cable", "Electrico"), (200, "85444999"), (245, "99")]
    + [(270, "1,529.634"), (320, "MTS"), (345, "76.482"), (395, "KG"), (420, "CHN"), (448, "USA")]
    + [(490, "48,327"), (545, "248,134"), (600, "31.46766"), (670, "0"), (712, "Definitiva")],
    [(20, "2"), (40, "PN30880-31"), *_cell(100, "Conector", "Electrico"), (200, "85369099"), (245, "99")]
    + [(270, "17,879.000"), (320, "PZA"), (345, "17,879.000"), (395, "PZA"), (420, "USA"), (448, "DEU")]
    + [(486, "244,846"), (545, "238,874"), (600, "13.36059"), (670, "0"), (712, "Definitiva")],
    [*_cell(100, "Totales", "del", "pedimento"), (486, "293,173"), (545, "487,008")],
    [*_cell(20, "Total", "de", "partidas:"), (83, "2"), *_cell(224, "Agente", "aduanal:", "JUAN", "GARZA")],
]


def test_an_inventory_systems_printout_of_a_pedimento() -> None:
    builder = extract_pedimento(document(HEADER + [COLUMNS] + ROWS, size=LANDSCAPE))
    fields = {name: cell["value"] for name, cell in builder.fields.items()}
    # the title's ``de entrada`` is no label of the entry date: the cut-off date under it is not taken
    assert fields["entry_date"] == "2025-07-31"
    # the letterhead names the company whose system it is
    assert fields["importer_exporter_name"] == "ENSAMBLES DEL NORTE S.A. DE C.V."
    # N/A: no program, and the invoice further along its line is not read as one
    assert "immex_program" not in fields
    # the number read unlabelled agrees with its keyed split: believed as a labelled one
    assert fields["pedimento_number"] == "254334445055902"
    assert builder.fields["pedimento_number"]["confidence"] >= 0.85
    assert fields["patente"] == "3444"
    lines = _lines(builder)
    assert [line["umc"] for line in lines] == ["3", "6"]
    assert lines[0]["description"] == "Cable Electrico"  # the totals row is no description's
    assert [line["unit_price"] for line in lines] == [31.46766, 13.36059]
    assert [line["paid_price_mxn"] for line in lines] == [248134, 238874]
    assert [line["value_added"] for line in lines] == [0, 0]


def test_a_reports_cut_off_date_is_no_unread_date() -> None:
    text = "Pedimento = 254334445055902 | Fecha de corte: 22/11/2025\nFecha de entrada: 31/07/2025\n"
    builder = ResultBuilder()
    builder.set("pedimento_number", "254334445055902", 0.95)
    builder.set("entry_date", "2025-07-31", 0.95)
    agreement_checks("pedimento", builder, {1: find_entities(text)}, {1: text})
    assert builder.warnings == []
