"""Conceptos and Comercio Exterior mercancías read from a CFDI printout, by column headers (no template).

The conceptos table is found by a header row naming at least three of its columns (ClaveProdServ, cantidad,
unidad, descripción, valor unitario, importe, ...; each column with the wordings issuers print), records start
at an eight-digit ClaveProdServ. The complement's mercancías table is found the same way (NoIdentificacion,
fracción arancelaria, cantidad and unidad aduana, valor dólares) and joined to the conceptos on the part number
(NoIdentificacion), else in order when both tables have as many rows.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

from extractors import layout
from extractors.cfdi_pdf_attributes import attribute_lines
from extractors.cfdi_pdf_blocks import bare_segments, block_wordings, read_concepto_blocks, read_labelled_mercancias
from extractors.cfdi_pdf_cells import (
    BARE_IN_CONCEPTO,
    LABELLED_IN_CONCEPTO,
    UNIT_NAMES,
    figures_past_description,
    key_leading_description,
    labelled_in_note,
)
from extractors.cfdi_pdf_figures import (
    confirm_unit_value,
    customs_unit_beside,
    customs_unit_from_unit,
    figures_from_mercancia,
    parse_money,
    reconcile_customs_quantity,
    repair_figures,
)
from extractors.cfdi_pdf_slices import join_slices, row_number
from extractors.entities.normalise import CURRENCY_CODES
from extractors.line_rules import reconcile_quantity
from extractors.result import ResultBuilder, compact_line, line_field


def _labels(wordings: str) -> list[str]:
    return [wording.strip() for wording in wordings.split("|")]


PART_WORDS = _labels(
    "NO IDENTIFICACION|NOIDENTIFICACION|NO IDENT|NUM IDENTIFICACION|NO DE IDENTIFICACION|IDENTIFICACION|"
    "NO DE PARTE|NUMERO DE PARTE|NO PARTE|NUM PARTE|PART NO|PART NUMBER|SKU|NO ARTICULO|ARTICULO|MATERIAL|"
    "MODELO|REFERENCIA|CODIGO DE PRODUCTO|CODIGO PRODUCTO|CODIGO INTERNO|CLAVE INTERNA|CVE PRODUCTO|NO IDENT"
)
# A column headed only "Clave" or "Código" holds the ClaveProdServ on some printouts and the issuer's own part
# number on others: its values decide (eight digits are a ClaveProdServ).
CODE_WORDS = _labels("CLAVE|CODIGO|CVE|COD")
CONCEPTO_COLUMNS: dict[str, Sequence[str]] = {
    "product_key": _labels(
        "CLAVEPRODSERV|CLAVE PROD SERV|CLAVE PRODUCTO|CLAVE DEL PRODUCTO Y/O SERVICIO|CLAVE PRODUCTO SERVICIO|"
        "CLAVE PRODUCTO/SERVICIO|CLAVE DE PRODUCTO O SERVICIO|CLAVE SAT|CODIGO SAT|CVE SAT|CLAVE PS|CVE PROD SERV|"
        "PROD SERV|PRODSERV|CLAVE PROD|CLAVE SAT PRODUCTO|CLAVE PRODUCTO SAT|CODIGO SAT PRODUCTO"
    ),
    "part_number": PART_WORDS,
    "_code": CODE_WORDS,
    # an item's position (10, 20, … or 1, 2, …), printed before its cells by ERPs: no cell of the concepto
    "_position": _labels("POS|POSICION|PARTIDA|RENGLON|LINEA|NO|NUM|#"),
    "quantity": _labels("CANTIDAD|CANT|CANTIDAD FACTURADA|QTY|PIEZAS"),
    "unit": _labels(
        "CLAVE UNIDAD|CLAVEUNIDAD|CLAVE DE UNIDAD|UNIDAD|UNIDAD DE MEDIDA|U M|CVE UNIDAD|U MEDIDA|UNIDAD SAT|"
        # a narrow unit column headed by its initial alone ("Cantidad | U. | …"), as dense templates abbreviate it
        "CLAVE UNIDAD SAT|UDM|UNID|UNIDAD MEDIDA|CVE UNIDAD SAT|UM SAT|CLAVE UM|U"
    ),
    "description": _labels(
        "DESCRIPCION|CONCEPTO|DESCRIPCION DEL CONCEPTO|DESCRIPCION DEL PRODUCTO|DESCRIPCION PRODUCTO|"
        # European ERPs name a material's text its "Denominación"
        "DENOMINACION|DENOMINACION DEL MATERIAL"
    ),
    "unit_price": _labels(
        "VALOR UNITARIO|VALORUNITARIO|PRECIO UNITARIO|P UNITARIO|V UNITARIO|PRECIO|P U|PU|VALOR UNIT|VAL UNIT|"
        "PRECIO UNIT|COSTO UNITARIO|PRECIO UNITARIO USD|VALOR UNITARIO USD|P UNIT|V UNIT|PRECIO UNITARIO MN"
    ),
    "amount": _labels("IMPORTE|IMPORTE TOTAL|IMPORTE USD|MONTO|VALOR|IMPORTE NETO"),
    "_discount": _labels("DESCUENTO|DESC|DESCTO"),
    "_tax": _labels(
        "IMPUESTO|IMPUESTOS|OBJETO IMPUESTO|OBJETO IMP|OBJETOIMP|OBJ IMP|OBJETO DE IMPUESTO|IVA|TASA IVA|"
        "IMPUESTOS TRASLADADOS|TRASLADOS|RETENCIONES"
    ),
    # a fracción printed in the conceptos' own table (maquiladoras' printouts that travel with the load)
    "tariff_code": _labels("FRACCION|FRACC|FRACCION ARAN"),
    # a packing list's columns printed beside the invoice's (pallets, net and gross weights): figures that are
    # neither quantities nor amounts, in columns of no cell of the concepto (one key each: a key heads one column)
    "_pallets": _labels("TARIMAS|NO TARIMAS|NO DE TARIMAS|PALLETS|PALETS|BULTOS|NO BULTOS|CARTONS|PACKAGES|PKGS"),
    "_net_weight": _labels(
        "PESO NETO|P NETO|PESO NETO KG|P NETO KG|KG NETOS|NETO KG|NET WEIGHT|NET WT|NET KG|N W|NET WEIGHT KG"
    ),
    "_gross_weight": _labels(
        "PESO BRUTO|P BRUTO|PESO BRUTO KG|P BRUTO KG|KG BRUTOS|BRUTO KG|GROSS WEIGHT|GROSS WT|GROSS KG|G W|PESO|"
        "PESO KG|GROSS WEIGHT KG"
    ),
    # the mercancías' columns, so that a header of that table is not read as this one's
    "_customs": [],  # filled below from the mercancías' wordings
}
MERCANCIA_COLUMNS: dict[str, Sequence[str]] = {
    # the conceptos' columns, so that their header is not read as this one's. First, so that a heading these
    # share with a customs column once their words run together wins as the concepto's: "Unidad" is the
    # concepto's unit, not "Unid. ad." (a table that prints both heads the customs one apart, "U. adu.")
    "_concepto": _labels(
        "CLAVEPRODSERV|CLAVE PROD SERV|CLAVE UNIDAD|CLAVEUNIDAD|DESCRIPCION|VALOR UNITARIO|VALORUNITARIO|IMPORTE|"
        "PRECIO UNITARIO|CANTIDAD|CANT|UNIDAD|CLAVE SAT"
    ),
    # the complement has no ClaveProdServ: a "Clave" or "Código" column there is the NoIdentificacion
    "part_number": [*PART_WORDS, *CODE_WORDS],
    "tariff_code": _labels("FRACCION ARANCELARIA|FRACCIONARANCELARIA|FRACCION|FRACC ARANCELARIA|FRACC|FRACCION ARAN"),
    "customs_quantity": _labels(
        "CANTIDAD ADUANA|CANTIDADADUANA|CANT ADUANA|CANT ADU|CANTIDAD EN ADUANA|CANT AD|CANTIDAD AD"
    ),
    "customs_unit": _labels(
        "UNIDAD ADUANA|UNIDADADUANA|UNIDAD DE MEDIDA ADUANA|U ADUANA|UM ADUANA|UNID ADUANA|UNIDAD ADU|U M ADUANA|"
        "UNIDAD EN ADUANA|UMT|U AD|UNIDAD AD|UM AD|UNID AD|U ADU|UM ADU|UNID ADU"
    ),
    "usd_unit_value": _labels(
        "VALOR UNITARIO ADUANA|VALORUNITARIOADUANA|VALOR UNITARIO USD|VALOR UNIT ADUANA|VAL UNIT ADUANA|"
        "VALOR UNITARIO DOLARES|PRECIO UNITARIO USD"
    ),
    "usd_value": _labels(
        "VALOR DOLARES|VALORDOLARES|VALOR USD|VALOR EN DOLARES|VALOR DLS|VALOR EN USD|VALOR DOLARES USD|VALOR DLLS"
    ),
}
# The same columns as bilingual and English printouts head them.
ENGLISH_CONCEPTO = {
    "product_key": _labels("SAT CODE|SAT KEY|PRODUCT KEY|PRODUCT SERVICE KEY|PROD SERV KEY|SAT PRODUCT CODE"),
    "part_number": _labels("PART|IDENTIFICATION NO|ID NO"),
    # "Item" heads the issuer's part number on some printouts and the line's number (1, 2, 3 …) on others: its
    # values decide (see ``resolve_item``)
    "_item": _labels("ITEM|ITEM NO|ITEM NUMBER"),
    "_code": _labels("CODE"),
    "_position": _labels("LINE|LINE NO"),
    "quantity": _labels("QUANTITY"),
    "unit": _labels("UNIT|UOM|UNIT OF MEASURE|UNIT KEY|SAT UNIT"),
    "description": _labels("DESCRIPTION|ITEM DESCRIPTION|CONCEPT"),
    "unit_price": _labels("UNIT PRICE|UNIT VALUE|PRICE|UNIT COST"),
    "amount": _labels("AMOUNT|EXTENDED|EXT PRICE|LINE TOTAL|NET AMOUNT"),
    "_discount": _labels("DISCOUNT"),
    "_tax": _labels("TAX OBJECT|TAXES|TAX|VAT"),
}
ENGLISH_MERCANCIA = {
    "tariff_code": _labels("TARIFF CODE|TARIFF FRACTION|HS CODE|HTS CODE|HTS|TARIFF"),
    "customs_quantity": _labels("CUSTOMS QTY|CUSTOMS QUANTITY|QTY CUSTOMS"),
    "customs_unit": _labels("CUSTOMS UNIT|CUSTOMS UOM|CUSTOMS UM|UNIT CUSTOMS"),
    "usd_unit_value": _labels("CUSTOMS UNIT VALUE|USD UNIT VALUE|UNIT VALUE USD"),
    "usd_value": _labels("USD VALUE|VALUE USD|DOLLAR VALUE|VALUE IN USD|US DOLLARS|VALUE IN DOLLARS"),
    "_concepto": _labels("QUANTITY|DESCRIPTION|UNIT PRICE|AMOUNT|SAT CODE|UNIT"),
}
for _key, _wordings in ENGLISH_CONCEPTO.items():
    CONCEPTO_COLUMNS[_key] = [*CONCEPTO_COLUMNS.get(_key, ()), *_wordings]
for _key, _wordings in ENGLISH_MERCANCIA.items():
    MERCANCIA_COLUMNS[_key] = [*MERCANCIA_COLUMNS[_key], *_wordings]
MERCANCIA_COLUMNS["part_number"] = [
    *MERCANCIA_COLUMNS["part_number"],
    *ENGLISH_CONCEPTO["part_number"],
    *ENGLISH_CONCEPTO["_item"],
    "CODE",
]
CONCEPTO_COLUMNS["_customs"] = [
    wording
    for key in ("tariff_code", "customs_quantity", "customs_unit", "usd_unit_value", "usd_value")
    for wording in MERCANCIA_COLUMNS[key]
    if wording not in (*CONCEPTO_COLUMNS["tariff_code"], "UMT")
]
STOP = _labels(
    "SUBTOTAL|SUB TOTAL|TOTAL|IMPORTE CON LETRA|COMPLEMENTO DE COMERCIO EXTERIOR|COMERCIO EXTERIOR|SELLO DIGITAL|"
    "CADENA ORIGINAL|METODO DE PAGO|FORMA DE PAGO|AMOUNT IN WORDS|FOREIGN TRADE COMPLEMENT|FOREIGN TRADE|"
    "DIGITAL SEAL|ORIGINAL STRING|PAYMENT METHOD|PAYMENT FORM"
)

_PRODUCT_KEY = re.compile(r"^\d{8}$")
_TARIFF = re.compile(r"\d{4}\.?\d{2}\.?\d{2}")


_money = parse_money


def _unit(text: str) -> tuple[str, tuple[int, int]] | None:
    """A SAT unit key (``H87``, ``KGM``, ``E48``) printed alone or as ``H87 - Pieza``; the unit's name alone
    (``PIEZA``, ``PZA``, ``Kilogramo``) is its key in the SAT catalogue."""
    upper = text.upper()
    for name in re.finditer(r"[A-Z]+", upper):
        if name.group(0) in UNIT_NAMES and not re.search(r"\b[A-Z0-9]{2,3}\s*-", upper):
            return UNIT_NAMES[name.group(0)], name.span()
    match = re.search(r"\b([A-Z0-9]{2,3})\b", upper)
    if match is None:
        return None
    return match.group(1), match.span(1)


def _code(text: str) -> tuple[str, tuple[int, int]] | None:
    match = re.search(r"[A-Za-z0-9][A-Za-z0-9\-_/.]*", text)
    return (match.group(0), match.span()) if match else None


def _is_number(text: str) -> bool:
    return _money(text) is not None


def _spec(columns: dict[str, Sequence[str]], anchor: str, test: Any) -> layout.TableSpec:
    return layout.TableSpec(
        columns=columns,
        anchor=anchor,
        anchor_test=test,
        min_header=3,
        stop=STOP,
        free_text="description" if "description" in columns else None,
        row_types={
            key: _is_number
            for key in ("quantity", "unit_price", "amount", "customs_quantity", "usd_value", "usd_unit_value")
            if key in columns
        },
        skip_line=_tax_line,
        note_runs_on=note_runs_on,
        heading_test=_heads_conceptos if "description" in columns else None,
    )


# The conceptos' own columns: the ones the complement's mercancías table never prints (both print the part
# number, and either may print the fracción).
_CONCEPTO_OWN = frozenset({"product_key", "quantity", "unit", "description", "unit_price", "amount"})


def _heads_conceptos(line: Any, hits: list[layout.LabelHit]) -> bool:
    """Whether a header line may head the conceptos: one that names the mercancías' customs columns (cantidad
    aduana, valor dólares) and none of the conceptos' own heads the complement's table, even where it names the
    part number and the fracción, which both tables print."""
    keys = {hit.key for hit in hits}
    return "_customs" not in keys or bool(keys & _CONCEPTO_OWN)


# A concepto's tax printed on a line of its own under it ("Traslado IVA 002 Base … Tasa 0.160000 Importe …",
# "Retención 001 - ISR …"): not part of the concepto's cells.
_TAX_LINE = re.compile(
    r"^\s*(?:TRASLADOS?|RETENCI[OÓ]N(?:ES)?|IMPUESTO)\b:?.*\b(?:IVA|ISR|IEPS|00[123])\b", re.IGNORECASE
)


# The heading of the taxes printed under a concepto or of the comprobante's tax summary ("Impuestos", "Impuestos
# trasladados:", "Taxes"), alone on its line: no words of a concepto's description.
_TAX_HEADING = re.compile(
    r"^\s*(?:IMPUESTOS|TAXES)(?:\s+(?:TRASLADADOS|RETENIDOS|DEL\s+CONCEPTO|TRANSFERRED|WITHHELD))?\s*:?\s*$",
    re.IGNORECASE,
)


# A page's foot: its number ("Hoja 2", "Página 1 de 3", "Page 1 of 2", "Pág. 1/2") at the end of a line with no
# other figure, or the legend every printout carries ("Este documento es una representación impresa de un CFDI").
_PAGE_NUMBER = re.compile(
    r"(?:^|\s)(?:P[AÁ]GINA|HOJA|PAGE|P[AÁ]G\.?)\s*\d{1,3}(?:\s*(?:DE|OF|/)\s*\d{1,3})?\s*$", re.IGNORECASE
)
_PRINTED_LEGEND = re.compile(r"REPRESENTACI[OÓ]N\s+IMPRESA\s+DE\s+UN\s+CFDI", re.IGNORECASE)


# The document's folio fiscal, which a running foot repeats beside the page number ("Factura 90447566 · Folio
# fiscal 34BE3823-… Página 1"): no concepto's text holds a UUID.
_FOOT_UUID = re.compile(r"\b[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\b", re.IGNORECASE)


# A running sum carried from page to page, as paper forms and the printouts modelled on them print it: "VAN $
# 12,345.67" at a page's foot (the sum goes on), "VIENEN 12,345.67" at the next page's head (it comes from the
# page before); also "Pasan", "Suma y sigue", "De la vuelta", "Carried / Brought forward". Its label and an amount
# as printed (with its cents or its thousands), nothing else on the line: no concepto's text.
_RUNNING_SUM = re.compile(
    r"^\s*(?:VAN|VIENEN|PASAN|SUMA\s+Y\s+SIGUE|SUMAN|A\s+LA\s+VUELTA|DE\s+LA\s+VUELTA|CARRIED\s+FORWARD|"
    r"BROUGHT\s+FORWARD)\s*:?\s*(?:\$|USD|MXN|MN)?\s*(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2})\s*(?:USD|MXN|MN)?\s*$",
    re.IGNORECASE,
)


def running_sum(text: str) -> bool:
    """Whether a line is a running sum carried across pages (``VAN $ 645,726.39``), not a record's text."""
    return _RUNNING_SUM.match(text) is not None


