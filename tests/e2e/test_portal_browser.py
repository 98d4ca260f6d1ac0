"""The portal in a real browser: Playwright driving Debian's chromium (headless, nothing downloaded) against the
app served on a free loopback port with the embedded backend. A clerk uploads a pedimento and its invoice by the
drop zone's file picker, watches them process, opens the pedimento and corrects a field; an auditor searches the
pedimento, opens the lot and its chain and follows a document. Screenshots of the main pages go to
``docs/screenshots/``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from immex.services import build_services
from tests.conftest import REPO_ROOT, embedded_settings, free_port
from tests.e2e.portal_support import PASSWORD, make_pair, seed_companies
from web import create_app

pytestmark = pytest.mark.e2e
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO_ROOT / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict[str, Any]]:
    from werkzeug.serving import make_server

    services = build_services(embedded_settings(tmp_path, secure_cookies=False))
    ids = seed_companies(services)
    app = create_app(services)
    port = free_port()
    httpd = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{port}", "services": services, "tmp": tmp_path, **ids}
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


def sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state("networkidle")


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_clerk_uploads_and_corrects_then_auditor_follows_the_chain(server: dict[str, Any], browser: Any) -> None:
    from playwright.sync_api import expect

    base = server["url"]
    pair = make_pair(server["tmp"] / "docs")
    number = pair["pedimento"]["fields"]["pedimento_number"]
    context = browser.new_context(locale="es-MX", viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(f"{base}/login")
    shot(page, "login")
    sign_in(page, base, "clerk@a.mx")
    assert page.url.endswith("/documents")

    # upload both files through the drop zone's file input: one XHR each, with a progress bar
    page.goto(f"{base}/upload")
    page.set_input_files("#files", [str(pair["pedimento_path"]), str(pair["invoice_path"])])
    page.wait_for_selector("#upload-results tr.result-accepted >> nth=1", timeout=60_000)
    assert page.locator("#upload-results progress").count() == 2
    shot(page, "upload")

    # the list polls the status endpoint until both are processed
    page.goto(f"{base}/documents")
    # (selectors, not script strings: the page's CSP rightly forbids eval)
    expect(page.locator("#documents tr[data-done='false']")).to_have_count(0, timeout=180_000)
    statuses = page.locator("#documents .doc-status .status:not(.review-flag)").all_inner_texts()
    assert statuses == ["procesado", "procesado"]
    shot(page, "documents")

    # the pedimento's page: page image with boxes, the field table, an inline correction
    page.click("text=pedimento.pdf")
    page.wait_for_selector("figure.page img")
    image = page.locator("figure.page img").first
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    assert page.locator("svg.boxes rect").count() > 3
    row = page.locator("tr#f-customs_office")
    row.locator(".value-cell").click()  # edit on click
    row.locator("input[name=value]").fill("470")
    row.locator("input[name=reason]").fill("aduana según el acuse")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("tr#f-customs_office .corrected").inner_text() == "470"
    page.locator("figure.page").first.scroll_into_view_if_needed()
    shot(page, "document")

    page.goto(f"{base}/review")
    shot(page, "review")
    page.click("form[action='/logout'] button")
    page.wait_for_load_state("networkidle")

    # the auditor: search the pedimento, open its lot, follow a document
    sign_in(page, base, "auditor@a.mx")
    page.goto(f"{base}/search")
    page.fill("input[name=pedimento]", number)
    page.click("#search-form button[type=submit]")
    page.wait_for_selector("#lot-results a")
    shot(page, "search")
    page.click(f"#lot-results a[href='/lots/{number}/1']")
    page.wait_for_selector("ol.chain")
    docs = page.locator("ol.chain .docs a").all_inner_texts()
    assert {"pedimento.pdf", "invoice.pdf"} <= set(docs)
    shot(page, "lot")
    page.click("ol.chain .docs a >> text=invoice.pdf")
    page.wait_for_selector("h1.filename")
    assert page.locator("h1.filename").inner_text() == "invoice.pdf"
    assert page.locator("form.correct").count() == 0  # auditors read only

    page.goto(f"{base}/dashboard")
    shot(page, "dashboard")
    assert errors == [], errors
    context.close()


def _scanned_pages(folder: Path, count: int) -> Path:
    """An image-only PDF of ``count`` typed pages, scanned at 200 dpi: each page is OCR'd, one after another."""
    import random

    from reportlab.pdfgen import canvas

    from tests.synth.scan import scan_pdf

    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "typed.pdf"
    c = canvas.Canvas(str(source))
    for number in range(1, count + 1):
        c.setFont("Helvetica", 12)
        for line in range(30):
            c.drawString(
                60, 760 - 22 * line, f"Hoja {number} renglon {line + 1}: 40 cajas de arneses, factura 4471-{number}"
            )
        c.showPage()
    c.save()
    scanned = folder / "escaneo.pdf"
    scan_pdf(source, scanned, dpi=200, rng=random.Random(11))
    return scanned


def test_upload_follows_the_reading_page_by_page(server: dict[str, Any], browser: Any) -> None:
    """After the transfer, the upload page follows the job: "leyendo la página N de 6" while pages are OCR'd
    (six scanned pages take seconds; the page polls every 1.5 s), then "leído · 6 páginas leídas"."""
    import re

    from playwright.sync_api import expect

    base = server["url"]
    scan = _scanned_pages(server["tmp"] / "scan", 6)
    context = browser.new_context(locale="es-MX", viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, base, "clerk@a.mx")
    page.goto(f"{base}/upload")
    page.set_input_files("#files", [str(scan)])
    stage = page.locator("#upload-results .processing-stage")
    expect(stage).to_have_text(re.compile(r"^leyendo la página [1-6] de 6$"), timeout=120_000)
    shot(page, "upload-reading")
    expect(stage).to_have_text("leído · 6 páginas leídas", timeout=300_000)
    assert errors == [], errors
    context.close()
