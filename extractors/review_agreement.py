"""Layout agreement: the entity layer's reading of a page against the family reader's.

The entity layer (``extractors.entities``) finds identifiers in the raw text without knowing the layout; the
family reader reads header fields and lines by their labels and columns. The two are independent, so a value of
a kind the family's reading must hold (a fracción printed on a pedimento is some partida's, a valid RFC on a
CFDI printout is a party's) that the entity layer found and the reading lacks shows a part of the page the
reader did not understand: the document goes to review with an ``unread_value`` warning naming the value and
its page. B/L containers are checked the same way in ``bl_checks`` (they are the B/L's references).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from extractors.cfdi_pdf_parties import certifier_rfcs as printed_certifier_rfcs
from extractors.entities import Entity
from extractors.result import ResultBuilder, register_review_codes

# Per family, the entity kinds every printed value of which the reading must hold somewhere (a field, a line
# cell or a reference). Only values whose check digit or shape checks pass count: a misprint is another warning's.
# Dates count only right after a date label: a family reads the dates it labels (issue, payment, entry…).
MUST_READ: dict[str, tuple[str, ...]] = {
    "pedimento": ("FRACCION", "PEDIMENTO", "DATE"),
    "cfdi": ("FRACCION", "RFC", "CFDI_UUID", "DATE"),
    "commercial_invoice": ("DATE",),
    "bill_of_lading": ("DATE",),
}

# The certifier (PAC) is the third party every stamped CFDI names; ``cfdi_pdf_parties.certifier_rfcs`` finds its
# RFC in the stamp's original chain and after its labels as printed. On a scan OCR reads the chain's bars as ``I``,
# ``/`` or ``]``, so the chain is also known by its order: the stamping time (``hh:mm:ss``) and, one separator on,
# the certifier's RFC (no other RFC follows a time of day); and a label OCR split from its RFC still marks it.
STAMP_TIME = re.compile(r"\d{1,2}[:.\-]\d{2}[:.\-]\d{2}")
RFC_SHAPE = re.compile(r"[A-Z&Ñ]{3,4}\d{6}[A-Z\d]{3}")
CERTIFIER_LABEL = re.compile(r"(?:PROVEEDOR\s+DE\s+CERTIFICACI\S*|PROV\w*\s*CERTIF\w*|\bRFC\s+(?:DEL\s+)?PAC)\W{0,3}")

# A date (``21/ENE/2025``, ``2025-01-21``) or a clock time (``10:14``): no figure of a goods table's row (a bank's
# stamp prints both, and their day and hour may equal a partida's number).
DATE_OR_TIME = re.compile(
    r"(?<![\w/-])\d{1,4}[/-](?:\d{1,2}|[^\W\d_]{3,4})[/-]\d{2,4}(?![\w/-])|(?<![\w:.])\d{1,2}:\d{2}(?::\d{2})?(?![\w:.])"
)
# A printed figure (digits with thousands or decimal separators), and a label ending in a colon.
# (never the decimals of a figure whose sign or digits OCR parted from them: ``-0.0080000000``'s ``0080000000``)
FIGURE = re.compile(r"(?<![\w/-])(?<!\d[.,])\d[\d.,]*\d|(?<![\w/.,-])\d(?!\w)")
LABEL = re.compile(r"[^\W\d]\.?:")
# A date label ending right before the value (a colon or spaces between).
DATE_LABEL = re.compile(r"\b(?:FECHA|FEC\.|DATE)\b[^\d\n]{0,30}$", re.I)
# Dates of payment terms and validity (due, expiry), which no family's contract holds: their labels name no field.
# A report's cut-off date (``Fecha de corte``: the day a system printed its balances) is none of them either, nor
# a cancelled CFDI's cancellation date (``Fecha de cancelación``: its status's, not one of its data).
TERM_DATE_LABEL = re.compile(
    r"\b(?:DUE|VENC\w*|EXPIR\w*|CADUC\w*|VIGENCIA|VALID\w*|CORTE|CANCELACI\w*|CANCELL?ATION)\b[^\d\n]{0,30}$", re.I
)

register_review_codes("unread_value")


def _key(value: Any) -> str:
    """A value as compared across readings: upper case, letters and digits only."""
    return "".join(ch for ch in str(value).upper() if ch.isalnum())


def _read_values(builder: ResultBuilder, texts: dict[int, str]) -> set[str]:
    """Every value the family's reading holds, in comparable form, and the known third parties the text names."""
    cells: list[Any] = [cell for cell in builder.fields.values()]
    cells += [cell for line in builder.lines for cell in line.values()]
    values = {_key(cell.get("value")) for cell in cells if isinstance(cell, dict) and cell.get("value") is not None}
    values |= {_key(ref.get("value")) for ref in builder.references}
    for text in texts.values():
        values |= {_key(rfc) for rfc in certifier_rfcs(text)}
    return {value for value in values if value}


