"""Hand-written readings for the review checks' unit tests: fields at review-passing confidence, lines, and
whether the whole reading would go to review."""

from __future__ import annotations

from typing import Any

from extractors.result import ResultBuilder, make_field, needs_review


def reading(fields: dict[str, Any], lines: tuple[dict[str, Any], ...] = ()) -> ResultBuilder:
    out = ResultBuilder()
    for name, value in fields.items():
        out.set(name, value, 0.95)
    for line in lines:
        out.add_line({key: make_field(value, 0.9) for key, value in line.items()})
    return out


def flagged(builder: ResultBuilder) -> bool:
    return needs_review(
        {"doc_type_confidence": 0.95, "fields": builder.fields, "lines": builder.lines, "warnings": builder.warnings}
    )
