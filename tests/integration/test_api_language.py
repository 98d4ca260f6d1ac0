"""API errors speak the caller's language: the call's Accept-Language, else the language the user of the token or
of the session cookie chose, else the deployment's default language, as the portal does (Spanish: a caller who
names no language is not answered in English for it). The JSON shape stays ``{"error": {"code", "message"}}`` and
the code stays a stable English identifier; only the message is translated (and said to be, in Content-Language)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from immex import i18n
from immex.services import Services
from tests.e2e.portal_support import PASSWORD, login, seed_companies
from web import create_app
from web.accounts.models import User
from web.accounts.service import create_token

pytestmark = pytest.mark.integration


@pytest.fixture
def api(services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(services)
    with services.db.session() as db:
        people = ("clerk@a.mx", "auditor@a.mx", "admin@a.mx")
        tokens = {who: create_token(db, email=who, company_id=ids["a"]) for who in people}
        db.query(User).filter_by(email="auditor@a.mx").one().locale = "es"
        db.query(User).filter_by(email="admin@a.mx").one().locale = "en"
    app = create_app(services)

    def call(who: str | None, method: str, url: str, language: str | None = None, **kwargs: Any) -> Any:
        headers = {"Accept-Language": language} if language else {}
        if who:
            headers["Authorization"] = f"Bearer {tokens[who]}"
        return app.test_client().open(url, method=method, headers=headers, **kwargs)

    return {"call": call, "app": app}


@pytest.mark.parametrize(
    ("who", "language", "expected"),
    [
        ("clerk@a.mx", None, "es"),  # nothing asked, nothing chosen: the deployment's default, as in the portal
        ("clerk@a.mx", "es-MX,es;q=0.9", "es"),
        ("auditor@a.mx", None, "es"),  # the user chose Spanish in the portal
        ("auditor@a.mx", "en", "en"),  # the call's own header wins
        ("admin@a.mx", None, "en"),  # the user chose English in the portal
        ("admin@a.mx", "es", "es"),
    ],
)
def test_errors_in_the_callers_language(api: dict[str, Any], who: str, language: str | None, expected: str) -> None:
    call = api["call"]
    cases = [
        (call(who, "GET", "/api/v1/documents/999999", language), 404, "not_found"),
        (call(who, "GET", "/api/v1/chain", language), 400, "bad_request"),
        (call(who, "GET", "/api/v1/nowhere", language), 404, "not_found"),
    ]
    if who != "auditor@a.mx":
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


def test_no_language_asked_is_the_portals_default(api: dict[str, Any]) -> None:
    response = api["call"](None, "GET", "/api/v1/documents")
    assert response.status_code == 401 and response.headers["Content-Language"] == i18n.DEFAULT == "es"
    assert response.get_json()["error"]["message"].startswith("Inicie sesión")


@pytest.mark.parametrize(("who", "expected"), [("admin@a.mx", "en"), ("auditor@a.mx", "es"), ("clerk@a.mx", "es")])
def test_a_signed_in_user_calling_the_api_reads_their_language(api: dict[str, Any], who: str, expected: str) -> None:
    """The portal's own calls to the API carry the session cookie, not a token: the user's saved language."""
    client = api["app"].test_client()
    assert login(client, who, PASSWORD).status_code in (302, 303)
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404 and response.headers["Content-Language"] == expected
    english = response.get_json()["error"]["message"].startswith("There is nothing here")
    assert english is (expected == "en")
    assert client.get("/api/v1/nowhere", headers={"Accept-Language": "en"}).headers["Content-Language"] == "en"
