"""Values OCR doubted that the document itself confirms: their doubt is no reason for review.

A scan's word confidence says OCR hesitated, not that it erred; a clerk sent every hesitation learns to ignore
review. Where an independent fact vouches for the reading, the cell's confidence is raised to ``CONFIRMED``:
- a tax id (RFC) whose check digit holds, read exactly as printed;
- a line's quantity × unit price = amount to the cent (three readings that a one-character slip would break);
- a folio fiscal printed twice on the page (header and stamp chain) and read the same in both places;
- a CFDI's type that the page names in words (``INGRESO``), naming no other type;
- a pedimento's operation that its dates confirm (an import's entry date, an export's presentation date);
- a partida's UMT that another partida of the same fracción reads surely (the tariff fixes one per fracción);
- a company name whose only doubtful words are those of its legal form (``S. DE R.L. DE C.V.``), a closed
  wording that the whole form's shape vouches for.

Only values read as printed are confirmed: a value a reader rebuilt or repaired keeps the low confidence its
reader gave it on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from extractors import checks
from extractors.result import ResultBuilder
from extractors.review_forms import DATE_OF_OPERATION, printed_dates
from extractors.review_slips import LEGAL_FORM
from extractors.text import PageText

# The confidence of a value an independent fact confirms (as the readers' own confirmations: check digit,
# the form's arithmetic): above the review threshold.
CONFIRMED = 0.9
# Line cells whose product is the amount, per family.
ARITHMETIC: dict[str, tuple[str, str, str]] = {
    "commercial_invoice": ("quantity", "unit_price", "amount"),
    "cfdi": ("quantity", "unit_price", "amount"),
}
# Header fields that hold a tax id (RFC), and identifiers a document may print twice (a CFDI's folio fiscal in its
# header and in the stamp's chain).
TAX_ID = re.compile(r".*_(?:rfc|tax_id)")
TWICE_PRINTED = ("uuid",)


def _digits(text: str) -> str:
    """A figure's significant digits: how a printed figure and the number read from it are compared."""
    return re.sub(r"\D", "", text).strip("0")


def _as_printed(cell: dict[str, Any]) -> bool:
    """Whether the value is what the page printed (not rebuilt by a reader): its raw text says the same."""
    value, raw = cell.get("value"), cell.get("raw")
    if raw is None or value is None:
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _digits(f"{float(value):.6f}") == _digits(str(raw))
    return checks.compact(str(value)) == checks.compact(str(raw))


def _raise(cells: dict[str, Any], key: str) -> None:
    """Put in a copy of the cell at ``CONFIRMED`` (a cell may be shared with the reading it came from)."""
    cell = cells.get(key)
    if cell is not None and float(cell.get("confidence") or 0.0) < CONFIRMED and _as_printed(cell):
        cells[key] = {**cell, "confidence": CONFIRMED}


def confirm_readings(doc_type: str, builder: ResultBuilder, page_lines: list[str] | None = None) -> None:
    """Raise the confidence of the values the document confirms (see the module's docstring)."""
    _tax_ids(builder)
    _arithmetic(doc_type, builder)
    if page_lines is not None:
        _printed_twice(builder, "\n".join(page_lines))
        if doc_type == "cfdi":
            _type_named(builder, "\n".join(page_lines))
        if doc_type == "pedimento":
            _operation_dated(builder, page_lines)
    if doc_type == "pedimento":
        _tariff_units(builder)


def _tax_ids(builder: ResultBuilder) -> None:
    for name, cell in list(builder.fields.items()):
        value = str(cell.get("value") or "")
        if TAX_ID.fullmatch(name) and value not in checks.GENERIC_RFCS and checks.rfc_is_valid(value):
            _raise(builder.fields, name)


def _number(cell: dict[str, Any] | None) -> float | None:
    value = None if cell is None else cell.get("value")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _arithmetic(doc_type: str, builder: ResultBuilder) -> None:
    keys = ARITHMETIC.get(doc_type)
    if keys is None:
        return
    for line in builder.lines:
        quantity, price, amount = (_number(line.get(key)) for key in keys)
        if quantity is None or price is None or amount is None or not quantity or not amount:
            continue
        # exactly to the cent (a price printed rounded, whose product only comes near the amount, confirms
        # nothing: a digit slipped in the quantity might hide in its rounding)
        if abs(round(quantity * price, 2) - amount) < 0.005:
            for key in keys:
                _raise(line, key)


# Letters OCR reads for the digits they look like; a folio fiscal is hexadecimal, so none of them is its own.
_LOOKALIKE_DIGITS = str.maketrans("OQILSZG", "0011526")


def _printed_twice(builder: ResultBuilder, text: str) -> None:
    """A hexadecimal identifier read the same in two places of the page (the second copy's letters that are no
    hexadecimal digit taken as the digits they look like: the stamp's chain is small print)."""
    squeezed = checks.compact(text).translate(_LOOKALIKE_DIGITS)
    for name in TWICE_PRINTED:
        cell = builder.fields.get(name)
        value = checks.compact(str(cell.get("value") or "")) if cell else ""
        if len(value) >= 32 and squeezed.count(value) >= 2:
            _raise(builder.fields, name)


