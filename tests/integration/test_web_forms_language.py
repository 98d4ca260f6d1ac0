"""Forms refuse bad input on the form, in the user's language, keeping what was typed; English screens show
labels, not stored keys; stored English sentences (warnings, the review note) read in Spanish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from immex.services import Services
from tests.e2e.portal_support import PASSWORD, add_document, csrf_of, field, login, seed_companies, small_pdf
from web import create_app

pytestmark = pytest.mark.integration


@pytest.fixture
def portal(embedded_services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(embedded_services)
    return {**ids, "services": embedded_services, "app": create_app(embedded_services), "tmp": tmp_path}


def client_in(app: Any, language: str) -> Any:
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


@pytest.mark.parametrize(
    ("language", "message"),
    [("es", "El correo o la contraseña no son correctos."), ("en", "The e-mail or the password is not right.")],
)
def test_a_wrong_password_keeps_the_email_and_says_why_in_the_users_language(
    portal: dict[str, Any], language: str, message: str
) -> None:
    client = client_in(portal["app"], language)
    response = login(client, "clerk@a.mx", "not-the-password")
    html = response.get_data(as_text=True)
    assert response.status_code == 401
    assert message in html
    assert 'value="clerk@a.mx"' in html


def test_a_bad_value_stays_on_the_form_with_the_reason_in_spanish(portal: dict[str, Any]) -> None:
    services = portal["services"]
    doc_id = add_document(
        services, portal["a"], small_pdf(portal["tmp"] / "p.pdf"), fields={"customs_value_mxn": field(1250.5)}
    )
    client = client_in(portal["app"], "es-MX")
    assert login(client, "clerk@a.mx", PASSWORD).status_code == 302
    page = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    response = client.post(
        f"/documents/{doc_id}/corrections",
        data={"csrf_token": csrf_of(page), "field": "customs_value_mxn", "value": "doce mil", "reason": "acuse"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "doce mil no es un número." in html  # the reason, in Spanish, beside the field
    assert 'value="doce mil"' in html and 'value="acuse"' in html  # what the clerk typed is still there
    assert "Error 400" not in html


def test_a_refused_form_goes_back_to_its_page_with_the_message(portal: dict[str, Any]) -> None:
    client = client_in(portal["app"], "es")
    assert login(client, "clerk@a.mx", PASSWORD).status_code == 302
    page = client.get("/review").get_data(as_text=True)
    response = client.post(
        "/links",
        data={"csrf_token": csrf_of(page), "from_document_id": "", "to_document_id": ""},
        headers={"Referer": "http://localhost/review"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert response.request.path == "/review"
    assert 'class="error flash"' in html and "Give the numbers of both documents." not in html


def test_english_screens_show_labels_and_spanish_screens_translate_stored_sentences(portal: dict[str, Any]) -> None:
    services = portal["services"]
    doc_id = add_document(
        services,
        portal["a"],
        small_pdf(portal["tmp"] / "inv.pdf"),
        doc_type="commercial_invoice",
        fields={"invoice_number": field("INV-1")},
    )
    from evidence.models import Document, Extraction

    with services.db.session() as db:
        extraction = db.query(Extraction).filter_by(document_id=doc_id).one()
        result = dict(extraction.result)
        result["warnings"] = [
            {
                "code": "check_digit",
                "message": "The RFC XAXX010101001 fails its check digit; check it against the invoice.",
                "field": "buyer_tax_id",
            }
        ]
        extraction.result = result
        doc = db.get(Document, doc_id)
        doc.status_reason = "Reviewed and confirmed by clerk@a.mx"
    english = client_in(portal["app"], "en")
    assert login(english, "clerk@a.mx", PASSWORD).status_code == 302
    html = english.get(f"/documents/{doc_id}").get_data(as_text=True)
    import re

    shown = re.sub(r"<[^>]*>", " ", html.split("<main>")[1])  # the text a person reads, without attributes
    assert "commercial invoice" in shown and "commercial_invoice" not in shown and "text_layer" not in shown
    assert "text layer" in html
    assert "1 page" in html and "1 pages" not in html
    spanish = client_in(portal["app"], "es")
    assert login(spanish, "clerk@a.mx", PASSWORD).status_code == 302
    html = spanish.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "El RFC XAXX010101001 no pasa su dígito verificador; compárelo con la factura." in html
    assert "Revisado y confirmado por clerk@a.mx" in html
    assert "factura comercial" in html and "capa de texto" in html and "1 página" in html


def test_a_missing_page_is_a_page_in_the_users_language(portal: dict[str, Any]) -> None:
    client = client_in(portal["app"], "es")
    assert login(client, "clerk@a.mx", PASSWORD).status_code == 302
    response = client.get("/documents/999999")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "No encontrado" in html and "Error 404" not in html
