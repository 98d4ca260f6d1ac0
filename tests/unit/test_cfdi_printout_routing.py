"""CFDI printouts read right must not go to review for what the page itself settles: a customs quantity printed
with the XML's three decimals (``3343.000``, or ``630.000`` that the concepto's quantity reads), and the type of
a printout that titles itself an invoice. What is really in doubt (an OCR slip rebuilt from other figures, a
type guessed from the total alone) still goes to review."""

from __future__ import annotations

from typing import Any

import pytest

from extractors.cfdi_pdf import _inferred_when_unread, _kind
from extractors.cfdi_pdf_figures import REPAIRED, parse_money, reconcile_customs_quantity
from extractors.pipeline import REVIEW_THRESHOLD
from extractors.result import ResultBuilder


def cell(value: Any, raw: str | None = None, confidence: float = 0.9) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "page": 1, "bbox": None, "raw": raw or str(value)}


@pytest.mark.parametrize(
    ("printed", "value"),
    [("3343.000", 3343.0), ("2849,500", 2849.5), ("1,536.000", 1536.0), ("12345.678", 12345.678), ("1,234", 1234.0)],
)
def test_four_digits_before_a_lone_separator_are_no_thousands_group(printed: str, value: float) -> None:
    parsed = parse_money(printed)
    assert parsed is not None and parsed[0] == value


def _mercancia(customs: float, raw: str) -> dict[str, Any]:
    return {
        "quantity": cell(630.0, "630"),
        "unit": cell("H87"),
        "customs_quantity": cell(customs, raw),
        "customs_unit": cell("06"),
    }


def test_a_customs_quantity_with_three_decimals_the_concepto_reads_is_no_repair() -> None:
    line = _mercancia(630000.0, "630.000")
    reconcile_customs_quantity(line)
    assert line["customs_quantity"]["value"] == 630.0
    assert line["customs_quantity"]["confidence"] >= REVIEW_THRESHOLD


def test_a_customs_quantity_ocr_broke_is_still_a_repair() -> None:
    line = _mercancia(630000.0, "630,000.00")
    reconcile_customs_quantity(line)
    assert line["customs_quantity"]["value"] == 630.0
    assert line["customs_quantity"]["confidence"] == REPAIRED < REVIEW_THRESHOLD


def _type(text: str) -> dict[str, Any] | None:
    out = ResultBuilder()
    out.set("total", 1500.0, 0.9)
    _inferred_when_unread(out, text)
    return out.fields.get("cfdi_type")


def test_a_printout_titled_invoice_is_an_ingreso_without_review() -> None:
    found = _type("MAQUILADORA DEL NORTE S.A. DE C.V.   FACTURA / INVOICE   Total USD 1,500.00")
    assert found is not None and found["value"] == "I" and found["confidence"] >= REVIEW_THRESHOLD


def test_a_type_guessed_from_the_total_alone_goes_to_review() -> None:
    found = _type("MAQUILADORA DEL NORTE S.A. DE C.V.   Comprobante fiscal digital   Total 1,500.00")
    assert found is not None and found["value"] == "I" and found["confidence"] < REVIEW_THRESHOLD


@pytest.mark.parametrize("title", ["FACTURA - NOTA DE CRÉDITO", "INVOICE CREDIT NOTE", "FACTURA (EGRESO)"])
def test_an_invoice_title_with_another_kind_gives_no_type(title: str) -> None:
    assert _type(f"{title}   Total 1,500.00") is None


def test_on_a_scan_the_title_alone_settles_no_type() -> None:
    out = ResultBuilder()
    out.set("total", 1500.0, 0.9)
    _inferred_when_unread(out, "FACTURA / INVOICE   Total USD 1,500.00", scanned=True)
    assert out.fields["cfdi_type"]["confidence"] < REVIEW_THRESHOLD


@pytest.mark.parametrize(
    ("printed", "kind"),
    [("I - Ingreso", "I"), ("1- Ingreso", "I"), ("l - Ingreso", "I"), ("E - Egreso", "E"), ("T", "T")],
)
def test_a_type_printed_as_key_and_name_reads_by_its_name(printed: str, kind: str) -> None:
    parsed = _kind(printed)
    assert parsed is not None and parsed[0] == kind


def test_a_type_key_ocr_misread_without_its_name_is_no_type() -> None:
    assert _kind("1") is None
