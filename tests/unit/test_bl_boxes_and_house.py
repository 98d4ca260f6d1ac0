"""A house bill's row of ruled boxes (a one-word freight caption over its terms, the vessel and voyage under one
caption, a box beside the place of delivery that holds no place) and a forwarder's name with an ampersand in its
title, on hand-written pages."""

from __future__ import annotations

from extractors.bill_of_lading import REPAIRED_NAME, _names_repaired_twice, _party, _title_line
from extractors.bl_boxes import month_named_order, terms_under_caption
from extractors.layout import layouts
from extractors.result import ResultBuilder
from tests.unit.test_bl_export_and_air import at
from tests.unit.test_bl_shapes import page_from, read


def _pages(rows: list[tuple[float, str]]) -> list:
    return layouts([page_from(rows)])


def test_terms_under_a_freight_caption() -> None:
    rows = [
        (30, at((0, "FREIGHT"), (30, "LADEN ON BOARD"), (60, "PLACE AND DATE OF ISSUE"))),
        (30, at((0, "PREPAID"), (30, "08.03.2025"), (60, "YOKOHAMA 08.03.2025"))),
    ]
    assert terms_under_caption(_pages(rows)) == "prepaid"
    rows[1] = (30, at((0, "COLLECT"), (30, "08.03.2025")))
    assert terms_under_caption(_pages(rows)) == "collect"
    # the terms under another box of the row are that box's, not the freight's
    rows[1] = (30, at((30, "COLLECT"), (60, "08.03.2025")))
    assert terms_under_caption(_pages(rows)) is None
    # a caption that runs on ("FREIGHT RATES AND CHARGES") is no freight box; a clause under it is no terms
    rows = [(30, "FREIGHT RATES AND CHARGES"), (30, "PREPAID AS ARRANGED")]
    assert terms_under_caption(_pages(rows)) is None
    rows = [(30, "FREIGHT TERMS"), (30, "PREPAID AS ARRANGED")]
    assert terms_under_caption(_pages(rows)) is None


def test_vessel_and_voyage_under_one_caption() -> None:
    got = read(
        [
            (30, at((0, "~OCEAN VESSEL / VOY."), (40, "~PORT OF LOADING"))),
            (30, at((0, "BERLIN EXPRESS / 307N"), (40, "YOKOHAMA, JAPAN"))),
        ]
    )
    assert got["fields"]["vessel"] == "BERLIN EXPRESS"
    assert got["fields"]["voyage"] == "307N"


def test_the_box_beside_the_place_of_delivery_is_no_place() -> None:
    got = read(
        [
            (30, at((0, "~PLACE OF DELIVERY"), (28, "~CARGO RECEIVED AT CFS"))),
            (30, at((0, "CELAYA, GTO."), (28, "04.03.2025"))),
        ]
    )
    assert got["fields"]["place_of_delivery"] == "CELAYA, GTO."


def test_an_ampersand_in_the_title_is_the_names() -> None:
    rows = [
        (30, "EUROMEX SHIPPING & CONSOLIDATION GMBH"),
        (30, "~NON-VESSEL OPERATING COMMON CARRIER"),
        (30, "~SHIPPER"),
        (30, "~RHEIN METALLTEILE GMBH"),
    ]
    title = _title_line(_pages(rows)[0])
    assert title is not None and title[0] == "EUROMEX SHIPPING & CONSOLIDATION GMBH"
    # an ampersand at the run's end is no part of the name
    rows[0] = (30, "EUROMEX SHIPPING &")
    title = _title_line(_pages(rows)[0])
    assert title is not None and title[0] == "EUROMEX SHIPPING"


def _road_bill(rows: list[str]) -> list[tuple[float, str]]:
    return [
        (30, "STRAIGHT BILL OF LADING"),
        (30, at((0, "SHIP FROM"), (50, "CARRIER NAME / SCAC"))),
        (30, at((0, "PACIFIC COMPONENTS INC"), (50, "CELADON LOGISTICS INC"))),
        (30, at((0, "1450 Commerce Dr, Laredo, TX 78041"), (50, "SCAC: CLDN"))),
        (30, at((0, "SHIP TO"), (50, "SEAL NUMBER(S)"))),
        (30, at((0, "TECNOLOGIA AUTOMOTRIZ QUERETANA S.A. DE C.V."), (50, "ML-7852631"))),
        (30, "Date: 02/10/2024"),
        *[(30, row) for row in rows],
    ]


