import hashlib
from pathlib import Path

import pytest

from evidence.objectstore import FolderStore, original_key, sha256_of_stream
from immex.errors import ImmexError


def test_keys_fan_out_by_hash() -> None:
    sha = hashlib.sha256(b"x").hexdigest()
    assert original_key(sha) == f"originals/{sha[:2]}/{sha[2:4]}/{sha}"


def test_folder_store_writes_once_and_streams(tmp_path: Path) -> None:
    store = FolderStore(tmp_path / "objects")
    src = tmp_path / "a.bin"
    src.write_bytes(b"first")
    assert store.put_file("originals/aa/bb/k", src) is True
    src.write_bytes(b"second")
    assert store.put_file("originals/aa/bb/k", src) is False  # never overwritten
    with store.open("originals/aa/bb/k") as fh:
        assert fh.read() == b"first"
    assert store.size("originals/aa/bb/k") == 5
    assert list(store.keys("originals")) == ["originals/aa/bb/k"]


def test_folder_store_refuses_keys_outside_its_root(tmp_path: Path) -> None:
    store = FolderStore(tmp_path / "objects")
    with pytest.raises(ImmexError):
        store.exists("../../etc/passwd")


def test_missing_object_has_a_clear_error(tmp_path: Path) -> None:
    store = FolderStore(tmp_path / "objects")
    with pytest.raises(ImmexError) as exc:
        store.open("originals/00/00/nothing")
    assert exc.value.code == "object_missing"


def test_sha256_of_stream(tmp_path: Path) -> None:
    p = tmp_path / "f"
    p.write_bytes(b"abc" * 1000)
    with open(p, "rb") as fh:
        assert sha256_of_stream(fh) == (hashlib.sha256(b"abc" * 1000).hexdigest(), 3000)
