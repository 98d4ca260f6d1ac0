"""B/L rules for an NVOCC's house waybill (its own SCAC opening its number, containers with the check digit set
apart) and a Carta Porte's goods table (the quantity after the description, keys and tariff items beside)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractors.bill_of_lading import extract_bill_of_lading, issuer_scac
from extractors.text import DocumentText, TextOptions, read_text
from tests.synth import bills, data
from tests.synth.score import score_result
from tests.unit.test_bl_shapes import page_from


def test_a_house_bill_opens_with_its_issuers_scac() -> None:
    assert issuer_scac("PBLQYOK81569880", "PACIFIC BRIDGE LOGISTICS LTD.")
    assert issuer_scac("TMCZSHA12345678", "TRANSMARINE CONSOLIDATORS INC.")
    assert issuer_scac("OSFHNGB87654321", "ORIENT STAR FREIGHT (HK) LIMITED")
    # another issuer's number, a number without a serial, letters the name does not hold in that order
    assert not issuer_scac("MAEU123456789", "PACIFIC BRIDGE LOGISTICS LTD.")
    assert not issuer_scac("PBLQ", "PACIFIC BRIDGE LOGISTICS LTD.")
    assert not issuer_scac("PLBQ12345678", "PACIFIC BRIDGE LOGISTICS LTD.")


def test_containers_with_their_check_digit_apart_end_the_goods_described_once() -> None:
    rows = [
        (30, "SAID TO CONTAIN: PARTES PARA TRANSFORMADORES"),
        (30, "Container No.    Seal No.     Type   Pkgs      Gross Weight (KGS)   CBM"),
        (30, "MAEU 157387-4    5975271      40HC   4 CTNS    9,115.20             45.073"),
        (30, "MSCU 261345-6    ML-4882664   40HC   28 CTNS   9,390.00             40.591"),
    ]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    descriptions = {line["description"]["value"] for line in builder.lines}
    assert descriptions == {"PARTES PARA TRANSFORMADORES"}


@pytest.mark.parametrize(("printed", "terms"), [("Flete: Pagado", "prepaid"), ("Flete: Por cobrar", "collect")])
def test_freight_terms_after_a_spanish_label(printed: str, terms: str) -> None:
    rows = [(30, "CARTA PORTE"), (30, "Remitente: X"), (30, printed)]
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    assert builder.fields["freight_terms"]["value"] == terms


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("arrangement", ["waybill", "cartaporte"])
def test_house_waybill_and_carta_porte_read_whole(tmp_path: Path, arrangement: str, seed: int) -> None:
    rng = random.Random(f"unit-bl-round5/{arrangement}/{seed}")
    truth = data.bill_of_lading(rng, bills.KIND[arrangement], 1 + seed)
    path = tmp_path / f"{arrangement}.pdf"
    bills.render(truth, arrangement, path, rng)
    builder = extract_bill_of_lading(read_text(path, "application/pdf", TextOptions()))
    result = {"fields": builder.fields, "lines": builder.lines, "references": builder.references}
    assert score_result(truth, result).errors == []


def test_a_carta_porte_printed_from_its_cfdi_is_a_road_bill_with_its_title_beside_the_carrier() -> None:
    from extractors.classify import classify_text

    text = (
        "AUTOTRANSPORTES DEL NORTE SA DE CV CARTA PORTE\nRégimen fiscal: 601 Lugar de expedición: 88000\n"
        "Folio fiscal: 04B656CD-4669-7BBE-C3C4-CFD0A741417A\nRemitente / Origen Destinatario / Destino\n"
        "Autotransporte\nPlacas: 27-AK-550 Remolque: CJ10892\nFlete: Pagado\nSello digital del CFDI:\n"
        "Sello del SAT:\nEste documento es una representación impresa de un CFDI"
    )
    found = classify_text(text)
    assert found.doc_type == "bill_of_lading"
    assert found.confidence >= 0.7
