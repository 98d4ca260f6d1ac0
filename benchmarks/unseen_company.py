"""The evidence chain of a company whose documents all come in arrangements held out of development (issue #10).

Draws the company's documents (``tests/unseen_world.py``: import pedimentos with their invoices and B/Ls, export
pedimentos with their CFDI printouts, a BOM; every document in a held-out arrangement of its family), reads each
PDF with the real extractor, builds the chain and runs the discharge in an SQLite database, and compares every
lot (part number, imported, discharged, balance, status, due date) with the lots the generator's truth builds.

    python -m benchmarks.unseen_company [--seed S] [--json FILE]

Prints lots matched / expected, each lot that differs, and how many lots read wrong the lot list does not mark
``awaiting_review`` (a document behind them still waits for a clerk): those are the ones a user would trust.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def build(outdir: Path, seed: str) -> dict:
    """Generate the world, load it read and as truth into two databases, and compare their lots."""
    from evidence.db import Database
    from extractors.pipeline import extract
    from migrations.runner import upgrade_database
    from tests.integration.test_chain_support import make_company
    from tests.unseen_world import compare, load_world, truth_result, write_world

    world = write_world(outdir / "documents", seed)
    started = time.perf_counter()
    read = [extract(outdir / "documents" / doc.file) for doc in world.docs]
    seconds = time.perf_counter() - started
    chains = {}
    for name, results in (("expected", [truth_result(doc) for doc in world.docs]), ("read", read)):
        url = f"sqlite:///{outdir / f'{name}.db'}"
        upgrade_database(url)
        db = Database(url)
        try:
            chains[name] = load_world(db, make_company(db, world.rfc), world, results, outdir / "documents")
        finally:
            db.dispose()
    out = compare(chains["expected"], chains["read"])
    have, want = chains["read"]["lots"], chains["expected"]["lots"]
    wrong = sorted(key for key, values in have.items() if want.get(key) != values)
    out["lots_read"] = len(have)
    out["read_wrong"] = [list(key) for key in wrong]
    out["read_wrong_unmarked"] = [list(key) for key in wrong if key not in chains["read"]["awaiting_review"]]
    out["documents"] = [
        {"file": d.file, "arrangement": d.arrangement, "needs_review": r["needs_review"]}
        for d, r in zip(world.docs, read, strict=True)
    ]
    out["extraction_seconds"] = round(seconds, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default="unseen-company")
    parser.add_argument("--json", type=Path, help="also write the comparison here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = build(Path(tmp), args.seed)
    print(f"documents: {len(out['documents'])} ({', '.join(sorted({d['arrangement'] for d in out['documents']}))})")
    print(f"lots matched / expected: {out['matched']} / {out['expected']}")
    for d in out["differ"]:
        print(f"  differs {d['lot']}: expected {d['expected']}, got {d['got']}")
    for d in out["extra"]:
        print(f"  extra {d['lot']}: {d['got']}")
    print(f"uncovered exports, expected: {out['uncovered_expected']}; read: {out['uncovered_got']}")
    print(
        f"lots read: {out['lots_read']}; read wrong: {len(out['read_wrong'])}, of which not marked awaiting review: "
        f"{len(out['read_wrong_unmarked'])} {out['read_wrong_unmarked']}"
    )
    flagged = [d["file"] for d in out["documents"] if d["needs_review"]]
    print(f"documents sent to review: {len(flagged)} of {len(out['documents'])} {flagged}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
