import pytest

from intake.sniff import EML, JPEG, PDF, PNG, TIFF, XML, ZIP, sniff
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
