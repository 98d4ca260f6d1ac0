"""Human names of the fields the readers extract (``extraction-v1`` field and line names), shown on the
validation screen in the user's language instead of ``customs_value_mxn``; and how brokers write some values
(a pedimento number as ``26 43 3585 6243715``). A field missing here is shown by its name."""

from __future__ import annotations

import re
from typing import Any

from immex.messages import N_

FIELD_LABELS: dict[str, str] = {
    # pedimento
    "pedimento_number": N_("Pedimento number"),
    "rectifies_pedimento": N_("Rectifies pedimento"),
    "clave": N_("Pedimento key"),
    "operation_type": N_("Operation"),
    "regimen": N_("Regime"),
    "customs_office": N_("Customs office"),
    "customs_section": N_("Customs section"),
    "patente": N_("Broker's licence"),
    "entry_date": N_("Entry date"),
    "payment_date": N_("Payment date"),
    "presentation_date": N_("Presentation date"),
    "exchange_rate": N_("Exchange rate"),
    "usd_value": N_("Value in USD"),
    "customs_value_mxn": N_("Customs value (MXN)"),
    "commercial_value_mxn": N_("Commercial value (MXN)"),
    "paid_price_mxn": N_("Price paid (MXN)"),
    "value_added": N_("Value added"),
    "importer_exporter_name": N_("Importer / exporter"),
    "importer_exporter_rfc": N_("Importer / exporter RFC"),
    "immex_program": N_("IMMEX programme"),
    "partida_count": N_("Number of partidas"),
    "gross_weight_kg": N_("Gross weight (kg)"),
    "origin_country": N_("Country of origin"),
    "origin_destination_country": N_("Country of origin / destination"),
    "seller_buyer_country": N_("Seller / buyer country"),
    "sequence": N_("Partida"),
    "tariff_code": N_("Fracción"),
    "nico": N_("NICO"),
    "umc": N_("Commercial unit"),
    "umc_quantity": N_("Commercial quantity"),
    "umt": N_("Tariff unit"),
    "umt_quantity": N_("Tariff quantity"),
    # invoices
    "invoice_number": N_("Invoice number"),
    "invoice_date": N_("Invoice date"),
    "purchase_order": N_("Purchase order"),
    "seller_name": N_("Seller"),
    "seller_tax_id": N_("Seller tax id"),
    "buyer_name": N_("Buyer"),
    "buyer_tax_id": N_("Buyer tax id"),
    "currency": N_("Currency"),
    "incoterm": N_("Incoterm"),
    "subtotal_amount": N_("Subtotal"),
    "total_amount": N_("Total"),
    "subtotal": N_("Subtotal"),
    "total": N_("Total"),
    "certificate_of_origin": N_("Certificate of origin"),
    "certificate_of_origin_number": N_("Certificate of origin number"),
    "freight_terms": N_("Freight terms"),
    "package_count": N_("Packages"),
    "part_number": N_("Part number"),
    "description": N_("Description"),
    "quantity": N_("Quantity"),
    "unit": N_("Unit"),
    "unit_price": N_("Unit price"),
    # a price quoted for a number of pieces (per thousand), and that number
    "quoted_price": N_("Price as quoted"),
    "price_basis": N_("Pieces the price is for"),
    "amount": N_("Amount"),
    # CFDI
    "uuid": N_("Fiscal folio (UUID)"),
    "cfdi_uuid": N_("Fiscal folio (UUID)"),
    "cfdi_type": N_("CFDI type"),
    "cfdi_kind": N_("CFDI kind"),
    "cfdi_version": N_("CFDI version"),
    "series": N_("Series"),
    "folio": N_("Folio"),
    "issue_date": N_("Issue date"),
    "stamp_date": N_("Stamp date"),
    "issuer_name": N_("Issuer"),
    "issuer_rfc": N_("Issuer RFC"),
    "receiver_name": N_("Receiver"),
    "receiver_rfc": N_("Receiver RFC"),
    "receiver_tax_id": N_("Receiver tax id"),
    "receiver_country": N_("Receiver country"),
    "product_key": N_("Product key"),
    "customs_quantity": N_("Customs quantity"),
    "customs_unit": N_("Customs unit"),
    "usd_unit_value": N_("Unit value in USD"),
    "cce_version": N_("Foreign trade complement version"),
    "cce_incoterm": N_("Incoterm (foreign trade complement)"),
    "cce_pedimento_clave": N_("Pedimento key (foreign trade complement)"),
    "cce_total_usd": N_("Total in USD (foreign trade complement)"),
    "cce_transfer_reason": N_("Transfer reason"),
    "cce_usd_exchange_rate": N_("USD exchange rate (foreign trade complement)"),
    "withheld_total": N_("Taxes withheld"),
    "discount": N_("Discount"),
    # bills of lading
    "bl_number": N_("B/L number"),
    "bl_kind": N_("Transport"),
    "carrier_name": N_("Carrier"),
    "carrier_scac": N_("Carrier SCAC"),
    "shipper_name": N_("Shipper"),
    "consignee_name": N_("Consignee"),
    "notify_party_name": N_("Notify party"),
    "vessel": N_("Vessel"),
    "voyage": N_("Voyage"),
    "vessel_voyage": N_("Vessel and voyage"),
    "port_of_loading": N_("Port of loading"),
    "port_of_discharge": N_("Port of discharge"),
    "place_of_delivery": N_("Place of delivery"),
    "place_of_issue": N_("Place of issue"),
    "shipped_on_board_date": N_("Shipped on board"),
    "container_number": N_("Container"),
    "seal_number": N_("Seal"),
    "goods_description": N_("Goods"),
    "measurement": N_("Measurement"),
    # a person's corrections of the document itself
    "doc_type": N_("Document type"),
    "line_removed": N_("Line removed"),
}

PEDIMENTO_FIELDS = frozenset({"pedimento_number", "rectifies_pedimento"})
_PEDIMENTO = re.compile(r"^\s*(\d{2})\D*(\d{2})\D*(\d{4})\D*(\d{7})\s*$")


def field_label(name: str | None) -> str:
    """The English label of field ``name`` (the name itself when it has none); translate it with ``_()``."""
    if not name:
        return ""
    return FIELD_LABELS.get(name, name)


def pedimento_display(value: Any) -> str | None:
    """A 15-digit pedimento number as brokers write it (``26 43 3585 6243715``), or None when it is not one."""
    if value is None:
        return None
    match = _PEDIMENTO.match(str(value))
    return " ".join(match.groups()) if match else None
