# ruff: noqa: E402
"""Pages per second of the OCR step on a dense scanned PDF, side by side with plain tesseract and OCRmyPDF.

    .venv/bin/python benchmarks/ocr.py [--pages 6] [--workers N] [--skip-ocrmypdf]
    .venv/bin/python benchmarks/ocr.py --quality [--dpis 200,300]

The scanned PDF is built from corpus scans (linn.png, typewriter.png, francais.pdf, repeated), each page an
image at 300 dpi. Three ways to OCR it run one after the other in this one process, with the same workers:

- ``ours``: ``extractors.text.read_text`` (render with pypdfium2, OCR with single-threaded tesseract processes
  driven by a thread pool, orientation check, words with boxes);
- ``tesseract``: the plain ``tesseract`` CLI on the same page images, already rendered to PNG files, N processes
  in parallel with ``OMP_THREAD_LIMIT=1`` (the floor: nothing but OCR);
- ``ocrmypdf``: ``ocrmypdf --jobs N`` on the PDF in its cheapest setting (``--output-type pdf --optimize 0``,
  no page rotation), if it is installed (``pip install ocrmypdf``, the ``bench`` extra).

Wall time per page is the figure that matters; CPU time per page (this process and its children) is printed
too because it is less disturbed by other work on a shared machine.

``--quality`` measures reading instead of speed: one generated document of each family (``tests.synth``: a SAAI
pedimento, an English invoice, an ocean B/L, a CFDI printout) is scanned by ``tests.synth.scan`` at each of
``--dpis``, upright and with its first page upside down, and read with ``read_text`` and ``extract``. Printed per
document and per (dpi, orientation): the character error rate against the document's own text layer (it counts
reading order too, so columns read in another order raise it), the share of the text layer's words read (in any
order), the rotation found, and the field F1 of ``extract`` against the generator's truth.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder comes first on sys.path, where a module named like a standard one (email.py)
# would shadow it; import from the repository root instead.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
REPO_ROOT = HERE.parent
sys.path.insert(0, str(REPO_ROOT))

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pypdfium2 as pdfium
from PIL import Image

from benchmarks._machine import describe_machine, load_average
from extractors.pipeline import extract
from extractors.quality import cer
from extractors.text import TextOptions, read_text
from tests.synth.generate import make_truth, render
from tests.synth.scan import scan_pdf
from tests.synth.score import Score, score_result

CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "ocr-ocrmypdf"
DPI = 300
LANGUAGES = "spa+eng"
PDF = "application/pdf"


def _corpus_pages() -> list[Image.Image]:
    """Gray page images at 300 dpi: the dense brochure page, a typewritten page, a page in French."""
    linn = Image.open(CORPUS / "linn.png").convert("L")
    typewriter = Image.open(CORPUS / "typewriter.png").convert("L")
    pdf = pdfium.PdfDocument(str(CORPUS / "francais.pdf"))
    francais = pdf[0].render(scale=DPI / 72).to_pil().convert("L")
    pdf.close()
    return [linn, typewriter, francais]


def build_scanned_pdf(path: Path, pages: int) -> None:
    """A PDF of ``pages`` scanned pages (no text layer), cycling through the corpus scans."""
    sources = _corpus_pages()
    chosen = [sources[i % len(sources)] for i in range(pages)]
    chosen[0].save(path, save_all=True, append_images=chosen[1:], resolution=float(DPI))


def render_pages(pdf_path: Path, folder: Path) -> list[Path]:
    """The PDF's pages as PNG files at 300 dpi, for the plain tesseract run (not timed)."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    paths = []
    for index in range(len(pdf)):
        path = folder / f"page-{index + 1:03d}.png"
        pdf[index].render(scale=DPI / 72, grayscale=True).to_pil().convert("L").save(path)
        paths.append(path)
    pdf.close()
    return paths


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    """Wall and CPU seconds (this process and its finished children) of one call, and its result."""
    cpu, wall = _cpu_seconds(), time.perf_counter()
    result = run()
    return time.perf_counter() - wall, _cpu_seconds() - cpu, result


