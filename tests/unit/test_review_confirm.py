"""Values OCR doubted that the document confirms (check digit, arithmetic, printed twice, a legal form's words)
are no reason for review; values nothing confirms, or that a reader rebuilt, keep their doubt."""

from __future__ import annotations

from typing import Any

from extractors.result import ResultBuilder, make_field, needs_review
from extractors.review_confirm import confirm_legal_forms, confirm_readings
from extractors.text import PageText, Word

UUID = "2E3D91B6-8E49-4989-AD1F-C1AC049E3638"


def _result(builder: ResultBuilder) -> dict[str, Any]:
    return {"doc_type_confidence": 0.95, "fields": builder.fields, "lines": builder.lines, "warnings": []}


def _builder(**fields: tuple[Any, float, str]) -> ResultBuilder:
    out = ResultBuilder()
    for name, (value, confidence, raw) in fields.items():
        out.set(name, value, confidence, page=1, raw=raw)
    return out


def test_an_rfc_whose_check_digit_holds_is_confirmed_one_that_fails_is_not() -> None:
    good = _builder(buyer_tax_id=("SJL0507148E5", 0.55, "SJL0507148E5"))
    confirm_readings("commercial_invoice", good)
    assert not needs_review(_result(good))
    bad = _builder(buyer_tax_id=("SJL0507148E6", 0.55, "SJL0507148E6"))
    confirm_readings("commercial_invoice", bad)
    assert needs_review(_result(bad))
    # put back by a reader from OCR's swaps outside the date (the raw says otherwise): the reader's doubt stays
    repaired = _builder(buyer_tax_id=("SJL0507148E5", 0.55, "5JL0507148E5"))
    confirm_readings("commercial_invoice", repaired)
    assert needs_review(_result(repaired))


def _line(quantity: float, price: float, amount: float, confidence: float = 0.5) -> dict[str, Any]:
    return {
        "quantity": make_field(quantity, confidence, raw=f"{quantity:,.0f}"),
        "unit_price": make_field(price, 0.95, raw=f"{price:.4f}"),
        "amount": make_field(amount, 0.95, raw=f"{amount:,.2f}"),
    }


def test_a_doubted_quantity_the_lines_arithmetic_confirms_to_the_cent() -> None:
    out = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    out.add_line(_line(15509, 0.2503, 3881.90))
    confirm_readings("commercial_invoice", out)
    assert not needs_review(_result(out))


def test_a_doubted_quantity_the_arithmetic_does_not_confirm_keeps_its_doubt() -> None:
    out = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    out.add_line(_line(15508, 0.2503, 3881.90))  # a digit slipped: 3,881.65, not the amount
    confirm_readings("commercial_invoice", out)
    assert needs_review(_result(out))
    rounded = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    rounded.add_line(_line(15508, 0.25, 3881.90))  # near the amount only through the price's rounding
    confirm_readings("commercial_invoice", rounded)
    assert needs_review(_result(rounded))


def test_a_folio_fiscal_read_alike_in_the_stamp_chain_is_confirmed() -> None:
    page = [f"Folio fiscal: {UUID}", f"||1.1|{UUID.replace('5', 'S')}|2024-11-06T09:18:16|SAT970701NN3|abc||"]
    out = _builder(uuid=(UUID, 0.4, UUID))
    confirm_readings("cfdi", out, page)
    assert not needs_review(_result(out))
    # printed once, or the chain reads another digit: nothing vouches for it
    once = _builder(uuid=(UUID, 0.4, UUID))
    confirm_readings("cfdi", once, page[:1] + ["||1.1|2E3D91B6-8E49-4989-AD1F-C1AC049E3639|"])
    assert needs_review(_result(once))


def _page(words: list[tuple[str, float]]) -> PageText:
    placed, x = [], 10.0
    for text, confidence in words:
        placed.append(Word(text, x, 100.0, x + 8 * len(text), 110.0, confidence))
        x += 8 * len(text) + 4
    return PageText(1, " ".join(t for t, _ in words), placed, "ocr", 0.9, 612.0, 792.0, 0)


