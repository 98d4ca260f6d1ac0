"""B/L rules for a US less-than-truckload carrier's straight bill (handling units and packages counted in two
columns, the NMFC item and class beside the goods, pounds in the weight column and the kilograms under the goods,
the parties' boxes side by side with the bill-to party's) and a liner's draft B/L for checking (the wording of the
carriers' electronic B/L standard: "Transport Document Number", freight terms as a code)."""

from __future__ import annotations

import dataclasses

import pytest

from extractors.bill_of_lading import _ocr_repairs, _party, extract_bill_of_lading
from extractors.classify import classify_text
from extractors.result import ResultBuilder, needs_review
from extractors.review_slips import slip_checks
from extractors.text import DocumentText
from tests.unit.test_bl_shapes import page_from, read

LTL_TABLE = [
    (30, "HU QTY HU TYPE   PKG QTY   HM DESCRIPTION                         NMFC #     CLASS    WEIGHT (LBS)"),
    (30, "    16 CRATE      16 PCS      EMPAQUE DE HULE VULCANIZADO         133300     70              2,170"),
    (30, "                              (984.1 KG)"),
    (30, "     2 CRATE      10 PCS      CONECTOR ELECTRICO                  061700     65              7,689"),
    (30, "                              (3,487.7 KG)"),
    (30, "       TOTAL      26 PCS                                              9,859 LBS / 4,471.8 KG"),
    (30, "FREIGHT CHARGE TERMS:   [ ] Prepaid    [X] Collect    [ ] 3rd Party"),
]


def test_the_packages_column_counts_the_lines_when_the_totals_row_adds_it_up() -> None:
    rows = [(30, "STRAIGHT BILL OF LADING - SHORT FORM"), (30, "SHIPPER (FROM)"), (30, "PACIFIC COMPONENTS INC")]
    result = read(rows + LTL_TABLE)
    assert [(ln["package_count"], ln["gross_weight_kg"], ln["description"]) for ln in result["lines"]] == [
        (16, 984.1, "EMPAQUE DE HULE VULCANIZADO"),
        (10, 3487.7, "CONECTOR ELECTRICO"),
    ]
    assert result["fields"]["package_count"] == 26
    assert result["fields"]["gross_weight_kg"] == 4471.8
    assert result["fields"]["freight_terms"] == "collect"


def test_the_handling_units_count_the_lines_when_the_totals_row_adds_them_up() -> None:
    rows = [
        (30, "STRAIGHT BILL OF LADING   Ship From: PACIFIC COMPONENTS INC"),
        (30, "HANDLING UNIT QTY   TYPE   PACKAGE QTY   WEIGHT (KG)   H.M. (X)   COMMODITY DESCRIPTION"),
        (30, "3                   PLT    3             7,200.0                  PARTES PARA TRANSFORMADORES"),
        (30, "4                   PLT    16            2,351.1                  CINTA ADHESIVA DE PLASTICO"),
        (30, "7                   GRAND TOTAL          9,551.1"),
    ]
    lines = read(rows)["lines"]
    assert [ln["package_count"] for ln in lines] == [3, 4]


def test_a_tare_is_no_line_weight_beside_pounds() -> None:
    rows = [
        (30, "STRAIGHT BILL OF LADING   Ship From: PACIFIC COMPONENTS INC"),
        (30, "HU QTY HU TYPE   PKG QTY   DESCRIPTION                      CLASS    WEIGHT (LBS)"),
        (30, "     2 PLT        10 PCS   CONECTOR ELECTRICO TARE 25 KG    65              2,205"),
        (30, "       TOTAL      10 PCS                                          2,205 LBS"),
    ]
    lines = read(rows)["lines"]
    assert lines[0]["gross_weight_kg"] == 1000.2


def test_the_bol_number_and_ship_date_under_their_labels() -> None:
    rows = [
        (30, "STRAIGHT BILL OF LADING - SHORT FORM - NOT NEGOTIABLE"),
        (30, "BOL #                 SHIP DATE             TRAILER NO.          SEAL NO."),
        (30, " CLDN6231687          12/26/2024            TR55306              EU9493709"),
    ]
    fields = read(rows)["fields"]
    assert fields["bl_number"] == "CLDN6231687"
    assert fields["issue_date"] == "2024-12-26"


def test_a_document_type_after_a_word_that_names_the_bl_is_no_number() -> None:
    rows = [
        (30, "DRAFT - FOR VERIFICATION ONLY   BILL OF LADING"),
        (30, "Transport Document Number: HLCU909341501     Booking Number: 373128121"),
        (30, "Carrier SCAC: HLCU                            Transport Document Type: BOL - Negotiable"),
    ]
    assert read(rows)["fields"]["bl_number"] == "HLCU909341501"
    alone = [(30, "BILL OF LADING"), (30, "Shipper: ACME INC      Transport Document Type: BOL - Negotiable")]
    assert "bl_number" not in read(alone)["fields"]


