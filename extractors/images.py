"""Scanned images (PNG, JPEG, TIFF with one or many pages) made ready for OCR: gray, opaque, at a known dpi.

The dpi an image states is used when it is plausible (the page it describes is at most a large sheet);
cameras and screenshots often state 72 dpi for a 4000-pixel photo, which would make a one-metre page, so
such a claim is ignored and 300 dpi assumed. Small, low-resolution images are enlarged so that ordinary text
reaches the size tesseract reads best; the page size in points still comes from the image's own pixels and
dpi.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors import bounds

DEFAULT_DPI = 300
MIN_DPI = 50
MAX_DPI = 1200
MAX_PAGE_INCHES = 17.0  # a tabloid/A3 sheet; a bigger "page" means the stated dpi is not a scan's
UPSCALE_BELOW_DPI = 150  # enlarge images whose text would be too small for tesseract
MAX_UPSCALE = 3.0
MAX_PIXELS = bounds.MAX_PIXELS  # never build an OCR image bigger than this (memory, time)


@dataclass
class PageImage:
    """One page ready for OCR. ``scale`` is OCR pixels per original pixel (>1 when enlarged)."""

    image: Image.Image  # mode "L"
    dpi: int  # the resolution of ``image`` as given to tesseract
    width_pt: float  # the page size in points, from the original pixels and dpi
    height_pt: float


class ImageReadError(Exception):
    """The image file cannot be decoded."""


def flatten(image: Image.Image) -> Image.Image:
    """Gray, opaque copy: transparent areas become white (not black, which would hide everything)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        background.alpha_composite(rgba)
        return background.convert("L")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return ImageOps.autocontrast(image.convert("I").point(lambda v: v / 256).convert("L"))
    if image.mode != "L":
        return image.convert("L")
    return image.copy()


def stated_dpi(image: Image.Image) -> float | None:
    """The image's own dpi when present and plausible for a scanned page, else None."""
    raw = image.info.get("dpi")
    if not raw:
        return None
    try:
        dpi = float(raw[0] if isinstance(raw, tuple) else raw)
    except (TypeError, ValueError):
        return None
    if not MIN_DPI <= dpi <= MAX_DPI:
        return None
    if max(image.size) / dpi > MAX_PAGE_INCHES:
        return None
    return dpi


def prepare(image: Image.Image) -> PageImage:
    """Make one decoded frame ready for OCR: gray, opaque, enlarged if its resolution is low."""
    image = ImageOps.exif_transpose(image)  # phones store the camera's orientation in EXIF
    dpi = stated_dpi(image) or DEFAULT_DPI
    width_pt = image.width / dpi * 72.0
    height_pt = image.height / dpi * 72.0
    gray = flatten(image)
    if dpi < UPSCALE_BELOW_DPI:
        factor = min(DEFAULT_DPI / dpi, MAX_UPSCALE)
        if gray.width * gray.height * factor * factor <= MAX_PIXELS:
            size = (round(gray.width * factor), round(gray.height * factor))
            gray = gray.resize(size, Image.Resampling.LANCZOS)
            dpi *= factor
    return PageImage(image=gray, dpi=round(dpi), width_pt=width_pt, height_pt=height_pt)


def count_frames(path: Path) -> int:
    """Pages in an image file (a multi-page TIFF has several)."""
    try:
        with Image.open(path) as image:
            return int(getattr(image, "n_frames", 1))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ImageReadError(str(exc)) from exc


def iter_pages(path: Path) -> Iterator[PageImage | Exception]:
    """Each frame of the image file, prepared; a frame that cannot be decoded is yielded as its exception."""
    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ImageReadError(str(exc)) from exc
    with image:
        frames = ImageSequence.Iterator(image)
        index = 0
        while True:
            try:
                frame = frames[index]
            except IndexError:
                return
            except (OSError, SyntaxError, ValueError) as exc:  # a damaged frame: report it, stop here
                yield exc
                return
            try:
                frame.load()
                yield prepare(frame)
            except (OSError, SyntaxError, ValueError) as exc:
                yield exc
            index += 1
