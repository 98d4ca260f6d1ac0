"""Errors with a stable code, a message a clerk can act on, and whether retrying may help.

One handler at each boundary turns them into something else: the worker retries or records them, the web app
turns them into an HTTP status and JSON, the CLI into an exit code.
"""

from __future__ import annotations


class ImmexError(Exception):
    """Base class: ``code`` is stable (tests, API clients and the portal read it), ``message`` is for people."""

    code = "error"
    retryable = False
    exit_code = 1
    http_status = 400

    def __init__(self, message: str, *, code: str | None = None, retryable: bool | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if retryable is not None:
            self.retryable = retryable

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class ConfigError(ImmexError):
    code = "config"
    exit_code = 78


class NotFound(ImmexError):
    code = "not_found"
    exit_code = 4
    http_status = 404


class Rejected(ImmexError):
    """Input we will not process (wrong type, too large, too many pages...). The bytes are still kept."""

    code = "rejected"
    http_status = 422


class TransientError(ImmexError):
    """A dependency (database, object store, queue) is briefly unavailable: try again later."""

    code = "unavailable"
    retryable = True
    exit_code = 75
    http_status = 503


class IntegrityError(ImmexError):
    """Stored evidence does not match its hash, or an append-only record was changed."""

    code = "integrity"
    exit_code = 3
    http_status = 500
