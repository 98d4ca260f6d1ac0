"""A real IMAP server for tests: Debian's dovecot, started on a free loopback port with a config directory of
its
own, one user in a passwd-file and Maildirs in a temporary folder; stopped (and removed) after the test.

Dovecot refuses to give mail to uid 0, so when the tests run as root the mail folders belong to ``nobody``.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
instance_name = immex-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
mail_location = maildir:~/Maildir
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
shutdown_clients = yes
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%u
}}
"""


class Dovecot:
    user = "clerk"
    password = "correct horse battery"

    def __init__(self) -> None:
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="immex-dovecot-"))
        self.root.chmod(0o755)  # dovecot's auth process (its own user) reads the passwd-file here
        self.mail = Path(tempfile.mkdtemp(prefix="immex-dovecot-mail-"))
        if os.getuid() == 0:
            nobody = pwd.getpwnam("nobody")
            self.uid, self.gid = nobody.pw_uid, nobody.pw_gid
            os.chown(self.mail, self.uid, self.gid)
        else:
            self.uid, self.gid = os.getuid(), os.getgid()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self) -> None:
        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        if not Path(binary).exists():
            pytest.fail("dovecot is not installed (Debian package dovecot-imapd)")
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        conf = self.root / "dovecot.conf"
        conf.write_text(CONFIG.format(root=self.root, port=self.port, uid=self.uid, gid=self.gid, mail=self.mail))
        self.proc = subprocess.Popen([binary, "-F", "-c", str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for _ in range(200):
            if self.proc.poll() is not None:
                out = self.proc.stdout.read().decode(errors="replace") if self.proc.stdout else ""
                pytest.fail(f"dovecot exited: {out}\n{self.log}")
            try:
                probe = imaplib.IMAP4("127.0.0.1", self.port, timeout=5)
                probe.logout()
                return
            except OSError:
                time.sleep(0.05)
        pytest.fail(f"dovecot did not start listening on {self.port}\n{self.log}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.rmtree(self.mail, ignore_errors=True)

    def client(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        conn.login(self.user, self.password)
        return conn

    def append(self, raw: bytes, mailbox: str = "INBOX") -> None:
        conn = self.client()
        try:
            typ, data = conn.append(f'"{mailbox}"', None, None, raw)
            assert typ == "OK", data
        finally:
            conn.logout()

    def uids(self, mailbox: str = "INBOX", criteria: str = "ALL") -> list[int]:
        conn = self.client()
        try:
            typ, _ = conn.select(f'"{mailbox}"', readonly=True)
            assert typ == "OK"
            typ, data = conn.uid("SEARCH", criteria)
            return [int(x) for x in (data[0] or b"").split()]
        finally:
            conn.logout()


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        server.cleanup()
