"""CFDI printouts (the PDF "representación impresa"): folio fiscal, RFCs, totals and dates from the page.

The values are found by label (layout: right of the label or in the box below it), with the entity layer as
the fallback for what has a shape of its own (UUID, RFC). The XML, when there is one, stays the authority;
this reads what the paper says so that a printout without its XML still links and can be checked.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import statistics
from typing import Any

from extractors import checks, layout
from extractors.cfdi_pdf_figures import REPAIRED, subtotal_from_lines
from extractors.cfdi_pdf_labels import BELOW_FIRST, LABELS, LABELS_APART, TYPES
from extractors.cfdi_pdf_lines import MERCANCIA_COLUMNS, read_conceptos
from extractors.cfdi_pdf_pairs import find_value, slashed_pair
from extractors.cfdi_pdf_parties import (
    REPAIRED_RFC,
    certifier_rfcs,
    in_own_column_below,
    issuer_from_letterhead,
    name_above_rfc,
    name_after_heading,
    names_cut_short,
    names_wrapped,
    party_name,
    repaired_rfc,
    rfc_value,
    rfcs_under_headings,
    trim_glued_label,
    unlabelled_rfc,
)
from extractors.cfdi_pdf_qualified import qualified_totals
from extractors.cfdi_pdf_segments import other_cfdi
from extractors.cfdi_pdf_sidebar import split_beside_table, split_sidebar
from extractors.cfdi_pdf_status import warn_if_cancelled
from extractors.entities import Entity
from extractors.entities.normalise import CURRENCY_CODES, parse_amount
from extractors.result import ExtractionContext, ResultBuilder
from extractors.text import DocumentText

__all__ = ["LABELS", "extract_cfdi_printout"]


_UUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9\-]{0,24}")
# the version's point as OCR may read it (":", ",")
_VERSION = re.compile(r"\b([1-4])[.:,]([0-9])\b")


def _uuid(text: str) -> tuple[str, tuple[int, int]] | None:
    """The folio fiscal; on a scan also with OCR's slips: a space inside it (split into two words) and the
    letters OCR puts for digits (``O`` for 0, ``I``/``L`` for 1, ``S`` for 5, ``T`` for 7, ``G`` for 6, ``Z``
    for 2), which a UUID's hexadecimal digits cannot be."""
    match = _UUID.search(text.upper())
    if match and _cut_from_run(text.upper(), match.span(), strict=True):
        return None
    if match:
        return match.group(0), match.span()
    loose = _UUID_LOOSE.search(text.upper())
    if loose is None or _cut_from_run(text.upper(), loose.span()):
        return None
    value = re.sub(r"\s", "", loose.group(0)).translate(_HEX_DIGITS)
    return (value, loose.span()) if _UUID.fullmatch(value) else None


def _cut_from_run(text: str, span: tuple[int, int], strict: bool = False) -> bool:
    """Whether a reading was cut out of a longer run of a UUID's characters (``AAT7E1708-…`` read as
    ``AT7E1708-…``, ``…-162CCCOFCOS5D`` as ``…-162CCCOFCOS5``): OCR put a character in, and which one is no
    telling. A reading of hexadecimal digits alone (``strict``) is cut from a run only by a hexadecimal digit
    before it or a digit after it: a word run into its end (``…E2CDVigente``) leaves it whole."""
    before = text[span[0] - 1] if span[0] else ""
    after = text[span[1]] if span[1] < len(text) else ""
    if strict:
        return bool(re.fullmatch(r"[0-9A-F]", before) or re.fullmatch(r"[0-9]", after))
    return bool(re.fullmatch(r"[0-9A-FOILSTGZ]", before) or re.fullmatch(r"[0-9A-FOILSTGZ]", after))


def _hex_run(n: int) -> str:
    return r"\s?".join(["[0-9A-FOILSTGZ]"] * n)


_UUID_LOOSE = re.compile(r"\s?-\s?".join(_hex_run(n) for n in (8, 4, 4, 4, 12)))
_HEX_DIGITS = str.maketrans({"O": "0", "I": "1", "L": "1", "S": "5", "T": "7", "G": "6", "Z": "2"})


_UUID_HEAD = re.compile(r"[0-9A-F]{8}(?:-[0-9A-F]{1,4}){0,3}-?|[0-9A-F]{8}(?:-[0-9A-F]{4}){3}-[0-9A-F]{1,11}")
# A folio fiscal wrapped onto the next line: its shape is read as surely as on one line, its place less so.
WRAPPED_UUID = 0.85


def _uuid_wrapped(out: ResultBuilder, pages: list[layout.PageLayout]) -> None:
    """A folio fiscal a narrow box wrapped onto a second line ("5E4F3C21-0A9B-4C7D-" over "8E6F-1A2B3C4D5E6F"):
    a word that is a UUID's head and the word starting under it on the next line make one UUID together."""
    for page in pages:
        for index, line in enumerate(page.lines[:-1]):
            for word in line.words:
                if not _UUID_HEAD.fullmatch(word.text.upper()):
                    continue
                tail = _word_under(page, index, word)
                joined = (word.text + tail.text).upper() if tail is not None else ""
                if tail is not None and _UUID.fullmatch(joined):
                    box = [word.x0, word.top, max(word.x1, tail.x1), tail.bottom]
                    out.set("uuid", joined, WRAPPED_UUID, page=page.number, bbox=box, raw=f"{word.text} {tail.text}")
                    return


def _word_under(page: layout.PageLayout, index: int, word: Any) -> Any:
    """The word that starts right under ``word`` (same left edge, the next row of its column: lines of a column
    beside it may come between in reading order). OCR boxes digits and capitals at their own height, tighter than
    the line's: the page's line height measures the row's pitch as well."""
    height = max(1.0, word.bottom - word.top, layout.median_line_height(page))
    for line in page.lines[index + 1 : index + 4]:
        for other in line.words:
            if abs(other.x0 - word.x0) <= 0.5 * height and 0 < other.top - word.top <= 2.5 * height:
                return other
    return None


