"""The lots as an Anexo 24 dashboard shows them: days left to the due date, the USD value still at risk (the
partida's share of the pedimento's USD value, pro rata of the balance), filters, sorting, balances by part and
by fracción, and the table as CSV or XLSX. Pure functions over ``queries.lots_report`` rows, plus one query for
the values; the dashboard's figures are kept per company until something is recorded (an audit event), so a
view does not recompute the discharge when nothing changed."""

from __future__ import annotations

import csv
import io
import threading
from collections import OrderedDict, defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence.chain.models import LotRow, Partida, Pedimento
from evidence.models import AuditEvent

HORIZONS = (30, 60, 90)
SORT_KEYS = (
    "due_date",
    "days_left",
    "usd_at_risk",
    "balance",
    "part_number",
    "tariff_code",
    "pedimento_number",
    "start_date",
)
EXPORT_COLUMNS = (
    "pedimento_number",
    "sequence",
    "part_number",
    "tariff_code",
    "start_date",
    "due_date",
    "days_left",
    "imported_quantity",
    "discharged_quantity",
    "balance",
    "unit",
    "usd_at_risk",
    "status",
    "awaiting_review",
)


def usd_per_unit(db: Session, company_id: int) -> dict[tuple[str, int], Decimal]:
    """USD per imported unit of each lot: the pedimento's USD value shared by its partidas' customs value."""
    rows = db.execute(
        select(
            LotRow.pedimento_number,
            LotRow.sequence,
            LotRow.quantity,
            Partida.customs_value_mxn,
            Pedimento.usd_value,
            Pedimento.id,
        )
        .join(Partida, Partida.id == LotRow.partida_id)
        .join(Pedimento, Pedimento.id == Partida.pedimento_id)
        .where(LotRow.company_id == company_id, LotRow.active.is_(True))
    ).all()
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for *_, value, _usd, ped_id in rows:
        totals[ped_id] += Decimal(value or 0)
    out: dict[tuple[str, int], Decimal] = {}
    for number, sequence, quantity, value, usd, ped_id in rows:
        if usd and value and totals[ped_id] and quantity:
            out[(number, sequence)] = Decimal(usd) * Decimal(value) / totals[ped_id] / Decimal(quantity)
    return out


def enrich(lots: list[dict[str, Any]], prices: dict[tuple[str, int], Decimal], as_of: date) -> list[dict[str, Any]]:
    for lot in lots:
        due = date.fromisoformat(lot["due_date"]) if lot.get("due_date") else None
        lot["days_left"] = (due - as_of).days if due else None
        price = prices.get((lot["pedimento_number"], lot["sequence"]))
        balance = Decimal(str(lot.get("balance") or 0))
        lot["usd_at_risk"] = float(round(price * balance, 2)) if price is not None and balance > 0 else None
    return lots


def select_lots(lots: list[dict[str, Any]], args: dict[str, str]) -> list[dict[str, Any]]:
    """Filter by ``status``, ``part``, ``fraccion``, ``pedimento``, ``date_from``/``date_to`` (start date),
    ``horizon`` (due within that many days, balance left) and sort by ``sort``/``dir``."""
    out = lots
    if args.get("status"):
        out = [r for r in out if r["status"] == args["status"]]
    if args.get("part"):
        out = [r for r in out if (r.get("part_number") or "").upper() == args["part"].strip().upper()]
    if args.get("fraccion"):
        digits = "".join(ch for ch in args["fraccion"] if ch.isdigit())
        out = [r for r in out if (r.get("tariff_code") or "").startswith(digits)]
    if args.get("pedimento"):
        digits = "".join(ch for ch in args["pedimento"] if ch.isdigit())
        out = [r for r in out if digits in r["pedimento_number"]]
    if args.get("date_from"):
        out = [r for r in out if r["start_date"] >= args["date_from"]]
    if args.get("date_to"):
        out = [r for r in out if r["start_date"] <= args["date_to"]]
    if args.get("horizon", "").isdigit():
        days = int(args["horizon"])
        out = [r for r in out if r["days_left"] is not None and r["days_left"] <= days and float(r["balance"]) > 0]
    key = str(args.get("sort") or "")
    if key not in SORT_KEYS:
        key = "due_date"
    present = [r for r in out if r.get(key) is not None]
    missing = [r for r in out if r.get(key) is None]
    present.sort(key=lambda r: r[key], reverse=args.get("dir") == "desc")
    return present + missing


def balances(lots: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """Balance, USD at risk and lot count per ``part_number`` or ``tariff_code`` (and unit)."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for lot in lots:
        key = (lot.get(by) or "", lot.get("unit") or "")
        g = groups.setdefault(
            key, {"key": key[0], "unit": key[1], "balance": Decimal(0), "usd_at_risk": 0.0, "lots": 0}
        )
        g["balance"] += Decimal(str(lot.get("balance") or 0))
        g["usd_at_risk"] += lot.get("usd_at_risk") or 0.0
        g["lots"] += 1
    return sorted(groups.values(), key=lambda g: -g["usd_at_risk"])


def horizon_cards(lots: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cards = []
    for days in HORIZONS:
        due = [
            r for r in lots if r["days_left"] is not None and 0 <= r["days_left"] <= days and float(r["balance"]) > 0
        ]
        cards.append({"days": days, "count": len(due), "usd": sum(r.get("usd_at_risk") or 0.0 for r in due)})
    return cards


def _cell(value: Any) -> Any:
    """A CSV cell: nothing for None, JSON's spelling for a yes or no."""
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else value


def as_csv(lots: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(EXPORT_COLUMNS)
    for lot in lots:
        writer.writerow([_cell(lot.get(c)) for c in EXPORT_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


def as_xlsx(lots: list[dict[str, Any]], headers: list[str]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("lots")
    sheet.append(headers)
    for lot in lots:
        row = []
        for c in EXPORT_COLUMNS:
            value = lot.get(c)
            if c in ("start_date", "due_date") and value:
                value = date.fromisoformat(value)
            elif c in ("imported_quantity", "discharged_quantity", "balance") and value is not None:
                value = float(value)
            row.append(value)
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# -- the dashboard's figures, kept until the company records something -----------------------------------------
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 64


def fingerprint(db: Session, company_id: int) -> int:
    """The company's newest audit event: every change to documents, links, BOMs or runs records one."""
    return int(db.scalar(select(func.max(AuditEvent.id)).where(AuditEvent.company_id == company_id)) or 0)


def cached(key: tuple[Any, ...], compute: Any) -> Any:
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = compute()
    with _CACHE_LOCK:
        _CACHE[key] = value
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value
