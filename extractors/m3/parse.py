"""Read a validation file (M3) or a Data Stage extract into structured pedimentos, with the tables of
``layout``. Every problem is reported per line (record type, line number, what is wrong); a file with any error
yields nothing, so a pedimento is never half loaded.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath
from typing import Any

from extractors.m3.layout import (
    CODE,
    DATE,
    DATE_TYPES,
    DS_PAYMENT_DATE,
    FALLBACK_TEXT,
    INT,
    NUMBER,
    OPERATION_TYPES,
    RECORDS,
    STRICT,
    RecordLayout,
)
from immex.errors import ImmexError

RECORD_LINE = re.compile(r"^(\d{3})\|")
DS_FILE = re.compile(r"(?:^|[_\-.])(\d{3})\.(?:asc|txt)$", re.IGNORECASE)
MAX_ERRORS = 200


@dataclass(frozen=True)
class LineError:
    line: int
    record: str | None
    message: str
    file: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.file else f"line {self.line}"
        return f"{where}" + (f" (record {self.record})" if self.record else "") + f": {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "record": self.record, "message": self.message}


class StructuredFileError(ImmexError):
    """The file cannot be loaded; ``errors`` says where and why, line by line."""

    code = "structured_invalid"
    http_status = 422

    def __init__(self, what: str, errors: list[LineError]) -> None:
        shown = "; ".join(str(e) for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{what} has {len(errors)} error(s) and nothing was loaded: {shown}{more}.")
        self.errors = errors


@dataclass
class Where:
    line: int
    file: str | None = None


@dataclass
class StructuredPedimento:
    """One pedimento as its records declare it: typed values, pedimento-level records, and partidas."""

    patente: str
    pedimento: str  # the 7-digit number (year digit + sequence), or all 15 digits if the file gave them
    customs_section: str
    header: dict[str, Any] = field(default_factory=dict)
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    partidas: dict[int, dict[str, Any]] = field(default_factory=dict)  # sequence → {"551": {...}, "553": [...]}
    extra: list[dict[str, Any]] = field(default_factory=list)  # records of types the layout does not know
    where: Where | None = None
    number: str = ""  # the 15-digit pedimento number, once known

    def dates(self) -> dict[str, date]:
        found: dict[str, date] = {}
        for row in self.records.get("506", []):
            name = DATE_TYPES.get(str(row.get("date_type")), f"date_{row.get('date_type')}")
            if isinstance(row.get("date"), date):
                found.setdefault(name, row["date"])
        return found

    def canonical(self) -> dict[str, Any]:
        """What the pedimento declares, in a stable form (for the content hash)."""
        return {
            "number": self.number,
            "header": {
                k: _plain(v) for k, v in sorted(self.header.items()) if k not in ("payment_date_real", "pedimento")
            },
            "records": {
                code: sorted(json.dumps({k: _plain(v) for k, v in r.items()}, sort_keys=True) for r in rows)
                for code, rows in sorted(self.records.items())
            },
            "partidas": {
                str(seq): {
                    code: (
                        {k: _plain(v) for k, v in sorted(value.items())}
                        if isinstance(value, dict)
                        else sorted(json.dumps({k: _plain(v) for k, v in r.items()}, sort_keys=True) for r in value)
                    )
                    for code, value in sorted(p.items())
                }
                for seq, p in sorted(self.partidas.items())
            },
        }

    def content_hash(self) -> str:
        return hashlib.sha256(json.dumps(self.canonical(), sort_keys=True).encode()).hexdigest()

    @property
    def rectifies(self) -> str | None:
        """The 15-digit number of the pedimento this one rectifies (record 701), when it can be told."""
        rows = self.records.get("701") or []
        if not rows:
            return None
        row = rows[0]
        previous = str(row.get("previous_pedimento") or "")
        if len(previous) == 15:
            return previous
        when = row.get("previous_date")
        patente = str(row.get("previous_patente") or self.patente)
        section = str(row.get("previous_section") or self.customs_section)
        if not previous or not isinstance(when, date):
            return None
        return full_number(previous, patente, section, when)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def full_number(pedimento: str, patente: str, section: str, when: date) -> str:
    """The 15-digit number: year of validation (2), aduana (2), patente (4), year digit + sequence (7)."""
    digits = re.sub(r"\D", "", pedimento)
    if len(digits) == 15:
        return digits
    year = when.year
    if digits and digits[0].isdigit() and year % 10 != int(digits[0]):
        year -= (year - int(digits[0])) % 10
    return f"{year % 100:02d}{section[:2]:0>2}{patente[-4:]:0>4}{digits[-7:]:0>7}"


# --- typed values -----------------------------------------------------------------------------------------------


def parse_date(text: str) -> date | None:
    text = text.strip()
    m = re.fullmatch(r"(\d{2})(\d{2})(\d{4})", text)  # DDMMAAAA, as the validation file writes dates
    if m:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    else:
        m = re.match(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)?$", text)
        if m:
            year, month, day = int(m[1]), int(m[2]), int(m[3])
        else:
            m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
            if not m:
                return None
            day, month, year = int(m[1]), int(m[2]), int(m[3])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def typed(kind: str, text: str) -> tuple[Any, str | None]:
    """(value, problem): the value of one field, or why it cannot be read."""
    value = text.strip()
    if value == "":
        return None, None
    if kind == INT:
        return (int(value), None) if value.isdigit() else (None, f"is '{value}', not a whole number")
    if kind == NUMBER:
        cleaned = value.replace(",", "")
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            return None, f"is '{value}', not a number"
        return (number, None) if number.is_finite() else (None, f"is '{value}', not a number")
    if kind == DATE:
        day = parse_date(value)
        return (day, None) if day else (None, f"is '{value}', not a date (DDMMAAAA or AAAA-MM-DD)")
    if kind == CODE:
        return value.upper(), None
    return value, None


# --- assembling pedimentos -----------------------------------------------------------------------------------


@dataclass
class ParsedFile:
    kind: str  # m3 | data_stage
    pedimentos: list[StructuredPedimento]
    warnings: list[str] = field(default_factory=list)
    record_counts: dict[str, int] = field(default_factory=dict)

    @property
    def period(self) -> str | None:
        days = [
            d for p in self.pedimentos for d in [p.dates().get("payment_date") or p.header.get("payment_date_real")]
        ]
        known = sorted(d for d in days if isinstance(d, date))
        if not known:
            return None
        return f"{known[0].isoformat()}..{known[-1].isoformat()}"

    def input_hash(self) -> str:
        """One hash of every pedimento's content: the same extract loaded twice has the same input hash."""
        body = "\n".join(sorted(f"{p.number}:{p.content_hash()}" for p in self.pedimentos))
        return hashlib.sha256(body.encode()).hexdigest()


