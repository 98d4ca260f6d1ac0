"""Shared fixtures: the corpus, real PostgreSQL / Redis / S3 (moto's server on loopback) and ``Services`` for the
embedded default and for the service backends.

Integration tests use ``services`` (parametrised over both backends) or the backend-specific fixtures.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from immex.services import Services, build_services
from immex.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
PG_ADMIN_URL = os.environ.get("IMMEX_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_BASE = os.environ.get("IMMEX_TEST_REDIS", "redis://127.0.0.1:6379")
REDIS_DB = int(os.environ.get("IMMEX_TEST_REDIS_DB", "11"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.exists():
        pytest.skip("the shared corpus is not beside the repository")
    return CORPUS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- PostgreSQL ----------------------------------------------------------------------------------------------------


def _pg_admin():  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


def create_pg_database(prefix: str = "immex_t") -> str:
    """A fresh database on the local server; returns its URL."""
    from sqlalchemy import text

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    engine = _pg_admin()
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_pg_database(url: str) -> None:
    from sqlalchemy import text

    name = url.rsplit("/", 1)[1]
    engine = _pg_admin()
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    try:
        url = create_pg_database()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}")
    yield url
    drop_pg_database(url)


# -- Redis ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database index of the tests' own, flushed before and after."""
    from redis import Redis

    url = f"{REDIS_BASE}/{REDIS_DB}"
    r = Redis.from_url(url)
    try:
        r.flushdb()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"Redis is not reachable at {url}: {exc}")
    yield url
    r.flushdb()
    r.close()


# -- S3 (moto's server on loopback, reached through the real minio client) ----------------------------------------


class S3Server:
    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.endpoint = f"127.0.0.1:{self.port}"
        self.running = False

    def start(self) -> None:
        self.server.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.server.stop()
            self.running = False


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    server = S3Server()
    server.start()
    yield server
    server.stop()


# -- Services ------------------------------------------------------------------------------------------------------


def embedded_settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings.from_env({}, data_dir=tmp_path / "data", **overrides)


def service_settings(
    tmp_path: Path, pg: str, redis: str, s3: S3Server, bucket: str | None = None, **overrides: object
) -> Settings:
    return Settings.from_env(
        {},
        data_dir=tmp_path / "data",
        database_url=pg,
        redis_url=redis,
        s3_endpoint=s3.endpoint,
        s3_access_key="testing",
        s3_secret_key="testing",
        s3_bucket=bucket or f"immex-{uuid.uuid4().hex[:8]}",
        **overrides,
    )


@pytest.fixture
def embedded_services(tmp_path: Path) -> Iterator[Services]:
    """The embedded default: SQLite, folder store, in-process jobs."""
    services = build_services(embedded_settings(tmp_path))
    yield services
    services.close()


@pytest.fixture
def pg_services(tmp_path: Path, pg_url: str, redis_url: str, s3_server: S3Server) -> Iterator[Services]:
    """PostgreSQL + RQ on Redis + S3 through the minio client. Jobs wait in Redis until a worker runs them
    (``run_rq_burst``)."""
    services = build_services(service_settings(tmp_path, pg_url, redis_url, s3_server))
    yield services
    services.close()


@pytest.fixture(params=["embedded", "services"])
def services(request: pytest.FixtureRequest) -> Services:
    """Both backends: a test using this runs once on each."""
    name = "embedded_services" if request.param == "embedded" else "pg_services"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


def run_rq_burst(services: Services) -> None:
    """Run every queued job in this process (a SimpleWorker in burst mode), as rq's own tests do."""
    from rq import SimpleWorker

    from workers.jobs import set_worker_services

    set_worker_services(services)
    queue = services.queue.queue  # type: ignore[attr-defined]
    SimpleWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)


def drain(services: Services) -> None:
    """Run queued jobs to completion on whichever backend ``services`` uses."""
    if services.settings.uses_redis:
        run_rq_burst(services)
    else:
        services.queue.wait_idle(600)  # type: ignore[attr-defined]


@pytest.fixture
def company_id(services: Services) -> int:
    from evidence.models import Company

    with services.db.session() as session:
        c = Company(rfc="AAA010101AAA", name="Demo Maquiladora", immex_program="IMMEX-1234-2020")
        session.add(c)
        session.flush()
        return c.id
