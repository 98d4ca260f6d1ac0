"""A partida's units of measure (UMC, UMT) as Anexo 22 Apéndice 7 codes, however the printout gives them: the code
itself (``6``), the code with its name (``6 - PIEZA``), or the name alone, in Spanish or, on a broker's courtesy
translation, in English (``PIECE``, ``KILO``, ``METER``)."""

from __future__ import annotations

import re

from extractors.layout import norm

# Apéndice 7: code → the names its unit is printed by (Spanish, English; singular and plural, usual abbreviations)
_NAMES: dict[str, tuple[str, ...]] = {
    "1": ("KILO", "KILOS", "KILOGRAMO", "KILOGRAMOS", "KILOGRAM", "KILOGRAMS", "KG", "KGS"),
    "2": ("GRAMO", "GRAMOS", "GRAM", "GRAMS"),
    "3": (
        "METRO LINEAL",
        "METROS LINEALES",
        "METRO",
        "METROS",
        "METER",
        "METERS",
        "METRE",
        "METRES",
        "LINEAR METER",
        "MTS",
        # the metre's symbol, as a web grid abbreviates the unit beside PZA and KG
        "M",
        "MT",
        "ML",
    ),
    "4": ("METRO CUADRADO", "METROS CUADRADOS", "SQUARE METER", "SQUARE METERS", "M2"),
    "5": ("METRO CUBICO", "METROS CUBICOS", "CUBIC METER", "CUBIC METERS", "M3"),
    "6": ("PIEZA", "PIEZAS", "PZA", "PZAS", "PIECE", "PIECES", "PCS"),
    "7": ("CABEZA", "CABEZAS", "HEAD"),
    "8": ("LITRO", "LITROS", "LITER", "LITERS", "LITRE", "LITRES"),
    "9": ("PAR", "PARES", "PAIR", "PAIRS"),
    "10": ("KILOWATT", "KILOWATTS"),
    "11": ("MILLAR", "MILLARES", "THOUSAND"),
    "12": ("JUEGO", "JUEGOS", "SET", "SETS"),
    "13": ("KILOWATT/HORA", "KILOWATT HORA", "KILOWATT HOUR", "KWH"),
    "14": ("TONELADA", "TONELADAS", "TON", "TONS", "TONNE", "TONNES"),
    "15": ("BARRIL", "BARRILES", "BARREL", "BARRELS"),
    "16": ("GRAMO NETO", "GRAMOS NETOS", "NET GRAM"),
    "17": ("DECENAS", "DECENA", "TENS"),
    "18": ("CIENTOS", "CIENTO", "HUNDREDS"),
    "19": ("DOCENAS", "DOCENA", "DOZEN", "DOZENS"),
    "20": ("CAJA", "CAJAS", "BOX", "BOXES"),
    "21": ("BOTELLA", "BOTELLAS", "BOTTLE", "BOTTLES"),
}
UNIT_CODES: dict[str, str] = {norm(name): code for code, names in _NAMES.items() for name in names}
_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9/ ]*[A-Za-z0-9]|[A-Za-z]")


# Marks a scan sets at a word's edges (``-PIECE``: a rule read as a dash).
_MARKS = " \t-.,:;'`\"|_~‘’“”()[]"


def unit_code(text: str) -> str | None:
    """The Apéndice 7 code of a unit printed by its name alone (``PIECE``, ``Metro lineal``), else None."""
    stripped = text.strip(_MARKS)
    return UNIT_CODES.get(norm(stripped)) if _NAME_RE.fullmatch(stripped) else None


def parse_unit_name(text: str) -> tuple[str, tuple[int, int]] | None:
    """A unit's name as its Apéndice 7 code (the whole cell is the name, marks at its edges aside)."""
    stripped = text.strip(_MARKS)
    code = unit_code(stripped)
    if code is None:
        return None
    start = text.index(stripped[:1])
    return code, (start, start + len(stripped))
