"""Bills of lading: ocean (containers and seals, vessel, voyage, ports) and truck (straight bill of lading).

Fields are found by their labels wherever the carrier's form prints them (``extractors.layout``): to the right
of the label or in the box under it. Cargo lines come from the table whose header names the container, seal,
package and weight columns (ocean) or the handling units, weight and commodity (truck). References: the
containers and seals, and the invoices and purchase orders the shipper quoted.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Any, NamedTuple

from extractors import checks
from extractors.bl_blocks import (
    PACKAGE_WORDS,
    clean_description,
    container_blocks,
    container_text,
    header_lines,
    merge_block,
    preamble,
    read_container,
    seal_shaped,
    stated_total,
    weight_figure,
)
from extractors.bl_boxes import after_slash, month_named_order, terms_under_caption
from extractors.bl_breakdown import apply_breakdowns, breakdowns, without_openings
from extractors.bl_captions import blocking_hits, caption_list, cargo_cards, read_rows
from extractors.bl_checks import CORROBORATED, bl_checks, references, references_only
from extractors.bl_courier import courier_waybill, read_courier
from extractors.bl_hits import labels_on
from extractors.bl_labels import (
    AIR_COLUMNS,
    AIR_STOP,
    CONTAINER_TOTALS,
    LABELS,
    LOCODE_COUNTRIES,
    LOOSE_COUNT_LABELS,
    OCEAN_COLUMNS,
    OCEAN_STOP,
    TRUCK_ASIDE,
    TRUCK_COLUMNS,
    TRUCK_STOP,
)
from extractors.bl_rows import ROW_CERTAINTY, rows_over_totals
from extractors.bl_scripts import without_cjk_captions
from extractors.bl_units import (
    LB_KG,
    LB_PER_KG,
    kilos_beside_pounds,
    kind_first_off,
    lines_in_pounds,
    one_line_by_the_kilograms,
    weight_heading_in_pounds,
)
from extractors.entities import recognisers
from extractors.layout import (
    Cell,
    FamilyResult,
    Found,
    LabelHit,
    PageLayout,
    Record,
    TableSpec,
    apply_parser,
    date_parser,
    find_labels,
    find_value,
    found_from_cell,
    layouts,
    month_first_dates,
    norm,
    ocr_digits,
    parse_date,
    parse_int,
    parse_name,
    parse_number,
    parse_regex,
    parse_text,
    pdf_rules,
    read_table,
)
from extractors.result import ResultBuilder

# a reference's label and its number, nothing else: what stands beside a party's name, never the name
_REFERENCE_ONLY = re.compile(
    r"\s*(?:P\.?\s?O\.?|PURCHASE\s+ORDER|ORDEN\s+DE\s+COMPRA|OC|INVOICE|INV|FACTURA|REF(?:ERENCE)?|BOOKING|RFC|"
    r"TAX\s+ID|PEDIMENTO)\s*(?:NO\.?|NUM\.?|#)?\s*[:#.]?\s*[A-Z0-9][A-Z0-9\-/]*(?:\s*,\s*[A-Z0-9][A-Z0-9\-/]*)*\s*$",
    re.IGNORECASE,
)


_LEGAL_FORM_REPAIRS = [
    (re.compile(r"\bS\.\s?R\.\s?L\.(?=\s+DE\s+C)", re.IGNORECASE), "S. DE R.L."),
    # (a period printed at all: "SA DE CV" written without them stays as printed)
    (re.compile(r"(?<=\bDE )(?:C\.?\s?V\.|C\.\s?V)$", re.IGNORECASE), "C.V."),
    # a speck OCR read as an apostrophe in the space before S.A. ("BAJIO'S.A. DE C.V.")
    (re.compile(r"(?<=[A-Z]{2})['`’](?=S\.\s?A\.\s+DE\b)"), " "),
    # a speck OCR read as a period in the space before C.V. ("S.A. DE.C.V.")
    (re.compile(r"\bDE\.(?=C\.\s?V\.?$)", re.IGNORECASE), "DE "),
    # R.L.'s first period lost ("S. DE RL. DE C.V.", "S. DE RL." ending the name)
    (re.compile(r"(?<=\bDE )RL\.(?=\s+DE\s+C|$)", re.IGNORECASE), "R.L."),
    # the S of the form read as a dollar sign or an 8 ("$. DE R.L.", "8. DE R.L."), S.A.'s period as a comma
    (re.compile(r"(?<=\s)[$8]\.(?=\s?DE\s+R\.|\s?A[.,]\s?DE\s+C\.)"), "S."),
    (re.compile(r"\bS\.\s?A,(?=\s+DE\s+C)"), "S.A."),
    # C.V.'s periods lost where S.A.'s are printed ("S.A. DE CV")
    (re.compile(r"(?<=\bS\.A\. DE )CV$"), "C.V."),
]


# a word of a digital seal (base64): capitals, small letters and digits mixed, as no name's word is
_DIGEST_WORD = re.compile(r"(?<!\S)(?=\S*\d)(?=\S*[a-z])(?=\S*[A-Z])\S{5,}")


def _party(text: str) -> tuple[str, tuple[int, int]] | None:
    """A party's name: the text with a leading ``Name:`` dropped (a pound sign OCR read for an ampersand
    put back)."""
    match = re.match(r"\s*(?:NAME|NOMBRE)\s*:?\s*", text, re.IGNORECASE)
    offset = match.end() if match else 0
    rest = text[offset:]
    # (a run opening with a slash is the rest of a joint caption, "CARRIER NAME / SCAC" as OCR misread it)
    if (
        rest.lstrip().startswith("/")
        or rest.rstrip().endswith(":")
        or re.search(r"[^\s]{40}", rest)
        or len(_DIGEST_WORD.findall(rest)) >= 2
    ):
        # a caption ("Sello digital del CFDI:"), the next box's label; a digital seal's run of characters (a scan
        # breaks it into words of capitals, small letters and digits mixed)
        return None
    if (
        _REFERENCE_ONLY.match(rest)
        or references_only(rest)
        or (re.search(r"\d", rest) and not re.search(r"(?<![\w])[A-Za-z]{2,}(?![\w])", rest))
    ):
        # a reference printed beside the party's box ("PO: 4532430529"), or figures and codes with no word of
        # a name among them (a page number and the B/L number: "1 ONEY791858469")
        return None
    parsed = parse_name(text[offset:])
    if parsed is None:
        return None
    value, (s, e) = parsed
    # OCR's readings of an ampersand ("£", "$") and a speck read as a colon after a word: no name holds them
    value = re.sub(r" [£$] ", " & ", value)
    value = re.sub(r"(?<=[A-Za-z]{2})(?: |[:;])8 (?=[A-Za-z]{2})", " & ", value)  # (an 8 between words: its loops)
    value = re.sub(r"(?<=\w):(?=\s)", "", value)
    # a Mexican legal form OCR broke: its DE lost ("S. R.L. DE C.V.") or its C.V.'s periods ("DE Cv.")
    for broken, whole in _LEGAL_FORM_REPAIRS:
        value = broken.sub(whole, value)
    return value, (s + offset, e + offset)


def _apart(found: Found, parser: Any) -> Found:
    """A party read under its label without the words a wide gap sets apart (the next box's value when OCR
    lost that box's label)."""
    words = found.words
    for k in range(1, len(words)):
        height = max(1.0, words[k].bottom - words[k].top)
        if words[k].x0 - words[k - 1].x1 > 5 * height:
            cut = apply_parser(parser, words[:k], found.page, found.certainty)
            return cut if cut is not None else found
    return found


# a name cut in the middle of its legal form or after a joining word ("... S.A. DE" / "C.V.", "... REYNOSA S." /
# "DE R.L. DE C.V.", "... Y" / "ASOCIADOS")
_DANGLING = re.compile(r"(?:\s(?:DE|DEL|Y|E|AND|OF)|\sS\.|\sS\.\s?A\.|&|,)\s*$", re.IGNORECASE)


# a company's legal form alone, the whole of a line ("S.A. DE C.V.", "S. DE R.L. DE C.V.", "INC.", "CO., LTD.")
_LEGAL_FORM_ONLY = re.compile(
    r"(?:S\.?\s?A\.?(?:\s?P\.?\s?I\.?)?(?:\s?B\.?)?|S\.?\s?(?:DE\s+)?R\.?\s?L\.?|S\.?\s?C\.?|A\.?\s?C\.?)"
    r"(?:\s+DE\s+C\.?\s?V\.?)?|INC\.?|L\.?L\.?C\.?|CORP(?:ORATION|\.)?|(?:CO\.?,?\s+)?LTD\.?|GMBH|AG",
    re.IGNORECASE,
)


def _continued(pages: list[PageLayout], found: Found, parser: Any) -> Found:
    """A party's name whose box wrapped it: the words under it in its own column on the next line (not the
    neighbouring box's words on that line) when the name stops where no name ends, or when those words are a
    legal form alone (the name wrapped before its "S.A. DE C.V.")."""
    if not found.words:
        return found
    lay = next((lay for lay in pages if lay.number == found.page), None)
    last = found.words[-1]
    if lay is None:
        return found
    index = next((i for i, ln in enumerate(lay.lines) if any(w is last for w in ln.words)), None)
    if index is None or index + 1 >= len(lay.lines):
        return found
    left, right = min(w.x0 for w in found.words), max(w.x1 for w in found.words)
    height = max(1.0, last.bottom - last.top)
    below = lay.lines[index + 1]
    if below.top - last.bottom > 1.5 * height:
        return found
    more: list[Any] = []
    for w in below.words:
        if more and w.x0 - more[-1].x1 > 2 * height:
            break
        if (more or left - height <= w.x0 <= right) and w.x0 >= left - height:
            more.append(w)
    if not more:
        return found
    legal_form = _LEGAL_FORM_ONLY.fullmatch(" ".join(w.text for w in more).strip())
    if not _DANGLING.search(str(found.value)) and not legal_form:
        return found
    joined = apply_parser(parser, [*found.words, *more], found.page, found.certainty)
    return joined if joined is not None else found


def _weight(text: str, one_container: bool = False) -> tuple[float, tuple[int, int]] | None:
    """A weight in kilograms (pounds converted when the unit says LB)."""
    parsed = weight_figure(text, one_container)
    if parsed is None:
        return None
    value, span = parsed
    if re.search(r"\bLBS?\b", text[span[1] : span[1] + 6].upper()):
        value = round(value * LB_KG, 1)
    return value, span


def _container_weight(text: str) -> tuple[float, tuple[int, int]] | None:
    return _weight(text, one_container=True)


_BL_NUMBER = parse_regex(r"(?<![A-Z0-9])([A-Z0-9][A-Z0-9\-]{5,24})(?![A-Z0-9])", group=1, compact=False)
_SCAC_SERIAL = re.compile(r"(?<![A-Z0-9])([A-Z]{4}\d{0,4})\s(\d{4,14})(?![A-Z0-9])")


def _bl_number(text: str) -> tuple[str, tuple[int, int]] | None:
    """A B/L number; an ocean master B/L is the carrier's SCAC and a serial, which OCR may print apart
    (``MAEU 123456789``). A number has digits: a word alone ("BOL - Negotiable", a document type after a label
    that names the B/L) is none."""
    split = _SCAC_SERIAL.search(text.upper())
    if split and 10 <= len(split.group(1) + split.group(2)) <= 18:
        return split.group(1) + split.group(2), split.span()
    parsed: tuple[str, tuple[int, int]] | None = _BL_NUMBER(text)
    if parsed is not None and not re.search(r"\d", parsed[0]):
        return None
    return parsed


def _place(text: str) -> tuple[str, tuple[int, int]] | None:
    """A port or place, ``CITY, COUNTRY`` (OCR reads the comma as a semicolon now and then); a place named by its
    UN/LOCODE before its name (``CNNGB NINGBO``) as ``NINGBO, CHINA``, the country the code's first letters name."""
    parsed: tuple[str, tuple[int, int]] | None = parse_text(text)
    if parsed is None:
        return None
    # a speck after a whole word ("MEXICO.") is no abbreviation's period ("QRO.", "N.L.")
    value = re.sub(r"(?<=[A-Z]{5})\.$", "", re.sub(r"\s*;\s+", ", ", parsed[0]))
    return _unlocode(value), parsed[1]


_LOCODE_FIRST = re.compile(r"([A-Z]{2})[A-Z2-9]{3}\s+([A-Z][A-Z .'\-]*[A-Z.])")


def _unlocode(place: str) -> str:
    """``CNNGB NINGBO`` as ``NINGBO, CHINA``: five capitals before a name, the first two a country's code, and
    no country named after them (``TOKYO JAPAN`` is a city and its country)."""
    match = _LOCODE_FIRST.fullmatch(place.strip())
    if match is None:
        return place
    country = LOCODE_COUNTRIES.get(match.group(1))
    named = set(LOCODE_COUNTRIES.values())
    if country is None or any(word in named for word in (match.group(2), match.group(2).split()[-1])):
        return place
    return f"{match.group(2)}, {country}"


def _goods(text: str) -> tuple[str, tuple[int, int]] | None:
    """The goods under their label; a container's particulars there (the goods told container by container)
    are no description of the whole B/L."""
    if container_text(text):
        return None
    # (figures alone, a line's weight and measurement under the goods' label, describe no goods)
    if len(re.findall(r"[A-Za-z]", text)) < 3:
        return None
    parsed: tuple[str, tuple[int, int]] | None = parse_text(text)
    return parsed


# a figure printed in a column of its own: a weight, a measurement, with or without its unit
_FIGURE = re.compile(r"\d[\d,.]*(?:\s*(?:KGS?|LBS?|CBM|M3))?", re.IGNORECASE)


def _without_figures_apart(found: Found, parser: Any) -> Found:
    """Goods read with the figures past a gutter after them (the line's weight and measurement in their own
    columns, read as the value runs on under its label): those figures are no goods."""
    words = found.words
    for k in range(1, len(words)):
        if _gutter(words[k - 1], words[k]) and all(_FIGURE.fullmatch(w.text) for w in words[k:]):
            own = apply_parser(parser, words[:k], found.page, found.certainty)
            return own if own is not None else found
    return found


def _own_box(found: Found, parser: Any) -> Found:
    """A value cut at the first gutter between its words: the words past it stand in the next box (whose label
    OCR misread, so that nothing closed the value there)."""
    words = found.words
    cut = next((k for k in range(1, len(words)) if _gutter(words[k - 1], words[k])), None)
    if cut is None:
        return found
    own = apply_parser(parser, words[:cut], found.page, found.certainty)
    return own if own is not None else found


def _whole_phrase(pages: list[PageLayout], hits: list[LabelHit], found: Found, parser: Any) -> Found:
    """Goods read on one line under a label that ends a longer line (``SHIPPER'S LOAD, STOW AND COUNT - SAID TO
    CONTAIN:`` over the goods): the label heads no column, and the goods printed from the line's start are cut
    where the label begins. The words on either side of them on their line, spaced as a sentence's words are
    (no gutter between) and no label's, are theirs too."""
    found = _without_figures_apart(found, parser)
    lay = next((lay for lay in pages if lay.number == found.page), None)
    if lay is None or not found.words:
        return found
    first, last = found.words[0], found.words[-1]
    index = next((i for i, ln in enumerate(lay.lines) if any(w is first for w in ln.words)), None)
    if index is None or not any(w is last for w in lay.lines[index].words):
        return found
    words = lay.lines[index].words
    labelled = {k for h in hits if h.page == lay.number and h.line == index for k in range(h.start, h.end + 1)}
    start = next(k for k, w in enumerate(words) if w is first)
    end = next(k for k, w in enumerate(words) if w is last)
    while start > 0 and start - 1 not in labelled and not _gutter(words[start - 1], words[start]):
        start -= 1
    while end + 1 < len(words) and end + 1 not in labelled and not _gutter(words[end], words[end + 1]):
        end += 1
    if words[start] is first and words[end] is last:
        return found
    whole = apply_parser(parser, list(words[start : end + 1]), found.page, found.certainty)
    return whole if whole is not None else found


def _goods_cut_from_their_line(pages: list[PageLayout], hits: list[LabelHit], result: ResultBuilder) -> None:
    """Goods read as part of a printed line: a word beside them on their line, spaced as a sentence's words are
    (no gutter between) and no label's, was left out, so the description read is cut (its first words lost
    under a label that ends a longer line, or its last ones in a neighbouring cell). The reviewer reads it from
    the document."""
    found = result.fields.get("goods_description")
    lay = next((lay for lay in pages if found and lay.number == found.get("page")), None)
    if found is None or lay is None or not found.get("bbox"):
        return
    x0, top, x1, bottom = (float(v) for v in found["bbox"])
    for li, line in enumerate(lay.lines):
        words = line.words
        inside = [k for k, w in enumerate(words) if _within(getattr(w, "original", None) or w, x0, top, x1, bottom)]
        if not inside:
            continue
        labelled = {k for h in hits if h.page == lay.number and h.line == li for k in range(h.start, h.end + 1)}
        first, last = inside[0], inside[-1]
        before = first > 0 and first - 1 not in labelled and not _gutter(words[first - 1], words[first])
        after = last + 1 < len(words) and last + 1 not in labelled and not _gutter(words[last], words[last + 1])
        if before or after:
            result.warn(
                "low_layout_agreement",
                f"The goods description {found['value']!r} was read from part of a printed line; check it.",
                "goods_description",
            )
            return


def _within(word: Any, x0: float, top: float, x1: float, bottom: float) -> bool:
    """Whether a word's centre stands inside a box (a field's bbox, a point of slack around it)."""
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1


def _vessel(text: str) -> tuple[str, tuple[int, int]] | None:
    """A ship's name: capitals, or each word capitalised; a word all in small letters ("Port of loading", as OCR
    misread the next box's label beside the vessel's) is no part of one."""
    if re.search(r"(?<![\w'])[a-z]{3,}(?!\w)", text):
        return None
    parsed: tuple[str, tuple[int, int]] | None = parse_text(text.rstrip(" /:"))
    return parsed


# the freight terms as a word or as the carriers' electronic B/L standard's code
_TERMS = re.compile(r"(?<![A-Z])(?:(PREPAID|PRE|PP)|(COLLECT|COL|CC))(?![A-Z])")


def _terms(text: str) -> tuple[str, tuple[int, int]] | None:
    """Freight terms printed as the value of their caption: ``PRE`` / ``COL``, ``PP`` / ``CC`` or the word."""
    match = _TERMS.match(text.strip().upper())
    if match is None:
        return None
    offset = len(text) - len(text.lstrip())
    return ("prepaid" if match.group(1) else "collect"), (offset + match.start(), offset + match.end())


def _package_count(text: str) -> tuple[int, tuple[int, int]] | None:
    """A count of packages; a code whose letters run into its digits (a seal "ML-8831249", a trailer "TR21728")
    is none."""
    if re.match(r"\s*[A-Za-z]+[-/]?\d", text):
        return None
    # a count OCR glued to the kind of package after it ("7PALLETS")
    glued = re.match(rf"\s*(\d{{1,6}})(?:{PACKAGE_WORDS})\b", text, re.IGNORECASE)
    if glued:
        return int(glued.group(1)), glued.span(1)
    parsed: tuple[int, tuple[int, int]] | None = parse_int(text)
    return parsed


PARSERS: dict[str, Any] = {
    "bl_number": _bl_number,
    "carrier_name": _party,
    # (a word with a colon after it is a caption's, "CODE:" as a scan misread it: no code)
    "carrier_scac": parse_regex(r"(?<![A-Z])([A-Z]{2,4})(?![A-Z0-9:])", group=1),
    "shipper_name": _party,
    "consignee_name": _party,
    "notify_party_name": _party,
    "vessel": lambda text: _vessel(text),
    "voyage": parse_regex(r"(?<![A-Z0-9])([0-9A-Z]{2,8})(?![A-Z0-9])", group=1, compact=False),
    "port_of_loading": _place,
    "port_of_discharge": _place,
    "place_of_delivery": _place,
    "issue_date": parse_date,
    "shipped_on_board_date": parse_date,
    "package_count": _package_count,
    "gross_weight_kg": _weight,
    "goods_description": _goods,
    "vessel_voyage": parse_text,
}
# Fields whose value sits in the box under the label on forms (parties are blocks of several lines).
BELOW_FIRST = {"shipper_name", "consignee_name", "notify_party_name"}


_container_text = container_text


def _is_int(text: str) -> bool:
    """A count alone in its cell (a speck OCR read after it, "10°", "3.", is no other figure)."""
    return bool(re.fullmatch(r"\d{1,5}[°º'’.,]?", ocr_digits(text).strip()))


def _counted_units(text: str) -> bool:
    """A road bill's handling units: a count alone, or with the kind of unit after it in the same cell ("16 PLT",
    a pre-printed form's one column for the handling units' count and type)."""
    return _is_int(text) or bool(
        re.fullmatch(rf"\d{{1,5}}\s?(?:{PACKAGE_WORDS})\.?", ocr_digits(text).strip(), re.IGNORECASE)
    )


def _packages(text: str) -> bool:
    return bool(re.match(r"\d{1,6}\b", ocr_digits(text).strip()))


def _is_number(text: str) -> bool:
    return parse_number(text) is not None


OCEAN_SPEC = TableSpec(
    columns=OCEAN_COLUMNS,
    anchor="container_number",
    anchor_test=_container_text,
    min_header=3,
    stop=OCEAN_STOP,
    free_text="description",
    row_types={"package_count": _packages, "gross_weight_kg": _is_number},
    notes_first=True,
    not_stop=CONTAINER_TOTALS,
)
# an ocean bill of cargo shipped loose (break-bulk, project cargo: crates, skids, frames; no containers): a line
# opens at its count and kind of packages, the heading naming both in one column ("No. and Kind of Packages");
# the marks beside it are no container
LOOSE_SPEC = TableSpec(
    **{
        **OCEAN_SPEC.__dict__,
        "columns": {**OCEAN_COLUMNS, "package_count": [*LOOSE_COUNT_LABELS, *OCEAN_COLUMNS["package_count"]]},
        "anchor": "package_count",
        "anchor_test": lambda text: bool(re.fullmatch(r"\d{1,5}(?:\s+[A-Z][A-Z\-]*){0,3}", ocr_digits(text).strip())),
        "aside": ("container_number",),
        # (the clause "said to contain" opens the goods here: the marks stand on the first item's line, so the
        # notes before it cannot be told by its first word)
        "stop": [label for label in OCEAN_STOP if label != "SAID TO CONTAIN"],
    }
)
# "Container / Seal" over one column: the seal's heading is not a column of its own
JOINED_COLUMNS = {key: labels for key, labels in OCEAN_SPEC.columns.items() if key != "seal_number"}
# a Carta Porte's quantity carried between two stops: the count, the origin's and the destination's IDs
# ("2  OR000001 → DE000002"; the arrow as a scan reads it)
_MOVED = re.compile(r"(\d[\d,]*)\.?\s+[O0]R[\dO]{6}\s*\S{0,2}\s*[D0]E[\dO]{6}", re.IGNORECASE)


def _moved(text: str) -> int | None:
    """The count a good's quantities carried between stops add up to (each a part of the line's): its packages
    (the Carta Porte's rule), None when the text holds none."""
    counts = [int(m.group(1).replace(",", "")) for m in _MOVED.finditer(text)]
    return sum(counts) if counts else None


TRUCK_SPEC = TableSpec(
    columns=TRUCK_COLUMNS,
    anchor="package_count",
    anchor_test=_counted_units,
    min_header=3,
    stop=TRUCK_STOP,
    free_text="description",
    row_types={
        "gross_weight_kg": _is_number,
        "quantity_moved": lambda text: _moved(text) is not None,
        # (a dangerous-goods mark: yes or no, an X)
        "hazmat": lambda text: bool(re.fullmatch(r"S[IÍ]|NO|X|YES|Y|N|", norm(text))),
    },
    aside=TRUCK_ASIDE,
    anchor_first=False,
    gutter_under_label=True,
)
# an air waybill's rate lines: a line starts at its count of pieces; a gap under the last line (the totals printed
# at the foot of the box) ends them
AIR_SPEC = TableSpec(
    columns=AIR_COLUMNS,
    anchor="package_count",
    anchor_test=_is_int,
    min_header=4,
    stop=AIR_STOP,
    free_text="description",
    row_types={"gross_weight_kg": _is_number, "chargeable_weight": _is_number},
    aside=("rate_class", "commodity_item", "chargeable_weight", "rate", "charge_total"),
    max_gap=4.0,
)
_SEAL = parse_regex(
    r"(?:\bSEALS?\b|\bSELLOS?\b|\bNO\b|[:#.\s/])*([A-Z0-9][A-Z0-9\-]{0,20}\d[A-Z0-9\-]{0,20})",
    group=1,
    compact=False,
)


def _seal(text: str) -> tuple[str, tuple[int, int]] | None:
    """A seal; a dollar sign opening it is OCR's reading of an S ("$H1013977")."""
    parsed: tuple[str, tuple[int, int]] | None = _SEAL(re.sub(r"(?<![\w$])\$(?=[A-Z]\w*\d)", "S", text))
    return parsed


LINE_PARSERS: dict[str, Any] = {
    "container_number": parse_regex(r"([A-Z]{3}[UJZR]\s?\d{6}\s?-?\d)", digits=False, group=1),
    "seal_number": _seal,
    "package_count": parse_int,
    "description": parse_text,
    "gross_weight_kg": _container_weight,
}
CELL_CERTAINTY = 0.95
# the wordings a list of captions and values names its rows with: the header fields' and the cargo's
CAPTIONS = {**{f"cargo_{key}": labels for key, labels in OCEAN_COLUMNS.items()}, **LABELS}


def extract_bill_of_lading(doc_text: Any, context: Any = None) -> ResultBuilder:
    """Fields, cargo lines, references and warnings of an ocean or truck bill of lading."""
    pages = one_copy(layouts(without_cjk_captions(doc_text.pages)))
    result = FamilyResult()
    text = "\n".join(line.text for lay in pages for line in lay.lines)
    if courier_waybill(text):
        # an express courier's waybill: its own boxes and contents (``extractors.bl_courier``)
        dates = date_parser(month_first_dates(text, default=_english(text)))
        read_courier(pages, result, _party, dates, _title_line(pages[0]) if pages else None)
        references(pages, text, result)
        bl_checks(result)
        return result
    kind = bl_kind(text)
    result.set("bl_kind", kind, 0.9)
    consumed: set[tuple[int, int]] = set()
    spec = OCEAN_SPEC if kind == "ocean" else AIR_SPEC if kind == "air" else TRUCK_SPEC
    records = _cargo_records(pages, spec, consumed, pdf_rules(doc_text, context))
    hits = [h for lay in pages for h in labels_on(lay, consumed)]
    # US forms print dates month first; a date that cannot be read either way settles it
    named = month_named_order(text)
    dates = date_parser(month_first_dates(text, default=_english(text) if named is None else named))
    parsers = {**PARSERS, "issue_date": dates, "shipped_on_board_date": dates}
    listed = caption_list(pages, CAPTIONS)
    cards: list[dict[str, dict]] = []
    captioned: dict[str, Found] = {}
    if listed is not None:
        # a list of captions and values: each field from its row, the captions no value of any other label's
        cards = cargo_cards(pages, listed, OCEAN_COLUMNS, LINE_PARSERS)
        others = {row.section for row in listed.rows} - listed.cards
        captioned = read_rows(pages, listed, LABELS, {**parsers, "freight_terms": _terms}, others)
        lines_listed = listed.lines()
        hits = [h for h in hits if (h.page, h.line) not in lines_listed] + blocking_hits(listed, pages)
    if "freight_terms" in captioned:
        found_terms = captioned.pop("freight_terms")
        _set(result, "freight_terms", found_terms, found_terms.value)
    for name, parser in parsers.items():
        if name in captioned:
            _set(result, name, captioned[name], captioned[name].value)
            continue
        prefer = "below" if name in BELOW_FIRST else "right"
        found = _total_before_label(pages, hits, name) if name == "package_count" else None
        found = found or find_value(pages, hits, name, parser, prefer=prefer)
        if found is not None and parser is _party and after_slash(pages, found):
            found = find_value(pages, hits, name, parser, prefer="below")
        if found is None and name in BELOW_FIRST:
            found = _in_own_column_below(pages, hits, name, parser)
        if found is None:
            found = _beside_on_next_line(pages, hits, name, parser)
        if found is None:
            continue
        if name in BELOW_FIRST:
            found = _continued(pages, _apart(found, parser), parser)
        if name == "vessel":
            found = _own_box(found, parser)
        if name == "goods_description":
            found = _whole_phrase(pages, hits, found, parser)
        if name == "vessel_voyage" or (name == "vessel" and _voyage_after_slash(str(found.value))):
            _split_vessel_voyage(result, found)
        else:
            _set(result, name, found, found.value)
    _doubtful_order(result, text)
    counts = _count_column_by_total(pages, records) if kind != "ocean" else None
    read = [(record, _cargo_line(record, kind)) for record in records]
    if counts is not None:
        _counts_from_total(read, counts)
    for record in records:
        # the invoice each line ships under, in its own column
        for word in record.cells["invoice"].words if "invoice" in record.cells else []:
            if re.fullmatch(r"[A-Z0-9][A-Z0-9\-/]{2,24}", word.text) and any(ch.isdigit() for ch in word.text):
                result.add_reference("invoice", word.text)
    in_pounds = kind not in ("ocean", "air") and weight_heading_in_pounds(pages, records)
    if in_pounds:
        lines_in_pounds([line for record, line in read if "gross_weight_kg" in record.cells])
    lines = [line for _record, line in read if line]
    if kind != "ocean":
        kind_first_off(lines, text)
    if kind == "air":
        _rate_lines(read)
        lines = _uncounted_rate_lines(read)
    if kind != "ocean":
        lines = _without_totals_row(lines)
    if kind != "ocean":
        _equipment_seals(read, result)
    loose = kind == "ocean" and bool(lines) and loose_cargo(pages)
    if loose:
        # cargo shipped loose: its items read from the table, no container's block nor goods described once
        result.line_cells = ("package_count", "gross_weight_kg")
        result.parts_read.update(_piece_figures(pages))
        _goods_from_lines(lines, result)
    elif kind == "ocean":
        lines = _with_blocks(lines or cards, container_blocks(pages, OCEAN_SPEC.columns))
        # containers broken down by purchase order: their own totals, the orders no goods but references
        broken = breakdowns(pages, OCEAN_SPEC.columns)
        apply_breakdowns(lines, broken)
        for block in broken.values():
            result.parts_read.update(block.parts)
            for order in block.orders:
                result.add_reference("po", order)
        _goods_completed(lines, result)
        _described_once(pages, lines, result)
        for goods in [result.fields.get("goods_description"), *(line.get("description") for line in lines)]:
            if goods is not None and broken:
                goods["value"] = without_openings(str(goods["value"]), broken) or goods["value"]
    # a road bill whose table heading could not be read (or whose rows were read across one another): its rows
    # read by the totals row under them, when they hold its figures and the table's rows do not
    by_totals = rows_over_totals(pages) if kind == "truck" else None
    if by_totals is not None and lines and (by_totals.adds_up(lines) or not by_totals.better_than(lines)):
        by_totals = None
    if by_totals is not None:
        lines = by_totals.lines
        for name, value in (("package_count", by_totals.packages), ("gross_weight_kg", by_totals.weight)):
            result.set(name, value, ROW_CERTAINTY, page=by_totals.page, raw=by_totals.raw, replace=False)
    for line in lines:
        result.add_line(line)
    if by_totals is not None:
        _by_the_totals(result, text, printed_once=True)
    _goods_without_weights(result)
    _fallbacks(pages, text, result, kind, listed.lines() if listed is not None else set())
    ocr = any(getattr(page, "source", "") == "ocr" for page in doc_text.pages)
    if ocr:
        _ocr_repairs(result)
        _by_the_totals(result, text)
        _kilos_by_pounds(result, _pounds(read))
        _one_left_by_the_total(result)
        _vouched_by_totals(result, pages)
        _number_printed_twice(result, text)
        _names_repaired_twice(result)
        _names_printed_twice(result, text)
        if kind == "ocean":
            _goods_from_lines(result.lines, result)  # the containers' goods alike once their specks are gone
    weight = result.fields.get("gross_weight_kg", {}).get("value")
    kilos = kilos_beside_pounds(text, float(weight) if isinstance(weight, (int, float)) else None)
    if kilos is not None:
        result.set("gross_weight_kg", kilos, 0.9, raw=f"{kilos} KG")
    if in_pounds:
        one_line_by_the_kilograms(result.lines, result.fields.get("gross_weight_kg", {}).get("value"))
    references(pages, text, result)
    bl_checks(result)
    _goods_cut_from_their_line(pages, hits, result)
    if kind in ("ocean", "truck"):
        _counts_against_totals_row(pages, result)
    if ocr:
        _doubtful_voyage(result)
    return result


# the share of a page's figures an earlier page must print alike for the page to be that page's copy
COPY_LIKENESS = 0.9
# the fewest figures a page must print to be told a copy (a short continuation page repeats a header, no more)
COPY_FIGURES = 6


def one_copy(pages: list[PageLayout]) -> list[PageLayout]:
    """The pages of one copy: a carrier prints its bill as several copies in one file (the customer's original,
    the driver's copy), alike but for the copy's name. A page that prints nearly all the figures an earlier page
    prints, and few others, is such a copy (reading it too would count the goods twice); a continuation page
    repeats the header's figures but lists other cargo. Figures, not whole lines: OCR reads two copies' lines
    apart here and there, their numbers mostly alike."""
    kept: list[tuple[PageLayout, Counter[str]]] = []
    for lay in pages:
        mine = _figures(lay)
        if sum(mine.values()) >= COPY_FIGURES and any(_alike(mine, theirs) for _, theirs in kept):
            continue
        kept.append((lay, mine))
    return [lay for lay, _ in kept]


def _figures(lay: PageLayout) -> Counter[str]:
    """The words of a page that hold a digit (numbers, dates, weights, codes), as :func:`_figure_key` has them."""
    return Counter(_figure_key(w.text) for line in lay.lines for w in line.words if any(ch.isdigit() for ch in w.text))


# letters OCR reads for digits and digits it reads for letters, each pair taken as one character
_LOOKALIKES = str.maketrans("OQDILSZB", "00011528")


def _figure_key(text: str) -> str:
    """A figure as two readings of one print agree on: OCR reads a copy's "4,800.5" as "4800.5", its "TPAF01" as
    "TPAFO1", a quote's tick beside a "6"; letters and digits alike in print are one, separators are dropped."""
    return re.sub(r"[^0-9A-Z]", "", text.upper()).translate(_LOOKALIKES)


def _alike(mine: Counter[str], other: Counter[str]) -> bool:
    """Whether two pages print nearly the same figures (each's share of the figures the other prints too)."""
    common = sum((mine & other).values())
    return common >= COPY_LIKENESS * max(sum(mine.values()), sum(other.values()))


_TOTALS_ROW = re.compile(r"\bTOTAL(?:ES|S)?\b", re.IGNORECASE)
# a whole figure on a totals line that is no weight nor volume ("59 PCS" beside "27,560 LBS / 12,501.2 KG")
_TOTAL_COUNT = re.compile(
    r"(?<![\d.,])(\d[\d,]*)(?![\d.,]?\d)(?!\s*(?:LBS?|KGS?|KGM|KILOS?|CBM|M3|CU)\b)", re.IGNORECASE
)
# a count at the start of its cell, its unit glued to it or not ("16 PCS", "10PCS")
_COUNT = re.compile(r"\s*(\d{1,3}(?:,\d{3})+|\d{1,6})(?![\d.,]?\d)")


def _count_column_by_total(pages: list[PageLayout], records: list[Record]) -> list[int] | None:
    """A road bill that counts both the handling units (pallets, crates) and the packages on them: the line's
    count is the column the totals row adds up ("TOTAL 59 PCS" sums the packages, "7 GRAND TOTAL" the handling
    units). When the packages' column sums to a figure printed on a totals line and the handling units do not,
    the packages are the lines' counts (returned in order); one count OCR could not read is what the total
    leaves for it."""
    if not records or not all("package_qty" in record.cells for record in records):
        return None
    totals = {int(figure.replace(",", "")) for line in _totals_lines(pages) for figure in _TOTAL_COUNT.findall(line)}
    units = _column_counts(records, "package_count")
    if None not in units and sum(c for c in units if c is not None) in totals:
        return None
    packages = _column_counts(records, "package_qty")
    unread = [index for index, count in enumerate(packages) if count is None]
    known = sum(c for c in packages if c is not None)
    if not unread:
        return [c for c in packages if c is not None] if known in totals else None
    left = [total - known for total in totals if total > known]
    if len(unread) != 1 or len(left) != 1:
        return None
    packages[unread[0]] = left[0]
    return [c for c in packages if c is not None]


def _totals_lines(pages: list[PageLayout]) -> list[str]:
    """The text of each totals line; a row of totals captions with no figure of its own (``TOTAL PIECES  TOTAL
    WEIGHT (KG)``, a form printing its totals under their captions) brings the line under it."""
    out: list[str] = []
    for lay in pages:
        for li, line in enumerate(lay.lines):
            if not _TOTALS_ROW.search(line.text):
                continue
            out.append(ocr_digits(line.text))
            if not re.search(r"\d", out[-1]) and li + 1 < len(lay.lines):
                out.append(ocr_digits(lay.lines[li + 1].text))
    return out


def _column_counts(records: list[Record], key: str) -> list[int | None]:
    """Each record's count in a column (None where OCR left none to read)."""
    counts: list[int | None] = []
    for record in records:
        match = _COUNT.match(ocr_digits(record.text(key))) if key in record.cells else None
        counts.append(int(match.group(1).replace(",", "")) if match else None)
    return counts


def _counts_from_total(read: list[tuple[Record, dict[str, dict]]], counts: list[int]) -> None:
    """The packages' counts as the lines' counts, in the packages' cells. Counts that all add up to the printed
    total vouch for one another (faint type OCR was unsure of); a count the total gave is as sure as the form's
    arithmetic."""
    unread = [_COUNT.match(ocr_digits(record.text("package_qty"))) is None for record, _line in read]
    for ((record, line), count), missing in zip(zip(read, counts, strict=True), unread, strict=True):
        found = found_from_cell(record.cells["package_qty"], parse_text, CELL_CERTAINTY)
        if found is None:
            continue
        field = found.as_field(count)
        if missing:
            field["confidence"] = ARITHMETIC_CERTAINTY
        elif not any(unread):
            field["confidence"] = max(float(field["confidence"]), CORROBORATED)
        line["package_count"] = field


def _equipment_seals(read: list[tuple[Record, dict[str, dict]]], result: ResultBuilder) -> None:
    """The seals in a road or rail bill's equipment table (several per car, joined by slashes): references; the
    line's seal only where the line's equipment is a container (a car's seals are the car's)."""
    for record, line in read:
        cell = record.cells.get("seals")
        if cell is None:
            continue
        seals = [t.strip(" /,;").upper() for t in re.split(r"[\s/,;]+", record.text("seals"))]
        seals = [t for t in seals if seal_shaped(t)]
        for seal in seals:
            result.add_reference("seal", seal)
        if seals and "container_number" in line and "seal_number" not in line:
            line["seal_number"] = {**line["container_number"], "value": seals[0], "raw": record.text("seals")}


# a speck OCR read as a period between two words ("LAMINA DE.ALEACION")
# a speck OCR read as a period after a joining word or a whole word inside a name ("COMPONENTES DEL. BAJIO",
# "GREAT. LAKES"): neither is an abbreviation ("CO. LTD", "S.A. DE C.V.", "MFG. INC" keep theirs)
_SPECK_IN_NAME = re.compile(r"\b(DE|DEL|LA|LAS|LOS|Y|AND|OF|THE|[A-Z]{5,})\.(?=\s+[A-Z])")
# a legal form OCR glued to the name's last word ("CMA CGMS.A."): the space between them put back
_GLUED_FORM = re.compile(r"(?<=[A-Z]{3})(S\.\s?[AC]\.)$")
_SPECK_BETWEEN_WORDS = re.compile(r"(?<=[A-Z]{2})\.(?=[A-Z]{2})")
# a decimal point OCR read as a colon in a measure ("ESPESOR 0:2 MM")
_COLON_POINT = re.compile(r"(?<=\b\d):(?=\d+\s*(?:MM|CM|M|KG|G|L|ML|IN|PULG)\b)")
_KIND_FIRST = re.compile(
    r"^(?:CTNS?|PLTS?|PKGS?|PCS|BOX(?:ES)?|CASES?|CRATES?|PALLETS?|CARTONS?|SKIDS?|DRUMS?)\s+(?=\S)"
)
_AS_SERIAL_DIGIT = str.maketrans({"O": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"})


def _ocr_repairs(result: ResultBuilder) -> None:
    """What OCR does to values whose shape is known: a speck between the words of a description; a letter
    among the digits of a liner's B/L number after its SCAC (``MAEUS29399431``: a serial is digits)."""
    for cells in [result.fields, *result.lines]:
        for key in ("description", "goods_description"):
            cell = cells.get(key)
            if cell is not None and isinstance(cell.get("value"), str):
                # a speck after the last word ("IMPRESO."), not an abbreviation's period; the kind of package
                # from the column before the goods ("CTN PIEZA DE PLASTICO")
                value = re.sub(r"(?<=[A-Z]{3})\.$", "", _SPECK_BETWEEN_WORDS.sub(" ", cell["value"]))
                value = _COLON_POINT.sub(".", value)
                cell["value"] = _KIND_FIRST.sub("", value)
    for name in ("shipper_name", "consignee_name", "notify_party_name", "carrier_name"):
        cell = result.fields.get(name)
        if cell is not None and isinstance(cell.get("value"), str):
            cell["value"] = _GLUED_FORM.sub(r" \1", _SPECK_IN_NAME.sub(r"\1", cell["value"]))
    number = result.fields.get("bl_number")
    if number is not None:
        value = str(number["value"])
        serial = value[4:]
        if value[:4] in recognisers.CARRIER_SCACS and re.fullmatch(r"\d*[OIDLSBZG]\d*", serial) and len(serial) >= 7:
            number["value"] = value[:4] + serial.translate(_AS_SERIAL_DIGIT)
    _scac_by_number(result)


def _scac_by_number(result: ResultBuilder) -> None:
    """A carrier numbers its bills after its SCAC (``CLDN6231687`` by CLDN): a SCAC read one letter apart from the
    four letters that open the B/L number is OCR's slip on one of them (D read as O), and the number's letters,
    read in the number's longer word, stand; a SCAC the number repeats is vouched for by it."""
    scac, number = result.fields.get("carrier_scac"), result.fields.get("bl_number")
    if scac is None or number is None:
        return
    read, opening = str(scac["value"]), str(number["value"])[:4]
    if len(read) != 4 or not re.fullmatch(r"[A-Z]{4}", opening) or not re.match(r"[A-Z]{4}\d", str(number["value"])):
        return
    apart = sum(a != b for a, b in zip(read, opening, strict=True))
    if apart == 0:
        scac["confidence"] = max(float(scac["confidence"]), CORROBORATED)
    elif apart == 1:
        scac["value"] = opening
        scac["confidence"] = min(float(number["confidence"]), ARITHMETIC_CERTAINTY)


# the confidence of a line's figure the form's arithmetic repaired
ARITHMETIC_CERTAINTY = 0.75


def _by_the_totals(result: ResultBuilder, text: str, printed_once: bool = False) -> None:
    """The form's arithmetic: when the lines' weights (or package counts) miss the total the form prints more
    than once, and exactly one line's figure is one misread digit (or one digit lost or gained) away from what
    the total needs, that line read it wrong. ``printed_once``: the lines were read by the totals row under them,
    whose figures name their columns (the total once is the measure)."""
    lines = result.lines
    for key, tolerance in (("gross_weight_kg", 0.05), ("package_count", 0.0)):
        total = result.fields.get(key, {}).get("value")
        if total is None or not lines or not all(key in ln for ln in lines):
            continue
        figures = [float(ln[key]["value"]) for ln in lines]
        missing = float(total) - sum(figures)
        if abs(missing) <= tolerance or (_printed_times(float(total), text) < 2 and not printed_once):
            continue
        fixes = []
        for index, figure in enumerate(figures):
            needed = round(figure + missing, 3)
            if needed > 0 and _one_digit_apart(figure, needed):
                fixes.append((index, needed))
        if len(fixes) == 1:
            index, needed = fixes[0]
            cell = lines[index][key]
            value: float | int = int(needed) if key == "package_count" else needed
            lines[index][key] = {
                **cell,
                "value": value,
                "confidence": min(float(cell["confidence"]), ARITHMETIC_CERTAINTY),
            }


# how sure a party's name is that OCR misread in two places or more (put right, but another slip may be left)
REPAIRED_NAME = 0.65


def _names_repaired_twice(result: ResultBuilder) -> None:
    """A party's name whose reading needed two repairs or more ("BAJO S.A, DEC.V." as "S.A. DE C.V."): OCR read
    it poorly, and a slip no repair knows may be left in it; a person checks it (unless the document prints it
    again alike, ``_names_printed_twice``)."""
    for name in ("shipper_name", "consignee_name", "notify_party_name", "carrier_name"):
        cell = result.fields.get(name)
        raw = str(cell.get("raw") or "") if cell else ""
        if cell is None or not raw:
            continue
        changes = SequenceMatcher(None, raw, str(cell["value"]), autojunk=False).get_opcodes()
        if sum(tag != "equal" for tag, *_ in changes) >= 2:
            cell["confidence"] = min(float(cell["confidence"]), REPAIRED_NAME)


def _names_printed_twice(result: ResultBuilder, text: str) -> None:
    """A party's name OCR doubted that the document prints again (a Carta Porte's stops table and its remarks)
    and OCR read the same there: the two readings vouch for each other."""
    page = norm(text)
    for name in ("shipper_name", "consignee_name", "notify_party_name"):
        cell = result.fields.get(name)
        if cell is None:
            continue
        value, raw = norm(str(cell["value"])), norm(str(cell.get("raw") or ""))
        # (a reading repaired, "WIRE 8 CABLE" as "WIRE & CABLE", is no printing of the name as it reads now: the
        # repaired name printed once more, or the reading printed twice, vouches for it)
        printed = max(page.count(value) + (raw != value), page.count(raw) if raw else 0)
        if len(value) >= 8 and printed >= 2:
            cell["confidence"] = max(float(cell["confidence"]), CORROBORATED)


def _number_printed_twice(result: ResultBuilder, text: str) -> None:
    """A B/L number OCR doubted that the document prints again (a later page's running head, a barcode's text)
    and OCR read the same there: the two readings vouch for each other."""
    cell = result.fields.get("bl_number")
    value = re.sub(r"[\s\-]", "", str(cell["value"])) if cell else ""
    if cell is None or len(value) < 8:
        return
    if re.sub(r"[\s\-]", "", text.upper()).count(value) >= 2:
        cell["confidence"] = max(float(cell["confidence"]), CORROBORATED)


def _vouched_by_totals(result: ResultBuilder, pages: list[PageLayout]) -> None:
    """Line counts (or weights) OCR was unsure of that add up to a figure printed on a totals row vouch for one
    another: a misread figure would have to be made up by another."""
    rows = [ocr_digits(line.text) for lay in pages for line in lay.lines if _TOTALS_ROW.search(line.text)]
    counts = {int(figure.replace(",", "")) for row in rows for figure in _TOTAL_COUNT.findall(row)}
    weights = {float(m.group(0).replace(",", "")) for row in rows for m in _ROW_FIGURE.finditer(row)}
    lines = result.lines
    for key, printed in (("package_count", counts), ("gross_weight_kg", weights)):
        if not lines or not all(key in line for line in lines):
            continue
        summed = sum(float(line[key]["value"]) for line in lines)
        # (a figure the total gave, or repaired, vouches for nothing: only figures read as printed add up)
        if not all(_as_printed(line[key]) for line in lines) or not any(abs(summed - f) < 0.05 for f in printed):
            continue
        for line in lines:
            line[key]["confidence"] = max(float(line[key]["confidence"]), CORROBORATED)
        # the B/L's own total read as printed, that the lines add up to, is vouched for likewise
        total = result.fields.get(key)
        if total is not None and _as_printed(total) and abs(float(total["value"]) - summed) < 0.05:
            total["confidence"] = max(float(total["confidence"]), CORROBORATED)


def _as_printed(cell: dict[str, Any]) -> bool:
    """Whether a figure is what its raw text prints (not given by the form's arithmetic, nor repaired)."""
    raw = cell.get("raw")
    return bool(raw) and re.sub(r"\D", "", str(raw)).strip("0") == _digits(float(cell["value"])).strip("0")


def _counts_against_totals_row(pages: list[PageLayout], result: ResultBuilder) -> None:
    """The containers' package counts against the totals row under them (a rider's "TOTAL: 5 CONTAINERS  182
    51,539.4"): a row that prints the lines' summed weight is the cargo's totals, and when none of its whole
    figures but the count of containers is the lines' summed packages, a line's count was misread (another
    column's figure taken for it). The B/L's own total may be that sum, so the check reads the row itself."""
    lines = result.lines
    if any(w["code"] == "totals_mismatch" for w in result.warnings) or not lines:
        return
    if not all("package_count" in ln and "gross_weight_kg" in ln for ln in lines):
        return
    counted = sum(int(ln["package_count"]["value"]) for ln in lines)
    weight = sum(float(ln["gross_weight_kg"]["value"]) for ln in lines)
    for lay in pages:
        for line in lay.lines:
            if not _TOTALS_ROW.search(line.text):
                continue
            row = ocr_digits(line.text)
            weights = [float(m.group(0).replace(",", "")) for m in _ROW_FIGURE.finditer(row)]
            if not any(abs(figure - weight) < 0.05 for figure in weights):
                continue
            counts = {int(figure.replace(",", "")) for figure in _TOTAL_COUNT.findall(row)}
            if counted in counts or not counts - {len(lines)}:
                return
            result.warn(
                "totals_mismatch",
                f"The cargo lines hold {counted} packages but their totals row reads {line.text!r}.",
                "package_count",
            )
            return


def _one_left_by_the_total(result: ResultBuilder) -> None:
    """A line's count or weight OCR could not read ("a" for 7) where the B/L prints the total: what the total
    leaves after the other lines' (none left, or nothing sensible: left unread)."""
    lines = result.lines
    for key in ("package_count", "gross_weight_kg"):
        total = result.fields.get(key, {}).get("value")
        unread = [line for line in lines if key not in line]
        if total is None or len(unread) != 1:
            continue
        left = float(total) - sum(float(line[key]["value"]) for line in lines if key in line)
        if left <= 0 or (key == "package_count" and left != int(left)):
            continue
        value: float | int = int(left) if key == "package_count" else round(left, 3)
        unread[0][key] = {**result.fields[key], "value": value, "confidence": ARITHMETIC_CERTAINTY, "raw": None}


def _pounds(read: list[tuple[Record, dict[str, dict]]]) -> dict[int, float]:
    """The pounds each cargo line prints beside its kilograms (by the line's identity)."""
    out: dict[int, float] = {}
    for record, line in read:
        parsed = weight_figure(record.text("weight_lb")) if "weight_lb" in record.cells else None
        if parsed is not None:
            out[id(line)] = parsed[0]
    return out


def _kilos_by_pounds(result: ResultBuilder, pounds: dict[int, float]) -> None:
    """A line's kilograms OCR misread beyond one digit ("2,0073" for "2,567.3"), on a form printing each line's
    weight in kilograms and pounds: when the lines miss the total and exactly one line's pounds are what the total
    leaves for it, those are its kilograms (the total and the pounds vouch for the figure)."""
    lines = result.lines
    total = result.fields.get("gross_weight_kg", {}).get("value")
    if total is None or not lines or not all("gross_weight_kg" in ln for ln in lines):
        return
    figures = [float(ln["gross_weight_kg"]["value"]) for ln in lines]
    if abs(sum(figures) - float(total)) <= 0.05:
        return
    fixes = []
    for index, line in enumerate(lines):
        needed = round(float(total) - (sum(figures) - figures[index]), 1)
        printed = pounds.get(id(line))
        if needed > 0 and printed is not None and _as_pounds(needed, printed):
            fixes.append((index, needed))
    if len(fixes) == 1:
        index, needed = fixes[0]
        cell = lines[index]["gross_weight_kg"]
        lines[index]["gross_weight_kg"] = {**cell, "value": needed, "confidence": ARITHMETIC_CERTAINTY}


def _digits(value: float) -> str:
    """A figure's digits as printed (no trailing decimal zeros)."""
    whole, fraction = f"{value:.3f}".split(".")
    return whole + fraction.rstrip("0")


def _printed_times(value: float, text: str) -> int:
    """How many figures in the text read as ``value``."""
    found = 0
    for match in re.finditer(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?![\d])", text):
        try:
            figure = float(match.group(0).replace(",", ""))
        except ValueError:
            continue
        found += abs(figure - value) < 0.0005
    return found


def _one_digit_apart(read: float, needed: float) -> bool:
    """Whether two figures differ by one digit replaced, one digit lost or gained, or the decimal point alone
    (OCR's slips)."""
    a, b = _digits(read), _digits(needed)
    if a.rstrip("0") == b.rstrip("0"):
        return True  # 25103.0 for 2510.3: the point lost
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


OCR_DOUBT = 0.6


def _doubtful_voyage(result: ResultBuilder) -> None:
    """A voyage read by OCR as figures alone ending in 5, 8, 0 or 2 may have lost its direction letter (S, B/E,
    O, Z: carriers end most voyages in N, S, E or W): a person reads it."""
    voyage = result.fields.get("voyage")
    if voyage and re.fullmatch(r"\d{3,}[5802]", str(voyage["value"])):
        voyage["confidence"] = min(float(voyage["confidence"]), OCR_DOUBT)


def _line_figure(line: dict[str, dict], key: str) -> float | None:
    value = line.get(key, {}).get("value")
    return float(value) if isinstance(value, (int, float)) else None


def _without_totals_row(lines: list[dict[str, dict]]) -> list[dict[str, dict]]:
    """The lines without a totals row read as one more line: the last line's pieces and weight are the sums of
    the lines before it (its words no goods: "CONSOLIDATION AS PER ATTACHED MANIFEST"). One line before it must
    describe other goods, so that two like lines are not taken for a line and its total."""
    if len(lines) < 2:
        return lines
    *before, last = lines
    count, weight = _line_figure(last, "package_count"), _line_figure(last, "gross_weight_kg")
    counts = [_line_figure(line, "package_count") for line in before]
    weights = [_line_figure(line, "gross_weight_kg") for line in before]
    if count is None or weight is None or None in weights or counts.count(None) > 1:
        return lines
    summed = sum(w for w in weights if w is not None)
    counted = sum(c for c in counts if c is not None)
    # (a line whose count was not read: the total leaves it more than nothing)
    if (count != counted if None not in counts else count <= counted) or abs(weight - summed) > 0.05:
        return lines
    goods = {norm(str(line.get("description", {}).get("value", ""))) for line in lines}
    if len(before) < 2 and len(goods) < 2:
        return lines
    for line in before:
        if "package_count" not in line:  # the one count unread: what the totals row leaves
            line["package_count"] = {
                **last["package_count"],
                "value": int(count - counted),
                "confidence": ARITHMETIC_CERTAINTY,
                "raw": None,
            }
            # (its weight, read without a count beside it, is vouched for by the totals row's)
            weighed = line["gross_weight_kg"]
            weighed["confidence"] = max(float(weighed["confidence"]), ARITHMETIC_CERTAINTY)
    return before


def _with_blocks(lines: list[dict[str, dict]], blocks: list[dict[str, dict]]) -> list[dict[str, dict]]:
    """The table's cargo lines checked and completed by each container's block of lines (the blocks alone
    when no table was read); descriptions cleared of the particulars printed among their words."""
    if not lines:
        lines = blocks
    else:
        by_container = {str(block["container_number"]["value"]): block for block in blocks}
        for index, line in enumerate(lines):
            container = str(line.get("container_number", {}).get("value", ""))
            block = by_container.get(container)
            if block is None and len(blocks) == len(lines):
                block = blocks[index]  # a container the table cell read otherwise (OCR): same place, same block
            if block is not None:
                merge_block(line, block)
    for line in lines:
        description = line.get("description")
        if description is None:
            continue
        seal = line.get("seal_number", {}).get("value")
        cleaned = clean_description(str(description["value"]), str(seal) if seal else None)
        if len(re.findall(r"[A-Za-z]", cleaned)) >= 3:
            line["description"] = {**description, "value": cleaned}
        else:
            del line["description"]
    return lines


def _goods_completed(lines: list[dict[str, dict]], result: ResultBuilder) -> None:
    """Goods read under their label cut at the line's end ("... DE MONTAJE"), which a container's block reads
    whole ("... DE MONTAJE SUPERFICIAL"): the one longer description they begin is the goods'."""
    found = result.fields.get("goods_description")
    if found is None:
        return
    short = " ".join(str(found["value"]).split())
    longer = {
        text
        for line in lines
        if (text := " ".join(str(line.get("description", {}).get("value", "")).split())).startswith(short + " ")
    }
    # (what the block adds must be words: a speck OCR read as a letter after the goods completes nothing)
    if len(longer) == 1 and re.search(r"[A-Za-z]{3}", (whole := longer.pop())[len(short) :]):
        found["value"] = whole


def _described_once(pages: list[PageLayout], lines: list[dict[str, dict]], result: ResultBuilder) -> None:
    """Goods described once for every container (above the container lines, or under a label after them): that
    description is each line's that has none, and the B/L's when no label names it."""
    text = preamble(pages, header_lines(pages, OCEAN_SPEC.columns))
    if not text:
        found = result.fields.get("goods_description")
        text = str(found["value"]) if found else ""
    if not text:
        _goods_from_lines(lines, result)
        return
    for line in lines:
        if "description" not in line:
            line["description"] = {"value": text, "confidence": 0.8, "page": None, "bbox": None, "raw": text}
    if "goods_description" not in result.fields:
        result.set("goods_description", text, 0.8, raw=text)


def _goods_from_lines(lines: list[dict[str, dict]], result: ResultBuilder) -> None:
    """Goods described in every container's particulars alike and nowhere once for the B/L: that description is
    the B/L's (containers with different goods leave it unread)."""
    if "goods_description" in result.fields or not lines:
        return
    described = {" ".join(str(line.get("description", {}).get("value", "")).split()) for line in lines}
    if len(described) == 1 and all("description" in line for line in lines):
        text = described.pop()
        result.set("goods_description", text, 0.8, raw=text)


# Columns a cargo line may start with when the container is not the first one, with what starts a line there.
ANCHORS: list[tuple[str, Any]] = [
    ("container_number", _container_text),
    ("seal_number", lambda text: bool(re.search(r"\d{4}", text))),
    ("package_count", lambda text: _packages(text)),
    ("gross_weight_kg", _is_number),
    ("description", lambda text: bool(re.match(r"[A-Za-z]", text.strip()))),
]


def _cargo_records(
    pages: list[PageLayout], spec: TableSpec, consumed: set[tuple[int, int]], rules: Any
) -> list[Record]:
    """The cargo table read from each plausible first column; the reading with most container lines wins."""
    if spec is AIR_SPEC:
        records = read_table(pages, spec, consumed=consumed, rules=rules)
        _rate_cells(pages, records)
        return records
    if spec is not OCEAN_SPEC:
        records = read_table(pages, spec, consumed=consumed, rules=rules)
        return records or _spilled_counts(pages, spec, consumed, rules)
    best: list[Record] = []
    best_used: set[tuple[int, int]] = set()
    for columns in (spec.columns, JOINED_COLUMNS):
        for anchor, test in ANCHORS:
            if anchor not in columns:
                continue
            used: set[tuple[int, int]] = set()
            attempt = TableSpec(**{**spec.__dict__, "columns": columns, "anchor": anchor, "anchor_test": test})
            records = read_table(pages, attempt, consumed=used, rules=rules)
            if anchor == "description":
                records = _join_continuations(records)
            if _container_lines(records) > _container_lines(best):
                best, best_used = records, used
            if best and anchor == "container_number":
                break
    if not best and loose_cargo(pages):
        # cargo shipped loose (break-bulk, project cargo): no container anywhere, each item's line opens at its
        # count and kind of packages
        used = set()
        best = read_table(pages, LOOSE_SPEC, consumed=used, rules=rules)
        # (the clause between the heading and the first item, "SAID TO CONTAIN:", is the table's, no caption of
        # the goods under it)
        spans = {page: [li for p, li in used if p == page] for page, _ in used}
        best_used = {(page, li) for page, lis in spans.items() for li in range(min(lis), max(lis) + 1)}
        best_used = best_used if best else set()
    consumed.update(best_used)
    # a heading whose columns the reading could not follow is still no label of a header field
    consumed.update(header_lines(pages, spec.columns))
    return best


def loose_cargo(pages: list[PageLayout]) -> bool:
    """Whether an ocean bill ships its cargo loose (break-bulk, project cargo): no container number anywhere."""
    for lay in pages:
        for line in lay.lines:
            if any(_container_text(w.text) for w in line.words) or any(recognisers.containers(line.text.upper())):
                return False
    return True


def _rate_lines(read: list[tuple[Record, dict[str, dict]]]) -> None:
    """An air waybill's rate lines: the gross weight in kilograms (an L in the unit's column says pounds); the
    goods without the pieces' dimensions printed under them."""
    for record, line in read:
        weight = line.get("gross_weight_kg")
        if weight is not None and re.fullmatch(r"L(?:BS?)?", norm(record.text("weight_unit"))):
            line["gross_weight_kg"] = {**weight, "value": round(float(weight["value"]) * LB_KG, 1)}
        description = line.get("description")
        if description is None:
            continue
        cleaned = clean_description(str(description["value"]))
        if len(re.findall(r"[A-Za-z]", cleaned)) >= 3:
            line["description"] = {**description, "value": cleaned}


# the certainty of a rate line's weight read on a row whose count was not read, until the totals vouch for it
UNVOUCHED = 0.6
# a rate line's weight and its unit's letter ("314.8 K"): read on a later row of a line, a line of its own
_WEIGHT_WITH_UNIT = re.compile(r"[KL]|LBS?|KGS?")


def _uncounted_rate_lines(read: list[tuple[Record, dict[str, dict]]]) -> list[dict[str, dict]]:
    """An air waybill's rate lines with a line whose count OCR could not read ("LS" for 13): the table reads it
    as more rows of the line above, its weight and unit's letter ("314.8 K") landing in another column. Such a
    row is a line of its own: its weight, and the goods from its row down; its count left unread (the totals
    leave it)."""
    lines: list[dict[str, dict]] = []
    for record, line in read:
        if not line:
            continue
        lines.append(line)
        count = record.cells.get("package_count")
        if count is None or not count.words:
            continue
        floor = max(w.bottom for w in count.words)
        others = [cell for key, cell in record.cells.items() if key not in ("package_count", "description")]
        later = [w for cell in others for w in cell.words if w.top >= floor]
        found = None
        for word in later:
            parsed = parse_number(word.text)
            value = parsed[0] if parsed is not None else 0.0
            height = word.bottom - word.top
            after = [w for w in later if w.x0 > word.x1 and abs(w.top - word.top) < height]
            unit = min(after, key=lambda w: w.x0, default=None)
            if value > 0 and unit is not None and _WEIGHT_WITH_UNIT.fullmatch(norm(unit.text)):
                found = (word, float(value), norm(unit.text).startswith("L"))
                break
        if found is None:
            continue
        word, value, pounds = found
        goods = record.cells.get("description")
        words = goods.words if goods is not None else []
        below = [w for w in words if w.bottom > word.top + 0.5 * (word.bottom - word.top)]
        kept = [w for w in words if w not in below]
        own: dict[str, dict] = {
            "gross_weight_kg": {
                "value": round(value * LB_KG, 1) if pounds else value,
                "confidence": UNVOUCHED,
                "raw": word.text,
            }
        }
        described = line.get("description")
        if described is not None and below:
            cleaned = clean_description(" ".join(w.text for w in below))
            if len(re.findall(r"[A-Za-z]", cleaned)) >= 3:
                own["description"] = {**described, "value": cleaned}
            rest = clean_description(" ".join(w.text for w in kept))
            if len(re.findall(r"[A-Za-z]", rest)) >= 3:
                line["description"] = {**described, "value": rest}
        lines.append(own)
    return lines


_GOODS_HEADING = {"description": AIR_COLUMNS["description"]}


def _rate_cells(pages: list[PageLayout], records: list[Record]) -> None:
    """An air waybill's rate lines print their figures right-aligned in narrow ruled columns, so that a figure
    stands nearer the next column's heading than its own: the gross weight beside its unit's column (which holds
    a letter, K or L, and no figure), the charge against the goods' column. The goods are written from their
    heading's left edge, so a word that ends before that edge is the charge's, not the goods'."""
    edges = {lay.number: min((hit.x0 for hit in find_labels(lay, _GOODS_HEADING)), default=None) for lay in pages}
    for record in records:
        unit = record.cells.get("weight_unit")
        figures = [w for w in unit.words if parse_number(w.text) is not None] if unit is not None else []
        if unit is not None and figures and not norm(record.text("gross_weight_kg")):
            unit.words = [w for w in unit.words if w not in figures]
            record.cells["gross_weight_kg"] = Cell(words=figures, page=unit.page)
        cell = record.cells.get("description")
        edge = edges.get(cell.page) if cell is not None else None
        if cell is None or edge is None:
            continue
        before = [w for w in cell.words if w.x1 < edge]
        if before:
            cell.words = [w for w in cell.words if w.x1 >= edge]
            record.cells.setdefault("charge_total", Cell(page=cell.page)).words.extend(before)


def _total_before_label(pages: list[PageLayout], hits: list[Any], key: str) -> Found | None:
    """A totals row whose count stands in the count column, its label after it ("83 Total bultos / Total
    pieces"): the line's first word a whole number, the label right beside it."""
    by_page = {lay.number: lay for lay in pages}
    for hit in hits:
        if hit.key != key or hit.start != 1:
            continue
        words = by_page[hit.page].lines[hit.line].words
        first = words[0]
        if words[1].x0 - first.x1 > 3 * max(1.0, first.bottom - first.top):
            continue
        found = apply_parser(_package_count, [first], hit.page, 0.9)
        if found is not None and re.fullmatch(r"\d[\d,]*", first.text.strip()):
            return found
    return None


def _spilled_counts(
    pages: list[PageLayout], spec: TableSpec, consumed: set[tuple[int, int]], rules: Any
) -> list[Record]:
    """A road bill's counts printed right-aligned past their short heading ("Bultos" over "   24"), so near the
    kind of package beside them that the count falls in that column: records read from the package kind's
    column where it opens with a count, the count given back to its own column."""
    if "unit_type" not in spec.columns:
        return []
    attempt = TableSpec(**{**spec.__dict__, "anchor": "unit_type", "anchor_test": _opens_with_count})
    records = read_table(pages, attempt, consumed=consumed, rules=rules)
    for record in records:
        kind = record.cells["unit_type"]
        count = next(w for w in kind.words if norm(w.text))
        if "package_count" not in record.cells or not norm(record.text("package_count")):
            record.cells["package_count"] = Cell(words=[count], page=kind.page)
            record.cells["unit_type"] = Cell(words=[w for w in kind.words if w is not count], page=kind.page)
    return records


def _opens_with_count(text: str) -> bool:
    return bool(re.match(r"\s*\d{1,5}\s+[A-Za-z]", text))


def _join_continuations(records: list[Record]) -> list[Record]:
    """Records read from the description column: a record of description words alone is the wrapped rest of
    the description before it."""
    joined: list[Record] = []
    for record in records:
        filled = {key for key, cell in record.cells.items() if cell.words and norm(cell.text)}
        if joined and filled <= {"description"}:
            cell = record.cells.get("description")
            if cell is not None:
                joined[-1].cells.setdefault("description", cell.__class__(page=cell.page)).words.extend(cell.words)
            continue
        joined.append(record)
    return joined


def _in_own_column_below(pages: list[PageLayout], hits: list[Any], key: str, parser: Any) -> Found | None:
    """A party under its label in a left-hand list whose lines interleave with a right-hand list of labels: the
    words below, left of the far column (under half a page right of the label), skipping the other list's labels."""
    by_page = {lay.number: lay for lay in pages}
    for hit in hits:
        if hit.key != key:
            continue
        lay = by_page[hit.page]
        labelled = {(h.line, k) for h in hits if h.page == hit.page for k in range(h.start, h.end + 1)}
        edge = hit.x0 + 0.45 * lay.width
        for li in range(hit.line + 1, min(len(lay.lines), hit.line + 4)):
            words = [
                w
                for k, w in enumerate(lay.lines[li].words)
                if hit.x0 - 4 <= w.x0 < edge and (li, k) not in labelled and w.text.strip()
            ]
            if words:
                return apply_parser(parser, words, hit.page, 0.9)
    return None


def _beside_on_next_line(pages: list[PageLayout], hits: list[Any], key: str, parser: Any) -> Found | None:
    """A value right of its label that the line grouping put on the line above or below (an OCR box taller
    than the label's, or a line printed a few points apart): the words of the neighbouring lines right of the
    label whose middle lies within the label's line, before any other label on it."""
    by_page = {lay.number: lay for lay in pages}
    for hit in hits:
        if hit.key != key:
            continue
        lay = by_page[hit.page]
        band = lay.lines[hit.line]
        edge = min(
            (h.x0 for h in hits if h.page == hit.page and h.line == hit.line and h.x0 > hit.x1), default=lay.width
        )
        limit = max(6.0 * band.height, 0.18 * lay.width)
        for li in (hit.line - 1, hit.line + 1):
            if not 0 <= li < len(lay.lines):
                continue
            words = [
                w
                for w in lay.lines[li].words
                if hit.x1 < w.x0 < edge and band.top <= (w.top + w.bottom) / 2 <= band.bottom
            ]
            if words and words[0].x0 - hit.x1 <= limit:
                found = apply_parser(parser, words, hit.page, 0.85)
                if found is not None:
                    return found
    return None


def _container_lines(records: list[Record]) -> tuple[int, int]:
    with_container = sum(1 for record in records if _container_text(record.text("container_number")))
    return with_container, -(len(records) - with_container)


def _voyage_after_slash(text: str) -> bool:
    """A vessel's box that prints the voyage after the name (``BERLIN EXPRESS / 484N`` under "Ocean vessel", ``MSC
    ANNA  V. 412W`` under a US form's "Exporting carrier"): a slash or the voyage's abbreviation (``V.``,
    ``VOY.``), then one short word with a digit, as voyages are numbered; a ship's name carries neither."""
    upper = text.strip().upper()
    return bool(re.search(r"\s/\s*(?=[0-9A-Z\-]{2,10}$)[A-Z\-]*\d[0-9A-Z\-]*$", upper) or _VOYAGE_MARKED.search(upper))


# the voyage after the ship's name with its abbreviation ("V. 412W", "VOY. 412W", "VOYAGE 412W")
_VOYAGE_MARKED = re.compile(r"\s(?:V\.|VOY\.?|VOYAGE)\s*(?=[0-9A-Z\-]{2,10}$)[A-Z\-]*\d[0-9A-Z\-]*$")


def _split_vessel_voyage(result: ResultBuilder, found: Found) -> None:
    """``MSC ANNA / 123W`` under one label: the vessel's name, then the voyage after the last slash."""
    text = str(found.value)
    marked = _VOYAGE_MARKED.search(text.upper())
    if marked is not None:
        vessel, voyage = text[: marked.start()].strip(), text[marked.start() :].strip()
    elif "/" in text:
        vessel, voyage = (part.strip() for part in text.rsplit("/", 1))
    else:
        parts = text.split()
        vessel, voyage = " ".join(parts[:-1]), parts[-1] if len(parts) > 1 else ""
    vessel = vessel.rstrip(" -/,:")  # "MAERSK KENSINGTON - 127S"
    voyage = re.sub(r"^(?:VOY(?:AGE)?\.?|V\.)\s*", "", voyage.upper())  # "V.479W"
    if vessel and "vessel" not in result.fields:
        _set(result, "vessel", found, vessel)
    if voyage and re.fullmatch(r"[0-9A-Z\-]{2,10}", voyage) and "voyage" not in result.fields:
        _set(result, "voyage", found, voyage)


def _english(text: str) -> bool:
    """An English-language form (more of its label words are English than Spanish)."""
    upper = text.upper()
    english = sum(upper.count(w) for w in ENGLISH_WORDS)
    spanish = sum(upper.count(w) for w in SPANISH_WORDS) + len(_SPANISH_PROSE.findall(_NO_LEGAL_FORMS.sub("", upper)))
    return english > spanish


# (a straight bill's parties: "SHIP FROM", "SHIP TO")
ENGLISH_WORDS = (" THE ", "SHIPPER", "CONSIGNEE", "CARRIER", "WEIGHT", "FREIGHT", "SHIP FROM", "SHIP TO")
SPANISH_WORDS = ("REMITENTE", "DESTINATARIO", "PESO", "FLETE")
# " DE " and " DEL " count as Spanish prose only outside a company's legal form ("S. DE R.L. DE C.V." names a
# Mexican party on an English form too)
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")
# a bilingual form's labels in both languages side by side ("Fecha / Date", "Remitente / Shipper")
_LABEL_PAIRS = (
    ("FECHA", "DATE"),
    ("REMITENTE", "SHIPPER"),
    ("DESTINATARIO", "CONSIGNEE"),
    ("PESO", "WEIGHT"),
    ("FLETE", "FREIGHT"),
)
# how sure a date is whose day and month could be either way round
DOUBTFUL_ORDER = 0.6


def _doubtful_order(result: ResultBuilder, text: str) -> None:
    """A numeric date that reads either way (``11/08/2024``) on a form whose labels are both Spanish and English
    (``Fecha / Date``) and that prints no date settling the order: the language does not tell the writer's
    habit, so the date is read in the usual order but left for a person to confirm."""
    dates = [(int(m.group(1)), int(m.group(2))) for m in _NUMERIC_DATE.finditer(text)]
    if not dates or any(max(a, b) > 12 for a, b in dates):
        return
    upper = text.upper()
    paired = sum(bool(re.search(rf"\b{a}\s*/\s*{b}\b|\b{b}\s*/\s*{a}\b", upper)) for a, b in _LABEL_PAIRS)
    if paired < 2:
        return  # labels in one language (an English name on a Spanish form is not a bilingual form)
    for name in ("issue_date", "shipped_on_board_date"):
        field = result.fields.get(name)
        raw = str(field.get("raw") or "") if field else ""
        match = _NUMERIC_DATE.search(raw)
        if field is not None and match and match.group(1) != match.group(2):
            field["confidence"] = min(float(field["confidence"]), DOUBTFUL_ORDER)


_SPANISH_PROSE = re.compile(r"(?= DEL? )")
_NO_LEGAL_FORMS = re.compile(r"\bS\.?\s?(?:A\.?\s?)?DE\s+(?:R\.?\s?L\.?\s+DE\s+)?C\.?\s?V\.?|\bS\.?\s?DE\s+R\.?\s?L\.?")


def bl_kind(text: str) -> str:
    """ocean, truck, air or rail, from the words the form uses."""
    upper = text.upper()
    if "AIR WAYBILL" in upper or "AIRWAY BILL" in upper or courier_waybill(text):
        return "air"
    if re.search(r"\bRAIL|\bFERROCARRIL|\bRAILCAR", upper):
        return "rail"
    ocean = sum(
        w in upper
        for w in ("VESSEL", "PORT OF LOADING", "PORT OF DISCHARGE", "OCEAN", "VOYAGE", "BUQUE", "PUERTO DE", "VIAJE")
    )
    truck = sum(
        w in upper
        for w in (
            "STRAIGHT BILL",
            "TRAILER",
            "SHIP FROM",
            "SHIP TO",
            "HANDLING UNIT",
            "PRO NUMBER",
            "CARTA PORTE",
            "CARTA DE PORTE",
            "AUTOTRANSPORTE",
            "REMOLQUE",
            "PLACAS",
        )
    )
    return "truck" if truck > ocean else "ocean"


def _set(result: ResultBuilder, name: str, found: Found, value: Any, certainty: float = 1.0) -> None:
    result.set(name, value, found.confidence * certainty, page=found.page, bbox=found.bbox, raw=found.raw)


_SEAL_IN_TEXT = re.compile(r"\bSEAL(?:S|\s+NO\.?)?\s*[:#]?\s*([A-Z0-9][A-Z0-9\-]*\d[A-Z0-9\-]*)", re.IGNORECASE)


def _goods_without_weights(result: ResultBuilder) -> None:
    """Goods read with the figures printed after them on their line (a long description runs up to the weight's
    column): trailing figures of which one is a cargo line's weight are no goods."""
    found = result.fields.get("goods_description")
    weights = [w for line in result.lines if (w := _line_figure(line, "gross_weight_kg")) is not None]
    if found is None or not weights:
        return
    words = str(found["value"]).split()
    cut = len(words)
    while cut > 1 and _FIGURE.fullmatch(words[cut - 1]):
        cut -= 1
    trailing = [parsed[0] for w in words[cut:] if (parsed := parse_number(w)) is not None]
    if any(abs(v - w) < 0.05 for v in trailing for w in weights):
        found["value"] = " ".join(words[:cut])


def _goods_past_border(record: Record) -> None:
    """Words of a long description that ran past the border into the weight's column (the border set between
    the headings where no gutter parts them): on each line, the words before the weight's figure that are no
    figure and follow the description's last word there as a sentence's words do (no gutter) are the
    description's."""
    goods, weight = record.cells.get("description"), record.cells.get("gross_weight_kg")
    if goods is None or weight is None or not goods.words:
        return
    moved: list[Any] = []
    for word in weight.words:
        if _FIGURE.fullmatch(word.text) or not re.search(r"[A-Za-z]", word.text):
            continue
        same_line = [w for w in [*goods.words, *moved] if abs(w.top - word.top) < 1 and w.x1 <= word.x0 + 0.5]
        if not same_line:
            continue
        before = max(same_line, key=lambda w: w.x1)
        later = [w for w in weight.words if abs(w.top - word.top) < 1 and w.x0 < word.x0]
        if _gutter(before, word) or any(_FIGURE.fullmatch(w.text) for w in later):
            continue
        moved.append(word)
    if not moved:
        return
    weight.words = [w for w in weight.words if all(w is not m for m in moved)]
    words = list(goods.words)
    for word in moved:
        at = max(k for k, w in enumerate(words) if abs(w.top - word.top) < 1 and w.x1 <= word.x0 + 0.5)
        words.insert(at + 1, word)
    goods.words = words


def _under_container(record: Record) -> None:
    """Words printed under the container in its own column (its seal, marks) that the reading gave to a wider
    neighbour (a description that wraps) go back to the container's cell."""
    cell = record.cells.get("container_number")
    head = next((w for w in cell.words if _container_text(w.text)), None) if cell is not None else None
    if cell is None or head is None:
        return
    for key, other in record.cells.items():
        if key == "container_number":
            continue
        below = [
            w
            for w in other.words
            if w.top > head.bottom - 1 and head.x0 - 2 <= (w.x0 + w.x1) / 2 <= head.x1 and w.x0 < head.x1 - 2
        ]
        if below:
            other.words = [w for w in other.words if w not in below]
            cell.words.extend(below)


def _count_out_of_size(record: Record) -> None:
    """A count right-aligned under its heading runs into the container's size and type column before it ("40'
    HC  12"): a whole number after the type's first word is the packages', not the size."""
    size = record.cells.get("size_type")
    if size is None or len(size.words) < 2:
        return
    counts = [w for w in size.words[1:] if re.fullmatch(r"\d{1,6}", w.text)]
    if not counts:
        return
    size.words = [w for w in size.words if w not in counts]
    cell = record.cells.setdefault("package_count", Cell(page=size.page))
    cell.words = sorted([*counts, *cell.words], key=lambda w: w.x0)


# a line that tallies part of the load under a label of its own ("Descarga en DE000002: 16 bultos 563.50 kg",
# "Stop 2: 4 pallets 1,200 lbs"; a scan's specks in it, the kind of package misread, "11 pits"): the packages and
# weight of a stop or a group, never the goods
_TALLY = re.compile(
    rf"[^\n]{{1,40}}?:\s*\d[\d,]*\s*(?:{PACKAGE_WORDS}|[A-Za-z]{{2,8}}\.?)\s+\d[\d,.]*\s*['`’]?\s*(?:KGS?|KGM|KILOS?|LBS?)\.?",
    re.IGNORECASE,
)


# a line giving one piece's dimensions and its own weight under the goods ("CASE 3: 240 x 120 x 150 CM  1,230
# KGS", "Crate 2 - 1.20 x 0.80 x 0.95 M"): the piece's particulars, never the goods
_DIMENSION = r"\d+(?:[.,]\d+)?\s*[X×*]\s*\d+(?:[.,]\d+)?(?:\s*[X×*]\s*\d+(?:[.,]\d+)?)?"
_PIECE = re.compile(
    rf"(?:[A-Z][A-Z.]*\s*(?:NO\.?\s*|#\s*)?\d+\s*[:\-]?\s*)?{_DIMENSION}\s*(?:CMS?|MM|MTRS?|M|IN|INCH(?:ES)?)\.?"
    r"(?:\s*[,;/]?\s*\d[\d,.]*\s*(?:KGS?|KGM|KILOS?|LBS?)\.?)?",
    re.IGNORECASE,
)


# a piece's label and the start of its dimensions ("CASE 3: 240 x", "Skid 1 - 410 x", "120 X")
_PIECE_START = re.compile(
    r"(?:\b[A-Z][A-Z.]*\s*(?:NO\.?\s*|#\s*)?\d+\s*[:;\-]?\s*)?\d+[\s:;.,_]*[X×*]\s*\d+", re.IGNORECASE
)
# the only words a piece's particulars hold: its units (a scan glues them to the figures, "96x", "187CM", "305KGS")
_PIECE_UNITS = {
    "X",
    "CM",
    "CMS",
    "MM",
    "M",
    "MTR",
    "MTRS",
    "IN",
    "INCH",
    "INCHES",
    "KG",
    "KGS",
    "KGM",
    "KILOS",
    "LB",
    "LBS",
}


def _piece_row(text: str) -> bool:
    """Whether a row of the goods is a piece's particulars: as printed (``_PIECE``), or as a scan reads it, its
    label, then dimensions, units and weights alone (``CASE 2: 258 x96x 2,660 KGS``, a unit or a figure lost)."""
    text = text.strip()
    if _PIECE.fullmatch(text):
        return True
    start = _PIECE_START.match(text)
    if start is None:
        return False
    rest = text[start.end() :]
    return all(word.upper() in _PIECE_UNITS for word in re.findall(r"[A-Za-z]+", rest))


def _piece_figures(pages: list[PageLayout]) -> set[float]:
    """The figures of the pieces' particulars lines (dimensions and own weights under an item's goods): parts of
    the item, understood, no line of their own."""
    figures: set[float] = set()
    for lay in pages:
        for line in lay.lines:
            start = _PIECE_START.search(line.text)
            piece = line.text[start.start() :] if start is not None else ""
            if not piece or not _piece_row(piece):
                continue
            for figure in re.findall(r"\d[\d,.]*\d|\d", piece):
                for plain in (figure.replace(",", ""), figure.replace(".", "").replace(",", ".")):
                    try:
                        figures.add(round(float(plain), 4))
                    except ValueError:
                        continue
    return figures


def _without_tallies(record: Record) -> None:
    """The description's lines that tally part of the load (a multi-stop road bill's packages and kilograms
    unloaded at each stop, printed under the goods) are left out of it."""
    cell = record.cells.get("description")
    if cell is None:
        return
    # (a scan's words on one line stand a point or two apart: a word whose middle lies within a row's first word
    # is on that row)
    rows: list[list[Any]] = []
    for word in sorted(cell.words, key=lambda w: (w.top, w.x0)):
        row = next((r for r in rows if r[0].top <= (word.top + word.bottom) / 2 <= r[0].bottom), None)
        if row is None:
            rows.append([word])
        else:
            row.append(word)
    rows = [sorted(row, key=lambda w: w.x0) for row in rows]
    tallies = [ws for ws in rows if _TALLY.fullmatch(text := " ".join(w.text for w in ws).strip()) or _piece_row(text)]
    if tallies:
        cell.words = [w for w in cell.words if not any(w in ws for ws in tallies)]


def _cargo_line(record: Record, kind: str) -> dict[str, dict]:
    line: dict[str, dict] = {}
    _goods_past_border(record)
    _under_container(record)
    _without_tallies(record)
    _count_out_of_size(record)
    container_cell = record.cells.get("container_number")
    if container_cell is not None and "seal_number" not in record.cells:
        # "MSKU1234565 / SEAL ML-1234567": container and seal in one cell
        words = container_cell.words
        for index, word in enumerate(words):
            if _container_text(word.text):
                rest = [w for w in words[index + 1 :] if norm(w.text)]
                if rest:
                    record.cells["seal_number"] = container_cell.__class__(words=rest, page=container_cell.page)
                    record.cells["container_number"] = container_cell.__class__(
                        words=words[: index + 1], page=container_cell.page
                    )
                break
    for name, parser in LINE_PARSERS.items():
        found = found_from_cell(record.cells.get(name), parser, CELL_CERTAINTY)
        if found is None and name == "container_number" and record.text(name):
            repaired = read_container(record.text(name))  # split or misread by OCR, whole by its check digit
            cell = record.cells[name]
            if repaired and cell.words:
                found = Found(repaired, cell.page, cell.words[:1], record.text(name), 0.9)
        if found is None:
            continue
        value = found.value
        if name == "container_number":
            value = re.sub(r"[\s\-]", "", str(value))
            if not checks.container_is_valid(value):
                value = read_container(record.text(name)) or value  # OCR's letter/digit confusions undone
        line[name] = found.as_field(value)
    moved = _moved(record.text("quantity_moved")) if "package_count" not in line else None
    if moved is not None:
        # the count a scan lost in its own column, as the quantities carried to the stops add it up
        cell = record.cells["quantity_moved"]
        # (the count as printed, where one stop takes the whole line: a figure read, not added up)
        printed = [m.group(1) for m in _MOVED.finditer(cell.text)]
        raw = printed[0] if len(printed) == 1 else cell.text
        line["package_count"] = Found(moved, cell.page, cell.words, raw, 0.85).as_field(moved)
    kilos = _kilos_in_description(line) if "weight_lb" in record.cells else None
    if "gross_weight_kg" not in line and kilos is not None:
        line["gross_weight_kg"] = kilos
    if "gross_weight_kg" not in line:
        # a weight printed in pounds alone (the kilograms column, where there is one, comes first)
        pounds = found_from_cell(record.cells.get("weight_lb"), _container_weight, CELL_CERTAINTY)
        if pounds is not None:
            line["gross_weight_kg"] = pounds.as_field(round(float(pounds.value) * LB_KG, 1))
    description = line.get("description")
    if description is not None and "seal_number" not in line:
        # a seal printed on its own line under the container falls among the description's words
        match = _SEAL_IN_TEXT.search(str(description["value"]))
        if match:
            line["seal_number"] = {**description, "value": match.group(1), "raw": match.group(0)}
            text = str(description["value"])
            remainder = f"{text[: match.start()]} {text[match.end() :]}"
            line["description"] = {**description, "value": " ".join(remainder.split())}
    return line


# a weight with its kilograms unit, in parentheses or not, alone among a line's goods ("(984.1 KG)")
_KILOS_IN_TEXT = re.compile(
    r"\(\s*(\d[\d,.]*)\s*(?:KGS?|KGM|KILOS?)\s*\)|(?<![\w.,])(\d[\d,.]*)\s*(?:KGS?|KGM)(?![\w])",
    re.IGNORECASE,
)


def _kilos_in_description(line: dict[str, dict]) -> dict[str, Any] | None:
    """A US carrier prints each line's weight in pounds in its weight column and the kilograms under the goods
    ("(984.1 KG)"): that figure is the line's weight as the shipper declared it (converting the pounds back
    loses a tenth), and no part of the goods. Taken out of the description; returned as the line's weight (a
    tare or net weight is neither)."""
    description = line.get("description")
    if description is None:
        return None
    text = str(description["value"])
    match = _KILOS_IN_TEXT.search(text)
    if match is None or re.search(r"\b(?:TARE|NET|NETO|TARA)\b[^0-9]{0,16}$", text[: match.start()], re.I):
        return None
    parsed = weight_figure(match.group(1) or match.group(2))
    if parsed is None:
        return None
    rest = " ".join(f"{text[: match.start()]} {text[match.end() :]}".split())
    if len(re.findall(r"[A-Za-z]", rest)) < 3:
        return None
    line["description"] = {**description, "value": rest}
    return {**description, "value": parsed[0], "raw": match.group(0)}


# check boxes before their options ("[X] Pagado / Prepaid  [ ] Por cobrar / Collect"): told from a box after its
# option ("PREPAID [X]  COLLECT [ ]") by an empty box that also stands before an option
_OPTIONS = r"(?:(?:PRE)?PAGADO|PREPAID|POR\s+COBRAR|COLLECT)"
_BOX_FIRST = re.compile(rf"\[\s*\]\s*{_OPTIONS}")
# the terms after their label ("Freight Terms: COLLECT", "FREIGHT: PREPAID", "Flete / Freight: Pagado en origen")
# ("Freight Payment Term:", "Freight Charge Terms:": up to two words saying which of the freight's particulars)
_FREIGHT_LABEL = (
    r"\b(?:FLETE|FREIGHT|CHARGES)(?:\s*(?:/|&|AND)\s*(?:FLETE|FREIGHT|CHARGES))?"
    r"(?:\s+(?:TERMS?|CONDITIONS|PAYMENT|CHARGES?)){0,2}\s*:"
)
# the terms' code before the word ("PRE (Prepaid)", "COL (Collect)": the codes of the carriers' electronic B/L
# standard) or alone ("PP", "CC")
_PREPAID_CODE = r"(?:PRE|PP)"
_COLLECT_CODE = r"(?:COL|CC)"
_BOX_FIRST_RE = [
    (re.compile(r"\[\s*X\s*\]\s*(?:(?:PRE)?PAGADO|PREPAID)"), "prepaid"),
    (re.compile(r"\[\s*X\s*\]\s*(?:POR\s+COBRAR|COLLECT)"), "collect"),
]
_FREIGHT_RE = [
    (re.compile(r"PREPAID\s*[:\[(]?\s*X\b"), "prepaid"),
    (re.compile(r"COLLECT\s*[:\[(]?\s*X\b"), "collect"),
    (re.compile(r"FREIGHT\s+PREPAID|PREPAID\s+FREIGHT|FLETE\s*:?\s*(?:PRE)?PAGADO"), "prepaid"),
    (re.compile(r"FREIGHT\s+COLLECT|COLLECT\s+FREIGHT|FLETE\s*:?\s*POR\s+COBRAR"), "collect"),
    # a label before the terms
    (re.compile(rf"{_FREIGHT_LABEL}\s*(?:(?:PRE)?PAGADO|PREPAID)"), "prepaid"),
    (re.compile(rf"{_FREIGHT_LABEL}\s*(?:POR\s+COBRAR|COLLECT)"), "collect"),
    # a label before the terms' code, spelt out after it or not
    (re.compile(rf"{_FREIGHT_LABEL}\s*{_PREPAID_CODE}(?:\s*\(\s*PREPAID\s*\)|(?![A-Z0-9(]))"), "prepaid"),
    (re.compile(rf"{_FREIGHT_LABEL}\s*{_COLLECT_CODE}(?:\s*\(\s*COLLECT\s*\)|(?![A-Z0-9(]))"), "collect"),
    # a mark between the label and the option (a check box whose brackets OCR lost: "Flete: X Pagado")
    (re.compile(rf"{_FREIGHT_LABEL}\s*[\[(]?\s*X\s*[\])]?\s+(?:(?:PRE)?PAGADO|PREPAID)"), "prepaid"),
    (re.compile(rf"{_FREIGHT_LABEL}\s*[\[(]?\s*X\s*[\])]?\s+(?:POR\s+COBRAR|COLLECT)"), "collect"),
]
# the signature box: "SIGNED FOR THE CARRIER <name> AS CARRIER" on one line, or the name after "AS CARRIER:"
# (a box's caption "Signed for the Carrier" over "AS CARRIER: <name>": the words before it on that line are
# the box to its left's)
_SIGNED_RE = re.compile(
    r"\bAS\s+CARRIER\s*:\s*([A-Z0-9][^\n]{2,60}?)\s*$|FOR THE CARRIER[ \t]+([^\n]+?)\s+AS CARRIER",
    re.IGNORECASE | re.MULTILINE,
)
# the agent's signature for the carrier ("AS AGENT FOR HAPAG-LLOYD AG", "as agents for the carrier: MAERSK A/S")
_AGENT_RE = re.compile(
    r"\bAS\s+AGENTS?\s+(?:ONLY\s+)?FOR\s+(?:THE\s+CARRIER\s*:?\s*)?(?!THE\b)([A-Z0-9].{2,60}?)\s*$", re.I | re.M
)


def _fallbacks(
    pages: list[PageLayout], text: str, result: ResultBuilder, kind: str, listed: set[tuple[int, int]]
) -> None:
    """Values some forms print without a label (or whose label OCR lost): freight terms, carrier, a liner's
    B/L number, SCAC, totals. ``listed``: the lines of a list of captions and values (its section titles are
    no carrier's name)."""
    upper = text.upper()
    if "bl_number" not in result.fields and kind == "ocean":
        # a liner's master B/L number opens with its SCAC (HLCU209014777); a container number (MSCU1234565) is no
        # B/L number
        number = next(
            (m.group(1) for m in recognisers.BL_SCAC_RE.finditer(upper) if not container_text(m.group(1))), None
        )
        if number is not None:
            result.set("bl_number", number, 0.75, raw=number)
    if kind == "air":
        _air_waybill_number(text, result)
        issuer = _issued_by(pages)
        if issuer is not None and "carrier_name" not in result.fields:
            result.set("carrier_name", issuer[0], 0.85, page=issuer[1], raw=issuer[0])
    if "bl_number" not in result.fields:
        _number_after_scac(text, result, any(lay.ocr for lay in pages))
    if "freight_terms" not in result.fields:  # (read in its row of a list of captions and values)
        _freight_terms(pages, upper, result)
    stamped = None if "carrier_name" in result.fields or _SIGNED_RE.search(text) else _signed_as_carrier(pages)
    if stamped is not None:
        result.set("carrier_name", stamped[0], 0.85, page=stamped[1], raw=stamped[0])
    if "carrier_name" not in result.fields:
        signed = _SIGNED_RE.search(text)
        top = _title_line(pages[0], listed) if pages and not signed else None
        agent = _AGENT_RE.search(text) if not signed else None
        if top is not None and agent is not None and (norm(top[0]) == norm(agent.group(1)) or not pages[0].ocr):
            agent = None  # the title agrees with the signature (or is type, not OCR's reading of large print)
        if signed is not None:
            result.set("carrier_name", (signed.group(1) or signed.group(2)).strip(), 0.85, raw=signed.group(0))
        elif agent is not None:
            result.set("carrier_name", agent.group(1).strip(), 0.75, raw=agent.group(0))
        elif top is not None:
            result.set("carrier_name", top[0], 0.7, page=pages[0].number, bbox=top[1], raw=top[0])
    number = result.fields.get("bl_number", {}).get("value")
    # a forwarder's FIATA bill is the forwarder's own, whatever liner's code its number opens with: no SCAC of its
    # issuer's is read off it
    scac = str(number)[:4] if number and not _FIATA.search(upper) else ""
    if "carrier_scac" not in result.fields and kind == "ocean" and scac in recognisers.CARRIER_SCACS:
        result.set("carrier_scac", scac, 0.8)
    carrier = result.fields.get("carrier_name", {}).get("value")
    issuers = bool(scac) and issuer_scac(str(number or ""), str(carrier or ""))
    if "carrier_scac" not in result.fields and kind == "ocean" and issuers:
        result.set("carrier_scac", scac, 0.75)
    said = stated_total(text)
    if said is not None and "package_count" not in result.fields:
        result.set("package_count", said[0], 0.9, raw=said[2])
    if said is not None and said[1] is not None and "gross_weight_kg" not in result.fields:
        result.set("gross_weight_kg", said[1], 0.9, raw=said[2])
    if "package_count" not in result.fields:
        _packages_on_totals_row(pages, result)
    both = _totals_in_both_units(pages)
    if both is not None and "gross_weight_kg" not in result.fields:
        result.set("gross_weight_kg", both[0], 0.85, page=both[1], raw=both[2])
    lines = result.lines
    if "package_count" not in result.fields and lines and all("package_count" in ln for ln in lines):
        result.set("package_count", sum(int(ln["package_count"]["value"]) for ln in lines), 0.85)
    if "gross_weight_kg" not in result.fields and lines and all("gross_weight_kg" in ln for ln in lines):
        total = round(sum(float(ln["gross_weight_kg"]["value"]) for ln in lines), 3)
        result.set("gross_weight_kg", total, 0.85)
    if kind == "truck" and "package_count" not in result.fields:
        for lay in pages:
            for line in lay.lines:
                if "GRANDTOTAL" in "".join(line.tokens):
                    parsed = parse_int(line.words[0].text)
                    if parsed is not None:
                        result.set("package_count", parsed[0], 0.85, page=lay.number, raw=line.text)


# the packages on the totals row under the cargo ("TOTAL: 5 CONTAINER(S) / 145 PALLETS"): a count before its kind
# of package (the containers' count is none)
_TOTAL_PACKAGES = re.compile(
    rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+|\d{{1,6}})\s?(?:{PACKAGE_WORDS})(?![A-Z])", re.IGNORECASE
)


def _packages_on_totals_row(pages: list[PageLayout], result: ResultBuilder) -> None:
    """The B/L's packages from the one count of packages its totals row prints (no line nor label gave them)."""
    counts = set()
    for lay in pages:
        for line in lay.lines:
            if re.match(r"\s*TOTAL(?:ES|S)?\b", line.text, re.IGNORECASE):
                counts |= {int(m.group(1).replace(",", "")) for m in _TOTAL_PACKAGES.finditer(line.text)}
    if len(counts) == 1:
        result.set("package_count", counts.pop(), 0.85)


# how far a pound figure rounded to the unit may stand from the kilograms' (with a
# five-thousandth of the pounds besides: the kilograms printed rounded to a tenth)
POUND_ROUNDING = 0.6
_ROW_FIGURE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w,])")


