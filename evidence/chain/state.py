"""What a discharge run leaves for the next one: the remaining balance of every lot that can still be consumed.

Stored with the run as zlib-compressed JSON ``{"v": 2, "parts": {part number: records}}``; a part's records are
its live lots in FIFO order, ``;``-separated, each ``id,pedimento,sequence,clave,start,due,remaining,unit,tariff``
(dates as ordinals). A continued run reads a part's records lazily, only as far as FIFO consumption reaches, and
writes the untouched rest back verbatim, so its cost follows the day's exports, not the size of the inventory.
"""

from __future__ import annotations

import heapq
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal

from evidence.chain.discharge import ZERO, Lot, dec_str

VERSION = 2


def _clean(text: str | None) -> str:
    return (text or "").replace(",", " ").replace(";", " ")


def record(lot: Lot, remaining: Decimal) -> str:
    due = str(lot.due_date.toordinal()) if lot.due_date else ""
    return (
        f"{lot.id},{lot.pedimento_number},{lot.sequence},{lot.clave},{lot.start_date.toordinal()},{due},"
        f"{dec_str(remaining)},{_clean(lot.unit)},{_clean(lot.tariff_code)}"
    )


def parse(part: str, text: str) -> Lot:
    lot_id, ped, seq, clave, start, due, remaining, unit, tariff = text.split(",")
    return Lot(
        int(lot_id),
        ped,
        int(seq),
        part,
        clave,
        date.fromordinal(int(start)),
        date.fromordinal(int(due)) if due else None,
        Decimal(remaining),
        unit,
        tariff,
    )


class PartStream:
    """One part's live lots from a parent run's state, decoded one at a time (quantity = remaining balance)."""

    def __init__(self, part: str, raw: str) -> None:
        self.part = part
        self.raw = raw
        self.pos = 0
        self.decoded: list[Lot] = []

    def __iter__(self) -> Iterator[Lot]:
        return self

    def __next__(self) -> Lot:
        if self.pos >= len(self.raw):
            raise StopIteration
        end = self.raw.find(";", self.pos)
        if end < 0:
            end = len(self.raw)
        lot = parse(self.part, self.raw[self.pos : end])
        self.pos = end + 1
        self.decoded.append(lot)
        return lot

    def rest(self) -> str:
        return self.raw[self.pos :]


def encode(parts: Mapping[str, str]) -> bytes:
    return zlib.compress(json.dumps({"v": VERSION, "parts": parts}, separators=(",", ":")).encode(), 1)


def decode(blob: bytes) -> dict[str, str] | None:
    """The parent's parts, or None for a state this version cannot continue from (then: a full run)."""
    try:
        data = json.loads(zlib.decompress(blob))
    except (zlib.error, ValueError):
        return None
    if not isinstance(data, dict) or data.get("v") != VERSION:
        return None
    return dict(data["parts"])


def _live(lots: Iterable[Lot], consumed: Mapping[int, Decimal], floor: date | None) -> list[str]:
    out = []
    for lot in lots:
        remaining = lot.quantity - consumed.get(lot.id, ZERO)
        if remaining <= ZERO or (floor is not None and lot.due_date is not None and lot.due_date < floor):
            continue
        out.append(record(lot, remaining))
    return out


def full_state(lots: Iterable[Lot], consumed: Mapping[int, Decimal], floor: date | None) -> dict[str, str]:
    """The parts of a full run's state: every lot with a balance that has not expired by ``floor``."""
    by_part: dict[str, list[Lot]] = {}
    for lot in lots:
        by_part.setdefault(lot.part_number, []).append(lot)
    parts = {}
    for part, items in by_part.items():
        items.sort(key=Lot.fifo_key)
        live = _live(items, consumed, floor)
        if live:
            parts[part] = ";".join(live)
    return parts


class Continuation:
    """The engine's lot streams for a continued run, and the state it leaves afterwards."""

    def __init__(self, parent_parts: dict[str, str], new_lots: Iterable[Lot]) -> None:
        self.parent_parts = parent_parts
        self.streams: dict[str, PartStream] = {p: PartStream(p, raw) for p, raw in parent_parts.items()}
        self.new: dict[str, list[Lot]] = {}
        for lot in new_lots:
            self.new.setdefault(lot.part_number, []).append(lot)
        for items in self.new.values():
            items.sort(key=Lot.fifo_key)

    def lot_streams(self) -> dict[str, Iterator[Lot]]:
        out: dict[str, Iterator[Lot]] = dict(self.streams)
        for part, items in self.new.items():
            stream = self.streams.get(part)
            out[part] = heapq.merge(stream, items, key=Lot.fifo_key) if stream is not None else iter(items)
        return out

    def next_state(self, consumed: Mapping[int, Decimal], floor: date | None) -> dict[str, str]:
        parts: dict[str, str] = {}
        for part, stream in self.streams.items():
            if part in self.new:
                continue
            if stream.pos == 0:
                parts[part] = stream.raw  # not touched: as it was
                continue
            head = _live(stream.decoded, consumed, floor)
            rest = stream.rest()
            text = ";".join(head + ([rest] if rest else []))
            if text:
                parts[part] = text
        for part, items in self.new.items():
            parent_stream = self.streams.get(part)
            older: list[Lot] = []
            if parent_stream is not None:  # finish it; the merge order is re-done below
                for _lot in parent_stream:  # decoding appends to ``decoded``
                    pass
                older = parent_stream.decoded
            everything = sorted(older + items, key=Lot.fifo_key)
            live = _live(everything, consumed, floor)
            if live:
                parts[part] = ";".join(live)
        return parts
