"""Evidence bundles: one zip an auditor can check offline.

Layout of the zip::

    README.txt                         what is inside and how to check it
    documents/<sha256>-<filename>      every original, byte for byte
    extractions/<sha256>.json          per document: its row, every extraction result, people's corrections
    chain.html, chain.pdf              the evidence chain of each lot in scope (``bundle_report``)
    audit.jsonl                        the audit events of everything in the bundle, with their hashes
    manifest.json                      every file above with SHA-256 and size; scope, maker, time, version
    manifest.sig                       Ed25519 signature of the exact bytes of manifest.json (base64)
    public_key.pem                     the service's public key (also at GET /api/v1/signing-key)

The zip is written to disk entry by entry in 1 MiB chunks (never whole in memory) and only renamed into place
once complete. ``evidence.verify`` checks a bundle with nothing but this package installed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence import audit
from evidence.audit_anchors import anchor_head
from evidence.bundle_report import ChainReport, Scope, collect, document_entry_name, render_html, render_pdf
from evidence.chain.models import Correction
from evidence.models import AuditEvent, Company, Document, Extraction
from evidence.objectstore import CHUNK, original_key
from evidence.signing import encode_signature, signing_key
from immex import __version__
from immex.errors import IntegrityError, NotFound
from immex.services import Services

log = logging.getLogger(__name__)

FORMAT = "immex.bundle/v1"
ENVELOPE = ("manifest.json", "manifest.sig", "public_key.pem")  # the files the manifest cannot list
_COMPRESSIBLE = ("application/xml", "text/", "application/json")

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class BundleResult:
    bundle_id: str
    path: Path
    size: int
    manifest_sha256: str
    file_count: int
    document_count: int
    lot_count: int
    key_id: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "path": str(self.path),
            "size": self.size,
            "manifest_sha256": self.manifest_sha256,
            "files": self.file_count,
            "documents": self.document_count,
            "lots": self.lot_count,
            "key_id": self.key_id,
        }


class _ZipWriter:
    """Adds entries to a zip on disk while hashing them; remembers (path, sha256, size) for the manifest."""

    def __init__(self, path: Path, when: datetime) -> None:
        self.zf = zipfile.ZipFile(path, "w", allowZip64=True)
        self.date_time = when.astimezone(UTC).timetuple()[:6]
        self.files: list[dict[str, Any]] = []
        self._names: set[str] = set()

    def _info(self, name: str, compress: bool) -> zipfile.ZipInfo:
        if name in self._names:
            raise ValueError(f"duplicate bundle entry {name}")
        self._names.add(name)
        info = zipfile.ZipInfo(name, date_time=self.date_time)  # type: ignore[arg-type]
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        return info

    def add_stream(self, name: str, src: BinaryIO, *, compress: bool, listed: bool = True) -> tuple[str, int]:
        h = hashlib.sha256()
        size = 0
        with self.zf.open(self._info(name, compress), "w", force_zip64=True) as dst:
            while chunk := src.read(CHUNK):
                h.update(chunk)
                size += len(chunk)
                dst.write(chunk)
        digest = h.hexdigest()
        if listed:
            self.files.append({"path": name, "sha256": digest, "size": size})
        return digest, size

    def add_bytes(self, name: str, data: bytes, *, compress: bool = True, listed: bool = True) -> str:
        self.zf.writestr(self._info(name, compress), data)
        digest = hashlib.sha256(data).hexdigest()
        if listed:
            self.files.append({"path": name, "sha256": digest, "size": len(data)})
        return digest

    def add_file(self, name: str, path: Path, *, compress: bool = True) -> None:
        with open(path, "rb") as src:
            self.add_stream(name, src, compress=compress)

    def close(self) -> None:
        self.zf.close()


def _utc_iso(at: datetime) -> str:
    """SQLite gives naive datetimes back; they were written as UTC."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def _canonical_json(data: Any) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n").encode("utf-8")