_COUNTED = re.compile(rf"\s*(?:CONTAINERS?|CONTAINER\(S\)|CNTRS?|{PACKAGE_WORDS})(?![A-Z])", re.IGNORECASE)


def _as_pounds_to_a_tenth(kilos: float, pounds: float) -> bool:
    """Whether pounds printed with decimals are the kilograms converted (the kilograms rounded to a tenth)."""
    return abs(pounds - kilos * LB_PER_KG) <= 0.12 + 0.0005 * pounds


def _as_pounds(kilos: float, pounds: float) -> bool:
    """Whether a figure in pounds is a weight in kilograms converted (and rounded to the pound)."""
    return abs(pounds - kilos * LB_PER_KG) <= POUND_ROUNDING + 0.0005 * pounds


def _totals_in_both_units(pages: list[PageLayout]) -> tuple[float, int, str] | None:
    """The total weight a totals row prints in kilograms and pounds side by side, unlabelled ("20  TOTAL  814.2
    1,795" under "Weight kg" and "Weight lb" columns): the figure whose pounds the row prints too is the kilograms
    (the lines' weights are checked against it)."""
    for lay in pages:
        for line in lay.lines:
            if not _TOTALS_ROW.search(line.text):
                continue
            # (a count before what it counts, "1 CONTAINER(S)", "33 PLTS", is no weight)
            figures = [
                (float(m.group(0).replace(",", "")), "." in m.group(0))
                for m in _ROW_FIGURE.finditer(line.text)
                if not _COUNTED.match(line.text, m.end())
            ]
            for kilos, _decimals in figures:
                # (the pounds twice the kilograms and more, a small figure no pounds of itself; pounds printed with
                # decimals were not rounded to the pound)
                if kilos > 0 and any(
                    pounds > 2 * kilos
                    and _as_pounds(kilos, pounds)
                    and (not decimals or _as_pounds_to_a_tenth(kilos, pounds))
                    for pounds, decimals in figures
                ):
                    return kilos, lay.number, line.text
    return None


