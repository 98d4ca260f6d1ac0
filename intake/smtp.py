"""The SMTP receiver of the email drop (aiosmtpd).

At RCPT an address that is not a company's drop address is refused (550). The size limit is announced in EHLO
(SIZE) and enforced on MAIL FROM ... SIZE= and on DATA (552). A message that arrives is kept whole and taken
in by ``intake.mailroute.receive_message`` for each company it was addressed to; only after that succeeds
does the sender get 250, so a failure here (database down) answers 451 and the sender's server tries again
later.

STARTTLS is offered when a certificate is configured; AUTH (for a relay) is offered over TLS when users are
configured, and an authenticated relay is trusted for the envelope sender (the From header is still checked).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import ssl
import threading
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from immex.errors import ConfigError
from immex.services import Services
from intake.mail import normalise_address
from intake.mailroute import Delivery, company_for_address, receive_message

log = logging.getLogger(__name__)


def parse_auth_users(value: str) -> dict[str, str]:
    """``"relay:secret,other:pw"`` → ``{"relay": "secret", "other": "pw"}``."""
    users: dict[str, str] = {}
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        user, sep, password = item.partition(":")
        if not sep or not user or not password:
            raise ConfigError("IMMEX_SMTP_AUTH_USERS must be user:password pairs separated by commas")
        users[user] = password
    return users


def tls_context(cert: str, key: str) -> ssl.SSLContext | None:
    if not cert and not key:
        return None
    if not (cert and key):
        raise ConfigError("STARTTLS needs both IMMEX_SMTP_TLS_CERT and IMMEX_SMTP_TLS_KEY")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"Cannot load the SMTP TLS certificate {cert} / key {key}: {exc}") from None
    return context


class Authenticator:
    """Checks AUTH PLAIN/LOGIN against the configured relay users (constant-time comparison)."""

    def __init__(self, users: dict[str, str]) -> None:
        self.users = users

    def __call__(self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = data.login.decode("utf-8", "replace")
        expected = self.users.get(login)
        ok = expected is not None and hmac.compare_digest(expected.encode(), data.password)
        if not ok:
            log.warning("SMTP AUTH failed for %r from %s", login, session.peer)
        return AuthResult(success=ok, handled=False, auth_data=login if ok else None)


class DropHandler:
    """aiosmtpd handler: routes recipients to companies and hands each message to ``receive_message``. The
    database work runs in a thread so that one slow message does not stall other sessions."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def _company_for(self, address: str) -> int | None:
        with self.services.db.session() as session:
            return company_for_address(session, address)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        loop = asyncio.get_running_loop()
        try:
            company = await loop.run_in_executor(None, self._company_for, address)
        except Exception:  # noqa: BLE001 - the database is down: the sender must retry, not give up
            log.exception("looking up drop address %s", address)
            return "451 4.3.0 Temporary failure, please try again later"
        if company is None:
            log.info("refused RCPT %s from %s (not a drop address)", address, session.peer)
            return f"550 5.1.1 <{address}>: no such drop address here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    def deliver(
        self, raw: bytes, mail_from: str | None, rcpt_tos: list[str], trusted: bool, trace: dict[str, Any]
    ) -> list[Delivery]:
        by_company: dict[int, list[str]] = {}
        for rcpt in rcpt_tos:
            company = self._company_for(rcpt)
            if company is not None:
                by_company.setdefault(company, []).append(normalise_address(rcpt) or rcpt)
        return [
            receive_message(
                self.services,
                raw,
                company_id=company,
                source="email",
                envelope_sender=mail_from or None,
                recipients=rcpts,
                trusted_relay=trusted,
                trace=trace,
            )
            for company, rcpts in by_company.items()
        ]

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or b""
        if isinstance(envelope.content, bytes) and not raw:
            raw = envelope.content
        trace = {
            "peer": str(session.peer[0]) if session.peer else None,
            "helo": session.host_name,
            "tls": session.ssl is not None,
            "auth": str(session.auth_data) if session.authenticated else None,
        }
        loop = asyncio.get_running_loop()
        try:
            deliveries = await loop.run_in_executor(
                None,
                self.deliver,
                raw,
                envelope.mail_from,
                list(envelope.rcpt_tos),
                bool(session.authenticated),
                trace,
            )
        except Exception:  # noqa: BLE001 - nothing is lost: the sender keeps the message and retries
            log.exception("could not take in a message from %s", session.peer)
            return "451 4.3.0 Temporary failure while storing the message, please try again later"
        ids = ", ".join(str(d.message_pk) for d in deliveries)
        return f"250 2.0.0 Message received ({ids})"


def smtp_parameters(services: Services) -> dict[str, Any]:
    """The SMTP session options from the settings: size limit, STARTTLS, AUTH."""
    s = services.settings
    params: dict[str, Any] = {
        "data_size_limit": s.max_message_mb * 1024 * 1024,
        "enable_SMTPUTF8": True,
        "decode_data": False,
        "ident": "immex-evidence drop",
    }
    context = tls_context(s.smtp_tls_cert, s.smtp_tls_key)
    if context is not None:
        params["tls_context"] = context
    users = parse_auth_users(s.smtp_auth_users)
    if users:
        params["authenticator"] = Authenticator(users)
        params["auth_require_tls"] = True
        if context is None:
            log.warning("SMTP AUTH users are set but no TLS certificate: AUTH is offered only after STARTTLS")
    return params


def make_controller(services: Services, host: str | None = None, port: int | None = None) -> Controller:
    """An aiosmtpd Controller (its own thread and event loop); ``start()`` it, ``stop()`` it."""
    s = services.settings
    return Controller(
        DropHandler(services),
        hostname=host or s.smtp_host,
        port=port or s.smtp_port,
        **smtp_parameters(services),
    )


def serve_smtp(
    services: Services, host: str | None = None, port: int | None = None, stop: threading.Event | None = None
) -> None:
    """Run the receiver until ``stop`` is set (or Ctrl-C)."""
    from intake.mailroute import resume_unfinished

    finished = resume_unfinished(services)
    if finished:
        log.info("finished %d messages left half-done by an earlier run", len(finished))
    controller = make_controller(services, host, port)
    controller.start()
    log.info("SMTP drop listening on %s:%s", controller.hostname, controller.port)
    stop = stop or threading.Event()
    try:
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
        log.info("SMTP drop stopped")
