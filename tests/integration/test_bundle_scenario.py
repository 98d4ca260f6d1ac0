"""Bundles of the worked discharge scenario (test_scenario_discharge.py), on both backends: each holds exactly
the documents of its chain, byte for byte, and the report shows the discharge run it reflects."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from evidence.bundle_report import parse_scope
from evidence.bundles import build_bundle
from evidence.chain.models import Link
from evidence.chain.runs import execute_run
from evidence.models import AuditEvent, Document, Extraction
from evidence.objectstore import original_key
from evidence.signing import signing_key
from immex.cli import main
from immex.services import Services
from tests.integration.test_chain_support import make_company
from tests.integration.test_scenario_discharge import AS_OF, load_scenario, number_of

pytestmark = pytest.mark.integration


def printed(number: str) -> str:
    return f"{number[:2]} {number[2:4]} {number[4:8]} {number[8:]}"


def _store_originals(services: Services, docs: dict[str, int], tmp_path: Path) -> dict[str, str]:
    """The scenario stores documents as extraction rows only; give each one original bytes in the object store
    (its extraction result, as a file a broker might send) and the row the hash of those bytes."""
    key_of = {v: k for k, v in docs.items()}
    shas: dict[str, str] = {}
    with services.db.session() as session:
        for doc in session.scalars(select(Document).where(Document.id.in_(docs.values()))):
            result = session.scalar(select(Extraction.result).where(Extraction.document_id == doc.id))
            blob = json.dumps(result, sort_keys=True).encode() + f"\n% original of {doc.filename}\n".encode()
            path = tmp_path / f"orig-{doc.id}"
            path.write_bytes(blob)
            doc.sha256 = hashlib.sha256(blob).hexdigest()
            doc.size = len(blob)
            services.store.put_file(original_key(doc.sha256), path)
            shas[key_of[doc.id]] = doc.sha256
    return shas


@pytest.fixture
def scenario(services: Services, tmp_path: Path) -> dict[str, Any]:
    company_id = make_company(services.db)
    docs = load_scenario(services.db, company_id, tmp_path)
    shas = _store_originals(services, docs, tmp_path)
    with services.db.session() as session:
        run = execute_run(session, company_id, actor="auditor@example.com", as_of=AS_OF)
    return {"company_id": company_id, "docs": docs, "shas": shas, "run_id": run.id}


def _bundle(services: Services, scenario: dict[str, Any], tmp_path: Path, language: str = "en", **scope: str) -> Path:
    out = tmp_path / f"bundle-{language}-{'-'.join(scope.values()).replace(':', '_')}.zip"
    build_bundle(
        services,
        company_id=scenario["company_id"],
        scope=parse_scope(**scope),
        actor="auditor@example.com",
        out=out,
        as_of=AS_OF,
        language=language,
    )
    return out


def _documents_in(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n.split("/", 1)[1][:64]: zf.read(n) for n in zf.namelist() if n.startswith("documents/")}


def _verify(services: Services, path: Path, tmp_path: Path) -> Any:
    pem = tmp_path / "service.pem"
    pem.write_bytes(signing_key(services.settings).public_pem)
    return CliRunner().invoke(main, ["verify", str(path), "--key", str(pem)])


def test_lot_bundle_holds_exactly_its_chain(services: Services, scenario: dict[str, Any], tmp_path: Path) -> None:
    # Lot I1:1 (M1, 1000): consumed by E1 (P1×100 → 440) and E3 (P3×100 → 200); E6 came after it expired.
    path = _bundle(services, scenario, tmp_path, lot=f"{number_of('I1')}:1")
    expected = {scenario["shas"][k] for k in ("I1", "INV-I1", "BL-I1", "E1", "E3")}
    documents = _documents_in(path)
    assert set(documents) == expected
    for sha, blob in documents.items():  # byte for byte
        assert hashlib.sha256(blob).hexdigest() == sha
        with services.store.open(original_key(sha)) as fh:
            assert fh.read() == blob
    with zipfile.ZipFile(path) as zf:
        extractions = {n for n in zf.namelist() if n.startswith("extractions/")}
        assert extractions == {f"extractions/{s}.json" for s in expected}
        report = zf.read("chain.html").decode()
        assert zf.read("chain.pdf").startswith(b"%PDF-")
        events = [json.loads(line) for line in zf.read("audit.jsonl").splitlines()]
        manifest = json.loads(zf.read("manifest.json"))
    assert f"discharge run {scenario['run_id']}" in report
    exports = [printed(number_of(k)) for k in ("E1", "E3", "E6")]
    assert exports[0] in report and exports[1] in report and exports[2] not in report
    assert "expired" in report  # I1:1 has 360 left after its due date
    assert manifest["scope"]["value"] == f"{number_of('I1')}:1"
    assert manifest["discharge_run"] == scenario["run_id"]
    assert {d["sha256"] for d in manifest["documents"]} == expected
    # the audit segment: the run, the BOM import applied, and the links of exactly these documents
    assert {e["action"] for e in events} == {"bom.import", "discharge.run", "chain.link"}
    assert [e["object_id"] for e in events if e["action"] == "discharge.run"] == [str(scenario["run_id"])]
    ids = {scenario["docs"][k] for k in ("I1", "INV-I1", "BL-I1", "E1", "E3")}
    with services.db.session() as session:
        links = {
            str(link.id)
            for link in session.scalars(select(Link).where(Link.company_id == scenario["company_id"]))
            if link.from_document_id in ids or link.to_document_id in ids
        }
    assert {e["object_id"] for e in events if e["action"] == "chain.link"} == links
    assert _verify(services, path, tmp_path).exit_code == 0


def test_the_report_reads_in_spanish_for_a_sat_auditor(
    services: Services, scenario: dict[str, Any], tmp_path: Path
) -> None:
    path = _bundle(services, scenario, tmp_path, language="es", lot=f"{number_of('I1')}:1")
    with zipfile.ZipFile(path) as zf:
        report = zf.read("chain.html").decode()
        pdf = zf.read("chain.pdf")
    assert "<html lang='es'>" in report
    assert f"corrida de descargo {scenario['run_id']}" in report
    assert "Pedimento de importación" in report and "Exportaciones que lo descargaron" in report
    assert "vencido" in report  # the lot's status, by its Spanish label
    assert "Import pedimento" not in report and "Exports that consumed it" not in report
    assert pdf.startswith(b"%PDF-")
    assert _verify(services, path, tmp_path).exit_code == 0


def test_pedimento_bundle_includes_every_lot_and_linked_document(
    services: Services, scenario: dict[str, Any], tmp_path: Path
) -> None:
    # I1 has two partidas: M1 (E1, E3) and M2 (E1 100, E2 200; E2's part number came from its CFDI).
    path = _bundle(services, scenario, tmp_path, pedimento=number_of("I1"))
    expected = {scenario["shas"][k] for k in ("I1", "INV-I1", "BL-I1", "E1", "E2", "CFDI-E2", "E3")}
    assert set(_documents_in(path)) == expected
    result = _verify(services, path, tmp_path)
    assert result.exit_code == 0, result.output


def test_period_bundle_takes_lots_started_and_documents_received(
    services: Services, scenario: dict[str, Any], tmp_path: Path
) -> None:
    # Lots started in 2025-01..2025-03: I8 (M3) and I9 (M1); every document was received today.
    path = _bundle(services, scenario, tmp_path, period="2025-01-01..2025-03-31")
    with zipfile.ZipFile(path) as zf:
        report = zf.read("chain.html").decode()
    assert number_of("I8") in report and number_of("I9") in report and number_of("I1") not in report
    # I8's M3 went to E8 and I9's M1 to E8: their chain documents are in, nothing of I1's
    documents = set(_documents_in(path))
    assert {scenario["shas"][k] for k in ("I8", "I9", "E8", "CFDI-E8")} <= documents
    assert scenario["shas"]["I1"] not in documents
    today = date.today().isoformat()
    path = _bundle(services, scenario, tmp_path, period=f"{today}..{today}")
    assert set(_documents_in(path)) == set(scenario["shas"].values())


def test_bundle_creation_is_audited(services: Services, scenario: dict[str, Any], tmp_path: Path) -> None:
    path = _bundle(services, scenario, tmp_path, lot=f"{number_of('I1')}:1")
    with zipfile.ZipFile(path) as zf:
        manifest_sha = hashlib.sha256(zf.read("manifest.json")).hexdigest()
    with services.db.session() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "bundle.created").order_by(AuditEvent.id.desc())
        ).first()
        assert event is not None
        assert event.details["manifest_sha256"] == manifest_sha
        assert event.actor == "auditor@example.com"
