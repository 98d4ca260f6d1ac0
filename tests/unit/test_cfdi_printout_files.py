"""CFDI printouts sent in one file with another CFDI (an invoice and its payment's receipt), and concepto tables
wider than the page printed in vertical slices whose rows are joined on their numbers."""

from __future__ import annotations

from pathlib import Path

from extractors import layout
from extractors.cfdi_pdf_slices import join_slices, row_number
from extractors.pipeline import extract
from tests.synth.draw import BOLD, Sheet

INVOICE_UUID = "3B9AC0EA-0840-48EC-82C7-CEEDC49FCEBF"
PAYMENT_UUID = "55F11B33-DFBB-48A1-875F-A94ACC080D00"


def _head(s: Sheet, title: str, series: str, folio: str, uuid: str, when: str) -> None:
    s.text(30, 30, "MANUFACTURAS DEL NORTE S.A. DE C.V.", font=BOLD, size=9)
    s.text(30, 42, "RFC: TAI9405097A2", size=7)
    s.text(330, 30, title, font=BOLD, size=7)
    s.text(330, 42, f"Serie: {series}    Folio: {folio}", size=7)
    s.text(330, 51, f"Folio fiscal: {uuid}", size=7)
    s.text(330, 60, f"Fecha de emisión: {when}", size=7)
    s.text(330, 69, "Versión: 4.0", size=7)
    s.text(30, 84, "Receptor: PACIFIC COMPONENTS INC", size=7)
    s.text(30, 93, "RFC: XEXX010101000", size=7)


def _invoice_and_payment(path: Path) -> None:
    s = Sheet(path, title="CFDI")
    _head(s, "FACTURA - CFDI DE INGRESO", "E", "10291", INVOICE_UUID, "2025-08-20T13:23:40")
    s.text(30, 110, "Tipo de comprobante: I - Ingreso", size=7)
    s.text(230, 110, "Moneda: USD   Tipo de cambio: 16.9315", size=7)
    for text, x in (
        ("No. identificación", 30),
        ("Clave prod./serv.", 110),
        ("Descripción", 180),
        ("Cantidad", 360),
        ("Clave unidad", 400),
        ("Valor unitario", 460),
        ("Importe", 540),
    ):
        s.text(x, 130, text, font=BOLD, size=6.5)
    for y, row in (
        (142, ("FG4739-1", "39269099", "TABLERO ELECTRONICO", "1,896", "H87", "89.04", "168,819.84")),
        (152, ("FG48694-8", "31161800", "ARNES ELECTRICO", "3,181", "H87", "10.84", "34,482.04")),
    ):
        for text, x in zip(row, (30, 110, 180, 360, 400, 460, 540), strict=True):
            s.text(x, y, text, size=7)
    s.text(460, 170, "Subtotal: 203,301.88", size=7)
    s.text(460, 180, "Total: 203,301.88", size=7)
    s.new_page()
    _head(s, "RECIBO ELECTRÓNICO DE PAGO", "P", "5385", PAYMENT_UUID, "2025-10-15T10:11:46")
    s.text(30, 110, "Tipo de comprobante: P - Pago", size=7)
    s.text(230, 110, "Moneda: XXX", size=7)
    s.text(30, 119, "SubTotal: 0    Total: 0", size=7)
    for text, x in (("Clave prod./serv.", 30), ("Cantidad", 110), ("Clave unidad", 170), ("Descripción", 240)):
        s.text(x, 135, text, font=BOLD, size=6.5)
    for text, x in (("84111506", 30), ("1", 110), ("ACT", 170), ("Pago", 240)):
        s.text(x, 147, text, size=7)
    s.text(30, 165, "Fecha de pago: 2025-10-15T12:00:00   Monto: 203,301.88", size=7)
    s.text(30, 175, f"Id documento: {INVOICE_UUID}  Serie E  Folio 10291", size=7)
    s.save()


def test_a_payment_receipt_after_its_invoice_adds_nothing_to_the_invoice(tmp_path: Path) -> None:
    """The file's document is its first CFDI: the payment's concepto (84111506, "Pago", amount 0) does not
    replace the invoice's, and its date, folio fiscal and figures are not taken for values the reading missed;
    the second CFDI is noticed."""
    path = tmp_path / "factura_y_pago.pdf"
    _invoice_and_payment(path)
    result = extract(path, media_type="application/pdf")
    fields = result["fields"]
    assert fields["uuid"]["value"] == INVOICE_UUID
    assert (fields["series"]["value"], fields["folio"]["value"], fields["cfdi_type"]["value"]) == ("E", "10291", "I")
    assert fields["issue_date"]["value"] == "2025-08-20"
    assert [line["product_key"]["value"] for line in result["lines"]] == ["39269099", "31161800"]
    assert [line["amount"]["value"] for line in result["lines"]] == [168819.84, 34482.04]
    codes = {warning["code"] for warning in result["warnings"]}
    assert "other_cfdi" in codes and "unread_value" not in codes
    assert result["document_pages"] == [1]


