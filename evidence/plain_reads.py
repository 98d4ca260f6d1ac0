"""The command line's listings read with plain SQL: ``immex documents`` and ``immex lots``.

Every query is written once here, in SQL both SQLite and PostgreSQL run, on the tables the ORM's models define
and the migrations make (``evidence.models``, ``evidence.chain.models``). The rows become what the ORM path shows
through the same code (``evidence.records``, ``evidence.chain.lot_list``); a test runs both paths on the same
databases and compares their output. Only the ordinary case is answered here: a company that is not there, or a
saved discharge run that no longer says everything, raises ``NotServed`` and the ORM path answers (with its own
message, or by running the discharge engine).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from evidence.chain.discharge import ALGORITHM_VERSION
from evidence.chain.lot_list import (
    DOC_LINK_KINDS,
    ConsumptionLine,
    exports_by_lot,
    lot_entries,
    pedimento_documents,
    siblings_by_number,
    with_links,
)
from evidence.dbapi import NotServed, Reader, reader
from evidence.records import DOCUMENT_COLUMNS, document_record

T = TypeVar("T")
CHUNK = 500  # ids per IN list (SQLite's older builds allow 999 parameters)
QTY_SCALE = 8  # Numeric(24, 8): SQLite gives floats back, which the ORM reads at this scale


def served(url: str, listing: Callable[..., T], *args: Any) -> T | None:
    """``listing(reader, *args)`` on the database at ``url``; None when the ORM path must answer instead."""
    from migrations.runner import file_heads

    try:
        with reader(url, file_heads()) as read:
            return listing(read, *args)
    except NotServed:
        return None


# -- values as the ORM reads them ------------------------------------------------------------------------------


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _moment(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _quantity(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    return Decimal(f"{float(value):.{QTY_SCALE}f}")


def _chunks(values: set[T]) -> list[list[T]]:
    ordered = sorted(values)  # type: ignore[type-var]
    return [ordered[i : i + CHUNK] for i in range(0, len(ordered), CHUNK)]


# -- documents ---------------------------------------------------------------------------------------------------


def company_id(read: Reader, rfc: str) -> int:
    found = read.scalar("SELECT id FROM companies WHERE rfc = :rfc", rfc=rfc.strip().upper())
    if found is None:
        raise NotServed("no such company")  # the ORM path says so, in its words
    return int(found)


def documents(read: Reader, rfc: str | None, status: str | None) -> list[dict[str, Any]]:
    """``immex documents``: the documents (of the company ``rfc``, with ``status``), newest first."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if rfc:
        where.append("company_id = :company")
        params["company"] = company_id(read, rfc)
    if status:
        where.append("status = :status")
        params["status"] = status
    sql = f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents"
    sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC"
    out = []
    for row in read.rows(sql, **params):
        values = dict(zip(DOCUMENT_COLUMNS, row, strict=True))
        values["provenance"] = _json(values["provenance"])
        values["received_at"] = _moment(values["received_at"])
        values["processed_at"] = _moment(values["processed_at"])
        out.append(document_record(**values))
    return out


# -- lots --------------------------------------------------------------------------------------------------------


class PlainLot(NamedTuple):
    id: int
    pedimento_id: int | None
    pedimento_number: str
    sequence: int
    part_number: str | None
    tariff_code: str | None
    clave: str
    start_date: date
    due_date: date | None
    unit: str
    quantity: Decimal


def _lot(row: tuple[Any, ...]) -> PlainLot:
    lot_id, pedimento_id, number, sequence, part, tariff, clave, start, due, unit, quantity = row
    start_day = _day(start)
    assert start_day is not None  # NOT NULL
    return PlainLot(
        lot_id, pedimento_id, number, sequence, part, tariff, clave, start_day, _day(due), unit, _quantity(quantity)
    )


