"""CFDI XML: Comercio Exterior 2.0 joined to conceptos, Carta Porte 3.1 pedimentos, related UUIDs, totals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.cfdi import extract_cfdi_xml
from extractors.result import load_schema

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_SCHEMA = REPO_ROOT.parent / "shared" / "contracts" / "extraction-v1.schema.json"

CFDI40_CCE20 = """<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:cce20="http://www.sat.gob.mx/ComercioExterior20"
  xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" xmlns:cartaporte31="http://www.sat.gob.mx/CartaPorte31"
  Version="4.0" Serie="EXP" Folio="1001" Fecha="2024-09-26T10:00:00" SubTotal="1500.00" Moneda="USD"
  TipoCambio="17.2500" Total="1500.00" TipoDeComprobante="I" Exportacion="02" LugarExpedicion="88000">
  <cfdi:CfdiRelacionados TipoRelacion="04">
    <cfdi:CfdiRelacionado UUID="a39da66b-52ca-49e3-879b-5c05185b0ef7"/>
  </cfdi:CfdiRelacionados>
  <cfdi:Emisor Rfc="CPP110627SM4" Nombre="MAQUILADORA DEL NORTE" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="XEXX010101000" Nombre="ACME CORP" NumRegIdTrib="123456789" ResidenciaFiscal="USA"
    UsoCFDI="S01" DomicilioFiscalReceptor="88000" RegimenFiscalReceptor="616"/>
  <cfdi:Conceptos>
    <cfdi:Concepto ClaveProdServ="39121700" NoIdentificacion="HAR-100" Cantidad="100" ClaveUnidad="H87"
      Descripcion="ARNES ELECTRICO" ValorUnitario="10.00" Importe="1000.00" ObjetoImp="01">
      <cfdi:InformacionAduanera NumeroPedimento="24  47  3445  4001234"/>
    </cfdi:Concepto>
    <cfdi:Concepto ClaveProdServ="39121700" NoIdentificacion="HAR-200" Cantidad="50" ClaveUnidad="H87"
      Descripcion="ARNES CORTO" ValorUnitario="10.00" Importe="500.00" ObjetoImp="01"/>
  </cfdi:Conceptos>
  <cfdi:Complemento>
    <cce20:ComercioExterior Version="2.0" ClaveDePedimento="A1" CertificadoOrigen="0" Incoterm="FCA"
      TipoCambioUSD="17.2500" TotalUSD="1500.00">
      <cce20:Receptor NumRegIdTrib="123456789"/>
      <cce20:Mercancias>
        <cce20:Mercancia NoIdentificacion="HAR-200" FraccionArancelaria="8544429901" CantidadAduana="50"
          UnidadAduana="06" ValorUnitarioAduana="10.00" ValorDolares="500.00"/>
        <cce20:Mercancia NoIdentificacion="HAR-100" FraccionArancelaria="8544429901" CantidadAduana="100"
          UnidadAduana="06" ValorUnitarioAduana="10.00" ValorDolares="1000.00"/>
      </cce20:Mercancias>
    </cce20:ComercioExterior>
    <cartaporte31:CartaPorte Version="3.1" IdCCP="CCC12345-1234-1234-1234-123456789012" TranspInternac="Sí">
      <cartaporte31:Mercancias>
        <cartaporte31:Mercancia BienesTransp="39121700" Descripcion="ARNES" Cantidad="150" ClaveUnidad="H87">
          <cartaporte31:DocumentacionAduanera TipoDocumento="01" NumPedimento="24-47-3445-4001235"/>
        </cartaporte31:Mercancia>
      </cartaporte31:Mercancias>
    </cartaporte31:CartaPorte>
    <tfd:TimbreFiscalDigital Version="1.1" UUID="ed1752fe-e865-4ff2-bfe1-0f552e770dc9"
      FechaTimbrado="2024-09-26T10:01:00"/>
  </cfdi:Complemento>