def page_foot(text: str) -> bool:
    """Whether a line is the page's foot, not a record's text (a description wrapped onto the page's last line
    must not take it): the printed legend, or a page number after words with no figure or after the folio
    fiscal."""
    if _PRINTED_LEGEND.search(text):
        return True
    match = _PAGE_NUMBER.search(text)
    if match is None:
        return False
    before = text[: match.start()]
    return not any(ch.isdigit() for ch in before) or _FOOT_UUID.search(before) is not None


# A concepto's part (Anexo 20's ``Parte`` node, the pieces the concepto is made of), printed as a row of its own
# under it: ``Parte: 26121600 | EX56848-1-01 | 2,136.000 | PZA | CONECTOR``, or its SAT key after a bare label.
_PARTE_ROW = re.compile(r"^\s*PARTES?\s*(?::|\|\s*|(?=\d{8}\b))", re.IGNORECASE)


def _tax_line(line: Any) -> str | None:
    """A concepto's tax line, or a line of labelled codes under it ("Clave SAT: …  Fracción: …"): the
    concepto's note, read apart from its columns; the page's foot is skipped. A part's row closes the concepto:
    the schema prints a concepto's parts after everything else of it, and a part (its key, number, quantity,
    description, values) is neither a concepto nor words of the concepto's description, nor is what follows it
    until the next concepto."""
    text = " ".join(word.text for word in line.words)
    if page_foot(text) or running_sum(text):
        return "skip"
    if _PARTE_ROW.match(text):
        return "close"
    if _TAX_LINE.match(text) or _TAX_HEADING.match(text):
        return "note"
    if any(pattern.search(text) for _key, pattern in LABELLED_IN_CONCEPTO):
        return "note"
    if _bare_mercancia(line.words):
        return "note"
    return None