def saved_consumption(read: Reader, company: int, as_of: date) -> list[ConsumptionLine]:
    """The consumption lines of the company's latest saved run (its lineage) for exports dated ≤ ``as_of``, when
    that run still says everything (``evidence.chain.saved.says_everything``); else ``NotServed``."""
    run = read.rows(
        "SELECT id, algorithm_version, input_rev, as_of, cursor FROM chain_discharge_runs"
        " WHERE company_id = :company ORDER BY id DESC LIMIT 1",
        company=company,
    )
    if not run:
        raise NotServed("no saved discharge run")
    run_id, algorithm, input_rev, run_as_of, cursor = run[0]
    rev = read.scalar("SELECT rev FROM chain_counters WHERE company_id = :company", company=company)
    if algorithm != ALGORITHM_VERSION or int(rev or 0) != int(input_rev):
        raise NotServed("the saved run is behind its inputs")
    run_day = _day(run_as_of)
    assert run_day is not None
    if as_of > run_day:
        later = read.scalar(
            "SELECT id FROM chain_export_lines WHERE company_id = :company AND active = :yes"
            " AND part_number IS NOT NULL AND export_date > :run_day AND export_date <= :as_of LIMIT 1",
            company=company,
            yes=True,
            run_day=run_day,
            as_of=as_of,
        )
        if later is not None:
            raise NotServed("exports came in after the saved run")
    lineage = [*((_json(cursor) or {}).get("lineage") or []), run_id]
    return [
        (lot, export, component, _quantity(qty), version)
        for lot, export, component, qty, version in read.rows(
            "SELECT c.lot_id, c.export_line_id, c.component, c.quantity, c.bom_version_id"
            " FROM chain_consumptions c JOIN chain_export_lines e ON e.id = c.export_line_id"
            " WHERE c.run_id IN :lineage AND e.export_date <= :as_of",
            lineage=lineage,
            as_of=as_of,
        )
    ]


def _linked(read: Reader, pedimento_docs: set[int]) -> dict[int, list[int]]:
    """``evidence.chain.queries._linked_documents`` in plain SQL."""
    number_of: dict[int, tuple[int, str]] = {}
    for ids in _chunks(pedimento_docs):
        for doc, company, number in read.rows(
            "SELECT document_id, company_id, pedimento_number FROM chain_pedimentos"
            " WHERE document_id IN :ids AND pedimento_number IS NOT NULL",
            ids=ids,
        ):
            if number:
                number_of[doc] = (company, number)
    documents_of: dict[tuple[int, str], list[int]] = defaultdict(list)
    for numbers in _chunks({n for _c, n in number_of.values()}):
        for doc, company, number in read.rows(
            "SELECT p.document_id, p.company_id, p.pedimento_number FROM chain_pedimentos p"
            " JOIN documents d ON d.id = p.document_id"
            " WHERE p.pedimento_number IN :numbers AND d.doc_type = 'pedimento' ORDER BY p.document_id",
            numbers=numbers,
        ):
            if number:
                documents_of[(company, number)].append(doc)
    siblings = siblings_by_number(number_of, documents_of)
    links: list[tuple[int | None, int | None]] = []
    for ids in _chunks(pedimento_docs | {d for ds in siblings.values() for d in ds}):
        links.extend(
            (to_doc, from_doc)
            for to_doc, from_doc in read.rows(
                "SELECT to_document_id, from_document_id FROM chain_links"
                " WHERE to_document_id IN :ids AND undone_at IS NULL AND kind IN :kinds ORDER BY id",
                ids=ids,
                kinds=DOC_LINK_KINDS,
            )
        )
    return with_links(pedimento_docs, siblings, links)


def lots(read: Reader, rfc: str, as_of: date) -> list[dict[str, Any]]:
    """``immex lots``: ``evidence.chain.queries.lots_report`` read from the saved discharge run."""
    company = company_id(read, rfc)
    rows = [
        _lot(row)
        for row in read.rows(
            "SELECT id, pedimento_id, pedimento_number, sequence, part_number, tariff_code, clave, start_date,"
            " due_date, unit, quantity FROM chain_lots WHERE company_id = :company AND active = :yes"
            " ORDER BY start_date, pedimento_number, sequence",
            company=company,
            yes=True,
        )
    ]
    lines = saved_consumption(read, company, as_of)
    consumed: dict[int, Decimal] = defaultdict(Decimal)
    for lot_id, _export, _component, qty, _version in lines:
        consumed[lot_id] += qty
    export_ped = dict(
        read.rows("SELECT id, pedimento_id FROM chain_export_lines WHERE company_id = :company", company=company)
    )
    ped_doc = dict(
        read.rows("SELECT id, document_id FROM chain_pedimentos WHERE company_id = :company", company=company)
    )
    exports_of_lot = exports_by_lot(lines, export_ped, ped_doc)
    linked = _linked(read, pedimento_documents(rows, ped_doc, exports_of_lot))
    sha: dict[int, str] = {}
    awaiting: set[int] = set()
    for ids in _chunks({d for ds in linked.values() for d in ds}):
        for doc_id, digest, review in read.rows(
            "SELECT id, sha256, needs_review FROM documents WHERE id IN :ids", ids=ids
        ):
            sha[doc_id] = digest
            if review:
                awaiting.add(doc_id)
    return lot_entries(rows, consumed, ped_doc, exports_of_lot, linked, sha, as_of, awaiting)