</cfdi:Comprobante>
"""


@pytest.fixture(scope="module")
def parsed():
    return extract_cfdi_xml(CFDI40_CCE20.encode())


def test_header_fields(parsed) -> None:
    doc_type, confidence, out = parsed
    values = {name: field["value"] for name, field in out.fields.items()}
    assert doc_type == "cfdi" and confidence == 1.0
    assert values["uuid"] == "ED1752FE-E865-4FF2-BFE1-0F552E770DC9"
    assert values["cfdi_version"] == "4.0"
    assert values["cfdi_type"] == "I"
    assert values["series"] == "EXP" and values["folio"] == "1001"
    assert values["issue_date"] == "2024-09-26"
    assert values["issuer_rfc"] == "CPP110627SM4"
    assert values["receiver_rfc"] == "XEXX010101000"
    assert values["receiver_tax_id"] == "123456789"
    assert values["receiver_country"] == "USA"
    assert values["currency"] == "USD"
    assert values["exchange_rate"] == 17.25
    assert values["subtotal"] == 1500.0 and values["total"] == 1500.0
    assert values["export_code"] == "02"
    assert all(field["confidence"] == 1.0 for field in out.fields.values())


def test_comercio_exterior_header(parsed) -> None:
    values = {name: field["value"] for name, field in parsed[2].fields.items()}
    assert values["cce_version"] == "2.0"
    assert values["cce_pedimento_clave"] == "A1"
    assert values["cce_incoterm"] == "FCA"
    assert values["cce_usd_exchange_rate"] == 17.25
    assert values["cce_total_usd"] == 1500.0
    assert values["certificate_of_origin"] is False


def test_mercancias_are_joined_to_conceptos_on_no_identificacion(parsed) -> None:
    lines = [{name: cell["value"] for name, cell in line.items()} for line in parsed[2].lines]
    assert [line["part_number"] for line in lines] == ["HAR-100", "HAR-200"]
    first, second = lines
    assert first["customs_quantity"] == 100.0 and second["customs_quantity"] == 50.0
    assert first["usd_value"] == 1000.0 and second["usd_value"] == 500.0
    assert first["tariff_code"] == "85444299" and first["nico"] == "01"
    assert first["customs_unit"] == "06"
    assert first["unit"] == "H87" and first["product_key"] == "39121700"
    assert first["pedimento_number"] == "244734454001234"


def test_references_pedimentos_and_related_uuid(parsed) -> None:
    references = parsed[2].references
    assert {"kind": "cfdi_uuid", "value": "A39DA66B-52CA-49E3-879B-5C05185B0EF7"} in references
    assert {"kind": "pedimento", "value": "244734454001234"} in references  # InformacionAduanera
    assert {"kind": "pedimento", "value": "244734454001235"} in references  # Carta Porte 3.1
    assert parsed[2].warnings == []


def test_totals_that_do_not_add_up_are_a_warning() -> None:
    broken = CFDI40_CCE20.replace('SubTotal="1500.00"', 'SubTotal="1400.00"')
    _doc_type, _confidence, out = extract_cfdi_xml(broken.encode())
    assert "totals_mismatch" in [warning["code"] for warning in out.warnings]


def test_unmatched_mercancia_is_a_warning() -> None:
    broken = CFDI40_CCE20.replace(
        'NoIdentificacion="HAR-200" FraccionArancelaria', 'NoIdentificacion="ZZZ" FraccionArancelaria'
    )
    _doc_type, _confidence, out = extract_cfdi_xml(broken.encode())
    assert "cce_unmatched" in [warning["code"] for warning in out.warnings]


def test_bad_pedimento_in_carta_porte_is_a_warning_not_a_reference() -> None:
    broken = CFDI40_CCE20.replace('NumPedimento="24-47-3445-4001235"', 'NumPedimento="24-47-3445"')
    _doc_type, _confidence, out = extract_cfdi_xml(broken.encode())
    assert "pedimento_format" in [warning["code"] for warning in out.warnings]
    assert {"kind": "pedimento", "value": "244734454001235"} not in out.references


def test_cfdi32_lower_case_attributes() -> None:
    xml = (
        '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/3" version="3.2" serie="S" folio="1" '
        'fecha="2017-03-21T08:17:31" subTotal="100.00" total="116.00" tipoDeComprobante="ingreso" '
        'Moneda="MXN">'
        '<cfdi:Emisor rfc="CPP110627SM4" nombre="A"/><cfdi:Receptor rfc="XAXX010101000" nombre="B"/>'
        '<cfdi:Conceptos><cfdi:Concepto cantidad="1" unidad="PIEZA" noIdentificacion="P1" descripcion="X" '
        'valorUnitario="100.00" importe="100.00"/></cfdi:Conceptos></cfdi:Comprobante>'
    )
    _doc_type, _confidence, out = extract_cfdi_xml(xml.encode())
    assert out.fields["cfdi_type"]["value"] == "I"
    assert out.fields["total"]["value"] == 116.0
    assert out.lines[0]["unit"]["value"] == "PIEZA"
    assert "cfdi_unstamped" in [warning["code"] for warning in out.warnings]


def test_shipped_schema_is_the_shared_contract() -> None:
    if not SHARED_SCHEMA.exists():
        pytest.skip("the shared contracts folder is not beside the repository")
    assert load_schema() == json.loads(SHARED_SCHEMA.read_text("utf-8"))
