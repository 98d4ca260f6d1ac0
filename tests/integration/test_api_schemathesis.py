"""Property-based checks of ``/api/v1`` against its own OpenAPI document (schemathesis): generated requests to
every operation never get a server error, and every answer has a documented status, content type and shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from immex.services import build_services
from tests.conftest import embedded_settings
from tests.e2e.portal_support import add_document, seed_companies, small_pdf
from web import create_app
from web.accounts.service import create_token

pytestmark = pytest.mark.integration


@pytest.fixture
def api_schema(tmp_path: Path) -> Iterator[Any]:
    services = build_services(embedded_settings(tmp_path))
    ids = seed_companies(services)
    add_document(services, ids["a"], small_pdf(tmp_path / "a.pdf"))
    with services.db.session() as db:
        token = create_token(db, email="clerk@a.mx", company_id=ids["a"])
    app = create_app(services)
    app.config["TEST_BEARER"] = token
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    services.close()


def test_every_operation_answers_as_documented(api_schema: Any) -> None:
    from hypothesis import given
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    token = api_schema.app.config["TEST_BEARER"]
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 23  # GET /reconciliation included

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case: Any) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=checks)

        run()
