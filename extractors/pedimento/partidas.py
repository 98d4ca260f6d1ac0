"""The partidas table: column headers as data, the lines that are not partidas, and one partida's cells."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Any

from extractors.entities.normalise import CURRENCY_CODES
from extractors.layout import (
    Cell,
    Record,
    TableSpec,
    found_from_cell,
    norm,
    ocr_digits,
    parse_country,
    parse_int,
    parse_number,
    parse_regex,
    parse_text,
)
from extractors.pedimento.cells import (
    description_from_part,
    join_split_figures,
    place_countries,
    value_added_from_part,
    without_margin_words,
)
from extractors.pedimento.grid_count import is_counter
from extractors.pedimento.printed_order import in_printed_order
from extractors.pedimento.run_together import split_fraccion_and_sec, split_prices, split_unit_and_value_added
from extractors.pedimento.units import parse_unit_name


def _is_int(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}", ocr_digits(text).strip(" .:;,'")))


def _is_number(text: str) -> bool:
    return all(parse_number(tok) is not None for tok in text.split())


def _is_fraccion(text: str) -> bool:
    """An 8-digit fracción, dotted or not, or fracción and NICO printed together (10 digits)."""
    return bool(re.fullmatch(r"\d{4}\.?\d{2}\.?\d{2}(\.?\d{2})?", ocr_digits(text).replace(" ", "")))


def _is_code(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}", ocr_digits(text).strip()))


# A unit's code with its name, as a query page prints it (``6 - PIEZA``, ``1 KILO``; Anexo 22 Apéndice 7).
_UNIT_NAMED_RE = re.compile(r"\d{1,2}\s*-?\s*[A-Z][A-Z ]*")


def _is_unit(text: str) -> bool:
    """A unit of measure's code, alone or followed by its name (the name is the code's, not a description)."""
    return _is_code(text) or bool(_UNIT_NAMED_RE.fullmatch(text.strip().upper()))


def _is_country(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{3}", text.strip().upper()))


# the cell tests other steps of the reader share
is_int, is_fraccion, is_country = _is_int, _is_fraccion, _is_country


def _is_part(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and len(text.split()) <= 2


# Contributions printed per partida (Anexo 22 Apéndice 12), on a line of their own: CON. TASA T.T. F.P. IMPORTE.
CONTRIBUTIONS = frozenset(
    "IVA IGI IGE DTA IEPS ISAN CC PRV ECI REC MT ISR BB IVAPRV IGIIGE CNT DFC EUR RT 201 202 ICP".split()  # noqa: SIM905
)
# What ends a partida's own text: its identifiers and observations (they are not partidas, nor description).
_CLOSERS = ("IDENTIF", "IDENTIFICADORES", "IDENTIFICADOR", "OBSERVACIONES")
# Lines of the page's furniture that can fall inside the partidas block; and a group's subtotal line between groups
# of partidas (a "por factura" report's ``SUBTOTAL FACTURA …: PARTIDAS 2 VAL.ADU …``), no partida's words.
_NOISE = ("FECHAIMPRESION", "REFERENCIA", "CTE", "PAGINA", "ANEXODELPEDIMENTO", "SUBTOTAL")


# The codes of the contributions a system may print as columns of the partida's row (Anexo 22 Apéndice 12).
_COLUMN_CODES = ("IGI", "IVA", "IEPS", "DTA", "ISAN", "IGE", "CC")

# A contribution's rate is printed with four or more decimals (16.0000000000); then tipo de tasa, forma de pago
# and the amount, all figures.
_RATE_RE = re.compile(r"\d{1,3}\.\d{4,}")
_FIGURES_RE = re.compile(r"[\d,.:]+")
_LONG_RATE_RE = re.compile(r"\d{1,3}\.\d{6,}")
_GLUED_RATE_RE = re.compile(r"([A-Za-z1!|]{2,5})[.,](\d{1,3}\.\d{4,})")
_ONE_CHAR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


def _is_contribution(words: list[str]) -> bool:
    """A contribution line as OCR may read it ("IG! 0.0000 1 0:0", "IVA 16.0000000000 1 O 156618"): a short code
    (or none), a rate with four or more decimals, then at least two more figures. A code is never a plain
    number: "46 0.39474 45 0" is a partida's values row (valor aduana, a five-decimal unit price, ...)."""
    glued = _GLUED_RATE_RE.fullmatch(words[0]) if words else None
    if glued:
        # the code run into its rate ("IGI.0.0000000000")
        words = [glued.group(1), glued.group(2), *words[1:]]
    texts = [ocr_digits(t if len(t) > 1 else t.translate(_ONE_CHAR_DIGITS)) for t in words]
    for k in (0, 1):
        if k == 1 and (not texts or len(texts[0]) > 5 or parse_number(words[0]) is not None):
            break
        rest = texts[k + 1 :]
        # T.T., F.P. and the amount may run together ("100" for "1 0 0"); a rate printed with six or more
        # decimals, or after a code, is a contribution's whatever follows ("IG! 0.00000 100": a values row has
        # no code before its figures)
        enough = len(rest) >= 2 or (len(rest) == 1 and (k == 1 or _LONG_RATE_RE.fullmatch(texts[k]) is not None))
        if enough and _RATE_RE.fullmatch(texts[k]) and all(_FIGURES_RE.fullmatch(t) for t in rest):
            return True
    return _is_scanned_contribution(words)


# How OCR may print a contribution: its code a letter off (``IGr``, ``IGT``), run into its rate by dots or a colon
# (``IGr..0:0000``), the rate's point read as a colon or lost (``00000``), marks around the figures (``(10270``,
# ``1.2.0"``, ``.0--0``), specks between them (``=``).
_SCANNED_RATE_RE = re.compile(r"\d{1,3}[.:,]\d{4,}|0{4,}")
_SCANNED_FIGURE_RE = re.compile(r"\d[\d,.:\-]*")
_ZEROS_RATE_RE = re.compile(r"0[.:,]?0{3,}[\d\-]?\d?|0{4,}\d?")
_MARKS = "()[]{}°'\"`=~_-—–.,:;«»|“”‘’"
_CODE_LETTERS = str.maketrans({"1": "I", "!": "I", "|": "I", "0": "O"})
_CODES3 = sorted(c for c in CONTRIBUTIONS if len(c) == 3 and c.isalpha())


