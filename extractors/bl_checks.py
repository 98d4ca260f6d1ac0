"""A B/L's references (containers, seals, invoices, purchase orders) and the checks that send a B/L to review:
container check digits, containers printed without a cargo line, values out of shape, lines against totals."""

from __future__ import annotations

import re
from typing import Any

from extractors import checks
from extractors.bl_blocks import words_to_int
from extractors.bl_labels import LABELS, OCEAN_COLUMNS
from extractors.entities import recognisers
from extractors.layout import PageLayout, column_below, find_labels, norm, ocr_digits
from extractors.result import ResultBuilder

# (a Canadian form's French wordings too: "Invoice / Facture:", "P.O. / Bon de commande:")
# a label in the plural ("FACTURA(S):", "PEDIDOS:") or naming the reference ("Invoice Reference:") before its value
_PLURAL = r"(?:\(E?S\)|E?S(?![A-Z]))?"
_REF_WORD = r"(?:\s+REF(?:ERENCE)?\.?(?![A-Z]))?"
# a bilingual form's label with its translation after a slash, then the colon ("Invoice / Facture:",
# "P.O. / Bon de commande:")
_TRANSLATED = r"(?:\s*/\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s*(?=[:#]))?"
_INVOICE_RE = re.compile(
    rf"\b(?:INVOICE|INV\.?|FACTURA|FACTURE){_PLURAL}{_REF_WORD}{_TRANSLATED}\s*(?:NO\.?|NUMBER|#|NUM\.?)?\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/]{{2,24}})",
    re.IGNORECASE,
)
# (the Spanish abbreviation of the purchase order with its periods too, "O.C.: 4512236354", its O as a scan may
# read it)
_PO_RE = re.compile(
    rf"\b(?:P\.?O\.?|PURCHASE\s+ORDER|ORDEN\s+DE\s+COMPRA|[O0]\.\s?C\.|PEDIDO|BON\s+DE\s+COMMANDE){_PLURAL}{_REF_WORD}{_TRANSLATED}\s*(?:NO\.?|NUMBER|#)?\s*[:#]?\s*"
    r"([A-Z0-9][A-Z0-9\-]{3,24})",
    re.IGNORECASE,
)
# an order's code in a list spaced without commas: letters and figures, at least four figures
_SPACED_CODE = re.compile(r"(?=(?:[^\d]*\d){4})[A-Z0-9][A-Z0-9\-]{3,24}", re.IGNORECASE)
_LISTED = re.compile(r"\s*[,;]\s*([A-Z0-9][A-Z0-9\-]{3,24}\d)(?![A-Za-z0-9])")
ORDER_LABELS = {
    "po": [
        "CUSTOMER ORDER NUMBER",
        "PURCHASE ORDER",
        "P.O. NUMBER",
        "PO NUMBER",
        "ORDER NUMBER",
        "SHIPPER'S REF. (PO)",
        "SHIPPER'S REFERENCE (PO)",
        "CUSTOMER PO",
    ]
}
# a word that opens another reference in the same cell ("4591882681  INV E7022-76"): the orders end before it
_OTHER_REFERENCE = frozenset({"INV", "INV.", "INVOICE", "FACTURA", "BOOKING", "B/L"})
SEAL_LABELS = {"seal": ["SEAL NUMBER(S)", "SEAL NUMBERS", "SEAL NOS.", "SEAL NO.", "SEALS", "SELLOS"]}
# a caption over its value in a grid of references (``Invoice`` over ``B8515-35``); with a colon or a number
# beside it, the pattern above reads it
INVOICE_CAPTIONS = {"invoice": ["INVOICE", "INVOICE NO.", "INVOICE NUMBER", "COMMERCIAL INVOICE NO."]}


