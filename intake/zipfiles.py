"""Open a ZIP archive that came as an attachment, safely, one file at a time.

An archive is never extracted onto the disk by its own names: each file is streamed into a scratch file of
ours, counting bytes as they come, so a name like ``../../etc/passwd`` cannot write anywhere. Limits on the
number of entries, the total size and the compression ratio stop ZIP bombs before they are inflated; the
budget is shared by a nested archive and its parent, so nesting does not multiply it. Password-protected
entries are reported, not guessed at. Every problem comes with a reason a clerk understands.
"""

from __future__ import annotations

import lzma
import os
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CHUNK = 1024 * 1024
# What a damaged entry raises while it is read (zlib for deflate, RuntimeError for an unexpected password...).
_READ_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    ValueError,
    NotImplementedError,
    EOFError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
)


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 1000  # files in one archive and its nested archives together
    max_total_bytes: int = 1024 * 1024 * 1024  # uncompressed, archive and nested archives together
    max_entry_bytes: int = 50 * 1024 * 1024  # one file (the upload limit)
    max_ratio: float = 100.0  # uncompressed / compressed, for one file...
    ratio_floor_bytes: int = 1024 * 1024  # ...larger than this (small files compress as they like)
    max_depth: int = 1  # archives inside archives that are opened (one level)


@dataclass
class ZipBudget:
    """What is left to spend while walking an archive and the archives inside it."""

    entries: int
    total_bytes: int

    @classmethod
    def of(cls, limits: ZipLimits) -> ZipBudget:
        return cls(entries=limits.max_entries, total_bytes=limits.max_total_bytes)


class ZipProblem(Exception):
    """The archive as a whole cannot be opened (damaged, or over a limit): it is kept and not processed."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass
class ZipEntry:
    """One file of the archive: ``file`` holds its bytes (the caller deletes it) unless ``problem`` prevented
    reading it. An entry can have both (its bytes were read but must not be processed, e.g. an
    unsafe name)."""

    path: str  # inside the archive, "/"-separated, as the archive names it (cleaned for display)
    size: int  # as declared by the archive
    file: Path | None
    problem: tuple[str, str] | None = None


def _display_path(name: str) -> str:
    cleaned = "".join(ch for ch in name.replace("\\", "/") if ch.isprintable())
    return cleaned.strip()[:500] or "unnamed"


def _unsafe_path(name: str) -> bool:
    """A name that would land outside the archive's folder if extracted by name (absolute, drive, ``..``)."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return True
    return ".." in PurePosixPath(norm).parts


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def is_office_document(path: Path) -> bool:
    """True for the formats that are ZIPs inside (Word, Excel, OpenDocument...): they are files to accept as
    they are, not archives to open."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist()[:50])
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return False
    return "[Content_Types].xml" in names or "mimetype" in names or "META-INF/manifest.xml" in names


def _open(path: Path, archive_name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise ZipProblem(
            "damaged_archive",
            f"{archive_name} is damaged and cannot be opened ({exc}). It is kept; ask the sender to send it again.",
        ) from None


def _check_archive(infos: list[zipfile.ZipInfo], archive_name: str, budget: ZipBudget, limits: ZipLimits) -> None:
    files = [i for i in infos if not i.is_dir()]
    if len(files) > budget.entries:
        raise ZipProblem(
            "too_many_files",
            f"{archive_name} holds {len(files)} files; at most {limits.max_entries} are opened from one "
            "archive. It is kept; ask the sender to split it into smaller archives.",
        )
    declared = sum(i.file_size for i in files)
    if declared > budget.total_bytes:
        mb = declared / (1024 * 1024)
        limit_mb = limits.max_total_bytes // (1024 * 1024)
        raise ZipProblem(
            "archive_too_large",
            f"{archive_name} would unpack to {mb:,.0f} MB; the limit for an archive is {limit_mb} MB. It is "
            "kept but not opened (it may be a 'ZIP bomb'); ask the sender to split it.",
        )


def _entry_problem(info: zipfile.ZipInfo, shown: str, limits: ZipLimits) -> tuple[str, str] | None:
    if info.flag_bits & 0x1:
        return (
            "encrypted",
            f"{shown} is protected with a password, so it cannot be read. Ask the sender to send it without "
            "a password (the archive is kept).",
        )
    if _is_symlink(info):
        return "symlink", f"{shown} is a link to another file, not a document; it was not followed."
    if info.file_size > limits.max_entry_bytes:
        mb = info.file_size / (1024 * 1024)
        return (
            "too_large",
            f"{shown} is {mb:.1f} MB; the limit is {limits.max_entry_bytes // (1024 * 1024)} MB. It was not "
            "unpacked (the archive is kept).",
        )
    if info.file_size > limits.ratio_floor_bytes:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            return (
                "zip_bomb",
                f"{shown} would grow {ratio:,.0f} times when unpacked (the limit is {limits.max_ratio:.0f}): "
                "it looks like a 'ZIP bomb' and was not unpacked (the archive is kept).",
            )
    return None


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, scratch: Path, budget: ZipBudget, limits: ZipLimits) -> Path:
    """Stream one entry into a scratch file, never more bytes than declared or than the budget allows."""
    allowed = min(info.file_size, limits.max_entry_bytes, budget.total_bytes)
    fd, tmp = tempfile.mkstemp(dir=scratch, prefix="zip-")
    written = 0
    try:
        with os.fdopen(fd, "wb") as out, zf.open(info) as src:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > allowed:
                    raise ZipProblem("zip_bomb", "unpacks to more than it declares")
                out.write(chunk)
    except BaseException:
        os.unlink(tmp)
        raise
    budget.total_bytes -= written
    return Path(tmp)


def walk_zip(
    path: Path, scratch: Path, *, archive_name: str, limits: ZipLimits, budget: ZipBudget | None = None
) -> Iterator[ZipEntry]:
    """Every file of the archive at ``path``, in the archive's order (folders are walked, not returned).

    Raises ``ZipProblem`` before yielding anything when the archive as a whole cannot be opened; a problem
    with one file is reported on its entry and the walk goes on."""
    budget = budget or ZipBudget.of(limits)
    zf = _open(path, archive_name)
    with zf:
        try:
            infos = zf.infolist()
        except (zipfile.BadZipFile, ValueError) as exc:
            raise ZipProblem("damaged_archive", f"{archive_name} is damaged: {exc}") from None
        _check_archive(infos, archive_name, budget, limits)
        for info in infos:
            if info.is_dir():
                continue
            budget.entries -= 1
            shown = _display_path(info.filename)
            problem = _entry_problem(info, shown, limits)
            if problem is not None:
                yield ZipEntry(shown, info.file_size, None, problem)
                continue
            try:
                file = _extract(zf, info, scratch, budget, limits)
            except ZipProblem:
                yield ZipEntry(
                    shown,
                    info.file_size,
                    None,
                    ("zip_bomb", f"{shown} unpacks to more than the archive declares; it was not unpacked."),
                )
                continue
            except _READ_ERRORS as exc:
                yield ZipEntry(
                    shown,
                    info.file_size,
                    None,
                    ("damaged_archive", f"{shown} is damaged inside the archive and cannot be read ({exc})."),
                )
                continue
            if _unsafe_path(info.filename):
                yield ZipEntry(
                    shown,
                    info.file_size,
                    file,
                    (
                        "unsafe_path",
                        f"{shown} is named with a path that points outside the archive, a trick used by "
                        "harmful archives; it was kept but not processed.",
                    ),
                )
                continue
            yield ZipEntry(shown, info.file_size, file)