def _contribution_code(text: str) -> bool:
    code = norm(text.translate(_CODE_LETTERS))
    if code in CONTRIBUTIONS:
        return True
    return len(code) == 3 and any(sum(a != b for a, b in zip(code, c, strict=True)) == 1 for c in _CODES3)


def _is_scanned_contribution(words: list[str]) -> bool:
    """A contribution line as a scan may give it: a contribution's code (or one a letter off), its rate (four
    or more decimals, or a run of zeros whose point was lost), and only figures after it."""
    for cut in range(2, 6):
        # the code run into its rate: the cut where a code stands before a rate
        code, rate = (words[0][:cut], words[0][cut:].lstrip(".,:;")) if words else ("", "")
        if _contribution_code(code) and _SCANNED_RATE_RE.fullmatch(rate):
            words = [code, rate, *words[1:]]
            break
    texts = [t for t in (t.strip(_MARKS) for t in _rate_rejoined(words)) if t]
    texts = texts[:2] + _without_one_speck(texts[2:])
    if len(texts) < 2 or not all(_SCANNED_FIGURE_RE.fullmatch(t) for t in texts[2:]):
        return False
    if len(texts) >= 3 and _contribution_code(texts[0]) and _SCANNED_RATE_RE.fullmatch(texts[1]):
        return True
    # the code misread past knowing (``TGr``, ``PGi``): a short word before a rate of zeros, its point kept or
    # not (``0.0000``, ``000005``, ``0000-1``), is a contribution's whatever it says
    short_code = 2 <= len(texts[0]) <= 4 and sum(ch.isalpha() for ch in texts[0]) >= 2
    return short_code and _ZEROS_RATE_RE.fullmatch(texts[1]) is not None


# Forma de pago, printed among a partida's contributions (``F.P. 0``).
_PAYMENT_FORM = frozenset({"FP", "FPAGO", "FORMAPAGO"})


def _is_contribution_summary(line: Any) -> bool:
    """A partida's contributions summed up on one small line: codes each followed by its amount, the form of
    payment maybe among them (``IGI 0 · IVA 76,716 · F.P. 0``, ``IGI: 0 | IVA: 12,005``). Two pairs or more, one
    of them a contribution's: a description never reads so. On a scan a code and its amount may run together
    and the zero read as a letter (``IGIO IVAO F.P.O``), see ``_is_scanned_summary``."""
    words = [w for w in line.words if norm(w.text)]
    texts = [piece for w in words for piece in _code_and_figure(w.text.strip(_SUMMARY_MARKS))]
    if any(float(w.confidence) < 1.0 for w in words) and _is_scanned_summary(texts):
        return True
    if len(texts) < 4 or len(texts) % 2:
        return False
    codes, figures = texts[0::2], texts[1::2]
    return (
        all(_summary_code(code) for code in codes)
        and any(_summary_code(code) == "contribution" for code in codes)
        and all(_summary_figure(figure) for figure in figures)
    )


_SUMMARY_MARKS = _MARKS + "·•¡¿«»"


def _is_scanned_summary(texts: list[str]) -> bool:
    """A contributions summary as OCR reads it: a code a letter off (``IGL``, ``JVA``), the separators read as marks,
    one word past reading (``E-P.21``). Two codes or more, a figure, and at most one word that is neither."""
    kinds = [
        "code" if _summary_code(t) or _contribution_code(t) else "figure" if _summary_figure(t) else "other"
        for t in texts
    ]
    return kinds.count("code") >= 2 and "figure" in kinds and kinds.count("other") <= 1 and kinds[0] != "figure"


def _summary_code(text: str) -> str | None:
    """ "contribution" or "payment" for a contribution's code or the form of payment's (``IG1``: a letter OCR
    read as a digit), else None."""
    code = norm(text.translate(_CODE_LETTERS))
    if code in CONTRIBUTIONS and not code.isdigit():
        return "contribution"
    return "payment" if code in _PAYMENT_FORM else None


def _summary_figure(text: str) -> bool:
    return parse_number(ocr_digits(text.translate(_ONE_CHAR_DIGITS) if len(text) == 1 else text)) is not None


def _code_and_figure(text: str) -> list[str]:
    """A word as the code and amount OCR ran together (``IGIO`` → ``IGI``, ``O``; ``F.P.21``), else as it is
    (nothing for a mark alone)."""
    if not norm(text):
        return []
    if _summary_code(text) or _summary_figure(text):
        return [text]
    for cut in range(2, len(text)):
        code, figure = text[:cut].rstrip(".:"), text[cut:].lstrip(".:")
        if figure and (_summary_code(code) or _contribution_code(code)) and _summary_figure(figure):
            return [code, figure]
    return [text]


def _rate_rejoined(texts: list[str]) -> list[str]:
    """A rate OCR split at its point (``16 .00000``) made one word again."""
    if len(texts) >= 3 and re.fullmatch(r"\d{1,3}", texts[1]) and re.fullmatch(r"[.:,]\d{4,}", texts[2]):
        return [texts[0], texts[1] + "." + texts[2][1:], *texts[3:]]
    return texts


def _without_one_speck(figures: list[str]) -> list[str]:
    """The figures after a rate with one word OCR made of a one-digit T.T. or F.P. left out (``ay``, ``uf``,
    ``L``): at most one, of one or two letters, among two or more figures."""
    specks = [k for k, t in enumerate(figures) if len(t) <= 2 and t.isalpha()]
    if len(specks) != 1 or len(figures) - 1 < 2:
        return figures
    return [t for k, t in enumerate(figures) if k != specks[0]]


