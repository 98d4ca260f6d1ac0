"""``immex user create``, ``immex user reset-password`` and ``immex token create`` on the embedded backend: a
generated password is printed once, the token is printed alone on standard output and works on the API until
a password reset revokes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from immex.cli import main
from immex.services import build_services
from tests.conftest import embedded_settings
from web import create_app
from web.accounts.service import authenticate

pytestmark = pytest.mark.integration


def test_users_and_tokens_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMMEX_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    assert runner.invoke(main, ["company", "create", "--rfc", "AAA010101AAA", "--name", "A"]).exit_code == 0

    created = runner.invoke(
        main, ["user", "create", "--email", "Ana@A.mx", "--company", "AAA010101AAA", "--role", "clerk"]
    )
    assert created.exit_code == 0, created.output
    password = created.output.split("password: ")[1].strip()
    chosen = runner.invoke(
        main,
        [
            "user",
            "create",
            "--email",
            "eva@a.mx",
            "--company",
            "AAA010101AAA",
            "--role",
            "auditor",
            "--password",
            "elegida-por-eva",
        ],
    )
    assert chosen.exit_code == 0 and "password:" not in chosen.output

    token_run = runner.invoke(main, ["token", "create", "--email", "ana@a.mx", "--company", "AAA010101AAA"])
    assert token_run.exit_code == 0
    token = token_run.stdout
    assert token.startswith("imx_") and token.strip() == token.rstrip("\n") and len(token.splitlines()) == 1

    reset = runner.invoke(main, ["user", "reset-password", "--email", "ana@a.mx"])
    new_password = reset.output.split("password: ")[1].strip()
    assert new_password != password
    # a reset revokes the user's tokens: the one made before it no longer works, a new one does
    old_token = token
    token = runner.invoke(main, ["token", "create", "--email", "ana@a.mx", "--company", "AAA010101AAA"]).stdout

    unknown = runner.invoke(main, ["user", "reset-password", "--email", "nobody@a.mx"])
    assert unknown.exit_code != 0 and "No user with e-mail nobody@a.mx" in unknown.output
    bad_role = runner.invoke(
        main, ["user", "create", "--email", "x@a.mx", "--company", "AAA010101AAA", "--role", "boss"]
    )
    assert bad_role.exit_code != 0

    services = build_services(embedded_settings(tmp_path))
    try:
        assert authenticate(services, email="ana@a.mx", password=new_password, ip="127.0.0.1").email == "ana@a.mx"
        response = (
            create_app(services)
            .test_client()
            .get("/api/v1/documents", headers={"Authorization": f"Bearer {token.strip()}"})
        )
        assert response.status_code == 200 and response.get_json()["total"] == 0
        revoked = (
            create_app(services)
            .test_client()
            .get("/api/v1/documents", headers={"Authorization": f"Bearer {old_token.strip()}"})
        )
        assert revoked.status_code == 401
    finally:
        services.close()
