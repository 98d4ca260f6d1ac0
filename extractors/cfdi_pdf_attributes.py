"""Conceptos and Comercio Exterior mercancías from a printout that shows the CFDI's nodes and their attributes.

Some printouts (XML viewers, PAC portals' "detalle" pages, desktop packages' debug views) print the CFDI as its
nodes: a node's name ("Concepto", "cfdi:Concepto", "Mercancia") and under it its attributes under their SAT names,
as ``ClaveProdServ:43201800``, ``Cantidad: 120``, ``ValorUnitario="1.25"`` or as a row of name and value
(``Importe   150.00``), one or several to a line. The SAT's attribute names (cfdv40.xsd, the CCE's XSD) are the
labels, so the reading needs no layout: an attribute belongs to the node being printed until an attribute of
that node repeats or one that no such node has appears (a tax's ``Base``, the next concepto's
``ClaveProdServ`` after it), or a line names a node.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from extractors import layout
from extractors.layout.lines import _close
from extractors.result import compact_line, line_field

# The SAT attribute name (normalised) → the contract's key, per node.
CONCEPTO = "concepto"
MERCANCIA = "mercancia"
NODES: dict[str, dict[str, str]] = {
    CONCEPTO: {
        "CLAVEPRODSERV": "product_key",
        "NOIDENTIFICACION": "part_number",
        "CANTIDAD": "quantity",
        "CLAVEUNIDAD": "unit",
        "UNIDAD": "_unit_name",
        "DESCRIPCION": "description",
        "VALORUNITARIO": "unit_price",
        "IMPORTE": "amount",
        "DESCUENTO": "_discount",
        "OBJETOIMP": "_tax_object",
    },
    MERCANCIA: {
        "NOIDENTIFICACION": "part_number",
        "FRACCIONARANCELARIA": "tariff_code",
        "CANTIDADADUANA": "customs_quantity",
        "UNIDADADUANA": "customs_unit",
        "VALORUNITARIOADUANA": "usd_unit_value",
        "VALORDOLARES": "usd_value",
    },
    # nodes printed among them, whose attributes end a concepto's or a mercancía's
    "tax": {name: name for name in ("BASE", "IMPUESTO", "TIPOFACTOR", "TASAOCUOTA", "IMPORTE")},
    "customs": {"NUMEROPEDIMENTO": "NUMEROPEDIMENTO"},
    "details": {name: name for name in ("MARCA", "MODELO", "SUBMODELO", "NUMEROSERIE")},
}
KNOWN = frozenset(name for names in NODES.values() for name in names)
# Names made of two or more words run together (ClaveProdServ): printed so, they are the XML's own names, which
# no printout that labels its cells in words does; a record must show one to be read as a node.
COMPOUND = frozenset(
    {"CLAVEPRODSERV", "NOIDENTIFICACION", "CLAVEUNIDAD", "VALORUNITARIO", "OBJETOIMP"}
    | {name for name in NODES[MERCANCIA] if name != "NOIDENTIFICACION"}
)

# An attribute as printed: its name (maybe with a namespace prefix), then ":" or "=", maybe the value glued on.
_PAIR = re.compile(r"^(?:[A-Za-z]+:)?([A-Za-z][A-Za-z0-9]*)\s*[:=]\s*(.*)$")
# A line naming a node: an XML name (maybe prefixed), maybe its number, "/" between a complement and its node.
_NODE_WORD = re.compile(r"^(?:[A-Za-z]+:)?[A-Za-z]+$|^\d{1,4}$|^[/>»|-]$")
_QUOTES = "\"'“”‘’«»"


@dataclass
class _Pair:
    """One attribute read off a line: its normalised name, the word holding the name and its value's words."""

    name: str
    label: Any
    value: list[Any] = field(default_factory=list)


@dataclass
class _Node:
    """The attributes of one node as printed, with the nodes it can still be."""

    kinds: set[str] = field(default_factory=lambda: set(NODES))
    pairs: dict[str, _Pair] = field(default_factory=dict)
    page: int = 0

    def takes(self, name: str) -> bool:
        """Whether the attribute can belong to this node: not printed in it yet, and a node kind that has it."""
        return name not in self.pairs and any(name in NODES[kind] for kind in self.kinds)

    def add(self, pair: _Pair, page: int) -> None:
        self.kinds = {kind for kind in self.kinds if pair.name in NODES[kind]}
        self.pairs[pair.name] = pair
        self.page = self.page or page


