"""CSRF protection for the portal: a random token kept in the session, sent back by every form (hidden
field ``csrf_token``) or XHR (header ``X-CSRF-Token``). The API is exempt: it takes no cookies, only bearer
tokens."""

from __future__ import annotations

import hmac
import secrets

from flask import request, session

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


def csrf_token() -> str:
    """The session's token (made on first use); templates call it as ``csrf_token()``."""
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return str(token)


def request_is_exempt() -> bool:
    return request.method in SAFE_METHODS or request.path.startswith("/api/")


def request_token_ok() -> bool:
    """Whether this unsafe request carries the session's token."""
    expected = session.get("csrf")
    if not expected:
        return False
    sent = request.headers.get(HEADER) or request.form.get(FIELD) or ""
    return hmac.compare_digest(str(expected), sent)