def _freight_terms(pages: list[PageLayout], upper: str, result: ResultBuilder) -> None:
    """Freight terms from the options printed: check boxes printed with their options say it themselves;
    otherwise a mark under a column, or the terms' words."""
    marked = _mark_nearest_option(pages) or (None if _CHECK_BOX.search(upper) else _marked_option(pages))
    marked = marked or terms_under_caption(pages)
    if marked is not None:
        result.set("freight_terms", marked, 0.9)
    for pattern, terms in (_BOX_FIRST_RE if _BOX_FIRST.search(upper) else []) + _FREIGHT_RE:
        if marked is None and pattern.search(upper):
            result.set("freight_terms", terms, 0.9)
            break


# the digits a scan reads as letters
_SERIAL_DIGITS = str.maketrans({"S": "5", "O": "0", "I": "1", "B": "8"})


def _number_after_scac(text: str, result: ResultBuilder, ocr: bool = False) -> None:
    """A carrier numbers its bills after its own code (SCAC, or a Mexican carrier's CAAT): with the code read at
    its label, the word that is the code and a serial (``CLDN2753058``) is the bill's number, however the form
    labels it (or prints it under its title unlabelled). A number of a container's shape may be the bill's: a
    carrier's serial passes a container's check digit one time in eleven."""
    scac = result.fields.get("carrier_scac", {}).get("value")
    if not scac or not re.fullmatch(r"[A-Z]{4}", str(scac)):
        return
    # (a liner's containers bear its code too: a container the bill lists is no number of the bill's)
    containers = {str(line["container_number"]["value"]) for line in result.lines if "container_number" in line}
    for m in re.finditer(rf"(?<![A-Z0-9-]){scac}\d{{5,12}}(?![A-Z0-9])", text):
        if m.group(0) not in containers:
            result.set("bl_number", m.group(0), 0.8, raw=m.group(0))
            return
    if not ocr:
        return
    # a scan's reading: the serial set apart from the code, a digit of it read as a letter ("MAEUS 10628090")
    for m in re.finditer(rf"(?<![A-Z0-9-]){scac}\s?([0-9SOIB]\s?\d{{4,11}})(?![A-Z0-9])", text):
        serial = m.group(1).translate(_SERIAL_DIGITS).replace(" ", "")
        if serial.isdigit() and scac + serial not in containers:
            result.set("bl_number", scac + serial, 0.7, raw=m.group(0))
            return


