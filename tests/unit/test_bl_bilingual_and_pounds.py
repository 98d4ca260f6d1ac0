"""B/L rules for captions printed in two scripts (a Chinese caption before its English wording is one label, never
a value) and for a US railroad's straight bill (package kind and goods in one column, weights in pounds where the
heading says so, the total's kilograms printed under its pounds)."""

from __future__ import annotations

from extractors.bill_of_lading import _SIGNED_RE, extract_bill_of_lading
from extractors.bl_checks import bl_checks
from extractors.bl_scripts import latin_captions
from extractors.bl_units import kilos_beside_pounds
from extractors.layout import FamilyResult
from extractors.text import DocumentText, Word
from tests.unit.test_bl_shapes import page_from, read


def _word(text: str, x0: float, top: float = 10.0) -> Word:
    return Word(text, x0, top, x0 + 5.0 * len(text), top + 7.0, 1.0)


def test_ideographs_before_an_english_caption_are_caption() -> None:
    words = [
        _word("托运人Shipper", 30),
        _word("目的地", 200),
        _word("/", 218),
        _word("Place", 225),
        _word("中远海运集装箱运输有限公司", 30, top=30),
        _word("COSCO", 33, top=40),
    ]
    out = latin_captions(words)
    assert [(w.text, w.x0) for w in out] == [
        ("Shipper", 30),
        ("Place", 200),
        ("中远海运集装箱运输有限公司", 30),
        ("COSCO", 33),
    ]


def test_bilingual_boxes_give_their_values_not_their_chinese_captions() -> None:
    rows = [
        (40, "BILL OF LADING"),
        (40, "提单号 B/L No.              船名 航次 Ocean Vessel Voy. No."),
        (40, "COSU4363793644            MSC ANNA 372N"),
        (40, "卸货港 Port of Discharge    交货地点 Place of Delivery"),
        (40, "LAZARO CARDENAS, MEXICO   CELAYA, GTO."),
        (40, "装船日期 Date Laden on Board 签发地点及日期 Place and Date of Issue"),
        (40, "2024-11-15                KAOHSIUNG  2024-11-16"),
        (40, "正本提单份数 No. of Original B(s)/L 承运人签字 Signed for the Carrier"),
        (40, "THREE (3)                 AS CARRIER: COSCO SHIPPING LINES CO., LTD."),
    ]
    fields = read(rows)["fields"]
    assert fields["port_of_discharge"] == "LAZARO CARDENAS, MEXICO"
    assert fields["place_of_delivery"] == "CELAYA, GTO."
    assert fields["vessel"] == "MSC ANNA"
    assert fields["shipped_on_board_date"] == "2024-11-15"
    assert fields["carrier_name"] == "COSCO SHIPPING LINES CO., LTD."


def test_the_carrier_signs_on_its_own_line() -> None:
    one_line = _SIGNED_RE.search("SIGNED FOR THE CARRIER MAERSK A/S AS CARRIER")
    assert one_line is not None and one_line.group(2) == "MAERSK A/S"
    boxed = _SIGNED_RE.search("No. of Original B(s)/L Signed for the Carrier\nTHREE (3) AS CARRIER: OOCL LIMITED")
    assert boxed is not None and boxed.group(1) == "OOCL LIMITED"


RAIL = [
    (40, "STRAIGHT BILL OF LADING - ORIGINAL - NOT NEGOTIABLE"),
    (40, "UNION PACIFIC RAILROAD COMPANY                     Bill of Lading No.  123456"),
    (40, "No. Pkgs. Kind of Package, Description of Articles,     STCC        Weight (Subject to"),
    (40, "          Special Marks and Exceptions                              Correction) LBS"),
    (40, "      21  PALLETS PIEZA DE PLASTICO MOLDEADA PARA CARCASA 3643920            11,050"),
    (40, "       8  SKIDS CINTA ADHESIVA DE PLASTICO EN ROLLOS      3079950             2,205"),
    (40, "      29  TOTAL PACKAGES / TOTAL GROSS WEIGHT                         13,255 LBS"),
    (40, "                                                                     6,012.4 KGS"),
    (40, "FREIGHT CHARGES: [ ] PREPAID [X] COLLECT [ ] RULE 11"),
]


def test_a_railroad_bill_in_pounds_reads_kilograms() -> None:
    out = read(RAIL)
    lines = [(ln.get("package_count"), ln.get("description"), ln.get("gross_weight_kg")) for ln in out["lines"]]
    assert lines == [
        (21, "PIEZA DE PLASTICO MOLDEADA PARA CARCASA", 5012.2),
        (8, "CINTA ADHESIVA DE PLASTICO EN ROLLOS", 1000.2),
    ]
    assert out["fields"]["gross_weight_kg"] == 6012.4


