"""Evidence bundles, their offline check, the audit log check and the signing key.

``immex bundle --company RFC (--pedimento N | --lot N:SEQ | --period FROM..TO) --out FILE.zip``
``immex verify FILE.zip (--key PUBLIC_KEY.pem | --fingerprint HEX)``
``immex audit verify [--bundle FILE.zip] [--head ID:HASH]``
``immex signing-key``
"""

from __future__ import annotations

import getpass
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click

from immex.cli import echo_json, services_from_context, settings_from_context
from immex.errors import IntegrityError

UNVERIFIED_EXIT = 5  # intact, but signed by a key nobody vouched for


def _cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@click.command("bundle")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.option("--pedimento", default=None, help="A pedimento: all its partidas' lots and every linked document.")
@click.option("--lot", default=None, help="One lot, as PEDIMENTO:PARTIDA.")
@click.option("--period", default=None, help="FROM..TO (dates): documents received and lots started in it.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The zip to write.")
@click.option(
    "--as-of",
    default=None,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Balances and statuses as of this date (default today).",
)
@click.option(
    "--language",
    type=click.Choice(["es", "en"]),
    default="es",
    show_default=True,
    help="Language of the readable report inside (chain.html, chain.pdf).",
)
@click.option("--json", "as_json", is_flag=True)
def bundle(
    rfc: str,
    pedimento: str | None,
    lot: str | None,
    period: str | None,
    out: Path,
    as_of: datetime | None,
    language: str,
    as_json: bool,
) -> None:
    """Make a signed evidence bundle (zip) an auditor can check offline with `immex verify`."""
    from evidence.bundle_report import parse_scope
    from evidence.bundles import build_bundle
    from immex.cli.core import company_by_rfc

    scope = parse_scope(pedimento=pedimento, lot=lot, period=period)
    services = services_from_context()
    company = company_by_rfc(services, rfc)

    def progress(stage: str, done: int, total: int) -> None:
        if not as_json and stage == "documents" and (done % 50 == 0 or done == total - 3):
            click.echo(f"  {done} of {total - 3} documents", err=True)

    result = build_bundle(
        services,
        company_id=company.id,
        scope=scope,
        actor=_cli_actor(),
        out=out,
        progress=progress,
        as_of=as_of.date() if as_of else None,
        language=language,
    )
    if as_json:
        echo_json(result.to_dict())
    else:
        click.echo(
            f"bundle {result.bundle_id} written to {out}: {result.document_count} documents, "
            f"{result.lot_count} lots, {result.file_count} files, {result.size:,} bytes; "
            f"manifest SHA-256 {result.manifest_sha256}, signed with key {result.key_id}"
        )


@click.command("verify")
@click.argument("zip_path", metavar="FILE.zip", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--key",
    "key_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The service's public key (PEM), obtained from the service itself (`immex signing-key`).",
)
@click.option(
    "--fingerprint",
    default=None,
    help="The service key's SHA-256 fingerprint (at least 16 hex digits), as `immex signing-key` and the "
    "portal's bundles page show it.",
)
@click.option("--json", "as_json", is_flag=True)
def verify(zip_path: Path, key_path: Path | None, fingerprint: str | None, as_json: bool) -> None:
    """Check a bundle offline: signature, every hash, every byte of the zip, nothing missing, nothing added.
    Exit 3 if anything was changed; exit 5 if it is intact but no trusted key (--key or --fingerprint) shows
    who signed it; 0 only when intact and signed by the trusted key."""
    from evidence.verify import format_report, verify_bundle

    report = verify_bundle(zip_path, key_path.read_bytes() if key_path else None, fingerprint)
    if as_json:
        echo_json(report.to_dict())
    else:
        click.echo(format_report(report))
    if not report.ok:
        sys.exit(IntegrityError.exit_code)
    if not report.signer_verified:
        sys.exit(UNVERIFIED_EXIT)


@click.group("audit")
def audit_group() -> None:
    """The append-only, hash-chained audit log."""