# an air waybill's number: the airline's three-digit prefix and an eight-digit serial, printed whole
# (``016-48883461``), in groups (``016-4888 3461``) or with the airport of departure between (``016 ORD 4888 3461``)
_AWB_NUMBER = re.compile(r"(?<![\w-])(\d{3})(?:[ \-]+[A-Z]{3})?[ \-]+(\d{4}) ?(\d{4})(?![\w-])")


# a house air waybill's own number after its caption ("HAWB No. LAX-40123456", "House AWB: 7781-2231")
_HOUSE_NUMBER = re.compile(
    r"\b(?:HAWB|HOUSE\s+(?:AWB|AIR\s+WAYBILL))(?:\s*(?:NO\.?|NUMBER|#))?\s*[:#]?\s+([A-Z0-9][A-Z0-9\-/]{4,24})(?![\w-])"
)


def _house_number(text: str) -> str | None:
    """The number a forwarder's house air waybill prints after its caption, the one printed most often (top and
    foot); a number has digits."""
    counts: Counter[str] = Counter(
        m.group(1) for m in _HOUSE_NUMBER.finditer(text.upper()) if sum(ch.isdigit() for ch in m.group(1)) >= 4
    )
    return counts.most_common(1)[0][0] if counts else None


def awb_check_digit(serial: str) -> bool:
    """Whether an air waybill's eight-digit serial ends in its check digit: the first seven digits modulo 7
    (IATA's rule)."""
    return bool(re.fullmatch(r"\d{8}", serial)) and int(serial[:7]) % 7 == int(serial[7])


