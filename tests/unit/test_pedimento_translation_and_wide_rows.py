"""Two ways a pedimento reaches paper, each rule on a short hand-written text layer: a broker's courtesy translation
captioned in English (classified as a pedimento, its English captions, dates month first, units spelled out), and
a wide row per partida under a FECHAS block that prints every date the system holds, beside a bank's stamp.
"""

from __future__ import annotations

from extractors.classify import classify_text
from extractors.entities import find_entities
from extractors.pedimento import extract_pedimento
from extractors.pedimento.units import parse_unit_name, unit_code
from tests.unit.pedimento_rows import LANDSCAPE, Row, cell
from tests.unit.pedimento_rows import document as _doc
from tests.unit.pedimento_rows import read_lines as _lines

TRANSLATION = """JUAN PEREZ LOPEZ
Customs broker - Pedimento translation (courtesy copy)
Pedimento (Entry) No. 25 40 3077 5174770
Operation Import  Pedimento key IN  Customs regime ITE  Port of entry (Aduana) 400  Broker license 3077
Exchange rate 17.15180  Gross weight (kg) 5,058.933  Value USD 463,469.84  Customs value MXN 7,949,342
Entry date 06/05/2025  Payment date 06/07/2025  Tax ID (RFC) RUM920419J68  Validation receipt ROVDJM82
Importer/Exporter MAQUILADORA DEL NORTE S.A. DE C.V.
Invoice H4088-14 06/02/2025 FCA USD 153,874.45 COVE COVEFENL16RWR
Line MX Tariff NICO Part No. Description Qty UoM Tariff qty Tariff UoM Seller Orig. Customs value Paid price
1 85369099 99 A50060-17 CONECTOR ELECTRICO 558.000 PIECE 558.000 PIECE USA CHN 8,822 8,787
Total line items: 1  Prevalidator: 030"""

# An English invoice that names customs matters (an exchange rate, the customs value, a tariff number) stays one.
US_INVOICE = """COMMERCIAL INVOICE
Invoice No.: INV-2024-0915  Invoice Date: 09/26/2024  Exchange rate 17.20
Sold to: MAQUILADORA DEL NORTE S.A. DE C.V.  Ship to: Reynosa, Tamps.  Incoterm: FCA Laredo
Part No  Description  Qty  Unit Price  Amount  HTS / MX tariff no.  Customs value
HAR-100  Wire harness  100  10.00  1,000.00  8544.30.02  1,000.00
Subtotal 1,000.00   Total USD 1,000.00"""


def test_a_pedimento_captioned_in_english_is_a_pedimento_and_an_english_invoice_stays_an_invoice() -> None:
    assert classify_text(TRANSLATION, find_entities(TRANSLATION)).doc_type == "pedimento"
    assert classify_text(US_INVOICE, find_entities(US_INVOICE)).doc_type == "commercial_invoice"


def _header_rows(entry: str, payment: str) -> list[Row]:
    label, value = 28.0, 133.0  # each caption in bold, its value a fixed step right of it
    rows = [
        ("Pedimento (Entry) No.", "25 40 3077 5174770"),
        ("Operation", "Import"),
        ("Pedimento key", "IN"),
        ("Customs regime", "ITE"),
        ("Port of entry (Aduana)", "400"),
        ("Broker license", "3077"),
        ("Exchange rate", "17.15180"),
        ("Gross weight (kg)", "5,058.933"),
        ("Value USD", "463,469.84"),
        ("Customs value MXN", "7,949,342"),
        ("Commercial value MXN", "7,917,672"),
        ("Entry date", entry),
        ("Payment date", payment),
        ("Tax ID (RFC)", "RUM920419J68"),
        ("IMMEX program", "8525-2016"),
        ("Importer/Exporter", "MAQUILADORA DEL NORTE S.A. DE C.V."),
    ]
    return [cell(label, *caption.split()) + cell(value, *text.split()) for caption, text in rows]


def test_an_english_translations_captions_read_its_header_and_its_dates_month_first() -> None:
    fields = extract_pedimento(_doc(_header_rows("06/05/2025", "06/07/2025"), size=LANDSCAPE)).fields
    values = {name: cell["value"] for name, cell in fields.items()}
    assert values == {
        "pedimento_number": "254030775174770",
        "operation_type": "IMP",
        "clave": "IN",
        "regimen": "ITE",
        "customs_office": "400",
        "patente": "3077",
        "exchange_rate": 17.1518,
        "gross_weight_kg": 5058.933,
        "usd_value": 463469.84,
        "customs_value_mxn": 7949342,
        "commercial_value_mxn": 7917672,
        "entry_date": "2025-06-05",
        "payment_date": "2025-06-07",
        "importer_exporter_rfc": "RUM920419J68",
        "immex_program": "8525-2016",
        "importer_exporter_name": "MAQUILADORA DEL NORTE S.A. DE C.V.",
    }


