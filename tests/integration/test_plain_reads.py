"""``immex documents`` and ``immex lots`` read with plain DB-API SQL (``evidence.plain_reads``) when the database
is current, and through the ORM otherwise. Both paths must print the same thing, byte for byte, in text and in
JSON, on SQLite and on PostgreSQL: with several companies (another company's rows never show), on an empty
database, on one never migrated (the ORM path migrates it, as every start does) and on one a newer version
migrated (a clear error, not a traceback)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from evidence import plain_reads
from evidence.dbapi import NotServed
from immex.cli import main
from immex.services import Services, build_services
from immex.settings import Settings
from tests.conftest import create_pg_database, drop_pg_database

pytestmark = pytest.mark.integration

DEMO = "DMQ190101AB6"  # immex.demo.DEMO_RFC
OTHER = "BBB020202BBB"  # the same documents taken in by a second company
EMPTY = "CCC030303CCC"  # a company with nothing yet


@dataclass
class Backend:
    name: str
    env: dict[str, str | None]
    url: str


def _backend(name: str, data_dir: Path, url: str = "") -> Backend:
    env: dict[str, str | None] = {"IMMEX_DATA_DIR": str(data_dir), "IMMEX_DATABASE_URL": url or None}
    env.update({"IMMEX_REDIS_URL": None, "IMMEX_S3_ENDPOINT": None})
    return Backend(name, env, Settings.from_env({}, data_dir=data_dir, database_url=url).effective_database_url)


def run(backend: Backend, args: list[str], *, path: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Result, bool]:
    """``immex ARGS`` in this process, through the plain path where it answers (``path="plain"``) or only through
    the ORM; and whether the plain path answered."""
    answered: list[bool] = []
    original = plain_reads.reader

    @contextmanager
    def plain(url: str, heads: Any) -> Iterator[Any]:
        with original(url, heads) as read:
            yield read
        answered.append(True)

    def refused(url: str, heads: Any) -> Any:
        raise NotServed("the ORM path, asked for by the test")

    with monkeypatch.context() as patch:
        patch.setattr(plain_reads, "reader", plain if path == "plain" else refused)
        result = CliRunner().invoke(main, args, env=backend.env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result, bool(answered)


def both(backend: Backend, args: list[str], monkeypatch: pytest.MonkeyPatch, *, served: bool = True) -> Result:
    """The command's result, after checking that both paths give the same exit code and output, and that the
    plain path answered (``served``) or left it to the ORM."""
    plain, answered = run(backend, args, path="plain", monkeypatch=monkeypatch)
    orm, _ = run(backend, args, path="orm", monkeypatch=monkeypatch)
    assert (plain.exit_code, plain.stdout, plain.stderr) == (orm.exit_code, orm.stdout, orm.stderr), args
    assert answered is served, args
    return plain


def _fill(services: Services) -> None:
    """The demo company (documents, links, a BOM, a saved run) and a second company with the same documents
    and its own saved run, and a third with nothing."""
    from evidence.chain.bom import import_bom
    from evidence.chain.runs import execute_run
    from evidence.models import Company
    from immex.cli.core import wait_for
    from immex.demo import run_demo
    from intake.accept import IncomingDocument, accept

    run_demo(services)
    with services.db.session() as session:
        other = Company(rfc=OTHER, name="Ensambles B")
        session.add_all([other, Company(rfc=EMPTY, name="Vacía C")])
        session.flush()
        other_id = other.id
    ids = []
    outdir = services.settings.data_dir / "demo-documents"
    for path in sorted(outdir.glob("*.pdf")):
        res = accept(
            services, IncomingDocument(company_id=other_id, source="cli", filename=path.name, path=path, actor="t")
        )
        ids.append(res.document_id)
    wait_for(services, [i for i in ids if i is not None], timeout=1800)
    with services.db.session() as session:
        import_bom(session, other_id, outdir / "bom-arnes.csv", actor="test", today=date.today())
    with services.db.session() as session:
        execute_run(session, other_id, actor="test", as_of=date.today())


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    data_dir = tmp_path_factory.mktemp(f"plain-{request.param}")
    url = create_pg_database() if request.param == "postgresql" else ""
    services = build_services(Settings.from_env({}, data_dir=data_dir, database_url=url))
    try:
        _fill(services)
    finally:
        services.close()
    yield _backend(request.param, data_dir, url)
    if url:
        drop_pg_database(url)


def test_the_paths_agree_and_keep_to_the_company(filled: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = json.loads(both(filled, ["documents", "--json"], monkeypatch).stdout)
    both(filled, ["documents"], monkeypatch)
    by_company: dict[str, list[dict[str, Any]]] = {}
    for rfc in (DEMO, OTHER, EMPTY):
        listed = both(filled, ["documents", "--company", rfc, "--json"], monkeypatch)
        by_company[rfc] = json.loads(listed.stdout)
        both(filled, ["documents", "--company", rfc.lower()], monkeypatch)
    assert len(by_company[DEMO]) == len(by_company[OTHER]) == 5 and by_company[EMPTY] == []
    ids = [d["id"] for d in everything]
    assert len(ids) == 10 and ids == sorted(ids, reverse=True)
    for rfc, other in ((DEMO, OTHER), (OTHER, DEMO)):
        assert len({d["company_id"] for d in by_company[rfc]}) == 1
        assert not {d["id"] for d in by_company[rfc]} & {d["id"] for d in by_company[other]}
    processed = both(filled, ["documents", "--company", DEMO, "--status", "processed", "--json"], monkeypatch)
    assert [d["status"] for d in json.loads(processed.stdout)] == ["processed"] * 5
    assert json.loads(both(filled, ["documents", "--status", "failed", "--json"], monkeypatch).stdout) == []

    sha_of = {rfc: {d["sha256"] for d in docs} for rfc, docs in by_company.items()}
    today = date.today()
    for rfc in (DEMO, OTHER):
        lots = json.loads(both(filled, ["lots", "--company", rfc, "--json"], monkeypatch).stdout)
        assert len(lots) == 3  # its own three, not the other company's copies as well
        assert all(lot["discharged_quantity"] > 0 for lot in lots)
        assert all(lot["documents"] and set(lot["documents"]) <= sha_of[rfc] for lot in lots)
        # a lot says when a document behind its figures still waits for a clerk
        review_of = {d["sha256"]: d["needs_review"] for d in by_company[rfc]}
        assert all(lot["awaiting_review"] == any(review_of[s] for s in lot["documents"]) for lot in lots)
        both(filled, ["lots", "--company", rfc], monkeypatch)
        for day in (today - timedelta(days=3650), today - timedelta(days=200), today + timedelta(days=400)):
            both(filled, ["lots", "--company", rfc, "--as-of", day.isoformat(), "--json"], monkeypatch)
    # no saved run: the ORM path runs the discharge engine in memory
    assert json.loads(both(filled, ["lots", "--company", EMPTY, "--json"], monkeypatch, served=False).stdout) == []


def test_refusals_are_the_same(filled: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (["documents", "--company", "ZZZ991231ZZZ"], ["lots", "--company", "ZZZ991231ZZZ", "--json"]):
        refused = both(filled, args, monkeypatch, served=False)
        assert refused.exit_code == 4 and "ZZZ991231ZZZ" in refused.stderr
    bad_day = both(filled, ["lots", "--company", DEMO, "--as-of", "someday"], monkeypatch, served=False)
    assert bad_day.exit_code == 2 and "is not a date" in bad_day.stderr


@pytest.fixture(params=["sqlite", "postgresql"])
def blank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """A database nothing has touched: a data directory without one, or an empty PostgreSQL database."""
    url = create_pg_database() if request.param == "postgresql" else ""
    yield _backend(request.param, tmp_path / "data", url)
    if url:
        drop_pg_database(url)


def test_a_database_never_migrated_is_migrated_then_read(blank: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    first, answered = run(blank, ["documents", "--json"], path="plain", monkeypatch=monkeypatch)
    assert not answered and first.exit_code == 0 and json.loads(first.stdout) == []  # the ORM path migrated
    assert both(blank, ["documents", "--json"], monkeypatch).stdout.strip() == "[]"  # empty and current now
    assert both(blank, ["documents"], monkeypatch).stdout == ""
    assert both(blank, ["lots", "--company", DEMO], monkeypatch, served=False).exit_code == 4


def test_a_database_a_newer_version_migrated_is_a_clear_error(blank: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(blank, ["company", "list"], path="orm", monkeypatch=monkeypatch)[0].exit_code == 0
    if blank.name == "sqlite":
        with sqlite3.connect(blank.url.removeprefix("sqlite:///")) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed0000'")
    else:
        import psycopg

        from evidence.dbapi import parse

        with psycopg.connect(**parse(blank.url).connect) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed0000'")
    for args in (["documents", "--json"], ["lots", "--company", DEMO]):
        refused = both(blank, args, monkeypatch, served=False)
        assert refused.exit_code == 78 and refused.stdout == ""
        assert refused.stderr.startswith("error [schema]: ") and "f00dfeed0000" in refused.stderr


def test_a_server_that_cannot_be_reached_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Said at once by the plain path, in the ORM path's words (not waited on twice)."""
    nowhere = _backend("postgresql", tmp_path / "data", "postgresql+psycopg://postgres@127.0.0.1:9/nothing")
    for args in (["documents", "--json"], ["lots", "--company", DEMO]):
        refused = both(nowhere, args, monkeypatch, served=False)
        assert refused.exit_code == 75 and refused.stdout == ""
        assert refused.stderr.startswith("error [unavailable]: The database is not reachable (")
        assert len(refused.stderr.strip().splitlines()) == 1
