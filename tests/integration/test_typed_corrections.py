"""Corrections that change legal dates (issue 12): a correction is read by its field's type in the person's
locale, through the portal and the API alike. ``05/07/2026`` typed on a Spanish page is 5 July 2026, so the lot
starts that day and is due 18 months later; impossible dates and unreadable numbers are refused in the person's
language and save nothing; a stored value the chain cannot read is a finding, never replaced by another date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from evidence.chain import linking
from evidence.chain.models import Correction, LotRow
from evidence.models import AuditEvent, Extraction
from immex.services import Services
from tests.e2e.portal_support import PASSWORD, add_document, csrf_of, field, login, seed_companies, small_pdf
from web import create_app
from web.accounts.service import create_token

pytestmark = pytest.mark.integration

NUMBER = "262434566001234"


def seed_pedimento(services: Services, company_id: int, tmp: Path) -> int:
    """An IN import pedimento whose machine-read entry date is wrong (06/07) and whose payment date is 09/07."""
    pdf = small_pdf(tmp / "ped.pdf", f"PEDIMENTO {NUMBER}")
    doc_id = add_document(
        services,
        company_id,
        pdf,
        fields={
            "pedimento_number": field(NUMBER),
            "operation_type": field("IMP"),
            "clave": field("IN"),
            "entry_date": field("2026-07-06", 0.41),
            "payment_date": field("2026-07-09"),
        },
    )
    with services.db.session() as db:
        extraction = db.scalars(select(Extraction).where(Extraction.document_id == doc_id)).one()
        line = {
            "sequence": field(1),
            "tariff_code": field("73181599"),
            "description": field("TORNILLOS DE ACERO"),
            "umc": field("6"),
            "umc_quantity": field(1000),
            "part_number": field("TOR-001"),
        }
        extraction.result = {**extraction.result, "lines": [line]}
    with services.db.session() as db:
        linking.link_document(db, doc_id)
    return doc_id


def lot_dates(services: Services) -> list[tuple[str, str | None]]:
    with services.db.session() as db:
        rows = db.scalars(select(LotRow).where(LotRow.active.is_(True))).all()
        return [(r.start_date.isoformat(), r.due_date.isoformat() if r.due_date else None) for r in rows]


def counts(services: Services) -> tuple[int, int]:
    with services.db.session() as db:
        return (
            int(db.scalar(select(func.count()).select_from(Correction)) or 0),
            int(db.scalar(select(func.count()).select_from(AuditEvent)) or 0),
        )


@pytest.fixture
def portal(embedded_services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(embedded_services)
    doc_id = seed_pedimento(embedded_services, ids["a"], tmp_path)
    app = create_app(embedded_services)
    clerk = app.test_client()
    assert login(clerk, "clerk@a.mx", PASSWORD).status_code == 302
    return {"services": embedded_services, "clerk": clerk, "doc_id": doc_id}


def test_the_portal_reads_a_spanish_date_and_the_lot_follows(portal: dict[str, Any]) -> None:
    services, clerk, doc_id = portal["services"], portal["clerk"], portal["doc_id"]
    assert lot_dates(services) == [("2026-07-06", "2028-01-06")]
    es = {"Accept-Language": "es-MX"}
    token = csrf_of(clerk.get(f"/documents/{doc_id}", headers=es).get_data(as_text=True))
    response = clerk.post(
        f"/documents/{doc_id}/corrections",
        data={"csrf_token": token, "field": "entry_date", "value": "05/07/2026", "reason": "fecha del sello"},
        headers=es,
    )
    assert response.status_code == 302
    with services.db.session() as db:
        row = db.scalars(select(Correction).where(Correction.document_id == doc_id)).one()
        assert (row.corrected_value, row.machine_value) == ("2026-07-05", "2026-07-06")
    assert lot_dates(services) == [("2026-07-05", "2028-01-05")]
    page = clerk.get(f"/documents/{doc_id}", headers=es).get_data(as_text=True)
    assert "05/07/2026" in page


@pytest.mark.parametrize(
    ("field_name", "typed", "spanish"),
    [
        ("entry_date", "31/02/2026", "31/02/2026 no es una fecha real: el mes 2 de 2026 no tiene día 31."),
        ("entry_date", "32/13/2023", "32/13/2023 no es una fecha real: no existe el mes 13."),
        ("umc_quantity", "1.2.3,4", "1.2.3,4 no es un número."),
    ],
)
def test_the_portal_refuses_what_cannot_be_read_in_spanish_and_saves_nothing(
    portal: dict[str, Any], field_name: str, typed: str, spanish: str
) -> None:
    services, clerk, doc_id = portal["services"], portal["clerk"], portal["doc_id"]
    es = {"Accept-Language": "es-MX"}
    token = csrf_of(clerk.get(f"/documents/{doc_id}", headers=es).get_data(as_text=True))
    before = counts(services)
    data = {"csrf_token": token, "field": field_name, "value": typed}
    if field_name == "umc_quantity":
        data["line_index"] = "0"
    response = clerk.post(f"/documents/{doc_id}/corrections", data=data, headers=es)
    assert response.status_code == 422  # the page again, the problem beside the field
    assert spanish in response.get_data(as_text=True)
    assert counts(services) == before
    assert lot_dates(services) == [("2026-07-06", "2028-01-06")]


def test_the_portal_reads_a_quantity_with_a_decimal_comma(portal: dict[str, Any]) -> None:
    services, clerk, doc_id = portal["services"], portal["clerk"], portal["doc_id"]
    token = csrf_of(clerk.get(f"/documents/{doc_id}").get_data(as_text=True))
    response = clerk.post(
        f"/documents/{doc_id}/corrections",
        data={"csrf_token": token, "field": "umc_quantity", "line_index": "0", "value": "1.234,50"},
    )
    assert response.status_code == 302
    with services.db.session() as db:
        assert db.scalars(select(LotRow.quantity)).one() == pytest.approx(1234.5)


def test_the_api_reads_dates_in_the_callers_language(services: Services, tmp_path: Path) -> None:
    ids = seed_companies(services)
    doc_id = seed_pedimento(services, ids["a"], tmp_path)
    with services.db.session() as db:
        token = create_token(db, email="clerk@a.mx", company_id=ids["a"])
    client = create_app(services).test_client()
    url = f"/api/v1/documents/{doc_id}/corrections"

    def post(value: Any, language: str) -> Any:
        headers = {"Authorization": f"Bearer {token}", "Accept-Language": language}
        return client.post(url, json={"field": "entry_date", "value": value}, headers=headers)

    before = counts(services)
    refused = post("02/31/2026", "en")
    assert refused.status_code == 400
    assert refused.get_json()["error"] == {
        "code": "bad_value",
        "message": "entry_date: 02/31/2026 is not a real date: month 2 of 2026 has no day 31.",
    }
    refused = post("32/13/2023", "es-MX")
    assert refused.get_json()["error"]["message"] == (
        "entry_date: 32/13/2023 no es una fecha real: no existe el mes 13."
    )
    assert counts(services) == before

    english = post("07/05/2026", "en-US")  # MM/DD/YYYY in English
    assert english.status_code == 201 and english.get_json()["corrected_value"] == "2026-07-05"
    assert lot_dates(services) == [("2026-07-05", "2028-01-05")]
    spanish = post("04/07/2026", "es-MX")  # DD/MM/YYYY in Spanish
    assert spanish.status_code == 201 and spanish.get_json()["corrected_value"] == "2026-07-04"
    assert lot_dates(services) == [("2026-07-04", "2028-01-04")]


def test_a_stored_date_the_chain_cannot_read_is_a_finding_not_the_payment_date(
    embedded_services: Services, tmp_path: Path
) -> None:
    """A correction saved as text before corrections were typed (as the issue found them) stays in the evidence;
    the chain does not fall back to the payment date but names the field and the document in a finding."""
    services = embedded_services
    ids = seed_companies(services)
    doc_id = seed_pedimento(services, ids["a"], tmp_path)
    with services.db.session() as db:
        extraction_id = db.scalars(select(Extraction.id).where(Extraction.document_id == doc_id)).one()
        db.add(
            Correction(
                document_id=doc_id,
                field="entry_date",
                machine_value="2026-07-06",
                corrected_value="05/07/2026",
                extraction_id=extraction_id,
                actor="clerk@a.mx",
            )
        )
    with services.db.session() as db:
        linking.link_document(db, doc_id)
    assert lot_dates(services) == []  # not started on 09/07/2026

    from datetime import date

    from evidence.chain.findings import findings
    from evidence.models import Document

    with services.db.session() as db:
        sha = db.get(Document, doc_id).sha256  # type: ignore[union-attr]
        found = [f for f in findings(db, ids["a"], date(2026, 8, 1)) if f["code"] == "value_unusable"]
    assert len(found) == 1
    assert found[0]["details"]["field"] == "entry_date" and found[0]["details"]["value"] == "05/07/2026"
    assert found[0]["documents"] == [sha] and found[0]["severity"] == "high"
    assert "entry_date '05/07/2026' cannot be read as a date" in found[0]["message"]


def test_a_partida_without_a_quantity_is_a_finding(embedded_services: Services, tmp_path: Path) -> None:
    """A partida the chain cannot make a lot from is named, not silently left out."""
    from datetime import date

    from evidence.chain.findings import findings

    services = embedded_services
    ids = seed_companies(services)
    doc_id = seed_pedimento(services, ids["a"], tmp_path)
    with services.db.session() as db:
        extraction = db.scalars(select(Extraction).where(Extraction.document_id == doc_id)).one()
        line = dict(extraction.result["lines"][0])
        line.pop("umc_quantity")
        extraction.result = {**extraction.result, "lines": [line]}
    with services.db.session() as db:
        linking.link_document(db, doc_id)
    assert lot_dates(services) == []
    with services.db.session() as db:
        found = [f for f in findings(db, ids["a"], date(2026, 8, 1)) if f["code"] == "value_unusable"]
    assert [f["message"] for f in found] == [
        f"Pedimento {NUMBER} partida 1: umc_quantity is missing; no lot or export line is made from this partida "
        "until it is corrected."
    ]


def test_two_lines_with_the_same_partida_number_are_a_finding_not_a_failure(
    embedded_services: Services, tmp_path: Path
) -> None:
    """Found by the load benchmark: a reading with partida 1 twice failed the whole document (a unique key)."""
    from datetime import date

    from evidence.chain.findings import findings

    services = embedded_services
    ids = seed_companies(services)
    doc_id = seed_pedimento(services, ids["a"], tmp_path)
    with services.db.session() as db:
        extraction = db.scalars(select(Extraction).where(Extraction.document_id == doc_id)).one()
        first = extraction.result["lines"][0]
        extraction.result = {**extraction.result, "lines": [first, {**first, "umc_quantity": field(5)}]}
    with services.db.session() as db:
        linking.link_document(db, doc_id)
    with services.db.session() as db:
        assert [float(q) for q in db.scalars(select(LotRow.quantity))] == [1000.0]
        found = [f for f in findings(db, ids["a"], date(2026, 8, 1)) if f["code"] == "value_unusable"]
    assert [f["message"] for f in found] == [
        f"Pedimento {NUMBER} partida 1: sequence 1 appears on more than one line; only the first line with this "
        "number is used until it is corrected."
    ]