def _token(text: str) -> tuple[str, tuple[int, int]] | None:
    match = _TOKEN.search(text.upper().lstrip(" :"))
    if match is None:
        return None
    offset = len(text) - len(text.lstrip(" :"))
    return match.group(0), (match.start() + offset, match.end() + offset)


def _series(text: str) -> tuple[str, tuple[int, int]] | None:
    """A series: the value's first token, but not a long number (a certificate's 20 digits beside a "No. de
    serie del certificado" label OCR cut short are no series)."""
    token = _token(text)
    return None if token is None or re.fullmatch(r"\d{10,}", token[0]) else token


# A UUID's shape (8-4-4-4-12 hexadecimal digits), as OCR may leave it (a letter O for a zero is still its shape).
_UUID_SHAPE = re.compile(r"\b[0-9A-FO]{8}-[0-9A-FO]{4}-[0-9A-FO]{4}-[0-9A-FO]{4}-[0-9A-FO]{12}\b", re.IGNORECASE)


def _folio(text: str) -> tuple[str, tuple[int, int]] | None:
    """A folio: the first of the value's first words that holds a digit. A word of letters before it is the
    series printed with the folio (``Folio: FE 47733``); a lone joining word ("Folio y Folio:" as OCR joined a
    label) is no folio. Nor is a UUID: that is the folio fiscal, read under a "Folio" label whose "fiscal" OCR
    broke (``Folio fisc:``)."""
    if _UUID_SHAPE.search(text):
        return None
    for match in list(re.finditer(r"[A-Za-z0-9][A-Za-z0-9\-/]*", text))[:3]:
        if any(ch.isdigit() for ch in match.group(0)):
            return match.group(0).upper(), match.span()
    return None


def _amount(text: str) -> tuple[float, tuple[int, int]] | None:
    """A total as printed; not the head of a figure OCR broke (``57, LOS, 83``): digits without cents that a
    separator and more characters follow are a figure cut short, not a total; digits without cents run on from a
    letter are a code's (a pedimento key ``A1``), not a figure; nor is a rate (``IVA 0%``, a tax's caption set
    beside the subtotal's), a figure followed by a percent sign."""
    match = next(
        (
            found
            for found in re.finditer(r"-?\$?\s?\d[\d,.\s]*\d|\d", text)
            if not (found.start() and text[found.start() - 1].isalpha() and not re.search(r"[.,]", found.group(0)))
            and not text[found.end() :].lstrip().startswith("%")
        ),
        None,
    )
    if match is None:
        return None
    if not re.search(r"[.,]\d{1,2}$", match.group(0)) and re.match(r"[.,]\s?[^\s\d]*\w", text[match.end() :]):
        return None
    span = match.span()
    whole = _FIGURE_THEN_FIGURE.match(match.group(0))
    if whole is not None:
        span = (span[0], span[0] + whole.end())
    value = parse_amount(text[span[0] : span[1]].replace("$", ""))
    return (value, span) if value is not None else None


# A figure complete with its cents and another figure after a space ("115,360.68 0.00": the subtotal and, under
# the caption beside, the tax): two figures, not one OCR spaced.
_FIGURE_THEN_FIGURE = re.compile(r"-?\$?\s?\d[\d,]*[.,]\d{2}(?=\s+\$?\d)")


def _currency(text: str) -> tuple[str, tuple[int, int]] | None:
    for match in re.finditer(r"[A-Z]{3}", text.upper()):
        if match.group(0) in CURRENCY_CODES:
            return match.group(0), match.span()
    return None


def _version(text: str) -> tuple[str, tuple[int, int]] | None:
    match = _VERSION.search(text)
    return (f"{match.group(1)}.{match.group(2)}", match.span()) if match else None


def _kind(text: str) -> tuple[str, tuple[int, int]] | None:
    """`I`, `E`, ... printed as the letter alone or as the word (Ingreso, Egreso, ...); printed as key and name
    (``I - Ingreso``) the name decides, so a key OCR misread (``1- Ingreso``, ``l - Ingreso``) still reads."""
    named = re.match(r"\s*[:\-–]?\s*\S{1,2}\s*[-–]\s*([A-Za-zÁÉÍÓÚáéíóú]{4,})\b", text)
    if named is not None and TYPES.get(layout.norm(named.group(1))):
        return TYPES[layout.norm(named.group(1))], named.span(1)
    match = re.match(r"\s*[:\-–]?\s*([A-Za-zÁÉÍÓÚáéíóú]+)\b", text)
    if match is None:
        return None
    value = TYPES.get(layout.norm(match.group(1)))
    return (value, match.span(1)) if value else None


# An exchange rate printed with a decimal comma (``17,8486``, as European ERPs print figures): the comma is a
# decimal one where the digits after it are no group of three (a thousands separator always takes three).
_COMMA_RATE = re.compile(r"(?<![\d.,])(\d{1,3}),(\d{2}|\d{4,6})(?![\d.,])")


def _rate(text: str) -> tuple[float, tuple[int, int]] | None:
    match = re.search(r"\d{1,3}\.\d{2,6}", text)
    if match is not None:
        return float(match.group(0)), match.span()
    comma = _COMMA_RATE.search(text)
    return (float(f"{comma.group(1)}.{comma.group(2)}"), comma.span()) if comma else None


# An ISO date-time whose "T" OCR read as a 1, I, l or | ("2024-02-23116:26:37"): no date parser sees its date.
_ISO_T = re.compile(r"(\d{4}-\d{2}-\d{2})[1Il|](\d{2}:\d{2})")


def _date(text: str) -> tuple[str, tuple[int, int]] | None:
    """A date as ``layout.parse_date`` reads it, also in an ISO date-time whose ``T`` OCR misread."""
    return layout.parse_date(text) or layout.parse_date(_ISO_T.sub(r"\1T\2", text))


PARSERS: dict[str, Any] = {
    "uuid": _uuid,
    "series": _series,
    "folio": _folio,
    "issue_date": _date,
    "stamp_date": _date,
    "subtotal": _amount,
    "total": _amount,
    "currency": _currency,
    "cfdi_version": _version,
    "cfdi_type": _kind,
    "exchange_rate": _rate,
    "issuer_name": party_name,
    "receiver_name": party_name,
    "issuer_rfc": rfc_value,
    "receiver_rfc": rfc_value,
}


