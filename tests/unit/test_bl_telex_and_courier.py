"""A surrendered ocean B/L's copy (telex release) and an express courier's waybill: the carrier's code after its
colon on a head line set small, the vessel and voyage under one caption, a stamp's lines beside the notify box, the
cargo heading's second line; the courier's number, parties, pieces, weight, contents and who pays the carriage."""

from __future__ import annotations

from extractors import review  # noqa: F401  (registers the codes that send a reading to review)
from extractors.bill_of_lading import extract_bill_of_lading
from extractors.bl_blocks import clean_description
from extractors.bl_checks import bl_checks
from extractors.bl_courier import courier_waybill
from extractors.text import DocumentText, PageText, Word
from tests.unit.review_builders import flagged, reading

WIDTH = 0.5  # a character's width per point of type


def page(rows: list[tuple[float, float, float, str]], source: str = "text_layer") -> PageText:
    """Words placed as printed: (x of the first character, top, type size, text) per row; spaces keep their
    width."""
    words: list[Word] = []
    for x, top, size, text in rows:
        position = 0
        for token in text.split(" "):
            if token:
                x0 = x + position * WIDTH * size
                words.append(Word(token, x0, top, x0 + len(token) * WIDTH * size, top + size, 1.0))
            position += len(token) + 1
    ordered = sorted(rows, key=lambda row: (row[1], row[0]))
    confidence = 0.9 if source == "ocr" else None
    return PageText(1, "\n".join(row[3] for row in ordered), words, source, confidence, 612, 792, 0)


def read(rows: list[tuple[float, float, float, str]], source: str = "text_layer") -> dict:
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page(rows, source)]))
    return {
        "fields": {k: v["value"] for k, v in builder.fields.items()},
        "lines": [{k: v["value"] for k, v in line.items()} for line in builder.lines],
    }


# captions at 5.4 pt, values at 7 pt, the title at 11 pt
SURRENDERED = [
    (28, 16, 10, "PACIFIC LINES"),
    (110, 18, 7, "SCAC CODE: PCLU"),
    (470, 18, 9, "COPY - NON NEGOTIABLE"),
    (262, 30, 11, "BILL OF LADING"),
    (30, 45, 5.4, "Shipper (complete name and address)"),
    (308, 45, 5.4, "B/L No."),
    (33, 55, 7, "SHANGHAI BRIGHT TOOLS CO LTD"),
    (311, 55, 7, "PCLU123456789"),
    (30, 97, 5.4, "Consignee (complete name and address)"),
    (33, 107, 7, "ENSAMBLES DEL NORTE S.A. DE C.V."),
    (314, 120, 14, "TELEX RELEASED"),
    (30, 149, 5.4, "Notify Party (complete name and address)"),
    (314, 157, 7, "CARGO TO BE RELEASED WITHOUT PRESENTATION OF"),
    (33, 164, 7, "AGENCIA ADUANAL DEL PUERTO, S.C."),
    (314, 169, 7, "ORIGINAL BILL OF LADING"),
    (30, 201, 5.4, "Place of Receipt"),
    (308, 201, 5.4, "Ocean Vessel Voy. No."),
    (447, 201, 5.4, "Port of Loading"),
    (33, 211, 7, "SHANGHAI, CHINA"),
    (311, 211, 7, "EVER GIVEN 128E"),
    (450, 211, 7, "SHANGHAI, CHINA"),
    (30, 253, 5.4, "Marks & Nos. Container / Seal No."),
    (150, 253, 5.4, "No. of Containers"),
    (220, 253, 5.4, "Description of Goods"),
    (466, 253, 5.4, "Gross Weight (KGS)"),
    (540, 253, 5.4, "Measurement (CBM)"),
    (150, 259, 5.4, "or Packages"),
    (220, 259, 5.4, "PARTICULARS FURNISHED BY SHIPPER"),
    (222, 275, 7, "SHIPPER'S LOAD, COUNT & SEAL"),
    (222, 284, 7, "SAID TO CONTAIN:"),
    (222, 293, 7, "HERRAMIENTAS DE MANO DE ACERO"),
    (32, 309, 7, "MSCU1234565/SH123456"),
    (152, 309, 7, "1X40HQ"),
    (222, 309, 7, "20 CTNS"),
    (497, 309, 7, "4,120.50"),
    (559, 309, 7, "31.000"),
    (222, 324, 7, "TOTAL: 1 CONTAINER(S) / 20 CARTONS"),
    (497, 324, 7, "4,120.50"),
    (222, 338, 8, "FREIGHT PREPAID"),
]


def test_the_carriers_code_after_its_colon_on_a_head_line_set_small() -> None:
    assert read(SURRENDERED)["fields"]["carrier_scac"] == "PCLU"


