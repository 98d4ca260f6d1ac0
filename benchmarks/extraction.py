"""Extraction benchmark: field-level precision, recall and F1 on held-out and development arrangements, review
routing, document-type accuracy, and speed.

Generates a synthetic set (``tests/synth``: every family's arrangements, each as a text-layer PDF and as
300/200-dpi scans) or reads one, runs
``extractors.pipeline.extract`` on every document and on the corpus documents that carry ground truth
(``../shared/corpus``: CFDI XML, whose truth is the XML's own attributes; invoice2data PDFs with their expected
JSON), and prints:

- precision / recall / F1 of field values (line items included) per document type and text source (text layer,
  scan 300, scan 200), on the arrangements held out of development (leave-one-arrangement-out: each family's
  ``HELD_OUT``, never tuned on) beside the development ones;
- review routing on held-out documents: the share of imperfect documents (any field wrong or missing) flagged
  ``needs_review``, and the share of perfect ones flagged;
- reference recall per document type; document-type accuracy;
- ms per page (median) for text-layer documents: the whole ``extract()`` and the part after the text step;
- for scans, the extraction step's time as a percentage of the OCR time.

    python benchmarks/extraction.py [--set DIR] [--count N] [--scan-every K] [--no-scans] [--no-corpus]
                                    [--families F,F] [--dev-only | --held-out-only] [--errors] [--json OUT]

Targets (issue #10): held-out F1 ≥ 0.97 text layer, ≥ 0.93 scans at 300 dpi, ≥ 0.90 at 200 dpi; routing on
held-out documents ≥ 95% of imperfect ones flagged, ≤ 20% of perfect ones; 1.0 CFDI XML.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._machine import describe_machine  # noqa: E402
from extractors.pipeline import extract, family_for, page_entities  # noqa: E402
from extractors.result import ExtractionContext  # noqa: E402
from extractors.text import TextOptions, read_text  # noqa: E402
from tests.synth.generate import DEV_KINDS, HELD_OUT_KINDS, KINDS, generate_set, load_manifest  # noqa: E402
from tests.synth.score import Score, score_references, score_result  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"


def run_synthetic(folder: Path, show_errors: bool) -> list[dict[str, Any]]:
    """Extract every document of a generated set; one record per document with its scores and timings."""
    rows = []
    for entry in load_manifest(folder):
        truth = json.loads((folder / entry.truth).read_text("utf-8"))
        path = folder / entry.file
        t0 = time.perf_counter()
        doc_text = read_text(path, "application/pdf", TextOptions())
        t1 = time.perf_counter()
        result = extract(path, media_type="application/pdf", doc_text=doc_text)
        t2 = time.perf_counter()
        family = family_for(entry.doc_type)
        context = ExtractionContext(
            path=path,
            filename=entry.file,
            media_type="application/pdf",
            doc_type=entry.doc_type,
            entities=page_entities(doc_text),
        )
        t3 = time.perf_counter()
        if family is not None:
            family(doc_text, context)  # the family extractor alone, to tell its share from the pipeline's
        family_s = time.perf_counter() - t3
        score = score_result(truth, result)
        rows.append(
            {
                "file": entry.file,
                "doc_type": entry.doc_type,
                "held_out": entry.held_out,
                "needs_review": result["needs_review"],
                "review_codes": sorted({w["code"] for w in result["warnings"]}),
                "layout": entry.layout,
                "source": entry.variant,
                "pages": entry.pages,
                "predicted_type": result["doc_type"],
                "text_s": t1 - t0,
                "extract_s": t2 - t1,
                "family_s": family_s,
                "score": score,
                "refs": score_references(truth, result),
            }
        )
        if show_errors and score.errors:
            print(f"  {entry.file}: " + "; ".join(score.errors[:6]), file=sys.stderr)
    return rows


def cfdi_truth(path: Path) -> dict[str, Any] | None:
    """The contract's CFDI fields read straight from the XML's attributes (independent of the extractor)."""
    from lxml import etree

    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    if etree.QName(root).localname != "Comprobante":
        return None

    def attr(node: Any, name: str) -> str | None:
        value = node.get(name)
        if value is None:
            value = node.get(name[0].lower() + name[1:])
        return value

    def child(node: Any, name: str) -> Any:
        for element in node:
            if isinstance(element.tag, str) and etree.QName(element).localname == name:
                return element
        return None

    fields: dict[str, Any] = {}
    version = attr(root, "Version")
    fields["cfdi_version"] = version
    kind = attr(root, "TipoDeComprobante")
    if kind and version and version >= "3.3":
        fields["cfdi_type"] = kind
    for name, key in (("Serie", "series"), ("Folio", "folio"), ("Moneda", "currency"), ("Exportacion", "export_code")):
        if attr(root, name):
            fields[key] = attr(root, name)
    fecha = attr(root, "Fecha")
    if fecha:
        fields["issue_date"] = fecha[:10]
    for name, key in (("SubTotal", "subtotal"), ("Total", "total"), ("TipoCambio", "exchange_rate")):
        if attr(root, name):
            fields[key] = float(attr(root, name) or 0)
    for node_name, prefix in (("Emisor", "issuer"), ("Receptor", "receiver")):
        node = child(root, node_name)
        if node is not None:
            if attr(node, "Rfc"):
                fields[f"{prefix}_rfc"] = attr(node, "Rfc")
            if attr(node, "Nombre"):
                fields[f"{prefix}_name"] = attr(node, "Nombre")
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == "TimbreFiscalDigital":
            fields["uuid"] = (element.get("UUID") or "").upper()
    lines = []
    conceptos = child(root, "Conceptos")
    for concepto in conceptos if conceptos is not None else []:
        if not isinstance(concepto.tag, str):
            continue
        line: dict[str, Any] = {}
        for name, key in (
            ("ClaveProdServ", "product_key"),
            ("NoIdentificacion", "part_number"),
            ("Descripcion", "description"),
            ("ClaveUnidad", "unit"),
        ):
            if attr(concepto, name):
                line[key] = attr(concepto, name)
        for name, key in (("Cantidad", "quantity"), ("ValorUnitario", "unit_price"), ("Importe", "amount")):
            if attr(concepto, name):
                line[key] = float(attr(concepto, name) or 0)
        lines.append(line)
    return {"doc_type": "cfdi", "fields": fields, "lines": lines, "references": []}


I2D_FIELDS = {
    "invoice_number": "invoice_number",
    "date": "invoice_date",
    "amount": "total_amount",
    "currency": "currency",
}


def run_corpus(show_errors: bool) -> list[dict[str, Any]]:
    """CFDI XML (truth from the XML) and invoice2data PDFs (truth from their expected JSON)."""
    rows = []
    for path in sorted(CORPUS.glob("cfdi-*/**/*.xml")):
        truth = cfdi_truth(path)
        if truth is None:
            continue
        t0 = time.perf_counter()
        result = extract(path)
        elapsed = time.perf_counter() - t0
        score = score_result(truth, result, partial=True)
        rows.append(
            {
                "file": str(path.relative_to(CORPUS)),
                "doc_type": "cfdi",
                "source": "xml",
                "pages": 1,
                "predicted_type": result["doc_type"],
                "text_s": 0.0,
                "extract_s": elapsed,
                "score": score,
                "refs": Score(),
            }
        )
        if show_errors and score.errors:
            print(f"  {path.name}: " + "; ".join(score.errors[:6]), file=sys.stderr)
    for expected in sorted((CORPUS / "invoice2data" / "compare").glob("*.json")):
        pdf = expected.with_suffix(".pdf")
        if not pdf.exists():
            continue
        data = json.loads(expected.read_text("utf-8"))
        data = data[0] if isinstance(data, list) else data
        fields = {key: data[name] for name, key in I2D_FIELDS.items() if name in data}
        if "invoice_date" in fields:
            fields["invoice_date"] = str(fields["invoice_date"])[:10]
        truth = {"doc_type": "commercial_invoice", "fields": fields, "lines": [], "references": []}
        t0 = time.perf_counter()
        doc_text = read_text(pdf, "application/pdf", TextOptions())
        t1 = time.perf_counter()
        result = extract(pdf, media_type="application/pdf", doc_text=doc_text)
        t2 = time.perf_counter()
        score = score_result(truth, result, partial=True)
        rows.append(
            {
                "file": f"invoice2data/{pdf.name}",
                "doc_type": "invoice2data",
                "source": result["text_source"],
                "pages": len(doc_text.pages),
                "predicted_type": result["doc_type"],
                "text_s": t1 - t0,
                "extract_s": t2 - t1,
                "score": score,
                "refs": Score(),
            }
        )
        if show_errors and score.errors:
            print(f"  {pdf.name}: " + "; ".join(score.errors[:6]), file=sys.stderr)
    return rows


SYNTH_FAMILIES = ("pedimento", "commercial_invoice", "bill_of_lading", "cfdi")


def split_name(row: dict[str, Any]) -> str:
    return "held-out" if row.get("held_out") else "dev"


def report_split(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """F1 per family and source, held-out beside development; review routing per split."""
    figures: dict[str, Any] = {}
    synth = [row for row in rows if row["doc_type"] in SYNTH_FAMILIES and "held_out" in row]
    groups: dict[tuple[str, str, str], Score] = defaultdict(Score)
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in synth:
        for family in (row["doc_type"], "all families"):
            key = (family, row["source"], split_name(row))
            groups[key].add(row["score"])
            counts[key] += 1
    print(f"{'family':20} {'source':10} {'held-out F1 (docs)':>20} {'dev F1 (docs)':>16}")
    for family in (*SYNTH_FAMILIES, "all families"):
        for source in ("text_layer", "scan300", "scan200"):
            cells = []
            for split in ("held-out", "dev"):
                key = (family, source, split)
                if counts.get(key):
                    cells.append(f"{groups[key].f1:.3f} ({counts[key]})")
                    figures[f"f1/{family}/{source}/{split}"] = groups[key].f1
                else:
                    cells.append("-")
            if cells != ["-", "-"]:
                print(f"{family:20} {source:10} {cells[0]:>20} {cells[1]:>16}")
    print()
    for split in ("held-out", "dev"):
        chosen = [row for row in synth if split_name(row) == split]
        imperfect = [row for row in chosen if row["score"].errors]
        perfect = [row for row in chosen if not row["score"].errors]
        flagged_imperfect = sum(1 for row in imperfect if row["needs_review"])
        flagged_perfect = sum(1 for row in perfect if row["needs_review"])
        if not chosen:
            continue
        pct_i = 100 * flagged_imperfect / max(1, len(imperfect))
        pct_p = 100 * flagged_perfect / max(1, len(perfect))
        print(
            f"review routing, {split:8}: {flagged_imperfect}/{len(imperfect)} imperfect documents flagged "
            f"({pct_i:.0f}%), {flagged_perfect}/{len(perfect)} perfect ones flagged ({pct_p:.0f}%)"
        )
        figures[f"routing/{split}/imperfect_flagged_pct"] = pct_i
        figures[f"routing/{split}/perfect_flagged_pct"] = pct_p
        missed = [row["file"] for row in imperfect if not row["needs_review"]]
        if missed:
            print("  imperfect and not flagged: " + ", ".join(missed[:12]))
    print()
    return figures


def report(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Print the tables; return the figures."""
    figures: dict[str, Any] = {"groups": {}}
    figures["split"] = report_split(rows)
    groups: dict[tuple[str, str], Score] = defaultdict(Score)
    refs: dict[tuple[str, str], Score] = defaultdict(Score)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        key = (row["doc_type"], row["source"])
        groups[key].add(row["score"])
        refs[key].add(row["refs"])
        counts[key] += 1
    print(f"{'document type':20} {'source':10} {'docs':>5} {'fields':>7} {'P':>6} {'R':>6} {'F1':>6} {'ref R':>6}")
    for key in sorted(groups):
        s, r = groups[key], refs[key]
        fields = s.tp + s.fn
        ref_recall = f"{r.recall:6.3f}" if r.tp + r.fn else "     -"
        print(
            f"{key[0]:20} {key[1]:10} {counts[key]:5} {fields:7} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{ref_recall}"
        )
        figures["groups"][f"{key[0]}/{key[1]}"] = {
            "docs": counts[key],
            "fields": fields,
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
        }
    by_source: dict[str, Score] = defaultdict(Score)
    for (doc_type, source), s in groups.items():
        if doc_type in SYNTH_FAMILIES and source != "xml":
            by_source[source].add(s)
    print()
    for source, s in sorted(by_source.items()):
        print(f"synthetic, all families, {source:10}: P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}")
        figures[f"f1_{source}"] = s.f1
    typed = [row for row in rows if row["doc_type"] != "invoice2data"]
    right = sum(1 for row in typed if row["predicted_type"] == row["doc_type"])
    print(f"document-type accuracy: {right}/{len(typed)} = {right / max(1, len(typed)):.3f}")
    figures["doc_type_accuracy"] = right / max(1, len(typed))
    wrong = [f"{row['file']}→{row['predicted_type']}" for row in typed if row["predicted_type"] != row["doc_type"]]
    if wrong:
        print("  misclassified: " + ", ".join(wrong[:10]))

    text_rows = [row for row in rows if row["source"] == "text_layer" and row["doc_type"] != "invoice2data"]
    if text_rows:
        total = [1000 * (row["text_s"] + row["extract_s"]) / row["pages"] for row in text_rows]
        after = [1000 * row["extract_s"] / row["pages"] for row in text_rows]
        print(
            f"text layer: {statistics.median(total):.0f} ms/page median for extract() with the text step "
            f"(p90 {sorted(total)[int(0.9 * (len(total) - 1))]:.0f}); "
            f"{statistics.median(after):.0f} ms/page median after the text step"
        )
        figures["ms_per_page_text_layer"] = statistics.median(total)
        figures["ms_per_page_after_text"] = statistics.median(after)
        text_step = [1000 * row["text_s"] / row["pages"] for row in text_rows]
        print(
            f"  of which: text step (pdfplumber words) {statistics.median(text_step):.0f} ms/page median; "
            "family extractor alone, median ms/page: "
            + ", ".join(
                f"{doc_type} {statistics.median(values):.0f}"
                for doc_type, values in sorted(_family_ms(text_rows).items())
            )
        )
        figures["ms_per_page_text_step"] = statistics.median(text_step)
    for source in ("scan300", "scan200"):
        scan_rows = [row for row in rows if row["source"] == source]
        if scan_rows:
            ratios = [100 * row["extract_s"] / row["text_s"] for row in scan_rows if row["text_s"] > 0]
            ocr = sum(row["text_s"] for row in scan_rows) / sum(row["pages"] for row in scan_rows)
            overall = 100 * sum(row["extract_s"] for row in scan_rows) / sum(row["text_s"] for row in scan_rows)
            print(
                f"{source}: OCR {ocr:.2f} s/page; extraction adds {statistics.median(ratios):.1f}% of OCR time "
                f"(median per document), {overall:.1f}% overall"
            )
            figures[f"{source}_extraction_pct_of_ocr"] = overall
    return figures


