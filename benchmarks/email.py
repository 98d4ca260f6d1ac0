"""Email drop benchmark: messages with a 1 MB PDF attachment sent over real SMTP (smtplib) to the receiver
(aiosmtpd on a loopback port) on the embedded backend (SQLite, folder store, in-process jobs), in a data
directory of its own.

Two figures:

- **accepted per second**: a burst of ``--burst`` messages sent back to back over one SMTP connection; the time
  from the first MAIL FROM to the last 250 reply (each 250 is sent only after the message is stored, recorded
  and its attachment accepted). Processing runs meanwhile in the same process, as it does in the embedded setup.
- **DATA to processed**: for ``--latency`` messages sent one at a time (each after the previous document is
  processed), the time from the start of DATA to the document's ``processed_at``; median and p95. The same
  figure for the burst is printed too (there it includes waiting behind the documents sent before).

    python benchmarks/email.py [--burst 40] [--latency 20] [--size-kb 1024] [--keep]
"""

from __future__ import annotations

import sys
from pathlib import Path

# This script is named like the standard library's ``email`` package: run as a script, its folder comes first on
# sys.path and would shadow it. Take the folder out before anything imports ``email``.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import smtplib  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from email.message import EmailMessage  # noqa: E402

RFC = "BEN010101AAA"
DROP = "facturas@drop.bench.mx"
SENDER = "ventas@proveedor.mx"


def pdf_bytes(n: int, size: int) -> bytes:
    """A one-page PDF with a text layer (an invoice header) and an extra stream of ``size`` random bytes, so
    that the attachment weighs what a scanned invoice does while its text stays quick to read."""
    lines = [f"COMMERCIAL INVOICE / FACTURA BENCH-{n:05d}", f"Invoice No. INV-2026-{n:05d}", "Total USD 1,250.00"]
    text = b"BT /F1 12 Tf 72 720 Td 16 TL " + b" ".join(b"(%s) '" % ln.encode() for ln in lines) + b" ET"
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
    return bytes(out)


def message(n: int, size: int) -> EmailMessage:
    m = EmailMessage()
    m["From"] = f"Ventas <{SENDER}>"
    m["To"] = DROP
    m["Subject"] = f"Factura {n}"
    m["Message-ID"] = f"<bench-{n}-{os.urandom(4).hex()}@proveedor.mx>"
    m.set_content("Adjunto la factura.\n")
    m.add_attachment(pdf_bytes(n, size), maintype="application", subtype="pdf", filename=f"factura-{n}.pdf")
    return m


def send(client: smtplib.SMTP, m: EmailMessage) -> float:
    """Send one message; returns the wall-clock time at which DATA started."""
    data = m.as_bytes(policy=m.policy.clone(linesep="\r\n"))
    code, reply = client.mail(SENDER, [f"SIZE={len(data)}"])
    assert code == 250, reply
    code, reply = client.rcpt(DROP)
    assert code == 250, reply
    started = time.time()
    code, reply = client.data(data)
    assert code == 250, reply
    return started


def processed_at(services, doc_filename: str, timeout: float = 600) -> float:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from evidence.models import Document, DocumentStatus

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with services.db.session() as session:
            doc = session.scalar(select(Document).where(Document.filename == doc_filename))
            if doc is not None and doc.status in DocumentStatus.DONE:
                if doc.status == DocumentStatus.FAILED or doc.processed_at is None:
                    raise SystemExit(f"{doc_filename}: {doc.status} {doc.status_reason}")
                at = doc.processed_at if doc.processed_at.tzinfo else doc.processed_at.replace(tzinfo=UTC)
                return at.timestamp()
        time.sleep(0.02)
    raise SystemExit(f"{doc_filename} was not processed within {timeout} s")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--burst", type=int, default=40, help="messages sent back to back")
    parser.add_argument("--latency", type=int, default=20, help="messages sent one at a time")
    parser.add_argument("--size-kb", type=int, default=1024, help="size of the PDF attachment")
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    args = parser.parse_args()

    from benchmarks._machine import describe_machine
    from evidence.models import Company
    from immex.services import build_services
    from immex.settings import Settings
    from intake.mailroute import set_company_mail
    from intake.smtp import make_controller

    root = Path(tempfile.mkdtemp(prefix="immex-bench-email-"))
    services = build_services(Settings.from_env({}, data_dir=root / "data"))
    with services.db.session() as session:
        company = Company(rfc=RFC, name="Benchmark")
        session.add(company)
        session.flush()
        set_company_mail(session, company.id, [DROP], ["@proveedor.mx"], actor="bench")
    size = args.size_kb * 1024
    burst = [message(n, size) for n in range(args.burst)]
    single = [message(args.burst + n, size) for n in range(args.latency)]
    attachment_mb = len(burst[0].as_bytes()) / (1024 * 1024) if burst else 0.0
    port = free_port()
    controller = make_controller(services, "127.0.0.1", port)
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=600) as client:
            client.ehlo()
            client.mail(SENDER)  # warm-up: a session, a lookup, nothing stored
            client.rset()
            began = time.perf_counter()
            burst_started = [send(client, m) for m in burst]
            burst_seconds = time.perf_counter() - began
            burst_latency = [processed_at(services, f"factura-{n}.pdf") - t for n, t in enumerate(burst_started)]
            single_latency = []
            for i, m in enumerate(single):
                started = send(client, m)
                single_latency.append(processed_at(services, f"factura-{args.burst + i}.pdf") - started)
    finally:
        controller.stop()
        services.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    print(f"machine: {describe_machine()}")
    print(f"run at {datetime.now(UTC).isoformat(timespec='seconds')}, embedded backend (SQLite, folder, in-process)")
    print(f"message size: {attachment_mb:.2f} MB (a {args.size_kb} KB PDF, base64 in MIME)")
    if burst:
        print(
            f"accepted: {len(burst)} messages in {burst_seconds:.2f} s = {len(burst) / burst_seconds:.1f} "
            f"messages/s ({len(burst) * attachment_mb / burst_seconds:.1f} MB/s), one connection, back to back"
        )
        print(
            f"DATA to processed, during the burst: median {statistics.median(burst_latency):.2f} s, "
            f"p95 {p95(burst_latency):.2f} s"
        )
    if single_latency:
        print(
            f"DATA to processed, one at a time ({len(single_latency)} messages): median "
            f"{statistics.median(single_latency):.3f} s, p95 {p95(single_latency):.3f} s"
        )


if __name__ == "__main__":
    main()
