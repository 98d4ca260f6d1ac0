"""A Quebec maker's French/English invoice (spaced colons, figures grouped by spaces, French country names, a
Canadian business number) and a US distributor's invoice and packing list (ordered, shipped and back-ordered
quantities; the customer's item code stacked under the seller's)."""

from __future__ import annotations

from typing import Any

from extractors.invoice import parse_name
from extractors.invoice_lines import check_totals
from extractors.invoice_repairs import _code_specks
from extractors.invoice_values import parse_country, parse_quantity, parse_tax_id
from extractors.result import ResultBuilder, line_field
from extractors.review_slips import _printed, slip_checks
from tests.unit.test_invoice import run
from tests.unit.test_invoice_issuers import line_values, values_of

FRENCH_ROWS: list[tuple[float, str]] = [
    (36, "BOIS ET METAUX DU NORD LTEE                          FACTURE / INVOICE"),
    (36, "12, rue des Forges, Sherbrooke (Quebec) J1H 1A1, Canada"),
    (36, "                                        No de facture / Invoice No. : 4471203"),
    (36, "                                                    Date : 2025-02-11"),
    (36, "NE / BN 123456782 RT0001"),
    (36, "Vendu a / Sold to                   Expedie a / Ship to"),
    (36, " MAQUILADORA DEL NORTE S.A. DE C.V. MAQUILADORA DEL NORTE S.A. DE C.V."),
    (36, " RFC : MNO120101AB1"),
    (36, "Article / Item  Description                  Qte / Qty  Prix unitaire / Unit price  Montant / Amount"),
    (36, "A-1001          Empaque de hule vulcanizado    1 495ea                       3,8953          5 823,47"),
    (36, "                Code SH / HS code : 4016.93 Origine / Origin : Etats-Unis"),
    (36, "PN-2002         Caja de carton corrugado        755pcs                       0,2355            177,80"),
    (36, "                SH / HS : 4819.10 Origine / Origin : Allemagne"),
    (36, "                                                    Sous-total / Subtotal              6 001,27"),
    (36, "                                                    Total USD                          6 001,27 $"),
]


def test_a_quantity_grouped_by_spaces() -> None:
    """French and Canadian usage groups thousands with a space; the unit may be glued on."""
    assert parse_quantity("1 495ea") == (1495.0, (0, 5))
    assert parse_quantity("22 789 pcs")[0] == 22789.0  # type: ignore[index]
    assert parse_quantity("441ea")[0] == 441.0  # type: ignore[index]


def test_french_country_names() -> None:
    assert parse_country("États-Unis")[0] == "USA"  # type: ignore[index]
    assert parse_country("Allemagne")[0] == "DEU"  # type: ignore[index]
    assert parse_country("Corée")[0] == "KOR"  # type: ignore[index]
    assert parse_country("Chine")[0] == "CHN"  # type: ignore[index]


def test_notes_labelled_with_spaced_colons_under_an_item() -> None:
    """``Code SH / HS code : 4016.93  Origine / Origin : États-Unis`` under an item: French typography spaces the
    colon, and the notes are the item's tariff code and origin, not words of its description."""
    lines = line_values(run(FRENCH_ROWS))
    assert [line["description"] for line in lines] == ["Empaque de hule vulcanizado", "Caja de carton corrugado"]
    # a six-digit heading is no Mexican fracción (eight digits): the note leaves the description all the same
    assert all("tariff_code" not in line for line in lines)
    assert [line["origin_country"] for line in lines] == ["USA", "DEU"]
    assert [line["quantity"] for line in lines] == [1495.0, 755.0]


def test_french_party_labels_and_a_canadian_business_number() -> None:
    values = values_of(run(FRENCH_ROWS))
    assert values["seller_name"] == "BOIS ET METAUX DU NORD LTEE"
    assert values["seller_tax_id"] == "123456782 RT0001"
    assert values["buyer_name"] == "MAQUILADORA DEL NORTE S.A. DE C.V."


def test_review_reads_a_figure_grouped_by_spaces() -> None:
    """The review finds ``1 495`` printed on the line's row; a row number before a figure still reads alone."""
    assert _printed(1495.0, "A-1001  Empaque  1 495ea  3,8953  5 823,47")
    assert _printed(5823.47, "A-1001  Empaque  1 495ea  3,8953  5 823,47")
    assert _printed(495.0, "1 495 EA")


PACKING_ROWS: list[tuple[float, str]] = [
    (36, "GREAT LAKES FASTENER SUPPLY LLC               COMMERCIAL INVOICE / PACKING LIST"),
    (36, "800 Industrial Pkwy, Toledo, OH 43612                    Invoice No. F121889"),
    (36, "SOLD TO"),
    (36, " MAQUILADORA DEL NORTE S.A. DE C.V."),
    (36, "Ln Item No. / Customer Item  Description          MX HTS   COO Qty Ord Qty Shp B/O UM  Unit Price Ext Price"),
    (36, "1  SKU-471890                TORNILLO DE ACERO     73181599 USA 19,497  19,447  50  EA  0.0321     624.25"),
    (36, "   C/I: 76988-A              CON CABEZA, CON ROSCA"),
    (36, "2  PN-621244                 EMPAQUE DE HULE       40169399 CHN 2,364   2,314   50  PCS 0.1376     318.41"),
    (36, "   C/I: 73380-A              VULCANIZADO"),
    (36, "Total cartons: 23                                 Merchandise                     942.66"),
    (36, "                                                  Freight                           0.00"),
    (36, "                                                  Invoice Total USD               942.66"),
]