def test_carrier_name_and_code_under_one_caption() -> None:
    got = read(_road_bill([]))
    assert got["fields"]["carrier_name"] == "CELADON LOGISTICS INC"
    assert got["fields"]["carrier_scac"] == "CLDN"
    # an English road bill's parties ("Ship from", "Ship to") tell its dates month first
    assert got["fields"]["issue_date"] == "2024-02-10"


def test_rows_read_by_the_totals_row_under_them() -> None:
    # the heading band unreadable: each row's figures stand under the totals row's count and weight
    rows = [
        at((0, "Hu qui pg are"), (30, "WEIGHE (Ko) 2. GoMmODETY")),
        at((0, "1 PLT"), (10, "7"), (20, "1,586.5"), (34, "CAJA DE CARTON CORRUGADO")),
        at((0, "4 PLT"), (10, "6"), (20, "7,567.1"), (34, "RESISTENCIA VARIABLE")),
        at((0, "TOTAL"), (10, "13"), (20, "9,153.6")),
    ]
    got = read(_road_bill(rows))
    assert got["lines"] == [
        {"package_count": 7, "gross_weight_kg": 1586.5, "description": "CAJA DE CARTON CORRUGADO"},
        {"package_count": 6, "gross_weight_kg": 7567.1, "description": "RESISTENCIA VARIABLE"},
    ]
    assert got["fields"]["package_count"] == 13
    assert got["fields"]["gross_weight_kg"] == 9153.6
    # a row whose weight is one digit off the total's needs is read by the total (and goes to review)
    rows[2] = at((0, "4 PLT"), (10, "6"), (20, "7,567.9"), (34, "RESISTENCIA VARIABLE"))
    got = read(_road_bill(rows))
    assert got["lines"][1]["gross_weight_kg"] == 7567.1
    # no totals row under them: rows without a heading are read as nothing
    got = read(_road_bill(rows[:-1]))
    assert got["lines"] == []


def test_a_date_with_its_month_named_tells_the_order() -> None:
    assert month_named_order("NOV-05-2024 08:26 FROM: 956 555 0131\nDate: 11/05/2024") is True
    assert month_named_order("05 NOV 2024\nFecha: 05/11/2024") is False
    # no date named, or one of another day: nothing told
    assert month_named_order("Date: 02/10/2024") is None
    assert month_named_order("MAR-01-2024\nDate: 02/10/2024") is None


def test_legal_forms_as_ocr_misreads_them() -> None:
    def name(text: str) -> str | None:
        parsed = _party(text)
        return parsed[0] if parsed else None

    assert name("ENSAMBLES DE REYNOSA $. DE RL.") == "ENSAMBLES DE REYNOSA S. DE R.L."
    assert name("ENSAMBLES DE REYNOSA 8. DE R.L.") == "ENSAMBLES DE REYNOSA S. DE R.L."
    assert name("TECNOLOGIA QUERETANA S.A, DE C.V.") == "TECNOLOGIA QUERETANA S.A. DE C.V."
    assert name("DISPOSITIVOS MEDICOS S.A. DE CV") == "DISPOSITIVOS MEDICOS S.A. DE C.V."
    # a form written without periods stays as printed; an 8 that is no legal form's S stays
    assert name("TRANSPORTES DEL NORTE SA DE CV") == "TRANSPORTES DEL NORTE SA DE CV"
    assert name("GRUPO 8. DE C.V.") == "GRUPO 8. DE C.V."
    # the rest of a joint caption ("CARRIER NAME / SCAC") is no name
    assert name("/SCAG") is None


def test_the_rest_of_a_joint_caption_is_no_carrier() -> None:
    # the code's half of the caption misread ("SCAG"): the name is read in the box under it
    rows = _road_bill([])
    rows[1] = (30, at((0, "SHIP FROM"), (50, "CARRIER NAME / SCAG")))
    got = read(rows)
    assert got["fields"]["carrier_name"] == "CELADON LOGISTICS INC"


def test_a_name_repaired_twice_goes_to_review() -> None:
    result = ResultBuilder()
    result.set("consignee_name", "ARNESES DEL BAJO S.A. DE C.V.", 0.9, raw="ARNESES DEL BAJO S.A, DEC.V.")
    result.set("shipper_name", "GREAT LAKES WIRE & CABLE LLC", 0.9, raw="GREAT LAKES WIRE 8 CABLE LLC")
    _names_repaired_twice(result)
    assert result.fields["consignee_name"]["confidence"] == REPAIRED_NAME
    # one slip put right leaves the name as sure as it was
    assert result.fields["shipper_name"]["confidence"] == 0.9
