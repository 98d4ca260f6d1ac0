"""Production serving: ``gunicorn 'web.wsgi:make_app()'`` with several worker processes, settings from the
environment. A session made by one process is honoured by the others (one key kept in the data directory), and
failed sign-ins are counted in the database, so the lockout holds whichever process answers."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from immex.services import build_services
from tests.conftest import REPO_ROOT, embedded_settings, free_port
from tests.e2e.portal_support import PASSWORD, seed_companies

pytestmark = pytest.mark.integration


@pytest.fixture
def gunicorn(tmp_path: Path) -> Iterator[str]:
    services = build_services(embedded_settings(tmp_path))
    seed_companies(services)
    services.close()
    port = free_port()
    env = {**os.environ, "IMMEX_DATA_DIR": str(tmp_path / "data"), "IMMEX_SECURE_COOKIES": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "3", "--bind", f"127.0.0.1:{port}", "web.wsgi:make_app()"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - loopback
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read().decode() if proc.stdout else "gunicorn exited")
            time.sleep(0.3)
    yield base
    proc.terminate()
    proc.wait(20)


class Browser:
    """A cookie-keeping client that does not follow redirects (so that each answer can be looked at)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def open(self, url: str, data: dict[str, str] | None = None) -> tuple[int, str, Any]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, body, timeout=30) as r:
                return r.status, r.read().decode(), r.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), e.headers

    def login(self, base: str, email: str, password: str) -> int:
        _status, html, _h = self.open(f"{base}/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        return self.open(f"{base}/login", {"email": email, "password": password, "csrf_token": token})[0]


def test_sessions_and_lockout_hold_across_worker_processes(gunicorn: str) -> None:
    clerk = Browser()
    assert clerk.login(gunicorn, "clerk@a.mx", PASSWORD) == 302
    # many requests: the three workers take turns, and every one knows the session
    statuses = {clerk.open(f"{gunicorn}/documents")[0] for _ in range(12)}
    assert statuses == {200}
    status, _body, headers = clerk.open(f"{gunicorn}/documents")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]

    attacker = Browser()
    codes = [attacker.login(gunicorn, "admin@a.mx", "not-the-password") for _ in range(5)]
    assert codes == [401] * 5
    assert attacker.login(gunicorn, "admin@a.mx", PASSWORD) == 429
    assert Browser().login(gunicorn, "admin@a.mx", PASSWORD) == 429  # a fresh client, any worker
