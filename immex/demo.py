"""Demo data for `make run`: a maquiladora with one user per role, a small coherent set of documents (an import
pedimento with its commercial invoice and bill of lading, and the export of a finished product), the product's
bill of materials and a discharge run — enough to click through the whole chain.

The documents are drawn with the synthetic document generator that ships in the repository's tests
(``tests/synth``), so the demo needs a checkout of the repository (what `make run` uses).
"""

from __future__ import annotations

import csv
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from evidence import audit
from evidence.models import Company, Document, DocumentStatus
from immex.errors import ImmexError
from immex.services import Services

DEMO_RFC = "DMQ190101AB6"  # passes its check digit (DOMAIN.md §6)
MISTYPED_RFC = "DMQ190101AB1"  # the same RFC with a wrong last character, as a supplier typed it
DEMO_NAME = "Demo Maquiladora del Norte S.A. de C.V."
DEMO_PROGRAM = "IMMEX-2019-0042"
PRODUCT = "DEMO-ARNES-100"
# a component the BOM needs that no import brought in: the export cannot be fully covered (a finding)
UNCOVERED_PART = "DEMO-MAT-SIN-IMPORTAR"
IMPORTED_DAYS_AGO = 520
DROP_ADDRESS = "documentos@demo.immex.test"
ALLOWED_SENDERS = ["@proveedor.example", "@agencia-aduanal.example"]
REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass
class DemoReport:
    company_id: int
    rfc: str
    documents: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def ensure_company(services: Services) -> int:
    with services.db.session() as session:
        company = session.scalar(select(Company).where(Company.rfc == DEMO_RFC))
        if company is None:
            company = Company(rfc=DEMO_RFC, name=DEMO_NAME, immex_program=DEMO_PROGRAM)
            session.add(company)
            session.flush()
            audit.record(
                session,
                actor="demo",
                action="company.created",
                object_type="company",
                object_id=company.id,
                company_id=company.id,
                details={"rfc": DEMO_RFC, "name": DEMO_NAME, "immex_program": DEMO_PROGRAM},
            )
        return company.id


def _synth() -> Any:
    if not (REPO_ROOT / "tests" / "synth").is_dir():
        raise ImmexError(
            "The demo documents are drawn by the generator in tests/synth: run the demo from a checkout of the "
            "repository (make run).",
            code="demo_unavailable",
        )
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    import tests.synth as synth  # noqa: PLC0415 - only in a checkout

    return synth


