"""Where originals live: content-addressed, written once, never overwritten, read as streams.

Two backends behind one interface: a folder (the embedded default) and S3/MinIO through the ``minio`` client. Keys
are ``originals/<aa>/<bb>/<sha256>`` (a two-level fan-out so no folder or prefix grows huge).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from immex.errors import ImmexError, TransientError
from immex.settings import Settings

if TYPE_CHECKING:
    from minio import Minio

CHUNK = 1024 * 1024
log = logging.getLogger(__name__)


def original_key(sha256: str, prefix: str = "originals") -> str:
    return f"{prefix}/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class ObjectStore(Protocol):
    """Write-once storage of blobs."""

    def put_file(self, key: str, path: Path, *, content_type: str = "application/octet-stream") -> bool:
        """Store the file under ``key`` unless the key exists; True when it was written now."""
        ...

    def exists(self, key: str) -> bool: ...

    def size(self, key: str) -> int: ...

    def open(self, key: str) -> BinaryIO:
        """A stream of the object; the caller closes it."""
        ...

    def keys(self, prefix: str = "") -> Iterator[str]: ...

    def describe(self) -> str: ...


def sha256_of_stream(stream: BinaryIO) -> tuple[str, int]:
    h = hashlib.sha256()
    n = 0
    while chunk := stream.read(CHUNK):
        h.update(chunk)
        n += len(chunk)
    return h.hexdigest(), n


def download_to(store: ObjectStore, key: str, dest: Path) -> Path:
    with store.open(key) as src, open(dest, "wb") as out:
        shutil.copyfileobj(src, out, CHUNK)
    return dest


class FolderStore:
    """Objects as files under a root folder; written via a temporary file and an atomic rename, then read-only."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        p = (self.root / key).resolve()
        if self.root.resolve() not in p.parents:
            raise ImmexError(f"Invalid object key {key!r}", code="bad_key")
        return p

    def put_file(self, key: str, path: Path, *, content_type: str = "application/octet-stream") -> bool:
        dest = self._path(key)
        if dest.exists():
            return False
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
                shutil.copyfileobj(src, out, CHUNK)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o444)
            if dest.exists():  # another writer stored the same content meanwhile
                os.unlink(tmp)
                return False
            os.replace(tmp, dest)
        except OSError as exc:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise TransientError(f"Could not write to the object store: {exc}") from exc
        return True

    def exists(self, key: str) -> bool:
        return self._path(key).exists()

    def size(self, key: str) -> int:
        return self._path(key).stat().st_size

    def open(self, key: str) -> BinaryIO:
        try:
            return open(self._path(key), "rb")
        except FileNotFoundError:
            raise ImmexError(f"Object {key} is missing from the store", code="object_missing") from None

    def keys(self, prefix: str = "") -> Iterator[str]:
        base = self.root / prefix if prefix else self.root
        if not base.exists():
            return
        for dirpath, _dirs, files in os.walk(base):
            for name in sorted(files):
                if name.startswith(".incoming-"):
                    continue
                yield Path(dirpath, name).relative_to(self.root).as_posix()

    def describe(self) -> str:
        return f"folder {self.root}"


class _MinioStream(io.RawIOBase):
    """A readable file object over a minio response that releases the connection when closed."""

    def __init__(self, response: object) -> None:
        self._resp = response

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._resp.read(len(buffer))  # type: ignore[attr-defined]
        n = len(data)
        buffer[:n] = data
        return n

    def close(self) -> None:
        if not self.closed:
            try:
                self._resp.close()  # type: ignore[attr-defined]
                self._resp.release_conn()  # type: ignore[attr-defined]
            finally:
                super().close()


