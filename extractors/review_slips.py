"""Review checks for values read wrong rather than left unread, judged from the document itself.

The other checks ask whether a value is there and adds up; these ask whether it is what it claims to be:
- shapes: a party name that is a title, a label, spaced letters, an amount in words, a pointer to another party
  ("SAME AS CONSIGNEE"), starts with a figure, carries a label after its legal form or is a run of column
  captions; a description that is a
  figure, holds a container, a row of figures, a carrier's clause or a run of column headings (an invoice line's:
  a labelled code, a tariff number, the totals row); a vessel or place that is small print; part numbers that
  start with their row's number; both parties under one name with different tax ids;
- the printed page: a name or description the page prints longer; a partida's description ending in its
  identifier; a line's figures not printed in the line's own stretch of the page; a field printed after or
  under its own label but not read (the IMMEX program among them); a CFDI's Comercio Exterior left unread;
  part numbers every line's row prints but none read; an invoice-wide origin printed nowhere beside per-item
  origins;
- the form's arithmetic: a total that its amount in words (where a figure repeats it) or its subtotal
  contradicts.
Each failure is a warning in words a clerk understands, with a code that sends the document to review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from extractors.layout import norm
from extractors.result import ResultBuilder, register_review_codes
from immex.messages import N_

# (``unread_value`` is also the agreement checks'; registered here too, where the labelled-value check warns with it)
REVIEW_CODES = (
    "name_shape",
    "description_shape",
    "part_number_shape",
    "name_cut",
    "same_party",
    "unread_value",
    "unstated_value",
)
register_review_codes(*REVIEW_CODES)

# Words of an amount written out (English, Spanish): a party "name" made only of them is an amount in words.
NUMBER_WORDS = frozenset(
    """ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN SIXTEEN SEVENTEEN
    EIGHTEEN NINETEEN TWENTY THIRTY FORTY FIFTY SIXTY SEVENTY EIGHTY NINETY HUNDRED THOUSAND MILLION AND ONLY
    CENTS DOLLARS US USD SAY UN UNO DOS TRES CUATRO CINCO SEIS SIETE OCHO NUEVE DIEZ ONCE DOCE TRECE CATORCE
    QUINCE DIECISEIS DIECISIETE DIECIOCHO DIECINUEVE VEINTE VEINTI TREINTA CUARENTA CINCUENTA SESENTA SETENTA
    OCHENTA NOVENTA CIEN CIENTO DOSCIENTOS TRESCIENTOS CUATROCIENTOS QUINIENTOS SEISCIENTOS SETECIENTOS
    OCHOCIENTOS NOVECIENTOS MIL MILLON MILLONES Y PESOS DOLARES""".split()  # noqa: SIM905
)
# Words printed as a document's title or copy mark, never a party's whole name.
TITLE_WORDS = frozenset(
    norm(word)
    for word in (
        "ORIGINAL",
        "COPY",
        "COPIA",
        "NON-NEGOTIABLE",
        "NEGOTIABLE",
        "NON NEGOTIABLE",
        "NO NEGOCIABLE",
        "DRAFT",
        "BILL OF LADING",
        "SEA WAYBILL",
        "WAYBILL",
        "INVOICE",
        "COMMERCIAL INVOICE",
        "FACTURA",
        "PROFORMA",
        "PRO FORMA INVOICE",
        "PACKING LIST",
        "CARTA PORTE",
        "PEDIMENTO",
    )
)
# Party labels of every family, printed before a name: a name that is one of them alone, or starts with one and
# its colon, was read from the label's place.
PARTY_LABELS = frozenset(
    norm(word)
    for word in (
        "SHIPPER",
        "CONSIGNEE",
        "CARRIER",
        "NOTIFY",
        "NOTIFY PARTY",
        "EXPORTER",
        "IMPORTER",
        "SELLER",
        "BUYER",
        "SOLD TO",
        "SHIP TO",
        "BILL TO",
        "VENDOR",
        "SUPPLIER",
        "CUSTOMER",
        "MESSRS",
        "EMISOR",
        "RECEPTOR",
        "REMITENTE",
        "DESTINATARIO",
        "CONSIGNATARIO",
        "TRANSPORTISTA",
        "EXPORTADOR",
        "IMPORTADOR",
        "VENDEDOR",
        "COMPRADOR",
        "PROVEEDOR",
        "CLIENTE",
        "NOMBRE",
        "RAZON SOCIAL",
        "NAME",
        "REFERENCE",
        "REFERENCES",
        "REFERENCIA",
        "BOOKING",
        "ADDRESS",
        "DOMICILIO",
    )
)
# A company's legal form, at the end of its name (Mexican, US, British, Asian, European wordings).
_LEGAL_FORMS = (
    r"(?:\bS\.?\s?A\.?(?:\s?B\.?)?(?:\s+DE\s+C\.?\s?V\.?)?|\bS\.?\s?(?:DE\s+)?R\.?\s?L\.?(?:\s+DE\s+C\.?\s?V\.?)?"
    r"|\bS\.?\s?C\.|\bA\.?\s?C\.|\bL\.?L\.?C\.?|\bINC\.?|\bCORP(?:ORATION)?\.?|\bCO\.|\bLTDA?\.?|\bLIMITED"
    r"|\bLLP|\bGMBH|\bAG|\bS\.?R\.?L\.?|\bS\.?P\.?A\.?|\bB\.?V\.?|\bN\.?V\.?|\bPTE\.?|\bPLC|\bCOMPANY"
    # a Japanese company (kabushiki kaisha: "KK", "K.K.")
    r"|\bK\.?\s?K\.?|\bKABUSHIKI\s+KAISHA)(?!\w)"
)
LEGAL_FORM = re.compile(_LEGAL_FORMS + r"\s*$", re.IGNORECASE)
_LEGAL_FORM_IN = re.compile(_LEGAL_FORMS.replace(r"(?!\w)", r"(?![A-Z0-9])"), re.IGNORECASE)
_LEGAL_FORM_ANYWHERE = re.compile(r"[^:]*?" + _LEGAL_FORMS, re.IGNORECASE)

# Clauses a carrier prints around the goods (its disclaimer), never the goods themselves.
CARRIER_CLAUSES = (
    "FURNISHED BY SHIPPER",
    "FURNISHED BY THE SHIPPER",
    "NOT RESPONSIBLE",
    "SAID TO CONTAIN",
    "SHIPPER'S LOAD",
    "SHIPPERS LOAD",
    "DECLARA QUE EL CONTENIDO",
    "PARTICULARS FURNISHED",
)
_CONTAINER = re.compile(r"\b[A-Z]{3}[UJZR]\s?\d{6}-?\d\b")
_FIGURE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})*\.\d{1,4}(?![\w.,])|(?<![\w.,])\d+\.\d{1,4}(?![\w.,])")
_SPACED_LETTERS = re.compile(r"(?:\b[A-Za-z]\s){3,}[A-Za-z]\b")
_LEADING_NUMBER = re.compile(r"^(?:NO\.?\s*|#\s*)?\d+[\s,.]")
# A label and its colon before the words of a name ("BANK: UBS SWITZERLAND"): a labelled line read whole.
_LABEL_FIRST = re.compile(r"[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ ./']{1,24}:\s*[A-Z0-9]")
# A tariff number inside a description (``… SIN CONECTORES 85444919``, ``… 8504.90.99``): another column's code (a
# fracción, an HS or HSN code) read into the goods' words. Its first two digits are an HS chapter (01-97).
# A totals row read into the last description (``… PARA CIRCUITO IMPRESO Netto Net 487.53``): its label and its
# figure at the description's end.
_TOTALS_WORDS = r"(?:SUB\s?TOTAL|GRAND\s+TOTAL|TOTAL|NETTO|NET|SUMME|ZWISCHENSUMME|IMPORTE\s+TOTAL)"
_TOTALS_ROW = re.compile(rf"\b{_TOTALS_WORDS}(?:\W+(?:{_TOTALS_WORDS}|USD|EUR|MXN|CHF))?\W*\d[\d.,' ]*[.,]\d{{2}}\s*$")
_TARIFF_IN_TEXT = re.compile(
    r"(?<![\w.,/-])(?:0[1-9]|[1-8]\d|9[0-7])\d{2}(?:\d{4}|\.\d{2}\.\d{2})(?:\.?\d{2})?(?![\w.,/-])"
)


def _value(cell: dict[str, Any] | None) -> Any:
    return None if cell is None else cell.get("value")


def slip_checks(doc_type: str, builder: ResultBuilder, page_lines: list[str] | None = None) -> None:
    """Run every check on one reading; each check warns once at most."""
    _names(doc_type, builder)
    _cut_names(builder, page_lines or [])
    _descriptions(doc_type, builder)
    _cut_descriptions(builder, page_lines or [])
    _caption_tails(builder, page_lines or [])
    _places(builder)
    _part_numbers(builder)
    _specks(builder)
    if doc_type == "pedimento":
        _pedimento(builder, page_lines or [])
        _figure_tails(builder, page_lines or [])
    _labelled_unread(doc_type, builder, page_lines or [])
    _line_figures(doc_type, builder, page_lines or [])
    if doc_type == "cfdi":
        _foreign_trade(builder, page_lines or [])
        _uuid_of_another_label(builder, page_lines or [])
    _tax_ids(builder)
    if doc_type == "commercial_invoice":
        _unstated_origin(builder, page_lines or [])
    if doc_type in ("cfdi", "commercial_invoice"):
        _unread_part_numbers(builder, page_lines or [])
    if doc_type in ("cfdi", "commercial_invoice"):
        _same_party(doc_type, builder)
        _amount_in_words(doc_type, builder, page_lines or [])


def _name_fields(builder: ResultBuilder) -> Iterable[tuple[str, str]]:
    for name, cell in builder.fields.items():
        value = _value(cell)
        if name.endswith("_name") and isinstance(value, str) and value.strip():
            yield name, value.strip()


# A person's name in its own case (``Linda Vasquez``, ``Robert J. Chen``), a comma, then a name in capitals: a
# signature's or a contact's line ("Name, COMPANY, address"), not a party's name.
_PERSON_THEN = re.compile(
    r"(?P<person>[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+"
    r"(?:[ -](?:[A-Z]\.|[A-ZÁÉÍÓÚÑ][a-záéíóúñ'’]+|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)){1,3}),"
    r"\s+(?P<rest>[A-ZÁÉÍÓÚÑ&]{2,}\b.*)"
)


def _person_first(text: str) -> bool:
    """Whether a name starts with a person's name and a comma before a company's in capitals (a company whose
    legal form alone follows the comma, ``Acme Trading, INC``, is one name)."""
    match = _PERSON_THEN.fullmatch(text.strip())
    return match is not None and not LEGAL_FORM.fullmatch(match.group("rest").strip())


def name_problem(text: str, doc_type: str | None = None) -> str | None:
    """Why ``text`` cannot be a party's name, or None: a title or label alone, a label and its colon first,
    letters spaced out as a title is, an amount in words, a figure first (a code, a street number), a person's
    name before a company's (a signature's line); given the family, a run of its table's column captions."""
    if _person_first(text):
        return N_("a person's name before a company's")
    upper = text.upper()
    whole = norm(upper)
    if whole in TITLE_WORDS:
        return N_("a document title")
    if whole in PARTY_LABELS:
        return N_("a label")
    head = upper.partition(":")[0]
    if ":" in upper and (norm(head) in PARTY_LABELS or _LABEL_FIRST.match(upper)):
        return N_("a label")
    if _SPACED_LETTERS.search(upper):
        return N_("a spaced-out title")
    words = re.findall(r"[A-ZÁÉÍÓÚÑ]+", upper)
    if words and all(word.translate(_PLAIN) in NUMBER_WORDS for word in words) and len(words) >= 2:
        return N_("an amount in words")
    if _LEADING_NUMBER.match(upper):
        return N_("a number")
    if _OTHER_PARTY.match(upper):
        return N_("a reference to another party")
    if words and all(norm(word) in CAPTION_WORDS for word in words):
        return N_("a caption")
    if doc_type is not None and only_captions(text, column_words(doc_type)):
        return N_("a run of column captions")
    forms = list(_LEGAL_FORM_IN.finditer(upper))
    if forms:
        rest = upper[forms[-1].end() :].strip(" .,;")
        first = rest.split()[0] if rest else ""
        if rest and (
            any(ch.isdigit() or ch == ":" for ch in rest)
            or norm(rest) in AFTER_NAME_LABELS
            or norm(first) in AFTER_NAME_LABELS
        ):
            return N_("a name with more after its legal form")
    return None


