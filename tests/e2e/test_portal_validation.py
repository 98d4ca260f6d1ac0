"""The validation screen in a real browser, in both languages and at phone size: human field labels and the
pedimento number as brokers write it; a field lights its box on the page; edit on click, Enter saves in place
(no reload, no jump to the top) and opens the next field; a corrected value shows as a person's; a note lands
in the history; linking finds the pedimento by its number; "confirm and next" opens the next document to
review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e import test_portal_language_phone as shared
from tests.e2e.portal_support import add_document, field, small_pdf
from tests.e2e.test_portal_browser import shot
from tests.e2e.test_portal_language_phone import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.e2e
server = shared.server  # the same portal (company A, a clerk, an invoice waiting for review) and browser
browser = shared.browser

TEXTS = {
    "es": {"label": "Número de pedimento", "person": "persona", "note": "nota", "history": "Historial"},
    "en": {"label": "Pedimento number", "person": "person", "note": "note", "history": "History"},
}


def seed_pedimento(server: dict[str, Any], tmp: Path) -> int:
    return add_document(
        server["services"],
        server["a"],
        small_pdf(tmp / "ped.pdf", "PEDIMENTO 26 43 3585 6243715"),
        filename="ped.pdf",
        fields={
            "pedimento_number": field("264335856243715", 0.62, bbox=[72, 60, 300, 75]),
            "customs_office": field("430", 0.97, bbox=[72, 90, 200, 105]),
            "entry_date": field("2026-03-02", 0.91, bbox=[72, 120, 200, 135]),
        },
        needs_review=True,
    )


@pytest.mark.parametrize(("language", "viewport"), [("es", DESKTOP), ("en", DESKTOP), ("es", PHONE)])
def test_a_clerk_validates_a_pedimento(
    server: dict[str, Any], browser: Any, tmp_path: Path, language: str, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    texts = TEXTS[language]
    ped = seed_pedimento(server, tmp_path)
    base = server["url"]
    context = browser.new_context(locale="es-MX" if language == "es" else "en-US", viewport=viewport)
    page = context.new_page()
    sign_in(page, base, "clerk@a.mx")
    page.goto(f"{base}/documents/{ped}")

    row = page.locator("tr#f-pedimento_number")
    expect(row.locator("th")).to_have_text(texts["label"])
    expect(row.locator(".value")).to_have_text("26 43 3585 6243715")
    assert "pedimento_number" not in page.locator("section.fields table").first.inner_text()

    # a field lights its box on the page
    row.hover()
    expect(page.locator("svg.boxes a[data-box='f-pedimento_number'] rect.hl")).to_have_count(1)

    # edit on click; Enter saves in place and opens the next field; no reload, no jump to the top
    page.evaluate("window.__kept = true")
    row.locator(".value-cell").click()
    row.locator("input[name=value]").fill("26 43 3585 6243716")
    row.locator("input[name=value]").press("Enter")
    expect(row.locator(".corrected")).to_have_text("26 43 3585 6243716")
    expect(row.locator(".conf-td")).to_have_text(texts["person"])
    expect(page.locator("tr#f-customs_office input[name=value]")).to_be_focused()
    assert page.evaluate("window.__kept === true")  # the page was not reloaded
    page.locator("tr#f-customs_office input[name=value]").press("Escape")
    image = page.locator("figure.page img").first
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0  # the page is drawn beside the fields
    if viewport is DESKTOP:
        shot(page, f"validation-{language}")

    # a note lands in the history
    page.fill("#note-form input[name=text]", "acuse pedido al agente")
    page.click("#note-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    history = page.locator("ol.history").inner_text()
    assert "acuse pedido al agente" in history and texts["note"] in history
    assert page.locator("ol.history li.h-chain-correct").count() == 1

    # confirm and next: the next document of the review queue opens (the invoice seeded by the fixture)
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    assert page.url.endswith(f"/documents/{server['doc']}")
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_linking_finds_the_pedimento_by_its_number(server: dict[str, Any], browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    from evidence.chain import linking

    ped = seed_pedimento(server, tmp_path)
    with server["services"].db.session() as db:
        linking.link_document(db, ped)
    base = server["url"]
    context = browser.new_context(locale="en-US", viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, base, "clerk@a.mx")
    found = page.request.get(f"{base}/documents/pedimentos.json?q=26 43 3585").json()["documents"]
    assert [d["id"] for d in found] == [ped]
    assert found[0]["matches"][0]["value"] == "26 43 3585 6243715"
    page.goto(f"{base}/documents/{server['doc']}")
    page.fill("input[name=to_number]", "264335856243715")
    page.click("form.link-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#links ~ table.list a", has_text="ped.pdf")).to_have_count(1)
    context.close()