class _Collector:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.errors: list[LineError] = []
        self.warnings: list[str] = []
        self.pedimentos: dict[tuple[str, str, str], StructuredPedimento] = {}
        self.by_number: dict[str, list[tuple[str, str, str]]] = {}
        self.current: tuple[str, str, str] | None = None
        self.pending: list[tuple[str, dict[str, Any], Where]] = []
        self.counts: dict[str, int] = {}
        self.seen: set[tuple[str, str]] = set()
        self.failed_partidas: set[tuple[str, str]] = set()

    def error(self, where: Where, record: str | None, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(LineError(where.line, record, message, where.file))

    def fields(self, layout: RecordLayout, values: dict[str, str], where: Where) -> dict[str, Any] | None:
        """The typed values of one record. A value of the wrong kind is an error in the fields the chain relies on
        (``layout.STRICT``: keys, dates, quantities, units, operation and clave); elsewhere it is kept as written,
        with a warning, since most positions are inferred from Data Stage and a real file must not be refused
        over a column nobody uses to discharge."""
        out: dict[str, Any] = {}
        ok = True
        for position, column in enumerate(layout.columns, start=1):
            raw = values.get(column.name, "")
            value, problem = typed(column.kind, raw)
            spill = FALLBACK_TEXT.get((layout.code, column.name))
            if problem and spill and not values.get(spill, "").strip():
                values = {**values, spill: raw}  # e.g. an observation written without its sequence number
                continue
            if problem and column.name not in STRICT:
                self.warnings.append(
                    f"{_where(where)} (record {layout.code}): field {position} ({column.name}) {problem}; "
                    "kept as written"
                )
                out[column.name] = raw.strip()
            elif problem:
                ok = False
                self.error(where, layout.code, f"field {position} ({column.name}) {problem}")
            elif value is not None:
                out[column.name] = value
        for name in layout.required:
            if name not in out and not any(e.line == where.line and name in e.message for e in self.errors):
                ok = False
                self.error(where, layout.code, f"field {layout.position(name)} ({name}) is empty; the record needs it")
        return out if ok else None

    def add(self, code: str, values: dict[str, str], where: Where, *, key: tuple[str, str, str] | None = None) -> None:
        self.counts[code] = self.counts.get(code, 0) + 1
        layout = RECORDS.get(code)
        if layout is None:
            self.warnings.append(f"{_where(where)}: record type {code} is not in the layout; it was kept as read.")
            if self.current:
                self.pedimentos[self.current].extra.append({"record": code, "values": values})
            return
        row = self.fields(layout, values, where)
        if row is None:
            if code == "551":  # its 553–558 records must not be reported again as orphans
                self.failed_partidas.add((values.get("pedimento", "").strip(), values.get("sequence", "").strip()))
            return
        if code == "501":
            key = key or (row["patente"], row["pedimento"], row["customs_section"])
            if key in self.pedimentos:
                self.error(where, code, f"pedimento {key[1]} already has its 501 record (a pedimento has one)")
                return
            operation = OPERATION_TYPES.get(str(row["operation_type"]))
            if operation is None:
                self.error(where, code, f"field 4 (operation_type) is '{row['operation_type']}', not 1, 2, IMP or EXP")
                return
            row["operation_type"] = operation
            ped = StructuredPedimento(key[0], key[1], key[2], header=row, where=where)
            self.pedimentos[key] = ped
            self.by_number.setdefault(key[1], []).append(key)
            self.current = key
            return
        if layout.level == "file":
            if code == "500" and row.get("pedimento"):
                self.current = None  # a new pedimento starts; its 501 follows
            return
        self.pending.append((code, row, where))
        if key is not None:
            self.pending[-1][1]["__key"] = key
        elif self.current is not None:
            self.pending[-1][1]["__current"] = self.current

    def _owner(self, code: str, row: dict[str, Any], where: Where) -> StructuredPedimento | None:
        key = row.pop("__key", None)
        current = row.pop("__current", None)
        if key is not None:
            ped = self.pedimentos.get(key)
        else:
            keys = self.by_number.get(str(row.get("pedimento")), [])
            chosen = current if current in keys else (keys[0] if len(keys) == 1 else None)
            ped = self.pedimentos.get(chosen) if chosen else None
        if ped is None:
            self.error(where, code, f"pedimento {row.get('pedimento')} has no 501 record (datos generales) in the file")
        return ped

    def finish(self) -> list[StructuredPedimento]:
        for code, row, where in self.pending:
            ped = self._owner(code, row, where)
            if ped is None:
                continue
            row.pop("pedimento", None)
            dedupe = (f"{ped.patente}|{ped.pedimento}|{ped.customs_section}|{code}", json.dumps(row, default=str))
            if dedupe in self.seen:
                continue  # Data Stage repeats rows (one per destinatario); the same record twice is one record
            self.seen.add(dedupe)
            if RECORDS[code].level == "pedimento":
                ped.records.setdefault(code, []).append(row)
                continue
            sequence = int(row["sequence"])
            partida = ped.partidas.setdefault(sequence, {})
            if code == "551":
                if "551" in partida:
                    self.error(where, code, f"partida {sequence} of pedimento {ped.pedimento} appears twice")
                    continue
                partida["551"] = row
            else:
                partida.setdefault(code, []).append(row)
                partida.setdefault("__where", {})[code] = where
        for ped in self.pedimentos.values():
            for sequence, partida in sorted(ped.partidas.items()):
                places = partida.pop("__where", {})
                if "551" not in partida and (ped.pedimento, str(sequence)) not in self.failed_partidas:
                    first = next(iter(places.values()), ped.where or Where(0))
                    code = next(iter(places), "55x")
                    self.error(first, code, f"partida {sequence} of pedimento {ped.pedimento} has no 551 record")
            self._number(ped)
        return list(self.pedimentos.values())

    def _number(self, ped: StructuredPedimento) -> None:
        dates = ped.dates()
        when = (
            dates.get("payment_date")
            or ped.header.get("payment_date_real")
            or dates.get("entry_date")
            or dates.get("presentation_date")
            or next(iter(dates.values()), None)
        )
        if len(re.sub(r"\D", "", ped.pedimento)) == 15:
            ped.number = re.sub(r"\D", "", ped.pedimento)
        elif not isinstance(when, date):
            self.error(
                ped.where or Where(0),
                "501",
                f"pedimento {ped.pedimento} has no payment or entry date (record 506), so its year is unknown",
            )
        elif not re.fullmatch(r"\d{1,7}", ped.pedimento) or not re.fullmatch(r"\d{1,4}", ped.patente):
            self.error(
                ped.where or Where(0), "501", f"pedimento '{ped.pedimento}' / patente '{ped.patente}' are not digits"
            )
        else:
            ped.number = full_number(ped.pedimento, ped.patente, ped.customs_section, when)


def _where(where: Where) -> str:
    return f"{where.file}, line {where.line}" if where.file else f"line {where.line}"


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_m3(data: bytes, name: str = "validation file") -> ParsedFile:
    """Every pedimento of a validation file; `StructuredFileError` listing each bad line when any is bad."""
    collector = _Collector("m3")
    lines = _decode(data).splitlines()
    started = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        where = Where(number)
        match = RECORD_LINE.match(line)
        if not match:
            collector.error(
                where, None, "this is not a validation record: it must start with a 3-digit record type and |"
            )
            continue
        code = match.group(1)
        if not started and code not in ("500", "501"):
            collector.error(where, code, "a validation file starts with record 500 or 501")
        started = True
        values = line.split("|")[1:]
        layout = RECORDS.get(code)
        if (
            layout is not None
            and len(values) > len(layout.columns)
            and any(v.strip() for v in values[len(layout.columns) :])
        ):
            extra = [v for v in values[len(layout.columns) :] if v.strip()]
            collector.warnings.append(
                f"line {number} (record {code}): {len(extra)} field(s) beyond the {len(layout.columns)} "
                "of the layout were not read"
            )
        columns = layout.columns if layout else ()
        named = {c.name: (values[i] if i < len(values) else "") for i, c in enumerate(columns)}
        if layout is None:
            named = {str(i): v for i, v in enumerate(values, start=1)}
        collector.add(code, named, where)
    if not started:
        collector.error(Where(1), None, f"{name} holds no records")
    pedimentos = collector.finish()
    if not pedimentos and not collector.errors:
        collector.error(Where(1), None, "the file holds no pedimento (no 501 record)")
    if collector.errors:
        raise StructuredFileError(name, collector.errors)
    return ParsedFile("m3", pedimentos, collector.warnings, collector.counts)


def datastage_members(names: list[str]) -> dict[str, str]:
    """Record type → member name, for the ``.asc`` files of a Data Stage ZIP (``<prefix>_501.asc`` …)."""
    found: dict[str, str] = {}
    for name in names:
        match = DS_FILE.search(PurePosixPath(name).name)
        if match:
            found.setdefault(match.group(1), name)
    return found


def parse_datastage(data: bytes, name: str = "Data Stage extract") -> ParsedFile:
    """Every pedimento of a Data Stage ZIP (one ``.asc`` file per record type, a header line in each)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise StructuredFileError(name, [LineError(0, None, f"it is not a readable ZIP archive ({exc})")]) from None
    members = datastage_members(archive.namelist())
    collector = _Collector("data_stage")
    if "501" not in members:
        collector.error(Where(0, name), "501", "the extract has no 501 file (datos generales); it cannot be loaded")
        raise StructuredFileError(name, collector.errors)
    for code in sorted(members, key=lambda c: (c != "501", c)):
        member = members[code]
        layout = RECORDS.get(code)
        if layout is None:
            collector.warnings.append(f"{member}: record type {code} is not in the layout; it was not read.")
            continue
        text = _decode(archive.read(member))
        rows = [line for line in text.splitlines()]
        if not rows:
            continue
        header = [h.strip() for h in rows[0].split("|")]
        index = {h: i for i, h in enumerate(header) if h}
        missing = [c.ds for c in layout.columns if c.ds and c.name in layout.required and c.ds not in index]
        keys = ("Patente", "Pedimento", "SeccionAduanera")
        missing += [k for k in keys if k not in index and f"{k}" not in missing]
        if missing:
            collector.error(Where(1, member), code, f"the header line lacks the column(s) {', '.join(missing)}")
            continue
        for number, raw in enumerate(rows[1:], start=2):
            if not raw.strip():
                continue
            cells = raw.split("|")
            where = Where(number, member)
            by_name = {name: cells[i] for name, i in index.items() if i < len(cells)}

            def cell(column: str | None, by_name: dict[str, str] = by_name) -> str:
                return by_name.get(column, "") if column else ""

            key = (cell("Patente").strip(), cell("Pedimento").strip(), cell("SeccionAduanera").strip())
            if not all(key):
                collector.error(where, code, "the row lacks its patente, pedimento or sección aduanera")
                continue
            named = {c.name: cell(c.ds) for c in layout.columns}
            named["pedimento"] = key[1]
            if code == "501":
                named["patente"], named["customs_section"] = key[0], key[2]
                named["payment_date_real"] = named.get("payment_date_real") or cell(DS_PAYMENT_DATE)
            collector.add(code, named, where, key=key)
    pedimentos = collector.finish()
    if collector.errors:
        raise StructuredFileError(name, collector.errors)
    return ParsedFile("data_stage", pedimentos, collector.warnings, collector.counts)
