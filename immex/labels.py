"""Human labels for the keys the store keeps (document types, statuses, roles, sources, link kinds, finding
codes): ``_(key)`` shows the label in the user's language, so no screen shows ``commercial_invoice`` or
``text_layer``. A key missing here is shown as it is (and the translation test lists it)."""

from __future__ import annotations

from immex.messages import N_

LABELS: dict[str, str] = {
    # document types (extractors.classify.DOC_TYPES)
    "pedimento": N_("pedimento"),
    "commercial_invoice": N_("commercial invoice"),
    "cfdi": N_("CFDI"),
    "bill_of_lading": N_("bill of lading"),
    "packing_list": N_("packing list"),
    "bom": N_("BOM"),
    "other": N_("other"),
    # document and job statuses
    "received": N_("received"),
    "queued": N_("queued"),
    "storing": N_("storing"),
    "processing": N_("processing"),
    "processed": N_("processed"),
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "quarantined": N_("quarantined"),
    "duplicate": N_("duplicate"),
    "failed": N_("failed"),
    "running": N_("running"),
    "collecting": N_("collecting"),
    "done": N_("done"),
    "error": N_("error"),
    "revoked": N_("revoked"),
    "undone": N_("undone"),
    # lot statuses
    "open": N_("open"),
    "active": N_("active"),
    "expiring": N_("expiring"),
    "expired": N_("expired"),
    "discharged": N_("discharged"),
    "anexo1_excluded": N_("excluded by Anexo I"),
    # roles and who did something
    "admin": N_("admin"),
    "clerk": N_("clerk"),
    "auditor": N_("auditor"),
    "machine": N_("machine"),
    # where a document came from
    "upload": N_("web upload"),
    "email": N_("e-mail"),
    "imap": N_("IMAP mailbox"),
    "folder": N_("folder"),
    "api": N_("API"),
    "cli": N_("command line"),
    "demo": N_("demo"),
    # how its text was read
    "text_layer": N_("text layer"),
    "ocr": N_("OCR"),
    "xml": N_("XML"),
    "mixed": N_("mixed"),
    "none": N_("none"),
    # links
    "invoice_pedimento": N_("invoice → pedimento"),
    "cfdi_pedimento": N_("CFDI → pedimento"),
    "bl_pedimento": N_("B/L → pedimento"),
    "partida_part": N_("partida → part number"),
    "partida": N_("partida"),
    "line": N_("line"),
    # findings
    "lot_expired": N_("lot expired"),
    "lot_expiring": N_("lot expiring"),
    "export_uncovered": N_("export not covered"),
    "import_without_invoice": N_("import without invoice"),
    "part_number_missing": N_("part number missing"),
    "counterpart_ambiguous": N_("invoice fits several pedimentos"),
    "quantity_mismatch": N_("quantities differ"),
    "value_mismatch": N_("values differ"),
    "value_shape": N_("value not in its expected shape"),
    "value_range": N_("value out of its plausible range"),
    "duplicate_value": N_("value listed twice"),
    "label_in_value": N_("value holds a label"),
    "weight_mismatch": N_("weights differ"),
    # reconciliation of a pedimento's sources (evidence.chain.reconcile)
    "structured": N_("SAT record (M3 / Data Stage)"),
    "printout": N_("printout"),
    "invoice": N_("invoice"),
    "missing_printout": N_("printout missing"),
    "missing_structured": N_("SAT record missing"),
    "field_mismatch": N_("values differ between sources"),
    "unmatched_partida": N_("partida without a part number"),
    "m3": N_("validation file (M3)"),
    "application/vnd.immex.m3": N_("validation file (M3)"),
    "application/vnd.immex.datastage+zip": N_("Data Stage extract"),
    "data_stage": N_("Data Stage extract"),
    # extraction warnings (ExtractionResult.warn codes)
    "cce_unmatched": N_("CCE goods do not match"),
    "cfdi_invalid": N_("CFDI not valid"),
    "cfdi_cancelled": N_("CFDI cancelled"),
    "cfdi_namespace": N_("CFDI namespace"),
    "cfdi_unstamped": N_("CFDI not stamped"),
    "check_digit": N_("check digit"),
    "extractor_failed": N_("reading failed"),
    "check_failed": N_("check failed"),
    "copy_disagrees": N_("copies differ"),
    "partida_unread": N_("partida line not read"),
    "line_incomplete": N_("incomplete line"),
    "line_mismatch": N_("line does not add up"),
    "lines_missing": N_("lines missing"),
    "low_layout_agreement": N_("layout unsure"),
    "low_ocr_confidence": N_("low OCR confidence"),
    "missing_field": N_("field missing"),
    "missing_key_fields": N_("key fields missing"),
    "no_extractor": N_("no reader for this type"),
    "not_cfdi": N_("not a CFDI"),
    "other_cfdi": N_("another CFDI in the file"),
    "page_unreadable": N_("page unreadable"),
    "partida_count": N_("partida count"),
    "partida_values": N_("partida values"),
    "pedimento_format": N_("pedimento number format"),
    "pedimento_number": N_("pedimento number"),
    "rfc_format": N_("RFC format"),
    "totals_mismatch": N_("totals differ"),
    "unread_value": N_("printed value not read"),
    "unstated_value": N_("value printed nowhere"),
    "name_shape": N_("name of another kind"),
    "name_cut": N_("name cut short"),
    "description_shape": N_("description of another kind"),
    "part_number_shape": N_("part number holds the row number"),
    "same_party": N_("both parties under one name"),
    "uuid_format": N_("UUID format"),
    "xml_refused": N_("XML refused"),
    # why an export was not covered (evidence.chain.discharge)
    "no_stock": N_("no import lot left to discharge"),
    "no_bom_in_force": N_("no BOM in force on the export's date"),
    # filters
    "all": N_("all"),
    # what an evidence bundle covers (a pedimento, a lot or a period)
    "lot": N_("lot"),
    "period": N_("period"),
}


def label(key: str | None) -> str:
    """The English label of ``key`` (the key itself when it has none)."""
    if key is None:
        return ""
    return LABELS.get(key, key)


# Words the engines put inside the sentences they store, translated with them.
FRAGMENTS = (N_("no part number"), N_("not assigned"), N_("none"))
