"""The header's labels as data: every spelling broker systems print, and the parsers of their values."""

from __future__ import annotations

import re
from typing import Any

from extractors.layout import (
    norm,
    ocr_digits,
    parse_choice,
    parse_date,
    parse_int,
    parse_name,
    parse_pedimento,
    parse_regex,
    parse_rfc,
)

# Header fields: contract name → the labels printed beside the value.
# The key of the date labelled "Entrada/Presentación": not a field of the contract, resolved by the operation.
ENTRY_OR_PRESENTATION = "_entry_or_presentation_date"
# The key of a bare "Clave" label (see ``parse_known_clave``).
BARE_CLAVE = "_bare_clave"
HEADER_LABELS: dict[str, list[str]] = {
    "pedimento_number": [
        "NUM. PEDIMENTO",
        "NUMERO DE PEDIMENTO",
        "NUM. DE PEDIMENTO",
        "NO. PEDIMENTO",
        "NO. DE PEDIMENTO",
        "PEDIMENTO NO.",
        "NUMERO PEDIMENTO",
        "PEDIMENTO NUM.",
        # a broker's courtesy translation for a US parent company captions the pedimento in English
        "PEDIMENTO (ENTRY) NO.",
        "PEDIMENTO NUMBER",
    ],
    "operation_type": [
        "T. OPER",
        "TIPO OPER",
        "TIPO DE OPERACION",
        "TIPO OPERACION",
        "T. OPERACION",
        "TIPO.OPER",
        "OPERATION",
        "OPERATION TYPE",
        "TYPE OF OPERATION",
    ],
    "clave": [
        "CVE. PEDIMENTO",
        "CVE PEDIMENTO",
        "CLAVE DE PEDIMENTO",
        "CLAVE PEDIMENTO",
        "CVE. PED.",
        "CVE. DOC.",
        "PEDIMENTO KEY",
        "PEDIMENTO CODE",
    ],
    # a web system's header cell, beside the operation type and the régimen: a bare "Clave" also heads the
    # identifiers' table, so its value counts only when it is a known clave de pedimento (longer labels that
    # start so, CLAVE PREVALIDADOR, CLAVE EN EL RFC, win over it)
    BARE_CLAVE: ["CLAVE"],
    "regimen": ["REGIMEN", "CVE. REGIMEN", "CLAVE DE REGIMEN", "CUSTOMS REGIME", "REGIME"],
    "customs_office": [
        "ADUANA E/S",
        "ADUANA ENTRADA/SALIDA",
        "ADUANA DE ENTRADA/SALIDA",
        "ADUANA ENTRADA SALIDA",
        "ADUANA/SECCION",
        "ADUANA DE DESPACHO",
        # the single window's query page names the cell after the office and section (Anexo 22 field 5)
        "ADUANA-SECCION DE ENTRADA/SALIDA",
        "ADUANA-SECCION",
        "PORT OF ENTRY (ADUANA)",
        "PORT OF ENTRY",
        "CUSTOMS OFFICE",
    ],
    "patente": [
        "PATENTE",
        "PATENTE O AUTORIZACION",
        "PATENTE/AUTORIZACION",
        "NUM. PATENTE",
        "NO. PATENTE",
        # a system that keys the number as the broker does, patente then sequence (``3445-5001234``)
        "PATENTE-PEDIMENTO",
        "BROKER LICENSE",
        "CUSTOMS BROKER LICENSE",
    ],
    "exchange_rate": ["TIPO CAMBIO", "TIPO DE CAMBIO", "T. CAMBIO", "T.C.", "EXCHANGE RATE"],
    "gross_weight_kg": [
        "PESO BRUTO",
        "PESO BRUTO (KG)",
        "PESO BRUTO KG",
        "PESO BRUTO KGS",
        "GROSS WEIGHT",
        "GROSS WEIGHT (KG)",
        "GROSS WEIGHT KG",
    ],
    "usd_value": [
        "VALOR DOLARES",
        "VALOR EN DOLARES",
        "VALOR USD",
        "VALOR DLS",
        "VAL. DOLARES",
        "VALUE USD",
        "USD VALUE",
        "VALUE IN USD",
    ],
    "customs_value_mxn": ["VALOR ADUANA", "VALOR EN ADUANA", "VAL. ADUANA", "CUSTOMS VALUE", "CUSTOMS VALUE MXN"],
    "commercial_value_mxn": [
        "PRECIO PAGADO/VALOR COMERCIAL",
        "PRECIO PAGADO / VALOR COMERCIAL",
        "VALOR COMERCIAL",
        "PRECIO PAGADO",
        "COMMERCIAL VALUE",
        "COMMERCIAL VALUE MXN",
        "PAID PRICE",
    ],
    "importer_exporter_rfc": [
        "RFC",
        "R.F.C.",
        "RFC DEL IMPORTADOR/EXPORTADOR",
        "RFC IMPORTADOR/EXPORTADOR",
        "RFC DEL IMPORTADOR",
        "RFC DEL EXPORTADOR",
        "CLAVE EN EL RFC",
        "TAX ID (RFC)",
    ],
    "importer_exporter_name": [
        "NOMBRE, DENOMINACION O RAZON SOCIAL",
        "NOMBRE O RAZON SOCIAL",
        "RAZON SOCIAL",
        "NOMBRE O RAZ. SOC",
        "NOMBRE DEL IMPORTADOR/EXPORTADOR",
        "NOMBRE IMPORTADOR/EXPORTADOR",
        "NOMBRE DEL IMPORTADOR",
        "NOMBRE DEL EXPORTADOR",
        "NOMBRE IMP/EXP",
        "NOMBRE IMP./EXP.",
        "NOMBRE IMPORTADOR",
        "NOMBRE EXPORTADOR",
        # a line printer's bare label, under the importer's RFC (the broker's and the supplier's names are
        # labelled as theirs, and printed after the importer's: reading order takes the importer's)
        "NOMBRE",
        "IMPORTER/EXPORTER",
        "IMPORTER/EXPORTER NAME",
    ],
    "entry_date": ["ENTRADA", "FECHA DE ENTRADA", "FECHA ENTRADA", "ENTRY DATE", "DATE OF ENTRY"],
    "payment_date": ["PAGO", "FECHA DE PAGO", "FECHA PAGO", "PAYMENT DATE", "DATE OF PAYMENT"],
    "presentation_date": [
        "PRESENTACION",
        "FECHA DE PRESENTACION",
        "FECHA PRESENTACION",
        "PRESENTATION DATE",
        "DATE OF PRESENTATION",
    ],
    # one date cell for both (Anexo 22 prints the entry date of an import, the presentation date of an
    # export): which it is follows the operation (``ENTRY_OR_PRESENTATION``)
    ENTRY_OR_PRESENTATION: ["ENTRADA/PRESENTACION", "FECHA DE ENTRADA/PRESENTACION", "ENTRADA / PRESENTACION"],
    "immex_program": [
        "PROGRAMA IMMEX",
        "NUM. PROGRAMA IMMEX",
        "NO. PROGRAMA IMMEX",
        "PROGRAMA IMMEX NO.",
        "IMMEX PROGRAM",
        "IMMEX PROGRAM NO.",
    ],
    "partida_count": [
        "NUM. TOTAL DE PARTIDAS",
        "TOTAL DE PARTIDAS",
        "NUMERO DE PARTIDAS",
        "NUM. DE PARTIDAS",
        "NO. DE PARTIDAS",
        # a spreadsheet's shorter caption (``num. partidas``)
        "NUM. PARTIDAS",
        "NO. PARTIDAS",
        "TOTAL LINE ITEMS",
        "NUMBER OF LINE ITEMS",
    ],
    # labels that are not contract fields but stop a neighbouring value from running on
    "_other": [
        "DESTINO",
        "DESTINO/ORIGEN",
        "CURP",
        "DOMICILIO",
        "CERTIFICACIONES",
        "MEDIOS DE TRANSPORTE",
        "ENTRADA/SALIDA",
        "ARRIBO",
        "SALIDA",
        "MEDIO TRANSP.",
        "ID. FISCAL",
        "CODIGO DE BARRAS",
        "ACUSE ELECTRONICO DE VALIDACION",
        "CLAVE DEL PREVALIDADOR",
        "CLAVE PREVALIDADOR",
        "AGENTE ADUANAL",
        "FECHA IMPRESION",
        "REFERENCIA",
        "MODE OF TRANSPORT",
        "VALIDATION RECEIPT",
        "SUPPLIER / BUYER",
        "PREVALIDATOR",
    ],
}

