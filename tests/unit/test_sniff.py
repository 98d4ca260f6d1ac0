import pytest

from intake.sniff import EML, HTML, JPEG, PDF, PNG, TIFF, XML, ZIP, sniff
from tests.factories import png_bytes


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", PDF),
        (png_bytes()[:64], PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (b"II*\x00\x08\x00\x00\x00", TIFF),
        (b"MM\x00*\x00\x00\x00\x08", TIFF),
        (b'<?xml version="1.0" encoding="UTF-8"?><cfdi:Comprobante/>', XML),
        (b"\xef\xbb\xbf<?xml version='1.0'?><a/>", XML),
        (b"<cfdi:Comprobante xmlns:cfdi='http://www.sat.gob.mx/cfd/4'/>", XML),
        (b"PK\x03\x04\x14\x00", ZIP),
        (b"From: a@b.mx\nTo: c@d.mx\nSubject: x\n\nbody", EML),
        (b"MZ\x90\x00\x03", None),
        (b"hello, plain text", None),
        (b"", None),
    ],
)
def test_sniff_by_bytes(head: bytes, expected: str | None) -> None:
    assert sniff(head) == expected


def test_utf16_xml_is_xml() -> None:
    assert sniff('<?xml version="1.0" encoding="UTF-16"?><a/>'.encode("utf-16")) == XML


def _stored_zip(*names: str) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name in names:
            zf.writestr(name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    return buf.getvalue()


def test_a_zip_of_stored_pdfs_is_a_zip() -> None:
    """Its first entry's ``%PDF-`` shows within the first kilobyte; it is still an archive."""
    data = _stored_zip("a.pdf", "b.pdf", "c.pdf")
    assert b"%PDF-" in data[:1024]
    assert sniff(data[:4096]) == ZIP


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html><head><title>Factura</title></head><body>1</body></html>",
        b"<html><body><p>Pedimento</p></body></html>",
        b"\n  <HTML lang='es'><HEAD></HEAD></HTML>",
        b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
        b"<!-- saved from url=(0014)about:internet --><html><body></body></html>",
    ],
)
def test_html_is_html_not_xml(head: bytes) -> None:
    assert sniff(head) == HTML
