"""Rules for CFDI printouts that European ERPs and English-speaking subsidiaries print: figures in the decimal-comma
convention, the SAT's codes as a line of bare labels under each item, joint labels with slashed values, an "Item"
column that numbers the lines beside the part number's own, English certifier and stamp wordings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractors import layout
from extractors.cfdi_pdf import _mend_stray_words, _rate
from extractors.cfdi_pdf_cells import labelled_in_note
from extractors.cfdi_pdf_figures import REPAIRED, repair_figures
from extractors.cfdi_pdf_lines import page_foot, resolve_item
from extractors.cfdi_pdf_parties import certifier_rfcs
from extractors.classify import classify_text
from extractors.pipeline import extract
from extractors.review_slips import description_problem
from extractors.text import Word
from tests.synth.draw import BOLD, Sheet

UUID = "D564F979-E564-4EE2-96A7-EF1AB41F70A9"


def cell(value: Any) -> dict[str, Any]:
    return {"value": value, "confidence": 0.9, "page": 1, "bbox": None, "raw": str(value)}


def _values(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    result = extract(path, media_type="application/pdf")
    fields = {key: c["value"] for key, c in result["fields"].items()}
    lines = [{key: c["value"] for key, c in line.items() if isinstance(c, dict)} for line in result["lines"]]
    return fields, lines, result


def test_bare_labels_in_a_conceptos_note_with_european_figures() -> None:
    note = (
        "Clave prod./serv. 43201800 · Clave unidad H87 · Fracción arancelaria 85044099 · "
        "Cantidad aduana 4.258,000 · Unidad aduana 06 · Valor dólares 105.598,40"
    )
    line = {"description": cell("FUENTE DE PODER"), "_note": cell(note)}
    labelled_in_note(line)
    values = {key: c["value"] for key, c in line.items()}
    assert values["product_key"] == "43201800"
    assert values["unit"] == "H87"
    assert values["tariff_code"] == "85044099"
    assert values["customs_quantity"] == pytest.approx(4258.0)
    assert values["customs_unit"] == "06"
    assert values["usd_value"] == pytest.approx(105598.40)


def test_a_bare_label_does_not_take_the_digits_of_a_longer_word() -> None:
    line = {"_note": cell("Fracción arancelaria 85044099X1 · Unidad aduana 061")}
    labelled_in_note(line)
    assert "tariff_code" not in line and "customs_unit" not in line


@pytest.mark.parametrize(
    ("printed", "rate"), [("17,8486", 17.8486), ("USD / 20,25", 20.25), ("19.5257", 19.5257), ("1,234", None)]
)
def test_an_exchange_rate_with_a_decimal_comma(printed: str, rate: float | None) -> None:
    parsed = _rate(printed)
    assert (parsed[0] if parsed else None) == (pytest.approx(rate) if rate is not None else None)


def test_the_certifiers_rfc_labelled_in_english() -> None:
    assert certifier_rfcs("PAC RFC: SAT970701NN3\nCertifier's RFC: LSO1306189R5") == {
        "SAT970701NN3",
        "LSO1306189R5",
    }


def test_an_english_printout_of_a_cfdi_is_a_cfdi() -> None:
    text = (
        "INVOICE\nCFDI 4.0 - Income (I)\nIssuer Tax ID (RFC): MNO900101AB1\nFiscal folio (UUID): " + UUID + "\n"
        "Bill to\nCustomer: ACME WIRE & CABLE LLC\nQty Unit Price Amount Subtotal VAT 0% Total\n"
        "Foreign Trade Complement (Comercio Exterior)\nIncoterm: FCA\nSAT certificate No.: 45937098067929709297\n"
        "Certification date: 2025-08-24T11:25:32\nDigital seal of the CFDI:\nSAT seal:\n"
        "This document is a printed representation of a CFDI"
    )
    found = classify_text(text)
    assert found.doc_type == "cfdi" and found.confidence >= 0.7


def _european_erp(path: Path) -> None:
    """A European ERP's printout: letterhead, customer block with no heading beside the title, joint labels with
    slashed values, a "Pos. / Material / Denominación" table with each item's SAT codes on a bare-labelled line,
    totals flush right with the IVA row under the subtotal."""
    s = Sheet(path, title="CFDI")
    s.text(40, 40, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=10)
    s.text(40, 54, "RFC MNO900101AB1 · Régimen fiscal 601 · C.P. 75553", size=7.5)
    s.text(330, 70, "Factura", font=BOLD, size=14)
    s.text(40, 76, "ACME WIRE & CABLE LLC", font=BOLD, size=8)
    s.text(40, 87, "R.F.C. XEXX010101000", size=7.5)
    s.text(330, 87, "Fecha", size=7.5)
    s.text(390, 87, "14.03.2025", size=7.5)
    s.text(330, 98, "Serie / Folio", size=7.5)
    s.text(390, 98, "EXP / 60374", size=7.5)
    s.text(330, 109, "Versión CFDI 4.0", size=7.5)
    s.text(330, 120, "Tipo de comprobante I Ingreso", size=7.5)
    s.text(330, 131, "Moneda / T.C.", size=7.5)
    s.text(390, 131, "USD / 17,8486", size=7.5)
    y = 160
    for x, head in ((40, "Pos."), (60, "Material"), (120, "Denominación"), (330, "Cantidad"), (380, "UM")):
        s.text(x, y, head, font=BOLD, size=7.5)
    s.right(480, y, "Precio unitario", font=BOLD, size=7.5)
    s.right(560, y, "Importe", font=BOLD, size=7.5)
    items = (
        ("10", "FG97336-8", "FUENTE DE PODER CONMUTADA", "332,000", "46,69", "15.501,08", "43201800", "85044099"),
        ("20", "M64165-8", "ARNES ELECTRICO", "2.055,000", "34,77", "71.452,35", "39121000", "85443002"),
    )
    for pos, part, text, qty, price, amount, key, tariff in items:
        y += 12
        s.text(40, y, pos)
        s.text(60, y, part)
        s.text(120, y, text)
        s.right(370, y, qty)
        s.text(380, y, "H87")
        s.right(480, y, price)
        s.right(560, y, amount)
        y += 10
        s.text(50, y, f"Clave prod./serv. {key} · Clave unidad H87 · Fracción arancelaria {tariff} · ", size=6.5)
        s.text(300, y, f"Cantidad aduana {qty} · Unidad aduana 06 · Valor dólares {amount}", size=6.5)
    y += 20
    for label, value in (("Subtotal", "86.953,43 USD"), ("IVA 0 %", "0,00 USD"), ("Total", "86.953,43 USD")):
        s.text(356, y, label)
        s.right(575, y, value)
        y += 11
    s.text(136, y + 10, "Folio fiscal:  " + UUID, size=7)
    s.text(136, y + 21, "No. certificado emisor: 55355389080173387094", size=7)
    s.text(136, y + 32, "No. certificado SAT: 78738733271677256154", size=7)
    s.text(136, y + 43, "Fecha de timbrado: 14.03.2025 08:34:33", size=7)
    s.save()


def test_a_european_erps_printout(tmp_path: Path) -> None:
    path = tmp_path / "erp.pdf"
    _european_erp(path)
    fields, lines, result = _values(path)
    assert fields["issuer_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."
    assert fields["receiver_name"] == "ACME WIRE & CABLE LLC"  # not the title set beside it
    assert fields["receiver_rfc"] == "XEXX010101000"
    assert (fields["series"], fields["folio"]) == ("EXP", "60374")
    assert fields["currency"] == "USD"
    assert fields["exchange_rate"] == pytest.approx(17.8486)
    assert fields["subtotal"] == pytest.approx(86953.43)
    assert fields["total"] == pytest.approx(86953.43)
    assert [line["part_number"] for line in lines] == ["FG97336-8", "M64165-8"]
    assert [line["description"] for line in lines] == ["FUENTE DE PODER CONMUTADA", "ARNES ELECTRICO"]
    assert [line["product_key"] for line in lines] == ["43201800", "39121000"]
    assert [line["tariff_code"] for line in lines] == ["85044099", "85443002"]
    assert [line["quantity"] for line in lines] == pytest.approx([332.0, 2055.0])
    assert [line["customs_quantity"] for line in lines] == pytest.approx([332.0, 2055.0])
    assert [line["customs_unit"] for line in lines] == ["06", "06"]
    assert [line["usd_value"] for line in lines] == pytest.approx([15501.08, 71452.35])
    # the receiver is sure: a generic RFC is only ever a receptor's, and the name above it ends in a legal form
    assert result["fields"]["receiver_rfc"]["confidence"] >= 0.7
    assert result["fields"]["receiver_name"]["confidence"] >= 0.7


def _english_subsidiary(path: Path, item_is_position: bool) -> None:
    """An English printout whose concepts table has an "Item" column beside "Part No."."""
    s = Sheet(path, title="CFDI")
    s.text(40, 40, "MAQUILADORA DEL NORTE S.A. DE C.V.", font=BOLD, size=10)
    s.text(40, 54, "Issuer Tax ID (RFC): MNO900101AB1", size=7.5)
    s.text(330, 54, "Series-Folio: E-80122", size=7.5)
    s.text(330, 65, "Fiscal folio (UUID): " + UUID, size=7.5)
    s.text(40, 80, "Customer: ACME WIRE & CABLE LLC", size=7.5)
    s.text(40, 91, "Customer Tax ID (RFC): XEXX010101000", size=7.5)
    s.text(40, 102, "Currency: USD      Exchange rate: 17.0318", size=7.5)
    y = 124
    for x, head in ((40, "Item"), (80, "Prod./Serv. Key"), (150, "Qty"), (190, "Unit Key"), (230, "Part No.")):
        s.text(x, y, head, font=BOLD, size=7.5)
    s.text(290, y, "Description", font=BOLD, size=7.5)
    s.right(500, y, "Unit Price", font=BOLD, size=7.5)
    s.right(570, y, "Amount", font=BOLD, size=7.5)
    rows = (("FG19394-6", "ARNES ELECTRICO", "3,284.00", "$55.47", "$182,163.48"),)
    rows += (("M5153-6", "MODULO LED", "4,114.00", "$17.10", "$70,349.40"),)
    for k, (part, text, qty, price, amount) in enumerate(rows, start=1):
        y += 12
        s.text(40, y, str(k) if item_is_position else f"A-{k}7")
        s.text(80, y, "31161800")
        s.right(175, y, qty)
        s.text(190, y, "H87")
        s.text(230, y, part)
        s.text(290, y, text)
        s.right(500, y, price)
        s.right(570, y, amount)
    s.text(420, y + 20, "Subtotal    $252,512.88 USD")
    s.text(420, y + 31, "Total       $252,512.88 USD")
    s.save()


def test_an_item_column_that_numbers_the_lines_beside_the_part_number(tmp_path: Path) -> None:
    path = tmp_path / "subsidiary.pdf"
    _english_subsidiary(path, item_is_position=True)
    fields, lines, _result = _values(path)
    assert (fields["series"], fields["folio"]) == ("E", "80122")
    assert [line["part_number"] for line in lines] == ["FG19394-6", "M5153-6"]


def _item_records(*texts: str) -> list[layout.Record]:
    return [
        layout.Record(page=1, cells={"_item": layout.Cell(words=[Word(text, 0.0, 0.0, 10.0, 5.0, 1.0)], page=1)})
        for text in texts
    ]


def test_an_item_column_of_codes_is_the_part_number() -> None:
    records = _item_records("A-17", "A-27")
    resolve_item(records)
    assert [record.text("part_number") for record in records] == ["A-17", "A-27"]


def test_an_item_column_that_counts_on_is_no_cell() -> None:
    records = _item_records("10", "20", "30")
    resolve_item(records)
    assert all(not record.cells for record in records)


def test_a_running_foot_with_the_folio_fiscal_is_the_pages_foot() -> None:
    assert page_foot(f"Factura 90447566 · Folio fiscal {UUID}   Página 1")
    assert page_foot("Página 2 de 3")
    assert not page_foot("ARNES 2 PIEZAS Página 1")  # figures before a page-like ending, and no folio fiscal


def test_a_description_holding_the_pages_foot_goes_to_review() -> None:
    assert description_problem(f"ARNES ELECTRICO Factura 90447566 Folio fiscal {UUID} Página 1") is not None
    assert description_problem("ARNES ELECTRICO PARA VEHICULO Page 2") is not None
    assert description_problem("ARNES ELECTRICO PARA VEHICULO AUTOMOTOR") is None


def test_a_bare_value_keeps_a_period_ocr_read_after_it() -> None:
    line = {"_note": cell("Clave unidad H87*- Fracción arancelaria 94054199. Cantidad aduana 2.918,000 -")}
    labelled_in_note(line)
    assert line["unit"]["value"] == "H87"
    assert line["tariff_code"]["value"] == "94054199"
    assert line["customs_quantity"]["value"] == pytest.approx(2918.0)


def test_a_valor_dolares_with_its_separators_misread_is_the_amount() -> None:
    line = {
        "quantity": cell(2252.0),
        "unit_price": cell(54.45),
        "amount": cell(122621.4),
        "usd_value": cell(12262140.0),  # "122.621,40" read as "122.621.40"
    }
    repair_figures(line, usd=True)
    assert line["usd_value"]["value"] == pytest.approx(122621.4)
    assert line["usd_value"]["confidence"] == REPAIRED


def _word(text: str, x0: float, x1: float, top: float, bottom: float) -> Word:
    return Word(text, x0, top, x1, bottom, 0.9)


def test_a_code_ocr_boxed_taller_than_its_row_goes_back_to_it() -> None:
    row = [
        _word("Unidad", 348.8, 365.6, 216.0, 220.0),
        _word("aduana", 367.5, 391.8, 216.0, 220.0),
        _word("-", 395.4, 396.1, 218.2, 218.9),
        _word("Valor", 399.7, 412.9, 216.0, 220.0),
    ]
    lines = [
        layout.Line(words=[_word("INTERIOR", 120.0, 150.0, 205.0, 210.0)], top=205.0, bottom=210.0),
        layout.Line(words=[_word("06", 386.7, 392.0, 212.7, 221.6)], top=212.7, bottom=221.6),
        layout.Line(words=row, top=216.0, bottom=220.0),
    ]
    page = layout.PageLayout(number=1, width=612.0, height=792.0, lines=lines, ocr=True)
    _mend_stray_words(page)
    assert [line.text for line in page.lines] == ["INTERIOR", "Unidad aduana 06 - Valor"]


def test_a_lone_word_given_back_leaves_no_empty_line_behind() -> None:
    row = [_word("Unidad", 348.8, 365.6, 216.0, 220.0), _word("Valor", 399.7, 412.9, 216.0, 220.0)]
    lines = [
        layout.Line(words=[_word("06", 386.7, 392.0, 212.7, 221.6)], top=212.7, bottom=221.6),
        layout.Line(words=row, top=216.0, bottom=220.0),
        layout.Line(words=[_word("07", 386.7, 392.0, 217.0, 226.0)], top=217.0, bottom=226.0),
    ]
    page = layout.PageLayout(number=1, width=612.0, height=792.0, lines=lines, ocr=True)
    _mend_stray_words(page)
    assert all(line.words for line in page.lines)


def test_a_code_snug_in_its_own_row_stays_there() -> None:
    own = [
        _word("aduana", 363.0, 379.8, 352.1, 356.1),
        _word("06", 381.5, 387.3, 350.0, 362.0),  # boxed tall, reaching into the row under it
        _word("Valor", 389.0, 402.0, 352.1, 356.1),
    ]
    under = [_word("1.849", 359.1, 375.6, 358.0, 366.0), _word("H87", 392.3, 405.3, 358.0, 366.0)]
    lines = [layout.Line(words=own, top=352.0, bottom=356.0), layout.Line(words=under, top=358.0, bottom=366.0)]
    page = layout.PageLayout(number=1, width=612.0, height=792.0, lines=lines, ocr=True)
    _mend_stray_words(page)
    assert [line.text for line in page.lines] == ["aduana 06 Valor", "1.849 H87"]
