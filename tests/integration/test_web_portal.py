"""The portal's pages at work on the embedded backend, through the real forms: a clerk uploads a pedimento and its
invoice (and a file that is refused, with the reason), follows their status, sees page images with the field
boxes, corrects a value (kept beside the machine's), confirms, imports a BOM (row errors named); an auditor
searches, opens the lot and its chain and the dashboard; the language follows the browser or the user's choice."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from evidence.chain.models import Correction
from evidence.models import Document
from immex.services import Services
from tests.conftest import drain
from tests.e2e.portal_support import PASSWORD, add_document, csrf_of, field, login, make_pair, seed_companies, small_pdf
from web import create_app

pytestmark = pytest.mark.integration


def signed_in(app: Any, email: str) -> Any:
    client = app.test_client()
    assert login(client, email, PASSWORD).status_code == 302
    return client


@pytest.fixture
def portal(embedded_services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(embedded_services)
    return {**ids, "services": embedded_services, "app": create_app(embedded_services), "tmp": tmp_path}


@pytest.fixture
def processed(portal: dict[str, Any]) -> dict[str, Any]:
    """The clerk uploads a pedimento, its invoice and a text file, as the page's script does (one XHR each)."""
    clerk = signed_in(portal["app"], "clerk@a.mx")
    token = csrf_of(clerk.get("/upload").get_data(as_text=True))
    pair = make_pair(portal["tmp"] / "docs")
    headers = {"X-CSRF-Token": token, "X-Requested-With": "XMLHttpRequest", "Accept-Language": "en"}
    results = []
    for name, data in [
        ("pedimento.pdf", pair["pedimento_path"].read_bytes()),
        ("invoice.pdf", pair["invoice_path"].read_bytes()),
        ("notes.txt", b"call the broker on monday"),
    ]:
        response = clerk.post("/upload", data={"files": (io.BytesIO(data), name)}, headers=headers)
        results.append((response.status_code, response.get_json()["results"][0]))
    drain(portal["services"])
    return {**portal, "clerk": clerk, "pair": pair, "results": results}


def test_uploads_report_each_file_and_refusals_say_why(processed: dict[str, Any]) -> None:
    (s1, r1), (s2, r2), (s3, r3) = processed["results"]
    assert (s1, r1["status"], s2, r2["status"]) == (200, "accepted", 200, "accepted")
    assert s3 == 422 and r3["status"] == "rejected" and r3["code"] == "unsupported_type"
    assert "only PDF, PNG, JPEG, TIFF and XML" in r3["message"]
    clerk = processed["clerk"]
    status = clerk.get(f"/documents/status.json?ids={r1['document_id']},{r2['document_id']},{r3['document_id']}")
    states = {d["id"]: (d["status"], d["done"]) for d in status.get_json()["documents"]}
    assert states == {
        r1["document_id"]: ("processed", True),
        r2["document_id"]: ("processed", True),
        r3["document_id"]: ("quarantined", True),
    }
    listing = clerk.get("/documents?status=quarantined").get_data(as_text=True)
    assert "notes.txt" in listing and "pedimento.pdf" not in listing
    assert "pedimento.pdf" in clerk.get("/documents?doc_type=pedimento").get_data(as_text=True)
    number = processed["pair"]["pedimento"]["fields"]["pedimento_number"]
    found = clerk.get(f"/documents?q={number[-7:]}").get_data(as_text=True)
    assert "pedimento.pdf" in found and "invoice.pdf" not in found


