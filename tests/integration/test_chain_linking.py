"""Linking on real databases: documents in every order, corrections, and people's links and unlinks."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from evidence.chain.build import correct
from evidence.chain.linking import link_document, link_part, unlink
from evidence.chain.models import Correction, Link, LotRow
from evidence.db import Database
from evidence.models import AuditEvent, Document, Extraction
from tests.integration.test_chain_support import (
    add_document,
    bill_of_lading,
    cfdi,
    chain_db,
    invoice,
    make_company,
    pedimento,
)

pytestmark = pytest.mark.integration
__all__ = ["chain_db"]


def documents() -> dict[str, dict[str, Any]]:
    """An import pedimento with its invoice and B/L, an export pedimento with its CFDI."""
    return {
        "IMP": pedimento(
            "imp.pdf",
            "244734454000101",
            "IMP",
            "IN",
            "2024-03-01",
            [
                {"qty": 100, "tariff": "85332101", "desc": "RESISTENCIA FIJA"},
                {"qty": 40, "tariff": "39269099", "desc": "CARCASA DE PLASTICO"},
            ],
            [("invoice", "INV-77"), ("bl", "MAEU123456789"), ("container", "MSKU9070323")],
        ),
        "INV": invoice(
            "inv.pdf",
            "INV-77",
            [
                {"part": "RES-1", "qty": 100, "tariff": "85332101", "desc": "RESISTENCIA FIJA"},
                {"part": "HOU-1", "qty": 40, "tariff": "39269099", "desc": "CARCASA DE PLASTICO"},
            ],
        ),
        "BL": bill_of_lading("bl.pdf", "MAEU123456789", ["MSKU9070323"], issue_date="2024-02-20"),
        "EXP": pedimento("exp.pdf", "244734454100201", "EXP", "RT", "2024-06-01", [{"qty": 10, "tariff": "85371099"}]),
        "CFDI": cfdi(
            "cfdi.xml",
            "ABCDEF12-0000-4000-8000-000000000001",
            ["24  47  3445  4100201"],
            [{"part": "FG-1", "qty": 10, "tariff": "85371099"}],
        ),
    }


def state(db: Database, company_id: int) -> tuple[Any, ...]:
    """What linking produced, in terms that do not depend on the order documents arrived in."""
    with db.session() as session:
        names = dict(session.execute(select(Document.id, Document.filename)).tuples().all())
        links = sorted(
            (
                link.kind,
                names.get(link.from_document_id or -1),
                names.get(link.to_document_id or -1),
                link.part_number,
                link.rule,
            )
            for link in session.scalars(select(Link).where(Link.company_id == company_id, Link.undone_at.is_(None)))
        )
        lots = sorted(
            (lot.pedimento_number, lot.sequence, lot.part_number, str(lot.quantity), lot.active)
            for lot in session.scalars(select(LotRow).where(LotRow.company_id == company_id))
        )
    return tuple(links), tuple(lots)


def test_documents_in_every_order_give_the_same_links_and_lots(chain_db: Database) -> None:
    """All 120 orders of the five documents on SQLite; on PostgreSQL the 24 orders of four of them, with the
    export pedimento last (to keep the run short; the engine and SQL are the same)."""
    docs = documents()
    results = set()
    if chain_db.dialect == "sqlite":
        orders = list(itertools.permutations(docs))
    else:
        orders = [(*order, "EXP") for order in itertools.permutations(["IMP", "INV", "BL", "CFDI"])]
    for n, order in enumerate(orders):
        company_id = make_company(chain_db, f"AAA{n:06d}AA{n % 10}")
        with chain_db.session() as session:
            for name in order:  # one at a time, each linked as it arrives
                add_document(session, company_id, docs[name])
        results.add(state(chain_db, company_id))
    assert len(results) == 1, "the order documents arrive in changed the links or lots"
    links, lots = results.pop()
    assert ("invoice_pedimento", "inv.pdf", "imp.pdf", None, "invoice_number") in links
    assert ("bl_pedimento", "bl.pdf", "imp.pdf", None, "bl_number") in links
    assert ("cfdi_pedimento", "cfdi.xml", "exp.pdf", None, "pedimento_in_cfdi") in links
    assert ("partida_part", None, "imp.pdf", "RES-1", "tariff_and_quantity") in links
    assert ("partida_part", None, "exp.pdf", "FG-1", "tariff_and_quantity") in links
    assert [(lot[2], lot[3][:3]) for lot in lots] == [("RES-1", "100"), ("HOU-1", "40.")]


def test_correction_keeps_the_machine_value_and_relinks(chain_db: Database) -> None:
    company_id = make_company(chain_db)
    docs = documents()
    with chain_db.session() as session:
        imp = add_document(session, company_id, docs["IMP"])
        add_document(session, company_id, docs["INV"])
    with chain_db.session() as session:
        correct(
            session,
            imp,
            field="umc_quantity",
            value=90,
            line_index=0,
            actor="clerk@example.com",
            reason="the broker typed 100; the invoice and packing list say 90",
        )
        link_document(session, imp)
    with chain_db.session() as session:
        [row] = session.scalars(select(Correction)).all()
        assert (row.machine_value, row.corrected_value, row.actor) == (100, 90, "clerk@example.com")
        lot = session.scalar(select(LotRow).where(LotRow.sequence == 1))
        assert lot is not None and lot.quantity == 90
        # 90 no longer matches the invoice's 100: the description rule takes over, and says so
        rules = {
            (link.part_number, link.rule)
            for link in session.scalars(select(Link).where(Link.kind == "partida_part", Link.undone_at.is_(None)))
        }
        assert ("RES-1", "description_similarity") in rules
        assert session.scalar(select(AuditEvent).where(AuditEvent.action == "chain.correct")) is not None


def test_a_person_unlinks_and_rules_do_not_relink(chain_db: Database) -> None:
    company_id = make_company(chain_db)
    docs = documents()
    with chain_db.session() as session:
        imp = add_document(session, company_id, docs["IMP"])
        add_document(session, company_id, docs["BL"])
        bl_link = session.scalar(select(Link).where(Link.kind == "bl_pedimento"))
        assert bl_link is not None and bl_link.key_value == "MAEU123456789"
        link_id = bl_link.id
    with chain_db.session() as session:
        unlink(session, company_id, link_id, actor="clerk@example.com", reason="B/L of another shipment")
    with chain_db.session() as session:
        link_document(session, imp)  # a re-extraction runs linking again
        active = session.scalars(select(Link).where(Link.kind == "bl_pedimento", Link.undone_at.is_(None))).all()
        assert active == []
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "chain.unlink"))
        assert event is not None and event.actor == "clerk@example.com"
        assert event.details["reason"] == "B/L of another shipment"


def test_a_partida_waits_for_a_clerk_then_gets_its_part_number(chain_db: Database) -> None:
    company_id = make_company(chain_db)
    docs = documents()
    with chain_db.session() as session:
        add_document(session, company_id, docs["IMP"])
        lots = session.scalars(select(LotRow).order_by(LotRow.sequence)).all()
        assert [lot.part_number for lot in lots] == [None, None]  # no invoice yet: the lots wait
    with chain_db.session() as session:
        link_part(session, company_id, "24  47  3445  4000101", 2, "HOU-9", actor="clerk@example.com")
    with chain_db.session() as session:
        lots = session.scalars(select(LotRow).order_by(LotRow.sequence)).all()
        assert [lot.part_number for lot in lots] == [None, "HOU-9"]
        add_document(session, company_id, docs["INV"])
        lots = session.scalars(select(LotRow).order_by(LotRow.sequence)).all()
        # the invoice gives partida 1 its part; the person's choice for partida 2 stands
        assert [lot.part_number for lot in lots] == ["RES-1", "HOU-9"]
        assert all(lot.start_date == date(2024, 3, 1) and lot.due_date == date(2025, 9, 1) for lot in lots)


def test_a_document_read_again_as_something_else_no_longer_makes_lots(chain_db: Database) -> None:
    company_id = make_company(chain_db)
    docs = documents()
    with chain_db.session() as session:
        imp = add_document(session, company_id, docs["IMP"])
        add_document(session, company_id, docs["INV"])
        assert all(lot.active for lot in session.scalars(select(LotRow)))
    with chain_db.session() as session:
        newer = dict(docs["IMP"], doc_type="other", lines=[], fields={})
        session.add(Extraction(document_id=imp, extractor_version="test-2", doc_type="other", result=newer))
        session.flush()
        link_document(session, imp)
    with chain_db.session() as session:
        lots = session.scalars(select(LotRow)).all()
        assert lots and not any(lot.active for lot in lots)
