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
    # put back by a reader from OCR's swaps (the raw says otherwise): the reader's doubt stays
    repaired = _builder(buyer_tax_id=("SJL0507148E5", 0.55, "SJLO5O7148E5"))
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