def _partida_noise(line: Any) -> str | None:
    """ "skip" for a contribution line or a page-furniture line, "close" for the start of a partida's identifiers
    or observations; None for a line of the partida itself."""
    tokens = [t for t in line.tokens if t]
    if not tokens:
        return None
    first = tokens[0]
    if first in CONTRIBUTIONS and len(tokens) >= 3 and all(t.isdigit() for t in tokens[1:]):
        texts = [w.text for w in line.words if norm(w.text)]
        # a numeric code (201, 202) is told from a values row that opens with that figure ("202 197 7.57692 0",
        # "202 1.72807 197 0") by what follows it: a rate, a one-digit tipo de tasa, a forma de pago, an importe
        if not first.isdigit() or (
            len(texts) >= 5 and _RATE_RE.fullmatch(ocr_digits(texts[1])) and len(ocr_digits(texts[2])) == 1
        ):
            return "skip"
    if _is_contribution([w.text for w in line.words if norm(w.text)]) or _is_contribution_summary(line):
        return "skip"
    if _superseded_row(tokens, line):
        return "skip"
    if first in _CLOSERS or first.startswith("OBSERVACIONES"):
        # OCR may glue the next word on ("OBSERVACIONES.A NIVEL PARTIDA")
        return "close"
    if sum(w.text.count("*") for w in line.words) >= 3:
        # a line of asterisks: FIN DE PEDIMENTO however OCR spelled it, or a payment stamp
        return "close"
    if tokens == ["FIN"] or is_counter(line):
        # FIN of FIN DE PEDIMENTO that OCR set a little above the rest of its line (its asterisks lost); a web
        # grid's record counter under its last row
        return "close"
    joined = "".join(tokens)
    if any(joined.startswith(n) for n in _NOISE) or _PAGE_OF_PAGES.fullmatch(_spaced_capitals(line)):
        return "skip"
    if first.startswith("FACTURA") and any(mark in joined for mark in _INVOICE_BAND):
        # the band of the invoice the partidas under it came from (``FACTURA 9227527 FECHA 22/08/2025 INCOTERM
        # FOB MONEDA USD VALOR USD 31,355.88 COVE COVEQ1T06YW80``): the invoice's data, no partida's words
        return "skip"
    return None


# What an invoice's band among the partidas prints after its number and no partida line does: its incoterm, its
# COVE (the electronic value voucher), its currency.
_INVOICE_BAND = ("INCOTERM", "COVE", "MONEDA")


# The marks of a rectified partida's two rows (Ley Aduanera art. 89, pedimento R1): what the pedimento said (DICE),
# superseded, and what it must say (DEBE DECIR), which stands.
SUPERSEDED_MARK = "DICE"
STANDING_MARK = ("DEBE", "DECIR")


def _superseded_row(tokens: list[str], line: Any) -> bool:
    """A partida's row marked as what the pedimento said before it was rectified (``DICE`` at either end of a row
    of figures): its values are superseded by the row marked DEBE DECIR and are never the partida's."""
    if SUPERSEDED_MARK not in (tokens[0], tokens[-1]):
        return False
    return sum(parse_number(w.text) is not None for w in line.words) >= 3


def without_standing_mark(record: Record) -> None:
    """A rectified partida's standing row without its DEBE DECIR mark (printed in a column of its own, or after
    the row's last value): the mark is no value."""
    for key, cell in record.cells.items():
        if key == "description":
            continue
        texts = [norm(w.text) for w in cell.words]
        for k in range(len(texts) - 1):
            if (texts[k], texts[k + 1]) == STANDING_MARK:
                cell.words = cell.words[:k] + cell.words[k + 2 :]
                break


# A page's count at its foot or head (``hoja 1 de 2``, ``Página 2 de 4``, ``Page 1 of 3``, ``Hoja 2/3``): no
# partida's text, though a spreadsheet prints it right under the last row.
_PAGE_OF_PAGES = re.compile(r"(?:HOJA|FOJA|PAGINA|PAG|PAGE)\.? ?\d{1,3} ?(?:DE|OF|/) ?\d{1,3}")


def _opens_partida(line: Any) -> bool:
    """Whether a line is a partida's codes line: its SEC, a fracción, codes and figures, countries at its end."""
    words = [w.text for w in line.words]
    return (
        len(words) >= 8
        and _is_int(words[0])
        and _is_fraccion(words[1])
        and _is_country(words[-1])
        and sum(1 for w in words[2:-1] if any(c.isdigit() for c in w)) >= 4
    )


def _spaced_capitals(line: Any) -> str:
    """The line's words in capitals without accents, one space between them (slashes and points kept)."""
    return " ".join(
        unicodedata.normalize("NFKD", w.text.upper()).encode("ascii", "ignore").decode() for w in line.words
    )


