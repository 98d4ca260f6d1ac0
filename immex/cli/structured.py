"""``immex datastage load`` and ``immex reconcile``: the SAT's record of each pedimento, and whether the papers
agree with it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from immex.cli import echo_json, services_from_context


def load_summary(services: Any, document_id: int) -> dict[str, Any] | None:
    """What loading a validation file or extract changed (stored with its extraction)."""
    from evidence.chain.build import newest_extraction

    with services.db.session() as session:
        extraction = newest_extraction(session, document_id)
        result = extraction.result if extraction else None
    if not result:
        return None
    load = result.get("load")
    if load is None and result.get("doc_type") == "pedimento":
        number = result["fields"]["pedimento_number"]["value"]
        load = {"pedimentos": [{"pedimento_number": number, "document_id": document_id, "status": "new"}]}
    return dict(load) if load else None


@click.group("datastage")
def datastage() -> None:
    """Data Stage extracts (and validation files) of the SAT."""


@datastage.command("load")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the load as JSON.")
def datastage_load(rfc: str, file: Path, as_json: bool) -> None:
    """Load a Data Stage ZIP (or a validation file): each pedimento becomes one document; loading the same
    period twice changes nothing, a changed pedimento becomes a new revision."""
    from evidence.models import Document
    from immex.cli.core import company_by_rfc, wait_for
    from intake.accept import IncomingDocument, accept

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    res = accept(
        services, IncomingDocument(company_id=company.id, source="cli", filename=file.name, path=file, actor="cli")
    )
    out: dict[str, Any] = res.to_dict()
    if res.status == "rejected" or res.document_id is None:
        if as_json:
            echo_json(out)
        else:
            click.echo(f"rejected {file.name}: {res.reason}")
        sys.exit(2)
    wait_for(services, [res.document_id])
    summary = load_summary(services, res.document_id)
    children = [p["document_id"] for p in (summary or {}).get("pedimentos", []) if p.get("document_id")]
    if children:
        wait_for(services, children)
    with services.db.session() as session:
        doc = session.get(Document, res.document_id)
        out["document"] = doc.to_dict() if doc else None
    out["load"] = summary
    if res.status == "duplicate" and summary is not None:
        out["load"] = {**summary, "new": 0, "unchanged": len(summary.get("pedimentos", []))}
        for entry in out["load"]["pedimentos"]:
            entry["status"] = "unchanged"
    if as_json:
        echo_json(out)
        return
    if res.status == "duplicate":
        click.echo(f"{file.name} was already loaded as document {res.document_id}; nothing changed.")
    else:
        click.echo(f"loaded {file.name} as document {res.document_id}")
    load = out["load"] or {}
    if load.get("period"):
        click.echo(f"period {load['period']}, input hash {load.get('input_hash')}")
    for entry in load.get("pedimentos", []):
        click.echo(f"  {entry['pedimento_number']}  {entry['status']:<9}  document {entry['document_id']}")


@click.command("reconcile")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.option("--pedimento", "number", default=None, help="Only this pedimento.")
@click.option("--json", "as_json", is_flag=True, help="Print the reconciliation as JSON.")
def reconcile_cmd(rfc: str, number: str | None, as_json: bool) -> None:
    """Compare each pedimento's sources: structured data, printouts, invoices/COVE and CFDI."""
    from evidence.chain.queries import company_by_rfc
    from evidence.chain.reconcile_io import reconciliation_report

    services = services_from_context()
    with services.db.session() as session:
        company = company_by_rfc(session, rfc)
        report = reconciliation_report(session, company.id, number)
    if as_json:
        echo_json(report)
        return
    for ped in report["pedimentos"]:
        sources = ", ".join(
            f"{s['filename']} ({s['kind']}{'' if s['agrees'] else ', disagrees'})" for s in ped["sources"]
        )
        click.echo(f"{ped['pedimento_number']}: {sources}")
        for finding in ped["findings"]:
            click.echo(f"  {finding['code']}: {finding['message']}")
    counts = ", ".join(f"{n} {code}" for code, n in report["counts"].items()) or "no findings"
    click.echo(f"{len(report['pedimentos'])} pedimentos; {counts}")


commands = [datastage, reconcile_cmd]
