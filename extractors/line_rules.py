"""Rules every line-item reader shares: quantities printed with a separator read either way, part numbers
printed at the head of each description, and particulars printed as labelled notes under a description."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from extractors.layout import Cell, Record, norm


def reconcile_quantity(line: dict[str, dict[str, Any]], keys: Sequence[str] = ("quantity",)) -> None:
    """``1.500`` is 1500 (thousands) or 1.5 (three decimals): when quantity × unit price misses the amount and the
    other reading meets it, the other reading is the quantity."""
    quantity, price, amount = (line.get(key, {}).get("value") for key in ("quantity", "unit_price", "amount"))
    raw = str(line.get("quantity", {}).get("raw") or "")
    if not all(isinstance(v, int | float) for v in (quantity, price, amount)) or not re.search(r"[.,]\d{3}$", raw):
        return
    assert isinstance(quantity, int | float) and isinstance(price, int | float) and isinstance(amount, int | float)
    tolerance = max(0.02, 0.005 * abs(amount))
    if abs(quantity * price - amount) <= tolerance:
        return
    for other in (quantity / 1000, quantity * 1000):
        if abs(other * price - amount) <= tolerance:
            for key in keys:
                if key in line and line[key].get("value") == quantity:
                    line[key] = {**line[key], "value": other}
            return


def price_of_one(line: dict[str, dict[str, Any]]) -> float | None:
    """The price of one unit: the line's unit price, or its price quoted for a number of pieces (``12.50`` per
    thousand: ``quoted_price`` over ``price_basis``) divided by that number."""
    price = line.get("unit_price", {}).get("value")
    if isinstance(price, int | float):
        return float(price)
    quoted, basis = (line.get(key, {}).get("value") for key in ("quoted_price", "price_basis"))
    if isinstance(quoted, int | float) and isinstance(basis, int | float) and basis > 0:
        return float(quoted) / float(basis)
    return None


_LEADING_CODE = re.compile(r"^([A-Z0-9][A-Z0-9\-_/.]*\d[A-Z0-9\-_/.]*)\s+(?=\S)")


def codes_leading_descriptions(lines: list[dict[str, dict[str, Any]]]) -> None:
    """Without a part-number column, a code that leads every description (``PN-1234 Cable ...``) is the part
    number: it is split off (a code leading only some descriptions is left where it is)."""
    if not lines or any("part_number" in line for line in lines):
        return
    matches = [_LEADING_CODE.match(str(line.get("description", {}).get("value", ""))) for line in lines]
    if not all(matches):
        return
    for line, match in zip(lines, matches, strict=True):
        assert match is not None
        cell = line["description"]
        code = match.group(1).strip(".")
        rest = cell["value"][match.end() :].strip()
        line["part_number"] = {**cell, "value": code, "raw": code}
        line["description"] = {**cell, "value": rest}


_CODE = re.compile(r"[A-Z0-9][A-Z0-9\-_/.]*")
# a space between words is about a quarter of the text height; a column gutter is several times that
_GUTTER = 1.5


def is_code(text: str) -> bool:
    """A part-number shape: one token of capitals and digits (hyphens, slashes, dots between) with at least one
    digit and at least one letter or hyphen (a bare figure is a quantity or a price, not a code)."""
    token = text.strip().rstrip(".,")
    return bool(
        _CODE.fullmatch(token) and any(ch.isdigit() for ch in token) and any(ch.isalpha() or ch == "-" for ch in token)
    )


def unheaded_code_words(words: Sequence[Any], side: str) -> list[Any]:
    """The code a cell's words carry at one side (``"left"`` or ``"right"``) when an unlabelled part-number
    column fell into the cell: a code-shaped word set off from the cell's other words by a column gutter, or
    standing before a quantity's figure. The rest of the cell must keep some text."""
    texts = [w for w in words if w.text.strip()]
    if len(texts) < 2:
        return []
    code, rest = (texts[0], texts[1:]) if side == "left" else (texts[-1], texts[:-1])
    if not is_code(code.text):
        return []
    neighbour = rest[0] if side == "left" else rest[-1]
    gap = neighbour.x0 - code.x1 if side == "left" else code.x0 - neighbour.x1
    height = max(1.0, code.bottom - code.top)
    if side == "left" and re.match(r"\d", neighbour.text):
        return [code]  # "A-133488 8305 PCS": a code before the quantity
    return [code] if gap > _GUTTER * height else []


