"""Which invoice (or CFDI) line gives a partida its part number, weighed the way a customs analyst does it by hand.

A partida names no part number of its own on most printouts; its counterpart is the line (or the lines: a partida
groups the invoice lines of one fracción and origin) of the invoice it was declared from. The evidence, strongest
first; the first step that decides wins, and the choice names the evidence it used and a confidence:

1. ``codigo_producto`` (0.99): the CÓDIGO PRODUCTO printed on the partida, or ``printed_in_description`` (0.97):
   a part number the partida's description prints after ``N.P.``, ``NUM. PARTE``, ``NO. DE PARTE``, ``P/N``,
   ``CÓDIGO PRODUCTO`` (brokers copy it there when the form's own column is empty);
2. ``tariff_and_quantity`` (0.95): lines of the partida's fracción with its UMC quantity;
3. ``grouped_lines`` (0.9): lines of the partida's fracción whose quantities add up to the partida's;
4. ``quantity_and_value`` (0.85): lines whose fracción was not read, of the partida's quantity, whose amount is
   the partida's price paid at the exchange rate every other agreeing pair shows (the form's own arithmetic);
5. ``quantity_description`` (0.8): lines whose fracción was not read, of the partida's quantity, that hold the
   partida's description;
6. ``description_similarity`` (0.7): lines of the partida's fracción with a very similar description;
7. ``line_order`` (0.6): the one counterpart document lists as many lines as the pedimento has partidas, every
   partida decided above found its line at its own position, and the line at this partida's position
   contradicts nothing read (fracción, quantity).

Two candidates a step cannot separate (by the value agreement, then by a clearly better description, then by
the confirmed order of lines) are never guessed: the partida is ``Ambiguous`` and waits for a clerk, and weaker
evidence is not consulted. Pure functions: the database side is in ``linking``.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, Protocol

SIMILAR_ENOUGH = 0.75
CLEARLY_BETTER = Decimal("0.15")  # a description this much more similar separates two candidates
VALUE_TOLERANCE = Decimal("0.015")  # 1.5 % between the rate one pair shows and the others'
PESO_ROUNDING = Decimal("1")  # the price paid is printed in whole pesos
MAX_GROUP_LINES = 12  # lines of one fracción tried as groups (2^12 subsets)

CONFIDENCE = {
    "codigo_producto": 0.99,
    "printed_in_description": 0.97,
    "tariff_and_quantity": 0.95,
    "grouped_lines": 0.9,
    "quantity_and_value": 0.85,
    "quantity_description": 0.8,
    "description_similarity": 0.7,
    "line_order": 0.6,
}

# a part number printed on the partida after its label; it must hold a digit (words after the label are not one)
_PRINTED_LABEL = re.compile(
    r"(?:\bN\.\s?P\.?|\bNP\b\.?|\bN[UÚ]M(?:ERO)?\.?\s*(?:DE\s+)?PARTE|\bNO\.?\s*(?:DE\s+)?PARTE|\bP/N\b"
    r"|\bPART\s*(?:NO\.?|NUMBER|#)|\bC[OÓ]DIGO\s+(?:DE\s+)?PRODUCTO)\s*[:#.\-]?\s*"
    r"(?P<part>[A-Z0-9][A-Z0-9\-_/.]{1,40})",
    re.IGNORECASE,
)
# an invoice's line-number column read into the part-number cell: "3 MAT-003" on the third line
_LEADING_ORDINAL = re.compile(r"^(?P<n>\d{1,3})[.)]?\s+(?P<rest>\S.*)$")


class PartidaLike(Protocol):
    sequence: int
    tariff_code: str | None
    umc_quantity: Decimal | None
    description: str | None
    paid_price_mxn: Decimal | None
    printed_part_number: str | None


@dataclass(frozen=True)
class Line:
    """A counterpart line: an invoice line or a CFDI concepto linked to the pedimento."""

    part_number: str
    tariff_code: str | None
    quantity: Decimal | None
    description: str | None
    source: str  # "invoice_line:ID" | "cfdi_concepto:ID"
    amount: Decimal | None = None
    position: int | None = None  # 0-based place among its document's lines
    document: int | None = None
    lines_in_document: int | None = None


class Choice(NamedTuple):
    """A partida's part number and the evidence for it (what the link records)."""

    part_number: str
    rule: str
    key_kind: str
    key_value: str
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ambiguous:
    """Two or more part numbers the evidence cannot separate: a clerk decides."""

    rule: str
    candidates: tuple[tuple[str, str], ...]  # (part number, source)
    reason: str = "equally good candidates"

    def describe(self) -> str:
        shown = ", ".join(f"{part} ({source})" for part, source in self.candidates)
        return f"{self.reason} by {self.rule}: {shown}"


