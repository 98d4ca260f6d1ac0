"""Invoices read partially, linked on real databases: by what their lines say when no key was read, with the
evidence and confidence each link records, ties left to a clerk (and named in the findings)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from evidence.chain.findings import findings
from evidence.chain.linking import link_document, unlink
from evidence.chain.models import Link, LotRow
from evidence.chain.queries import chain_report
from evidence.db import Database
from evidence.models import AuditEvent, Document
from tests.integration.test_chain_support import add_document, chain_db, invoice, make_company, pedimento, result

pytestmark = pytest.mark.integration
__all__ = ["chain_db"]

PARTIDAS = [
    {"qty": 100, "tariff": "85332101", "desc": "RESISTENCIA FIJA"},
    {"qty": 40, "tariff": "39269099", "desc": "CARCASA DE PLASTICO"},
]


def import_pedimento(name: str, number: str, cites: str) -> dict[str, Any]:
    return pedimento(name, number, "IMP", "IN", "2024-03-01", PARTIDAS, [("invoice", cites)])


def unnumbered_invoice(name: str) -> dict[str, Any]:
    """An invoice whose number was not read, and whose line-number column ran into the part numbers."""
    lines = [
        {"part_number": "1 RES-1", "quantity": 100, "tariff_code": "85332101", "description": "Resistencia fija"},
        {"part_number": "2 HOU-1", "quantity": 40, "tariff_code": "39269099", "description": "Carcasa de plastico"},
    ]
    return result("commercial_invoice", name, {"invoice_date": "2024-02-10"}, lines, [])


def active_links(db: Database, company_id: int) -> list[Link]:
    with db.session() as session:
        rows = session.scalars(
            select(Link).where(Link.company_id == company_id, Link.undone_at.is_(None)).order_by(Link.id)
        ).all()
        session.expunge_all()
        return list(rows)


@pytest.mark.parametrize("invoice_first", [True, False])
def test_an_invoice_without_its_number_is_linked_by_its_lines(chain_db: Database, invoice_first: bool) -> None:
    company_id = make_company(chain_db)
    docs = [import_pedimento("imp.pdf", "244734454000101", "INV-77"), unnumbered_invoice("inv.pdf")]
    with chain_db.session() as session:
        ids = [add_document(session, company_id, d) for d in (docs[::-1] if invoice_first else docs)]
    links = active_links(chain_db, company_id)
    doc_link = [x for x in links if x.kind == "invoice_pedimento"]
    assert len(doc_link) == 1 and doc_link[0].rule == "line_agreement"
    assert doc_link[0].evidence == ["lines_agree", "tariff", "cited_unmatched"]
    assert doc_link[0].confidence is not None and doc_link[0].confidence >= 0.8
    assert "INV77" in (doc_link[0].key_value or "")  # the cited key, as keys are compared
    parts = sorted((x.part_number, x.rule, x.confidence, tuple(x.evidence or ())) for x in links if x.partida_id)
    assert parts == [
        ("HOU-1", "tariff_and_quantity", 0.95, ("tariff", "quantity")),
        ("RES-1", "tariff_and_quantity", 0.95, ("tariff", "quantity")),
    ]
    with chain_db.session() as session:
        lots = session.scalars(select(LotRow).where(LotRow.company_id == company_id)).all()
        assert sorted(lot.part_number or "" for lot in lots) == ["HOU-1", "RES-1"]
        made = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "chain.link", AuditEvent.object_id == str(doc_link[0].id))
        ).all()
        assert made and made[0].details["rule"] == "line_agreement" and made[0].details["confidence"]
    with chain_db.session() as session:
        report = chain_report(session, company_id, "244734454000101", None, date(2024, 4, 1))
    shown = {lot["part_number"]: lot["part_link"] for lot in report["lots"]}
    assert shown["RES-1"]["rule"] == "tariff_and_quantity" and shown["RES-1"]["confidence"] == 0.95
    assert shown["RES-1"]["evidence"] == ["tariff", "quantity"] and shown["RES-1"]["actor"] == "rule"
    # a person undoes it: reading the documents again never makes it again
    with chain_db.session() as session:
        unlink(session, company_id, doc_link[0].id, actor="clerk@example.com", reason="another shipment")
        for doc_id in ids:
            link_document(session, doc_id)
    assert not [x for x in active_links(chain_db, company_id) if x.kind == "invoice_pedimento"]


def test_lines_that_fit_two_pedimentos_equally_are_left_to_a_clerk(chain_db: Database) -> None:
    company_id = make_company(chain_db)
    with chain_db.session() as session:
        add_document(session, company_id, import_pedimento("a.pdf", "244734454000101", "INV-77"))
        add_document(session, company_id, import_pedimento("b.pdf", "244734454000102", "INV-78"))
        inv = add_document(session, company_id, unnumbered_invoice("inv.pdf"))
    assert not [x for x in active_links(chain_db, company_id) if x.kind == "invoice_pedimento"]
    with chain_db.session() as session:
        found = [f for f in findings(session, company_id, date(2024, 4, 1)) if f["code"] == "counterpart_ambiguous"]
        sha = session.scalar(select(Document.sha256).where(Document.id == inv))
    assert len(found) == 1 and found[0]["details"]["document_id"] == inv
    assert sorted(found[0]["details"]["pedimento_numbers"]) == ["244734454000101", "244734454000102"]
    assert sha in found[0]["documents"]


def test_a_partida_two_lines_fit_equally_waits_and_the_finding_names_both(chain_db: Database) -> None:
    company_id = make_company(chain_db)
    lines = [
        {"part": "RES-1", "qty": 100, "tariff": "85332101", "desc": "RESISTENCIA FIJA"},
        {"part": "RES-2", "qty": 100, "tariff": "85332101", "desc": "RESISTENCIA FIJA"},
    ]
    partidas = [{"qty": 100, "tariff": "85332101", "desc": "RESISTENCIA FIJA"}]
    with chain_db.session() as session:
        add_document(
            session,
            company_id,
            pedimento("imp.pdf", "244734454000101", "IMP", "IN", "2024-03-01", partidas, [("invoice", "INV-77")]),
        )
        add_document(session, company_id, invoice("inv.pdf", "INV-77", lines))
    assert not [x for x in active_links(chain_db, company_id) if x.kind == "partida_part"]
    with chain_db.session() as session:
        found = [f for f in findings(session, company_id, date(2024, 4, 1)) if f["code"] == "part_number_missing"]
    assert len(found) == 1
    assert sorted(c["part_number"] for c in found[0]["details"]["candidates"]) == ["RES-1", "RES-2"]


def test_a_standing_order_invoice_goes_to_the_pedimento_of_its_month(chain_db: Database) -> None:
    """The same parts and quantities every month: the invoice dated after last month's pedimento, whose own
    number no document carries, is this month's."""
    company_id = make_company(chain_db)
    numbered = [
        {"part": "RES-1", "qty": 100, "tariff": "85332101", "desc": "RESISTENCIA FIJA"},
        {"part": "HOU-1", "qty": 40, "tariff": "39269099", "desc": "CARCASA DE PLASTICO"},
    ]
    january = pedimento("jan.pdf", "244734454000101", "IMP", "IN", "2024-01-20", PARTIDAS, [("invoice", "INV-1")])
    with chain_db.session() as session:
        add_document(session, company_id, january)
        add_document(session, company_id, invoice("inv-jan.pdf", "INV-1", numbered, invoice_date="2024-01-10"))
        feb = unnumbered_invoice("inv-feb.pdf")
        add_document(session, company_id, feb)
        march = import_pedimento("mar.pdf", "244734454000102", "INV-2")
        add_document(session, company_id, march)
        names = dict(session.execute(select(Document.id, Document.filename)).tuples().all())
    doc_links = sorted(
        (names[x.from_document_id or -1], names[x.to_document_id or -1], x.rule)
        for x in active_links(chain_db, company_id)
        if x.kind == "invoice_pedimento"
    )
    assert doc_links == [
        ("inv-feb.pdf", "mar.pdf", "line_agreement"),
        ("inv-jan.pdf", "jan.pdf", "invoice_number"),
    ]