def _name_cell(page: PageText, confidence: float) -> ResultBuilder:
    out = ResultBuilder()
    value = " ".join(word.text for word in page.words)
    out.set("buyer_name", value, confidence, page=1, bbox=[10.0, 100.0, page.words[-1].x1, 110.0], raw=value)
    return out


def test_a_name_ocr_doubted_only_in_its_legal_form_is_confirmed() -> None:
    page = _page([("MANUFACTURAS", 0.96), ("PLASTICAS", 0.95), ("S.", 0.9), ("DE", 0.46), ("R.L.", 0.9)])
    out = _name_cell(page, 0.46 * 0.95)
    confirm_legal_forms(out, [page])
    assert not needs_review(_result(out))


def test_a_name_ocr_doubted_in_its_own_words_keeps_its_doubt() -> None:
    page = _page([("MANUFACTURAS", 0.96), ("PLASTLCAS", 0.41), ("S.A.", 0.5), ("DE", 0.9), ("C.V.", 0.9)])
    out = _name_cell(page, 0.41 * 0.95)
    confirm_legal_forms(out, [page])
    assert needs_review(_result(out))


def test_a_legal_form_word_ocr_gave_no_confidence_confirms_nothing_and_breaks_nothing() -> None:
    page = _page([("TRANSPORTS", 0.96), ("S.A.", 0.0), ("DE", 0.9), ("C.V.", 0.9)])
    out = _name_cell(page, 0.0)
    confirm_legal_forms(out, [page])  # a zero confidence once divided the reader's certainty by zero
    assert needs_review(_result(out))


def test_a_cfdi_type_the_page_names_in_words_is_confirmed() -> None:
    page = ["EMISORA DEL NORTE S.A. DE C.V.", "CFDI 4.0 · INGRESO", "Total 84,074.00"]
    named = _builder(cfdi_type=("I", 0.55, None))
    named.fields["cfdi_type"].pop("raw", None)
    confirm_readings("cfdi", named, page)
    assert not needs_review(_result(named))
    # a page naming two types (an Egreso that relates an Ingreso) settles nothing
    both = _builder(cfdi_type=("I", 0.55, None))
    confirm_readings("cfdi", both, [*page, "Nota de crédito (EGRESO) relacionada"])
    assert needs_review(_result(both))
    # nor does a page naming none
    none = _builder(cfdi_type=("I", 0.55, None))
    confirm_readings("cfdi", none, ["Total 84,074.00"])
    assert needs_review(_result(none))


def test_a_pedimento_operation_its_dates_confirm_is_confirmed() -> None:
    imports = ["T.OPER: IMP. CVE. PEDIMENTO: IN", "FECHAS", "ENTRADA 03/05/2025", "PAGO 04/05/2025"]
    doubted = _builder(operation_type=("IMP", 0.59, "IMP."))
    confirm_readings("pedimento", doubted, imports)
    assert not needs_review(_result(doubted))
    # an export's dates do not confirm an import
    exports = ["T.OPER: IMP. CVE. PEDIMENTO: RT", "FECHAS", "PRESENTACION 03/05/2025", "PAGO 04/05/2025"]
    wrong = _builder(operation_type=("IMP", 0.59, "IMP."))
    confirm_readings("pedimento", wrong, exports)
    assert needs_review(_result(wrong))
    # one date cell for both kinds settles nothing
    either = _builder(operation_type=("IMP", 0.59, "IMP."))
    confirm_readings("pedimento", either, ["ENTRADA/PRESENTACION 03/05/2025"])
    assert needs_review(_result(either))


