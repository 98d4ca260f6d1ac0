"""Invoices of two more makers: a Spanish manufacturer's factura in euros (its NIF with a control character and its
EU VAT form, "Nº factura", the EU's Combined Nomenclature column, running sums carried between pages, "Base
imponible", the origin declared once beside the totals, the company register's entry at every foot) and a Japanese
maker's English invoice in yen (the qualified-invoice registration number ``T`` and thirteen digits, whole-yen
prices and amounts, an "Item" column of serials before the part number, "(Continued)" at a page break, the
country of origin beside the subtotal). Each rule is tested on its own small page so that a failure names it."""

from __future__ import annotations

from extractors import checks
from extractors.entities import find_entities
from extractors.invoice import extract_invoice
from extractors.invoice_lines import _page_notice
from extractors.invoice_values import parse_country, parse_registration_number, parse_spanish_nif, parse_tax_id
from extractors.layout import Line, norm
from extractors.result import ExtractionContext, ResultBuilder
from extractors.text import DocumentText, Word
from tests.unit.test_invoice import page_from, run
from tests.unit.test_invoice_issuers import line_values, values_of


def run_pages(*pages: list[tuple[float, str]]) -> ResultBuilder:
    texts = [page_from(rows, number=number) for number, rows in enumerate(pages, start=1)]
    context = ExtractionContext(entities={page.number: find_entities(page.text) for page in texts})
    return extract_invoice(DocumentText("application/pdf", texts), context)


def factura_row(ref: str, desc: str, nc: str, qty: str, price: str, dto: str, amount: str) -> str:
    return f"{ref:<12}{desc:<26}{nc:<10}{qty:>10}{price:>10}{dto:>8}{amount:>14}"


FACTURA_HEADER = factura_row("Referencia", "Descripción", "Código NC", "Cantidad", "Precio", "Dto. %", "Importe")
REGISTER = "Inscrita en el Registro Mercantil de Zaragoza, Tomo 4123, Folio 143, Hoja Z-5678, Inscripción 2ª"
FACTURA_PAGE_1: list[tuple[float, str]] = [
    (40, "TALLERES DEL EBRO, S.L."),
    (40, "Pol. Ind. La Cartuja, Calle B 4, 50720 Zaragoza - ESPAÑA"),
    (40, "NIF B-12345674    NIF-IVA ESB12345674"),
    (40, "Cliente                               Nº factura:      FV25/000417"),
    (40, "MAQUILADORA DEL NORTE S.A. DE C.V.    Fecha:           27/08/2025"),
    (40, "RFC: MNO010101AB2                     Divisa:          EUR"),
    (40, FACTURA_HEADER),
    (40, factura_row("PN-100", "Tornillo de acero", "73181577", "777 UD", "0,2000", "0,00", "155,40 €")),
    (40, factura_row("PN-200", "Conector electrico", "85369018", "650 UD", "0,1000", "0,00", "65,00 €")),
    (40, f"{'Suma y sigue':>70}{'220,40 €':>20}"),
    (40, REGISTER),
]
FACTURA_PAGE_2: list[tuple[float, str]] = [
    (40, "TALLERES DEL EBRO, S.L."),
    (40, "NIF B-12345674    NIF-IVA ESB12345674"),
    (40, f"{'Suma anterior':>70}{'220,40 €':>20}"),
    (40, FACTURA_HEADER),
    (40, factura_row("PN-300", "Lamina de aluminio", "76061299", "127 UD", "1,0000", "0,00", "127,00 €")),
    (40, f"{'Origen de la mercancía: España (UE)':<56}{'Base imponible':<14}{'347,40 €':>20}"),
    (40, f"{'':<56}{'Portes':<14}{'10,00 €':>20}"),
    (40, f"{'':<56}{'TOTAL FACTURA':<14}{'357,40 €':>20}"),
    (40, "El exportador de los productos incluidos en el presente documento declara que, salvo"),
    (40, "indicación en sentido contrario, estos productos gozan de un origen preferencial UE."),
    (40, REGISTER),
]


def test_spanish_factura_header() -> None:
    """``Nº factura`` numbers the invoice (the register's ``Folio`` at the foot does not); the NIF is read
    compacted, its control character holding; ``Base imponible`` is the subtotal, ``TOTAL FACTURA`` the total;
    the origin declared beside the totals is the invoice's; a company ending in ``S.L.`` is the seller."""
    out = run_pages(FACTURA_PAGE_1, FACTURA_PAGE_2)
    values = values_of(out)
    assert values["invoice_number"] == "FV25/000417"
    assert values["seller_name"] == "TALLERES DEL EBRO, S.L."
    assert values["seller_tax_id"] == "B12345674"
    assert values["buyer_tax_id"] == "MNO010101AB2"
    assert values["subtotal_amount"] == 347.40
    assert values["total_amount"] == 357.40
    assert values["origin_country"] == "ESP"
    assert not [w for w in out.warnings if w["code"] == "check_digit"]


