"""A CFDI printout with its fiscal data in a sidebar beside the conceptos, a Traslado's zero totals beside the
complement's value, and the small rules they need (captions run together, codes that are no figures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractors import layout
from extractors.cfdi_pdf import _amount, _unglue, _uuid_wrapped
from extractors.pipeline import extract
from extractors.result import ResultBuilder
from extractors.text import PageText, Word
from tests.synth.draw import BOLD, Sheet

UUID = "0B55BF44-40BA-420B-B74C-A8F2C5E90480"


def _values(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    result = extract(path, media_type="application/pdf")
    fields = {key: c["value"] for key, c in result["fields"].items()}
    lines = [{key: c["value"] for key, c in line.items() if isinstance(c, dict)} for line in result["lines"]]
    return fields, lines, result


def _sidebar(path: Path) -> None:
    """Fiscal data as captions over values down the right of the page, on the same lines as the conceptos; the
    conceptos run to the foot of the main column (the totals are in the sidebar)."""
    s = Sheet(path, title="CFDI")
    s.text(30, 34, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 48, "RFC MNO900101AB1 · Régimen fiscal 601 · C.P. 75553", size=7)
    s.text(30, 66, "CLIENTE", font=BOLD, size=7)
    s.text(30, 76, "ACME WIRE & CABLE LLC", size=7)
    s.text(30, 86, "RFC XEXX010101000 · NumRegIdTrib 56-5715163", size=7)
    side = [
        ("FACTURA", None),
        ("Folio", "91972"),
        ("Folio fiscal", UUID[:19]),
        (None, UUID[19:]),
        ("Fecha de emisión", "18/08/2024 13:16:24"),
        ("Tipo de comprobante", "I - Ingreso"),
        ("Versión", "4.0"),
        ("Moneda", "USD - Dólar americano"),
        ("Tipo de cambio", "19.2106"),
        ("Total USD", "93,671.78"),
    ]
    y = 34.0
    for caption, value in side:
        if caption:
            s.text(440, y, caption, font=BOLD, size=6.5)
            y += 7
        if value:
            s.text(440, y, value, size=6.5)
            y += 9
    y = 106.0
    for x, head in ((45, "Cant."), (64, "Unidad"), (100, "Descripción")):
        s.text(x, y, head, font=BOLD, size=7)
    s.right(288, y, "P. unitario", font=BOLD, size=7)
    s.right(348, y, "Importe USD", font=BOLD, size=7)
    s.right(420, y, "Importe M.N.", font=BOLD, size=7)
    items = (
        ("3,802", "DISPOSITIVO MEDICO PARA INFUSION,", "DESECHABLE", "11.15", "42,392.30", "814,381.52", "EX30515-8"),
        ("2,261", "MODULO DE ILUMINACION LED PARA", "INTERIOR", "22.68", "51,279.48", "985,109.58", "FG87556-8"),
    )
    for qty, text, more, price, amount, pesos, part in items:
        y += 10
        s.right(60, y, qty)
        s.text(64, y, "H87 Pieza")
        s.text(100, y, text)
        s.right(288, y, price)
        s.right(348, y, amount)
        s.right(420, y, pesos)
        s.text(100, y + 9, more)
        s.text(100, y + 18, f"No. ident.: {part} Clave SAT: 31161800", size=6.5)
        s.text(100, y + 26, f"Fracc. 9018.90.99 · Cant. adu. {qty.replace(',', '')} · U. adu. 06", size=6.5)
        y += 34
    s.text(126, 300, "Total en moneda nacional $ 1,799,491.10 MXN", size=7)
    s.save()


def test_a_sidebar_of_fiscal_data_keeps_its_words_apart_from_the_conceptos(tmp_path: Path) -> None:
    path = tmp_path / "sidebar.pdf"
    _sidebar(path)
    fields, lines, _result = _values(path)
    assert fields["uuid"] == UUID
    assert fields["currency"] == "USD"  # not the pesos of "Total en moneda nacional"
    assert fields["exchange_rate"] == 19.2106
    assert [line["description"] for line in lines] == [
        "DISPOSITIVO MEDICO PARA INFUSION, DESECHABLE",
        "MODULO DE ILUMINACION LED PARA INTERIOR",
    ]
    assert [line.get("part_number") for line in lines] == ["EX30515-8", "FG87556-8"]  # "No. ident."
    assert [line.get("customs_quantity") for line in lines] == [3802.0, 2261.0]  # "Cant. adu."
    assert [line.get("customs_unit") for line in lines] == ["06", "06"]  # "U. adu."


def _traslado(path: Path) -> None:
    """A CFDI de Traslado: SubTotal and Total of zero, the goods' value in a remark beside them."""
    s = Sheet(path, title="CFDI")
    s.text(30, 34, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 48, "RFC: MNO900101AB1", size=7)
    s.text(350, 34, "CFDI DE TRASLADO", font=BOLD, size=9)
    s.text(350, 46, f"Folio fiscal: {UUID}", size=7)
    s.text(350, 56, "Tipo de comprobante: T - Traslado", size=7)
    s.text(350, 66, "Moneda: USD   Tipo de cambio: 16.9128", size=7)
    y = 100
    for x, head in ((32, "Clave prod./serv."), (100, "Cantidad"), (150, "Clave unidad"), (210, "Descripción")):
        s.text(x, y, head, font=BOLD, size=7)
    s.right(500, y, "Valor unitario", font=BOLD, size=7)
    s.right(570, y, "Importe", font=BOLD, size=7)
    for key, qty, text, price, amount in (
        ("25174200", "10.00", "TABLERO ELECTRONICO", "40.00", "400.00"),
        ("39121000", "8.00", "ARNES ELECTRICO", "32.00", "256.00"),
    ):
        y += 10
        s.text(32, y, key)
        s.right(130, y, qty)
        s.text(150, y, "H87")
        s.text(210, y, text)
        s.right(500, y, price)
        s.right(570, y, amount)
    y += 20
    s.text(30, y, "Objeto de impuesto 01 - No objeto de impuesto.")
    s.text(422, y, "SubTotal", font=BOLD)
    s.right(580, y, "0.00", font=BOLD)
    y += 11
    s.text(30, y, "Valor de la mercancía (Total USD del complemento): 656.00")
    s.text(422, y, "Total", font=BOLD)
    s.right(580, y, "0.00", font=BOLD)
    s.text(30, y + 22, "COMPLEMENTO COMERCIO EXTERIOR 2.0   Clave de pedimento: A1", font=BOLD)
    s.text(30, y + 34, "Total USD: 656.00")
    s.save()


