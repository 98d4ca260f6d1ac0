"""The document list's summary (number, issuer, date, amount) is kept in ``document_summaries`` by every writer
of a reading or a correction: the worker that reads an upload, a person's correction, a re-read. The list sorts
by it in SQL across pages (both directions, documents without the value last) with its filters still applied,
and migration 0015 fills it for documents read before it existed."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from evidence.models import DocumentSummary
from immex.services import Services
from tests.conftest import drain
from tests.e2e.portal_support import PASSWORD, add_document, csrf_of, field, login, make_pair, seed_companies, small_pdf
from web import create_app
from web.accounts.service import create_token
from web.blueprints._util import SORTS
from web.openapi import DOCUMENT_SORTS

pytestmark = pytest.mark.integration
ROW = re.compile(r'<tr data-id="(\d+)"')


def signed_in(app: Any, email: str) -> Any:
    client = app.test_client()
    assert login(client, email, PASSWORD).status_code == 302
    return client


@pytest.fixture
def portal(embedded_services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(embedded_services)
    return {**ids, "services": embedded_services, "app": create_app(embedded_services), "tmp": tmp_path}


def summary_of(services: Services, document_id: int) -> dict[str, Any] | None:
    with services.db.session() as db:
        row = db.get(DocumentSummary, document_id)
        if row is None:
            return None
        return {
            "number": row.number,
            "issuer": row.issuer,
            "doc_date": row.doc_date,
            "amount": row.amount,
            "currency": row.currency,
        }


def test_the_summary_follows_the_reading_each_correction_and_a_reread(portal: dict[str, Any]) -> None:
    services = portal["services"]
    clerk = signed_in(portal["app"], "clerk@a.mx")
    token = csrf_of(clerk.get("/upload").get_data(as_text=True))
    pair = make_pair(portal["tmp"] / "docs")
    headers = {"X-CSRF-Token": token, "X-Requested-With": "XMLHttpRequest", "Accept-Language": "en"}
    ids = {}
    for name in ("pedimento", "invoice"):
        data = pair[f"{name}_path"].read_bytes()
        response = clerk.post("/upload", data={"files": (io.BytesIO(data), f"{name}.pdf")}, headers=headers)
        ids[name] = response.get_json()["results"][0]["document_id"]
    drain(services)

    # the worker's reading
    ped, inv = pair["pedimento"]["fields"], pair["invoice"]["fields"]
    pedimento = summary_of(services, ids["pedimento"])
    assert pedimento is not None
    assert pedimento["number"] == ped["pedimento_number"]
    assert pedimento["amount"] == Decimal(str(ped["usd_value"])) and pedimento["currency"] == "USD"
    invoice = summary_of(services, ids["invoice"])
    assert invoice == {
        "number": inv["invoice_number"],
        "issuer": inv["seller_name"],
        "doc_date": date.fromisoformat(inv["invoice_date"]),
        "amount": Decimal(str(inv["total_amount"])).quantize(Decimal("0.0001")),
        "currency": inv["currency"],
    }

    # a person's corrections, through the document page
    for name, value in (("total_amount", "12,345.67"), ("seller_name", "Acme Wire Co")):
        response = clerk.post(
            f"/documents/{ids['invoice']}/corrections",
            data={"csrf_token": token, "field": name, "value": value},
            headers={"Accept-Language": "en"},
        )
        assert response.status_code == 302
    corrected = summary_of(services, ids["invoice"])
    assert corrected is not None
    assert (corrected["amount"], corrected["issuer"]) == (Decimal("12345.6700"), "Acme Wire Co")

    # a re-read rewrites it (from the new reading, the corrections still on top)
    with services.db.session() as db:
        row = db.get(DocumentSummary, ids["invoice"])
        assert row is not None
        row.number, row.amount = None, None
    response = clerk.post("/documents/bulk", data={"csrf_token": token, "action": "reread", "ids": [ids["invoice"]]})
    assert response.status_code == 302
    assert summary_of(services, ids["invoice"]) == corrected

    # the list shows the pedimento number as brokers print it
    listing = clerk.get("/documents?sort=number&dir=asc").get_data(as_text=True)
    n = ped["pedimento_number"]
    assert f"{n[:2]} {n[2:4]} {n[4:8]} {n[8:]}" in listing


def order(client: Any, query: str) -> list[int]:
    response = client.get(f"/documents?{query}")
    assert response.status_code == 200
    return [int(i) for i in ROW.findall(response.get_data(as_text=True))]


def test_the_list_sorts_across_pages_with_missing_values_last(portal: dict[str, Any]) -> None:
    services, tmp, a = portal["services"], portal["tmp"], portal["a"]
    amounts: dict[int, float] = {}
    for i in range(53):  # more than a page (50)
        value = (i * 37) % 53 + 0.5
        doc = add_document(
            services,
            a,
            small_pdf(tmp / f"i{i}.pdf", f"INVOICE {i}"),
            filename=f"i{i}.pdf",
            doc_type="commercial_invoice",
            page_text=f"INVOICE {i}",
            fields={
                "invoice_number": field(f"INV-{i:03d}"),
                "total_amount": field(value),
                "seller_name": field(["zeta", "Alpha", "beta"][i % 3]),
                "invoice_date": field(f"2026-01-{i % 28 + 1:02d}"),
            },
        )
        amounts[doc] = value
    bare = [
        add_document(services, a, small_pdf(tmp / f"b{i}.pdf", f"B {i}"), filename=f"b{i}.pdf", fields={})
        for i in range(2)
    ]
    other = add_document(
        services,
        portal["b"],
        small_pdf(tmp / "other.pdf", "OTHER"),
        doc_type="commercial_invoice",
        fields={"total_amount": field(0.01)},
    )
    clerk = signed_in(portal["app"], "clerk@a.mx")

    ascending = order(clerk, "sort=amount&dir=asc") + order(clerk, "sort=amount&dir=asc&page=2")
    by_amount = sorted(amounts, key=lambda d: amounts[d])
    assert ascending == by_amount + sorted(bare)  # the cheapest first, across both pages; no amount last
    descending = order(clerk, "sort=amount&dir=desc") + order(clerk, "sort=amount&dir=desc&page=2")
    assert descending == by_amount[::-1] + sorted(bare, reverse=True)
    assert other not in ascending + descending  # another company's document never shows

    # the issuer ignores case; a filter keeps working with the sort
    issuers = order(clerk, "sort=issuer&dir=asc&doc_type=commercial_invoice")
    with services.db.session() as db:
        names = dict(db.execute(select(DocumentSummary.document_id, DocumentSummary.issuer)).tuples().all())
    shown = [names[d] for d in issuers]
    assert shown == sorted(shown, key=str.lower) and len(issuers) == 50
    assert not set(bare) & set(issuers)
    dates = order(clerk, "sort=date&dir=desc&q=INVOICE")
    with services.db.session() as db:
        date_of = dict(db.execute(select(DocumentSummary.document_id, DocumentSummary.doc_date)).tuples().all())
    assert len(dates) == 50 and not set(bare) & set(dates)
    assert [date_of[d] for d in dates] == sorted((date_of[d] for d in dates), reverse=True)
    numbers = order(clerk, "sort=number&dir=desc")
    with services.db.session() as db:
        number_of = dict(db.execute(select(DocumentSummary.document_id, DocumentSummary.number)).tuples().all())
    assert [number_of[d] for d in numbers] == sorted((number_of[d] for d in amounts), reverse=True)[:50]

    # the API sorts the same way, and its OpenAPI document names every sort the list has
    with services.db.session() as db:
        token = create_token(db, email="clerk@a.mx", company_id=a)
    api = portal["app"].test_client()
    listed = api.get("/api/v1/documents?sort=amount&dir=asc&limit=500", headers={"Authorization": f"Bearer {token}"})
    assert [d["id"] for d in listed.get_json()["documents"]] == ascending
    assert set(DOCUMENT_SORTS) == set(SORTS)

    page = clerk.get("/documents?sort=amount&dir=asc").get_data(as_text=True)
    assert 'aria-sort="ascending"' in page and "sort=amount" in page
    flipped = clerk.get("/documents?sort=amount&dir=desc").get_data(as_text=True)
    assert 'aria-sort="descending"' in flipped


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'backfill.db'}"
    return str(request.getfixturevalue("pg_url"))


def test_the_migration_fills_summaries_of_documents_already_read(database_url: str) -> None:
    from migrations.runner import upgrade_database

    upgrade_database(database_url, "0013")
    engine = sa.create_engine(database_url)
    json = sa.JSON()
    extractions = sa.table(
        "extractions",
        *(sa.column(n) for n in ("document_id", "extractor_version", "doc_type", "needs_review", "created_at")),
        sa.column("result", json),
    )
    corrections = sa.table(
        "chain_corrections",
        *(sa.column(n) for n in ("document_id", "line_index", "field", "extraction_id", "actor", "created_at")),
        sa.column("corrected_value", json),
    )
    day = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO companies (id, rfc, name, created_at) VALUES (1, 'AAA010101AAA', 'A', :t)"), {"t": day}
        )
        for doc_id in (1, 2, 3):
            conn.execute(
                sa.text(
                    "INSERT INTO documents (id, company_id, sha256, filename, media_type, size, source, provenance,"
                    " received_at, status, attempts, needs_review, updated_at) VALUES (:id, 1, :sha, 'f.pdf',"
                    " 'application/pdf', 1, 'upload', '{}', :t, 'processed', 0, false, :t)"
                ),
                {"id": doc_id, "sha": f"{doc_id:064d}", "t": day},
            )
        first = {"fields": {"invoice_number": {"value": "OLD"}, "total_amount": {"value": 5}}}
        newest = {
            "doc_type": "commercial_invoice",
            "fields": {
                "invoice_number": {"value": "INV-9"},
                "seller_name": {"value": "Acme"},
                "invoice_date": {"value": "2026-02-03"},
                "total_amount": {"value": 99.5},
                "currency": {"value": "USD"},
            },
        }
        pedimento = {"doc_type": "pedimento", "fields": {"pedimento_number": {"value": "264335856243715"}}}
        for doc_id, version, doc_type, result, at in (
            (1, "1", "commercial_invoice", first, day),
            (1, "2", "commercial_invoice", newest, day + timedelta(days=1)),
            (2, "1", "pedimento", pedimento, day),
        ):
            conn.execute(
                extractions.insert().values(
                    document_id=doc_id,
                    extractor_version=version,
                    doc_type=doc_type,
                    needs_review=False,
                    result=result,
                    created_at=at,
                )
            )
        conn.execute(
            corrections.insert().values(
                document_id=1, line_index=None, field="total_amount", corrected_value=120, actor="c", created_at=day
            )
        )
    engine.dispose()

    upgrade_database(database_url)
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        rows = {
            r.document_id: (r.company_id, r.number, r.issuer, r.doc_date, r.amount, r.currency)
            for r in conn.execute(sa.text("SELECT * FROM document_summaries ORDER BY document_id"))
        }
    engine.dispose()
    assert set(rows) == {1, 2}  # document 3 has no reading yet
    company, number, issuer, when, amount, currency = rows[1]
    assert (company, number, issuer, currency) == (1, "INV-9", "Acme", "USD")
    assert str(when)[:10] == "2026-02-03" and Decimal(str(amount)) == Decimal(120)
    assert rows[2][1] == "264335856243715" and rows[2][4] is None


def test_sorting_by_amount_groups_by_currency(services: Services, tmp_path: Path) -> None:
    """Dollars and pesos do not compare: the list sorts by currency, then by amount within it (amounts whose
    currency was not read after, documents without an amount last), and shows each amount's currency."""
    ids = seed_companies(services)
    a = ids["a"]
    shown = {  # (amount field, amount, currency field or None)
        "usd-2000": ("total_amount", 2000.0, "USD"),
        "mxn-1500": ("customs_value_mxn", 1500.0, None),  # the field says its currency
        "usd-100": ("usd_value", 100.0, None),
        "mxn-50": ("total_amount", 50.0, "MXN"),
        "eur-900": ("total_amount", 900.0, "EUR"),
        "unknown-700": ("total_amount", 700.0, None),
        "unknown-30": ("total_amount", 30.0, None),
    }
    doc: dict[str, int] = {}
    for name, (amount_field, amount, currency) in shown.items():
        fields = {amount_field: field(amount)} | ({"currency": field(currency)} if currency else {})
        doc[name] = add_document(
            services,
            a,
            small_pdf(tmp_path / f"{name}.pdf", name),
            filename=f"{name}.pdf",
            doc_type="commercial_invoice",
            fields=fields,
        )
    doc["none"] = add_document(services, a, small_pdf(tmp_path / "none.pdf", "none"), filename="none.pdf", fields={})
    app = create_app(services)
    clerk = signed_in(app, "clerk@a.mx")

    ascending = ["eur-900", "mxn-50", "mxn-1500", "usd-100", "usd-2000", "unknown-30", "unknown-700", "none"]
    descending = ["eur-900", "mxn-1500", "mxn-50", "usd-2000", "usd-100", "unknown-700", "unknown-30", "none"]
    assert order(clerk, "sort=amount&dir=asc") == [doc[n] for n in ascending]
    assert order(clerk, "sort=amount&dir=desc") == [doc[n] for n in descending]
    with services.db.session() as db:
        token = create_token(db, email="clerk@a.mx", company_id=a)
    listed = app.test_client().get(
        "/api/v1/documents?sort=amount&dir=asc", headers={"Authorization": f"Bearer {token}"}
    )
    assert [d["id"] for d in listed.get_json()["documents"]] == [doc[n] for n in ascending]

    page = clerk.get("/documents?sort=amount&dir=desc", headers={"Accept-Language": "es"}).get_data(as_text=True)
    cells = re.findall(r'<td class="num amount">(.*?)</td>', page)
    assert cells[:2] == ['900 <span class="currency">EUR</span>', '1,500 <span class="currency">MXN</span>']
    assert cells[5] == '700 <abbr class="currency unknown" title="Moneda no leída">¤</abbr>' and cells[7] == ""
