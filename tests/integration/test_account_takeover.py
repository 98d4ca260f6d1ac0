"""No account takeover across companies (issue 12): an admin acts only on memberships of their own company.
Adding an existing user of another company sends an invitation that user accepts or declines; until then the
inviting company has no power over them. Resetting the password or ending the sessions of a user who also
belongs to another company is refused; removing them from one's own company is not. Shown on the running
portal (Flask's test client) with the real database, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from evidence.models import AuditEvent
from immex.services import Services
from tests.e2e.portal_support import PASSWORD, add_document, csrf_of, login, seed_companies, small_pdf
from web import create_app
from web.accounts.models import Membership, User
from web.accounts.service import companies_of, create_user, user_by_email

pytestmark = pytest.mark.integration


@pytest.fixture
def world(services: Services, tmp_path: Path) -> dict[str, Any]:
    """Companies A and B (see ``seed_companies``) plus an admin of B; one document in A."""
    ids = seed_companies(services)
    with services.db.session() as db:
        create_user(db, email="admin@b.mx", company_id=ids["b"], role="admin", password=PASSWORD, actor="test")
    doc_a = add_document(services, ids["a"], small_pdf(tmp_path / "a.pdf", "PEDIMENTO A"), filename="secret-a.pdf")
    return {**ids, "app": create_app(services), "services": services, "doc_a": doc_a}


def client_for(app: Any, email: str, password: str = PASSWORD) -> Any:
    client = app.test_client()
    response = login(client, email, password)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def post(client: Any, url: str, page: str = "/admin/users", **data: Any) -> Any:
    token = csrf_of(client.get(page).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token}, headers={"Accept-Language": "en"})


def roles_of(services: Services, email: str) -> dict[int, str]:
    with services.db.session() as db:
        user = user_by_email(db, email)
        assert user is not None
        return {c["id"]: c["role"] for c in companies_of(db, user.id)}


def actions(services: Services, action: str) -> list[AuditEvent]:
    with services.db.session() as db:
        rows = db.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()
        for row in rows:
            db.expunge(row)
        return list(rows)


def test_the_issue_scenario_b_cannot_take_over_as_admin(world: dict[str, Any]) -> None:
    """B's admin knows only A's admin e-mail: adding it invites, resetting it is refused, nothing is shown."""
    services, app = world["services"], world["app"]
    admin_b = client_for(app, "admin@b.mx")
    added = post(admin_b, "/admin/users", email="admin@a.mx", role="auditor", password="chosen-by-b-123")
    assert added.status_code == 202
    html = added.get_data(as_text=True)
    assert 'id="new-password"' not in html
    assert "invitation" in html.lower()
    assert roles_of(services, "admin@a.mx") == {world["a"]: "admin"}  # not attached to B

    reset = post(admin_b, "/admin/users/reset", email="admin@a.mx")
    assert reset.status_code in (403, 404)
    assert 'id="new-password"' not in reset.get_data(as_text=True)
    # A's admin still signs in with their own password, and B's chosen password does not work
    assert login(app.test_client(), "admin@a.mx", "chosen-by-b-123").status_code == 401
    admin_a = client_for(app, "admin@a.mx")
    assert admin_a.get(f"/documents/{world['doc_a']}").status_code == 200
    # B's admin cannot switch into A nor see A's document
    assert post(admin_b, "/company", company_id=str(world["a"])).status_code == 404
    assert admin_b.get(f"/documents/{world['doc_a']}").status_code == 404
    users_b = admin_b.get("/admin/users").get_data(as_text=True)
    assert "admin@a.mx" in users_b  # listed as a pending invitation only
    invited = actions(services, "user.invited")
    assert [(e.actor, e.company_id, e.details["email"]) for e in invited] == [("admin@b.mx", world["b"], "admin@a.mx")]
    assert actions(services, "user.password_reset") == []


def test_the_invited_user_accepts_and_only_then_belongs(world: dict[str, Any]) -> None:
    services, app = world["services"], world["app"]
    admin_b = client_for(app, "admin@b.mx")
    assert post(admin_b, "/admin/users", email="clerk@a.mx", role="auditor").status_code == 202
    # the invitation alone gives B no power over the account
    assert post(admin_b, "/admin/users/reset", email="clerk@a.mx").status_code == 404
    assert roles_of(services, "clerk@a.mx") == {world["a"]: "clerk"}

    clerk = client_for(app, "clerk@a.mx")
    page = clerk.get("/invitations", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Ensambles B" in page
    with services.db.session() as db:
        from web.accounts.models import Invitation

        invitation_id = db.scalars(select(Invitation.id)).one()
    accepted = post(clerk, f"/invitations/{invitation_id}/accept", page="/invitations")
    assert accepted.status_code == 302
    assert roles_of(services, "clerk@a.mx") == {world["a"]: "clerk", world["b"]: "auditor"}
    assert [e.actor for e in actions(services, "invitation.accepted")] == ["clerk@a.mx"]
    # accepting twice does nothing more
    assert post(clerk, f"/invitations/{invitation_id}/accept", page="/invitations").status_code == 404

    # a member of two companies: neither admin may reset the password, each may remove the membership
    refused = post(admin_b, "/admin/users/reset", email="clerk@a.mx")
    assert refused.status_code == 403
    assert "another company" in refused.get_data(as_text=True)
    admin_a = client_for(app, "admin@a.mx")
    assert post(admin_a, "/admin/users/reset", email="clerk@a.mx").status_code == 403
    assert client_for(app, "clerk@a.mx").get("/documents").status_code == 200  # password unchanged
    removed = post(admin_b, "/admin/users/remove", email="clerk@a.mx")
    assert removed.status_code == 200
    assert roles_of(services, "clerk@a.mx") == {world["a"]: "clerk"}
    assert [e.company_id for e in actions(services, "user.membership_removed")] == [world["b"]]


def test_a_declined_invitation_gives_nothing(world: dict[str, Any]) -> None:
    services, app = world["services"], world["app"]
    admin_b = client_for(app, "admin@b.mx")
    assert post(admin_b, "/admin/users", email="auditor@a.mx", role="admin").status_code == 202
    auditor = client_for(app, "auditor@a.mx")
    from web.accounts.models import Invitation

    with services.db.session() as db:
        invitation_id = db.scalars(select(Invitation.id)).one()
    # another user cannot answer it
    clerk = client_for(app, "clerk@a.mx")
    assert post(clerk, f"/invitations/{invitation_id}/accept", page="/invitations").status_code == 404
    assert post(auditor, f"/invitations/{invitation_id}/decline", page="/invitations").status_code == 302
    assert post(auditor, f"/invitations/{invitation_id}/accept", page="/invitations").status_code == 404
    assert roles_of(services, "auditor@a.mx") == {world["a"]: "auditor"}
    assert [e.actor for e in actions(services, "invitation.declined")] == ["auditor@a.mx"]


def test_every_admin_action_on_a_user_of_another_company_is_refused(world: dict[str, Any]) -> None:
    """Users only in A: B's admin can neither change their role, remove them, reset them nor end sessions."""
    services, app = world["services"], world["app"]
    admin_b = client_for(app, "admin@b.mx")
    for url, data in [
        ("/admin/users/reset", {"email": "clerk@a.mx"}),
        ("/admin/users/role", {"email": "clerk@a.mx", "role": "auditor"}),
        ("/admin/users/remove", {"email": "clerk@a.mx"}),
        ("/admin/users/sessions/end", {"email": "clerk@a.mx"}),
    ]:
        response = post(admin_b, url, **data)
        assert response.status_code == 404, url
        assert 'id="new-password"' not in response.get_data(as_text=True)
    assert roles_of(services, "clerk@a.mx") == {world["a"]: "clerk"}
    assert client_for(app, "clerk@a.mx").get("/documents").status_code == 200


