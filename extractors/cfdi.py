"""CFDI electronic invoices from their XML (3.2, 3.3, 4.0 and CFDI de retenciones), read exactly, never OCR'd.

The XML is the ground truth: every value comes from an attribute, so each field has confidence 1.0, no box.
Complements handled: Comercio Exterior 1.1 / 2.0 (header `cce_*` fields; mercancías joined to conceptos on
NoIdentificacion), Carta Porte 2.0 / 3.x (pedimento numbers → references), TimbreFiscalDigital (UUID),
CfdiRelacionados and payment complements (related UUIDs → references), InformacionAduanera (pedimentos).
Anything odd (a wrong namespace, a value that is not a number, totals that do not add up, a failed RFC check
digit) becomes a warning; only unsafe or unreadable XML is refused (`xmlsafe.XmlRefused`).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from extractors import checks
from extractors.cfdi_complements import read_carta_porte, read_comercio_exterior, read_related
from extractors.cfdi_nodes import Attributes, child, children, descendants
from extractors.result import ResultBuilder, compact_line, line_field
from extractors.xmlsafe import ParsedXml, local_name, namespace, parse_xml

CFDI_NAMESPACES = {
    "http://www.sat.gob.mx/cfd/3": ("3.2", "3.3"),
    "http://www.sat.gob.mx/cfd/4": ("4.0",),
}
RETENCIONES_NAMESPACES = (
    "http://www.sat.gob.mx/esquemas/retencionpago/1",
    "http://www.sat.gob.mx/esquemas/retencionpago/2",
)
CFDI32_TYPES = {"ingreso": "I", "egreso": "E", "traslado": "T", "nomina": "N", "pago": "P"}


class CfdiReader:
    """Reads one parsed CFDI into a `ResultBuilder`; values that fail to parse become warnings."""

    def __init__(self, builder: ResultBuilder) -> None:
        self.out = builder

    def number(self, raw: str | None, field_name: str) -> float | None:
        if raw is None:
            return None
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            self.out.warn("cfdi_invalid", f"{field_name} is {raw!r}, which is not a number.", field_name)
            return None
        if not value.is_finite():
            self.out.warn("cfdi_invalid", f"{field_name} is {raw!r}, which is not a number.", field_name)
            return None
        return float(value)

    def set_text(self, name: str, raw: str | None) -> None:
        self.out.set(name, raw, 1.0, raw=raw)

    def set_number(self, name: str, raw: str | None) -> None:
        value = self.number(raw, name)
        if value is not None:
            self.out.set(name, value, 1.0, raw=raw)

    def set_rfc(self, name: str, raw: str | None) -> None:
        if raw is None:
            return
        value = checks.compact(raw)
        self.out.set(name, value, 1.0, raw=raw)
        if not checks.rfc_is_valid_format(value):
            self.out.warn("rfc_format", f"{name} {value!r} does not have the layout of an RFC.", name)
        elif not checks.rfc_is_valid(value):
            self.out.warn(
                "check_digit",
                f"The RFC {value} fails its check digit (as 1.5% of real RFCs do); check it with the sender.",
                name,
            )

    def set_date(self, name: str, raw: str | None) -> None:
        if raw is None:
            return
        day = raw.strip()[:10]
        if len(day) == 10 and day[4] == "-" and day[7] == "-" and day.replace("-", "").isdigit():
            self.out.set(name, day, 1.0, raw=raw)
        else:
            self.out.warn("cfdi_invalid", f"{name} is {raw!r}, which is not a date.", name)

    def add_pedimento(self, raw: str | None, where: str) -> None:
        if not raw:
            return
        value = checks.normalise_pedimento(raw)
        if value is None:
            self.out.warn("pedimento_format", f"{where} holds {raw!r}, which is not a 15-digit pedimento number.")
            return
        self.out.add_reference("pedimento", value)


def extract_cfdi_xml(data: bytes) -> tuple[str, float, ResultBuilder]:
    """(doc_type, doc_type_confidence, builder) for XML bytes; refuses unsafe XML with `XmlRefused`."""
    parsed = parse_xml(data)
    return read_parsed(parsed)


def read_parsed(parsed: ParsedXml) -> tuple[str, float, ResultBuilder]:
    builder = ResultBuilder()
    builder.warnings.extend(parsed.warnings)
    root = parsed.root
    name, uri = local_name(root.tag), namespace(root.tag)
    if name == "Comprobante":
        _read_comprobante(root, uri, builder)
        return "cfdi", 1.0 if uri in CFDI_NAMESPACES else 0.9, builder
    if name == "Retenciones":
        _read_retenciones(root, uri, builder)
        return "cfdi", 1.0 if uri in RETENCIONES_NAMESPACES else 0.9, builder
    builder.warn(
        "not_cfdi",
        f"This XML file is not a CFDI (its root element is <{name}>); nothing was extracted from it.",
    )
    return "other", 0.9, builder


def _read_comprobante(root: Any, uri: str, out: ResultBuilder) -> None:
    reader = CfdiReader(out)
    attrs = Attributes(root)
    version = attrs.get("Version")
    if uri not in CFDI_NAMESPACES:
        out.warn(
            "cfdi_namespace",
            f"The CFDI uses namespace {uri or '(none)'!r}, not the SAT's; it was read, but check its origin.",
        )
    elif version and version not in CFDI_NAMESPACES[uri]:
        out.warn("cfdi_namespace", f"Version {version} does not match the namespace {uri}.", "cfdi_version")
    reader.set_text("cfdi_version", version)
    kind = attrs.get("TipoDeComprobante")
    if kind is not None:
        kind = CFDI32_TYPES.get(kind.lower(), kind.upper())
        out.set("cfdi_type", kind, 1.0, raw=attrs.get("TipoDeComprobante"))
    reader.set_text("series", attrs.get("Serie"))
    reader.set_text("folio", attrs.get("Folio"))
    reader.set_date("issue_date", attrs.get("Fecha"))
    reader.set_text("currency", (attrs.get("Moneda") or "").upper() or None)
    reader.set_number("exchange_rate", attrs.get("TipoCambio"))
    reader.set_number("subtotal", attrs.get("SubTotal"))
    reader.set_number("discount", attrs.get("Descuento"))
    reader.set_number("total", attrs.get("Total"))
    reader.set_text("export_code", attrs.get("Exportacion"))
    reader.set_text("place_of_issue", attrs.get("LugarExpedicion"))

    issuer = child(root, "Emisor")
    if issuer is not None:
        issuer_attrs = Attributes(issuer)
        reader.set_rfc("issuer_rfc", issuer_attrs.get("Rfc"))
        reader.set_text("issuer_name", issuer_attrs.get("Nombre"))
    else:
        out.warn("cfdi_invalid", "The CFDI has no Emisor (issuer) node.", "issuer_rfc")
    receiver = child(root, "Receptor")
    if receiver is not None:
        receiver_attrs = Attributes(receiver)
        reader.set_rfc("receiver_rfc", receiver_attrs.get("Rfc"))
        reader.set_text("receiver_name", receiver_attrs.get("Nombre"))
        reader.set_text("receiver_tax_id", receiver_attrs.get("NumRegIdTrib"))
        reader.set_text("receiver_country", receiver_attrs.get("ResidenciaFiscal"))
    else:
        out.warn("cfdi_invalid", "The CFDI has no Receptor (receiver) node.", "receiver_rfc")

    _read_stamp(root, reader)
    read_related(root, reader)
    merchandise = read_comercio_exterior(root, reader)
    read_carta_porte(root, reader)
    _read_conceptos(root, reader, merchandise)
    _check_totals(root, reader)


def _read_stamp(root: Any, reader: CfdiReader) -> None:
    stamps = descendants(root, "TimbreFiscalDigital")
    if not stamps:
        reader.out.warn(
            "cfdi_unstamped",
            "The CFDI has no TimbreFiscalDigital: the SAT never stamped it, so it has no folio fiscal.",
            "uuid",
        )
        return
    stamp = Attributes(stamps[0])
    raw = stamp.get("UUID")
    if raw is None:
        reader.out.warn("cfdi_invalid", "The TimbreFiscalDigital has no UUID.", "uuid")
        return
    value = raw.strip().upper()
    reader.out.set("uuid", value, 1.0, raw=raw)
    if not checks.uuid_is_valid(value):
        reader.out.warn("uuid_format", f"The folio fiscal {raw!r} is not a 36-character UUID.", "uuid")
    reader.set_date("stamp_date", stamp.get("FechaTimbrado"))


def _read_conceptos(root: Any, reader: CfdiReader, merchandise: dict[str, list[dict[str, str]]]) -> None:
    block = child(root, "Conceptos")
    conceptos = children(block, "Concepto") if block is not None else []
    used: set[str] = set()
    for concepto in conceptos:
        attrs = Attributes(concepto)
        part_number = attrs.get("NoIdentificacion")
        line: dict[str, dict[str, Any] | None] = {
            "product_key": line_field(attrs.get("ClaveProdServ"), 1.0),
            "part_number": line_field(part_number, 1.0),
            "description": line_field(attrs.get("Descripcion"), 1.0),
            "quantity": line_field(reader.number(attrs.get("Cantidad"), "quantity"), 1.0),
            "unit": line_field((attrs.get("ClaveUnidad") or attrs.get("Unidad") or "").upper(), 1.0),
            "unit_price": line_field(reader.number(attrs.get("ValorUnitario"), "unit_price"), 1.0),
            "amount": line_field(reader.number(attrs.get("Importe"), "amount"), 1.0),
            "discount": line_field(reader.number(attrs.get("Descuento"), "discount"), 1.0),
        }
        if part_number and merchandise.get(part_number):
            goods = merchandise[part_number].pop(0)
            used.add(part_number)
            tariff = goods.get("FraccionArancelaria")
            if tariff:
                digits = "".join(ch for ch in tariff if ch.isdigit())
                line["tariff_code"] = line_field(digits[:8], 1.0, raw=tariff)
                if len(digits) == 10:
                    line["nico"] = line_field(digits[8:], 1.0, raw=tariff)
            line["customs_quantity"] = line_field(reader.number(goods.get("CantidadAduana"), "customs_quantity"), 1.0)
            line["customs_unit"] = line_field(goods.get("UnidadAduana"), 1.0)
            line["usd_unit_value"] = line_field(reader.number(goods.get("ValorUnitarioAduana"), "usd_unit_value"), 1.0)
            line["usd_value"] = line_field(reader.number(goods.get("ValorDolares"), "usd_value"), 1.0)
        for info in descendants(concepto, "InformacionAduanera"):
            pedimento = Attributes(info).get("NumeroPedimento")
            reader.add_pedimento(pedimento, "InformacionAduanera")
            value = checks.normalise_pedimento(pedimento or "")
            if value and "pedimento_number" not in line:
                line["pedimento_number"] = line_field(value, 1.0, raw=pedimento)
        reader.out.add_line(compact_line(line))
    left = [part for part, goods in merchandise.items() if goods]
    if left:
        reader.out.warn(
            "cce_unmatched",
            "Comercio Exterior mercancías with no matching concepto (NoIdentificacion): " + ", ".join(left[:10]),
        )


def _check_totals(root: Any, reader: CfdiReader) -> None:
    fields = reader.out.fields
    if "subtotal" not in fields:
        return
    amounts = [line["amount"]["value"] for line in reader.out.lines if "amount" in line]
    if not amounts or len(amounts) != len(reader.out.lines):
        return
    subtotal = fields["subtotal"]["value"]
    tolerance = 0.01 * max(1, len(amounts))
    if abs(sum(amounts) - subtotal) > tolerance:
        reader.out.warn(
            "totals_mismatch",
            f"The conceptos add up to {sum(amounts):.2f} but the SubTotal is {subtotal:.2f}.",
            "subtotal",
        )
    taxes = child(root, "Impuestos")
    if taxes is None or "total" not in fields:
        return
    tax_attrs = Attributes(taxes)
    transferred = reader.number(tax_attrs.get("TotalImpuestosTrasladados"), "TotalImpuestosTrasladados") or 0.0
    withheld = reader.number(tax_attrs.get("TotalImpuestosRetenidos"), "TotalImpuestosRetenidos") or 0.0
    discount = fields.get("discount", {}).get("value") or 0.0
    expected = subtotal - discount + transferred - withheld
    if tax_attrs.get("TotalImpuestosTrasladados", "TotalImpuestosRetenidos") and abs(
        expected - fields["total"]["value"]
    ) > max(0.02, tolerance):
        local_taxes = descendants(root, "ImpuestosLocales")
        if not local_taxes:
            reader.out.warn(
                "totals_mismatch",
                f"SubTotal − Descuento + taxes = {expected:.2f}; Total is {fields['total']['value']:.2f}.",
                "total",
            )


def _read_retenciones(root: Any, uri: str, out: ResultBuilder) -> None:
    """A CFDI de retenciones e información de pagos (1.0 / 2.0): no conceptos, totals of what was withheld."""
    reader = CfdiReader(out)
    attrs = Attributes(root)
    if uri not in RETENCIONES_NAMESPACES:
        out.warn("cfdi_namespace", f"The CFDI de retenciones uses namespace {uri or '(none)'!r}.")
    reader.set_text("cfdi_version", attrs.get("Version"))
    out.set("cfdi_kind", "retenciones", 1.0)
    reader.set_text("folio", attrs.get("FolioInt"))
    reader.set_date("issue_date", attrs.get("FechaExp"))
    issuer = child(root, "Emisor")
    if issuer is not None:
        issuer_attrs = Attributes(issuer)
        reader.set_rfc("issuer_rfc", issuer_attrs.get("RfcE", "RFCEmisor"))
        reader.set_text("issuer_name", issuer_attrs.get("NomDenRazSocE"))
    receiver = child(root, "Receptor")
    if receiver is not None:
        national = child(receiver, "Nacional")
        foreign = child(receiver, "Extranjero")
        if national is not None:
            national_attrs = Attributes(national)
            reader.set_rfc("receiver_rfc", national_attrs.get("RfcR", "RFCRecep"))
            reader.set_text("receiver_name", national_attrs.get("NomDenRazSocR"))
        if foreign is not None:
            foreign_attrs = Attributes(foreign)
            reader.set_text("receiver_tax_id", foreign_attrs.get("NumRegIdTribR", "NumRegIdTrib"))
            reader.set_text("receiver_name", foreign_attrs.get("NomDenRazSocR"))
    totals = child(root, "Totales")
    if totals is not None:
        totals_attrs = Attributes(totals)
        reader.set_number("total", totals_attrs.get("MontoTotOperacion"))
        reader.set_number("withheld_total", totals_attrs.get("MontoTotRet"))
    _read_stamp(root, reader)
