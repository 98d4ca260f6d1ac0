"""Page images for the document page: a PDF page rendered to PNG with pypdfium2 (or a TIFF frame converted) in a
bounded pool of memory-limited processes (``web.pagerender``), cached on disk by the document's SHA-256 so every
process renders a page once; a refusal is cached with its reason."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from flask import Response

from evidence.objectstore import download_to, original_key
from immex.services import Services
from intake import sniff
from web.pagerender import MAX_PIXELS, THUMB_MAX_PIXELS, THUMB_WIDTH, Rendered, RenderPool

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


_pools: dict[tuple[int, int], RenderPool] = {}
_pools_lock = threading.Lock()


def render_pool(services: Services) -> RenderPool:
    """The process's pool of page renderers (one per worker count and memory limit)."""
    key = (services.settings.render_workers, services.settings.job_memory_mb)
    with _pools_lock:
        if key not in _pools:
            _pools[key] = RenderPool(*key)
        return _pools[key]


def page_png(services: Services, sha256: str, media_type: str, number: int, thumb: bool = False) -> Rendered:
    """Page ``number`` (1-based) as a PNG in the cache (``ok``; its path is :func:`png_path`), or why not;
    ``thumb``: the list's small picture of it (``THUMB_WIDTH`` pixels wide, its own pixel limit)."""
    dest = png_path(services, sha256, number, thumb)
    refused = dest.with_suffix(".refused")
    if dest.exists():
        return Rendered("ok")
    if refused.exists():
        return Rendered("refused", refused.read_text(encoding="utf-8"))
    if media_type not in (sniff.PDF, sniff.TIFF, sniff.PNG, sniff.JPEG):
        return Rendered("missing")
    source = local_original(services, sha256)
    settings = services.settings
    limits = (settings.max_expanded_mb, settings.max_megapixels * 1_000_000)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-", suffix=".png")
    os.close(fd)
    try:
        pool = render_pool(services)
        if thumb:
            rendered = pool.render(source, media_type, number, Path(tmp), SCALE, limits, THUMB_WIDTH, THUMB_MAX_PIXELS)
        else:
            rendered = pool.render(source, media_type, number, Path(tmp), SCALE, limits)
        if rendered.status == "ok":
            os.replace(tmp, dest)
        elif rendered.status == "refused":  # the same bytes are refused the same way: remember why
            _atomic_write(refused, lambda path: path.write_text(rendered.reason, encoding="utf-8"))
    finally:
        Path(tmp).unlink(missing_ok=True)
    return rendered


def png_path(services: Services, sha256: str, number: int, thumb: bool = False) -> Path:
    name = f"{number}@w{THUMB_WIDTH}.png" if thumb else f"{number}@{SCALE}.png"
    path = cache_dir(services) / "pages" / sha256 / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def original_fits(services: Services, sha256: str) -> bool:
    """Whether a PNG or JPEG original is small enough (in pixels) to send to the browser as it is."""
    from PIL import Image

    try:
        with Image.open(local_original(services, sha256)) as image:
            return bool(image.width * image.height <= MAX_PIXELS)
    except Exception:  # noqa: BLE001 - too many pixels for Pillow to open, or damaged: draw it (or refuse)
        return False


def placeholder(headline: str, reason: str) -> Response:
    """A small PNG that says why a page is not shown (an ``<img>`` shows it where the page would be)."""
    import io
    import textwrap

    from PIL import Image, ImageDraw
    from PIL.PngImagePlugin import PngInfo

    lines = [headline, "", *textwrap.wrap(reason, 90)]
    image = Image.new("L", (640, 40 + 16 * len(lines)), 245)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((20, 20 + 16 * i), line, fill=40)
    buf = io.BytesIO()
    described = PngInfo()  # the words in the picture as text too, for tools that read the file rather than look
    described.add_itxt("Description", f"{headline} {reason}")
    image.save(buf, format="PNG", pnginfo=described)
    response = Response(buf.getvalue(), mimetype="image/png")
    response.headers["Cache-Control"] = "no-store"
    return response
