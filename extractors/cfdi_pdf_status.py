"""A cancelled CFDI's printout: the certification providers' and the SAT portal's viewers print a cancelled CFDI's
status ("Estatus: Cancelado", "Estado del CFDI: Cancelado") and its cancellation date, often under a ``CANCELADO``
watermark. Its data are still what it says, but it has no fiscal effect since its cancellation: a clerk must know
before recording it, so the printout goes to review.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from extractors.result import ResultBuilder, register_review_codes
from extractors.text import PageText

# The status printed as a label and its value, or a cancellation's date under its label. A mention of another CFDI
# cancelled ("Sustituye a la factura A-123, cancelada con motivo 01") is neither.
_CANCELLED = re.compile(
    r"\b(?:ESTATUS|ESTADO|STATUS)(?:\s+(?:DEL|DE\s+LA)\s+(?:CFDI|COMPROBANTE|FACTURA))?(?:\s+(?:EN\s+EL\s+)?SAT)?"
    r"\s*:?\s*(?:CANCELAD[OA]|CANCELL?ED)\b"
    r"|\bFECHA\s+(?:Y\s+HORA\s+)?DE\s+CANCELACI[OÓ]N\s*:?\s*\d"
    r"|\bCANCELL?ATION\s+DATE\s*:?\s*\d"
    r"|\b(?:CFDI|COMPROBANTE)\s+CANCELADO\b",
    re.IGNORECASE,
)
# A watermark's words, read with the spaces between its glyphs taken out ("SI N VALI DEZ"): the cancellation or the
# printout's lack of validity. OCR may lose a glyph at the watermark's end (cut off by the page's edge or too pale).
_MARK = re.compile(r"CANCELAD[OA]?|CANCELL?ED|SINVALIDEZ|SINVALIDE?", re.IGNORECASE)
# An OCR'd word at least this many times the page's median word height and this many points high is drawn across
# the page (a watermark laid flat), not on the form's lines.
_TALL_TIMES_MEDIAN = 3.0
_TALL_MIN_PT = 20.0
CANCELLED = "cfdi_cancelled"
register_review_codes(CANCELLED)


def says_cancelled(text: str) -> bool:
    """Whether a printout says its CFDI is cancelled (see ``_CANCELLED``)."""
    return _CANCELLED.search(text) is not None


def marked_cancelled(marks: str) -> bool:
    """Whether a watermark (text drawn across a page, see :func:`page_marks`) says cancelled or without validity."""
    return _MARK.search("".join(marks.split())) is not None


def page_marks(page: PageText) -> str:
    """The text a page draws across itself: for a text layer the slanted or huge characters it holds; for an OCR'd
    page the words far taller than its median word (a watermark laid flat; OCR does not read a slanted one)."""
    if page.source != "ocr":
        return page.marks
    heights = [w.bottom - w.top for w in page.words if w.text.strip()]
    if not heights:
        return ""
    tall = max(_TALL_MIN_PT, _TALL_TIMES_MEDIAN * statistics.median(heights))
    return " ".join(w.text for w in page.words if w.bottom - w.top >= tall)


def warn_if_cancelled(out: ResultBuilder, text: str, pages: Sequence[PageText] = ()) -> None:
    """Send a cancelled CFDI's printout to review, saying why: its status or cancellation date printed, or a
    watermark across a page saying cancelled or without validity."""
    if says_cancelled(text):
        out.warn(
            CANCELLED,
            "The printout says this CFDI was cancelled: it has no fiscal effect. Check its status with the SAT "
            "before recording it.",
        )
    elif any(marked_cancelled(page_marks(page)) for page in pages):
        out.warn(
            CANCELLED,
            "A watermark on the printout says this CFDI is cancelled or without validity: it may have no fiscal "
            "effect. Check its status with the SAT before recording it.",
        )