def write_demo_documents(outdir: Path, seed: str = "immex-demo") -> list[Path]:
    """Draw the demo's documents (deterministic) into ``outdir``; returns the files, BOM last."""
    synth = _synth()
    from tests.synth import bills, data, invoices, pedimentos

    del synth
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    company = (DEMO_NAME.rsplit(" S.A.", 1)[0], "S.A. de C.V.")

    imp = data.pedimento(rng, 0, 3)  # IN, temporary import under IMMEX
    while imp["extra"]["mode"] != "ocean":
        imp = data.pedimento(rng, 0, 3)
    f = imp["fields"]
    # imported 520 days ago: its 18-month term ends within 60 days, so the lot left after the export is expiring
    _move_to(imp, date.today() - timedelta(days=IMPORTED_DAYS_AGO))
    f["importer_exporter_rfc"] = DEMO_RFC
    f["importer_exporter_name"] = DEMO_NAME
    f["immex_program"] = DEMO_PROGRAM
    imp["extra"]["program"] = DEMO_PROGRAM
    imp["extra"]["invoices"] = imp["extra"]["invoices"][:1]
    inv_ref = imp["extra"]["invoices"][0]
    kept = (inv_ref["number"], inv_ref["cove"])
    imp["references"] = [r for r in imp["references"] if r["kind"] not in ("invoice", "cove") or r["value"] in kept]
    for i, line in enumerate(imp["lines"], 1):
        line["part_number"] = f"DEMO-MAT-{i}"

    inv = data.commercial_invoice(rng, len(imp["lines"]))
    inv["fields"]["invoice_number"] = inv_ref["number"]
    inv["fields"]["invoice_date"] = inv_ref["date"].isoformat()
    inv["fields"]["buyer_name"] = DEMO_NAME
    inv["fields"]["buyer_tax_id"] = DEMO_RFC
    inv["fields"]["incoterm"] = inv_ref["incoterm"]
    tc = float(f["exchange_rate"])
    for src, line in zip(imp["lines"], inv["lines"], strict=True):
        line["part_number"] = src["part_number"]
        line["description"] = str(src["description"]).capitalize()
        line["quantity"] = src["umc_quantity"]
        line["tariff_code"] = src["tariff_code"]
        line["unit_price"] = round(float(src["paid_price_mxn"]) / tc / float(src["umc_quantity"]), 4)
        line["amount"] = round(float(line["quantity"]) * line["unit_price"], 2)
    subtotal = round(sum(float(ln["amount"]) for ln in inv["lines"]), 2)
    inv["fields"]["subtotal_amount"] = subtotal
    inv["fields"]["total_amount"] = round(subtotal + float(inv["extra"]["freight"]), 2)
    inv["extra"]["buyer_address"] = "Av. Industrial 1200, Parque Industrial Norte, Cd. Juárez, Chih."

    bl = data.bill_of_lading(rng, "ocean", 1)
    bl_number = next(r["value"] for r in imp["references"] if r["kind"] == "bl")
    bl["fields"]["bl_number"] = bl_number
    bl["fields"]["consignee_name"] = DEMO_NAME
    containers = [r["value"] for r in imp["references"] if r["kind"] == "container"]
    for line, cont in zip(bl["lines"], containers, strict=False):
        line["container_number"] = cont
    bl["references"] = (
        [r for r in bl["references"] if r["kind"] not in ("container", "invoice")]
        + [{"kind": "container", "value": c} for c in containers[: len(bl["lines"])]]
        + [{"kind": "invoice", "value": inv_ref["number"]}]
    )
    bl["extra"]["invoice"] = inv_ref["number"]
    bl["fields"]["gross_weight_kg"] = f["gross_weight_kg"]
    if bl["lines"]:
        bl["lines"][0]["gross_weight_kg"] = f["gross_weight_kg"]

    exp = data.pedimento(rng, 3, 1)  # RT, return of the finished product
    exported_on = date.fromisoformat(f["payment_date"]) + timedelta(days=75)
    ef = exp["fields"]
    ef["importer_exporter_rfc"] = DEMO_RFC
    ef["importer_exporter_name"] = DEMO_NAME
    ef["immex_program"] = DEMO_PROGRAM
    exp["extra"]["program"] = DEMO_PROGRAM
    _move_to(exp, exported_on)
    line = exp["lines"][0]
    line["part_number"] = PRODUCT
    line["description"] = "ARNES ELECTRICO PARA TABLERO"
    line["umc"] = "6"
    line["umc_quantity"] = 40.0
    del company

    # a supplier's second invoice with the company's RFC mistyped (its check digit fails): it waits for review
    typo = json.loads(json.dumps(inv, default=str))
    typo["fields"]["invoice_number"] = f"{inv_ref['number']}-B"
    typo["fields"]["buyer_tax_id"] = MISTYPED_RFC

    files = []
    for name, module, truth, layout in (
        ("pedimento-importacion.pdf", pedimentos, imp, "saai"),
        ("factura-comercial.pdf", invoices, inv, "bilingual"),
        ("conocimiento-embarque.pdf", bills, bl, "ocean"),
        ("pedimento-retorno.pdf", pedimentos, exp, "boxes"),
        ("factura-rfc-con-error.pdf", invoices, typo, "bilingual"),
    ):
        path = outdir / name
        module.render(truth, layout, path, random.Random(name))
        files.append(path)

    bom = outdir / "bom-arnes.csv"
    start = date.fromisoformat(f["payment_date"]) - timedelta(days=30)
    with open(bom, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["producto", "componente", "cantidad", "unidad", "merma", "vigencia_desde"])
        for i, src in enumerate(imp["lines"], 1):
            w.writerow([PRODUCT, src["part_number"], i, src["umc"], "2", start.isoformat()])
        w.writerow([PRODUCT, UNCOVERED_PART, 1, "6", "0", start.isoformat()])
    files.append(bom)
    (outdir / "demo.json").write_text(
        json.dumps({"import": f["pedimento_number"], "export": ef["pedimento_number"], "invoice": inv_ref["number"]})
    )
    return files


