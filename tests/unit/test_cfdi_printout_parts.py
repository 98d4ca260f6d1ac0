"""A concepto's parts (Anexo 20's ``Parte`` node: the pieces the concepto is made of, printed after everything
else of the concepto as indented rows under it) are no conceptos and no words of the concepto's description."""

from __future__ import annotations

from pathlib import Path

from extractors.cfdi_pdf_lines import _tax_line
from extractors.layout import group_lines
from extractors.pipeline import extract
from extractors.text import Word
from tests.synth.draw import BOLD, Sheet


def _verdict(text: str) -> str | None:
    words, x = [], 40.0
    for token in text.split():
        words.append(Word(token, x, 100, x + 4.2 * len(token), 107, 1.0))
        x += 4.2 * len(token) + 2
    return _tax_line(group_lines(words)[0])


def test_a_part_row_closes_its_concepto_and_a_description_about_parts_does_not() -> None:
    assert _verdict("Parte: 31161500 | EX30657-3-01 | 2,418.000 | PZA | CONECTOR DE 4 VIAS") == "close"
    assert _verdict("PARTE 32101600 EX1-02 4.000 PZA JUNTA DE HULE") == "close"
    assert _verdict("PARTES PARA TRANSFORMADORES (NUCLEOS DE FERRITA)") is None
    assert _verdict("PARTE SUPERIOR DE CARCASA") is None


def test_part_rows_under_each_concepto_stay_out_of_its_description(tmp_path: Path) -> None:
    path = tmp_path / "parts.pdf"
    s = Sheet(path, wide=True, title="CFDI")
    s.text(30, 36, "FACTURA   Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", font=BOLD, size=9)
    s.text(30, 48, "Moneda: USD   Tipo de cambio: 20.0407", size=7)
    heads = [("#", 30), ("Clave prod./serv.", 50), ("No. identificación", 130), ("Cantidad", 230)]
    heads += [("Clave unidad", 280), ("Descripción", 340), ("Valor unitario", 560), ("Importe", 660)]
    for head, x in heads:
        s.text(x, 70, head, font=BOLD, size=7)
    y = 84.0
    led = ["MODULO DE ILUMINACION LED PARA", "INTERIOR"]
    conceptos = [
        ("1", "43201800", "EX30657-3", "2,418.000", led, "11.60", "28,048.80"),
        ("2", "32101600", "EX27428-7", "4,661.000", ["ARNES ELECTRICO PARA VEHICULO"], "59.31", "276,443.91"),
    ]
    for no, key, part, qty, description, price, amount in conceptos:
        for x, text in ((30, no), (50, key), (130, part), (230, qty), (280, "H87"), (560, price), (660, amount)):
            s.text(x, y, text, size=7)
        for k, text in enumerate(description):
            s.text(340, y + 10 * k, text, size=7)
        y += 10 * len(description)
        for n, name in enumerate(("CONECTOR DE 4 VIAS", "CARCASA DE PLASTICO"), start=1):
            s.text(60, y, f"Parte: 31161500 | {part}-0{n} | {qty} | PZA | {name}", size=6)
            y += 9
        y += 8
    s.text(560, y + 10, "Subtotal: 304,492.71", size=7)
    s.text(560, y + 20, "Total: 304,492.71", size=7)
    s.save()
    lines = extract(path, media_type="application/pdf")["lines"]
    assert [line["description"]["value"] for line in lines] == [
        "MODULO DE ILUMINACION LED PARA INTERIOR",
        "ARNES ELECTRICO PARA VEHICULO",
    ]
    assert [line["part_number"]["value"] for line in lines] == ["EX30657-3", "EX27428-7"]
    assert [line["amount"]["value"] for line in lines] == [28048.8, 276443.91]