BATCH = 100  # documents read per (short) database transaction


def _extraction_records(session: Session, docs: list[Document]) -> dict[int, dict[str, Any]]:
    """Per document: its row, every extraction result and people's corrections (who, when, why)."""
    ids = [d.id for d in docs]
    extractions: dict[int, list[Extraction]] = {i: [] for i in ids}
    for x in session.scalars(
        select(Extraction).where(Extraction.document_id.in_(ids)).order_by(Extraction.created_at, Extraction.id)
    ):
        extractions[x.document_id].append(x)
    corrections: dict[int, list[Correction]] = {i: [] for i in ids}
    for c in session.scalars(
        select(Correction).where(Correction.document_id.in_(ids)).order_by(Correction.created_at, Correction.id)
    ):
        corrections[c.document_id].append(c)
    out: dict[int, dict[str, Any]] = {}
    for doc in docs:
        info = doc.to_dict()
        info.pop("company_id", None)
        out[doc.id] = {
            "format": "immex.bundle.extraction/v1",
            "document": info,
            "extractions": [
                {
                    "extractor_version": x.extractor_version,
                    "created_at": _utc_iso(x.created_at),
                    "doc_type": x.doc_type,
                    "needs_review": x.needs_review,
                    "min_confidence": x.min_confidence,
                    "result": x.result,
                }
                for x in extractions[doc.id]
            ],
            "corrections": [
                {
                    "field": c.field,
                    "line_index": c.line_index,
                    "machine_value": c.machine_value,
                    "corrected_value": c.corrected_value,
                    "actor": c.actor,
                    "at": _utc_iso(c.created_at),
                    "reason": c.reason,
                    "extraction_id": c.extraction_id,
                }
                for c in corrections[doc.id]
            ],
        }
    return out


def _event_in_scope(ev: AuditEvent, keys: set[tuple[str, str]], doc_ids: set[int], lot_ids: set[int]) -> bool:
    if (ev.object_type, ev.object_id or "") in keys:
        return True
    details = ev.details or {}
    return details.get("document_id") in doc_ids or details.get("lot_id") in lot_ids