class S3Store:
    """Objects in an S3 bucket (MinIO in production) through the ``minio`` client, made on first use: importing
    minio costs more than a command that never touches the store (``immex documents``) takes in all."""

    def __init__(
        self,
        endpoint: str,
        access_key: str,
        secret_key: str,
        bucket: str,
        *,
        secure: bool = False,
        region: str = "us-east-1",
        create_bucket: bool = True,
    ) -> None:
        self.endpoint = endpoint
        self.bucket = bucket
        self._credentials = (access_key, secret_key, secure, region)
        self._bucket_checked = not create_bucket

    @cached_property
    def client(self) -> Minio:
        from minio import Minio

        access_key, secret_key, secure, region = self._credentials
        return Minio(self.endpoint, access_key=access_key, secret_key=secret_key, secure=secure, region=region)

    def _ensure_bucket(self) -> None:
        if self._bucket_checked:
            return
        with _s3_errors("reach the object store"):
            if not self.client.bucket_exists(self.bucket):
                self.client.make_bucket(self.bucket)
        self._bucket_checked = True

    def put_file(self, key: str, path: Path, *, content_type: str = "application/octet-stream") -> bool:
        self._ensure_bucket()
        if self.exists(key):
            return False
        with _s3_errors("write to the object store"):
            self.client.fput_object(self.bucket, key, str(path), content_type=content_type)
        return True

    object_lock: bool | None = None  # unknown until the first locked write: does the bucket have object lock?

    def put_locked(self, key: str, path: Path, *, retain_until: datetime, content_type: str) -> bool:
        """Write ``key`` under COMPLIANCE retention until ``retain_until`` (nobody, not even the bucket's owner,
        can delete or overwrite it before then) when the bucket has object lock; a plain write when it has not
        (said once in the log). Returns whether the object is locked."""
        from minio.commonconfig import COMPLIANCE
        from minio.error import S3Error
        from minio.retention import Retention

        self._ensure_bucket()
        if self.object_lock is not False:
            try:
                with _s3_errors("write to the object store"):
                    self.client.fput_object(
                        self.bucket,
                        key,
                        str(path),
                        content_type=content_type,
                        retention=Retention(COMPLIANCE, retain_until),
                    )
                self.object_lock = True
                return True
            except S3Error as exc:
                log.warning(
                    "bucket %s refused object lock (%s): audit anchors are written without retention; create "
                    "the bucket with object lock enabled to protect them",
                    self.bucket,
                    exc.code,
                )
                self.object_lock = False
        self.put_file(key, path, content_type=content_type)
        return False

    def exists(self, key: str) -> bool:
        from minio.error import S3Error

        self._ensure_bucket()
        try:
            with _s3_errors("reach the object store"):
                self.client.stat_object(self.bucket, key)
            return True
        except S3Error as exc:
            if exc.code in {"NoSuchKey", "NoSuchObject", "ResourceNotFound"}:
                return False
            raise

    def size(self, key: str) -> int:
        self._ensure_bucket()
        with _s3_errors("reach the object store"):
            return int(self.client.stat_object(self.bucket, key).size or 0)

    def open(self, key: str) -> BinaryIO:
        from minio.error import S3Error

        self._ensure_bucket()
        try:
            with _s3_errors("read from the object store"):
                resp = self.client.get_object(self.bucket, key)
        except S3Error as exc:
            if exc.code in {"NoSuchKey", "NoSuchObject"}:
                raise ImmexError(f"Object {key} is missing from the store", code="object_missing") from None
            raise
        return io.BufferedReader(_MinioStream(resp), CHUNK)  # type: ignore[return-value]

    def keys(self, prefix: str = "") -> Iterator[str]:
        self._ensure_bucket()
        with _s3_errors("list the object store"):
            for obj in self.client.list_objects(self.bucket, prefix=prefix or None, recursive=True):
                if obj.object_name:
                    yield obj.object_name

    def describe(self) -> str:
        return f"s3 {self.endpoint}/{self.bucket}"


@contextlib.contextmanager
def _s3_errors(what: str) -> Iterator[None]:
    """Turn connection failures into TransientError so jobs retry; S3 answers (S3Error) pass through."""
    from minio.error import S3Error
    from urllib3.exceptions import HTTPError

    try:
        yield
    except S3Error:
        raise
    except (HTTPError, OSError) as exc:
        raise TransientError(f"Could not {what}: {exc}") from exc


def make_object_store(settings: Settings) -> ObjectStore:
    if settings.uses_s3:
        return S3Store(
            settings.s3_endpoint,
            settings.s3_access_key,
            settings.s3_secret_key,
            settings.s3_bucket,
            secure=settings.s3_secure,
            region=settings.s3_region,
        )
    return FolderStore(settings.data_dir / "objects")
