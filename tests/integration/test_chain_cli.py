"""The chain's commands end to end (``immex bom import``, ``discharge run|diff``, ``lots``, ``chain``,
``findings``, ``link``, ``unlink``) on the embedded store and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from evidence.chain.models import Link
from evidence.db import Database
from evidence.models import Company
from immex.cli import main
from tests.integration.test_scenario_discharge import AS_OF, BOM_CSV, EXPECTED, IMPORTS, load_scenario, number_of

pytestmark = pytest.mark.integration
RFC = "MDN200101AB1"


@pytest.fixture(params=["embedded", "postgresql"])
def cli_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    env = {
        "IMMEX_DATA_DIR": str(tmp_path / "data"),
        "IMMEX_DATABASE_URL": "",
        "IMMEX_REDIS_URL": "",
        "IMMEX_S3_ENDPOINT": "",
    }
    if request.param == "postgresql":
        env["IMMEX_DATABASE_URL"] = request.getfixturevalue("pg_url")
    return env


def immex(env: dict[str, str], *args: str, ok: bool = True) -> Any:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def database(env: dict[str, str]) -> Database:
    url = env["IMMEX_DATABASE_URL"] or f"sqlite:///{(Path(env['IMMEX_DATA_DIR']) / 'immex.db').resolve()}"
    return Database(url)


def test_the_chain_from_the_command_line(cli_env: dict[str, str], tmp_path: Path) -> None:
    immex(cli_env, "company", "create", "--rfc", RFC, "--name", "Maquiladora del Norte")
    db = database(cli_env)
    try:
        with db.session() as session:
            company_id = session.scalar(select(Company.id).where(Company.rfc == RFC))
        assert company_id is not None
        load_scenario(db, company_id, tmp_path, with_bom=False)
        bad = tmp_path / "bad.csv"
        bad.write_text("producto,componente,cantidad,unidad\nP1,M1,cuatro,6\n", encoding="utf-8")
        refused = immex(cli_env, "bom", "import", "--company", RFC, str(bad), ok=False)
        assert refused.exit_code != 0
        assert "row 2, column 'cantidad': 'cuatro' is not a number" in refused.output
        assert "nothing was saved" in refused.output
        good = tmp_path / "bom.csv"
        good.write_text(BOM_CSV, encoding="utf-8")
        imported = json.loads(immex(cli_env, "bom", "import", "--company", RFC, str(good), "--json").output)
        assert len(imported["versions_added"]) == 4
        again = json.loads(immex(cli_env, "bom", "import", "--company", RFC, str(good), "--json").output)
        assert again["versions_added"] == [] and again["versions_unchanged"] == 4

        dry = json.loads(
            immex(
                cli_env, "discharge", "run", "--company", RFC, "--dry-run", "--as-of", AS_OF.isoformat(), "--json"
            ).output
        )
        assert dry["id"] is None and dry["dry_run"] is True
        run = json.loads(
            immex(cli_env, "discharge", "run", "--company", RFC, "--as-of", AS_OF.isoformat(), "--json").output
        )
        assert run["id"] is not None and run["input_hash"] == dry["input_hash"]
        assert {
            k
            for k in (
                "id",
                "created_at",
                "actor",
                "algorithm_version",
                "input_hash",
                "as_of",
                "lot_count",
                "export_line_count",
                "uncovered",
            )
        } <= set(run)
        [short] = run["uncovered"]
        assert {
            k: short[k]
            for k in (
                "export_pedimento",
                "export_sequence",
                "part_number",
                "required_quantity",
                "covered_quantity",
                "uncovered_quantity",
                "unit",
            )
        } == {
            "export_pedimento": number_of("E8"),
            "export_sequence": 1,
            "part_number": "M3",
            "required_quantity": 1500,
            "covered_quantity": 765,
            "uncovered_quantity": 735,
            "unit": "6",
        }

        lots = json.loads(immex(cli_env, "lots", "--company", RFC, "--json", "--as-of", AS_OF.isoformat()).output)
        numbers = {n: k for k, n, *_ in IMPORTS}
        got = {
            (numbers[x["pedimento_number"]], x["sequence"]): (
                x["part_number"],
                x["imported_quantity"],
                x["discharged_quantity"],
                x["balance"],
                x["status"],
                x["due_date"],
            )
            for x in lots
        }
        assert got == EXPECTED
        assert all(len(x["documents"]) >= 1 for x in lots)

        chain = json.loads(
            immex(
                cli_env,
                "chain",
                "--company",
                RFC,
                "--pedimento",
                number_of("I1"),
                "--sequence",
                "1",
                "--json",
                "--as-of",
                AS_OF.isoformat(),
            ).output
        )
        assert [e["quantity"] for e in chain["lots"][0]["exports"]] == [440, 200]
        found = json.loads(immex(cli_env, "findings", "--company", RFC, "--json", "--as-of", AS_OF.isoformat()).output)
        assert {"export_uncovered", "lot_expired", "lot_expiring", "anexo1_excluded"} <= {f["code"] for f in found}

        second = json.loads(
            immex(
                cli_env, "discharge", "run", "--company", RFC, "--as-of", AS_OF.isoformat(), "--full", "--json"
            ).output
        )
        diff = json.loads(immex(cli_env, "discharge", "diff", str(run["id"]), str(second["id"]), "--json").output)
        assert diff["identical"] and diff["same_inputs"]

        with db.session() as session:
            link_id = session.scalar(select(Link.id).where(Link.kind == "bl_pedimento"))
        assert link_id is not None
        immex(cli_env, "unlink", "--company", RFC, str(link_id), "--reason", "wrong shipment")
        again_undo = immex(cli_env, "unlink", "--company", RFC, str(link_id), "--reason", "x", ok=False)
        assert again_undo.exit_code != 0 and "already undone" in again_undo.output
        made = json.loads(
            immex(
                cli_env,
                "link",
                "--company",
                RFC,
                "--pedimento",
                number_of("I10"),
                "--sequence",
                "1",
                "--part-number",
                "M2",
                "--reason",
                "checked the packing list",
                "--json",
            ).output
        )
        with db.session() as session:
            link = session.get(Link, made["link_id"])
            assert link is not None and link.rule == "person" and link.actor.startswith("cli")
        missing = immex(cli_env, "lots", "--company", "XXX010101XX1", "--json", ok=False)
        assert missing.exit_code != 0 and "no company with RFC" in missing.output
    finally:
        db.dispose()
