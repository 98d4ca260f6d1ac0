"""`extract()`: one document in, one `immex.extraction/v1` result out.

The steps, in order (each a small function below): sniff the type → read the text (or parse the XML) → read a
sheet printed with two pages side by side as two pages → find entities → classify → run the family extractor →
add references and warnings every family shares → wrap in the envelope → validate against the schema.
`immex extract FILE` and the processing job both call it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractors import checks
from extractors.cfdi import extract_cfdi_xml
from extractors.classify import classify_text
from extractors.entities import Entity, find_entities
from extractors.learned import LearnedReading, best_reading
from extractors.learned.read import totals_problems
from extractors.m3 import DATASTAGE_MEDIA_TYPE, M3_MEDIA_TYPE
from extractors.ocr_reread import reread_doubts
from extractors.result import SCHEMA_ID, ExtractionContext, ResultBuilder, needs_review, validate
from extractors.review import review_checks
from extractors.review_agreement import agreement_checks, table_checks
from extractors.review_confirm import confirm_legal_forms
from extractors.sheets import place_on_sheets, split_sheets
from extractors.text import PDF_TYPES, DocumentText, PageText, TextOptions, Word, read_text
from extractors.xmlsafe import XmlRefused

EXTRACTOR_VERSION = "1.0.0"
XML_TYPE = "application/xml"
TEXT_TYPE = "text/plain"
LOW_OCR_CONFIDENCE = 0.6
REVIEW_THRESHOLD = 0.7

log = logging.getLogger(__name__)

Family = Callable[[DocumentText, ExtractionContext], Any]


def extract(
    path: Path,
    *,
    filename: str | None = None,
    media_type: str | None = None,
    sha256: str | None = None,
    doc_text: DocumentText | None = None,
    options: TextOptions | None = None,
    memory: list[dict[str, Any]] | None = None,
    doc_type: str | None = None,
) -> dict[str, Any]:
    """Read one document into the extraction contract (validated); `TextError` when it cannot be read.

    ``memory`` is the company's layout memory (``evidence.layouts``): a document of a learned issuer and layout
    is read with it first and the general reader second. ``doc_type`` reads it as that type (a person said so)
    instead of classifying it.
    """
    path = Path(path)
    media_type = media_type or sniff_media_type(path)
    filename = filename or path.name
    source: dict[str, Any] = {
        "filename": filename,
        "sha256": sha256 or file_sha256(path),
        "media_type": media_type,
        "pages": 1,
    }
    if media_type in (M3_MEDIA_TYPE, DATASTAGE_MEDIA_TYPE):
        results = extract_structured(path, source)
        if len(results) == 1 and media_type == M3_MEDIA_TYPE:
            return results[0]
        return structured_container(results, source, media_type)
    if media_type == XML_TYPE or media_type.endswith("+xml") or media_type == "text/xml":
        doc_type, confidence, builder = extract_xml(path)
        text_source = "xml"
    else:
        if doc_text is None:
            doc_text = read_plain_text(path) if media_type == TEXT_TYPE else read_text(path, media_type, options)
        source["pages"] = len(doc_text.pages)
        # two pages printed side by side on one sheet are read as two pages; what they hold points at the sheet
        pages, halves = split_sheets(doc_text)
        doc_type, confidence, builder = extract_document(
            pages, path, filename, media_type, options, memory=memory, forced_type=doc_type
        )
        place_on_sheets(builder, halves)
        text_source = text_source_of(doc_text)
    result: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "source": source,
        "doc_type": doc_type,
        "doc_type_confidence": round(confidence, 4),
        "text_source": text_source,
        "fields": builder.fields,
        "lines": builder.lines,
        "references": builder.references,
        "warnings": builder.warnings,
        "extractor_version": EXTRACTOR_VERSION,
    }
    result.update({key: value for key, value in builder.extra.items() if key not in result})
    if doc_text is not None and media_type in PDF_TYPES and text_source != "text_layer":
        # OCR's doubt about values a closer second look reads the same is no reason for review
        reread_doubts(result, path, doc_text, REVIEW_THRESHOLD, (options or TextOptions()).languages)
    result["needs_review"] = needs_review(result, REVIEW_THRESHOLD)
    validate(result)
    return result


def extract_structured(path: Path, source: dict[str, Any]) -> list[dict[str, Any]]:
    """One result per pedimento of a validation file (M3) or Data Stage extract; `StructuredFileError` (with
    every bad line) when the file cannot be loaded."""
    from extractors.m3.parse import parse_datastage, parse_m3
    from extractors.m3.result import file_results

    reader = parse_m3 if source["media_type"] == M3_MEDIA_TYPE else parse_datastage
    parsed = reader(path.read_bytes(), source["filename"])
    results = file_results(parsed, source)
    for result in results:
        result["extractor_version"] = EXTRACTOR_VERSION
    return results


def structured_container(results: list[dict[str, Any]], source: dict[str, Any], media_type: str) -> dict[str, Any]:
    """The result of a file holding several pedimentos (or a Data Stage extract): type `other`, with each
    pedimento's own result under `pedimentos` (each is stored as a document of its own by the worker)."""
    numbers = [r["fields"]["pedimento_number"]["value"] for r in results]
    result: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "source": source,
        "doc_type": "other",
        "doc_type_confidence": 1.0,
        "text_source": "m3" if media_type == M3_MEDIA_TYPE else "data_stage",
        "fields": {},
        "lines": [],
        "references": [{"kind": "pedimento", "value": n} for n in numbers],
        "warnings": [],
        "extractor_version": EXTRACTOR_VERSION,
        "pedimentos": results,
        "needs_review": False,
    }
    validate(result)
    return result