PARTIDA_SPEC = TableSpec(
    columns={
        "sequence": ["SEC", "SEC.", "SECUENCIA", "PARTIDA", "NUM. PARTIDA", "LINE"],
        # (an English courtesy translation heads its columns in English: ``MX Tariff | NICO | ... | Tariff qty``)
        "tariff_code": ["FRACCION", "FRACCION ARANCELARIA", "FRACC.", "MX TARIFF", "TARIFF CODE", "TARIFF"],
        "nico": ["SUBD.", "NICO", "SUBD./NICO", "SUBD/NICO", "SUBDIVISION"],
        "vinc": ["VINC.", "VINCULACION", "VIN"],
        "method": ["MET VAL", "MET. VAL.", "METODO VAL", "METODO DE VALORACION", "MET", "MET.", "METODO"],
        # (OCR reads UMC's C as G: too short a label to be matched one edit away)
        "umc": ["UMC", "U.M.C.", "UNIDAD UMC", "UOM", "UMG"],
        "umc_quantity": ["CANTIDAD UMC", "CANT. UMC", "CANT UMC", "QTY"],
        "umt": ["UMT", "U.M.T.", "UNIDAD UMT", "TARIFF UOM"],
        "umt_quantity": ["CANTIDAD UMT", "CANT. UMT", "CANT UMT", "TARIFF QTY"],
        # OCR reads the slash as I, 1 or l ("P. VIC"): those forms are listed, the labels being too short to
        # be matched one edit away
        "seller_buyer_country": [
            "P. V/C",
            "PAIS V/C",
            "P.V/C",
            "PAIS VEND/COMP",
            "PAIS VENDEDOR/COMPRADOR",
            "P. VIC",
            "PAIS VIC",
            "SELLER",
        ],
        "origin_destination_country": [
            "P. O/D",
            "PAIS O/D",
            "P.O/D",
            "PAIS ORIGEN/DESTINO",
            "P. OID",
            "PAIS OID",
            "ORIG.",
            "ORIGIN",
            # a bilingual print abbreviates both halves (``País orig./dest. / Origin/dest.``)
            "PAIS ORIG./DEST.",
            "ORIGIN/DEST.",
        ],
        "description": [
            "DESCRIPCION",
            "DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)",
            "DESCRIPCION DE LA MERCANCIA",
            "DESC.",
            "DESCRIPTION",
        ],
        "customs_value_mxn": [
            "VAL. ADU/USD",
            "VAL. ADU",
            "VALOR ADUANA",
            "VAL ADU/VAL USD",
            "VAL. ADU/VAL. USD",
            "VALOR ADUANA/USD",
            "VAL. ADUANA",
            "CUSTOMS VALUE",
            # an export's partida value is in dollars (Anexo 22: VAL. ADU/USD), captioned so by some systems
            "VALOR USD",
            "VALUE USD",
        ],
        "paid_price_mxn": [
            "IMP. PRECIO PAG.",
            "PRECIO PAGADO",
            "IMPORTE PRECIO PAGADO",
            "PRECIO PAGADO/VALOR COMERCIAL",
            "VALOR COMERCIAL",
            "IMP. PRECIO PAG./VALOR COMERCIAL",
            "PRECIO PAG.",
            "PREC. PAGADO",
            "PREC. PAG.",
            "PAID PRICE",
            "PRICE PAID",
        ],
        "unit_price": [
            "PRECIO UNIT.",
            "PRECIO UNITARIO",
            "PREC. UNIT.",
            "PREC. UNITARIO",
            "P. UNIT.",
            "P. UNITARIO",
            "UNIT PRICE",
        ],
        "value_added": ["VAL. AGREG.", "VALOR AGREGADO", "VAL. AGREGADO", "VALUE ADDED"],
        "part_number": [
            "CODIGO PRODUCTO",
            "CODIGO DE PRODUCTO",
            "COD. PRODUCTO",
            "COD. PROD.",
            "NUM. PARTE",
            "NUM. DE PARTE",
            "NO. PARTE",
            "NO. DE PARTE",
            "NUMERO DE PARTE",
            "PART NO.",
            "PART NUMBER",
        ],
        "brand": ["MARCA"],
        "model": ["MODELO"],
        # NUM. IDENTIFICACION COMERCIAL, whose header some systems break vertically over several lines
        "commercial_id": [
            "NUM. IDENTIFICACION COMERCIAL",
            "IDENTIFICACION COMERCIAL",
            "NUM",
            "IDENT",
            "IFICA",
            "CION",
            "COME",
            "RCIAL",
        ],
        # the partida's contributions, printed beside it: not part of the partida's fields; a system that gives
        # each contribution a column heads it with the contribution's code (IGI, IVA)
        "_contributions": [
            "CON. TASA T.T. F.P. IMPORTE",
            "CON.",
            "CONTRIB.",
            "TASA",
            "T.T.",
            "F.P.",
            "IMPORTE",
            *_COLUMN_CODES,
        ],
    },
    aside=("_contributions",),
    skip_line=lambda line: _partida_noise(line),
    header_depth=8,
    max_gap=4.0,
    gap_record=lambda line: _opens_partida(line),
    anchor="sequence",
    anchor_test=_is_int,
    # a bordered partidas header may leave its SEC cell blank
    unlabelled_anchor=True,
    min_header=4,
    stop=[
        "FIN DE PEDIMENTO",
        "TOTAL DE PARTIDAS",
        "NUMERO DE PARTIDAS",
        "NUM. DE PARTIDAS",
        # an English translation's summary line
        "TOTAL LINE ITEMS",
        "CUADRO DE LIQUIDACION",
        "OBSERVACIONES A NIVEL PEDIMENTO",
        # a totals row under the partidas (the sums of their values)
        "TOTALES DEL PEDIMENTO",
        "TOTAL DEL PEDIMENTO",
        # the broker's signature line, printed under the last partida where no FIN DE PEDIMENTO line closes them
        "AGENTE ADUANAL",
    ],
    free_text="description",
    keep_lead=True,
    row_types={
        "sequence": _is_int,
        "tariff_code": _is_fraccion,
        "nico": _is_code,
        "vinc": _is_code,
        "method": _is_code,
        "umc": _is_unit,
        "umt": _is_unit,
        "umc_quantity": _is_number,
        "umt_quantity": _is_number,
        "seller_buyer_country": _is_country,
        "origin_destination_country": _is_country,
        "customs_value_mxn": _is_number,
        "paid_price_mxn": _is_number,
        "unit_price": _is_number,
        "value_added": _is_number,
        "part_number": _is_part,
    },
)

# A mark OCR put between a figure's digits and its decimal point (``1181:.57250``).
_MARK_BEFORE_POINT = re.compile(r"(?<=\d)[:;'`](?=\.\d)")


# A decimal point OCR read as a comma: a comma before four or more digits that end the word, in a word with no point
# (a thousands group has three digits: ``1198,22418`` is 1198.22418).
_COMMA_POINT = re.compile(r"^(\d+),(\d{4,})$")
# A thousands comma OCR read as a semicolon (``42;568.000``): before three digits that end the group.
_SEMICOLON_COMMA = re.compile(r"(?<=\d);(?=\d{3}(?!\d))")


