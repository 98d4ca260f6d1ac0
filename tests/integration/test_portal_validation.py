"""The validation screen's server side on real documents: a CFDI XML with the foreign-trade complement is shown
as a CFDI (issuer, receiver, conceptos, mercancías) with the XML still there; bulk actions download the originals
as one ZIP (audited) and read documents again (a new reading, audited); a saved correction answers in place."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from evidence.models import AuditEvent
from tests.conftest import drain
from tests.e2e.portal_support import add_document, csrf_of, field, small_pdf
from tests.integration.test_web_portal import portal, signed_in  # noqa: F401

pytestmark = pytest.mark.integration


def test_a_cfdi_with_foreign_trade_goods_reads_as_a_cfdi(portal: dict[str, Any], corpus: Path) -> None:  # noqa: F811
    from intake.accept import IncomingDocument, accept

    services = portal["services"]
    xml = corpus / "cfdi-python-satcfdi" / "cfdi_ejemplos" / "comprobante40" / "cfdv40-cce11.xml"
    doc = accept(services, IncomingDocument(company_id=portal["a"], source="upload", filename=xml.name, path=xml))
    drain(services)
    clerk = signed_in(portal["app"], "clerk@a.mx")
    html = clerk.get(f"/documents/{doc.document_id}", headers={"Accept-Language": "es-MX"}).get_data(as_text=True)
    cfdi = html[html.index('<section class="cfdi"') :]
    assert "Juanito Bananas De la Sierra" in cfdi and "BASJ600902KL9" in cfdi  # the receiver
    assert "Complemento de comercio exterior: mercancías" in cfdi
    assert cfdi.count('<td class="mono">n10') == 2  # both mercancías by their part number
    assert '<pre class="xml">' in cfdi  # the XML itself one click away


def test_bulk_download_and_reread(portal: dict[str, Any]) -> None:  # noqa: F811
    services, tmp = portal["services"], portal["tmp"]
    first = add_document(services, portal["a"], small_pdf(tmp / "a.pdf", "A"), filename="a.pdf")
    second = add_document(
        services, portal["a"], small_pdf(tmp / "b.pdf", "B"), filename="b.pdf", fields={"total": field(1)}
    )
    clerk = signed_in(portal["app"], "clerk@a.mx")
    token = csrf_of(clerk.get("/documents").get_data(as_text=True))
    zipped = clerk.post("/documents/bulk", data={"csrf_token": token, "action": "download", "ids": [first, second]})
    assert zipped.status_code == 200 and zipped.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(zipped.data)) as zf:
        assert sorted(zf.namelist()) == [f"{first}-a.pdf", f"{second}-b.pdf"]
        assert zf.read(f"{first}-a.pdf") == (tmp / "a.pdf").read_bytes()
    with services.db.session() as db:
        downloads = db.scalars(select(AuditEvent.object_id).where(AuditEvent.action == "document.downloaded")).all()
    assert sorted(downloads) == sorted([str(first), str(second)])
    # read again: a new reading beside the first, audited; the clerk is told how many were done
    again = clerk.post(
        "/documents/bulk",
        data={"csrf_token": token, "action": "reread", "ids": [first]},
        headers={"Accept-Language": "en"},
        follow_redirects=True,
    )
    assert "1 document done." in again.get_data(as_text=True)
    with services.db.session() as db:
        reread = db.scalars(select(AuditEvent.object_id).where(AuditEvent.action == "document.reextracted")).all()
    assert reread == [str(first)]
    # nothing ticked: a clear message, nothing done
    empty = clerk.post(
        "/documents/bulk", data={"csrf_token": token, "action": "confirm"}, headers={"Accept-Language": "en"}
    )
    assert empty.status_code == 400


def test_a_correction_sent_by_the_page_answers_in_place(portal: dict[str, Any]) -> None:  # noqa: F811
    services, tmp = portal["services"], portal["tmp"]
    doc = add_document(services, portal["a"], small_pdf(tmp / "p.pdf"), filename="p.pdf")
    clerk = signed_in(portal["app"], "clerk@a.mx")
    token = csrf_of(clerk.get(f"/documents/{doc}").get_data(as_text=True))
    xhr = {"X-Requested-With": "XMLHttpRequest", "Accept": "application/json"}
    ok = clerk.post(
        f"/documents/{doc}/corrections",
        data={"csrf_token": token, "field": "pedimento_number", "value": "264335856243715"},
        headers=xhr,
    )
    assert ok.status_code == 200 and ok.get_json()["shown"] == "26 43 3585 6243715"
    bad = clerk.post(
        f"/documents/{doc}/corrections",
        data={"csrf_token": token, "field": "doc_type", "value": "menu"},
        headers={**xhr, "Accept-Language": "en"},
    )
    assert bad.status_code == 422 and bad.get_json()["error"]["message"]
