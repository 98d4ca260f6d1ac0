"""BOM files that would cost gigabytes: a 5 KB XLSX declaring ``A1:XFD1048576``, a sheet with a cell in its last
row, a workbook part that inflates like a ZIP bomb, a CSV thousands of columns wide. Each is read (or refused)
in a subprocess limited to 1 GB of address space, so a regression fails the test instead of the machine."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from openpyxl import Workbook


def _workbook(tmp_path: Path, patch: object = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["producto", "componente", "cantidad", "unidad"])
    sheet.append(["FG-1", "RES-10K", 4, "PZA"])
    sheet.append(["FG-1", "CAP-1UF", 2, "PZA"])
    buf = io.BytesIO()
    book.save(buf)
    source = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml" and callable(patch):
                data = patch(data)
            target.writestr(info, data)
    path = tmp_path / "bom.xlsx"
    path.write_bytes(out.getvalue())
    return path


def _read(path: Path) -> str:
    """``read_bom_file`` in a child limited to 1 GB: the rows it read, or the refusal."""
    code = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, resource.RLIM_INFINITY))
        from pathlib import Path
        from evidence.chain.bom import BomFileError, read_bom_file
        try:
            rows = read_bom_file(Path({str(path)!r}))
            print("rows", len(rows))
        except BomFileError as exc:
            print("refused", exc.problems[0].message)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_a_declared_dimension_of_the_whole_sheet_is_ignored(tmp_path: Path) -> None:
    path = _workbook(tmp_path, lambda xml: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', xml))
    assert path.stat().st_size < 8 * 1024
    assert _read(path) == "rows 2"


def test_a_cell_in_the_last_row_is_refused_as_too_many_rows(tmp_path: Path) -> None:
    def far(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', xml)
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>')

    out = _read(_workbook(tmp_path, far))
    assert out.startswith("refused the file has more than 100,000 rows")


def test_a_workbook_part_that_inflates_like_a_bomb_is_refused(tmp_path: Path) -> None:
    def padded(xml: bytes) -> bytes:
        return xml.replace(b"</worksheet>", b"<!--" + b" " * (80 * 1024 * 1024) + b"--></worksheet>")

    out = _read(_workbook(tmp_path, padded))
    assert out.startswith("refused the spreadsheet expands to 80 MB when opened") or "ZIP bomb" in out


def test_a_csv_thousands_of_columns_wide_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("producto,componente,cantidad,unidad\n" + ",".join(["x"] * 20000) + "\n", encoding="utf-8")
    assert _read(path).startswith("refused row 2 has 20,000 columns")
