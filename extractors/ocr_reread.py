"""A second reading of the values OCR doubted on a scanned PDF: a doubt that a closer look removes is no reason
for review.

OCR's word confidence on a page read whole is low for many words it read right: a short code beside a ruling
line, a figure in a cramped table cell, a word on a noisy patch. A value below review's threshold sends the
document to a person, and a clerk sent every such hesitation learns to ignore review. So the few doubted values
are looked at again: each value's own box is cut out of the page, enlarged (rendered from the scan at twice the
resolution) and read alone as one line, away from the table around it. When that second reading gives the same
characters as the first, and is itself sure of them, the two readings agree and the value is believed
(``CONFIRMED``). A reading that differs, is unsure, or holds more or fewer characters leaves the doubt (and the
review) as it was; so does a value a reader rebuilt or repaired (its raw text is not the value), and so does a
page with too many doubted values (a bad scan, which a person must see anyway).
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PIL import Image

from extractors import checks
from extractors.entities import recognisers
from extractors.entities.normalise import country_code
from extractors.text import DocumentText, PageText, Word, unrotate_box

log = logging.getLogger(__name__)

# The confidence of a value both readings agree on (as the document's other confirmations): above review's
# threshold, below a clean text layer's.
CONFIRMED = 0.9
# How sure the second reading must be of every one of its words.
SURE = 0.8
# More doubted values than this in one document: the scan itself is poor, and a person must look at it.
MAX_DOUBTS = 12
# The resolution a value's box is rendered at for its second reading (twice a scan's usual 300 dpi).
REREAD_DPI = 600
# White space (points) kept around a value's box: its ink may reach a little past the box OCR drew.
MARGIN = 1.5
# White space (pixels) between the cut-out values stacked into one image, read together in one pass.
GAP = 40
# The largest cut-out a second reading renders (pixels at ``REREAD_DPI``): a line of values across a wide page,
# many times over. A box beyond it (a huge page or a huge word box in a crafted PDF) is not read again: its
# doubt stays, and no memory goes to rendering it.
MAX_CROP_SIDE = 12_000
MAX_CROP_PIXELS = 4_000_000
SEGMENTATION = 6  # one block of text: one line for each value stacked
LINE_SEGMENTATION = 7  # a value read alone: one line


@dataclass
class _Doubt:
    cells: dict[str, Any]  # the fields or the line the value belongs to
    key: str
    cell: dict[str, Any]


def reread_doubts(result: dict[str, Any], path: Path, doc_text: DocumentText, threshold: float, languages: str) -> None:
    """Raise to ``CONFIRMED`` each value below ``threshold`` that a second reading of its box on the scanned PDF
    ``path`` reads the same, surely (see the module's docstring)."""
    doubts = _doubts(result, threshold, doc_text)
    if not doubts or len(doubts) > MAX_DOUBTS:
        return
    try:
        crops = _crops(path, doubts, {page.number: page.rotation for page in doc_text.pages})
        readings = _read_stacked(crops, languages)
    except Exception as exc:  # a second look that fails leaves the first reading's doubt as it was
        log.info("second reading of %s failed: %s", path.name, exc)
        return
    for doubt, crop, words in zip(doubts, crops, readings, strict=True):
        if crop is None or not _agrees(doubt, words):
            continue
        if not _sure(words):
            # the same characters, unsure beside the others: read alone once more, which must be sure of them
            try:
                words = _read_alone(crop, languages)
            except Exception as exc:
                log.info("second reading of %s failed: %s", path.name, exc)
                return
            if not (_agrees(doubt, words) and _sure(words)):
                continue
        doubt.cells[doubt.key] = {**doubt.cell, "confidence": CONFIRMED}


def _agrees(doubt: _Doubt, words: list[tuple[str, float]]) -> bool:
    """Whether a second reading gives, character for character (the width of spaces aside), what the first one
    read or the value a reader took from it (a speck the reader dropped, ``GARZA Y. ASOCIADOS``): a dot doubled or
    a space inside a word is an error both readings must repeat to be believed."""
    second = " ".join(text for text, _ in words)
    value, raw = doubt.cell.get("value"), str(doubt.cell.get("raw") or "")
    if not isinstance(value, str) or _ISO_DATE.fullmatch(value):
        # a figure or a date is the same whatever space OCR sees inside it (``2024-03-12T 11:22:01``)
        return bool(second) and "".join(second.split()) == "".join(raw.split())
    return bool(second) and (second == " ".join(raw.split()) or second == " ".join(value.split()))


def _sure(words: list[tuple[str, float]]) -> bool:
    return bool(words) and min(confidence for _, confidence in words) >= SURE


def _doubts(result: dict[str, Any], threshold: float, doc_text: DocumentText) -> list[_Doubt]:
    """The values below ``threshold``; none when one of them cannot be vouched for by a second look, and the
    document goes to review anyway: a value not read as printed, without a box on a scanned page, or whose words
    OCR was sure of (the reader doubted it for a reason of its own: a name that may go on past its box, pieces
    joined)."""
    pages = {page.number: page for page in doc_text.pages}
    doubts = [
        _Doubt(cells, key, cell)
        for cells in [result.get("fields", {}), *result.get("lines", [])]
        for key, cell in cells.items()
        if isinstance(cell, dict) and float(cell.get("confidence") or 0.0) < threshold
    ]
    for doubt in doubts:
        page = pages.get(doubt.cell.get("page"))  # type: ignore[arg-type]
        if page is None or page.source != "ocr" or not doubt.cell.get("bbox"):
            return []
        if not (_as_printed(doubt.cell) or _split_as_printed(doubt.cell, doubts)):
            return []
        words = _words_in(page, doubt.cell["bbox"])
        if not words or min(word.confidence for word in words) >= threshold:
            return []
    return doubts


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SEPARATORS = re.compile(r"[\s\-./|,;:]")


def _split_as_printed(cell: dict[str, Any], doubts: list[_Doubt]) -> bool:
    """Whether the value is one of the values a reader split, as printed, out of one text (a vessel and its
    voyage printed in one box, ``MSC ANNA / 263N``): those values, in their order, are the whole text but for
    the separators between them."""
    raw, where = cell.get("raw"), (cell.get("page"), cell.get("bbox"))
    parts = [
        str(doubt.cell.get("value"))
        for doubt in doubts
        if doubt.cell.get("raw") == raw
        and (doubt.cell.get("page"), doubt.cell.get("bbox")) == where
        and isinstance(doubt.cell.get("value"), str)
    ]
    if len(parts) < 2 or not isinstance(raw, str):
        return False
    printed = _SEPARATORS.sub("", raw.upper())
    pieces = sorted((_SEPARATORS.sub("", part.upper()) for part in parts), key=printed.find)
    return all(piece and piece in printed for piece in pieces) and "".join(pieces) == printed


def _words_in(page: PageText, bbox: list[float]) -> list[Word]:
    """The page's words whose centre lies in ``bbox``."""
    x0, top, x1, bottom = bbox
    return [
        word
        for word in page.words
        if x0 <= (word.x0 + word.x1) / 2 <= x1 and top <= (word.top + word.bottom) / 2 <= bottom
    ]


def _as_printed(cell: dict[str, Any]) -> bool:
    """Whether the value is what the page printed (its raw text says the same), not rebuilt or repaired by a
    reader: the same characters, the same figure's digits, or the plain reading of a date or a country printed
    in words (``11-Jun-2024``, ``Japan``), which needs no character put right."""
    value, raw = cell.get("value"), cell.get("raw")
    if raw is None or value is None or isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        # the figure printed, its thousands grouped with commas or with dots (a figure whose grouping a reader
        # put right, or whose decimal point it placed, is not as printed)
        figure = re.sub(r"^[$\s]+|[\s%]+$", "", str(raw))
        readings = (figure.replace(",", ""), figure.replace(".", "").replace(",", "."))
        return any(re.fullmatch(r"-?\d+(?:\.\d+)?", text) and float(text) == float(value) for text in readings)
    value, raw = str(value), str(raw).strip()
    if checks.compact(value) == checks.compact(raw):
        return True
    dates = list(recognisers.dates(raw))
    if len(dates) == 1 and (dates[0].start, dates[0].end, dates[0].value) == (0, len(raw), value):
        return True
    return country_code(raw) == value


def _crops(path: Path, doubts: list[_Doubt], rotations: dict[int, int]) -> list[Image.Image | None]:
    """Each doubted value's box cut out of the scan, upright, at ``REREAD_DPI``; None for a box too large to
    render (see :data:`MAX_CROP_PIXELS`) or not a box at all."""
    import pypdfium2 as pdfium

    scale = REREAD_DPI / 72.0
    pdf = pdfium.PdfDocument(str(path))
    try:
        crops: list[Image.Image | None] = []
        for doubt in doubts:
            number = int(doubt.cell["page"])
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                rotation = rotations.get(number, 0)
                # the boxes are on the upright page: back to the scan as stored (turned), then cut out
                x0, y0, x1, y1 = (float(v) for v in doubt.cell["bbox"])
                if not all(math.isfinite(v) for v in (x0, y0, x1, y1, width, height)):
                    crops.append(None)
                    continue
                box = SimpleNamespace(left=x0, top=y0, right=x1, bottom=y1)
                left, top, right, bottom = unrotate_box(box, rotation, width, height)  # type: ignore[arg-type]
                crop = (
                    max(0.0, left - MARGIN),
                    max(0.0, height - bottom - MARGIN),
                    max(0.0, width - right - MARGIN),
                    max(0.0, top - MARGIN),
                )
                if not _renderable(width - crop[0] - crop[2], height - crop[1] - crop[3], scale):
                    crops.append(None)
                    continue
                bitmap = page.render(scale=scale, grayscale=True, crop=crop)
                image = bitmap.to_pil().convert("L")
                bitmap.close()
            finally:
                page.close()
            crops.append(image.rotate(-rotation, expand=True) if rotation else image)
        return crops
    finally:
        pdf.close()


def _renderable(width: float, height: float, scale: float) -> bool:
    """Whether a box ``width`` by ``height`` points, rendered at ``scale``, is a sane cut-out to read again: a
    real box (finite, not empty) within :data:`MAX_CROP_SIDE` and :data:`MAX_CROP_PIXELS`."""
    if not all(math.isfinite(v) for v in (width, height, scale)) or width <= 0 or height <= 0:
        return False
    pixels_wide, pixels_high = math.ceil(width * scale), math.ceil(height * scale)
    return max(pixels_wide, pixels_high) <= MAX_CROP_SIDE and pixels_wide * pixels_high <= MAX_CROP_PIXELS


def _read_stacked(crops: list[Image.Image | None], languages: str) -> list[list[tuple[str, float]]]:
    """Read the cut-out values in one OCR pass (stacked one under another, a gap apart); each value's words
    with their confidences, in reading order (none for a value without a cut-out)."""
    from extractors.ocr import read_stacked

    readings = read_stacked(
        crops, dpi=REREAD_DPI, languages=languages, segmentation=SEGMENTATION, timeout=60.0, gap=GAP
    )
    return [[(word.text, word.confidence) for word in words] for words in readings]


def _read_alone(crop: Image.Image, languages: str) -> list[tuple[str, float]]:
    """One cut-out value read alone, as a single line."""
    sheet = Image.new("L", (crop.width + 2 * GAP, crop.height + 2 * GAP), 255)
    sheet.paste(crop, (GAP, GAP))
    return [(word.text, word.confidence) for word in _ocr(sheet, languages, LINE_SEGMENTATION)]


def _ocr(image: Image.Image, languages: str, segmentation: int) -> list[Any]:
    from extractors.ocr import parse_tsv, run_tesseract

    config = f"--dpi {REREAD_DPI} --psm {segmentation} -c tessedit_create_tsv=1"
    return parse_tsv(run_tesseract(image, extension="tsv", lang=languages, config=config, timeout=60.0)).words