def test_a_doubted_umt_another_partida_of_its_fraccion_reads_surely_is_confirmed() -> None:
    def partida(tariff: str, umt: str, confidence: float) -> dict[str, Any]:
        return {"tariff_code": make_field(tariff, 0.9), "umt": make_field(umt, confidence, raw=umt)}

    builder = ResultBuilder()
    builder.add_line(partida("39269099", "1", 0.92))
    builder.add_line(partida("39269099", "1", 0.66))
    builder.add_line(partida("85423999", "6", 0.66))  # no other partida of its fracción: the doubt stays
    confirm_readings("pedimento", builder)
    assert [line["umt"]["confidence"] for line in builder.lines] == [0.92, 0.9, 0.66]


def test_a_cfdi_type_printed_as_one_stroke_after_its_label_is_confirmed() -> None:
    stroke = _builder(cfdi_type=("I", 0.55, None))
    confirm_readings("cfdi", stroke, ["FECHA: 2024-11-08T18:43:39", "COMPROBANTE: |"])
    assert not needs_review(_result(stroke))
    letter = _builder(cfdi_type=("I", 0.55, None))
    confirm_readings("cfdi", letter, ["COMPROBANTE: E"])
    assert needs_review(_result(letter))


def test_an_issue_date_the_stamp_repeats_is_confirmed() -> None:
    same = _builder(issue_date=("2024-11-08", 0.55, "2024-11-08T18:43:39"), stamp_date=("2024-11-08", 0.8, "x"))
    confirm_readings("cfdi", same)
    assert not needs_review(_result(same))
    other = _builder(issue_date=("2024-11-03", 0.55, "2024-11-03T18:43:39"), stamp_date=("2024-11-08", 0.8, "x"))
    confirm_readings("cfdi", other)
    assert needs_review(_result(other))


def test_a_folio_fiscal_repaired_from_lookalike_letters_and_printed_twice_is_confirmed() -> None:
    raw = UUID.replace("0", "O")
    page = [f"FOLIO FISCAL UUID {raw}", f"||1.1|{raw[:20]} {raw[20:]}|2024-11-08T08:00:55|SAT970701NN3|"]
    repaired = _builder(uuid=(UUID, 0.21, raw))
    confirm_readings("cfdi", repaired, page)
    assert not needs_review(_result(repaired))
    once = _builder(uuid=(UUID, 0.21, raw))
    confirm_readings("cfdi", once, page[:1])
    assert needs_review(_result(once))


def test_a_concepto_quantity_its_mercancia_repeats_and_the_arithmetic_holds_is_confirmed() -> None:
    def concepto(quantity: float, customs: float) -> dict[str, Any]:
        return {
            "quantity": make_field(quantity, 0.6, raw="804.00"),
            "unit_price": make_field(9.23, 0.9, raw="9.23"),
            "amount": make_field(8251.62, 0.9, raw="8,251.62"),
            "customs_quantity": make_field(customs, 0.86, raw="894.00"),
        }

    builder = ResultBuilder()
    builder.add_line(concepto(894.0, 894.0))
    builder.add_line(concepto(894.0, 849.0))  # the mercancía says otherwise: the doubt stays
    confirm_readings("cfdi", builder)
    assert [line["quantity"]["confidence"] for line in builder.lines] == [0.9, 0.6]


def test_a_mercancia_unit_value_its_own_product_gives_is_confirmed() -> None:
    builder = ResultBuilder()
    builder.add_line(
        {
            "customs_quantity": make_field(894.0, 0.9, raw="894.00"),
            "usd_unit_value": make_field(9.23, 0.65, raw="9:23"),
            "usd_value": make_field(8251.62, 0.9, raw="8,251.62"),
        }
    )
    confirm_readings("cfdi", builder)
    assert builder.lines[0]["usd_unit_value"]["confidence"] == 0.9


def test_a_description_another_line_reads_surely_is_confirmed() -> None:
    def line(text: str, confidence: float) -> dict[str, Any]:
        return {"description": make_field(text, confidence, raw=text)}

    builder = ResultBuilder()
    builder.add_line(line("ARNES ELECTRICO PARA VEHICULO", 0.92))
    builder.add_line(line("ARNES ELECTRICO PARA VEHICULO", 0.6))
    builder.add_line(line("ARNES ELECTRICO PARA VEHICULD", 0.6))  # a misreading spells no other line's text
    confirm_readings("commercial_invoice", builder)
    assert [line["description"]["confidence"] for line in builder.lines] == [0.92, 0.9, 0.6]


