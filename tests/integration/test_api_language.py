"""API errors speak the caller's language: the call's Accept-Language, else the language the token's user chose,
else English. The JSON shape stays ``{"error": {"code", "message"}}`` and the code stays a stable English
identifier; only the message is translated (and said to be, in Content-Language)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from immex.services import Services
from tests.e2e.portal_support import seed_companies
from web import create_app
from web.accounts.models import User
from web.accounts.service import create_token

pytestmark = pytest.mark.integration


@pytest.fixture
def api(services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(services)
    with services.db.session() as db:
        tokens = {who: create_token(db, email=who, company_id=ids["a"]) for who in ("clerk@a.mx", "auditor@a.mx")}
        db.query(User).filter_by(email="auditor@a.mx").one().locale = "es"
    app = create_app(services)

    def call(who: str | None, method: str, url: str, language: str | None = None, **kwargs: Any) -> Any:
        headers = {"Accept-Language": language} if language else {}
        if who:
            headers["Authorization"] = f"Bearer {tokens[who]}"
        return app.test_client().open(url, method=method, headers=headers, **kwargs)

    return {"call": call}


@pytest.mark.parametrize(
    ("who", "language", "expected"),
    [
        ("clerk@a.mx", None, "en"),  # nothing asked: English, as the API always answered
        ("clerk@a.mx", "es-MX,es;q=0.9", "es"),
        ("auditor@a.mx", None, "es"),  # the user chose Spanish in the portal
        ("auditor@a.mx", "en", "en"),  # the call's own header wins
    ],
)
def test_errors_in_the_callers_language(api: dict[str, Any], who: str, language: str | None, expected: str) -> None:
    call = api["call"]
    cases = [
        (call(who, "GET", "/api/v1/documents/999999", language), 404, "not_found"),
        (call(who, "GET", "/api/v1/chain", language), 400, "bad_request"),
        (call(who, "GET", "/api/v1/nowhere", language), 404, "not_found"),
    ]
    if who == "clerk@a.mx":
        cases.append((call(who, "POST", "/api/v1/links", language, data="[]"), 400, "bad_request"))
    else:  # an auditor's token may only read
        cases.append((call(who, "POST", "/api/v1/links", language, json={}), 403, "forbidden"))
    english = {
        "not_found": ("There is no document 999999.", "There is nothing here"),
        "bad_request": ("Give the import pedimento number", "Send a JSON object"),
        "forbidden": ("Your role does not allow this.",),
    }
    spanish = {
        "not_found": ("No existe el documento 999999", "No hay nada aquí"),
        "bad_request": ("Indique el número del pedimento", "Envíe un objeto JSON"),
        "forbidden": ("Su rol no permite",),
    }
    for response, status, code in cases:
        assert response.status_code == status
        body = response.get_json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
        assert body["error"]["code"] == code
        assert response.headers["Content-Language"] == expected
        starts = (english if expected == "en" else spanish)[code]
        assert body["error"]["message"].startswith(starts), body["error"]["message"]


def test_no_token_is_refused_in_the_callers_language(api: dict[str, Any]) -> None:
    response = api["call"](None, "GET", "/api/v1/documents", "es")
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"
    assert response.get_json()["error"]["message"].startswith("Inicie sesión")
