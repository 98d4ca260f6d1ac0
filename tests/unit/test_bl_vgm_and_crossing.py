"""Round-7 shapes: the verified gross mass declared among a container's particulars, a reference printed beside
a party's name, a carrier's name beside the form's title in smaller type."""

from __future__ import annotations

from extractors.bill_of_lading import _party, _title_line
from extractors.bl_blocks import clean_description
from extractors.layout import layouts
from tests.unit.test_bl_shapes import page_from


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