# Particulars a line prints as "label: value" notes under its description rather than in columns of their own
# ("Zolltarifnr.: 8544 49 99   Ursprungsland: Deutschland", "HS Code: 8536.90.99", "Origin: China").
NOTE_LABELS: dict[str, tuple[str, ...]] = {
    "tariff_code": (
        "HS CODE",
        "HS",
        "HTS",
        "HTS CODE",
        "HS TARIFF NO",
        "TARIFF NO",
        "TARIFF CODE",
        "CUSTOMS TARIFF NO",
        "COMMODITY CODE",
        "ZOLLTARIFNR",
        "ZOLLTARIFNUMMER",
        "WARENNUMMER",
        "ZOLLTARIF",
        "FRACCION",
        "FRACCION ARANCELARIA",
        "FRACC",
        "FRACC ARANCELARIA",
        # French: "Code SH" (système harmonisé), printed beside its English twin ("Code SH / HS code :")
        "CODE SH",
        "SH",
    ),
    "origin_country": (
        "ORIGIN",
        "COUNTRY OF ORIGIN",
        "COO",
        "ORIGEN",
        "PAIS DE ORIGEN",
        "URSPRUNGSLAND",
        "HERKUNFTSLAND",
        "URSPRUNG",
        "ORIGINE",
        "PAYS D ORIGINE",
    ),
    # the item's own code typed into its description ("P/N: A-817682" under the goods' words), as an export
    # invoice that follows a letter of credit's wording of the goods prints it
    "part_number": (
        "P/N",
        "PART NO",
        "PART NUMBER",
        "NO DE PARTE",
        "NUMERO DE PARTE",
        "ITEM NO",
        "ITEM CODE",
        "SKU",
        "CAT NO",
        "CATALOG NO",
        "ART NO",
        "ARTICLE NO",
        "ARTIKEL NR",
        "ARTIKELNUMMER",
    ),
}
# A labelled code stands at the head of its printed line (or after another note): after other words ("Mfr P/N:",
# "Customer part no.:") it is someone else's code for the item.
_HEAD_ONLY = frozenset({"part_number"})
_NOTES = sorted(
    ((norm(label), key) for key, labels in NOTE_LABELS.items() for label in labels), key=lambda p: -len(p[0])
)
# Words that qualify a note's label without changing what it names: the country whose tariff or whose wording it
# is ("Fracción arancelaria MX:", "Mexican tariff no. (fracción):", "HTS (US):").
_NOTE_QUALIFIERS = frozenset(
    {"MX", "MEX", "MEXICO", "MEXICAN", "MEXICANA", "MEXICANO", "US", "USA", "EU", "UE", "EC", "NO", "NR", "NUMBER"}
)
# A note labelled as Mexico's own tariff item (the fracción, eight digits) is the one a Mexican importer declares,
# before a six-digit heading or another country's tariff number printed beside it.
_MEXICAN = frozenset({"MX", "MEX", "MEXICO", "MEXICAN", "MEXICANA", "MEXICANO", "FRACCION", "FRACC"})
_LABEL_WORDS = 8


