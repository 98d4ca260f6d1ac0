"""Validation files and Data Stage extracts through ``accept()`` and the worker, on both backends (SQLite +
folder store + in-process jobs; PostgreSQL + S3 + RQ): one pedimento one document, idempotent loads, revisions,
rectifications, and bad files kept in quarantine."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from evidence.chain.models import LotRow
from evidence.chain.runs import execute_run
from evidence.models import Document, QuarantineEntry
from immex.services import Services
from intake.accept import IncomingDocument, accept
from tests.conftest import drain
from tests.m3_writer import Ped, datastage_zip, m3_file
from tests.unit.test_m3 import HEADER, PARTIDA

pytestmark = pytest.mark.integration
AS_OF = date(2025, 1, 1)


def ped(seq7: str, qty: str = "1000.000", day: date = date(2024, 1, 10), **header: Any) -> Ped:
    partida = dict(PARTIDA, umc_quantity=qty, umt_quantity=qty)
    return Ped(
        "3445",
        seq7,
        "470",
        {**HEADER, "importer_exporter_rfc": "AAA010101AAA", **header},
        {"506": [{"date_type": "1", "date": day}, {"date_type": "2", "date": day}]},
        [partida],
    )


def take(services: Services, company_id: int, name: str, data: bytes) -> Any:
    result = accept(
        services, IncomingDocument(company_id=company_id, source="upload", filename=name, stream=io.BytesIO(data))
    )
    drain(services)
    return result


def state(services: Services, company_id: int) -> dict[str, Any]:
    with services.db.session() as session:
        docs = session.scalars(select(Document).where(Document.company_id == company_id).order_by(Document.id)).all()
        lots = session.scalars(select(LotRow).where(LotRow.company_id == company_id, LotRow.active.is_(True))).all()
        run = execute_run(session, company_id, actor="t", as_of=AS_OF, dry_run=True)
        return {
            "documents": [(d.id, d.source, d.doc_type, d.status) for d in docs],
            "lots": sorted(
                (lot.id, lot.pedimento_number, lot.sequence, float(lot.quantity), lot.clave, lot.start_date)
                for lot in lots
            ),
            "input_hash": run.input_hash,
        }


def test_a_validation_file_with_two_pedimentos_makes_two_pedimento_documents(
    services: Services, company_id: int
) -> None:
    result = take(services, company_id, "lote.m3", m3_file([ped("4000001"), ped("4000002", qty="250")]))
    assert result.status == "accepted"
    now = state(services, company_id)
    parent, *children = now["documents"]
    assert parent[1:] == ("upload", "other", "processed")
    with services.db.session() as session:
        assert not any(d.needs_review for d in session.scalars(select(Document)))  # nothing for the review queue
    assert [c[1:] for c in children] == [("structured", "pedimento", "processed")] * 2
    assert [(lot[1], lot[3]) for lot in now["lots"]] == [("244734454000001", 1000.0), ("244734454000002", 250.0)]


def test_a_data_stage_period_loaded_twice_changes_nothing(services: Services, company_id: int) -> None:
    period = [ped("4000001"), ped("4000002", qty="250"), ped("4000003", clave="AF")]
    paid = {p.pedimento: date(2024, 1, 10) for p in period}
    first = take(services, company_id, "ds-2024-01.zip", datastage_zip(period, payment=paid))
    assert first.status == "accepted"
    before = state(services, company_id)
    assert len(before["lots"]) == 3
    assert take(services, company_id, "ds-2024-01.zip", datastage_zip(period, payment=paid)).status == "duplicate"
    # the same period extracted again (other names, other bytes): a new file, the same pedimentos
    again = take(services, company_id, "ds-2024-01-bis.zip", datastage_zip(period, prefix="7777", payment=paid))
    assert again.status == "accepted"
    after = state(services, company_id)
    assert after["lots"] == before["lots"] and after["input_hash"] == before["input_hash"]
    assert len(after["documents"]) == len(before["documents"]) + 1  # only the second ZIP itself
    with services.db.session() as session:
        from evidence.chain.build import newest_extraction

        load = newest_extraction(session, again.document_id).result["load"]  # type: ignore[union-attr]
    assert (load["new"], load["unchanged"]) == (0, 3)


def test_a_changed_pedimento_is_a_new_revision_and_a_rectification_replaces_the_original(
    services: Services, company_id: int
) -> None:
    take(services, company_id, "ds-1.zip", datastage_zip([ped("4000001")], payment={"4000001": date(2024, 1, 10)}))
    first = state(services, company_id)
    [(lot_id, _n, _s, qty, _c, _d)] = first["lots"]
    take(
        services,
        company_id,
        "ds-2.zip",
        datastage_zip([ped("4000001", qty="900")], payment={"4000001": date(2024, 1, 10)}),
    )
    second = state(services, company_id)
    assert second["lots"] == [(lot_id, "244734454000001", 1, 900.0, "IN", date(2024, 1, 10))]  # same lot, new value
    structured = [d for d in second["documents"] if d[1] == "structured"]
    assert len(structured) == 2  # the first revision is kept
    # R1 4000050 rectifies 4000001: its lots replace the original's, with the original's clave and date
    r1 = ped("4000050", qty="950", day=date(2024, 3, 1), clave="R1")
    r1.records["701"] = [
        {
            "clave": "R1",
            "payment_date": date(2024, 3, 1),
            "previous_pedimento": "4000001",
            "previous_patente": "3445",
            "previous_section": "470",
            "previous_clave": "IN",
            "previous_date": date(2024, 1, 10),
        }
    ]
    take(services, company_id, "r1.m3", m3_file([r1]))
    third = state(services, company_id)
    assert [(lot[1], lot[3], lot[4], lot[5]) for lot in third["lots"]] == [
        ("244734454000050", 950.0, "IN", date(2024, 1, 10))
    ]


def test_a_bad_validation_file_is_quarantined_with_every_bad_line_and_loads_nothing(
    services: Services, company_id: int, tmp_path: Path
) -> None:
    text = m3_file([ped("4000001")]).decode().replace("|1000.000|6|", "|1O00.000|6|", 1)
    result = take(services, company_id, "malo.m3", text.encode())
    assert result.status == "rejected" and result.code == "structured_invalid"
    assert "record 551" in (result.reason or "") and "'1O00.000', not a number" in (result.reason or "")
    with services.db.session() as session:
        [entry] = session.scalars(select(QuarantineEntry).where(QuarantineEntry.company_id == company_id)).all()
        assert entry.sha256 == result.sha256 and services.store.exists(entry.object_key)
        assert session.scalar(select(func.count()).select_from(LotRow)) == 0
        assert session.scalar(select(func.count()).select_from(Document).where(Document.doc_type == "pedimento")) == 0


def test_cli_datastage_load_and_reconcile(
    embedded_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from immex.cli import main

    monkeypatch.setenv("IMMEX_DATA_DIR", str(embedded_services.settings.data_dir))
    embedded_services.close()
    runner = CliRunner()
    assert runner.invoke(main, ["company", "create", "--rfc", "AAA010101AAA", "--name", "Demo"]).exit_code == 0
    zipped = tmp_path / "ds.zip"
    zipped.write_bytes(
        datastage_zip(
            [ped("4000001"), ped("4000002")], payment={"4000001": date(2024, 1, 10), "4000002": date(2024, 1, 10)}
        )
    )
    first = runner.invoke(main, ["datastage", "load", "--company", "AAA010101AAA", str(zipped), "--json"])
    assert first.exit_code == 0, first.output
    import json

    load = json.loads(first.output)["load"]
    assert (load["new"], load["unchanged"], load["period"]) == (2, 0, "2024-01-10..2024-01-10")
    second = runner.invoke(main, ["datastage", "load", "--company", "AAA010101AAA", str(zipped)])
    assert second.exit_code == 0 and "nothing changed" in second.output
    report = runner.invoke(main, ["reconcile", "--company", "AAA010101AAA", "--json"])
    assert report.exit_code == 0, report.output
    assert json.loads(report.output)["counts"] == {"missing_printout": 2}


def test_validation_files_and_data_stage_extracts_arrive_by_email(embedded_services: Services) -> None:
    """A broker mails the validation file and the SAT extract: both are taken in as themselves (the ZIP is not
    opened as an archive of attachments) and their pedimentos load."""
    from evidence.models import Company
    from intake.mailroute import receive_message, set_company_mail
    from tests.unit.test_mail_receive import message

    with embedded_services.db.session() as session:
        company = Company(rfc="AAA010101AAA", name="Maquiladora Demo")
        session.add(company)
        session.flush()
        set_company_mail(session, company.id, ["facturas@drop.example.mx"], ["agente@aduanas.mx"])
        company_id = company.id
    mail = message(
        [
            ("M3_3445_4000001.txt", m3_file([ped("4000001")]), "text/plain"),
            (
                "datastage.zip",
                datastage_zip([ped("4000002")], payment={"4000002": date(2024, 1, 10)}),
                "application/zip",
            ),
        ],
        sender="Agente <agente@aduanas.mx>",
    )
    receipt = receive_message(embedded_services, mail.as_bytes(), company_id=company_id)
    drain(embedded_services)
    assert sorted((o["filename"], o["status"]) for o in receipt.outcomes) == [
        ("M3_3445_4000001.txt", "accepted"),
        ("datastage.zip", "accepted"),
    ]
    with embedded_services.db.session() as session:
        kinds = {d.filename: (d.media_type, d.doc_type) for d in session.scalars(select(Document))}
    assert kinds["M3_3445_4000001.txt"] == ("application/vnd.immex.m3", "pedimento")
    assert kinds["datastage.zip"] == ("application/vnd.immex.datastage+zip", "other")
    assert [lot[1] for lot in state(embedded_services, company_id)["lots"]] == ["244734454000001", "244734454000002"]