def references(pages: list[PageLayout], text: str, result: ResultBuilder) -> None:
    for cargo in result.lines:
        if "container_number" in cargo:
            result.add_reference("container", cargo["container_number"]["value"])
        if "seal_number" in cargo:
            result.add_reference("seal", cargo["seal_number"]["value"])
    upper = ocr_digits(text).upper()
    # a carrier's B/L number is its SCAC and a serial, a container's shape: its check digit may pass by chance
    number = str(result.fields.get("bl_number", {}).get("value") or "")
    for hit in recognisers.containers(upper):
        if hit.value != number and not (number and checks.same_bill_series(hit.value, number)):
            result.add_reference("container", hit.value)
    for match in _INVOICE_RE.finditer(text):
        value = match.group(1).upper()
        if any(ch.isdigit() for ch in value):
            result.add_reference("invoice", value)
        end = match.end()
        while (more := _LISTED.match(text, end)) is not None:
            result.add_reference("invoice", more.group(1).upper())
            end = more.end()
    for match in _PO_RE.finditer(text):
        value = match.group(1).upper()
        if any(ch.isdigit() for ch in value):
            result.add_reference("po", value)
        # a list after one label: "Orden de compra: 4536140519, OC-40585868"
        end = match.end()
        while (more := _LISTED.match(text, end)) is not None:
            result.add_reference("po", more.group(1).upper())
            end = more.end()
        # a list spaced without commas that runs to the line's end: every word a code with figures
        rest = text[end:].split("\n", 1)[0].split()
        if rest and all(_SPACED_CODE.fullmatch(word) for word in rest):
            for word in rest:
                result.add_reference("po", word.upper())
    for lay in pages:
        for order in find_labels(lay, ORDER_LABELS):
            # the cell ends where the next caption of its row begins, across a gutter: words running on from the
            # caption ("Customer PO / Reference") are the caption's own
            row = lay.lines[order.line]
            beside, last = [], order.x1
            for word in row.words[order.end + 1 :]:
                if word.x0 - last > 1.5 * row.height:
                    beside.append(word.x0)
                    break
                last = word.x1
            edge = min([order.x0 + 0.3 * lay.width, *beside[:1]])
            for words in column_below(lay, order, edge, first_only=False):
                # a list in the cell ("4560216534, 4538198629"): each order with a figure in it
                for token in " ".join(w.text for w in words).replace(",", " ").replace(";", " ").split():
                    if token.upper().rstrip(":#") in _OTHER_REFERENCE:
                        break
                    if any(ch.isdigit() for ch in token) and len(token) >= 4:
                        result.add_reference("po", token.upper())
        for caption in find_labels(lay, INVOICE_CAPTIONS):
            _caption_over_value(lay, caption, result)
        for seal in find_labels(lay, SEAL_LABELS):
            row = lay.lines[seal.line]
            headers = find_labels(lay, OCEAN_COLUMNS, line_range=(seal.line, seal.line + 1))
            if any(h.key != "seal_number" for h in headers):
                continue  # the column header of the cargo table, read above
            tail = [w for w in row.words[seal.end + 1 :] if w.x0 - seal.x1 < 0.3 * lay.width]
            if not any(ch.isdigit() for w in tail for ch in w.text):  # nothing beside it but its translation
                tail = _in_box_below(lay, seal)
                if not any(ch.isdigit() for w in tail for ch in w.text):
                    tail = _after_trailer(lay, seal)
            for token in " ".join(w.text for w in tail).replace(",", " ").replace(";", " ").split():
                if any(ch.isdigit() for ch in token) and len(token) >= 4:
                    result.add_reference("seal", token.upper())


def _caption_over_value(lay: PageLayout, caption: Any, result: ResultBuilder) -> None:
    """An invoice caption alone in its cell of a row of captions, its value on the line under it: the caption
    is followed on its line by another caption across a gutter (nothing of its own beside it), and the value
    under it starts under the caption and holds a figure."""
    row = lay.lines[caption.line]
    after = row.words[caption.end + 1 :]
    if row.text.rstrip().endswith(":") or any(ch.isdigit() for w in after[:1] for ch in w.text):
        return
    if after and after[0].x0 - caption.x1 < 3 * row.height:
        return  # words run on after the caption: a sentence or a title, no cell
    if caption.line + 1 >= len(lay.lines):
        return
    below = lay.lines[caption.line + 1]
    cell = [w for w in below.words if caption.x0 - 2 <= w.x0 < caption.x0 + 0.5 * (caption.x1 - caption.x0) + 2]
    value = cell[0].text.upper() if len(cell) == 1 else ""
    if re.fullmatch(r"[A-Z0-9][A-Z0-9\-/]{2,24}", value) and any(ch.isdigit() for ch in value):
        result.add_reference("invoice", value)


_TRAILER_WORDS = frozenset({"TRAILER", "REMORQUE", "REMOLQUE", "CAJA", "UNIT", "UNIDAD", "EQUIPMENT"})


def _after_trailer(lay: PageLayout, hit: Any) -> list[Any]:
    """A caption naming the trailer and then its seals ("Trailer / Remorque - Seals / Scellés") over one line of
    values: the trailer's number first, then the seals, in the caption's order."""
    row = lay.lines[hit.line]
    before = {re.sub(r"[^A-Z]", "", w.text.upper()) for w in row.words[: hit.start]}
    if not before & _TRAILER_WORDS or hit.line + 1 >= len(lay.lines):
        return []
    below = lay.lines[hit.line + 1].words
    if not below or abs(below[0].x0 - row.words[0].x0) > 0.05 * lay.width:
        return []
    return list(below[1:])


