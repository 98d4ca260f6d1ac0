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


def seed_quoted_invoice(server: dict[str, Any], tmp: Path) -> int:
    """An invoice whose screws are quoted at 12.50 per thousand and whose washers print the price per hundred
    and the price of one."""
    from sqlalchemy import select

    from evidence.models import Extraction

    doc_id = add_document(
        server["services"],
        server["a"],
        small_pdf(tmp / "quoted.pdf", "COMMERCIAL INVOICE F-2002"),
        filename="quoted.pdf",
        doc_type="commercial_invoice",
        fields={"invoice_number": field("F-2002"), "currency": field("USD")},
        needs_review=True,
    )
    with server["services"].db.session() as db:
        extraction = db.scalars(select(Extraction).where(Extraction.document_id == doc_id)).one()
        lines = [
            {"quantity": field(16000), "quoted_price": field(12.5, 0.5), "price_basis": field(1000)},
            {"quantity": field(1000), "quoted_price": field(2.0), "price_basis": field(100), "unit_price": field(0.02)},
        ]
        extraction.result = {**extraction.result, "lines": lines}
    return doc_id


def test_a_clerk_types_a_price_per_thousand_as_the_screen_shows_it(
    server: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    """``1.234,50`` saves in place as 1,234.5; ``/M`` as 1,000; a refused basis is said beside the cell; a new
    quoted price on a line that prints its unit price brings the unit price along (the page reloads to show it)."""
    from playwright.sync_api import expect

    doc_id = seed_quoted_invoice(server, tmp_path)
    context = browser.new_context(locale="es-MX", viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, server["url"], "clerk@a.mx")
    page.goto(f"{server['url']}/documents/{doc_id}")

    quoted = page.locator("tr#l0-quoted_price")
    expect(quoted.locator("th")).to_have_text("Precio cotizado")
    quoted.locator(".value-cell").click()
    quoted.locator("input[name=value]").fill("1.234,50")
    quoted.locator("input[name=value]").press("Enter")
    expect(quoted.locator(".corrected")).to_have_text("1,234.5")

    basis = page.locator("tr#l0-price_basis")  # saving opened the next cell's box
    expect(basis.locator("input[name=value]")).to_be_focused()
    basis.locator("input[name=value]").fill("0")
    basis.locator("input[name=value]").press("Enter")
    expect(basis.locator(".field-error")).to_contain_text("no es válido: las piezas a las que corresponde un precio")
    basis.locator("input[name=value]").fill("/M")
    basis.locator("input[name=value]").press("Enter")
    expect(basis.locator(".corrected")).to_have_text("1,000")

    washers = page.locator("tr#l1-quoted_price")
    washers.locator(".value-cell").click()
    washers.locator("input[name=value]").fill("$ 2.50")
    with page.expect_navigation():
        washers.locator("input[name=value]").press("Enter")
    expect(page.locator("tr#l1-unit_price .corrected")).to_have_text("0.025")
    expect(page.locator("tr#l1-quoted_price .corrected")).to_have_text("2.5")
    context.close()
