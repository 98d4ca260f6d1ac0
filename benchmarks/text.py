# ruff: noqa: E402
"""Milliseconds per page for PDFs with a text layer (the corpus CFDI printouts and invoice2data invoices).

    .venv/bin/python benchmarks/text.py [--repeat 5]

Figures, each the median of ``--repeat`` passes over all the files, per page:

- ``pypdfium2 text``: open the PDF, read each page's text layer (what decides text layer vs OCR);
- ``pypdfium2 words``: open the PDF, words with boxes for each page from pdfium's characters (what the text step
  uses, ``extractors.textlayer.read_words``);
- ``pdfplumber words``: open the PDF, words with boxes for each page (what the text step used before; kept to
  compare);
- ``read_text(words=False)`` and ``read_text(words=True)``: the text step end to end without picture OCR;
- ``read_text default``: as the job calls it, including OCR of pictures placed on text pages (one pass; its CPU
  time leaves out the tesseract processes).

Scanned (image-only) PDFs of those folders are left out: ``benchmarks/ocr.py`` measures OCR.
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
import statistics
import time
from collections.abc import Callable

import pdfplumber
import pypdfium2 as pdfium

from benchmarks._machine import describe_machine, load_average
from extractors.text import TextOptions, read_text
from extractors.textlayer import read_words

CORPUS = REPO_ROOT.parent / "shared" / "corpus"
PDF = "application/pdf"


def text_layer_pdfs() -> list[Path]:
    """The corpus PDFs whose every page has a text layer."""
    candidates = sorted((CORPUS / "cfdi-nodecfdi-cfdi-to-pdf").glob("*.pdf")) + sorted(
        (CORPUS / "invoice2data").rglob("*.pdf")
    )
    chosen = []
    for path in candidates:
        pdf = pdfium.PdfDocument(str(path))
        try:
            if all(pdf[i].get_textpage().get_text_bounded().strip() for i in range(len(pdf))):
                chosen.append(path)
        finally:
            pdf.close()
    return chosen


def pypdfium2_text(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return sum(len(pdf[i].get_textpage().get_text_bounded()) for i in range(len(pdf)))
    finally:
        pdf.close()


def pypdfium2_words(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        found = 0
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            found += len(read_words(textpage, page.get_width(), page.get_height(), page.get_rotation()))
            textpage.close()
        return found
    finally:
        pdf.close()


def pdfplumber_words(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_words()) for page in pdf.pages)


def median_ms_per_page(
    run: Callable[[Path], object], files: list[Path], pages: int, repeat: int
) -> tuple[float, float]:
    """Median wall and CPU milliseconds per page over ``repeat`` passes (CPU time tells more on a busy machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        for path in files:
            run(path)
        walls.append((time.perf_counter() - start) * 1000 / pages)
        cpus.append((time.process_time() - cpu) * 1000 / pages)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print(f"machine: {describe_machine()}")
    files = text_layer_pdfs()
    pages = sum(len(pdfium.PdfDocument(str(p))) for p in files)
    print(f"input: {len(files)} PDFs with a text layer, {pages} pages")
    pdfplumber_words(files[0])  # imports and caches warmed once, outside the timing
    cpu_start = time.process_time()

    figures = {
        "pypdfium2 text": median_ms_per_page(pypdfium2_text, files, pages, args.repeat),
        "pypdfium2 words": median_ms_per_page(pypdfium2_words, files, pages, args.repeat),
        "pdfplumber words": median_ms_per_page(pdfplumber_words, files, pages, args.repeat),
        "read_text(words=False)": median_ms_per_page(
            lambda p: read_text(p, PDF, TextOptions(words=False, ocr_pictures=False)), files, pages, args.repeat
        ),
        "read_text(words=True)": median_ms_per_page(
            lambda p: read_text(p, PDF, TextOptions(words=True, ocr_pictures=False)), files, pages, args.repeat
        ),
        "read_text default": median_ms_per_page(lambda p: read_text(p, PDF, TextOptions()), files, pages, 1),
    }
    print(f"load average after: {load_average()}; CPU time of the run: {time.process_time() - cpu_start:.1f} s")
    print(f"{'method':<26}{'ms/page':>10}{'CPU ms/page':>14}")
    for name, (wall, cpu) in figures.items():
        print(f"{name:<26}{wall:>10.1f}{cpu:>14.1f}")


if __name__ == "__main__":
    main()
