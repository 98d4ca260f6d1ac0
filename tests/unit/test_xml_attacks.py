"""Unsafe XML is refused with a clear error and nothing is expanded or fetched; odd XML gives warnings."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from extractors.pipeline import extract
from extractors.result import schema_errors
from extractors.xmlsafe import XmlRefused, parse_xml

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Total="&lol3;"/>"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Record (and block) any attempt to open a socket while the parser runs."""
    attempts: list[tuple] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append((args, kwargs))
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", lambda self, *a: refuse(*a))
    return attempts


def test_entity_expansion_is_refused() -> None:
    with pytest.raises(XmlRefused) as refused:
        parse_xml(BILLION_LAUGHS)
    assert refused.value.code == "xml_entities"
    assert "entities" in refused.value.message


def test_external_entity_is_refused_and_nothing_is_fetched(no_network: list, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    for target in (secret.as_uri(), "http://127.0.0.1:9/evil.dtd"):
        data = (
            f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{target}">]>'
            '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Folio="&x;"/>'
        ).encode()
        with pytest.raises(XmlRefused) as refused:
            parse_xml(data)
        assert refused.value.code == "xml_entities"
        assert "TOP SECRET" not in refused.value.message
    assert no_network == []


def test_external_dtd_is_refused(no_network: list) -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:9/x.dtd"><r/>'
    with pytest.raises(XmlRefused) as refused:
        parse_xml(data)
    assert refused.value.code == "xml_dtd"
    assert no_network == []


def test_internal_dtd_without_entities_is_refused() -> None:
    with pytest.raises(XmlRefused) as refused:
        parse_xml(b'<?xml version="1.0"?><!DOCTYPE r [<!ELEMENT r ANY>]><r/>')
    assert refused.value.code == "xml_dtd"


def test_damaged_xml_is_refused_with_a_message() -> None:
    with pytest.raises(XmlRefused) as refused:
        parse_xml(b"<cfdi:Comprobante xmlns:cfdi='x'><unclosed></cfdi:Comprobante>")
    assert refused.value.code == "xml_malformed"


def test_pipeline_turns_a_refusal_into_a_valid_result_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_bytes(BILLION_LAUGHS)
    result = extract(path)
    assert result["doc_type"] == "other"
    assert result["text_source"] == "xml"
    assert [w["code"] for w in result["warnings"]] == ["xml_refused"]
    assert result["needs_review"] is True
    assert schema_errors(result) == []


def test_undeclared_prefix_is_read_leniently_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "prefix.xml"
    path.write_bytes(
        b'<?xml version="1.0"?><cfdi:Comprobante Version="4.0" Total="10.00" SubTotal="10.00">'
        b'<cfdi:Emisor Rfc="CPP110627SM4" Nombre="X"/></cfdi:Comprobante>'
    )
    result = extract(path)
    assert result["doc_type"] == "cfdi"
    assert result["fields"]["issuer_rfc"]["value"] == "CPP110627SM4"
    assert "xml_namespace" in [w["code"] for w in result["warnings"]]


def test_wrong_namespace_and_invalid_values_are_warnings_not_crashes(tmp_path: Path) -> None:
    path = tmp_path / "odd.xml"
    path.write_bytes(
        b'<?xml version="1.0"?><c:Comprobante xmlns:c="http://example.com/not-sat" Version="4.0" '
        b'Total="ten" SubTotal="10.00" Fecha="yesterday" TipoDeComprobante="I">'
        b'<c:Emisor Rfc="CPP110627SM4"/><c:Receptor Rfc="XAXX010101000"/></c:Comprobante>'
    )
    result = extract(path)
    codes = [w["code"] for w in result["warnings"]]
    assert result["doc_type"] == "cfdi"
    assert "cfdi_namespace" in codes and "cfdi_invalid" in codes
    assert "total" not in result["fields"] and "issue_date" not in result["fields"]
    assert result["fields"]["subtotal"]["value"] == 10.0


def test_xml_that_is_not_a_cfdi_is_other_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "order.xml"
    path.write_bytes(b'<?xml version="1.0"?><PurchaseOrder><Line qty="1"/></PurchaseOrder>')
    result = extract(path)
    assert result["doc_type"] == "other"
    assert [w["code"] for w in result["warnings"]] == ["not_cfdi"]
