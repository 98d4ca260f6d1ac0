"""Round-7 shapes: the verified gross mass declared among a container's particulars, a reference printed beside
a party's name, a carrier's name beside the form's title in smaller type."""

from __future__ import annotations

from extractors.bill_of_lading import (
    _doubtful_order,
    _package_count,
    _party,
    _title_line,
    _title_or_label,
    extract_bill_of_lading,
)
from extractors.bl_blocks import clean_description
from extractors.layout import layouts
from extractors.result import ResultBuilder
from extractors.text import DocumentText
from tests.unit.test_bl_shapes import page_from, read


def test_the_vgm_declaration_is_no_part_of_the_goods() -> None:
    text = "EMPAQUE DE HULE kgs VGM: 18,671.8 kgs VGM determined by the shipper (SOLAS VI/2)"
    assert clean_description(text) == "EMPAQUE DE HULE"
    assert clean_description("CABLE AISLADO VERIFIED GROSS MASS (KG): 12,000 DECLARED BY SHIPPER") == "CABLE AISLADO"
    assert clean_description("LAMINA DE ALUMINIO ML- SOLAS VI/2") == "LAMINA DE ALUMINIO"
    # the goods' own words stay
    assert clean_description("TORNILLO DE ACERO CON CABEZA, CON ROSCA") == "TORNILLO DE ACERO CON CABEZA, CON ROSCA"


def test_a_reference_beside_the_box_is_no_party() -> None:
    assert _party("PO: 4532430529") is None
    assert _party("P.O. OC-43246624") is None
    assert _party("Invoice No. F933591") is None
    assert _party("1") is None
    assert _party("1 ONEY791858469") is None
    assert _party("3M COMPANY") is not None
    assert _party("J & J") is not None
    assert _party("DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V.") is not None
    assert _party("POLIMEROS DEL NORTE SA DE CV") is not None


def test_the_carrier_name_is_not_run_into_the_smaller_title_beside_it() -> None:
    page = page_from(
        [
            (20, "ACME OCEAN LINES S.A. ~BILL OF LADING FOR COMBINED TRANSPORT"),
            (20, "~SCAC: ACMO"),
            (300, "~PAGE BILL OF LADING No."),
            (20, "~SHIPPER: 1 ACMO123456789"),
            (20, "~SOME EXPORTER LTD"),
            (20, "~CONSIGNEE:"),
            (20, "~SOME IMPORTER SA DE CV"),
        ]
    )
    found = _title_line(layouts([page])[0])
    assert found is not None and found[0] == "ACME OCEAN LINES S.A."


MANIFEST: list[tuple[float, str]] = [
    (20, "ACME CROSSING LLC"),
    (20, "SCAC: ACMX CAAT: 12AB USDOT 1234567"),
    (300, "MANIFIESTO DE CRUCE"),
    (300, "Folio / Manifest No.: ACMX1234567"),
    (300, "Fecha / Date: 07/13/2025"),
    (20, "Tractor / Unit: 485 Placas / Plates: TAM 314-55"),
    (20, "Caja / Trailer: TR21728 Operador / Driver: JOSE LUIS R."),
    (20, "Remitente / Shipper         Destinatario / Consignee      Agente aduanal / Customs broker"),
    (20, "SOME EXPORTER INC           POLIMEROS DEL NORTE S.A. DE   MX: AGENCIA GARZA"),
    (20, "1 Main St, Laredo TX        C.V.                          US: LAREDO BROKERS LLC"),
    (20, "Bultos        Embalaje / Pkg type   Descripcion / Description       Factura / Invoice   Peso bruto kg"),
    (20, "           24 TARIMAS / PALLETS     LAMINA DE ALUMINIO ESPESOR      D9444-11             1,592.6"),
    (20, "            6 CAJAS / BOXES         CABLE DE COBRE AISLADO          D9444-11               407.4"),
    (20, "30 Total bultos / Total pieces     Peso total / Total weight"),
    (20, "                                                                                 2,000.0 KG"),
    (20, "Sellos / Seals: 4254856 / ML-8310843"),
    (20, "Flete / Freight: [X] Prepagado / Prepaid [ ] Por cobrar / Collect"),
]