def note_runs_on(note: Any, line: Any) -> bool:
    """Whether a line is the rest of the labelled value that the note line before it wrapped (``… Valor
    dólares:`` over ``8945.16``, ``… Valor`` over ``dólares: 31721.75``): read on from the note, a labelled value
    begins on the note's line and ends this line's words, which hold nothing else. A line with words of its own
    (a description's, the next concepto's cells) is no part of the note."""
    before = " ".join(word.text for word in note.words)
    text = " ".join(word.text for word in line.words).strip()
    if not text:
        return False
    joined = f"{before} {text}"
    for _key, pattern in (*LABELLED_IN_CONCEPTO, *BARE_IN_CONCEPTO):
        for match in pattern.finditer(joined):
            if match.start() < len(before) < match.end() and not joined[match.end() :].strip(" ·|;,"):
                return True
    return False


def _bare_mercancia(words: list[Any]) -> bool:
    """A mercancía's line of labels without colons under its concepto ("Fracción 85044099 Cant. aduana 188.000
    U.M. aduana 06 Valor dólares 2,334.96"): a fracción with a customs quantity or value, each label followed by
    its figure; or, where the table prints the fracción in a column of its own, three such labelled figures at
    least, a customs quantity or value among them ("Clave SAT 26121600 · Cant. aduana 1,068.000 · U. aduana 06 ·
    Valor USD 48,946.44"). The complement's data, read as the mercancía's; no words of the concepto's
    description."""
    values = bare_segments(words, _NOTE_WORDINGS)
    customs = bool({"customs_quantity", "usd_value"} & values.keys())
    return customs and ("tariff_code" in values or len(values) >= 3)


