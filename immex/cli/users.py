"""People and API tokens: ``immex user create|reset-password|list`` and ``immex token create``."""

from __future__ import annotations

import click

from immex.cli import echo_json, services_from_context
from immex.cli.core import company_by_rfc


@click.group("user")
def user_group() -> None:
    """Portal users and their role in each company."""


@user_group.command("create")
@click.option("--email", required=True)
@click.option("--company", "rfc", required=True, help="RFC of the company the user works for.")
@click.option("--role", required=True, type=click.Choice(["admin", "clerk", "auditor"]))
@click.option("--password", default=None, help="Leave out to generate one (printed once).")
@click.option("--name", default="")
@click.option("--json", "as_json", is_flag=True)
def user_create(email: str, rfc: str, role: str, password: str | None, name: str, as_json: bool) -> None:
    """Create a user with a role in a company (or give an existing user that role there)."""
    from web.accounts.service import create_user

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    with services.db.session() as session:
        user, generated = create_user(
            session, email=email, company_id=company.id, role=role, password=password, name=name, actor="cli"
        )
        data = {"id": user.id, "email": user.email, "company": company.rfc, "role": role}
        data["password"] = generated
    if as_json:
        echo_json(data)
        return
    click.echo(f"{data['email']} is {role} of {company.rfc}")
    if generated:
        click.echo(f"password: {generated}")


@user_group.command("reset-password")
@click.option("--email", required=True)
@click.option("--password", default=None, help="Leave out to generate one (printed once).")
def user_reset_password(email: str, password: str | None) -> None:
    """Set a new password and clear the account's lockout."""
    from web.accounts.service import reset_password

    services = services_from_context()
    with services.db.session() as session:
        new = reset_password(session, email=email, password=password, actor="cli")
    if password is None:
        click.echo(f"password: {new}")
    else:
        click.echo(f"password of {email} changed")


@user_group.command("list")
@click.option("--company", "rfc", required=True)
@click.option("--json", "as_json", is_flag=True)
def user_list(rfc: str, as_json: bool) -> None:
    from web.accounts.service import users_of_company

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    with services.db.session() as session:
        rows = [
            {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
            for r in users_of_company(session, company.id)
        ]
    if as_json:
        echo_json(rows)
    else:
        for r in rows:
            click.echo(f"{r['email']:<40} {r['role']}")


@click.group("token")
def token_group() -> None:
    """API bearer tokens (one user, one company)."""


@token_group.command("create")
@click.option("--email", required=True)
@click.option("--company", "rfc", required=True)
@click.option("--label", default="")
def token_create(email: str, rfc: str, label: str) -> None:
    """Print a new token, alone on standard output (only its hash is kept)."""
    from web.accounts.service import create_token

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    with services.db.session() as session:
        token = create_token(session, email=email, company_id=company.id, label=label, actor="cli")
    click.echo(token)


commands = [user_group, token_group]
