"""Totals a CFDI printout qualifies with the currency they are in ("Total M.N.:", "Subtotal USD", "Total en
dólares").

An exporter that bills its foreign customer in pesos prints its totals as ``Total M.N.`` and, in the Comercio
Exterior block, the complement's ``Total USD`` (its TotalUSD, in dollars whatever the CFDI's Moneda); a USD invoice
may print its total converted into pesos (``Total M.N.``) under the real one. The currency word after the label
belongs to the label: the figure stands after it, and a total in a currency other than the CFDI's is not the
CFDI's SubTotal or Total (a decoy that still ends the value before it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from extractors import layout
from extractors.entities.normalise import CURRENCY_CODES

# the words (as ``layout.norm`` leaves them) that name a currency after a total's label
QUALIFIERS: dict[str, str] = {
    **{code: code for code in CURRENCY_CODES},
    "MN": "MXN",
    "PESOS": "MXN",
    "DLS": "USD",
    "DLLS": "USD",
    "DOLARES": "USD",
    "DOLLARS": "USD",
}
# a word that may join the label and its currency ("Total en USD")
_JOINERS = frozenset({"EN", "IN"})
TOTALS = ("subtotal", "total")
# the key of a total in another currency than the CFDI's
OTHER_CURRENCY = "_other_currency_total"


def qualifier_after(page: layout.PageLayout, hit: layout.LabelHit, taken: set[int]) -> tuple[int, str] | None:
    """The index of the word after the label ``hit`` that names a currency (past a joining "en"), and the
    currency's ISO code; None when no such word follows right after the label (words in ``taken`` belong to
    other labels)."""
    if hit.rest:
        return None
    line = page.lines[hit.line]
    index = hit.end + 1
    if index < len(line.tokens) and line.tokens[index] in _JOINERS:
        index += 1
    if index >= len(line.words) or index in taken:
        return None
    code = QUALIFIERS.get(line.tokens[index])
    if code is None:
        return None
    previous = line.words[index - 1]
    if line.words[index].x0 - previous.x1 > 1.5 * line.height:
        return None  # set apart from the label: a value ("Moneda ... Total  USD 1,234.00"), no part of it
    return index, code


def qualified_totals(
    pages: Sequence[layout.PageLayout], hits: Sequence[layout.LabelHit], currency: str | None
) -> list[layout.LabelHit]:
    """``hits`` with each subtotal's and total's label run on over the currency word after it; a total in
    another currency than ``currency`` (the CFDI's Moneda, when read) becomes a decoy (``OTHER_CURRENCY``)."""
    by_page = {page.number: page for page in pages}
    taken: dict[tuple[int, int], set[int]] = {}
    for hit in hits:
        taken.setdefault((hit.page, hit.line), set()).update(range(hit.start, hit.end + 1))
    out: list[layout.LabelHit] = []
    for hit in hits:
        page = by_page[hit.page]
        found = qualifier_after(page, hit, taken[(hit.page, hit.line)]) if hit.key in TOTALS else None
        if found is None:
            out.append(hit)
            continue
        index, code = found
        words = page.lines[hit.line].words
        key = OTHER_CURRENCY if currency is not None and code != currency else hit.key
        out.append(
            dataclasses.replace(
                hit,
                key=key,
                end=index,
                x1=words[index].x1,
                top=min(hit.top, words[index].top),
                bottom=max(hit.bottom, words[index].bottom),
            )
        )
    return out
