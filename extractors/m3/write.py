"""Write one structured pedimento back as validation-file records (``layout`` order).

A validation file or Data Stage extract that holds several pedimentos is kept whole as received; each of its
pedimentos is also stored on its own, written out by ``render_pedimento``, so that one pedimento is one document
in the evidence chain. The rendering is canonical (same content, same bytes), which is what makes loading the
same extract twice change nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from extractors.m3.layout import OPERATION_TYPES, RECORDS
from extractors.m3.parse import StructuredPedimento

_OPERATION_CODES = {v: k for k, v in OPERATION_TYPES.items() if k.isdigit()}


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d%m%Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return str(value).replace("|", "/").replace("\n", " ").replace("\r", " ")


def render_record(code: str, values: dict[str, Any]) -> str:
    layout = RECORDS[code]
    cells = [format_value(values.get(column.name)) for column in layout.columns]
    while cells and cells[-1] == "":
        cells.pop()
    return "|".join([code, *cells]) + "|"


def render_pedimento(ped: StructuredPedimento) -> bytes:
    """The pedimento's records as a validation file of its own (UTF-8, CRLF-free)."""
    key = {"pedimento": ped.number or ped.pedimento}
    header = dict(ped.header)
    header.update(patente=ped.patente, customs_section=ped.customs_section, **key)
    header["operation_type"] = _OPERATION_CODES.get(str(header.get("operation_type")), header.get("operation_type"))
    lines = [
        render_record(
            "500", {"movement_type": "1", "patente": ped.patente, **key, "customs_section": ped.customs_section}
        )
    ]
    lines.append(render_record("501", header))
    for code in sorted(ped.records):
        for row in sorted(ped.records[code], key=lambda r: sorted((k, format_value(v)) for k, v in r.items())):
            lines.append(render_record(code, {**row, **key}))
    for sequence, partida in sorted(ped.partidas.items()):
        lines.append(render_record("551", {**partida["551"], **key, "sequence": sequence}))
        for code in sorted(c for c in partida if c != "551"):
            for row in partida[code]:
                lines.append(render_record(code, {**row, **key, "sequence": sequence}))
    lines.append(render_record("800", key))
    return ("\n".join(lines) + "\n").encode("utf-8")