def _split(word: Any, at: int) -> tuple[Any, Any]:
    """A word cut at character ``at`` into two, each with its share of the box."""
    cut = word.x0 + (word.x1 - word.x0) * at / max(1, len(word.text))
    return dataclasses.replace(word, text=word.text[:at], x1=cut), dataclasses.replace(
        word, text=word.text[at:], x0=cut
    )


def _attribute_name(text: str) -> bool:
    """A known SAT name, or a name in the XML's camel case (``NumRegIdTrib``, ``Version``): a word of capitals
    before a colon ("PODER:") is a description's text, not an attribute."""
    return layout.norm(text) in KNOWN or any(ch.islower() for ch in text)


def _known(text: str, fuzzy: bool) -> str:
    """The name normalised; on a scan, the known name one edit away when only one is (OCR reads the I of
    ``NoIdentificacion`` as an l)."""
    name = layout.norm(text)
    if name in KNOWN or not fuzzy:
        return name
    close = [known for known in KNOWN if _close(name, known)]
    return close[0] if len(close) == 1 else name


def _pair_start(words: list[Any], index: int, fuzzy: bool = False) -> tuple[str, Any, Any | None, int] | None:
    """The attribute that starts at ``words[index]``: (normalised name, label word, the value's glued start or None,
    words the label takes). ``Name:value``, ``Name:`` and ``Name :`` / ``Name =`` (the sign a word of its own)."""
    word = words[index]
    match = _PAIR.match(word.text)
    if match is not None and _attribute_name(match.group(1)):
        name = _known(match.group(1), fuzzy)
        rest = match.group(2)
        if not rest:
            return name, word, None, 1
        _label, glued = _split(word, len(word.text) - len(rest))
        return name, word, glued, 1
    if index + 1 < len(words) and re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", word.text) and _attribute_name(word.text):
        sign = words[index + 1].text
        if sign[:1] in ":=" and len(sign) >= 1:
            rest = sign[1:].strip()
            if not rest:
                return _known(word.text, fuzzy), word, None, 2
            _label, glued = _split(words[index + 1], len(sign) - len(rest))
            return _known(word.text, fuzzy), word, glued, 2
    return None


def _unquoted(words: list[Any]) -> list[Any]:
    """The value's words without the quotes an XML attribute is printed in."""
    out = list(words)
    if out:
        out[0] = dataclasses.replace(out[0], text=out[0].text.lstrip(_QUOTES))
        out[-1] = dataclasses.replace(out[-1], text=out[-1].text.rstrip(_QUOTES))
    return [word for word in out if word.text]


def signed_pairs(words: list[Any], fuzzy: bool = False) -> list[_Pair]:
    """The attributes of a line printed with ":" or "=": each runs to the next attribute's name (``fuzzy``: a
    scan's, whose names OCR may have misread by a letter)."""
    pairs: list[_Pair] = []
    index = 0
    while index < len(words):
        start = _pair_start(words, index, fuzzy)
        if start is None:
            if pairs:
                pairs[-1].value.append(words[index])
            index += 1
            continue
        name, label, glued, taken = start
        pairs.append(_Pair(name, label, [glued] if glued is not None else []))
        index += taken
    for pair in pairs:
        pair.value = _unquoted(pair.value)
    return pairs


def bare_pairs(words: list[Any], fuzzy: bool = False) -> list[_Pair]:
    """A row of names and values without signs (``Cantidad  120  ClaveUnidad  H87``): read only when it opens with
    a known name and every known name is followed by a value, so a table's header row is not read as values."""
    pairs: list[_Pair] = []
    for word in words:
        name = _known(word.text, fuzzy)
        if name in KNOWN and re.fullmatch(r"(?:[A-Za-z]+:)?[A-Za-z]+", word.text):
            pairs.append(_Pair(name, word))
        elif pairs:
            pairs[-1].value.append(word)
        else:
            return []
    return pairs if pairs and all(pair.value for pair in pairs) else []


