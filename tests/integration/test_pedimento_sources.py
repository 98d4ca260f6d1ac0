"""One pedimento, many sources: printouts, scans, validation files (M3) and Data Stage, on SQLite and PostgreSQL.

The worked scenario (test_scenario_discharge) is loaded from printouts, from validation files, and from both at
once; the lots, balances and runs must be the same each way, and reconciliation must find the sources agree.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from evidence.chain.models import LotRow
from evidence.chain.queries import lots_report
from evidence.chain.reconcile_io import reconciliation_report
from evidence.chain.runs import execute_run
from evidence.db import Database
from extractors.pipeline import extract
from tests.integration import test_scenario_discharge as scenario
from tests.integration.test_chain_support import add_document, chain_db, make_company, pedimento
from tests.m3_writer import Ped, m3_file

pytestmark = pytest.mark.integration
__all__ = ["chain_db"]


def m3_ped(number: str, op: str, clave: str, day: str, partidas: list[dict[str, Any]], refs: Any = ()) -> Ped:
    when = date.fromisoformat(day)
    records: dict[str, list[dict[str, Any]]] = {
        "506": [{"date_type": "1", "date": when}, {"date_type": "2", "date": when}],
    }
    for kind, value in refs:
        if kind == "invoice":
            records.setdefault("505", []).append(
                {
                    "invoice_number": value,
                    "invoice_date": when,
                    "incoterm": "FCA",
                    "currency": "USD",
                    "usd_value": "1000",
                }
            )
        elif kind == "bl":
            records.setdefault("503", []).append({"guide_number": value, "guide_type": "M"})
        elif kind == "container":
            records.setdefault("504", []).append({"container_number": value, "container_type": "1"})
    lines = [
        {
            "sequence": i,
            "tariff_code": p.get("tariff", "85423999"),
            "nico": "00",
            "description": p.get("desc", "PARTE"),
            "umc_quantity": p["qty"],
            "umc": "6",
            "umt_quantity": p["qty"],
            "umt": "6",
            "part_number": p.get("part"),
            "origin_destination_country": "USA",
            "seller_buyer_country": "USA",
        }
        for i, p in enumerate(partidas, start=1)
    ]
    header = {
        "operation_type": "1" if op == "IMP" else "2",
        "clave": clave,
        "entry_exit_section": number[2:4] + "0",
        "importer_exporter_rfc": "MDN200101AB1",
        "exchange_rate": "17.0500",
        "gross_weight_kg": "500",
        "importer_exporter_name": "MAQUILADORA MDN200101AB1",
    }
    return Ped(number[4:8], number[8:], number[2:4] + "0", header, records, lines)


def m3_result(tmp_path: Path, name: str, ped: Ped) -> dict[str, Any]:
    path = tmp_path / name
    path.write_bytes(m3_file([ped]))
    return extract(path)


def load(db: Database, company_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> list[tuple]:
    """Load the scenario with pedimentos from printouts, from M3 files, or both (printouts first)."""
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def printout_or_m3(name: str, number: str, op: str, clave: str, day: str, partidas: Any, refs: Any = (), **kw: Any):
        calls.append(((name, number, op, clave, day, partidas, refs), kw))
        if how == "m3":
            return m3_result(tmp_path, name.replace(".pdf", ".m3"), m3_ped(number, op, clave, day, partidas, refs))
        return pedimento(name, number, op, clave, day, partidas, refs, **kw)

    monkeypatch.setattr(scenario, "pedimento", printout_or_m3)
    scenario.load_scenario(db, company_id, tmp_path)
    if how == "both":
        with db.session() as session:
            for (name, number, op, clave, day, partidas, refs), _kw in calls:
                ped = m3_ped(number, op, clave, day, partidas, refs)
                add_document(session, company_id, m3_result(tmp_path, name.replace(".pdf", ".m3"), ped))
    with db.session() as session:
        report = execute_run(session, company_id, actor="auditor@example.com", as_of=scenario.AS_OF)
        lots = lots_report(session, company_id, scenario.AS_OF)
    uncovered = [(u["export_pedimento"], u["part_number"], u["uncovered_quantity"]) for u in report.uncovered]
    return [
        (
            lot["pedimento_number"],
            lot["sequence"],
            lot["part_number"],
            lot["imported_quantity"],
            lot["discharged_quantity"],
            lot["balance"],
            lot["status"],
            lot["due_date"],
        )
        for lot in lots
    ] + [("uncovered", *u) for u in uncovered]


def expected_lots() -> list[tuple]:
    rows = []
    for (key, sequence), (part, imported, discharged, balance, status, due) in scenario.EXPECTED.items():
        rows.append((scenario.number_of(key), sequence, part, imported, discharged, balance, status, due))
    return rows


def test_a_scan_of_a_loaded_printout_does_not_double_its_lots(chain_db: Database) -> None:
    """Reproduces the bug: a second document of the same pedimento made second lots and doubled its balance."""
    company_id = make_company(chain_db)
    partidas = [{"qty": 1000, "tariff": "85332101", "part": "M1"}, {"qty": 300, "tariff": "39269099", "part": "M2"}]
    with chain_db.session() as session:
        add_document(session, company_id, pedimento("I1.pdf", "244734454000001", "IMP", "IN", "2024-01-10", partidas))
        scan = pedimento("I1-scan.pdf", "244734454000001", "IMP", "IN", "2024-01-10", partidas)
        scan["text_source"] = "ocr"
        add_document(session, company_id, scan)
    with chain_db.session() as session:
        active = session.scalar(select(func.count()).select_from(LotRow).where(LotRow.active.is_(True)))
        lots = lots_report(session, company_id, date(2024, 2, 1))
    assert active == 2
    assert sorted((lot["sequence"], lot["imported_quantity"]) for lot in lots) == [(1, 1000), (2, 300)]


@pytest.mark.parametrize("how", ["printouts", "m3", "both"])
def test_scenario_from_printouts_m3_or_both_gives_the_same_lots(
    chain_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    company_id = make_company(chain_db)
    got = load(chain_db, company_id, tmp_path, monkeypatch, how)
    e8 = scenario.number_of("E8")
    assert sorted(r for r in got if r[0] != "uncovered") == sorted(expected_lots())
    assert [r for r in got if r[0] == "uncovered"] == [("uncovered", e8, "M3", 735)]
    with chain_db.session() as session:
        report = reconciliation_report(session, company_id)
        active = session.scalar(select(func.count()).select_from(LotRow).where(LotRow.active.is_(True)))
    assert active == 16  # no doubling
    mismatches = [f for f in report["findings"] if f["code"] == "field_mismatch"]
    # the scenario's one planted disagreement: I10's invoice says 310 of M2, the pedimento 300
    assert [(f["pedimento_number"], f["sequence"], f["field"], f["documents"][1]["kind"]) for f in mismatches] == [
        (scenario.number_of("I10"), 1, "quantity", "invoice")
    ]
    counts = report["counts"]
    total = len(scenario.IMPORTS) + len(scenario.EXPORTS)
    if how == "printouts":
        assert counts.get("missing_structured") == total and "missing_printout" not in counts
    elif how == "m3":
        assert counts.get("missing_printout") == total and "missing_structured" not in counts
    else:
        assert "missing_printout" not in counts and "missing_structured" not in counts
        assert all(p["reference"] == "structured" for p in report["pedimentos"])


def test_an_altered_printout_gives_one_field_mismatch_naming_both_documents(
    chain_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    company_id = make_company(chain_db)
    load(chain_db, company_id, tmp_path, monkeypatch, "m3")
    number = scenario.number_of("I3")
    altered = pedimento(
        "I3-altered.pdf", number, "IMP", "IN", "2024-03-20", [{"qty": 500, "tariff": "85332101", "part": "M1"}]
    )
    altered["lines"][0]["umc_quantity"]["value"] = 550  # one quantity misprinted (or misread)
    with chain_db.session() as session:
        doc = add_document(session, company_id, altered)
    with chain_db.session() as session:
        report = reconciliation_report(session, company_id, number)
        lots = [lot for lot in lots_report(session, company_id, scenario.AS_OF) if lot["pedimento_number"] == number]
    [mismatch] = [f for f in report["findings"] if f["code"] == "field_mismatch"]
    assert (mismatch["sequence"], mismatch["field"], mismatch["structured_value"], mismatch["other_value"]) == (
        1,
        "umc_quantity",
        500,
        550,
    )
    kinds = [(d["kind"], d["filename"]) for d in mismatch["documents"]]
    assert (
        kinds == [("structured", "I3.m3"), ("printout", "I3-altered.pdf")]
        and mismatch["documents"][1]["document_id"] == doc
    )
    assert [lot["imported_quantity"] for lot in lots] == [500]  # the SAT's record drives the lot
    [ped] = report["pedimentos"]
    assert {(s["kind"], s["agrees"]) for s in ped["sources"]} == {
        ("structured", True),
        ("printout", False),
        ("invoice", True),
    }
