"""A clerk who knows the truth: the corrections that make one extraction result right, and nothing more.

``type_correction`` says whether the document type is wrong; ``value_corrections`` lists, for the (re-)read
result, every header field and line cell whose value is wrong or missing (the truth's value), every field the
reader invented (``None``), the lines it missed (a ``line_index`` past the last) and the lines it invented
(``line_removed``). Each item is the JSON body of ``POST /api/v1/documents/<id>/corrections``.
"""

from __future__ import annotations

from typing import Any

from tests.synth.score import CONTRACT_FIELDS, CONTRACT_LINE_FIELDS, same, values


def type_correction(truth: dict[str, Any], result: dict[str, Any]) -> dict[str, Any] | None:
    if result.get("doc_type") == truth["doc_type"]:
        return None
    return {"field": "doc_type", "value": truth["doc_type"], "reason": "wrong document type"}


def _differences(want: dict[str, Any], got: dict[str, Any], names: set[str]) -> list[tuple[str, Any]]:
    out = []
    for name in sorted(names):
        t, g = want.get(name), got.get(name)
        if t is None and g is None:
            continue
        if t is not None and g is not None and same(t, g):
            continue
        out.append((name, t))
    return out


def value_corrections(truth: dict[str, Any], result: dict[str, Any]) -> list[dict[str, Any]]:
    doc_type = truth["doc_type"]
    got = values(result.get("fields") or {})
    names = set(truth["fields"]) | (set(got) & CONTRACT_FIELDS.get(doc_type, set()))
    bodies: list[dict[str, Any]] = [{"field": n, "value": v} for n, v in _differences(truth["fields"], got, names)]
    got_lines = [values(line) for line in result.get("lines") or []]
    line_names = CONTRACT_LINE_FIELDS.get(doc_type, set())
    for index, want in enumerate(truth["lines"]):
        have = got_lines[index] if index < len(got_lines) else {}
        cells = set(want) | (set(have) & line_names)
        bodies += [{"field": n, "line_index": index, "value": v} for n, v in _differences(want, have, cells)]
    for index in range(len(truth["lines"]), len(got_lines)):
        bodies.append({"field": "line_removed", "line_index": index, "value": True})
    return bodies