def certifier_rfcs(text: str) -> set[str]:
    """The RFCs a page prints as the certifier's: in the stamp's chain (its bars intact, or known by the stamping
    time right before the RFC when OCR misread them) or after the certifier's label."""
    upper = text.upper()
    found = printed_certifier_rfcs(text)
    for mark in (*STAMP_TIME.finditer(upper), *CERTIFIER_LABEL.finditer(upper)):
        window = re.sub(r"\s", "", upper[mark.end() : mark.end() + 24])  # small print: OCR splits the RFC
        for skip in range(3):  # past a separator or two (a bar OCR read as a letter may glue to the RFC)
            rfc = RFC_SHAPE.match(window, skip)
            if rfc is not None:
                found.add(rfc.group())
    return found


def _is_read(entity: Entity, read: set[str]) -> bool:
    value = _key(entity.value)
    if entity.label == "FRACCION":
        # a fracción is read when some value starts with its eight digits (with or without the NICO)
        return any(candidate[:8] == value for candidate in read if candidate.isdigit())
    if entity.label == "DATE" and entity.details.get("ambiguous"):
        # 01/11/2024 is January or November as the form's convention says: either reading agrees
        year, month, day = str(entity.value).split("-")
        return value in read or _key(f"{year}-{day}-{month}") in read
    return value in read


def _labelled_date(text: str, entity: Entity) -> bool:
    """Whether a date stands right after a date label on its line (``Fecha de pago: 03/01/2024``): a date the
    document names is one the reading of a family with that date field should hold."""
    line_start = text.rfind("\n", 0, entity.start) + 1
    before = text[line_start : entity.start]
    return bool(DATE_LABEL.search(before)) and not TERM_DATE_LABEL.search(before)


# The documents a pedimento cites whose own dates it prints beside them (the invoice's or CFDI's date, with its
# COVE): dates no field of the pedimento's contract holds.
CITED_KINDS = ("invoice", "cove")


def _cited_document_date(doc_type: str, builder: ResultBuilder, text: str, entity: Entity) -> bool:
    """Whether a pedimento's labelled date is a cited document's: its line also prints an invoice or COVE the
    reading holds as a reference (``NUM. CFDI: D4447-99  FECHA: 06/06/2025``, ``Fecha 2024-12-02  E-document
    COVE…``), so the date is that document's, not one of the pedimento's own."""
    if doc_type != "pedimento":
        return False
    start = text.rfind("\n", 0, entity.start) + 1
    end = text.find("\n", entity.end)
    line = _key(text[start : end if end >= 0 else len(text)])
    cited = [_key(ref.get("value")) for ref in builder.references if ref.get("kind") in CITED_KINDS]
    return any(len(value) >= 3 and value in line for value in cited)


def unread_values(
    doc_type: str, builder: ResultBuilder, entities: dict[int, list[Entity]], texts: dict[int, str] | None = None
) -> list[tuple[int, Entity]]:
    """The entities of the kinds the family must read that its reading lacks, with their page; ``texts`` are the
    pages' texts (for the third parties they name)."""
    kinds = MUST_READ.get(doc_type, ())
    if not kinds:
        return []
    texts = texts or {}
    read = _read_values(builder, texts)
    seen: set[tuple[str, str]] = set()
    missing = []
    for page in sorted(entities):
        for entity in entities[page]:
            if entity.label not in kinds or not entity.valid or (entity.label, _key(entity.value)) in seen:
                continue
            seen.add((entity.label, _key(entity.value)))
            if entity.label == "DATE" and not _labelled_date(texts.get(page, ""), entity):
                continue
            if entity.label == "DATE" and _cited_document_date(doc_type, builder, texts.get(page, ""), entity):
                continue
            if not _is_read(entity, read):
                missing.append((page, entity))
    return missing


