"""A worked scenario: a maquiladora's two years of imports and exports, with balances computed by hand.

Materials M1 (resistor), M2 (housing), M3 (cable), PK (packaging box); products P1, P2, P3 with BOMs (P2
changes on 2025-09-01); a machine imported as fixed asset (AF) and an ISO container (2-year term). Documents
arrive as extraction results: pedimentos first, then their invoices, CFDI and B/Ls, so that links and part
numbers are found when the counterpart arrives. The expected figures below were worked out by hand from
discharge.md:

E1 2024-04-01 P1×100 → M1 440 (I1), M2 100 (I1)
E2 2024-06-01 P2×150 (BOM v1) → M2 300 (I1 200, I4 100), M3 225 (I2)
E3 2024-08-01 P3×100 → M1 200 (I1), M3 300 (I2 275, I5 25)
E4 2024-10-01 M2×50 exported as itself → I4
E5 2024-12-01 A1 return of packaging PK×60 → I4/2
E6 2025-08-01 P1×200 → M1 880 (I1 has expired: I3 500, I6 380), M2 200 (I4 50, I7 150)
E7 2025-10-01 P2×100 (BOM v2) → M2 100 (I7), M3 210 (I5)
E8 2025-12-01 P3×500 → M1 1000 (I6 420, I9 580), M3 1500 (I5 165, I8 600, 735 uncovered)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from evidence.chain.bom import import_bom
from evidence.chain.findings import findings
from evidence.chain.models import ConsumptionRow, DischargeRun, Link, Part
from evidence.chain.queries import chain_report, lots_report
from evidence.chain.runs import diff_runs, execute_run
from evidence.db import Database
from evidence.models import AuditEvent
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

AS_OF = date(2026, 3, 20)
TARIFF = {
    "M1": "85332101",
    "M2": "39269099",
    "M3": "85444999",
    "PK": "48191001",
    "MAQ-1": "84798999",
    "CONT": "86090001",
    "TSHIRT": "61091001",
    "P1": "85371099",
    "P2": "85371099",
    "P3": "85444299",
}
DESC = {
    "M1": "RESISTENCIA FIJA DE CARBON",
    "M2": "CARCASA DE PLASTICO INYECTADO",
    "M3": "CABLE ELECTRICO AISLADO",
    "PK": "CAJA DE CARTON CORRUGADO",
    "MAQ-1": "MAQUINA ENSAMBLADORA AUTOMATICA",
    "CONT": "CONTENEDOR ISO DE 20 PIES",
    "TSHIRT": "PLAYERA DE ALGODON",
    "P1": "TARJETA DE CONTROL",
    "P2": "MODULO DE POTENCIA",
    "P3": "ARNES DE CABLES",
}

# (key, number, clave, entry date, [(part, qty, printed part number?)], invoice qty overrides)
IMPORTS = [
    ("I1", "244734454000001", "IN", "2024-01-10", [("M1", 1000, True), ("M2", 300, False)]),
    ("I2", "244734454000002", "IN", "2024-02-15", [("M3", 500, False)]),
    ("I3", "244734454000003", "IN", "2024-03-20", [("M1", 500, True)]),
    ("I4", "244734454000004", "IN", "2024-05-05", [("M2", 200, False), ("PK", 100, False)]),
    ("I5", "244734454000005", "IN", "2024-07-01", [("M3", 400, True)]),
    ("I6", "244734454000006", "IN", "2024-09-10", [("M1", 800, False)]),
    ("I7", "244734454000007", "IN", "2024-11-15", [("M2", 400, True)]),
    ("I8", "254734455000008", "IN", "2025-01-20", [("M3", 600, False)]),
    ("I9", "254734455000009", "IN", "2025-03-03", [("M1", 1000, False)]),
    ("I10", "254734455000010", "IN", "2025-06-10", [("M2", 300, False), ("TSHIRT", 50, True)]),
    ("I11", "254734455000011", "AF", "2025-09-01", [("MAQ-1", 1, True)]),
    ("I12", "254734455000012", "IN", "2025-10-15", [("M1", 500, False), ("CONT", 2, True)]),
]
INVOICE_QTY_OVERRIDE = {("I10", "M2"): 310}  # the invoice disagrees with the pedimento: a finding
NO_INVOICE = {"I11"}

# (key, number, clave, date, [(part, qty)], part number source: "printed" | "cfdi")
EXPORTS = [
    ("E1", "244734454100001", "RT", "2024-04-01", [("P1", 100)], "printed"),
    ("E2", "244734454100002", "RT", "2024-06-01", [("P2", 150)], "cfdi"),
    ("E3", "244734454100003", "RT", "2024-08-01", [("P3", 100)], "printed"),
    ("E4", "244734454100004", "RT", "2024-10-01", [("M2", 50)], "printed"),
    ("E5", "244734454100005", "A1", "2024-12-01", [("PK", 60)], "printed"),
    ("E6", "254734455100006", "RT", "2025-08-01", [("P1", 200)], "cfdi"),
    ("E7", "254734455100007", "RT", "2025-10-01", [("P2", 100)], "printed"),
    ("E8", "254734455100008", "RT", "2025-12-01", [("P3", 500)], "cfdi"),
]

BOM_CSV = """producto,componente,cantidad,unidad,merma,vigencia_desde,vigencia_hasta
P1,M1,4,6,10,2024-01-01,
P1,M2,1,6,0,2024-01-01,
P2,M2,2,6,0,2024-01-01,2025-08-31
P2,M3,"1,5",6,,2024-01-01,2025-08-31
P2,M2,1,6,0,2025-09-01,
P2,M3,2,6,5,2025-09-01,
P3,M1,2,6,0,2024-01-01,
P3,M3,3,6,0,2024-01-01,
"""

# (import key, sequence) -> (part, imported, discharged, balance, status, due date)
EXPECTED = {
    ("I1", 1): ("M1", 1000, 640, 360, "expired", "2025-07-10"),
    ("I1", 2): ("M2", 300, 300, 0, "discharged", "2025-07-10"),
    ("I2", 1): ("M3", 500, 500, 0, "discharged", "2025-08-15"),
    ("I3", 1): ("M1", 500, 500, 0, "discharged", "2025-09-20"),
    ("I4", 1): ("M2", 200, 200, 0, "discharged", "2025-11-05"),
    ("I4", 2): ("PK", 100, 60, 40, "expired", "2025-11-05"),
    ("I5", 1): ("M3", 400, 400, 0, "discharged", "2026-01-01"),
    ("I6", 1): ("M1", 800, 800, 0, "discharged", "2026-03-10"),
    ("I7", 1): ("M2", 400, 250, 150, "expiring", "2026-05-15"),
    ("I8", 1): ("M3", 600, 600, 0, "discharged", "2026-07-20"),
    ("I9", 1): ("M1", 1000, 580, 420, "open", "2026-09-03"),
    ("I10", 1): ("M2", 300, 0, 300, "open", "2026-12-10"),
    ("I10", 2): ("TSHIRT", 50, 0, 50, "open", "2026-12-10"),
    ("I11", 1): ("MAQ-1", 1, 0, 1, "open", None),
    ("I12", 1): ("M1", 500, 0, 500, "open", "2027-04-15"),
    ("I12", 2): ("CONT", 2, 0, 2, "open", "2027-10-15"),
}


def load_scenario(
    db: Database, company_id: int, tmp_path: Path, *, until: date | None = None, with_bom: bool = True
) -> dict[str, int]:
    """Store every document (those dated after ``until`` are left out) and import the BOM file."""
    docs: dict[str, int] = {}
    bom_file = tmp_path / "bom.csv"
    bom_file.write_text(BOM_CSV, encoding="utf-8")
    if with_bom:
        with db.session() as session:
            import_bom(session, company_id, bom_file, actor="clerk@example.com", today=date(2024, 1, 1))
    with db.session() as session:
        for key, number, clave, day, items in IMPORTS:
            if until and date.fromisoformat(day) > until:
                continue
            partidas = [
                {"qty": q, "tariff": TARIFF[p], "desc": DESC[p], "part": p if printed else None}
                for p, q, printed in items
            ]
            refs = [] if key in NO_INVOICE else [("invoice", f"INV-{key}")]
            if key == "I1":
                refs += [("bl", "MAEU240001234"), ("container", "MSKU9070323")]
            docs[key] = add_document(
                session,
                company_id,
                pedimento(
                    f"{key}.pdf",
                    number,
                    "IMP",
                    clave,
                    day,
                    partidas,
                    refs,
                    usd_value=1000,
                    gross_weight_kg=500,
                ),
            )
        for key, _number, _clave, day, items in IMPORTS:
            if key in NO_INVOICE or (until and date.fromisoformat(day) > until):
                continue
            lines = [
                {
                    "part": p,
                    "qty": INVOICE_QTY_OVERRIDE.get((key, p), q),
                    "tariff": TARIFF[p],
                    "desc": DESC[p],
                }
                for p, q, _printed in items
            ]
            docs[f"INV-{key}"] = add_document(
                session,
                company_id,
                invoice(f"INV-{key}.pdf", f"INV-{key}", lines, currency="USD", total_amount=1000),
            )
        docs["BL-I1"] = add_document(
            session,
            company_id,
            bill_of_lading("BL-I1.pdf", "MAEU240001234", ["MSKU9070323"], issue_date="2024-01-02", gross_weight_kg=500),
        )
        for key, number, clave, day, items, source in EXPORTS:
            if until and date.fromisoformat(day) > until:
                continue
            partidas = [
                {"qty": q, "tariff": TARIFF[p], "desc": DESC[p], "part": p if source == "printed" else None}
                for p, q in items
            ]
            docs[key] = add_document(session, company_id, pedimento(f"{key}.pdf", number, "EXP", clave, day, partidas))
            if source == "cfdi":
                docs[f"CFDI-{key}"] = add_document(
                    session,
                    company_id,
                    cfdi(
                        f"CFDI-{key}.xml",
                        f"1234ABCD-0000-4000-8000-{number[-12:]}",
                        [number],
                        [{"part": p, "qty": q, "tariff": TARIFF[p], "desc": DESC[p]} for p, q in items],
                    ),
                )
    return docs


def number_of(key: str) -> str:
    return next(n for k, n, *_ in IMPORTS + EXPORTS if k == key)


def test_scenario_balances_status_and_documents(chain_db: Database, tmp_path: Path) -> None:
    company_id = make_company(chain_db)
    docs = load_scenario(chain_db, company_id, tmp_path)
    with chain_db.session() as session:
        report = execute_run(session, company_id, actor="auditor@example.com", as_of=AS_OF)
    assert report.mode == "full"
    assert (report.lot_count, report.export_line_count) == (16, 8)
    assert [
        (
            u["export_pedimento"],
            u["part_number"],
            u["required_quantity"],
            u["covered_quantity"],
            u["uncovered_quantity"],
        )
        for u in report.uncovered
    ] == [(number_of("E8"), "M3", 1500, 765, 735)]
    with chain_db.session() as session:
        lots = lots_report(session, company_id, AS_OF)
        shas = dict(session.execute(select_sha(docs)).tuples().all())
    by_key = {
        (k, s): lot for k, n, *_ in IMPORTS for lot in lots if lot["pedimento_number"] == n for s in [lot["sequence"]]
    }
    assert set(by_key) == set(EXPECTED)
    for key, (part, imported, discharged, balance, status, due) in EXPECTED.items():
        lot = by_key[key]
        assert (
            lot["part_number"],
            lot["imported_quantity"],
            lot["discharged_quantity"],
            lot["balance"],
            lot["status"],
            lot["due_date"],
        ) == (part, imported, discharged, balance, status, due), key
    # documents behind lot I1/1: its pedimento, invoice and B/L, and the exports that discharged it
    i1 = by_key[("I1", 1)]["documents"]
    for name in ("I1", "INV-I1", "BL-I1", "E1", "E3"):
        assert shas[docs[name]] in i1, name
    assert shas[docs["E6"]] not in i1  # E6 came after the lot expired
    e8 = by_key[("I9", 1)]["documents"]
    assert shas[docs["E8"]] in e8 and shas[docs["CFDI-E8"]] in e8


def select_sha(docs: dict[str, int]) -> Any:
    from evidence.models import Document

    return select(Document.id, Document.sha256).where(Document.id.in_(docs.values()))


def test_scenario_chain_findings_and_links(chain_db: Database, tmp_path: Path) -> None:
    company_id = make_company(chain_db)
    load_scenario(chain_db, company_id, tmp_path)
    with chain_db.session() as session:
        execute_run(session, company_id, actor="auditor@example.com", as_of=AS_OF)
    with chain_db.session() as session:
        chain = chain_report(session, company_id, number_of("I1"), 1, AS_OF)
        found = findings(session, company_id, AS_OF)
        rules = {(link.kind, link.rule) for link in session.scalars(select(Link))}
        catalogue = {p.part_number: (p.kind, p.unit, p.tariff_code) for p in session.scalars(select(Part))}
    [lot] = chain["lots"]
    assert {d["filename"] for d in chain["import_documents"]} == {"I1.pdf", "INV-I1.pdf", "BL-I1.pdf"}
    assert [(e["export_pedimento"], e["component"], e["quantity"]) for e in lot["exports"]] == [
        (number_of("E1"), "M1", 440),
        (number_of("E3"), "M1", 200),
    ]
    assert [v["product"] for v in lot["bom_versions"]] == ["P1", "P3"]
    assert {"E1.pdf"} == {d["filename"] for d in lot["exports"][0]["documents"]}
    codes = {(f_["code"], f_["pedimento_number"]) for f_ in found}
    assert ("export_uncovered", number_of("E8")) in codes
    assert ("lot_expired", number_of("I1")) in codes and ("lot_expired", number_of("I4")) in codes
    assert ("lot_expiring", number_of("I7")) in codes
    assert ("import_without_invoice", number_of("I11")) in codes
    assert ("quantity_mismatch", number_of("I10")) in codes
    assert ("anexo1_excluded", number_of("I10")) in codes
    assert not any(c == "anexo1_excluded" and n != number_of("I10") for c, n in codes)
    assert all(f_["documents"] for f_ in found)
    assert ("partida_part", "tariff_and_quantity") in rules
    assert ("partida_part", "codigo_producto") in rules
    assert ("partida_part", "description_similarity") in rules  # I10's invoice says 310, not 300
    assert ("invoice_pedimento", "invoice_number") in rules
    assert ("bl_pedimento", "bl_number") in rules
    assert ("cfdi_pedimento", "pedimento_in_cfdi") in rules
    assert catalogue["M1"] == ("material", "6", TARIFF["M1"])
    assert catalogue["P1"][0] == "product" and catalogue["PK"][0] == "material"
    assert catalogue["MAQ-1"] == ("material", "6", TARIFF["MAQ-1"])


def test_incremental_run_equals_full_run_and_dry_run_writes_nothing(chain_db: Database, tmp_path: Path) -> None:
    company_id = make_company(chain_db)
    docs = load_scenario(chain_db, company_id, tmp_path)
    with chain_db.session() as session:
        first = execute_run(session, company_id, actor="a", as_of=date(2025, 9, 30))
    with chain_db.session() as session:
        second = execute_run(session, company_id, actor="a", as_of=AS_OF)
    assert (first.mode, second.mode, second.parent_run_id) == ("full", "incremental", first.id)
    with chain_db.session() as session:
        full = execute_run(session, company_id, actor="a", as_of=AS_OF, incremental=False)
    assert full.mode == "full" and full.input_hash == second.input_hash
    assert full.uncovered == second.uncovered
    with chain_db.session() as session:
        diff = diff_runs(session, second.id, full.id)  # type: ignore[arg-type]
        assert diff["identical"] and diff["same_inputs"]
        diff_first = diff_runs(session, first.id, full.id)  # type: ignore[arg-type]
        assert not diff_first["identical"] and diff_first["only_in_b"]
    # a dry run writes nothing
    with chain_db.session() as session:
        before = counts(session)
    with chain_db.session() as session:
        dry = execute_run(session, company_id, actor="a", as_of=AS_OF, dry_run=True)
        assert dry.id is None and dry.input_hash == full.input_hash
    with chain_db.session() as session:
        assert counts(session) == before
    # an export that arrives late, dated before the last run's cursor, forces a full run
    with chain_db.session() as session:
        add_document(
            session,
            company_id,
            pedimento(
                "LATE.pdf",
                "254734455100099",
                "EXP",
                "RT",
                "2025-05-02",
                [{"qty": 10, "tariff": TARIFF["M2"], "part": "M2"}],
            ),
        )
    with chain_db.session() as session:
        late = execute_run(session, company_id, actor="a", as_of=AS_OF)
    assert late.mode == "full" and late.input_hash != full.input_hash
    assert docs  # the scenario was loaded


def counts(session: Any) -> tuple[int, int, int]:
    return (
        session.scalar(select(func.count()).select_from(DischargeRun)),
        session.scalar(select(func.count()).select_from(ConsumptionRow)),
        session.scalar(select(func.count()).select_from(AuditEvent)),
    )


def test_readers_take_the_saved_run_only_while_it_says_everything(
    chain_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lots read from the saved run (without the engine) equal lots the engine brings up to date, before and
    after exports arrive that the run has not seen."""
    from evidence.chain import queries
    from evidence.chain.saved import latest_run, says_everything

    company_id = make_company(chain_db)
    run_day = date(2025, 9, 30)
    load_scenario(chain_db, company_id, tmp_path, until=run_day)
    with chain_db.session() as session:
        execute_run(session, company_id, actor="a", as_of=run_day)

    def both_ways(as_of: date) -> tuple[bool, Any, Any]:
        with chain_db.session() as session:
            run = latest_run(session, company_id)
            assert run is not None
            fast = says_everything(session, run, company_id, as_of)
            read = (
                queries.lots_report(session, company_id, as_of),
                queries.current_discharge(session, company_id, as_of),
            )
            with monkeypatch.context() as m:
                m.setattr(queries, "says_everything", lambda *_a: False)
                computed = (
                    queries.lots_report(session, company_id, as_of),
                    queries.current_discharge(session, company_id, as_of),
                )
            session.rollback()
        return fast, read, computed

    for as_of in (date(2024, 7, 1), run_day, AS_OF):  # before the run's day, on it, after it (no new exports)
        fast, read, computed = both_ways(as_of)
        assert fast, as_of
        assert read[0] == computed[0], as_of
        assert (read[1].totals, sorted(read[1].lines), read[1].uncovered, read[1].saved) == (
            computed[1].totals,
            sorted(computed[1].lines),
            computed[1].uncovered,
            computed[1].saved,
        )
        assert read[1].saved
    with chain_db.session() as session:  # an export after the run's day: the saved run is behind
        add_document(
            session,
            company_id,
            pedimento(
                "LATER.pdf",
                "254734455100098",
                "EXP",
                "RT",
                "2025-11-03",
                [{"qty": 7, "tariff": TARIFF["M3"], "part": "M3"}],
            ),
        )
    fast, read, computed = both_ways(AS_OF)
    assert not fast and not read[1].saved
    assert read[0] == computed[0]
    assert sum(read[1].totals.values()) == sum(both_ways(run_day)[1][1].totals.values()) + 7