# Words a form prints in the place of a party it names elsewhere ("SAME AS CONSIGNEE", "IDEM", "AS ABOVE",
# "MISMO QUE EL DESTINATARIO"): the party is the one it points at, whose name is printed in its own box.
_OTHER_PARTY = re.compile(
    r"^\s*(?:SAME\s+AS\b|SAME\s*$|AS\s+ABOVE\b|SEE\s+ABOVE\b|AS\s+PER\b|IDEM\b|IDEM\.|"
    r"MISMO\s+QUE\b|EL\s+MISMO\b|IGUAL\s+QUE\b|IGUAL\s+AL?\b|VER\s+ARRIBA\b)"
)
# Words of a box's caption ("Party name", "Company name", "Nombre o razón social"): a "name" made of them
# only is the caption printed where the name should be (a blank form's prompt, or the caption read as a value).
CAPTION_WORDS = PARTY_LABELS | frozenset(
    norm(word)
    for word in (
        "PARTY",
        "COMPANY",
        "FULL",
        "LEGAL",
        "TRADE",
        "NAMES",
        "DENOMINACION",
        "RAZON",
        "SOCIAL",
        "O",
        "OR",
        "AND",
        "Y",
        "OF",
        "THE",
        "DE",
        "LA",
    )
)


# Labels printed right after a party's name (its tax id, address, telephone): glued to a legal form
# ("… DE C.V.RFC") they were read as part of the name.
AFTER_NAME_LABELS = PARTY_LABELS | frozenset(
    norm(word)
    for word in (
        "RFC",
        "R.F.C.",
        "TAX ID",
        "NIT",
        "RUC",
        "VAT",
        "DOMICILIO",
        "ADDRESS",
        "TEL",
        "PHONE",
        "CURP",
        # a carrier's codes printed after its name: its SCAC, its DOT or MC number; an exporter's GSTIN or IEC
        "SCAC",
        "DOT",
        "USDOT",
        "MC",
        "CAAT",
        "GSTIN",
        "IEC",
        "EIN",
        "EORI",
    )
)


_PLAIN = str.maketrans("ÁÉÍÓÚ", "AEIOU")


def _names(doc_type: str, builder: ResultBuilder) -> None:
    for name, text in _name_fields(builder):
        problem = name_problem(text, doc_type)
        if problem is not None:
            field = name.replace("_", " ")
            builder.warn(
                "name_shape",
                f"The {field} {text!r} reads as {problem}, not a name; read it from the document.",
                name,
            )
            return