def test_the_first_cfdis_header_repeated_on_its_next_page_is_no_other_cfdi(tmp_path: Path) -> None:
    path = tmp_path / "dos_hojas.pdf"
    s = Sheet(path, title="CFDI")
    for _page in range(2):
        _head(s, "FACTURA - CFDI DE INGRESO", "E", "10291", INVOICE_UUID, "2025-08-20T13:23:40")
        s.text(30, 110, "Tipo de comprobante: I - Ingreso", size=7)
        s.new_page()
    s.save()
    result = extract(path, media_type="application/pdf")
    assert "other_cfdi" not in {warning["code"] for warning in result["warnings"]}
    assert "document_pages" not in result


def _sliced(path: Path) -> None:
    """A concepto table printed in two vertical slices: the left-hand columns on page 1, the remaining columns of
    the same rows on page 2, each row known by its number alone."""
    s = Sheet(path, title="CFDI")
    s.text(30, 30, "TECNOLOGIA AUTOMOTRIZ S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 42, f"Folio fiscal: {INVOICE_UUID}", size=7)
    s.text(30, 51, "Moneda: USD", size=7)
    left = (("#", 32), ("No. identificación", 50), ("Clave prod./serv.", 140), ("Descripción", 216))
    for text, x in left:
        s.text(x, 80, text, font=BOLD, size=6.5)
    s.right(500, 80, "Cantidad", font=BOLD, size=6.5)
    s.text(512, 80, "Clave unidad", font=BOLD, size=6.5)
    for y, (number, part, key, description, quantity) in (
        (94, ("1", "FG5401-1", "26121600", "TABLERO ELECTRONICO", "2,521.000")),
        (108, ("2", "EX74192-9", "25174200", "ARNES ELECTRICO", "4,405.000")),
    ):
        for text, (_label, x) in zip((number, part, key, description), left, strict=True):
            s.text(x, y, text, size=7)
        s.right(500, y, quantity, size=7)
        s.text(512, y, "H87", size=7)
    s.new_page()
    s.text(30, 30, "TECNOLOGIA AUTOMOTRIZ S.A. DE C.V.", font=BOLD, size=10)
    s.text(30, 68, "CONCEPTOS (continuación de columnas)", font=BOLD, size=7)
    s.text(32, 80, "#", font=BOLD, size=6.5)
    for text, x in (("Valor unitario", 140), ("Importe", 230), ("Cantidad aduana", 410), ("Valor dólares", 580)):
        s.right(x, 80, text, font=BOLD, size=6.5)
    for text, x in (("Fracción arancelaria", 246), ("Unidad aduana", 422)):
        s.text(x, 80, text, font=BOLD, size=6.5)
    for y, (number, price, amount, tariff, customs) in (
        (94, ("1", "$106.94", "$269,595.74", "85371099", "2,521.000")),
        (108, ("2", "$137.48", "$605,599.40", "85371099", "4,405.000")),
    ):
        s.text(32, y, number, size=7)
        for text, x in ((price, 140), (amount, 230), (customs, 410), (amount, 580)):
            s.right(x, y, text, size=7)
        s.text(246, y, tariff, size=7)
        s.text(422, y, "06", size=7)
    s.text(460, 130, "Subtotal: $875,195.14", size=7)
    s.save()


def test_a_concepto_table_printed_in_vertical_slices_is_joined_on_the_rows_numbers(tmp_path: Path) -> None:
    path = tmp_path / "desbordada.pdf"
    _sliced(path)
    lines = extract(path, media_type="application/pdf")["lines"]
    values = [{key: cell["value"] for key, cell in line.items()} for line in lines]
    assert [line["part_number"] for line in values] == ["FG5401-1", "EX74192-9"]
    assert values[0]["quantity"] == 2521.0 and values[0]["unit_price"] == 106.94
    assert values[0]["amount"] == 269595.74 and values[0]["usd_value"] == 269595.74
    assert (values[1]["tariff_code"], values[1]["customs_quantity"], values[1]["customs_unit"]) == (
        "85371099",
        4405.0,
        "06",
    )


def _record(number: str, **cells: str) -> layout.Record:
    record = layout.Record(cells={"_position": layout.Cell(words=[_Word(number)])})
    for key, text in cells.items():
        record.cells[key] = layout.Cell(words=[_Word(text)])
    return record


class _Word:
    def __init__(self, text: str) -> None:
        self.text = text


def test_rows_numbered_again_with_a_column_in_common_are_no_slices() -> None:
    """A second table counting its rows 1, 2 … again (the mercancías after the conceptos) is not the first one's
    other half: a row's two halves share no column."""
    halves = [_record("1", quantity="5"), _record("2", quantity="7"), _record("1", amount="9")]
    joined = join_slices(halves)
    assert joined is not None and len(joined) == 2 and joined[0].text("amount") == "9"
    assert join_slices([_record("1", quantity="5"), _record("1", quantity="6")]) is None
    assert join_slices([_record("1", quantity="5"), _record("2", quantity="6")]) is None


def test_a_row_number_ocr_misread_takes_its_places_number() -> None:
    """On a scan a small "1" read as ``al``: the row is the one before row 2, and its halves still join."""
    left = [_record("1", quantity="5"), _record("2", quantity="7")]
    halves = [*left, _record("al", amount="9"), _record("2", amount="3")]
    joined = join_slices(halves)
    assert joined is not None and [record.text("amount") for record in joined] == ["9", "3"]


def test_a_slices_row_opens_at_its_number_or_the_short_mark_ocr_made_of_it() -> None:
    assert row_number("12.") and row_number("al") and row_number("pu")
    assert not row_number("FG5401-1") and not row_number("")