@audit_group.command("verify")
@click.option(
    "--bundle",
    "bundles",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An evidence bundle you hold: the log must still hold the head its signed manifest records.",
)
@click.option("--head", "heads", multiple=True, help="ID:HASH a previous check printed: it must still be there.")
@click.option("--json", "as_json", is_flag=True)
def audit_verify(bundles: tuple[Path, ...], heads: tuple[str, ...], as_json: bool) -> None:
    """Walk the whole log and name every edited, deleted or reordered event; check every signed anchor (one per
    commit that wrote events) and every head given with --bundle or --head (events rewritten or cut from the
    end). Report the anchors' count and the newest one's age. Exit 3 on any problem."""
    from sqlalchemy import select

    from evidence.audit import verify_chain
    from evidence.audit_anchors import anchor_head, check_anchors, check_heads
    from evidence.models import AuditEvent

    services = services_from_context()
    held = [_bundle_head(path, services) for path in bundles] + [_parse_head(text) for text in heads]
    with services.db.session() as session:
        count, chain_problems = verify_chain(session)
        anchors = check_anchors(services, session)
        problems = [str(p) for p in chain_problems] + anchors.problems + check_heads(session, held)
        head = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
        if not problems and anchors.unanchored:
            anchor_head(services, session)
    age = anchors.age()
    if as_json:
        echo_json(
            {
                "ok": not problems,
                "events": count,
                "anchors": anchors.to_dict(),
                "head": {"id": head.id, "hash": head.hash} if head else None,
                "problems": [{"event_id": p.event_id, "problem": p.problem} for p in chain_problems]
                + [{"event_id": None, "problem": p} for p in problems[len(chain_problems) :]],
            }
        )
    else:
        click.echo(f"{count} audit events checked, {anchors.count} signed anchors of the log's head")
        if anchors.newest_event_id is not None and age is not None:
            click.echo(
                f"newest anchor: event {anchors.newest_event_id} at {anchors.newest_at:%Y-%m-%d %H:%M:%S} UTC "
                f"({_age(age)} ago)"
            )
        if anchors.unanchored:
            click.echo(f"WARNING {anchors.unanchored} event(s) after the newest anchor")
        for text in problems:
            click.echo(f"PROBLEM {text}")
        if head is not None:
            click.echo(f"log head: {head.id}:{head.hash} (keep it; check later with --head)")
        click.echo("the audit log is intact" if not problems else f"FAILED: {len(problems)} problem(s)")
    if problems:
        sys.exit(IntegrityError.exit_code)


def _age(age: timedelta) -> str:
    seconds = int(age.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"


def _parse_head(text: str) -> tuple[str, int, str]:
    number, _, digest = text.partition(":")
    if not number.strip().isdigit() or len(digest.strip()) != 64:
        raise click.BadParameter("give the head as ID:HASH, as `immex audit verify` prints it", param_hint="--head")
    return (f"the head {number.strip()} you gave", int(number), digest.strip().lower())


def _bundle_head(path: Path, services: Any) -> tuple[str, int, str]:
    """The log head a bundle's manifest records; the manifest must be signed by this service's key."""
    import json
    import zipfile

    from evidence.signing import decode_signature, signing_key, verify_signature

    try:
        with zipfile.ZipFile(path) as zf:
            manifest_bytes = zf.read("manifest.json")
            signature = decode_signature(zf.read("manifest.sig"))
        head = json.loads(manifest_bytes)["audit"]["log_head"]
        event_id, event_hash = int(head["id"]), str(head["hash"])
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise click.BadParameter(f"{path} is not an evidence bundle with a log head ({exc})") from None
    key = signing_key(services.settings)
    if signature is None or not verify_signature(key.public, manifest_bytes, signature):
        raise click.BadParameter(f"{path} is not signed by this service's key", param_hint="--bundle")
    return (f"bundle {path.name}", event_id, event_hash)


@click.command("signing-key")
@click.option("--out", default=None, type=click.Path(dir_okay=False, path_type=Path), help="Also write it here.")
def signing_key_cmd(out: Path | None) -> None:
    """Print the public key that signs bundle manifests (PEM) and its fingerprint, to give auditors out of band
    for `immex verify --key` / `--fingerprint`."""
    from evidence.signing import signing_key

    settings = settings_from_context()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    key = signing_key(settings)
    if out is not None:
        out.write_bytes(key.public_pem)
    click.echo(key.public_pem.decode("ascii"), nl=False)
    click.echo(f"key id {key.key_id}", err=True)
    click.echo(f"fingerprint SHA256:{key.fingerprint}", err=True)


commands = [bundle, verify, audit_group, signing_key_cmd]
