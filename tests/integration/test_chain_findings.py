"""Findings of disagreement between a pedimento, its invoice and its B/L, each with the documents behind it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from evidence.chain.findings import findings
from evidence.db import Database
from evidence.models import Document
from tests.integration.test_chain_support import (
    add_document,
    bill_of_lading,
    chain_db,
    invoice,
    make_company,
    pedimento,
)

pytestmark = pytest.mark.integration
__all__ = ["chain_db"]


def test_value_weight_and_quantity_disagreements(chain_db: Database) -> None:
    company_id = make_company(chain_db)
    with chain_db.session() as session:
        add_document(
            session,
            company_id,
            pedimento(
                "ped.pdf",
                "254734455000501",
                "IMP",
                "IN",
                "2025-04-01",
                [{"qty": 1000, "tariff": "85332101", "part": "RES-1"}],
                [("invoice", "F-501"), ("bl", "HLCU500")],
                usd_value=1000,
                gross_weight_kg=500,
            ),
        )
        add_document(
            session,
            company_id,
            invoice("inv.pdf", "F-501", [{"part": "RES-1", "qty": 1100}], currency="USD", total_amount=1250),
        )
        add_document(session, company_id, bill_of_lading("bl.pdf", "HLCU500", [], gross_weight_kg=700))
        # within tolerance: no finding
        add_document(
            session,
            company_id,
            pedimento(
                "ok.pdf",
                "254734455000502",
                "IMP",
                "IN",
                "2025-04-02",
                [{"qty": 1000, "tariff": "85332101", "part": "RES-1"}],
                [("invoice", "F-502")],
                usd_value=1000,
            ),
        )
        add_document(
            session,
            company_id,
            invoice("ok-inv.pdf", "F-502", [{"part": "RES-1", "qty": 1000}], currency="USD", total_amount=1010),
        )
    with chain_db.session() as session:
        found = findings(session, company_id, date(2025, 5, 1))
        sha = dict(session.execute(select(Document.filename, Document.sha256)).tuples().all())
    by_code = {(f["code"], f["pedimento_number"]): f for f in found}
    value = by_code[("value_mismatch", "254734455000501")]
    assert (value["details"]["pedimento_usd"], value["details"]["invoices_usd"]) == (1000, 1250)
    weight = by_code[("weight_mismatch", "254734455000501")]
    assert (weight["details"]["pedimento_kg"], weight["details"]["bl_kg"]) == (500, 700)
    quantity = by_code[("quantity_mismatch", "254734455000501")]
    assert (quantity["details"]["pedimento_quantity"], quantity["details"]["invoice_quantity"]) == (1000, 1100)
    assert set(value["documents"]) == {sha["ped.pdf"], sha["inv.pdf"], sha["bl.pdf"]}
    assert not [f for f in found if f["pedimento_number"] == "254734455000502"]
