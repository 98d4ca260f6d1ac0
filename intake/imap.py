"""The IMAP poller: reads an existing mailbox (IMAPS; plain IMAP only on loopback, for tests) and takes in
each
new message exactly like the SMTP drop does.

No message is processed twice or skipped: the last UID handled is saved (under the mailbox's UIDVALIDITY)
after each message, and a message is marked processed (moved to a folder, or flagged) only after it has been
taken in. When the server changes UIDVALIDITY the mailbox is read again from the start; messages already
received are recognised by Message-ID and hash and not processed again. An unreachable server is retried with
an exponential, capped back-off.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from evidence import audit
from evidence.models import Company
from immex.errors import ConfigError, TransientError
from immex.services import Services
from intake.mail_models import ImapState
from intake.mailroute import Delivery, receive_message

log = logging.getLogger(__name__)

PROCESSED_KEYWORD = "$ImmexProcessed"
TOO_LARGE_KEYWORD = "$ImmexTooLarge"
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
BACKOFF_BASE = 5.0
BACKOFF_CAP = 600.0


def backoff_delays(base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP) -> Iterator[float]:
    """5, 10, 20, 40 ... seconds, never more than ``cap``."""
    delay = base
    while True:
        yield min(delay, cap)
        delay = min(delay * 2, cap)


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    use_ssl: bool
    user: str
    password: str
    mailbox: str
    processed: str  # "folder:NAME" or "flag"
    interval: int

    @property
    def key(self) -> str:
        """Identifies the mailbox in the state table."""
        return f"{self.user}@{self.host}:{self.port}/{self.mailbox}"

    @property
    def processed_folder(self) -> str | None:
        return self.processed.split(":", 1)[1] if self.processed.startswith("folder:") else None

    @classmethod
    def from_settings(cls, services: Services) -> ImapConfig:
        s = services.settings
        if not s.imap_host or not s.imap_user:
            raise ConfigError("Set IMMEX_IMAP_HOST and IMMEX_IMAP_USER (and IMMEX_IMAP_PASSWORD) to poll a mailbox")
        if not s.imap_ssl and s.imap_host not in LOOPBACK:
            raise ConfigError(
                "Plain IMAP would send the mailbox password unencrypted: set IMMEX_IMAP_SSL=true (IMAPS). "
                "Plain IMAP is allowed only to a server on this machine (loopback)."
            )
        processed = s.imap_processed.strip()
        if processed != "flag" and not (processed.startswith("folder:") and len(processed) > len("folder:")):
            raise ConfigError(f"IMMEX_IMAP_PROCESSED must be folder:NAME or flag, not {processed!r}")
        return cls(
            host=s.imap_host,
            port=s.imap_port,
            use_ssl=s.imap_ssl,
            user=s.imap_user,
            password=s.imap_password,
            mailbox=s.imap_mailbox,
            processed=processed,
            interval=s.imap_interval,
        )


@dataclass
class PollResult:
    uidvalidity: int
    last_uid: int
    rescanned: bool = False
    deliveries: list[Delivery] = field(default_factory=list)
    skipped_too_large: list[int] = field(default_factory=list)


def _quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check(typ: str, data: Any, what: str) -> Any:
    if typ != "OK":
        raise imaplib.IMAP4.error(f"{what} failed: {data!r}")
    return data


def _delimiter(conn: imaplib.IMAP4) -> str | None:
    """The server's hierarchy delimiter, from ``LIST "" ""`` (e.g. ``(\\Noselect) "." ""``)."""
    typ, data = conn.list('""', '""')
    if typ != "OK" or not data or not isinstance(data[0], bytes):
        return None
    m = re.match(rb'\([^)]*\) "(.)"', data[0])
    return m.group(1).decode() if m else None


def _uidvalidity(conn: imaplib.IMAP4) -> int:
    _name, data = conn.response("UIDVALIDITY")  # from the untagged OK [UIDVALIDITY n] of SELECT
    try:
        return int(data[0])
    except (TypeError, ValueError, IndexError):
        raise imaplib.IMAP4.error(f"The server did not give the mailbox's UIDVALIDITY ({data!r})") from None


def company_id_for_rfc(services: Services, rfc: str) -> int:
    if not rfc:
        raise ConfigError("Set IMMEX_IMAP_COMPANY to the RFC of the company the mailbox belongs to")
    with services.db.session() as session:
        cid = session.scalar(select(Company.id).where(Company.rfc == rfc.strip().upper()))
    if cid is None:
        raise ConfigError(f"IMMEX_IMAP_COMPANY is {rfc}, but no company has that RFC")
    return cid