Outcome = Choice | Ambiguous | None


@dataclass
class _Step:
    """The candidates of one step, and how they are told apart."""

    rule: str
    key_kind: str
    key_value: str
    lines: list[Line]
    evidence: tuple[str, ...]
    tie_breaks: list[str] = field(default_factory=list)


# --- small readings ------------------------------------------------------------------------------------------


def norm_text(text: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^0-9A-Z ]", " ", (text or "").upper())).strip()


def similarity(a: str | None, b: str | None) -> float:
    return difflib.SequenceMatcher(None, norm_text(a), norm_text(b)).ratio()


def described(wanted: str | None, text: str | None) -> float:
    """How well ``text`` holds the description ``wanted``: the better of the two texts' similarity and the
    share of ``wanted``'s words found, in order, at the head of ``text``."""
    want, have = norm_text(wanted).split(), norm_text(text).split()
    if not want:
        return 0.0
    head = sum(1 for a, b in zip(want, have, strict=False) if a == b)
    return max(similarity(wanted, text), head / len(want))


def same_tariff(a: str | None, b: str | None) -> bool:
    """Fracciones agree on their 8 digits (a text layer may run the NICO on: ``7314420100``)."""
    x, y = re.sub(r"\D", "", a or ""), re.sub(r"\D", "", b or "")
    return len(x) >= 8 and len(y) >= 8 and x[:8] == y[:8]


def same_qty(a: Decimal | None, b: Decimal | None) -> bool:
    return a is not None and b is not None and Decimal(a) == Decimal(b)


def printed_in_text(text: str | None) -> str | None:
    """The part number a partida's description (or observation) prints after its label, if exactly one."""
    found = {m.group("part").rstrip(".-/").upper() for m in _PRINTED_LABEL.finditer(text or "")}
    found = {p for p in found if any(c.isdigit() for c in p)}
    return found.pop() if len(found) == 1 else None


def clean_part_number(part: str | None, position: int | None) -> tuple[str | None, bool]:
    """The line's part number without its line-number column: ``3 MAT-003`` read on the third line of an
    invoice is part ``MAT-003`` (the ordinal equals the line's place; anything else is left as read)."""
    if not part:
        return None, False
    text = part.strip()
    m = _LEADING_ORDINAL.match(text)
    if m and position is not None and int(m.group("n")) == position + 1 and " " not in m.group("rest").strip():
        return m.group("rest").strip(), True
    return text or None, False


# --- value agreement: the form's own arithmetic -------------------------------------------------------------


def _rate(paid: Decimal | None, amount: Decimal | None) -> Decimal | None:
    if paid is None or amount is None or Decimal(amount) <= 0 or Decimal(paid) <= 0:
        return None
    return Decimal(paid) / Decimal(amount)


def value_agrees(paid: Decimal | None, amount: Decimal | None, rate: Decimal | None) -> bool:
    """The partida's price paid (MXN, whole pesos) is the line's amount at ``rate``."""
    if rate is None or paid is None or amount is None:
        return False
    expected = Decimal(amount) * rate
    return abs(Decimal(paid) - expected) <= max(VALUE_TOLERANCE * Decimal(paid), PESO_ROUNDING)