def test_an_english_caption_does_not_turn_a_date_that_can_only_be_day_first() -> None:
    fields = extract_pedimento(_doc(_header_rows("13/05/2025", "06/07/2025"), size=LANDSCAPE)).fields
    assert fields["entry_date"]["value"] == "2025-05-13"
    assert fields["payment_date"]["value"] == "2025-07-06"


def test_a_unit_spelled_out_is_its_appendix_7_code() -> None:
    names = ("PIECE", "KILO", "Metro lineal", "PIEZAS", "METER")
    assert [unit_code(name) for name in names] == ["6", "1", "3", "6", "3"]
    assert unit_code("CABLE ELECTRICO") is None and unit_code("6") is None
    assert parse_unit_name(" PIECE") == ("6", (1, 6))


# figures right-aligned under their right-aligned captions, as the translation prints them
TRANSLATION_TABLE: list[Row] = [
    cell(28, "Line")
    + cell(50, "MX", "Tariff")
    + cell(94, "NICO")
    + cell(116, "Part", "No.")
    + cell(178, "Description")
    + cell(400, "Qty")
    + cell(418, "UoM")
    + cell(446, "Tariff", "qty")
    + cell(494, "Tariff", "UoM")
    + cell(540, "Seller")
    + cell(572, "Orig.")
    + cell(600, "Customs", "value")
    + cell(670, "Paid", "price"),
    cell(28, "1")
    + cell(50, "85444999")
    + cell(94, "99")
    + cell(116, "PN90812-05")
    + cell(178, "CABLE", "ELECTRICO", "AISLADO")
    + cell(374, "1,484.012")
    + cell(418, "METER")
    + cell(456, "74.201")
    + cell(494, "KILO")
    + cell(540, "USA")
    + cell(572, "CHN")
    + cell(630, "41,757")
    + cell(684, "41,591"),
    cell(28, "Total", "line", "items:", "1") + cell(250, "Prevalidator:", "030"),
]


def test_an_english_translations_partidas_read_under_their_english_columns_with_units_spelled_out() -> None:
    builder = extract_pedimento(_doc(TRANSLATION_TABLE, size=LANDSCAPE))
    assert _lines(builder) == [
        {
            "sequence": 1,
            "tariff_code": "85444999",
            "nico": "99",
            "part_number": "PN90812-05",
            "description": "CABLE ELECTRICO AISLADO",
            "umc": "3",
            "umc_quantity": 1484.012,
            "umt": "1",
            "umt_quantity": 74.201,
            "seller_buyer_country": "USA",
            "origin_destination_country": "CHN",
            "customs_value_mxn": 41757.0,
            "paid_price_mxn": 41591.0,
        }
    ]
    assert builder.fields["partida_count"]["value"] == 1


def _fechas(export: bool) -> list[Row]:
    """A FECHAS block at the right that prints every date the system holds, the bank's stamp in the column left
    of it on the line of one of them."""
    operation = "EXP" if export else "IMP"
    dates = [("PRESENTACION", "12/02/2025")] + ([] if export else [("ENTRADA", "13/02/2025")])
    dates += [("PAGO", "14/02/2025"), ("EXTRACCION", "15/02/2025")]
    rows: list[Row] = [cell(24, "NUM.", "PEDIMENTO:", "25", "16", "1509", "5226758") + cell(254, "T.OPER:", operation)]
    rows.append(cell(24, "REGIMEN:", "ITE") + cell(404, "ADUANA", "E/S:") + cell(598, "FECHAS"))
    for k, (label, when) in enumerate(dates):
        row = cell(618, label) + cell(680, when)
        if k == 0:
            row = cell(424, "160") + row
        if label == "PAGO":
            row = cell(404, "***PAGO", "ELECTRONICO***") + row
        rows.append(row)
    return rows


def test_a_payment_stamps_banner_is_no_label_and_an_imports_presentation_date_is_not_kept() -> None:
    fields = extract_pedimento(_doc(_fechas(export=False), size=LANDSCAPE)).fields
    dates = {name: fields[name]["value"] for name in ("entry_date", "payment_date") if name in fields}
    assert dates == {"entry_date": "2025-02-13", "payment_date": "2025-02-14"}
    assert "presentation_date" not in fields
    export = extract_pedimento(_doc(_fechas(export=True), size=LANDSCAPE)).fields
    assert export["presentation_date"]["value"] == "2025-02-12"
    assert export["payment_date"]["value"] == "2025-02-14"