CONCEPTO_PARSERS: dict[str, Any] = {
    "product_key": layout.parse_regex(r"\d{8}", digits=True),
    "part_number": _code,
    "quantity": _money,
    "unit": _unit,
    "description": layout.parse_text,
    "unit_price": _money,
    "amount": _money,
    "tariff_code": layout.parse_regex(r"\d{4}\.?\d{2}\.?\d{2}", digits=True),
    "_note": layout.parse_text,
}
MERCANCIA_PARSERS: dict[str, Any] = {
    "part_number": _code,
    "tariff_code": layout.parse_regex(r"\d{4}\.?\d{2}\.?\d{2}", digits=True),
    "customs_quantity": _money,
    # a two-digit c_UnidadAduana code standing alone, no part of a figure: the "36" of a unit price 36.73 read
    # from the column beside is no customs unit
    "customs_unit": layout.parse_regex(r"(?<![\d.,])\d{2}(?!\d|[.,]\d)", digits=True),
    "usd_unit_value": _money,
    "usd_value": _money,
}

# A block's labelled line may carry the mercancía's values too (its part number is the concepto's own).
BLOCK_MERCANCIA_COLUMNS = {
    key: MERCANCIA_COLUMNS[key]
    for key in ("tariff_code", "customs_quantity", "customs_unit", "usd_unit_value", "usd_value")
}
BLOCK_PARSERS = {**MERCANCIA_PARSERS, **CONCEPTO_PARSERS}
# A mercancía's line of labels without colons ("FRACC 85044099 CANT 120 UM 06 USD 150.00"): beside its fracción a
# plain quantity, unit or value label names the customs quantity and unit and the valor dólares.
BARE_MERCANCIA_COLUMNS = {
    "part_number": MERCANCIA_COLUMNS["part_number"],
    "tariff_code": MERCANCIA_COLUMNS["tariff_code"],
    "customs_quantity": [*MERCANCIA_COLUMNS["customs_quantity"], *_labels("CANTIDAD|CANT|QTY")],
    "customs_unit": [*MERCANCIA_COLUMNS["customs_unit"], *_labels("UNIDAD|UNID|UM|U M|UMA|U M A")],
    "usd_unit_value": MERCANCIA_COLUMNS["usd_unit_value"],
    "usd_value": [*MERCANCIA_COLUMNS["usd_value"], *_labels("USD|DLS|DLLS|DOLARES|VALOR")],
}
_BARE_WORDINGS = block_wordings(BARE_MERCANCIA_COLUMNS)
# The same line may open with the concepto's SAT codes ("Clave prod./serv. 43201800 · Clave unidad H87 · Fracción
# arancelaria 85044099 · …"), as ERPs print every code of the item on one line under it.
_NOTE_WORDINGS = {
    **block_wordings(
        {
            "product_key": CONCEPTO_COLUMNS["product_key"],
            "unit": _labels("CLAVE UNIDAD|CLAVEUNIDAD|CLAVE DE UNIDAD|CLAVE UNIDAD SAT|UNIDAD SAT|CVE UNIDAD"),
        }
    ),
    **_BARE_WORDINGS,
}


