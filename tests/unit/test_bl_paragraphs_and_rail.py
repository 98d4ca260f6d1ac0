"""B/L rules for containers told in paragraphs of free text (a liner's original bill: the container in the marks
column and again in its particulars, or only inside its paragraph, or in prose) and for a railway's waybill (its
equipment table, seals and tare, bilingual labels side by side); totals stated in words, freight terms marked
under their column, a copy's stamp over the carrier."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractors import checks
from extractors.bill_of_lading import extract_bill_of_lading
from extractors.bl_blocks import clean_description, stated_total, words_to_int
from extractors.text import DocumentText, TextOptions, read_text
from tests.synth import bills, data
from tests.synth.score import score_result
from tests.unit.test_bl_shapes import HEADER, page_from, read

FIRST, SECOND = "TCLU6338816", "CMAU2458131"
HEADING = "Marks and Numbers   No. of Pkgs.   Description of Packages and Goods      Gross Weight   Measurement"
PARAGRAPH = " " * 35  # the description column's left edge in HEADING


def test_the_containers_are_valid() -> None:
    assert checks.container_is_valid(FIRST) and checks.container_is_valid(SECOND)


def test_a_container_in_the_marks_column_and_again_in_its_paragraph_is_one_container() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, HEADING),
        (40, PARAGRAPH + "PARTICULARS FURNISHED BY SHIPPER - CARRIER NOT RESPONSIBLE"),
        (40, f"{FIRST}                        1 X 40'HC CONTAINER SAID TO CONTAIN"),
        (40, "N/M                20 PAL           20 PALLETS                             9,483.000 KGS  44.419 CBM"),
        (40, PARAGRAPH + "CAJA DE CARTON CORRUGADO"),
        (40, PARAGRAPH + "PARA EMPAQUE"),
        (40, PARAGRAPH + f"CONTAINER/SEAL: {FIRST}/SH4598401"),
        (40, PARAGRAPH + "G.W.: 9,483.000 KGS"),
        (40, f"{SECOND}                        1 X 20'GP CONTAINER SAID TO CONTAIN"),
        (40, "N/M                 6 PAL            6 PALLETS                             1,784.400 KGS  10.316 CBM"),
        (40, PARAGRAPH + "CAJA DE CARTON CORRUGADO"),
        (40, PARAGRAPH + "PARA EMPAQUE"),
        (40, PARAGRAPH + f"CONTAINER/SEAL: {SECOND}/3255238"),
        (40, PARAGRAPH + "G.W.: 1,784.400 KGS"),
        (40, PARAGRAPH + "SAY: TWENTY-SIX (26) PALLETS ONLY                         11,267.400 KGS"),
    ]
    out = read(rows)
    assert out["lines"] == [
        {
            "container_number": FIRST,
            "seal_number": "SH4598401",
            "package_count": 20,
            "gross_weight_kg": 9483.0,
            "description": "CAJA DE CARTON CORRUGADO PARA EMPAQUE",
        },
        {
            "container_number": SECOND,
            "seal_number": "3255238",
            "package_count": 6,
            "gross_weight_kg": 1784.4,
            "description": "CAJA DE CARTON CORRUGADO PARA EMPAQUE",
        },
    ]
    # the goods every container holds alike are the bill's; the totals stated in words and figures
    assert out["fields"]["goods_description"] == "CAJA DE CARTON CORRUGADO PARA EMPAQUE"
    assert out["fields"]["package_count"] == 26
    assert out["fields"]["gross_weight_kg"] == 11267.4
    assert "totals_mismatch" not in out["warnings"]


def test_a_container_printed_inside_its_paragraph_takes_the_lines_from_its_opening_words() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, HEADING),
        (40, PARAGRAPH + "1 X 40'HC CONTAINER SAID TO CONTAIN"),
        (40, PARAGRAPH + "14 PALLETS"),
        (40, PARAGRAPH + "AUTOMOTIVE WIRE HARNESSES"),
        (40, PARAGRAPH + f"CONTAINER/SEAL: {FIRST}/ML-123456"),
        (40, PARAGRAPH + "G.W.: 12,345.600 KGS"),
        (40, PARAGRAPH + "1 X 20'GP CONTAINER SAID TO CONTAIN"),
        (40, PARAGRAPH + "3 PALLETS"),
        (40, PARAGRAPH + "BRAKE PADS FOR"),
        (40, PARAGRAPH + "PASSENGER CARS"),
        (40, PARAGRAPH + f"CONTAINER/SEAL: {SECOND}/ML-654321"),
        (40, PARAGRAPH + "G.W.: 2,000.500 KGS"),
    ]
    lines = read(rows)["lines"]
    assert [
        (ln["container_number"], ln["seal_number"], ln["package_count"], ln["gross_weight_kg"]) for ln in lines
    ] == [
        (FIRST, "ML-123456", 14, 12345.6),
        (SECOND, "ML-654321", 3, 2000.5),
    ]
    assert [ln["description"] for ln in lines] == ["AUTOMOTIVE WIRE HARNESSES", "BRAKE PADS FOR PASSENGER CARS"]


def test_a_container_closing_its_own_paragraph_takes_the_particulars_above_it() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, "Particulars furnished by the shipper"),
        (40, ""),
        (40, "AUTOMOTIVE WIRE HARNESSES"),
        (40, "14 PALLETS     12,345.600 KGS     30.2 CBM"),
        (40, f"CONTAINER NO.: {FIRST}   SEAL NO.: ML-123456"),
        (40, ""),
        (40, "BRAKE PADS FOR PASSENGER CARS"),
        (40, "3 PALLETS      2,000.500 KGS      4.1 CBM"),
        (40, f"CONTAINER NO.: {SECOND}   SEAL NO.: ML-654321"),
        (40, ""),
        (40, "TOTAL: 2 CONTAINERS  17 PALLETS  14,346.100 KGS"),
    ]
    assert read(rows)["lines"] == [
        {
            "container_number": FIRST,
            "seal_number": "ML-123456",
            "package_count": 14,
            "gross_weight_kg": 12345.6,
            "description": "AUTOMOTIVE WIRE HARNESSES",
        },
        {
            "container_number": SECOND,
            "seal_number": "ML-654321",
            "package_count": 3,
            "gross_weight_kg": 2000.5,
            "description": "BRAKE PADS FOR PASSENGER CARS",
        },
    ]


def test_a_table_row_keeps_its_own_particulars_under_goods_described_once() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, ""),
        (40, "20 PALLETS SAID TO CONTAIN"),
        (40, "AUTOMOTIVE WIRE HARNESSES"),
        (40, f"{FIRST}  ML-123456  14 PALLETS  12,345.600 KGS"),
        (40, f"{SECOND}  ML-654321  6 PALLETS  2,000.500 KGS"),
    ]
    lines = read(rows)["lines"]
    assert [(ln["package_count"], ln["gross_weight_kg"]) for ln in lines] == [(14, 12345.6), (6, 2000.5)]


def test_a_container_told_in_prose() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, "Description of goods"),
        (40, f"1 x 40'HC container {FIRST} sealed with ML-123456, 14 pallets, 12,345.600 kgs"),
        (40, "automotive wire harnesses"),
        (40, f"1 x 20'GP container {SECOND} under seal 7654321, 3 pallets, 2,000.5 kgs"),
        (40, "brake pads"),
    ]
    out = read(rows)
    assert out["lines"] == [
        {
            "container_number": FIRST,
            "seal_number": "ML-123456",
            "package_count": 14,
            "gross_weight_kg": 12345.6,
            "description": "automotive wire harnesses",
        },
        {
            "container_number": SECOND,
            "seal_number": "7654321",
            "package_count": 3,
            "gross_weight_kg": 2000.5,
            "description": "brake pads",
        },
    ]
    # a container's particulars under the goods' label are no description of the whole bill
    assert "goods_description" not in out["fields"]


def test_the_opening_words_disclaimer_and_no_marks_are_no_goods() -> None:
    assert clean_description("1 X 40'HC CONTAINER SAID TO CONTAIN") == ""
    assert clean_description("ONE (1) 40' HIGH CUBE CONTAINER SAID TO CONTAIN:") == ""
    assert clean_description("PARTICULARS FURNISHED BY SHIPPER - CARRIER NOT RESPONSIBLE") == ""
    assert clean_description("SHIPPER'S LOAD, STOW, WEIGHT AND COUNT") == ""
    assert clean_description("N/M CABLE DE COBRE") == "CABLE DE COBRE"


def test_totals_stated_in_words() -> None:
    assert words_to_int("ONE HUNDRED AND NINETY-FOUR") == 194
    assert words_to_int("TWO THOUSAND THREE HUNDRED AND FIVE") == 2305
    assert words_to_int("FORTY EIGHT") == 48
    assert words_to_int("FOURTY") is None  # a misspelt (or misread) word is no number
    said = stated_total("SAY: ONE HUNDRED AND NINETY-FOUR (194) CARTONS ONLY   49,335.900 KGS")
    assert said is not None and said[:2] == (194, 49335.9)
    # the words settle a figure OCR misread; the containers' count is no package count
    assert stated_total("SAY: FOURTEEN (l4) PALLETS ONLY") is not None
    assert stated_total("SAY: FOURTEEN (19) PALLETS ONLY")[0] == 14  # type: ignore[index]
    assert stated_total("TOTAL: FIVE (5) CONTAINERS ONLY") is None


@pytest.mark.parametrize(("mark_at", "terms"), [(54, "prepaid"), (70, "collect")])
def test_freight_terms_marked_under_their_column(mark_at: int, terms: str) -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, "Freight & Charges                                 Prepaid         Collect"),
        (40, "OCEAN FREIGHT AS ARRANGED"),
    ]
    rows[-1] = (40, rows[-1][1] + " " * (mark_at - len(rows[-1][1])) + "X")
    assert read(rows)["fields"]["freight_terms"] == terms


def test_freight_charges_printed_under_one_column() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, "Freight & Charges                    Rate          Prepaid         Collect"),
        (40, "OCEAN FREIGHT                        2,500.00                      2,500.00"),
        (40, "BAF                                  300.00                        300.00"),
    ]
    assert read(rows)["fields"]["freight_terms"] == "collect"


def test_a_copys_letter_spaced_stamp_is_not_the_carrier() -> None:
    from extractors.text import PageText, Word

    rows: list[tuple[float, str]] = [
        (200, "O R I G I N A L"),
        (40, "OCEANIC LINES S.A.                                   BILL OF LADING"),
        (40, "B/L No.: MAEU123456789"),
        (40, "Shipper: GREAT LAKES WIRE & CABLE LLC"),
        (40, "800 Industrial Pkwy, Toledo, OH 43612"),
        (40, "Consignee: MAQUILADORA DEL NORTE S.A. DE C.V."),
        (40, "Av. Industrial 100, Parque Industrial, Reynosa, Tamps."),
    ]
    page = page_from(rows)
    # the stamp and the carrier's name in large type, the rest in the form's
    words = [Word(w.text, w.x0, w.top, w.x1, w.top + (12.5 if w.top < 60 else 10.0), 1.0) for w in page.words]
    big = PageText(1, page.text, words, "text_layer", None, 612, 792, 0)
    builder = extract_bill_of_lading(DocumentText("application/pdf", [big]))
    assert builder.fields["carrier_name"]["value"] == "OCEANIC LINES S.A."
    # type no larger than the page's tells no carrier
    assert "carrier_name" not in read(rows[1:])["fields"]


RAIL: list[tuple[float, str]] = [
    (40, "FERROCARRILES DEL NORTE S.A. DE C.V.                 CARTA DE PORTE - FERROCARRIL / RAIL WAYBILL"),
    (40, "No. de talon / Waybill No.: 317240"),
    (40, "Remitente / Shipper                          Consignatario / Consignee"),
    (40, "GREAT LAKES WIRE & CABLE LLC                 MANUFACTURAS PLASTICAS DE TIJUANA S. DE R.L. DE C.V."),
    (40, "Flete / Freight: Por cobrar en destino / Collect    Pedido: OC-98283710, 4500012345"),
    (40, "Equipo            Tipo       Sellos                  Bultos   Peso bruto kg   Tara kg   Descripcion"),
    (40, "FPNX 612780       BOXCAR     4525497 / ML-998877         15          3940.4     28232   CABLE DE COBRE"),
    (40, f"{FIRST}       CONT. 40'  7654321                     20          3338.4      3900   EMPAQUE DE HULE"),
    (
        40,
        "                  TOTALES:                               35          7278.8             Peso total: 7278.8 KG",
    ),
    (40, "El remitente declara que el contenido, peso y descripcion de la mercancia son correctos."),
]


def test_a_railways_waybill() -> None:
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(RAIL)]))
    fields = {k: v["value"] for k, v in builder.fields.items()}
    lines = [{k: v["value"] for k, v in line.items()} for line in builder.lines]
    assert fields["bl_kind"] == "rail"
    # labels in two languages side by side, each translation a label of the same field (no colon between)
    assert fields["shipper_name"] == "GREAT LAKES WIRE & CABLE LLC"
    assert fields["consignee_name"] == "MANUFACTURAS PLASTICAS DE TIJUANA S. DE R.L. DE C.V."
    assert fields["freight_terms"] == "collect"
    assert fields["package_count"] == 35 and fields["gross_weight_kg"] == 7278.8
    assert "goods_description" not in fields  # "peso y descripcion de la mercancia" is prose, not a label
    # the tare is no description, the totals row no line; a car is no container, an intermodal container is,
    # with its seal (a car's seals are references only)
    assert lines == [
        {"package_count": 15, "gross_weight_kg": 3940.4, "description": "CABLE DE COBRE"},
        {
            "container_number": FIRST,
            "seal_number": "7654321",
            "package_count": 20,
            "gross_weight_kg": 3338.4,
            "description": "EMPAQUE DE HULE",
        },
    ]
    references = {(r["kind"], r["value"]) for r in builder.references}
    assert {("seal", "4525497"), ("seal", "ML-998877"), ("seal", "7654321")} <= references
    assert {("po", "OC-98283710"), ("po", "4500012345")} <= references


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("arrangement", ["original", "ferro"])
def test_original_bill_and_rail_waybill_read_whole(tmp_path: Path, arrangement: str, seed: int) -> None:
    rng = random.Random(f"unit-bl-round6/{arrangement}/{seed}")
    truth = data.bill_of_lading(rng, bills.KIND[arrangement], 1 + 2 * seed)
    path = tmp_path / f"{arrangement}.pdf"
    bills.render(truth, arrangement, path, rng)
    builder = extract_bill_of_lading(read_text(path, "application/pdf", TextOptions()))
    result = {"fields": builder.fields, "lines": builder.lines, "references": builder.references}
    assert score_result(truth, result).errors == []


def test_ocr_slips_in_a_containers_particulars() -> None:
    from extractors.bl_blocks import _glued_after, _seal_of, read_container

    # the container printed again with its check digit set apart, or its owner code misread, its seal glued on
    assert read_container("CONTAINER/SEAL: 00LU0243899/EU3850684") == "OOLU0243899"
    assert _glued_after("CONTAINER/SEAL: TGHU447095 1/7433207", "TGHU4470951") == "7433207"
    assert _glued_after("00LU0243899/EU3850684", "OOLU0243899") == "EU3850684"
    # the container's broken reading is no seal; a seal's letter prefix read as a digit is put back
    assert _seal_of("TGHU447095", "TGHU4470951") is None
    assert _seal_of("5H4598401", FIRST) == "SH4598401"
    assert _seal_of("1234567", FIRST) == "1234567"


def test_a_liners_bl_number_and_carrier_without_their_labels() -> None:
    rows: list[tuple[float, str]] = [
        (40, "BILL OF LADING FOR PORT-TO-PORT OR COMBINED TRANSPORT"),
        (40, "Port of Loading: BUSAN, KOREA       Vessel: MSC LORETO"),
        (40, "BAL No.   HLCU209014777"),  # the label misread
        *[(40.0, "") for _ in range(6)],
        (40, "Signed for the Carrier"),
        (40, "AS AGENT FOR HAPAG-LLOYD AG"),
    ]
    fields = read(rows)["fields"]
    assert fields["bl_number"] == "HLCU209014777"
    assert fields["carrier_scac"] == "HLCU"
    assert fields["carrier_name"] == "HAPAG-LLOYD AG"


def test_a_possessive_is_no_party_label() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, "SHIPPER'S LOAD, STOW, WEIGHT AND COUNT"),
        (40, "SAY: FOURTEEN (14) PALLETS ONLY"),
    ]
    assert "shipper_name" not in read(rows)["fields"]


def test_a_value_the_line_grouping_put_on_the_line_above() -> None:
    from extractors.text import PageText, Word

    words = [
        Word("SCAC:", 26.0, 42.0, 49.0, 46.0, 1.0),
        Word("FGNM", 50.0, 42.0, 72.0, 46.0, 1.0),
        Word("657325", 597.0, 42.4, 625.0, 50.1, 1.0),  # a tall OCR box on the label's baseline
        Word("Waybill", 466.0, 45.6, 500.0, 50.9, 1.0),
        Word("No.:", 503.0, 46.1, 520.0, 50.2, 1.0),
        Word("RAIL", 26.0, 20.0, 50.0, 26.0, 1.0),
        Word("WAYBILL", 52.0, 20.0, 90.0, 26.0, 1.0),
    ]
    page = PageText(1, "RAIL WAYBILL\nSCAC: FGNM 657325\nWaybill No.:", words, "ocr", None, 792, 612, 0)
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page]))
    assert builder.fields["bl_number"]["value"] == "657325"


def test_a_legal_form_glued_to_the_name_by_ocr() -> None:
    from extractors.layout.values import tidy_company

    assert (
        tidy_company("DISPOSITIVOS MEDICOS DE MEXICALIS.A. DE C.V.") == "DISPOSITIVOS MEDICOS DE MEXICALI S.A. DE C.V."
    )
    assert tidy_company("MANUFACTURAS DE TIJUANAS. DE R.L. DE C.V.") == "MANUFACTURAS DE TIJUANA S. DE R.L. DE C.V."
    assert tidy_company("ACME S.A.B. DE C.V.") == "ACME S.A.B. DE C.V."


def _field(value: object) -> dict:
    return {"value": value, "confidence": 0.95, "page": 1, "bbox": None, "raw": str(value)}


def test_the_forms_arithmetic_repairs_one_misread_line_on_a_scan() -> None:
    from extractors.bill_of_lading import _by_the_totals, _one_digit_apart
    from extractors.layout import FamilyResult

    assert _one_digit_apart(132.9, 732.9) and _one_digit_apart(73.9, 732.9) and not _one_digit_apart(132.9, 745.9)
    result = FamilyResult()
    result.set("gross_weight_kg", 3213.4, 0.9)
    result.add_line({"gross_weight_kg": _field(2480.5)})
    result.add_line({"gross_weight_kg": _field(132.9)})
    # the total printed twice (its row and its label) outweighs the one line's figure
    _by_the_totals(result, "TOTALES: 3213.4\nPeso total: 3213.4 KG")
    assert [ln["gross_weight_kg"]["value"] for ln in result.lines] == [2480.5, 732.9]
    assert result.lines[1]["gross_weight_kg"]["confidence"] < 0.9
    # printed once, the total is no better than the line: nothing changes (the totals check warns)
    once = FamilyResult()
    once.set("gross_weight_kg", 732.9, 0.9)
    once.add_line({"gross_weight_kg": _field(132.9)})
    _by_the_totals(once, "TOTALES: 132.9\nPeso total: 732.9 KG")
    assert once.lines[0]["gross_weight_kg"]["value"] == 132.9


def test_ocr_repairs_of_a_liners_number_and_a_descriptions_specks() -> None:
    from extractors.bill_of_lading import _ocr_repairs
    from extractors.layout import FamilyResult

    result = FamilyResult()
    result.set("bl_number", "MAEUS29399431", 0.9)
    result.add_line({"description": _field("LAMINA DE.ALEACION DE ALUMINIO, ESPESOR 0.2 MM")})
    _ocr_repairs(result)
    assert result.fields["bl_number"]["value"] == "MAEU529399431"
    assert result.lines[0]["description"]["value"] == "LAMINA DE ALEACION DE ALUMINIO, ESPESOR 0.2 MM"
    house = FamilyResult()
    house.set("bl_number", "HLCUHAM240312345", 0.9)  # letters in a serial that are not one misread: kept
    _ocr_repairs(house)
    assert house.fields["bl_number"]["value"] == "HLCUHAM240312345"


@pytest.mark.parametrize(
    ("printed", "terms"),
    [
        ("Freight Terms: COLLECT", "collect"),
        ("FREIGHT: PREPAID", "prepaid"),
        ("Freight & Charges: Collect", "collect"),
        ("Flete / Freight: Pagado en origen / Prepaid", "prepaid"),
    ],
)
def test_freight_terms_after_their_label(printed: str, terms: str) -> None:
    assert read([*HEADER, (40, printed)])["fields"]["freight_terms"] == terms


def test_a_container_printed_with_its_check_digit_hyphenated_and_its_seal_after_a_slash() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, "Container / Seal: TCLU 633881-6 / ML-123456   20 PALLETS  9,483.000 KGS"),
        (40, "CAJA DE CARTON"),
        (40, "Container / Seal: CMAU 245813-1 / 7654321   5 PALLETS  1,000.000 KGS"),
        (40, "CABLE DE COBRE"),
    ]
    lines = read(rows)["lines"]
    assert [(ln["container_number"], ln["seal_number"], ln["description"]) for ln in lines] == [
        (FIRST, "ML-123456", "CAJA DE CARTON"),
        (SECOND, "7654321", "CABLE DE COBRE"),
    ]
    assert stated_total("SON: CATORCE (14) TARIMAS") is not None


def test_a_check_box_printed_with_its_option_outranks_figures_under_the_options() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, "Freight:   [X] Prepaid                  [ ] Collect"),
        (40, "Gross weight                                  12,345.600"),
    ]
    assert read(rows)["fields"]["freight_terms"] == "prepaid"


def test_a_us_railways_waybill_in_pounds() -> None:
    rows: list[tuple[float, str]] = [
        (40, "UNION RAILROAD            RAIL WAYBILL"),
        (40, "Waybill No.: 884411"),
        (40, "Car Initial  Car Number  Seal Numbers     STCC      Pieces   Weight (LBS)   Description"),
        (40, "TTGX         912345      ML-123456        3714190   12       22,046         AUTO PARTS"),
        (40, "TTGX         912346      ML-123457        3714190   8        11,023         AUTO PARTS"),
    ]
    out = read(rows)
    assert out["fields"]["bl_kind"] == "rail"
    assert out["lines"] == [
        {"package_count": 12, "description": "AUTO PARTS", "gross_weight_kg": 9999.9},
        {"package_count": 8, "description": "AUTO PARTS", "gross_weight_kg": 4999.9},
    ]


def test_goods_under_a_heading_that_runs_packages_and_description_together() -> None:
    rows: list[tuple[float, str]] = [
        *HEADER,
        (40, "Container No.       Number and Kind of Packages; Description of Goods          Gross Weight"),
        (40, "                    1 CONTAINER SAID TO CONTAIN 25 CARTONS"),
        (40, "                    PIEZA DE PLASTICO MOLDEADA"),
        (40, f"{FIRST}         25 CARTONS                                              9543.2 KGS"),
    ]
    out = read(rows)
    assert out["lines"][0]["description"] == "PIEZA DE PLASTICO MOLDEADA"
    assert out["fields"]["goods_description"] == "PIEZA DE PLASTICO MOLDEADA"


def test_more_ocr_slips_undone_by_shape() -> None:
    from extractors.bill_of_lading import _MARK, _one_digit_apart, _party
    from extractors.bl_blocks import _PACKAGES_RE, _seal_of

    assert _seal_of("7334242*", FIRST) == "7334242"  # a speck after a seal
    match = _PACKAGES_RE.search("60. PACKAGES CONECTOR ELECTRICO")  # a speck after a count
    assert match is not None and match.group(1) == "60"
    assert _party("GREAT LAKES WIRE $ CABLE LLC") == ("GREAT LAKES WIRE & CABLE LLC", (0, 28))
    assert _party("PACIFIC: COMPONENTS INC")[0] == "PACIFIC COMPONENTS INC"  # type: ignore[index]
    assert _MARK.fullmatch("Xx") and _MARK.fullmatch("[X]") and not _MARK.fullmatch("XXX")
    assert _one_digit_apart(25103.0, 2510.3)  # the decimal point lost


def test_a_label_fragment_is_no_carrier_on_a_scan() -> None:
    from extractors.bill_of_lading import _title_or_label

    assert _title_or_label("O R I G I N A L") and _title_or_label("Shipper's Name and Address")
    assert not _title_or_label("OCEAN NETWORK EXPRESS PTE. LTD.")


def test_a_kind_of_package_before_the_goods_and_a_count_read_as_a_letter_on_a_scan() -> None:
    from extractors.bill_of_lading import _ocr_repairs
    from extractors.layout import FamilyResult

    result = FamilyResult()
    result.add_line({"description": _field("CTN PIEZA DE PLASTICO MOLDEADA")})
    _ocr_repairs(result)
    assert result.lines[0]["description"]["value"] == "PIEZA DE PLASTICO MOLDEADA"
    assert clean_description("I CONTAINER(S) SAID TO CONTAIN") == ""


def test_a_check_box_whose_brackets_ocr_lost_and_a_clause_whose_count_it_lost() -> None:
    rows: list[tuple[float, str]] = [
        (30, "CARTA PORTE"),
        (30, "Flete / Freight: X Pagado / Prepaid Por cobrar / Collect"),
    ]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    assert builder.fields["freight_terms"]["value"] == "prepaid"
    assert clean_description("CONTAINER(S) SAID TO CONTAIN 58 CARTONS") == ""