def test_a_cfdi_is_linked_by_its_lines_unless_it_is_a_national_sale(chain_db: Database) -> None:
    """An export CFDI whose folio fiscal was not read goes to the export pedimento its conceptos agree with; a
    national sale's CFDI (Exportación 01) never goes with a pedimento, whatever its lines say."""
    company_id = make_company(chain_db)
    partidas = [
        {"qty": 10, "tariff": "85371099", "desc": "TABLERO"},
        {"qty": 4, "tariff": "85044099", "desc": "FUENTE"},
    ]
    exp = pedimento("exp.pdf", "244734454100201", "EXP", "RT", "2024-06-01", partidas, [("cfdi_uuid", "ABC")])
    conceptos = [
        {"part_number": "FG-1", "quantity": 10, "customs_quantity": 10, "tariff_code": "85371099"},
        {"part_number": "FG-2", "quantity": 4, "customs_quantity": 4, "tariff_code": "85044099"},
    ]
    national = result(
        "cfdi", "national.xml", {"cfdi_type": "I", "export_code": "01", "issue_date": "2024-05-30"}, conceptos, []
    )
    export = result(
        "cfdi", "export.xml", {"cfdi_type": "I", "export_code": "02", "issue_date": "2024-05-31"}, conceptos, []
    )
    with chain_db.session() as session:
        add_document(session, company_id, national)
        add_document(session, company_id, exp)
        add_document(session, company_id, export)
        add_document(session, company_id, {**national, "source": {**national["source"], "sha256": "0" * 64}})
        names = dict(session.execute(select(Document.id, Document.filename)).tuples().all())
    links = active_links(chain_db, company_id)
    assert [(names[x.from_document_id or -1], x.rule) for x in links if x.kind == "cfdi_pedimento"] == [
        ("export.xml", "line_agreement")
    ]
    assert sorted(x.part_number or "" for x in links if x.kind == "partida_part") == ["FG-1", "FG-2"]


