"""Pedimento reading per printout arrangement: header and partidas F1, development vs held-out, and review routing.

Generates ``--count`` pedimentos of every arrangement in ``tests.synth.pedimentos.ARRANGEMENTS`` (partida counts
from 1 to 55, every clave kind), reads each through ``extractors.pipeline.extract`` and prints, per arrangement
and for the development and held-out groups (``HELD_OUT``, kept out of the reader's development):

- F1 of the header fields and of the partidas' cells;
- documents read perfectly; of the imperfect ones, how many ask for review; of the perfect ones, how many do.

    python benchmarks/pedimento_arrangements.py [--count N] [--seed S] [--scan300 K] [--only NAME ...] [--errors]

``--scan300 K`` also scans the first K documents of each arrangement at 300 dpi (slow: OCR).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._machine import describe_machine  # noqa: E402
from extractors.pipeline import extract  # noqa: E402
from tests.synth import data, pedimentos  # noqa: E402
from tests.synth.scan import scan_pdf  # noqa: E402
from tests.synth.score import Score, score_result  # noqa: E402

PARTIDAS = (1, 3, 9, 2, 24, 5, 55, 14, 7, 38)


def split_scores(truth: dict[str, Any], result: dict[str, Any]) -> tuple[Score, Score]:
    """(header, partidas) scores of one result."""
    header = score_result({**truth, "lines": []}, {**result, "lines": []})
    lines = score_result({**truth, "fields": {}}, {**result, "fields": {}})
    # the line-only score still compares extra header fields the result holds: drop those
    lines = Score(
        tp=lines.tp,
        fp=lines.fp - sum(1 for e in lines.errors if not e.startswith("lines[")),
        fn=lines.fn,
        errors=[e for e in lines.errors if e.startswith("lines[")],
    )
    return header, lines


def run(folder: Path, count: int, seed: int, scan300: int, only: list[str], show: bool) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = {}
    # the truth as the text-layer drawing left it (an arrangement may drop from it what it prints only in
    # observations): its scan is scored against the same
    truths: dict[Path, dict[str, Any]] = {}
    for arrangement in only or pedimentos.ARRANGEMENTS:
        for variant in ("text_layer", "scan300"):
            if variant == "scan300" and not scan300:
                continue
            key = f"{arrangement}/{variant}"
            stats: dict[str, Any] = {"header": Score(), "lines": Score(), "docs": 0, "perfect": 0}
            stats.update({"imperfect_flagged": 0, "perfect_flagged": 0})
            for index in range(count if variant == "text_layer" else scan300):
                rng = random.Random(f"{seed}/{arrangement}/{index}")
                pdf = folder / f"{arrangement}-{index:03d}.pdf"
                if pdf not in truths:
                    truth = data.pedimento(rng, index, PARTIDAS[index % len(PARTIDAS)])
                    truth["pages"] = pedimentos.render(truth, arrangement, pdf, rng)
                    truths[pdf] = truth
                truth = truths[pdf]
                path = pdf
                if variant == "scan300":
                    path = folder / f"{arrangement}-{index:03d}.scan300.pdf"
                    scan_pdf(pdf, path, dpi=300, rng=random.Random(index))
                result = extract(path)
                header, lines = split_scores(truth, result)
                stats["header"].add(header)
                stats["lines"].add(lines)
                stats["docs"] += 1
                perfect = not header.errors and not lines.errors
                stats["perfect"] += perfect
                if perfect:
                    stats["perfect_flagged"] += bool(result["needs_review"])
                else:
                    stats["imperfect_flagged"] += bool(result["needs_review"])
                if show and not perfect:
                    print(
                        f"  {path.name}: review={result['needs_review']} "
                        + "; ".join((header.errors + lines.errors)[:6])
                    )
                    if not result["needs_review"]:
                        print("     UNFLAGGED; warnings:", [w["code"] for w in result["warnings"]])
            rows[key] = stats
    return rows


def report(rows: dict[str, dict[str, Any]]) -> None:
    groups: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "header": Score(),
            "lines": Score(),
            "docs": 0,
            "perfect": 0,
            "imperfect_flagged": 0,
            "perfect_flagged": 0,
        }
    )
    print(
        f"{'arrangement':22} {'docs':>4} {'header F1':>9} {'partidas F1':>11} {'perfect':>7} "
        f"{'imperfect flagged':>17} {'perfect flagged':>15}"
    )
    for key, s in rows.items():
        arrangement, variant = key.split("/")
        group = ("held-out" if arrangement in pedimentos.HELD_OUT else "development") + "/" + variant
        g = groups[group]
        g["header"].add(s["header"])
        g["lines"].add(s["lines"])
        for k in ("docs", "perfect", "imperfect_flagged", "perfect_flagged"):
            g[k] += s[k]
        _print_row(key, s)
    print()
    for key, g in sorted(groups.items()):
        _print_row(key, g)


def _print_row(key: str, s: dict[str, Any]) -> None:
    imperfect = s["docs"] - s["perfect"]
    print(
        f"{key:22} {s['docs']:>4} {s['header'].f1:>9.3f} {s['lines'].f1:>11.3f} {s['perfect']:>7} "
        f"{s['imperfect_flagged']:>10}/{imperfect:<6} {s['perfect_flagged']:>8}/{s['perfect']:<6}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scan300", type=int, default=0)
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args()
    print(describe_machine())
    print(f"held out: {', '.join(sorted(pedimentos.HELD_OUT))}")
    with tempfile.TemporaryDirectory() as tmp:
        rows = run(Path(tmp), args.count, args.seed, args.scan300, args.only, args.errors)
    report(rows)
    if args.json:
        out = {k: {"header_f1": v["header"].f1, "lines_f1": v["lines"].f1, "docs": v["docs"]} for k, v in rows.items()}
        Path(args.json).write_text(json.dumps(out, indent=1), "utf-8")


if __name__ == "__main__":
    main()