def _note_label_at(words: Sequence[Any], start: int, after_note: bool = False) -> tuple[str, int, bool] | None:
    """(key, words taken, Mexican) when a note label ending in a colon starts at ``words[start]``. A label may
    be printed in two languages (``Ursprungsland / Country of origin:``) and qualified by a country
    (``Fracc. arancelaria (MX):``); every word of it, up to the colon on the same printed line, must be a known
    label's or a qualifier, so that a description's own words are never taken for a label."""
    height = max(1.0, words[start].bottom - words[start].top)
    end = start
    while not words[end].text.rstrip().endswith(":"):
        end += 1
        if end >= len(words) or end - start >= _LABEL_WORDS:
            return _twice_worded_label(words, start, after_note) or _bare_code_label(words, start, after_note)
        if abs(words[end].top - words[start].top) > _height(words[start], words[end]) / 2:
            return _twice_worded_label(words, start, after_note) or _bare_code_label(words, start, after_note)
    # a scan reads a two-language label's slash without its spaces (``SH/HS code:``): each side is a token
    tokens = [norm(part) for word in words[start : end + 1] for part in word.text.split("/")]
    tokens = [token for token in tokens if token]
    spelled = _label_of(tokens)
    if spelled is None:
        return None
    key, runs = spelled
    # a qualified or two-language label stands at the head of its printed line (or after another note): in
    # the run of a description ("… de origen mexicano:") the words are the description's
    head = start == 0 or abs(words[start - 1].top - words[start].top) > height / 2
    if (runs > 1 or key in _HEAD_ONLY) and not (head or after_note):
        return None
    return key, end - start + 1, any(token in _MEXICAN for token in tokens)


def _tokens(words: Sequence[Any]) -> list[str]:
    """The label tokens of words, a slash splitting a two-language label a scan read without spaces."""
    return [token for token in (norm(part) for word in words for part in word.text.split("/")) if token]


def _twice_worded_label(words: Sequence[Any], start: int, after_note: bool) -> tuple[str, int, bool] | None:
    """A label printed in two languages (``Origine / Origin``, ``Code SH / HS code``) whose colon a scan lost:
    two wordings of one note in a row, at the head of a printed line or after another note, with a value after
    them on the line. A description never names one particular twice over, so the words are the label's."""
    height = max(1.0, words[start].bottom - words[start].top)
    head = start == 0 or abs(words[start - 1].top - words[start].top) > height / 2
    if not (head or after_note):
        return None
    best: tuple[str, int, bool] | None = None
    for end in range(start + 1, min(len(words) - 1, start + _LABEL_WORDS)):
        if abs(words[end + 1].top - words[start].top) > height / 2:
            break
        tokens = _tokens(words[start : end + 1])
        keys = _label_runs(tokens)
        if keys is not None and len(keys) >= 2 and len(set(keys)) == 1:
            best = (keys[0], end - start + 1, any(token in _MEXICAN for token in tokens))
    return best


# A tariff code as printed: the heading's four digits and the subheading's two, then the national digits in one or
# two groups (``8536.90.99``, ``8542.39-0000``, ``8504 90 99``)
_CODE_SHAPE = re.compile(r"\d{4}[.\s-]?\d{2}(?:[.\s-]?\d{1,4}){0,2}")


def _bare_code_label(words: Sequence[Any], start: int, after_note: bool) -> tuple[str, int, bool] | None:
    """A tariff code's label printed without a colon on a line of its own under the goods' words (``HS
    8542.39-0000`` under ``P/N: A-1234``): the head of its printed line, a tariff label, and one code after it
    that ends the line. A description's words are never a bare code, so the line is the note."""
    height = _height(words[start])
    head = start == 0 or abs(words[start - 1].top - words[start].top) > height / 2
    if not (head or after_note):
        return None
    for end in range(start, min(len(words) - 1, start + _LABEL_WORDS)):
        value = words[end + 1]
        if abs(value.top - words[start].top) > _height(words[start], value) / 2:
            return None
        last = end + 2 >= len(words) or abs(words[end + 2].top - value.top) > _height(value, words[end + 2]) / 2
        if not last or not _CODE_SHAPE.fullmatch(value.text.strip(" .,;")):
            continue
        spelled = _label_of(_tokens(words[start : end + 1]))
        if spelled is not None and spelled[0] == "tariff_code":
            return spelled[0], end - start + 1, any(token in _MEXICAN for token in _tokens(words[start : end + 1]))
        return None
    return None


def _label_runs(tokens: list[str]) -> list[str] | None:
    """The keys of the known labels the tokens spell one after another (no qualifiers), or None."""
    keys: list[str] = []
    index = 0
    while index < len(tokens):
        hit = _label_run(tokens, index)
        if hit is None:
            return None
        keys.append(hit[0])
        index += hit[1]
    return keys