# A CFDI's type (c_TipoDeComprobante) and the word a printout names it by.
TYPE_WORDS = {"I": "INGRESO", "E": "EGRESO", "T": "TRASLADO", "N": "NOMINA"}
_TYPE_WORD = re.compile(r"\b(INGRESO|EGRESO|TRASLADO|N[OÓ]MINA)\b")


def _type_named(builder: ResultBuilder, text: str) -> None:
    """A CFDI type the reader inferred (from a positive total, say) that the page names in words ("CFDI 4.0 ·
    INGRESO"), with no word of another type anywhere: the printout says which it is."""
    cell = builder.fields.get("cfdi_type")
    word = TYPE_WORDS.get(str(cell.get("value") or "")) if cell else None
    if cell is None or word is None or float(cell.get("confidence") or 0.0) >= CONFIRMED:
        return
    named = {found.replace("Ó", "O") for found in _TYPE_WORD.findall(text.upper())}
    if named == {word}:
        builder.fields["cfdi_type"] = {**cell, "confidence": CONFIRMED}


def _tariff_units(builder: ResultBuilder) -> None:
    """A partida's UMT OCR doubted that another partida of the same fracción gives surely: the tariff fixes one
    unit of measure per fracción (TIGIE), so two partidas of one fracción that read the same unit agree."""
    sure: dict[str, set[str]] = {}
    for line in builder.lines:
        tariff, unit = (str((line.get(key) or {}).get("value") or "") for key in ("tariff_code", "umt"))
        if tariff and unit and float(line["umt"].get("confidence") or 0.0) >= DOUBT:
            sure.setdefault(tariff, set()).add(unit)
    for line in builder.lines:
        tariff, unit = (str((line.get(key) or {}).get("value") or "") for key in ("tariff_code", "umt"))
        if unit and sure.get(tariff) == {unit}:
            _raise(line, "umt")


def _operation_dated(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A pedimento's operation OCR doubted that its dates confirm: an import prints its entry date (``ENTRADA``)
    and no presentation date, an export its presentation date and no entry date (Anexo 22, FECHAS)."""
    cell = builder.fields.get("operation_type")
    value = str(cell.get("value") or "") if cell else ""
    if cell is None or value not in DATE_OF_OPERATION or float(cell.get("confidence") or 0.0) >= CONFIRMED:
        return
    if re.sub(r"[^A-Z]", "", str(cell.get("raw") or "").upper()) != value:
        return  # rebuilt by the reader, not read as printed
    own, other = DATE_OF_OPERATION[value]
    if printed_dates(own, page_lines) and not printed_dates(other, page_lines):
        builder.fields["operation_type"] = {**cell, "confidence": CONFIRMED}


# OCR's doubt about a word below this is what sends a reading to review (the pipeline's review threshold).
DOUBT = 0.7
_TOKEN = re.compile(r"[A-Z0-9&]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.upper())


def _inside(word: object, bbox: Sequence[float]) -> bool:
    x0, top, x1, bottom = (float(getattr(word, key)) for key in ("x0", "top", "x1", "bottom"))
    return x0 >= bbox[0] - 1 and x1 <= bbox[2] + 1 and top >= bbox[1] - 1 and bottom <= bbox[3] + 1


def confirm_legal_forms(builder: ResultBuilder, pages: Sequence[PageText]) -> None:
    """A name OCR doubted only in the words of its legal form keeps the confidence its other words give it: the
    form is a closed wording (``S.A. DE C.V.``) whose whole shape, read at the name's end, vouches for them."""
    by_number = {page.number: page for page in pages}
    for name, cell in list(builder.fields.items()):
        value, bbox, page = str(cell.get("value") or ""), cell.get("bbox"), by_number.get(cell.get("page") or 0)
        form = LEGAL_FORM.search(value)
        if not name.endswith("_name") or form is None or page is None or not bbox or not _as_printed(cell):
            continue
        words = [word for word in page.words if _inside(word, bbox)]
        if not words or float(cell["confidence"]) >= DOUBT:
            continue
        form_tokens = set(_tokens(form.group()))
        in_form = [bool(_tokens(word.text)) and set(_tokens(word.text)) <= form_tokens for word in words]
        if not all(inside for word, inside in zip(words, in_form, strict=True) if word.confidence < DOUBT):
            continue
        lowest = min(word.confidence for word in words)
        if lowest <= 0:  # a word OCR gave no confidence at all: nothing to weigh the reader's certainty by
            continue
        # the reader's own certainty (what it multiplied OCR's doubt by) stays; only the form's words' doubt goes
        certainty = float(cell["confidence"]) / lowest
        sure = min((word.confidence for word, inside in zip(words, in_form, strict=True) if not inside), default=1.0)
        confidence = round(max(float(cell["confidence"]), min(CONFIRMED, certainty * sure)), 4)
        builder.fields[name] = {**cell, "confidence": confidence}