# What an "Objeto impuesto" column holds (c_ObjetoImp 01–04, or Sí/No): other words there are the end of a
# description that runs up to that column.
_TAX_OBJECT = re.compile(r"^(?:0[1-8]|S[IÍ]|NO)$", re.IGNORECASE)


def reading_order(words: list[Any]) -> list[Any]:
    """Words in reading order: line by line, left to right. Words whose tops lie within half a text height of the
    line's first word are that line's (a scan's words on one printed line stand a point or two apart, so their
    rounded tops would interleave two lines' words)."""
    rows: list[list[Any]] = []
    for word in sorted(words, key=lambda w: float(w.top)):
        height = max(1.0, float(word.bottom) - float(word.top))
        if rows and float(word.top) - float(rows[-1][0].top) < 0.5 * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [word for row in rows for word in sorted(row, key=lambda w: float(w.x0))]


def _description_overflow(record: layout.Record) -> None:
    """Move the words of the tax-object column that are no tax-object code into the description, in reading
    order (the description's lines wrap up to the next column's edge)."""
    tax = record.cells.get("_tax")
    if tax is None or "description" not in record.cells:
        return
    stray = [word for word in tax.words if not _TAX_OBJECT.match(word.text.strip(" ."))]
    if not stray:
        return
    tax.words = [word for word in tax.words if word not in stray]
    description = record.cells["description"]
    description.words = reading_order(description.words + stray)


# A description's last word with the figure beside it glued on, no space between (``PARA3,617.000``,
# ``INFUSION,2,849.000``): letters, maybe a comma or period, then a figure as printed (thousands or decimals).
_GLUED_FIGURE = re.compile(r"^(.*[A-Za-zÁÉÍÓÚÑáéíóúñ][,.;)]?)(\$?\d{1,3}(?:,\d{3})*\.\d+|\$?\d{1,3}(?:,\d{3})+)$")


def _split_glued(word: Any, head: str, tail: str) -> tuple[Any, Any]:
    """The two words of a glued one, each with its share of the box by its characters."""
    cut = word.x0 + (word.x1 - word.x0) * len(head) / len(word.text)
    return dataclasses.replace(word, text=head, x1=cut), dataclasses.replace(word, text=tail, x0=cut)


def description_overflow_left(record: layout.Record) -> None:
    """Words of letters that open a figure's cell on its line, before the figure (``LED PARA 630.000`` under
    "Cantidad"): a description wrapped wide runs up to a figure set flush right, whose long value reaches back
    over the gutter, so the column split hands the description's last words to the figure. They go back to the
    description, in reading order; words after the figure (a unit printed with the quantity) stay."""
    description = record.cells.get("description")
    if description is None or not description.words:
        return
    for key in ("quantity", "unit_price", "amount"):
        cell = record.cells.get(key)
        if cell is None:
            continue
        words = list(cell.words)
        stray = []
        for k, word in enumerate(words):
            glued = _GLUED_FIGURE.match(word.text)
            if glued is not None:
                head, tail = _split_glued(word, *glued.groups())
                stray.append(head)
                words[k : k + 1] = [head, tail]
                break
            if any(ch.isdigit() for ch in word.text) or not re.search(r"[A-Za-zÁÉÍÓÚÑáéíóúñ]", word.text):
                break
            if word.text.strip(" $:").upper() in CURRENCY_CODES:
                break  # the figure's currency printed before it ("USD 1,234.00") is the figure's own
            stray.append(word)
        if not stray or len(stray) == len(words):
            continue
        if not any(abs(word.top - stray[0].top) < 2 for word in description.words):
            continue  # the figure's line holds no description: not its overflow
        cell.words = words[len(stray) :]
        description.words = reading_order(description.words + stray)


