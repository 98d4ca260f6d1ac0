"""The BOM page offers a template that imports as it is, and lists the BOMs and versions already loaded."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.e2e.portal_support import csrf_of
from tests.integration.test_web_portal import portal, signed_in  # noqa: F401

pytestmark = pytest.mark.integration


def test_the_template_imports_and_the_loaded_versions_are_listed(portal: dict[str, Any]) -> None:  # noqa: F811
    clerk = signed_in(portal["app"], "clerk@a.mx")
    empty = clerk.get("/bom", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No BOM loaded yet." in empty
    template = clerk.get("/bom/template.csv")
    assert template.status_code == 200 and template.mimetype == "text/csv"
    token = csrf_of(empty)
    response = clerk.post(
        "/bom",
        data={"csrf_token": token, "file": (io.BytesIO(template.data), "bom-template.csv")},
        headers={"Accept-Language": "es-MX"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    listed = html[html.index('id="bom-list"') :]
    assert "ARNES-100" in listed and "bom-template.csv" in listed
    assert '<td class="num">2</td>' in listed  # two components in the one version
    assert "BOM cargados" in html or "BOM cargadas" in html
    assert signed_in(portal["app"], "auditor@a.mx").get("/bom/template.csv").status_code == 403