def _cut_names(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A name read without a legal form that the page prints, on one line, followed by more words ending in a
    legal form was cut short (at a column's edge, or at a line break)."""
    lines = [" ".join(line.split()).upper() for line in page_lines]
    for name, text in _name_fields(builder):
        upper = " ".join(text.split()).upper()
        if LEGAL_FORM.search(upper) and _form_goes_on(upper, lines):
            field = name.replace("_", " ")
            builder.warn(
                "name_cut",
                f"The {field} was read as {text!r} but the page prints the rest of its legal form (DE C.V.) after "
                "it; check the name.",
                name,
            )
            return
        if LEGAL_FORM.search(upper) or len(upper) < 3:
            continue
        # another party's name read, printed right after this one: two blocks side by side, joined into one line
        # (as OCR reads them), not this name going on
        others = {" ".join(other.split()).upper() for key, other in _name_fields(builder) if key != name} - {upper}
        for line in lines:
            at = line.find(upper + " ")
            if at < 0 or (at > 0 and line[at - 1].isalnum()):
                continue
            if any(other and line[at + len(upper) :].lstrip().startswith(other) for other in others):
                continue
            rest = line[at:]
            longer = _LEGAL_FORM_ANYWHERE.match(rest)
            if longer is not None and len(longer.group(0)) > len(upper) + 1:
                field = name.replace("_", " ")
                builder.warn(
                    "name_cut",
                    f"The {field} was read as {text!r} but the page prints {longer.group(0).strip()!r}; "
                    "check the name.",
                    name,
                )
                return


# The rest of a Mexican company's legal form ("S.A." or "S. DE R.L." go on with "DE C.V.", its variable capital).
_FORM_REST = re.compile(r"^\s*DE\s+C(?:\.?\s?V\.?(?![A-Z0-9])|\.)")
_FORM_WITHOUT_REST = re.compile(r"(?:\bS\.?\s?A\.?(?:\s?B\.?)?|\bS\.?\s?(?:DE\s+)?R\.?\s?L\.?)\s*$")


def _form_goes_on(upper: str, lines: list[str]) -> bool:
    """Whether a name ending in ``S.A.`` or ``S. DE R.L.`` is printed with ``DE C.V.`` after it, on its line or
    opening the next one (a name's last words wrapped under it), wherever the page prints the name."""
    if not _FORM_WITHOUT_REST.search(upper):
        return False
    afters = []
    for row, line in enumerate(lines):
        for at in _occurrences(line, upper):
            rest = line[at + len(upper) :]
            afters.append(rest if rest.strip() else (lines[row + 1] if row + 1 < len(lines) else ""))
    return bool(afters) and all(_FORM_REST.match(after) for after in afters)


# A page's running foot read into a description: the document's folio fiscal (a UUID, which no goods' text holds)
# or a page number at the end ("Página 1", "Page 2 of 3").
_PAGE_FOOT = re.compile(
    r"\b[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\b"
    r"|\b(?:P[AÁ]GINA|PAGE|HOJA)\s*\d{1,3}(?:\s*(?:DE|OF|/)\s*\d{1,3})?\s*$"
)


def description_problem(text: str) -> str | None:
    """Why ``text`` cannot be a goods description, or None: a container number or a run of figures (a cargo
    row), or a carrier's clause."""
    upper = text.upper()
    if _CONTAINER.search(upper):
        return N_("a container number")
    if _PAGE_FOOT.search(upper):
        return N_("the page's foot (a folio fiscal or page number)")
    figures = _FIGURE.findall(upper)
    if len(figures) >= 3 or (len(figures) == 2 and any("," in figure for figure in figures)):
        return N_("a row of figures")
    for clause in CARRIER_CLAUSES:
        if clause in upper:
            return N_("the carrier's clause")
    if _TARIFF_CODE.search(upper):
        return N_("a tariff code")
    if _AMOUNT.search(upper):
        return N_("an amount")
    words = re.findall(r"[A-ZÁÉÍÓÚÑ]{2,}", re.sub(r"\d[\d,.]*", " ", upper))
    if re.search(r"\d", upper) and all(word in UNIT_WORDS for word in words):
        return N_("a figure")
    return None


# A tariff code standing alone among a description's words (eight or ten digits, or dotted ``8544.49.19``): the
# fracción or HS column run into the description (goods are described in words; their code has a column).
_TARIFF_CODE = re.compile(r"(?<![\w.,/#-])(?:\d{8}|\d{10}|\d{4}\.\d{2}\.\d{2}(?:\.\d{2})?)(?![\w.,/-])")

# An amount grouped in thousands with its cents (``645,726.39``, ``645.726,39``): a money column's figure (or a
# page's carried-forward sum) run into the description; goods' measures are not written so.
_AMOUNT = re.compile(
    r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d{2}(?![\d.,]?\d)|(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d{2}(?![\d.,]?\d)"
)


# Units a figure is printed with: a "description" made of a figure and these is a cell of another column.
UNIT_WORDS = frozenset(
    "KG KGS KGM LB LBS TON TONS MT M3 CBM CFT PCS PC PZ PZA PZAS CTN CTNS PKG PKGS PLT PLTS UN EA X".split()  # noqa: SIM905
)


# A short label and a code after it (``C/I: 66900-A``, ``P/N: A-817682``) inside a line's description: another
# column's code (the customer's item number stacked under the seller's) or a note the reading failed to set apart.
_LABELLED_CODE = re.compile(
    r"(?<!\S)[A-Z]{1,4}(?:/[A-Z]{1,4})?\.?:\s?(?=[A-Z0-9/.\-]*\d)(?=[A-Z0-9/.]*[A-Z\-])[A-Z0-9][A-Z0-9/.\-]*"
)


def _invoice_line_problem(text: str) -> str | None:
    """Why an invoice line's description holds another cell's text, or None: a labelled code, a tariff number
    (a fracción, HS or HSN column read into the words), the totals row under the last item."""
    if _LABELLED_CODE.search(text):
        return N_("a labelled code")
    if _TARIFF_IN_TEXT.search(text):
        return N_("a tariff number")
    if _TOTALS_ROW.search(text.upper()):
        return N_("a totals row")
    return None


# A currency's code or mark standing as a word of a partida's description (``FUENTE DE PODER USD PARA ...``): the
# value column's currency read into the words. Anexo 22 describes the goods, never what they are paid in; the
# amounts have columns (and currencies) of their own.
_CURRENCY_IN_TEXT = re.compile(r"(?<![\w$.])(?:USD|MXN|MXP|EUR|DLS|DLLS|US\$|M\.N\.)(?![\w$])")


# A word of three letters or more: every description of goods has one.
_WORD = re.compile(r"[^\W\d_]{3,}")


def _descriptions(doc_type: str, builder: ResultBuilder) -> None:
    texts: list[tuple[str, int | None, str]] = []
    goods = _value(builder.fields.get("goods_description"))
    if isinstance(goods, str):
        texts.append(("goods_description", None, goods))
    for number, line in enumerate(builder.lines, start=1):
        value = _value(line.get("description"))
        if isinstance(value, str):
            texts.append(("description", number, value))
    for name, index, text in texts:
        problem = description_problem(text)
        if problem is None and index is not None and doc_type == "pedimento" and not _WORD.search(text):
            # a unit or the tail of a wrapped text (``mm``): the rest of the description went to another line
            problem = N_("no word that names goods")
        if problem is None and index is not None and doc_type == "commercial_invoice":
            problem = _invoice_line_problem(text)
        if problem is None and index is not None and doc_type == "pedimento" and _CURRENCY_IN_TEXT.search(text):
            problem = N_("a currency code")
        run = heading_run(text, column_words(doc_type))
        if problem is None and run is not None:
            problem = f"the column headings {run!r}"
        if problem is None:
            continue
        if index is None:
            builder.warn(
                "description_shape",
                f"The goods description {text[:80]!r} holds {problem}; read it from the document.",
                name,
            )
        else:
            builder.warn(
                "description_shape",
                f"Line {index}: the description {text[:80]!r} holds {problem}; read it from the document.",
                name,
            )
        return


# Marks OCR leaves inside a text where the print has none: a point glued between two words ("GREAT.LAKES", a web
# address's ending aside), a point or dash right after a joining word that never ends an abbreviation
# ("MODULO DE. ILUMINACION", "DE-C.V."); in a name, a lone 8 between words, the ampersand OCR misread.
_GLUED_POINT = re.compile(r"[A-ZÁÉÍÓÚÑ]{3,}\.(?!(?:COM|NET|ORG|MX|IO)\b)[A-ZÁÉÍÓÚÑ]{3,}")
_JOINING_WORDS = "DE|DEL|LA|LAS|LOS|EL|Y|PARA|CON|SIN|EN|OF|AND|THE|FOR|WITH"
_JOINING_MARK = re.compile(rf"(?<![\w.])(?:{_JOINING_WORDS})[.\-]\s*[A-ZÁÉÍÓÚÑ]")
_AMPERSAND_AS_8 = re.compile(r"[A-ZÁÉÍÓÚÑ]{2,}\s8\s[A-ZÁÉÍÓÚÑ]{2,}")


def speck(text: str, *, name: bool) -> str | None:
    """The part of ``text`` that holds a mark OCR left where the print has none (see above), or None."""
    upper = text.upper()
    patterns = (_GLUED_POINT, _JOINING_MARK, _AMPERSAND_AS_8) if name else (_GLUED_POINT, _JOINING_MARK)
    for pattern in patterns:
        found = pattern.search(upper)
        if found is not None:
            return found.group()
    return None


def _specks(builder: ResultBuilder) -> None:
    """Names and descriptions with a mark OCR left between their words: the value is not what was printed."""
    texts: list[tuple[str, int | None, str, bool]] = [(name, None, text, True) for name, text in _name_fields(builder)]
    texts += [
        ("description", index, str(_value(line.get("description"))), False)
        for index, line in enumerate(builder.lines, start=1)
        if isinstance(_value(line.get("description")), str)
    ]
    for name, index, text, is_name in texts:
        mark = speck(text, name=is_name)
        if mark is None:
            continue
        if index is None:
            field = name.replace("_", " ")
            builder.warn(
                "name_shape",
                f"The {field} {text!r} has a mark between its words ({mark!r}) that the print may not have; "
                "check it on the document.",
                name,
            )
        else:
            builder.warn(
                "description_shape",
                f"Line {index}: the description {text[:80]!r} has a mark between its words ({mark!r}) that the "
                "print may not have; check it on the document.",
                name,
            )
        return


# A vessel, voyage, port or place is a few words: one with these words is a sentence of the form's small print
# ("(see clause 1 + 19)", "Applicable only when document used as Multimodal Transport").
PLACE_FIELDS = ("vessel", "voyage", "port_of_loading", "port_of_discharge", "place_of_receipt", "place_of_delivery")
CLAUSE_WORDS = frozenset({"SEE", "CLAUSE", "CLAUSULA", "APPLICABLE", "APLICABLE", "VER", "VEASE"})
PROSE_WORDS = frozenset(
    {"ONLY", "WHEN", "USED", "IF", "AS", "BY", "THE", "TO", "FOR", "IS", "ARE", "SOLO", "CUANDO", "SI"}
)


def _places(builder: ResultBuilder) -> None:
    for name in PLACE_FIELDS:
        text = _value(builder.fields.get(name))
        if not isinstance(text, str):
            continue
        words = re.findall(r"[A-ZÁÉÍÓÚÑ]+", text.upper())
        if text.strip().startswith("(") or CLAUSE_WORDS & set(words) or len(PROSE_WORDS & set(words)) >= 2:
            field = name.replace("_", " ")
            builder.warn(
                "value_shape",
                f"The {field} {text!r} reads as a sentence of the form's small print; read it from the document.",
                name,
            )
            return


def _part_numbers(builder: ResultBuilder) -> None:
    """A part number that starts with its own row's number and a space took the row's number (a numbered
    table whose item column the reader did not see)."""
    numbered = 0
    for index, line in enumerate(builder.lines, start=1):
        value = _value(line.get("part_number"))
        if isinstance(value, str) and value.split(" ", 1)[0] == str(index) and " " in value.strip():
            numbered += 1
    if numbered and numbered >= max(1, len(builder.lines) // 2):
        builder.warn(
            "part_number_shape",
            "The part numbers start with their row's number; check them on the document.",
            "part_number",
        )


# An RFC's shape in any tax-id field: 3-4 letters, a date, a homoclave of two and a check character. A value of
# that shape whose last character is no check character (a letter O for a zero) was misread.
_RFC_LIKE = re.compile(r"[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}")


def _tax_ids(builder: ResultBuilder) -> None:
    from extractors import checks

    for name, cell in builder.fields.items():
        value = str(_value(cell) or "").upper()
        tax_id = name.endswith(("_rfc", "_tax_id"))
        if tax_id and _RFC_LIKE.fullmatch(value) and not checks.rfc_is_valid_format(value):
            field = name.replace("_", " ")
            builder.warn("value_shape", f"The {field} {value} is not shaped as an RFC; check it.", name)
            return


PARTIES = {"cfdi": ("issuer", "receiver"), "commercial_invoice": ("seller", "buyer")}
RFC_FIELDS = {"cfdi": ("issuer_rfc", "receiver_rfc"), "commercial_invoice": ("seller_tax_id", "buyer_tax_id")}


def _same_party(doc_type: str, builder: ResultBuilder) -> None:
    """Issuer and receiver with one name but different tax ids: one name was read from the other's place."""
    first, second = PARTIES[doc_type]
    names = [_value(builder.fields.get(f"{party}_name")) for party in (first, second)]
    ids = [_value(builder.fields.get(name)) for name in RFC_FIELDS[doc_type]]
    if not all(isinstance(name, str) and name for name in names) or norm(names[0]) != norm(names[1]):
        return
    if all(ids) and ids[0] != ids[1]:
        builder.warn(
            "same_party",
            f"Both parties read as {names[0]!r} but their tax ids differ; one name was read from the other's place.",
            f"{second}_name",
        )


def _column_words(*tables: dict[str, Any]) -> frozenset[str]:
    """Every word of a family's column headings (``layout.norm`` form), joining words left out."""
    words = {norm(word) for table in tables for labels in table.values() for label in labels for word in label.split()}
    return frozenset(word for word in words if len(word) >= 2 and word not in _JOINERS)


_JOINERS = frozenset({"DE", "DEL", "LA", "EL", "Y", "OF", "AND", "THE", "EN", "NO", "PER", "JE"})


@cache
def column_words(doc_type: str) -> frozenset[str]:
    """The column-heading words of a family's line table (imported late: the readers import this package)."""
    if doc_type == "pedimento":
        from extractors.pedimento.partidas import PARTIDA_SPEC

        return _column_words(dict(PARTIDA_SPEC.columns))
    if doc_type == "commercial_invoice":
        from extractors.invoice_lines import LINE_COLUMNS

        return _column_words(LINE_COLUMNS)
    if doc_type == "cfdi":
        from extractors.cfdi_pdf_lines import CONCEPTO_COLUMNS, MERCANCIA_COLUMNS

        return _column_words(CONCEPTO_COLUMNS, MERCANCIA_COLUMNS)
    if doc_type == "bill_of_lading":
        from extractors.bl_labels import OCEAN_COLUMNS, TRUCK_COLUMNS

        return _column_words(OCEAN_COLUMNS, TRUCK_COLUMNS)
    return frozenset()


def only_captions(text: str, words: frozenset[str]) -> bool:
    """Whether a name is nothing but column captions (``Valor unitario aduana Valor dólares``, the heading of a
    table printed where a label's value was looked for): two words at least, every one a word of the family's
    column headings (``words``, from ``column_words``) or a joining word, no figure, no legal form. A company's
    name holds a word of its own (its trade name) or ends in its legal form; a run of headings is never a name."""
    if any(ch.isdigit() for ch in text) or _LEGAL_FORM_IN.search(text.upper()):
        return False
    tokens = [norm(token) for token in re.split(r"[\s/;,]+", text) if norm(token)]
    # a letter alone is an abbreviated heading's ("P. unit.", "U.") or a name's initial: it tells neither way
    headings = [token for token in tokens if token not in _JOINERS and len(token) > 1]
    return len(headings) >= 2 and all(token in words for token in headings)


def heading_run(text: str, words: frozenset[str]) -> str | None:
    """A run of column headings inside a description ("… CONTRIB. TASA T.T. F.P. IMPORTE"): three or more
    words in a row that are all heading words, one of them an abbreviation (a dot or a slash), or four or
    more; None when the text holds none."""
    tokens = [token for token in re.split(r"[\s/;]+", text) if token]
    start = 0
    while start < len(tokens):
        end = start
        while end < len(tokens) and (norm(tokens[end]) in words or (end > start and norm(tokens[end]) in _JOINERS)):
            end += 1
        while end > start and norm(tokens[end - 1]) in _JOINERS:
            end -= 1
        run = tokens[start:end]
        headings = [token for token in run if norm(token) not in _JOINERS]
        if len(headings) >= 4 or (len(headings) >= 3 and any("." in token or "/" in token for token in run)):
            return " ".join(run)
        start = max(end, start + 1)
    return None


# Anexo 22 Apéndice 8: identifiers a pedimento prints under a partida's values (``TL``, ``EC USA``, ``NM 1``).
_IDENTIFIER_LINE = re.compile(r"^([A-Z][A-Z0-9])(?:\s+\S{1,14})?\s*$")


def _pedimento(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A partida's description that ends in a line the page prints on its own as an identifier (``TL``,
    ``EC USA``) took the identifier; the IMMEX program printed as the IM identifier's complement but not
    read was missed."""
    from extractors.pedimento.partidas import IDENTIFIER_CODES

    printed = {" ".join(line.split()) for line in page_lines}
    identifier_lines = {
        line for line in printed if (m := _IDENTIFIER_LINE.match(line)) and m.group(1) in IDENTIFIER_CODES
    }
    for index, line in enumerate(builder.lines, start=1):
        text = _value(line.get("description"))
        if not isinstance(text, str):
            continue
        words = text.split()
        for size in (1, 2):
            tail = " ".join(words[-size:])
            if len(words) > size and tail in identifier_lines and " ".join(words) not in printed:
                builder.warn(
                    "description_shape",
                    f"Line {index}: the description {text[:80]!r} ends in the partida's identifier {tail!r}; "
                    "read it from the document.",
                    "description",
                )
                return
    if _value(builder.fields.get("immex_program")) in (None, ""):
        for text in printed:
            found = _IMMEX.search(text)
            if found is not None:
                builder.warn(
                    "unread_value",
                    f"The page prints the IMMEX program {found.group(1)} but it was not read; enter it.",
                    "immex_program",
                )
                return


_IMMEX = re.compile(r"(?:\bIM\s+(?:COMPLEMENTO\s*1?\s*:?\s*)?|IMMEX\b[^\d:]{0,30}:?\s*)(\d{1,6}-\d{4})\b")


# Spanish amounts in words ("CIENTO SEIS MIL OCHOCIENTOS OCHENTA Y SIETE DÓLARES 50/100 USD"), as CFDI printouts
# and Mexican invoices print the total: the number each word adds, and the words that multiply.
_SPANISH_UNITS = {
    "UN": 1, "UNO": 1, "UNA": 1, "DOS": 2, "TRES": 3, "CUATRO": 4, "CINCO": 5, "SEIS": 6, "SIETE": 7, "OCHO": 8,
    "NUEVE": 9, "DIEZ": 10, "ONCE": 11, "DOCE": 12, "TRECE": 13, "CATORCE": 14, "QUINCE": 15, "DIECISEIS": 16,
    "DIECISIETE": 17, "DIECIOCHO": 18, "DIECINUEVE": 19, "VEINTE": 20, "VEINTIUN": 21, "VEINTIUNO": 21,
    "VEINTIUNA": 21, "VEINTIDOS": 22, "VEINTITRES": 23, "VEINTICUATRO": 24, "VEINTICINCO": 25, "VEINTISEIS": 26,
    "VEINTISIETE": 27, "VEINTIOCHO": 28, "VEINTINUEVE": 29, "TREINTA": 30, "CUARENTA": 40, "CINCUENTA": 50,
    "SESENTA": 60, "SETENTA": 70, "OCHENTA": 80, "NOVENTA": 90, "CIEN": 100, "CIENTO": 100, "DOSCIENTOS": 200,
    "DOSCIENTAS": 200, "TRESCIENTOS": 300, "TRESCIENTAS": 300, "CUATROCIENTOS": 400, "CUATROCIENTAS": 400,
    "QUINIENTOS": 500, "QUINIENTAS": 500, "SEISCIENTOS": 600, "SEISCIENTAS": 600, "SETECIENTOS": 700,
    "SETECIENTAS": 700, "OCHOCIENTOS": 800, "OCHOCIENTAS": 800, "NOVECIENTOS": 900, "NOVECIENTAS": 900,
}  # fmt: skip
_SPANISH_SCALES = {"MIL": 1_000, "MILLON": 1_000_000, "MILLONES": 1_000_000}
# Words between the amount and its cents: the currency's name.
_CURRENCY_WORDS = frozenset(
    [
        "PESOS",
        "PESO",
        "DOLARES",
        "DOLAR",
        "AMERICANOS",
        "AMERICANO",
        "ESTADOUNIDENSES",
        "EUROS",
        "EURO",
        "MONEDA",
        "NACIONAL",
        "M",
        "N",
        "MN",
        "MXN",
        "USD",
        "US",
        "DE",
        "LOS",
        "ESTADOS",
        "UNIDOS",
    ]  # noqa: SIM905
)
_CENTS = re.compile(r"(\d{2})\s*/\s*100\b")
_ACCENTLESS = str.maketrans("ÁÉÍÓÚÜ", "AEIOUU")
TOTAL_FIELDS = {"cfdi": "total", "commercial_invoice": "total_amount"}


def spanish_amounts(text: str) -> list[float]:
    """Every amount a text writes in Spanish words before its cents ("… Y SIETE DÓLARES 50/100")."""
    upper = text.upper().translate(_ACCENTLESS)
    found = []
    for match in _CENTS.finditer(upper):
        words = re.findall(r"[A-Z]+", upper[max(0, match.start() - 400) : match.start()])
        while words and words[-1] in _CURRENCY_WORDS:
            words.pop()
        start = len(words)
        while start > 0 and (
            words[start - 1] in _SPANISH_UNITS
            or words[start - 1] in _SPANISH_SCALES
            or (words[start - 1] == "Y" and start < len(words))
        ):
            start -= 1
        value = _spanish_integer(words[start:])
        if value is not None:
            found.append(value + int(match.group(1)) / 100)
    return found


def _spanish_integer(words: list[str]) -> int | None:
    if not any(word in _SPANISH_UNITS or word == "MIL" for word in words):
        return None
    total = current = 0
    for word in words:
        if word in _SPANISH_UNITS:
            current += _SPANISH_UNITS[word]
        elif word in _SPANISH_SCALES:
            scale = _SPANISH_SCALES[word]
            if scale == 1_000:
                current = max(current, 1) * scale
                total += current
            else:
                total = (total + max(current, 1)) * scale
            current = 0
    return total + current


def _amount_in_words(doc_type: str, builder: ResultBuilder, page_lines: list[str]) -> None:
    """The total written in Spanish words, where the page also prints it in figures, must be the total read:
    a total read as another figure (its cents, a neighbour's) shows. Words no figure of the page repeats are
    not trusted (a form may print them roughly)."""
    name = TOTAL_FIELDS.get(doc_type)
    total = _value(builder.fields.get(name)) if name else None
    if name is None or not isinstance(total, int | float):
        return
    text = " ".join(page_lines)
    figures = {round(figure, 2) for figure in _page_figures(text)}
    amounts = [amount for amount in spanish_amounts(text) if round(amount, 2) in figures]
    read = float(total)
    if amounts and not any(abs(amount - read) <= 0.011 for amount in amounts):
        in_words = amounts[0]
        builder.warn(
            "totals_mismatch",
            f"The total in words says {in_words:,.2f} but the total read is {read:,.2f}; check the total.",
            name,
        )
    subtotal = _value(builder.fields.get("subtotal" if doc_type == "cfdi" else "subtotal_amount"))
    if isinstance(subtotal, int | float) and subtotal > 0 and not 0.5 * subtotal <= read <= 2.5 * subtotal:
        builder.warn(
            "totals_mismatch",
            f"The total read, {read:,.2f}, is far from the subtotal {subtotal:,.2f}; one of them was misread.",
            name,
        )


_MONEY_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d])|(?<![\d.,])\d+\.\d{2}(?![\d])")


def _page_figures(text: str) -> list[float]:
    return [float(figure.replace(",", "")) for figure in _MONEY_FIGURE.findall(text)]


_FOREIGN_TRADE = re.compile(r"COMERCIO\s+EXTERIOR|FRACCI[OÓ]N\s+ARANCELARIA|\bFRACCI[OÓ]N\b", re.IGNORECASE)


def _foreign_trade(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A CFDI printout that prints its Comercio Exterior complement (its heading or a fracción column) lists a
    fracción for every good: lines read without any left the complement unread."""
    if not builder.lines or any(_value(line.get("tariff_code")) not in (None, "") for line in builder.lines):
        return
    if any(_FOREIGN_TRADE.search(line) for line in page_lines):
        builder.warn(
            "unread_value",
            "The printout carries the Comercio Exterior complement but no fracción was read for its goods; "
            "enter them from the document.",
            "tariff_code",
        )


# Below this a header value is the reader's inference, not a reading: e.g. a country of origin taken from the
# issuer's letterhead because no label states one (values read at their label carry more).
INFERRED = 0.8
_EXPORTER_LABEL = re.compile(r"\b(?:EXPORTER|EXPORTADOR|EXPORTEUR|AUSF[UÜ]HRER)\b", re.IGNORECASE)


def _unstated_origin(builder: ResultBuilder, page_lines: list[str]) -> None:
    """An invoice-wide country of origin that no label on the page states (it stands nowhere on the page: the
    reader inferred it from where the issuer is), on an invoice whose lines state each item's own origin: a
    reseller's letterhead says where the seller is, not where the goods were made, and the form that gives the
    origin per item gives no invoice-wide one. An issuer that names itself the exporter vouches for its
    country as the shipment's; an origin read at its label, or under every item alike, is read, not inferred."""
    cell = builder.fields.get("origin_country")
    if cell is None or cell.get("bbox") or float(cell.get("confidence") or 0.0) >= INFERRED:
        return
    if not any(_value(line.get("origin_country")) not in (None, "") for line in builder.lines):
        return
    if any(_EXPORTER_LABEL.search(line) for line in page_lines):
        return
    origin = _value(cell)
    builder.warn(
        "unstated_value",
        f"The invoice's country of origin ({origin}) is printed nowhere on it (it was inferred from the "
        "issuer's address) while its lines state each item's origin; check it on the document or clear it.",
        "origin_country",
    )


# A part number as suppliers print it: a prefix of letters, a dash or a colon, then five or more digits
# (``SKU-252951``, ``PN-30968``, ``A-752288``), perhaps a dash and a suffix.
_PART_CODE = re.compile(r"(?<![\w-])[A-Z]{1,4}[-:]\s?\d{5,}(?:-\w{1,3})?(?![\w-])")


def _unread_part_numbers(builder: ResultBuilder, page_lines: list[str]) -> None:
    """Lines read without any part number whose rows (the page lines that print their descriptions) each print
    one (a catalogue code beside or before the goods' words, read into the description or left out): the
    part-number column was lost."""
    if not builder.lines or any(_value(line.get("part_number")) not in (None, "") for line in builder.lines):
        return
    found = 0
    example = ""
    for line in builder.lines:
        description = str(_value(line.get("description")) or "")
        start = " ".join(_PART_CODE.sub(" ", description).split()[:3]).upper()
        if not start:
            return
        rows = [text for text in page_lines if start in " ".join(text.split()).upper()]
        codes = [code for text in rows[:1] for code in _PART_CODE.findall(text.upper())]
        if codes:
            found += 1
            example = example or codes[0]
    if found == len(builder.lines):
        builder.warn(
            "unread_value",
            f"Each line prints a part number ({example}, …) but none was read; enter them from the document.",
            "part_number",
        )


# Identifiers a CFDI printout prints in the folio fiscal's shape under labels of their own: the Carta Porte's
# IdCCP, a related CFDI's UUID (CfdiRelacionado), a Comercio Exterior's UUIDComercioExt.
_OTHER_UUID_LABEL = re.compile(
    r"\b(?:ID\s?CCP|UUID\s?COMERCIO\s?EXT|CFDI\s+RELACIONADOS?|UUID\s+RELACIONADO|FOLIO\s+RELACIONADO)\b\W*$",
    re.IGNORECASE,
)


def _uuid_of_another_label(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A folio fiscal that the page prints only after another identifier's label (``IdCCP: CCC03A16-…``): the
    value of that label was read, not the stamp's folio."""
    cell = builder.fields.get("uuid")
    value = str(_value(cell) or "").upper()
    if len(value) < 32:
        return
    places = [text.upper()[: text.upper().find(value)] for text in page_lines if value in text.upper()]
    if places and all(_OTHER_UUID_LABEL.search(before) for before in places):
        builder.warn(
            "value_mismatch",
            f"The folio fiscal read ({value}) is printed under another identifier's label; read the folio "
            "fiscal (UUID) from the stamp.",
            "uuid",
        )


# Per family: the cell that names a line on the page (its anchor) and the figures printed in the line's stretch.
LINE_FIGURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "bill_of_lading": ("container_number", ("gross_weight_kg", "package_count")),
    "commercial_invoice": ("part_number", ("quantity", "unit_price", "amount")),
    "cfdi": ("part_number", ("quantity", "unit_price", "amount")),
    # a partida's prices may be run together or left to the arithmetic: its quantities and value are printed
    "pedimento": ("sequence", ("umc_quantity", "umt_quantity", "customs_value_mxn")),
}


def _anchor_rows(doc_type: str, line: dict[str, Any], page_lines: list[str], squeezed: list[str]) -> list[int]:
    """The page lines that name one read line: its container or part number (spaces and dashes aside), or, on
    a pedimento, the row that opens with its SEC and holds its fracción."""
    anchor = LINE_FIGURES[doc_type][0]
    value = _value(line.get(anchor))
    if value in (None, ""):
        return []
    if doc_type == "pedimento":
        tariff = str(_value(line.get("tariff_code")) or "")
        opening = re.compile(rf"^\s*0*{int(value)}\b")
        return [k for k, text in enumerate(page_lines) if tariff and opening.match(text) and tariff in squeezed[k]]
    key = _squeeze(str(value))
    if len(key) < 4:
        return []
    return [k for k, text in enumerate(page_lines) if key in squeezed[k] and _holds_token(text, key)]


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\-/.]", "", text.upper())


def _holds_token(text: str, key: str) -> bool:
    """Whether one to three neighbouring words of ``text`` spell ``key`` (spaces, dashes and dots aside): a
    container printed ``MAEU 157387-4``, a part number beside its row's number."""
    tokens = [_squeeze(token) for token in text.split()]
    return any("".join(tokens[k : k + size]) == key for size in (1, 2, 3) for k in range(len(tokens)))


_FIGURE_TEXT = re.compile(r"\d[\d.,']*\d|\d")


def _readings(figure: str) -> list[tuple[float, int]]:
    """A printed figure's values and decimals, read the US way (1,234.56) and the European way (1.234,56)."""
    out = []
    for group, point in ((",'", "."), (".'", ",")):
        text = figure.translate(str.maketrans("", "", group))
        whole, _, decimals = text.partition(point)
        if not whole.isdigit() or (decimals and not decimals.isdigit()) or point in decimals:
            continue
        out.append((float(f"{whole}.{decimals}" if decimals else whole), len(decimals)))
    # a scan's thousands comma read as a point (``4.482.000`` for ``4,482.000``), or the other way round: the
    # last mark is the decimal one
    for mark in ".,":
        groups = figure.split(mark)
        if len(groups) >= 3 and all(group.isdigit() for group in groups) and all(len(g) == 3 for g in groups[1:-1]):
            out.append((float(f"{''.join(groups[:-1])}.{groups[-1]}"), len(groups[-1])))
    return out


# A figure grouped in thousands by spaces, as French usage prints it (``1 495``, ``12 345,67``): read as well
# as its groups one by one, since a row's number may stand before a figure the same way.
_SPACED_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d.,]\d)")


_PARTED_DECIMALS = re.compile(r"(\d) ([.,]\d)")


def _printed(value: float, text: str) -> bool:
    """Whether ``text`` prints ``value`` (as the page rounds it, in either way of writing figures)."""
    spaced = [re.sub(r"\s", "", figure) for figure in _SPACED_FIGURE.findall(text)]
    # a figure whose decimals OCR set apart by a space (``1724718 .96``)
    parted = _FIGURE_TEXT.findall(_PARTED_DECIMALS.sub(r"\1\2", text)) if _PARTED_DECIMALS.search(text) else []
    for figure in _FIGURE_TEXT.findall(text) + spaced + parted:
        for number, decimals in _readings(figure):
            if abs(number - value) <= 0.5 * 10**-decimals + 1e-9 * abs(value):
                return True
    return False


def _line_figures(doc_type: str, builder: ResultBuilder, page_lines: list[str]) -> None:
    """Each line's figures are printed in its own stretch of the page: the lines from its anchor (container,
    part number, a partida's SEC row) to the next line's anchor, or from the last anchor to its own (a row
    whose anchor cell sits lowest). Forms keep one order: when neither order finds every line's figures in its
    stretch, a figure was taken from another line (or misread)."""
    rule = LINE_FIGURES.get(doc_type)
    if rule is None or len(builder.lines) < 2:
        return
    squeezed = [re.sub(r"[\s\-/.]", "", line.upper()) for line in page_lines]
    rows = [_anchor_rows(doc_type, line, page_lines, squeezed) for line in builder.lines]
    if sum(1 for found in rows if found) < 2:
        return
    marks = sorted({k for found in rows for k in found})
    lone = [text for text in page_lines if _LONE_FIGURE.fullmatch(text)] + _figure_blocks(page_lines)
    misses: dict[str, tuple[int, str, float]] = {}
    for order in ("after", "before"):
        for index, (line, found) in enumerate(zip(builder.lines, rows, strict=True), start=1):
            stretches = [_stretch(page_lines, marks, row, order) for row in found]
            for name in rule[1]:
                value = _value(line.get(name))
                if not found or not isinstance(value, int | float) or isinstance(value, bool):
                    continue
                if _put_right(line, name):
                    continue
                if not any(_printed(float(value), text) for text in stretches + lone):
                    misses.setdefault(order, (index, name, float(value)))
                    break
            if order in misses:
                break
    if len(misses) == 2 and not _in_column_order(builder, rule[1], page_lines):
        index, name, value = misses["after"]
        cell = name.replace("_", " ")
        builder.warn(
            "value_mismatch",
            f"Line {index}: the {cell} read, {value:,.2f}, is not printed on the line's own rows; check the line.",
            name,
        )


# A line's cells whose product is its amount (invoices and CFDI conceptos).
_LINE_PRODUCT = ("quantity", "unit_price", "amount")


def _put_right(line: dict[str, Any], name: str) -> bool:
    """Whether the reader put ``name`` right from the line's own arithmetic (what the page printed there, its raw,
    says otherwise and OCR misread it): quantity × unit price = amount to the cent, with the other two as printed."""
    cell = line.get(name)
    if name not in _LINE_PRODUCT or cell is None or str(cell.get("raw") or "") == "":
        return _put_right_unprinted(line, name)
    figures = [_value(line.get(key)) for key in _LINE_PRODUCT]
    if not all(isinstance(figure, int | float) and not isinstance(figure, bool) for figure in figures):
        return False
    quantity, price, amount = (float(figure) for figure in figures)
    raw_digits = re.sub(r"\D", "", str(cell.get("raw"))).strip("0")
    value_digits = re.sub(r"\D", "", f"{float(cell['value']):.6f}").strip("0")
    # the raw's digits differ, or they are the value's but a separator OCR misread (``25:52``) keeps the raw
    # from printing it: either way the page's text does not show the value the arithmetic vouches for
    misread = raw_digits != value_digits or not _printed(float(cell["value"]), str(cell.get("raw")))
    return misread and abs(round(quantity * price, 2) - amount) < 0.005


def _put_right_unprinted(line: dict[str, Any], name: str) -> bool:
    """A unit price or quantity the reader worked out from the line's other two figures (none printed, or none
    read: OCR's ``SUS`` where ``505`` stands), that gives the amount to the cent. The amount is the line's own
    print (a discount may keep it from the product), so it is never taken as worked out."""
    cell = line.get(name)
    if name not in ("unit_price", "quantity") or cell is None or cell.get("raw") not in (None, ""):
        return False
    figures = [_value(line.get(key)) for key in _LINE_PRODUCT]
    if not all(isinstance(figure, int | float) and not isinstance(figure, bool) for figure in figures):
        return False
    quantity, price, amount = (float(figure) for figure in figures)
    return abs(round(quantity * price, 2) - amount) < 0.005


def _in_column_order(builder: ResultBuilder, names: tuple[str, ...], page_lines: list[str]) -> bool:
    """Whether, cell by cell, the lines' figures are printed down the page in the lines' own order: a scan whose
    columns OCR read one after the other, apart from their rows. A figure taken from another line, or misread,
    breaks the order (or is printed nowhere)."""
    for name in names:
        at = 0
        for line in builder.lines:
            value = _value(line.get(name))
            if not isinstance(value, int | float) or isinstance(value, bool):
                continue
            found = next((k for k in range(at, len(page_lines)) if _printed(float(value), page_lines[k])), None)
            if found is None:
                return False
            at = found + 1
    return True


STRETCH_LINES = 40
# A page line that holds one figure alone (a currency sign aside): a column that OCR read top to bottom as a block,
# apart from its rows. A figure printed so has lost its row on the page, so its row cannot gainsay it.
_LONE_FIGURE = re.compile(r"\s*(?:US\$|\$|USD|MXN|EUR)?\s*\d[\d.,']*\s*")


# A page line of figures only (and a code, such as a part number, beside them): a piece of a column block.
_ONE_FIGURE = r"(?:US\$|\$|USD|MXN|EUR)?\s?\d[\d.,']*"
_FIGURE_UNIT = r"(?:KGS?|KGM|LBS?|CU\.?\s?M|M3|CBM|CFT|PCS|PKGS?|CTNS?)\.?"
_FIGURES_ONLY = re.compile(
    rf"\s*{_ONE_FIGURE}(?:\s+{_ONE_FIGURE})*(?:\s+[A-Z0-9][\w\-/]*\d[\w\-/]*|\s+{_FIGURE_UNIT})?\s*", re.IGNORECASE
)
# How many such lines in a row make a block that OCR read apart from its rows.
FIGURE_BLOCK = 3


def _figure_blocks(page_lines: list[str]) -> list[str]:
    """The lines of every run of ``FIGURE_BLOCK`` or more lines of figures only: columns OCR read top to bottom
    as a block beside the table (a scan's right-hand columns), whose figures have lost their rows."""
    out: list[str] = []
    run: list[str] = []
    for text in [*page_lines, "end"]:
        if not text.strip():
            continue  # OCR sets a block's lines apart by blank ones
        if _FIGURES_ONLY.fullmatch(text):
            run.append(text)
            continue
        if len(run) >= FIGURE_BLOCK:
            out.extend(run)
        run = []
    return out


def _stretch(page_lines: list[str], marks: list[int], row: int, order: str) -> str:
    """The page's lines from a line's anchor row to the next anchor's (``after``), or from the previous anchor's
    row to its own (``before``), at most ``STRETCH_LINES`` (a line carried onto the next page passes its
    header)."""
    if order == "after":
        end = min([k for k in marks if k > row] + [len(page_lines), row + STRETCH_LINES])
        return " ".join(page_lines[row:end])
    begin = max([k + 1 for k in marks if k < row] + [0, row - STRETCH_LINES])
    return " ".join(page_lines[begin : row + 1])


# The composite or alternative keys of the family label tables, and the field each one gives.
_LABEL_FIELD = {
    "vessel_voyage": "vessel",
    "series_folio": "folio",
    "invoice_number_dated": "invoice_number",
    "buyer_name_messrs": "buyer_name",
}
# (``_shaped``: a label read only before a value of its field's shape, ``CIF`` before a NIF and not before a port)
_WEAK_KEY = re.compile(r"_(?:weak|strong|to|any|shaped)$")


def _label_table(doc_type: str) -> dict[str, Any]:
    from extractors import bl_labels, cfdi_pdf, invoice
    from extractors.pedimento import labels as pedimento_labels

    tables: dict[str, Any] = {
        "bill_of_lading": bl_labels.LABELS,
        "cfdi": cfdi_pdf.LABELS,
        "commercial_invoice": invoice.HEADER_LABELS,
        "pedimento": pedimento_labels.HEADER_LABELS,
    }
    return dict(tables.get(doc_type, {}))


@cache
def labelled_fields(doc_type: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(field, pattern) for every distinctive label wording of the family: a label of two words or more, or
    one long word, followed by a colon and a value on its line."""
    out = []
    for key, wordings in _label_table(doc_type).items():
        if key.startswith("_") or _WEAK_KEY.search(key):
            continue
        field = _LABEL_FIELD.get(key, key)
        for wording in wordings:
            words = re.findall(r"[A-Z0-9]+", wording.upper())
            if len(words) < 2 and (not words or len(words[0]) < 7):
                continue
            joined = r"[\s./#&()-]*".join(re.escape(word) for word in words)
            start = r"(?<![A-Z0-9])" if len(words) >= 2 else r"^\s*"  # one word alone: a label that opens its line
            out.append((field, re.compile(rf"{start}{joined}\s*:\s*(?P<value>[^\s:][^:]*)", re.IGNORECASE)))
            if doc_type == "commercial_invoice":
                # a row of an invoice's totals block: the label opens its line and a figure alone ends it, with no
                # colon between (a CFDI's totals are key fields, asked for when missing)
                out.append((field, re.compile(rf"^\s*{joined}{_ROW_FIGURE}", re.IGNORECASE)))
    return tuple(out)


# What follows a totals row's label: its currency, maybe, and one figure to the line's end (OCR may break it).
_ROW_FIGURE = r"\s*(?:\(?(?:USD|MXN|EUR)\)?)?\s+(?P<value>(?:US)?[$€S]?\s?\d[\d.,\s]*)$"


def _labelled_unread(doc_type: str, builder: ResultBuilder, page_lines: list[str]) -> None:
    """A field the form prints after its own label and a colon ("Incoterm: FCA", "Country of origin: China"),
    or under a label that fills its line, that the reading lacks was left unread."""
    plain = [line.upper().translate(_ACCENTLESS) for line in page_lines]
    for field, pattern in labelled_fields(doc_type):
        if _value(builder.fields.get(field)) not in (None, "") or _read_per_line(builder, field):
            continue
        for line in plain:
            found = pattern.search(line)
            if found is not None and _EMPTY_VALUE.match(found.group("value")):
                continue  # ``Programa IMMEX: N/A``: the form says it has no value
            if found is not None and re.search(r"[A-Z0-9]", found.group("value")):
                _unread(builder, field, line)
                return
    lone = label_lines(doc_type)
    for k, line in enumerate(plain[:-1]):
        alone = lone.get(norm(line))
        if not alone or _value(builder.fields.get(alone)) not in (None, ""):
            continue
        if _NONE_MARK.search(line):
            # the label with a dash after it (``IMMEX program  -``): the form says it has no value
            continue
        below = plain[k + 1]
        if re.search(r"[A-Z0-9]", below) and norm(below) not in lone and not below.rstrip().endswith(":"):
            _unread(builder, alone, f"{line.strip()} {below.strip()}")
            return


# A label's value that says the field is empty: a dash, N/A or NINGUNO, alone or before the next label's words.
_EMPTY_VALUE = re.compile(r"\s*(?:[-–—]+|N/?A|NINGUN[OA])(?:\s|$)")
# A dash (or N/A) printed after a label, ending its line: the field is empty, the line under it is not its value.
_NONE_MARK = re.compile(r"[A-Z.):]\s+(?:[-–—]+|N/?A)\s*$")


def _read_per_line(builder: ResultBuilder, field: str) -> bool:
    """Whether the lines carry ``field`` (an origin stated under each item): its label on the page is then the
    items', not a header value left unread."""
    return any(_value(line.get(field)) not in (None, "") for line in builder.lines)


def _unread(builder: ResultBuilder, field: str, line: str) -> None:
    label = field.replace("_", " ")
    builder.warn(
        "unread_value",
        f"The page prints the {label} ({line.strip()[:60]!r}) but it was not read; enter it.",
        field,
    )


@cache
def label_lines(doc_type: str) -> dict[str, str]:
    """Every label wording of the family (``layout.norm`` form) and its field (None for labels of no field,
    so that a line under one is not taken for a value)."""
    out: dict[str, str] = {}
    for key, wordings in _label_table(doc_type).items():
        for wording in wordings:
            field = "" if key.startswith("_") or _WEAK_KEY.search(key) else _LABEL_FIELD.get(key, key)
            if norm(wording) not in out or field:
                out[norm(wording)] = field
    return out


# A description ends with a word of its own: one ending in a preposition or a conjunction lost its last line.
_DESCRIPTION_CUT = re.compile(
    r"\s(?:DE|DEL|PARA|CON|SIN|Y|E|O|EN|A|AL|LA|LAS|LOS|EL|POR|OF|FOR|WITH|AND|THE|TO|IN|ON|OR|&|,)$"
)


# A lone figure at a text's end (``… ENSAMBLADO 2``).
_FIGURE_TAIL = re.compile(r"^(.*\S)\s+(\d{1,3})$")


def _figure_tails(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A description read with a lone figure after it that the page never prints after it (a page count's last
    figure, ``hoja 1 de 2``, read under the last partida of the page): where the page prints the description, a
    figure is not what follows it."""
    lines = [" ".join(line.split()).upper() for line in page_lines]
    for index, line in enumerate(builder.lines, start=1):
        text = _value(line.get("description"))
        tail = _FIGURE_TAIL.match(" ".join(text.split()).upper()) if isinstance(text, str) else None
        if tail is None or any(tail.group(0) in page for page in lines):
            continue
        afters = [
            page[at + len(tail.group(1)) :].split()[:1] for page in lines for at in _occurrences(page, tail.group(1))
        ]
        figure = tail.group(2)
        if afters and all(after != [figure] for after in afters):
            builder.warn(
                "description_shape",
                f"Line {index}: the description {text[:80]!r} ends in the figure {figure!r}, which the "
                "page does not print after it; check that it is the description's.",
                "description",
            )
            return


def _at_fixed_width(text: str, lines: list[dict[str, Any]]) -> bool:
    """A description the issuer's system cut at its column's fixed number of characters (``… moldeada para en``):
    two or more of the document's descriptions share the greatest length, and this one reaches it but for the
    space or comma the cut left at its end. A lost last line leaves a description shorter than the whole ones."""
    lengths = [len(value) for line in lines if isinstance(value := _value(line.get("description")), str)]
    if len(lengths) < 2:
        return False
    widest = max(lengths)
    return lengths.count(widest) >= 2 and len(text) >= widest - 2


def _cut_descriptions(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A description the page prints only with more words after it (a word of four letters or more, not a
    figure nor a unit) was cut short: where the page prints it whole, it ends its line or meets a figure."""
    lines = [" ".join(line.split()).upper() for line in page_lines]
    for index, line in enumerate(builder.lines, start=1):
        text = _value(line.get("description"))
        if not isinstance(text, str) or len(text.split()) < 2:
            continue
        upper = " ".join(text.split()).upper()
        if _DESCRIPTION_CUT.search(upper) and not _at_fixed_width(text, builder.lines):
            builder.warn(
                "description_shape",
                f"Line {index}: the description {text[:80]!r} ends in a joining word; check that it was read whole.",
                "description",
            )
            return
        afters = [page[at + len(upper) :] for page in lines for at in _occurrences(page, upper)]
        if not afters:
            continue
        longer = [after for after in afters if _continues(after)]
        if longer and len(longer) == len(afters):
            builder.warn(
                "description_shape",
                f"Line {index}: the description {text[:80]!r} is printed with more words after it "
                f"({longer[0].split()[0]!r}); check that it was read whole.",
                "description",
            )
            return


def caption_tail(text: str, captions: set[str]) -> str | None:
    """The last one to three words of ``text`` when they are one of ``captions``, else None."""
    words = text.split()
    for size in (1, 2, 3):
        if len(words) > size:
            tail = " ".join(words[-size:]).upper()
            if re.search(r"[A-Z]{2}", tail) and norm(tail) in captions:
                return tail
    return None


def _caption_tails(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A description ending in words the page prints as a caption (opening a line and followed by a colon:
    ``CODIGO PRODUCTO: PN-8812``) took the caption of the row under it, its colon and value left behind."""
    captions = {norm(found.group(1)) for line in page_lines if (found := _CAPTION.match(line))}
    captions.discard("")
    if not captions:
        return
    for index, line in enumerate(builder.lines, start=1):
        text = _value(line.get("description"))
        tail = caption_tail(text, captions) if isinstance(text, str) else None
        if tail is not None:
            builder.warn(
                "description_shape",
                f"Line {index}: the description {text[:80]!r} ends in the caption {tail!r}, which the page prints "
                "before a value of its own; read the description from the document.",
                "description",
            )
            return


# A caption that opens its line: one to three words, then a colon and a value (a time such as ``10:30`` is no
# caption, nor a description's last word with a speck OCR read as a colon after it).
_CAPTION = re.compile(
    r"^\s*([A-Za-zÁÉÍÓÚÑáéíóúñ][\w./#°-]*(?:\s+[A-Za-zÁÉÍÓÚÑáéíóúñ][\w./#°-]*){0,2})\s*:(?!\d)\s*[\w#$]"
)


def _occurrences(page: str, text: str) -> list[int]:
    out, at = [], page.find(text)
    while at >= 0:
        if at == 0 or not page[at - 1].isalnum():
            out.append(at)
        at = page.find(text, at + 1)
    return out


def _continues(after: str) -> bool:
    """Whether what follows a description on its line goes on with it: a word of four letters or more."""
    if not after.startswith(" "):
        return False
    words = after.split()
    first = words[0] if words else ""
    return len(first) >= 4 and first.isalpha() and first not in UNIT_WORDS
