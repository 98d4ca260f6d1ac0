"""Pedimentos, as printed by any broker's system: header fields, partidas, references and checks.

Nothing here knows a broker's layout. Each field is named by the labels that print beside it (the official
print format's wording and the variants brokers use), ``extractors.layout`` finds those labels wherever they
stand and reads the value to their right or in the box below; the partidas table is found by its column
headers on every page (the header repeats), and a partida may span several lines (codes, description, values,
marca/modelo/código). Values are normalised per the contract (``../shared/contracts/extraction-v1.md``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from extractors import checks
from extractors.layout import (
    FamilyResult,
    Found,
    PageLayout,
    apply_parser,
    date_parser,
    field_value,
    find_labels,
    find_value,
    layouts,
    month_first_dates,
    norm,
    parse_name,
    parse_pedimento,
    parse_rfc,
    pdf_rules,
    read_cards,
    read_table,
    read_transposed,
)
from extractors.pedimento.certifications import without_certifications
from extractors.pedimento.confirm import confirm
from extractors.pedimento.grid_count import grid_count
from extractors.pedimento.labels import (
    _WHOLE,
    BARE_CLAVE,
    DATE_KEYS,
    ENGLISH_DATE_LABELS,
    ENTRY_OR_PRESENTATION,
    HEADER_LABELS,
    PARSERS,
    parse_clave,
)
from extractors.pedimento.lost_sequence import inferred, with_lost_sequences
from extractors.pedimento.names import LEGAL_FORMS, legal_form, settle_name
from extractors.pedimento.newspaper import unfolded
from extractors.pedimento.part_relation import fill_parts, relation_parts
from extractors.pedimento.partidas import PARTIDA_SPEC, centred_rows, partida
from extractors.pedimento.rectified import without_superseded
from extractors.pedimento.references import identifiers, references
from extractors.pedimento.repair import repair
from extractors.pedimento.review import LABELS, check, partidas_shown
from extractors.result import ResultBuilder

__all__ = ["HEADER_LABELS", "PARSERS", "PARTIDA_SPEC", "extract_pedimento", "parse_clave"]


def extract_pedimento(doc_text: Any, context: Any = None) -> ResultBuilder:
    """Fields, partidas, references and warnings of a pedimento (``context``: the pipeline's; its path lets
    a bordered partidas table be split at its ruling lines where the words leave no gutter)."""
    # partidas printed in two newspaper columns are read column after column
    pages = unfolded(layouts(doc_text.pages), PARTIDA_SPEC)
    # a partida's SEC that OCR lost is put back, so that its first line opens a partida of its own
    pages = with_lost_sequences(pages)
    result = FamilyResult()
    consumed: set[tuple[int, int]] = set()
    records = _partida_records(pages, consumed, doc_text, context, result)
    centred_rows(records)
    # the header's values are read without the certifications box (the bank's stamp is no field's value)
    # nor the superseded values of a rectified pedimento's DICE | DEBE DECIR table (those that stand are read)
    header_pages = without_superseded(without_certifications(pages, HEADER_LABELS, skip=consumed))
    hits = [h for lay in header_pages for h in find_labels(lay, HEADER_LABELS, skip=consumed)]
    hits = [h for h in hits if not _in_banner(header_pages, h)]
    _header(header_pages, hits, result, _month_first(header_pages, hits, doc_text.text))
    if "partida_count" not in result.fields and (counted := grid_count(pages)) is not None:
        _set(result, "partida_count", counted, counted.value)
    if consumed:
        _importer_first(pages, min(consumed), result)
    previous = 0
    for record in records:
        line = partida(record)
        if not line:
            continue
        if "sequence" not in line or inferred(record.cells.get("sequence")):
            # OCR lost the SEC digit: partidas are numbered in order, so it is the one after the last
            line["sequence"] = field_value(previous + 1, confidence=0.6)
            line["sequence"]["page"] = record.page
        previous = int(line["sequence"]["value"])
        result.add_line(line)
    _misread_sequences(result)
    _later_copies(result, header_pages, hits)
    _confirm_sequences(result)
    fill_parts(result, relation_parts(pages))
    identifiers(pages, consumed, result)
    references(pages, result)
    scanned = any(lay.ocr for lay in pages)
    confirm(result, ocr=scanned)
    repair(result, ocr=scanned)
    check(result)
    return result


def _partida_records(
    pages: list[PageLayout], consumed: set[tuple[int, int]], doc_text: Any, context: Any, result: ResultBuilder
) -> list[Any]:
    """The partidas as cards (one block of labelled cells each) when the pedimento prints them so, as the columns
    of a transposed grid (one row per field, one column per partida) when it prints them so, else as the rows of
    the partidas table. Lines among the cards that no card read are warned of on ``result``."""
    taken: set[tuple[int, int]] = set()
    cards = read_cards(pages, PARTIDA_SPEC, consumed=taken)
    grid: set[tuple[int, int]] = set()
    columns = read_transposed(pages, PARTIDA_SPEC, consumed=grid)
    # a band of one partida reads as a card too (each field's caption then its value): the grids' reading is
    # taken where it finds more partidas than the cards' (the bands of several)
    if _coded(columns) > _coded(cards):
        consumed.update(grid)
        return columns
    if _coded(cards):
        consumed.update(taken)
        _unread_among(pages, taken, result)
        return cards
    return read_table(pages, PARTIDA_SPEC, consumed=consumed, rules=pdf_rules(doc_text, context))


def _unread_among(pages: list[PageLayout], taken: set[tuple[int, int]], result: ResultBuilder) -> None:
    """A line between a page's first and last partida card that no card read and that is none of the lines the
    partidas' reading passes over (contributions, a page's furniture, identifiers): a partida's value under a
    label the reader does not know, lost from the partida it belongs to. Warned of, for a person to read it."""
    unread = []
    for lay in pages:
        own = sorted(li for page, li in taken if page == lay.number)
        for li in range(own[0], own[-1] + 1) if own else ():
            line = lay.lines[li]
            if (lay.number, li) in taken or not any(norm(w.text) for w in line.words):
                continue
            if _aside(lay, li) or (PARTIDA_SPEC.skip_line is not None and PARTIDA_SPEC.skip_line(line) is not None):
                continue
            unread.append(line.text)
    if unread:
        count, first = len(unread), unread[0]
        result.warn(
            "partida_unread",
            f"{count} line(s) among the partidas could not be read (the first: “{first}”); a partida may lack a "
            "value printed there: check the partidas against the paper.",
            "lines",
        )


# The labels of what a partida prints beside its fields and the reading leaves aside (its contributions).
_ASIDE = {key: PARTIDA_SPEC.columns[key] for key in PARTIDA_SPEC.aside}


def _aside(lay: PageLayout, li: int) -> bool:
    """Whether the line opens with the label of what the partidas' reading leaves aside (``CONTRIB. IGI 0.00000
    T.T. 1 …``: a partida's contributions, each labelled)."""
    first = next((k for k, w in enumerate(lay.lines[li].words) if norm(w.text)), None)
    return any(hit.start == first for hit in find_labels(lay, _ASIDE, line_range=(li, li + 1)))


