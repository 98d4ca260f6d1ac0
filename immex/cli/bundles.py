"""Evidence bundles, their offline check, the audit log check and the signing key.

``immex bundle --company RFC (--pedimento N | --lot N:SEQ | --period FROM..TO) --out FILE.zip``
``immex verify FILE.zip [--key PUBLIC_KEY.pem]``
``immex audit verify``
``immex signing-key``
"""

from __future__ import annotations

import getpass
import sys
from datetime import datetime
from pathlib import Path

import click

from immex.cli import echo_json, services_from_context, settings_from_context
from immex.errors import IntegrityError


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
    help="The service's published public key (PEM). Without it the key inside the bundle is used.",
)
@click.option("--json", "as_json", is_flag=True)
def verify(zip_path: Path, key_path: Path | None, as_json: bool) -> None:
    """Check a bundle offline: signature, every hash, nothing missing, nothing added; exit 3 if not."""
    from evidence.verify import format_report, verify_bundle

    report = verify_bundle(zip_path, key_path.read_bytes() if key_path else None)
    if as_json:
        echo_json(report.to_dict())
    else:
        click.echo(format_report(report))
    if not report.ok:
        sys.exit(IntegrityError.exit_code)


@click.group("audit")
def audit_group() -> None:
    """The append-only, hash-chained audit log."""


@audit_group.command("verify")
@click.option("--json", "as_json", is_flag=True)
def audit_verify(as_json: bool) -> None:
    """Walk the whole log and name every edited, deleted or reordered event; check that every signed anchor of
    the log's head is still there (events cut from the end). Exit 3 on any problem. An intact log is anchored
    again."""
    from evidence.audit import verify_chain
    from evidence.signing import anchor_audit_head, check_anchors

    services = services_from_context()
    with services.db.session() as session:
        count, chain_problems = verify_chain(session)
        anchors, anchor_problems = check_anchors(services, session)
        problems = [str(p) for p in chain_problems] + anchor_problems
        if not problems:
            anchor_audit_head(services, session)
    if as_json:
        echo_json(
            {
                "ok": not problems,
                "events": count,
                "anchors": anchors,
                "problems": [{"event_id": p.event_id, "problem": p.problem} for p in chain_problems]
                + [{"event_id": None, "problem": p} for p in anchor_problems],
            }
        )
    else:
        click.echo(f"{count} audit events checked, {anchors} signed anchors of the log's head")
        for text in problems:
            click.echo(f"PROBLEM {text}")
        click.echo("the audit log is intact" if not problems else f"FAILED: {len(problems)} problem(s)")
    if problems:
        sys.exit(IntegrityError.exit_code)


@click.command("signing-key")
@click.option("--out", default=None, type=click.Path(dir_okay=False, path_type=Path), help="Also write it here.")
def signing_key_cmd(out: Path | None) -> None:
    """Print the public key that signs bundle manifests (PEM), to give auditors for `immex verify --key`."""
    from evidence.signing import signing_key

    settings = settings_from_context()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    key = signing_key(settings)
    if out is not None:
        out.write_bytes(key.public_pem)
    click.echo(key.public_pem.decode("ascii"), nl=False)
    click.echo(f"key id {key.key_id}", err=True)


commands = [bundle, verify, audit_group, signing_key_cmd]