def extract_all(path: Path) -> list[dict[str, Any]]:
    """`immex extract`: the file's result, or one result per pedimento of a validation file / extract."""
    path = Path(path)
    media_type = sniff_media_type(path)
    if media_type in (M3_MEDIA_TYPE, DATASTAGE_MEDIA_TYPE):
        source = {"filename": path.name, "sha256": file_sha256(path), "media_type": media_type, "pages": 1}
        return extract_structured(path, source)
    return [extract(path, media_type=media_type)]


def sniff_media_type(path: Path) -> str:
    """The type from the bytes (intake's sniffer), falling back to plain text for readable UTF-8."""
    media_type: str | None = None
    try:
        from intake.sniff import sniff_path

        media_type = sniff_path(path)
    except ImportError:  # pragma: no cover - intake is part of the same distribution
        pass
    if media_type:
        return media_type
    head = path.read_bytes()[:4096]
    if head.lstrip().startswith(b"<"):
        return XML_TYPE
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    controls = sum(1 for char in decoded if ord(char) < 32 and char not in "\t\n\r\f")
    if not decoded.strip() or controls > len(decoded) // 100:
        return "application/octet-stream"
    return TEXT_TYPE


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_plain_text(path: Path) -> DocumentText:
    """A plain-text document (an invoice exported as text), pages split on form feeds.

    Word boxes are laid out as on a monospaced page (6 pt a character, 12 pt a line) so that the layout
    rules (label → value by position, table columns) work on text exports too.
    """
    text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        words = [
            Word(match.group(0), 6.0 * match.start(), 12.0 * row, 6.0 * match.end(), 12.0 * row + 10.0, 1.0)
            for row, line in enumerate(chunk.split("\n"))
            for match in re.finditer(r"\S+", line.expandtabs(8))
        ]
        width = max((word.x1 for word in words), default=612.0)
        height = 12.0 * (chunk.count("\n") + 1)
        pages.append(PageText(number, chunk, words, "text_layer", None, width, height, 0))
    return DocumentText(media_type=TEXT_TYPE, pages=pages)


def extract_xml(path: Path) -> tuple[str, float, ResultBuilder]:
    """CFDI XML (parsed, never OCR'd); unsafe or damaged XML becomes an `other` result with a warning."""
    try:
        return extract_cfdi_xml(path.read_bytes())
    except XmlRefused as exc:
        builder = ResultBuilder()
        builder.warn("xml_refused", exc.message)
        builder.extra["error_code"] = exc.code
        return "other", 1.0, builder


def text_source_of(doc_text: DocumentText) -> str:
    sources = {page.source for page in doc_text.pages if page.source != "none"}
    if sources == {"text_layer"}:
        return "text_layer"
    if sources == {"ocr"} or not sources:
        return "ocr"
    return "mixed"


def page_entities(doc_text: DocumentText) -> dict[int, list[Entity]]:
    """The entity layer's findings, per page number."""
    return {page.number: find_entities(page.text) for page in doc_text.pages if page.text.strip()}