def test_spanish_factura_lines() -> None:
    """The Combined Nomenclature column (``Código NC``) is no quantity's: ``777 UD`` stays 777; ``Suma y sigue``
    and the totals beside the origin declaration end the table (no description runs on into them)."""
    lines = line_values(run_pages(FACTURA_PAGE_1, FACTURA_PAGE_2))
    assert [line["quantity"] for line in lines] == [777.0, 650.0, 127.0]
    assert [line["description"] for line in lines] == ["Tornillo de acero", "Conector electrico", "Lamina de aluminio"]
    assert [line["amount"] for line in lines] == [155.40, 65.00, 127.00]
    assert all("tariff_code" not in line for line in lines)


def test_register_folio_numbers_no_invoice() -> None:
    """Without a number label of its own, an invoice's number is not the register entry's ``Folio``."""
    rows = [row for row in FACTURA_PAGE_1 if "Nº factura" not in row[1]]
    assert values_of(run(rows)).get("invoice_number") != "143"


def test_spanish_nif_control_character() -> None:
    """A company's NIF: letter, seven digits, a control digit (or letter); a resident's DNI and a foreigner's NIE
    end in the letter of their number modulo 23."""
    assert checks.spanish_nif_is_valid("B12345674")
    assert checks.spanish_nif_is_valid("Q2826000H")  # a public body's: a control letter
    assert checks.spanish_nif_is_valid("12345678Z")
    assert checks.spanish_nif_is_valid("X1234567L")
    assert not checks.spanish_nif_is_valid("B12345678")
    assert not checks.spanish_nif_is_valid("12345678A")
    assert not checks.spanish_nif_is_valid("B1234567")


def test_spanish_nif_as_printed() -> None:
    """Compacted when its control character holds (the hyphen is print), as printed otherwise; the VAT form keeps
    its ``ES``; "CIF" reads only a NIF's shape (before a port it is the incoterm)."""
    assert parse_tax_id("B-12345674")[0] == "B12345674"
    assert parse_tax_id("ESB12345674")[0] == "ESB12345674"
    assert parse_tax_id("12345678-Z")[0] == "12345678Z"
    assert parse_tax_id("B-12345678")[0] == "B-12345678"
    assert parse_spanish_nif(": A-28765436")[0] == "A28765436"
    assert parse_spanish_nif("Manzanillo (México)") is None


def test_cif_before_a_port_is_the_incoterm() -> None:
    rows = [
        (40, "TALLERES DEL EBRO, S.L."),
        (40, "C.I.F. A-28765436"),
        (40, "Invoice No.: FV-1"),
        (40, "Incoterm: CIF Manzanillo"),
    ]
    values = values_of(run(rows))
    assert values["seller_tax_id"] == "A28765436"
    assert values["incoterm"] == "CIF"


def test_nif_failing_its_control_character_is_flagged() -> None:
    rows = [(40, "TALLERES DEL EBRO, S.L."), (40, "NIF B-12345678"), (40, "Invoice No.: FV-1")]
    out = run(rows)
    assert values_of(out)["seller_tax_id"] == "B-12345678"
    assert [w["field"] for w in out.warnings if w["code"] == "check_digit"] == ["seller_tax_id"]


def yen_row(item: str, part: str, desc: str, qty: str, unit: str, price: str, amount: str) -> str:
    return f"{item:<5}{part:<17}{desc:<40}{qty:>5} {unit:<4}{price:>17}{amount:>14}"


YEN_HEADER = yen_row("Item", "Part No.", "Description", "Q'ty", "Unit", "Unit Price (JPY)", "Amount (JPY)")
YEN_TOP: list[tuple[float, str]] = [
    (40, "KISO SEIMITSU CO., LTD."),
    (40, "3-1 Minato-ku, Nagoya, Aichi 455-0001, JAPAN"),
    (40, "Registration No. T8291417776317"),
]
YEN_PAGE_1: list[tuple[float, str]] = [
    *YEN_TOP,
    (40, "Sold to:                               Invoice No.        : KS-2025-118"),
    (40, "MAQUILADORA DEL NORTE S.A. DE C.V.     Date               : 2025/08/27"),
    (40, "RFC: MNO010101AB2                      Currency           : JPY (JAPANESE YEN)"),
    (40, YEN_HEADER),
    (40, yen_row("1", "A-498409", "PARTES PARA TRANSFORMADORES (NUCLEOS DE", "88", "PCS", "196.72", "17,311")),
    (40, yen_row("", "", "FERRITA)", "", "", "", "")),
    (40, yen_row("2", "SKU-377734", "EMPAQUE DE HULE VULCANIZADO", "22", "PCS", "9.39", "207")),
    (40, yen_row("3", "PN-550376", "CAJA DE CARTON CORRUGADO", "100", "PCS", "128", "12,800")),
    (40, f"{'(Continued)':>103}"),
]
YEN_PAGE_2: list[tuple[float, str]] = [
    *YEN_TOP,
    (40, YEN_HEADER),
    (40, yen_row("4", "SKU-735260", "CINTA ADHESIVA", "10", "PCS", "403.94", "4,039")),
    (40, f"{'Country of Origin: JAPAN':<60}{'Sub Total':<20}{'34,357':>24}"),
    (40, f"{'':<60}{'Freight':<20}{'500':>24}"),
    (40, f"{'':<60}{'TOTAL JPY':<20}{'¥34,857':>24}"),
]