def test_kilograms_printed_beside_pounds() -> None:
    assert kilos_beside_pounds("TOTAL 13,255 LBS\n6,012.4 KGS\nRULE 11", 11.0) == 6012.4
    assert kilos_beside_pounds("TOTAL 13,255 LBS\n6,012.4 KGS", 6012.4) is None  # read right already
    assert kilos_beside_pounds("TOTAL 13,255 LBS\n4,000.0 KGS", None) is None  # no pair that agrees


def test_goods_described_once_over_a_container_list_inside_the_box() -> None:
    rows = [
        (40, "BILL OF LADING"),
        (40, "B/L No.: COSU4363793644"),
        (40, "Marks & Nos.   No. of Pkgs.  Description of Goods              Gross Weight (KGS)  Measurement (CBM)"),
        (40, "N/M            66 PKGS       SHIPPER'S LOAD, COUNT AND SEAL             23,578.40  95.732"),
        (40, "                             SAID TO CONTAIN:"),
        (40, "                             CINTA ADHESIVA DE PLASTICO EN ROLLOS"),
        (40, "                             SAY: SIXTY-SIX (66) PACKAGES ONLY"),
        (40, "CONTAINER LIST"),
        (40, "Container No.  Seal No.    Type       Pkgs       G.W. KGS   CBM"),
        (40, "CMAU0857111    SH9487762   1X40HQ   10 PKGS     12,986.70  19.751"),
        (40, "OOLU5694909    SH5270171   1X40HQ   56 PKGS     10,591.70  75.981"),
        (40, "                             FREIGHT COLLECT"),
        (40, "Date Laden on Board          Place and Date of Issue"),
        (40, "2024-11-15                   KAOHSIUNG 2024-11-15"),
    ]
    out = read(rows)
    assert [(ln["container_number"], ln.get("description")) for ln in out["lines"]] == [
        ("CMAU0857111", "CINTA ADHESIVA DE PLASTICO EN ROLLOS"),
        ("OOLU5694909", "CINTA ADHESIVA DE PLASTICO EN ROLLOS"),
    ]


def test_a_chinese_caption_or_a_count_in_words_read_as_a_name_goes_to_review() -> None:
    result = FamilyResult()
    result.set("place_of_delivery", "目的地", 0.95)
    result.set("carrier_name", "THREE (3)", 0.85)
    result.set("port_of_discharge", "LAZARO CARDENAS, MEXICO", 0.95)
    bl_checks(result)
    assert sorted(w["field"] for w in result.warnings if w["code"] == "value_shape") == [
        "carrier_name",
        "place_of_delivery",
    ]


def test_one_line_in_pounds_weighs_the_total_printed_in_kilograms() -> None:
    rows = [
        *RAIL[:4],
        RAIL[4],
        (40, "      21  TOTAL PACKAGES / TOTAL GROSS WEIGHT                         11,050 LBS"),
        (40, "                                                                     5,012.3 KGS"),
    ]
    out = read(rows)
    assert [ln.get("gross_weight_kg") for ln in out["lines"]] == [5012.3]
    assert out["fields"]["gross_weight_kg"] == 5012.3


def test_several_lines_in_whole_pounds_weigh_their_pounds_converted() -> None:
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(RAIL)]))
    assert [line["gross_weight_kg"]["value"] for line in builder.lines] == [5012.2, 1000.2]


def test_a_row_of_reference_captions_over_their_values() -> None:
    """Orders, invoice and seals in a grid of captions, each value under its caption: every one is a reference,
    an order list split at its commas, and no value is taken for the cell beside it."""
    rows = [
        (40, "STRAIGHT BILL OF LADING - ORIGINAL - NOT NEGOTIABLE"),
        (40, "Shipper's Ref. (PO)           Invoice          Seal Nos.        Customs broker (MX)"),
        (40, "4560216534, 4538198629        B8515-35         4624104          AGENCIA ADUANAL RUIZ"),
    ]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    refs = {(r["kind"], r["value"]) for r in builder.references}
    assert {("po", "4560216534"), ("po", "4538198629"), ("invoice", "B8515-35"), ("seal", "4624104")} <= refs
    assert ("po", "B8515-35") not in refs


def test_an_invoice_caption_in_running_text_is_no_cell() -> None:
    rows = [
        (40, "BILL OF LADING"),
        (40, "Invoice to be sent with the goods"),
        (40, "A1234 ON ARRIVAL"),
    ]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    assert not [r for r in builder.references if r["kind"] == "invoice"]
