"""``python -m tests.synth OUTDIR [--count N] [--seed S] [--no-scans] [--scan-every K]``: write a set."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from tests.synth.generate import generate_set


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synth", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=1, help="documents per family and layout (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-scans", action="store_true", help="text-layer PDFs only")
    parser.add_argument("--scan-every", type=int, default=1, help="scan every K-th document of a layout")
    args = parser.parse_args(argv)
    entries = generate_set(
        args.outdir,
        count=args.count,
        seed=args.seed,
        scans=() if args.no_scans else ("scan300", "scan200"),
        scan_every=args.scan_every,
    )
    by_kind = Counter((e.doc_type, e.variant) for e in entries)
    for (doc_type, variant), n in sorted(by_kind.items()):
        print(f"{doc_type:20} {variant:10} {n:4}")
    print(f"{len(entries)} files, {sum(e.pages for e in entries)} pages in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
