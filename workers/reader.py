"""Reading a document (render, OCR, text layer) in a child process with a memory limit.

The child is ``python -m workers.reader REQUEST``: it lowers its own address-space limit (``RLIMIT_AS``,
``IMMEX_JOB_MEMORY_MB`` more than it holds at start) before it imports a parser, reads the file with
``extractors.text.read_text`` and writes the pages as JSON. Whatever a hostile file does to pdfium, Pillow or
tesseract then costs at most that much memory, in a process of its own: the web server and the worker stay
up, and the parent turns the child's end into a reason (``ReadExhausted``) the job counts towards
``IMMEX_JOB_FAILURE_LIMIT``.

An RQ work-horse (a process forked for one job, which ends with it) limits itself the same way and reads in
place, saving the child's start-up; a killed work-horse is counted when the document is next claimed.

Temporary files of the child and of tesseract go to a private folder (0700, files 0600) under the data
directory, removed when the child ends; folders left by a killed process are swept at start.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from immex.errors import ImmexError
from immex.settings import Settings

log = logging.getLogger(__name__)

EXIT_MEMORY = 3  # the child ran out of its memory limit (MemoryError)
TEMP_PREFIX = "read-"


class ReadExhausted(ImmexError):
    """Reading the file exhausted its process (memory limit, crash, time limit). Counted per document: after
    ``IMMEX_JOB_FAILURE_LIMIT`` such ends the document fails for good with :func:`exhausted_reason`."""

    code = "too_large_to_read"
    retryable = True

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"Reading the file stopped: {detail}.")
        self.kind = kind


def exhausted_reason(settings: Settings, times: int) -> str:
    """The clerk's reason on a document that exhausted its reading process ``times`` times."""
    return (
        f"This file expands to more than {settings.job_memory_mb} MB when it is read (or stops the reader), "
        f"{times} times in a row; it was kept but cannot be read. Ask the sender for a normal copy (a PDF "
        "printed again, or a scan at 300 dpi)."
    )


def ocr_temp_root(settings: Settings) -> Path:
    root = Path(settings.data_dir) / "tmp" / "read"
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    return root


def sweep_temp(settings: Settings) -> int:
    """Remove the private folders of reading processes that are gone (killed mid-OCR); returns how many."""
    removed = 0
    for folder in ocr_temp_root(settings).glob(f"{TEMP_PREFIX}*"):
        try:
            pid = int(folder.name[len(TEMP_PREFIX) :].split("-", 1)[0])
        except ValueError:
            pid = 0
        if pid and _alive(pid):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def private_temp(settings: Settings) -> Iterator[Path]:
    """This process's temporary files (``tempfile``, and tesseract's through pytesseract) go to a private folder
    (0700) as 0600 files while the block runs; the folder is removed after."""
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=ocr_temp_root(settings)))
    previous_dir, previous_mask = tempfile.tempdir, os.umask(0o077)
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = previous_dir
        os.umask(previous_mask)
        shutil.rmtree(folder, ignore_errors=True)