def _resolve_code(record: layout.Record) -> None:
    """A column headed "Clave" / "Código": the ClaveProdServ when it holds eight digits and no other column
    does, else the part number when no other column gives it."""
    cell = record.cells.pop("_code", None)
    if cell is None or not cell.words:
        return
    if "product_key" not in record.cells and _PRODUCT_KEY.match(layout.ocr_digits(cell.text.strip())):
        record.cells["product_key"] = cell
    elif "part_number" not in record.cells:
        record.cells["part_number"] = cell


def drop_positions(records: list[layout.Record]) -> None:
    """A part-number cell that opens with the row's position (1, 2, 3 … or 10, 20, 30 …) and then the part
    number: the position is the partida's number, printed in a narrow column of its own ("Part.", "#") that a
    header read as the part number's ("Part. No. Parte / Part No.") joins to the next. Taken out only when every
    such row counts on from the one before, so a part number that happens to start with a number stays whole.
    On a scan OCR may lose a position or misread one it was unsure of (``411.`` for 11): with three or more rows
    counting on and few slips (a lost position or an unsure misreading, one row in four at most), the column's
    numbers are still positions."""
    cells = [record.cells.get("part_number") for record in records]
    firsts = [
        cell.words[0] if cell is not None and len(cell.words) > 1 and cell.words[0].text.strip(".").isdigit() else None
        for cell in cells
    ]
    if not firsts or not _count_on_but_slips(firsts):
        return
    for cell, first in zip(cells, firsts, strict=True):
        if cell is not None and first is not None:
            del cell.words[0]