def test_a_traslado_reads_its_zero_totals_not_the_complements_value(tmp_path: Path) -> None:
    path = tmp_path / "traslado.pdf"
    _traslado(path)
    fields, lines, result = _values(path)
    assert fields["cfdi_type"] == "T"
    assert fields["subtotal"] == 0.0 and fields["total"] == 0.0
    assert [line["amount"] for line in lines] == [400.0, 256.0]
    # the conceptos keep the goods' value while a Traslado's SubTotal is zero by rule: no mismatch
    assert "totals_mismatch" not in {warning["code"] for warning in result["warnings"]}


def test_a_code_is_no_figure() -> None:
    assert _amount("A1") is None  # a pedimento key
    assert _amount("Clave A1") is None
    assert _amount("0.00") == (0.0, (0, 4))
    assert _amount("S1,234.56") == (1234.56, (1, 9))  # the dollar sign OCR read as an S still leads a figure


def test_a_caption_run_into_the_next_is_split() -> None:
    words = [
        Word("Clave", 196.0, 100.0, 214.7, 107.0, 1.0),
        Word("unidadDescripción", 216.6, 100.0, 280.1, 107.0, 1.0),
        Word("NoIdentificacion", 300.0, 100.0, 360.0, 107.0, 1.0),
    ]
    page = layout.PageLayout.of(PageText(1, "", words, "text_layer", None, 612.0, 792.0, 0))
    _unglue(page)
    assert [word.text for word in page.lines[0].words] == ["Clave", "unidad", "Descripción", "NoIdentificacion"]


def test_a_wrapped_folio_fiscal_whose_ocr_boxes_are_tight() -> None:
    """OCR boxes a UUID's capitals and digits at their own height, tighter than the row's pitch: the tail one row
    under the head is still the next row of its column."""
    words = [
        Word("Folio", 442.0, 97.0, 452.0, 104.0, 0.9),
        Word("fiscal", 454.0, 97.0, 465.0, 104.0, 0.9),
        Word("0B55BF44-40BA-420B-", 441.9, 104.4, 506.4, 109.4, 0.9),
        Word("Cant.", 47.0, 105.0, 61.0, 111.0, 0.9),
        Word("B74C-A8F2C5E90480", 442.0, 117.0, 502.0, 122.4, 0.9),
        Word("3,802", 45.0, 118.0, 61.0, 124.0, 0.9),
    ]
    page = layout.PageLayout.of(PageText(1, "", words, "ocr", 0.9, 612.0, 792.0, 0))
    out = ResultBuilder()
    _uuid_wrapped(out, [page])
    assert out.fields["uuid"]["value"] == UUID
