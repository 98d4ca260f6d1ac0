"""Cheap checks at intake: how many pages a PDF or TIFF has, and whether it can be opened at all."""

from __future__ import annotations

from pathlib import Path

from immex.errors import Rejected


class PageCountError(Rejected):
    pass


def count_pages(path: Path, media_type: str) -> int:
    """Pages of a PDF (opened with the empty password if it is encrypted) or frames of a TIFF."""
    if media_type == "application/pdf":
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            msg = str(exc).lower()
            if "password" in msg:
                raise PageCountError(
                    "the PDF is protected by a password. Ask the sender for a copy without a password.",
                    code="encrypted",
                ) from None
            raise PageCountError(
                "the PDF is damaged and cannot be opened (it may be incomplete). Ask the sender for it again.",
                code="corrupt",
            ) from None
        try:
            n = len(pdf)
        finally:
            pdf.close()
        if n == 0:
            raise PageCountError("the PDF has no pages.", code="corrupt")
        return n
    if media_type == "image/tiff":
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as img:
                return int(getattr(img, "n_frames", 1))
        except (UnidentifiedImageError, OSError) as exc:
            raise PageCountError(
                f"the TIFF image is damaged and cannot be opened ({exc}).", code="corrupt"
            ) from None
    return 1
