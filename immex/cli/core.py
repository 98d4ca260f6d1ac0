"""Companies, intake, documents, the worker, the web server, the database and the object store."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from immex.cli import echo_json, services_from_context, settings_from_context
from immex.errors import ImmexError, NotFound

if TYPE_CHECKING:
    from evidence.models import Company
    from immex.services import Services


RFC_FORMAT = re.compile(r"[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}")


def company_by_rfc(services: Services, rfc: str) -> Company:
    from sqlalchemy import select

    from evidence.models import Company

    with services.db.session() as session:
        company = session.scalar(select(Company).where(Company.rfc == rfc.strip().upper()))
        if company is None:
            raise NotFound(f"No company with RFC {rfc}. Create it with: immex company create --rfc {rfc} --name ...")
        session.expunge(company)
        return company


@click.group("company")
def company_group() -> None:
    """Companies (each IMMEX program holder is one)."""


@company_group.command("create")
@click.option("--rfc", required=True, help="The company's RFC (12 characters for a persona moral).")
@click.option("--name", required=True)
@click.option("--immex-program", default=None, help="IMMEX authorisation number.")
@click.option("--drop-address", "drop_addresses", multiple=True, help="Email drop address (repeatable).")
@click.option("--allow-sender", "allow_senders", multiple=True, help="Sender address or @domain allowed to send.")
@click.option("--json", "as_json", is_flag=True)
def company_create(
    rfc: str,
    name: str,
    immex_program: str | None,
    drop_addresses: tuple[str, ...],
    allow_senders: tuple[str, ...],
    as_json: bool,
) -> None:
    """Create a company (or update its name, program and mail settings if the RFC exists)."""
    from sqlalchemy import select

    from evidence import audit
    from evidence.models import Company

    services = services_from_context()
    rfc = rfc.strip().upper().replace("-", "").replace(" ", "")
    if not RFC_FORMAT.fullmatch(rfc):
        raise ImmexError(
            f"{rfc!r} is not an RFC: 3 letters (4 for a person), a YYMMDD date and a 3-character homoclave.",
            code="bad_rfc",
        )
    with services.db.session() as session:
        company = session.scalar(select(Company).where(Company.rfc == rfc))
        created = company is None
        if company is None:
            company = Company(rfc=rfc, name=name, immex_program=immex_program)
            session.add(company)
        else:
            company.name = name
            if immex_program:
                company.immex_program = immex_program
        session.flush()
        audit.record(
            session,
            actor="cli",
            action="company.created" if created else "company.updated",
            object_type="company",
            object_id=company.id,
            company_id=company.id,
            details={"rfc": rfc, "name": name, "immex_program": immex_program},
        )
        if drop_addresses or allow_senders:
            from intake.mailroute import set_company_mail

            set_company_mail(session, company.id, list(drop_addresses), list(allow_senders), actor="cli")
        data = {
            "id": company.id,
            "rfc": company.rfc,
            "name": company.name,
            "immex_program": company.immex_program,
        }
    if as_json:
        echo_json(data)
    else:
        click.echo(f"{'created' if created else 'updated'} company {data['id']}: {rfc} {name}")


@company_group.command("list")
@click.option("--json", "as_json", is_flag=True)
def company_list(as_json: bool) -> None:
    from sqlalchemy import select

    from evidence.models import Company

    services = services_from_context()
    with services.db.session() as session:
        rows = [
            {"id": c.id, "rfc": c.rfc, "name": c.name, "immex_program": c.immex_program}
            for c in session.scalars(select(Company).order_by(Company.id))
        ]
    if as_json:
        echo_json(rows)
    else:
        for r in rows:
            click.echo(f"{r['id']:>4}  {r['rfc']:<13}  {r['name']}  {r['immex_program'] or ''}")


def check_queue(services: Services) -> None:
    """``TransientError`` (one clear line) when the job queue cannot be reached."""
    check = getattr(services.queue, "check", None)
    if check is not None:
        check()


def wait_for(services: Services, ids: list[int], timeout: float = 3600) -> None:
    """Until every document is done (processed, needs review, failed or quarantined)."""
    from sqlalchemy import select

    from evidence.models import Document, DocumentStatus

    check_queue(services)
    wait_idle = getattr(services.queue, "wait_idle", None)
    if wait_idle is not None:
        wait_idle(timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with services.db.session() as session:
            statuses = session.scalars(select(Document.status).where(Document.id.in_(ids))).all()
        if all(s in DocumentStatus.DONE for s in statuses):
            return
        time.sleep(0.5)
    raise ImmexError("Timed out waiting for processing; is `immex worker` running?", code="timeout")


@click.command("ingest")
@click.option("--company", "rfc", required=True, help="RFC of the company the documents belong to.")
@click.option("--wait", is_flag=True, help="Wait until every document is processed.")
@click.option("--json", "as_json", is_flag=True)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def ingest(rfc: str, wait: bool, as_json: bool, files: tuple[Path, ...]) -> None:
    """Take in documents from files (the same intake as uploads and mail)."""
    from evidence.models import Document
    from intake.accept import IncomingDocument
    from intake.archives import accept_files

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    if wait:
        check_queue(services)  # said at once, before anything is taken in, never waited on for an hour
    results = []
    for path in files:
        incoming = IncomingDocument(company_id=company.id, source="cli", filename=path.name, path=path, actor="cli")
        for res in accept_files(services, incoming):  # an archive gives one result per file inside it
            results.append(res)
            if not as_json:
                tail = f": {res.reason}" if res.reason else ""
                click.echo(f"{res.status:<9} {res.filename} -> document {res.document_id}{tail}")
    if wait:
        wait_for(services, [r.document_id for r in results if r.document_id is not None])
    out = []
    with services.db.session() as session:
        for r in results:
            d = r.to_dict()
            doc = session.get(Document, r.document_id) if r.document_id else None
            if doc is not None:
                d["document"] = doc.to_dict()
            out.append(d)
    if as_json:
        echo_json(out)
    elif wait:
        for d in out:
            info = d.get("document") or {}
            tail = f" ({info.get('reason')})" if info.get("reason") else ""
            click.echo(f"document {d['document_id']}: {info.get('status')} {info.get('doc_type') or ''}{tail}")
    if any(r.status == "rejected" for r in results):
        sys.exit(2)


@click.command("documents")
@click.option("--company", "rfc", default=None)
@click.option("--status", default=None)
@click.option("--json", "as_json", is_flag=True)
def documents(rfc: str | None, status: str | None, as_json: bool) -> None:
    """List documents, newest first."""
    from evidence import plain_reads

    url = settings_from_context().effective_database_url
    rows = plain_reads.served(url, plain_reads.documents, rfc, status)
    if rows is None:  # not the ordinary case (see evidence.dbapi): the ORM path migrates, reads or explains
        rows = _documents_by_orm(rfc, status)
    if as_json:
        echo_json(rows)
        return
    for d in rows:
        click.echo(
            f"{d['id']:>6}  {d['status']:<12} {(d['doc_type'] or '-'):<18} {d['pages'] or '-':>4}p  "
            f"{d['source']:<6} {d['filename']}" + (f"  ({d['reason']})" if d["reason"] else "")
        )


def _documents_by_orm(rfc: str | None, status: str | None) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from evidence.models import Document

    services = services_from_context()
    q = select(Document).order_by(Document.id.desc())
    if rfc:
        q = q.where(Document.company_id == company_by_rfc(services, rfc).id)
    if status:
        q = q.where(Document.status == status)
    with services.db.session() as session:
        return [d.to_dict() for d in session.scalars(q)]


@click.command("text")
@click.argument("document_id", type=int)
def text(document_id: int) -> None:
    """The text of a document, pages separated by a form feed."""
    from sqlalchemy import select

    from evidence.models import Document, Page
    from evidence.objectstore import original_key

    services = services_from_context()
    with services.db.session() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise NotFound(f"No document {document_id}")
        pages = session.scalars(select(Page).where(Page.document_id == document_id).order_by(Page.number)).all()
        if not pages and doc.media_type == "application/xml":
            with services.store.open(original_key(doc.sha256)) as fh:
                click.echo(fh.read().decode("utf-8", "replace"))
            return
        click.echo("\f".join(p.text for p in pages))


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--simple", is_flag=True, help="Run jobs in this process instead of forking one per job.")
def worker(burst: bool, simple: bool) -> None:
    """Process queued documents (RQ on Redis, with the scheduler for delayed retries)."""
    from workers.runner import run_worker

    run_worker(services_from_context(), burst=burst, simple=simple)


@click.command("serve")
@click.option("--host", default=None)
@click.option("--port", default=None, type=int)
def serve(host: str | None, port: int | None) -> None:
    """Serve the portal and API (the development server; production uses gunicorn, see README)."""
    from web import create_app
    from workers.jobs import recover
    from workers.runner import start_recovery

    services = services_from_context()
    settings = settings_from_context()
    if settings.uses_redis:
        recover(services)  # `immex worker` sweeps from then on
    else:
        start_recovery(services)  # jobs run in this process: sweep periodically, not only now
    app = create_app(services)
    app.run(host=host or settings.web_host, port=port or settings.web_port, threaded=True, use_reloader=False)


@click.group("db")
def db_group() -> None:
    """The evidence store's schema."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration (also done at start)."""
    from migrations.runner import current_revision, upgrade_database

    settings = settings_from_context()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    url = settings.effective_database_url
    upgrade_database(url)
    click.echo(f"database at revision {current_revision(url)}")


