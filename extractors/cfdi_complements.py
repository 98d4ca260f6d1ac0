"""CFDI complements that matter for foreign trade: Comercio Exterior, Carta Porte, related CFDI, payments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extractors import checks
from extractors.cfdi_nodes import Attributes, children, descendants
from extractors.xmlsafe import local_name

if TYPE_CHECKING:
    from extractors.cfdi import CfdiReader


_attrs = Attributes
_descendants = descendants
_children = children


def read_related(root: Any, reader: CfdiReader) -> None:
    """UUIDs of related CFDI (CfdiRelacionados, and the invoices a payment complement pays) → references."""
    uuids: list[str] = []
    for node in _descendants(root, "CfdiRelacionado"):
        uuid = _attrs(node).get("UUID")
        if uuid:
            uuids.append(uuid)
    for node in _descendants(root, "DoctoRelacionado"):
        uuid = _attrs(node).get("IdDocumento")
        if uuid:
            uuids.append(uuid)
    for raw in uuids:
        value = raw.strip().upper()
        if checks.uuid_is_valid(value):
            reader.out.add_reference("cfdi_uuid", value)
        else:
            reader.out.warn("uuid_format", f"A related CFDI is identified by {raw!r}, which is not a UUID.")


def read_comercio_exterior(root: Any, reader: CfdiReader) -> dict[str, list[dict[str, str]]]:
    """Header `cce_*` fields; returns the mercancías' attributes by NoIdentificacion (for the join)."""
    nodes = _descendants(root, "ComercioExterior")
    if not nodes:
        return {}
    node = nodes[0]
    attrs = _attrs(node)
    reader.set_text("cce_version", attrs.get("Version"))
    reader.set_text("cce_pedimento_clave", attrs.get("ClaveDePedimento"))
    incoterm = attrs.get("Incoterm")
    reader.set_text("cce_incoterm", incoterm.upper() if incoterm else None)
    reader.set_number("cce_usd_exchange_rate", attrs.get("TipoCambioUSD"))
    reader.set_number("cce_total_usd", attrs.get("TotalUSD"))
    reader.set_text("cce_transfer_reason", attrs.get("MotivoTraslado"))
    origin = attrs.get("CertificadoOrigen")
    if origin is not None:
        if origin in ("0", "1"):
            reader.out.set("certificate_of_origin", origin == "1", 1.0, raw=origin)
        else:
            reader.out.warn(
                "cfdi_invalid",
                f"CertificadoOrigen is {origin!r}; it should be 0 or 1.",
                "certificate_of_origin",
            )
    reader.set_text("certificate_of_origin_number", attrs.get("NumCertificadoOrigen"))
    reader.set_text("trusted_exporter_number", attrs.get("NumeroExportadorConfiable"))
    for receiver in _children(node, "Receptor"):
        reader.out.set("receiver_tax_id", _attrs(receiver).get("NumRegIdTrib"), 1.0, replace=False)
    for owner in _children(node, "Propietario"):
        reader.set_text("owner_tax_id", _attrs(owner).get("NumRegIdTrib"))
    merchandise: dict[str, list[dict[str, str]]] = {}
    for goods in _descendants(node, "Mercancia"):
        goods_attrs = {str(key): str(value).strip() for key, value in goods.attrib.items()}
        key = goods_attrs.get("NoIdentificacion", "")
        merchandise.setdefault(key, []).append(goods_attrs)
        tariff = goods_attrs.get("FraccionArancelaria")
        if tariff and not tariff.isdigit():
            reader.out.warn(
                "cfdi_invalid",
                f"Mercancía {key}: FraccionArancelaria {tariff!r} is not a tariff code.",
                "tariff_code",
            )
    total = reader.out.fields.get("cce_total_usd", {}).get("value")
    values = [
        reader.number(goods.get("ValorDolares"), "usd_value") for items in merchandise.values() for goods in items
    ]
    if total is not None and values and all(value is not None for value in values):
        summed = sum(value for value in values if value is not None)
        if abs(summed - total) > 0.01 * max(1, len(values)):
            reader.out.warn(
                "totals_mismatch",
                f"The mercancías' ValorDolares add up to {summed:.2f} but TotalUSD is {total:.2f}.",
                "cce_total_usd",
            )
    return merchandise


def read_carta_porte(root: Any, reader: CfdiReader) -> None:
    """Carta Porte 2.0 / 3.x: pedimento numbers and the goods' Comercio Exterior UUIDs → references."""
    nodes = [node for node in root.iter() if local_name(node.tag) == "CartaPorte"]
    if not nodes:
        return
    node = nodes[0]
    attrs = _attrs(node)
    reader.set_text("carta_porte_version", attrs.get("Version"))
    reader.set_text("carta_porte_id", attrs.get("IdCCP"))
    reader.set_text("international_transport", attrs.get("TranspInternac"))
    for pedimento in _descendants(node, "Pedimentos"):
        reader.add_pedimento(_attrs(pedimento).get("Pedimento"), "Carta Porte Pedimentos")
    for document in _descendants(node, "DocumentacionAduanera"):
        reader.add_pedimento(_attrs(document).get("NumPedimento"), "Carta Porte DocumentacionAduanera")
    for goods in _descendants(node, "Mercancia"):
        uuid = _attrs(goods).get("UUIDComercioExt")
        if uuid and checks.uuid_is_valid(uuid):
            reader.out.add_reference("cfdi_uuid", uuid.upper())