# The header's dates, and the labels of an English courtesy translation's (its dates are printed month first).
DATE_KEYS = ("entry_date", "payment_date", "presentation_date", ENTRY_OR_PRESENTATION)
ENGLISH_DATE_LABELS = frozenset(
    norm(label) for key in DATE_KEYS for label in HEADER_LABELS[key] if "DATE" in label.split()
)

# Claves de pedimento (Anexo 22 Apéndice 2) as far as they are known here; an unknown clave is still read,
# but one OCR put a look-alike character into is put back when that gives a known clave.
_CLAVES = (
    "A1 A3 A4 A5 AD AF AJ AM B1 BA BB BC BD BE BF BH BI BM BO BP BR C1 C2 CT E1 E2 E3 E4 F2 F3 F4 F5 F8 F9 "
    "G1 G2 G6 G7 G8 G9 H1 H8 I1 IN K1 K2 K3 L1 M1 M2 M3 M4 M5 P1 R1 RT S2 T1 T3 T6 T7 T9 V1 V2 V3 V4 V5 V6 "
    "V7 V8 V9 VD VF VU"
)
KNOWN_CLAVES = frozenset(_CLAVES.split())
_CLAVE_SECOND = str.maketrans({"L": "1", "I": "1", "l": "1", "|": "1", "O": "0", "S": "5", "Z": "2"})
_CLAVE_FIRST = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "4": "A"})


