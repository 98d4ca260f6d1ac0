"""Review check on text values: a name or description that holds one of its family's labels followed by a
colon, or a phrase of the SAT's catalogues, was read past its own end (into the next label and its value, or
from a label's value box instead of the name's). Its shape and the arithmetic cannot tell: only a person can
read the name.

The label tables are each family's own (the labels its reader looks for, decoys included), so a label the
family learns is checked here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from extractors import bl_labels, cfdi_pdf, invoice, packing_list
from extractors.pedimento import labels as pedimento_labels
from extractors.result import ResultBuilder, register_review_codes
from extractors.value_labels import code_phrase, label_start, normalised


def _wordings(*tables: Mapping[str, Sequence[str]]) -> frozenset[str]:
    return normalised(label for table in tables for labels in table.values() for label in labels)


# Per family, every label its reader knows (normalised as ``layout.norm`` does).
FAMILY_LABELS: dict[str, frozenset[str]] = {
    "cfdi": _wordings(cfdi_pdf.LABELS),
    "commercial_invoice": _wordings(invoice.HEADER_LABELS),
    "bill_of_lading": _wordings(bl_labels.LABELS),
    "pedimento": _wordings(pedimento_labels.HEADER_LABELS),
    "packing_list": _wordings(packing_list.LABELS),
}
# Which values are free text: header fields named ``*_name`` (parties, carriers) and these; line cells named
# here. Codes, numbers and dates have shapes of their own, checked elsewhere.
TEXT_FIELD_SUFFIX = "_name"
TEXT_LINE_CELLS = ("description",)

REVIEW_CODES = ("label_in_value",)
register_review_codes(*REVIEW_CODES)


def _value(cell: dict[str, Any] | None) -> Any:
    return None if cell is None else cell.get("value")


def _texts(builder: ResultBuilder) -> Iterable[tuple[str, int | None, str]]:
    """(field, line number or None, text) of every free-text value read."""
    for name, cell in builder.fields.items():
        value = _value(cell)
        if name.endswith(TEXT_FIELD_SUFFIX) and isinstance(value, str):
            yield name, None, value
    for index, line in enumerate(builder.lines, start=1):
        for name in TEXT_LINE_CELLS:
            value = _value(line.get(name))
            if isinstance(value, str):
                yield name, index, value


def text_checks(doc_type: str, builder: ResultBuilder) -> None:
    """Warn (once) when a name or description holds a label and its colon, or a catalogue phrase."""
    labels = FAMILY_LABELS.get(doc_type, frozenset())
    for name, index, text in _texts(builder):
        start = label_start(text, labels)
        held = text[start:].partition(":")[0] + ":" if start is not None else code_phrase(text)
        if held is None:
            continue
        field = name.replace("_", " ")
        if index is None:
            builder.warn(
                "label_in_value",
                f"The {field} {text!r} holds {held!r}: it was read into a neighbouring label. "
                "Read it from the document.",
                name,
            )
        else:
            builder.warn(
                "label_in_value",
                f"Line {index}: the {field} {text!r} holds {held!r}: it was read into a neighbouring label. "
                "Read it from the document.",
                name,
            )
        return
