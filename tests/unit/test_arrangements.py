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

from extractors.cfdi_pdf_parties import trim_glued_label, unlabelled_rfc
from extractors.entities import Entity
from extractors.pipeline import extract
from extractors.result import lowest_confidences
from tests.synth.generate import DEV_KINDS, READER_PENDING, make_truth, render
from tests.synth.score import score_result

NEW = {
    "commercial_invoice": ("ledger", "stacked", "euro", "boxed", "tabular", "mixed"),
    "bill_of_lading": ("manifest", "seaway", "blocks", "combined", "list", "conocimiento"),
    "cfdi": ("generic", "specimen", "boxed", "tworow", "compact", "ledger", "taxed", "erpform", "satform"),
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


ROUTED = [
    (doc_type, arrangement, index)
    for doc_type, arrangement in DEV_KINDS
    if doc_type in ("commercial_invoice", "bill_of_lading", "cfdi") and (doc_type, arrangement) not in READER_PENDING
    for index in (0, 1)
]


# printouts of a cancelled CFDI: read right, they still go to review (a cancelled CFDI proves no export)
CANCELLED = {("cfdi", "cancelado")}


@pytest.mark.parametrize(("doc_type", "arrangement", "index"), ROUTED)
def test_review_routing_agrees_with_the_reading(tmp_path: Path, doc_type: str, arrangement: str, index: int) -> None:
    """A document read without a wrong or missing value is not sent to review (a name or RFC read without a
    label beside it is no reason when its shape and check digit hold); one with a wrong value is."""
    rng = random.Random(f"7/{doc_type}/{arrangement}/{index}")
    truth = make_truth(doc_type, arrangement, index, rng)
    path = tmp_path / f"{doc_type}-{arrangement}.pdf"
    render(truth, arrangement, path, rng)
    truth = json.loads(json.dumps({k: v for k, v in truth.items() if k != "extra"}, default=str))
    result = extract(path)
    score = score_result(truth, result)
    reasons = [w["code"] for w in result["warnings"]]
    low = lowest_confidences(result, 2)
    cancelled = (doc_type, arrangement) in CANCELLED
    assert result["needs_review"] == (bool(score.errors) or cancelled), (score.errors[:4], reasons, low)
    assert ("cfdi_cancelled" in reasons) == cancelled, reasons


def test_a_name_whose_legal_form_runs_into_the_next_label() -> None:
    assert trim_glued_label("ENSAMBLES DEL NORTE S. DE R.L. DE C.V.RFC") == "ENSAMBLES DEL NORTE S. DE R.L. DE C.V."
    assert trim_glued_label("GRUPO RFC") == "GRUPO RFC"  # no legal form before it: a name of its own


def test_an_unlabelled_rfc_is_sure_only_when_its_check_digit_holds() -> None:
    good = Entity("RFC", "FLR8803116N9", "FLR8803116N9", 0, 12)
    bad = Entity("RFC", "FLR8803116N8", "FLR8803116N8", 0, 12)
    bad.valid = False
    generic = Entity("RFC", "XEXX010101000", "XEXX010101000", 0, 13)
    assert unlabelled_rfc(good) >= 0.7
    assert unlabelled_rfc(bad) < 0.7
    assert unlabelled_rfc(generic) < 0.7