def read_bounded(
    settings: Settings, path: Path, media_type: str, options: Any, progress: Callable[[int, int], None] | None = None
) -> Any:
    """``read_text(path, media_type, options)`` in a memory-limited child; its ``TextError`` is raised here,
    its exhaustion as :class:`ReadExhausted`. The child tells each finished page on its standard output
    (``progress DONE TOTAL``); ``progress`` hears them, in a thread of this process, while the child reads."""
    from extractors.text import TextError

    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=ocr_temp_root(settings)))
    try:
        request = folder / "request.json"
        result = folder / "result.json"
        request.write_text(
            json.dumps(
                {
                    "path": str(Path(path).resolve()),
                    "media_type": media_type,
                    "options": asdict(options),
                    "memory_mb": settings.job_memory_mb,
                    "result": str(result),
                }
            )
        )
        env = {**os.environ, "TMPDIR": str(folder), "MALLOC_ARENA_MAX": "2", "OMP_THREAD_LIMIT": "1"}
        with open(folder / "stderr.txt", "wb") as stderr:
            proc = subprocess.Popen(
                [sys.executable, "-m", "workers.reader", str(request)],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
            listener = threading.Thread(target=_listen, args=(proc, progress), daemon=True, name="read-progress")
            listener.start()
            try:
                proc.wait(timeout=settings.job_timeout)
            except subprocess.TimeoutExpired:
                raise ReadExhausted("timeout", f"it took longer than {settings.job_timeout} s") from None
            finally:
                if proc.poll() is None:  # out of time, or this job was stopped: the child must not outlive it
                    proc.kill()
                    proc.wait()
                listener.join(timeout=5)
                assert proc.stdout is not None
                proc.stdout.close()
        if proc.returncode == EXIT_MEMORY:
            raise ReadExhausted("memory", f"it needed more than {settings.job_memory_mb} MB")
        if proc.returncode < 0:
            name = signal.Signals(-proc.returncode).name if -proc.returncode in signal.valid_signals() else "?"
            raise ReadExhausted("crash", f"the reading process was stopped by {name}")
        if proc.returncode != 0 or not result.exists():
            tail = (folder / "stderr.txt").read_bytes()[-2000:].decode("utf-8", "replace")
            raise RuntimeError(f"the reading process failed (exit {proc.returncode}): {tail.strip()[-500:]}")
        data = json.loads(result.read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if "error" in data:
        raise TextError(data["error"]["code"], data["error"]["message"])
    return _document_text(data)


def _listen(proc: subprocess.Popen[bytes], progress: Callable[[int, int], None] | None) -> None:
    """Read the child's progress lines until it closes its output; anything else on it is ignored."""
    assert proc.stdout is not None
    for line in proc.stdout:
        parts = line.split()
        if progress is None or len(parts) != 3 or parts[0] != b"progress":
            continue
        try:
            done, total = int(parts[1]), int(parts[2])
        except ValueError:
            continue
        progress(done, total)


def _tell_progress(done: int, total: int) -> None:
    """The child's progress callback: one line a finished page, for the parent's :func:`_listen`."""
    sys.stdout.write(f"progress {done} {total}\n")
    sys.stdout.flush()


def _document_text(data: dict[str, Any]) -> Any:
    from extractors.text import DocumentText, PageText, Word

    pages = [PageText(**{**p, "words": [Word(**w) for w in p["words"]]}) for p in data["pages"]]
    return DocumentText(media_type=data["media_type"], pages=pages)


def address_space() -> int:
    """Bytes of address space this process holds now (Linux ``VmSize``; 0 where unknown)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _fewer_malloc_arenas() -> None:
    """glibc reserves 64 MB of address space per thread arena; with a limit on address space, many OCR threads
    would spend it on reservations. Two arenas (as ``MALLOC_ARENA_MAX=2`` does at start), best effort."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


def preload() -> None:
    """Import what reading needs before the memory limit is set (in ``immex worker`` before work-horses are
    forked, so they share it): the limit then covers the reading alone. Importing under the limit could fail
    before the document is even claimed (OpenBLAS allocates its buffers when it is loaded). The signing key's
    library too: a work-horse anchors the audit events of its job after each commit, and its compiled module cannot
    be mapped once the limit is low (the job's events would be left unanchored)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import evidence.signing  # noqa: F401
    import extractors.pipeline  # noqa: F401
    import extractors.text  # noqa: F401


def limit_memory(megabytes: int) -> None:
    """Let this process grow by at most ``megabytes`` from now on (``RLIMIT_AS``; it cannot be raised again,
    and children inherit it): what reading a document may cost, on top of what the process already holds."""
    _fewer_malloc_arenas()
    limit = address_space() + megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


@contextmanager
def memory_limited(megabytes: int) -> Iterator[None]:
    """``limit_memory`` for a stretch of this process, the soft limit put back afterwards (``immex extract``,
    which may run inside a longer-lived process, such as a test runner, whose later children must not inherit
    it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit_memory(megabytes)
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def main(argv: list[str]) -> int:
    request = json.loads(Path(argv[1]).read_text())
    os.umask(0o077)  # tesseract's and our temporary files: readable by this user only
    limit_memory(int(request["memory_mb"]))
    try:
        from extractors.text import TextError, TextOptions, read_text

        try:
            options = TextOptions(**request["options"])
            doc_text = read_text(Path(request["path"]), request["media_type"], options, _tell_progress)
            out: dict[str, Any] = asdict(doc_text)
        except TextError as exc:
            out = {"error": {"code": exc.code, "message": exc.message}}
        Path(request["result"]).write_text(json.dumps(out), encoding="utf-8")
    except MemoryError:
        os._exit(EXIT_MEMORY)  # nothing more can be allocated: no clean-up, just say why
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