# The header fields a later copy of the pedimento is compared on (all it prints of the header).
_COPY_FIELDS = tuple(name for name in PARSERS if not name.startswith("_"))


def _later_copies(result: ResultBuilder, pages: list[PageLayout], hits: list[Any]) -> None:
    """One pedimento printed once per party in one file (the carrier's copy, then the importer's), each copy
    complete with its header, partidas and FIN line: the partidas numbered from 1 again once the first run has
    reached the printed total are a later copy's, not more partidas. They are dropped; a later copy that
    disagrees with the first (a partida or a header value printed otherwise, a partida the first lacks) is
    warned of, for a person to tell which copy stands."""
    count = result.fields.get("partida_count", {}).get("value")
    lines = result.lines
    sequences = [line.get("sequence", {}).get("value") for line in lines]
    if not isinstance(count, int) or count < 1 or len(lines) <= count:
        return
    # the first copy's run may hold one SEC OCR misread beyond repair (its partidas are still in order)
    slips = sum(1 for k, sequence in enumerate(sequences[:count]) if sequence != k + 1)
    if slips > 1 or sequences[count] != 1:
        return
    first, later = lines[:count], lines[count:]
    differ: list[int] = []
    for k, line in enumerate(later):
        sequence = line.get("sequence", {}).get("value")
        own = first[sequence - 1] if isinstance(sequence, int) and 1 <= sequence <= count else None
        if own is None or _differs(own, line):
            differ.append(sequence if isinstance(sequence, int) else count + k + 1)
    del lines[count:]
    if differ:
        shown = partidas_shown(differ)
        result.warn(
            "copy_disagrees",
            f"This file holds more than one copy of the pedimento, and partida {shown} of a later copy is printed "
            "otherwise than in the first; the first copy was read: check which one stands.",
            "lines",
        )
    end = first[-1].get("sequence", {}).get("page")
    if not isinstance(end, int) or later[0].get("sequence", {}).get("page") == end:
        return  # the later copy begins on the first one's last page: its header is not told apart
    # the later copy's header: read on the pages after the first copy's last partida
    copy = FamilyResult()
    _header([lay for lay in pages if lay.number > end], [h for h in hits if h.page > end], copy)
    names = [
        name
        for name in _COPY_FIELDS
        if name in copy.fields and name in result.fields and copy.fields[name]["value"] != result.fields[name]["value"]
    ]
    if names:
        printed = ", ".join(LABELS.get(name, HEADER_LABELS[name][0]) for name in names)
        result.warn(
            "copy_disagrees",
            f"This file holds more than one copy of the pedimento, and a later copy prints {printed} otherwise "
            "than the first; the first copy was read: check which one stands.",
            names[0],
        )


