"""A CFDI XML as a clerk reads it: issuer, receiver, totals, conceptos and the foreign-trade complement's
mercancías (CCE), parsed with the readers' safe XML parser. A file that cannot be read gives ``None`` (the page
then shows the XML as text)."""

from __future__ import annotations

from typing import Any

from extractors.cfdi_nodes import Attributes, child, children, descendants
from extractors.xmlsafe import XmlRefused, parse_xml

HEADER = (
    ("Serie", "series"),
    ("Folio", "folio"),
    ("Fecha", "date"),
    ("TipoDeComprobante", "kind"),
    ("Moneda", "currency"),
    ("TipoCambio", "exchange_rate"),
    ("SubTotal", "subtotal"),
    ("Total", "total"),
)
PARTY = (("Rfc", "rfc"), ("Nombre", "name"), ("RegimenFiscal", "regime"), ("UsoCFDI", "use"))
CONCEPTO = (
    ("NoIdentificacion", "part_number"),
    ("ClaveProdServ", "product_key"),
    ("Descripcion", "description"),
    ("Cantidad", "quantity"),
    ("ClaveUnidad", "unit"),
    ("ValorUnitario", "unit_price"),
    ("Importe", "amount"),
)
MERCANCIA = (
    ("NoIdentificacion", "part_number"),
    ("FraccionArancelaria", "tariff_code"),
    ("CantidadAduana", "quantity"),
    ("UnidadAduana", "unit"),
    ("ValorUnitarioAduana", "unit_usd"),
    ("ValorDolares", "usd"),
)


def _pick(element: Any, names: tuple[tuple[str, str], ...]) -> dict[str, str | None]:
    attrs = Attributes(element)
    return {key: attrs.get(name) for name, key in names}


def readable_cfdi(data: bytes) -> dict[str, Any] | None:
    """The parts of a CFDI a person checks, or None when ``data`` is not a readable CFDI."""
    try:
        root = parse_xml(data).root
    except XmlRefused:
        return None
    if not str(root.tag).endswith("Comprobante"):
        return None
    issuer = child(root, "Emisor")
    receiver = child(root, "Receptor")
    conceptos = child(root, "Conceptos")
    stamp = descendants(root, "TimbreFiscalDigital")
    cce = descendants(root, "ComercioExterior")
    out: dict[str, Any] = {
        "header": _pick(root, HEADER),
        "issuer": _pick(issuer, PARTY) if issuer is not None else {},
        "receiver": _pick(receiver, PARTY) if receiver is not None else {},
        "conceptos": [_pick(c, CONCEPTO) for c in children(conceptos, "Concepto")] if conceptos is not None else [],
        "uuid": Attributes(stamp[0]).get("UUID") if stamp else None,
        "cce": None,
    }
    if cce:
        attrs = Attributes(cce[0])
        out["cce"] = {
            "incoterm": attrs.get("Incoterm"),
            "pedimento_key": attrs.get("ClaveDePedimento"),
            "usd_rate": attrs.get("TipoCambioUSD"),
            "total_usd": attrs.get("TotalUSD"),
            "mercancias": [_pick(m, MERCANCIA) for m in descendants(cce[0], "Mercancia")],
        }
    return out