def _label_of(tokens: list[str]) -> tuple[str, int] | None:
    """(key, runs) when every token spells a known note label or a qualifier and they name one key."""
    keys: set[str] = set()
    runs = 0
    index = 0
    while index < len(tokens):
        hit = _label_run(tokens, index)
        if hit is not None:
            key, taken = hit
            keys.add(key)
            runs += 1
            index += taken
        elif tokens[index] in _NOTE_QUALIFIERS:
            runs += 1
            index += 1
        else:
            return None
    return (keys.pop(), runs) if len(keys) == 1 else None


def opens_with_note(text: str) -> bool:
    """Whether a printed line opens with a labelled note (``Fracción arancelaria: 85444999  Origin: China``,
    ``P/N: A-1234``): under a goods table whose items start at their description, such a line carries the
    item's particulars; it starts no item of its own."""
    label, colon, _rest = text.partition(":")
    tokens = [token for token in (norm(part) for part in re.split(r"[\s/]+", label)) if token]
    return bool(colon and tokens) and len(tokens) <= _LABEL_WORDS and _label_of(tokens) is not None


def _label_run(tokens: list[str], start: int) -> tuple[str, int] | None:
    """(key, tokens taken) for the longest known note label spelled by the tokens from ``start``."""
    for label, key in _NOTES:
        joined = ""
        for end in range(start, len(tokens)):
            joined += tokens[end]
            if joined == label:
                return key, end - start + 1
            if not label.startswith(joined):
                break
    return None


def _height(*words: Any) -> float:
    """The tallest of the words' heights (a scan's box may be cut to a word's lower-case letters)."""
    return max(1.0, *(word.bottom - word.top for word in words))


def printed_order(words: Sequence[Any]) -> list[Any]:
    """Words in the order they are printed: by printed line (tops within half a text height), left to right. A
    scan may set a line's words on two lines of its reading (``Ursprung … no.: 4819.10.01`` and ``/ Origin:``, a
    speck or a taller glyph between), which this puts back together; a text layer's order is kept."""
    rows: list[list[Any]] = []
    for word in words:
        row = next((row for row in rows if abs(row[0].top - word.top) < 0.5 * _height(row[0], word)), None)
        if row is None:
            rows.append([word])
        else:
            row.append(word)
    return [word for row in rows for word in sorted(row, key=lambda w: w.x0)]


def labelled_notes(record: Record, cell_key: str = "description") -> None:
    """Labelled notes in a description cell leave it: each value (the words after its label on the same printed
    line, up to the next label) fills the record's cell of that name when its column gave none. Of several notes
    of one kind (a six-digit commodity code over the Mexican fracción), the one labelled Mexican is kept, else the
    one with most digits (the fullest code)."""
    cell = record.cells.get(cell_key)
    if cell is None:
        return
    words = printed_order(cell.words)
    kept: list[Any] = []
    notes: dict[str, list[tuple[bool, list[Any]]]] = {}
    current: list[Any] | None = None
    label = words[0] if words else None  # the last label's first word: its value is on its printed line
    index = 0
    while index < len(words):
        word = words[index]
        on_its_line = label is not None and abs(word.top - label.top) < 0.5 * _height(word, label)
        # a label's value is one word at least: right after a label on its line, a country's code (``Origin: US
        # Tariff no.: …``) is the value, not a qualifier of the next label
        valued = (
            current == []
            and on_its_line
            and _label_run(_tokens([word]), 0) is None  # a scan may lose the value: the next label stays one
        )
        hit = None if valued else _note_label_at(words, index, current is not None)
        if hit is not None:
            key, taken, mexican = hit
            label = word
            current = []
            notes.setdefault(key, []).append((mexican, current))
            index += taken
            continue
        if current is not None and on_its_line:
            current.append(word)
        else:
            current = None
            kept.append(word)
        index += 1
    if not notes:
        return
    cell.words = kept
    for name, groups in notes.items():
        filled = [(mexican, words) for mexican, words in groups if words]
        if not filled or record.text(name).strip():
            continue
        _mexican, words = max(
            filled, key=lambda group: (group[0], sum(ch.isdigit() for w in group[1] for ch in w.text))
        )
        record.cells[name] = Cell(words=words, page=cell.page)


