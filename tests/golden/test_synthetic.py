"""Golden test on generated documents: every family and layout through ``extractors.pipeline.extract``.

A small set (two documents per family and development arrangement as text-layer PDFs; one pedimento and one
ocean B/L scanned at 300 dpi) is generated into a temporary folder; each result must validate against the v1
contract and the field-level F1 per family must stay above the bounds measured with ``benchmarks/extraction.py``
(text layer 1.000 on every family; 300-dpi scans 0.97 pedimentos, 0.94 B/Ls), with some margin.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from extractors.pipeline import extract
from extractors.result import schema_errors
from tests.synth.generate import DEV_KINDS, READER_PENDING, Entry, generate_set
from tests.synth.score import Score, score_references, score_result

TEXT_LAYER_F1 = {"pedimento": 0.99, "bill_of_lading": 0.99, "commercial_invoice": 0.97, "cfdi": 0.97}
SCAN_300_F1 = {"pedimento": 0.93, "bill_of_lading": 0.90}


def _run(folder: Path, entries: list[Entry]) -> tuple[dict[str, Score], dict[str, Score], list[str]]:
    fields: dict[str, Score] = defaultdict(Score)
    refs: dict[str, Score] = defaultdict(Score)
    wrong_type = []
    for entry in entries:
        truth = json.loads((folder / entry.truth).read_text("utf-8"))
        result = extract(folder / entry.file)
        assert schema_errors(result) == [], entry.file
        assert result["source"]["pages"] == entry.pages
        if result["doc_type"] != entry.doc_type:
            wrong_type.append(f"{entry.file}: {result['doc_type']}")
        fields[entry.doc_type].add(score_result(truth, result))
        refs[entry.doc_type].add(score_references(truth, result))
    return fields, refs, wrong_type


def test_text_layer_documents_of_every_family_and_layout(tmp_path: Path) -> None:
    kinds = [kind for kind in DEV_KINDS if kind not in READER_PENDING]
    entries = generate_set(tmp_path, count=2, seed=11, scans=(), kinds=kinds)
    assert {(e.doc_type, e.layout) for e in entries} >= {("pedimento", "saai"), ("bill_of_lading", "truck")}
    fields, refs, wrong_type = _run(tmp_path, entries)
    assert wrong_type == []
    for doc_type, bound in TEXT_LAYER_F1.items():
        score = fields[doc_type]
        assert score.f1 >= bound, f"{doc_type}: F1 {score.f1:.3f}; " + "; ".join(score.errors[:8])
    for doc_type in ("pedimento", "bill_of_lading"):
        assert refs[doc_type].recall == 1.0, refs[doc_type].errors


@pytest.mark.ocr
@pytest.mark.slow
def test_scanned_pedimento_and_bill_of_lading(tmp_path: Path) -> None:
    entries = generate_set(
        tmp_path, count=1, seed=11, scans=("scan300",), kinds=[("pedimento", "saai"), ("bill_of_lading", "ocean")]
    )
    scans = [e for e in entries if e.variant == "scan300"]
    assert len(scans) == 2
    fields, _refs, wrong_type = _run(tmp_path, scans)
    assert wrong_type == []
    for doc_type, bound in SCAN_300_F1.items():
        score = fields[doc_type]
        assert score.f1 >= bound, f"{doc_type}: F1 {score.f1:.3f}; " + "; ".join(score.errors[:8])
