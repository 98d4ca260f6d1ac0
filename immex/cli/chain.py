"""``immex bom import``, ``immex discharge run|diff``, ``immex lots``, ``immex chain``, ``immex findings``,
``immex link`` and ``immex unlink``: the evidence chain on the command line."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import Any

import click

from immex.cli import echo_json, services_from_context, settings_from_context


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "cli"


def _as_of(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (use YYYY-MM-DD)") from None


@click.group("bom")
def bom() -> None:
    """Bills of materials."""


@bom.command("import")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def bom_import(rfc: str, file: Path, as_json: bool) -> None:
    """Import a BOM file (CSV or XLSX); nothing is saved unless every row is valid."""
    from evidence.chain.bom import import_bom
    from evidence.chain.queries import company_by_rfc

    services = services_from_context()
    with services.db.session() as session:
        company = company_by_rfc(session, rfc)
        result = import_bom(session, company.id, file, actor=_actor(), today=date.today())
    if as_json:
        echo_json(result.to_dict())
        return
    click.echo(
        f"{result.rows} rows read; {len(result.versions_added)} BOM versions added, "
        f"{result.versions_unchanged} already present."
    )
    for v in result.versions_added:
        click.echo(
            f"  {v['product']}: {v['components']} components from {v['valid_from']}"
            + (f" to {v['valid_to']}" if v["valid_to"] else "")
        )


@click.group("discharge")
def discharge() -> None:
    """Discharge (descargo) runs."""


@discharge.command("run")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.option("--dry-run", is_flag=True, help="Compute and show, save nothing.")
@click.option("--as-of", "as_of", default=None, help="Discharge exports up to this date (default today).")
@click.option("--full", is_flag=True, help="Recompute from scratch instead of continuing the last run.")
@click.option("--json", "as_json", is_flag=True, help="Print the run as JSON.")
def discharge_run(rfc: str, dry_run: bool, as_of: str | None, full: bool, as_json: bool) -> None:
    """Discharge import lots by exports, first in first out."""
    from evidence.chain.queries import company_by_rfc
    from evidence.chain.runs import execute_run

    services = services_from_context()
    with services.db.session() as session:
        company = company_by_rfc(session, rfc)
        report = execute_run(
            session, company.id, actor=_actor(), as_of=_as_of(as_of), dry_run=dry_run, incremental=not full
        )
        if dry_run:
            session.rollback()
    if as_json:
        echo_json(report.to_dict())
        return
    label = "Dry run (not saved)" if dry_run else f"Run {report.id}"
    click.echo(
        f"{label}: {report.mode}, {report.lot_count} lots, {report.export_line_count} export lines, "
        f"{len(report.uncovered)} uncovered, input hash {report.input_hash[:16]}"
    )
    for u in report.uncovered:
        click.echo(
            f"  {u['export_pedimento']}/{u['export_sequence']} {u['part_number']}: "
            f"{u['uncovered_quantity']} {u['unit']} uncovered"
        )


@discharge.command("diff")
@click.argument("run_a", type=int)
@click.argument("run_b", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
def discharge_diff(run_a: int, run_b: int, as_json: bool) -> None:
    """Compare two discharge runs line by line."""
    from evidence.chain.runs import diff_runs

    services = services_from_context()
    with services.db.session() as session:
        diff = diff_runs(session, run_a, run_b)
    if as_json:
        echo_json(diff)
        return
    click.echo(
        f"Run {run_a} vs run {run_b}: "
        + (
            "identical"
            if diff["identical"]
            else f"{len(diff['only_in_a'])} lines only in {run_a}, {len(diff['only_in_b'])} only in {run_b}, "
            f"{len(diff['changed'])} changed"
        )
        + ("" if diff["same_inputs"] else " (inputs differ)")
    )
    for name in ("only_in_a", "only_in_b", "changed"):
        for d in diff[name]:
            click.echo(
                f"  {name}: export {d['export_pedimento']}/{d['export_sequence']} {d['component']} from "
                f"lot {d['lot_pedimento']}/{d['lot_sequence']}: {d['quantity_a']} -> {d['quantity_b']}"
            )


@click.command("lots")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.option("--as-of", "as_of", default=None, help="Status as of this date (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print the lots as JSON.")
def lots(rfc: str, as_of: str | None, as_json: bool) -> None:
    """Import lots with their balances, status and documents."""
    from evidence import plain_reads

    day = _as_of(as_of)
    url = settings_from_context().effective_database_url
    rows = plain_reads.served(url, plain_reads.lots, rfc, day)
    if rows is None:  # no saved run that says everything, or not the ordinary case: the ORM path and the engine
        rows = _lots_by_orm(rfc, day)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(
            f"{r['pedimento_number']}/{r['sequence']} {r['part_number'] or '?'} {r['clave']} "
            f"due {r['due_date'] or '-'}: {r['balance']} of {r['imported_quantity']} {r['unit']} "
            f"left ({r['status']}{', reading not confirmed' if r.get('awaiting_review') else ''})"
        )


def _lots_by_orm(rfc: str, day: date) -> list[dict[str, Any]]:
    from evidence.chain.queries import company_by_rfc, lots_report

    services = services_from_context()
    with services.db.session() as session:
        company = company_by_rfc(session, rfc)
        rows = lots_report(session, company.id, day)
        session.rollback()
    return rows


@click.command("chain")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.option("--pedimento", required=True, help="Import pedimento number.")
@click.option("--sequence", type=int, default=None, help="Partida (default: every partida).")
@click.option("--as-of", "as_of", default=None, help="As of this date (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print the chain as JSON.")
def chain(rfc: str, pedimento: str, sequence: int | None, as_of: str | None, as_json: bool) -> None:
    """One import lot's whole chain: documents, BOM versions used, exports that consumed it."""
    from evidence.chain.queries import chain_report, company_by_rfc

    services = services_from_context()
    with services.db.session() as session:
        company = company_by_rfc(session, rfc)
        report = chain_report(session, company.id, pedimento, sequence, _as_of(as_of))
        session.rollback()
    if as_json:
        echo_json(report)
        return
    click.echo(
        f"Pedimento {report['pedimento_number']}: "
        + ", ".join(f"{d['doc_type']} {d['filename']}" for d in report["import_documents"])
    )
    for lot in report["lots"]:
        click.echo(
            f"  partida {lot['sequence']} {lot['part_number']}: {lot['balance']} of "
            f"{lot['imported_quantity']} left ({lot['status']})"
        )
        for e in lot["exports"]:
            click.echo(
                f"    -> {e['export_date']} {e['export_pedimento']}/{e['export_sequence']} "
                f"{e['exported_part_number']}: {e['quantity']}"
            )


