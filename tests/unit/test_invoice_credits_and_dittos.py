"""Invoices that print more than goods lines in the goods table: a distributor's credit lines for returned parts
(a negative quantity, the amount in parentheses) between the goods shipped, and a typed export invoice whose
repeated values stand as ditto marks. Each rule is tested on its own small page so that a failure names the
rule."""

from __future__ import annotations

from extractors.invoice_lines import DITTO, is_credit_line
from extractors.review import is_credit_row
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of

CREDIT_ROWS = [
    (36, "GREAT LAKES WIRE & TERMINAL INC                                          INVOICE"),
    (36, "88 Foundry St, Toledo, OH 43604                               Invoice #    T-20931"),
    (36, "                                                              Invoice Date  05/14/2024"),
    (36, "BILL TO"),
    (36, "ENSAMBLES DEL BAJIO S.A. DE C.V."),
    (36, "RFC EBA010203AB1"),
    (36, "Ln  Part No.   Description             MX Tariff     Qty  UOM  Unit Price   Ext. Amount"),
    (36, "1   WT-1001    Terminal de cobre       8536.90.99    100  EA       2.0000        200.00"),
    (36, "2   WT-1001    CREDIT RMA 7781 RETURN  8536.90.99    -10  EA       2.0000        (20.00)"),
    (36, "               DAMAGED IN TRANSIT"),
    (36, "3   WT-2002    Arnes de cables         8544.42.99     20  EA      10.0000        200.00"),
    (36, "Credit memo notes are printed here                 Goods Shipped              400.00"),
    (36, "for the customer's records.                        Less Credits               (20.00)"),
    (36, "                                                   Freight                     15.00"),
    (36, "                                                   Invoice Total USD          395.00"),
]


def test_credit_line_is_no_goods_line() -> None:
    """A line with a negative quantity and an amount in parentheses credits returned parts: it is left out, and
    so is its wrapped description; the table ends at "Goods Shipped", the subtotal, before the credits."""
    result = run(CREDIT_ROWS)
    lines = line_values(result)
    assert [line["part_number"] for line in lines] == ["WT-1001", "WT-2002"]
    assert [line["description"] for line in lines] == ["Terminal de cobre", "Arnes de cables"]
    values = values_of(result)
    assert values["subtotal_amount"] == 400.0
    assert values["total_amount"] == 395.0


def test_credit_line_needs_both_signs() -> None:
    """A negative quantity alone (a misprint, a return counted on its own) is no credit without a negative amount."""
    quantity = {"value": -5.0, "raw": "-5"}
    assert is_credit_line({"quantity": quantity, "amount": {"value": 10.0, "raw": "10.00"}}, "(10.00)")
    assert is_credit_line({"quantity": quantity, "amount": {"value": -10.0, "raw": "-10.00"}})
    assert not is_credit_line({"quantity": quantity, "amount": {"value": 10.0, "raw": "10.00"}}, "10.00")
    assert not is_credit_line({"quantity": {"value": 5.0, "raw": "5"}, "amount": {"value": 10.0}}, "(10.00)")


DITTO_ROWS = [
    (200, "PACIFIC RIM MERCANTILE CO., LTD."),
    (150, "5F, No. 20, Minsheng E. Rd., Taipei, Taiwan"),
    (180, "Business ID No.: 24681357   TEL: 886-2-5550101"),
    (36, "Invoice No.:   PRM-7731"),
    (36, "Date:          Mar. 3, 2025"),
    (36, "For account and risk of Messrs.:"),
    (36, "  ENSAMBLES DEL BAJIO S.A. DE C.V."),
    (36, "Item  Part No.  Description of Goods   H.S.Code(MX)   Origin   Quantity Unit   Unit Price     Amount"),
    (36, "1.    KX-10     RONDANA DE ACERO        7318.22.99    U.S.A.        100 PCS        0.5000      50.00"),
    (36, "2.    KX-11          DO.                   DO.          DO.         200  DO.       0.2500      50.00"),
    (36, '3.    KX-12          "                     "          KOREA         10 SET        3.0000      30.00'),
    (36, "                                                                 TOTAL:                    130.00"),
]


def test_ditto_marks_take_the_value_above() -> None:
    """``DO.`` and ``"`` stand for the value of the line above (description, fracción, origin, unit); the fracción
    is read under "H.S.Code(MX)", and "U.S.A." is the United States."""
    lines = line_values(run(DITTO_ROWS))
    assert [line["part_number"] for line in lines] == ["KX-10", "KX-11", "KX-12"]
    assert [line["description"] for line in lines] == ["RONDANA DE ACERO"] * 3
    assert [line["tariff_code"] for line in lines] == ["73182299"] * 3
    assert [line["origin_country"] for line in lines] == ["USA", "USA", "KOR"]
    assert [line["unit"] for line in lines] == ["PCS", "PCS", "SET"]


def test_business_id_is_the_seller_tax_id() -> None:
    """A letterhead's "Business ID No." (Taiwan's unified business number) is the seller's tax id."""
    assert values_of(run(DITTO_ROWS))["seller_tax_id"] == "24681357"


def test_credit_row_is_no_unread_goods_row() -> None:
    """A printed row with a negative quantity and its amount in parentheses (or with a minus) is a credit: the
    layout check does not count it as a goods line left unread. A row whose amount alone is in parentheses, or
    whose figures are all positive, is not one."""
    assert is_credit_row("2  WT-1001  CREDIT RMA 7781 RETURN  8536.90.99  -10  EA  2.0000  (20.00)")
    assert is_credit_row("2  WT-1001  RETURNED  -10 EA  2.00  -20.00")
    assert not is_credit_row("2  WT-1001  Terminal  10 EA  2.00  (20.00)")
    assert not is_credit_row("1  WT-1001  Terminal de cobre  8536.90.99  100  EA  2.0000  200.00")


def test_errors_excepted_is_no_part_of_the_issuer_name() -> None:
    """ "E. & O.E." printed before the issuer's name on the signature line is not part of it: the name,
    named in the letterhead and again there, is the seller, sure enough to need no review."""
    result = run(DITTO_ROWS + [(36, "E. & O.E.                         PACIFIC RIM MERCANTILE CO., LTD.")])
    assert values_of(result)["seller_name"] == "PACIFIC RIM MERCANTILE CO., LTD."
    assert result.fields["seller_name"]["confidence"] >= 0.7


def test_ditto_mark_needs_its_stop() -> None:
    """ "DO." and "-do-" are ditto marks; "DO" alone (the Dominican Republic's code in an origin column) is not."""
    assert DITTO.fullmatch("DO.") and DITTO.fullmatch("-do-") and DITTO.fullmatch('"')
    assert not DITTO.fullmatch("DO")