def test_yen_invoice_header() -> None:
    """The registration number is the seller's tax id; the origin beside the subtotal is the invoice's."""
    out = run_pages(YEN_PAGE_1, YEN_PAGE_2)
    values = values_of(out)
    assert values["seller_tax_id"] == "T8291417776317"
    assert values["origin_country"] == "JPN"
    assert values["subtotal_amount"] == 34357.0
    assert values["total_amount"] == 34857.0
    assert not [w for w in out.warnings if w["code"] in ("check_digit", "line_mismatch")]


def test_yen_invoice_lines() -> None:
    """The "Item" column of serials is not the description (the description's words would fall in the quantity's
    column); whole-yen figures a line's arithmetic confirms are its price and amount (22 × 9.39 = 207 yen);
    "(Continued)" is no description's."""
    lines = line_values(run_pages(YEN_PAGE_1, YEN_PAGE_2))
    assert [line["description"] for line in lines] == [
        "PARTES PARA TRANSFORMADORES (NUCLEOS DE FERRITA)",
        "EMPAQUE DE HULE VULCANIZADO",
        "CAJA DE CARTON CORRUGADO",
        "CINTA ADHESIVA",
    ]
    assert [line["part_number"] for line in lines] == ["A-498409", "SKU-377734", "PN-550376", "SKU-735260"]
    assert [line.get("amount") for line in lines] == [17311.0, 207.0, 12800.0, 4039.0]
    assert [line.get("unit_price") for line in lines] == [196.72, 9.39, 128.0, 403.94]


def test_japanese_registration_number() -> None:
    """``T`` and thirteen digits, the first a check digit over the other twelve; a "Registration No." label reads
    only that shape (a company register's number is no tax id)."""
    assert checks.japan_registration_is_valid("T8291417776317")
    assert not checks.japan_registration_is_valid("T1291417776317")
    assert parse_registration_number("T8291417776317") == ("T8291417776317", (0, 14))
    assert parse_registration_number("T8-2914-1777-6317")[0] == "T8291417776317"
    assert parse_registration_number("01234567") is None
    rows = [(40, "KISO SEIMITSU CO., LTD."), (40, "Registration No. 01234567"), (40, "Invoice No.: KS-1")]
    assert "seller_tax_id" not in values_of(run(rows))


def test_registration_number_failing_its_check_digit_is_flagged() -> None:
    rows = [(40, "KISO SEIMITSU CO., LTD."), (40, "Registration No. T1291417776317"), (40, "Invoice No.: KS-1")]
    out = run(rows)
    assert values_of(out)["seller_tax_id"] == "T1291417776317"
    assert [w["field"] for w in out.warnings if w["code"] == "check_digit"] == ["seller_tax_id"]


def test_continued_in_brackets_is_a_page_notice() -> None:
    words = [Word("(Continued)", 400, 40, 455, 50, 1.0)]
    assert _page_notice(Line(words=words, top=40, bottom=50, tokens=[norm(w.text) for w in words]))


def test_country_named_with_letters_beyond_ascii() -> None:
    """``España`` after a longer label's words (``de la mercancía: España (UE)``) is Spain."""
    assert parse_country("de la mercancía: España (UE)")[0] == "ESP"


def test_one_item_under_an_item_column() -> None:
    """One item, its description wrapped: read with "Item" as the description's heading, the serial and the
    wrapped words make a description (``1 FERRITA)``) and the description's words fall in the quantity's column;
    the reading whose figure columns hold figures is the right one."""
    rows = [*YEN_PAGE_1[:7], *YEN_PAGE_1[7:9], *YEN_PAGE_2[-3:]]
    lines = line_values(run(rows))
    assert [line["description"] for line in lines] == ["PARTES PARA TRANSFORMADORES (NUCLEOS DE FERRITA)"]
    assert [line["quantity"] for line in lines] == [88.0]


def test_a_printed_id_its_check_vouches_for_left_unread_is_flagged() -> None:
    """A registration number (or a NIF after a tax label) whose check character holds, printed where no label
    read it, sends the invoice to review; read, it does not."""
    rows = [(40, "KISO SEIMITSU CO., LTD."), (40, "Reg. T8291417776317"), (40, "Invoice No.: KS-1")]
    out = run(rows)
    assert "seller_tax_id" not in values_of(out)
    assert [w["field"] for w in out.warnings if w["code"] == "unread_value"] == ["seller_tax_id"]
    rows = [(40, "TALLERES DEL EBRO, S.L."), (40, "NIF-IVA: ESB12345674"), (40, "Invoice No.: FV-1")]
    out = run(rows)
    assert values_of(out)["seller_tax_id"] == "ESB12345674"
    assert not [w for w in out.warnings if w["code"] == "unread_value"]