# A decimal point OCR read as a colon: a colon before four or more digits that end the word, in a word with no
# point (a thousands group has three digits, so ``52:53571`` is 52.53571 and ``1:234`` is left alone).
_COLON_POINT = re.compile(r"^(\d+):(\d{4,})$")


def _parse_figure(text: str) -> tuple[float, tuple[int, int]] | None:
    """A partida's figure, without a mark OCR set before its decimal point or read for it."""
    text = _SEMICOLON_COMMA.sub(",", _COMMA_POINT.sub(r"\1.\2", _COLON_POINT.sub(r"\1.\2", text)))
    cleaned = _MARK_BEFORE_POINT.sub("", text)
    parsed = parse_number(cleaned)
    if parsed is None:
        return None
    value, (start, end) = parsed
    return value, (start, min(len(text), end + len(text) - len(cleaned)))


_CODE2 = parse_regex(r"(?<!\d)(\d{1,2})(?!\d)", digits=True, group=1)


def _parse_unit(text: str) -> tuple[str, tuple[int, int]] | None:
    """A unit's Apéndice 7 code: printed as the code, or as the unit's name alone."""
    return _CODE2(text) or parse_unit_name(text)


PARTIDA_PARSERS: dict[str, Any] = {
    "sequence": parse_int,
    "tariff_code": parse_regex(r"(?<!\d)(\d{4}\.?\d{2}\.?\d{2}(?:\.?\d{2})?)(?!\d)", digits=True, group=1),
    "nico": parse_regex(r"(?<!\d)(\d{2})(?!\d)", digits=True, group=1),
    "umc": _parse_unit,
    "umc_quantity": _parse_figure,
    "umt": _parse_unit,
    "umt_quantity": _parse_figure,
    "seller_buyer_country": parse_country,
    "origin_destination_country": parse_country,
    "description": parse_text,
    "customs_value_mxn": _parse_figure,
    "paid_price_mxn": _parse_figure,
    "unit_price": _parse_figure,
    "value_added": _parse_figure,
    "part_number": parse_regex(r"([A-Z0-9][A-Z0-9\-./]*[0-9][A-Z0-9\-./]*)", compact=False),
}
# How sure a rule is of the value it reads, before OCR confidence: a cell under its column header is a bit
# less certain than a labelled header value.
CELL_CERTAINTY = 0.95


def partida(record: Record) -> dict[str, dict]:
    line: dict[str, dict] = {}
    without_standing_mark(record)
    in_printed_order(record)
    split_fraccion_and_sec(record)
    join_split_figures(record)
    place_countries(record)
    value_added_from_part(record)
    _split_codes(record)
    _text_back_to_description(record)
    description_from_part(record)
    without_margin_words(record)
    _description_alone(record)
    _labelled_codes(record)
    _above_the_values(record)
    _without_neighbours_wraps(record)
    split_prices(record)
    split_unit_and_value_added(record)
    _part_rejoined(record)
    for name, parser in PARTIDA_PARSERS.items():
        found = found_from_cell(record.cells.get(name), parser, CELL_CERTAINTY)
        if found is None:
            continue
        value = found.value
        if name in ("sequence",):
            value = int(value)
        elif name == "tariff_code":
            value = re.sub(r"\D", "", str(value))
            if len(value) == 10:
                # fracción and NICO printed together: the NICO is the last two digits; what stands in the NICO
                # column then, unless it is a NICO too, is the next column's (VINC., whose label OCR lost)
                if re.fullmatch(r"\d{2}", ocr_digits(record.text("nico")).strip()) is None:
                    line["nico"] = found.as_field(value[8:])
                    record.cells.pop("nico", None)
                value = value[:8]
        elif name == "description" and any(w.confidence < 1.0 for w in record.cells[name].words):
            value = _ocr_description(str(value)) or value
        elif name == "part_number":
            # a point after a part number is a speck a scan left (``MX29422-57.``): no code ends in one
            value = _ocr_part(str(value).rstrip("."), str(found.raw), record.cells[name].words)
        elif isinstance(value, float) and value < 0:
            # quantities, values and prices of a partida are never negative: the sign is a ruling line OCR read
            value = -value
        line[name] = found.as_field(value)
    return line


def _ocr_part(value: str, raw: str, words: list[Any]) -> str:
    """A part number as OCR read it without the speck it glued in front: one lower-case letter before a code
    printed in capitals (``sMAT-001``; a code in capitals has no lower-case letter, and a lower-case one read at
    its edge is a mark on the page). ``raw`` is the text the value was read from; a text layer's part number is
    kept as printed."""
    if (
        words
        and any(float(w.confidence) < 1.0 for w in words)
        and re.match(r"[a-z][A-Z0-9]", raw)
        and not re.search(r"[a-z]", raw[1:])
        and re.search(r"[A-Z]", raw[1:])
        and value[:1] == raw[0].upper()
        and len(value) > 3
    ):
        return value[1:]
    return value


def _part_rejoined(record: Record) -> None:
    """A part number OCR cut in two (``MX294`` ``22-57``): its words standing closer than a space are one word."""
    cell = record.cells.get("part_number")
    if cell is None or len(cell.words) != 2 or min(float(w.confidence) for w in cell.words) >= 1.0:
        return
    first, second = cell.words
    height, width = max(1.0, first.bottom - first.top), (first.x1 - first.x0) / max(1, len(first.text))
    if abs(first.top - second.top) > 0.5 * height or not 0 <= second.x0 - first.x1 < width:
        return  # (words a space apart stand a character's width apart or more, in a fixed-pitch font)
    cell.words = [replace(first, text=first.text + second.text, x1=second.x1)]


