"""The parties of a CFDI printout: names and RFCs of the emisor and the receptor, read under their headings or
labels, from the letterhead, or (on scans) from what OCR left of them.

A name is told from what stands beside it by shape: an RFC, a tax regime's key and name, a catalogue phrase or a
label is no name. An RFC is read where its label or its party's heading puts it, put back from OCR's swaps by
its layout and check digit; a generic RFC (a foreign or public receiver's) is never the issuer's.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from extractors import checks, layout
from extractors.cfdi_pdf_labels import BELOW_FIRST, LABEL_WORDS
from extractors.cfdi_pdf_pairs import find_value
from extractors.entities import Entity
from extractors.result import ResultBuilder
from extractors.review_slips import LEGAL_FORM, column_words, only_captions
from extractors.value_labels import code_phrase, label_start


def party_name(text: str) -> tuple[str, tuple[int, int]] | None:
    """A name after an EMISOR / RECEPTOR heading (or its NOMBRE label): letters, not an RFC or a label."""
    parsed = layout.parse_name(text)
    if parsed is None:
        return None
    value, span = parsed
    cut = label_start(value, LABEL_WORDS)
    if cut is not None:
        # the name ran into the next label and its value ("… INC Método de pago: PPD"): the name ends there
        parsed = layout.parse_name(value[:cut]) if cut else None
        if parsed is None:
            return None
        value, span = parsed[0], (span[0] + parsed[1][0], span[0] + parsed[1][1])
    if code_phrase(value) or _REGIME.match(value):
        return None  # a catalogue's value ("99 - Por definir", "PPD") beside the parties is no name
    if not re.search(r"[A-Za-z]{2}", value) or re.fullmatch(r"[A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3}", value):
        return None
    rfc = _RFC_LIKE.search(value.upper())
    if rfc is not None and rfc.end() == len(value) and len(value[: rfc.start()].split()) >= 2:
        # the name, then its RFC in the column beside whose label OCR lost ("PACIFIC COMPONENTS INC
        # XEXX010101000" under "Nombre  REC"): the name is what comes before
        before = party_name(value[: rfc.start()])
        return (before[0], (span[0] + before[1][0], span[0] + before[1][1])) if before is not None else None
    if rfc is not None:
        return None  # an RFC beside a label OCR broke ("RE.C.: AGEI30127HA2"): no name holds one
    if layout.norm(value) in LABEL_WORDS:
        return None
    if only_captions(value, column_words("cfdi")):
        return None  # a table's headings under a label whose value was looked for below it: captions, no name
    return _AMPERSAND.sub(" & ", value), span


# A token of an RFC's length with at least four digits (its date), as printed or as OCR left it.
_RFC_LIKE = re.compile(r"(?<![A-Z0-9&Ñ])(?=(?:[A-Z&Ñ]*\d){4})[A-Z0-9&Ñ]{12,13}(?![A-Z0-9&Ñ])")


# A tax regime as printed beside the parties: its c_RegimenFiscal key (601–630) and the regime's name
# ("601 General de Ley Personas Morales", "612 - Personas Físicas con Actividades Empresariales").
_REGIME = re.compile(r"\s*6[0-3]\d\s*[-–:]?\s+[A-Za-zÁÉÍÓÚáéíóú]")


# OCR reads the "&" of "WIRE & CABLE" as an 8 (or a £ at low resolution): a lone 8 or £ between two words of
# letters in a name is the "&"; so is a £ that OCR ran into the word before or after (``WIRE-£ CABLE``), as no
# name prints a pound sign between its words.
_AMPERSAND = re.compile(r"(?<=[A-Za-z])(?: [8£] |\s?-?£-?\s?)(?=[A-Za-z])")


def rfc_value(text: str) -> tuple[str, tuple[int, int]] | None:
    """An RFC as ``layout.parse_rfc`` reads it; failing that with a final ``O`` read as the zero it must be (the
    check digit is a digit or ``A``), or split in two by a space OCR put in it."""
    parsed = layout.parse_rfc(text)
    if parsed is not None:
        return parsed
    match = re.search(r"\b[A-Z0-9&Ñ]{11,12}O\b", text.upper())
    fixed = layout.parse_rfc(match.group(0)[:-1] + "0") if match is not None else None
    if match is not None and fixed is not None:
        return fixed[0], match.span()
    return split_rfc(text)


# Two runs of an RFC's characters with one space between, as OCR splits a word it read with a gap.
_SPLIT_RFC = re.compile(r"(?<![A-Z0-9&Ñ])([A-Z0-9&Ñ]{3,12}) ([A-Z0-9&Ñ]{1,10})(?![A-Z0-9&Ñ])")


def split_rfc(text: str) -> tuple[str, tuple[int, int]] | None:
    """An RFC OCR split in two words (``JST8703258W 1``): the two runs together make one only when its layout
    and its check digit hold, which two unrelated words almost never do."""
    for match in _SPLIT_RFC.finditer(text.upper()):
        joined = match.group(1) + match.group(2)
        if len(joined) in (12, 13) and checks.rfc_is_valid(joined) and joined not in checks.GENERIC_RFCS:
            return joined, match.span()
    return None


# The certifier (PAC) is the third party every stamped CFDI names, never the issuer nor the receiver: its RFC is
# the fourth field of the stamp's original chain (``||1.1|UUID|date|RFC|…``), or printed under its own label, the
# stamp's attribute name (RfcProvCertif) or "RFC del PAC", "RFC del proveedor de certificación".
CERTIFIER_IN_CHAIN = re.compile(r"\|\|1\.[01]\|[^|]*\|[^|]*\|([A-Z&Ñ0-9]{12,13})\|")
CERTIFIER_LABELLED = re.compile(
    r"(?:RF[CE]\s*PROV\s*CERTIF|RF[CE]\s*(?:DEL\s*)?(?:PAC|PROVEEDOR\s*(?:DE\s*)?CERTIFICACI[OÓ]N)"
    # English printouts put the RFC after its owner ("PAC RFC", "Certifier's RFC")
    r"|(?:PAC|CERTIFIER|CERTIFICATION\s*PROVIDER)(?:'S)?\s*RF[CE])"
    r"\b[^A-Z0-9&Ñ\n]{0,4}([A-Z&Ñ0-9]{12,13})\b"
)


# The chain's stamping date-time (ISO, ``2024-06-14T11:14:49``) and, one separator on, the certifier's RFC: the
# chain known by its order where OCR misread its bars (``II1.1I…``) and spaced the time's digits (``T1 1:1 4:49``).
# Only the stamp's chain prints an RFC right after an ISO date-time (the comprobante's own puts its payment form or
# certificate number there).
CERTIFIER_AFTER_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T[\d :.]{5,12}\W{1,3}([A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3})(?![A-Z0-9])")


def certifier_rfcs(text: str) -> set[str]:
    """The certifier's RFCs the text prints (in the stamp's chain or under a certifier's label)."""
    upper = text.upper()
    found = set(CERTIFIER_IN_CHAIN.findall(upper)) | set(CERTIFIER_LABELLED.findall(upper))
    return found | set(CERTIFIER_AFTER_STAMP.findall(upper))


