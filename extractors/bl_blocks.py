"""B/L cargo read by the shape of its values around each container, whatever the columns say.

Carriers print a container's particulars in many ways: a table row, one block of lines per container, one line
``MSKU1234565 / ML-1234567 / 40HC / 14 PALLETS / 1,234.500 KGS``, the container column holding the container,
its type, ``Seal Number: …`` and a tare weight under it. What does not vary is the values' shapes: a seal after a
SEAL label or right after (or under) its container, packages as a count before a kind of package, the weight as a
figure before KGS (or LBS). ``container_blocks`` reads every container's block of lines that way; the table
reader's cells are checked against it (``merge_block``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from extractors import checks
from extractors.bl_labels import OCEAN_COLUMNS
from extractors.bl_units import LB_KG
from extractors.entities import recognisers
from extractors.layout import PageLayout, find_labels, norm, ocr_digits
from extractors.result import make_field

# "PALLET(S)" before "PALLETS?", so that the longer spelling is taken whole
PACKAGE_WORDS = (
    r"PALLET\(S\)|CARTON\(S\)|PACKAGE\(S\)|BOX\(ES\)|CASE\(S\)|PALLETS?|PLTS?|CTNS?|CARTONS?|PKGS?|PACKAGES?|"
    r"CASES?|BULTOS|BOXES|ROLLS|DRUMS|SKIDS|CRATES?|BAGS|BUNDLES|PIECES|PCS|REELS|COILS|TARIMAS|CAJAS|ATADOS|"
    r"PAQUETES|ESTIBAS|CARTONES|ROLLOS|SACOS|SACKS|BALES|TAMBORES|BOLSAS|FARDOS"
)
# a count before its kind of package ("14 PALLETS"), not a figure before a label ("1234567 Pkgs: 14")
_PACKAGES_RE = re.compile(
    rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?=\s))?\s?(?:{PACKAGE_WORDS})(?![A-Z:])", re.IGNORECASE
)
_WEIGHT_RE = re.compile(r"(?<![\d.,])(\d[\d,.]*\d|\d)\s*(KGS?|KILOS?|KILOGRAMS?|KGM|LBS?)(?![A-Z])", re.IGNORECASE)
# a weight that is not the cargo's: the container's own (tare), the net weight, the container's maximum
_OTHER_WEIGHT = re.compile(r"\b(?:TARE|NET|NETO|MAX|PAYLOAD|TARA)\b[^0-9]{0,16}$", re.IGNORECASE)
# a seal after its label, or after the words prose puts before it ("sealed with ML-123456", "under seal 1234567")
_SEAL_LABEL = re.compile(
    r"(?:\bSEALED\s+(?:WITH|BY|UNDER)(?:\s+SEALS?)?|\bUNDER\s+SEALS?|"
    r"\b(?:SEALS?|SELLOS?|MARCHAMOS?|PRECINTOS?)\s*(?:NO\.?|NOS\.?|NUMBERS?|NUM\.?|#)?)\s*[:#.]?\s*"
    r"([A-Z0-9][A-Z0-9\-]{2,24})",
    re.IGNORECASE,
)
# ISO 6346 size-type codes and the words for them: a container's type, never its seal
CONTAINER_TYPE = re.compile(
    r"^(?:\d{2}[A-Z]\d|[A-Z]\d[A-Z]\d|\d{2}'?(?:HC|HQ|GP|DV|DC|RF|RH|OT|FR|ST|SD|HR|NOR|TK|DRY|REEFER)?|"
    r"\d'\d\"?|DRY|HIGH|CUBE|REEFER|HC|GP|DV|FT|FEET)$",
    re.IGNORECASE,
)
_BLOCK_END = (
    "TOTAL",
    "FREIGHT",
    "SHIPPER'S LOAD",
    "SHIPPERS LOAD",
    "ABOVE PARTICULARS",
    "GOODS DESCRIPTION",
    "DESCRIPTION OF GOODS:",
    "DESCRIPTION:",
    "DESCRIPCION:",
    "DESCRIPCION DE LA MERCANCIA:",
    # the title of a container list printed under the goods, inside the particulars
    "CONTAINER LIST",
    "LIST OF CONTAINERS",
    "RELACION DE CONTENEDORES",
)
MAX_BLOCK_LINES = 6


def container_text(text: str) -> bool:
    return read_container(text) is not None


# what OCR reads for the letters of an owner code, and for the digits of a serial
_AS_LETTER = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G", "4": "A", "7": "T"})
_OWNER_LETTERS = {"0": "OQD", "1": "IL", "5": "S", "8": "B", "2": "Z", "6": "G", "4": "A", "7": "T"}
_AS_DIGIT = str.maketrans(
    {
        "O": "0",
        "D": "0",
        "Q": "0",
        "U": "0",
        "I": "1",
        "L": "1",
        "|": "1",
        "S": "5",
        "B": "8",
        "Z": "2",
        "G": "6",
        "T": "7",
        "A": "4",
    }
)
_CATEGORY = str.maketrans({"V": "U", "0": "U", "1": "J"})
_LOOSE = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{3})([A-Z0-9])[\-]?([A-Z0-9|]{6})[\-]?([A-Z0-9|])(?![A-Z0-9])")


def read_container(text: str) -> str | None:
    """The ISO 6346 container number in a text: as printed, or repaired from OCR's letter/digit confusions
    (``TCLU5116O75``, ``TCLUS116075``, ``TCLU 511607 5``) when the repaired number passes its check digit (a
    misread that does not is left alone)."""
    upper = text.upper()
    strict = recognisers.CONTAINER_RE.search(ocr_digits(upper).replace(" ", ""))
    if strict:
        return strict.group(1) + strict.group(2) + strict.group(3)
    # a container glued to its seal by a slash, too; a speck OCR read as a colon or a period after the owner's
    # code ("MAEU: 364550-4") is no part of it
    tokens = [t[:4] if re.fullmatch(r"[A-Z]{4}[.,;:]", t) else t for t in re.split(r"[\s/]+", upper) if t]
    for i in range(len(tokens)):
        for j in range(i + 1, min(len(tokens), i + 3) + 1):
            value = _repaired("".join(tokens[i:j]).strip(".,;:/()"))
            if value:
                return value
    return None


def _repaired(token: str) -> str | None:
    """The one reading of an 11-character token as a container number that passes the check digit, trying
    every letter a digit in the owner code may stand for; None when none does, or more than one."""
    if not 11 <= len(token) <= 13:
        return None
    for match in _LOOSE.finditer(token):
        category = match.group(2).translate(_AS_LETTER).translate(_CATEGORY)
        serial = (match.group(3) + match.group(4)).translate(_AS_DIGIT)
        first = match.group(1).translate(_AS_LETTER)
        if checks.container_is_valid(first + category + serial):
            return first + category + serial  # the likeliest letters: O for 0, I for 1
        owners = [""]
        for ch in match.group(1):
            owners = [o + c for o in owners for c in _OWNER_LETTERS.get(ch, ch)]
        valid = {
            owner + category + serial
            for owner in owners
            if re.fullmatch(r"[A-Z]{3}[UJZR]\d{7}", owner + category + serial)
            and checks.container_is_valid(owner + category + serial)
        }
        if len(valid) == 1:
            return valid.pop()
    return None
    for match in _LOOSE.finditer(token):
        owner = match.group(1).translate(_AS_LETTER)
        category = match.group(2).translate(_AS_LETTER).translate(_CATEGORY)
        serial = (match.group(3) + match.group(4)).translate(_AS_DIGIT)
        value = owner + category + serial
        if re.fullmatch(r"[A-Z]{3}[UJZR]\d{7}", value) and checks.container_is_valid(value):
            return value
    return None


def one_extra(token: str) -> str | None:
    """A container OCR read with one character too many ("CSQUS5919819"), where a caption says the value is a
    container: the one reading without one of its characters that is a container and passes the check digit."""
    token = token.strip().upper()
    if len(token) != 12:
        return None
    valid = {
        shorter
        for k in range(len(token))
        if re.fullmatch(r"[A-Z]{3}[UJZR]\d{7}", shorter := token[:k] + token[k + 1 :])
        and checks.container_is_valid(shorter)
    }
    return valid.pop() if len(valid) == 1 else None


def seal_shaped(token: str) -> bool:
    """A seal: 4–20 capitals and digits (hyphens between) with at least four digits, not a container type, a
    container number, a figure with decimals or a date."""
    token = token.strip(" /,;:()").upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9\-]{3,19}", token) or sum(ch.isdigit() for ch in token) < 4:
        return False
    if CONTAINER_TYPE.match(token) or container_text(token):
        return False
    return not re.fullmatch(r"(?:19|20)\d{2}", token)


def container_blocks(
    pages: list[PageLayout], columns: Mapping[str, Sequence[str]] | None = None
) -> list[dict[str, dict]]:
    """Every container on the pages with what its block of lines says: the container's line and the lines
    under it, up to the next container, a totals or freight line, a wide gap or a few lines. A container
    printed again in its block (in the marks column and in the particulars: ``CONTAINER/SEAL: MSKU1234565/
    ML-123456``) is the same block, and the few lines allowed run on from its last mention. ``columns`` (the
    cargo heading's wordings) give the description's column, where the heading names one (on a page without a
    heading, the last page's)."""
    blocks: list[dict[str, dict]] = []
    zone: tuple[float, float, float] | None = None
    for lay in pages:
        lines = lay.lines
        # a continuation page (a rider) without a heading of its own keeps the columns of the last one
        zone = (_description_zone(lay, columns) or zone) if columns else None
        gap = _paragraph_pitch(lines)
        headings = {li for page, li in header_lines([lay], columns)} if columns else set()
        li = 0
        free = 0  # the first line no block has taken
        while li < len(lines):
            row = lines[li]
            head = _container_head(row.words)
            if head is None:
                li += 1
                continue
            value = read_container(" ".join(w.text for w in head))
            block_lines = list(range(_block_start(lines, free, li, value, gap, headings), li + 1))
            reach = li + 1 + MAX_BLOCK_LINES
            lj = li + 1
            while lj < min(len(lines), reach):
                nxt = lines[lj]
                again = _container_head(nxt.words)
                if again is not None and read_container(" ".join(w.text for w in again)) != value:
                    break
                if again is None and _OPENER.search(nxt.text):
                    break  # the next container's paragraph opens
                if nxt.top - lines[lj - 1].top > gap and not _sole_container(lines, _paragraph(lines, lj, gap), value):
                    break  # the next paragraph is another container's
                if any(norm(nxt.text).startswith(norm(stop)) for stop in _BLOCK_END):
                    break
                if nxt.top - lines[block_lines[-1]].bottom > 2.2 * max(nxt.height, 1.0):
                    break
                block_lines.append(lj)
                if again is not None:
                    reach = lj + 1 + MAX_BLOCK_LINES
                lj += 1
            blocks.append(_read_block(lay, block_lines, li, head, zone))
            li = free = block_lines[-1] + 1
    return blocks


# the words a liner's paragraph for one container opens with ("1 X 40'HC CONTAINER SAID TO CONTAIN", "ONE (1)
# 20' DRY CONTAINER")
_SIZE_TYPE = r"(?:\d{2}\s?'?\s?(?:HC|HQ|GP|DV|DC|RF|RH|OT|FR|ST|SD|HR|NOR|TK|FT\.?)?|HIGH\s+CUBE|DRY|REEFER|FEET|FT\.?)"
_OPENER = re.compile(
    rf"(?<![\w.,])(?:1|ONE)(?:\s*\(1\))?\s*(?:X\s*)?(?:{_SIZE_TYPE}\s*){{0,3}}(?:CONTAINER|CNTR|CONTENEDOR)(?![A-Z])",
    re.IGNORECASE,
)


def _paragraph_pitch(lines: list[Any]) -> float:
    """The distance from one line's top to the next's above which the two are in different paragraphs: half
    again the page's usual line pitch."""
    pitches = sorted(b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top)
    return 1.5 * pitches[len(pitches) // 2] if pitches else float("inf")


def _paragraph(lines: list[Any], li: int, gap: float) -> tuple[int, int]:
    """The first and last line of the paragraph around line ``li``: the run of lines no wider pitch, totals or
    freight line parts (a few lines each way at most)."""

    def stop(k: int) -> bool:
        return any(norm(lines[k].text).startswith(norm(end)) for end in _BLOCK_END)

    first = li
    while (
        first > max(0, li - MAX_BLOCK_LINES) and lines[first].top - lines[first - 1].top <= gap and not stop(first - 1)
    ):
        first -= 1
    last = li
    while (
        last + 1 < min(len(lines), li + 1 + MAX_BLOCK_LINES)
        and lines[last + 1].top - lines[last].top <= gap
        and not stop(last + 1)
    ):
        last += 1
    return first, last


def _sole_container(lines: list[Any], span: tuple[int, int], value: str | None) -> bool:
    """Whether every container printed in the lines of ``span`` is ``value`` (or none is)."""
    for k in range(span[0], span[1] + 1):
        head = _container_head(lines[k].words)
        if head is not None and read_container(" ".join(w.text for w in head)) != value:
            return False
    return True


def _block_start(lines: list[Any], free: int, li: int, value: str | None, gap: float, headings: set[int]) -> int:
    """The first line of a container's block: its opening words a few lines up (``_opener_above``), or the
    first line of its paragraph when the container closes or sits inside a paragraph of its own (the goods,
    packages and weight printed above it, a wider pitch setting it apart from the last container's); else the
    container's own line."""
    opener = _opener_above(lines, free, li)
    if opener < li:
        return opener
    span = _paragraph(lines, li, gap)
    if not free <= span[0] < li or headings & set(range(span[0], li)):
        return li
    # the paragraph begins after a wider pitch (not under a heading it runs into), holds no other container,
    # and the container's particulars are above it: its own line and those under it state none
    apart = span[0] > 0 and lines[span[0]].top - lines[span[0] - 1].top > gap
    rest = "  ".join(lines[k].text for k in range(li, span[1] + 1))
    if apart and _sole_container(lines, span, value) and not _PACKAGES_RE.search(rest) and not cargo_weight(rest):
        return span[0]
    return li


def _opener_above(lines: list[Any], free: int, li: int) -> int:
    """Where a container's paragraph starts when the container is printed inside it, under its opening words
    (``1 X 40'HC CONTAINER SAID TO CONTAIN`` / ``14 PALLETS`` / the goods / ``CONTAINER/SEAL: …``): the opening
    line a few lines up, in the same run of lines and after the last block; else the container's own line."""
    for lk in range(li - 1, max(free, li - MAX_BLOCK_LINES) - 1, -1):
        line = lines[lk]
        if lines[lk + 1].top - line.bottom > 2.2 * max(lines[lk + 1].height, 1.0):
            break
        if any(norm(line.text).startswith(norm(stop)) for stop in _BLOCK_END) or _container_head(line.words):
            break
        if _OPENER.search(line.text):
            return lk
    return li


def _description_zone(lay: PageLayout, columns: Mapping[str, Sequence[str]]) -> tuple[float, float, float] | None:
    """Under a cargo heading whose containers have a column of their own left of the description's: the x
    range of the description column (from halfway between the column to its left and the description's label,
    to the next label on the right), and the right edge of the containers' column."""
    for li in range(len(lay.lines)):
        hits = find_labels(lay, columns, line_range=(li, li + 1))
        if len({hit.key for hit in hits}) < 3:
            continue
        ordered = sorted(hits, key=lambda h: h.x0)
        keys = [hit.key for hit in ordered]
        if "description" not in keys or "container_number" not in keys:
            return None
        k, c = keys.index("description"), keys.index("container_number")
        if c + 1 >= k:
            return None
        # labels run together into one heading ("Number and Kind of Packages; Description of Goods") head one
        # column: it starts at the first of them
        j = k
        while j - 1 > c and ordered[j].x0 - ordered[j - 1].x1 < lay.lines[li].height:
            j -= 1
        left = (ordered[j - 1].x1 + ordered[j].x0) / 2
        right = ordered[k + 1].x0 if k + 1 < len(ordered) else lay.width
        return left, right, ordered[c + 1].x0
    return None


def _container_head(words: list[Any]) -> list[Any] | None:
    """The words of the first container on a line (OCR may split one in two or three words)."""
    for i, word in enumerate(words):
        for j in range(i + 1, min(len(words), i + 3) + 1):
            if container_text(" ".join(w.text for w in words[i:j])):
                return words[i:j]
            if not re.search(r"[A-Z0-9]", word.text.upper()):
                break
    return None


def _read_block(
    lay: PageLayout,
    block_lines: list[int],
    head_line: int,
    head_words: list[Any],
    zone: tuple[float, float, float] | None = None,
) -> dict[str, dict]:
    """The particulars of a container's block: ``block_lines`` from its paragraph's first line (the
    container's own, ``head_line``, or an opening line above it) down."""
    page = lay.number
    head = head_words[0]
    raw = " ".join(w.text for w in head_words)
    value = read_container(raw) or re.sub(r"[\s\-]", "", ocr_digits(raw).upper())
    found: dict[str, dict] = {"container_number": make_field(value, 0.85, page=page, raw=raw)}
    first = lay.lines[head_line]
    after = [w for w in first.words if w.x0 > head.x0 and w not in head_words]
    above = [li for li in block_lines if li < head_line]
    under = [li for li in block_lines if li > head_line]
    # what follows the container inside its word ("MSKU1234565/ML-1234567": the seal joined by a slash)
    glued = _glued_after(raw, value)
    texts = [lay.lines[li].text for li in above] + [" ".join([glued, *(w.text for w in after)]).strip()]
    texts += [lay.lines[li].text for li in under]
    seal = None
    for text in texts:
        match = _SEAL_LABEL.search(text)
        if match and _seal_of(match.group(1), value):
            seal = _seal_of(match.group(1), value)
            break
    if seal is None:
        # the first seal-shaped token right after the container on its line or where it is printed again
        # ("CONTAINER/SEAL: MSKU1234565/ML-123456"), or under it in its column
        nearby = ([glued] if glued else []) + [w.text for w in after[:3]]
        for li in under:
            again = _container_head(lay.lines[li].words)
            if again is not None:
                rest = lay.lines[li].words[lay.lines[li].words.index(again[-1]) + 1 :]
                nearby += [_glued_after(" ".join(w.text for w in again), value), *(w.text for w in rest[:2])]
        for li in under[:2]:
            nearby += [w.text for w in lay.lines[li].words if abs(w.x0 - head.x0) < 2 * max(1.0, first.height)][:1]
        seal = next((_seal_of(t, value) for t in nearby if _seal_of(t, value)), None)
    if seal:
        found["seal_number"] = make_field(seal, 0.85, page=page, raw=seal)
    joined = "  ".join(texts)
    packages = next((m for m in _PACKAGES_RE.finditer(joined) if not _OTHER_WEIGHT.search(joined[: m.start()])), None)
    if packages:
        count = int(packages.group(1).replace(",", ""))
        found["package_count"] = make_field(count, 0.85, page=page, raw=packages.group(0))
    weight = cargo_weight(joined)
    if weight is not None:
        found["gross_weight_kg"] = make_field(weight[0], 0.85, page=page, raw=weight[1])
    description = _block_description(lay, block_lines, head_line, head, seal, zone)
    if description is not None:
        found["description"] = make_field(description[0], 0.8, page=page, raw=description[1])
    return found


def _seal_of(token: str, container: str) -> str | None:
    """A seal-shaped token as the container's seal: not the container itself misread (opening with its owner
    code), and with a letter prefix OCR read as a digit put back (``5H4598401``: SH…)."""
    token = token.strip(" /,;:*.'`").upper()  # OCR's specks at its ends
    if not seal_shaped(token):
        return None
    if token[:4].translate(_AS_LETTER) == container[:4]:
        return None
    if re.fullmatch(r"[0-9][A-Z]{1,3}-?\d{4,}", token):
        token = token[0].translate(_AS_LETTER) + token[1:]
    return token


def _glued_after(raw: str, container: str) -> str:
    """What follows a container inside its word (``MSKU1234565/ML-1234567``: the seal joined by a slash), also
    where OCR split the container or misread its owner code (found then by its serial and check digit)."""
    upper = re.sub(r"(?<=\d)-(?=\d)", "", raw.upper().replace(" ", ""))  # "MSKU 123456-5/ML-123456"
    for key in (container, container[4:]):
        if len(key) >= 7 and key in upper:
            return upper.split(key, 1)[1].strip(" /,;:-")
    return ""


def _block_description(
    lay: PageLayout,
    block_lines: list[int],
    head_line: int,
    head: Any,
    seal: str | None,
    zone: tuple[float, float, float] | None,
) -> tuple[str, str] | None:
    """The goods in a container's block: the first line that is words once its figures and labels are taken
    out, with the lines that carry it on (left-aligned with it, nothing but words). Where the container stands
    in a column of its own left of the heading's description column (the marks column), only the description
    column's words, on every line of the block; otherwise the block's lines but the container's, starting near
    it (a line far right is a figure's second unit)."""
    in_zone = zone is not None and (head.x0 + head.x1) / 2 < zone[2]
    parts: list[str] = []
    raws: list[str] = []
    left = 0.0
    for li in block_lines if in_zone else [li for li in block_lines if li != head_line]:
        words = lay.lines[li].words
        if in_zone and zone is not None:
            words = [w for w in words if zone[0] <= (w.x0 + w.x1) / 2 < zone[1]]
        if not words:
            if parts:
                break
            continue
        if not in_zone and not parts and words[0].x0 > head.x0 + 0.3 * lay.width:
            continue
        text = " ".join(w.text for w in words)
        cleaned = clean_description(text, seal)
        rest = " ".join(w for w in cleaned.split() if not w.endswith(":"))
        if parts:
            # a wrapped description's next line: aligned with its first, and nothing taken out of it
            height = max(1.0, words[0].bottom - words[0].top)
            if abs(words[0].x0 - left) > height or " ".join(cleaned.split()) != " ".join(text.split()):
                break
            if ":" in text or _container_head(words) is not None or not re.search(r"[A-Za-z]", rest):
                break
            parts.append(rest)
            raws.append(text)
            continue
        if len(re.findall(r"[A-Za-z]", rest)) >= 3:
            parts.append(rest)
            raws.append(text)
            left = words[0].x0
    if not parts:
        return None
    return " ".join(parts), " ".join(raws)


_UNITS = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE"]
_UNITS += ["THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN"]
_TENS = ["TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]
_WORD_VALUES = {word: n for n, word in enumerate(_UNITS)} | {word: 20 + 10 * n for n, word in enumerate(_TENS)}


def words_to_int(text: str) -> int | None:
    """An English count in words (``ONE HUNDRED AND NINETY-FOUR``); None when a word is no number word."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s\-]+", text.upper().strip()):
        if word in ("", "AND"):
            continue
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "HUNDRED":
            current = max(current, 1) * 100
        elif word == "THOUSAND":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# the packages stated in words and figures on a liner's totals line ("SAY: ONE HUNDRED AND NINETY-FOUR (194)
# CARTONS ONLY", "SON: CATORCE (14) TARIMAS"); not the containers' count ("FIVE (5) CONTAINERS ONLY")
_SAY = re.compile(
    rf"\b(?:SAY|SON|TOTAL\s+EN\s+LETRAS?)\s*:?\s*(?:TOTAL\s*:?\s*)?([A-Z][A-Z\s\-]*?)\s*\(\s*([\dOIl,]+)\s*\)\s*(?:{PACKAGE_WORDS})\b[^\n]*",
    re.IGNORECASE,
)


def stated_total(text: str) -> tuple[int, float | None, str] | None:
    """The package count a totals line states in words and figures, with the weight printed on that line (in
    kilograms); the words settle a figure OCR misread."""
    match = _SAY.search(text)
    if match is None:
        return None
    figure = ocr_digits(match.group(2)).replace(",", "")
    # words that read as a number are whole (a misread letter leaves no number word), so they win
    count = words_to_int(match.group(1))
    if count is None and figure.isdigit():
        count = int(figure)
    if count is None:
        return None
    weight = cargo_weight(match.group(0)[match.end(2) - match.start(0) :])
    return count, weight[0] if weight else None, match.group(0)


# a container holds some 30 t at most: a heavier reading of one container's weight misplaced a separator
MAX_CONTAINER_KG = 40000.0
_FIGURE = re.compile(r"(?<![\d.,])(\d[\d.,]*\d|\d)(?![\d])")
_US_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


_COLON_DECIMAL = re.compile(r"(?<=\d):(?=\d{1,3}(?![\d:]))")


def weight_figure(text: str, one_container: bool = False) -> tuple[float, tuple[int, int]] | None:
    """The first figure of a weight. ``1,234.5`` and ``1234.5`` as printed; a figure with separators that are
    not the thousands-comma-and-decimal-point kind (``12.345,600``, ``17.011.600``: a European figure, or one
    whose comma OCR read as a point) takes its last separator as the decimal point, and so does one container's
    weight that would otherwise be heavier than a container holds (``9,111,600``)."""
    # (a decimal point OCR read as a colon: "12755:1 KGM")
    match = _FIGURE.search(_COLON_DECIMAL.sub(".", ocr_digits(text)))
    if match is None:
        return None
    token = match.group(1)
    separators = [i for i, ch in enumerate(token) if ch in ".,"]
    standard = _US_FIGURE.fullmatch(token)
    value = float(token.replace(",", "")) if standard else None
    if separators and (value is None or (one_container and value > MAX_CONTAINER_KG and len(separators) >= 2)):
        last = separators[-1]
        whole = re.sub(r"[.,]", "", token[:last])
        value = float(f"{whole}.{token[last + 1 :]}")
    if value is None:
        return None
    return value, match.span(1)


def cargo_weight(text: str) -> tuple[float, str] | None:
    """The cargo's gross weight in a text: the first figure before KGS (a tare or net weight left out); in
    pounds only when no kilograms are printed."""
    kilos: list[tuple[float, str]] = []
    pounds: list[tuple[float, str]] = []
    for match in _WEIGHT_RE.finditer(text):
        if _OTHER_WEIGHT.search(text[max(0, match.start() - 24) : match.start()]):
            continue
        parsed = weight_figure(match.group(1), one_container=True)
        if parsed is None:
            continue
        target = pounds if match.group(2).upper().startswith("LB") else kilos
        target.append((parsed[0], match.group(0)))
    if kilos:
        return kilos[0]
    if pounds:
        return round(pounds[0][0] * LB_KG, 1), pounds[0][1]
    return None


_NOT_DESCRIPTION = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?<![\d.,])\d[\d,]*(?:\.(?=\s))?\s*(?:{PACKAGE_WORDS})(?![A-Z])",
        r"\b(?:TARE|NET|GROSS)?\s*(?:WEIGHT|WT\.?)?\s*:?\s*(?<![\d.,])\d[\d,.]*\s*(?:KGS?|KILOS?|KGM|LBS?)(?![A-Z])",
        # (a volume after its label, "VOL: 0.75 M3", the label with it)
        r"\bVOL(?:UME)?\b\.?\s*:?\s*\d[\d.,]*\s*(?:M3|CBM|MC|CU\.?\s?M\.?)(?![\w])",
        r"(?<![\d.,])\d[\d,.]*\s*(?:CBM|M3|CU\.?\s?M\.?|CUBIC METERS?)(?![A-Z])",
        # the clause as Asian carriers word it, taken out before a seal is looked for ("SHIPPER'S LOAD, COUNT &
        # SEAL", "SHIPPER'S LOAD COUNT AND SEALED")
        r"\bSHIPPER'?S\s+LOAD,?\s+(?:STOW,?\s+)?COUNT,?\s+(?:&|8|AND)\s+SEAL(?:ED)?\b\.?",
        r"\b(?:SEALS?|SELLOS?|MARCHAMOS?)\s*(?:NO\.?|NOS\.?|NUMBERS?|#)?\s*[:#.]?\s*[A-Z0-9][A-Z0-9\-]{2,24}",
        r"\bTARE\s*(?:WEIGHT|WT\.?)?\s*:?",
        r"\bSHIPPER'?S\s+LOAD,?\s+STOW,?\s+(?:WEIGHT\s+)?AND\s+COUNT\.?",
        r"\bSAID\s+TO\s+CONTAIN:?",
        # the carrier's disclaimer over the particulars ("PARTICULARS FURNISHED BY SHIPPER - CARRIER NOT
        # RESPONSIBLE")
        # (OCR may read a speck between its words as a period)
        r"\bPARTICULARS[\s.]+(?:AS[\s.]+)?(?:FURNISHED|DECLARED)[\s.]+BY[\s.]+(?:THE[\s.]+)?SHIPPER\b",
        r"\b(?:BUT[\s.]+)?(?:THE[\s.]+)?CARRIER[\s.]+(?:IS[\s.]+)?NOT[\s.]+RESPONSIBLE\b",
        # the count of containers a carrier's clause opens with ("3 CONTAINER(S) SAID TO CONTAIN ...", "1 X
        # 40'HC CONTAINER"; a 1 OCR read as I)
        rf"(?<![\w.,])(?:\d+|[Il]|UNO?|{'|'.join(_UNITS[1:])})(?:\s*\(\d+\))?\s*(?:X\s*)?(?:{_SIZE_TYPE}\s*){{0,3}}"
        r"(?:CONTAINER\(S\)|CONTAINERS?|CNTRS?|CONTENEDOR(?:ES)?)(?![A-Z])",
        r"\b(?:QUE\s+)?DICEN?\s+CONTENER:?",
        # the containers' word before the clause, its count lost ("CONTAINER(S) SAID TO CONTAIN")
        r"\bCONTAINER\(S\)",
        r"\b(?:CONTAINERS?|CONTENEDOR(?:ES)?)(?=\s+(?:SAID\s+TO\s+CONTAIN|QUE\s+DICEN?\s+CONTENER))",
        # the marks column's "no marks"
        r"(?<![A-Z/])(?:N/M|NO\s+MARKS)(?![A-Z/])",
        r"\bHS\s*CODE:?\s*[\d.]+",
        # the pieces' dimensions an air waybill prints under the goods ("DIMS: 2 @ 108X41X67 CM", the at sign lost
        # or not) and their volume ("VOL: 1.25 M3"): the carrier's measure, no goods
        # (a scan reads the at sign as a letter: "4 O 111X76X51", "e 61X60X58")
        r"\bDIM(?:S|ENSIONS)?\b\.?\s*:?\s*(?:(?:\d+\s*)?(?:@|[OEQ©®](?=\s)|PCS?\s*@?|X(?=\s))\s*|\d+\s+)?\d+(?:[.,]\d+)?\s*[X×*]\s*\d+(?:[.,]\d+)?"
        r"\s*[X×*]\s*\d+(?:[.,]\d+)?\s*(?:CMS?|MM|IN(?:CH(?:ES)?)?|M)?(?![\w])",
        # a US export's classification under the goods ("SCHEDULE B NO. 8504.90.5184", "HTS 8544.49.3000")
        r"\b(?:SCHEDULE\s+B|HTSU?S?)\s*(?:NO\.?|NUMBER|CODE|#)?\s*:?\s*\d{4}[\d.]*",
        # "said to contain" abbreviated after the count of containers ("1 X 40' CONTAINER S.T.C.")
        r"(?<![\w.])S\.\s?T\.\s?C\.?(?![\w])",
        # the containers listed on a page attached to the bill ("CONTAINERS AS PER ATTACHED RIDER", "SEE
        # ATTACHED LIST")
        r"\b(?:(?:CONTAINERS?|CNTRS?|CONTAINER\s+DETAILS|PARTICULARS)\s+)?(?:AS\s+PER|SEE)\s+(?:THE\s+)?ATTACHED"
        r"\s+(?:RIDER|LIST|SHEET|PAGE)S?\b",
        # the shipper's references under the goods (the invoice and the order they ship under: references, read
        # apart), and the totals row's word a container's block ran into
        r"\b(?:INVOICE|INV\.|FACTURA|P\.\s?O\.|PO|PURCHASE\s+ORDER|ORDEN\s+DE\s+COMPRA|PEDIDO)\s*(?:NO\.?|NUM\.?|#)?"
        r"\s*[:#.]?\s*[A-Z0-9][A-Z0-9\-/]*\d[A-Z0-9\-/]*",
        r"\bTOTAL(?:ES)?:?\s*$",
        # the verified gross mass declared under SOLAS (its figure is a weight, taken out above): "VGM: 18,671.8
        # kgs VGM determined by the shipper (SOLAS VI/2)", "VERIFIED GROSS MASS (KG)"
        r"\b(?:VGM|VERIFIED\s+GROSS\s+MASS)\b\s*(?:\(\s*KGS?\s*\))?\s*:?(?:\s*\d[\d,.]*(?:\s*(?:KGS?|KGM)(?!\w))?)?",
        r"\b(?:DETERMINED|DECLARED|VERIFIED|WEIGHED|OBTAINED)\s+BY\s+(?:THE\s+)?SHIPPER\b",
        r"\(\s*SOLAS\b[^)]{0,30}\)|\bSOLAS(?:\s+(?:CH(?:APTER|\.)?\s*)?[VIX]+(?:\s*/\s*\d+)?)?\b",
        # a unit whose figure was printed in the next column ("2,150 | kgs"): no word of the goods
        r"(?<![\w.,])(?:KGS|KGM|LBS|CBM)(?![\w])",
        # a seal's prefix cut from its number by a column's edge ("ML-" | "1439437")
        r"(?<![\w-])[A-Z]{1,3}-(?=\s|$)",
    )
]


def clean_description(text: str, seal: str | None = None) -> str:
    """A cargo description without the particulars printed among its words: packages, weights, volumes,
    seals, container numbers and types, the shipper's-load clause."""
    for pattern in _NOT_DESCRIPTION:
        text = pattern.sub(" ", text)
    text = re.sub(r"(?:^|(?<=\s))[.,;:'`](?=[A-Za-z])", "", text)  # OCR's specks before a word
    words = []
    for word in text.split():
        bare = word.strip(" /,;")
        if container_text(bare) or CONTAINER_TYPE.match(bare) or (seal and bare.upper() == seal.upper()):
            continue
        if bare in ("/", "-", ""):
            continue
        words.append(word)
    return " ".join(words).strip(" /,;-")


def merge_block(line: dict[str, dict], block: dict[str, dict]) -> None:
    """A table line completed and checked by its container's block: missing cells filled; a seal that is no
    seal (a container type), a weight that is not the block's cargo weight replaced."""
    for key in ("seal_number", "package_count", "gross_weight_kg"):
        found = block.get(key)
        if found is None:
            continue
        current = line.get(key)
        if current is None or (key == "seal_number" and not seal_shaped(str(current["value"]))):
            line[key] = found
    container = line.get("container_number", {}).get("value")
    if not container:
        line["container_number"] = block["container_number"]
    elif not checks.container_is_valid(str(container)):
        fixed = block["container_number"]["value"]
        if checks.container_is_valid(str(fixed)):
            line["container_number"] = block["container_number"]


def header_lines(
    pages: list[PageLayout], columns: Mapping[str, Sequence[str]], min_keys: int = 3
) -> list[tuple[int, int]]:
    """(page, line) of every line naming at least ``min_keys`` cargo columns: the cargo table's heading, even
    where its columns could not be followed (its values are read by their shapes)."""
    out = []
    for lay in pages:
        for li in range(len(lay.lines)):
            hits = find_labels(lay, columns, line_range=(li, li + 1))
            if len({hit.key for hit in hits}) >= min_keys:
                out.append((lay.number, li))
    return out


def preamble(pages: list[PageLayout], heading: list[tuple[int, int]]) -> str:
    """The goods as a form describes them once, between the cargo heading and the first container (``14
    PALLETS / <description> / HS CODE … / SHIPPER'S LOAD, STOW AND COUNT``): the words left once the
    particulars are taken out."""
    if not heading:
        return ""
    page, first = heading[0]
    lay = next(lay for lay in pages if lay.number == page)
    parts: list[str] = []
    continued = False
    for li in range(first + 1, min(len(lay.lines), first + 1 + 2 * MAX_BLOCK_LINES)):
        line = lay.lines[li]
        # (a heading's word the line grouping set on a line of its own, beside the heading: no goods)
        if (page, li) in heading or line.top < lay.lines[first].bottom:
            continue
        if not parts and _caption_continued(lay, first, li):
            continue
        if _container_head(line.words) is not None:  # a container, whole or with its check digit apart
            break
        if any(norm(line.text).startswith(norm(stop)) for stop in _BLOCK_END if "LOAD" not in stop):
            break
        if _SAY.search(line.text):  # the packages in words: the goods' totals line, under the goods
            break
        rest = clean_description(line.text)
        # a few characters carried over from the line above ("... SUPERIOR A" / "0.2 MM") are still the
        # description's
        wrapped = bool(parts) and continued and 0 < len(rest) <= 8 and re.search(r"[A-Za-z]", rest) is not None
        continued = False
        if (len(re.findall(r"[A-Za-z]", rest)) >= 3 or wrapped) and not rest.endswith(":"):
            parts.append(rest)
            continued = True
    return " ".join(parts)


def _caption_continued(lay: PageLayout, first: int, li: int) -> bool:
    """The heading's second line ("No. of Containers" over "or Packages"): the line right under it, set in the
    heading's type where the goods under it are set larger (a text layer's sizes: OCR's boxes follow the glyphs),
    or naming a cargo column with nothing but a joining word and the carrier's small print besides."""
    if li != first + 1 or li + 1 >= len(lay.lines):
        return False
    hits = find_labels(lay, OCEAN_COLUMNS, line_range=(li, li + 1))
    if hits:
        words = lay.lines[li].words
        rest = " ".join(w.text for k, w in enumerate(words) if not any(h.start <= k <= h.end for h in hits))
        if not re.search(r"[A-Za-z]{3}", clean_description(rest)):
            return True
    if lay.ocr:
        return False
    caption = _type_height(lay.lines[first].words)
    below = _type_height(lay.lines[li + 1].words)
    return abs(_type_height(lay.lines[li].words) - caption) <= 0.05 * caption and caption < 0.9 * below


def _type_height(words: list[Any]) -> float:
    return max((w.bottom - w.top for w in words), default=0.0)
