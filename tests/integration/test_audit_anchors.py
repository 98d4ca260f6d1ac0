"""Audit anchors (issue 12): every commit that writes audit events is anchored at once (signed, outside the
database), so a person with database access who rewrites the newest events, hashes recomputed, is caught; one who
also deletes the anchor files is caught by the head a bundle or an earlier check holds. ``immex audit verify``
reports how many anchors there are and how old the newest is."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, select, text

from evidence import audit
from evidence.audit_anchors import ANCHOR_PREFIX, anchor_key
from evidence.bundle_report import parse_scope
from evidence.bundles import build_bundle
from evidence.models import AuditEvent, Company
from immex.cli import main
from immex.errors import IntegrityError
from immex.services import Services, build_services
from immex.settings import Settings

pytestmark = pytest.mark.integration


def _env(services: Services) -> dict[str, str]:
    env = {"IMMEX_DATA_DIR": str(services.settings.data_dir)}
    settings = services.settings
    if settings.database_url:
        env["IMMEX_DATABASE_URL"] = settings.database_url
    if settings.s3_endpoint:
        env |= {
            "IMMEX_S3_ENDPOINT": settings.s3_endpoint,
            "IMMEX_S3_ACCESS_KEY": settings.s3_access_key,
            "IMMEX_S3_SECRET_KEY": settings.s3_secret_key,
            "IMMEX_S3_BUCKET": settings.s3_bucket,
            "IMMEX_REDIS_URL": settings.redis_url or "",
        }
    return env


def audit_verify(services: Services, *args: str) -> Result:
    return CliRunner().invoke(main, ["audit", "verify", *args], env=_env(services))


def _record(services: Services, n: int, company_id: int | None = None) -> None:
    for i in range(n):
        with services.db.session() as session:  # one commit each: one anchor each
            audit.record(
                session,
                actor="clerk@example.com",
                action="document.received",
                object_type="document",
                object_id=i,
                company_id=company_id,
                details={"filename": f"factura-{i}.pdf"},
            )


def _anchor_keys(services: Services) -> list[str]:
    return sorted(services.store.keys(ANCHOR_PREFIX))


def _rewrite_with_hashes(services: Services, event_id: int, details: dict[str, object]) -> None:
    """What a careful person with database access does: change an event and recompute its hash, so that the
    hash chain itself stays whole."""
    with services.db.session() as session:
        ev = session.get(AuditEvent, event_id)
        assert ev is not None
        new_hash = audit.event_hash(
            prev_hash=ev.prev_hash,
            id=ev.id,
            at=ev.at,
            actor=ev.actor,
            action=ev.action,
            object_type=ev.object_type,
            object_id=ev.object_id,
            company_id=ev.company_id,
            details=details,
        )
    engine = create_engine(services.db.url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE audit_events SET details = :d, hash = :h WHERE id = :i"),
                {"d": json.dumps(details), "h": new_hash, "i": event_id},
            )
    finally:
        engine.dispose()


def _delete_tail(services: Services, from_id: int) -> None:
    engine = create_engine(services.db.url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_events WHERE id >= :i"), {"i": from_id})
    finally:
        engine.dispose()


@pytest.fixture
def sqlite_services(tmp_path: Path) -> Iterator[Services]:
    services = build_services(Settings.from_env({}, data_dir=tmp_path / "data"))
    yield services
    services.close()


def test_every_commit_that_writes_events_is_anchored(sqlite_services: Services) -> None:
    services = sqlite_services
    _record(services, 3)
    with services.db.session() as session:
        for _ in range(2):  # two events in one commit: one anchor, of the newer
            audit.record(session, actor="a", action="x", object_type="t")
    with services.db.session():
        pass  # a commit without events writes nothing
    with pytest.raises(RuntimeError), services.db.session() as session:
        audit.record(session, actor="a", action="rolled.back", object_type="t")
        raise RuntimeError("the change fails; its event is rolled back and never anchored")
    with services.db.session() as session:
        heads = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id)).all()
    assert _anchor_keys(services) == sorted(anchor_key(i, h) for i, h in heads if i != 4)
    result = audit_verify(services)
    assert result.exit_code == 0, result.output
    assert "5 audit events checked, 4 signed anchors" in result.output
    assert "newest anchor: event 5 at " in result.output and "s ago)" in result.output
    assert f"log head: 5:{heads[-1][1]}" in result.output
    data = json.loads(audit_verify(services, "--json").output)
    assert data["anchors"]["count"] == 4 and data["anchors"]["newest_event_id"] == 5
    assert data["anchors"]["unanchored_events"] == 0
    newest = datetime.fromisoformat(data["anchors"]["newest_at"])
    assert newest.tzinfo is not None and newest <= datetime.now(UTC)


def test_the_newest_event_rewritten_with_its_hash_is_caught(sqlite_services: Services) -> None:
    """The issue's attack: the newest events, after what used to be the last anchor, rewritten consistently."""
    services = sqlite_services
    _record(services, 4)
    _rewrite_with_hashes(services, 4, {"filename": "otra-factura.pdf"})
    result = audit_verify(services)
    assert result.exit_code == IntegrityError.exit_code, result.output
    assert "event 4: not the event anchored at" in result.output


