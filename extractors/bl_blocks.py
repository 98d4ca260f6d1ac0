"""B/L cargo printed as one block of lines per container instead of a table."""

from __future__ import annotations

import re
from typing import Any

from extractors.entities import recognisers
from extractors.layout import PageLayout, norm, ocr_digits, parse_number, parse_regex
from extractors.result import make_field

_SEAL = parse_regex(
    r"(?:\bSEALS?\b|\bSELLOS?\b|\bNO\b|[:#.\s/])*([A-Z0-9][A-Z0-9\-]{0,20}\d[A-Z0-9\-]{0,20})",
    group=1,
    compact=False,
)


def _container_text(text: str) -> bool:
    return bool(recognisers.CONTAINER_RE.search(ocr_digits(text).upper().replace(" ", "")))


_PACKAGES_RE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})*|\d+)\s*(?:PALLETS?|PLTS?|CTNS?|CARTONS?|PKGS?|PACKAGES?|CASES?|BULTOS|BOXES|"
    r"ROLLS|DRUMS|SKIDS|CRATES|BAGS)\b",
    re.IGNORECASE,
)
_WEIGHT_RE = re.compile(r"(\d[\d,.]*)\s*(?:KGS?|KILOS?|KILOGRAMS?)\b", re.IGNORECASE)
_BLOCK_END = ("TOTAL", "FREIGHT", "SHIPPER'S LOAD", "GOODS DESCRIPTION", "DESCRIPTION OF GOODS:")


def container_blocks(pages: list[PageLayout]) -> list[dict[str, dict]]:
    """Cargo printed as one block of lines per container instead of a table: the line with the container (and
    its seal after a SEAL label), then its packages (``14 PALLETS``), weight (``1,234.5 KGS``) and description,
    up to the next container or the totals."""
    lines: list[dict[str, dict]] = []
    current: dict[str, dict] | None = None
    for lay in pages:
        for row in lay.lines:
            text = row.text
            upper = text.upper()
            container = next((w for w in row.words if _container_text(w.text)), None)
            if container is not None:
                value = re.sub(r"[\s\-]", "", container.text.upper())
                current = {"container_number": make_field(value, 0.85, page=lay.number, raw=container.text)}
                lines.append(current)
                after = upper.split(container.text.upper(), 1)[-1]
                packages = _PACKAGES_RE.search(after)
                weight = _WEIGHT_RE.search(after)
                if re.search(r"\bSEALS?\b|\bSELLOS?\b", after):
                    cut = min([m.start() for m in (packages, weight) if m] or [len(after)])
                    seal = _SEAL(after[:cut])
                    if seal is not None:
                        current["seal_number"] = make_field(seal[0], 0.85, page=lay.number, raw=after.strip())
                _block_figures(current, packages, weight, lay.number)
                continue
            if current is None:
                continue
            if any(norm(text).startswith(norm(stop)) for stop in _BLOCK_END):
                current = None
                continue
            packages = _PACKAGES_RE.search(text)
            weight = _WEIGHT_RE.search(text)
            _block_figures(current, packages, weight, lay.number)
            if not packages and not weight and re.search(r"[A-Za-z]{3}", text) and "description" not in current:
                current["description"] = make_field(text.strip(), 0.8, page=lay.number, raw=text)
    return lines


def _block_figures(current: dict[str, dict], packages: Any, weight: Any, page: int) -> None:
    """The packages and weight a container block's line states."""
    if packages and "package_count" not in current:
        count = int(packages.group(1).replace(",", ""))
        current["package_count"] = make_field(count, 0.85, page=page, raw=packages.group(0))
    if weight and "gross_weight_kg" not in current:
        parsed = parse_number(weight.group(1))
        if parsed is not None:
            current["gross_weight_kg"] = make_field(parsed[0], 0.85, page=page, raw=weight.group(0))
