"""The entity layer: domain identifiers, dates and amounts found in free text, normalised per the contract.

`find_entities(text)` runs a spaCy pipeline (blank Spanish + EntityRuler + the identifier component in
`pipeline.py`) and returns plain `Entity` records. Labels:

| label | value |
|---|---|
| PEDIMENTO | 15 digits |
| RFC, CURP | upper case, no separators (`valid` = check digit) |
| FRACCION | 8 digits; `details["nico"]` holds the NICO when printed |
| COVE | the COVE e-document number |
| CFDI_UUID | upper case, 36 characters |
| CONTAINER | ISO 6346, 11 characters (`valid` = check digit) |
| BL | bill of lading number, no dashes |
| INCOTERM | the three-letter code |
| CURRENCY | ISO 4217 |
| DATE | `YYYY-MM-DD` (`details["ambiguous"]` when day and month could be swapped) |
| AMOUNT | a float, from either decimal convention |

A failed check digit never drops an entity: `valid` is False and the caller turns it into a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractors.entities.pipeline import HITS_KEY, get_nlp

LABELS = (
    "PEDIMENTO",
    "RFC",
    "CURP",
    "FRACCION",
    "COVE",
    "CFDI_UUID",
    "CONTAINER",
    "BL",
    "INCOTERM",
    "CURRENCY",
    "DATE",
    "AMOUNT",
)


@dataclass
class Entity:
    label: str
    text: str  # as it stood in the text
    value: Any  # normalised per the extraction contract
    start: int  # character offsets into the text given to find_entities
    end: int
    valid: bool = True
    details: dict[str, Any] = field(default_factory=dict)


def find_entities(text: str, labels: set[str] | None = None) -> list[Entity]:
    """All entities in `text`, in reading order; `labels` keeps only those kinds."""
    if not text:
        return []
    doc = get_nlp()(text)
    found: list[Entity] = []
    for hit in doc.user_data.get(HITS_KEY, []):
        if labels is not None and hit.label not in labels:
            continue
        found.append(
            Entity(
                label=hit.label,
                text=text[hit.start : hit.end],
                value=hit.value,
                start=hit.start,
                end=hit.end,
                valid=bool(hit.valid),
                details=dict(hit.details),
            )
        )
    return found


__all__ = ["LABELS", "Entity", "find_entities", "get_nlp"]
