"""Command-line start benchmark: how long ``immex --help``, ``immex documents``, ``immex lots`` and ``immex verify``
take from the shell, each run as a fresh process, on an up-to-date database holding the demo company (``immex
demo``: documents, lots, a BOM and a saved discharge run) and a signed bundle of it, made once in a data directory
of its own. The embedded SQLite database by default; ``--database-url`` runs the same on an empty database of
another server (PostgreSQL), which the benchmark fills with the demo.

Prints the machine (OS, Python, CPUs, memory, load average), then per command the median wall time and the median
CPU time (user + system) of the child over ``--runs`` runs, then the load average again. The runs use cached
bytecode, as an installed service does (``PYTHONDONTWRITEBYTECODE`` is dropped from their environment). Target
(issue 13): each ≤ 0.3 s. On a shared machine wall time grows with the load average printed beside it; CPU time
is the steadier figure. ``documents`` and ``lots`` on an up-to-date database read with plain DB-API SQL
(``evidence.plain_reads``): ``sqlite3`` for the embedded default, psycopg for PostgreSQL.

    python -m benchmarks.cli_start [--runs 7] [--keep] [--database-url postgresql+psycopg://.../empty_db]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._machine import describe_machine, load_average  # noqa: E402

RFC = "DMQ190101AB6"  # the demo company (immex.demo.DEMO_RFC)
IMMEX = [sys.executable, "-m", "immex"]


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(IMMEX + args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    parser.add_argument("--database-url", default="", help="an empty database to use instead of embedded SQLite")
    opts = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="immex-cli-start-"))
    # PYTHONDONTWRITEBYTECODE would make every run compile the project's modules from source again (~0.05 s
    # of CPU): an installed service runs from cached bytecode, so the warm-up run below writes it
    skip = ("IMMEX_DATABASE_URL", "IMMEX_REDIS_URL", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update({"IMMEX_DATA_DIR": str(data), "PYTHONPATH": str(REPO)})
    if opts.database_url:
        env["IMMEX_DATABASE_URL"] = opts.database_url
    bundle = data / "bundle.zip"
    try:
        subprocess.run(IMMEX + ["demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            IMMEX + ["bundle", "--company", RFC, "--period", "2020-01-01..2030-12-31", "--out", str(bundle)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        key = data / "service.pem"
        subprocess.run(IMMEX + ["signing-key", "--out", str(key)], env=env, check=True, stdout=subprocess.DEVNULL)
        commands = {
            "immex --help": ["--help"],
            "immex documents --json": ["documents", "--company", RFC, "--json"],
            "immex lots --json": ["lots", "--company", RFC, "--json"],
            f"immex verify ({bundle.stat().st_size / 1024:.0f} KB bundle)": ["verify", str(bundle), "--key", str(key)],
        }
        print(describe_machine())
        print("database:", "embedded SQLite" if not opts.database_url else opts.database_url.split("://")[0])
        print(f"{'command':<36} {'wall (median)':>14} {'CPU (median)':>13}   runs={opts.runs}")
        for name, args in commands.items():
            run(args, env)  # warm the file cache and the bytecode
            figures = [run(args, env) for _ in range(opts.runs)]
            wall = statistics.median(f[0] for f in figures)
            cpu = statistics.median(f[1] for f in figures)
            print(f"{name:<36} {wall:>12.3f} s {cpu:>11.3f} s")
        print(f"load average at the end: {load_average()}")
    finally:
        if opts.keep:
            print(f"data kept in {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
