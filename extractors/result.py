"""Builders for the `immex.extraction/v1` result and its validation against the shipped JSON Schema.

A family extractor fills a `ResultBuilder` (fields, lines, references, warnings); the pipeline wraps it in the
envelope (`schema`, `source`, `doc_type`, ...) and validates the whole object before anyone sees it.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jsonschema

SCHEMA_ID = "immex.extraction/v1"
REFERENCE_KINDS = frozenset({"pedimento", "invoice", "cove", "cfdi_uuid", "bl", "awb", "container", "seal", "po"})


class ExtractionSchemaError(ValueError):
    """An extraction result breaks the contract (a bug in an extractor, never the document's fault)."""


def make_field(
    value: Any,
    confidence: float,
    *,
    page: int | None = None,
    bbox: tuple[float, float, float, float] | list[float] | None = None,
    raw: str | None = None,
) -> dict[str, Any]:
    """One `Field`: the value with its confidence (clamped to 0..1), page, box in PDF points and raw text."""
    return {
        "value": value,
        "confidence": round(min(1.0, max(0.0, float(confidence))), 4),
        "page": page,
        "bbox": [round(float(x), 2) for x in bbox] if bbox is not None else None,
        "raw": raw,
    }


@dataclass
class ResultBuilder:
    """What a family extractor found; `doc_type` and its confidence are the family's own opinion."""

    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: list[dict[str, dict[str, Any]]] = field(default_factory=list)
    references: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # figures the reader understood inside the goods table without making lines or fields of them (the parts a
    # line is broken down into: a container's purchase orders): rows holding them are no rows left unread
    parts_read: set[float] = field(default_factory=set)
    # the cells every line must have, where the reader knows them better than the family's rule (an ocean bill
    # of cargo shipped loose lists no containers); None keeps the rule
    line_cells: tuple[str, ...] | None = None

    def set(
        self,
        name: str,
        value: Any,
        confidence: float,
        *,
        page: int | None = None,
        bbox: tuple[float, float, float, float] | list[float] | None = None,
        raw: str | None = None,
        replace: bool = True,
    ) -> None:
        """Set a header field; a None or empty value leaves the field absent (the contract's rule)."""
        if value is None or value == "":
            return
        if not replace and name in self.fields:
            return
        self.fields[name] = make_field(value, confidence, page=page, bbox=bbox, raw=raw)

    def add_line(self, line: dict[str, dict[str, Any]]) -> None:
        if line:
            self.lines.append(line)

    def add_reference(self, kind: str, value: str | None) -> None:
        """Add a `{kind, value}` reference once."""
        if not value:
            return
        if kind not in REFERENCE_KINDS:
            raise ValueError(f"unknown reference kind {kind!r}")
        reference = {"kind": kind, "value": str(value)}
        if reference not in self.references:
            self.references.append(reference)

    def warn(self, code: str, message: str, field_name: str | None = None) -> None:
        """Add a warning for a reviewer (once per code, message and field)."""
        warning = {"code": code, "message": message}
        if field_name:
            warning["field"] = field_name
        if warning not in self.warnings:
            self.warnings.append(warning)


def line_field(value: Any, confidence: float, **where: Any) -> dict[str, Any] | None:
    """A line-item Field, or None for an absent value (so `{k: v for ... if v}` drops it)."""
    if value is None or value == "":
        return None
    return make_field(value, confidence, **where)


def compact_line(line: dict[str, dict[str, Any] | None]) -> dict[str, dict[str, Any]]:
    """Drop the absent cells of a line."""
    return {name: cell for name, cell in line.items() if cell is not None}


@functools.lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON Schema shipped in `extractors/schema/` (a copy of the shared contract)."""
    text = resources.files("extractors").joinpath("schema/extraction-v1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = load_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator: jsonschema.protocols.Validator = validator_class(schema)
    return validator


@functools.lru_cache(maxsize=1)
def _envelope_validator() -> jsonschema.protocols.Validator:
    """The shipped schema with the Field definition taken out (checked by `_field_errors`, much faster)."""
    schema = copy.deepcopy(load_schema())
    schema["properties"]["fields"]["additionalProperties"] = {"type": "object"}
    schema["properties"]["lines"]["items"] = {"type": "object", "additionalProperties": {"type": "object"}}
    validator_class = jsonschema.validators.validator_for(schema)
    validator: jsonschema.protocols.Validator = validator_class(schema)
    return validator


def _field_errors(path: str, cell: dict[str, Any]) -> list[str]:
    """The schema's `$defs/field`, checked by hand: value, confidence 0..1, page ≥ 1, bbox of 4 numbers, raw."""
    errors = []
    if "value" not in cell or "confidence" not in cell:
        errors.append(f"{path}: a Field needs 'value' and 'confidence'")
    value = cell.get("value")
    if value is not None and not isinstance(value, str | int | float | bool):
        errors.append(f"{path}/value: {type(value).__name__} is not a string, number, boolean or null")
    confidence = cell.get("confidence")
    if not isinstance(confidence, int | float) or isinstance(confidence, bool) or not 0 <= confidence <= 1:
        errors.append(f"{path}/confidence: {confidence!r} is not a number from 0 to 1")
    page = cell.get("page")
    if page is not None and (not isinstance(page, int) or isinstance(page, bool) or page < 1):
        errors.append(f"{path}/page: {page!r} is not a page number")
    bbox = cell.get("bbox")
    if bbox is not None and (
        not isinstance(bbox, list)
        or len(bbox) != 4
        or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in bbox)
    ):
        errors.append(f"{path}/bbox: {bbox!r} is not four numbers")
    raw = cell.get("raw")
    if raw is not None and not isinstance(raw, str):
        errors.append(f"{path}/raw: {raw!r} is not a string")
    return errors