_STRAY_EDGES = "‘’“”'`\"|_~¡¿"
# Points OCR sets between two words of a description: doubled (``LED..PARA``), for the space between two long words
# (``VEHICULO.AUTOMOTOR``), or after a long word in the middle of the text (``ILUMINACION. LED``; abbreviations,
# which keep theirs, are short: ``NO.``, ``APROX.``, ``S.A.``).
_DOUBLE_POINT_RE = re.compile(r"(?<=[A-Z])\.{2,}(?=[A-Z])|(?<=[A-Z]{5})\.(?=[A-Z]{5})")
_LONG_WORD_POINT_RE = re.compile(r"^([A-Z]{6,})\.$")


def _ocr_description(text: str) -> str:
    """A scanned description without OCR's specks: quote marks and bars at a word's edges, stray points between
    words, and, in a description printed in capitals, lone lower-case letters or marks (``… FERRITA) a``)."""
    words = [w.strip(_STRAY_EDGES) for w in _DOUBLE_POINT_RE.sub(" ", text).split()]
    words = [_LONG_WORD_POINT_RE.sub(r"\1", w) if k + 1 < len(words) else w for k, w in enumerate(words)]
    letters = [ch for w in words for ch in w if ch.isalpha()]
    capitals = bool(letters) and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)
    kept = [w for w in words if w and not (capitals and len(w) == 1 and not w.isupper() and not w.isdigit())]
    return " ".join(kept)


_NUMERIC = ("customs_value_mxn", "paid_price_mxn", "unit_price", "value_added", "umc_quantity", "umt_quantity")


def _text_back_to_description(record: Record) -> None:
    """Words of a description that runs on under the next (numeric) column's header: the words before the
    column's number are the description's, not the value's — but for the currency a system prints before an
    amount (``USD 6,543.21``, ``US$``, ``M.N.``): that is the value's own, and no goods' word."""
    desc = record.cells.get("description")
    if desc is None or not desc.words:
        return
    for key in _NUMERIC:
        cell = record.cells.get(key)
        if cell is None:
            continue
        lead = []
        for w in cell.words:
            if parse_number(w.text) is not None:
                break
            lead.append(w)
        if lead and len(lead) < len(cell.words):
            moved = [w for w in lead if not is_currency(w.text)]
            cell.words = [w for w in cell.words if all(w is not m for m in moved)]
            for w in moved:
                _insert_in_line(desc.words, w)


# The marks of a currency printed before an amount besides the ISO codes: ``US$`` and ``M.N.`` (moneda nacional).
_CURRENCY_MARKS = frozenset({"US", "MN", "DLS", "DLLS"})


def is_currency(text: str) -> bool:
    """Whether a word is a currency's code or mark (``USD``, ``MXN``, ``US$``, ``M.N.``)."""
    code = norm(text)
    return code in CURRENCY_CODES or code in _CURRENCY_MARKS


def _insert_in_line(words: list[Any], word: Any) -> None:
    """Put ``word`` after the last word of its own line that stands left of it (the words keep reading order)."""
    height = max(1.0, word.bottom - word.top)
    at = len(words)
    for k, w in enumerate(words):
        if abs(w.top - word.top) < 0.5 * height and w.x0 < word.x0:
            at = k + 1
    words.insert(at, word)


# Identifiers at partida level (Anexo 22 Apéndice 8) that some systems print under the partida's values with no
# IDENTIF. header: a line of the partida that starts with one is not its description.
IDENTIFIER_CODES = frozenset(
    "EO PS TL PO MA CT CO ED TE XP EC IN NM IM MS PT AF V1 V5 CI IC PZ MT ST SU OC DS RO NP".split()  # noqa: SIM905
)


def _description_alone(record: Record) -> None:
    """The description without what some systems print in its column's line: a contribution at the line's
    right (``IVA 16.00000 1 0 2720``), and, below the partida's values, identifier lines (``TL USA``,
    ``PO 4500123 PACIFIC COMPONENTS``) with everything under them."""
    desc = record.cells.get("description")
    if desc is None or not desc.words:
        return
    kept: list[Any] = []
    words = desc.words
    k = 0
    while k < len(words):
        if norm(words[k].text) in CONTRIBUTIONS and k + 1 < len(words) and _RATE_RE.fullmatch(words[k + 1].text):
            # the contribution runs to the end of its line
            top = words[k].top
            while k < len(words) and abs(words[k].top - top) < 0.5 * max(1.0, words[k].bottom - words[k].top):
                k += 1
            continue
        kept.append(words[k])
        k += 1
    kept = _without_tail_lines(kept)
    values = [w for key in _NUMERIC[:3] for w in (record.cells[key].words if key in record.cells else [])]
    if values:
        below = max(w.bottom for w in values)
        for w in kept:
            starts_line = not any(abs(o.top - w.top) < 1.0 and o.x0 < w.x0 for o in kept)
            if w.top > below and starts_line and w.text in IDENTIFIER_CODES:
                kept = [o for o in kept if o.top < w.top - 1.0]
                break
    desc.words = kept


def _above_the_values(record: Record) -> None:
    """Where the description is printed on lines of its own between the partida's first line and its line of
    values, what stands in its column under the values is the partida's next block (a brand under MARCA, a part
    number, a lot, an invoice reference), not more description, on that page and on the next one. Where a
    description line carries the values at its right (a row centred in a ruled cell), its lines may run on under
    them, and all stay."""
    desc, seq = record.cells.get("description"), record.cells.get("sequence")
    values = [w for key in _NUMERIC[:3] for w in (record.cells[key].words if key in record.cells else [])]
    pages = {record.cells[key].page for key in _NUMERIC[:3] if key in record.cells}
    if desc is None or seq is None or not desc.words or not seq.words or not values:
        return
    if pages != {seq.page} or desc.page != seq.page:
        return
    words = desc.words
    first = seq.words[0]
    values_top = min(w.top for w in values)
    values_bottom = max(w.bottom for w in values)
    if values_top <= first.bottom:
        return  # the values share the first line: the description's lines follow them
    if any(w.top < values_bottom and values_top < w.bottom for w in words):
        return  # the values stand on one of the description's lines
    between = [w for w in words if w.top > first.bottom and w.bottom < values_top]
    if not between:
        return
    kept = []
    for k, w in enumerate(words):
        if k and w.top < words[k - 1].top - 2 * max(1.0, w.bottom - w.top):
            break  # back up to the top of the next page: what the partida carries over is below its values too
        if w.top < values_bottom:
            kept.append(w)
    desc.words = kept


