"""Limits that keep a small hostile file from costing gigabytes when it is read: how far a PDF's compressed
streams expand, how many pixels an image or a rendered page may have. Pure functions over bytes and sizes,
checked before pdfium, pdfplumber or Pillow decode anything; each refusal carries a message a clerk understands.

A flate "bomb" (a 1 MB stream that inflates to 1 GB) is found by inflating each stream in 1 MB steps and
counting, never holding more than a step in memory. An image's pixel count comes from its header.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

MAX_STREAM_MB = 256  # one PDF stream, inflated (an A4 page scanned at 300 dpi in colour is ~26 MB)
MAX_PIXELS = 60_000_000  # one image or rendered page (an A3 sheet at 400 dpi in grey); see extractors.images

# Pillow's own bomb guard stays on as a backstop (it warns above this and refuses at twice this); ``check_image``
# refuses at IMMEX_MAX_MEGAPIXELS, with a clerk's reason, before any decoding. Set here, where every image is first
# opened, so the guard is the same whichever module the process imported first.
Image.MAX_IMAGE_PIXELS = 4 * MAX_PIXELS
STEP = 1024 * 1024

# A flate stream's data begins with a zlib header: CMF 0x78 (deflate, 32K window) and FLG with (CMF*256+FLG)%31==0.
_STREAM = re.compile(rb"stream\r?\n")


@dataclass(frozen=True)
class Refusal:
    """Why a file is not read: a stable code and the clerk's reason."""

    code: str
    reason: str


def expands_too_much(mb: int) -> Refusal:
    return Refusal(
        "expands_too_much",
        f"This file expands to more than {mb} MB when it is read (it may be a 'decompression bomb'); it was kept "
        "but cannot be read. Ask the sender for a normal copy of the document.",
    )


def too_many_pixels(width: int, height: int, limit: int = MAX_PIXELS) -> Refusal:
    return Refusal(
        "too_many_pixels",
        f"This image is {width:,} x {height:,} pixels, more than the {limit // 1_000_000} million pixels a page may "
        "have; it was kept but cannot be read. Ask the sender for a scan at an ordinary resolution (300 dpi).",
    )


def _is_zlib(head: bytes) -> bool:
    return len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] * 256 + head[1]) % 31 == 0


def inflated_size(data: bytes, limit: int) -> int:
    """Bytes a zlib stream inflates to, counted in steps; stops as soon as it passes ``limit``. A damaged stream
    counts what came out before the damage (pdfium reports damage itself)."""
    inflater = zlib.decompressobj()
    total = 0
    pending = data
    try:
        while pending and not inflater.eof:
            total += len(inflater.decompress(pending, STEP))
            if total > limit:
                return total
            pending = inflater.unconsumed_tail
            if not pending:  # input used up; what is buffered inside comes out in steps too
                while (chunk := inflater.decompress(b"", STEP)) and total <= limit:
                    total += len(chunk)
    except zlib.error:
        pass
    return total


def check_pdf_streams(path: Path, max_stream_mb: int = MAX_STREAM_MB) -> Refusal | None:
    """A refusal when one of the PDF's compressed streams (or a stream compressed twice) inflates past the limit."""
    limit = max_stream_mb * 1024 * 1024
    raw = Path(path).read_bytes()
    for match in _STREAM.finditer(raw):
        start = match.end()
        if not _is_zlib(raw[start : start + 2]):
            continue  # JPEG, JBIG2, CCITT, plain: not a flate stream
        end = raw.find(b"endstream", start)
        data = raw[start : end if end >= 0 else len(raw)]
        size = inflated_size(data, limit)
        if size > limit:
            return expands_too_much(max_stream_mb)
        if size <= 16 * STEP:  # small enough to look inside: a stream compressed twice (FlateDecode twice)
            inner = zlib.decompressobj().decompress(data, 16 * STEP) if size else b""
            if _is_zlib(inner[:2]) and inflated_size(inner, limit) > limit:
                return expands_too_much(max_stream_mb)
    return None


def check_image(path: Path, max_pixels: int = MAX_PIXELS) -> Refusal | None:
    """A refusal when a frame of the image file declares more pixels than allowed (read from headers only)."""
    try:
        with Image.open(path) as image:
            frames = int(getattr(image, "n_frames", 1))
            for index in range(min(frames, 1000)):
                if index:
                    image.seek(index)
                width, height = image.size
                if width * height > max_pixels:
                    return too_many_pixels(width, height, max_pixels)
    except Image.DecompressionBombError:  # Pillow's own guard, far above any page
        return Refusal(
            "too_many_pixels",
            "This image has far more pixels than a page may have; it was kept but cannot be read. Ask the sender "
            "for a scan at an ordinary resolution (300 dpi).",
        )
    except (OSError, ValueError, SyntaxError, EOFError):
        return None  # damaged: the reader says so in its own words
    return None


def fit_scale(width_pt: float, height_pt: float, scale: float, max_pixels: int) -> float:
    """``scale`` (pixels per point), lowered so a page of this size renders to at most ``max_pixels``."""
    pixels = max(width_pt, 1.0) * max(height_pt, 1.0) * scale * scale
    if pixels <= max_pixels:
        return scale
    return scale * (max_pixels / pixels) ** 0.5 * 0.999  # renderers round sizes up
