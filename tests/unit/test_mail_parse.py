"""Reading raw messages: headers in any charset, attachments found and named, bodies left out, damaged MIME
reported in plain words, limits kept. No database here."""

from __future__ import annotations

import io
import os
import random
from email.message import EmailMessage

from PIL import Image

from intake.mail import (
    MAX_PARTS,
    MailPart,
    decode_text,
    normalise_address,
    parse_message,
    skip_reason,
)


def _noise_png(width: int, height: int) -> bytes:
    rng = random.Random(width * 1000 + height)
    im = Image.frombytes("RGB", (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * 3)))
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def _message(**headers: str) -> EmailMessage:
    m = EmailMessage()
    m["From"] = headers.get("from", "Ana Proveedora <ana@proveedor.mx>")
    m["To"] = headers.get("to", "facturas@drop.example.mx")
    m["Subject"] = headers.get("subject", "Facturas de noviembre")
    m["Message-ID"] = headers.get("message_id", "<abc.123@proveedor.mx>")
    m["Date"] = headers.get("date", "Tue, 24 Nov 2026 10:15:00 -0600")
    m.set_content("Adjunto las facturas.\n")
    return m


def test_headers_and_attachments_are_read_and_bodies_are_not_parts() -> None:
    m = _message()
    m.add_alternative("<p>Adjunto las facturas.</p>", subtype="html")
    m.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="factura.pdf")
    m.add_attachment(b"<?xml version='1.0'?><a/>", maintype="text", subtype="xml", filename="factura.xml")
    parsed = parse_message(m.as_bytes())
    h = parsed.headers
    assert h.message_id == "<abc.123@proveedor.mx>"
    assert h.subject == "Facturas de noviembre"
    assert h.from_address == "ana@proveedor.mx"
    assert h.from_header == "Ana Proveedora <ana@proveedor.mx>"
    assert h.to == "facturas@drop.example.mx"
    assert h.date == "2026-11-24T10:15:00-06:00"
    assert [(p.filename, p.content_type) for p in parsed.parts] == [
        ("factura.pdf", "application/pdf"),
        ("factura.xml", "text/xml"),
    ]
    assert parsed.parts[0].data == b"%PDF-1.4 fake"
    assert parsed.defects == []