# The words of the contributions table's heading (CONTRIB. TASA T.T. F.P. IMPORTE), normalised.
_CONTRIBUTION_HEADINGS = frozenset(
    norm(word) for label in PARTIDA_SPEC.columns["_contributions"] for word in label.split()
)


def _without_tail_lines(words: list[Any]) -> list[Any]:
    """The description without what follows it in its column below its own lines: the heading of the
    partida's contributions table (a line made only of its words), or an identifier line (a code of Apéndice 8
    with at most two short complements, ``TL``, ``EC USA``, ``NM 1``) — even when the partida runs onto the
    next page, where the words' heights no longer say they are below the partida's values."""
    lines: list[list[Any]] = []
    for word in words:
        if lines and abs(lines[-1][0].top - word.top) < 1.0:
            lines[-1].append(word)
        else:
            lines.append([word])
    for k, line in enumerate(lines[1:], start=1):
        texts = [norm(w.text) for w in line]
        headings = len(texts) >= 3 and all(text in _CONTRIBUTION_HEADINGS for text in texts)
        identifier = texts[0] in IDENTIFIER_CODES and len(texts) <= 3 and all(len(t) <= 14 for t in texts[1:])
        if headings or identifier:
            return [w for kept in lines[:k] for w in kept]
    return words


# The labels of a partida's brand, model and product code when a system prints them as one labelled line
# (``MARCA: SIN MARCA  MODELO: SIN MODELO  CODIGO PRODUCTO: A79599-01``) rather than as columns.
_CODE_LABELS = {"MARCA": "brand", "MODELO": "model", "CODIGOPRODUCTO": "part_number", "CODIGODEPRODUCTO": "part_number"}


def _without_neighbours_wraps(record: Record) -> None:
    """The description without the wrapped rest of a neighbouring cell: where the description stands beside the
    codes on the partida's first line, a word on a later line that stands under another cell of that first line
    (a unit's name run onto two lines, ``3 - METRO`` over ``LINEAL``) is that cell's, not the description's."""
    desc, seq = record.cells.get("description"), record.cells.get("sequence")
    if desc is None or seq is None or not desc.words or not seq.words or desc.page != seq.page:
        return
    top = seq.words[0].top
    if abs(desc.words[0].top - top) >= 1.0:
        return
    others = [
        w
        for key, cell in record.cells.items()
        if key not in ("description", "sequence") and cell.page == seq.page
        for w in cell.words
        if abs(w.top - top) < 1.0
    ]
    desc.words = [
        w
        for w in desc.words
        if abs(w.top - top) < 1.0 or w.top < top or not any(o.x0 < w.x1 and w.x0 < o.x1 for o in others)
    ]
    _wrapped_figures(record, top)


def _wrapped_figures(record: Record, top: float) -> None:
    """A figure its cell wrapped or pushed out of the partida's row (a narrow cell: ``3,283,052`` under or past the
    partida's unit price) is no description word: standing beyond the description's column and right of the
    row's last figure, it is the value of the value column after that figure's, when that column's cell is
    empty."""
    desc = record.cells["description"]
    start = desc.words[0].x0
    row = [
        w
        for key, cell in record.cells.items()
        if key != "description" and cell.page == desc.page
        for w in cell.words
        if abs(w.top - top) < 1.0 and w.x0 > start
    ]
    if not row:
        return
    column_end = min(w.x0 for w in row)
    for word in list(desc.words):
        if word is desc.words[0] or word.x0 <= column_end or parse_number(word.text) is None:
            continue
        filled = [
            key
            for key in _VALUES
            if key in record.cells and any(abs(w.top - top) < 1.0 and w.x0 < word.x0 for w in record.cells[key].words)
        ]
        if not filled:
            continue
        after = _VALUES.index(filled[-1]) + 1
        if after >= len(_VALUES) or (after_cell := record.cells.get(_VALUES[after])) is not None and after_cell.words:
            continue
        desc.words.remove(word)
        record.cells[_VALUES[after]] = Cell(words=[word], page=desc.page)


# A partida's values in Anexo 22's order: valor aduana, precio pagado, unit price, value added.
_VALUES = ("customs_value_mxn", "paid_price_mxn", "unit_price", "value_added")


def _labelled_codes(record: Record) -> None:
    """A labelled brand/model/product-code line in the description's column is no part of the description: a
    line of the description opening with one of those labels (its colon printed) ends it, and the words after
    ``CODIGO PRODUCTO:`` on that line are the partida's part number when no column gave one."""
    desc = record.cells.get("description")
    if desc is None or not desc.words:
        return
    words = desc.words
    for k, word in enumerate(words):
        starts_line = k == 0 or abs(words[k - 1].top - word.top) >= 1.0
        if not starts_line or k == 0 or not _opens_with_label(words[k : k + 3]):
            continue
        line = [w for w in words[k:] if abs(w.top - word.top) < 1.0]
        desc.words = [w for w in words if w not in line]
        if "part_number" not in record.cells:
            part = _after_label(line, "part_number")
            if part:
                record.cells["part_number"] = Cell(words=part, page=desc.page)
        return


def _opens_with_label(words: list[Any]) -> bool:
    """Whether the words open with a brand/model/product-code label, its one to three words on one line and the
    last ending in its colon (``MARCA:``, ``CODIGO PRODUCTO:``, ``CODIGO DE PRODUCTO:``)."""
    joined = ""
    for word in words:
        if words and abs(word.top - words[0].top) >= 1.0:
            return False
        joined += norm(word.text)
        if word.text.endswith(":"):
            return joined in _CODE_LABELS
    return False