def run_ours(pdf_path: Path, workers: int) -> object:
    return read_text(pdf_path, "application/pdf", TextOptions(ocr_workers=workers, dpi=DPI, languages=LANGUAGES))


def run_plain_tesseract(images: list[Path], workers: int) -> object:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(path: Path) -> str:
        done = subprocess.run(
            ["tesseract", str(path), "stdout", "-l", LANGUAGES, "--dpi", str(DPI)],
            capture_output=True,
            env=env,
            check=True,
        )
        return done.stdout.decode("utf-8", "replace")

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, images))


def run_ocrmypdf(pdf_path: Path, out: Path, workers: int) -> object:
    command = [
        shutil.which("ocrmypdf") or str(Path(sys.executable).parent / "ocrmypdf"),
        "--jobs",
        str(workers),
        "-l",
        LANGUAGES,
        "--output-type",
        "pdf",
        "--optimize",
        "0",
        "--quiet",
        str(pdf_path),
        str(out),
    ]
    return subprocess.run(command, capture_output=True, check=True)


def _ocrmypdf_available() -> str | None:
    """None when OCRmyPDF can run here, else why not."""
    executable = shutil.which("ocrmypdf") or Path(sys.executable).parent / "ocrmypdf"
    if not Path(executable).exists():
        return "ocrmypdf is not installed (pip install ocrmypdf, or the project's bench extra)"
    return None


QUALITY_KINDS = [
    ("pedimento", "saai"),
    ("commercial_invoice", "english"),
    ("bill_of_lading", "ocean"),
    ("cfdi", "generic"),
]


def word_recall(hypothesis: str, reference: str) -> float:
    """Share of the reference's words found in the hypothesis, in any order."""
    got, want = Counter(hypothesis.split()), Counter(reference.split())
    return sum((got & want).values()) / max(sum(want.values()), 1)


