"""Line items of the randomised development arrangements read exactly (invoices' part numbers, B/L lines per
container, CFDI printouts' conceptos joined with the Comercio Exterior mercancías), one document each.

Only development arrangements: the held-out ones (each family's ``HELD_OUT``) are measured by
``benchmarks/extraction.py`` and never tested or tuned on.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from extractors.pipeline import extract
from extractors.result import lowest_confidences
from tests.synth.generate import DEV_KINDS, make_truth, render
from tests.synth.score import score_result

NEW = {
    "commercial_invoice": ("ledger", "stacked", "euro", "boxed", "tabular", "mixed"),
    "bill_of_lading": ("manifest", "seaway", "blocks", "combined", "list"),
    "cfdi": ("generic", "specimen", "boxed", "tworow", "compact", "ledger"),
}
CASES = [(doc_type, name) for doc_type, names in NEW.items() for name in names]
LINE_KEYS = {
    "commercial_invoice": ("part_number", "description", "quantity", "unit_price", "amount"),
    "bill_of_lading": ("container_number", "seal_number", "package_count", "gross_weight_kg"),
    "cfdi": ("product_key", "part_number", "quantity", "unit", "amount", "tariff_code", "usd_value"),
}


def test_the_cases_are_development_arrangements() -> None:
    assert set(CASES) <= set(DEV_KINDS)


@pytest.mark.parametrize(("doc_type", "arrangement"), CASES)
def test_every_line_is_read(tmp_path: Path, doc_type: str, arrangement: str) -> None:
    rng = random.Random(f"arrangements/{doc_type}/{arrangement}")
    truth = make_truth(doc_type, arrangement, 0, rng)
    path = tmp_path / f"{doc_type}-{arrangement}.pdf"
    render(truth, arrangement, path, rng)
    truth = json.loads(json.dumps({k: v for k, v in truth.items() if k != "extra"}, default=str))
    result = extract(path)
    assert result["doc_type"] == doc_type
    got = [{key: cell["value"] for key, cell in line.items()} for line in result["lines"]]
    assert len(got) == len(truth["lines"])
    for want, line in zip(truth["lines"], got, strict=True):
        for key in LINE_KEYS[doc_type]:
            if key not in want:
                continue
            if isinstance(want[key], float):
                assert line.get(key) == pytest.approx(want[key]), key
            else:
                assert str(line.get(key)).upper() == str(want[key]).upper(), key
    score = score_result(truth, result)
    assert score.f1 >= 0.97, score.errors[:6]


ROUTED = [kind for kind in DEV_KINDS if kind[0] in ("commercial_invoice", "bill_of_lading", "cfdi")]


@pytest.mark.parametrize(("doc_type", "arrangement"), ROUTED)
def test_review_routing_agrees_with_the_reading(tmp_path: Path, doc_type: str, arrangement: str) -> None:
    """A document read without a wrong or missing value is not sent to review (a name or RFC read without a
    label beside it is no reason when its shape and check digit hold); one with a wrong value is."""
    rng = random.Random(f"routing/{doc_type}/{arrangement}")
    truth = make_truth(doc_type, arrangement, 0, rng)
    path = tmp_path / f"{doc_type}-{arrangement}.pdf"
    render(truth, arrangement, path, rng)
    truth = json.loads(json.dumps({k: v for k, v in truth.items() if k != "extra"}, default=str))
    result = extract(path)
    score = score_result(truth, result)
    reasons = [w["code"] for w in result["warnings"]]
    low = lowest_confidences(result, 2)
    assert result["needs_review"] == bool(score.errors), (score.errors[:4], reasons, low)
