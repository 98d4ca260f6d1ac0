"""Generic request limits: a 10 MB value and a 200,000-deep JSON body are refused with a 400 and a message
before any handler (or the audit log) sees them; ordinary requests still pass."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from evidence.models import AuditEvent
from immex.services import Services, build_services
from tests.conftest import embedded_settings
from tests.e2e.portal_support import seed_companies
from web import create_app
from web.accounts.service import create_token

pytestmark = pytest.mark.integration


@pytest.fixture
def app(tmp_path: Path) -> Iterator[tuple[Services, Any, str]]:
    services = build_services(embedded_settings(tmp_path))
    ids = seed_companies(services)
    with services.db.session() as db:
        token = create_token(db, email="clerk@a.mx", company_id=ids["a"])
    yield services, create_app(services).test_client(), token
    services.close()


def events(services: Services) -> int:
    with services.db.session() as db:
        return int(db.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_a_10_mb_correction_value_is_refused_before_the_audit_log(app: tuple[Services, Any, str]) -> None:
    services, client, token = app
    before = events(services)
    response = client.post(
        "/api/v1/documents/1/corrections",
        json={"field": "total", "value": "9" * (10 * 1024 * 1024), "reason": "x"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "body_too_large"
    response = client.post(
        "/api/v1/documents/1/corrections",
        json={"field": "total", "value": "9" * 50_000, "reason": "x"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "value_too_long" and "10000 characters" in error["message"]
    assert events(services) == before


def test_a_200000_deep_json_body_is_a_400_not_a_500(app: tuple[Services, Any, str]) -> None:
    services, client, token = app
    before = events(services)
    body = "[" * 200_000 + "]" * 200_000
    response = client.post(
        "/api/v1/links",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "too_deep"
    deep_in_a_string = '{"note": "' + "[" * 1000 + '"}'  # brackets inside a string are not nesting
    response = client.post(
        "/api/v1/links",
        data=deep_in_a_string,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code != 400 or response.get_json()["error"]["code"] not in ("too_deep", "bad_json")
    assert events(services) == before


def test_a_huge_form_field_is_refused_with_a_translated_message(app: tuple[Services, Any, str]) -> None:
    services, client, _token = app
    before = events(services)
    for size in (50_000, 10 * 1024 * 1024):
        response = client.post(
            "/login",
            data={"email": "clerk@a.mx", "password": "x" * size},
            headers={"Accept-Language": "es-MX"},
        )
        assert response.status_code == 400
        assert "caracteres" in response.get_data(as_text=True)
    assert events(services) == before
