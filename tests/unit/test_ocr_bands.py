"""Dark bands with light text inverted before OCR: page images drawn here."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from extractors.ocr_bands import dark_bands, invert_bands

DPI = 300


def _page() -> Image.Image:
    """A form: a caption printed white on a black bar, a name under it, ruling lines and a bold title."""
    image = Image.new("L", (2400, 900), 245)
    draw = ImageDraw.Draw(image)
    draw.text((300, 40), "TITLE", fill=0, font=ImageFont.load_default(size=90), stroke_width=4, stroke_fill=0)
    draw.rectangle((100, 300, 2300, 350), fill=30)
    draw.text((120, 306), "SHIP FROM", fill=250, font=ImageFont.load_default(size=36))
    draw.text((120, 380), "GREAT LAKES WIRE", fill=0, font=ImageFont.load_default(size=36))
    draw.line((100, 600, 2300, 600), fill=0, width=4)  # a ruling line
    draw.line((100, 300, 100, 800), fill=0, width=4)
    return image


def test_a_dark_bar_is_found_and_its_caption_turned_dark_on_light() -> None:
    page = _page()
    bands = dark_bands(page, DPI)
    boxes = [box for box, _, _ in bands]
    assert len(boxes) == 1  # the bar; not the title, the ruling lines or the text
    left, top, right, bottom = boxes[0]
    assert left <= 100 + 10 and right >= 2300 - 10 and top <= 300 and bottom >= 350
    inverted = invert_bands(page, bands)
    assert inverted.getpixel((1500, 325)) > 200  # the bar is light now
    caption = [inverted.getpixel((x, y)) for x in range(120, 330) for y in range(310, 345)]
    assert min(caption) < 60  # its caption dark
    # the page around it as it was: the name under the bar, the title, the lines
    for box in ((120, 375, 700, 430), (300, 40, 700, 150), (100, 590, 2300, 610)):
        assert inverted.crop(box).tobytes() == page.crop(box).tobytes()


def test_a_tilted_bar_leaves_the_line_under_it_alone() -> None:
    page = _page().rotate(0.8, resample=Image.Resampling.BICUBIC, fillcolor=245)
    inverted = invert_bands(page, dark_bands(page, DPI))
    name = page.crop((120, 390, 2300, 440))
    # the name's ink is where it was: no dark wedge of the bar's box put over it, none of it inverted
    assert abs(sum(inverted.crop((120, 390, 2300, 440)).tobytes()) - sum(name.tobytes())) < 0.01 * 255 * 2180 * 50


def test_a_page_without_bars_is_left_as_it_is() -> None:
    page = Image.new("L", (2400, 900), 245)
    ImageDraw.Draw(page).text((120, 380), "GREAT LAKES WIRE", fill=0, font=ImageFont.load_default(size=36))
    bands = dark_bands(page, DPI)
    assert bands == []
    assert invert_bands(page, bands) is page
