"""Stopping an ``immex worker`` subprocess in tests: SIGTERM (RQ's warm shutdown), and if it has not ended within
the bound, its threads' stacks are dumped (the process runs with ``PYTHONFAULTHANDLER``) and the test fails with
them, so that a hang is seen and diagnosed, never hidden by a kill."""

from __future__ import annotations

import signal
import subprocess

import pytest

STOP_BOUND = 60  # seconds: a warm shutdown takes about one; the bound is for a machine under heavy load


def worker_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` with the fault handler on, so a SIGABRT prints every thread's stack."""
    return {**env, "PYTHONFAULTHANDLER": "1"}


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=STOP_BOUND)
    except subprocess.TimeoutExpired:
        worker.send_signal(signal.SIGABRT)  # the fault handler prints the threads' stacks on stderr
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=30)
        pytest.fail(f"the worker did not stop within {STOP_BOUND} s of SIGTERM (its stacks are on stderr above)")
