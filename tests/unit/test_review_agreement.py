"""Layout agreement: values the entity layer finds in the text that the family's reading lacks go to review."""

from __future__ import annotations

from extractors.entities import find_entities
from extractors.result import ResultBuilder, make_field, needs_review
from extractors.review_agreement import agreement_checks, table_checks

PEDIMENTO_TEXT = """PEDIMENTO 24 47 3807 4003581
PARTIDA 1 FRACCION 8542.31.01 NICO 00
PARTIDA 2 FRACCION 8504.40.99 NICO 00"""

CFDI_TEXT = """RFC Emisor: EKU9003173C9  RFC del receptor: LSO1306189R5
Folio fiscal 2E3D91B6-8E49-4989-AD1F-C1AC049E3638
Fracción arancelaria 8542.31.01
||1.1|2E3D91B6-8E49-4989-AD1F-C1AC049E3638|2024-11-06T09:18:16|SAT970701NN3|abc||"""


def _run(doc_type: str, builder: ResultBuilder, text: str) -> list[str]:
    agreement_checks(doc_type, builder, {1: find_entities(text)}, {1: text})
    return [warning["message"] for warning in builder.warnings if warning["code"] == "unread_value"]


def _pedimento(*tariffs: str, number: str = "244738074003581") -> ResultBuilder:
    out = ResultBuilder()
    out.set("pedimento_number", number, 0.95)
    for tariff in tariffs:
        out.add_line({"tariff_code": make_field(tariff, 0.9)})
    return out


def _cfdi(receiver: str = "LSO1306189R5", tariff: str | None = "85423101") -> ResultBuilder:
    out = ResultBuilder()
    out.set("uuid", "2E3D91B6-8E49-4989-AD1F-C1AC049E3638", 0.95)
    out.set("issuer_rfc", "EKU9003173C9", 0.95)
    out.set("receiver_rfc", receiver, 0.95)
    if tariff:
        out.add_line({"tariff_code": make_field(tariff, 0.9)})
    return out


def _result(builder: ResultBuilder) -> dict[str, object]:
    return {"doc_type_confidence": 0.95, "fields": builder.fields, "lines": builder.lines, "warnings": builder.warnings}


def test_every_printed_fraccion_read_agrees() -> None:
    builder = _pedimento("85423101", "8504409900")  # with or without the NICO
    assert _run("pedimento", builder, PEDIMENTO_TEXT) == []
    assert not needs_review(_result(builder))


def test_a_fraccion_no_partida_holds_routes_to_review() -> None:
    builder = _pedimento("85423101")
    messages = _run("pedimento", builder, PEDIMENTO_TEXT)
    assert len(messages) == 1 and "85044099" in messages[0] and "page 1" in messages[0]
    assert needs_review(_result(builder))


def test_a_pedimento_number_not_its_own_nor_referenced_routes_to_review() -> None:
    builder = _pedimento("85423101", "85044099", number="244738074000001")
    assert any("244738074003581" in message for message in _run("pedimento", builder, PEDIMENTO_TEXT))
    referenced = _pedimento("85423101", "85044099", number="244738074000001")
    referenced.add_reference("pedimento", "244738074003581")
    assert _run("pedimento", referenced, PEDIMENTO_TEXT) == []


def test_cfdi_rfcs_are_the_parties_or_the_certifier() -> None:
    assert _run("cfdi", _cfdi(), CFDI_TEXT) == []  # SAT970701NN3 is the stamp's certifier


def test_the_certifier_is_known_when_ocr_misread_the_chains_bars_or_by_its_label() -> None:
    """A scan reads the stamp chain's bars as I, / or ]: the RFC right after the stamping time is still the
    certifier's; so is one printed after the certifier's own label."""
    scanned = CFDI_TEXT.replace(
        "||1.1|2E3D91B6-8E49-4989-AD1F-C1AC049E3638|2024-11-06T09:18:16|SAT970701NN3|abc||",
        "I|1.1]2E3D91B6-8E49-4989-AD1F-C1AC049E3638/2024-11-06T0 9:18:16]SAT970701 NN3]|abc||",
    )
    assert _run("cfdi", _cfdi(), scanned) == []
    labelled = CFDI_TEXT.split("||1.1")[0] + "RFC del proveedor de certificación: SAT970701NN3"
    assert _run("cfdi", _cfdi(), labelled) == []


def test_an_rfc_after_a_date_and_a_label_is_no_certifier() -> None:
    """Only the stamp's order or the certifier's label excuse an RFC: a party's RFC after its own label still
    has to be read, even right after a time of day."""
    text = CFDI_TEXT.split("||1.1")[0] + "Hora: 09:18:16 RFC emisor: SAT970701NN3"
    messages = _run("cfdi", _cfdi(), text)
    assert len(messages) == 1 and "SAT970701NN3" in messages[0]