class ImapPoller:
    """Polls one mailbox for one company. ``poll_once`` reads what is new; ``run`` polls until stopped."""

    def __init__(
        self,
        services: Services,
        config: ImapConfig,
        company_id: int,
        *,
        timeout: float = 60,
        backoff_base: float = BACKOFF_BASE,
        backoff_cap: float = BACKOFF_CAP,
    ) -> None:
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.services = services
        self.config = config
        self.company_id = company_id
        self.timeout = timeout

    # -- connection ------------------------------------------------------------------------------------------

    def _connect(self) -> imaplib.IMAP4:
        c = self.config
        conn: imaplib.IMAP4
        if c.use_ssl:
            conn = imaplib.IMAP4_SSL(c.host, c.port, ssl_context=ssl.create_default_context(), timeout=self.timeout)
        else:
            conn = imaplib.IMAP4(c.host, c.port, timeout=self.timeout)
        try:
            conn.login(c.user, c.password)
            # servers announce more (MOVE, UIDPLUS) once logged in; imaplib keeps only the greeting's list
            typ, data = conn.capability()
            if typ == "OK" and data and isinstance(data[0], bytes):
                conn.capabilities = tuple(data[0].decode("ascii", "replace").upper().split())
        except BaseException:
            _logout(conn)
            raise
        return conn

    # -- state -----------------------------------------------------------------------------------------------

    def _load_state(self) -> tuple[int, int] | None:
        with self.services.db.session() as session:
            row = session.scalar(select(ImapState).where(ImapState.mailbox == self.config.key))
            return (row.uidvalidity, row.last_uid) if row else None

    def _save_state(self, uidvalidity: int, last_uid: int) -> None:
        with self.services.db.session() as session:
            row = session.scalar(select(ImapState).where(ImapState.mailbox == self.config.key))
            if row is None:
                session.add(ImapState(mailbox=self.config.key, uidvalidity=uidvalidity, last_uid=last_uid))
            else:
                row.uidvalidity, row.last_uid = uidvalidity, last_uid

    # -- one poll --------------------------------------------------------------------------------------------

    def poll_once(self) -> PollResult:
        """Take in every message that arrived since the last poll. Connection problems raise (``OSError`` or
        ``imaplib.IMAP4.error``); a message that fails to be taken in stops the poll before its UID is saved,
        so the next poll tries it again."""
        conn = self._connect()
        try:
            typ, data = conn.select(_quote(self.config.mailbox))
            _check(typ, data, f"Opening mailbox {self.config.mailbox}")
            uidvalidity = _uidvalidity(conn)
            state = self._load_state()
            last_uid = 0
            rescanned = False
            if state is not None and state[0] == uidvalidity:
                last_uid = state[1]
            elif state is not None:
                rescanned = True
                log.warning(
                    "mailbox %s: UIDVALIDITY changed from %s to %s; reading the whole mailbox again "
                    "(messages already received are recognised and not processed twice)",
                    self.config.key,
                    state[0],
                    uidvalidity,
                )
                self._audit("mail.imap_rescan", {"old_uidvalidity": state[0], "uidvalidity": uidvalidity})
            result = PollResult(uidvalidity=uidvalidity, last_uid=last_uid, rescanned=rescanned)
            if state is None or rescanned:
                self._save_state(uidvalidity, last_uid)
            folder = self.config.processed_folder
            if folder:
                folder = self._ensure_folder(conn, folder)
            for uid in self._new_uids(conn, last_uid):
                self._take(conn, uid, result, folder)
                self._save_state(uidvalidity, uid)
                result.last_uid = uid
            return result
        finally:
            _logout(conn)

    def _new_uids(self, conn: imaplib.IMAP4, last_uid: int) -> list[int]:
        typ, data = conn.uid("SEARCH", f"UID {last_uid + 1}:*")
        _check(typ, data, "Searching for new messages")
        # "n:*" always matches the newest message, even when its UID is below n: filter.
        return sorted(u for u in (int(x) for x in (data[0] or b"").split()) if u > last_uid)

    def _take(self, conn: imaplib.IMAP4, uid: int, result: PollResult, folder: str | None) -> None:
        size = self._size(conn, uid)
        limit = self.services.settings.max_message_mb * 1024 * 1024
        if size is not None and size > limit:
            # Not fetched (it would not be processed anyway): it stays in the mailbox, flagged, the admin sees
            # an audit event, and the poller moves on.
            log.error(
                "mailbox %s: message UID %s is %d bytes, over the limit; left in the mailbox",
                self.config.key,
                uid,
                size,
            )
            self._audit("mail.too_large", {"uid": uid, "size": size, "limit": limit})
            self._flag(conn, uid, TOO_LARGE_KEYWORD)
            result.skipped_too_large.append(uid)
            return
        raw = self._fetch(conn, uid)
        delivery = receive_message(
            self.services,
            raw,
            company_id=self.company_id,
            source="imap",
            recipients=[self.config.key],
            trace={"mailbox": self.config.key, "uid": uid},
            actor="imap",
        )
        result.deliveries.append(delivery)
        self._mark_processed(conn, uid, folder)

    def _size(self, conn: imaplib.IMAP4, uid: int) -> int | None:
        typ, data = conn.uid("FETCH", str(uid), "(RFC822.SIZE)")
        _check(typ, data, f"Reading the size of message {uid}")
        for item in data:
            text = item[0] if isinstance(item, tuple) else item
            if isinstance(text, bytes) and (m := re.search(rb"RFC822\.SIZE (\d+)", text)):
                return int(m.group(1))
        return None

    def _fetch(self, conn: imaplib.IMAP4, uid: int) -> bytes:
        typ, data = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
        _check(typ, data, f"Fetching message {uid}")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
                return item[1]
        raise imaplib.IMAP4.error(f"Message {uid} came back without its content: {data!r}")

    def _ensure_folder(self, conn: imaplib.IMAP4, folder: str) -> str:
        """The folder's name on this server ("/" in the setting becomes the server's hierarchy delimiter),
        created if missing."""
        delimiter = _delimiter(conn)
        if delimiter and delimiter != "/":
            folder = folder.replace("/", delimiter)
        typ, data = conn.list('""', _quote(folder))
        if typ == "OK" and any(d for d in data if d):
            return folder
        typ, data = conn.create(_quote(folder))
        if typ != "OK" and b"exists" not in b" ".join(d for d in data if isinstance(d, bytes)).lower():
            raise imaplib.IMAP4.error(f"Could not create the folder {folder}: {data!r}")
        return folder

    def _mark_processed(self, conn: imaplib.IMAP4, uid: int, folder: str | None) -> None:
        if folder is None:
            self._flag(conn, uid, PROCESSED_KEYWORD, seen=True)
            return
        caps = {c.upper() for c in conn.capabilities}
        if "MOVE" in caps:
            _check(*conn.uid("MOVE", str(uid), _quote(folder)), f"Moving message {uid} to {folder}")
            return
        _check(*conn.uid("COPY", str(uid), _quote(folder)), f"Copying message {uid} to {folder}")
        _check(*conn.uid("STORE", str(uid), "+FLAGS", "(\\Deleted)"), f"Marking message {uid} deleted")
        if "UIDPLUS" in caps:  # without it, EXPUNGE would also remove other messages someone deleted
            _check(*conn.uid("EXPUNGE", str(uid)), f"Expunging message {uid}")

    def _flag(self, conn: imaplib.IMAP4, uid: int, keyword: str, *, seen: bool = False) -> None:
        flags = f"(\\Seen {keyword})" if seen else f"({keyword})"
        typ, data = conn.uid("STORE", str(uid), "+FLAGS", flags)
        if typ != "OK" and seen:  # a server that refuses keywords: \Seen at least
            typ, data = conn.uid("STORE", str(uid), "+FLAGS", "(\\Seen)")
        if typ != "OK":
            log.warning("mailbox %s: could not flag message %s: %r", self.config.key, uid, data)

    def _audit(self, action: str, details: dict[str, Any]) -> None:
        with self.services.db.session() as session:
            audit.record(
                session,
                actor="imap",
                action=action,
                object_type="mailbox",
                object_id=self.config.key,
                company_id=self.company_id,
                details=details,
            )

    # -- the loop --------------------------------------------------------------------------------------------

    def run(self, stop: threading.Event | None = None) -> None:
        """Poll every ``interval`` seconds until ``stop`` is set; while the server cannot be reached, wait
        longer and longer (5 s doubling, at most 10 minutes) and say so in the log."""
        stop = stop or threading.Event()
        delays: Iterator[float] | None = None
        while not stop.is_set():
            try:
                result = self.poll_once()
            except (TimeoutError, OSError, imaplib.IMAP4.error, TransientError) as exc:
                delays = delays or backoff_delays(self.backoff_base, self.backoff_cap)
                wait = next(delays)
                log.warning("IMAP %s: %s; trying again in %g s", self.config.key, describe_error(exc), wait)
                stop.wait(wait)
                continue
            except Exception:  # noqa: BLE001 - a poller that dies silently loses mail; log it and go on
                delays = delays or backoff_delays(self.backoff_base, self.backoff_cap)
                wait = next(delays)
                log.exception("IMAP %s: unexpected error; trying again in %g s", self.config.key, wait)
                stop.wait(wait)
                continue
            if delays is not None:
                log.info("IMAP %s: reachable again", self.config.key)
                delays = None
            if result.deliveries:
                log.info("IMAP %s: %d messages taken in", self.config.key, len(result.deliveries))
            stop.wait(self.config.interval)


def describe_error(exc: BaseException) -> str:
    """A line for the log that says what went wrong with the server."""
    if isinstance(exc, ConnectionRefusedError):
        return "the server refused the connection (is it running, is the port right?)"
    if isinstance(exc, socket.gaierror):
        return f"the server name cannot be resolved ({exc})"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "the server did not answer in time"
    if isinstance(exc, ssl.SSLError):
        return f"the TLS connection failed ({exc})"
    if isinstance(exc, imaplib.IMAP4.error):
        text = str(exc)
        if "AUTHENTICATIONFAILED" in text.upper() or "LOGIN" in text.upper():
            return f"the server refused the login ({text})"
        return f"the server answered with an error ({text})"
    return f"{type(exc).__name__}: {exc}"


def _logout(conn: imaplib.IMAP4) -> None:
    with contextlib.suppress(OSError, imaplib.IMAP4.error):
        conn.logout()


def make_poller(services: Services) -> ImapPoller:
    """A poller from the settings (``IMMEX_IMAP_*``)."""
    config = ImapConfig.from_settings(services)
    return ImapPoller(services, config, company_id_for_rfc(services, services.settings.imap_company))
