"""``/api/v1`` on both backends, every response validated against the OpenAPI document the API serves:
upload, documents, extraction, corrections, links (with undo), lots, chain, findings; tokens scoped to one
company; auditors read only; errors as ``{"error": {"code", "message"}}``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import func, select

from evidence.models import Document, QuarantineEntry
from immex.services import Services, build_services
from tests.conftest import drain, embedded_settings
from tests.e2e.portal_support import add_document, make_pair, seed_companies, small_pdf
from web import create_app
from web.accounts.service import create_token, revoke_token
from web.openapi import spec

pytestmark = pytest.mark.integration
SPEC = spec()


def check(response: Any, path: str, method: str) -> Any:
    """Validate ``response`` against the schema the OpenAPI document gives for this path, method and status."""
    operation = SPEC["paths"][path][method.lower()]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {path} answered {status}, which is not documented"
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    body = response.get_json()
    Draft202012Validator({**SPEC, **schema}).validate(body)
    return body


def test_the_openapi_document_is_valid_and_served() -> None:
    from openapi_spec_validator import validate

    validate(SPEC)
    app_spec = create_app_for_spec()
    assert app_spec == SPEC


def create_app_for_spec() -> Any:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(embedded_settings(Path(tmp)))
        try:
            return create_app(services).test_client().get("/api/v1/openapi.json").get_json()
        finally:
            services.close()


@pytest.fixture
def api(services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(services)
    with services.db.session() as db:
        tokens = {
            who: create_token(db, email=f"{who.split('_')[0]}@{who.split('_')[1]}.mx", company_id=ids[who[-1]])
            for who in ("clerk_a", "auditor_a", "clerk_b")
        }
    app = create_app(services)

    def call(who: str | None, method: str, url: str, **kwargs: Any) -> Any:
        headers = kwargs.pop("headers", {})
        if who:
            headers["Authorization"] = f"Bearer {tokens[who]}"
        return app.test_client().open(url, method=method, headers=headers, **kwargs)

    return {**ids, "services": services, "tokens": tokens, "call": call, "tmp": tmp_path}


def test_tokens_are_required_and_checked(api: dict[str, Any]) -> None:
    call = api["call"]
    for headers in ({}, {"Authorization": "Bearer imx_not-a-real-token"}, {"Authorization": "Basic abc"}):
        response = call(None, "GET", "/api/v1/documents", headers=headers)
        assert response.status_code == 401
        assert check(response, "/documents", "GET")["error"]["code"] == "unauthorized"
    assert call("clerk_a", "GET", "/api/v1/documents").status_code == 200
    services = api["services"]
    with services.db.session() as db:
        from web.accounts.models import ApiToken

        token_id = db.scalars(select(ApiToken.id).order_by(ApiToken.id)).first()
        revoke_token(db, token_id=token_id, company_id=api["a"], actor="test")
    assert call("clerk_a", "GET", "/api/v1/documents").status_code == 401


def test_upload_read_and_correct_a_document(api: dict[str, Any], corpus: Path) -> None:
    call, services = api["call"], api["services"]
    xml = corpus / "cfdi-cfdiutils" / "cfdi40-valid.xml"
    created = call("clerk_a", "POST", "/api/v1/documents", data={"file": (xml.open("rb"), "factura.xml")})
    assert created.status_code == 201
    body = check(created, "/documents", "POST")
    doc_id = body["result"]["document_id"]
    assert body["document"]["source"] == "api"
    again = call("clerk_a", "POST", "/api/v1/documents", data={"file": (xml.open("rb"), "copia.xml")})
    assert again.status_code == 200 and check(again, "/documents", "POST")["result"]["status"] == "duplicate"
    drain(services)

    doc = check(call("clerk_a", "GET", f"/api/v1/documents/{doc_id}"), "/documents/{document_id}", "GET")
    assert doc["status"] == "processed" and doc["doc_type"] == "cfdi"
    listing = check(call("clerk_a", "GET", "/api/v1/documents?doc_type=cfdi"), "/documents", "GET")
    assert [d["id"] for d in listing["documents"]] == [doc_id]
    extraction = check(
        call("clerk_a", "GET", f"/api/v1/documents/{doc_id}/extraction"), "/documents/{document_id}/extraction", "GET"
    )
    machine = extraction["result"]["fields"]["total"]["value"]

    fixed = call(
        "clerk_a",
        "POST",
        f"/api/v1/documents/{doc_id}/corrections",
        json={"field": "total", "value": 1234.5, "reason": "printed total"},
    )
    assert fixed.status_code == 201
    row = check(fixed, "/documents/{document_id}/corrections", "POST")
    assert (row["machine_value"], row["corrected_value"], row["actor"]) == (machine, 1234.5, "clerk@a.mx")
    listed = check(
        call("auditor_a", "GET", f"/api/v1/documents/{doc_id}/corrections"),
        "/documents/{document_id}/corrections",
        "GET",
    )
    assert [c["corrected_value"] for c in listed["corrections"]] == [1234.5]
    again = check(
        call("clerk_a", "GET", f"/api/v1/documents/{doc_id}/extraction"), "/documents/{document_id}/extraction", "GET"
    )
    assert again["result"]["fields"]["total"]["value"] == machine  # the machine's value is never overwritten


def test_a_rejected_upload_says_why_and_is_kept(api: dict[str, Any]) -> None:
    call, services = api["call"], api["services"]
    response = call(
        "clerk_a",
        "POST",
        "/api/v1/documents",
        data={"file": (io.BytesIO(b"just some words"), "n.txt")},
        headers={"Accept-Language": "en"},  # naming no language reads the portal's default (Spanish)
    )
    assert response.status_code == 422
    body = check(response, "/documents", "POST")
    assert body["error"]["code"] == "unsupported_type" and "only PDF" in body["error"]["message"]
    with services.db.session() as db:
        assert db.scalar(select(func.count()).select_from(QuarantineEntry)) == 1
    missing = call("clerk_a", "POST", "/api/v1/documents", data={})
    assert missing.status_code == 400 and check(missing, "/documents", "POST")["error"]["code"] == "bad_request"


def test_auditor_tokens_read_only(api: dict[str, Any]) -> None:
    call, services = api["call"], api["services"]
    doc = add_document(services, api["a"], small_pdf(api["tmp"] / "a.pdf"))
    assert call("auditor_a", "GET", f"/api/v1/documents/{doc}").status_code == 200
    attempts = [
        (
            call("auditor_a", "POST", "/api/v1/documents", data={"file": (io.BytesIO(b"%PDF-1.4"), "x.pdf")}),
            "/documents",
        ),
        (
            call("auditor_a", "POST", f"/api/v1/documents/{doc}/corrections", json={"field": "x", "value": 1}),
            "/documents/{document_id}/corrections",
        ),
        (call("auditor_a", "POST", "/api/v1/links", json={"from_document_id": doc, "to_document_id": doc}), "/links"),
        (call("auditor_a", "POST", "/api/v1/links/1/undo", json={"reason": "x"}), "/links/{link_id}/undo"),
    ]
    for response, path in attempts:
        assert response.status_code == 403
        assert check(response, path, "POST")["error"]["code"] == "forbidden"
    with services.db.session() as db:
        assert db.scalar(select(func.count()).select_from(Document)) == 1


def test_another_companys_objects_are_not_found(api: dict[str, Any]) -> None:
    call, services = api["call"], api["services"]
    doc = add_document(services, api["a"], small_pdf(api["tmp"] / "a.pdf"))
    for url, path in [
        (f"/api/v1/documents/{doc}", "/documents/{document_id}"),
        (f"/api/v1/documents/{doc}/extraction", "/documents/{document_id}/extraction"),
        (f"/api/v1/documents/{doc}/corrections", "/documents/{document_id}/corrections"),
        (f"/api/v1/links?document_id={doc}", "/links"),
    ]:
        response = call("clerk_b", "GET", url)
        assert response.status_code == 404, url
        assert check(response, path, "GET")["error"]["code"] == "not_found"
    fix = call("clerk_b", "POST", f"/api/v1/documents/{doc}/corrections", json={"field": "x", "value": 1})
    assert fix.status_code == 404
    listing = check(call("clerk_b", "GET", "/api/v1/documents"), "/documents", "GET")
    assert listing["total"] == 0
    assert call("clerk_a", "GET", f"/api/v1/documents/{doc}").status_code == 200


def test_bad_requests_get_a_clear_json_error(api: dict[str, Any]) -> None:
    call, services = api["call"], api["services"]
    doc = add_document(services, api["a"], small_pdf(api["tmp"] / "a.pdf"))
    not_json = call("clerk_a", "POST", f"/api/v1/documents/{doc}/corrections", data="field=x")
    assert not_json.status_code == 400
    assert check(not_json, "/documents/{document_id}/corrections", "POST")["error"]["code"] == "bad_request"
    no_ped = call("clerk_a", "GET", "/api/v1/chain")
    assert no_ped.status_code == 400 and check(no_ped, "/chain", "GET")["error"]["code"] == "bad_request"
    unknown = call("clerk_a", "GET", "/api/v1/chain?pedimento=240000000000001")
    assert unknown.status_code == 404 and check(unknown, "/chain", "GET")["error"]["code"] == "not_found"


def test_lots_chain_findings_and_links(api: dict[str, Any]) -> None:
    """A synthetic import pedimento and its invoice, processed for real: the chain links them, the lots appear
    with their documents, and a person can undo and redo the link."""
    call, services = api["call"], api["services"]
    pair = make_pair(api["tmp"] / "docs")
    ids = []
    for key in ("pedimento_path", "invoice_path"):
        r = call("clerk_a", "POST", "/api/v1/documents", data={"file": (pair[key].open("rb"), pair[key].name)})
        ids.append(check(r, "/documents", "POST")["result"]["document_id"])
    drain(services)
    ped_doc, inv_doc = ids
    number = pair["pedimento"]["fields"]["pedimento_number"]

    lots = check(call("auditor_a", "GET", "/api/v1/lots"), "/lots", "GET")["lots"]
    assert [(lot["pedimento_number"], lot["sequence"]) for lot in lots] == [(number, 1), (number, 2)]
    assert [lot["imported_quantity"] for lot in lots] == [p["umc_quantity"] for p in pair["pedimento"]["lines"]]
    chain = check(call("auditor_a", "GET", f"/api/v1/chain?pedimento={number}&sequence=1"), "/chain", "GET")
    assert {d["document_id"] for d in chain["import_documents"]} == {ped_doc, inv_doc}
    check(call("auditor_a", "GET", "/api/v1/findings"), "/findings", "GET")
    assert call("clerk_b", "GET", f"/api/v1/chain?pedimento={number}").status_code == 404
    assert check(call("clerk_b", "GET", "/api/v1/lots"), "/lots", "GET")["lots"] == []

    links = check(call("clerk_a", "GET", f"/api/v1/links?document_id={inv_doc}"), "/links", "GET")["links"]
    link = next(lk for lk in links if lk["kind"] == "invoice_pedimento")
    assert (link["from_document_id"], link["to_document_id"], link["rule"]) == (inv_doc, ped_doc, "invoice_number")
    assert call("clerk_b", "POST", f"/api/v1/links/{link['id']}/undo", json={"reason": "x"}).status_code == 404
    undone = call("clerk_a", "POST", f"/api/v1/links/{link['id']}/undo", json={"reason": "wrong supplier"})
    assert undone.status_code == 200 and check(undone, "/links/{link_id}/undo", "POST")["active"] is False
    chain = check(call("auditor_a", "GET", f"/api/v1/chain?pedimento={number}&sequence=1"), "/chain", "GET")
    assert {d["document_id"] for d in chain["import_documents"]} == {ped_doc}
    relinked = call(
        "clerk_a",
        "POST",
        "/api/v1/links",
        json={"from_document_id": inv_doc, "to_document_id": ped_doc, "reason": "checked by hand"},
    )
    assert relinked.status_code == 201 and check(relinked, "/links", "POST")["rule"] == "person"


def test_an_api_upload_over_the_limit_is_a_json_413(tmp_path: Path) -> None:
    services = build_services(embedded_settings(tmp_path, max_upload_mb=1))
    try:
        ids = seed_companies(services)
        with services.db.session() as db:
            token = create_token(db, email="clerk@a.mx", company_id=ids["a"])
        response = (
            create_app(services)
            .test_client()
            .post(
                "/api/v1/documents",
                data={"file": (io.BytesIO(b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)), "big.pdf")},
                headers={"Authorization": f"Bearer {token}"},
            )
        )
        assert response.status_code == 413
        assert check(response, "/documents", "POST")["error"]["code"] == "too_large"
    finally:
        services.close()