def test_a_name_wrapped_before_its_legal_form_is_read_whole_not_with_the_next_box() -> None:
    rows = [
        (30, "STRAIGHT BILL OF LADING"),
        (30, "SHIPPER (FROM)               CONSIGNEE (TO)                       BILL FREIGHT CHARGES TO"),
        (30, "PACIFIC COMPONENTS INC       TECNOLOGIA AUTOMOTRIZ QUERETANA      NORTH AMERICAN BROKERAGE SVCS"),
        (30, "1450 Commerce Dr, Laredo     S.A. DE C.V.                         ATTN: FREIGHT PAYABLES"),
        (30, "                             Av. de la Luz 24, Queretaro"),
    ]
    assert read(rows)["fields"]["consignee_name"] == "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V."


@pytest.mark.parametrize(
    ("printed", "terms"),
    [
        ("Freight Payment Term: PRE (Prepaid)", "prepaid"),
        ("Freight Payment Term: COL (Collect)", "collect"),
        ("Freight Terms: CC", "collect"),
        ("Freight Terms: PP", "prepaid"),
    ],
)
def test_freight_terms_printed_as_a_code(printed: str, terms: str) -> None:
    rows = [(30, "BILL OF LADING"), (30, "Shipper: ACME INC"), (30, printed)]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    assert builder.fields["freight_terms"]["value"] == terms


def test_a_freight_terms_label_whose_value_was_not_read_goes_to_review() -> None:
    page = ["Charges", "Freight Payment Term: PRE (Prepaid)", "Payment Location: NINGBO"]
    unread = ResultBuilder()
    unread.set("bl_number", "HLCU909341501", 0.95)
    slip_checks("bill_of_lading", unread, page)
    assert [(w["code"], w.get("field")) for w in unread.warnings] == [("unread_value", "freight_terms")]
    flagged = {"doc_type_confidence": 0.95, "fields": unread.fields, "lines": [], "warnings": unread.warnings}
    assert needs_review(flagged)
    read_ = ResultBuilder()
    read_.set("bl_number", "HLCU909341501", 0.95)
    read_.set("freight_terms", "prepaid", 0.9)
    slip_checks("bill_of_lading", read_, page)
    assert read_.warnings == []


def _scanned(rows: list[tuple[float, str]], doubtful: dict[str, float]) -> DocumentText:
    """A page as OCR reads it: every word a little unsure, the words named in ``doubtful`` as unsure as given."""
    page = page_from(rows)
    words = [dataclasses.replace(w, confidence=doubtful.get(w.text, 0.95)) for w in page.words]
    return DocumentText("application/pdf", [dataclasses.replace(page, words=words, source="ocr", confidence=0.9)])


def test_a_count_ocr_could_not_read_is_what_the_total_leaves_for_it() -> None:
    rows = [(30, "STRAIGHT BILL OF LADING - SHORT FORM"), (30, "SHIPPER (FROM)"), (30, "PACIFIC COMPONENTS INC")]
    table = [row if "10 PCS" not in row[1] else (30, row[1].replace("10 PCS", " T PCS")) for row in LTL_TABLE]
    builder = extract_bill_of_lading(_scanned(rows + table, {"T": 0.02, "16": 0.4}))
    counts = [(ln["package_count"]["value"], ln["package_count"]["confidence"]) for ln in builder.lines]
    assert counts == [(16, pytest.approx(0.4 * 0.95)), (10, 0.75)]
    # every count read and adding up to the total: they vouch for one another
    sure = extract_bill_of_lading(_scanned(rows + LTL_TABLE, {"16": 0.4}))
    assert all(ln["package_count"]["confidence"] >= 0.9 for ln in sure.lines)


def test_a_barcode_at_the_top_is_no_carrier_name() -> None:
    rows = [
        (30, "CELADON LOGISTICS INC                                  AA Ill AI) Il"),
        (30, "STRAIGHT BILL OF LADING"),
        (30, "SHIPPER (FROM)"),
        (30, "PACIFIC COMPONENTS INC"),
    ]
    builder = extract_bill_of_lading(_scanned(rows, {"AA": 0.39, "Ill": 0.55, "AI)": 0.26, "Il": 0.64}))
    assert builder.fields["carrier_name"]["value"] == "CELADON LOGISTICS INC"


