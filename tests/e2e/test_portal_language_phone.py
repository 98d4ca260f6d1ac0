"""The portal in a real browser, in both languages and at phone size (390×844): a wrong password keeps the
e-mail and says why in the user's language; a bad value stays on the form with the reason; English screens show
labels and Spanish screens translate what the engines wrote; on a phone the header folds into a menu button and
wide tables scroll inside their box; the demo's dashboard has something behind every card. Screenshots of the
phone and language views go to ``docs/screenshots/``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from immex.services import build_services
from tests.conftest import embedded_settings, free_port
from tests.e2e.portal_support import PASSWORD, add_document, field, seed_companies, small_pdf
from tests.e2e.test_portal_browser import ARGS, CHROMIUM, shot
from web import create_app

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WARNING = "The RFC XAXX010101001 fails its check digit; check it against the invoice."


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict[str, Any]]:
    from werkzeug.serving import make_server

    services = build_services(embedded_settings(tmp_path, secure_cookies=False))
    ids = seed_companies(services)
    doc = add_document(
        services,
        ids["a"],
        small_pdf(tmp_path / "factura.pdf", "INVOICE INV-1"),
        filename="factura.pdf",
        doc_type="commercial_invoice",
        fields={"invoice_number": field("INV-1"), "total_amount": field(1250.5)},
    )
    from evidence.models import Extraction

    with services.db.session() as db:
        extraction = db.query(Extraction).filter_by(document_id=doc).one()
        extraction.result = {
            **extraction.result,
            "warnings": [{"code": "check_digit", "message": WARNING, "field": "buyer_tax_id"}],
        }
    app = create_app(services)
    port = free_port()
    httpd = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{port}", "services": services, "doc": doc, **ids}
    httpd.shutdown()
    thread.join(10)
    services.close()


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def sign_in(page: Any, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state("networkidle")


TEXTS = {
    "es": {
        "wrong": "El correo o la contraseña no son correctos.",
        "type": "factura comercial",
        "warning": "El RFC XAXX010101001 no pasa su dígito verificador; compárelo con la factura.",
        "bad_value": "doce mil no es un número.",
        "pages": "1 página",
        "menu": "Menú",
    },
    "en": {
        "wrong": "The e-mail or the password is not right.",
        "type": "commercial invoice",
        "warning": WARNING,
        "bad_value": "doce mil is not a number.",
        "pages": "1 page",
        "menu": "Menu",
    },
}


@pytest.mark.parametrize("language", ["es", "en"])
def test_forms_keep_what_was_typed_and_speak_the_users_language(
    server: dict[str, Any], browser: Any, language: str
) -> None:
    from playwright.sync_api import expect

    base, texts = server["url"], TEXTS[language]
    context = browser.new_context(locale="es-MX" if language == "es" else "en-US", viewport=DESKTOP)
    errors: list[str] = []
    page = context.new_page()
    # the refused sign-in (401) and value (422) are answered as such; any other console error is a defect
    page.on(
        "console",
        lambda m: errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None,
    )

    sign_in(page, base, "clerk@a.mx", "wrong-password")
    expect(page.locator("p.error")).to_have_text(texts["wrong"])
    assert page.input_value("input[name=email]") == "clerk@a.mx"
    if language == "en":
        shot(page, "login-error-en")

    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{base}/documents/{server['doc']}")
    head = page.locator(".doc-head").inner_text()
    assert texts["type"] in head and "commercial_invoice" not in head
    assert texts["pages"] in head and "1 pages" not in head
    assert texts["warning"] in page.locator("section.warnings").inner_text()

    row = page.locator("tr#f-total_amount")
    row.locator(".value-cell").click()  # edit on click
    row.locator("input[name=value]").fill("doce mil")
    row.locator("input[name=reason]").fill("acuse")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    row = page.locator("tr#f-total_amount")
    expect(row.locator(".field-error")).to_contain_text(texts["bad_value"])
    assert row.locator("input[name=value]").input_value() == "doce mil"
    assert row.locator("input[name=reason]").input_value() == "acuse"
    assert "Error 400" not in page.content()
    shot(page, f"form-error-{language}")
    assert errors == [], errors
    context.close()


@pytest.mark.parametrize("language", ["es", "en"])
def test_on_a_phone_the_header_folds_and_tables_scroll_in_their_box(
    server: dict[str, Any], browser: Any, language: str
) -> None:
    from playwright.sync_api import expect

    base, texts = server["url"], TEXTS[language]
    context = browser.new_context(
        locale="es-MX" if language == "es" else "en-US", viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    sign_in(page, base, "clerk@a.mx")
    page.goto(f"{base}/documents")
    header = page.locator("header.top")
    toggle = page.locator("header.top .menu-toggle")
    expect(toggle).to_be_visible()
    assert toggle.inner_text().strip() == texts["menu"]
    assert header.bounding_box()["height"] < PHONE["height"] * 0.12  # folded: a bar, not a third of the screen
    expect(page.locator("nav.main")).to_be_hidden()
    # the page itself never scrolls sideways; a wide table scrolls inside its own box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = page.locator("table.list").first
    assert table.evaluate("t => getComputedStyle(t).overflowX") == "auto"
    shot(page, f"phone-documents-{language}")

    toggle.click()
    expect(page.locator("nav.main")).to_be_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    shot(page, f"phone-menu-{language}")
    page.locator("nav.main a[href='/review']").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/review")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_the_demo_dashboard_has_something_behind_every_card(tmp_path: Path, browser: Any) -> None:
    from werkzeug.serving import make_server

    from immex.demo import run_demo

    services = build_services(embedded_settings(tmp_path, secure_cookies=False))
    report = run_demo(services)
    auditor = next(u for u in report.users if u["role"] == "auditor")
    httpd = make_server("127.0.0.1", free_port(), create_app(services), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    try:
        for language, viewport in (("es", DESKTOP), ("en", PHONE)):
            context = browser.new_context(locale="es-MX" if language == "es" else "en-US", viewport=viewport)
            page = context.new_page()
            sign_in(page, base, auditor["email"], auditor["password"])
            page.goto(f"{base}/dashboard")
            counts = {
                card.get_attribute("href"): int(card.locator("strong").inner_text())
                for card in page.locator(".cards a.card[href^='#']").all()  # counts (not the USD figures)
            }
            assert counts["#expiring"] >= 1 and counts["#uncovered"] >= 1 and counts["#findings"] >= 1
            findings = page.locator("#findings ~ ul").first.inner_text()
            if language == "es":
                assert "pieza" in findings and "sin evidencia de exportación" in findings
                shot(page, "dashboard")
            else:
                assert "piece" in findings and "without export evidence" in findings
                shot(page, "phone-dashboard-en")
            context.close()
        # the review queue holds the demo's document that waits for a clerk
        context = browser.new_context(locale="es-MX", viewport=DESKTOP)
        page = context.new_page()
        clerk = next(u for u in report.users if u["role"] == "clerk")
        sign_in(page, base, clerk["email"], clerk["password"])
        page.goto(f"{base}/review")
        assert "factura-rfc-con-error.pdf" in page.content()
        context.close()
    finally:
        httpd.shutdown()
        thread.join(10)
        services.close()
