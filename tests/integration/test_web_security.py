"""The portal's security properties, each shown on the running app (real database, object store and sessions):
another company's objects are not found, auditors change nothing, forms without their CSRF token are refused,
uploads over the limit get a clear 413, user text is shown inert, no stack trace reaches anyone, every response
carries the security headers, and session cookies have the right flags."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from evidence.chain.models import Correction
from evidence.models import AuditEvent, Document
from immex.services import Services, build_services
from tests.conftest import embedded_settings
from tests.e2e.portal_support import PASSWORD, add_document, csrf_of, field, login, seed_companies, small_pdf
from web import create_app

pytestmark = pytest.mark.integration


@pytest.fixture
def world(services: Services, tmp_path: Path) -> dict[str, Any]:
    """Both backends: companies A and B, their users, one processed document in each."""
    ids = seed_companies(services)
    pdf_a = small_pdf(tmp_path / "a.pdf", "PEDIMENTO A")
    pdf_b = small_pdf(tmp_path / "b.pdf", "PEDIMENTO B")
    doc_a = add_document(services, ids["a"], pdf_a, filename="pedimento-a.pdf")
    doc_b = add_document(services, ids["b"], pdf_b, filename="pedimento-b.pdf")
    app = create_app(services)
    return {**ids, "app": app, "services": services, "doc_a": doc_a, "doc_b": doc_b}


def client_for(app: Any, email: str) -> Any:
    client = app.test_client()
    response = login(client, email, PASSWORD)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def post(client: Any, url: str, page: str = "/documents", **data: Any) -> Any:
    """A form post with the session's CSRF token, as the browser sends it."""
    token = csrf_of(client.get(page).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})


# -- another company's objects ------------------------------------------------------------------------------------


def test_another_companys_document_is_not_found_anywhere(world: dict[str, Any]) -> None:
    clerk_b = client_for(world["app"], "clerk@b.mx")
    doc_a = world["doc_a"]
    for url in (
        f"/documents/{doc_a}",
        f"/documents/{doc_a}/pages/1.png",
        f"/documents/{doc_a}/original",
    ):
        assert clerk_b.get(url).status_code == 404, url
    response = post(clerk_b, f"/documents/{doc_a}/corrections", field="pedimento_number", value="1")
    assert response.status_code == 404
    assert post(clerk_b, f"/documents/{doc_a}/confirm").status_code == 404
    listing = clerk_b.get("/documents").get_data(as_text=True)
    assert "pedimento-b.pdf" in listing and "pedimento-a.pdf" not in listing
    status = clerk_b.get(f"/documents/status.json?ids={doc_a},{world['doc_b']}").get_json()
    assert [d["id"] for d in status["documents"]] == [world["doc_b"]]
    with world["services"].db.session() as db:
        assert db.scalar(select(func.count()).select_from(Correction)) == 0


def test_guessed_ids_look_the_same_as_missing_ones(world: dict[str, Any]) -> None:
    clerk_b = client_for(world["app"], "clerk@b.mx")
    other = clerk_b.get(f"/documents/{world['doc_a']}")
    missing = clerk_b.get("/documents/987654")
    assert other.status_code == missing.status_code == 404

    def shape(response: Any) -> str:
        return re.sub(r"\d+", "N", response.get_data(as_text=True))

    assert shape(other) == shape(missing)


def test_switching_to_a_company_one_does_not_belong_to_is_not_found(world: dict[str, Any]) -> None:
    clerk_b = client_for(world["app"], "clerk@b.mx")
    response = post(clerk_b, "/company", company_id=str(world["a"]))
    assert response.status_code == 404
    assert clerk_b.get(f"/documents/{world['doc_a']}").status_code == 404


def test_a_person_in_two_companies_switches_between_them(world: dict[str, Any]) -> None:
    both = client_for(world["app"], "both@x.mx")
    assert post(both, "/company", company_id=str(world["a"])).status_code == 302
    in_a = both.get("/documents").get_data(as_text=True)
    assert "pedimento-a.pdf" in in_a and "pedimento-b.pdf" not in in_a
    assert both.get("/upload").status_code == 403  # auditor in A
    assert post(both, "/company", company_id=str(world["b"])).status_code == 302
    in_b = both.get("/documents").get_data(as_text=True)
    assert "pedimento-b.pdf" in in_b and "pedimento-a.pdf" not in in_b
    assert both.get("/upload").status_code == 200  # clerk in B
    assert both.get(f"/documents/{world['doc_a']}").status_code == 404
    from sqlalchemy import select

    from evidence.models import AuditEvent

    with world["services"].db.session() as db:
        switches = db.scalars(select(AuditEvent).where(AuditEvent.action == "user.switch_company")).all()
        assert [e.company_id for e in switches] == [world["a"], world["b"]]