def schema_errors(result: dict[str, Any]) -> list[str]:
    """Every way `result` breaks the contract, as `path: message` strings (empty when it is valid).

    This is the full JSON Schema check (jsonschema); `validate()` uses the faster equivalent.
    """
    errors = sorted(_validator().iter_errors(result), key=lambda error: list(error.absolute_path))
    return ["/".join(str(part) for part in error.absolute_path) + ": " + error.message for error in errors]


def quick_schema_errors(result: dict[str, Any]) -> list[str]:
    """The same verdict as `schema_errors` in a fraction of the time: jsonschema for the envelope, a direct
    check for each Field (the tests hold the two to the same answers)."""
    errors = [
        "/".join(str(part) for part in error.absolute_path) + ": " + error.message
        for error in _envelope_validator().iter_errors(result)
    ]
    fields = result.get("fields")
    if isinstance(fields, dict):
        for name, cell in fields.items():
            if isinstance(cell, dict):
                errors.extend(_field_errors(f"fields/{name}", cell))
    lines = result.get("lines")
    if isinstance(lines, list):
        for index, line in enumerate(lines):
            if isinstance(line, dict):
                for name, cell in line.items():
                    if isinstance(cell, dict):
                        errors.extend(_field_errors(f"lines/{index}/{name}", cell))
    return errors


def validate(result: dict[str, Any]) -> None:
    """Raise `ExtractionSchemaError` when `result` does not match the `immex.extraction/v1` schema."""
    errors = quick_schema_errors(result)
    if errors:
        raise ExtractionSchemaError("extraction result breaks the v1 contract: " + "; ".join(errors[:5]))


def lowest_confidences(result: dict[str, Any], count: int = 3) -> list[tuple[str, float]]:
    """The `count` lowest field confidences (header fields and line cells), lowest first."""
    found: list[tuple[str, float]] = [
        (name, float(cell["confidence"])) for name, cell in result.get("fields", {}).items()
    ]
    for index, line in enumerate(result.get("lines", [])):
        found.extend((f"lines[{index}].{name}", float(cell["confidence"])) for name, cell in line.items())
    return sorted(found, key=lambda item: item[1])[:count]


# Warning codes that send a document to review. Checks add theirs with `register_review_codes` (the generic
# ones in `extractors.review`, families' own such as a pedimento's partida count); any warning with one of
# these codes makes `needs_review` true.
REVIEW_CODES: set[str] = {
    "page_unreadable",
    "check_digit",
    "totals_mismatch",
    "line_mismatch",
    "xml_refused",
    "not_cfdi",
    "cfdi_invalid",
    "extractor_failed",
    "check_failed",
    "no_extractor",
    # a pedimento's own figures disagree with what was read (extractors/pedimento/review.py)
    "partida_count",
    "missing_field",
    "partida_values",
    "value_mismatch",
}


def register_review_codes(*codes: str) -> None:
    """Make warnings with these codes send a document to review."""
    REVIEW_CODES.update(codes)


def review_reasons(result: dict[str, Any]) -> list[dict[str, str]]:
    """The warnings of a result that send it to review."""
    return [warning for warning in result.get("warnings", []) if warning.get("code") in REVIEW_CODES]


def needs_review(result: dict[str, Any], threshold: float = 0.7) -> bool:
    """Whether a person should look at this result before it is trusted.

    True when any field (header or line) is below `threshold`, when the type itself is uncertain, when the
    document yielded no fields at all, or when a warning's code is one of `REVIEW_CODES` (a check failed, key
    fields or lines are missing, a page could not be read).
    """
    if result.get("doc_type_confidence", 0.0) < threshold:
        return True
    if not result.get("fields"):
        return True
    lowest = lowest_confidences(result, 1)
    if lowest and lowest[0][1] < threshold:
        return True
    return bool(review_reasons(result))


# The family extractors in `layout.py`, `pedimento.py` and `bill_of_lading.py` name the builder this way.
FamilyResult = ResultBuilder


@dataclass
class ExtractionContext:
    """What the pipeline hands a family extractor besides the `DocumentText`.

    `entities` holds the entity layer's findings per page number (`extractors.entities.Entity`), so a family
    need not run the pipeline again; `path` is the original file (e.g. for `layout.vertical_rules`).
    """

    path: Any = None
    filename: str = ""
    media_type: str = ""
    doc_type: str = ""
    entities: dict[int, list[Any]] = field(default_factory=dict)
    options: Any = None
