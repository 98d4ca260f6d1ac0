"""Dark bands with light text in them (a form's section captions printed white on black) turned dark on light.

tesseract reads dark text on a light ground. It tries light text on dark too, but on a scan it often loses such a
caption (``SHIP FROM``, ``SHIP TO``, ``THIRD PARTY FREIGHT CHARGES BILL TO``) or reads it as noise, and the
readers that find a form's sections by their captions lose the section with it. So bands of solid dark are found
and their pixels inverted before OCR: a band is a run of rows in which the same stretch, at least
:data:`MIN_BAND_INCHES` wide, is almost all dark (text printed on paper never is: its ink covers a fraction of a
line, and a ruling line is a few pixels high). A band inverted that held no text is a white stripe, which costs
nothing.
"""

from __future__ import annotations

from PIL import Image, ImageFilter

# The least width of a dark band (inches): a caption bar across a box; a bold letter or a logo's stroke is shorter.
MIN_BAND_INCHES = 1.0
# The most height of a band (inches): a caption bar or a dark panel, not a photograph.
MAX_BAND_INCHES = 2.0
# The side of the square (inches) in which the share of dark pixels is measured, and the share that makes a band.
WINDOW_INCHES = 0.03
DARK_SHARE = 0.75
DARK = 128  # gray levels below this are dark


Box = tuple[int, int, int, int]
# a band's box, the mask of its pixels in the box, and the mask of its edge around them (where a scan's band fades
# into the page: neither dark band nor page)
Band = tuple[Box, Image.Image, Image.Image]


def dark_bands(image: Image.Image, dpi: int) -> list[Band]:
    """Where the dark bands of a gray page image are: for each band its box (left, top, right, bottom; pixels)
    and the masks (the box's size, 255 on the band) of its pixels and of them with its edge; a scan's band is
    tilted, so the box holds some of the page around it, which the masks leave out."""
    import numpy as np

    radius = max(round(dpi * WINDOW_INCHES), 3) // 2
    mask = image.convert("L").point(lambda v: 255 if v < DARK else 0)
    dense = np.asarray(mask.filter(ImageFilter.BoxBlur(radius))) >= DARK_SHARE * 255
    min_width = max(round(dpi * MIN_BAND_INCHES), 1)
    candidates = np.flatnonzero(dense.sum(axis=1) >= min_width)
    bands: list[list[int]] = []
    open_bands: list[list[int]] = []
    for y in candidates.tolist():
        edges = np.diff(np.concatenate(([0], dense[y].astype(np.int8), [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        still_open: list[list[int]] = []
        for x0, x1 in zip(starts.tolist(), ends.tolist(), strict=True):
            if x1 - x0 < min_width:
                continue
            band = next((b for b in open_bands if b[3] >= y - 1 and min(b[2], x1) > max(b[0], x0)), None)
            if band is None:
                band = [x0, y, x1, y]
                bands.append(band)
            else:
                band[0], band[2], band[3] = min(band[0], x0), max(band[2], x1), y
            if band not in still_open:
                still_open.append(band)
        open_bands = still_open
    width, height = image.size
    found: list[Band] = []
    for x0, y0, x1, y1 in bands:
        band_height = y1 - y0 + 1
        if band_height > dpi * MAX_BAND_INCHES:
            continue
        # the light text inside the band is a hole in its dark: closed with a window the band's height, which
        # leaves the band's straight edges where they are; then widened by the half window the share was
        # measured in
        close = band_height // 2 + 1
        pad = close + 2 * radius + 2
        box = (max(x0 - pad, 0), max(y0 - pad, 0), min(x1 + pad, width), min(y1 + 1 + pad, height))
        inside = np.zeros((box[3] - box[1], box[2] - box[0]), dtype=np.uint8)
        inside[y0 - box[1] : y1 + 1 - box[1], x0 - box[0] : x1 - box[0]] = dense[y0 : y1 + 1, x0:x1] * 255
        pixels = _grow(_shrink(_grow(Image.fromarray(inside), close), close), radius)
        found.append((box, pixels, _grow(pixels, radius + 1)))
    return found


def _grow(mask: Image.Image, radius: int) -> Image.Image:
    return mask.filter(ImageFilter.BoxBlur(radius)).point(lambda v: 255 if v > 0 else 0)


def _shrink(mask: Image.Image, radius: int) -> Image.Image:
    return mask.filter(ImageFilter.BoxBlur(radius)).point(lambda v: 255 if v >= 254 else 0)


def invert_bands(image: Image.Image, bands: list[Band]) -> Image.Image:
    """A copy of the gray ``image`` with each band's pixels inverted and its edge made white, so no dark outline
    is left for OCR to take for a line of text (the image itself when there are none)."""
    if not bands:
        return image
    out = image.convert("L").copy()
    for box, band, edge in bands:
        inverted = out.crop(box).point(lambda v: 255 - v)
        out.paste(255, box, edge)
        out.paste(inverted, box[:2], band)
    return out