def _air_waybill_number(text: str, result: ResultBuilder) -> None:
    """An air waybill's number, however its groups are printed, as ``PPP-SSSSSSSS``: the serial's check digit
    tells it from other figures in groups; the number the form prints most often wins (top and foot). A number
    read at a label stands when its digits are that number's (put in the usual shape) or make another valid one."""
    counts: Counter[str] = Counter()
    for line in text.upper().splitlines():
        for match in _AWB_NUMBER.finditer(line):
            serial = match.group(2) + match.group(3)
            if awb_check_digit(serial):
                counts[f"{match.group(1)}-{serial}"] += 1
    house = _house_number(text)
    if house is not None:
        # a forwarder's house waybill: its own number is the bill's; the airline's master waybill it flies under
        # is a reference
        current = result.fields.get("bl_number")
        if current is None or re.sub(r"\W", "", str(current["value"])) != re.sub(r"\W", "", house):
            result.set("bl_number", house, 0.85, raw=house)
        for master in counts:
            if re.sub(r"\W", "", master) != re.sub(r"\W", "", house):
                result.add_reference("awb", master.replace("-", ""))
        return
    if not counts:
        return
    number, times = counts.most_common(1)[0]
    current = result.fields.get("bl_number")
    if current is not None:
        digits = re.sub(r"\D", "", str(current["value"]))
        if digits == number.replace("-", ""):
            current["value"] = number
            return
        if len(digits) == 11 and awb_check_digit(digits[3:]):
            return
    result.set("bl_number", number, 0.9 if times >= 2 else 0.8, raw=number)


