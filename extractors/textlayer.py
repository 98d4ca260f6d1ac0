"""What a PDF page already holds: its text layer with word boxes and the pictures placed on it, all from pypdfium2.

The text comes from pdfium's text page (~1 ms a page); words with boxes from the same text page's characters
(a few ms a page, where pdfplumber took ~70-150 ms), grouped the way pdfplumber's ``extract_words`` does with
``use_text_flow=True`` (see :func:`read_words`). pdfium is not thread-safe: call everything here from one thread.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Word grouping, as pdfplumber's default: a character more than this many points after the previous one along
# the line, or this far across it, or behind it, starts a new word.
WORD_GAP_PT = 3.0
# Ligature glyphs are written out (pdfplumber's ``expand_ligatures``), so "Certiﬁcado" reads "Certificado".
LIGATURES = {
    "\ufb00": "ff",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb06": "st",
    "\ufb05": "st",
}
# What pdfium gives for a character: U+FFFE marks a glyph it could not map (dropped, as pdfplumber's "(cid:N)"
# words were), U+0002 a hyphen it found at a line end.
_DROPPED = frozenset("\ufffe\uffff")
_REPLACED = {"\x02": "-", **LIGATURES}
# A character drawn further than this (the tangent of ~10 degrees) off both axes is a watermark or a stamp set
# across the page ("DOCUMENTO NO OFICIAL" at 35 degrees): its huge slanted boxes would cut into the form's lines
# and fall into its table columns, so it has no word box (it stays in the page's text).
OBLIQUE_TAN = 0.18
# A character drawn at least this many points high and this many times the page's median size is no part of the
# form's lines either: a watermark laid flat across the page, a banner.
MARK_MIN_PT = 24.0
MARK_TIMES_MEDIAN = 3.0
# A character as a watermark's reading sees it: the character (a space for a space or a dropped mark), whether it is
# drawn at a slant, and its size in points.
Drawn = tuple[str, bool, float]

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


WordBox = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom in points, top-left origin


@dataclass
class PageLayer:
    """A page's size, its text layer (with word boxes when asked for) and the pictures on it worth OCR'ing."""

    width: float
    height: float
    text: str
    pictures: list[Picture]
    words: list[WordBox] = field(default_factory=list)
    words_error: str | None = None  # why the word boxes could not be read (the text is still there)
    marks: str = ""  # the text drawn across the page, slanted or huge (a watermark), in drawing order (read_marks)

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


def read_layer(page: pdfium.PdfPage, find_pictures: bool = True, words: bool = False) -> PageLayer:
    """The text layer of one page, its word boxes (if asked, and only when the layer is readable) and (if asked)
    the pictures that may hold text not in that layer."""
    width, height = page.get_width(), page.get_height()
    textpage = page.get_textpage()
    layer = PageLayer(width=width, height=height, text="", pictures=[])
    try:
        layer.text = normalize_text(textpage.get_text_bounded())
        if words and is_readable(layer.text):
            drawn: list[Drawn] = []
            try:
                layer.words = read_words(textpage, width, height, page.get_rotation(), drawn)
                layer.marks = marks_of(drawn)
            except Exception as exc:  # keep the text; say the boxes are missing
                layer.words_error = f"{type(exc).__name__}: {exc}"
        elif is_readable(layer.text):
            layer.marks = read_marks(textpage)
    finally:
        textpage.close()
    if find_pictures and is_readable(layer.text):
        layer.pictures = _pictures_to_read(page, width, height)
    return layer


def read_words(
    textpage: pdfium.PdfTextPage, width: float, height: float, rotation: int, drawn: list[Drawn] | None = None
) -> list[WordBox]:
    """Words with boxes from pdfium's characters, in the order the page draws them; ``drawn``, when given, gets
    every character with whether it is slanted and its size, in the same pass (see :func:`marks_of`).

    Grouped as pdfplumber's ``extract_words(use_text_flow=True)`` groups characters: a space (typed or one pdfium
    infers from a gap) ends a word, and so does a character that lies behind the previous one along the line, more
    than :data:`WORD_GAP_PT` after it, or that far across it, or that runs in another direction (vertical text is
    grouped top to bottom or bottom to top). Boxes are pdfplumber's: the advance width along the line and, across
    it, the font size up from the font's descent (pdfium's "loose" box spans the font's whole ascent to descent,
    which for some fonts is nearly twice the size and would make neighbouring lines overlap), turned to the
    displayed page (``/Rotate``) with a top-left origin.
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    get_unicode = pdfium_c.FPDFText_GetUnicode
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    get_size = pdfium_c.FPDFText_GetFontSize
    get_matrix = pdfium_c.FPDFText_GetMatrix
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    quarter_turns = (rotation // 90) % 4
    gap = WORD_GAP_PT
    found: list[WordBox] = []
    chars: list[str] = []
    x0 = top = x1 = bottom = 0.0
    last_start = last_end = last_across = 0.0
    last_direction = -1
    for index in range(count):
        char = chr(get_unicode(raw, index))
        if char.isspace() or char == "\x00":
            if drawn is not None:
                drawn.append((" ", False, 0.0))
            if chars:
                found.append(("".join(chars), x0, top, x1, bottom))
                chars = []
            continue
        if char in _DROPPED:
            if drawn is not None:
                drawn.append((" ", False, 0.0))
            continue
        # the character's matrix says which way it runs (in PDF space, y up) and how big it is drawn
        has_matrix = get_matrix(raw, index, matrix_ref)
        if has_matrix:
            a, b = matrix.a, matrix.b
            slanted = min(abs(a), abs(b)) > OBLIQUE_TAN * max(abs(a), abs(b))
            size = get_size(raw, index) * math.hypot(matrix.c, matrix.d)
            if drawn is not None:
                drawn.append((char, slanted, size))
        if not get_box(raw, index, rect_ref):
            continue
        left, right, low, high = rect.left, rect.right, rect.bottom, rect.top
        if left > right:
            left, right = right, left
        if low > high:
            low, high = high, low
        # the box on the displayed page, top-left origin (see _to_top_left)
        if quarter_turns == 0:
            bx0, btop, bx1, bbottom = left, height - high, right, height - low
        elif quarter_turns == 1:
            bx0, btop, bx1, bbottom = low, left, high, right
        elif quarter_turns == 2:
            bx0, btop, bx1, bbottom = width - right, low, width - left, high
        else:
            bx0, btop, bx1, bbottom = width - high, height - right, width - low, height - left
        if has_matrix:
            if slanted:
                # drawn at a slant: a watermark or a stamp across the form, on no line of it
                continue
            turns = (0 if a >= 0 else 2) if abs(a) >= abs(b) else (1 if b < 0 else 3)  # clockwise quarter turns
            direction = (turns + quarter_turns) % 4
        else:
            direction, size = quarter_turns, 0.0
        if size > 0:
            if direction == 0:
                btop = bbottom - size
            elif direction == 1:
                bx1 = bx0 + size
            elif direction == 2:
                bbottom = btop + size
            else:
                bx0 = bx1 - size
        if direction == 0:  # left to right
            start, end, across = bx0, bx1, btop
        elif direction == 1:  # top to bottom
            start, end, across = btop, bbottom, bx0
        elif direction == 2:  # upside down: right to left
            start, end, across = -bx1, -bx0, -bbottom
        else:  # bottom to top
            start, end, across = -bbottom, -btop, bx0
        if chars and (
            direction != last_direction
            or start < last_start
            or start > last_end + gap
            or abs(across - last_across) > gap
        ):
            found.append(("".join(chars), x0, top, x1, bottom))
            chars = []
        chars.append(_REPLACED.get(char, char))
        if len(chars) == 1:
            x0, top, x1, bottom = bx0, btop, bx1, bbottom
        else:
            x0, top, x1, bottom = min(x0, bx0), min(top, btop), max(x1, bx1), max(bottom, bbottom)
        last_start, last_end, last_across, last_direction = start, end, across, direction
    if chars:
        found.append(("".join(chars), x0, top, x1, bottom))
    return found


def read_marks(textpage: pdfium.PdfTextPage) -> str:
    """The characters a page draws across itself rather than on its lines (see :func:`marks_of`), for a page whose
    words are not read (when they are, :func:`read_words` gathers the same in its pass)."""
    drawn: list[Drawn] = []
    read_words(textpage, 0.0, 0.0, 0, drawn)
    return marks_of(drawn)


def marks_of(drawn: list[Drawn]) -> str:
    """The characters a page draws across itself rather than on its lines, in drawing order: those drawn at a
    slant (further than :data:`OBLIQUE_TAN` off both axes) and those drawn huge (at least :data:`MARK_MIN_PT` and
    :data:`MARK_TIMES_MEDIAN` times the page's median size). A watermark ("CANCELADO" at 45 degrees, "SIN VALIDEZ"
    in 100-point grey) is such text, whether drawn as one string or glyph by glyph; a space or a line break between
    its glyphs is kept as one space.
    """
    sizes = sorted(size for char, _, size in drawn if char != " " and size > 0)
    if not sizes:
        return ""
    huge = max(MARK_MIN_PT, MARK_TIMES_MEDIAN * sizes[len(sizes) // 2])
    marks = "".join(char if char == " " or slanted or size >= huge else " " for char, slanted, size in drawn)
    return " ".join(marks.split())


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


def scan_dpi(page: pdfium.PdfPage) -> float | None:
    """The resolution a scanned page was scanned at: that of the biggest picture covering most of the page
    (:data:`SCAN_SHARE`), in pixels per inch of the page; None when no picture covers it."""
    width, height = page.get_width(), page.get_height()
    best: tuple[float, float] | None = None  # (area in points, dpi)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        area = (right - left) * (top - bottom)
        if area < SCAN_SHARE * width * height or (best is not None and area <= best[0]):
            continue
        px_width, px_height = obj.get_px_size()
        if px_width > 0 and px_height > 0:  # the geometric mean: right whichever way the picture is turned
            best = (area, (px_width * px_height / area) ** 0.5 * 72.0)
    return best[1] if best is not None else None


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
