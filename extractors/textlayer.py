"""What a PDF page already holds: its text layer (pypdfium2, ~1 ms a page) and the pictures placed on it.

pdfplumber is used only for word boxes, and only on pages that have a text layer: it costs ~70 ms a page.
pdfium is not thread-safe: call everything here from one thread.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# pdfplumber writes a glyph without a Unicode mapping as "(cid:N)"; a word made only of those says nothing.
_UNMAPPED_GLYPHS = re.compile(r"^(?:\(cid:\d+\))+$")

# A picture on a text page is OCR'd when it covers at least this share of the page (a scanned paragraph
# pasted into a generated PDF) and is at least this many points on its shorter side (not a rule or a bullet).
MIN_PICTURE_SHARE = 0.03
MIN_PICTURE_SIDE_PT = 18.0
# A page mostly covered by pictures, with less typed text than this, is a scan with a stamp on it.
SCAN_SHARE = 0.8
STAMP_MAX_CHARS = 200


@dataclass
class Picture:
    """An image placed on a page: its box in points (top-left origin) and the image object to render."""

    x0: float
    top: float
    x1: float
    bottom: float
    obj: Any = field(repr=False)


@dataclass
class PageLayer:
    """A page's size, its text layer and the pictures on it worth OCR'ing."""

    width: float
    height: float
    text: str
    pictures: list[Picture]

    @property
    def has_text(self) -> bool:
        """A text layer worth using: some text, and not mostly glyphs that map to no character."""
        return is_readable(self.text)

    @property
    def is_stamped_scan(self) -> bool:
        """A scanned page with a few words typed on it (a stamp, a page number, a digitisation mark).

        Such a page is OCR'd as a whole, like any scan; the stamp is drawn on the page and read with the rest.
        """
        if len(self.text.strip()) >= STAMP_MAX_CHARS:
            return False
        covered = sum((p.x1 - p.x0) * (p.bottom - p.top) for p in self.pictures)
        return covered >= SCAN_SHARE * self.width * self.height


def is_readable(text: str) -> bool:
    """False for empty text and for text that is mostly unmapped glyphs.

    Fonts without a Unicode map come out of pdfium as U+FFFD/U+FFFE, private-use or control characters; such a
    "text layer" says nothing and the page is better OCR'd.
    """
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    bad = sum(1 for c in chars if c in "\ufffd\ufffe" or "\ue000" <= c <= "\uf8ff" or unicodedata.category(c) == "Cc")
    return bad / len(chars) < 0.3


def normalize_text(text: str) -> str:
    """pdfium separates lines with CRLF and may leave NULs and soft hyphens; keep plain newlines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\ufffe", "")


def read_layer(page: pdfium.PdfPage, find_pictures: bool = True) -> PageLayer:
    """The text layer of one page and (if asked) the pictures that may hold text not in that layer."""
    width, height = page.get_width(), page.get_height()
    textpage = page.get_textpage()
    try:
        text = normalize_text(textpage.get_text_bounded())
    finally:
        textpage.close()
    pictures: list[Picture] = []
    if find_pictures and is_readable(text):
        pictures = _pictures_to_read(page, width, height)
    return PageLayer(width=width, height=height, text=text, pictures=pictures)


def _pictures_to_read(page: pdfium.PdfPage, width: float, height: float) -> list[Picture]:
    """Pictures on a text page big enough to hold text, unless the page's text is an invisible OCR layer."""
    page_area = max(width * height, 1.0)
    rotation = page.get_rotation()
    found: list[Picture] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=0):
        left, bottom, right, top = obj.get_bounds()
        box = _to_top_left(left, bottom, right, top, width, height, rotation)
        w, h = box[2] - box[0], box[3] - box[1]
        if w * h >= MIN_PICTURE_SHARE * page_area and min(w, h) >= MIN_PICTURE_SIDE_PT:
            found.append(Picture(*box, obj=obj))
    if found and _has_invisible_text(page):
        return []  # an earlier OCR already put the pictures' text in the layer
    return found


def _has_invisible_text(page: pdfium.PdfPage) -> bool:
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=0):
        if pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
            return True
    return False


def _to_top_left(
    left: float, bottom: float, right: float, top: float, width: float, height: float, rotation: int
) -> tuple[float, float, float, float]:
    """A box in PDF user space (bottom-left origin, before /Rotate) to the displayed page, top-left origin."""
    # width/height are the displayed size; the unrotated page is height x width for 90/270.
    if rotation == 90:
        return bottom, left, top, right
    if rotation == 180:
        return width - right, bottom, width - left, top
    if rotation == 270:
        return width - top, height - right, width - bottom, height - left
    return left, height - top, right, height - bottom


class PictureTooLarge(Exception):
    """A picture on a page declares more pixels than may be decoded."""


def render_picture(picture: Picture, max_pixels: int) -> tuple[Any, float]:
    """The picture as a PIL image the way it appears on the page, and its resolution in dpi. Its pixel size is
    read from the PDF first: a picture over ``max_pixels`` is refused before it is decoded."""
    width, height = picture.obj.get_px_size()
    if width * height > max_pixels:
        raise PictureTooLarge(f"the picture is {width:,} x {height:,} pixels, more than may be decoded")
    bitmap = picture.obj.get_bitmap(render=True)
    image = bitmap.to_pil()
    width_pt = max(picture.x1 - picture.x0, 1.0)
    return image, image.width / width_pt * 72.0


class WordReader:
    """Word boxes from the text layer with pdfplumber, opening the file once and only if asked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf: Any = None

    def words(self, number: int) -> list[tuple[str, float, float, float, float]]:
        """Words of page ``number`` (1-based) as (text, x0, top, x1, bottom) in points."""
        if self._pdf is None:
            import pdfplumber

            self._pdf = pdfplumber.open(self.path, password="")
        page = self._pdf.pages[number - 1]
        try:
            return [
                (w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
                for w in page.extract_words(keep_blank_chars=False, use_text_flow=True)
                if not _UNMAPPED_GLYPHS.match(w["text"])
            ]
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