def agreement_checks(
    doc_type: str, builder: ResultBuilder, entities: dict[int, list[Entity]], texts: dict[int, str] | None = None
) -> None:
    """Warn (and so route to review) when the page prints values of a kind the reading must hold but lacks; the
    first such value is named, with how many there are."""
    missing = unread_values(doc_type, builder, entities, texts)
    if not missing:
        return
    page, entity = missing[0]
    value, count = entity.value, len(missing)
    if entity.label == "FRACCION":
        message = f"Fracción {value} is printed on page {page} but no line was read with it ({count} unread values)."
    elif entity.label == "PEDIMENTO":
        message = f"Pedimento {value} is printed on page {page} but was not read ({count} unread values)."
    elif entity.label == "RFC":
        message = f"RFC {value} is printed on page {page} but is no party's that was read ({count} unread values)."
    elif entity.label == "DATE":
        message = (
            f"The date {value} is printed beside a date label on page {page} but was not read ({count} unread values)."
        )
    else:
        message = f"Folio fiscal {value} is printed on page {page} but was not read ({count} unread values)."
    builder.warn("unread_value", message)


def _numbers(text: str) -> set[float]:
    """The values a printed figure may stand for, in either decimal convention (``1,234.50`` or ``1.234,50``)."""
    values = set()
    for plain in (text.replace(",", ""), text.replace(".", "").replace(",", ".")):
        try:
            values.add(round(float(plain), 4))
        except ValueError:
            continue
    return values


def _values_of(cells: Iterable[Any]) -> set[float]:
    values: set[float] = set()
    for cell in cells:
        value = cell.get("value") if isinstance(cell, dict) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            values.add(round(float(value), 4))
        elif isinstance(value, str):
            for match in FIGURE.finditer(value):
                values |= _numbers(match.group(0))
    return values


def unread_table_rows(builder: ResultBuilder, texts: dict[int, str]) -> dict[int, int]:
    """Per page, the rows of figures inside the goods table that no reading holds a figure of.

    The table is the span between the first and last printed row with two or more figures the lines hold; a row
    of three or more distinct figures in that span (not a labelled header row, ``Peso bruto: 1,200``) of which
    neither the lines nor the header fields (nor the parts of a line the reader understood) hold one is a line the
    reader did not understand."""
    lines = _values_of(cell for line in builder.lines for cell in line.values())
    read = lines | _values_of(builder.fields.values()) | {round(float(value), 4) for value in builder.parts_read}
    unread: dict[int, int] = {}
    for page, text in texts.items():
        rows = []
        for row in text.splitlines():
            row = DATE_OR_TIME.sub(" ", row)
            figures = [found for match in FIGURE.finditer(row) if (found := _numbers(match.group(0)))]
            if len({min(found) for found in figures}) >= 3 and not LABEL.search(row):
                rows.append((sum(1 for found in figures if found & lines), sum(1 for found in figures if found & read)))
        in_table = [index for index, (held, _) in enumerate(rows) if held >= 2]
        if in_table:
            count = sum(1 for _, held in rows[in_table[0] : in_table[-1] + 1] if held == 0)
            if count:
                unread[page] = count
    return unread


def table_checks(builder: ResultBuilder, texts: dict[int, str]) -> None:
    """Warn when rows of figures inside the goods table were read into no line (a table half understood)."""
    if not builder.lines:
        return
    for page, count in unread_table_rows(builder, texts).items():
        builder.warn(
            "low_layout_agreement",
            f"{count} rows of figures inside the goods table on page {page} were not read into any line; "
            "check the lines.",
        )
        return
