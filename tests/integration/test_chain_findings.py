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


def test_units_that_disagree_and_exports_without_part_numbers(chain_db: Database, tmp_path) -> None:
    from evidence.chain.bom import import_bom
    from evidence.chain.findings import same_unit

    assert same_unit("6", "PCS") is True and same_unit("1", "PZA") is False and same_unit("6", "BOLSA") is None
    company_id = make_company(chain_db)
    bom = tmp_path / "bom.csv"
    bom.write_text("producto,componente,cantidad,unidad\nFG-1,WIRE,2.5,KG\nFG-1,RES,4,PZA\n", encoding="utf-8")
    with chain_db.session() as session:
        import_bom(session, company_id, bom, actor="clerk", today=date(2025, 1, 1))
        add_document(
            session,
            company_id,
            pedimento(
                "imp.pdf",
                "254734455000601",
                "IMP",
                "IN",
                "2025-02-01",
                [{"qty": 100, "tariff": "85444999", "part": "WIRE"}, {"qty": 500, "tariff": "85332101", "part": "RES"}],
            ),
        )
        add_document(
            session,
            company_id,
            pedimento("exp.pdf", "254734455100602", "EXP", "RT", "2025-03-01", [{"qty": 5, "tariff": "85371099"}]),
        )
    with chain_db.session() as session:
        found = findings(session, company_id, date(2025, 4, 1))
    mismatch = [f["details"] for f in found if f["code"] == "unit_mismatch"]
    assert mismatch == [{"product": "FG-1", "component": "WIRE", "bom_unit": "KG", "lot_unit": "6"}]
    waiting = [f for f in found if f["code"] == "part_number_missing"]
    assert [(f["pedimento_number"], f["details"]["sequence"]) for f in waiting] == [("254734455100602", 1)]
    assert waiting[0]["documents"]
