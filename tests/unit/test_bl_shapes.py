"""B/L cargo read by value shapes (``extractors.bl_blocks``), label notes, and the carriers' arrangements."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractors.bill_of_lading import extract_bill_of_lading
from extractors.bl_blocks import cargo_weight, clean_description, seal_shaped
from extractors.text import DocumentText, PageText, TextOptions, Word, read_text
from tests.synth import bills, data
from tests.synth.score import score_result

CHAR = 5.0
LINE = 14.0


def page_from(rows: list[tuple[float, str]], size: float = 10.0) -> PageText:
    """Words placed as printed: (x of the first character, text) per row; spaces keep their width. A word
    starting with ``~`` starts small type to the end of its row (a form's label and its small print)."""
    words: list[Word] = []
    for index, (x, text) in enumerate(rows):
        top = 40.0 + index * LINE
        height = size
        position = 0
        for token in text.split(" "):
            if token.startswith("~"):
                token, height = token[1:], 0.6 * size
                position += 1
            if token:
                x0 = x + position * CHAR
                words.append(Word(token, x0, top, x0 + len(token) * CHAR, top + height, 1.0))
            position += len(token) + 1
    text = "\n".join(row.replace("~", " ") for _, row in rows)
    return PageText(1, text, words, "text_layer", None, 612, 792, 0)


def read(rows: list[tuple[float, str]]) -> dict:
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    return {
        "fields": {k: v["value"] for k, v in builder.fields.items()},
        "lines": [{k: v["value"] for k, v in line.items()} for line in builder.lines],
        "warnings": [w["code"] for w in builder.warnings],
    }


def test_seal_shapes() -> None:
    for seal in ("ML-1234567", "EU7945662", "1234567", "FX12345678", "SH1559351"):
        assert seal_shaped(seal), seal
    for other in ("40HC", "45G1", "22G1", "9'6", "2025", "MSKU1234565", "12,345.000", "12345.6", "40"):
        assert not seal_shaped(other), other


def test_cargo_weight_prefers_kilograms_and_skips_tare_and_net() -> None:
    assert cargo_weight("12,345.000 KGS 27,216.4 LBS") == (12345.0, "12,345.000 KGS")
    assert cargo_weight("Tare Weight: 3,900 kgs  14,100.5 kgs") == (14100.5, "14,100.5 kgs")
    assert cargo_weight("NET WEIGHT 900 KG") is None
    assert cargo_weight("2,204.6 LBS") == (1000.0, "2,204.6 LBS")
    assert cargo_weight("14 PALLETS") is None


def test_descriptions_lose_the_particulars_printed_among_their_words() -> None:
    text = "9 CRATES 12766.500 kgs 40 DRY CAPACITOR CERAMICO Seal Number: EU7945662 Tare Weight: 3,750 kgs 30.5 CBM"
    assert clean_description(text) == "CAPACITOR CERAMICO"
    assert clean_description("MSKU1234565 / ML-1234567 / 40HC CABLE DE COBRE", "ML-1234567") == "CABLE DE COBRE"
    assert clean_description("SHIPPER'S LOAD, STOW AND COUNT") == ""


HEADER = [
    (40, "BILL OF LADING"),
    (40, "B/L No.: MAEU123456789                Port of Loading: NINGBO, CHINA"),
    (40, "Vessel / Voyage: MAERSK ESSEN / 512W  Port of Discharge: MANZANILLO, MEXICO"),
]


def test_container_seal_type_packages_and_weight_on_one_line() -> None:
    rows = [
        *HEADER,
        (40, "PARTICULARS FURNISHED BY SHIPPER"),
        (40, "MSKU9070323 / SEAL 123456 / 40HC / 14 PALLETS / 1,234.500 KGS / 2,721.6 LBS"),
        (40, "CSQU3054383 / SEAL ML-998877 / 20GP / 6 PALLETS / 800.000 KGS / 1,763.7 LBS"),
        (40, "TOTAL PACKAGES: 20 PALLETS            TOTAL GROSS WEIGHT: 2,034.500 KGS"),
    ]
    out = read(rows)
    assert [
        (ln["container_number"], ln["seal_number"], ln["package_count"], ln["gross_weight_kg"]) for ln in out["lines"]
    ] == [("MSKU9070323", "123456", 14, 1234.5), ("CSQU3054383", "ML-998877", 6, 800.0)]
    assert out["fields"]["package_count"] == 20 and out["fields"]["gross_weight_kg"] == 2034.5
    assert "totals_mismatch" not in out["warnings"]


def test_the_seal_under_its_container_and_a_tare_weight_that_is_not_the_cargo() -> None:
    rows = [
        *HEADER,
        (40, "Container Numbers, Seal       Description of Packages and Goods       Gross Cargo Weight"),
        (40, "MSCU1234568                   14 PALLETS                              12,345.000 kgs"),
        (40, "40' HIGH CUBE                 CABLE ELECTRICO DE COBRE"),
        (40, "Seal Number: FX12345678"),
        (40, "Tare Weight: 3,900 kgs"),
    ]
    out = read(rows)
    line = out["lines"][0]
    assert line["container_number"] == "MSCU1234568"
    assert line["seal_number"] == "FX12345678"
    assert line["package_count"] == 14
    assert line["gross_weight_kg"] == 12345.0
    assert line["description"] == "CABLE ELECTRICO DE COBRE"


def test_a_labels_note_is_not_its_value() -> None:
    rows = [
        (40, "BILL OF LADING                           B/L No. MAEU123456789"),
        (40, "Vessel (see clause 1 + 19)               ~Place of Delivery. Applicable only when used as Multimodal"),
        (40, "MAERSK ESSEN                             MONTERREY, N.L."),
    ]
    out = read(rows)
    assert out["fields"]["vessel"] == "MAERSK ESSEN"
    assert out["fields"]["place_of_delivery"] == "MONTERREY, N.L."


def test_a_line_missing_a_seal_others_have_sends_the_document_to_review() -> None:
    rows = [
        *HEADER,
        (40, "Container No.   Seal No.     Packages   Gross Weight (KG)   Description"),
        (40, "MSKU9070323     123456       14         1234.5              CABLE"),
        (40, "CSQU3054383                  6          800.0               CABLE"),
    ]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    from extractors.review import review_checks

    review_checks("bill_of_lading", builder)
    assert "line_incomplete" in [w["code"] for w in builder.warnings]


@pytest.mark.parametrize("arrangement", ["particulars", "stacked"])
def test_carriers_arrangements_read_whole(tmp_path: Path, arrangement: str) -> None:
    rng = random.Random(f"unit-bl-carriers/{arrangement}")
    truth = data.bill_of_lading(rng, "ocean", 3)
    path = tmp_path / f"{arrangement}.pdf"
    bills.render(truth, arrangement, path, rng)
    builder = extract_bill_of_lading(read_text(path, "application/pdf", TextOptions()))
    result = {"fields": builder.fields, "lines": builder.lines, "references": builder.references}
    assert score_result(truth, result).errors == []


def test_containers_repaired_from_ocr_confusions_only_when_the_check_digit_agrees() -> None:
    from extractors.bl_blocks import read_container

    assert read_container("TCLU5116O75") == "TCLU5116075"  # O for 0 in the serial
    assert read_container("TCLUS116075") == "TCLU5116075"  # S for 5
    assert read_container("TC1U5116075") == "TCLU5116075"  # 1 for L in the owner code
    assert read_container("00LU5303835") == "OOLU5303835"
    assert read_container("MSCU5 146231") == "MSCU5146231"  # split in two words
    assert read_container("TCLU5116O76") is None  # a repair that fails the check digit is no container
    assert read_container("MSKU9070324") == "MSKU9070324"  # printed as is: its check digit warns later


def test_weight_separators() -> None:
    from extractors.bl_blocks import weight_figure

    assert weight_figure("12.345,600")[0] == 12345.6  # type: ignore[index]
    assert weight_figure("17.011.600")[0] == 17011.6  # type: ignore[index]
    assert weight_figure("9,111,600", one_container=True)[0] == 9111.6  # type: ignore[index]
    assert weight_figure("47,434.600")[0] == 47434.6  # type: ignore[index]
    assert weight_figure("1,234,567")[0] == 1234567.0  # type: ignore[index]


def test_a_label_word_inside_a_sentence_is_no_label() -> None:
    rows = [
        (40, "HOUSE BILL OF LADING      NOT NEGOTIABLE UNLESS CONSIGNED TO ORDER"),
        (40, "HBL No. MAEU123456789"),
        (40, "Consignee:"),
        (40, "MAQUILADORA DEL NORTE S.A. DE C.V."),
    ]
    assert read(rows)["fields"]["consignee_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."


def test_a_bl_number_ocr_split_after_its_scac() -> None:
    rows = [(40, "BILL OF LADING"), (40, "B/L No.: HLCU8 26934286")]
    assert read(rows)["fields"]["bl_number"] == "HLCU826934286"


def test_a_carta_porte_is_a_road_bill() -> None:
    from extractors.bill_of_lading import bl_kind
    from extractors.classify import classify_text

    text = "CARTA PORTE\nRemitente: X\nDestinatario: Y\nPlacas / Remolque: TR123\nFLETE PAGADO"
    assert bl_kind(text) == "truck"
    assert classify_text(text).doc_type == "bill_of_lading"


@pytest.mark.parametrize("arrangement", ["house", "roadbill"])
def test_forwarder_and_road_arrangements_read_whole(tmp_path: Path, arrangement: str) -> None:
    rng = random.Random(f"unit-bl-more/{arrangement}")
    truth = data.bill_of_lading(rng, bills.KIND[arrangement], 3)
    path = tmp_path / f"{arrangement}.pdf"
    bills.render(truth, arrangement, path, rng)
    builder = extract_bill_of_lading(read_text(path, "application/pdf", TextOptions()))
    result = {"fields": builder.fields, "lines": builder.lines, "references": builder.references}
    assert score_result(truth, result).errors == []
