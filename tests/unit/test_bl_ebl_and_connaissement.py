"""B/L rules for a Canadian road carrier's bilingual straight bill (the carrier's SCAC beside its name, weights in
kilograms and pounds under "Weight kg / Poids kg" and "Weight lb / Poids lb", a totals row without a label) and
the human-readable copy of an electronic B/L (rows of the transport-document standard's field names and values)."""

from __future__ import annotations

from tests.unit.test_bl_shapes import read

STRAIGHT_BILL = [
    (30, "MAPLE CROSS-BORDER CARRIERS INC.   SCAC MPCB                Probill No. / No de connaissement"),
    (30, "45 Goodrich Rd, Toronto ON M8Z 6A4                           MPCB7947955"),
    (30, "STRAIGHT BILL OF LADING - ORIGINAL - NOT NEGOTIABLE"),
    (30, "Shipper / Expéditeur                         Consignee / Destinataire"),
    (30, "GREAT LAKES WIRE & CABLE LLC                 TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V."),
]
GOODS = [
    (30, "Pieces / Pièces  Description of articles              Weight kg / Poids kg Weight lb / Poids lb"),
    (30, "             20  CAJA DE CARTON CORRUGADO                            814.2                1,795"),
    (30, "             20  TOTAL                                               814.2                1,795"),
]


def test_the_scac_beside_the_carriers_name_ends_the_name() -> None:
    # (the carrier's name in larger type than the rest of the page)
    smaller = [(x, "~" + text) for x, text in STRAIGHT_BILL[1:] + GOODS]
    fields = read(STRAIGHT_BILL[:1] + smaller)["fields"]
    assert fields["carrier_name"] == "MAPLE CROSS-BORDER CARRIERS INC."
    assert fields["carrier_scac"] == "MPCB"


def test_a_short_kilograms_figure_stays_under_its_bilingual_heading() -> None:
    result = read(STRAIGHT_BILL + GOODS)
    assert [(ln["package_count"], ln["gross_weight_kg"]) for ln in result["lines"]] == [(20, 814.2)]
    assert result["fields"]["gross_weight_kg"] == 814.2
    assert result["warnings"] == []


def test_an_unlabelled_totals_row_in_kilograms_and_pounds_checks_the_lines() -> None:
    goods = [
        (30, "Pieces      Description of articles                           Weight lb"),
        (30, "    20      CAJA DE CARTON CORRUGADO PARA EMPAQUE                 1,795"),
        (30, "    20      TOTAL                            814.2                1,795"),
    ]
    result = read(STRAIGHT_BILL + goods)
    assert result["fields"]["gross_weight_kg"] == 814.2  # the figure whose pounds the row prints beside it
    assert [ln["gross_weight_kg"] for ln in result["lines"]] == [814.2]
    wrong = [(30, row[1].replace("1,795", "  812")) if "CAJA" in row[1] else row for row in goods]
    result = read(STRAIGHT_BILL + wrong)
    assert [ln["gross_weight_kg"] for ln in result["lines"]] == [368.3]
    assert "totals_mismatch" in result["warnings"]
