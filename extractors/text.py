"""The text step: every page of a PDF or scanned image as text and words with boxes (``DocumentText``).

Per PDF page, the text layer is used where there is one; pages without one are rendered and OCR'd with
tesseract, turned upright first when they were scanned sideways or upside down. Pictures inside a text page
(a scanned paragraph pasted into a generated PDF) are OCR'd too and their words added to the page. Images
(PNG, JPEG, TIFF, multi-page TIFF) take the same OCR path. OCR runs several pages at once, one single-
threaded tesseract process per page, in a thread pool of ``options.ocr_workers``.

A page that cannot be rendered or OCR'd comes back with ``source="none"`` and ``error`` set; the others
still come through. Whole-document problems raise :class:`TextError` with a stable code and a message for a
clerk. ``progress(done, total)``, when given, hears each page as it is finished (its text layer read and all
its OCR back), in the calling thread, from ``(0, total)`` on: the upload page follows it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors import bounds, images
from extractors.ocr import OcrFailure, OcrResult, OcrWord, ocr_upright
from extractors.ocr_repair import number_rows
from extractors.textlayer import PageLayer, Picture, read_layer, render_picture, scan_dpi
from immex.errors import ImmexError

PDF_TYPES = frozenset({"application/pdf"})
IMAGE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/tiff", "image/bmp", "image/gif", "image/webp", "image/x-ms-bmp"}
)


@dataclass
class Word:
    """A word and its box in PDF points, origin at the top-left of the upright page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float  # 0..1; 1.0 for the text layer


@dataclass
class PageText:
    number: int  # 1-based
    text: str
    words: list[Word]
    source: str  # "text_layer" | "ocr" | "none" (unreadable; see error)
    confidence: float | None  # mean OCR word confidence 0..1; None for a pure text layer or a blank scan
    width: float  # points, of the upright page
    height: float
    rotation: int  # degrees turned clockwise to make the page upright (OCR only)
    error: str | None = None
    marks: str = ""  # text-layer text drawn across the page, slanted or huge: a watermark (textlayer.read_marks)


@dataclass
class DocumentText:
    media_type: str
    pages: list[PageText]

    @property
    def text(self) -> str:
        """All pages' text, pages separated by a form feed."""
        return "\f".join(page.text for page in self.pages)


@dataclass
class TextOptions:
    """How to read a document. ``orientation``: see :func:`extractors.ocr.ocr_upright`."""

    max_pages: int = 200
    ocr_workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    dpi: int = 300
    languages: str = "spa+eng"
    words: bool = True  # word boxes for text-layer pages (pdfium's characters, a few ms a page); OCR always has them
    orientation: str = "auto"  # auto | always | never
    deskew: bool = True  # level tilted scans (a second OCR pass for those pages only)
    ocr_pictures: bool = True  # also OCR pictures placed on text-layer pages (a pasted scan, a footer image)
    ocr_timeout: float = 300.0  # seconds one tesseract run may take before the page is given up
    max_pixels: int = bounds.MAX_PIXELS  # an image or a picture on a page with more is not decoded
    max_stream_mb: int = bounds.MAX_STREAM_MB  # a PDF with a stream inflating past this is not read

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> TextOptions:
        """Options from ``immex.settings.Settings`` (max_pages, ocr_workers, ocr_dpi, ocr_languages)."""
        values: dict[str, Any] = {
            "max_pages": settings.max_pages,
            "max_pixels": settings.max_megapixels * 1_000_000,
            "max_stream_mb": settings.max_expanded_mb,
            "ocr_workers": settings.ocr_workers or (os.cpu_count() or 1),
            "dpi": settings.ocr_dpi,
            "languages": settings.ocr_languages,
        }
        values.update(overrides)
        return cls(**values)


class TextError(ImmexError):
    """The document as a whole cannot be read.

    Codes: ``encrypted``, ``corrupt``, ``too_many_pages``, ``unsupported``. Never retryable: the same
    bytes fail the same way.
    """

    code = "text"
    http_status = 422

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code, retryable=False)


