"""Reconciliation: the sources of one pedimento compared field by field and partida by partida (pure).

The structured reading (validation file / Data Stage, ``sources``) is the reference when there is one. Findings:

- ``missing_printout``: the SAT's record of a pedimento is here, its printout is not;
- ``missing_structured``: a printout (or scan) is here, no validation file or Data Stage record of it;
- ``field_mismatch``: a header field, a partida field, or an invoice / CFDI line linked to a partida disagrees
  with the structured value beyond the declared tolerance; both values and both documents are named;
- ``unmatched_partida``: a partida no invoice or CFDI line (nor a printed product code, nor a person) gives a part
  number to.

Which fields are compared, and with which tolerance, is data: ``data/reconcile.json``. The gathering of sources
from the database is ``reconcile_io``; nothing here touches it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Rule:
    kind: str  # exact | number
    absolute: Decimal = Decimal(0)
    relative: Decimal = Decimal(0)


@dataclass(frozen=True)
class Tolerances:
    rules: dict[str, Rule]
    header: dict[str, str]
    partida: dict[str, str]
    counterpart_line: dict[str, str]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tolerances:
        rules = {
            name: Rule(r["kind"], Decimal(str(r.get("absolute", "0"))), Decimal(str(r.get("relative", "0"))))
            for name, r in data["rules"].items()
        }
        return cls(rules, dict(data["header"]), dict(data["partida"]), dict(data["counterpart_line"]))


@lru_cache(maxsize=1)
def default_tolerances() -> Tolerances:
    text = resources.files("evidence.chain").joinpath("data/reconcile.json").read_text(encoding="utf-8")
    return Tolerances.from_dict(json.loads(text))


@dataclass(frozen=True)
class Source:
    """One document's reading: ``kind`` structured | printout | invoice | cfdi. For invoices and CFDI,
    ``partidas`` holds the line linked to each partida sequence."""

    document_id: int
    kind: str
    filename: str
    header: dict[str, Any] = field(default_factory=dict)
    partidas: dict[int, dict[str, Any]] = field(default_factory=dict)

    def ref(self, value: Any = None) -> dict[str, Any]:
        return {"document_id": self.document_id, "kind": self.kind, "filename": self.filename, "value": value}


@dataclass(frozen=True)
class PedimentoSources:
    number: str
    structured: Source | None  # the governing structured reading
    printouts: tuple[Source, ...] = ()
    counterparts: tuple[Source, ...] = ()  # invoices and CFDI linked to the pedimento
    unmatched: tuple[int, ...] = ()  # partida sequences with no part number


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _text(value: Any) -> str:
    return re.sub(r"\s+", "", str(value)).upper()


def agrees(rule: Rule, reference: Any, other: Any) -> bool:
    """Whether two values agree under ``rule`` (absent values are not compared: callers skip them)."""
    if rule.kind == "number":
        a, b = _number(reference), _number(other)
        if a is None or b is None:
            return _text(reference) == _text(other)
        return abs(a - b) <= max(rule.absolute, rule.relative * abs(a))
    return _text(reference) == _text(other)


def _present(value: Any) -> bool:
    return value is not None and value != ""


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _mismatch(
    number: str, reference: Source, other: Source, name: str, a: Any, b: Any, sequence: int | None
) -> dict[str, Any]:
    where = f"partida {sequence} " if sequence is not None else ""
    return {
        "code": "field_mismatch",
        "pedimento_number": number,
        "sequence": sequence,
        "field": name,
        "structured_value": _plain(a),
        "other_value": _plain(b),
        "documents": [reference.ref(_plain(a)), other.ref(_plain(b))],
        "message": (
            f"Pedimento {number} {where}{name}: the {reference.kind} record says {_plain(a)}, "
            f"{other.filename} ({other.kind}) says {_plain(b)}."
        ),
    }


def _compare(
    number: str,
    reference: Source,
    other: Source,
    fields: dict[str, str],
    tolerances: Tolerances,
    a: dict[str, Any],
    b: dict[str, Any],
    sequence: int | None,
) -> list[dict[str, Any]]:
    out = []
    for name, rule_name in fields.items():
        mine, theirs = a.get(name), b.get(name)
        if not (_present(mine) and _present(theirs)):
            continue
        if not agrees(tolerances.rules[rule_name], mine, theirs):
            out.append(_mismatch(number, reference, other, name, mine, theirs, sequence))
    return out


def reconcile(p: PedimentoSources, tolerances: Tolerances | None = None) -> list[dict[str, Any]]:
    """The findings of one pedimento, in a stable order."""
    tolerances = tolerances or default_tolerances()
    found: list[dict[str, Any]] = []
    ref = p.structured
    if ref is None and p.printouts:
        found.append(
            {
                "code": "missing_structured",
                "pedimento_number": p.number,
                "documents": [s.ref() for s in p.printouts],
                "message": f"Pedimento {p.number} has a printout but no validation file or Data Stage record.",
            }
        )
    if ref is not None and not p.printouts:
        found.append(
            {
                "code": "missing_printout",
                "pedimento_number": p.number,
                "documents": [ref.ref()],
                "message": f"The SAT's record of pedimento {p.number} is here; its printout has not arrived.",
            }
        )
    if ref is not None:
        for printout in p.printouts:
            found += _compare(p.number, ref, printout, tolerances.header, tolerances, ref.header, printout.header, None)
            for sequence, partida in sorted(ref.partidas.items()):
                theirs = printout.partidas.get(sequence)
                if theirs is None:
                    found.append(_mismatch(p.number, ref, printout, "partida", "present", "absent", sequence))
                    continue
                found += _compare(p.number, ref, printout, tolerances.partida, tolerances, partida, theirs, sequence)
            for sequence in sorted(set(printout.partidas) - set(ref.partidas)):
                found.append(_mismatch(p.number, ref, printout, "partida", "absent", "present", sequence))
    base = ref or (p.printouts[0] if p.printouts else None)
    if base is not None:
        for other in p.counterparts:
            for sequence, line in sorted(other.partidas.items()):
                if sequence not in base.partidas:
                    continue
                partida = base.partidas[sequence]
                mine = {"quantity": partida.get("umc_quantity"), "tariff_code": partida.get("tariff_code")}
                found += _compare(p.number, base, other, tolerances.counterpart_line, tolerances, mine, line, sequence)
        docs = [base.ref()]
        for sequence in sorted(p.unmatched):
            found.append(
                {
                    "code": "unmatched_partida",
                    "pedimento_number": p.number,
                    "sequence": sequence,
                    "documents": docs,
                    "message": f"Pedimento {p.number} partida {sequence}: "
                    "no invoice or CFDI line gives it a part number.",
                }
            )
    return found


def agreement(p: PedimentoSources, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each source of the pedimento and whether it agrees with the reference (no field_mismatch naming it)."""
    disagreeing = {d["document_id"] for f in found if f["code"] == "field_mismatch" for d in f["documents"][1:]}
    sources = ([p.structured] if p.structured else []) + list(p.printouts) + list(p.counterparts)
    return [
        {
            "document_id": s.document_id,
            "kind": s.kind,
            "filename": s.filename,
            "agrees": s.document_id not in disagreeing,
            "reference": s is p.structured,
        }
        for s in sources
    ]
