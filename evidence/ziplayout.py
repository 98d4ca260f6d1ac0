"""Every byte of a bundle's zip accounted for: the signed manifest covers the entries' contents, so bytes the
entries do not own (data before the first entry, between entries or after the end, an archive or file comment,
unknown extra fields in a header, a directory entry) could carry something the signature does not vouch for.

``layout_problems(path)`` walks the archive as written: the end-of-central-directory record (with its zip64
record and locator when present) must close the file, the central directory must sit right before it, and the
entries' local headers and data must tile the file from offset 0 up to the central directory. The only extra field
allowed is zip64's (0x0001), which ``zipfile`` writes itself. Pure: reads the file, no database.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

Data: TypeAlias = bytes | mmap.mmap

EOCD = b"PK\x05\x06"
ZIP64_EOCD = b"PK\x06\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
CENTRAL = b"PK\x01\x02"
LOCAL = b"PK\x03\x04"
DESCRIPTOR = b"PK\x07\x08"
ZIP64_EXTRA = 0x0001
FULL32 = 0xFFFFFFFF


class LayoutError(Exception):
    """The archive's structure cannot be followed; the message says where."""


@dataclass
class CentralEntry:
    name: str
    flags: int
    compress_size: int
    file_size: int
    local_offset: int


def _extra_fields(blob: bytes, where: str, problems: list[str]) -> dict[int, bytes]:
    fields: dict[int, bytes] = {}
    pos = 0
    while pos < len(blob):
        if pos + 4 > len(blob):
            problems.append(f"{where}: {len(blob) - pos} stray bytes in its extra field")
            break
        tag, size = struct.unpack_from("<HH", blob, pos)
        if pos + 4 + size > len(blob):
            problems.append(f"{where}: an extra field runs past its header")
            break
        if tag != ZIP64_EXTRA:
            problems.append(f"{where}: carries an extra field 0x{tag:04x} of {size} bytes the signature does not cover")
        fields[tag] = blob[pos + 4 : pos + 4 + size]
        pos += 4 + size
    return fields


def _zip64_values(extra: bytes, wanted: list[bool]) -> list[int | None]:
    """The 8-byte values of a zip64 extra field, in order, for the header fields that were 0xFFFFFFFF."""
    out: list[int | None] = []
    pos = 0
    for need in wanted:
        if need and pos + 8 <= len(extra):
            out.append(struct.unpack_from("<Q", extra, pos)[0])
            pos += 8
        else:
            out.append(None)
    return out


def _end_records(data: Data) -> tuple[int, int, int, int]:
    """(entries, central directory offset, central directory size, where the central directory must end)."""
    if len(data) < 22 or data[-22:-18] != EOCD:
        raise LayoutError("the archive does not end with its end-of-directory record (a comment or bytes after it)")
    _sig, disk, _cd_disk, _n_disk, entries, cd_size, cd_offset, comment_len = struct.unpack_from(
        "<4sHHHHIIH", data, len(data) - 22
    )
    if comment_len or disk:
        raise LayoutError("the archive has a comment or spans disks")
    cd_end = len(data) - 22
    if entries == 0xFFFF or cd_size == FULL32 or cd_offset == FULL32:
        loc = len(data) - 22 - 20
        if loc < 0 or data[loc : loc + 4] != ZIP64_LOCATOR:
            raise LayoutError("the zip64 locator is missing")
        _sig, _disk, rec_offset, _disks = struct.unpack_from("<4sIQI", data, loc)
        if data[rec_offset : rec_offset + 4] != ZIP64_EOCD:
            raise LayoutError("the zip64 end-of-directory record is not where its locator says")
        rec_size = struct.unpack_from("<Q", data, rec_offset + 4)[0]
        if rec_offset + 12 + rec_size != loc:
            raise LayoutError(f"{loc - rec_offset - 12 - rec_size} bytes sit between the zip64 records")
        entries, _total, cd_size, cd_offset = struct.unpack_from("<QQQQ", data, rec_offset + 24)
        cd_end = rec_offset
    return entries, cd_offset, cd_size, cd_end