# Mexican legal forms a company's name ends in: S.A. (also S.A.P.I., S.A.B.) de C.V., S. de R.L. (de C.V.),
# S.C., S.A., S.A.S. and A.C.
_LEGAL_FORM = re.compile(
    r"\b(?:S\.?\s?A\.?(?:\s?P\.?\s?I\.?|\s?B\.?)?\s+DE\s+C\.?\s?V\.?|S\.?\s?DE\s+R\.?\s?L\.?(?:\s+DE\s+C\.?\s?V\.?)?|"
    r"S\.?\s?C\.?|S\.?\s?A\.?(?:\s?S\.?)?|A\.?\s?C\.?)\s*$",
    re.IGNORECASE,
)


_GLUED_LABEL = re.compile(r"(?<=\.)\s*R\.?\s?F\.?\s?C\.?\s*:?\s*$", re.IGNORECASE)


def trim_glued_label(name: Any) -> Any:
    """A name whose legal form runs into the next label without a space ("… DE C.V.RFC"): the name alone."""
    if not isinstance(name, str):
        return name
    trimmed = _GLUED_LABEL.sub("", name)
    return trimmed if trimmed and _LEGAL_FORM.search(trimmed) else name


def unlabelled_rfc(entity: Entity) -> float:
    """Confidence of an RFC read by its shape alone, with no label beside it: a check digit that holds (and a
    value that is not a generic RFC) makes a misread unlikely; otherwise a person should look."""
    if entity.valid and entity.value not in checks.GENERIC_RFCS:
        return UNLABELLED_VALID_RFC
    return 0.6


UNLABELLED_VALID_RFC = 0.8


