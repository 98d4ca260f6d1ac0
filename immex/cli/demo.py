"""``immex demo``: the demo company, users and documents that `make run` serves."""

from __future__ import annotations

import click

from immex.cli import echo_json, services_from_context


@click.command("demo")
@click.option("--json", "as_json", is_flag=True)
def demo(as_json: bool) -> None:
    """Create (or find) the demo company, one user per role, sample documents, a BOM and a discharge run."""
    from immex.demo import run_demo

    services = services_from_context()
    click.echo("Preparing the demo (the first time this reads the sample documents, which takes a minute)...", err=True)
    report = run_demo(services)
    if as_json:
        echo_json(report.__dict__)
        return
    s = services.settings
    click.echo("")
    click.echo(f"Demo company {report.rfc} (id {report.company_id}), {len(report.documents)} documents:")
    for d in report.documents:
        click.echo(f"  {d['id']:>4}  {d['status']:<10} {(d['doc_type'] or '-'):<18} {d['filename']}")
    if report.users:
        click.echo(f"Portal: http://{s.web_host}:{s.web_port}/  — sign in as:")
        for u in report.users:
            click.echo(f"  {u.get('role', ''):<8} {u.get('email', '')}  password: {u.get('password', '')}")
    for note in report.notes:
        click.echo(f"note: {note}")


commands = [demo]
