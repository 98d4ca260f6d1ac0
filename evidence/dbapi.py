"""A plain DB-API connection for the command line's read-only listings (``immex documents``, ``immex lots``).

Importing SQLAlchemy's ORM alone costs a command about 0.2 s, more than half its start budget; a listing that
only reads needs none of it. This module opens the database named by the same URL the ORM uses
(``Settings.effective_database_url``, parsed as SQLAlchemy parses it) with the driver the ORM would use —
``sqlite3`` for the embedded default, psycopg for ``postgresql+psycopg`` — and answers only when the database is
at the newest migration. Everything else (another driver, a database missing, behind or ahead) raises
:class:`NotServed`, and the command takes the ORM path, which migrates, reports and fails exactly as it always
has; a PostgreSQL server that cannot be reached is reported at once, in the ORM path's words. The ORM stays the
writer and the owner of the schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, quote, unquote


class NotServed(Exception):
    """The plain path will not answer this; the ORM path must."""


# SQLAlchemy's own URL pattern (sqlalchemy.engine.url._parse_url), so that both paths read a URL alike
_URL = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:
            (?P<username>[^:/]*)
            (?::(?P<password>[^@]*))?
        @)?
        (?:
            (?:
                \[(?P<ipv6host>[^/\?]+)\] |
                (?P<ipv4host>[^/:\?]+)
            )?
            (?::(?P<port>[^/\?]*))?
        )?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
    """,
    re.X,
)
_PARAM = re.compile(r"(?<![:\w]):(\w+)")


@dataclass(frozen=True)
class Target:
    """Where a URL points: ``dialect`` is ``sqlite`` or ``postgresql``; ``connect`` the driver's arguments."""

    dialect: str
    connect: dict[str, Any]


def parse(url: str) -> Target:
    """The driver arguments the ORM would use for ``url``; ``NotServed`` for a URL this path does not read."""
    m = _URL.match(url)
    if m is None:
        raise NotServed("not a database URL")
    parts = m.groupdict()
    query = parse_qsl(parts["query"] or "")
    if parts["name"] == "sqlite":
        database = unquote(parts["database"] or "")
        if query or parts["username"] or parts["ipv4host"] or parts["ipv6host"]:
            raise NotServed("SQLite URL options")
        if not database or database == ":memory:" or database.startswith("file:"):
            raise NotServed("an in-memory SQLite database")
        return Target("sqlite", {"path": database})
    if parts["name"] != "postgresql+psycopg":
        raise NotServed(f"driver {parts['name']}")
    keys = [key for key, _value in query]
    if len(keys) != len(set(keys)):
        raise NotServed("several hosts")
    args: dict[str, Any] = {}
    for name, key in (("username", "user"), ("password", "password"), ("database", "dbname")):
        if parts[name] is not None:
            args[key] = unquote(parts[name])
    host = parts["ipv4host"] or parts["ipv6host"]
    if host:
        args["host"] = host
    if parts["port"]:
        args["port"] = int(parts["port"])
    args.update(query)
    return Target("postgresql", args)


class Reader:
    """One read-only transaction. Queries are written once with ``:name`` parameters; a sequence value is a list
    (``IN :ids``) and is spelled out as one parameter per item."""

    def __init__(self, raw: Any, dialect: str) -> None:
        self._raw = raw
        self.dialect = dialect

    def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        text, values = self._render(sql, params)
        cursor = self._raw.cursor()
        try:
            cursor.execute(text, values)
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def scalar(self, sql: str, **params: Any) -> Any:
        found = self.rows(sql, **params)
        return found[0][0] if found else None

    def _render(self, sql: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        values: dict[str, Any] = {}

        def one(name: str, value: Any) -> str:
            values[name] = self._adapt(value)
            return f":{name}" if self.dialect == "sqlite" else f"%({name})s"

        def place(match: re.Match[str]) -> str:
            name = match.group(1)
            value = params[name]
            if isinstance(value, list | tuple | set | frozenset):
                items = sorted(value) if isinstance(value, set | frozenset) else list(value)
                return "(" + ", ".join(one(f"{name}_{i}", v) for i, v in enumerate(items or [None])) + ")"
            return one(name, value)

        return _PARAM.sub(place, sql), values

    def _adapt(self, value: Any) -> Any:
        """SQLite gets what SQLAlchemy writes to it: dates as ISO text, booleans as 1/0."""
        if self.dialect == "sqlite":
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, bool):
                return int(value)
        return value


def _open_sqlite(path: str) -> Any:
    import sqlite3

    try:  # mode=rw: a database file that is not there yet is the ORM path's to create and migrate
        raw = sqlite3.connect(f"file:{quote(path)}?mode=rw", uri=True, timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise NotServed(str(exc)) from exc
    raw.execute("BEGIN")  # one snapshot for every query of the listing
    return raw


def _open_postgresql(args: dict[str, Any]) -> Any:
    """A connection; a server that cannot be reached (or refuses the login) raises psycopg's
    ``OperationalError``, which the command reports as the ORM path does, rather than making the ORM path wait
    for the same server a second time."""
    import psycopg

    try:
        return psycopg.connect(**args)
    except psycopg.OperationalError:
        raise
    except psycopg.Error as exc:  # anything else (an option libpq refuses): the ORM path says it in its words
        raise NotServed(str(exc)) from exc


@contextmanager
def reader(url: str, heads: Sequence[str] | frozenset[str]) -> Iterator[Reader]:
    """A reader on ``url`` when its database stands at exactly the migration ``heads``; else ``NotServed``."""
    target = parse(url)
    raw = _open_sqlite(target.connect["path"]) if target.dialect == "sqlite" else _open_postgresql(target.connect)
    try:
        read = Reader(raw, target.dialect)
        try:
            stamped = {row[0] for row in read.rows("SELECT version_num FROM alembic_version")}
        except Exception as exc:  # noqa: BLE001 - no version table: a database never migrated
            raise NotServed("no schema version") from exc
        if not stamped or stamped != set(heads):
            raise NotServed("the schema is not at the newest migration")
        yield read
    finally:
        try:
            raw.rollback()
        finally:
            raw.close()
