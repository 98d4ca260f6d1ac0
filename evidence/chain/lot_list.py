"""The lot list (``immex lots --json``, discharge.md) put together from plain rows.

Two readers fetch those rows: the ORM (``evidence.chain.queries``, used by the portal, bundles and any command
that may have to run the discharge engine) and the plain DB-API path of the command line
(``evidence.plain_reads``), which must start without SQLAlchemy. The arithmetic and the order of the documents
live here once, so the two can only differ in how they fetch, and a test holds them to the same answer.
Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from evidence.chain.discharge import lot_status

# The kinds of link that tie an invoice, CFDI or B/L to a pedimento (the others tie a partida to a part number).
DOC_LINK_KINDS = frozenset({"invoice_pedimento", "cfdi_pedimento", "bl_pedimento"})
ConsumptionLine = tuple[int, int, str, Decimal, int | None]  # (lot, export line, component, quantity, BOM version)


class LotFacts(Protocol):
    """What the list reads of a lot (``LotRow`` or a plain row with the same names)."""

    @property
    def id(self) -> int: ...
    @property
    def pedimento_id(self) -> int | None: ...
    @property
    def pedimento_number(self) -> str: ...
    @property
    def sequence(self) -> int: ...
    @property
    def part_number(self) -> str | None: ...
    @property
    def tariff_code(self) -> str | None: ...
    @property
    def clave(self) -> str: ...
    @property
    def start_date(self) -> date: ...
    @property
    def due_date(self) -> date | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...


def num(value: Decimal | None) -> float | int | None:
    """A quantity as a JSON number (an int when whole)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def exports_by_lot(
    lines: Iterable[ConsumptionLine], export_ped: Mapping[int, int | None], ped_doc: Mapping[int, int]
) -> dict[int, set[int]]:
    """lot → the documents of the export pedimentos that consumed it."""
    out: dict[int, set[int]] = defaultdict(set)
    for lot_id, export_id, _c, _q, _v in lines:
        export_ped_id = export_ped.get(export_id)
        if export_ped_id is not None and export_ped_id in ped_doc:
            out[lot_id].add(ped_doc[export_ped_id])
    return out


def pedimento_documents(
    lots: Sequence[LotFacts], ped_doc: Mapping[int, int], exports_of_lot: Mapping[int, set[int]]
) -> set[int]:
    """Every pedimento document the list names: the lots' own and those of the exports that consumed them."""
    wanted = {ped_doc[lot.pedimento_id] for lot in lots if lot.pedimento_id is not None and lot.pedimento_id in ped_doc}
    return wanted | {d for ds in exports_of_lot.values() for d in ds}


def siblings_by_number(
    number_of: Mapping[int, tuple[int, str]], documents_of: Mapping[tuple[int, str], list[int]]
) -> dict[int, list[int]]:
    """pedimento document → every document read as the same (company, pedimento number)."""
    return {doc: list(documents_of.get(key, [])) for doc, key in number_of.items()}


def with_links(
    pedimento_doc_ids: Iterable[int], siblings: Mapping[int, list[int]], links: Iterable[tuple[int | None, int | None]]
) -> dict[int, list[int]]:
    """pedimento document → itself, its siblings, then the documents ``links`` (to, from; oldest first) tie to
    any of them, each once."""
    out: dict[int, list[int]] = {d: [d] for d in pedimento_doc_ids}
    for doc, others in siblings.items():
        out[doc].extend(o for o in others if o != doc)
    linked: dict[int, list[int]] = defaultdict(list)
    for to_doc, from_doc in links:
        if to_doc is not None and from_doc is not None:
            linked[to_doc].append(from_doc)
    for readings in out.values():
        extra = [f for r in list(readings) for f in linked.get(r, [])]
        readings.extend(d for d in dict.fromkeys(extra) if d not in readings)
    return out


def lot_entries(
    lots: Sequence[LotFacts],
    consumed: Mapping[int, Decimal],
    ped_doc: Mapping[int, int],
    exports_of_lot: Mapping[int, set[int]],
    linked: Mapping[int, list[int]],
    sha: Mapping[int, str],
    as_of: date,
    awaiting: Collection[int] = frozenset(),
) -> list[dict[str, Any]]:
    """One object per lot started on or before ``as_of``: balance, status and its documents' hashes.

    ``awaiting`` holds the documents whose reading waits for a clerk (``needs_review``): a lot any of whose
    documents is one of them says so (``awaiting_review``), because its figures may still change."""
    out = []
    for lot in lots:
        if lot.start_date > as_of:
            continue
        imported = Decimal(lot.quantity)
        done = consumed.get(lot.id, Decimal(0))
        balance = imported - done
        docs: list[str] = []
        unconfirmed = False
        own = ped_doc.get(lot.pedimento_id or -1)
        for doc_id in (linked.get(own, []) if own else []) + [
            d for e in sorted(exports_of_lot.get(lot.id, ())) for d in linked.get(e, [])
        ]:
            if doc_id in sha and sha[doc_id] not in docs:
                docs.append(sha[doc_id])
                unconfirmed = unconfirmed or doc_id in awaiting
        out.append(
            {
                "pedimento_number": lot.pedimento_number,
                "sequence": lot.sequence,
                "part_number": lot.part_number,
                "tariff_code": lot.tariff_code,
                "clave": lot.clave,
                "start_date": lot.start_date.isoformat(),
                "due_date": lot.due_date.isoformat() if lot.due_date else None,
                "unit": lot.unit,
                "imported_quantity": num(imported),
                "discharged_quantity": num(done),
                "balance": num(balance),
                "status": lot_status(balance, lot.due_date, as_of),
                "documents": docs,
                "needs_part_number": lot.part_number is None,
                "awaiting_review": unconfirmed,
            }
        )
    return out
