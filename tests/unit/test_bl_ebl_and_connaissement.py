"""B/L rules for a Canadian road carrier's bilingual straight bill (the carrier's SCAC beside its name, weights in
kilograms and pounds under "Weight kg / Poids kg" and "Weight lb / Poids lb", a totals row without a label) and
the human-readable copy of an electronic B/L (rows of the transport-document standard's field names and values)."""

from __future__ import annotations

from extractors.bill_of_lading import _ocr_type_height, extract_bill_of_lading
from extractors.bl_blocks import one_extra
from extractors.bl_checks import bl_checks
from extractors.result import ResultBuilder
from extractors.text import DocumentText, PageText, Word
from tests.unit.test_bl_shapes import page_from, read

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


def _rows(section: str, rows: list[tuple[str, str]]) -> list[tuple[float, str]]:
    """A section of an electronic B/L's readable copy: its title, then each caption with its value in a column
    of its own."""
    return [(40, section), *((48, f"{caption:<36}{value}") for caption, value in rows)]


EBL = [
    (40, "ELECTRONIC BILL OF LADING"),
    *_rows(
        "Transport Document",
        [
            ("Transport document reference", "ONEY287990422"),
            ("Transport document type code", "BOL"),
            ("Carrier code", "ONEY (SMDG)"),
            ("Shipped on board date", "2025-03-22"),
            ("Issue date", "2025-03-24"),
            ("Freight payment term code", "COL"),
        ],
    ),
    *_rows(
        "Parties",
        [
            ("Shipper - party name", "RHEIN METALLTEILE GMBH"),
            ("Shipper - address", "Industriestr. 14, 40231 Dusseldorf"),
            ("Consignee - party name", "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L. DE C.V."),
            ("Consignee - tax reference (RFC)", "LES120613CK0"),
            ("Notify party - party name", "AGENCIA ADUANAL GARZA Y ASOCIADOS, S.C."),
        ],
    ),
    *_rows(
        "Transports",
        [
            ("Vessel name", "CMA CGM TAGE"),
            ("Carrier export voyage number", "139W"),
            ("Port of loading", "KRPUS BUSAN"),
            ("Port of discharge", "MXVER VERACRUZ"),
            ("Place of delivery", "GUADALAJARA"),
        ],
    ),
]
EQUIPMENT = [
    *_rows(
        "Utilized Transport Equipment 1",
        [
            ("Equipment reference", "TGHU0200650"),
            ("ISO equipment code", "45G1"),
            ("Seals", "SH8367706"),
            ("Cargo gross weight", "1088.1 KGM"),
            ("Package code", "PX"),
            ("Number of packages", "49"),
        ],
    ),
    *_rows(
        "Utilized Transport Equipment 2",
        [
            ("Equipment reference", "MSKU1319889"),
            ("ISO equipment code", "42G1"),
            ("Seals", "SH7880049"),
            ("Cargo gross weight", "10780.5 KGM"),
        ],
    ),
    (40, "Transport document reference ONEY287990422 (continued)"),
    (48, f"{'Package code':<36}PX"),
    (48, f"{'Number of packages':<36}12"),
]
ITEMS = _rows(
    "Consignment Items",
    [
        ("Description of goods", "EMPAQUE DE HULE VULCANIZADO NO ENDURECIDO"),
        ("HS codes", "401693"),
        ("Total number of packages", "61 PALLETS"),
        ("Total cargo gross weight", "11868.6 KGM"),
    ],
)


def test_each_caption_names_its_field_and_is_never_a_value() -> None:
    fields = read(EBL + EQUIPMENT + ITEMS)["fields"]
    assert fields["bl_number"] == "ONEY287990422"
    assert fields["carrier_scac"] == "ONEY"
    assert (fields["shipped_on_board_date"], fields["issue_date"]) == ("2025-03-22", "2025-03-24")
    assert fields["freight_terms"] == "collect"
    assert fields["shipper_name"] == "RHEIN METALLTEILE GMBH"
    assert fields["consignee_name"] == "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L. DE C.V."
    assert fields["notify_party_name"] == "AGENCIA ADUANAL GARZA Y ASOCIADOS, S.C."
    assert (fields["vessel"], fields["voyage"]) == ("CMA CGM TAGE", "139W")
    assert fields["goods_description"] == "EMPAQUE DE HULE VULCANIZADO NO ENDURECIDO"
    assert (fields["package_count"], fields["gross_weight_kg"]) == (61, 11868.6)


