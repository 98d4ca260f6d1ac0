"""A packing list read with the layout mechanism (``extractors.packing_list``)."""

from __future__ import annotations

from extractors.packing_list import extract_packing_list
from extractors.text import DocumentText, PageText, Word

CHAR, SPACE = 4.2, 2.2


def row(top: float, *cells: tuple[float, str]) -> list[Word]:
    out = []
    for x0, text in cells:
        x = x0
        for part in text.split():
            out.append(Word(part, x, top, x + len(part) * CHAR, top + 8, 1.0))
            x += len(part) * CHAR + SPACE
    return out


def document(*rows: list[Word]) -> DocumentText:
    words = [w for r in rows for w in r]
    return DocumentText("application/pdf", [PageText(1, "", words, "text_layer", None, 612, 792, 0)])


def test_header_lines_references_and_totals() -> None:
    doc = document(
        row(40, (40, "PACKING LIST"), (400, "PACKING LIST NO. PL-2024-118")),
        row(52, (400, "DATE: 12/03/2024")),
        row(64, (400, "INVOICE NO. INV-2024-00412")),
        row(76, (40, "SHIPPER"), (300, "CONSIGNEE")),
        row(88, (40, "PACIFIC COMPONENTS INC"), (300, "MAQUILADORA DEL NORTE S.A. DE C.V.")),
        row(
            110,
            (40, "PART NO."),
            (110, "DESCRIPTION"),
            (330, "QTY"),
            (370, "UNIT"),
            (410, "CARTONS"),
            (460, "NET WEIGHT"),
            (520, "GROSS WEIGHT"),
        ),
        row(
            124,
            (40, "PN-1001"),
            (110, "CONECTOR ELECTRICO"),
            (330, "5,000"),
            (370, "PCS"),
            (410, "10"),
            (460, "50.0"),
            (520, "55.5"),
        ),
        row(
            136,
            (40, "PN-1002"),
            (110, "CAJA DE CARTON"),
            (330, "200"),
            (370, "PCS"),
            (410, "4"),
            (460, "80.0"),
            (520, "88.0"),
        ),
        row(150, (40, "TOTAL PACKAGES: 14"), (300, "TOTAL GROSS WEIGHT: 150.0 KG")),
        row(162, (40, "PO NO. 4500012345   CONTAINER MSKU9070323")),
    )
    result = extract_packing_list(doc)
    fields = {name: cell["value"] for name, cell in result.fields.items()}
    assert fields["packing_list_number"] == "PL-2024-118"
    assert fields["packing_list_date"] == "2024-03-12"
    assert fields["invoice_number"] == "INV-2024-00412"
    assert fields["shipper_name"] == "PACIFIC COMPONENTS INC"
    assert fields["consignee_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."
    assert fields["package_count"] == 14
    lines = [{name: cell["value"] for name, cell in line.items()} for line in result.lines]
    assert lines == [
        {
            "part_number": "PN-1001",
            "description": "CONECTOR ELECTRICO",
            "quantity": 5000.0,
            "unit": "PCS",
            "package_count": 10,
            "net_weight_kg": 50.0,
            "gross_weight_kg": 55.5,
        },
        {
            "part_number": "PN-1002",
            "description": "CAJA DE CARTON",
            "quantity": 200.0,
            "unit": "PCS",
            "package_count": 4,
            "net_weight_kg": 80.0,
            "gross_weight_kg": 88.0,
        },
    ]
    assert {"kind": "invoice", "value": "INV-2024-00412"} in result.references
    assert {"kind": "po", "value": "4500012345"} in result.references
    assert {"kind": "container", "value": "MSKU9070323"} in result.references
    # 55.5 + 88.0 = 143.5, not the 150.0 printed
    assert [w["field"] for w in result.warnings] == ["gross_weight_kg"]
