"""BOM files: Spanish and English headers, CSV and XLSX, and errors that name the row and the column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from evidence.chain.bom import BomFileError, group_versions, read_bom_file


def write(tmp_path: Path, text: str, name: str = "bom.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_spanish_headers_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Producto;Componente;Cantidad;Unidad;Merma;Vigencia desde;Vigencia hasta\n"
        "FG-1;RES-10K;4;PZA;2,5;01/03/2025;\n"
        "FG-1;CAP-1UF;2;PZA;;01/03/2025;31/12/2025\n",
    )
    rows = read_bom_file(path)
    assert [(r.product, r.component, r.quantity_per_unit, r.scrap_pct, r.valid_from, r.valid_to) for r in rows] == [
        ("FG-1", "RES-10K", Decimal(4), Decimal("2.5"), date(2025, 3, 1), None),
        ("FG-1", "CAP-1UF", Decimal(2), Decimal(0), date(2025, 3, 1), date(2025, 12, 31)),
    ]
    assert rows[0].row == 2 and rows[1].row == 3


def test_english_headers_without_dates_take_effect_on_the_import_date(tmp_path: Path) -> None:
    path = write(tmp_path, "product,component,quantity_per_unit,unit\nFG-1,RES,1.25,pcs\nFG-1,CAP,3,pcs\n")
    [version] = list(group_versions(read_bom_file(path), date(2026, 1, 15)))
    assert version.valid_from == date(2026, 1, 15) and version.valid_to is None
    assert [c.component for c in version.components] == ["RES", "CAP"]
    assert version.components[0].unit == "PCS"


def test_xlsx_with_date_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["producto", "componente", "cantidad", "unidad", "vigencia_desde"])
    sheet.append(["FG-2", "WIRE", 0.5, "M", date(2025, 1, 1)])
    path = tmp_path / "bom.xlsx"
    book.save(path)
    [row] = read_bom_file(path)
    assert (row.product, row.component, row.quantity_per_unit, row.valid_from) == (
        "FG-2",
        "WIRE",
        Decimal("0.5"),
        date(2025, 1, 1),
    )


def test_wrong_and_missing_columns_get_a_clear_message(tmp_path: Path) -> None:
    path = write(tmp_path, "producto,pieza,cantidad,unidad\nFG-1,RES,1,PZA\n")
    with pytest.raises(BomFileError) as caught:
        read_bom_file(path)
    messages = [str(p) for p in caught.value.problems]
    assert any("'pieza'" in m and "not recognised" in m for m in messages)
    assert any("component [componente] is missing" in m for m in messages)
    assert "nothing was saved" in caught.value.message


def test_every_bad_row_is_named_with_its_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "producto,componente,cantidad,unidad,merma,vigencia_desde,vigencia_hasta\n"
        "FG-1,RES,abc,PZA,0,2025-01-01,\n"  # row 2: quantity
        "FG-1,,1,PZA,0,2025-01-01,\n"  # row 3: empty component
        "FG-1,CAP,1,PZA,150,2025-01-01,\n"  # row 4: scrap out of range
        "FG-1,IND,1,PZA,0,2025-13-45,\n"  # row 5: bad date
        "FG-1,DIO,1,PZA,0,2025-06-01,2025-01-01\n"  # row 6: ends before it starts
        "FG-1,LED,-2,PZA,0,2025-01-01,\n"  # row 7: negative
        "FG-1,LED,1,PZA,0,2025-01-01,\n"  # row 8: fine
        "FG-1,LED,1,PZA,0,2025-01-01,\n",  # row 9: duplicate of row 8
    )
    with pytest.raises(BomFileError) as caught:
        read_bom_file(path)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {
        (2, "cantidad"),
        (3, "componente"),
        (4, "merma"),
        (5, "vigencia_desde"),
        (6, "vigencia_hasta"),
        (7, "cantidad"),
        (9, "componente"),
    }
    text = caught.value.message
    assert "row 2, column 'cantidad': 'abc' is not a number" in text
    assert "row 9" in text and "already on row 8" in text


def test_empty_and_binary_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BomFileError, match="empty"):
        read_bom_file(write(tmp_path, ""))
    with pytest.raises(BomFileError, match="no rows"):
        read_bom_file(write(tmp_path, "producto,componente,cantidad,unidad\n"))
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\x02garbage")
    with pytest.raises(BomFileError, match="not a CSV or XLSX"):
        read_bom_file(binary)
