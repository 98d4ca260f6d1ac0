"""The real type of a file, from its bytes; the name and the sender's claim are never trusted."""

from __future__ import annotations

import re
from pathlib import Path

from immex.messages import N_

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
XML = "application/xml"
ZIP = "application/zip"
EML = "message/rfc822"
HTML = "text/html"
# A broker's validation file (M3) and a SAT Data Stage extract: vendor types of our own, since neither has a
# registered one. M3 is plain text of `NNN|...` records starting with 500 or 501; a Data Stage extract is a ZIP
# whose first member is a `<prefix>_NNN.asc` record file.
M3 = "application/vnd.immex.m3"
DATASTAGE = "application/vnd.immex.datastage+zip"

DOCUMENT_TYPES = frozenset({PDF, PNG, JPEG, TIFF, XML, M3, DATASTAGE})
STRUCTURED_TYPES = frozenset({M3, DATASTAGE})

_NAMES = {  # said in refusals, which are translated when shown (``N_``)
    PDF: "PDF",
    PNG: N_("PNG image"),
    JPEG: N_("JPEG image"),
    TIFF: N_("TIFF image"),
    XML: "XML",
    ZIP: N_("ZIP archive"),
    HTML: N_("an HTML web page"),
    M3: N_("validation file (M3)"),
    DATASTAGE: N_("Data Stage extract"),
}

# The first tags of a web page: an HTML page is never a document here, even when it is named .pdf or .xml.
_HTML_TAGS = frozenset({b"html", b"head", b"body", b"meta", b"script", b"title", b"link", b"style", b"div"})
_TAG = re.compile(rb"<([a-z][a-z0-9]*)")


def describe(media_type: str | None) -> str:
    return _NAMES.get(media_type or "", media_type or "unknown")


def sniff(head: bytes) -> str | None:
    """The media type of a file given its first bytes (4 KiB is plenty), or None when it is none we know.

    A ZIP is recognised first: an archive whose entries are stored uncompressed shows its first entry's bytes
    (a PDF's ``%PDF-``) within its first kilobyte, and must still be taken for the archive it is."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return DATASTAGE if _first_member_is_record_file(head) else ZIP
    if head.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and not head.lstrip().startswith(b"<")):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return TIFF
    if _looks_like_m3(head):
        return M3
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"\xff\xfe") or text.startswith(b"\xfe\xff"):
        try:
            text = head.decode("utf-16").encode("utf-8").lstrip(b"\xef\xbb\xbf").lstrip()
        except UnicodeDecodeError:
            return None
    if _looks_like_html(text):
        return HTML
    if text.startswith(b"<?xml") or (text.startswith(b"<") and b">" in text[:2048] and _looks_like_xml(text)):
        return XML
    if _looks_like_mail(head):
        return EML
    return None


_M3_LINE = re.compile(rb"^\d{3}\|")
_DS_MEMBER = re.compile(rb"(?:^|[/_\-.])\d{3}\.(?:asc|txt)$", re.IGNORECASE)


def _looks_like_m3(head: bytes) -> bool:
    """Lines of `NNN|...` records, the first one 500 or 501 (a byte-order mark and blank lines are allowed).
    Most lines, not all, must be records: a damaged line is the parser's to report, line by line."""
    lines = [line.strip() for line in head.lstrip(b"\xef\xbb\xbf").splitlines() if line.strip()]
    if not lines or not lines[0].startswith((b"500|", b"501|")):
        return False
    records = sum(1 for line in lines if _M3_LINE.match(line))
    return records * 2 > len(lines)


def _first_member_is_record_file(head: bytes) -> bool:
    """A ZIP whose first member is named like a Data Stage record file (`<prefix>_501.asc`)."""
    if not head.startswith(b"PK\x03\x04") or len(head) < 30:
        return False
    name_length = int.from_bytes(head[26:28], "little")
    return bool(_DS_MEMBER.search(head[30 : 30 + name_length]))


def _looks_like_xml(text: bytes) -> bool:
    first = text[1:2]
    return first.isalpha() or first in (b"!", b"?")


def _looks_like_html(text: bytes) -> bool:
    """An HTML (or XHTML) page: a doctype of html, or an HTML tag among its first few tags."""
    lowered = text[:2048].lower()
    if not lowered.startswith(b"<"):
        return False
    if b"<!doctype html" in lowered:
        return True
    return any(tag in _HTML_TAGS for tag in _TAG.findall(lowered)[:3])


def _looks_like_mail(head: bytes) -> bool:
    top = head[:2048].lower()
    return top.startswith((b"received:", b"return-path:", b"from:", b"message-id:", b"mime-version:")) and (
        b"\nsubject:" in top or b"\nfrom:" in top or b"\nto:" in top
    )


def sniff_path(path: Path) -> str | None:
    with open(path, "rb") as fh:
        return sniff(fh.read(4096))
