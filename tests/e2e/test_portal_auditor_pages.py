"""Lots, dashboard, BOM page and bundle pickers in a real browser, in both languages and on a phone: the lots
table has days left and USD at risk right-aligned with units on quantities, filters and CSV/XLSX downloads; the
dashboard shows the 30/60/90-day horizon; the BOM page lists what is loaded and offers a template; the bundle
form offers pickers and lists times as people read them."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from immex.services import build_services
from tests.conftest import drain, embedded_settings, free_port
from tests.e2e import test_portal_language_phone as shared
from tests.e2e.portal_support import PASSWORD, csrf_of, login, make_pair, seed_companies
from tests.e2e.test_portal_browser import shot
from tests.e2e.test_portal_language_phone import DESKTOP, PHONE, sign_in
from web import create_app

pytestmark = pytest.mark.e2e
browser = shared.browser

TEXTS = {
    "es": {
        "days": "Días restantes",
        "usd": "USD en riesgo",
        "horizon": "lotes que vencen en 30 días",
        "bom": "BOM cargados",
    },
    "en": {"days": "Days left", "usd": "USD at risk", "horizon": "lots due within 30 days", "bom": "Loaded BOMs"},
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A processed pedimento and its invoice (lots with USD values), served by the real portal."""
    from werkzeug.serving import make_server

    tmp = tmp_path_factory.mktemp("auditor")
    services = build_services(embedded_settings(tmp, secure_cookies=False))
    ids = seed_companies(services)
    pair = make_pair(tmp / "docs")
    app = create_app(services)
    client = app.test_client()
    login(client, "clerk@a.mx", PASSWORD)
    token = csrf_of(client.get("/upload").get_data(as_text=True))
    headers = {"X-CSRF-Token": token, "X-Requested-With": "XMLHttpRequest"}
    for p in (pair["pedimento_path"], pair["invoice_path"]):
        client.post("/upload", data={"files": (io.BytesIO(p.read_bytes()), p.name)}, headers=headers)
    drain(services)
    port = free_port()
    httpd = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{port}", "services": services, "pair": pair, **ids}
    httpd.shutdown()
    thread.join(10)
    services.close()


@pytest.mark.parametrize(("language", "viewport"), [("es", DESKTOP), ("en", DESKTOP), ("es", PHONE)])
def test_lots_dashboard_bom_and_bundles(
    world: dict[str, Any], browser: Any, tmp_path: Path, language: str, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    texts, base = TEXTS[language], world["url"]
    context = browser.new_context(
        locale="es-MX" if language == "es" else "en-US", viewport=viewport, accept_downloads=True
    )
    page = context.new_page()
    sign_in(page, base, "clerk@a.mx")
    tag = f"{language}-{viewport['width']}"

    page.goto(f"{base}/lots?sort=usd_at_risk&dir=desc")
    head = page.locator("#lots thead").inner_text()
    assert texts["days"] in head and texts["usd"] in head
    usd = page.locator("#lots td.usd").first
    assert usd.inner_text().strip()
    assert usd.evaluate("td => getComputedStyle(td).textAlign") == "right"
    quantity = page.locator("#lots tbody tr").first.locator("td.num").nth(1).inner_text()
    assert any(ch.isalpha() for ch in quantity)  # a unit by name beside the number
    with page.expect_download() as download:
        page.click("#export-xlsx")
    assert download.value.suggested_filename == "lots.xlsx"
    part = page.locator("#by-part tbody td.mono").first.inner_text()
    page.fill("#lot-filters input[name=part]", part)
    page.click("#lot-filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#lots tbody tr").count() == 1
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, f"lots-{tag}")

    # the pedimento as brokers print it: in the lots table, on the lot page and in search results
    number = str(world["pair"]["pedimento"]["fields"]["pedimento_number"])
    spaced = f"{number[:2]} {number[2:4]} {number[4:8]} {number[8:]}"
    first = page.locator("#lots tbody tr").first.locator("td a").first
    expect(first).to_have_text(spaced)
    first.click()
    expect(page.locator("h1 .ped-number")).to_have_text(spaced)
    page.goto(f"{base}/search?pedimento={number}")
    expect(page.locator("#lot-results tbody tr td a").first).to_have_text(spaced)

    page.goto(f"{base}/dashboard")
    expect(page.locator(".horizons .card[data-days='30']")).to_contain_text(texts["horizon"])
    shot(page, f"dashboard-{tag}")

    page.goto(f"{base}/bom")
    expect(page.locator("h2#loaded")).to_have_text(texts["bom"])
    with page.expect_download() as download:
        page.click("#bom-template")
    assert download.value.suggested_filename == "bom-template.csv"

    page.goto(f"{base}/bundles")
    options = page.locator("#pick-lot option").all_inner_texts()
    assert any(spaced in o for o in options)
    page.select_option("#pick-pedimento", index=1)
    page.click("form.bundle-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    title = page.locator("h1").inner_text()
    assert spaced in title and ("pedimento" in title)
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, f"bundle-{tag}")
    context.close()