def test_a_user_in_both_companies_cannot_be_reset_or_signed_out_by_either_admin(world: dict[str, Any]) -> None:
    services, app = world["services"], world["app"]
    both = client_for(app, "both@x.mx")  # auditor in A, clerk in B
    admin_a = client_for(app, "admin@a.mx")
    for url in ("/admin/users/reset", "/admin/users/sessions/end"):
        response = post(admin_a, url, email="both@x.mx")
        assert response.status_code == 403, url
        assert "another company" in response.get_data(as_text=True)
    assert both.get("/documents").status_code == 200  # their session goes on
    # the role in A is A's to change
    assert post(admin_a, "/admin/users/role", email="both@x.mx", role="clerk").status_code == 200
    assert roles_of(services, "both@x.mx") == {world["a"]: "clerk", world["b"]: "clerk"}
    with services.db.session() as db:
        user = db.scalars(select(User).where(User.email == "both@x.mx")).one()
        assert db.scalar(select(Membership.role).where(Membership.user_id == user.id)) is not None


def test_refusals_speak_the_users_language(world: dict[str, Any]) -> None:
    app = world["app"]
    admin_a = client_for(app, "admin@a.mx")
    token = csrf_of(admin_a.get("/admin/users").get_data(as_text=True))
    spanish = admin_a.post(
        "/admin/users/reset", data={"email": "both@x.mx", "csrf_token": token}, headers={"Accept-Language": "es-MX"}
    )
    assert spanish.status_code == 403
    assert "both@x.mx también trabaja para otra empresa" in spanish.get_data(as_text=True)
    invited = admin_a.post(
        "/admin/users",
        data={"email": "clerk@b.mx", "role": "clerk", "csrf_token": token},
        headers={"Accept-Language": "es-MX"},
    )
    assert invited.status_code == 202
    assert "clerk@b.mx ya tiene una cuenta" in invited.get_data(as_text=True)


