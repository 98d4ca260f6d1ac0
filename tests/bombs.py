"""Small hostile files made on the fly: each is a few bytes to a few hundred kilobytes and would cost gigabytes
if it were read without bounds. Written by hand (never by decoding or rendering them) so that making them is cheap."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def huge_page_pdf(path: Path, side_pt: int = 14400) -> Path:
    """A ~450-byte PDF with one blank page of ``side_pt`` x ``side_pt`` points (14400 pt is 5 m, PDF's maximum)."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 %d %d]/Resources<<>>>>" % (side_pt, side_pt),
    ]
    return _write_pdf(path, objects)


def flate_bomb_pdf(path: Path, inflated_mb: int, *, twice: bool = False) -> Path:
    """A one-page PDF whose content stream is ``inflated_mb`` MB of spaces, deflated (1 GB comes to ~1 MB).
    ``twice``: the stream is deflated two times over (``/Filter [/FlateDecode /FlateDecode]``)."""
    data = deflated_spaces(inflated_mb)
    filters = b"/Filter/FlateDecode"
    if twice:
        data = zlib.compress(data, 9)
        filters = b"/Filter[/FlateDecode/FlateDecode]"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<<>>/Contents 4 0 R>>",
        b"<<" + filters + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    return _write_pdf(path, objects)


def deflated_spaces(megabytes: int) -> bytes:
    """A zlib stream of ``megabytes`` MB of spaces, made without compressing them all: one 1 MB block ends with a
    full flush (so every copy of it is the same bytes) and is repeated; the checksum is computed alongside."""
    chunk = b" " * (1024 * 1024)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    end = deflater.flush(zlib.Z_FINISH)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + block * megabytes + end + struct.pack(">I", checksum)


def _write_pdf(path: Path, objects: list[bytes]) -> Path:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(path: Path, width: int, height: int, *, bits: int = 1) -> Path:
    """A white-ish gray PNG of ``width`` x ``height`` pixels whose rows are all zeros: tiny on disk, ``width *
    height`` pixels once decoded. Made row by row without ever holding the pixels."""
    row = b"\x00" + b"\x00" * ((width * bits + 7) // 8)
    deflater = zlib.compressobj(9)
    parts = [deflater.compress(row) for _ in range(height)]
    idat = b"".join(parts) + deflater.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, bits, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))
    return path


def tiff_bomb(path: Path, width: int, height: int) -> Path:
    """A TIFF whose one strip claims ``width`` x ``height`` 8-bit pixels (header only; the data is not there)."""
    entries = [
        (256, 4, 1, width),  # ImageWidth (LONG)
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 8),  # StripOffsets
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, width * height),  # StripByteCounts
    ]
    ifd_offset = 8 + 16
    out = bytearray(b"II*\x00" + struct.pack("<I", ifd_offset) + b"\x00" * 16)
    out += struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<HHI", tag, kind, count)
        packed += struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        out += packed
    out += struct.pack("<I", 0)
    path.write_bytes(bytes(out))
    return path