def issuer_from_letterhead(out: ResultBuilder, pages: list[layout.PageLayout]) -> None:
    """Without an issuer label: the company (a name ending in a legal form) printed at the top of page 1."""
    if not pages:
        return
    page = pages[0]
    receiver = layout.norm(str(out.fields.get("receiver_name", {}).get("value", "")))
    for line in page.lines:
        if line.top > 0.2 * page.height:
            break
        words = line.words[:1]
        for word in line.words[1:]:  # the name ends at a wide gap (a title set right of it)
            if word.x0 - words[-1].x1 > 1.5 * max(1.0, words[-1].bottom - words[-1].top):
                break
            words.append(word)
        # the name ends at its legal form: words after it (a label of the next column set close) are not it
        while len(words) > 1 and not _LEGAL_FORM.search(" ".join(word.text for word in words)):
            words = words[:-1]
        text = " ".join(word.text for word in words)
        parsed = layout.parse_name(text)
        if parsed is None or not _LEGAL_FORM.search(parsed[0]) or layout.norm(parsed[0]) == receiver:
            continue
        box = [min(w.x0 for w in words), line.top, max(w.x1 for w in words), line.bottom]
        out.set("issuer_name", parsed[0], 0.75, page=page.number, bbox=box, raw=text)
        return


# A name whose legal form the words after it on its line go on with ("S. DE R.L." then "DE C/WVerie", the "de
# C.V." OCR ran into the next label): the form read is a shorter one than printed. The reader's certainty is
# scaled by this, so that no confirmation of the words read lifts it past review.
CUT_SHORT = 0.7


def _form_runs_on(dropped: list[Any], ocr: bool = False) -> bool:
    """Whether the words left after a legal form go on with it: a joining word ("DE", "Y") opens them; on a scan
    also "DB" (OCR's reading of a small-print "DE") or what OCR left of a "C.V." whose "DE" it dropped ("CVs")."""
    if not dropped:
        return False
    word = dropped[0].text.strip(",.").upper()
    return word in ("DE", "Y") or (ocr and (word == "DB" or _CV_LEFT.fullmatch(word) is not None))


_CV_LEFT = re.compile(r"C\W?V\W?[A-Z]?")


def names_cut_short(out: ResultBuilder, pages: list[layout.PageLayout]) -> None:
    """A party's name read up to a legal form that its line goes on with ("… S. DE RL." then "DB CVs", the "de
    C.V." OCR broke off; a letterhead's "S. DE R.L." then "DE C/WVerie"): the name read is shorter than printed,
    and goes to review."""
    for key in ("issuer_name", "receiver_name"):
        cell = out.fields.get(key)
        raw = str((cell or {}).get("raw") or "").strip()
        if cell is None or not _LEGAL_FORM.search(raw) or not _cut_on_page(raw, pages):
            continue
        out.fields[key] = {**cell, "confidence": round(float(cell.get("confidence") or 0.0) * CUT_SHORT, 4)}


def _cut_on_page(raw: str, pages: list[layout.PageLayout]) -> bool:
    """Whether a line of the pages prints ``raw`` and goes on with its legal form right after it."""
    size = len(raw.split())
    for page in pages:
        for line in page.lines:
            texts = [word.text for word in line.words]
            for k in range(len(texts) - size):
                if " ".join(texts[k : k + size]) == raw and _form_runs_on(line.words[k + size :], page.ocr):
                    return True
    return False


# The words a name cut at its box's edge ends with on its first line: a joining word ("… ELECTRONICOS DE" over
# "REYNOSA S. DE R.L. DE C.V."), or a comma; no name ends so.
_JOINING_END = re.compile(r"(?:\b(?:DE|DEL|Y|E|LA|LAS|LOS|EL|&)|,)\s*$", re.IGNORECASE)


def names_wrapped(out: ResultBuilder, pages: list[layout.PageLayout]) -> None:
    """A party's name that a narrow box wrapped onto the line under it ("ENSAMBLES ELECTRONICOS DE" over
    "REYNOSA S. DE R.L. DE C.V."): the name read ends with a joining word, or has no legal form while the line
    under it ends in one; that line starts where the name starts (the box's left edge), right under it, and its
    first run of words holds no figure and no label. The two lines are the name."""
    by_page = {page.number: page for page in pages}
    for key in ("issuer_name", "receiver_name"):
        cell = out.fields.get(key)
        if cell is None or not cell.get("bbox") or cell.get("page") not in by_page:
            continue
        page, box = by_page[cell["page"]], cell["bbox"]
        name = str(cell.get("value") or "")
        printed = _printed_at(page, " ".join(str(cell.get("raw") or "").split()))
        if printed is None or printed[0] + 1 >= len(page.lines):
            continue
        index, left = printed
        line, under = page.lines[index], page.lines[index + 1]
        height = max(line.height, 1.0)
        if under.top - line.bottom > 0.8 * height:
            continue
        run = first_run_from(under, left, height)
        text = " ".join(w.text for w in run).strip()
        if not text or any(ch.isdigit() for ch in text) or layout.norm(text) in LABEL_WORDS:
            continue
        if not (_JOINING_END.search(name) or (not LEGAL_FORM.search(name) and LEGAL_FORM.search(text))):
            continue
        joined = f"{name} {text}"
        parsed = party_name(joined)
        if parsed is None or parsed[1] != (0, len(joined)):
            continue
        bbox = [box[0], box[1], max(box[2], box[0] + run[-1].x1 - left), box[3] + run[-1].bottom - line.bottom]
        out.set(key, parsed[0], float(cell.get("confidence") or 0.0), page=page.number, bbox=bbox, raw=joined)


