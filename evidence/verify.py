"""Offline verification of an evidence bundle: needs nothing but this package (no database, no network).

Checks, in order: the zip can be read and has no duplicate or unsafe entry names; every byte of the archive
belongs to a header or an entry's content (``evidence.ziplayout``: no data between entries, no comments, no
unknown extra fields, no directory entries); ``manifest.sig`` is a valid Ed25519 signature of the exact bytes of
``manifest.json`` under the trusted key (``--key`` PEM or a pinned ``--fingerprint``); every file the manifest
lists is present with its SHA-256 and size; no file is there that the manifest does not list; each original's
hash matches the hash in its name; each audit event's hash matches its content, and consecutive events link to
each other.

Without a trusted key the signature can only be checked against the key inside the bundle, which anyone who
rewrites the bundle can replace: the report then says the signer is unverified (``signer_verified`` False,
with the signer's fingerprint to compare out of band) and the bundle is not accepted.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from evidence.audit_hash import event_hash
from evidence.signing import decode_signature, fingerprint, key_id, load_public_key, verify_signature
from evidence.ziplayout import layout_problems
from immex.errors import ImmexError

ENVELOPE = ("manifest.json", "manifest.sig", "public_key.pem")
CHUNK = 1024 * 1024


@dataclass
class VerifyReport:
    path: str
    ok: bool = True
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    key_source: str = ""
    key_id: str | None = None
    fingerprint: str | None = None
    signature_valid: bool = False
    signer_verified: bool = False
    files_checked: int = 0
    bytes_checked: int = 0
    audit_events: int = 0
    manifest: dict[str, Any] = field(default_factory=dict)

    def problem(self, text: str) -> None:
        self.ok = False
        self.problems.append(text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "problems": self.problems,
            "notes": self.notes,
            "key_source": self.key_source,
            "key_id": self.key_id,
            "fingerprint": self.fingerprint,
            "signature_valid": self.signature_valid,
            "signer_verified": self.signer_verified,
            "files_checked": self.files_checked,
            "bytes_checked": self.bytes_checked,
            "audit_events": self.audit_events,
            "bundle_id": self.manifest.get("bundle_id"),
            "scope": self.manifest.get("scope"),
            "created_at": self.manifest.get("created_at"),
            "created_by": self.manifest.get("created_by"),
        }


def _unsafe(name: str) -> bool:
    return name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/") or (len(name) > 1 and name[1] == ":")


def _hash_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, int]:
    """SHA-256 and size of an entry, streamed; zipfile also checks the entry's CRC at the end."""
    h = hashlib.sha256()
    size = 0
    with zf.open(info) as src:
        while chunk := src.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def normalise_fingerprint(text: str) -> str:
    """A pinned fingerprint as 16 to 64 lower-case hex digits (``SHA256:``, colons and spaces are dropped)."""
    hexdigits = text.strip().lower().removeprefix("sha256:").replace(":", "").replace(" ", "")
    if not 16 <= len(hexdigits) <= 64 or any(c not in "0123456789abcdef" for c in hexdigits):
        raise ImmexError(
            "A fingerprint is 16 to 64 hexadecimal digits (immex signing-key prints it).", code="bad_fingerprint"
        )
    return hexdigits


def verify_bundle(
    path: Path, public_key_pem: bytes | None = None, pinned_fingerprint: str | None = None
) -> VerifyReport:
    """Check the bundle at ``path``; every problem found is in the report (it does not stop at the first).
    ``ok`` means intact; ``signer_verified`` means signed by the key given or pinned."""
    report = VerifyReport(path=str(path))
    pinned = normalise_fingerprint(pinned_fingerprint) if pinned_fingerprint else None
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        report.problem(f"cannot be read as a zip file: {exc}")
        return report
    with zf:
        for text in layout_problems(path):
            report.problem(text)
        infos = zf.infolist()
        names = [i.filename for i in infos]
        seen: set[str] = set()
        for name in names:
            if name in seen:
                report.problem(f"{name}: appears more than once in the zip (a second copy may hide the first)")
            seen.add(name)
            if _unsafe(name):
                report.problem(f"{name}: unsafe file name (absolute or leaves the folder)")
        by_name = {i.filename: i for i in infos}
        missing_envelope = [n for n in ENVELOPE if n not in by_name]
        for n in missing_envelope:
            report.problem(f"{n}: missing, so the bundle cannot be checked")
        if missing_envelope:
            return report
        manifest_bytes = zf.read("manifest.json")
        _check_signature(
            report, manifest_bytes, zf.read("manifest.sig"), zf.read("public_key.pem"), public_key_pem, pinned
        )
        try:
            manifest = json.loads(manifest_bytes)
            files = manifest["files"]
            listed = {f["path"]: f for f in files}
        except (ValueError, KeyError, TypeError) as exc:
            report.problem(f"manifest.json: not a bundle manifest ({exc})")
            return report
        report.manifest = manifest
        if len(listed) != len(files):
            report.problem("manifest.json lists a file more than once")
        for name, entry in sorted(listed.items()):
            info = by_name.get(name)
            if info is None:
                report.problem(f"{name}: listed in the manifest but missing from the bundle")
                continue
            try:
                digest, size = _hash_entry(zf, info)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                report.problem(f"{name}: damaged in the zip ({exc})")
                continue
            report.files_checked += 1
            report.bytes_checked += size
            if digest != entry.get("sha256") or size != entry.get("size"):
                report.problem(
                    f"{name}: content changed (SHA-256 {digest}, size {size}; the manifest says "
                    f"{entry.get('sha256')}, size {entry.get('size')})"
                )
            elif name.startswith("documents/") and not name[len("documents/") :].startswith(digest + "-"):
                report.problem(f"{name}: its content's SHA-256 {digest} is not the one in its name")
        for name in sorted(set(by_name) - set(listed) - set(ENVELOPE)):
            report.problem(f"{name}: in the bundle but not in the manifest (added after signing)")
        if "audit.jsonl" in listed and "audit.jsonl" in by_name:
            _check_audit(report, zf.read("audit.jsonl"))
    return report