def _central(data: Data, cd_offset: int, cd_size: int, entries: int, problems: list[str]) -> list[CentralEntry]:
    out: list[CentralEntry] = []
    pos = cd_offset
    end = cd_offset + cd_size
    while pos < end:
        if data[pos : pos + 4] != CENTRAL:
            raise LayoutError(f"{end - pos} bytes inside the central directory are not directory entries")
        (flags, _method, _t, _d, _crc, csize, usize, nlen, xlen, clen, _disk, _ia, _ea, offset) = struct.unpack_from(
            "<8xHHHHIIIHHHHHII", data, pos
        )
        name = data[pos + 46 : pos + 46 + nlen].decode("utf-8" if flags & 0x800 else "cp437", "replace")
        extra = data[pos + 46 + nlen : pos + 46 + nlen + xlen]
        fields = _extra_fields(extra, f"{name} (directory entry)", problems)
        if clen:
            problems.append(f"{name}: its directory entry carries a {clen}-byte comment the signature does not cover")
        usize64, csize64, offset64 = _zip64_values(
            fields.get(ZIP64_EXTRA, b""), [usize == FULL32, csize == FULL32, offset == FULL32]
        )
        out.append(
            CentralEntry(
                name,
                flags,
                csize64 if csize64 is not None else csize,
                usize64 if usize64 is not None else usize,
                offset64 if offset64 is not None else offset,
            )
        )
        pos += 46 + nlen + xlen + clen
    if pos != end:
        raise LayoutError("the central directory does not end where the end record says")
    if len(out) != entries:
        problems.append(f"the end record counts {entries} entries but the directory has {len(out)}")
    return out


def _descriptor_length(data: Data, pos: int, zip64: bool) -> int:
    start = pos
    if data[pos : pos + 4] == DESCRIPTOR:
        pos += 4
    return pos - start + (20 if zip64 else 12)


def layout_problems(path: Path) -> list[str]:
    """What in the archive at ``path`` is not a header or the content of an entry (empty when nothing)."""
    with open(path, "rb") as fh:
        if fh.seek(0, 2) == 0:
            return ["zip structure: the file is empty"]
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _walk(data)


def _walk(data: Data) -> list[str]:
    problems: list[str] = []
    try:
        entries, cd_offset, cd_size, cd_end = _end_records(data)
        if cd_offset + cd_size != cd_end:
            gap = cd_end - (cd_offset + cd_size)
            problems.append(f"{gap} bytes sit between the central directory and the end records")
        central = _central(data, cd_offset, cd_size, entries, problems)
    except (LayoutError, struct.error) as exc:
        return [f"zip structure: {exc}"]
    pos = 0
    for entry in sorted(central, key=lambda e: e.local_offset):
        if entry.name.endswith("/"):
            problems.append(f"{entry.name}: a directory entry (bundles have none); its bytes are not signed")
        if entry.local_offset != pos:
            what = "before" if entry.local_offset > pos else "overlapping"
            problems.append(
                f"{abs(entry.local_offset - pos)} bytes at offset {min(pos, entry.local_offset)} are {what} "
                f"{entry.name} and belong to no entry"
            )
        lh = entry.local_offset
        if data[lh : lh + 4] != LOCAL:
            problems.append(f"{entry.name}: no local header where the directory says")
            return problems
        flags, nlen, xlen = struct.unpack_from("<6xH18xHH", data, lh)
        name = data[lh + 30 : lh + 30 + nlen].decode("utf-8" if flags & 0x800 else "cp437", "replace")
        if name != entry.name:
            problems.append(f"{entry.name}: its local header names {name!r}")
        fields = _extra_fields(data[lh + 30 + nlen : lh + 30 + nlen + xlen], f"{entry.name} (local header)", problems)
        end = lh + 30 + nlen + xlen + entry.compress_size
        if flags & 0x8:
            end += _descriptor_length(data, end, ZIP64_EXTRA in fields)
        pos = end
    if pos != cd_offset:
        problems.append(f"{cd_offset - pos} bytes after the last entry belong to no entry")
    return problems
