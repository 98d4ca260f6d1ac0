"""The command line starts fast because each command imports only what it needs: ``--help`` and ``verify`` never
load SQLAlchemy, spaCy, pdfplumber, Pillow, Flask or Alembic; a command on an up-to-date database skips Alembic
and the extraction stack; ``documents`` and ``lots`` on an up-to-date SQLite database read with plain ``sqlite3``
(no SQLAlchemy, no psycopg), never load the signing key's cryptography or (with a Redis URL set) the job queue's
client; ``lots`` reads a saved discharge run that says everything without importing the discharge engine
(timings: ``benchmarks/cli_start.py``; tests never time).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = {"sqlalchemy", "spacy", "pdfplumber", "PIL", "flask", "alembic", "numpy", "pypdfium2", "reportlab"}


def imported_modules(
    args: list[str], data_dir: Path, **env_vars: str
) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """Every module a fresh ``immex ARGS`` process had imported when it ended (``sys.modules`` at exit)."""
    env = {k: v for k, v in os.environ.items() if k not in ("IMMEX_DATABASE_URL", "IMMEX_REDIS_URL")}
    env.update({"IMMEX_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO), **env_vars})
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)) + '\\n'))\n"
        "import runpy; runpy.run_module('immex', run_name='__main__', alter_sys=True)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True)
    lines = [line for line in proc.stderr.splitlines() if line.startswith("MODULES ")]
    assert lines, proc.stderr[-2000:]
    return set(lines[-1].split()[1:]), proc


def imported(args: list[str], data_dir: Path, **env_vars: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The top-level packages a fresh ``immex ARGS`` process imported."""
    modules, proc = imported_modules(args, data_dir, **env_vars)
    return {name.split(".")[0] for name in modules}, proc


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


NOT_FOR_READING = {
    "alembic",
    "spacy",
    "pdfplumber",
    "PIL",
    "flask",
    "numpy",
    "pypdfium2",
    "cryptography",
    "redis",
    "rq",
}
ENGINE = {"evidence.chain.runs", "evidence.chain.bom", "evidence.chain.linking", "evidence.chain.build"}


@pytest.mark.parametrize("command", ["documents", "lots"])
def test_commands_on_a_current_database_skip_migrations_and_extraction(tmp_path: Path, command: str) -> None:
    _, first = imported(["company", "create", "--rfc", "AAA010101AAA", "--name", "A"], tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    _, run = imported(["discharge", "run", "--company", "AAA010101AAA"], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    # a Redis and an S3 nobody listens on: a command that only reads never reaches them, nor imports their clients
    modules, proc = imported_modules(
        [command, "--company", "AAA010101AAA", "--json"],
        tmp_path,
        IMMEX_REDIS_URL="redis://127.0.0.1:9/0",
        IMMEX_S3_ENDPOINT="127.0.0.1:9",
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = {name.split(".")[0] for name in modules}
    assert "sqlite3" in names and "evidence.plain_reads" in modules  # plain DB-API SQL, no ORM
    assert names & (NOT_FOR_READING | {"sqlalchemy", "psycopg"}) == set()
    assert modules & ENGINE == set()


def test_lots_without_a_saved_run_computes_one_in_memory(tmp_path: Path) -> None:
    """The engine is still there when it is needed: no saved run, so ``lots`` runs a dry one."""
    _, first = imported(["company", "create", "--rfc", "AAA010101AAA", "--name", "A"], tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    modules, proc = imported_modules(["lots", "--company", "AAA010101AAA", "--json"], tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stderr[-2000:]
    assert "evidence.chain.runs" in modules


def test_the_migration_heads_read_cheaply_are_alembics() -> None:
    from migrations.runner import file_heads, heads

    assert file_heads() == frozenset(heads()) and file_heads()


def test_the_mail_status_choices_are_the_models() -> None:
    from immex.cli.mail import MAIL_STATUSES
    from intake.mail_models import MailStatus

    assert set(MAIL_STATUSES) == set(MailStatus.DONE) | {MailStatus.RECEIVED}
