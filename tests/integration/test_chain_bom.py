"""BOM import on real databases: nothing half-imported, versions never rewritten, the version in force applies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from evidence.chain.bom import BomFileError, import_bom, load_bom_versions
from evidence.chain.discharge import BomIndex
from evidence.chain.models import BomLine, BomVersionRow, Part
from evidence.db import Database
from evidence.models import AuditEvent
from tests.integration.test_chain_support import chain_db, make_company

pytestmark = pytest.mark.integration
__all__ = ["chain_db"]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(db: Database) -> list[tuple[object, ...]]:
    with db.session() as session:
        return [
            (v.id, v.product, v.valid_from, v.valid_to, v.content_hash, v.digest)
            for v in session.scalars(select(BomVersionRow).order_by(BomVersionRow.id))
        ]


def test_a_bad_file_saves_nothing(chain_db: Database, tmp_path: Path) -> None:
    company_id = make_company(chain_db)
    path = write(tmp_path, "bom.csv", "producto,componente,cantidad,unidad\nFG-1,RES,2,PZA\nFG-2,CAP,x,PZA\n")
    with pytest.raises(BomFileError) as caught, chain_db.session() as session:
        import_bom(session, company_id, path, actor="clerk", today=date(2025, 1, 1))
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "cantidad")]
    with chain_db.session() as session:
        assert session.scalar(select(func.count()).select_from(BomVersionRow)) == 0
        assert session.scalar(select(func.count()).select_from(BomLine)) == 0
        assert session.scalar(select(func.count()).select_from(Part)) == 0


def test_importing_never_rewrites_the_past(chain_db: Database, tmp_path: Path) -> None:
    company_id = make_company(chain_db)
    first = write(tmp_path, "v1.csv", "product,component,quantity_per_unit,unit,scrap_pct\nFG-1,RES,2,PZA,5\n")
    with chain_db.session() as session:
        result = import_bom(session, company_id, first, actor="clerk", today=date(2025, 1, 1))
        assert [v["valid_from"] for v in result.versions_added] == ["2025-01-01"]
    before = snapshot(chain_db)
    # the same content again adds nothing
    with chain_db.session() as session:
        again = import_bom(session, company_id, first, actor="clerk", today=date(2025, 2, 1))
        assert (again.versions_added, again.versions_unchanged) == ([], 1)
    # an undated new recipe takes effect on its import date; the old version is left exactly as it was
    second = write(tmp_path, "v2.csv", "product,component,quantity_per_unit,unit\nFG-1,RES,3,PZA\nFG-1,CAP,1,PZA\n")
    with chain_db.session() as session:
        import_bom(session, company_id, second, actor="clerk", today=date(2025, 6, 1))
    after = snapshot(chain_db)
    assert after[: len(before)] == before and len(after) == 2
    with chain_db.session() as session:
        index = BomIndex(load_bom_versions(session, company_id))
        parts = {p.part_number: p.kind for p in session.scalars(select(Part))}
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "bom.import")).all()
    old, new = index.in_force("FG-1", date(2025, 5, 31)), index.in_force("FG-1", date(2025, 6, 1))
    assert old is not None and [(c.component, c.quantity_per_unit, c.scrap_pct) for c in old.components] == [
        ("RES", Decimal(2), Decimal(5))
    ]
    assert new is not None and [c.component for c in new.components] == ["CAP", "RES"]
    assert index.in_force("FG-1", date(2024, 12, 31)) is None
    assert parts == {"FG-1": "product", "RES": "material", "CAP": "material"}
    assert len(events) == 2 and events[0].details["filename"] == "v1.csv"
