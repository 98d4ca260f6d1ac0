"""A small writer of validation files (M3) and Data Stage extracts for tests, driven by the layout tables.

Values go where ``extractors.m3.layout`` says: an M3 record is the record type and the layout's columns in
order; a Data Stage file is a header line of the layout's Data Stage column names and one row per record.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from extractors.m3.layout import RECORDS


def cell(value: Any, *, data_stage: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d %H:%M:%S") if data_stage else value.strftime("%d%m%Y")
    return str(value)


def m3_line(code: str, **values: Any) -> str:
    columns = RECORDS[code].columns
    unknown = set(values) - {c.name for c in columns}
    assert not unknown, f"record {code} has no column(s) {unknown}"
    return "|".join([code, *(cell(values.get(c.name)) for c in columns)]) + "|"


@dataclass
class Ped:
    """One pedimento to write: its 501 values, pedimento-level records and partidas (551 values plus
    partida-level records under their codes)."""

    patente: str
    pedimento: str  # 7 digits
    section: str  # 3 digits
    header: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    partidas: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> dict[str, str]:
        return {"pedimento": self.pedimento}


def m3_file(peds: list[Ped], *, trailer: bool = True) -> bytes:
    lines: list[str] = []
    for ped in peds:
        lines.append(
            m3_line("500", movement_type="1", patente=ped.patente, pedimento=ped.pedimento, customs_section=ped.section)
        )
        lines.append(m3_line("501", patente=ped.patente, customs_section=ped.section, **ped.key, **ped.header))
        for code, rows in ped.records.items():
            lines.extend(m3_line(code, **ped.key, **row) for row in rows)
        for partida in ped.partidas:
            base = {k: v for k, v in partida.items() if not k.isdigit()}
            lines.append(m3_line("551", **ped.key, **base))
            for code in sorted(k for k in partida if k.isdigit()):
                for row in partida[code]:
                    lines.append(
                        m3_line(code, **ped.key, tariff_code=base["tariff_code"], sequence=base["sequence"], **row)
                    )
        lines.append(
            m3_line("800", **ped.key, signature="FIRMA-ELECTRONICA", certificate_serial="00001000000500000001")
        )
    if trailer:
        lines.append(m3_line("801", file_name="m3.txt", pedimento_count=str(len(peds)), record_count=str(len(lines))))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def datastage_zip(peds: list[Ped], *, prefix: str = "1901508", payment: dict[str, date] | None = None) -> bytes:
    """A Data Stage ZIP: ``<prefix>_<NNN>.asc`` per record type, each with its header line."""
    rows: dict[str, list[str]] = {}

    def add(code: str, ped: Ped, values: dict[str, Any]) -> None:
        layout = RECORDS[code]
        keys = {"Patente": ped.patente, "Pedimento": ped.pedimento, "SeccionAduanera": ped.section}
        paid = (payment or {}).get(ped.pedimento)
        by_column = {c.ds: values.get(c.name) for c in layout.columns if c.ds}
        by_column.update(keys)
        by_column["FechaPagoReal"] = by_column.get("FechaPagoReal") or paid
        header = _header(code)
        rows.setdefault(code, ["|".join(header)]).append(
            "|".join(cell(by_column.get(h), data_stage=True) for h in header) + "|"
        )

    for ped in peds:
        add("501", ped, ped.header)
        for code, records in ped.records.items():
            for row in records:
                add(code, ped, row)
        for partida in ped.partidas:
            base = {k: v for k, v in partida.items() if not k.isdigit()}
            add("551", ped, base)
            for code in sorted(k for k in partida if k.isdigit()):
                for row in partida[code]:
                    add(code, ped, {"tariff_code": base["tariff_code"], "sequence": base["sequence"], **row})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for code in sorted(rows):
            info = zipfile.ZipInfo(f"{prefix}_{code}.asc", date_time=(2026, 1, 1, 0, 0, 0))
            archive.writestr(info, "\r\n".join(rows[code]) + "\r\n")
    return buffer.getvalue()


def _header(code: str) -> list[str]:
    layout = RECORDS[code]
    header = ["Patente", "Pedimento", "SeccionAduanera"]
    header += [c.ds for c in layout.columns if c.ds and c.ds not in header]
    if "FechaPagoReal" not in header:
        header.append("FechaPagoReal")
    return header
