"""The command line starts fast because each command imports only what it needs: ``--help`` and ``verify`` never
load SQLAlchemy, spaCy, pdfplumber, Pillow, Flask or Alembic, and a command on an up-to-date database skips
Alembic and the extraction stack (timings: ``benchmarks/cli_start.py``; tests never time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = {"sqlalchemy", "spacy", "pdfplumber", "PIL", "flask", "alembic", "numpy", "pypdfium2", "reportlab"}


def imported(args: list[str], data_dir: Path) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The top-level packages a fresh ``immex ARGS`` process imported (read from ``-X importtime``)."""
    env = {**os.environ, "IMMEX_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "immex", *args], env=env, capture_output=True, text=True
    )
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names, proc


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    names, proc = imported(["--help"], tmp_path)
    assert proc.returncode == 0 and "verify" in proc.stdout
    assert "immex" in names and names & HEAVY == set()


def test_verify_imports_nothing_heavy(tmp_path: Path) -> None:
    junk = tmp_path / "not-a-bundle.zip"
    junk.write_bytes(b"not a zip")
    names, proc = imported(["verify", str(junk)], tmp_path)
    assert proc.returncode != 0  # a clear refusal, not a crash
    assert "evidence" in names and names & HEAVY == set()


@pytest.mark.parametrize("command", ["documents", "lots"])
def test_commands_on_a_current_database_skip_migrations_and_extraction(tmp_path: Path, command: str) -> None:
    _, first = imported(["company", "create", "--rfc", "AAA010101AAA", "--name", "A"], tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    names, proc = imported([command, "--company", "AAA010101AAA", "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "sqlalchemy" in names
    assert names & {"alembic", "spacy", "pdfplumber", "PIL", "flask", "numpy", "pypdfium2"} == set()


def test_the_mail_status_choices_are_the_models() -> None:
    from immex.cli.mail import MAIL_STATUSES
    from intake.mail_models import MailStatus

    assert set(MAIL_STATUSES) == set(MailStatus.DONE) | {MailStatus.RECEIVED}