def extract_document(
    doc_text: DocumentText,
    path: Path,
    filename: str,
    media_type: str,
    options: TextOptions | None,
    *,
    memory: list[dict[str, Any]] | None = None,
    forced_type: str | None = None,
) -> tuple[str, float, ResultBuilder]:
    entities = page_entities(doc_text)
    all_entities = [entity for found in entities.values() for entity in found]
    classification = classify_text(doc_text.text[:60000], all_entities)
    learned = best_reading(doc_text, memory or [], forced_type) if memory else None
    doc_type, confidence = classification.doc_type, classification.confidence
    if forced_type:
        doc_type, confidence = forced_type, 1.0
    elif learned is not None:
        doc_type, confidence = learned.doc_type, max(learned.score, classification.confidence)
    context = ExtractionContext(
        path=path,
        filename=filename,
        media_type=media_type,
        doc_type=doc_type,
        entities=entities,
        options=options,
    )
    builder = run_family(doc_type, drop_ocr_noise(doc_text), context)
    if learned is not None:
        apply_learned(learned, builder)
    add_page_warnings(doc_text, builder)
    own_text, own_entities = document_pages(doc_text, entities, builder)
    # OCR's doubt about a legal form's words is no reason for review
    _checked(builder, confirm_legal_forms, builder, own_text.pages)
    _checked(builder, review_checks, doc_type, builder, own_text.text.splitlines())
    _checked(builder, add_entity_references, doc_type, entities, builder)
    if not any(w["code"] in ("extractor_failed", "no_extractor") for w in builder.warnings):
        texts = {page.number: page.text for page in own_text.pages}
        _checked(builder, agreement_checks, doc_type, builder, own_entities, texts)
        _checked(builder, table_checks, builder, texts)
    builder.extra["classification"] = {
        "scores": {name: round(score, 2) for name, score in classification.scores.items() if score},
        "evidence": classification.evidence,
    }
    return doc_type, confidence, builder


def document_pages(
    doc_text: DocumentText, entities: dict[int, list[Entity]], builder: ResultBuilder
) -> tuple[DocumentText, dict[int, list[Entity]]]:
    """The pages the family's reading says are the document's (``document_pages``: a file may hold another
    document after it, such as the receipt of an invoice's payment, which the family left unread) and their
    entities: the checks of what was read look at those pages only, so the other document's values are not taken
    for values the reading missed. Every page when the family says nothing."""
    own = builder.extra.get("document_pages")
    if not own:
        return doc_text, entities
    pages = [page for page in doc_text.pages if page.number in own]
    return DocumentText(doc_text.media_type, pages), {n: found for n, found in entities.items() if n in own}


def _checked(builder: ResultBuilder, check: Callable[..., None], *args: Any) -> None:
    """Run one of the checks that follow the family's reading. A bug in a check must not lose the reading: it is
    kept, and the document goes to review saying a check could not run."""
    try:
        check(*args)
    except Exception:  # noqa: BLE001 - logged with its traceback; the document is routed to a person
        log.exception("the check %s failed", getattr(check, "__name__", check))
        builder.warn(
            "check_failed",
            "A check of what was read could not run because of an internal error; the reading was kept and needs "
            "a person to confirm it.",
        )


def apply_learned(learned: LearnedReading, builder: ResultBuilder) -> None:
    """The layout memory's reading first, the general reader's for what it does not cover: learned fields
    replace general ones, fields a person emptied are dropped, learned line items replace the general ones."""
    for name in learned.absent:
        builder.fields.pop(name, None)
    builder.fields.update(learned.fields)
    if learned.lines is not None:
        builder.lines[:] = learned.lines
    stale = {"no_extractor"} | ({"line_mismatch", "totals_mismatch"} if learned.lines is not None else set())
    builder.warnings[:] = [
        w for w in builder.warnings if w.get("code") not in stale and w.get("field") not in learned.fields
    ]
    for code, message, field_name in totals_problems(builder.fields, builder.lines):
        builder.warn(code, message, field_name)
    builder.extra["learned_layout"] = {
        "id": learned.layout_id,
        "version": learned.version,
        "match": learned.score,
        "fields": sorted(learned.fields),
        "lines": len(learned.lines or []),
    }


NOISE_CONFIDENCE = 0.35


def drop_ocr_noise(doc_text: DocumentText) -> DocumentText:
    """The same pages without the OCR specks: words of one or two characters that OCR itself doubted
    (below 35%), such as `;` or `i` read off a stamp or a rule. The page text is left as it was."""
    pages = []
    for page in doc_text.pages:
        if page.source == "text_layer" or not page.words:
            pages.append(page)
            continue
        words = [word for word in page.words if word.confidence >= NOISE_CONFIDENCE or len(word.text.strip()) > 2]
        pages.append(dataclasses.replace(page, words=words))
    return DocumentText(media_type=doc_text.media_type, pages=pages)


