"""People and API tokens: ``immex user create|reset-password|sign-out|list|invitations|answer`` and
``immex token create|list|revoke``. The command line is the operator's: it may attach an existing account to a
company directly (``user create``) and reset anyone's password, which the portal's company admins may not."""

from __future__ import annotations

from typing import Any

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
    """Set a new password and clear the account's lockout; all the user's sessions end and all their API
    tokens are revoked."""
    from web.accounts.service import reset_password

    services = services_from_context()
    with services.db.session() as session:
        new = reset_password(session, email=email, password=password, actor="cli")
    if password is None:
        click.echo(f"password: {new}")
    else:
        click.echo(f"password of {email} changed")


@user_group.command("sign-out")
@click.option("--email", required=True)
def user_sign_out(email: str) -> None:
    """End every portal session of the user (their password and API tokens stay)."""
    from evidence import audit
    from immex.errors import NotFound
    from web.accounts import sessions
    from web.accounts.service import normalise_email, user_by_email

    services = services_from_context()
    with services.db.session() as session:
        user = user_by_email(session, normalise_email(email))
        if user is None:
            raise NotFound(f"No user with e-mail {email}.")
        ended = sessions.end_all(session, user_id=user.id, reason="operator")
        audit.record(
            session,
            actor="cli",
            action="user.sessions_ended",
            object_type="user",
            object_id=user.id,
            details={"email": user.email, "sessions_ended": ended},
        )
    click.echo(f"{ended} sessions of {user.email} ended")


@user_group.command("invitations")
@click.option("--email", required=True)
@click.option("--json", "as_json", is_flag=True)
def user_invitations(email: str, as_json: bool) -> None:
    """The invitations from companies waiting for the user's answer."""
    from immex.errors import NotFound
    from web.accounts.company_admin import pending_for_user
    from web.accounts.service import normalise_email, user_by_email

    services = services_from_context()
    with services.db.session() as session:
        user = user_by_email(session, normalise_email(email))
        if user is None:
            raise NotFound(f"No user with e-mail {email}.")
        rows = [
            {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
            for r in pending_for_user(session, user.id)
        ]
    if as_json:
        echo_json(rows)
    else:
        for r in rows:
            click.echo(f"{r['id']:>6}  {r['rfc']:<14} {r['role']:<8} invited by {r['invited_by']}")


@user_group.command("answer")
@click.option("--email", required=True)
@click.option("--company", "rfc", required=True, help="RFC of the company that sent the invitation.")
@click.option("--accept/--decline", required=True)
def user_answer(email: str, rfc: str, accept: bool) -> None:
    """Accept or decline, for the user, the invitation a company sent them (recorded as the user's answer)."""
    from sqlalchemy import select

    from immex.errors import NotFound
    from web.accounts.company_admin import answer_invitation
    from web.accounts.models import Invitation
    from web.accounts.service import normalise_email, user_by_email

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    with services.db.session() as session:
        user = user_by_email(session, normalise_email(email))
        invitation = (
            session.scalar(
                select(Invitation).where(
                    Invitation.user_id == user.id,
                    Invitation.company_id == company.id,
                    Invitation.status == "pending",
                )
            )
            if user is not None
            else None
        )
        if user is None or invitation is None:
            raise NotFound(f"No invitation of {email} to {company.rfc} is waiting.")
        answer_invitation(session, user_id=user.id, invitation_id=invitation.id, accept=accept)
        role = invitation.role
    click.echo(f"{email} is {role} of {company.rfc}" if accept else f"{email} declined {company.rfc}")


def _plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with dates and times as ISO text, ready for JSON."""
    return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in rows]


@user_group.command("list")
@click.option("--company", "rfc", required=True)
@click.option("--json", "as_json", is_flag=True)
def user_list(rfc: str, as_json: bool) -> None:
    from web.accounts.service import users_of_company

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    with services.db.session() as session:
        rows = _plain(users_of_company(session, company.id))
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


@token_group.command("list")
@click.option("--company", "rfc", required=True)
@click.option("--json", "as_json", is_flag=True)
def token_list(rfc: str, as_json: bool) -> None:
    """Every API token made for the company (only prefixes: the tokens themselves are not kept)."""
    from web.accounts.company_admin import company_tokens

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    with services.db.session() as session:
        rows = _plain(company_tokens(session, company.id))
    if as_json:
        echo_json(rows)
    else:
        for r in rows:
            state = "revoked" if r["revoked_at"] else "active"
            click.echo(f"{r['id']:>6}  {r['prefix']}…  {state:<8} {r['email']:<40} {r['label']}")


@token_group.command("revoke")
@click.option("--id", "token_id", required=True, type=int)
@click.option("--company", "rfc", required=True)
def token_revoke(token_id: int, rfc: str) -> None:
    """Revoke one API token of the company; it stops working at once."""
    from web.accounts.company_admin import admin_revoke_token

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    with services.db.session() as session:
        admin_revoke_token(session, company_id=company.id, token_id=token_id, actor="cli")
    click.echo(f"token {token_id} revoked")


commands = [user_group, token_group]