def test_a_place_named_by_its_un_locode_reads_as_city_and_country() -> None:
    fields = read(EBL + EQUIPMENT + ITEMS)["fields"]
    assert (fields["port_of_loading"], fields["port_of_discharge"]) == ("BUSAN, KOREA", "VERACRUZ, MEXICO")
    assert fields["place_of_delivery"] == "GUADALAJARA"  # no code: the name as printed


def test_each_equipment_section_is_a_cargo_line_across_a_page_break() -> None:
    result = read(EBL + EQUIPMENT + ITEMS)
    assert result["lines"] == [
        {
            "container_number": "TGHU0200650",
            "seal_number": "SH8367706",
            "gross_weight_kg": 1088.1,
            "package_count": 49,
            "description": "EMPAQUE DE HULE VULCANIZADO NO ENDURECIDO",
        },
        {
            "container_number": "MSKU1319889",
            "seal_number": "SH7880049",
            "gross_weight_kg": 10780.5,
            "package_count": 12,
            "description": "EMPAQUE DE HULE VULCANIZADO NO ENDURECIDO",
        },
    ]
    assert result["warnings"] == []


def test_a_wrapped_value_goes_on_under_its_column() -> None:
    goods = [(48, f"{'Description of goods':<36}LAMINA DE ALEACION DE ALUMINIO,"), (48, " " * 36 + "ESPESOR 0.2 MM")]
    fields = read(EBL + goods + ITEMS[2:])["fields"]
    assert fields["goods_description"] == "LAMINA DE ALEACION DE ALUMINIO, ESPESOR 0.2 MM"


def test_a_name_or_place_in_small_letters_only_is_a_caption_and_goes_to_review() -> None:
    builder = ResultBuilder()
    builder.set("consignee_name", "party name", 0.97)
    builder.set("port_of_loading", "Port of loading", 0.97)
    bl_checks(builder)
    assert [(w["code"], w["field"]) for w in builder.warnings] == [("value_shape", "consignee_name")]
    read_right = ResultBuilder()
    read_right.set("consignee_name", "Ensambles Electronicos de Reynosa", 0.97)
    bl_checks(read_right)
    assert read_right.warnings == []


def test_a_caption_left_blank_is_no_section_title() -> None:
    # (titles stand left of the captions; a caption alone at the captions' edge is a row whose value is blank)
    at = EQUIPMENT.index((48, f"{'Seals':<36}SH8367706"))
    rows = EBL + EQUIPMENT[: at + 1] + [(48, "Is shipper owned")] + EQUIPMENT[at + 1 :]
    result = read(rows)
    assert [(ln["gross_weight_kg"], ln["package_count"]) for ln in result["lines"]] == [(1088.1, 49), (10780.5, 12)]


def read_scanned(rows: list[tuple[float, str]]) -> dict:
    """The rows as OCR reads them (words with a confidence under 1)."""
    text = page_from(rows)
    words = [Word(w.text, w.x0, w.top, w.x1, w.bottom, 0.9) for w in text.words]
    doc = DocumentText("application/pdf", [PageText(1, text.text, words, "ocr", None, 612, 792, 0)])
    builder = extract_bill_of_lading(doc)
    return {
        "fields": {k: v["value"] for k, v in builder.fields.items()},
        "lines": [{k: v["value"] for k, v in line.items()} for line in builder.lines],
    }


def test_a_scanned_line_weight_misread_beyond_a_digit_is_what_the_total_and_its_pounds_say() -> None:
    goods = [
        GOODS[0],
        (30, "             26  CINTA ADHESIVA DE PLASTICO                       2,0073                5,660"),
        (30, "             10  CINTA ADHESIVA DE PLASTICO                        294.2                  649"),
        (30, "             36  TOTAL                                           2,861.5                6,309"),
    ]
    got = read_scanned(STRAIGHT_BILL + goods)
    assert [ln["gross_weight_kg"] for ln in got["lines"]] == [2567.3, 294.2]
    # (pounds that do not match what the total leaves: the misreading stays, for review)
    other = [goods[0], (30, goods[1][1].replace("5,660", "5,990")), goods[2], goods[3]]
    assert [ln["gross_weight_kg"] for ln in read_scanned(STRAIGHT_BILL + other)["lines"]] == [2.0073, 294.2]


def test_scanned_slips_in_an_ebl_copy() -> None:
    equipment = [
        *_rows(
            "Utilized Transport Equipment 1",
            [
                ("Equipment reference", "TGHU0200650"),
                ("Seals", "$H8367706"),
                ("Cargo gross weight", "1088:1 KGM"),
                ("Number of packages", "a"),
            ],
        ),
    ]
    items = _rows(
        "Consignment Items", [("Total number of packages", "49PALLETS"), ("Total cargo gross weight", "1088.1 KGM")]
    )
    got = read_scanned(EBL + equipment + items)
    assert got["fields"]["package_count"] == 49
    assert got["lines"][0]["seal_number"] == "SH8367706"
    assert got["lines"][0]["gross_weight_kg"] == 1088.1
    assert got["lines"][0]["package_count"] == 49  # what the total leaves for the one line OCR could not read


