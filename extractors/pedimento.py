"""Pedimentos, as printed by any broker's system: header fields, partidas, references and checks.

Nothing here knows a broker's layout. Each field is named by the labels that print beside it (the official
print format's wording and the variants brokers use), ``extractors.layout`` finds those labels wherever they
stand and reads the value to their right or in the box below; the partidas table is found by its column
headers on every page (the header repeats), and a partida may span several lines (codes, description, values,
marca/modelo/código). Values are normalised per the contract (``../shared/contracts/extraction-v1.md``).
"""

from __future__ import annotations

import re
from typing import Any

from extractors import checks
from extractors.entities import recognisers
from extractors.layout import (
    Cell,
    FamilyResult,
    Found,
    PageLayout,
    Record,
    TableSpec,
    apply_parser,
    column_below,
    field_value,
    find_labels,
    find_value,
    found_from_cell,
    layouts,
    norm,
    ocr_digits,
    parse_choice,
    parse_country,
    parse_date,
    parse_int,
    parse_name,
    parse_number,
    parse_pedimento,
    parse_regex,
    parse_rfc,
    parse_text,
    pdf_rules,
    read_table,
    words_below,
    words_right_of,
)
from extractors.result import ResultBuilder

# Header fields: contract name → the labels printed beside the value.
HEADER_LABELS: dict[str, list[str]] = {
    "pedimento_number": [
        "NUM. PEDIMENTO",
        "NUMERO DE PEDIMENTO",
        "NUM. DE PEDIMENTO",
        "NO. PEDIMENTO",
        "NO. DE PEDIMENTO",
        "PEDIMENTO NO.",
        "NUMERO PEDIMENTO",
        "PEDIMENTO NUM.",
    ],
    "operation_type": ["T. OPER", "TIPO OPER", "TIPO DE OPERACION", "TIPO OPERACION", "T. OPERACION", "TIPO.OPER"],
    "clave": [
        "CVE. PEDIMENTO",
        "CVE PEDIMENTO",
        "CLAVE DE PEDIMENTO",
        "CLAVE PEDIMENTO",
        "CVE. PED.",
        "CVE. DOC.",
    ],
    "regimen": ["REGIMEN", "CVE. REGIMEN", "CLAVE DE REGIMEN"],
    "customs_office": [
        "ADUANA E/S",
        "ADUANA ENTRADA/SALIDA",
        "ADUANA DE ENTRADA/SALIDA",
        "ADUANA ENTRADA SALIDA",
        "ADUANA/SECCION",
        "ADUANA DE DESPACHO",
    ],
    "patente": ["PATENTE", "PATENTE O AUTORIZACION", "PATENTE/AUTORIZACION", "NUM. PATENTE", "NO. PATENTE"],
    "exchange_rate": ["TIPO CAMBIO", "TIPO DE CAMBIO", "T. CAMBIO", "T.C."],
    "gross_weight_kg": ["PESO BRUTO", "PESO BRUTO (KG)", "PESO BRUTO KG", "PESO BRUTO KGS"],
    "usd_value": ["VALOR DOLARES", "VALOR EN DOLARES", "VALOR USD", "VALOR DLS", "VAL. DOLARES"],
    "customs_value_mxn": ["VALOR ADUANA", "VALOR EN ADUANA", "VAL. ADUANA"],
    "commercial_value_mxn": [
        "PRECIO PAGADO/VALOR COMERCIAL",
        "PRECIO PAGADO / VALOR COMERCIAL",
        "VALOR COMERCIAL",
        "PRECIO PAGADO",
    ],
    "importer_exporter_rfc": [
        "RFC",
        "R.F.C.",
        "RFC DEL IMPORTADOR/EXPORTADOR",
        "RFC IMPORTADOR/EXPORTADOR",
        "RFC DEL IMPORTADOR",
        "RFC DEL EXPORTADOR",
        "CLAVE EN EL RFC",
    ],
    "importer_exporter_name": [
        "NOMBRE, DENOMINACION O RAZON SOCIAL",
        "NOMBRE O RAZON SOCIAL",
        "RAZON SOCIAL",
        "NOMBRE O RAZ. SOC",
    ],
    "entry_date": ["ENTRADA", "FECHA DE ENTRADA", "FECHA ENTRADA"],
    "payment_date": ["PAGO", "FECHA DE PAGO", "FECHA PAGO"],
    "presentation_date": ["PRESENTACION", "FECHA DE PRESENTACION", "FECHA PRESENTACION"],
    "immex_program": ["PROGRAMA IMMEX", "NUM. PROGRAMA IMMEX", "NO. PROGRAMA IMMEX", "PROGRAMA IMMEX NO."],
    "partida_count": [
        "NUM. TOTAL DE PARTIDAS",
        "TOTAL DE PARTIDAS",
        "NUMERO DE PARTIDAS",
        "NUM. DE PARTIDAS",
        "NO. DE PARTIDAS",
    ],
    # labels that are not contract fields but stop a neighbouring value from running on
    "_other": [
        "DESTINO",
        "DESTINO/ORIGEN",
        "CURP",
        "DOMICILIO",
        "CERTIFICACIONES",
        "MEDIOS DE TRANSPORTE",
        "ENTRADA/SALIDA",
        "ARRIBO",
        "SALIDA",
        "MEDIO TRANSP.",
        "ID. FISCAL",
        "CODIGO DE BARRAS",
        "ACUSE ELECTRONICO DE VALIDACION",
        "CLAVE DEL PREVALIDADOR",
        "CLAVE PREVALIDADOR",
        "AGENTE ADUANAL",
        "FECHA IMPRESION",
        "REFERENCIA",
    ],
}