# The CFDI's nodes that a printout names in capitals as well (an XML name is otherwise in camel case).
NODE_NAMES = frozenset(
    {"CONCEPTOS", "CONCEPTO", "IMPUESTOS", "TRASLADOS", "TRASLADO", "RETENCIONES", "RETENCION", "PARTE"}
    | {"INFORMACIONADUANERA", "COMPLEMENTO", "COMERCIOEXTERIOR", "MERCANCIAS", "MERCANCIA", "EMISOR", "RECEPTOR"}
)


def _is_node_line(words: list[Any]) -> bool:
    """A line that names a node (``Concepto 2``, ``cfdi:Concepto``, ``Complemento / cce:ComercioExterior``): an
    XML name first, in camel case or one of the nodes' names; a description's wrapped words in capitals are none."""
    if not 0 < len(words) <= 4 or not all(_NODE_WORD.match(word.text) for word in words):
        return False
    first = words[0].text.split(":")[-1]
    return first[:1].isalpha() and (any(ch.islower() for ch in first) or layout.norm(first) in NODE_NAMES)


def _continues(line: layout.Line, last: _Pair | None, previous: layout.Line | None) -> bool:
    """A line of the description wrapped under its attribute: no attribute in it, set right under the line before
    and indented past the attribute's name (or aligned with it, when it names no node)."""
    if last is None or last.name != "DESCRIPCION" or previous is None:
        return False
    if line.top - previous.bottom > 0.8 * max(line.height, previous.height):
        return False
    x0 = line.words[0].x0
    return x0 > last.label.x0 + 1.0 or (x0 >= last.label.x0 - 1.0 and not _is_node_line(line.words))


def read_nodes(pages: list[layout.PageLayout]) -> list[_Node]:
    """The nodes printed as attributes, in reading order (every kind; the caller keeps conceptos and
    mercancías)."""
    nodes: list[_Node] = []
    node: _Node | None = None
    last: _Pair | None = None
    for page in pages:
        previous: layout.Line | None = None
        for line in page.lines:
            words = [word for word in line.words if word.text.strip()]
            if not words:
                continue
            pairs = signed_pairs(words, page.ocr) or bare_pairs(words, page.ocr)
            if not pairs and _continues(line, last, previous) and last is not None:
                last.value.extend(words)
            elif not pairs and _is_node_line(words):
                node, last = None, None
            for pair in pairs:
                if pair.name not in KNOWN:
                    node, last = None, None  # an attribute no concepto or mercancía has: another node's
                    continue
                if node is None or not node.takes(pair.name):
                    node = _Node()
                    nodes.append(node)
                node.add(pair, page.number)
                last = pair
            previous = line
    return nodes


def _parsed(node: _Node, kind: str, parsers: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, dict[str, Any] | None] = {}
    for name, pair in node.pairs.items():
        key = NODES[kind].get(name, "")
        parser = parsers.get(key)
        if parser is None or not pair.value:
            continue
        found = layout.found_from_cell(layout.Cell(words=pair.value, page=node.page), parser, 0.9)
        if found is not None:
            line[key] = line_field(found.value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw)
    return compact_line(line)


def attribute_lines(
    pages: list[layout.PageLayout], concepto_parsers: dict[str, Any], mercancia_parsers: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The conceptos (with a quantity) and the mercancías (with a fracción) printed as attributes. A concepto
    without its ClaveUnidad takes the key of its Unidad's name (the unit parser knows the catalogue's names)."""
    conceptos: list[dict[str, Any]] = []
    mercancias: list[dict[str, Any]] = []
    for node in read_nodes(pages):
        if not COMPOUND & node.pairs.keys():
            continue
        if CONCEPTO in node.kinds:
            line = _parsed(node, CONCEPTO, {**concepto_parsers, "_unit_name": concepto_parsers.get("unit")})
            name = line.pop("_unit_name", None)
            if "unit" not in line and name is not None:
                line["unit"] = name
            if "quantity" in line:
                conceptos.append(line)
        elif MERCANCIA in node.kinds:
            line = _parsed(node, MERCANCIA, mercancia_parsers)
            if "tariff_code" in line:
                mercancias.append(line)
    return conceptos, mercancias