def extract_cfdi_printout(doc_text: DocumentText, context: ExtractionContext) -> ResultBuilder:
    """Header fields, conceptos and Comercio Exterior mercancías of a CFDI printout."""
    out = ResultBuilder()
    pages = layout.layouts(doc_text.pages)
    for page in pages:
        _unglue(page)
        split_sidebar(page, _labels_on)
        split_beside_table(page, MERCANCIA_COLUMNS)
        if page.ocr:
            _mend_split_rows(page)
            _mend_stray_words(page)
    hits = [hit for page in pages for hit in _labels_on(page)]
    other = other_cfdi(pages, hits, _uuid)
    if other is not None:
        # the file's document is its first CFDI: the pages of the next one (a payment's receipt sent with its
        # invoice) add nothing to it
        cut = other[0]
        pages = [page for page in pages if page.number < cut]
        hits = [hit for hit in hits if hit.page < cut]
        doc_text = DocumentText(doc_text.media_type, [page for page in doc_text.pages if page.number < cut])
        context = dataclasses.replace(context, entities={n: e for n, e in context.entities.items() if n < cut})
        out.extra["document_pages"] = [page.number for page in doc_text.pages]
    moneda = find_value(pages, hits, "currency", _currency)
    hits = qualified_totals(pages, hits, str(moneda.value) if moneda is not None else None)
    for name, parser in PARSERS.items():
        found = find_value(pages, hits, name, parser, prefer="below" if name in BELOW_FIRST else "right")
        if found is None and name in BELOW_FIRST:
            found = name_after_heading(pages, hits, name)
        if found is None and name in BELOW_FIRST:
            found = in_own_column_below(pages, hits, name)
        if name in ("subtotal", "total"):
            found = _row_before_below(found, _rest_of_row(pages, hits, name))
        if found is None:
            found = slashed_pair(pages, hits, name, parser)
        if found is None and name == "uuid":
            found = layout.find_value(pages, hits, "uuid_any", parser)
            if found is not None and _rival_uuid(doc_text.text, str(found.value)):
                found.certainty *= 0.8
        if found is not None:
            value = trim_glued_label(found.value) if name in ("issuer_name", "receiver_name") else found.value
            out.set(name, value, found.confidence * 0.95, page=found.page, bbox=found.bbox, raw=found.raw)
    _split_series_folio(out, pages, hits)
    rfcs_under_headings(out, pages, hits)
    if "issuer_name" not in out.fields:
        issuer_from_letterhead(out, pages)
    names_cut_short(out, pages)
    names_wrapped(out, pages)
    text = doc_text.text
    _fill_from_text(out, text, context.entities)
    if "uuid" not in out.fields:
        _uuid_wrapped(out, pages)
    _version_from_text(out, text)
    _currency_from_text(out, context.entities)
    _inferred_when_unread(out, text, scanned=any(page.ocr for page in pages))
    if "receiver_name" not in out.fields:
        name_above_rfc(out, pages, "receiver_name", "receiver_rfc")
    read_conceptos(out, pages, layout.pdf_rules(doc_text, context))
    summed = subtotal_from_lines(out.fields, out.lines)
    if summed is not None:
        out.set("subtotal", summed, REPAIRED, raw=out.fields.get("subtotal", {}).get("raw"))
    _uuid_from_printings(out, text)
    _uuid_printed_twice(out, text)
    _rfc_zero_for_o(out)
    if "uuid" in out.fields and not checks.uuid_is_valid(out.fields["uuid"]["value"]):
        out.warn("uuid_format", "The folio fiscal on the printout is not a valid UUID.", "uuid")
    for name in ("issuer_rfc", "receiver_rfc"):
        value = out.fields.get(name, {}).get("value")
        if value and not checks.rfc_is_valid(value):
            out.warn("check_digit", f"The RFC {value} fails its check digit; check it with the sender.", name)
    warn_if_cancelled(out, text, doc_text.pages)
    if other is not None:
        page_number, folio_fiscal = other
        out.warn(
            "other_cfdi",
            f"Page {page_number} begins another CFDI (folio fiscal {folio_fiscal}); only the file's first CFDI was "
            "read. Upload the other one on its own to record it.",
        )
    return out


# A capitalised word run onto an abbreviation's last period ("… DE C.V.Serie y Folio:"): a letterhead set too
# long runs into the box beside it, and the text layer joins the two. Abbreviations' periods are followed by a
# capital letter alone ("S.A.", "R.F.C."), never by a word in lower case.
_GLUED_WORD = re.compile(r"^(.*[A-Z]\.)([A-ZÁÉÍÓÚÑ][a-záéíóúñ]{2,}\S*)$")


# A caption set too wide for its column runs into the next one's with no space ("Clave unidadDescripción"): a word
# in lower case followed by a capitalised one. Attribute names printed as such ("NoIdentificacion",
# "ValorUnitario") start with a capital and stay whole.
_GLUED_CAPTION = re.compile(r"^([a-záéíóúñ]{3,}\.?)([A-ZÁÉÍÓÚÑ][a-záéíóúñ]{3,}\.?:?)$")


def _unglue(page: layout.PageLayout) -> None:
    """Split words that are two words run together at an abbreviation's period (see ``_GLUED_WORD``) or where
    one caption runs into the next (see ``_GLUED_CAPTION``)."""
    for line in page.lines:
        words: list[Any] = []
        for word in line.words:
            match = _GLUED_WORD.match(word.text) or _GLUED_CAPTION.match(word.text)
            words.extend(_split_word(word, *match.groups()) if match else [word])
        if len(words) != len(line.words):
            line.words = words
            line.tokens = [layout.norm(word.text) for word in words]


def _middle(line: layout.Line) -> tuple[float, float]:
    """The line's top and bottom as most of its words have them (a dash, an accent or a descender aside)."""
    return statistics.median(w.top for w in line.words), statistics.median(w.bottom for w in line.words)


