"""Tampering with a bundle is caught by ``immex verify``: a changed byte in a document, in the manifest or in the
report; a removed file; an added file; a signature from another key (without a trusted key the signer is
unverified, never OK); a duplicated entry; bytes in the zip no entry owns (a directory entry with data, an extra
field, data between entries, a comment, bytes before or after). One real bundle is made
on the embedded backend (SQLite, folder store) and each test changes a copy of it."""

from __future__ import annotations

import base64
import json
import shutil
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence.bundle_report import parse_scope
from evidence.bundles import build_bundle
from evidence.models import Company
from evidence.objectstore import original_key
from evidence.signing import fingerprint, public_key_pem, signing_key
from evidence.verify import verify_bundle
from immex.cli import main
from immex.errors import IntegrityError
from immex.services import Services, build_services
from immex.settings import Settings
from intake.accept import IncomingDocument, accept
from tests.factories import text_pdf


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("bundle")
    services = build_services(Settings.from_env({}, data_dir=root / "data"))
    with services.db.session() as session:
        company = Company(rfc="AAA010101AAA", name="Demo Maquiladora")
        session.add(company)
        session.flush()
        company_id = company.id
    for n in range(3):
        pdf = text_pdf(root / f"invoice-{n}.pdf", [f"COMMERCIAL INVOICE {n}", f"Invoice No. INV-{n:04d}"])
        res = accept(services, IncomingDocument(company_id=company_id, source="cli", filename=pdf.name, path=pdf))
        assert res.status == "accepted"
    xml = root / "nota.xml"
    xml.write_bytes(b"<?xml version='1.0'?><nota>sin CFDI</nota>")
    accept(services, IncomingDocument(company_id=company_id, source="cli", filename="nota: <1>?.xml", path=xml))
    services.queue.wait_idle(300)  # type: ignore[attr-defined]
    out = root / "bundle.zip"
    build_bundle(
        services, company_id=company_id, scope=parse_scope(period="2000-01-01..2100-01-01"), actor="t", out=out
    )
    pem = root / "service.pem"
    pem.write_bytes(signing_key(services.settings).public_pem)
    yield {"services": services, "zip": out, "pem": pem, "company_id": company_id, "root": root}
    services.close()


def verify(path: Path, pem: Path | None, fingerprint: str | None = None) -> Result:
    args = ["verify", str(path)] + (["--key", str(pem)] if pem else [])
    args += ["--fingerprint", fingerprint] if fingerprint else []
    return CliRunner().invoke(main, args)


UNVERIFIED = 5


def rewrite(
    src: Path,
    dst: Path,
    *,
    change: dict[str, Callable[[bytes], bytes | None]] | None = None,
    add: list[tuple[str, bytes]] | None = None,
) -> Path:
    """Copy the zip entry by entry; ``change`` maps a name to a function of its bytes (None drops it)."""
    change = change or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data: bytes | None = zin.read(info)
            if info.filename in change:
                data = change[info.filename](data)  # type: ignore[arg-type]
            if data is not None:
                zout.writestr(info, data)
        for name, data in add or []:
            zout.writestr(name, data)
    return dst


def flip(data: bytes, at: int | None = None) -> bytes:
    i = len(data) // 2 if at is None else at
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]


def names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


def test_untouched_bundle_verifies(made: dict[str, Any]) -> None:
    result = verify(made["zip"], made["pem"])
    assert result.exit_code == 0, result.output
    assert "signature: valid" in result.output and "given key" in result.output
    docs = [n for n in names(made["zip"]) if n.startswith("documents/")]
    assert len(docs) == 4
    assert any(n.endswith("-nota_ _1__.xml") for n in docs)  # unsafe characters replaced, hash prefix kept


def test_without_a_trusted_key_the_signer_is_unverified(made: dict[str, Any]) -> None:
    result = verify(made["zip"], None)
    assert result.exit_code == UNVERIFIED
    fingerprint = signing_key(made["services"].settings).fingerprint
    assert f"signer: UNVERIFIED, fingerprint SHA256:{fingerprint}" in result.output
    assert "NOT VERIFIED" in result.output and "OK" not in result.output


