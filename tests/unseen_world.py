"""A company whose documents all come in arrangements held out of the readers' development (issue #10).

``write_world`` draws a small maquiladora's year with the synthetic generator: import pedimentos (IN) with their
suppliers' invoices and ocean B/Ls (and, for the first, a second transport document drawn from a truck bill's truth),
export pedimentos (RT) with the company's export CFDI printouts, and the products' bill of materials — every document
rendered ONLY in a held-out arrangement of its family (each family module's ``HELD_OUT``), both arrangements of each
pair where the world has room for them (the CFDIs only in those that print a valid one). ``load_world`` puts the
documents into a company of a migrated database, either as the readers read them (``extract`` on each PDF) or as the
generator's truth says they are (the result a perfect reader would give), links them, imports the BOM and runs the
discharge; ``lots`` returns every lot's quantities and status. The truth's lots are the expected ones: the chain built
from what was read must equal them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.synth import bills, cfdi_printouts, data, invoices, pedimentos

COMPANY_NAME = "ENSAMBLES DEL NORTE ORIENTE S.A. DE C.V."
# invoice arrangements that print each line's Mexican fracción (the chain links a partida to an invoice line by it);
# one that prints none ("parts", "proforma", "balancedue", "messrs", "facture", which prints the six-digit HS code
# only, "gstin", which prints the Indian eight-digit HSN, "fatura", which prints the Mercosur NCM, "usmca", which
# prints the six-digit HS heading, "fattura" and "nif", which print the EU's eight-digit code, "yen", which prints no
# tariff code at all, "courier", which prints the shipper's six-digit harmonized code, "sterling", which prints the
# UK's ten-digit commodity code, "hangul", which prints Korea's ten-digit HSK code, "vietnam", which prints Vietnam's
# eight-digit HS code) has room only beside a pedimento printing its part numbers: both of round 18's held-out
# pedimentos do ("visor" in the No. parte column of its screenshotted grid, "traslucido" in the official form's
# CODIGO PRODUCTO under each partida, with the back page showing through), and both of round 18's held-out invoices
# print the Mexican fracción ("docenas" in its Fracc. MX column, the quantity sold by the dozen or gross beside the
# pieces, "dosarriba" in the invoice's Fracción column, two pages per sheet with the packing list after it), so the
# world draws its import invoices from both (either fits)
TARIFF_PRINTING_INVOICES = {
    "rechnung",
    "distributor",
    "factura",
    "posnr",
    "corchete",
    "shipped",
    "handelsrechnung",
    "porpedido",
    "consignacion",
    "millar",
    "abono",
    "ditto",
    "docenas",
    "dosarriba",
}
# CFDI arrangements that print a cancelled CFDI: an export is supported by a valid CFDI (a cancelled one is replaced
# and the pedimento cites its substitute), so the world's exports draw their CFDIs from the other held-out ones (both
# of round 18's, "descuento" and "pesos", print a valid CFDI; "cancelado" stays named here for the development sets)
CANCELLED_CFDI = {"cancelado"}
FIRST_IMPORT = date(2025, 2, 3)
AS_OF_DAYS = 45  # days after the last export


@dataclass
class WorldDoc:
    file: str
    truth: dict[str, Any]
    doc_type: str
    arrangement: str


@dataclass
class World:
    rfc: str
    docs: list[WorldDoc] = field(default_factory=list)
    bom: str = "bom.csv"
    as_of: date = FIRST_IMPORT
    demand: dict[str, Decimal] = field(default_factory=dict)  # component -> quantity the exports consume


def _held_out(module: Any, k: int) -> str:
    return str(sorted(module.HELD_OUT)[k % len(module.HELD_OUT)])


def _held_out_where(module: Any, fits: Any, k: int) -> str:
    """The ``k``-th (cycling) of the family's held-out arrangements that ``fits``."""
    names = [name for name in sorted(module.HELD_OUT) if fits(name)]
    if not names:
        raise LookupError(f"no held-out arrangement of {module.__name__} fits this world")
    return str(names[k % len(names)])


def _move_to(truth: dict[str, Any], paid: date) -> None:
    """Date a pedimento's truth on ``paid`` (its number's year digits with it)."""
    f = truth["fields"]
    shift = paid - date.fromisoformat(f["payment_date"])
    for key in ("payment_date", "entry_date", "presentation_date"):
        if key in f:
            f[key] = (date.fromisoformat(f[key]) + shift).isoformat()
    for inv in truth["extra"]["invoices"]:
        inv["date"] = inv["date"] + shift
    n = f["pedimento_number"]
    f["pedimento_number"] = f"{paid.year % 100:02d}{n[2:8]}{paid.year % 10}{n[9:]}"


