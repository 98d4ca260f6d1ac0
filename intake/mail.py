"""Read a raw mail message safely: its headers (decoded whatever the sender's charset) and the parts that may
be
documents, within limits.

Nothing here trusts the message: headers may be in any charset or none, MIME may be damaged, names may lie.
The parser never raises for bad input; what it could not read is listed in ``defects`` in words a clerk
understands. What the parts *are* is decided later, from their bytes (``intake.sniff``), not from their names
or types.
"""

from __future__ import annotations

import contextlib
import email
import email.message
import io
import mimetypes
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from email.header import decode_header
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

from immex.services import Services
from intake.accept import IncomingDocument, accept, quarantine_unassigned
from intake.mail_models import MailStatus
from intake.sniff import EML, ZIP, sniff_path
from intake.zipfiles import ZipBudget, ZipLimits, ZipProblem, is_office_document, walk_zip

MAX_MESSAGE_DEPTH = 3  # messages attached inside messages that are opened
MAX_PARTS = 1000  # leaves read from one message; the rest stay in the .eml and are reported
MAX_MIME_DEPTH = 20  # nested multiparts
MAX_HEADER_CHARS = 2000

INLINE_IMAGE_MAX_BYTES = 20 * 1024
INLINE_IMAGE_MAX_PIXELS = 300  # an inline image under 300 x 300 px is a logo or a signature

SIGNATURE_TYPES = frozenset(
    {"application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"}
)
BODY_TYPES = frozenset({"text/plain", "text/html", "text/enriched", "text/rtf"})

_DEFECTS = {
    "NoBoundaryInMultipartDefect": "a multipart section has no boundary, so its parts could not be separated",
    "StartBoundaryNotFoundDefect": "the boundary that separates the attachments is missing",
    "CloseBoundaryNotFoundDefect": "the message ends without its closing boundary (it may have been cut off)",
    "FirstHeaderLineIsContinuationDefect": "the first header line is malformed",
    "MisplacedEnvelopeHeaderDefect": "an envelope line appears among the headers",
    "MissingHeaderBodySeparatorDefect": "a header block is not followed by a blank line",
    "MultipartInvariantViolationDefect": "a section says it is multipart but has no parts",
    "InvalidMultipartContentTransferEncodingDefect": "a multipart section has an invalid transfer encoding",
    "UndecodableBytesDefect": "some bytes could not be decoded",
    "InvalidBase64PaddingDefect": "an attachment's base64 encoding is damaged (padding)",
    "InvalidBase64CharactersDefect": "an attachment's base64 encoding contains invalid characters",
    "InvalidBase64LengthDefect": "an attachment's base64 encoding is truncated",
    "InvalidHeaderDefect": "a header is malformed",
    "HeaderMissingRequiredValue": "a header is missing its value",
    "NonPrintableDefect": "a header contains non-printable characters",
    "ObsoleteHeaderDefect": "a header uses an obsolete syntax",
    "NonASCIILocalPartDefect": "an address contains non-ASCII characters",
}


def describe_defect(defect: Any) -> str:
    """A clerk-readable line for one of the ``email`` package's defect objects."""
    name = type(defect).__name__
    return _DEFECTS.get(name, f"the message is not well formed ({name})")


@dataclass
class MailHeaders:
    message_id: str | None = None
    subject: str | None = None
    from_header: str | None = None  # decoded, as shown to people: "José Pérez <jose@proveedor.mx>"
    from_address: str | None = None  # normalised address only
    to: str | None = None
    date: str | None = None  # ISO 8601


@dataclass
class MailPart:
    """A leaf of the MIME tree that may be a document (bodies are not parts)."""

    index: int  # position among the message's parts (1-based)
    filename: str  # as the sender named it (decoded), or made up from the type
    content_type: str  # as declared (never trusted)
    disposition: str | None  # inline | attachment | None
    content_id: str | None
    data: bytes  # for an attached message (message/rfc822): the message's bytes
    defects: list[str] = field(default_factory=list)
    named: bool = True  # False when the sender gave no name
    related: bool = False  # inside multipart/related: shown within the HTML body (a logo, a signature)

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class ParsedMail:
    headers: MailHeaders
    parts: list[MailPart]
    defects: list[str]
    parts_not_read: int = 0  # beyond MAX_PARTS


# -- headers -------------------------------------------------------------------------------------------------


