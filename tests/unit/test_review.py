"""Review routing: the generic checks add warnings whose codes make `needs_review` true."""

from __future__ import annotations

from typing import Any

from extractors.result import ResultBuilder, make_field, needs_review, register_review_codes, review_reasons
from extractors.review import review_checks


def _invoice(lines: list[tuple[float, float, float]], subtotal: float | None = None) -> ResultBuilder:
    out = ResultBuilder()
    for name, value in (
        ("invoice_number", "INV-1"),
        ("invoice_date", "2024-03-01"),
        ("seller_name", "PACIFIC COMPONENTS INC"),
        ("buyer_name", "MAQUILADORA DEL NORTE S.A. DE C.V."),
        ("currency", "USD"),
    ):
        out.set(name, value, 0.95)
    total = round(sum(amount for _q, _p, amount in lines), 2)
    out.set("total_amount", total, 0.95)
    if subtotal is not None:
        out.set("subtotal_amount", subtotal, 0.95)
    for quantity, price, amount in lines:
        out.add_line(
            {
                "description": make_field("Capacitor", 0.9),
                "quantity": make_field(quantity, 0.9),
                "unit_price": make_field(price, 0.9),
                "amount": make_field(amount, 0.9),
            }
        )
    return out


def _result(builder: ResultBuilder) -> dict[str, Any]:
    return {
        "doc_type_confidence": 0.95,
        "fields": builder.fields,
        "lines": builder.lines,
        "warnings": builder.warnings,
    }


def _codes(builder: ResultBuilder) -> list[str]:
    return [warning["code"] for warning in builder.warnings]


def test_a_complete_consistent_invoice_is_not_sent_to_review() -> None:
    out = _invoice([(100, 0.25, 25.0), (3, 1.5, 4.5)], subtotal=29.5)
    review_checks("commercial_invoice", out, ["Capacitor 100 0.25 25.00", "Capacitor 3 1.50 4.50"])
    assert out.warnings == []
    assert needs_review(_result(out)) is False


def test_missing_key_fields_send_the_document_to_review_and_name_them() -> None:
    out = _invoice([(100, 0.25, 25.0)])
    del out.fields["seller_name"]
    del out.fields["invoice_date"]
    review_checks("commercial_invoice", out)
    assert _codes(out) == ["missing_key_fields"]
    assert "seller" in out.warnings[0]["message"] and "invoice date" in out.warnings[0]["message"]
    assert needs_review(_result(out)) is True


def test_no_lines_where_the_family_always_has_some() -> None:
    out = _invoice([])
    review_checks("commercial_invoice", out)
    assert "lines_missing" in _codes(out)
    assert needs_review(_result(out)) is True


def test_quantity_times_price_against_the_amount() -> None:
    out = _invoice([(6000, 0.25, 1500.0), (6, 0.25, 1500.0)])  # the second line's quantity lost its digits
    review_checks("commercial_invoice", out)
    assert "line_mismatch" in _codes(out)
    assert needs_review(_result(out)) is True


def test_a_price_rounded_to_four_decimals_is_not_a_mismatch() -> None:
    out = _invoice([(1000, 0.1235, 123.46)])
    review_checks("commercial_invoice", out)
    assert "line_mismatch" not in _codes(out)


def test_an_invoice_column_read_on_some_lines_is_lost_on_the_others() -> None:
    """An invoice that prints a fracción, an origin or a unit for one item prints it for every item: a line
    without it lost it (OCR dropped the cell); read on every line, or on none, there is nothing to say."""
    for cell, value in (("tariff_code", "85423999"), ("origin_country", "CN"), ("unit", "PCS")):
        out = _invoice([(100, 0.25, 25.0), (3, 1.5, 4.5)], subtotal=29.5)
        out.lines[0][cell] = make_field(value, 0.9)
        review_checks("commercial_invoice", out)
        assert _codes(out) == ["line_incomplete"] and cell.replace("_", " ") in out.warnings[0]["message"]
        assert needs_review(_result(out)) is True
        out.lines[1][cell] = make_field(value, 0.9)
        out.warnings.clear()
        review_checks("commercial_invoice", out)
        assert out.warnings == []


def test_lines_that_do_not_add_up_to_the_subtotal() -> None:
    out = _invoice([(100, 0.25, 25.0)], subtotal=50.0)  # a line was not read
    review_checks("commercial_invoice", out)
    assert "totals_mismatch" in _codes(out)


def test_rows_of_figures_on_the_page_that_no_line_came_from() -> None:
    out = _invoice([(100, 0.25, 25.0)], subtotal=25.0)
    page = ["PN-1 Capacitor 100 0.2500 25.00", "PN-2 Resistor 10 1.5000 15.00", "Subtotal 25.00 40.00"]
    review_checks("commercial_invoice", out, page)
    assert "low_layout_agreement" in _codes(out)


