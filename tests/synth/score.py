"""Field-level scoring of extraction results against ground truth (precision, recall, F1).

A field counts once per header field and once per cell of every line. A value is right when it equals the
truth (numbers within half a cent, text compared case-insensitively with spaces squashed); a wrong value is
both a false positive and a false negative. Lines are aligned in order. In ``partial`` mode (ground truth that
lists only some fields, as the corpus files' does) only the fields the truth names are scored.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# The contract's fields per document type (extraction-v1.md): what a full ground truth is scored on.
CONTRACT_FIELDS = {
    "pedimento": {
        "pedimento_number",
        "operation_type",
        "clave",
        "regimen",
        "customs_office",
        "patente",
        "exchange_rate",
        "gross_weight_kg",
        "usd_value",
        "customs_value_mxn",
        "commercial_value_mxn",
        "importer_exporter_rfc",
        "importer_exporter_name",
        "entry_date",
        "payment_date",
        "presentation_date",
        "immex_program",
        "partida_count",
    },
    "commercial_invoice": {
        "invoice_number",
        "invoice_date",
        "seller_name",
        "seller_tax_id",
        "buyer_name",
        "buyer_tax_id",
        "currency",
        "incoterm",
        "subtotal_amount",
        "total_amount",
        "origin_country",
    },
    "bill_of_lading": {
        "bl_number",
        "bl_kind",
        "carrier_name",
        "carrier_scac",
        "shipper_name",
        "consignee_name",
        "notify_party_name",
        "vessel",
        "voyage",
        "port_of_loading",
        "port_of_discharge",
        "place_of_delivery",
        "issue_date",
        "shipped_on_board_date",
        "package_count",
        "gross_weight_kg",
        "goods_description",
        "freight_terms",
    },
    # a CFDI printout: what the generated printouts state (the XML's other attributes are not on the paper)
    "cfdi": {
        "uuid",
        "cfdi_version",
        "cfdi_type",
        "series",
        "folio",
        "issue_date",
        "issuer_rfc",
        "issuer_name",
        "receiver_rfc",
        "receiver_name",
        "currency",
        "exchange_rate",
        "subtotal",
        "total",
    },
}
CONTRACT_LINE_FIELDS = {
    "pedimento": {
        "sequence",
        "tariff_code",
        "nico",
        "description",
        "umc",
        "umc_quantity",
        "umt",
        "umt_quantity",
        "seller_buyer_country",
        "origin_destination_country",
        "customs_value_mxn",
        "paid_price_mxn",
        "unit_price",
        "value_added",
        "part_number",
    },
    "commercial_invoice": {
        "part_number",
        "description",
        "quantity",
        "unit",
        "unit_price",
        "amount",
        "tariff_code",
        "origin_country",
    },
    "bill_of_lading": {"container_number", "seal_number", "package_count", "description", "gross_weight_kg"},
    "cfdi": {
        "product_key",
        "part_number",
        "description",
        "quantity",
        "unit",
        "unit_price",
        "amount",
        "tariff_code",
        "customs_quantity",
        "customs_unit",
        "usd_value",
    },
}


@dataclass
class Score:
    """Counts of right, wrong-or-extra, and missed field values, with the misses kept for reading."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.errors.extend(other.errors)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def same(truth: Any, got: Any) -> bool:
    """Whether an extracted value equals the truth."""
    if isinstance(truth, bool) or isinstance(got, bool):
        return truth == got
    if isinstance(truth, int | float) and isinstance(got, int | float):
        return math.isclose(float(truth), float(got), rel_tol=1e-9, abs_tol=0.005)
    if isinstance(truth, int | float) or isinstance(got, int | float):
        try:
            return math.isclose(float(truth), float(got), rel_tol=1e-9, abs_tol=0.005)
        except (TypeError, ValueError):
            return False
    return " ".join(str(truth).split()).casefold() == " ".join(str(got).split()).casefold()


def _compare(truth: dict[str, Any], got: dict[str, Any], names: Iterable[str], where: str, partial: bool) -> Score:
    score = Score()
    for name in sorted(set(names)):
        t = truth.get(name)
        g = got.get(name)
        if t is None and (partial or g is None):
            continue
        if t is not None and g is not None and same(t, g):
            score.tp += 1
            continue
        if g is not None:
            score.fp += 1
        if t is not None:
            score.fn += 1
        score.errors.append(f"{where}{name}: expected {t!r}, got {g!r}")
    return score


def values(fields: dict[str, dict]) -> dict[str, Any]:
    """Field name → value of a contract ``fields`` object (or of one line)."""
    return {name: cell.get("value") for name, cell in fields.items()}


def score_result(truth: dict[str, Any], result: dict[str, Any], *, partial: bool = False) -> Score:
    """Score one extraction result (the contract dict) against one ground truth."""
    doc_type = truth["doc_type"]
    got_fields = values(result.get("fields", {}))
    header_names = set(truth["fields"]) if partial else CONTRACT_FIELDS.get(doc_type, set(truth["fields"]))
    score = _compare(truth["fields"], got_fields, header_names, "", partial)
    if not partial:
        # fields the extractor produced that the contract lists but the truth does not hold
        extra = (set(got_fields) & CONTRACT_FIELDS.get(doc_type, set())) - set(truth["fields"])
        score.add(_compare(truth["fields"], got_fields, extra, "", False))
    line_names = CONTRACT_LINE_FIELDS.get(doc_type)
    got_lines = [values(line) for line in result.get("lines", [])]
    for index in range(max(len(truth["lines"]), len(got_lines))):
        t_line = truth["lines"][index] if index < len(truth["lines"]) else {}
        g_line = got_lines[index] if index < len(got_lines) else {}
        names = set(t_line) if partial or line_names is None else line_names
        score.add(_compare(t_line, g_line, names, f"lines[{index}].", partial))
    return score


def score_references(truth: dict[str, Any], result: dict[str, Any]) -> Score:
    """References as sets of (kind, value); only the kinds the truth uses are scored."""
    want = {(r["kind"], r["value"]) for r in truth.get("references", [])}
    kinds = {kind for kind, _ in want}
    got = {(r["kind"], r["value"]) for r in result.get("references", []) if r["kind"] in kinds}
    score = Score(tp=len(want & got), fp=len(got - want), fn=len(want - got))
    score.errors.extend(f"reference missing {k}:{v}" for k, v in sorted(want - got))
    score.errors.extend(f"reference extra {k}:{v}" for k, v in sorted(got - want))
    return score
