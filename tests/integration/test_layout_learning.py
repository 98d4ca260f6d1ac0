"""Teach it once (issue 14): a clerk corrects one supplier's invoice through the API and the next invoice of that
supplier and layout is read with the learned layout. Isolation between companies and between issuers, audit
events for every learned change, flagging, re-reading, deleting, and the corrections the API now takes
(``doc_type``, an added line, a removed line)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from evidence.chain.build import effective_result
from evidence.models import AuditEvent, Extraction
from immex.services import Services
from tests.conftest import drain
from tests.e2e.portal_support import seed_companies
from tests.synth.house_styles import BUYERS, LOOKALIKES, house_set, render_house_invoice
from tests.synth.score import score_result
from tests.synth.teaching import type_correction, value_corrections
from web import create_app
from web.accounts.service import create_token
from web.openapi import spec

pytestmark = pytest.mark.integration
SPEC = spec()


def check(response: Any, path: str, method: str) -> Any:
    operation = SPEC["paths"][path][method.lower()]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {path} answered {status}: {response.get_json()}"
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    body = response.get_json()
    Draft202012Validator({**SPEC, **schema}).validate(body)
    return body


@pytest.fixture
def api(services: Services, tmp_path: Path) -> dict[str, Any]:
    ids = seed_companies(services)
    with services.db.session() as db:
        tokens = {
            "admin_a": create_token(db, email="admin@a.mx", company_id=ids["a"]),
            "clerk_a": create_token(db, email="clerk@a.mx", company_id=ids["a"]),
            "clerk_b": create_token(db, email="clerk@b.mx", company_id=ids["b"]),
        }
    app = create_app(services)

    def call(who: str, method: str, url: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {tokens[who]}"}
        return app.test_client().open(url, method=method, headers=headers, **kwargs)

    return {**ids, "services": services, "call": call, "tmp": tmp_path}


def ingest(api: dict[str, Any], who: str, truth: dict[str, Any], name: str) -> int:
    path = api["tmp"] / name
    render_house_invoice(truth, truth["extra"]["style"], path)
    response = api["call"](who, "POST", "/api/v1/documents", data={"file": (io.BytesIO(path.read_bytes()), name)})
    assert response.status_code in (200, 201), response.get_json()
    drain(api["services"])
    return int(response.get_json()["document"]["id"])


def extraction(api: dict[str, Any], who: str, doc_id: int) -> dict[str, Any]:
    response = api["call"](who, "GET", f"/api/v1/documents/{doc_id}/extraction")
    return check(response, "/documents/{document_id}/extraction", "GET")["result"]  # type: ignore[no-any-return]


def correct(api: dict[str, Any], who: str, doc_id: int, body: dict[str, Any]) -> Any:
    return api["call"](who, "POST", f"/api/v1/documents/{doc_id}/corrections", json=body)


def teach(api: dict[str, Any], who: str, doc_id: int, truth: dict[str, Any]) -> int:
    """Correct the document through the API only where it is wrong; returns how many corrections it took."""
    count = 0
    retype = type_correction(truth, extraction(api, who, doc_id))
    if retype:
        row = check(correct(api, who, doc_id, retype), "/documents/{document_id}/corrections", "POST")
        assert row["reextraction_id"] is not None
        count += 1
    for body in value_corrections(truth, extraction(api, who, doc_id)):
        response = correct(api, who, doc_id, body)
        check(response, "/documents/{document_id}/corrections", "POST")
        assert response.status_code == 201, response.get_json()
        count += 1
    return count


def actions(services: Services) -> list[str]:
    with services.db.session() as db:
        return list(db.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_one_corrected_invoice_teaches_the_next_and_nothing_else(api: dict[str, Any]) -> None:
    services, call = api["services"], api["call"]
    truths = house_set("kessler", 3, seed=11)
    first = ingest(api, "clerk_a", truths[0], "k0.pdf")
    before = extraction(api, "clerk_a", first)
    assert before["doc_type"] == "other" and not before.get("learned_layout")  # the general reader cannot read it

    assert teach(api, "clerk_a", first, truths[0]) > 0
    with services.db.session() as db:
        eff = effective_result(db, first)
        assert eff is not None and eff.doc_type == "commercial_invoice"
        assert len(eff.lines) == len(truths[0]["lines"])
    layouts = check(call("clerk_a", "GET", "/api/v1/layouts"), "/layouts", "GET")["layouts"]
    assert len(layouts) == 1 and layouts[0]["issuer"] == truths[0]["fields"]["seller_tax_id"]
    assert layouts[0]["source_documents"] == [first] and "lines.amount" in layouts[0]["fields"]
    layout_id = layouts[0]["id"]

    second = ingest(api, "clerk_a", truths[1], "k1.pdf")
    result = extraction(api, "clerk_a", second)
    assert result["doc_type"] == "commercial_invoice" and result["learned_layout"]["id"] == layout_id
    assert score_result(truths[1], result).f1 >= 0.98
    cell = result["fields"]["invoice_number"]
    assert cell["source"] == "learned" and cell["layout_id"] == layout_id and 0 < cell["confidence"] <= 1
    assert all(c["source"] == "learned" for line in result["lines"] for c in line.values())

    # another issuer printing the same layout is not read with this issuer's memory
    lookalike = house_set("kessler", 1, seed=12, seller=LOOKALIKES["kessler"])[0]
    other_issuer = ingest(api, "clerk_a", lookalike, "brandt.pdf")
    assert not extraction(api, "clerk_a", other_issuer).get("learned_layout")

    # company B receives the same supplier's invoice: A's memory does not apply, and B sees no layouts of A
    for_b = house_set("kessler", 1, seed=11, buyer=BUYERS[1])[0]
    in_b = ingest(api, "clerk_b", for_b, "k-b.pdf")
    result_b = extraction(api, "clerk_b", in_b)
    assert result_b["doc_type"] == "other" and not result_b.get("learned_layout")
    assert check(call("clerk_b", "GET", "/api/v1/layouts"), "/layouts", "GET")["layouts"] == []
    assert call("clerk_b", "GET", f"/api/v1/layouts/{layout_id}").status_code == 404

    done = actions(services)
    assert "layout.learned" in done and "layout.updated" in done and "layout.applied" in done
    assert "document.reextracted" in done


def test_corrected_again_flags_the_layout_reread_and_delete(api: dict[str, Any]) -> None:
    services, call = api["services"], api["call"]
    truths = house_set("ferrum", 4, seed=5)
    early = ingest(api, "clerk_a", truths[3], "f3.pdf")  # received before anything was learned
    assert not extraction(api, "clerk_a", early).get("learned_layout")
    first = ingest(api, "clerk_a", truths[0], "f0.pdf")
    teach(api, "clerk_a", first, truths[0])
    layout_id = check(call("clerk_a", "GET", "/api/v1/layouts"), "/layouts", "GET")["layouts"][0]["id"]
    second = ingest(api, "clerk_a", truths[1], "f1.pdf")
    assert extraction(api, "clerk_a", second)["learned_layout"]["id"] == layout_id

    # a clerk corrects a learned reading: the layout is flagged, its hit rate drops, the correction is kept
    row = check(
        correct(api, "clerk_a", second, {"field": "invoice_number", "value": "F0000/24"}),
        "/documents/{document_id}/corrections",
        "POST",
    )
    assert row["machine_value"] == truths[1]["fields"]["invoice_number"]
    layout = check(call("clerk_a", "GET", f"/api/v1/layouts/{layout_id}"), "/layouts/{layout_id}", "GET")
    assert layout["flagged"] and layout["misses"] == 1 and layout["hit_rate"] < 1
    assert layout["source_documents"] == [first, second] and layout["version"] > 1  # the same layout, refined
    assert len(check(call("clerk_a", "GET", "/api/v1/layouts"), "/layouts", "GET")["layouts"]) == 1

    # only admins re-read, rename and delete
    assert call("clerk_a", "POST", f"/api/v1/layouts/{layout_id}/reread").status_code == 403
    reread = check(
        call("admin_a", "POST", f"/api/v1/layouts/{layout_id}/reread"), "/layouts/{layout_id}/reread", "POST"
    )
    assert {d["document_id"] for d in reread["documents"]} >= {first, second, early}
    earlier = extraction(api, "clerk_a", early)
    assert earlier["learned_layout"]["id"] == layout_id and score_result(truths[3], earlier).f1 >= 0.98
    with services.db.session() as db:
        revisions = db.scalars(select(Extraction.extractor_version).where(Extraction.document_id == second)).all()
        assert len(revisions) == 2 and any("+r" in v for v in revisions)
        eff = effective_result(db, second)
        assert eff is not None and eff.fields["invoice_number"] == "F0000/24"  # the person's value still wins
    renamed = check(
        call("admin_a", "POST", f"/api/v1/layouts/{layout_id}/rename", json={"name": "Ferrum facturas"}),
        "/layouts/{layout_id}/rename",
        "POST",
    )
    assert renamed["name"] == "Ferrum facturas"
    assert call("clerk_a", "DELETE", f"/api/v1/layouts/{layout_id}").status_code == 403
    gone = check(call("admin_a", "DELETE", f"/api/v1/layouts/{layout_id}"), "/layouts/{layout_id}", "DELETE")
    assert gone["deleted"]

    # deleting the layout restores the general reading
    third = ingest(api, "clerk_a", truths[2], "f2.pdf")
    result = extraction(api, "clerk_a", third)
    assert result["doc_type"] == "other" and not result.get("learned_layout") and not result["fields"]
    done = actions(services)
    for action in ("layout.missed", "layout.reread", "layout.renamed", "layout.deleted", "layout.unflagged"):
        assert action in done


def test_doc_type_added_and_removed_lines_through_the_api(api: dict[str, Any]) -> None:
    services = api["services"]
    truth = house_set("nordlys", 1, seed=3)[0]
    doc = ingest(api, "clerk_a", truth, "n0.pdf")
    bad = correct(api, "clerk_a", doc, {"field": "doc_type", "value": "menu"})
    assert bad.status_code == 400 and check(bad, "/documents/{document_id}/corrections", "POST")
    row = check(
        correct(api, "clerk_a", doc, {"field": "doc_type", "value": "commercial_invoice"}),
        "/documents/{document_id}/corrections",
        "POST",
    )
    assert row["machine_value"] == "other" and row["corrected_value"] == "commercial_invoice"
    with services.db.session() as db:
        kinds = db.scalars(select(Extraction.doc_type).where(Extraction.document_id == doc).order_by(Extraction.id))
        assert list(kinds) == ["other", "commercial_invoice"]  # the first reading is kept beside the new one
    lines = len(extraction(api, "clerk_a", doc)["lines"])
    too_far = correct(api, "clerk_a", doc, {"field": "amount", "line_index": lines + 1, "value": 1.0})
    assert too_far.status_code == 400
    added = correct(api, "clerk_a", doc, {"field": "amount", "line_index": lines, "value": 12.5})
    assert added.status_code == 201
    correct(api, "clerk_a", doc, {"field": "part_number", "line_index": lines, "value": "EXTRA-1"})
    with services.db.session() as db:
        eff = effective_result(db, doc)
        assert eff is not None and eff.lines[-1] == {"amount": 12.5, "part_number": "EXTRA-1"}
        count = len(eff.lines)
    removed = correct(api, "clerk_a", doc, {"field": "line_removed", "line_index": lines, "value": True})
    assert removed.status_code == 201
    not_bool = correct(api, "clerk_a", doc, {"field": "line_removed", "line_index": 0, "value": "yes"})
    assert not_bool.status_code == 400
    with services.db.session() as db:
        eff = effective_result(db, doc)
        assert eff is not None and len(eff.lines) == count - 1
        assert all(line.get("part_number") != "EXTRA-1" for line in eff.lines)
