"""The bounds checked before anything is decoded: PDF streams that inflate too far (a flate bomb, also one
deflated twice), images with too many pixels (PNG, TIFF), pages scaled down to a pixel budget. Each crafted
file is small; the checks read it in bounded steps (peak memory of a check is measured in a subprocess)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from extractors import bounds
from extractors.text import TextError, TextOptions, read_text
from tests.bombs import flate_bomb_pdf, huge_page_pdf, png_bomb, tiff_bomb
from tests.factories import png_bytes, text_pdf


def test_a_1_mb_flate_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    bomb = flate_bomb_pdf(tmp_path / "bomb.pdf", 1024)  # 1 GB of spaces
    assert bomb.stat().st_size < 2 * 1024 * 1024
    refusal = bounds.check_pdf_streams(bomb)
    assert refusal is not None and refusal.code == "expands_too_much"
    assert "expands to more than 256 MB" in refusal.reason and "kept but cannot be read" in refusal.reason


def test_a_stream_deflated_twice_is_refused(tmp_path: Path) -> None:
    bomb = flate_bomb_pdf(tmp_path / "twice.pdf", 300, twice=True)
    assert bomb.stat().st_size < 64 * 1024
    refusal = bounds.check_pdf_streams(bomb)
    assert refusal is not None and refusal.code == "expands_too_much"


def test_ordinary_pdfs_pass(tmp_path: Path) -> None:
    assert bounds.check_pdf_streams(text_pdf(tmp_path / "ok.pdf", pages=3)) is None
    assert bounds.check_pdf_streams(flate_bomb_pdf(tmp_path / "small.pdf", 2)) is None
    assert bounds.check_pdf_streams(huge_page_pdf(tmp_path / "big-page.pdf")) is None  # refused by pixels, not here


def test_checking_a_bomb_stays_small_in_memory(tmp_path: Path) -> None:
    bomb = flate_bomb_pdf(tmp_path / "bomb.pdf", 1024)
    # The peak is read from /proc after resetting it: a process started from a large one (pytest) would otherwise
    # report its parent's size at the fork.
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from extractors import bounds
        Path("/proc/self/clear_refs").write_text("5")  # the peak from here on: the check alone, not the imports
        assert bounds.check_pdf_streams({str(bomb)!r}) is not None
        status = Path("/proc/self/status").read_text()
        print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    peak_mb = int(out.stdout.strip()) / 1024
    assert peak_mb < 300, f"checking a 1 GB bomb peaked at {peak_mb:.0f} MB"


@pytest.mark.parametrize(("width", "height"), [(30000, 30000), (15000, 15000), (100000, 1000)])
def test_png_pixel_bombs_are_refused_from_the_header(tmp_path: Path, width: int, height: int) -> None:
    bomb = png_bomb(tmp_path / "bomb.png", width, height)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    refusal = bounds.check_image(bomb)
    assert refusal is not None and refusal.code == "too_many_pixels"
    assert f"{width:,} x {height:,} pixels" in refusal.reason or "far more pixels" in refusal.reason


def test_a_tiff_pixel_bomb_is_refused_from_the_header(tmp_path: Path) -> None:
    refusal = bounds.check_image(tiff_bomb(tmp_path / "bomb.tif", 50000, 50000))
    assert refusal is not None and refusal.code == "too_many_pixels"


def test_ordinary_images_pass(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(png_bytes(2550, 3300))  # a letter page at 300 dpi
    assert bounds.check_image(path) is None


def test_read_text_refuses_bombs_with_a_clerks_reason(tmp_path: Path) -> None:
    """Not an internal error that invites reprocessing: a ``TextError`` with a stable code and a reason."""
    with pytest.raises(TextError) as png:
        read_text(png_bomb(tmp_path / "bomb.png", 30000, 30000), "image/png")
    assert png.value.code == "too_many_pixels" and not png.value.retryable
    with pytest.raises(TextError) as pdf:
        read_text(flate_bomb_pdf(tmp_path / "bomb.pdf", 64), "application/pdf", TextOptions(max_stream_mb=16))
    assert pdf.value.code == "expands_too_much" and "16 MB" in pdf.value.message


def test_a_huge_page_is_scaled_to_the_pixel_budget() -> None:
    scale = bounds.fit_scale(14400, 14400, 1.5, 12_000_000)
    assert (14400 * scale) ** 2 <= 12_000_000 * 1.0001
    assert bounds.fit_scale(612, 792, 1.5, 12_000_000) == 1.5
