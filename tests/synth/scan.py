"""Turn a generated PDF into what a scanner gives back: an image-only PDF, slightly rotated and noisy."""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


def scan_pdf(src: Path, dst: Path, *, dpi: int, rng: random.Random, upside_down: int | None = None) -> None:
    """Rasterise every page of ``src`` at ``dpi`` in grey, turn it by a small random angle (0.2 to 0.7
    degrees either way), blur it a little, add sensor noise and specks, turn page ``upside_down`` (0-based) by
    180 degrees, and save the pages as an image PDF at ``dst`` (no text layer)."""
    pdf = pdfium.PdfDocument(str(src))
    pages: list[Image.Image] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            # a page the viewer turns (/Rotate) comes out of the scanner as the viewer shows it: drawn unturned
            # and turned as an image (the renderer would size it unturned and cut it)
            turn = page.get_rotation()
            if turn:
                page.set_rotation(0)
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if turn:
                image = image.rotate(-turn, expand=True)
            page.close()
            angle = rng.uniform(0.2, 0.7) * rng.choice([-1, 1])
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
            image = image.filter(ImageFilter.GaussianBlur(radius=0.5 * dpi / 300))
            pages.append(_noisy(image, rng))
    finally:
        pdf.close()
    if upside_down is not None and 0 <= upside_down < len(pages):
        pages[upside_down] = pages[upside_down].rotate(180)
    fixed = time.strptime("2024-01-01", "%Y-%m-%d")  # not the run's time: the same seed gives the same bytes
    pages[0].save(
        dst,
        "PDF",
        resolution=float(dpi),
        save_all=True,
        append_images=pages[1:],
        creationDate=fixed,
        modDate=fixed,
        producer="tests.synth",
    )


def _noisy(image: Image.Image, rng: random.Random) -> Image.Image:
    generator = np.random.default_rng(rng.randint(0, 2**32 - 1))
    pixels = np.asarray(image, dtype=np.float32)
    pixels = pixels * 0.92 + 10  # paper is never white, toner never black
    pixels += generator.normal(0.0, 9.0, pixels.shape)
    specks = generator.random(pixels.shape) < 0.0004
    pixels[specks] = generator.uniform(0, 120, int(specks.sum()))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
