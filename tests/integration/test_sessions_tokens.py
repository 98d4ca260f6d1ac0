"""Sessions end on the server and tokens can be taken back (issue 12): a cookie kept after signing out no
longer works; a password reset ends every session and revokes every API token of the user; a user's own
password change ends their other sessions; admins list and revoke the API tokens made for their company (and
only those); a token acts only in the company it was made for. Shown on the running portal and API with the
real database, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from evidence.models import AuditEvent
from immex.services import Services
from tests.e2e.portal_support import PASSWORD, add_document, csrf_of, login, seed_companies, small_pdf
from web import create_app
from web.accounts.models import ApiToken, UserSession
from web.accounts.service import create_token, create_user, reset_password

pytestmark = pytest.mark.integration
COOKIE = "immex_session"


@pytest.fixture
def world(services: Services, tmp_path: Path) -> dict[str, Any]:
    """Companies A and B (see ``seed_companies``), an admin of B, a document in each, tokens for A and B."""
    ids = seed_companies(services)
    with services.db.session() as db:
        create_user(db, email="admin@b.mx", company_id=ids["b"], role="admin", password=PASSWORD, actor="test")
        tokens = {
            "clerk_a": create_token(db, email="clerk@a.mx", company_id=ids["a"], label="scanner"),
            "both_a": create_token(db, email="both@x.mx", company_id=ids["a"], label="in A"),
            "both_b": create_token(db, email="both@x.mx", company_id=ids["b"], label="in B"),
            "clerk_b": create_token(db, email="clerk@b.mx", company_id=ids["b"], label="b"),
        }
    doc_a = add_document(services, ids["a"], small_pdf(tmp_path / "a.pdf", "PEDIMENTO A"), filename="doc-a.pdf")
    doc_b = add_document(services, ids["b"], small_pdf(tmp_path / "b.pdf", "PEDIMENTO B"), filename="doc-b.pdf")
    app = create_app(services)
    return {**ids, "app": app, "services": services, "tokens": tokens, "doc_a": doc_a, "doc_b": doc_b}


def client_for(app: Any, email: str, password: str = PASSWORD) -> Any:
    client = app.test_client()
    response = login(client, email, password)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def post(client: Any, url: str, page: str = "/documents", **data: Any) -> Any:
    token = csrf_of(client.get(page).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token}, headers={"Accept-Language": "en"})


def replay(app: Any, cookie: str) -> Any:
    """A new browser that carries a copy of someone's session cookie."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief


def api(app: Any, token: str, url: str) -> int:
    return int(app.test_client().get(url, headers={"Authorization": f"Bearer {token}"}).status_code)


def audit_actions(services: Services, action: str) -> list[AuditEvent]:
    with services.db.session() as db:
        rows = db.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()
        for row in rows:
            db.expunge(row)
        return list(rows)


def test_a_cookie_kept_after_signing_out_no_longer_works(world: dict[str, Any]) -> None:
    app = world["app"]
    clerk = client_for(app, "clerk@a.mx")
    cookie = clerk.get_cookie(COOKIE).value
    assert replay(app, cookie).get("/documents").status_code == 200  # a copy works while the session stands
    assert post(clerk, "/logout").status_code == 302
    assert clerk.get("/documents").status_code == 302
    copy = replay(app, cookie)
    assert copy.get("/documents").status_code == 302
    assert copy.get(f"/documents/{world['doc_a']}").status_code == 302
    with world["services"].db.session() as db:
        assert [r.end_reason for r in db.scalars(select(UserSession))] == ["logout"]


def test_signing_out_ends_only_that_session(world: dict[str, Any]) -> None:
    app = world["app"]
    laptop, phone = client_for(app, "clerk@a.mx"), client_for(app, "clerk@a.mx")
    post(laptop, "/logout")
    assert laptop.get("/documents").status_code == 302
    assert phone.get("/documents").status_code == 200


def test_a_reset_ends_every_session_and_revokes_every_token(world: dict[str, Any]) -> None:
    app, tokens, services = world["app"], world["tokens"], world["services"]
    clerk = client_for(app, "clerk@a.mx")
    cookie = clerk.get_cookie(COOKIE).value
    assert api(app, tokens["clerk_a"], "/api/v1/documents") == 200
    admin = client_for(app, "admin@a.mx")
    response = post(admin, "/admin/users/reset", page="/admin/users", email="clerk@a.mx")
    assert response.status_code == 200 and 'id="new-password"' in response.get_data(as_text=True)
    assert clerk.get("/documents").status_code == 302
    assert replay(app, cookie).get("/documents").status_code == 302
    assert api(app, tokens["clerk_a"], "/api/v1/documents") == 401
    assert api(app, tokens["clerk_b"], "/api/v1/documents") == 200  # nobody else's
    [event] = audit_actions(services, "user.password_reset")
    assert event.details["tokens_revoked"] == 1 and event.details["sessions_ended"] == 1


def test_the_operators_reset_also_ends_sessions_and_tokens_in_every_company(world: dict[str, Any]) -> None:
    app, tokens, services = world["app"], world["tokens"], world["services"]
    both = client_for(app, "both@x.mx")
    with services.db.session() as db:
        reset_password(db, email="both@x.mx", password="a-brand-new-password", actor="cli")
    assert both.get("/documents").status_code == 302
    assert api(app, tokens["both_a"], "/api/v1/documents") == 401
    assert api(app, tokens["both_b"], "/api/v1/documents") == 401