def _count_on_but_slips(firsts: list[Any]) -> bool:
    """Whether the rows' leading numbers count the lines on (1, 2, 3 … or 10, 20, 30 …), every row with one. On a
    scan (words OCR read) one row in four may slip, its number lost or misread where OCR was unsure, when the first
    and three or more others count on."""
    numbers = [int(first.text.strip(".")) if first is not None else None for first in firsts]
    step = 10 if numbers[0] == 10 else 1
    slips = [k for k, number in enumerate(numbers) if number != step * (k + 1)]
    if not slips:
        return True
    scanned = any(float(getattr(first, "confidence", 1.0)) < 1.0 for first in firsts if first is not None)
    unsure = all(firsts[k] is None or float(getattr(firsts[k], "confidence", 1.0)) < 0.9 for k in slips)
    counted = len(numbers) - len(slips)
    return scanned and counted >= 3 and len(slips) <= max(1, len(numbers) // 4) and slips[0] > 0 and unsure


def _counts_on(numbers: list[int]) -> bool:
    """Whether numbers count the lines (1, 2, 3 … or 10, 20, 30 …), as a line's position does."""
    step = numbers[0] if numbers and numbers[0] in (1, 10) else 0
    return step != 0 and numbers == [step * (k + 1) for k in range(len(numbers))]


def resolve_item(records: list[layout.Record]) -> None:
    """A column headed "Item": the line's position where its values count the lines on (1, 2, 3 …), and then no
    cell of the concepto; else the part number, where no other column gives it."""
    cells = [record.cells.get("_item") for record in records]
    texts = [cell.text.strip().strip(".") if cell is not None else "" for cell in cells]
    positions = all(text.isdigit() for text in texts) and _counts_on([int(text) for text in texts if text])
    for record in records:
        cell = record.cells.pop("_item", None)
        if cell is not None and cell.words and not positions and "part_number" not in record.cells:
            record.cells["part_number"] = cell


def _lines(records: list[layout.Record], parsers: dict[str, Any], required: Sequence[str]) -> list[dict[str, Any]]:
    out = []
    resolve_item(records)
    drop_positions(records)
    for record in records:
        _resolve_code(record)
        customs_unit_beside(record.cells)
        _description_overflow(record)
        description_overflow_left(record)
        figures_past_description(record.cells)
        line: dict[str, dict[str, Any] | None] = {}
        for key, parser in parsers.items():
            found = layout.found_from_cell(record.cells.get(key), parser, 0.9)
            if found is not None:
                line[key] = line_field(found.value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw)
        compacted = compact_line(line)
        if all(key in compacted for key in required):
            out.append(compacted)
    return out


# The concepto's columns and the complement's customs ones as one table: the slices of a table too wide for its
# page print the conceptos' columns on one page and the customs columns (fracción, cantidad and unidad aduana,
# valor dólares) of the same rows on the next.
SLICED_COLUMNS: dict[str, Sequence[str]] = {
    **{key: wordings for key, wordings in CONCEPTO_COLUMNS.items() if key != "_customs"},
    **{key: MERCANCIA_COLUMNS[key] for key in ("customs_quantity", "customs_unit", "usd_unit_value", "usd_value")},
    "tariff_code": [*CONCEPTO_COLUMNS["tariff_code"], *MERCANCIA_COLUMNS["tariff_code"]],
}


def _sliced_conceptos(pages: list[layout.PageLayout], rules: Any) -> list[dict[str, Any]]:
    """The conceptos of a table printed in vertical slices (see ``cfdi_pdf_slices``): each slice's rows open with
    their number, in a first column headed "#" or "No." (or by nothing the labels know); empty when the table is
    not sliced."""
    spec = dataclasses.replace(_spec(SLICED_COLUMNS, "_position", row_number), unlabelled_anchor=True)
    records = join_slices(layout.read_table(pages, spec, rules=rules))
    if records is None:
        return []
    return _lines(records, {**MERCANCIA_PARSERS, **CONCEPTO_PARSERS}, ("quantity",))


def _carded_conceptos(pages: list[layout.PageLayout]) -> list[dict[str, Any]]:
    """The conceptos of a printout that sets each one as a card of captions over values (a phone viewer's stacked
    cards: ``Descripción  No. identificación`` over their values, ``Cantidad  Valor unitario`` over theirs, …),
    with the complement's customs cells of the same concepto in the card or a sub-card under it (see
    ``layout.read_cards``). No stop label: a sub-card's title (``Comercio exterior``) ends no card; a caption
    line that names a cell the card already has opens the next one."""
    spec = dataclasses.replace(_spec(SLICED_COLUMNS, "_position", row_number), stop=())
    return _lines(layout.read_cards(pages, spec), {**MERCANCIA_PARSERS, **CONCEPTO_PARSERS}, ("quantity",))


def read_conceptos(out: ResultBuilder, pages: list[layout.PageLayout], rules: Any = None) -> int:
    """Add the conceptos (joined with the mercancías) as lines; returns how many header rows were found."""
    for page in pages:
        if page.ocr:
            unglue_label_figures(page)
    header_over_continued_rows(pages)
    conceptos: list[dict[str, Any]] = []
    # records start at the ClaveProdServ; failing that at the quantity or the part number (tables that begin there)
    for anchor, test in (
        ("product_key", lambda t: bool(_PRODUCT_KEY.match(t.strip()))),
        ("_code", lambda t: any(ch.isdigit() for ch in t)),
        ("_position", lambda t: bool(re.fullmatch(r"\d{1,4}\.?", t.strip()))),
        ("_item", lambda t: any(ch.isdigit() for ch in t)),
        ("quantity", _is_number),
        ("part_number", lambda t: any(ch.isdigit() for ch in t)),
        ("description", lambda t: bool(re.match(r"[A-Za-zÁÉÍÓÚÑáéíóúñ]", t.strip()))),
    ):
        records = layout.read_table(pages, _spec(CONCEPTO_COLUMNS, anchor, test), rules=rules)
        if anchor == "description":
            records = _join_wrapped(records)
        read = _lines(records, CONCEPTO_PARSERS, ("quantity",))
        if len(read) > len(conceptos):
            conceptos = read
        if conceptos and anchor in ("product_key", "_code", "_position", "_item"):
            break
    # a table wider than the page printed in vertical slices, its rows joined on their numbers
    sliced = _sliced_conceptos(pages, rules)
    if sliced and len(sliced) >= len(conceptos):
        conceptos = sliced
    # conceptos printed as cards (each a grid of captions over values): taken where they give more lines
    carded = _carded_conceptos(pages)
    if len(carded) > len(conceptos):
        conceptos = carded
    # conceptos printed as blocks of labelled values (no table header): taken where they give more lines
    blocks = read_concepto_blocks(pages, {**CONCEPTO_COLUMNS, **BLOCK_MERCANCIA_COLUMNS}, BLOCK_PARSERS)
    if len(blocks) > len(conceptos):
        conceptos = blocks
    # the CFDI's nodes printed with their attributes under the SAT's names
    attributed, attributed_mercancias = attribute_lines(pages, CONCEPTO_PARSERS, MERCANCIA_PARSERS)
    if len(attributed) > len(conceptos):
        conceptos = attributed
    mercancias: list[dict[str, Any]] = []
    for anchor, test in (
        ("part_number", lambda t: any(ch.isdigit() for ch in t)),
        ("tariff_code", lambda t: bool(_TARIFF.match(t.strip()))),
    ):
        read = _lines(
            layout.read_table(pages, _spec(MERCANCIA_COLUMNS, anchor, test), rules=rules),
            MERCANCIA_PARSERS,
            ("tariff_code",),
        )
        if len(read) > len(mercancias):
            mercancias = read
    labelled = read_labelled_mercancias(pages, MERCANCIA_COLUMNS, MERCANCIA_PARSERS, BARE_MERCANCIA_COLUMNS)
    if len(labelled) > len(mercancias):
        mercancias = labelled
    if len(attributed_mercancias) > len(mercancias):
        mercancias = attributed_mercancias
    _join(conceptos, mercancias)
    usd = out.fields.get("currency", {}).get("value") == "USD"
    for line in conceptos:
        labelled_in_note(line)
        key_leading_description(line)
        figures_from_mercancia(line, usd)
        reconcile_quantity(line, ("quantity", "customs_quantity"))
        reconcile_customs_quantity(line)
        if mercancias:
            customs_unit_from_unit(line)
        repair_figures(line, usd)
        confirm_unit_value(line)
    if any(page.ocr for page in pages):
        accents_by_majority(conceptos)
    for line in conceptos:
        out.add_line(line)
    return len(conceptos)


# The words of the columns' and labels' wordings (ADUANA, CANT, VALOR, USD, ...).
_LABEL_WORDS = frozenset(
    part
    for columns in (CONCEPTO_COLUMNS, MERCANCIA_COLUMNS, BARE_MERCANCIA_COLUMNS)
    for wordings in columns.values()
    for wording in wordings
    for part in wording.split()
    if len(part) >= 3
)
# A word of letters run into the figure after it ("aduana06", "USD1,250.00"): OCR lost the space between.
_GLUED_LABEL = re.compile(r"^([^\W\d_]{3,}\.?)(\$?\d[\d.,]*)$")


def unglue_label_figures(page: layout.PageLayout) -> None:
    """On a scan, a label's word and its figure OCR ran together (``U.M. aduana06``): two words again where the
    letters are a word of the labels printed beside such figures, so the label reads and the figure is its value.
    A code of letters and digits (a part number) is no label's word and stays whole."""
    for line in page.lines:
        words: list[Any] = []
        for word in line.words:
            glued = _GLUED_LABEL.match(word.text)
            if glued is not None and layout.norm(glued.group(1)) in _LABEL_WORDS and dataclasses.is_dataclass(word):
                words.extend(_split_glued(word, *glued.groups()))
            else:
                words.append(word)
        if len(words) != len(line.words):
            line.words = words
            line.tokens = [layout.norm(word.text) for word in words]


def _bare(word: str) -> str:
    """A word without its accents, nor a period after it (OCR reads a speck at a line's end as one)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)).rstrip(".")


def accents_by_majority(conceptos: list[dict[str, Any]]) -> None:
    """On a scan, a word the descriptions print several times read with an accent here and without it there
    (OCR puts one on ``MEDICO`` now and then), or with a period after it (``INDUSTRIAL.``, a speck at the line's
    end): the printout spells a word one way, so the form most of its readings have is its spelling. Without a
    clear majority the words stay as read, but for a word read as often with a period after it as without (no
    abbreviation: no period inside): the period is the speck's."""
    cells = [line["description"] for line in conceptos if isinstance(line.get("description", {}).get("value"), str)]
    forms: dict[str, Counter[str]] = {}
    for cell in cells:
        for word in cell["value"].split():
            forms.setdefault(_bare(word), Counter())[word] += 1
    spelling: dict[str, str] = {}
    for bare, counts in forms.items():
        (first, most), *rest = counts.most_common()
        if rest and most > rest[0][1]:
            spelling[bare] = first
        elif len(counts) == 2 and {form.rstrip(".") for form in counts} == {bare} and "." not in bare:
            spelling[bare] = bare  # a word of letters read once with a period and once without: the speck's
    for cell in cells:
        words = cell["value"].split()
        fixed = [spelling.get(_bare(word), word) for word in words]
        if fixed != words:
            cell["value"] = " ".join(fixed)


def _join_wrapped(records: list[layout.Record]) -> list[layout.Record]:
    """Records read from the description column: one of description words alone is the wrapped rest of the one
    before."""
    joined: list[layout.Record] = []
    for record in records:
        filled = {key for key, cell in record.cells.items() if cell.words and layout.norm(cell.text)}
        if joined and filled <= {"description"} and "description" in record.cells:
            joined[-1].cells.setdefault("description", layout.Cell(page=record.page)).words.extend(
                record.cells["description"].words
            )
            continue
        joined.append(record)
    return joined


def _join(conceptos: list[dict[str, Any]], mercancias: list[dict[str, Any]]) -> None:
    """Each concepto takes the customs fields of the mercancía with its part number (else the same row)."""
    by_part: dict[str, dict[str, Any]] = {}
    for item in mercancias:
        part = str(item.get("part_number", {}).get("value", "")).upper()
        if part:
            by_part.setdefault(part, item)
    for index, line in enumerate(conceptos):
        part = str(line.get("part_number", {}).get("value", "")).upper()
        found = by_part.get(part) if part else None
        if found is None and len(mercancias) == len(conceptos):
            found = mercancias[index]
        if found is None:
            continue
        merc = found
        for key in ("tariff_code", "customs_quantity", "customs_unit", "usd_unit_value", "usd_value"):
            if key in merc and key not in line:
                line[key] = merc[key]


# The mercancías' customs columns: a header naming three of them (and none of the conceptos' own) heads the
# complement's table.
_CUSTOMS_KEYS = frozenset({"tariff_code", "customs_quantity", "customs_unit", "usd_unit_value", "usd_value"})
_FIGURE = re.compile(r"^\$?\d[\d,]*(?:\.\d+)?$")


def _mercancia_header(page: layout.PageLayout) -> int | None:
    """The index of the page's line that heads the complement's mercancías, if any."""
    keys: dict[int, set[str]] = {}
    for hit in layout.find_labels(page, MERCANCIA_COLUMNS):
        keys.setdefault(hit.line, set()).add(hit.key)
    for index, found in sorted(keys.items()):
        if len(found & _CUSTOMS_KEYS) >= 3 and "_concepto" not in found:
            return index
    return None


def _bare_row(line: layout.Line) -> bool:
    """A row of the mercancías' table as printed without its header: a fracción and three figures at least, and
    no label."""
    texts = [word.text for word in line.words]
    return (
        not any(text.endswith(":") for text in texts)
        and any(_TARIFF.fullmatch(text) for text in texts)
        and sum(1 for text in texts if _FIGURE.match(text)) >= 4
    )


def header_over_continued_rows(pages: list[layout.PageLayout]) -> None:
    """The mercancías' table run on from one page onto the next, whose rows the printout sets without its
    header: the last header's words, copied over the first such row (see ``_bare_row``) of the pages after it
    that print none of their own, so that the rows read in the header's columns."""
    header: layout.Line | None = None
    for page in pages:
        index = _mercancia_header(page)
        if index is not None:
            header = page.lines[index]
            continue
        if header is None:
            continue
        first = next((k for k, line in enumerate(page.lines) if _bare_row(line)), None)
        if first is None:
            continue
        row = page.lines[first]
        shift = (row.top - (header.bottom - header.top) - 2.0) - header.top
        words = [dataclasses.replace(w, top=float(w.top) + shift, bottom=float(w.bottom) + shift) for w in header.words]
        copied = layout.Line(
            words=words,
            top=header.top + shift,
            bottom=header.bottom + shift,
            tokens=list(header.tokens),
        )
        page.lines.insert(first, copied)
