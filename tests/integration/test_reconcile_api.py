"""A printout, its invoice and its validation file, uploaded through the API and processed for real (the
printout is read from its PDF): one pedimento, three sources, no second lots; ``/api/v1/reconciliation`` and the
portal's lot page say which sources agree."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from tests.conftest import drain
from tests.e2e.portal_support import PASSWORD, login, make_pair
from tests.integration.test_api import api, check
from tests.m3_writer import Ped, m3_file

pytestmark = pytest.mark.integration
__all__ = ["api"]


def validation_file_of(truth: dict[str, Any]) -> bytes:
    return m3_file([ped_of(truth)])


def ped_of(truth: dict[str, Any]) -> Ped:
    f = truth["fields"]
    number = f["pedimento_number"]
    records: dict[str, list[dict[str, Any]]] = {
        "506": [
            {"date_type": "1", "date": date.fromisoformat(f["entry_date"])},
            {"date_type": "2", "date": date.fromisoformat(f["payment_date"])},
        ]
    }
    for ref in truth["references"]:
        if ref["kind"] in ("invoice", "cove"):
            records.setdefault("505", []).append({"invoice_number": ref["value"], "currency": "USD"})
        elif ref["kind"] == "bl":
            records.setdefault("503", []).append({"guide_number": ref["value"]})
        elif ref["kind"] == "container":
            records.setdefault("504", []).append({"container_number": ref["value"]})
    partidas = [
        {
            k: line.get(k)
            for k in (
                "sequence",
                "tariff_code",
                "nico",
                "description",
                "umc",
                "umc_quantity",
                "umt",
                "umt_quantity",
                "customs_value_mxn",
                "paid_price_mxn",
                "unit_price",
            )
        }
        for line in truth["lines"]
    ]
    header = {
        "operation_type": "1",
        "clave": f["clave"],
        "entry_exit_section": f["customs_office"],
        "importer_exporter_rfc": f["importer_exporter_rfc"],
        "exchange_rate": f["exchange_rate"],
        "gross_weight_kg": f["gross_weight_kg"],
        "importer_exporter_name": f["importer_exporter_name"],
    }
    return Ped(number[4:8], number[8:], number[2:4] + "0", header, records, partidas)


def test_reconciliation_through_the_api_and_the_portal(api: dict[str, Any]) -> None:
    call, services = api["call"], api["services"]
    pair = make_pair(api["tmp"] / "docs")
    number = pair["pedimento"]["fields"]["pedimento_number"]
    uploads = [
        (pair["pedimento_path"].open("rb"), "pedimento.pdf"),
        (pair["invoice_path"].open("rb"), "invoice.pdf"),
        (io.BytesIO(validation_file_of(pair["pedimento"])), "m3-validacion.txt"),
    ]
    for stream, name in uploads:
        r = call("clerk_a", "POST", "/api/v1/documents", data={"file": (stream, name)})
        assert r.status_code in (200, 201, 202), r.get_json()
    drain(services)
    lots = check(call("auditor_a", "GET", "/api/v1/lots"), "/lots", "GET")["lots"]
    assert [(lot["pedimento_number"], lot["sequence"]) for lot in lots] == [(number, 1), (number, 2)]
    body = check(call("auditor_a", "GET", f"/api/v1/reconciliation?pedimento={number}"), "/reconciliation", "GET")
    [ped] = body["pedimentos"]
    assert ped["reference"] == "structured"
    kinds = {(s["kind"], s["filename"]) for s in ped["sources"]}
    assert ("structured", "m3-validacion.txt") in kinds  # one pedimento: the validation file is its document
    assert ("printout", "pedimento.pdf") in kinds and ("invoice", "invoice.pdf") in kinds
    assert not [f for f in ped["findings"] if f["code"] in ("missing_printout", "missing_structured")]
    assert check(call("clerk_b", "GET", "/api/v1/reconciliation"), "/reconciliation", "GET")["pedimentos"] == []
    # the portal's lot page shows the sources
    from web import create_app

    client = create_app(services).test_client()
    assert login(client, "auditor@a.mx", PASSWORD).status_code == 302
    html = client.get(f"/lots/{number}/1", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'id="sources"' in html and "Sources of the pedimento" in html and "pedimento.pdf" in html
    m3_doc = next(s["document_id"] for s in ped["sources"] if s["kind"] == "structured")
    page = client.get(f"/documents/{m3_doc}", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and "m3-validacion.txt" in page.get_data(as_text=True)
    text = page.get_data(as_text=True)
    assert "validation file (M3)" in text and f"501|{number[4:8]}|{number[8:]}|" in text  # shown as text
    # the same pedimento in a Data Stage extract: the ZIP's page opens, and still one set of lots
    from tests.m3_writer import datastage_zip

    paid = date.fromisoformat(pair["pedimento"]["fields"]["payment_date"])
    zipped = datastage_zip([ped_of(pair["pedimento"])], payment={number[8:]: paid})
    r = call("clerk_a", "POST", "/api/v1/documents", data={"file": (io.BytesIO(zipped), "ds.zip")})
    ds_doc = r.get_json()["result"]["document_id"]
    drain(services)
    assert client.get(f"/documents/{ds_doc}", headers={"Accept-Language": "en"}).status_code == 200
    again = check(call("auditor_a", "GET", "/api/v1/lots"), "/lots", "GET")["lots"]
    assert [(lot["pedimento_number"], lot["sequence"], lot["imported_quantity"]) for lot in again] == [
        (lot["pedimento_number"], lot["sequence"], lot["imported_quantity"]) for lot in lots
    ]
    spanish = client.get(f"/lots/{number}/1", headers={"Accept-Language": "es-MX"}).get_data(as_text=True)
    assert "Fuentes del pedimento" in spanish or "Sources of the pedimento" not in spanish