def _differs(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two readings of a partida disagree on a value both hold."""
    return any(name in other and other[name].get("value") != cell.get("value") for name, cell in one.items())


def _coded(records: list[Any]) -> int:
    """How many of the records carry a fracción."""
    return sum(1 for record in records if record.cells.get("tariff_code"))


def _misread_sequences(result: ResultBuilder) -> None:
    """A SEC out of order between two that are in order (``4, 2, 6``: OCR read 5 as 2) is the number between them;
    the first and last partidas are checked against 1 and the printed total. It is believed as little as a SEC
    put in by order, until ``_confirm_sequences`` finds its neighbour agrees."""
    lines = result.lines
    count = result.fields.get("partida_count", {}).get("value")
    read = [line.get("sequence", {}).get("value") for line in lines]
    for k, line in enumerate(lines):
        before = read[k - 1] if k > 0 else 0
        after = read[k + 1] if k + 1 < len(lines) else (count + 1 if isinstance(count, int) else None)
        if not isinstance(before, int) or not isinstance(after, int) or after != before + 2 or read[k] == before + 1:
            continue
        line["sequence"] = {**line["sequence"], "value": before + 1, "raw": None, "confidence": 0.6}
        read[k] = before + 1


def _confirm_sequences(result: ResultBuilder) -> None:
    """A SEC put in by order (OCR lost its digits) is certain when the next partida read carries the number
    after it, or it is the last and the partidas read are as many as the printed total."""
    count = result.fields.get("partida_count", {}).get("value")
    lines = result.lines
    for k, line in enumerate(lines):
        cell = line.get("sequence", {})
        if cell.get("raw") is not None or cell.get("confidence", 1.0) >= 0.7:
            continue
        following = lines[k + 1].get("sequence", {}).get("value") if k + 1 < len(lines) else None
        last = k + 1 == len(lines) and count == len(lines)
        if following == cell["value"] + 1 or last:
            cell["confidence"] = 0.85


def _in_banner(pages: list[PageLayout], hit: Any) -> bool:
    """Whether a label's word is part of a stamp's banner (``***PAGO ELECTRONICO***``: the bank's payment stamp,
    printed in asterisks): it names no field, and what stands under it is another label's value."""
    lay = next(lay for lay in pages if lay.number == hit.page)
    return lay.lines[hit.line].words[hit.start].text.startswith("**")


def _month_first(pages: list[PageLayout], hits: list[Any], text: str) -> bool:
    """Whether the pedimento's dates are printed month first: a courtesy translation captioned in English for a
    US reader (``Entry date 06/05/2025``) writes them the US way, unless a date on it can only be day first."""
    by_page = {lay.number: lay for lay in pages}
    english = False
    for hit in hits:
        if hit.key in DATE_KEYS:
            words = by_page[hit.page].lines[hit.line].words[hit.start : hit.end + 1]
            english = english or norm(" ".join(w.text for w in words)) in ENGLISH_DATE_LABELS
    return english and month_first_dates(text, default=True)


def _header(pages: list[PageLayout], hits: list[Any], result: ResultBuilder, month_first: bool = False) -> None:
    """Header fields by their labels. Hits are in reading order, so the importer's RFC and name (printed
    before the supplier's and the broker's) are the ones taken. ``month_first``: the dates are printed the US
    way."""
    either: Found | None = None
    bare: Found | None = None
    parsers = dict(PARSERS)
    if month_first:
        parsers.update(dict.fromkeys(DATE_KEYS, date_parser(True)))
    for name, parser in parsers.items():
        found = _labelled(pages, hits, name, parser)
        if found is None:
            continue
        if name == ENTRY_OR_PRESENTATION:
            either = found
            continue
        if name == BARE_CLAVE:
            bare = found
            continue
        value = found.value
        if name in _WHOLE and isinstance(value, float) and value.is_integer():
            value = int(value)
        if name == "importer_exporter_name" and isinstance(value, str):
            value = _after_label_rest(value)
            if value != found.value:
                found = _words_after_colon(found, value)
        if name == "importer_exporter_name" and isinstance(value, str):
            found = _wrapped_name(pages, found)
            value = found.value
        if name == "importer_exporter_name" and any(lay.ocr for lay in pages):
            found = _past_leader(pages, found)
            # the label's rest cut off first (on a scan its leader reads as marks: ``2.020 : ACME S.A. DE C.V.``)
            value, confidence = settle_name(found)
            result.set(name, value, confidence, page=found.page, bbox=found.bbox, raw=found.raw)
            continue
        _set(result, name, found, value)
    if either is not None:
        _entry_or_presentation(result, either)
    _import_dates(result)
    if bare is not None and "clave" not in result.fields:
        _set(result, "clave", bare, bare.value)
    number = result.fields.get("pedimento_number")
    if number is None:
        found = _search(pages, parse_pedimento)
        if found is not None:
            certainty = 1.0 if _keyed_split(pages, str(found.value)) else 0.85
            _set(result, "pedimento_number", found, found.value, certainty=certainty)
            number = result.fields["pedimento_number"]
    patente = result.fields.get("patente")
    if number is not None and patente is not None and not checks.pedimento_problems(str(number["value"])):
        digits = str(number["value"])[4:8]
        if str(patente["value"]).zfill(4) != digits:
            # the number's patente, read within a number whose shape checks out, against a PATENTE read apart
            # (on a scan, maybe from the broker's signature block's noise): the number's, for a person to check
            result.set("patente", digits, 0.6, page=number["page"], bbox=number["bbox"], raw=number["raw"])
    if number is not None and "patente" not in result.fields:
        digits = str(number["value"])
        result.set(
            "patente",
            digits[4:8],
            number["confidence"] * 0.9,
            page=number["page"],
            bbox=number["bbox"],
            raw=number["raw"],
        )
    if "importer_exporter_name" not in result.fields:
        found = _letterhead(pages)
        if found is not None:
            _set(result, "importer_exporter_name", found, found.value, certainty=0.8)
    if "importer_exporter_rfc" not in result.fields:
        found = _search(pages, parse_rfc)
        if found is not None:
            _set(result, "importer_exporter_rfc", found, found.value, certainty=0.8)


# words of a customs broker's name: a broker's letterhead names the broker, not the importer or exporter
_BROKER_WORDS = frozenset({"ADUANA", "ADUANAL", "ADUANALES", "AGENCIA", "AGENTE", "CUSTOMS", "BROKER", "BROKERAGE"})


def _letterhead(pages: list[PageLayout]) -> Found | None:
    """The importer's or exporter's name printed unlabelled as the letterhead: the first words of the first page's
    first line, up to a wide gap, when they are a company's name with its legal form and not a broker's (the
    company's own inventory system prints its name so over every report it makes)."""
    lay = next((lay for lay in pages if lay.lines), None)
    if lay is None:
        return None
    line = lay.lines[0]
    words: list[Any] = []
    for w in line.words:
        if words and w.x0 - words[-1].x1 > 2.0 * line.height:
            break
        words.append(w)
    found = apply_parser(parse_name, words, lay.number, 0.9)
    if found is None or not isinstance(found.value, str) or not _is_company(found.value):
        return None
    if any(norm(word) in _BROKER_WORDS for word in found.value.split()):
        return None
    return found


def _keyed_split(pages: list[PageLayout], number: str) -> bool:
    """Whether the pages also print the number's patente and sequence together as a system keys them
    (``3445-5001234``): a second printing of the number, which one read without its label agrees with."""
    if len(number) != 15 or not number.isdigit():
        return False
    keyed = f"{number[4:8]}-{number[8:]}"
    return any(w.text.strip(",;|") == keyed for lay in pages for line in lay.lines for w in line.words)


def _after_label_rest(name: str) -> str:
    """A name without the rest of its label: a label read shorter than printed (``NOMBRE`` of ``NOMBRE IMP/EXP
    .....: ACME S.A. DE C.V.``) leaves its qualifier and leader before a colon, and no company's name has one."""
    head, colon, tail = name.rpartition(":")
    parsed = parse_name(tail) if colon and head.strip() else None
    return parsed[0] if parsed is not None else name


def _past_leader(pages: list[PageLayout], found: Found) -> Found:
    """A scanned name read from its label's dot leader (``NOMBRE.......: ACME S.A. DE C.V.`` read as ``NOMBRE foc
    ee ACME S.A. DE C.V.``): when what was read ends in no legal form but the words after it on its line hold a
    company's name that does, from a word in capitals on, that name is the value."""
    if not isinstance(found.value, str) or _is_company(found.value) or not found.words:
        return found
    first = found.words[0]
    for lay in pages:
        if lay.number != found.page:
            continue
        for line in lay.lines:
            at = next((k for k, w in enumerate(line.words) if w is first), None)
            if at is None:
                continue
            for start in range(at, len(line.words)):
                word = line.words[start].text
                if not (len(word) >= 2 and word.isalpha() and word.isupper()):
                    continue
                words = line.words[start:]
                parsed = parse_name(" ".join(w.text for w in words))
                if parsed is not None and parsed[1][0] == 0 and _is_company(parsed[0]):
                    return replace(found, value=parsed[0], words=words, raw=" ".join(w.text for w in words))
            return found
    return found


def _wrapped_name(pages: list[PageLayout], found: Found) -> Found:
    """A name its cell wrapped onto the next line (``TECNOLOGIA AUTOMOTRIZ QUERETANA`` over ``S.A. DE C.V.``,
    ``… BAJIO S.A.`` over ``DE C.V.``): when the next line holds, left-aligned under the name and before anything
    right of it, only words that end the name in a longer legal form than it ends in, they are the name's too."""
    if not isinstance(found.value, str) or not found.words:
        return found
    lay = next((lay for lay in pages if lay.number == found.page), None)
    first, last = found.words[0], found.words[-1]
    at = next((k for k, line in enumerate(lay.lines) if any(w is last for w in line.words)), None) if lay else None
    if lay is None or at is None or at + 1 >= len(lay.lines):
        return found
    line, below = lay.lines[at], lay.lines[at + 1]
    if below.top - line.bottom > line.height:
        return found
    height = line.height
    following = [w for w in line.words if w.x0 > last.x1]
    edge = min((w.x0 for w in following), default=lay.width)
    words = [w for w in below.words if first.x0 - 0.5 * height <= w.x0 and w.x1 <= edge and norm(w.text)]
    if not words or abs(words[0].x0 - first.x0) > 0.5 * height:
        return found
    if any(w.x0 < first.x0 - 0.5 * height and norm(w.text) for w in below.words if w.x1 > first.x0):
        return found
    value = f"{found.value} {' '.join(w.text for w in words)}"
    if len(_form_of(value)) <= len(_form_of(found.value)):
        # the name's own legal form already ends it (``S.A.`` not run on into ``S.A. DE C.V.``)
        return found
    every = [*found.words, *words]
    return replace(found, value=legal_form(value), words=every, raw=" ".join(w.text for w in every))


def _form_of(name: str) -> str:
    """The legal form ``name`` ends in, as printed, or the empty string."""
    value = legal_form(name)
    return max((form for form in LEGAL_FORMS if value.endswith(" " + form)), key=len, default="")


def _is_company(name: str) -> bool:
    return any(legal_form(name).endswith(" " + form) for form in LEGAL_FORMS)


def _words_after_colon(found: Found, value: str) -> Found:
    """``found`` read as ``value``, from the words after the last one holding a colon (the label's rest is no
    part of the name's box, nor of its confidence)."""
    last = max((k for k, w in enumerate(found.words) if ":" in w.text), default=-1)
    words = found.words[last + 1 :] or found.words
    return replace(found, value=value, words=words, raw=" ".join(w.text for w in words))


def _entry_or_presentation(result: ResultBuilder, found: Found) -> None:
    """The date of an ``Entrada/Presentación`` cell: an export's presentation date, else (an import, or an
    operation not read) its entry date; a date read under a label of its own is kept."""
    operation = result.fields.get("operation_type", {}).get("value")
    name = "presentation_date" if operation == "EXP" else "entry_date"
    if name not in result.fields:
        _set(result, name, found, found.value)


def _import_dates(result: ResultBuilder) -> None:
    """An import's dates are its entry and its payment: a system that prints every date it holds (a FECHAS block
    with ``PRESENTACION`` and ``EXTRACCION`` too) gives an import a presentation date the pedimento does not have
    (Anexo 22 prints the presentation date in the entry date's place on an export). With the entry date read, it
    is dropped."""
    operation = result.fields.get("operation_type", {}).get("value")
    if operation == "IMP" and "entry_date" in result.fields:
        result.fields.pop("presentation_date", None)


def _labelled(pages: list[PageLayout], hits: list[Any], name: str, parser: Any) -> Found | None:
    """The value of the first label of ``name`` that has one: beside it, in the box under it, or far right on its
    line (a label list whose values are aligned at the column's right edge). Labels are tried in reading order,
    so the importer's RFC wins over the broker's printed further down."""
    by_page = {lay.number: lay for lay in pages}
    own = sorted((h for h in hits if h.key == name), key=lambda h: _phrase_tail(by_page[h.page], h))
    for hit in own:
        if _marked_none(by_page[hit.page], hit):
            continue
        only = [h for h in hits if h.key != name or h is hit]
        found = find_value(pages, only, name, parser)
        if found is None:
            found = _far_right(pages, only, name, parser)
        if found is None:
            found = _overprinted(by_page[hit.page], hit, only, parser)
        if found is not None:
            return found
    return None


def _overprinted(lay: PageLayout, hit: Any, hits: list[Any], parser: Any) -> Found | None:
    """The value printed on the label's own baseline in a column the label runs into: a long label
    (``PRECIO PAGADO/VALOR COMERCIAL:``) printed over the start of its value (``117626``). The words overlap, so
    they stand apart as a line of their own at the label's height; the value is the one that starts under the
    label's last words and ends past it, before the next label on the line."""
    label_line = lay.lines[hit.line]
    height = label_line.height
    edge = min((h.x0 for h in hits if h.page == hit.page and h.line == hit.line and h.x0 > hit.x1), default=1e9)
    for k, line in enumerate(lay.lines):
        if k == hit.line or abs(line.top - label_line.top) > 0.3 * height:
            continue
        if abs(line.bottom - label_line.bottom) > 0.3 * height:
            continue
        words = [w for w in line.words if hit.x0 < w.x0 < hit.x1 < w.x1 < edge]
        found = apply_parser(parser, words, hit.page, 0.9)
        if found is not None:
            return found
    return None


# what a system prints in a field's place when the pedimento has no such value (``Programa IMMEX: N/A``)
_NONE_MARKS = frozenset({"NA", "NINGUNO", "NINGUNA", "NONE"})
# the words that join a phrase's last word to the words before it (``Detalle de pedimento de entrada``)
_JOINERS = frozenset({"DE", "DEL", "OF"})


def _marked_none(lay: PageLayout, hit: Any) -> bool:
    """Whether the label's value, right after it on its line, is the mark of a value the pedimento does not have:
    the field is empty there, and nothing further along the line (another label's value) is its value."""
    if hit.rest:
        return "".join(ch for ch in norm(hit.rest) if ch.isalnum()) in _NONE_MARKS
    words = lay.lines[hit.line].words[hit.end + 1 :]
    after = next((w for w in words if norm(w.text)), None)
    return after is not None and "".join(ch for ch in norm(after.text) if ch.isalnum()) in _NONE_MARKS


def _phrase_tail(lay: PageLayout, hit: Any) -> bool:
    """Whether the label's words end a longer phrase (a title's ``... de entrada``, joined to the words before it
    by ``de``): a weaker reading of the label than one that starts its own words, tried after those."""
    if hit.start == 0:
        return False
    return norm(lay.lines[hit.line].words[hit.start - 1].text) in _JOINERS


def _far_right(pages: list[PageLayout], hits: list[Any], name: str, parser: Any) -> Found | None:
    """The value at the end of the label's line, before the next label on it: where a system prints the money
    in a column at the right edge, beyond the gap ``find_value`` stops at."""
    by_page = {lay.number: lay for lay in pages}
    for hit in hits:
        if hit.key != name:
            continue
        line = by_page[hit.page].lines[hit.line]
        edge = min((h.x0 for h in hits if h.page == hit.page and h.line == hit.line and h.x0 > hit.x1), default=1e9)
        words = [w for w in line.words[hit.end + 1 :] if w.x0 < edge]
        found = apply_parser(parser, words, hit.page, 0.9)
        if found is not None:
            return found
    return None


def _importer_first(pages: list[PageLayout], table: tuple[int, int], result: ResultBuilder) -> None:
    """The importer's RFC and name are printed in the header, before the partidas; the broker's at the end. When
    OCR lost the header's label, the labelled one read is the broker's: the one printed before the table is
    taken (a name only when it ends in a company's legal form, so a supplier's foreign name is not)."""
    for name, parser in (("importer_exporter_rfc", parse_rfc), ("importer_exporter_name", _company)):
        cell = result.fields.get(name)
        if cell is None or cell.get("page") is None or (cell["page"], _line_of(pages, cell)) < table:
            continue
        found = _before(pages, table, parser, cell["value"])
        if found is None:
            if any(lay.ocr for lay in pages):
                result.warn(
                    "missing_field",
                    "The importer's or exporter's "
                    + ("RFC" if parser is parse_rfc else "name")
                    + " could not be read in the header; the one read is printed after the partidas and may be "
                    "the broker's. Check it against the paper.",
                    name,
                )
            continue
        value, confidence = settle_name(found) if parser is _company else (found.value, found.confidence)
        # found without its label: believed less than a labelled value
        result.set(name, value, confidence * 0.8, page=found.page, bbox=found.bbox, raw=found.raw)


def _company(text: str) -> tuple[str, tuple[int, int]] | None:
    """A Mexican company's name after a colon (a label's, however OCR read the label)."""
    head, colon, tail = text.rpartition(":")
    parsed = parse_name(tail) if colon else None
    if parsed is None or not any(legal_form(parsed[0]).endswith(" " + form) for form in LEGAL_FORMS):
        return None
    return parsed[0], (len(head) + 1 + parsed[1][0], len(head) + 1 + parsed[1][1])


def _before(pages: list[PageLayout], table: tuple[int, int], parser: Any, other: Any) -> Found | None:
    """The first value ``parser`` reads on a line before the table that is not ``other``."""
    for lay in pages:
        for index, line in enumerate(lay.lines):
            if (lay.number, index) >= table:
                return None
            found = apply_parser(parser, line.words, lay.number, 0.9)
            if found is not None:
                # the value read is printed before the table too: it is the header's own after all
                return None if found.value == other else found
    return None


def _line_of(pages: list[PageLayout], cell: dict[str, Any]) -> int:
    """The index of the line a field's box stands on (its page's last line when no box)."""
    lay = next((lay for lay in pages if lay.number == cell["page"]), None)
    if lay is None or not cell.get("bbox"):
        return 10**6
    top = cell["bbox"][1]  # of the words as printed, before any deskew
    return next(
        (k for k, line in enumerate(lay.lines) if any(abs(_printed(w).top - top) < 1.0 for w in line.words)), 10**6
    )


def _printed(word: Any) -> Any:
    return getattr(word, "original", None) or word


def _set(result: ResultBuilder, name: str, found: Found, value: Any, certainty: float | None = None) -> None:
    confidence = found.confidence if certainty is None else found.confidence * certainty
    result.set(name, value, confidence, page=found.page, bbox=found.bbox, raw=found.raw)


def _search(pages: list[PageLayout], parser: Any) -> Found | None:
    """The first line on any page whose text the parser accepts (for values printed without a label)."""
    for lay in pages:
        for line in lay.lines:
            found = apply_parser(parser, line.words, lay.number, 0.9)
            if found is not None:
                return found
    return None