def test_a_pinned_fingerprint_verifies_the_signer(made: dict[str, Any]) -> None:
    fingerprint = signing_key(made["services"].settings).fingerprint
    for pinned in (fingerprint, f"SHA256:{fingerprint.upper()}", fingerprint[:16]):
        result = verify(made["zip"], None, pinned)
        assert result.exit_code == 0, result.output
        assert "signer: verified" in result.output and "pinned key" in result.output
    assert verify(made["zip"], None, "abc").exit_code != 0  # too short to pin anything


def test_changed_byte_in_a_document(made: dict[str, Any], tmp_path: Path) -> None:
    doc = next(n for n in names(made["zip"]) if n.startswith("documents/") and n.endswith(".pdf"))
    bad = rewrite(made["zip"], tmp_path / "t.zip", change={doc: flip})
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert f"{doc}: content changed" in result.output


def test_changed_byte_in_the_manifest(made: dict[str, Any], tmp_path: Path) -> None:
    def edit(data: bytes) -> bytes:
        return data.replace(b'"created_by": "t"', b'"created_by": "x"')

    bad = rewrite(made["zip"], tmp_path / "t.zip", change={"manifest.json": edit})
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert "signature does not match manifest.json" in result.output


@pytest.mark.parametrize("name", ["chain.html", "chain.pdf", "audit.jsonl", "README.txt"])
def test_changed_byte_in_the_report_and_other_files(made: dict[str, Any], tmp_path: Path, name: str) -> None:
    bad = rewrite(made["zip"], tmp_path / "t.zip", change={name: flip})
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert f"{name}: content changed" in result.output


def test_removed_file(made: dict[str, Any], tmp_path: Path) -> None:
    doc = next(n for n in names(made["zip"]) if n.startswith("extractions/"))
    bad = rewrite(made["zip"], tmp_path / "t.zip", change={doc: lambda _d: None})
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert f"{doc}: listed in the manifest but missing" in result.output


def test_removed_signature(made: dict[str, Any], tmp_path: Path) -> None:
    bad = rewrite(made["zip"], tmp_path / "t.zip", change={"manifest.sig": lambda _d: None})
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert "manifest.sig: missing" in result.output


def test_added_file(made: dict[str, Any], tmp_path: Path) -> None:
    bad = rewrite(made["zip"], tmp_path / "t.zip", add=[("documents/extra-invoice.pdf", b"%PDF-1.4 forged")])
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert "documents/extra-invoice.pdf: in the bundle but not in the manifest" in result.output


