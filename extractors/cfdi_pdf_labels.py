"""The labels a CFDI printout prints beside its header fields, in the wordings issuers use (Spanish, without
their joining words, and English), with the decoys that contain a wanted label but name something else, and the
comprobante types as printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.value_labels import normalised

LABELS: dict[str, Sequence[str]] = {
    "uuid": ["FOLIO FISCAL", "FOLIO FISCAL UUID", "NO DE FOLIO FISCAL", "FOLIO SAT", "UUID FOLIO FISCAL"],
    "uuid_any": ["UUID"],
    "series": ["SERIE"],
    "series_folio": ["SERIE Y FOLIO", "SERIE / FOLIO", "SERIE/FOLIO", "SERIE - FOLIO"],
    "folio": ["FOLIO", "FOLIO INTERNO"],
    "issue_date": [
        "FECHA Y HORA DE EMISION",
        "FECHA DE EMISION",
        "FECHA",
        # the SAT viewer's and other printouts' joint labels: the value below starts under the label's start
        "CODIGO POSTAL FECHA Y HORA DE EMISION",
        "LUGAR FECHA Y HORA DE EMISION",
        "LUGAR Y FECHA DE EMISION",
        "LUGAR Y FECHA DE EXPEDICION",
        "FECHA Y LUGAR DE EXPEDICION",
        "FECHA DE EXPEDICION",
        "FECHA Y HORA DE EXPEDICION",
    ],
    "stamp_date": [
        "FECHA Y HORA DE CERTIFICACION",
        "FECHA HORA CERTIFICACION",
        "FECHA DE CERTIFICACION",
        "FECHA DE TIMBRADO",
        "FECHA Y HORA DE TIMBRADO",
    ],
    "subtotal": ["SUBTOTAL", "SUB TOTAL"],
    "total": ["TOTAL", "MONTO TOTAL DE OPERACION"],
    "currency": ["MONEDA", "DIVISA"],
    "exchange_rate": ["TIPO DE CAMBIO", "TIPO CAMBIO", "TIPOCAMBIO", "T C"],
    "issuer_name": [
        "DATOS DEL EMISOR",
        "EMISOR",
        "NOMBRE DEL EMISOR",
        "NOMBRE EMISOR",
        "RAZON SOCIAL EMISOR",
        "RAZON SOCIAL DEL EMISOR",
        "NOMBRE O RAZON SOCIAL DEL EMISOR",
        "EXPEDIDO POR",
    ],
    "receiver_name": [
        "DATOS DEL RECEPTOR",
        "RECEPTOR",
        "NOMBRE DEL RECEPTOR",
        "NOMBRE RECEPTOR",
        "CLIENTE",
        "RAZON SOCIAL DEL RECEPTOR",
        "NOMBRE O RAZON SOCIAL DEL RECEPTOR",
        "NOMBRE DEL CLIENTE",
        "DATOS DEL CLIENTE",
        "FACTURAR A",
        "FACTURADO A",
        "VENDIDO A",
    ],
    "_name": ["NOMBRE", "RAZON SOCIAL", "NOMBRE O RAZON SOCIAL"],
    "issuer_rfc": ["RFC EMISOR", "RFC DEL EMISOR", "RFC EMPRESA"],
    "receiver_rfc": ["RFC RECEPTOR", "RFC DEL RECEPTOR", "RFC CLIENTE", "RFC DEL CLIENTE"],
    "_rfc": ["RFC", "R F C"],
    "_regimen": [
        "REGIMEN FISCAL",
        "USO DEL CFDI",
        "USO CFDI",
        "NUM REG ID TRIB",
        # the Comercio Exterior's receptor's foreign tax id: its "receptor" is no heading of the receptor's panel
        "NUM REG ID TRIB DEL RECEPTOR",
        "NUM REG ID TRIB RECEPTOR",
        "RESIDENCIA FISCAL",
        # CFDI 4.0's receptor fields: their "receptor" is no heading of the receptor's panel
        "REGIMEN FISCAL RECEPTOR",
        "REGIMEN FISCAL DEL RECEPTOR",
        "DOMICILIO FISCAL RECEPTOR",
        "DOMICILIO FISCAL DEL RECEPTOR",
        "REGIMEN FISCAL EMISOR",
        "REGIMEN FISCAL DEL EMISOR",
    ],
    # payment terms printed beside the parties: their values are no name
    "_payment": ["FORMA DE PAGO", "METODO DE PAGO", "CONDICIONES DE PAGO"],
    "cfdi_version": [
        "VERSION",
        # receipts abbreviate it ("VER: 4.0", "Vers. 4.0")
        "VER",
        "VERS",
        "VERSION CFDI",
        "VERSION DEL CFDI",
        "CFDI VERSION",
        "VERSION DEL COMPROBANTE",
        "VERSION COMPROBANTE",
    ],
    "cfdi_type": ["COMPROBANTE", "TIPO DE COMPROBANTE", "EFECTO DEL COMPROBANTE", "EFECTO", "TIPO", "TIPO DE CFDI"],
    # decoys: labels that contain a wanted label but name something else
    "_taxes": [
        "TOTAL IMP TRASLADADOS",
        "TOTAL IMP RETENIDOS",
        "TOTAL IMPUESTOS TRASLADADOS",
        "TOTAL IMPUESTOS RETENIDOS",
        "IVA TRASLADADO",
    ],
    # a cancelled CFDI's status box: the cancellation's date is no issue date, and the folio fiscal of the CFDI
    # that replaces it (motive 01) is not this CFDI's
    "_cancellation": [
        "FECHA DE CANCELACION",
        "FECHA Y HORA DE CANCELACION",
        "FECHA DE SOLICITUD DE CANCELACION",
        "MOTIVO DE CANCELACION",
        "FOLIO FISCAL SUSTITUTO",
        "FOLIO SUSTITUTO",
        "FOLIO DE SUSTITUCION",
        "FOLIO FISCAL DE SUSTITUCION",
        "UUID SUSTITUTO",
        "UUID DE SUSTITUCION",
    ],
    "_other_totals": ["MONTO TOTAL GRAVADO", "MONTO TOTAL EXENTO", "MONTO TOTAL RETENIDO", "TOTAL IVA"],
    # a packing list's totals printed beside the invoice's (a printout that travels with the load): counts of
    # pallets or packages and weights, no amount of the comprobante
    "_packing_totals": [
        "TOTAL TARIMAS",
        "TOTAL DE TARIMAS",
        "TOTAL BULTOS",
        "TOTAL DE BULTOS",
        "TOTAL PIEZAS",
        "TOTAL DE PIEZAS",
        "TOTAL CAJAS",
        "TOTAL DE CAJAS",
        "TOTAL PALLETS",
        "TOTAL PACKAGES",
        "TOTAL PIECES",
        "TOTAL CARTONS",
        "TOTAL KG",
        "TOTAL KGS",
        "PESO TOTAL",
        "PESO NETO TOTAL",
        "PESO BRUTO TOTAL",
        "PESO NETO TOTAL KG",
        "PESO BRUTO TOTAL KG",
        "TOTAL PESO NETO",
        "TOTAL PESO BRUTO",
        "TOTAL NET WEIGHT",
        "TOTAL GROSS WEIGHT",
    ],
    # the total in words ("Total con letra: (UN MILLÓN ... 54/100 USD)"): its cents are no total
    "_in_words": ["TOTAL CON LETRA", "IMPORTE CON LETRA", "CANTIDAD CON LETRA", "TOTAL EN LETRA"],
    # "TIPO" alone names the comprobante's type; these name other things
    "_other_types": [
        "TIPO DE RETENCION",
        "TIPO DE IMPUESTO",
        "TIPO DE PAGO",
        "TIPO DE SERVICIO",
        "TIPO FACTOR",
        "TIPO DE RELACION",
        "TIPO RELACION",
        "TIPO DE OPERACION",
    ],
    "_place": ["LUGAR DE EMISION", "LUGAR DE EXPEDICION", "EXPEDICION"],
    # where the goods go, printed beside the sold-to box of export invoices: its name is no receiver's, and its
    # heading ends the sold-to column
    "_ship_to": ["EMBARCADO A", "EMBARCAR A", "ENVIADO A", "ENVIAR A", "CONSIGNADO A", "LUGAR DE ENTREGA"],
    "_cert": [
        "NUMERO SERIE CERTIFICADO SAT",
        "NUMERO SERIE CERTIFICADO EMISOR",
        "NUMERO DE CERTIFICADO",
        "NO DE SERIE DEL CSD",
        # the emisor's certificate: its "emisor" is no heading of the emisor's name
        "NO DE SERIE DEL CSD DEL EMISOR",
        "NO DE SERIE DEL CERTIFICADO DEL EMISOR",
        "NUMERO DE SERIE DEL CERTIFICADO DEL EMISOR",
        "CSD DEL EMISOR",
        "CERTIFICADO DEL EMISOR",
        "NO DE SERIE DEL CERTIFICADO",
        "NO DE SERIE DEL CERTIFICADO DEL SAT",
        "NUMERO DE SERIE DEL CERTIFICADO",
        "SERIE DEL CERTIFICADO",
        "SERIE CSD",
        "NO CERTIFICADO",
        # "No. certificado emisor" / "No. certificado SAT": its "emisor" is no heading of the emisor's name
        "NO CERTIFICADO EMISOR",
        "NO CERTIFICADO SAT",
        "NO DE CERTIFICADO EMISOR",
        "NO DE CERTIFICADO SAT",
        "CERTIFICADO",
    ],
    # an ERP's invoice number ("Factura: EXP-1234"): series and folio when no label gives them apart
    "_invoice_no": ["FACTURA", "FACTURA NO", "NO DE FACTURA", "NUMERO DE FACTURA", "FOLIO DE FACTURA"],
}


# The same fields as bilingual and English printouts label them (maquiladoras invoicing a foreign customer print
# "Bill To", "Fiscal Folio (UUID)", "Exchange Rate" beside or instead of the Spanish wording).
ENGLISH: dict[str, Sequence[str]] = {
    "uuid": ["FISCAL FOLIO", "FISCAL FOLIO UUID", "FISCAL UUID"],
    "series": ["SERIES"],
    "series_folio": ["SERIES AND FOLIO", "SERIES / FOLIO", "SERIES/FOLIO", "SERIES - FOLIO", "SERIES-FOLIO"],
    "issue_date": ["ISSUE DATE", "DATE OF ISSUE", "INVOICE DATE", "DATE ISSUED", "DATE"],
    "stamp_date": ["CERTIFICATION DATE", "DATE OF CERTIFICATION", "STAMP DATE", "STAMPING DATE"],
    "currency": ["CURRENCY"],
    "exchange_rate": ["EXCHANGE RATE", "EXCH RATE", "RATE OF EXCHANGE"],
    "issuer_name": ["ISSUER", "ISSUED BY", "ISSUER NAME"],
    "receiver_name": ["RECEIVER", "RECEIVER NAME", "BILL TO", "BILLED TO", "SOLD TO", "CUSTOMER", "CUSTOMER NAME"],
    "_name": ["NAME", "COMPANY NAME", "LEGAL NAME"],
    "issuer_rfc": ["ISSUER RFC"],
    "receiver_rfc": ["RECEIVER RFC", "CUSTOMER RFC"],
    "_regimen": ["TAX REGIME", "CFDI USE", "USE OF CFDI", "TAX ID", "TAX ID NUMBER", "TAX RESIDENCE"],
    "_payment": ["PAYMENT METHOD", "PAYMENT FORM", "FORM OF PAYMENT", "METHOD OF PAYMENT", "PAYMENT TERMS"],
    "cfdi_type": ["VOUCHER TYPE", "TYPE OF VOUCHER", "RECEIPT TYPE", "CFDI TYPE", "DOCUMENT TYPE"],
    "_cancellation": ["CANCELLATION DATE", "DATE OF CANCELLATION", "SUBSTITUTE FOLIO", "REPLACEMENT FOLIO"],
    "_taxes": ["TOTAL TAXES", "TOTAL TAX", "TOTAL VAT", "TRANSFERRED TAXES", "WITHHELD TAXES"],
    "_in_words": ["AMOUNT IN WORDS", "TOTAL IN WORDS"],
    "_place": ["PLACE OF ISSUE", "ISSUE PLACE", "PLACE OF EXPEDITION"],
    "_cert": ["CERTIFICATE NO", "CERTIFICATE NUMBER", "SAT CERTIFICATE", "CSD SERIAL", "CERTIFICATE"],
    "_invoice_no": ["INVOICE", "INVOICE NO", "INVOICE NUMBER", "INVOICE #"],
    "_ship_to": ["SHIP TO", "SHIPPED TO", "DELIVER TO", "CONSIGNEE", "CONSIGNED TO"],
}


LABELS = {key: [*wordings, *ENGLISH.get(key, ())] for key, wordings in LABELS.items()}


def _without_joiners(labels: dict[str, Sequence[str]]) -> dict[str, Sequence[str]]:
    """Each wording also without its joining words ("FECHA DE EMISION" → "FECHA EMISION"): issuers drop them
    freely, and a label missed for want of a "DE" loses its value."""
    out: dict[str, Sequence[str]] = {}
    for key, wordings in labels.items():
        more = list(wordings)
        for wording in wordings:
            short = " ".join(word for word in wording.split() if word not in _JOINERS)
            if short and short not in more:
                more.append(short)
        out[key] = more
    return out


_JOINERS = frozenset({"DE", "DEL", "LA", "EL", "Y"})


LABELS = _without_joiners(LABELS)


TYPES = {
    "I": "I",
    "INGRESO": "I",
    "E": "E",
    "EGRESO": "E",
    "T": "T",
    "TRASLADO": "T",
    "N": "N",
    "NOMINA": "N",
}


TYPES.update({"P": "P", "PAGO": "P"})


TYPES.update({"INCOME": "I", "EXPENSE": "E", "EGRESS": "E", "TRANSFER": "T", "PAYROLL": "N", "PAYMENT": "P"})


LABEL_WORDS = normalised(label for labels in LABELS.values() for label in labels)


BELOW_FIRST = {"issuer_name", "receiver_name"}


LABELS_APART = {key: labels for key, labels in LABELS.items() if key != "series_folio"}