# Claves de pedimento (Anexo 22 Apéndice 2) as far as they are known here; an unknown clave is still read,
# but one OCR put a look-alike character into is put back when that gives a known clave.
_CLAVES = (
    "A1 A3 A4 A5 AD AF AJ AM B1 BA BB BC BD BE BF BH BI BM BO BP BR C1 C2 CT E1 E2 E3 E4 F2 F3 F4 F5 F8 F9 "
    "G1 G2 G6 G7 G8 G9 H1 H8 I1 IN K1 K2 K3 L1 M1 M2 M3 M4 M5 P1 R1 RT S2 T1 T3 T6 T7 T9 V1 V2 V3 V4 V5 V6 "
    "V7 V8 V9 VD VF VU"
)
KNOWN_CLAVES = frozenset(_CLAVES.split())
_CLAVE_SECOND = str.maketrans({"L": "1", "I": "1", "l": "1", "|": "1", "O": "0", "S": "5", "Z": "2"})
_CLAVE_FIRST = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "4": "A"})


def parse_clave(text: str) -> tuple[str, tuple[int, int]] | None:
    """A clave de pedimento (two characters)."""
    first: tuple[str, tuple[int, int]] | None = None
    for match in re.finditer(r"(?<![A-Za-z0-9])([A-Za-z0-9|]{2})(?![A-Za-z0-9])", text):
        token = match.group(1).upper()
        if token in KNOWN_CLAVES:
            return token, match.span(1)
        fixed = token[0].translate(_CLAVE_FIRST) + token[1].translate(_CLAVE_SECOND)
        if fixed in KNOWN_CLAVES:
            return fixed, match.span(1)
        if first is None and re.fullmatch(r"[A-Z][A-Z0-9]", token):
            first = token, match.span(1)
    return first


_OPERATIONS = {
    "IMP": "IMP",
    "EXP": "EXP",
    "TRA": "TRA",
    "IMPORTACION": "IMP",
    "EXPORTACION": "EXP",
    "TRANSITO": "TRA",
    "1": "IMP",
    "2": "EXP",
    "3": "TRA",
}

