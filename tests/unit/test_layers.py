"""The engines (evidence, extractors, intake, workers) sit below the portal: none of them imports ``web``, so the
evidence report, the worker and the command line work without the web layer (the report's words come from
``immex.i18n``)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINES = ("evidence", "extractors", "intake", "workers")


def _web_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "web":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} from {node.module}")
        elif isinstance(node, ast.Import):
            found += [f"{path.relative_to(ROOT)}:{node.lineno} import {a.name}" for a in node.names if a.name == "web"]
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno} import {a.name}"
                for a in node.names
                if a.name.startswith("web.")
            ]
    return found


def test_no_engine_module_imports_the_web_layer() -> None:
    found = [
        hit for package in ENGINES for path in sorted((ROOT / package).rglob("*.py")) for hit in _web_imports(path)
    ]
    assert found == []


def test_the_report_translates_without_loading_the_web_layer() -> None:
    code = (
        "import sys\n"
        "from evidence.bundle_render import Words\n"
        "words = Words('es')\n"
        "print(words('Lot'), '|', words.unit('6'), '|', words.date('2026-11-26'))\n"
        "print(sorted(m for m in sys.modules if m == 'web' or m.startswith('web.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    assert out[0] == "Lote | pieza | 26/11/2026"
    assert out[1] == "[]"