def _from_8bit(raw: bytes) -> str:
    for charset in ("utf-8", "cp1252"):
        try:
            return raw.decode(charset)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _fix_surrogates(value: str) -> str:
    """Headers with raw 8-bit bytes arrive as surrogate escapes: decode them as UTF-8, else Windows-1252."""
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    return _from_8bit(value.encode("utf-8", "surrogateescape"))


def _decode_chunk(chunk: bytes | str, charset: str | None) -> str:
    if isinstance(chunk, str):
        return chunk
    if charset is None:
        return chunk.decode("raw-unicode-escape", "replace")
    if charset.lower() in ("unknown-8bit", "x-unknown"):
        return _from_8bit(chunk)
    try:
        return chunk.decode(charset, "replace")
    except LookupError:  # a charset Python does not know
        return _from_8bit(chunk)


def decode_text(value: Any) -> str:
    """A header value as text: encoded words (RFC 2047) decoded, raw 8-bit bytes read as UTF-8 or
    Windows-1252,
    folding and control characters removed. Never raises."""
    if value is None:
        return ""
    text = _fix_surrogates(str(value))
    if "=?" in text:
        # a damaged encoded word leaves the text as it came
        with contextlib.suppress(Exception):
            text = "".join(_decode_chunk(c, cs) for c, cs in decode_header(text))
    text = re.sub(r"[\r\n\t]+", " ", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return re.sub(r" {2,}", " ", text).strip()[:MAX_HEADER_CHARS]


def _raw_header(msg: email.message.Message, name: str) -> str | None:
    for key, value in msg.raw_items():
        if key.lower() == name:
            return str(value)
    return None


def normalise_address(value: str | None) -> str | None:
    """``"José <Jose@Proveedor.MX>"`` → ``jose@proveedor.mx``; None when there is no usable address."""
    if not value:
        return None
    try:
        pairs = getaddresses([value])
    except Exception:  # noqa: BLE001
        return None
    for _name, addr in pairs:
        addr = addr.strip().strip("<>").strip().lower()
        if addr.count("@") == 1 and " " not in addr:
            local, domain = addr.split("@")
            if local and "." in domain:
                return addr
    return None


def read_headers(msg: email.message.Message) -> tuple[MailHeaders, list[str]]:
    defects: list[str] = []
    mid = decode_text(_raw_header(msg, "message-id")) or None
    if mid:
        mid = mid.split()[0][:998]
    from_header = decode_text(_raw_header(msg, "from")) or None
    date_text = decode_text(_raw_header(msg, "date")) or None
    date_iso = None
    if date_text:
        try:
            date_iso = parsedate_to_datetime(date_text).isoformat()
        except (TypeError, ValueError, IndexError):
            defects.append(f"the Date header cannot be read ({date_text[:60]!r})")
    headers = MailHeaders(
        message_id=mid,
        subject=decode_text(_raw_header(msg, "subject")) or None,
        from_header=from_header,
        from_address=normalise_address(from_header),
        to=decode_text(_raw_header(msg, "to")) or None,
        date=date_iso,
    )
    return headers, defects


# -- parts ---------------------------------------------------------------------------------------------------


def _filename(part: email.message.Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001 - a damaged RFC 2231 parameter
        name = None
    if not name:
        raw = part.get_param("name")
        name = raw if isinstance(raw, str) else None
    if not name:
        return None
    return decode_text(name) or None


def _invented_name(part: email.message.Message, index: int) -> str:
    ctype = part.get_content_type()
    if ctype == "message/rfc822":
        return f"attached-message-{index}.eml"
    ext = mimetypes.guess_extension(ctype) or ".bin"
    return f"attachment-{index}{ext}"


def _is_body(part: email.message.Message, disposition: str | None, named: bool) -> bool:
    return part.get_content_type() in BODY_TYPES and disposition != "attachment" and not named


def _payload(part: email.message.Message) -> tuple[bytes, list[str]]:
    before = len(part.defects)
    try:
        data = part.get_payload(decode=True)
    except Exception as exc:  # noqa: BLE001
        return b"", [f"the attachment could not be decoded ({type(exc).__name__})"]
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    notes = [describe_defect(d) + "; what could be decoded was kept" for d in part.defects[before:]]
    return (data if isinstance(data, bytes) else b""), notes


def _message_bytes(msg: email.message.Message) -> bytes:
    from email.generator import BytesGenerator

    buf = io.BytesIO()
    BytesGenerator(buf, mangle_from_=False).flatten(msg)
    return buf.getvalue()


def parse_message(raw: bytes, *, max_parts: int = MAX_PARTS) -> ParsedMail:
    """Headers and candidate document parts of ``raw``. An attached message (``message/rfc822``) is one part
    holding its bytes; the caller decides whether to open it."""
    msg = email.message_from_bytes(raw)
    headers, defects = read_headers(msg)
    parts: list[MailPart] = []
    not_read = 0
    seen_defects: set[str] = set()
    stack: list[tuple[email.message.Message, int, bool]] = [(msg, 0, False)]
    index = 0
    while stack:
        node, depth, related = stack.pop()
        for d in node.defects:
            text = describe_defect(d)
            if text not in seen_defects:
                seen_defects.add(text)
                defects.append(text)
        ctype = node.get_content_type()
        if ctype == "message/rfc822" or (node.is_multipart() and ctype.startswith("message/")):
            inner = node.get_payload(0) if node.is_multipart() else None
            index += 1
            if len(parts) >= max_parts:
                not_read += 1
                continue
            name = _filename(node)
            data = _message_bytes(inner) if isinstance(inner, email.message.Message) else b""
            parts.append(
                MailPart(
                    index=index,
                    filename=name or _invented_name(node, index),
                    content_type=ctype,
                    disposition=node.get_content_disposition(),
                    content_id=decode_text(node.get("Content-ID")) or None,
                    data=data,
                    named=name is not None,
                )
            )
            continue
        if node.is_multipart():
            if depth >= MAX_MIME_DEPTH:
                defects.append(f"sections nested deeper than {MAX_MIME_DEPTH} levels were not opened")
                continue
            children = node.get_payload()
            if isinstance(children, list):
                in_related = ctype == "multipart/related"
                stack.extend(
                    (c, depth + 1, in_related) for c in reversed(children) if isinstance(c, email.message.Message)
                )
            continue
        if ctype.startswith("multipart/"):
            continue  # a multipart section that could not be split (its defect is recorded above)
        disposition = node.get_content_disposition()
        name = _filename(node)
        if node is msg and not name and disposition != "attachment" and ctype in BODY_TYPES:
            continue  # a plain single-part message: only a body
        if _is_body(node, disposition, name is not None):
            continue
        index += 1
        if len(parts) >= max_parts:
            not_read += 1
            continue
        data, notes = _payload(node)
        parts.append(
            MailPart(
                index=index,
                filename=name or _invented_name(node, index),
                content_type=ctype,
                disposition=disposition,
                content_id=decode_text(node.get("Content-ID")) or None,
                data=data,
                defects=notes,
                named=name is not None,
                related=related,
            )
        )
    if not_read:
        defects.append(
            f"{not_read} more parts were not read (the limit is {max_parts} per message); they are in the kept message"
        )
    return ParsedMail(headers=headers, parts=parts, defects=defects, parts_not_read=not_read)


# -- rules ---------------------------------------------------------------------------------------------------


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of an image from its header, or None when it is not an image Pillow reads."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            return int(im.size[0]), int(im.size[1])
    except Exception:  # noqa: BLE001 - not an image, or a damaged one: not small by this rule
        return None


def skip_reason(part: MailPart) -> tuple[str, str] | None:
    """(code, reason) when a part is not a document to process: a signature, or a small inline image (a logo
    or
    a signature picture). Skipped parts are recorded; their bytes stay in the kept message."""
    if part.content_type in SIGNATURE_TYPES:
        return "signature", f"{part.filename} is the message's digital signature, not a document."
    inline = part.disposition == "inline" or (
        part.content_id is not None and (part.disposition != "attachment" or part.related)
    )
    looks_image = part.content_type.startswith("image/")
    if not (inline and looks_image):
        return None
    kb = part.size / 1024
    if part.size < INLINE_IMAGE_MAX_BYTES:
        return (
            "inline_image",
            f"{part.filename} is a small picture inside the message ({kb:.0f} KB), such as a logo or a "
            "signature; it was not processed (it stays in the kept message).",
        )
    dims = image_size(part.data)
    if dims is not None and dims[0] < INLINE_IMAGE_MAX_PIXELS and dims[1] < INLINE_IMAGE_MAX_PIXELS:
        return (
            "inline_image",
            f"{part.filename} is a small picture inside the message ({dims[0]}x{dims[1]} px), such as a logo "
            "or a signature; it was not processed (it stays in the kept message).",
        )
    return None


# -- attachments into documents ------------------------------------------------------------------------------


@dataclass
class AttachmentRun:
    """Where the files of one message go (a company, through ``accept()``) and what became of each."""

    services: Services
    company_id: int
    source: str
    sender: str | None
    received_at: datetime
    provenance: dict[str, Any]
    scratch: Path
    actor: str
    budget: ZipBudget
    limits: ZipLimits
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    paths: set[str] = field(default_factory=set)

    def unique_path(self, path: str) -> str:
        candidate, n = path, 1
        while candidate in self.paths:
            n += 1
            stem, dot, ext = path.rpartition(".")
            candidate = f"{stem} ({n}).{ext}" if dot and "/" not in ext else f"{path} ({n})"
        self.paths.add(candidate)
        return candidate

    def record(self, path: str, filename: str, size: int, status: str, **extra: Any) -> dict[str, Any]:
        outcome = {"path": path, "filename": filename, "size": size, "status": status}
        outcome.update({k: v for k, v in extra.items() if v is not None})
        self.outcomes.append(outcome)
        return outcome

    def quarantine(self, file: Path, filename: str, path: str, code: str, reason: str) -> int:
        entry = quarantine_unassigned(
            self.services,
            path=file,
            filename=filename,
            source=self.source,
            sender=self.sender,
            code=code,
            reason=reason,
            company_id=self.company_id,
            provenance={**self.provenance, "attachment_path": path},
            actor=self.actor,
        )
        return entry.id


def _write_scratch(ctx: AttachmentRun, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(dir=ctx.scratch, prefix="part-")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return Path(tmp)


def take_in_parts(ctx: AttachmentRun, parts: list[MailPart], prefix: str, depth: int) -> None:
    """Every part of a message, one by one: skipped (a logo, a signature), refused (empty), opened (an attached
    message, an archive) or handed to ``accept()``. Each ends as one or more outcomes in ``ctx``."""
    for part in parts:
        path = ctx.unique_path(prefix + part.filename.replace("/", "_"))
        skip = skip_reason(part)
        if skip is not None:
            ctx.record(path, part.filename, part.size, "skipped", code=skip[0], reason=skip[1])
            continue
        if part.size == 0:
            ctx.record(
                path,
                part.filename,
                0,
                "rejected",
                code="empty",
                reason=f"{part.filename} is empty (0 bytes): there is nothing to read. Ask the sender for "
                "the file again.",
            )
            continue
        file = _write_scratch(ctx, part.data)
        try:
            notes = "; ".join(part.defects) or None
            _handle_file(ctx, file, part.filename, path, part.content_type, depth, zip_depth=0, notes=notes)
        finally:
            file.unlink(missing_ok=True)


def _handle_file(
    ctx: AttachmentRun,
    file: Path,
    filename: str,
    path: str,
    declared: str | None,
    depth: int,
    zip_depth: int,
    notes: str | None = None,
) -> None:
    """One file from the message (an attachment, a file in an archive): open it if it is a message or an
    archive, otherwise hand it to ``accept()`` like an upload."""
    size = file.stat().st_size
    kind = sniff_path(file)
    if declared == EML or kind == EML:
        if depth >= MAX_MESSAGE_DEPTH:
            reason = f"{filename} is a message inside {depth} other messages; it was not opened (it is kept)."
            qid = ctx.quarantine(file, filename, path, "nested_too_deep", reason)
            ctx.record(path, filename, size, "quarantined", code="nested_too_deep", reason=reason, quarantine_id=qid)
            return
        inner = parse_message(file.read_bytes())
        before = len(ctx.outcomes)
        take_in_parts(ctx, inner.parts, path + "/", depth + 1)
        if len(ctx.outcomes) == before:
            ctx.record(
                path,
                filename,
                size,
                "skipped",
                code="no_attachments",
                reason=f"{filename} is an attached message without attachments; it is kept in this message.",
            )
        return
    if kind == ZIP and not is_office_document(file):
        _handle_zip(ctx, file, filename, path, depth, zip_depth)
        return
    result = accept(
        ctx.services,
        IncomingDocument(
            company_id=ctx.company_id,
            source=ctx.source,
            filename=filename,
            path=file,
            sender=ctx.sender,
            received_at=ctx.received_at,
            provenance={**ctx.provenance, "attachment_path": path},
            actor=ctx.actor,
        ),
    )
    ctx.record(
        path,
        filename,
        size,
        result.status,
        document_id=result.document_id,
        sha256=result.sha256,
        code=result.code,
        reason=result.reason,
        notes=notes,
    )


def _handle_zip(ctx: AttachmentRun, file: Path, filename: str, path: str, depth: int, zip_depth: int) -> None:
    size = file.stat().st_size
    if zip_depth > ctx.limits.max_depth:
        reason = (
            f"{filename} is an archive inside an archive inside an archive; only one level of archives "
            "inside archives is opened. It is kept but not opened."
        )
        qid = ctx.quarantine(file, filename, path, "nested_archive", reason)
        ctx.record(path, filename, size, "quarantined", code="nested_archive", reason=reason, quarantine_id=qid)
        return
    unread: list[dict[str, Any]] = []
    try:
        for entry in walk_zip(file, ctx.scratch, archive_name=filename, limits=ctx.limits, budget=ctx.budget):
            inner_path = ctx.unique_path(f"{path}/{entry.path}")
            inner_name = entry.path.rsplit("/", 1)[-1]
            try:
                if entry.problem is not None and entry.file is not None:
                    code, reason = entry.problem
                    qid = ctx.quarantine(entry.file, inner_name, inner_path, code, reason)
                    ctx.record(
                        inner_path,
                        inner_name,
                        entry.size,
                        "quarantined",
                        code=code,
                        reason=reason,
                        quarantine_id=qid,
                    )
                elif entry.problem is not None:
                    code, reason = entry.problem
                    unread.append(
                        ctx.record(inner_path, inner_name, entry.size, "quarantined", code=code, reason=reason)
                    )
                elif entry.file is not None:
                    _handle_file(ctx, entry.file, inner_name, inner_path, None, depth, zip_depth + 1)
            finally:
                if entry.file is not None:
                    entry.file.unlink(missing_ok=True)
    except ZipProblem as exc:
        qid = ctx.quarantine(file, filename, path, exc.code, exc.reason)
        ctx.record(path, filename, size, "quarantined", code=exc.code, reason=exc.reason, quarantine_id=qid)
        return
    if unread:
        names = ", ".join(o["filename"] for o in unread[:5]) + (" ..." if len(unread) > 5 else "")
        reason = f"{len(unread)} file(s) in {filename} could not be unpacked ({names}); the archive is kept."
        qid = ctx.quarantine(file, filename, path, unread[0]["code"], reason)
        for o in unread:
            o["quarantine_id"] = qid


def summarise(outcomes: list[dict[str, Any]], defects: list[str]) -> tuple[str, str | None, str]:
    """(status, code, reason) of a whole message from its attachments' outcomes."""
    ok = [o for o in outcomes if o["status"] in ("accepted", "duplicate")]
    bad = [o for o in outcomes if o["status"] in ("rejected", "quarantined")]
    skipped = [o for o in outcomes if o["status"] == "skipped"]
    damaged = f" The message is not well formed: {'; '.join(defects[:3])}." if defects else ""
    if not ok and not bad:
        extra = f" ({len(skipped)} small pictures or signatures were skipped)" if skipped else ""
        return (
            MailStatus.NO_ATTACHMENTS,
            "no_attachments",
            f"The message has no attachments to process{extra}. It is kept as received.{damaged}",
        )
    if bad:
        first = bad[0].get("reason") or bad[0].get("code")
        return (
            MailStatus.PROBLEMS,
            "attachments_refused",
            f"{len(ok)} attachment(s) taken in, {len(bad)} not processed (e.g. {first}).{damaged}",
        )
    return MailStatus.DELIVERED, None, f"{len(ok)} attachment(s) taken in.{damaged}"


def take_in_file(ctx: AttachmentRun, file: Path, filename: str, path: str) -> None:
    """One file that came on its own (an upload, a file given to the CLI): opened when it is an archive or a
    message, otherwise handed to ``accept()``; what became of it (and of each file inside) is in ``ctx``."""
    _handle_file(ctx, file, filename, ctx.unique_path(path), None, depth=0, zip_depth=0)