_AMOUNT_RE = re.compile(r"\$?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


def parse_amount(text: str) -> tuple[float, tuple[int, int]] | None:
    """The first word that is one whole printed number (``23,520.00``, ``43646.14``): a word holding two numbers
    run together (a bank stamp's figures printed into the value column: ``365330.00539674.00``) is not one."""
    fixed = ocr_digits(text)
    for match in re.finditer(r"\S+", fixed):
        word = match.group(0).rstrip(";:")
        amount = _AMOUNT_RE.fullmatch(word)
        if amount:
            return float(amount.group(1).replace(",", "")), match.span()
    return None


PARSERS: dict[str, Any] = {
    "pedimento_number": parse_pedimento,
    "operation_type": parse_choice(_OPERATIONS),
    "clave": parse_clave,
    "regimen": parse_regex(r"(?<![A-Z])([A-Z]{3})(?![A-Z])", group=1),
    "customs_office": parse_regex(r"(?<!\d)(\d{3})(?!\d)", digits=True, group=1),
    "patente": parse_regex(r"(?<!\d)(\d{4})(?!\d)", digits=True, group=1),
    "exchange_rate": parse_amount,
    "gross_weight_kg": parse_amount,
    "usd_value": parse_amount,
    "customs_value_mxn": parse_amount,
    "commercial_value_mxn": parse_amount,
    "importer_exporter_rfc": parse_rfc,
    "importer_exporter_name": parse_name,
    "entry_date": parse_date,
    "payment_date": parse_date,
    "presentation_date": parse_date,
    "immex_program": parse_regex(
        r"(?<![A-Z0-9])([0-9][0-9A-Z]*(?:[-/][0-9A-Z]+)*)(?![A-Z0-9])", digits=True, group=1, compact=False
    ),
    "partida_count": parse_int,
}
# Money that pedimentos print as whole pesos; a value read as a float keeps its decimals otherwise.
_WHOLE = {"customs_value_mxn", "commercial_value_mxn", "partida_count"}


def _is_int(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}", ocr_digits(text).strip(" .:;,'")))


def _is_number(text: str) -> bool:
    return all(parse_number(tok) is not None for tok in text.split())


def _is_fraccion(text: str) -> bool:
    """An 8-digit fracción, dotted or not, or fracción and NICO printed together (10 digits)."""
    return bool(re.fullmatch(r"\d{4}\.?\d{2}\.?\d{2}(\.?\d{2})?", ocr_digits(text).replace(" ", "")))


def _is_code(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}", ocr_digits(text).strip()))


def _is_country(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{3}", text.strip().upper()))


def _is_part(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and len(text.split()) <= 2


# Contributions printed per partida (Anexo 22 Apéndice 12), on a line of their own: CON. TASA T.T. F.P. IMPORTE.
CONTRIBUTIONS = frozenset(
    "IVA IGI IGE DTA IEPS ISAN CC PRV ECI REC MT ISR BB IVAPRV IGIIGE CNT DFC EUR RT 201 202 ICP".split()
)
# What ends a partida's own text: its identifiers and observations (they are not partidas, nor description).
_CLOSERS = ("IDENTIF", "IDENTIFICADORES", "IDENTIFICADOR", "OBSERVACIONES")
# Lines of the page's furniture that can fall inside the partidas block.
_NOISE = ("FECHAIMPRESION", "REFERENCIA", "CTE", "PAGINA", "ANEXODELPEDIMENTO")


def _partida_noise(line: Any) -> str | None:
    """"skip" for a contribution line or a page-furniture line, "close" for the start of a partida's identifiers
    or observations; None for a line of the partida itself."""
    tokens = [t for t in line.tokens if t]
    if not tokens:
        return None
    first = tokens[0]
    if first in CONTRIBUTIONS and len(tokens) >= 3 and all(t.isdigit() for t in tokens[1:]):
        return "skip"
    if first in _CLOSERS:
        return "close"
    joined = "".join(tokens)
    if any(joined.startswith(n) for n in _NOISE):
        return "skip"
    return None


PARTIDA_SPEC = TableSpec(
    columns={
        "sequence": ["SEC", "SEC.", "SECUENCIA", "PARTIDA", "NUM. PARTIDA"],
        "tariff_code": ["FRACCION", "FRACCION ARANCELARIA"],
        "nico": ["SUBD.", "NICO", "SUBD./NICO", "SUBD/NICO", "SUBDIVISION"],
        "vinc": ["VINC.", "VINCULACION"],
        "method": ["MET VAL", "MET. VAL.", "METODO VAL", "METODO DE VALORACION"],
        "umc": ["UMC", "U.M.C.", "UNIDAD UMC"],
        "umc_quantity": ["CANTIDAD UMC", "CANT. UMC", "CANT UMC"],
        "umt": ["UMT", "U.M.T.", "UNIDAD UMT"],
        "umt_quantity": ["CANTIDAD UMT", "CANT. UMT", "CANT UMT"],
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
        ],
        "origin_destination_country": ["P. O/D", "PAIS O/D", "P.O/D", "PAIS ORIGEN/DESTINO", "P. OID", "PAIS OID"],
        "description": [
            "DESCRIPCION",
            "DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)",
            "DESCRIPCION DE LA MERCANCIA",
        ],
        "customs_value_mxn": [
            "VAL. ADU/USD",
            "VAL. ADU",
            "VALOR ADUANA",
            "VAL ADU/VAL USD",
            "VAL. ADU/VAL. USD",
            "VALOR ADUANA/USD",
            "VAL. ADUANA",
        ],
        "paid_price_mxn": [
            "IMP. PRECIO PAG.",
            "PRECIO PAGADO",
            "IMPORTE PRECIO PAGADO",
            "PRECIO PAGADO/VALOR COMERCIAL",
            "VALOR COMERCIAL",
            "IMP. PRECIO PAG./VALOR COMERCIAL",
        ],
        "unit_price": ["PRECIO UNIT.", "PRECIO UNITARIO"],
        "value_added": ["VAL. AGREG.", "VALOR AGREGADO", "VAL. AGREGADO"],
        "part_number": [
            "CODIGO PRODUCTO",
            "CODIGO DE PRODUCTO",
            "NUM. PARTE",
            "NUM. DE PARTE",
            "NO. PARTE",
            "NO. DE PARTE",
            "NUMERO DE PARTE",
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
        # the partida's contributions, printed beside it: not part of the partida's fields
        "_contributions": ["CON. TASA T.T. F.P. IMPORTE", "CON.", "CONTRIB.", "TASA", "T.T.", "F.P.", "IMPORTE"],
    },
    aside=("_contributions",),
    skip_line=lambda line: _partida_noise(line),
    header_depth=8,
    max_gap=4.0,
    anchor="sequence",
    anchor_test=_is_int,
    min_header=4,
    stop=[
        "FIN DE PEDIMENTO",
        "TOTAL DE PARTIDAS",
        "NUMERO DE PARTIDAS",
        "NUM. DE PARTIDAS",
        "CUADRO DE LIQUIDACION",
        "OBSERVACIONES A NIVEL PEDIMENTO",
    ],
    free_text="description",
    row_types={
        "sequence": _is_int,
        "tariff_code": _is_fraccion,
        "nico": _is_code,
        "vinc": _is_code,
        "method": _is_code,
        "umc": _is_code,
        "umt": _is_code,
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

_CODE2 = parse_regex(r"(?<!\d)(\d{1,2})(?!\d)", digits=True, group=1)
PARTIDA_PARSERS: dict[str, Any] = {
    "sequence": parse_int,
    "tariff_code": parse_regex(r"(?<!\d)(\d{4}\.?\d{2}\.?\d{2}(?:\.?\d{2})?)(?!\d)", digits=True, group=1),
    "nico": parse_regex(r"(?<!\d)(\d{2})(?!\d)", digits=True, group=1),
    "umc": _CODE2,
    "umc_quantity": parse_number,
    "umt": _CODE2,
    "umt_quantity": parse_number,
    "seller_buyer_country": parse_country,
    "origin_destination_country": parse_country,
    "description": parse_text,
    "customs_value_mxn": parse_number,
    "paid_price_mxn": parse_number,
    "unit_price": parse_number,
    "value_added": parse_number,
    "part_number": parse_regex(r"([A-Z0-9][A-Z0-9\-./]*[0-9][A-Z0-9\-./]*)", compact=False),
}
# How sure a rule is of the value it reads, before OCR confidence: a cell under its column header is a bit
# less certain than a labelled header value.
CELL_CERTAINTY = 0.95


def extract_pedimento(doc_text: Any, context: Any = None) -> ResultBuilder:
    """Fields, partidas, references and warnings of a pedimento (``context``: the pipeline's; its path lets
    a bordered partidas table be split at its ruling lines where the words leave no gutter)."""
    pages = layouts(doc_text.pages)
    result = FamilyResult()
    consumed: set[tuple[int, int]] = set()
    records = read_table(pages, PARTIDA_SPEC, consumed=consumed, rules=pdf_rules(doc_text, context))
    hits = [h for lay in pages for h in find_labels(lay, HEADER_LABELS, skip=consumed)]
    _header(pages, hits, result)
    previous = 0
    for record in records:
        line = _partida(record)
        if not line:
            continue
        if "sequence" not in line:
            # OCR lost the SEC digit: partidas are numbered in order, so it is the one after the last
            line["sequence"] = field_value(previous + 1, confidence=0.6)
            line["sequence"]["page"] = record.page
        previous = int(line["sequence"]["value"])
        result.add_line(line)
    _identifiers(pages, consumed, result)
    _references(pages, result)
    _checks(result)
    return result


def _header(pages: list[PageLayout], hits: list[Any], result: ResultBuilder) -> None:
    """Header fields by their labels. Hits are in reading order, so the importer's RFC and name (printed
    before the supplier's and the broker's) are the ones taken."""
    for name, parser in PARSERS.items():
        found = find_value(pages, hits, name, parser)
        if found is None and name in _FAR_RIGHT:
            found = _far_right(pages, hits, name, parser)
        if found is None:
            continue
        value = found.value
        if name in _WHOLE and isinstance(value, float) and value.is_integer():
            value = int(value)
        _set(result, name, found, value)
    number = result.fields.get("pedimento_number")
    if number is None:
        found = _search(pages, parse_pedimento)
        if found is not None:
            _set(result, "pedimento_number", found, found.value, certainty=0.85)
            number = result.fields["pedimento_number"]
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
    if "importer_exporter_rfc" not in result.fields:
        found = _search(pages, parse_rfc)
        if found is not None:
            _set(result, "importer_exporter_rfc", found, found.value, certainty=0.8)


# Values some systems print far right of their label, at the end of the label's line.
_FAR_RIGHT = {"usd_value", "customs_value_mxn", "commercial_value_mxn", "gross_weight_kg", "exchange_rate"}


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


def _partida(record: Record) -> dict[str, dict]:
    line: dict[str, dict] = {}
    _split_codes(record)
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
                # fracción and NICO printed together: the NICO is the last two digits
                if "nico" not in line and not record.text("nico").strip():
                    line["nico"] = found.as_field(value[8:])
                value = value[:8]
        elif isinstance(value, float) and value < 0:
            # quantities, values and prices of a partida are never negative: the sign is a ruling line OCR read
            value = -value
        line[name] = found.as_field(value)
    return line


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


def _identifiers(pages: list[PageLayout], consumed: set[tuple[int, int]], result: ResultBuilder) -> None:
    """``immex_program`` from the identifiers block: a line that starts with the identifier IM, then its
    complement (when no ``PROGRAMA IMMEX`` label gave it already)."""
    if "immex_program" in result.fields:
        return
    parser = PARSERS["immex_program"]
    for lay in pages:
        for li, line in enumerate(lay.lines):
            if (lay.number, li) in consumed:
                continue
            words = [w for w in line.words if norm(w.text)]
            if len(words) < 2 or norm(words[0].text) != "IM":
                continue
            found = apply_parser(parser, words[1:2], lay.number, 0.95)
            if found is not None:
                _set(result, "immex_program", found, found.value)
                return


_AWB_RE = re.compile(r"(?<![\dA-Z])(\d{3})-?(\d{8})(?![\dA-Z])")


def _references(pages: list[PageLayout], result: ResultBuilder) -> None:
    """Invoices, COVE, guías (B/L or air waybill) and containers, wherever the pedimento prints them."""
    invoice_labels = {
        "invoice": [
            "NUM. CFDI O DOCUMENTO EQUIVALENTE",
            "FACTURA",
            "FACTURAS",
            "NUM. FACTURA",
            "NUMERO DE FACTURA",
            "CFDI O DOCUMENTO EQUIVALENTE",
        ],
        "guide": [
            "NUMERO (GUIA/ORDEN EMBARQUE)/ID",
            "GUIA / B.L. / AWB",
            "GUIA / CONOCIMIENTO",
            "GUIA/B.L.",
            "GUIA",
            "CONOCIMIENTO DE EMBARQUE",
            "NUMERO GUIA",
        ],
        "_stop": [
            "FECHA",
            "INCOTERM",
            "MONEDA FACT",
            "VAL. MON. FACT",
            "FACTOR MON. FACT",
            "VAL. DOLARES",
            "COVE",
            "E-DOCUMENTS COVE",
            "CONTENEDORES",
            "ACUSE DE VALOR (COVE)",
        ],
    }
    for lay in pages:
        text = "\n".join(line.text for line in lay.lines)
        for hit in recognisers.coves(text):
            result.add_reference("cove", hit.value)
        for hit in recognisers.containers(text.upper()):
            result.add_reference("container", hit.value)
            if not hit.valid:
                result.warn(
                    "check_digit",
                    f"Container {hit.value} fails its ISO 6346 check digit; it may be misprinted or misread.",
                    "references",
                )
        labels = find_labels(lay, invoice_labels)
        blocked = {(h.line, k) for h in labels for k in range(h.start, h.end + 1)}
        for label in labels:
            if label.key not in ("invoice", "guide"):
                continue
            groups = [words_right_of(lay, label, blocked)]
            if not groups[0]:
                after = [h.x0 for h in labels if h.line == label.line and h.x0 > label.x1]
                edge = min(after, default=lay.width)
                # a table of invoices: every line under the header while the first column holds a number
                groups = []
                if words_below(lay, label, blocked, edge, 1):
                    groups = column_below(lay, label, edge, skip=("ACUSE", "COVE"))
            for words in groups:
                for token in " ".join(w.text for w in words).replace(",", " ").split():
                    _add_document_reference(result, label.key, token)


def _add_document_reference(result: ResultBuilder, key: str, token: str) -> None:
    token = token.strip(" .;:")
    if not token or not any(ch.isdigit() for ch in token) or len(token) < 3:
        return
    if key == "invoice":
        if token.upper().startswith("COVE"):
            return
        result.add_reference("invoice", token)
        return
    if recognisers.CONTAINER_RE.fullmatch(token.upper()):
        return
    awb = _AWB_RE.fullmatch(token)
    if awb:
        result.add_reference("awb", awb.group(1) + awb.group(2))
    elif re.fullmatch(r"[A-Z0-9\-]{6,}", token.upper()):
        result.add_reference("bl", token.upper().replace("-", ""))


# Valor aduana against valor dólares × tipo de cambio: the official figures are rounded to whole pesos and
# cents, so they agree within a fraction of a percent.
VALUE_TOLERANCE = 0.01
TOTAL_TOLERANCE = 1.0  # pesos


def _checks(result: ResultBuilder) -> None:
    fields = result.fields

    def value(name: str) -> Any:
        return fields.get(name, {}).get("value")

    count = value("partida_count")
    if count is not None and result.lines and int(count) != len(result.lines):
        result.warn(
            "partida_count",
            f"The pedimento says it has {count} partidas (NUM. TOTAL DE PARTIDAS) but "
            f"{len(result.lines)} were read; some may be missing or misread.",
            "partida_count",
        )
    export = value("operation_type") == "EXP"
    if result.lines:
        paid = _column(result.lines, "paid_price_mxn")
        total = value("commercial_value_mxn")
        if total is not None and paid is not None and abs(sum(paid) - total) > TOTAL_TOLERANCE * len(paid):
            result.warn(
                "totals_mismatch",
                f"The partidas' prices paid add up to {sum(paid):,.0f} but the "
                f"pedimento's precio pagado/valor comercial is {total:,.0f}.",
                "commercial_value_mxn",
            )
        customs = _column(result.lines, "customs_value_mxn")
        total_customs = value("usd_value" if export else "customs_value_mxn")
        if total_customs is not None and customs is not None:
            tolerance = 0.01 * len(customs) if export else TOTAL_TOLERANCE * len(customs)
            if abs(sum(customs) - total_customs) > tolerance:
                what = "valor dólares" if export else "valor aduana"
                result.warn(
                    "totals_mismatch",
                    f"The partidas' customs values add up to {sum(customs):,.2f} but "
                    f"the pedimento's {what} is {total_customs:,.2f}.",
                    "usd_value" if export else "customs_value_mxn",
                )
    rate, usd = value("exchange_rate"), value("usd_value")
    base = value("commercial_value_mxn") if export else value("customs_value_mxn")
    if rate and usd and base:
        expected = usd * rate
        if abs(expected - base) > max(VALUE_TOLERANCE * base, 2.0):
            result.warn(
                "value_mismatch",
                f"Valor dólares {usd:,.2f} × tipo de cambio {rate} = {expected:,.0f}, "
                f"but the pedimento's {'valor comercial' if export else 'valor aduana'} is {base:,.0f} "
                "(more than 1% apart).",
                "customs_value_mxn",
            )
    rfc = value("importer_exporter_rfc")
    if rfc and not checks.rfc_is_valid(rfc):
        result.warn(
            "check_digit",
            f"RFC {rfc} fails its check digit (about 1.5% of real RFCs do); check it against the paper.",
            "importer_exporter_rfc",
        )
    number = value("pedimento_number")
    if number:
        for problem in checks.pedimento_problems(number):
            result.warn("pedimento_number", f"Pedimento number {number}: {problem}.", "pedimento_number")


def _column(lines: list[dict[str, dict]], name: str) -> list[float] | None:
    """The numbers of one column across all lines, or None when any line lacks it."""
    values = [ln.get(name, {}).get("value") for ln in lines]
    if any(not isinstance(v, int | float) for v in values):
        return None
    return [float(v) for v in values if v is not None]