# -- auditors read only ---------------------------------------------------------------------------------------------


def test_auditors_cannot_change_anything(world: dict[str, Any], tmp_path: Path) -> None:
    auditor = client_for(world["app"], "auditor@a.mx")
    doc = world["doc_a"]
    assert auditor.get(f"/documents/{doc}").status_code == 200
    token = csrf_of(auditor.get("/documents").get_data(as_text=True))
    pdf = small_pdf(tmp_path / "x.pdf", "AUDITOR")
    attempts = [
        auditor.post("/upload", data={"csrf_token": token, "files": (pdf.open("rb"), "x.pdf")}),
        auditor.post(
            f"/documents/{doc}/corrections", data={"csrf_token": token, "field": "pedimento_number", "value": "1"}
        ),
        auditor.post(f"/documents/{doc}/confirm", data={"csrf_token": token}),
        auditor.post("/links", data={"csrf_token": token, "from_document_id": doc, "to_document_id": doc}),
        auditor.post("/links/1/undo", data={"csrf_token": token, "reason": "x"}),
        auditor.post(
            "/partidas/part", data={"csrf_token": token, "pedimento": "1", "sequence": "1", "part_number": "X"}
        ),
        auditor.post("/bom", data={"csrf_token": token}),
        auditor.post("/admin/users", data={"csrf_token": token, "email": "new@a.mx", "role": "admin"}),
        auditor.post("/admin/users/reset", data={"csrf_token": token, "email": "clerk@a.mx"}),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts)
    page = auditor.get(f"/documents/{doc}").get_data(as_text=True)
    assert "/corrections" not in page and "Confirm" not in page
    with world["services"].db.session() as db:
        assert db.scalar(select(func.count()).select_from(Document)) == 2
        assert db.scalar(select(func.count()).select_from(Correction)) == 0


# -- CSRF -----------------------------------------------------------------------------------------------------------


def test_a_form_without_its_csrf_token_is_refused(world: dict[str, Any]) -> None:
    clerk = client_for(world["app"], "clerk@a.mx")
    doc = world["doc_a"]
    missing = clerk.post(f"/documents/{doc}/corrections", data={"field": "pedimento_number", "value": "1"})
    forged = clerk.post(
        f"/documents/{doc}/corrections", data={"field": "pedimento_number", "value": "1", "csrf_token": "forged"}
    )
    assert missing.status_code == forged.status_code == 400
    assert 'data-code="csrf"' in missing.get_data(as_text=True)
    with world["services"].db.session() as db:
        assert db.scalar(select(func.count()).select_from(Correction)) == 0
    ok = post(clerk, f"/documents/{doc}/corrections", field="pedimento_number", value="244735774007432")
    assert ok.status_code == 302
    with world["services"].db.session() as db:
        row = db.scalars(select(Correction)).one()
        assert (row.machine_value, row.corrected_value, row.actor) == (
            "24473577400743",
            "244735774007432",
            "clerk@a.mx",
        )


