"""A cancelled CFDI's printout: the certification providers' and the SAT portal's viewers print a cancelled CFDI's
status ("Estatus: Cancelado", "Estado del CFDI: Cancelado") and its cancellation date, often under a ``CANCELADO``
watermark. Its data are still what it says, but it has no fiscal effect since its cancellation: a clerk must know
before recording it, so the printout goes to review.
"""

from __future__ import annotations

import re

from extractors.result import ResultBuilder, register_review_codes

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
CANCELLED = "cfdi_cancelled"
register_review_codes(CANCELLED)


def says_cancelled(text: str) -> bool:
    """Whether a printout says its CFDI is cancelled (see ``_CANCELLED``)."""
    return _CANCELLED.search(text) is not None


def warn_if_cancelled(out: ResultBuilder, text: str) -> None:
    """Send a cancelled CFDI's printout to review, saying why."""
    if says_cancelled(text):
        out.warn(
            CANCELLED,
            "The printout says this CFDI was cancelled: it has no fiscal effect. Check its status with the SAT "
            "before recording it.",
        )