def test_scanned_names_and_descriptions_get_their_marks_back() -> None:
    rows = [
        (40, "ELECTRONIC BILL OF LADING"),
        *_rows(
            "Parties",
            [
                ("Shipper - party name", "CMA CGMS.A."),
                ("Consignee - party name", "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE RL. DE C.V."),
                ("Notify party - party name", "AGENCIA ADUANAL GARZA Y ASOCIADOS, S.C."),
                ("Vessel name", "CMA CGM TAGE"),
                ("Description of goods", "LAMINA DE ALUMINIO, ESPESOR 0:2 MM"),
            ],
        ),
    ]
    fields = read_scanned(rows)["fields"]
    assert fields["shipper_name"] == "CMA CGM S.A."
    assert fields["consignee_name"] == "ENSAMBLES ELECTRONICOS DE REYNOSA S. DE R.L. DE C.V."
    assert fields["goods_description"] == "LAMINA DE ALUMINIO, ESPESOR 0.2 MM"


def test_a_scanned_container_with_a_character_too_many_under_its_caption() -> None:
    equipment = _rows(
        "Utilized Transport Equipment 1",
        [("Equipment reference", "CSQUS5919819"), ("Seals", "EU3766853"), ("Number of packages", "48")],
    )
    lines = read_scanned(EBL + equipment)["lines"]
    assert [(ln["container_number"], ln["package_count"]) for ln in lines] == [("CSQU5919819", 48)]
    assert one_extra("CSQUS5919819") == "CSQU5919819"
    assert one_extra("ABCDE1234567") is None


def test_ocr_measures_a_runs_type_by_its_plain_capitals() -> None:
    # (an accent or a speck makes OCR box a word of smaller type taller than the carrier's name)
    def word(text: str, x0: float, height: float) -> Word:
        return Word(text, x0, 30.0, x0 + 6 * len(text), 30.0 + height, 0.9)

    name = [word("TRANSPORT", 32, 7.9), word("LAURENTIEN", 100, 7.9), word("INC.", 171, 7.9)]
    title = [
        word("CONNAISSEMENT", 32, 6.5),
        word("À", 115, 7.9),
        word("PERSONNE", 124, 6.5),
        word("DÉNOMMÉE", 180, 8.3),
    ]
    assert _ocr_type_height(name) > _ocr_type_height(title)


def _scanned_builder(rows: list[tuple[float, str]], confidence: float) -> dict:
    text = page_from(rows)
    words = [Word(w.text, w.x0, w.top, w.x1, w.bottom, confidence) for w in text.words]
    doc = DocumentText("application/pdf", [PageText(1, text.text, words, "ocr", None, 612, 792, 0)])
    builder = extract_bill_of_lading(doc)
    return {"fields": builder.fields, "lines": builder.lines}


def test_doubtful_scanned_counts_that_add_up_to_the_totals_row_vouch_for_one_another() -> None:
    goods = [
        GOODS[0],
        (30, "             12  CINTA ADHESIVA DE PLASTICO                        294.2                  649"),
        (30, "              8  CINTA ADHESIVA DE PLASTICO                        520.0                1,146"),
        (30, "             20  TOTAL                                             814.2                1,795"),
    ]
    got = _scanned_builder(STRAIGHT_BILL + goods, 0.6)
    assert [ln["package_count"]["value"] for ln in got["lines"]] == [12, 8]
    assert all(ln["package_count"]["confidence"] >= 0.9 for ln in got["lines"])
    assert all(ln["gross_weight_kg"]["confidence"] >= 0.9 for ln in got["lines"])
    wrong = [*goods[:3], (30, goods[3][1].replace(" 20  TOTAL", " 21  TOTAL"))]
    got = _scanned_builder(STRAIGHT_BILL + wrong, 0.6)
    assert all(ln["package_count"]["confidence"] < 0.7 for ln in got["lines"])


def test_a_doubtful_scanned_bl_number_printed_again_on_a_later_page_is_vouched_for() -> None:
    rows = EBL + [(40, "Transport document reference ONEY287990422 (continued)")]
    got = _scanned_builder(rows, 0.5)
    assert got["fields"]["bl_number"]["value"] == "ONEY287990422"
    assert got["fields"]["bl_number"]["confidence"] >= 0.9
    assert _scanned_builder(EBL, 0.5)["fields"]["bl_number"]["confidence"] < 0.7
