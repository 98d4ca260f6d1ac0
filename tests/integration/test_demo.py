"""`immex demo` (what `make run` serves) gives a coherent chain: documents processed and linked, lots with the
export's consumption, one user per role, and something behind every dashboard card: its RFC passes its check
digit, a lot is expiring, an export is not covered, there are findings, a document a clerk reviewed and one
waiting for review. A second run changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from evidence.models import Document
from extractors.checks import rfc_check_digit
from immex.demo import DEMO_RFC, UNCOVERED_PART, run_demo
from immex.services import Services

pytestmark = pytest.mark.integration


def test_demo_is_coherent_and_idempotent(embedded_services: Services) -> None:
    report = run_demo(embedded_services)
    assert report.rfc == DEMO_RFC and rfc_check_digit(DEMO_RFC) == DEMO_RFC[-1]
    assert [d["status"] for d in report.documents] == ["processed"] * 5
    assert sorted(d["doc_type"] for d in report.documents) == [
        "bill_of_lading",
        "commercial_invoice",
        "commercial_invoice",
        "pedimento",
        "pedimento",
    ]
    assert {u["role"] for u in report.users} == {"admin", "clerk", "auditor"}
    by_name = {d["filename"]: d for d in report.documents}
    # the supplier's invoice with the mistyped RFC waits for review; the confirmed invoice does not
    waiting = [d["filename"] for d in report.documents if d["needs_review"]]
    assert "factura-rfc-con-error.pdf" in waiting and "factura-comercial.pdf" not in waiting
    assert by_name["factura-comercial.pdf"]["reason"].startswith("Reviewed and confirmed by clerk@")

    from evidence.chain.findings import findings as findings_report
    from evidence.chain.queries import lots_report

    with embedded_services.db.session() as session:
        lots = lots_report(session, report.company_id, date.today())
        findings = findings_report(session, report.company_id, date.today())
    assert len(lots) == 3
    assert all(lot["discharged_quantity"] > 0 and lot["balance"] > 0 for lot in lots)
    assert all(lot["status"] == "expiring" for lot in lots)
    assert all(len(lot["documents"]) == 4 for lot in lots)  # pedimento, invoice, B/L and the export
    codes = {f["code"] for f in findings}
    assert {"export_uncovered", "lot_expiring"} <= codes
    assert any(UNCOVERED_PART in f["message"] for f in findings if f["code"] == "export_uncovered")
    assert all(" piece " in f["message"] for f in findings if f["code"] == "lot_expiring")  # units by name

    again = run_demo(embedded_services)
    assert [d["id"] for d in again.documents] == [d["id"] for d in report.documents]
    with embedded_services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 5
