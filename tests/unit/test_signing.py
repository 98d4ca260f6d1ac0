"""The service's signing key: made once with mode 0600, reused, never silently replaced; signatures check."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from evidence import signing
from evidence.signing import (
    decode_signature,
    encode_signature,
    key_id,
    load_public_key,
    signing_key,
    verify_signature,
)
from immex.errors import ConfigError
from immex.settings import Settings


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    signing._cache.clear()


def test_key_is_made_at_first_use_private_and_reused(tmp_path: Path) -> None:
    settings = Settings.from_env({}, data_dir=tmp_path / "data")
    key = signing_key(settings)
    path = tmp_path / "data" / "keys" / "signing-ed25519.pem"
    assert key.path == path.resolve()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    signing._cache.clear()  # another process reads the same file
    again = signing_key(settings)
    assert again.key_id == key.key_id and again.public_pem == key.public_pem


def test_configured_key_file_is_used(tmp_path: Path) -> None:
    first = signing_key(Settings.from_env({}, data_dir=tmp_path / "a"))
    settings = Settings.from_env({}, data_dir=tmp_path / "b", signing_key_file=str(first.path))
    assert signing_key(settings).key_id == first.key_id
    assert not (tmp_path / "b" / "keys").exists()


def test_a_configured_key_that_is_missing_is_an_error_not_a_new_identity(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pem"
    settings = Settings.from_env({}, data_dir=tmp_path / "d", signing_key_file=str(missing))
    with pytest.raises(ConfigError, match="does not exist"):
        signing_key(settings)
    assert not missing.exists()


def test_a_key_file_that_is_not_an_ed25519_key_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    with pytest.raises(ConfigError, match="not an unencrypted PEM private key"):
        signing_key(Settings.from_env({}, data_dir=tmp_path / "d", signing_key_file=str(bad)))


def test_signature_round_trip_and_tampering(tmp_path: Path) -> None:
    key = signing_key(Settings.from_env({}, data_dir=tmp_path / "d"))
    data = b'{"files": []}\n'
    blob = encode_signature(key.sign(data))
    assert blob.endswith(b"\n") and len(blob.strip()) == 88
    signature = decode_signature(blob)
    assert signature is not None
    public = load_public_key(key.public_pem)
    assert key_id(public) == key.key_id
    assert verify_signature(public, data, signature)
    assert not verify_signature(public, data + b" ", signature)
    assert decode_signature(b"not base64!") is None
    assert decode_signature(encode_signature(b"short")) is None


def test_a_public_key_that_is_not_one_gets_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="not a PEM public key"):
        load_public_key(b"hello")
