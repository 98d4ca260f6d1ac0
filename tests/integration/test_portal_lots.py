"""Lots and dashboard on a real reading (a synthetic pedimento and invoice, processed by the worker): days left,
USD at risk shared from the pedimento's USD value, filters by part, fracción and pedimento, balances by part and
fracción, CSV and XLSX exports that open; the dashboard does not run the discharge again while nothing changed."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests.integration.test_web_portal import portal, processed, signed_in  # noqa: F401
from web import lot_view

pytestmark = pytest.mark.integration


def test_lots_show_days_left_and_usd_at_risk_and_export(processed: dict[str, Any]) -> None:  # noqa: F811
    from openpyxl import load_workbook

    auditor = signed_in(processed["app"], "auditor@a.mx")
    ped = processed["pair"]["pedimento"]
    number = ped["fields"]["pedimento_number"]
    fraccion = ped["lines"][0]["tariff_code"]

    rows = list(csv.DictReader(io.StringIO(auditor.get("/lots?format=csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == len(ped["lines"])
    from datetime import date

    from web.blueprints._chain import today as portal_today

    today = portal_today()  # the day the portal counts from
    assert all(int(r["days_left"]) == (date.fromisoformat(r["due_date"]) - today).days for r in rows)
    part = rows[0]["part_number"]
    total = sum(float(r["usd_at_risk"]) for r in rows)
    assert total == pytest.approx(float(ped["fields"]["usd_value"]), rel=0.01)  # nothing discharged yet

    only = list(
        csv.DictReader(
            io.StringIO(auditor.get(f"/lots?format=csv&part={part}").get_data(as_text=True).lstrip("\ufeff"))
        )
    )
    assert [r["part_number"] for r in only] == [part]
    assert auditor.get(f"/lots?format=csv&fraccion={fraccion[:4]}").get_data(as_text=True).count(number) >= 1
    assert auditor.get("/lots?format=csv&pedimento=999999").get_data(as_text=True).count("\n") == 1

    book = load_workbook(io.BytesIO(auditor.get("/lots?format=xlsx", headers={"Accept-Language": "es-MX"}).data))
    sheet = book.active
    assert sheet.cell(1, 7).value == "Días restantes"
    assert sheet.max_row == len(ped["lines"]) + 1

    html = auditor.get("/lots?sort=usd_at_risk&dir=desc", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'id="by-part"' in html and 'id="by-fraccion"' in html and part in html
    assert "USD at risk" in html and "Days left" in html


def test_the_dashboard_keeps_its_figures_until_something_changes(
    processed: dict[str, Any],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from web.blueprints import _chain

    auditor = signed_in(processed["app"], "auditor@a.mx")
    calls: list[int] = []
    original = _chain.lots

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(_chain, "lots", counting)
    lot_view._CACHE.clear()
    for _ in range(3):
        html = auditor.get("/dashboard", headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert "USD at risk in open lots" in html and "lots due within 90 days" in html
    assert len(calls) == 1
    # a note on a document is recorded: the figures are computed again
    clerk = processed["clerk"]
    from tests.e2e.portal_support import csrf_of

    doc_id = processed["results"][0][1]["document_id"]
    token = csrf_of(clerk.get(f"/documents/{doc_id}").get_data(as_text=True))
    assert clerk.post(f"/documents/{doc_id}/notes", data={"csrf_token": token, "text": "x"}).status_code == 302
    auditor.get("/dashboard")
    assert len(calls) == 2