def _issued_by(pages: list[PageLayout]) -> tuple[str, int] | None:
    """The airline that issues an air waybill, named after the form's "Issued by" (the words up to the next
    box's gutter)."""
    for lay in pages:
        for line in lay.lines:
            words = line.words
            for k in range(len(words) - 2):
                if norm(words[k].text) != "ISSUED" or norm(words[k + 1].text) != "BY":
                    continue
                run = [words[k + 2]]
                for w in words[k + 3 :]:
                    if _gutter(run[-1], w):
                        break
                    run.append(w)
                name = " ".join(w.text for w in run).strip(" :")
                if len(re.findall(r"[A-Za-z]", name)) >= 3:
                    return name, lay.number
    return None


# the forwarders' federation's bill (FBL, "NEGOTIABLE FIATA MULTIMODAL TRANSPORT BILL OF LADING")
_FIATA = re.compile(r"\bFIATA\b|\bFBL\b")
# how many lines above the words "as carrier" the signing company's name may stand (a signature's room between)
SIGNATURE_LINES = 4
# how far (points) the name's first letter may stand from the words under it in the same stamp box
STAMP_ALIGN = 4.0


def _signed_as_carrier(pages: list[PageLayout]) -> tuple[str, int] | None:
    """The company that signs a bill "as carrier" (a forwarder issuing its own FIATA bill, a liner's stamp): its
    name is set above the words "as carrier", aligned with them in the signature box."""
    for lay in reversed(pages):
        for li, line in enumerate(lay.lines):
            words = line.words
            for k in range(len(words) - 1):
                if not (
                    norm(words[k].text) == "AS"
                    and norm(words[k + 1].text) == "CARRIER"
                    and (k + 2 == len(words) or _gutter(words[k + 1], words[k + 2]))
                    and (k == 0 or _gutter(words[k - 1], words[k]))
                ):
                    continue
                name = _stamped_name(lay, li, words[k].x0)
                if name is not None:
                    return name, lay.number
    return None


