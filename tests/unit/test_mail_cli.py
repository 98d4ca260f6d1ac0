"""``immex company create --drop-address/--allow-sender`` and ``immex mail messages`` on the embedded store."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from immex.cli import main
from immex.services import build_services
from intake.mailroute import receive_message
from tests.conftest import embedded_settings

RFC = "AAA010101AAA"


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("IMMEX_DATA_DIR", str(tmp_path / "data"))
    return CliRunner()


def _create(runner: CliRunner, *extra: str) -> tuple[int, str]:
    result = runner.invoke(main, ["company", "create", "--rfc", RFC, "--name", "Demo", "--json", *extra])
    return result.exit_code, result.output


def test_company_mail_settings_and_the_messages_listing(runner: CliRunner, tmp_path: Path) -> None:
    code, out = _create(runner, "--drop-address", "Facturas@Drop.Example.MX", "--allow-sender", "proveedor.mx")
    assert code == 0, out
    company_id = json.loads(out)["id"]

    services = build_services(embedded_settings(tmp_path))
    try:
        m = EmailMessage()
        m["From"] = "ana@proveedor.mx"
        m["To"] = "facturas@drop.example.mx"
        m["Subject"] = "Factura"
        m["Message-ID"] = "<cli@x>"
        m.set_content("hola")
        m.add_attachment(b"", maintype="application", subtype="pdf", filename="vacio.pdf")
        receive_message(services, m.as_bytes(), company_id=company_id)
    finally:
        services.close()

    listed = runner.invoke(main, ["mail", "messages", "--company", RFC, "--json"])
    assert listed.exit_code == 0, listed.output
    (msg,) = json.loads(listed.output)
    assert msg["message_id"] == "<cli@x>" and msg["status"] == "problems"
    assert msg["outcomes"][0]["code"] == "empty"
    text = runner.invoke(main, ["mail", "messages", "--company", RFC])
    assert "vacio.pdf" in text.output and "0 bytes" in text.output


def test_bad_mail_settings_are_refused_with_a_clear_message(runner: CliRunner) -> None:
    code, out = _create(runner, "--drop-address", "not an address")
    assert code != 0
    assert "is not an email address" in out
    code, out = _create(runner, "--allow-sender", "@@")
    assert code != 0 and "'@@' is not a domain" in out
    listed = runner.invoke(main, ["company", "list", "--json"])
    assert json.loads(listed.output) == []  # nothing half-created
