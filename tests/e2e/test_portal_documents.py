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


@pytest.mark.parametrize(("language", "viewport"), [("es", DESKTOP), ("en", DESKTOP), ("en", PHONE)])
def test_a_clerk_sorts_ticks_and_confirms(
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
    base = server["url"]
    context = browser.new_context(locale="es-MX" if language == "es" else "en-US", viewport=viewport)
    page = context.new_page()
    sign_in(page, base, "clerk@a.mx")
    page.goto(f"{base}/documents")
    row = page.locator(f"#documents tr[data-id='{ped}']")
    expect(row.locator(".doc-number")).to_have_text("26 43 3585 6243715")
    expect(row.locator("td.num").first).to_have_text("1,500.25 USD")  # Mexico groups as English does
    invoice = page.locator(f"#documents tr[data-id='{server['doc']}']")
    expect(invoice.locator(".doc-number")).to_have_text("INV-1")

    # sort by file name, A first
    page.click("#documents thead a.sort >> nth=1")
    page.click("#documents thead a.sort >> nth=1")
    names = page.locator("#documents tbody td:nth-child(4) a").all_inner_texts()
    assert names == sorted(names)

    # save the view, then confirm the pedimento in bulk
    page.on("dialog", lambda d: d.accept("mine"))
    page.click("#save-view")
    expect(page.locator("#saved-views a.view")).to_have_text(["mine"])
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