def test_duplicate_entry_is_refused(made: dict[str, Any], tmp_path: Path) -> None:
    doc = next(n for n in names(made["zip"]) if n.startswith("documents/"))
    bad = shutil.copy(made["zip"], tmp_path / "t.zip")
    with zipfile.ZipFile(bad, "a") as zf, pytest.warns(UserWarning):
        zf.writestr(doc, b"a second copy that an unzip tool may show instead")
    result = verify(Path(bad), made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert "appears more than once" in result.output


def _resign(data: dict[str, bytes], other: Ed25519PrivateKey) -> dict[str, Callable[[bytes], bytes | None]]:
    return {
        "manifest.sig": lambda _d: base64.b64encode(other.sign(data["manifest.json"])) + b"\n",
        "public_key.pem": lambda _d: public_key_pem(other.public_key()),
        **({"manifest.json": lambda _d: data["manifest.json"]} if "edited" in data else {}),
    }


def test_signature_from_another_key(made: dict[str, Any], tmp_path: Path) -> None:
    other = Ed25519PrivateKey.generate()
    with zipfile.ZipFile(made["zip"]) as zf:
        manifest = zf.read("manifest.json")
    # 1. only the signature replaced: fails even against the key in the bundle
    bad = rewrite(
        made["zip"],
        tmp_path / "a.zip",
        change={"manifest.sig": lambda _d: base64.b64encode(other.sign(manifest)) + b"\n"},
    )
    assert verify(bad, None).exit_code == IntegrityError.exit_code
    # 2. signature and bundled key replaced together: consistent inside, refused against the service's key
    bad = rewrite(made["zip"], tmp_path / "b.zip", change=_resign({"manifest.json": manifest}, other))
    inside = verify(bad, None)
    assert inside.exit_code == UNVERIFIED
    assert f"signer: UNVERIFIED, fingerprint SHA256:{fingerprint(other.public_key())}" in inside.output
    pinned = verify(bad, None, signing_key(made["services"].settings).fingerprint)
    assert pinned.exit_code == IntegrityError.exit_code
    assert "not by the pinned fingerprint" in pinned.output
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert "does not match manifest.json under the key you gave" in result.output
    assert "is not the key you gave" in result.output


def test_document_swapped_and_manifest_resigned_is_caught_by_the_service_key(
    made: dict[str, Any], tmp_path: Path
) -> None:
    """A forger who changes a document, fixes its hash in the manifest and signs with their own key."""
    import hashlib

    other = Ed25519PrivateKey.generate()
    doc = next(n for n in names(made["zip"]) if n.startswith("documents/") and n.endswith(".pdf"))
    with zipfile.ZipFile(made["zip"]) as zf:
        forged = flip(zf.read(doc))
        manifest = json.loads(zf.read("manifest.json"))
    for f in manifest["files"]:
        if f["path"] == doc:
            f["sha256"] = hashlib.sha256(forged).hexdigest()
    edited = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    change = _resign({"manifest.json": edited, "edited": b"1"}, other)
    change[doc] = lambda _d: forged
    bad = rewrite(made["zip"], tmp_path / "t.zip", change=change)
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert "signature does not match" in result.output
    # without the service's key the hash in the file name still gives the forged document away
    inside = verify(bad, None)
    assert inside.exit_code == IntegrityError.exit_code
    assert "is not the one in its name" in inside.output


def test_not_a_zip(tmp_path: Path, made: dict[str, Any]) -> None:
    bad = tmp_path / "t.zip"
    bad.write_bytes(b"this is not a zip")
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert "cannot be read as a zip file" in result.output


def test_verify_report_counts_every_byte(made: dict[str, Any]) -> None:
    report = verify_bundle(made["zip"], made["pem"].read_bytes())
    with zipfile.ZipFile(made["zip"]) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert report.ok and report.signature_valid
    assert report.files_checked == len(manifest["files"])
    assert report.bytes_checked == sum(f["size"] for f in manifest["files"])
    assert report.audit_events == manifest["audit"]["events"] > 0


def test_an_altered_stored_original_is_never_bundled(made: dict[str, Any], tmp_path: Path) -> None:
    services: Services = made["services"]
    with zipfile.ZipFile(made["zip"]) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    sha = manifest["documents"][0]["sha256"]
    path = services.settings.data_dir / "objects" / original_key(sha)
    original = path.read_bytes()
    path.chmod(0o644)
    try:
        path.write_bytes(flip(original))
        out = tmp_path / "b.zip"
        with pytest.raises(IntegrityError, match="no longer matches its SHA-256"):
            build_bundle(
                services,
                company_id=made["company_id"],
                scope=parse_scope(period="2000-01-01..2100-01-01"),
                actor="t",
                out=out,
            )
        assert not out.exists() and not (tmp_path / "b.zip.part").exists()
    finally:
        path.write_bytes(original)
        path.chmod(0o444)


def test_cli_bundle_signing_key_and_verify(made: dict[str, Any], tmp_path: Path) -> None:
    env = {"IMMEX_DATA_DIR": str(made["services"].settings.data_dir)}
    runner = CliRunner()
    key = runner.invoke(main, ["signing-key", "--out", str(tmp_path / "k.pem")], env=env)
    assert key.exit_code == 0 and key.output.startswith("-----BEGIN PUBLIC KEY-----")
    assert (tmp_path / "k.pem").read_bytes() == made["pem"].read_bytes()
    out = tmp_path / "cli.zip"
    made_it = runner.invoke(
        main,
        ["bundle", "--company", "AAA010101AAA", "--period", "2000-01-01..2100-01-01", "--out", str(out), "--json"],
        env=env,
    )
    assert made_it.exit_code == 0, made_it.output
    data = json.loads(made_it.output)
    assert data["documents"] == 4 and data["key_id"] in key.output + key.stderr
    assert verify(out, tmp_path / "k.pem").exit_code == 0
    refused = runner.invoke(
        main, ["bundle", "--company", "AAA010101AAA", "--lot", "12", "--out", str(tmp_path / "x.zip")], env=env
    )
    assert refused.exit_code != 0 and "is not a lot" in refused.output
    assert not (tmp_path / "x.zip").exists()
    missing = runner.invoke(
        main,
        ["bundle", "--company", "AAA010101AAA", "--pedimento", "244734454000001", "--out", str(tmp_path / "y.zip")],
        env=env,
    )
    assert missing.exit_code == 4 and "There is no pedimento 244734454000001" in missing.output


# -- bytes the manifest does not cover ------------------------------------------------------------------------


def _end_record(data: bytes) -> tuple[int, int]:
    """(offset of the end-of-directory record, the central directory's offset it gives)."""
    at = data.rindex(b"PK\x05\x06")
    return at, struct.unpack_from("<I", data, at + 16)[0]


def test_data_in_a_directory_entry_is_noticed(made: dict[str, Any], tmp_path: Path) -> None:
    bad = rewrite(made["zip"], tmp_path / "t.zip", add=[("documents/", b"hidden payload inside a directory entry")])
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert "documents/: a directory entry" in result.output
    assert "documents/: in the bundle but not in the manifest" in result.output


def test_an_extra_field_in_a_header_is_noticed(made: dict[str, Any], tmp_path: Path) -> None:
    doc = next(n for n in names(made["zip"]) if n.startswith("documents/"))
    bad = tmp_path / "t.zip"
    with zipfile.ZipFile(made["zip"]) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == doc:
                info.extra = struct.pack("<HH", 0xCAFE, 12) + b"hidden bytes"
            zout.writestr(info, data)
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert "carries an extra field 0xcafe of 12 bytes" in result.output


def test_bytes_between_entries_are_noticed(made: dict[str, Any], tmp_path: Path) -> None:
    data = made["zip"].read_bytes()
    end, cd_offset = _end_record(data)
    hidden = b"smuggled bytes no entry owns"
    patched = bytearray(data[:cd_offset] + hidden + data[cd_offset:])
    struct.pack_into("<I", patched, end + len(hidden) + 16, cd_offset + len(hidden))
    bad = tmp_path / "t.zip"
    bad.write_bytes(bytes(patched))
    with zipfile.ZipFile(bad) as zf:  # still a zip every tool opens
        assert zf.testzip() is None
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code
    assert f"{len(hidden)} bytes after the last entry belong to no entry" in result.output


@pytest.mark.parametrize("where", ["comment", "before", "after"])
def test_a_comment_or_bytes_around_the_archive_are_noticed(made: dict[str, Any], tmp_path: Path, where: str) -> None:
    bad = Path(shutil.copy(made["zip"], tmp_path / "t.zip"))
    if where == "comment":
        with zipfile.ZipFile(bad, "a") as zf:
            zf.comment = b"not covered by the signature"
    elif where == "before":
        bad.write_bytes(b"#!/bin/sh\necho prepended\n" + made["zip"].read_bytes())
    else:
        bad.write_bytes(made["zip"].read_bytes() + b"trailing bytes")
    result = verify(bad, made["pem"])
    assert result.exit_code == IntegrityError.exit_code, result.output
    assert "zip structure" in result.output or "belong to no entry" in result.output
