"""Portal and API response times on a company with many documents (embedded backend by default, or the database in
``IMMEX_DATABASE_URL``): the document list, full-text filter, status poll, document page, page image (first render
and cached), review queue and API list. Requests go through the WSGI app in-process (no network), so the figures
are the app's own time. Prints the median and the slowest of several runs, and the machine.

    .venv/bin/python benchmarks/web.py [--documents 5000] [--runs 15]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import hashlib  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

WORDS = [
    "pedimento",
    "factura",
    "importación",
    "temporal",
    "maquiladora",
    "aduana",
    "fracción",
    "partida",
    "cantidad",
    "valor",
    "dólares",
    "peso",
    "contenedor",
    "guía",
    "proveedor",
    "comprador",
    "régimen",
    "clave",
    "patente",
    "agente",
    "conocimiento",
    "embarque",
    "pieza",
    "kilo",
]


def seed(services: Any, company_id: int, count: int, pdf: Path) -> list[int]:
    """``count`` processed documents with a page of text and an extraction each, written in bulk, and the list's
    summary of each written by ``evidence.summary.refresh`` as the worker writes it."""
    from evidence import summary
    from evidence.models import Document, Extraction, Page
    from evidence.objectstore import original_key

    rng = random.Random(1)
    sha_pdf = hashlib.sha256(pdf.read_bytes()).hexdigest()
    services.store.put_file(original_key(sha_pdf), pdf, content_type="application/pdf")
    ids: list[int] = []
    with services.db.session() as db:
        for i in range(count):
            sha = sha_pdf if i == 0 else hashlib.sha256(f"doc-{i}".encode()).hexdigest()
            doc = Document(
                company_id=company_id,
                sha256=sha,
                filename=f"doc-{i:05d}.pdf",
                media_type="application/pdf",
                size=1000,
                pages=1,
                source="upload",
                status="processed",
                needs_review=(i % 7 == 0),
                doc_type=rng.choice(["pedimento", "commercial_invoice", "bill_of_lading"]),
                text_source="text_layer",
            )
            db.add(doc)
            db.flush()
            text = " ".join(rng.choice(WORDS) for _ in range(400)) + f" REF{i:06d}"
            db.add(Page(document_id=doc.id, number=1, text=text, source="text_layer", width=612, height=792, words=[]))
            fields = {
                f"field_{k}": {
                    "value": f"v{k}",
                    "confidence": rng.uniform(0.5, 1.0),
                    "page": 1,
                    "bbox": [72, 60 + 15 * k, 300, 72 + 15 * k],
                    "raw": None,
                }
                for k in range(16)
            }
            for name, value in (
                ("invoice_number", f"INV-{rng.randrange(10**6):06d}"),
                ("seller_name", rng.choice(["Acme Wire", "Great Lakes Cable", "Bajío Arneses", None])),
                ("invoice_date", f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"),
                ("total_amount", round(rng.uniform(10, 90000), 2) if i % 10 else None),
            ):
                fields[name] = {"value": value, "confidence": 0.95, "page": 1, "bbox": [72, 400, 300, 412], "raw": None}
            db.add(
                Extraction(
                    document_id=doc.id,
                    extractor_version="bench",
                    doc_type=doc.doc_type or "other",
                    needs_review=doc.needs_review,
                    min_confidence=min(f["confidence"] for f in fields.values()),
                    result={
                        "schema": "immex.extraction/v1",
                        "source": {
                            "filename": doc.filename,
                            "sha256": sha,
                            "media_type": "application/pdf",
                            "pages": 1,
                        },
                        "doc_type": doc.doc_type,
                        "doc_type_confidence": 0.9,
                        "text_source": "text_layer",
                        "fields": fields,
                        "lines": [],
                        "references": [],
                        "warnings": [],
                    },
                )
            )
            db.flush()
            summary.refresh(db, doc.id)
            ids.append(doc.id)
    return ids


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = fn()
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from benchmarks._machine import describe_machine
    from evidence.models import Company
    from immex.services import build_services
    from immex.settings import Settings
    from tests.e2e.portal_support import PASSWORD, login, small_pdf
    from web import create_app
    from web.accounts.service import create_token, create_user

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings.from_env(
            {k: v for k, v in os.environ.items() if k == "IMMEX_DATABASE_URL"}, data_dir=root / "data"
        )
        services = build_services(settings)
        with services.db.session() as db:
            company = Company(rfc="WEB010101AAA", name="Bench")
            db.add(company)
            db.flush()
            create_user(db, email="clerk@bench.mx", company_id=company.id, role="clerk", password=PASSWORD)
            token = create_token(db, email="clerk@bench.mx", company_id=company.id)
            cid = company.id
        start = time.perf_counter()
        ids = seed(services, cid, args.documents, small_pdf(root / "page.pdf", "PEDIMENTO 24 47 3577 4007432"))
        seed_s = time.perf_counter() - start
        app = create_app(services)
        client = app.test_client()
        assert login(client, "clerk@bench.mx", PASSWORD).status_code == 302
        api = app.test_client()
        auth = {"Authorization": f"Bearer {token}"}
        poll = ",".join(str(i) for i in ids[:50])
        first = ids[0]

        cold_start = time.perf_counter()
        assert client.get(f"/documents/{first}/pages/1.png").status_code == 200
        cold_ms = (time.perf_counter() - cold_start) * 1000
        cases = [
            ("document list, first page of 50", lambda: client.get("/documents")),
            ("list filtered by type and review flag", lambda: client.get("/documents?doc_type=pedimento&review=1")),
            ("full-text filter over page text", lambda: client.get(f"/documents?q=REF{len(ids) // 2:06d}")),
            ("list sorted by amount, page 40", lambda: client.get("/documents?sort=amount&dir=asc&page=40")),
            ("list sorted by issuer, one type", lambda: client.get("/documents?sort=issuer&doc_type=pedimento")),
            ("status poll for 50 documents", lambda: client.get(f"/documents/status.json?ids={poll}")),
            ("document page (20 fields with boxes)", lambda: client.get(f"/documents/{first}")),
            ("page image, cached", lambda: client.get(f"/documents/{first}/pages/1.png")),
            ("review queue", lambda: client.get("/review")),
            ("API document list", lambda: api.get("/api/v1/documents?limit=100", headers=auth)),
            ("API one document", lambda: api.get(f"/api/v1/documents/{first}", headers=auth)),
        ]
        print(f"machine: {describe_machine()}")
        print(f"backend: {services.db.dialect}; {len(ids)} documents seeded in {seed_s:.1f} s")
        print(f"{'page image, first render (pypdfium2, 108 dpi)':<48} {cold_ms:8.1f} ms")
        for name, fn in cases:
            median, worst = timed(fn, args.runs)
            print(f"{name:<48} {median:8.1f} ms median  {worst:8.1f} ms max")
        services.close()


if __name__ == "__main__":
    main()
