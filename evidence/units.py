"""The units a pedimento gives quantities in (Anexo 22, Apéndice 7: UMC and UMT), by code, with their English
names; the portal and the evidence report show the name in the reader's language (the Spanish names are in the
catalogues), never the bare code."""

from __future__ import annotations

from typing import Any

from immex.messages import N_

UNIT_NAMES: dict[str, str] = {
    "1": N_("kilogram"),
    "2": N_("gram"),
    "3": N_("linear metre"),
    "4": N_("square metre"),
    "5": N_("cubic metre"),
    "6": N_("piece"),
    "7": N_("head"),
    "8": N_("litre"),
    "9": N_("pair"),
    "10": N_("kilowatt"),
    "11": N_("thousand"),
    "12": N_("set"),
    "13": N_("kilowatt-hour"),
    "14": N_("tonne"),
    "15": N_("barrel"),
    "16": N_("net gram"),
    "17": N_("tens"),
    "18": N_("hundreds"),
    "19": N_("dozens"),
    "20": N_("box"),
    "21": N_("bottle"),
}


def unit_name(code: Any) -> str:
    """``6`` → ``piece``; a unit that is not an Apéndice 7 code is given as written (``KGM`` stays)."""
    if code is None:
        return ""
    text = str(code).strip()
    return UNIT_NAMES.get(text, text)