def _one_row(upper: layout.Line, lower: layout.Line) -> bool:
    """Two lines that are one printed row: they share most of their height, and their words fall side by side,
    none over another's."""
    (top_a, bottom_a), (top_b, bottom_b) = _middle(upper), _middle(lower)
    shared = min(bottom_a, bottom_b) - max(top_a, top_b)
    if shared < 0.5 * min(bottom_a - top_a, bottom_b - top_b):
        return False
    return not any(a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 for a in upper.words for b in lower.words)


def _mend_split_rows(page: layout.PageLayout) -> None:
    """On a scan, one printed row that the line grouping split in two (a row whose baseline drifts, where the
    page's deskew is measured on rows that lean more, puts "Serie" on one line and "y folio: FE" on the next):
    neighbouring lines that share their height and whose words sit side by side are one line again, in reading
    order, so a label and its value are read together."""
    index = 0
    while index + 1 < len(page.lines):
        upper, lower = page.lines[index], page.lines[index + 1]
        if upper.words and lower.words and _one_row(upper, lower):
            words = sorted(upper.words + lower.words, key=lambda word: word.x0)
            page.lines[index] = layout.Line(
                words=words,
                top=min(upper.top, lower.top),
                bottom=max(upper.bottom, lower.bottom),
                tokens=[layout.norm(word.text) for word in words],
            )
            del page.lines[index + 1]
            continue
        index += 1


def _fills_gap(word: Any, line: layout.Line) -> bool:
    """Whether ``word`` sits snugly between two neighbouring words of ``line`` (no more than a word's height of
    space on either side) and shares some of the line's height."""
    top, bottom = _middle(line)
    height = max(1.0, word.bottom - word.top)
    if min(bottom, word.bottom) - max(top, word.top) < 0.3 * height:
        return False
    for left, right in zip(line.words, line.words[1:], strict=False):
        if left.x1 <= word.x0 + 0.5 and word.x1 <= right.x0 + 0.5:
            return word.x0 - left.x1 < height and right.x0 - word.x1 < height
    return False


def _at_home(word: Any, line: layout.Line) -> bool:
    """Whether ``word`` already sits snugly between two words of its own line (the ``06`` of "Unidad aduana 06 -
    Valor"): a code OCR boxed tall reaches into the next row's band, but it is its own row's."""
    rest = [other for other in line.words if other is not word]
    return len(rest) >= 2 and _fills_gap(word, layout.Line(words=rest, top=line.top, bottom=line.bottom))


def _alone_within(word: Any, line: layout.Line, row: layout.Line) -> bool:
    """Whether ``word`` is its line's only word and its middle lies within the row's band, across the row's
    words: a code OCR boxed taller than the small print around it (the ``06`` of "Unidad aduana 06"), which the
    line grouping set apart though it stands in the row."""
    if len(line.words) != 1 or len(row.words) < 2:
        return False
    top, bottom = _middle(row)
    middle = (word.top + word.bottom) / 2
    return top <= middle <= bottom and row.words[0].x1 < word.x0 and word.x1 < row.words[-1].x0


def _mend_stray_words(page: layout.PageLayout) -> None:
    """On a scan, a short word OCR boxed lower or higher than its row (the "y" of "Serie y folio", whose box
    has no capital's height and a descender) that the line grouping gave to the next row: it goes back to the
    row whose gap it fills."""
    for upper, lower in zip(page.lines, page.lines[1:], strict=False):
        for other, row in ((lower, upper), (upper, lower)):
            if not other.words or not row.words:
                continue  # a line already given up to its row
            strays = [
                word
                for word in other.words
                if len(word.text) <= 2
                and (_fills_gap(word, row) or _alone_within(word, other, row))
                and not _at_home(word, other)
            ]
            if not strays:
                continue
            other.words = [word for word in other.words if word not in strays]
            other.tokens = [layout.norm(word.text) for word in other.words]
            row.words = sorted(row.words + strays, key=lambda word: word.x0)
            row.tokens = [layout.norm(word.text) for word in row.words]
    page.lines = [line for line in page.lines if line.words]


def _split_word(word: Any, head: str, tail: str) -> list[Any]:
    """The two words of a glued one, each with its share of the box by its characters."""
    cut = word.x0 + (word.x1 - word.x0) * len(head) / len(word.text)
    if not dataclasses.is_dataclass(word) or isinstance(word, type):
        return [word]
    return [dataclasses.replace(word, text=head, x1=cut), dataclasses.replace(word, text=tail, x0=cut)]


def _labels_on(page: layout.PageLayout) -> list[layout.LabelHit]:
    """The page's labels; "Serie y folio" is one label only where "y" or a slash joins the words (a row of
    labels "Serie  Folio" is two)."""
    hits = [
        dataclasses.replace(hit, key="national_currency") if _national_currency(page, hit) else hit
        for hit in layout.find_labels(page, LABELS)
        if not _in_parentheses(page, hit)
    ]
    for hit in hits:
        if hit.key == "series_folio":
            words = page.lines[hit.line].words[hit.start : hit.end + 1]
            # joined by a word of its own ("Serie / Folio", "Serie y folio") or inside one ("SERIE-FOLIO:")
            if not any(w.text in ("/", "y", "Y", "-") or "/" in w.text or "-" in w.text for w in words):
                return join_bilingual(page, layout.find_labels(page, LABELS_APART))
    return join_bilingual(page, hits)


def _in_parentheses(page: layout.PageLayout, hit: layout.LabelHit) -> bool:
    """A label's words opening a parenthesis they do not close: a mention inside a remark ("Valor de la mercancía
    (Total USD del complemento): 656,266.54"), not a caption. A translation in parentheses closes on the label
    itself ("Moneda (Currency): USD")."""
    words = [word.text for word in page.lines[hit.line].words[hit.start : hit.end + 1]]
    return words[0].startswith("(") and ")" not in "".join(words)