@click.command("findings")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.option("--as-of", "as_of", default=None, help="As of this date (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def findings(rfc: str, as_of: str | None, as_json: bool) -> None:
    """What an auditor would raise, each with the documents behind it."""
    from evidence.chain.findings import findings as compute
    from evidence.chain.queries import company_by_rfc

    services = services_from_context()
    with services.db.session() as session:
        company = company_by_rfc(session, rfc)
        rows = compute(session, company.id, _as_of(as_of))
        session.rollback()
    if as_json:
        echo_json(rows)
        return
    for f in rows:
        click.echo(f"[{f['severity']}] {f['code']}: {f['message']}")


@click.command("link")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.option("--document", "from_doc", type=int, default=None, help="Invoice, CFDI or B/L document id.")
@click.option("--to", "to_doc", type=int, default=None, help="Pedimento document id.")
@click.option("--pedimento", default=None, help="Pedimento number (to assign a partida's part number).")
@click.option("--sequence", type=int, default=None, help="Partida (with --pedimento).")
@click.option("--part-number", default=None, help="Part number of the partida (with --pedimento).")
@click.option("--reason", default=None, help="Why (kept in the audit log).")
@click.option("--json", "as_json", is_flag=True)
def link(
    rfc: str,
    from_doc: int | None,
    to_doc: int | None,
    pedimento: str | None,
    sequence: int | None,
    part_number: str | None,
    reason: str | None,
    as_json: bool,
) -> None:
    """Link a document to a pedimento (--document, --to) or give a partida its part number
    (--pedimento, --sequence, --part-number)."""
    from evidence.chain.linking import link_documents, link_part
    from evidence.chain.queries import company_by_rfc

    if from_doc is not None and to_doc is not None:
        mode = "documents"
    elif pedimento and sequence is not None and part_number:
        mode = "part"
    else:
        raise click.UsageError("Give --document and --to, or --pedimento, --sequence and --part-number.")
    services = services_from_context()
    with services.db.session() as session:
        company = company_by_rfc(session, rfc)
        if mode == "documents":
            assert from_doc is not None and to_doc is not None
            made = link_documents(session, company.id, from_doc, to_doc, actor=_actor(), reason=reason)
        else:
            assert pedimento is not None and sequence is not None and part_number is not None
            made = link_part(session, company.id, pedimento, sequence, part_number, actor=_actor(), reason=reason)
        link_id = made.id
    if as_json:
        echo_json({"link_id": link_id})
    else:
        click.echo(f"Link {link_id} made.")


@click.command("unlink")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.argument("link_id", type=int)
@click.option("--reason", required=True, help="Why the link is wrong (kept in the audit log).")
def unlink(rfc: str, link_id: int, reason: str) -> None:
    """Undo a link made by a rule or a person; rules will not make it again."""
    from evidence.chain.linking import unlink as undo
    from evidence.chain.queries import company_by_rfc

    services = services_from_context()
    with services.db.session() as session:
        company = company_by_rfc(session, rfc)
        undo(session, company.id, link_id, actor=_actor(), reason=reason)
    click.echo(f"Link {link_id} undone.")


commands: list[click.Command] = [bom, discharge, lots, chain, findings, link, unlink]
