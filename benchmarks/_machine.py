"""The machine a benchmark ran on, printed beside its figures so they can be compared honestly.

The load average is included: on a shared machine other work slows a benchmark down, and the figures only mean
something next to it.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown memory"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, or "n/a" where the system does not say."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


def describe_machine() -> str:
    """One line: OS, Python, CPU count and model, memory, and the load average right now."""
    return (
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs ({_cpu_model()}), "
        f"{_memory()} RAM, load average {load_average()}"
    )


if __name__ == "__main__":
    print(describe_machine())
