"""CFDI printouts that show the CFDI's nodes and their attributes under the SAT's names, and a mercancía's line of
labels without colons under its concepto."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.cfdi_pdf_attributes import bare_pairs, signed_pairs
from extractors.cfdi_pdf_lines import _tax_line
from extractors.pipeline import extract
from tests.synth.draw import BOLD, Sheet


@dataclass
class Word:
    text: str
    x0: float = 0.0
    x1: float = 10.0
    top: float = 0.0
    bottom: float = 7.0
    confidence: float = 1.0


@dataclass
class Line:
    words: list[Word]


def _words(text: str) -> list[Word]:
    return [Word(part, x0=10.0 * k, x1=10.0 * k + 9) for k, part in enumerate(text.split())]


def _pairs(text: str) -> dict[str, str]:
    return {pair.name: " ".join(word.text for word in pair.value) for pair in signed_pairs(_words(text))}


def test_attributes_glued_to_their_values_or_apart_split_at_each_name() -> None:
    assert _pairs("ClaveProdServ:43201800   NoIdentificacion: FG1234-5") == {
        "CLAVEPRODSERV": "43201800",
        "NOIDENTIFICACION": "FG1234-5",
    }
    assert _pairs('Cantidad="12.5" ClaveUnidad = "KGM" Descripcion="CABLE COAXIAL"') == {
        "CANTIDAD": "12.5",
        "CLAVEUNIDAD": "KGM",
        "DESCRIPCION": "CABLE COAXIAL",
    }


def test_a_word_in_capitals_before_a_colon_stays_in_the_value() -> None:
    assert _pairs("Descripcion:FUENTE DE PODER: CONMUTADA") == {"DESCRIPCION": "FUENTE DE PODER: CONMUTADA"}


def test_a_row_of_names_and_values_is_read_but_a_header_row_is_not() -> None:
    found = {pair.name: " ".join(w.text for w in pair.value) for pair in bare_pairs(_words("Importe 150.00"))}
    assert found == {"IMPORTE": "150.00"}
    assert bare_pairs(_words("NoIdentificacion FraccionArancelaria CantidadAduana ValorDolares")) == []
    assert bare_pairs(_words("Total de piezas 120")) == []


def test_a_line_of_customs_labels_without_colons_is_the_conceptos_note() -> None:
    line = Line(_words("Fracc. arancelaria 8544.42.99 Cantidad aduana 12.000 UMT 06 Valor USD 1,200.00"))
    assert _tax_line(line) == "note"
    assert _tax_line(Line(_words("CABLE COAXIAL PARA FRACCION DE CIRCUITO"))) is None


def _header(s: Sheet) -> None:
    s.text(30, 40, "Comprobante", font=BOLD, size=8)
    s.text(40, 50, 'Version="4.0" Serie="B" Folio="771" Fecha="2025-02-11T09:30:00"', size=7)
    s.text(40, 60, 'SubTotal="255.00" Moneda="USD" TipoCambio="18.0632" Total="255.00"', size=7)
    s.text(30, 72, "cfdi:Emisor", font=BOLD, size=8)
    s.text(40, 82, 'Rfc="MNO900101AB1" Nombre="MAQUILADORA DEL NORTE S.A. DE C.V."', size=7)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [
        {k: c["value"] for k, c in line.items()}
        for line in extract(path, media_type="application/pdf", doc_type="cfdi")["lines"]
    ]


def test_nodes_printed_with_their_attributes(tmp_path: Path) -> None:
    """Each attribute as ``Name="value"``, a concepto's tax node between two conceptos (its Importe is the tax's,
    not the concepto's), a description wrapped onto the next line, the mercancías as nodes of their own."""
    path = tmp_path / "nodes.pdf"
    s = Sheet(path, title="CFDI")
    _header(s)
    y = 100.0
    conceptos = [
        ("26121600", "PN-4471", "12.5", "KGM", "2.00", "25.00", ["CABLE COAXIAL BLINDADO", "CON CONECTORES"]),
        ("25174200", "PN-9", "23", "H87", "10.00", "230.00", ["ARNES ELECTRICO"]),
    ]
    for key, part, quantity, unit, price, amount, description in conceptos:
        s.text(30, y, "cfdi:Concepto", font=BOLD, size=8)
        s.text(40, y + 10, f'ClaveProdServ="{key}"  NoIdentificacion="{part}"  Cantidad="{quantity}"', size=7)
        s.text(40, y + 20, f'ClaveUnidad="{unit}"  ValorUnitario="{price}"  Importe="{amount}"', size=7)
        s.text(40, y + 30, f'Descripcion="{description[0]}', size=7)
        for k, rest in enumerate(description[1:]):
            s.text(86, y + 38 + 8 * k, rest, size=7)
        y += 38 + 8 * (len(description) - 1)
        s.text(40, y + 4, "cfdi:Traslado", font=BOLD, size=8)
        s.text(
            50, y + 14, f'Base="{amount}" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.000000" Importe="0.00"', size=7
        )
        y += 30
    s.text(30, y, "cce20:Mercancias", font=BOLD, size=8)
    for part, tariff, quantity, unit, usd in (
        ("PN-4471", "85442001", "12.5", "01", "25.00"),
        ("PN-9", "85443002", "23", "06", "230.00"),
    ):
        y += 20
        s.text(40, y, "cce20:Mercancia", font=BOLD, size=8)
        s.text(
            50, y + 10, f'NoIdentificacion="{part}" FraccionArancelaria="{tariff}" CantidadAduana="{quantity}"', size=7
        )
        s.text(50, y + 18, f'UnidadAduana="{unit}" ValorDolares="{usd}"', size=7)
    s.save()
    first, second = _lines(path)
    assert (first["product_key"], first["part_number"], first["quantity"], first["unit"]) == (
        "26121600",
        "PN-4471",
        12.5,
        "KGM",
    )
    assert (first["unit_price"], first["amount"]) == (2.0, 25.0)
    assert first["description"] == "CABLE COAXIAL BLINDADO CON CONECTORES"
    assert (first["tariff_code"], first["customs_unit"], first["usd_value"]) == ("85442001", "01", 25.0)
    assert (second["part_number"], second["amount"], second["description"]) == ("PN-9", 230.0, "ARNES ELECTRICO")
    assert (second["tariff_code"], second["customs_quantity"]) == ("85443002", 23.0)


