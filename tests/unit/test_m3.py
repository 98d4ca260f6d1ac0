"""Validation files (M3) and Data Stage extracts: one test per record type on files written from the layout
tables (tests/m3_writer.py), the errors a clerk sees, sniffing, and the extraction contract."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extractors.m3.layout import RECORDS
from extractors.m3.parse import StructuredFileError, parse_datastage, parse_m3
from extractors.m3.result import file_results
from extractors.m3.write import render_pedimento
from extractors.result import schema_errors
from intake.sniff import DATASTAGE, M3, ZIP, sniff
from tests.m3_writer import Ped, datastage_zip, m3_file, m3_line

PAID = date(2024, 1, 10)

HEADER: dict[str, Any] = {
    "operation_type": "1",
    "clave": "IN",
    "entry_exit_section": "240",
    "importer_exporter_curp": "",
    "importer_exporter_rfc": "MDN200101AB1",
    "agent_curp": "BOXW310820HNERXN09",
    "exchange_rate": "17.0512",
    "freight": "1500",
    "insurance": "120.50",
    "packing": "0",
    "other_incrementables": "35",
    "deductibles": "0",
    "gross_weight_kg": "1250.500",
    "transport_exit": "7",
    "transport_arrival": "7",
    "transport_entry_exit": "7",
    "destination": "9",
    "importer_exporter_name": "MAQUILADORA DEL NORTE SA DE CV",
    "importer_street": "AV. INDUSTRIAL",
    "importer_interior_number": "B",
    "importer_exterior_number": "1200",
    "importer_postal_code": "88275",
    "importer_municipality": "NUEVO LAREDO",
    "importer_state": "TAMPS",
    "importer_country": "MEX",
}

PARTIDA: dict[str, Any] = {
    "tariff_code": "85332101",
    "sequence": 1,
    "nico": "00",
    "description": "RESISTENCIA FIJA DE CARBON 1/4W",
    "unit_price": "0.85250",
    "customs_value_mxn": "14535",
    "paid_price_mxn": "14535",
    "usd_value": "852.50",
    "umc_quantity": "1000.000",
    "umc": "6",
    "umt_quantity": "1000.000",
    "umt": "6",
    "value_added": "0",
    "vinculacion": "0",
    "valuation_method": "1",
    "part_number": "RES-1K-0805",
    "brand": "ACME",
    "model": "R0805",
    "origin_destination_country": "CHN",
    "seller_buyer_country": "USA",
}

# One real-shaped record of each type; (level, values).
SAMPLES: dict[str, tuple[str, dict[str, Any]]] = {
    "502": (
        "pedimento",
        {
            "carrier_rfc": "TRA010101AB1",
            "carrier_name": "TRANSPORTES DEL NORTE",
            "transport_country": "MEX",
            "transport_id": "ABC1234",
        },
    ),
    "503": ("pedimento", {"guide_number": "MAEU240001234", "guide_type": "M"}),
    "504": ("pedimento", {"container_number": "MSKU9070323", "container_type": "2"}),
    "505": (
        "pedimento",
        {
            "invoice_date": date(2024, 1, 5),
            "invoice_number": "COVE2401ABC12",
            "incoterm": "FCA",
            "currency": "USD",
            "usd_value": "852.50",
            "foreign_value": "852.50",
            "invoice_country": "USA",
            "supplier_tax_id": "12-3456789",
            "supplier_name": "ACME ELECTRONICS INC",
            "supplier_street": "1 MAIN ST",
            "supplier_postal_code": "78040",
            "supplier_municipality": "LAREDO",
        },
    ),
    "506": ("pedimento", {"date_type": "1", "date": date(2024, 1, 9)}),
    "507": ("pedimento", {"identifier": "IM", "complement_1": "IMMEX-1234-2020"}),
    "508": (
        "pedimento",
        {
            "issuer": "BANCO",
            "account_number": "0012345678",
            "certificate_folio": "F-1",
            "certificate_date": date(2024, 1, 8),
            "account_type": "1",
            "guarantee_type": "2",
            "total_guarantee": "1000",
        },
    ),
    "509": ("pedimento", {"contribution": "3", "rate": "16", "rate_type": "1"}),
    "510": ("pedimento", {"contribution": "1", "payment_form": "0", "amount": "408"}),
    "511": ("pedimento", {"observation_sequence": 1, "text": "MERCANCIA PARA PROGRAMA IMMEX"}),
    "512": (
        "pedimento",
        {
            "original_patente": "3445",
            "original_pedimento": "3000123",
            "original_section": "470",
            "original_clave": "IN",
            "original_date": date(2023, 5, 4),
            "original_tariff_code": "85332101",
            "unit": "6",
            "quantity": "10",
        },
    ),
    "520": (
        "pedimento",
        {
            "tax_id": "98-7654321",
            "name": "ACME US",
            "street": "2 ELM ST",
            "postal_code": "78041",
            "municipality": "LAREDO",
            "country": "USA",
        },
    ),
    "552": ("partida", {"serial_number": "1HGCM82633A004352", "mileage": "12000"}),
    "553": (
        "partida",
        {
            "permit": "C1",
            "discharge_signature": "ABC123",
            "permit_number": "2024-NOM-001",
            "usd_value": "852.50",
            "quantity": "1000",
        },
    ),
    "554": ("partida", {"identifier": "PO", "complement_1": "4500012345", "complement_2": "ACME"}),
    "555": (
        "partida",
        {
            "issuer": "BANCO",
            "account_number": "0012345678",
            "certificate_folio": "F-2",
            "certificate_date": date(2024, 1, 8),
            "guarantee_type": "2",
            "total_guarantee": "50",
        },
    ),
    "556": ("partida", {"contribution": "3", "rate": "16", "rate_type": "1"}),
    "557": ("partida", {"contribution": "3", "payment_form": "0", "amount": "2325.60"}),
    "558": ("partida", {"observation_sequence": 1, "text": "NUMERO DE PARTE RES-1K-0805"}),
    "701": (
        "pedimento",
        {
            "clave": "R1",
            "payment_date": PAID,
            "previous_pedimento": "4000001",
            "previous_patente": "3445",
            "previous_section": "470",
            "previous_clave": "IN",
            "previous_date": date(2024, 1, 3),
        },
    ),
}


def typed_like(layout_code: str, values: dict[str, Any]) -> dict[str, Any]:
    """What the parser returns for ``values``: numbers as Decimal, codes upper case, empty values absent."""
    kinds = {c.name: c.kind for c in RECORDS[layout_code].columns}
    out: dict[str, Any] = {}
    for name, value in values.items():
        if value in ("", None):
            continue
        kind = kinds[name]
        out[name] = Decimal(value) if kind == "number" else (value.upper() if kind == "code" else value)
    return out


def make_ped(code: str | None = None, values: dict[str, Any] | None = None) -> Ped:
    records: dict[str, list[dict[str, Any]]] = {"506": [{"date_type": "2", "date": PAID}]}
    partida: dict[str, Any] = dict(PARTIDA)
    if code and values is not None:
        if SAMPLES[code][0] == "partida":
            partida[code] = [values]
        else:
            records.setdefault(code, []).append(values)
    return Ped("3445", "4000001", "470", dict(HEADER), records, [partida])


def test_every_record_type_of_the_brief_has_a_table() -> None:
    wanted = "500 501 502 503 504 505 506 507 508 509 510 511 512 520 551 552 553 554 555 556 557 558 701 801 999"
    assert set(wanted.split()) <= set(RECORDS)
    for layout in RECORDS.values():
        assert len({c.name for c in layout.columns}) == len(layout.columns), layout.code


def test_501_and_551_read_every_field() -> None:
    [ped] = parse_m3(m3_file([make_ped()])).pedimentos
    header = typed_like("501", HEADER)
    header["operation_type"] = "IMP"
    assert {k: v for k, v in ped.header.items() if k in header} == header
    assert (ped.patente, ped.pedimento, ped.customs_section, ped.number) == (
        "3445",
        "4000001",
        "470",
        "244734454000001",
    )
    assert ped.partidas[1]["551"] == typed_like("551", {k: v for k, v in PARTIDA.items() if k != "sequence"}) | {
        "tariff_code": "85332101",
        "sequence": 1,
    }


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_record_type(code: str) -> None:
    level, values = SAMPLES[code]
    [ped] = parse_m3(m3_file([make_ped(code, values)])).pedimentos
    expected = typed_like(code, values)
    if level == "partida":
        [row] = ped.partidas[1][code]
        assert {k: v for k, v in row.items() if k not in ("tariff_code", "sequence")} == expected
    else:
        rows = ped.records[code]
        assert expected in rows
    # the same record in a Data Stage extract (header line per file) reads the same
    [from_ds] = parse_datastage(datastage_zip([make_ped(code, values)], payment={"4000001": PAID})).pedimentos
    if level == "partida":
        [row] = from_ds.partidas[1][code]
        ds_columns = {c.name for c in RECORDS[code].columns if c.ds}
        assert {k: v for k, v in row.items() if k not in ("tariff_code", "sequence")} == {
            k: v for k, v in expected.items() if k in ds_columns
        }
    else:
        ds_columns = {c.name for c in RECORDS[code].columns if c.ds}
        assert {k: v for k, v in expected.items() if k in ds_columns} in from_ds.records[code]
    assert from_ds.number == ped.number


def test_file_records_500_800_801_999_are_read_without_loading_anything() -> None:
    data = m3_file([make_ped()]) + (m3_line("999") + "\r\n").encode()
    parsed = parse_m3(data)
    assert parsed.record_counts["500"] == 1 and parsed.record_counts["800"] == 1
    assert parsed.record_counts["801"] == 1 and parsed.record_counts["999"] == 1
    assert len(parsed.pedimentos) == 1


def test_a_rectification_names_the_pedimento_it_rectifies() -> None:
    _level, values = SAMPLES["701"]
    ped = make_ped("701", values)
    ped.header["clave"] = "R1"
    ped.pedimento = "4000099"
    [parsed] = parse_m3(m3_file([ped])).pedimentos
    assert parsed.rectifies == "244734454000001"
    [result] = file_results(parse_m3(m3_file([ped])), _source())
    assert result["fields"]["rectifies_pedimento"]["value"] == "244734454000001"
    assert {"kind": "pedimento", "value": "244734454000001"} in result["references"]


def _source() -> dict[str, Any]:
    return {"filename": "x.m3", "sha256": "0" * 64, "media_type": M3, "pages": 1}


def test_several_pedimentos_in_one_file_and_the_contract() -> None:
    first = make_ped("505", SAMPLES["505"][1])
    second = make_ped("553", SAMPLES["553"][1])
    second.pedimento = "4000002"
    results = file_results(parse_m3(m3_file([first, second])), _source())
    assert [r["fields"]["pedimento_number"]["value"] for r in results] == ["244734454000001", "244734454000002"]
    for result in results:
        assert schema_errors(result) == []
        assert result["text_source"] == "m3" and result["doc_type"] == "pedimento"
        assert all(cell.get("source") == "structured" for cell in result["fields"].values())
    one = results[0]
    assert one["fields"]["payment_date"]["value"] == "2024-01-10"
    assert one["fields"]["importer_exporter_rfc"]["value"] == "MDN200101AB1"
    assert one["fields"]["customs_office"]["value"] == "240"
    assert {"kind": "cove", "value": "COVE2401ABC12"} in one["references"]
    [line] = one["lines"]
    assert {
        k: v["value"] for k, v in line.items() if k in ("sequence", "tariff_code", "nico", "umc_quantity", "umc")
    } == {
        "sequence": 1,
        "tariff_code": "85332101",
        "nico": "00",
        "umc_quantity": 1000.0,
        "umc": "6",
    }
    assert results[1]["lines"][0]["permits"]["value"].startswith("C1 2024-NOM-001")
    json.dumps(results)  # plain JSON throughout


def test_rendering_one_pedimento_reads_back_the_same_and_is_canonical() -> None:
    [ped] = parse_m3(m3_file([make_ped("557", SAMPLES["557"][1])])).pedimentos
    again = parse_m3(render_pedimento(ped)).pedimentos[0]
    assert again.content_hash() == ped.content_hash()
    [from_ds] = parse_datastage(
        datastage_zip([make_ped("557", SAMPLES["557"][1])], payment={"4000001": PAID})
    ).pedimentos
    assert render_pedimento(from_ds) == render_pedimento(parse_m3(render_pedimento(from_ds)).pedimentos[0])


def test_bad_lines_are_reported_with_record_type_line_number_and_what_is_wrong() -> None:
    good = m3_file([make_ped()]).decode().splitlines()
    bad = list(good)
    bad[bad.index(next(x for x in bad if x.startswith("551|")))] = good[
        good.index(next(x for x in good if x.startswith("551|")))
    ].replace("|1000.000|6|", "|1O00.000|6|", 1)
    bad.insert(3, "esto no es un registro")
    bad.append("506|4000001|2|31132024|")
    with pytest.raises(StructuredFileError) as caught:
        parse_m3("\n".join(bad).encode())
    errors = [(e.line, e.record, e.message) for e in caught.value.errors]
    assert (4, None, "this is not a validation record: it must start with a 3-digit record type and |") in errors
    assert any(r == "551" and "umc_quantity" in m and "'1O00.000', not a number" in m for _l, r, m in errors)
    assert any(r == "506" and line == len(bad) and "not a date" in m for line, r, m in errors)
    assert "nothing was loaded" in caught.value.message


def test_records_without_their_pedimento_or_partida_are_errors() -> None:
    lines = [
        m3_line("501", patente="3445", pedimento="4000001", customs_section="470", operation_type="1", clave="IN"),
        m3_line("506", pedimento="4000001", date_type="2", date=PAID),
        m3_line("553", pedimento="4000001", tariff_code="85332101", sequence=7, permit="C1"),
        m3_line("505", pedimento="4000999", invoice_number="F-1"),
        m3_line("501", patente="3445", pedimento="4000002", customs_section="470", operation_type="9", clave="IN"),
    ]
    with pytest.raises(StructuredFileError) as caught:
        parse_m3("\n".join(lines).encode())
    messages = [str(e) for e in caught.value.errors]
    assert any("line 3 (record 553): partida 7 of pedimento 4000001 has no 551 record" in m for m in messages)
    assert any("line 4 (record 505): pedimento 4000999 has no 501 record" in m for m in messages)
    assert any("line 5 (record 501): field 4 (operation_type) is '9'" in m for m in messages)


def test_sniffing_from_the_bytes() -> None:
    assert sniff(m3_file([make_ped()])[:4096]) == M3
    assert sniff(b"\xef\xbb\xbf501|3445|4000001|470|1|IN|\r\n551|4000001|85332101|1|\r\n") == M3
    assert sniff(b"551|4000001|85332101|1|\n") is None  # a validation file starts with 500 or 501
    assert sniff(datastage_zip([make_ped()])[:4096]) == DATASTAGE
    import io
    import zipfile

    other = io.BytesIO()
    with zipfile.ZipFile(other, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("invoice.xml", b"<factura>" + b"x" * 2000 + b"</factura>")
    assert sniff(other.getvalue()[:4096]) == ZIP


def test_a_data_stage_extract_without_501_or_with_a_bad_header_loads_nothing() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("1_551.asc", "Patente|Pedimento|SeccionAduanera|Fraccion\r\n3445|4000001|470|85332101\r\n")
    with pytest.raises(StructuredFileError, match="no 501 file"):
        parse_datastage(buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("1_501.asc", "Patente|Pedimento\r\n3445|4000001\r\n")
    with pytest.raises(StructuredFileError) as caught:
        parse_datastage(buffer.getvalue())
    assert "1_501.asc, line 1 (record 501): the header line lacks the column(s)" in str(caught.value.errors[0])


def test_data_stage_repeats_and_payment_date_give_one_record_and_the_year(tmp_path: Path) -> None:
    ped = make_ped("510", SAMPLES["510"][1])
    ped.records["506"] = []  # no 506: the year comes from FechaPagoReal
    data = datastage_zip([ped, ped], payment={"4000001": date(2024, 2, 1)})  # every row twice
    with pytest.raises(StructuredFileError):  # the 501 twice is one pedimento declared twice
        parse_datastage(data)
    [once] = parse_datastage(datastage_zip([ped], payment={"4000001": date(2024, 2, 1)})).pedimentos
    assert once.number == "244734454000001" and len(once.records["510"]) == 1


def test_a_value_of_the_wrong_kind_outside_the_keys_is_kept_with_a_warning() -> None:
    """Positions beyond the keys are inferred; a real file must not be refused over a column no lot uses."""
    data = m3_file([make_ped()]).decode()
    data = data.replace("|17.0512|1500|", "|17.0512|N/A|", 1)  # freight written as text
    data += "511|4000001|OBSERVACION SIN NUMERO DE SECUENCIA|\r\n"
    parsed = parse_m3(data.encode())
    [ped] = parsed.pedimentos
    assert ped.header["freight"] == "N/A"
    assert any("field 11 (freight) is 'N/A', not a number; kept as written" in w for w in parsed.warnings)
    assert ped.records["511"] == [{"text": "OBSERVACION SIN NUMERO DE SECUENCIA"}]
    [result] = file_results(parsed, _source())
    assert result["fields"]["observations"]["value"] == "OBSERVACION SIN NUMERO DE SECUENCIA"
    assert schema_errors(result) == []