def test_the_vessel_and_its_voyage_under_one_caption() -> None:
    fields = read(SURRENDERED)["fields"]
    assert fields["vessel"] == "EVER GIVEN"
    assert fields["voyage"] == "128E"


def test_a_stamps_lines_beside_the_notify_box_are_not_the_notify_party() -> None:
    assert read(SURRENDERED)["fields"]["notify_party_name"] == "AGENCIA ADUANAL DEL PUERTO, S.C."


def test_the_cargo_headings_second_line_and_the_clause_are_no_goods() -> None:
    got = read(SURRENDERED)
    assert [line["description"] for line in got["lines"]] == ["HERRAMIENTAS DE MANO DE ACERO"]
    assert clean_description("SHIPPER'S LOAD, COUNT & SEAL CABLE DE COBRE") == "CABLE DE COBRE"
    assert clean_description("SHIPPERS LOAD COUNT AND SEALED CABLE DE COBRE") == "CABLE DE COBRE"


# a courier's waybill: the courier's name large at the head, numbered sections, the contents' columns
COURIER = [
    (30, 26, 12, "SWIFT PARCEL EXPRESS INC"),
    (30, 42, 7, "International Waybill - sender's copy (not negotiable)"),
    (400, 54, 7, "WAYBILL"),
    (470, 52, 11, "81 2233 4455"),
    (33, 70, 8, "1"),
    (46, 70, 7, "From (Shipper)"),
    (300, 70, 8, "2"),
    (313, 70, 7, "To (Receiver)"),
    (36, 82, 6, "Account no."),
    (100, 82, 7, "123456789"),
    (306, 82, 7, "PLANTA NORTE S.A. DE C.V."),
    (36, 92, 7, "ACME PARTS LLC"),
    (306, 92, 7, "Av. Uno 5, Monterrey, N.L."),
    (36, 102, 7, "100 Main St, Laredo, TX"),
    (306, 102, 6, "Tax id (RFC)"),
    (370, 102, 7, "PNO010101AB1"),
    (33, 130, 8, "3"),
    (46, 130, 7, "Shipment details"),
    (300, 130, 8, "5"),
    (313, 130, 7, "Declared value for customs"),
    (36, 142, 6, "Total pieces"),
    (100, 142, 7, "5"),
    (306, 142, 6, "Invoice no."),
    (370, 142, 7, "A-1001"),
    (36, 152, 6, "Total weight lb"),
    (100, 152, 7, "44.1"),
    (33, 180, 8, "4"),
    (46, 180, 7, "Full description of contents"),
    (230, 180, 6, "Pieces"),
    (280, 180, 6, "Weight kg"),
    (340, 180, 6, "Contents"),
    (245, 192, 7, "2"),
    (295, 192, 7, "8.5"),
    (340, 192, 7, "SOPORTES DE ACERO PARA"),
    (340, 202, 7, "MONTAJE"),
    (245, 212, 7, "3"),
    (295, 212, 7, "11.5"),
    (340, 212, 7, "TORNILLOS DE ACERO"),
    (33, 232, 8, "6"),
    (46, 232, 7, "Services"),
    (300, 232, 8, "7"),
    (313, 232, 7, "Payment"),
    (36, 244, 6, "Pickup date"),
    (100, 244, 7, "02 SEP 2025"),
    (306, 244, 7, "Bill transportation charges to: [ ] Shipper [X] Receiver [ ] Third party"),
    (306, 254, 7, "Bill duties and taxes to: [ ] Shipper [X] Receiver [ ] Third party"),
]


def test_a_courier_waybill_is_read_from_its_sections() -> None:
    fields = read(COURIER)["fields"]
    assert fields["bl_kind"] == "air"
    assert fields["bl_number"] == "8122334455"  # printed spaced under its bar code
    assert fields["carrier_name"] == "SWIFT PARCEL EXPRESS INC"
    assert fields["shipper_name"] == "ACME PARTS LLC"  # the account number's line is no name
    assert fields["consignee_name"] == "PLANTA NORTE S.A. DE C.V."
    assert fields["package_count"] == 5
    assert fields["gross_weight_kg"] == 20.0  # 44.1 lb
    assert fields["issue_date"] == "2025-09-02"
    assert fields["freight_terms"] == "collect"  # the receiver pays the transportation
    assert "vessel" not in fields and "carrier_scac" not in fields


def test_a_courier_waybills_contents_are_its_lines() -> None:
    lines = read(COURIER)["lines"]
    assert lines == [
        {"package_count": 2, "gross_weight_kg": 8.5, "description": "SOPORTES DE ACERO PARA MONTAJE"},
        {"package_count": 3, "gross_weight_kg": 11.5, "description": "TORNILLOS DE ACERO"},
    ]


