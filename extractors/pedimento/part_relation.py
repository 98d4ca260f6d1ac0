"""The broker's relation of part numbers (``RELACIÓN DE NÚMEROS DE PARTE``), printed after the pedimento's last
partida for the importer's inventory control (Anexo 24): one row per part number with the invoice it came on and
the SEC of the partida it was declared in, sorted by part number or by invoice rather than by partida. A partida
that prints no part number of its own is given the one the relation lists under its SEC, when it lists one only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from extractors.layout import PageLayout, TableSpec, found_from_cell, ocr_digits, parse_int, parse_regex, read_table
from extractors.result import ResultBuilder

RELATION_SPEC = TableSpec(
    columns={
        "invoice": ["FACTURA", "NUM. FACTURA", "NO. FACTURA", "CFDI"],
        "sequence": ["SEC.", "SEC", "SECUENCIA", "PARTIDA", "NUM. PARTIDA", "PARTIDA PEDIMENTO"],
        "part_number": [
            "NUM. PARTE",
            "NUM. DE PARTE",
            "NO. PARTE",
            "NO. DE PARTE",
            "NUMERO DE PARTE",
            "NUMERO PARTE",
            "PART NUMBER",
            "PART NO.",
        ],
        "description": ["DESCRIPCION COMERCIAL", "DESCRIPCION", "DESCRIPTION"],
        "quantity": ["CANTIDAD", "CANT.", "QTY"],
        "umc": ["UMC", "U.M.C.", "UNIDAD"],
    },
    anchor="sequence",
    anchor_test=lambda text: re.fullmatch(r"\d{1,4}", ocr_digits(text).strip(" .")) is not None,
    anchor_first=False,
    min_header=3,
    free_text="description",
    # a relation's heading names both the partida's SEC and the part number (the partidas table's heading, which
    # names a SEC and a quantity too, heads no relation)
    heading_test=lambda _line, hits: {"sequence", "part_number"} <= {hit.key for hit in hits},
)
_PART = parse_regex(r"([A-Z0-9][A-Z0-9\-./]*[0-9][A-Z0-9\-./]*)", compact=False)
# a relation's rows give a part number less surely than the partida's own cell
_CERTAINTY = 0.9


def relation_parts(pages: list[PageLayout]) -> dict[int, dict[str, Any]]:
    """SEC → the part number's field, for every SEC the relation lists with one part number only."""
    parts: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for record in read_table(pages, RELATION_SPEC):
        if "part_number" not in record.cells or "sequence" not in record.cells:
            continue
        seq = found_from_cell(record.cells["sequence"], parse_int, _CERTAINTY)
        part = found_from_cell(record.cells["part_number"], _PART, _CERTAINTY)
        if seq is None or part is None:
            continue
        parts[int(seq.value)].append(part.as_field(str(part.value).rstrip(".")))
    return {seq: found[0] for seq, found in parts.items() if len({f["value"] for f in found}) == 1}


def fill_parts(result: ResultBuilder, parts: dict[int, dict[str, Any]]) -> None:
    """Each partida without a part number given the one the relation lists under its SEC."""
    for line in result.lines:
        seq = line.get("sequence")
        if seq is None or line.get("part_number") is not None:
            continue
        try:
            key = int(seq["value"])
        except (TypeError, ValueError):
            continue
        if key in parts:
            line["part_number"] = dict(parts[key])
