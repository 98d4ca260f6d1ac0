"""OCR with the real tesseract on scans written by others (OCRmyPDF's and paperless-ngx's test files).

``linn.txt`` is the reference text of ``linn.png`` and of every variant made from it (rotated, skewed,
fax encoded); the character error rate (CER) of each is printed and held under a bound measured here. The
reference is itself an old OCR transcript with a few slips ("0" for bullets), so no reading scores 0.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractors.quality import cer
from extractors.text import DocumentText, PageText, TextOptions, read_text

pytestmark = [pytest.mark.ocr, pytest.mark.integration, pytest.mark.slow]

PDF = "application/pdf"
OPTIONS = TextOptions(ocr_workers=2)
# CERs measured here (tesseract 5.3, spa+eng, 300 dpi): linn.png 0.0096, cardinal.pdf 0.0092-0.0096 a page,
# ccitt.pdf 0.0092, skew.pdf 0.0098 and rotated_skew.pdf 0.0096 once levelled (0.045 and 0.15 without: the
# tilt mixes the lines of the two columns). The bound leaves room for other tesseract builds.
CER_BOUND = 0.03


@pytest.fixture(scope="module")
def ocrmypdf(corpus: Path) -> Path:
    return corpus / "ocr-ocrmypdf"


@pytest.fixture(scope="module")
def paperless(corpus: Path) -> Path:
    return corpus / "ocr-paperless-ngx" / "tesseract"


@pytest.fixture(scope="module")
def linn_text(ocrmypdf: Path) -> str:
    return (ocrmypdf / "linn.txt").read_text(encoding="utf-8")


def _check_linn_page(page: PageText, reference: str, label: str) -> float:
    rate = cer(page.text, reference)
    print(f"{label}: CER {rate:.4f}, confidence {page.confidence:.3f}, rotation {page.rotation}")
    assert page.source == "ocr" and page.error is None
    assert rate < CER_BOUND
    # Upright: a portrait letter page, and the title at the top of it in the page's own coordinates.
    assert page.width == pytest.approx(612, abs=2) and page.height == pytest.approx(792, abs=2)
    title = next(w for w in page.words if w.text == "LinnSequencer")
    assert title.top < 120 and title.x0 < 306
    for word in page.words:
        assert 0 <= word.x0 <= word.x1 <= page.width + 1 and 0 <= word.top <= word.bottom <= page.height + 1
        assert 0 <= word.confidence <= 1
    assert page.confidence is not None and page.confidence > 0.8
    return rate


def test_linn_png(ocrmypdf: Path, linn_text: str) -> None:
    doc = read_text(ocrmypdf / "linn.png", "image/png", OPTIONS)
    [page] = doc.pages
    _check_linn_page(page, linn_text, "linn.png")
    assert page.rotation == 0


def test_cardinal_every_page_comes_out_upright(ocrmypdf: Path, linn_text: str) -> None:
    doc = read_text(ocrmypdf / "cardinal.pdf", PDF, OPTIONS)
    # The four pages hold the same scan turned 0, 90, 180 and 270 degrees; each is turned back.
    assert [p.rotation for p in doc.pages] == [0, 270, 180, 90]
    for page in doc.pages:
        _check_linn_page(page, linn_text, f"cardinal.pdf page {page.number}")


@pytest.mark.parametrize("name", ["skew.pdf", "rotated_skew.pdf", "ccitt.pdf"])
def test_tilted_and_fax_encoded_scans(ocrmypdf: Path, linn_text: str, name: str) -> None:
    """skew.pdf is tilted ~2 degrees; rotated_skew.pdf is tilted the other way and stored sideways (/Rotate)."""
    doc = read_text(ocrmypdf / name, PDF, OPTIONS)
    [page] = doc.pages
    _check_linn_page(page, linn_text, name)
    assert page.rotation == 0  # /Rotate is applied when the page is drawn, before OCR


def _in_order(doc: DocumentText, phrases: list[str]) -> None:
    text = " ".join(doc.text.split()).lower()
    positions = [text.find(phrase.lower()) for phrase in phrases]
    assert -1 not in positions, (phrases, text)
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("name", "media_type"), [("multi-page-images.pdf", PDF), ("multi-page-images.tiff", "image/tiff")]
)
def test_multi_page_scans_keep_page_order(paperless: Path, name: str, media_type: str) -> None:
    doc = read_text(paperless / name, media_type, OPTIONS)
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert [p.source for p in doc.pages] == ["ocr"] * 3
    for number, page in enumerate(doc.pages, start=1):
        assert f"page {number}" in page.text.lower()
    _in_order(doc, ["page 1", "page 2", "page 3"])


def test_mixed_pdf_keeps_text_layer_and_ocrs_the_rest(paperless: Path) -> None:
    doc = read_text(paperless / "multi-page-mixed.pdf", PDF, OPTIONS)
    assert [p.source for p in doc.pages] == ["ocr"] * 3 + ["text_layer"] * 3
    assert all(p.confidence is not None for p in doc.pages[:3])
    assert all(p.confidence is None and p.rotation == 0 for p in doc.pages[3:])
    _in_order(doc, [f"page {n}" for n in range(1, 7)])


def test_picture_inside_a_text_page_is_read(paperless: Path) -> None:
    doc = read_text(paperless / "single-page-mixed.pdf", PDF, OPTIONS)
    first = " ".join(doc.pages[0].text.split()).lower()
    for sentence in (
        "this is some normal text, present on page 1 of the document.",
        "this is some text, but in an image, also on page 1.",
        "this is further text on page 1.",
    ):
        assert sentence in first
    page = doc.pages[0]
    assert page.source == "text_layer"
    image_words = [w for w in page.words if w.confidence < 1.0]
    assert [w.text for w in image_words][:3] == ["This", "is", "some"]
    # The picture sits between the two typed lines (y 45..94 pt from the top); its words are placed there.
    assert all(w.top >= 44 and w.bottom <= 95 for w in image_words)
    assert page.confidence is not None and page.confidence > 0.8


def test_png_without_dpi_and_with_alpha(paperless: Path) -> None:
    for name in ("simple.png", "simple-no-dpi.png"):
        [page] = read_text(paperless / name, "image/png", OPTIONS).pages
        assert page.text == "This is a test document."
    [blank] = read_text(paperless / "no-text-alpha.png", "image/png", OPTIONS).pages
    assert (blank.source, blank.text, blank.words, blank.confidence, blank.error) == (
        "ocr",
        "",
        [],
        None,
        None,
    )


def test_image_only_pdf_with_a_blank_page(paperless: Path, tmp_path: Path) -> None:
    source = pdfium.PdfDocument(str(paperless / "multi-page-images.pdf"))
    built = pdfium.PdfDocument.new()
    built.import_pages(source, [0])
    built.new_page(612, 792)
    path = tmp_path / "scan-and-blank.pdf"
    built.save(str(path))
    built.close()
    source.close()
    doc = read_text(path, PDF, OPTIONS)
    scanned, blank = doc.pages
    assert scanned.source == "ocr" and "page 1" in scanned.text.lower()
    assert (blank.source, blank.text, blank.words, blank.rotation, blank.error) == ("ocr", "", [], 0, None)
    assert blank.confidence is None


def test_a_page_whose_ocr_fails_does_not_take_the_others(paperless: Path) -> None:
    # tesseract really fails here: it has no "xyz" language data.
    doc = read_text(paperless / "multi-page-mixed.pdf", PDF, TextOptions(ocr_workers=2, languages="xyz"))
    for page in doc.pages[:3]:
        assert page.source == "none" and page.text == "" and page.words == []
        assert page.error is not None and "Failed loading language 'xyz'" in page.error
        assert page.width > 0 and page.height > 0
    assert [p.source for p in doc.pages[3:]] == ["text_layer"] * 3
    _in_order(doc, ["page 4", "page 5", "page 6"])


def test_many_scanned_pages_keep_their_order(tmp_path: Path) -> None:
    """More pages than the pool keeps in flight (two per worker): each result lands on its own page."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=40)
    pages = []
    for number in range(1, 9):
        image = Image.new("L", (1100, 850), 255)  # 5.5 x 4.25 in at 200 dpi
        draw = ImageDraw.Draw(image)
        draw.text((150, 200), f"Hoja {number} de 8", fill=0, font=font)
        draw.text((150, 320), f"Pedimento 24  47  3445  400{number:04d}", fill=0, font=font)
        pages.append(image)
    path = tmp_path / "eight.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=200.0)
    doc = read_text(path, PDF, OPTIONS)
    assert [p.number for p in doc.pages] == list(range(1, 9))
    for number, page in enumerate(doc.pages, start=1):
        assert page.source == "ocr"
        assert page.width == pytest.approx(396, abs=1) and page.height == pytest.approx(306, abs=1)
        flat = " ".join(page.text.split())
        assert f"Hoja {number} de 8" in flat
        assert f"Pedimento 24 47 3445 400{number:04d}" in flat


