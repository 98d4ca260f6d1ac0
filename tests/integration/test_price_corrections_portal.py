"""A clerk corrects an invoice line's prices on the review screen as the screen shows them, on both backends
(SQLite and PostgreSQL): the price as quoted (``quoted_price``, ``12.50`` per thousand) and the pieces it is for
(``price_basis``: ``M``, ``/M``, ``1 000``). Each accepted correction is a new row beside the machine value, audited,
and shown as read; each refused one is a message in the clerk's language that saves nothing. A correction that
changes the price of one piece brings the line's unit price along as a correction of its own that says why, and a
unit price typed against the quoted one is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from evidence.chain import build, linking
from evidence.chain.models import Correction, InvoiceLine
from evidence.models import AuditEvent, Extraction
from immex.services import Services
from tests.e2e.portal_support import PASSWORD, add_document, csrf_of, field, login, seed_companies, small_pdf
from web import create_app
from web.accounts.service import create_token

pytestmark = pytest.mark.integration


def seed_invoice(services: Services, company_id: int, tmp: Path, name: str = "inv.pdf") -> int:
    """A dollar invoice of two lines: screws quoted at 12.50 per thousand (no unit price printed), and washers
    whose page prints both the price per hundred and the price of one."""
    pdf = small_pdf(tmp / name, "COMMERCIAL INVOICE F-1001")
    doc_id = add_document(
        services,
        company_id,
        pdf,
        doc_type="commercial_invoice",
        fields={"invoice_number": field("F-1001"), "currency": field("USD"), "total_amount": field(220.0)},
    )
    with services.db.session() as db:
        extraction = db.scalars(select(Extraction).where(Extraction.document_id == doc_id)).one()
        lines = [
            {
                "part_number": field("TOR-001"),
                "quantity": field(16000),
                "quoted_price": field(12.5, 0.55),
                "price_basis": field(1000),
                "amount": field(200.0),
            },
            {
                "part_number": field("ARA-002"),
                "quantity": field(1000),
                "quoted_price": field(2.0),
                "price_basis": field(100),
                "unit_price": field(0.02),
                "amount": field(20.0),
            },
        ]
        extraction.result = {**extraction.result, "lines": lines}
    with services.db.session() as db:
        linking.link_document(db, doc_id)
    return doc_id


def counts(services: Services) -> tuple[int, int]:
    with services.db.session() as db:
        return (
            int(db.scalar(select(func.count()).select_from(Correction)) or 0),
            int(db.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "chain.correct"))),
        )


def rows(services: Services, doc_id: int) -> list[tuple[int | None, str, Any, Any, str | None]]:
    with services.db.session() as db:
        found = db.scalars(select(Correction).where(Correction.document_id == doc_id).order_by(Correction.id))
        return [(c.line_index, c.field, c.machine_value, c.corrected_value, c.reason) for c in found]


def chain_prices(services: Services) -> list[float | None]:
    with services.db.session() as db:
        found = db.scalars(select(InvoiceLine).where(InvoiceLine.present.is_(True)).order_by(InvoiceLine.id))
        return [float(r.unit_price) if r.unit_price is not None else None for r in found]


@pytest.fixture
def portal(services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(services)
    doc_id = seed_invoice(services, ids["a"], tmp_path)
    other_id = seed_invoice(services, ids["b"], tmp_path, "other.pdf")
    clerk = create_app(services).test_client()
    assert login(clerk, "clerk@a.mx", PASSWORD).status_code == 302
    return {"services": services, "clerk": clerk, "doc_id": doc_id, "other_id": other_id, "ids": ids}


def post(portal: dict[str, Any], line: str | None, name: str, value: str, language: str = "es-MX", **kw: Any) -> Any:
    clerk, doc_id = portal["clerk"], kw.pop("doc_id", portal["doc_id"])
    headers = {"Accept-Language": language, **kw.pop("headers", {})}
    token = csrf_of(clerk.get(f"/documents/{portal['doc_id']}", headers=headers).get_data(as_text=True))
    data = {"csrf_token": token, "field": name, "value": value, **kw}
    if line is not None:
        data["line_index"] = line
    return clerk.post(f"/documents/{doc_id}/corrections", data=data, headers=headers)


def test_the_chain_divides_a_price_quoted_per_thousand(portal: dict[str, Any]) -> None:
    """Before, a line quoted per thousand had no unit price in the chain at all."""
    assert chain_prices(portal["services"])[:2] == [pytest.approx(0.0125), pytest.approx(0.02)]


def test_typed_corrections_of_the_prices_are_new_rows_audited_and_shown(portal: dict[str, Any]) -> None:
    services, doc_id = portal["services"], portal["doc_id"]
    before = counts(services)
    assert post(portal, "0", "quoted_price", "$ 14.00").status_code == 302
    assert post(portal, "0", "quoted_price", "1.234,50 USD").status_code == 302
    assert post(portal, "0", "price_basis", "/M").status_code == 302
    assert post(portal, "0", "price_basis", "C", reason="por ciento").status_code == 302
    assert rows(services, doc_id) == [
        (0, "quoted_price", 12.5, 14, None),
        (0, "quoted_price", 12.5, 1234.5, None),  # a new row: the first correction stays
        (0, "price_basis", 1000, 1000, None),
        (0, "price_basis", 1000, 100, "por ciento"),
    ]
    assert counts(services) == (before[0] + 4, before[1] + 4)
    assert chain_prices(services)[0] == pytest.approx(12.345)  # 1234.50 per hundred
    with services.db.session() as db:
        extraction = db.scalars(select(Extraction).where(Extraction.document_id == doc_id)).one()
        assert extraction.result["lines"][0]["quoted_price"]["value"] == 12.5  # the reading is never edited
    page = portal["clerk"].get(f"/documents/{doc_id}", headers={"Accept-Language": "es-MX"}).get_data(as_text=True)
    assert '<span class="corrected" data-field="quoted_price">1,234.5</span>' in page
    assert '<span class="corrected" data-field="price_basis">100</span>' in page


def test_a_new_quoted_price_brings_the_unit_price_printed_beside_it_along(portal: dict[str, Any]) -> None:
    services, doc_id = portal["services"], portal["doc_id"]
    before = counts(services)
    response = post(portal, "1", "quoted_price", "2,50", headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["correction"]["field"] == "quoted_price" and body["correction"]["line_index"] == 1
    assert body["shown"] == "2.5" and body["reload"] is True  # the unit price cell changed too
    assert [(c["field"], c["corrected_value"], c["derived"]) for c in body["derived"]] == [("unit_price", 0.025, True)]
    assert rows(services, doc_id)[-1] == (1, "unit_price", 0.02, 0.025, build.DERIVED_REASON)
    assert counts(services) == (before[0] + 2, before[1] + 2)
    with services.db.session() as db:
        newest = select(AuditEvent).where(AuditEvent.action == "chain.correct").order_by(AuditEvent.id.desc())
        event = db.scalars(newest).first()
        assert event is not None and event.details["derived_from"] == body["correction"]["id"]
    assert chain_prices(services)[1] == pytest.approx(0.025)
    page = portal["clerk"].get(f"/documents/{doc_id}", headers={"Accept-Language": "es-MX"}).get_data(as_text=True)
    assert "precio unitario = precio cotizado ÷ piezas a las que corresponde" in page
    # the same price again changes nothing more than its own row: the unit price already agrees
    assert post(portal, "1", "price_basis", "C").status_code == 302
    assert counts(services) == (before[0] + 3, before[1] + 3)


@pytest.mark.parametrize(
    ("line", "name", "typed", "spanish"),
    [
        ("0", "price_basis", "0", "0 no es válido: las piezas a las que corresponde un precio son un número entero"),
        ("0", "price_basis", "-1000", "-1000 no es válido: las piezas"),
        ("0", "price_basis", "1,5", "1,5 no es válido: las piezas"),
        ("0", "price_basis", "NaN", "NaN no es válido: las piezas"),
        ("0", "quoted_price", "12.40 EUR", "12.40 EUR: este documento está en USD"),
        ("0", "quoted_price", "Infinity", "Infinity no es un número."),
        ("0", "quoted_price", "1e309", "1e309 no es un número."),
        ("0", "quoted_price", "9" * 300, "es demasiado grande: una cifra tiene como máximo 14 dígitos"),
        ("0", "quoted_price", "per 1000", "per 1000 no es un número."),
        ("0", "unit_price", "0.05", "0.05 no concuerda con el precio de esta línea de 12.5 por 1,000 piezas"),
        ("7", "quoted_price", "12.5", "El documento tiene 2 líneas; la línea 8 no existe"),
        ("x", "quoted_price", "12.5", "line_index&#39; debe ser un número entero"),
    ],
)
def test_what_the_screen_refuses_is_said_in_spanish_and_saves_nothing(
    portal: dict[str, Any], line: str, name: str, typed: str, spanish: str
) -> None:
    services = portal["services"]
    before, prices = counts(services), chain_prices(services)
    response = post(portal, line, name, typed)
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert spanish in response.get_data(as_text=True)
    assert counts(services) == before and chain_prices(services) == prices
    english = post(portal, line, name, typed, language="en-US", headers={"X-Requested-With": "XMLHttpRequest"})
    assert english.status_code == 422 and english.get_json()["error"]["code"] == "bad_value"
    assert "no es" not in english.get_json()["error"]["message"]
    assert counts(services) == before


def test_a_blank_clears_the_value_as_a_correction_of_its_own(portal: dict[str, Any]) -> None:
    services, doc_id = portal["services"], portal["doc_id"]
    assert post(portal, "0", "quoted_price", "   ").status_code == 302
    assert rows(services, doc_id) == [(0, "quoted_price", 12.5, None, None)]
    assert chain_prices(services)[0] is None


def test_another_companys_line_is_not_found_and_untouched(portal: dict[str, Any]) -> None:
    services = portal["services"]
    before = counts(services)
    response = post(portal, "0", "quoted_price", "1.00", doc_id=portal["other_id"])
    assert response.status_code == 404
    assert counts(services) == before
    with services.db.session() as db:
        token = create_token(db, email="clerk@a.mx", company_id=portal["ids"]["a"])
    api = create_app(services).test_client()
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "es-MX"}
    url = f"/api/v1/documents/{portal['other_id']}/corrections"
    body = {"field": "quoted_price", "line_index": 0, "value": 1}
    assert api.post(url, json=body, headers=headers).status_code == 404
    assert counts(services) == before


def test_the_api_reads_the_same_cells(portal: dict[str, Any]) -> None:
    services, doc_id = portal["services"], portal["doc_id"]
    with services.db.session() as db:
        token = create_token(db, email="clerk@a.mx", company_id=portal["ids"]["a"])
    api = create_app(services).test_client()
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en-US"}
    url = f"/api/v1/documents/{doc_id}/corrections"
    before = counts(services)
    for body in (
        {"field": "price_basis", "line_index": True, "value": "M"},  # a boolean is no line number
        {"field": "quoted_price", "line_index": 0, "value": 1e308},
        {"field": "price_basis", "line_index": 0, "value": 0},
    ):
        assert api.post(url, json=body, headers=headers).status_code == 400, body
    assert counts(services) == before
    created = api.post(url, json={"field": "price_basis", "line_index": 0, "value": "per 1000 pcs"}, headers=headers)
    assert created.status_code == 201 and created.get_json()["corrected_value"] == 1000
    assert created.get_json()["derived_corrections"] == []
    body = {"field": "quoted_price", "line_index": 1, "value": "3.00 USD"}
    washers = api.post(url, json=body, headers=headers).get_json()
    assert washers["corrected_value"] == 3
    assert [(c["field"], c["line_index"], c["corrected_value"]) for c in washers["derived_corrections"]] == [
        ("unit_price", 1, 0.03)
    ]
