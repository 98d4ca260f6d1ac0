"""Names and descriptions that hold a label of their family followed by a colon, or a catalogue phrase, send
the document to review (``extractors.review_text``); a CFDI printout without its version does too."""

from __future__ import annotations

from typing import Any

import pytest

from extractors.result import ResultBuilder, make_field, needs_review
from extractors.review import review_checks
from extractors.review_text import text_checks
from extractors.value_labels import code_phrase, label_start, normalised


def _builder(fields: dict[str, Any], descriptions: tuple[str, ...] = ()) -> ResultBuilder:
    out = ResultBuilder()
    for name, value in fields.items():
        out.set(name, value, 0.95)
    for description in descriptions:
        out.add_line({"description": make_field(description, 0.9)})
    return out


def _codes(builder: ResultBuilder) -> list[str]:
    return [warning["code"] for warning in builder.warnings]


def _flagged(builder: ResultBuilder) -> bool:
    return needs_review(
        {"doc_type_confidence": 0.95, "fields": builder.fields, "lines": builder.lines, "warnings": builder.warnings}
    )


@pytest.mark.parametrize(
    ("doc_type", "fields"),
    [
        ("cfdi", {"receiver_name": "Por definir Método de pago: PPD"}),  # a neighbour's label and value
        ("cfdi", {"issuer_name": "ACME S.A. DE C.V. Régimen fiscal receptor: 616"}),
        ("cfdi", {"receiver_name": "PACIFIC COMPONENTS INC PUE"}),  # a catalogue code, no colon
        ("commercial_invoice", {"buyer_name": "MAQUILADORA DEL NORTE S.A. DE C.V. Incoterm: FOB"}),
        ("bill_of_lading", {"consignee_name": "ACME LLC Port of loading: SHANGHAI"}),
        ("pedimento", {"importer_exporter_name": "MAQUILADORA DEL NORTE Tipo de cambio: 17.25"}),
    ],
)
def test_a_name_holding_a_label_or_a_code_is_sent_to_review(doc_type: str, fields: dict[str, Any]) -> None:
    builder = _builder(fields)
    text_checks(doc_type, builder)
    assert _codes(builder) == ["label_in_value"]
    assert builder.warnings[0]["field"] == next(iter(fields))
    assert _flagged(builder)


def test_a_description_holding_a_label_is_sent_to_review() -> None:
    builder = _builder({}, ("CABLE ELECTRICO", "CONECTOR Moneda: USD"))
    text_checks("cfdi", builder)
    assert _codes(builder) == ["label_in_value"]
    assert "Line 2" in builder.warnings[0]["message"]


@pytest.mark.parametrize(
    ("doc_type", "fields", "descriptions"),
    [
        ("cfdi", {"receiver_name": "PACIFIC COMPONENTS INC"}, ("ARNES ELECTRICO PARA VEHICULO AUTOMOTOR",)),
        ("cfdi", {"receiver_name": "PUEBLA WIRE & CABLE S.A. DE C.V."}, ()),  # PUE only as a whole word
        # a colon after words that are no label of the family
        ("commercial_invoice", {"buyer_name": "ACME INC"}, ("CAPACITOR MODEL: 892554-01 COLOR: BLACK",)),
        # a label of another family is not this family's
        ("bill_of_lading", {"shipper_name": "ACME LLC"}, ("CABLE Moneda: USD",)),
        ("pedimento", {"importer_exporter_name": "MAQUILADORA DEL NORTE S.A. DE C.V."}, ()),
    ],
)
def test_names_and_descriptions_as_printed_raise_nothing(
    doc_type: str, fields: dict[str, Any], descriptions: tuple[str, ...]
) -> None:
    builder = _builder(fields, descriptions)
    text_checks(doc_type, builder)
    assert builder.warnings == []


def test_a_label_is_found_however_it_is_spaced_and_accented() -> None:
    labels = normalised(["METODO DE PAGO", "TIPO DE CAMBIO"])
    assert label_start("X INC método de  pago:PPD", labels) == 6
    assert label_start("X INC Tipo de cambio : 17.2", labels) == 6
    assert label_start("X INC Tipo de cambio 17.2", labels) is None  # a label is followed by its colon
    assert code_phrase("Uso del CFDI G03") == "USO DEL CFDI"
    assert code_phrase("SUPPLY") is None


def _cfdi(**changes: Any) -> ResultBuilder:
    fields: dict[str, Any] = {
        "uuid": "8BF5F978-EADF-4FB4-B8A5-8C0D410F0EFD",
        "cfdi_version": "4.0",
        "cfdi_type": "I",
        "issue_date": "2025-01-02",
        "issuer_rfc": "MNO900101AB1",
        "issuer_name": "MAQUILADORA DEL NORTE S.A. DE C.V.",
        "receiver_rfc": "XEXX010101000",
        "receiver_name": "PACIFIC COMPONENTS INC",
        "subtotal": 10.0,
        "total": 10.0,
        "currency": "USD",
        "exchange_rate": 17.25,  # a CFDI in another currency than pesos states its rate (review_forms)
    }
    fields.update(changes)
    out = _builder({key: value for key, value in fields.items() if value is not None})
    out.add_line(
        {
            key: make_field(value, 0.9)
            for key, value in (
                ("description", "ARNES"),
                ("quantity", 2.0),
                ("unit_price", 5.0),
                ("amount", 10.0),
                ("product_key", "32101600"),
                ("unit", "H87"),
            )
        }
    )
    return out


@pytest.mark.parametrize(("missing", "named"), [("cfdi_version", "CFDI version"), ("receiver_name", "receiver")])
def test_a_cfdi_printout_without_its_version_or_a_party_is_sent_to_review(missing: str, named: str) -> None:
    complete = _cfdi()
    review_checks("cfdi", complete)
    assert complete.warnings == []
    incomplete = _cfdi(**{missing: None})
    review_checks("cfdi", incomplete)
    assert _codes(incomplete) == ["missing_key_fields"]
    assert f"Could not read: {named}." in incomplete.warnings[0]["message"]
    assert _flagged(incomplete)