def _national_currency(page: layout.PageLayout, hit: layout.LabelHit) -> bool:
    """ "Moneda nacional" names the pesos a printout converts its amounts into ("Total en moneda nacional $ …
    MXN"), not the CFDI's currency: a caption of no field of the contract (it still ends the value before it)."""
    tokens = page.lines[hit.line].tokens
    return hit.key == "currency" and hit.end + 1 < len(tokens) and tokens[hit.end + 1] == "NACIONAL"


def join_bilingual(page: layout.PageLayout, hits: list[layout.LabelHit]) -> list[layout.LabelHit]:
    """One label printed in two languages with a slash between ("Vendido a / Sold to", "Moneda / Currency:")
    is one label: its value sits under or beside the pair as a whole, and the Spanish half must not end its
    column where the English half begins (a name under it would be cut to its first word)."""
    out: list[layout.LabelHit] = []
    for hit in hits:
        last = out[-1] if out else None
        if last is not None and _slash_between(page, last, hit):
            out[-1] = dataclasses.replace(
                last,
                end=hit.end,
                x1=hit.x1,
                top=min(last.top, hit.top),
                bottom=max(last.bottom, hit.bottom),
                rest=hit.rest,
            )
            continue
        out.append(hit)
    return out


def _slash_between(page: layout.PageLayout, left: layout.LabelHit, right: layout.LabelHit) -> bool:
    """Two hits of one key on one line, with nothing between them but a slash (a word of its own, or at the end
    of the left label's last word or the start of the right one's first)."""
    if (left.page, left.line, left.key) != (right.page, right.line, right.key) or left.rest:
        return False
    words = page.lines[left.line].words
    between = [w.text for w in words[left.end + 1 : right.start]]
    if between:
        return between in (["/"], ["|"])
    return right.start == left.end + 1 and (words[left.end].text.endswith("/") or words[right.start].text[:1] == "/")