def _in_box_below(lay: PageLayout, hit: Any) -> list[Any]:
    """The words under a label in a row of boxes ("TRAILER NO.  SEAL NO." over their values): on the next line,
    from the label's left edge to the next label's on its row (the page's edge for the last box)."""
    row = lay.lines[hit.line]
    edge = min((w.x0 for w in row.words[hit.end + 1 :]), default=lay.width)
    below = column_below(lay, hit, edge, first_only=False)
    return below[0] if below else []


WEIGHT_TOLERANCE = 0.5  # kg
# what each text value may hold; a character outside (a speck OCR read as "£", "|", a period inside a vessel's
# name) means the value was misread
VALUE_SHAPES = {
    "vessel": re.compile(r"[A-Z0-9ÁÉÍÓÚÜÑ' \-]+", re.IGNORECASE),
    "shipper_name": re.compile(r"[\w&.,'()/ \-]+"),
    "consignee_name": re.compile(r"[\w&.,'()/ \-]+"),
    "notify_party_name": re.compile(r"[\w&.,'()/ \-]+"),
    "port_of_loading": re.compile(r"[\w.,'()/ \-]+"),
    "port_of_discharge": re.compile(r"[\w.,'()/ \-]+"),
}


# the words of the form's title, stamps and captions: a carrier's code read as one of them ("BILL" of the title
# under "SCAC CODE:") is a caption's word, not the code (a listed carrier's code stays a code)
FORM_WORDS = frozenset(
    word
    for wording in [
        *(label for labels in [*LABELS.values(), *OCEAN_COLUMNS.values()] for label in labels),
        "BILL OF LADING SEA WAYBILL AIR WAYBILL CONOCIMIENTO DE EMBARQUE CARTA PORTE",
        "COPY COPIA ORIGINAL NON NEGOTIABLE NOT DRAFT PAGE TELEX RELEASED SURRENDERED EXPRESS RELEASE",
    ]
    for word in re.findall(r"[A-Z]+", wording.upper())
    if len(word) >= 2
) - frozenset(recognisers.CARRIER_SCACS)

CARRIER_LETTERS = 3
CORROBORATED = 0.9
# values no form prints in small letters only (a caption is: "party name", "place of delivery")
CAPTIONED = (
    "carrier_name",
    "shipper_name",
    "consignee_name",
    "notify_party_name",
    "vessel",
    "port_of_loading",
    "port_of_discharge",
    "place_of_delivery",
)


# ideographs only: a Chinese (Japanese, Korean) caption of a bilingual box, no port, place, vessel or carrier as a
# Mexican clerk reads them
_IDEOGRAPHS_ONLY = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef\s/]+")
LATIN_READ = ("carrier_name", "vessel", "port_of_loading", "port_of_discharge", "place_of_delivery")
# a count in words with its figure ("THREE (3)": the originals issued), no name
_COUNT_IN_WORDS = re.compile(r"([A-Z][A-Z\s\-]*?)\s*\(\s*\d{1,3}\s*\)", re.IGNORECASE)


# the words that caption a reference (an invoice, an order) printed among a box's lines
_REFERENCE_WORD = re.compile(r"(?:P\.?O\.?|OC|INV|INVOICE|FACTURA|REF|PEDIDO|ORDER|BOOKING)[:#.]?", re.IGNORECASE)


def references_only(text: str) -> bool:
    """Whether a text is references alone, each caption followed by its codes ("INV C3772-71 PO PO-56572050
    PO-64461561"): every word a caption or a code with digits, and a caption first."""
    words = text.replace(",", " ").split()
    if len(words) < 2 or not _REFERENCE_WORD.fullmatch(words[0]):
        return False
    return all(_REFERENCE_WORD.fullmatch(w) or re.search(r"\d", w) for w in words)


def _not_a_name(result: ResultBuilder) -> list[tuple[str, str]]:
    """Values of the wrong kind under a caption: ideographs only where a Latin name is printed, a count in words
    where a name is."""
    out: list[tuple[str, str]] = []
    for name in LATIN_READ:
        value = result.fields.get(name, {}).get("value")
        if isinstance(value, str) and value.strip() and _IDEOGRAPHS_ONLY.fullmatch(value):
            out.append((name, value))
    for name in ("carrier_name", "shipper_name", "consignee_name", "notify_party_name"):
        value = result.fields.get(name, {}).get("value")
        match = _COUNT_IN_WORDS.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is not None and words_to_int(match.group(1)) is not None:
            out.append((name, str(value)))
        elif isinstance(value, str) and references_only(value):
            out.append((name, value))  # an invoice and its orders, printed in the party's box
    return out


def caption_rest(value: str) -> bool:
    """The rest of a caption OCR misread in part ("... (Addr. of First Cartier) and Requested Routing"), taken for
    the value beside it: a small-letter word first, as no name, port or place opens, and every word one of the
    form's captions."""
    words = re.findall(r"[^\W\d_]+", value)
    return bool(words) and words[0][0].islower() and all(norm(word) in FORM_WORDS for word in words)