def _printed_at(page: layout.PageLayout, raw: str) -> tuple[int, float] | None:
    """The line that prints ``raw`` as a run of its words, and the left edge of the run's first word."""
    size = len(raw.split())
    for k, line in enumerate(page.lines):
        texts = [word.text for word in line.words]
        for start in range(len(texts) - size + 1):
            if " ".join(texts[start : start + size]) == raw:
                return k, line.words[start].x0
    return None


def first_run_from(line: layout.Line, left: float, height: float) -> list[Any]:
    """The line's first run of words when it starts at ``left`` (within half a text height), up to the first gap
    wider than a few text heights (the next cell's text); empty when the line starts elsewhere."""
    words = [w for w in line.words if layout.norm(w.text)]
    if not words or abs(words[0].x0 - left) > 0.5 * height:
        return []
    run = words[:1]
    for word in words[1:]:
        if word.x0 - run[-1].x1 > 2.5 * height:
            break
        run.append(word)
    return run


# A name read from the line above its RFC with no heading or label to say whose it is: a person confirms it.
NAME_ABOVE_RFC = 0.65
# The same name above a generic RFC (XEXX010101000, a foreign receiver's; XAXX010101000, the public's), which only
# a receptor ever carries, and ending in a company's legal form: whose it is and that it is a name are both sure.
NAME_ABOVE_GENERIC_RFC = 0.8


def first_run(line: layout.Line) -> list[Any]:
    """The line's words up to the first gap wider than a few text heights: a party's block sets its name at the
    block's left, and a word far right across such a gap (the document's title, ``Factura``, printed in the box
    beside) belongs to another box of the page."""
    words = list(line.words)
    for k in range(1, len(words)):
        if words[k].x0 - words[k - 1].x1 > 2.5 * max(line.height, 1.0):
            return words[:k]
    return words


def name_above_rfc(out: ResultBuilder, pages: list[layout.PageLayout], name: str, rfc: str) -> None:
    """A party's name on the line right above its RFC (a party block that prints the name, then ``RFC: …``),
    when the block's heading was not read (OCR lost it): the whole line, if it reads as a name and is not the
    other party's."""
    value = str(out.fields.get(rfc, {}).get("value") or "")
    other = {layout.norm(str(cell.get("value", ""))) for key, cell in out.fields.items() if key.endswith("_name")}
    if not value:
        return
    for page in pages:
        for index, line in enumerate(page.lines[1:], start=1):
            if not any(value in word.text.upper() for word in line.words):
                continue
            words = first_run(page.lines[index - 1])
            found = layout.apply_parser(party_name, words, page.number, 1.0)
            if found is None or found.raw != " ".join(w.text for w in words).strip():
                continue
            if layout.norm(found.value) in other:
                continue
            sure = value in checks.GENERIC_RFCS and LEGAL_FORM.search(str(found.value)) is not None
            confidence = NAME_ABOVE_GENERIC_RFC if sure else NAME_ABOVE_RFC
            out.set(name, found.value, confidence, page=page.number, bbox=found.bbox, raw=found.raw)
            return


def in_own_column_below(pages: list[layout.PageLayout], hits: list[layout.LabelHit], key: str) -> layout.Found | None:
    """A name under its heading when the lines interleave with a list of labels further right: the words below,
    left of the far column, that are no label."""
    by_page = {page.number: page for page in pages}
    for hit in hits:
        if hit.key != key:
            continue
        page = by_page[hit.page]
        labelled = {(h.line, k) for h in hits if h.page == hit.page for k in range(h.start, h.end + 1)}
        edge = hit.x0 + 0.45 * page.width
        for li in range(hit.line + 1, min(len(page.lines), hit.line + 3)):
            words = []
            for k, w in enumerate(page.lines[li].words):
                if (li, k) in labelled:
                    break  # what follows a label is its value ("Régimen fiscal: 601 General de Ley"), no name
                if hit.x0 - 4 <= w.x0 < edge and w.text.strip():
                    words.append(w)
            if words:
                found = layout.apply_parser(party_name, words, hit.page, 0.85)
                if found is not None:
                    return found
    return None