def test_a_border_crossing_manifest_reads() -> None:
    """Counts right-aligned past their short heading, an invoice column between the goods and the weight, the
    consignee's legal form wrapped under it beside the next box's lines, the total before its label, the seals
    under it (no count), Prepagado checked."""
    read_ = read(MANIFEST)
    fields = read_["fields"]
    assert fields["bl_kind"] == "truck"
    assert fields["consignee_name"] == "POLIMEROS DEL NORTE S.A. DE C.V."
    assert fields["package_count"] == 30
    assert fields["freight_terms"] == "prepaid"
    assert read_["lines"] == [
        {"package_count": 24, "description": "LAMINA DE ALUMINIO ESPESOR", "gross_weight_kg": 1592.6},
        {"package_count": 6, "description": "CABLE DE COBRE AISLADO", "gross_weight_kg": 407.4},
    ]


def test_collect_checked_after_an_empty_prepagado_box() -> None:
    boxes = "Flete / Freight: [ ] Prepagado / Prepaid [X] Por cobrar / Collect"
    rows: list[tuple[float, str]] = [*MANIFEST[:-1], (20, boxes)]
    assert read(rows)["fields"]["freight_terms"] == "collect"


def test_a_seal_is_no_package_count() -> None:
    assert _package_count("ML-8831249") is None
    assert _package_count("TR21728") is None
    assert _package_count("24") is not None and _package_count("24")[0] == 24  # type: ignore[index]


def test_the_manifest_title_is_no_carrier() -> None:
    assert _title_or_label("MANIFIESTO DE CRUCE")
    assert _title_or_label("BORDER CROSSING MANIFEST")


def test_a_date_either_way_round_on_a_bilingual_form_is_left_to_confirm() -> None:
    ambiguous = [row if "Fecha" not in row[1] else (300.0, "Fecha / Date: 11/08/2024") for row in MANIFEST]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(ambiguous)]))
    assert builder.fields["issue_date"]["confidence"] <= 0.6
    # a day past twelve settles the order: no doubt
    settled = extract_bill_of_lading(DocumentText("application/pdf", [page_from(MANIFEST)]))
    assert settled.fields["issue_date"]["confidence"] > 0.7


def test_the_invoice_column_gives_references_not_goods() -> None:
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(MANIFEST)]))
    assert {"kind": "invoice", "value": "D9444-11"} in builder.references
    assert all("D9444" not in str(line["description"]["value"]) for line in builder.lines)


def test_an_english_name_on_a_spanish_form_is_no_bilingual_form() -> None:
    text = "LONE STAR FREIGHT LINES LLC CARTA DE PORTE\nFecha de expedición: 01/10/2024\nRemitente: Destinatario:"
    builder = ResultBuilder()
    builder.set("issue_date", "2024-10-01", 0.9, raw="01/10/2024")
    _doubtful_order(builder, text)
    assert builder.fields["issue_date"]["confidence"] == 0.9
    _doubtful_order(builder, text.replace("Remitente:", "Remitente / Shipper").replace("de expedición", "/ Date"))
    assert builder.fields["issue_date"]["confidence"] == 0.6


def test_a_legal_form_ocr_broke_is_put_back() -> None:
    found = _party("MANUFACTURAS PLASTICAS DE TIJUANA S. R.L. DE C.V.")
    assert found is not None and found[0] == "MANUFACTURAS PLASTICAS DE TIJUANA S. DE R.L. DE C.V."
    found = _party("ARNESES Y COMPONENTES DEL BAJIO S.A. DE Cv.")
    assert found is not None and found[0] == "ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."
    kept = _party("AUTOTRANSPORTES DEL BAJIO SA DE CV")
    assert kept is not None and kept[0] == "AUTOTRANSPORTES DEL BAJIO SA DE CV"