def test_a_pedimento_whose_invoices_are_all_linked_takes_no_copy_by_its_lines(chain_db: Database) -> None:
    """A second invoice of the same goods (a copy with another number, or one whose number was not read) is not
    tied to a pedimento that already has the invoice it cites, even though that pedimento's COVE is carried by no
    document: the COVE is its invoice's other name, and a second billing is for a clerk to look at."""
    company_id = make_company(chain_db)
    lines = [
        {"part": p, "qty": x["qty"], "tariff": x["tariff"], "desc": x["desc"]}
        for p, x in zip(("RES-1", "HOU-1"), PARTIDAS)
    ]
    ped = pedimento(
        "imp.pdf",
        "244734454000101",
        "IMP",
        "IN",
        "2024-03-01",
        PARTIDAS,
        [("invoice", "INV-77"), ("cove", "COVE0A1B2C3D4")],
    )
    with chain_db.session() as session:
        add_document(session, company_id, ped)
        first = add_document(session, company_id, invoice("inv.pdf", "INV-77", lines, invoice_date="2024-02-10"))
        add_document(session, company_id, invoice("inv-b.pdf", "INV-77-B", lines, invoice_date="2024-02-10"))
        add_document(session, company_id, unnumbered_invoice("inv-c.pdf"))
    doc_links = [x for x in active_links(chain_db, company_id) if x.kind == "invoice_pedimento"]
    assert [(x.from_document_id, x.rule) for x in doc_links] == [(first, doc_links[0].rule)]
    assert doc_links[0].rule != "line_agreement"
