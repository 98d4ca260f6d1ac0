"""Conceptos and Comercio Exterior mercancías read from a CFDI printout, by column headers (no template).

The conceptos table is found by a header row naming at least three of its columns (ClaveProdServ, cantidad,
unidad, descripción, valor unitario, importe, ...; each column with the wordings issuers print), records start
at an eight-digit ClaveProdServ. The complement's mercancías table is found the same way (NoIdentificacion,
fracción arancelaria, cantidad and unidad aduana, valor dólares) and joined to the conceptos on the part number
(NoIdentificacion), else in order when both tables have as many rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from extractors import layout
from extractors.entities.normalise import parse_amount
from extractors.line_rules import reconcile_quantity
from extractors.result import ResultBuilder, compact_line, line_field


def _labels(wordings: str) -> list[str]:
    return [wording.strip() for wording in wordings.split("|")]


PART_WORDS = _labels(
    "NO IDENTIFICACION|NOIDENTIFICACION|NO IDENT|NUM IDENTIFICACION|NO DE IDENTIFICACION|IDENTIFICACION|"
    "NO DE PARTE|NUMERO DE PARTE|SKU"
)
CONCEPTO_COLUMNS: dict[str, Sequence[str]] = {
    "product_key": _labels(
        "CLAVEPRODSERV|CLAVE PROD SERV|CLAVE PRODUCTO|CLAVE DEL PRODUCTO Y/O SERVICIO|CLAVE PRODUCTO SERVICIO|"
        "CLAVE SAT|CODIGO SAT|CLAVE|CODIGO"
    ),
    "part_number": PART_WORDS,
    "quantity": _labels("CANTIDAD|CANT"),
    "unit": _labels("CLAVE UNIDAD|CLAVEUNIDAD|CLAVE DE UNIDAD|UNIDAD|UNIDAD DE MEDIDA|U M|CVE UNIDAD"),
    "description": _labels("DESCRIPCION|CONCEPTO|DESCRIPCION DEL CONCEPTO"),
    "unit_price": _labels("VALOR UNITARIO|VALORUNITARIO|PRECIO UNITARIO|P UNITARIO|V UNITARIO|PRECIO"),
    "amount": _labels("IMPORTE|IMPORTE TOTAL"),
    "_discount": _labels("DESCUENTO"),
    "_tax": _labels("IMPUESTO|IMPUESTOS|OBJETO IMPUESTO|OBJETO IMP"),
    # the mercancías' columns, so that a header of that table is not read as this one's
    "_customs": _labels(
        "CANTIDAD ADUANA|CANTIDADADUANA|CANT ADUANA|UNIDAD ADUANA|UNIDADADUANA|VALOR UNITARIO ADUANA|"
        "VALORUNITARIOADUANA|VALOR DOLARES|VALORDOLARES|FRACCION ARANCELARIA|FRACCIONARANCELARIA"
    ),
}
MERCANCIA_COLUMNS: dict[str, Sequence[str]] = {
    "part_number": PART_WORDS,
    "tariff_code": _labels("FRACCION ARANCELARIA|FRACCIONARANCELARIA|FRACCION"),
    "customs_quantity": _labels("CANTIDAD ADUANA|CANTIDADADUANA|CANT ADUANA"),
    "customs_unit": _labels("UNIDAD ADUANA|UNIDADADUANA|UNIDAD DE MEDIDA ADUANA"),
    "usd_unit_value": _labels("VALOR UNITARIO ADUANA|VALORUNITARIOADUANA|VALOR UNITARIO USD"),
    "usd_value": _labels("VALOR DOLARES|VALORDOLARES|VALOR USD|VALOR EN DOLARES"),
    # the conceptos' columns, so that their header is not read as this one's
    "_concepto": _labels(
        "CLAVEPRODSERV|CLAVE PROD SERV|CLAVE UNIDAD|CLAVEUNIDAD|DESCRIPCION|VALOR UNITARIO|VALORUNITARIO|IMPORTE|"
        "PRECIO UNITARIO|CANTIDAD|CANT|UNIDAD|CLAVE SAT"
    ),
}
STOP = _labels(
    "SUBTOTAL|SUB TOTAL|TOTAL|IMPORTE CON LETRA|COMPLEMENTO DE COMERCIO EXTERIOR|COMERCIO EXTERIOR|SELLO DIGITAL|"
    "CADENA ORIGINAL|METODO DE PAGO|FORMA DE PAGO"
)

_PRODUCT_KEY = re.compile(r"^\d{8}$")
_TARIFF = re.compile(r"\d{4}\.?\d{2}\.?\d{2}")


def _money(text: str) -> tuple[float, tuple[int, int]] | None:
    match = re.search(r"-?\$?\s?\d[\d,.]*", text)
    if match is None:
        return None
    value = parse_amount(match.group(0).replace("$", ""))
    return (value, match.span()) if value is not None else None


def _unit(text: str) -> tuple[str, tuple[int, int]] | None:
    """A SAT unit key (``H87``, ``KGM``, ``E48``) printed alone or as ``H87 - Pieza``."""
    match = re.search(r"\b([A-Z0-9]{2,3})\b", text.upper())
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
    )


CONCEPTO_PARSERS: dict[str, Any] = {
    "product_key": layout.parse_regex(r"\d{8}", digits=True),
    "part_number": _code,
    "quantity": _money,
    "unit": _unit,
    "description": layout.parse_text,
    "unit_price": _money,
    "amount": _money,
}
MERCANCIA_PARSERS: dict[str, Any] = {
    "part_number": _code,
    "tariff_code": layout.parse_regex(r"\d{4}\.?\d{2}\.?\d{2}", digits=True),
    "customs_quantity": _money,
    "customs_unit": layout.parse_regex(r"\b\d{2}\b", digits=True),
    "usd_unit_value": _money,
    "usd_value": _money,
}


def _lines(records: list[layout.Record], parsers: dict[str, Any], required: Sequence[str]) -> list[dict[str, Any]]:
    out = []
    for record in records:
        line: dict[str, dict[str, Any] | None] = {}
        for key, parser in parsers.items():
            found = layout.found_from_cell(record.cells.get(key), parser, 0.9)
            if found is not None:
                line[key] = line_field(found.value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw)
        compacted = compact_line(line)
        if all(key in compacted for key in required):
            out.append(compacted)
    return out


def read_conceptos(out: ResultBuilder, pages: list[layout.PageLayout], rules: Any = None) -> int:
    """Add the conceptos (joined with the mercancías) as lines; returns how many header rows were found."""
    conceptos: list[dict[str, Any]] = []
    # records start at the ClaveProdServ; failing that at the quantity or the part number (tables that begin there)
    for anchor, test in (
        ("product_key", lambda t: bool(_PRODUCT_KEY.match(t.strip()))),
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
        if conceptos and anchor == "product_key":
            break
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
    _join(conceptos, mercancias)
    for line in conceptos:
        reconcile_quantity(line, ("quantity", "customs_quantity"))
    for line in conceptos:
        out.add_line(line)
    return len(conceptos)


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
