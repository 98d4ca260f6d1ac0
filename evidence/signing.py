"""The service's Ed25519 signing key: it signs every bundle manifest.

The private key is made at first start and kept in ``data_dir/keys/signing-ed25519.pem`` (folder 0700, file
0600), or read from ``IMMEX_SIGNING_KEY_FILE`` when one is configured (that file must exist: a configured key
that is missing is a mistake, not a reason to make a new identity). The public key is published as PEM
(``immex signing-key``, ``GET /api/v1/signing-key``) so an auditor can check a bundle came from this service.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from immex.errors import ConfigError
from immex.settings import Settings

log = logging.getLogger(__name__)

KEY_FILENAME = "signing-ed25519.pem"
ALGORITHM = "Ed25519"


@dataclass(frozen=True)
class SigningKey:
    """A loaded private key with its public half in the forms people and files need."""

    private: Ed25519PrivateKey
    path: Path

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def public_pem(self) -> bytes:
        return public_key_pem(self.public)

    @property
    def key_id(self) -> str:
        return key_id(self.public)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)

    def sign(self, data: bytes) -> bytes:
        """The raw 64-byte Ed25519 signature of ``data``."""
        return self.private.sign(data)


def public_key_pem(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_id(public: Ed25519PublicKey) -> str:
    """A short fingerprint people can compare by eye: SHA-256 of the raw public key, first 16 hex digits."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def fingerprint(public: Ed25519PublicKey) -> str:
    """The full SHA-256 of the raw public key (64 hex digits): what an auditor pins (``--fingerprint``). The key
    id is its first 16 digits."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    """Parse a PEM public key; a clear error when it is not an Ed25519 public key."""
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise ConfigError(f"This is not a PEM public key: {exc}", code="bad_public_key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ConfigError("This public key is not an Ed25519 key.", code="bad_public_key")
    return key


def verify_signature(public: Ed25519PublicKey, data: bytes, signature: bytes) -> bool:
    try:
        public.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def encode_signature(signature: bytes) -> bytes:
    """``manifest.sig`` holds the signature in base64 on one line, so it can be read and copied as text."""
    return base64.b64encode(signature) + b"\n"


def decode_signature(blob: bytes) -> bytes | None:
    """The raw signature from ``manifest.sig``; None when it is not one."""
    try:
        raw = base64.b64decode(blob.strip(), validate=True)
    except ValueError:
        return None
    return raw if len(raw) == 64 else None


def key_path(settings: Settings) -> Path:
    if settings.signing_key_file:
        return Path(settings.signing_key_file)
    return settings.data_dir / "keys" / KEY_FILENAME


def _read_private(path: Path) -> Ed25519PrivateKey:
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"Cannot read the signing key {path}: {exc.strerror}") from None
    try:
        key = serialization.load_pem_private_key(blob, password=None)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"The signing key {path} is not an unencrypted PEM private key: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(f"The signing key {path} is not an Ed25519 key.")
    if os.name == "posix" and path.stat().st_mode & 0o077:
        log.warning("signing key %s can be read by other users; chmod 600 it", path)
    return key


def _create_private(path: Path) -> Ed25519PrivateKey:
    """Write a new key with mode 0600 from the start (never a moment world-readable); O_EXCL so that two
    processes starting together cannot each write a different key."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    blob = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_private(path)  # another process made it first: use that one
    with os.fdopen(fd, "wb") as out:
        out.write(blob)
        out.flush()
        os.fsync(out.fileno())
    log.info("made a new bundle signing key %s (key id %s)", path, key_id(key.public_key()))
    return key


_cache: dict[Path, SigningKey] = {}
_cache_lock = threading.Lock()


def signing_key(settings: Settings) -> SigningKey:
    """The service's signing key: read once per process, made on first use when none is configured."""
    path = key_path(settings).resolve()
    with _cache_lock:
        cached = _cache.get(path)
        if cached is not None:
            return cached
        if path.exists():
            private = _read_private(path)
        elif settings.signing_key_file:
            raise ConfigError(
                f"IMMEX_SIGNING_KEY_FILE points to {path}, which does not exist. Restore the key, or unset "
                "the variable to let the service keep its own key in the data directory."
            )
        else:
            private = _create_private(path)
        key = SigningKey(private=private, path=path)
        _cache[path] = key
        return key