def test_encoded_word_headers_and_filenames_are_decoded() -> None:
    raw = (
        b"From: =?iso-8859-1?q?Jos=E9_P=E9rez?= <Jose@Proveedor.MX>\r\n"
        b"Subject: =?utf-8?b?RmFjdHVyYSBkZSBhbWJhcnF1ZSDDsQ==?= =?utf-8?q?_pedimento?=\r\n"
        b"Message-ID: <x1@proveedor.mx>\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain\r\n\r\nhola\r\n"
        b'--b1\r\nContent-Type: application/pdf; name="=?utf-8?q?factura_a=C3=B1o.pdf?="\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n"
        b"--b1\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename*=utf-8''gu%C3%ADa%20a%C3%A9rea.pdf\r\n\r\n%PDF-1.4\r\n"
        b"--b1--\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.headers.from_header == "José Pérez <Jose@Proveedor.MX>"
    assert parsed.headers.from_address == "jose@proveedor.mx"
    assert parsed.headers.subject == "Factura de ambarque ñ pedimento"
    assert [p.filename for p in parsed.parts] == ["factura año.pdf", "guía aérea.pdf"]
    assert parsed.parts[0].data == b"%PDF-1.4"


def test_raw_8bit_headers_in_utf8_or_windows_1252_are_readable() -> None:
    raw = "From: Proveedor <ventas@proveedor.mx>\r\nSubject: Cotización año 2026\r\n\r\nhola\r\n".encode() + b"\r\n"
    assert parse_message(raw).headers.subject == "Cotización año 2026"
    raw_1252 = "From: ventas@proveedor.mx\r\nSubject: Facturación €\r\n\r\nhola\r\n".encode("cp1252")
    assert parse_message(raw_1252).headers.subject == "Facturación €"


def test_unknown_charset_and_broken_encoded_words_do_not_raise() -> None:
    assert decode_text("=?x-no-such-charset?q?caf=E9?=") == "café"
    assert decode_text("=?utf-8?b?not base64!?=") != ""
    assert decode_text("line one\r\n\tline two\x00") == "line one line two"
    assert decode_text(None) == ""


def test_missing_headers_and_unreadable_date() -> None:
    parsed = parse_message(b"Subject: x\r\nDate: the day after tomorrow\r\n\r\nbody\r\n")
    assert parsed.headers.message_id is None
    assert parsed.headers.from_address is None
    assert parsed.headers.date is None
    assert any("Date header" in d for d in parsed.defects)


def test_normalise_address() -> None:
    assert normalise_address("José <Jose@Proveedor.MX>") == "jose@proveedor.mx"
    assert normalise_address("<ops@drop.example.mx>") == "ops@drop.example.mx"
    assert normalise_address("not an address") is None
    assert normalise_address("a@localhost") is None
    assert normalise_address("") is None


def test_damaged_mime_is_reported_in_plain_words_and_what_can_be_read_is_kept() -> None:
    no_close = (
        b"From: a@proveedor.mx\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n"
        b"--zz\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"JVBERi0xLjQK=\r\n"
    )
    parsed = parse_message(no_close)
    assert [p.filename for p in parsed.parts] == ["a.pdf"]
    assert parsed.parts[0].data.startswith(b"%PDF-1.4")
    assert any("closing boundary" in d for d in parsed.defects)
    assert any("base64" in d for d in parsed.parts[0].defects)

    no_boundary = b"From: a@proveedor.mx\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n--zz\r\nstuff\r\n"
    parsed = parse_message(no_boundary)
    assert any("no boundary" in d for d in parsed.defects)


def test_binary_garbage_does_not_raise() -> None:
    parsed = parse_message(os.urandom(4096))
    assert isinstance(parsed.parts, list)
    parsed = parse_message(b"")
    assert parsed.parts == []


def test_two_hundred_attachments_are_all_read_and_more_than_the_limit_are_counted() -> None:
    m = _message()
    for i in range(200):
        m.add_attachment(f"<doc n='{i}'/>".encode(), maintype="application", subtype="xml", filename=f"d{i}.xml")
    parsed = parse_message(m.as_bytes())
    assert len(parsed.parts) == 200
    assert parsed.parts_not_read == 0
    limited = parse_message(m.as_bytes(), max_parts=150)
    assert len(limited.parts) == 150
    assert limited.parts_not_read == 50
    assert any("50 more parts were not read" in d for d in limited.defects)
    assert MAX_PARTS >= 200


def test_attached_message_is_one_part_holding_its_bytes() -> None:
    inner = _message(subject="Reenviado", message_id="<inner@proveedor.mx>")
    inner.add_attachment(b"%PDF-1.4 inner", maintype="application", subtype="pdf", filename="inner.pdf")
    outer = _message()
    outer.add_attachment(inner, filename="forwarded.eml")
    parsed = parse_message(outer.as_bytes())
    assert len(parsed.parts) == 1
    part = parsed.parts[0]
    assert part.content_type == "message/rfc822"
    assert part.filename == "forwarded.eml"
    again = parse_message(part.data)
    assert again.headers.message_id == "<inner@proveedor.mx>"
    assert [p.data for p in again.parts] == [b"%PDF-1.4 inner"]


def test_unnamed_attachments_get_a_name_from_their_type() -> None:
    raw = (
        b"From: a@proveedor.mx\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n"
        b"--q\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--q--\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.parts[0].filename == "attachment-1.pdf"
    assert parsed.parts[0].named is False


def test_a_message_whose_whole_body_is_a_pdf_has_that_pdf_as_a_part() -> None:
    raw = b"From: a@proveedor.mx\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
    assert [p.data for p in parse_message(raw).parts] == [b"%PDF-1.4\r\n"]


def _part(data: bytes, **kw: object) -> MailPart:
    defaults: dict[str, object] = {
        "index": 1,
        "filename": "logo.png",
        "content_type": "image/png",
        "disposition": "inline",
        "content_id": "<logo@x>",
    }
    defaults.update(kw)
    return MailPart(data=data, **defaults)  # type: ignore[arg-type]


def test_small_inline_images_are_skipped_by_size_or_dimensions() -> None:
    tiny = _noise_png(40, 40)
    assert len(tiny) < 20 * 1024
    skip = skip_reason(_part(tiny))
    assert skip is not None and skip[0] == "inline_image" and "logo" in skip[1]

    small_dims = _noise_png(200, 200)  # over 20 KB, but under 300 x 300 px
    assert len(small_dims) > 20 * 1024
    skip = skip_reason(_part(small_dims, content_id=None))
    assert skip is not None and "200x200 px" in skip[1]

    big = _noise_png(400, 400)
    assert skip_reason(_part(big)) is None  # a real picture sent inline is a document
    assert skip_reason(_part(tiny, disposition="attachment", content_id=None)) is None  # attached on purpose


def test_signatures_are_skipped() -> None:
    skip = skip_reason(
        _part(b"0\x82", filename="smime.p7s", content_type="application/pkcs7-signature", disposition=None)
    )
    assert skip is not None and skip[0] == "signature"