def test_changing_ones_own_password_ends_the_other_sessions(world: dict[str, Any]) -> None:
    app, services = world["app"], world["services"]
    here, elsewhere = client_for(app, "clerk@a.mx"), client_for(app, "clerk@a.mx")
    wrong = post(
        here,
        "/account/password",
        page="/account",
        current_password="not-my-password",
        new_password="my-new-password-2026",
        confirm_password="my-new-password-2026",
    )
    assert wrong.status_code == 422 and "current password is not right" in wrong.get_data(as_text=True)
    mismatch = post(
        here,
        "/account/password",
        page="/account",
        current_password=PASSWORD,
        new_password="my-new-password-2026",
        confirm_password="my-new-password-2027",
    )
    assert mismatch.status_code == 422
    assert elsewhere.get("/documents").status_code == 200
    changed = post(
        here,
        "/account/password",
        page="/account",
        current_password=PASSWORD,
        new_password="my-new-password-2026",
        confirm_password="my-new-password-2026",
    )
    assert changed.status_code == 200
    assert here.get("/documents").status_code == 200  # the session it was made from goes on
    assert elsewhere.get("/documents").status_code == 302
    assert login(app.test_client(), "clerk@a.mx", PASSWORD).status_code == 401
    client_for(app, "clerk@a.mx", "my-new-password-2026")
    [event] = audit_actions(services, "user.password_changed")
    assert event.actor == "clerk@a.mx" and event.details["sessions_ended"] == 1


def test_an_admin_signs_a_user_of_their_company_out_everywhere(world: dict[str, Any]) -> None:
    app = world["app"]
    clerk = client_for(app, "clerk@a.mx")
    admin = client_for(app, "admin@a.mx")
    response = post(admin, "/admin/users/sessions/end", page="/admin/users", email="clerk@a.mx")
    assert response.status_code == 200
    assert clerk.get("/documents").status_code == 302
    assert client_for(app, "clerk@a.mx").get("/documents").status_code == 200  # the password still works
    [event] = audit_actions(world["services"], "user.sessions_ended")
    assert event.actor == "admin@a.mx" and event.company_id == world["a"]


def test_admins_list_and_revoke_the_tokens_of_their_company_only(world: dict[str, Any]) -> None:
    app, tokens, services = world["app"], world["tokens"], world["services"]
    admin_a = client_for(app, "admin@a.mx")
    page = admin_a.get("/admin/tokens").get_data(as_text=True)
    assert "scanner" in page and "in A" in page
    assert "in B" not in page and ">b<" not in page  # B's tokens, even of a person in both, are not shown
    with services.db.session() as db:
        ids = {t.label: t.id for t in db.scalars(select(ApiToken))}
    # B's token cannot be revoked from A (looks missing)
    refused = post(admin_a, f"/admin/tokens/{ids['in B']}/revoke", page="/admin/tokens")
    assert refused.status_code == 404
    assert api(app, tokens["both_b"], "/api/v1/documents") == 200
    done = post(admin_a, f"/admin/tokens/{ids['in A']}/revoke", page="/admin/tokens")
    assert done.status_code == 200
    assert api(app, tokens["both_a"], "/api/v1/documents") == 401
    assert api(app, tokens["both_b"], "/api/v1/documents") == 200
    [event] = audit_actions(services, "token.revoked")
    assert (event.actor, event.company_id) == ("admin@a.mx", world["a"])
    # not for clerks, nor through the user's own token page
    clerk = client_for(app, "clerk@a.mx")
    assert clerk.get("/admin/tokens").status_code == 403
    assert post(clerk, f"/admin/tokens/{ids['scanner']}/revoke").status_code == 403
    assert post(clerk, f"/tokens/{ids['in A']}/revoke").status_code == 404
    admin_b = client_for(app, "admin@b.mx")
    assert post(admin_b, f"/admin/tokens/{ids['scanner']}/revoke", page="/admin/tokens").status_code == 404
    assert api(app, tokens["clerk_a"], "/api/v1/documents") == 200


def test_a_token_acts_only_in_the_company_it_was_made_for(world: dict[str, Any]) -> None:
    app, tokens = world["app"], world["tokens"]
    doc_a, doc_b = world["doc_a"], world["doc_b"]
    assert api(app, tokens["both_b"], f"/api/v1/documents/{doc_b}") == 200
    assert api(app, tokens["both_b"], f"/api/v1/documents/{doc_a}") == 404
    assert api(app, tokens["both_a"], f"/api/v1/documents/{doc_a}") == 200
    assert api(app, tokens["both_a"], f"/api/v1/documents/{doc_b}") == 404
    listing = app.test_client().get("/api/v1/documents", headers={"Authorization": f"Bearer {tokens['both_b']}"})
    assert [d["id"] for d in listing.get_json()["documents"]] == [doc_b]
    # the API has no account operations: an admin's token cannot reach the admin pages
    with world["services"].db.session() as db:
        admin_token = create_token(db, email="admin@b.mx", company_id=world["b"])
    for url in ("/admin/users", "/admin/tokens"):
        response = app.test_client().get(url, headers={"Authorization": f"Bearer {admin_token}"})
        assert response.status_code == 302  # to the sign-in page: a token is not a portal session


def test_removing_a_member_revokes_their_tokens_for_that_company(world: dict[str, Any]) -> None:
    app, tokens = world["app"], world["tokens"]
    admin_b = client_for(app, "admin@b.mx")
    assert post(admin_b, "/admin/users/remove", page="/admin/users", email="both@x.mx").status_code == 200
    assert api(app, tokens["both_b"], "/api/v1/documents") == 401
    assert api(app, tokens["both_a"], "/api/v1/documents") == 200
    with world["services"].db.session() as db:
        revoked = db.scalars(select(ApiToken.label).where(ApiToken.revoked_at.is_not(None))).all()
    assert revoked == ["in B"]
