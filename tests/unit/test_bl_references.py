"""A B/L's references read where a form prints them: a seal number under its label in a row of labels (a truck
bill's header boxes), and an invoice or order number after a label that adds the word "reference"."""

from __future__ import annotations

from extractors.bill_of_lading import extract_bill_of_lading
from extractors.text import DocumentText
from tests.unit.test_bl_shapes import page_from


def _references(rows: list[tuple[float, str]]) -> set[tuple[str, str]]:
    builder = extract_bill_of_lading(DocumentText("application/pdf", [page_from(rows)]))
    return {(ref["kind"], ref["value"]) for ref in builder.references}


def test_seals_under_their_label_in_a_row_of_labels() -> None:
    refs = _references(
        [
            (30, "STRAIGHT BILL OF LADING - SHORT FORM - NOT NEGOTIABLE"),
            (30, "BOL #                 SHIP DATE             TRAILER NO.          SEAL NO."),
            (30, " LSFL5969977          08/12/2024            TR72278              3593065, EU9030426"),
            (30, "SHIPPER (FROM)                 CONSIGNEE (TO)"),
        ]
    )
    assert {("seal", "3593065"), ("seal", "EU9030426")} <= refs
    assert ("seal", "TR72278") not in refs  # the trailer's box, left of the seal's


def test_a_seal_beside_its_label_is_still_read_on_the_row() -> None:
    refs = _references([(30, "BILL OF LADING"), (30, "SEAL NO.: SH1281028")])
    assert ("seal", "SH1281028") in refs


def test_invoice_and_order_numbers_after_a_label_that_says_reference() -> None:
    refs = _references(
        [
            (30, "BILL OF LADING - DRAFT FOR CHECKING"),
            (30, "Invoice Reference: 9739606     Purchase Order Reference: PO-55615865"),
            (30, "P.O. Ref. 4588181823"),
        ]
    )
    assert {("invoice", "9739606"), ("po", "PO-55615865"), ("po", "4588181823")} <= refs
    assert ("invoice", "REFERENCE") not in refs


def test_a_bilingual_forms_labels_with_their_translation_and_a_trailer_and_seals_caption() -> None:
    refs = _references(
        [
            (30, "STRAIGHT BILL OF LADING - ORIGINAL - NOT NEGOTIABLE"),
            (30, "Invoice / Facture: INV-2025-99423"),
            (30, "P.O. / Bon de commande: 4531914231, PO-83266122"),
            (30, "Trailer / Remorque - Seals / Scellés"),
            (32, "CJ42230 ML-7092746 ML-8457009"),
        ]
    )
    assert {("invoice", "INV-2025-99423"), ("po", "4531914231"), ("po", "PO-83266122")} <= refs
    assert {("seal", "ML-7092746"), ("seal", "ML-8457009")} <= refs
    assert ("seal", "CJ42230") not in refs  # the trailer's number, first under a caption that names it first


def test_an_invoice_after_an_abbreviation_with_its_period() -> None:
    refs = _references([(30, "BILL OF LADING"), (30, "Marks: INV. H3380-22 PO 4533343649")])
    assert {("invoice", "H3380-22"), ("po", "4533343649")} <= refs


def test_orders_under_a_caption_that_runs_on_end_before_the_invoice_beside_them() -> None:
    refs = _references(
        [
            (30, "STRAIGHT BILL OF LADING - SHORT FORM"),
            (30, "Trailer No.            Seal No(s).            Customer PO / Reference"),
            (30, "   UTX75428              SH7965036                4549853989 PO-34986424 INV F398121"),
            (30, "SHIPPER (FROM)                          CONSIGNEE (TO)"),
        ]
    )
    assert {("po", "4549853989"), ("po", "PO-34986424"), ("invoice", "F398121")} <= refs
    assert ("po", "F398121") not in refs  # the invoice beside the orders is no order
