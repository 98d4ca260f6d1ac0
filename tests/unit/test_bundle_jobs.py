"""Bundle jobs on the embedded backend: a finished job can be downloaded (and that is audited), an unfinished
or failed one cannot, a job whose process stopped is reported as failed, another company's job is not found."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from evidence.bundle_models import (
    STALE_SECONDS,
    BundleJob,
    BundleNotReady,
    BundleStatus,
    job_status,
    list_jobs,
    open_download,
    start_job,
)
from evidence.bundle_report import parse_scope
from evidence.models import AuditEvent, Company
from immex.errors import NotFound
from immex.services import Services, build_services
from immex.settings import Settings

PERIOD = parse_scope(period="2000-01-01..2100-01-01")


@pytest.fixture
def env(tmp_path: Path) -> Iterator[tuple[Services, int, int]]:
    services = build_services(Settings.from_env({}, data_dir=tmp_path / "data"))
    with services.db.session() as session:
        a, b = Company(rfc="AAA010101AAA", name="A"), Company(rfc="BBB010101BBB", name="B")
        session.add_all([a, b])
        session.flush()
        ids = (a.id, b.id)
    yield services, ids[0], ids[1]
    services.close()


def test_finished_job_downloads_and_is_audited(env: tuple[Services, int, int]) -> None:
    services, a, _b = env
    job = start_job(services, company_id=a, scope=PERIOD, actor="auditor@a.mx", wait=True)
    assert job["status"] == "done" and job["manifest_sha256"] and job["size"] > 0
    download = open_download(services, job["id"], a, actor="auditor@a.mx", via="api")
    with download.stream as fh:
        blob = fh.read()
    assert blob[:2] == b"PK" and len(blob) == job["size"] == download.size
    assert download.filename.startswith("evidence-period-2000-01-01_2100-01-01-")
    with services.db.session() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == job["id"])).all()
    assert actions == ["bundle.created", "bundle.downloaded"]
    assert [j["id"] for j in list_jobs(services, a)] == [job["id"]]


def test_another_companys_job_is_not_found(env: tuple[Services, int, int]) -> None:
    services, a, b = env
    job = start_job(services, company_id=a, scope=PERIOD, actor="auditor@a.mx", wait=True)
    with pytest.raises(NotFound):
        job_status(services, job["id"], b)
    with pytest.raises(NotFound):
        open_download(services, job["id"], b, actor="clerk@b.mx", via="api")
    assert list_jobs(services, b) == []


def test_failed_job_says_why_and_cannot_be_downloaded(env: tuple[Services, int, int]) -> None:
    services, a, _b = env
    job = start_job(services, company_id=a, scope=parse_scope(pedimento="244734454000001"), actor="x", wait=True)
    assert job["status"] == "failed"
    assert job["error"] == "There is no pedimento 244734454000001 for this company."
    with pytest.raises(BundleNotReady, match="is failed: There is no pedimento"):
        open_download(services, job["id"], a, actor="x", via="api")


def test_a_job_whose_process_stopped_is_reported_failed(env: tuple[Services, int, int]) -> None:
    services, a, _b = env
    with services.db.session() as session:
        session.add(
            BundleJob(
                id="f" * 32,
                company_id=a,
                scope_kind="period",
                scope_value=PERIOD.value,
                actor="x",
                status=BundleStatus.RUNNING,
                stage="documents",
                progress_done=3,
                progress_total=10,
                updated_at=datetime.now(UTC) - timedelta(seconds=STALE_SECONDS + 5),
            )
        )
    status = job_status(services, "f" * 32, a)
    assert status["status"] == "failed" and "stopped before it finished" in status["error"]
    with pytest.raises(BundleNotReady):
        open_download(services, "f" * 32, a, actor="x", via="api")
