"""Packing lists: the header (number, date, invoice, parties, totals), the packed lines and their keys.

The contract names no packing-list fields yet; these are added in its spirit (add, never rename): header
``packing_list_number``, ``packing_list_date``, ``invoice_number``, ``shipper_name``, ``consignee_name``,
``package_count``, ``gross_weight_kg``, ``net_weight_kg``; lines ``part_number``, ``description``,
``quantity``, ``unit``, ``package_count``, ``net_weight_kg``, ``gross_weight_kg``; references: the invoice,
purchase orders and containers. Found by label and table like every other family (``extractors.layout``).
"""

from __future__ import annotations

import re
from typing import Any

from extractors import checks
from extractors.entities import recognisers
from extractors.layout import (
    FamilyResult,
    TableSpec,
    find_labels,
    find_value,
    found_from_cell,
    layouts,
    ocr_digits,
    parse_date,
    parse_int,
    parse_number,
    parse_regex,
    parse_text,
    read_table,
)
from extractors.result import ResultBuilder

LABELS: dict[str, list[str]] = {
    "packing_list_number": [
        "PACKING LIST NO.",
        "PACKING LIST NUMBER",
        "LISTA DE EMPAQUE NO.",
        "P/L NO.",
        "NO. DE LISTA",
    ],
    "packing_list_date": ["DATE", "FECHA", "PACKING DATE"],
    "invoice_number": ["INVOICE NO.", "INVOICE NUMBER", "FACTURA NO.", "FACTURA", "INVOICE"],
    "shipper_name": ["SHIPPER", "EXPORTER", "EXPORTADOR", "REMITENTE", "SELLER", "VENDEDOR"],
    "consignee_name": ["CONSIGNEE", "SHIP TO", "CONSIGNATARIO", "DESTINATARIO", "BUYER", "COMPRADOR"],
    "package_count": ["TOTAL PACKAGES", "TOTAL CARTONS", "TOTAL DE BULTOS", "TOTAL BULTOS", "TOTAL PKGS"],
    "gross_weight_kg": ["TOTAL GROSS WEIGHT", "GROSS WEIGHT", "PESO BRUTO TOTAL", "PESO BRUTO"],
    "net_weight_kg": ["TOTAL NET WEIGHT", "NET WEIGHT", "PESO NETO TOTAL", "PESO NETO"],
}
PARSERS: dict[str, Any] = {
    "packing_list_number": parse_regex(r"(?<![A-Z0-9])([A-Z0-9][A-Z0-9\-/]{2,24})(?![A-Z0-9])", group=1, compact=False),
    "packing_list_date": parse_date,
    "invoice_number": parse_regex(r"(?<![A-Z0-9])([A-Z0-9][A-Z0-9\-/]{2,24})(?![A-Z0-9])", group=1, compact=False),
    "shipper_name": parse_text,
    "consignee_name": parse_text,
    "package_count": parse_int,
    "gross_weight_kg": parse_number,
    "net_weight_kg": parse_number,
}


def _number(text: str) -> bool:
    return parse_number(text) is not None


LINES = TableSpec(
    columns={
        "part_number": ["PART NO.", "PART NUMBER", "NO. DE PARTE", "NUM. PARTE", "ITEM", "SKU"],
        "description": ["DESCRIPTION", "DESCRIPCION"],
        "quantity": ["QTY", "QUANTITY", "CANTIDAD"],
        "unit": ["UNIT", "UOM", "UNIDAD"],
        "package_count": ["CARTONS", "PACKAGES", "PKGS", "BULTOS", "CAJAS"],
        "net_weight_kg": ["NET WEIGHT", "NET WT", "PESO NETO", "N.W."],
        "gross_weight_kg": ["GROSS WEIGHT", "GROSS WT", "PESO BRUTO", "G.W."],
    },
    anchor="part_number",
    anchor_test=lambda text: any(ch.isdigit() for ch in text),
    min_header=3,
    stop=["TOTAL", "TOTALES"],
    free_text="description",
    row_types={"quantity": _number, "package_count": _number, "net_weight_kg": _number, "gross_weight_kg": _number},
)
LINE_PARSERS: dict[str, Any] = {
    "part_number": parse_regex(r"([A-Z0-9][A-Z0-9\-./]*)", group=1, compact=False),
    "description": parse_text,
    "quantity": parse_number,
    "unit": parse_regex(r"([A-Z]{1,5})", group=1),
    "package_count": parse_int,
    "net_weight_kg": parse_number,
    "gross_weight_kg": parse_number,
}
_PO_RE = re.compile(
    r"\b(?:P\.?O\.?|PURCHASE ORDER|ORDEN DE COMPRA)\s*(?:NO\.?|#)?\s*[:#]?\s*([A-Z0-9][A-Z0-9\-]{3,24})", re.I
)


def extract_packing_list(doc_text: Any, context: Any = None) -> ResultBuilder:
    """Header, packed lines, references and checks of a packing list."""
    pages = layouts(doc_text.pages)
    result = FamilyResult()
    consumed: set[tuple[int, int]] = set()
    records = read_table(pages, LINES, consumed=consumed)
    hits = [h for lay in pages for h in find_labels(lay, LABELS, skip=consumed)]
    for name, parser in PARSERS.items():
        found = find_value(pages, hits, name, parser, prefer="below" if name.endswith("_name") else "right")
        if found is not None:
            result.set(name, found.value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw)
    for record in records:
        line: dict[str, dict] = {}
        for name, parser in LINE_PARSERS.items():
            found = found_from_cell(record.cells.get(name), parser)
            if found is not None:
                line[name] = found.as_field()
        if line:
            result.add_line(line)
    text = "\n".join(line.text for lay in pages for line in lay.lines)
    if "invoice_number" in result.fields:
        result.add_reference("invoice", str(result.fields["invoice_number"]["value"]))
    for match in _PO_RE.finditer(text):
        result.add_reference("po", match.group(1).upper())
    for hit in recognisers.containers(ocr_digits(text).upper()):
        result.add_reference("container", hit.value)
        if not checks.container_is_valid(hit.value):
            result.warn("check_digit", f"Container {hit.value} fails its ISO 6346 check digit.", "references")
    _totals(result)
    return result


def _totals(result: ResultBuilder) -> None:
    """Line sums against the printed totals."""
    for name, what in (("package_count", "packages"), ("gross_weight_kg", "kg gross"), ("net_weight_kg", "kg net")):
        total = result.fields.get(name, {}).get("value")
        cells = [line.get(name, {}).get("value") for line in result.lines]
        if total is None or not cells or any(not isinstance(v, int | float) for v in cells):
            continue
        summed = sum(float(v) for v in cells if v is not None)
        if abs(summed - float(total)) > 0.5 * len(cells):
            result.warn(
                "totals_mismatch",
                f"The lines add up to {summed:,.2f} {what} but the packing list says {float(total):,.2f}.",
                name,
            )