def _after_label(line: list[Any], key: str) -> list[Any]:
    """The words of a labelled line between ``key``'s label (one word or two, the last ending in a colon) and
    the next label."""
    spans: list[tuple[int, int, str]] = []
    for j, word in enumerate(line):
        if not word.text.endswith(":"):
            continue
        one = _CODE_LABELS.get(norm(word.text))
        two = _CODE_LABELS.get(norm(line[j - 1].text) + norm(word.text)) if j else None
        if two is not None:
            spans.append((j - 1, j, two))
        elif one is not None:
            spans.append((j, j, one))
    for k, (_start, end, name) in enumerate(spans):
        if name == key:
            stop = spans[k + 1][0] if k + 1 < len(spans) else len(line)
            return line[end + 1 : stop]
    return []


_CODE_RE = re.compile(r"\d{1,2}")


def _split_codes(record: Record) -> None:
    """Put a unit code and its quantity each in its own cell when the printout sets them so close that they
    fell into one column ("6 6000.000" under CANTIDAD UMC, or "6000.000" under UMC): a unit code is one or two
    digits before the quantity, never the quantity itself."""
    for code_key, qty_key in (("umc", "umc_quantity"), ("umt", "umt_quantity")):
        code_cell, qty_cell = record.cells.get(code_key), record.cells.get(qty_key)
        words = [w for cell in (code_cell, qty_cell) if cell for w in cell.words]
        if len(words) < 2 or (
            code_cell
            and qty_cell
            and _CODE_RE.fullmatch(ocr_digits(code_cell.text).strip())
            and parse_number(qty_cell.text) is not None
            and len(qty_cell.words) == 1
        ):
            continue
        words.sort(key=lambda w: w.x0)
        texts = [ocr_digits(w.text).strip() for w in words]
        for k in range(len(words) - 1):
            if _CODE_RE.fullmatch(texts[k]) and parse_number(texts[k + 1]) is not None:
                page = (code_cell or qty_cell).page  # type: ignore[union-attr]
                record.cells[code_key] = Cell(words=[words[k]], page=page)
                record.cells[qty_key] = Cell(words=[words[k + 1]], page=page)
                break


# how much wider than the first space between two lines of one wrapped text a later space may be and still be
# the same text's (a row's border and padding stand between one row's text and the next one's)
_PITCH_SLACK = 1.25


def centred_rows(records: list[Record]) -> None:
    """Give back to each partida the half of its wrapped description printed above its values.

    A spreadsheet centres every cell of a ruled row vertically: where only the description wraps, the row's
    values line stands between two lines of the description, half of the text above it and half below. Read in
    order, the half above falls to the partida before. A partida's values line that carries no description and
    stands between a line of the partida before (below that partida's own values) and one of its own, the two
    closer together than two lines of text can be with a line between them, is such a row: as many of the lines
    before it as its description has lines after it, one line's pitch apart, are its own."""
    for k, record in enumerate(records):
        if _lead_half(record, records[k - 1] if k else None):
            continue
        if not k:
            continue
        before = records[k - 1]
        seq, own, other = record.cells.get("sequence"), record.cells.get("description"), before.cells.get("description")
        prior = before.cells.get("sequence")
        if not (seq and seq.words and own and own.words and other and other.words and prior and prior.words):
            continue
        if not (seq.page == own.page == other.page == prior.page):
            continue
        anchor = seq.words[0]
        height = max(1.0, anchor.bottom - anchor.top)
        if any(abs(w.top - anchor.top) < 0.5 * height for w in own.words):
            continue  # the description starts on the values line: printed from the row's top
        below = _text_lines([w for w in own.words if w.top > anchor.top])
        above = _text_lines([w for w in other.words if prior.words[0].top + 0.5 * height < w.top < anchor.top])
        if not below or not above:
            continue
        pitch = below[0][0].top - above[-1][0].top
        if pitch > 1.6 * height:
            continue
        chain = 1
        while chain < len(below) and below[chain][0].top - below[chain - 1][0].top <= _PITCH_SLACK * pitch:
            chain += 1
        moved = [above[-1]]
        while len(moved) < chain and len(above) > len(moved):
            candidate = above[-1 - len(moved)]
            if moved[0][0].top - candidate[0].top > _PITCH_SLACK * pitch:
                break
            moved.insert(0, candidate)
        taken = {id(w) for line in moved for w in line}
        other.words = [w for w in other.words if id(w) not in taken]
        own.words = [w for line in moved for w in line] + own.words


def _lead_half(record: Record, before: Record | None) -> bool:
    """The first partida of a page whose description is centred on its row: the half above its values stands
    between the page's column header and the row (the table kept it as the record's ``_lead``), read as the end of
    the last page's partida or as nothing. As many of those lines as its description has lines below the values,
    the nearest ones, are its own. Whether the half was given back."""
    lead, seq, own = record.cells.pop("_lead", None), record.cells.get("sequence"), record.cells.get("description")
    if lead is None or not (seq and seq.words and own and own.words):
        return False
    anchor = seq.words[0]
    height = max(1.0, anchor.bottom - anchor.top)
    if any(abs(w.top - anchor.top) < 0.5 * height for w in own.words):
        return False  # the description starts on the values line
    below = _text_lines([w for w in own.words if w.top > anchor.top])
    above = _text_lines([w for w in lead.words if w.top < anchor.top])
    if not below or not above or below[0][0].top - above[-1][0].top > 1.6 * height:
        return False
    moved = above[-len(below) :]
    taken = {id(w) for line in moved for w in line}
    other = before.cells.get("description") if before is not None else None
    if other is not None:
        other.words = [w for w in other.words if id(w) not in taken]
    own.words = [w for line in moved for w in line] + own.words
    return True


def _text_lines(words: list[Any]) -> list[list[Any]]:
    """Words in reading order grouped into their lines (a word within half its height of the line's top)."""
    lines: list[list[Any]] = []
    for w in words:
        if lines and abs(lines[-1][0].top - w.top) < 0.5 * max(1.0, w.bottom - w.top):
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines
