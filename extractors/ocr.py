"""tesseract through pytesseract: orientation (OSD) and OCR of one upright-or-not page image.

Everything here works in image pixels; ``extractors.text`` turns pixels into PDF points. Each call starts
one single-threaded tesseract process (``OMP_THREAD_LIMIT=1``): tesseract's own threads make it several
times slower on a small machine, so parallelism comes from running several pages at once (see
``extractors.text``).

The image goes to tesseract as uncompressed PGM, which costs far less than encoding a PNG, and the dpi is always
passed: without it tesseract guesses the scale and loses accuracy.
"""

from __future__ import annotations

import math
import os
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PIL import Image

from extractors.ocr_bands import Band, dark_bands, invert_bands
from extractors.ocr_repair import drop_specks, fix_decimal_marks, fix_tax_ids, join_cut_amounts, untangle_boxes
from extractors.ocr_retry import retry_unsure
from extractors.ocr_scale import enlarge, enlargement, shrink

TESSERACT = "tesseract"

# A first OCR pass whose mean word confidence reaches this is taken as upright: OSD is skipped for it.
UPRIGHT_CONFIDENCE = 0.70
# OSD's threshold of characters to try (tesseract's default, 50, leaves sparse pages unturned).
OSD_MIN_CHARACTERS = 10
# OSD's orientation confidence from which its angle is taken as it is. Below it (a noisy 200-dpi scan gets 0.01
# to 2 where a clean one gets 5 to 30, and the angle is then often 0 on an upside-down page), the likely turns
# are tried and the reading with the best confidence is kept: 180 degrees for a page read as horizontal text,
# 90 and 270 for one read as vertical text.
OSD_SURE = 3.0
_UNSURE_TRIES = {False: (180,), True: (90, 270)}

# Lines tilted by at least this much (degrees) are levelled and read again: tesseract reads tilted words well
# but mixes up the lines of neighbouring columns. Beyond the maximum the tilt estimate is not trusted.
MIN_SKEW = 1.0
MAX_SKEW = 10.0

_LETTERS_RE = re.compile(r"[^\W\d_]{2}")
_DIGIT_RE = re.compile(r"\d")
_ROTATE_RE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
_ORIENT_CONF_RE = re.compile(r"^Orientation confidence:\s*([0-9.]+)", re.MULTILINE)
_TRANSPOSE = {
    90: Image.Transpose.ROTATE_270,  # PIL turns counter-clockwise; our angles are clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


class OcrFailure(Exception):
    """tesseract could not process an image (crash, timeout, missing language data)."""


@dataclass
class OcrWord:
    """A word in pixels of the image that was OCR'd; ``confidence`` is 0..1."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float
    line: tuple[int, int, int] = (0, 0, 0)  # tesseract's (block, paragraph, line)


@dataclass
class OcrResult:
    """What one page image gave: text in reading order, words, mean confidence and the rotation applied."""

    text: str
    words: list[OcrWord] = field(default_factory=list)
    confidence: float | None = None  # mean word confidence; None when no word was found
    rotation: int = 0  # degrees the image was turned clockwise before OCR
    skew: float = 0.0  # degrees the image was then turned counter-clockwise to level its lines
    width: int = 0  # pixel size of the image OCR'd (after rotation)
    height: int = 0
    bands: list[Band] = field(default_factory=list)  # dark bands inverted before OCR (pixels of the page as given)


def tesseract_env() -> dict[str, str]:
    """Set tesseract's threading off for this process's children and return the environment they get.

    pytesseract starts tesseract with this process's environment; tesseract's own threads make it several
    times slower on a small machine, so parallelism comes from running pages side by side instead.
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"
    return dict(os.environ)


def run_tesseract(image: Image.Image, *, extension: str, lang: str, config: str, timeout: float) -> str:
    """Run tesseract through pytesseract on an image (sent as uncompressed PGM, the cheapest format for tesseract
    to read); tool failures become :class:`OcrFailure`."""
    from pytesseract import pytesseract as engine

    tesseract_env()
    engine.tesseract_cmd = TESSERACT
    gray = image.convert("L")  # a copy: its format tag is ours to set
    gray.format = "PPM"  # type: ignore[misc]  # pytesseract saves the image in its format
    try:
        output = engine.run_and_get_output(
            gray, extension=extension, lang=lang, config=config, timeout=timeout, return_bytes=True
        )
    except engine.TesseractNotFoundError as exc:
        raise OcrFailure("tesseract is not installed on this machine") from exc
    except engine.TesseractError as exc:
        raise OcrFailure(f"tesseract failed: {_failure_detail(str(exc.message))}") from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrFailure(f"tesseract took longer than {timeout:.0f} s on this page") from exc
    except OSError as exc:  # e.g. the configured tesseract is not executable
        raise OcrFailure(f"tesseract could not be started: {exc}") from exc
    return bytes(output).decode("utf-8", "replace")


def detect_rotation(image: Image.Image, dpi: int, timeout: float = 60.0) -> tuple[int, float]:
    """Clockwise angle (0/90/180/270) that makes the image upright, and tesseract's confidence in it.

    Only OSD's angle is used (its script guess is unreliable). OSD refuses near-empty pages ("Too few
    characters", fewer than :data:`OSD_MIN_CHARACTERS`); those are reported as ``(0, 0.0)``: leave the page
    as it is.
    """
    # OSD gives up below 50 characters by default; sparse pages (a cover sheet, a short letter) have fewer, and
    # its answer on them is still right far more often than not (the caller compares both readings anyway).
    config = f"--psm 0 --dpi {dpi} -c min_characters_to_try={OSD_MIN_CHARACTERS}"
    try:
        out = run_tesseract(image, extension="osd", lang="osd", config=config, timeout=timeout)
    except OcrFailure:
        return 0, 0.0  # "Too few characters" and the like: leave the page as it is
    match = _ROTATE_RE.search(out)
    if match is None:
        return 0, 0.0
    conf_match = _ORIENT_CONF_RE.search(out)
    angle = int(match.group(1)) % 360
    return (angle if angle in _TRANSPOSE else 0), float(conf_match.group(1)) if conf_match else 0.0


def rotate(image: Image.Image, angle: int) -> Image.Image:
    """Turn an image clockwise by a multiple of 90 degrees."""
    return image.transpose(_TRANSPOSE[angle]) if angle in _TRANSPOSE else image


# tesseract's page segmentation. Forms and tables are read as one column of lines of varying size (4): the
# automatic mode (3) splits a form into blocks first and drops what it takes for noise between them (a lone "0"
# or "1" in a narrow column of a table, a row's short figure). Read as one column, running text set in two or
# more columns comes out with the columns' lines interleaved, so a page whose first reading shows such columns
# (see :func:`runs_in_text_columns`) is read again in the automatic mode, which reads them column by column.
PAGE_SEGMENTATION = 4
COLUMNS_SEGMENTATION = 3

# Running text in columns: this many lines in a row, one above the other, split by the same vertical gutter...
COLUMN_MIN_LINES = 6
# ... a gutter at least this wide (in word heights; a space between words is a third to half of one) ...
GUTTER_MIN_WIDTH = 0.5
# ... with this many words on each side of it in those lines on average, mostly words of letters.
COLUMN_MIN_WORDS = 5
COLUMN_LINE_WORDS = 3  # ... and never fewer than this on a side of a line, half of them or more of letters
COLUMN_MIN_LETTER_SHARE = 0.7


def recognize(image: Image.Image, dpi: int, languages: str, timeout: float = 300.0) -> OcrResult:
    """OCR an image as it is (no rotation, no band work: see :func:`prepare`) and return its words with boxes and
    confidences."""
    result = _recognize(image, dpi, languages, PAGE_SEGMENTATION, timeout)
    if runs_in_text_columns(result):
        result = _recognize(image, dpi, languages, COLUMNS_SEGMENTATION, timeout)
    return result


def prepare(image: Image.Image, dpi: int) -> tuple[Image.Image, list[Band]]:
    """The page image with its dark bands of light text inverted (see :mod:`extractors.ocr_bands`), and the bands.

    Done once a page, before anything reads it: turning or levelling the prepared image later turns its inverted
    bands with it, so no reading searches for them again."""
    try:
        bands = dark_bands(image, dpi)
    except Exception:  # noqa: BLE001  # a page whose bands cannot be measured is read as it is
        bands = []
    return invert_bands(image, bands), bands


def read_stacked(
    crops: Sequence[Image.Image | None], *, dpi: int, languages: str, segmentation: int, timeout: float, gap: int
) -> list[list[OcrWord]]:
    """Read cut-outs of a page in one tesseract pass: stacked one under another on a white sheet, ``gap`` pixels
    apart and from its edges. Each cut-out's words, in reading order, with their boxes in the cut-out's own pixels
    (a word goes to the cut-out its vertical middle falls in); none for a cut-out that is None."""
    readings: list[list[OcrWord]] = [[] for _ in crops]
    present = [(index, crop.convert("L")) for index, crop in enumerate(crops) if crop is not None]
    if not present:
        return readings
    width = max(crop.width for _, crop in present) + 2 * gap
    height = sum(crop.height for _, crop in present) + gap * (len(present) + 1)
    sheet = Image.new("L", (width, height), 255)
    spans = []
    y = gap
    for index, crop in present:
        sheet.paste(crop, (gap, y))
        spans.append((index, y, y + crop.height))
        y += crop.height + gap
    config = f"--dpi {dpi} --psm {segmentation} -c tessedit_create_tsv=1"
    words = parse_tsv(run_tesseract(sheet, extension="tsv", lang=languages, config=config, timeout=timeout)).words
    for word in words:
        middle = (word.top + word.bottom) / 2
        for index, top, bottom in spans:
            if top <= middle <= bottom:
                moved = replace(word, left=word.left - gap, right=word.right - gap)
                readings[index].append(replace(moved, top=word.top - top, bottom=word.bottom - top))
                break
    return readings


def _recognize(image: Image.Image, dpi: int, languages: str, segmentation: int, timeout: float) -> OcrResult:
    config = f"--dpi {dpi} --psm {segmentation} -c tessedit_create_tsv=1"
    tsv = run_tesseract(image, extension="tsv", lang=languages, config=config, timeout=timeout)
    result = parse_tsv(tsv)
    result.width, result.height = image.size
    return result


def runs_in_text_columns(result: OcrResult) -> bool:
    """Whether the page holds running text set in columns: :data:`COLUMN_MIN_LINES` lines in a row split at the
    same place by a gap of :data:`GUTTER_MIN_WIDTH` word heights or more, with sentences on both sides of it
    (:data:`COLUMN_MIN_WORDS` words or more a side on average, mostly words of letters).

    A table's columns line up too, but a row's cells hold a figure or a few words, not sentences; a form's two
    boxes side by side (an address beside another) hold a few words a line.
    """
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in result.words:
        lines.setdefault(word.line, []).append(word)
    rows = sorted((sorted(ws, key=lambda w: w.left) for ws in lines.values() if len(ws) >= 2), key=lambda ws: ws[0].top)
    if len(rows) < COLUMN_MIN_LINES:
        return False
    height = statistics.median(w.bottom - w.top for ws in rows for w in ws)
    min_gap = GUTTER_MIN_WIDTH * height
    gaps = [[(a.right, b.left) for a, b in zip(ws, ws[1:], strict=False) if b.left - a.right >= min_gap] for ws in rows]
    step = max(int(height / 3), 1)
    for x in range(0, max(w.right for ws in rows for w in ws), step):
        run: list[list[OcrWord]] = []
        for ws, line_gaps in zip(rows, gaps, strict=True):
            if not ws[0].left < x < ws[-1].right:
                continue  # the line is beside the gutter (a paragraph's short last line) or elsewhere
            if any(left < x < right for left, right in line_gaps):
                run.append(ws)
                if len(run) >= COLUMN_MIN_LINES and _text_on_both_sides(run[-COLUMN_MIN_LINES:], x):
                    return True
            else:
                run = []
    return False


def _text_on_both_sides(rows: list[list[OcrWord]], x: int) -> bool:
    """Whether the lines hold sentences on both sides of ``x``: every line a few words a side, mostly of letters
    (a form's box holds a label and a code, a table's row figures), and many words a side on average."""
    left = [[w for w in ws if w.right <= x] for ws in rows]
    right = [[w for w in ws if w.left >= x] for ws in rows]
    for side in (*left, *right):
        if len(side) < COLUMN_LINE_WORDS or _letter_words(side) < len(side) / 2:
            return False
    for sides in (left, right):
        words = [w for side in sides for w in side]
        if len(words) < COLUMN_MIN_WORDS * len(rows) or _letter_words(words) < COLUMN_MIN_LETTER_SHARE * len(words):
            return False
    return True


def _letter_words(words: list[OcrWord]) -> int:
    return sum(1 for w in words if _LETTERS_RE.search(w.text) and not _DIGIT_RE.search(w.text))


def _failure_detail(stderr: str) -> str:
    """The lines of tesseract's stderr that say what went wrong (not its warnings and hints)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    telling = [line for line in lines if re.search(r"fail|error|could not|cannot", line, re.IGNORECASE)]
    detail = "; ".join(telling or lines[-1:]) or "no message"
    return detail[:300]


def parse_tsv(tsv: str) -> OcrResult:
    """Turn tesseract's TSV output into words and text (lines joined by newlines, blocks by a blank line)."""
    words: list[OcrWord] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        conf = float(cols[10])
        if not text or conf < 0:
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        words.append(OcrWord(text, left, top, left + width, top + height, min(max(conf / 100.0, 0.0), 1.0), key))
    words = fix_decimal_marks(fix_tax_ids(untangle_boxes(drop_specks(join_cut_amounts(words)))))
    confidence = sum(w.confidence for w in words) / len(words) if words else None
    return OcrResult(text=text_of(words), words=words, confidence=confidence)


def text_of(words: list[OcrWord]) -> str:
    """The text of words in tesseract's order: lines joined by newlines, paragraphs by a blank line."""
    lines: list[tuple[tuple[int, int], list[str]]] = []  # ((block, paragraph), words of one line)
    current_line: tuple[int, int, int] | None = None
    for word in words:
        if word.line != current_line:
            lines.append(((word.line[0], word.line[1]), []))
            current_line = word.line
        lines[-1][1].append(word.text)
    parts: list[str] = []
    previous_paragraph: tuple[int, int] | None = None
    for paragraph, line_words in lines:
        if previous_paragraph is not None:
            parts.append("\n\n" if paragraph != previous_paragraph else "\n")
        parts.append(" ".join(line_words))
        previous_paragraph = paragraph
    return "".join(parts)


def ocr_upright(
    image: Image.Image,
    dpi: int,
    languages: str,
    orientation: str = "auto",
    timeout: float = 300.0,
    deskew: bool = True,
) -> OcrResult:
    """OCR a page image, turning it upright first when needed, and levelling it when it is tilted.

    ``orientation``: ``"auto"`` OCRs the image as it is and runs OSD only when that first pass looks wrong
    (mean confidence below :data:`UPRIGHT_CONFIDENCE`, or words taller than wide), then keeps whichever pass
    reads better; upright pages, the usual case, cost one tesseract run. ``"always"`` runs OSD first on every
    page (one more process per page). ``"never"`` trusts the image as it is.

    ``deskew``: when the words of the pass kept lie on lines tilted by :data:`MIN_SKEW` degrees or more, the
    image is levelled and read once more (the tilt comes free from the first pass's boxes).

    Dark bands of light text are inverted once, before the first reading (:func:`prepare`); every later reading
    (turned, levelled, the unsure words' second look) reads the prepared image. The words the reading kept was
    unsure of are then read again, closer (see :mod:`extractors.ocr_retry`). A page whose words came out too small
    for tesseract is enlarged and read again before that (see :mod:`extractors.ocr_scale`); the words' boxes are
    always in the pixels of the image as given (turned upright).
    """
    prepared, bands = prepare(image, dpi)
    upright, result = _orient(prepared, dpi, languages, orientation, timeout)
    size = upright.size
    upright, result, factor = _enlarge_small_print(upright, result, dpi, languages, timeout)
    dpi = round(dpi * factor)
    skew = estimate_skew(result) if deskew else None
    if skew is not None and MIN_SKEW <= abs(skew) <= MAX_SKEW:
        levelled_image = level(upright, skew)
        levelled = recognize(levelled_image, dpi, languages, timeout)
        levelled.rotation, levelled.skew = result.rotation, skew
        if (levelled.confidence or 0.0) >= (result.confidence or 0.0) - 0.05:
            upright, result = levelled_image, levelled
    result = shrink(retry_unsure(upright, result, dpi, languages, timeout), factor, size)
    result.bands = bands
    return result


def _enlarge_small_print(
    image: Image.Image, result: OcrResult, dpi: int, languages: str, timeout: float
) -> tuple[Image.Image, OcrResult, float]:
    """The image, its reading and the factor it was enlarged by: enlarged and read again when its words came out
    too small for tesseract and the second reading is the more confident (see :mod:`extractors.ocr_scale`)."""
    factor = enlargement(result, image.size)
    if factor == 1.0:
        return image, result, 1.0
    bigger = enlarge(image, factor)
    second = recognize(bigger, round(dpi * factor), languages, timeout)
    second.rotation = result.rotation
    if (second.confidence or 0.0) <= (result.confidence or 0.0):
        return image, result, 1.0
    return bigger, second, factor


def _orient(
    image: Image.Image, dpi: int, languages: str, orientation: str, timeout: float
) -> tuple[Image.Image, OcrResult]:
    """The image turned upright and its OCR result (see :func:`ocr_upright`)."""
    if orientation == "always":
        angle, _ = detect_rotation(image, dpi)
        upright = rotate(image, angle)
        result = recognize(upright, dpi, languages, timeout)
        result.rotation = angle
        return upright, result
    first = recognize(image, dpi, languages, timeout)
    if orientation == "never" or (first.words and looks_upright(first)):
        return image, first
    # A sparse page turned sideways may give no words at all read as it is: OSD is asked all the same, and a
    # page it finds nothing to turn on (a blank page) is left as it is.
    angle, osd_confidence = detect_rotation(image, dpi)
    if not first.words and angle == 0:
        return image, first
    if angle != 0 and osd_confidence >= OSD_SURE:
        angles = [angle]
    else:  # OSD is unsure (noisy or low-resolution scans): try the likely turns and keep the best reading
        angles = [a for a in dict.fromkeys([angle, *_UNSURE_TRIES[is_sideways(first)]]) if a != 0]
    best_image, best = image, first
    for angle in angles:
        upright = rotate(image, angle)
        second = recognize(upright, dpi, languages, timeout)
        second.rotation = angle
        if _reads_better(second, best):
            best_image, best = upright, second
        if looks_upright(best):
            break
    return best_image, best


def _reads_better(second: OcrResult, first: OcrResult) -> bool:
    """Whether a reading of the turned image beats the one before."""
    first_conf, second_conf = first.confidence or 0.0, second.confidence or 0.0
    # tesseract reads a page turned 90 degrees clockwise as vertical text, often well, but its boxes are then
    # sideways: an upright second pass wins unless it reads clearly worse.
    return second_conf > first_conf or (
        is_sideways(first) and not is_sideways(second) and second_conf >= first_conf - 0.1
    )


def estimate_skew(result: OcrResult) -> float | None:
    """Tilt of the text lines in degrees (positive: lines run down to the right), or None if unknown.

    The median over lines of the least-squares slope of the words' bottoms; lines need three words and a
    reasonable span, so a few stray words do not decide it.
    """
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in result.words:
        lines.setdefault(word.line, []).append(word)
    slopes = []
    min_span = max(result.width, 1) * 0.1
    for words in lines.values():
        if len(words) < 3:
            continue
        xs = [(w.left + w.right) / 2 for w in words]
        ys = [float(w.bottom) for w in words]
        if max(xs) - min(xs) < min_span:
            continue
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        sxx = sum((x - mean_x) ** 2 for x in xs)
        sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
        slopes.append(sxy / sxx)
    if len(slopes) < 3:
        return None
    return math.degrees(math.atan(statistics.median(slopes)))


def level(image: Image.Image, skew: float) -> Image.Image:
    """Turn the image so lines tilted by ``skew`` degrees become level; the size stays, the corners fill white."""
    return image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)


def is_sideways(result: OcrResult) -> bool:
    """Most words (of three or more characters) are taller than wide: the text runs up or down the image."""
    boxes = [(w.right - w.left, w.bottom - w.top) for w in result.words if len(w.text) >= 3]
    if len(boxes) < 5:
        return False
    return sum(1 for width, height in boxes if height > width) / len(boxes) >= 0.5


def looks_upright(result: OcrResult) -> bool:
    """A first pass good enough to keep without asking OSD: confident and laid out horizontally."""
    return (result.confidence or 0.0) >= UPRIGHT_CONFIDENCE and not is_sideways(result)