def _gutter(a: Any, b: Any) -> bool:
    """Whether two words of a line stand in different boxes (further apart than a few letters' height)."""
    return bool(b.x0 - a.x1 > 2 * max(1.0, a.bottom - a.top))


def _stamped_name(lay: PageLayout, li: int, x0: float) -> str | None:
    """The run of words that starts at ``x0`` on the nearest line above line ``li`` (a label is no name)."""
    for line in reversed(lay.lines[max(0, li - SIGNATURE_LINES) : li]):
        words = line.words
        start = next((k for k, w in enumerate(words) if abs(w.x0 - x0) <= STAMP_ALIGN), None)
        if start is None:
            continue
        run = [words[start]]
        for w in words[start + 1 :]:
            if _gutter(run[-1], w):
                break
            run.append(w)
        name = " ".join(w.text for w in run)
        if _title_or_label(name) or not re.search(r"[A-Z]{2}", name):
            return None
        return name
    return None


_CHECK_BOX = re.compile(
    r"[\[(]\s*X?\s*[\])]\s*(?:(?:PRE)?PAGADO|PREPAID|POR\s+COBRAR|COLLECT)|(?:PREPAID|COLLECT)\s*[\[(]"
)
_OPTION_WORDS = {
    "PREPAID": "prepaid",
    "PAGADO": "prepaid",
    "PREPAGADO": "prepaid",
    "COLLECT": "collect",
    "COBRAR": "collect",
}
# a mark: X (OCR may double it), in a box or not, or a tick
_MARK = re.compile(r"[\[(]?[Xx]{1,2}[\])]?|[✓✔]")
# how many lines under the option headings their marks or charges may stand
OPTION_DEPTH = 4