def count_pages(path: Path, media_type: str) -> int:
    """Number of pages, cheaply (no page is parsed): for the page limit at intake."""
    if media_type in PDF_TYPES:
        pdf = _open_pdf(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    if media_type in IMAGE_TYPES:
        try:
            return images.count_frames(path)
        except images.ImageReadError as exc:
            raise _corrupt_image() from exc
    raise _unsupported(media_type)


Progress = Callable[[int, int], None]


def read_text(
    path: Path, media_type: str, options: TextOptions | None = None, progress: Progress | None = None
) -> DocumentText:
    """Text and words of every page, from the text layer where there is one and OCR elsewhere."""
    options = options or TextOptions()
    check_bounds(path, media_type, options)
    if media_type in PDF_TYPES:
        pages = _read_pdf(path, options, progress)
    elif media_type in IMAGE_TYPES:
        pages = _read_image(path, options, progress)
    else:
        raise _unsupported(media_type)
    return DocumentText(media_type=media_type, pages=pages)


def check_bounds(path: Path, media_type: str, options: TextOptions) -> None:
    """``TextError`` before anything is decoded when the file would expand past the limits (a flate bomb in a
    PDF, an image with too many pixels)."""
    refusal = None
    if media_type in PDF_TYPES:
        refusal = bounds.check_pdf_streams(path, options.max_stream_mb)
    elif media_type in IMAGE_TYPES:
        refusal = bounds.check_image(path, options.max_pixels)
    if refusal is not None:
        raise TextError(refusal.code, refusal.reason)


# --- PDF ----------------------------------------------------------------------------------------------------


def _open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open a PDF with the empty password (what viewers do); turn pdfium's failures into TextError."""
    if not path.is_file():
        raise FileNotFoundError(path)
    try:
        pdf = pdfium.PdfDocument(str(path), password="")
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise TextError(
                "encrypted",
                "This PDF is protected with a password, so it cannot be read. Ask the sender for a copy "
                "without the password (or open it and print it to a new PDF) and send it again.",
            ) from exc
        raise _corrupt_pdf() from exc
    if len(pdf) == 0:
        pdf.close()
        raise _corrupt_pdf()
    return pdf


def _read_pdf(path: Path, options: TextOptions, progress: Progress | None) -> list[PageText]:
    pdf = _open_pdf(path)
    try:
        _check_page_limit(len(pdf), options)
        with ThreadPoolExecutor(max_workers=max(options.ocr_workers, 1), thread_name_prefix="ocr") as pool:
            runner = _OcrRunner(pool, options, _PageCount(len(pdf), progress))
            pages = []
            for number in range(1, len(pdf) + 1):
                runner.count.begin(number)
                pages.append(_read_pdf_page(pdf, number, runner, options))
                runner.count.end(number)
            runner.finish()
        return pages
    finally:
        pdf.close()


def _read_pdf_page(
    pdf: pdfium.PdfDocument,
    number: int,
    runner: _OcrRunner,
    options: TextOptions,
) -> PageText:
    """Read one page now (pdfium work happens here, in this thread) and queue its OCR, if any."""
    page_text = PageText(number, "", [], "none", None, 0.0, 0.0, 0)
    try:
        page = pdf[number - 1]
    except Exception as exc:  # one damaged page must not lose the others
        page_text.error = f"page {number} could not be read: {exc}"
        return page_text
    try:
        layer = read_layer(page, find_pictures=options.ocr_pictures, words=options.words)
        page_text.width, page_text.height = layer.width, layer.height
        if layer.has_text and not layer.is_stamped_scan:
            _fill_from_layer(page_text, layer)
            confidences: list[float] = []  # of the words OCR'd in this page's pictures
            for picture in layer.pictures:
                try:
                    _queue_picture(page_text, picture, confidences, runner, options)
                except Exception as exc:  # the text layer stays; the page says what is missing
                    page_text.error = f"a picture on page {number} could not be rendered: {exc}"
        else:
            dpi = render_dpi(layer.width, layer.height, scan_render_dpi(scan_dpi(page), options.dpi))
            image = _render(page, dpi)
            runner.submit(
                number,
                image,
                dpi,
                lambda result: _fill_from_ocr(page_text, result, dpi),
                lambda message: _fail(page_text, message),
            )
    except Exception as exc:
        _fail(page_text, f"page {number} could not be rendered: {exc}")
    finally:
        page.close()
    return page_text


def scan_render_dpi(native: float | None, dpi: int) -> int:
    """The dpi to render a page for OCR at: ``dpi``, or the lower resolution the page was scanned at.

    Rendering a 200-dpi scan at 300 dpi makes pdfium invent the pixels in between; tesseract reads the scan's own
    pixels better (measured on generated 200-dpi scans: words read right 0.95 against 0.93, confidence 0.92
    against 0.87) and faster. Scans below :data:`extractors.images.UPSCALE_BELOW_DPI` are still rendered at ``dpi``:
    their text is too small for tesseract as it is.
    """
    if native is None or not images.UPSCALE_BELOW_DPI <= native < dpi:
        return dpi
    return round(native)


def render_dpi(width_pt: float, height_pt: float, dpi: int) -> int:
    """The requested dpi, lowered for a huge page (a plan, a poster) so its image stays within a sane size."""
    return max(int(bounds.fit_scale(width_pt, height_pt, dpi / 72.0, images.MAX_PIXELS) * 72.0), 1)


def _render(page: pdfium.PdfPage, dpi: int) -> Any:
    bitmap = page.render(scale=dpi / 72.0, grayscale=True, force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
    image = bitmap.to_pil().copy()  # own the pixels: the bitmap's buffer is freed with it
    bitmap.close()
    return image


def _fill_from_layer(page_text: PageText, layer: PageLayer) -> None:
    page_text.text = layer.text
    page_text.source = "text_layer"
    page_text.marks = layer.marks
    if layer.words_error is not None:  # keep the text, say the boxes are missing
        page_text.error = f"word boxes of page {page_text.number} could not be read: {layer.words_error}"
    page_text.words = [Word(t, x0, top, x1, bottom, 1.0) for t, x0, top, x1, bottom in layer.words]


def _queue_picture(
    page_text: PageText, picture: Picture, confidences: list[float], runner: _OcrRunner, options: TextOptions
) -> None:
    """OCR a picture on a text page; its words are placed on the page (the page itself is not turned)."""
    raw, dpi = render_picture(picture, options.max_pixels)
    raw.info["dpi"] = (dpi, dpi)
    prepared = images.prepare(raw)

    def done(result: OcrResult) -> None:
        _add_picture_words(page_text, picture, result, confidences)

    def failed(message: str) -> None:
        page_text.error = f"a picture on page {page_text.number} could not be OCR'd: {message}"

    runner.submit(page_text.number, prepared.image, prepared.dpi, done, failed)


def _add_picture_words(page_text: PageText, picture: Picture, result: OcrResult, confidences: list[float]) -> None:
    if not result.words:
        return
    # Boxes come in the picture as OCR'd (maybe turned upright); bring them back to the picture as placed.
    w, h = (result.height, result.width) if result.rotation in (90, 270) else (result.width, result.height)
    sx, sy = (picture.x1 - picture.x0) / w, (picture.bottom - picture.top) / h
    words = []
    for word in result.words:
        left, top, right, bottom = unrotate_box(word, result.rotation, w, h)
        words.append(
            Word(
                word.text,
                picture.x0 + left * sx,
                picture.top + top * sy,
                picture.x0 + right * sx,
                picture.top + bottom * sy,
                word.confidence,
            )
        )
    page_text.words.extend(words)
    page_text.text = f"{page_text.text.rstrip()}\n\n{result.text}" if page_text.text.strip() else result.text
    confidences.extend(w.confidence for w in words)
    page_text.confidence = sum(confidences) / len(confidences)


def unrotate_box(word: OcrWord, rotation: int, width: int, height: int) -> tuple[float, float, float, float]:
    """A box in an image turned ``rotation`` degrees clockwise, back in the unturned width x height image."""
    x0, y0, x1, y1 = word.left, word.top, word.right, word.bottom
    if rotation == 90:  # turned image is height x width; its (u, v) came from (v, height - u)
        return y0, height - x1, y1, height - x0
    if rotation == 180:
        return width - x1, height - y1, width - x0, height - y0
    if rotation == 270:  # (u, v) came from (width - v, u)
        return width - y1, x0, width - y0, x1
    return x0, y0, x1, y1


# --- images -------------------------------------------------------------------------------------------------


def _read_image(path: Path, options: TextOptions, progress: Progress | None) -> list[PageText]:
    try:
        count = images.count_frames(path)
        _check_page_limit(count, options)
        frames = images.iter_pages(path)
        pages: list[PageText] = []
        undecodable = 0
        with ThreadPoolExecutor(max_workers=max(options.ocr_workers, 1), thread_name_prefix="ocr") as pool:
            runner = _OcrRunner(pool, options, _PageCount(count, progress))
            for number, frame in enumerate(frames, start=1):
                page_text = PageText(number, "", [], "none", None, 0.0, 0.0, 0)
                pages.append(page_text)
                runner.count.begin(number)
                if isinstance(frame, Exception):
                    page_text.error = f"page {number} of the image could not be decoded: {frame}"
                    undecodable += 1
                else:
                    page_text.width, page_text.height = frame.width_pt, frame.height_pt
                    done, failed = _filler(page_text, frame.dpi), _failer(page_text)
                    runner.submit(number, frame.image, frame.dpi, done, failed)
                runner.count.end(number)
            runner.finish()
    except images.ImageReadError as exc:
        raise _corrupt_image() from exc
    if undecodable == len(pages):
        raise _corrupt_image()  # not one page could be decoded: the file is damaged, not a page of it
    return pages


def _filler(page_text: PageText, dpi: int) -> Callable[[OcrResult], None]:
    return lambda result: _fill_from_ocr(page_text, result, dpi)


def _failer(page_text: PageText) -> Callable[[str], None]:
    return lambda message: _fail(page_text, message)


# --- OCR results -> pages -----------------------------------------------------------------------------------


def _fill_from_ocr(page_text: PageText, result: OcrResult, dpi: int) -> None:
    """A whole page OCR'd: words in points of the upright page."""
    scale = 72.0 / dpi
    page_text.source = "ocr"
    page_text.text = result.text
    page_text.words = number_rows(
        [
            Word(w.text, w.left * scale, w.top * scale, w.right * scale, w.bottom * scale, w.confidence)
            for w in result.words
        ]
    )
    page_text.confidence = result.confidence
    page_text.rotation = result.rotation
    page_text.width, page_text.height = result.width * scale, result.height * scale


def _fail(page_text: PageText, message: str) -> None:
    page_text.source = "none"
    page_text.text = ""
    page_text.words = []
    page_text.confidence = None
    page_text.error = message


class _PageCount:
    """Which pages are finished: a page is once it has been read (:meth:`end`) and every OCR job queued for it
    (the page itself, or pictures on it) is back. ``progress`` hears ``(finished, total)`` at the start and after
    each page."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total = total
        self.progress = progress
        self.finished = 0
        self.reading: set[int] = set()  # pages whose read has begun and not ended
        self.waiting: dict[int, int] = {}  # page → its OCR jobs not back yet
        self._tell()

    def begin(self, page: int) -> None:
        self.reading.add(page)

    def end(self, page: int) -> None:
        self.reading.discard(page)
        self._check(page)

    def queued(self, page: int) -> None:
        self.waiting[page] = self.waiting.get(page, 0) + 1

    def back(self, page: int) -> None:
        self.waiting[page] -= 1
        self._check(page)

    def _check(self, page: int) -> None:
        if page in self.reading or self.waiting.get(page, 0) > 0:
            return
        self.waiting.pop(page, None)
        self.finished += 1
        self._tell()

    def _tell(self) -> None:
        if self.progress is not None:
            self.progress(self.finished, self.total)


class _OcrRunner:
    """Queues page images for OCR on the pool, keeping at most two per worker in memory at once.

    Callbacks run in the calling thread (in :meth:`finish` or while waiting for room), so page objects are
    never touched by two threads.
    """

    def __init__(self, pool: ThreadPoolExecutor, options: TextOptions, count: _PageCount) -> None:
        self.pool = pool
        self.options = options
        self.count = count
        self.limit = 2 * max(options.ocr_workers, 1)
        self.running: dict[Future[OcrResult], tuple[int, Callable[[OcrResult], None], Callable[[str], None]]] = {}

    def submit(
        self, page: int, image: Any, dpi: int, done: Callable[[OcrResult], None], failed: Callable[[str], None]
    ) -> None:
        while len(self.running) >= self.limit:
            self._collect(wait(self.running, return_when=FIRST_COMPLETED).done)
        o = self.options
        future = self.pool.submit(ocr_upright, image, dpi, o.languages, o.orientation, o.ocr_timeout, o.deskew)
        self.running[future] = (page, done, failed)
        self.count.queued(page)

    def finish(self) -> None:
        while self.running:
            self._collect(wait(self.running, return_when=FIRST_COMPLETED).done)

    def _collect(self, finished: set[Future[OcrResult]]) -> None:
        for future in finished:
            page, done, failed = self.running.pop(future)
            try:
                result = future.result()
            except OcrFailure as exc:
                failed(str(exc))
            except Exception as exc:  # an unexpected failure costs this page only
                failed(f"OCR failed: {type(exc).__name__}: {exc}")
            else:
                done(result)
            self.count.back(page)


# --- errors -------------------------------------------------------------------------------------------------


def _check_page_limit(count: int, options: TextOptions) -> None:
    if count > options.max_pages:
        raise TextError(
            "too_many_pages",
            f"The document has {count} pages; the limit is {options.max_pages} pages. "
            "Split it into smaller files and send them separately.",
        )


def _corrupt_pdf() -> TextError:
    return TextError(
        "corrupt",
        "This PDF is damaged or incomplete and cannot be read. Ask the sender for a new copy of it.",
    )


def _corrupt_image() -> TextError:
    return TextError(
        "corrupt", "This image is damaged or incomplete and cannot be read. Ask the sender for a new copy."
    )


def _unsupported(media_type: str) -> TextError:
    return TextError(
        "unsupported",
        f"Files of type {media_type} cannot be read here; send a PDF or a scanned image (PNG, JPEG or TIFF).",
    )