def test_a_scan_with_a_typed_stamp_is_ocrd_as_a_scan(paperless: Path, tmp_path: Path) -> None:
    """A digitised page: the scan fills the page and a short typed mark sits on top of it."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    source = pdfium.PdfDocument(str(paperless / "multi-page-images.pdf"))
    scan = source[0].render(scale=200 / 72).to_pil()
    source.close()
    path = tmp_path / "stamped.pdf"
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    c.drawImage(ImageReader(scan), 0, 0, width=612, height=792)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(380, 30, "COPIA DIGITALIZADA 0042")
    c.showPage()
    c.save()
    [page] = read_text(path, PDF, OPTIONS).pages
    assert page.source == "ocr" and page.error is None
    flat = " ".join(page.text.split()).lower()
    assert "page 1" in flat and "copia digitalizada 0042" in flat
    assert page.confidence is not None and page.confidence > 0.8


def test_sparse_pages_turned_sideways_or_upside_down(paperless: Path, tmp_path: Path) -> None:
    """One short line of text: too little for OSD's default threshold, still turned upright."""
    from PIL import Image

    from extractors.ocr import rotate

    with Image.open(paperless / "multi-page-images.tiff") as tiff:
        upright = tiff.convert("L")
    turned = [rotate(upright, 90), rotate(upright, 180)]
    path = tmp_path / "turned.tiff"
    turned[0].save(path, save_all=True, append_images=turned[1:], dpi=(300, 300))
    doc = read_text(path, "image/tiff", OPTIONS)
    assert [p.rotation for p in doc.pages] == [270, 180]
    for page in doc.pages:
        assert "this is a multi page document. page 1." in " ".join(page.text.split()).lower()
        assert page.width < page.height  # upright portrait again
