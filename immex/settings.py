"""One typed settings object, read from ``IMMEX_*`` environment variables once at start and passed down.

Nothing here connects to anything. With no variables set the service runs on the embedded default: SQLite and a
folder object store under ``IMMEX_DATA_DIR``, jobs in-process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from immex.errors import ConfigError


def _env_field(env: str, default: Any, doc: str) -> Any:
    return field(default=default, metadata={"env": env, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """Every setting of the service. The ``env`` metadata names its variable; README's table is made from this."""

    data_dir: Path = _env_field("IMMEX_DATA_DIR", Path("var"), "Folder for the embedded database, object store, keys")
    database_url: str = _env_field("IMMEX_DATABASE_URL", "", "SQLAlchemy URL; empty means SQLite in the data directory")
    redis_url: str = _env_field("IMMEX_REDIS_URL", "", "Redis URL for the RQ queue; empty means in-process jobs")
    queue_name: str = _env_field("IMMEX_QUEUE", "immex", "RQ queue name")
    s3_endpoint: str = _env_field("IMMEX_S3_ENDPOINT", "", "host:port of MinIO/S3; empty means the folder store")
    s3_access_key: str = _env_field("IMMEX_S3_ACCESS_KEY", "", "S3 access key")
    s3_secret_key: str = _env_field("IMMEX_S3_SECRET_KEY", "", "S3 secret key")
    s3_bucket: str = _env_field("IMMEX_S3_BUCKET", "immex-evidence", "S3 bucket for originals")
    s3_secure: bool = _env_field("IMMEX_S3_SECURE", False, "Use HTTPS to reach S3")
    s3_region: str = _env_field("IMMEX_S3_REGION", "us-east-1", "S3 region")
    max_upload_mb: int = _env_field("IMMEX_MAX_UPLOAD_MB", 50, "Largest document accepted, in MiB")
    max_pages: int = _env_field("IMMEX_MAX_PAGES", 200, "Most pages a document may have")
    ocr_workers: int = _env_field("IMMEX_OCR_WORKERS", 0, "Pages OCR'd in parallel; 0 means the CPU count")
    ocr_dpi: int = _env_field("IMMEX_OCR_DPI", 300, "Resolution pages are rendered at for OCR")
    ocr_languages: str = _env_field("IMMEX_OCR_LANGUAGES", "spa+eng", "tesseract languages")
    review_threshold: float = _env_field(
        "IMMEX_REVIEW_THRESHOLD", 0.80, "Documents whose lowest field confidence is below this need review"
    )
    job_retries: int = _env_field("IMMEX_JOB_RETRIES", 5, "Retries of a job after a retryable failure")
    job_timeout: int = _env_field("IMMEX_JOB_TIMEOUT", 1800, "Seconds a processing job may run")
    job_lease: int = _env_field(
        "IMMEX_JOB_LEASE", 120, "Seconds without a heartbeat after which a job's document is taken up again"
    )
    job_memory_mb: int = _env_field(
        "IMMEX_JOB_MEMORY_MB", 2048, "Address space a document's reading process (render, OCR) may use, in MiB"
    )
    job_failure_limit: int = _env_field(
        "IMMEX_JOB_FAILURE_LIMIT",
        2,
        "Times a document may exhaust its reading process (memory, crash, time) before it fails for good",
    )
    max_expanded_mb: int = _env_field(
        "IMMEX_MAX_EXPANDED_MB", 256, "Largest a PDF's compressed stream may inflate to, in MiB (else refused)"
    )
    max_megapixels: int = _env_field(
        "IMMEX_MAX_MEGAPIXELS", 60, "Most pixels (millions) an image or a picture in a PDF may have (else refused)"
    )
    render_workers: int = _env_field(
        "IMMEX_RENDER_WORKERS", 2, "Page images the portal renders at once (each in a memory-limited process)"
    )
    secret_key: str = _env_field("IMMEX_SECRET_KEY", "", "Web session key; empty means one kept in the data dir")
    signing_key_file: str = _env_field(
        "IMMEX_SIGNING_KEY_FILE", "", "Ed25519 private key for bundle manifests; empty means data_dir/keys"
    )
    web_host: str = _env_field("IMMEX_WEB_HOST", "127.0.0.1", "Address the portal listens on")
    web_port: int = _env_field("IMMEX_WEB_PORT", 8000, "Port the portal listens on")
    secure_cookies: bool = _env_field("IMMEX_SECURE_COOKIES", True, "Mark session cookies Secure")
    proxy_hops: int = _env_field(
        "IMMEX_PROXY_HOPS", 0, "Reverse proxies in front of the portal whose X-Forwarded-* headers are trusted"
    )
    smtp_host: str = _env_field("IMMEX_SMTP_HOST", "127.0.0.1", "Address the SMTP drop listens on")
    smtp_port: int = _env_field("IMMEX_SMTP_PORT", 2525, "Port the SMTP drop listens on")
    smtp_tls_cert: str = _env_field("IMMEX_SMTP_TLS_CERT", "", "PEM certificate for STARTTLS")
    smtp_tls_key: str = _env_field("IMMEX_SMTP_TLS_KEY", "", "PEM key for STARTTLS")
    smtp_auth_users: str = _env_field("IMMEX_SMTP_AUTH_USERS", "", "user:password,... allowed to relay (optional)")
    max_message_mb: int = _env_field("IMMEX_MAX_MESSAGE_MB", 60, "Largest mail message accepted, in MiB")
    imap_host: str = _env_field("IMMEX_IMAP_HOST", "", "IMAP server of a mailbox to poll")
    imap_port: int = _env_field("IMMEX_IMAP_PORT", 993, "IMAP port")
    imap_ssl: bool = _env_field("IMMEX_IMAP_SSL", True, "IMAPS (true) or plain IMAP (loopback tests only)")
    imap_user: str = _env_field("IMMEX_IMAP_USER", "", "IMAP user")
    imap_password: str = _env_field("IMMEX_IMAP_PASSWORD", "", "IMAP password")
    imap_mailbox: str = _env_field("IMMEX_IMAP_MAILBOX", "INBOX", "Mailbox to poll")
    imap_company: str = _env_field("IMMEX_IMAP_COMPANY", "", "RFC of the company the mailbox belongs to")
    imap_processed: str = _env_field(
        "IMMEX_IMAP_PROCESSED", "folder:Processed", "What to do with a processed message: folder:NAME or flag"
    )
    imap_interval: int = _env_field("IMMEX_IMAP_INTERVAL", 60, "Seconds between polls")

    # -- derived -------------------------------------------------------------------------------------------------
    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'immex.db').resolve()}"

    @property
    def uses_redis(self) -> bool:
        return bool(self.redis_url)

    @property
    def uses_s3(self) -> bool:
        return bool(self.s3_endpoint)

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def effective_ocr_workers(self) -> int:
        return self.ocr_workers or (os.cpu_count() or 1)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read every setting from ``environ`` (default ``os.environ``); ``overrides`` win (tests use them)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            name = f.metadata["env"]
            if name not in env or f.name in overrides:
                continue
            values[f.name] = _parse(name, env[name], f.default)
        values.update(overrides)
        if "data_dir" in values:
            values["data_dir"] = Path(values["data_dir"])
        return cls(**values)

    @classmethod
    def variables(cls) -> list[tuple[str, Any, str]]:
        """(variable, default, description) for every setting: README's table and the compose check use it."""
        return [(f.metadata["env"], f.default, f.metadata["doc"]) for f in fields(cls)]


def _parse(name: str, raw: str, default: Any) -> Any:
    raw = raw.strip()
    if isinstance(default, bool):
        if raw.lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.lower() in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"{name} must be true or false, not {raw!r}")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a number, not {raw!r}") from None
    if isinstance(default, Path):
        return Path(raw)
    return raw
