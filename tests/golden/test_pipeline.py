"""The pipeline around the families: the envelope, the schema checks, page warnings, review, the CLI."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractors.pipeline import EXTRACTOR_VERSION, extract
from extractors.result import ExtractionSchemaError, needs_review, quick_schema_errors, schema_errors, validate
from extractors.text import DocumentText, PageText, Word
from immex.cli.extract import extract_cmd

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
CFDI_XML = CORPUS / "cfdi-python-satcfdi" / "cfdi_ejemplos" / "comprobante33" / "cfdv33-cce11.xml"
INVOICE_PDF = CORPUS / "invoice2data" / "compare" / "AzureInterior.pdf"


def needs_corpus() -> None:
    if not CORPUS.exists():
        pytest.skip("the shared corpus is not beside the repository")


def good_result() -> dict:
    return {
        "schema": "immex.extraction/v1",
        "source": {"filename": "a.pdf", "sha256": "0" * 64, "media_type": "application/pdf", "pages": 1},
        "doc_type": "commercial_invoice",
        "doc_type_confidence": 0.9,
        "text_source": "text_layer",
        "fields": {"total_amount": {"value": 10.5, "confidence": 0.9, "page": 1, "bbox": [1, 2, 3, 4], "raw": "10.50"}},
        "lines": [{"amount": {"value": 10.5, "confidence": 0.8, "page": 1, "bbox": None, "raw": None}}],
        "references": [{"kind": "pedimento", "value": "244734454001234"}],
        "warnings": [{"code": "x", "message": "y"}],
    }


BREAKAGES = [
    ("fields", "total_amount", "confidence", 1.5),
    ("fields", "total_amount", "bbox", [1, 2, 3]),
    ("fields", "total_amount", "page", 0),
    ("fields", "total_amount", "value", [1, 2]),
    ("fields", "total_amount", "raw", 10),
    ("lines", 0, "confidence", -0.1),
]


@pytest.mark.parametrize("where", BREAKAGES, ids=[f"{w[0]}-{w[2]}" for w in BREAKAGES])
def test_quick_check_agrees_with_the_json_schema(where: tuple) -> None:
    assert schema_errors(good_result()) == [] and quick_schema_errors(good_result()) == []
    broken = copy.deepcopy(good_result())
    section, key, name, value = where
    target = broken[section][key]
    if section == "lines":
        target = target["amount"]
    target[name] = value
    assert schema_errors(broken) != []
    assert quick_schema_errors(broken) != []
    with pytest.raises(ExtractionSchemaError):
        validate(broken)


def test_envelope_errors_are_caught_by_the_quick_check() -> None:
    broken = good_result()
    broken["doc_type"] = "letter"
    broken["references"][0]["kind"] = "email"
    del broken["warnings"]
    assert len(quick_schema_errors(broken)) == len(schema_errors(broken)) == 3


def test_xml_envelope() -> None:
    needs_corpus()
    result = extract(CFDI_XML)
    assert result["source"]["media_type"] == "application/xml"
    assert result["source"]["pages"] == 1
    assert result["extractor_version"] == EXTRACTOR_VERSION
    assert len(result["source"]["sha256"]) == 64


def test_given_document_text_is_used_and_ocr_warnings_added(tmp_path: Path) -> None:
    """A scanned page read with low confidence: the warning says so and its fields need review."""
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4 placeholder; the text below stands for what OCR read")
    words = []
    x = 40.0
    for token in ["COMMERCIAL", "INVOICE", "Invoice", "No.:", "INV-77", "Total", "USD", "1,250.00"]:
        words.append(Word(token, x, 50.0, x + 6 * len(token), 60.0, 0.45))
        x += 6 * len(token) + 6
    page = PageText(1, " ".join(w.text for w in words), words, "ocr", 0.45, 612, 792, 0)
    unreadable = PageText(2, "", [], "none", None, 612, 792, 0, error="tesseract timed out")
    result = extract(path, doc_text=DocumentText("application/pdf", [page, unreadable]), sha256="a" * 64)
    codes = [warning["code"] for warning in result["warnings"]]
    assert "low_ocr_confidence" in codes and "page_unreadable" in codes
    assert result["text_source"] == "ocr"
    assert result["source"]["pages"] == 2
    assert result["fields"]["invoice_number"]["value"] == "INV-77"
    assert result["fields"]["invoice_number"]["confidence"] < 0.5
    assert result["needs_review"] is True


def test_needs_review_follows_the_lowest_confidence() -> None:
    result = good_result()
    assert needs_review(result, 0.7) is False
    result["lines"][0]["amount"]["confidence"] = 0.5
    assert needs_review(result, 0.7) is True
    assert needs_review(result, 0.4) is False


def test_plain_text_invoice(tmp_path: Path) -> None:
    path = tmp_path / "invoice.txt"
    path.write_text("INVOICE\nInvoice No.: 5521\nDate: 2024-09-26\n\nTotal:        USD 99.10\n", "utf-8")
    result = extract(path)
    assert result["source"]["media_type"] == "text/plain"
    assert result["fields"]["invoice_number"]["value"] == "5521"
    assert result["fields"]["total_amount"]["value"] == 99.1


def test_cli_summary_and_json() -> None:
    needs_corpus()
    runner = CliRunner()
    summary = runner.invoke(extract_cmd, [str(INVOICE_PDF)])
    assert summary.exit_code == 0, summary.output
    assert "type: commercial_invoice" in summary.output
    assert "invoice_number" in summary.output and "INV/2023/03/0008" in summary.output
    assert "lines: " in summary.output
    as_json = runner.invoke(extract_cmd, [str(INVOICE_PDF), "--json"])
    assert as_json.exit_code == 0
    result = json.loads(as_json.output)
    assert schema_errors(result) == []
    assert result["fields"]["total_amount"]["value"] == 279.84


def test_cli_reports_warnings_for_an_xml_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_bytes(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>')
    outcome = CliRunner().invoke(extract_cmd, [str(path)])
    assert outcome.exit_code == 0
    assert "xml_refused" in outcome.output


def test_ocr_specks_are_dropped_before_layout_but_kept_in_the_text() -> None:
    from extractors.pipeline import drop_ocr_noise

    words = [Word("HANSOL", 0, 0, 30, 10, 0.92), Word(";", 31, 0, 33, 10, 0.27), Word("i", 34, 0, 36, 10, 0.25)]
    words.append(Word("Qty", 40, 0, 55, 10, 0.28))  # a short header word OCR doubted stays
    page = PageText(1, "HANSOL ; i Qty", words, "ocr", 0.5, 612, 792, 0)
    cleaned = drop_ocr_noise(DocumentText("application/pdf", [page]))
    assert [word.text for word in cleaned.pages[0].words] == ["HANSOL", "Qty"]
    assert cleaned.pages[0].text == page.text
    assert [word.text for word in page.words] == ["HANSOL", ";", "i", "Qty"]  # input untouched


def test_binary_file_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    from extractors.text import TextError

    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x00\x01\x02\x03 not a document")
    with pytest.raises(TextError) as refused:
        extract(path)
    assert refused.value.code == "unsupported"
    assert "PDF" in refused.value.message


def test_invoice_rfc_with_a_bad_check_digit_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "invoice.txt"
    path.write_text("COMMERCIAL INVOICE\nInvoice No.: 5521\nBuyer RFC: CPP110627SM5\nTotal: USD 10.00\n", "utf-8")
    result = extract(path)
    assert result["fields"]["buyer_tax_id"]["value"] == "CPP110627SM5"
    assert any(w["code"] == "check_digit" and w.get("field") == "buyer_tax_id" for w in result["warnings"])


def test_a_failing_family_extractor_sends_the_document_to_review(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import extractors.invoice

    def broken(doc_text: object, context: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(extractors.invoice, "extract_invoice", broken)
    path = tmp_path / "invoice.txt"
    path.write_text("COMMERCIAL INVOICE\nInvoice No.: 5521\nContainer TCLU1272634\nTotal: USD 10.00\n", "utf-8")
    result = extract(path)
    assert result["doc_type"] == "commercial_invoice"
    assert [w["code"] for w in result["warnings"]] == ["extractor_failed"]
    assert {"kind": "container", "value": "TCLU1272634"} in result["references"]
    assert result["needs_review"] is True


def test_a_failing_check_keeps_the_reading_and_sends_the_document_to_review(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import extractors.pipeline

    def broken(*args: object) -> None:
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(extractors.pipeline, "table_checks", broken)
    path = tmp_path / "invoice.txt"
    path.write_text("COMMERCIAL INVOICE\nInvoice No.: 5521\nTotal: USD 10.00\n", "utf-8")
    result = extract(path)
    assert result["doc_type"] == "commercial_invoice"
    assert result["fields"]["invoice_number"]["value"] == "5521"  # what was read is kept
    assert "check_failed" in [w["code"] for w in result["warnings"]] and needs_review(result)
