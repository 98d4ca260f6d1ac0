"""``immex audit verify`` finds edited, deleted and reordered audit events and names them.

On SQLite nothing stops a person with the file from editing it, so the hash chain is the guard. On PostgreSQL a
trigger refuses UPDATE, DELETE and TRUNCATE; a superuser can disable it, and the chain still gives them away.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from evidence import audit
from immex.cli import main
from immex.errors import IntegrityError
from immex.services import Services, build_services
from immex.settings import Settings

pytestmark = pytest.mark.integration


def _env(services: Services) -> dict[str, str]:
    env = {"IMMEX_DATA_DIR": str(services.settings.data_dir)}
    if services.settings.database_url:
        env["IMMEX_DATABASE_URL"] = services.settings.database_url
    return env


def audit_verify(services: Services) -> Result:
    return CliRunner().invoke(main, ["audit", "verify"], env=_env(services))


def _fill(services: Services, n: int = 6) -> None:
    for i in range(1, n + 1):
        with services.db.session() as session:
            audit.record(
                session,
                actor=f"clerk{i}@example.com",
                action="document.received",
                object_type="document",
                object_id=i,
                company_id=1,
                details={"filename": f"factura-{i}.pdf", "size": 1000 + i, "amount": 12.5 * i},
            )


def _raw(services: Services, *statements: str) -> None:
    """Change the table behind the service's back, as someone with database access could."""
    engine = create_engine(services.db.url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def sqlite_services(tmp_path: Path) -> Iterator[Services]:
    services = build_services(Settings.from_env({}, data_dir=tmp_path / "data"))
    _fill(services)
    yield services
    services.close()


def test_intact_log_verifies(sqlite_services: Services) -> None:
    result = audit_verify(sqlite_services)
    assert result.exit_code == 0, result.output
    assert "6 audit events checked" in result.output and "intact" in result.output


def test_edited_event_on_sqlite(sqlite_services: Services) -> None:
    _raw(sqlite_services, "UPDATE audit_events SET actor = 'someone.else@example.com' WHERE id = 3")
    result = audit_verify(sqlite_services)
    assert result.exit_code == IntegrityError.exit_code
    assert "event 3: its content does not match its hash (edited)" in result.output
    assert "event 2:" not in result.output and "event 4:" not in result.output


def test_edited_details_on_sqlite(sqlite_services: Services) -> None:
    _raw(sqlite_services, """UPDATE audit_events SET details = '{"filename": "otra.pdf"}' WHERE id = 5""")
    result = audit_verify(sqlite_services)
    assert result.exit_code == IntegrityError.exit_code
    assert "event 5: its content does not match its hash" in result.output


def test_deleted_event_on_sqlite(sqlite_services: Services) -> None:
    _raw(sqlite_services, "DELETE FROM audit_events WHERE id = 4")
    result = audit_verify(sqlite_services)
    assert result.exit_code == IntegrityError.exit_code
    assert "event 5: expected event 4 here: events were deleted" in result.output


def test_reordered_events_on_sqlite(sqlite_services: Services) -> None:
    """Events 2 and 3 change places (each row keeps its content, the order changes)."""
    _raw(
        sqlite_services,
        "UPDATE audit_events SET id = 1000 WHERE id = 2",
        "UPDATE audit_events SET id = 2 WHERE id = 3",
        "UPDATE audit_events SET id = 3 WHERE id = 1000",
    )
    result = audit_verify(sqlite_services)
    assert result.exit_code == IntegrityError.exit_code
    assert "event 2: does not follow the event before it" in result.output
    assert "event 3: does not follow the event before it" in result.output
    assert "event 4: does not follow the event before it" in result.output


def test_events_cut_from_the_end_are_found_by_the_signed_anchor(sqlite_services: Services) -> None:
    """Deleting the newest events leaves a whole chain; the anchor written by the last check gives it away."""
    assert audit_verify(sqlite_services).exit_code == 0  # anchors event 6
    _raw(sqlite_services, "DELETE FROM audit_events WHERE id >= 5")
    result = audit_verify(sqlite_services)
    assert result.exit_code == IntegrityError.exit_code
    assert "4 audit events checked" in result.output
    assert "event 6: missing, but it was in the log at" in result.output


def test_json_output_names_the_events(sqlite_services: Services) -> None:
    import json

    _raw(sqlite_services, "UPDATE audit_events SET action = 'document.deleted' WHERE id = 2")
    result = CliRunner().invoke(main, ["audit", "verify", "--json"], env=_env(sqlite_services))
    data = json.loads(result.output)
    assert data["ok"] is False and data["events"] == 6
    assert [p["event_id"] for p in data["problems"]] == [2]


# -- PostgreSQL: the trigger refuses, and a superuser who disables it is still caught ---------------------------


@pytest.fixture
def pg(pg_url: str, tmp_path: Path) -> Iterator[Services]:
    services = build_services(Settings.from_env({}, data_dir=tmp_path / "data", database_url=pg_url))
    _fill(services)
    yield services
    services.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET actor = 'x' WHERE id = 3",
        "DELETE FROM audit_events WHERE id = 3",
        "TRUNCATE audit_events",
    ],
)
def test_postgresql_refuses_changes(pg: Services, statement: str) -> None:
    with pytest.raises(DBAPIError, match="append-only"):
        _raw(pg, statement)
    assert audit_verify(pg).exit_code == 0


def test_postgresql_superuser_edit_is_still_detected(pg: Services) -> None:
    _raw(
        pg,
        "ALTER TABLE audit_events DISABLE TRIGGER USER",
        """UPDATE audit_events SET details = '{"filename": "otra.pdf"}'::jsonb WHERE id = 2""",
        "DELETE FROM audit_events WHERE id = 5",
        "ALTER TABLE audit_events ENABLE TRIGGER USER",
    )
    result = audit_verify(pg)
    assert result.exit_code == IntegrityError.exit_code
    assert "event 2: its content does not match its hash (edited)" in result.output
    assert "event 6: expected event 5 here: events were deleted" in result.output


def test_postgresql_superuser_cutting_the_tail_is_detected(pg: Services) -> None:
    assert audit_verify(pg).exit_code == 0  # anchors event 6 in the object store
    _raw(
        pg,
        "ALTER TABLE audit_events DISABLE TRIGGER USER",
        "DELETE FROM audit_events WHERE id = 6",
        "ALTER TABLE audit_events ENABLE TRIGGER USER",
    )
    result = audit_verify(pg)
    assert result.exit_code == IntegrityError.exit_code
    assert "event 6: missing" in result.output
