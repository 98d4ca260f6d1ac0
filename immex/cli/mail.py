"""The email drop: ``immex smtp`` (the receiver), ``immex imap`` (the mailbox poller) and ``immex mail ...``
(what came in by mail, and what was held back, for a company's admin)."""

from __future__ import annotations

import signal
import threading
from typing import TYPE_CHECKING, Any

import click

from immex.cli import echo_json, services_from_context
from immex.cli.core import company_by_rfc
from immex.errors import TransientError

if TYPE_CHECKING:
    from intake.mail_models import MailMessage

# intake.mail_models.MailStatus, written out so that the command line starts without SQLAlchemy (a test compares)
MAIL_STATUSES = ("delivered", "no_attachments", "problems", "quarantined", "received")


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop


@click.command("smtp")
@click.option("--host", default=None, help="Address to listen on (default IMMEX_SMTP_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port to listen on (default IMMEX_SMTP_PORT, 2525).")
def smtp(host: str | None, port: int | None) -> None:
    """Receive mail for the companies' drop addresses (SMTP, with STARTTLS and AUTH when configured)."""
    from intake.smtp import serve_smtp

    services = services_from_context()
    s = services.settings
    click.echo(f"SMTP drop on {host or s.smtp_host}:{port or s.smtp_port} (Ctrl-C to stop)", err=True)
    serve_smtp(services, host, port, stop=_stop_on_signals())


@click.command("imap")
@click.option("--once", is_flag=True, help="Read what is new once and stop (for cron).")
@click.option("--json", "as_json", is_flag=True)
def imap(once: bool, as_json: bool) -> None:
    """Poll the mailbox set by IMMEX_IMAP_* for the company IMMEX_IMAP_COMPANY."""
    import imaplib

    from intake.imap import describe_error, make_poller
    from intake.mailroute import resume_unfinished

    services = services_from_context()
    poller = make_poller(services)
    resume_unfinished(services)  # messages a crash left half-done are finished first
    if not once:
        click.echo(f"polling {poller.config.key} every {poller.config.interval} s (Ctrl-C to stop)", err=True)
        poller.run(_stop_on_signals())
        return
    try:
        result = poller.poll_once()
    except (OSError, imaplib.IMAP4.error) as exc:  # a timeout is an OSError
        raise TransientError(f"IMAP {poller.config.key}: {describe_error(exc)}") from exc
    summary = {
        "mailbox": poller.config.key,
        "uidvalidity": result.uidvalidity,
        "last_uid": result.last_uid,
        "rescanned": result.rescanned,
        "messages": [d.to_dict() for d in result.deliveries],
        "left_too_large": result.skipped_too_large,
    }
    if as_json:
        echo_json(summary)
        return
    for d in result.deliveries:
        click.echo(f"message {d.message_pk}: {d.status} {len(d.documents)} documents  {d.reason or ''}")
    click.echo(f"{len(result.deliveries)} messages taken in; last UID {result.last_uid}")


@click.group("mail")
def mail_group() -> None:
    """What came in by mail, and what was held back."""


def _message_brief(m: MailMessage | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "id": m.id,
        "message_id": m.message_id,
        "subject": m.subject,
        "from": m.sender,
        "mail_date": m.mail_date,
        "status": m.status,
    }


@mail_group.command("quarantine")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.option("--json", "as_json", is_flag=True)
def mail_quarantine(rfc: str, as_json: bool) -> None:
    """Everything that came by mail and was held back, with the reason: messages from senders not on the list,
    attachments that could not be processed (wrong type, password-protected, damaged, ZIP bombs...)."""
    from sqlalchemy import select

    from evidence.models import QuarantineEntry
    from intake.mail_models import MailMessage

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    with services.db.session() as session:
        entries = session.scalars(
            select(QuarantineEntry)
            .where(QuarantineEntry.company_id == company.id, QuarantineEntry.source.in_(["email", "imap"]))
            .order_by(QuarantineEntry.id.desc())
        ).all()
        shas = {(e.provenance or {}).get("mail_sha256") for e in entries} - {None}
        messages = {
            m.sha256: m
            for m in session.scalars(
                select(MailMessage).where(MailMessage.company_id == company.id, MailMessage.sha256.in_(shas))
            )
        }
        rows = []
        for e in entries:
            d = e.to_dict()
            d["message"] = _message_brief(messages.get(str((e.provenance or {}).get("mail_sha256"))))
            rows.append(d)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo(f"nothing held back for {company.rfc}")
    for r in rows:
        where = (r["provenance"] or {}).get("attachment_path") or "(whole message)"
        click.echo(f"{r['id']:>6}  {r['code']:<20} {r['sender'] or '-':<30} {where}\n        {r['reason']}")


@mail_group.command("messages")
@click.option("--company", "rfc", required=True, help="RFC of the company.")
@click.option("--status", type=click.Choice(MAIL_STATUSES), default=None)
@click.option("--limit", default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def mail_messages(rfc: str, status: str | None, limit: int, as_json: bool) -> None:
    """Messages received for a company, newest first, with what became of each attachment."""
    from sqlalchemy import select

    from intake.mail_models import MailMessage

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    q = select(MailMessage).where(MailMessage.company_id == company.id)
    if status:
        q = q.where(MailMessage.status == status)
    with services.db.session() as session:
        rows = [m.to_dict() for m in session.scalars(q.order_by(MailMessage.id.desc()).limit(limit))]
    if as_json:
        echo_json(rows)
        return
    for m in rows:
        click.echo(f"{m['id']:>6}  {m['status']:<15} {m['sender'] or '-':<30} {m['subject'] or ''}")
        for o in m["outcomes"]:
            tail = f"  ({o['reason']})" if o.get("reason") and o["status"] != "accepted" else ""
            click.echo(f"          {o['status']:<11} {o['path']}{tail}")


@mail_group.command("release")
@click.argument("message_id", type=int)
@click.option("--company", "rfc", required=True, help="RFC of the company the message was held for.")
@click.option("--json", "as_json", is_flag=True)
def mail_release(message_id: int, rfc: str, as_json: bool) -> None:
    """Process a message that was held because of its sender (after checking it is genuine). To accept the
    sender's future mail too, add it with ``immex company create --allow-sender``."""
    from immex.errors import NotFound
    from intake.mail_models import MailMessage
    from intake.mailroute import release_message

    services = services_from_context()
    company = company_by_rfc(services, rfc)
    with services.db.session() as session:
        row = session.get(MailMessage, message_id)
        if row is None or row.company_id != company.id:
            raise NotFound(f"No message {message_id} for {company.rfc}")
    delivery = release_message(services, message_id, actor="cli")
    if as_json:
        echo_json(delivery.to_dict())
    else:
        click.echo(f"message {message_id}: {delivery.status}; {delivery.reason or ''}")


commands = [smtp, imap, mail_group]
