"""B/L rules for containers broken down by purchase order (each order's packages and kilograms under its
container, a total closing the container) and for a Carta Porte printout of a multi-stop run (the Serie-Folio
beside the CFDI's own identifiers, the parties in the remarks, the packages unloaded at each stop under the
goods)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.bill_of_lading import extract_bill_of_lading
from extractors.review_agreement import unread_table_rows
from extractors.text import DocumentText
from tests.unit.test_bl_shapes import page_from, read

HEAD = "Container No. / Seal No.       No. of Pkgs  Description of Goods       Gross Weight KGS  Measurement CBM"
BROKEN_DOWN = [
    (30, "B/L No.: MAEU414442595"),
    (30, HEAD),
    (30, "                                            SAID TO CONTAIN:"),
    (30, "                                            CIRCUITO INTEGRADO MONOLITICO"),
    (30, "MSCU1234565 / SEAL ML-1234567 / 40'HC"),
    (30, "                                  CTNS      PO NO."),
    (30, "                               12 CTNS      4522695401                      4,270.200   2.226"),
    (30, "                               14 CTNS      PO-86861913                     4,762.900   1.733"),
    (30, "                               26 CTNS      CONTAINER TOTAL MSCU1234565     9,033.100   3.959"),
    (30, "TGHU0646554 / SEAL EU1197712 / 20'DV"),
    (30, "                                  CTNS      PO NO."),
    (30, "                                5 CTNS      4522695401                      1,500.000   0.500"),
    (30, "                                5 CTNS      CONTAINER TOTAL TGHU0646554     1,500.000   0.500"),
    (30, "                               31 CTNS      GRAND TOTAL: 2 CONTAINER(S)    10,533.100   4.459"),
    (30, "                                            SAY: THIRTY-ONE (31) CTNS ONLY"),
]


def test_a_container_broken_down_by_order_is_read_from_its_total() -> None:
    found = read(BROKEN_DOWN)
    assert [(ln["container_number"], ln["package_count"], ln["gross_weight_kg"]) for ln in found["lines"]] == [
        ("MSCU1234565", 26, 9033.1),
        ("TGHU0646554", 5, 1500.0),
    ]
    # the orders' numbers and figures are no description: the goods described once are each container's
    assert {ln["description"] for ln in found["lines"]} == {"CIRCUITO INTEGRADO MONOLITICO"}
    assert found["fields"]["package_count"] == 31
    assert found["fields"]["gross_weight_kg"] == 10533.1


def test_the_orders_of_a_broken_down_container_are_references_and_their_rows_are_read() -> None:
    page = page_from(BROKEN_DOWN)
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page]))
    orders = {ref["value"] for ref in builder.references if ref["kind"] == "po"}
    assert {"4522695401", "PO-86861913"} <= orders
    # the orders' rows are parts of a line, no row of the goods table left unread
    assert unread_table_rows(builder, {1: page.text}) == {}


def test_without_a_closing_total_the_container_is_the_sum_of_its_orders() -> None:
    rows = [row for row in BROKEN_DOWN if "CONTAINER TOTAL" not in row[1]]
    found = read(rows)
    assert [(ln["package_count"], ln["gross_weight_kg"]) for ln in found["lines"]] == [(26, 9033.1), (5, 1500.0)]


def test_a_row_of_figures_opening_with_a_count_is_no_caption() -> None:
    """Rows of orders under containers (``18 PKGS  OC-20074439 ... 13,466.100``) are no list of captions and values
    whose rows would hide the labels below them."""
    rows = [
        *BROKEN_DOWN,
        (30, "FREIGHT COLLECT          SHIPPED ON BOARD"),
        (30, "                         02-APR-2025"),
    ]
    assert read(rows)["fields"]["shipped_on_board_date"] == "2025-04-02"


CARTA_PORTE = [
    (30, "LOGISTICA INTEGRAL DEL NORESTE SA DE CV          CFDI DE TRASLADO - COMPLEMENTO CARTA PORTE 3.1"),
    (30, "SCAC: LINR                                                          Serie-Folio: CP-10773"),
    (30, "Folio fiscal: 60D018BB-98AF-F5AE-B0F5-4B41DC154146"),
    (30, "IdCCP: CCC3B77A-9188-CD1C-B120-13C2CBE3334D"),
    (30, "MERCANCIAS"),
    (30, "Bienes transp.  Descripcion                                Cantidad  Clave unidad  Embalaje  Peso en kg"),
    (30, "31162800        CABLE ELECTRICO AISLADO DE COBRE                  2  XPX           XPX       7,663.00"),
    (30, "32101600        CINTA ADHESIVA DE PLASTICO                       21  XPX           XPX       3,052.20"),
    (30, "                Descarga en DE000002: 2 plts 7,663.00 kg"),
    (30, "                Descarga en DE000003: 21 plts 3,052.20 kg"),
    (30, "Peso bruto total: 10,715.20 KGM         Total de bultos: 23 PLTS"),
    (30, "AUTOTRANSPORTE   Remolque: CTR007   Placa UTX71242"),
    (30, "Flete: POR COBRAR    Factura: 9317441    O.C.: 4512236354, 4590268658"),
    (30, "Embarcador: PACIFIC COMPONENTS INC   Recibe: MAQUILADORA DEL NORTE S.A. DE C.V."),
    (30, "Sello digital del CFDI:"),
    (30, "r5XIzLvK4/RVvM3L8MKse8/OfVj1lNZLeyFUThxG3XJNjifY1/OZMYGQ9zQs8iIpEUvmf/Nc12fAqBNgSFR47piKFINAoTzSx"),
]


def test_a_carta_porte_is_numbered_by_its_serie_folio_not_by_the_cfdis_identifiers() -> None:
    assert read(CARTA_PORTE)["fields"]["bl_number"] == "CP-10773"


def test_the_parties_in_a_carta_portes_remarks_beside_their_captions() -> None:
    fields = read(CARTA_PORTE)["fields"]
    assert fields["shipper_name"] == "PACIFIC COMPONENTS INC"
    assert fields["consignee_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."


def test_the_packages_unloaded_at_each_stop_are_no_description() -> None:
    lines = read(CARTA_PORTE)["lines"]
    assert [ln.get("description") for ln in lines] == ["CABLE ELECTRICO AISLADO DE COBRE", "CINTA ADHESIVA DE PLASTICO"]


def test_purchase_orders_after_the_spanish_abbreviation() -> None:
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(CARTA_PORTE)]))
    orders = {ref["value"] for ref in builder.references if ref["kind"] == "po"}
    assert orders == {"4512236354", "4590268658"}


def test_a_small_figure_on_a_totals_row_is_no_weight_in_both_units() -> None:
    """``GRAND TOTAL: 1 CONTAINER(S) ... 2.789``: the count of containers and a volume are no kilograms and
    pounds of one weight."""
    rows = [
        (30, HEAD),
        (30, "MSKU0098361  ML-1234567      33 PLTS     PARTES DE ACERO           5,296.700   2.789"),
        (30, "             GRAND TOTAL: 1 CONTAINER(S)                          5,296.700   2.789"),
    ]
    assert read(rows)["fields"]["gross_weight_kg"] == 5296.7


def test_a_tally_whose_words_a_scan_set_a_point_apart_is_still_no_description() -> None:
    page = page_from(CARTA_PORTE)
    for k, word in enumerate(page.words):
        if word.text in ("plts", "kg", "en"):
            page.words[k] = replace(word, top=word.top + 1.5, bottom=word.bottom + 1.5)
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page]))
    assert [ln["description"]["value"] for ln in builder.lines] == [
        "CABLE ELECTRICO AISLADO DE COBRE",
        "CINTA ADHESIVA DE PLASTICO",
    ]


MOVED = [
    (30, "CFDI DE TRASLADO - COMPLEMENTO CARTA PORTE 3.1     Serie-Folio: CP-56579"),
    (30, "AUTOTRANSPORTE   Remolque: CTR007"),
    (30, "Bienes transp.  Descripcion         Cantidad  Embalaje  Peso en kg  Mat. peligroso  Cantidad transporta"),
    (30, "26121600        CIRCUITO INTEGRADO            XPK       890.00      No              11 OR000001 > DE000002"),
    (30, "Peso bruto total: 890.00 KGM      Total de bultos: 11 BULTOS"),
]


def test_a_count_lost_in_its_column_is_the_quantity_carried_to_the_stops() -> None:
    """A scan lost the count under "Cantidad"; the Carta Porte prints it again as the quantity carried from the
    origin to the stop that takes the whole line."""
    lines = read(MOVED)["lines"]
    assert [(ln.get("description"), ln.get("package_count")) for ln in lines] == [("CIRCUITO INTEGRADO", 11)]


def test_a_digital_seal_a_scan_broke_into_words_is_no_party() -> None:
    rows = [
        (30, "CARTA PORTE   AUTOTRANSPORTE   Remolque: CTR007"),
        (30, "Embarcador: GREAT LAKES WIRE:8 CABLE LLC   Recibe: ARNESES Y COMPONENTES DEL BAJIO'S.A. DE C.V."),
        (30, "Sello digital del CFDI:"),
        (30, "r5XIzLvK4 /RVvM3L8MKse8/O£Vj11NZ ji £Y1/OZMYGQ9zQs8i IpEUvmf /Nc12£AqBNgSFR4 7p iKF INAOT2SxJ qOUn"),
    ]
    fields = read(rows)["fields"]
    # (the apostrophe a scan read in the space before S.A. put back as the space)
    assert fields["consignee_name"] == "ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."
    # (an ampersand a scan read as an 8 with a speck before it)
    assert fields["shipper_name"] == "GREAT LAKES WIRE & CABLE LLC"


def test_a_scans_reading_of_a_number_after_the_carriers_code() -> None:
    """``MAEUS 10628090`` under a label OCR misread ("BIL No."): the carrier's code, then its serial set apart
    with its first digit read as a letter."""
    rows = [
        (30, "MAERSK A/S                    BILL OF LADING"),
        (30, "SCAC: MAEU"),
        (30, "Shipper                       BIL No.           Booking No."),
        (30, "PACIFIC COMPONENTS INC        MAEUS 10628090    688719679"),
        (30, "Vessel / Voyage               Port of Loading"),
        (30, "BERLIN EXPRESS / 485N         YOKOHAMA, JAPAN"),
    ]
    page = page_from(rows)
    page.words[0] = replace(page.words[0], confidence=0.9)  # a scan's words
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page]))
    assert builder.fields["bl_number"]["value"] == "MAEU510628090"
    # in a text layer the letter is printed as such: no number is made of it
    text = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    assert text.fields.get("bl_number", {}).get("value") != "MAEU510628090"


@pytest.mark.parametrize(
    ("printed", "scanned"),
    [("3,052.20 kg", "3,052.20'kg"), ("21 plts", "21 pits"), ("Descarga en DE000003", "Descarga:en DE000003")],
)
def test_a_tally_as_a_scan_reads_it_is_still_no_description(printed: str, scanned: str) -> None:
    rows = [(x, text.replace(printed, scanned)) for x, text in CARTA_PORTE]
    assert [ln.get("description") for ln in read(rows)["lines"]] == [
        "CABLE ELECTRICO AISLADO DE COBRE",
        "CINTA ADHESIVA DE PLASTICO",
    ]


def test_a_name_a_scan_doubted_that_the_document_prints_twice_is_vouched_for() -> None:
    rows = [
        (30, "CARTA PORTE   AUTOTRANSPORTE   Remolque: CTR007"),
        (30, "Origen   OR000001   XEXX010101000   GREAT LAKES WIRE 8 CABLE LLC"),
        (30, "Embarcador: GREAT LAKES WIRE 8 CABLE LLC   Recibe: ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."),
    ]
    page = page_from(rows)
    page.words[:] = [replace(w, confidence=0.5) if w.text in ("WIRE", "8") else w for w in page.words]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [replace(page, source="ocr")]))
    shipper = builder.fields["shipper_name"]
    assert shipper["value"] == "GREAT LAKES WIRE & CABLE LLC"
    assert shipper["confidence"] >= 0.9


def test_a_broken_down_container_as_a_scan_reads_it() -> None:
    """The container read with a character too many (``TGHUS0646554``), and a count glued to its misread kind
    (``26CINS``)."""
    scanned = {
        "TGHU0646554 / SEAL": "TGHUS0646554 / SEAL",
        "26 CTNS      CONTAINER TOTAL": "  26CINS     CONTAINER TOTAL",
    }
    rows = []
    for x, text in BROKEN_DOWN:
        for printed, read_as in scanned.items():
            text = text.replace(printed, read_as)
        rows.append((x, text))
    found = read(rows)
    assert [(ln["container_number"], ln.get("seal_number"), ln["package_count"]) for ln in found["lines"]] == [
        ("MSCU1234565", "ML-1234567", 26),
        ("TGHU0646554", "EU1197712", 5),
    ]
    assert {ln["description"] for ln in found["lines"]} == {"CIRCUITO INTEGRADO MONOLITICO"}


def test_the_goods_described_once_end_at_a_container_a_scan_misread() -> None:
    rows = [(x, text.replace("MSCU1234565", "TCLU5872112")) for x, text in BROKEN_DOWN]
    rows = [(x, text.replace("TCLU5872112 / SEAL", "TCLUS5872112 / SEAL")) for x, text in rows]
    found = read(rows)
    assert [ln["container_number"] for ln in found["lines"]] == ["TCLU5872112", "TGHU0646554"]
    assert found["fields"]["goods_description"] == "CIRCUITO INTEGRADO MONOLITICO"
    assert {ln["description"] for ln in found["lines"]} == {"CIRCUITO INTEGRADO MONOLITICO"}
