"""The plain read path (``evidence.dbapi``) opens the database the ORM would: the same URL, parsed alike, gives
the driver the same arguments SQLAlchemy's dialect gives it; anything it does not read goes to the ORM."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import make_url

from evidence.dbapi import NotServed, Reader, parse

POSTGRES = [
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "postgresql+psycopg://immex:s%40cr%3At@db.internal/immex",
    "postgresql+psycopg://u:p@[::1]:6543/d?sslmode=require&application_name=immex",
    "postgresql+psycopg:///immex?host=/var/run/postgresql",
    "postgresql+psycopg://u@h/my%20db",
]


@pytest.mark.parametrize("url", POSTGRES)
def test_postgresql_urls_connect_as_sqlalchemy_would(url: str) -> None:
    from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

    _args, expected = PGDialect_psycopg().create_connect_args(make_url(url))
    target = parse(url)
    assert target.dialect == "postgresql" and target.connect == expected


def test_the_embedded_database_is_its_file() -> None:
    assert parse("sqlite:////srv/immex/var/immex.db").connect == {"path": "/srv/immex/var/immex.db"}
    assert parse("sqlite:///var/immex.db").connect == {"path": "var/immex.db"}
    assert make_url("sqlite:////srv/immex/var/immex.db").database == "/srv/immex/var/immex.db"


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///var/immex.db?timeout=5",
        "postgresql://u@h/d",  # SQLAlchemy's default PostgreSQL driver is psycopg2: the ORM path says what it says
        "postgresql+psycopg2://u@h/d",
        "mysql+pymysql://u@h/d",
        "postgresql+psycopg://u@h/d?host=a&host=b",
        "not a url",
    ],
)
def test_what_the_plain_path_does_not_read_goes_to_the_orm(url: str) -> None:
    with pytest.raises(NotServed):
        parse(url)


def test_queries_are_written_once_for_both_drivers() -> None:
    sql = "SELECT id FROM t WHERE company_id = :company AND day <= :day AND active = :yes AND id IN :ids"
    values = {"company": 3, "day": date(2026, 1, 2), "yes": True, "ids": [5, 4]}
    lite, lite_values = Reader(None, "sqlite")._render(sql, values)
    assert lite.endswith("active = :yes AND id IN (:ids_0, :ids_1)")
    assert lite_values == {"company": 3, "day": "2026-01-02", "yes": 1, "ids_0": 5, "ids_1": 4}
    pg, pg_values = Reader(None, "postgresql")._render(sql, values)
    assert pg == (
        "SELECT id FROM t WHERE company_id = %(company)s AND day <= %(day)s AND active = %(yes)s"
        " AND id IN (%(ids_0)s, %(ids_1)s)"
    )
    assert pg_values["day"] == date(2026, 1, 2) and pg_values["yes"] is True
    empty, _ = Reader(None, "sqlite")._render("SELECT 1 WHERE x IN :ids", {"ids": []})
    assert empty == "SELECT 1 WHERE x IN (:ids_0)"  # (NULL): matches nothing
