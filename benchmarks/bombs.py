"""What the hostile small files of issue 12 cost now that every reader is bounded: for each, the intake check
(time, peak memory of a fresh process), reading it in the memory-limited child, and four huge page images drawn
at once by the portal's render pool. Also the cost of the child itself on an ordinary text PDF. Prints the
figures and the machine.

    .venv/bin/python benchmarks/bombs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import json  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import textwrap  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._machine import describe_machine  # noqa: E402

# Each measurement runs in a fresh interpreter so that its peak memory is its own.
PROBE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    sys.path.insert(0, {repo!r})
    what, path, media_type, data_dir = sys.argv[1:5]
    from immex.settings import Settings
    settings = Settings.from_env({{}}, data_dir=Path(data_dir))
    start = time.perf_counter()
    outcome = "ok"
    if what == "check":
        from extractors import bounds
        refusal = (bounds.check_pdf_streams(Path(path)) if media_type == "application/pdf"
                   else bounds.check_image(Path(path)))
        outcome = refusal.code if refusal else "passes"
    elif what in ("read", "direct"):
        from extractors.text import TextError, TextOptions, read_text
        from workers.reader import ReadExhausted, read_bounded
        options = TextOptions.from_settings(settings)
        try:
            if what == "read":
                read_bounded(settings, Path(path), media_type, options)
            else:
                read_text(Path(path), media_type, options)
        except (TextError, ReadExhausted) as exc:
            outcome = exc.code
    elif what == "render":
        from concurrent.futures import ThreadPoolExecutor
        from web.pagerender import RenderPool
        pool = RenderPool(settings.render_workers, settings.job_memory_mb)
        def one(n):
            return pool.render(Path(path), media_type, 1, Path(data_dir) / f"p{{n}}.png", 1.5, (256, 60_000_000))
        with ThreadPoolExecutor(4) as threads:
            outcome = ",".join(sorted({{r.status for r in threads.map(one, range(4))}}))
        pool.close(wait=True)  # its processes are reaped: their peak memory is counted
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({{"outcome": outcome, "seconds": seconds, "own_mb": own, "child_mb": children}}))
    """
).format(repo=str(REPO))


def probe(what: str, path: Path, media_type: str, data_dir: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, what, str(path), media_type, str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    from tests.bombs import flate_bomb_pdf, huge_page_pdf, png_bomb, tiff_bomb
    from tests.factories import text_pdf

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        data = d / "data"
        data.mkdir()
        cases = [
            ("14400 x 14400 pt page", huge_page_pdf(d / "page.pdf"), "application/pdf"),
            ("1 GB flate bomb (PDF)", flate_bomb_pdf(d / "bomb1g.pdf", 1024), "application/pdf"),
            ("8 GB flate bomb (PDF)", flate_bomb_pdf(d / "bomb8g.pdf", 8192), "application/pdf"),
            ("300 MB deflated twice", flate_bomb_pdf(d / "twice.pdf", 300, twice=True), "application/pdf"),
            ("30000 x 30000 PNG", png_bomb(d / "big.png", 30000, 30000), "image/png"),
            ("40000 x 40000 TIFF", tiff_bomb(d / "big.tif", 40000, 40000), "image/tiff"),
            ("ordinary text PDF", text_pdf(d / "ok.pdf", ["COMMERCIAL INVOICE", "Invoice No. 1"]), "application/pdf"),
        ]
        print(f"machine: {describe_machine()}")
        print(f"{'file':<24} {'size':>9}  {'check':<28} {'read (bounded child)':<40}")
        for name, path, media_type in cases:
            check = probe("check", path, media_type, data)
            read = probe("read", path, media_type, data)
            print(
                f"{name:<24} {path.stat().st_size:>8,}B  "
                f"{check['outcome']:<16} {check['seconds']:5.2f}s {check['own_mb']:4.0f}MB  "
                f"{read['outcome']:<16} {read['seconds']:5.2f}s parent {read['own_mb']:4.0f}MB "
                f"child {read['child_mb']:4.0f}MB"
            )
        direct = probe("direct", cases[-1][1], "application/pdf", data)
        print(f"ordinary text PDF read in-process (no child): {direct['seconds']:.2f}s, {direct['own_mb']:.0f}MB")
        render = probe("render", cases[0][1], "application/pdf", data)
        print(
            f"portal: four 14400 pt pages at once through the render pool: {render['outcome']} in "
            f"{render['seconds']:.2f}s; requesting process {render['own_mb']:.0f}MB, "
            f"largest render process {render['child_mb']:.0f}MB"
        )


if __name__ == "__main__":
    main()