def _pedimento(rng: random.Random, kind: int, partidas: int, ocean: bool) -> dict[str, Any]:
    """A pedimento whose partidas all count pieces (UMC 6), so BOM quantities apply without conversion."""
    while True:
        truth = data.pedimento(rng, kind, partidas)
        if all(ln["umc"] == "6" for ln in truth["lines"]) and (truth["extra"]["mode"] == "ocean") == ocean:
            return truth


def _own(truth: dict[str, Any], rfc: str) -> None:
    f = truth["fields"]
    f["importer_exporter_rfc"] = rfc
    f["importer_exporter_name"] = COMPANY_NAME
    truth["extra"]["invoices"] = truth["extra"]["invoices"][:1]
    kept = {truth["extra"]["invoices"][0]["number"], truth["extra"]["invoices"][0]["cove"]}
    truth["references"] = [r for r in truth["references"] if r["kind"] not in ("invoice", "cove") or r["value"] in kept]


def write_world(outdir: Path, seed: str = "unseen-company") -> World:
    """Draw the world's documents into ``outdir`` (deterministic from ``seed``)."""
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    world = World(rfc=data.rfc(rng))
    parts_by_tariff: dict[str, str] = {}
    components: list[str] = []
    for k in range(3):
        imp = _pedimento(rng, 0, rng.choice([2, 3, 4]), ocean=True)
        _own(imp, world.rfc)
        _move_to(imp, FIRST_IMPORT + timedelta(days=24 * k))
        for ln in imp["lines"]:
            # the same material keeps its part number when imported again (later lots of it)
            part = parts_by_tariff.setdefault(ln["tariff_code"], f"MAT-{len(parts_by_tariff) + 1:03d}")
            ln["part_number"] = part
            if part not in components:
                components.append(part)
        world.docs += _import_documents(outdir, rng, imp, k)
    products = []
    for k in range(2):
        exp = _pedimento(rng, 3, rng.choice([1, 2]), ocean=False)
        _own(exp, world.rfc)
        _move_to(exp, FIRST_IMPORT + timedelta(days=90 + 35 * k))
        for j, ln in enumerate(exp["lines"]):
            ln["part_number"] = f"FG-{k + 1}{j + 1:02d}"
            qty = float(rng.randint(20, 90))
            ln["umt_quantity"] = round(ln["umt_quantity"] * qty / ln["umc_quantity"], 3)
            ln["umc_quantity"] = qty
            ln["unit_price"] = round(ln["paid_price_mxn"] / ln["umc_quantity"], 5)
            products.append((ln["part_number"], ln["umc_quantity"]))
        world.docs += _export_documents(outdir, rng, exp, k)
        world.as_of = date.fromisoformat(exp["fields"]["payment_date"]) + timedelta(days=AS_OF_DAYS)
    bom_rows = []
    for product, _qty in products:
        for comp in rng.sample(components, min(len(components), rng.choice([2, 3]))):
            bom_rows.append((product, comp, rng.choice([1, 2, 3])))
    for product, qty in products:
        for p, comp, per in bom_rows:
            if p == product:
                world.demand[comp] = world.demand.get(comp, Decimal(0)) + Decimal(per) * Decimal(str(qty))
    with open(outdir / world.bom, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["producto", "componente", "cantidad", "unidad", "merma", "vigencia_desde"])
        for product, comp, per in bom_rows:
            w.writerow([product, comp, per, "6", "0", FIRST_IMPORT.isoformat()])
    return world


def _render(outdir: Path, module: Any, truth: dict[str, Any], arrangement: str, name: str) -> WorldDoc:
    path = outdir / name
    module.render(truth, arrangement, path, random.Random(name))
    public = json.loads(json.dumps({k: v for k, v in truth.items() if k != "extra"}, default=str))
    return WorldDoc(name, public, truth["doc_type"], arrangement)