def _write_audit(services: Services, zw: _ZipWriter, report: ChainReport) -> dict[str, Any]:
    """The company's events that concern a record in the bundle, oldest first, one JSON object a line. Read in
    batches, each in its own short transaction (on SQLite every transaction holds the write lock)."""
    keys = report.audit_keys()
    doc_ids = set(report.document_ids)
    lot_ids = set(report.lot_ids)
    count, first, last, after = 0, None, None, 0
    tmp = services.scratch_dir / f"audit-{uuid.uuid4().hex}.jsonl"
    try:
        with open(tmp, "wb") as out:
            while True:
                with services.db.session() as session:
                    events = session.scalars(
                        select(AuditEvent)
                        .where(AuditEvent.company_id == report.company["id"], AuditEvent.id > after)
                        .order_by(AuditEvent.id)
                        .limit(5000)
                    ).all()
                    lines = [
                        json.dumps(ev.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
                        for ev in events
                        if _event_in_scope(ev, keys, doc_ids, lot_ids)
                    ]
                    ids = [ev.id for ev in events if _event_in_scope(ev, keys, doc_ids, lot_ids)]
                if not events:
                    break
                after = events[-1].id
                out.writelines(lines)
                count += len(ids)
                if ids:
                    first = first if first is not None else ids[0]
                    last = ids[-1]
        zw.add_file("audit.jsonl", tmp)
    finally:
        tmp.unlink(missing_ok=True)
    with services.db.session() as session:
        head = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    return {
        "events": count,
        "first_id": first,
        "last_id": last,
        "log_head": {"id": head.id, "hash": head.hash} if head else None,
    }


README = """Evidence bundle {bundle_id}
Company: {company} — scope: {scope}
Made by {actor} at {created_at} with immex-evidence {version}.

documents/      the original files, byte for byte, named <sha256>-<original filename>
extractions/    per document (by sha256): what was read from it and every correction people made, with
                who and when
chain.html/pdf  the evidence chain: each lot, its import pedimento, invoices, B/Ls, BOM versions, the
                exports that consumed it, balance, due date, status and findings, and the discharge run it
                reflects
audit.jsonl     the audit log entries of everything here; each "hash" is SHA-256 over the event and the
                hash of the event before it in the service's log
manifest.json   every file with its SHA-256 and size; manifest.sig signs its exact bytes (Ed25519, base64)
public_key.pem  the key that made the signature (key id {key_id})

To check it:  immex verify THIS.zip --key PUBLIC_KEY.pem   (or --fingerprint SHA256-HEX)
Get PUBLIC_KEY.pem or its fingerprint from the service itself, by a channel other than the one that brought
this file (GET /api/v1/signing-key, `immex signing-key`, the portal's bundles page): the key inside the bundle
proves the files were not changed after signing, but only a key you obtained separately proves who signed.
Without it, `immex verify` reports the signer as unverified and exits 5.
"""


def build_bundle(
    services: Services,
    *,
    company_id: int,
    scope: Scope,
    actor: str,
    out: Path,
    bundle_id: str | None = None,
    progress: Progress | None = None,
    record_event: bool = True,
    as_of: date | None = None,
    language: str = "es",
) -> BundleResult:
    """Write the bundle for ``scope`` to ``out`` (via ``out.part``, renamed when complete) and audit it.
    Balances and statuses in the report are as of ``as_of`` (default today); its readable report (chain.html,
    chain.pdf) is in ``language`` (``es``, the default, for a SAT auditor, or ``en``)."""
    key = signing_key(services.settings)
    bundle_id = bundle_id or uuid.uuid4().hex
    created_at = datetime.now(UTC)
    tell = progress or (lambda stage, done, total: None)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    try:
        tell("collecting", 0, 0)  # never inside a transaction: the callback may write the job's progress
        with services.db.session() as session:  # a short transaction: what the bundle holds
            company = session.get(Company, company_id)
            if company is None:
                raise NotFound(f"There is no company {company_id}.")
            report = collect(session, company, scope, as_of=as_of)
            company_label = f"{company.name} ({company.rfc})"
            received: list[tuple[str, int]] = []
            for i in range(0, len(report.document_ids), 500):
                chunk = report.document_ids[i : i + 500]
                received += [
                    (_utc_iso(at), doc_id)
                    for doc_id, at in session.execute(
                        select(Document.id, Document.received_at).where(Document.id.in_(chunk))
                    )
                ]
        order = [doc_id for _at, doc_id in sorted(received)]  # oldest first
        total = len(order) + 3
        zw = _ZipWriter(part, created_at)
        try:
            zw.add_bytes(
                "README.txt",
                README.format(
                    bundle_id=bundle_id,
                    company=company_label,
                    scope=scope.describe(),
                    actor=actor,
                    created_at=created_at.isoformat(),
                    version=__version__,
                    key_id=key.key_id,
                ).encode("utf-8"),
            )
            doc_index = []
            for start in range(0, len(order), BATCH):
                with services.db.session() as session:
                    docs = list(session.scalars(select(Document).where(Document.id.in_(order[start : start + BATCH]))))
                    position = {doc_id: n for n, doc_id in enumerate(order[start : start + BATCH])}
                    docs.sort(key=lambda d: position[d.id])
                    records = _extraction_records(session, docs)
                    session.expunge_all()
                for doc in docs:  # no transaction is held while the bytes are copied
                    name = document_entry_name(doc.sha256, doc.filename)
                    compress = doc.media_type.startswith(_COMPRESSIBLE)
                    with services.store.open(original_key(doc.sha256)) as src:
                        digest, size = zw.add_stream(name, src, compress=compress)
                    if digest != doc.sha256:
                        raise IntegrityError(
                            f"The stored original of document {doc.id} ({doc.filename}) no longer matches "
                            "its SHA-256; no bundle was made. Run `immex verify-store` and restore it from "
                            "backup."
                        )
                    zw.add_bytes(f"extractions/{doc.sha256}.json", _canonical_json(records[doc.id]))
                    doc_index.append(
                        {
                            "sha256": doc.sha256,
                            "filename": doc.filename,
                            "path": name,
                            "media_type": doc.media_type,
                            "size": size,
                            "received_at": _utc_iso(doc.received_at),
                            "source": doc.source,
                        }
                    )
                    tell("documents", len(doc_index), total)
            zw.add_bytes("chain.html", render_html(report, language))
            pdf = services.scratch_dir / f"chain-{bundle_id}.pdf"
            try:
                render_pdf(report, pdf, language)
                zw.add_file("chain.pdf", pdf, compress=False)
            finally:
                pdf.unlink(missing_ok=True)
            tell("report", len(order) + 1, total)
            audit_info = _write_audit(services, zw, report)
            tell("audit", len(order) + 2, total)
            manifest = {
                "format": FORMAT,
                "bundle_id": bundle_id,
                "created_at": created_at.isoformat(),
                "created_by": actor,
                "service": {"name": "immex-evidence", "version": __version__},
                "company": report.company,
                "scope": scope.to_dict(),
                "as_of": report.as_of.isoformat(),
                "signing_key": {"algorithm": "Ed25519", "key_id": key.key_id},
                "discharge_run": report.run.id if report.run else None,
                "counts": {"documents": len(doc_index), "lots": len(report.lots)},
                "audit": audit_info,
                "documents": doc_index,
                "files": sorted(zw.files, key=lambda f: f["path"]),
            }
            manifest_bytes = _canonical_json(manifest)
            zw.add_bytes("manifest.json", manifest_bytes, listed=False)
            zw.add_bytes("manifest.sig", encode_signature(key.sign(manifest_bytes)), listed=False)
            zw.add_bytes("public_key.pem", key.public_pem, listed=False)
            file_count = len(zw.files)
        finally:
            zw.close()
        result = BundleResult(
            bundle_id=bundle_id,
            path=out,
            size=part.stat().st_size,
            manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
            file_count=file_count,
            document_count=len(doc_index),
            lot_count=len(report.lots),
            key_id=key.key_id,
        )
        if record_event:  # audited before the file is there to be taken: no bundle leaves unrecorded
            with services.db.session() as session:
                record_created(session, result, company_id=company_id, scope=scope, actor=actor)
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    if record_event:
        anchor_quietly(services)
    tell("done", total, total)
    return result


def anchor_quietly(services: Services) -> None:
    """Anchor the audit log's head (see ``evidence.audit_anchors``); a failure is logged, never fatal."""
    try:
        with services.db.session() as session:
            anchor_head(services, session)
    except Exception:  # noqa: BLE001 - the anchor is a safeguard; the event itself is committed
        log.warning("could not anchor the audit log's head", exc_info=True)


def record_created(session: Session, result: BundleResult, *, company_id: int, scope: Scope, actor: str) -> None:
    audit.record(
        session,
        actor=actor,
        action="bundle.created",
        object_type="bundle",
        object_id=result.bundle_id,
        company_id=company_id,
        details={
            "scope": scope.to_dict(),
            "manifest_sha256": result.manifest_sha256,
            "size": result.size,
            "files": result.file_count,
            "documents": result.document_count,
            "lots": result.lot_count,
            "key_id": result.key_id,
        },
    )


def record_downloaded(
    session: Session, *, bundle_id: str, company_id: int, actor: str, manifest_sha256: str | None, via: str
) -> None:
    audit.record(
        session,
        actor=actor,
        action="bundle.downloaded",
        object_type="bundle",
        object_id=bundle_id,
        company_id=company_id,
        details={"manifest_sha256": manifest_sha256, "via": via},
    )