def _carrier_misread(result: ResultBuilder) -> list[tuple[str, str]]:
    """The carrier's code read as a word of the form, and its name with fewer than three letters (UPS, DHL, ONE
    have three; fewer are a scan's specks or a box's number)."""
    out = []
    scac = result.fields.get("carrier_scac", {}).get("value")
    if scac and norm(str(scac)) in FORM_WORDS:
        out.append(("carrier_scac", str(scac)))
    carrier = result.fields.get("carrier_name", {}).get("value")
    if isinstance(carrier, str) and len(re.findall(r"[^\W\d_]", carrier)) < CARRIER_LETTERS:
        out.append(("carrier_name", carrier))
    return out


def _totals_row_kept(lines: list[dict[str, Any]]) -> tuple[int, str] | None:
    """A last cargo line whose pieces and weight are the sums of the two or more lines before it: a totals row
    read as one more line (the packages the lines then hold, and the row's count)."""
    if len(lines) < 3:
        return None
    counts = [ln.get("package_count", {}).get("value") for ln in lines]
    weights = [ln.get("gross_weight_kg", {}).get("value") for ln in lines]
    if not all(isinstance(v, (int, float)) for v in [*counts, *weights]):
        return None
    if counts[-1] == sum(counts[:-1]) and abs(float(weights[-1]) - sum(weights[:-1])) <= 0.05:
        return int(sum(counts)), str(counts[-1])
    return None


def bl_checks(result: ResultBuilder) -> None:
    for line in result.lines:
        cell = line.get("container_number")
        if cell and checks.container_is_valid(str(cell["value"])):
            # eleven characters vouched for by the check digit
            cell["confidence"] = max(float(cell["confidence"]), CORROBORATED)
    for name, shape in VALUE_SHAPES.items():
        value = result.fields.get(name, {}).get("value")
        if value and not shape.fullmatch(str(value)):
            result.warn("value_shape", f"The {name.replace('_', ' ')} {value!r} is not shaped as it should be.", name)
    for name, value in [*_carrier_misread(result), *_not_a_name(result)]:
        result.warn("value_shape", f"The {name.replace('_', ' ')} {value!r} is not shaped as it should be.", name)
    for name in CAPTIONED:
        value = result.fields.get(name, {}).get("value")
        if isinstance(value, str) and caption_rest(value):
            result.warn("value_shape", f"The {name.replace('_', ' ')} {value!r} is a caption's words.", name)
        elif isinstance(value, str) and re.search(r"[a-z]", value) and not re.search(r"[A-Z]", value):
            result.warn(
                "value_shape",
                f"The {name.replace('_', ' ')} {value!r} is in small letters only, as a caption is; read it from "
                "the document.",
                name,
            )
    for line in result.lines:
        container = line.get("container_number", {}).get("value")
        if container and not checks.container_is_valid(container):
            result.warn(
                "check_digit",
                f"Container {container} fails its ISO 6346 check digit; it may be misprinted or misread.",
                "container_number",
            )
    lines = result.lines
    read = {str(line.get("container_number", {}).get("value")) for line in lines}
    printed = {ref["value"] for ref in result.references if ref["kind"] == "container"}
    unread = sorted(c for c in printed - read if checks.container_is_valid(c))
    if unread and (lines or result.fields.get("bl_kind", {}).get("value") == "ocean"):
        container = unread[0]
        result.warn(
            "low_layout_agreement",
            f"Container {container} is printed on the B/L but no cargo line was read for it; check the lines.",
            "container_number",
        )
    kept = _totals_row_kept(lines)
    if kept is not None:
        counted, text = kept
        result.warn(
            "totals_mismatch",
            f"The cargo lines hold {counted} packages but their totals row reads {text}.",
            "package_count",
        )
    packages = result.fields.get("package_count", {}).get("value")
    if packages is not None and lines and all("package_count" in ln for ln in lines):
        counted = sum(int(ln["package_count"]["value"]) for ln in lines)
        if counted != packages:
            result.warn(
                "totals_mismatch",
                f"The cargo lines hold {counted} packages but the bill of lading says {packages} in total.",
                "package_count",
            )
    weight = result.fields.get("gross_weight_kg", {}).get("value")
    if weight is not None and lines and all("gross_weight_kg" in ln for ln in lines):
        summed = sum(float(ln["gross_weight_kg"]["value"]) for ln in lines)
        if abs(summed - float(weight)) > WEIGHT_TOLERANCE * len(lines):
            result.warn(
                "totals_mismatch",
                f"The cargo lines weigh {summed:,.1f} kg but the bill of lading says {float(weight):,.1f} kg.",
                "gross_weight_kg",
            )