def _import_documents(outdir: Path, rng: random.Random, imp: dict[str, Any], k: int) -> list[WorldDoc]:
    f, x = imp["fields"], imp["extra"]
    inv_ref = x["invoices"][0]
    inv = data.commercial_invoice(rng, len(imp["lines"]))
    fi = inv["fields"]
    fi.update({"invoice_number": inv_ref["number"], "invoice_date": inv_ref["date"].isoformat()})
    fi.update({"buyer_name": COMPANY_NAME, "buyer_tax_id": f["importer_exporter_rfc"], "incoterm": inv_ref["incoterm"]})
    tc = float(f["exchange_rate"])
    for src, line in zip(imp["lines"], inv["lines"], strict=True):
        line["part_number"] = src["part_number"]
        line["description"] = str(src["description"]).capitalize()
        line["quantity"] = src["umc_quantity"]
        line["unit"] = "PCS"
        line["tariff_code"] = src["tariff_code"]
        line["unit_price"] = round(float(src["paid_price_mxn"]) / tc / float(src["umc_quantity"]), 4)
        line["amount"] = round(line["quantity"] * line["unit_price"], 2)
    fi["subtotal_amount"] = round(sum(ln["amount"] for ln in inv["lines"]), 2)
    fi["total_amount"] = round(fi["subtotal_amount"] + inv["extra"]["freight"], 2)
    ped_doc = _render(outdir, pedimentos, imp, _held_out(pedimentos, k), f"import-{k + 1}-pedimento.pdf")
    # a partida gets its part number from the pedimento's CÓDIGO PRODUCTO when the printout has one, else from
    # an invoice line of the same fracción: an invoice arrangement that prints no fracción serves only the
    # pedimentos that print their part numbers
    printed = all(line.get("part_number") for line in ped_doc.truth["lines"])
    invoice_arrangement = _held_out_where(invoices, lambda a: printed or a in TARIFF_PRINTING_INVOICES, k // 2)
    invoice_doc = _render(outdir, invoices, inv, invoice_arrangement, f"import-{k + 1}-invoice.pdf")

    bl = data.bill_of_lading(rng, "ocean", max(1, len(x["containers"])))
    bl_number = next(r["value"] for r in imp["references"] if r["kind"] == "bl")
    bl["fields"].update({"bl_number": bl_number, "consignee_name": COMPANY_NAME})
    for line, container in zip(bl["lines"], x["containers"], strict=False):
        line["container_number"] = container
    keep = {line["container_number"] for line in bl["lines"]} | {line["seal_number"] for line in bl["lines"]}
    bl["references"] = [r for r in bl["references"] if r["kind"] not in ("container", "seal") or r["value"] in keep]
    bl["references"] = [
        {"kind": r["kind"], "value": inv_ref["number"]} if r["kind"] == "invoice" else r for r in bl["references"]
    ]
    bl["extra"]["invoice"] = inv_ref["number"]
    ocean = _held_out_where(bills, lambda a: bills.KIND[a] == "ocean", k)
    docs = [ped_doc, invoice_doc, _render(outdir, bills, bl, ocean, f"import-{k + 1}-bl.pdf")]
    if k == 0:
        # the second transport document, on the held-out arrangement drawn from a truck's truth (in round 18 a
        # US shipper's straight bill received by fax: the inland leg's paper as the broker got it), citing the same
        # invoice
        inland = data.bill_of_lading(rng, "truck", rng.choice([1, 2]))
        inland["fields"]["consignee_name"] = COMPANY_NAME
        inland["extra"]["invoice"] = inv_ref["number"]
        inland["references"] = [
            {"kind": "invoice", "value": inv_ref["number"]} if r["kind"] == "invoice" else r
            for r in inland["references"]
        ]
        truck = _held_out_where(bills, lambda a: bills.KIND[a] == "truck", k)
        docs.append(_render(outdir, bills, inland, truck, f"import-{k + 1}-inland.pdf"))
    return docs


def _export_documents(outdir: Path, rng: random.Random, exp: dict[str, Any], k: int) -> list[WorldDoc]:
    f, x = exp["fields"], exp["extra"]
    cfdi = data.cfdi_printout(rng, len(exp["lines"]))
    fc = cfdi["fields"]
    fc.update({"issuer_rfc": f["importer_exporter_rfc"], "issuer_name": COMPANY_NAME})
    fc["issue_date"] = (date.fromisoformat(f["payment_date"]) - timedelta(days=1)).isoformat()
    fc["exchange_rate"] = f["exchange_rate"]
    for src, line in zip(exp["lines"], cfdi["lines"], strict=True):
        qty = src["umc_quantity"]
        price = round(float(src["paid_price_mxn"]) / float(f["exchange_rate"]) / qty, 2)
        line.update(
            {"part_number": src["part_number"], "tariff_code": src["tariff_code"], "description": src["description"]}
        )
        line.update(
            {"quantity": qty, "customs_quantity": qty, "unit": "H87", "customs_unit": "06", "unit_price": price}
        )
        line["amount"] = line["usd_value"] = round(qty * price, 2)
    fc["subtotal"] = fc["total"] = round(sum(ln["amount"] for ln in cfdi["lines"]), 2)
    # the export pedimento cites the CFDI's folio fiscal as its invoice (NUM. CFDI O DOCUMENTO EQUIVALENTE)
    x["invoices"][0]["number"] = fc["uuid"]
    exp["references"] = [r for r in exp["references"] if r["kind"] != "invoice"]
    exp["references"].append({"kind": "cfdi_uuid", "value": fc["uuid"]})
    valid = _held_out_where(cfdi_printouts, lambda a: a not in CANCELLED_CFDI, k)
    cfdi_doc = _render(outdir, cfdi_printouts, cfdi, valid, f"export-{k + 1}-cfdi.pdf")
    ped_doc = _render(outdir, pedimentos, exp, _held_out(pedimentos, k + 1), f"export-{k + 1}-pedimento.pdf")
    return [ped_doc, cfdi_doc]


# --------------------------------------------------------------------------------------------------------
# Loading into the chain


def truth_result(doc: WorldDoc) -> dict[str, Any]:
    """The extraction result a perfect reader would give for ``doc`` (``immex.extraction/v1``)."""

    def cell(value: Any) -> dict[str, Any]:
        return {"value": value, "confidence": 0.99, "page": 1, "bbox": None, "raw": None}

    t = doc.truth
    body = json.dumps([doc.file, t], sort_keys=True, default=str).encode()
    return {
        "schema": "immex.extraction/v1",
        "source": {
            "filename": doc.file,
            "sha256": hashlib.sha256(body).hexdigest(),
            "media_type": "application/pdf",
            "pages": 1,
        },
        "doc_type": doc.doc_type,
        "doc_type_confidence": 0.99,
        "text_source": "text_layer",
        "fields": {k: cell(v) for k, v in t["fields"].items()},
        "lines": [{k: cell(v) for k, v in line.items()} for line in t["lines"]],
        "references": [{"kind": r["kind"], "value": r["value"]} for r in t["references"]],
        "warnings": [],
    }


def load_world(db: Any, company_id: int, world: World, results: list[dict[str, Any]], outdir: Path) -> dict[str, Any]:
    """Store ``results`` (one per world document, in order), link them, import the BOM and run the discharge;
    returns the lots (by pedimento number and sequence), the uncovered export quantities and the lots a
    document still waiting for review stands behind."""
    from evidence.chain.bom import import_bom
    from evidence.chain.queries import lots_report
    from evidence.chain.runs import execute_run
    from tests.integration.test_chain_support import add_document

    with db.session() as session:
        for result in results:
            add_document(session, company_id, result)
    with db.session() as session:
        import_bom(session, company_id, outdir / world.bom, actor="clerk@example.com", today=FIRST_IMPORT)
    with db.session() as session:
        report = execute_run(session, company_id, actor="auditor@example.com", as_of=world.as_of)
        lots = lots_report(session, company_id, world.as_of)
    uncovered = sorted(
        (u["export_pedimento"], u["part_number"], str(u["uncovered_quantity"])) for u in report.uncovered
    )
    return {
        "lots": {(lot["pedimento_number"], lot["sequence"]): lot_key(lot) for lot in lots},
        "uncovered": uncovered,
        "awaiting_review": {(lot["pedimento_number"], lot["sequence"]) for lot in lots if lot["awaiting_review"]},
    }


def lot_key(lot: dict[str, Any]) -> tuple[Any, ...]:
    """What must agree for a lot to count as built exactly: part, quantities, status, due date."""
    return (
        lot["part_number"],
        lot["imported_quantity"],
        lot["discharged_quantity"],
        lot["balance"],
        lot["status"],
        lot["due_date"],
    )


def compare(expected: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    """Lots built exactly, and every difference (missing, extra, or with other values)."""
    want, have = expected["lots"], got["lots"]
    matched = sorted(k for k in want if have.get(k) == want[k])
    differ = [
        {"lot": list(k), "expected": list(want[k]), "got": list(have[k]) if k in have else None}
        for k in sorted(want)
        if have.get(k) != want[k]
    ]
    extra = [{"lot": list(k), "got": list(have[k])} for k in sorted(set(have) - set(want))]
    return {
        "matched": len(matched),
        "expected": len(want),
        "differ": differ,
        "extra": extra,
        "uncovered_expected": expected["uncovered"],
        "uncovered_got": got["uncovered"],
    }