def parse_clave(text: str) -> tuple[str, tuple[int, int]] | None:
    """A clave de pedimento (two characters)."""
    first: tuple[str, tuple[int, int]] | None = None
    for match in re.finditer(r"(?<![A-Za-z0-9])([A-Za-z0-9|]{2})(?![A-Za-z0-9])", text):
        token = match.group(1).upper()
        if token in KNOWN_CLAVES:
            return token, match.span(1)
        fixed = token[0].translate(_CLAVE_FIRST) + token[1].translate(_CLAVE_SECOND)
        if fixed in KNOWN_CLAVES:
            return fixed, match.span(1)
        if first is None and re.fullmatch(r"[A-Z][A-Z0-9]", token):
            first = token, match.span(1)
    return first


def parse_known_clave(text: str) -> tuple[str, tuple[int, int]] | None:
    """A clave de pedimento of Apéndice 2 (a bare "Clave" label's value: an identifier's code is not one)."""
    found = parse_clave(text)
    return found if found is not None and found[0] in KNOWN_CLAVES else None


_OPERATIONS = {
    "IMP": "IMP",
    "EXP": "EXP",
    "TRA": "TRA",
    "IMPORTACION": "IMP",
    "EXPORTACION": "EXP",
    "TRANSITO": "TRA",
    "IMPORT": "IMP",
    "EXPORT": "EXP",
    "TRANSIT": "TRA",
    "1": "IMP",
    "2": "EXP",
    "3": "TRA",
}

_AMOUNT_RE = re.compile(r"\$?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


def parse_amount(text: str) -> tuple[float, tuple[int, int]] | None:
    """The first word that is one whole printed number (``23,520.00``, ``43646.14``): a word holding two numbers
    run together (a bank stamp's figures printed into the value column: ``365330.00539674.00``) is not one."""
    fixed = ocr_digits(text)
    for match in re.finditer(r"\S+", fixed):
        word = match.group(0).rstrip(";:.")  # (a point after the figure is a speck on a scan)
        amount = _AMOUNT_RE.fullmatch(word)
        if amount:
            return float(amount.group(1).replace(",", "")), match.span()
    return None


# A speck a scan sets after a digit group of the number, read as a degree or ordinal sign (``25° 81 1599 5264674``):
# a blank of the same width, so that the number's place in the text stays where it was.
_DEGREE_SPECKS = str.maketrans({"°": " ", "º": " ", "˚": " "})


PARSERS: dict[str, Any] = {
    "pedimento_number": lambda text: parse_pedimento(text.translate(_DEGREE_SPECKS)),
    "operation_type": parse_choice(_OPERATIONS),
    "clave": parse_clave,
    BARE_CLAVE: parse_known_clave,
    "regimen": parse_regex(r"(?<![A-Z])([A-Z]{3})(?![A-Z])", group=1),
    "customs_office": parse_regex(r"(?<!\d)(\d{3})(?!\d)", digits=True, group=1),
    "patente": parse_regex(r"(?<!\d)(\d{4})(?!\d)", digits=True, group=1),
    "exchange_rate": parse_amount,
    "gross_weight_kg": parse_amount,
    "usd_value": parse_amount,
    "customs_value_mxn": parse_amount,
    "commercial_value_mxn": parse_amount,
    "importer_exporter_rfc": parse_rfc,
    "importer_exporter_name": parse_name,
    "entry_date": parse_date,
    "payment_date": parse_date,
    "presentation_date": parse_date,
    ENTRY_OR_PRESENTATION: parse_date,
    # the Secretaría de Economía numbers a program by its folio and the year it was authorised (``5531-2004``): a
    # figure that ends in no year (a foreign tax id, ``57-4709158``, from a neighbouring cell) is no program's
    "immex_program": parse_regex(
        r"(?<![A-Z0-9])([0-9][0-9A-Z]*(?:[-/][0-9A-Z]+)*[-/](?:19|20)\d\d)(?![A-Z0-9])",
        digits=True,
        group=1,
        compact=False,
    ),
    "partida_count": parse_int,
}
# Money that pedimentos print as whole pesos; a value read as a float keeps its decimals otherwise.
_WHOLE = {"customs_value_mxn", "commercial_value_mxn", "partida_count"}
