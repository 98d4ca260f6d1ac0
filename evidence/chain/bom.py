"""Bills of materials: read a CSV or XLSX file (discharge.md), validate every row, store new versions.

A file is checked whole before anything is written: a clerk gets every problem at once, each naming the row
and column, and nothing is half-imported. Importing adds versions and never edits or removes an existing one;
a version without ``valid_from`` takes effect on the import date, so an undated file never changes what
applied to earlier exports. Importing the same content again adds nothing.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence import audit
from evidence.chain import tables
from evidence.chain.discharge import BomComponent, BomIndex, BomVersion, bom_digest, dec_str
from evidence.chain.linking import lock_company
from evidence.chain.models import BomImport, BomLine, BomVersionRow, Part
from evidence.chain.revision import next_rev
from immex.errors import ImmexError

# canonical name -> accepted header spellings (compared without accents, case or spaces)
COLUMNS: dict[str, tuple[str, ...]] = {
    "product": ("product", "producto"),
    "component": ("component", "componente"),
    "quantity_per_unit": ("quantity_per_unit", "cantidad", "cantidad_por_unidad"),
    "unit": ("unit", "unidad"),
    "scrap_pct": ("scrap_pct", "merma", "merma_pct", "scrap"),
    "valid_from": ("valid_from", "vigencia_desde"),
    "valid_to": ("valid_to", "vigencia_hasta"),
}
REQUIRED = ("product", "component", "quantity_per_unit", "unit")
SPANISH = {
    "product": "producto",
    "component": "componente",
    "quantity_per_unit": "cantidad",
    "unit": "unidad",
    "scrap_pct": "merma",
    "valid_from": "vigencia_desde",
    "valid_to": "vigencia_hasta",
}
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class BomProblem:
    row: int | None  # the file's row number (the header is row 1); None for the file as a whole
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class BomFileError(ImmexError):
    """The BOM file was not imported; ``problems`` lists each row and column to fix."""

    code = "bom_invalid"
    http_status = 422

    def __init__(self, problems: list[BomProblem]) -> None:
        shown = "\n".join(f"  - {p}" for p in problems[:MAX_PROBLEMS])
        more = f"\n  ... and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        super().__init__(f"The BOM file was not imported (nothing was saved). Please fix:\n{shown}{more}")
        self.problems = problems

    def to_dict(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "code": self.code,
            "message": self.message,
            "problems": [{"row": p.row, "column": p.column, "message": p.message} for p in self.problems],
        }


@dataclass(frozen=True)
class BomRow:
    row: int
    product: str
    component: str
    quantity_per_unit: Decimal
    unit: str
    scrap_pct: Decimal
    valid_from: date | None
    valid_to: date | None


@dataclass
class BomImportResult:
    import_id: int | None
    rows: int
    versions_added: list[dict[str, Any]] = field(default_factory=list)
    versions_unchanged: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "rows": self.rows,
            "versions_added": self.versions_added,
            "versions_unchanged": self.versions_unchanged,
        }


def _norm_header(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().strip().lower()
    return text.replace("%", "pct").replace(" ", "_").replace("-", "_").strip("_")


def _header_map(headers: list[Any]) -> tuple[dict[str, int], list[BomProblem]]:
    problems: list[BomProblem] = []
    lookup = {_norm_header(alias): name for name, aliases in COLUMNS.items() for alias in aliases}
    mapping: dict[str, int] = {}
    for index, raw in enumerate(headers):
        if raw is None or str(raw).strip() == "":
            continue
        name = lookup.get(_norm_header(str(raw)))
        if name is None:
            problems.append(
                BomProblem(
                    1,
                    str(raw),
                    "this column is not recognised; expected " + ", ".join(f"{k} [{SPANISH[k]}]" for k in COLUMNS),
                )
            )
        elif name in mapping:
            problems.append(BomProblem(1, str(raw), f"the column {name} [{SPANISH[name]}] appears twice"))
        else:
            mapping[name] = index
    for name in REQUIRED:
        if name not in mapping:
            problems.append(BomProblem(1, None, f"the required column {name} [{SPANISH[name]}] is missing"))
    return mapping, problems


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    result = Decimal(text)
    if not result.is_finite():
        raise InvalidOperation
    return result


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _blank(value: Any) -> bool:
    return value is None or str(value).strip() == ""


def validate_rows(table: Iterable[list[Any]]) -> list[BomRow]:
    """Check a table (first row = headers) and return its rows, or raise ``BomFileError`` listing every
    problem."""
    rows = iter(table)
    try:
        headers = next(rows)
    except StopIteration:
        raise BomFileError([BomProblem(None, None, "the file is empty")]) from None
    mapping, problems = _header_map(list(headers))
    if problems:
        raise BomFileError(problems)
    names = {v: k for k, v in mapping.items()}
    result: list[BomRow] = []
    seen: dict[tuple[str, str, date | None], int] = {}
    for number, raw in enumerate(rows, start=2):
        cells = {names[i]: raw[i] for i in names if i < len(raw)}
        if all(_blank(v) for v in cells.values()):
            continue
        row_problems: list[BomProblem] = []

        def bad(column: str, message: str, row: int = number, sink: list[BomProblem] = row_problems) -> None:
            header = headers[mapping[column]]
            sink.append(BomProblem(row, str(header), message))

        text = {k: ("" if _blank(cells.get(k)) else str(cells[k]).strip()) for k in COLUMNS}
        for column in ("product", "component", "unit"):
            if not text[column]:
                bad(column, "is empty")
        quantity = Decimal(0)
        if not text["quantity_per_unit"]:
            bad("quantity_per_unit", "is empty")
        else:
            try:
                quantity = _decimal(cells["quantity_per_unit"])
                if quantity <= 0:
                    bad("quantity_per_unit", f"'{text['quantity_per_unit']}' must be greater than zero")
            except (InvalidOperation, ValueError):
                bad("quantity_per_unit", f"'{text['quantity_per_unit']}' is not a number")
        scrap = Decimal(0)
        if "scrap_pct" in mapping and text["scrap_pct"]:
            try:
                scrap = _decimal(cells["scrap_pct"])
                if not Decimal(0) <= scrap < Decimal(100):
                    bad("scrap_pct", f"'{text['scrap_pct']}' must be a percentage from 0 to less than 100")
            except (InvalidOperation, ValueError):
                bad("scrap_pct", f"'{text['scrap_pct']}' is not a number")
        dates: dict[str, date | None] = {"valid_from": None, "valid_to": None}
        for column in ("valid_from", "valid_to"):
            if column in mapping and text[column]:
                try:
                    dates[column] = _date(cells[column])
                except ValueError:
                    bad(column, f"'{text[column]}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)")
        if dates["valid_from"] and dates["valid_to"] and dates["valid_to"] < dates["valid_from"]:
            bad("valid_to", "is before valid_from")
        if text["product"] and text["product"] == text["component"]:
            bad("component", "a product cannot be its own component")
        key = (text["product"], text["component"], dates["valid_from"])
        if not row_problems and key in seen:
            bad("component", f"the same component of this product and validity is already on row {seen[key]}")
        problems.extend(row_problems)
        if not row_problems:
            seen[key] = number
            result.append(
                BomRow(
                    number,
                    text["product"],
                    text["component"],
                    quantity,
                    text["unit"].upper(),
                    scrap,
                    dates["valid_from"],
                    dates["valid_to"],
                )
            )
    if not problems and not result:
        problems.append(BomProblem(None, None, "the file has headers but no rows"))
    if problems:
        raise BomFileError(problems)
    return result


def _read_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return tables.read_csv(text)


def read_bom_file(path: Path) -> list[BomRow]:
    """Read and validate a BOM file (CSV or XLSX, recognised from its bytes), within ``evidence.chain.tables``'
    limits on rows, columns and how far a workbook expands."""
    data = path.read_bytes()
    try:
        if data[:4] == b"PK\x03\x04":
            try:
                table = tables.read_xlsx(data)
            except tables.TableTooLarge:
                raise
            except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
                raise BomFileError([BomProblem(None, None, f"the spreadsheet cannot be read ({exc})")]) from exc
        elif b"\x00" in data[:2048]:
            raise BomFileError([BomProblem(None, None, "this is not a CSV or XLSX file")])
        else:
            table = _read_csv(data)
    except tables.TableTooLarge as exc:
        raise BomFileError([BomProblem(None, None, str(exc))]) from None
    return validate_rows(table)


@dataclass(frozen=True)
class _VersionSpec:
    product: str
    valid_from: date
    valid_to: date | None
    components: tuple[BomComponent, ...]

    def content_hash(self) -> str:
        text = "|".join(
            [self.product, self.valid_from.isoformat(), self.valid_to.isoformat() if self.valid_to else ""]
            + [
                f"{c.component}:{dec_str(c.quantity_per_unit)}:{dec_str(c.scrap_pct)}:{c.unit}"
                for c in sorted(self.components, key=lambda c: c.component)
            ]
        )
        return hashlib.sha256(text.encode()).hexdigest()


def _components_key(components: Iterable[BomComponent]) -> list[tuple[str, str, str, str]]:
    return sorted((c.component, dec_str(c.quantity_per_unit), dec_str(c.scrap_pct), c.unit) for c in components)


def group_versions(rows: list[BomRow], today: date) -> Iterator[_VersionSpec]:
    groups: dict[tuple[str, date, date | None], list[BomRow]] = {}
    for row in rows:
        groups.setdefault((row.product, row.valid_from or today, row.valid_to), []).append(row)
    for (product, start, end), items in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        yield _VersionSpec(
            product,
            start,
            end,
            tuple(BomComponent(r.component, r.quantity_per_unit, r.scrap_pct, r.unit) for r in items),
        )


def import_bom(session: Session, company_id: int, path: Path, *, actor: str, today: date) -> BomImportResult:
    """Validate ``path`` and add its BOM versions for the company (in the caller's transaction)."""
    data = path.read_bytes()
    rows = read_bom_file(path)
    lock_company(session, company_id)  # not in the middle of a discharge run
    specs = list(group_versions(rows, today))
    existing = set(
        session.scalars(
            select(BomVersionRow.content_hash).where(
                BomVersionRow.company_id == company_id, BomVersionRow.product.in_({s.product for s in specs})
            )
        )
    )
    in_force = BomIndex(load_bom_versions(session, company_id, products={s.product for s in specs}))

    def unchanged(spec: _VersionSpec) -> bool:
        """Already stored with these dates, or the version in force on its start already says the same."""
        if spec.content_hash() in existing:
            return True
        current = in_force.in_force(spec.product, spec.valid_from)
        return (
            current is not None
            and current.valid_to == spec.valid_to
            and _components_key(current.components) == _components_key(spec.components)
        )

    fresh = [s for s in specs if not unchanged(s)]
    result = BomImportResult(import_id=None, rows=len(rows), versions_unchanged=len(specs) - len(fresh))
    if not fresh:
        return result
    record = BomImport(
        company_id=company_id,
        filename=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        actor=actor,
        row_count=len(rows),
    )
    session.add(record)
    session.flush()
    rev = next_rev(session, company_id)
    for spec in fresh:
        version = BomVersionRow(
            company_id=company_id,
            import_id=record.id,
            product=spec.product,
            valid_from=spec.valid_from,
            valid_to=spec.valid_to,
            content_hash=spec.content_hash(),
            digest="",
            rev=rev,
        )
        session.add(version)
        session.flush()
        for c in spec.components:
            session.add(
                BomLine(
                    version_id=version.id,
                    component=c.component,
                    quantity_per_unit=c.quantity_per_unit,
                    unit=c.unit,
                    scrap_pct=c.scrap_pct,
                )
            )
        version.digest = bom_digest(
            BomVersion(version.id, spec.product, spec.valid_from, spec.valid_to, spec.components)
        )
        result.versions_added.append(
            {
                "id": version.id,
                "product": spec.product,
                "valid_from": spec.valid_from.isoformat(),
                "valid_to": spec.valid_to.isoformat() if spec.valid_to else None,
                "components": len(spec.components),
            }
        )
    _update_catalogue(session, company_id, fresh)
    result.import_id = record.id
    audit.record(
        session,
        actor=actor,
        action="bom.import",
        object_type="bom_import",
        object_id=record.id,
        company_id=company_id,
        details={
            "filename": path.name,
            "sha256": record.sha256,
            "rows": len(rows),
            "versions": result.versions_added,
        },
    )
    session.flush()
    return result


def _update_catalogue(session: Session, company_id: int, specs: list[_VersionSpec]) -> None:
    known = {p.part_number: p for p in session.scalars(select(Part).where(Part.company_id == company_id))}
    for spec in specs:
        part = known.get(spec.product)
        if part is None:
            part = Part(company_id=company_id, part_number=spec.product, kind="product")
            session.add(part)
            known[spec.product] = part
        else:
            part.kind = "product"
        for c in spec.components:
            if c.component not in known:
                known[c.component] = Part(company_id=company_id, part_number=c.component, kind="material", unit=c.unit)
                session.add(known[c.component])


def load_bom_versions(session: Session, company_id: int, products: set[str] | None = None) -> list[BomVersion]:
    """Every BOM version of the company (or of ``products`` only) as engine dataclasses."""
    where: list[Any] = [BomVersionRow.company_id == company_id]
    if products is not None:
        if not products:
            return []
        where.append(BomVersionRow.product.in_(sorted(products)))
    versions = session.execute(
        select(BomVersionRow.id, BomVersionRow.product, BomVersionRow.valid_from, BomVersionRow.valid_to).where(*where)
    ).all()
    lines: dict[int, list[BomComponent]] = {}
    for row in session.execute(
        select(BomLine.version_id, BomLine.component, BomLine.quantity_per_unit, BomLine.scrap_pct, BomLine.unit)
        .join(BomVersionRow, BomVersionRow.id == BomLine.version_id)
        .where(*where)
    ):
        lines.setdefault(row.version_id, []).append(
            BomComponent(
                row.component, Decimal(row.quantity_per_unit).normalize(), Decimal(row.scrap_pct).normalize(), row.unit
            )
        )
    return [
        BomVersion(
            v.id, v.product, v.valid_from, v.valid_to, tuple(sorted(lines.get(v.id, []), key=lambda c: c.component))
        )
        for v in versions
    ]