def test_line_packages_that_add_up_to_the_printed_total_are_confirmed() -> None:
    def bl(counts: tuple[int, ...], total: int) -> ResultBuilder:
        out = _builder(package_count=(total, 0.9, str(total)))
        for count in counts:
            out.add_line({"package_count": make_field(count, 0.68, raw=str(count))})
        return out

    adds_up = bl((39, 51, 27, 11, 30), 158)
    confirm_readings("bill_of_lading", adds_up)
    assert not needs_review(_result(adds_up))
    short = bl((39, 51, 27, 17, 30), 158)
    confirm_readings("bill_of_lading", short)
    assert needs_review(_result(short))


def test_an_rfc_whose_date_ocr_read_with_a_letter_is_confirmed_by_its_check_digit() -> None:
    repaired = _builder(buyer_tax_id=("SJL0507148E5", 0.55, "SJLO5O7148E5"))
    confirm_readings("commercial_invoice", repaired)
    assert not needs_review(_result(repaired))
    # a letter changed outside the date is no such repair
    renamed = _builder(buyer_tax_id=("SJL0507148E5", 0.55, "SIL0507148E5"))
    confirm_readings("commercial_invoice", renamed)
    assert needs_review(_result(renamed))


def _part_line(part: str, confidence: float) -> dict[str, Any]:
    return {
        "part_number": make_field(part, confidence, raw=part),
        "quantity": make_field(10.0, 0.95, raw="10.00"),
        "unit_price": make_field(2.5, 0.95, raw="2.50"),
        "amount": make_field(25.0, 0.95, raw="25.00"),
    }


def test_a_part_number_printed_twice_for_its_line_is_confirmed() -> None:
    # a concepto's NoIdentificacion, then its mercancía's under Comercio Exterior
    page = [
        "1 FG37497-8 DISPOSITIVO MEDICO PARA INFUSION 10.00 H87 2.50 25.00",
        "2 FG50969-7 ARNES ELECTRICO 10.00 H87 2.50 25.00",
        "Mercancías",
        "FG37497-8 90189099 10.000 06 2.50 25.00",
        "FG50969-7 85443002 10.000 06 2.50 25.00",
    ]
    out = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    out.add_line(_part_line("FG37497-8", 0.5))
    out.add_line(_part_line("FG50969-7", 0.95))
    confirm_readings("cfdi", out, page)
    assert not needs_review(_result(out))


def test_a_part_number_printed_once_or_shared_keeps_its_doubt() -> None:
    once = ["1 FG37497-8 DISPOSITIVO MEDICO 10.00 H87 2.50 25.00"]
    out = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    out.add_line(_part_line("FG37497-8", 0.5))
    confirm_readings("cfdi", out, once)
    assert needs_review(_result(out))
    # misread as another line's number: the two copies on the page are that other line's
    page = ["1 FG37497-6 TORNILLO 10.00 2.50 25.00", "2 FG37497-8 ARNES 10.00 2.50 25.00", "FG37497-8", "FG37497-6"]
    shared = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    shared.add_line(_part_line("FG37497-8", 0.5))
    shared.add_line(_part_line("FG37497-8", 0.95))
    confirm_readings("cfdi", shared, page)
    assert needs_review(_result(shared))


def _taken_price(price: float, amount: float) -> dict[str, Any]:
    return {
        "quantity": make_field(207.0, 0.95, raw="207.00"),
        "unit_price": make_field(price, 0.6),  # taken from the mercancía's unit value: no raw of its own
        "amount": make_field(amount, 0.95, raw=f"{amount:,.2f}"),
    }


