"""Discharge benchmark at a large plant's year, on PostgreSQL.

Generates (seeded) 250,000 import partidas (lots), 100,000 export partidas and 2,000 products whose BOMs have 25
components on average, bulk-loads them with COPY into a database of its own, then measures:

- a full discharge run (load, FIFO engine, COPY of the consumption lines, commit): wall time and peak memory of
  the process that runs it;
- an incremental run that continues it with one more day's export lines.

Each run happens in a fresh child process so that its peak memory is its own. The database is dropped at the end.

    python benchmarks/discharge.py [--scale 1.0] [--keep] [--verify]

``IMMEX_DATABASE_URL`` (default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``) names the server; the
benchmark creates and drops its own database there.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Running this file puts benchmarks/ first on sys.path, where a sibling script named like a standard module
# (email.py) would shadow it: take the folder off and put the repository on instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from datetime import UTC, date, datetime, timedelta  # noqa: E402
from decimal import Decimal  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
YEAR_START = date(2025, 1, 1)
YEAR_END = date(2025, 12, 31)
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def describe_machine() -> str:
    try:
        from benchmarks._machine import describe_machine as shared  # type: ignore[import-not-found]

        return str(shared())
    except ImportError:
        pass
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "unknown memory"
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs ({model}), {memory}"


def _server_url(url: str, database: str) -> str:
    return url.rsplit("/", 1)[0] + f"/{database}"


def _psycopg_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def create_database(url: str) -> str:
    import psycopg

    name = f"immex_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_psycopg_dsn(url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return _server_url(url, name)


def drop_database(admin_url: str, url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(_psycopg_dsn(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- data ---------------------------------------------------------------------------------------------------


def generate(scale: float, seed: int = 24) -> dict[str, list[tuple[object, ...]]]:
    """Rows for chain_lots, chain_export_lines, chain_bom_versions, chain_bom_lines (ids included)."""
    from evidence.chain.discharge import (
        BomComponent,
        BomVersion,
        ExportLine,
        Lot,
        bom_digest,
        export_digest,
        lot_digest,
    )

    rng = random.Random(seed)
    n_lots, n_exports = int(250_000 * scale), int(100_000 * scale)
    n_materials, n_products = max(50, int(5_000 * scale)), max(20, int(2_000 * scale))
    materials = [f"MAT-{i:05d}" for i in range(n_materials)]
    products = [f"FG-{i:04d}" for i in range(n_products)]
    lot_rows: list[tuple[object, ...]] = []
    first_import = YEAR_START - timedelta(days=183)
    span = (YEAR_END - first_import).days
    per_pedimento = 10
    for i in range(n_lots):
        ped_index, seq = divmod(i, per_pedimento)
        start = first_import + timedelta(days=(ped_index * span) // max(1, n_lots // per_pedimento))
        number = f"{start.year % 100:02d}473445{start.year % 10}{ped_index:06d}"
        part = materials[rng.randrange(n_materials)]
        qty = Decimal(rng.randrange(100, 450))
        due = start + timedelta(days=548)
        lot = Lot(i + 1, number, seq + 1, part, "IN", start, due, qty, "6", "85423999")
        lot_rows.append(
            (lot.id, 1, number, seq + 1, part, "85423999", "IN", start, due, "6", qty, True, lot_digest(lot), 1, 1)
        )
    bom_versions: list[tuple[object, ...]] = []
    bom_lines: list[tuple[object, ...]] = []
    line_id = 0
    for j, product in enumerate(products):
        comps = rng.sample(materials, rng.randint(15, 35))
        components = tuple(
            BomComponent(c, Decimal(rng.randint(1, 8)) / 4, Decimal(rng.choice([0, 0, 1, 2, 5])), "6") for c in comps
        )
        version = BomVersion(j + 1, product, date(2024, 1, 1), None, components)
        digest = bom_digest(version)
        bom_versions.append((j + 1, 1, 1, product, version.valid_from, None, digest, digest, 1, CREATED))
        for c in components:
            line_id += 1
            bom_lines.append((line_id, j + 1, c.component, c.quantity_per_unit, c.unit, c.scrap_pct))
    export_rows: list[tuple[object, ...]] = []
    year_days = (YEAR_END - YEAR_START).days + 1
    for k in range(n_exports):
        ped_index, seq = divmod(k, per_pedimento)
        day = YEAR_START + timedelta(days=(ped_index * year_days) // max(1, n_exports // per_pedimento))
        number = f"{day.year % 100:02d}473445{day.year % 10}9{ped_index:05d}"
        part = products[rng.randrange(n_products)]
        qty = Decimal(rng.randint(1, 20))
        line = ExportLine(k + 1, number, seq + 1, day, part, qty, "6", "RT")
        export_rows.append((line.id, 1, number, seq + 1, "RT", day, part, qty, "6", True, export_digest(line), 1, 1))
    return {"lots": lot_rows, "exports": export_rows, "bom_versions": bom_versions, "bom_lines": bom_lines}


def load(url: str, data: dict[str, list[tuple[object, ...]]], last_day: date) -> int:
    """COPY everything but the export lines of ``last_day`` (kept for the incremental run); return held rows."""
    import psycopg

    held = [r for r in data["exports"] if r[5] == last_day]
    with psycopg.connect(_psycopg_dsn(url)) as conn:
        conn.execute("INSERT INTO companies (id, rfc, name, created_at) VALUES (1, 'BEN240101AA1', 'Bench', now())")
        conn.execute("INSERT INTO chain_counters (company_id, rev) VALUES (1, 1)")
        conn.execute(
            "INSERT INTO chain_bom_imports (id, company_id, filename, sha256, actor, row_count, created_at)"
            " VALUES (1, 1, 'bench.csv', repeat('0', 64), 'bench', 0, now())"
        )
        with conn.cursor() as cur:
            copies = [
                (
                    "chain_lots (id, company_id, pedimento_number, sequence, part_number, tariff_code, clave,"
                    " start_date, due_date, unit, quantity, active, digest, rev, created_rev)",
                    data["lots"],
                ),
                (
                    "chain_export_lines (id, company_id, pedimento_number, sequence, clave, export_date, part_number,"
                    " quantity, unit, active, digest, rev, created_rev)",
                    [r for r in data["exports"] if r[5] != last_day],
                ),
                (
                    "chain_bom_versions (id, company_id, import_id, product, valid_from, valid_to, content_hash,"
                    " digest, rev, created_at)",
                    data["bom_versions"],
                ),
                ("chain_bom_lines (id, version_id, component, quantity_per_unit, unit, scrap_pct)", data["bom_lines"]),
            ]
            for target, rows in copies:
                with cur.copy(f"COPY {target} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            for table in ("chain_lots", "chain_export_lines", "chain_bom_versions", "chain_bom_lines"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            cur.execute("ANALYZE")
        conn.commit()
    return len(held)


def add_last_day(url: str, data: dict[str, list[tuple[object, ...]]], last_day: date) -> int:
    import psycopg

    held = [r for r in data["exports"] if r[5] == last_day]
    with psycopg.connect(_psycopg_dsn(url)) as conn:
        conn.execute("UPDATE chain_counters SET rev = 2 WHERE company_id = 1")
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY chain_export_lines (id, company_id, pedimento_number, sequence, clave, export_date, part_number,"
                " quantity, unit, active, digest, rev, created_rev) FROM STDIN"
            ) as copy,
        ):
            for row in held:
                copy.write_row(row[:11] + (2, 2))
        conn.commit()
    return len(held)


# --- one run, in a child process ------------------------------------------------------------------------------


def child(url: str, as_of: str, incremental: bool, dry_run: bool) -> None:
    from sqlalchemy import text

    from evidence.chain.runs import execute_run
    from evidence.db import Database

    db = Database(url)
    with db.engine.connect() as probe:  # warm the pool: the run's session reuses this connection and backend
        backend = int(probe.execute(text("SELECT pg_backend_pid()")).scalar_one())
    pg0 = _process_cpu(backend)
    start = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = start.ru_utime + start.ru_stime
    t0 = time.perf_counter()
    with db.session() as session:
        same_backend = session.execute(text("SELECT pg_backend_pid()")).scalar_one() == backend
        report = execute_run(
            session, 1, actor="bench", as_of=date.fromisoformat(as_of), incremental=incremental, dry_run=dry_run
        )
    wall = time.perf_counter() - t0
    pg1 = _process_cpu(backend)
    pg_cpu = round(pg1 - pg0, 2) if same_backend and pg0 is not None and pg1 is not None else None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024
    print(
        json.dumps(
            {
                "wall_s": round(wall, 2),
                "cpu_s": round(usage.ru_utime + usage.ru_stime - cpu0, 2),
                "pg_cpu_s": pg_cpu,
                "peak_mb": round(peak_mb),
                "mode": report.mode,
                "timings": {k: round(v, 2) for k, v in report.timings.items()},
                "lots": report.lot_count,
                "exports": report.export_line_count,
                "consumptions": report.consumption_count,
                "uncovered": len(report.uncovered),
                "input_hash": report.input_hash,
            }
        )
    )
    db.dispose()


def _process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of a local process (the PostgreSQL backend serving the run), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def run_child(url: str, as_of: date, *, incremental: bool, dry_run: bool = False) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", url, as_of.isoformat()]
    if incremental:
        cmd.append("--incremental")
    if dry_run:
        cmd.append("--dry-run")
    out = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=REPO)
    if out.returncode != 0:
        raise SystemExit(f"the run failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark database.")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="Also make a full run after the incremental one and check that the input hashes agree.",
    )
    parser.add_argument("--child", nargs=2, metavar=("URL", "AS_OF"), help=argparse.SUPPRESS)
    parser.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dry-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.incremental, args.dry_run)
        return
    from migrations.runner import upgrade_database

    admin = os.environ.get("IMMEX_DATABASE_URL", DEFAULT_URL)
    print(f"machine: {describe_machine()}")
    t0 = time.perf_counter()
    data = generate(args.scale)
    print(
        f"generated {len(data['lots']):,} lots, {len(data['exports']):,} export lines, "
        f"{len(data['bom_versions']):,} BOMs with {len(data['bom_lines']):,} lines "
        f"(avg {len(data['bom_lines']) / len(data['bom_versions']):.1f}) in {time.perf_counter() - t0:.1f} s"
    )
    url = create_database(admin)
    try:
        upgrade_database(url)
        t0 = time.perf_counter()
        last_day = YEAR_END
        load(url, data, last_day)
        print(f"bulk load (COPY): {time.perf_counter() - t0:.1f} s")
        full = run_child(url, last_day - timedelta(days=1), incremental=False)
        print(
            f"full run:        {full['wall_s']} s wall ({full['cpu_s']} s CPU in Python, {full['pg_cpu_s']} s in "
            "PostgreSQL), "
            f"peak {full['peak_mb']} MB, {full['lots']:,} lots, "
            f"{full['exports']:,} export lines, {full['consumptions']:,} consumption lines, "
            f"{full['uncovered']:,} uncovered; phases {full['timings']}"
        )
        held = add_last_day(url, data, last_day)
        inc = run_child(url, last_day, incremental=True)
        print(
            f"incremental run: {inc['wall_s']} s wall ({inc['cpu_s']} s CPU in Python, {inc['pg_cpu_s']} s in "
            "PostgreSQL), "
            f"peak {inc['peak_mb']} MB, mode {inc['mode']}, "
            f"+{held} export lines of {last_day}; phases {inc['timings']}"
        )
        if args.verify:
            check = run_child(url, last_day, incremental=False, dry_run=True)
            same = check["input_hash"] == inc["input_hash"] and check["consumptions"] == inc["consumptions"]
            print(
                f"verify: full recomputation {'matches' if same else 'DIFFERS FROM'} the incremental run "
                f"({check['wall_s']} s)"
            )
    finally:
        if not args.keep:
            drop_database(admin, url)


if __name__ == "__main__":
    main()
