"""Bundle benchmark: a period bundle of 500 documents (~200 MB) on the embedded backend, built and verified.

Generates 500 PDFs (a page plus a stream of random bytes, ~400 KB each) and takes them in through ``accept()``
(hashing, sniffing, page count, object store, document row, audit event) into a data directory of its own;
processing is not run (a queue that only counts), since the benchmark is about bundles. Then, each in a fresh
child process so that its peak memory is its own:

- ``immex bundle``'s code path for the period: wall time and peak RSS (``resource.getrusage``), with the RSS of
  the same process before it started (interpreter and imports) for comparison;
- offline verification of the zip (``evidence.verify``): wall time and MB/s over every byte it hashed.

Targets (issue 7): built in ≤ 30 s with ≤ 300 MB peak memory; verified at ≥ 100 MB/s.

    python benchmarks/bundle.py [--documents 500] [--size-kb 400] [--keep]
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder comes first on sys.path; a sibling module named like a standard one (email.py)
# would shadow it. The repository root is what the imports below need.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

RFC = "BEN010101AAA"


def describe_machine() -> str:
    from benchmarks._machine import describe_machine as shared

    return str(shared())


def rss_mb() -> float:
    """Peak resident set of this process so far, in MB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss_mb()


class CountingQueue:
    """Jobs are counted, not run: the benchmark measures bundles, not extraction."""

    def __init__(self) -> None:
        self.enqueued = 0

    def enqueue_process(self, document_id: int) -> None:
        self.enqueued += 1

    def close(self) -> None:
        pass

    def describe(self) -> str:
        return "counting"


def random_pdf(path: Path, n: int, size: int) -> None:
    """A valid one-page PDF whose page carries an extra stream of ``size`` random bytes (incompressible)."""
    text = f"BT /F1 12 Tf 72 720 Td (FACTURA BENCH-{n:05d}) Tj ET".encode()
    blob = os.urandom(size)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 6 0 R >> >> /PieceInfo << /Bench << /Data 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(blob) + blob + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def generate(data_dir: Path, documents: int, size_kb: int) -> dict[str, float]:
    from evidence.models import Company
    from immex.services import build_services
    from immex.settings import Settings
    from intake.accept import IncomingDocument, accept

    queue = CountingQueue()
    services = build_services(Settings.from_env({}, data_dir=data_dir), queue=queue)
    with services.db.session() as session:
        company = Company(rfc=RFC, name="Benchmark Maquiladora", immex_program="IMMEX-0000-2026")
        session.add(company)
        session.flush()
        company_id = company.id
    started = time.perf_counter()
    total = 0
    work = data_dir / "incoming"
    work.mkdir()
    for n in range(documents):
        path = work / f"factura-{n:05d}.pdf"
        random_pdf(path, n, size_kb * 1024)
        total += path.stat().st_size
        result = accept(services, IncomingDocument(company_id=company_id, source="cli", filename=path.name, path=path))
        if result.status != "accepted":
            raise SystemExit(f"{path.name} was not accepted: {result.reason}")
        path.unlink()
    services.close()
    return {"documents": documents, "bytes": total, "intake_s": time.perf_counter() - started}


def child_build(data_dir: Path, out: Path) -> None:
    from evidence.bundle_report import parse_scope
    from evidence.bundles import build_bundle
    from evidence.models import Company
    from immex.services import build_services
    from immex.settings import Settings

    services = build_services(Settings.from_env({}, data_dir=data_dir), upgrade=False, queue=CountingQueue())
    from sqlalchemy import select

    with services.db.session() as session:
        company_id = session.scalar(select(Company.id).where(Company.rfc == RFC))
    assert company_id is not None, "run the benchmark without --child-build"
    today = datetime.now(UTC).date().isoformat()
    import reportlab.platypus  # noqa: F401 - imported before the baseline, as a long-running service has it

    baseline = current_rss_mb()
    started = time.perf_counter()
    result = build_bundle(
        services,
        company_id=company_id,
        scope=parse_scope(period=f"{today}..{today}"),
        actor="benchmark",
        out=out,
    )
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "peak_rss_mb": rss_mb(),
                "baseline_rss_mb": baseline,
                "size": result.size,
                "files": result.file_count,
                "documents": result.document_count,
            }
        )
    )


def child_verify(path: Path, key: Path) -> None:
    from evidence.verify import verify_bundle

    baseline = current_rss_mb()
    started = time.perf_counter()
    report = verify_bundle(path, key.read_bytes())
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "ok": report.ok,
                "problems": report.problems[:5],
                "bytes": report.bytes_checked,
                "peak_rss_mb": rss_mb(),
                "baseline_rss_mb": baseline,
            }
        )
    )


def run_child(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True, cwd=REPO).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--size-kb", type=int, default=400)
    parser.add_argument("--keep", action="store_true", help="keep the data directory and the zip")
    parser.add_argument("--child-build", nargs=2, metavar=("DATA_DIR", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--child-verify", nargs=2, metavar=("ZIP", "KEY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        child_build(Path(args.child_build[0]), Path(args.child_build[1]))
        return
    if args.child_verify:
        child_verify(Path(args.child_verify[0]), Path(args.child_verify[1]))
        return

    root = Path(tempfile.mkdtemp(prefix="immex-bundle-bench-"))
    data_dir = root / "data"
    try:
        print(f"machine: {describe_machine()}")
        made = generate(data_dir, args.documents, args.size_kb)
        mb = made["bytes"] / 1e6
        print(
            f"intake: {made['documents']} PDFs, {mb:.1f} MB through accept() in {made['intake_s']:.1f} s "
            f"({mb / made['intake_s']:.0f} MB/s)"
        )
        out = root / "bundle.zip"
        built = run_child("--child-build", str(data_dir), str(out))
        print(
            f"build: {built['documents']} documents, {built['files']} files, {built['size'] / 1e6:.1f} MB zip in "
            f"{built['seconds']:.1f} s ({built['size'] / 1e6 / built['seconds']:.0f} MB/s); peak RSS "
            f"{built['peak_rss_mb']:.0f} MB (process before building: {built['baseline_rss_mb']:.0f} MB)"
        )
        from evidence.signing import signing_key
        from immex.settings import Settings

        key = root / "key.pem"
        key.write_bytes(signing_key(Settings.from_env({}, data_dir=data_dir)).public_pem)
        checked = run_child("--child-verify", str(out), str(key))
        rate = checked["bytes"] / 1e6 / checked["seconds"]
        print(
            f"verify: {'OK' if checked['ok'] else 'FAILED ' + str(checked['problems'])}, "
            f"{checked['bytes'] / 1e6:.1f} MB hashed in {checked['seconds']:.2f} s ({rate:.0f} MB/s); peak RSS "
            f"{checked['peak_rss_mb']:.0f} MB"
        )
        verdict = built["seconds"] <= 30 and built["peak_rss_mb"] <= 300 and rate >= 100 and bool(checked["ok"])
        print(f"targets (build <= 30 s, <= 300 MB peak, verify >= 100 MB/s): {'met' if verdict else 'NOT met'}")
        if args.keep:
            print(f"kept: {root}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
