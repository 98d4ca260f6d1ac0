"""Page images for the document page: a PDF page rendered to PNG with pypdfium2 (or a TIFF frame converted),
cached on disk by the document's SHA-256 so every process renders a page once."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from evidence.objectstore import download_to, original_key
from immex.services import Services
from intake import sniff

SCALE = 1.5  # 108 dpi: sharp enough to read, small enough to load quickly


def cache_dir(services: Services) -> Path:
    path = Path(services.settings.data_dir) / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _atomic_write(dest: Path, write: object) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-")
    os.close(fd)
    try:
        write(Path(tmp))  # type: ignore[operator]
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def local_original(services: Services, sha256: str) -> Path:
    """A local copy of the stored original (content-addressed, so a cached copy never goes stale)."""
    dest = cache_dir(services) / "originals" / sha256
    if not dest.exists():
        _atomic_write(dest, lambda tmp: download_to(services.store, original_key(sha256), tmp))
    return dest


def page_png(services: Services, sha256: str, media_type: str, number: int) -> Path | None:
    """A PNG of page ``number`` (1-based), or None when the document has no such page."""
    dest = cache_dir(services) / "pages" / sha256 / f"{number}@{SCALE}.png"
    if dest.exists():
        return dest
    source = local_original(services, sha256)
    if media_type == sniff.PDF:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(source))
        try:
            if not 1 <= number <= len(pdf):
                return None
            page = pdf[number - 1]
            image = page.render(scale=SCALE).to_pil()
            page.close()
        finally:
            pdf.close()
    elif media_type in (sniff.TIFF, sniff.PNG, sniff.JPEG):
        from PIL import Image, ImageSequence

        with Image.open(source) as img:
            frames = [f.copy() for i, f in enumerate(ImageSequence.Iterator(img)) if i == number - 1]
        if not frames:
            return None
        image = frames[0]
        if image.mode not in ("RGB", "L", "RGBA"):
            image = image.convert("RGB")
    else:
        return None
    _atomic_write(dest, lambda tmp: image.save(tmp, format="PNG", optimize=False))
    return dest
