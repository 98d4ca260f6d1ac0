"""Apply the migrations programmatically (``immex db upgrade`` and every start).

Every start first asks the database which revision it is at and compares it with the heads of the version files
(read with ``ast``, without Alembic); only a database behind them pays for Alembic and the models, so a command
on an up-to-date database starts in a fraction of a second.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

HERE = Path(__file__).resolve().parent


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["configure_logger"] = False
    return cfg


def upgrade_database(url: str, revision: str = "heads") -> None:
    """Bring the database to ``revision``; a database stamped with a revision these files do not know (a newer
    version of the service migrated it) is a clear ``ConfigError``, not a traceback."""
    from alembic import command
    from alembic.util import CommandError

    from immex.errors import ConfigError

    try:
        command.upgrade(alembic_config(url), revision)
    except CommandError as exc:
        raise ConfigError(
            f"The database's schema cannot be brought up to date ({str(exc).strip()[:200]}). It was probably "
            "migrated by a newer version of immex: run that version, or point IMMEX_DATABASE_URL at another "
            "database.",
            code="schema",
        ) from exc


def heads(url: str = "sqlite://") -> list[str]:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(alembic_config(url)).get_heads())


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


@cache
def file_heads() -> frozenset[str]:
    """The revisions no other version file names as its ``down_revision`` (what ``heads()`` gives).

    Only the two assignment lines of each file are evaluated (``ast.literal_eval``), not the whole file: parsing
    every migration cost each command more than a tenth of a second's budget."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (HERE / "versions").glob("*.py"):
        values: dict[str, Any] = {
            name: ast.literal_eval(value.strip())
            for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8"))
        }
        if "revision" in values:
            revisions.add(values["revision"])
            down = values.get("down_revision")
            parents.update(down if isinstance(down, tuple | list) else [down] if down else [])
    return frozenset(revisions - parents)


def is_current(engine: Engine) -> bool:
    """Whether the database stands at every head already (False when it has no version table yet)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            stamped = set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except DBAPIError:
        return False
    return bool(stamped) and stamped == file_heads()


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
