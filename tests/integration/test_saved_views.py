"""Saved views of the document list live on the server per user and company: a clerk saves the list's filters
and sort under a name (the page number and anything else in the query is dropped), finds them on the list and in
another browser, deletes them; nobody else sees or deletes them, not even the same person working for another
company. Saving and deleting are audited and need the form's CSRF token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from evidence.models import AuditEvent
from immex.services import Services
from tests.e2e.portal_support import PASSWORD, csrf_of, login, seed_companies
from web import create_app

pytestmark = pytest.mark.integration


def signed_in(app: Any, email: str) -> Any:
    client = app.test_client()
    assert login(client, email, PASSWORD).status_code == 302
    return client


def views(client: Any) -> list[dict[str, Any]]:
    response = client.get("/documents/views")
    assert response.status_code == 200
    return list(response.get_json()["views"])


def save(client: Any, name: str, query: str, **headers: str) -> Any:
    token = csrf_of(client.get("/documents").get_data(as_text=True))
    return client.post("/documents/views", data={"csrf_token": token, "name": name, "query": query}, headers=headers)


def test_views_belong_to_one_user_in_one_company(embedded_services: Services, tmp_path: Path) -> None:
    services = embedded_services
    ids = seed_companies(services)
    app = create_app(services)
    clerk = signed_in(app, "clerk@a.mx")
    saved = save(clerk, "  Pedimentos  to review ", "doc_type=pedimento&review=1&sort=amount&dir=asc&page=3&evil=1")
    assert saved.status_code == 303
    assert saved.headers["Location"].endswith("/documents?doc_type=pedimento&review=1&sort=amount&dir=asc")
    [view] = views(clerk)
    assert view["name"] == "Pedimentos to review" and view["query"] == "doc_type=pedimento&review=1&sort=amount&dir=asc"
    page = clerk.get("/documents", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'class="view" href="/documents?doc_type=pedimento&amp;review=1&amp;sort=amount&amp;dir=asc"' in page
    assert "Delete the view Pedimentos to review" in page
    # the same clerk in another browser finds it there
    assert views(signed_in(app, "clerk@a.mx")) == [view]

    # nobody else sees it or can delete it: another user of the company, a user of another company, and the person
    # who belongs to both companies, in either of them
    others = {email: signed_in(app, email) for email in ("admin@a.mx", "clerk@b.mx", "both@x.mx")}
    for client in others.values():
        assert views(client) == []
        token = csrf_of(client.get("/documents").get_data(as_text=True))
        refused = client.post(
            f"/documents/views/{view['id']}/delete", data={"csrf_token": token}, headers={"Accept-Language": "en"}
        )
        assert refused.status_code == 404
    both = others["both@x.mx"]
    token = csrf_of(both.get("/documents").get_data(as_text=True))
    assert both.post("/company", data={"csrf_token": token, "company_id": ids["b"]}).status_code == 302
    assert save(both, "Mine in B", "status=failed").status_code == 303
    assert [v["name"] for v in views(both)] == ["Mine in B"]
    token = csrf_of(both.get("/documents").get_data(as_text=True))
    assert both.post("/company", data={"csrf_token": token, "company_id": ids["a"]}).status_code == 302
    assert views(both) == []
    assert views(clerk) == [view]

    # no CSRF token, no view; a view needs a name (said in the user's language, back on the list)
    forged = clerk.post("/documents/views", data={"name": "x", "query": ""}, headers={"Accept-Language": "en"})
    assert forged.status_code == 400
    unnamed = save(clerk, "   ", "status=failed", Referer="http://localhost/documents", **{"Accept-Language": "es"})
    assert unnamed.status_code == 303
    assert "Póngale un nombre a la vista." in clerk.get("/documents").get_data(as_text=True)
    assert [v["name"] for v in views(clerk)] == ["Pedimentos to review"]

    # the owner deletes it
    token = csrf_of(clerk.get("/documents").get_data(as_text=True))
    gone = clerk.post(f"/documents/views/{view['id']}/delete", data={"csrf_token": token, "query": "status=failed"})
    assert gone.status_code == 303 and gone.headers["Location"].endswith("/documents?status=failed")
    assert views(clerk) == []
    with services.db.session() as db:
        events = db.execute(
            select(AuditEvent.action, AuditEvent.actor, AuditEvent.company_id)
            .where(AuditEvent.object_type == "saved_view")
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(e) for e in events] == [
        ("view.saved", "clerk@a.mx", ids["a"]),
        ("view.saved", "both@x.mx", ids["b"]),
        ("view.deleted", "clerk@a.mx", ids["a"]),
    ]
