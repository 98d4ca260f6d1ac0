"""The portal side of layout learning: a clerk retypes a document, adds and removes lines and confirms it on the
document page; an admin sees the learned layout under "Learned layouts", renames and deletes it (audited)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from evidence.chain.build import effective_result
from evidence.layouts.models import LearnedLayout
from evidence.models import AuditEvent
from immex.services import build_services
from tests.conftest import embedded_settings
from tests.e2e.portal_support import PASSWORD, csrf_of, login, seed_companies
from tests.synth.house_styles import house_set, render_house_invoice
from web import create_app

pytestmark = pytest.mark.integration


@pytest.fixture
def portal(tmp_path: Path) -> Any:
    services = build_services(embedded_settings(tmp_path))
    seed_companies(services)
    app = create_app(services)
    yield {"services": services, "app": app, "tmp": tmp_path}
    services.close()


def signed_in(app: Any, email: str) -> Any:
    client = app.test_client()
    assert login(client, email, PASSWORD).status_code == 302
    return client


def test_teaching_on_the_document_page_and_the_learned_layouts_page(portal: dict[str, Any]) -> None:
    services, app = portal["services"], portal["app"]
    clerk, admin = signed_in(app, "clerk@a.mx"), signed_in(app, "admin@a.mx")
    truth, later = house_set("tokai", 2, seed=2)

    def upload(truth: dict[str, Any], name: str) -> int:
        path = portal["tmp"] / name
        render_house_invoice(truth, "tokai", path)
        token = csrf_of(clerk.get("/upload").get_data(as_text=True))
        uploaded = clerk.post(
            "/upload",
            data={"csrf_token": token, "files": (io.BytesIO(path.read_bytes()), name)},
            headers={"Accept": "application/json"},
        )
        assert uploaded.status_code in (200, 201), uploaded.get_data(as_text=True)
        services.queue.wait_idle(600)
        return int(uploaded.get_json()["results"][0]["document_id"])

    doc_id = upload(truth, "tokai.pdf")

    page = clerk.get(f"/documents/{doc_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'id="teach"' in page and "Read as this type" in page
    token = csrf_of(page)

    def post(**form: Any) -> Any:
        return clerk.post(f"/documents/{doc_id}/corrections", data={"csrf_token": token, **form})

    assert post(field="doc_type", value="commercial_invoice").status_code == 302
    for name in ("invoice_number", "seller_name", "seller_tax_id"):
        assert post(field=name, value=truth["fields"][name]).status_code == 302
    with services.db.session() as db:
        eff = effective_result(db, doc_id)
        assert eff is not None and eff.doc_type == "commercial_invoice"
        lines = len(eff.lines)
    assert post(field="part_number", line_index=str(lines), value="EXTRA-9").status_code == 302
    assert post(field="line_removed", line_index=str(lines), value="true").status_code == 302
    assert post(field="doc_type", value="menu").status_code == 422
    with services.db.session() as db:
        eff = effective_result(db, doc_id)
        assert (
            eff is not None
            and len(eff.lines) == lines
            and eff.fields["seller_tax_id"] == truth["fields"]["seller_tax_id"]
        )
    assert clerk.post(f"/documents/{doc_id}/confirm", data={"csrf_token": token}).status_code == 302

    assert clerk.get("/admin/layouts").status_code == 403  # an admin's page
    listing = admin.get("/admin/layouts", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Learned layouts" in listing and truth["fields"]["seller_tax_id"] in listing
    with services.db.session() as db:
        layout = db.scalars(select(LearnedLayout).where(LearnedLayout.deleted_at.is_(None))).one()
        layout_id = layout.id
    detail = admin.get(f"/admin/layouts/{layout_id}", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Versiones" in detail and f"#{doc_id}" in detail
    later_id = upload(later, "tokai-2.pdf")
    later_page = clerk.get(f"/documents/{later_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f"Read first with learned layout #{layout_id}" in later_page
    admin_token = csrf_of(listing)
    renamed = admin.post(f"/admin/layouts/{layout_id}/rename", data={"csrf_token": admin_token, "name": "Tokai INV"})
    assert renamed.status_code == 302
    assert (
        admin.post(f"/admin/layouts/{layout_id}/rename", data={"csrf_token": admin_token, "name": ""}).status_code
        == 422
    )
    assert admin.post(f"/admin/layouts/{layout_id}/delete", data={"csrf_token": admin_token}).status_code == 302
    assert "Tokai INV" not in admin.get("/admin/layouts").get_data(as_text=True)
    with services.db.session() as db:
        actions = set(db.scalars(select(AuditEvent.action)))
        assert {"layout.learned", "layout.renamed", "layout.deleted", "document.reextracted"} <= actions
        assert db.get(LearnedLayout, layout_id).deleted_at is not None  # type: ignore[union-attr]
