"""Bundles through the API and the portal on both backends: a job with progress, a streamed download that
``immex verify`` accepts under the published key, audit events for creation and download, and no way to reach
another company's bundle."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from evidence.models import AuditEvent
from evidence.signing import signing_key
from immex.cli import main
from immex.services import Services
from tests.conftest import REDIS_BASE, drain
from tests.e2e.portal_support import PASSWORD, add_document, csrf_of, login, seed_companies, small_pdf
from web import create_app
from web.accounts.service import create_token

pytestmark = pytest.mark.integration

TODAY = datetime.now(UTC).date().isoformat()
REDIS_DB = 15  # a database of these tests' own: other suites flush theirs and run burst workers on it


@pytest.fixture
def redis_url() -> Iterator[str]:
    """Overrides the shared fixture: bundle jobs wait in RQ here, out of reach of other suites' workers."""
    from redis import Redis

    url = f"{REDIS_BASE}/{REDIS_DB}"
    r = Redis.from_url(url)
    r.flushdb()
    yield url
    r.flushdb()
    r.close()


@pytest.fixture
def world(services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(services)
    docs = [
        add_document(services, ids["a"], small_pdf(tmp_path / f"a{i}.pdf", f"FACTURA A-{i}"), doc_type="other")
        for i in range(3)
    ]
    add_document(services, ids["b"], small_pdf(tmp_path / "b.pdf", "FACTURA B"), doc_type="other")
    with services.db.session() as db:
        tokens = {
            "auditor_a": create_token(db, email="auditor@a.mx", company_id=ids["a"]),
            "clerk_b": create_token(db, email="clerk@b.mx", company_id=ids["b"]),
        }
    return {**ids, "app": create_app(services), "services": services, "docs": docs, "tokens": tokens}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wait_done(world: dict[str, Any], client: Any, url: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    """With Redis the job waits in RQ for a worker (run here, in burst mode); embedded, a thread builds it."""
    drain(world["services"])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get(url, headers=headers or {}).get_json()
        assert "status" in status, status
        if status["status"] not in ("queued", "running"):
            return status  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError(f"bundle still not done: {status}")


def verify_download(client: Any, blob: bytes, tmp_path: Path) -> Any:
    key = client.get("/api/v1/signing-key.pem")
    assert key.status_code == 200 and key.data.startswith(b"-----BEGIN PUBLIC KEY-----")
    (tmp_path / "key.pem").write_bytes(key.data)
    (tmp_path / "dl.zip").write_bytes(blob)
    return CliRunner().invoke(main, ["verify", str(tmp_path / "dl.zip"), "--key", str(tmp_path / "key.pem")])


def test_api_job_progress_download_and_audit(world: dict[str, Any], tmp_path: Path) -> None:
    client = world["app"].test_client()
    headers = bearer(world["tokens"]["auditor_a"])
    created = client.post("/api/v1/bundles", json={"period": f"{TODAY}..{TODAY}"}, headers=headers)
    assert created.status_code == 202, created.get_data(as_text=True)
    job = created.get_json()
    assert job["scope"] == {"kind": "period", "value": f"{TODAY}..{TODAY}"}
    assert created.headers["Location"].endswith(f"/api/v1/bundles/{job['id']}")
    status = wait_done(world, client, job["status_url"], headers)
    assert status["status"] == "done", status
    assert status["progress"]["done"] == status["progress"]["total"] > 0
    download = client.get(status["download_url"], headers=headers)
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert int(download.headers["Content-Length"]) == status["size"] == len(download.data)
    result = verify_download(client, download.data, tmp_path)
    assert result.exit_code == 0, result.output
    assert "files: " in result.output and "given key" in result.output
    import zipfile

    with zipfile.ZipFile(tmp_path / "dl.zip") as zf:
        assert len([n for n in zf.namelist() if n.startswith("documents/")]) == 3  # company A's only
    with world["services"].db.session() as db:
        events = db.scalars(select(AuditEvent).where(AuditEvent.object_id == job["id"]).order_by(AuditEvent.id))
        assert [(e.action, e.actor) for e in events] == [
            ("bundle.created", "auditor@a.mx"),
            ("bundle.downloaded", "auditor@a.mx"),
        ]
    listed = client.get("/api/v1/bundles", headers=headers).get_json()["bundles"]
    assert [b["id"] for b in listed] == [job["id"]]


def test_api_refuses_bad_input_and_other_companies(world: dict[str, Any]) -> None:
    client = world["app"].test_client()
    a, b = bearer(world["tokens"]["auditor_a"]), bearer(world["tokens"]["clerk_b"])
    assert client.post("/api/v1/bundles", json={"period": f"{TODAY}..{TODAY}"}).status_code == 401
    english = {**a, "Accept-Language": "en"}  # a client that names no language reads the portal's (Spanish)
    bad = client.post("/api/v1/bundles", json={"lot": "12345"}, headers=english)
    assert bad.status_code == 400
    assert bad.get_json()["error"]["code"] == "bad_scope"
    assert "pedimento number" in bad.get_json()["error"]["message"]
    two = client.post("/api/v1/bundles", json={"lot": "1:1", "period": "2024-01-01..2024-02-01"}, headers=english)
    assert two.status_code == 400 and "one of" in two.get_json()["error"]["message"]
    job = client.post("/api/v1/bundles", json={"period": f"{TODAY}..{TODAY}"}, headers=a).get_json()
    wait_done(world, client, job["status_url"], a)
    for url in (f"/api/v1/bundles/{job['id']}", f"/api/v1/bundles/{job['id']}/download"):
        assert client.get(url, headers=b).status_code == 404, url
    assert client.get("/api/v1/bundles", headers=b).get_json()["bundles"] == []


def test_api_scope_not_found_fails_the_job_with_a_clear_reason(world: dict[str, Any]) -> None:
    client = world["app"].test_client()
    a = bearer(world["tokens"]["auditor_a"])
    job = client.post("/api/v1/bundles", json={"lot": "244734454000001:1"}, headers=a).get_json()
    status = wait_done(world, client, job["status_url"], a)
    assert status["status"] == "failed"
    assert "There is no lot 244734454000001:1" in status["error"]
    refused = client.get(f"/api/v1/bundles/{job['id']}/download", headers=a)
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "bundle_not_ready"


def test_signing_key_is_published(world: dict[str, Any]) -> None:
    data = world["app"].test_client().get("/api/v1/signing-key").get_json()
    assert data["algorithm"] == "Ed25519" and data["public_key_pem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert len(data["key_id"]) == 16
    assert len(data["fingerprint"]) == 64 and data["fingerprint"].startswith(data["key_id"])


def test_portal_button_makes_and_downloads_a_bundle(world: dict[str, Any], tmp_path: Path) -> None:
    client = world["app"].test_client()
    assert login(client, "auditor@a.mx", PASSWORD).status_code == 302
    page = client.get(f"/bundles?period={TODAY}..{TODAY}")
    # a link's FROM..TO fills the period pickers
    assert page.status_code == 200 and f'name="period_from" value="{TODAY}"' in page.get_data(as_text=True)
    fingerprint = signing_key(world["services"].settings).fingerprint
    assert f'<code class="fingerprint">{fingerprint}</code>' in page.get_data(as_text=True)
    response = client.post(
        "/bundles",
        data={"period_from": TODAY, "period_to": TODAY, "csrf_token": csrf_of(page.get_data(as_text=True))},
    )
    assert response.status_code == 302
    show = response.headers["Location"]
    bundle_id = show.rstrip("/").rsplit("/", 1)[1]
    status = wait_done(world, client, f"/api/v1/bundles/{bundle_id}", bearer(world["tokens"]["auditor_a"]))
    assert status["status"] == "done"
    html = client.get(show, headers={"Accept-Language": "es-MX"}).get_data(as_text=True)
    assert 'id="bundle-download"' in html
    assert "periodo" in html.lower() and "T" not in html.split("<h1>")[1].split("</h1>")[0]  # title in words
    blob = client.get(f"/bundles/{bundle_id}/download")
    assert blob.status_code == 200
    assert verify_download(client, blob.data, tmp_path).exit_code == 0
    bad = client.post("/bundles", data={"lot": "nope", "csrf_token": csrf_of(html)})
    # the reason, in the user's language (Spanish when the browser says nothing)
    assert bad.status_code == 400 and "no es un lote" in bad.get_data(as_text=True)
    with world["services"].db.session() as db:
        actions = db.scalars(select(AuditEvent.action).where(AuditEvent.object_id == bundle_id)).all()
    assert actions == ["bundle.created", "bundle.downloaded"]
