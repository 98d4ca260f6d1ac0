"""Small helpers to walk CFDI XML by local name, whatever prefix or namespace version the issuer used."""

from __future__ import annotations

from typing import Any

from extractors.xmlsafe import local_name


class Attributes:
    """An element's attributes, looked up by name in any capitalisation (CFDI 3.2 used `rfc`, 3.3+ `Rfc`)."""

    def __init__(self, element: Any) -> None:
        self._by_lower = {str(key).lower(): str(value) for key, value in element.attrib.items()}

    def get(self, *names: str) -> str | None:
        """The first of `names` that is present and not blank, stripped."""
        for name in names:
            value = self._by_lower.get(name.lower())
            if value is not None and value.strip() != "":
                return value.strip()
        return None


def children(element: Any, name: str) -> list[Any]:
    """Direct children with this local name (namespace ignored)."""
    return [node for node in element if local_name(node.tag) == name]


def child(element: Any, name: str) -> Any | None:
    """The first direct child with this local name."""
    found = children(element, name)
    return found[0] if found else None


def descendants(element: Any, name: str) -> list[Any]:
    """Every element below (and including) `element` with this local name."""
    return [node for node in element.iter() if local_name(node.tag) == name]