def test_a_unit_price_taken_from_elsewhere_that_the_arithmetic_and_the_page_confirm() -> None:
    page = ["207.00 H87 25174200 ARNES ELECTRICO 12.l9 2,523.33", "85443002 207.000 06 12.19 2,523.33"]
    out = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    out.add_line(_taken_price(12.19, 2523.33))
    confirm_readings("cfdi", out, page)
    assert not needs_review(_result(out))
    # a price the page does not print, or whose product is not the amount, keeps its doubt
    unprinted = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    unprinted.add_line(_taken_price(12.19, 2523.33))
    confirm_readings("cfdi", unprinted, ["207.00 H87 ARNES 12.l9 2,523.33"])
    assert needs_review(_result(unprinted))
    wrong = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    wrong.add_line(_taken_price(12.18, 2523.33))
    confirm_readings("cfdi", wrong, ["85443002 207.000 06 12.18 2,523.33"])
    assert needs_review(_result(wrong))


def test_an_rfc_put_right_from_lookalikes_is_confirmed_when_its_check_digit_picks_it_alone() -> None:
    # OCR read the date's 0 as O and the homoclave's I as 1: of every lookalike reading only one has a valid check
    repaired = _builder(importer_exporter_rfc=("VUV0501146I3", 0.55, "VUVO50114613"))
    confirm_readings("pedimento", repaired)
    assert not needs_review(_result(repaired))
    # a raw that differs by more than lookalikes is a different reading: the reader's doubt stays
    other = _builder(importer_exporter_rfc=("VUV0501146I3", 0.55, "VUVO50114673"))
    confirm_readings("pedimento", other)
    assert needs_review(_result(other))


def test_a_value_added_read_as_the_letter_o_is_a_zero() -> None:
    out = _builder(operation_type=("IMP", 0.95, "IMP"))
    out.add_line({"value_added": make_field(0.0, 0.62, raw="o"), "umc_quantity": make_field(5.0, 0.95, raw="5")})
    confirm_readings("pedimento", out)
    assert not needs_review(_result(out))
    # a figure the reader made 0 from something else keeps its doubt
    eight = _builder(operation_type=("IMP", 0.95, "IMP"))
    eight.add_line({"value_added": make_field(0.0, 0.62, raw="8"), "umc_quantity": make_field(5.0, 0.95, raw="5")})
    confirm_readings("pedimento", eight)
    assert needs_review(_result(eight))


def test_a_doubted_date_another_label_repeats_is_confirmed() -> None:
    out = ResultBuilder()
    out.set("presentation_date", "2025-04-21", 0.54, page=1, bbox=[10.0, 10.0, 60.0, 18.0], raw="21/04/2025")
    out.set("payment_date", "2025-04-21", 0.93, page=1, bbox=[200.0, 10.0, 250.0, 18.0], raw="21/04/2025")
    confirm_readings("pedimento", out)
    assert not needs_review(_result(out))
    # another day, or a sure date that is the same print, confirms nothing
    apart = ResultBuilder()
    apart.set("presentation_date", "2025-04-21", 0.54, page=1, bbox=[10.0, 10.0, 60.0, 18.0], raw="21/04/2025")
    apart.set("payment_date", "2025-04-27", 0.93, page=1, bbox=[200.0, 10.0, 250.0, 18.0], raw="27/04/2025")
    confirm_readings("pedimento", apart)
    assert needs_review(_result(apart))
    same = ResultBuilder()
    same.set("presentation_date", "2025-04-21", 0.54, page=1, bbox=[10.0, 10.0, 60.0, 18.0], raw="21/04/2025")
    same.set("payment_date", "2025-04-21", 0.93, page=1, bbox=[10.0, 10.0, 60.0, 18.0], raw="21/04/2025")
    confirm_readings("pedimento", same)
    assert needs_review(_result(same))


