"""Linking real extraction results: every CFDI of the shared corpus, read by the real extractor, then a
pedimento that the CFDI cite arrives."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from evidence.chain.models import Cfdi, CfdiConcepto, Link
from evidence.db import Database
from evidence.models import Document
from extractors.pipeline import extract
from tests.integration.test_chain_support import add_document, chain_db, make_company, pedimento

pytestmark = pytest.mark.integration
__all__ = ["chain_db"]
CITED = "154845676001234"  # a pedimento number printed in several of the corpus CFDI


def test_corpus_cfdi_are_built_and_linked_to_the_pedimento_they_cite(chain_db: Database, corpus: Path) -> None:
    company_id = make_company(chain_db)
    seen: set[str] = set()
    citing: set[str] = set()
    with chain_db.session() as session:
        for path in sorted(corpus.rglob("*.xml")):
            result = extract(path)
            if result["source"]["sha256"] in seen or result["doc_type"] != "cfdi":
                continue
            seen.add(result["source"]["sha256"])
            if {"kind": "pedimento", "value": CITED} in result["references"]:
                citing.add(result["source"]["filename"])
            add_document(session, company_id, result)
        add_document(
            session,
            company_id,
            pedimento("cited.pdf", CITED, "EXP", "RT", "2015-06-01", [{"qty": 1, "tariff": "84713001"}]),
        )
    assert len(seen) > 20 and citing
    with chain_db.session() as session:
        built = session.scalar(select(func.count()).select_from(Cfdi))
        conceptos = session.scalar(select(func.count()).select_from(CfdiConcepto))
        names = dict(session.execute(select(Document.id, Document.filename)).tuples().all())
        linked = {
            names[link.from_document_id]
            for link in session.scalars(select(Link).where(Link.kind == "cfdi_pedimento"))
            if link.from_document_id is not None
        }
        rules = {link.rule for link in session.scalars(select(Link).where(Link.kind == "cfdi_pedimento"))}
    assert built == len(seen) and conceptos > len(seen)
    assert linked == citing
    assert rules == {"pedimento_in_cfdi"}