def name_after_heading(pages: list[layout.PageLayout], hits: list[layout.LabelHit], key: str) -> layout.Found | None:
    """A NOMBRE label in the lines under an EMISOR / RECEPTOR heading: its value is the party's name."""
    names = [hit for hit in hits if hit.key == "_name"]
    for heading in (hit for hit in hits if hit.key == key):
        for hit in names:
            if hit.page == heading.page and heading.line < hit.line <= heading.line + 3:
                if _nearer_heading(hits, hit, heading):
                    continue  # the NOMBRE of another panel set beside this one
                # the other NOMBRE labels stay as labels (they bound the value's column) but are not read
                below = [h if h.key != "_name" or h is hit else dataclasses.replace(h, key="_other") for h in hits]
                found = layout.find_value(pages, below, "_name", party_name)
                if found is not None:
                    return found
    return None


def _heading_of(hits: list[layout.LabelHit], hit: layout.LabelHit, width: float) -> layout.LabelHit | None:
    """The EMISOR / RECEPTOR heading a label belongs to: among the headings up to six lines above it on its
    page, one in its column (panels side by side) before one further across, then the nearest above."""
    above = [h for h in hits if h.key in BELOW_FIRST and h.page == hit.page and hit.line - 6 <= h.line <= hit.line]
    if not above:
        return None
    return min(above, key=lambda h: (abs(h.x0 - hit.x0) > 0.25 * width, hit.line - h.line, abs(h.x0 - hit.x0)))


def rfcs_under_headings(out: ResultBuilder, pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> None:
    """An "RFC" label under an Emisor or Receptor heading (or in its panel): the RFC right of it or below is
    that party's (read with OCR's letter/digit swaps put back)."""
    by_page = {page.number: page for page in pages}
    for hit in hits:
        if hit.key != "_rfc":
            continue
        page = by_page[hit.page]
        heading = _heading_of(hits, hit, page.width)
        if heading is None and (hit.page != 1 or hit.top > 0.2 * page.height):
            continue
        # an RFC label in the letterhead, under no heading, gives the issuer's
        name = "receiver_rfc" if heading is not None and heading.key == "receiver_name" else "issuer_rfc"
        if name in out.fields:
            continue
        others = [dataclasses.replace(h, key="_other") for h in hits if h.key == "_rfc" and h is not hit]
        labels = [hit, *others, *(h for h in hits if h.key != "_rfc")]
        found = find_value(pages, labels, "_rfc", rfc_value)
        if found is not None and name == "issuer_rfc" and found.value in checks.GENERIC_RFCS:
            # a generic RFC (foreign or public receiver) is never the issuer's: the receiver's, its heading unread
            name = "receiver_rfc"
            if name in out.fields:
                continue
        if found is not None:
            out.set(name, found.value, found.confidence * 0.95, page=found.page, bbox=found.bbox, raw=found.raw)


def _nearer_heading(hits: list[layout.LabelHit], hit: layout.LabelHit, heading: layout.LabelHit) -> bool:
    """Whether another party heading stands closer above ``hit`` (panels side by side: Emisor | Receptor). A
    heading further up than ``heading`` is not closer (panels one under the other, their headings in one
    column: OCR's few points of drift make no heading nearer)."""
    mine = abs(hit.x0 - heading.x0)
    return any(
        other.key in BELOW_FIRST
        and other is not heading
        and other.page == hit.page
        and heading.line <= other.line <= hit.line
        and abs(hit.x0 - other.x0) < mine
        for other in hits
    )


# An RFC put back from OCR's letter/digit swaps by its layout and check digit: right, but a person confirms it.
REPAIRED_RFC = 0.7


def repaired_rfc(text: str) -> tuple[str, str] | None:
    """The first word of ``text`` that is an RFC once OCR's swaps are undone (``AGEI30127HA2``) and whose check
    digit then holds, with the word as printed."""
    for word in text.split():
        token = word.strip(".,:;()[]")
        if len(token) not in (12, 13):
            continue
        parsed = layout.parse_rfc(token)
        if parsed is not None and checks.rfc_is_valid(parsed[0]):
            return parsed[0], token
    return None