def test_the_shipper_paying_the_transportation_is_prepaid() -> None:
    rows = [
        row
        if "transportation" not in row[3]
        else (306, 244, 7, "Bill transportation charges to: [X] Shipper [ ] Receiver")
        for row in COURIER
    ]
    assert read(rows)["fields"]["freight_terms"] == "prepaid"


def test_without_its_totals_a_waybills_contents_add_up() -> None:
    rows = [row for row in COURIER if not row[3].startswith("Total") and row[3] not in ("5", "44.1")]
    fields = read(rows)["fields"]
    assert fields["package_count"] == 5
    assert fields["gross_weight_kg"] == 20.0


def test_an_airlines_air_waybill_is_no_courier_waybill() -> None:
    assert courier_waybill(
        "WAYBILL 81 2233 4455\nTo (Receiver)\nTotal pieces 2\nContents: parts\nPickup date 02 SEP 2025"
    )
    iata = "Air Waybill\nConsignee's Name and Address  Receiver\nAirport of Departure  LAREDO\nNo. of Pieces RCP\n"
    assert not courier_waybill(iata + "Declared Value for Customs NCV\nNature and Quantity of Goods")
    truck = "Waybill 81223344\nReceiver  Ship date 02/09/2025\nTrailer 5521  Pieces 12  Contents: parts\n"
    assert not courier_waybill(truck + "Bill transportation charges to: [X] Shipper")


def test_a_carriers_code_read_as_a_word_of_the_form_goes_to_review() -> None:
    for code, wrong in (("BILL", True), ("CODE", True), ("PCLU", False), ("MAEU", False)):
        builder = reading({"carrier_scac": code, "bl_number": "PCLU123456789"})
        bl_checks(builder)
        assert flagged(builder) is wrong, code


def _replaced(rows: list, old: str, new: str) -> list:
    return [(x, top, size, new if text == old else text) for x, top, size, text in rows]


def test_a_scans_misread_caption_word_with_its_colon_is_no_carriers_code() -> None:
    assert read(_replaced(SURRENDERED, "SCAC CODE: PCLU", "scac cone: PCLU"))["fields"]["carrier_scac"] == "PCLU"


def test_on_a_scan_the_headings_second_line_is_known_by_the_column_it_names() -> None:
    rows = _replaced(SURRENDERED, "SHIPPER'S LOAD, COUNT & SEAL", "SHIPPER'S LOAD, COUNT 8 SEAL")  # & read as 8
    got = read(rows, source="ocr")
    assert [line["description"] for line in got["lines"]] == ["HERRAMIENTAS DE MANO DE ACERO"]


def test_the_packages_of_the_totals_row_when_no_line_gave_its_count() -> None:
    rows = _replaced(SURRENDERED, "20 CTNS", "20 CIN5")  # the count's unit unreadable
    assert read(rows)["fields"]["package_count"] == 20


def test_a_scans_specks_around_the_courier_waybills_headings_and_marks() -> None:
    rows = _replaced(COURIER, "SWIFT PARCEL EXPRESS INC", "SWIFT PARCEL EXPRESS INC |")
    rows = [(x, top, size, "IPN" if text == "2" and top == 70 else text) for x, top, size, text in rows]
    rows = _replaced(rows, "To (Receiver)", "ro (Receiver)")
    rows = _replaced(
        rows,
        "Bill transportation charges to: [ ] Shipper [X] Receiver [ ] Third party",
        "Bill transportation charges to: Shipper X Receiver Third party",  # the boxes' brackets lost
    )
    fields = read(rows, source="ocr")["fields"]
    assert fields["carrier_name"] == "SWIFT PARCEL EXPRESS INC"
    assert fields["consignee_name"] == "PLANTA NORTE S.A. DE C.V."
    assert fields["freight_terms"] == "collect"


def test_a_carriers_name_of_fewer_than_three_letters_goes_to_review() -> None:
    for name, wrong in (("2", True), ("E I", True), ("DHL", False), ("FEDERAL EXPRESS CORPORATION", False)):
        builder = reading({"carrier_name": name, "bl_number": "8122334455"})
        bl_checks(builder)
        assert flagged(builder) is wrong, name


def test_a_courier_row_whose_count_a_scan_lost_is_still_read() -> None:
    rows = [(x, top, size, "ie" if (x, top) == (245, 192) else text) for x, top, size, text in COURIER]
    lines = read(rows, source="ocr")["lines"]
    assert lines[0] == {"gross_weight_kg": 8.5, "description": "SOPORTES DE ACERO PARA MONTAJE"}
    assert lines[1]["package_count"] == 3


def test_vessel_and_voyage_captions_a_scan_spaced_a_little_wider_are_still_one() -> None:
    rows = _replaced(SURRENDERED, "Ocean Vessel Voy. No.", "Ocean Vessel   Voy.   No.")
    fields = read(rows, source="ocr")["fields"]
    assert (fields["vessel"], fields["voyage"]) == ("EVER GIVEN", "128E")