def _family_ms(rows: list[dict[str, Any]]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if "family_s" in row:
            out[row["doc_type"]].append(1000 * row["family_s"] / row["pages"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, help="a set written by `python -m tests.synth` (else one is generated)")
    parser.add_argument("--count", type=int, default=3, help="documents per family and layout (default 3)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scan-every", type=int, default=2, help="scan every K-th document (default 2)")
    parser.add_argument("--no-scans", action="store_true")
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--errors", action="store_true", help="print the wrong values on stderr")
    parser.add_argument("--families", help="only these families, comma-separated (default: all)")
    parser.add_argument("--dev-only", action="store_true", help="leave out the held-out arrangements")
    parser.add_argument(
        "--held-out-only", action="store_true", help="only the held-out arrangements (e.g. to scan just those)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    print(f"machine: {describe_machine()}")
    with tempfile.TemporaryDirectory(prefix="immex-synth-") as tmp:
        folder = args.set
        if folder is None:
            folder = Path(tmp)
            t0 = time.perf_counter()
            kinds = DEV_KINDS if args.dev_only else HELD_OUT_KINDS if args.held_out_only else KINDS
            if args.families:
                wanted = set(args.families.split(","))
                kinds = [kind for kind in kinds if kind[0] in wanted]
            entries = generate_set(
                folder,
                count=args.count,
                seed=args.seed,
                scans=() if args.no_scans else ("scan300", "scan200"),
                scan_every=args.scan_every,
                kinds=kinds,
            )
            print(
                f"generated {len(entries)} files ({sum(e.pages for e in entries)} pages) in "
                f"{time.perf_counter() - t0:.1f} s, seed {args.seed}"
            )
        rows = run_synthetic(folder, args.errors)
    if not args.no_corpus:
        rows += run_corpus(args.errors)
    figures = report(rows)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
