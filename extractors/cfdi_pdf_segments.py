"""A file that holds more than one CFDI printout: the document is the first CFDI, the others add nothing to it.

Receivables departments send an invoice and the receipt of its payment (a CFDI of type P with the Pagos
complement, its own folio fiscal, the invoice's among its related documents) in one PDF; a portal's download may
put several invoices in one file. Each CFDI prints its own header: its folio fiscal under its label, with the
series, folio, issue date, type and parties around it. A page whose header gives another folio fiscal than the
first CFDI's, and does not print the first one's under that label, begins another CFDI: from there on the pages are
not the document's (its conceptos would take the other CFDI's concepto, its totals the other's zero).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from extractors import layout

# The header's captions besides the folio fiscal that a CFDI's own header prints: with three of them on a page,
# a folio fiscal there is that page's CFDI's, not a related CFDI's cited in a line of text.
HEADER_KEYS = frozenset(
    {
        "series",
        "folio",
        "series_folio",
        "issue_date",
        "cfdi_type",
        "cfdi_version",
        "issuer_name",
        "receiver_name",
        "issuer_rfc",
        "receiver_rfc",
    }
)
HEADER_CAPTIONS = 3
# How many of a UUID's 32 hexadecimal digits must differ for it to be another folio fiscal, not the same one OCR
# misread in a few places (two folios fiscales differ in about 30).
OTHER_DIGITS = 8


def _labelled_uuids(
    page: layout.PageLayout, hits: Sequence[layout.LabelHit], parser: Callable[[str], Any]
) -> list[str]:
    """The UUIDs the page prints under its folio fiscal labels, in reading order."""
    others = [hit for hit in hits if hit.key != "uuid"]
    values = []
    for hit in hits:
        if hit.key != "uuid":
            continue
        found = layout.find_value([page], [hit, *others], "uuid", parser)
        if found is not None:
            values.append(str(found.value).upper())
    return values


def _differ(a: str, b: str) -> bool:
    digits_a, digits_b = a.replace("-", ""), b.replace("-", "")
    return len(digits_a) != len(digits_b) or sum(x != y for x, y in zip(digits_a, digits_b, strict=True)) >= (
        OTHER_DIGITS
    )


def other_cfdi(
    pages: Sequence[layout.PageLayout], hits: Sequence[layout.LabelHit], parser: Callable[[str], Any]
) -> tuple[int, str] | None:
    """(the page number, the folio fiscal) of the first page that begins another CFDI than the file's first, or
    None when the file holds one CFDI."""
    own: str | None = None
    for page in pages:
        on_page = [hit for hit in hits if hit.page == page.number]
        uuids = _labelled_uuids(page, on_page, parser)
        if not uuids:
            continue
        if own is None:
            own = uuids[0]
            continue
        if any(not _differ(value, own) for value in uuids):
            continue  # the first CFDI's header repeated on a page of its own
        if len({hit.key for hit in on_page} & HEADER_KEYS) >= HEADER_CAPTIONS:
            return page.number, uuids[0]
    return None