def test_cfdi_rfc_of_no_party_routes_to_review() -> None:
    messages = _run("cfdi", _cfdi(receiver="XEXX010101000"), CFDI_TEXT)
    assert len(messages) == 1 and "LSO1306189R5" in messages[0]


def test_cfdi_mercancia_fraccion_unread_routes_to_review() -> None:
    messages = _run("cfdi", _cfdi(tariff=None), CFDI_TEXT)
    assert len(messages) == 1 and "85423101" in messages[0]


def test_families_without_such_values_are_not_checked() -> None:
    assert _run("commercial_invoice", ResultBuilder(), CFDI_TEXT) == []


def test_a_labelled_date_the_reading_lacks_routes_to_review() -> None:
    text = "Fecha de pago: 15/03/2024\nNotas 16/03/2024"
    builder = ResultBuilder()
    builder.set("issue_date", "2024-03-14", 0.95)
    messages = _run("commercial_invoice", builder, text)
    assert len(messages) == 1 and "2024-03-15" in messages[0]  # the unlabelled note date is not asked for
    read = ResultBuilder()
    read.set("payment_date", "2024-03-15", 0.95)
    assert _run("commercial_invoice", read, text) == []


def test_a_due_or_expiry_date_no_field_holds_is_not_asked_for() -> None:
    builder = ResultBuilder()
    builder.set("invoice_date", "2024-07-05", 0.95)
    for text in ("DATE 07/05/2024\nDUE DATE 08/19/2024", "Fecha: 07/05/2024\nFecha de vencimiento: 19/08/2024"):
        assert _run("commercial_invoice", builder, text) == [], text
    assert len(_run("commercial_invoice", builder, "DATE 07/05/2024\nSHIP DATE 07/09/2024")) == 1


def test_an_ambiguous_date_agrees_in_either_convention() -> None:
    builder = ResultBuilder()
    builder.set("issue_date", "2024-01-11", 0.95)  # a US form: month first
    assert _run("bill_of_lading", builder, "Date: 01/11/2024") == []


TABLE = """Qty Description Unit price Amount
10 Capacitor 1.25 12.50
20 Resistor 0.75 15.00
5 Relay 30.00 150.00
Peso bruto: 1,200.00 Peso neto: 1,100.00 Bultos: 3"""


def _lines(*rows: tuple[float, float, float]) -> ResultBuilder:
    out = ResultBuilder()
    for quantity, price, amount in rows:
        out.add_line(
            {
                "quantity": make_field(quantity, 0.9),
                "unit_price": make_field(price, 0.9),
                "amount": make_field(amount, 0.9),
            }
        )
    return out


def test_a_table_row_read_into_no_line_is_low_layout_agreement() -> None:
    builder = _lines((10, 1.25, 12.5), (5, 30.0, 150.0))
    table_checks(builder, {1: TABLE})
    assert [warning["code"] for warning in builder.warnings] == ["low_layout_agreement"]
    assert "1 rows" in builder.warnings[0]["message"] and "page 1" in builder.warnings[0]["message"]


def test_every_table_row_read_and_labelled_rows_outside_agree() -> None:
    builder = _lines((10, 1.25, 12.5), (20, 0.75, 15.0), (5, 30.0, 150.0))
    table_checks(builder, {1: TABLE})
    assert builder.warnings == []


def test_figures_in_the_other_decimal_convention_agree() -> None:
    builder = _lines((10, 1.25, 12.5), (20, 0.75, 15.0), (5, 30.0, 150.0))
    table_checks(builder, {1: TABLE.replace("1.25 12.50", "1,25 12,50").replace("30.00 150.00", "30,00 150,00")})
    assert builder.warnings == []


def test_a_stamps_date_and_time_are_no_table_row() -> None:
    # the bank's stamp over the header: its day and hour equal partidas' numbers, and an invoice row under it
    # holds no line's figure; neither is a row of the goods table
    text = "21/ENE/2025 10:14\n9933930 29/DIC/2024 FOB USD 110916.01 110916.01\n" + TABLE
    builder = _lines((10, 1.25, 12.5), (20, 0.75, 15.0), (5, 30.0, 150.0))
    builder.add_line({"quantity": make_field(21, 0.9), "unit_price": make_field(14, 0.9)})
    table_checks(builder, {1: text})
    assert builder.warnings == []


def test_the_decimals_of_a_rate_ocr_parted_from_its_sign_are_no_figure() -> None:
    # a partida's contribution row (DTA, its rate with a sign OCR added, its payment form and amount): not a goods row
    text = TABLE + "\nDTA -0.0080000000 a 9 13798\n5 Relay 30.00 150.00"
    builder = _lines((10, 1.25, 12.5), (20, 0.75, 15.0), (5, 30.0, 150.0))
    table_checks(builder, {1: text})
    assert builder.warnings == []
