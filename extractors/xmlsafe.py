"""Parse untrusted XML (CFDI and anything else that arrives as XML) without expanding or fetching anything.

Documents reach us from email and uploads, so the parser refuses what XML lets an attacker do:
DTDs of any kind (which carry entity bombs and external entities), entity declarations, external references.
Nothing is fetched from the network and no entity is expanded. A refusal is an `XmlRefused` with a stable
`code` and a message a clerk can act on; the caller keeps the original file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405 - only used for the Element type and ParseError, never to parse
from dataclasses import dataclass, field
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET
from lxml import etree as lxml_etree

MAX_XML_BYTES = 20 * 1024 * 1024

_DOCTYPE_RE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_ENTITY_RE = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)


class XmlRefused(ValueError):
    """The XML was not parsed because it is unsafe or broken. `code` is stable, `message` is for a person."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class ParsedXml:
    """The root element and anything a reviewer should know about how it was read."""

    root: Any  # xml.etree Element, or an lxml element when the document needed recovery
    warnings: list[dict[str, str]] = field(default_factory=list)


def parse_xml(data: bytes) -> ParsedXml:
    """Parse XML bytes safely; raise `XmlRefused` for DTDs, entities, external references or unreadable XML.

    A document whose only fault is a namespace prefix that was never declared is read leniently (a real
    CFDI printout tool once produced those) and comes back with a warning.
    """
    if len(data) > MAX_XML_BYTES:
        raise XmlRefused(
            "xml_too_large",
            f"The XML file is larger than {MAX_XML_BYTES // (1024 * 1024)} MB and was not read.",
        )
    if _ENTITY_RE.search(data):
        raise XmlRefused(
            "xml_entities",
            "The XML file declares entities (a way to hide or multiply content); it was not read. "
            "Ask the sender for the file exactly as the SAT stamped it.",
        )
    if _DOCTYPE_RE.search(data):
        raise XmlRefused(
            "xml_dtd",
            "The XML file contains a DOCTYPE declaration, which invoices never have; it was not read. "
            "Ask the sender for the file exactly as the SAT stamped it.",
        )
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden as exc:
        raise XmlRefused("xml_dtd", "The XML file contains a DOCTYPE declaration; it was not read.") from exc
    except defusedxml.EntitiesForbidden as exc:
        raise XmlRefused("xml_entities", "The XML file declares entities; it was not read.") from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise XmlRefused(
            "xml_external",
            "The XML file refers to an external resource; it was not read and nothing was fetched.",
        ) from exc
    except ET.ParseError as exc:
        if "unbound prefix" in str(exc):
            return _parse_recovering(data, str(exc))
        raise XmlRefused("xml_malformed", f"The XML file is damaged and cannot be read ({exc}).") from exc
    return ParsedXml(root=root)


def _parse_recovering(data: bytes, reason: str) -> ParsedXml:
    parser = lxml_etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=True,
    )
    try:
        root = lxml_etree.fromstring(data, parser=parser)  # noqa: S320 - entities off, no network, no DTD
    except lxml_etree.XMLSyntaxError as exc:
        raise XmlRefused("xml_malformed", f"The XML file is damaged and cannot be read ({exc}).") from exc
    if root is None:
        raise XmlRefused("xml_malformed", f"The XML file is damaged and cannot be read ({reason}).")
    warning = {
        "code": "xml_namespace",
        "message": f"The XML uses a namespace prefix that is never declared ({reason}); read leniently.",
    }
    return ParsedXml(root=root, warnings=[warning])


def local_name(tag: Any) -> str:
    """`Comprobante` for `{http://www.sat.gob.mx/cfd/4}Comprobante` or `cfdi:Comprobante`."""
    if not isinstance(tag, str):
        return ""
    if tag.startswith("{"):
        tag = tag.split("}", 1)[1]
    return tag.rsplit(":", 1)[-1]


def namespace(tag: Any) -> str:
    """The namespace URI of a tag, or '' when it has none."""
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].split("}", 1)[0]
    return ""
