"""`immex demo` (what `make run` serves) gives a coherent chain: documents processed and linked, lots with the
export's consumption, one user per role. A second run changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from evidence.models import Document
from immex.demo import DEMO_RFC, run_demo
from immex.services import Services

pytestmark = pytest.mark.integration


def test_demo_is_coherent_and_idempotent(embedded_services: Services) -> None:
    report = run_demo(embedded_services)
    assert report.rfc == DEMO_RFC
    assert [d["status"] for d in report.documents] == ["processed"] * 4
    assert sorted(d["doc_type"] for d in report.documents) == [
        "bill_of_lading",
        "commercial_invoice",
        "pedimento",
        "pedimento",
    ]
    assert {u["role"] for u in report.users} == {"admin", "clerk", "auditor"}

    from evidence.chain.queries import lots_report

    with embedded_services.db.session() as session:
        lots = lots_report(session, report.company_id, date.today())
    assert len(lots) == 3
    assert all(lot["discharged_quantity"] > 0 and lot["balance"] > 0 for lot in lots)
    assert all(len(lot["documents"]) == 4 for lot in lots)  # pedimento, invoice, B/L and the export

    again = run_demo(embedded_services)
    assert [d["id"] for d in again.documents] == [d["id"] for d in report.documents]
    with embedded_services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 4