def test_a_scac_one_letter_from_the_bill_numbers_opening_is_that_scac() -> None:
    result = ResultBuilder()
    result.set("bl_number", "CLDN6231687", 0.9)
    result.set("carrier_scac", "CLON", 0.73)
    _ocr_repairs(result)
    assert (result.fields["carrier_scac"]["value"], result.fields["carrier_scac"]["confidence"]) == ("CLDN", 0.75)
    agreed = ResultBuilder()
    agreed.set("bl_number", "ATBJ1156334", 0.9)
    agreed.set("carrier_scac", "ATBJ", 0.38)
    _ocr_repairs(agreed)
    assert agreed.fields["carrier_scac"]["confidence"] == 0.9
    other = ResultBuilder()
    other.set("bl_number", "MAEU1234567", 0.9)
    other.set("carrier_scac", "SEAU", 0.9)
    _ocr_repairs(other)
    assert other.fields["carrier_scac"]["value"] == "SEAU"


def test_a_speck_before_the_legal_forms_cv_is_no_period() -> None:
    assert _party("MAQUILADORA DEL NORTE S.A. DE.C.V.") == ("MAQUILADORA DEL NORTE S.A. DE C.V.", (0, 34))


@pytest.mark.parametrize(
    ("printed", "terms"),
    [
        ("FREIGHT CHARGE TERMS:    Prepaid       X Collect       3rd Party", "collect"),
        ("FREIGHT CHARGE TERMS:    X Prepaid       Collect       3rd Party", "prepaid"),
        ("Freight:   PREPAID X       COLLECT", "prepaid"),
    ],
)
def test_a_mark_whose_box_ocr_lost_belongs_to_the_option_it_stands_nearer_to(printed: str, terms: str) -> None:
    rows = [(30, "STRAIGHT BILL OF LADING"), (30, "SHIPPER (FROM)"), (30, "PACIFIC COMPONENTS INC"), (30, printed)]
    builder = extract_bill_of_lading(_scanned(rows, {}))
    assert builder.fields["freight_terms"]["value"] == terms


def test_a_speck_after_a_count_still_starts_its_line() -> None:
    rows = [(30, "STRAIGHT BILL OF LADING - SHORT FORM"), (30, "SHIPPER (FROM)"), (30, "PACIFIC COMPONENTS INC")]
    table = [(x, text.replace("     2 CRATE", "     2. CRATE")) for x, text in LTL_TABLE]
    builder = extract_bill_of_lading(_scanned(rows + table, {}))
    assert [ln["package_count"]["value"] for ln in builder.lines] == [16, 10]


def test_bars_and_a_dash_at_the_top_are_no_carrier_name() -> None:
    rows = [
        (30, "AUTOTRANSPORTES DEL BAJIO SA DE CV                 ll lI Il lll 1111"),
        (30, "STRAIGHT BILL OF LADING"),
        (30, "SHIPPER (FROM)"),
        (30, "PACIFIC COMPONENTS INC"),
    ]
    scanned = _scanned(rows, {})
    page = scanned.pages[0]
    # the bars drawn taller than the name's type
    words = [dataclasses.replace(w, bottom=w.top + 19) if set(w.text) <= set("lI1") else w for w in page.words]
    scanned.pages[0] = dataclasses.replace(page, words=words)
    builder = extract_bill_of_lading(scanned)
    assert builder.fields["carrier_name"]["value"] == "AUTOTRANSPORTES DEL BAJIO SA DE CV"


def test_a_speck_after_a_whole_word_of_a_name_is_no_period() -> None:
    result = ResultBuilder()
    result.set("shipper_name", "GREAT. LAKES WIRE & CABLE CO. LTD", 0.9)
    result.set("consignee_name", "ARNESES Y COMPONENTES DEL. BAJIO S.A. DE C.V.", 0.9)
    _ocr_repairs(result)
    assert result.fields["shipper_name"]["value"] == "GREAT LAKES WIRE & CABLE CO. LTD"
    assert result.fields["consignee_name"]["value"] == "ARNESES Y COMPONENTES DEL BAJIO S.A. DE C.V."


def test_a_freight_bill_whose_title_ocr_lost_is_still_a_bill_of_lading() -> None:
    text = (
        "LONE STAR FREIGHT LINES LLC PRO NUMBER\nSCAC LSFL\nBOL # SHIP DATE TRAILER NO. SEAL NO.\n"
        "SHIPPER (FROM) CONSIGNEE (TO) BILL FREIGHT CHARGES TO\nCUSTOMER ORDER / INVOICE: 9756225\n"
        "HU QTY HU TYPE PKG QTY HM DESCRIPTION NMFC # CLASS WEIGHT (LBS)\n"
        "FREIGHT CHARGE TERMS: Prepaid X Collect 3rd Party\nDELIVERY RECEIPT\nRECEIVED IN GOOD ORDER"
    )
    assert classify_text(text).doc_type == "bill_of_lading"
