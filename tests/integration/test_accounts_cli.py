"""The operator's account commands on the embedded backend: answer an invitation for a user, sign a user out
everywhere, list and revoke a company's API tokens. Each is an audit event and takes effect on the portal and
the API at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from evidence.models import AuditEvent
from immex.cli import main
from immex.services import build_services
from tests.conftest import embedded_settings
from tests.e2e.portal_support import PASSWORD, csrf_of, login
from web import create_app
from web.accounts.company_admin import add_user
from web.accounts.service import companies_of, create_token, user_by_email

pytestmark = pytest.mark.integration


def test_operator_commands_for_invitations_sessions_and_tokens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMMEX_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    for rfc in ("AAA010101AAA", "BBB020202BBB"):
        assert runner.invoke(main, ["company", "create", "--rfc", rfc, "--name", rfc]).exit_code == 0
    for email, rfc, role in [("ana@a.mx", "AAA010101AAA", "clerk"), ("boss@b.mx", "BBB020202BBB", "admin")]:
        args = ["user", "create", "--email", email, "--company", rfc, "--role", role, "--password", PASSWORD]
        assert runner.invoke(main, args).exit_code == 0

    services = build_services(embedded_settings(tmp_path))
    try:
        with services.db.session() as db:
            b = companies_of(db, user_by_email(db, "boss@b.mx").id)[0]["id"]  # type: ignore[union-attr]
            assert add_user(db, company_id=b, email="ana@a.mx", role="auditor", actor="boss@b.mx").kind == "invited"
            a = companies_of(db, user_by_email(db, "ana@a.mx").id)[0]["id"]  # type: ignore[union-attr]
            token = create_token(db, email="ana@a.mx", company_id=a, label="scanner")
        listed = runner.invoke(main, ["user", "invitations", "--email", "ana@a.mx", "--json"])
        assert [(r["rfc"], r["role"]) for r in json.loads(listed.output)] == [("BBB020202BBB", "auditor")]
        answer = ["user", "answer", "--email", "ana@a.mx", "--accept", "--company"]
        missing = runner.invoke(main, [*answer, "AAA010101AAA"])
        assert missing.exit_code != 0 and "No invitation" in missing.output
        accepted = runner.invoke(main, [*answer, "BBB020202BBB"])
        assert accepted.exit_code == 0, accepted.output
        with services.db.session() as db:
            roles = {c["rfc"]: c["role"] for c in companies_of(db, user_by_email(db, "ana@a.mx").id)}  # type: ignore[union-attr]
        assert roles == {"AAA010101AAA": "clerk", "BBB020202BBB": "auditor"}

        app = create_app(services)
        browser = app.test_client()
        assert login(browser, "ana@a.mx", PASSWORD).status_code == 302
        assert browser.get("/documents").status_code == 200
        signed_out = runner.invoke(main, ["user", "sign-out", "--email", "ana@a.mx"])
        assert signed_out.exit_code == 0 and signed_out.output.startswith("1 sessions")
        assert browser.get("/documents").status_code == 302

        tokens = json.loads(runner.invoke(main, ["token", "list", "--company", "AAA010101AAA", "--json"]).output)
        assert [(t["email"], t["label"], t["revoked_at"]) for t in tokens] == [("ana@a.mx", "scanner", None)]
        assert runner.invoke(main, ["token", "list", "--company", "BBB020202BBB", "--json"]).output.strip() == "[]"
        wrong = runner.invoke(main, ["token", "revoke", "--id", str(tokens[0]["id"]), "--company", "BBB020202BBB"])
        assert wrong.exit_code != 0
        headers = {"Authorization": f"Bearer {token}"}
        assert app.test_client().get("/api/v1/documents", headers=headers).status_code == 200
        done = runner.invoke(main, ["token", "revoke", "--id", str(tokens[0]["id"]), "--company", "AAA010101AAA"])
        assert done.exit_code == 0, done.output
        assert app.test_client().get("/api/v1/documents", headers=headers).status_code == 401

        # the portal still refuses B's admin a reset of a user who also works for A
        boss = app.test_client()
        assert login(boss, "boss@b.mx", PASSWORD).status_code == 302
        page_token = csrf_of(boss.get("/admin/users").get_data(as_text=True))
        refused = boss.post("/admin/users/reset", data={"email": "ana@a.mx", "csrf_token": page_token})
        assert refused.status_code == 403
        with services.db.session() as db:
            acts = set(db.scalars(select(AuditEvent.action)).all())
        assert {"invitation.accepted", "user.sessions_ended", "token.revoked"} <= acts
    finally:
        services.close()
