"""The CLI when what it needs is not there: one clear line on standard error and a non-zero exit, never a
traceback and never a silent hang (the subprocess timeout only stops a hung test; nothing is timed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.factories import text_pdf

pytestmark = pytest.mark.integration

RFC = "AAA010101AAA"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "immex", *args], env=env, capture_output=True, text=True, timeout=120)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMMEX_")}
    env["IMMEX_DATA_DIR"] = str(tmp_path / "data")
    env.update(extra)
    return env


def _one_clear_line(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 75, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error [unavailable]: ") and words in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("documents",),
        ("company", "list"),
        ("company", "create", "--rfc", RFC, "--name", "Demo"),
        ("db", "upgrade"),
        ("verify-store",),
    ],
)
def test_an_unreachable_database_is_one_clear_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    env = _env(tmp_path, IMMEX_DATABASE_URL=f"postgresql+psycopg://immex@127.0.0.1:{free_port()}/immex")
    _one_clear_line(_run(env, *args), "The database is not reachable")


def test_ingest_wait_with_redis_unreachable_says_so_and_exits(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert _run(env, "company", "create", "--rfc", RFC, "--name", "Demo").returncode == 0
    env["IMMEX_REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/0"
    pdf = text_pdf(tmp_path / "factura.pdf", ["COMMERCIAL INVOICE INV-7"])
    result = _run(env, "ingest", "--company", RFC, "--wait", str(pdf))
    _one_clear_line(result, "The job queue (Redis)")
    result = _run(env, "ingest", "--company", RFC, str(pdf))  # without --wait the file is kept all the same
    assert result.returncode == 0 and result.stdout.startswith("accepted  factura.pdf"), result.stderr


def test_extract_of_a_file_too_large_to_read_is_one_clear_line(tmp_path: Path) -> None:
    """``immex extract`` limits its own memory: a scan within the pixel limit but beyond the memory limit ends
    with a message, not a machine out of memory."""
    from tests.bombs import png_bomb

    scan = png_bomb(tmp_path / "scan.png", 7000, 7000, bits=8)
    result = _run(_env(tmp_path, IMMEX_JOB_MEMORY_MB="40"), "extract", str(scan))
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip().startswith("error [too_large_to_read]: scan.png expands to more than 40 MB")