def test_the_tail_deleted_with_its_anchor_files_is_caught_by_the_head_held_out_of_band(
    sqlite_services: Services, tmp_path: Path
) -> None:
    services = sqlite_services
    with services.db.session() as session:
        company = Company(rfc="AAA010101AAA", name="Demo Maquiladora")
        session.add(company)
        session.flush()
        company_id = company.id
    _record(services, 4, company_id)
    bundle = tmp_path / "b.zip"
    build_bundle(
        services, company_id=company_id, scope=parse_scope(period="2000-01-01..2100-01-01"), actor="t", out=bundle
    )
    first = audit_verify(services)
    head_line = next(line for line in first.output.splitlines() if line.startswith("log head: "))
    head = head_line.split()[2]
    held_id = int(head.split(":")[0])
    _record(services, 2, company_id)

    # cut the log back to before the bundle, and delete every anchor file of what was cut
    with services.db.session() as session:
        cut = session.execute(select(AuditEvent.id, AuditEvent.hash).where(AuditEvent.id >= held_id - 1)).all()
    _delete_tail(services, held_id - 1)
    root = services.settings.data_dir / "objects"
    for event_id, event_hash in cut:
        path = root / anchor_key(event_id, event_hash)
        if path.exists():
            path.unlink()
    alone = audit_verify(services)
    assert alone.exit_code == 0  # nothing inside the service's own storage shows it: the auditor's copy does
    assert f"{held_id - 2} audit events checked" in alone.output

    with_head = audit_verify(services, "--head", head)
    assert with_head.exit_code == IntegrityError.exit_code
    assert f"event {held_id}: missing, but the head {held_id} you gave shows the log reached it" in with_head.output
    with_bundle = audit_verify(services, "--bundle", str(bundle))
    assert with_bundle.exit_code == IntegrityError.exit_code
    assert "missing, but bundle b.zip shows the log reached it" in with_bundle.output


def test_a_bundle_from_another_key_is_not_taken_as_a_head(sqlite_services: Services, tmp_path: Path) -> None:
    services = sqlite_services
    bad = tmp_path / "x.zip"
    bad.write_bytes(b"not a zip")
    result = audit_verify(services, "--bundle", str(bad))
    assert result.exit_code != 0 and "is not an evidence bundle" in result.output


def test_anchors_on_s3(pg_services: Services) -> None:
    """On S3 (moto's server through the minio client) anchors are objects beside the originals. moto does not
    enforce object lock retention, so no test here depends on it."""
    _record(pg_services, 3)
    assert len(_anchor_keys(pg_services)) == 3
    result = audit_verify(pg_services)
    assert result.exit_code == 0, result.output
    assert "3 audit events checked, 3 signed anchors" in result.output


def test_an_anchor_nobody_signed_is_reported_not_believed(sqlite_services: Services) -> None:
    services = sqlite_services
    _record(services, 2)
    forged = services.settings.data_dir / "objects" / anchor_key(99, "ab" * 32)
    forged.write_text(json.dumps({"event_id": 99, "hash": "ab" * 32, "at": "2026-01-01T00:00:00+00:00",
                                  "key_id": "0" * 16, "signature": "AAAA"}))  # fmt: skip
    result = audit_verify(services)
    assert result.exit_code == IntegrityError.exit_code
    assert "is not signed by this service's key" in result.output
    assert "newest anchor: event 2 at" in result.output and "event 99: missing" not in result.output