def _check_signature(
    report: VerifyReport,
    manifest: bytes,
    sig_blob: bytes,
    bundled_pem: bytes,
    given_pem: bytes | None,
    pinned: str | None,
) -> None:
    try:
        bundled = load_public_key(bundled_pem)
    except ImmexError:
        bundled = None
        report.problem("public_key.pem in the bundle is not an Ed25519 public key")
    if given_pem is not None:
        key = load_public_key(given_pem)
        report.key_source = "given"
        if bundled is not None and key_id(bundled) != key_id(key):
            report.notes.append(
                f"the key inside the bundle ({key_id(bundled)}) is not the key you gave ({key_id(key)})"
            )
    elif bundled is not None:
        key = bundled
        report.key_source = "pinned" if pinned else "bundle"
    else:
        return
    report.key_id = key_id(key)
    report.fingerprint = fingerprint(key)
    signature = decode_signature(sig_blob)
    if signature is None:
        report.problem("manifest.sig: not an Ed25519 signature")
        return
    report.signature_valid = verify_signature(key, manifest, signature)
    if not report.signature_valid:
        who = "the key you gave" if given_pem is not None else "the key in the bundle"
        report.problem(f"manifest.sig: the signature does not match manifest.json under {who} ({report.key_id})")
        return
    if given_pem is not None:
        report.signer_verified = pinned is None or report.fingerprint.startswith(pinned)
    elif pinned is not None:
        report.signer_verified = report.fingerprint.startswith(pinned)
    if pinned is not None and not report.fingerprint.startswith(pinned):
        report.problem(
            f"signed by the key with fingerprint {report.fingerprint}, not by the pinned fingerprint {pinned}: "
            "this bundle was not signed by the service you trust"
        )
    elif not report.signer_verified:
        report.notes.append(
            f"SIGNER UNVERIFIED: the signature is only checked against the key inside the bundle (fingerprint "
            f"{report.fingerprint}), which whoever made the file chose. Compare that fingerprint with the one the "
            "service publishes (`immex signing-key`, the portal's bundles page), then run again with --key "
            "KEY.pem or --fingerprint HEX."
        )


def _check_audit(report: VerifyReport, blob: bytes) -> None:
    """Each event's hash is recomputed from its content; an event that directly follows another in the
    service's log (id + 1) must name that event's hash as its ``prev_hash``."""
    prev: dict[str, Any] | None = None
    for n, line in enumerate(blob.splitlines(), 1):
        if not line.strip():
            continue
        try:
            ev = json.loads(line)
            recomputed = event_hash(
                prev_hash=ev["prev_hash"],
                id=ev["id"],
                at=datetime.fromisoformat(ev["at"]),
                actor=ev["actor"],
                action=ev["action"],
                object_type=ev["object_type"],
                object_id=ev["object_id"],
                company_id=ev["company_id"],
                details=ev["details"],
            )
        except (ValueError, KeyError, TypeError) as exc:
            report.problem(f"audit.jsonl line {n}: not an audit event ({exc})")
            continue
        report.audit_events += 1
        if recomputed != ev["hash"]:
            report.problem(f"audit.jsonl event {ev['id']}: its content does not match its hash")
        if prev is not None:
            if ev["id"] <= prev["id"]:
                report.problem(f"audit.jsonl event {ev['id']}: out of order (after event {prev['id']})")
            elif ev["id"] == prev["id"] + 1 and ev["prev_hash"] != prev["hash"]:
                report.problem(f"audit.jsonl event {ev['id']}: does not follow event {prev['id']}")
        prev = ev


def format_report(report: VerifyReport) -> str:
    """The report as a clerk or auditor reads it."""
    m = report.manifest
    lines = [f"Bundle {report.path}"]
    if m:
        scope = (m.get("scope") or {}).get("description") or (m.get("scope") or {}).get("value")
        company = m.get("company") or {}
        lines.append(
            f"  {m.get('bundle_id')}: {company.get('name')} ({company.get('rfc')}), {scope}; made by "
            f"{m.get('created_by')} at {m.get('created_at')} "
            f"(immex-evidence {(m.get('service') or {}).get('version')})"
        )
    if report.key_id:
        state = "valid" if report.signature_valid else "INVALID"
        lines.append(f"  signature: {state} (Ed25519, key {report.key_id}, {report.key_source} key)")
        signer = "verified" if report.signer_verified else "UNVERIFIED"
        lines.append(f"  signer: {signer}, fingerprint SHA256:{report.fingerprint}")
    lines.append(
        f"  files: {report.files_checked} checked, {report.bytes_checked:,} bytes; audit events: {report.audit_events}"
    )
    lines += [f"  note: {n}" for n in report.notes]
    lines += [f"  PROBLEM: {p}" for p in report.problems]
    if not report.ok:
        lines.append(f"  FAILED: {len(report.problems)} problem(s)")
    elif not report.signer_verified:
        lines.append("  NOT VERIFIED: the files match the manifest, but nothing shows who signed it")
    else:
        lines.append("  OK: every file matches the manifest signed by the trusted key")
    return "\n".join(lines)
