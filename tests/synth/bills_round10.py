"""Round 10 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw:

* ``ebl``: the human-readable copy of an electronic bill of lading as eBL platforms print it from the data the
  carrier issued in the Digital Container Shipping Association's transport-document standard: no form boxes but
  sections titled after the standard's objects (``Transport Document``, ``Parties``, ``Transports``, ``Utilized
  Transport Equipments``, ``Consignment Items``, ``Charges``), each a list of ``Field name  value`` rows in the
  standard's wording turned into words (``Transport document reference``, ``Transport document type code  BOL``,
  ``Carrier code  MAEU (SMDG)``, ``Shipped on board date  2025-08-27``, ``Issue date``, ``Freight payment term
  code  PRE`` / ``COL``, ``Vessel name``, ``Carrier export voyage number``, ``Port of loading  CNNGB NINGBO``
  with the UN/LOCODE before the name); each piece of equipment as ``Equipment reference``, ``ISO equipment code
  45G1``, ``Seals``, ``Cargo gross weight 16526.3 KGM`` (the UN/ECE unit code, no thousands separator); the
  consignment items with ``Package code`` (UN/ECE Rec. 21: ``PX`` pallets, ``CT`` cartons), ``Number of
  packages``, ``HS codes`` and ``Description of goods``; a platform footer with the document's hash and ``Page
  2``; a section may break across pages, its later rows under a ``(continued)`` head.
* ``connaissement``: a Canadian road carrier's bilingual English / French straight bill of lading for a load
  from Ontario or Quebec to a Mexican plant (USMCA traffic carried through): ``STRAIGHT BILL OF LADING /
  CONNAISSEMENT À PERSONNE DÉNOMMÉE`` (the uniform conditions provincial regulations require), ``Shipper /
  Expéditeur``, ``Consignee / Destinataire``, ``Date`` printed as ``2025/08/27``, the carrier's ``Probill No. /
  No de connaissement``; goods rows ``Pieces / Pièces | Description | Weight kg / Poids kg | Weight lb / Poids
  lb``; ``Prepaid / Port payé`` and ``Collect / Port dû`` check boxes; ``Declared value / Valeur déclarée``
  stated as ``$ ... per kg``; the customs broker at the border and the PARS / PAPS barcode text; the carrier's
  SCAC printed beside its name.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("ebl", "connaissement")
KIND = {"ebl": "ocean", "connaissement": "truck"}
LOCODES = {
    "NINGBO": "CNNGB",
    "SHANGHAI": "CNSHA",
    "SHENZHEN": "CNSZX",
    "BUSAN": "KRPUS",
    "KAOHSIUNG": "TWKHH",
    "YOKOHAMA": "JPYOK",
    "HAMBURG": "DEHAM",
    "ROTTERDAM": "NLRTM",
    "MANZANILLO": "MXZLO",
    "LAZARO CARDENAS": "MXLZC",
    "VERACRUZ": "MXVER",
    "ALTAMIRA": "MXATM",
    "LONG BEACH": "USLGB",
    "HOUSTON": "USHOU",
}
CANADIAN = [
    ("TRANSPORT LAURENTIEN INC.", "TLAU", "2200 Rue Lapierre, Lasalle (QC) H8N 1B7"),
    ("ONTARIO NORTHLAND FREIGHT LTD.", "ONFL", "1600 Britannia Rd E, Mississauga ON L4W 1J2"),
    ("MAPLE CROSS-BORDER CARRIERS INC.", "MPCB", "45 Goodrich Rd, Toronto ON M8Z 6A4"),
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_ebl if arrangement == "ebl" else _connaissement)(truth, path, rng)


def _locode(place: str) -> str:
    """A place as ``CNNGB NINGBO``: the UN/LOCODE before the name (the name only when the code is not known)."""
    city = place.split(",")[0].strip().upper()
    code = LOCODES.get(city)
    return f"{code} {city}" if code else city


# --------------------------------------------------------------------------------------------------------


def _ebl(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.5
    s = Sheet(path, title="Electronic Bill of Lading - human readable copy")
    L, R = 40.0, s.width - 40.0
    digest = hashlib.sha256(f["bl_number"].encode()).hexdigest()
    package = rng.choice([("PX", "Pallet"), ("CT", "Carton"), ("PK", "Package"), ("CR", "Crate")])
    state = {"y": 0.0, "pages": 0}

    def foot() -> None:
        s.text(L, s.height - 20, f"Document hash (SHA-256): {digest}", font="Courier", size=5.5)
        s.right(R, s.height - 20, f"Page {s.page}", font=regular, size=6)

    def need(h: float) -> None:
        if state["y"] + h > s.height - 40:
            foot()
            s.new_page()
            s.text(L, 32, f"Transport document reference {f['bl_number']} (continued)", font=regular, size=size - 1)
            state["y"] = 52.0

    def section(title: str, rows: list[tuple[str, str]]) -> None:
        need(30)
        y = state["y"]
        s.text(L, y, title, font=bold, size=size + 2)
        s.hline(L, R, y + 3, 0.8)
        state["y"] += 14
        for label, value in rows:
            parts = wrap(value, R - L - 190, font=regular, size=size) or [""]
            need(10 * len(parts))
            s.text(L + 8, state["y"], label, font=regular, size=size)
            for k, part in enumerate(parts):
                s.text(L + 190, state["y"] + 10 * k, part, font=bold, size=size)
            state["y"] += 10 * len(parts)
        state["y"] += 8

    s.text(L, 36, "ELECTRONIC BILL OF LADING", font=bold, size=13)
    s.text(L, 48, "Human-readable copy of the electronic transport record - not an original", font=regular, size=6.5)
    s.right(R, 36, f["carrier_name"], font=bold, size=10)
    state["y"] = 74.0
    terms = "PRE" if f["freight_terms"] == "prepaid" else "COL"
    section(
        "Transport Document",
        [
            ("Transport document reference", f["bl_number"]),
            ("Transport document type code", "BOL"),
            ("Is electronic", "true"),
            ("Is to order", "false"),
            ("Carrier code", f"{f['carrier_scac']} (SMDG)"),
            ("Carrier booking reference", x["booking"]),
            ("Shipped on board date", f["shipped_on_board_date"]),
            ("Issue date", f["issue_date"]),
            ("Freight payment term code", terms),
            ("Number of originals with charges", "0"),
        ],
    )
    section(
        "Parties",
        [
            ("Shipper - party name", f["shipper_name"]),
            ("Shipper - address", x["shipper_address"]),
            ("Consignee - party name", f["consignee_name"]),
            ("Consignee - address", x["consignee_address"]),
            ("Consignee - tax reference (RFC)", x["consignee_rfc"]),
            ("Notify party - party name", f["notify_party_name"]),
        ],
    )
    for key in ("port_of_loading", "port_of_discharge", "place_of_delivery"):
        if _locode(f[key]) == f[key].split(",")[0].strip().upper():
            f[key] = _locode(f[key])  # no code known: the name alone is printed (its state or country is not)
    section(
        "Transports",
        [
            ("Vessel name", f["vessel"]),
            ("Carrier export voyage number", f["voyage"]),
            ("Port of loading", _locode(f["port_of_loading"])),
            ("Port of discharge", _locode(f["port_of_discharge"])),
            ("Place of delivery", _locode(f["place_of_delivery"])),
        ],
    )
    for k, ln in enumerate(lines, start=1):
        section(
            f"Utilized Transport Equipment {k}",
            [
                ("Equipment reference", ln["container_number"]),
                ("ISO equipment code", rng.choice(["45G1", "22G1", "42G1"])),
                ("Is shipper owned", "false"),
                ("Seals", ln["seal_number"]),
                ("Cargo gross weight", f"{ln['gross_weight_kg']:.1f} KGM"),
                ("Package code", package[0]),
                ("Number of packages", str(ln["package_count"])),
            ],
        )
    section(
        "Consignment Items",
        [
            ("Description of goods", f["goods_description"]),
            ("HS codes", x["fraccion"][:6]),
            ("Total number of packages", f"{f['package_count']} {package[1].upper()}S"),
            ("Total cargo gross weight", f"{f['gross_weight_kg']:.1f} KGM"),
            ("References", f"INVOICE {x['invoice']}, PURCHASE ORDER {x['po']}"),
        ],
    )
    section("Charges", [("Freight payment term code", terms), ("Currency", "USD"), ("Charges", "AS AGREED")])
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _connaissement(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, scac, address = rng.choice(CANADIAN)
    digits = "".join(ch for ch in f["bl_number"] if ch.isdigit())
    f.update({"carrier_name": name, "carrier_scac": scac, "bl_number": f"{scac}{digits}"})  # the carrier's own probill
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.5
    s = Sheet(path, title="Straight Bill of Lading / Connaissement")
    L, R = 32.0, s.width - 32.0
    M = (L + R) / 2
    when = f["issue_date"].replace("-", "/")
    pars = f"{scac}{rng.randint(10**8, 10**9 - 1)}"

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 3, y0 + 8, caption, font=bold, size=size - 1)
        for k, row in enumerate(rows):
            s.text(x0 + 6, y0 + 19 + 9.5 * k, row, font=regular, size=size)

    s.text(L, 38, f"{name}   SCAC {scac}", font=bold, size=10.5)
    s.text(L, 49, address, font=regular, size=size - 0.5)
    s.text(L, 66, "STRAIGHT BILL OF LADING - ORIGINAL - NOT NEGOTIABLE", font=bold, size=size + 1)
    s.text(L, 76, "CONNAISSEMENT À PERSONNE DÉNOMMÉE - ORIGINAL - NON NÉGOCIABLE", font=bold, size=size + 1)
    box(R - 190, 28, R, 58, "Probill No. / No de connaissement", [f["bl_number"]])
    box(R - 190, 58, R, 84, "Date", [when])
    y = 92.0
    shipper = [f["shipper_name"], *wrap(x["shipper_address"], M - L - 12, font=regular, size=size)[:2]]
    consignee = [f["consignee_name"], *wrap(x["consignee_address"], M - L - 12, font=regular, size=size)[:2]]
    consignee.append(f"RFC {x['consignee_rfc']}")
    box(L, y, M, y + 62, "Shipper / Expéditeur", shipper)
    box(M, y, R, y + 62, "Consignee / Destinataire", consignee)
    y += 62
    broker = rng.choice(["LIVINGSTON INTERNATIONAL", "FARROW", "AGENCIA ADUANAL DEL BRAVO SC"])
    box(L, y, M, y + 40, "Customs broker / Courtier en douane", [broker, f"PARS/PAPS: {pars}"])
    refs = [f"Invoice / Facture: {x['invoice']}", f"P.O. / Bon de commande: {', '.join(x['pos'])}"]
    box(M, y, R, y + 40, "Shipper's references / Références de l'expéditeur", refs)
    y += 40
    box(L, y, R, y + 24, "Trailer / Remorque  -  Seals / Scellés", [f"{x['trailer']}   {' '.join(x['seals'])}"])
    y += 36
    cols = [
        ("Pieces / Pièces", L + 60, "r"),
        ("Description of articles / Description des articles", L + 72, "l"),
        ("Weight kg / Poids kg", R - 80, "r"),
        ("Weight lb / Poids lb", R - 4, "r"),
    ]
    s.shade(L, y - 9, R, y + 4, 0.82)
    for label, cx, align in cols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 15
    for ln in lines:
        desc = wrap(ln["description"].upper(), R - 170 - (L + 72), font=regular, size=size)
        kg = ln["gross_weight_kg"]
        cells = [str(ln["package_count"]), desc[0], f"{kg:,.1f}", f"{kg * 2.20462:,.0f}"]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 72, y + 9.5 * j, part, font=regular, size=size)
        y += 9.5 * len(desc) + 5
    s.hline(L, R, y - 5, 0.6)
    y += 6
    total = f["gross_weight_kg"]
    s.right(L + 60, y, str(f["package_count"]), font=bold, size=size)
    s.text(L + 72, y, "TOTAL", font=bold, size=size)
    s.right(R - 80, y, f"{total:,.1f}", font=bold, size=size)
    s.right(R - 4, y, f"{total * 2.20462:,.0f}", font=bold, size=size)
    y += 26
    prepaid = f["freight_terms"] == "prepaid"
    s.text(L, y, f"[{'X' if prepaid else ' '}] Prepaid / Port payé", font=regular, size=size)
    s.text(L + 140, y, f"[{' ' if prepaid else 'X'}] Collect / Port dû", font=regular, size=size)
    value = rng.choice(["2.00", "4.41"])
    s.text(M, y, f"Declared value / Valeur déclarée: $ {value} per kg / par kg", font=regular, size=size)
    y += 22
    terms = (
        "Received, subject to the uniform conditions of carriage in force on the date of issue, the goods described "
        "above in apparent good order. / Reçu, sous réserve des conditions uniformes de transport en vigueur à la "
        "date d'émission, les marchandises décrites ci-dessus en bon état apparent."
    )
    for part in wrap(terms, R - L, font=regular, size=size - 1.5):
        s.text(L, y, part, font=regular, size=size - 1.5)
        y += 8
    y += 22
    for k, label in enumerate(("Shipper / Expéditeur", "Carrier / Transporteur", "Consignee / Destinataire")):
        x0 = L + k * (R - L) / 3
        s.hline(x0 + 6, x0 + (R - L) / 3 - 10, y, 0.5)
        s.text(x0 + 6, y + 9, label, font=regular, size=size - 1)
    s.save()
    return s.page
