"""Where a known value is printed on a page: every run of words indexed once by what it reads as (text,
number under either decimal mark, date under each field order, digits, country), so that finding each of a
document's values is a lookup rather than a scan."""

from __future__ import annotations

import re
from typing import Any

from extractors.learned.geometry import Line, Run, has_digit, is_gap, phrase_at, runs
from extractors.learned.values import ORDERS, describe, folded, parse, parse_date, parse_number

NUMERIC = re.compile(r"[-(]?(?:[$€£¥]|[A-Z]{3})?\s?[\d\s.,'\u00a0]+\)?\s?(?:[$€£¥]|[A-Z]{3})?-?")
# A value glued to its label in one word: "Inv#:A-1001", "RFC:ABC010101AB1".
GLUED = re.compile(r"^(.*?[:#])([^:#]+)$")


def _cents(value: float) -> int:
    return round(value * 100)


class RunIndex:
    """The runs of a document's words by what they read as."""

    def __init__(self, lines: dict[int, list[Line]]) -> None:
        self.lines = lines
        self.by_text: dict[str, list[Run]] = {}
        self.by_number: dict[int, list[Run]] = {}
        self.by_date: dict[str, list[Run]] = {}
        self.by_digits: dict[str, list[Run]] = {}
        self.by_country: dict[str, list[Run]] = {}
        self.glued: dict[str, list[tuple[Run, str]]] = {}
        for run in runs(lines):
            text = run.text
            self.by_text.setdefault(folded(text), []).append(run)
            short = len(run.words) <= 4
            if short and has_digit(text):
                if NUMERIC.fullmatch(text):
                    for mark in (".", ","):
                        number = parse_number(text, mark)
                        if number is not None:
                            self.by_number.setdefault(_cents(number), []).append(run)
                for order in ORDERS:
                    day = parse_date(text, order)
                    if day:
                        self.by_date.setdefault(day, []).append(run)
                if not re.search(r"[^\d\s.\-]", text):
                    self.by_digits.setdefault(re.sub(r"\D", "", text), []).append(run)
            if short and len(text) > 1 and self._whole_phrase(run):
                country = parse(text, {"kind": "country"})
                if country:
                    self.by_country.setdefault(country, []).append(run)
            if len(run.words) == 1:
                glued = GLUED.match(text)
                if glued and glued.group(2).strip():
                    self.glued.setdefault(folded(glued.group(2)), []).append((run, glued.group(1)))

    def _whole_phrase(self, run: Run) -> bool:
        """Whether a run stands alone (column gaps or the line's ends around it): a country is a cell of its
        own, never the ``DE`` inside ``SA DE CV``."""
        line = self.lines[run.page][run.line]
        end = run.start + len(run.words)
        before = run.start == 0 or is_gap(line, line.words[run.start - 1], line.words[run.start])
        after = end == len(line.words) or is_gap(line, line.words[end - 1], line.words[end])
        return before and after

    def _pool(self, value: Any, kind: str) -> list[Run]:
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return []
            return self.by_number.get(_cents(float(value)), [])
        if kind == "date":
            return self.by_date.get(str(value), [])
        if kind == "digits":
            return self.by_digits.get(re.sub(r"\D", "", str(value)), [])
        if kind == "country":
            return self.by_country.get(str(value).upper(), [])
        return self.by_text.get(folded(str(value)), [])

    def candidates(self, value: Any, kind: str) -> list[tuple[Run, dict[str, Any]]]:
        """Every place ``value`` is printed, with the shape that reads it there (shortest run per start)."""
        if kind == "number" and isinstance(value, str):  # a number a person typed as text in a form
            number = parse_number(value, ".")
            value = number if number is not None else value
        found = [(run, shape) for run in self._pool(value, kind) if (shape := describe(run.text, value, kind))]
        if not found and kind in ("text", "digits"):
            for run, prefix in self.glued.get(folded(str(value)), []):
                found.append((run, {"kind": kind, "strip": prefix}))
        if not found and kind == "text":
            found = self._wrapped(str(value))
        shortest: dict[tuple[int, int, int], tuple[Run, dict[str, Any]]] = {}
        for run, shape in found:
            key = (run.page, run.line, run.start)
            if key not in shortest or len(run.words) < len(shortest[key][0].words):
                shortest[key] = (run, shape)
        return sorted(shortest.values(), key=lambda item: (item[0].page, item[0].box[1], item[0].box[0]))

    def _wrapped(self, value: str) -> list[tuple[Run, dict[str, Any]]]:
        """A text value wrapped over two lines of a cell: its start ends one line, its rest starts the next."""
        want = folded(value)
        found = []
        for page, page_lines in self.lines.items():
            for index, line in enumerate(page_lines[:-1]):
                for start in range(len(line.words)):
                    head = phrase_at(line, start, page, index, backwards=False).words
                    head_text = folded(" ".join(w.text for w in head))
                    if not want.startswith(head_text + " "):
                        continue
                    below = page_lines[index + 1]
                    x0 = head[0].x0
                    firsts = [i for i, w in enumerate(below.words) if abs(w.x0 - x0) <= 15]
                    if not firsts:
                        continue
                    rest = phrase_at(below, firsts[0], page, index + 1, backwards=False).words
                    for end in range(len(rest), 0, -1):
                        if folded(" ".join(w.text for w in [*head, *rest[:end]])) == want:
                            found.append((Run(page, index, start, [*head, *rest[:end]]), {"kind": "text"}))
                            break
        return found