def test_shipped_back_ordered_and_ordered_quantities() -> None:
    """The quantity invoiced is the one shipped; the back-ordered figure heads a column of its own and the unit
    is the UM column's."""
    lines = line_values(run(PACKING_ROWS))
    assert [line["quantity"] for line in lines] == [19447.0, 2314.0]
    assert [line["unit"] for line in lines] == ["EA", "PCS"]


def test_a_customer_code_stacked_under_the_item_code() -> None:
    """``C/I: 76988-A`` under the seller's code is the customer's item number, not the description's words."""
    lines = line_values(run(PACKING_ROWS))
    assert [line["description"] for line in lines] == [
        "TORNILLO DE ACERO CON CABEZA, CON ROSCA",
        "EMPAQUE DE HULE VULCANIZADO",
    ]
    assert [line["part_number"] for line in lines] == ["SKU-471890", "PN-621244"]


def test_merchandise_is_the_subtotal() -> None:
    assert values_of(run(PACKING_ROWS))["subtotal_amount"] == 942.66


def test_a_labelled_code_left_in_a_description_is_sent_to_review() -> None:
    """A description that kept another column's labelled code (``C/I: 66900-A``) was misread: it goes to review;
    a plain description with figures does not."""
    builder = ResultBuilder()
    builder.add_line(
        {"description": line_field("TORNILLO DE ACERO CON C/I: 66900-A ROSCA", 0.9), "quantity": line_field(5.0, 0.9)}
    )
    slip_checks("commercial_invoice", builder, [])
    assert [w["code"] for w in builder.warnings] == ["description_shape"]
    plain = ResultBuilder()
    plain.add_line({"description": line_field("Lamina de aluminio, espesor 0.2 mm", 0.9)})
    slip_checks("commercial_invoice", plain, [])
    assert plain.warnings == []


def test_goods_of_a_third_country_leave_the_invoice_origin_unstated() -> None:
    """A Canadian maker whose every item is of US origin states the origin per item: the invoice has none of
    its own; the items' origin is the invoice's when it is the issuer's own country."""
    assert "origin_country" not in values_of(run(FRENCH_ROWS))
    rows = [(x, text.replace("Allemagne", "Canada").replace("Etats-Unis", "Canada")) for x, text in FRENCH_ROWS]
    assert values_of(run(rows))["origin_country"] == "CAN"


def test_the_ordered_quantity_taken_for_the_shipped_one_is_sent_to_review() -> None:
    """Ordered 19,497, shipped 19,447 at 0.0321 = 624.25: the ordered figure read as the quantity misses the
    line's arithmetic, so the reading goes to review."""
    builder = ResultBuilder()
    builder.add_line(
        {
            "quantity": line_field(19497.0, 0.9),
            "unit_price": line_field(0.0321, 0.9, raw="0.0321"),
            "amount": line_field(624.25, 0.9),
        }
    )
    check_totals(builder)
    assert [w["code"] for w in builder.warnings] == ["line_mismatch"]
    right = ResultBuilder()
    right.add_line(
        {
            "quantity": line_field(19447.0, 0.9),
            "unit_price": line_field(0.0321, 0.9, raw="0.0321"),
            "amount": line_field(624.25, 0.9),
        }
    )
    check_totals(right)
    assert right.warnings == []


def test_a_scanned_note_label_with_its_slash_or_colon_glued() -> None:
    """A scan reads ``SH / HS :`` as ``SH/HS:`` and may glue the spaced colon onto the value (``code :7606.12``):
    the notes are still the item's, not its description's words."""
    rows = [
        (x, text.replace("Code SH / HS code : 4016.93", "Code SH/HS code :401693").replace("SH / HS :", "SH/HS:"))
        for x, text in FRENCH_ROWS
    ]
    lines = line_values(run(rows))
    assert [line["description"] for line in lines] == ["Empaque de hule vulcanizado", "Caja de carton corrugado"]
    assert [line["origin_country"] for line in lines] == ["USA", "DEU"]


def test_a_labelled_code_is_no_party_name() -> None:
    """``ITN: X20250306464953`` (an export filing's number after its label) names no party."""
    assert parse_name("ITN: X20250306464953") is None
    assert parse_name("HANSOL PRECISION CO LTD") == ("HANSOL PRECISION CO LTD", (0, 23))


def test_a_scanned_business_number_keeps_its_account_digits() -> None:
    """The program account of a Canadian business number is four digits: ``RTO001`` as a scan read it is RT0001."""
    assert parse_tax_id("169826249 RTO001") == ("169826249 RT0001", (0, 16))
    assert parse_tax_id("14-4566926") == ("14-4566926", (0, 10))


def test_a_gap_a_scan_opened_beside_a_codes_hyphen() -> None:
    line: dict[str, Any] = {"part_number": {"value": "SKU- 323759", "confidence": 0.8}}
    _code_specks(line)
    assert line["part_number"]["value"] == "SKU-323759"


def test_a_two_language_note_label_whose_colon_a_scan_lost() -> None:
    """``Code SH HS code 4016.93 Origine Origin Etats-Unis``: each particular named twice over, in French and in
    English, is a label even without its colon; a description naming an origin once keeps its words."""
    rows = [
        (x, text.replace("Code SH / HS code : 4016.93 Origine / Origin :", "Code SH HS code 4016.93 Origine Origin"))
        for x, text in FRENCH_ROWS
    ]
    lines = line_values(run(rows))
    assert lines[0]["description"] == "Empaque de hule vulcanizado"
    assert lines[0]["origin_country"] == "USA"