def _mark_nearest_option(pages: list[PageLayout]) -> str | None:
    """Freight options in a row with a mark among them, as OCR reads them: the boxes' brackets are lost or
    misread ("{ ]", "[9"), so "PREPAID X COLLECT" no longer tells a box before its option from one after it. A
    check box is printed against its own option: the mark belongs to the option it stands nearer to. A text
    layer's mark typed apart from the printed words (a pre-printed form filled on a printer, its ``X`` glued to
    the next option's word in the line's text) is read so too when it stands plainly nearer one option: a few
    points from it and several times as far from the other."""
    for lay in pages:
        for line in lay.lines:
            options = _options_on(line.words)
            marks = [w for w in line.words if _MARK.fullmatch(w.text.strip())]
            if len({terms for _w, terms in options}) != 2 or not marks:
                continue
            chosen = set()
            for mark in marks:
                near = min(options, key=lambda option: _apart_from(mark, option[0]))
                far = min(_apart_from(mark, span) for span, terms in options if terms != near[1])
                if not lay.ocr and 3 * _apart_from(mark, near[0]) >= far:
                    return None
                chosen.add(near[1])
            if len(chosen) == 1:
                return chosen.pop()
    return None


class _Span(NamedTuple):
    """Where an option's words stand on its line."""

    x0: float
    x1: float


# the words an option's phrase opens with before its word ("POR COBRAR")
_OPENERS = {"COBRAR": "POR"}


def _options_on(words: list[Any]) -> list[tuple[_Span, str]]:
    """The freight options of a line of OCR'd words, each with the span of its phrase (a box's mark stands
    before "POR COBRAR", nearer POR than COBRAR). A box's edge OCR read as a letter glued to the option
    ("JPAGADO") is no part of it."""
    options = []
    for k, w in enumerate(words):
        word = norm(w.text)
        if word not in _OPTION_WORDS and word[1:] in _OPTION_WORDS and word[:1] in "JIL1":
            word = word[1:]
        if word not in _OPTION_WORDS:
            continue
        start = words[k - 1] if k and norm(words[k - 1].text) == _OPENERS.get(word) else w
        options.append((_Span(float(start.x0), float(w.x1)), _OPTION_WORDS[word]))
    return options


def _apart_from(a: Any, b: Any) -> float:
    """The horizontal gap between two words on a line."""
    return float(max(b.x0 - a.x1, a.x0 - b.x1, 0.0))


def _marked_option(pages: list[PageLayout]) -> str | None:
    """Freight terms as columns: ``Prepaid`` and ``Collect`` headed side by side, and a mark (``X``) or the
    charges printed under one of them only."""
    for lay in pages:
        for li, line in enumerate(lay.lines):
            options = [(w, _OPTION_WORDS[norm(w.text)]) for w in line.words if norm(w.text) in _OPTION_WORDS]
            if len({terms for _w, terms in options}) != 2 or len(options) != 2:
                continue
            left, right = sorted((w for w, _terms in options), key=lambda w: w.x0)
            if right.x0 - left.x1 < 3 * line.height:
                continue  # "Prepaid / Collect" side by side in a phrase: no columns
            chosen: set[str] = set()
            for lj in range(li + 1, min(len(lay.lines), li + 1 + OPTION_DEPTH)):
                below = lay.lines[lj].words
                for k, w in enumerate(below):
                    if not _MARK.fullmatch(w.text.strip()) and parse_number(w.text) is None:
                        continue
                    if not _MARK.fullmatch(w.text.strip()) and _in_phrase(below, k):
                        continue  # a figure among words ("ORIGINAL 3 (FOR SHIPPER)"): no charge in a column
                    centre = (w.x0 + w.x1) / 2
                    for option, terms in options:
                        width = option.x1 - option.x0
                        if option.x0 - 0.5 * width <= centre <= option.x1 + 0.5 * width:
                            chosen.add(terms)
            if len(chosen) == 1:
                return chosen.pop()
    return None


def _in_phrase(words: list[Any], k: int) -> bool:
    """Whether the word ``k`` stands in a phrase: a word of letters beside it no further than a space (a
    currency's code before a charge, "USD 1,250.00", is no phrase)."""
    w = words[k]
    space = 0.8 * max(1.0, w.bottom - w.top)  # (a typewriter face's space is as wide as its letters)
    for j in (k - 1, k + 1):
        if not 0 <= j < len(words):
            continue
        other = words[j]
        gap = w.x0 - other.x1 if j < k else other.x0 - w.x1
        letters = re.sub(r"[^A-Za-z]", "", other.text)
        if gap <= space and len(letters) >= 2 and not re.fullmatch(r"[A-Z]{3}", other.text.strip()):
            return True
    return False


def issuer_scac(number: str, carrier: str) -> bool:
    """Whether a B/L number opens with its issuer's own SCAC: an NVOCC numbers its house bills with its code
    (``PBLQ`` + origin + serial for PACIFIC BRIDGE LOGISTICS), whose first three letters follow its name's
    letters in order from the first (the fourth is often a filler: Q, Z, U)."""
    if not re.fullmatch(r"[A-Z]{4}[A-Z0-9]*\d{5,}", number):
        return False
    letters = re.sub(r"[^A-Z]", "", carrier.upper())
    if not letters or letters[0] != number[0]:
        return False
    rest = iter(letters[1:])
    return all(ch in rest for ch in number[1:3])


_TITLES = ("BILLOFLADING", "WAYBILL", "CONOCIMIENTO", "CARTAPORTE", "CARTADEPORTE", "MANIFEST", "MANIFIESTO")


_LABEL_WORDINGS = {norm(label) for labels in LABELS.values() for label in labels}
# the copy's stamp a form prints in large type across its top (often letter-spaced: "O R I G I N A L")
_STAMPS = ("ORIGINAL", "COPY", "COPIA", "DRAFT", "BORRADOR", "DUPLICATE", "TRIPLICATE", "NONNEGOTIABLE")


def _title_or_label(text: str) -> bool:
    """The form's title, a copy's stamp, or a label with its number ("B/L No. MAEU123456789"): not the
    carrier's name."""
    squashed = norm(text)
    if any(squashed == stamp or squashed == stamp + "COPY" or squashed == "NOT" + stamp for stamp in _STAMPS):
        return True
    if squashed in _LABEL_WORDINGS:
        return True  # a box's label ("Shipper's Name and Address")
    # (a run of more figures than letters is a number printed in groups, "016 ORD 4888 3461": no name)
    digits, letters = len(re.findall(r"\d", text)), len(re.findall(r"[A-Za-z]", text))
    return any(t in squashed for t in _TITLES) or ":" in text or bool(re.search(r"\d{5}", text)) or digits > letters


# how much larger than the page's usual type a carrier prints its name
TITLE_TYPE = 1.15
# the labels of a carrier's own code, printed beside its name in the heading
_CODE_LABELS = {"carrier_scac": LABELS["carrier_scac"]}


def _same_type(a: Any, b: Any) -> bool:
    """Whether two words are printed in the same type size (a fifth apart at most)."""
    ha, hb = a.bottom - a.top, b.bottom - b.top
    return min(ha, hb) >= 0.8 * max(ha, hb)


def _ocr_type_height(run: list[Any]) -> float:
    """The height of a run's type as OCR boxed its words: the middle height of its words in capitals and figures
    without accents (of all its words with a letter or digit where it has none)."""
    plain = [w for w in run if re.fullmatch(r"[A-Z0-9][A-Z0-9.,&'\-]*", w.text)] or [w for w in run if norm(w.text)]
    heights = sorted(float(w.bottom - w.top) for w in plain)
    return heights[len(heights) // 2] if heights else 0.0


def _type_height(run: list[Any]) -> float:
    """The height of a run's type: its tallest word with a letter or digit."""
    return float(max((w.bottom - w.top for w in run if norm(w.text)), default=0.0))


# a barcode's bars as OCR reads them ("ll lI Il lll 1111"): strokes alone
_BARS = re.compile(r"[lI1|!\[\]]+")
# OCR's mean confidence under which a run of large "words" at the top is a graphic's reading
GRAPHIC_DOUBT = 0.6


def _title_line(layout: PageLayout, skip: set[tuple[int, int]] | None = None) -> tuple[str, list[float]] | None:
    """The text in the largest type near the top of the page (a carrier prints its name there), but for the lines
    of ``skip`` (page, line)."""
    top = [
        ln
        for li, ln in enumerate(layout.lines)
        if ln.top < 0.12 * layout.height and (layout.number, li) not in (skip or set())
    ]
    if not top:
        return None
    # each line's runs of words apart (the carrier's name left, the form's title right); the tallest run that
    # is neither the title nor a label with its value
    # (a name is set in one type: the form's title in smaller type beside it is another run; a text layer's
    # word boxes are the type's, OCR's the glyphs', so only a text layer tells type sizes apart)
    # (a carrier's code printed beside its name, "SCAC ONFL", ends the name; the code's label and the code after
    # it are no run of their own)
    runs: list[list[Any]] = []
    for line in top:
        index = layout.lines.index(line)
        code_labels = {h.start for h in find_labels(layout, _CODE_LABELS, line_range=(index, index + 1))}
        after_label = False
        for k, w in enumerate(line.words):
            near = bool(k) and w.x0 - line.words[k - 1].x1 < 2.5 * (w.bottom - w.top)
            if k in code_labels or (after_label and near):
                after_label = True
                continue
            after_label = False
            if near and runs and runs[-1][-1] is line.words[k - 1] and (layout.ocr or _same_type(w, line.words[k - 1])):
                runs[-1].append(w)
            else:
                runs.append([w])
    # a run that opens with a mark ("/ Export") is the rest of a label, not a name; a page number is none either
    # (a barcode or a logo OCR read as letters, "AA Ill AI) Il", is read with little confidence: no name)
    runs = [
        run
        for run in runs
        if not _title_or_label(" ".join(w.text for w in run))
        and run[0].text[:1].isalnum()
        and len(re.findall(r"[A-Za-z]", "".join(w.text for w in run))) >= 2
        and (not layout.ocr or sum(float(w.confidence) for w in run) / len(run) >= GRAPHIC_DOUBT)
        and not _BARS.fullmatch("".join(w.text for w in run))
    ]
    if not runs:
        return None
    # (a dash's or a bracket's box, as OCR draws it, is no measure of the type)
    # (OCR boxes a word by its glyphs: an accent, a descender or a speck makes it taller than its type; the
    # middle height of the capitals and figures without accents measures the type where a run has them)
    run = max(runs, key=_ocr_type_height if layout.ocr else _type_height)
    tallest = _type_height(run)
    heights = sorted(w.bottom - w.top for line in layout.lines for w in line.words)
    if not layout.ocr and tallest < TITLE_TYPE * heights[len(heights) // 2]:
        return None  # no larger type than the page's text: nothing tells the carrier's name
    # (an ampersand between two words of the name is the name's: "SHIPPING & CONSOLIDATION")
    words = [
        w
        for k, w in enumerate(run)
        if w.bottom - w.top > 0.8 * tallest and (norm(w.text) or (w.text == "&" and 0 < k < len(run) - 1))
    ]
    text = " ".join(w.text for w in words)
    if not norm(text):
        return None
    box = [
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
    ]
    return text, [round(v, 2) for v in box]