def common_rate(pairs: Iterable[tuple[Decimal | None, Decimal | None]]) -> Decimal | None:
    """The exchange rate the pairs (price paid, invoice amount) agree on: every pair within tolerance of the
    median, and at least two of them (one pair proves nothing about the others)."""
    rates = sorted(r for r in (_rate(p, a) for p, a in pairs) if r is not None)
    if len(rates) < 2:
        return None
    median = rates[len(rates) // 2]
    if all(abs(r - median) <= VALUE_TOLERANCE * median for r in rates):
        return median
    return None


# --- one partida ---------------------------------------------------------------------------------------------


def _key(partida: PartidaLike) -> str:
    return f"{partida.tariff_code or '-'}/{partida.umc_quantity if partida.umc_quantity is not None else '-'}"


def _sources(lines: Sequence[Line]) -> str:
    return "+".join(x.source for x in lines)


def _parts(lines: Iterable[Line]) -> set[str]:
    return {x.part_number for x in lines}


def _decide(step: _Step, partida: PartidaLike, rate: Decimal | None, order_hint: Line | None) -> Outcome:
    """One part from the step's candidates, or the tie named; ties are split by value, description, order."""
    cands = step.lines
    if len(_parts(cands)) == 1:
        return _choice(step, partida, cands, step.rule, ())
    agreeing = [x for x in cands if value_agrees(partida.paid_price_mxn, x.amount, rate)]
    if agreeing and len(_parts(agreeing)) == 1:
        return _choice(
            step,
            partida,
            agreeing,
            f"{step.rule}_value" if step.rule != "tariff_and_quantity" else "tariff_quantity_value",
            ("value",),
        )
    scored = sorted(
        ((Decimal(str(described(partida.description, x.description))), x) for x in cands),
        key=lambda s: (-s[0], s[1].part_number),
    )
    best_score, best = scored[0]
    rival = max((s for s, x in scored if x.part_number != best.part_number), default=Decimal(0))
    if best_score - rival >= CLEARLY_BETTER and best_score >= Decimal("0.5"):
        rule = "tariff_quantity_description" if step.rule == "tariff_and_quantity" else f"{step.rule}_description"
        return _choice(step, partida, [best], rule, ("description",))
    if order_hint is not None and order_hint in cands:
        return _choice(step, partida, [order_hint], f"{step.rule}_order", ("line_order",), confidence_cut=0.1)
    return Ambiguous(step.rule, tuple(sorted((x.part_number, x.source) for x in cands)))


def _choice(
    step: _Step,
    partida: PartidaLike,
    lines: Sequence[Line],
    rule: str,
    extra: tuple[str, ...],
    confidence_cut: float = 0.0,
) -> Choice:
    base = CONFIDENCE.get(step.rule, 0.6)
    if extra:
        base -= 0.05  # a tie was split: a little less sure than an outright match
    return Choice(
        lines[0].part_number,
        rule,
        step.key_kind,
        f"{step.key_value} {_sources(lines)}",
        round(base - confidence_cut, 2),
        step.evidence + extra,
    )


def _groups(lines: list[Line], total: Decimal) -> list[tuple[Line, ...]]:
    """Every set of two or more lines whose quantities add up to ``total``."""
    usable = [x for x in lines if x.quantity is not None and Decimal(x.quantity) > 0][:MAX_GROUP_LINES]
    found: list[tuple[Line, ...]] = []
    for size in range(2, len(usable) + 1):
        for combo in itertools.combinations(usable, size):
            if sum((Decimal(x.quantity or 0) for x in combo), Decimal(0)) == Decimal(total):
                found.append(combo)
    return found


def decide_partida(
    partida: PartidaLike,
    lines: Sequence[Line],
    refused: set[str],
    printed: str | None = None,
    rate: Decimal | None = None,
    order_hint: Line | None = None,
) -> Outcome:
    """The partida's part number by the first step of evidence that decides (module docstring), or None."""
    if partida.printed_part_number and partida.printed_part_number not in refused:
        code = partida.printed_part_number
        return Choice(code, "codigo_producto", "codigo_producto", code, CONFIDENCE["codigo_producto"], ("printed",))
    if printed and printed not in refused:
        return Choice(printed, "codigo_producto", "codigo_producto", printed, 0.98, ("printed_on_another_reading",))
    in_text = printed_in_text(partida.description)
    if in_text and in_text not in refused:
        return Choice(
            in_text,
            "printed_in_description",
            "printed_in_description",
            in_text,
            CONFIDENCE["printed_in_description"],
            ("printed",),
        )
    pool = [x for x in lines if x.part_number and x.part_number not in refused]
    tariffed = [x for x in pool if same_tariff(x.tariff_code, partida.tariff_code)]
    untariffed = [x for x in pool if not x.tariff_code]
    key = _key(partida)
    exact = [x for x in tariffed if same_qty(x.quantity, partida.umc_quantity)]
    if exact:
        step = _Step("tariff_and_quantity", "tariff_quantity", key, exact, ("tariff", "quantity"))
        return _decide(step, partida, rate, order_hint)
    if partida.umc_quantity is not None and len(tariffed) > 1:
        groups = _groups(tariffed, Decimal(partida.umc_quantity))
        if groups:
            return _decide_group(partida, groups, key)
    same = [x for x in untariffed if same_qty(x.quantity, partida.umc_quantity)]
    valued = [x for x in same if value_agrees(partida.paid_price_mxn, x.amount, rate)]
    if valued:
        step = _Step("quantity_and_value", "quantity_value", key, valued, ("quantity", "value"))
        return _decide(step, partida, rate, order_hint)
    held = [x for x in same if described(partida.description, x.description) >= SIMILAR_ENOUGH]
    if held:
        step = _Step("quantity_description", "quantity_description", key, held, ("quantity", "description"))
        return _decide(step, partida, rate, order_hint)
    close = [x for x in tariffed if similarity(x.description, partida.description) >= SIMILAR_ENOUGH]
    if close:
        best = max(similarity(x.description, partida.description) for x in close)
        top = [x for x in close if similarity(x.description, partida.description) >= best - float(CLEARLY_BETTER)]
        step = _Step("description_similarity", "description", key, top, ("tariff", "description"))
        return _decide(step, partida, rate, order_hint)
    return None


def _decide_group(partida: PartidaLike, groups: list[tuple[Line, ...]], key: str) -> Outcome:
    """A partida that groups invoice lines takes their part when every grouping that adds up is of one part."""
    parts = {frozenset(_parts(g)) for g in groups}
    if len(parts) == 1 and len(next(iter(parts))) == 1:
        lines = list(groups[0])
        step = _Step("grouped_lines", "tariff_quantity_sum", key, lines, ("tariff", "quantity_sum"))
        return _choice(step, partida, lines, "grouped_lines", ())
    candidates = tuple(sorted({(x.part_number, x.source) for g in groups for x in g}))
    if len(parts) == 1:
        return Ambiguous("grouped_lines", candidates, "one partida groups lines of several part numbers")
    return Ambiguous("grouped_lines", candidates)


# --- a whole pedimento ---------------------------------------------------------------------------------------


def _strong_pairs(partidas: Sequence[PartidaLike], lines: Sequence[Line]) -> list[tuple[PartidaLike, Line]]:
    """Pairs that fracción and quantity tie one to one (no other line or partida shares them)."""
    pairs = []
    for p in partidas:
        hits = [x for x in lines if same_tariff(x.tariff_code, p.tariff_code) and same_qty(x.quantity, p.umc_quantity)]
        if len(hits) != 1:
            continue
        twins = [
            q
            for q in partidas
            if same_tariff(q.tariff_code, p.tariff_code) and same_qty(q.umc_quantity, p.umc_quantity)
        ]
        if len(twins) == 1:
            pairs.append((p, hits[0]))
    return pairs


def _order(partidas: Sequence[PartidaLike], lines: Sequence[Line], decided: dict[int, Outcome]) -> dict[int, Line]:
    """Partida sequence → the line at its position, when the order of lines is confirmed: one document whose
    line count is the partida count, and every partida decided by a line found it at its own position."""
    docs = {x.document for x in lines}
    if len(docs) != 1 or None in docs:
        return {}
    counts = {x.lines_in_document for x in lines}
    if counts != {len(partidas)}:
        return {}
    ordered = sorted(partidas, key=lambda p: p.sequence)
    at = {x.position: x for x in lines if x.position is not None}
    confirmed = 0
    for index, p in enumerate(ordered):
        outcome = decided.get(p.sequence)
        if isinstance(outcome, Choice) and outcome.rule not in ("codigo_producto", "printed_in_description"):
            line = at.get(index)
            if line is None or line.part_number != outcome.part_number:
                return {}
            confirmed += 1
    if not confirmed:
        return {}
    return {p.sequence: at[i] for i, p in enumerate(ordered) if i in at}


def _contradicts(partida: PartidaLike, line: Line) -> bool:
    if line.tariff_code and partida.tariff_code and not same_tariff(line.tariff_code, partida.tariff_code):
        return True
    return (
        line.quantity is not None
        and partida.umc_quantity is not None
        and not same_qty(line.quantity, partida.umc_quantity)
    )


def match_partidas(
    partidas: Sequence[PartidaLike],
    lines: Sequence[Line],
    refused: dict[int, set[str]] | None = None,
    printed: dict[int, str] | None = None,
) -> dict[int, Outcome]:
    """Partida sequence → its part number's choice, the tie that keeps it waiting, or None (nothing fits)."""
    refused = refused or {}
    printed = printed or {}
    rate = common_rate((p.paid_price_mxn, x.amount) for p, x in _strong_pairs(partidas, lines))
    decided: dict[int, Outcome] = {
        p.sequence: decide_partida(p, lines, refused.get(p.sequence, set()), printed.get(p.sequence), rate)
        for p in partidas
    }
    order = _order(partidas, lines, decided)
    if not order:
        return decided
    for p in partidas:
        outcome = decided[p.sequence]
        hint = order.get(p.sequence)
        if hint is None or hint.part_number in refused.get(p.sequence, set()):
            continue
        if isinstance(outcome, Ambiguous):
            decided[p.sequence] = decide_partida(
                p, lines, refused.get(p.sequence, set()), printed.get(p.sequence), rate, hint
            )
        elif outcome is None and not _contradicts(p, hint):
            decided[p.sequence] = Choice(
                hint.part_number,
                "line_order",
                "line_order",
                f"{_key(p)} {hint.source}",
                CONFIDENCE["line_order"],
                ("line_order",),
            )
    return decided


# --- a document and a pedimento: do their lines agree? -------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """How a counterpart document's lines agree with a pedimento's partidas."""

    lines_read: int  # lines with a quantity
    lines_agreeing: int  # of those, found on a partida (fracción and quantity, or in a group adding up)
    tariff_agreeing: int  # of the agreeing, with the fracción read on both sides
    partidas: int

    @property
    def complete(self) -> bool:
        return self.lines_read > 0 and self.lines_agreeing == self.lines_read

    def score(self) -> tuple[int, int]:
        return self.lines_agreeing, self.tariff_agreeing


def agreement(partidas: Sequence[PartidaLike], lines: Sequence[Line]) -> Agreement:
    """Every line with a quantity is looked for on the partidas: a partida of its quantity whose fracción does
    not contradict it, or a group of lines of one fracción adding up to a partida's quantity."""
    read = [x for x in lines if x.quantity is not None]
    agreeing = tariffs = 0
    grouped: set[str] = set()
    for p in partidas:
        if p.umc_quantity is None or not p.tariff_code:
            continue
        same = [x for x in read if same_tariff(x.tariff_code, p.tariff_code)]
        if len(same) > 1 and not any(same_qty(x.quantity, p.umc_quantity) for x in same):
            for group in _groups(same, Decimal(p.umc_quantity))[:1]:
                grouped |= {x.source for x in group}
    for x in read:
        fits = [
            p
            for p in partidas
            if same_qty(x.quantity, p.umc_quantity)
            and not (x.tariff_code and p.tariff_code and not same_tariff(x.tariff_code, p.tariff_code))
        ]
        if fits or x.source in grouped:
            agreeing += 1
            if x.tariff_code and (x.source in grouped or any(same_tariff(x.tariff_code, p.tariff_code) for p in fits)):
                tariffs += 1
    return Agreement(len(read), agreeing, tariffs, len(partidas))