def test_a_customs_quantity_its_concepto_repeats_is_confirmed() -> None:
    out = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    out.add_line(
        {
            "quantity": make_field(4414.0, 0.95, raw="4,414.000"),
            "customs_quantity": make_field(4414.0, 0.6, raw="4.414.000"),  # OCR's point for the comma
        }
    )
    confirm_readings("cfdi", out)
    assert not needs_review(_result(out))
    # another figure, or a concepto quantity itself in doubt, confirms nothing
    other = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    other.add_line(
        {
            "quantity": make_field(4414.0, 0.95, raw="4,414.000"),
            "customs_quantity": make_field(4411.0, 0.6, raw="4.411.000"),
        }
    )
    confirm_readings("cfdi", other)
    assert needs_review(_result(other))
    doubted = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    doubted.add_line(
        {
            "quantity": make_field(4414.0, 0.6, raw="4.414.000"),
            "customs_quantity": make_field(4414.0, 0.6, raw="4.414.000"),
        }
    )
    confirm_readings("cfdi", doubted)
    assert needs_review(_result(doubted))


def test_a_unit_code_another_line_reads_surely_is_confirmed() -> None:
    out = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    out.add_line({"unit": make_field("H87", 0.25, raw="H87")})
    out.add_line({"unit": make_field("H87", 0.95, raw="H87")})
    confirm_readings("cfdi", out)
    assert not needs_review(_result(out))
    alone = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    alone.add_line({"unit": make_field("H87", 0.25, raw="H87")})
    alone.add_line({"unit": make_field("KGM", 0.95, raw="KGM")})
    confirm_readings("cfdi", alone)
    assert needs_review(_result(alone))


def test_a_part_number_with_a_mark_glued_before_it_is_still_printed_twice() -> None:
    page = ["3 -EX76408-9 DISPOSITIVO MEDICO", "No. Ident.: EX76408-9 Fracción arancelaria: 9018.90.99"]
    out = _builder(seller_name=("ACME INC", 0.95, "ACME INC"))
    out.add_line(_part_line("EX76408-9", 0.52))
    confirm_readings("cfdi", out, page)
    assert not needs_review(_result(out))


def _partida(paid: float, raw: str, unit: float = 14.82659, quantity: float = 346.0) -> dict[str, Any]:
    return {
        "umc_quantity": make_field(quantity, 0.95, raw=f"{quantity:.3f}"),
        "unit_price": make_field(unit, 0.95, raw=f"{unit:.5f}"),
        "paid_price_mxn": make_field(paid, 0.63, raw=raw),
    }


def test_a_precio_pagado_its_unit_price_and_quantity_give_is_confirmed() -> None:
    # printed 5,130, read 5,190 and put right by the reader: 14.82659 x 346 = 5,130.00
    out = _builder(operation_type=("IMP", 0.95, "IMP"))
    out.add_line(_partida(5130.0, "5,190"))
    confirm_readings("pedimento", out)
    assert not needs_review(_result(out))
    # a figure the arithmetic does not give keeps its doubt
    wrong = _builder(operation_type=("IMP", 0.95, "IMP"))
    wrong.add_line(_partida(5190.0, "5,190"))
    confirm_readings("pedimento", wrong)
    assert needs_review(_result(wrong))


def test_a_regimen_the_clave_and_operation_fix_is_confirmed() -> None:
    out = _builder(clave=("IN", 0.95, "IN"), operation_type=("IMP", 0.95, "IMP"), regimen=("ITE", 0.61, "ITE"))
    confirm_readings("pedimento", out)
    assert not needs_review(_result(out))
    # another régimen than the clave's, or a clave itself in doubt, confirms nothing
    other = _builder(clave=("IN", 0.95, "IN"), operation_type=("IMP", 0.95, "IMP"), regimen=("ITR", 0.61, "ITR"))
    confirm_readings("pedimento", other)
    assert needs_review(_result(other))
    doubted = _builder(clave=("IN", 0.6, "IN"), operation_type=("IMP", 0.95, "IMP"), regimen=("ITE", 0.61, "ITE"))
    confirm_readings("pedimento", doubted)
    assert needs_review(_result(doubted))