def test_the_document_page_draws_field_boxes_over_the_page_image(processed: dict[str, Any]) -> None:
    clerk, services = processed["clerk"], processed["services"]
    doc_id = processed["results"][0][1]["document_id"]
    html = clerk.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert f'src="/documents/{doc_id}/pages/1.png"' in html
    assert '<svg class="boxes" viewBox="0 0 ' in html and "<rect " in html and 'href="#f-pedimento_number"' in html
    assert 'id="f-pedimento_number"' in html
    image = clerk.get(f"/documents/{doc_id}/pages/1.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    with services.db.session() as db:
        sha = db.get(Document, doc_id).sha256  # type: ignore[union-attr]
    assert list((services.settings.data_dir / "cache" / "pages" / sha).glob("1@*.png"))  # cached on disk
    assert clerk.get(f"/documents/{doc_id}/pages/99.png").status_code == 404
    original = clerk.get(f"/documents/{doc_id}/original")
    assert original.data == processed["pair"]["pedimento_path"].read_bytes()


def test_a_correction_sits_beside_the_machine_value_and_is_audited(processed: dict[str, Any]) -> None:
    clerk, services = processed["clerk"], processed["services"]
    doc_id = processed["results"][1][1]["document_id"]
    page = clerk.get(f"/documents/{doc_id}").get_data(as_text=True)
    token = csrf_of(page)
    response = clerk.post(
        f"/documents/{doc_id}/corrections",
        data={"csrf_token": token, "field": "total_amount", "value": "12,345.67", "reason": "freight included"},
    )
    assert response.status_code == 302
    with services.db.session() as db:
        row = db.scalars(select(Correction).where(Correction.document_id == doc_id)).one()
        assert row.corrected_value == 12345.67 and row.actor == "clerk@a.mx" and row.machine_value != 12345.67
    html = clerk.get(f"/documents/{doc_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<span class="corrected" data-field="total_amount">12,345.67</span>' in html
    assert "freight included" in html
    bad = clerk.post(
        f"/documents/{doc_id}/corrections",
        data={"csrf_token": token, "field": "total_amount", "value": "twelve"},
        headers={"Accept-Language": "en"},
    )
    # refused on the form (not an error page), with the reason beside the field
    assert bad.status_code == 422 and "twelve is not a number" in bad.get_data(as_text=True)
    confirm = clerk.post(f"/documents/{doc_id}/confirm", data={"csrf_token": token})
    assert confirm.status_code == 302
    with services.db.session() as db:
        doc = db.get(Document, doc_id)
        assert doc is not None and doc.needs_review is False and doc.status_code == "confirmed"


def test_the_auditor_searches_and_follows_the_chain(processed: dict[str, Any]) -> None:
    auditor = signed_in(processed["app"], "auditor@a.mx")
    pair = processed["pair"]
    number = pair["pedimento"]["fields"]["pedimento_number"]
    partida = pair["pedimento"]["lines"][0]
    searches = [
        f"pedimento={number}",
        f"fraccion={partida['tariff_code'][:4]}",
        f"rfc={pair['pedimento']['fields']['importer_exporter_rfc']}",
        f"pedimento={number[-6:]}&date_from=2000-01-01",
    ]
    for query in searches:
        html = auditor.get(f"/search?{query}").get_data(as_text=True)
        assert "pedimento.pdf" in html, query
        assert f"/lots/{number}/1" in html, query
    by_number = auditor.get(f"/search?pedimento={number}").get_data(as_text=True)
    assert "invoice.pdf" in by_number  # the pedimento's linked invoice comes with it
    nothing = auditor.get("/search?pedimento=111111111111111").get_data(as_text=True)
    assert "pedimento.pdf" not in nothing
    lot = auditor.get(f"/lots/{number}/1", headers={"Accept-Language": "en"})
    html = lot.get_data(as_text=True)
    assert lot.status_code == 200
    ped_id, inv_id = (r[1]["document_id"] for r in processed["results"][:2])
    assert f'href="/documents/{ped_id}"' in html and f'href="/documents/{inv_id}"' in html
    assert "Balance" in html and "Due" in html
    assert auditor.get("/dashboard").status_code == 200
    assert auditor.get("/lots?status=expired").status_code == 200
    clerk_b = signed_in(processed["app"], "clerk@b.mx")
    assert clerk_b.get(f"/lots/{number}/1").status_code == 404
    assert "pedimento.pdf" not in clerk_b.get(f"/search?pedimento={number}").get_data(as_text=True)


def test_the_review_queue_puts_the_riskiest_first(portal: dict[str, Any]) -> None:
    services, tmp = portal["services"], portal["tmp"]
    sure = add_document(
        services,
        portal["a"],
        small_pdf(tmp / "1.pdf", "one"),
        filename="sure.pdf",
        fields={"x": field("1", 0.99)},
        needs_review=True,
    )
    shaky = add_document(
        services,
        portal["a"],
        small_pdf(tmp / "2.pdf", "two"),
        filename="shaky.pdf",
        fields={"x": field("1", 0.31)},
        needs_review=True,
    )
    clerk = signed_in(portal["app"], "clerk@a.mx")
    html = clerk.get("/review", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert html.index(f'data-id="{shaky}"') < html.index(f'data-id="{sure}"')
    assert "low confidence" in html


def test_bom_upload_names_the_rows_to_fix(portal: dict[str, Any]) -> None:
    clerk = signed_in(portal["app"], "clerk@a.mx")
    token = csrf_of(clerk.get("/bom").get_data(as_text=True))
    bad = b"producto,componente,cantidad,unidad\nARN-1,PN-1,2,PZA\nARN-1,PN-2,muchos,PZA\n"
    response = clerk.post(
        "/bom", data={"csrf_token": token, "file": (io.BytesIO(bad), "bom.csv")}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="bom-problems"' in html and "<td>3</td>" in html and "nothing was saved" in html
    good = b"producto,componente,cantidad,unidad\nARN-1,PN-1,2,PZA\nARN-1,PN-2,0.5,KG\n"
    ok = clerk.post(
        "/bom", data={"csrf_token": token, "file": (io.BytesIO(good), "bom.csv")}, headers={"Accept-Language": "en"}
    )
    assert ok.status_code == 200 and 'id="bom-result"' in ok.get_data(as_text=True)


def test_the_language_follows_the_browser_then_the_users_choice(portal: dict[str, Any]) -> None:
    client = portal["app"].test_client()
    assert "Iniciar sesión" in client.get("/login").get_data(as_text=True)  # Spanish by default
    assert "Sign in" in client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    clerk = signed_in(portal["app"], "clerk@a.mx")
    token = csrf_of(clerk.get("/documents").get_data(as_text=True))
    clerk.post("/language", data={"csrf_token": token, "locale": "en", "next": "/documents"})
    html = clerk.get("/documents", headers={"Accept-Language": "es-MX"}).get_data(as_text=True)
    assert 'lang="en"' in html and ">Documents<" in html
    again = signed_in(portal["app"], "clerk@a.mx")  # the choice is the user's, kept across sessions
    assert 'lang="en"' in again.get("/documents", headers={"Accept-Language": "es"}).get_data(as_text=True)


def test_mail_provenance_is_shown_on_the_page_and_in_the_api(portal: dict[str, Any]) -> None:
    services = portal["services"]
    doc_id = add_document(services, portal["a"], small_pdf(portal["tmp"] / "m.pdf", "mail"), filename="factura.pdf")
    provenance = {
        "message_id": "<abc.123@proveedor.example>",
        "subject": "Factura F-1001 <urgente>",
        "mail_date": "Tue, 24 Nov 2026 10:00:00 -0600",
        "from": "Proveedor <facturas@proveedor.example>",
    }
    with services.db.session() as db:
        doc = db.get(Document, doc_id)
        assert doc is not None
        doc.source, doc.sender, doc.provenance = "email", "facturas@proveedor.example", provenance
    clerk = signed_in(portal["app"], "clerk@a.mx")
    html = clerk.get(f"/documents/{doc_id}").get_data(as_text=True)
    for text in (
        "&lt;abc.123@proveedor.example&gt;",
        "Factura F-1001 &lt;urgente&gt;",
        "facturas@proveedor.example",
        "Tue, 24 Nov 2026 10:00:00 -0600",
    ):
        assert text in html
    from web.accounts.service import create_token

    with services.db.session() as db:
        token = create_token(db, email="auditor@a.mx", company_id=portal["a"])
    body = (
        portal["app"]
        .test_client()
        .get(f"/api/v1/documents/{doc_id}", headers={"Authorization": f"Bearer {token}"})
        .get_json()
    )
    assert body["provenance"] == provenance and body["sender"] == "facturas@proveedor.example"


def test_xml_is_shown_as_text_and_images_as_they_are(portal: dict[str, Any], corpus: Path) -> None:
    from PIL import Image

    from intake.accept import IncomingDocument, accept

    services = portal["services"]
    xml = corpus / "cfdi-cfdiutils" / "cfdi40-valid.xml"
    png = portal["tmp"] / "scan.png"
    Image.new("RGB", (300, 200), "white").save(png)
    tiff = portal["tmp"] / "scan.tif"
    Image.new("RGB", (300, 200), "white").save(tiff, save_all=True, append_images=[Image.new("RGB", (300, 200))])
    ids = {}
    for path in (xml, png, tiff):
        result = accept(
            services, IncomingDocument(company_id=portal["a"], source="upload", filename=path.name, path=path)
        )
        ids[path.suffix] = result.document_id
    drain(services)
    clerk = signed_in(portal["app"], "clerk@a.mx")
    html = clerk.get(f"/documents/{ids['.xml']}").get_data(as_text=True)
    assert '<pre class="xml">' in html and "&lt;cfdi:Comprobante" in html and "<cfdi:Comprobante" not in html
    image = clerk.get(f"/documents/{ids['.png']}/pages/1.png")
    assert image.status_code == 200 and image.data == png.read_bytes()  # served as it is
    second = clerk.get(f"/documents/{ids['.tif']}/pages/2.png")  # a TIFF frame, converted for the browser
    assert second.status_code == 200 and second.data.startswith(b"\x89PNG")
    assert clerk.get(f"/documents/{ids['.tif']}/pages/3.png").status_code == 404
