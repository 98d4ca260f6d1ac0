"""What a work-horse needs after its memory limit is set must be imported before it (``workers.reader.preload``)."""

from __future__ import annotations

import subprocess
import sys


def test_preload_imports_the_signing_library_the_audit_anchors_need() -> None:
    code = (
        "import sys; from workers.reader import preload; preload(); "
        "print('evidence.signing' in sys.modules, 'cryptography.exceptions' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]