# A distributor prints the maker's own part number on a line of its own under the description ("Mfr P/N
# TE-47086"); it is neither the description nor the line's part number (the seller's code is).
MAKER_PART_LABELS = tuple(
    norm(label)
    for label in (
        "MFR P/N",
        "MFR PN",
        "MFR PART",
        "MFR PART NO",
        "MFG P/N",
        "MFG PN",
        "MFG PART",
        "MFG PART NO",
        "MANUFACTURER P/N",
        "MANUFACTURER PART",
        "MANUFACTURER PART NO",
        "MANUFACTURER PART NUMBER",
        "MPN",
        "NO DE PARTE DEL FABRICANTE",
        "PARTE FABRICANTE",
        "HERSTELLER ART NR",
        "HERSTELLERTEILENUMMER",
    )
)


def maker_part_lines(record: Record, cell_key: str = "description") -> None:
    """The printed lines of a description cell that start with a maker's part-number label leave the cell."""
    cell = record.cells.get(cell_key)
    if cell is None or len(cell.words) < 2:
        return
    rows: dict[float, list[Any]] = {}
    for word in cell.words:
        row = next((top for top in rows if abs(top - word.top) < 0.5 * max(1.0, word.bottom - word.top)), word.top)
        rows.setdefault(row, []).append(word)
    dropped: set[int] = set()
    for row_words in rows.values():
        ordered = sorted(row_words, key=lambda w: w.x0)
        joined = ""
        for word in ordered[:-1]:  # the label must leave a value after it
            joined += norm(word.text)
            if joined in MAKER_PART_LABELS:
                dropped.update(id(w) for w in ordered)
                break
            if not any(label.startswith(joined) for label in MAKER_PART_LABELS):
                break
    if dropped and len(dropped) < len(cell.words):
        cell.words = [word for word in cell.words if id(word) not in dropped]


def codes_left_of_description(record: Record, cell_key: str = "description") -> None:
    """A description wraps under its own first word; words of a later printed line that end left of where the
    description starts stand under the code column beside it: a second code stacked under the item's code (the
    customer's item number, ``C/I: 66900-A`` under ``SKU-21580``), which a free-text line gathered into the
    description. They leave it when they hold a code (a figure in them)."""
    cell = record.cells.get(cell_key)
    if cell is None or len(cell.words) < 2:
        return
    first_top = min(word.top for word in cell.words)
    first_row = [word for word in cell.words if abs(word.top - first_top) < 0.5 * max(1.0, word.bottom - word.top)]
    left = min(word.x0 for word in first_row)
    aside = [word for word in cell.words if word not in first_row and word.x1 < left]
    if any(is_code(word.text.strip(" ,;")) and any(ch.isdigit() for ch in word.text) for word in aside):
        cell.words = [word for word in cell.words if word not in aside]


_BRACKETED = re.compile(r"\[(?P<code>[^\[\]\s]+)\][.,;:]?")


def bracketed_code(record: Record, cell_key: str = "description") -> None:
    """An ERP prints the product's internal reference in square brackets at the head of its name
    (``[P84212-20] Plastic housing``): a code-shaped word in brackets, the first of the description, is the
    line's part number when no column gave one. Words in brackets that are no code (``[NEW]``) stay."""
    cell = record.cells.get(cell_key)
    if cell is None or record.text("part_number").strip():
        return
    texts = [word for word in cell.words if norm(word.text)]
    if len(texts) < 2:
        return
    match = _BRACKETED.fullmatch(texts[0].text.strip())
    if match is None or not is_code(match.group("code")):
        return
    cell.words = [word for word in cell.words if word is not texts[0]]
    record.cells["part_number"] = Cell(words=[texts[0]], page=cell.page)
