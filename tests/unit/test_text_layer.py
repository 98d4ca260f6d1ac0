"""The text step on PDFs with a text layer, and its document-level errors (no OCR runs here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from extractors.text import TextError, TextOptions, count_pages, read_text
from immex.errors import ImmexError

PDF = "application/pdf"


def _cfdi_printout(corpus: Path) -> Path:
    return corpus / "cfdi-nodecfdi-cfdi-to-pdf" / "cfdi33_valid.pdf"


def _two_page_invoice(corpus: Path) -> Path:
    return corpus / "invoice2data" / "compare" / "QualityHosting.pdf"


def _encrypted_pdf(path: Path, user_password: str) -> Path:
    encryption = pdfencrypt.StandardEncryption(user_password, ownerPassword="propietario", canPrint=1)
    c = canvas.Canvas(str(path), encrypt=encryption)
    c.drawString(72, 720, "Pedimento 24  47  3445  4001234")
    c.showPage()
    c.save()
    return path


def test_text_layer_page_has_text_and_words_in_points(corpus: Path) -> None:
    doc = read_text(_cfdi_printout(corpus), PDF, TextOptions())
    assert doc.media_type == PDF
    [page] = doc.pages
    assert (page.number, page.source, page.confidence, page.rotation, page.error) == (
        1,
        "text_layer",
        None,
        0,
        None,
    )
    assert page.width == pytest.approx(595, abs=1) and page.height == pytest.approx(842, abs=1)
    assert "CFDI 3.3 de Ingreso" in page.text
    assert "\r" not in page.text
    assert len(page.words) > 100
    for word in page.words:
        assert word.confidence == 1.0
        assert 0 <= word.x0 <= word.x1 <= page.width + 1  # a few fonts give a glyph no width
        assert "(cid:" not in word.text
        assert 0 <= word.top < word.bottom <= page.height + 1
    # The title is printed at the top of the page: top-left origin, not PDF's bottom-left.
    title = next(w for w in page.words if w.text == "CFDI")
    assert title.top < 100


def test_words_are_skipped_when_not_asked_for(corpus: Path) -> None:
    doc = read_text(_cfdi_printout(corpus), PDF, TextOptions(words=False))
    assert doc.pages[0].words == []
    assert "CFDI 3.3 de Ingreso" in doc.pages[0].text


def test_pages_come_in_order(corpus: Path) -> None:
    doc = read_text(_two_page_invoice(corpus), PDF, TextOptions(words=False))
    assert [p.number for p in doc.pages] == [1, 2]
    assert all(p.source == "text_layer" and p.text.strip() for p in doc.pages)
    assert doc.text.count("\f") == 1


def test_encrypted_with_empty_password_is_read(tmp_path: Path) -> None:
    path = _encrypted_pdf(tmp_path / "empty.pdf", user_password="")
    doc = read_text(path, PDF, TextOptions())
    assert "Pedimento 24 47 3445 4001234" in " ".join(doc.pages[0].text.split())
    assert [w.text for w in doc.pages[0].words][:2] == ["Pedimento", "24"]
    assert count_pages(path, PDF) == 1


def test_encrypted_with_a_password_is_refused_clearly(tmp_path: Path) -> None:
    path = _encrypted_pdf(tmp_path / "locked.pdf", user_password="secreto")
    for call in (lambda: read_text(path, PDF, TextOptions()), lambda: count_pages(path, PDF)):
        with pytest.raises(TextError) as caught:
            call()
        assert caught.value.code == "encrypted"
        assert caught.value.retryable is False
        assert isinstance(caught.value, ImmexError)
        assert "password" in caught.value.message


@pytest.mark.parametrize("fraction", [0.0, 0.3, 0.9])
def test_truncated_pdf_is_corrupt(corpus: Path, tmp_path: Path, fraction: float) -> None:
    data = _cfdi_printout(corpus).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(TextError) as caught:
        read_text(path, PDF, TextOptions())
    assert caught.value.code == "corrupt"
    assert "damaged" in caught.value.message


def test_garbage_after_a_pdf_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(TextError) as caught:
        count_pages(path, PDF)
    assert caught.value.code == "corrupt"


def test_too_many_pages(corpus: Path) -> None:
    with pytest.raises(TextError) as caught:
        read_text(_two_page_invoice(corpus), PDF, TextOptions(max_pages=1))
    assert caught.value.code == "too_many_pages"
    assert "has 2 pages; the limit is 1" in caught.value.message


def test_unsupported_type() -> None:
    with pytest.raises(TextError) as caught:
        read_text(Path("whatever.xml"), "application/xml", TextOptions())
    assert caught.value.code == "unsupported"
    assert "application/xml" in caught.value.message


def test_missing_file_is_not_blamed_on_the_sender(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_text(tmp_path / "nope.pdf", PDF, TextOptions())


def test_count_pages(corpus: Path) -> None:
    assert count_pages(_two_page_invoice(corpus), PDF) == 2
    tess = corpus / "ocr-paperless-ngx" / "tesseract"
    assert count_pages(tess / "multi-page-images.tiff", "image/tiff") == 3
    assert count_pages(tess / "simple.png", "image/png") == 1
    assert count_pages(tess / "multi-page-mixed.pdf", PDF) == 6


def test_damaged_image_is_corrupt(corpus: Path, tmp_path: Path) -> None:
    data = (corpus / "ocr-paperless-ngx" / "tesseract" / "simple.png").read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(data[: len(data) // 2])
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"\x89PNG not really")
    for path in (cut, junk):
        with pytest.raises(TextError) as caught:
            read_text(path, "image/png", TextOptions())
        assert caught.value.code == "corrupt"


def test_image_page_limit(tmp_path: Path) -> None:
    path = tmp_path / "three.tiff"
    frames = [Image.new("L", (100, 100), 255) for _ in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with pytest.raises(TextError) as caught:
        read_text(path, "image/tiff", TextOptions(max_pages=2))
    assert caught.value.code == "too_many_pages"
    assert "has 3 pages; the limit is 2" in caught.value.message


def test_word_boxes_failing_keeps_the_text(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors import textlayer

    def broken(*args: object) -> list[textlayer.WordBox]:
        raise ValueError("unexpected content stream")

    monkeypatch.setattr(textlayer, "read_words", broken)
    [page] = read_text(_cfdi_printout(corpus), PDF, TextOptions()).pages
    assert page.source == "text_layer" and "CFDI 3.3 de Ingreso" in page.text
    assert page.words == []
    assert page.error is not None and "word boxes of page 1" in page.error