def _split_series_folio(out: ResultBuilder, pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> None:
    """``FE-12345`` or ``FE / 12345`` under one "Serie y folio" label: the series, then the folio."""
    if "folio" in out.fields and "series" in out.fields:
        return
    if "folio" in out.fields:
        _series_in_folio(out)
        if "series" not in out.fields:
            _series_before_folio(out, pages, hits)
        return
    if "series" in out.fields:
        _folio_after_series(out, pages, hits)
        return
    found = find_value(pages, hits, "series_folio", layout.parse_text)
    if found is None:
        found = layout.find_value(pages, hits, "_invoice_no", _invoice_number)
    if found is None:
        return
    match = re.fullmatch(r"\s*([A-Za-z0-9]{1,25})\s*[-/ ]\s*([A-Za-z0-9]{1,40})\s*", str(found.value))
    if match is None:
        match = _RUN_TOGETHER.fullmatch(str(found.value).strip())
    if match is None:
        out.set("folio", str(found.value), found.confidence * 0.8, page=found.page, bbox=found.bbox, raw=found.raw)
        return
    series, folio = match.groups()
    out.set("series", series.upper(), found.confidence * 0.95, page=found.page, bbox=found.bbox, raw=found.raw)
    out.set("folio", folio.upper(), found.confidence * 0.95, page=found.page, bbox=found.bbox, raw=found.raw)


# Series and folio printed as one invoice number with nothing between them (``FE78094``, ``EXP1234``): the
# CFDI's Serie is letters and its Folio the digits after them (issuers number within a series), so the number
# splits where the letters end. A number that mixes them otherwise (``A12B34``) is left whole.
_RUN_TOGETHER = re.compile(r"([A-Za-z]{1,10})(\d{1,20})")


def _series_and_folio(text: str) -> tuple[tuple[str, str], tuple[int, int]] | None:
    match = re.match(r"\s*:?\s*([A-Za-z]{1,10})\s*[-/ ]\s*(\d{1,20})\b", text)
    return ((match.group(1).upper(), match.group(2)), match.span()) if match else None


def _series_before_folio(out: ResultBuilder, pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> None:
    """A "Folio" label whose value is the series, a space and the folio (``Folio: FE 47733``), no series printed
    apart: the letters before the folio are the series."""
    found = find_value(pages, hits, "folio", _series_and_folio)
    if found is None or found.value[1] != out.fields["folio"]["value"]:
        return
    out.set("series", found.value[0], found.confidence * 0.9, page=found.page, bbox=found.bbox, raw=found.raw)


def _folio_after_series(out: ResultBuilder, pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> None:
    """A "Serie" label whose value is the series and then the folio (``Serie: EXP 69523``, its "y Folio" lost to
    the next line or to OCR) and no folio label anywhere: the digits after the series are the folio."""
    found = find_value(pages, hits, "series", _series_and_folio)
    if found is None or found.value[0] != out.fields["series"]["value"]:
        return
    out.set("folio", found.value[1], found.confidence * 0.8, page=found.page, bbox=found.bbox, raw=found.raw)


_SERIES_FOLIO = re.compile(r"([A-Z]{1,10})\s?[-/]\s?(\d{1,20})")


def _series_in_folio(out: ResultBuilder) -> None:
    """A "Folio" label whose value is the series and the folio together (``Folio: E-94260``), with no series
    printed apart: letters, a dash or slash, digits. A folio of digits alone, or one with letters and no joiner,
    stays as it is (a series is printed apart or not at all)."""
    field = out.fields["folio"]
    match = _SERIES_FOLIO.fullmatch(str(field["value"]).strip().upper())
    if "series" in out.fields or match is None:
        return
    for key, value in (("series", match.group(1)), ("folio", match.group(2))):
        out.set(key, value, field["confidence"], page=field["page"], bbox=field["bbox"], raw=field["raw"])


def _invoice_number(text: str) -> tuple[str, tuple[int, int]] | None:
    """An invoice number beside a "Factura" label: one token with a digit (a title "Factura electrónica" is
    no number), or the series' capitals and the folio's digits with a space between (``FACTURA A 49826``, as an
    invoicing portal titles its box; "No" there is the number's abbreviation, no series)."""
    match = re.match(r"\s*:?\s*([A-Za-z0-9]+(?:\s?[-/]\s?[A-Za-z0-9]+)?|(?!NO )[A-Z]{1,10} \d{1,20})\s*$", text)
    if match is None or not any(ch.isdigit() for ch in match.group(1)):
        return None
    return match.group(1), match.span(1)


def _row_before_below(found: layout.Found | None, row: layout.Found | None) -> layout.Found | None:
    """A total's figure on its label's own row, set far right in the totals' column, over a figure read on the
    line right under the label: that one is the next row's (``IVA 0 %`` under ``Subtotal``), not the label's
    value. A figure further down is another label's, read on its own row, and stays."""
    if found is None or row is None:
        return found or row
    height = row.bbox[3] - row.bbox[1]
    if row.page == found.page and 0 < found.bbox[1] - row.bbox[3] < height:
        return row
    # the figure printed right after its label with no word between ("Total      0.00") is that label's value,
    # over any figure further down (a complement's "Total USD" a few rows under a Traslado's zero total)
    if row.alone and (found.page, found.bbox[1]) > (row.page, row.bbox[3]):
        return row
    return found


def _rest_of_row(pages: list[layout.PageLayout], hits: list[layout.LabelHit], key: str) -> layout.Found | None:
    """A total set far right of its label (right-aligned in a column): the words up to the next label."""
    by_page = {page.number: page for page in pages}
    for hit in hits:
        if hit.key != key:
            continue
        line = by_page[hit.page].lines[hit.line]
        stop = min(
            (h.start for h in hits if (h.page, h.line) == (hit.page, hit.line) and h.start > hit.end), default=None
        )
        words = line.words[hit.end + 1 : stop]
        found = layout.apply_parser(_amount, words, hit.page, 0.9) if words else None
        if found is not None:
            if found.words[0] is words[0] and len(words) == len(found.words):
                found.alone = True
            return found
    return None


def _first_after(entities: list[tuple[int, Entity]], position: int, label: str) -> tuple[int, Entity] | None:
    for page, entity in entities:
        if entity.label == label and entity.start >= position:
            return page, entity
    return None


def _fill_from_text(out: ResultBuilder, text: str, by_page: dict[int, list[Entity]]) -> None:
    """RFCs after the EMISOR / RECEPTOR headings; UUID and dates by shape when no label gave them."""
    flat: list[tuple[int, Entity]] = []
    offset = 0
    pages = text.split("\f")
    shifted: list[tuple[int, Entity]] = []
    for number, page_text in enumerate(pages, start=1):
        for entity in by_page.get(number, []):
            moved = Entity(entity.label, entity.text, entity.value, entity.start + offset, entity.end + offset)
            moved.valid = entity.valid
            shifted.append((number, moved))
        offset += len(page_text) + 1
    flat = sorted(shifted, key=lambda item: item[1].start)
    upper = text.upper()
    # The PAC's RFC (in the stamp's cadena original or under its label) is never a party's.
    pac = certifier_rfcs(text)
    panels = {heading: re.search(rf"\b{heading}\b", upper) for heading in ("EMISOR", "RECEPTOR")}
    for name, heading, other in (("issuer_rfc", "EMISOR", "RECEPTOR"), ("receiver_rfc", "RECEPTOR", "EMISOR")):
        match, after = panels[heading], panels[other]
        if name in out.fields or match is None:
            continue
        # a panel ends where the other party's heading begins (panels one under the other)
        end = after.start() if after is not None and after.start() > match.end() else len(text)
        generic = checks.GENERIC_RFCS if name == "issuer_rfc" else frozenset()
        hit = _first_after([item for item in flat if item[1].value not in pac | generic], match.end(), "RFC")
        if hit is not None and hit[1].start < end:
            page, entity = hit
            out.set(name, entity.value, 0.9, page=page, raw=entity.text)
            continue
        repaired = repaired_rfc(text[match.end() : end])
        if repaired is not None:
            out.set(name, repaired[0], REPAIRED_RFC, page=text[: match.end()].count("\f") + 1, raw=repaired[1])
    rfcs = [item for item in flat if item[1].label == "RFC" and item[1].value not in pac]
    # the first RFC of the printout (its letterhead) is the issuer's: sure when its check digit holds; a generic
    # RFC (a foreign or public receiver's) never is
    own = [item for item in rfcs if item[1].value not in checks.GENERIC_RFCS]
    if "issuer_rfc" not in out.fields and own:
        out.set("issuer_rfc", own[0][1].value, unlabelled_rfc(own[0][1]), page=own[0][0], raw=own[0][1].text)
    if "receiver_rfc" not in out.fields:
        others = [item for item in rfcs if item[1].value != out.fields.get("issuer_rfc", {}).get("value")]
        if others:
            # a generic RFC is only ever a receptor's: whose it is is sure
            sure = others[0][1].value in checks.GENERIC_RFCS
            out.set("receiver_rfc", others[0][1].value, 0.9 if sure else 0.6, page=others[0][0], raw=others[0][1].text)
    if "uuid" not in out.fields:
        uuids = [item for item in flat if item[1].label == "CFDI_UUID"]
        if uuids:
            # The folio fiscal is the UUID printed most often (related CFDI appear once each).
            counts: dict[str, int] = {}
            for _page, entity in uuids:
                counts[entity.value] = counts.get(entity.value, 0) + 1
            best = max(counts, key=lambda value: counts[value])
            page = next(page for page, entity in uuids if entity.value == best)
            out.set("uuid", best, 0.75, page=page, raw=best)


def _currency_from_text(out: ResultBuilder, by_page: dict[int, list[Entity]]) -> None:
    """Without a Moneda label, the currency the printout names most (e.g. "PESOS 00/100 M.N.")."""
    if "currency" in out.fields:
        return
    named = [
        (page, entity) for page, found in sorted(by_page.items()) for entity in found if entity.label == "CURRENCY"
    ]
    if not named:
        return
    counts: dict[str, int] = {}
    for _page, entity in named:
        counts[entity.value] = counts.get(entity.value, 0) + 1
    best = max(counts, key=lambda value: counts[value])
    page, entity = next(item for item in named if item[1].value == best)
    out.set("currency", best, 0.7, page=page, raw=entity.text)


# The certification's date-time in the stamp's cadena original ("||1.1|UUID|2025-05-21T16:28:44|RFC|...").
_STAMPED = re.compile(r"1\.1\W{1,3}[0-9A-F\-]{30,40}\W{1,3}(\d{4}-\d{2}-\d{2})T", re.IGNORECASE)
INFERRED = 0.55


def _inferred_when_unread(out: ResultBuilder, text: str, *, scanned: bool = False) -> None:
    """What OCR lost from the header but the CFDI's own rules tell, at a confidence that sends the document to
    review: the issue date from the certification's date (a CFDI is stamped within 72 hours of its issue, almost
    always the same day), and the type Ingreso for a printout with a positive total (an Egreso prints as a
    credit note, a Traslado or Pago totals zero)."""
    if "issue_date" not in out.fields:
        stamped = out.fields.get("stamp_date", {}).get("value")
        match = _STAMPED.search(text) if not stamped else None
        date = stamped or (match.group(1) if match else None)
        if date:
            out.set("issue_date", date, INFERRED, raw=date)
    total = out.fields.get("total", {}).get("value")
    other_kind = _OTHER_KIND.search(text.upper())
    if "cfdi_type" not in out.fields and isinstance(total, int | float) and total > 0 and other_kind is None:
        # on a scan the word of another kind may be what OCR lost: the title alone settles nothing there, but a
        # key printed as one upright stroke (I read as 1, l or |) is no E, T, N or P
        title = _STROKE_KEY.search(text) if scanned else _INVOICE_TITLE.search(text)
        out.set("cfdi_type", "I", TITLED if title else INFERRED, raw=title.group(0) if title else None)


# A printout that calls itself an invoice ("FACTURA", "Factura electrónica", "FACTURA / INVOICE") with a positive
# total and no word of another kind is an Ingreso: issuers title an Egreso "Nota de crédito", a Pago "Recepción
# de pagos", a Traslado "Traslado". Read from a text layer's own words, not guessed: no review.
_INVOICE_TITLE = re.compile(r"\b(?:FACTURA|INVOICE)\b", re.IGNORECASE)
# The type's key under its label read as a digit, a small l or a bar: the I's one stroke (no other key has one).
_STROKE_KEY = re.compile(
    r"\b(?:TIPO\s*DE\s*COMPROBANTE|EFECTO(?:\s*DEL\s*COMPROBANTE)?|TIPO\s*DE\s*CFDI)[ \t]*:?[ \t]*[1l|!]"
    r"(?![\w.,/-])",
    re.IGNORECASE,
)
TITLED = 0.8


_OTHER_KIND = re.compile(
    r"\b(EGRESO|NOTA DE CR[EÉ]DITO|CREDIT NOTE|CREDIT MEMO|TRASLADO|N[OÓ]MINA|RECEPCI[OÓ]N DE PAGOS|"
    r"COMPLEMENTO DE PAGO)\b"
)


def _rival_uuid(text: str, value: str) -> bool:
    """Whether the document prints another UUID than ``value``: a label "UUID" alone may then be a related CFDI's
    (CfdiRelacionado's attribute has that name too); printed alone, it is the stamp's, the folio fiscal."""
    return any(match.group(0) != value for match in _UUID.finditer(text.upper()))


def _rfc_zero_for_o(out: ResultBuilder) -> None:
    """An RFC read with OCR's O for a zero in its date (``RSTO110083Z9``), put right, whose check digit then
    holds: the date's six places are digits, so the O could be nothing else, and the check digit vouches for the
    rest. As sure as an RFC read as printed whose check digit holds."""
    for key in ("issuer_rfc", "receiver_rfc"):
        cell = out.fields.get(key)
        value, raw = str((cell or {}).get("value") or ""), str((cell or {}).get("raw") or "").strip().upper()
        if cell is None or len(raw) != len(value) or raw == value or float(cell.get("confidence") or 0.0) >= 0.9:
            continue
        slips = [(a, b) for a, b in zip(raw, value, strict=True) if a != b]
        zeros = all(slip == ("O", "0") for slip in slips) and value[-9:-3].isdigit()
        if zeros and checks.rfc_is_valid(value) and value not in checks.GENERIC_RFCS:
            out.fields[key] = {**cell, "confidence": 0.9}


# A UUID's five groups as OCR may leave one printing of it: a character put in or lost (``AAT7E1708``), a space
# inside a group (``AA7E 1708``), a bar for a 1 (``86C |``); each group of one to two characters more or fewer.
_UUID_GROUPS = (8, 4, 4, 4, 12)


def _loose_group(n: int) -> str:
    return rf"([0-9A-Z|](?:[ ]?[0-9A-Z|]){{{n - 2},{n}}})"


_UUID_PRINTING = re.compile(
    r"(?<![0-9A-Z])" + r"[ ]?-[ ]?".join(_loose_group(n) for n in _UUID_GROUPS),
)
# Readings of one UUID that agree on this many groups are printings of the same UUID (a related CFDI's differs
# in every group).
_SAME_UUID_GROUPS = 3
# The folio fiscal put together from two printings that agree wherever both read a group whole, each group read
# whole by one of them at least (the viewer's card and the page's address, the label's and the stamp's).
UUID_FROM_PRINTINGS = 0.85


def _uuid_groups(printing: tuple[str, ...]) -> list[str | None]:
    """Each group of a printing, as hexadecimal digits when it reads as one of its length (OCR's letters for
    digits put back), else None. The first group may have taken a word before it and the last one a word after
    it across a space (``… 7B625878F34D 1``, the page's number): read without it where that gives the length."""
    out: list[str | None] = []
    last = len(_UUID_GROUPS) - 1
    for k, (group, size) in enumerate(zip(printing, _UUID_GROUPS, strict=True)):
        readings = [group]
        if " " in group and k == 0:
            readings.append(group.split(" ", 1)[1])
        if " " in group and k == last:
            readings.append(group.rsplit(" ", 1)[0])
        whole = {
            value
            for value in (reading.replace(" ", "").translate(_HEX_DIGITS) for reading in readings)
            if len(value) == size and re.fullmatch(r"[0-9A-F]+", value)
        }
        out.append(whole.pop() if len(whole) == 1 else None)
    return out


def _uuid_from_printings(out: ResultBuilder, text: str) -> None:
    """A folio fiscal OCR broke or could not read where the page prints it more than once (a viewer's card and
    its address, ``…/consulta?id=E3AC1BB6-…``): each group from the printings that read it whole. Taken when the
    value read is doubtful (not read, unsure, or put together from a broken printing), the printings agree on
    every group both read whole and on three groups at least, and together they read every group whole."""
    cell = out.fields.get("uuid")
    if cell is not None and float(cell.get("confidence") or 0.0) >= 0.9:
        return
    printings = [_uuid_groups(match.groups()) for match in _UUID_PRINTING.finditer(text.upper())]
    if cell is not None:
        own = str(cell["value"]).upper().split("-")
        printings = [p for p in printings if sum(a == b for a, b in zip(p, own, strict=False)) >= _SAME_UUID_GROUPS]
    if len(printings) < 2:
        return
    groups: list[str] = []
    for k in range(len(_UUID_GROUPS)):
        read = {group for group in (p[k] for p in printings) if group is not None}
        if len(read) != 1:
            return  # a group no printing read whole, or read two ways
        groups.append(read.pop())
    for a, b in itertools.combinations(printings, 2):
        if sum(x is not None and x == y for x, y in zip(a, b, strict=True)) < _SAME_UUID_GROUPS:
            return  # two UUIDs, not two printings of one
    value = "-".join(groups)
    if cell is None or cell["value"] != value:
        out.set("uuid", value, UUID_FROM_PRINTINGS, page=(cell or {}).get("page"), raw=value)


def _uuid_printed_twice(out: ResultBuilder, text: str) -> None:
    """A folio fiscal OCR was unsure of but that the page prints twice the same (its label's and the stamp's
    cadena original): two readings that agree are sure."""
    cell = out.fields.get("uuid")
    if cell is None or float(cell.get("confidence") or 0.0) >= 0.9:
        return
    # a UUID is hexadecimal: an O in either reading is OCR's zero, and a space inside is OCR's gap
    printed = re.sub(r"\s", "", text.upper()).replace("O", "0")
    if printed.count(str(cell["value"]).upper().replace("O", "0")) >= 2:
        out.fields["uuid"] = {**cell, "confidence": 0.9}


def _version_from_text(out: ResultBuilder, text: str) -> None:
    """Version and type from a title such as "CFDI 3.3 de Ingreso" when no label gave them; failing that the
    version the comprobante's cadena original starts with, or 4.0 from what only a 4.0 comprobante prints."""
    match = None if "cfdi_version" in out.fields else _printed_version(text)
    if match:
        out.set("cfdi_version", match.group(1), 0.85, raw=match.group(0))
    elif "cfdi_version" not in out.fields:
        marker = next((m for m in (p.search(text) for p in ONLY_IN_4_0) if m is not None), None)
        if marker is not None:
            out.set("cfdi_version", "4.0", DEDUCED_VERSION, raw=marker.group(0))
    kind = _KIND_TITLE.search(text)
    if kind and "cfdi_type" not in out.fields:
        out.set("cfdi_type", TYPES.get(layout.norm(kind.group(1)), "I"), 0.85, raw=kind.group(0))


# The type in a title after the version: "CFDI 3.3 de Ingreso", "CFDI 4.0 · INGRESO", "CFDI 4.0 - Ingreso".
_KIND_TITLE = re.compile(
    r"\bCFDI\s*[34]\.[0-9][ \t]+(?:de[ \t]+|[·|/–-][ \t]*)?(Ingreso|Egreso|Traslado|Pago|N[oó]mina)\b", re.IGNORECASE
)


# The version as titles print it: "CFDI 4.0", "CFDI versión 3.3", "CFDI v4.0", "Comprobante Fiscal Digital por
# Internet v4.0" / "... versión 4.0"; and the comprobante's cadena original, which starts with it ("||4.0|…";
# the stamp's own "||1.1|" is the timbre's version, not the CFDI's).
_VERSION_PRINTED = (
    re.compile(r"\bCFDI\s*(?:versi[oó]n\s*|v\.?\s*)?([34]\.[0-9])\b", re.IGNORECASE),
    re.compile(r"Comprobante Fiscal Digital[^\n]*?(?:versi[oó]n|\bv)\.?\s*([34]\.[0-9])\b", re.IGNORECASE),
    re.compile(r"\|\|([34]\.[0-9])\|"),
)
# What only a CFDI 4.0 prints (Anexo 20 v4.0 added them): the receptor's tax regime and fiscal address, the
# Exportación key (c_Exportacion 01-04), each concepto's ObjetoImp, and the Comercio Exterior complement 2.0
# (valid only inside a CFDI 4.0). Each with its value or as a column heading, so that a legend naming them
# is not taken for them.
ONLY_IN_4_0 = (
    re.compile(r"R[ée]gimen\s+fiscal\s+(?:del\s+)?receptor\s*:?\s*6\d\d\b", re.IGNORECASE),
    re.compile(r"Domicilio\s+fiscal\s+(?:del\s+)?receptor\s*:?\s*\d{5}\b", re.IGNORECASE),
    re.compile(r"\bExportaci[oó]n\s*:\s*0[1-4]\b", re.IGNORECASE),
    re.compile(r"\bObj(?:eto)?\.?\s*(?:de\s+)?Imp(?:uesto)?\.?(?:\s|$)", re.IGNORECASE | re.MULTILINE),
    re.compile(r"\bComercio\s+Exterior\s+(?:versi[oó]n\s+)?2\.0\b", re.IGNORECASE),
)
# Below the review threshold: the rule holds for every CFDI, but a printout template may print a 4.0 field's
# label on a 3.3 comprobante; a person confirms the version the page did not print.
DEDUCED_VERSION = 0.65


def _printed_version(text: str) -> re.Match[str] | None:
    for pattern in _VERSION_PRINTED:
        match = pattern.search(text)
        if match:
            return match
    return None