WIDE_HEADER: list[Row] = [
    cell(24, "SEC")
    + cell(46, "FRACCION")
    + cell(102, "VINC")
    + cell(124, "MET")
    + cell(144, "UMC")
    + cell(190, "CANT.", "UMC")
    + cell(234, "UMT")
    + cell(280, "CANT.", "UMT")
    + cell(324, "P.V/C")
    + cell(354, "P.O/D")
    + cell(410, "VAL.", "ADUANA"),
    cell(46, "DESCRIPCION", "/", "CODIGO", "PRODUCTO"),
]
# One partida's wide row under ``WIDE_HEADER``: its codes, quantities, countries and customs value on one line.
WIDE_ROW: Row = (
    cell(24, "1")
    + cell(46, "8544300200")
    + cell(102, "0")
    + cell(124, "1")
    + cell(144, "6")
    + cell(200, "533.000")
    + cell(234, "6")
    + cell(290, "533.000")
    + cell(324, "USA")
    + cell(354, "USA")
    + cell(420, "17,371")
)


def test_a_product_code_line_under_the_description_is_not_part_of_it() -> None:
    rows = WIDE_HEADER + [
        WIDE_ROW,
        cell(46, "ARNES", "ELECTRICO", "PARA", "VEHICULO"),
        cell(46, "CODIGO", "PRODUCTO:", "PN37687-78"),
    ]
    lines = _lines(extract_pedimento(_doc(rows, size=LANDSCAPE)))
    assert [(line["description"], line.get("part_number")) for line in lines] == [
        ("ARNES ELECTRICO PARA VEHICULO", "PN37687-78")
    ]


def test_a_scanned_partidas_figures_and_units_read_through_ocrs_marks() -> None:
    """What a scan does to a partida's cells: a decimal point read as a comma before five decimals
    (``1198,22418``), a thousands comma read as a semicolon (``42;568.000``), a dash before a unit's name
    (``-PIECE``), a mark before the description and a point for the space between two words of it."""
    from extractors.pedimento.partidas import PARTIDA_PARSERS, _ocr_description

    assert PARTIDA_PARSERS["unit_price"]("1198,22418")[0] == 1198.22418
    assert PARTIDA_PARSERS["unit_price"]("120,90000")[0] == 120.9
    assert PARTIDA_PARSERS["paid_price_mxn"]("359,712")[0] == 359712.0  # a thousands group stays one
    assert PARTIDA_PARSERS["umc_quantity"]("42;568.000")[0] == 42568.0
    assert PARTIDA_PARSERS["umc"]("-PIECE")[0] == "6"
    assert _ocr_description("¡ARNES ELECTRICO PARA VEHICULO.AUTOMOTOR") == "ARNES ELECTRICO PARA VEHICULO AUTOMOTOR"
    assert _ocr_description("CONECTOR S.A. NO.5") == "CONECTOR S.A. NO.5"


def test_a_scanned_headers_lost_mx_and_ocrs_umg_still_name_their_columns() -> None:
    """OCR may drop a short word it doubts (``MX`` of ``MX Tariff``) and read UMC's C as G: ``Tariff`` alone heads
    the fracción, ``UMG`` the UMC."""
    from extractors.layout import find_labels, layouts
    from extractors.pedimento.partidas import PARTIDA_SPEC

    rows: list[Row] = [
        cell(28, "Line") + cell(62, "Tariff") + cell(94, "NICO") + cell(418, "UoM") + cell(456, "Tariff", "qty")
    ]
    rows.append(cell(24, "SEC") + cell(46, "FRACCION") + cell(144, ".UMG") + cell(188, "CANT.UMC"))
    lay = layouts(_doc(rows, size=LANDSCAPE).pages)[0]
    keys = [hit.key for hit in find_labels(lay, PARTIDA_SPEC.columns)]
    assert keys == [
        "sequence",
        "tariff_code",
        "nico",
        "umc",
        "umt_quantity",
        "sequence",
        "tariff_code",
        "umc",
        "umc_quantity",
    ]


def test_fin_set_apart_from_its_line_by_ocr_is_no_word_of_the_last_description() -> None:
    rows = WIDE_HEADER + [
        WIDE_ROW,
        cell(46, "ARNES", "ELECTRICO"),
        cell(269, "FIN"),
        cell(239, "sere") + cell(279, "DE", "PEDIMENTO") + cell(350, "NUM.", "TOTAL", "DE", "PARTIDAS:", "1"),
    ]
    builder = extract_pedimento(_doc(rows, size=LANDSCAPE))
    assert [line["description"] for line in _lines(builder)] == ["ARNES ELECTRICO"]
    assert builder.fields["partida_count"]["value"] == 1


def test_an_english_translations_invoice_line_gives_the_invoice_number_not_its_date_or_amount() -> None:
    rows = _header_rows("06/05/2025", "06/07/2025") + [
        cell(28.0, "Invoice") + cell(133.0, *["9171497", "07/09/2025", "EXW", "USD", "1,939,427.41"]),
        cell(28.0, "Invoices") + cell(133.0, *["A-77,", "B-78", "06/30/2025", "USD", "10022.000"]),
    ]
    builder = extract_pedimento(_doc(rows, size=LANDSCAPE))
    invoices = [ref["value"] for ref in builder.references if ref["kind"] == "invoice"]
    assert invoices == ["9171497", "A-77", "B-78"]
