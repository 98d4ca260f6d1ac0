"""CFDI printouts set as receipts (values flush right on their label's row, ``Q x P = A`` figures, mercancía lines
of labels without colons) and header values that are no party's name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extractors import layout
from extractors.cfdi_pdf import _amount, _date, _folio, _series, _unglue, _uuid, _version
from extractors.cfdi_pdf_blocks import arithmetic, bare_segments, block_wordings
from extractors.cfdi_pdf_figures import parse_money, subtotal_from_lines
from extractors.cfdi_pdf_lines import BARE_MERCANCIA_COLUMNS, read_conceptos
from extractors.cfdi_pdf_parties import party_name, repaired_rfc
from extractors.pipeline import extract
from extractors.result import ResultBuilder
from extractors.text import Word
from tests.synth.draw import BOLD, MONO, Sheet


@dataclass
class W:
    text: str


def _texts(found: dict[str, list[Any]]) -> dict[str, str]:
    return {key: " ".join(word.text for word in words) for key, words in found.items()}


@pytest.mark.parametrize(
    ("line", "figures"),
    [
        ("UNIDAD: H87 120 x 1.25 = 150.00", ("120", "1.25", "150.00")),
        ("2,506.00 X 20.91 = 52,400.46", ("2,506.00", "20.91", "52,400.46")),
        # without the "=" the figures must agree, the unit value rounded to the cent
        ("3 × 33.33 100.00", ("3", "33.33", "100.00")),
        ("4,872 * 70.16 341,819.52", ("4,872", "70.16", "341,819.52")),
    ],
)
def test_a_receipts_quantity_times_unit_value_gives_the_figures(line: str, figures: tuple[str, str, str]) -> None:
    found = _texts(arithmetic([W(text) for text in line.split()]))
    assert (found["quantity"], found["unit_price"], found["amount"]) == figures


@pytest.mark.parametrize(
    "line",
    ["3 x 2.00 7.00", "CAJA 40 x 30 CM", "MEDIDA 2 x 4", "TOTAL = 150.00", "x 1.25 = 150.00"],
)
def test_figures_that_do_not_agree_or_a_size_are_no_receipt_line(line: str) -> None:
    assert arithmetic([W(text) for text in line.split()]) == {}


def _bare(line: str) -> dict[str, str]:
    return _texts(bare_segments([W(text) for text in line.split()], block_wordings(BARE_MERCANCIA_COLUMNS)))


def test_a_mercancia_line_of_labels_without_colons() -> None:
    assert _bare("FRACC 8544.42.99 CANT 1,200.000 UM 06 USD 150.00") == {
        "tariff_code": "8544.42.99",
        "customs_quantity": "1,200.000",
        "customs_unit": "06",
        "usd_value": "150.00",
    }
    assert _bare("Fracción 85371099 Cantidad 12 Valor 18.00")["usd_value"] == "18.00"


@pytest.mark.parametrize(
    "line",
    [
        "CABLE FRACC 85444999 CANT 12",  # a label that does not open the line
        "FRACC 85444999 CANT DOCE",  # a value without a figure
        "FRACC 85444999",  # one label alone
        "VALOR AGREGADO DEL PRODUCTO",
    ],
)
def test_a_line_that_only_holds_label_words_is_not_split(line: str) -> None:
    assert _bare(line) == {}


@pytest.mark.parametrize(
    "printed",
    ["601 General de Ley Personas Morales", "612 - Personas Físicas con Actividades Empresariales", "626 Régimen"],
)
def test_a_tax_regime_is_no_name(printed: str) -> None:
    assert party_name(printed) is None


@pytest.mark.parametrize("printed", ["3M MEXICO S.A. DE C.V.", "7-ELEVEN MEXICO S.A. DE C.V.", "GRUPO 601 SA"])
def test_a_name_with_figures_is_still_a_name(printed: str) -> None:
    assert party_name(printed) is not None


def _page(texts: list[str]) -> layout.PageLayout:
    words = []
    x = 10.0
    for text in texts:
        words.append(Word(text, x, 10.0, x + 5 * len(text), 18.0, 1.0))
        x += 5 * len(text) + 4
    return layout.layouts([_PageStub(words)])[0]


@dataclass
class _PageStub:
    words: list[Word]
    number: int = 1
    width: float = 612.0
    height: float = 792.0
    text: str = ""


def test_a_capitalised_word_run_onto_an_abbreviation_is_split() -> None:
    page = _page(["COMPONENTES", "S.A.", "DE", "C.V.Serie", "y", "Folio:", "No.Parte"])
    _unglue(page)
    texts = [word.text for word in page.lines[0].words]
    assert texts == ["COMPONENTES", "S.A.", "DE", "C.V.", "Serie", "y", "Folio:", "No.Parte"]
    assert page.lines[0].tokens[3:5] == ["CV", "SERIE"]
    first, second = page.lines[0].words[3:5]
    assert first.x1 == second.x0 and first.x0 < first.x1 < second.x1


def _receipt(path: Path, wide_gap: float) -> None:
    """A kiosk receipt: labels left, values flush right in a narrow column, conceptos as lines of figures."""
    s = Sheet(path, title="CFDI")
    left, right = 60.0, 60.0 + wide_gap
    row = iter(range(40, 400, 9))

    def pair(label: str, value: str) -> None:
        y = next(row)
        s.text(left, y, label, font=MONO, size=6.5)
        s.right(right, y, value, font=MONO, size=6.5)

    def line(text: str) -> None:
        s.text(left, next(row), text, font=MONO, size=6.5)

    s.centre((left + right) / 2, next(row), "TALLERES UNIDOS DEL NORTE S.A. DE C.V.", font=BOLD, size=7)
    s.centre((left + right) / 2, next(row), "RFC: TUN0305123K7", font=MONO, size=6.5)
    line("=" * 40)
    line("UUID")
    line("5E4F3C21-0A9B-4C7D-8E6F-1A2B3C4D5E6F")
    pair("SERIE-FOLIO:", "B-7781")
    pair("FECHA:", "2025-01-15T09:10:11")
    pair("TIPO:", "E")
    pair("VER:", "4.0")
    line("=" * 40)
    line("CLIENTE")
    line("ACME WIRE & CABLE LLC")
    pair("RFC:", "XEXX010101000")
    line("=" * 40)
    line("(25174200) AB-12 ARNES DE CABLES")
    line("CON CONECTORES")
    y = next(row)
    s.text(left, y, "UNIDAD: H87", font=MONO, size=6.5)
    s.right(right, y, "10 x 3.50 = 35.00", font=MONO, size=6.5)
    line("FRACCION 85443002 CANTIDAD 10 UMA 06 VALOR 35.00")
    line("(26121600) CX-900 CABLE COAXIAL")
    y = next(row)
    s.text(left, y, "UNIDAD: KGM", font=MONO, size=6.5)
    s.right(right, y, "2.5 x 4.00 = 10.00", font=MONO, size=6.5)
    line("FRACCION 85442001 CANTIDAD 2.5 UMA 01 VALOR 10.00")
    line("=" * 40)
    pair("SUBTOTAL", "45.00")
    pair("TOTAL", "45.00")
    s.save()


@pytest.mark.parametrize("width", [200.0, 300.0])
def test_a_receipt_reads_its_header_and_conceptos(tmp_path: Path, width: float) -> None:
    path = tmp_path / "receipt.pdf"
    _receipt(path, width)
    result = extract(path, media_type="application/pdf")
    fields = {key: cell["value"] for key, cell in result["fields"].items()}
    assert (fields["series"], fields["folio"]) == ("B", "7781")
    assert (fields["issue_date"], fields["cfdi_type"], fields["cfdi_version"]) == ("2025-01-15", "E", "4.0")
    assert fields["receiver_rfc"] == "XEXX010101000"
    assert result["fields"]["receiver_rfc"]["confidence"] >= 0.9
    lines = [{k: c["value"] for k, c in line.items()} for line in result["lines"]]
    assert [(ln["product_key"], ln["part_number"], ln["description"]) for ln in lines] == [
        ("25174200", "AB-12", "ARNES DE CABLES CON CONECTORES"),
        ("26121600", "CX-900", "CABLE COAXIAL"),
    ]
    assert [(ln["unit"], ln["quantity"], ln["unit_price"], ln["amount"]) for ln in lines] == [
        ("H87", 10.0, 3.5, 35.0),
        ("KGM", 2.5, 4.0, 10.0),
    ]
    assert [(ln["tariff_code"], ln["customs_quantity"], ln["customs_unit"], ln["usd_value"]) for ln in lines] == [
        ("85443002", 10.0, "06", 35.0),
        ("85442001", 2.5, "01", 10.0),
    ]


def test_a_value_far_right_of_a_label_with_nothing_else_aligned_is_not_taken(tmp_path: Path) -> None:
    """A wide page: "Fecha:" alone at the left and a date far right that ends where no other row ends is no
    flush-right pair (it may belong to another column)."""
    path = tmp_path / "wide.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 40, "Fecha:", size=8)
    s.text(400, 40, "2024-03-12", size=8)
    s.text(30, 60, "Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=8)
    s.save()
    fields = extract(path, media_type="application/pdf")["fields"]
    assert fields.get("issue_date", {}).get("confidence", 0.0) < 0.9


@pytest.mark.parametrize(
    ("printed", "uuid"),
    [
        ("TBDOB09C-C6FE-4DEC-A59E-E7FF3725A82C", "7BD0B09C-C6FE-4DEC-A59E-E7FF3725A82C"),
        ("7BD0B09C-C6FE-4DEC-AS9E-E7FF3725A82C", "7BD0B09C-C6FE-4DEC-A59E-E7FF3725A82C"),
        ("81B6G507-61FF-4F8D-939E-Z14171725640", "81B66507-61FF-4F8D-939E-214171725640"),
    ],
)
def test_a_folio_fiscal_with_ocrs_letters_for_digits(printed: str, uuid: str) -> None:
    parsed = _uuid(printed)
    assert parsed is not None and parsed[0] == uuid


@pytest.mark.parametrize("printed", ["RE.C.: AGEI30127HA2", "R.F.C. AGE130127HA2 Régimen", "XEXX010101000"])
def test_a_line_holding_an_rfc_is_no_name(printed: str) -> None:
    assert party_name(printed) is None


def test_an_rfc_ocr_broke_is_put_back_only_when_its_check_digit_holds() -> None:
    assert repaired_rfc("RE.C.: AGEI30127HA2 Fecha de Emisión:") == ("AGE130127HA2", "AGEI30127HA2")
    assert repaired_rfc("RE.C.: AGEI30127HA3") is None  # the check digit fails: no RFC
    assert repaired_rfc("7BD0B09C-C6FE-4DEC-A59E-E7FF3725A82C") is None


@pytest.mark.parametrize(
    ("printed", "date"),
    [("2024-02-23116:26:37", "2024-02-23"), ("2024-02-23l16:26:37", "2024-02-23"), ("23/02/2024", "2024-02-23")],
)
def test_an_iso_date_time_whose_t_ocr_misread(printed: str, date: str) -> None:
    parsed = _date(printed)
    assert parsed is not None and parsed[0] == date


def _parties(path: Path, *, emisor_rfc: str, with_heading: bool = True) -> None:
    """Party blocks one under the other, their headings in one column a point or two apart (as OCR places
    them), the issuer's RFC label misread."""
    s = Sheet(path, title="CFDI")
    s.text(30, 40, "TALLERES UNIDOS DEL NORTE S.A. DE C.V.", font=BOLD, size=10)
    s.text(30.5, 60, "EMISOR", font=BOLD, size=8)
    s.text(36, 70, f"RE.C.: {emisor_rfc}", size=8)
    s.text(36, 80, "Régimen Fiscal: 601 General de Ley Personas Morales", size=8)
    if with_heading:
        s.text(30, 96, "RECEPTOR", font=BOLD, size=8)
        s.text(36, 106, "Nombre: ACME WIRE & CABLE LLC", size=8)
    else:
        s.text(36, 106, "ACME WIRE & CABLE LLC", size=8)
    s.text(36, 116, "RFC: XEXX010101000", size=8)
    s.text(30, 140, "Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=8)
    s.save()


def test_party_blocks_one_under_the_other(tmp_path: Path) -> None:
    path = tmp_path / "parties.pdf"
    _parties(path, emisor_rfc="AGEI30127HA2")
    fields = extract(path, media_type="application/pdf")["fields"]
    assert fields["issuer_name"]["value"] == "TALLERES UNIDOS DEL NORTE S.A. DE C.V."
    assert fields["receiver_name"]["value"] == "ACME WIRE & CABLE LLC"
    assert fields["receiver_rfc"]["value"] == "XEXX010101000"
    # the issuer's RFC is put back from the panel (not taken from the receiver's below); the one letter read in
    # its date digits can only be a 1 and the check digit holds, so no person need confirm it (review_confirm)
    assert fields["issuer_rfc"]["value"] == "AGE130127HA2"
    assert fields["issuer_rfc"]["confidence"] >= 0.9


def test_a_name_right_above_its_rfc_when_the_heading_was_lost(tmp_path: Path) -> None:
    path = tmp_path / "noheading.pdf"
    _parties(path, emisor_rfc="AGE130127HA2", with_heading=False)
    fields = extract(path, media_type="application/pdf")["fields"]
    assert fields["receiver_name"]["value"] == "ACME WIRE & CABLE LLC"
    assert fields["receiver_name"]["confidence"] < 0.9


def test_the_folio_after_the_series_when_no_folio_label_was_read(tmp_path: Path) -> None:
    path = tmp_path / "series.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 40, "Serie: EXP 69523", size=8)
    s.text(30, 60, "Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=8)
    s.save()
    fields = extract(path, media_type="application/pdf")["fields"]
    assert (fields["series"]["value"], fields["folio"]["value"]) == ("EXP", "69523")


@pytest.mark.parametrize("printed", ["GREAT LAKES WIRE £ CABLE LLC", "GREAT LAKES WIRE 8 CABLE LLC"])
def test_an_ampersand_ocr_misread_between_words(printed: str) -> None:
    parsed = party_name(printed)
    assert parsed is not None and parsed[0] == "GREAT LAKES WIRE & CABLE LLC"


@pytest.mark.parametrize(("printed", "version"), [("Versión CFDI: 3:3", "3.3"), ("VER: 4,0", "4.0"), ("4.0", "4.0")])
def test_the_version_with_ocrs_colon_for_its_point(printed: str, version: str) -> None:
    parsed = _version(printed)
    assert parsed is not None and parsed[0] == version


def test_no_version_in_a_page_number() -> None:
    assert _version("Página 1 de 2") is None


def test_the_subtotal_from_the_conceptos_when_they_add_up_to_the_total() -> None:
    lines = [{"amount": {"value": 5457.10}}, {"amount": {"value": 22103.41}}]
    fields = {"total": {"value": 27560.51}, "subtotal": {"value": 21156051.0}}
    assert subtotal_from_lines(fields, lines) == pytest.approx(27560.51)
    assert subtotal_from_lines({**fields, "subtotal": {"value": 27560.51}}, lines) is None  # already agrees
    assert subtotal_from_lines({**fields, "total": {"value": 31970.19}}, lines) is None  # taxes between them
    assert subtotal_from_lines(fields, [*lines, {"quantity": {"value": 3}}]) is None  # a concepto's amount unread


def test_the_sign_ocr_ran_into_the_unit_value() -> None:
    words = [
        Word(text, 10.0 * k, 10.0, 10.0 * k + 8, 18.0, 0.9)
        for k, text in enumerate(["2,528.000", "x.14.91", "=", "37,692.48"])
    ]
    found = _texts(arithmetic(words))
    assert (found["quantity"], found["unit_price"], found["amount"]) == ("2,528.000", "14.91", "37,692.48")


@pytest.mark.parametrize(("printed", "value"), [("2;528.000", 2528.0), ("12,525:20", 12525.2), ("1:234,56", 1234.56)])
def test_ocrs_colon_is_a_thousands_separator_or_the_point_by_its_place(printed: str, value: float) -> None:
    parsed = parse_money(printed)
    assert parsed is not None and parsed[0] == pytest.approx(value)


@pytest.mark.parametrize("printed", ["57, LOS, 83", "57,LOS,83"])
def test_the_head_of_a_figure_ocr_broke_is_no_total(printed: str) -> None:
    assert _amount(printed) is None


@pytest.mark.parametrize(
    ("printed", "value"), [("1,234.56, IVA incluido", 1234.56), ("150.00 USD", 150.0), ("150", 150.0)]
)
def test_a_total_as_printed(printed: str, value: float) -> None:
    parsed = _amount(printed)
    assert parsed is not None and parsed[0] == value


def _ocr_page(rows: list[str]) -> layout.PageLayout:
    """A scanned page (OCR's confidence below 1) with one row of words per line, 12 points apart."""
    words = []
    for index, row in enumerate(rows):
        x = 40.0
        for text in row.split():
            words.append(Word(text, x, 40.0 + 12 * index, x + 5 * len(text), 47.0 + 12 * index, 0.9))
            x += 5 * len(text) + 5
    return layout.layouts([_PageStub(words)])[0]


def test_a_concepto_whose_figures_ocr_broke_takes_them_from_its_mercancia() -> None:
    page = _ocr_page(
        [
            "43201800 M52414-8 DISPOSITIVO MEDICO PARA INFUSION",
            "UNIDAD: H87 2,662 :00% 2.05 =:5+ 457.10",
            "FRACC 90189099 CANT 2,662.00 UM 06 USD 5,457.10",
        ]
    )
    out = ResultBuilder()
    out.set("currency", "USD", 0.9)
    read_conceptos(out, [page])
    (line,) = [{key: cell["value"] for key, cell in line.items()} for line in out.lines]
    assert (line["product_key"], line["part_number"], line["unit"]) == ("43201800", "M52414-8", "H87")
    assert (line["quantity"], line["unit_price"], line["amount"]) == (2662.0, 2.05, 5457.10)
    assert out.lines[0]["quantity"]["confidence"] < 0.9  # rebuilt: a person confirms it


def test_on_a_text_layer_a_unit_line_without_figures_is_no_concepto() -> None:
    page = _ocr_page(["43201800 M52414-8 DISPOSITIVO MEDICO", "UNIDAD: H87", "FRACC 90189099 CANT 12 UM 06 USD 5.00"])
    page.ocr = False
    out = ResultBuilder()
    read_conceptos(out, [page])
    assert out.lines == []


def test_a_printout_labelled_in_english(tmp_path: Path) -> None:
    """A maquiladora's printout for a foreign customer: the same fields and columns under English labels."""
    path = tmp_path / "english.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 40, "PRECISION HARNESS DE MEXICO S.A. DE C.V.", font=BOLD, size=11)
    s.text(30, 52, "Tax ID (RFC): PHM0912153A8", size=8)
    s.text(360, 40, "Invoice No.: INV-88123", size=8)
    s.text(360, 50, "Fiscal Folio (UUID): 5E4F3C21-0A9B-4C7D-8E6F-1A2B3C4D5E6F", size=7)
    s.text(360, 60, "Issue Date: 2025-03-14 10:22:01", size=8)
    s.text(360, 70, "Voucher Type: Income", size=8)
    s.text(360, 80, "CFDI Version: 4.0", size=8)
    s.text(30, 80, "Bill To:", font=BOLD, size=8)
    s.text(30, 90, "NORTHERN AUTO PARTS INC", size=8)
    s.text(30, 100, "RFC: XEXX010101000   Tax ID: 98-7654321", size=8)
    s.text(30, 116, "Currency: USD   Exchange Rate: 17.2345", size=8)
    columns = [(60, "r"), (70, "l"), (110, "l"), (180, "l"), (240, "l"), (500, "r"), (580, "r")]
    table: list[tuple[str, ...]] = [
        ("Qty", "Unit", "Part No.", "SAT Code", "Description", "Unit Price", "Amount"),
        ("120", "H87", "PH-1001", "26121600", "WIRE HARNESS ASSY 12 POS", "1.25", "150.00"),
        ("40", "H87", "PH-2002", "39121000", "CONNECTOR KIT", "3.50", "140.00"),
    ]
    for k, row in enumerate(table):
        for (x, align), cell in zip(columns, row, strict=True):
            (s.right if align == "r" else s.text)(x, 140 + 12 * k, cell, font=BOLD if k == 0 else "Helvetica", size=8)
    s.text(450, 190, "Subtotal:", size=8)
    s.right(580, 190, "290.00", size=8)
    s.text(450, 210, "Total:", size=8)
    s.right(580, 210, "290.00", size=8)
    s.text(30, 240, "FOREIGN TRADE COMPLEMENT", font=BOLD, size=8)
    columns = [(30, "l"), (130, "l"), (260, "r"), (280, "l"), (400, "r")]
    table = [
        ("Part No.", "HS Code", "Customs Qty", "Customs Unit", "USD Value"),
        ("PH-2002", "8536.69.99", "40", "06", "140.00"),
        ("PH-1001", "8544.30.02", "120", "06", "150.00"),
    ]
    for k, row in enumerate(table):
        for (x, align), cell in zip(columns, row, strict=True):
            (s.right if align == "r" else s.text)(x, 252 + 12 * k, cell, font=BOLD if k == 0 else "Helvetica", size=8)
    s.save()
    result = extract(path, media_type="application/pdf")
    fields = {key: cell["value"] for key, cell in result["fields"].items()}
    assert fields["uuid"] == "5E4F3C21-0A9B-4C7D-8E6F-1A2B3C4D5E6F"
    assert (fields["series"], fields["folio"], fields["issue_date"]) == ("INV", "88123", "2025-03-14")
    assert (fields["cfdi_type"], fields["currency"], fields["exchange_rate"]) == ("I", "USD", 17.2345)
    assert (fields["receiver_name"], fields["receiver_rfc"]) == ("NORTHERN AUTO PARTS INC", "XEXX010101000")
    assert fields["issuer_rfc"] == "PHM0912153A8"
    lines = [{k: c["value"] for k, c in line.items()} for line in result["lines"]]
    assert [(ln["part_number"], ln["product_key"], ln["quantity"], ln["unit_price"]) for ln in lines] == [
        ("PH-1001", "26121600", 120.0, 1.25),
        ("PH-2002", "39121000", 40.0, 3.5),
    ]
    # joined on the part number, not on the order of the rows
    assert [(ln["tariff_code"], ln["usd_value"]) for ln in lines] == [("85443002", 150.0), ("85366999", 140.0)]


@pytest.mark.parametrize(
    ("head", "tail"), [("5E4F3C21-0A9B-4C7D-", "8E6F-1A2B3C4D5E6F"), ("5E4F3C21", "-0A9B-4C7D-8E6F-1A2B3C4D5E6F")]
)
def test_a_folio_fiscal_wrapped_in_a_narrow_box(tmp_path: Path, head: str, tail: str) -> None:
    """The UUID's head at the end of a row and its tail starting under it, a line of the next column between."""
    path = tmp_path / "wrapped.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 40, "MAQUILAS DEL PACIFICO S.A. DE C.V.", font=BOLD, size=11)
    s.text(430, 40, "Folio fiscal:", font=BOLD, size=8)
    s.text(430, 50, head, size=8)
    s.text(30, 52, "RFC: MNO900101AB1", size=8)
    s.text(430, 60, tail, size=8)
    s.text(430, 72, "Versión CFDI: 4.0", size=8)
    s.save()
    fields = extract(path, media_type="application/pdf")["fields"]
    assert fields["uuid"]["value"] == "5E4F3C21-0A9B-4C7D-8E6F-1A2B3C4D5E6F"


def test_two_codes_one_under_the_other_are_no_wrapped_uuid(tmp_path: Path) -> None:
    path = tmp_path / "codes.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 40, "Versión CFDI: 4.0", size=8)
    s.text(30, 50, "5E4F3C21-", size=8)
    s.text(30, 60, "8E6F-1A2B", size=8)
    s.save()
    assert "uuid" not in extract(path, media_type="application/pdf")["fields"]


@pytest.mark.parametrize(
    ("printed", "folio"), [("47733", "47733"), ("E-94260", "E-94260"), ("FE 47733", "47733"), ("A12B-7", "A12B-7")]
)
def test_a_folio_holds_a_digit(printed: str, folio: str) -> None:
    parsed = _folio(printed)
    assert parsed is not None and parsed[0] == folio


@pytest.mark.parametrize("printed", ["y", "Fiscal", "y Folio:"])
def test_a_joining_word_or_a_label_word_is_no_folio(printed: str) -> None:
    assert _folio(printed) is None


@pytest.mark.parametrize("row", ["Folio: FE 47733", "Folio y Folio: FE 47733"])
def test_the_series_printed_before_the_folio_under_its_label(tmp_path: Path, row: str) -> None:
    path = tmp_path / "folio.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 40, row, size=8)
    s.text(30, 60, "Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=8)
    s.save()
    fields = extract(path, media_type="application/pdf")["fields"]
    assert (fields["series"]["value"], fields["folio"]["value"]) == ("FE", "47733")


@pytest.mark.parametrize(
    ("line", "unit"), [("3 PZA x 1.25 = 3.75", "PZA"), ("2.5 KG x 4.00 10.00", "KG"), ("12 H87 x 2.00 = 24.00", "H87")]
)
def test_a_unit_between_the_quantity_and_the_sign(line: str, unit: str) -> None:
    found = _texts(arithmetic([W(text) for text in line.split()]))
    assert found["unit"] == unit and found["quantity"] == line.split()[0]


@pytest.mark.parametrize(
    "name",
    [
        "GRUPO INDUSTRIAL DEL NORTE S.A.B. DE C.V.",
        "SERVICIOS LOGISTICOS S.A.S.",
        "FUNDACION TECNICA A.C.",
        "ENSAMBLES DEL NORTE S. DE R.L. DE C.V.",
        "MAQUILAS SA DE CV",
    ],
)
def test_a_letterhead_ending_in_a_legal_form_is_the_issuer(tmp_path: Path, name: str) -> None:
    path = tmp_path / "letterhead.pdf"
    s = Sheet(path, title="CFDI")
    s.text(30, 40, name, font=BOLD, size=10)
    s.text(30, 60, "Folio fiscal: D564F979-E564-4EE2-96A7-EF1AB41F70A9", size=8)
    s.save()
    assert extract(path, media_type="application/pdf")["fields"]["issuer_name"]["value"] == name


def test_a_certificate_number_is_no_series() -> None:
    assert _series("06770425357228788343") is None
    parsed = _series("EXP")
    assert parsed is not None and parsed[0] == "EXP"
