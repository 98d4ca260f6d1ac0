"""Page images for the portal, rendered in a small pool of memory-limited processes.

A request never renders in the web process: ``render()`` hands the page to a pool of
``IMMEX_RENDER_WORKERS`` processes (each limited to ``IMMEX_JOB_MEMORY_MB`` more than it holds at start), so
four huge pages requested at once wait their turn instead of exhausting the server. Pages are scaled down to
at most :data:`MAX_PIXELS`, a PDF whose streams inflate past the limit and an image with too many pixels are
refused before decoding, and whatever a file still does to the renderer ends its process, not the server. The
caller caches the PNG (or the refusal) by the document's SHA-256, page and scale. A refusal's reason is an English
sentence the portal translates when it draws it (its messages are in the catalogues: ``immex.stored_messages``).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from extractors import bounds

log = logging.getLogger(__name__)

MAX_PIXELS = 12_000_000  # one page image in the portal (a letter page at 1.5 x is ~1.1 million)
THUMB_WIDTH = 160  # a thumbnail in the document list, drawn by the same pool and cached the same way
THUMB_MAX_PIXELS = THUMB_WIDTH * 640  # its own limit: a very tall page's thumbnail is narrower, never larger
WAIT_SECONDS = 120.0  # a request waits at most this long for its page


@dataclass(frozen=True)
class Rendered:
    """What became of a page: ``ok`` (the PNG is at ``dest``), ``missing`` (no such page) or ``refused``."""

    status: str
    reason: str = ""


def render_page(
    source: str,
    media_type: str,
    number: int,
    dest: str,
    scale: float,
    limits: tuple[int, int],
    width: int | None = None,
    out_pixels: int = MAX_PIXELS,
) -> Rendered:
    """Render page ``number`` (1-based) of ``source`` to a PNG at ``dest``, ``scale`` pixels per point or, given
    ``width``, that many pixels wide; never more than ``out_pixels``. Runs in a pool process."""
    max_stream_mb, max_pixels = limits
    path = Path(source)
    if media_type == "application/pdf":
        refusal = bounds.check_pdf_streams(path, max_stream_mb)
        if refusal is not None:
            return Rendered("refused", refusal.reason)
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= number <= len(pdf):
                return Rendered("missing")
            page = pdf[number - 1]
            if width:
                scale = width / max(page.get_width(), 1.0)
            fitted = bounds.fit_scale(page.get_width(), page.get_height(), scale, out_pixels)
            image = page.render(scale=fitted).to_pil()
            page.close()
        finally:
            pdf.close()
    else:
        refusal = bounds.check_image(path, max_pixels)
        if refusal is not None:
            return Rendered("refused", refusal.reason)
        from PIL import Image, ImageSequence

        with Image.open(path) as img:
            frames = [f.copy() for i, f in enumerate(ImageSequence.Iterator(img)) if i == number - 1]
        if not frames:
            return Rendered("missing")
        image = frames[0]
        if image.mode not in ("RGB", "L", "RGBA"):
            image = image.convert("RGB")
        factor = min(width / image.width, 1.0) if width else 1.0
        if image.width * image.height * factor * factor > out_pixels:
            factor = (out_pixels / (image.width * image.height)) ** 0.5
        if factor < 1.0:
            image.thumbnail((max(int(image.width * factor), 1), max(int(image.height * factor), 1)))
    image.save(dest, format="PNG", optimize=False)
    return Rendered("ok")


def _start(memory_mb: int) -> None:
    from workers.reader import limit_memory

    limit_memory(memory_mb)


class RenderPool:
    """At most ``workers`` pages render at once, each in a process of its own with a memory limit. A process
    that dies (a page that exhausted it) is replaced; the page is refused with a reason."""

    def __init__(self, workers: int, memory_mb: int) -> None:
        self.workers = max(workers, 1)
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=(self.memory_mb,),
                )
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def render(
        self,
        source: Path,
        media_type: str,
        number: int,
        dest: Path,
        scale: float,
        limits: tuple[int, int],
        width: int | None = None,
        out_pixels: int = MAX_PIXELS,
    ) -> Rendered:
        pool = self._executor()
        try:
            future = pool.submit(
                render_page, str(source), media_type, number, str(dest), scale, limits, width, out_pixels
            )
            return future.result(timeout=WAIT_SECONDS)
        except FutureTimeout:
            return Rendered("busy", "The page is taking too long to draw; try again in a moment.")
        except MemoryError:
            return _exhausted(self.memory_mb)
        except BrokenProcessPool:
            self._discard(pool)
            return _exhausted(self.memory_mb)
        except Exception as exc:  # noqa: BLE001 - a damaged file: say so, never a 500
            log.info("page %s of %s could not be drawn: %s", number, source.name, exc)
            return Rendered("refused", "This page is damaged and cannot be drawn; the original is kept.")

    def close(self, wait: bool = False) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)


def _exhausted(memory_mb: int) -> Rendered:
    return Rendered(
        "refused",
        f"This page needs more than {memory_mb} MB to draw (the file expands too much when it is read); "
        "the original is kept and can be downloaded.",
    )
