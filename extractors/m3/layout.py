"""The record layout of validation files (M3) and Data Stage extracts, as data: one table per record type.

A validation file ("archivo M3") is what a broker's system transmits to the SAT: one record per line, fields
separated by ``|``, the three-digit record type first. A Data Stage extract carries the same records for a
period, one ``.asc`` file per record type, each with a header line naming its columns (``Patente|Pedimento|
SeccionAduanera|...``). One table per record type serves both: each field has the name it takes here, its kind,
its position in the M3 record (1 = the field after the record type) and the column that holds it in the Data
Stage file.

Where each table comes from (the SAT's "Lineamientos del archivo de validación" were not at hand):

* Data Stage columns, records 501–512, 520, 551–558 and 701: the column headers of the ``.asc`` files, from a
  public generator of Data Stage extracts (C#, ``DataStageBusiness.Archivo_5xx``), and the same headers for 501,
  503, 510, 551 and 557 in the test fixtures of two other public projects that read real SAT extracts (one
  states its 551 header was "confirmed from a real .asc 551 of a SAT Data Stage zip"). **Confirmed.**
* Record numbers and meanings: the SAAI M3 technical manual's list (500 inicio … 701 rectificación), as quoted
  in the project's domain notes. **Confirmed** (two sources agree).
* M3 field order: the domain notes' reading of a real file (501 = patente, pedimento, aduana, tipo de operación,
  clave, …; 505 = date, COVE, incoterm, currency, value, supplier; 506 = type + DDMMAAAA; 551 = pedimento,
  fracción, secuencia, NICO, description, unit price, values, quantities and units, vinculación, método,
  countries). Those agree field for field with the Data Stage column order once the columns the SAT adds (patente
  and aduana on every record but 501, and the payment date) are left out, so the M3 order below is the Data
  Stage order without them. **Inferred**: 501, 505, 506 and 551 match the observed file; 502–504, 507–512,
  520, 552–558 and 701 are unconfirmed for M3. 500, 800, 801 and 999 are the file's own start/signature/end
  records and do not exist in Data Stage; their fields beyond the first are **unconfirmed** and are checked
  loosely (the parser never fails a file on an unconfirmed field).

Codes kept as data here too: operation types (1 import, 2 export), the 506 date types, and the header fields a
pedimento needs before it may be loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT = "text"
CODE = "code"  # upper case, no surrounding spaces
INT = "int"
NUMBER = "number"
DATE = "date"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    ds: str | None = None  # the Data Stage column header, when the record is in Data Stage


@dataclass(frozen=True)
class RecordLayout:
    code: str
    title: str
    level: str  # file | pedimento | partida
    columns: tuple[Column, ...]
    required: tuple[str, ...] = ()
    confirmed: str = "inferred"  # confirmed | inferred | unconfirmed

    def position(self, name: str) -> int:
        """1-based position of a column in the M3 record (after the record type)."""
        return next(i for i, c in enumerate(self.columns, start=1) if c.name == name)


def _c(name: str, kind: str, ds: str | None = None) -> Column:
    return Column(name, kind, ds)


PED = _c("pedimento", CODE, "Pedimento")
FRACCION = _c("tariff_code", CODE, "Fraccion")
SEQUENCE = _c("sequence", INT, "SecuenciaFraccion")

RECORDS: dict[str, RecordLayout] = {
    r.code: r
    for r in (
        RecordLayout(
            "500",
            "inicio de pedimento",
            "file",
            (
                _c("movement_type", CODE),
                _c("patente", CODE),
                _c("pedimento", CODE),
                _c("customs_section", CODE),
            ),
            ("pedimento",),
            "unconfirmed",
        ),
        RecordLayout(
            "501",
            "datos generales",
            "pedimento",
            (
                _c("patente", CODE, "Patente"),
                PED,
                _c("customs_section", CODE, "SeccionAduanera"),
                _c("operation_type", CODE, "TipoOperacion"),
                _c("clave", CODE, "ClaveDocumento"),
                _c("entry_exit_section", CODE, "SeccionAduaneraEntrada"),
                _c("importer_exporter_curp", CODE, "CurpContribuyente"),
                _c("importer_exporter_rfc", CODE, "Rfc"),
                _c("agent_curp", CODE, "CurpAgenteA"),
                _c("exchange_rate", NUMBER, "TipoCambio"),
                _c("freight", NUMBER, "TotalFletes"),
                _c("insurance", NUMBER, "TotalSeguros"),
                _c("packing", NUMBER, "TotalEmbalajes"),
                _c("other_incrementables", NUMBER, "TotalIncrementables"),
                _c("deductibles", NUMBER, "TotalDeducibles"),
                _c("gross_weight_kg", NUMBER, "PesoBrutoMercancia"),
                _c("transport_exit", CODE, "MedioTransporteSalida"),
                _c("transport_arrival", CODE, "MedioTransporteArribo"),
                _c("transport_entry_exit", CODE, "MedioTransporteEntrada_Salida"),
                _c("destination", CODE, "DestinoMercancia"),
                _c("importer_exporter_name", TEXT, "NombreContribuyente"),
                _c("importer_street", TEXT, "CalleContribuyente"),
                _c("importer_interior_number", TEXT, "NumInteriorContribuyente"),
                _c("importer_exterior_number", TEXT, "NumExteriorContribuyente"),
                _c("importer_postal_code", TEXT, "CPContribuyente"),
                _c("importer_municipality", TEXT, "MunicipioContribuyente"),
                _c("importer_state", TEXT, "EntidadFedContribuyente"),
                _c("importer_country", CODE, "PaisContribuyente"),
                _c("pedimento_kind", CODE, "TipoPedimento"),
                _c("received_date", DATE, "FechaRecepcionPedimento"),
                _c("payment_date_real", DATE, "FechaPagoReal"),
            ),
            ("patente", "pedimento", "customs_section", "operation_type", "clave"),
        ),
        RecordLayout(
            "502",
            "transporte",
            "pedimento",
            (
                PED,
                _c("carrier_rfc", CODE, "RfcTransportista"),
                _c("carrier_curp", CODE, "CurpTransportista"),
                _c("carrier_name", TEXT, "NombreTransportista"),
                _c("transport_country", CODE, "PaisTransporte"),
                _c("transport_id", TEXT, "IdentificadorTransporte"),
            ),
            ("pedimento",),
        ),
        RecordLayout(
            "503",
            "guías",
            "pedimento",
            (PED, _c("guide_number", TEXT, "NumeroGuia"), _c("guide_type", CODE, "TipoGuia")),
            ("pedimento", "guide_number"),
        ),
        RecordLayout(
            "504",
            "contenedores",
            "pedimento",
            (PED, _c("container_number", CODE, "NumContenedor"), _c("container_type", CODE, "TipoContenedor")),
            ("pedimento", "container_number"),
        ),
        RecordLayout(
            "505",
            "facturas / COVE",
            "pedimento",
            (
                PED,
                _c("invoice_date", DATE, "FechaFacturacion"),
                _c("invoice_number", TEXT, "NumeroFactura"),
                _c("incoterm", CODE, "TerminoFacturacion"),
                _c("currency", CODE, "MonedaFacturacion"),
                _c("usd_value", NUMBER, "ValorDolares"),
                _c("foreign_value", NUMBER, "ValorMonedaExtranjera"),
                _c("invoice_country", CODE, "PaisFacturacion"),
                _c("invoice_state", TEXT, "EntidadFedFacturacion"),
                _c("supplier_tax_id", TEXT, "IndentFiscalProveedor"),
                _c("supplier_name", TEXT, "ProveedorMercancia"),
                _c("supplier_street", TEXT, "CalleProveedor"),
                _c("supplier_interior_number", TEXT, "NumInteriorProveedor"),
                _c("supplier_exterior_number", TEXT, "NumExteriorProveedor"),
                _c("supplier_postal_code", TEXT, "CpProveedor"),
                _c("supplier_municipality", TEXT, "MunicipioProveedor"),
            ),
            ("pedimento", "invoice_number"),
        ),
        RecordLayout(
            "506",
            "fechas",
            "pedimento",
            (PED, _c("date_type", CODE, "TipoFecha"), _c("date", DATE, "FechaOperacion")),
            ("pedimento", "date_type", "date"),
        ),
        RecordLayout(
            "507",
            "identificadores",
            "pedimento",
            (
                PED,
                _c("identifier", CODE, "ClaveCaso"),
                _c("complement_1", TEXT, "IndentificadorCaso"),
                _c("complement_2", TEXT, "ComplementoCaso"),
                _c("complement_3", TEXT),
            ),
            ("pedimento", "identifier"),
        ),
        RecordLayout(
            "508",
            "cuentas aduaneras de garantía",
            "pedimento",
            (
                PED,
                _c("issuer", TEXT, "InstitucionEmisora"),
                _c("account_number", TEXT, "NumeroCuenta"),
                _c("certificate_folio", TEXT, "FolioConstancia"),
                _c("certificate_date", DATE, "FechaConstancia"),
                _c("account_type", CODE, "TipoCuenta"),
                _c("guarantee_type", CODE, "ClaveGarantia"),
                _c("unit_value", NUMBER, "ValorUnitarioTitulo"),
                _c("total_guarantee", NUMBER, "TotalGarantia"),
                _c("units", NUMBER, "CantidadUnidades"),
                _c("titles", NUMBER, "TitulosAsignados"),
            ),
            ("pedimento",),
        ),
        RecordLayout(
            "509",
            "tasas",
            "pedimento",
            (
                PED,
                _c("contribution", CODE, "ClaveContribucion"),
                _c("rate", NUMBER, "TasaContribucion"),
                _c("rate_type", CODE, "TipoTasa"),
            ),
            ("pedimento", "contribution"),
        ),
        RecordLayout(
            "510",
            "contribuciones",
            "pedimento",
            (
                PED,
                _c("contribution", CODE, "ClaveContribucion"),
                _c("payment_form", CODE, "FormaPago"),
                _c("amount", NUMBER, "ImportePago"),
            ),
            ("pedimento", "contribution"),
        ),
        RecordLayout(
            "511",
            "observaciones",
            "pedimento",
            (PED, _c("observation_sequence", INT, "SecuenciaObservacion"), _c("text", TEXT, "Observaciones")),
            ("pedimento",),
        ),
        RecordLayout(
            "512",
            "descargos",
            "pedimento",
            (
                PED,
                _c("original_patente", CODE, "PatenteAduanalOrig"),
                _c("original_pedimento", CODE, "PedimentoOriginal"),
                _c("original_section", CODE, "SeccionAduaneraDespOrig"),
                _c("original_clave", CODE, "DocumentoOriginal"),
                _c("original_date", DATE, "FechaOperacionOrig"),
                _c("original_tariff_code", CODE, "FraccionOriginal"),
                _c("unit", CODE, "UnidadMedida"),
                _c("quantity", NUMBER, "MercanciaDescargada"),
            ),
            ("pedimento",),
        ),
        RecordLayout(
            "520",
            "destinatarios",
            "pedimento",
            (
                PED,
                _c("tax_id", TEXT, "IndentFiscalDestinatario"),
                _c("name", TEXT, "NombreDestinatarioMercancia"),
                _c("street", TEXT, "CalleDestinatario"),
                _c("interior_number", TEXT, "NumInteriorDestinatario"),
                _c("exterior_number", TEXT, "NumExteriorDestinatario"),
                _c("postal_code", TEXT, "CpDestinatario"),
                _c("municipality", TEXT, "MunicpioDestinatario"),
                _c("country", CODE, "PaisDestinatario"),
            ),
            ("pedimento",),
        ),
        RecordLayout(
            "551",
            "partidas",
            "partida",
            (
                PED,
                FRACCION,
                SEQUENCE,
                _c("nico", CODE, "SubdivisionFraccion"),
                _c("description", TEXT, "DescripcionMercancia"),
                _c("unit_price", NUMBER, "PrecioUnitario"),
                _c("customs_value_mxn", NUMBER, "ValorAduana"),
                _c("paid_price_mxn", NUMBER, "ValorComercial"),
                _c("usd_value", NUMBER, "ValorDolares"),
                _c("umc_quantity", NUMBER, "CantidadUMComercial"),
                _c("umc", CODE, "UnidadMedidaComercial"),
                _c("umt_quantity", NUMBER, "CantidadUMTarifa"),
                _c("umt", CODE, "UnidadMedidaTarifa"),
                _c("value_added", NUMBER, "ValorAgregado"),
                _c("vinculacion", CODE, "ClaveVinculacion"),
                _c("valuation_method", CODE, "MetodoValorizacion"),
                _c("part_number", TEXT, "CodigoMercanciaProducto"),
                _c("brand", TEXT, "MarcaMercanciaProducto"),
                _c("model", TEXT, "ModeloMercanciaProducto"),
                _c("origin_destination_country", CODE, "PaisOrigenDestino"),
                _c("seller_buyer_country", CODE, "PaisCompradorVendedor"),
                _c("origin_state", CODE, "EntidadFedOrigen"),
                _c("destination_state", CODE, "EntidadFedDestino"),
                _c("buyer_state", CODE, "EntidadFedComprador"),
                _c("seller_state", CODE, "EntidadFedVendedor"),
            ),
            ("pedimento", "tariff_code", "sequence"),
        ),
        RecordLayout(
            "552",
            "mercancías (VIN / serie)",
            "partida",
            (
                PED,
                FRACCION,
                SEQUENCE,
                _c("serial_number", TEXT, "VinNumeroSerie"),
                _c("mileage", NUMBER, "KilometrajeVehiculo"),
            ),
            ("pedimento", "sequence"),
        ),
        RecordLayout(
            "553",
            "permisos",
            "partida",
            (
                PED,
                FRACCION,
                SEQUENCE,
                _c("permit", CODE, "ClavePermiso"),
                _c("discharge_signature", TEXT, "FirmaDescargo"),
                _c("permit_number", TEXT, "NumeroPermiso"),
                _c("usd_value", NUMBER, "ValorComercialDolares"),
                _c("quantity", NUMBER, "CantidadMUMTarifa"),
            ),
            ("pedimento", "sequence", "permit"),
        ),
        RecordLayout(
            "554",
            "identificadores de partida",
            "partida",
            (
                PED,
                FRACCION,
                SEQUENCE,
                _c("identifier", CODE, "ClaveCaso"),
                _c("complement_1", TEXT, "IdentificadorCaso"),
                _c("complement_2", TEXT, "ComplementoCaso"),
                _c("complement_3", TEXT),
            ),
            ("pedimento", "sequence", "identifier"),
        ),
        RecordLayout(
            "555",
            "cuentas aduaneras de garantía de partida",
            "partida",
            (
                PED,
                FRACCION,
                SEQUENCE,
                _c("issuer", TEXT, "InstitucionEmisora"),
                _c("account_number", TEXT, "NumeroCuenta"),
                _c("certificate_folio", TEXT, "FolioConstancia"),
                _c("certificate_date", DATE, "FechaConstancia"),
                _c("guarantee_type", CODE, "ClaveGarantia"),
                _c("unit_value", NUMBER, "ValorUnitarioTitulo"),
                _c("total_guarantee", NUMBER, "TotalGarantia"),
                _c("units", NUMBER, "CantidadUnidadesMedida"),
                _c("titles", NUMBER, "TitulosAsignados"),
            ),
            ("pedimento", "sequence"),
        ),
        RecordLayout(
            "556",
            "tasas de partida",
            "partida",
            (
                PED,
                FRACCION,
                SEQUENCE,
                _c("contribution", CODE, "ClaveContribucion"),
                _c("rate", NUMBER, "TasaContribucion"),
                _c("rate_type", CODE, "TipoTasa"),
            ),
            ("pedimento", "sequence", "contribution"),
        ),
        RecordLayout(
            "557",
            "contribuciones (gravámenes) de partida",
            "partida",
            (
                PED,
                FRACCION,
                SEQUENCE,
                _c("contribution", CODE, "ClaveContribucion"),
                _c("payment_form", CODE, "FormaPago"),
                _c("amount", NUMBER, "ImportePago"),
            ),
            ("pedimento", "sequence", "contribution"),
        ),
        RecordLayout(
            "558",
            "observaciones de partida",
            "partida",
            (
                PED,
                FRACCION,
                SEQUENCE,
                _c("observation_sequence", INT, "SecuenciaObservacion"),
                _c("text", TEXT, "Observaciones"),
            ),
            ("pedimento", "sequence"),
        ),
        RecordLayout(
            "701",
            "rectificación",
            "pedimento",
            (
                PED,
                _c("clave", CODE, "ClaveDocumento"),
                _c("payment_date", DATE, "FechaPago"),
                _c("previous_pedimento", CODE, "PedimentoAnterior"),
                _c("previous_patente", CODE, "PatenteAnterior"),
                _c("previous_section", CODE, "SeccionAduaneraAnterior"),
                _c("previous_clave", CODE, "DocumentoAnterior"),
                _c("previous_date", DATE, "FechaOperacionAnterior"),
                _c("original_pedimento", CODE, "PedimentoOriginal"),
                _c("original_patente", CODE, "PatenteAduanalOrig"),
                _c("original_section", CODE, "SeccionAduaneraDespOrig"),
            ),
            ("pedimento", "previous_pedimento"),
        ),
        RecordLayout(
            "800",
            "firma electrónica del pedimento",
            "file",
            (PED, _c("signature", TEXT), _c("certificate_serial", TEXT)),
            (),
            "unconfirmed",
        ),
        RecordLayout(
            "801",
            "fin de archivo",
            "file",
            (_c("file_name", TEXT), _c("pedimento_count", TEXT), _c("record_count", TEXT)),
            (),
            "unconfirmed",
        ),
        RecordLayout("999", "fin", "file", (), (), "unconfirmed"),
    )
}

# The Data Stage columns the SAT adds to every file: the keys of the pedimento and the payment date.
DS_KEY_COLUMNS = {"patente": "Patente", "pedimento": "Pedimento", "customs_section": "SeccionAduanera"}
DS_PAYMENT_DATE = "FechaPagoReal"

# Apéndice 12-style operation types as the records carry them (1 = import, 2 = export); IMP/EXP pass through.
OPERATION_TYPES = {"1": "IMP", "2": "EXP", "IMP": "IMP", "EXP": "EXP", "TRA": "TRA", "3": "TRA"}

# 506 date types (Anexo 22, tipo de fecha) → the contract's header field. Types not listed keep their code.
DATE_TYPES = {
    "1": "entry_date",
    "2": "payment_date",
    "3": "extraction_date",
    "5": "presentation_date",
    "6": "us_canada_import_date",
    "7": "original_payment_date",
}

# Fields whose value must be of its kind or the file is refused: keys, and what lots and discharge are made of.
# A value of the wrong kind anywhere else is kept as written, with a warning.
STRICT = frozenset(
    {
        "patente",
        "pedimento",
        "customs_section",
        "operation_type",
        "clave",
        "tariff_code",
        "sequence",
        "umc_quantity",
        "umc",
        "umt_quantity",
        "umt",
        "date_type",
        "date",
        "previous_pedimento",
        "previous_date",
    }
)
# (record, column) → the text column that takes its value when it is not of its kind and the text is empty: an
# observation may be written without its sequence number.
FALLBACK_TEXT = {("511", "observation_sequence"): "text", ("558", "observation_sequence"): "text"}

# The 501 fields that a loadable pedimento must have (the rest may be empty).
LOADABLE = ("patente", "pedimento", "customs_section", "operation_type", "clave")
