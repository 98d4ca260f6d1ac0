"""The document list in a real browser, in both languages and on a phone: the business number, issuer, date and
amount of each reading; sorting by a column; a bulk confirmation; a saved view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e import test_portal_language_phone as shared
from tests.e2e.portal_support import add_document, field, small_pdf
from tests.e2e.test_portal_browser import shot
from tests.e2e.test_portal_language_phone import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.e2e
server = shared.server
browser = shared.browser

DONE = {"es": "1 documento listo.", "en": "1 document done."}
SAVED = {"es": "Vista «grandes primero» guardada.", "en": "View “grandes primero” saved."}
NO_VIEWS = {"es": "Aún no hay vistas guardadas.", "en": "No saved views yet."}


def amounts_shown(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#documents tbody td.amount").all_inner_texts()]


@pytest.mark.parametrize(("language", "viewport"), [("es", DESKTOP), ("en", DESKTOP), ("es", PHONE), ("en", PHONE)])
def test_a_clerk_sorts_saves_a_view_ticks_and_confirms(
    server: dict[str, Any], browser: Any, tmp_path: Path, language: str, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    ped = add_document(
        server["services"],
        server["a"],
        small_pdf(tmp_path / "ped.pdf"),
        filename="a-ped.pdf",
        fields={"pedimento_number": field("264335856243715"), "usd_value": field(1500.25)},
        needs_review=True,
    )
    unread = add_document(server["services"], server["a"], small_pdf(tmp_path / "u.pdf", "U"), fields={})
    base = server["url"]
    context = browser.new_context(locale="es-MX" if language == "es" else "en-US", viewport=viewport)
    page = context.new_page()
    sign_in(page, base, "clerk@a.mx")
    page.goto(f"{base}/documents")
    row = page.locator(f"#documents tr[data-id='{ped}']")
    expect(row.locator(".doc-number")).to_have_text("26 43 3585 6243715")
    expect(row.locator("td.amount")).to_have_text("1,500.25 USD")  # Mexico groups as English does
    invoice = page.locator(f"#documents tr[data-id='{server['doc']}']")
    expect(invoice.locator(".doc-number")).to_have_text("INV-1")

    # sort by amount: by currency, then by amount within it; the amount whose currency was not read after the
    # dollars, marked ¤, in both directions (it does not compare with them); the document without one stays last
    amount_head = page.locator("#documents thead th:has(a.sort[href*='sort=amount'])")
    amount_head.locator("a.sort").click()
    expect(amount_head).to_have_attribute("aria-sort", "descending")
    assert amounts_shown(page) == ["1,500.25 USD", "1,250.5 ¤", ""]
    expect(page.locator("#documents tbody td.amount abbr.currency.unknown")).to_have_attribute(
        "title", "Moneda no leída" if language == "es" else "Currency not read"
    )
    amount_head.locator("a.sort").click()
    expect(amount_head).to_have_attribute("aria-sort", "ascending")
    assert amounts_shown(page) == ["1,500.25 USD", "1,250.5 ¤", ""]
    assert page.locator("#documents tbody tr").last.get_attribute("data-id") == str(unread)
    # a filter keeps the sort
    page.select_option("form.filters select[name=doc_type]", "pedimento")
    page.click("form.filters button[type=submit]")
    expect(page.locator("#documents tbody tr")).to_have_count(2)
    assert "sort=amount" in page.url and "dir=asc" in page.url
    page.goto(f"{base}/documents?sort=amount&dir=desc")

    # save the view on the server, open it from a bare list, then delete it
    page.fill("#save-view input[name=name]", "grandes primero")
    page.click("#save-view button[type=submit]")
    expect(page.locator("p.flash.ok")).to_have_text(SAVED[language])
    expect(page.locator("#saved-views a.view")).to_have_text(["grandes primero"])
    page.goto(f"{base}/documents")
    page.click("#saved-views a.view")
    expect(page.locator("#documents thead th[aria-sort]")).to_have_attribute("aria-sort", "descending")
    assert amounts_shown(page)[0] == "1,500.25 USD"
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, f"documents-sorted-view-{language}-{viewport['width']}")
    page.click("#saved-views .view-item button[type=submit]")
    expect(page.locator("#saved-views .views")).to_have_text(NO_VIEWS[language])

    # confirm the pedimento in bulk
    row = page.locator(f"#documents tr[data-id='{ped}']")
    row.locator("input[name=ids]").check()
    page.select_option("#bulk-form select[name=action]", "confirm")
    page.click("#bulk-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    expect(page.locator("p.flash.ok")).to_have_text(DONE[language])
    expect(page.locator(f"#documents tr[data-id='{ped}'] .review-flag")).to_be_hidden()
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, f"documents-list-{language}-{viewport['width']}")
    context.close()
