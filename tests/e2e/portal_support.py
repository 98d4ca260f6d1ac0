"""Shared by the portal's integration and browser tests: a synthetic import pedimento with its commercial invoice
(rendered by ``tests.synth``, the invoice carrying the pedimento's invoice number and one line per partida with
the same tariff code and quantity, so that the chain links them and finds the part numbers), and helpers to sign
in through the real forms."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

from tests.synth import data, invoices, pedimentos

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_pair(outdir: Path, seed: int = 7, partidas: int = 2) -> dict[str, Any]:
    """Write ``pedimento.pdf`` and ``invoice.pdf`` into ``outdir``; returns their truths and paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    kind = next(i for i, k in enumerate(data.PEDIMENTO_KINDS) if k[0] == "IN" and k[1] == "IMP")
    ped = data.pedimento(rng, kind, partidas)
    ped["extra"]["invoices"] = ped["extra"]["invoices"][:1]
    number = str(ped["extra"]["invoices"][0]["number"])
    ped["references"] = [r for r in ped["references"] if r["kind"] != "invoice" or r["value"] == number]
    inv = data.commercial_invoice(rng, len(ped["lines"]))
    inv["fields"]["invoice_number"] = number
    # the invoice's value is the pedimento's, spread over the lines as the partidas' paid prices are
    usd = float(ped["fields"]["usd_value"])
    paid = [float(p.get("paid_price_mxn") or 1) for p in ped["lines"]]
    for i, (line, partida) in enumerate(zip(inv["lines"], ped["lines"], strict=True)):
        line["tariff_code"] = partida["tariff_code"]
        line["quantity"] = partida["umc_quantity"]
        line["part_number"] = f"PN-{seed}{i + 1:04d}"
        line["amount"] = round(usd * paid[i] / sum(paid), 2)
        line["unit_price"] = round(line["amount"] / float(line["quantity"]), 4)
    subtotal = round(sum(float(ln["amount"]) for ln in inv["lines"]), 2)
    inv["fields"]["subtotal_amount"] = subtotal
    inv["fields"]["total_amount"] = subtotal
    inv["extra"]["freight"] = 0.0
    ped_path = outdir / "pedimento.pdf"
    inv_path = outdir / "invoice.pdf"
    pedimentos.render(ped, "saai", ped_path, rng)
    invoices.render(inv, "english", inv_path, rng)
    return {"pedimento": ped, "invoice": inv, "pedimento_path": ped_path, "invoice_path": inv_path}


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def login(client: Any, email: str, password: str) -> Any:
    """Sign in through the real form (CSRF token included); returns the response."""
    token = csrf_of(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


# -- seeding (real database rows, as the intake and the worker would write them) -------------------------------

PASSWORD = "correct-horse-battery"


def small_pdf(path: Path, text: str = "PEDIMENTO 24 47 3577 4007432") -> Path:
    """A one-page PDF with a text layer (reportlab)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return path


def field(value: Any, confidence: float = 0.97, page: int = 1, bbox: list[float] | None = None) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "page": page, "bbox": bbox or [72, 60, 300, 75], "raw": None}


def extraction_result(doc_type: str, sha256: str, filename: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": "immex.extraction/v1",
        "source": {"filename": filename, "sha256": sha256, "media_type": "application/pdf", "pages": 1},
        "doc_type": doc_type,
        "doc_type_confidence": 0.95,
        "text_source": "text_layer",
        "fields": fields,
        "lines": [],
        "references": [],
        "warnings": [],
    }


def add_document(
    services: Any,
    company_id: int,
    pdf: Path,
    *,
    filename: str | None = None,
    doc_type: str = "pedimento",
    fields: dict[str, Any] | None = None,
    page_text: str = "",
    needs_review: bool = False,
) -> int:
    """A processed document: the original in the object store, its document, page and extraction rows."""
    import hashlib

    from evidence import summary
    from evidence.models import Document, DocumentStatus, Extraction, Page
    from evidence.objectstore import original_key

    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    services.store.put_file(original_key(sha), pdf, content_type="application/pdf")
    name = filename or pdf.name
    fields = fields if fields is not None else {"pedimento_number": field("24473577400743", 0.62)}
    with services.db.session() as db:
        doc = Document(
            company_id=company_id,
            sha256=sha,
            filename=name,
            media_type="application/pdf",
            size=pdf.stat().st_size,
            pages=1,
            source="upload",
            status=DocumentStatus.PROCESSED,
            doc_type=doc_type,
            needs_review=needs_review,
            text_source="text_layer",
        )
        db.add(doc)
        db.flush()
        db.add(Page(document_id=doc.id, number=1, text=page_text, source="text_layer", width=612, height=792, words=[]))
        confidences = [f["confidence"] for f in fields.values()]
        db.add(
            Extraction(
                document_id=doc.id,
                extractor_version="test",
                doc_type=doc_type,
                needs_review=needs_review,
                min_confidence=min(confidences) if confidences else None,
                result=extraction_result(doc_type, sha, name, fields),
            )
        )
        db.flush()
        summary.refresh(db, doc.id)  # as the worker does when it stores a reading
        return doc.id


def seed_companies(services: Any) -> dict[str, Any]:
    """Companies A and B; an admin, a clerk and an auditor in A; a clerk in B; one person in both."""
    from evidence.models import Company
    from web.accounts.service import create_user

    out: dict[str, Any] = {}
    with services.db.session() as db:
        a = Company(rfc="AAA010101AAA", name="Maquiladora A")
        b = Company(rfc="BBB020202BBB", name="Ensambles B")
        db.add_all([a, b])
        db.flush()
        out["a"], out["b"] = a.id, b.id
        for email, company, role in [
            ("admin@a.mx", a.id, "admin"),
            ("clerk@a.mx", a.id, "clerk"),
            ("auditor@a.mx", a.id, "auditor"),
            ("clerk@b.mx", b.id, "clerk"),
            ("both@x.mx", a.id, "auditor"),
            ("both@x.mx", b.id, "clerk"),
        ]:
            create_user(db, email=email, company_id=company, role=role, password=PASSWORD, actor="test")
    return out
