"""What OCR breaks on a CFDI printout, put back by the CFDI's own rules: attribute names a letter off, a row split
in two lines or a word boxed into the next, a label run into its figure, a figure dropped from a line of labels,
an RFC split in two, the certifier's RFC under its label, a concepto's quantity its mercancía witnesses, a word's
accent OCR put on now and then, and a folio fiscal labelled "UUID" alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from extractors import layout
from extractors.cfdi_pdf import (
    _inferred_when_unread,
    _kind,
    _mend_split_rows,
    _mend_stray_words,
    _rfc_zero_for_o,
    _rival_uuid,
    _uuid_printed_twice,
)
from extractors.cfdi_pdf_attributes import signed_pairs
from extractors.cfdi_pdf_blocks import bare_segments, block_wordings, read_labelled_mercancias
from extractors.cfdi_pdf_figures import REPAIRED, confirm_unit_value, reconcile_customs_quantity, repair_figures
from extractors.cfdi_pdf_labels import LABELS
from extractors.cfdi_pdf_lines import (
    BARE_MERCANCIA_COLUMNS,
    MERCANCIA_COLUMNS,
    MERCANCIA_PARSERS,
    accents_by_majority,
    drop_positions,
    unglue_label_figures,
)
from extractors.cfdi_pdf_parties import certifier_rfcs, issuer_from_letterhead, names_cut_short, rfc_value
from extractors.layout import Line, PageLayout
from extractors.pipeline import REVIEW_THRESHOLD
from extractors.result import ResultBuilder


@dataclass
class Word:
    text: str
    x0: float = 0.0
    x1: float = 10.0
    top: float = 0.0
    bottom: float = 7.0
    confidence: float = 1.0


def cell(value: Any, confidence: float = 0.9, raw: str | None = None) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "page": 1, "bbox": None, "raw": raw or str(value)}


def _names(text: str, fuzzy: bool) -> list[str]:
    return [pair.name for pair in signed_pairs([Word(part) for part in text.split()], fuzzy)]


def test_an_attribute_name_ocr_misread_by_a_letter_is_known_on_a_scan_only() -> None:
    assert _names("ClaveProdServ:26121600 Noldentificacion: PN-9", fuzzy=True) == [
        "CLAVEPRODSERV",
        "NOIDENTIFICACION",
    ]
    assert _names("Noldentificacion: PN-9", fuzzy=False) == ["NOLDENTIFICACION"]


def test_the_effect_label_names_the_type() -> None:
    assert "EFECTO" in LABELS["cfdi_type"]
    parsed = _kind(" Ingreso")
    assert parsed is not None and parsed[0] == "I"


def test_an_rfc_ocr_split_in_two_is_joined_when_its_check_digit_holds() -> None:
    parsed = rfc_value("JST8703258W 1 Serie y folio")
    assert parsed is not None and parsed[0] == "JST8703258W1"
    assert rfc_value("JST8703258W 7 Serie") is None  # the check digit fails: two words, no RFC


def test_the_certifiers_rfc_under_its_label_or_in_the_stamps_chain() -> None:
    assert certifier_rfcs("RfcProvCertif: LSO1306189R5\nNoCertificadoSAT: 1") == {"LSO1306189R5"}
    assert certifier_rfcs("RFC del PAC: SPR190613I52") == {"SPR190613I52"}
    assert certifier_rfcs("||1.1|5C13AAB8-34F1-4A79-B7DB-0D5F61FC3EF3|2024-03-08T16:58:54|SPR190613I52|x||") == {
        "SPR190613I52"
    }
    assert certifier_rfcs("RFC: JST8703258W1") == set()


def test_the_certifiers_rfc_after_the_stamping_time_ocr_spaced() -> None:
    chain = "II1.1192E2DB28-0788-4370-9F 05-0348DB69C52D|2024-06-14T1 1:1 4:49|SAT970701NN3|obDzwDI1gPzhC|"
    assert certifier_rfcs(chain) == {"SAT970701NN3"}
    # the comprobante's own chain puts its payment form after the date, no RFC
    assert certifier_rfcs("||4.0|A|1472|2024-06-14T11:14:49|01|00001000000504465028|") == set()


def test_a_uuid_printed_alone_has_no_rival() -> None:
    uuid = "5C13AAB8-34F1-4A79-B7DB-0D5F61FC3EF3"
    assert not _rival_uuid(f"UUID: {uuid}\n||1.1|{uuid}|2024", uuid)
    assert _rival_uuid(f"UUID: {uuid}\nUUID relacionado: 1B36E73E-2F48-49C5-81FA-A06179D0DD8A", uuid)


def test_a_quantity_misread_is_the_customs_quantity_that_makes_the_amount() -> None:
    line = {
        "quantity": cell(3112.0),
        "unit": cell("H87"),
        "unit_price": cell(69.89),
        "amount": cell(221691.08),
        "customs_quantity": cell(3172.0),
        "customs_unit": cell("06"),
        "usd_value": cell(221691.08),
    }
    repair_figures(line, usd=True)
    assert line["quantity"]["value"] == 3172.0 and line["quantity"]["confidence"] == REPAIRED
    kilos = {**line, "quantity": cell(3112.0), "unit": cell("KGM")}
    repair_figures(kilos, usd=True)  # kilograms and pieces count different things: no witness
    assert kilos["quantity"]["value"] == 3112.0


def test_a_customs_quantity_printed_with_three_decimals_confirms_both_units() -> None:
    line = {
        "quantity": cell(188.0),
        "unit": cell("H87", 0.72),
        "customs_quantity": cell(188000.0, raw="188.000"),
        "customs_unit": cell("06", 0.68),
    }
    reconcile_customs_quantity(line)
    assert line["customs_quantity"]["value"] == 188.0
    assert line["unit"]["confidence"] >= 0.9 and line["customs_unit"]["confidence"] >= 0.9


def _counted(customs: float, raw: str, price: float = 28.45, unit: str = "H87") -> dict[str, Any]:
    return {
        "quantity": cell(1115.0),
        "unit": cell(unit),
        "unit_price": cell(price),
        "amount": cell(31721.75),
        "customs_quantity": cell(customs, raw=raw),
        "customs_unit": cell("06"),
    }


def test_a_customs_quantity_that_lost_a_digit_is_the_witnessed_quantity() -> None:
    line = _counted(111000.0, "111.000")
    reconcile_customs_quantity(line)
    assert line["customs_quantity"]["value"] == 1115.0 and line["customs_quantity"]["confidence"] == REPAIRED


@pytest.mark.parametrize(
    "line",
    [
        _counted(111000.0, "111.000", price=30.0),  # the concepto's arithmetic does not witness its quantity
        _counted(111000.0, "111.000", unit="KGM"),  # kilograms and pieces count different things
        _counted(1125.0, "1125.000"),  # another figure, no digit lost
    ],
)
def test_a_customs_quantity_that_differs_otherwise_stays_as_read(line: dict[str, Any]) -> None:
    read = line["customs_quantity"]["value"]
    reconcile_customs_quantity(line)
    assert line["customs_quantity"]["value"] == read


def _line(*words: tuple[str, float, float, float]) -> Line:
    placed = [Word(text, x0=x0, x1=x1, top=top, bottom=top + 5.3) for text, x0, x1, top in words]
    return Line(words=placed, top=min(w.top for w in placed), bottom=max(w.bottom for w in placed))


def test_a_row_the_line_grouping_split_is_one_line_again() -> None:
    """ "Serie" on one line and "y folio: FE" on the next, a point and a half lower, side by side."""
    upper = _line(("R.F.C.:", 108, 129, 43.1), ("TAK160301EB4", 132, 182, 43.0), ("Serie", 414, 431, 44.7))
    lower = _line(("y", 433, 437, 45.9), ("folio:", 439, 455, 44.6), ("FE", 460, 468, 44.6))
    below = _line(("Régimen", 108, 135, 54.0), ("fiscal:", 138, 155, 54.0))
    page = PageLayout(1, 612, 792, [upper, lower, below], ocr=True)
    _mend_split_rows(page)
    assert [" ".join(w.text for w in line.words) for line in page.lines] == [
        "R.F.C.: TAK160301EB4 Serie y folio: FE",
        "Régimen fiscal:",
    ]


def test_rows_one_under_the_other_or_words_over_each_other_stay_apart() -> None:
    first = _line(("Cantidad", 30, 60, 100.0), ("Importe", 300, 330, 100.0))
    overlapping = _line(("Pieza", 50, 70, 101.0))  # over "Cantidad": another row's word, not this one's
    page = PageLayout(1, 612, 792, [first, overlapping], ocr=True)
    _mend_split_rows(page)
    assert len(page.lines) == 2


@pytest.mark.parametrize("printed", ["TipoDeComprobante: 1", "Tipo de comprobante: l  Moneda: USD", "Efecto: |"])
def test_on_a_scan_the_type_key_read_as_one_stroke_is_an_ingreso(printed: str) -> None:
    out = ResultBuilder()
    out.set("total", 1500.0, 0.9)
    _inferred_when_unread(out, f"Comprobante\n{printed}\nTotal: 1500.00", scanned=True)
    assert out.fields["cfdi_type"]["value"] == "I"
    assert out.fields["cfdi_type"]["confidence"] >= REVIEW_THRESHOLD


@pytest.mark.parametrize("printed", ["TipoDeComprobante: 12", "Tipo de comprobante:\n1 Pieza", "Folio: 1"])
def test_on_a_scan_another_figure_there_settles_no_type(printed: str) -> None:
    out = ResultBuilder()
    out.set("total", 1500.0, 0.9)
    _inferred_when_unread(out, f"{printed}\nTotal: 1500.00", scanned=True)
    assert out.fields["cfdi_type"]["confidence"] < REVIEW_THRESHOLD


def test_a_word_read_with_an_accent_now_and_then_takes_the_spelling_most_readings_have() -> None:
    lines = [
        {"description": cell("DISPOSITIVO MEDICO PARA INFUSION")},
        {"description": cell("DISPOSITIVO MÉDICO PARA INFUSION")},
        {"description": cell("EQUIPO MEDICO DESECHABLE")},
        {"description": cell("TABLERO ELECTRÓNICO")},
        {"description": cell("TABLERO ELECTRONICO")},
    ]
    accents_by_majority(lines)
    assert [line["description"]["value"] for line in lines] == [
        "DISPOSITIVO MEDICO PARA INFUSION",
        "DISPOSITIVO MEDICO PARA INFUSION",
        "EQUIPO MEDICO DESECHABLE",
        "TABLERO ELECTRÓNICO",  # one reading each way: no majority, both stay as read
        "TABLERO ELECTRONICO",
    ]


def test_a_short_word_boxed_into_the_next_row_goes_back_to_the_gap_it_fills() -> None:
    """The "y" of "Serie y folio", boxed lower than its capitals, that the grouping gave to the row below."""
    upper = _line(("R.F.C.:", 108, 129, 43.0), ("Serie", 414, 431, 43.2), ("folio:", 439, 455, 43.0))
    lower = _line(("LOGO", 50, 76, 50.9), ("y", 433, 437, 46.5))
    page = PageLayout(1, 612, 792, [upper, lower], ocr=True)
    _mend_stray_words(page)
    assert [" ".join(w.text for w in line.words) for line in page.lines] == ["R.F.C.: Serie y folio:", "LOGO"]


def test_a_word_of_the_next_row_under_a_gap_stays_there() -> None:
    upper = _line(("Cantidad", 30, 60, 100.0), ("Importe", 300, 330, 100.0))
    lower = _line(("12", 100, 108, 110.0))  # under the gap, but a row lower
    page = PageLayout(1, 612, 792, [upper, lower], ocr=True)
    _mend_stray_words(page)
    assert [len(line.words) for line in page.lines] == [2, 1]


def test_a_label_word_run_into_its_figure_is_two_words_again() -> None:
    line = _line(("U.M.", 100, 115, 50.0), ("aduana06", 117, 145, 50.0), ("FG1234", 150, 175, 50.0))
    page = PageLayout(1, 612, 792, [line], ocr=True)
    unglue_label_figures(page)
    assert [w.text for w in page.lines[0].words] == ["U.M.", "aduana", "06", "FG1234"]  # a code stays whole


def test_a_mercancia_line_whose_faint_figure_ocr_dropped_still_reads() -> None:
    words = [
        Word(text)
        for text in [
            "Fracción",
            "94054199",
            "Cant.",
            "aduana",
            "1288.000",
            "U.M.",
            "aduana",
            "Valor",
            "dólares",
            "31,066.56",
        ]
    ]
    found = bare_segments(words, block_wordings(BARE_MERCANCIA_COLUMNS))
    assert {key: " ".join(w.text for w in ws) for key, ws in found.items()} == {
        "tariff_code": "94054199",
        "customs_quantity": "1288.000",
        "usd_value": "31,066.56",
    }


def test_a_mercancia_line_of_bare_labels_with_a_colon_ocr_put_in() -> None:
    text = "Fracción 94054199 Cant. aduana 1791.000 U.M. aduana 06 Valor unit: aduana 26.07 Valor dólares 46,691.37"
    line = _line(*((part, 10.0 * k, 10.0 * k + 9, 50.0) for k, part in enumerate(text.split())))
    page = PageLayout(1, 612, 792, [line], ocr=True)
    (found,) = read_labelled_mercancias([page], MERCANCIA_COLUMNS, MERCANCIA_PARSERS, BARE_MERCANCIA_COLUMNS)
    assert (found["tariff_code"]["value"], found["customs_unit"]["value"], found["usd_value"]["value"]) == (
        "94054199",
        "06",
        46691.37,
    )


def test_a_period_a_speck_put_after_a_word_read_elsewhere_without_it() -> None:
    lines = [
        {"description": cell("FUENTE DE PODER PARA EQUIPO INDUSTRIAL.")},
        {"description": cell("FUENTE DE PODER PARA EQUIPO INDUSTRIAL")},
        {"description": cell("ARNES P/AUTO S.A.")},
        {"description": cell("ARNES P/AUTO S.A")},
    ]
    accents_by_majority(lines)
    assert [line["description"]["value"] for line in lines] == [
        "FUENTE DE PODER PARA EQUIPO INDUSTRIAL",
        "FUENTE DE PODER PARA EQUIPO INDUSTRIAL",
        "ARNES P/AUTO S.A.",  # an abbreviation (a period inside): no majority, both stay as read
        "ARNES P/AUTO S.A",
    ]


def _part_cells(parts: list[str], confidence: float, sure: int = -1) -> list[Any]:
    records = []
    for k, part in enumerate(parts):
        words = [Word(text, confidence=0.95 if k == sure else confidence) for text in part.split()]
        records.append(layout.Record(cells={"part_number": layout.Cell(words=words, page=1)}, page=1))
    return records


def test_positions_ocr_lost_or_misread_now_and_then_are_still_positions() -> None:
    parts = ["1. EX7663-7", "2 FG5962-5", "M1226-3", "4 FG6680-8", "5 EX2095-5", "6 EX5998-3", "7 M5926-8"]
    parts += ["8 M1532-4", "EX1887-3", "10 EX3593-9", "411. FG7878-7", "12 EX7484-8"]
    records = _part_cells(parts, 0.8)
    drop_positions(records)
    assert [record.text("part_number") for record in records] == [part.split()[-1] for part in parts]


@pytest.mark.parametrize(
    ("parts", "sure"),
    [
        (["1 M7926-7", "2 FG5105-3", "411 EX4522-6", "4 M1226-3"], 2),  # OCR was sure of it: no slip
        (["1 M7926-7", "FG5105-3", "3 EX4522-6"], -1),  # too few counting on
        (["1 M7926-7", "7 FG5105-3", "8 EX4522-6", "9 M1226-3"], -1),  # most do not count on
    ],
)
def test_numbers_that_do_not_count_on_stay_in_the_part_number(parts: list[str], sure: int) -> None:
    records = _part_cells(parts, 0.8, sure)
    drop_positions(records)
    assert [record.text("part_number") for record in records] == parts


@dataclass
class _PageStub:
    words: list[Any]
    number: int = 1
    width: float = 612.0
    height: float = 792.0
    text: str = ""


def _letterhead(line: str, ocr: bool = False) -> list[PageLayout]:
    words, x = [], 30.0
    for text in line.split():
        words.append(Word(text, x0=x, x1=x + 5 * len(text), top=30.0, bottom=38.0, confidence=0.9))
        x += 5 * len(text) + 4
    pages = layout.layouts([_PageStub(words)])
    for page in pages:
        page.ocr = ocr
    return pages


def _issuer(line: str, ocr: bool = False) -> dict[str, Any]:
    out = ResultBuilder()
    pages = _letterhead(line, ocr)
    issuer_from_letterhead(out, pages)
    names_cut_short(out, pages)
    return out.fields["issuer_name"]


def test_a_letterhead_name_whose_legal_form_goes_on_past_what_was_read_goes_to_review() -> None:
    cell = _issuer("ENSAMBLES DE REYNOSA S. DE R.L. DE C/WVerie")
    assert cell["value"] == "ENSAMBLES DE REYNOSA S. DE R.L." and cell["confidence"] < REVIEW_THRESHOLD


def test_a_letterhead_name_ending_in_its_whole_legal_form_is_read() -> None:
    cell = _issuer("ENSAMBLES DE REYNOSA S. DE R.L. DE C.V.")
    assert cell["value"] == "ENSAMBLES DE REYNOSA S. DE R.L. DE C.V." and cell["confidence"] >= REVIEW_THRESHOLD
    cell = _issuer("ENSAMBLES DE REYNOSA S.A. DE C.V. Factura")  # a title after the whole form: no cut
    assert cell["confidence"] >= REVIEW_THRESHOLD


def test_a_labelled_name_whose_form_ocr_broke_off_goes_to_review() -> None:
    out = ResultBuilder()
    raw = "ENSAMBLES DE REYNOSA S. DE RL."
    out.set("issuer_name", raw, 0.855, page=1, raw=raw)
    names_cut_short(out, _letterhead("Nombre: ENSAMBLES DE REYNOSA S. DE RL. CVs", ocr=True))
    assert out.fields["issuer_name"]["confidence"] < REVIEW_THRESHOLD


def test_a_unit_value_the_complements_arithmetic_witnesses_is_sure() -> None:
    line = {"usd_unit_value": cell(11.71, 0.61), "customs_quantity": cell(4074.0), "usd_value": cell(47706.54)}
    confirm_unit_value(line)
    assert line["usd_unit_value"]["confidence"] >= REVIEW_THRESHOLD


@pytest.mark.parametrize(
    "line",
    [
        # 141.29 × 3,001 is no 33,851.28: the unit value OCR doubted is not witnessed
        {"usd_unit_value": cell(141.29, 0.31), "customs_quantity": cell(3001.0), "usd_value": cell(33851.28)},
        # a customs quantity read unsurely vouches for nothing
        {"usd_unit_value": cell(11.71, 0.61), "customs_quantity": cell(4074.0, 0.6), "usd_value": cell(47706.54)},
    ],
)
def test_a_unit_value_not_witnessed_stays_in_doubt(line: dict[str, Any]) -> None:
    confirm_unit_value(line)
    assert line["usd_unit_value"]["confidence"] < REVIEW_THRESHOLD


def test_a_folio_fiscal_both_printings_read_alike_with_ocrs_o_for_zero_is_sure() -> None:
    uuid = "CC0D5F33-6757-4BA4-B56C-E0BC44A83440"
    text = "Folio fiscal: CCOD5F33-6757-4BA4-B56C-E0BC44A83440\n||1.1|CCOD5F33-6757-4BA4-B56C-E0BC 44A83440|2025"
    out = ResultBuilder()
    out.set("uuid", uuid, 0.59)
    _uuid_printed_twice(out, text)
    assert out.fields["uuid"]["confidence"] >= REVIEW_THRESHOLD
    once = ResultBuilder()
    once.set("uuid", uuid, 0.59)
    _uuid_printed_twice(once, text.split("\n")[0])
    assert once.fields["uuid"]["confidence"] < REVIEW_THRESHOLD


@pytest.mark.parametrize(
    ("raw", "value", "sure"),
    [
        ("RSTO110083Z9", "RST0110083Z9", True),  # O for a zero in the date, the check digit holds
        ("RST0110083Z9", "RST0110083Z9", False),  # read as printed: confirmed elsewhere, not here
        ("RSTO110083Z8", "RST0110083Z8", False),  # the check digit fails
        ("XEXXO10101000", "XEXX010101000", False),  # a generic RFC vouches for no one
    ],
)
def test_an_rfc_with_ocrs_o_for_a_zero_in_its_date(raw: str, value: str, sure: bool) -> None:
    out = ResultBuilder()
    out.set("issuer_rfc", value, 0.55, raw=raw)
    _rfc_zero_for_o(out)
    assert (out.fields["issuer_rfc"]["confidence"] >= REVIEW_THRESHOLD) is sure