def test_the_login_form_needs_its_csrf_token_too(world: dict[str, Any]) -> None:
    client = world["app"].test_client()
    response = client.post("/login", data={"email": "clerk@a.mx", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/documents").status_code == 302  # still signed out


# -- uploads over the limit ----------------------------------------------------------------------------------------


@pytest.fixture
def small_limit(tmp_path: Path) -> Any:
    services = build_services(embedded_settings(tmp_path, max_upload_mb=1))
    ids = seed_companies(services)
    yield services, ids
    services.close()


def test_an_upload_over_the_limit_gets_a_clear_413(small_limit: Any) -> None:
    services, _ids = small_limit
    app = create_app(services)
    clerk = client_for(app, "clerk@a.mx")
    token = csrf_of(clerk.get("/upload").get_data(as_text=True))
    big = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)
    import io

    page = clerk.post(
        "/upload", data={"csrf_token": token, "files": (io.BytesIO(big), "big.pdf")}, headers={"Accept-Language": "en"}
    )
    assert page.status_code == 413
    assert "larger than the upload limit of 1 MB" in page.get_data(as_text=True)
    xhr = clerk.post(
        "/upload",
        data={"files": (io.BytesIO(big), "big.pdf")},
        headers={"X-CSRF-Token": token, "X-Requested-With": "XMLHttpRequest"},
    )
    assert xhr.status_code == 413 and xhr.get_json()["error"]["code"] == "too_large"
    with services.db.session() as db:
        assert db.scalar(select(func.count()).select_from(Document)) == 0


# -- inert user text ------------------------------------------------------------------------------------------------


def test_filenames_and_extracted_text_with_html_are_shown_inert(world: dict[str, Any], tmp_path: Path) -> None:
    services = world["services"]
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    doc = add_document(
        services,
        world["a"],
        small_pdf(tmp_path / "evil.pdf", "EVIL"),
        filename=f"{evil}.pdf",
        fields={"pedimento_number": field(evil, 0.5)},
        page_text=evil,
    )
    clerk = client_for(world["app"], "clerk@a.mx")
    for url in ("/documents", f"/documents/{doc}", "/review", "/search?q=script"):
        html = clerk.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url
    assert "&lt;script&gt;alert" in clerk.get(f"/documents/{doc}").get_data(as_text=True)


# -- errors, headers, cookies ---------------------------------------------------------------------------------------


def test_no_stack_trace_reaches_the_user(world: dict[str, Any]) -> None:
    app = world["app"]

    def boom() -> Any:
        raise RuntimeError("secret internals at /srv/app.py line 42")

    app.add_url_rule("/boom", "boom", boom)
    app.add_url_rule("/api/v1/boom", "api_boom", boom)
    page = app.test_client().get("/boom")
    api = app.test_client().get("/api/v1/boom")
    assert page.status_code == api.status_code == 500
    for body in (page.get_data(as_text=True), api.get_data(as_text=True)):
        assert "secret internals" not in body and "Traceback" not in body
    assert api.get_json()["error"]["code"] == "internal"


def test_security_headers_are_on_every_response(world: dict[str, Any]) -> None:
    client = client_for(world["app"], "clerk@a.mx")
    anonymous = world["app"].test_client()
    responses = [
        client.get("/documents"),
        client.get(f"/documents/{world['doc_a']}"),
        client.get(f"/documents/{world['doc_a']}/pages/1.png"),
        client.get("/static/app.css"),
        client.get("/documents/999999"),
        anonymous.get("/login"),
        anonymous.get("/api/v1/documents"),
        anonymous.get("/api/v1/openapi.json"),
        anonymous.post("/logout"),
    ]
    for r in responses:
        csp = r.headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp, r.request.path
        assert "unsafe-inline" not in csp
        assert r.headers.get("X-Content-Type-Options") == "nosniff"
        assert r.headers.get("Referrer-Policy") == "same-origin"
        assert r.headers.get("X-Frame-Options") == "DENY"
        assert r.headers.get("Strict-Transport-Security", "").startswith("max-age=")


def test_session_cookie_flags(world: dict[str, Any]) -> None:
    client = world["app"].test_client()
    token = csrf_of(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": "clerk@a.mx", "password": PASSWORD, "csrf_token": token})
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("immex_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


# -- sign-in limits and accounts ------------------------------------------------------------------------------------


def test_repeated_failed_sign_ins_lock_the_account(world: dict[str, Any]) -> None:
    client = world["app"].test_client()
    codes = [login(client, "clerk@a.mx", "wrong-password-123").status_code for _ in range(5)]
    assert codes == [401] * 5
    locked = login(client, "clerk@a.mx", PASSWORD)  # the right password no longer helps
    assert locked.status_code == 429
    assert client.get("/documents").status_code == 302
    other = world["app"].test_client()
    assert login(other, "admin@a.mx", PASSWORD).status_code == 302  # other accounts are not affected
    with world["services"].db.session() as db:
        actions = db.scalars(select(AuditEvent.action).where(AuditEvent.actor == "clerk@a.mx")).all()
    assert actions.count("login.failed") == 6


def test_an_admin_resets_a_password_and_old_sessions_end(world: dict[str, Any]) -> None:
    clerk = client_for(world["app"], "clerk@a.mx")
    admin = client_for(world["app"], "admin@a.mx")
    response = post(admin, "/admin/users/reset", page="/admin/users", email="clerk@a.mx")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    new_password = html.split('id="new-password">')[1].split("<")[0]
    assert clerk.get("/documents").status_code == 302  # the old session is over
    fresh = world["app"].test_client()
    assert login(fresh, "clerk@a.mx", PASSWORD).status_code == 401
    assert login(fresh, "clerk@a.mx", new_password).status_code == 302


def test_an_admin_creates_a_user_who_can_sign_in(world: dict[str, Any]) -> None:
    admin = client_for(world["app"], "admin@a.mx")
    response = post(admin, "/admin/users", page="/admin/users", email="new@a.mx", role="auditor", name="Nueva")
    assert response.status_code == 201
    password = response.get_data(as_text=True).split('id="new-password">')[1].split("<")[0]
    new = world["app"].test_client()
    assert login(new, "new@a.mx", password).status_code == 302
    assert new.get("/upload").status_code == 403
    clerk = client_for(world["app"], "clerk@a.mx")
    assert clerk.get("/admin/users").status_code == 403