def test_ocean_bill_of_lading_needs_its_voyage_and_container_lines() -> None:
    out = ResultBuilder()
    for name, value in (
        ("bl_kind", "ocean"),
        ("bl_number", "MAEU123456789"),
        ("carrier_name", "MAERSK A/S"),
        ("shipper_name", "NINGBO ORIENT PLASTIC PARTS CO LTD"),
        ("consignee_name", "MAQUILADORA DEL NORTE S.A. DE C.V."),
        ("package_count", 20),
        ("gross_weight_kg", 1000.0),
        ("vessel", "MSC ANNA"),
        ("port_of_loading", "NINGBO, CHINA"),
        ("port_of_discharge", "MANZANILLO, MEXICO"),
        ("notify_party_name", "GRUPO ADUANAL FRONTERIZO, S.C."),
        ("issue_date", "2025-02-26"),
        ("shipped_on_board_date", "2025-02-25"),
        ("goods_description", "PIEZAS DE PLASTICO"),
    ):
        out.set(name, value, 0.95)
    out.add_line({"package_count": make_field(20, 0.9), "gross_weight_kg": make_field(1000.0, 0.9)})
    review_checks("bill_of_lading", out)
    assert _codes(out) == ["missing_key_fields", "line_incomplete"]
    assert out.warnings[0]["field"] == "voyage" and out.warnings[1]["field"] == "container_number"


def test_a_bill_of_lading_without_its_carrier_needs_review() -> None:
    out = ResultBuilder()
    for name, value in (
        ("bl_kind", "truck"),
        ("bl_number", "MPCB7947955"),
        ("shipper_name", "GREAT LAKES WIRE & CABLE LLC"),
        ("consignee_name", "MAQUILADORA DEL NORTE S.A. DE C.V."),
        ("package_count", 20),
        ("gross_weight_kg", 814.2),
        ("issue_date", "2025-04-26"),
    ):
        out.set(name, value, 0.95)
    out.add_line({"package_count": make_field(20, 0.9), "gross_weight_kg": make_field(814.2, 0.9)})
    review_checks("bill_of_lading", out)
    assert _codes(out) == ["missing_key_fields"] and out.warnings[0]["field"] == "carrier_name"


def test_a_family_registers_its_own_review_codes() -> None:
    out = _invoice([(100, 0.25, 25.0)], subtotal=25.0)
    out.warn("synthetic_family_check", "A family's own check failed.")
    assert needs_review(_result(out)) is False  # an informative warning, until its code is registered
    register_review_codes("synthetic_family_check")
    assert needs_review(_result(out)) is True
    assert [w["code"] for w in review_reasons(_result(out))] == ["synthetic_family_check"]


# a distributor's consolidated invoice: lines grouped under customer orders, each group with its own subtotal
GROUPED_PAGE = [
    "Customer PO: OC-11112222     Sales Order: SO-100200",
    "1   AB-1001   Capacitor   85369099   CHN   100   EA   0.2500    25.00",
    "2   AB-1002   Capacitor   85334099   JPN     3   EA   1.5000     4.50",
    "PO Subtotal                                                     29.50",
    "Customer PO: OC-33334444     Sales Order: SO-100300",
    "3   AB-2001   Capacitor   85322499   KOR    10   EA   1.0000    10.00",
    "PO Subtotal                                                     10.00",
    "Merchandise Total                                               39.50",
]


def test_a_group_subtotal_read_for_the_invoices_goes_to_review() -> None:
    """Every line read, but a customer order's subtotal taken for the invoice's: the lines do not add up to it."""
    out = _invoice([(100, 0.25, 25.0), (3, 1.5, 4.5), (10, 1.0, 10.0)], subtotal=29.5)
    review_checks("commercial_invoice", out, GROUPED_PAGE)
    assert "totals_mismatch" in _codes(out)
    assert needs_review(_result(out)) is True
    right = _invoice([(100, 0.25, 25.0), (3, 1.5, 4.5), (10, 1.0, 10.0)], subtotal=39.5)
    right.set("purchase_order", "OC-11112222", 0.95)
    review_checks("commercial_invoice", right, GROUPED_PAGE)
    assert right.warnings == []


def test_only_the_first_group_read_with_its_subtotal_goes_to_review() -> None:
    """The table read up to the first group's subtotal, and that subtotal taken: the lines add up, but the page
    shows a row of figures no line came from."""
    out = _invoice([(100, 0.25, 25.0), (3, 1.5, 4.5)], subtotal=29.5)
    review_checks("commercial_invoice", out, GROUPED_PAGE)
    assert "low_layout_agreement" in _codes(out)
    assert needs_review(_result(out)) is True
