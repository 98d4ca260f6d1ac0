"""The service under load: synthetic documents (``tests/synth``: pedimentos, invoices, CFDI, B/Ls, packing lists in
every layout, some scanned) uploaded through the API by concurrent clients to gunicorn, while RQ workers process
them on PostgreSQL + Redis + S3 (the real ``minio`` client against moto's server on loopback, as the tests do).
Midway one worker is killed with SIGKILL (its process group: the job it was running dies with it) and started
again. At the end every upload is checked: 0 lost, 0 duplicated, every document processed or failed with a reason.

Prints documents per minute, upload p95, received→processed p95, peak memory per process and the machine.
It is a benchmark, not a test: it asserts nothing about time.

    .venv/bin/python benchmarks/load.py [--documents 2000] [--clients 8] [--workers 2] [--scan-every 25]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import atexit  # noqa: E402
import contextlib  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import zlib  # noqa: E402
from collections import Counter  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


# -- memory: the peak resident set of each process tree, sampled --------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            out += [int(c) for c in text]
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class MemoryWatch:
    """Every 0.25 s: the largest single process and the whole tree of each watched role."""

    def __init__(self) -> None:
        self.roots: dict[str, int] = {}
        self.peak_process: Counter[str] = Counter()
        self.peak_tree: Counter[str] = Counter()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, role: str, pid: int) -> None:
        self.roots[role] = pid

    def _run(self) -> None:
        while not self.stop.wait(0.25):
            for role, root in list(self.roots.items()):
                pids, todo = [], [root]
                while todo:
                    pid = todo.pop()
                    pids.append(pid)
                    todo += _children(pid)
                sizes = [_rss_kb(p) for p in pids]
                self.peak_process[role] = max(self.peak_process[role], max(sizes, default=0))
                self.peak_tree[role] = max(self.peak_tree[role], sum(sizes))


# -- the run -------------------------------------------------------------------------------------------------------


def make_documents(outdir: Path, wanted: int, scan_every: int) -> list[Path]:
    from tests.synth.generate import generate_set

    scans = ("scan200",) if scan_every else ()
    count = 1
    while True:  # as many documents of every family and layout as it takes to have ``wanted``
        entries = generate_set(outdir, count=count, seed=12, scans=scans, scan_every=scan_every)
        if len(entries) >= wanted:
            break
        count = max(count + 1, math.ceil(count * wanted / max(1, len(entries))))
    files = [outdir / e.file for e in entries]
    # interleave families and layouts, then keep the first ``wanted``
    files.sort(key=lambda p: (zlib.crc32(p.name.encode()), p.name))  # the same order every run
    return files[:wanted]


STARTED: list[subprocess.Popen[bytes]] = []
DATABASES: list[str] = []


@atexit.register
def _stop_everything() -> None:
    """Whatever happens, no server or worker this script started outlives it, nor its database."""
    for proc in STARTED:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
    if DATABASES:
        from tests.conftest import drop_pg_database

        for url in DATABASES:
            with contextlib.suppress(Exception):
                drop_pg_database(url)


signal.signal(signal.SIGTERM, lambda _s, _f: sys.exit(143))  # so that the atexit handler runs


def start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(cmd, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
    STARTED.append(proc)
    return proc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scan-every", type=int, default=25, help="scan every K-th document of a layout (OCR)")
    parser.add_argument("--redis-db", type=int, default=int(os.environ.get("IMMEX_TEST_REDIS_DB", "15")))
    parser.add_argument("--timeout", type=float, default=7200, help="seconds to wait for processing to finish")
    args = parser.parse_args()

    import redis
    import requests
    from sqlalchemy import func, select

    from benchmarks._machine import describe_machine
    from evidence.models import Company, Document, DocumentStatus
    from immex.services import build_services
    from immex.settings import Settings
    from tests.conftest import S3Server, create_pg_database, free_port
    from web.accounts.service import create_token, create_user

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    tmp = Path(tempfile.mkdtemp(prefix="immex-load-"))
    print(f"machine: {describe_machine()}")
    t0 = time.monotonic()
    files = make_documents(tmp / "docs", args.documents, args.scan_every)
    scans = sum(1 for f in files if ".scan" in f.name)
    print(f"{len(files)} documents generated ({scans} scanned) in {time.monotonic() - t0:.0f} s")

    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request otherwise
    s3 = S3Server()
    s3.start()
    pg_url = create_pg_database("immex_load")
    DATABASES.append(pg_url)
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    redis.Redis.from_url(redis_url).flushdb()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "IMMEX_DATA_DIR": str(tmp / "data"),
        "IMMEX_DATABASE_URL": pg_url,
        "IMMEX_REDIS_URL": redis_url,
        "IMMEX_S3_ENDPOINT": s3.endpoint,
        "IMMEX_S3_ACCESS_KEY": "testing",
        "IMMEX_S3_SECRET_KEY": "testing",
        "IMMEX_S3_BUCKET": "immex-load",
        "IMMEX_SECRET_KEY": "load-benchmark-secret",
    }
    settings = Settings.from_env(env)
    services = build_services(settings)
    with services.db.session() as db:
        company = Company(rfc="LOA010101AAA", name="Carga Maquiladora")
        db.add(company)
        db.flush()
        company_id = company.id
        create_user(db, email="clerk@load.mx", company_id=company_id, role="clerk", password="x" * 16, actor="bench")
        token = create_token(db, email="clerk@load.mx", company_id=company_id)

    bin_dir = REPO / ".venv" / "bin"
    logs = tmp / "logs"
    logs.mkdir()
    port = free_port()
    watch = MemoryWatch()
    web = start(
        [str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
         "--timeout", "120", "web.wsgi:make_app()"],
        env,
        logs / "web.log",
    )  # fmt: skip
    watch.watch("web (gunicorn)", web.pid)
    workers = []
    for n in range(args.workers):
        proc = start([str(bin_dir / "immex"), "worker"], env, logs / f"worker-{n}.log")
        workers.append(proc)
        watch.watch(f"worker {n}", proc.pid)
    watch.thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if requests.get(f"{base}/api/v1/openapi.json", timeout=30).ok:
                break
        except requests.RequestException:
            time.sleep(1)

    upload_times: list[float] = []
    results: list[dict[str, Any]] = []
    lock = threading.Lock()
    killed = threading.Event()
    half = len(files) // 2

    def kill_and_restart() -> None:
        victim = workers[0]
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
        print(f"  SIGKILLed worker 0 (pid {victim.pid}) after {half} uploads; starting it again", flush=True)
        workers[0] = start([str(bin_dir / "immex"), "worker"], env, logs / "worker-0.log")
        watch.watch("worker 0 (restarted)", workers[0].pid)

    def upload(path: Path) -> None:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        headers = {"Authorization": f"Bearer {token}"}
        for attempt in range(5):
            start_at = time.monotonic()
            try:
                with path.open("rb") as fh:
                    r = session.post(
                        f"{base}/api/v1/documents", files={"file": (path.name, fh)}, headers=headers, timeout=120
                    )
            except requests.RequestException as exc:
                error = str(exc)
            else:
                took = time.monotonic() - start_at
                if r.status_code in (200, 201, 422):
                    body = r.json()
                    with lock:
                        upload_times.append(took)
                        results.append({"file": path.name, "status": r.status_code, **body.get("result", {})})
                        done = len(results)
                    if done == half and not killed.is_set():
                        killed.set()
                        kill_and_restart()
                    return
                error = f"HTTP {r.status_code}: {r.text[:200]}"
            time.sleep(1 + attempt)
        with lock:
            results.append({"file": path.name, "status": "error", "error": error})

    local = threading.local()
    started = time.monotonic()
    with ThreadPoolExecutor(args.clients) as pool:
        list(pool.map(upload, files))
    upload_wall = time.monotonic() - started
    print(f"uploads: {len(results)} in {upload_wall:.0f} s", flush=True)

    ids = {r["document_id"] for r in results if r.get("document_id")}
    deadline = time.monotonic() + args.timeout
    while True:
        with services.db.session() as db:
            pending = db.scalar(
                select(func.count())
                .select_from(Document)
                .where(Document.company_id == company_id, Document.status.not_in(DocumentStatus.DONE))
            )
        if not pending or time.monotonic() > deadline:
            break
        if int(time.monotonic() - started) % 60 < 2:
            print(f"  {time.monotonic() - started:.0f} s: {len(ids) - pending} of {len(ids)} done", flush=True)
        time.sleep(2)
    wall = time.monotonic() - started

    with services.db.session() as db:
        docs = db.execute(
            select(
                Document.id,
                Document.sha256,
                Document.status,
                Document.status_reason,
                Document.received_at,
                Document.processed_at,
            ).where(Document.company_id == company_id)
        ).all()
    watch.stop.set()
    for proc in [web, *workers]:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in [web, *workers]:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)

    by_id = {d.id: d for d in docs}
    errors = [r for r in results if r["status"] == "error"]
    lost = [i for i in ids if i not in by_id] + errors
    shas = Counter(d.sha256 for d in docs)
    duplicated = {s: n for s, n in shas.items() if n > 1}
    statuses = Counter(d.status for d in docs)
    no_reason = [d.id for d in docs if d.status == DocumentStatus.FAILED and not d.status_reason]
    unfinished = [d.id for d in docs if d.status not in DocumentStatus.DONE]
    latencies = [
        (d.processed_at - d.received_at).total_seconds() for d in docs if d.processed_at is not None and d.received_at
    ]
    accepted = Counter(r.get("status") if r["status"] != "error" else "error" for r in results)
    processed = sum(1 for d in docs if d.status in DocumentStatus.DONE)

    print(f"machine: {describe_machine()}")
    print(
        f"documents: {len(files)} uploaded by {args.clients} clients, {args.workers} RQ workers "
        f"(PostgreSQL + Redis + S3 via minio/moto), one worker SIGKILLed and restarted midway"
    )
    print(f"upload answers: {dict(accepted)}")
    print(f"statuses: {dict(statuses)}")
    print(f"lost: {len(lost)}  duplicated: {len(duplicated)}  failed without a reason: {len(no_reason)}  "
          f"unfinished: {len(unfinished)}")  # fmt: skip
    print(f"throughput: {processed / (wall / 60):.1f} documents/minute ({processed} in {wall:.0f} s)")
    print(
        f"upload p95: {p95(upload_times) * 1000:.0f} ms (median {statistics.median(upload_times) * 1000:.0f} ms)"
        if upload_times
        else "upload p95: n/a"
    )
    print(
        f"received→processed p95: {p95(latencies):.1f} s (median {statistics.median(latencies):.1f} s)"
        if latencies
        else "received→processed p95: n/a"
    )
    for role in sorted(watch.peak_process):
        print(
            f"peak memory {role}: largest process {watch.peak_process[role] / 1024:.0f} MiB, "
            f"whole tree {watch.peak_tree[role] / 1024:.0f} MiB"
        )
    services.close()
    s3.stop()
    ok = not lost and not duplicated and not no_reason and not unfinished
    print("RESULT: " + ("OK" if ok else "NOT OK") + f" (logs in {logs})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
