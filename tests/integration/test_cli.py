"""The `immex` command as a newcomer runs it: create a company, ingest a scan with --wait, list the documents.
On the embedded default and on PostgreSQL + Redis + S3 with a worker process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, S3Server
from tests.integration.worker_process import stop_worker, worker_env

pytestmark = [pytest.mark.integration, pytest.mark.ocr]

RFC = "AAA010101AAA"


def _run(env: dict[str, str], *args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "immex", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def _check_cardinal(env: dict[str, str]) -> None:
    r = _run(env, "company", "create", "--rfc", RFC, "--name", "Demo")
    assert r.returncode == 0, r.stderr
    r = _run(env, "ingest", "--company", RFC, str(CORPUS / "ocr-ocrmypdf" / "cardinal.pdf"), "--wait")
    assert r.returncode == 0, r.stderr
    r = _run(env, "documents", "--company", RFC, "--json")
    assert r.returncode == 0, r.stderr
    docs = json.loads(r.stdout)
    assert len(docs) == 1
    doc = docs[0]
    for key in ("id", "sha256", "filename", "media_type", "pages", "source", "sender", "received_at", "status"):
        assert key in doc
    assert doc["status"] == "processed" and doc["pages"] == 4 and doc["text_source"] == "ocr"
    r = _run(env, "text", str(doc["id"]))
    pages = r.stdout.split("\f")
    assert len(pages) == 4
    for page in pages:  # every page came out upright: the same text, readable
        assert "LinnSequencer" in page or "Linn" in page


def _base_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMMEX_")}
    env["IMMEX_DATA_DIR"] = str(tmp_path / "data")
    return env


def test_done_when_on_the_embedded_default(tmp_path: Path) -> None:
    _check_cardinal(_base_env(tmp_path))


def test_done_when_on_postgres_redis_s3(tmp_path: Path, pg_url: str, redis_url: str, s3_server: S3Server) -> None:
    env = _base_env(tmp_path)
    env.update(
        IMMEX_DATABASE_URL=pg_url,
        IMMEX_REDIS_URL=redis_url,
        IMMEX_S3_ENDPOINT=s3_server.endpoint,
        IMMEX_S3_ACCESS_KEY="testing",
        IMMEX_S3_SECRET_KEY="testing",
        IMMEX_S3_BUCKET="immex-cli",
    )
    assert _run(env, "db", "upgrade").returncode == 0
    worker = subprocess.Popen([sys.executable, "-m", "immex", "worker"], env=worker_env(env))
    try:
        _check_cardinal(env)
    finally:
        stop_worker(worker)


def test_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    env = _base_env(tmp_path)
    r = _run(env, "ingest", "--company", "ZZZ991231ZZZ", str(CORPUS / "ocr-ocrmypdf" / "linn.txt"))
    assert r.returncode == 4
    assert "No company with RFC ZZZ991231ZZZ" in r.stderr and "Traceback" not in r.stderr
    r = _run(env, "company", "create", "--rfc", "not-an-rfc", "--name", "x")
    assert r.returncode != 0 and "is not an RFC" in r.stderr and "Traceback" not in r.stderr