def test_the_last_admin_can_be_neither_demoted_nor_removed(world: dict[str, Any]) -> None:
    services, app = world["services"], world["app"]
    admin_b = client_for(app, "admin@b.mx")
    for url, data in [
        ("/admin/users/role", {"email": "admin@b.mx", "role": "clerk"}),
        ("/admin/users/remove", {"email": "admin@b.mx"}),
    ]:
        response = post(admin_b, url, **data)
        assert response.status_code == 409, url
        assert "at least one admin" in response.get_data(as_text=True)
    assert roles_of(services, "admin@b.mx") == {world["b"]: "admin"}
    # with a second admin, the first may step down
    assert post(admin_b, "/admin/users/role", email="clerk@b.mx", role="admin").status_code == 200
    assert post(admin_b, "/admin/users/role", email="admin@b.mx", role="clerk").status_code == 200
    assert admin_b.get("/admin/users").status_code == 403  # now a clerk


def test_a_user_without_a_company_signs_in_to_answer_an_invitation(world: dict[str, Any]) -> None:
    services, app = world["services"], world["app"]
    admin_a, admin_b = client_for(app, "admin@a.mx"), client_for(app, "admin@b.mx")
    assert post(admin_b, "/admin/users/remove", email="clerk@b.mx").status_code == 200
    assert login(app.test_client(), "clerk@b.mx", PASSWORD).status_code == 403  # no company, nothing waiting
    assert post(admin_a, "/admin/users", email="clerk@b.mx", role="clerk").status_code == 202
    lone = app.test_client()
    response = login(lone, "clerk@b.mx", PASSWORD)
    assert response.status_code == 302 and response.headers["Location"].endswith("/invitations")
    assert lone.get("/documents").status_code == 302  # no company yet: nothing else to see
    page = lone.get("/invitations").get_data(as_text=True)
    assert "Maquiladora A" in page
    from web.accounts.models import Invitation

    with services.db.session() as db:
        invitation_id = db.scalars(select(Invitation.id).where(Invitation.status == "pending")).one()
    assert post(lone, f"/invitations/{invitation_id}/accept", page="/invitations").status_code == 302
    assert lone.get(f"/documents/{world['doc_a']}").status_code == 200
    assert roles_of(services, "clerk@b.mx") == {world["a"]: "clerk"}


def test_an_admin_cancels_a_pending_invitation(world: dict[str, Any]) -> None:
    services, app = world["services"], world["app"]
    admin_b = client_for(app, "admin@b.mx")
    assert post(admin_b, "/admin/users", email="clerk@a.mx", role="clerk").status_code == 202
    from web.accounts.models import Invitation

    with services.db.session() as db:
        invitation_id = db.scalars(select(Invitation.id)).one()
    admin_a = client_for(app, "admin@a.mx")  # another company's admin cannot cancel it
    assert post(admin_a, f"/admin/invitations/{invitation_id}/cancel").status_code == 404
    assert post(admin_b, f"/admin/invitations/{invitation_id}/cancel").status_code == 200
    clerk = client_for(app, "clerk@a.mx")
    assert post(clerk, f"/invitations/{invitation_id}/accept", page="/invitations").status_code == 404
    assert roles_of(services, "clerk@a.mx") == {world["a"]: "clerk"}
    assert [e.actor for e in actions(services, "invitation.cancelled")] == ["admin@b.mx"]


def test_the_users_page_offers_no_reset_for_people_who_also_work_elsewhere(world: dict[str, Any]) -> None:
    admin_a = client_for(world["app"], "admin@a.mx")
    html = admin_a.get("/admin/users", headers={"Accept-Language": "en"}).get_data(as_text=True)
    rows = {r.split("</td>")[0].split(">")[-1]: r for r in html.split("<tr><td>")[1:]}
    assert "Also works for another company" in rows["both@x.mx"] and "Reset password" not in rows["both@x.mx"]
    assert "Reset password" in rows["clerk@a.mx"] and "another company" not in rows["clerk@a.mx"]