def _move_to(truth: dict[str, Any], paid: date) -> None:
    """Date a pedimento's truth on ``paid`` (and its number's year digits with it)."""
    f = truth["fields"]
    shift = paid - date.fromisoformat(f["payment_date"])
    for key in ("payment_date", "entry_date", "presentation_date"):
        if key in f:
            f[key] = (date.fromisoformat(f[key]) + shift).isoformat()
    for inv in truth["extra"].get("invoices", []):
        inv["date"] = inv["date"] + shift
    number = f["pedimento_number"]
    f["pedimento_number"] = f"{paid.year % 100:02d}{number[2:8]}{paid.year % 10}{number[9:]}"


def run_demo(services: Services) -> DemoReport:
    """Idempotent: a second run finds everything in place and only reports it."""
    from intake.accept import IncomingDocument, accept

    company_id = ensure_company(services)
    report = DemoReport(company_id=company_id, rfc=DEMO_RFC)
    try:
        from intake.mailroute import set_company_mail

        with services.db.session() as session:
            set_company_mail(session, company_id, [DROP_ADDRESS], ALLOWED_SENDERS, actor="demo")
        report.notes.append(
            f"email drop: `immex smtp` accepts mail to {DROP_ADDRESS} from {', '.join(ALLOWED_SENDERS)}"
        )
    except ImportError:
        pass
    try:
        from web.accounts.service import ensure_demo_users

        report.users = ensure_demo_users(services, company_id)
    except ImportError:
        report.notes.append("accounts are not available: no demo users")

    outdir = services.settings.data_dir / "demo-documents"
    files = write_demo_documents(outdir) if not (outdir / "demo.json").exists() else sorted(outdir.iterdir())
    ids = []
    for path in files:
        if path.suffix != ".pdf":
            continue
        res = accept(
            services,
            IncomingDocument(company_id=company_id, source="demo", filename=path.name, path=path, actor="demo"),
        )
        if res.document_id:
            ids.append(res.document_id)
    from immex.cli.core import wait_for

    wait_for(services, ids, timeout=1800)
    _load_bom_and_discharge(services, company_id, outdir / "bom-arnes.csv", report)
    _confirm_as_clerk(services, company_id, "factura-comercial.pdf", report)
    with services.db.session() as session:
        for doc in session.scalars(select(Document).where(Document.id.in_(ids)).order_by(Document.id)):
            report.documents.append(doc.to_dict())
            if doc.status != DocumentStatus.PROCESSED:
                report.notes.append(f"{doc.filename}: {doc.status} {doc.status_reason or ''}")
    return report


def _confirm_as_clerk(services: Services, company_id: int, filename: str, report: DemoReport) -> None:
    """A clerk has reviewed and confirmed ``filename`` (as the portal's confirm button does), once."""
    clerk = next((u["email"] for u in report.users if u.get("role") == "clerk"), "clerk@demo.immex.test")
    with services.db.session() as session:
        doc = session.scalar(
            select(Document).where(Document.company_id == company_id, Document.filename == filename).limit(1)
        )
        if doc is None or doc.status != DocumentStatus.PROCESSED or doc.status_code == "confirmed":
            return
        previous = bool(doc.needs_review)
        doc.needs_review = False
        doc.status_code = "confirmed"
        doc.status_reason = f"Reviewed and confirmed by {clerk}"
        audit.record(
            session,
            actor=clerk,
            action="document.confirmed",
            object_type="document",
            object_id=doc.id,
            company_id=company_id,
            details={"needed_review": previous, "demo": True},
        )


def _load_bom_and_discharge(services: Services, company_id: int, bom: Path, report: DemoReport) -> None:
    try:
        from evidence.chain.bom import import_bom
        from evidence.chain.runs import execute_run
        from evidence.chain.saved import latest_run
    except ImportError:
        report.notes.append("the evidence chain is not available: no BOM or discharge run")
        return
    with services.db.session() as session:
        if latest_run(session, company_id) is not None:
            return
        import_bom(session, company_id, bom, actor="demo", today=date.today())
    with services.db.session() as session:
        execute_run(session, company_id, actor="demo", as_of=date.today())