def family_for(doc_type: str) -> Family | None:
    """The extractor of a document family, if its module is installed."""
    targets = {
        "cfdi": ("extractors.cfdi_pdf", "extract_cfdi_printout"),
        "commercial_invoice": ("extractors.invoice", "extract_invoice"),
        "packing_list": ("extractors.packing_list", "extract_packing_list"),
        "pedimento": ("extractors.pedimento", "extract_pedimento"),
        "bill_of_lading": ("extractors.bill_of_lading", "extract_bill_of_lading"),
    }
    target = targets.get(doc_type)
    if target is None:
        return None
    try:
        module = importlib.import_module(target[0])
    except ImportError as exc:
        if exc.name != target[0]:
            raise
        return None
    function: Family | None = getattr(module, target[1], None)
    return function


def run_family(doc_type: str, doc_text: DocumentText, context: ExtractionContext) -> ResultBuilder:
    """Run the family extractor and bring its result into a `ResultBuilder` (whatever shape it returned)."""
    family = family_for(doc_type)
    builder = ResultBuilder()
    if family is None:
        if doc_type not in ("other", "bom"):
            builder.warn("no_extractor", f"No field extractor is installed for {doc_type} documents yet.")
        return builder
    try:
        produced = family(doc_text, context)
    except Exception:  # a bug in one family must not lose the document: it goes to review with what we have
        log.exception("the %s extractor failed on %s", doc_type, context.filename)
        builder.warn(
            "extractor_failed",
            f"The {doc_type.replace('_', ' ')} fields could not be read because of an internal error; "
            "the document was kept and needs a person to read it.",
        )
        return builder
    if isinstance(produced, ResultBuilder):
        return produced
    get = produced.get if isinstance(produced, dict) else lambda name: getattr(produced, name, None)
    builder.fields.update(get("fields") or {})
    builder.lines.extend(get("lines") or [])
    for reference in get("references") or []:
        builder.add_reference(reference["kind"], reference["value"])
    builder.warnings.extend(get("warnings") or [])
    return builder


def add_page_warnings(doc_text: DocumentText, builder: ResultBuilder) -> None:
    """Unreadable pages and pages OCR'd with low confidence."""
    for page in doc_text.pages:
        if page.error or page.source == "none":
            builder.warn(
                "page_unreadable",
                f"Page {page.number} could not be read: {page.error or 'no text was found on it'}.",
            )
        elif page.source == "ocr" and page.confidence is not None and page.confidence < LOW_OCR_CONFIDENCE:
            builder.warn(
                "low_ocr_confidence",
                f"Page {page.number} was scanned and read with low confidence ({page.confidence:.0%}); "
                "check its values against the paper.",
            )


_REFERENCE_OF = {"PEDIMENTO": "pedimento", "COVE": "cove", "CFDI_UUID": "cfdi_uuid", "CONTAINER": "container"}


def add_entity_references(doc_type: str, entities: dict[int, list[Entity]], builder: ResultBuilder) -> None:
    """Keys found anywhere in the text point at other documents; failed check digits become warnings."""
    own_uuid = builder.fields.get("uuid", {}).get("value")
    own_bl = str(builder.fields.get("bl_number", {}).get("value", ""))
    for page, found in entities.items():
        for entity in found:
            kind = _REFERENCE_OF.get(entity.label)
            if entity.label == "BL" and doc_type != "bill_of_lading":
                kind = "bl"
            if entity.label == "CONTAINER" and own_bl and checks.same_bill_series(entity.value, own_bl):
                if entity.value == own_bl:
                    builder.add_reference("container", entity.value)
                continue  # a carrier's B/L numbers shaped like a container (SCAC + seven digits) are no containers
            if kind and not (kind == "cfdi_uuid" and entity.value == own_uuid):
                if kind == "pedimento" and checks.pedimento_problems(entity.value) and doc_type != "pedimento":
                    continue  # a bare 15-digit number that does not look like a pedimento is not cited as one
                builder.add_reference(kind, entity.value)
            if not entity.valid and entity.label in ("CONTAINER", "CURP"):
                builder.warn(
                    "check_digit",
                    f"{entity.label.title()} {entity.value} on page {page} fails its check digit; "
                    "it may be misprinted or misread.",
                )
