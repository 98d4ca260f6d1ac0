"""One linear history, the same schema on SQLite and PostgreSQL, and no drift between the models and the
migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from evidence.db import Base
from migrations.models import import_all_models
from migrations.runner import heads, upgrade_database

pytestmark = pytest.mark.integration


def test_single_head() -> None:
    assert len(heads()) == 1


def _schema(url: str) -> dict[str, set[str]]:
    engine = create_engine(url)
    try:
        insp = inspect(engine)
        return {t: {c["name"] for c in insp.get_columns(t)} for t in insp.get_table_names() if t != "alembic_version"}
    finally:
        engine.dispose()


def _drift(url: str) -> list:
    import_all_models()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": False})
            diffs = compare_metadata(ctx, Base.metadata)
    finally:
        engine.dispose()
    # Index/constraint naming on SQLite batch mode is not worth failing on; tables and columns are.
    kinds = ("add_table", "remove_table", "add_column", "remove_column")
    return [d for d in diffs if isinstance(d, tuple) and d[0] in kinds]


def test_sqlite_and_postgresql_reach_the_same_schema(tmp_path: Path, pg_url: str) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade_database(sqlite_url)
    upgrade_database(pg_url)
    upgrade_database(pg_url)  # idempotent
    assert _schema(sqlite_url) == _schema(pg_url)
    assert _drift(sqlite_url) == []
    assert _drift(pg_url) == []