def test_a_unit_printed_by_its_name_alone_gives_its_key(tmp_path: Path) -> None:
    path = tmp_path / "unit.pdf"
    s = Sheet(path, title="CFDI")
    _header(s)
    s.text(30, 100, "Concepto", font=BOLD, size=8)
    s.text(40, 110, "ClaveProdServ: 31161800", size=7)
    s.text(40, 120, "Cantidad: 40", size=7)
    s.text(40, 130, "Unidad: Pieza", size=7)
    s.text(40, 140, "ValorUnitario: 1.50", size=7)
    s.text(40, 150, "Importe: 60.00", size=7)
    s.text(40, 160, "Descripcion: TORNILLO HEXAGONAL", size=7)
    s.save()
    (line,) = _lines(path)
    assert (line["unit"], line["quantity"], line["amount"], line["description"]) == (
        "H87",
        40.0,
        60.0,
        "TORNILLO HEXAGONAL",
    )


def test_the_mercancias_labels_under_a_concepto_are_no_part_of_its_description(tmp_path: Path) -> None:
    path = tmp_path / "bare.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 40, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 52, "RFC: MNO900101AB1", size=8)
    s.text(30, 64, "Moneda: USD   Tipo de cambio: 18.0632", size=8)
    for x, heading in ((30, "Cant."), (70, "Clave SAT"), (120, "No. parte"), (170, "Descripción"), (400, "Precio")):
        s.text(x, 90, heading, font=BOLD, size=7)
    s.text(480, 90, "Importe", font=BOLD, size=7)
    rows = [
        ("40.00", "31161800", "TH-100", "TORNILLO HEXAGONAL", "1.50", "60.00", "7318.15.99", "40", "60.00"),
        ("3.00", "26121600", "CB-2", "CABLE DE COBRE AISLADO", "5.00", "15.00", "8544.49.99", "3", "15.00"),
    ]
    y = 102.0
    for qty, key, part, description, price, amount, tariff, customs, usd in rows:
        for x, cell in ((30, qty), (70, key), (120, part), (170, description)):
            s.text(x, y, cell, size=7)
        s.text(400, y, price, size=7)
        s.text(480, y, amount, size=7)
        s.text(170, y + 9, f"Fracc. arancelaria {tariff}  Cantidad aduana {customs}  UMT 06  Valor USD {usd}", size=6)
        y += 22
    s.text(400, y + 4, "Subtotal: 75.00", size=7)
    s.save()
    first, second = _lines(path)
    assert first["description"] == "TORNILLO HEXAGONAL"
    assert second["description"] == "CABLE DE COBRE AISLADO"
    assert (first["tariff_code"], second["tariff_code"], second["usd_value"]) == ("73181599", "85444999", 15.0)


def test_a_description_wrapped_under_its_attributes_name(tmp_path: Path) -> None:
    """The wrapped words start where the attribute's name does; the next node's name does too but is no
    description."""
    path = tmp_path / "wrapped.pdf"
    s = Sheet(path, title="CFDI")
    _header(s)
    for k, (part, description, rest) in enumerate(
        (("PN-1", "MODULO DE CONTROL", "ELECTRONICO"), ("PN-2", "ARNES", ""))
    ):
        y = 100.0 + 70 * k
        s.text(30, y, "Concepto", font=BOLD, size=8)
        s.text(30, y + 10, f"ClaveProdServ: 26121600   NoIdentificacion: {part}   Cantidad: 2", size=7)
        s.text(30, y + 20, "ClaveUnidad: H87   ValorUnitario: 5.00   Importe: 10.00", size=7)
        s.text(30, y + 30, f"Descripcion: {description}", size=7)
        if rest:
            s.text(30, y + 38, rest, size=7)
    s.save()
    first, second = _lines(path)
    assert first["description"] == "MODULO DE CONTROL ELECTRONICO"
    assert (second["part_number"], second["description"]) == ("PN-2", "ARNES")