def run_quality(dpis: list[int], workers: int) -> None:
    """Scan one document of each family at each dpi, upright and upside down; print CER, word recall and F1."""
    options = TextOptions(ocr_workers=workers)
    totals: dict[tuple[int, bool], tuple[Score, list[float], list[float], list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="immex-ocr-quality-") as tmp:
        folder = Path(tmp)
        for doc_type, layout in QUALITY_KINDS:
            rng = random.Random(f"ocr-quality/{doc_type}/{layout}")
            truth = make_truth(doc_type, layout, 0, rng)
            source = folder / f"{doc_type}.pdf"
            render(truth, layout, source, rng)
            reference = read_text(source, PDF, TextOptions(words=False, ocr_pictures=False)).text
            for dpi in dpis:
                for upside_down in (False, True):
                    scanned = folder / f"{doc_type}.{dpi}.{int(upside_down)}.pdf"
                    scan_rng = random.Random(f"ocr-quality/scan/{doc_type}/{dpi}/{upside_down}")
                    scan_pdf(source, scanned, dpi=dpi, rng=scan_rng, upside_down=0 if upside_down else None)
                    start = time.perf_counter()
                    doc = read_text(scanned, PDF, options)
                    seconds = time.perf_counter() - start
                    score = score_result(truth, extract(scanned, doc_text=doc))
                    rate, recall = cer(doc.text, reference), word_recall(doc.text, reference)
                    total = totals.setdefault((dpi, upside_down), (Score(), [], [], []))
                    total[0].add(score)
                    total[1].append(rate)
                    total[2].append(recall)
                    total[3].append(seconds / len(doc.pages))
                    print(
                        f"{doc_type:<19}{dpi:>4} dpi {'upside down' if upside_down else 'upright':<12} CER {rate:.3f}"
                        f"  words {recall:.3f}  F1 {score.f1:.3f}  rotations {[p.rotation for p in doc.pages]}"
                        f"  {seconds:.1f} s",
                        flush=True,
                    )
    print(f"load average after: {load_average()}")
    print(f"{'scans':<34}{'mean CER':>10}{'words':>8}{'field F1':>10}{'s/page':>8}")
    for (dpi, upside_down), (score, rates, recalls, times) in sorted(totals.items()):
        name = f"{dpi} dpi, {'first page upside down' if upside_down else 'upright'}"
        print(f"{name:<34}{statistics.mean(rates):>10.3f}{statistics.mean(recalls):>8.3f}{score.f1:>10.3f}", end="")
        print(f"{statistics.mean(times):>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=6, help="pages in the scanned PDF (default 6)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel pages (CPU count)")
    parser.add_argument("--skip-ocrmypdf", action="store_true")
    parser.add_argument("--quality", action="store_true", help="CER and field F1 of generated scans, not speed")
    parser.add_argument("--dpis", default="200,300", help="scan resolutions for --quality (default 200,300)")
    args = parser.parse_args()

    print(f"machine: {describe_machine()}")
    version = subprocess.run(["tesseract", "--version"], capture_output=True, check=True).stdout.decode()
    if args.quality:
        print(f"tesseract: {version.splitlines()[0]}; languages {LANGUAGES}; workers {args.workers}")
        run_quality([int(dpi) for dpi in args.dpis.split(",")], args.workers)
        return
    print(f"tesseract: {version.splitlines()[0]}; languages {LANGUAGES}; {DPI} dpi; workers {args.workers}")

    with tempfile.TemporaryDirectory(prefix="immex-ocr-bench-") as tmp:
        folder = Path(tmp)
        pdf_path = folder / "scanned.pdf"
        build_scanned_pdf(pdf_path, args.pages)
        images = render_pages(pdf_path, folder)
        print(
            f"input: {args.pages} scanned pages (linn, typewriter, francais, repeated), {pdf_path.stat().st_size:,} B"
        )

        results: dict[str, tuple[float, float]] = {}
        wall, cpu, doc = timed(lambda: run_ours(pdf_path, args.workers))
        results["ours (read_text)"] = (wall, cpu)
        pages = doc.pages  # type: ignore[attr-defined]
        rotations = [p.rotation for p in pages]
        linn_cer = cer(pages[0].text, (CORPUS / "linn.txt").read_text(encoding="utf-8"))
        print(f"ours: sources {[p.source for p in pages]}, rotations {rotations}, linn page CER {linn_cer:.4f}")

        wall, cpu, _ = timed(lambda: run_plain_tesseract(images, args.workers))
        results[f"plain tesseract x{args.workers}"] = (wall, cpu)

        why_not = "skipped" if args.skip_ocrmypdf else _ocrmypdf_available()
        if why_not is None:
            try:
                wall, cpu, _ = timed(lambda: run_ocrmypdf(pdf_path, folder / "out.pdf", args.workers))
                results[f"ocrmypdf --jobs {args.workers}"] = (wall, cpu)
            except subprocess.CalledProcessError as exc:
                why_not = f"ocrmypdf failed: {exc.stderr.decode('utf-8', 'replace').strip()[-300:]}"
        if why_not:
            print(f"ocrmypdf: not measured ({why_not})")

    print(f"load average after: {load_average()}")
    print(f"{'method':<26}{'s/page':>10}{'pages/s':>10}{'CPU s/page':>12}")
    for name, (wall, cpu) in results.items():
        print(f"{name:<26}{wall / args.pages:>10.2f}{args.pages / wall:>10.3f}{cpu / args.pages:>12.2f}")
    ours = results["ours (read_text)"][0]
    for name, (wall, _) in results.items():
        if not name.startswith("ours"):
            print(f"ours / {name}: {ours / wall:.2f}x the time ({(ours / wall - 1) * 100:+.0f}%)")


if __name__ == "__main__":
    main()