@click.command("verify-store")
@click.option("--json", "as_json", is_flag=True)
def verify_store(as_json: bool) -> None:
    """Re-hash every stored original; report any that differ from their hash or are missing."""
    from sqlalchemy import select

    from evidence import audit
    from evidence.models import Document
    from evidence.objectstore import original_key, sha256_of_stream

    services = services_from_context()
    with services.db.session() as session:
        docs = session.execute(select(Document.id, Document.sha256, Document.filename)).all()
    checked, bad, missing = 0, [], []
    seen: set[str] = set()
    for doc_id, sha, filename in docs:
        if sha in seen:
            continue
        seen.add(sha)
        key = original_key(sha)
        if not services.store.exists(key):
            missing.append({"document_id": doc_id, "sha256": sha, "filename": filename})
            continue
        with services.store.open(key) as fh:
            actual, _size = sha256_of_stream(fh)
        checked += 1
        if actual != sha:
            bad.append({"document_id": doc_id, "sha256": sha, "actual": actual, "filename": filename})
    report = {"store": services.store.describe(), "checked": checked, "altered": bad, "missing": missing}
    with services.db.session() as session:
        audit.record(
            session,
            actor="cli",
            action="store.verified",
            object_type="object_store",
            object_id=services.store.describe(),
            details={"checked": checked, "altered": len(bad), "missing": len(missing)},
        )
    if as_json:
        echo_json(report)
    else:
        click.echo(f"{checked} originals re-hashed in {report['store']}")
        for b in bad:
            click.echo(f"ALTERED  document {b['document_id']} {b['filename']}: hash is now {b['actual']}")
        for m in missing:
            click.echo(f"MISSING  document {m['document_id']} {m['filename']} ({m['sha256']})")
        if not bad and not missing:
            click.echo("all originals match their SHA-256")
    if bad or missing:
        sys.exit(3)


commands = [company_group, ingest, documents, text, worker, serve, db_group, verify_store]
